"""``policyparse batch INPUT... --out DIR``: whole archives in, JSON and analytics tables out.

Layout of DIR::

    json/<path>.json        the full Notice of each input (path derived safely from its name)
    parquet/<table>/*.parquet   notices, sections, targets, incentives, assignments, references,
                            phases, attachments: one file per table per committed part
    notices.duckdb          the same tables in one DuckDB file, plus the ``citations`` view
    manifest.jsonl          one line per input: content hash, status, notice id, part (for --resume)
    errors.jsonl            one line per input that could not be parsed
    summary.json            the counts printed at the end

The main process walks the inputs (archives streamed member by member), hashes each input's
bytes for --resume and sends tasks of a few inputs to worker processes. It does little else, so
that on a small machine it does not take CPU from the workers: each worker writes the JSON
files and its own Parquet *parts* (one file per table, every ``part_size / jobs`` notices, so
the rows buffered across the pool stay at ``part_size``) and sends back only a small status per
input. An input enters the manifest only once the part holding its rows is written, so memory
stays flat however many notices there are, and a killed run loses at most the parts being
filled. ``--resume`` skips inputs whose content hash the manifest already holds and deletes
parts the manifest does not name; a worker that dies has its unfinished part deleted and its
inputs sent again. The DuckDB file is rebuilt from the parts at the end of every run. Every
file lands by temp file + rename; the two logs take each commit's lines in one append, and a
reader ignores a torn last line. ``--jobs 1`` parses in the main process itself.

Exact duplicates (same text once width and spacing are folded) are claimed by text hash in a
table shared by the workers (one round trip per task) before parsing, so each text is parsed
once; later copies are recorded in the manifest as duplicates of the first.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import hashlib
import json
import os
import shutil
import sys
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from functools import lru_cache
from multiprocessing.managers import BaseManager
from pathlib import Path
from typing import IO, Any

from .errors import PolicyParseError
from .load import DEFAULT_MAX_BYTES

TABLES_DIR = "parquet"
# Tasks carry a few inputs each: enough to make a process round trip cheap, few enough that
# the slowest task does not hold up the end of a run.
CHUNK_ITEMS = 8
CHUNK_BYTES = 4 << 20


class EmptyInputError(PolicyParseError):
    """The input holds no text at all (an empty or blank file, a page without a body)."""


class UnsafePathError(PolicyParseError):
    """An output path would land outside the output folder."""


# ---------------------------------------------------------------------------------------- layout

@dataclass(frozen=True, slots=True)
class Layout:
    """Where a batch's outputs live under DIR."""

    root: Path

    @property
    def json_dir(self) -> Path:
        return self.root / "json"

    @property
    def tables(self) -> Path:
        return self.root / TABLES_DIR

    @property
    def manifest(self) -> Path:
        return self.root / "manifest.jsonl"

    @property
    def errors(self) -> Path:
        return self.root / "errors.jsonl"

    @property
    def duckdb(self) -> Path:
        return self.root / "notices.duckdb"

    @property
    def summary(self) -> Path:
        return self.root / "summary.json"

    def reset(self) -> None:
        """Remove a previous run's tables and logs (only the files a batch writes)."""
        if self.tables.is_dir():
            shutil.rmtree(self.tables)
        for p in (self.manifest, self.errors, self.duckdb, self.summary):
            p.unlink(missing_ok=True)
        Path(f"{self.duckdb}.wal").unlink(missing_ok=True)


@lru_cache(maxsize=64)
def _resolved(path: Path) -> Path:
    return path.resolve()


def json_path(json_dir: Path, relpath: str) -> Path:
    """DIR/json/<relpath>.json, refusing any path that would resolve outside DIR/json."""
    from .archives import safe_relpath

    rel = safe_relpath(relpath) or "_"
    parts = rel.split("/")
    path = json_dir.joinpath(*parts[:-1], f"{parts[-1]}.json")
    if not path.resolve().is_relative_to(_resolved(json_dir)):
        raise UnsafePathError(relpath, f"output path {path} is outside {json_dir}")
    return path


def append_lines(path: Path, lines: Sequence[str]) -> None:
    """Append whole lines with a single write, so a killed run leaves no half line behind."""
    if not lines:
        return
    data = "".join(f"{ln}\n" for ln in lines).encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        view = memoryview(data)
        while view:
            n = os.write(fd, view)
            view = view[n:]
        os.fsync(fd)
    finally:
        os.close(fd)


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """The records of a JSON-lines log, skipping a torn or damaged line."""
    if not path.exists():
        return
    with path.open("rb") as fh:
        for raw in fh:
            try:
                rec = json.loads(raw)
            except ValueError:
                continue
            if isinstance(rec, dict):
                yield rec


def error_record(entry: MutableMapping[str, Any]) -> dict[str, Any]:
    """The errors.jsonl line of a failed input."""
    return {"source": entry["source"], "error": entry.get("error"), "message": entry.get("message")}


# ---------------------------------------------------------------------------------------- worker

# Text hash → (notice id, input number) of the first input with that text. A plain dict in
# one process, a Manager dict shared by the pool; where workers cannot share one (a Dask
# cluster) the main process drops late duplicates on arrival instead.
Claims = MutableMapping[str, tuple[str, int]]


@dataclass(frozen=True, slots=True)
class WorkerConfig:
    """What a worker needs besides the inputs."""

    json_dir: str | None  # write DIR/json files here (None: the main process writes them)
    return_json: bool  # send the Notice JSON back (for --jsonl, or when the main process writes)
    max_bytes: int
    claims: bool = True  # unused; kept so older callers' arguments still fit
    tables_dir: str | None = None  # the worker writes its own parts here (None: rows are sent back)
    part_size: int = 500  # notices per part the worker writes


