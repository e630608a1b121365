"""Government units: how lists of them are written, what their names end with, and abbreviations.

Used to split a responsibility list into units and to read each unit as a reader understands
it (``full``): a shared suffix distributed, an omitted place prefix (市, 省, 区, 县) restored.
"""

from __future__ import annotations

# Patterns that need nothing the standard ``re`` engine lacks are compiled with it: it answers
# the short searches made of lists and units two to three times faster than ``regex``. Those
# that need ``regex`` (\p{Han}, variable-width look-behind, ``pos`` tricks) stay on it.
import re

import regex

# Separators between list items. A TAB is a <br> inside a table cell (a soft separator).
SEPARATOR_CHARS = frozenset(" \t\n\r\u3000、,;")
STRONG_SEPARATOR_CHARS = frozenset(",;")  # a new group: a shared suffix stops here

BRACKETS: dict[str, str] = {"(": ")", "〔": "〕", "[": "]", "【": "】", "“": "”", "《": "》", "‘": "’"}
CLOSERS = frozenset(BRACKETS.values())
# Whether a list holds an opener, or a strong separator, asked by one scan: ``frozenset.isdisjoint``
# of a list of Han characters builds a string per character and costs several times more.
OPENER = re.compile("[" + re.escape("".join(BRACKETS)) + "]")
STRONG_SEPARATOR = re.compile("[" + re.escape("".join(sorted(STRONG_SEPARATOR_CHARS))) + "]")

# 各区、县(市)政府 / 各区、市政府 / 各市、县〔区〕政府 / 相关区、县(市)政府: one unit made of
# single-character levels joined by 、. Splitting it would make 县(市)政府 or 市政府, which
# read as other bodies.
_LEVEL = r"(?:自治区|直辖市|[省市区县乡镇旗盟州])(?:\([^()\n]{1,6}\)|〔[^〔〕\n]{1,6}〕|\[[^\[\]\n]{1,6}\])?"
JOINT_LEVELS = regex.compile(
    rf"(?:各|相关|有关|所在|全|其他)?{_LEVEL}(?:、{_LEVEL})+"
    r"(?:两级|三级|各级)?(?:人民政府|政府|党委和政府|党委政府|党委|党政|有关部门|相关部门|主管部门)"
)

# One item of a list without brackets or quotes, with the separators before it: a joint
# level group (which spans 、) or a run of non-separators. The characters are those of
# ``orgunits._SEP_CHARS``.
_SEP_CLASS = r"[ \t\n\r\u3000、,;]"
_ITEM_CLASS = r"[^ \t\n\r\u3000、,;]"
# Read by position (group 1 the separators, group 2 the item, which ends the match). These
# list patterns run on the standard ``re`` engine, which steps through their character
# classes two to three times faster than ``regex``; they use nothing it lacks.
LIST_ITEM = re.compile(
    rf"(?P<sep>{_SEP_CLASS}*)(?P<item>(?:{JOINT_LEVELS.pattern}){_ITEM_CLASS}*|{_ITEM_CLASS}+)"
)

# Lists whose brackets and quotes are flat pairs (each opener's next bracket is its own closer)
# are split by one scan too: a pair is part of its item, separators and all. Other lists
# (nested, unclosed or stray brackets) are walked character by character.
_BR = regex.escape("".join(BRACKETS) + "".join(BRACKETS.values()))
_PAIR = "|".join(regex.escape(o) + rf"[^{_BR}]*+" + regex.escape(c) for o, c in BRACKETS.items())
FLAT_PAIRS = re.compile(rf"(?:[^{_BR}]++|{_PAIR})*+")  # use with fullmatch
_PAIRED_ITEM = rf"(?:[^ \t\n\r\u3000、,;{_BR}]|{_PAIR})"
LIST_ITEM_PAIRED = re.compile(
    rf"(?P<sep>{_SEP_CLASS}*)(?P<item>(?:{JOINT_LEVELS.pattern}){_PAIRED_ITEM}*|{_PAIRED_ITEM}+)"
)

# Characters no unit's name holds (words of prose, sentence ends, quotes, titles): a bracket
# listing an item with one is an aside, not an unlabelled clause.
NOT_IN_UNIT = frozenset("的要将对把被应须。:!?“”《》")

# Place prefixes that a list item may carry and that may be restored on its neighbours.
# 市场…, 市级…, 区域…, 县域… are words, not prefixes (市场监管局 lacks its 市).
PREFIX_CHARS = frozenset("省市区县州盟旗")
PREFIX_NOT_BEFORE = frozenset("场级域县区、")  # 市场, 市级, 区域, 县域, 区县, 市、…
PREFIX = regex.compile(
    "^(?P<p>[" + "".join(sorted(PREFIX_CHARS)) + "])(?![" + "".join(sorted(PREFIX_NOT_BEFORE)) + "])"
)

