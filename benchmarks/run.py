"""Speed harness (issue 7): not a test. ``python benchmarks/run.py [--repeat N] [--no-scaling]``.

Prints, on this machine:

- end-to-end throughput (bytes → validated Notice, every extractor on) in chars/s and
  notices/s, beside a reference measured in the same process, interleaved with it: eight bare
  compiled-regex passes over the same text (and JioNLP's ``extract_time`` where it is
  installed), so the ratios hold on a noisy machine;
- JioNLP's time over ours when both run for equally long stretches side by side (the median
  of nine rounds, counted for the issue's ≥ 10× goal);
- the throughput of each stage, with its ratio to the same reference;
- the issue's own side-by-side figures (decoding, the regex passes, jieba, JioNLP) measured
  here beside the issue's, to show how this machine compares with the issue's for each;
- ``import policyparse`` time, the first parse's extra import, and the peak RSS of a
  one-notice parse, each in a fresh process, beside the floor every process pays
  (``import pydantic, regex``);
- the scaling run: one sample's body repeated 1×, 10×, 100×, with time per character;
- the goals of issue 7, met or not.

Times are CPU time of this process (``time.process_time``), best of N: on a shared machine
that is what one core gives the parser, where wall time would also count the neighbours.
Memo caches (unit lists) are emptied before each timed pass, so repeating the same five
samples does not flatter the figures; loaded resources (compiled patterns, OpenCC) stay.
The batch figures (``--jobs 2`` against ``--jobs 1``) come from ``benchmarks/batch.py``.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
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
SCALING_SAMPLE = 1  # index into SAMPLES: the longest plain-text sample

# Eight passes of the kind every extractor makes: the floor a regex pipeline cannot beat.
REFERENCE_PATTERNS = [re.compile(p) for p in (
    r"[一二三四五六七八九十]+、", r"\([一二三四五六七八九十]+\)", r"\d+[.、]", r"《[^》]*》",
    r"\d{4}年\d{1,2}月\d{1,2}日", r"〔\d{4}〕\d+号", r"(?:牵头|责任|配合)单位[::]", r"\d+(?:\.\d+)?[万亿]?[件家个项%]",
)]

# Issue 7's goals.
GOAL_CHARS_PER_S = 2e6
GOAL_REF_RATIO = 2.5
GOAL_JIONLP_TIMES = 10
GOAL_IMPORT_S = 0.15
GOAL_RSS_MIB = 60.0
GOAL_SCALING_10X = 11 / 10  # a 10× longer notice takes at most 11× the time

# The side-by-side figures issue 7 gives for its own machine, in chars/s, that this harness
# can measure here too: they tell how this machine compares with that one for each kind of work.
ISSUE_MACHINE_CPS = {
    "reading and decoding": 250e6,
    "8 bare regex passes": 4.6e6,
    "jieba segmentation": 0.45e6,
    "JioNLP extract_time": 0.2e6,
}


def clear_memos() -> None:
    """Empty the memo caches of policyparse (not the loaders of resources such as OpenCC)."""
    for name, mod in list(sys.modules.items()):
        if not name.startswith("policyparse"):
            continue
        for obj in list(vars(mod).values()):
            if hasattr(obj, "cache_clear") and hasattr(obj, "cache_info") and obj.cache_info().maxsize != 1:
                obj.cache_clear()


def cpu_time(fn: Callable[[], object]) -> float:
    clear_memos()
    t = time.process_time()
    fn()
    return time.process_time() - t


def best_of(fn: Callable[[], object], repeat: int) -> float:
    return min(cpu_time(fn) for _ in range(repeat))


def interleaved(fns: list[Callable[[], object]], repeat: int) -> list[float]:
    """Best time of each function, the functions taking turns so they see the same machine.

    The order of the turns rotates every round: whichever runs first after another kind of
    work was seen to come out up to ~15% slower, which a fixed order would charge to one side.
    """
    best = [float("inf")] * len(fns)
    for r in range(repeat):
        for k in range(len(fns)):
            i = (r + k) % len(fns)
            best[i] = min(best[i], cpu_time(fns[i]))
    return best


def paired_ratios(ours: Callable[[], object], theirs: Callable[[], object], rounds: int) -> list[float]:
    """Per round, the time of ``theirs`` over that of ``ours`` run as long, right next to it.

    A best-of figure for each side picks each side's quietest moment, and on a shared host
    those moments differ: a short run can find a quiet window that a long one cannot. Here
    ``ours`` is run as many times in a row as fill about one run of ``theirs`` (each pass's
    mean, not its best, taken), the two passes taking turns on who goes first, so both see the
    same stretch of the machine; the spread of the rounds' ratios shows how much it moved.
    """
    ours()
    block = max(1, round(cpu_time(theirs) / max(cpu_time(ours), 1e-9)))
    out = []
    for r in range(rounds):
        timed: dict[str, float] = {}
        for side in (("ours", "theirs") if r % 2 else ("theirs", "ours")):
            if side == "theirs":
                timed[side] = cpu_time(theirs)
            else:
                clear_memos()
                t = time.process_time()
                for _ in range(block):
                    ours()
                timed[side] = (time.process_time() - t) / block
        out.append(timed["theirs"] / timed["ours"])
    return out


def regex_reference(texts: list[str]) -> None:
    for t in texts:
        for p in REFERENCE_PATTERNS:
            for _ in p.finditer(t):
                pass


def stage_runs(datas: list[tuple[bytes, str]]) -> dict[str, Callable[[], object]]:
    """A function per stage, each running that stage over all samples on its own inputs."""
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
        "load (decode)": lambda: [load_bytes(d, s) for d, s in datas],
        "normalise": lambda: [normalize(x.text) for x in loaded],
        "sections": lambda: [build_outline(n) for n in norms],
        "section models": lambda: [o.to_models(n) for n, o, *_ in z],
        "doc numbers": lambda: [find_doc_numbers(n) for n in norms],
        "dates": lambda: [find_dates(n, k) for n, _, k, *_ in z],
        "metadata": lambda: [read_metadata(n, o, k, d, x.metadata)
                             for (n, o, k, d, *_), x in zip(z, loaded, strict=True)],
        "references": lambda: [find_references(n, k, m.doc_number, own_title=m.title) for n, _, k, _, m, _ in z],
        "phases": lambda: [find_phases(n, o, d) for n, o, _, d, _, _ in z],
        "attachments": lambda: [find_attachments(n) for n in norms],
        "assignments": lambda: [find_assignments(n, o) for n, o, *_ in z],
        "targets": lambda: [find_targets(n, o, p, m.period, d, m.issue_date) for n, o, _, d, m, p in z],
        "model validation": lambda: [Notice.model_validate(d) for d in dumps],
        "records": lambda: [n.to_records() for n in notices],
    }


def fresh_process(code: str) -> str:
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=ROOT, env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"})
    return res.stdout.strip()


# Peak RSS of the fresh process itself. Not getrusage's ru_maxrss: on Linux a child starts
# from its parent's peak (kept across fork and exec), so it would report this harness's size.
PEAK_RSS_KIB = (
    "import resource\n"
    "def peak_kib():\n"
    "    try:\n"
    "        for line in open('/proc/self/status'):\n"
    "            if line.startswith('VmHWM:'):\n"
    "                return int(line.split()[1])\n"
    "    except OSError:\n"
    "        pass\n"
    "    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
)


def fresh_best(code: str, repeat: int) -> float:
    return min(float(fresh_process(code)) for _ in range(repeat))


@contextmanager
def jionlp_extract(texts: list[str]) -> Iterator[Callable[[], object] | str]:
    """A run of JioNLP's extract_time over the samples, or why it cannot be measured.

    While the run is in use, the network is refused (it must not download anything) and its
    logging is off (it logs a traceback for every phrase it cannot parse).
    """
    try:
        import jionlp  # type: ignore[import-not-found,import-untyped,unused-ignore]
    except ImportError:
        yield "not installed (pip install jionlp to compare; not a dependency)"
        return
    import logging
    import socket

    def refuse(*_a: object, **_k: object) -> None:
        raise ConnectionError("network use")

    connect = socket.socket.connect
    socket.socket.connect = refuse  # type: ignore[method-assign,assignment,unused-ignore]
    logging.disable(logging.ERROR)
    try:
        extract = getattr(jionlp, "extract_time", None) or jionlp.ner.extract_time  # moved in 1.5
        try:
            extract(texts[0][:200])  # loads its dictionaries; must not need the network
        except ConnectionError:
            yield "skipped: it tries to download data at run time"
            return
        yield lambda: [extract(t) for t in texts]
    finally:
        socket.socket.connect = connect  # type: ignore[method-assign]
        logging.disable(logging.NOTSET)


def jieba_cut(texts: list[str]) -> Callable[[], object] | str:
    """A run of jieba's default segmentation over the samples (dictionary loaded first), or why not."""
    try:
        import jieba  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return "not installed"
    import logging

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()  # the dictionary load (~0.7 s) is not segmentation
    return lambda: [list(jieba.cut(t)) for t in texts]


