"""Fast paths (issue 7) give the answers of the slow ways they replace, on real snippets.

Each shortcut is compared with the plain computation it stands for, so a shortcut that drops
or adds a case fails here. No timing: speed is measured by benchmarks/run.py, never in the suite.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import regex

from policyparse.assignments import _Labels, _opens_line
from policyparse.lexicon import dates as dlx
from policyparse.lexicon import roles as rl
from policyparse.lexicon import targets as tlx
from policyparse.lexicon import text as txt
from policyparse.normalize import normalize
from policyparse.orgunits import _occurs_as_place, _places, _split_plain, _split_walk
from policyparse.quantities import find_quantities, is_number_cell, read_number_cell

ROOT = Path(__file__).resolve().parents[2]

SNIPPETS = [
    "到2025年底前,全市发明专利拥有量达到9万件,每万人口发明专利拥有量超过15件。",
    "(市发展改革委牵头,市财政局、市商务局配合;2022年7月—9月完成)",
    "二〇一七年十一月二十四日 濮阳市人民政府办公室",
    "一、强化科技创新(区科技局牵头) 1.建设一百五十个站点,其中十二家企业;三季度前完成。",
    "争取申报地理标志产品3-5件,改造煤电机组规模980万千瓦以上,统一规划,进一步落实。",
    "丰台区人民政府、丽泽金融商务区管委会、市市场监管局,文化市场,全省级,浑南区、",
    "| 指标名称 | 2025年 | 2030年目标 |\n| 新能源汽车(万辆) | 1,500 | 90% 以上 |",
    "年内完成;今年上半年;本年度;次年;下半年启动,11月底前,6-9月,12月31日前。",
]


def _corpus() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples").glob("*.txt"))]
    return [normalize(t).text for t in [*SNIPPETS, *texts]]


@pytest.mark.parametrize("text", _corpus())
def test_skip_time_drops_exactly_the_time_quantities(text: str) -> None:
    plain = [q for q in find_quantities(text) if q.kind != "time"]
    assert find_quantities(text, skip_time=True) == plain


@pytest.mark.parametrize("text", _corpus())
def test_quantities_dealt_to_sentences_match_reading_each_sentence(text: str) -> None:
    found = find_quantities(text)
    for m in tlx.SENTENCE.finditer(text):
        s0, s1 = m.span()
        assert [q for q in found if s0 <= q.start < s1] == find_quantities(text, s0, s1)


@pytest.mark.parametrize("text", _corpus())
def test_sentences_are_the_runs_between_sentence_ends(text: str) -> None:
    spans, pos = [], 0
    for m in tlx.SENTENCE_END.finditer(text):
        if m.start() > pos:
            spans.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        spans.append((pos, len(text)))
    assert [m.span() for m in tlx.SENTENCE.finditer(text)] == spans


@pytest.mark.parametrize("text", _corpus())
def test_date_gate_changes_no_match(text: str) -> None:
    ungated = regex.compile(dlx.DATE.pattern[len(dlx._FIRST_CHAR):])
    assert [(m.span(), m.groupdict()) for m in dlx.DATE.finditer(text)] == [
        (m.span(), m.groupdict()) for m in ungated.finditer(text)
    ]


@pytest.mark.parametrize("text", _corpus())
def test_place_index_agrees_with_searching_each_head(text: str) -> None:
    places = _places(text)
    heads = {text[i : i + k] for k in (2, 3) for i in range(len(text) - k + 1)}
    assert {h for h in heads if _occurs_as_place(text, h)} == places & heads


LIST_BODIES = [
    "市发展改革委、市财政局,市商务局;各区、县人民政府",
    " 、,市科技局 \t市教育局、",
    "",
    "、,;",
    "相关区、县政府,市财政局;市委、市政府",
    "各市、县政府 各区、市政府等\n市直各部门",
]


@pytest.mark.parametrize("text", [*LIST_BODIES, *_corpus()])
def test_plain_list_split_is_the_character_walk(text: str) -> None:
    # Every run of real text between brackets or quotes, read as if it were a list.
    for body in regex.split(r"[()〔〕\[\]【】“”《》‘’]", text):
        assert _split_plain(body) == _split_walk(body, [False] * len(body))


LABEL_SNIPPETS = [
    "(牵头单位:市发展改革委;责任单位:市财政局)",
    "牵头责任单位 :市科技局\n配合单位:\t市财政局",
    "。责任单位:区政府;完成时限:2022年底",
    "责任单位牵头单位:市商务局,主办单位::网站",
    ":责任单位:x 单位:y 负责部门 \t : z",
    "  责任部门:市教育局。配合部门:市卫健委!协办单位:市体育局",
]


@pytest.mark.parametrize("text", [*LABEL_SNIPPETS, *_corpus()])
def test_label_index_is_label_finditer(text: str) -> None:
    labels = _Labels(text)
    found = list(zip(labels.starts, labels.ends, labels.words, strict=True))
    assert found == [(m.start(), m.end(), m.group("label")) for m in rl.LABEL.finditer(text)]
    lines = [labels.starts[k] for k in range(len(found)) if _opens_line(text, labels.starts[k])]
    assert lines == [m.start("label") for m in rl.LINE_LABEL.finditer(text)]


@pytest.mark.parametrize("text", [*LABEL_SNIPPETS, *_corpus()])
def test_labels_inside_a_range_are_label_finditer_there(text: str) -> None:
    labels = _Labels(text)
    # Ranges start where the reader asks: after a bracket, a line break or a label's colon.
    starts = [i + 1 for i, c in enumerate(text) if c in "(〔[【\n:"]
    for start in starts:
        for width in (3, 12, 40, 800):
            end = min(len(text), start + width)
            got = [(labels.starts[k], labels.ends[k]) for k in labels.inside(start, end)]
            assert got == [m.span() for m in rl.LABEL.finditer(text, start, end)]


@pytest.mark.parametrize("text", _corpus())
def test_fold_replaces_like_translate(text: str) -> None:
    folded = text
    for c in set(txt.FOLD_CHARS.findall(text)):
        folded = folded.replace(c, txt.FOLD_MAP[c])
    assert folded == text.translate(txt.FOLD_TABLE)


def test_fold_class_is_the_fold_table() -> None:
    assert {c for c in map(chr, range(0x10000)) if txt.FOLD_CHARS.fullmatch(c)} == set(txt.FOLD_MAP)


@pytest.mark.parametrize("cell", ["2.7", "1,500", "90% 以上", "100 左右", "—", "", "约3", "1.5.3", "12a"])
def test_is_number_cell(cell: str) -> None:
    assert is_number_cell(cell) == (read_number_cell(cell) is not None)


@pytest.mark.parametrize("text", _corpus())
def test_column_date_line_finds_every_header_line(text: str) -> None:
    from policyparse.targets import _column_date, _lines

    if any(_column_date(line) for line in _lines(text)):
        assert tlx.COLUMN_DATE_LINE.search(text)


def test_normalized_raw_is_the_span_slice() -> None:
    norm = normalize("关于印发《濮阳市（2017—2019年）工作方案》的通知\r\n二、 主要目标")
    n = len(norm.text)
    for s in range(n + 1):
        for e in range(s, n + 1):
            sp = norm.span(s, e)
            assert norm.raw(s, e) == norm.original[sp.start : sp.end]


@pytest.mark.parametrize("enabled", [True, False])
def test_parse_leaves_the_garbage_collector_as_it_found_it(enabled: bool) -> None:
    import gc

    from policyparse.pipeline import parse, parse_loaded

    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        parse(SNIPPETS[0])
        assert gc.isenabled() is enabled
        with pytest.raises(AttributeError):
            parse_loaded(None)  # type: ignore[arg-type]
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()
