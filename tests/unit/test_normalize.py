"""Normalising: each quirk as an example, and the offset map back to the original."""

from __future__ import annotations

import pytest

from policyparse.normalize import normalize

# (original, expected normalised text)
EXAMPLES = [
    ("（一）指导思想", "(一)指导思想"),
    ("牵头单位：市科技局；", "牵头单位:市科技局;"),
    ("a\u3000b\u00a0c", "a b c"),
    ("字体大小: 打印\n一、总体要求", "\n一、总体要求"),
    ("【关闭本页】\n正文", "\n正文"),
    ("扫一扫在手机打开当前页\n正文", "\n正文"),
    ("2017年7月?2017年12月", "2017年7月—2017年12月"),
    ("牽頭單位:市科技局", "牵头单位:市科技局"),
    ("實施方案", "实施方案"),
    ("( 一)加强领导", "(一)加强领导"),
    ("1 ﹒加强领导", "1.加强领导"),
    ("苏发 〔2022〕 7 号", "苏发〔2022〕7号"),
    ("卫办发 〔2008〕24号", "卫办发〔2008〕24号"),
    ("<p>第一段</p><br/>第二段", "\n第一段\n\n第二段"),
    ("甲&nbsp;乙&lt;丙", "甲乙<丙"),
    ("A&nbsp;B", "A B"),
    ("**一、总体要求**", "一、总体要求"),
    ("#### 豫政办〔2023〕25号", "豫政办〔2023〕25号"),
    ("**\\[发文字号\\]**", "[发文字号]"),
    ("重 要内容", "重要内容"),
    ("工 作 方 案", "工作方案"),
    ("    一、总体要求  ", "一、总体要求"),
    ("a\r\nb\rc", "a\nb\nc"),
    ("| 一、共筑美丽蓝天<br>第二行 |", "| 一、共筑美丽蓝天\n第二行 |"),
    ("| 1 | 空气<br>目标 | 区生态环境局<br>各街镇 |", "| 1 | 空气\t目标 | 区生态环境局\t各街镇 |"),
    ("| --- | --- |\n| 序号 | 任务 |", "\n| 序号 | 任务 |"),
    ("[苏州概览](http://x.cn/a.shtml \"苏州概览\")", "苏州概览"),
    ("1.2万人", "1.2万人"),
    # Regression (hypothesis): a bracketed clause before an inline heading is not a Markdown link.
    ("[牵头单位:市财政局;责任单位:高新区管委会](一)加强", "[牵头单位:市财政局;责任单位:高新区管委会](一)加强"),
    ("![](https://www.mee.gov.cn/a.shtml)正文", "正文"),
]


@pytest.mark.parametrize(("original", "expected"), EXAMPLES)
def test_normalize_examples(original: str, expected: str) -> None:
    assert normalize(original).text == expected


@pytest.mark.parametrize(("original", "expected"), EXAMPLES)
def test_every_normalised_char_maps_into_the_original(original: str, expected: str) -> None:
    n = normalize(original)
    assert len(n.starts) == len(n.text) == len(n.ends)
    for i in range(len(n.text)):
        assert 0 <= n.starts[i] < n.ends[i] <= len(original)


def test_span_of_a_folded_word_slices_the_original() -> None:
    original = "  （责任单位：牽頭單位）"
    n = normalize(original)
    i = n.text.index("牵头单位")
    assert n.raw(i, i + 4) == "牽頭單位"
    assert n.raw(0, len(n.text)) == original.strip()


def test_span_of_a_spaced_doc_number_covers_its_spaces() -> None:
    original = "根据苏发 〔2022〕 7 号文件"
    n = normalize(original)
    i = n.text.index("苏发")
    j = n.text.index("号") + 1
    assert n.raw(i, j) == "苏发 〔2022〕 7 号"


# Regressions: replacements that once mapped every character of a row or link to the whole of it.
# (original, a word of the normalised text, what its span must slice to)
OWN_OFFSETS = [
    ("| 1 | 空气<br>目标 | 区生态环境局<br>各街镇 |", "各街镇", "各街镇"),
    ("| 1 | 空气<br>目标 | 区生态环境局<br>各街镇 |", "区生态环境局", "区生态环境局"),
    ("- [苏州概览](http://www.suzhou.gov.cn/szgl.shtml \"苏州概览\")", "苏州概览", "苏州概览"),
]


