"""Inputs of a batch: files, directory trees and archives, streamed one document at a time.

``iter_entries`` walks what the user named and yields one ``Entry`` per document: its bytes,
or why it was refused (too large, unreadable, a broken archive) or passed over (a symlink, a
hidden file, a file that is not a notice). Archives (.zip, .tar, .tar.gz, .tar.xz, .tar.bz2)
are read member by member and never extracted to disk; a member is read in chunks and given
up on as soon as it passes the size limit, so a compression bomb costs at most the limit.

Every entry carries a ``relpath``: a relative path, safe to join under an output folder,
derived from the member name with ``..``, absolute roots and drive letters taken out
(zip-slip). A name that had to be changed gets a short hash of the original, so two members
never share an output path.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import tarfile
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO

from .load import DEFAULT_MAX_BYTES, HTML_SUFFIXES, TEXT_SUFFIXES

CHUNK = 1 << 20
ZIP_SUFFIXES = (".zip",)
TAR_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".tar.xz", ".txz", ".tar.bz2", ".tbz2")
# Characters no output file name may hold (Windows' reserved set and control characters).
_UNSAFE_CHARS = re.compile(r"[\x00-\x1f\x7f<>:\"|?*]")
_DRIVE = re.compile(r"^[A-Za-z]:")
_CJK_NAME = re.compile(r"[\x00-\x7f\u3000-\u303f\u4e00-\u9fff\uff00-\uffef《》“”‘’—…·]*")
# Output names are kept well under the 255-byte limit of most file systems, leaving room for
# a hash and ".json".
_MAX_NAME_BYTES = 180


@dataclass(frozen=True, slots=True)
class Entry:
    """One document found in the inputs: its bytes, or why there are none.

    Exactly one of ``data``, ``error`` and ``skipped`` is set. ``error`` is an exception class
    name (``TooLargeError``, ``ReadError`` …) with ``message``; ``skipped`` is the reason an entry
    that is not a notice was passed over (symlink, hidden, unsupported type).
    """

    source: str
    relpath: str
    data: bytes | None = None
    error: str | None = None
    message: str | None = None
    skipped: str | None = None
    declared_size: int | None = None


def archive_kind(name: str) -> str | None:
    """'zip' or 'tar' when the name is an archive's, else None."""
    low = name.lower()
    if low.endswith(ZIP_SUFFIXES):
        return "zip"
    if low.endswith(TAR_SUFFIXES):
        return "tar"
    return None


def is_document_name(name: str) -> bool:
    """Whether a file name is one policyparse reads (text, Markdown, HTML, or no suffix)."""
    suffix = PurePosixPath(name).suffix.lower()
    return suffix in TEXT_SUFFIXES or suffix in HTML_SUFFIXES


# Documentation that sits beside notices in a crawl or a folder of samples (README.md,
# SOURCES.md, NOTES.md): found by walking a folder or an archive, it is not a notice.
# Named on the command line, it is read like any file.
DOCUMENTATION_STEMS = frozenset({"readme", "sources", "changelog", "license", "notes", "format"})


def is_documentation_name(name: str) -> bool:
    """Whether a file found in a folder or archive is documentation, not a notice."""
    return PurePosixPath(name.replace("\\", "/")).stem.lower() in DOCUMENTATION_STEMS


def _short_hash(s: str) -> str:
    return hashlib.sha256(s.encode("utf-8", "surrogatepass")).hexdigest()[:8]


def _clip(part: str) -> str:
    raw = part.encode("utf-8", "surrogatepass")
    if len(raw) <= _MAX_NAME_BYTES:
        return part
    return raw[:_MAX_NAME_BYTES].decode("utf-8", "ignore")


def safe_relpath(name: str) -> str:
    """A member name as a relative path that cannot leave the folder it is joined to.

    Backslashes count as separators; empty, ``.`` and ``..`` parts, a leading root and drive
    letters are dropped; characters file systems refuse become ``_``. When anything changed,
    a hash of the original name is added to the last part, so ``../a.txt`` and ``a.txt`` stay apart.
    """
    parts: list[str] = []
    for i, raw in enumerate(name.replace("\\", "/").split("/")):
        part = raw.strip()
        if i == 0:
            part = _DRIVE.sub("", part)
        part = _UNSAFE_CHARS.sub("_", part)
        if part in ("", ".", ".."):
            continue
        parts.append(_clip(part))
    clean = "/".join(parts)
    if clean != name:
        tail = parts[-1] if parts else "_"
        parts[-1:] = [f"{tail}~{_short_hash(name)}"]
        clean = "/".join(parts)
    return clean


def is_hidden(name: str) -> bool:
    """Dot files and the resource folders archivers add (__MACOSX)."""
    return any((p.startswith(".") and p not in (".", "..")) or p == "__MACOSX"
               for p in name.replace("\\", "/").split("/"))


def _read_limited(fh: IO[bytes], limit: int) -> bytes | None:
    # Reads at most limit + 1 bytes in chunks: None means the content is over the limit.
    buf = bytearray()
    while True:
        chunk = fh.read(min(CHUNK, limit + 1 - len(buf)))
        if not chunk:
            return bytes(buf)
        buf += chunk
        if len(buf) > limit:
            return None


