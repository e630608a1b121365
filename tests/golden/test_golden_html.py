"""The saved pages in samples/html scored against tests/gold/html, with the matching of score.py.

Bars are issue 6's "done when": metadata 1.000 and sections F1 ≥ 0.95 on the HTML pages, with
assignments and targets at the bars of their own issues (the same as the text samples').
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .scoring import scores

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
GOLD_HTML = HERE.parent / "gold" / "html"
PAGES = sorted((ROOT / "samples" / "html").glob("*.html"))


@pytest.fixture(scope="module")
def html_scores(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, float]]:
    return scores(tmp_path_factory.mktemp("pred_html"), GOLD_HTML, PAGES)


def test_every_page_has_gold() -> None:
    assert [p.stem for p in PAGES] == sorted(p.stem for p in GOLD_HTML.glob("*.json"))


# (field, attribute or "f1", bar); one row per requirement of the issues.
HTML_BARS = [
    pytest.param("metadata", "f1", 1.0, id="metadata.f1"),
    pytest.param("sections", "f1", 0.95, id="sections.f1"),
    pytest.param("assignments", "f1", 0.95, id="assignments.f1"),
    pytest.param("targets", "f1", 0.85, id="targets.f1"),
    pytest.param("targets", "comparator", 0.90, id="targets.comparator"),
    pytest.param("targets", "deadline", 0.85, id="targets.deadline"),
    pytest.param("targets", "metric", 0.80, id="targets.metric"),
]


@pytest.mark.golden
@pytest.mark.parametrize(("field", "attr", "bar"), HTML_BARS)
def test_html_pages_meet_bar(html_scores: dict[str, dict[str, float]], field: str, attr: str,
                             bar: float) -> None:
    got = html_scores[field][attr]
    assert got >= bar, f"{field}.{attr} = {got:.3f} < {bar}"
