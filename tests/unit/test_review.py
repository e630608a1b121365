"""The review and overview pages, without a browser: markup, counts, self-containment, CLI."""

from __future__ import annotations

import json
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

import lxml.html
import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from policyparse.cli import main
from policyparse.lexicon.review import RECORD_KIND
from policyparse.models import (
    Assignment,
    Attachment,
    DateMention,
    DocNumber,
    Notice,
    Phase,
    Reference,
    Span,
    Target,
)
from policyparse.overview import Corpus, overview_html, read_corpus
from policyparse.pipeline import parse_file
from policyparse.review import Mark, nest, page, render_marked, review_html, xml_safe

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))
HTML_SAMPLES = sorted((ROOT / "samples" / "html").glob("*.html"))
CORPUS = sorted(p for p in (ROOT / "tests" / "corpus").iterdir() if p.suffix in (".txt", ".md", ".html")
                and p.stem != "SOURCES")
RICH_SAMPLE = ROOT / "samples" / "000_71d538c51c316347.txt"

# ---------------------------------------------------------------- helpers shared with the browser tests

_CLAUSE = regex.compile(r"(?P<label>牵头单位|责任单位|配合单位)[:：](?P<units>[^;;\n〕]+)")
_ROLE = {"牵头单位": "lead", "责任单位": "responsible", "配合单位": "cooperating"}
_TITLE = regex.compile(r"《(?P<title>[^《》\n]{2,80})》")
_PHASE = regex.compile(r"(?P<name>[\p{Han}]{2,6}阶段)\((?P<year>\d{4})年\)")
_DOCNO = regex.compile(r"(?P<agency>[\p{Han}]{1,8})〔(?P<year>\d{4})〕(?P<serial>\d{1,4})号")
_DATE = regex.compile(r"(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日")


def rich_notice(path: Path = RICH_SAMPLE) -> Notice:
    """A real sample's parse with every list filled from the text by simple patterns.

    The extractors are written elsewhere; the page must show whatever they produce, so the
    tests give it items on real text (clauses with many units, references, phases, a target
    inside a phase line) independently of how good those extractors are today.
    """
    base = parse_file(path)
    text = base.text
    assignments: list[Assignment] = []
    for m in _CLAUSE.finditer(text):
        role = _ROLE[m["label"]]
        pos = m.start("units")
        for unit in regex.split(r"[、,,]", m["units"]):
            start = text.index(unit, pos)
            pos = start + len(unit)
            if unit.strip():
                assignments.append(Assignment(
                    path=None, role=role, unit=unit, full=unit, clause=m[0],  # type: ignore[arg-type]
                    span=Span(start=start, end=pos), clause_span=Span(start=m.start(), end=m.end())))
    references = [Reference(title=m["title"], span=Span(start=m.start(), end=m.end()))
                  for m in _TITLE.finditer(text)]
    phases = [Phase(path=None, name=m["name"], start=m["year"], end=m["year"], text=m[0],
                    span=Span(start=m.start(), end=m.end())) for m in _PHASE.finditer(text)]
    numbers = [DocNumber(text=m[0], normalized=m[0], agency=m["agency"], year=int(m["year"]),
                         serial=m["serial"], span=Span(start=m.start(), end=m.end()))
               for m in _DOCNO.finditer(text)]
    dates = [DateMention(text=m[0], precision="day", value=f"{m['y']}-{int(m['m']):02d}-{int(m['d']):02d}",
                         span=Span(start=m.start(), end=m.end())) for m in _DATE.finditer(text)]
    targets: list[Target] = []
    for phrase, value, unit in (("全市万人发明专利拥有量超过30件", "30", "件"),
                                ("启动建设阶段(2017年)", "2017", "年")):
        start = text.find(phrase)
        if start < 0:
            continue
        v = text.index(value, start)
        targets.append(Target(path=None, metric=phrase[:6], comparator=">", value=Decimal(value), unit=unit,
                              value_text=value, deadline="2019", deadline_source="sentence", text=phrase,
                              span=Span(start=start, end=start + len(phrase)),
                              value_span=Span(start=v, end=v + len(value))))
    first_line_end = text.index("\n")
    attachments = [Attachment(number=1, title=text[:first_line_end], span=Span(start=0, end=first_line_end))]
    return base.model_copy(update={
        "assignments": assignments, "references": references, "phases": phases, "doc_numbers": numbers,
        "dates": dates, "targets": targets, "attachments": attachments,
        "warnings": ["a clause that could not be attached"],
    })


