from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
GOLD = Path(__file__).resolve().parent / "gold"
CORPUS = Path(__file__).resolve().parent / "corpus"


@pytest.fixture(scope="session")
def sample_paths() -> list[Path]:
    return sorted(SAMPLES.glob("*.txt"))
