"""Loading: encodings detected, bad input refused with an error naming the file."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

import policyparse
from policyparse.errors import DecodeError, PolicyParseError, ReadError, TooLargeError, UnsupportedFormatError
from policyparse.load import decode, load_bytes, load_path

TEXT = "各区、县人民政府,市人民政府各工作部门:\n一、总体要求\n(一)指导思想。牵头单位:市科技局"

# (bytes, expected encoding family)
ENCODINGS = [
    (TEXT.encode("utf-8"), "utf-8"),
    (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
    (TEXT.encode("gb18030"), "gb18030"),
    (TEXT.encode("gbk"), "gb18030"),
    (TEXT.encode("utf-16"), "utf-16"),
    (TEXT.encode("utf-16-le"), "utf-16-le"),
    (TEXT.encode("utf-16-be"), "utf-16-be"),
]


@pytest.mark.parametrize(("data", "encoding"), ENCODINGS, ids=[e for _, e in ENCODINGS])
def test_decode_detects_encoding(data: bytes, encoding: str) -> None:
    text, enc = decode(data, "x.txt")
    assert text == TEXT
    assert enc == encoding


# (bytes, exception, words the message must contain)
BAD = [
    (bytes(range(256)) * 20, DecodeError, "not text"),
    (b"\x89PNG\r\n\x1a\n" + bytes(4000), DecodeError, "not text"),
]


@pytest.mark.parametrize(("data", "exc", "words"), BAD)
def test_undecodable_bytes_raise_a_named_error(data: bytes, exc: type[Exception], words: str) -> None:
    with pytest.raises(exc) as info:
        decode(data, "bad.txt")
    assert "bad.txt" in str(info.value)
    assert words in str(info.value)
    assert isinstance(info.value, PolicyParseError)


def test_empty_bytes_are_empty_text() -> None:
    assert decode(b"", "e.txt") == ("", "utf-8")


def test_too_large_is_refused_before_decoding() -> None:
    with pytest.raises(TooLargeError, match="over the limit"):
        load_bytes(b"x" * 101, "big.txt", max_bytes=100)


def test_unknown_suffix_is_refused(tmp_path: Path) -> None:
    p = tmp_path / "notice.pdf"
    p.write_bytes(b"%PDF-1.4")
    with pytest.raises(UnsupportedFormatError, match=r"notice\.pdf"):
        load_path(p)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match=r"missing\.txt"):
        load_path(tmp_path / "missing.txt")
    with pytest.raises(ReadError, match="is a directory"):
        load_path(tmp_path)


def test_parse_file_reads_gbk(tmp_path: Path) -> None:
    p = tmp_path / "gbk.txt"
    p.write_bytes(TEXT.encode("gbk"))
    notice = policyparse.parse_file(p)
    assert notice.text == TEXT
    assert [s.path for s in notice.iter_sections()] == ["一", "一/(一)"]
