"""The real notices tests read beside their snippets: the samples, the saved pages and the test
corpus (its notices, not its SOURCES.md), each read and normalised once per test session."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from policyparse.load import load_path
from policyparse.normalize import normalize

ROOT = Path(__file__).resolve().parent.parent


def notice_paths(*, pages: bool = True) -> list[Path]:
    """``samples/*.txt``, then (with ``pages``) the pages in ``samples/html``, then the corpus's notices."""
    return [
        *sorted((ROOT / "samples").glob("*.txt")),
        *(sorted((ROOT / "samples" / "html").glob("*.htm*")) if pages else []),
        *sorted((ROOT / "tests" / "corpus").glob("[0-9]*")),
    ]


@cache
def loaded_text(path: Path) -> str:
    """The text of ``path`` as the loader gives it (decoded, HTML made text)."""
    return load_path(path).text


@cache
def normalized_text(path: Path) -> str:
    """``loaded_text(path)`` normalised."""
    return normalize(loaded_text(path)).text


def normalized_notices(*, pages: bool = True) -> list[str]:
    """Every notice of ``notice_paths(pages=pages)``, normalised."""
    return [normalized_text(p) for p in notice_paths(pages=pages)]