def highlight_counts(doc: Any) -> Counter[str]:
    """Items highlighted per kind: the first piece of each item carries its id."""
    return Counter(e.get("data-kind") for e in doc.get_element_by_id("text").iter("span")
                   if e.get("id") and e.get("data-kind"))


def expected_counts(notice: Notice) -> dict[str, int]:
    records = notice.to_records()
    return {kind: len(records[key]) for key, kind in RECORD_KIND.items()}


# ---------------------------------------------------------------- the nesting algorithm


def brackets(text: str, marks: list[Mark]) -> str:
    """The nested pieces in a compact notation: ``[kind:text]``, ``[kind+:…]`` for a continuation."""

    def show(pieces: list[Any], pos: int, end: int) -> str:
        out = []
        for p in pieces:
            out.append(text[pos:p.start])
            plus = "" if p.first else "+"
            out.append(f"[{p.mark.ident}{plus}:{show(p.children, p.start, p.end)}]")
            pos = p.end
        out.append(text[pos:end])
        return "".join(out)

    return show(nest(marks, len(text)), 0, len(text))


def m(ident: str, start: int, end: int, kind: str | None = None) -> Mark:
    return Mark(start, end, kind or ident, ident)


NEST_CASES = [
    ("disjoint", "abcdef", [m("x", 1, 3), m("y", 4, 5)], "a[x:bc]d[y:e]f"),
    ("contained", "abcdef", [m("y", 2, 4), m("x", 0, 6)], "[x:ab[y:cd]ef]"),
    ("crossing: the later one is cut at the earlier one's end", "abcdef",
     [m("x", 0, 4), m("y", 2, 6)], "[x:ab[y:cd]][y+:ef]"),
    ("same span: the outer kind wraps", "abc",
     [m("u", 0, 3, "assignment"), m("s", 0, 3, "section")], "[s:[u:abc]]"),
    ("same span, same kind: both kept, nested", "abc", [m("a", 0, 3), m("b", 0, 3, "a")], "[a:[b:abc]]"),
    ("unit in a clause in a heading", "一、任务(责任单位:市科技局、市财政局)",
     [m("u1", 10, 14, "assignment"), m("c", 5, 19, "clause"), m("h", 0, 20, "section"),
      m("u2", 15, 19, "assignment")],
     "[h:一、任务([c:责任单位:[u1:市科技局]、[u2:市财政局]])]"),
    ("chain of three crossings", "abcdef", [m("a", 0, 3), m("b", 2, 5), m("c", 4, 6)],
     "[a:ab[b:c]][b+:d[c:e]][c+:f]"),
    ("a cut mark's remainder wraps a shorter mark starting there", "abcdefgh",
     [m("p", 0, 3), m("q", 3, 6), m("r", 1, 8)], "[p:a[r:bc]][r+:[q:def]gh]"),
    ("empty span", "abcdef", [m("x", 2, 2)], "ab[x:]cdef"),
    ("empty span at a mark's end stays outside it", "abcdef", [m("x", 0, 2), m("y", 2, 2)], "[x:ab][y:]cdef"),
    ("end past the text is clamped", "abcdef", [m("x", 4, 99)], "abcd[x:ef]"),
    ("start after end is clamped to empty", "abcdef", [m("x", 5, 3)], "abcde[x:]f"),
    ("no marks", "abc", [], "abc"),
    ("empty text", "", [m("x", 0, 3)], "[x:]"),
]


@pytest.mark.parametrize(("text", "marks", "expected"), [c[1:] for c in NEST_CASES],
                         ids=[c[0] for c in NEST_CASES])
def test_nest(text: str, marks: list[Mark], expected: str) -> None:
    assert brackets(text, marks) == expected


KINDS = ["section", "clause", "target", "value", "assignment", "reference", "date", "x"]


