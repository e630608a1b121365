"""Notice → table rows, Parquet parts and the DuckDB file with its citations view."""

from __future__ import annotations

import hashlib
import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from policyparse.models import (
    Assignment,
    Attachment,
    DocNumber,
    Incentive,
    Notice,
    Phase,
    Reference,
    Section,
    Span,
    Target,
)
from policyparse.pipeline import parse_file
from policyparse.tables import (
    COLUMNS,
    RECORD_LISTS,
    TABLES,
    build_duckdb,
    doc_key,
    drop_notices,
    notice_id,
    notice_rows,
    plan_titles,
    text_hash,
    title_key,
    to_arrow,
    write_part,
)

pytest.importorskip("pyarrow")
pytest.importorskip("duckdb")

ROOT = Path(__file__).resolve().parents[2]


def sp(a: int, b: int) -> Span:
    return Span(start=a, end=b)


def dn(normalized: str, agency: str, year: int, serial: str) -> DocNumber:
    return DocNumber(text=normalized, normalized=normalized, agency=agency, year=year, serial=serial,
                     span=sp(0, len(normalized)))


def section(path: str, marker: str, kind: str, number: int, level: int, children: list[Section]) -> Section:
    return Section(path=path, marker=marker, kind=kind, number=number, level=level, title=f"标题{path}",
                   heading=sp(0, 4), span=sp(0, 10), children=children)


def make_notice(source: str, title: str, number: DocNumber | None, refs: list[Reference]) -> Notice:
    text = f"{title}\n一、总体要求\n(一)目标。到2025年,建成示范园区3个。\n"
    return Notice(
        source=source, text=text, title=title, title_span=sp(0, len(title)), doc_number=number,
        issuer="某市人民政府", issue_date=None, metadata={"索引号": "000/2020-1"},
        sections=[section("一", "一", "han", 1, 1, [section("一/(一)", "(一)", "paren_han", 1, 2, [])]),
                  section("二", "二", "han", 2, 1, [])],
        targets=[Target(path="一/(一)", metric="示范园区", comparator=">=", value=Decimal("3"), unit="个",
                        value_text="3个", deadline="2025", deadline_source="sentence", text="建成示范园区3个",
                        span=sp(20, 28), value_span=sp(26, 28))],
        incentives=[Incentive(path="二", amount=Decimal("5E+5"), unit="元", amount_text="50万元", cap=True,
                              purpose="奖励", text="最高奖励50万元", span=sp(30, 38))],
        assignments=[Assignment(path="一", role="lead", unit="市发改委", full="市发改委",
                                clause="市发改委牵头", span=sp(40, 44), clause_span=sp(40, 46)),
                     Assignment(path="一", role="cooperating", unit="市财政局", full="市财政局",
                                clause="市财政局配合", span=sp(47, 51), clause_span=sp(47, 53))],
        references=refs,
        phases=[Phase(path="二", name="启动阶段", start="2020-01", end="2020-06", text="启动阶段",
                      span=sp(1, 5))],
        attachments=[Attachment(number=1, title="任务分工表", span=sp(2, 7))],
    )


def test_row_counts_equal_the_records() -> None:
    own = dn("某政发〔2020〕1号", "某政发", 2020, "1")
    n = make_notice("a.txt", "某市人民政府关于印发某市工作方案的通知", own,
                    [Reference(title="国家方案", doc_number=None, span=sp(3, 8))])
    rows = notice_rows(n)
    records = n.to_records()
    for table, key in RECORD_LISTS.items():
        assert len(rows[table]) == len(records[key]), table
    assert len(rows["notices"]) == 1 and len(rows["incentives"]) == 1
    nid = notice_id("a.txt", n.text)
    assert {r["notice_id"] for t in TABLES for r in rows[t]} == {nid}
    for t in TABLES:  # every row has exactly the table's columns
        assert all(list(r) == [c for c, _ in COLUMNS[t]] for r in rows[t]), t


def test_section_rows_follow_the_tree() -> None:
    n = make_notice("a.txt", "标题", None, [])
    rows = notice_rows(n)["sections"]
    assert [(r["idx"], r["path"], r["parent_path"], r["level"]) for r in rows] == [
        (0, "一", None, 1), (1, "一/(一)", "一", 2), (2, "二", None, 1)]
    assert [r["path"] for r in rows] == [s["path"] for s in n.to_records()["sections"]]


def test_quantities_are_decimals_with_text() -> None:
    rows = notice_rows(make_notice("a.txt", "标题", None, []))
    assert rows["targets"][0]["value"] == Decimal("3") and rows["targets"][0]["value_text"] == "3个"
    assert rows["targets"][0]["deadline_year"] == 2025
    assert rows["incentives"][0]["amount"] == Decimal("500000")


