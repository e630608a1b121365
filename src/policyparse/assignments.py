"""Responsibility clauses: who leads, who is responsible, who cooperates.

Three shapes of clause are read, each giving one ``Assignment`` per unit per clause:

- **Bracketed** at the end of a task or in a heading: ``〔责任单位:…;配合单位:…〕``,
  ``(责任单位:…)``, ``[牵头单位:…;责任单位:…]``, ``【…】``, and the unlabelled forms whose
  verb gives the role: ``(市发展改革委牵头,市财政局、市商务局配合)``,
  ``(省科技厅、工业和信息化厅按职责分工负责)``, ``(各地级以上市人民政府结合实际落实)``. An
  unlabelled bracket counts only if every segment is a list of unit names followed by a role
  verb, so asides such as ``(承担应急抢险任务的车辆除外)`` are left alone.
- **Own-line labels** after a task (Qingdao): ``牵头单位:…`` / ``责任单位:…`` lines, or a
  label that opens a sentence of its own. Consecutive label lines form one clause.
- **Task tables** (任务分解表, 重点任务清单): Markdown ``|`` rows read by their header
  (牵头部门 / 主责单位 / 配合单位 / 协办单位 / 完成时限 …). Crawled rows are ragged (merged
  cells dropped), so a row shorter than the header is anchored on its deadline cell: the
  cells after it are the role columns in header order. Single-cell rows are section rows and
  give no records. A TAB inside a cell (a ``<br>``) separates units, except where it breaks one
  name (``丽泽金融商务区<br>管委会``): pieces are joined back when the first does not end like a
  body's name, the second is a bare suffix, or the joined name occurs elsewhere in the notice.

Paths: a clause attaches to the innermost section containing its first character
(``outline.path_at``), which is the task it closes, the task above a clause that follows a
paragraph break, or the heading's own path for ``一、强化科技创新(区科技局牵头)``. Table rows
attach the same way: the table's own single-cell section rows become paths only if the
sections stage reads them as headings, so that every assignment path names a section of the
notice. A clause before the first heading attaches to the root (path None) with a warning.

Prose that only mentions bodies (``由X会同Y…``, ``X要加强…``, ``…是责任单位的职责``) is not a
clause: labels need their colon and unlabelled clauses their brackets.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from operator import attrgetter
from typing import NamedTuple

import regex

from .lexicon import orgunits as olx
from .lexicon import roles as rl
from .models import Assignment, Role, Span, validate_list
from .normalize import Normalized
from .orgunits import (
    alias_key,
    cut_trailing,
    looks_like_unit,
    place_namer,
    prefix_of,
    split_units,
    understand,
)
from .sections import Outline

BRACKET_LIMIT = 800  # a clause longer than this is not a clause (and bounds the bracket scan)
_TABLE_LINE = regex.compile(r"(?m)^[ \t]*\|.*$")
_BRACKET_OR_BREAK = regex.compile(r"[(〔\[【)〕\]】]|\n\n")
_DIGIT = regex.compile(r"\d")
_NOT_IN_TABLE_UNIT = frozenset("。的:;!?")  # task text shifted into a role column holds one
_TRIM_END = frozenset(" \t\n;,。.、")  # what ``_trim`` and ``_unlabelled_parts`` strip from an end
# The last characters of an item that ``cut_trailing`` may shorten (its own gate, read here
# to spare the call for the rest).
_CUT_LAST = rl.TRAILING_VERB_LAST | rl.TRAILING_ETC_LAST
_SEGMENT_SEP = re.compile("[,;]")  # what splits an unlabelled clause outside brackets
_STRONG = olx.STRONG_SEPARATOR_CHARS
# What a unit that ``rl.EMPTY_CELL`` matches can open with: one of its characters or white space.
_BLANK_FIRST = rl.EMPTY_CELL_FIRST | rl.WHITE_SPACE
_PREFIX_CHARS = olx.PREFIX_CHARS
_PREFIX_NOT_BEFORE = olx.PREFIX_NOT_BEFORE


@dataclass(slots=True)
class _Part:
    role: str  # a Role, or rl.DEADLINE
    start: int  # normalised offsets of the list (or deadline) text
    end: int
    soft_tabs: bool = False  # a table cell: TAB may break a name


@dataclass(slots=True)
class _Clause:
    start: int
    end: int
    parts: list[_Part] = field(default_factory=list)


def find_assignments(
    norm: Normalized,
    outline: Outline,
    aliases: Mapping[str, str] | None = None,
) -> tuple[list[Assignment], list[str]]:
    """Assignments in reading order, and warnings for clauses that could not be placed.

    ``aliases`` maps a unit's spelling (``full`` or as written) to the canonical name a user
    pinned (see ``policyparse units --aliases``); matching assignments carry it in ``canonical``.
    """
    text = norm.text
    if aliases:
        aliases = {alias_key(k): v for k, v in aliases.items()}
    labels = _Labels(text)
    clauses = _bracket_clauses(text, labels)
    taken = [(c.start, c.end) for c in clauses]
    clauses += _line_clauses(text, taken, labels)
    clauses += _table_clauses(text)
    clauses.sort(key=attrgetter("start"))
    first_is_lead = rl.FIRST_IS_LEAD.search(text) is not None
    lists = _Lists(place_namer(text))
    records: list[dict[str, object]] = []
    warnings: list[str] = []
    # Every clause's span (shared by its records) from one validation, like the records: a
    # ``Span`` built per clause costs more than the few spans of clauses that name no unit.
    # A clause is never empty: its bounds are the start of its first character and the end of
    # its last (``Normalized.bounds``, read from the offset maps directly).
    starts, ends = norm.starts, norm.ends
    clause_spans = validate_list(Span, [{"start": starts[c.start], "end": ends[c.end - 1]} for c in clauses])
    node_at = outline.node_at
    for clause, clause_span in zip(clauses, clause_spans, strict=True):
        node = node_at(clause.start)
        path = node.path if node is not None else None  # ``outline.path_at``
        before = len(records)
        _assignments_of(norm, clause, clause_span, path, first_is_lead, lists, aliases, records)
        if len(records) == before:
            continue
        if path is None:
            warnings.append(
                f"responsibility clause at {clause_span.start} is before the first "
                f"section; attached to the document root: {_clip(text[clause.start : clause.end])}"
            )
    # All records of the notice in one validation: the same checks as one call per record,
    # without the cost of a call per record.
    return validate_list(Assignment, records), warnings




def apply_aliases(assignments: list[Assignment], aliases: Mapping[str, str]) -> list[Assignment]:
    """Copies of ``assignments`` with ``canonical`` set from a user's alias mapping.

    For callers that parse first and apply an alias file afterwards (``policyparse units``,
    batch runs), so that the pipeline itself never needs one.
    """
    keyed = {alias_key(k): v for k, v in aliases.items()}
    return [a.model_copy(update={"canonical": _canonical(a.unit, a.full, keyed)}) for a in assignments]


def _canonical(unit: str, full: str, aliases: Mapping[str, str] | None) -> str | None:
    """The pinned name of a unit; ``aliases`` keys are already ``alias_key``-ed."""
    if not aliases:
        return None
    return aliases.get(alias_key(full)) or aliases.get(alias_key(unit))


def _clip(s: str, n: int = 40) -> str:
    s = s.replace("\n", " ")
    return s if len(s) <= n else s[:n] + "…"


# --- bracketed clauses -----------------------------------------------------------------------


def _matching_close(text: str, open_pos: int) -> int | None:
    """Index of the bracket closing the one at ``open_pos``; None if unclosed within the limit."""
    stack = [rl.OPEN_CLOSE[text[open_pos]]]
    end = min(len(text), open_pos + BRACKET_LIMIT)
    for m in _BRACKET_OR_BREAK.finditer(text, open_pos + 1, end):
        ch = m.group()
        if ch in rl.OPEN_CLOSE:
            stack.append(rl.OPEN_CLOSE[ch])
        elif ch == stack[-1]:
            stack.pop()
            if not stack:
                return int(m.start())
        elif ch == "\n\n":
            return None  # a paragraph break: the bracket was never closed
    return None


def _nested_close(text: str, open_pos: int) -> int | None:
    """``_matching_close``, read by one match where the bracket holds only flat pairs (most
    brackets that hold any), else walked."""
    m = rl.NESTED_CONTENT.match(text, open_pos + 1)
    k = m.end() if m else open_pos + 1  # (it matches the empty string too)
    if k < len(text) and text[k] == rl.OPEN_CLOSE[text[open_pos]]:
        return k if k - open_pos < BRACKET_LIMIT else None
    return _matching_close(text, open_pos)


class _Labels:
    """Every match of ``rl.LABEL`` in a text, as ``LABEL.finditer`` gives them, in one pass.

    Found from the colons (see ``rl.LABEL_COLON``). The matches of ``LABEL`` inside a range
    (``finditer(text, s, e)``) are the ones here that lie wholly inside it whenever no match
    straddles ``s``, which holds at every place it is asked about: after a bracket, a line
    break or a label's colon, none of which a label word contains.
    """

    def __init__(self, text: str) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.words: list[str] = []
        # Looked up once: the loop runs for every colon of the notice.
        find, mark, gap, lengths, roles = text.find, rl.LABEL_COLON, rl.LABEL_GAP, rl.LABEL_LENGTHS, rl.LABEL_ROLE
        colon = find(mark)
        while colon >= 0:
            x = colon
            while x > 0 and text[x - 1] in gap:
                x -= 1
            for n in lengths:  # longest first: the leftmost start
                word = text[x - n : x]
                if x >= n and word in roles:
                    self.starts.append(x - n)
                    self.ends.append(colon + 1)
                    self.words.append(word)
                    break
            colon = find(mark, colon + 1)
        self.index = {start: k for k, start in enumerate(self.starts)}  # of the label at a start

    def first_from(self, start: int) -> int:
        """Index of the first label that starts at or after ``start``."""
        return bisect.bisect_left(self.starts, start)

    def inside(self, start: int, end: int) -> range:
        """Indices of the labels wholly inside ``start:end``."""
        k = j = bisect.bisect_left(self.starts, start)
        # Labels do not overlap, so past the first one that does not fit, none does.
        while j < len(self.starts) and self.ends[j] <= end:
            j += 1
        return range(k, j)


def _bracket_clauses(text: str, labels: _Labels) -> list[_Clause]:
    out: list[_Clause] = []
    last_end = -1
    # Every opener in order but the asides; one holding no other bracket and no paragraph break
    # comes with its closer, which is where ``_matching_close`` would stop. Only the others walk.
    # A kind of opener the text lacks is not scanned for: the scan costs more than the look.
    scans = [starts for opener, starts in zip(rl.OPEN_CLOSE, rl.BRACKET_STARTS, strict=True) if opener in text]
    for i, j in sorted(m.span() for starts in scans for m in starts.finditer(text)):
        if i < last_end:
            continue
        if j - i > 1:
            close: int | None = j - 1 if j - 1 - i < BRACKET_LIMIT else None
        else:
            close = _nested_close(text, i)
        if close is None:
            clause = _unclosed(text, i, labels)
        else:
            parts = _parse_content(text, i + 1, close, labels)
            clause = _Clause(i, close + 1, parts) if parts else None
        if clause is not None:
            out.append(clause)
            last_end = clause.end
    return out


def _unclosed(text: str, i: int, labels: _Labels) -> _Clause | None:
    """An unclosed bracket is read only when a label opens it, and only to the end of its sentence."""
    k = labels.first_from(i + 1)
    if k == len(labels.starts) or labels.starts[k] != i + 1:
        return None
    stop = rl.LINE_PART_END.search(text, labels.ends[k], min(len(text), i + BRACKET_LIMIT))
    end = stop.start() if stop else min(len(text), i + BRACKET_LIMIT)
    parts = _parse_content(text, i + 1, end, labels)
    return _Clause(i, end, parts) if parts else None


def _parse_content(text: str, start: int, end: int, labels: _Labels) -> list[_Part]:
    """The parts of a bracket's content, or [] when it is not a responsibility clause."""
    lead = start
    while lead < end and text[lead] in " \t\n":
        lead += 1
    k = labels.index.get(lead)
    ends = labels.ends
    if k is not None and ends[k] <= end:
        # A label opens the content: ``labels.inside(lead, end)`` runs from it, no bisection.
        j = k + 1
        while j < len(ends) and ends[j] <= end:
            j += 1
        return _labelled_parts(text, labels, range(k, j), end)
    if k is None:
        # Most brackets are asides. Unlabelled, the content must end in a role verb (see
        # ``_unlabelled_parts``), so one that does not is no clause: skip it before reading it.
        last = end
        while last > lead and text[last - 1] in _TRIM_END:
            last -= 1
        if last == lead or text[last - 1] not in rl.VERB_LAST:
            return []
    if labels.inside(lead, end):
        return []  # a label inside that does not open it: no clause
    return _unlabelled_parts(text, lead, end)


