"""Chinese and Arabic numerals to numbers: the grammar shared by every stage that reads numbers."""

from __future__ import annotations

from decimal import Decimal

_DIGIT = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
          "六": 6, "七": 7, "八": 8, "九": 9}
_SMALL_UNIT = {"十": 10, "百": 100, "千": 1000}
_BIG_UNIT = {"万": 10_000, "亿": 100_000_000}
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def han_to_int(s: str) -> int | None:
    """``十二`` → 12, ``一百五十`` → 150, ``三千`` → 3000, ``二〇一七`` → 2017; None if not a numeral."""
    # Most numerals read are list and date numbers, 1 to 99: looked up, not worked out.
    known = _KNOWN.get(s)
    return known if known is not None else _read_numeral(s)


def _read_numeral(s: str) -> int | None:
    if not s:
        return None
    if s in CIRCLED:
        return CIRCLED.index(s) + 1
    if s.isascii() and s.isdigit():  # str.isdigit is also true of ① and superscripts
        return int(s)
    if all(c in _DIGIT for c in s) and len(s) > 1:  # digit by digit, as in years: 二〇一七
        return int("".join(str(_DIGIT[c]) for c in s))
    total = section = number = 0
    seen = False
    for c in s:
        if c in _DIGIT:
            number = _DIGIT[c]
            seen = True
        elif c in _SMALL_UNIT:
            section += (number or 1) * _SMALL_UNIT[c]
            number = 0
            seen = True
        elif c in _BIG_UNIT:
            total += (section + number) * _BIG_UNIT[c]
            section = number = 0
            seen = True
        else:
            return None
    return total + section + number if seen else None


def _common_numerals() -> dict[str, int]:
    # Every spelling of 0–99 a notice uses (1, 01, 一, 十一, 二十, ①), each with the value the
    # general reading gives it, so that the look-up can never disagree with it.
    han = "〇一二三四五六七八九"
    spellings = [str(i) for i in range(100)] + [f"{i:02d}" for i in range(10)] + list(CIRCLED)
    spellings += [*han, "零", "两", "十"]
    spellings += [f"{han[t] if t > 1 else ''}十{han[u] if u else ''}" for t in range(1, 10) for u in range(10)]
    return {s: v for s in spellings if (v := _read_numeral(s)) is not None}


_KNOWN = _common_numerals()


def to_decimal(s: str) -> Decimal | None:
    """An Arabic (``1.2``, ``1,500``) or Chinese (``三千``) numeral as an exact Decimal."""
    s = s.replace(",", "")
    try:
        return Decimal(s)
    except ArithmeticError:
        pass
    n = han_to_int(s)
    return Decimal(n) if n is not None else None
