"""Word lists for targets: comparators, scaffolding, not-target cues and incentive cues.

Patterns compiled with the standard library's ``re`` are those the extractor calls many times
per notice on short ranges, where ``re`` costs about half the call ``regex`` does; they use
nothing the standard engine lacks (no ``\\p{…}``, ``\\G``, REVERSE, ``\\s``), and a test holds each
to the same pattern compiled by ``regex`` over the samples and the corpus. Patterns whose
literal prefixes ``regex`` scans faster (RULE_OR_FORMULA, NOT_TARGET_BEFORE, BASELINE) stay.
"""

from __future__ import annotations

import re

import regex

# Sentence and clause boundaries. A sentence carries its deadline to every clause in it;
# a clause holds one metric.
SENTENCE_END = re.compile(r"[。!?\n|]")
SENTENCE = regex.compile(r"[^。!?\n|]+")  # a sentence: what lies between two ends
CLAUSE_END = re.compile(r"[,;:。!?\n|\t]")
# The same ends searched backwards from a figure: the sentence and clause around a figure
# cost a scan of that sentence or clause, not of the text before it.
SENTENCE_END_BEFORE = regex.compile(SENTENCE_END.pattern, regex.REVERSE)
CLAUSE_END_BEFORE = regex.compile(CLAUSE_END.pattern, regex.REVERSE)
SENTENCE_END_CHARS = frozenset("。!?\n|")  # what SENTENCE_END matches (each one a clause end too)

# Comparator words just before the number (nearest wins). Longest first inside each group.
PREFIX_CUES: list[tuple[str, str]] = [
    ("不低于", ">="),
    ("不少于", ">="),
    ("不得少于", ">="),
    ("不得低于", ">="),
    ("不小于", ">="),
    ("至少", ">="),
    ("累计达到", ">="),
    ("力争达到", ">="),
    ("达到", ">="),
    ("均达", ">="),
    ("达", ">="),
    ("累计", ">="),
    ("力争", ">="),
    ("不超过", "<="),
    ("不高于", "<="),
    ("不多于", "<="),
    ("不大于", "<="),
    ("不得超过", "<="),
    ("最多", "<="),
    ("控制在", "<="),
    ("超过", ">"),
    ("高于", ">"),
    ("突破", ">"),
    ("大于", ">"),
    ("多于", ">"),
    ("超出", ">"),
    ("超", ">"),
    ("低于", "<"),
    ("少于", "<"),
    ("小于", "<"),
    ("不足", "<"),
    ("提高到", "="),
    ("提升到", "="),
    ("增长到", "="),
    ("增加到", "="),
    ("提高至", "="),
    ("提升至", "="),
    ("增至", "="),
    ("降至", "="),
    ("降低到", "="),
    ("下降到", "="),
    ("保持在", "="),
    ("约", "="),
    ("新增", "="),
    ("培育", "="),
    ("打造", "="),
    ("实施", "="),
    ("建设", "="),
    ("建成", "="),
    ("新建", "="),
    ("形成", "="),
    ("完成", "="),
    ("开展", "="),
    ("建立", "="),
    ("引进", "="),
    ("认定", "="),
    ("设立", "="),
    ("组建", "="),
    ("遴选", "="),
    ("创建", "="),
    ("改造", "="),
    ("更新", "="),
    ("增长", "="),
    ("下降", "="),
    ("降低", "="),
    ("减少", "="),
    ("提高", "="),
    ("提升", "="),
    ("增加", "="),
    ("为", "="),
]
PREFIX_CUE = re.compile(
    "|".join(regex.escape(w) for w, _ in sorted(PREFIX_CUES, key=lambda x: -len(x[0])))
)
PREFIX_COMPARATOR = dict(PREFIX_CUES)

