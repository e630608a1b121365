"""``policyparse units PATH...``: every unit named in responsibility clauses, over many notices.

Each distinct unit (its ``full`` name, as a reader understands it) is listed with how many
assignments name it, in how many notices, and the variant spellings grouped under it, as a
table on the terminal or as JSON (``--json``).

Grouping is a *suggestion* for a user to review, never a silent merge. Two spellings are
grouped only if they carry the same place prefix (市, 省, 区 …) and, with that prefix and any
bracketed second name removed, either

- read the same once known abbreviations and long forms are unified (科技局 = 科学技术局,
  发改委 = 发展改革委 = 发展和改革委员会, 人社局 = 人力资源社会保障局, 委员会 = 委,
  和/与/及 dropped: 人力资源和社会保障局 = 人力资源社会保障局), or
- end in the same character, the shorter is a subsequence of the longer, and their
  rapidfuzz ratio is at least 85.

So 市财政局 and 市税务局, 区水务局 and 区税务局, 市科技局 and 市科技信息化局 stay apart.

Alias file (``--aliases FILE``, JSON or TOML by extension) pins canonical names. It maps each
canonical name to the spellings it stands for, or a spelling to its canonical name::

    {"市科学技术局": ["市科技局", "科技局"], "市发改委": "市发展和改革委员会"}

    # TOML: a top-level [aliases] table (or top-level keys)
    [aliases]
    "市科学技术局" = ["市科技局", "科技局"]
    "市发改委" = "市发展和改革委员会"

Spellings are compared after NFKC and with whitespace removed. Units that match an alias are
grouped under the canonical name, their assignments carry it in ``canonical``, and the JSON
output shows it.
"""

from __future__ import annotations

import argparse
import json
import sys
import tomllib
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .archives import is_documentation_name
from .lexicon import orgunits as lx
from .load import HTML_SUFFIXES, TEXT_SUFFIXES
from .models import Notice
from .orgunits import alias_key

# The suffixes the loader reads (a folder's files without one are not taken for notices).
SUFFIXES = (TEXT_SUFFIXES | HTML_SUFFIXES) - {""}
FUZZ_MIN = 85


@dataclass(slots=True)
class UnitGroup:
    """One body: its name, how often it is named, and the spellings grouped under it."""

    name: str
    count: int = 0
    notices: int = 0
    canonical: str | None = None
    variants: Counter[str] = field(default_factory=Counter)
    roles: Counter[str] = field(default_factory=Counter)

    def as_dict(self) -> dict[str, Any]:
        return {
            "unit": self.name,
            "count": self.count,
            "notices": self.notices,
            "canonical": self.canonical,
            "roles": dict(self.roles.most_common()),
            "variants": [{"name": n, "count": c} for n, c in _ordered(self.variants) if n != self.name],
        }


def _ordered(counter: Counter[str]) -> list[tuple[str, int]]:
    return sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))


# --- aliases ---------------------------------------------------------------------------------


class AliasError(ValueError):
    """An alias file that cannot be read or has the wrong shape."""


def parse_aliases(data: Mapping[str, Any]) -> dict[str, str]:
    """A spelling → canonical mapping (keys by ``alias_key``) from a loaded alias document."""
    table = data.get("aliases", data)
    if not isinstance(table, Mapping):
        raise AliasError("'aliases' must be a table of name → names")
    out: dict[str, str] = {}
    for key, value in table.items():
        if isinstance(value, str):
            out[alias_key(key)] = value
            out.setdefault(alias_key(value), value)
        elif isinstance(value, list) and all(isinstance(v, str) for v in value):
            out[alias_key(key)] = key
            for v in value:
                out[alias_key(v)] = key
        else:
            raise AliasError(f"alias {key!r}: expected a name or a list of names")
    return out


