"""Patterns and word lists for reading saved government web pages (see ``policyparse.html``)."""

from __future__ import annotations

import regex

# --- decoding --------------------------------------------------------------------------------

# A charset declared in the first bytes: <meta charset="…"> or the http-equiv content type.
DECLARED_CHARSET = regex.compile(
    rb"""(?i)<meta[^>]{0,300}?charset\s*=\s*["']?\s*([a-z0-9_\-:.]{2,40})"""
)
# Names a page may declare, read as the codec that decodes all of them (GB18030 ⊃ GBK ⊃ GB2312).
CHARSET_ALIASES: dict[str, str] = {
    "gb2312": "gb18030", "gbk": "gb18030", "gb18030": "gb18030", "x-gbk": "gb18030",
    "cp936": "gb18030", "euc-cn": "gb18030", "hz-gb-2312": "gb18030",
    "utf8": "utf-8", "utf-8": "utf-8", "unicode": "utf-8",
    "big5": "big5hkscs", "big5-hkscs": "big5hkscs",
}
# A page is read in an encoding with some bytes broken (U+FFFD) only if it has at least this
# many well-decoded non-ASCII characters per broken one.
GOOD_PER_BROKEN = 20
# Control characters that never occur in a page: NUL and the C0 set bar tab/newline/CR/FF.
BINARY_CHAR = regex.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
# Declarations too often wrong on Chinese pages to trust (server defaults): sniff instead.
UNTRUSTED_CHARSETS = frozenset({"ascii", "iso8859-1", "cp1252", "latin-1"})
XML_DECLARATION = regex.compile(r"^\s*<\?xml[^>]*\?>")
# libxml2 drops whatever follows a stray </html> (pages that include a whole header template);
# browsers ignore these end tags, and so do we.
DOCUMENT_END_TAG = regex.compile(r"(?i)</\s*(?:html|body)\s*>")

# --- finding the notice body -----------------------------------------------------------------

# Elements that hold a site's notice body, most specific first (gov.cn and its copies).
BODY_IDS = ("UCAP-CONTENT",)

# CMS markers around the body, as (start, end) patterns over the page's source. Hanweb (大汉)
# writes <meta name="ContentStart">…<meta name="ContentEnd"> and the comment pair around them.
BODY_MARKERS: tuple[tuple[regex.Pattern[str], regex.Pattern[str]], ...] = (
    (regex.compile(r"""(?i)<meta\s+name\s*=\s*["']?ContentStart["']?\s*/?>"""),
     regex.compile(r"""(?i)<meta\s+name\s*=\s*["']?ContentEnd["']?\s*/?>""")),
    (regex.compile(r"(?i)<!--\s*ZJEG_RSS\.content\.begin\s*-->"),
     regex.compile(r"(?i)<!--\s*ZJEG_RSS\.content\.end\s*-->")),
    (regex.compile(r"<!--\s*<\$\[信息内容\]>\s*begin\s*-->"),
     regex.compile(r"<!--\s*<\$\[信息内容\]>\s*end\s*-->")),
    (regex.compile(r"(?i)<!--\s*(?:ContentStart|正文开始|content\s*start)\s*-->"),
     regex.compile(r"(?i)<!--\s*(?:ContentEnd|正文结束|content\s*end)\s*-->")),
)
# The CMS's title field, written just above the body on the same sites.
TITLE_MARKER = regex.compile(
    r"<!--\s*<\$\[标题\]>\s*begin\s*-->(.*?)<!--\s*<\$\[标题\]>\s*end\s*-->", regex.S
)

# Containers whose content is never the notice.
JUNK_TAGS = frozenset({
    "script", "style", "noscript", "iframe", "frame", "frameset", "canvas", "svg", "object", "embed",
    "select", "option", "button", "input", "textarea", "template", "map", "audio", "video", "nav",
    "head", "title", "link", "meta", "img",
})
# id/class words of page furniture (share bars, QR codes, breadcrumbs, toolbars, footers).
JUNK_NAME = regex.compile(
    r"(?i)(?:^|[\s_\-])(?:bdshare\w*|share\w*|qr\w*|erweima|ewm|breadcrumb|crumbs?|bt-position|position"
    r"|toolbar|tools?|footer\w*|foot|nav\w*|menu\w*|fenxiang|print-?btn|gotop|back-?top"
    r"|xgbd|xgwj|related|relative|wapHeader|header_wrap|footer_wrap)(?:$|[\s_\-])"
)
HIDDEN_STYLE = regex.compile(r"(?i)display\s*:\s*none|visibility\s*:\s*hidden")

# Tags that start a new line. Everything else is inline and stays on the line.
BLOCK_TAGS = frozenset({
    "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
    "table", "section", "article", "header", "footer", "aside", "blockquote", "pre", "center",
    "address", "figure", "figcaption", "form", "fieldset", "hr", "main", "caption", "tbody",
    "thead", "tfoot", "body", "html",
})
# A table cell with less Chinese text than this is data (a row of a body table); a bigger one
# is a layout cell that holds the body itself.
LAYOUT_CELL_HAN = 100
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
BOLD_TAGS = frozenset({"b", "strong"})
BOLD_STYLE = regex.compile(r"(?i)font-weight\s*:\s*(?:bold|bolder|[6-9]00)")
CENTER_STYLE = regex.compile(r"(?i)text-align\s*:\s*center")
LEFT_STYLE = regex.compile(r"(?i)text-align\s*:\s*(?:left|right|justify)")

