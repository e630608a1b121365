"""Character classes and cleaning patterns for the normalising stage."""

from __future__ import annotations

import re

import regex

# One character in, one character out, so the offset map needs no update for this step.
# Full-width ASCII folds to ASCII; odd spaces become a plain space; rarely used bracket
# and dot variants fold to the forms the extractors look for.
_FOLD: dict[int, str] = {cp: chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F)}
_FOLD.update(
    {
        0x3000: " ",  # ideographic space
        0x00A0: " ",  # no-break space
        0x2002: " ", 0x2003: " ", 0x2004: " ", 0x2005: " ", 0x2006: " ",
        0x2007: " ", 0x2008: " ", 0x2009: " ", 0x200A: " ", 0x202F: " ", 0x205F: " ",
        0x200B: " ", 0xFEFF: " ",  # zero-width space and a stray BOM
        0x0009: " ",
        0xFE52: ".",  # small full stop ﹒
        0xFE51: "、",  # small ideographic comma ﹑
        0xFE50: ",",
        0xFE54: ";",
        0xFE55: ":",
        0xFE59: "(", 0xFE5A: ")",
        0xFE5D: "〔", 0xFE5E: "〕",  # ﹝﹞
        0x3014: "〔", 0x3015: "〕",
        0x2236: ":",  # ratio colon ∶ used as a colon
        0x2014: "—", 0x2015: "—", 0x2500: "—",  # box-drawing line used as a dash
    }
)
FOLD_TABLE = str.maketrans(_FOLD)
FOLD_MAP: dict[str, str] = {chr(cp): c for cp, c in _FOLD.items()}


def _char_class(codepoints: list[int]) -> str:
    # Runs of code points as ranges: the engine tests a short list of ranges much faster
    # than a hundred single members.
    parts: list[str] = []
    cps = sorted(codepoints)
    i = 0
    while i < len(cps):
        j = i
        while j + 1 < len(cps) and cps[j + 1] == cps[j] + 1:
            j += 1
        parts.append(f"\\u{cps[i]:04x}" if i == j else f"\\u{cps[i]:04x}-\\u{cps[j]:04x}")
        i = j + 1
    return "[" + "".join(parts) + "]"


# Every character FOLD_TABLE rewrites: the few present in a text are replaced one by one,
# which is several times faster than str.translate's per-character table look-up.
# (The standard library's engine scans a plain class of code points several times faster.)
FOLD_CHARS = re.compile(_char_class(list(_FOLD)))

# Characters that only occur in traditional writing and are common in notices; their
# presence is the cheap signal that the OpenCC pass is worth running.
TRADITIONAL_CHARS = "單頭實門會發經濟術與區縣據關書務員產業點於這個們國際開導範為"
TRADITIONAL_HINT = re.compile(f"[{TRADITIONAL_CHARS}]")
TRADITIONAL_SET = frozenset(TRADITIONAL_CHARS)
# FOLD_CHARS and TRADITIONAL_CHARS in one class: a scan for it costs what a scan for
# FOLD_CHARS alone does (one table look-up a character), so the fold's own scan also tells
# whether the text holds a traditional character, without thirty more scans. (No folded
# character is traditional, nor does folding make one: a test checks both.)
FOLD_OR_TRADITIONAL = re.compile(_char_class(list(_FOLD) + [ord(c) for c in TRADITIONAL_CHARS]))

# A Markdown bullet needs one of its marks before a space or tab: MD_BULLET is tried only on
# the lines holding that pair (``normalize._bullet_starts``, via ``line_starts``).
BULLET_MARKS = "-*+•·"

HAN = r"\p{Han}"

# Whole lines of web-page furniture that carry nothing of the notice.
CRUFT_LINE = regex.compile(
    r"(?m)^[ \t]*(?:"
    r"字体大小.*|字号[::].*|【?\s*(?:打印|关闭|关闭本页|关闭窗口|打印本页|返回顶部)\s*】?"
    r"|扫一扫.*|扫描二维码.*|分享到.*|【?\s*(?:字体|大|中|小)\s*】?"
    r"|.*(?:【\s*关闭本页\s*】|【\s*打印本页\s*】).*"
    r"|(?:网上咨询|我要纠错|收藏本页|打印本页|浏览次数[::]?\s*\d*)"
    r")[ \t]*$"
)
# Every CRUFT_LINE match holds one of these words (or a lone 大/中/小 with only space or 】
# after it): the lines around them are the only ones worth trying (``normalize._cruft_starts``),
# instead of the engine trying the pattern at every character of the text. Each word is
# searched by the character it maps to, its rarest in ordinary text (few 闭 but many 关).
CRUFT_WORDS: dict[str, str] = {
    "字体": "字", "字号": "字", "打印": "印", "关闭": "闭", "返回顶部": "返", "扫一扫": "扫",
    "扫描二维码": "扫", "分享到": "享", "【": "【", "网上咨询": "咨", "我要纠错": "纠",
    "收藏本页": "藏", "浏览次数": "浏",
}
CRUFT_LONE = ("大", "中", "小")