@st.composite
def text_and_marks(draw: st.DrawFn) -> tuple[str, list[Mark]]:
    text = draw(st.text(alphabet=st.sampled_from("ab、市局\n\r\t\x00\x0c😀"), max_size=30)
                | st.text(max_size=30))
    n = len(text)
    marks = []
    for i in range(draw(st.integers(0, 12))):
        start = draw(st.integers(0, n + 2))
        end = draw(st.integers(0, n + 2))
        marks.append(Mark(start, end, draw(st.sampled_from(KINDS)), f"m{i}"))
    return text, marks


@settings(max_examples=300, deadline=None)
@given(text_and_marks())
def test_markup_is_well_formed_and_keeps_the_text(case: tuple[str, list[Mark]]) -> None:
    text, marks = case
    container = render_marked(text, marks, lxml.html.Element("div", id="text"))
    # Round trip through the serialiser and an HTML parser, as a browser would read it.
    doc = lxml.html.document_fromstring(page("t", "", container))
    box = doc.get_element_by_id("text")
    safe = xml_safe(text)
    assert box.text_content() == safe
    firsts = Counter(e.get("id") for e in box.iter("span") if e.get("id"))
    assert firsts == Counter(mk.ident for mk in marks)
    for mk in marks:
        start = min(max(mk.start, 0), len(safe))
        end = min(max(mk.end, start), len(safe))
        pieces = [e for e in box.iter("span") if e.get("data-item") == mk.ident]
        assert "".join(e.text_content() for e in pieces) == safe[start:end]
        assert pieces[0].get("id") == mk.ident
        assert all(e.get("data-cont") == "1" for e in pieces[1:])


@given(st.text(max_size=40))
def test_xml_safe_keeps_length(text: str) -> None:
    assert len(xml_safe(text)) == len(text)


@st.composite
def notices(draw: st.DrawFn) -> Notice:
    text = draw(st.text(alphabet=st.sampled_from("一、市局单位:\n\r《》"), max_size=40))
    n = len(text)

    def span() -> Span:
        a, b = sorted((draw(st.integers(0, n)), draw(st.integers(0, n))))
        return Span(start=a, end=b)

    def units() -> list[Assignment]:
        out = []
        for _ in range(draw(st.integers(0, 4))):
            role = draw(st.sampled_from(["lead", "responsible", "cooperating"]))
            out.append(Assignment(path=None, role=role, unit="u", full="u", clause="c", span=span(),
                                  clause_span=span()))
        return out

    return Notice(
        source=None, text=text, title=None, doc_number=None, issuer=None, issue_date=None,
        assignments=units(),
        references=[Reference(title="t", span=span()) for _ in range(draw(st.integers(0, 3)))],
        phases=[Phase(path=None, name="p", start=None, end=None, text="p", span=span())
                for _ in range(draw(st.integers(0, 3)))],
        attachments=[Attachment(title="a", span=span()) for _ in range(draw(st.integers(0, 3)))],
    )


@settings(max_examples=100, deadline=None)
@given(notices())
def test_any_notice_page_highlights_every_record(notice: Notice) -> None:
    doc = lxml.html.document_fromstring(review_html(notice))
    assert doc.get_element_by_id("text").text_content() == notice.text
    counts = highlight_counts(doc)
    assert {k: counts[k] for k in RECORD_KIND.values()} == expected_counts(notice)


# ---------------------------------------------------------------- the review page


def _page(notice: Notice) -> Any:
    return lxml.html.document_fromstring(review_html(notice))


def assert_self_contained(doc: Any) -> None:
    for e in doc.iter():
        if not isinstance(e.tag, str):
            continue
        for attr in ("src", "href", "action", "data", "poster"):
            value = (e.get(attr) or "").strip().lower()
            assert not value.startswith(("http:", "https:", "//", "file:", "ftp:")), (e.tag, attr, value)
            if attr == "href" and value:
                assert value.startswith("#"), value
        assert e.tag not in ("link", "iframe", "object", "embed", "img")
        if e.tag == "script":
            assert not e.get("src")
    for style in doc.iter("style"):
        css = style.text or ""
        assert "@import" not in css
        assert "url(" not in css
        assert "@font-face" not in css


