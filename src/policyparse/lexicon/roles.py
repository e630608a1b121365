"""Responsibility clauses: role labels, role verbs, trailing phrases and task-table headers.

Role names are stable output values (they are columns in users' tables): ``lead`` (牵头),
``responsible`` (责任, 负责, 主办, 主责) and ``cooperating`` (配合, 协办, 参与, 参加, 协助).
"""

from __future__ import annotations

import re

import regex

LEAD = "lead"
RESPONSIBLE = "responsible"
COOPERATING = "cooperating"
DEADLINE = "deadline"  # not a role: a 完成时限 part of a clause or a column of a task table

# A label names the role of the list after its colon: 牵头单位:…, 责任部门:…, 完成时限:….
# Longest alternatives first so that 牵头责任单位 is read as one label.
_LABEL_WORDS: dict[str, str] = {
    "牵头责任单位": LEAD,
    "牵头责任部门": LEAD,
    "牵头单位": LEAD,
    "牵头部门": LEAD,
    "牵头领导单位": LEAD,
    "责任单位": RESPONSIBLE,
    "责任部门": RESPONSIBLE,
    "责任主体": RESPONSIBLE,
    "负责单位": RESPONSIBLE,
    "负责部门": RESPONSIBLE,
    "主办单位": RESPONSIBLE,
    "主办部门": RESPONSIBLE,
    "主责单位": RESPONSIBLE,
    "主责部门": RESPONSIBLE,
    "承办单位": RESPONSIBLE,
    "实施单位": RESPONSIBLE,
    "落实单位": RESPONSIBLE,
    "配合单位": COOPERATING,
    "配合部门": COOPERATING,
    "协办单位": COOPERATING,
    "协办部门": COOPERATING,
    "参与单位": COOPERATING,
    "参与部门": COOPERATING,
    "参加单位": COOPERATING,
    "协助单位": COOPERATING,
    "协同单位": COOPERATING,
    "协同部门": COOPERATING,
    "完成时限": DEADLINE,
    "完成时间": DEADLINE,
    "时间节点": DEADLINE,
    "时限要求": DEADLINE,
}
LABEL_ROLE = _LABEL_WORDS

_LABEL_ALT = "|".join(sorted(_LABEL_WORDS, key=len, reverse=True))

# A label with its colon. Inside a bracket it may follow a separator of the previous part.
LABEL = regex.compile(rf"(?P<label>{_LABEL_ALT})[ \t]*[::]")

# Labels are read from the text's colons (rare) instead of trying the alternation at every
# character: a LABEL match is a label word that ends where the spaces before a colon begin,
# the longest such word when two end there (LABEL's leftmost match).
LABEL_COLON = ":"  # full-width colons are folded by normalising
LABEL_GAP = frozenset(" \t")  # LABEL's [ \t]* between word and colon
LABEL_LENGTHS = tuple(sorted({len(w) for w in _LABEL_WORDS}, reverse=True))

# A label that opens a line (Qingdao's own-line clauses) or a sentence of its own. The reader
# takes the LABEL matches preceded by LABEL_GAP characters and a line start or one of
# LINE_LABEL_AFTER; this pattern is that definition written out (the fast-path tests hold
# the reader to it).
LINE_LABEL = regex.compile(rf"(?m)(?:^|(?<=[。;!?]))[ \t]*(?P<label>{_LABEL_ALT})[ \t]*[::]")
LINE_LABEL_AFTER = frozenset("\n。;!?")

# Web-page footers carry "主办单位:XX" / "承办单位:XX" lines about the site, not a task.
# On ``re`` (plain words), which searches a label's window of text faster than ``regex``.
_FOOTER_WORDS = (
    "ICP", "网站标识码", "版权所有", "公网安备", "网站地图", "联系我们", "技术支持", "网站主办", "Copyright", "©"
)
FOOTER_HINT = re.compile("|".join(map(re.escape, _FOOTER_WORDS)))
FOOTER_LONGEST = max(map(len, _FOOTER_WORDS))
FOOTER_WINDOW = 200

# Where an own-line labelled part ends: the end of its line or a full stop.
LINE_PART_END = re.compile(r"[。\n]")  # on ``re``: quicker to start, for a short search

