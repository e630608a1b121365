"""schemas/ must match the models: regenerate with `policyparse schema --out schemas/`."""

from __future__ import annotations

from pathlib import Path

from policyparse.schema import schema_texts

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"


def test_schemas_are_current() -> None:
    expected = schema_texts()
    stale = [name for name, text in expected.items()
             if not (SCHEMAS / name).exists() or (SCHEMAS / name).read_text(encoding="utf-8") != text]
    assert not stale, f"stale schemas (run `policyparse schema --out schemas/`): {stale}"
    extra = {p.name for p in SCHEMAS.glob("*.schema.json")} - set(expected)
    assert not extra, f"schemas without a model: {extra}"