@pytest.mark.parametrize(("original", "word", "raw"), OWN_OFFSETS)
def test_rewrites_keep_untouched_characters_on_their_own_offsets(original: str, word: str, raw: str) -> None:
    n = normalize(original)
    i = n.text.index(word)
    assert n.raw(i, i + len(word)) == raw


# --- Fast paths (issue 7): each must find exactly what the pattern it replaced found. ---

import sys  # noqa: E402

import regex  # noqa: E402
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from policyparse.lexicon import text as lx  # noqa: E402

_SPACE_IN_MARKER_OLD = regex.compile(
    r"(?<=[(〔\[【])[ \t]+(?=[一二三四五六七八九十百零〇\d])"
    r"|(?<=[一二三四五六七八九十百零〇\d])[ \t]+(?=[)〕\]】、.])"
    r"|(?<=[\d])[ \t]+(?=[号%])"
    r"|(?<=\p{Han})[ \t]+(?=〔\d{4})|(?<=〕)[ \t]+(?=\d)|(?<=〔)[ \t]+(?=\d)|(?<=\d)[ \t]+(?=〕)"
)
_SPACEY = st.text(alphabet="( 〔\t[【一十0１)〕]】、.号%〕甲x", max_size=16)


@settings(max_examples=500, deadline=None)
@given(_SPACEY)
def test_space_in_marker_finds_what_the_plain_pattern_found(text: str) -> None:
    assert [m.span() for m in lx.SPACE_IN_MARKER.finditer(text)] == [
        m.span() for m in _SPACE_IN_MARKER_OLD.finditer(text)]


def test_fold_chars_are_exactly_the_folded_characters() -> None:
    every = "".join(map(chr, range(sys.maxunicode + 1)))
    assert set(lx.FOLD_CHARS.findall(every)) == set(lx.FOLD_MAP)


# (text, whether MD_BULLET may match): the gate must never skip a line where the pass would act.
BULLETS = [
    ("- 加强领导", True), ("  * 项目", True), ("•\t甲", True), ("· 乙", True), ("+ 丙", True),
    ("2017-2019年", False), ("甲*乙", False), ("一、总体要求", False),
]


@pytest.mark.parametrize(("text", "bullet"), BULLETS)
def test_bullet_gate_finds_the_bullet_lines(text: str, bullet: bool) -> None:
    from policyparse.normalize import _bullet_starts

    assert bool(lx.MD_BULLET.search(text)) == bullet
    if bullet:
        assert _bullet_starts(text)
        assert normalize(text).text == lx.MD_BULLET.sub("", text).strip()


# --- Fast paths (issue 7, second round): each must give what the plain passes gave. ---

from pathlib import Path  # noqa: E402

from policyparse.load import load_path  # noqa: E402
from policyparse.normalize import (  # noqa: E402
    Normalized,
    _Builder,
    _bullet_starts,
    _cruft_starts,
    _entity,
    _table_break_edits,
    _to_simplified,
    matches_at,
)

_ROOT = Path(__file__).resolve().parents[2]
_FILES = sorted(
    p for pattern in ("samples/*.txt", "samples/html/*.htm*", "tests/corpus/*")
    for p in _ROOT.glob(pattern) if p.is_file()
)


def _normalize_plain(original: str) -> Normalized:
    """``normalize`` as it was before its gated passes: every pattern run over the whole text."""
    b = _Builder(original)
    b.sub(lx.CR, "\n")
    b.fold_present(set(lx.FOLD_CHARS.findall(b.text)), lx.FOLD_MAP)
    if lx.TRADITIONAL_HINT.search(b.text):
        b.replace_same_length(_to_simplified(b.text))
    if "<" in b.text:
        if "|" in b.text:
            b.apply(_table_break_edits(b.text))
        b.sub(lx.BREAK_TAG, "\n")
        b.sub(lx.OTHER_TAG, "")
    if "&" in b.text:
        b.sub(lx.HTML_ENTITY, _entity)
    if "[" in b.text or "*" in b.text or "#" in b.text or "\\" in b.text:
        b.sub(lx.MD_IMAGE, "")
        b.apply([edit for m in lx.MD_LINK.finditer(b.text)
                 for edit in ((m.start(), m.start(1), ""), (m.end(1), m.end(), ""))])
        b.sub(lx.MD_ESCAPE, "")
        b.sub(lx.MD_HEADING, "")
        b.sub(lx.MD_EMPHASIS, "")
    if "|" in b.text:
        b.sub(lx.MD_TABLE_RULE, "")
    b.sub(lx.MD_BULLET, "")
    b.sub(lx.CRUFT_LINE, "")
    b.sub(lx.SPACE_IN_MARKER, "")
    b.sub(lx.SPACE_BETWEEN_HAN, "")
    b.sub(lx.EDGE_SPACE, "")
    b.sub(lx.LOST_DASH, "—")
    return b.build(original)