# Items that never get a prefix: generic references, national or central bodies.
GENERIC_START = re.compile(r"^(?:各|相关|有关|全|其他|所属|同级|本级|上级|下级|市直|区直|县直|省直|驻)")
NATIONAL_START = re.compile(r"^(?:中国|中华|中央|国家|全国|国务院|中共中央)")

# An item that already names a place: a name followed by an admin word (浑南区政府, 高新区管委会,
# 人民银行青岛市中心支行, 中德生态园管委). Words that merely contain 市/区 are excluded.
_NOT_PLACE = r"(?!场|级|域|直|属|容|政(?!府)|民(?!政府))"
# ``regex``'s \p{Han} (the Han script) written out as ranges, for the standard ``re`` engine:
# NAMED_PLACE is asked of each unit restored and runs about three times faster there. The tests
# hold it to \p{Han} over every code point.
HAN_CLASS = (
    "\u2e80-\u2e99\u2e9b-\u2ef3\u2f00-\u2fd5\u3005\u3007\u3021-\u3029\u3038-\u303b\u3400-\u4dbf\u4e00-\u9fff"
    "\uf900-\ufa6d\ufa70-\ufad9\U00016fe2-\U00016fe3\U00016ff0-\U00016ff6\U00020000-\U0002a6df\U0002a700-\U0002b81e"
    "\U0002b820-\U0002cead\U0002ceb0-\U0002ebe0\U0002ebf0-\U0002ee5d\U0002f800-\U0002fa1d\U00030000-\U0003134a"
    "\U00031350-\U00033479"
)
NAMED_PLACE = re.compile(
    rf"^[{HAN_CLASS}]{{1,12}}?(?:省|(?<!城|都|超|门|夜)市{_NOT_PLACE}|(?<!社|小|校|厂|矿)区{_NOT_PLACE}"
    r"|县|州|盟|旗|镇|乡|街道|新区|开发区|高新区|园区|生态园|产业园|科技园|工业园|基地|港区|保税区|试验区|自贸区|片区)"
)
# The characters NAMED_PLACE's place words end with: a unit holding none names no place.
NAMED_PLACE_LAST = frozenset("省市区县州盟旗镇乡道园地")

# What a government unit's name ends with. Used to tell a unit from prose in unlabelled
# clauses and to decide that an item is complete (no shared suffix needed).
ORG_SUFFIX = re.compile(
    r"(?:局|委|委员会|办|办公室|厅|部|署|院|中心|政府|管委会|管委|管理处|处|科|室|所|站|队|支队|大队|总队|馆|台|社"
    r"|总社|集团|公司|银行|分行|支行|海关|法院|检察院|科协|工会|总工会|团委|妇联|残联|文联|工商联|社科联|侨联"
    r"|协会|学会|商会|联合会|联社|大学|学院|学校|医院|党校|街道|镇|乡|单位|部门|机构|成员单位|指挥部|领导小组"
    r"|小组|会|组|监管局|分局)(?:\([^()]*\)|〔[^〔〕]*〕)?$"
)

# Suffixes a group shares: the last item of 西咸新区、高新区、经开区管委会 lends 管委会 to the
# others, 碑林区、鄠邑区政府 lends 政府. Only items that end in a place word take it.
_SHARED_SUFFIXES = (
    "管理委员会", "管委会", "管委", "人民政府", "政府", "党委", "党工委", "办事处", "有关部门", "主管部门", "部门"
)
SHARED_SUFFIX = re.compile("(?:" + "|".join(_SHARED_SUFFIXES) + ")$")
# The last characters a SHARED_SUFFIX match can end a unit with (and a final newline, which
# ``$`` may stand before): a list whose units end otherwise lends no suffix.
SHARED_SUFFIX_LAST = frozenset(w[-1] for w in _SHARED_SUFFIXES) | {"\n"}
TAKES_SUFFIX = re.compile(
    r"(?:省|市|区|县|州|盟|旗|镇|乡|街道|新区|开发区|高新区|经开区|园区|生态园|产业园|科技园|基地|片区|港|岛)$"
)

# Bodies that keep their own name and never take a local prefix: companies, banks, schools,
# branches of central agencies.
NO_PREFIX = re.compile(
    r"(?:公司|集团|银行|分行|支行|海关|大学|学院|学校|医院|报社|电视台|电台|保险|证券|分局|监管分局|调查队|气象局"
    r"|邮政管理局|烟草|供电|电网|铁路|机场|港务|联社)"
)

