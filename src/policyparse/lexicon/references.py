"""Patterns for citations: 《》 titles, the numbers beside them, and short-name aliases."""

from __future__ import annotations

import regex

TITLE_OPEN, TITLE_CLOSE = "《", "》"
TITLE_BRACKETS = regex.compile(rf"[{TITLE_OPEN}{TITLE_CLOSE}]")
TITLE_MAX = 200  # a 《 with no 》 this far on is a stray bracket, not a title

# What may stand between a title's 》 and its number: 《…》(国发〔2015〕71号), 《…》 国发〔…〕.
GAP_AFTER = regex.compile(r"[ \t\n]*\(?[ \t\n]*")
# 《医疗机构管理条例》(以下简称《条例》): 《条例》 is a short name for a title already cited,
# not a document of its own.
ALIAS_CUE = regex.compile(r"(?:简称|以下称|下称|简写为)[ \t“\"]*$")
ALIAS_WINDOW = 8
