"""The 附件 list of a notice: 附件:1.… / 2.…, 附件:title, or 附件1:… lines.

Shared by the attachments stage (which reads the titles) and the sections stage (for which
the numbered lines of the list are not headings).
"""

from __future__ import annotations

import regex

LABEL = "附件"  # every list and label line holds it; the patterns below are tried only on such lines

# The whole list: a line opening with 附件: (or 附件 before a number), then any lines that are
# blank or numbered. It must start the line, so a web label such as "公文相关附件: 市政办发109"
# is not a list.
ATTACHMENT_LIST = regex.compile(
    r"(?m)^[ \t]*附件[ \t]*(?::[ \t]*|(?=\d{1,2}[.、]))(?P<first>[^\n]*)"
    r"(?P<more>(?:\n[ \t]*(?:\d{1,2}[ \t]*[.、][^\n]*)?)*)"
)

# Where a numbered item starts: at the line start, or after a space or separator when
# several items share a line (附件:1.甲;2.乙).
ITEM_START = regex.compile(r"(?m)(?:^|(?<=[\s:;,。]))(?P<n>\d{1,2})[ \t]*[.、][ \t]*")

# A label with its title on one line, as some notices list their annexes: 附件1:…; 附件2:….
NUMBERED_LABEL = regex.compile(
    r"(?m)^[ \t]*附件[ \t]*(?P<n>\d{1,2})[ \t]*[:.、][ \t]*(?P<title>[^\n。]{2,60}?)[ \t]*$"
)

# Download links are not annex titles: 1、丰政办发〔2026〕4号.pdf, 附件----….wps.
FILE_NAME = regex.compile(r"(?i)\.(?:pdf|docx?|wps|xlsx?|et|ofd|zip|rar|txt|jpe?g|png)\s*$")

# Punctuation that closes a list item but is not part of the title.
TRAILING = "。;,、 \t"