Item = tuple[int, str, str, bytes]  # input number, source, relpath, bytes


def _load(seq: int, source: str, data: bytes, cfg: WorkerConfig) -> tuple[dict[str, Any], Any]:
    # The result so far and the loaded text (None when the input failed to load).
    from .load import load_bytes
    from .tables import notice_id, text_hash

    out: dict[str, Any] = {"seq": seq, "source": source}
    try:
        loaded = load_bytes(data, source, max_bytes=cfg.max_bytes)
        if not loaded.text.strip():
            raise EmptyInputError(source, "no text: an empty file or a page without a body")
        out.update(text_hash=text_hash(loaded.text), notice_id=notice_id(source, loaded.text),
                   encoding=loaded.encoding, kind=loaded.kind)
        return out, loaded
    except Exception as exc:
        _failure(out, exc)
        return out, None


def _failure(out: dict[str, Any], exc: Exception) -> None:
    if isinstance(exc, PolicyParseError):
        out.update(status="failed", error=type(exc).__name__, message=exc.reason)
    else:  # a bug on one input must not stop the batch; it is logged like any failure
        out.update(status="failed", error=type(exc).__name__, message=f"internal error: {exc}")


def _parse(out: dict[str, Any], loaded: Any, relpath: str, cfg: WorkerConfig) -> None:
    from .files import write_atomic
    from .pipeline import parse_loaded
    from .tables import notice_rows

    try:
        notice = parse_loaded(loaded)
        rows = notice_rows(notice, out["notice_id"], text_digest=out["text_hash"])
        js = notice.model_dump_json()
        if cfg.json_dir is not None:
            json_dir = Path(cfg.json_dir)
            path = json_path(json_dir, relpath)
            write_atomic(path, js)
            out["json_path"] = path.relative_to(json_dir.parent).as_posix()
        out.update(status="parsed", rows=rows, json=js if cfg.return_json else None)
    except Exception as exc:
        _failure(out, exc)


def parse_item(
    seq: int, source: str, relpath: str, data: bytes, cfg: WorkerConfig, claims: Claims | None
) -> dict[str, Any]:
    """Load, dedupe and parse one input; never raises. Returns a plain dict."""
    started = time.perf_counter()
    out, loaded = _load(seq, source, data, cfg)
    if loaded is not None:
        first_id, first_seq = (out["notice_id"], seq) if claims is None else claims.setdefault(
            out["text_hash"], (out["notice_id"], seq))
        if first_seq != seq:
            out.update(status="duplicate", duplicate_of=first_id)
        else:
            _parse(out, loaded, relpath, cfg)
    out["seconds"] = round(time.perf_counter() - started, 6)
    return out


# Claims a batch of (text hash, notice id, input number) at once; answers each with the
# (notice id, input number) of the first input holding that text.
ClaimFn = Callable[[list[tuple[str, str, int]]], list[tuple[str, int]]]


def claim_in(claims: Claims) -> ClaimFn:
    """A ClaimFn over a dict in this process."""
    return lambda batch: [claims.setdefault(th, (nid, seq)) for th, nid, seq in batch]


class ClaimTable:
    """The claims of a pool's workers, kept in a manager process.

    A worker claims the texts of a whole task in one round trip: one per input cost ~0.7 ms of
    waiting each, as much as writing the input's JSON.
    """

    def __init__(self, claims: Mapping[str, tuple[str, int]]) -> None:
        self.claims = dict(claims)

    def claim(self, batch: list[tuple[str, str, int]]) -> list[tuple[str, int]]:
        return [self.claims.setdefault(th, (nid, seq)) for th, nid, seq in batch]

    def forget(self, th: str) -> None:
        self.claims.pop(th, None)


class _ClaimsManager(BaseManager):
    pass


_ClaimsManager.register("ClaimTable", ClaimTable)


def parse_items(items: Sequence[Item], cfg: WorkerConfig, claim: ClaimFn) -> list[dict[str, Any]]:
    """Load a task's inputs, claim their texts in one call, parse those this task owns."""
    loaded: list[tuple[dict[str, Any], Any, str, float]] = []
    for seq, source, relpath, data in items:
        started = time.perf_counter()
        out, text = _load(seq, source, data, cfg)
        loaded.append((out, text, relpath, time.perf_counter() - started))
    ok = [(out["text_hash"], out["notice_id"], out["seq"]) for out, text, _r, _s in loaded if text is not None]
    owners = iter(claim(ok) if ok else [])
    results = []
    for out, text, relpath, seconds in loaded:
        started = time.perf_counter()
        if text is not None:
            first_id, first_seq = next(owners)
            if first_seq != out["seq"]:
                out.update(status="duplicate", duplicate_of=first_id)
            else:
                _parse(out, text, relpath, cfg)
        out["seconds"] = round(seconds + time.perf_counter() - started, 6)
        results.append(out)
    return results


def parse_chunk(items: Sequence[Item], cfg: WorkerConfig) -> list[dict[str, Any]]:
    """A cluster task: parse a few inputs; the rows come back (duplicates are settled by the caller)."""
    return [parse_item(seq, src, rel, data, cfg, None) for seq, src, rel, data in items]


# A part's rows as Python dicts took ~60 MB per 500 notices, and each part's dicts, freed
# amid longer-lived objects, left the heap a little larger than the last (+13 MB per process
# from 1,000 to 4,000 notices). Turned into Arrow every few notices, they stay a few MB,
# short-lived, and the heap stays flat.
ARROW_EVERY = 16


