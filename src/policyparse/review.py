"""``policyparse review FILE --out page.html``: one self-contained page to check a parse by eye.

The notice's original text is shown with every extracted item highlighted where it was
read from, next to an outline and tables whose rows link back into the text. Items come
with spans that may overlap in any way (a unit inside a clause inside a heading, a
reference that runs across a target's end), so the highlights go through ``nest``, which
turns arbitrary intervals into well-formed markup by splitting only where two items cross.
"""

from __future__ import annotations

import argparse
import heapq
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lxml import etree
from lxml import html as lxml_html

from .lexicon.review import (
    BASE_CSS,
    COMPARATOR_LABEL,
    KIND_LABEL,
    KIND_ORDER,
    NOT_XML,
    REVIEW_CSS,
    ROLE_LABEL,
)

if TYPE_CHECKING:
    from .models import Notice, Section, Span

_RANK = {kind: i for i, kind in enumerate(KIND_ORDER)}

# Content-Security-Policy that forbids every fetch: the page must work from a USB stick.
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


@dataclass(frozen=True, slots=True)
class Mark:
    """One item to highlight: a half-open range of the text plus how to show it."""

    start: int
    end: int
    kind: str
    ident: str
    note: str = ""
    classes: tuple[str, ...] = ()
    data: tuple[tuple[str, str], ...] = ()


@dataclass(slots=True)
class Piece:
    """A mark, or the part of one that fits inside its parent, in the nested tree."""

    mark: Mark
    start: int
    end: int
    first: bool
    children: list[Piece] = field(default_factory=list)


def clamp(start: int, end: int, length: int) -> tuple[int, int]:
    """``start``/``end`` forced into ``0 <= start <= end <= length``."""
    start = min(max(start, 0), length)
    return start, min(max(end, start), length)


def nest(marks: Sequence[Mark], length: int) -> list[Piece]:
    """Arrange marks over a text of ``length`` characters as a forest of non-crossing pieces.

    Marks are taken in order of start, longest first, then by kind rank (an outer kind
    wraps an inner one over the same characters). A mark that runs past the end of the
    piece it opens in is cut there and its remainder re-queued from that point, so it
    continues as a sibling (``first=False``). Every mark therefore gets exactly one first
    piece, its pieces together cover exactly its characters, and siblings never overlap.
    """
    heap: list[tuple[int, int, int, int, bool]] = []
    for seq, m in enumerate(marks):
        s, e = clamp(m.start, m.end, length)
        heap.append((s, -e, _RANK.get(m.kind, len(_RANK)), seq, True))
    heapq.heapify(heap)
    root = Piece(Mark(0, length, "", ""), 0, length, True)
    stack = [root]
    while heap:
        s, neg_e, rank, seq, first = heapq.heappop(heap)
        e = -neg_e
        while len(stack) > 1 and stack[-1].end <= s:
            stack.pop()
        parent = stack[-1]
        if e > parent.end:
            heapq.heappush(heap, (parent.end, neg_e, rank, seq, False))
            e = parent.end
        piece = Piece(marks[seq], s, e, first)
        parent.children.append(piece)
        stack.append(piece)
    return root.children


def _add_text(el: Any, s: str) -> None:
    if not s:
        return
    if len(el):
        last = el[-1]
        last.tail = (last.tail or "") + s
    else:
        el.text = (el.text or "") + s


def _piece_element(piece: Piece) -> Any:
    m = piece.mark
    attrs = {"class": " ".join(("hl", f"k-{m.kind}", *m.classes)), "data-kind": m.kind, "data-item": m.ident}
    if piece.first:
        attrs["id"] = m.ident
    else:
        attrs["data-cont"] = "1"
    if m.note:
        attrs["title"] = xml_safe(m.note)
    attrs.update(m.data)
    return etree.Element("span", attrs)


def render_marked(text: str, marks: Sequence[Mark], container: Any) -> Any:
    """Fill ``container`` with ``text`` and one ``<span>`` per piece of the nested marks."""
    safe = xml_safe(text)
    # An explicit stack instead of recursion: many marks over one character must not hit
    # Python's recursion limit.
    todo: list[tuple[Any, list[Piece], int, int, int]] = [
        (container, nest(marks, len(safe)), 0, 0, len(safe))
    ]
    while todo:
        node, pieces, i, pos, end = todo.pop()
        if i == len(pieces):
            _add_text(node, safe[pos:end])
            continue
        piece = pieces[i]
        _add_text(node, safe[pos : piece.start])
        child = _piece_element(piece)
        node.append(child)
        todo.append((node, pieces, i + 1, piece.end, end))
        todo.append((child, piece.children, 0, piece.start, piece.end))
    return container


