"""Batch benchmark (issue 6): not a test. ``python benchmarks/batch.py [--n 10000] [--jobs 1 2]``.

Builds a zip of N distinct notices from samples/ (texts and saved pages, every third copy in
GBK), converts it with ``policyparse batch --jobs J`` for each J, and prints notices/s, MB/s and
the peak RSS of the whole process tree (the command, its worker pool and the pool's manager),
sampled from /proc every 50 ms. Run it at two sizes to see that peak memory does not grow
with N.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def build_archive(path: Path, n: int) -> int:
    """A zip of n notices, each copy made unique so none is an exact duplicate. Returns its bytes."""
    sys.path.insert(0, str(ROOT / "src"))
    from policyparse.load import load_bytes

    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples").glob("*.txt"))]
    pages = []
    for p in sorted((ROOT / "samples" / "html").glob("*.html")):
        body = [ln for ln in load_bytes(p.read_bytes(), p.name).text.splitlines()[2:] if len(ln) > 40]
        pages.append((p.read_text(encoding="utf-8"), body[0][:12] if body else None))
    total = 0
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for i in range(n):
            k = i % (len(texts) + len(pages))
            if k < len(texts):
                name, doc = f"{i // 1000:03d}/{i:06d}.txt", f"{texts[k].rstrip()}\n(副本{i})\n"
            else:
                html, marker = pages[k - len(texts)]
                doc = html.replace(marker, f"{marker}(副本{i})") if marker else f"{html}<p>副本{i}</p>"
                name = f"{i // 1000:03d}/{i:06d}.html"
            data = doc.encode("gb18030") if i % 3 == 1 else doc.encode("utf-8")
            total += len(data)
            zf.writestr(name, data)
    return total


def _tree_rss(root: int) -> int:
    """Resident bytes of a process and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat", "rb") as fh:
                fields = fh.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        pid, ppid = int(d), int(fields[1])
        children.setdefault(ppid, []).append(pid)
        rss[pid] = int(fields[21]) * PAGE_SIZE
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total


def run(archive: Path, out: Path, jobs: int) -> dict[str, float]:
    shutil.rmtree(out, ignore_errors=True)
    cmd = [sys.executable, "-m", "policyparse", "batch", str(archive), "--out", str(out), "--jobs", str(jobs),
           "--quiet"]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss(proc.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    rc = proc.wait()
    done.set()
    sampler.join()
    seconds = time.perf_counter() - started
    if rc != 0:
        raise SystemExit(f"batch failed with status {rc}")
    summary = json.loads((out / "summary.json").read_text())
    # Where /proc is missing, the largest single process is what getrusage can say.
    peak = peak or resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    return {"seconds": seconds, "parsed": summary["parsed"], "failed": summary["failed"],
            "mb": summary["bytes"] / 1e6, "peak_rss_mb": peak / 1e6}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10_000, help="notices in the archive (default 10,000)")
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--keep", type=Path, help="keep the archive and outputs in this folder")
    args = ap.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="pp-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    archive = work / f"notices-{args.n}.zip"
    t = time.perf_counter()
    size = build_archive(archive, args.n)
    print(f"archive: {args.n:,} notices, {size / 1e6:.1f} MB of text, "
          f"{archive.stat().st_size / 1e6:.1f} MB zipped, built in {time.perf_counter() - t:.1f} s")
    print(f"machine: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}")
    base = None
    for jobs in args.jobs:
        # Other work on the machine skews the ratio: the load average goes beside each result.
        load = " ".join(f"{x:.2f}" for x in os.getloadavg())
        r = run(archive, work / f"out-{jobs}", jobs)
        rate = r["parsed"] / r["seconds"]
        base = base or rate
        print(f"--jobs {jobs}: {r['parsed']:,.0f} parsed, {r['failed']:,.0f} failed in {r['seconds']:.1f} s: "
              f"{rate:.1f} notices/s, {r['mb'] / r['seconds']:.2f} MB/s, "
              f"peak RSS (tree) {r['peak_rss_mb']:.0f} MB, "
              f"speed-up {rate / base:.2f}x (load before: {load})")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
