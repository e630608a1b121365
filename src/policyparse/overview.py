"""``policyparse overview DIR_OR_DUCKDB --out overview.html``: a converted corpus at a glance.

Counts notices per issuer and year, the busiest responsible units, targets falling due per
year and the most-cited documents, as tables and inline SVG bar charts (no JavaScript).

Input: a DuckDB file written by ``policyparse batch`` (read with SQL; duckdb imported
only then), a batch's output folder (its ``json/**/*.json`` full Notice JSON, or its
``notices.duckdb`` when written with ``--no-json``; failures from ``errors.jsonl`` are
listed), a ``--jsonl`` file of Notices, any folder of ``*.json`` (full Notice JSON or the
FORMAT.md records view), or a folder of input notices, parsed here. Everything is reduced
to the records view first, so all routes share one set of counts.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .archives import is_documentation_name
from .lexicon.review import BASE_CSS, OVERVIEW_CSS, ROLE_LABEL
from .load import HTML_SUFFIXES, TEXT_SUFFIXES
from .review import el, page, table

DUCKDB_SUFFIXES = frozenset({".duckdb", ".ddb", ".db"})
# The suffixes the loader reads (a folder's files without one are not taken for notices).
NOTICE_SUFFIXES = (TEXT_SUFFIXES | HTML_SUFFIXES) - {""}
TOP = 20
UNKNOWN = "(unknown)"
NO_DEADLINE = "(none)"


@dataclass(slots=True)
class Corpus:
    """What the overview counts, whatever the input was."""

    notices: int = 0
    by_issuer_year: Counter[tuple[str, str]] = field(default_factory=Counter)
    # unit → (assignments, notices naming it, roles)
    unit_assignments: Counter[str] = field(default_factory=Counter)
    unit_notices: Counter[str] = field(default_factory=Counter)
    unit_roles: dict[str, Counter[str]] = field(default_factory=dict)
    targets_due: Counter[str] = field(default_factory=Counter)
    cited: Counter[str] = field(default_factory=Counter)
    cited_notices: Counter[str] = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)
    source: str = ""

    def add_records(self, rec: dict[str, Any]) -> None:
        """Count one notice's records view (FORMAT.md shape)."""
        self.notices += 1
        year = _year(rec.get("issue_date")) or _year_of_number(rec.get("doc_number")) or UNKNOWN
        self.by_issuer_year[(_squeeze(rec.get("issuer")) or UNKNOWN, year)] += 1
        seen_units: set[str] = set()
        for a in rec.get("assignments") or []:
            name = _squeeze(a.get("canonical") or a.get("full") or a.get("unit"))
            if not name:
                continue
            self.unit_assignments[name] += 1
            self.unit_roles.setdefault(name, Counter())[a.get("role") or "?"] += 1
            seen_units.add(name)
        self.unit_notices.update(seen_units)
        for t in rec.get("targets") or []:
            self.targets_due[_year(t.get("deadline")) or NO_DEADLINE] += 1
        seen_refs: set[str] = set()
        for r in rec.get("references") or []:
            key = reference_key(r.get("title"), r.get("doc_number"))
            if key:
                self.cited[key] += 1
                seen_refs.add(key)
        self.cited_notices.update(seen_refs)


def reference_key(title: str | None, doc_number: str | None) -> str | None:
    """How a cited document is named in the overview: 《title》, its number, or both."""
    title, doc_number = _squeeze(title), _squeeze(doc_number)
    if title and doc_number:
        return f"《{title}》({doc_number})"
    if title:
        return f"《{title}》"
    return doc_number or None


def _squeeze(s: str | None) -> str | None:
    # As the records view does: whitespace inside a value is layout, not part of the name.
    return "".join(s.split()) if s else None


def _year(value: object) -> str | None:
    s = str(value) if value is not None else ""
    return s[:4] if len(s) >= 4 and s[:4].isdigit() else None


def _year_of_number(number: object) -> str | None:
    # 〔2017〕 in a 发文字号 dates the notice when no 成文日期 was read.
    s = str(number) if number else ""
    i = s.find("〔")
    return _year(s[i + 1 : i + 5]) if i >= 0 else None


# ---------------------------------------------------------------- reading the corpus


def _json_records(path: Path) -> dict[str, Any]:
    from .models import Notice

    raw = path.read_text(encoding="utf-8")
    data = json.loads(raw)
    if isinstance(data, dict) and "text" in data and "warnings" in data:
        return Notice.model_validate_json(raw).to_records()
    if isinstance(data, dict) and "sections" in data and "assignments" in data:
        return data  # already the records view
    raise ValueError("neither a Notice nor a records view")


