"""``policyparse units``: grouping of spellings, alias files, and the command on the samples."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from policyparse.cli import main
from policyparse.pipeline import parse
from policyparse.units import AliasError, group_units, load_aliases, render_plain, same_body

SAMPLES = Path(__file__).resolve().parents[2] / "samples"

# (a, b, same body?)
PAIRS = [
    ("市科技局", "市科学技术局", True),
    ("市发改委", "市发展改革委", True),
    ("市发展改革委", "市发展和改革委员会", True),
    ("市人力资源和社会保障局", "市人力资源社会保障局", True),
    ("市人社局", "市人力资源社会保障局", True),
    ("市科技局(知识产权局)", "市科技局", True),
    ("市中级法院", "市中级人民法院", True),
    ("市经济信息化委", "市经济和信息化委", True),
    ("市财政局", "市税务局", False),
    ("区水务局", "区税务局", False),
    ("市科技局", "省科技厅", False),
    ("市科技局", "区科技局", False),
    ("市科技局", "市科技信息化局", False),
    ("市商务局", "市商务委", False),
    ("市委宣传部", "市委组织部", False),
]


@pytest.mark.parametrize(("a", "b", "same"), PAIRS)
def test_same_body_is_conservative(a: str, b: str, same: bool) -> None:
    assert same_body(a, b) is same
    assert same_body(b, a) is same


NOTICE_A = (
    "一、任务\n(一)推进。(责任单位:市科技局、市财政局、市税务局)\n"
    "(二)落实。(市科学技术局牵头,市人社局配合)"
)
NOTICE_B = "一、任务\n(一)推进。(责任单位:市科技局、市人力资源社会保障局)"


def test_group_units_counts_and_variants() -> None:
    groups = group_units([parse(NOTICE_A), parse(NOTICE_B)])
    by_name = {g.name: g for g in groups}
    tech = by_name["市科技局"]
    assert (tech.count, tech.notices, dict(tech.variants)) == (
        3,
        2,
        {"市科技局": 2, "市科学技术局": 1},
    )
    assert dict(tech.roles) == {"responsible": 2, "lead": 1}
    assert {"市财政局", "市税务局"} <= set(by_name)
    hr = by_name["市人社局"] if "市人社局" in by_name else by_name["市人力资源社会保障局"]
    assert set(hr.variants) == {"市人社局", "市人力资源社会保障局"}


def test_aliases_pin_the_canonical_name(tmp_path: Path) -> None:
    f = tmp_path / "aliases.json"
    f.write_text(
        json.dumps({"市科学技术局(知识产权局)": ["市科技局", "市科学技术局"]}, ensure_ascii=False),
        "utf-8",
    )
    aliases = load_aliases(f)
    groups = group_units([parse(NOTICE_A)], aliases)
    assert groups[0].name == "市科学技术局(知识产权局)"
    assert groups[0].canonical == "市科学技术局(知识产权局)"
    assert groups[0].count == 2


def test_toml_aliases_and_spelling_to_canonical(tmp_path: Path) -> None:
    f = tmp_path / "aliases.toml"
    f.write_text(
        '[aliases]\n"市科学技术局" = ["市科技局"]\n"市财政局" = "市财政局(国资办)"\n', "utf-8"
    )
    assert load_aliases(f) == {
        "市科学技术局": "市科学技术局",
        "市科技局": "市科学技术局",
        "市财政局": "市财政局(国资办)",
        "市财政局(国资办)": "市财政局(国资办)",
    }


@pytest.mark.parametrize("content", ["[1, 2]", '{"a": 3}', "{not json"])
def test_bad_alias_file(tmp_path: Path, content: str) -> None:
    f = tmp_path / "aliases.json"
    f.write_text(content, "utf-8")
    with pytest.raises(AliasError):
        load_aliases(f)


def test_render_plain_aligns_wide_characters() -> None:
    out = render_plain(group_units([parse(NOTICE_A)]))
    lines = out.splitlines()
    assert lines[0].split() == ["unit", "count", "notices", "variants"]
    assert "市科学技术局 ×1" in out or "市科技局 ×1" in out
    # the count column starts at the same display column on every row (Han characters are wide)
    starts = set()
    for line in lines[2:]:
        k = line.index("  ")
        while line[k] == " ":
            k += 1
        starts.add(sum(2 if ord(c) > 0x2E80 else 1 for c in line[:k]))
    assert len(starts) == 1


def test_units_command_json_on_samples(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["units", str(SAMPLES), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["notices"] >= 5 and doc["failed"] == 0
    units = {u["unit"]: u for u in doc["units"]}
    assert units["市市场监管局"]["count"] >= 51
    assert units["各区、县(市)政府"]["count"] == 20
    assert "市发改委" in {v["name"] for v in units["市发展改革委"]["variants"]}
    assert "市税务局" not in {
        v["name"] for v in units.get("市财政局", {"variants": []})["variants"]
    }


def test_units_command_table_on_samples(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["units", str(SAMPLES / "000_71d538c51c316347.txt"), "--plain"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("unit")
    assert "市科技局(知识产权局)" in out and "西咸新区管委会" in out


def test_units_command_goes_on_after_a_bad_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "missing.txt"
    assert main(["units", str(missing), str(SAMPLES / "001_5966647806739c09.txt"), "--json"]) == 1
    captured = capsys.readouterr()
    assert "missing.txt" in captured.err and len(captured.err.strip().splitlines()) == 1
    assert json.loads(captured.out)["notices"] == 1


def test_units_command_with_aliases(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "a.json"
    f.write_text(json.dumps({"市场监督管理局": ["市市场监管局"]}, ensure_ascii=False), "utf-8")
    assert (
        main(["units", str(SAMPLES / "004_842afa8849cffd08.txt"), "--json", "--aliases", str(f)])
        == 0
    )
    units = {u["unit"]: u for u in json.loads(capsys.readouterr().out)["units"]}
    assert units["市场监督管理局"]["canonical"] == "市场监督管理局"
    assert units["市场监督管理局"]["count"] == 21  # gold 004: 21 records of 市市场监管局


def test_bad_alias_file_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    f = tmp_path / "a.json"
    f.write_text("{oops", "utf-8")
    assert main(["units", str(SAMPLES), "--aliases", str(f)]) == 2
    assert "a.json" in capsys.readouterr().err


def test_folder_walk_takes_what_the_loader_reads_and_skips_documentation(tmp_path: Path) -> None:
    # One rule for batch, units and overview: the loader's suffixes, documentation left out.
    from policyparse.units import iter_paths

    for name in ("a.txt", "b.text", "c.markdown", "d.xhtml", "e.shtml", "SOURCES.md", "README.txt",
                 "logo.png", "Makefile"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert [p.name for p in iter_paths([str(tmp_path)])] == [
        "a.txt", "b.text", "c.markdown", "d.xhtml", "e.shtml"
    ]
    # Named on its own, a file is always taken.
    assert [p.name for p in iter_paths([str(tmp_path / "SOURCES.md")])] == ["SOURCES.md"]