# Words right after the quantity.
SUFFIX_COMPARATOR = {
    "及以上": ">=",
    "以上": ">=",
    "及以下": "<=",
    "以下": "<=",
    "以内": "<=",
    "之内": "<=",
    "左右": "=",
    "上下": "=",
    "内": "<=",
}
SUFFIX_CUE = re.compile(r"[ \t]*(?P<w>" + "|".join(SUFFIX_COMPARATOR) + ")")
# What a SUFFIX_CUE match can start with: most figures are followed by none of these, which a
# set look-up tells for less than the match costs.
SUFFIX_CUE_FIRST = frozenset(w[0] for w in SUFFIX_COMPARATOR) | {" ", "\t"}

# Verbs that take the counted thing as object: "培育100家…机构" → metric 培育…机构.
_OBJECT_VERBS = (
    "培育|新增|新建|建设|建成|打造|实施|形成|完成|开展|建立|组建|引进|认定|支持|推动|发行|更新|改造|"
    "淘汰|创建|争创|集聚|设立|提供|遴选|培养|培训|覆盖|举办|组织|制定|修订|制订|发布|参与制定|申报|争取|"
    "吸引|扶持|服务|带动|推广|应用|建|办|改建|新改建|报废更新|力争|提升|投建|更新替代|替代"
)
OBJECT_VERB = re.compile(rf"(?:{_OBJECT_VERBS})$")
# The characters an OBJECT_VERB match can end with ("\n" too: ``$`` also matches before a final
# line break). A metric ending otherwise cannot match, and the search would try every offset.
OBJECT_VERB_LAST = frozenset(w[-1] for w in _OBJECT_VERBS.split("|")) | {"\n"}

# Scaffolding trimmed off the left of a metric: dates, hedges, section glue.
_LEFT_DATE = (
    r"(?:到|至|截至|截止|在|于)?\d{4}[ \t]*年(?!度)(?:[ \t]*\d{1,2}[ \t]*月)?"
    r"(?:底|末|年底|年末)?(?:前|以前|之前)?"
)
_LEFT_WORDS = (
    "试点期内|试点期间|期间|期内|或者|或|辖区内|区域内|全市|全区|全省|全县|我市|我区|我省|力争|确保|争取|预计|计划|努力|其中|同时|并|全年|年内|当年"
)
_LEFT_YEARS = r"(?:通过)?\d+年(?:内|时间)?(?:努力)?"
_LEFT_VERBS = "实现|推动|推进|促进|使|让|进一步|基本|全面|逐步"
_LEFT_GLUE = "、,和及与"
_LEFT_PLAN = r"“十[四五六]五”(?:期间|末)?"
LEFT_SCAFFOLD = re.compile(
    rf"^(?:[ \t]+|{_LEFT_DATE}|{_LEFT_WORDS}|{_LEFT_YEARS}|{_LEFT_VERBS}|[{_LEFT_GLUE}]|{_LEFT_PLAN})+"
)
# The characters a LEFT_SCAFFOLD match can start with, digits (``\d``) aside: the first of
# each part above. A metric opening otherwise has no scaffolding on its left, which this
# set tells without running the pattern's long alternation.
LEFT_SCAFFOLD_FIRST = (
    frozenset(" \t" + "到至截在于" + "通" + _LEFT_GLUE + "“")
    | {w[0] for w in _LEFT_WORDS.split("|")}
    | {w[0] for w in _LEFT_VERBS.split("|")}
)
# A base year inside the metric ("规模较2023年增长"): it goes to ``baseline``.
BASELINE_IN_METRIC = regex.compile(r"(?:比|较|相比|同比)[ \t]*\d{4}[ \t]*年(?:底|末)?")
# An adverbial lead before the verb of the goal: 围绕…路段建设零碳公路运输通道.
_LEAD_PREPS = "围绕|依托|聚焦|结合|按照|针对|面向|立足|利用|通过|在"
LEAD_PREP = re.compile(
    rf"^(?:{_LEAD_PREPS})[^,;。]{{2,}}?(?=建设|打造|培育|实施|建成|新建|组建|形成|开展|推广|引进)"
)
LEAD_PREP_FIRST = frozenset(w[0] for w in _LEAD_PREPS.split("|"))  # what a LEAD_PREP match opens with
# Comparator words and glue trimmed off the right of a metric.
_RIGHT_WORDS = (
    "不得少于|不得低于|不低于|不少于|不小于|至少|累计达到|力争达到|达到|均达|均为|均|分别|达|不超过|不高于|不多于|不大于|"
    "不得超过|最多|控制在|保持在|超过|高于|突破|大于|多于|超出|超|低于|少于|小于|不足|提高到|提升到|增长到|"
    "增加到|提高至|提升至|增至|降至|降低到|下降到|为|约|在"
)
_RIGHT_GLUE = r"、,和及与的 \t"  # a character class: "\t" is the pattern's tab
RIGHT_SCAFFOLD = regex.compile(rf"(?:{_RIGHT_WORDS}|[{_RIGHT_GLUE}])+$")
# The characters a RIGHT_SCAFFOLD match can end with ("\n" too: ``$`` also matches before a
# final line break). A metric ending otherwise has nothing to trim on its right, and the
# search, anchored at the end, would try every offset to find that out.
RIGHT_SCAFFOLD_LAST = frozenset(w[-1] for w in _RIGHT_WORDS.split("|")) | frozenset("、,和及与的 \t\n")

