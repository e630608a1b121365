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
bytes and sends chunks to worker processes; workers return plain row dicts. Rows are
buffered and written as a *part* (one Parquet file per table) every ``part_size`` notices (500), then
the part's inputs are appended to the manifest, so memory stays flat however many notices
there are and a killed run loses at most the part it was writing. ``--resume`` skips inputs
whose content hash the manifest already holds; the DuckDB file is rebuilt from the parts at
the end of every run. Every file lands by temp file + rename; the two logs take each part's
lines in one append, and a reader ignores a torn last line.

Exact duplicates (same text once width and spacing are folded) are claimed by text hash in a
table shared by the workers before parsing, so each text is parsed once; later copies are
recorded in the manifest as duplicates of the first.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import os
import shutil
import sys
import time
import uuid
from collections import deque
from collections.abc import Iterable, Iterator, MutableMapping, Sequence
from concurrent.futures import Executor, Future
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
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


def json_path(json_dir: Path, relpath: str) -> Path:
    """DIR/json/<relpath>.json, refusing any path that would resolve outside DIR/json."""
    from .archives import safe_relpath

    rel = safe_relpath(relpath) or "_"
    parts = rel.split("/")
    path = json_dir.joinpath(*parts[:-1], f"{parts[-1]}.json")
    base = json_dir.resolve()
    if not path.resolve().is_relative_to(base):
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
_CLAIMS: Claims | None = None


def _init_worker(claims: Claims | None) -> None:
    global _CLAIMS
    _CLAIMS = claims


@dataclass(frozen=True, slots=True)
class WorkerConfig:
    """What a worker needs besides the inputs."""

    json_dir: str | None  # write DIR/json files here (None: the main process writes them)
    return_json: bool  # send the Notice JSON back (for --jsonl, or when the main process writes)
    max_bytes: int
    claims: bool = True  # consult the worker's shared claim table


Item = tuple[int, str, str, bytes]  # input number, source, relpath, bytes


def parse_item(
    seq: int, source: str, relpath: str, data: bytes, cfg: WorkerConfig, claims: Claims | None
) -> dict[str, Any]:
    """Load, dedupe and parse one input; never raises. Returns a plain dict."""
    from .files import write_atomic
    from .load import load_bytes
    from .pipeline import parse_loaded
    from .tables import notice_id, notice_rows, text_hash

    started = time.perf_counter()
    out: dict[str, Any] = {"seq": seq, "source": source}
    try:
        loaded = load_bytes(data, source, max_bytes=cfg.max_bytes)
        if not loaded.text.strip():
            raise EmptyInputError(source, "no text: an empty file or a page without a body")
        th = text_hash(loaded.text)
        nid = notice_id(source, loaded.text)
        out.update(text_hash=th, notice_id=nid, encoding=loaded.encoding, kind=loaded.kind)
        if claims is not None:
            first_id, first_seq = claims.setdefault(th, (nid, seq))
            if first_seq != seq:
                out.update(status="duplicate", duplicate_of=first_id)
                return out
        notice = parse_loaded(loaded)
        rows = notice_rows(notice, nid, text_digest=th)
        js = notice.model_dump_json()
        if cfg.json_dir is not None:
            write_atomic(json_path(Path(cfg.json_dir), relpath), js)
        out.update(status="parsed", rows=rows, json=js if cfg.return_json else None)
    except PolicyParseError as exc:
        out.update(status="failed", error=type(exc).__name__, message=exc.reason)
    except Exception as exc:  # a bug on one input must not stop the batch; it is logged like any failure
        out.update(status="failed", error=type(exc).__name__, message=f"internal error: {exc}")
    out["seconds"] = round(time.perf_counter() - started, 6)
    return out


def parse_chunk(items: Sequence[Item], cfg: WorkerConfig) -> list[dict[str, Any]]:
    """A worker task: parse a few inputs (claims from the worker's shared table)."""
    claims = _CLAIMS if cfg.claims else None
    return [parse_item(seq, src, rel, data, cfg, claims) for seq, src, rel, data in items]


class SerialExecutor(Executor):
    """Runs each task at once in this process (``--jobs 1``): no pickling, no second process."""

    def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Future[Any]:
        fut: Future[Any] = Future()
        try:
            fut.set_result(fn(*args, **kwargs))
        except BaseException as exc:
            fut.set_exception(exc)
        return fut


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

