"""Word lists and patterns for the notice's own metadata: web metadata blocks, titles,
signatures, recipients and the plan's period.

All patterns are read against normalised text: full-width ``:`` ``(`` already ASCII, spaces
between two Han characters already gone (so the letter-spaced ``索 引 号 :`` arrives as
``索引号 :`` and ``• 发文字号 青政字…`` as ``发文字号青政字…``).
"""

from __future__ import annotations

import regex

# Labels of web metadata blocks (gov.cn tables, portal 信息公开 blocks, crawler headers).
FIELD_LABELS = (
    "索引号", "主题分类", "主题词", "主题", "分类", "体裁分类", "组配分类", "服务对象分类",
    "公文种类", "文种",
    "发文机关", "发文单位", "发文机构", "发布机构", "发布单位", "成文单位", "制发机关", "联合发文单位",
    "发文字号", "文号", "字号", "标题", "名称", "文件名称",
    "成文日期", "成文时间", "签发日期", "发文日期", "发文时间", "发布日期", "发布时间", "印发日期",
    "实施日期", "施行日期", "生效日期", "废止日期", "失效日期", "时间",
    "有效性", "时效", "效力状态", "是否有效", "规范性文件登记号", "登记号", "统一编号",
    "来源", "信息来源", "作者", "浏览次数", "访问量", "点击数", "内容概述", "摘要", "关键词",
)
_LABEL = "(?:" + "|".join(sorted(FIELD_LABELS, key=len, reverse=True)) + ")"

# Labels that may be glued straight to their value once normalising has removed the space
# between two Han characters (发文字号青政字〔2017〕58号, 有效性失效). Short or common words
# (来源, 名称, 时间 …) need a colon, bracket or space, or they would split ordinary text.
GLUE_OK = frozenset(
    {"索引号", "主题分类", "发文机关", "发文单位", "发文机构", "发布机构", "发文字号", "成文日期", "发布日期",
     "发文日期", "发文时间", "发布时间", "实施日期", "废止日期", "有效性", "规范性文件登记号", "公文种类",
     "体裁分类", "组配分类", "效力状态"}
)

# A label at the start of a line: plain (索引号 …), bracketed ([发文字号] …, 【标题】 …).
FIELD_LINE = regex.compile(
    rf"^[ \t]*(?:(?P<br>[\[【])[ \t]*)?(?P<label>{_LABEL})[ \t]*(?(br)[\]】])"
    rf"[ \t]*(?P<sep>[::])?[ \t]*(?P<value>.*)$"
)
# A further label inside a value, after a bar or space or glued, with its colon:
# "沈阳市人民政府 | 发文时间:2020-09-30", "市政府办公室浏览次数:".
NEXT_FIELD = regex.compile(rf"[ \t]*\|?[ \t]*[\[【]?(?P<label>{_LABEL})[\]】]?[ \t]*[::]")
BAR = regex.compile(r"[ \t]*\|[ \t]*$")

# Which field gives what (first present wins).
TITLE_FIELDS = ("标题", "名称", "文件名称")
NUMBER_FIELDS = ("发文字号", "文号", "字号")
ISSUER_FIELDS = ("发文机关", "发文单位", "发文机构", "发布机构", "发布单位", "成文单位", "制发机关")
# 成文日期 is the signing date. 发布日期/发文时间/发文日期 are when a page was put online.
DATE_FIELDS = ("成文日期", "成文时间", "签发日期")

