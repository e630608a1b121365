"""Keys that let a citation find the notice it cites: titles and document numbers in a comparable form."""

from __future__ import annotations

import regex

# Dropped from a title before comparing: spacing, the title brackets and quotes a page or a
# citation may or may not carry around the same words.
TITLE_NOISE = regex.compile(r"[\s\u200b\u200c\u200d\ufeff《》〈〉<>“”\"'‘’「」『』]+")

# The document a covering notice hands on: 关于印发《X》的通知, 关于转发X的通知. Matched on a title
# from which spacing is already gone; the brackets are still there so that several titles
# (印发《A》《B》的通知) can be told apart.
COVERING = regex.compile(
    r"关于(?:印发|转发|发布|颁布|下发|公布|印送|修订印发|重新印发)(?P<inner>.+?)的(?:通知|决定|通告|公告|函)$"
)
BRACKETED = regex.compile(r"《(?P<title>[^《》]+)》")

# A title keyed from 关于 on as well, so 《关于…的通知》 cited without its issuer still matches.
ABOUT = "关于"

# Brackets of a document number (〔2017〕, [2017], (2017), 【2017】) read as one form.
DOC_OPEN = regex.compile(r"[\[［(（【〈]")
DOC_CLOSE = regex.compile(r"[\]］)）】〉]")