# Not-target cues -------------------------------------------------------------

# A number right after these is an ordinal or a rank.
_ORDINALS = "第|前|后|首|次|序号|编号"
ORDINAL_BEFORE = regex.compile(rf"(?:{_ORDINALS}|No\.?)[ \t]*$")
# What an ORDINAL_BEFORE match can end with ("\n" too: ``$`` also matches before a final line
# break). A figure after any other character is no ordinal, which spares the search.
ORDINAL_BEFORE_LAST = frozenset(w[-1] for w in _ORDINALS.split("|")) | frozenset("o. \t\n")
# Past figures: the sentence reports what exists or was done.
_PAST_WORDS = "已经|已有|已建|已达|已累计|已完成|已|截至|截止|目前|现有|共有|首批|去年|上年|上一年|过去|以来|曾"
PAST_CUE = regex.compile(rf"(?:{_PAST_WORDS})")
# Eligibility rules and exemptions.
RULE_CUE = regex.compile(
    r"(?:原则上|每种|对于|^若|[,;]若|如果|凡是?|否则|免征|免缴|免收|减按|减半|减免|享受|符合条件|申请条件|申报条件|应当具备|须具备|具备下列|门槛|不满|满\d|"
    r"(?:以下的|以上的|以内的|及以上的|及以下的|不超过\d[^,;。]{0,8}的|不低于\d[^,;。]{0,8}的)"
    r"(?!目标|要求|水平|标准|任务))"
)
# "消除66人以上超大班额": the figure defines what is removed.
REMOVE_BEFORE = re.compile(r"(?:消除|取消|清理|淘汰|整治|关停)[ \t]*$")
# Counts of documents: 两个规定的通知.
_DOCUMENTS = "规定|文件|方案|意见|办法|条例|细则|通知"
DOCUMENT_AFTER = regex.compile(rf"\G[ \t]*(?:{_DOCUMENTS})")
# Formulas and inequalities: the figures are parameters of a rule.
FORMULA = regex.compile(r"[×÷=≤≥<>∑]|MIN|MAX")
# Either of the two, in one search of a clause: a clause with either states a rule.
# What a match of either can open with: the first character of each of RULE_CUE's words (若
# and the "," or ";" before it, 满 of 满\d, 不 of 不满/不超过/不低于, 以 and 及 of 以上的/及以上的
# and the like), FORMULA's signs and the M of MIN and MAX. Asked first, as a lookahead, it
# spares the engine the whole alternation at every other offset of the clause: so gated, the
# standard engine searches a clause two to three times as fast as ``regex`` without the gate.
RULE_OR_FORMULA_FIRST = frozenset("原每对若,;如凡否免减享符申应须具门不满以及" + "×÷=≤≥<>∑M")
RULE_OR_FORMULA = re.compile(
    f"(?=[{''.join(re.escape(c) for c in sorted(RULE_OR_FORMULA_FIRST))}])"
    f"(?:(?:{RULE_CUE.pattern})|(?:{FORMULA.pattern}))"
)
# "以3.2平方公里…为…": a figure that describes the means, not a goal.
# (The lookbehind says "at the start or after any other character" the way the engine checks
# fastest: an alternation with ^ ahead of 以 costs a try of both at every offset.)
PREPOSITION_BEFORE = regex.compile(r"(?<![可所难])以[ \t]*$|^[ \t]*以(?![上下内来及便求期])")
# Objects that already exist, named by their count: 加强1097个入河排污口…, 依托58台监测站, 针对39家….
_EXISTING_VERBS = "加强对?|针对|对于?|聚焦|围绕|依托|利用|借助|凭借"
EXISTING_BEFORE = regex.compile(rf"(?:{_EXISTING_VERBS})[ \t]*(?:全区|全市|全省|辖区内?)?[ \t]*$")
# A figure that bounds an area or a distance: 周边30米范围内.
_RANGES = "范围|半径|距离"
RANGE_AFTER = regex.compile(rf"\G[ \t]*(?:{_RANGES})")
# A task table's deadline cell: 年底前, 11月底前, 2025年6月底前.
ROW_DEADLINE = regex.compile(r"^(?:(?P<y>\d{4})年)?(?:(?:\d{1,2}-)?(?P<m>\d{1,2})月)?(?P<end>底|末)?前?$")
# Chinese-numeral counts with these units are terms (二次供水, 一次性).
HAN_SKIP_UNITS = frozenset({"次", "人次", "种", "部", "张", "头", "单", "款", "场", "米", "组", "科"})
# Units of size rather than count: with a project named after them, a specification.
MEASURE_UNITS = frozenset(
    {
        "千瓦",
        "千瓦时",
        "兆瓦",
        "千伏安",
        "元",
        "美元",
        "公里",
        "千米",
        "米",
        "平方米",
        "平方公里",
        "平方千米",
        "亩",
        "公顷",
        "吨",
        "立方米",
    }
)
PROJECT_AFTER = regex.compile(r"\G[^,;。]{0,16}(?:项目|工程|电站|电厂|机组)")
# A regulation's article (第十一条).
ARTICLE = re.compile(r"第[一二三四五六七八九十百零〇\d]+条")
HAN = regex.compile(r"\p{Han}")
# Two Han characters or more: a metric that names something (cheaper than counting them all).
TWO_HAN = regex.compile(r"\p{Han}[^\p{Han}]*\p{Han}")
# The CJK Unified Ideographs of the first Unicode versions (the GB 2312 ones among them): each
# is \p{Han}, so a metric opening with two of them has two Han characters, told by comparisons.
COMMON_HAN_RANGE = ("\u4e00", "\u9fa5")

