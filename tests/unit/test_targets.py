"""Targets: comparators, metrics, deadlines, tables and the look-alikes that are not targets."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from decimal import Decimal
from pathlib import Path

import pytest
import regex

from policyparse.located import Located
from policyparse.models import DateMention, Period, Phase, Span, Target
from policyparse.normalize import normalize
from policyparse.sections import build_outline
from policyparse.targets import find_targets, trim_metric

from ..notices import normalized_text, notice_paths


def run(
    text: str,
    *,
    phases: list[Located[Phase]] | None = None,
    period: Period | None = None,
    dates: list[Located[DateMention]] | None = None,
    issue: dt.date | None = dt.date(2020, 9, 28),
) -> list[Target]:
    norm = normalize(text)
    targets, _ = find_targets(norm, build_outline(norm), phases or [], period, dates or [], issue)
    for t in targets:
        assert t.span.slice(text) == t.text
        assert t.value_span.slice(text).replace(" ", "").startswith(t.value_text.replace(" ", ""))
    return targets


def brief(t: Target) -> tuple[str, Decimal, str, Decimal | None]:
    return (t.comparator, t.value, t.unit, t.value_min)


# (snippet from a real notice, expected [(comparator, value, unit, value_min)])
COMPARATORS = [
    ("全市万人发明专利拥有量超过30件。", [(">", "30", "件", None)]),
    ("专利申请量达到9万件。", [(">=", "90000", "件", None)]),
    ("知识产权保护社会满意度达到80%以上。", [(">=", "80", "%", None)]),
    ("无错率不低于90%。", [(">=", "90", "%", None)]),
    ("集聚知识产权服务机构不低于30家。", [(">=", "30", "家", None)]),
    ("累计实现知识产权融资50亿元。", [(">=", "5000000000", "元", None)]),
    ("商标有效注册量9万件。", [("=", "90000", "件", None)]),
    ("培育100家专业化知识产权服务机构。", [("=", "100", "家", None)]),
    ("新增知识产权品牌服务机构5家。", [("=", "5", "家", None)]),
    ("培育3家以上产业知识产权运营中心。", [(">=", "3", "家", None)]),
    ("56人以上大班额比例控制在5%以内。", [("<=", "5", "%", None)]),
    ("累计引进知识产权服务机构100家左右。", [("=", "100", "家", None)]),
    ("争取申报地理标志产品(商标)3—5件。", [("range", "5", "件", "3")]),
    ("推进1至2个专利导航产业发展实验区建设。", [("range", "2", "个", "1")]),
    ("单位产品能耗下降15%。", [("=", "15", "%", None)]),
    ("保有量突破160万辆。", [(">", "1600000", "辆", None)]),
    ("全区差等级道路数量比例不超过4%。", [("<=", "4", "%", None)]),
    (
        "按照2020年普通高中学校消除66人以上超大班额、56人以上大班额比例控制在5%以内的目标推进。",
        [("<=", "5", "%", None)],
    ),
    ("确保省定普通高中生均公用经费不低于1000元/年的标准定额落实到位。", [(">=", "1000", "元/年", None)]),
]


@pytest.mark.parametrize(("snippet", "expected"), COMPARATORS)
def test_comparators(snippet: str, expected: list[tuple[str, str, str, str | None]]) -> None:
    want = [(c, Decimal(v), u, None if m is None else Decimal(m)) for c, v, u, m in expected]
    assert [brief(t) for t in run(snippet)] == want


METRICS = [
    ("到2025年,万人有效发明专利拥有量达到2.9件。", ["万人有效发明专利拥有量"]),
    ("实现知识产权转让、许可数量年均增幅20%以上。", ["知识产权转让、许可数量年均增幅"]),
    ("打造2个特色鲜明、竞争力强、市场信誉好的区域商标品牌。", ["打造区域商标品牌"]),
    ("试点期内,新增拥有有效发明专利20件以上企业15家。", ["新增拥有有效发明专利20件以上企业"]),
    (
        "新增自主知识产权产品产值过10亿元、利税超千万元的企业10家。",
        ["新增自主知识产权产品产值过10亿元、利税超千万元的企业"],
    ),
    ("打造千亿级产业集群1个、五百亿级产业集群3个。", ["打造千亿级产业集群", "五百亿级产业集群"]),
    (
        "知识产权行政案件年结案率、知识产权一审案件服判息诉率均达到90%以上。",
        ["知识产权行政案件年结案率", "知识产权一审案件服判息诉率"],
    ),
    ("发明专利申请量和授权量分别达到1500件和500件。", ["发明专利申请量", "授权量"]),
    ("废旧家电回收量较2023年增长30%。", ["废旧家电回收量增长"]),
    ("单位产品能耗下降15%。", ["单位产品能耗下降"]),
    (
        "新建40家绿色工厂,15家绿色供应链管理企业,4家绿色工业园区和80家(近)零碳工厂。",
        ["新建绿色工厂", "绿色供应链管理企业", "绿色工业园区", "(近)零碳工厂"],
    ),
]


@pytest.mark.parametrize(("snippet", "metrics"), METRICS)
def test_metrics(snippet: str, metrics: list[str]) -> None:
    assert [t.metric for t in run(snippet)] == metrics


@pytest.mark.parametrize(
    ("segment", "metric"),
    [
        ("到2025年,全市", ""),
        ("到2025年,万人有效发明专利拥有量达到", "万人有效发明专利拥有量"),
        ("试点期内,每年知识产权质押融资贷款额不低于", "每年知识产权质押融资贷款额"),
    ],
)
def test_trim_metric(segment: str, metric: str) -> None:
    assert trim_metric(segment) == metric


# --- not targets ---------------------------------------------------------------------

NOT_TARGETS = [
    "《濮阳市国家知识产权强市建设试点城市工作方案》已经市政府第138次常务会议研究同意。",  # meeting number
    "重点围绕提质发展5大传统产业,打造“136”先进制造业产业集群。",  # labels
    "推进“2 1 N”专利导航服务模式,落实濮阳市“1 14”人才政策。",  # quoted labels
    "力争通过3年努力,基本建成知识产权强市。",  # duration
    "2020年,全市累计建设5G基站1444个。",  # the past, in a 2021 plan
    "截至目前,全市已有高新技术企业120家。",  # the past
    "对月销售额15万元以下的小规模纳税人免征增值税。",  # eligibility threshold
    "申请材料齐全的,5个工作日内办结。",  # procedural limit
    "本方案共146项任务。",  # the plan's own items
    "聚焦12个领域开展攻坚。",  # the plan's own items
    "引导我市首批10家产业研究院在关键领域布局专利。",  # existing items
    "深度推进高新区、经开区两个省级专利导航产业发展实验区建设。",  # named existing items
    "对企业获得发明专利授权并在我市辖区内实施产业化的,每项奖励50万元。",  # incentive
    "分别给予30万元、20万元、10万元和5万元的补助。",  # incentive
    "加快推进730万千瓦“先立后改”支撑性电源项目建设。",  # project specification
    "若日实际响应量低于日申报响应量的80%,按照补贴价格的20%进行补贴。",  # rule
    "努力走出一条具有青岛特色的知识产权强市之路。",  # 一条: an article, not a count
    "以3.2平方公里创新城建设为核心。",  # a means
    "依托58台水质自动监测站开展监测。",  # existing means
    "放宽知识产权质押融资不良率3%以内的,可不作为扣分因素。",  # policy condition
    "严格执行“中央财政用于支持集聚区建设的资金比例不得少于40%”的要求。",  # quoted rule
    "国务院办公厅关于印发文化体制改革中经营性文化事业单位转制为企业和进一步支持文化企业发展两个规定的通知",  # documents
    "持股比例不低于5%的创业人才。",  # eligibility
    "确保水源井周边30米范围内无污水。",  # a distance
    "加强1097个入河排污口长效监督管理。",  # existing objects
    "加快构建1家以上专利信息服务机构、1个知识产权培训基地、“n”家专利代理服务机构的“5+n”知识产权服务业体系。",
]


@pytest.mark.parametrize("snippet", NOT_TARGETS)
def test_not_targets(snippet: str) -> None:
    assert run(snippet, issue=dt.date(2021, 3, 1)) == []


def test_incentives_are_listed_apart() -> None:
    text = (
        "对企业获得发明专利授权并在我市辖区内实施产业化的,每项奖励50万元;"
        "依技术交易额给予10%的奖励,单个企业最高奖励不超过20万元。"
    )
    norm = normalize(text)
    targets, incentives = find_targets(norm, build_outline(norm), [], None, [], None)
    assert targets == []
    assert [(i.amount, i.unit, i.cap) for i in incentives] == [
        (Decimal(500000), "元", False),
        (Decimal(10), "%", False),
        (Decimal(200000), "元", True),
    ]


# --- deadlines --------------------------------------------------------------------------


def _span() -> Span:
    return Span(start=0, end=0)


def test_deadline_from_sentence_and_staged_goals() -> None:
    text = "2025年全市新增储能不低于150万千瓦时,2026年全市新增储能不低于200万千瓦时。"
    got = [(t.value, t.deadline, t.deadline_source) for t in run(text)]
    assert got == [(Decimal(1500000), "2025", "sentence"), (Decimal(2000000), "2026", "sentence")]


def test_deadline_from_hand_built_date_mentions() -> None:
    text = "到2022年通过贯标认证的单位达到200家。"
    mention = DateMention(text="2022年", precision="year", value="2022", span=Span(start=1, end=6))
    got = run(text, dates=[Located(mention, 1, 6)])
    assert [(t.deadline, t.deadline_source) for t in got] == [("2022", "sentence")]


def test_deadline_month_before() -> None:
    got = run("2025年6月底前,建成规范化回收网点500个。")
    assert [(t.deadline, t.deadline_source) for t in got] == [("2025-06", "sentence")]


# (real snippet, expected [(deadline, source)]); "按照YYYY年…目标" names the due year, other 按照 years do not.
BY_GOAL_YEAR = [
    ("三、保障\n各地要制订专项规划,并按照2020年普通高中学校消除66人以上超大班额、56人以上大班额比例控制在5%以内的目标推进。",
     [("2020", "sentence")]),
    ("三、保障\n按照2018年标准,新建校舍面积不低于3000平方米。", [(None, "none")]),
]


@pytest.mark.parametrize(("text", "expected"), BY_GOAL_YEAR)
def test_deadline_from_year_of_a_named_goal(text: str, expected: list[tuple[str | None, str]]) -> None:
    got = run(text, issue=None)
    assert [(t.deadline, t.deadline_source) for t in got] == expected


def test_deadline_from_section() -> None:
    text = "一、主要目标\n到2025年,全市知识产权能力大幅提升。\n实现高质量创造。万人有效发明专利拥有量达到2.9件。\n"
    got = run(text)
    assert [(t.path, t.deadline, t.deadline_source) for t in got] == [("一", "2025", "section")]


def test_deadline_from_phase() -> None:
    text = "二、主要目标\n全面推进阶段(2018年):培育形成10个特色优势知识产权密集型产业。\n"
    norm = normalize(text)
    start = norm.text.index("全面推进阶段")
    phase = Phase(
        path="二", name="全面推进阶段", start="2018", end="2018", text="全面推进阶段(2018年)", span=_span()
    )
    got = run(text, phases=[Located(phase, start, start + 12)])
    assert [(t.deadline, t.deadline_source) for t in got] == [("2018", "phase")]


def test_deadline_from_period() -> None:
    period = Period(start="2022-07", end="2025-06", text="试点时限自2022年7月至2025年6月", span=_span())
    got = run("一、重点任务\n试点期内,新增高新技术企业65家。\n", period=period)
    assert [(t.deadline, t.deadline_source) for t in got] == [("2025-06", "period")]


def test_deadline_from_effort_years() -> None:
    text = (
        "一、发展目标\n力争通过3年努力,构建运营服务体系。\n二、主要任务\n建设3家以上产业知识产权运营中心。\n"
    )
    got = run(text, issue=dt.date(2020, 9, 28))
    assert [(t.deadline, t.deadline_source) for t in got] == [("2023", "period")]


def test_deadline_none() -> None:
    got = run("一、主要任务\n建设3家以上产业知识产权运营中心。\n", issue=None)
    assert [(t.deadline, t.deadline_source) for t in got] == [(None, "none")]


def test_baseline() -> None:
    got = run("以2018年为基数,知识产权质押融资金额和项目数年均增幅30%以上。")
    assert [(t.metric, t.baseline, t.comparator) for t in got] == [
        ("知识产权质押融资金额和项目数年均增幅", "2018", ">=")
    ]


# --- tables -----------------------------------------------------------------------------

ONE_CELL_PER_LINE = """附件2
主要任务推进时间表

