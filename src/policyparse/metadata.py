"""The notice's own metadata: title, document number, issuer, issue date, recipients, period."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .located import Located
from .models import DateMention, DocNumber, Period, Span
from .normalize import Normalized
from .sections import Outline


@dataclass(slots=True)
class Metadata:
    title: str | None = None
    title_span: Span | None = None
    doc_number: DocNumber | None = None
    issuer: str | None = None
    issue_date: dt.date | None = None
    recipients: list[str] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)
    period: Period | None = None


def read_metadata(
    norm: Normalized,
    outline: Outline,
    numbers: list[Located[DocNumber]],
    dates: list[Located[DateMention]],
    page_metadata: dict[str, str],
) -> Metadata:
    """Metadata from the text's header, signature and any web metadata block."""
    return Metadata(fields=dict(page_metadata))