def _labelled_parts(text: str, labels: _Labels, inside: range, end: int) -> list[_Part]:
    parts: list[_Part] = []
    starts, ends, words = labels.starts, labels.ends, labels.words
    for k in inside:
        s, e = _trim(text, ends[k], starts[k + 1] if k + 1 < inside.stop else end)
        if e > s:
            parts.append(_Part(rl.LABEL_ROLE[words[k]], s, e))
    return parts


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in " \t\n":
        s += 1
    while e > s and text[e - 1] in _TRIM_END:
        e -= 1
    return s, e


def _unlabelled_parts(text: str, start: int, end: int) -> list[_Part]:
    body = text[start:end]
    # Every segment must end in a role verb, the last one too, and only separators follow it:
    # an aside that does not end in one is no clause, whatever its segments hold.
    if not body.rstrip(" \t\n;,。.、").endswith(rl.VERB_WORDS):
        return []
    pieces, _ = _segments(body)
    parts: list[_Part] = []
    for seg_start, seg_end in pieces:
        s, e = _trim(body, seg_start, seg_end)
        seg = body[s:e]
        m = rl.SEGMENT.match(seg)
        if not m:
            return []
        units_text, verb = m.groups()  # by position: (units, verb)
        items, _ = split_units(units_text)
        if not items:
            return []
        for item in items:
            if not looks_like_unit(cut_trailing(item.text)):
                return []
        us = start + s + m.start(1)
        parts.append(_Part(rl.VERB_ROLE[verb], us, us + len(units_text)))
    return parts


