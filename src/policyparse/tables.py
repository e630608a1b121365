"""Notices as analytics tables: one row per record, the notice id on every row.

``notice_rows`` turns a Notice into plain row dicts (cheap to send between processes);
``to_arrow`` / ``write_part`` make Parquet of them with a fixed schema per table, so parts
written by different processes, runs or cluster workers always concatenate; ``build_duckdb``
loads every part into one DuckDB file with the ``citations`` view.

Spans become ``<name>_start``/``<name>_end`` columns (offsets into the notice's text, which the
JSON output keeps). Quantities are DECIMAL(38, 10) beside the text they were read from.
pyarrow and duckdb are imported only by the functions that need them.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .lexicon import citations as lx

if TYPE_CHECKING:
    import pyarrow as pa  # type: ignore[import-untyped]

    from .models import DocNumber, Notice, Section

Row = dict[str, Any]
Rows = dict[str, list[Row]]

DECIMAL_PRECISION = 38
DECIMAL_SCALE = 10
_QUANTUM = Decimal(1).scaleb(-DECIMAL_SCALE)
_DECIMAL_MAX = Decimal(10) ** (DECIMAL_PRECISION - DECIMAL_SCALE)

# Column name → type code, in table order. Type codes are turned into Arrow types lazily.
_DOC = [("doc_number", "str"), ("doc_number_text", "str"), ("doc_agency", "str"), ("doc_year", "int32"),
        ("doc_serial", "str"), ("doc_key", "str")]
COLUMNS: dict[str, list[tuple[str, str]]] = {
    "notices": [
        ("notice_id", "str"), ("source", "str"), ("name", "str"), ("title", "str"),
        ("title_start", "int"), ("title_end", "int"), ("title_keys", "list_str"), ("plan_titles", "list_str"),
        *_DOC,
        ("issuer", "str"), ("issue_date", "date"), ("issue_year", "int32"), ("recipients", "list_str"),
        ("metadata", "map_str"), ("period_start", "str"), ("period_end", "str"), ("period_text", "str"),
        ("text_length", "int"), ("text_hash", "str"),
        ("n_sections", "int32"), ("n_targets", "int32"), ("n_incentives", "int32"),
        ("n_assignments", "int32"), ("n_references", "int32"), ("n_phases", "int32"),
        ("n_attachments", "int32"),
        ("warnings", "list_str"),
    ],
    "sections": [
        ("notice_id", "str"), ("idx", "int32"), ("path", "str"), ("parent_path", "str"), ("marker", "str"),
        ("kind", "str"), ("number", "int32"), ("level", "int32"), ("title", "str"),
        ("heading_start", "int"), ("heading_end", "int"), ("span_start", "int"), ("span_end", "int"),
    ],
    "targets": [
        ("notice_id", "str"), ("idx", "int32"), ("path", "str"), ("metric", "str"), ("comparator", "str"),
        ("value", "dec"), ("value_min", "dec"), ("unit", "str"), ("value_text", "str"), ("deadline", "str"),
        ("deadline_year", "int32"), ("deadline_source", "str"), ("baseline", "str"), ("text", "str"),
        ("span_start", "int"), ("span_end", "int"), ("value_span_start", "int"), ("value_span_end", "int"),
    ],
    "incentives": [
        ("notice_id", "str"), ("idx", "int32"), ("path", "str"), ("amount", "dec"), ("unit", "str"),
        ("amount_text", "str"), ("cap", "bool"), ("purpose", "str"), ("text", "str"),
        ("span_start", "int"), ("span_end", "int"),
    ],
    "assignments": [
        ("notice_id", "str"), ("idx", "int32"), ("path", "str"), ("role", "str"), ("unit", "str"),
        ("full", "str"), ("canonical", "str"), ("clause", "str"), ("deadline", "str"),
        ("deadline_value", "str"), ("span_start", "int"), ("span_end", "int"),
        ("clause_span_start", "int"), ("clause_span_end", "int"),
    ],
    "references": [
        ("notice_id", "str"), ("idx", "int32"), ("title", "str"), ("title_keys", "list_str"), *_DOC,
        ("span_start", "int"), ("span_end", "int"),
    ],
    "phases": [
        # The stage's own dates are start_date/end_date (YYYY or YYYY-MM) so they never clash with
        # the span columns, nor with SQL's END.
        ("notice_id", "str"), ("idx", "int32"), ("path", "str"), ("name", "str"), ("start_date", "str"),
        ("end_date", "str"), ("text", "str"), ("span_start", "int"), ("span_end", "int"),
    ],
    "attachments": [
        ("notice_id", "str"), ("idx", "int32"), ("number", "int32"), ("title", "str"),
        ("span_start", "int"), ("span_end", "int"),
    ],
}
TABLES: tuple[str, ...] = tuple(COLUMNS)
# The records (FORMAT.md) list each table's rows mirror, for checking row counts.
RECORD_LISTS = {"sections": "sections", "targets": "targets", "assignments": "assignments",
                 "references": "references", "phases": "phases", "attachments": "attachments"}


# ---------------------------------------------------------------------------------------- keys

def notice_id(source: str | None, text: str) -> str:
    """A stable id: the same source and text always give the same id, on any machine."""
    h = hashlib.sha256()
    h.update((source or "").encode("utf-8", "surrogatepass"))
    h.update(b"\0")
    h.update(text.encode("utf-8", "surrogatepass"))
    return h.hexdigest()[:16]


def text_hash(text: str) -> str:
    """Hash of the text with width folded and spacing gone: equal for exact duplicates.

    Cheap on purpose (no parsing), so a batch can tell a duplicate before parsing it; the same
    notice saved in GBK and in UTF-8, or with other line breaks, gets the same hash.

    Spacing goes first, then NFKC, then any spacing NFKC made (U+00A8 and kin): about a third
    of the cost of NFKC over the text with its line breaks. It equals squeezing after NFKC except
    where a combining mark follows whitespace (which Chinese notices do not have); on every
    sample and corpus text the two give the same hash.
    """
    folded = unicodedata.normalize("NFKC", "".join(text.split()))
    if " " in folded:  # the only whitespace NFKC makes of other characters
        folded = folded.replace(" ", "")
    return hashlib.sha256(folded.encode("utf-8", "surrogatepass")).hexdigest()


def title_key(title: str | None) -> str | None:
    """A title in comparable form: width folded, spacing, 《》 and quotes gone."""
    if not title:
        return None
    key = lx.TITLE_NOISE.sub("", unicodedata.normalize("NFKC", title))
    return key or None


def plan_titles(title: str | None) -> list[str]:
    """Titles of the documents a covering notice hands on (关于印发《X》的通知 → X)."""
    if not title:
        return []
    squeezed = "".join(unicodedata.normalize("NFKC", title).split())
    m = lx.COVERING.search(squeezed)
    if not m:
        return []
    inner = m.group("inner")
    bracketed = [b.group("title") for b in lx.BRACKETED.finditer(inner)]
    return bracketed or [inner]


def _keys(title: str | None, extra: Iterable[str] = ()) -> list[str]:
    keys: list[str] = []
    full = title_key(title)
    for k in (full, _from_about(full), *(title_key(t) for t in extra)):
        if k and k not in keys:
            keys.append(k)
    return keys


def _from_about(key: str | None) -> str | None:
    if not key:
        return None
    i = key.find(lx.ABOUT)
    return key[i:] if i > 0 else None


def doc_key(number: str | None) -> str | None:
    """A document number in comparable form (brackets unified, spacing gone)."""
    if not number:
        return None
    s = "".join(unicodedata.normalize("NFKC", number).split())
    s = lx.DOC_CLOSE.sub("〕", lx.DOC_OPEN.sub("〔", s))
    return s or None


# ---------------------------------------------------------------------------------------- rows

def _dec(d: Decimal | None) -> Decimal | None:
    # Rounded to the column's scale; a value too large for DECIMAL(38, 10) is left out (its
    # text column still says what was written).
    if d is None:
        return None
    try:
        q = d.quantize(_QUANTUM, rounding=ROUND_HALF_EVEN)
    except InvalidOperation:
        return None
    return q if abs(q) < _DECIMAL_MAX else None


def _year(s: str | None) -> int | None:
    if s and len(s) >= 4 and s[:4].isdigit():
        return int(s[:4])
    return None


def _doc(d: DocNumber | None) -> Row:
    if d is None:
        return {"doc_number": None, "doc_number_text": None, "doc_agency": None, "doc_year": None,
                "doc_serial": None, "doc_key": None}
    return {"doc_number": d.normalized, "doc_number_text": d.text, "doc_agency": d.agency,
            "doc_year": d.year, "doc_serial": d.serial, "doc_key": doc_key(d.normalized)}


def _source_name(source: str | None) -> str | None:
    if source is None:
        return None
    return source.replace("\\", "/").rsplit("/", 1)[-1]


def _sections(sections: Sequence[Section]) -> Iterator[tuple[Section, str | None]]:
    # Depth first in reading order, as Notice.iter_sections, with each section's parent path.
    stack: list[tuple[Section, str | None]] = [(s, None) for s in reversed(sections)]
    while stack:
        s, parent = stack.pop()
        yield s, parent
        stack.extend((c, s.path) for c in reversed(s.children))


def notice_rows(notice: Notice, nid: str | None = None, *, text_digest: str | None = None) -> Rows:
    """Every table's rows for one notice, as plain dicts (``nid`` defaults to ``notice_id``)."""
    nid = nid or notice_id(notice.source, notice.text)
    rows: Rows = {t: [] for t in TABLES}
    sec = rows["sections"]
    for i, (s, parent) in enumerate(_sections(notice.sections)):
        sec.append({
            "notice_id": nid, "idx": i, "path": s.path, "parent_path": parent, "marker": s.marker,
            "kind": s.kind, "number": s.number, "level": s.level, "title": s.title,
            "heading_start": s.heading.start, "heading_end": s.heading.end,
            "span_start": s.span.start, "span_end": s.span.end,
        })
    rows["targets"] = [
        {
            "notice_id": nid, "idx": i, "path": t.path, "metric": t.metric, "comparator": t.comparator,
            "value": _dec(t.value), "value_min": _dec(t.value_min), "unit": t.unit,
            "value_text": t.value_text,
            "deadline": t.deadline, "deadline_year": _year(t.deadline), "deadline_source": t.deadline_source,
            "baseline": t.baseline, "text": t.text, "span_start": t.span.start, "span_end": t.span.end,
            "value_span_start": t.value_span.start, "value_span_end": t.value_span.end,
        }
        for i, t in enumerate(notice.targets)
    ]
    rows["incentives"] = [
        {
            "notice_id": nid, "idx": i, "path": x.path, "amount": _dec(x.amount), "unit": x.unit,
            "amount_text": x.amount_text, "cap": x.cap, "purpose": x.purpose, "text": x.text,
            "span_start": x.span.start, "span_end": x.span.end,
        }
        for i, x in enumerate(notice.incentives)
    ]
    rows["assignments"] = [
        {
            "notice_id": nid, "idx": i, "path": a.path, "role": a.role, "unit": a.unit, "full": a.full,
            "canonical": a.canonical, "clause": a.clause, "deadline": a.deadline,
            "deadline_value": a.deadline_value, "span_start": a.span.start, "span_end": a.span.end,
            "clause_span_start": a.clause_span.start, "clause_span_end": a.clause_span.end,
        }
        for i, a in enumerate(notice.assignments)
    ]
    rows["references"] = [
        {"notice_id": nid, "idx": i, "title": r.title, "title_keys": _keys(r.title), **_doc(r.doc_number),
         "span_start": r.span.start, "span_end": r.span.end}
        for i, r in enumerate(notice.references)
    ]
    rows["phases"] = [
        {"notice_id": nid, "idx": i, "path": p.path, "name": p.name, "start_date": p.start,
         "end_date": p.end, "text": p.text, "span_start": p.span.start, "span_end": p.span.end}
        for i, p in enumerate(notice.phases)
    ]
    rows["attachments"] = [
        {"notice_id": nid, "idx": i, "number": a.number, "title": a.title,
         "span_start": a.span.start, "span_end": a.span.end}
        for i, a in enumerate(notice.attachments)
    ]
    plans = plan_titles(notice.title)
    period = notice.period
    rows["notices"] = [{
        "notice_id": nid, "source": notice.source, "name": _source_name(notice.source), "title": notice.title,
        "title_start": notice.title_span.start if notice.title_span else None,
        "title_end": notice.title_span.end if notice.title_span else None,
        "title_keys": _keys(notice.title, plans), "plan_titles": plans, **_doc(notice.doc_number),
        "issuer": notice.issuer, "issue_date": notice.issue_date,
        "issue_year": notice.issue_date.year if notice.issue_date else None,
        "recipients": list(notice.recipients), "metadata": list(notice.metadata.items()),
        "period_start": period.start if period else None, "period_end": period.end if period else None,
        "period_text": period.text if period else None,
        "text_length": len(notice.text), "text_hash": text_digest or text_hash(notice.text),
        "n_sections": len(sec), "n_targets": len(notice.targets), "n_incentives": len(notice.incentives),
        "n_assignments": len(notice.assignments), "n_references": len(notice.references),
        "n_phases": len(notice.phases), "n_attachments": len(notice.attachments),
        "warnings": list(notice.warnings),
    }]
    return rows


