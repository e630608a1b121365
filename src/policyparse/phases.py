"""Named stages of a plan's timeline with their start and end.

Forms read (gold 000–002):

- ``启动建设阶段(2017年):…`` — a stage named by a phrase ending in 阶段, dated in brackets;
- ``(一)准备阶段(2022年7月—9月)`` / ``1.动员启动阶段(2017年7月?2017年12月)`` — the same as a
  heading; the path is then the heading's own section;
- ``第一阶段:编制改革方案(2017年7月—2017年12月)`` — the name is the text after
  ``第N阶段:`` and before the date, not the ordinal (which repeats across sections);
- ``准备阶段:2022年7月—9月…`` — the dates after the colon.

``start``/``end`` are ``YYYY`` or ``YYYY-MM``: a range gives both (an end without its year
takes the start's); one date gives both ends unless a qualifier bounds it on one side
(``(2017年8月以前)`` → start None, end 2017-08; ``2018年起`` → end None). A bracket with no
date in it (``阶段(试行)``) is not a stage. ``path`` is the innermost section holding it.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

import regex

from .dates import cut_to_month, dates_in
from .lexicon import phases as lx
from .located import Located
from .models import DateMention, Phase, validate_list
from .normalize import Normalized, matches_at
from .sections import Outline


def stage_bounds(mentions: list[DateMention]) -> tuple[str | None, str | None] | None:
    """Start and end of a stage dated by ``mentions`` (in order); None if none is dated."""
    dated = [m for m in mentions if m.value is not None]
    if not dated:
        return None
    first, last = dated[0], dated[-1]
    if len(dated) == 1:
        if first.precision == "range":
            return cut_to_month(first.value), cut_to_month(first.end)
        if first.qualifier in lx.END_ONLY:
            return None, cut_to_month(first.value)
        if first.qualifier in lx.START_ONLY:
            return cut_to_month(first.value), None
        return cut_to_month(first.value), cut_to_month(first.value)
    end = last.end if last.precision == "range" else last.value
    return cut_to_month(first.value), cut_to_month(end)


class DateIndex:
    """A notice's dates looked up by place.

    find_dates lists them by start, so the first date at or after a place and the dates
    that may lie inside a bracket are found by bisection instead of a pass over all of them
    per stage. A list in any other order (or ``ordered=False``) is read whole, as before.
    """

    __slots__ = ("dates", "ordered", "starts")

    def __init__(self, dates: list[Located[DateMention]], ordered: bool | None = None) -> None:
        self.dates = dates
        self.starts = [d.start for d in dates]
        self.ordered = self.starts == sorted(self.starts) if ordered is None else ordered

    def first_from(self, pos: int) -> Located[DateMention] | None:
        """The first date (in list order) starting at or after ``pos``."""
        if self.ordered:
            i = bisect_left(self.starts, pos)
            return self.dates[i] if i < len(self.dates) else None
        return next((d for d in self.dates if d.start >= pos), None)

    def around(self, start: int, end: int) -> list[Located[DateMention]]:
        """A part of the list holding every date that lies inside ``start:end``."""
        if self.ordered:
            return self.dates[bisect_left(self.starts, start) : bisect_right(self.starts, end)]
        return self.dates


def stage_starts(text: str) -> tuple[set[int], set[int]]:
    """Where the ORDINAL_* and the NAMED* patterns can start a match.

    Each match holds 阶段, so the patterns are tried only around its occurrences (with
    ``matches_at``, which keeps finditer's leftmost, non-overlapping matches) rather than at
    every character. An ordinal stage starts on the 第 just before its 阶段. A named stage's
    name is a run of name characters up to a 阶段, after a character that is none (the
    look-behind), so it starts where that run starts, at most NAME_MAX characters back.
    """
    ordinal: set[int] = set()
    named: set[int] = set()
    head, rest = lx.STAGE_WORD[0], lx.STAGE_WORD[1:]
    at = text.find(head)
    while at >= 0:
        if text.startswith(rest, at + 1):
            # Only the last 第 before the ordinal can start one (第 is no ordinal character).
            mark = text.rfind(lx.ORDINAL_MARK, max(0, at - 1 - lx.ORDINAL_MAX), at - 1)
            if mark >= 0:
                ordinal.add(mark)
            back = lx.NAME_BACK.match(text, 0, at)
            if back is not None:
                named.add(back.start())
        at = text.find(head, at + 1)
    return ordinal, named


def only_starts(ordinal_starts: set[int], ordinal_named: list[regex.Match[str]]) -> set[int]:
    """Where ORDINAL_ONLY can still match: not where ORDINAL_NAMED did, since one needs a
    colon where the other needs a bracket after the same 第N阶段."""
    return ordinal_starts - {m.start() for m in ordinal_named}


def find_phases(
    norm: Normalized, outline: Outline, dates: list[Located[DateMention]]
) -> list[Located[Phase]]:
    """Every named stage, in order."""
    text = norm.text
    ordinal_starts, named_starts = stage_starts(text)
    if not ordinal_starts and not named_starts:
        return []
    found: list[tuple[int, int, int, int, str]] = []  # start, end, date start, date end, name
    taken: list[tuple[int, int]] = []

    index = DateIndex(dates)

    def free(s: int, e: int) -> bool:
        # A plain loop: a generator under any() or all() costs a frame per call.
        for a, b in taken:
            if a < e and s < b:
                break
        else:
            return True
        return False

    ordinal_named = matches_at(lx.ORDINAL_NAMED, text, ordinal_starts)
    passes = (
        ordinal_named,
        matches_at(lx.ORDINAL_ONLY, text, only_starts(ordinal_starts, ordinal_named)),
        matches_at(lx.NAMED, text, named_starts),
    )
    for matches in passes:
        for m in matches:
            start, end = m.span()
            if not free(start, end):
                continue
            date_start, date_end = m.span("date")
            found.append((start, end, date_start, date_end, m.group("name").strip()))
            taken.append((start, end))
    for m in matches_at(lx.NAMED_COLON, text, named_starts):
        if not free(m.start(), m.end()):
            continue
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end < 0 else line_end
        first = index.first_from(m.end())
        if first is None or first.start != m.end() or first.end > line_end:
            continue
        found.append((m.start(), first.end, first.start, first.end, m.group("name")))
        taken.append((m.start(), first.end))

    records: list[dict[str, object]] = []
    where: list[tuple[int, int]] = []
    for start, end, ds, de, name in sorted(found):
        if lx.GENERIC.match(name):
            continue
        bounds = stage_bounds([d.item for d in dates_in(norm, ds, de, index.around(ds, de))])
        if bounds is None:
            continue
        name_start = text.find(name, start, end)
        s, e = norm.bounds(start, end)
        records.append({
            "path": outline.path_at(name_start if name_start >= 0 else start),
            "name": name,
            "start": bounds[0],
            "end": bounds[1],
            # ``norm.raw(start, end)``: the same original range ``bounds`` just gave.
            "text": norm.original[s:e],
            "span": {"start": s, "end": e},
        })
        where.append((start, end))
    if not records:
        return []
    items = validate_list(Phase, records)
    return [Located(item, start, end) for item, (start, end) in zip(items, where, strict=True)]