# Counts of the plan's own parts.
_OWN_COUNTERS = "项|个|条|大|类|方面|部分"
_OWN_PARTS = "任务|措施|方面|领域|板块|环节|部分|章|条措施|项任务|举措|政策"
OWN_ITEMS_AFTER = regex.compile(rf"^[ \t]*(?:{_OWN_COUNTERS})?(?:重点)?(?:{_OWN_PARTS})")
# What an OWN_ITEMS_AFTER match can start with: a figure followed by anything else is spared it.
OWN_ITEMS_AFTER_FIRST = (
    frozenset(w[0] for w in f"{_OWN_COUNTERS}|{_OWN_PARTS}".split("|")) | {"重", " ", "\t"}
)
OWN_ITEMS_BEFORE = regex.compile(
    r"(?:聚焦|围绕|包括|分为|提出|涵盖|本(?:方案|计划|意见|规划|办法)[^,;。]{0,10}共|共)$"
)
# Specifications of a named project.
_SPEC_WORDS = (
    "总投资|计划投资|估算投资|概算|投资额|投资约|全长|线路长|长约|装机容量|装机|建筑面积|占地面积|占地|"
    "总建筑|设计能力|规模为|总规模"
)
SPEC_CUE = regex.compile(rf"(?:{_SPEC_WORDS})[^,;。]{{0,6}}$")
# The named items of a list before a count: 高新区、经开区两个实验区.
NAMED_COUNT_BEFORE = regex.compile(r"、[^,;。、]{1,12}[区县市省镇村园局委院校所站港心]$")
# Quoted text: a label (“136”, “1+N”) or a rule quoted from elsewhere; never a goal of this plan.
QUOTED = regex.compile(r"“[^“”\n]{0,200}”")
# The parts of a labelled whole: 构建1家…、1个…、“n”家…的“5+n”体系.
LABELLED_WHOLE_LEAD = "的“"  # every LABELLED_WHOLE match opens with it: a str.find gate
LABELLED_WHOLE = regex.compile(LABELLED_WHOLE_LEAD + r"[^“”]{1,12}”")
# A quota per period, where 一 is a count and not an article.
PER_PERIOD = regex.compile(r"每(?:年|季度|月|半年|届)")
# Baseline years.
BASELINE = regex.compile(
    r"(?:以|按)[ \t]*(?P<y>\d{4})[ \t]*年(?:底|末)?(?:数据)?为(?:基数|基准|基期|基础)"
    r"|(?:比|较|相比|同比)[ \t]*(?P<y2>\d{4})[ \t]*年"
)
BASELINE_FIRST = frozenset("以按比较相同")  # what a BASELINE match opens with