# A place name read from the notice itself: 濮阳 in 濮阳市, 青岛 in 青岛市. An item that opens
# with one already names its place (濮阳海关, 青岛仲裁办). A 市/省 followed by one of these is
# part of a word (文化市场, 全省级), not a place.
PLACE_LEVELS = ("市", "省")
NOT_PLACE_AFTER = frozenset("场级域直属民委政区县长")
# 区 and 县 end many words (商务区, 示范区), so there the name counts only before a
# government word or a boundary: 丰台区人民政府, 丰台区、….
LOCAL_LEVELS = ("区", "县")
LOCAL_PLACE_AFTER = regex.compile(r"人民政府|政府|委|[、,;。\s]|$")
# The level characters above that end a place name, with their conditions written into one
# pattern, so that a text's places are read in one scan.
PLACE_END = regex.compile(
    "[" + "".join(PLACE_LEVELS) + "](?![" + "".join(sorted(NOT_PLACE_AFTER)) + "])"
    "|[" + "".join(LOCAL_LEVELS) + "](?=" + LOCAL_PLACE_AFTER.pattern + ")"
)
# The same ends with the three characters before each captured (the 3-character head; the
# 2-character head is its last two), so the heads come out of ``findall`` as strings, without
# a Python step or a tuple per end. An end fewer than three characters into the text is not
# matched here. The end is matched first and the head looked behind for from there: a scan for
# a level character is cheaper than a look-behind tried at every character. One pattern per
# level character, on ``re``: a pattern opening with one literal character is scanned for
# about twice as fast as one opening with a character set (four scans cost less than one),
# and the ``regex`` engine's \s is spelled out (``re``'s takes in \x1c-\x1f too).
_WHITE_SPACE = "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
PLACE_HEADS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(level + "(?![" + "".join(sorted(NOT_PLACE_AFTER)) + "])" r"(?<=(?s:(...).))")
    for level in PLACE_LEVELS
) + tuple(
    re.compile(level + "(?=人民政府|政府|委|[、,;。" + _WHITE_SPACE + "]|$)" r"(?<=(?s:(...).))")
    for level in LOCAL_LEVELS
)

# Abbreviations and long forms of department names, for grouping spellings of one body.
# Each tuple lists spellings of the same core (without place prefix).
ABBREVIATIONS: list[tuple[str, ...]] = [
    ("科技局", "科学技术局"),
    ("科技厅", "科学技术厅"),
    ("发改委", "发展改革委", "发展和改革委", "发展和改革委员会", "发展改革委员会"),
    ("工信局", "工业和信息化局", "工业信息化局", "经信局", "经济和信息化局"),
    ("工信委", "经信委", "经济信息化委", "经济和信息化委员会", "工业和信息化委员会"),
    ("工信厅", "工业和信息化厅"),
    ("人社局", "人力资源社会保障局", "人力资源和社会保障局"),
    ("人社厅", "人力资源社会保障厅", "人力资源和社会保障厅"),
    ("住建局", "住房城乡建设局", "住房和城乡建设局"),
    ("住建委", "住房城乡建设委", "住房和城乡建设委员会", "住房城乡建设委员会"),
    ("住建厅", "住房城乡建设厅", "住房和城乡建设厅"),
    ("市场监管局", "市场监督管理局"),
    ("卫健委", "卫生健康委", "卫生健康委员会", "卫生和健康委员会"),
    ("文广旅局", "文化广电旅游局", "文化广电和旅游局"),
    ("文旅局", "文化和旅游局", "文化旅游局"),
    ("资源规划局", "自然资源和规划局", "自然资源规划局"),
    ("生态环境局", "环境保护局", "环保局"),
    ("应急局", "应急管理局"),
    ("交通局", "交通运输局"),
    ("城管局", "城市管理局", "城市管理综合行政执法局"),
    ("农业农村局", "农业和农村局", "农业农村委"),
    ("教育局", "教育委员会"),
    ("国资委", "国有资产监督管理委员会", "政府国资委"),
    ("金融办", "金融工作办公室", "金融工作办", "地方金融监管局", "地方金融监督管理局"),
    ("编办", "编委办", "机构编制委员会办公室"),
    ("外办", "外事办", "外事办公室", "外侨办"),
    ("中级法院", "中级人民法院"),
    ("检察院", "人民检察院"),
    ("法院", "人民法院"),
    ("统计局",),
    ("财政局",),
    ("税务局",),
]
# Connectives that spellings of one name drop or keep (人力资源和社会保障局 / 人力资源社会保障局).
CONNECTIVE = regex.compile(r"[和与及、]")
LONG_FORMS: list[tuple[str, str]] = [
    ("管理委员会", "管委会"),
    ("委员会", "委"),
    ("办公室", "办"),
    ("人民政府", "政府"),
]
