"""Quantitative targets (and the incentive amounts that look like them)."""

from __future__ import annotations

import datetime as dt

from .located import Located
from .models import DateMention, Incentive, Period, Phase, Target
from .normalize import Normalized
from .sections import Outline


def find_targets(
    norm: Normalized,
    outline: Outline,
    phases: list[Located[Phase]],
    period: Period | None,
    dates: list[Located[DateMention]],
    issue_date: dt.date | None,
) -> tuple[list[Target], list[Incentive]]:
    """Targets and incentives in reading order."""
    return [], []
