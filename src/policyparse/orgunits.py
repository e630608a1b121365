"""Lists of government units: splitting a list into units and reading each as it is meant.

``split_units`` cuts a list body on ``、`` ``,`` ``;`` and whitespace, never inside balanced
brackets or quotes, and keeps joint level groups such as ``各区、县(市)政府`` whole. Every
character of the body is either in a unit or in a separator, so joining the pieces with
their separators gives the body back.

``understand`` gives each unit its ``full`` name (FORMAT.md): a suffix shared inside a group
(the items between two ``,``/``;``) is distributed to the items that end in a place word, and
an omitted place prefix (市, 省, 区, 县) is restored where the list's other items carry it and
the item is a plain department name. Items that are generic (各…, 相关…), national (国家…),
companies, banks, branches of central agencies, or that already name a place (濮阳海关 in a
notice about 濮阳市, 浑南区政府, 中德生态园管委) keep their name.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import NamedTuple

from .lexicon import orgunits as lx
from .lexicon import roles as rl

_SEP_CHARS = lx.SEPARATOR_CHARS
_PREFIX_CHARS = lx.PREFIX_CHARS  # (module attributes read per unit: bound once here)
_PREFIX_NOT_BEFORE = lx.PREFIX_NOT_BEFORE
_STRONG = lx.STRONG_SEPARATOR_CHARS


class Piece(NamedTuple):
    """One item of a list: its text and offsets in the body, the separator before it, its group.

    A named tuple rather than a frozen dataclass: lists are split item by item, and a tuple is
    several times cheaper to build.
    """

    text: str
    start: int
    end: int
    sep: str
    group: int


def _inside_brackets(body: str) -> list[bool]:
    """For each character, whether it lies inside a balanced bracket or quote pair."""
    inside = [False] * len(body)
    if not lx.OPENER.search(body):
        return inside  # no opener, nothing inside (a stray closer opens nothing)
    stack: list[tuple[str, int]] = []
    for i, ch in enumerate(body):
        if ch in lx.BRACKETS and not (ch == lx.BRACKETS[ch] and stack and stack[-1][0] == ch):
            stack.append((ch, i))
        elif ch in lx.CLOSERS:
            # Close the nearest opener of this kind; openers left unclosed in between are
            # ordinary characters (an unclosed bracket must not swallow the rest of the list).
            for k in range(len(stack) - 1, -1, -1):
                if lx.BRACKETS[stack[k][0]] == ch:
                    o = stack[k][1]
                    for j in range(o + 1, i):
                        inside[j] = True
                    del stack[k:]
                    break
    return inside


def split_units(body: str) -> tuple[list[Piece], str]:
    """The items of ``body`` and the separators left after the last one."""
    pieces, rest = _split_units(body)
    return list(pieces), rest


# Unit lists repeat within a notice and across an archive (the same bodies are named again
# and again); the results are immutable, so each distinct list is split once.
@lru_cache(maxsize=4096)
def _split_units(body: str) -> tuple[tuple[Piece, ...], str]:
    if not lx.OPENER.search(body):
        return _split_plain(body)
    if lx.FLAT_PAIRS.fullmatch(body):
        return _split_plain(body, lx.LIST_ITEM_PAIRED)
    return _split_walk(body, _inside_brackets(body))


def _split_walk(body: str, inside: list[bool]) -> tuple[tuple[Piece, ...], str]:
    """``_split_units``, character by character: separators inside a pair do not split."""
    pieces: list[Piece] = []
    n = len(body)
    i = 0
    group = 0
    while i < n:
        j = i
        while j < n and body[j] in _SEP_CHARS and not inside[j]:
            j += 1
        sep = body[i:j]
        if j >= n:
            return tuple(pieces), sep
        if pieces and not _STRONG.isdisjoint(sep):
            group += 1
        start = j
        m = lx.JOINT_LEVELS.match(body, start)
        if m:
            j = m.end()
        while j < n and (inside[j] or body[j] not in _SEP_CHARS):
            j += 1
        pieces.append(Piece(body[start:j], start, j, sep, group))
        i = j
    return tuple(pieces), ""


def _split_plain(body: str, pattern: re.Pattern[str] = lx.LIST_ITEM) -> tuple[tuple[Piece, ...], str]:
    """``_split_units`` of a body without brackets or quotes, where nothing is inside a pair:
    one regex scan instead of a walk over the characters (most lists are like this). With
    ``lx.LIST_ITEM_PAIRED``, of a body whose brackets are flat pairs (``lx.FLAT_PAIRS``)."""
    pieces: list[Piece] = []
    group = 0
    pos = 0
    # A body without a strong separator is one group: its separators need no look.
    strong = lx.STRONG_SEPARATOR.search(body) is not None
    # The matches follow one another without a gap (each takes the separators before its
    # item), so offsets are summed lengths: ``findall``'s strings, without match objects.
    for sep, item in pattern.findall(body):
        if strong and pieces and not _STRONG.isdisjoint(sep):
            group += 1
        start = pos + len(sep)
        pos = start + len(item)
        pieces.append(_new_piece(Piece, (item, start, pos, sep, group)))
    return tuple(pieces), body[pos:]


# ``Piece(...)`` without the Python-level ``__new__`` of a named tuple (the same tuple, built
# in C): lists are split item by item.
_new_piece = tuple.__new__


@lru_cache(maxsize=8192)
def cut_trailing(unit: str) -> str:
    """The unit without a trailing 按职责分工负责 / 牵头负责 / 等 phrase."""
    u = rl.TRAILING_VERB.sub("", unit) if unit[-1:] in rl.TRAILING_VERB_LAST else unit
    return str(rl.TRAILING_ETC.sub("", u)) if u[-1:] in rl.TRAILING_ETC_LAST else u


def looks_like_unit(unit: str) -> bool:
    """A short name that ends the way a body's name ends: what an unlabelled clause must list."""
    if not unit or len(unit) > 30 or not lx.NOT_IN_UNIT.isdisjoint(unit):
        return False
    return _complete(unit)  # the same test, answered once per distinct unit