def xml_safe(s: str) -> str:
    """``s`` with characters no HTML tree can hold replaced one-for-one by U+FFFD."""
    return str(NOT_XML.sub("\ufffd", s))


# ---------------------------------------------------------------- the notice's marks


def _num(d: Decimal | None) -> str:
    if d is None:
        return ""
    return format(d.normalize(), "f") if d == d.to_integral_value() else format(d, "f")


def _value_text(value: Decimal, value_min: Decimal | None, comparator: str, unit: str) -> str:
    if value_min is not None:
        return f"{_num(value_min)}–{_num(value)} {unit}"
    return f"{COMPARATOR_LABEL.get(comparator, comparator)} {_num(value)} {unit}"


def _join(*parts: str | None) -> str:
    return " · ".join(p for p in parts if p)


def section_ids(notice: Notice) -> list[tuple[Section, str]]:
    """Every section in reading order with the anchor id of its heading."""
    return [(s, f"section-{i}") for i, s in enumerate(notice.iter_sections())]


def collect_marks(notice: Notice) -> tuple[list[Mark], list[str]]:
    """One mark per extracted item, plus a warning for each span that had to be clamped."""
    marks: list[Mark] = []
    problems: list[str] = []
    n = len(notice.text)

    def add(span: Span | None, kind: str, ident: str, note: str, classes: tuple[str, ...] = (),
            data: tuple[tuple[str, str], ...] = ()) -> None:
        if span is None:
            return
        if not 0 <= span.start <= span.end <= n:
            problems.append(
                f"{ident}: span {span.start}–{span.end} lies outside the text (0–{n}); shown clamped"
            )
        marks.append(Mark(span.start, span.end, kind, ident, note, classes, data))

    add(notice.title_span, "title", "title", _join("标题", notice.title))
    if notice.period is not None:
        p = notice.period
        add(p.span, "period", "period", _join("实施期", f"{p.start or '?'}–{p.end or '?'}"))
    for sec, ident in section_ids(notice):
        add(sec.heading, "section", ident, _join(sec.path, sec.title), data=(("data-path", sec.path),))
    for i, d in enumerate(notice.doc_numbers):
        add(d.span, "docnumber", f"docnumber-{i}", _join("文号", d.normalized))
    for i, dm in enumerate(notice.dates):
        value = dm.value or "relative"
        if dm.end:
            value = f"{value}–{dm.end}"
        add(dm.span, "date", f"date-{i}", _join(f"日期 ({dm.precision})", value, dm.qualifier))
    for i, t in enumerate(notice.targets):
        ident = f"target-{i}"
        note = _join(f"目标: {t.metric}", _value_text(t.value, t.value_min, t.comparator, t.unit),
                     f"期限 {t.deadline or '—'} ({t.deadline_source})", t.path)
        add(t.span, "target", ident, note, data=(("data-path", t.path or ""),))
        add(t.value_span, "value", f"{ident}-value", note)
    for i, inc in enumerate(notice.incentives):
        cap = "最高 " if inc.cap else ""
        add(inc.span, "incentive", f"incentive-{i}",
            _join(f"奖补: {cap}{_num(inc.amount)} {inc.unit}", inc.purpose, inc.path))
    clauses: dict[tuple[int, int], list[int]] = {}
    for i, a in enumerate(notice.assignments):
        clauses.setdefault((a.clause_span.start, a.clause_span.end), []).append(i)
    for j, members in enumerate(clauses.values()):
        first = notice.assignments[members[0]]
        units = "、".join(f"{notice.assignments[i].full} ({notice.assignments[i].role})" for i in members)
        add(first.clause_span, "clause", f"clause-{j}", _join("责任条款", units, first.path))
    for i, a in enumerate(notice.assignments):
        note = _join(ROLE_LABEL.get(a.role, a.role), a.full, a.canonical and f"= {a.canonical}",
                     a.deadline and f"期限 {a.deadline}", a.path)
        add(a.span, "assignment", f"assignment-{i}", note, (f"role-{a.role}",),
            (("data-role", a.role), ("data-path", a.path or "")))
    for i, r in enumerate(notice.references):
        add(r.span, "reference", f"reference-{i}",
            _join("引用", r.title and f"《{r.title}》", r.doc_number.normalized if r.doc_number else None))
    for i, ph in enumerate(notice.phases):
        add(ph.span, "phase", f"phase-{i}",
            _join(f"阶段: {ph.name}", f"{ph.start or '?'}–{ph.end or '?'}", ph.path))
    for i, at in enumerate(notice.attachments):
        add(at.span, "attachment", f"attachment-{i}",
            _join(f"附件{at.number}" if at.number is not None else "附件", at.title))
    return marks, problems