# Whitespace HTML collapses (ASCII and the no-break space); the ideographic space is text.
COLLAPSIBLE_SPACE = regex.compile(r"[ \t\n\r\f\v\u00a0]+")
EDGE_SPACE = regex.compile(r"^[ \u3000]+|[ \u3000]+$")
HAN_CHAR = regex.compile(r"\p{Han}")
WORD_CHAR = regex.compile(r"\w")

# Lines of page furniture that may sit inside the body container.
JUNK_LINE = regex.compile(
    r"^(?:扫一扫在手机打开当前页|扫一扫.{0,12}|【?\s*(?:打印本页|关闭窗口|关闭本页|打印|关闭)\s*】?"
    r"|分享到[::：]?.{0,20}|字号[::：]?\s*(?:大|中|小|\s)*)$"
)
# A tail paragraph pointing to an explanation page: not part of the notice (FORMAT/gold NOTES).
RELATED_LINE = regex.compile(
    r"^(?:相关解读|政策解读|相关链接|相关阅读|相关新闻|相关文件|图文解读|解读文件)(?:\s*[:：]|\s*$)"
)

# Title lines: what may be joined when a page breaks one centred title over several lines.
TITLE_STOP = regex.compile(r"[。；;！!？?：:]\s*$")
NOT_TITLE_LINE = regex.compile(
    r"\d{4}\s*[〕\]）)﹞】]|[〔\[（(﹝【]\s*\d{4}|\d+\s*号\s*$"  # a document number
    r"|^\s*\d{4}\s*年|^\s*[一二三四五六七八九〇零○O]{4}\s*年|^\d{4}[-/.]\d{1,2}"  # a date
    r"|^\s*附\s*件|^\s*第[一二三四五六七八九十百零〇\d]+[章节条编]"
    r"|^\s*[一二三四五六七八九十]+、|^\s*[（(][一二三四五六七八九十\d]+[）)]|^\s*\d+[、.．]"
)
TITLE_MAX_JOINED = 160
# How far down the body the title may start and still count as the body's own title line.
TITLE_HEAD_LINES = 6
# A 发文字号 worth putting on the page: an agency code, a bracketed year, a serial, 号.
NUMBER_LIKE = regex.compile(r"\p{Han}.*[〔\[（(﹝【]\s*\d{4}\s*[〕\]）)﹞】]\s*\d+\s*号")

# --- the metadata table ----------------------------------------------------------------------

# A label alone in its cell ("索 引 号：") or leading its cell ("文      号: 赣府厅发〔2020〕4号").
# Labels are short Han words, padded with ASCII, full-width or no-break spaces.
_PAD = r"[ \t\u00a0\u3000]*"
LABEL_ONLY = regex.compile(rf"^{_PAD}((?:\p{{Han}}{_PAD}){{2,8}})[:：]{_PAD}$")
LABEL_VALUE = regex.compile(rf"^{_PAD}((?:\p{{Han}}{_PAD}){{2,8}})[:：]{_PAD}(\S.*?){_PAD}$", regex.S)
LABEL_SPACE = regex.compile(r"[\s\u00a0\u3000]+")
VALUE_SPACE = regex.compile(r"[ \t\n\r\f\v\u00a0\u3000]+")
# A table or list counts as a metadata block only with this many label/value pairs.
MIN_PAIRS = 2

# Label as written (whitespace removed) → the canonical key other stages read.
CANONICAL_LABELS: dict[str, str] = {
    "标题": "标题", "名称": "标题", "文件名称": "标题", "信息名称": "标题", "公文名称": "标题",
    "发文字号": "发文字号", "文号": "发文字号", "文件编号": "发文字号", "发文文号": "发文字号",
    "字号": "发文字号", "文件字号": "发文字号",
    "发文机关": "发文机关", "发文单位": "发文机关", "发文机构": "发文机关", "发布机构": "发文机关",
    "发布机关": "发文机关", "制发机关": "发文机关", "发文部门": "发文机关", "发布单位": "发文机关",
    "成文日期": "成文日期", "成文时间": "成文日期", "签发日期": "成文日期",
    "发布日期": "发布日期", "发布时间": "发布日期", "公开日期": "发布日期", "公开时间": "发布日期",
}
# A label/value block is page metadata only if one of its labels is one of these (so a body
# table of "责任单位：…" cells is never taken for it).
KNOWN_LABELS = frozenset(CANONICAL_LABELS) | {
    "索引号", "主题分类", "主题词", "有效性", "效力状态", "时效性", "来源", "信息来源", "公文种类",
    "组配分类", "体裁分类", "服务对象", "生效日期", "废止日期", "实施日期", "分类", "所属主题",
}

# <meta name=…> fields used when the page has no visible value for the canonical key.
META_FALLBACKS: dict[str, str] = {"articletitle": "标题", "pubdate": "发布日期"}
