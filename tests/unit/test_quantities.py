"""Quantities: numerals, multipliers, units and ranges, read exactly."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

from policyparse.lexicon import quantities as _qlx
from policyparse.quantities import find_quantities, parse_number, read_number_cell, split_unit

from ..notices import normalized_notices

# QUANTITY_SCAN's readable reference (the lexicon keeps only its source; the parser runs the scan).
QUANTITY = re.compile(_qlx.QUANTITY_SOURCE, re.VERBOSE)

# (snippet, expected [(text, value, unit, value_min)])
QUANTITY_FORMS = [
    ("专利申请量达到9万件", [("9万件", "90000", "件", None)]),
    ("累计实现知识产权融资50亿元", [("50亿元", "5000000000", "元", None)]),
    ("每年知识产权质押融资贷款额不低于1.5亿元", [("1.5亿元", "150000000", "元", None)]),
    ("全市累计有效商标注册量超过3.7万件", [("3.7万件", "37000", "件", None)]),
    ("规模达16.4亿元", [("16.4亿元", "1640000000", "元", None)]),
    ("培养企事业单位知识产权管理人才1.2万人以上", [("1.2万人", "12000", "人", None)]),
    ("知识产权服务业人才3千人以上", [("3千人", "3000", "人", None)]),
    ("知识产权服务业人才三千人以上", [("三千人", "3000", "人", None)]),
    ("高新区、经开区两个省级实验区", [("两个", "2", "个", None)]),
    ("培育十二家企业", [("十二家", "12", "家", None)]),
    ("建设一百五十个站点", [("一百五十个", "150", "个", None)]),
    ("占比百分之一点五七", [("百分之一点五七", "1.57", "%", None)]),
    ("发明专利申请占比超过40%", [("40%", "40", "%", None)]),
    ("使用比例较上一年度提升5个百分点", [("5个百分点", "5", "个百分点", None)]),
    ("争取申报地理标志产品(商标)3—5件", [("3—5件", "5", "件", "3")]),
    ("争取申报地理标志产品3-5件", [("3-5件", "5", "件", "3")]),
    ("推进1至2个专利导航产业发展实验区建设", [("1至2个", "2", "个", "1")]),
    ("争创省级高价值专利培育中心1—2家", [("1—2家", "2", "家", "1")]),
    ("按投资额给予10%—30%扶持", [("10%—30%", "30", "%", "10")]),
    ("改造煤电机组规模980万千瓦以上", [("980万千瓦", "9800000", "千瓦", None)]),
    ("单机容量在50千瓦以下", [("50千瓦", "50", "千瓦", None)]),
    ("生均公用经费不低于1000元/年", [("1000元/年", "1000", "元/年", None)]),
    ("平均浓度在29微克/立方米左右", [("29微克/立方米", "29", "微克/立方米", None)]),
    ("更新医疗设备3万台(套)", [("3万台(套)", "30000", "台(套)", None)]),
    ("注册商标1,500件", [("1,500件", "1500", "件", None)]),
    ("力争改造提升老旧设施棚室0.8万亩", [("0.8万亩", "8000", "亩", None)]),
]

# Words that contain a numeral but are not quantities.
NOT_QUANTITIES = [
    "第一个",
    "一次性补助",
    "“136”先进制造业",
    "G1521常嘉高速",
    "PM2.5浓度",
    "统一个",
    "两级政府",
    "十九大精神",
    "千亿级产业集群",
    "“一带一路”",
    "五大产业",
    "三合一改革",
    "一批企业",
]


@pytest.mark.parametrize(("snippet", "expected"), QUANTITY_FORMS)
def test_quantity_forms(snippet: str, expected: list[tuple[str, str, str, str | None]]) -> None:
    got = [(q.text, q.value, q.unit, q.value_min) for q in find_quantities(snippet) if q.kind != "time"]
    want = [(t, Decimal(v), u, None if m is None else Decimal(m)) for t, v, u, m in expected]
    assert got == want


@pytest.mark.parametrize("snippet", NOT_QUANTITIES)
def test_words_with_numerals_are_not_quantities(snippet: str) -> None:
    assert [q for q in find_quantities(snippet) if q.kind != "time"] == []


@pytest.mark.parametrize(
    ("snippet", "kind"),
    [
        ("2017-2019年", "time"),
        ("5个工作日内办结", "time"),
        ("力争通过3年努力", "time"),
        ("50万元", "money"),
        ("40%", "percent"),
        ("180家", "count"),
    ],
)
def test_kinds(snippet: str, kind: str) -> None:
    assert find_quantities(snippet)[0].kind == kind


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("2.9", "2.9"),
        ("1,500", "1500"),
        ("两", "2"),
        ("十二", "12"),
        ("一百五十", "150"),
        ("三千", "3000"),
        ("一点五七", "1.57"),
        ("零点五", "0.5"),
        ("abc", None),
    ],
)
def test_parse_number(written: str, value: str | None) -> None:
    assert parse_number(written) == (None if value is None else Decimal(value))


@pytest.mark.parametrize(
    ("header", "mult", "unit"),
    [
        ("万件", "10000", "件"),
        ("亿元", "100000000", "元"),
        (" % ", "1", "%"),
        ("件", "1", "件"),
        ("家", "1", "家"),
    ],
)
def test_split_unit(header: str, mult: str, unit: str) -> None:
    assert split_unit(header) == (Decimal(mult), unit)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("2.7", (Decimal("2.7"), None, "")),
        ("90% 以上", (Decimal(90), "%", "以上")),
        ("1,500", (Decimal(1500), None, "")),
        ("一批", None),
    ],
)
def test_read_number_cell(cell: str, expected: tuple[Decimal, str | None, str] | None) -> None:
    assert read_number_cell(cell) == expected


MULTIPLIERS = {"": 1, "千": 1000, "万": 10_000, "亿": 100_000_000, "百万": 1_000_000, "千万": 10_000_000}
UNITS = [
    "件",
    "家",
    "个",
    "项",
    "所",
    "人",
    "人次",
    "名",
    "元",
    "平方米",
    "亩",
    "公里",
    "吨",
    "千瓦",
    "台(套)",
]


@given(
    whole=st.integers(min_value=0, max_value=10**9),
    frac=st.one_of(st.none(), st.integers(min_value=0, max_value=999)),
    mult=st.sampled_from(sorted(MULTIPLIERS)),
    unit=st.sampled_from(UNITS),
    lead=st.sampled_from(["达到", "新增", "超过", "累计达到", "培育"]),
)
def test_arabic_number_round_trips_to_base_value(
    whole: int, frac: int | None, mult: str, unit: str, lead: str
) -> None:
    number = str(whole) if frac is None else f"{whole}.{frac:03d}"
    text = f"{lead}{number}{mult}{unit}以上"
    qs = find_quantities(text)
    assert len(qs) == 1
    q = qs[0]
    assert q.value == Decimal(number) * MULTIPLIERS[mult]
    assert q.unit == unit
    assert text[q.start : q.end] == q.text == f"{number}{mult}{unit}"


@given(st.text(alphabet="达到超过件家万亿元%0123456789.,—-至两三十百千一个项人次年月,。的以上", max_size=40))
def test_any_text_spans_slice_to_their_text(text: str) -> None:
    for q in find_quantities(text):
        assert text[q.start : q.end] == q.text
        assert q.value_min is None or q.value_min <= q.value


def test_quantity_groups_are_the_pattern_groups_in_order() -> None:
    from policyparse.lexicon import quantities as qlx

    assert tuple(sorted(QUANTITY.groupindex, key=QUANTITY.groupindex.__getitem__)) == qlx.QUANTITY_GROUPS


def test_han_word_chars_are_han_word_before() -> None:
    from policyparse.lexicon import quantities as qlx

    chars = {chr(c) for c in range(0x4E00, 0xA000)} | set("0123456789,.第一")
    assert {c for c in chars if qlx.HAN_WORD_BEFORE.search(c)} == qlx.HAN_WORD_CHARS & chars


# Read through ``m.groups()`` (not by name): every group lands in its place.
GROUPS_READ = [
    (
        "争取申报地理标志产品3-5件,统一规划,进一步落实2025年底前完成9万件",
        [("3-5件", "5", "件", "3", "count", False), ("2025年", "2025", "年", None, "time", False),
         ("9万件", "90000", "件", None, "count", False)],
    ),
    (
        "百分之一点五七和两千万元、三百万千瓦",
        [("百分之一点五七", "1.57", "%", None, "percent", True), ("两千万元", "20000000", "元", None, "money", True),
         ("三百万千瓦", "3000000", "千瓦", None, "count", True)],
    ),
]


@pytest.mark.parametrize(("snippet", "expected"), GROUPS_READ)
def test_read_from_groups(snippet: str, expected: list[tuple[object, ...]]) -> None:
    got = [
        (q.text, str(q.value), q.unit, q.value_min and str(q.value_min), q.kind, q.han)
        for q in find_quantities(snippet)
    ]
    assert got == expected


# --- fast path (issue 7): QUANTITY's shortcuts find what the plain pattern finds ---------------


def _plain_quantity() -> object:
    """QUANTITY as first written: the unit catalogue as a flat list, no lookahead before a range."""
    import regex

    from policyparse.lexicon import quantities as qlx

    pattern = QUANTITY.pattern.replace(qlx._unit_alternation(), qlx.plain_unit_alternation())
    pattern = pattern.replace(f"(?=[{qlx._NUMBER_CHARS}]*?[{qlx._AFTER_LO}])", "", 1)
    assert pattern != QUANTITY.pattern
    return regex.compile(pattern, regex.VERBOSE)


PLAIN_QUANTITY = _plain_quantity()


def _matches(pattern: object, text: str) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
    return [(m.span(), m.groups()) for m in pattern.finditer(text)]  # type: ignore[attr-defined]


def _quantity_corpus() -> list[str]:
    return normalized_notices(pages=False)


@pytest.mark.parametrize(
    "text",
    [
        *[s for s, _ in QUANTITY_FORMS],
        *[s for s, _ in GROUPS_READ],
        "三百—五百人,两千万—三千万元,十四五期间,2017-12,5—3件,1,234,567元,1234,567件,二〇二五年,12.5—20%",
        "年度年内个工作日个月个百分点千瓦时千伏安:3年度、3个工作日、4个月、5个百分点、6千瓦时、7千伏安、8千克",
    ],
)
def test_factored_quantity_pattern_is_the_plain_one_on_examples(text: str) -> None:

    assert _matches(QUANTITY, text) == _matches(PLAIN_QUANTITY, text)


def test_factored_quantity_pattern_is_the_plain_one_on_the_corpus() -> None:

    for text in _quantity_corpus():
        assert _matches(QUANTITY, text) == _matches(PLAIN_QUANTITY, text)


_ANY_QUANTITY_CHARS = (
    "达到超过件家万亿元%‰0123456789.,—-~至到两三十百千一点"
    "个项人次年月日度工作百分之平方米/ \t,。的以上"
)


@given(st.text(alphabet=_ANY_QUANTITY_CHARS, max_size=40))
def test_factored_quantity_pattern_is_the_plain_one_on_any_text(text: str) -> None:

    assert _matches(QUANTITY, text) == _matches(PLAIN_QUANTITY, text)


@given(st.text(alphabet=_ANY_QUANTITY_CHARS, max_size=40))
def test_skip_time_reads_the_unit_from_the_last_group(text: str) -> None:
    assert find_quantities(text, skip_time=True) == [q for q in find_quantities(text) if q.kind != "time"]


# --- fast paths (issue 7, second round) ----------------------------------------------------


def _read_the_long_way(num: str, mult_w: str | None) -> Decimal:
    from policyparse.quantities import _exact, multiplier_of

    v = parse_number(num)
    assert v is not None
    return _exact(v * multiplier_of(mult_w))


# Whole numbers as notices write them, and the edges of the plain-digits path: leading zeros,
# the longest it takes (27 digits) and the first it leaves to the long way (28: still exact).
PLAIN_NUMBERS = ["0", "7", "007", "20", "1500", "2025", "10000", "9" * 27, "1" + "0" * 27, "12" * 20]


@pytest.mark.parametrize("num", PLAIN_NUMBERS)
def test_plain_whole_number_is_read_as_the_long_way(num: str) -> None:
    (q,) = find_quantities(f"培育{num}家企业")
    slow = _read_the_long_way(num, None)
    assert q.value == slow and str(q.value) == str(slow)
    assert q.multiplier == Decimal(1) and q.written_unit == "家" and q.value_min is None


@pytest.mark.parametrize(
    "snippet", ["培育20家企业", "达到2.9件", "9万件", "1,500元", "三千人", "2025年", "百分之五", "3—5件", "１２家"]
)
def test_fast_and_long_readings_agree(snippet: str) -> None:

    for m in QUANTITY.finditer(snippet):
        if m["num"] is None:
            continue
        (q,) = [q for q in find_quantities(snippet) if q.start == m.start()]
        slow = _read_the_long_way(m["num"], m["mult"])
        assert q.value == slow and str(q.value) == str(slow)


# --- fast paths (issue 7, third round) -----------------------------------------------------


def _scan_matches(text: str, start: int = 0, end: int | None = None) -> list[object]:
    """QUANTITY_SCAN's matches read back as QUANTITY's: ``lo``/``num`` get the first character."""
    from policyparse.lexicon import quantities as qlx

    out: list[object] = []
    for m in qlx.QUANTITY_SCAN.finditer(text, start, len(text) if end is None else end):
        g = list(m.groups())
        for i in (qlx.QUANTITY_GROUPS.index("lo"), qlx.QUANTITY_GROUPS.index("num")):
            if g[i] is not None:
                g[i] = text[m.start()] + g[i]
        out.append((m.span(), tuple(g), m.lastindex))
    return out


def _plain_matches(text: str, start: int = 0, end: int | None = None) -> list[object]:

    return [
        (m.span(), m.groups(), m.lastindex)
        for m in QUANTITY.finditer(text, start, len(text) if end is None else end)
    ]


SCAN_EXAMPLES = [
    *[s for s, _ in QUANTITY_FORMS],
    *[s for s, _ in GROUPS_READ],
    "三百—五百人,两千万—三千万元,十四五期间,2017-12,5—3件,1,234,567元,1234,567件,二〇二五年,12.5—20%",
    "百分之五,百分之一点五七,百万元,百家,十个,十万千瓦,一点五亿元,2020年,A3件,V2.0版,#5号,·2项",
    "3家,12.5%以上,1,500元,1,50元,90%—95%,3万—5万元,第一批10家,统一规划,进一步落实",
    "123,456元、12,345家、1234,567件、12.5,3件、十家、十二万元、两千三百人、一点五倍、三分之一、十分之二",
]


@pytest.mark.parametrize("text", SCAN_EXAMPLES)
def test_scan_pattern_finds_what_quantity_finds_on_examples(text: str) -> None:
    assert _scan_matches(text) == _plain_matches(text)


def test_scan_pattern_finds_what_quantity_finds_on_the_corpus() -> None:
    for text in _quantity_corpus():
        assert _scan_matches(text) == _plain_matches(text)
        # from any offset (the character before it still counts for the lookbehind)
        for start in range(0, len(text), 997):
            assert _scan_matches(text, start, start + 400) == _plain_matches(text, start, start + 400)


@given(st.text(alphabet=_ANY_QUANTITY_CHARS + "A.#/_·٣", max_size=40), st.integers(0, 5))
def test_scan_pattern_finds_what_quantity_finds_on_any_text(text: str, start: int) -> None:
    assert _scan_matches(text) == _plain_matches(text)
    assert _scan_matches(text, start) == _plain_matches(text, start)


def test_scan_pattern_opens_with_a_character_class() -> None:
    # What makes it fast: the standard engine skips to the class's next character by itself
    # only when the pattern opens with the class (a lookahead first would be tried everywhere).
    from policyparse.lexicon import quantities as qlx

    for scan in (qlx.QUANTITY_SCAN, qlx.QUANTITY_SCAN_UNTIMED):
        assert scan.pattern.lstrip().startswith("[0-9百")
        assert scan.groupindex == QUANTITY.groupindex


@pytest.mark.parametrize("text", SCAN_EXAMPLES)
def test_first_quantity_read_alone_is_the_first_of_all(text: str) -> None:
    from policyparse.quantities import iter_quantities

    for start in range(len(text)):
        for skip_time in (False, True):
            every = find_quantities(text, start, skip_time=skip_time)
            assert next(iter_quantities(text, start, skip_time=skip_time), None) == (every[0] if every else None)


def test_quantity_filled_slot_by_slot_is_the_dataclass_one() -> None:
    import dataclasses

    from policyparse.quantities import Quantity, _quantity

    q = _quantity(3, 7, "3—5件", Decimal(5), "件", Decimal(3), Decimal(1), "件", "count", False)
    assert q == Quantity(3, 7, "3—5件", Decimal(5), "件", value_min=Decimal(3), written_unit="件")
    assert hash(q) == hash(Quantity(3, 7, "3—5件", Decimal(5), "件", value_min=Decimal(3), written_unit="件"))
    with pytest.raises(dataclasses.FrozenInstanceError):
        q.value = Decimal(6)  # type: ignore[misc]
    # every field in the dataclass's order, none left unset
    assert [f.name for f in dataclasses.fields(Quantity)] == [
        "start", "end", "text", "value", "unit", "value_min", "multiplier", "written_unit", "kind", "han"
    ]
    assert all(hasattr(q, f.name) for f in dataclasses.fields(Quantity))


def test_unit_and_kind_looked_up_are_the_two_calls() -> None:
    from policyparse.quantities import _unit_of, base_unit, unit_kind

    written = {m[m.lastindex or 1] for t in _quantity_corpus() for m in _qlx.QUANTITY_SCAN.finditer(t)}
    written |= {u for u, _ in _qlx.COUNT_UNITS + _qlx.TIME_UNITS} | {"%", "‰", "百分点", "台套", "元/年", "万元/亩"}
    written.discard(None)
    assert {"百分点", "台套", "元", "%", "年"} <= written
    _unit_of.cache_clear()
    for w in sorted(written):
        assert _unit_of(w) == (base_unit(w), unit_kind(base_unit(w))), w
        assert _unit_of(w) == (base_unit(w), unit_kind(base_unit(w))), w  # and from the cache
    # a figure read through the look-up carries the unit and kind the two calls give
    for t in _quantity_corpus()[:5]:
        for q in find_quantities(t):
            assert (q.unit, q.kind) == (base_unit(q.unit), unit_kind(q.unit))


# --- fast paths (issue 7, sixth round) -----------------------------------------------------


def test_scan_first_class_holds_every_decimal_digit() -> None:
    # The scan opens with ranges rather than ``\d`` (a category looked up per character); they
    # must hold every character ``\d`` matches in this interpreter's Unicode, or a figure
    # written in such digits would no longer be found.
    from policyparse.lexicon import quantities as qlx

    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    first = re.compile(f"[{qlx._SCAN_FIRST}]")
    digits = set(re.findall(r"\d", every))
    assert "٣" in digits and "𝟑" in digits
    assert digits <= set(first.findall(every))
    # and hold no Chinese character nor the punctuation a notice is full of
    assert first.findall("统一规划、进一步落实。“十四五”—《通知》(附件)") == ["一", "一", "十", "四", "五"]


# Texts full of time figures next to count figures (the untimed scan must drop the first
# and keep the second, and find nothing inside a time figure).
TIMED_EXAMPLES = [
    "2025年,全市培育企业100家;2021—2025年新增50个,3个月内完成,5个工作日,10个项目",
    "二〇二五年底前建成3个,十四五期间,每年2次,24小时,30分钟,18周岁,2023年度,第3期,5届,2批",
    "1,500年,3千年,一百年,三百分钟,三百分点,十二个月,一千二年,5%至10年,3万至5万年,2—3天/人",
    "万人有效发明专利拥有量达到2.9件,1,234万千瓦时,3天/月,五千克,两千米,十万千瓦,12号文件",
    "期间3期,1个月—3个月,3 年 5 件,3 个 月,5个工作日内,2年/次,5次/年,10元/年,20周边",
]

_TIMED_CHARS = "0123456789,.—-至%‰ \t个月工作日小时分钟周岁年度天届批期号千瓦米克伏安万百点十二三一两〇件家人次元/边间"


def _timed_off(text: str, start: int = 0) -> list[object]:
    from policyparse.lexicon import quantities as qlx

    out = []
    for m in qlx.QUANTITY_SCAN.finditer(text, start):
        last = m.lastindex or 1
        if last != 1 and m[last].partition("/")[0] in qlx.TIME_UNIT_SET:
            continue
        out.append((m.span(), m.groups()))
    return out


def _untimed(text: str, start: int = 0) -> list[object]:
    from policyparse.lexicon import quantities as qlx

    return [
        (m.span(), m.groups())
        for m in qlx.QUANTITY_SCAN_UNTIMED.finditer(text, start)
        if not (m.lastindex == qlx.HIUNIT_GROUP and m[qlx.HIUNIT_GROUP].partition("/")[0] in qlx.TIME_UNIT_SET)
    ]


@pytest.mark.parametrize("text", TIMED_EXAMPLES)
def test_untimed_scan_is_the_scan_less_time_figures_on_examples(text: str) -> None:
    assert _untimed(text) == _timed_off(text)
    assert any(q.kind == "time" for q in find_quantities(text))  # the examples hold time figures
    assert find_quantities(text, skip_time=True) == [q for q in find_quantities(text) if q.kind != "time"]


def test_untimed_scan_is_the_scan_less_time_figures_on_the_corpus() -> None:
    for text in _quantity_corpus():
        assert _untimed(text) == _timed_off(text)
        assert find_quantities(text, skip_time=True) == [q for q in find_quantities(text) if q.kind != "time"]


@given(st.text(alphabet=_TIMED_CHARS, max_size=40), st.integers(0, 5))
def test_untimed_scan_is_the_scan_less_time_figures_on_any_text(text: str, start: int) -> None:
    assert _untimed(text) == _timed_off(text)
    assert _untimed(text, start) == _timed_off(text, start)


# Cells as timetables write them (samples/001's annex and the corpus' tables), and the edges
# of the plain-digits path: leading zeros, 27 digits (the longest it takes), 28 and more.
NUMBER_CELLS = [
    "2.7", "10", "135", "90% 以上", "1,500", "1.5", "3.70", "2.0", "0", "007", "100 左右", "12%",
    "5‰", "9" * 27, "1" + "0" * 27, "12" * 20, "٣", "٣٤ 以上", "𝟑", "1𑽐", "𑽐", "—", "", " 20 ", "20件",
    "1,50", "1.", ".5", "3.5%及以下",
]


@pytest.mark.parametrize("cell", NUMBER_CELLS)
def test_number_cell_read_as_the_long_way(cell: str) -> None:
    # The fast path (a whole number's digits are its value) and the standard engine against
    # the reading before them: ``regex`` and parse_number + _exact for every cell.
    from policyparse.lexicon import quantities as qlx
    from policyparse.quantities import _exact

    slow = None
    m = regex.fullmatch(qlx.CELL_NUMBER.pattern, cell.strip())
    if m:
        v = parse_number(m["num"])
        if v is not None:
            slow = (_exact(v), (m["unit"] or None), (m["rest"] or ""))
    fast = read_number_cell(cell)
    assert fast == slow
    assert (str(fast[0]) if fast else None) == (str(slow[0]) if slow else None)


def test_number_cells_hold_both_paths() -> None:
    # so that the test above compares the fast path and the long way, and refusals too
    plain = [c for c in NUMBER_CELLS if c.strip().isascii() and c.strip().isdigit()]
    assert len(plain) >= 5 and "2.7" in NUMBER_CELLS
    assert read_number_cell("1𑽐") is None and read_number_cell("٣٤ 以上") is not None
