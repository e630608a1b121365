"""Cited documents: 《title》 with the document number given beside it."""

from __future__ import annotations

from .located import Located
from .models import DocNumber, Reference
from .normalize import Normalized


def find_references(
    norm: Normalized, numbers: list[Located[DocNumber]], own_number: DocNumber | None
) -> list[Located[Reference]]:
    """Every distinct cited document, in order of first appearance."""
    return []
