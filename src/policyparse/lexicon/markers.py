"""Heading marker grammar: the numbering families, their rank, and what is not a heading."""

from __future__ import annotations

import re

import regex

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

# 第X章/节/条 followed by these is a cross-reference (第二十三条、第二十四条所列…, 第四章规定), not a heading.
_XREF_AFTER = r"(?![、,至或]|[和及与]第|的|所[列述称指]|规定|中的|之[一二三四五六七八九十])"
# 一、二级 / 一、二类: an enumeration of grades, not a heading.
_GRADE_AFTER = r"(?![一二三四五六七八九十]+[、级类等档星期批])"

# One alternative per family; named groups carry the number. Matched at a candidate position,
# once per heading line: the standard library's engine, whose call costs a third of the
# regex module's (the pattern uses nothing it lacks; a test checks both engines agree).
MARKER_SOURCE = (
    r"(?P<chapter>第(?P<chapter_n>[零〇一二三四五六七八九十百两\d]{1,4})章)" + _XREF_AFTER + r"[ \t]*"
    r"|(?P<jie>第(?P<jie_n>[零〇一二三四五六七八九十百两\d]{1,4})节)" + _XREF_AFTER + r"[ \t]*"
    r"|(?P<article>第(?P<article_n>[零〇一二三四五六七八九十百两\d]{1,5})条)" + _XREF_AFTER + r"[ \t]*"
    r"|(?P<han>(?P<han_n>[一二三四五六七八九十百]{1,4})[、.])" + _GRADE_AFTER + r"[ \t]*"
    r"|(?P<paren_han>\([ \t]*(?P<paren_han_n>[一二三四五六七八九十百]{1,4})[ \t]*\))[ \t]*"
    # 1.2万人, 2017.10, 1.5%, 1.1.1 are numbers, not markers.
    r"|(?P<arabic>(?P<arabic_n>\d{1,2})(?:[、.](?=\d{4}年)|、(?![\d%])|\.(?![\d.%])))[ \t]*"
    r"|(?P<paren_arabic>\([ \t]*(?P<paren_arabic_n>\d{1,2})[ \t]*\))[ \t]*"
    r"|(?P<circled>(?P<circled_n>[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳]))[ \t]*"
)
MARKER = re.compile(MARKER_SOURCE)

# The characters a MARKER match can start with (a test checks it against MARKER).
_MARKER_FIRST = r"[第一二三四五六七八九十百(\d" + CIRCLED + r"]"

# The characters Python's str.isspace() accepts, but never a newline: what str.strip() takes
# off a line (a test checks the list against every code point).
LINE_SPACE = "\t\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"

LONG_LINE = 600  # a line this long is a flattened body: look for headings inside it too

# How every MARKER match opens, each family's number and what follows it, without the tests
# after: lines opening with a figure, a year, a table cell or a phase (2.7, 2023 年, 一是,
# 第一阶段, (此件公开发布)) are not tried. A line opening otherwise holds no marker (a test
# checks MARKER never matches where this does not).
_MARKER_OPENING = (
    r"第[零〇一二三四五六七八九十百两\d]{1,5}[章节条]|\([ \t]*[一二三四五六七八九十百\d]|[" + CIRCLED + r"]"
    r"|[一二三四五六七八九十百]{1,4}[、.]|\d{1,2}[、.]"
)
# A line that may hold a heading: it opens (after spaces) as an annex label, a marker or a
# table row (``|``) can, or it is long enough to be searched for inline headings
# (``LONG_LINE`` in sections.py). Every other line is skipped without a look.
_HEADING_LINE_BODY = r"[" + LINE_SPACE + r"]*(?:[附|]|" + _MARKER_OPENING + r")|.{" + str(LONG_LINE) + "}"
HEADING_LINE = regex.compile(r"(?m)^(?:" + _HEADING_LINE_BODY + ")")
# The same lines after the first, found by the newline before them: a scan for one literal
# character, which the standard library's engine does about three times faster than trying
# ``^`` at every character. (No HEADING_LINE match crosses a line end, so each line start
# holds at most one; a test checks both give the same starts.)
HEADING_LINE_NEXT = re.compile(r"\n(?=" + _HEADING_LINE_BODY + ")")

