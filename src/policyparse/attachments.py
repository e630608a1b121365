"""Stage 7: annex titles from the notice's 附件 lines."""

from __future__ import annotations

from .lexicon.attachments import ATTACHMENT_LIST, FILE_NAME, ITEM_START, LABEL, NUMBERED_LABEL, TRAILING
from .models import Attachment
from .normalize import Normalized, line_starts, matches_at

_BRACKETS = ("《", "》")


def find_attachments(norm: Normalized) -> list[Attachment]:
    """The annexes listed in 附件: lines (附件:1.… 2.…, or 附件:title alone).

    Where a notice has no such list, its one-line labels 附件1:title are read instead. File
    names (download links) are never titles.
    """
    text = norm.text
    found: list[Attachment] = []
    # Both patterns open a line on 附件, so only the starts of lines holding 附件 are tried
    # (matches_at gives finditer's matches) instead of scanning every character.
    label_starts = line_starts(text, LABEL)
    if not label_starts:
        return found
    for block in matches_at(ATTACHMENT_LIST, text, label_starts):
        lines = [(block.start("first"), block.end("first"))]
        pos = block.end("first")
        for line in block.group("more").split("\n")[1:]:
            pos += 1
            lines.append((pos, pos + len(line)))
            pos += len(line)
        for k, (s, e) in enumerate(lines):
            starts = list(ITEM_START.finditer(text, s, e))
            if not starts:
                if k == 0:
                    _add(found, norm, None, s, e)
                continue
            for i, m in enumerate(starts):
                end = starts[i + 1].start() if i + 1 < len(starts) else e
                _add(found, norm, int(m.group("n")), m.end(), end)
    if found:
        return found
    seen: set[int] = set()
    for m in matches_at(NUMBERED_LABEL, text, label_starts):
        n = int(m.group("n"))
        if n not in seen:
            seen.add(n)
            _add(found, norm, n, m.start("title"), m.end("title"))
    return found


def _add(found: list[Attachment], norm: Normalized, number: int | None, start: int, end: int) -> None:
    text = norm.text
    while start < end and text[start] in TRAILING:
        start += 1
    while end > start and text[end - 1] in TRAILING:
        end -= 1
    # A title written in 《》 is the title without them, as for references.
    if end - start > 2 and text[start] == _BRACKETS[0] and text[end - 1] == _BRACKETS[1]:
        start, end = start + 1, end - 1
    title = text[start:end]
    if not title or FILE_NAME.search(title):
        return
    found.append(Attachment(number=number, title=title, span=norm.span(start, end)))