def merge_rows(into: Rows, more: Mapping[str, list[Row]]) -> None:
    """Append ``more``'s rows to ``into``, table by table."""
    for t, rs in more.items():
        into.setdefault(t, []).extend(rs)


# ---------------------------------------------------------------------------------------- arrow

@cache
def schema(table: str) -> pa.Schema:
    """The Arrow schema of a table."""
    import pyarrow as pa

    types = {
        "str": pa.string(), "int": pa.int64(), "int32": pa.int32(), "bool": pa.bool_(), "date": pa.date32(),
        "dec": pa.decimal128(DECIMAL_PRECISION, DECIMAL_SCALE), "list_str": pa.list_(pa.string()),
        "map_str": pa.map_(pa.string(), pa.string()),
    }
    return pa.schema([pa.field(name, types[code]) for name, code in COLUMNS[table]])


def to_arrow(table: str, rows: list[Row]) -> pa.Table:
    """Rows of one table as an Arrow table with that table's schema (a missing key is null)."""
    import pyarrow as pa

    # Column by column: a third of the cost of from_pylist, which looks every key up per row.
    return pa.Table.from_pydict({name: [r.get(name) for r in rows] for name, _ in COLUMNS[table]},
                                schema=schema(table))


def part_path(root: Path, table: str, part: str) -> Path:
    """Where one part of one table lives: ROOT/<table>/<part>.parquet."""
    return root / table / f"{part}.parquet"


