"""Patterns for quantities: numerals, multipliers and the unit catalogue.

The number grammar is shared (targets, incentives, and anyone who needs 16.4亿元 as a
Decimal), so every pattern here is about the *form* of a quantity, never about whether
it is a goal.
"""

from __future__ import annotations

import re
from decimal import Decimal

import regex

# Multipliers that fold into the value (9万件 → 90000 件). Longest first.
MULTIPLIERS: dict[str, Decimal] = {
    "万亿": Decimal("1000000000000"),
    "千万": Decimal("10000000"),
    "百万": Decimal("1000000"),
    "亿": Decimal("100000000"),
    "万": Decimal("10000"),
    "千": Decimal("1000"),
    "百": Decimal("100"),
}

# Units plans count, longest first so the alternation prefers 千瓦时 over 千瓦, 人次 over 人.
# Each is followed by a guard against the words it starts (个人, 次性, 项目 …) so that a
# numeral that is part of a word is not read as a count.
COUNT_UNITS: list[tuple[str, str]] = [
    ("个百分点", ""),
    ("百分点", ""),
    ("人次", ""),
    ("平方公里", ""),
    ("平方千米", ""),
    ("平方米", ""),
    ("立方米", ""),
    ("千瓦时", ""),
    ("万千瓦", ""),
    ("千瓦", ""),
    ("兆瓦", ""),
    ("千伏安", ""),
    ("吨标准煤", ""),
    ("标准煤", ""),
    ("公里", ""),
    ("千米", ""),
    ("公顷", ""),
    ("千克", ""),
    ("美元", ""),
    ("人民币", ""),
    ("台(套)", ""),
    ("台套", ""),
    ("亩", ""),
    ("吨", ""),
    ("元", "(?!素|旦|首)"),
    ("件", "(?!事|数)"),
    ("家", "(?!庭|族|长|属|乡|园|电|具|居|政|用)"),
    ("个", "(?!人|体|性|别|案|月|工作日|百分点)"),
    ("项", "(?!目)"),
    ("所", "(?!有|在|属|需|得|谓|处|述)"),
    ("人", "(?!民|才|员|大|口|均|群|事|社|工|身|士|力|文|性|们|为|次)"),
    ("名", "(?!称|单|牌|义|录|誉|师|校|优|企|城|镇|村)"),
    ("次", "(?!性|要|序|数|生|级|日|年|月|贷)"),
    ("户", "(?!籍|口|外|型|内)"),
    ("台", "(?!账|阶|湾|风)"),
    ("套", "(?!餐|用|取)"),
    ("辆", ""),
    ("座", "(?!谈)"),
    ("艘", ""),
    ("条", "(?!件|例|款|线|块|码)"),
    ("处", "(?!理|置|罚|室|分|于)"),
    ("单", "(?!位|一|独|元|纯|据|列|项|笔|证)"),
    ("部", "(?!门|分|署|委|长|位|署)"),
    ("款", "(?!项)"),
    ("种", "(?!植|类|子|养|业|群)"),
    ("篇", ""),
    ("场", "(?!所|景|地|馆|站|次|合|面|域|内|外)"),
    ("栋", ""),
    ("幢", ""),
    ("张", "(?!贴|家)"),
    ("株", ""),
    ("棵", ""),
    ("头", "(?!部|等|雁)"),
    ("床", ""),
    ("倍", ""),
    ("米", "(?!粮)"),
    ("组", "(?!织|建|成|团|合)"),
    ("科", "(?!技|学|研|室|普|目)"),
]
# Time units: a number with one of these is a year, a date or a duration, never a target.
TIME_UNITS: list[tuple[str, str]] = [
    ("个工作日", ""),
    ("工作日", ""),
    ("个月", ""),
    ("小时", ""),
    ("分钟", ""),
    ("周岁", ""),
    ("年度", ""),
    ("年", ""),
    ("月", ""),
    ("日", ""),
    ("天", ""),
    ("周", "(?!边|期|转)"),
    ("岁", ""),
    ("届", ""),
    ("批", ""),
    ("期", "(?!间|内|限|满)"),
    ("号", ""),
]
# What a unit can be divided by: 元/年, 微克/立方米, 立方米/万元.
PER_UNITS = [
    "千瓦时",
    "平方米",
    "立方米",
    "万元",
    "年",
    "人",
    "户",
    "吨",
    "升",
    "月",
    "天",
    "次",
    "千瓦",
    "亩",
]
# Units that carry their own divisor in front: 微克/立方米, 毫克/升.
LEADING_PER = ["微克", "毫克", "克"]


