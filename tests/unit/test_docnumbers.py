"""Document numbers: every 机关代字〔年〕序号号 form met in the samples and corpus, as real snippets."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policyparse.docnumbers import find_doc_numbers, number_matches, split_doc_number
from policyparse.lexicon.docnumbers import DOC_NUMBER
from policyparse.normalize import normalize

from ..notices import normalized_text, notice_paths


def numbers_of(text: str) -> list[tuple[str, str, int, str]]:
    found = find_doc_numbers(normalize(text))
    return [(n.item.normalized, n.item.agency, n.item.year, n.item.serial) for n in found]


# (id, original text, expected [(normalized, agency, year, serial)])
EXAMPLES: list[tuple[str, str, list[tuple[str, str, int, str]]]] = [
    ("plain (000)", "市政办发〔2017〕109号", [("市政办发〔2017〕109号", "市政办发", 2017, "109")]),
    (
        "space before the bracket (corpus 16)",
        "《关于印发卫生档案管理暂行规定的通知》（卫办发 〔2008〕24号）精神",
        [("卫办发〔2008〕24号", "卫办发", 2008, "24")],
    ),
    ("space before 号 (corpus 04)", "（国办发〔2015〕7 号）", [("国办发〔2015〕7号", "国办发", 2015, "7")]),
    (
        "long agency code (002)",
        "《关于批复青岛市为国家知识产权强市创建市的函》(国知发管函字〔2017〕93号)要求",
        [("国知发管函字〔2017〕93号", "国知发管函字", 2017, "93")],
    ),
    (
        "split over five lines with ﹝﹞ (corpus 02)",
        "华中电监市场价财\n﹝\n2012\n﹞\n428\n号\n关于印发",
        [("华中电监市场价财〔2012〕428号", "华中电监市场价财", 2012, "428")],
    ),
    (
        "split inside a citation (corpus 03)",
        "工作的通知》（津工信电力〔\n2021\n〕\n2\n号）等文件",
        [("津工信电力〔2021〕2号", "津工信电力", 2021, "2")],
    ),
    (
        "square brackets in a metadata block (corpus 13)",
        "**\\[发文字号\\]** 丰政办发 \\[2026\\] 4号",
        [("丰政办发〔2026〕4号", "丰政办发", 2026, "4")],
    ),
    (
        "label glued to its value once spaces go (002)",
        "  • 发文字号 青政字〔2017〕58号",
        [("青政字〔2017〕58号", "青政字", 2017, "58")],
    ),
    (
        "cited alone, lead words cut (issue 3)",
        "根据国办发〔2018〕5号文件",
        [("国办发〔2018〕5号", "国办发", 2018, "5")],
    ),
    (
        "two in one sentence (002)",
        "为贯彻国务院《关于新形势下加快知识产权强国建设的若干意见》(国发〔2015〕71号)和省政府《关于印发山东省"
        "知识产权强省建设实施方案的通知》(鲁政发〔2016〕38号)精神",
        [("国发〔2015〕71号", "国发", 2015, "71"), ("鲁政发〔2016〕38号", "鲁政发", 2016, "38")],
    ),
    # Not numbers.
    ("order number has no year (corpus 11)", "2010年5月24日中华人民共和国国务院令第576号公布", []),
    ("no agency before the year", "(2017)5号", []),
    ("web link label without brackets (000)", "公文相关附件: 市政办发109", []),
    ("a date is not a number (000)", "2017年11月24日", []),
]


@pytest.mark.parametrize(("text", "expected"), [e[1:] for e in EXAMPLES], ids=[e[0] for e in EXAMPLES])
def test_doc_numbers(text: str, expected: list[tuple[str, str, int, str]]) -> None:
    assert numbers_of(text) == expected


@pytest.mark.parametrize("text", [e[1] for e in EXAMPLES], ids=[e[0] for e in EXAMPLES])
def test_span_slices_what_was_read(text: str) -> None:
    for n in find_doc_numbers(normalize(text)):
        assert n.item.span.slice(text) == n.item.text
        assert "号" in n.item.text


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("丰政办发 [2026] 4号", ("丰政办发", 2026, "4")),
        ("赣府厅发〔2020〕4号", ("赣府厅发", 2020, "4")),
        ("014150827/2024-00091", None),
    ],
)
def test_split_doc_number(value: str, expected: tuple[str, int, str] | None) -> None:
    assert split_doc_number(value) == expected


# ---------------------------------------------------------------- fast path: tried at each 号
# number_matches must give DOC_NUMBER.finditer's matches exactly (same spans and groups).

# Snippets where a number's Han run is longer than 12, numbers touch, a 号 sits inside an
# agency or before a number, or a 号 ends no number (samples 002, corpus 02/03/04/16).
ADJACENT_NUMBERS = [
    "发文字号青政字〔2017〕58号\n发文单位青岛市人民政府\n有效性失效\n规范性文件登记号QDCR-2017-0010001",
    "(国知发管字〔2016〕86号)和《关于批复青岛市为国家知识产权强市创建市的函》(国知发管函字〔2017〕93号)要求",
    "国发〔2015〕71号鲁政发〔2016〕38号",
    "根据国务院关于加快知识产权强国建设的若干意见国办发〔2018〕5号文件",
    "华中电监市场价财\n﹝\n2012\n﹞\n428\n号\n关于印发",
    "(国办发〔2015〕7 号)号外号(2017)5号国务院令第576号",
    "字号号号国办发〔2015〕第 7号",
]


def _spans(matches: object) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in matches]  # type: ignore[attr-defined]


@pytest.mark.parametrize("text", ADJACENT_NUMBERS)
def test_numbers_tried_at_each_hao_match_the_whole_scan(text: str) -> None:
    norm = normalize(text).text
    assert _spans(number_matches(norm)) == _spans(DOC_NUMBER.finditer(norm))


def test_numbers_tried_at_each_hao_match_the_whole_scan_on_every_sample() -> None:
    found = 0
    for path in notice_paths():
        text = normalized_text(path)
        expected = _spans(DOC_NUMBER.finditer(text))
        assert _spans(number_matches(text)) == expected, path.name
        found += len(expected)
    assert found > 30  # the samples cite many numbers: the comparison is not empty


_PIECES = ["国办发", "号", "政", "根据国办发", "发文字号国知发管函字", "号号", " ", "\n", "  ", "〔", "〕", "[", "]",
           "(", ")", "【", "】", "2017", "1999", "201", "5", "12", "123456", "第", "文件"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join))
def test_numbers_tried_at_each_hao_match_the_whole_scan_on_any_text(text: str) -> None:
    assert _spans(number_matches(text)) == _spans(DOC_NUMBER.finditer(text))