def _segments(body: str) -> tuple[list[tuple[int, int]], int]:
    """Top-level segments of an unlabelled clause, split on , and ; outside brackets."""
    if not olx.OPENER.search(body):
        # No opener, no depth (a stray closer opens nothing): every , and ; splits, and the
        # text between them is found by one scan instead of a step per character.
        return [(s, s + len(seg)) for s, seg in _offsets(_SEGMENT_SEP.split(body)) if seg], 0
    depth = 0
    segs: list[tuple[int, int]] = []
    s = 0
    for i, ch in enumerate(body):
        if ch in olx.BRACKETS:
            depth += 1
        elif ch in olx.CLOSERS and depth:
            depth -= 1
        elif depth == 0 and ch in ",;":
            segs.append((s, i))
            s = i + 1
    segs.append((s, len(body)))
    return [x for x in segs if x[1] > x[0]], depth


def _offsets(pieces: list[str]) -> list[tuple[int, str]]:
    """Each piece of a one-character-separator split with its offset in the string split."""
    out: list[tuple[int, str]] = []
    pos = 0
    for piece in pieces:
        out.append((pos, piece))
        pos += len(piece) + 1
    return out


# --- own-line labelled clauses ---------------------------------------------------------------


def _opens_line(text: str, pos: int) -> bool:
    """Whether a label at ``pos`` opens a line or a sentence (see ``rl.LINE_LABEL``)."""
    q = pos
    while q > 0 and text[q - 1] in rl.LABEL_GAP:
        q -= 1
    return q == 0 or text[q - 1] in rl.LINE_LABEL_AFTER


