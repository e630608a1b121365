"""Responsibility clauses: every clause form, role, rule and bad input, from real snippets."""

from __future__ import annotations

import re
from typing import Any

import pytest
import regex

from policyparse.assignments import apply_aliases, find_assignments
from policyparse.lexicon import roles as _rl
from policyparse.models import Assignment
from policyparse.normalize import normalize
from policyparse.sections import build_outline

from ..notices import loaded_text, notice_paths

# The single bracket scan BRACKET_STARTS is held to (the lexicon keeps only its source).
BRACKET_SCAN = re.compile(_rl.BRACKET_SCAN_SOURCE)


def run(text: str, aliases: dict[str, str] | None = None) -> tuple[list[Assignment], list[str]]:
    norm = normalize(text)
    return find_assignments(norm, build_outline(norm), aliases)


def rows(text: str) -> list[tuple[str | None, str, str, str]]:
    found, _ = run(text)
    return [(a.path, a.role, a.unit, a.full) for a in found]


R, L, C = "responsible", "lead", "cooperating"

# (name, text, expected (path, role, unit, full) in reading order)
EXAMPLES: list[tuple[str, str, list[tuple[str | None, str, str, str]]]] = [
    (
        "xian-tortoise-brackets-groups",  # 000: 〔〕, nested (), shared suffix after a ","
        "一、主要任务\n(一)深化改革\n1.推进知识产权综合管理体制改革。积极开展改革。"
        "〔责任单位:市科技局(知识产权局)、市工商局;配合单位:市编办,西咸新区、高新区管委会〕",
        [
            ("一/(一)/1", R, "市科技局(知识产权局)", "市科技局(知识产权局)"),
            ("一/(一)/1", R, "市工商局", "市工商局"),
            ("一/(一)/1", C, "市编办", "市编办"),
            ("一/(一)/1", C, "西咸新区", "西咸新区管委会"),
            ("一/(一)/1", C, "高新区管委会", "高新区管委会"),
        ],
    ),
    (
        "xian-district-governments",  # 000: …区、…区政府 each takes 政府; 各区县政府 keeps its own
        "一、任务\n1.开展试点。〔责任单位:市科技局;配合单位:碑林区、阎良区政府,各区县政府、西咸新区、各开发区管委会〕",
        [
            ("一/1", R, "市科技局", "市科技局"),
            ("一/1", C, "碑林区", "碑林区政府"),
            ("一/1", C, "阎良区政府", "阎良区政府"),
            ("一/1", C, "各区县政府", "各区县政府"),
            ("一/1", C, "西咸新区", "西咸新区管委会"),
            ("一/1", C, "各开发区管委会", "各开发区管委会"),
        ],
    ),
    (
        "xian-clause-broken-across-lines",  # 000 item 7: the clause is broken after a 、
        "一、任务\n1.培育产业。〔责任单位:市科技局(知识产权局)、\n市工商局;配合单位:市统计局〕",
        [
            ("一/1", R, "市科技局(知识产权局)", "市科技局(知识产权局)"),
            ("一/1", R, "市工商局", "市工商局"),
            ("一/1", C, "市统计局", "市统计局"),
        ],
    ),
    (
        "puyang-restore-shi",  # 001: 市 restored, 市场监管局 → 市市场监管局, 濮阳海关 keeps its name
        "濮阳市人民政府\n一、重点任务\n(一)创造\n1.优化激励机制。(责任单位:市委宣传部、工业和信息化局、"
        "市场监管局、中级人民法院、科协、濮阳海关、濮阳银保监分局)",
        [
            ("一/(一)/1", R, "市委宣传部", "市委宣传部"),
            ("一/(一)/1", R, "工业和信息化局", "市工业和信息化局"),
            ("一/(一)/1", R, "市场监管局", "市市场监管局"),
            ("一/(一)/1", R, "中级人民法院", "市中级人民法院"),
            ("一/(一)/1", R, "科协", "市科协"),
            ("一/(一)/1", R, "濮阳海关", "濮阳海关"),
            ("一/(一)/1", R, "濮阳银保监分局", "濮阳银保监分局"),
        ],
    ),
    (
        "shenyang-square-brackets",  # 004: [牵头单位:…;责任单位:…], 各区、县(市)政府 one unit
        "一、主要任务\n(一)金融\n1.推进质押融资。[牵头单位:市市场监管局;责任单位:中国人民银行沈阳分行营业管理部,"
        "市金融发展局、财政局、盛京金控投资集团有限公司,各区、县(市)政府]",
        [
            ("一/(一)/1", L, "市市场监管局", "市市场监管局"),
            ("一/(一)/1", R, "中国人民银行沈阳分行营业管理部", "中国人民银行沈阳分行营业管理部"),
            ("一/(一)/1", R, "市金融发展局", "市金融发展局"),
            ("一/(一)/1", R, "财政局", "市财政局"),
            ("一/(一)/1", R, "盛京金控投资集团有限公司", "盛京金控投资集团有限公司"),
            ("一/(一)/1", R, "各区、县(市)政府", "各区、县(市)政府"),
        ],
    ),
    (
        "shenyang-prefix-from-other-list",  # 004: 浑南区政府 leads; 金融发展局 borrows 市 from its list
        "一、任务\n[牵头单位:浑南区政府;责任单位:市市场监管局、金融发展局]",
        [
            ("一", L, "浑南区政府", "浑南区政府"),
            ("一", R, "市市场监管局", "市市场监管局"),
            ("一", R, "金融发展局", "市金融发展局"),
        ],
    ),
    (
        "lenticular-brackets",
        "一、任务\n(一)加强保护。【牵头单位:市司法局;协办单位:市公安局】",
        [("一/(一)", L, "市司法局", "市司法局"), ("一/(一)", C, "市公安局", "市公安局")],
    ),
    (
        "qingdao-own-lines-after-break",  # 002: label lines after the task, 各区、市政府 one unit, tail cut
        "一、重点任务\n(一)管理\n1.深化改革。推进试点示范工作。\n\n    牵头单位:市编委办、市科技局\n\n"
        "    责任单位:市文广新局,各有关奖项评选单位,各区、市政府,青岛海关按职责分工负责\n\n2.下一项。",
        [
            ("一/(一)/1", L, "市编委办", "市编委办"),
            ("一/(一)/1", L, "市科技局", "市科技局"),
            ("一/(一)/1", R, "市文广新局", "市文广新局"),
            ("一/(一)/1", R, "各有关奖项评选单位", "各有关奖项评选单位"),
            ("一/(一)/1", R, "各区、市政府", "各区、市政府"),
            ("一/(一)/1", R, "青岛海关", "青岛海关"),
        ],
    ),
    (
        "qingdao-place-named-units",  # 002: 青岛仲裁办 and 中德生态园管委 keep their names
        "青岛市人民政府\n一、任务\n责任单位:市中级法院,市科技局、青岛仲裁办,中德生态园管委,崂山区政府按职责分工负责",
        [
            ("一", R, "市中级法院", "市中级法院"),
            ("一", R, "市科技局", "市科技局"),
            ("一", R, "青岛仲裁办", "青岛仲裁办"),
            ("一", R, "中德生态园管委", "中德生态园管委"),
            ("一", R, "崂山区政府", "崂山区政府"),
        ],
    ),
    (
        "label-variants",
        "一、任务\n(责任部门:市教育局;配合部门:市财政局)(负责单位:市民政局)(主办单位:市文明办;参与单位:团市委)"
        "(牵头部门:市卫健委;协助单位:市红十字会)",
        [
            ("一", R, "市教育局", "市教育局"),
            ("一", C, "市财政局", "市财政局"),
            ("一", R, "市民政局", "市民政局"),
            ("一", R, "市文明办", "市文明办"),
            ("一", C, "团市委", "团市委"),
            ("一", L, "市卫健委", "市卫健委"),
            ("一", C, "市红十字会", "市红十字会"),
        ],
    ),
    (
        "unlabelled-lead-and-cooperating",
        "一、任务\n(一)扩大投资。推进项目建设。(市发展改革委牵头,市财政局、市商务局配合)",
        [
            ("一/(一)", L, "市发展改革委", "市发展改革委"),
            ("一/(一)", C, "市财政局", "市财政局"),
            ("一/(一)", C, "市商务局", "市商务局"),
        ],
    ),
    (
        "unlabelled-by-duty-restores-sheng",
        "一、任务\n(一)创新。加强研发。(省科技厅、工业和信息化厅按职责分工负责)",
        [
            ("一/(一)", R, "省科技厅", "省科技厅"),
            ("一/(一)", R, "工业和信息化厅", "省工业和信息化厅"),
        ],
    ),
    (
        "unlabelled-local-governments",
        "一、任务\n(一)落实。(各地级以上市人民政府结合实际落实)",
        [("一/(一)", R, "各地级以上市人民政府", "各地级以上市人民政府")],
    ),
    (
        "suzhou-lead-responsible",  # corpus 01
        "一、重点任务\n1.加快技术改造。每年组织实施项目。(市工信局牵头负责,市发改委按职责分工负责)",
        [("一/1", L, "市工信局", "市工信局"), ("一/1", R, "市发改委", "市发改委")],
    ),
    (
        "suzhou-etc-and-companies",  # corpus 01: 等 cut, companies keep their names
        "一、行动\n1.回收。(市商务局、苏州海关、城投集团等按职责分工负责)",
        [
            ("一/1", R, "市商务局", "市商务局"),
            ("一/1", R, "苏州海关", "苏州海关"),
            ("一/1", R, "城投集团", "城投集团"),
        ],
    ),
    (
        "several-clauses-one-paragraph",
        "一、任务\n(一)交通。建设网络。(省交通运输厅负责)完善标准。(省能源局负责,省市场监管局配合)",
        [
            ("一/(一)", R, "省交通运输厅", "省交通运输厅"),
            ("一/(一)", R, "省能源局", "省能源局"),
            ("一/(一)", C, "省市场监管局", "省市场监管局"),
        ],
    ),
    (
        "heading-names-its-owner",
        "一、强化科技创新(区科技局牵头)\n(一)建设平台。具体内容。",
        [("一", L, "区科技局", "区科技局")],
    ),
    (
        "district-prefix-restored",
        "一、任务\n(区科技局牵头,发展改革委、财政局配合)",
        [
            ("一", L, "区科技局", "区科技局"),
            ("一", C, "发展改革委", "区发展改革委"),
            ("一", C, "财政局", "区财政局"),
        ],
    ),
    (
        "jiangxi-html-full-width",  # html 03: full-width brackets and colon, 各市、县〔区〕政府 one unit
        "一、任务\n(一)加强教育。加强班主任队伍建设。（责任单位：省教育厅、省财政厅，各市、县〔区〕政府，赣江新区管委会）",
        [
            ("一/(一)", R, "省教育厅", "省教育厅"),
            ("一/(一)", R, "省财政厅", "省财政厅"),
            ("一/(一)", R, "各市、县〔区〕政府", "各市、县〔区〕政府"),
            ("一/(一)", R, "赣江新区管委会", "赣江新区管委会"),
        ],
    ),
    (
        "first-listed-is-lead-note",
        "各项任务中列第一位者为牵头单位。\n一、任务\n(一)推进。(责任单位:市科技局、市财政局)",
        [("一/(一)", L, "市科技局", "市科技局"), ("一/(一)", R, "市财政局", "市财政局")],
    ),
    (
        "deadline-in-clause",
        "一、任务\n(一)推进。(牵头单位:市科技局;完成时限:2023年底前)",
        [("一/(一)", L, "市科技局", "市科技局")],
    ),
]

