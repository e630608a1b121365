"""Fast paths (issue 7) give the answers of the slow ways they replace, on real snippets.

Each shortcut is compared with the plain computation it stands for, so a shortcut that drops
or adds a case fails here. No timing: speed is measured by benchmarks/run.py, never in the suite.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
import regex

from policyparse.assignments import _Labels, _opens_line
from policyparse.lexicon import dates as dlx
from policyparse.lexicon import roles as _rl
from policyparse.lexicon import roles as rl
from policyparse.lexicon import targets as tlx
from policyparse.lexicon import text as txt
from policyparse.normalize import normalize
from policyparse.orgunits import _occurs_as_place, _places, _split_plain, _split_walk
from policyparse.quantities import find_quantities, is_number_cell, read_number_cell

from ..notices import normalized_notices, notice_paths

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

# The single bracket scan BRACKET_STARTS is held to (the lexicon keeps only its source).
BRACKET_SCAN = re.compile(_rl.BRACKET_SCAN_SOURCE)


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


@pytest.mark.parametrize("path", notice_paths(), ids=lambda p: p.name)
def test_a_parse_leaves_no_cyclic_garbage(path: Path) -> None:
    # The pipeline files what a parse made in the collector's oldest generation, which only
    # full collections look at: a cycle left behind would wait for one. Found in the wild: a
    # self-calling closure in the HTML block scorer held every element of the page.
    import gc

    from policyparse.pipeline import parse_file

    parse_file(path)  # first use builds schemas and loads resources, which may make cycles
    gc.collect()
    notice = parse_file(path)
    del notice
    assert gc.collect() == 0


def test_parse_keeps_objects_the_program_froze_frozen() -> None:
    import gc

    from policyparse.pipeline import parse

    was = gc.isenabled()
    try:
        gc.enable()
        mine = [[] for _ in range(10)]
        gc.freeze()
        frozen = gc.get_freeze_count()
        assert frozen >= len(mine)
        parse(SNIPPETS[0])
        assert gc.get_freeze_count() == frozen
        assert gc.isenabled()
    finally:
        gc.unfreeze()
        (gc.enable if was else gc.disable)()


def test_no_collection_walks_what_a_parse_made() -> None:
    # What the parse made is filed in the oldest generation when the collector comes back on
    # (the freeze and unfreeze), so no young collection starts to walk it on the way out.
    import gc

    from policyparse.pipeline import parse

    text = ROOT.joinpath("samples", "001_5966647806739c09.txt").read_text(encoding="utf-8")
    started: list[int] = []

    def note(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started.append(info["generation"])

    was = gc.isenabled()
    gc.enable()
    gc.collect()  # young counts at zero: nothing before the parse is due a collection
    gc.callbacks.append(note)
    try:
        notice = parse(text)
    finally:
        gc.callbacks.remove(note)
        (gc.enable if was else gc.disable)()
    assert started == []
    assert len(notice.assignments) > 50  # the parse did make objects by the thousand


# --- responsibility clauses (assignments, orgunits) -------------------------------------------

BRACKET_SNIPPETS = [
    "(市发展改革委牵头,市财政局、市商务局配合)(承担应急抢险任务的车辆除外)",
    "〔责任单位:市科技局(高新区)〕【牵头单位:市商务局;配合单位:市财政局】",
    "(外层(内层)尾〕仍在外层)文字[方括号)不配]",
    "(未闭合\n\n下一段)(跨段(内\n\n外))",
    "(" + "长" * 900 + ")(短)",
    "(各地级以上市人民政府结合实际落实) ( \t责任单位:区政府;)",
    "(由市教育局负责。)(市卫健委、市体育局按职责分工负责、)()",
    "(\n;)( 、)(负责 )(\t)(责任单位 :市财政局)[" + "旁" * 850 + "]",
    "说明(市统计局负责\n\n)末尾(",
]


def _corpus_all() -> list[str]:
    """The snippets above, then the samples, pages and test corpus, normalised."""
    return [normalize(t).text for t in BRACKET_SNIPPETS] + normalized_notices()


@pytest.mark.parametrize("text", _corpus_all())
def test_bracket_scan_gives_the_walks_closers_and_passes_only_asides(text: str) -> None:
    from policyparse.assignments import BRACKET_LIMIT, _matching_close, _parse_content, _unclosed

    labels = _Labels(text)
    found = []
    for m in BRACKET_SCAN.finditer(text):
        if m.start(1) < 0:
            assert m.end() == len(text)  # the scan ends only at the end of the text
            break
        found.append(m.span(1))
    openers = [m.start() for m in rl.BRACKET_OPEN.finditer(text)]
    starts = [s for s, _ in found]
    assert starts == [o for o in openers if o in set(starts)]  # openers, in order
    for s, e in found:
        if e - s > 1:  # a whole pair: where the walk stops, if within the limit
            assert _matching_close(text, s) == (e - 1 if e - 1 - s < BRACKET_LIMIT else None)
        else:
            assert text[s] in rl.OPEN_CLOSE
    # An opener passed over gives no clause, read the long way.
    for o in set(openers) - set(starts):
        close = _matching_close(text, o)
        if close is None:
            assert _unclosed(text, o, labels) is None
        else:
            assert _parse_content(text, o + 1, close, labels) == []
            assert _parse_content_unskipped(text, o + 1, close, labels) == []


def _parse_content_unskipped(text: str, start: int, end: int, labels: _Labels) -> list[object]:
    """``_parse_content`` without the shortcut that skips asides by their last character."""
    from policyparse.assignments import _labelled_parts, _unlabelled_parts

    lead = start
    while lead < end and text[lead] in " \t\n":
        lead += 1
    inside = labels.inside(lead, end)
    if inside and labels.starts[inside[0]] == lead:
        return list(_labelled_parts(text, labels, inside, end))
    if inside:
        return []
    return list(_unlabelled_parts(text, lead, end))


@pytest.mark.parametrize("text", _corpus_all())
def test_skipping_asides_changes_no_bracket(text: str) -> None:
    from policyparse.assignments import _matching_close, _parse_content

    labels = _Labels(text)
    for m in rl.BRACKET_OPEN.finditer(text):
        close = _matching_close(text, m.start())
        if close is not None:
            expected = _parse_content_unskipped(text, m.start() + 1, close, labels)
            assert _parse_content(text, m.start() + 1, close, labels) == expected


def _cut_slow(unit: str) -> str:
    return str(rl.TRAILING_ETC.sub("", rl.TRAILING_VERB.sub("", unit)))


CUT_SNIPPETS = [
    "市科技局按职责分工负责", "市商务局牵头", "苏州海关等", "市财政局等有关部门", "各区政府按照职责分工",
    "市教育局负责实施", "市卫健委结合实际落实", "等", "牵头", "", "市统计局\n", "市体育局牵头\n", "市文旅局等其他",
]


@pytest.mark.parametrize("text", [*CUT_SNIPPETS, *_corpus()])
def test_cut_trailing_last_character_gate_changes_nothing(text: str) -> None:
    from policyparse.orgunits import cut_trailing

    # Every string ending at every place of the text, and every snippet whole.
    ends = [text] if text in CUT_SNIPPETS else [text[max(0, i - 14) : i] for i in range(len(text) + 1)]
    for s in ends:
        assert cut_trailing.__wrapped__(s) == _cut_slow(s)


FLAT_BODIES = [
    "各区、县(市)政府,市财政局(含扶贫)、市商务局",
    "《规划》、c(d,e)f;g〔h、i〕",
    "相关区、县〔市〕政府 市委、市政府(办公室)",
    "市科技局(市知识产权局)、“市外办”,‘x’;【y】",
    "(、,)、(  )",
]


@pytest.mark.parametrize("text", [*FLAT_BODIES, *_corpus()])
def test_flat_pair_list_split_is_the_character_walk(text: str) -> None:
    from policyparse.lexicon import orgunits as olx
    from policyparse.orgunits import _inside_brackets

    # Whole snippets; in a text, a window from every opener and every line.
    openers = regex.finditer(r"[(〔“《【\[‘]", text)
    bodies = [text] if text in FLAT_BODIES else [text[m.start() : m.start() + 60] for m in openers]
    for body in [*bodies, *text.split("\n")]:
        if olx.FLAT_PAIRS.fullmatch(body):
            assert _split_plain(body, olx.LIST_ITEM_PAIRED) == _split_walk(body, _inside_brackets(body))


def test_flat_pairs_are_only_flat_pairs() -> None:
    from policyparse.lexicon import orgunits as olx

    flat = ["", "abc", "a(b)c“d”", "(,、;)"]
    not_flat = ["a(b", "a)b", "(a(b)c)", "(a〕", "“a《b》c”", "a”"]
    assert all(olx.FLAT_PAIRS.fullmatch(s) for s in flat)
    assert not any(olx.FLAT_PAIRS.fullmatch(s) for s in not_flat)


PLACE_EDGES = ["丰台区、文化市场", "濮阳市", "区县", "市", "", "xx区政府", "西安市碑林区人民政府,全省级"]


@pytest.mark.parametrize("text", PLACE_EDGES)
def test_place_index_agrees_at_the_start_of_the_text(text: str) -> None:
    places = _places(text)
    heads = {text[i : i + k] for k in (2, 3) for i in range(len(text) - k + 1)}
    assert {h for h in heads if _occurs_as_place(text, h)} == places & heads


def _understand_reference(
    units: list[str], groups: list[int], fallback: str | None, names_place: Callable[[str], bool]
) -> list[str]:
    """``understand`` as first written: every test made afresh for every unit of every list."""
    from policyparse.lexicon import orgunits as olx
    from policyparse.orgunits import prefix_of

    out = list(units)
    last_of = {g: k for k, g in enumerate(groups)}
    for k, (u, g) in enumerate(zip(units, groups, strict=True)):
        m = olx.SHARED_SUFFIX.search(units[last_of[g]])
        suffix = m.group() if m and m.start() != 0 else None
        if suffix is None or k == last_of[g] or olx.ORG_SUFFIX.search(u) or olx.JOINT_LEVELS.fullmatch(u):
            continue
        if olx.TAKES_SUFFIX.search(u) or suffix.endswith("部门"):
            out[k] = u + suffix
    prefixes = [prefix_of(u) for u in out]
    fulls = list(out)
    for k, u in enumerate(out):
        plain = not (
            prefixes[k] is not None
            or olx.GENERIC_START.match(u)
            or olx.NATIONAL_START.match(u)
            or olx.NAMED_PLACE.match(u)
            or olx.NO_PREFIX.search(u)
            or not olx.ORG_SUFFIX.search(u)
            or names_place(u)
        )
        if not plain:
            continue
        p = next((prefixes[j] for j in range(k - 1, -1, -1) if prefixes[j]), None)
        p = p or next((prefixes[j] for j in range(k + 1, len(out)) if prefixes[j]), None) or fallback
        if p is not None:
            fulls[k] = p + u
    return fulls


@pytest.mark.parametrize("text", [*LIST_BODIES, *FLAT_BODIES, *_corpus()])
def test_understand_with_memoised_tests_is_the_reference(text: str) -> None:
    from policyparse.orgunits import cut_trailing, place_namer, split_units, understand

    names_place = place_namer(text)
    # Every line of the text read as a list; each with and without a fallback prefix.
    for body in text.split("\n"):
        pieces, _ = split_units(body[:120])
        units = [cut_trailing(p.text) for p in pieces]
        units = [u for u in units if u]
        groups = [p.group for p, u in zip(pieces, [cut_trailing(p.text) for p in pieces], strict=True) if u]
        for fallback in (None, "市"):
            got = understand(units, groups, fallback_prefix=fallback, names_place=names_place)
            assert got == _understand_reference(units, groups, fallback, names_place)


def test_empty_cell_first_character_gate_takes_in_every_opening() -> None:
    # Every character EMPTY_CELL lets a cell open with passes the gate in ``_units_of``.
    opening = {c for c in map(chr, range(0x10000)) if rl.EMPTY_CELL.match(c)}
    assert all(c in rl.EMPTY_CELL_FIRST or c.isspace() for c in opening)
    assert "—" in opening and "市" not in opening


# --- one validation call per list (models.validate_list) -----------------------------------

VALIDATE_LIST_CASES = [
    ("Span", [{"start": 0, "end": 3}, {"start": 5, "end": 5}]),
    ("DocNumber", [{"text": "市政办发〔2017〕109号", "normalized": "市政办发〔2017〕109号", "agency": "市政办发",
                    "year": 2017, "serial": "109", "span": {"start": 10, "end": 24}}]),
    ("Phase", [{"path": "二/(二)", "name": "启动建设阶段", "start": "2017", "end": "2017",
                "text": "启动建设阶段(2017年)", "span": {"start": 3, "end": 16}}]),
]


@pytest.mark.parametrize(("name", "records"), VALIDATE_LIST_CASES, ids=[c[0] for c in VALIDATE_LIST_CASES])
def test_validate_list_is_model_validate_of_each(name: str, records: list[dict[str, object]]) -> None:
    import policyparse.models as models

    model = getattr(models, name)
    assert models.validate_list(model, records) == [model.model_validate(r) for r in records]


@pytest.mark.parametrize(
    "bad",
    [
        {"start": -1, "end": 3},  # a field's constraint
        {"start": "0", "end": 3},  # strict: no str → int
        {"start": 0, "end": 3, "extra": 1},  # closed to unknown fields
    ],
)
def test_validate_list_keeps_the_models_checks(bad: dict[str, object]) -> None:
    from pydantic import ValidationError

    from policyparse.models import Span, validate_list

    with pytest.raises(ValidationError):
        validate_list(Span, [{"start": 0, "end": 1}, bad])