# The not-target cues read in the words before a figure, as one search: a figure after any
# of them is no goal (a means, an existing object, a past figure, a project's specification).
# What a match can open with: PREPOSITION_BEFORE's 以 (or the spaces ahead of it at the start),
# the first character of each word of the other three. Asked first, as a lookahead, it spares
# the engine trying the whole alternation at every other offset (most of a clause's words);
# with it the standard engine runs the search about three times as fast as ``regex``.
NOT_TARGET_BEFORE_FIRST = frozenset(" \t以") | {
    w[0] for w in f"{_EXISTING_VERBS}|{_PAST_WORDS}|{_SPEC_WORDS}".split("|")
}
NOT_TARGET_BEFORE = re.compile(
    f"(?=[{''.join(sorted(NOT_TARGET_BEFORE_FIRST))}])(?:"
    + "|".join(f"(?:{p.pattern})" for p in (PREPOSITION_BEFORE, EXISTING_BEFORE, PAST_CUE, SPEC_CUE))
    + ")"
)
# The not-target words right after a figure: an area's bound or a count of documents.
NOT_TARGET_AFTER = regex.compile(
    "|".join(f"(?:{p.pattern})" for p in (RANGE_AFTER, DOCUMENT_AFTER))
)
# What a NOT_TARGET_AFTER match can start with: a figure followed by anything else is spared it.
NOT_TARGET_AFTER_FIRST = frozenset(w[0] for w in f"{_RANGES}|{_DOCUMENTS}".split("|")) | {" ", "\t"}

# Distribution words: 分别达到 X、Y pairs subjects with values; 均达到 X gives each subject X.
RESPECTIVELY = regex.compile(r"分别")
EACH = regex.compile(r"(?<![年平人])均(?=达|不|超|在|为|保持|高于|低于|控制)|都(?=达|不|超|在|为)")
EACH_WORDS = ("均", "都")  # one of them is in every EACH match

# Incentive cues ---------------------------------------------------------------

