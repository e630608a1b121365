"""One check shared by the property tests and the corpus run: every span is honest."""

from __future__ import annotations

import re

from pydantic import BaseModel

from policyparse.models import Assignment, Notice, Reference, Section, Span
from policyparse.normalize import normalize

_WS = re.compile(r"\s+")


def _squash(s: str) -> str:
    return _WS.sub("", s)


def _spans(model: BaseModel) -> list[tuple[BaseModel, str, Span]]:
    found: list[tuple[BaseModel, str, Span]] = []
    for name, value in model:
        if isinstance(value, Span):
            found.append((model, name, value))
        elif isinstance(value, BaseModel):
            found += _spans(value)
        elif isinstance(value, list):
            for v in value:
                if isinstance(v, BaseModel):
                    found += _spans(v)
    return found


def provenance_problems(notice: Notice) -> list[str]:
    """Every span inside the text; each slices to what was extracted from it."""
    text = notice.text
    problems = []
    for owner, name, span in _spans(notice):
        if not 0 <= span.start <= span.end <= len(text):
            problems.append(f"{type(owner).__name__}.{name} {span} outside text of {len(text)}")
            continue
        raw = text[span.start : span.end]
        written = getattr(owner, "text", None)
        if name == "span" and isinstance(written, str) and not isinstance(owner, Notice) and raw != written:
            problems.append(f"{type(owner).__name__}: span slices to {raw!r}, text is {written!r}")
        seen = _squash(normalize(raw).text)
        if isinstance(owner, Section) and name == "heading" and _squash(owner.title) not in seen:
            problems.append(f"Section {owner.path}: heading {raw!r} lacks title {owner.title!r}")
        if isinstance(owner, Assignment) and name == "span" and _squash(owner.unit) != seen:
            problems.append(f"Assignment: span slices to {raw!r}, unit is {owner.unit!r}")
        if isinstance(owner, Reference) and owner.title and _squash(owner.title) not in seen:
            problems.append(f"Reference: span slices to {raw!r}, title is {owner.title!r}")
    return problems


def path_problems(notice: Notice) -> list[str]:
    """Section paths unique; each child's path extends its parent's."""
    problems = []
    seen: set[str] = set()

    def walk(sections: list[Section], parent: str | None) -> None:
        for s in sections:
            if s.path in seen:
                problems.append(f"duplicate path {s.path}")
            seen.add(s.path)
            if parent is not None and not s.path.startswith(parent + "/"):
                problems.append(f"{s.path} does not extend its parent {parent}")
            walk(s.children, s.path)

    walk(notice.sections, None)
    return problems