def _line_clauses(text: str, taken: list[tuple[int, int]], labels: _Labels) -> list[_Clause]:
    out: list[_Clause] = []
    footers = _Footers(text)
    # A label lies in a table line only where its line opens with a bar: a notice without one
    # (most) has no label to look at.
    has_bar = "|" in text
    k = 0
    for li, pos in enumerate(labels.starts):
        # A label inside a bracketed clause (most) is passed first: the cheaper test. Both only
        # pass labels over, and ``taken`` is read in order however many labels skip the look.
        while k < len(taken) and taken[k][1] <= pos:
            k += 1
        if k < len(taken) and taken[k][0] <= pos < taken[k][1]:
            continue
        if not _opens_line(text, pos):
            continue
        if has_bar and _in_table_line(text, pos):
            continue
        if footers.near(pos):
            continue  # the site's 主办单位 in a page footer
        body_start = labels.ends[li]
        limit = min(len(text), body_start + BRACKET_LIMIT)
        stop = rl.LINE_PART_END.search(text, body_start, limit)
        end = stop.start() if stop else limit
        # The next label, if it lies wholly before ``end`` (``LABEL.search`` there).
        if li + 1 < len(labels.starts) and labels.ends[li + 1] <= end:
            end = labels.starts[li + 1]
        s, e = _trim(text, body_start, end)
        if e <= s:
            continue
        part = _Part(rl.LABEL_ROLE[labels.words[li]], s, e)
        prev = out[-1] if out else None
        if prev is not None and not text[prev.end : pos].strip(" \t\n;,。"):
            prev.parts.append(part)
            prev.end = e
        else:
            out.append(_Clause(pos, e, [part]))
    return out