def _files(folder: Path, suffixes: Iterable[str]) -> list[Path]:
    wanted = frozenset(suffixes)
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in wanted
                  and not any(part.startswith(".") for part in p.relative_to(folder).parts))


def _batch_errors(folder: Path) -> list[str]:
    # policyparse batch lists the inputs it could not parse in errors.jsonl.
    path = folder / "errors.jsonl"
    if not path.is_file():
        return []
    out = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            rec = json.loads(line)
        except ValueError:
            continue
        if isinstance(rec, dict):
            out.append(f"{rec.get('source')}: not converted ({rec.get('message') or rec.get('error')})")
    return out


def read_jsonl(path: Path) -> Corpus:
    """Count a JSON-lines file of full Notices (``policyparse batch --jsonl``)."""
    from .models import Notice

    corpus = Corpus(source=str(path))
    with path.open(encoding="utf-8") as fh:
        for i, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                corpus.add_records(Notice.model_validate_json(line).to_records())
            except Exception as exc:
                corpus.problems.append(f"line {i}: {type(exc).__name__}: {_first_line(exc)}")
    return corpus


def read_folder(folder: Path) -> Corpus:
    """Count a folder: a batch's ``json/`` (else its ``notices.duckdb``), else any ``*.json``,
    else the notices in it, parsed here."""
    json_dir = folder / "json"
    if not json_dir.is_dir() and (folder / "notices.duckdb").is_file():
        corpus = read_duckdb(folder / "notices.duckdb")
        corpus.problems.extend(_batch_errors(folder))
        return corpus
    corpus = Corpus(source=str(folder))
    corpus.problems.extend(_batch_errors(folder))
    jsons = _files(json_dir, {".json"}) if json_dir.is_dir() else _files(folder, {".json"})
    if jsons:
        for p in jsons:
            try:
                corpus.add_records(_json_records(p))
            except Exception as exc:  # one bad file is reported on the page, not fatal
                corpus.problems.append(f"{p.relative_to(folder)}: {type(exc).__name__}: {_first_line(exc)}")
        return corpus
    from .pipeline import parse_file

    for p in _files(folder, NOTICE_SUFFIXES):
        if is_documentation_name(p.name):  # a corpus folder's own README, SOURCES …
            continue
        try:
            corpus.add_records(parse_file(p).to_records())
        except Exception as exc:
            reason = getattr(exc, "reason", None) or f"{type(exc).__name__}: {_first_line(exc)}"
            corpus.problems.append(f"{p.relative_to(folder)}: {reason}")
    return corpus


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [""])[0][:200]


def _columns(con: Any, table_name: str) -> set[str]:
    rows = con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = ?", [table_name]
    ).fetchall()
    return {r[0] for r in rows}


def _pick(cols: set[str], *names: str) -> str | None:
    return next((n for n in names if n in cols), None)


def read_duckdb(path: Path) -> Corpus:
    """Count a DuckDB file written by ``policyparse batch`` (tables notices, assignments, …)."""
    import duckdb

    corpus = Corpus(source=str(path))
    con = duckdb.connect(str(path), read_only=True)
    try:
        tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        if "notices" not in tables:
            raise ValueError(f"no 'notices' table (found: {', '.join(sorted(tables)) or 'none'})")
        ncols = _columns(con, "notices")
        key = _pick(ncols, "notice_id", "id", "source")
        if key is None:
            raise ValueError("the notices table has no notice_id/id/source column")
        issuer = _pick(ncols, "issuer")
        date = _pick(ncols, "issue_date")
        number = _pick(ncols, "doc_number")
        select = ", ".join(c or "NULL" for c in (key, issuer, date, number))
        records: dict[Any, dict[str, Any]] = {}
        for k, iss, d, num in con.execute(f"SELECT {select} FROM notices").fetchall():
            records[k] = {"issuer": iss, "issue_date": str(d) if d is not None else None, "doc_number": num,
                          "assignments": [], "targets": [], "references": []}
        _attach(con, tables, records, key, "assignments", ("role", "unit", "full", "canonical"))
        _attach(con, tables, records, key, "targets", ("deadline",))
        _attach(con, tables, records, key, "references", ("title", "doc_number"))
    finally:
        con.close()
    for rec in records.values():
        corpus.add_records(rec)
    return corpus