序号

任务名称

2023 年 7 月

2024 年 6 月

2025 年 6 月

1

万人有效发明专利拥有量(件)

2.7

2.8

2.9

10

全市有效商标注册量(万件)

3.3

3.5

3.7

13

知识产权行政案件年结案率( % )

90% 以上

90% 以上

90% 以上
"""


def test_timetable_one_cell_per_line() -> None:
    got = run(ONE_CELL_PER_LINE)
    assert [
        (t.path, t.metric, t.comparator, t.value, t.unit, t.deadline, t.deadline_source) for t in got
    ] == [
        ("附件2", "万人有效发明专利拥有量", "=", Decimal("2.7"), "件", "2023-07", "table"),
        ("附件2", "万人有效发明专利拥有量", "=", Decimal("2.8"), "件", "2024-06", "table"),
        ("附件2", "万人有效发明专利拥有量", "=", Decimal("2.9"), "件", "2025-06", "table"),
        ("附件2", "全市有效商标注册量", "=", Decimal(33000), "件", "2023-07", "table"),
        ("附件2", "全市有效商标注册量", "=", Decimal(35000), "件", "2024-06", "table"),
        ("附件2", "全市有效商标注册量", "=", Decimal(37000), "件", "2025-06", "table"),
        ("附件2", "知识产权行政案件年结案率", ">=", Decimal(90), "%", "2023-07", "table"),
        ("附件2", "知识产权行政案件年结案率", ">=", Decimal(90), "%", "2024-06", "table"),
        ("附件2", "知识产权行政案件年结案率", ">=", Decimal(90), "%", "2025-06", "table"),
    ]
    # A cell states no clause: its text is the cell as written, its span the cell.
    assert got[3].text == "3.3"


PIPE_TABLE = """| 序号 | 指标名称 | 单位 | 2024年 | 2025年 |
| --- | --- | --- | --- | --- |
| 1 | 质押融资贷款额 | 亿元 | 1.5 | 2 |
| 2 | 高新技术企业 | 家 | 135 | 180 |
"""


def test_timetable_pipe_with_unit_column() -> None:
    got = run(PIPE_TABLE)
    assert [(t.metric, t.value, t.unit, t.deadline) for t in got] == [
        ("质押融资贷款额", Decimal(150000000), "元", "2024"),
        ("质押融资贷款额", Decimal(200000000), "元", "2025"),
        ("高新技术企业", Decimal(135), "家", "2024"),
        ("高新技术企业", Decimal(180), "家", "2025"),
    ]


def test_table_and_sentence_targets_keep_reading_order() -> None:
    # Found in review: table targets were placed by their offset in the original text and
    # sentence targets by their normalised offset, so text removed before a table (spaces
    # between Han characters here) put a later sentence's target before the table's.
    text = "各 区 县 政 府 要 " * 20 + "\n" + PIPE_TABLE + "到2025年,全市高新技术企业达到200家。\n"
    got = run(text)
    assert [t.deadline_source for t in got] == ["table"] * 4 + ["sentence"]
    assert [t.span.start for t in got] == sorted(t.span.start for t in got)


def test_task_table_deadline_cell() -> None:
    text = "| 5 | 加强监管 | 全年执法检查数不低于600次。 | 11月底前 | 区商务局 |\n"
    got = run(text, issue=dt.date(2026, 3, 30))
    assert [(t.value, t.deadline, t.deadline_source) for t in got] == [(Decimal(600), "2026-11", "table")]


def test_spans_point_at_the_original() -> None:
    text = "到2025年，万人有效发明专利拥有量达到２.９件。"  # full-width forms folded by normalize
    norm = normalize(text)
    targets, _ = find_targets(norm, build_outline(norm), [], None, [], None)
    (t,) = targets
    assert t.value == Decimal("2.9")
    assert t.value_span.slice(text) == "２.９件"
    assert t.span.slice(text) == t.text


# --- fast paths (issue 7): each shortcut gives the answer of the plain computation -------------

FAST_SNIPPETS = [
    "到2025年底前,全市发明专利拥有量达到9万件,每万人口发明专利拥有量超过15件。",
    "对企业获得发明专利授权并在我市辖区内实施产业化的,每项奖励50万元。依技术交易额给予10%的奖励。",
    "以2020年数据为基数,规模较2023年增长15%;《沈阳市知识产权运营服务体系建设实施方案》(2020-2023年)",
    "加强1097个入河排污口监管|已建成3座;总投资12亿元,以3.2平方公里为核心区。\n\n 2025 年 \n2030年目标\n",
    "消除66人以上超大班额,周边30米范围内,两个规定的通知,力争通过3年努力,争取申报地理标志产品3-5件。",
]


def _fast_corpus() -> list[str]:
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    texts = [p.read_text(encoding="utf-8") for p in sorted((root / "samples").glob("*.txt"))]
    return [normalize(t).text for t in [*FAST_SNIPPETS, *texts]]


FAST_CORPUS = _fast_corpus()


def _plain_clause(text: str, pos: int, s0: int, s1: int) -> tuple[int, int]:
    import regex

    a = s0
    for m in regex.finditer(r"[,;:。!?\n|\t]", text[:pos]):
        if m.start() >= s0:
            a = m.end()
    m2 = regex.compile(r"[,;:。!?\n|\t]").search(text, pos, s1)
    return a, (m2.start() if m2 else s1)


@pytest.mark.parametrize("text", FAST_CORPUS)
def test_sentence_and_clause_found_from_a_figure_match_the_plain_split(text: str) -> None:
    from policyparse.lexicon import targets as tlx
    from policyparse.quantities import find_quantities
    from policyparse.targets import _clause, _sentence_at

    sentences = [m.span() for m in tlx.SENTENCE.finditer(text)]
    for q in find_quantities(text):
        (s0, s1), = [(a, b) for a, b in sentences if a <= q.start < b]
        assert _sentence_at(text, q.start) == (s0, s1)
        c0, c1 = _clause(text, q.start, s0, s1)
        assert (c0, c1) == _plain_clause(text, q.start, s0, s1)
        # the per-clause memo: every offset of a clause has that clause
        assert all(_clause(text, p, s0, s1) == (c0, c1) for p in range(c0, c1))


# Sentences and clauses the one search of each side can get wrong: a figure in a sentence's
# first, middle, last or only clause; at the text's start or end; after a bare sentence end.
BOUNDARY_SNIPPETS = [
    "100家",
    "培育企业100家",
    "到2025年,全市培育企业100家。",
    "到2025年,全市培育企业100家,产值达到50亿元;新增就业3000人\n",
    "|序号|任务|2025年|\n|1|培育企业|100家|",
    "新增10家!培育5个?建成3座。\t其中2个",
    "到2025年:研发投入占比2.5%",
]


@pytest.mark.parametrize("text", [*FAST_CORPUS, *BOUNDARY_SNIPPETS])
def test_sentence_and_clause_in_one_go_are_the_two_searches(text: str) -> None:
    from policyparse.lexicon import targets as tlx
    from policyparse.quantities import find_quantities
    from policyparse.targets import _clause, _sentence_and_clause, _sentence_at

    assert {c for c in map(chr, range(0x10000)) if tlx.SENTENCE_END.match(c)} == tlx.SENTENCE_END_CHARS
    assert all(tlx.CLAUSE_END.match(c) for c in tlx.SENTENCE_END_CHARS)
    positions = [q.start for q in find_quantities(text)]
    if len(text) < 80:  # every offset that is no sentence end, for the short ones
        positions = [p for p in range(len(text)) if text[p] not in tlx.SENTENCE_END_CHARS]
    assert positions
    for pos in positions:
        s0, s1 = _sentence_at(text, pos)
        assert _sentence_and_clause(text, pos) == (s0, s1, *_clause(text, pos, s0, s1))


# Sentences where a cue sits at a clause's edge: after a clause's start, right before its
# end, a rule word before a lookahead's words, a formula sign, a base year.
CUE_EDGE_SNIPPETS = [
    "若企业年产值达到2000万元以上的",
    "3家以上的\t目标企业",
    "规模以下的;要求20家",
    "单位GDP能耗≤0.5吨标准煤",
    "较2020年下降13.5%",
    "全市比2020年增长10%",
    "每户补助500元",
    "给予一次性奖励",
    "以2020年为基数,减少20%",
    "MAX值不超过5个",
]


@pytest.mark.parametrize("text", [*FAST_CORPUS, *CUE_EDGE_SNIPPETS])
def test_sentence_without_any_cue_has_none_in_any_of_its_searches(text: str) -> None:
    from policyparse.lexicon import targets as tlx

    seen = 0
    for s in tlx.SENTENCE.finditer(text):
        s0, s1 = s.span()
        separate = [
            tlx.INCENTIVE_CUE.search(text, s0, s1),
            tlx.BASELINE.search(text, s0, s1),
            *(
                tlx.RULE_OR_FORMULA.search(text, s0 + c.start(), s0 + c.end())
                for c in regex.finditer(r"[^,;:。!?\n|\t]+", s.group())
            ),
        ]
        # also the clause ends a clause search may end at: every prefix of the sentence
        separate += [tlx.RULE_OR_FORMULA.search(text, s0, e) for e in range(s0 + 1, s1)]
        gate = tlx.SENTENCE_CUES.search(text, s0, s1)
        if gate is None:
            assert not any(separate), s.group()
        seen += gate is not None
    if text in CUE_EDGE_SNIPPETS:
        assert seen


@pytest.mark.parametrize("text", FAST_CORPUS)
def test_incentive_cues_memo_is_in_incentive_clause(text: str) -> None:
    from policyparse.incentives import IncentiveCues, in_incentive_clause
    from policyparse.lexicon import targets as tlx
    from policyparse.quantities import find_quantities
    from policyparse.targets import _clause, _sentence_at

    for q in find_quantities(text, skip_time=True):
        sentence = _sentence_at(text, q.start)
        clause = _clause(text, q.start, *sentence)
        offered = in_incentive_clause(text, q, clause, sentence)
        assert IncentiveCues(text, sentence).offers(q, clause) == offered
        # the search the caller made, handed over, and the figures it spares asking
        cue = bool(tlx.INCENTIVE_CUE.search(text, *sentence))
        assert IncentiveCues(text, sentence, cue).offers(q, clause) == offered
        if not cue and q.kind not in ("money", "percent"):
            assert not offered


@pytest.mark.parametrize("text", FAST_CORPUS)
def test_combined_not_target_cues_are_the_separate_ones(text: str) -> None:
    from policyparse.lexicon import targets as tlx
    from policyparse.quantities import find_quantities
    from policyparse.targets import _clause, _sentence_at

    for q in find_quantities(text, skip_time=True):
        c0, _ = _clause(text, q.start, *_sentence_at(text, q.start))
        before = text[c0 : q.start]
        separate = (tlx.PREPOSITION_BEFORE, tlx.EXISTING_BEFORE, tlx.PAST_CUE, tlx.SPEC_CUE)
        assert bool(tlx.NOT_TARGET_BEFORE.search(before)) == any(p.search(before) for p in separate)
        assert bool(tlx.NOT_TARGET_AFTER.match(text, q.end)) == bool(
            tlx.RANGE_AFTER.match(text, q.end) or tlx.DOCUMENT_AFTER.match(text, q.end)
        )


@pytest.mark.parametrize("text", FAST_CORPUS)
def test_sentence_baseline_memo_is_searching_up_to_the_figure(text: str) -> None:
    from policyparse.lexicon import targets as tlx
    from policyparse.quantities import find_quantities
    from policyparse.targets import _baseline, _ClauseState, _sentence_at

    for q in find_quantities(text, skip_time=True):
        s0, s1 = _sentence_at(text, q.start)
        m = tlx.BASELINE.search(text, s0, q.start)
        assert _baseline(text, s0, s1, q.start, _ClauseState()) == ((m["y"] or m["y2"]) if m else None)


@pytest.mark.parametrize("text", FAST_CORPUS)
def test_title_spans_found_once_match_the_window_around_each_date(text: str) -> None:
    from policyparse.targets import _BRACKETED, _TITLE_PAREN, _in_title

    for pattern in (_BRACKETED, _TITLE_PAREN):
        spans = [m.span() for m in pattern.finditer(text)]
        for pos in range(len(text)):
            lo, hi = max(0, pos - 90), min(len(text), pos + 90)
            plain = any(m.start() <= pos < m.end() for m in pattern.finditer(text, lo, hi))
            assert _in_title(spans, pos, len(text)) == plain


@pytest.mark.parametrize("text", FAST_CORPUS)
def test_lines_and_timetable_gate_match_the_plain_ones(text: str) -> None:
    from policyparse.targets import _lines, _may_have_timetable

    plain, pos = [], 0
    for line in text.split("\n"):
        stripped = line.strip(" \t")
        if stripped:
            s = pos + len(line) - len(line.lstrip(" \t"))
            plain.append((stripped, s, s + len(stripped)))
        pos += len(line) + 1
    assert [(c.text, c.start, c.end) for c in _lines(text)] == plain
    for t in (text, text[1:], text.replace("|", "")):
        assert _may_have_timetable(t) == _plain_timetable_gate(t)


_DATE_LINE = r"[ \t]*\d[\d \t]*年[\d \t月底末目标值]*"  # COLUMN_DATE_LINE without its anchors


def _plain_timetable_gate(text: str) -> bool:
    """A line opening with "|", or two non-blank lines in a row that COLUMN_DATE_LINE fits."""
    import regex

    lines = [line for line in text.split("\n") if line.strip(" \t")]
    if any(line.lstrip(" \t").startswith("|") for line in lines):
        return True
    date_like = [bool(regex.fullmatch(_DATE_LINE, line)) for line in lines]
    return any(a and b for a, b in itertools.pairwise(date_like))


TIMETABLE_GATE_CASES = [
    "发文机构:沈阳市人民政府 | 发文时间:2020-09-30",  # a "|" inside a line: no row
    "二、主要目标\n2025年\n主要指标",  # one date line: no header
    "指标\n 2025 年 \n\n 2030年目标\n专利(件)\n10\n20",  # two in a row, blank line between
    "2025年\n2030年",  # at the very start
    " | 指标 | 2025年 |",  # a row indented by a space
    "2025年底\n说明\n2030年",  # not in a row
]


@pytest.mark.parametrize("text", TIMETABLE_GATE_CASES)
def test_timetable_gate_is_the_plain_one(text: str) -> None:
    from policyparse.targets import _may_have_timetable

    assert _may_have_timetable(text) == _plain_timetable_gate(text)


@pytest.mark.parametrize("text", [*FAST_CORPUS, *TIMETABLE_GATE_CASES])
def test_a_text_the_timetable_gate_skips_has_no_timetable(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # The walk of every line, run anyway, finds nothing in a text the gate turns away.
    from policyparse import targets as tg

    norm = normalize(text)
    if tg._may_have_timetable(norm.text):
        return
    monkeypatch.setattr(tg, "_timetable_start", lambda _text: 0)
    targets, _ = tg.find_targets(norm, build_outline(norm), [], None, [], dt.date(2020, 9, 28))
    assert [t for t in targets if t.deadline_source == "table"] == []


@pytest.mark.parametrize("text", [*FAST_CORPUS, "力争通过3年努力", "用两年左右时间", "用 10 年的时间"])
def test_years_effort_gate_never_hides_a_match(text: str) -> None:
    from policyparse.lexicon import targets as tlx

    if tlx.YEARS_EFFORT.search(text):
        assert tlx.YEARS_EFFORT_TAIL.search(text)


@pytest.mark.parametrize("cell", ["2.7", "1,500", "90% 以上", "—", "", "约3", "2025 年 6 月", " 2030年目标 "])
def test_cell_lookups_are_the_plain_ones(cell: str) -> None:
    from policyparse.quantities import read_number_cell
    from policyparse.targets import _Cell, _column_date

    c = _Cell(cell, 0, len(cell))
    assert c.number() == read_number_cell(cell)
    plain = _column_date(_Cell(cell, 0, len(cell)))
    got = c.date()
    assert (got and got.group()) == (plain and plain.group())


# PREPOSITION_BEFORE as first written, with "(?:^|[^可所难])" where it now has a lookbehind.
_PLAIN_PREPOSITION = r"(?:^|[^可所难])以[ \t]*$|^[ \t]*以(?![上下内来及便求期])"


@pytest.mark.parametrize(
    "text", [*FAST_CORPUS, "以3.2平方公里", "可以3", "所以 ", "难以", "以上5", " 以 ", "a以", "以"]
)
def test_preposition_lookbehind_is_the_plain_alternation(text: str) -> None:
    import regex

    from policyparse.lexicon import targets as tlx
    from policyparse.quantities import find_quantities
    from policyparse.targets import _clause, _sentence_at

    plain = regex.compile(_PLAIN_PREPOSITION)
    befores = [text[: i + 1] for i in range(min(len(text), 12))]
    for q in find_quantities(text, skip_time=True):
        c0, _ = _clause(text, q.start, *_sentence_at(text, q.start))
        befores.append(text[c0 : q.start])
    for before in befores:
        assert bool(tlx.PREPOSITION_BEFORE.search(before)) == bool(plain.search(before))


def test_records_built_by_one_validation_are_the_model_built_ones() -> None:
    # Targets (prose and table) and incentives are validated from dicts, spans included: the
    # records equal the ones the model constructors build from Span models.
    from policyparse.models import Incentive

    text = (
        "到2025年,全市发明专利拥有量达到9万件、商标3万件。对企业每项奖励50万元。\n"
        "| 指标 | 2025年 | 2030年 |\n| 专利(件) | 10 | 20 |\n"
    )
    norm = normalize(text)
    targets, incentives = find_targets(norm, build_outline(norm), [], None, [], dt.date(2020, 9, 28))
    assert len(targets) >= 3 and incentives
    for t in targets:
        fields = t.model_dump()
        fields["span"], fields["value_span"] = Span(**fields["span"]), Span(**fields["value_span"])
        assert Target(**fields) == t
        assert isinstance(t.span, Span) and isinstance(t.value_span, Span)
    for i in incentives:
        fields = i.model_dump()
        fields["span"] = Span(**fields["span"])
        assert Incentive(**fields) == i and isinstance(i.span, Span)


def test_one_validation_still_checks_spans() -> None:
    import pydantic

    bad = {
        "path": None, "metric": "发明专利", "comparator": "=", "value": Decimal(1), "unit": "件",
        "value_text": "1件", "deadline": None, "deadline_source": "none", "text": "x",
        "span": {"start": -1, "end": 1}, "value_span": {"start": 0, "end": 1},
    }
    with pytest.raises(pydantic.ValidationError):
        Target.__pydantic_validator__.validate_python(bad)


# --- fast paths, second round: set look-ups before anchored patterns ------------------------
#
# A gate "c in SET and PATTERN.match(...)" answers as the pattern alone does when every string
# the pattern matches opens (or, anchored at the end, closes) with a character of SET. Each test
# below tries, for every character of the samples, the corpus, ASCII and the patterns, the
# strings that would put it first (or last) in a match, and asks that it be in the set.


def _alphabet() -> set[str]:
    from policyparse.lexicon import targets as tlx

    chars = set("".join(FAST_CORPUS)) | {chr(c) for c in range(0x20, 0x7F)} | {"\t", "\n", "\u3000"}
    for value in vars(tlx).values():
        if isinstance(value, (regex.Pattern, re.Pattern)):  # both engines are in use
            chars |= set(value.pattern)
    return chars


ALPHABET = sorted(_alphabet())


def _words(alternation: str) -> list[str]:
    return alternation.split("|")


def test_left_scaffold_opens_with_a_first_character() -> None:
    from policyparse.lexicon import targets as tlx

    tails = [w[1:] for w in _words(tlx._LEFT_WORDS) + _words(tlx._LEFT_VERBS)]
    tails += ["2025年", "025年", "至2025年", "止2025年", "过3年", "0年", "十四五”", " ", ""]
    opening = {c for c in ALPHABET if any(tlx.LEFT_SCAFFOLD.match(c + t) for t in tails)}
    assert opening, "the probe strings find the scaffolding"
    assert all(c in tlx.LEFT_SCAFFOLD_FIRST or c.isdecimal() for c in opening)


def test_right_scaffold_closes_with_a_last_character() -> None:
    from policyparse.lexicon import targets as tlx

    heads = [w[:-1] for w in _words(tlx._RIGHT_WORDS)] + [""]
    closing = {c for c in ALPHABET if any(tlx.RIGHT_SCAFFOLD.search("指标" + h + c) for h in heads)}
    assert closing and closing <= tlx.RIGHT_SCAFFOLD_LAST


def test_object_verb_closes_with_a_last_character() -> None:
    from policyparse.lexicon import targets as tlx

    heads = [w[:-1] for w in _words(tlx._OBJECT_VERBS)]
    closing = {c for c in ALPHABET if any(tlx.OBJECT_VERB.search("全市" + h + c) for h in heads)}
    assert closing and closing <= tlx.OBJECT_VERB_LAST


def test_ordinal_closes_with_a_last_character() -> None:
    from policyparse.lexicon import targets as tlx

    heads = [w[:-1] for w in _words(tlx._ORDINALS)] + ["No", "N", ""]
    closing = {c for c in ALPHABET if any(tlx.ORDINAL_BEFORE.search(h + c) for h in heads)}
    closing |= {c for c in ALPHABET if tlx.ORDINAL_BEFORE.search("第" + c)}  # "第 ", "第\t"
    assert closing and closing <= tlx.ORDINAL_BEFORE_LAST


@pytest.mark.parametrize(
    ("name", "words", "extra"),
    [
        ("SUFFIX_CUE", "|".join(["及以上", "以上", "及以下", "以下", "以内", "之内", "左右", "上下", "内"]), ["以上"]),
        ("NOT_TARGET_AFTER", "范围|半径|距离|规定|文件|方案|意见|办法|条例|细则|通知", ["范围"]),
        ("OWN_ITEMS_AFTER", "项|个|条|大|类|方面|部分|重点|任务|措施|方面|领域|板块|环节|部分|章|举措|政策", ["任务"]),
    ],
)
def test_patterns_after_a_figure_open_with_a_first_character(name: str, words: str, extra: list[str]) -> None:
    from policyparse.lexicon import targets as tlx

    pattern = getattr(tlx, name)
    first = getattr(tlx, f"{name}_FIRST")
    tails = [w[1:] + "任务" for w in _words(words)] + [w[1:] for w in _words(words)]
    tails += [" " + e for e in extra]
    opening = {c for c in ALPHABET if any(pattern.match(c + t) for t in tails)}
    assert opening and opening <= first


def test_lead_prep_opens_with_a_first_character() -> None:
    from policyparse.lexicon import targets as tlx

    tails = [w[1:] + "重点区域建设" for w in _words(tlx._LEAD_PREPS)]
    opening = {c for c in ALPHABET if any(tlx.LEAD_PREP.match(c + t) for t in tails)}
    assert opening and opening <= tlx.LEAD_PREP_FIRST


def test_word_gates_are_in_every_match() -> None:
    from policyparse.lexicon import targets as tlx

    for text in [*FAST_CORPUS, "的“5+n”体系", "均达到90%", "都达到", "用两年时间", "力争3年努力"]:
        for m in tlx.LABELLED_WHOLE.finditer(text):
            assert m.group().startswith(tlx.LABELLED_WHOLE_LEAD)
        for m in tlx.EACH.finditer(text):
            assert any(w in m.group() for w in tlx.EACH_WORDS)
        for m in tlx.YEARS_EFFORT_TAIL.finditer(text):
            assert m.group().endswith(tlx.EFFORT_ENDS)
        assert bool(tlx.GOAL_TITLE.search(text)) == (tlx.GOAL_WORD in text)
    for lead in ["", "到", "至", "力争", "确保", "到至", "力", "截至", "x"]:
        assert bool(tlx.OPENING_LEAD.fullmatch(lead)) == (lead in tlx.OPENING_LEAD_WORDS)


@pytest.mark.parametrize("text", FAST_CORPUS)
def test_rule_or_formula_is_either_search(text: str) -> None:
    from policyparse.lexicon import targets as tlx
    from policyparse.quantities import find_quantities
    from policyparse.targets import _clause, _sentence_at

    for q in find_quantities(text, skip_time=True):
        c0, c1 = _clause(text, q.start, *_sentence_at(text, q.start))
        either = tlx.RULE_CUE.search(text, c0, c1) or tlx.FORMULA.search(text, c0, c1)
        assert bool(tlx.RULE_OR_FORMULA.search(text, c0, c1)) == bool(either)


def _plain_trim_metric(segment: str) -> str:
    # _trim_metric as first written: every pattern applied, no gate.
    from policyparse.lexicon import targets as tlx

    s = tlx.LEAD_PREP.sub("", tlx.BASELINE_IN_METRIC.sub("", segment))
    for _ in range(3):
        new = tlx.RIGHT_SCAFFOLD.sub("", tlx.LEFT_SCAFFOLD.sub("", s))
        if new == s:
            break
        s = new
    return str(s).strip()


TRIM_SEGMENTS = [
    "到2025年,全市规模以上工业企业研发机构覆盖率达到",
    "试点期内,每年知识产权质押融资贷款额不低于",
    "废旧家电回收量较2023年增长",
    "围绕重点区域建设零碳公路运输通道",
    "“十四五”期间,全省累计",
    "力争3年培育",
    "2025年度预算不超过\n",
    "、专精特新“小巨人”企业达到",
    "\t 其中拥有发明专利的企业超过 ",
    "٣年内",
    "",
]


@pytest.mark.parametrize("text", FAST_CORPUS)
def test_gated_trim_metric_is_the_plain_one_on_every_segment(text: str) -> None:
    from policyparse.quantities import find_quantities
    from policyparse.targets import _clause, _sentence_at, _trim_metric

    segments = list(TRIM_SEGMENTS)
    for q in find_quantities(text, skip_time=True):
        c0, _ = _clause(text, q.start, *_sentence_at(text, q.start))
        segments += [text[c0 : q.start], text[max(0, q.start - 30) : q.start]]
    for segment in segments:
        assert _trim_metric(segment) == _plain_trim_metric(segment)


def _plain_deadline_cue(text: str, start: int, end: int, value: str) -> tuple[int, int, str, bool] | None:
    # _deadline_cue as first written: every cue read, then weighed together.
    from policyparse.lexicon import targets as tlx
    from policyparse.targets import _CLAUSE_LEAD, _GOAL_AHEAD

    before = text[max(0, start - 6) : start]
    after = text[end : end + 4]
    lead_m = _CLAUSE_LEAD.search(text, max(0, start - 12), start)
    lead = lead_m.group(1).strip(" \t★") if lead_m else "x"
    if tlx.BASELINE.match(text, max(0, start - 2)) or tlx.COMPARED_BEFORE.search(before):
        return None
    if tlx.SINCE_AFTER.search(after):
        return None
    written = text[start:end]
    has_pre = bool(tlx.BY_BEFORE.search(before))
    has_post = bool(tlx.BOUND_END.search(written)) or bool(tlx.BOUND_AFTER.match(after))
    if not has_pre and tlx.ACCORDING_BEFORE.search(before):
        has_pre = bool(_GOAL_AHEAD.match(text, end))
    opens = lead == "" or bool(tlx.OPENING_LEAD.fullmatch(lead))
    relative = bool(tlx.RELATIVE_DEADLINE.search(written))
    if not (has_pre or has_post or opens or relative):
        return None
    return start, end, value, opens


DEADLINE_SNIPPETS = [
    "到2025年,全市发明专利拥有量达到9万件。",
    "按照2020年普通高中学校消除大班额的目标推进。按照2018年标准执行。",
    "2013年,全市完成;自2020年起;以2020年为基数;比2019年增长;年内完成;今年底前;2025年底前完成。",
]


@pytest.mark.parametrize("text", [*FAST_CORPUS, *DEADLINE_SNIPPETS])
def test_deadline_cue_tried_in_turn_is_the_one_weighing_every_cue(text: str) -> None:
    from policyparse.dates import read_dates
    from policyparse.targets import _deadline_cue

    spans = [(s, e) for s, e, _ in read_dates(text)]
    spans += [(m.start(), m.end()) for m in regex.finditer(r"\d{4}年", text)]
    for s, e in spans:
        got = _deadline_cue(text, s, e, "2025")
        plain = _plain_deadline_cue(text, s, e, "2025")
        assert (got and (got.pos, got.end, got.value, got.sentence_start)) == plain


@pytest.mark.parametrize("text", [*FAST_CORPUS, "| 任务 | 11月底前 |", "说明\n| 任务 |", "a|b\n c|d", ""])
def test_row_gate_is_a_line_opening_with_a_bar(text: str) -> None:
    from policyparse.targets import _has_rows

    assert _has_rows(text) == any(line.startswith("|") for line in text.split("\n"))


def test_section_scope_memo_is_the_chain_of_the_section() -> None:
    from policyparse.targets import _Doc, _section_scope

    for text in FAST_CORPUS:
        norm = normalize(text)
        outline = build_outline(norm)
        doc = _Doc(norm, outline, [], [], [], None, None, None, None)
        for node in outline.nodes:
            chain = [node, *outline.ancestors(node)]
            plain = ({id(n) for n in chain}, min(n.start for n in chain))
            assert _section_scope(doc, node) == plain
            assert _section_scope(doc, node) == plain  # and again, from the memo


@pytest.mark.parametrize("s", ["", "a b", " \t专利 数量\t", "\t\t", "无空格", "全角\u3000空格"])
def test_no_spaces_is_the_spaces_pattern_removed(s: str) -> None:
    from policyparse.targets import _no_spaces

    assert _no_spaces(s) == regex.sub(r"[ \t]+", "", s)


# (pattern, the strings put before a probed character (it ends the match) or after it (it opens
# the match), the gate's set): the cues read around each date.
DATE_NEIGHBOUR_GATES = [
    ("COMPARED_BEFORE", ["", "相", "同", "以 ", "比\t"], "COMPARED_BEFORE_LAST", "end"),
    ("BY_BEFORE", ["", "截", "截止", "力", "确", "到 ", "在\t"], "BY_BEFORE_LAST", "end"),
    ("ACCORDING_BEFORE", ["", "按", "按 "], "ACCORDING_BEFORE_LAST", "end"),
    ("BOUND_END", ["", "2025年", "2025年底"], "BOUND_END_LAST", "end"),
    ("SINCE_AFTER", ["为基数", "基数", "基准", "来", "今", "", "始", "年起", "起"], "SINCE_AFTER_FIRST", "open"),
    ("BOUND_AFTER", ["", "前", "底前", "年底前", "以前"], "BOUND_AFTER_FIRST", "open"),
    ("BASELINE", ["2020年为基数", "2020年", "比2020年", " 2020年"], "BASELINE_FIRST", "open"),
]


@pytest.mark.parametrize(("name", "probes", "gate", "side"), DATE_NEIGHBOUR_GATES)
def test_date_neighbour_gates_hold_every_character_a_match_needs(
    name: str, probes: list[str], gate: str, side: str
) -> None:
    from policyparse.lexicon import targets as tlx

    pattern, chars = getattr(tlx, name), getattr(tlx, gate)
    if side == "end":
        needed = {c for c in ALPHABET if any(pattern.search(p + c) for p in probes)}
    else:
        needed = {c for c in ALPHABET if any(pattern.match(c + p) for p in probes)}
    assert needed and needed <= chars


# (pattern without its first-character lookahead, the tails put after a probed character so
# that it opens a match, the lookahead's set): a character that can open a match but is
# missing from the set would make the gated search miss that match.
OPENING_GATES = [
    (
        "|".join(f"(?:{p})" for p in ("PREPOSITION_BEFORE", "EXISTING_BEFORE", "PAST_CUE", "SPEC_CUE")),
        ["", "以", "\t以", " 以", *(w[1:] for w in "|".join(
            ("加强对|加强|对于|对", "针对|聚焦|围绕|依托|利用|借助|凭借"),
        ).split("|"))],
        "NOT_TARGET_BEFORE_FIRST",
    ),
    (
        "(?:RULE_CUE)|(?:FORMULA)",
        ["", "若", "5", "满", "则上", "种", "于", "果", "是", "则", "征", "缴", "收", "按", "半", "免", "受",
         "合条件", "请条件", "报条件", "当具备", "具备", "备下列", "槛", "下的", "上的", "内的", "以上的",
         "以下的", "超过5个的", "低于5个的", "IN", "AX"],
        "RULE_OR_FORMULA_FIRST",
    ),
]


@pytest.mark.parametrize(("parts", "tails", "gate"), OPENING_GATES, ids=["not_target_before", "rule_or_formula"])
def test_opening_lookaheads_hold_every_character_a_match_opens_with(parts: str, tails: list[str], gate: str) -> None:
    from policyparse.lexicon import targets as tlx

    names = regex.findall(r"[A-Z_]+", parts)
    plain = regex.compile("|".join(f"(?:{getattr(tlx, n).pattern})" for n in names))
    # every word of the alternations, without its first character, is a tail too
    tails = [*tails, *(w[1:] for w in f"{tlx._PAST_WORDS}|{tlx._SPEC_WORDS}".split("|"))]
    opening = {c for c in ALPHABET if any(plain.match(c + t) for t in tails)}
    assert opening, "the probe strings find matches"
    assert opening <= getattr(tlx, gate)
    # and the gated pattern answers as the plain one on each probe
    gated = tlx.NOT_TARGET_BEFORE if gate == "NOT_TARGET_BEFORE_FIRST" else tlx.RULE_OR_FORMULA
    for c in ALPHABET:
        for t in tails:
            assert _answer(gated.search(c + t)) == _answer(plain.search(c + t)), c + t


# --- fast paths (issue 7, third round) -----------------------------------------------------


def _excluded_spans(text: str) -> list[tuple[int, int]]:
    from policyparse.lexicon import targets as tlx
    from policyparse.targets import _BRACKETED

    return sorted([m.span() for m in _BRACKETED.finditer(text)] + [m.span() for m in tlx.QUOTED.finditer(text)])


# Overlapping and nested spans, as a title inside a quotation gives: only the last span to open
# at or before a position is asked, by both answers.
OVERLAPPING_SPANS = [[(0, 10), (2, 4), (3, 20), (30, 31), (30, 35)], [(5, 6)], [], [(0, 100), (10, 12)]]


@pytest.mark.parametrize("text", FAST_CORPUS)
def test_figures_outside_titles_in_one_merge_are_the_bisected_ones(text: str) -> None:
    from policyparse.quantities import find_quantities
    from policyparse.targets import _inside, _outside_all

    spans = _excluded_spans(text)
    positions = sorted(
        {q.start for q in find_quantities(text)} | {p + d for a, b in spans for p in (a, b) for d in (-1, 0, 1)}
    )
    positions = [p for p in positions if p >= 0]
    assert _outside_all(spans, positions) == [not _inside(spans, p) for p in positions]


@pytest.mark.parametrize("spans", OVERLAPPING_SPANS)
def test_figures_outside_overlapping_spans_in_one_merge_are_the_bisected_ones(spans: list[tuple[int, int]]) -> None:
    from policyparse.targets import _inside, _outside_all

    positions = list(range(0, 40))
    assert _outside_all(spans, positions) == [not _inside(spans, p) for p in positions]
    if spans == OVERLAPPING_SPANS[0]:
        assert _outside_all(spans, [5, 25])[0] is False and _outside_all(spans, [5, 25])[1] is True


def _plain_lstrip_pos(text: str, a: int, b: int) -> int:
    while a < b and text[a] in " \t、,和及":
        a += 1
    return a


@pytest.mark.parametrize("text", FAST_CORPUS)
def test_metric_start_past_joiners_is_the_character_walk(text: str) -> None:
    from policyparse.quantities import find_quantities
    from policyparse.targets import _lstrip_pos

    cases = [(0, len(text)), (len(text), len(text)), (5, 2)]
    for q in find_quantities(text, skip_time=True):
        cases += [(a, q.start) for a in range(max(0, q.start - 8), q.start + 1)]
    for a, b in cases:
        assert _lstrip_pos(text, a, b) == _plain_lstrip_pos(text, a, b)


def _plain_prefix_comparator(segment: str) -> str:
    # _prefix_comparator as first written: what follows each cue sliced off and tested.
    from policyparse.lexicon import targets as tlx
    from policyparse.targets import _NUMERAL_START

    last = None
    for m in tlx.PREFIX_CUE.finditer(segment):
        rest = segment[m.end() :]
        if rest.strip() and _NUMERAL_START.match(rest):
            continue
        last = m
    return tlx.PREFIX_COMPARATOR[last.group()] if last else "="


PREFIX_SEGMENTS = [
    "利税超千万元的企业",
    "产值超过 10亿元的企业不少于",
    "全市规模以上工业企业研发机构覆盖率达到",
    "试点期内,每年知识产权质押融资贷款额不低于",
    "超过\t",
    "超过",
    "",
]


@pytest.mark.parametrize("text", FAST_CORPUS)
def test_prefix_comparator_matched_in_place_is_the_sliced_one(text: str) -> None:
    from policyparse.quantities import find_quantities
    from policyparse.targets import _clause, _prefix_comparator, _sentence_at

    segments = list(PREFIX_SEGMENTS)
    for q in find_quantities(text, skip_time=True):
        c0, c1 = _clause(text, q.start, *_sentence_at(text, q.start))
        segments += [text[c0 : q.start], text[c0:c1]]
    for segment in segments:
        assert _prefix_comparator(segment) == _plain_prefix_comparator(segment)


@pytest.mark.parametrize("segment", [*TRIM_SEGMENTS, "各项指标均达到", "全部都达到", "平均", "都市"])
def test_each_word_check_is_any_of_the_words(segment: str) -> None:
    from policyparse.lexicon import targets as tlx
    from policyparse.targets import _has_each_word

    assert _has_each_word(segment) == any(w in segment for w in tlx.EACH_WORDS)


def test_sample_targets_spans_read_off_the_offset_map_are_normalized_ones() -> None:
    # Target spans and texts are read from the offset map directly: they must be what
    # ``norm.bounds`` / ``norm.raw`` give, i.e. slices of the original at the right place.
    from pathlib import Path

    from policyparse.load import load_bytes

    root = Path(__file__).resolve().parents[2]
    seen = 0
    for p in sorted((root / "samples").glob("*.txt")):
        raw = load_bytes(p.read_bytes(), p.name).text
        norm = normalize(raw)
        targets, _ = find_targets(norm, build_outline(norm), [], None, [], dt.date(2020, 9, 28))
        for t in targets:
            assert raw[t.span.start : t.span.end] == t.text
            assert raw[t.value_span.start : t.value_span.end] == t.value_text
            assert t.span.start <= t.value_span.start < t.value_span.end <= t.span.end or t.deadline_source == "table"
            seen += 1
    assert seen > 50


# Tables with prose around them, the header's labels right at the 4-line look-back, a "|"
# table below a one-cell-per-line one and the other way round, date lines below a "|" row.
TABLES_IN_PROSE = [
    "一、目标\n到2025年,专利达到100件。\n\n" + ONE_CELL_PER_LINE,
    "说明\n\n附件\n时间表\n\n" + ONE_CELL_PER_LINE + "\n其他\n" + PIPE_TABLE,
    "前言\n" + PIPE_TABLE + "\n附件2\n" + ONE_CELL_PER_LINE,
    "| 说明 | 无 |\n\n正文\n" + ONE_CELL_PER_LINE,
    "2025年\n2030年\n" + PIPE_TABLE,
    "第一行\n第二行\n 2025 年 \n\n 2030年目标\n专利(件)\n10\n20",
    # four labels: the look-back's whole reach
    "正文一\n正文二\n\n序号\n类别\n指标名称\n单位\n2024年\n2025年\n1\n创新\n发明专利\n件\n10\n20\n",
]


@pytest.mark.parametrize("text", [*FAST_CORPUS, *TABLES_IN_PROSE, ONE_CELL_PER_LINE, PIPE_TABLE])
def test_timetable_walk_from_the_first_table_line_is_the_walk_of_every_line(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from policyparse import targets as tg

    norm = normalize(text)

    def tables() -> list[dict[str, object]]:
        targets, _ = tg.find_targets(norm, build_outline(norm), [], None, [], dt.date(2020, 9, 28))
        return [t.model_dump() for t in targets if t.deadline_source == "table"]

    fast = tables()
    monkeypatch.setattr(tg, "_line_start_before", lambda _text, _pos, _n: 0)
    monkeypatch.setattr(tg, "_timetable_start", lambda _text: 0)
    assert fast == tables()
    if text in TABLES_IN_PROSE and text != TABLES_IN_PROSE[5]:
        assert fast  # each holds a table the walk must find


@pytest.mark.parametrize("text", [*TABLES_IN_PROSE, *TIMETABLE_GATE_CASES, "\n\n\n2025年\n\n2030年"])
def test_line_start_before_counts_non_blank_lines(text: str) -> None:
    from policyparse.targets import _line_start_before, _lines

    # where each non-blank line starts (before its leading spaces)
    line_starts = [text.rfind("\n", 0, c.start) + 1 for c in _lines(text)]
    assert line_starts
    for k, line_start in enumerate(line_starts):
        for n in range(6):
            want = line_starts[k - n] if k - n >= 0 else 0
            assert _line_start_before(text, line_start, n) == want


@pytest.mark.parametrize(
    "text", [*FAST_CORPUS, *TIMETABLE_GATE_CASES, PIPE_TABLE, "|a", "a|b", "a\n|b", "a\n |b", "", "\n|"]
)
def test_row_check_behind_a_one_character_test_is_the_plain_one(text: str) -> None:
    from policyparse.targets import _has_rows

    assert _has_rows(text) == (text.startswith("|") or "\n|" in text)


# --- fast paths, third round: the standard engine for small hot patterns; one validation -------


ENGINE_FILES = notice_paths(pages=False)
# A string with characters the two engines tell apart (``\s`` takes \x1c–\x1f in ``re`` only).
ENGINE_ODD = "建设\x1c3家\x1d以上,\u3000 累计达到 5 个\x1f;2025年\u2028底前完成10%。"


def _engine_corpus() -> list[str]:
    """The samples, the corpus and a few strings with the characters the engines tell apart."""

    return [*FAST_SNIPPETS, ENGINE_ODD, *(normalized_text(p) for p in ENGINE_FILES)]


ENGINE_CORPUS = _engine_corpus()


def _standard_patterns() -> list[tuple[str, re.Pattern[str]]]:
    from policyparse import targets as tg
    from policyparse.lexicon import targets as tlx

    found = [(f"lexicon.{k}", v) for k, v in vars(tlx).items() if isinstance(v, re.Pattern)]
    found += [(f"targets.{k}", v) for k, v in vars(tg).items() if isinstance(v, re.Pattern)]
    return found


STANDARD_PATTERNS = _standard_patterns()


def _answer(m: re.Match[str] | regex.Match[str] | None) -> object:
    return None if m is None else (m.span(), m.groups())


def test_the_hot_patterns_run_on_the_standard_engine() -> None:
    names = {name for name, _ in STANDARD_PATTERNS}
    # the ones called per figure, clause or sentence (a move back to ``regex`` would be slower)
    assert {"lexicon.CLAUSE_END", "lexicon.PREFIX_CUE", "lexicon.INCENTIVE_CUE", "targets._CLAUSE_LEAD"} <= names


@pytest.mark.parametrize("name,pattern", STANDARD_PATTERNS, ids=[n for n, _ in STANDARD_PATTERNS])
def test_standard_engine_patterns_answer_as_regex_does(name: str, pattern: re.Pattern[str]) -> None:
    # Each pattern moved to ``re`` against the same pattern compiled by ``regex``: over each
    # text, in each sentence and clause (the ranges the extractor calls them on, bounded by
    # pos/endpos and as slices), and in the 12 characters before each clause end.
    other = regex.compile(pattern.pattern, pattern.flags & (regex.I | regex.M | regex.S | regex.X))
    mine = pattern
    for text in ENGINE_CORPUS:
        assert [_answer(m) for m in mine.finditer(text)] == [_answer(m) for m in other.finditer(text)]
        for s in regex.finditer(r"[^。!?\n|]+", text):
            bounds = [s.span()] + [
                (s.start() + c.start(), s.start() + c.end()) for c in regex.finditer(r"[^,;:。!?\n|\t]+", s.group())
            ]
            for a, b in bounds:
                for lo, hi in ((a, b), (max(0, b - 12), b)):
                    piece = text[lo:hi]
                    assert _answer(mine.search(text, lo, hi)) == _answer(other.search(text, lo, hi)), (name, piece)
                    assert _answer(mine.match(text, lo, hi)) == _answer(other.match(text, lo, hi)), (name, piece)
                    assert _answer(mine.search(piece)) == _answer(other.search(piece)), (name, piece)
                    assert mine.sub("", piece) == other.sub("", piece), (name, piece)


def test_engine_comparison_tells_the_engines_apart() -> None:
    # The comparison above fails for a pattern the two engines read differently (``\s`` takes
    # \x1c–\x1f in ``re`` only), so it can catch a pattern moved by mistake.
    mine, other = re.compile(r"\s+"), regex.compile(r"\s+")
    assert [m.span() for m in mine.finditer(ENGINE_ODD)] != [m.span() for m in other.finditer(ENGINE_ODD)]


@pytest.mark.parametrize("path", ENGINE_FILES, ids=[p.name for p in ENGINE_FILES])
def test_targets_validated_together_equal_one_by_one(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from policyparse import targets as tg
    from policyparse.load import load_path
    from policyparse.pipeline import parse_loaded

    seen: list[tuple[list[dict[str, object]], list[Target]]] = []
    together = tg.validate_list

    def spy(model: type[Target], records: list[dict[str, object]]) -> list[Target]:
        out = together(model, records)
        if model is Target:
            seen.append((records, out))
        return out

    monkeypatch.setattr(tg, "validate_list", spy)
    notice = parse_loaded(load_path(path))
    assert len(seen) == 1
    records, out = seen[0]
    assert out == [Target.model_validate(r) for r in records]
    assert notice.targets == out


# A plan without sections or a stated period: the first dated goal's deadline fills the
# undated goals (a record's fields updated before validation, as a model copy did after it).
HORIZON_FILL = [
    (
        "到2025年,新增充电桩100个。\n建设3家以上产业知识产权运营中心。\n",
        [("新增充电桩", "2025", "sentence"), ("建设产业知识产权运营中心", "2025", "period")],
    ),
    (
        "建设3家以上产业知识产权运营中心。\n到2023年底,培育形成10个特色优势知识产权密集型产业。\n",
        [("建设产业知识产权运营中心", "2023", "period"), ("培育形成特色优势知识产权密集型产业", "2023", "sentence")],
    ),
    ("建设3家以上产业知识产权运营中心。\n", [("建设产业知识产权运营中心", None, "none")]),
]


@pytest.mark.parametrize("text,expected", HORIZON_FILL)
def test_horizon_fills_undated_goals(text: str, expected: list[tuple[str, str | None, str]]) -> None:
    got = run(text, issue=None)
    assert [(t.metric, t.deadline, t.deadline_source) for t in got] == expected


# --- fast paths (issue 7, fifth round) -----------------------------------------------------


@pytest.mark.parametrize(
    "metric", [*TRIM_SEGMENTS, "企业", "5G基站", "G企", "“专精特新”企业", "一", "", "\u9fa6\u9fa6"]
)
def test_common_han_range_tells_two_han_characters(metric: str) -> None:
    from policyparse.lexicon import targets as tlx

    lo, hi = tlx.COMMON_HAN_RANGE
    han = regex.compile(r"\p{Han}")
    assert all(han.match(chr(c)) for c in range(ord(lo), ord(hi) + 1))
    fast = lo <= metric[:1] <= hi and lo <= metric[1:2] <= hi
    if fast:
        assert tlx.TWO_HAN.search(metric)
    assert fast == (len(metric) >= 2 and all("\u4e00" <= c <= "\u9fa5" for c in metric[:2]))


def _pipeline_inputs(path: Path) -> tuple[object, ...]:
    from policyparse.dates import find_dates
    from policyparse.docnumbers import find_doc_numbers
    from policyparse.load import load_path
    from policyparse.metadata import read_metadata
    from policyparse.phases import find_phases

    loaded = load_path(path)
    norm = normalize(loaded.text)
    outline = build_outline(norm)
    numbers = find_doc_numbers(norm)
    dates = find_dates(norm, numbers)
    meta = read_metadata(norm, outline, numbers, dates, loaded.metadata)
    return norm, outline, find_phases(norm, outline, dates), meta.period, dates, meta.issue_date


@pytest.mark.parametrize("path", ENGINE_FILES, ids=[p.name for p in ENGINE_FILES])
def test_cue_tables_made_on_first_use_are_the_plain_ones(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The fast path (made once, when a figure first walks its section's dates; no phase
    # look-up without phases) against every cue looked up in full, over the whole notice.
    from policyparse import targets as tg

    inputs = _pipeline_inputs(path)
    made: list[tuple[list[object], list[bool]]] = []
    fast = tg._cue_tables

    def spy(doc: tg._Doc) -> tuple[list[object], list[bool]]:
        out = fast(doc)
        plain = (
            [doc.outline.node_at(c.pos) for c in doc.cues],
            [tg._phase_at(doc, c.pos) is not None for c in doc.cues],
        )
        assert out == plain
        made.append(out)  # type: ignore[arg-type]
        return out  # type: ignore[return-value]

    monkeypatch.setattr(tg, "_cue_tables", spy)
    targets, _ = tg.find_targets(*inputs)  # type: ignore[arg-type]
    assert len(made) <= 1
    if any(t.deadline_source == "section" for t in targets):
        assert made and made[0][0]


def test_cue_tables_cover_phases_and_sections() -> None:
    # A notice with phases and a dated section: both parts of the tables are asked.
    text = (
        "一、发展目标\n到2025年,培育企业100家。\n建设基地5个。\n"
        "二、实施步骤\n(一)启动阶段(2021年1月—2021年12月)。\n完成改造10处。\n"
    )
    norm = normalize(text)
    outline = build_outline(norm)
    from policyparse.dates import find_dates
    from policyparse.phases import find_phases
    from policyparse.targets import find_targets

    dates = find_dates(norm, [])
    phases = find_phases(norm, outline, dates)
    targets, _ = find_targets(norm, outline, phases, None, dates, dt.date(2020, 9, 28))
    assert [(t.metric, t.deadline, t.deadline_source) for t in targets] == [
        ("培育企业", "2025", "sentence"),
        ("建设基地", "2025", "section"),
        ("完成改造", "2021-12", "phase"),
    ]


@pytest.mark.parametrize("text", FAST_CORPUS)
def test_one_figure_is_one_group_and_its_text_starts_before_any_figure(text: str) -> None:
    from policyparse.quantities import find_quantities
    from policyparse.targets import _clause, _groups, _lstrip_pos, _sentence_at

    qs = find_quantities(text, skip_time=True)
    for i, q in enumerate(qs):
        c0, c1 = _clause(text, q.start, *_sentence_at(text, q.start))
        kept = (q, (c0, c1), None, None)
        assert _groups(text, [kept]) == [[kept]]
        # the strip past joiners stops at the first figure of a group: the figures after it
        # in the clause get the start the first one gets
        t0 = _lstrip_pos(text, c0, q.start)
        for later in qs[i + 1 :]:
            if later.start >= c1:
                break
            assert _lstrip_pos(text, c0, later.start) == t0


def test_no_title_spans_hold_no_date_and_leave_every_figure_free() -> None:
    from policyparse.targets import _in_title, _outside_all

    assert not any(_in_title([], pos, 100) for pos in range(100))
    assert _outside_all([], list(range(100))) == [True] * 100


# --- fast paths (issue 7, sixth round) -----------------------------------------------------


def _plain_fill_horizon(targets: list[tuple[int, dict[str, object]]]) -> None:
    # The form before the fast path: the first sentence-dated target of a stable sort.
    first = next(
        (t["deadline"] for _, t in sorted(targets, key=lambda x: x[0]) if t["deadline_source"] == "sentence"), None
    )
    if first is None:
        return
    for _, t in targets:
        if t["deadline"] is None:
            t["deadline"] = first
            t["deadline_source"] = "period"


HORIZON_EXAMPLES: list[list[tuple[int, str | None, str]]] = [
    # (position, deadline, source): listed out of reading order, with ties at one position
    [(40, "2025", "sentence"), (10, None, "none"), (25, "2023", "sentence"), (5, "2030", "period")],
    [(30, "2026", "sentence"), (30, "2025", "sentence"), (50, None, "none"), (0, None, "none")],
    [(0, "2027", "sentence"), (0, None, "none"), (9, "2022-06", "sentence")],
    [(10, None, "none"), (20, "2024", "table")],  # no sentence date: nothing filled
    [],
]


@pytest.mark.parametrize("rows", HORIZON_EXAMPLES)
def test_horizon_found_without_sorting_is_the_sorted_one(rows: list[tuple[int, str | None, str]]) -> None:
    from policyparse.targets import _fill_horizon

    def make() -> list[tuple[int, dict[str, object]]]:
        return [(pos, {"deadline": d, "deadline_source": s}) for pos, d, s in rows]

    fast, plain = make(), make()
    _fill_horizon(fast)  # type: ignore[arg-type]
    _plain_fill_horizon(plain)
    assert fast == plain


def test_horizon_ties_go_to_the_first_listed() -> None:
    from policyparse.targets import _fill_horizon

    rows: list[tuple[int, dict[str, object]]] = [
        (30, {"deadline": "2026", "deadline_source": "sentence"}),
        (30, {"deadline": "2025", "deadline_source": "sentence"}),
        (50, {"deadline": None, "deadline_source": "none"}),
    ]
    _fill_horizon(rows)  # type: ignore[arg-type]
    assert rows[2][1] == {"deadline": "2026", "deadline_source": "period"}


@pytest.mark.parametrize("path", ENGINE_FILES, ids=[p.name for p in ENGINE_FILES])
def test_table_targets_spans_and_paths_are_the_long_way(path: Path) -> None:
    # _table_targets reads a cell's span, text and path off the offset map and node_at
    # directly: the same as norm.bounds, norm.raw and outline.path_at of the cell.
    from policyparse import targets as tg

    inputs = _pipeline_inputs(path)
    norm, outline = inputs[0], inputs[1]
    targets, _ = tg.find_targets(*inputs)  # type: ignore[arg-type]
    for t in targets:
        if t.deadline_source != "table" or t.value_span != t.span:
            continue
        # the normalised cell behind the span: the first offset mapping to its start
        s = list(norm.starts).index(t.span.start)  # type: ignore[attr-defined]
        e = next(i for i in range(s, len(norm.text)) if norm.ends[i] == t.span.end) + 1  # type: ignore[attr-defined]
        assert (t.span.start, t.span.end) == norm.bounds(s, e)  # type: ignore[attr-defined]
        assert t.text == t.value_text == norm.raw(s, e)  # type: ignore[attr-defined]
        assert t.path == outline.path_at(s)  # type: ignore[attr-defined]


def test_a_sample_timetable_is_read() -> None:
    # The table the test above checks, so that it cannot pass by finding no table cell.
    from policyparse import targets as tg

    paths = [p for p in ENGINE_FILES if p.name.startswith("001_")]
    assert paths
    targets, _ = tg.find_targets(*_pipeline_inputs(paths[0]))  # type: ignore[arg-type]
    assert sum(t.deadline_source == "table" for t in targets) >= 40