# ---------------------------------------------------------------- page building

def el(tag: str, *children: Any, **attrs: str) -> Any:
    """An element with attributes (``cls`` for class, ``_`` for ``-``) and children/strings."""
    node = etree.Element(tag, {k.rstrip("_").replace("cls", "class").replace("_", "-"): xml_safe(v)
                               for k, v in attrs.items()})
    for c in children:
        if c is None:
            continue
        if isinstance(c, str):
            _add_text(node, xml_safe(c))
        else:
            node.append(c)
    return node


def link(ident: str, label: str) -> Any:
    """A link to an anchor in the same page."""
    return el("a", label, href=f"#{ident}")


def table(headers: Sequence[str], rows: Iterable[Sequence[Any]], *, cls: str = "",
          numeric: Sequence[int] = ()) -> Any:
    """A table; cells may be strings or elements, ``numeric`` columns are right-aligned."""
    body = el("tbody")
    for row in rows:
        tr = el("tr")
        for i, cell in enumerate(row):
            tr.append(el("td", cell if cell is not None else "", cls="num") if i in numeric
                      else el("td", cell if cell is not None else ""))
        body.append(tr)
    if not len(body):
        return el("p", "(none)", cls="empty")
    return el("table", el("thead", el("tr", *(el("th", h) for h in headers))), body, cls=cls or "data")


def page(title: str, css: str, *body: Any, body_class: str = "") -> str:
    """The whole page as an HTML5 string: inline CSS, a CSP that forbids every fetch."""
    head = el(
        "head",
        el("meta", charset="utf-8"),
        el("meta", http_equiv="Content-Security-Policy", content=CSP),
        el("meta", name="viewport", content="width=device-width, initial-scale=1"),
        el("title", title),
        el("style", css),
    )
    root = el("html", head, el("body", *body, cls=body_class) if body_class else el("body", *body),
              lang="zh-CN")
    out = str(lxml_html.tostring(root, doctype="<!DOCTYPE html>", encoding="unicode", method="html"))
    # The HTML parser turns a raw CR into LF; a character reference keeps the text exact.
    return out.replace("\r", "&#13;") + "\n"


def _outline(sections: Sequence[Section], ids: dict[int, str]) -> Any:
    ul = el("ul")
    for s in sections:
        li = el("li", el("a", el("span", s.path, cls="path"), " ", s.title, href=f"#{ids[id(s)]}"))
        if s.children:
            li.append(_outline(s.children, ids))
        ul.append(li)
    return ul


def _header(notice: Notice, warnings: Sequence[str]) -> Any:
    name = notice.source.replace("\\", "/").rsplit("/", 1)[-1] if notice.source else None
    meta = el("p", cls="meta")
    for label, value in (
        ("文号", notice.doc_number.normalized if notice.doc_number else None),
        ("发文机关", notice.issuer),
        ("成文日期", notice.issue_date.isoformat() if notice.issue_date else None),
        ("来源", name),
    ):
        meta.append(el("span", f"{label}: {value or '—'}"))
    counts = notice.to_records()
    meta.append(el("span", ", ".join(f"{len(counts[k])} {k}" for k in
                                     ("sections", "targets", "assignments", "references", "phases",
                                      "attachments"))))
    if warnings:
        warn = el("ul", *(el("li", w) for w in warnings), cls="warnings", id="warnings")
    else:
        warn = el("ul", el("li", "No warnings."), cls="warnings none", id="warnings")
    return el("header", el("h1", notice.title or name or "(untitled notice)"), meta, warn, cls="page")


def _legend(kinds: set[str]) -> Any:
    ul = el("ul", cls="legend")
    for role, label in ROLE_LABEL.items():
        ul.append(el("li", el("span", label, cls=f"hl k-assignment role-{role} swatch")))
    for kind in KIND_ORDER:
        if kind in kinds and kind != "assignment":
            ul.append(el("li", el("span", KIND_LABEL[kind], cls=f"hl k-{kind} swatch")))
    return ul


