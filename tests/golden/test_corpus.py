"""Every real notice in tests/corpus parses, with honest spans and a valid tree."""

from __future__ import annotations

from pathlib import Path

import pytest

import policyparse

from ..provenance import path_problems, provenance_problems

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
FILES = sorted(p for p in CORPUS.iterdir() if p.suffix in {".txt", ".md", ".html", ".htm"} and
               p.name != "SOURCES.md")


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_corpus_file_parses(path: Path) -> None:
    notice = policyparse.parse_file(path)
    assert notice.text.strip()
    assert provenance_problems(notice) == []
    assert path_problems(notice) == []


@pytest.mark.parametrize("path", sorted((CORPUS.parent.parent / "samples").glob("*.txt")),
                         ids=lambda p: p.name)
def test_sample_spans_are_honest(path: Path) -> None:
    notice = policyparse.parse_file(path)
    assert provenance_problems(notice) == []
    assert path_problems(notice) == []
