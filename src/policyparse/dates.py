"""The date grammar: days, months, years, ranges and relative phrases, Arabic or Chinese.

Public helpers (stable; other stages build on them):

- ``find_dates(norm, numbers)``: every date expression of a notice, in order, none inside a
  document number.
- ``dates_in(norm, start, end, dates=None, numbers=None)``: the date expressions inside one
  normalised range (a sentence, a clause, a table cell); from an already computed list
  when given, else read afresh.
- ``read_dates(s)``: the date expressions of a plain string as ``(start, end, DateParts)``,
  offsets into ``s``; for short strings a stage holds without a ``Normalized``.
- ``parse_date_expr(s)``: one date expression (``2017年7月—9月``, ``2025年底前``,
  ``二〇一七年十一月二十四日``, ``2017-08-09``) → ``DateParts``; None if it is not one.
- ``parse_date(s)``: one date expression → its ISO value (``YYYY``, ``YYYY-MM`` or
  ``YYYY-MM-DD``; a range's start); None if it is not one.
- ``to_date(iso)``: an ISO day string → ``datetime.date`` (None for a month or year).
- ``deadline_value(mention)``: the ``YYYY`` or ``YYYY-MM`` by which something dated so is
  due: a range's end, a day cut to its month.
- ``cut_to_month(iso)``: a day cut to its month; months and years unchanged.

Normal forms: a day ``YYYY-MM-DD``, a month ``YYYY-MM``, a year ``YYYY``. A range's
``value`` is its start and ``end`` its end, each in the form its own precision gives; an end
written without its year or month takes them from the start (``2022年7月—9月`` →
2022-07 … 2022-09). A relative phrase (年底前, 年内, 今年, 11月底前) has value None and
the phrase itself as its qualifier: its year comes from context, which the caller knows.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import get_args

import regex

from .lexicon import dates as lx
from .located import Located
from .models import DateMention, DatePrecision, DocNumber, validate_list
from .normalize import Normalized
from .numerals import han_to_int

_WS = regex.compile(r"\s+")
_PRECISIONS = frozenset(get_args(DatePrecision))
_KINDS = ("range", "mrange", "yrange", "prange", "iso", "ypart", "point", "md", "rel")


def _without_space(s: str) -> str:
    """``s`` with its whitespace removed. Most expressions hold none, and a printable string
    without a plain space holds none (every other space character is unprintable): the
    pattern is run only when there may be some."""
    return s if s.isprintable() and " " not in s else _WS.sub("", s)


@dataclass(frozen=True, slots=True)
class DateParts:
    """What one date expression says, without where it stands."""

    precision: DatePrecision
    value: str | None
    end: str | None = None
    qualifier: str | None = None


@dataclass(slots=True)
class _Point:
    year: int | None = None
    month: int | None = None
    day: int | None = None

    def iso(self) -> str | None:
        # %-formatting: half the cost of an f-string with format specs, and the same digits.
        if self.year is None:
            return None
        if self.month is None:
            return "%04d" % self.year  # noqa: UP031
        if self.day is None:
            return "%04d-%02d" % (self.year, self.month)  # noqa: UP031
        return "%04d-%02d-%02d" % (self.year, self.month, self.day)  # noqa: UP031

    def precision(self) -> DatePrecision:
        return "day" if self.day is not None else "month" if self.month is not None else "year"

    def valid(self) -> bool:
        if self.year is None:
            return False
        if self.month is not None and not 1 <= self.month <= 12:
            return False
        if self.day is not None:
            try:
                dt.date(self.year, self.month or 1, self.day)
            except ValueError:
                return False
        return True


def _read_point(s: str, bare_unit: str | None, base: _Point | None) -> _Point | None:
    """``2017年7月`` → year 2017, month 7. A number with no unit takes ``bare_unit``
    (the left end of ``2017—2019年`` is a year because the right end is); missing larger
    parts come from ``base`` (the right end of ``2022年7月—9月`` takes 2022)."""
    # Most points are written 2017年, 2017年7月 or 2017年7月24日: one match reads them, where
    # the token loop below takes a match per part (it reads them the same: a test checks).
    whole = lx.ARABIC_POINT.fullmatch(s)
    if whole is not None:
        y, mo, d = whole.groups()
        return _Point(int(y), int(mo) if mo else None, int(d) if d else None)
    # The parts are kept in locals and the point built once: this runs for every end of
    # every distinct date of a notice.
    year = month = day = None
    pos = 0
    for m in lx.TOKEN.finditer(s):
        if m.start() != pos:
            return None
        pos = m.end()
        digits, unit = m.groups()  # (n, u), by number: cheaper than by name
        n = int(digits) if digits.isdigit() else han_to_int(digits)
        if n is None:
            return None
        if unit is None:
            unit = bare_unit
            if unit is None:
                if len(digits) != 4:
                    return None
                unit = "年"
        # Every unit (年, 年度, 月, 月份, 日, 号, or a bare one of 年月日) is told by its first character.
        first = unit[0]
        if first == "年":
            year = n
        elif first == "月":
            month = n
        else:
            day = n
    if pos != len(s) or (year is None and month is None and day is None):
        return None
    if base is not None and year is None:
        year = base.year
        if month is None:
            month = base.month
    return _Point(year, month, day)


def _first_unit(s: str) -> str | None:
    m = lx.UNIT_CHAR.search(s)
    if m is None:
        return None
    unit = m.group()
    return "日" if unit == "号" else unit


def _split_qualifier(s: str) -> tuple[str, str | None]:
    m = lx.QUALIFIER_END.search(s)
    if m is None or m.start() == 0:
        return s, None
    return s[: m.start()], m.group("q")


def _parse_range(s: str, qualifier: str | None) -> DateParts | None:
    d = lx.DASH.search(s, 1)
    if d is None:
        return None
    left_s, right_s = s[: d.start()], s[d.end() :]
    right_unit = _first_unit(right_s)
    left = _read_point(left_s, right_unit, None)
    if left is None or not left.valid():
        return None
    right = _read_point(right_s, None, left)
    if right is None or not right.valid():
        return None
    return DateParts("range", left.iso(), right.iso(), qualifier)


def parse_date_expr(s: str) -> DateParts | None:
    """One whole date expression → its parts; None when ``s`` is not exactly one.

    ``'2022年7月—9月'`` → range 2022-07 … 2022-09; ``'2025年底前'`` → year 2025, qualifier
    ``底前``; ``'年内'`` → relative, value None, qualifier ``年内``.
    """
    s = _without_space(s)
    if not s:
        return None
    m = lx.DATE_AT.fullmatch(s)
    if m is None:
        return None
    return _interpret(m)


# Group numbers of ``DATE``'s alternatives and of each one's qualifier: reading a match's
# groups by number from one ``groups()`` tuple costs a tenth of reading them by name.
_KIND_INDEX = tuple((k, lx.DATE.groupindex[k] - 1) for k in _KINDS)
_QUAL_INDEX = {k: lx.DATE.groupindex[q] - 1
               for k, q in {"range": "rq", "mrange": "mq", "yrange": "yq", "point": "pq", "md": "mdq"}.items()}


def _interpret(m: re.Match[str]) -> DateParts | None:
    return _interpret_groups(m.groups())


# What a match says depends only on its groups, and a notice repeats its dates (the same
# phase range in every table row): each distinct expression is read once. DateParts is
# frozen, so sharing one is safe.
@lru_cache(maxsize=1024)
def _interpret_groups(groups: tuple[str | None, ...]) -> DateParts | None:
    for k, i in _KIND_INDEX:
        whole = groups[i]
        if whole is not None:
            kind = k
            break
    else:
        return None
    body = _without_space(whole)
    qual_index = _QUAL_INDEX.get(kind)
    qualifier = groups[qual_index] if qual_index is not None else None
    if kind in ("range", "mrange", "yrange", "prange"):
        return _parse_range(body, qualifier)
    if kind == "iso":
        iso = lx.ISO.fullmatch(body)
        if iso is None:
            return None
        day = _Point(int(iso.group("y")), int(iso.group("m")), int(iso.group("d")))
        return DateParts("day", day.iso()) if day.valid() else None
    if kind == "ypart":
        q = lx.YEAR_PART_END.search(body)
        if q is None:
            return None
        year = _read_point(body[: q.start()], None, None)
        if year is None or year.year is None or not year.valid():
            return None
        first, last = lx.YEAR_PARTS[q.group("q")]
        y = year.year
        return DateParts("range", f"{y:04d}-{first:02d}", f"{y:04d}-{last:02d}", q.group("q"))
    if kind == "point":
        point = _read_point(body, None, None)
        if point is None or not point.valid():
            return None
        return DateParts(point.precision(), point.iso(), None, qualifier)
    if kind == "md":
        text = body + (qualifier or "")
        return DateParts("relative", None, None, text)
    if kind == "rel":
        return DateParts("relative", None, None, body)
    return None


def parse_date(s: str) -> str | None:
    """One date expression → its ISO value (a range's start); None if it is not one.

    ``'2017年11月24日'`` → ``'2017-11-24'``, ``'二〇〇八年六月二十四日'`` → ``'2008-06-24'``,
    ``'1996年06月29日'`` → ``'1996-06-29'``, ``'2017-08-09'`` → ``'2017-08-09'``,
    ``'2017年7月'`` → ``'2017-07'``, ``'2025年底前'`` → ``'2025'``.
    """
    parts = parse_date_expr(s)
    return None if parts is None else parts.value


def to_date(iso: str | None) -> dt.date | None:
    """``'2017-11-24'`` → ``date(2017, 11, 24)``; None for a month, a year or None."""
    if iso is None or len(iso) != 10:
        return None
    try:
        return dt.date.fromisoformat(iso)
    except ValueError:
        return None


def cut_to_month(iso: str | None) -> str | None:
    """``'2019-01-01'`` → ``'2019-01'``; a month, a year or None is returned as it is."""
    return iso[:7] if iso is not None and len(iso) == 10 else iso


def deadline_value(mention: DateMention | DateParts) -> str | None:
    """``YYYY`` or ``YYYY-MM`` by which something dated by ``mention`` is due.

    A range gives its end; a day is cut to its month; a year or month is itself; a
    relative phrase gives None (its year is the caller's to supply)."""
    return cut_to_month(mention.end if mention.precision == "range" else mention.value)


def read_dates(s: str) -> list[tuple[int, int, DateParts]]:
    """Every date expression in a plain string: ``(start, end, parts)``, offsets into ``s``.

    ``s`` should be normalised text (see ``normalize``); document numbers are not excluded
    here, so pass a span that holds none, or use ``find_dates``.
    """
    out: list[tuple[int, int, DateParts]] = []
    for m in _date_matches(s):
        parts = _interpret_groups(m.groups())
        if parts is not None and parts.precision in _PRECISIONS:
            out.append((m.start(), m.end(), parts))
    return out


def _windows(s: str) -> list[tuple[int, int]]:
    """Ranges ``(lo, hi)``, inclusive, that hold every position where ``DATE`` can start
    (see ``lexicon.dates.FIRST_CHAR``), in order of ``lo``."""
    reach = lx.ANCHOR_REACH
    out: list[tuple[int, int]] = []
    find = s.find
    for ch in lx.ANCHOR_CHARS:
        i = find(ch)
        while i >= 0:
            out.append((i - reach if i > reach else 0, i))
            i = find(ch, i + 1)
    # A year that no 年 or 月 follows within reach can start only a separated day or a
    # bracketed range: only those years open a window of their own.
    for pattern in lx.SEPARATED_YEARS:
        for m in pattern.finditer(s):
            i = m.start()
            out.append((i, i))
    out.sort()
    return out


def _date_matches(s: str) -> list[re.Match[str]]:
    """``DATE.finditer(s)``, the same matches, trying ``DATE`` only where a match can
    start: the engine's own scan tests its look-ahead at every character, several times
    the cost of finding the few 年, 月 and years of a notice with ``str.find``."""
    out: list[re.Match[str]] = []
    pos = 0  # every position before it has been tried, or lies inside a match
    match = lx.DATE_AT.match
    first = lx.FIRST_CHAR.finditer
    for lo, hi in _windows(s):
        if lo < pos:
            lo = pos
        if lo > hi:
            continue
        # One character past ``hi``: FIRST_CHAR looks one ahead.
        for c in first(s, lo, hi + 2):
            p = c.start()
            if p > hi:
                break
            if p < pos:
                continue
            m = match(s, p)
            if m is not None:
                out.append(m)
                pos = m.end()
        if pos <= hi:
            pos = hi + 1
    return out


def _mentions(norm: Normalized, found: list[tuple[int, int, DateParts]]) -> list[Located[DateMention]]:
    """The date mentions at normalised ``(start, end, parts)``, validated in one call: the
    same checks as building every DateMention and Span on its own."""
    records: list[dict[str, object]] = []
    original, starts, ends = norm.original, norm.starts, norm.ends
    for start, end, parts in found:
        # ``norm.raw`` and ``norm.bounds`` read from the offset map without a call each
        # (every match holds at least one character).
        s, e = (starts[start], ends[end - 1]) if end > start else norm.bounds(start, end)
        records.append({
            "text": original[s:e] if end > start else "",
            "precision": parts.precision,
            "value": parts.value,
            "end": parts.end,
            "qualifier": parts.qualifier,
            "span": {"start": s, "end": e},
        })
    items = validate_list(DateMention, records)
    return [Located(item, start, end) for item, (start, end, _) in zip(items, found, strict=True)]



def _outside(numbers: list[Located[DocNumber]]) -> list[tuple[int, int]]:
    return sorted((n.start, n.end) for n in numbers)


def _overlaps(ranges: list[tuple[int, int]], start: int, end: int) -> bool:
    # Document numbers do not overlap one another, so only the last one starting before
    # ``end`` can reach into ``start:end``.
    i = bisect.bisect_left(ranges, (end, -1)) - 1
    return i >= 0 and ranges[i][1] > start


def find_dates(norm: Normalized, numbers: list[Located[DocNumber]]) -> list[Located[DateMention]]:
    """Every date expression outside document numbers, in order."""
    blocked = _outside(numbers)
    found = read_dates(norm.text)
    if blocked:
        found = [f for f in found if not _overlaps(blocked, f[0], f[1])]
    return _mentions(norm, found)


def dates_in(
    norm: Normalized,
    start: int,
    end: int,
    dates: list[Located[DateMention]] | None = None,
    numbers: list[Located[DocNumber]] | None = None,
) -> list[Located[DateMention]]:
    """The date expressions lying wholly inside normalised ``start:end``, in order.

    With ``dates`` (the notice's ``find_dates`` result) they are picked from it, so a date
    that runs across ``start`` or ``end`` is left out; without it the range is read afresh
    (an expression cut by the range edge is then read as far as it lies inside).
    """
    if dates is not None:
        return [d for d in dates if start <= d.start and d.end <= end]
    blocked = _outside(numbers or [])
    found = [(start + s, start + e, parts) for s, e, parts in read_dates(norm.text[start:end])
             if not (blocked and _overlaps(blocked, start + s, start + e))]
    return _mentions(norm, found)