def _side(notice: Notice) -> Any:
    ids = {id(s): ident for s, ident in section_ids(notice)}
    side = el("aside", cls="side", id="side")
    side.append(el("h2", f"目录 Outline ({len(ids)})"))
    side.append(el("nav", _outline(notice.sections, ids), cls="outline", id="outline") if notice.sections
                else el("p", "(no numbered headings)", cls="empty"))
    side.append(el("h2", f"目标 Targets ({len(notice.targets)})"))
    side.append(table(
        ["#", "path", "metric", "value", "deadline"],
        ([link(f"target-{i}", str(i + 1)), t.path or "", t.metric,
          _value_text(t.value, t.value_min, t.comparator, t.unit), t.deadline or "—"]
         for i, t in enumerate(notice.targets)),
        cls="targets"))
    side.append(el("h2", f"分工 Assignments ({len(notice.assignments)})"))
    side.append(table(
        ["#", "path", "role", "unit", "full"],
        ([link(f"assignment-{i}", str(i + 1)), a.path or "",
          el("span", ROLE_LABEL.get(a.role, a.role), cls=f"hl k-assignment role-{a.role} swatch"),
          a.unit, a.full if a.full != a.unit else ""]
         for i, a in enumerate(notice.assignments)),
        cls="assignments"))
    side.append(el("h2", f"引用 References ({len(notice.references)})"))
    side.append(table(
        ["#", "title", "doc number"],
        ([link(f"reference-{i}", str(i + 1)), r.title or "", r.doc_number.normalized if r.doc_number else ""]
         for i, r in enumerate(notice.references)),
        cls="references"))
    side.append(el("h2", f"阶段 Phases ({len(notice.phases)})"))
    side.append(table(
        ["#", "path", "name", "start", "end"],
        ([link(f"phase-{i}", str(i + 1)), p.path or "", p.name, p.start or "", p.end or ""]
         for i, p in enumerate(notice.phases)),
        cls="phases"))
    side.append(el("h2", f"附件 Attachments ({len(notice.attachments)})"))
    side.append(table(
        ["#", "title"],
        ([link(f"attachment-{i}", str(a.number if a.number is not None else i + 1)), a.title]
         for i, a in enumerate(notice.attachments)),
        cls="attachments"))
    if notice.incentives:
        side.append(el("h2", f"奖补 Incentives ({len(notice.incentives)})"))
        side.append(table(
            ["#", "path", "amount", "purpose"],
            ([link(f"incentive-{i}", str(i + 1)), inc.path or "", f"{_num(inc.amount)} {inc.unit}",
              inc.purpose]
             for i, inc in enumerate(notice.incentives)),
            cls="incentives"))
    return side


def review_html(notice: Notice) -> str:
    """The review page of one notice, as a self-contained HTML document."""
    marks, problems = collect_marks(notice)
    text = render_marked(notice.text, marks, el("div", id="text", cls="text", lang="zh-CN"))
    header = _header(notice, [*notice.warnings, *problems])
    header.append(_legend({m.kind for m in marks}))
    title = f"Review: {notice.title or notice.source or 'notice'}"
    return page(title, BASE_CSS + REVIEW_CSS, header, el("main", text, _side(notice), cls="review"),
                body_class="review")


# ---------------------------------------------------------------- command line


def cmd_review(args: argparse.Namespace) -> int:
    from .errors import describe
    from .files import emit
    from .pipeline import parse_file

    try:
        data = review_html(parse_file(args.file))
    except Exception as exc:  # ours or a bug: either way one line, not a traceback
        print(f"policyparse: {args.file}: {describe(exc)}", file=sys.stderr)
        return 1
    return emit(args.out, data)


def register(subparsers: Any) -> None:
    """Add ``review`` (and ``overview``) to the ``policyparse`` command line."""
    p = subparsers.add_parser(
        "review", help="write a self-contained HTML page showing what was read from FILE",
        description="Write one self-contained HTML page: the notice's text with every extracted item "
                    "highlighted in place, an outline, and tables linking back into the text.")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--out", type=Path, metavar="PAGE", help="output .html file (default: print to stdout)")
    p.set_defaults(func=cmd_review)

    from .overview import register as register_overview

    register_overview(subparsers)