def _unit_alternation(units: list[tuple[str, str]] | None = None) -> str:
    """The catalogue as one alternation, factored on each unit's first character.

    ``年|年度`` is written ``年(?:|度)``-like: the engine tests a first character once
    instead of once per unit. Units that share a first character keep their catalogue order
    (longest first), and two units with different first characters never match at the same
    offset, so the alternation prefers the same unit as the plain list would.
    """
    seen: set[str] = set()
    firsts: dict[str, list[str]] = {}  # first character → the rest of each unit, in order
    for unit, guard in COUNT_UNITS + TIME_UNITS if units is None else units:
        key = unit + guard
        if key in seen:
            continue
        seen.add(key)
        firsts.setdefault(unit[0], []).append(regex.escape(unit[1:]) + guard)
    parts = []
    for first, rests in firsts.items():
        tail = rests[0] if len(rests) == 1 else "(?:" + "|".join(rests) + ")"
        parts.append(regex.escape(first) + tail)
    return "|".join(parts)


def plain_unit_alternation() -> str:
    """The catalogue as the plain alternation ``_unit_alternation`` factors (for its tests)."""
    seen: set[str] = set()
    parts: list[str] = []
    for unit, guard in COUNT_UNITS + TIME_UNITS:
        key = unit + guard
        if key in seen:
            continue
        seen.add(key)
        parts.append(regex.escape(unit) + guard)
    return "|".join(parts)


TIME_UNIT_SET = frozenset(u for u, _ in TIME_UNITS)
PERCENT_UNITS = frozenset({"%", "‰", "个百分点", "百分点"})
MONEY_UNITS = frozenset({"元", "美元", "人民币"})

_HAN_DIGITS = "零〇一二两三四五六七八九"
_HAN_NUM = (
    rf"(?:[{_HAN_DIGITS[2:]}十][{_HAN_DIGITS}十百千]*(?:点[{_HAN_DIGITS}]+)?"
    rf"|十)"
)
_ARABIC = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_MULT = "|".join(regex.escape(m) for m in MULTIPLIERS)
_PER = "|".join(regex.escape(u) for u in PER_UNITS)
_LEAD = "|".join(LEADING_PER)

# One number: Arabic or Chinese, with an optional multiplier (万/亿/千…).
NUMBER = rf"(?:{_ARABIC}|{_HAN_NUM})"
# The unit part: % or a catalogue unit, optionally divided (元/年).
UNIT = rf"(?:%|‰|(?:{_LEAD})/(?:{_PER})|(?:{_unit_alternation()})(?:/(?:{_PER}))?)"

# The lookaheads below name every character a quantity can start with, and every character
# that can follow its number: necessary conditions, checked first so that the engine skips
# ordinary text (and numerals inside words: 统一, 进一步) without trying the unit catalogue.
_MULT_FIRST = "".join(sorted({m[0] for m in MULTIPLIERS}))
_UNIT_FIRST = "".join(sorted({u[0] for u, _ in COUNT_UNITS + TIME_UNITS} | {u[0] for u in LEADING_PER}))
_AFTER_LO = regex.escape(f"{_MULT_FIRST}%‰ \t—-~～至到", special_only=True)
_AFTER_NUM = regex.escape(f" \t{_MULT_FIRST}%‰{_UNIT_FIRST}", special_only=True)

