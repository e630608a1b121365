"""Named stages of a plan's timeline with their start and end."""

from __future__ import annotations

from .located import Located
from .models import DateMention, Phase
from .normalize import Normalized
from .sections import Outline


def find_phases(norm: Normalized, outline: Outline, dates: list[Located[DateMention]]) -> list[Located[Phase]]:
    """Every named stage, in order."""
    return []