class PartBuffer:
    """Rows of parsed notices waiting to be written as one part, ``<prefix>-<n>``.

    Each worker process holds one, so rows never travel to the main process: a result names
    the part its rows will land in, and the part is written (every table, atomically) once it
    holds ``part_size`` notices or when asked to flush. Only then may the main process record
    those inputs in the manifest. Rows are kept as Arrow tables, a chunk every ``ARROW_EVERY``
    notices.
    """

    def __init__(self, tables_dir: Path, prefix: str, part_size: int) -> None:
        self.tables_dir = tables_dir
        self.prefix = prefix
        self.part_size = part_size
        self.seq = 1
        self.rows: dict[str, list[dict[str, Any]]] = {}  # rows not yet turned into Arrow
        self.pending = 0  # notices whose rows are in ``rows``
        self.chunks: dict[str, list[Any]] = {}  # table → Arrow tables
        self.count = 0

    @property
    def name(self) -> str:
        return f"{self.prefix}-{self.seq:05d}"

    def add(self, rows: MutableMapping[str, list[dict[str, Any]]]) -> str:
        from .tables import merge_rows

        merge_rows(self.rows, rows)
        self.count += 1
        self.pending += 1
        if self.pending >= ARROW_EVERY:
            self._columnar()
        return self.name

    def _columnar(self) -> None:
        from .tables import to_arrow

        for t, rs in self.rows.items():
            if rs:
                self.chunks.setdefault(t, []).append(to_arrow(t, rs))
        self.rows, self.pending = {}, 0

    @property
    def full(self) -> bool:
        return self.count >= self.part_size

    def flush(self) -> str | None:
        """Write the buffered part; returns its name (None when it held nothing)."""
        from .tables import write_arrow_part

        if not self.count:
            return None
        self._columnar()
        name = self.name
        write_arrow_part(self.tables_dir, name, self.chunks)
        self.chunks, self.count = {}, 0
        self.seq += 1
        # The batch raises gc's thresholds for speed, and with them a full collection almost
        # never comes: cyclic garbage of parsed notices piled up in the oldest generation
        # (+26 MB per worker from 1,000 to 4,000 notices). One full collection per part bounds
        # it by the part size, for ~1% of the time the default thresholds would cost.
        gc.collect()
        # pyarrow's pool (mimalloc) keeps what a part freed, ~20 MB, and the next part or the
        # DuckDB build then comes on top of it.
        import pyarrow as pa  # type: ignore[import-untyped]

        pa.default_memory_pool().release_unused()
        return name

    def take(self, results: list[dict[str, Any]]) -> str | None:
        """Move the rows of parsed results into the buffer; returns the part written, if one was."""
        for res in results:
            rows = res.pop("rows", None)
            if res["status"] == "parsed" and rows is not None:
                res["part"] = self.add(rows)
        return self.flush() if self.full else None


@dataclass
class Reply:
    """What a pool hands back: results, the part that became durable, parts lost with a worker."""

    results: list[dict[str, Any]]
    committed: str | None = None
    lost: str | None = None  # a dead worker's part prefix: its parts not yet committed are gone