# An annex label at a line start: 附件1, 附件 2:, 附件一, 附录2:竞价指引. The label word is kept
# in the path (附件1, 附录2). The rest of the line, if short, is the annex title.
ANNEX = regex.compile(
    r"(?P<word>附件|附录)[ \t]*(?P<n>\d{1,2}|[一二三四五六七八九十]{1,3})(?!\d)"
    r"[ \t]*[:、.]?[ \t]*(?P<rest>[^\n]*)"
)
ANNEX_REST_MAX = 60

# Where a heading may start inside a long line (a body flattened to one line): after the
# end of a sentence or a run of spaces.
INLINE_BOUNDARY = regex.compile(r"(?<=[。;!?:])[ \t]*|(?<=\S)[ \t]+")
# The ends of INLINE_BOUNDARY's matches where a MARKER can start, found in one scan: each
# match ends right before a marker's first character (a test checks both give the same ends).
INLINE_HEADING = regex.compile(
    r"(?:[。;!?:][ \t]*|[ \t](?<=\S[ \t])[ \t]*)(?=" + _MARKER_FIRST + ")"
)

# Title ends: the first 。 or colon; not the colon of a time or ratio (10:00, 6:10:8).
# It and TITLE_RUNS_ON are searched at least once per heading: the standard library's engine,
# whose call costs less (the patterns use nothing it lacks; a test checks both engines agree).
TITLE_END_SOURCE = r"。|(?<!\d):|:(?!\d)"
TITLE_END = re.compile(TITLE_END_SOURCE)

# A heading line cut by a hard wrap (PDF copies) ends in one of these: the title runs on.
TITLE_RUNS_ON_SOURCE = r"[,、(“《]$"
TITLE_RUNS_ON = re.compile(TITLE_RUNS_ON_SOURCE)

# A table-of-contents entry: dot leaders, optionally with a page number (… 4, ......- 1 -).
TOC_LEADER = regex.compile(r"(?:\.{3,}|…{2,}|·{3,})[ \t]*(?:[-—][ \t]*)?\d{0,3}(?:[ \t]*[-—])?[ \t]*$")
# A marker broken over three lines starts with "(" and a space or line break: only lines
# holding that pair can hold one (the standard library's engine finds it fastest).
SPLIT_PAREN_HINT = re.compile(r"\([ \t\n]")
TOC_HEADING = regex.compile(r"(?m)^[ \t]*目[ \t]*录[ \t]*$")

# A numbered "title" that is a file name is a download link (1、丰政办发〔2026〕4号.pdf), not a heading.
FILE_NAME = regex.compile(r"(?i)\.(?:pdf|docx?|wps|xlsx?|et|ofd|zip|rar|txt|jpe?g|png)\s*$")

# A signature date alone on a line: what separates a notice from the texts it carries.
DATE_LINE = regex.compile(
    r"(?m)^[ \t]*(?:\d{4}|[〇○零一二三四五六七八九]{4})[ \t]*年[ \t]*[\d一二三四五六七八九十]{1,3}[ \t]*月"
    r"[ \t]*[\d一二三四五六七八九十]{1,3}[ \t]*日[ \t]*$"
)

# Words that end an annex title: once the joined lines end in one, the title is complete.
ANNEX_TITLE_END = regex.compile(
    r"(?:名单|[表单册图]|清单|方案|办法|细则|规定|意见|计划|规划|目录|指南|指引|要求|标准|说明|流程|汇总|"
    r"范本|模板|格式|文本|条例|须知|通知|函|书|任务|分工|措施|政策|制度|规则|程序|大纲|纲要|机制|体系|"
    r"报告|指标|\))$"
)
ANNEX_TITLE_LINE_MAX = 40
