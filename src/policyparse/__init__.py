"""policyparse: Chinese government notices in, validated structured data out.

>>> import policyparse
>>> notice = policyparse.parse_file("samples/000_71d538c51c316347.txt")
>>> notice.doc_number.normalized
'市政办发〔2017〕109号'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import DecodeError, PolicyParseError, ReadError, TooLargeError, UnsupportedFormatError
from .models import (
    Assignment,
    Attachment,
    DateMention,
    DocNumber,
    Incentive,
    Notice,
    Period,
    Phase,
    Reference,
    Section,
    Span,
    Target,
)

if TYPE_CHECKING:
    from .pipeline import parse, parse_bytes, parse_file

__version__ = "0.1.0"

_PIPELINE = frozenset({"parse", "parse_bytes", "parse_file"})


def __getattr__(name: str) -> Any:
    # The pipeline imports every extractor and compiles its patterns (about as long again as
    # pydantic takes); it loads on first use, so `import policyparse`, the CLI's start and
    # code that only reads models stay light.
    if name in _PIPELINE:
        from . import pipeline

        value = getattr(pipeline, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = [
    "Assignment",
    "Attachment",
    "DateMention",
    "DecodeError",
    "DocNumber",
    "Incentive",
    "Notice",
    "Period",
    "Phase",
    "PolicyParseError",
    "ReadError",
    "Reference",
    "Section",
    "Span",
    "Target",
    "TooLargeError",
    "UnsupportedFormatError",
    "parse",
    "parse_bytes",
    "parse_file",
]
