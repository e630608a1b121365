"""Date grammar: days, months, years, ranges and relative phrases, in Arabic or Chinese numerals.

Read against normalised text (full-width digits and brackets already folded, a dash lost as
``?`` already ``—``). Text copied from PDFs or crawled pages can split a date over lines
(``2021\\n年\\n2\\n月\\n2\\n日``), so a little whitespace is allowed between its parts.

The single pattern ``DATE`` lists its alternatives longest-first so that one match covers a
whole range (``2017年7月—2017年12月``) rather than its two ends; ``dates.py`` reads a match
apart with the small patterns below it.
"""

from __future__ import annotations

import re

import regex

_G = r"[ \t\n]{0,2}"  # whitespace a line wrap or a PDF copy leaves between the parts
_NOT_DIGIT_BEFORE = r"(?<![\d./])"

YEAR_A = r"(?:19|20)\d{2}"
YEAR_H = r"[〇零○一二三四五六七八九]{4}"
_YEAR = rf"(?:{_NOT_DIGIT_BEFORE}{YEAR_A}(?!\d)|{YEAR_H})"
_MONTH = r"(?:1[0-2]|0?[1-9](?!\d)|十[一二]?|[一二三四五六七八九])"
_DAY = r"(?:3[01]|[12]\d|0?[1-9](?!\d)|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])"

# A year unit: 年, 年度 (not 年代: 1990年代 is a decade).
_Y_UNIT = r"年(?:度)?(?!代)"
_M_UNIT = r"月(?:份)?"
_D_UNIT = r"[日号]"

# A calendar point: a year, a month of a year, or a day.
_POINT = (
    rf"{_YEAR}{_G}{_Y_UNIT}"
    rf"(?:{_G}{_MONTH}{_G}{_M_UNIT}(?:{_G}{_DAY}{_G}{_D_UNIT})?)?"
)
# What may follow a range dash: a full point, or a month/day whose year (and month) the
# start lends it: 2022年7月—9月, 2019年1月1日—31日.
_RANGE_END = rf"(?:{_POINT}|{_MONTH}{_G}{_M_UNIT}(?:{_G}{_DAY}{_G}{_D_UNIT})?|{_DAY}{_G}{_D_UNIT})"

DASH_CHARS = r"(?:—{1,2}|–|-{1,2}|~|至|到)"
_DASH = rf"{_G}{DASH_CHARS}{_G}"

# Words after a date that bound it, longest first (年底前 before 年底 before 底). A few
# characters also start ordinary words after a year and are fenced off: 到2020年初步建成,
# 2020年前三季度, 2020年起步, 2017年内部, 2020年底线.
QUALIFIERS = (
    "年底前", "年底", "年末", "年初", "年内", "年中", "底以前", "底之前", "底前", "中旬", "上旬", "下旬",
    "以前", "之前", "前后", "以后", "之后", "以来", "为止", "至今",
    "底(?![线数部层子])", "末(?!端)", "初(?![步见期始次级中])",
    r"前(?![一二三四五六七八九十两\d列沿景提])", "起(?![步草来])", "内(?![容部外涵地])",
)
_QUAL = "(?:" + "|".join(QUALIFIERS) + ")"
# Parts of a year, read as a range of months.
YEAR_PARTS: dict[str, tuple[int, int]] = {
    "上半年": (1, 6), "下半年": (7, 12),
    "第一季度": (1, 3), "第二季度": (4, 6), "第三季度": (7, 9), "第四季度": (10, 12),
    "一季度": (1, 3), "二季度": (4, 6), "三季度": (7, 9), "四季度": (10, 12),
    "第1季度": (1, 3), "第2季度": (4, 6), "第3季度": (7, 9), "第4季度": (10, 12),
}
_YEAR_PART = "(?:" + "|".join(sorted(YEAR_PARTS, key=len, reverse=True)) + ")"

# Relative phrases with no year of their own. 年内 after a numeral is a duration
# (五年内, 3年内), not a date, and so is anything after 每 for 年 (每年 is a frequency).
RELATIVE_WORDS = ("年底前", "年底", "年末", "年内", "年初", "今年", "明年", "当年", "本年度", "次年",
                  "上半年", "下半年")
_REL = "(?:" + "|".join(sorted(RELATIVE_WORDS, key=len, reverse=True)) + ")"
_NUMERAL_BEFORE = r"(?<![\d〇零一二三四五六七八九十百两几多数每近])"

# How every alternative below begins: a digit; a Chinese numeral followed by another, a
# space, 月 or a dash (a year in Chinese numerals, a month); or the first two characters of a
# relative word. Checked first, as a lookahead, it lets the engine skip the ordinary text
# between dates (and the numerals inside words) instead of trying each alternative at every
# character: the difference between ~1M and ~25M chars/s over a notice.
_FIRST_CHAR = (
    r"(?=\d|[〇零○一二三四五六七八九十][〇零○一二三四五六七八九十 \t\n月—–\-~至到]"
    r"|年[底末内初]|[今明当本次]年|[上下]半)"
)