def _worker_main(tasks: Any, conn: Any, claims: Any, cfg: WorkerConfig, prefix: str) -> None:
    """A local worker process: parse tasks into its own parts; send back small results only."""
    assert cfg.tables_dir is not None
    # Parsing makes many short-lived objects: collect young ones rarely (PartBuffer.flush makes a
    # full collection per part, so garbage does not pile up with the number of notices).
    gc.set_threshold(50_000, 50, 100)
    buf = PartBuffer(Path(cfg.tables_dir), prefix, cfg.part_size)
    try:
        while True:
            msg = tasks.get()
            if msg is None:
                break
            tid, items = msg
            if items is None:
                conn.send((tid, [], buf.flush(), None))
                continue
            results = parse_items(items, cfg, claims.claim)
            conn.send((tid, results, buf.take(results), None))
    except (KeyboardInterrupt, BrokenPipeError):
        pass
    except Exception as exc:  # writing a part failed (disk full…): the run cannot go on
        conn.send((-1, [], None, f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


# ---------------------------------------------------------------------------------------- pools

@dataclass
class _Task:
    tid: int
    items: list[Item] | None  # None: flush the worker's part
    attempts: int = 1


class _InlinePool:
    """``--jobs 1``: parse in this process, no pickling and no second process."""

    def __init__(self, cfg: WorkerConfig, prefix: str, claims: Claims) -> None:
        assert cfg.tables_dir is not None
        self.cfg = cfg
        self.claims = claims
        self.buf = PartBuffer(Path(cfg.tables_dir), prefix, cfg.part_size)
        self.ready: list[Reply] = []

    def full(self) -> bool:
        return bool(self.ready)

    def submit(self, items: list[Item]) -> None:
        results = parse_items(items, self.cfg, claim_in(self.claims))
        self.ready.append(Reply(results, self.buf.take(results)))

    def poll(self, block: bool) -> list[Reply]:
        out, self.ready = self.ready, []
        return out

    def forget_claim(self, th: str) -> None:
        pass  # the run's own dict is this pool's

    def drain(self) -> Iterator[Reply]:
        yield from self.poll(False)
        committed = self.buf.flush()
        if committed:
            yield Reply([], committed)

    def close(self) -> None:
        pass


class _ExecutorPool:
    """``--scheduler``: tasks on a Dask cluster's workers, which may not see DIR; rows come back
    and this process writes the parts (and JSON)."""

    def __init__(self, client: Any, cfg: WorkerConfig, tables_dir: Path, prefix: str) -> None:
        self.client = client
        self.executor = client.get_executor(pure=False)
        self.cfg = cfg
        self.window = max(2, 3 * int(sum(client.nthreads().values())))
        self.buf = PartBuffer(tables_dir, prefix, cfg.part_size)
        self.pending: deque[tuple[Future[list[dict[str, Any]]], list[Item]]] = deque()

    def full(self) -> bool:
        return len(self.pending) >= self.window

    def submit(self, items: list[Item]) -> None:
        self.pending.append((self.executor.submit(parse_chunk, items, self.cfg), items))

    def poll(self, block: bool) -> list[Reply]:
        out: list[Reply] = []
        while self.pending and (block or self.pending[0][0].done()):
            fut, items = self.pending.popleft()
            try:
                results = fut.result()
            except Exception as exc:
                results = _failed(items, type(exc).__name__, f"worker task failed: {exc}")
            out.append(Reply(results, self.buf.take(results)))
            block = False
        return out

    def forget_claim(self, th: str) -> None:
        pass  # duplicates are settled in the main process

    def drain(self) -> Iterator[Reply]:
        while self.pending:
            yield from self.poll(True)
        committed = self.buf.flush()
        if committed:
            yield Reply([], committed)

    def close(self) -> None:
        self.client.close()  # its executor goes with it


def _failed(items: Iterable[Item], error: str, message: str) -> list[dict[str, Any]]:
    return [{"seq": seq, "source": source, "status": "failed", "error": error, "message": message}
            for seq, source, _rel, _data in items]


@dataclass
class _Proc:
    """One local worker process and what the main process knows of its work."""

    index: int
    prefix: str
    proc: Any
    tasks: Any  # multiprocessing.Queue: its feeder thread keeps the main process from blocking
    conn: Any  # results come back on a pipe of their own, so a dying worker garbles no one else's
    inflight: deque[_Task] = field(default_factory=deque)
    uncommitted: list[Item] = field(default_factory=list)  # parsed, in a part not yet written
    committed: set[str] = field(default_factory=set)


class _ProcessPool:
    """``--jobs N``: N worker processes, each writing its own parts and JSON files.

    The main process only reads inputs, sends their bytes and records the small results. When a
    worker dies (a crash in a native library, the OOM killer), the part it was filling is deleted,
    a new worker takes its place, and every input of that part and of its unfinished tasks is sent
    again; a task that kills a worker twice is retried one input at a time, and an input that
    kills a worker on its own is logged as failed.
    """

    PER_WORKER = 3  # tasks queued per worker: one running, the next ones ready

    def __init__(self, jobs: int, cfg: WorkerConfig, run_id: str, claims: Claims) -> None:
        import multiprocessing as mp

        # forkserver: workers start from a clean process, not a copy of this one with its
        # progress thread and open archives.
        self.ctx: Any = mp.get_context("forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn")
        self.manager = _ClaimsManager(ctx=self.ctx)
        self.manager.start()
        self.claims: Any = self.manager.ClaimTable(claims)  # type: ignore[attr-defined]
        self.cfg = cfg
        self.run_id = run_id
        self.tid = 0
        self.generation = 0
        self.procs = [self._spawn(i) for i in range(jobs)]

    def _spawn(self, index: int) -> _Proc:
        self.generation += 1
        prefix = f"{self.run_id}-w{index}g{self.generation}"
        tasks = self.ctx.Queue()
        recv, send = self.ctx.Pipe(duplex=False)
        proc = self.ctx.Process(target=_worker_main, args=(tasks, send, self.claims, self.cfg, prefix),
                                daemon=True, name=f"policyparse-worker-{index}")
        proc.start()
        send.close()
        return _Proc(index, prefix, proc, tasks, recv)

    def full(self) -> bool:
        return all(len(p.inflight) >= self.PER_WORKER for p in self.procs)

    def _send(self, task: _Task, proc: _Proc | None = None) -> None:
        proc = proc or min(self.procs, key=lambda p: len(p.inflight))
        proc.inflight.append(task)
        proc.tasks.put((task.tid, task.items))

    def submit(self, items: list[Item], attempts: int = 1) -> None:
        self.tid += 1
        self._send(_Task(self.tid, items, attempts))

    def forget_claim(self, th: str) -> None:
        self.claims.forget(th)

    def poll(self, block: bool) -> list[Reply]:
        from multiprocessing.connection import wait

        by_conn = {p.conn: p for p in self.procs}
        by_sentinel = {p.proc.sentinel: p for p in self.procs}
        ready = wait([*by_conn, *by_sentinel], timeout=None if block else 0)
        out: list[Reply] = []
        dead: list[_Proc] = []
        for obj in ready:
            p = by_conn.get(obj)
            if p is None:
                continue
            try:
                while p.conn.poll():
                    out.append(self._reply(p, p.conn.recv()))
            except (EOFError, OSError, ValueError, TypeError, AttributeError, ImportError) as exc:
                if isinstance(exc, EOFError) or not p.proc.is_alive():
                    dead.append(p)
                else:
                    raise
        for obj in ready:
            p = by_sentinel.get(obj)
            if p is not None and p not in dead:
                dead.append(p)
        for p in dead:
            out.append(self._replace(p))
        return out

    def _reply(self, p: _Proc, msg: tuple[int, list[dict[str, Any]], str | None, str | None]) -> Reply:
        tid, results, committed, fatal = msg
        if fatal is not None:
            raise RuntimeError(f"a batch worker failed: {fatal}")
        task = p.inflight.popleft()
        assert task.tid == tid, (task.tid, tid)
        if task.items is not None:
            parsed = {r["seq"] for r in results if r.get("status") == "parsed"}
            p.uncommitted.extend(it for it in task.items if it[0] in parsed)
        if committed is not None:
            p.uncommitted.clear()
            p.committed.add(committed)
        return Reply(results, committed)

    def _replace(self, p: _Proc) -> Reply:
        from .tables import list_parts, remove_parts

        p.proc.join(timeout=5)
        p.conn.close()
        p.tasks.cancel_join_thread()
        p.tasks.close()
        assert self.cfg.tables_dir is not None
        tables = Path(self.cfg.tables_dir)
        # A part it wrote but could not report, or left half written: its inputs are sent again.
        remove_parts(tables, [n for n in list_parts(tables)
                              if n.startswith(f"{p.prefix}-") and n not in p.committed])
        fresh = self._spawn(p.index)
        self.procs[self.procs.index(p)] = fresh
        failed: list[dict[str, Any]] = []
        if p.uncommitted:
            self.submit(p.uncommitted)
        for i, task in enumerate(p.inflight):
            if task.items is None:
                continue
            if i > 0:  # never started: the worker died on the task before it
                self.submit(task.items, task.attempts)
            elif task.attempts == 1:
                self.submit(task.items, 2)
            elif len(task.items) > 1:
                for it in task.items:
                    self.submit([it], 2)
            else:
                failed += _failed(task.items, "WorkerCrashed", "a worker process died parsing this input")
        return Reply(failed, None, p.prefix)

    def drain(self) -> Iterator[Reply]:
        while True:
            while any(p.inflight for p in self.procs):
                yield from self.poll(True)
            todo = [p for p in self.procs if p.uncommitted]
            if not todo:
                return
            for p in todo:
                self.tid += 1
                self._send(_Task(self.tid, None), p)

    def close(self) -> None:
        for p in self.procs:
            with contextlib.suppress(OSError, ValueError):
                p.tasks.put(None)
        for p in self.procs:
            p.proc.join(timeout=30)
            if p.proc.is_alive():
                p.proc.terminate()
                p.proc.join(timeout=5)
            p.conn.close()
            p.tasks.close()
        self.manager.shutdown()


Pool = _InlinePool | _ExecutorPool | _ProcessPool


# ---------------------------------------------------------------------------------------- summary

@dataclass
class Summary:
    """What a batch did. ``skipped`` counts unchanged inputs under --resume and entries that
    are not notices (symlinks, hidden files, other file types), by reason in ``skipped_reasons``."""

    parsed: int = 0
    failed: int = 0
    skipped: int = 0
    duplicates: int = 0
    seconds: float = 0.0
    bytes: int = 0
    skipped_reasons: dict[str, int] = field(default_factory=dict)
    tables: dict[str, int] = field(default_factory=dict)
    out: str = ""
    errors: int = 0  # lines in errors.jsonl at the end, earlier runs' failures included


    def skip(self, reason: str) -> None:
        self.skipped += 1
        self.skipped_reasons[reason] = self.skipped_reasons.get(reason, 0) + 1

    @property
    def notices_per_s(self) -> float:
        return self.parsed / self.seconds if self.seconds > 0 else 0.0

    @property
    def mb_per_s(self) -> float:
        return self.bytes / 1e6 / self.seconds if self.seconds > 0 else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "parsed": self.parsed, "failed": self.failed, "skipped": self.skipped,
            "duplicates": self.duplicates, "seconds": round(self.seconds, 3),
            "notices_per_s": round(self.notices_per_s, 2), "mb_per_s": round(self.mb_per_s, 3),
            "bytes": self.bytes, "skipped_reasons": self.skipped_reasons, "tables": self.tables,
            "errors": self.errors, "out": self.out,
        }

    def line(self) -> str:
        reasons = ", ".join(f"{k}: {v}" for k, v in sorted(self.skipped_reasons.items()))
        return (f"{self.parsed} parsed, {self.failed} failed, {self.skipped} skipped"
                f"{f' ({reasons})' if reasons else ''}, {self.duplicates} duplicates "
                f"in {self.seconds:.1f} s ({self.notices_per_s:.1f} notices/s, {self.mb_per_s:.2f} MB/s)")


# ---------------------------------------------------------------------------------------- options

@dataclass
class BatchOptions:
    """Options of a batch run (the command line's flags)."""

    jobs: int | None = None  # worker processes; None = CPU count
    resume: bool = False
    jsonl: Path | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    duckdb: bool = True
    json: bool = True
    quiet: bool = False
    progress: bool | None = None  # None: only when stderr is a terminal and not quiet
    scheduler: str | None = None  # address of a running Dask scheduler
    part_size: int = 500
    chunk_items: int = CHUNK_ITEMS


# ---------------------------------------------------------------------------------------- run

class _Run:
    """One batch run: the walk, the pool of workers, the commit of parts and logs."""

    def __init__(self, inputs: Sequence[str | os.PathLike[str]], out: Path, opts: BatchOptions) -> None:
        self.inputs = inputs
        self.layout = Layout(out)
        self.opts = opts
        self.summary = Summary(out=str(out))
        # Unique even for two runs in one process within a second: part names must never repeat.
        self.run_id = time.strftime("%Y%m%d%H%M%S") + f"-{uuid.uuid4().hex[:8]}"
        self.prev: dict[str, dict[str, Any]] = {}  # source → its latest manifest entry
        # Parsed inputs wait here until the part holding their rows is written; inputs without
        # rows (failed, duplicates) wait in ``loose`` for the next commit.
        self.open_parts: dict[str, list[tuple[int, dict[str, Any]]]] = {}
        self.loose: list[dict[str, Any]] = []
        self.claims: Claims = {}
        self.worker_claims = True
        self.shas: dict[int, tuple[str, str, int]] = {}  # inputs not yet committed: sha256, relpath, size
        self.jsonl_fh: IO[str] | None = None
        self.jsonl_tmp: Path | None = None
        self.pool: Pool | None = None
        self.progress: Any = None
        self.task: Any = None

    # ---- setup

    def prepare(self) -> None:
        from .tables import list_parts, remove_parts

        root = self.layout.root
        root.mkdir(parents=True, exist_ok=True)
        for tmp in [*root.glob(".*.tmp"), *root.glob(".*.tmp.spill")]:  # a killed run's temp files
            if tmp.is_dir():  # DuckDB's spill folder
                shutil.rmtree(tmp, ignore_errors=True)
            else:
                tmp.unlink(missing_ok=True)
        if not self.opts.resume:
            self.layout.reset()
            return
        committed: set[str] = set()
        for rec in read_jsonl(self.layout.manifest):
            self.prev[rec["source"]] = rec
            if rec.get("part"):
                committed.add(rec["part"])
        # Parts written by a killed run after its last manifest append: their inputs are
        # not in the manifest, so they are parsed again and the orphan rows must go.
        remove_parts(self.layout.tables, list_parts(self.layout.tables) - committed)
        for rec in self.prev.values():
            if rec.get("status") == "parsed" and rec.get("text_hash"):
                self.claims[rec["text_hash"]] = (rec["notice_id"], -1)

    def start_pool(self) -> Pool:
        """The workers, started with the first task, so a --resume with nothing to do starts none."""
        if self.pool is not None:
            return self.pool
        jobs = self.opts.jobs or os.cpu_count() or 1
        jsonl = self.opts.jsonl is not None
        if self.opts.scheduler:
            from distributed import Client

            client = Client(self.opts.scheduler)  # type: ignore[no-untyped-call]
            self.worker_claims = False
            cfg = WorkerConfig(None, True, self.opts.max_bytes, claims=False, part_size=self.opts.part_size)
            self.pool = _ExecutorPool(client, cfg, self.layout.tables, self.run_id)
            return self.pool
        cfg = WorkerConfig(str(self.layout.json_dir) if self.opts.json else None, jsonl, self.opts.max_bytes,
                           # The rows buffered across the pool stay at part_size notices.
                           tables_dir=str(self.layout.tables), part_size=-(-self.opts.part_size // jobs))
        if jobs == 1:
            self.pool = _InlinePool(cfg, self.run_id, self.claims)
        else:
            self.pool = _ProcessPool(jobs, cfg, self.run_id, self.claims)
        return self.pool

    def start_progress(self) -> None:
        show = self.opts.progress
        if show is None:
            show = not self.opts.quiet and sys.stderr.isatty()
        if not show:
            return
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        from .archives import count_estimate

        total = count_estimate(self.inputs)
        self.progress = Progress(
            TextColumn("[bold]policyparse batch"), BarColumn(), MofNCompleteColumn(),
            TextColumn("{task.fields[status]}"), TimeElapsedColumn(), TimeRemainingColumn(),
            console=Console(stderr=True), transient=False,
        )
        self.progress.start()
        self.task = self.progress.add_task("batch", total=total, status="")

    def tick(self) -> None:
        if self.progress is not None:
            s = self.summary
            self.progress.update(self.task, advance=1,
                                 status=f"{s.parsed} ok {s.failed} failed {s.duplicates} dup")

    # ---- the walk

    def run(self) -> Summary:
        thresholds = gc.get_threshold()
        gc.set_threshold(max(thresholds[0], 50_000), *thresholds[1:])
        try:
            return self._run()
        finally:
            gc.set_threshold(*thresholds)

    def _run(self) -> Summary:
        from .archives import EntryWalker

        started = time.monotonic()
        self.prepare()
        if self.opts.jsonl is not None:
            self.opts.jsonl.parent.mkdir(parents=True, exist_ok=True)
            self.jsonl_tmp = self.opts.jsonl.with_name(f".{self.opts.jsonl.name}.{os.getpid()}.tmp")
            self.jsonl_fh = self.jsonl_tmp.open("w", encoding="utf-8")
        self.start_progress()
        chunk: list[Item] = []
        chunk_bytes = 0
        try:
            for seq, entry in enumerate(EntryWalker(self.opts.max_bytes).walk(self.inputs)):
                if entry.skipped is not None:
                    self.summary.skip(entry.skipped)
                    self.tick()
                    continue
                if entry.data is None:
                    prev = self.prev.get(entry.source)
                    if prev and prev.get("error") == entry.error and prev.get("message") == entry.message:
                        self.summary.skip("unchanged")
                        self.tick()
                    else:
                        self.record({"source": entry.source, "status": "failed", "error": entry.error,
                                     "message": entry.message})
                    continue
                sha = hashlib.sha256(entry.data).hexdigest()
                if self.unchanged(entry.source, sha):
                    self.summary.skip("unchanged")
                    self.tick()
                    continue
                chunk.append((seq, entry.source, entry.relpath, entry.data))
                self.shas[seq] = (sha, entry.relpath, len(entry.data))
                chunk_bytes += len(entry.data)
                if len(chunk) >= self.opts.chunk_items or chunk_bytes >= CHUNK_BYTES:
                    self.submit(chunk)
                    chunk, chunk_bytes = [], 0
            if chunk:
                self.submit(chunk)
            if self.pool is not None:
                for reply in self.pool.drain():
                    self.handle(reply)
            self.commit(None)
        finally:
            self.stop()
        self.finish()
        self.summary.seconds = time.monotonic() - started
        from .files import write_atomic

        write_atomic(self.layout.summary, json.dumps(self.summary.as_dict(), ensure_ascii=False, indent=1))
        return self.summary

    def unchanged(self, source: str, sha: str) -> bool:
        """Whether --resume may skip this input; forgets its old rows when it must be parsed again."""
        prev = self.prev.get(source)
        if prev is None:
            return False
        if prev.get("sha256") == sha and (
            prev.get("status") != "parsed" or not self.opts.json or
            (prev.get("json") and (self.layout.root / prev["json"]).exists())
        ):
            if self.jsonl_fh is not None and prev.get("status") == "parsed" and prev.get("json"):
                path = self.layout.root / prev["json"]
                if path.exists():
                    self.jsonl_fh.write(path.read_text(encoding="utf-8").strip() + "\n")
            return True
        if prev.get("status") == "parsed":
            # Parsed again: its old rows are dropped at the end, and its old claim on its text
            # must not make it a duplicate of itself.
            th = prev.get("text_hash")
            if th and self.claims.get(th, ("", 0))[0] == prev.get("notice_id"):
                del self.claims[th]
                if self.pool is not None:
                    self.pool.forget_claim(th)
        return False

    def submit(self, items: list[Item]) -> None:
        pool = self.start_pool()
        while pool.full():
            for reply in pool.poll(True):
                self.handle(reply)
        pool.submit(items)
        for reply in pool.poll(False):
            self.handle(reply)

    def handle(self, reply: Reply) -> None:
        if reply.lost is not None:
            # A worker died: the inputs of its unwritten part come back in later replies.
            for part in [p for p in self.open_parts if p.startswith(f"{reply.lost}-")]:
                for _seq, e in self.open_parts.pop(part):
                    self.summary.parsed -= 1
                    self.summary.bytes -= e["bytes"]
        for res in reply.results:
            self.accept(res)
        if reply.committed is not None:
            self.commit(reply.committed)

    def accept(self, res: dict[str, Any]) -> None:
        from .files import write_atomic

        seq = res["seq"]
        sha, relpath, size = self.shas[seq]
        status = res["status"]
        if status == "parsed" and not self.worker_claims:
            first_id, first_seq = self.claims.setdefault(res["text_hash"], (res["notice_id"], seq))
            if first_seq != seq:
                res.update(status="duplicate", duplicate_of=first_id)
                status = "duplicate"
        entry: dict[str, Any] = {"source": res["source"], "sha256": sha, "status": status, "bytes": size}
        if status == "parsed":
            rel_json = res.get("json_path")
            if self.opts.json and rel_json is None:  # a cluster worker: this process writes it
                path = json_path(self.layout.json_dir, relpath)
                write_atomic(path, res["json"])
                rel_json = path.relative_to(self.layout.root).as_posix()
            entry.update(notice_id=res["notice_id"], text_hash=res["text_hash"], json=rel_json,
                         kind=res.get("kind"), encoding=res.get("encoding"))
            if self.jsonl_fh is not None and res.get("json"):
                self.jsonl_fh.write(res["json"] + "\n")
            self.summary.bytes += size
            self.summary.parsed += 1
            self.open_parts.setdefault(res["part"], []).append((seq, entry))
            self.tick()
            return
        del self.shas[seq]
        if status == "duplicate":
            entry.update(notice_id=res.get("notice_id"), text_hash=res.get("text_hash"),
                         duplicate_of=res.get("duplicate_of"))
        else:
            entry.update(error=res.get("error"), message=res.get("message"))
        self.record(entry)

    def record(self, entry: dict[str, Any]) -> None:
        """An input without rows (failed, duplicate): logged with the next commit."""
        if entry["status"] == "duplicate":
            self.summary.duplicates += 1
        else:
            self.summary.failed += 1
        self.loose.append(entry)
        self.tick()
        if len(self.loose) >= self.opts.part_size:
            self.commit(None)

    def commit(self, part: str | None) -> None:
        """Log a written part's inputs (and the inputs without rows so far) in the manifest."""
        entries = self.loose
        self.loose = []
        if part is not None:
            for seq, e in self.open_parts.pop(part, []):
                del self.shas[seq]
                e["part"] = part
                entries.append(e)
        if not entries:
            return
        if self.opts.resume:  # only a resumed run needs the whole history at its end
            for e in entries:
                self.prev[e["source"]] = e
        append_lines(self.layout.errors, [json.dumps(error_record(e), ensure_ascii=False)
                                          for e in entries if e["status"] == "failed"])
        append_lines(self.layout.manifest, [json.dumps(e, ensure_ascii=False) for e in entries])

    # ---- the end

    def stop(self) -> None:
        if self.progress is not None:
            self.progress.stop()
        if self.pool is not None:
            self.pool.close()
        if self.jsonl_fh is not None:
            self.jsonl_fh.close()

    def finish(self) -> None:
        from .files import write_atomic
        from .tables import build_duckdb

        if self.opts.resume:
            # Rows whose input the manifest does not place in their part: inputs parsed again
            # (changed, or lost from a torn manifest) have their current rows elsewhere.
            self._drop_stale()
            # The log holds every failure still current, whichever run found it.
            lines = [json.dumps(error_record(e), ensure_ascii=False)
                     for e in self.prev.values() if e.get("status") == "failed"]
            write_atomic(self.layout.errors, "".join(f"{ln}\n" for ln in lines))
            self.summary.errors = len(lines)
        else:
            self.summary.errors = self.summary.failed
            if not self.layout.errors.exists():
                write_atomic(self.layout.errors, "")
        if self.opts.duckdb:
            # One thread and a small buffer pool (build_duckdb's defaults) keep the build's memory
            # flat however many parts there are; the workers have finished by now anyway.
            self.summary.tables = build_duckdb(self.layout.tables, self.layout.duckdb)
        else:
            self.summary.tables = count_rows(self.layout.tables)
        if self.jsonl_tmp is not None and self.opts.jsonl is not None:
            os.replace(self.jsonl_tmp, self.opts.jsonl)

    def _drop_stale(self) -> None:
        # Rows of inputs parsed again under a new notice id stay in older parts until dropped.
        import pyarrow.parquet as pq  # type: ignore[import-untyped]

        from .tables import drop_notices

        live: dict[str, set[str]] = {}
        for e in self.prev.values():
            if e.get("status") == "parsed" and e.get("part"):
                live.setdefault(e["part"], set()).add(e["notice_id"])
        for p in sorted((self.layout.tables / "notices").glob("*.parquet")):
            ids = set(pq.read_table(p, columns=["notice_id"])["notice_id"].to_pylist())
            stale = ids - live.get(p.stem, set())
            if stale:
                drop_notices(self.layout.tables, p.stem, stale)


def count_rows(root: Path) -> dict[str, int]:
    """Rows per table over every Parquet part under ROOT (from the file footers)."""
    import pyarrow.parquet as pq

    from .tables import TABLES

    return {t: sum(pq.ParquetFile(p).metadata.num_rows for p in (root / t).glob("*.parquet"))
            for t in TABLES}


def run_batch(
    inputs: Sequence[str | os.PathLike[str]], out: str | os.PathLike[str], opts: BatchOptions | None = None
) -> Summary:
    """Convert every notice in the inputs (files, directories, archives) into DIR's outputs."""
    return _Run(inputs, Path(out), opts or BatchOptions()).run()


# ---------------------------------------------------------------------------------------- CLI

_SIZE_UNITS = {"": 1, "b": 1, "k": 1 << 10, "kb": 1 << 10, "kib": 1 << 10, "m": 1 << 20, "mb": 1 << 20,
               "mib": 1 << 20, "g": 1 << 30, "gb": 1 << 30, "gib": 1 << 30}


def parse_size(text: str) -> int:
    """'20MB', '512k', '1048576' → bytes (binary multiples)."""
    s = text.strip().lower().replace(" ", "").replace("_", "")
    num = s.rstrip("kmgib")
    unit = s[len(num):]
    try:
        value = float(num)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (try 20MB)") from None
    if unit not in _SIZE_UNITS or value <= 0:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (try 20MB)")
    return int(value * _SIZE_UNITS[unit])


def _positive(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return n


def cmd_batch(args: argparse.Namespace) -> int:
    opts = BatchOptions(
        jobs=args.jobs, resume=args.resume, jsonl=args.jsonl, max_bytes=args.max_bytes,
        duckdb=not args.no_duckdb, json=not args.no_json, quiet=args.quiet, scheduler=args.scheduler,
        part_size=args.part_size,
    )
    summary = run_batch(args.inputs, args.out, opts)
    if not args.quiet:
        print(f"policyparse batch: {summary.line()}", file=sys.stderr)
        if summary.errors:
            print(f"policyparse batch: {summary.errors} failed input(s) listed in {Layout(args.out).errors}",
                  file=sys.stderr)
    return 1 if args.strict and summary.errors else 0


def register(subparsers: Any) -> None:
    """Add ``policyparse batch`` to the command line."""
    p = subparsers.add_parser(
        "batch", help="convert files, folders and archives into JSON, Parquet and DuckDB",
        description="Convert every notice in the inputs (files, folder trees, .zip, .tar, .tar.gz, "
                    ".tar.xz) into DIR/json/<path>.json, Parquet tables in DIR/parquet/ and the "
                    "DuckDB database DIR/notices.duckdb. Inputs that cannot be parsed are listed in "
                    "DIR/errors.jsonl and the batch goes on.",
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="file, folder or archive")
    p.add_argument("--out", "-o", type=Path, required=True, metavar="DIR", help="output folder")
    p.add_argument("--jobs", "-j", type=_positive, default=None, metavar="N",
                   help="worker processes (default: the CPU count)")
    p.add_argument("--resume", action="store_true",
                   help="skip inputs already converted into DIR with the same content hash")
    p.add_argument("--jsonl", type=Path, metavar="FILE",
                   help="also write every Notice into one JSON-lines file")
    p.add_argument("--max-bytes", type=parse_size, default=DEFAULT_MAX_BYTES, metavar="SIZE",
                   help="refuse inputs (and archive members) larger than this (default: 20MB)")
    p.add_argument("--no-duckdb", action="store_true", help="write Parquet only, no notices.duckdb")
    p.add_argument("--no-json", action="store_true", help="do not write DIR/json/")
    p.add_argument("--part-size", type=_positive, default=500, metavar="N",
                   help="notices per Parquet part: the unit of commit and of memory (default: 500)")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="parse on a running Dask scheduler (tcp://host:8786) instead of local processes")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar and no summary")
    p.add_argument("--strict", action="store_true",
                   help="exit with status 1 when errors.jsonl lists any input (this run's or, with --resume, "
                        "an earlier one's)")
    p.set_defaults(func=cmd_batch)
