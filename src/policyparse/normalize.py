"""Stage 2: one normalising pass over the text, with an offset map back to the original.

Extractors work on ``Normalized.text`` (widths folded, cruft and markup gone, traditional
characters read as simplified) and hand spans back through ``Normalized.span`` so that every
span in the output points into the original text.
"""

from __future__ import annotations

import html
from array import array
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import regex

from .lexicon import text as lx
from .models import Span


@dataclass(frozen=True, slots=True)
class Normalized:
    """Normalised text and, for each of its characters, the original range it came from."""

    text: str
    original: str
    starts: array  # type: ignore[type-arg]
    ends: array  # type: ignore[type-arg]

    def span(self, start: int, end: int) -> Span:
        """The original span covering normalised characters ``start:end``."""
        s, e = self.bounds(start, end)
        return Span(start=s, end=e)

    def bounds(self, start: int, end: int) -> tuple[int, int]:
        """The original offsets ``span`` gives, without building its model (for a stage that
        validates its records in one call, spans included)."""
        if end <= start:
            pos = self.starts[start] if start < len(self.starts) else len(self.original)
            return pos, pos
        return self.starts[start], self.ends[end - 1]

    def raw(self, start: int, end: int) -> str:
        """The original text behind normalised characters ``start:end``."""
        # The offsets ``span`` would give, without building its model.
        if end <= start:
            return ""
        return self.original[self.starts[start] : self.ends[end - 1]]


# 0, 1, 2, … kept between calls: the identity offset map of a text is a slice of it (a
# memory copy, ~3 ns a character) instead of an array filled from range() one Python int at
# a time (~33 ns a character, an eighth of a whole parse). It grows to the longest text seen,
# up to 4M characters (16 MiB, held only once a process has met a text that long: the
# longest regulations run to about a million); longer texts build their own.
#
# Its offsets are 32-bit ("i"): half the bytes to copy, and, measured on a 14,000-character
# notice, some forty times faster to slice than 64-bit ones, whose 110 KB copies the allocator
# served from fresh pages each time. A text too long for 32-bit offsets builds 64-bit ones.
# Readers only index the maps, which gives the same ints either way.
_IDENTITY_MAX = 1 << 22
_IDENTITY = array("i")
_WIDE = 1 << 31  # the first offset a 32-bit map cannot hold


def _identity(n: int) -> array:  # type: ignore[type-arg]
    global _IDENTITY
    if len(_IDENTITY) > n:
        return _IDENTITY
    if n >= _IDENTITY_MAX:
        return array("i" if n + 1 < _WIDE else "q", range(n + 1))
    _IDENTITY = array("i", range(min(max(n + 1, 2 * len(_IDENTITY), 1 << 16), _IDENTITY_MAX)))
    return _IDENTITY


class _Builder:
    """Applies rewrites one after another, keeping the offset map in step."""

    def __init__(self, original: str) -> None:
        self.text = original
        n = len(original)
        ident = _identity(n)
        self.starts = ident[:n]
        self.ends = ident[1 : n + 1]

    def fold_present(self, present: set[str], mapping: dict[str, str]) -> None:
        """Replace each character of ``present`` (the distinct ones found in the text) by its
        ``mapping``; those ``mapping`` lacks are left as they are."""
        # Each character maps to one character, so offsets are unchanged. Only the few
        # distinct characters present are replaced (str.translate looks every one up).
        text = self.text
        for c in present:
            folded = mapping.get(c)
            if folded is not None:
                text = text.replace(c, folded)
        self.text = text

    def replace_same_length(self, new: str) -> None:
        if len(new) != len(self.text):
            raise ValueError("replacement must keep the length")
        self.text = new

    def sub(self, pattern: regex.Pattern[str], repl: str | Callable[[regex.Match[str]], str]) -> None:
        """Replace every match of ``pattern`` (with a string or a function of the match)."""
        text = self.text
        if repl == "":
            # Most passes delete: every non-empty match is an edit.
            self.cut([m.span() for m in pattern.finditer(text)])
            return
        edits = []
        for m in pattern.finditer(text):
            s, e = m.span()
            r = repl if isinstance(repl, str) else repl(m)
            if s != e and r != text[s:e]:
                edits.append((s, e, r))
        self.apply(edits)

    def delete(self, matches: list[regex.Match[str]]) -> None:
        """Delete every (non-empty) match; ``sub(pattern, "")`` from matches found another way."""
        self.cut([m.span() for m in matches])

    def cut(self, spans: list[tuple[int, int]]) -> None:
        """``apply`` of edits that each delete ``text[s:e]`` (empty spans are skipped): the
        kept runs of the text and of both maps are taken in one comprehension each, not
        edit by edit."""
        spans = [(s, e) for s, e in spans if e > s]
        if not spans:
            return
        text = self.text
        # Kept run k lies between the end of cut k-1 and the start of cut k.
        keeps = [0, *[e for _, e in spans]]
        stops = [*[s for s, _ in spans], len(text)]
        runs = list(zip(keeps, stops, strict=True))
        old_starts, old_ends = memoryview(self.starts), memoryview(self.ends)
        typecode = self.starts.typecode
        starts, ends = array(typecode), array(typecode)
        starts.frombytes(b"".join([old_starts[a:b] for a, b in runs]))
        ends.frombytes(b"".join([old_ends[a:b] for a, b in runs]))
        self.text = "".join([text[a:b] for a, b in runs])
        self.starts, self.ends = starts, ends

    def apply(self, edits: list[tuple[int, int, str]]) -> None:
        """Replace ``text[s:e]`` by ``r`` for each non-overlapping edit, in one pass."""
        if not edits:
            return
        text = self.text
        pieces: list[str] = []
        typecode = self.starts.typecode
        old_starts, old_ends = memoryview(self.starts), memoryview(self.ends)
        # The new maps as runs of the old ones, joined once at the end: a run is a view into
        # the old map (no copy until the join) and runs on across same-length replacements,
        # whose characters keep their offsets.
        start_runs: list[memoryview | bytes] = []
        end_runs: list[memoryview | bytes] = []
        pos = keep = 0  # keep: where the current run of the old maps began
        for s, e, r in edits:
            pieces.append(text[pos:s])
            pieces.append(r)
            pos = e
            if len(r) == e - s:
                continue
            start_runs.append(old_starts[keep:s])
            end_runs.append(old_ends[keep:s])
            if r:
                # A shorter or longer replacement: each new character stands for the whole match.
                start_runs.append(array(typecode, [self.starts[s]] * len(r)).tobytes())
                end_runs.append(array(typecode, [self.ends[e - 1]] * len(r)).tobytes())
            keep = e
        pieces.append(text[pos:])
        start_runs.append(old_starts[keep:])
        end_runs.append(old_ends[keep:])
        starts, ends = array(typecode), array(typecode)
        starts.frombytes(b"".join(start_runs))
        ends.frombytes(b"".join(end_runs))
        self.text = "".join(pieces)
        self.starts, self.ends = starts, ends

    def build(self, original: str) -> Normalized:
        return Normalized(self.text, original, self.starts, self.ends)


