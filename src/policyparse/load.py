"""Stage 1: bytes or a path in, text out.

Decoding is explicit so that a bad file fails with a ``PolicyParseError`` that names it,
never with a bare ``UnicodeDecodeError`` from deep inside a stage.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import DecodeError, ReadError, TooLargeError, UnsupportedFormatError

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ""})
HTML_SUFFIXES = frozenset({".html", ".htm", ".shtml", ".xhtml"})


@dataclass(frozen=True, slots=True)
class Loaded:
    """A document as text: what every span of its Notice points into."""

    text: str
    source: str | None
    encoding: str
    kind: str  # "text" or "html"
    metadata: dict[str, str]


# Characters outside the ranges notices use. Counting these rare ones (rather than the common
# ones) keeps the scan from building a string per character.
_UNCOMMON_TEXT = re.compile(
    r"[^\t\n\r\x20-\x7e\u00a0-\u00ff\u2000-\u206f\u2460-\u24ff\u2500-\u257f\u3000-\u303f"
    r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe6f\uff00-\uffef]"
)


def _plausibility(text: str) -> float:
    """Share of characters that occur in notices (CJK, ASCII, CJK punctuation), on a sample."""
    sample = text[:4096]
    if not sample:
        return 1.0
    return (len(sample) - len(_UNCOMMON_TEXT.findall(sample))) / len(sample)


def decode(data: bytes, source: str | None = None) -> tuple[str, str]:
    """Decode ``data`` as UTF-8 (BOM or not), UTF-16 (BOM or not) or GB18030.

    Returns the text and the encoding used; raises ``DecodeError`` naming ``source``.
    """
    if not data:
        return "", "utf-8"
    if data.startswith(codecs.BOM_UTF8):
        candidates = ["utf-8-sig"]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ["utf-16"]
    else:
        candidates = ["utf-8", "gb18030", "utf-16-le", "utf-16-be"]
    best: tuple[float, str, str] | None = None
    for enc in candidates:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        score = _plausibility(text)
        # UTF-8 that decodes strictly is almost never an accident: take it at once.
        if enc.startswith("utf-8") and score >= 0.9:
            return text, enc
        if best is None or score > best[0]:
            best = (score, text, enc)
    if best is not None and best[0] >= 0.9:
        return best[1], best[2]
    if b"\x00" not in data[:4096]:
        try:
            from charset_normalizer import from_bytes

            guess = from_bytes(data[:200_000]).best()
        except Exception:  # a detector failure is a decoding failure, reported below
            guess = None
        if guess is not None and guess.encoding:
            try:
                text = data.decode(guess.encoding)
            except (UnicodeDecodeError, LookupError):
                text = ""
            if text and _plausibility(text) >= 0.9:
                return text, guess.encoding
    raise DecodeError(source, "not text in UTF-8, UTF-16 or GB18030 (binary or unknown encoding)")


def load_bytes(
    data: bytes, source: str | None = None, *, kind: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Loaded:
    """Turn one document's bytes into text. ``kind`` is "text" or "html"; guessed when None."""
    if len(data) > max_bytes:
        raise TooLargeError(source, f"{len(data):,} bytes is over the limit of {max_bytes:,}")
    if kind is None:
        kind = _guess_kind(source, data)
    if kind == "html":
        try:
            from .html import html_to_text
        except ImportError as exc:  # the HTML loader is optional until it lands
            raise UnsupportedFormatError(source, "HTML pages are not supported by this build") from exc
        text, metadata, enc = html_to_text(data, source)
        return Loaded(text, source, enc, "html", metadata)
    text, enc = decode(data, source)
    return Loaded(text, source, enc, "text", {})


def _guess_kind(source: str | None, data: bytes) -> str:
    suffix = Path(source).suffix.lower() if source else ""
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in TEXT_SUFFIXES:
        return "text"
    raise UnsupportedFormatError(source, f"unsupported file type {suffix!r} (expected .txt, .md or .html)")


def load_path(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Loaded:
    """Read and decode a file from disk."""
    p = Path(path)
    name = str(path)
    if p.is_dir():
        raise ReadError(name, "is a directory")
    _guess_kind(name, b"")  # refuse unknown formats before reading them
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise ReadError(name, exc.strerror or str(exc)) from exc
    if size > max_bytes:
        raise TooLargeError(name, f"{size:,} bytes is over the limit of {max_bytes:,}")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise ReadError(name, exc.strerror or str(exc)) from exc
    return load_bytes(data, name, max_bytes=max_bytes)