NOT_CLAUSES = [
    (
        "prose-hui-tong",
        "一、实施步骤\n(一)改革。由市知识产权工作领导小组办公室牵头,会同市文广新局、市工商局等有关单位加强调查研究。",
    ),
    (
        "prose-yao",
        "一、任务\n人力资源社会保障部门、国有文化资产管理机构要加强对工资收入分配的指导和监督。",
    ),
    ("prose-role-word", "一、任务\n落实工作任务是责任单位的职责,牵头单位要加强协调。"),
    ("prose-interpret", "一、附则\n本意见由市科技局负责解释。"),
    ("aside-in-brackets", "一、任务\n推动运输车新能源化(承担应急抢险任务的车辆除外)。"),
    ("bracket-prose-with-verb", "一、任务\n(一)加强领导(各地要切实负责)。"),
    ("empty-clause", "一、任务\n(一)推进。(责任单位:)"),
    ("unclosed-unlabelled", "一、任务\n(一)推进。(市科技局牵头,市财政局配合\n\n二、保障"),
    (
        "site-footer",
        "正文\n网站地图\n联系我们\n主办单位:国家能源局华中监管局\n网站标识码:bm62000009号\n京ICP备11044902号",
    ),
]


@pytest.mark.parametrize(("name", "text", "expected"), EXAMPLES, ids=[e[0] for e in EXAMPLES])
def test_clause_forms(
    name: str, text: str, expected: list[tuple[str | None, str, str, str]]
) -> None:
    assert rows(text) == expected


