"""Saved government web pages → the notice's text and the page's metadata table.

The text returned here is what the Notice keeps and what every span points into, so it holds
only characters from the page plus line breaks, collapsed spaces and table pipes: one line per
paragraph, a ``<table>`` as ``| cell | cell |`` rows (a cell's own line breaks written ``<br>``,
which the normaliser reads as a tab), and a title the page breaks over several centred lines
joined back into one.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from .errors import DecodeError, UnsupportedFormatError
from .lexicon import html as lx
from .load import decode

# ---------------------------------------------------------------------------------------------
# decoding


def _declared_charset(data: bytes) -> str | None:
    m = lx.DECLARED_CHARSET.search(data[:8192])
    if not m:
        return None
    name = m.group(1).decode("ascii", "ignore").lower().strip("-_.:")
    name = lx.CHARSET_ALIASES.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _try_decode(data: bytes, encoding: str, lenient: bool) -> str | None:
    """``data`` as text in ``encoding``, or None; ``lenient`` lets a few broken bytes through.

    A few is judged against the characters that did decode: a page in the right encoding with
    a flipped byte has one broken character among thousands of good ones, while a page read in
    the wrong encoding breaks nearly every non-ASCII character.
    """
    try:
        text = data.decode(encoding, "replace" if lenient else "strict")
    except (UnicodeDecodeError, LookupError):
        return None
    if lenient:
        text = text.replace("\x00", "\ufffd")
        broken = text.count("\ufffd")
        # Non-ASCII characters, counted in C: the ASCII-only encoding drops exactly those.
        good = len(text) - len(text.encode("ascii", "ignore")) - broken
        if broken > max(1, good // lx.GOOD_PER_BROKEN):
            return None
    sample = text[:4096]
    if "\x00" in sample or len(lx.BINARY_CHAR.findall(sample)) > len(sample) // 100:
        return None  # binary, or UTF-16 read a byte at a time
    return text


def decode_html(data: bytes, source: str | None = None) -> tuple[str, str]:
    """BOM, then the declared charset, then UTF-8, then GB18030 (``load.decode``'s order).

    Valid UTF-8 wins even over a declared GB charset: a page saved again as UTF-8 often keeps
    its old ``<meta charset=gb2312>``, and real GBK text is practically never valid UTF-8. A page
    with a few broken bytes (cut short in an archive, a flipped byte) is read in the encoding the
    rest of it is in, with U+FFFD for those bytes, not as mojibake in the next encoding that
    happens to accept every byte.
    """
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode(data, source)
    declared = _declared_charset(data)
    if declared in lx.UNTRUSTED_CHARSETS or (declared and declared.startswith("utf-16")):
        declared = None
    attempts = [("utf-8", False), (declared, False), ("utf-8", True), (declared, True),
                ("gb18030", False), ("gb18030", True)]
    for enc, lenient in attempts:
        if enc:
            text = _try_decode(data, enc, lenient)
            if text is not None:
                return text, enc
    # UTF-16 without a BOM, the detector's guess, or a DecodeError that names the source.
    return decode(data, source)


# ---------------------------------------------------------------------------------------------
# parsing


def _parse(text: str, source: str | None) -> Any:
    import lxml.etree
    import lxml.html

    # Bytes with an explicit encoding: lxml otherwise guesses from a missing or stale <meta>.
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_blank_text=False, remove_comments=False)
    text = lx.DOCUMENT_END_TAG.sub("", lx.XML_DECLARATION.sub("", text, count=1))
    body = text.encode("utf-8", "surrogatepass")
    try:
        return lxml.html.document_fromstring(body, parser=parser)
    except lxml.etree.ParserError as exc:  # libxml2's "Document is empty"
        raise UnsupportedFormatError(source, "no notice text found in the page") from exc
    except (lxml.etree.XMLSyntaxError, ValueError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise UnsupportedFormatError(source, f"not a readable HTML page ({reason})") from exc


def _tag(el: Any) -> str:
    tag = el.tag
    return tag.lower() if isinstance(tag, str) else ""


def _attr(el: Any, name: str) -> str:
    value = el.get(name)
    return value if isinstance(value, str) else ""


def _han(s: str) -> int:
    return len(lx.HAN_CHAR.findall(s))


def _is_junk(el: Any) -> bool:
    """Furniture to drop: scripts, frames, hidden blocks, share bars, QR boxes, navigation."""
    tag = _tag(el)
    if not tag:  # comments and processing instructions
        return True
    if tag in lx.JUNK_TAGS:
        return True
    if lx.HIDDEN_STYLE.search(_attr(el, "style")):
        return True
    names = f"{_attr(el, 'id')} {_attr(el, 'class')}".strip()
    if names and lx.JUNK_NAME.search(names):
        # A wrapper named like furniture that still holds a long paragraph is not furniture.
        return not any(_han(t) >= 60 for t in el.itertext())
    return False


# ---------------------------------------------------------------------------------------------
# the metadata table


@dataclass(slots=True)
class _Meta:
    fields: dict[str, str] = field(default_factory=dict)
    blocks: list[Any] = field(default_factory=list)  # the tables/lists they came from


def _clean_value(s: str) -> str:
    return str(lx.VALUE_SPACE.sub(" ", s)).strip()


def _label(s: str) -> str:
    return str(lx.LABEL_SPACE.sub("", s)).rstrip(":：")


def _cell_text(el: Any) -> str:
    return "".join(t for t in _texts(el))


def _texts(el: Any) -> Iterator[str]:
    """Text of ``el`` without scripts and comments."""
    if el.text and _tag(el) not in lx.JUNK_TAGS:
        yield el.text
    for child in el:
        if _tag(child) and _tag(child) not in ("script", "style"):
            yield from _texts(child)
        if child.tail:
            yield child.tail


def _is_label(cell: str) -> bool:
    # "索 引 号：" with its colon, or a known label on its own ("<th>发文字号</th>").
    return bool(lx.LABEL_ONLY.match(cell)) or (len(cell) <= 20 and _label(cell) in lx.KNOWN_LABELS)


def _pairs_from_cells(cells: list[str]) -> list[tuple[str, str]]:
    """Label/value pairs from one row: a label cell then its value cell, or both in one cell."""
    pairs: list[tuple[str, str]] = []
    i = 0
    while i < len(cells):
        cell = cells[i]
        if _is_label(cell):
            nxt = cells[i + 1] if i + 1 < len(cells) else ""
            if _is_label(nxt):
                i += 1
                continue
            pairs.append((_label(cell), _clean_value(nxt)))
            i += 2
            continue
        m = lx.LABEL_VALUE.match(cell)
        if m:
            pairs.append((_label(m.group(1)), _clean_value(m.group(2))))
        i += 1
    return pairs


def _row_cells(row: Any) -> list[str]:
    # A cell that wraps a whole nested table is layout, not a label or a value.
    return [
        "" if any(True for _ in c.iter("table")) else _cell_text(c)
        for c in row
        if _tag(c) in ("td", "th")
    ]


def _read_metadata(root: Any, inside: Any = None) -> _Meta:
    """Label/value tables and lists (and a few <meta> tags); blocks within ``inside`` are body."""
    meta = _Meta()

    def take(block: Any, pairs: list[tuple[str, str]]) -> None:
        if len(pairs) < lx.MIN_PAIRS or (inside is not None and _within(block, inside)):
            return
        if not any(key in lx.KNOWN_LABELS for key, _ in pairs):
            return
        meta.blocks.append(block)
        for key, value in pairs:
            if key and value and key not in meta.fields:
                meta.fields[key] = value

    for table in root.iter("table"):
        pairs: list[tuple[str, str]] = []
        for row in table.iter("tr"):
            if _nearest(row, "table") is table:
                pairs.extend(_pairs_from_cells(_row_cells(row)))
        take(table, pairs)
    for lst in root.iter("ul", "ol", "dl"):
        pairs = []
        for item in lst:
            tag = _tag(item)
            if tag == "li":
                parts = [_cell_text(c) for c in item if _tag(c)]
                if (item.text or "").strip() or len(parts) < 2:
                    parts = [_cell_text(item)]
                pairs.extend(_pairs_from_cells(parts))
            elif tag in ("dt", "dd"):
                pairs.extend(_pairs_from_cells([_cell_text(item)]))
        take(lst, pairs)
    for key, value in list(meta.fields.items()):
        canonical = lx.CANONICAL_LABELS.get(key)
        if canonical and canonical not in meta.fields:
            meta.fields[canonical] = value
    for el in root.iter("meta"):
        canonical = lx.META_FALLBACKS.get(_attr(el, "name").lower())
        value = _clean_value(_attr(el, "content"))
        if canonical and value and canonical not in meta.fields:
            meta.fields[canonical] = value
    return meta


def _within(el: Any, ancestor: Any) -> bool:
    # Compared by identity while both are referenced: lxml reuses a live element's proxy.
    while el is not None:
        if el is ancestor:
            return True
        el = el.getparent()
    return False


def _nearest(el: Any, tag: str) -> Any:
    parent = el.getparent()
    while parent is not None and _tag(parent) != tag:
        parent = parent.getparent()
    return parent


# ---------------------------------------------------------------------------------------------
# the body


def _marked_body(root: Any, html: str, source: str | None) -> Any:
    """The body where the site marks it: a known id, or a CMS's start/end markers."""
    for body_id in lx.BODY_IDS:
        found = root.xpath("//*[@id=$v]", v=body_id)
        if found:
            return found[0]
    for start, end in lx.BODY_MARKERS:
        s = start.search(html)
        if not s:
            continue
        e = end.search(html, s.end())
        if not e:
            continue
        part = html[s.end() : e.start()]
        if lx.WORD_CHAR.search(part):
            return _parse(f"<html><body><div>{part}</div></body></html>", source).body
    return None


_PARAGRAPH_TAGS = frozenset({"p", "li", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6"})
_CELL_TAGS = frozenset({"td", "th", "tr", "caption"})


def _block_of(el: Any) -> Any:
    while el is not None and _tag(el) not in lx.BLOCK_TAGS and _tag(el) not in ("td", "th"):
        el = el.getparent()
    return el


def _count_han(el: Any, skip_ids: set[int], own: dict[int, int], elements: dict[int, Any]) -> None:
    """Credit each block with the Han characters of its own text, children first.

    A module function rather than a closure that calls itself: such a closure is a reference
    cycle holding the page's elements, which only the cyclic collector would free.
    """
    if id(el) in skip_ids or _is_junk(el):
        return
    n = _han(el.text or "")
    for child in el:
        _count_han(child, skip_ids, own, elements)
        n += _han(child.tail or "")
    if n:
        block = _block_of(el)
        if block is not None:
            own[id(block)] = own.get(id(block), 0) + n
            elements[id(block)] = block


def _densest_block(root: Any, skip: list[Any]) -> Any:
    """The element whose paragraphs hold the most Chinese text (the readability idea).

    A paragraph's Han count goes to its container and, at a discount, to the container's
    parent, so a body whose paragraphs each sit in their own ``div`` still scores as one.
    Metadata tables and furniture are left out, so a short body beats a long label table.
    """
    skip_ids = {id(b) for b in skip}
    own: dict[int, int] = {}
    elements: dict[int, Any] = {}
    _count_han(root, skip_ids, own, elements)
    totals: dict[int, float] = {}
    cell_sizes: dict[int, tuple[Any, int]] = {}  # the element is kept so its id stays its own

    def cell_han(cell: Any) -> int:
        if id(cell) not in cell_sizes:
            cell_sizes[id(cell)] = (cell, _han("".join(_texts(cell))))
        return cell_sizes[id(cell)][1]

    def credit(el: Any, score: float) -> None:
        if el is not None:
            totals[id(el)] = totals.get(id(el), 0.0) + score
            elements[id(el)] = el

    for key, n in own.items():
        block = elements[key]
        cell = block if _tag(block) in _CELL_TAGS else _nearest(block, "td")
        table = _nearest(cell, "table") if cell is not None else None
        if table is not None and table.getparent() is not None and cell_han(cell) < lx.LAYOUT_CELL_HAN:
            # A small cell is data in a table that is part of the body, not a body of its own.
            target = table.getparent()
        elif _tag(block) in _PARAGRAPH_TAGS and block.getparent() is not None:
            target = block.getparent()
        else:
            target = block
        credit(target, n)
        credit(target.getparent(), 0.4 * n)
    if not totals:
        return root
    return elements[max(totals, key=lambda k: totals[k])]


# ---------------------------------------------------------------------------------------------
# rendering


@dataclass(slots=True)
class _Line:
    parts: list[tuple[str, bool, bool]] = field(default_factory=list)  # (text, bold, link)
    centered: bool = False

    def text(self) -> str:
        return "".join(p[0] for p in self.parts)

    def all(self, index: int) -> bool:
        return all(p[index] for p in self.parts if p[0].strip())


class _Renderer:
    def __init__(self, skip: frozenset[int] = frozenset()) -> None:
        self.lines: list[_Line] = []
        self.current = _Line()
        self.skip = skip  # ids of elements left out (metadata tables inside a guessed body)

    def text(self, s: str, bold: bool, link: bool, centered: bool) -> None:
        s = lx.COLLAPSIBLE_SPACE.sub(" ", s)
        if not s:
            return
        if not self.current.parts:
            self.current.centered = centered
        self.current.parts.append((s, bold, link))

    def newline(self) -> None:
        if self.current.text().strip(" \u3000"):
            self.lines.append(self.current)
        self.current = _Line()

    def finish(self) -> list[_Line]:
        self.newline()
        return self.lines

    def walk(
        self, el: Any, bold: bool = False, link: bool = False, centered: bool = False, top: bool = False
    ) -> None:
        tag = _tag(el)
        # The body the site marks is read even when it hides it (a screen copy hidden for print).
        if not top and (id(el) in self.skip or _is_junk(el)):
            return
        if tag == "br":
            self.newline()
            return
        if tag == "hr":
            self.newline()
            return
        style = _attr(el, "style")
        bold = bold or tag in lx.BOLD_TAGS or tag in lx.HEADING_TAGS or bool(lx.BOLD_STYLE.search(style))
        link = link or tag == "a"
        block = tag in lx.BLOCK_TAGS or tag in ("td", "th")
        if block:
            align = _attr(el, "align").lower()
            if tag == "center" or align == "center" or lx.CENTER_STYLE.search(style):
                centered = True
            elif align in ("left", "right", "justify") or lx.LEFT_STYLE.search(style):
                centered = False
            self.newline()
        if tag == "table":
            self.table(el)
            self.newline()
            return
        if el.text:
            self.text(el.text, bold, link, centered)
        for child in el:
            self.walk(child, bold, link, centered)
            if child.tail:
                self.text(child.tail, bold, link, centered)
        if block:
            self.newline()

    def table(self, table: Any) -> None:
        rows = [r for r in table.iter("tr") if _nearest(r, "table") is table]
        cell_rows = [[c for c in r if _tag(c) in ("td", "th") and not _is_junk(c)] for r in rows]
        if all(len(cells) <= 1 for cells in cell_rows):
            # A layout table (one cell per row): its cells are ordinary blocks.
            for cells in cell_rows:
                for cell in cells:
                    self.walk(cell)
            return
        for cells in cell_rows:
            texts = []
            for cell in cells:
                sub = _Renderer()
                sub.walk(cell)
                texts.append("<br>".join(_strip(ln.text()) for ln in sub.finish()))
            if any(texts):
                self.newline()
                self.current.parts.append(("| " + " | ".join(texts) + " |", False, False))
                self.newline()


def _strip(s: str) -> str:
    return str(lx.EDGE_SPACE.sub("", s))


def _title_like(line: _Line) -> bool:
    text = _strip(line.text())
    return (
        line.centered
        and 0 < len(text) <= 60
        and not line.all(2)
        and not lx.TITLE_STOP.search(text)
        and not lx.NOT_TITLE_LINE.search(text)
    )


def _join_title_lines(lines: list[_Line]) -> list[str]:
    """One centred title the page breaks over several lines (by <p> or <br>) becomes one line.

    Bold centred runs are joined anywhere (the titles of carried regulations sit mid-body);
    plain centred runs only at the top, so a centred two-issuer signature keeps its lines.
    """
    out: list[str] = []
    prev: _Line | None = None
    at_top = True
    for line in lines:
        text = _strip(line.text())
        if (
            prev is not None
            and out
            and _title_like(prev)
            and _title_like(line)
            and prev.all(1) == line.all(1)
            and (line.all(1) or at_top)
            and len(out[-1]) + len(text) <= lx.TITLE_MAX_JOINED
        ):
            out[-1] += text
        else:
            out.append(text)
        at_top = at_top and line.centered
        prev = line
    return out


def _drop_tail(lines: list[_Line]) -> list[_Line]:
    """Cut a trailing "相关解读：…" block (and the bare links after it)."""
    cut = None
    for i in range(len(lines) - 1, -1, -1):
        text = _strip(lines[i].text())
        if lx.RELATED_LINE.match(text):
            cut = i
        elif not lines[i].all(2):
            break
    return lines[:cut] if cut is not None else lines


def _dedupe(lines: list[str]) -> list[str]:
    """A body printed twice in one container (screen and print copies) is kept once."""
    n = len(lines)
    if n >= 2 and n % 2 == 0 and lines[: n // 2] == lines[n // 2 :]:
        return lines[: n // 2]
    return lines


def _render(body: Any, skip: list[Any]) -> list[str]:
    r = _Renderer(frozenset(id(b) for b in skip))
    r.walk(body, top=True)
    lines = [ln for ln in r.finish() if not lx.JUNK_LINE.match(_strip(ln.text()))]
    return _dedupe(_join_title_lines(_drop_tail(lines)))


def _squash(s: str) -> str:
    return str(lx.LABEL_SPACE.sub("", s))


def _with_header(html: str, meta: dict[str, str], lines: list[str]) -> list[str]:
    """The page's title and 文号 on top of a body that leaves them out.

    CMS bodies often start at the 主送 line, with the title in a field above and the 文号 only in
    the metadata table; the notice's own title and number then get no span in the text unless
    their lines are put back where a printed notice has them, title first, then the 文号.
    """
    titles: list[str] = []
    m = lx.TITLE_MARKER.search(html)
    if m:
        try:
            frag = _parse(f"<html><body><p>{m.group(1)}</p></body></html>", None)
        except UnsupportedFormatError:
            pass  # an empty or unreadable title field: fall back to the metadata's 标题
        else:
            titles.append(_clean_value(_cell_text(frag.body)))
    if "标题" in meta:
        titles.append(meta["标题"])
    title = next((t for t in titles if _han(t) >= 4), None)
    lines = list(lines)
    after = 0  # where the 文号 goes: under the title
    if title:
        wanted, head = _squash(title), ""
        for i, line in enumerate(lines[: lx.TITLE_HEAD_LINES]):
            head += _squash(line)
            if wanted in head:
                after = i + 1
                break
        else:
            lines.insert(0, title)
            after = 1
    number = meta.get("发文字号", "")
    if number and lx.NUMBER_LIKE.search(number) and _squash(number) not in _squash("".join(lines)):
        lines.insert(after, number)
    return lines


# ---------------------------------------------------------------------------------------------


def html_to_text(data: bytes, source: str | None = None) -> tuple[str, dict[str, str], str]:
    """A saved page's bytes → (the notice's text, the page's metadata, the encoding used).

    Raises ``DecodeError`` for bytes that are not text, ``UnsupportedFormatError`` for a page
    with no notice text in it.
    """
    if not data.strip():
        raise UnsupportedFormatError(source, "empty HTML page")
    html, encoding = decode_html(data, source)
    if "\x00" in html:
        raise DecodeError(source, "binary data, not an HTML page")
    try:
        root = _parse(html, source)
        body = _marked_body(root, html, source)
        meta = _read_metadata(root, inside=body)
        if body is None:
            body = _densest_block(root, meta.blocks)
        lines = _render(body, meta.blocks)
        if not any(lx.WORD_CHAR.search(ln) for ln in lines):
            raise UnsupportedFormatError(source, "no notice text found in the page")
        lines = _with_header(html, meta.fields, lines)
    except RecursionError as exc:
        raise UnsupportedFormatError(source, "HTML nested too deeply to read") from exc
    return "\n".join(lines) + "\n", meta.fields, encoding