def load_aliases(path: str | Path) -> dict[str, str]:
    """Read an alias file: JSON, or TOML when the name ends in .toml."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise AliasError(f"{p}: {exc.strerror or exc}") from exc
    try:
        if p.suffix.lower() == ".toml":
            data: Any = tomllib.loads(raw.decode("utf-8"))
        else:
            data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, tomllib.TOMLDecodeError) as exc:
        raise AliasError(f"{p}: {exc}") from exc
    if not isinstance(data, Mapping):
        raise AliasError(f"{p}: expected an object of name → names")
    try:
        return parse_aliases(data)
    except AliasError as exc:
        raise AliasError(f"{p}: {exc}") from exc


# --- same body? ------------------------------------------------------------------------------


def _norm_core(core: str) -> str:
    s = core
    for long, short in lx.LONG_FORMS:
        s = s.replace(long, short)
    return str(lx.CONNECTIVE.sub("", s))


_ABBREV: list[tuple[str, str]] = sorted(
    ((_norm_core(spelling), _norm_core(forms[0])) for forms in lx.ABBREVIATIONS for spelling in forms),
    key=lambda kv: -len(kv[0]),
)


def _split_place(name: str) -> tuple[str, str]:
    """(place prefix, the rest) of a name, with a bracketed second name dropped."""
    bare = name
    while bare.endswith((")", "〕")):
        open_ch = "(" if bare.endswith(")") else "〔"
        k = bare.rfind(open_ch)
        if k <= 0:
            break
        bare = bare[:k]
    m = lx.PREFIX.match(bare)
    if m:
        return m.group("p"), bare[m.end() :]
    return "", bare


def body_key(name: str) -> tuple[str, str]:
    """(place prefix, core with abbreviations and long forms unified)."""
    place, core = _split_place(alias_key(name))
    core = _norm_core(core)
    for spelling, short in _ABBREV:
        if core.endswith(spelling):
            core = core[: len(core) - len(spelling)] + short
            break
    return place, core


def _subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def same_body(a: str, b: str) -> bool:
    """Whether two spellings may name the same body (the conservative rule of the docstring)."""
    if a == b:
        return True
    pa, ca = body_key(a)
    pb, cb = body_key(b)
    if pa != pb or not ca or not cb:
        return False
    if ca == cb:
        return True
    if ca[-1] != cb[-1] or min(len(ca), len(cb)) < 4:
        return False
    short, long = sorted((ca, cb), key=len)
    if not _subsequence(short, long):
        return False
    from rapidfuzz import fuzz

    return fuzz.ratio(ca, cb) >= FUZZ_MIN


# --- grouping --------------------------------------------------------------------------------


def group_units(notices: Iterable[Notice], aliases: Mapping[str, str] | None = None) -> list[UnitGroup]:
    """Every distinct unit of ``notices`` with its count and grouped spellings, most named first."""
    counts: Counter[str] = Counter()
    in_notices: dict[str, set[int]] = {}
    roles: dict[str, Counter[str]] = {}
    for k, notice in enumerate(notices):
        for a in notice.assignments:
            name = "".join(a.full.split())
            counts[name] += 1
            in_notices.setdefault(name, set()).add(k)
            roles.setdefault(name, Counter())[a.role] += 1
    alias_map = {alias_key(k): v for k, v in (aliases or {}).items()}
    groups: list[UnitGroup] = []
    members: list[list[str]] = []
    by_canonical: dict[str, int] = {}
    for name, _ in _ordered(counts):
        canonical = alias_map.get(alias_key(name))
        if canonical is not None and canonical in by_canonical:
            idx: int | None = by_canonical[canonical]
        elif canonical is not None:
            idx = None
        else:
            idx = next((i for i, ms in enumerate(members) if any(same_body(name, m) for m in ms)), None)
        if idx is None:
            groups.append(UnitGroup(name=canonical or name, canonical=canonical))
            members.append([])
            idx = len(groups) - 1
            if canonical is not None:
                by_canonical[canonical] = idx
        members[idx].append(name)
    for g, ms in zip(groups, members, strict=True):
        seen: set[int] = set()
        for m in ms:
            g.variants[m] += counts[m]
            g.count += counts[m]
            g.roles.update(roles[m])
            seen |= in_notices[m]
        g.notices = len(seen)
        if g.canonical is None:
            g.name = _ordered(g.variants)[0][0]
    groups.sort(key=lambda g: (-g.count, g.name))
    return groups


# --- command line ----------------------------------------------------------------------------


def iter_paths(paths: Sequence[str]) -> Iterator[Path]:
    """The files named, and the notice files under each folder named, in a stable order."""
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            yield from sorted(
                f
                for f in p.rglob("*")
                if f.is_file() and f.suffix.lower() in SUFFIXES and not is_documentation_name(f.name)
            )
        else:
            yield p


def _parse_all(paths: Sequence[str], aliases: Mapping[str, str] | None) -> tuple[list[Notice], int]:
    from .assignments import apply_aliases
    from .errors import PolicyParseError
    from .pipeline import parse_file

    notices: list[Notice] = []
    failed = 0
    for p in iter_paths(paths):
        try:
            notice = parse_file(p)
        except Exception as exc:  # one unreadable file must not stop the others
            reason = exc.reason if isinstance(exc, PolicyParseError) else f"{type(exc).__name__}: {exc}"
            print(f"policyparse units: {p}: {reason}", file=sys.stderr)
            failed += 1
            continue
        if aliases:
            notice = notice.model_copy(update={"assignments": apply_aliases(notice.assignments, aliases)})
        notices.append(notice)
    return notices, failed


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _pad(s: str, w: int) -> str:
    return s + " " * (w - _width(s))


def _variants_text(g: UnitGroup) -> str:
    return ", ".join(f"{n} ×{c}" for n, c in _ordered(g.variants) if n != g.name)


def render_plain(groups: Sequence[UnitGroup]) -> str:
    """The groups as an aligned text table (East Asian wide characters counted as two)."""
    head = ("unit", "count", "notices", "variants")
    rows = [(g.name, str(g.count), str(g.notices), _variants_text(g)) for g in groups]
    widths = [max([_width(h)] + [_width(r[i]) for r in rows]) for i, h in enumerate(head)]
    lines = ["  ".join(_pad(c, widths[i]) for i, c in enumerate(head)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(_pad(c, widths[i]) for i, c in enumerate(r)).rstrip() for r in rows]
    return "\n".join(lines) + "\n"


def _render_rich(groups: Sequence[UnitGroup], n_notices: int) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"Units in {n_notices} notice(s)")
    table.add_column("unit")
    table.add_column("count", justify="right")
    table.add_column("notices", justify="right")
    table.add_column("variants (suggested)")
    for g in groups:
        table.add_row(g.name, str(g.count), str(g.notices), _variants_text(g))
    Console().print(table)


def cmd_units(args: argparse.Namespace) -> int:
    aliases: dict[str, str] | None = None
    if args.aliases is not None:
        try:
            aliases = load_aliases(args.aliases)
        except AliasError as exc:
            print(f"policyparse units: {exc}", file=sys.stderr)
            return 2
    notices, failed = _parse_all(args.paths, aliases)
    groups = group_units(notices, aliases)
    if args.json:
        doc = {"notices": len(notices), "failed": failed, "units": [g.as_dict() for g in groups]}
        sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=1) + "\n")
    elif not args.plain and sys.stdout.isatty() and _has_rich():
        _render_rich(groups, len(notices))
    else:
        sys.stdout.write(render_plain(groups))
    return 1 if failed else 0


def _has_rich() -> bool:
    try:
        import rich  # noqa: F401
    except ImportError:
        return False
    return True


def register(subparsers: Any) -> None:
    """Add ``units`` to the ``policyparse`` command line."""
    p = subparsers.add_parser(
        "units",
        help="list every unit named in responsibility clauses, with grouped spellings",
        description=(
            "List every distinct unit named in the responsibility clauses of the notices given "
            "(files, or folders searched for .txt/.md/.html), with its count and the variant "
            "spellings grouped under it. Grouping is a suggestion: spellings are grouped only when "
            "they share a place prefix and read the same after known abbreviations are unified "
            "(科技局 = 科学技术局) or differ only by dropped characters; 市财政局 and 市税务局 "
            "stay apart."
        ),
        epilog=(
            "Alias file (JSON, or TOML when it ends in .toml): canonical name → list of spellings, "
            'or spelling → canonical name, e.g. {"市科学技术局": ["市科技局", "科技局"]}; in TOML '
            'under [aliases]: "市科学技术局" = ["市科技局", "科技局"]. Matching units are listed under '
            "the canonical name and assignments carry it in 'canonical'."
        ),
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="notice files or folders")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.add_argument("--plain", action="store_true", help="a plain text table even on a terminal")
    p.add_argument(
        "--aliases", type=Path, metavar="FILE", help="alias file (JSON or TOML) pinning canonical names"
    )
    p.set_defaults(func=cmd_units)
