"""Patterns for named stages of a plan's timeline."""

from __future__ import annotations

import regex

# Every stage pattern holds STAGE_WORD; the text is read only around its occurrences.
STAGE_WORD = "阶段"
ORDINAL_MARK = "第"
ORDINAL_MAX = 3  # the most characters of _ORD between 第 and 阶段
_ORD = rf"[一二三四五六七八九十\d]{{1,{ORDINAL_MAX}}}"
_NAME_CHAR = r"[\p{Han}“”]"
# The name characters right before a 阶段, read backwards (at most NAME_MAX of them): where a
# NAMED / NAMED_COLON match ending its name on that 阶段 can start.
NAME_MAX = 20
NAME_BACK = regex.compile(rf"{_NAME_CHAR}{{1,{NAME_MAX}}}", regex.REVERSE)
_DATE_PAREN = r"\((?P<date>[^()\n]{2,40})\)"

# 第一阶段:编制改革方案(2017年7月—2017年12月): the name is what follows the ordinal.
ORDINAL_NAMED = regex.compile(
    rf"第{_ORD}阶段[ \t]*[::][ \t]*(?P<name>[^\n。;:()]{{1,40}}?)[ \t]*{_DATE_PAREN}"
)
# 第一阶段(2017年): the ordinal is the only name.
ORDINAL_ONLY = regex.compile(rf"(?P<name>第{_ORD}阶段)[ \t]*{_DATE_PAREN}")
# 启动建设阶段(2017年), (一)准备阶段(2022年7月—9月), 1.动员启动阶段(2017年7月?2017年12月).
# The name starts a line, a sentence or follows a heading marker.
NAMED = regex.compile(
    rf"(?:(?<=^)|(?<=[\n。;:!?\s)、.①②③④⑤⑥⑦⑧⑨⑩]))(?P<name>{_NAME_CHAR}{{1,{NAME_MAX}}}?阶段)[ \t]*{_DATE_PAREN}"
)
# 准备阶段:2022年7月至9月…: a stage whose dates follow its colon.
NAMED_COLON = regex.compile(
    rf"(?:(?<=^)|(?<=[\n。;!?\s)、.①②③④⑤⑥⑦⑧⑨⑩]))(?P<name>{_NAME_CHAR}{{1,{NAME_MAX}}}?阶段)[ \t]*[::][ \t]*"
    r"(?=\d|[〇零一二三四五六七八九]{4}年)"
)
# Names that only point at a stage (现阶段, 新阶段, 这一阶段), not name one.
GENERIC = regex.compile(
    r"^(?:现|新|各|这一?|那一?|该|本|每一?个?|下一个?|上一个?|不同|此|当前|目前|重要|关键|初级|高级|发展)阶段$"
)

# Qualifiers that make a single date a stage's end (2017年8月以前) or its start (2018年起).
END_ONLY = frozenset({"以前", "之前", "前", "底前", "年底前", "底以前", "底之前", "为止"})
START_ONLY = frozenset({"以后", "之后", "起", "以来"})
