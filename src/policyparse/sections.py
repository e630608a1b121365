"""Stage 3: the section tree, from heading markers.

Families and ranks come from ``lexicon.markers``. A candidate marker is accepted as a
heading only if its number continues the open list of its family (a sibling), or starts a
new list, or runs on from the last number of that family earlier in the same document part
(plans that number 1.–18. or (一)…(二十) straight through their parents). Everything else is
prose. Straight-through items nest under their parent and keep their own number (三/(二)/4).

A document splits into parts: the notice's own body, each carried text (a plan or regulation
whose numbering restarts at 一、), and each annex (附件N). If any two parts would repeat a path,
every carried text is prefixed 附文1/, 附文2/ … (FORMAT.md); annexes always sit under 附件N.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import lru_cache

import regex

from .lexicon.attachments import ATTACHMENT_LIST
from .lexicon.attachments import LABEL as ATTACHMENT_LABEL
from .lexicon.markers import (
    ANNEX,
    ANNEX_REST_MAX,
    ANNEX_TITLE_END,
    ANNEX_TITLE_LINE_MAX,
    DATE_LINE,
    FILE_NAME,
    HEADING_LINE,
    HEADING_LINE_NEXT,
    INLINE_HEADING,
    LONG_LINE,
    MARKER,
    RANK,
    SPLIT_PAREN_HINT,
    TITLE_END,
    TITLE_RUNS_ON,
    TOC_HEADING,
    TOC_LEADER,
)
from .models import Section, validate_list
from .normalize import Normalized, line_starts, matches_at
from .numerals import han_to_int

RUN_ON_LEN = 40  # a heading line this long without 。 or : was hard-wrapped: its title runs on
RUN_ON_LINES = 2  # at most this many more lines join a hard-wrapped title
MAX_GAP = 3  # a list may skip this many numbers if the heading after it continues it
TOC_LOOKAHEAD = 3  # lines after a heading searched for the dot leaders of a contents entry

# A marker broken over three lines by a PDF copy: "(" / "1" / ")对于…".
_SPLIT_PAREN = regex.compile(
    r"(?m)^[ \t]*\([ \t]*\n[ \t]*(\d{1,2}|[一二三四五六七八九十]{1,3})[ \t]*\n[ \t]*\)[ \t]*"
)


# MARKER's group index → the family it names.
_MARKER_KIND = {MARKER.groupindex[k]: k for k in RANK if k != "annex"}


@dataclass(slots=True)
class OutlineNode:
    """A heading in normalised coordinates, as the other stages need it."""

    path: str
    marker: str
    kind: str
    number: int
    level: int
    start: int  # normalised offset of the marker
    heading_end: int  # end of the title
    title: str
    end: int = 0  # end of the section (next heading of the same or higher rank)
    parent: int | None = None  # index into Outline.nodes
    children: list[int] = field(default_factory=list)
    part: int = 0  # which document part (notice body, carried text, annex) it belongs to


@dataclass(slots=True)
class Outline:
    """The section tree of one notice, with position look-ups for the extractors."""

    nodes: list[OutlineNode]
    _starts: list[int] = field(default_factory=list)
    _paths: dict[str, OutlineNode] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._starts = [n.start for n in self.nodes]
        self._paths = {n.path: n for n in self.nodes}

    def node_at(self, pos: int) -> OutlineNode | None:
        """The innermost section containing normalised offset ``pos``."""
        i = bisect.bisect_right(self._starts, pos) - 1
        while i >= 0:
            node = self.nodes[i]
            if node.start <= pos < max(node.end, node.heading_end):
                return node
            i = node.parent if node.parent is not None else -1
        return None

    def path_at(self, pos: int) -> str | None:
        """Path of the innermost section containing ``pos``; None before the first heading."""
        node = self.node_at(pos)
        return node.path if node else None

    def by_path(self, path: str) -> OutlineNode | None:
        """The node with this path, if any."""
        return self._paths.get(path)

    def ancestors(self, node: OutlineNode) -> list[OutlineNode]:
        """The node's ancestors, innermost first."""
        out = []
        p = node.parent
        while p is not None:
            out.append(self.nodes[p])
            p = self.nodes[p].parent
        return out

    def to_models(self, norm: Normalized) -> list[Section]:
        """The tree as ``Section`` models with spans into the original text."""
        # The whole tree is validated in one call, spans and children included: the same
        # checks as building every Section and Span on its own. Each node's data is built
        # once, in one pass, then linked to its children's (no call per node).
        nodes, starts, ends = self.nodes, norm.starts, norm.ends
        records: list[dict[str, object]] = []
        for n in nodes:
            a, b = n.start, n.heading_end
            e = n.end if n.end > b else b
            # ``norm.bounds`` of a non-empty range read straight from the offset map (a heading
            # holds its marker, so both ranges are non-empty), without a method call per offset.
            hs, he = (starts[a], ends[b - 1]) if b > a else norm.bounds(a, b)
            ss, se = (starts[a], ends[e - 1]) if e > a else norm.bounds(a, e)
            records.append({
                "path": n.path,
                "marker": n.marker,
                "kind": n.kind,
                "number": n.number,
                "level": n.level,
                "title": n.title,
                "heading": {"start": hs, "end": he},
                "span": {"start": ss, "end": se},
                "children": [],
            })
        for n, record in zip(nodes, records, strict=True):
            if n.children:
                record["children"] = [records[k] for k in n.children]
        return validate_list(Section, [r for n, r in zip(nodes, records, strict=True) if n.parent is None])



