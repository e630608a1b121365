"""Speed harness (issue 7): not a test. ``python benchmarks/run.py [--repeat N]``.

Prints, on this machine:
- end-to-end throughput (bytes → validated Notice, every extractor on) in chars/s and notices/s,
  beside a reference measured in the same process: eight bare compiled-regex passes over the
  same text (and JioNLP's ``extract_time`` where it is installed), so the ratios hold on a
  noisy machine;
- throughput of each stage;
- ``import policyparse`` time and the peak RSS of a one-notice parse, each in a fresh process;
- the scaling run: one sample's body repeated 1×, 10×, 100×, with time per character.
"""

from __future__ import annotations

import argparse
import platform
import re
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from policyparse import pipeline  # noqa: E402
from policyparse.assignments import find_assignments  # noqa: E402
from policyparse.attachments import find_attachments  # noqa: E402
from policyparse.dates import find_dates  # noqa: E402
from policyparse.docnumbers import find_doc_numbers  # noqa: E402
from policyparse.load import load_bytes  # noqa: E402
from policyparse.metadata import read_metadata  # noqa: E402
from policyparse.models import Notice  # noqa: E402
from policyparse.normalize import normalize  # noqa: E402
from policyparse.phases import find_phases  # noqa: E402
from policyparse.references import find_references  # noqa: E402
from policyparse.sections import build_outline  # noqa: E402
from policyparse.targets import find_targets  # noqa: E402

SAMPLES = sorted((ROOT / "samples").glob("*.txt"))

# Eight passes of the kind every extractor makes: the floor a regex pipeline cannot beat.
REFERENCE_PATTERNS = [re.compile(p) for p in (
    r"[一二三四五六七八九十]+、", r"\([一二三四五六七八九十]+\)", r"\d+[.、]", r"《[^》]*》",
    r"\d{4}年\d{1,2}月\d{1,2}日", r"〔\d{4}〕\d+号", r"(?:牵头|责任|配合)单位[::]", r"\d+(?:\.\d+)?[万亿]?[件家个项%]",
)]


def best_of(fn: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def regex_reference(texts: list[str]) -> None:
    for t in texts:
        for p in REFERENCE_PATTERNS:
            for _ in p.finditer(t):
                pass


def stage_times(datas: list[tuple[bytes, str]], repeat: int) -> dict[str, float]:
    """Seconds per stage over all samples, each stage timed on its own inputs."""
    loaded = [load_bytes(d, s) for d, s in datas]
    norms = [normalize(x.text) for x in loaded]
    outlines = [build_outline(n) for n in norms]
    numbers = [find_doc_numbers(n) for n in norms]
    dates = [find_dates(n, k) for n, k in zip(norms, numbers, strict=True)]
    metas = [read_metadata(n, o, k, d, x.metadata)
             for n, o, k, d, x in zip(norms, outlines, numbers, dates, loaded, strict=True)]
    phases = [find_phases(n, o, d) for n, o, d in zip(norms, outlines, dates, strict=True)]
    notices = [pipeline.parse_loaded(x) for x in loaded]
    dumps = [n.model_dump() for n in notices]
    z = list(zip(norms, outlines, numbers, dates, metas, phases, strict=True))
    return {
        "load (decode)": best_of(lambda: [load_bytes(d, s) for d, s in datas], repeat),
        "normalise": best_of(lambda: [normalize(x.text) for x in loaded], repeat),
        "sections": best_of(lambda: [build_outline(n) for n in norms], repeat),
        "doc numbers": best_of(lambda: [find_doc_numbers(n) for n in norms], repeat),
        "dates": best_of(lambda: [find_dates(n, k) for n, k in zip(norms, numbers, strict=True)], repeat),
        "metadata": best_of(lambda: [read_metadata(n, o, k, d, {}) for n, o, k, d, *_ in z], repeat),
        "references": best_of(lambda: [find_references(n, k, m.doc_number) for n, _, k, _, m, _ in z], repeat),
        "phases": best_of(lambda: [find_phases(n, o, d) for n, o, _, d, _, _ in z], repeat),
        "attachments": best_of(lambda: [find_attachments(n) for n in norms], repeat),
        "assignments": best_of(lambda: [find_assignments(n, o) for n, o, *_ in z], repeat),
        "targets": best_of(
            lambda: [find_targets(n, o, p, m.period, d, m.issue_date) for n, o, _, d, m, p in z], repeat),
        "model validation": best_of(lambda: [Notice.model_validate(d) for d in dumps], repeat),
        "records": best_of(lambda: [n.to_records() for n in notices], repeat),
    }


def fresh_process(code: str) -> str:
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=ROOT, env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"})
    return res.stdout.strip()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=5, help="best of N runs (default 5)")
    args = ap.parse_args()
    datas = [(p.read_bytes(), str(p)) for p in SAMPLES]
    texts = [d.decode("utf-8") for d, _ in datas]
    chars = sum(map(len, texts))

    print(f"machine: {platform.machine()}, {platform.processor() or 'cpu'}, Python {platform.python_version()}, "
          f"{len(SAMPLES)} samples, {chars:,} chars")

    pipeline.parse_bytes(*datas[0])  # warm caches (lazy imports, compiled patterns)
    end_to_end = best_of(lambda: [pipeline.parse_bytes(d, s) for d, s in datas], args.repeat)
    reference = best_of(lambda: regex_reference(texts), args.repeat)
    e2e_cps = chars / end_to_end
    ref_cps = chars / reference
    print("\nend to end (bytes → validated Notice, all extractors), one process, one core")
    print(f"  policyparse        {e2e_cps / 1e6:8.2f} M chars/s  {len(SAMPLES) / end_to_end:8.1f} notices/s")
    print(f"  8 bare regex passes{ref_cps / 1e6:8.2f} M chars/s  (policyparse is {ref_cps / e2e_cps:.2f}× slower)")
    try:
        import jionlp  # type: ignore[import-not-found]

        jio = best_of(lambda: [jionlp.extract_time(t) for t in texts], 1)
        print(f"  JioNLP extract_time{chars / jio / 1e6:8.2f} M chars/s  (policyparse is "
              f"{(chars / end_to_end) / (chars / jio):.1f}× faster)")
    except ImportError:
        print("  JioNLP extract_time: not installed (pip install jionlp to compare)")

    print("\nper stage (all samples)")
    for name, secs in stage_times(datas, args.repeat).items():
        print(f"  {name:18} {secs * 1e3:8.2f} ms  {chars / secs / 1e6 if secs else float('inf'):8.2f} M chars/s")

    imp = fresh_process("import time; t=time.perf_counter(); import policyparse; print(time.perf_counter()-t)")
    rss = fresh_process(
        "import resource, policyparse; policyparse.parse_file('samples/001_5966647806739c09.txt');"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
    print(f"\nimport policyparse: {float(imp):.3f} s (fresh process)")
    print(f"peak RSS, one-notice parse: {int(rss) / 1024:.1f} MiB (fresh process)")

    print("\nscaling (one sample's body repeated)")
    body = texts[1]
    base = None
    for k in (1, 10, 100):
        t = body * k
        secs = best_of(lambda t=t: pipeline.parse(t), 1 if k == 100 else 3)
        per_char = secs / len(t)
        base = base or per_char
        print(f"  {k:4}×  {len(t):>10,} chars  {secs:8.3f} s  {per_char / base:5.2f}× time per char of 1×")
    print(f"\nself peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.1f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