def machine() -> str:
    model = platform.processor() or "cpu"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = " ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    return (f"{os.cpu_count()} CPUs ({model}), {platform.system()} {platform.machine()}, "
            f"Python {platform.python_version()}, load average {load}")


def ratio(secs: float, ref_secs: float) -> str:
    return f"{secs / ref_secs:6.1f}× ref"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=15, help="best of N runs (default 15)")
    ap.add_argument("--no-scaling", action="store_true", help="skip the 1×/10×/100× run (~10 s)")
    args = ap.parse_args()
    datas = [(p.read_bytes(), str(p)) for p in SAMPLES]
    texts = [d.decode("utf-8") for d, _ in datas]
    chars = sum(map(len, texts))
    goals: list[tuple[str, bool, str]] = []

    print(f"machine: {machine()}")
    print(f"input: {len(SAMPLES)} samples, {chars:,} chars; CPU time of one process, best of {args.repeat}")

    pipeline.parse_bytes(*datas[0])  # warm: lazy imports, compiled patterns

    def end_to_end() -> None:
        # One notice at a time, each dropped before the next is parsed, as a batch does:
        # freeing it is timed, holding all five at once is not.
        for d, s in datas:
            pipeline.parse_bytes(d, s)

    # JioNLP (where installed) takes its turns too, best of fewer runs: one run costs ~0.15 s.
    jio_cps: float | None = None
    jio_paired: list[float] = []
    with jionlp_extract(texts) as jio_run:
        if callable(jio_run):
            ref, e2e, jio = interleaved([lambda: regex_reference(texts), end_to_end, jio_run],
                                        max(3, args.repeat // 3))
            ref2, e2e2 = interleaved([lambda: regex_reference(texts), end_to_end], args.repeat)
            ref, e2e = min(ref, ref2), min(e2e, e2e2)
            jio_cps = chars / jio
            jio_text = f"{jio_cps / 1e6:8.2f} M chars/s  ({jio:.3f} s)"
            jio_paired = sorted(paired_ratios(end_to_end, jio_run, 9))
        else:
            ref, e2e = interleaved([lambda: regex_reference(texts), end_to_end], args.repeat)
            jio_text = jio_run
    ref_cps, e2e_cps = chars / ref, chars / e2e
    print("\nend to end (bytes → validated Notice, all extractors), one process, one core")
    print(f"  policyparse           {e2e_cps / 1e6:8.2f} M chars/s  {len(SAMPLES) / e2e:7.1f} notices/s"
          f"  {ratio(e2e, ref)}")
    print(f"  ref: 8 bare regex passes {ref_cps / 1e6:5.2f} M chars/s")
    print(f"  JioNLP extract_time   {jio_text}")
    goals.append(("≥ 2M chars/s end to end", e2e_cps >= GOAL_CHARS_PER_S,
                  f"{e2e_cps / 1e6:.2f} M chars/s, {e2e / ref:.1f}× the reference's time"))
    # The issue states its goal three ways, from its own machine's figures (eight regex passes
    # at ~4.6M chars/s, JioNLP at ~0.2M): 2M chars/s is ~2.3× the passes' time there and 10×
    # JioNLP. Here the passes run ~5× faster than that and JioNLP ~1.5×, so the three part ways.
    goals.append(("within ~2.5× of the 8 bare regex passes", e2e / ref <= GOAL_REF_RATIO,
                  f"{e2e / ref:.1f}× (the passes run at {ref_cps / 1e6:.1f}M chars/s here, 4.6M in the issue)"))
    if jio_paired:
        mid = jio_paired[len(jio_paired) // 2]
        print(f"  JioNLP's time over ours, run side by side for as long: median {mid:.1f}× over "
              f"{len(jio_paired)} rounds (from {jio_paired[0]:.1f}× to {jio_paired[-1]:.1f}×)")
    if jio_cps is not None:
        # Counted by the side-by-side median; the ratio of the two best-of figures is shown too.
        times = jio_paired[len(jio_paired) // 2] if jio_paired else e2e_cps / jio_cps
        goals.append(("≥ 10× JioNLP extract_time", times >= GOAL_JIONLP_TIMES,
                      f"{times:.1f}× side by side ({e2e_cps / jio_cps:.1f}× from the best-of figures)"))

    print("\nper stage (all samples; ref = the 8 bare passes' time)")
    stage_cps: dict[str, float] = {}
    for name, fn in stage_runs(datas).items():
        secs, ref_s = interleaved([fn, lambda: regex_reference(texts)], args.repeat)
        stage_cps[name] = chars / secs
        print(f"  {name:18} {secs * 1e3:8.2f} ms  {chars / secs / 1e6:8.2f} M chars/s  {ratio(secs, ref_s)}")

    # The issue's reference figures, measured here: if this machine were uniformly k× the
    # issue's, every row would read k. The regex passes' row standing apart from the others
    # says the passes timed here are lighter work than the issue's, so a ratio to them is not
    # the ratio the issue meant.
    print("\nthis machine against the issue's (its side-by-side figures, measured here)")
    cut = jieba_cut(texts)
    here = {
        "reading and decoding": stage_cps["load (decode)"],
        "8 bare regex passes": ref_cps,
        "jieba segmentation": chars / best_of(cut, 3) if callable(cut) else None,
        "JioNLP extract_time": jio_cps,
    }
    for name, theirs in ISSUE_MACHINE_CPS.items():
        ours = here[name]
        got = f"{ours / 1e6:8.2f} M chars/s  {ours / theirs:5.1f}× the issue's" if ours else "  not measured"
        print(f"  {name:22} issue {theirs / 1e6:7.2f}  here {got}")
    factors = sorted(v / ISSUE_MACHINE_CPS[k] for k, v in here.items() if v and k != "8 bare regex passes")
    if factors:
        # Only a reading of the goal, printed beside it, never counted as meeting it.
        k = factors[len(factors) // 2]
        scaled = ISSUE_MACHINE_CPS["8 bare regex passes"] * k
        print(f"  the issue's passes at this machine's median factor ({k:.1f}×) would run at "
              f"{scaled / 1e6:.1f} M chars/s: policyparse takes {scaled / e2e_cps:.1f}× their time")

    floor = fresh_best("import time; t=time.perf_counter(); import pydantic, regex; "
                       "print(time.perf_counter()-t)", 5)
    imp = fresh_best("import time; t=time.perf_counter(); import policyparse; print(time.perf_counter()-t)", 5)
    first = fresh_best("import time, policyparse; t=time.perf_counter(); policyparse.parse; "
                       "print(time.perf_counter()-t)", 3)
    rss_floor = fresh_process(PEAK_RSS_KIB + "import pydantic, regex\nprint(peak_kib())")
    rss = fresh_process(PEAK_RSS_KIB + f"import policyparse\npolicyparse.parse_file({str(SAMPLES[0])!r})\n"
                        "print(peak_kib())")
    rss_mib = int(rss) / 1024
    print("\nfresh processes")
    print(f"  import policyparse          {imp:6.3f} s   (floor: import pydantic, regex {floor:.3f} s)")
    print(f"  + pipeline on first parse   {first:6.3f} s   (extractors and their patterns, loaded lazily)")
    print(f"  peak RSS, one-notice parse  {rss_mib:6.1f} MiB (floor: {int(rss_floor) / 1024:.1f} MiB)")
    goals.append(("import policyparse ≤ 0.15 s", imp <= GOAL_IMPORT_S, f"{imp:.3f} s"))
    goals.append(("one-notice peak RSS ≤ 60 MiB", rss_mib <= GOAL_RSS_MIB, f"{rss_mib:.1f} MiB"))

    if not args.no_scaling:
        # Best of several runs per length (more for the short ones, whose runs are brief
        # enough to be upset by a neighbour), as CPU time per character relative to 1×.
        print("\nscaling (one sample's body repeated)")
        body = texts[SCALING_SAMPLE]
        per_char: dict[int, float] = {}
        for k, reps in ((1, 15), (10, 5), (100, 5)):
            t = body * k
            secs = best_of(partial(pipeline.parse, t), reps)
            per_char[k] = secs / len(t)
            print(f"  {k:4}×  {len(t):>10,} chars  {secs:8.3f} s  {len(t) / secs / 1e6:6.2f} M chars/s  "
                  f"{per_char[k] / per_char[1]:5.2f}× time per char of 1×")
        goals.append(("linear: 10× text ≤ 11× time (1→10, 10→100)",
                      max(per_char[10] / per_char[1], per_char[100] / per_char[10]) <= GOAL_SCALING_10X,
                      f"{per_char[10] / per_char[1]:.2f}, {per_char[100] / per_char[10]:.2f} per char"))

    print("\ngoals (issue 7)")
    for goal, ok, got in goals:
        print(f"  [{'met' if ok else 'NOT met':7}] {goal:45} {got}")
    print("  batch --jobs 2 ≥ 1.7× --jobs 1: run benchmarks/batch.py")
    return 0


if __name__ == "__main__":
    sys.exit(main())