_INCENTIVE_WORDS = (
    "奖励|奖补|补贴|补助|资助|贴息|扶持|给予|一次性|配套支持|予以支持|最高|以奖代补|奖金|津贴|补偿|"
    "每人每月|每人每年|每户|每人"
)
INCENTIVE_CUE = re.compile(rf"(?:{_INCENTIVE_WORDS})")
# Any of the cues a sentence is searched for (INCENTIVE_CUE over it; RULE_OR_FORMULA over
# each of its clauses; BASELINE over it), in one search: most sentences hold none, and then
# none of their searches can find one. (Neither pattern looks behind its range's start or
# needs its end: what one finds in a clause, this finds in the sentence.) Gated by the
# characters their matches open with, as RULE_OR_FORMULA is.
SENTENCE_CUES_FIRST = (
    frozenset(w[0] for w in _INCENTIVE_WORDS.split("|")) | RULE_OR_FORMULA_FIRST | BASELINE_FIRST
)
SENTENCE_CUES = re.compile(
    f"(?=[{''.join(re.escape(c) for c in sorted(SENTENCE_CUES_FIRST))}])"
    f"(?:{_INCENTIVE_WORDS}|{RULE_CUE.pattern}|{FORMULA.pattern}|{BASELINE.pattern})"
)
CAP_CUE = re.compile(r"(?:最高|不超过|最多|上限|封顶|以内)[^,;。]{0,6}$")
PER_ITEM = re.compile(r"每(?:项|家|个|人|户|台|辆|件|年|月|平方米|千瓦|吨)[^,;。]{0,6}$")
# A fund the notice sets up: 设立1亿元专利运营引导资金.
FUND_SETUP = re.compile(r"(?:设立|安排|筹集|设置)[^,;。]{0,6}$")
FUND_AFTER = re.compile(r"^[^,;。]{0,16}(?:基金|资金|专项资金|经费)")

RELATIVE_DEADLINE = re.compile(r"(?:年内|年底前|今年|本年度?|当年)")
# The plan's own horizon stated as an effort of N years from issue: 力争通过3年努力.
YEARS_EFFORT = re.compile(
    r"(?:力争|争取|通过|用)[ \t]*(?:通过|用)?[ \t]*(?P<n>\d+|[一二两三四五六七八九十])[ \t]*年"
    r"(?:左右)?(?:时间)?(?:的)?(?:努力|时间)"
)
# What every YEARS_EFFORT match ends with: a text without it has no effort to look for.
_EFFORT_ENDS = ("努力", "时间")
YEARS_EFFORT_TAIL = re.compile(rf"年(?:左右)?(?:时间)?(?:的)?(?:{'|'.join(_EFFORT_ENDS)})")
# Every YEARS_EFFORT_TAIL match ends with one of these words (tests hold the tail to them).
EFFORT_ENDS = _EFFORT_ENDS
# Goal sections whose first deadline is the plan's horizon.
GOAL_WORD = "目标"  # a plain word: ``in`` finds it for less than a search
GOAL_TITLE = regex.compile(GOAL_WORD)