@lru_cache(maxsize=1)
def _t2s() -> Callable[[str], str]:
    import opencc

    convert: Callable[[str], str] = opencc.OpenCC("t2s").convert
    return convert


_TRADITIONAL_HINT = lx.TRADITIONAL_HINT


def _to_simplified(text: str) -> str:
    """Traditional → simplified, character for character, so offsets stay valid."""
    convert = _t2s()
    out = []
    for line in text.splitlines(keepends=True):
        if not _TRADITIONAL_HINT.search(line):
            out.append(line)
            continue
        new = convert(line)
        if len(new) != len(line):  # a phrase-level rewrite changed the length: go char by char
            new = "".join(c if len(cc := convert(c)) != 1 else cc for c in line)
        out.append(new)
    return "".join(out)


def _entity(m: regex.Match[str]) -> str:
    return html.unescape(m.group(0)).replace("\xa0", " ")


def _table_break_edits(text: str) -> list[tuple[int, int, str]]:
    """Edits for the <br> tags inside ``|`` table rows, one tag at a time.

    A whole body pasted into one cell: its <br> are real line breaks (left to the next
    step). In a row with several cells a <br> only breaks a line inside a cell, so it stays
    on the row as a tab: the one space-like character no later step removes (cell readers
    split on it). Only the tag is replaced, so every other character keeps its own offset.
    """
    edits = []
    for row in lx.TABLE_ROW.finditer(text):
        if row.group(0).strip().strip("|").count("|") == 0:
            continue
        edits += [(row.start() + m.start(), row.start() + m.end(), "\t")
                  for m in lx.BREAK_TAG.finditer(row.group(0))]
    return edits


def matches_at(pattern: regex.Pattern[str], text: str, starts: set[int]) -> list[regex.Match[str]]:
    """``pattern.finditer(text)``, for a pattern whose matches are never empty, when every
    match it can make starts at one of ``starts``: the same matches, tried only there (each
    time the leftmost at or after the end of the last one)."""
    out: list[regex.Match[str]] = []
    end = 0
    for p in sorted(starts):
        if p < end:
            continue
        m = pattern.match(text, p)
        if m is not None:
            out.append(m)
            end = max(m.end(), p + 1)
    return out


# Anchor character → the cruft words holding it, each with the anchor's offset in the word.
_CRUFT_ANCHORS: dict[str, list[tuple[str, int]]] = {}
for _word, _anchor in lx.CRUFT_WORDS.items():
    _CRUFT_ANCHORS.setdefault(_anchor, []).append((_word, _word.index(_anchor)))