def write_part(root: Path, part: str, rows: Mapping[str, list[Row]]) -> dict[str, int]:
    """Write one Parquet file per table for a batch of rows; each file lands atomically.

    Every table gets a file, empty or not, so a part is complete or absent. Returns row counts.
    """
    return write_arrow_part(root, part, {t: [to_arrow(t, rs)] for t, rs in rows.items()})


def write_arrow_part(root: Path, part: str, chunks: Mapping[str, Sequence[pa.Table]]) -> dict[str, int]:
    """``write_part`` for rows already turned into Arrow, a list of tables per table name."""
    import pyarrow as pa

    counts: dict[str, int] = {}
    for t in TABLES:
        got = chunks.get(t)
        tbl = pa.concat_tables(got) if got else to_arrow(t, [])
        write_parquet_atomic(tbl, part_path(root, t, part))
        counts[t] = tbl.num_rows
    return counts


def write_parquet_atomic(table: pa.Table, path: Path) -> None:
    """Write a Parquet file via a temporary file in the same folder and a rename."""
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        pq.write_table(table, tmp, compression="zstd")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def list_parts(root: Path) -> set[str]:
    """Names of the parts present under ROOT (in any table)."""
    found: set[str] = set()
    for t in TABLES:
        d = root / t
        if d.is_dir():
            found.update(p.stem for p in d.glob("*.parquet"))
    return found