@lru_cache(maxsize=8192)
def prefix_of(unit: str) -> str | None:
    """The place prefix a unit carries (市 in 市科技局 and 市市场监管局, none in 市场监管局)."""
    # ``lx.PREFIX.match`` read off its two character sets: a prefix character, then anything
    # but a character that makes it a word (the end of the unit included).
    first = unit[:1]
    return first if first in lx.PREFIX_CHARS and unit[1:2] not in lx.PREFIX_NOT_BEFORE else None


# The tests ``understand`` makes of one unit, each a function of the unit's text alone, so
# answered once per distinct unit: the same departments recur in list after list.
@lru_cache(maxsize=8192)
def _complete(unit: str) -> bool:
    """Whether a unit already ends like a body's name (it takes no shared suffix)."""
    return lx.ORG_SUFFIX.search(unit) is not None or lx.JOINT_LEVELS.fullmatch(unit) is not None


@lru_cache(maxsize=8192)
def _lent_suffix(unit: str) -> str | None:
    """The suffix the last item of a group lends to the others (管委会 of 高新区管委会), if any."""
    m = lx.SHARED_SUFFIX.search(unit)
    return m.group() if m and m.start() != 0 else None


@lru_cache(maxsize=8192)
def _takes_suffix(unit: str) -> bool:
    return lx.TAKES_SUFFIX.search(unit) is not None


@lru_cache(maxsize=8192)
def _plain_department(unit: str) -> bool:
    """``restorable`` before the notice is consulted (see there)."""
    if unit[:1] in _PREFIX_CHARS and unit[1:2] not in _PREFIX_NOT_BEFORE:
        return False  # it carries a prefix (``prefix_of``, written out)
    if lx.GENERIC_START.match(unit) or lx.NATIONAL_START.match(unit) or lx.NO_PREFIX.search(unit):
        return False
    # NAMED_PLACE, the dearest test, last and only where the unit holds a character its place
    # words end with: the tests are pure, so their order changes no answer.
    if lx.ORG_SUFFIX.search(unit) is None:
        return False
    return lx.NAMED_PLACE_LAST.isdisjoint(unit) or not lx.NAMED_PLACE.match(unit)