def _same(a: Normalized, b: Normalized) -> bool:
    return (a.text, list(a.starts), list(a.ends)) == (b.text, list(b.starts), list(b.ends))


@pytest.mark.parametrize("path", _FILES, ids=[p.name for p in _FILES])
def test_normalize_equals_the_plain_passes_on_real_notices(path: Path) -> None:
    text = load_path(path).text
    assert _same(normalize(text), _normalize_plain(text))


# Real lines of web-page furniture and their neighbours (samples 003, 004, corpus pages),
# with the spacing and blank lines the cruft pattern reaches across.
CRUFT_SNIPPETS = [
    "字体大小: 打印\n索引号 11410900",
    "发布时间:2022-06-24 来源:\n\n【打印本页】 【关闭本页】\n\n各县(区)人民政府",
    "\n    扫一扫在手机打开当前页\n正文",
    "府办公室 浏览次数:\n\n各县区",
    "可以通过 网上咨询 方式咨询",
    "\n\n  \n 打印 \n\n】\n正文",
    "发布日期:2021-05-10\n\n  \n 打印 \n\n】\n正文",  # the match starts at the first blank line
    "来源:市政府办公室\n\n【\n打印本页\n】\n",
    "【 大 】\n【 中 】\n【 小 】\n一、总体要求",
    "大\n中\n小",
    "【\n关闭本页\n】",
    "发109\n扫描二维码 关注我们",
    "分享到:\n我要纠错\n收藏本页\n返回顶部",
    "中国\n中\n 小 ",
    "字号:大 中 小\n正文",
]


@pytest.mark.parametrize("text", CRUFT_SNIPPETS)
def test_cruft_lines_found_at_their_line_starts_only(text: str) -> None:
    plain = [m.span() for m in lx.CRUFT_LINE.finditer(text)]
    assert [m.span() for m in matches_at(lx.CRUFT_LINE, text, _cruft_starts(text))] == plain
    assert _same(normalize(text), _normalize_plain(text))


_CRUFTY = st.lists(
    st.sampled_from(["字体大小", "字号:", "打印", "关闭本页", "关闭", "返回顶部", "扫一扫", "分享到", "【", "】",
                     "网上咨询", "浏览次数:", "大", "中", "小", "字体", " ", "\t", "\n", "\u3000", "\x0b", "\x1c",
                     "甲", "1", "-", "* "]),
    max_size=24,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(_CRUFTY)
def test_cruft_lines_found_at_their_line_starts_on_any_text(text: str) -> None:
    assert [m.span() for m in matches_at(lx.CRUFT_LINE, text, _cruft_starts(text))] == [
        m.span() for m in lx.CRUFT_LINE.finditer(text)]


def test_str_isspace_takes_every_character_the_cruft_pattern_calls_space() -> None:
    # _cruft_starts walks back over str.isspace() characters to the lines a match can start on.
    every = "".join(map(chr, range(sys.maxunicode + 1)))
    assert all(c.isspace() for c in regex.findall(r"\s", every))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="-*+•· \t\n甲1", max_size=12))
def test_bullets_found_at_their_line_starts_on_any_text(text: str) -> None:
    assert [m.span() for m in matches_at(lx.MD_BULLET, text, _bullet_starts(text))] == [
        m.span() for m in lx.MD_BULLET.finditer(text)]


# Without a tab, [ \t] is a space: the space-led patterns must then find what the others find.
_SPACEY_NO_TAB = st.text(alphabet="( 〔[【一十0１)〕]】、.号%〕甲x\n", max_size=16)


@settings(max_examples=500, deadline=None)
@given(_SPACEY_NO_TAB)
def test_space_led_patterns_agree_on_text_without_tabs(text: str) -> None:
    assert [m.span() for m in lx.SPACE_IN_MARKER_NO_TAB.finditer(text)] == [
        m.span() for m in lx.SPACE_IN_MARKER.finditer(text)]
    assert [m.span() for m in lx.EDGE_SPACE_NO_TAB.finditer(text)] == [
        m.span() for m in lx.EDGE_SPACE.finditer(text)]