class _Footers:
    """``rl.FOOTER_HINT.search`` of the window around each label, asked in reading order.

    Own-line labels come in runs (牵头单位 / 配合单位 / 完成时限 lines), whose windows overlap.
    Where a window held no footer word, the next one that starts no earlier can hold one only
    if it ends past the first: so only its part within a word's length of that end or after
    it is searched.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.clear = (0, 0)  # a window known to hold no footer word

    def near(self, pos: int) -> bool:
        lo, hi = max(0, pos - rl.FOOTER_WINDOW), pos + rl.FOOTER_WINDOW
        clear_lo, clear_hi = self.clear
        start = max(lo, clear_hi - rl.FOOTER_LONGEST + 1) if clear_lo <= lo < clear_hi else lo
        if rl.FOOTER_HINT.search(self.text, start, hi):
            return True
        self.clear = (lo, hi)
        return False


def _in_table_line(text: str, pos: int) -> bool:
    line_start = text.rfind("\n", 0, pos) + 1
    return text.startswith("|", line_start) or text[line_start:pos].lstrip().startswith("|")


# --- task tables -----------------------------------------------------------------------------


def _cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cell (start, end) offsets of one ``|`` row, trimmed, trailing empty cells dropped."""
    line = text[start:end]
    first = line.find("|")
    last = line.rstrip().rfind("|")
    if first < 0:
        return []
    inner_start = start + first + 1
    inner_end = start + last if last > first else end
    cells: list[tuple[int, int]] = []
    s = inner_start
    while s <= inner_end:
        bar = text.find("|", s, inner_end)
        stop = inner_end if bar < 0 else bar
        raw = text[s:stop]
        lead = len(raw) - len(raw.lstrip(" \t"))
        cs, ce = s + lead, s + len(raw.rstrip(" \t"))
        cells.append((cs, max(cs, ce)))
        s = stop + 1
    while cells and cells[-1][1] <= cells[-1][0]:
        cells.pop()
    return cells


def _tables(text: str) -> list[list[tuple[int, int]]]:
    """Runs of ``|`` lines (line spans); one blank line inside a run does not end it."""
    tables: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    prev_end = -10
    for m in _TABLE_LINE.finditer(text):
        gap = text[prev_end : m.start()]
        if current and (gap.count("\n") > 2 or gap.strip()):
            tables.append(current)
            current = []
        current.append((m.start(), m.end()))
        prev_end = m.end()
    if current:
        tables.append(current)
    return tables


