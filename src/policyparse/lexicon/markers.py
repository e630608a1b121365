"""Heading marker grammar: the numbering families and their rank from outermost to innermost."""

from __future__ import annotations

import regex

HAN_DIGITS = "零〇一二三四五六七八九十百两"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

# Outermost first. A heading of a smaller rank closes every open heading of a larger one.
RANK: dict[str, int] = {
    "annex": 0,
    "chapter": 1,
    "jie": 2,
    "article": 3,
    "han": 4,
    "paren_han": 5,
    "arabic": 6,
    "paren_arabic": 7,
    "circled": 8,
}

# One alternative per family; named groups carry the number. Matched at a candidate position.
MARKER = regex.compile(
    r"(?P<chapter>第(?P<chapter_n>[零〇一二三四五六七八九十百两\d]{1,4})章)[ \t]*"
    r"|(?P<jie>第(?P<jie_n>[零〇一二三四五六七八九十百两\d]{1,4})节)[ \t]*"
    r"|(?P<article>第(?P<article_n>[零〇一二三四五六七八九十百两\d]{1,5})条)[ \t]*"
    r"|(?P<han>(?P<han_n>[一二三四五六七八九十百]{1,4})[、.])[ \t]*"
    r"|(?P<paren_han>\([ \t]*(?P<paren_han_n>[一二三四五六七八九十百]{1,4})[ \t]*\))[ \t]*"
    r"|(?P<arabic>(?P<arabic_n>\d{1,2})(?:[、]|\.(?![\d.]))(?![\d%]))[ \t]*"
    r"|(?P<paren_arabic>\([ \t]*(?P<paren_arabic_n>\d{1,2})[ \t]*\))[ \t]*"
    r"|(?P<circled>(?P<circled_n>[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳]))[ \t]*"
)

# An annex heading on a line of its own: 附件1, 附件 2:, 附件一.
ANNEX = regex.compile(r"(?m)^附件[ \t]*(?P<n>\d{1,2}|[一二三四五六七八九十]{1,3})[ \t]*[::]?[ \t]*(?P<rest>.{0,60})$")

# Where a heading may start inside a long line (a body flattened to one line): after the
# end of a sentence or a run of spaces.
INLINE_BOUNDARY = regex.compile(r"(?<=[。;!?:])[ \t]*|(?<=\S)[ \t]+")

# Title ends: the first 。 or colon.
TITLE_END = regex.compile(r"[。::]")