KEYS: list[tuple[str, Any, Any]] = [
    # (function, input, expected)
    ("plan", "西安市人民政府办公厅关于印发西安国家知识产权强市创建工作方案(2017-2019年)的通知",
     ["西安国家知识产权强市创建工作方案(2017-2019年)"]),
    ("plan", "国务院关于印发《中国制造2025》的通知", ["中国制造2025"]),
    ("plan", "关于印发《A办法》和《B细则》的通知", ["A办法", "B细则"]),
    ("plan", "国务院办公厅关于转发发展改革委等部门关于加快推行合同能源管理促进节能服务产业发展意见的通知",
     ["发展改革委等部门关于加快推行合同能源管理促进节能服务产业发展意见"]),
    ("plan", "江西省人民政府办公厅关于新时代推进普通高中育人方式改革的实施意见", []),
    ("plan", None, []),
    ("title", "《 中国制造 2025 》", "中国制造2025"),
    ("title", "“十四五”规划", "十四五规划"),
    ("title", "", None),
    ("doc", "国办发[2019] 29号", "国办发〔2019〕29号"),
    ("doc", "赣府厅发（2020）4号", "赣府厅发〔2020〕4号"),
    ("doc", None, None),
]


@pytest.mark.parametrize(("fn", "given", "expected"), KEYS)
def test_keys(fn: str, given: Any, expected: Any) -> None:
    f = {"plan": plan_titles, "title": title_key, "doc": doc_key}[fn]
    assert f(given) == expected


def test_text_hash_ignores_encoding_width_and_spacing() -> None:
    a = "关于印发方案的通知\n一、总体要求\n到2025年,建成3个。\n"
    b = "关于印发方案的通知\r\n\r\n一、总体要求\r\n到２０２５年，建成３个。"
    assert text_hash(a) == text_hash(b)
    assert text_hash(a) != text_hash(a.replace("3个", "4个"))
    assert notice_id("x.txt", a) == notice_id("x.txt", a) != notice_id("y.txt", a)


def _nfkc_then_squeeze(text: str) -> str:
    # The definition text_hash had first: NFKC over the whole text, then spacing removed.
    folded = "".join(unicodedata.normalize("NFKC", text).split())
    return hashlib.sha256(folded.encode("utf-8", "surrogatepass")).hexdigest()


@pytest.mark.parametrize("text", [
    "关于印发方案的通知\n一、总体要求\n",
    "到２０２５年，建成３个。\u3000第一条　①项",
    "a¨b ¯ c",  # characters NFKC turns into a space plus a mark
    "\ufeff标题\r\n\r\n正文\xa0内容",
])
def test_text_hash_squeezes_before_nfkc_with_the_same_classes(text: str) -> None:
    assert text_hash(text) == _nfkc_then_squeeze(text)


def test_text_hash_same_as_nfkc_first_on_real_texts() -> None:
    from policyparse.load import load_bytes

    paths = [*SAMPLES, *sorted((ROOT / "tests" / "corpus").glob("*.*"))]
    texts = [load_bytes(p.read_bytes(), p.name).text for p in paths if p.suffix in (".txt", ".md", ".html")]
    assert texts
    assert [text_hash(t) for t in texts] == [_nfkc_then_squeeze(t) for t in texts]


def test_to_arrow_missing_key_is_null() -> None:
    tbl = to_arrow("attachments", [{"notice_id": "n", "idx": 0, "title": "附件1"}])
    assert tbl.to_pylist() == [{"notice_id": "n", "idx": 0, "number": None, "title": "附件1",
                                "span_start": None, "span_end": None}]


def test_decimal_too_large_for_the_column_is_left_out() -> None:
    n = make_notice("a.txt", "标题", None, [])
    n.targets[0].value = Decimal("1E+40")
    row = notice_rows(n)["targets"][0]
    assert row["value"] is None and row["value_text"] == "3个"


# ---------------------------------------------------------------------------------- parquet + duckdb

def _corpus() -> list[Notice]:
    own = dn("某政发〔2020〕1号", "某政发", 2020, "1")
    plan = make_notice("plan.txt", "某市人民政府关于印发《某市工作方案》的通知", own, [])
    other = make_notice("other.txt", "某市人民政府关于加强安全生产工作的通知",
                        dn("某政办〔2019〕7号", "某政办", 2019, "7"), [])
    citing = make_notice("citing.txt", "某区实施细则", None, [
        Reference(title=None, doc_number=dn("某政发[2020]1号", "某政发", 2020, "1"), span=sp(1, 9)),
        Reference(title="某市工作方案", doc_number=None, span=sp(10, 18)),
        Reference(title="关于加强安全生产工作的通知", doc_number=None, span=sp(19, 30)),
        Reference(title="某市人民政府关于加强安全生产工作的通知",
                  doc_number=dn("某政办〔2019〕8号", "某政办", 2019, "8"), span=sp(31, 40)),
        Reference(title="未收录文件", doc_number=None, span=sp(41, 46)),
    ])
    return [plan, other, citing]


def _db(tmp_path: Path, notices: list[Notice]) -> Any:
    import duckdb

    rows: dict[str, list[dict[str, Any]]] = {}
    for n in notices:
        for t, rs in notice_rows(n).items():
            rows.setdefault(t, []).extend(rs)
    write_part(tmp_path / "parquet", "p1", rows)
    counts = build_duckdb(tmp_path / "parquet", tmp_path / "n.duckdb")
    assert counts == {t: len(rows[t]) for t in TABLES}
    return duckdb.connect(str(tmp_path / "n.duckdb"), read_only=True)


