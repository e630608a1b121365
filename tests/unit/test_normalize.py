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


# (text, whether MD_BULLET may match): the hint must never say no where the pass would act.
BULLETS = [
    ("- 加强领导", True), ("  * 项目", True), ("•\t甲", True), ("· 乙", True), ("+ 丙", True),
    ("2017-2019年", False), ("甲*乙", False), ("一、总体要求", False),
]


@pytest.mark.parametrize(("text", "bullet"), BULLETS)
def test_bullet_hint_gates_the_bullet_pass(text: str, bullet: bool) -> None:
    assert bool(lx.MD_BULLET.search(text)) == bullet
    if bullet:
        assert lx.BULLET_HINT.search(text)
        assert normalize(text).text == lx.MD_BULLET.sub("", text).strip()


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="-*+•· \t\n甲1", max_size=12))
def test_bullet_hint_is_found_wherever_a_bullet_is(text: str) -> None:
    if lx.MD_BULLET.search(text):
        assert lx.BULLET_HINT.search(text)