SPACE_SNIPPETS = [
    "( 一)加强领导", "1 ﹒加强领导", "苏发 〔2022〕 7 号", "卫办发 〔2008〕24号", "增长 15 %", "〔 2017〕 109号",
    "    一、总体要求  ", "  \n  \n", "三 、保障措施", "第 1 条",
]


@pytest.mark.parametrize("text", SPACE_SNIPPETS)
def test_space_led_patterns_agree_on_real_snippets(text: str) -> None:
    text = normalize(text).text if "\t" in text else text
    assert [m.span() for m in lx.SPACE_IN_MARKER_NO_TAB.finditer(text)] == [
        m.span() for m in lx.SPACE_IN_MARKER.finditer(text)]
    assert [m.span() for m in lx.EDGE_SPACE_NO_TAB.finditer(text)] == [
        m.span() for m in lx.EDGE_SPACE.finditer(text)]
    assert _same(normalize(text), _normalize_plain(text))


# Pieces of every kind the passes act on, so that random texts combine them.
_PIECES = st.sampled_from([
    "\r\n", "\r", "（一）", "牽頭單位", "<br>", "<p>", "| 1 | 甲<br>乙 |", "&nbsp;", "&amp;", "**", "# ", "\\[",
    "[链接](http://x.cn/a.html)", "![](http://x.cn/b.png)", "| --- | --- |", "- ", "* ", "• ", "字体大小: 打印",
    "【关闭本页】", "大", "( 一)", "〔 2017〕", "7 号", "重 要", "  ", "\t", "\n", "2017年7月?2017年12月", "甲", "1",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=20).map("".join))
def test_normalize_equals_the_plain_passes_on_any_text(text: str) -> None:
    assert _same(normalize(text), _normalize_plain(text))


@pytest.mark.parametrize("text", ["牽頭單位:市科技局", "實施方案", "市科技局", "", "关于印发的通知"])
def test_traditional_gate_is_the_hint_pattern(text: str) -> None:
    assert any(c in text for c in lx.TRADITIONAL_CHARS) == bool(lx.TRADITIONAL_HINT.search(text))
    assert _same(normalize(text), _normalize_plain(text))


# --- Fast paths (issue 7, third round). ---

from array import array  # noqa: E402

from policyparse.normalize import line_starts  # noqa: E402


def _rule_starts(text: str) -> set[int]:
    return line_starts(text, "---")


def _apply_plain(text: str, starts: list[int], ends: list[int], edits: list[tuple[int, int, str]]
                 ) -> tuple[str, list[int], list[int]]:
    """``_Builder.apply`` one character at a time: the offsets each new character stands for."""
    out, new_starts, new_ends, pos = [], [], [], 0
    for s, e, r in edits:
        out.append(text[pos:s])
        new_starts += starts[pos:s]
        new_ends += ends[pos:s]
        if len(r) == e - s:
            new_starts += starts[s:e]
            new_ends += ends[s:e]
        else:
            new_starts += [starts[s]] * len(r)
            new_ends += [ends[e - 1]] * len(r)
        out.append(r)
        pos = e
    out.append(text[pos:])
    return "".join(out), new_starts + starts[pos:], new_ends + ends[pos:]


# Real edits: a trailing space, a space between Han characters, a link's brackets, an entity
# (longer than its character), a lost dash (same length), from samples 002 and 004.
APPLY_CASES = [
    ("一、总体要求 \n(一)指导思想", [(6, 7, "")]),
    ("重 要 任务", [(1, 2, ""), (3, 4, "")]),
    ("[链接](http://x.cn/a.html)正文", [(0, 1, ""), (3, 23, "")]),
    ("市&nbsp;政府", [(1, 7, " ")]),
    ("2017年7月?2017年12月", [(7, 8, "—")]),
    ("甲乙", [(0, 1, "丙丁"), (1, 2, "")]),
    ("abc", []),
]


