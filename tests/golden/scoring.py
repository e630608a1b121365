"""Score parsed notices against a gold folder with score.py's own matching."""

from __future__ import annotations

import json
from pathlib import Path

import policyparse

from . import score_reference as score


def scores(tmp: Path, gold_dir: Path, inputs: list[Path]) -> dict[str, dict[str, float]]:
    """Parse ``inputs`` into records in ``tmp`` and score them: field → {"f1": …, attribute: share right}."""
    for p in inputs:
        rec = policyparse.parse_file(p).to_records()
        (tmp / f"{p.stem}.json").write_text(json.dumps(rec, ensure_ascii=False), encoding="utf-8")
    tallies, meta, _, _ = score.score(gold_dir, tmp)
    ok = sum(c for c, _ in meta.values())
    total = sum(t for _, t in meta.values())
    out: dict[str, dict[str, float]] = {"metadata": {"f1": ok / total}}
    for field, t in tallies.items():
        _, _, f1 = t.prf()
        out[field] = {"f1": f1, **{k: (c / n if n else 1.0) for k, (c, n) in t.attr.items()}}
    return out
