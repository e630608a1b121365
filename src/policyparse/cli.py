"""Command line: ``policyparse parse|records|schema …`` (and the commands other modules add)."""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from .errors import describe
from .files import write_atomic

# Modules that add a subcommand through ``register(subparsers)``; one missing is skipped
# so that an optional feature's absence never breaks the core commands.
COMMAND_MODULES = ("policyparse.units", "policyparse.batch", "policyparse.review")


ALIASES_HELP = ("JSON or TOML file pinning canonical unit names (format: policyparse units --help); "
                "assignments then carry `canonical`")


def _fail(path: str, exc: BaseException) -> None:
    print(f"policyparse: {path}: {describe(exc)}", file=sys.stderr)


def _aliases(args: argparse.Namespace) -> dict[str, str] | None:
    if getattr(args, "aliases", None) is None:
        return None
    from .units import load_aliases

    return load_aliases(args.aliases)


def _each_notice(paths: Sequence[str], handle: Callable[[str, object], None],
                 aliases: dict[str, str] | None = None) -> int:
    from .pipeline import parse_file

    failed = 0
    for p in paths:
        try:
            notice = parse_file(p, aliases=aliases)
        except Exception as exc:  # ours (PolicyParseError) or a bug: one bad file never stops the others
            _fail(p, exc)
            failed += 1
            continue
        handle(p, notice)
    return 1 if failed else 0


def cmd_parse(args: argparse.Namespace) -> int:
    def show(path: str, notice: object) -> None:
        from .models import Notice

        assert isinstance(notice, Notice)
        sys.stdout.write(notice.model_dump_json(indent=2 if args.indent else None, exclude={"text"}
                                                if args.no_text else None))
        sys.stdout.write("\n")

    return _each_notice(args.files, show, _aliases(args))


def cmd_records(args: argparse.Namespace) -> int:
    out: Path | None = args.out

    def write(path: str, notice: object) -> None:
        from .models import Notice

        assert isinstance(notice, Notice)
        data = json.dumps(notice.to_records(), ensure_ascii=False, indent=1)
        if out is None:
            sys.stdout.write(data + "\n")
        else:
            write_atomic(out / f"{Path(path).stem}.json", data + "\n")

    return _each_notice(args.files, write, _aliases(args))


def cmd_schema(args: argparse.Namespace) -> int:
    from .schema import write_schemas

    for p in write_schemas(args.out):
        print(p)
    return 0


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="policyparse",
        description="Turn Chinese government notices into validated, structured data.",
    )
    sub = ap.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("parse", help="print each file's full Notice as JSON",
                       description="Parse notices and print each full Notice as JSON (one per line).")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--indent", action="store_true", help="pretty-print")
    p.add_argument("--no-text", action="store_true", help="leave the original text out of the output")
    p.add_argument("--aliases", type=Path, metavar="FILE", help=ALIASES_HELP)
    p.set_defaults(func=cmd_parse)

    p = sub.add_parser("records", help="write each file's flat records (FORMAT.md) as DIR/<stem>.json",
                       description="Write the flat records view of each notice (FORMAT.md).")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--out", type=Path, metavar="DIR", help="output folder (default: print to stdout)")
    p.add_argument("--aliases", type=Path, metavar="FILE", help=ALIASES_HELP)
    p.set_defaults(func=cmd_records)

    p = sub.add_parser("schema", help="write the JSON Schemas of the models",
                       description="Write the JSON Schema of every public model into a folder.")
    p.add_argument("--out", type=Path, default=Path("schemas"), metavar="DIR")
    p.set_defaults(func=cmd_schema)

    for name in COMMAND_MODULES:
        try:
            mod = importlib.import_module(name)
        except ImportError:
            continue
        mod.register(sub)
    return ap


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except ValueError as exc:  # a bad option file (e.g. an alias file): one line, not a traceback
        from .units import AliasError

        if not isinstance(exc, AliasError):
            raise
        print(f"policyparse: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("policyparse: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