def zip_member_name(info: zipfile.ZipInfo) -> str:
    """A zip member's name, reading names stored without the UTF-8 flag as UTF-8 or GB18030.

    zipfile decodes such names as CP437, but archives made on Chinese Windows store them in GBK
    (and many tools store UTF-8 without setting the flag).
    """
    name = info.filename
    if info.flag_bits & 0x800:
        return name
    try:
        raw = name.encode("cp437")
    except UnicodeEncodeError:
        return name
    decoded: list[str] = []
    for enc in ("utf-8", "gb18030"):
        try:
            decoded.append(raw.decode(enc))
        except UnicodeDecodeError:
            continue
    # Short GBK names are often valid UTF-8 too (as Hebrew or Greek): the reading whose
    # non-ASCII characters are all Chinese wins.
    for cand in decoded:
        if _CJK_NAME.fullmatch(cand):
            return cand
    return decoded[0] if decoded else name


def _too_large(source: str, relpath: str, size: int, limit: int, how: str) -> Entry:
    return Entry(source, relpath, error="TooLargeError",
                 message=f"{how} size {size:,} bytes is over the limit of {limit:,}; not read",
                 declared_size=size)


class EntryWalker:
    """Walks inputs into entries; keeps output paths distinct across top-level inputs."""

    def __init__(self, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.max_bytes = max_bytes
        self._top_names: set[str] = set()

    def _top_relpath(self, path: Path, source: str) -> str:
        name = safe_relpath(path.name or path.resolve().name or "input")
        if name in self._top_names:
            name = f"{name}~{_short_hash(source)}"
        self._top_names.add(name)
        return name

    def walk(self, inputs: Iterable[str | os.PathLike[str]]) -> Iterator[Entry]:
        """Entries of every input in order: directories sorted, archives in stored order."""
        for given in inputs:
            source = os.fspath(given)
            path = Path(source)
            # A symlink named on the command line is followed: the user chose it.
            rel = self._top_relpath(path, source)
            if path.is_dir():
                yield from self._walk_dir(path, source, rel)
            elif not path.exists():
                yield Entry(source, rel, error="ReadError", message="no such file or directory")
            elif archive_kind(path.name):
                yield from self._archive(path, source, rel)
            else:
                yield self._file(path, source, rel, explicit=True)

    def _walk_dir(self, top: Path, top_source: str, top_rel: str) -> Iterator[Entry]:
        def onerror(exc: OSError) -> None:
            errors.append(exc)

        errors: list[OSError] = []
        for dirpath, dirnames, filenames in os.walk(top, onerror=onerror):
            # Hidden folders (.git, .cache) are pruned unseen: they are never a site's notices.
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            here = Path(dirpath)
            for name in sorted(filenames):
                p = here / name
                relname = p.relative_to(top).as_posix()
                source = os.path.join(top_source, *relname.split("/"))
                rel = f"{top_rel}/{safe_relpath(relname)}"
                if p.is_symlink():
                    yield Entry(source, rel, skipped="symlink")
                elif is_hidden(relname):
                    yield Entry(source, rel, skipped="hidden")
                elif archive_kind(name):
                    yield from self._archive(p, source, rel)
                else:
                    yield self._file(p, source, rel, explicit=False)
            # Symlinked folders are listed among dirnames but os.walk does not follow them.
            for d in [d for d in dirnames if (here / d).is_symlink()]:
                yield Entry(os.path.join(top_source, *(here / d).relative_to(top).parts),
                            f"{top_rel}/{safe_relpath((here / d).relative_to(top).as_posix())}",
                            skipped="symlink")
        for exc in errors:
            yield Entry(exc.filename or top_source, top_rel, error="ReadError",
                        message=exc.strerror or str(exc))

    def _file(self, p: Path, source: str, rel: str, *, explicit: bool) -> Entry:
        if not is_document_name(p.name):
            if explicit:
                return Entry(source, rel, error="UnsupportedFormatError", message=(
                    f"unsupported file type {p.suffix.lower()!r} (expected .txt, .md, .html or an archive)"))
            return Entry(source, rel, skipped="unsupported type")
        if not explicit and is_documentation_name(p.name):
            return Entry(source, rel, skipped="documentation")
        try:
            st = p.stat()
            if not stat.S_ISREG(st.st_mode):
                return Entry(source, rel, skipped="not a regular file")
            if st.st_size > self.max_bytes:
                return _too_large(source, rel, st.st_size, self.max_bytes, "file")
            with p.open("rb") as fh:
                data = _read_limited(fh, self.max_bytes)
        except OSError as exc:
            return Entry(source, rel, error="ReadError", message=exc.strerror or str(exc))
        if data is None:  # grew while being read
            return _too_large(source, rel, self.max_bytes + 1, self.max_bytes, "actual")
        return Entry(source, rel, data=data, declared_size=len(data))

    def _archive(self, p: Path, source: str, rel: str) -> Iterator[Entry]:
        kind = archive_kind(p.name)
        if kind == "zip":
            yield from self._zip(p, source, rel)
        else:
            yield from self._tar(p, source, rel)

    def _member(self, archive_source: str, archive_rel: str, name: str, seen: set[str]) -> tuple[str, str]:
        source = f"{archive_source}/{name}"
        rel = safe_relpath(name)
        if rel in seen:  # a name stored twice in one archive
            rel = f"{rel}~{_short_hash(source + str(len(seen)))}"
        seen.add(rel)
        return source, f"{archive_rel}/{rel}"

    def _member_filter(self, source: str, rel: str, name: str) -> Entry | None:
        if is_hidden(name):
            return Entry(source, rel, skipped="hidden")
        if archive_kind(name):
            return Entry(source, rel, error="UnsupportedFormatError",
                         message="an archive inside an archive is not opened; extract the outer one first")
        if not is_document_name(name):
            return Entry(source, rel, skipped="unsupported type")
        if is_documentation_name(name):
            return Entry(source, rel, skipped="documentation")
        return None

    def _zip(self, p: Path, archive_source: str, archive_rel: str) -> Iterator[Entry]:
        try:
            zf = zipfile.ZipFile(p)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
            yield Entry(archive_source, archive_rel, error="ArchiveError",
                        message=f"not a readable zip archive (truncated or damaged): {exc}")
            return
        seen: set[str] = set()
        with zf:
            for info in zf.infolist():
                if info.is_dir():
                    continue
                name = zip_member_name(info)
                source, rel = self._member(archive_source, archive_rel, name, seen)
                mode = info.external_attr >> 16
                if stat.S_ISLNK(mode):
                    yield Entry(source, rel, skipped="symlink")
                    continue
                refused = self._member_filter(source, rel, name)
                if refused is not None:
                    yield refused
                    continue
                if info.file_size > self.max_bytes:
                    yield _too_large(source, rel, info.file_size, self.max_bytes, "declared")
                    continue
                try:
                    with zf.open(info) as fh:
                        data = _read_limited(fh, self.max_bytes)
                except Exception as exc:  # damaged member, bad CRC, encrypted, unknown method…
                    yield Entry(source, rel, error="ArchiveError",
                                message=f"member could not be read: {type(exc).__name__}: {exc}")
                    continue
                if data is None:
                    yield _too_large(source, rel, self.max_bytes + 1, self.max_bytes,
                                     f"actual (declared {info.file_size:,})")
                    continue
                yield Entry(source, rel, data=data, declared_size=info.file_size)

    def _tar(self, p: Path, archive_source: str, archive_rel: str) -> Iterator[Entry]:
        # "r|*" reads the archive as a stream: members in stored order, no seeking, any compression.
        seen: set[str] = set()
        count = 0
        try:
            with tarfile.open(p, mode="r|*") as tf:
                for member in tf:
                    if member.isdir():
                        continue
                    count += 1
                    source, rel = self._member(archive_source, archive_rel, member.name, seen)
                    if member.issym() or member.islnk():
                        yield Entry(source, rel, skipped="symlink")
                        continue
                    if not member.isfile():
                        yield Entry(source, rel, skipped="not a regular file")
                        continue
                    refused = self._member_filter(source, rel, member.name)
                    if refused is not None:
                        yield refused
                        continue
                    if member.size > self.max_bytes:
                        yield _too_large(source, rel, member.size, self.max_bytes, "declared")
                        continue
                    fh = tf.extractfile(member)
                    if fh is None:
                        yield Entry(source, rel, skipped="not a regular file")
                        continue
                    data = _read_limited(fh, self.max_bytes)
                    if data is None:
                        yield _too_large(source, rel, self.max_bytes + 1, self.max_bytes, "actual")
                        continue
                    if len(data) < member.size:
                        raise EOFError(f"member {member.name!r} is cut short")
                    yield Entry(source, rel, data=data, declared_size=member.size)
        except (tarfile.TarError, EOFError, OSError, ValueError) as exc:
            # A stream cannot be resumed past damage: what came before it stands, the rest is lost.
            where = f"after {count} member(s)" if count else "at the start"
            yield Entry(archive_source, archive_rel, error="ArchiveError",
                        message=f"archive is truncated or damaged {where}: {type(exc).__name__}: {exc}")


def iter_entries(
    inputs: Iterable[str | os.PathLike[str]], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Entry]:
    """Every document in the inputs (files, directories, archives), one at a time."""
    return EntryWalker(max_bytes).walk(inputs)


def count_estimate(inputs: Iterable[str | os.PathLike[str]]) -> int | None:
    """How many entries the inputs hold, when that is cheap to know (no tar, which must be read)."""
    total = 0
    for given in inputs:
        p = Path(given)
        try:
            if p.is_dir():
                for _dirpath, _dirnames, filenames in os.walk(p):
                    for name in filenames:
                        if archive_kind(name):
                            return None
                        total += 1
            elif archive_kind(p.name) == "zip":
                with zipfile.ZipFile(p) as zf:
                    total += sum(1 for i in zf.infolist() if not i.is_dir())
            elif archive_kind(p.name):
                return None
            else:
                total += 1
        except (OSError, zipfile.BadZipFile, EOFError, ValueError):
            total += 1
    return total
