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

from .dates import cut_to_month, dates_in
from .lexicon import phases as lx
from .located import Located
from .models import DateMention, Phase
from .normalize import Normalized
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


def find_phases(
    norm: Normalized, outline: Outline, dates: list[Located[DateMention]]
) -> list[Located[Phase]]:
    """Every named stage, in order."""
    text = norm.text
    if "阶段" not in text:
        return []
    found: list[tuple[int, int, int, int, str]] = []  # start, end, date start, date end, name
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return not any(a < e and s < b for a, b in taken)

    for pattern in (lx.ORDINAL_NAMED, lx.ORDINAL_ONLY, lx.NAMED):
        for m in pattern.finditer(text):
            if not free(m.start(), m.end()):
                continue
            found.append((m.start(), m.end(), m.start("date"), m.end("date"), m.group("name").strip()))
            taken.append((m.start(), m.end()))
    for m in lx.NAMED_COLON.finditer(text):
        if not free(m.start(), m.end()):
            continue
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end < 0 else line_end
        first = next((d for d in dates if d.start >= m.end()), None)
        if first is None or first.start != m.end() or first.end > line_end:
            continue
        found.append((m.start(), first.end, first.start, first.end, m.group("name")))
        taken.append((m.start(), first.end))

    out: list[Located[Phase]] = []
    for start, end, ds, de, name in sorted(found):
        if lx.GENERIC.match(name):
            continue
        bounds = stage_bounds([d.item for d in dates_in(norm, ds, de, dates)])
        if bounds is None:
            continue
        name_start = text.find(name, start, end)
        item = Phase(
            path=outline.path_at(name_start if name_start >= 0 else start),
            name=name,
            start=bounds[0],
            end=bounds[1],
            text=norm.raw(start, end),
            span=norm.span(start, end),
        )
        out.append(Located(item, start, end))
    return out
