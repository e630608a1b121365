"""The shared numeral grammar."""

from __future__ import annotations

from decimal import Decimal

import pytest

from policyparse.numerals import han_to_int, to_decimal

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
