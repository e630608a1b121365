"""Responsibility clauses: who leads, who is responsible, who cooperates."""

from __future__ import annotations

from .models import Assignment
from .normalize import Normalized
from .sections import Outline


def find_assignments(norm: Normalized, outline: Outline) -> tuple[list[Assignment], list[str]]:
    """Assignments in reading order, and warnings for clauses that could not be placed."""
    return [], []
