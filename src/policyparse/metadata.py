"""The notice's own metadata: title, document number, issuer, issue date, recipients, period.

Sources, most trusted first:

1. ``page_metadata`` from the HTML loader (标题, 发文字号, 发文机关/发文单位, 成文日期 …);
2. a web metadata block in the text (``成文日期 2017-08-09``, ``索引号 :`` / value on the next
   line, ``[发文字号] 丰政办发 [2026] 4号``, ``发文机构:… | 发文时间:…``), kept in ``fields``;
3. the notice itself: its title line(s), its own number on a line of its own, the
   addressee line ending in ``:``, and the signature (issuer, then date) after the body of
   the notice.

Close calls (see gold NOTES): 发布日期/发文时间/发文日期 are when a page went online, never
the issue date. A number beside a 《》 title or inside a sentence is a citation, not the
notice's own. With no signature the issuer is the body before 关于 in the title, unless a
metadata field gives a fuller form of that same name (天津市工业和信息化局 for the title's
市工业和信息化局). A signature written without separators between joint issuers takes the
separated form of the metadata or title when they name the same bodies.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import NamedTuple

import regex

from .dates import cut_to_month, parse_date, to_date
from .docnumbers import normalized_number, split_doc_number
from .lexicon import metadata as lx
from .located import Located
from .models import DateMention, DocNumber, Period, Span
from .normalize import Normalized
from .orgunits import split_units
from .sections import Outline

HEADER_LIMIT = 6000  # no notice's header runs this long; bounds the search when nothing ends it
_WS = regex.compile(r"\s+")


def _without_space(s: str) -> str:
    """``_WS.sub("", s)``. Most lines and titles hold no whitespace, and a printable string
    without a plain space holds none (every other whitespace character is unprintable): the
    pattern is run only when there may be some."""
    return s if s.isprintable() and " " not in s else _WS.sub("", s)


@dataclass(slots=True)
class Metadata:
    title: str | None = None
    title_span: Span | None = None
    doc_number: DocNumber | None = None
    issuer: str | None = None
    issue_date: dt.date | None = None
    recipients: list[str] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)
    period: Period | None = None


class _Line(NamedTuple):
    start: int
    end: int
    text: str


def _line_texts(text: str, start: int, end: int) -> list[str]:
    """The lines of ``text[start:end]``, with no empty line after a final break."""
    chunk = text[start:end]
    parts = chunk.split("\n")
    if not chunk or chunk.endswith("\n"):
        parts.pop()
    return parts


def _lines(text: str, start: int, end: int) -> list[_Line]:
    """The lines of ``text[start:end]`` with their offsets."""
    out = []
    pos = start
    for part in _line_texts(text, start, end):
        stop = pos + len(part)
        out.append(_Line(pos, stop, part))
        pos = stop + 1
    return out


# ---------------------------------------------------------------- web metadata fields


def _split_fields(value: str) -> list[tuple[str | None, str]]:
    """'沈阳市人民政府 | 发文时间:2020-09-30' → [(None, '沈阳市人民政府'), ('发文时间', '2020-09-30')]."""
    out: list[tuple[str | None, str]] = []
    label: str | None = None
    pos = 0
    for m in lx.NEXT_FIELD.finditer(value):
        if m.start() == 0 and label is None and not out:
            label = m.group("label")
            pos = m.end()
            continue
        out.append((label, value[pos : m.start()].strip()))
        label, pos = m.group("label"), m.end()
    out.append((label, value[pos:].strip()))
    return out


def read_fields(
    norm: Normalized, start: int, end: int, lines: list[_Line] | None = None
) -> dict[str, tuple[str, int, int]]:
    """Web metadata fields in normalised ``start:end``: label → (value, value start, value end).

    The first occurrence of a label wins. A label line ending in a colon with nothing after
    it takes the next non-blank line as its value unless that line is a label itself.
    ``lines``, if given, are ``_lines(norm.text, start, end)`` already split."""
    text = norm.text
    if lines is None:
        lines = _lines(text, start, end)
    out: dict[str, tuple[str, int, int]] = {}
    for i, line in enumerate(lines):
        m = lx.FIELD_LINE.match(line.text)
        if m is None:
            continue
        label, value, sep = m.group("label"), m.group("value"), m.group("sep")
        glued = not sep and m.group("br") is None and value and m.start("value") == m.end("label")
        if glued and label not in lx.GLUE_OK:
            continue
        if not (sep or m.group("br") or glued or not value or line.text[m.end("label") :][:1].isspace()):
            continue
        vstart = line.start + m.start("value")
        if not value and sep:
            nxt = next((ln for ln in lines[i + 1 : i + 3] if ln.text.strip()), None)
            if nxt is not None and not lx.FIELD_LINE.match(nxt.text) and not nxt.text.rstrip().endswith(":"):
                value, vstart = nxt.text, nxt.start
        for lab, val in _split_fields(value):
            key = label if lab is None else lab
            val = lx.BAR.sub("", val).strip().strip("_").strip()
            if key not in out:
                vs = text.find(val, vstart) if val else vstart
                out[key] = (val, vs, vs + len(val))
    return out


# ---------------------------------------------------------------- recipients


def _find_recipients(norm: Normalized, start: int, end: int) -> tuple[str, int, int] | None:
    """The addressee line: organ names and a colon, the body after it."""
    # Plain line texts, offsets counted along: the line it stops at is usually near the top
    # of a header searched much further down.
    lines = _line_texts(norm.text, start, end)
    next_start = start
    for i, t in enumerate(lines):
        line_start, next_start = next_start, next_start + len(t) + 1
        colon = t.find(":")
        if colon < 0 and i + 1 < len(lines) and lines[i + 1].strip() == ":":
            colon = len(t)
        if colon <= 1:
            continue
        head = t[:colon].strip()
        if (
            "。" in head
            or len(head) > 300
            or lx.FIELD_LINE.match(t)
            or lx.NEXT_FIELD.search(t[: colon + 1])
            or lx.RECIPIENT_NOT.search(head)
            or not lx.RECIPIENT_HINT.search(head)
            or not lx.RECIPIENT_START.match(head)
        ):
            continue
        s = line_start + t.index(head[0])
        return head, s, s + len(head)
    return None


def split_recipients(s: str) -> list[str]:
    """Split a 主送 line into addressees with the organisation-name grammar: never inside
    brackets, and joint levels stay one addressee (``各区、县(市)人民政府``, ``各区、市政府``)."""
    pieces, _ = split_units(s)
    return [p.text.strip() for p in pieces if p.text.strip()]


# ---------------------------------------------------------------- title


def _strip_wrapping(text: str, numbers: list[Located[DocNumber]], line: _Line) -> tuple[int, int]:
    """Offsets of a title line without a leading own number and a wrapping 《》."""
    s, e = line.start, line.end
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    for n in numbers:
        if n.start == s and n.end < e:
            s = n.end
            while s < e and text[s].isspace():
                s += 1
    # WRAPPED is tried only on a line between 《 and 》 (most are not).
    if e - s >= 2 and text[s] == lx.WRAP_OPEN and text[e - 1] == lx.WRAP_CLOSE and lx.WRAPPED.match(text[s:e]):
        s, e = s + 1, e - 1
    return s, e


def _ends_in_kind(joined: str) -> bool:
    """TITLE_END found in ``joined`` (which holds no whitespace), tried only when its last
    character can end a match."""
    return joined[-1:] in lx.TITLE_LAST and lx.TITLE_END.search(joined) is not None


def _title_shaped(joined: str) -> bool:
    """TITLE_SHAPE matches ``joined`` (which holds no whitespace); the same cheap test first."""
    return joined[-1:] in lx.TITLE_LAST and lx.TITLE_SHAPE.match(joined) is not None


def _title_candidates(
    norm: Normalized, numbers: list[Located[DocNumber]], lines: list[_Line]
) -> list[tuple[int, int, int]]:
    """(rank, start, end) of every title-shaped line or run of lines; rank 0 is strongest."""
    text = norm.text
    out: list[tuple[int, int, int]] = []
    def in_number(a: int, b: int) -> bool:
        # A plain loop (most headers hold no number or one): no generator frame per line.
        for n in numbers:
            if n.start < b and a < n.end:
                break
        else:
            return False
        return True

    for i, line in enumerate(lines):
        s, e = _strip_wrapping(text, numbers, line)
        if e <= s or lx.FIELD_LINE.match(line.text) or not lx.TITLE_START.match(text, s) or in_number(s, e):
            continue
        # Forward over a title broken across short lines until one ends in a document kind.
        j = i
        joined = _without_space(text[s:e])
        while not _ends_in_kind(joined) and j + 1 < len(lines) and j - i < lx.TITLE_MAX_LINES:
            nxt = lines[j + 1].text.strip()
            if (
                not nxt
                or len(nxt) > lx.TITLE_LINE_MAX
                or lx.TITLE_LINE_STOP.search(nxt)
                or in_number(lines[j + 1].start, lines[j + 1].end)
            ):
                break
            j += 1
            joined += _without_space(nxt)
            e = lines[j].end
        if not _title_shaped(joined):
            continue
        # Backward over the issuer's name set on the line(s) above 关于.
        k = i
        if joined.find("关于") > 0 or joined.startswith("关于"):
            while k > 0 and i - k < 3:
                prev = lines[k - 1].text.strip()
                if not prev or not lx.ORG.match(_without_space(prev)):
                    break
                k -= 1
            if k < i:
                s = lines[k].start + (len(lines[k].text) - len(lines[k].text.lstrip()))
                joined = _without_space(text[s:e])
        strong = bool(lx.TITLE_STRONG.search(joined))
        out.append((0 if strong else 1, s, e))
    return out


# ---------------------------------------------------------------- signature and date


def _org_above(norm: Normalized, line_start: int, floor: int) -> tuple[str, int, int] | None:
    """Organ-name lines right above ``line_start`` (blank lines skipped), joined."""
    text = norm.text
    parts: list[tuple[int, int]] = []
    pos = line_start
    while pos > floor and len(parts) < 4:
        prev_end = pos - 1
        prev_start = text.rfind("\n", floor, prev_end) + 1
        prev_start = max(prev_start, floor)
        t = text[prev_start:prev_end].strip()
        pos = prev_start
        if not t:
            if parts:
                break
            continue
        if not lx.ORG.match(_without_space(t)):
            break
        parts.append((prev_start, prev_end))
    if not parts:
        return None
    s, e = parts[-1][0], parts[0][1]
    return issuer_name(norm.raw(s, e)), s, e


def _signature(
    norm: Normalized, dates: list[Located[DateMention]], start: int, end: int
) -> tuple[Located[DateMention], tuple[str, int, int] | None] | None:
    """The signing date (a day standing at the end of a signature) and the organ above it."""
    text = norm.text
    for d in dates:
        if d.start < start or d.start >= end:
            continue
        m = d.item
        if m.precision != "day" or m.qualifier:
            continue
        if not lx.AFTER_SIGNATURE_DATE.match(text, d.end):
            continue
        line_start = text.rfind("\n", 0, d.start) + 1
        before = text[line_start : d.start]
        if before.strip():
            t = lx.TRAILING_ORG.search(before)
            if t is None or not lx.ORG.match(t.group("org")):
                continue
            s, e = line_start + t.start("org"), line_start + t.end("org")
            return d, (issuer_name(norm.raw(s, e)), s, e)
        return d, _org_above(norm, line_start, start)
    return None


def issuer_name(raw: str) -> str:
    """An issuer as written → its name; joint issuers set apart by spaces or line breaks
    are joined with 、 (``国家发展改革委 国家能源局`` → ``国家发展改革委、国家能源局``).

    The pieces between breaks are joined back until each run ends like an organ's name, so
    a name spaced out to align a signature (``教 育 部``) stays one; the split is kept only
    when every run is such a name and there are at least two.
    """
    pieces = [p for p in lx.ISSUER_BREAK.split(raw) if p]
    names: list[str] = []
    run = ""
    for piece in pieces:
        if not run and names and piece in lx.ISSUER_CONTINUATION:
            names[-1] += piece
            continue
        run += piece
        if lx.ORG.match(run):
            names.append(run)
            run = ""
    if len(names) >= 2 and not run:
        return "、".join(names)
    return _without_space(raw)


def _same_bodies(a: str, b: str) -> bool:
    return bool(lx.ISSUER_SEPARATORS.sub("", a) == lx.ISSUER_SEPARATORS.sub("", b))


def _choose_issuer(signed: str | None, from_title: str | None, from_field: str | None) -> str | None:
    if signed:
        for other in (from_field, from_title):
            if other and other != signed and _same_bodies(other, signed):
                return other
        return signed
    if from_title:
        if from_field and from_field.endswith(from_title) and len(from_field) > len(from_title):
            return from_field
        return from_title
    return from_field or None


# ---------------------------------------------------------------- period


def _in_brackets(text: str, pos: int, open_: str, close: str, limit: int = 200) -> bool:
    depth = 0
    for i in range(pos - 1, max(-1, pos - limit), -1):
        c = text[i]
        if c == close:
            depth += 1
        elif c == open_:
            if depth == 0:
                return True
            depth -= 1
        elif c == "\n":
            return False
    return False


def _period(
    norm: Normalized,
    dates: list[Located[DateMention]],
    title_range: tuple[int, int] | None,
    preamble_end: int,
) -> Period | None:
    text = norm.text
    ranges = [d for d in dates if d.item.precision == "range" and d.item.value and d.item.end]

    def make(d: Located[DateMention]) -> Period:
        # YYYY or YYYY-MM, like phases and deadlines: a day range is cut to its months.
        return Period(
            start=cut_to_month(d.item.value), end=cut_to_month(d.item.end), text=d.item.text, span=d.item.span
        )

    if title_range is not None:
        for d in ranges:
            if title_range[0] <= d.start and d.end <= title_range[1]:
                return make(d)
    for d in ranges:
        before = text[max(0, d.start - lx.PERIOD_CUE_WINDOW) : d.start]
        if lx.PERIOD_CUE.search(before):
            return make(d)
    for d in ranges:
        if d.start >= preamble_end:
            break
        if _in_brackets(text, d.start, "《", "》"):
            continue
        line_start = text.rfind("\n", 0, d.start) + 1
        line_end = text.find("\n", d.end)
        line = text[line_start : len(text) if line_end < 0 else line_end].strip()
        if lx.PLAN_WORD_BEFORE.search(text[max(0, d.start - 8) : d.start]) or line == f"({d.item.text})":
            return make(d)
    return None


# ---------------------------------------------------------------- the stage


def _own_number_in_text(
    norm: Normalized, numbers: list[Located[DocNumber]], end: int
) -> Located[DocNumber] | None:
    """A number standing alone on its line(s) (brackets allowed) before ``end``."""
    text = norm.text
    for n in numbers:
        if n.start >= end:
            break
        ls = text.rfind("\n", 0, n.start) + 1
        le = text.find("\n", n.end)
        le = len(text) if le < 0 else le
        before, after = text[ls : n.start].strip(), text[n.end : le].strip()
        if before in ("", "(") and after in ("", ")"):
            return n
        if before == "" and lx.WRAPPED.match(after):
            return n  # 市政办发〔2017〕109号《…notice title…》: a page header
    return None


def _number_from_field(
    value: str, vstart: int, numbers: list[Located[DocNumber]], norm: Normalized
) -> DocNumber | None:
    parts = split_doc_number(value)
    if parts is None:
        return None
    normalized = normalized_number(*parts)
    for n in numbers:
        if n.item.normalized == normalized and vstart <= n.start <= vstart + len(value) + 2:
            return n.item
    for n in numbers:
        if n.item.normalized == normalized:
            return n.item
    # Only in page metadata (the text does not repeat it): no span to point at.
    agency, year, serial = parts
    return DocNumber(
        text=value, normalized=normalized, agency=agency, year=year, serial=serial, span=Span(start=0, end=0)
    )


def _first(d: dict[str, str], keys: tuple[str, ...]) -> str | None:
    for k in keys:
        v = d.get(k)
        if v:
            return v
    return None


def read_metadata(
    norm: Normalized,
    outline: Outline,
    numbers: list[Located[DocNumber]],
    dates: list[Located[DateMention]],
    page_metadata: dict[str, str],
) -> Metadata:
    """Metadata from the text's header, signature and any web metadata block."""
    text = norm.text
    first_heading = outline.nodes[0].start if outline.nodes else len(text)
    # The header ends at the first heading; a heading-like line at the very top must not
    # leave it empty.
    search_end = min(len(text), HEADER_LIMIT, max(first_heading, 400))

    recipients = _find_recipients(norm, 0, search_end)
    header_end = recipients[1] if recipients else search_end
    header_lines = _lines(text, 0, header_end)

    found = read_fields(norm, 0, header_end, header_lines)
    page = {k.replace(" ", ""): v.strip() for k, v in page_metadata.items() if isinstance(v, str)}
    fields: dict[str, str] = {k: v for k, (v, _, _) in found.items()}
    fields.update(page)

    meta = Metadata(fields=fields)
    if recipients:
        meta.recipients = split_recipients(recipients[0])

    # Title.
    title_range: tuple[int, int] | None = None
    page_title = _first(page, lx.TITLE_FIELDS)
    text_title = next(((k, found[k]) for k in lx.TITLE_FIELDS if found.get(k, ("",))[0]), None)
    # Only numbers starting in the header can touch its lines.
    header_numbers = [n for n in numbers if n.start < header_end]
    candidates = _title_candidates(norm, header_numbers, header_lines)
    if page_title:
        meta.title = _without_space(page_title)
        at = text.find(meta.title, 0, header_end + len(meta.title))
        if at >= 0:
            title_range = (at, at + len(meta.title))
    elif text_title is not None:
        _, (value, vs, ve) = text_title
        meta.title = _without_space(value)
        title_range = (vs, ve)
    elif candidates:
        _, s, e = min(candidates, key=lambda c: (c[0], c[1]))
        meta.title = _without_space(text[s:e])
        title_range = (s, e)
    if title_range is not None:
        meta.title_span = norm.span(*title_range)

    # Own document number.
    field_number = None
    for k in lx.NUMBER_FIELDS:
        if page.get(k):
            field_number = _number_from_field(page[k], -1, numbers, norm)
        elif k in found and found[k][0]:
            field_number = _number_from_field(found[k][0], found[k][1], numbers, norm)
        if field_number is not None:
            break
    if field_number is not None:
        meta.doc_number = field_number
    else:
        own = _own_number_in_text(norm, numbers, max(header_end, search_end))
        if own is not None:
            meta.doc_number = own.item

    # Signature: issuer and date.
    body_start = recipients[2] if recipients else (title_range[1] if title_range else 0)
    sig = _signature(norm, dates, body_start, len(text))
    signed_org = sig[1][0] if sig and sig[1] else None
    title_org = None
    if meta.title:
        # 《卫生部关于…规定》的通知: a title that opens on the carried text's own title.
        m = lx.ISSUER_BEFORE.match(meta.title.lstrip("《"))
        if m and lx.ORG.match(m.group("issuer")):
            title_org = m.group("issuer")
            # The title as written shows whether joint issuers were set apart by spaces.
            written = page_title or (norm.raw(*title_range) if title_range else "")
            cut = written.find("关于")
            if cut > 0 and _without_space(written[:cut]).lstrip("《") == title_org:
                title_org = issuer_name(written[:cut].lstrip().lstrip("《"))
    field_org = _first(page, lx.ISSUER_FIELDS) or _first(fields, lx.ISSUER_FIELDS)
    field_org = issuer_name(field_org) if field_org else None
    meta.issuer = _choose_issuer(signed_org, title_org, field_org)

    field_date = _first(page, lx.DATE_FIELDS) or _first(fields, lx.DATE_FIELDS)
    issued = to_date(parse_date(field_date)) if field_date else None
    if issued is None and sig is not None:
        issued = to_date(sig[0].item.value)
    meta.issue_date = issued

    # The plan's period.
    preamble_end = first_heading if outline.nodes else len(text)
    meta.period = _period(norm, dates, title_range, preamble_end)
    return meta


__all__ = ["Metadata", "read_fields", "read_metadata", "split_recipients"]