def _attach(con: Any, tables: set[str], records: dict[Any, dict[str, Any]], key: str, name: str,
            fields: Sequence[str]) -> None:
    if name not in tables:
        return
    cols = _columns(con, name)
    if key not in cols:
        return
    select = ", ".join(f'"{f}"' if f in cols else "NULL" for f in fields)
    for row in con.execute(f'SELECT "{key}", {select} FROM "{name}"').fetchall():
        rec = records.get(row[0])
        if rec is not None:
            values = (str(v) if v is not None else None for v in row[1:])
            rec[name].append(dict(zip(fields, values, strict=True)))


def read_corpus(path: Path) -> Corpus:
    """A corpus from a folder, a DuckDB file or a JSON-lines file; raises ``OSError``/``ValueError``."""
    if path.is_dir():
        return read_folder(path)
    if not path.exists():
        raise FileNotFoundError("no such file or folder")
    if path.suffix.lower() in DUCKDB_SUFFIXES:
        return read_duckdb(path)
    if path.suffix.lower() == ".jsonl":
        return read_jsonl(path)
    raise ValueError("expected a folder, a .duckdb file or a .jsonl file of notices")


# ---------------------------------------------------------------- charts


def _truncate(s: str, n: int) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


def bar_chart(items: Sequence[tuple[str, int]], *, label_chars: int = 14, width: int = 520) -> Any:
    """Horizontal bars as an inline ``<svg>``; each bar's full label and count in its tooltip.

    None when there is nothing to draw (the table beside it says "(none)").
    """
    if not items:
        return None
    row, label_w = 20, 12 * label_chars + 8
    plot_w = width - label_w - 40
    top = max((v for _, v in items), default=0) or 1
    height = row * len(items) + 4
    svg = el("svg", cls="chart", viewBox=f"0 0 {width} {height}", width=str(width), height=str(height),
             role="img", xmlns="http://www.w3.org/2000/svg")
    for i, (label, value) in enumerate(items):
        y = i * row + 2
        w = max(1, round(plot_w * value / top))
        svg.append(el("text", _truncate(label, label_chars), x=str(label_w - 6), y=str(y + 13),
                      text_anchor="end"))
        svg.append(el("rect", el("title", f"{label}: {value}"), cls="bar", x=str(label_w), y=str(y),
                      width=str(w), height=str(row - 4)))
        svg.append(el("text", str(value), x=str(label_w + w + 4), y=str(y + 13)))
    return svg


def column_chart(items: Sequence[tuple[str, int]], *, width: int = 520, height: int = 180) -> Any:
    """Vertical bars (one per year, say) as an inline ``<svg>``; None when there is nothing to draw."""
    if not items:
        return None
    top = max((v for _, v in items), default=0) or 1
    n = max(len(items), 1)
    slot = (width - 20) / n
    bar_w = max(4.0, min(40.0, slot * 0.7))
    base = height - 22
    svg = el("svg", cls="chart", viewBox=f"0 0 {width} {height}", width=str(width), height=str(height),
             role="img", xmlns="http://www.w3.org/2000/svg")
    svg.append(el("line", cls="axis", x1="10", y1=str(base), x2=str(width - 10), y2=str(base)))
    for i, (label, value) in enumerate(items):
        h = max(1, round((base - 16) * value / top))
        x = 10 + i * slot + (slot - bar_w) / 2
        svg.append(el("rect", el("title", f"{label}: {value}"), cls="bar", x=f"{x:.1f}", y=str(base - h),
                      width=f"{bar_w:.1f}", height=str(h)))
        cx = f"{x + bar_w / 2:.1f}"
        svg.append(el("text", str(value), x=cx, y=str(base - h - 3), text_anchor="middle"))
        svg.append(el("text", _truncate(label, 8), x=cx, y=str(height - 6), text_anchor="middle"))
    return svg


# ---------------------------------------------------------------- the page


def _year_order(keys: Iterable[str]) -> list[str]:
    # Years ascending, then the placeholders for missing values.
    return sorted(set(keys), key=lambda k: (not k.isdigit(), k))


def _block(ident: str, heading: str, *content: Any) -> Any:
    return el("section", el("h2", heading), *content, cls="block", id=ident)