PAGES = [*SAMPLES, *HTML_SAMPLES, *CORPUS]


@pytest.mark.parametrize("path", PAGES, ids=[p.stem[:40] for p in PAGES])
def test_sample_page_highlights_every_record(path: Path) -> None:
    notice = parse_file(path)
    doc = _page(notice)
    assert doc.get_element_by_id("text").text_content() == notice.text
    counts = highlight_counts(doc)
    assert {k: counts[k] for k in RECORD_KIND.values()} == expected_counts(notice)
    assert_self_contained(doc)


def test_rich_notice_page_highlights_every_item() -> None:
    notice = rich_notice()
    expected = expected_counts(notice)
    # Make sure this test exercises every kind, whatever the extractors produce today.
    assert all(expected[k] for k in ("section", "assignment", "target", "reference", "phase", "attachment"))
    doc = _page(notice)
    assert doc.get_element_by_id("text").text_content() == notice.text
    counts = highlight_counts(doc)
    assert {k: counts[k] for k in RECORD_KIND.values()} == expected
    assert counts["docnumber"] == len(notice.doc_numbers)
    assert counts["date"] == len(notice.dates)
    assert counts["value"] == len(notice.targets)
    assert counts["clause"] == len({(a.clause_span.start, a.clause_span.end) for a in notice.assignments})
    assert_self_contained(doc)


def test_units_carry_their_role_and_the_legend_names_all_roles() -> None:
    notice = rich_notice()
    doc = _page(notice)
    units = [e for e in doc.get_element_by_id("text").iter("span")
             if e.get("data-kind") == "assignment" and e.get("id")]
    assert [e.get("data-role") for e in units] == [a.role for a in notice.assignments]
    assert all(f"role-{e.get('data-role')}" in e.get("class").split() for e in units)
    legend = " ".join(e.text_content() for e in doc.find_class("legend"))
    for word in ("lead", "responsible", "cooperating"):
        assert word in legend


def test_unit_sits_inside_its_clause() -> None:
    doc = _page(rich_notice())
    unit = doc.get_element_by_id("assignment-0")
    assert any(a.get("data-kind") == "clause" for a in unit.iterancestors("span"))


def test_target_hover_note_gives_value_comparator_and_deadline() -> None:
    doc = _page(rich_notice())
    note = doc.get_element_by_id("target-0").get("title")
    assert "> 30 件" in note
    assert "2019" in note


def test_outline_and_table_links_point_at_highlights() -> None:
    notice = rich_notice()
    doc = _page(notice)
    ids = {e.get("id") for e in doc.iter() if isinstance(e.tag, str) and e.get("id")}
    links = [a.get("href") for a in doc.get_element_by_id("side").iter("a")]
    outline = [a.get("href") for a in doc.get_element_by_id("outline").iter("a")]
    assert len(outline) == len(list(notice.iter_sections()))
    assert len(links) >= len(outline) + len(notice.targets) + len(notice.assignments)
    assert all(h.startswith("#") and h[1:] in ids for h in links)
    first = doc.get_element_by_id(outline[0][1:])
    assert first.get("data-kind") == "section"


def test_warnings_are_listed_at_the_top() -> None:
    notice = rich_notice()
    doc = _page(notice)
    warnings = doc.get_element_by_id("warnings").text_content()
    assert "a clause that could not be attached" in warnings


def test_out_of_range_span_is_shown_clamped_with_a_warning() -> None:
    notice = parse_file(RICH_SAMPLE)
    n = len(notice.text)
    bad = Reference(title="x", span=Span(start=n - 2, end=n + 5))
    doc = _page(notice.model_copy(update={"references": [bad]}))
    assert doc.get_element_by_id("reference-0").text_content() == notice.text[n - 2:]
    assert "outside the text" in doc.get_element_by_id("warnings").text_content()


def test_control_characters_and_crlf_survive() -> None:
    text = "一、总则\r\n第一条\x0c内容\x00。"
    notice = Notice(source=None, text=text, title=None, doc_number=None, issuer=None, issue_date=None)
    html = review_html(notice)
    box = lxml.html.document_fromstring(html).get_element_by_id("text")
    assert box.text_content() == text.replace("\x0c", "\ufffd").replace("\x00", "\ufffd")
    assert "&#13;" in html