@dataclass(slots=True)
class _Candidate:
    kind: str
    number: int
    marker: str  # normal form
    start: int
    body_start: int  # where the title starts
    line_end: int
    inline: bool
    rest: str = ""  # annexes: the title written on the label's own line


def _normal_marker(kind: str, number_text: str, number: int) -> str:
    if kind == "han":
        return number_text
    if kind == "paren_han":
        return f"({number_text})"
    if kind == "arabic":
        return str(number)
    if kind == "paren_arabic":
        return f"({number})"
    if kind == "chapter":
        return f"第{number_text}章"
    if kind == "jie":
        return f"第{number_text}节"
    if kind == "article":
        return f"第{number_text}条"
    return number_text


@lru_cache(maxsize=1024)
def _read_marker(kind: str, number_text: str) -> tuple[int, str] | None:
    """A marker's number and normal form; None if its number is not one. The same few
    markers (一、, (二), 3.) recur in every notice: memoised."""
    value = han_to_int(number_text)
    return (value, _normal_marker(kind, number_text, value)) if value else None


def _contains(text: str, word: str) -> bool:
    """``word in text``, found through its first character: on Chinese text str.find of one
    character is many times faster than its search for a word, and the words asked for
    here (dot leaders) have a rare first character or few places to check."""
    find = text.find
    i = find(word[0])
    while i >= 0:
        if text.startswith(word, i):
            return True
        i = find(word[0], i + 1)
    return False


def _line_end(text: str, pos: int, bound: int | None = None) -> int:
    """End of the line at ``pos``, or ``bound`` if that comes first (keeps scans short in
    bodies flattened to one line)."""
    end = len(text) if bound is None else min(bound, len(text))
    eol = text.find("\n", pos, end)
    return end if eol < 0 else eol