def overview_html(corpus: Corpus) -> str:
    """The overview page of a counted corpus, as a self-contained HTML document."""
    years = _year_order(y for _, y in corpus.by_issuer_year)
    per_year = Counter[str]()
    per_issuer = Counter[str]()
    for (issuer, year), n in corpus.by_issuer_year.items():
        per_year[year] += n
        per_issuer[issuer] += n
    ranked = sorted(per_issuer, key=lambda k: (-per_issuer[k], k))
    issuers, rest = ranked[:TOP], ranked[TOP:]
    issuer_rows = [[iss, *(str(corpus.by_issuer_year.get((iss, y), 0) or "") for y in years),
                    str(per_issuer[iss])] for iss in issuers]
    if rest:
        # A national corpus has thousands of issuers: the long tail is one row.
        rest_set = set(rest)
        tail = Counter[str]()
        for (iss, y), n in corpus.by_issuer_year.items():
            if iss in rest_set:
                tail[y] += n
        issuer_rows.append([f"({len(rest)} other issuers)", *(str(tail[y] or "") for y in years),
                            str(sum(tail.values()))])
    issuer_table = table(["issuer", *years, "total"], issuer_rows, cls="issuers",
                         numeric=range(1, len(years) + 2))

    units = sorted(corpus.unit_assignments, key=lambda k: (-corpus.unit_assignments[k], k))[:TOP]
    unit_rows = [[u, str(corpus.unit_assignments[u]), str(corpus.unit_notices[u]),
                  ", ".join(f"{ROLE_LABEL.get(r, r).split()[0]} {c}"
                            for r, c in sorted(corpus.unit_roles.get(u, Counter()).items()))]
                 for u in units]

    due = _year_order(corpus.targets_due)
    due_rows = [[y, str(corpus.targets_due[y])] for y in due]

    cited = sorted(corpus.cited, key=lambda k: (-corpus.cited[k], k))[:TOP]
    cited_rows = [[c, str(corpus.cited[c]), str(corpus.cited_notices[c])] for c in cited]

    header = el(
        "header",
        el("h1", "政策文件概览 Corpus overview"),
        el("p", el("span", f"{corpus.notices} notices"), el("span", f"source: {corpus.source}"), cls="meta"),
        el("ul", *(el("li", p) for p in corpus.problems), cls="warnings", id="warnings") if corpus.problems
        else el("ul", el("li", "All inputs read."), cls="warnings none", id="warnings"),
        cls="page",
    )
    main = el(
        "main",
        _block("per-year", "发文数 Notices per issuer and year",
               el("div", column_chart([(y, per_year[y]) for y in years]),
                  bar_chart([(i, per_issuer[i]) for i in issuers], label_chars=16), cls="grid2"),
               issuer_table),
        _block("units", f"责任单位 Busiest responsible units (top {TOP})",
               el("div", bar_chart([(u, corpus.unit_assignments[u]) for u in units]),
                  table(["unit", "assignments", "notices", "roles"], unit_rows, cls="units", numeric=(1, 2)),
                  cls="grid2")),
        _block("targets-due", "目标到期 Targets falling due per year",
               el("div", column_chart([(y, corpus.targets_due[y]) for y in due]),
                  table(["deadline", "targets"], due_rows, cls="due", numeric=(1,)), cls="grid2")),
        _block("cited", f"被引文件 Most-cited documents (top {TOP})",
               el("div", bar_chart([(c, corpus.cited[c]) for c in cited], label_chars=18),
                  table(["document", "citations", "notices"], cited_rows, cls="cited", numeric=(1, 2)),
                  cls="grid2")),
        cls="overview",
    )
    return page("Corpus overview", BASE_CSS + OVERVIEW_CSS, header, main)


# ---------------------------------------------------------------- command line


def cmd_overview(args: argparse.Namespace) -> int:
    from .files import emit

    try:
        data = overview_html(read_corpus(args.source))
    except ImportError as exc:
        print(f"policyparse: {args.source}: reading DuckDB needs the batch extra ({exc})", file=sys.stderr)
        return 1
    except (OSError, ValueError) as exc:
        print(f"policyparse: {args.source}: {_first_line(exc)}", file=sys.stderr)
        return 1
    except Exception as exc:  # e.g. a damaged DuckDB file: one line, not a traceback
        print(f"policyparse: {args.source}: {type(exc).__name__}: {_first_line(exc)}", file=sys.stderr)
        return 1
    return emit(args.out, data)


def register(subparsers: Any) -> None:
    """Add ``overview`` to the ``policyparse`` command line."""
    p = subparsers.add_parser(
        "overview", help="write an HTML overview of a converted corpus (folder or .duckdb)",
        description="Write one self-contained HTML page of counts over a corpus: notices per issuer and "
                    "year, busiest responsible units, targets due per year, most-cited documents.")
    p.add_argument("source", type=Path, metavar="DIR_OR_DUCKDB")
    p.add_argument("--out", type=Path, metavar="PAGE", help="output .html file (default: print to stdout)")
    p.set_defaults(func=cmd_overview)