def remove_parts(root: Path, parts: Iterable[str]) -> None:
    """Delete these parts from every table (left-overs of a killed run)."""
    for part in parts:
        for t in TABLES:
            part_path(root, t, part).unlink(missing_ok=True)


def drop_notices(root: Path, part: str, notice_ids: set[str]) -> None:
    """Rewrite one part without the rows of these notices (superseded inputs, late duplicates)."""
    import pyarrow as pa
    import pyarrow.compute as pc  # type: ignore[import-untyped]
    import pyarrow.parquet as pq

    drop = pa.array(sorted(notice_ids), pa.string())
    for t in TABLES:
        p = part_path(root, t, part)
        if not p.exists():
            continue
        tbl = pq.read_table(p, schema=schema(t))
        keep = pc.invert(pc.is_in(tbl["notice_id"], value_set=drop))
        write_parquet_atomic(tbl.filter(keep), p)


# ---------------------------------------------------------------------------------------- duckdb

CITATIONS_VIEW = """
CREATE OR REPLACE VIEW citations AS
WITH by_number AS (
    SELECT r.notice_id, r.idx, n.notice_id AS cited_id, 'doc_number' AS matched_by
    FROM "references" r JOIN notices n ON n.doc_key = r.doc_key
    WHERE r.doc_key IS NOT NULL AND n.notice_id <> r.notice_id
),
by_title AS (
    SELECT r.notice_id, r.idx, n.notice_id AS cited_id, 'title' AS matched_by
    FROM "references" r JOIN notices n ON list_has_any(n.title_keys, r.title_keys)
    WHERE n.notice_id <> r.notice_id
      AND NOT EXISTS (SELECT 1 FROM by_number b WHERE b.notice_id = r.notice_id AND b.idx = r.idx)
),
matched AS (SELECT * FROM by_number UNION ALL SELECT * FROM by_title)
SELECT r.notice_id AS citing_id, c.source AS citing_source, c.title AS citing_title,
       c.doc_number AS citing_doc_number, r.idx AS reference_idx, r.title AS cited_title,
       r.doc_number AS cited_doc_number, m.cited_id, t.source AS cited_source,
       t.title AS cited_notice_title, t.doc_number AS cited_notice_doc_number, m.matched_by
FROM "references" r
JOIN notices c ON c.notice_id = r.notice_id
LEFT JOIN matched m ON m.notice_id = r.notice_id AND m.idx = r.idx
LEFT JOIN notices t ON t.notice_id = m.cited_id
"""