def _cruft_starts(text: str) -> set[int]:
    """The line starts where a CRUFT_LINE match can begin.

    A match holds one of ``CRUFT_WORDS`` (or a lone 大/中/小, followed by a space, a 】 or the
    end) on its first line, or after only spaces and blank lines (its whitespace runs cross line
    ends): so it starts at the start of that word's line or of one of the blank lines before it.
    """
    starts: set[int] = set()
    hits: list[int] = []
    find = text.find
    # One character is found many times faster than a word (str.find's search for a word is
    # slow on Chinese text); the few places it occurs are then checked for the words.
    for anchor, words in _CRUFT_ANCHORS.items():
        i = find(anchor)
        while i >= 0:
            for word, offset in words:
                if i >= offset and text.startswith(word, i - offset):
                    hits.append(i - offset)
            i = find(anchor, i + 1)
    n = len(text)
    for word in lx.CRUFT_LONE:
        i = find(word)
        while i >= 0:
            if i + 1 == n or text[i + 1] == "】" or text[i + 1].isspace():
                hits.append(i)
            i = find(word, i + 1)
    for k in hits:
        starts.add(text.rfind("\n", 0, k) + 1)
        # str.isspace() accepts every character the pattern's \s does (a test checks it).
        q = k - 1
        while q >= 0 and text[q].isspace():
            if text[q] == "\n":
                starts.add(q + 1)
            q -= 1
        if q < 0:
            starts.add(0)
    return starts


def line_starts(text: str, word: str, then: str = "") -> set[int]:
    """The starts of the lines holding ``word`` (followed by one of the characters of ``then``,
    if given): where a line-anchored pattern that needs ``word`` can begin (``matches_at``).

    The word is found by its first character: ``str.find`` of one character is many times
    faster on Han text than of several, or than a regex scan; the rest is checked in place.
    """
    starts: set[int] = set()
    find = text.find
    head, rest, n = word[0], word[1:], len(word)
    i = find(head)
    while i >= 0:
        j = i + n
        if text.startswith(rest, i + 1) and (not then or (j < len(text) and text[j] in then)):
            starts.add(text.rfind("\n", 0, i) + 1)
        i = find(head, i + 1)
    return starts


def _bullet_starts(text: str) -> set[int]:
    """The line starts where an MD_BULLET match can begin: the lines where a bullet mark
    stands before a space or tab."""
    starts: set[int] = set()
    for mark in lx.BULLET_MARKS:
        starts |= line_starts(text, mark, " \t")
    return starts


def normalize(original: str) -> Normalized:
    """Normalise ``original`` for extraction; see the module docstring."""
    b = _Builder(original)
    if "\r" in b.text:
        b.sub(lx.CR, "\n")
    # The scan for the characters to fold also finds any traditional ones (see
    # FOLD_OR_TRADITIONAL): folding neither adds nor removes one.
    present = set(lx.FOLD_OR_TRADITIONAL.findall(b.text))
    b.fold_present(present, lx.FOLD_MAP)
    if not present.isdisjoint(lx.TRADITIONAL_SET):
        b.replace_same_length(_to_simplified(b.text))
    if "<" in b.text:
        if "|" in b.text:
            b.apply(_table_break_edits(b.text))
        b.sub(lx.BREAK_TAG, "\n")
        b.sub(lx.OTHER_TAG, "")
    if "&" in b.text:
        b.sub(lx.HTML_ENTITY, _entity)
    if "[" in b.text or "*" in b.text or "#" in b.text or "\\" in b.text:
        # Within, each pattern runs only if the text holds a mark it needs (an image's ! and ],
        # a link's ], an escape's \\, a heading's #, emphasis's * or _): a page with a few
        # brackets is not scanned for emphasis, the costliest of them.
        if "]" in b.text:
            if "!" in b.text:
                b.sub(lx.MD_IMAGE, "")
            # Only the link's brackets and address go, so its words keep their own offsets.
            b.apply([edit for m in lx.MD_LINK.finditer(b.text)
                     for edit in ((m.start(), m.start(1), ""), (m.end(1), m.end(), ""))])
        if "\\" in b.text:
            b.sub(lx.MD_ESCAPE, "")
        if "#" in b.text:
            b.sub(lx.MD_HEADING, "")
        if "*" in b.text or "_" in b.text:
            b.sub(lx.MD_EMPHASIS, "")
    if "|" in b.text:
        # A rule line holds a run of three dashes: only the lines holding one are tried.
        b.delete(matches_at(lx.MD_TABLE_RULE, b.text, line_starts(b.text, "---")))
    # The line-anchored patterns are tried only at the line starts where they can match; the
    # engine would try them at every character.
    b.delete(matches_at(lx.MD_BULLET, b.text, _bullet_starts(b.text)))
    b.delete(matches_at(lx.CRUFT_LINE, b.text, _cruft_starts(b.text)))
    if "\t" in b.text:
        b.sub(lx.SPACE_IN_MARKER, "")
        b.sub(lx.SPACE_BETWEEN_HAN, "")
        b.sub(lx.EDGE_SPACE, "")
    else:
        # The same three passes in one scan (see SPACES_NO_TAB).
        b.sub(lx.SPACES_NO_TAB, "")
    if "?" in b.text:
        b.sub(lx.LOST_DASH, "—")
    return b.build(original)
