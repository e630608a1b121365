"""The Dask path writes the same tables as the local batch, on a LocalCluster started here."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from policyparse.batch import BatchOptions, run_batch
from policyparse.tables import TABLES

pytest.importorskip("distributed")
pq = pytest.importorskip("pyarrow.parquet")

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = [str(p) for p in sorted((ROOT / "samples").glob("*.txt"))] + [
    str(p) for p in sorted((ROOT / "samples" / "html").glob("*.html"))]


def _tables(out: Path) -> dict[str, list[dict[str, Any]]]:
    got = {}
    for t in TABLES:
        rows = pq.read_table(out / "parquet" / t).to_pylist() if (out / "parquet" / t).is_dir() else []
        got[t] = sorted(rows, key=lambda r: (r["notice_id"], r.get("idx") or 0))
    return got


@pytest.fixture(scope="module")
def cluster() -> Any:
    from distributed import Client, LocalCluster

    # Threads in this process: light on a small CI machine, and the code path is the same.
    with LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as lc, \
            Client(lc) as client:
        yield lc, client


@pytest.fixture(scope="module")
def local(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("local")
    s = run_batch(SAMPLES, out, BatchOptions(jobs=1, quiet=True, duckdb=False))
    assert s.parsed == len(SAMPLES)
    return out


def test_bag_of_paths_same_tables(cluster: Any, local: Path, tmp_path: Path) -> None:
    import dask.bag as db

    from policyparse.dask import parse_bag

    s = parse_bag(db.from_sequence(SAMPLES, npartitions=3), tmp_path)
    assert (s.parsed, s.failed) == (len(SAMPLES), 0)
    assert sorted(p.name for p in (tmp_path / "parquet" / "notices").iterdir()) == [
        "dask-00000.parquet", "dask-00001.parquet", "dask-00002.parquet"]
    assert _tables(tmp_path) == _tables(local)
    assert s.tables["notices"] == len(SAMPLES)


def test_scheduler_option_same_tables(cluster: Any, local: Path, tmp_path: Path) -> None:
    lc, _client = cluster
    s = run_batch(SAMPLES, tmp_path, BatchOptions(scheduler=lc.scheduler_address, quiet=True))
    assert (s.parsed, s.failed) == (len(SAMPLES), 0)
    assert _tables(tmp_path) == _tables(local)
    assert len(list((tmp_path / "json").rglob("*.json"))) == len(SAMPLES)  # written by this process


def test_bag_of_texts_with_duplicates_and_failures(cluster: Any, tmp_path: Path) -> None:
    import dask.bag as db

    from policyparse.dask import parse_bag

    texts = [Path(p).read_text(encoding="utf-8") for p in SAMPLES[:3]]
    items = [("a.txt", texts[0]), ("b.txt", texts[1]), ("c.txt", texts[0].replace("\n", "\r\n")),
             ("d.txt", texts[2].encode("gb18030")), ("e.txt", b""), ("f.txt", b"\x00\x01" * 100)]
    s = parse_bag(db.from_sequence(items, npartitions=3), tmp_path)
    # c.txt repeats a.txt in another partition: it is dropped from its part after the fact.
    assert (s.parsed, s.duplicates, s.failed) == (3, 1, 2)
    assert sorted(r["source"] for r in _tables(tmp_path)["notices"]) == ["a.txt", "b.txt", "d.txt"]
    errors = (tmp_path / "errors.jsonl").read_text(encoding="utf-8")
    assert "EmptyInputError" in errors and "DecodeError" in errors

    bare = parse_bag(db.from_sequence(texts[:2], npartitions=1), tmp_path / "bare", inputs="texts")
    assert bare.parsed == 2
