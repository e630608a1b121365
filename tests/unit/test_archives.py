"""Inputs of a batch: safe output paths, archives streamed member by member, size limits."""

from __future__ import annotations

import io
import os
import tarfile
import zipfile
from pathlib import Path, PurePosixPath

import pytest

from policyparse.archives import Entry, _read_limited, iter_entries, safe_relpath, zip_member_name

NOTICE = "关于印发某市工作方案的通知\n一、总体要求\n到2025年,建成示范园区3个。\n".encode()


# ---------------------------------------------------------------------------------- safe paths

SAFE = [
    # (member name, expected relative path; "~" marks a name that had to change and got a hash)
    ("a/b.txt", "a/b.txt"),
    ("通知/2020/关于印发方案的通知.html", "通知/2020/关于印发方案的通知.html"),
    ("../../etc/passwd", "etc/passwd~"),
    ("/abs/evil.txt", "abs/evil.txt~"),
    ("C:\\Windows\\evil.txt", "Windows/evil.txt~"),
    ("c:/evil.txt", "evil.txt~"),
    ("a/./b/../../../c.txt", "a/b/c.txt~"),
    ("..\\..\\x.txt", "x.txt~"),
    ("x/a:b?.txt", "x/a_b_.txt~"),
    ("D:relative.txt", "relative.txt~"),
    ("x/\x00y.txt", "x/_y.txt~"),
    ("..", "_~"),
]


@pytest.mark.parametrize(("name", "expected"), SAFE)
def test_safe_relpath(name: str, expected: str) -> None:
    got = safe_relpath(name)
    if expected.endswith("~"):
        assert got.startswith(expected) and len(got) == len(expected) + 8
    else:
        assert got == expected
    p = PurePosixPath(got)
    assert not p.is_absolute() and ".." not in p.parts and ":" not in got
    assert safe_relpath(got) == got  # a safe path stays as it is


def test_changed_names_never_collide() -> None:
    assert safe_relpath("../a.txt") != safe_relpath("a.txt")
    assert safe_relpath("../a.txt") != safe_relpath("/a.txt")


def test_long_names_are_clipped_under_the_file_system_limit() -> None:
    got = safe_relpath("长" * 200 + ".txt")
    assert len(got.encode()) < 200


# ---------------------------------------------------------------------------------- helpers

def _zip(path: Path, members: dict[str, bytes], *, stored: bool = False) -> Path:
    method = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(path, "w", method) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def _tar(path: Path, members: dict[str, bytes], mode: str = "w:gz") -> Path:
    with tarfile.open(path, mode) as tf:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    return path


def _by_source(entries: list[Entry]) -> dict[str, Entry]:
    return {e.source.rsplit("/", 1)[-1]: e for e in entries}


# ---------------------------------------------------------------------------------- walking

def test_zip_members_streamed_with_skips(tmp_path: Path) -> None:
    z = tmp_path / "site.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("notices/", b"")  # a directory entry
        zf.writestr("notices/a.txt", NOTICE)
        zf.writestr("notices/b.html", b"<p>x</p>")
        zf.writestr("__MACOSX/notices/._a.txt", b"\x00\x05")
        zf.writestr("notices/style.css", b"p{}")
        zf.writestr("notices/inner.zip", b"PK")
        link = zipfile.ZipInfo("notices/link.txt")
        link.external_attr = (0o120777 << 16)
        zf.writestr(link, "a.txt")
    got = _by_source(list(iter_entries([z])))
    assert got["a.txt"].data == NOTICE
    assert got["a.txt"].source == f"{z}/notices/a.txt"
    assert got["a.txt"].relpath == "site.zip/notices/a.txt"
    assert got["b.html"].data == b"<p>x</p>"
    assert got["._a.txt"].skipped == "hidden"
    assert got["style.css"].skipped == "unsupported type"
    assert got["link.txt"].skipped == "symlink"
    assert got["inner.zip"].error == "UnsupportedFormatError"
    assert "notices" not in got and "" not in got  # the directory entry yields nothing


