"""policyparse: Chinese government notices in, validated structured data out.

>>> import policyparse
>>> notice = policyparse.parse_file("samples/000_71d538c51c316347.txt")
>>> notice.doc_number.normalized
'市政办发〔2017〕109号'
"""

from __future__ import annotations

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
from .pipeline import parse, parse_bytes, parse_file

__version__ = "0.1.0"

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