DATE = regex.compile(
    rf"{_FIRST_CHAR}(?:"
    # 2017年7月—2017年12月, 2022年7月—9月, 2017年—2019年, 2022年7月至2025年6月
    rf"(?P<range>{_POINT}{_DASH}{_RANGE_END})(?P<rq>{_QUAL})?"
    # 2022年1-6月: a range of months inside one year
    rf"|(?P<mrange>{_YEAR}{_G}{_Y_UNIT}{_G}{_MONTH}{_DASH}{_MONTH}{_G}{_M_UNIT})(?P<mq>{_QUAL})?"
    # 2017—2019年, 2017-2019年
    rf"|(?P<yrange>{_NOT_DIGIT_BEFORE}{YEAR_A}{_DASH}{YEAR_A}{_G}{_Y_UNIT})(?P<yq>{_QUAL})?"
    # (2015-2020): a bare year range only inside brackets, where nothing else reads that way
    rf"|(?<=[(\[])(?P<prange>{YEAR_A}{_DASH}{YEAR_A})(?=[)\]])"
    # 2017-08-09, 2017.8.9, 2017/08/09
    rf"|(?P<iso>{_NOT_DIGIT_BEFORE}{YEAR_A}(?P<sep>[-./])(?:1[0-2]|0?[1-9])(?P=sep)(?:3[01]|[12]\d|0?[1-9])(?!\d))"
    # 2018年上半年, 2018年第一季度
    rf"|(?P<ypart>{_YEAR}{_G}{_Y_UNIT}{_G}{_YEAR_PART})"
    # 2017年11月24日, 二〇〇八年六月二十四日, 2017年7月, 2025年, with 底前/以前/… after it
    rf"|(?P<point>{_POINT})(?P<pq>{_QUAL})?"
    # 11月底前, 12月31日前, 6-9月: a month or day of an unnamed year
    rf"|(?P<md>(?<![\d年]){_MONTH}{_G}{_M_UNIT}{_G}{_DAY}{_G}{_D_UNIT}"
    rf"|(?<![\d年]){_MONTH}{_DASH}{_MONTH}{_G}{_M_UNIT}"
    rf"|(?<![\d年]){_MONTH}{_G}{_M_UNIT}(?={_QUAL}))(?P<mdq>{_QUAL})?"
    # 年底前, 年内, 今年, 上半年
    rf"|{_NUMERAL_BEFORE}(?P<rel>{_REL})"
    r")"
)

# The same pattern in the standard library's engine, for the gated scan's many anchored calls
# and for reading one expression: a call costs about a third of the regex module's (the
# pattern uses nothing the standard engine lacks; tests check both find the same matches).
DATE_AT = re.compile(DATE.pattern)

# Where ``DATE`` can start, for the gated scan in ``dates.read_dates``: every alternative
# begins with one of these characters (an ASCII digit, a Chinese numeral, the first character
# of a relative word) and either has 年 or 月 within its first ``ANCHOR_REACH`` characters
# (the farthest is 年 at 16, after a year range with two spaces each side of its double dash
# and before 年) or is one of the two that hold neither: a day written 2017-08-09 and a
# bracketed (2015-2020), each a year 19xx/20xx then a separator.
# (The standard library's engine scans a one-character class several times faster.)
# Each character is checked as ``_FIRST_CHAR`` checks it, so that ``DATE`` is not called where
# its own look-ahead fails at once; and a digit right after a digit is skipped: every
# alternative that starts with a digit looks behind for a non-digit (or a bracket).
FIRST_CHAR = re.compile(
    r"(?<![0-9])[0-9]|[〇零○一二三四五六七八九十](?=[〇零○一二三四五六七八九十 \t\n月—–\-~至到])"
    r"|年(?=[底末内初])|[今明当本次](?=年)|[上下](?=半)"
)
ANCHOR_CHARS = ("年", "月")
ANCHOR_REACH = 16
# The starts of those two: a year, then what follows it in ``iso`` (``[-./]``) or begins
# ``_DASH`` in ``prange``. A year followed by anything else (年, 〕, 号, %) starts a date only
# if 年 or 月 comes within reach. One pattern per century: a literal first pair lets the
# engine skip to it, several times faster than a scan for either pair.
_YEAR_THEN_SEPARATOR = r"\d\d(?=[-./ \t\n—–~至到])"
SEPARATED_YEARS = (re.compile("19" + _YEAR_THEN_SEPARATOR), re.compile("20" + _YEAR_THEN_SEPARATOR))

# Taking a matched expression apart (applied to it with whitespace removed). Short strings,
# several calls each: the standard library's engine, whose call costs less (a test checks
# each against the same pattern in the regex module).
DASH = re.compile(DASH_CHARS)
TOKEN = re.compile(
    rf"(?P<n>{YEAR_A}|{YEAR_H}|\d{{1,2}}|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])"
    rf"(?P<u>年度?|月份?|[日号])?"
)
# A point in Arabic digits with every unit written (2017年, 2017年7月, 2017年7月24日): the
# parts TOKEN would find one by one, in one match.
ARABIC_POINT = re.compile(rf"({YEAR_A})年(?:(\d{{1,2}})月(?:(\d{{1,2}})[日号])?)?")
QUALIFIER_END = re.compile(rf"(?P<q>{_QUAL})$")
YEAR_PART_END = re.compile(rf"(?P<q>{_YEAR_PART})$")
UNIT_CHAR = re.compile(r"[年月日号]")
ISO = re.compile(r"(?P<y>\d{4})[-./](?P<m>\d{1,2})[-./](?P<d>\d{1,2})")
