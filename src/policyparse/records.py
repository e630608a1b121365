"""The flat records view of a Notice (FORMAT.md): what analytics users load as tables."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .models import Notice

_WS = re.compile(r"\s+")


def _clean(s: str | None) -> str | None:
    # FORMAT.md: values as written, with whitespace inside a value removed.
    return None if s is None else _WS.sub("", s)


def number(d: Decimal | None) -> int | float | None:
    """A Decimal as a JSON number: an int where it is whole, else a float."""
    if d is None:
        return None
    if d == d.to_integral_value():
        return int(d)
    return float(d)


def notice_records(n: Notice) -> dict[str, Any]:
    """The records dict for one notice, keys in FORMAT.md's order."""
    return {
        "source": _source_name(n.source),
        "title": _clean(n.title),
        "doc_number": n.doc_number.normalized if n.doc_number else None,
        "issuer": _clean(n.issuer),
        "issue_date": n.issue_date.isoformat() if n.issue_date else None,
        "sections": [{"path": s.path, "title": _clean(s.title)} for s in n.iter_sections()],
        "assignments": [
            {"path": a.path, "role": a.role, "unit": _clean(a.unit), "full": _clean(a.full)}
            | ({"canonical": a.canonical} if a.canonical else {})
            for a in n.assignments
        ],
        "targets": [
            {
                "path": t.path,
                "metric": _clean(t.metric),
                "comparator": t.comparator,
                "value": number(t.value),
                **({"value_min": number(t.value_min)} if t.value_min is not None else {}),
                "unit": t.unit,
                "deadline": t.deadline,
                "text": _clean(t.text),
            }
            for t in n.targets
        ],
        "references": [
            {"title": _clean(r.title), "doc_number": r.doc_number.normalized if r.doc_number else None}
            for r in n.references
        ],
        "phases": [{"path": p.path, "name": _clean(p.name), "start": p.start, "end": p.end} for p in n.phases],
        "attachments": [_clean(a.title) for a in n.attachments],
    }


def _source_name(source: str | None) -> str | None:
    if source is None:
        return None
    return source.replace("\\", "/").rsplit("/", 1)[-1]
