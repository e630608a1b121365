"""The orchestrator: one function whose body is the list of stages."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from .assignments import find_assignments
from .attachments import find_attachments
from .dates import find_dates
from .docnumbers import find_doc_numbers
from .load import Loaded, load_bytes, load_path
from .metadata import read_metadata
from .models import Notice
from .normalize import normalize
from .phases import find_phases
from .references import find_references
from .sections import build_outline
from .targets import find_targets

# Python's cyclic garbage collector rescans the live objects each time enough new ones pile
# up; a parse creates objects by the hundred thousand that stay alive until it ends, and
# makes no reference cycles (a test checks it: plain dataclasses, matches, models), so those
# scans find nothing. On a notice of 1.4M chars they cost ~35% more per character than on
# one of 140k (superlinear); paused, the cost per character is flat. The collector is
# paused only while a parse runs and switched back on as found (also when parses run in
# several threads).
#
# Switched back on, its first pass would walk every object the parse made (the Notice's
# models by the ten thousand) to find no garbage: 2–3% of a parse, ~12% on a 1.4M-char
# notice, whose models no longer fit in the CPU's caches. ``freeze`` + ``unfreeze`` instead
# files every tracked object in the oldest generation without a walk (two list splices), so
# those objects are looked at again only by the occasional full collection. Skipped when the
# program has frozen objects of its own (``gc.freeze`` before forking), which ``unfreeze``
# would thaw.
_GC_LOCK = threading.Lock()
_gc_pausers = 0
_gc_was_enabled = False


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    global _gc_pausers, _gc_was_enabled
    with _GC_LOCK:
        if _gc_pausers == 0:
            _gc_was_enabled = gc.isenabled()
            gc.disable()
        _gc_pausers += 1
    try:
        yield
    finally:
        with _GC_LOCK:
            _gc_pausers -= 1
            if _gc_pausers == 0 and _gc_was_enabled:
                if gc.get_freeze_count() == 0:
                    gc.freeze()  # everything to the permanent generation, young counts reset
                    gc.unfreeze()  # and back, into the oldest generation
                gc.enable()


def parse_loaded(loaded: Loaded, *, aliases: Mapping[str, str] | None = None) -> Notice:
    """Run every stage over a loaded document.

    ``aliases`` maps unit spellings to canonical names (``policyparse units --aliases``);
    assignments whose unit it names carry the canonical name in ``canonical``.
    """
    with _cyclic_gc_paused():
        norm = normalize(loaded.text)
        outline = build_outline(norm)
        numbers = find_doc_numbers(norm)
        dates = find_dates(norm, numbers)
        meta = read_metadata(norm, outline, numbers, dates, loaded.metadata)
        references = find_references(norm, numbers, meta.doc_number, own_title=meta.title)
        phases = find_phases(norm, outline, dates)
        attachments = find_attachments(norm)
        assignments, warnings = find_assignments(norm, outline, aliases)
        targets, incentives = find_targets(norm, outline, phases, meta.period, dates, meta.issue_date)
        return Notice.model_construct(
            source=loaded.source,
            text=loaded.text,
            title=meta.title,
            title_span=meta.title_span,
            doc_number=meta.doc_number,
            issuer=meta.issuer,
            issue_date=meta.issue_date,
            recipients=meta.recipients,
            metadata=meta.fields,
            period=meta.period,
            sections=outline.to_models(norm),
            targets=targets,
            incentives=incentives,
            assignments=assignments,
            references=[r.item for r in references],
            phases=[p.item for p in phases],
            attachments=attachments,
            doc_numbers=[n.item for n in numbers],
            dates=[d.item for d in dates],
            warnings=warnings,
        )


def parse(text: str, source: str | None = None, *, aliases: Mapping[str, str] | None = None) -> Notice:
    """Parse a notice's text."""
    return parse_loaded(Loaded(text, source, "utf-8", "text", {}), aliases=aliases)


def parse_bytes(
    data: bytes, source: str | None = None, *, kind: str | None = None, aliases: Mapping[str, str] | None = None
) -> Notice:
    """Parse a notice's bytes (text or HTML, encoding detected)."""
    return parse_loaded(load_bytes(data, source, kind=kind), aliases=aliases)


def parse_file(path: str | Path, *, aliases: Mapping[str, str] | None = None) -> Notice:
    """Read, decode and parse a notice file (.txt, .md, .html)."""
    return parse_loaded(load_path(path), aliases=aliases)
