"""JSON Schema files generated from the models, so consumers can validate our output."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from .models import Assignment, Incentive, Notice, Reference, Section, Target

PUBLIC_MODELS: dict[str, type[BaseModel]] = {
    "notice": Notice,
    "section": Section,
    "target": Target,
    "incentive": Incentive,
    "assignment": Assignment,
    "reference": Reference,
}


def schema_texts() -> dict[str, str]:
    """File name → schema JSON text, for every public model."""
    return {
        f"{name}.schema.json": json.dumps(model.model_json_schema(), ensure_ascii=False, indent=2) + "\n"
        for name, model in PUBLIC_MODELS.items()
    }


def write_schemas(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_texts().items():
        p = out / name
        p.write_text(text, encoding="utf-8")
        written.append(p)
    return written
