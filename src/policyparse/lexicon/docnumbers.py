"""Document-number (发文字号) grammar: 机关代字 + 〔年〕 + 序号 + 号.

Read against normalised text, where ﹝﹞ and 〔〕 are already 〔〕 and full-width () are
ASCII; [] () 【】 still have to be accepted here. PDF copies and crawled pages leave
whitespace, even line breaks, between the parts (``卫办发 〔2008〕24号``,
``国办发〔2015〕7 号``, ``华中电监市场价财\\n〔\\n2012\\n〕\\n428\\n号``), so each gap allows a
little of it.
"""

from __future__ import annotations

import regex

_GAP = r"[ \t\n]{0,3}"
OPEN = r"〔\[(【"
CLOSE = r"〕\])】"

# The agency code is the run of Han characters right before the bracket. Up to 12 are
# taken (华中电监市场价财 is 8); words that introduce a citation are cut off the front
# afterwards (AGENCY_LEAD), because the regex cannot tell 根据国办发 from 国知发管函字.
DOC_NUMBER = regex.compile(
    rf"(?P<agency>\p{{Han}}{{1,12}}){_GAP}"
    rf"(?P<open>[{OPEN}]){_GAP}(?P<year>(?:19|20)\d{{2}}){_GAP}(?P<close>[{CLOSE}]){_GAP}"
    rf"(?:第{_GAP})?(?P<serial>\d{{1,5}}){_GAP}号"
)

# Words that stand before a cited number but are no part of its agency code. Removed from
# the front of the Han run repeatedly, longest first; metadata labels glued to their
# value (发文字号青政字〔2017〕58号 once spaces between Han are gone) too. Single characters are kept to
# function words that never occur inside a 机关代字 (经 and 文 and 自 do: 浙经信, 文市发, 自然资发).
AGENCY_LEAD = regex.compile(
    r"^(?:发文字号|文号|字号|根据|依据|按照|参照|依照|遵照|对照|贯彻|落实|执行|印发|转发|详见|参见|见于|结合|另见|"
    r"文件|精神|要求|规定|以及|同时|并|和|与|及|或|的|即|见|按|据|依|号|由|对|将|为|在|从|以|如)+"
)

SERIAL_END = "号"  # ends every number; the pattern is tried only where it stands

# The same pattern read right to left from a 号: anchored there, it finds the earliest start
# of a number ending on that 号 without trying the pattern at every Han character before it.
DOC_NUMBER_BACK = regex.compile(DOC_NUMBER.pattern, regex.REVERSE)

MIN_AGENCY = 2  # one Han character is too little to tell a code from a stray word