@pytest.mark.parametrize(("name", "text"), NOT_CLAUSES, ids=[e[0] for e in NOT_CLAUSES])
def test_not_a_clause(name: str, text: str) -> None:
    found, warnings = run(text)
    assert found == []
    assert warnings == []


def test_unclosed_labelled_bracket_reads_its_sentence_only() -> None:
    text = "一、任务\n(一)推进。(责任单位:市科技局、市财政局。下一句由市商务局负责。"
    assert rows(text) == [
        ("一/(一)", R, "市科技局", "市科技局"),
        ("一/(一)", R, "市财政局", "市财政局"),
    ]


def test_clause_before_first_section_goes_to_root_with_warning() -> None:
    found, warnings = run("加快推进。(责任单位:市科技局)\n一、任务\n内容")
    assert [(a.path, a.unit) for a in found] == [(None, "市科技局")]
    assert len(warnings) == 1 and "root" in warnings[0]


def test_spans_point_at_the_original_text() -> None:
    text = "一、任务\n(一)推进。（责任单位：市科技局、工业和信息化局）"
    found, _ = run(text)
    assert [text[a.span.start : a.span.end] for a in found] == ["市科技局", "工业和信息化局"]
    assert (
        text[found[0].clause_span.start : found[0].clause_span.end]
        == "（责任单位：市科技局、工业和信息化局）"
    )
    assert found[1].full == "市工业和信息化局"


