"""Stage 3: the section tree, from heading markers.

Families and ranks come from ``lexicon.markers``. A candidate marker is accepted as a
heading only if its number continues the open list of its family (a sibling), or starts a
new list, or runs on from the last number of that family under an earlier parent (plans
that number 1.–18. straight through their (一)…(六)). Everything else is prose.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from .lexicon.markers import ANNEX, INLINE_BOUNDARY, MARKER, RANK, TITLE_END
from .models import Section
from .normalize import Normalized
from .numerals import han_to_int

LONG_LINE = 600  # a line this long is a flattened body: look for headings inside it too


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


@dataclass(slots=True)
class Outline:
    """The section tree of one notice, with position look-ups for the extractors."""

    nodes: list[OutlineNode]
    _starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._starts = [n.start for n in self.nodes]

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
        for n in self.nodes:
            if n.path == path:
                return n
        return None

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

        def build(i: int) -> Section:
            n = self.nodes[i]
            return Section(
                path=n.path,
                marker=n.marker,
                kind=n.kind,
                number=n.number,
                level=n.level,
                title=n.title,
                heading=norm.span(n.start, n.heading_end),
                span=norm.span(n.start, max(n.end, n.heading_end)),
                children=[build(c) for c in n.children],
            )

        return [build(i) for i, n in enumerate(self.nodes) if n.parent is None]


@dataclass(slots=True)
class _Candidate:
    kind: str
    number: int
    marker: str  # normal form
    start: int
    body_start: int  # where the title starts
    line_end: int
    inline: bool


def _normal_marker(kind: str, number_text: str, number: int) -> str:
    if kind == "han":
        return number_text
    if kind == "paren_han":
        return f"({number_text})"
    if kind == "arabic":
        return str(number)
    if kind == "paren_arabic":
        return f"({number})"
    if kind == "circled":
        return number_text
    if kind == "chapter":
        return f"第{number_text}章"
    if kind == "jie":
        return f"第{number_text}节"
    if kind == "article":
        return f"第{number_text}条"
    return number_text


def _candidates(text: str) -> list[_Candidate]:
    out: list[_Candidate] = []
    pos = 0
    n = len(text)
    while pos < n:
        eol = text.find("\n", pos)
        if eol < 0:
            eol = n
        line = text[pos:eol]
        if line:
            starts = [pos]
            if len(line) >= LONG_LINE:
                starts += [pos + m.end() for m in INLINE_BOUNDARY.finditer(line)]
            annex = ANNEX.match(text, pos, eol) if line.startswith("附件") else None
            if annex and not annex.group("rest").startswith(("1", "1.")):
                num = han_to_int(annex.group("n")) or 0
                out.append(_Candidate("annex", num, f"附件{num}", pos, annex.start("rest"), eol, False))
            else:
                for s in starts:
                    m = MARKER.match(text, s, eol)
                    if not m or m.end() >= eol and s != pos:
                        continue
                    kind = next(k for k in RANK if k != "annex" and m.group(k) is not None)
                    num_text = m.group(f"{kind}_n")
                    num = han_to_int(num_text)
                    if num is None or num == 0:
                        continue
                    out.append(
                        _Candidate(kind, num, _normal_marker(kind, num_text, num), s, m.end(), eol, s != pos)
                    )
        pos = eol + 1
    return out


def _title(text: str, start: int, end: int) -> tuple[str, int]:
    m = TITLE_END.search(text, start, end)
    stop = m.start() if m else end
    return text[start:stop].strip(), stop


def build_outline(norm: Normalized) -> Outline:
    """Find the headings of ``norm.text`` and arrange them as a tree."""
    text = norm.text
    cands = _candidates(text)
    nodes: list[OutlineNode] = []
    stack: list[int] = []  # indices of open nodes
    last_number: dict[tuple[str, int], int] = {}  # (kind, level) → last number seen there
    for i, c in enumerate(cands):
        rank = RANK[c.kind]
        if c.kind == "annex":
            keep = 0
        else:
            keep = len(stack)
            while keep and RANK[nodes[stack[keep - 1]].kind] > rank:
                keep -= 1
            top = nodes[stack[keep - 1]] if keep else None
            if top is not None and top.kind == c.kind:
                if c.number != top.number + 1:
                    continue
                keep -= 1
            else:
                level = keep + 1
                run_on = last_number.get((c.kind, level))
                if c.number != 1 and (run_on is None or c.number != run_on + 1):
                    continue
        # A heading inline in a flattened body ends where the next candidate starts.
        limit = c.line_end
        if i + 1 < len(cands) and cands[i + 1].start < limit:
            limit = cands[i + 1].start
        title, title_end = _title(text, c.body_start, limit)
        if c.kind == "annex" and not title:
            title, title_end = _annex_title(text, c.line_end)
        del stack[keep:]
        parent = stack[-1] if stack else None
        path = c.marker if parent is None else f"{nodes[parent].path}/{c.marker}"
        node = OutlineNode(path, c.marker, c.kind, c.number, len(stack) + 1, c.start, title_end, title,
                           parent=parent)
        nodes.append(node)
        idx = len(nodes) - 1
        if parent is not None:
            nodes[parent].children.append(idx)
        stack.append(idx)
        last_number[(c.kind, node.level)] = c.number
    _close(nodes, len(text))
    _dedupe_paths(nodes)
    return Outline(nodes)


def _annex_title(text: str, line_end: int) -> tuple[str, int]:
    """An annex title on the line(s) after 附件N, up to the first blank line or table."""
    pos = line_end + 1
    parts: list[str] = []
    end = line_end
    while pos < len(text) and len(parts) < 3:
        eol = text.find("\n", pos)
        if eol < 0:
            eol = len(text)
        line = text[pos:eol].strip()
        if not line:
            if parts:
                break
        elif len(line) > 40 or MARKER.match(line) or line.startswith("|"):
            break
        else:
            parts.append(line)
            end = eol
        pos = eol + 1
    return "".join(parts), end


def _close(nodes: list[OutlineNode], text_len: int) -> None:
    """Each section ends where the next heading of its level or higher begins."""
    open_: list[int] = []
    for i, n in enumerate(nodes):
        while open_ and nodes[open_[-1]].level >= n.level:
            nodes[open_.pop()].end = n.start
        open_.append(i)
    for i in open_:
        nodes[i].end = text_len


def _dedupe_paths(nodes: list[OutlineNode]) -> None:
    """Carried texts that restart their numbering get 附文N/ prefixes (FORMAT.md)."""
    tops = [i for i, n in enumerate(nodes) if n.parent is None and n.kind != "annex"]
    if not tops:
        return
    # A part starts at each top-level heading whose number restarts at 1 after the first.
    first_kind = nodes[tops[0]].kind
    part_starts = [i for k, i in enumerate(tops) if k > 0 and nodes[i].number == 1 and nodes[i].kind == first_kind]
    if not part_starts:
        return
    seen: set[str] = set()
    dup = False
    for n in nodes:
        if n.path in seen:
            dup = True
            break
        seen.add(n.path)
    if not dup:
        return
    bounds = [tops[0], *part_starts, len(nodes)]
    for k in range(len(bounds) - 1):
        prefix = f"附文{k + 1}"
        for n in nodes[bounds[k] : bounds[k + 1]]:
            if n.kind == "annex":
                break
            n.path = f"{prefix}/{n.path}"