# Unlabelled inline clauses: a segment is units followed by the verb that gives the role.
# Longest verbs first; the lazy unit part then leaves the whole verb to this group.
_VERBS: dict[str, str] = {
    "牵头负责": LEAD,
    "牵头落实": LEAD,
    "牵头督导": LEAD,
    "牵头组织": LEAD,
    "牵头实施": LEAD,
    "牵头": LEAD,
    "按职责分工负责": RESPONSIBLE,
    "按照职责分工负责": RESPONSIBLE,
    "按职责分工落实": RESPONSIBLE,
    "按职能分工负责": RESPONSIBLE,
    "按职责负责": RESPONSIBLE,
    "分别负责": RESPONSIBLE,
    "共同负责": RESPONSIBLE,
    "具体负责": RESPONSIBLE,
    "负责落实": RESPONSIBLE,
    "负责实施": RESPONSIBLE,
    "结合实际落实": RESPONSIBLE,
    "抓好落实": RESPONSIBLE,
    "组织实施": RESPONSIBLE,
    "负责": RESPONSIBLE,
    "落实": RESPONSIBLE,
    "主办": RESPONSIBLE,
    "按职责分工配合": COOPERATING,
    "配合": COOPERATING,
    "参与": COOPERATING,
    "参加": COOPERATING,
    "协助": COOPERATING,
    "协办": COOPERATING,
}
VERB_ROLE = _VERBS
VERB_WORDS = tuple(_VERBS)  # for str.endswith: a clause's last segment must end in one
VERB_LAST = frozenset(w[-1] for w in _VERBS)  # so a bracket not ending in one is skipped unread
_VERB_ALT = "|".join(sorted(_VERBS, key=len, reverse=True))
# On ``re``, which tries the lazy unit part and the verbs at each character four to five
# times faster than ``regex``; the pattern uses nothing it lacks.
SEGMENT = re.compile(rf"(?s)^(?:由)?(?P<units>.+?)(?P<verb>{_VERB_ALT})$")


# Bracket pairs a clause may sit in; 〔〕 and 【】 survive normalising, full-width () are folded.
OPEN_CLOSE: dict[str, str] = {"(": ")", "〔": "〕", "[": "]", "【": "】"}
BRACKET_OPEN = regex.compile(r"[(〔\[【]")
# The scan for clauses in brackets, as one pattern (``assignments`` reads BRACKET_STARTS
# below, which finds the same stops faster). Group 1 is each opener in turn, as a whole pair when it
# holds no other bracket and no paragraph break (\n\n), else alone (the openers left to walk
# from). Asides are passed over without a stop: pairs as above with no label colon in them
# whose last character before the separators a clause's end sheds (_TRIM) is not a role
# verb's (VERB_LAST), from which no clause can come. At the end of the text group 1 is None.
# Run on the standard ``re`` engine, which steps through these character classes about twice
# as fast; so an aside's last character is read forwards instead of by the variable-width
# look-behind ``re`` lacks: its content is runs of shed or verb-final characters each closed
# by a character that is neither, then shed characters only. Each character has one way to
# match, so nothing is tried twice.
_BRACKETS = regex.escape("".join(OPEN_CLOSE) + "".join(OPEN_CLOSE.values()))
_TRIM = " \t\n;,。.、"
_PAIR = "|".join(
    regex.escape(o) + rf"(?:[^{_BRACKETS}\n]++|\n(?!\n))*+" + regex.escape(c) for o, c in OPEN_CLOSE.items()
)
_SHED = regex.escape(_TRIM.replace("\n", ""))  # \n is shed too, but not two of them (a paragraph break)
_VERB_END = regex.escape("".join(sorted(VERB_LAST)))
_ASIDE_RUN = rf"(?:[{_SHED}{_VERB_END}]|\n(?!\n))*+[^{_BRACKETS}\n:{_SHED}{_VERB_END}]"
_ASIDE = "|".join(
    regex.escape(o) + rf"(?:{_ASIDE_RUN})*+(?:[{_SHED}]|\n(?!\n))*+" + regex.escape(c) for o, c in OPEN_CLOSE.items()
)
_NOT_OPENER = "[^" + regex.escape("".join(OPEN_CLOSE)) + "]"
# Every bracket that is not an aside, as one scan (group 1 at each stop): the readable form of
# BRACKET_STARTS below, which the parser runs. Written unrolled (a run of non-openers, then
# asides each followed by such a run). Only the tests compile it (and hold BRACKET_STARTS to it).
BRACKET_SCAN_SOURCE = rf"{_NOT_OPENER}*+(?:(?:{_ASIDE}){_NOT_OPENER}*+)*+(?:({_PAIR}|{BRACKET_OPEN.pattern})|\Z)"
# BRACKET_SCAN's group 1, found per kind of opener: each opener not an aside's, as a whole pair
# where it makes one. An aside holds no bracket, so no opener lies inside one and every opener
# is either an aside's or one of these; sorted by position they are BRACKET_SCAN's stops (the
# tests hold them to it). ``re`` finds a pattern that opens with one literal character about
# twice as fast as it steps through BRACKET_SCAN's run of non-openers, so four of these scans
# cost less than that one.
BRACKET_STARTS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(
        regex.escape(o)
        + rf"(?!(?:{_ASIDE_RUN})*+(?:[{_SHED}]|\n(?!\n))*+{regex.escape(c)})"
        + rf"(?:(?:[^{_BRACKETS}\n]++|\n(?!\n))*+{regex.escape(c)})?"
    )
    for o, c in OPEN_CLOSE.items()
)