@dataclass
class _Pending:
    future: Future[list[dict[str, Any]]]
    items: list[Item]
    attempts: int = 1


class _Run:
    """One batch run: the walk, the workers, the part buffer and the logs."""

    def __init__(self, inputs: Sequence[str | os.PathLike[str]], out: Path, opts: BatchOptions) -> None:
        self.inputs = inputs
        self.layout = Layout(out)
        self.opts = opts
        self.summary = Summary(out=str(out))
        # Unique even for two runs in one process within a second: part names must never repeat.
        self.run_id = time.strftime("%Y%m%d%H%M%S") + f"-{uuid.uuid4().hex[:8]}"
        self.part_seq = 0
        self.prev: dict[str, dict[str, Any]] = {}  # source → its latest manifest entry
        self.rows: dict[str, list[dict[str, Any]]] = {}
        self.buffered_notices = 0
        self.entries: list[dict[str, Any]] = []  # manifest lines of the part being filled
        self.claims: Claims = {}
        self.shared_claims: Any = None
        self.worker_claims = True
        self.shas: dict[int, tuple[str, str, int]] = {}  # in-flight inputs: sha256, relpath, size
        self.window = 1
        self.cfg = WorkerConfig(None, False, opts.max_bytes)
        self.jsonl_fh: IO[str] | None = None
        self.jsonl_tmp: Path | None = None
        self.executor: Executor | None = None
        self.manager: Any = None
        self.client: Any = None
        self.progress: Any = None
        self.task: Any = None

    # ---- setup

    def prepare(self) -> None:
        from .tables import list_parts, remove_parts

        root = self.layout.root
        root.mkdir(parents=True, exist_ok=True)
        for tmp in root.glob(".*.tmp"):  # a killed run's unfinished temp files
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

    def start_workers(self) -> None:
        jobs = self.opts.jobs or os.cpu_count() or 1
        if self.opts.scheduler:
            from distributed import Client

            self.client = Client(self.opts.scheduler)  # type: ignore[no-untyped-call]
            self.executor = self.client.get_executor(pure=False)
            self.worker_claims = False
            self.window = max(2, 3 * sum(self.client.nthreads().values()))
            self.cfg = WorkerConfig(None, True, self.opts.max_bytes, claims=False)
            return
        self.window = 3 * jobs
        self.cfg = WorkerConfig(str(self.layout.json_dir) if self.opts.json else None,
                                self.opts.jsonl is not None, self.opts.max_bytes)
        if jobs == 1:
            _init_worker(self.claims)
            self.executor = SerialExecutor()
        # else: the pool starts with the first task, so a --resume with nothing to do starts none

    def _start_pool(self, jobs: int) -> None:
        import multiprocessing as mp
        from concurrent.futures import ProcessPoolExecutor

        # forkserver: workers start from a clean process, not a copy of this one with its
        # progress thread and open archives.
        ctx = mp.get_context("forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn")
        if self.manager is None:
            self.manager = ctx.Manager()
            shared = self.manager.dict()
            shared.update(self.claims)
            self.shared_claims = shared
        self.executor = ProcessPoolExecutor(jobs, mp_context=ctx, initializer=_init_worker,
                                            initargs=(self.shared_claims,))

    def _restart_pool(self) -> None:
        assert self.executor is not None
        self.executor.shutdown(wait=False, cancel_futures=True)
        self._start_pool(self.opts.jobs or os.cpu_count() or 1)

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
        # The part buffer holds the rows of up to part_size notices: hundreds of thousands of
        # small dicts (no cycles among them) that the cyclic collector would rescan at every
        # full collection. Collections are made rarer for the run, not turned off, and the
        # thresholds restored after it.
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
        self.start_workers()
        self.start_progress()
        pending: deque[_Pending] = deque()
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
                    pending.append(self.submit(chunk))
                    chunk, chunk_bytes = [], 0
                    while len(pending) >= self.window:
                        self.collect(pending)
            if chunk:
                pending.append(self.submit(chunk))
            while pending:
                self.collect(pending)
            self.flush()
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
                if self.manager is not None:
                    self.shared_claims.pop(th, None)
        return False

    def submit(self, items: list[Item], attempts: int = 1) -> _Pending:
        if self.executor is None:
            self._start_pool(self.opts.jobs or os.cpu_count() or 1)
        assert self.executor is not None
        return _Pending(self.executor.submit(parse_chunk, items, self.cfg), items, attempts)

    def collect(self, pending: deque[_Pending]) -> None:
        head = pending.popleft()
        try:
            results = head.future.result()
        except BrokenProcessPool:
            # A worker died (a crash in a native library, the OOM killer). Start a new pool and
            # send every unfinished task again; a task that fails twice is tried one input at a
            # time, and an input that kills a worker on its own is logged as failed.
            self._restart_pool()
            retry = [head, *pending]
            pending.clear()
            for p in retry:
                if p.attempts == 1:
                    pending.append(self.submit(p.items, 2))
                elif len(p.items) > 1:
                    pending.extend(self.submit([it], 2) for it in p.items)
                else:
                    self._fail_items(p.items, "WorkerCrashed", "a worker process died parsing this input")
            return
        except Exception as exc:
            self._fail_items(head.items, type(exc).__name__, f"worker task failed: {exc}")
            return
        for res in results:
            self.accept(res)

    def _fail_items(self, items: Iterable[Item], error: str, message: str) -> None:
        for seq, source, _rel, _data in items:
            self.accept({"seq": seq, "source": source, "status": "failed", "error": error,
                         "message": message})

    def accept(self, res: dict[str, Any]) -> None:
        from .files import write_atomic

        seq = res["seq"]
        sha, relpath, size = self.shas.pop(seq)
        status = res["status"]
        if status == "parsed" and not self.worker_claims:
            first_id, first_seq = self.claims.setdefault(res["text_hash"], (res["notice_id"], seq))
            if first_seq != seq:
                res.update(status="duplicate", duplicate_of=first_id)
                status = "duplicate"
        entry: dict[str, Any] = {"source": res["source"], "sha256": sha, "status": status, "bytes": size}
        if status == "parsed":
            rel_json = None
            if self.opts.json:
                path = json_path(self.layout.json_dir, relpath)
                if self.cfg.json_dir is None:
                    write_atomic(path, res["json"])
                rel_json = path.relative_to(self.layout.root).as_posix()
            entry.update(notice_id=res["notice_id"], text_hash=res["text_hash"], json=rel_json,
                         kind=res.get("kind"), encoding=res.get("encoding"))
            from .tables import merge_rows

            merge_rows(self.rows, res["rows"])
            self.buffered_notices += 1
            if self.jsonl_fh is not None and res.get("json"):
                self.jsonl_fh.write(res["json"] + "\n")
            self.summary.bytes += size
        elif status == "duplicate":
            entry.update(notice_id=res.get("notice_id"), text_hash=res.get("text_hash"),
                         duplicate_of=res.get("duplicate_of"))
        else:
            entry.update(error=res.get("error"), message=res.get("message"))
        self.record(entry)

    def record(self, entry: dict[str, Any]) -> None:
        status = entry["status"]
        if status == "parsed":
            self.summary.parsed += 1
        elif status == "duplicate":
            self.summary.duplicates += 1
        else:
            self.summary.failed += 1
        self.entries.append(entry)
        self.tick()
        if self.buffered_notices >= self.opts.part_size:
            self.flush()

    def flush(self) -> None:
        """Commit the buffered part: Parquet files first, then its error and manifest lines."""
        from .tables import write_part

        if not self.entries:
            return
        part = None
        if self.buffered_notices:
            self.part_seq += 1
            part = f"{self.run_id}-{self.part_seq:05d}"
            write_part(self.layout.tables, part, self.rows)
        for e in self.entries:
            if e["status"] == "parsed":
                e["part"] = part
            if self.opts.resume:  # only a resumed run needs the whole history at its end
                self.prev[e["source"]] = e
        append_lines(self.layout.errors, [json.dumps(error_record(e), ensure_ascii=False)
                                          for e in self.entries if e["status"] == "failed"])
        append_lines(self.layout.manifest, [json.dumps(e, ensure_ascii=False) for e in self.entries])
        self.rows = {}
        self.entries = []
        self.buffered_notices = 0

    # ---- the end

    def stop(self) -> None:
        if self.progress is not None:
            self.progress.stop()
        if self.client is not None:
            self.client.close()  # its executor goes with it
        elif self.executor is not None:
            self.executor.shutdown(wait=True, cancel_futures=True)
        if self.manager is not None:
            self.manager.shutdown()
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
            self.summary.tables = build_duckdb(self.layout.tables, self.layout.duckdb,
                                               threads=self.opts.jobs)
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