# Timetable headers.
HEADER_LABEL = regex.compile(
    r"^(?:序号|编号|任务名称|指标名称|指标|名称|项目|主要指标|任务|目标|单位|计量单位|类别|领域|内容|工作任务|具体指标)$"
)
COLUMN_DATE = re.compile(
    r"^(?P<y>\d{4})[ \t]*年(?:[ \t]*(?P<m>\d{1,2})[ \t]*月)?(?:[ \t]*(?:底|末))?(?:[ \t]*(?:目标|目标值))?$"
)
# A line that may be a COLUMN_DATE header once its spaces are gone (digits and spaces to 年,
# then only what COLUMN_DATE allows after it): a text without one, and without a "|" row, has
# no timetable to look for.
_DATE_LINE = r"[ \t]*\d[\d \t]*年[\d \t月底末目标值]*"
COLUMN_DATE_LINE = regex.compile(rf"(?m)^{_DATE_LINE}$")
COLUMN_DATE_LINE_AFTER_BREAK = regex.compile(rf"(?m)\n{_DATE_LINE}$")
# Two such lines in a row (blank lines aside), as a one-cell-per-line timetable's header has:
# at the start of the text, else after a line break.
COLUMN_DATE_PAIR = re.compile(rf"(?m){_DATE_LINE}\n(?:[ \t]*\n)*{_DATE_LINE}$")
COLUMN_DATE_PAIR_AFTER_BREAK = re.compile(rf"(?m)\n{_DATE_LINE}\n(?:[ \t]*\n)*{_DATE_LINE}$")
# A line that opens (spaces aside) with "|": a table's row. At the start, else after a break.
PIPE_ROW = regex.compile(r"[ \t]*\|")
PIPE_ROW_AFTER_BREAK = regex.compile(r"\n[ \t]*\|")
# A non-blank line trimmed of spaces and tabs, as str.strip(" \t") leaves it.
TRIMMED_LINE = re.compile(r"[^\n \t](?:[^\n]*[^\n \t])?")
ROW_UNIT = re.compile(r"[(（][ \t]*(?P<u>[^()（）]{1,8}?)[ \t]*[)）][ \t]*$")

# Small patterns the extractor applies to slices and table cells, compiled here once rather
# than looked up in the module's cache on every call.
LIST_JOINER = re.compile(r"[、,和及与]")
NOUN_LEAD = re.compile(r"^[ \t]*(?:的)?")
NOUN_TRAIL = re.compile(r"[、和及与 \t]+$")
SUBJECT_SPLIT = regex.compile(r"[、]|和|及|与")
SUBJECT_SPLIT_LIST = regex.compile(r"[、]")
RELATIVE_MONTH = regex.compile(r"(\d{1,2})月")
# Around a date: what makes it a base year, a starting point or a deadline.
COMPARED_BEFORE = re.compile(r"(?:以|比|较|相比|同比|自|从)[ \t]*$")
SINCE_AFTER = re.compile(r"^[ \t]*(?:年)?[ \t]*(?:为基数|为基准|以来|至今|起|开始|的)")
BY_BEFORE = re.compile(r"(?:到|至|截至|截止到?|力争|确保|在)[ \t]*$")
BOUND_END = regex.compile(r"(?:底|末|前|内)$")
BOUND_AFTER = re.compile(r"[ \t]*(?:年)?(?:底|末)?(?:前|以前|之前|内)")
ACCORDING_BEFORE = re.compile(r"按照?[ \t]*$")
# The characters the patterns above can end (searched before a date, anchored at its end) or
# open with (matched after it): a date's neighbours are mostly none of them, which a set
# look-up tells for less than the search. ("\n" is in each end set: ``$`` also matches before
# a final line break.)
COMPARED_BEFORE_LAST = frozenset("以比较自从 \t\n")
BY_BEFORE_LAST = frozenset("到至止争保在 \t\n")
ACCORDING_BEFORE_LAST = frozenset("按照 \t\n")
BOUND_END_LAST = frozenset("底末前内\n")
SINCE_AFTER_FIRST = frozenset(" \t年为以至起开的")
BOUND_AFTER_FIRST = frozenset(" \t年底末前以之内")
_OPENING_LEADS = ("到", "至", "力争", "确保")
OPENING_LEAD = regex.compile(rf"(?:{'|'.join(_OPENING_LEADS)})?")
# The strings OPENING_LEAD fullmatches: none, or one of its words (a set look-up, not a match).
OPENING_LEAD_WORDS = frozenset({"", *_OPENING_LEADS})
# Timetables.
CELL_TEXT = regex.compile(r"[^|]+")
RULE_ROW = regex.compile(r"[-: |]+")
NAME_HEADER = regex.compile(r"名称|指标|任务|项目|内容|目标")
SERIAL = re.compile(r"\d{1,3}")
