"""The shared numeral grammar."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policyparse.numerals import _read_numeral, han_to_int, to_decimal

HAN = [
    ("一", 1), ("十", 10), ("十二", 12), ("二十", 20), ("三十一", 31), ("一百五十", 150), ("三千", 3000),
    ("两", 2), ("二〇一七", 2017), ("二〇二二", 2022), ("一万二千", 12000), ("①", 1), ("⑳", 20), ("109", 109),
    ("", None), ("甲", None), ("十甲", None),
]


@pytest.mark.parametrize(("text", "value"), HAN)
def test_han_to_int(text: str, value: int | None) -> None:
    assert han_to_int(text) == value


DEC = [("1.2", Decimal("1.2")), ("1,500", Decimal("1500")), ("三千", Decimal("3000")), ("x", None)]


@pytest.mark.parametrize(("text", "value"), DEC)
def test_to_decimal(text: str, value: Decimal | None) -> None:
    assert to_decimal(text) == value


# The look-up of common numerals must give what the general reading gives.
@pytest.mark.parametrize(
    "text",
    ["1", "01", "09", "99", "0", "〇", "零", "两", "十", "十一", "二十", "九十九", "①", "⑳", "一百", "100", "二〇一七",
     "十甲", "①②", "一十"],
)
def test_common_numerals_read_as_the_general_reading_does(text: str) -> None:
    assert han_to_int(text) == _read_numeral(text)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="0123456789〇零○一二两三四五六七八九十百千万亿①⑳甲", max_size=4))
def test_common_numerals_read_as_the_general_reading_does_on_any_text(text: str) -> None:
    assert han_to_int(text) == _read_numeral(text)
