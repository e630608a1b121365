"""Cited documents: 《title》 with the document number given beside it, and numbers cited alone.

Decisions (FORMAT.md, gold NOTES):

- Every distinct 《》 title is a reference, listed once in order of first appearance; a
  number found beside any of its occurrences is kept.
- A title nested in another (《…<纲要>…》, 《…〈…〉…》, 《…《…》…》) stays inside it as written
  and is not listed on its own.
- The notice's own title in 《》 (a page header) is not a citation; neither is the notice's
  own number beside a title (the plan it carries gets no number).
- A short name introduced by 简称 (``(以下简称《条例》)``) is an alias, not a document.
- A number cited with no title (``根据国办发〔2018〕5号文件``) is a reference with title None,
  unless it is the notice's own number or already given beside a title.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from .lexicon import references as lx
from .located import Located
from .models import DocNumber, Reference, validate_list
from .normalize import Normalized

_WS = regex.compile(r"\s+")


def _key(title: str) -> str:
    return str(_WS.sub("", title)).strip("《》")


def _brackets(text: str) -> Iterator[tuple[int, bool]]:
    """(position, is 《) of every 《 and 》 in order: what ``TITLE_BRACKETS.finditer`` finds,
    from two one-character ``str.find`` chains, which skip Han text far faster than a regex
    scan for a character class does."""
    find = text.find
    o, c = find(lx.TITLE_OPEN), find(lx.TITLE_CLOSE)
    while o >= 0 or c >= 0:
        if c < 0 or 0 <= o < c:
            yield o, True
            o = find(lx.TITLE_OPEN, o + 1)
        else:
            yield c, False
            c = find(lx.TITLE_CLOSE, c + 1)


def title_spans(text: str) -> list[tuple[int, int]]:
    """(start of 《, end after 》) of every outermost 《…》 in ``text``, in order."""
    out: list[tuple[int, int]] = []
    depth = 0
    open_at = -1
    for pos, opens in _brackets(text):
        if opens:
            if depth and pos - open_at > lx.TITLE_MAX:
                depth = 0  # the earlier 《 never closed: start again here
            if depth == 0:
                open_at = pos
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0 and pos - open_at <= lx.TITLE_MAX:
                out.append((open_at, pos + 1))
    return out


def _number_after(
    text: str, close_end: int, by_start: dict[int, Located[DocNumber]]
) -> Located[DocNumber] | None:
    gap = lx.GAP_AFTER.match(text, close_end)
    return by_start.get(gap.end()) if gap else None


def _number_before(
    text: str, open_at: int, by_end: dict[int, Located[DocNumber]]
) -> Located[DocNumber] | None:
    pos = open_at
    while pos > 0 and text[pos - 1] in " \t\n":
        pos -= 1
    return by_end.get(pos)


def find_references(
    norm: Normalized,
    numbers: list[Located[DocNumber]],
    own_number: DocNumber | None,
    own_title: str | None = None,
) -> list[Located[Reference]]:
    """Every distinct cited document, in order of first appearance."""
    text = norm.text
    own_key = _key(own_title) if own_title else None
    own_norm = own_number.normalized if own_number else None
    by_start = {n.start: n for n in numbers}
    by_end = {n.end: n for n in numbers}
    spans = title_spans(text) if "《" in text else []

    # Records validated in one call at the end (the checks of building each Reference and
    # its Span on its own); a number found later beside a repeated title fills its record.
    records: list[dict[str, object]] = []
    where: list[tuple[int, int]] = []
    index: dict[str, int] = {}
    aliases: set[str] = set()
    claimed: set[str] = set()
    inside: list[tuple[int, int]] = []
    after_title: set[int] = set()
    for s, e in spans:
        title = _WS.sub("", text[s + 1 : e - 1])
        key = _key(title)
        inside.append((s, e))
        if not key or key == own_key:
            continue
        if lx.ALIAS_CUE.search(text, max(0, s - lx.ALIAS_WINDOW), s):
            aliases.add(key)
        if key in aliases:
            continue
        num = _number_after(text, e, by_start)
        if num is not None:
            after_title.add(num.start)
        else:
            num = _number_before(text, s, by_end)
            if num is not None and num.start in after_title:
                num = None
        if num is not None and num.item.normalized == own_norm:
            num = None
        if num is not None:
            claimed.add(num.item.normalized)
        if key in index:
            record = records[index[key]]
            if record["doc_number"] is None and num is not None:
                record["doc_number"] = num.item
            continue
        index[key] = len(records)
        span_start, span_end = norm.bounds(s, e)
        records.append({
            "title": title,
            "doc_number": num.item if num else None,
            "span": {"start": span_start, "end": span_end},
        })
        where.append((s, e))

    seen_numbers: set[str] = set()
    for n in numbers:
        normalized = n.item.normalized
        if normalized == own_norm or normalized in claimed or normalized in seen_numbers:
            continue
        if any(s <= n.start < e for s, e in inside):
            continue
        seen_numbers.add(normalized)
        records.append({"title": None, "doc_number": n.item, "span": n.item.span})
        where.append((n.start, n.end))
    if not records:
        return []
    items = validate_list(Reference, records)
    refs = [Located(item, start, end) for item, (start, end) in zip(items, where, strict=True)]
    refs.sort(key=lambda r: r.start)
    return refs

