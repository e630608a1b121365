"""Quantities: a number with its unit, as an exact Decimal in the base unit.

``16.4亿元`` is 1640000000 元, ``3.7万件`` is 37000 件, ``百分之一点五七`` is 1.57 %,
``3—5件`` is the range 3…5 件. A shared grammar: targets and incentives read numbers
through it, and any stage that needs a figure may import it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, fields
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from .lexicon import quantities as lx
from .numerals import han_to_int

Kind = str  # "count" | "money" | "percent" | "time"

_ONE = Decimal(1)
# Longest plain whole number read as Decimal(digits) directly: under the context's 28 digits,
# ``v * 1`` is exact, so the general way gives the same value.
_PLAIN_DIGITS_MAX = 27


@dataclass(frozen=True, slots=True)
class Quantity:
    """One quantity in normalised coordinates: ``text == source[start:end]``."""

    start: int
    end: int
    text: str
    value: Decimal  # base unit; the upper bound of a range
    unit: str  # base unit: 件, 元, %, 千瓦, 元/年 …
    value_min: Decimal | None = None  # lower bound of a range
    multiplier: Decimal = Decimal(1)
    written_unit: str = ""  # multiplier + unit as written: 万件, 亿元
    kind: Kind = "count"
    han: bool = False  # written in Chinese numerals

    @property
    def is_range(self) -> bool:
        return self.value_min is not None


# The reader makes one Quantity per figure of a notice. A frozen dataclass's ``__init__`` sets
# each of its ten fields through ``object.__setattr__`` (about 1 µs in all); ``_quantity``
# fills the same slots through their descriptors in half that, and the instance stays frozen.
_NEW = object.__new__
_SLOT_SETTERS = tuple(getattr(Quantity, f.name).__set__ for f in fields(Quantity))


def _quantity(
    start: int,
    end: int,
    text: str,
    value: Decimal,
    unit: str,
    value_min: Decimal | None,
    multiplier: Decimal,
    written_unit: str,
    kind: Kind,
    han: bool,
) -> Quantity:
    """``Quantity(...)`` with every field given, in the order the dataclass declares them."""
    q = _NEW(Quantity)
    s0, s1, s2, s3, s4, s5, s6, s7, s8, s9 = _SLOT_SETTERS
    s0(q, start)
    s1(q, end)
    s2(q, text)
    s3(q, value)
    s4(q, unit)
    s5(q, value_min)
    s6(q, multiplier)
    s7(q, written_unit)
    s8(q, kind)
    s9(q, han)
    return q


def parse_number(s: str) -> Decimal | None:
    """An Arabic (``1,500``, ``2.9``) or Chinese (``三千``, ``一点五七``, ``两``) numeral, exactly."""
    s = s.strip().replace(",", "")
    if not s:
        return None
    if s[0].isdigit():
        try:
            return Decimal(s)
        except InvalidOperation:
            return None
    whole, _, frac = s.partition("点")
    n = han_to_int(whole)
    if n is None:
        return None
    if not frac:
        return Decimal(n)
    digits = [han_to_int(c) for c in frac]
    if any(d is None or d > 9 for d in digits):
        return None
    return Decimal(f"{n}." + "".join(str(d) for d in digits))


def _exact(v: Decimal) -> Decimal:
    # 1.5 × 1e8 is Decimal('150000000.0'); keep whole numbers whole so they print as written.
    return Decimal(int(v)) if v == v.to_integral_value() else v.normalize()


def base_unit(unit: str) -> str:
    """The catalogue form of a written unit: 百分点 → 个百分点, 台套 → 台(套)."""
    if unit == "百分点":
        return "个百分点"
    if unit == "台套":
        return "台(套)"
    return unit


def unit_kind(unit: str) -> Kind:
    head = unit.split("/", 1)[0]
    if head in lx.TIME_UNIT_SET:
        return "time"
    if unit in lx.PERCENT_UNITS:
        return "percent"
    if head in lx.MONEY_UNITS:
        return "money"
    return "count"


@lru_cache(maxsize=512)
def _unit_of(written: str) -> tuple[str, Kind]:
    """``base_unit`` of a written unit and that unit's ``unit_kind``.

    A notice writes few units many times: each figure after the first of its unit costs a
    look-up rather than two calls. The units are the grammar's (a closed list), so the bound
    is never reached in practice.
    """
    unit = base_unit(written)
    return unit, unit_kind(unit)


def multiplier_of(word: str | None) -> Decimal:
    """万 → 10000, 亿 → 1e8 …; 1 for no multiplier."""
    return lx.MULTIPLIERS.get(word or "", _ONE)


def split_unit(written: str) -> tuple[Decimal, str]:
    """A unit as a column header writes it (``万件``, ``亿元``, ``%``) → (multiplier, base unit)."""
    w = written.strip().replace(" ", "")
    for m in lx.MULTIPLIERS:
        if w.startswith(m) and len(w) > len(m):
            rest = w[len(m) :]
            if lx.UNIT_ONLY.fullmatch(rest):
                return lx.MULTIPLIERS[m], base_unit(rest)
    return Decimal(1), base_unit(w)


def find_quantities(
    text: str, start: int = 0, end: int | None = None, *, skip_time: bool = False
) -> list[Quantity]:
    """Every quantity in ``text[start:end]``, in order; words that merely contain a numeral are skipped.

    With ``skip_time``, years, dates and durations (kind "time") are left out before they are
    read: most figures of a notice are years, and a caller that drops them need not pay for them.
    """
    return list(iter_quantities(text, start, end, skip_time=skip_time))


def iter_quantities(
    text: str, start: int = 0, end: int | None = None, *, skip_time: bool = False
) -> Iterator[Quantity]:
    """``find_quantities`` one at a time: a caller that needs only the first reads no more."""
    stop = len(text) if end is None else end
    if not skip_time:
        for m in lx.QUANTITY_SCAN.finditer(text, start, stop):
            s, e = m.span()
            q = _read(m.groups(), s, e, text)
            if q is not None:
                yield q
        return
    # The untimed scan matches no plain figure with a time unit: only a range may still have
    # one. A unit's kind is "time" when its head (before any "/") is a time unit; base_unit
    # only renames two count units, so it need not be applied first.
    time_units = lx.TIME_UNIT_SET
    hiunit = lx.HIUNIT_GROUP
    for m in lx.QUANTITY_SCAN_UNTIMED.finditer(text, start, stop):
        if m.lastindex == hiunit and m[hiunit].partition("/")[0] in time_units:
            continue
        s, e = m.span()
        q = _read(m.groups(), s, e, text)
        if q is not None:
            yield q


def _read(g: tuple[str | None, ...], s: int, e: int, text: str) -> Quantity | None:
    """The Quantity of a QUANTITY_SCAN match at ``s:e`` whose groups (QUANTITY_GROUPS) are ``g``."""
    pct, lo_rest, lomult, _lounit, hi_t, himult, hiunit, num_rest, mult_w, unit_w = g
    first = text[s]
    han = not first.isdigit() and not text.startswith("百分之", s)
    if han and s > 0 and text[s - 1] in lx.HAN_WORD_CHARS:
        return None
    if pct is not None:
        v = parse_number(pct)
        if v is None:
            return None
        return _quantity(s, e, text[s:e], _exact(v), "%", None, _ONE, "%", "percent", not pct[0].isdigit())
    if hi_t is not None:
        assert lo_rest is not None and hiunit is not None
        lo, hi = parse_number(first + lo_rest), parse_number(hi_t)  # QUANTITY's ``lo``
        if lo is None or hi is None:
            return None
        unit, kind = _unit_of(hiunit)
        mult = multiplier_of(himult)
        lo_mult = multiplier_of(lomult) if lomult else mult
        lo_v, hi_v = lo * lo_mult, hi * mult
        if lo_v > hi_v:  # 2017-12 or 5—3: not a range we can read
            return None
        return _quantity(
            s, e, text[s:e], _exact(hi_v), unit, _exact(lo_v), mult, (himult or "") + hiunit, kind, han
        )
    assert num_rest is not None and unit_w is not None
    num = first + num_rest  # QUANTITY's ``num``
    unit, kind = _unit_of(unit_w)
    if mult_w is None and num.isascii() and num.isdigit() and len(num) <= _PLAIN_DIGITS_MAX:
        # Most figures are plain whole numbers (20件, 2025年): their value is their digits,
        # what parse_number, × 1 and _exact give the long way.
        return _quantity(s, e, text[s:e], Decimal(num), unit, None, _ONE, unit_w, kind, han)
    v = parse_number(num)
    if v is None:
        return None
    mult = multiplier_of(mult_w)
    return _quantity(s, e, text[s:e], _exact(v * mult), unit, None, mult, (mult_w or "") + unit_w, kind, han)


def is_number_cell(cell: str) -> bool:
    """Whether ``read_number_cell`` reads ``cell`` (without making its value)."""
    m = lx.CELL_NUMBER.fullmatch(cell.strip())
    return m is not None and parse_number(m["num"]) is not None


def read_number_cell(cell: str) -> tuple[Decimal, str | None, str] | None:
    """A table cell such as ``2.7``, ``90% 以上`` or ``1,500``: (value, unit if written, rest)."""
    c = cell.strip()
    m = lx.CELL_NUMBER.fullmatch(c)
    if not m:
        return None
    num, unit, rest = m.groups()
    if num.isascii() and num.isdigit() and len(num) <= _PLAIN_DIGITS_MAX:
        # A whole number without separators (most cells): its digits are its value, what
        # parse_number and _exact give the long way (as for a plain figure in ``_read``).
        return Decimal(num), (unit or None), (rest or "")
    v = parse_number(num)
    if v is None:
        return None
    return _exact(v), (unit or None), (rest or "")