# Markup left in a text file or a crawler's Markdown.
HTML_ENTITY = regex.compile(r"&(?:nbsp|ensp|emsp|amp|lt|gt|quot|#\d+|#x[0-9a-fA-F]+);")
BREAK_TAG = regex.compile(r"(?i)<\s*(?:br|/p|p|/div|div|/tr|/li)(?:\s[^<>]*)?\s*/?\s*>")
OTHER_TAG = regex.compile(r"(?i)</?[a-z][a-z0-9]*(?:\s[^<>\n]*)?/?>|<!--.*?-->")
MD_HEADING = regex.compile(r"(?m)^[ \t]*#{1,6}[ \t]+")
MD_EMPHASIS = regex.compile(r"\*\*|__(?=\S)|(?<=\S)__")
MD_ESCAPE = regex.compile(r"\\(?=[\[\]|>*_\-.#()`!+{}])")
# A link's target must look like an address (no Han, a / . # or :), so that a bracketed
# clause followed by a heading marker, "[牵头单位:…](一)", is never read as a link.
_LINK_TARGET = r"\((?=[^)\n]*[/.#:])[^\s()\p{Han}]+(?:[ \t]+\"[^\"\n]*\")?\)"
MD_IMAGE = regex.compile(r"!\[[^\]\n]*\]" + _LINK_TARGET)
MD_LINK = regex.compile(r"\[([^\]\n]*)\]" + _LINK_TARGET)
MD_BULLET = regex.compile(r"(?m)^[ \t]*(?:[-*+•·][ \t]+)")
MD_TABLE_RULE = regex.compile(r"(?m)^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$")
TABLE_ROW = regex.compile(r"(?m)^[ \t]*\|.*\|[ \t]*$")
CR = regex.compile(r"\r\n?")

# Spaces inside markers, numbers and document numbers, as left by copying from a PDF.
SPACE_BETWEEN_HAN = regex.compile(r"(?<=\p{Han}) {1,3}(?=\p{Han})")
# Every alternative starts with the space, so a leading look-ahead rejects other positions
# before any look-behind is tried.
SPACE_IN_MARKER = regex.compile(
    r"(?=[ \t])(?:(?<=[(〔\[【])[ \t]+(?=[一二三四五六七八九十百零〇\d])"
    r"|(?<=[一二三四五六七八九十百零〇\d])[ \t]+(?=[)〕\]】、.])"
    r"|(?<=[\d])[ \t]+(?=[号%])"
    r"|(?<=\p{Han})[ \t]+(?=〔\d{4})|(?<=〕)[ \t]+(?=\d)|(?<=〔)[ \t]+(?=\d)|(?<=\d)[ \t]+(?=〕))"
)
EDGE_SPACE = regex.compile(r"(?m)^[ \t]+|[ \t]+$")

# The same two patterns for a text without tabs (almost every text: tabs are folded to spaces,
# only a <br> in a table row or an entity brings one back), where [ \t] is a plain space.
# Each begins with that literal space, which the engine finds with a fast scan instead of
# entering the pattern at every character (about 5× faster); each alternative reads as in
# the pattern above, its look-behind moved past the first space. The first look-behind and
# look-ahead of SPACE_IN_MARKER_NO_TAB are the union of the alternatives' own: a cheap filter.
SPACE_IN_MARKER_NO_TAB = regex.compile(
    r" (?<=[(\[【〔〕\d\p{Han}] )(?= *[一二三四五六七八九十百零〇\d)〕\]】、.号%〔])"
    r"(?:(?<=[(〔\[【] ) *(?=[一二三四五六七八九十百零〇\d])"
    r"|(?<=[一二三四五六七八九十百零〇\d] ) *(?=[)〕\]】、.])"
    r"|(?<=[\d] ) *(?=[号%])"
    r"|(?<=\p{Han} ) *(?=〔\d{4})|(?<=〕 ) *(?=\d)|(?<=〔 ) *(?=\d)|(?<=\d ) *(?=〕))"
)
EDGE_SPACE_NO_TAB = regex.compile(r"(?m) (?:(?<=^ ) *| *$)")
# The three space passes of a text without tabs in one scan. Each deletes whole runs of
# spaces (every run it takes is bounded by characters no pass deletes), and no run is taken
# by two of them: SPACE_IN_MARKER's runs have a bracket, digit or numeral on one side and a
# non-space on both; SPACE_BETWEEN_HAN's have Han on both sides; EDGE_SPACE's touch a line
# start or end. Deleting one run leaves the neighbours of every other as they were, so the
# passes one after another delete what one scan for their alternation does (tests check it).
SPACES_NO_TAB = regex.compile(
    "(?m)" + SPACE_IN_MARKER_NO_TAB.pattern + "|" + SPACE_BETWEEN_HAN.pattern + "|"
    + EDGE_SPACE_NO_TAB.pattern.removeprefix("(?m)")
)
# A range dash lost in re-encoding and written as "?": 2017年7月?2017年12月.
LOST_DASH = regex.compile(r"(?<=[年月日\d])\?(?=\d)")