def _header(text: str, rows: list[tuple[int, int]]) -> tuple[int, list[str | None]] | None:
    """Index of the header row and the role (or deadline) of each of its columns."""
    for k, (s, e) in enumerate(rows[:6]):
        cells = _cells(text, s, e)
        roles: list[str | None] = []
        for cs, ce in cells:
            cell = text[cs:ce]
            role = None
            if len(cell) <= 12:
                role = next((r for pat, r in rl.TABLE_HEADER_ROLE if pat.search(cell)), None)
            roles.append(role)
        if any(r is not None and r != rl.DEADLINE for r in roles):
            return k, roles
    return None


def _has_table_line(text: str) -> bool:
    """Whether ``_TABLE_LINE`` matches anywhere: a ``|`` with only spaces and tabs before it on
    its line. Read from the bars (few outside tables) instead of a scan trying every line start:
    a notice with a stray bar and no table is spared the scan."""
    bar = text.find("|")
    while bar >= 0:
        line_start = text.rfind("\n", 0, bar) + 1
        if not text[line_start:bar].strip(" \t"):
            return True
        bar = text.find("|", bar + 1)
    return False


def _table_clauses(text: str) -> list[_Clause]:
    if not _has_table_line(text):
        return []
    out: list[_Clause] = []
    for rows in _tables(text):
        found = _header(text, rows)
        if found is None:
            continue
        head, roles = found
        ncols = len(roles)
        dl_col = roles.index(rl.DEADLINE) if rl.DEADLINE in roles else None
        for s, e in rows[head + 1 :]:
            cells = _cells(text, s, e)
            if len(cells) <= 1:
                continue  # a section row or an empty row
            cols = _align(text, cells, ncols, dl_col)
            parts: list[_Part] = []
            for col, (cs, ce) in cols:
                role = roles[col] if 0 <= col < ncols else None
                if role is None or ce <= cs or rl.EMPTY_CELL.match(text[cs:ce]):
                    continue
                if role != rl.DEADLINE and not _unit_cell(text[cs:ce]):
                    continue  # a ragged row put task text under a role column
                parts.append(_Part(role, cs, ce, soft_tabs=True))
            if any(p.role != rl.DEADLINE for p in parts):
                first = min(p.start for p in parts)
                out.append(_Clause(first, max(p.end for p in parts), parts))
    return out


def _unit_cell(cell: str) -> bool:
    """Whether a table cell reads as a list of units (not task text shifted into the column)."""
    items, _ = split_units(cell)
    return bool(items) and all(_table_unit(cut_trailing(p.text)) for p in items)


def _table_unit(unit: str) -> bool:
    if not unit or rl.EMPTY_CELL.match(unit):
        return True
    if len(unit) > 30 or not _NOT_IN_TABLE_UNIT.isdisjoint(unit) or _DIGIT.search(unit):
        return False
    return looks_like_unit(unit) or len(unit) <= 8


def _align(
    text: str, cells: list[tuple[int, int]], ncols: int, dl_col: int | None
) -> list[tuple[int, tuple[int, int]]]:
    """Each cell with its header column: by position when the row is whole, else anchored."""
    if len(cells) == ncols:
        return list(enumerate(cells))
    if dl_col is not None:
        for k, (cs, ce) in enumerate(cells):
            if ce > cs and k <= dl_col and rl.DEADLINE_CELL.match(text[cs:ce]):
                return [(dl_col + (j - k), c) for j, c in enumerate(cells) if j >= k]
    shift = ncols - len(cells)
    return [(j + shift, c) for j, c in enumerate(cells)]


# --- from a clause to assignments ------------------------------------------------------------


class _Read(NamedTuple):
    """The units of one list: texts, offsets in the list's body, groups (``understand``'s
    input), and the first place prefix they carry. Parallel lists rather than one object per
    unit: a notice's lists are read unit by unit and the units are only ever read by position."""

    texts: list[str]
    starts: list[int]
    ends: list[int]
    groups: list[int]
    prefix: str | None


class _Lists:
    """The unit lists of one notice read so far. A notice names the same lists again and again
    (市发展改革委牵头 under task after task), so each distinct list is split, and each distinct
    list of units understood, once; the answers depend only on the list and the notice."""

    def __init__(self, names_place: Callable[[str], bool]) -> None:
        self.names_place = names_place
        # Keyed by the list as written (and whether TAB may break a name), which decides its
        # units: cheaper to hash than the units themselves; ``fulls`` also by the prefix a list
        # without one borrows.
        self.units: dict[tuple[str, bool], _Read] = {}
        self.fulls: dict[tuple[tuple[str, bool], str | None], list[str]] = {}


