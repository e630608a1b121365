"""The samples scored against the hand-made gold, with the same matching as score.py.

``score_reference.py`` is a verbatim copy of ``../shared/tools/score.py`` so the suite scores
exactly as the yardstick does. Each bar is an issue's "done when".
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .scoring import scores

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
GOLD = HERE.parent / "gold"


@pytest.fixture(scope="module")
def text_scores(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, float]]:
    return scores(tmp_path_factory.mktemp("pred"), GOLD, sorted((ROOT / "samples").glob("*.txt")))


# (field, attribute or "f1", bar); one row per requirement of the issues.
TEXT_BARS = [
    ("metadata", "f1", 1.0),
    ("sections", "f1", 0.98),
    ("sections", "title", 0.95),
    ("references", "f1", 0.95),
    ("references", "doc_number", 0.95),
    ("phases", "f1", 0.80),
    ("attachments", "f1", 0.90),
    ("assignments", "f1", 0.95),
    ("targets", "f1", 0.85),
    ("targets", "comparator", 0.90),
    ("targets", "deadline", 0.85),
    ("targets", "metric", 0.80),
]


@pytest.mark.golden
@pytest.mark.parametrize(("field", "attr", "bar"), TEXT_BARS, ids=[f"{f}.{a}" for f, a, _ in TEXT_BARS])
def test_text_samples_meet_bar(text_scores: dict[str, dict[str, float]], field: str, attr: str,
                               bar: float) -> None:
    got = text_scores[field][attr]
    assert got >= bar, f"{field}.{attr} = {got:.3f} < {bar}"