# ---------------------------------------------------------------- the overview page


def _write_notices(folder: Path, notices: list[Notice]) -> None:
    (folder / "json").mkdir(parents=True)
    for i, n in enumerate(notices):
        (folder / "json" / f"{i:03d}.json").write_text(n.model_dump_json(), encoding="utf-8")


def _table_rows(doc: Any, cls: str) -> list[list[str]]:
    (tbl,) = doc.find_class(cls)
    return [[td.text_content() for td in tr.iter("td")] for tr in tbl.iter("tr") if tr.find("td") is not None]


def test_overview_from_notice_json(tmp_path: Path) -> None:
    rich = rich_notice()
    _write_notices(tmp_path, [rich, rich])
    (tmp_path / "json" / "broken.json").write_text("{", encoding="utf-8")
    corpus = read_corpus(tmp_path)
    assert corpus.notices == 2
    assert len(corpus.problems) == 1
    doc = lxml.html.document_fromstring(overview_html(corpus))
    assert_self_contained(doc)
    top_unit = Counter(a.full for a in rich.assignments).most_common(1)[0]
    units = _table_rows(doc, "units")
    assert units[0][:3] == [top_unit[0], str(2 * top_unit[1]), "2"]
    due = _table_rows(doc, "due")
    assert due == [["2019", str(2 * len(rich.targets))]]
    cited = dict((r[0], r[2]) for r in _table_rows(doc, "cited"))
    assert all(cited[f"《{r.title}》"] == "2" for r in rich.references)
    assert len(list(doc.iter("svg"))) == 5
    assert "broken.json" in doc.get_element_by_id("warnings").text_content()


def test_overview_from_records_and_from_input_notices(tmp_path: Path) -> None:
    records = tmp_path / "records"
    records.mkdir()
    (records / "a.json").write_text(json.dumps({
        "source": "a.txt", "title": None, "doc_number": "市政办发〔2017〕109号", "issuer": None,
        "issue_date": None, "sections": [], "targets": [{"deadline": "2020-06"}],
        "assignments": [{"path": None, "role": "lead", "unit": "市科技局", "full": "市科技局"}],
        "references": [{"title": None, "doc_number": "国发〔2015〕1号"}], "phases": [], "attachments": [],
    }, ensure_ascii=False), encoding="utf-8")
    corpus = read_corpus(records)
    assert corpus.by_issuer_year == Counter({("(unknown)", "2017"): 1})
    assert corpus.targets_due == Counter({"2020": 1})
    assert corpus.cited == Counter({"国发〔2015〕1号": 1})

    inputs = tmp_path / "inputs"
    inputs.mkdir()
    for p in SAMPLES[:2]:
        (inputs / p.name).write_bytes(p.read_bytes())
    corpus = read_corpus(inputs)
    assert corpus.notices == 2
    assert not corpus.problems


def test_overview_from_duckdb(tmp_path: Path) -> None:
    duckdb = pytest.importorskip("duckdb")
    db = tmp_path / "notices.duckdb"
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE notices (notice_id VARCHAR, issuer VARCHAR, issue_date DATE,"
                " doc_number VARCHAR)")
    con.execute("INSERT INTO notices VALUES ('a', '西安市人民政府', DATE '2017-11-24', NULL),"
                " ('b', '西安市人民政府', DATE '2018-01-02', NULL)")
    con.execute("CREATE TABLE assignments (notice_id VARCHAR, role VARCHAR, unit VARCHAR, \"full\" VARCHAR)")
    con.execute("INSERT INTO assignments VALUES ('a', 'lead', '科技局', '市科技局'),"
                " ('b', 'lead', '科技局', '市科技局')")
    con.execute("CREATE TABLE targets (notice_id VARCHAR, deadline VARCHAR)")
    con.execute("INSERT INTO targets VALUES ('a', '2019'), ('b', NULL)")
    con.close()
    corpus = read_corpus(db)
    assert corpus.by_issuer_year == Counter({("西安市人民政府", "2017"): 1, ("西安市人民政府", "2018"): 1})
    assert corpus.unit_assignments == Counter({"市科技局": 2})
    assert corpus.targets_due == Counter({"2019": 1, "(none)": 1})
    assert corpus.cited == Counter()