@pytest.mark.parametrize("mode", ["w", "w:gz", "w:xz", "w:bz2"])
def test_tar_members_streamed(tmp_path: Path, mode: str) -> None:
    suffix = {"w": ".tar", "w:gz": ".tar.gz", "w:xz": ".tar.xz", "w:bz2": ".tar.bz2"}[mode]
    t = _tar(tmp_path / f"a{suffix}", {"x/1.txt": NOTICE, "x/2.md": NOTICE + b"\n"}, mode)
    got = list(iter_entries([t]))
    assert [e.relpath for e in got] == [f"a{suffix}/x/1.txt", f"a{suffix}/x/2.md"]
    assert [e.data for e in got] == [NOTICE, NOTICE + b"\n"]


def test_tar_symlink_and_device_skipped(tmp_path: Path) -> None:
    t = tmp_path / "l.tar"
    with tarfile.open(t, "w") as tf:
        info = tarfile.TarInfo("x/link.txt")
        info.type = tarfile.SYMTYPE
        info.linkname = "/etc/passwd"
        tf.addfile(info)
        fifo = tarfile.TarInfo("x/pipe.txt")
        fifo.type = tarfile.FIFOTYPE
        tf.addfile(fifo)
    assert [(e.relpath, e.skipped) for e in iter_entries([t])] == [
        ("l.tar/x/link.txt", "symlink"), ("l.tar/x/pipe.txt", "not a regular file")]


def test_directory_tree_sorted_with_symlinks_and_hidden_skipped(tmp_path: Path) -> None:
    root = tmp_path / "site"
    (root / "b").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / ".git" / "x.txt").write_bytes(NOTICE)
    (root / "b" / "2.txt").write_bytes(NOTICE)
    (root / "a.txt").write_bytes(NOTICE)
    (root / ".hidden.txt").write_bytes(NOTICE)
    (root / "logo.png").write_bytes(b"\x89PNG")
    os.symlink(root / "a.txt", root / "link.txt")
    os.symlink(tmp_path, root / "loop")
    _zip(root / "b" / "year.zip", {"in.txt": NOTICE})
    got = [(e.relpath, e.skipped or e.error or "data") for e in iter_entries([root])]
    assert got == [
        ("site/.hidden.txt", "hidden"),
        ("site/a.txt", "data"),
        ("site/link.txt", "symlink"),
        ("site/logo.png", "unsupported type"),
        ("site/loop", "symlink"),
        ("site/b/2.txt", "data"),
        ("site/b/year.zip/in.txt", "data"),
    ]


def test_documentation_beside_notices_is_skipped_unless_named(tmp_path: Path) -> None:
    # Found in the wild: `batch tests/corpus` parsed tests/corpus/SOURCES.md as a notice.
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "01_notice.txt").write_bytes(NOTICE)
    (root / "SOURCES.md").write_bytes(b"| file | source |\n")
    (root / "readme.txt").write_bytes(b"how this crawl was made\n")
    (root / "notes-on-2020.md").write_bytes(NOTICE)  # only the whole stem names documentation
    _zip(root / "crawl.zip", {"README.md": b"about\n", "in.txt": NOTICE})
    got = [(e.relpath, e.skipped or e.error or "data") for e in iter_entries([root])]
    assert got == [
        ("corpus/01_notice.txt", "data"),
        ("corpus/SOURCES.md", "documentation"),
        ("corpus/crawl.zip/README.md", "documentation"),
        ("corpus/crawl.zip/in.txt", "data"),
        ("corpus/notes-on-2020.md", "data"),
        ("corpus/readme.txt", "documentation"),
    ]
    # Named on its own, it is read like any file.
    (named,) = iter_entries([root / "SOURCES.md"])
    assert named.data is not None and named.skipped is None


def test_zip_slip_names_stay_inside(tmp_path: Path) -> None:
    z = _zip(tmp_path / "evil.zip", {"../../evil1.txt": NOTICE, "/etc/evil2.txt": NOTICE,
                                     "C:\\evil3.txt": NOTICE, "ok/../../evil4.txt": NOTICE})
    for e in iter_entries([z]):
        p = PurePosixPath(e.relpath)
        assert p.parts[0] == "evil.zip" and ".." not in p.parts and not p.is_absolute()


# ---------------------------------------------------------------------------------- size limits