def _units_of(text: str, body: str, soft_tabs: bool) -> _Read:
    """The units of one list ``body`` of ``text``; TAB-broken names joined where ``soft_tabs``."""
    if not soft_tabs:
        # The two lists ``split_units`` reads with one scan: no brackets, or flat pairs only.
        if not olx.OPENER.search(body):
            return _plain_units(body, olx.LIST_ITEM)
        if olx.FLAT_PAIRS.fullmatch(body):
            return _plain_units(body, olx.LIST_ITEM_PAIRED)
    pieces, _ = split_units(body)
    texts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    groups: list[int] = []
    prefix = None
    for piece, start, _end, sep, group in pieces:
        # Most items end in neither a verb phrase nor an 等 (``cut_trailing``'s own gate).
        cut = cut_trailing(piece) if piece[-1:] in _CUT_LAST else piece
        if soft_tabs and texts and sep.strip(" \t") == "" and _joins(text, texts[-1], cut):
            texts[-1] += cut
            ends[-1] = start + len(cut)
            continue
        if not cut or ((cut[0] in rl.EMPTY_CELL_FIRST or cut[0].isspace()) and rl.EMPTY_CELL.match(cut)):
            continue
        texts.append(cut)
        starts.append(start)
        ends.append(start + len(cut))
        groups.append(group)
        if prefix is None and not soft_tabs:
            prefix = prefix_of(cut)
    if soft_tabs:
        # Read from the names as joined (a lone 区 joined to 县政府 no longer carries one).
        prefix = next((pf for t in texts if (pf := prefix_of(t)) is not None), None)
    return _Read(texts, starts, ends, groups, prefix)


def _plain_units(body: str, pattern: re.Pattern[str]) -> _Read:
    """``_units_of`` a list that no TAB may break and that ``split_units`` splits by one scan
    of ``pattern`` (most lists), read in that scan (the same as ``orgunits._split_plain``, to
    which the tests hold it) instead of building a ``Piece`` for each item and reading the
    pieces after."""
    texts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    groups: list[int] = []
    prefix = None
    group = pos = 0
    split = False  # whether an item was split off before (a strong separator then opens a group)
    for sep, piece in pattern.findall(body):
        start = pos + len(sep)
        pos = start + len(piece)
        # Most separators are a lone 、, which opens no group: only the others are looked into
        # (cheaper than a look at every character of the list for a strong one first).
        if split and sep != "、" and not _STRONG.isdisjoint(sep):
            group += 1
        split = True
        cut = cut_trailing(piece) if piece[-1:] in _CUT_LAST else piece
        # An item can be an empty cell (—, 无) only if it opens with a character one opens with.
        if not cut or (cut[0] in _BLANK_FIRST and rl.EMPTY_CELL.match(cut)):
            continue
        texts.append(cut)
        starts.append(start)
        ends.append(start + len(cut))
        groups.append(group)
        if prefix is None and cut[0] in _PREFIX_CHARS and cut[1:2] not in _PREFIX_NOT_BEFORE:
            prefix = cut[0]  # ``prefix_of``, written out: asked of every unit up to the first prefix
    return _Read(texts, starts, ends, groups, prefix)


def _joins(text: str, prev: str, piece: str) -> bool:
    """Whether a TAB inside a table cell broke one name (see the module docstring)."""
    if not piece:
        return False
    if not olx.ORG_SUFFIX.search(prev) and not olx.JOINT_LEVELS.fullmatch(prev):
        return True
    if olx.SHARED_SUFFIX.fullmatch(piece) or piece in ("服务中心", "中心", "分局", "分公司", "支队", "大队"):
        return True
    return prev + piece in text


