"""``policyparse batch`` end to end: a zip of real notices with broken files mixed in."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path
from typing import Any

import pytest

from policyparse.batch import BatchOptions, Layout, read_jsonl, run_batch
from policyparse.models import Notice
from policyparse.tables import RECORD_LISTS, TABLES

duckdb = pytest.importorskip("duckdb")
pytest.importorskip("pyarrow")

ROOT = Path(__file__).resolve().parents[2]
TEXTS = sorted((ROOT / "samples").glob("*.txt"))
PAGES = sorted((ROOT / "samples" / "html").glob("*.html"))
COPIES = 5  # of each of the 8 samples: 40 notices, enough to cover parts, encodings and workers
MAX_BYTES = 256 * 1024


def _unique_text(text: str, n: int) -> str:
    # A copy must differ from the others, or it is (rightly) a duplicate.
    return f"{text.rstrip()}\n(副本{n})\n"


def _unique_page(html: str, n: int, marker: str) -> str:
    # Inside a body paragraph, where the page loader keeps it (every copy of it on the page).
    assert marker in html
    return html.replace(marker, f"{marker}(副本{n})")


def _encode(text: str, n: int) -> bytes:
    if n % 3 == 1:  # every third copy as saved on a Chinese Windows machine
        try:
            return text.encode("gbk")
        except UnicodeEncodeError:
            return text.encode("gb18030")
    return text.encode("utf-8")


BROKEN: dict[str, bytes] = {
    "broken/empty.txt": b"",
    "broken/blank.txt": b"  \r\n\r\n \t\n",
    "broken/binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8,
    "broken/zero.html": b"",
    "broken/nobody.html": b"<html><head><title>x</title></head><body><script>var a=1;</script></body></html>",
    "broken/binary.htm": b"\x00\x01\x02\x03" * 500,
    "broken/too_big.txt": "通知内容。".encode() * (MAX_BYTES // 10),
    "broken/bomb.txt": b"\x00" * (4 << 20),
    "broken/nested.tar.gz": b"\x1f\x8b\x08\x00",
}
CORRUPT = "broken/bad_crc.txt"  # the tenth: a stored member whose bytes no longer match its CRC
NOT_INPUTS = {"__MACOSX/._a.txt": b"\x00\x05", "assets/site.css": b"p{}"}


def build_zip(path: Path) -> dict[str, Any]:
    """The done-when archive: samples as text and pages (some GBK), broken files, odd entries."""
    markers = {}
    from policyparse.load import load_bytes

    for p in PAGES:  # a line of the page's body as the loader extracts it
        lines = [ln for ln in load_bytes(p.read_bytes(), p.name).text.splitlines()[2:] if len(ln) > 40]
        markers[p.name] = lines[0][:12]
    good: list[str] = []
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("notices/", b"")
        for n in range(COPIES):
            for p in TEXTS:
                name = f"notices/{n}/{p.name}"
                zf.writestr(name, _encode(_unique_text(p.read_text(encoding="utf-8"), n), n))
                good.append(name)
            for p in PAGES:
                name = f"pages/{n}/{p.name}"
                html = _unique_page(p.read_text(encoding="utf-8"), n, markers[p.name])
                zf.writestr(name, html.encode("utf-8") if n % 3 != 1 else _encode(html, n))
                good.append(name)
        for name, data in {**BROKEN, **NOT_INPUTS}.items():
            zf.writestr(name, data)
        link = zipfile.ZipInfo("notices/link.txt")
        link.external_attr = 0o120777 << 16
        zf.writestr(link, "0/000.txt")
        zf.writestr(zipfile.ZipInfo(CORRUPT), b"A" * 3000, compress_type=zipfile.ZIP_STORED)
    data = path.read_bytes()
    path.write_bytes(data.replace(b"A" * 3000, b"B" * 3000))
    return {"good": good, "broken": [*BROKEN, CORRUPT]}


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    path = tmp_path_factory.mktemp("in") / "site.zip"
    return path, build_zip(path)


@pytest.fixture(scope="module")
def converted(archive: tuple[Path, dict[str, Any]], tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out")
    s = run_batch([archive[0]], out, BatchOptions(jobs=1, max_bytes=MAX_BYTES, quiet=True,
                                                  jsonl=out / "all.jsonl", part_size=16))
    assert (s.parsed, s.failed, s.duplicates) == (len(archive[1]["good"]), 10, 0)
    return out


def _record_counts(out: Path) -> dict[str, int]:
    counts = {t: 0 for t in TABLES}
    for e in read_jsonl(Layout(out).manifest):
        if e["status"] != "parsed":
            continue
        n = Notice.model_validate_json((out / e["json"]).read_text(encoding="utf-8"))
        records = n.to_records()
        counts["notices"] += 1
        counts["incentives"] += len(n.incentives)
        for table, key in RECORD_LISTS.items():
            counts[table] += len(records[key])
    return counts


def _db_counts(out: Path) -> dict[str, int]:
    con = duckdb.connect(str(out / "notices.duckdb"), read_only=True)
    try:
        return {t: con.execute(f'select count(*) from "{t}"').fetchone()[0] for t in TABLES}
    finally:
        con.close()


def test_done_when(archive: tuple[Path, dict[str, Any]], converted: Path) -> None:
    zpath, built = archive
    layout = Layout(converted)
    errors = list(read_jsonl(layout.errors))
    assert sorted(e["source"] for e in errors) == sorted(f"{zpath}/{b}" for b in built["broken"])
    assert all(e["error"] and e["message"] for e in errors)
    by_name = {e["source"].rsplit("/", 1)[-1]: e["error"] for e in errors}
    assert by_name["empty.txt"] == by_name["blank.txt"] == "EmptyInputError"
    assert by_name["bomb.txt"] == by_name["too_big.txt"] == "TooLargeError"
    assert by_name["binary.txt"] == "DecodeError"
    assert by_name["bad_crc.txt"] == "ArchiveError"

    counts = _db_counts(converted)
    assert counts["notices"] == len(built["good"])
    assert counts == _record_counts(converted)
    assert counts["sections"] > 0

    summary = json.loads(layout.summary.read_text())
    assert summary["parsed"] == len(built["good"]) and summary["failed"] == 10
    assert summary["skipped_reasons"] == {"hidden": 1, "symlink": 1, "unsupported type": 1}
    assert summary["tables"] == counts
    assert len((converted / "all.jsonl").read_text(encoding="utf-8").splitlines()) == len(built["good"])
    jsons = sorted(p.relative_to(layout.json_dir).as_posix() for p in layout.json_dir.rglob("*.json"))
    assert jsons == sorted(f"site.zip/{g}.json" for g in built["good"])
    assert len(list((converted / "parquet" / "notices").glob("*.parquet"))) == -(-len(built["good"]) // 16)


def test_gbk_and_utf8_copies_parse_alike(converted: Path) -> None:
    con = duckdb.connect(str(converted / "notices.duckdb"), read_only=True)
    # Copy 1 of each sample is GBK, copy 0 UTF-8: same title, same number of sections.
    got = con.execute("""
        select name, count(distinct title), count(distinct n_sections), count(*) from notices
        group by name order by name""").fetchall()
    con.close()
    assert len(got) == len(TEXTS) + len(PAGES)
    assert all(row[1:] == (1, 1, COPIES) for row in got), got


def test_resume_parses_nothing(archive: tuple[Path, dict[str, Any]], converted: Path,
                               monkeypatch: pytest.MonkeyPatch) -> None:
    import policyparse.pipeline

    def refuse(*_: Any) -> Any:
        raise AssertionError("--resume parsed an input it had already converted")

    monkeypatch.setattr(policyparse.pipeline, "parse_loaded", refuse)
    layout = Layout(converted)
    before = {p: p.stat().st_mtime_ns for p in layout.json_dir.rglob("*.json")}
    errors_before = layout.errors.read_text()
    counts_before = _db_counts(converted)
    s = run_batch([archive[0]], converted, BatchOptions(jobs=1, max_bytes=MAX_BYTES, quiet=True,
                                                        resume=True, jsonl=converted / "all.jsonl"))
    assert (s.parsed, s.failed, s.duplicates) == (0, 0, 0)
    assert s.skipped_reasons["unchanged"] == len(archive[1]["good"]) + 10
    assert {p: p.stat().st_mtime_ns for p in layout.json_dir.rglob("*.json")} == before
    assert layout.errors.read_text() == errors_before
    assert _db_counts(converted) == counts_before
    assert len((converted / "all.jsonl").read_text(encoding="utf-8").splitlines()) == len(archive[1]["good"])


def test_two_jobs_same_tables(archive: tuple[Path, dict[str, Any]], converted: Path, tmp_path: Path) -> None:
    s = run_batch([archive[0]], tmp_path, BatchOptions(jobs=2, max_bytes=MAX_BYTES, quiet=True))
    assert (s.parsed, s.failed) == (len(archive[1]["good"]), 10)
    assert _db_counts(tmp_path) == _db_counts(converted)
    assert sorted(e["source"] for e in read_jsonl(Layout(tmp_path).errors)) == sorted(
        e["source"] for e in read_jsonl(Layout(converted).errors))


def test_killed_run_completed_by_resume(archive: tuple[Path, dict[str, Any]], converted: Path,
                                        tmp_path: Path) -> None:
    # A run killed after writing some parts: the manifest lost its last appends, a part is an
    # orphan, the DuckDB file was never built. --resume must finish it with nothing twice.
    s = run_batch([archive[0]], tmp_path, BatchOptions(jobs=1, max_bytes=MAX_BYTES, quiet=True, part_size=8))
    layout = Layout(tmp_path)
    lines = layout.manifest.read_text(encoding="utf-8").splitlines(keepends=True)
    layout.manifest.write_text("".join(lines[:20]) + lines[20][:15], encoding="utf-8")  # + a torn line
    layout.duckdb.unlink()
    s = run_batch([archive[0]], tmp_path, BatchOptions(jobs=1, max_bytes=MAX_BYTES, quiet=True, resume=True))
    assert s.parsed > 0 and s.skipped_reasons["unchanged"] > 0
    assert _db_counts(tmp_path) == _db_counts(converted)
    assert len(list(read_jsonl(layout.errors))) == 10


def test_changed_input_replaces_its_rows(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for p in TEXTS[:3]:
        (src / p.name).write_bytes(p.read_bytes())
    out = tmp_path / "out"
    run_batch([src], out, BatchOptions(jobs=1, quiet=True))
    (src / TEXTS[0].name).write_text(TEXTS[1].read_text(encoding="utf-8") + "\n(改)\n", encoding="utf-8")
    (src / "copy.txt").write_bytes(TEXTS[2].read_bytes())  # an exact duplicate of another input
    s = run_batch([src], out, BatchOptions(jobs=1, quiet=True, resume=True))
    assert (s.parsed, s.duplicates, s.skipped) == (1, 1, 2)
    con = duckdb.connect(str(out / "notices.duckdb"), read_only=True)
    assert con.execute("select count(*), count(distinct source) from notices").fetchone() == (3, 3)
    dup = [e for e in read_jsonl(Layout(out).manifest) if e["status"] == "duplicate"]
    assert [d["source"].rsplit("/", 1)[-1] for d in dup] == ["copy.txt"]
    con.close()


def test_exact_duplicates_parsed_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import policyparse.pipeline

    calls: list[str | None] = []
    real = policyparse.pipeline.parse_loaded

    def counting(loaded: Any) -> Any:
        calls.append(loaded.source)
        return real(loaded)

    monkeypatch.setattr(policyparse.pipeline, "parse_loaded", counting)
    text = TEXTS[0].read_text(encoding="utf-8")
    z = tmp_path / "d.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("a.txt", text.encode())
        zf.writestr("b.txt", text.encode("gb18030"))
        zf.writestr("c.txt", text.replace("\n", "\r\n").encode())
    s = run_batch([z], tmp_path / "out", BatchOptions(jobs=1, quiet=True))
    assert (s.parsed, s.duplicates) == (1, 2)
    assert calls == [f"{z}/a.txt"]


def _evil_members() -> dict[str, bytes]:
    body = TEXTS[3].read_bytes()
    return {"../../escaped1.txt": body, "/tmp/escaped2.txt": body + b"2", "C:\\escaped3.txt": body + b"3",
            "ok/../../../escaped4.txt": body + b"4", "..\\..\\escaped5.txt": body + b"5"}


def _files_outside(tmp_path: Path, out: Path, archive: Path) -> list[Path]:
    return [p for p in tmp_path.rglob("*") if p.is_file() and p != archive and out not in p.parents]


def test_zip_slip_zip(tmp_path: Path) -> None:
    z = tmp_path / "evil.zip"
    with zipfile.ZipFile(z, "w") as zf:
        for name, data in _evil_members().items():
            zf.writestr(name, data)
    out = tmp_path / "deep" / "out"
    s = run_batch([z], out, BatchOptions(jobs=1, quiet=True))
    assert s.parsed == 5
    assert _files_outside(tmp_path, out, z) == []
    assert not list(Path("/tmp").glob("escaped*.txt*"))
    assert len(list((out / "json").rglob("*.json"))) == 5


def test_zip_slip_tar(tmp_path: Path) -> None:
    t = tmp_path / "evil.tar.gz"
    with tarfile.open(t, "w:gz") as tf:
        for name, data in _evil_members().items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    out = tmp_path / "deep" / "out"
    s = run_batch([t], out, BatchOptions(jobs=1, quiet=True))
    assert s.parsed == 5
    assert _files_outside(tmp_path, out, t) == []
    assert len(list((out / "json").rglob("*.json"))) == 5


def test_command_line(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for p in TEXTS[:2]:
        (src / p.name).write_bytes(p.read_bytes())
    (src / "empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    run = subprocess.run([sys.executable, "-m", "policyparse", "batch", str(src), "--out", str(out),
                          "--jobs", "1", "--max-bytes", "1MB"], capture_output=True, text=True, env=env,
                         timeout=120)
    assert run.returncode == 0, run.stderr
    assert "2 parsed, 1 failed" in run.stderr and "errors.jsonl" in run.stderr
    assert "━" not in run.stderr  # no progress bar when stderr is not a terminal
    run = subprocess.run([sys.executable, "-m", "policyparse", "batch", str(src), "--out", str(out),
                          "--jobs", "1", "--resume", "--quiet", "--strict"], capture_output=True, text=True,
                         env=env, timeout=120)
    assert run.returncode == 1 and run.stderr == ""  # --strict: a failed input (from the first run)
    con = duckdb.connect(str(out / "notices.duckdb"), read_only=True)
    assert con.execute("select count(*) from notices").fetchone() == (2,)
    con.close()


def test_two_jobs_workers_write_parts_the_manifest_names(archive: tuple[Path, dict[str, Any]],
                                                        tmp_path: Path) -> None:
    # Workers write their own parts: every parsed input's part exists, and no part is unnamed.
    s = run_batch([archive[0]], tmp_path, BatchOptions(jobs=2, max_bytes=MAX_BYTES, quiet=True, part_size=8,
                                                       chunk_items=2, duckdb=False))
    parsed = [e for e in read_jsonl(Layout(tmp_path).manifest) if e["status"] == "parsed"]
    assert len(parsed) == s.parsed == len(archive[1]["good"])
    named = {e["part"] for e in parsed}
    for t in TABLES:
        assert {p.stem for p in (tmp_path / "parquet" / t).glob("*.parquet")} == named
    per_part = {n: sum(e["part"] == n for e in parsed) for n in named}
    # part_size is shared by the pool (8 / 2 workers); a part closes at the end of a task (2 inputs).
    assert max(per_part.values()) <= 4 + 1
    assert all((tmp_path / e["json"]).is_file() for e in parsed)
    assert not list(tmp_path.rglob(".*.tmp"))


def test_exact_duplicates_across_workers(tmp_path: Path) -> None:
    text = TEXTS[0].read_text(encoding="utf-8")
    z = tmp_path / "d.zip"
    with zipfile.ZipFile(z, "w") as zf:
        for i in range(4):  # the copies land in different tasks, so on different workers
            zf.writestr(f"{i}/a.txt", text.encode())
            zf.writestr(f"{i}/b.txt", text.encode("gb18030"))
            zf.writestr(f"{i}/c.txt", _unique_text(text, i).encode())
    s = run_batch([z], tmp_path / "out", BatchOptions(jobs=2, quiet=True, chunk_items=2))
    assert (s.parsed, s.duplicates) == (5, 7)
    con = duckdb.connect(str(tmp_path / "out" / "notices.duckdb"), read_only=True)
    assert con.execute("select count(*), count(distinct text_hash) from notices").fetchone() == (5, 5)
    con.close()
    firsts = {e["notice_id"] for e in read_jsonl(Layout(tmp_path / "out").manifest) if e["status"] == "parsed"}
    dups = [e for e in read_jsonl(Layout(tmp_path / "out").manifest) if e["status"] == "duplicate"]
    assert {d["duplicate_of"] for d in dups} <= firsts


def test_dead_worker_inputs_sent_again(tmp_path: Path) -> None:
    # A worker that dies takes its unwritten part with it: a fresh worker parses its inputs again.
    from policyparse.batch import WorkerConfig, _ProcessPool, _Task

    tables = tmp_path / "parquet"
    cfg = WorkerConfig(str(tmp_path / "json"), False, MAX_BYTES, tables_dir=str(tables), part_size=100)
    pool = _ProcessPool(2, cfg, "run", {})
    try:
        victim = pool.procs[0]
        victim.proc.kill()
        victim.proc.join()
        stale = tables / "notices" / f"{victim.prefix}-00001.parquet"  # as if written, never reported
        stale.parent.mkdir(parents=True)
        stale.write_bytes(b"half")
        items = [(i, f"s/{p.name}", f"s/{p.name}", p.read_bytes()) for i, p in enumerate(TEXTS[:3])]
        pool.tid += 1
        pool._send(_Task(pool.tid, items), victim)
        replies = []
        for _ in range(50):
            replies += pool.poll(True)
            if sum(len(r.results) for r in replies) == 3:
                break
        replies += list(pool.drain())
    finally:
        pool.close()
    assert [r.lost for r in replies if r.lost] == [victim.prefix]
    assert not stale.exists()
    results = [res for r in replies for res in r.results]
    assert sorted(res["seq"] for res in results) == [0, 1, 2]
    assert all(res["status"] == "parsed" for res in results)
    committed = {r.committed for r in replies if r.committed}
    assert {res["part"] for res in results} == committed
    assert all((tables / "notices" / f"{c}.parquet").exists() for c in committed)


def test_part_buffer_turns_rows_into_arrow_and_writes_them_all(tmp_path: Path) -> None:
    # Rows become Arrow chunks every ARROW_EVERY notices; the part still holds every row, in
    # the order the notices came, and every table has a file.
    import pyarrow.parquet as pq

    from policyparse.batch import ARROW_EVERY, PartBuffer

    n = 2 * ARROW_EVERY + 3
    buf = PartBuffer(tmp_path, "w0", part_size=n)
    for i in range(n):
        name = buf.add({"notices": [{"notice_id": f"n{i:03d}", "source": f"{i}.txt"}],
                        "sections": [{"notice_id": f"n{i:03d}", "idx": k, "path": str(k)} for k in range(i % 3)]})
        assert name == "w0-00001"
        assert buf.full == (i == n - 1)
    assert buf.flush() == "w0-00001"
    assert buf.flush() is None  # nothing left: no empty part
    notices = pq.read_table(tmp_path / "notices" / "w0-00001.parquet")
    assert notices["notice_id"].to_pylist() == [f"n{i:03d}" for i in range(n)]
    sections = pq.read_table(tmp_path / "sections" / "w0-00001.parquet")
    assert sections.num_rows == sum(i % 3 for i in range(n))
    assert {p.parent.name for p in tmp_path.glob("*/w0-00001.parquet")} == set(TABLES)
    assert buf.add({"notices": [{"notice_id": "next"}]}) == "w0-00002"


def test_resume_clears_a_killed_builds_spill_folder(tmp_path: Path) -> None:
    # DuckDB spills into a folder beside the database's temp file; a killed run leaves it behind.
    (tmp_path / ".notices.duckdb.x1.tmp.spill").mkdir(parents=True)
    (tmp_path / ".notices.duckdb.x1.tmp.spill" / "duckdb_temp_block").write_bytes(b"x")
    (tmp_path / ".notices.duckdb.x2.tmp").write_bytes(b"x")
    run_batch([TEXTS[0]], tmp_path, BatchOptions(jobs=1, resume=True, quiet=True))
    assert not list(tmp_path.glob(".*.tmp*"))
    assert (tmp_path / "notices.duckdb").is_file()
