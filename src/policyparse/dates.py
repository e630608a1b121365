"""The date grammar: days, months, years, ranges and relative phrases, Arabic or Chinese."""

from __future__ import annotations

from .located import Located
from .models import DateMention, DocNumber
from .normalize import Normalized


def find_dates(norm: Normalized, numbers: list[Located[DocNumber]]) -> list[Located[DateMention]]:
    """Every date expression outside document numbers, in order."""
    return []
