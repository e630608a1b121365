"""An extracted item together with where it sits in the normalised text.

Models carry spans into the original text; stages that consult each other's results
(a target looking for its phase, a date excluded because it lies in a document number)
need normalised offsets, which this wrapper carries alongside.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Located(Generic[T]):
    item: T
    start: int  # normalised offsets
    end: int
