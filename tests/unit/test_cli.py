"""The command line: each subcommand's help, records output, one-line errors, batch goes on."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from policyparse.cli import build_parser, main

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "000_71d538c51c316347.txt"


def test_every_subcommand_has_help(capsys: pytest.CaptureFixture[str]) -> None:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    names = list(sub.choices)  # type: ignore[arg-type]
    assert {"parse", "records", "schema"} <= set(names)
    for name in names:
        with pytest.raises(SystemExit) as exit_info:
            main([name, "--help"])
        assert exit_info.value.code == 0
        assert "usage: policyparse" in capsys.readouterr().out


def test_records_writes_one_file_per_input_and_goes_on_after_a_bad_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(bytes(range(256)) * 20)
    out = tmp_path / "out"
    code = main(["records", str(bad), str(SAMPLE), "--out", str(out)])
    assert code == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert err[0].startswith(f"policyparse: {bad}:")
    rec = json.loads((out / f"{SAMPLE.stem}.json").read_text(encoding="utf-8"))
    assert rec["source"] == SAMPLE.name
    assert set(rec) >= {"title", "doc_number", "sections", "assignments", "targets", "references", "phases",
                        "attachments"}


def test_parse_prints_a_notice_that_validates(capsys: pytest.CaptureFixture[str]) -> None:
    from policyparse.models import Notice

    assert main(["parse", str(SAMPLE)]) == 0
    notice = Notice.model_validate_json(capsys.readouterr().out)
    assert notice.source == str(SAMPLE)


def test_python_dash_m_runs() -> None:
    res = subprocess.run([sys.executable, "-m", "policyparse", "--help"], capture_output=True, text=True,
                         check=False)
    assert res.returncode == 0
    assert "records" in res.stdout


def test_records_with_an_alias_file_carries_canonical_names(tmp_path: Path) -> None:
    aliases = tmp_path / "aliases.json"
    aliases.write_text('{"西安市科学技术局": ["市科技局(知识产权局)", "市科技局"]}', encoding="utf-8")
    out = tmp_path / "out"
    assert main(["records", str(SAMPLE), "--out", str(out), "--aliases", str(aliases)]) == 0
    rec = json.loads((out / f"{SAMPLE.stem}.json").read_text(encoding="utf-8"))
    pinned = [a for a in rec["assignments"] if a.get("canonical")]
    assert pinned
    assert {a["canonical"] for a in pinned} == {"西安市科学技术局"}
    assert {a["full"] for a in pinned} <= {"市科技局(知识产权局)", "市科技局"}


def test_a_bad_alias_file_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    aliases = tmp_path / "aliases.toml"
    aliases.write_text("not = [toml", encoding="utf-8")
    assert main(["records", str(SAMPLE), "--aliases", str(aliases)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "aliases.toml" in err[0]
