"""``tierreport diff``: tier changes, findings and narratives since another edition."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import copy_edition, run


def edit(edition: Path, code: str, old: str, new: str, count: int = 1) -> None:
    path = edition / "countries" / f"{code}.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == count, (code, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def editions(tmp_path: Path) -> tuple[Path, Path]:
    """The example edition (old) and a copy revised in clearance (new)."""
    old = copy_edition("example", tmp_path / "old")
    new = copy_edition("example", tmp_path / "new")
    edit(new, "XDU", "finding: partial", "finding: not_met", count=5)
    edit(new, "XAR", "  C13:\n    finding: not_met", "  C13:\n    finding: not_applicable")
    edit(new, "XAR", "Smaller networks run boats", "Larger networks now run boats")
    edit(new, "XAR", "    - Publish annual law-enforcement statistics on smuggling cases.\n", "")
    edit(new, "XFE", "\nstatus: cleared\n", "\nstatus: review\n")
    (new / "countries" / "XQU.yaml").unlink()
    assert run("new-country", "FRA", "--edition", new).exit_code == 0
    return old, new


def test_diff_shows_tiers_findings_and_narratives(editions: tuple[Path, Path]) -> None:
    old, new = editions
    result = run("diff", old, "--edition", new)
    assert result.exit_code == 0, result.output
    assert result.output == (
        f"from the 2027 edition ({old}) to the 2027 edition ({new}): 3 changed, 1 added, "
        "1 removed, 13 unchanged\n"
        "\n"
        "FRA  France: added (draft)\n"
        "  tier: none -> Tier 3\n"
        "\n"
        "XAR  Republic of Arcadia: changed\n"
        "  C13: not_met -> not_applicable\n"
        "  narrative.recommendations:\n"
        "    --- old (2027)\n"
        "    +++ new (2027)\n"
        "    @@ -5,3 +5,2 @@\n"
        "     Expand shelter capacity and medical care along the overland route to the northern "
        "border.\n"
        "    -Publish annual law-enforcement statistics on smuggling cases.\n"
        "     Resolve pending extradition requests in smuggling cases without undue delay.\n"
        "  narrative.profile:\n"
        "    --- old (2027)\n"
        "    +++ new (2027)\n"
        "    @@ -3,3 +3,3 @@\n"
        "     Arcadian nationals, mostly young men from the northern provinces, use the same "
        "route.\n"
        "    -Smaller networks run boats from Punta Garza to neighbouring islands in overloaded "
        "fishing vessels.\n"
        "    +Larger networks now run boats from Punta Garza to neighbouring islands in "
        "overloaded fishing vessels.\n"
        "     Local drivers and guides are recruited by foreign organizers, and press reports "
        "indicate that some airport immigration officers take payments to skip entry checks.\n"
        "\n"
        "XDU  Dunmarch: changed\n"
        "  tier: Tier 2 -> Tier 3 (downgrade)\n"
        "  C01: partial -> not_met\n"
        "  C04: partial -> not_met\n"
        "  C06: partial -> not_met\n"
        "  C08: partial -> not_met\n"
        "  C12: partial -> not_met\n"
        "\n"
        "XFE  Fennmark: changed\n"
        "  status: cleared -> review\n"
        "\n"
        "XQU  Quenmoor: removed (cleared)\n"
        "  tier: Tier 2 Watch List -> none\n"
    )


def test_diff_json_for_tools(editions: tuple[Path, Path]) -> None:
    old, new = editions
    result = run("diff", old, "--edition", new, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["old"] == {"edition": 2027, "path": str(old)}
    assert data["new"] == {"edition": 2027, "path": str(new)}
    assert [(c["code"], c["change"]) for c in data["countries"]] == [
        ("FRA", "added"),
        ("XAR", "changed"),
        ("XDU", "changed"),
        ("XFE", "changed"),
        ("XQU", "removed"),
    ]
    dunmarch = data["countries"][2]
    assert dunmarch["tier"] == {"old": "2", "new": "3"}
    assert dunmarch["status"] == {"old": "cleared", "new": "cleared"}
    assert dunmarch["findings"][0] == {"id": "C01", "old": "partial", "new": "not_met"}
    assert dunmarch["narrative"] == {}
    arcadia = data["countries"][1]
    assert sorted(arcadia["narrative"]) == ["profile", "recommendations"]
    assert arcadia["narrative"]["profile"].splitlines()[:3] == [
        "--- old (2027)",
        "+++ new (2027)",
        "@@ -3,3 +3,3 @@",
    ]
    assert data["countries"][4]["tier"] == {"old": "2WL", "new": None}
    assert data["unchanged"] == [
        "XBO",
        "XCA",
        "XEL",
        "XGA",
        "XHO",
        "XIS",
        "XJO",
        "XKE",
        "XLU",
        "XMO",
        "XNA",
        "XOR",
        "XPA",
    ]


def test_diff_of_a_rolled_over_edition(tmp_path: Path) -> None:
    old = copy_edition("example", tmp_path / "2027")
    assert run("rollover", "--edition", old, "--to", "2028").exit_code == 0
    result = run("diff", old, "--edition", tmp_path / "2028", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert (data["old"]["edition"], data["new"]["edition"]) == (2027, 2028)
    assert data["unchanged"] == []
    arcadia = next(c for c in data["countries"] if c["code"] == "XAR")
    assert arcadia["status"] == {"old": "cleared", "new": "draft"}
    assert len(arcadia["findings"]) == 16
    assert {f["new"] for f in arcadia["findings"]} == {"unassessed"}
    assert arcadia["narrative"] == {}


def test_identical_editions(tmp_path: Path) -> None:
    old = copy_edition("minimal", tmp_path / "a")
    new = copy_edition("minimal", tmp_path / "b")
    result = run("diff", old, "--edition", new)
    assert result.exit_code == 0
    assert result.output == (
        f"from the 2027 edition ({old}) to the 2027 edition ({new}): 0 changed, 0 added, "
        "0 removed, 2 unchanged\n"
    )


def test_refuses_an_old_edition_with_errors(tmp_path: Path) -> None:
    old = copy_edition("minimal", tmp_path / "a")
    new = copy_edition("minimal", tmp_path / "b")
    edit(old, "XAA", "region: AF", "region: ZZ")
    result = run("diff", old, "--edition", new)
    assert result.exit_code == 1
    assert result.output == (
        "countries/XAA.yaml:3:1: error: region: unknown region 'ZZ'; expected one of AF, EUR\n"
        f"Error: the old edition {old} has 1 error\n"
    )


def test_refuses_a_missing_old_edition(tmp_path: Path) -> None:
    new = copy_edition("minimal", tmp_path / "b")
    result = run("diff", tmp_path / "none", "--edition", new)
    assert result.exit_code == 1
    assert result.output == (
        f"{tmp_path / 'none'}:1:1: error: no such edition directory; pass --edition DIR, or "
        "create one with 'tierreport init DIR --year YEAR'\n"
        f"Error: the old edition {tmp_path / 'none'} has 1 error\n"
    )


def test_needs_the_old_edition() -> None:
    result = run("diff")
    assert result.exit_code == 2
    assert "Error: Missing argument 'OLD'." in result.output


def test_diff_of_an_init_edition_as_desk_officers_fill_it(tmp_path: Path) -> None:
    assert run("init", tmp_path / "before", "--year", "2028").exit_code == 0
    for path in (tmp_path / "before" / "countries").iterdir():
        if path.stem not in ("FRA", "MEX"):
            path.unlink()
    shutil.copytree(tmp_path / "before", tmp_path / "after")
    after = tmp_path / "after"
    edit(after, "MEX", 'summary: ""', "summary: The government increased efforts. It convicted 12.")
    edit(after, "MEX", "C05: {finding: unassessed", "C05: {finding: not_met")
    result = run("diff", tmp_path / "before", "--edition", after)
    assert result.exit_code == 0, result.output
    assert result.output == (
        f"from the 2028 edition ({tmp_path / 'before'}) to the 2028 edition ({after}): 1 changed, "
        "0 added, 0 removed, 1 unchanged\n"
        "\n"
        "MEX  Mexico: changed\n"
        "  C05: unassessed -> not_met\n"
        "  narrative.summary:\n"
        "    --- old (2028)\n"
        "    +++ new (2028)\n"
        "    @@ -0,0 +1,2 @@\n"
        "    +The government increased efforts.\n"
        "    +It convicted 12.\n"
    )