def _candidates(text: str) -> list[_Candidate]:
    out: list[_Candidate] = []
    # Only the lines HEADING_LINE finds can hold a candidate: one scan of the text instead
    # of a Python step per line.
    n = len(text)
    hits = [0] if HEADING_LINE.match(text) else []
    hits += [m.end() for m in HEADING_LINE_NEXT.finditer(text)]
    find = text.find
    for pos in hits:
        eol = find("\n", pos)
        if eol < 0:
            eol = n
        # Normalising took the spaces off line starts: most lines need no strip (nor the copy
        # of themselves that stripping makes).
        if pos < eol and not text[pos].isspace():
            start = pos
        else:
            start = eol - len(text[pos:eol].lstrip())
            if start == eol:
                continue  # a blank line
        table = False
        if text[start] == "|":
            # A table row: its cells are not headings. Most rows end on their bar, seen in
            # place; only a row with trailing spaces is copied to strip them.
            if eol - start > 1 and text[eol - 1] == "|":
                continue
            stripped = text[start:eol].rstrip()
            if len(stripped) > 1 and stripped.endswith("|"):
                continue
            # The first line of a body pasted into one table cell.
            table = True
            start += 1
            while start < eol and text[start] in " \t":
                start += 1
        # An annex label starts with 附 (附件, 附录): other lines skip the pattern.
        annex = ANNEX.match(text, start, eol) if text.startswith("附", start) else None
        rest = annex.group("rest").strip() if annex else ""
        if annex and len(rest) <= ANNEX_REST_MAX and "。" not in rest:
            num = han_to_int(annex.group("n")) or 0
            if num:
                marker = f"{annex.group('word')}{num}"
                out.append(_Candidate("annex", num, marker, start, annex.start("rest"), eol, False, rest))
        else:
            if eol - pos < LONG_LINE or table:
                # Most lines: a marker at the line start only (the loop below for one start,
                # without building its tuple).
                m = MARKER.match(text, start, eol)
                if m and m.lastindex is not None:
                    kind = _MARKER_KIND[m.lastindex]
                    read = _read_marker(kind, m.group(m.lastindex + 1))
                    if read is not None:
                        out.append(_Candidate(kind, read[0], read[1], start, m.end(), eol, False))
                continue
            # Only a long line (a flattened body) is searched for headings inside it.
            for s in (start, *[m.end() for m in INLINE_HEADING.finditer(text, pos, eol)]):
                m = MARKER.match(text, s, eol)
                if not m or m.lastindex is None or (m.end() >= eol and s != start):
                    continue
                # The family's group closes last; its number is the group inside it.
                kind = _MARKER_KIND[m.lastindex]
                read = _read_marker(kind, m.group(m.lastindex + 1))
                if read is None:
                    continue
                out.append(_Candidate(kind, read[0], read[1], s, m.end(), eol, s != start))
    # The pattern starts a line with "(" then spaces or tabs then a newline: only such lines
    # are tried.
    split_starts = {text.rfind("\n", 0, m.start()) + 1 for m in SPLIT_PAREN_HINT.finditer(text)}
    if split_starts:
        for m in matches_at(_SPLIT_PAREN, text, split_starts):
            num_text = m.group(1)
            kind = "paren_arabic" if num_text.isdigit() else "paren_han"
            read = _read_marker(kind, num_text)
            if read is not None:
                body = m.end()
                out.append(_Candidate(kind, read[0], read[1], m.start(), body, _line_end(text, body), False))
        # Only these can come out of order: the lines are read in order, and a line's inline
        # headings after its start.
        out.sort(key=lambda c: c.start)
    return out


def _continued(cands: list[_Candidate], i: int, *, within_parent: bool = False) -> bool:
    """The next candidate of the same family carries the next number (if ``within_parent``,
    before any heading of an outer family)."""
    c = cands[i]
    rank = RANK[c.kind]
    for j in range(i + 1, len(cands)):
        d = cands[j]
        if d.kind == c.kind:
            return d.number == c.number + 1
        if within_parent and RANK[d.kind] < rank:
            return False
    return False


def _is_toc_entry(text: str, c: _Candidate, next_start: int) -> bool:
    """A contents entry: its line or the few lines after it end in dot leaders."""
    pos = c.body_start
    for _ in range(TOC_LOOKAHEAD + 1):
        if pos > len(text) or pos >= next_start:
            return False
        eol = _line_end(text, pos, next_start)
        if TOC_LEADER.search(text, pos, eol):
            return True
        pos = eol + 1
    return False


def _drop_contents(text: str, cands: list[_Candidate]) -> list[_Candidate]:
    """Remove table-of-contents entries: dot-leader lines, and everything between a 目录
    line and the first heading that repeats the contents' first entry."""
    drop: set[int] = set()
    # Dot leaders need one of these runs; without them no line is a contents entry.
    leaders = _contains(text, "...") or _contains(text, "……") or _contains(text, "···")
    for i, c in enumerate(cands if leaders else ()):
        nxt = cands[i + 1].start if i + 1 < len(cands) else len(text)
        if _is_toc_entry(text, c, nxt):
            drop.add(i)
    starts = [c.start for c in cands]
    # A 目录 line holds 录: only the lines holding one are tried, not every character.
    toc_headings = matches_at(TOC_HEADING, text, line_starts(text, "录"))
    # Candidates by family and number, for finding where the contents end: only a notice
    # with a contents heading needs them.
    by_number: dict[tuple[str, int], list[int]] = {}
    for i, c in enumerate(cands if toc_headings else ()):
        if i not in drop:
            by_number.setdefault((c.kind, c.number), []).append(i)
    for m in toc_headings:
        first = bisect.bisect_left(starts, m.end())
        if first >= len(cands):
            continue
        same = by_number.get((cands[first].kind, cands[first].number), [])
        k = bisect.bisect_right(same, first)
        if k < len(same):
            drop.update(range(first, same[k]))
    # The numbered lines of a 附件: list name annexes; they are not headings.
    # Such a list starts a line with 附件: only those lines are tried.
    for m in matches_at(ATTACHMENT_LIST, text, line_starts(text, ATTACHMENT_LABEL)):
        for i in range(bisect.bisect_left(starts, m.start()), bisect.bisect_left(starts, m.end())):
            if cands[i].kind == "arabic":
                drop.add(i)
    # A list of annexes (附件1:A / 附件2:B) before the annexes themselves: only the last
    # label of each annex opens it.
    last: dict[str, int] = {}
    for i, c in enumerate(cands):
        if c.kind == "annex" and i not in drop:
            if c.marker in last:
                drop.add(last[c.marker])
            last[c.marker] = i
    return [c for i, c in enumerate(cands) if i not in drop] if drop else cands


