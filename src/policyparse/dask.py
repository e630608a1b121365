"""Parsing on a Dask cluster: a bag of paths or texts in, the batch's Parquet tables out.

>>> import dask.bag as db
>>> from distributed import Client
>>> from policyparse.dask import parse_bag
>>> client = Client("tcp://scheduler:8786")                       # doctest: +SKIP
>>> bag = db.from_sequence(paths, partition_size=200)              # doctest: +SKIP
>>> summary = parse_bag(bag, "/shared/out")                        # doctest: +SKIP

Each partition is parsed on a worker, which writes its rows as one part per table,
``OUT/parquet/<table>/dask-<partition>.parquet`` (the same tables and schemas as
``policyparse batch``), so OUT must be a folder every worker and the client can reach (NFS,
a mounted bucket). Workers send back only one small status line per input. The client then
drops exact duplicates that landed in different partitions (the first in bag order stays),
writes ``manifest.jsonl`` and ``errors.jsonl`` and builds ``notices.duckdb`` from the parts.

Items of the bag may be paths (files, folders and archives, as for ``policyparse batch``),
texts (``inputs="texts"``), bytes, or ``(source, text_or_bytes)`` pairs.
``policyparse batch --scheduler ADDRESS`` runs the ordinary batch with a cluster's workers
instead of local processes, for inputs only the client machine can read.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Literal

from .batch import Layout, Summary, WorkerConfig, append_lines, error_record, parse_item
from .load import DEFAULT_MAX_BYTES

InputKind = Literal["paths", "texts"]


def part_name(index: int) -> str:
    """The part a partition writes."""
    return f"dask-{index:05d}"


def _entries(items: Iterable[Any], inputs: InputKind, max_bytes: int) -> Iterator[tuple[str | None, Any]]:
    # (source, bytes | archives.Entry): what one partition's items amount to.
    from .archives import EntryWalker

    walker = EntryWalker(max_bytes)
    for item in items:
        if isinstance(item, tuple) and len(item) == 2:
            source, body = item
            yield (None if source is None else str(source)), body
        elif isinstance(item, bytes | bytearray):
            yield None, bytes(item)
        elif inputs == "texts" and isinstance(item, str):
            yield None, item
        else:
            for entry in walker.walk([item]):
                yield entry.source, entry


def parse_partition(
    items: Iterable[Any], index: int, tables_dir: str, inputs: InputKind = "paths",
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> list[dict[str, Any]]:
    """Parse one partition on a worker and write its part; return one small status per input."""
    from .archives import Entry
    from .tables import merge_rows, write_part

    cfg = WorkerConfig(None, False, max_bytes)
    claims: dict[str, tuple[str, int]] = {}
    rows: dict[str, list[dict[str, Any]]] = {}
    out: list[dict[str, Any]] = []
    for seq, (source, body) in enumerate(_entries(items, inputs, max_bytes)):
        if isinstance(body, Entry):
            if body.skipped is not None:
                out.append({"source": body.source, "status": "skipped", "reason": body.skipped})
                continue
            if body.data is None:
                out.append({"source": body.source, "status": "failed", "error": body.error,
                            "message": body.message})
                continue
            body = body.data
        data = body.encode("utf-8") if isinstance(body, str) else bytes(body)
        res = parse_item(seq, source or "", "", data, cfg, claims)
        if source is None:  # a bare text: no source on its rows either
            res["source"] = None
        if res["status"] == "parsed":
            merge_rows(rows, res.pop("rows"))
        res.pop("json", None)
        res["part"] = part_name(index) if res["status"] == "parsed" else None
        res["bytes"] = len(data)
        out.append(res)
    write_part(Path(tables_dir), part_name(index), rows)
    return out


def parse_bag(
    bag: Any, out: str | os.PathLike[str], *, inputs: InputKind = "paths",
    max_bytes: int = DEFAULT_MAX_BYTES, duckdb: bool = True,
) -> Summary:
    """Parse every item of a Dask bag on the current Dask scheduler into OUT's tables.

    ``inputs`` says how to read a bare string: as a path (default) or as a notice's text.
    Returns the same summary as ``policyparse batch``.
    """
    from dask.base import compute
    from dask.delayed import delayed

    from .tables import build_duckdb, drop_notices

    started = time.monotonic()
    layout = Layout(Path(out))
    layout.root.mkdir(parents=True, exist_ok=True)
    layout.reset()
    tasks = [
        delayed(parse_partition, pure=False)(part, i, str(layout.tables), inputs, max_bytes)
        for i, part in enumerate(bag.to_delayed())
    ]
    results: tuple[list[dict[str, Any]], ...] = compute(*tasks)  # type: ignore[no-untyped-call]

    summary = Summary(out=str(out))
    seen: dict[str, str] = {}
    manifest: list[str] = []
    errors: list[str] = []
    for i, statuses in enumerate(results):
        late: set[str] = set()
        for res in statuses:
            status = res["status"]
            if status == "parsed":
                first = seen.setdefault(res["text_hash"], res["notice_id"])
                if first != res["notice_id"]:
                    late.add(res["notice_id"])
                    res.update(status="duplicate", duplicate_of=first, part=None)
                    status = "duplicate"
            if status == "parsed":
                summary.parsed += 1
                summary.bytes += res.get("bytes", 0)
            elif status == "duplicate":
                summary.duplicates += 1
            elif status == "skipped":
                summary.skip(res.get("reason") or "skipped")
            else:
                summary.failed += 1
                errors.append(json.dumps(error_record(res), ensure_ascii=False))
            res.pop("seq", None)
            manifest.append(json.dumps(res, ensure_ascii=False))
        if late:
            drop_notices(layout.tables, part_name(i), late)
    append_lines(layout.errors, errors)
    if not errors:
        layout.errors.write_text("", encoding="utf-8")
    append_lines(layout.manifest, manifest)
    if duckdb:
        summary.tables = build_duckdb(layout.tables, layout.duckdb)
    else:
        from .batch import count_rows

        summary.tables = count_rows(layout.tables)
    summary.seconds = time.monotonic() - started
    from .files import write_atomic

    write_atomic(layout.summary, json.dumps(summary.as_dict(), ensure_ascii=False, indent=1))
    return summary