# Every character a NUMBER is made of. A range's first number is followed by one of
# _AFTER_LO, so a run of these ending in (or holding) one of _AFTER_LO must lie ahead of it:
# the lookahead ``(?=[{_NUMBER_CHARS}]*?[{_AFTER_LO}])`` only spares a year the range's try.
_NUMBER_CHARS = rf"\d,.{_HAN_DIGITS}十百千点"

# A quantity: 百分之X, a range X—Y unit, or X unit (a verbose pattern; named groups feed the
# parser). The readable form of QUANTITY_SCAN below, which the parser runs: only the tests
# compile this one (and hold QUANTITY_SCAN to it), so a first parse does not pay for it.
QUANTITY_SOURCE = (
    rf"""
    (?=[\d百{_HAN_DIGITS[2:]}十])
    (?<![\dA-Za-z.\-_/#·])
    (?:
        百分之(?P<pct>{NUMBER})
      | (?=[{_NUMBER_CHARS}]*?[{_AFTER_LO}])(?P<lo>{NUMBER})(?=[{_AFTER_LO}])(?P<lomult>{_MULT})?(?P<lounit>%|‰)?
        [ \t]*(?:—{{1,2}}|-{{1,2}}|~|～|至|到)[ \t]*
        (?P<hi>{NUMBER})[ \t]*(?P<himult>{_MULT})?[ \t]*(?P<hiunit>{UNIT})
      | (?P<num>{NUMBER})(?=[{_AFTER_NUM}])[ \t]*(?P<mult>{_MULT})?[ \t]*(?P<unit>{UNIT})
    )
    """
)

# NUMBER once its first character (a digit, or a Chinese numeral other than 百) is behind:
# the same alternatives tried in the same order, each opening with a lookbehind at that
# character (``\d{1,3}`` is ``\d`` + ``\d{0,2}``, ``\d+`` is ``\d`` + ``\d*`` …).
_ARABIC_REST = r"(?<=\d)(?:\d{0,2}(?:,\d{3})+|\d*)(?:\.\d+)?"
_HAN_NUM_REST = rf"(?<=[{_HAN_DIGITS[2:]}十])[{_HAN_DIGITS}十百千]*(?:点[{_HAN_DIGITS}]+)?|(?<=十)"
_NUMBER_REST = rf"(?:{_ARABIC_REST}|{_HAN_NUM_REST})"

# A superset of QUANTITY's first characters that the engine tests fast: ``\d`` is a Unicode
# category, looked up for every character of the text the scan skips, while a range costs a
# comparison. Every decimal digit outside ASCII lies in one of these ranges, which hold no
# Chinese character and no punctuation a notice writes (CJK U+4E00–9FFF, U+2000–303F), so the
# lookbehind after it, which keeps only QUANTITY's own first characters, is seldom tried in
# vain. (Tests hold the ranges to ``\d`` over every code point.)
SCAN_FIRST_RANGES = "\u0660-\u1fff\ua620-\uabff\uff10-\uff19\U00010000-\U0010ffff"
_SCAN_FIRST = f"0-9百{_HAN_DIGITS[2:]}十{SCAN_FIRST_RANGES}"


# QUANTITY with its first character consumed rather than looked ahead at: the same matches,
# but the standard engine, seeing a pattern open with a character class, skips to the next
# character of that class at C speed instead of trying the pattern at every offset of the
# text (most of QUANTITY's cost). The lookbehind (two wide, the consumed character and the
# one before) is QUANTITY's; the groups are QUANTITY's in the same order, except that ``lo``
# and ``num`` lack the match's first character (the reader puts it back). A range or a plain
# figure never opens with 百 (NUMBER cannot), nor with a character of _AFTER_LO, so the
# range's lookahead may start one character later. Tests hold it to QUANTITY, the reference.