@pytest.mark.parametrize(("text", "edits"), APPLY_CASES)
@pytest.mark.parametrize("typecode", ["i", "q"])
def test_apply_gives_the_offsets_of_the_plain_rewrite(text: str, edits: list[tuple[int, int, str]],
                                                      typecode: str) -> None:
    b = _Builder(text)
    # The maps a text too long for 32-bit offsets would get: the same rewrite, in their own type.
    b.starts, b.ends = array(typecode, b.starts), array(typecode, b.ends)
    before = (b.text, list(b.starts), list(b.ends))
    b.apply(edits)
    assert (b.text, list(b.starts), list(b.ends)) == _apply_plain(*before, edits)
    assert b.starts.typecode == b.ends.typecode == typecode


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_apply_gives_the_offsets_of_the_plain_rewrite_on_any_edits(data: st.DataObject) -> None:
    text = data.draw(st.text(alphabet="甲乙 \n1", max_size=20))
    cuts = sorted(data.draw(st.lists(st.integers(0, len(text)), max_size=8)))
    edits = [(s, e, data.draw(st.text(alphabet="丙-", max_size=3)))
             for s, e in zip(cuts[::2], cuts[1::2], strict=False) if e > s]
    b = _Builder(text)
    before = (b.text, list(b.starts), list(b.ends))
    b.apply(edits)
    assert (b.text, list(b.starts), list(b.ends)) == _apply_plain(*before, edits)


def test_identity_maps_read_as_the_offsets() -> None:
    norm = normalize("一、总体要求\n" * 3000)
    assert list(norm.starts) == list(range(len(norm.text)))
    assert list(norm.ends) == list(range(1, len(norm.text) + 1))


# Markdown marks alone or with others (real lines of crawled pages, samples 004 and corpus):
# each Markdown pattern is run only when its own mark is there, and a table rule only on the
# lines holding ---; the result must be the plain passes' result.
MARKDOWN_SNIPPETS = [
    "| 序号 | 单位 |\n| --- | --- |\n| 1 | 市科技局 |",
    "| 序号 | 单位 |\n|:---:|---|\n2017—2019年 --- 完成",
    "[附件1](http://www.gov.cn/a.pdf) 任务分工表",
    "![](http://x.cn/b.png)\n一、总体要求",
    "[牵头单位:市科技局](一)加强领导",
    "__重点任务__ 和 **保障措施**",
    "企业_名称 [注] #1",
    "# 一、总体要求\n\\[2017\\]",
    "完成率!达到[90%]",
    "a__b __c",
]


@pytest.mark.parametrize("text", MARKDOWN_SNIPPETS)
def test_markdown_gates_give_the_plain_passes(text: str) -> None:
    assert _same(normalize(text), _normalize_plain(text))


@pytest.mark.parametrize("text", MARKDOWN_SNIPPETS)
def test_table_rules_found_at_their_line_starts_only(text: str) -> None:
    assert [m.span() for m in matches_at(lx.MD_TABLE_RULE, text, _rule_starts(text))] == [
        m.span() for m in lx.MD_TABLE_RULE.finditer(text)]


_MARKDOWNY = st.lists(st.sampled_from([
    "|", "---", "-", ":", " ", "\t", "\n", "[", "]", "(", ")", "http://x.cn/a", "!", "*", "**", "_", "__", "#",
    "\\", "甲", "1",
]), max_size=20).map("".join)


@settings(max_examples=500, deadline=None)
@given(_MARKDOWNY)
def test_markdown_gates_give_the_plain_passes_on_any_text(text: str) -> None:
    assert [m.span() for m in matches_at(lx.MD_TABLE_RULE, text, _rule_starts(text))] == [
        m.span() for m in lx.MD_TABLE_RULE.finditer(text)]
    assert _same(normalize(text), _normalize_plain(text))


LINE_STARTS = [
    # (text, word, then, expected line starts)
    ("目录\n第一章 总则\n附件:1.名单", "附件", "", {10}),
    ("一、任务\n附 件\n附件1", "附件", "", {9}),  # 附 alone is not 附件
    ("| --- | --- |\n正文-1", "---", "", {0}),
    ("- 一项\n-二项\n* 三项\n-", "-", " \t", {0}),  # no space after the mark, or the text ends there
    ("* 三项\n-\t四项", "*", " \t", {0}),
    ("", "录", "", set()),
]


@pytest.mark.parametrize(("text", "word", "then", "expected"), LINE_STARTS)
def test_line_starts(text: str, word: str, then: str, expected: set[int]) -> None:
    assert line_starts(text, word, then) == expected


# --- Fast paths (issue 7, round 5). ---
# The fold's scan also finds traditional characters: its class is both sets, and folding
# neither makes nor removes a traditional character.


