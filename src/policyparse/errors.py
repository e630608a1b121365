"""The errors policyparse raises on purpose.

Text that decodes always parses: extractors record warnings on the Notice instead of
raising. These exceptions are for input that cannot become text at all, and each carries
the source it came from and a one-line reason, so a batch can log it and go on.
"""

from __future__ import annotations


class PolicyParseError(Exception):
    """Base class: an input that cannot be turned into a Notice."""

    def __init__(self, source: str | None, reason: str) -> None:
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}" if source else reason)


class DecodeError(PolicyParseError):
    """The bytes are not text in any encoding we accept (UTF-8/16, GB18030)."""


class TooLargeError(PolicyParseError):
    """The input is larger than the configured limit."""


class UnsupportedFormatError(PolicyParseError):
    """The file's format is not one policyparse reads."""


class ReadError(PolicyParseError):
    """The file could not be read from disk (missing, a directory, no permission)."""


def describe(exc: BaseException) -> str:
    """The one-line reason shown for a failed input: ours as worded, anything else with its type."""
    if isinstance(exc, PolicyParseError):
        return exc.reason
    first = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {first[0] if first else ''}".rstrip(": ")