def test_overview_agrees_between_json_and_the_batch_duckdb(tmp_path: Path) -> None:
    pytest.importorskip("duckdb")
    pytest.importorskip("pyarrow")
    try:
        from policyparse.tables import build_duckdb, notice_rows, write_part
    except ImportError as exc:  # the batch tables are optional
        pytest.skip(f"policyparse.tables is not usable: {exc}")
    notices = [rich_notice(), parse_file(SAMPLES[1])]
    rows: dict[str, list[dict[str, Any]]] = {}
    for n in notices:
        for table_name, table_rows in notice_rows(n).items():
            rows.setdefault(table_name, []).extend(table_rows)
    write_part(tmp_path / "parts", "p0", rows)
    build_duckdb(tmp_path / "parts", tmp_path / "notices.duckdb")
    _write_notices(tmp_path / "out", notices)
    from_db = read_corpus(tmp_path / "notices.duckdb")
    from_json = read_corpus(tmp_path / "out")
    assert from_db.notices == from_json.notices == 2
    counted = ("by_issuer_year", "unit_assignments", "unit_notices", "targets_due", "cited", "cited_notices")
    for attr in counted:
        assert getattr(from_db, attr) == getattr(from_json, attr), attr


def test_overview_from_jsonl_and_batch_errors(tmp_path: Path) -> None:
    rich = rich_notice()
    jsonl = tmp_path / "all.jsonl"
    jsonl.write_text(rich.model_dump_json() + "\n\nnot json\n", encoding="utf-8")
    corpus = read_corpus(jsonl)
    assert corpus.notices == 1
    assert [p.split(":")[0] for p in corpus.problems] == ["line 3"]
    _write_notices(tmp_path / "batch", [rich])
    (tmp_path / "batch" / "errors.jsonl").write_text(
        json.dumps({"source": "in/bad.txt", "error": "DecodeError", "message": "not text"}) + "\n",
        encoding="utf-8")
    corpus = read_corpus(tmp_path / "batch")
    assert corpus.notices == 1
    assert corpus.problems == ["in/bad.txt: not converted (not text)"]


def test_corpus_folder_documentation_is_not_a_notice(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# 说明\n", encoding="utf-8")
    (tmp_path / "a.txt").write_bytes(SAMPLES[0].read_bytes())
    assert read_corpus(tmp_path).notices == 1


def test_empty_corpus_page_still_renders() -> None:
    doc = lxml.html.document_fromstring(overview_html(Corpus(source="nothing")))
    assert "0 notices" in doc.text_content()
    assert not list(doc.iter("svg"))


# ---------------------------------------------------------------- command line


def test_cli_review_writes_the_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "sub" / "page.html"
    assert main(["review", str(RICH_SAMPLE), "--out", str(out)]) == 0
    doc = lxml.html.document_fromstring(out.read_text(encoding="utf-8"))
    assert doc.get_element_by_id("text").text_content() == RICH_SAMPLE.read_text(encoding="utf-8")
    assert capsys.readouterr().out.strip() == str(out)


@pytest.mark.parametrize("name", ["missing.txt", "folder.txt", "binary.txt", "page.pdf"])
def test_cli_review_reports_one_line_for_an_unreadable_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    (tmp_path / "folder.txt").mkdir()
    (tmp_path / "binary.txt").write_bytes(b"\x00\xff\xfe\x01" * 200)
    (tmp_path / "page.pdf").write_bytes(b"%PDF-1.4")
    out = tmp_path / "page.html"
    assert main(["review", str(tmp_path / name), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith(f"policyparse: {tmp_path / name}: ")
    assert not out.exists()


def test_cli_overview(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _write_notices(tmp_path / "corpus", [rich_notice()])
    out = tmp_path / "overview.html"
    assert main(["overview", str(tmp_path / "corpus"), "--out", str(out)]) == 0
    assert "1 notices" in lxml.html.document_fromstring(out.read_text(encoding="utf-8")).text_content()
    assert main(["overview", str(tmp_path / "nope"), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no such file or folder" in err
