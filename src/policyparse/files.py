"""Writing output files so that a killed run never leaves half a file behind."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def emit(out: Path | None, data: str) -> int:
    """A command's page or report: to stdout when ``out`` is None, else written atomically.

    Returns the exit status; a write failure is one line on stderr naming the file.
    """
    if out is None:
        sys.stdout.write(data)
        return 0
    try:
        write_atomic(out, data)
    except OSError as exc:
        print(f"policyparse: {out}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(out)
    return 0