def _distribute_suffixes(units: Sequence[str], groups: Sequence[int]) -> list[str]:
    out = list(units)
    if len(units) < 2:
        return out  # a lone item is its group's last: it lends, it takes nothing
    # The suffix each group's last item lends, read once per group (a group lending none is left
    # out); only a last item ending like a shared suffix can lend one (most do not).
    if groups.count(groups[0]) == len(units):
        # One group (most lists): its last item is the list's.
        last = units[-1]
        if last[-1:] not in lx.SHARED_SUFFIX_LAST or (suffix := _lent_suffix(last)) is None:
            return out
        last_of = {groups[0]: len(units) - 1}
        lent = {groups[0]: suffix}
    else:
        last_of = dict(zip(groups, range(len(groups)), strict=True))  # a group's later items overwrite
        lent = {
            g: suffix
            for g, last in last_of.items()
            if units[last][-1:] in lx.SHARED_SUFFIX_LAST and (suffix := _lent_suffix(units[last])) is not None
        }
    if not lent:
        return out  # no group lends: every item stays as it is (most lists)
    for k, (u, g) in enumerate(zip(units, groups, strict=True)):
        suffix = lent.get(g)
        if suffix is None or k == last_of[g]:
            continue
        if _complete(u):
            continue
        # A generic suffix (…部门) goes to every item; another only to items ending in a place word.
        if suffix.endswith("部门") or _takes_suffix(u):
            out[k] = u + suffix
    return out


def restorable(unit: str, names_place: Callable[[str], bool] | None = None) -> bool:
    """Whether a unit is a plain department name that can take its list's place prefix."""
    if not _plain_department(unit):
        return False
    return not (names_place is not None and names_place(unit))


def understand(
    units: Sequence[str],
    groups: Sequence[int] | None = None,
    *,
    fallback_prefix: str | None = None,
    names_place: Callable[[str], bool] | None = None,
) -> list[str]:
    """The ``full`` name of each unit of one list (see the module docstring)."""
    if not units:
        return []
    fulls = _distribute_suffixes(units, groups if groups is not None else [0] * len(units))
    # ``prefix_of`` of each unit, written out: it is asked of every unit of every list.
    prefixes = [u[0] if u[:1] in _PREFIX_CHARS and u[1:2] not in _PREFIX_NOT_BEFORE else None for u in fulls]
    if None not in prefixes:
        return fulls  # every unit carries its prefix: none to restore (most lists)
    out = fulls  # a list of its own; each unit is read before it is restored
    before = None  # the nearest prefix before the unit at hand
    for k, u in enumerate(fulls):
        p = prefixes[k]
        if p is not None:
            before = p
            continue
        if not _plain_department(u):
            continue
        # The nearest prefix before it, else the nearest after it, else the fallback.
        p = before or next((q for q in prefixes[k + 1 :] if q is not None), fallback_prefix)
        # ``restorable``'s last test, asked only where there is a prefix to restore: it may
        # read the whole notice (``place_namer``).
        if p is not None and not (names_place is not None and names_place(u)):
            out[k] = p + u
    return out


def place_namer(text: str) -> Callable[[str], bool]:
    """A test for units that open with a place named in ``text`` (濮阳海关 where 濮阳市 occurs)."""
    places: set[str] | None = None

    def names_place(unit: str) -> bool:
        nonlocal places
        if places is None:
            places = _places(text)
        return (len(unit) >= 2 and unit[:2] in places) or (len(unit) >= 3 and unit[:3] in places)

    return names_place


def _places(text: str) -> set[str]:
    """Every 2- and 3-character head that ``_occurs_as_place`` finds in ``text``.

    One scan of the text per level character instead of a search of the whole text per
    head and level: the same answers, at a cost that does not grow with the number of units.
    """
    threes: set[str] = set()  # the same places recur: each head cut once
    for heads in lx.PLACE_HEADS:
        threes.update(heads.findall(text))
    out = {head[1:] for head in threes}  # each end's 2-character head
    out |= threes
    if lx.PLACE_END.match(text, 2):
        out.add(text[:2])  # the one end PLACE_HEADS cannot see with a 2-character head
    return out


def _occurs_as_place(text: str, head: str) -> bool:
    for level in lx.PLACE_LEVELS:
        probe = head + level
        pos = text.find(probe)
        while pos >= 0:
            after = pos + len(probe)
            if after >= len(text) or text[after] not in lx.NOT_PLACE_AFTER:
                return True
            pos = text.find(probe, pos + 1)
    for level in lx.LOCAL_LEVELS:
        probe = head + level
        pos = text.find(probe)
        while pos >= 0:
            if lx.LOCAL_PLACE_AFTER.match(text, pos + len(probe)):
                return True
            pos = text.find(probe, pos + 1)
    return False


def alias_key(name: str) -> str:
    """How alias files and units are compared: NFKC, whitespace removed."""
    return "".join(unicodedata.normalize("NFKC", name).split())