# Words a notice's title ends with, optionally followed by a parenthesis: (试行), (2017-2019年).
_DOC_KIND = (
    "通知", "意见", "决定", "办法", "方案", "规定", "细则", "条例", "规划", "计划", "纲要", "通告", "公告",
    "通报", "批复", "函", "报告", "决议", "规则", "准则", "措施", "要点", "制度", "章程", "指引", "指南",
    "清单", "目录", "标准", "命令", "令", "意见书", "复函", "政策", "规范",
)
_KIND = "(?:" + "|".join(sorted(_DOC_KIND, key=len, reverse=True)) + ")"
# The last character of anything TITLE_SHAPE or TITLE_END matches (they end on a kind word or
# its bracket): a cheap test that spares the regex the many lines ending otherwise.
TITLE_LAST = frozenset({word[-1] for word in _DOC_KIND} | {")"})
TITLE_SHAPE = regex.compile(rf"^[^。;:!?,]{{3,160}}{_KIND}(?:\([^()]{{1,20}}\))?$")
TITLE_END = regex.compile(rf"{_KIND}(?:\([^()]{{1,20}}\))?$")
# Titles of the notice proper (not a plan's): a 关于 phrase or an 印发 wrapper.
TITLE_STRONG = regex.compile(r"关于|印发|转发")
TITLE_START = regex.compile(r"[\p{Han}《“\d]")  # a title opens on a word, not on a bracket
TITLE_LINE_MAX = 60  # a line of a title broken over lines is short
TITLE_MAX_LINES = 5
# A page header that carries the title behind the number: 市政办发〔2017〕109号《…》.
WRAP_OPEN, WRAP_CLOSE = "《", "》"
WRAPPED = regex.compile(r"^《(?P<inner>[^《》]*(?:《[^《》]*》[^《》]*)*)》$")

# An issuing body: Han characters (and 、 between joint issuers) ending in an organ word.
ORG_SUFFIX = (
    "人民政府", "政府", "办公厅", "办公室", "委员会", "管委会", "管理委员会", "常委会", "党委",
    "委", "局", "厅", "部",
    "院", "署", "会", "办", "中心", "公司", "集团", "银行", "行", "社", "所", "处", "室", "组", "小组",
    "法院", "检察院", "协会", "联合会", "大学", "学校", "站", "队", "馆", "总局", "分局", "监管局", "军区",
    "中央",  # 中共中央, 党中央
)
_ORG_END = "(?:" + "|".join(sorted(ORG_SUFFIX, key=len, reverse=True)) + ")"
ORG = regex.compile(rf"^[\p{{Han}}、()]{{2,80}}?{_ORG_END}$")
# The trailing organ name of a line that goes on to the signature date (one-line bodies).
TRAILING_ORG = regex.compile(r"(?:^|(?<=[\s。;!?]))(?P<org>[\p{Han}、()]{2,80})[ \t]*$")
# What may follow a signature date on its line: nothing, or (此件公开发布) and the rest.
AFTER_SIGNATURE_DATE = regex.compile(r"[ \t]*(?:\n|\(|\Z)")  # used with .match(text, pos)
ISSUER_BEFORE = regex.compile(r"^(?P<issuer>.+?)关于")
# Separators written between joint issuers; ignored when comparing two forms of one name.
ISSUER_SEPARATORS = regex.compile(r"[、,\s]")
# What breaks an issuer line as written into pieces: spaces (国家发展改革委 国家能源局), line
# breaks, markup; pieces are then joined back into names (教 育 部 is one name, spaced out to
# align a signature block).
ISSUER_BREAK = regex.compile(r"[^\p{Han}()、]+")
# A piece that only continues the name before it (国家知识产权局 办公室).
ISSUER_CONTINUATION = frozenset({"办公厅", "办公室", "委员会", "管委会", "管理委员会", "常委会", "党委", "办事处"})

# The addressee line (主送机关): organ names ending in a colon, before the body.
RECIPIENT_HINT = regex.compile(
    r"各|人民政府|政府|部门|单位|委|局|厅|办|公司|企业|机构|兵团|管委会|机关|院|学校"
)
# An addressee line names organs: it starts with a Han character or a bracket and holds no digit.
RECIPIENT_START = regex.compile(r"[\p{Han}(]")
RECIPIENT_NOT = regex.compile(r"\d")
# A title broken over lines runs on only through lines without sentence punctuation.
TITLE_LINE_STOP = regex.compile(r"[。;:!?,]")

# The plan's period: a range after one of these words (试点时限自2022年7月至2025年6月).
PERIOD_CUE = regex.compile(
    r"(?:时限|期限|实施期|试点期|规划期|建设期|创建期|周期|期间为|期为|时间为|时段为)[为是:自从]{0,2}$"
)
PERIOD_CUE_WINDOW = 8
# …or in brackets right after a plan title, or alone on a line: 工作方案(2017—2019年).
PLAN_WORD_BEFORE = regex.compile(r"(?:方案|规划|计划|纲要|行动|意见|办法|战略)[ \t]*\($")