def _scan_source(after_num: str, unit: str) -> str:
    """QUANTITY_SCAN's source, its plain figure's unit (and what may follow its number) given."""
    return rf"""
    [{_SCAN_FIRST}]
    (?<=[\d百{_HAN_DIGITS[2:]}十])
    (?<![\dA-Za-z.\-_/#·].)
    (?:
        (?<=百)分之(?P<pct>{NUMBER})
      | (?=[{_NUMBER_CHARS}]*?[{_AFTER_LO}])(?P<lo>{_NUMBER_REST})(?=[{_AFTER_LO}])(?P<lomult>{_MULT})?(?P<lounit>%|‰)?
        [ \t]*(?:—{{1,2}}|-{{1,2}}|~|～|至|到)[ \t]*
        (?P<hi>{NUMBER})[ \t]*(?P<himult>{_MULT})?[ \t]*(?P<hiunit>{UNIT})
      | (?P<num>{_NUMBER_REST})(?=[{after_num}])[ \t]*(?P<mult>{_MULT})?[ \t]*(?P<unit>{unit})
    )
    """


QUANTITY_SCAN = re.compile(_scan_source(_AFTER_NUM, UNIT), re.VERBOSE)

# QUANTITY_SCAN for a reader that drops years, dates and durations (``skip_time``): a plain
# figure's unit is a count unit only, so that 2025年 — most figures of a notice — fails at the
# lookahead after its number instead of being matched, handed over and dropped. A range keeps
# every unit (its ends are read as a whole, and the reader drops it if its unit is a time
# one). It finds QUANTITY_SCAN's matches less the plain figures with a time unit, and nothing
# else: no other plain figure can be read at a time figure's offset (the one count unit that
# shares a first character with time units, 个, refuses 月 and 工作日 after it), nor start inside
# it (a unit or multiplier there is followed by the rest of a time unit, and no count unit
# goes on that way). Tests hold it to QUANTITY_SCAN.
_COUNT_FIRST = "".join(sorted({u[0] for u, _ in COUNT_UNITS} | {u[0] for u in LEADING_PER}))
_AFTER_COUNT = regex.escape(f" \t{_MULT_FIRST}%‰{_COUNT_FIRST}", special_only=True)
COUNT_UNIT = rf"(?:%|‰|(?:{_LEAD})/(?:{_PER})|(?:{_unit_alternation(COUNT_UNITS)})(?:/(?:{_PER}))?)"
QUANTITY_SCAN_UNTIMED = re.compile(_scan_source(_AFTER_COUNT, COUNT_UNIT), re.VERBOSE)
# The index of the ``hiunit`` group: a range's match has it as its last group (``lastindex``).
HIUNIT_GROUP = QUANTITY_SCAN_UNTIMED.groupindex["hiunit"]

# Characters that, right before a Chinese numeral, make it part of a word (统一, 唯一, 第一 …).
HAN_WORD_CHARS = frozenset("第统唯之逐单同进专划整初周每星礼万千百前后十数若几另某任哪")
HAN_WORD_BEFORE = regex.compile(f"[{''.join(sorted(HAN_WORD_CHARS))}]$")
# QUANTITY's groups in order: the reader unpacks ``m.groups()``, which costs a tenth of
# fetching the groups by name (``regex`` looks each name up anew).
QUANTITY_GROUPS = ("pct", "lo", "lomult", "lounit", "hi", "himult", "hiunit", "num", "mult", "unit")

# A bare unit, as a column header or a row name's parenthesis writes it: 件, %, 元/年.
UNIT_ONLY = regex.compile(UNIT)
# A table cell holding one figure: 2.7, 1,500, 90% 以上, 100 左右. (The standard engine: it
# runs a short pattern on a short string in half the time. Its ``\d`` may know fewer digits
# than ``regex``'s newer Unicode, but a cell only the latter matches holds a digit Decimal
# cannot read, and the cell is refused either way.)
CELL_NUMBER = re.compile(
    rf"(?P<num>{_ARABIC})[ \t]*(?P<unit>%|‰)?[ \t]*(?P<rest>以上|以下|以内|左右|及以上|及以下)?"
)
