"""Document numbers (发文字号): 机关代字〔年〕序号号, wherever they stand in the text."""

from __future__ import annotations

from .located import Located
from .models import DocNumber
from .normalize import Normalized


def find_doc_numbers(norm: Normalized) -> list[Located[DocNumber]]:
    """Every document number in the text, in order."""
    return []