def test_deadline_kept_with_value() -> None:
    found, _ = run("一、任务\n(一)推进。(牵头单位:市科技局;完成时限:2024年6月底前)")
    assert [(a.deadline, a.deadline_value) for a in found] == [("2024年6月底前", "2024-06")]


TABLE = (
    "附件1\n任务分解表\n\n"
    "|     |     |     |     |     |     |     |     |\n"
    "| --- | --- | --- | --- | --- | --- | --- | --- |\n"
    "| 序号 | 重点任务 | 工作措施 | 完成时限 | 牵头部门 | 主责单位 | 协办单位 |  |\n"
    "| 一、共筑美丽蓝天 |\n"
    "| （一）空气质量目标 |\n"
    "| 1 | 空气质量<br>目标 | 巩固空气质量改善成效。 | 2023年底前 | 区生态环境局<br>各街镇 | "
    "区城市管理委<br>区科技信息化局<br>等部门 |\n"
    "| 2 | 总量减排<br>目标 | 实现排放总量持续下降。 | 长期坚持 | 区生态环境局 | —— |\n"
    "| 落实全市交通运输结构调整工作方案。 | 11月底前 | 区城市管理委<br>丰台运管分局 | 区商务局 |\n"
    "| 加大扬尘管控力度。 | 年底前 | 区城市管理委 | 区水务局<br>丽泽金融商务区<br>管委会 | —— |  |\n"
)


def test_task_table_read_by_header() -> None:
    found, _ = run(TABLE)
    got = [(a.path, a.role, a.unit, a.deadline, a.deadline_value) for a in found]
    assert got == [
        ("附件1", L, "区生态环境局", "2023年底前", "2023"),
        ("附件1", L, "各街镇", "2023年底前", "2023"),
        ("附件1", R, "区城市管理委", "2023年底前", "2023"),
        ("附件1", R, "区科技信息化局", "2023年底前", "2023"),
        ("附件1", L, "区生态环境局", "长期坚持", None),
        ("附件1", L, "区城市管理委", "11月底前", None),
        ("附件1", L, "丰台运管分局", "11月底前", None),
        ("附件1", R, "区商务局", "11月底前", None),
        ("附件1", L, "区城市管理委", "年底前", None),
        ("附件1", R, "区水务局", "年底前", None),
        ("附件1", R, "丽泽金融商务区管委会", "年底前", None),
    ]


def test_table_without_deadline_column_ignores_task_text() -> None:
    text = (
        "附件\n| 序号 | 领域 | 2024年推进任务 | 牵头责任部门 |\n| --- | --- | --- | --- |\n"
        "| 一、实施设备更新行动 |\n| 1 | 工业 | 组织实施技术改造项目1000个以上。 | 市工信局 |\n"
        "| 2 | 新建10家绿色工厂。 | 市工信局、市发改委 |\n"
        "| 4 | 加快“先立后改”支撑性电源项目730万千瓦机组建设。 |\n"
    )
    assert [(a.role, a.unit) for a in run(text)[0]] == [
        (L, "市工信局"),
        (L, "市工信局"),
        (L, "市发改委"),
    ]


def test_table_without_role_columns_gives_nothing() -> None:
    text = (
        "| 序号 | 指标名称 | 单位 | 2026年计划值 |\n| --- | --- | --- | --- |\n"
        "| 1 | PM2.5年均浓度 | 微克/立方米 | 29 |\n"
    )
    assert run(text) == ([], [])


def test_aliases_fill_canonical() -> None:
    text = "一、任务\n(一)推进。(责任单位:市科技局、市财政局)"
    found, _ = run(text, {"市科技局": "市科学技术局"})
    assert [a.canonical for a in found] == ["市科学技术局", None]
    again = apply_aliases(run(text)[0], {"市财政局": "财政"})
    assert [a.canonical for a in again] == [None, "财政"]


@pytest.mark.parametrize(
    "text",
    [
        "(责任单位:",
        "〔〔〔〔",
        "(牵头)",
        "(责任单位:、、;;,)",
        "| 牵头单位 |\n| |\n|",
        "牵头单位:\n责任单位:",
        "((((市科技局牵头",
        "",
        "【】[]〔〕()",
    ],
)
def test_bad_input_never_crashes_or_invents(text: str) -> None:
    found, _ = run(text)
    assert all(a.unit.strip() for a in found)
    assert all(a.unit in text.replace("\n", "") or a.unit in normalize(text).text for a in found)


# --- fast paths (issue 7): each compared with the computation it stands for ---------------


FAST_SNIPPETS = [
    TABLE,
    "一、任务\n1.推进。(责任单位:市科技局等按职责分工负责、区\t县政府、市财政局等有关部门;配合单位:—、无)",
    "| 牵头单位 | 配合单位 |\n| --- | --- |\n| 区<br>科技局 | 市<br>区县政府<br>各街镇<br>服务中心 |",
]


def _notices() -> list[str]:
    """The snippets above, then the samples, pages and test corpus as loaded (not normalised)."""
    return [*FAST_SNIPPETS, *(loaded_text(p) for p in notice_paths())]