def test_citations_view_by_number_then_title(tmp_path: Path) -> None:
    con = _db(tmp_path, _corpus())
    got = con.execute(
        "select reference_idx, cited_source, matched_by from citations where citing_source = 'citing.txt' "
        "order by reference_idx").fetchall()
    assert got == [
        (0, "plan.txt", "doc_number"),   # 某政发[2020]1号 read as 某政发〔2020〕1号
        (1, "plan.txt", "title"),        # the plan title inside 关于印发《某市工作方案》的通知
        (2, "other.txt", "title"),       # cited from 关于 on, without the issuer
        (3, "other.txt", "title"),       # its number matches nothing, its title does
        (4, None, None),                 # not in the corpus: kept, unresolved
    ]
    # A notice never cites itself through its own plan title.
    assert con.execute("select count(*) from citations where citing_id = cited_id").fetchone() == (0,)


def test_duckdb_types_and_alias(tmp_path: Path) -> None:
    con = _db(tmp_path, _corpus())
    types = dict(con.execute("select column_name, data_type from information_schema.columns "
                             "where table_name = 'targets'").fetchall())
    assert types["value"] == "DECIMAL(38,10)" and types["span_start"] == "BIGINT"
    assert con.execute("select sum(value) from targets").fetchone() == (Decimal("9"),)
    assert con.execute("select count(*) from refs").fetchone() == (5,)
    assert con.execute("select metadata['索引号'] from notices limit 1").fetchone() == ("000/2020-1",)


def test_empty_tables_still_exist(tmp_path: Path) -> None:
    import duckdb

    counts = build_duckdb(tmp_path / "none", tmp_path / "e.duckdb")
    assert counts == {t: 0 for t in TABLES}
    con = duckdb.connect(str(tmp_path / "e.duckdb"), read_only=True)
    assert con.execute("select count(*) from citations").fetchone() == (0,)


def test_drop_notices_rewrites_a_part(tmp_path: Path) -> None:
    notices = _corpus()
    _db(tmp_path, notices).close()
    gone = notice_id("other.txt", notices[1].text)
    drop_notices(tmp_path / "parquet", "p1", {gone})
    counts = build_duckdb(tmp_path / "parquet", tmp_path / "n2.duckdb")
    assert counts["notices"] == 2 and counts["assignments"] == 4


SAMPLES = sorted((ROOT / "samples").glob("*.txt")) + sorted((ROOT / "samples" / "html").glob("*.html"))


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_real_parses_rows_match_records(path: Path) -> None:
    n = parse_file(path)
    rows = notice_rows(n)
    records = n.to_records()
    for table, key in RECORD_LISTS.items():
        assert len(rows[table]) == len(records[key]), table
    assert len(rows["incentives"]) == len(n.incentives)
    from policyparse.tables import to_arrow

    for t in TABLES:  # the fixed schema takes every real row
        assert to_arrow(t, rows[t]).num_rows == len(rows[t])


def test_duckdb_build_retries_with_a_bigger_pool(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A pool too small for a part fails DuckDB's insert (or its commit); the build starts over with
    # a doubled pool instead of failing, and leaves neither temp file nor spill folder behind.
    import duckdb

    import policyparse.tables as tables

    real = tables._build_duckdb
    tried: list[int] = []

    def small_pools_fail(root: Path, db: Path, threads: int | None, memory_mb: int) -> dict[str, int]:
        tried.append(memory_mb)
        if memory_mb < 4:
            raise (duckdb.OutOfMemoryException if memory_mb == 1 else duckdb.TransactionException)("pool")
        return real(root, db, threads, memory_mb)

    monkeypatch.setattr(tables, "_build_duckdb", small_pools_fail)
    rows: dict[str, list[dict[str, Any]]] = {}
    for n in _corpus():
        for t, rs in notice_rows(n).items():
            rows.setdefault(t, []).extend(rs)
    write_part(tmp_path / "parquet", "p1", rows)
    out = tmp_path / "db"
    counts = build_duckdb(tmp_path / "parquet", out / "n.duckdb", memory_mb=1)
    assert tried == [1, 2, 4]
    assert counts == {t: len(rows[t]) for t in TABLES}
    assert sorted(p.name for p in out.iterdir()) == ["n.duckdb"]
    con = duckdb.connect(str(out / "n.duckdb"), read_only=True)
    assert con.execute("select count(*) from assignments").fetchone() == (len(rows["assignments"]),)


def test_duckdb_build_gives_up_past_the_largest_pool(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import duckdb

    import policyparse.tables as tables

    def always_fails(root: Path, db: Path, threads: int | None, memory_mb: int) -> dict[str, int]:
        raise duckdb.OutOfMemoryException("pool")

    monkeypatch.setattr(tables, "_build_duckdb", always_fails)
    with pytest.raises(duckdb.OutOfMemoryException):
        build_duckdb(tmp_path / "none", tmp_path / "e.duckdb")