def test_declared_size_refused_before_reading(tmp_path: Path) -> None:
    # 5 MB of zeros deflate to a few KB: a small compression bomb.
    z = _zip(tmp_path / "bomb.zip", {"bomb.txt": b"\x00" * (5 << 20), "ok.txt": NOTICE})
    assert z.stat().st_size < 100_000
    got = _by_source(list(iter_entries([z], max_bytes=1 << 20)))
    assert got["bomb.txt"].error == "TooLargeError" and got["bomb.txt"].data is None
    assert "declared size 5,242,880" in (got["bomb.txt"].message or "")
    assert got["ok.txt"].data == NOTICE


def test_tar_member_over_the_limit_skipped_and_stream_goes_on(tmp_path: Path) -> None:
    t = _tar(tmp_path / "b.tar.gz", {"big.txt": b"a" * 300_000, "ok.txt": NOTICE})
    got = _by_source(list(iter_entries([t], max_bytes=100_000)))
    assert got["big.txt"].error == "TooLargeError"
    assert got["ok.txt"].data == NOTICE


def test_plain_file_over_the_limit(tmp_path: Path) -> None:
    f = tmp_path / "big.txt"
    f.write_bytes(b"a" * 5000)
    (e,) = iter_entries([f], max_bytes=1000)
    assert e.error == "TooLargeError" and e.data is None


class _Endless(io.RawIOBase):
    """A stream that never ends: the actual size of a member that lies about it."""

    def __init__(self) -> None:
        self.read_total = 0

    def readable(self) -> bool:
        return True

    def read(self, n: int = -1) -> bytes:
        n = 1 << 16 if n is None or n < 0 else n
        self.read_total += n
        return b"x" * n


def test_actual_size_stops_reading_at_the_limit() -> None:
    stream = _Endless()
    assert _read_limited(stream, 1000) is None  # type: ignore[arg-type]
    assert stream.read_total <= 1001
    assert _read_limited(io.BytesIO(b"abc"), 3) == b"abc"


# ---------------------------------------------------------------------------------- damage

def test_truncated_zip_is_one_error(tmp_path: Path) -> None:
    z = _zip(tmp_path / "t.zip", {f"{i}.txt": NOTICE for i in range(5)})
    data = z.read_bytes()
    z.write_bytes(data[: len(data) // 2])
    (e,) = iter_entries([z])
    assert e.error == "ArchiveError" and e.source == str(z)


def test_corrupt_zip_member_is_an_error_and_the_others_are_read(tmp_path: Path) -> None:
    z = _zip(tmp_path / "c.zip", {"bad.txt": b"A" * 1000, "good.txt": NOTICE}, stored=True)
    data = z.read_bytes()
    z.write_bytes(data.replace(b"A" * 1000, b"B" * 1000))  # same length, wrong CRC
    got = _by_source(list(iter_entries([z])))
    assert got["bad.txt"].error == "ArchiveError" and "CRC" in (got["bad.txt"].message or "")
    assert got["good.txt"].data == NOTICE


def test_truncated_tar_keeps_what_came_before(tmp_path: Path) -> None:
    t = _tar(tmp_path / "t.tar", {"1.txt": NOTICE, "2.txt": b"b" * 20_000}, "w")
    data = t.read_bytes()
    t.write_bytes(data[:10_000])
    got = list(iter_entries([t]))
    assert got[0].data == NOTICE
    assert got[-1].error == "ArchiveError" and "after" in (got[-1].message or "")


def test_missing_and_unsupported_inputs(tmp_path: Path) -> None:
    (tmp_path / "x.pdf").write_bytes(b"%PDF")
    missing, pdf = iter_entries([tmp_path / "nope.txt", tmp_path / "x.pdf"])
    assert missing.error == "ReadError"
    assert pdf.error == "UnsupportedFormatError"  # named on the command line: worth a line


def test_gbk_member_names_read_back() -> None:
    info = zipfile.ZipInfo("x")
    info.filename = "通知.txt".encode("gbk").decode("cp437")
    info.flag_bits = 0
    assert zip_member_name(info) == "通知.txt"
    info.filename = "通知.txt".encode().decode("cp437")
    assert zip_member_name(info) == "通知.txt"
