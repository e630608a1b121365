"""Phases: named stages with their dates and section path, from real snippets."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policyparse.dates import dates_in, find_dates
from policyparse.docnumbers import find_doc_numbers
from policyparse.lexicon import phases as lx
from policyparse.normalize import matches_at, normalize
from policyparse.phases import DateIndex, find_phases, only_starts, stage_starts
from policyparse.sections import build_outline

from ..notices import loaded_text, normalized_notices, notice_paths

Row = tuple[str | None, str, str | None, str | None]  # path, name, start, end


def phases_of(text: str) -> list[Row]:
    norm = normalize(text)
    outline = build_outline(norm)
    dates = find_dates(norm, find_doc_numbers(norm))
    return [(p.item.path, p.item.name, p.item.start, p.item.end) for p in find_phases(norm, outline, dates)]


# Heading lines copied from the samples (bodies left out) so that the outline gives the
# stages their real paths.
_XIAN_HEADINGS = "一、总体要求\n二、主要目标\n(一)总体目标。\n(二)阶段目标。\n"
_PUYANG_HEADINGS = "一、总体要求\n二、主要目标\n三、重点任务和重大工程\n四、实施步骤\n"
_QINGDAO_PLAN = "一、总体要求\n(一)指导思想。\n(二)基本原则。\n(三)主要目标。\n(四)整体推进计划。\n"
_QINGDAO_STEPS = (
    "一、总体要求\n二、重点任务\n三、实施步骤\n"
    "(一)加快推进知识产权综合管理改革。\n"
)
_QINGDAO_STEPS_TO_8 = _QINGDAO_STEPS + (
    "(二)加强知识产权公共服务能力建设。\n(三)构建知识产权大保护体系。\n"
    "(四)建立专利导航产业创新发展工作体系。\n(五)构建知识产权运营生态体系。\n(六)加快提升专利质量。\n"
    "(七)加强知识产权人才培养。\n(八)加快建设国家知识产权服务业集聚发展试验区。\n"
)

# (id, text, expected)
EXAMPLES: list[tuple[str, str, list[Row]]] = [
    (
        "one-year stages in paragraphs (000)",
        _XIAN_HEADINGS
        + "启动建设阶段(2017年):知识产权综合管理改革有序推进。\n"
        "全面推进阶段(2018年):打造一批国家级知识产权领军企业。\n"
        "提升发展阶段(2019年):知识产权对创新和经济发展贡献度大幅提升。\n",
        [
            ("二/(二)", "启动建设阶段", "2017", "2017"),
            ("二/(二)", "全面推进阶段", "2018", "2018"),
            ("二/(二)", "提升发展阶段", "2019", "2019"),
        ],
    ),
    (
        "stages as headings, month ranges (001)",
        _PUYANG_HEADINGS
        + "(一)准备阶段(2022年7月—9月):制定强市建设工作方案,建立工作台账。\n"
        "(二)实施阶段(2022年10月—2025年4月):落实各项目标措施。\n"
        "(三)总结阶段(2025年5月—2025年6月):根据强市建设工作方案确定的目标任务。\n",
        [
            ("四/(一)", "准备阶段", "2022-07", "2022-09"),
            ("四/(二)", "实施阶段", "2022-10", "2025-04"),
            ("四/(三)", "总结阶段", "2025-05", "2025-06"),
        ],
    ),
    (
        "numbered stages with a lost dash (002)",
        _QINGDAO_PLAN
        + "    1.动员启动阶段(2017年7月?2017年12月)。制定出台相关政策文件。\n"
        "    2.推进实施阶段(2018年1月?2019年12月)。建立责任清单。\n",
        [
            ("一/(四)/1", "动员启动阶段", "2017-07", "2017-12"),
            ("一/(四)/2", "推进实施阶段", "2018-01", "2019-12"),
        ],
    ),
    (
        "第N阶段: the name follows the ordinal (002)",
        _QINGDAO_STEPS
        + "    第一阶段:编制改革方案(2017年7月?2017年12月)。由市知识产权工作领导小组办公室牵头。\n"
        "    第二阶段:实施改革方案(2018年7月?2018年12月)。"
        "知识产权综合管理改革实施方案经市深化改革领导小组研究通过后组织实施。\n",
        [
            ("三/(一)", "编制改革方案", "2017-07", "2017-12"),
            ("三/(一)", "实施改革方案", "2018-07", "2018-12"),
        ],
    ),
    (
        "an end bound only, an ASCII hyphen (002)",
        _QINGDAO_STEPS_TO_8
        + "    第一阶段:初期启动阶段(2017年8月以前)。成立国家知识产权服务业集聚发展试验区建设工作领导小组。\n"
        "    第二阶段:中期完善阶段(2017年1月?2017年12月)。推进知识产权基础服务平台建设。\n"
        "    第一阶段:夯实运营生态基础(2017年7月-2018年6月)。完善知识产权运营政策。\n",
        [
            ("三/(八)", "初期启动阶段", None, "2017-08"),
            ("三/(八)", "中期完善阶段", "2017-01", "2017-12"),
            ("三/(八)", "夯实运营生态基础", "2017-07", "2018-06"),
        ],
    ),
    (
        # Adapted from 001 四/(一): the same stage written with its dates after the colon.
        "dates after the colon (adapted from 001)",
        _PUYANG_HEADINGS + "准备阶段:2022年7月—9月,制定强市建设工作方案,建立工作台账。\n",
        [("四", "准备阶段", "2022-07", "2022-09")],
    ),
    # Not stages.
    ("a pilot period is not a named stage (001)", "试点时限自2022年7月至2025年6月。", []),
    ("milestones are not stages (003)", "2013年,全市专利申请量达到13000件。到2020年,把我市建设成为", []),
    ("a bracket without a date (corpus 02)", "第一阶段(试行)", []),
    ("a stage only pointed at (corpus 13)", "区园林绿化局在前期规划阶段对居住小区绿地率开展审查工作。", []),
]


@pytest.mark.parametrize(("text", "expected"), [e[1:] for e in EXAMPLES], ids=[e[0] for e in EXAMPLES])
def test_phases(text: str, expected: list[Row]) -> None:
    assert phases_of(text) == expected


@pytest.mark.parametrize("text", [e[1] for e in EXAMPLES], ids=[e[0] for e in EXAMPLES])
def test_span_slices_the_stage_line(text: str) -> None:
    norm = normalize(text)
    dates = find_dates(norm, [])
    for p in find_phases(norm, build_outline(norm), dates):
        assert p.item.span.slice(text) == p.item.text
        assert p.item.name in "".join(p.item.text.split())


# ---------------------------------------------------------------- fast path: around each 阶段
# The four patterns tried only at stage_starts give finditer's matches (spans and groups).

# Stage lines where names run on through two 阶段, start a text, follow 、 or a circled number,
# sit glued to a previous word (no start), or repeat an ordinal (samples 000–002, corpus).
STAGE_TEXTS = [
    "启动建设阶段(2017年):知识产权综合管理改革有序推进。全面推进阶段(2018年):打造。",
    "(一)准备阶段(2022年7月—9月):制定方案。\n1.动员启动阶段(2017年7月?2017年12月)",
    "第一阶段:编制改革方案(2017年7月—2017年12月)。第二阶段(2018年)第十二阶段:试点(2019年)",
    "准备阶段:2022年7月—9月,实施阶段:二〇二二年十月起",
    "现阶段(2020年)①试点阶段和推广阶段(2021年)、“示范”阶段(2022年)",
    "这是一个非常非常非常非常非常非常长的名称的准备阶段(2017年)",
    "。知识产权综合管理改革与运营服务体系全建设阶段(2017年)第十一阶段(2018年)第123阶段(2019年)",
    "阶段阶段(2017年)第阶段(2018年)第第一阶段(2019年)",
]


def _same_matches(text: str) -> int:
    ordinal, named = stage_starts(text)
    count = 0
    for pattern, starts in ((lx.ORDINAL_NAMED, ordinal), (lx.ORDINAL_ONLY, ordinal),
                            (lx.NAMED, named), (lx.NAMED_COLON, named)):
        expected = [(m.span(), m.groupdict()) for m in pattern.finditer(text)]
        assert [(m.span(), m.groupdict()) for m in matches_at(pattern, text, starts)] == expected, pattern.pattern
        count += len(expected)
    only = [(m.span(), m.groupdict()) for m in lx.ORDINAL_ONLY.finditer(text)]
    first = matches_at(lx.ORDINAL_NAMED, text, ordinal)
    assert [(m.span(), m.groupdict()) for m in matches_at(lx.ORDINAL_ONLY, text, only_starts(ordinal, first))] == only
    return count


@pytest.mark.parametrize("text", STAGE_TEXTS)
def test_stage_starts_give_the_whole_scan(text: str) -> None:
    _same_matches(normalize(text).text)


def test_stage_starts_give_the_whole_scan_on_every_sample() -> None:
    assert sum(_same_matches(text) for text in normalized_notices()) > 20  # the samples hold stages


_STAGE_PIECES = ["阶段", "第一", "第12", "第123", "第", "准备", "实施推进", "“试点”", "(2017年)", "(2017年7月—9月)",
                 ":", "2022年", "二〇二二年", " ", "\n", "。", "、", "①", "x", "新",
                 "一二三四五六七八九十一二三四五六七八九十", "(试行)"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_STAGE_PIECES), max_size=16).map("".join))
def test_stage_starts_give_the_whole_scan_on_any_text(text: str) -> None:
    _same_matches(text)


# ---------------------------------------------------------------- fast path: dates by bisection
# DateIndex answers as the pass over the whole list does, at every place around each date.


@pytest.mark.parametrize("text", [*STAGE_TEXTS, "2017年7月—2017年12月完成;到2025年底前,2018年起推进。"])
def test_date_index_by_bisection_gives_the_whole_pass(text: str) -> None:
    norm = normalize(text)
    dates = find_dates(norm, find_doc_numbers(norm))
    fast, slow = DateIndex(dates), DateIndex(dates, ordered=False)
    assert fast.ordered and dates
    places = sorted({p for d in dates for p in (d.start - 1, d.start, d.start + 1, d.end - 1, d.end, d.end + 1)})
    for pos in places:
        assert fast.first_from(pos) == slow.first_from(pos)
        for end in places:
            assert dates_in(norm, pos, end, fast.around(pos, end)) == dates_in(norm, pos, end, slow.around(pos, end))


def test_date_index_reads_a_list_out_of_order_whole() -> None:
    norm = normalize("2018年起推进,2017年7月完成")
    dates = find_dates(norm, [])[::-1]
    index = DateIndex(dates)
    assert not index.ordered
    assert index.first_from(0) is dates[0]  # the first in list order, as before



# ---------------------------------------------------------------- round 5: per-stage work
# A stage matched by two patterns (第一阶段(…) is ORDINAL_ONLY's and NAMED's) is kept once: the
# overlap test (a plain loop now) must still see the first one.
@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("第一阶段(2017年7月—2017年12月)", ["第一阶段"]),
        ("第一阶段:编制改革方案(2017年7月—2017年12月)。", ["编制改革方案"]),
        ("1.动员启动阶段(2017年7月—2017年12月);2.全面推进阶段(2018年1月—2019年6月)", ["动员启动阶段", "全面推进阶段"]),
        ("准备阶段:2022年7月—9月,制定方案。", ["准备阶段"]),
    ],
)
def test_a_stage_matched_twice_is_kept_once(text: str, names: list[str]) -> None:
    norm = normalize(text)
    assert [p.item.name for p in find_phases(norm, build_outline(norm), find_dates(norm, []))] == names


def test_stage_text_is_the_raw_text_of_its_range_on_every_sample() -> None:
    count = 0
    for path in notice_paths(pages=False):
        norm = normalize(loaded_text(path))
        dates = find_dates(norm, find_doc_numbers(norm))
        for p in find_phases(norm, build_outline(norm), dates):
            assert p.item.text == norm.raw(p.start, p.end)
            assert (p.item.span.start, p.item.span.end) == norm.bounds(p.start, p.end)
            count += 1
    assert count > 5