def _units_slow(text: str, body: str, soft_tabs: bool) -> tuple[list[tuple[str, int, int, int]], str | None]:
    """The units of a list read piece by piece as first written: every piece cut, every cut
    tried as an empty cell, the prefix read from the units once joined."""
    from policyparse.assignments import _joins
    from policyparse.lexicon import roles as rl
    from policyparse.orgunits import cut_trailing, prefix_of, split_units

    units: list[tuple[str, int, int, int]] = []
    pieces, _ = split_units(body)
    for p in pieces:
        cut = cut_trailing(p.text)
        if soft_tabs and units and p.sep.strip(" \t") == "" and _joins(text, units[-1][0], cut):
            t, s, _, g = units[-1]
            units[-1] = (t + cut, s, p.start + len(cut), g)
            continue
        if not cut or rl.EMPTY_CELL.match(cut):
            continue
        units.append((cut, p.start, p.start + len(cut), p.group))
    return units, next((pf for u in units if (pf := prefix_of(u[0])) is not None), None)


@pytest.mark.parametrize("raw", _notices())
def test_units_of_is_the_piece_by_piece_reading(raw: str) -> None:
    from policyparse.assignments import _bracket_clauses, _Labels, _line_clauses, _table_clauses, _units_of

    text = normalize(raw).text
    labels = _Labels(text)
    clauses = _bracket_clauses(text, labels)
    clauses += _line_clauses(text, [(c.start, c.end) for c in clauses], labels) + _table_clauses(text)
    # Every list of every clause, and every line of the notice read as one.
    bodies = [text[p.start : p.end] for c in clauses for p in c.parts] + [ln[:160] for ln in text.split("\n")]
    for body in bodies:
        for soft_tabs in (False, True):
            got = _units_of(text, body, soft_tabs)
            units, prefix = _units_slow(text, body, soft_tabs)
            assert list(zip(got.texts, got.starts, got.ends, got.groups, strict=True)) == units, body
            assert got.prefix == prefix, body
            # Never an empty unit: its bounds are read from its first and last character.
            assert all(e > s for s, e in zip(got.starts, got.ends, strict=True))