def test_fold_or_traditional_class_is_both_sets() -> None:
    every = "".join(map(chr, range(0x10000)))
    assert set(lx.FOLD_OR_TRADITIONAL.findall(every)) == set(lx.FOLD_MAP) | lx.TRADITIONAL_SET
    assert not lx.TRADITIONAL_SET & (set(lx.FOLD_MAP) | set(lx.FOLD_MAP.values()))


@pytest.mark.parametrize(
    "text",
    [
        "牽頭單位：市科技局，配合單位：市財政局",  # traditional and full-width together
        "實施方案（2017—2019年）",
        "各区、县（市）人民政府，市政府有关部门：",  # full-width only
        "市科技局\u3000牵头",
        "關於印發的通知",  # traditional only
        "发展",  # neither
        "",
    ],
)
def test_one_scan_folds_and_finds_traditional_as_two_did(text: str) -> None:
    assert _same(normalize(text), _normalize_plain(text))


def _cut_both_ways(text: str, spans: list[tuple[int, int]]) -> None:
    fast, slow = _Builder(text), _Builder(text)
    fast.apply([(0, 1, "xy")] if text else [])  # maps that are no longer the identity
    slow.apply([(0, 1, "xy")] if text else [])
    shift = 1 if text else 0
    fast.cut([(s + shift, e + shift) for s, e in spans])
    slow.apply([(s + shift, e + shift, "") for s, e in spans])
    assert _same(fast.build(text), slow.build(text))


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("一、 总体要求 \n (一)指导思想", [(2, 3), (7, 8), (9, 10)]),
        ("  字体大小:大 中 小\n正文", [(0, 12)]),
        ("甲乙丙丁", [(0, 1), (1, 2), (3, 4)]),  # touching cuts and one at the end
        ("甲乙丙丁", [(1, 1), (2, 3)]),  # an empty span is no edit
        ("甲乙", []),
    ],
)
def test_cut_equals_apply_of_deletions(text: str, spans: list[tuple[int, int]]) -> None:
    _cut_both_ways(text, spans)


@pytest.mark.parametrize("path", _FILES, ids=[p.name for p in _FILES])
def test_cut_equals_apply_of_deletions_on_real_notices(path: Path) -> None:
    text = load_path(path).text
    for pattern in (lx.EDGE_SPACE, lx.SPACE_BETWEEN_HAN, lx.SPACE_IN_MARKER, lx.MD_BULLET, lx.OTHER_TAG):
        _cut_both_ways(text, [m.span() for m in pattern.finditer(text)])


def _three_space_passes(text: str) -> Normalized:
    b = _Builder(text)
    b.sub(lx.SPACE_IN_MARKER_NO_TAB, "")
    b.sub(lx.SPACE_BETWEEN_HAN, "")
    b.sub(lx.EDGE_SPACE_NO_TAB, "")
    return b.build(text)


def _one_space_scan(text: str) -> Normalized:
    b = _Builder(text)
    b.sub(lx.SPACES_NO_TAB, "")
    return b.build(text)


@pytest.mark.parametrize(
    "text",
    [
        " 一、总体要求 \n  ( 一)指导思想 \n",  # edge runs and a space in a marker
        "重 要 内 容  \n〔 2017〕 109 号",  # letter-spacing, a document number spaced out
        "甲    乙",  # a run too long to be letter-spacing
        "市政办发 〔2017〕109号, 第 3 号, 10 %",
        "( 一 ) 加强 领导 ",
        "甲 乙\n \n 丙",  # a line of spaces only
        " ",
        "",
    ],
)
def test_one_space_scan_equals_the_three_passes(text: str) -> None:
    assert _same(_one_space_scan(text), _three_space_passes(text))


@pytest.mark.parametrize("path", _FILES, ids=[p.name for p in _FILES])
def test_one_space_scan_equals_the_three_passes_on_real_notices(path: Path) -> None:
    text = load_path(path).text.replace("\t", " ").replace("\u3000", " ")
    assert _same(_one_space_scan(text), _three_space_passes(text))


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from([" ", "  ", "   ", "\n", "甲", "一", "1", "(", ")", "〔", "〕", "2017", "号", "%", "、",
                                 ".", "【", "】", "[", "]", "x", "〇"]), max_size=24).map("".join))
def test_one_space_scan_equals_the_three_passes_on_any_text(text: str) -> None:
    assert _same(_one_space_scan(text), _three_space_passes(text))