def _title(text: str, c: _Candidate, limit: int, bound: int) -> tuple[str, int]:
    """The heading text after the marker up to the first 。 or colon, or the line end.

    A marker alone on its line takes its title from the next line; a hard-wrapped heading line
    runs on to the next lines. Neither reaches past ``bound``, the next heading.
    """
    m = TITLE_END.search(text, c.body_start, limit)
    if m:
        return _clean_title(text[c.body_start : m.start()]), m.start()
    title = _clean_title(text[c.body_start : limit])
    if limit < c.line_end:  # cut by an inline heading in a flattened body
        return title, limit
    end = limit
    if not title:
        line_start = limit + 1
        while line_start < bound and not text[line_start : _line_end(text, line_start, bound)].strip():
            line_start = _line_end(text, line_start, bound) + 1
        # Whether the line opens a table cell, read in place (a slice of the rest of the text
        # would copy it for every bare marker).
        first = line_start
        while first < len(text) and text[first] in " \t":
            first += 1
        if line_start >= bound or text.startswith("|", first):
            return "", c.body_start
        eol = _line_end(text, line_start, bound)
        m = TITLE_END.search(text, line_start, eol)
        stop = m.start() if m else eol
        return _clean_title(text[line_start:stop]), stop
    # Most headings end on their line: the loop's first test, made before its list is built.
    if not (TITLE_RUNS_ON.search(title) or len(title) >= RUN_ON_LEN):
        return title, end
    pieces = [title]
    for _ in range(RUN_ON_LINES):
        joined = "".join(pieces)
        if not (TITLE_RUNS_ON.search(joined) or len(joined) >= RUN_ON_LEN):
            break
        line_start = end + 1
        if line_start >= bound:
            break
        eol = _line_end(text, line_start, bound)
        line = text[line_start:eol]
        if not line.strip() or line.lstrip().startswith("|"):
            break
        m = TITLE_END.search(text, line_start, eol)
        stop = m.start() if m else eol
        pieces.append(_clean_title(text[line_start:stop]))
        end = stop
        if m:
            break
    return "".join(pieces), end


def _clean_title(s: str) -> str:
    # A title rarely holds a table's bar: then one strip does.
    return s.strip().rstrip("|").strip() if "|" in s else s.strip()


def _annex_title(text: str, line_end: int, bound: int) -> tuple[str, int]:
    """An annex title on the line(s) after 附件N: short lines joined, blank lines skipped,
    until the joined text ends like a title (…名单, …表) or something else begins."""
    pos = line_end + 1
    parts: list[str] = []
    end = line_end
    while pos < min(len(text), bound) and len(parts) < 3:
        eol = _line_end(text, pos, bound)
        line = text[pos:eol].strip()
        pos = eol + 1
        if not line:
            continue
        if (len(line) > ANNEX_TITLE_LINE_MAX or MARKER.match(line) or line.startswith("|")
                or TITLE_END.search(line) or DATE_LINE.match(line)):
            break
        parts.append(line)
        end = eol
        if ANNEX_TITLE_END.search(line):
            break
    if len(parts) > 1 and not ANNEX_TITLE_END.search(parts[-1]):
        # Nothing ended like a title: trust only the first line.
        first = text.find(parts[0], line_end)
        return parts[0], first + len(parts[0])
    return "".join(parts), end


