"""Annex titles from the 附件 lines."""

from __future__ import annotations

from .models import Attachment
from .normalize import Normalized


def find_attachments(norm: Normalized) -> list[Attachment]:
    """The annexes listed in 附件: lines."""
    return []