@pytest.mark.parametrize("raw", _notices())
def test_one_validation_of_all_records_is_one_per_record(raw: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import policyparse.assignments as asg

    norm = normalize(raw)
    outline = build_outline(norm)
    together = find_assignments(norm, outline)
    monkeypatch.setattr(asg, "validate_list", lambda model, records: [model.model_validate(r) for r in records])
    one_by_one = find_assignments(norm, outline)
    assert together == one_by_one


# Asides at the edges of the forward reading of their last character: empty, only shed
# characters, a verb's last character before shed ones, a paragraph break, a colon.
ASIDE_EDGES = [
    "()〔〕[]【】",
    "(、 ,。)(\n)",
    "(市财政局负责 。)(市商务局配合;\n)(各区政府落实、)",
    "(一)(二)主要任务(2025年底前)",
    "(市发展改革委牵头\n\n)(责任单位:市科技局)",
    "(承担应急抢险任务的车辆除外)〔2017〕[注]【附件】",
    "(负x负)(x负 )(负 x )(  负)(负\n)(负\n\n)(x\n\n)(配合,负责、x。)",
]


@pytest.mark.parametrize("raw", [*ASIDE_EDGES, *_notices()])
def test_unrolled_bracket_scan_is_the_alternation(raw: str) -> None:
    from policyparse.lexicon import roles as rl

    text = normalize(raw).text
    # An aside as first written, on the ``regex`` engine: its last character read by a
    # look-behind, where BRACKET_SCAN (on ``re``, which has no variable-width look-behind)
    # reads it forwards.
    aside = "|".join(
        regex.escape(o)
        + rf"(?:[^{rl._BRACKETS}\n:]++|\n(?!\n))*+(?<![{regex.escape(''.join(sorted(rl.VERB_LAST)))}][{rl._TRIM}]*)"
        + regex.escape(c)
        for o, c in rl.OPEN_CLOSE.items()
    )
    slow = regex.compile(rf"(?:{rl._NOT_OPENER}++|{aside})*+(?:({rl._PAIR}|{rl.BRACKET_OPEN.pattern})|\Z)")
    assert [m.span(1) for m in BRACKET_SCAN.finditer(text)] == [m.span(1) for m in slow.finditer(text)]


@pytest.mark.parametrize("raw", [*ASIDE_EDGES, *_notices()])
def test_bracket_starts_per_opener_are_the_scans_stops(raw: str) -> None:
    from policyparse.lexicon import roles as rl

    text = normalize(raw).text
    # One scan per kind of opener (what ``_bracket_clauses`` reads), sorted, against the one
    # scan of the whole text that passes over asides.
    fast = sorted(m.span() for p in rl.BRACKET_STARTS for m in p.finditer(text))
    assert fast == [m.span(1) for m in BRACKET_SCAN.finditer(text) if m.start(1) >= 0]


# Colons after label words and after other words, with and without spaces before them.
LABEL_SNIPPETS = [
    "(牵头单位:市发展改革委;责任单位 :市财政局;配合单位\t:市商务局;完成时限:2022年底)",
    "附件:1.任务分解表\n联系人:张三\n时间:2022年\n牵头责任单位:市科技局\n完成时间:长期",
    ":责任单位:牵头单位::单位:部门:位:",
    # labels in table lines (a bar opening the line, after white space too) and one below them
    "| 推进改革。牵头单位:市科技局 | 落实。配合单位:市财政局 |\n\u3000| 加强。责任单位:市商务局\n牵头单位:市发展改革委",
]


@pytest.mark.parametrize("raw", [*LABEL_SNIPPETS, *_notices()])
def test_labels_read_from_colons_are_the_label_scan(raw: str) -> None:
    from policyparse.assignments import _Labels
    from policyparse.lexicon import roles as rl

    text = normalize(raw).text
    labels = _Labels(text)
    got = list(zip(labels.starts, labels.ends, labels.words, strict=True))
    assert got == [(m.start(), m.end(), m.group("label")) for m in rl.LABEL.finditer(text)]


# Brackets holding brackets: flat pairs, deeper nesting, stray and mismatched closers, paragraph
# breaks, a closer past the limit.
NESTED_SNIPPETS = [
    "(责任单位:市委组织部(市委人才办)、市人社局〔市外专局〕)(市科技局【省】牵头)",
    "(责任单位:市科技局(知识产权局(版权局))、市财政局)",
    "(a〕b)c)(a(b〕c)d)(a(b)c〕d)",
    "(责任单位:市科技局(市\n\n财政局))(市科技局(市财政局)\n\n)",
    "(" + "市科技局、" * 170 + "(市财政局))(" + "市科技局、" * 150 + "(市财政局))",
    "(市科技局(市财政局",
]


@pytest.mark.parametrize("raw", [*NESTED_SNIPPETS, *_notices()])
def test_nested_bracket_close_read_by_one_match_is_the_walk(raw: str) -> None:
    from policyparse.assignments import _matching_close, _nested_close
    from policyparse.lexicon import roles as rl

    text = normalize(raw).text
    for m in rl.BRACKET_OPEN.finditer(text):
        assert _nested_close(text, m.start()) == _matching_close(text, m.start()), m.start()


def test_white_space_is_what_isspace_takes_in() -> None:
    # ``_plain_units`` looks a unit's first character up in it instead of calling isspace.
    from policyparse.lexicon import roles as rl

    assert {chr(c) for c in range(0x110000) if chr(c).isspace()} == rl.WHITE_SPACE


# Page footers as crawled (a site's 主办单位 line beside its ICP and copyright lines), and
# runs of own-line labels whose windows overlap.
FOOTER_SNIPPETS = [
    "网站地图 | 联系我们\n主办单位:某市人民政府办公室\n承办单位:某市大数据中心\n网站标识码:3702000001 鲁ICP备05003",
    "1.推进改革。\n责任单位:市发展改革委\n配合单位:市财政局\n" + "。" * 180 + "版权所有©某市人民政府",
    "\n".join(f"{k}.推进。\n牵头单位:市科技局\n配合单位:市财政局" + "。" * (k * 7) for k in range(40)) + "Copyright",
]


@pytest.mark.parametrize("raw", [*FOOTER_SNIPPETS, *_notices()])
def test_footer_windows_searched_in_part_are_the_whole_windows(raw: str) -> None:
    from policyparse.assignments import _Footers, _Labels
    from policyparse.lexicon import roles as rl

    text = normalize(raw).text
    # Every label in reading order, and in the short texts every place (so that windows start
    # and end inside footer words too).
    for places in (_Labels(text).starts, range(len(text) + 1) if len(text) < 3000 else []):
        footers = _Footers(text)
        for pos in places:
            window = rl.FOOTER_HINT.search(text, max(0, pos - rl.FOOTER_WINDOW), pos + rl.FOOTER_WINDOW)
            assert footers.near(pos) == (window is not None), pos


@pytest.mark.parametrize("raw", [*FOOTER_SNIPPETS, *_notices()])
def test_label_patterns_on_re_answer_as_they_did_on_regex(raw: str) -> None:
    from policyparse.assignments import _Labels
    from policyparse.lexicon import roles as rl

    text = normalize(raw).text
    labels = _Labels(text)
    for fast, lo_hi in (
        (rl.FOOTER_HINT, [(max(0, p - rl.FOOTER_WINDOW), p + rl.FOOTER_WINDOW) for p in labels.starts]),
        (rl.LINE_PART_END, [(e, e + 800) for e in labels.ends]),
    ):
        slow = regex.compile(fast.pattern)
        for lo, hi in [*lo_hi, (0, len(text))]:
            got, want = fast.search(text, lo, hi), slow.search(text, lo, hi)
            assert (got and got.span()) == (want and want.span()), (fast.pattern, lo)


# --- per-clause fast paths (issue 7, round 5) -------------------------------------------------

# Unlabelled clauses and asides: segments with and without brackets, stray closers, 由, a verb
# that is also a unit's last characters, empty segments.
UNLABELLED_SNIPPETS = [
    "推进项目建设。(市发展改革委牵头,市财政局、市商务局配合)",
    "(省科技厅、工业和信息化厅按职责分工负责;各地级以上市人民政府结合实际落实)",
    "(由市科技局牵头,,市财政局配合;)(由牵头)(市科技局(知识产权局)牵头,市财政局配合)",
    "(市科技局〕牵头,市财政局配合)(各区、县(市)政府负责,市商务局参与)",
    "(承担应急抢险任务的车辆除外)(市财政局负责 。)(负责)",
]


def _segments_walk(body: str) -> tuple[list[tuple[int, int]], int]:
    """``_segments`` as first written: a step per character, depth kept, for every body."""
    from policyparse.lexicon import orgunits as olx

    depth = 0
    segs: list[tuple[int, int]] = []
    s = 0
    for i, ch in enumerate(body):
        if ch in olx.BRACKETS:
            depth += 1
        elif ch in olx.CLOSERS and depth:
            depth -= 1
        elif depth == 0 and ch in ",;":
            segs.append((s, i))
            s = i + 1
    segs.append((s, len(body)))
    return [x for x in segs if x[1] > x[0]], depth


def _bracket_contents(text: str) -> list[str]:
    from policyparse.assignments import _matching_close
    from policyparse.lexicon import roles as rl

    out = []
    for m in rl.BRACKET_OPEN.finditer(text):
        close = _matching_close(text, m.start())
        if close is not None:
            out.append(text[m.start() + 1 : close])
    return out


@pytest.mark.parametrize("raw", [*UNLABELLED_SNIPPETS, *_notices()])
def test_segments_split_by_one_scan_are_the_walk(raw: str) -> None:
    from policyparse.assignments import _segments

    text = normalize(raw).text
    for body in [*_bracket_contents(text), *text.split("\n")]:
        assert _segments(body) == _segments_walk(body), body


@pytest.mark.parametrize("raw", [*UNLABELLED_SNIPPETS, *_notices()])
def test_segment_pattern_on_re_answers_as_on_regex(raw: str) -> None:
    from policyparse.lexicon import roles as rl

    # The pattern as first written (its own source, so that an edit to SEGMENT shows too).
    verbs = "|".join(sorted(rl.VERB_ROLE, key=len, reverse=True))
    on_regex = regex.compile(rf"(?s)^(?:由)?(?P<units>.+?)(?P<verb>{verbs})$")
    text = normalize(raw).text
    for body in _bracket_contents(text):
        # Every segment, trimmed or not, and each of its tails (where 由 and the verbs meet).
        for seg in {p for piece in re.split("[,;]", body) for p in (piece, piece.strip(" \t\n;,。.、"))}:
            for s in {seg, *(seg[i:] for i in range(max(0, len(seg) - 12), len(seg)))}:
                a, b = rl.SEGMENT.match(s), on_regex.match(s)
                assert (a and (a.span(), a.groups(), a.span(1))) == (b and (b.span(), b.groups(), b.span(1))), s


def _parse_content_by_bisection(text: str, start: int, end: int, labels: Any) -> list[object]:
    """``_parse_content`` as first written: the labels inside found by bisection, each list
    trimmed by ``_trim``."""
    from policyparse.assignments import _Part, _trim, _unlabelled_parts
    from policyparse.lexicon import roles as rl

    lead = start
    while lead < end and text[lead] in " \t\n":
        lead += 1
    inside = labels.inside(lead, end)
    if inside and labels.starts[inside[0]] == lead:
        parts: list[object] = []
        for k in inside:
            stop = labels.starts[k + 1] if k + 1 < inside.stop else end
            s, e = _trim(text, labels.ends[k], stop)
            if e > s:
                parts.append(_Part(rl.LABEL_ROLE[labels.words[k]], s, e))
        return parts
    if inside:
        return []
    return list(_unlabelled_parts(text, lead, end))


@pytest.mark.parametrize("raw", [*LABEL_SNIPPETS, *NESTED_SNIPPETS, *UNLABELLED_SNIPPETS, *_notices()])
def test_labelled_content_read_from_its_label_index_is_the_bisection(raw: str) -> None:
    from policyparse.assignments import _Labels, _matching_close, _parse_content
    from policyparse.lexicon import roles as rl

    text = normalize(raw).text
    labels = _Labels(text)
    for m in rl.BRACKET_OPEN.finditer(text):
        # The bracket's own closer, and (as ``_unclosed`` reads) the end of its label's sentence.
        # The end of the colon's label, and one short of it (a content that stops inside a label).
        ends = {_matching_close(text, m.start()), *(e - d for e in labels.ends if e > m.start() for d in (0, 1))}
        for end in sorted(e for e in ends if e is not None)[:3]:
            got = _parse_content(text, m.start() + 1, end, labels)
            assert got == _parse_content_by_bisection(text, m.start() + 1, end, labels), (m.start(), end)


@pytest.mark.parametrize("raw", [*NESTED_SNIPPETS, *_notices()])
def test_an_opener_the_text_lacks_has_no_bracket_to_scan_for(raw: str) -> None:
    # ``_bracket_clauses`` skips the scan of an opener the text does not hold.
    from policyparse.lexicon import roles as rl

    text = normalize(raw).text
    for opener, starts in zip(rl.OPEN_CLOSE, rl.BRACKET_STARTS, strict=True):
        for probe in (text, text.replace(opener, "")):
            if opener not in probe:
                assert starts.search(probe) is None


def _table_unit_first_written(unit: str) -> bool:
    from policyparse.orgunits import looks_like_unit

    if not unit or _rl.EMPTY_CELL.match(unit):
        return True
    if len(unit) > 30 or any(c in unit for c in "。的:;!?") or re.search(r"\d", unit):
        return False
    return looks_like_unit(unit) or len(unit) <= 8


@pytest.mark.parametrize("raw", [*FAST_SNIPPETS, *_notices()])
def test_table_unit_by_character_set_is_the_first_reading(raw: str) -> None:
    from policyparse.assignments import _table_unit

    text = normalize(raw).text
    for s in {text[i : i + k] for i in range(len(text)) for k in (4, 9, 12)}:
        assert _table_unit(s) == _table_unit_first_written(s), s


@pytest.mark.parametrize("raw", _notices())
def test_clause_bounds_and_text_read_from_the_offset_maps_are_the_normalized_ones(raw: str) -> None:
    # ``find_assignments`` reads a clause's span from the offset maps and its text from that span.
    from policyparse.assignments import _bracket_clauses, _Labels, _line_clauses, _table_clauses

    norm = normalize(raw)
    text = norm.text
    labels = _Labels(text)
    clauses = _bracket_clauses(text, labels)
    clauses += _line_clauses(text, [(c.start, c.end) for c in clauses], labels) + _table_clauses(text)
    for c in clauses:
        assert c.end > c.start
        s, e = norm.starts[c.start], norm.ends[c.end - 1]
        assert (s, e) == norm.bounds(c.start, c.end)
        assert norm.original[s:e] == norm.raw(c.start, c.end)


def _line_clauses_first_written(text: str, taken: list[tuple[int, int]], labels: Any) -> list[int]:
    """The labels ``_line_clauses`` reads, tested in the order first written (line start first)."""
    from policyparse.assignments import _Footers, _in_table_line, _opens_line

    read = []
    footers = _Footers(text)
    for pos in labels.starts:
        if not _opens_line(text, pos) or any(s <= pos < e for s, e in taken):
            continue
        if _in_table_line(text, pos) or footers.near(pos):
            continue
        read.append(pos)
    return read


@pytest.mark.parametrize("raw", [*LABEL_SNIPPETS, *FOOTER_SNIPPETS, *_notices()])
def test_labels_in_taken_clauses_passed_first_change_no_line_clause(raw: str) -> None:
    from policyparse.assignments import _bracket_clauses, _Labels, _line_clauses

    text = normalize(raw).text
    labels = _Labels(text)
    taken = [(c.start, c.end) for c in _bracket_clauses(text, labels)]
    got = _line_clauses(text, taken, labels)
    expected = _line_clauses_first_written(text, taken, labels)
    # Each clause opens at a label read, and every label read opens a clause or joins one.
    assert {c.start for c in got} <= set(expected)
    assert all(any(c.start <= pos <= c.end for c in got) for pos in expected)


# --- fast paths (issue 7, round 6) ------------------------------------------------------------

# Bars at the edges of a table line: at a line start, after spaces and tabs, after other text
# (a stray bar in prose), at the very start and end of the text, after a blank line.
TABLE_LINE_EDGES = [
    "|",
    "a|b",
    "甲乙丙|丁\n戊己|",
    "正文\n \t| 牵头单位 |\n",
    "正文 | 正文\n\n\t\t|",
    "一、任务\n1.推进(市科技局|市财政局)\n2.落实\u3000| 责任单位 |",
    "\n|",
]


@pytest.mark.parametrize("raw", [*TABLE_LINE_EDGES, *_notices()])
def test_table_line_read_from_the_bars_is_the_line_scan(raw: str) -> None:
    from policyparse.assignments import _TABLE_LINE, _has_table_line

    text = normalize(raw).text
    for probe in (raw, text, *text.split("\n\n")):
        assert _has_table_line(probe) == (_TABLE_LINE.search(probe) is not None), probe[:80]