def build_outline(norm: Normalized) -> Outline:
    """Find the headings of ``norm.text`` and arrange them as a tree."""
    text = norm.text
    cands = _drop_contents(text, _candidates(text))
    nodes: list[OutlineNode] = []
    local: list[str] = []  # each node's path within its part
    stack: list[int] = []  # indices of open nodes
    parts: list[int | None] = [None]  # per part: the annex node that opens it, if any
    used: set[tuple[int, str]] = set()
    last_number: dict[str, int] = {}  # kind → last number accepted in this part
    n_cands, text_len = len(cands), len(text)
    for i, c in enumerate(cands):
        # The candidate's fields are read into locals once: this loop runs per heading.
        kind, number = c.kind, c.number
        new_part = False
        if kind == "annex":
            keep = 0
            new_part = True
        else:
            rank = RANK[kind]
            keep = len(stack)
            while keep and RANK[nodes[stack[keep - 1]].kind] > rank:
                keep -= 1
            top = nodes[stack[keep - 1]] if keep else None
            if top is not None and top.kind == kind:
                if number == top.number + 1:
                    keep -= 1
                elif top.number + 1 < number <= top.number + MAX_GAP and _continued(cands, i):
                    keep -= 1  # a heading in between was lost; the numbering goes on from here
                elif number == 1 and keep == 1 and top.number >= 2 and not c.inline:
                    # Numbering starts again at the top level: a carried text begins.
                    keep = 0
                    new_part = True
                else:
                    continue
            else:
                run_on = last_number.get(kind)
                opens = number == 1 or (run_on is not None and number == run_on + 1)
                # A list whose first heading was lost (or an excerpt) still opens when the next
                # heading of its family continues it.
                if not opens and not (run_on is None and _continued(cands, i, within_parent=True)):
                    continue
        bound = cands[i + 1].start if i + 1 < n_cands else text_len
        if kind == "annex":
            if c.rest:
                title, title_end = _clean_title(c.rest), c.line_end
            else:
                title, title_end = _annex_title(text, c.line_end, bound)
        else:
            # A heading inline in a flattened body ends where the next candidate starts.
            line_end = c.line_end
            title, title_end = _title(text, c, line_end if line_end < bound else bound, bound)
            if "." in title and FILE_NAME.search(title):
                continue  # a download link, numbered like a list item
        part_no = len(parts) if new_part else len(parts) - 1
        parent = stack[keep - 1] if keep else None
        marker = c.marker
        path = marker if parent is None else f"{local[parent]}/{marker}"
        if (part_no, path) in used:
            continue
        if new_part:
            parts.append(len(nodes) if kind == "annex" else None)
            last_number = {}
        used.add((part_no, path))
        del stack[keep:]
        body_start = c.body_start
        idx = len(nodes)
        # Every field by position (no keyword matching, no default factory), one per heading.
        nodes.append(OutlineNode(path, marker, kind, number, len(stack) + 1, c.start,
                                 title_end if title_end > body_start else body_start, title,
                                 0, parent, [], part_no))
        local.append(path)
        if parent is not None:
            nodes[parent].children.append(idx)
        stack.append(idx)
        last_number[kind] = number
    _close(nodes, len(text))
    _prefix_carried(text, nodes, parts)
    return Outline(nodes)


def _close(nodes: list[OutlineNode], text_len: int) -> None:
    """Each section ends where the next heading of its level or higher begins."""
    open_: list[int] = []
    for i, n in enumerate(nodes):
        while open_ and nodes[open_[-1]].level >= n.level:
            nodes[open_.pop()].end = n.start
        open_.append(i)
    for i in open_:
        nodes[i].end = text_len


def _prefix_carried(text: str, nodes: list[OutlineNode], parts: list[int | None]) -> None:
    """Carried texts that would repeat paths get 附文N/ prefixes (FORMAT.md).

    The notice's own headings keep plain paths: the first part is the notice's own when the
    notice's signature date stands between it and the next part; otherwise the notice had no
    headings of its own and the first part is a carried text too.
    """
    if len({n.path for n in nodes}) == len(nodes):
        return
    first = next((n for n in nodes if n.part == 0), None)
    later = next((n for n in nodes if n.part > 0), None)
    own_first = (
        first is not None
        and later is not None
        and DATE_LINE.search(text, first.start, later.start) is not None
    )
    prefixes: dict[int, str] = {}
    k = 0
    for p, annex in enumerate(parts):
        if annex is not None or (p == 0 and (own_first or first is None)):
            continue
        k += 1
        prefixes[p] = f"附文{k}"
    for n in nodes:
        prefix = prefixes.get(n.part)
        if prefix:
            n.path = f"{prefix}/{n.path}"