# "references" is an SQL keyword; this alias spares users the quotes.
REFS_VIEW = 'CREATE OR REPLACE VIEW refs AS SELECT * FROM "references"'


def _run(con: Any, sql: str, params: list[Any] | None = None) -> list[Any]:
    # duckdb 2 refuses new work while a result is pending, so every statement is drained.
    return list(con.execute(sql, params).fetchall()) if params else list(con.execute(sql).fetchall())


# DuckDB keeps a table's uncompressed rows in its buffer pool until the pool is full, so with a
# generous limit the build's memory grows with the corpus (+45 MB from 1,000 to 4,000 notices at
# 1 GB). A small pool, one thread and a checkpoint after each table keep it flat: inserts then
# stream through to the file, for a fraction of a second more per thousand parts. A part too wide
# for the pool makes the build start over with a bigger one.
DUCKDB_MEMORY_MB = 32
DUCKDB_MEMORY_MAX_MB = 4096


def build_duckdb(
    root: Path, db_path: Path, *, threads: int | None = 1, memory_mb: int = DUCKDB_MEMORY_MB
) -> dict[str, int]:
    """(Re)build the DuckDB file from every Parquet part under ROOT; replaces ``db_path`` atomically.

    Tables are copied in (not views over the Parquet), so the file stands on its own. Returns the
    row count of each table. ``memory_mb`` bounds DuckDB's buffer pool (doubled and retried when
    a part does not fit); ``threads`` None leaves DuckDB's default (the CPU count).
    """
    import duckdb

    while True:
        try:
            return _build_duckdb(root, db_path, threads, memory_mb)
        # A pool that runs out during the final commit is reported as a failed transaction.
        except (duckdb.OutOfMemoryException, duckdb.TransactionException):
            if memory_mb * 2 > DUCKDB_MEMORY_MAX_MB:
                raise
            memory_mb *= 2


def _build_duckdb(root: Path, db_path: Path, threads: int | None, memory_mb: int) -> dict[str, int]:
    import duckdb

    db_path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{db_path.name}.", suffix=".tmp", dir=db_path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    tmp.unlink()  # duckdb wants to create the file itself
    spill = Path(f"{tmp}.spill")
    counts: dict[str, int] = {}
    try:
        con = duckdb.connect(str(tmp))
        try:
            if threads:
                _run(con, f"SET threads = {int(threads)}")
            # Row order is not part of the contract; letting it go lets inserts stream, and the
            # limit makes a huge corpus spill to disk instead of taking the machine's memory.
            _run(con, "SET preserve_insertion_order = false")
            _run(con, f"SET memory_limit = '{int(memory_mb)}MB'")
            _run(con, f"SET temp_directory = '{spill.as_posix().replace(chr(39), chr(39) * 2)}'")
            for t in TABLES:
                empty = to_arrow(t, [])
                con.register("_empty", empty)
                _run(con, f'CREATE TABLE "{t}" AS SELECT * FROM _empty')
                con.unregister("_empty")
                files = sorted(str(p) for p in (root / t).glob("*.parquet")) if (root / t).is_dir() else []
                if files:
                    _run(con, f'INSERT INTO "{t}" BY NAME SELECT * FROM read_parquet(?)', [files])
                counts[t] = int(_run(con, f'SELECT count(*) FROM "{t}"')[0][0])
                # Written out now, the table's blocks may leave the pool before the next one.
                _run(con, "CHECKPOINT")
            _run(con, CITATIONS_VIEW)
            _run(con, REFS_VIEW)
            _run(con, "CHECKPOINT")
        finally:
            con.close()
        os.replace(tmp, db_path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        Path(f"{tmp}.wal").unlink(missing_ok=True)
        raise
    finally:
        shutil.rmtree(spill, ignore_errors=True)
    return counts