def _assignments_of(
    norm: Normalized,
    clause: _Clause,
    clause_span: Span,
    path: str | None,
    first_is_lead: bool,
    lists: _Lists,
    aliases: Mapping[str, str] | None,
    out: list[dict[str, object]],
) -> None:
    """Appends to ``out`` the records (to validate) of the units of one clause."""
    text = norm.text
    # (part, its list as written and whether TAB may break a name, its units) of each role part
    # that names a unit, and the first deadline part.
    read: list[tuple[_Part, tuple[str, bool], _Read]] = []
    deadline_part = None
    clause_prefix = None  # the first place prefix of the clause's lists
    has_lead = False  # whether a list is labelled lead
    known = lists.units
    for p in clause.parts:
        if p.role == rl.DEADLINE:
            if deadline_part is None:
                deadline_part = p
            continue
        if p.role == rl.LEAD:
            has_lead = True
        key = (text[p.start : p.end], p.soft_tabs)
        r = known.get(key)
        if r is None:
            r = known[key] = _units_of(text, key[0], p.soft_tabs)
        if r.texts:
            read.append((p, key, r))
            if clause_prefix is None:
                clause_prefix = r.prefix
    if not read:
        return
    if deadline_part is not None:
        deadline: str | None = _written(norm, deadline_part.start, deadline_part.end)
        deadline_value = _deadline_value(text[deadline_part.start : deadline_part.end])
    else:
        deadline = deadline_value = None
    # The first unit of a 责任单位 list leads where the notice says so and no list is labelled lead.
    promote = first_is_lead and not has_lead
    clause_text = norm.original[clause_span.start : clause_span.end]  # ``norm.raw`` of the clause
    # ``Normalized.bounds`` of a unit's range, read from its offset maps directly: a unit is
    # never empty, so its bounds are the start of its first character and the end of its last.
    starts, ends = norm.starts, norm.ends
    understood = lists.fulls
    # Each record is a copy of the clause's, its unit's own fields set: cheaper than building
    # all ten entries per unit.
    clause_record: dict[str, object] = {
        "path": path,
        "role": None,
        "unit": None,
        "full": None,
        "canonical": None,
        "clause": clause_text,
        "deadline": deadline,
        "deadline_value": deadline_value,
        "span": None,
        "clause_span": clause_span,
    }
    copy, append = clause_record.copy, out.append  # (bound once: called per unit)
    for part, key, r in read:
        # A list whose items carry no place prefix borrows the first prefix of the clause's lists.
        understood_key = (key, clause_prefix)
        fulls = understood.get(understood_key)
        if fulls is None:
            fulls = understood[understood_key] = understand(
                r.texts, r.groups, fallback_prefix=clause_prefix, names_place=lists.names_place
            )
        clause_record["role"] = _ROLES.get(part.role, "responsible")
        first = len(out)
        base = part.start
        for unit, s, e, full in zip(r.texts, r.starts, r.ends, fulls, strict=True):
            # ``unit`` is the normalised reading (widths folded, stray spaces gone): what the
            # span normalises to, and the same spelling whether the notice came as full-width
            # HTML or as plain text. The span is validated with its record.
            record = copy()
            record["unit"] = unit
            record["full"] = full
            record["span"] = {"start": starts[base + s], "end": ends[base + e - 1]}
            if aliases:
                record["canonical"] = _canonical(unit, full, aliases)
            append(record)
        if promote and part.role == rl.RESPONSIBLE:
            out[first]["role"] = "lead"


def _written(norm: Normalized, start: int, end: int, reading: str | None = None) -> str:
    """The original text of a range, or the normalised reading where the original differs in
    more than character widths (a name joined across a table-cell break, markup, a table row
    whose <br> made every character map to the whole row)."""
    reading = norm.text[start:end] if reading is None else reading
    raw = norm.raw(start, end)
    if len(raw) != len(reading) or any(c in raw for c in "<>\n\t|"):
        return reading
    return raw


_ROLES: dict[str, Role] = {rl.LEAD: "lead", rl.COOPERATING: "cooperating"}


def _deadline_value(s: str) -> str | None:
    m = rl.DEADLINE_VALUE.search(s)
    if not m:
        return None
    if m.group("m"):
        return f"{m.group('y')}-{int(m.group('m')):02d}"
    return str(m.group("y"))
