"""Dates: every date form met in the samples and corpus, as real snippets → what was read."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policyparse.dates import (
    _date_matches,
    dates_in,
    deadline_value,
    find_dates,
    parse_date,
    parse_date_expr,
    read_dates,
    to_date,
)
from policyparse.docnumbers import find_doc_numbers
from policyparse.lexicon import dates as lx
from policyparse.load import load_path
from policyparse.normalize import normalize

# text (whitespace removed), precision, value, end, qualifier
Row = tuple[str, str, str | None, str | None, str | None]


def dates_of(text: str) -> list[Row]:
    norm = normalize(text)
    return [
        ("".join(d.item.text.split()), d.item.precision, d.item.value, d.item.end, d.item.qualifier)
        for d in find_dates(norm, find_doc_numbers(norm))
    ]


# (id, original text, expected rows)
EXAMPLES: list[tuple[str, str, list[Row]]] = [
    (
        "day (000)",
        "西安市人民政府办公厅\n2017年11月24日\n",
        [("2017年11月24日", "day", "2017-11-24", None, None)],
    ),
    (
        "Chinese numerals (corpus 16)",
        "二〇〇八年六月二十四日",
        [("二〇〇八年六月二十四日", "day", "2008-06-24", None, None)],
    ),
    ("ISO in a web block (002)", "  • 成文日期 2017-08-09", [
        ("2017-08-09", "day", "2017-08-09", None, None)]),
    (
        "ISO after a colon (003)",
        "发布日期:2022-12-13 19:18 信息来源:市政府办公室",
        [("2022-12-13", "day", "2022-12-13", None, None)],
    ),
    ("padded month and day (html 02 table)", "1996年06月29日", [
        ("1996年06月29日", "day", "1996-06-29", None, None)]),
    (
        "split over lines (corpus 03)",
        "特此通知。\n2021\n年\n2\n月\n2\n日\n（联系人",
        [("2021年2月2日", "day", "2021-02-02", None, None)],
    ),
    ("month (001)", "2022年8月,我市被国家知识产权局确定", [("2022年8月", "month", "2022-08", None, None)]),
    ("year (000)", "启动建设阶段(2017年):知识产权", [("2017年", "year", "2017", None, None)]),
    ("year of a volume (003)", "> 2012年度 > 2012年第12期", [
        ("2012年度", "year", "2012", None, None), ("2012年", "year", "2012", None, None)]),
    (
        "month range, end takes the year (001)",
        "(一)准备阶段(2022年7月—9月):",
        [("2022年7月—9月", "range", "2022-07", "2022-09", None)],
    ),
    (
        "range with a lost dash (002)",
        "1.动员启动阶段(2017年7月?2017年12月)。",
        [("2017年7月?2017年12月", "range", "2017-07", "2017-12", None)],  # text as written
    ),
    (
        "range with an ASCII hyphen (002)",
        "第一阶段:夯实运营生态基础(2017年7月-2018年6月)。",
        [("2017年7月-2018年6月", "range", "2017-07", "2018-06", None)],
    ),
    (
        "range with 至 (001)",
        "试点时限自2022年7月至2025年6月。",
        [("2022年7月至2025年6月", "range", "2022-07", "2025-06", None)],
    ),
    ("year range (000)", "工作方案(2017—2019年)", [("2017—2019年", "range", "2017", "2019", None)]),
    ("year range, hyphen (004)", "实施方案(2020-2023年)的通知", [
        ("2020-2023年", "range", "2020", "2023", None)]),
    ("year range, double hyphen (004)", "实施方案(2020--2023年)政策解读", [
        ("2020--2023年", "range", "2020", "2023", None)]),
    ("year range with ~ (corpus 03)", "2018~2020\n年", [("2018~2020年", "range", "2018", "2020", None)]),
    (
        "bare year range in brackets (corpus 13)",
        "《北京市气候变化健康适应行动实施方案（2025—2030）》",
        [("2025—2030", "range", "2025", "2030", None)],
    ),
    (
        "day range (html 01)",
        "执行期限为2019年1月1日至2023年12月31日。",
        [("2019年1月1日至2023年12月31日", "range", "2019-01-01", "2023-12-31", None)],
    ),
    (
        "end bound (002)",
        "第一阶段:初期启动阶段(2017年8月以前)。",
        [("2017年8月以前", "month", "2017-08", None, "以前")],
    ),
    ("year end (corpus 01)", "2025年底前", [("2025年底前", "year", "2025", None, "底前")]),
    ("before a year (corpus 07)", "2030年前", [("2030年前", "year", "2030", None, "前")]),
    ("start bound (corpus 12)", "本条例自2002年5月1日起施行", [
        ("2002年5月1日起", "day", "2002-05-01", None, "起")]),
    (
        "year-month deadline in a table cell (corpus 13)",
        "2026年6月底前建立完善全域建筑垃圾源头申报",
        [("2026年6月底前", "month", "2026-06", None, "底前")],
    ),
    ("relative year end (corpus 16)", "于今年年底前对本行政区域内", [
        ("今年", "relative", None, None, "今年"), ("年底前", "relative", None, None, "年底前")]),
    ("relative month end (corpus 13)", "| 11月底前 |", [("11月底前", "relative", None, None, "11月底前")]),
    ("relative month range (corpus 13)", "| 6-9月 |", [("6-9月", "relative", None, None, "6-9月")]),
    # Not dates, or not all of it.
    ("a duration is not a date (html 01)", "五年内免征企业所得税", []),
    ("初步 is not 年初 (corpus 05)", "到2027年初步建成", [("2027年", "year", "2027", None, None)]),
    ("a document number is never a date (000)", "市政办发〔2017〕109号", []),
    ("a split number is never a date (corpus 03)", "津工信电力\n〔\n2021\n〕\n2\n号附件", []),
    ("an index number is not a date (corpus 01)", "014150827/2024-00091", []),
    ("a decade is not a year", "上世纪1990年代", []),
    ("a clock time is not a date (corpus 02)", "峰段为10:00—12:00,18:00—22:00", []),
]


@pytest.mark.parametrize(("text", "expected"), [e[1:] for e in EXAMPLES], ids=[e[0] for e in EXAMPLES])
def test_dates(text: str, expected: list[Row]) -> None:
    assert dates_of(text) == expected


@pytest.mark.parametrize("text", [e[1] for e in EXAMPLES], ids=[e[0] for e in EXAMPLES])
def test_span_slices_what_was_read(text: str) -> None:
    norm = normalize(text)
    for d in find_dates(norm, find_doc_numbers(norm)):
        assert d.item.span.slice(text) == d.item.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2017年11月24日", "2017-11-24"),
        ("二〇一七年十一月二十四日", "2017-11-24"),
        ("2017-08-09", "2017-08-09"),
        ("2018年12月18日", "2018-12-18"),
        ("2017年7月", "2017-07"),
        ("2025年底前", "2025"),
        ("2022年7月—9月", "2022-07"),
        (" 2020-02-05 ", "2020-02-05"),
        ("", None),
        ("年底前", None),
        ("2017年2月30日", None),  # no such day
        ("市政府办公室", None),
    ],
)
def test_parse_date(text: str, expected: str | None) -> None:
    assert parse_date(text) == expected


def test_parse_date_expr_reads_a_year_part() -> None:
    parts = parse_date_expr("2018年上半年")
    assert parts is not None
    got = (parts.precision, parts.value, parts.end, parts.qualifier)
    assert got == ("range", "2018-01", "2018-06", "上半年")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2022年7月—9月", "2022-09"),
        ("2017—2019年", "2019"),
        ("2025年底前", "2025"),
        ("2017年11月24日", "2017-11"),
        ("年内", None),
    ],
)
def test_deadline_value(text: str, expected: str | None) -> None:
    parts = parse_date_expr(text)
    assert parts is not None
    assert deadline_value(parts) == expected


def test_to_date() -> None:
    assert to_date("2017-11-24") == dt.date(2017, 11, 24)
    assert to_date("2017-11") is None
    assert to_date(None) is None


def test_dates_in_picks_or_reads_a_range() -> None:
    text = "到2020年,建成…。第一阶段:编制改革方案(2017年7月?2017年12月)。"
    norm = normalize(text)
    all_dates = find_dates(norm, [])
    start = norm.text.index("(")
    end = norm.text.index(")") + 1
    picked = dates_in(norm, start, end, all_dates)
    fresh = dates_in(norm, start, end)
    assert [d.item.value for d in picked] == [d.item.value for d in fresh] == ["2017-07"]
    assert picked[0].item.end == "2017-12"


def test_read_dates_offsets_point_into_the_string() -> None:
    s = "力争到2030年前,新能源重卡渗透率达到40%"
    (start, end, parts), = read_dates(s)
    assert s[start:end] == "2030年前"
    assert parts.qualifier == "前"



_DATEISH = st.text(alphabet="2017年0-9月日底前至—?〔〕号国发()一二〇十内 \n", max_size=60)


@settings(max_examples=200, deadline=None)
@given(_DATEISH)
def test_any_text_reads_without_error_and_spans_are_honest(text: str) -> None:
    norm = normalize(text)
    numbers = find_doc_numbers(norm)
    for d in find_dates(norm, numbers):
        assert d.item.span.slice(text) == d.item.text
        assert not any(n.start < d.end and d.start < n.end for n in numbers)


# The gated scan (``_date_matches``) must find exactly what ``DATE.finditer`` finds: the
# plain scan is kept here as the reference.
def _reference_matches(s: str) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
    return [(m.span(), m.groups()) for m in lx.DATE.finditer(s)]


def _gated_matches(s: str) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
    return [(m.span(), m.groups()) for m in _date_matches(s)]


_REPO = Path(__file__).resolve().parents[2]
_FILES = sorted(
    p for pattern in ("samples/*.txt", "samples/html/*.html", "tests/corpus/*.txt", "tests/corpus/*.md",
                      "tests/corpus/*.html")
    for p in _REPO.glob(pattern)
)


@pytest.mark.parametrize("path", _FILES, ids=[p.name for p in _FILES])
def test_gated_scan_finds_what_the_plain_scan_finds(path: Path) -> None:
    text = normalize(load_path(path).text).text
    assert _gated_matches(text) == _reference_matches(text)


@pytest.mark.parametrize(
    "text",
    [
        "十一——十二月底前完成",  # 月 at the farthest reach from the start
        "(2015-2020)",  # a bracketed year range: no 年 or 月 at all
        "2017.8.9印发,2017-08-09起施行",
        "今年、明年、本年度和下半年",
        "二〇一七年十一月二十四日",
        "12017年7月和2021年\n2\n月",
        "年",
        "",
    ],
)
def test_gated_scan_examples(text: str) -> None:
    assert _gated_matches(text) == _reference_matches(text)


_DATE_CHARS = st.text(alphabet="20191年月日号底前至到—-~./ \n()一二三十〇今明本次上下半度份季第内", max_size=80)


@settings(max_examples=300, deadline=None)
@given(_DATE_CHARS)
def test_gated_scan_equals_plain_scan_on_any_text(text: str) -> None:
    assert _gated_matches(text) == _reference_matches(text)


# --- Fast paths (issue 7, second round) ---

import sys  # noqa: E402

import regex  # noqa: E402

from policyparse.dates import (  # noqa: E402
    _WS,
    _interpret,
    _interpret_groups,
    _without_space,
)
from policyparse.models import DateMention  # noqa: E402


# Positions the tightened FIRST_CHAR skips: a digit after a digit, 年 not before 底末内初, a
# numeral not before another numeral, a space, 月 or a dash.
@pytest.mark.parametrize(
    "text",
    ["未来15年我市", "不超160平方米", "〔2017〕109号", "12017年7月", "每年培育", "年底前完成", "年内", "三年行动",
     "十四五”规划", "二〇一七年十一月二十四日", "十一——十二月", "今年和明年", "上半年", "2019年1月1日—31日",
     "于09月30日前报送", "1996年06月29日"],
)
def test_gated_scan_skips_only_what_cannot_start_a_date(text: str) -> None:
    assert _gated_matches(text) == _reference_matches(text)


@settings(max_examples=300, deadline=None)
@given(_DATE_CHARS)
def test_date_pattern_reads_one_expression_the_same_in_both_engines(text: str) -> None:
    # parse_date_expr reads with DATE_AT (the standard library's engine).
    a, b = lx.DATE_AT.fullmatch(text), lx.DATE.fullmatch(text)
    assert (a is None) == (b is None)
    if a is not None and b is not None:
        assert a.groups() == b.groups()


# The patterns that take an expression apart, against the same pattern in the regex module.
_PARTS = [lx.DASH, lx.TOKEN, lx.QUALIFIER_END, lx.YEAR_PART_END, lx.UNIT_CHAR, lx.ISO]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="2019年度月份日号底前末初内起—-~至到./1二三十〇上下半第季", max_size=16))
def test_expression_parts_read_the_same_in_both_engines(text: str) -> None:
    for pattern in _PARTS:
        other = regex.compile(pattern.pattern)
        assert [(m.span(), m.groups()) for m in pattern.finditer(text)] == [
            (m.span(), m.groups()) for m in other.finditer(text)]
        for pos in range(len(text)):
            a, b = pattern.search(text, pos), other.search(text, pos)
            assert (a and (a.span(), a.groups())) == (b and (b.span(), b.groups()))


def test_without_space_removes_what_the_pattern_removes() -> None:
    for c in map(chr, range(sys.maxunicode + 1)):
        s = f"2017{c}年"
        assert _without_space(s) == _WS.sub("", s)


@pytest.mark.parametrize("path", _FILES, ids=[p.name for p in _FILES])
def test_memoised_reading_equals_a_fresh_one(path: Path) -> None:
    text = normalize(load_path(path).text).text
    for m in _date_matches(text):
        assert _interpret(m) == _interpret_groups.__wrapped__(m.groups())


@pytest.mark.parametrize("path", _FILES, ids=[p.name for p in _FILES])
def test_mentions_validated_together_equal_one_by_one(path: Path) -> None:
    norm = normalize(load_path(path).text)
    numbers = find_doc_numbers(norm)
    found = find_dates(norm, numbers)
    expected = [
        DateMention(text=norm.raw(s, e), precision=p.precision, value=p.value, end=p.end, qualifier=p.qualifier,
                    span=norm.span(s, e))
        for s, e, p in read_dates(norm.text)
        if not any(n.start < e and s < n.end for n in numbers)
    ]
    assert [d.item for d in found] == expected
    assert [(d.start, d.end) for d in found] == [
        (s, e) for s, e, _ in read_dates(norm.text) if not any(n.start < e and s < n.end for n in numbers)]
    lo, hi = len(norm.text) // 3, 2 * len(norm.text) // 3
    assert [d.item for d in dates_in(norm, lo, hi, numbers=numbers)] == [
        DateMention(text=norm.raw(lo + s, lo + e), precision=p.precision, value=p.value, end=p.end,
                    qualifier=p.qualifier, span=norm.span(lo + s, lo + e))
        for s, e, p in read_dates(norm.text[lo:hi])
        if not any(n.start < lo + e and lo + s < n.end for n in numbers)
    ]


# --- Fast paths (issue 7, round 5) ---

from policyparse.dates import _Point, _read_point  # noqa: E402
from policyparse.numerals import han_to_int  # noqa: E402


def _read_point_as_it_was(s: str, bare_unit: str | None, base: _Point | None) -> _Point | None:
    """``_read_point`` before its parts were kept in locals: the reference it must match."""
    p = _Point()
    pos = 0
    for m in lx.TOKEN.finditer(s):
        if m.start() != pos:
            return None
        pos = m.end()
        digits, written_unit = m.groups()
        n = int(digits) if digits.isdigit() else han_to_int(digits)
        if n is None:
            return None
        unit = written_unit or bare_unit
        if unit is None:
            unit = "年" if len(digits) == 4 else None
        if unit is None:
            return None
        if unit.startswith("年"):
            p.year = n
        elif unit.startswith("月"):
            p.month = n
        else:
            p.day = n
    if pos != len(s) or (p.year is None and p.month is None and p.day is None):
        return None
    if base is not None and p.year is None:
        p.year = base.year
        if p.month is None:
            p.month = base.month
    return p


# Range ends and points as the samples write them (with whitespace removed), and what is none.
_POINTS = ["2017年7月", "2017年12月", "9月", "31日", "2019年", "2017", "二〇一七年十一月二十四日", "1996年06月29日",
           "2020年度", "6月份", "15号", "7", "十二", "2017年7", "年", "", "2017年7月x", "x2017年", "20171年"]


@pytest.mark.parametrize("s", _POINTS)
@pytest.mark.parametrize("bare_unit", [None, "年", "月", "日"])
@pytest.mark.parametrize("base", [None, _Point(2022, 7), _Point(2019, 1, 1)])
def test_read_point_equals_the_reference(s: str, bare_unit: str | None, base: _Point | None) -> None:
    assert _read_point(s, bare_unit, base) == _read_point_as_it_was(s, bare_unit, base)


@pytest.mark.parametrize("path", _FILES, ids=[p.name for p in _FILES])
def test_every_date_reads_as_before_on_real_notices(path: Path) -> None:
    # Both ends of every range and every point of a real notice, read both ways.
    text = normalize(load_path(path).text).text
    for m in _date_matches(text):
        body = _without_space(m.group())
        for piece in (body, *lx.DASH.split(body, 1)):
            for bare_unit in (None, "年", "月"):
                assert _read_point(piece, bare_unit, None) == _read_point_as_it_was(piece, bare_unit, None)


# --- Fast paths (issue 7, round 6) ---

# A year opens a window of its own only when a separator or a dash follows it (a separated day,
# a bracketed range): every other date holds 年 or 月 within reach. Each form a year takes,
# from the samples and corpus, beside years that start no date (a document number, a time).
@pytest.mark.parametrize(
    "text",
    ["〔2017〕109号", "市政办发〔2022〕19号", "2017-08-09", "2017.8.9印发", "2017/08/09", "(2015-2020)",
     "(2015 - 2020)", "(2015\n—2020)", "(2015—2020)", "(2015–2020)", "(2015~2020)", "(2015至2020)",
     "(2015到2020)", "[2015-2020]", "(2015\t-2020)", "2017—2019年", "2017 - - 2019 \n年", "2020--2023年",
     "19:18 信息来源", "19.加强知识产权服务业", "20%以上", "2017 年 7 月", "到2020年", "1996年06月29日",
     "见2017  ——  2019  年规划"],
)
def test_gated_scan_with_separated_years_only(text: str) -> None:
    assert _gated_matches(text) == _reference_matches(text)


@pytest.mark.parametrize("point", ["2017年7月24日", "2017年7月1号", "2017年07月", "2017年7月份", "2017年度",
                                   "2017年12月31日", "1999年1月", "2017年\u0663月", "2017年7月24", "2017年7月x"])
@pytest.mark.parametrize("base", [None, _Point(2022, 7)])
def test_arabic_points_read_in_one_match_equal_the_reference(point: str, base: _Point | None) -> None:
    # ``_read_point`` reads a point written 2017年7月24日 with one match (lexicon ARABIC_POINT).
    for bare_unit in (None, "年", "月"):
        assert _read_point(point, bare_unit, base) == _read_point_as_it_was(point, bare_unit, base)


def test_iso_forms_equal_the_format_spec_forms() -> None:
    for y in (1, 999, 1900, 2017, 2099, 12345):
        for m in (1, 7, 12):
            for d in (1, 9, 31):
                assert _Point(y).iso() == f"{y:04d}"
                assert _Point(y, m).iso() == f"{y:04d}-{m:02d}"
                assert _Point(y, m, d).iso() == f"{y:04d}-{m:02d}-{d:02d}"