# The content of a bracket that holds only flat pairs (责任单位:市委组织部(市委人才办)、…), up to
# the first bracket character that is not part of one or a paragraph break: where the walk
# from the opener (``assignments._matching_close``) stops if that character closes it.
NESTED_CONTENT = re.compile(rf"(?:[^{_BRACKETS}\n]++|\n(?!\n)|{_PAIR})*+")


# What a list item may end with that is not part of the unit: a verb phrase (…按职责分工负责,
# …牵头负责) and then an 等 (…苏州海关等, …等部门). Cut from the end of an item, in that order.
TRAILING_VERB = regex.compile(
    r"(?:按照?职[责能]分工(?:负责|落实|配合)?|按职责负责|分别负责|共同负责|具体负责|负责落实|负责实施"
    r"|结合实际落实|抓好落实|牵头负责|牵头落实|牵头)$"
)
TRAILING_ETC = regex.compile(r"等(?:有关|相关|其他)?(?:部门|单位|机构)?$")
# The last characters these can match ending in (a name ending otherwise is left as it is
# without trying them); a final newline too, which ``$`` may stand before.
TRAILING_VERB_LAST = frozenset("工责实合施头\n")
TRAILING_ETC_LAST = frozenset("等关他门位构\n")

# A note that turns the first unit of each 责任单位 list into the lead (列第一位者为牵头单位).
FIRST_IS_LEAD = regex.compile(
    r"(?:列|排|位)(?:在|于)?(?:第一位|首位|第一)(?:的|者)?(?:单位)?(?:为|是)牵头(?:单位|部门)"
)

# Task tables: header cells and what each column means.
TABLE_HEADER_ROLE: list[tuple[regex.Pattern[str], str]] = [
    (regex.compile(r"牵头"), LEAD),
    (
        regex.compile(r"主责|责任单位|责任部门|负责单位|负责部门|主办|承办|实施单位|落实单位|责任主体"),
        RESPONSIBLE,
    ),
    (regex.compile(r"配合|协办|参与|参加|协助|协同"), COOPERATING),
    (regex.compile(r"时限|完成时间|时间节点|进度|期限"), DEADLINE),
]

# A cell that says "nobody" or "nothing".
EMPTY_CELL = regex.compile(r"^[\s—\-–/无、,.。]*$")
# The characters a non-empty such cell can open with besides whitespace (str.isspace, which
# takes in all of \s): a unit opening otherwise is not tried against EMPTY_CELL.
EMPTY_CELL_FIRST = frozenset("—-–/无、,.。")
# Every character ``str.isspace`` takes in (\s and more), so that a set lookup stands for it.
WHITE_SPACE = frozenset("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
                        "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")

# Deadline cells of a task table: what anchors a ragged row to its header.
DEADLINE_CELL = regex.compile(
    r"^(?:\d{4}年)?(?:\d{1,2}(?:[-—~至]\d{1,2})?月)?(?:上旬|中旬|下旬|底|末|中)?(?:前|以前|底前)?$"
    r"|^(?:\d{4}年)?(?:年底|年内|年中|上半年|下半年|全年|每年|每季度|每月)(?:前|完成)?$"
    r"|^(?:长期|持续|常态化|动态)(?:坚持|推进|实施|开展|治理|落实)?$|^按(?:时间)?节点(?:完成|推进)?$"
)
DEADLINE_VALUE = regex.compile(r"(?P<y>\d{4})年(?:(?P<m>\d{1,2})月)?")
