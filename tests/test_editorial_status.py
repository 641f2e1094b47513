"""Clearance: ``tierreport status`` and the public build's refusal of countries not cleared."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from tests.conftest import run


def set_status(edition: Path, code: str, status: str) -> None:
    path = edition / "countries" / f"{code}.yaml"
    text = path.read_text(encoding="utf-8")
    assert "\nstatus: cleared\n" in text
    path.write_text(text.replace("\nstatus: cleared\n", f"\nstatus: {status}\n"), encoding="utf-8")


def test_status_of_the_example_edition(edition_copy: Callable[[str], Path]) -> None:
    result = run("status", "--edition", edition_copy("example"))
    assert result.exit_code == 0
    assert result.output == (
        "2027 edition: 17 countries; 17 cleared (100%), 0 in review, 0 draft; 0 failing check\n"
        "\n"
        "region  countries  draft  review  cleared  failing\n"
        "AF      3          0      0       3        0\n"
        "EAP     3          0      0       3        0\n"
        "EUR     3          0      0       3        0\n"
        "NEA     2          0      0       2        0\n"
        "SCA     3          0      0       3        0\n"
        "WHA     3          0      0       3        0\n"
        "all     17         0      0       17       0\n"
        "\n"
        "Every country is cleared: the public build can run.\n"
    )


def test_status_lists_what_is_left_and_what_fails_check(
    edition_copy: Callable[[str], Path],
) -> None:
    edition = edition_copy("example")
    set_status(edition, "XFE", "review")
    set_status(edition, "XAR", "draft")
    set_status(edition, "XIS", "review")
    # A cleared country whose finding is an invalid value fails check but is still counted.
    path = edition / "countries" / "XBO.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("finding: met", "finding: yes", 1), encoding="utf-8")
    result = run("status", "--edition", edition)
    assert result.exit_code == 0
    assert result.output == (
        "2027 edition: 17 countries; 14 cleared (82%), 2 in review, 1 draft; 1 failing check\n"
        "\n"
        "region  countries  draft  review  cleared  failing\n"
        "AF      3          0      0       3        0\n"
        "EAP     3          0      0       3        0\n"
        "EUR     3          0      0       3        1\n"
        "NEA     2          0      0       2        0\n"
        "SCA     3          0      1       2        0\n"
        "WHA     3          1      1       1        0\n"
        "all     17         1      2       14       1\n"
        "\n"
        "Not yet cleared (3):\n"
        "  SCA     review (1): XFE\n"
        "  WHA     draft (1): XAR\n"
        "  WHA     review (1): XIS\n"
        "\n"
        "Failing check (1; run tierreport check for the problems):\n"
        "  countries/XBO.yaml: 1 error (cleared)\n"
    )


def test_status_as_json(edition_copy: Callable[[str], Path]) -> None:
    edition = edition_copy("example")
    arcadia = edition / "countries" / "XAR.yaml"
    cleared = arcadia.read_text(encoding="utf-8")
    set_status(edition, "XAR", "draft")
    path = edition / "countries" / "XBO.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("finding: met", "finding: yes", 1), encoding="utf-8")
    result = run("status", "--edition", edition, "--json")
    assert result.exit_code == 0
    report = json.loads(result.output)
    assert report["year"] == 2027
    assert report["ready"] is False
    assert report["overall"] == {
        "countries": 17, "draft": 1, "review": 0, "cleared": 16, "failing": 1,
    }  # fmt: skip
    assert [r["region"] for r in report["regions"]] == ["AF", "EAP", "EUR", "NEA", "SCA", "WHA"]
    wha = report["regions"][-1]
    assert (wha["countries"], wha["draft"], wha["cleared"], wha["failing"]) == (3, 1, 2, 0)
    assert wha["name"] == "Western Hemisphere"
    xbo = next(c for c in report["countries"] if c["code"] == "XBO")
    assert xbo == {
        "file": "countries/XBO.yaml", "code": "XBO", "name": xbo["name"], "region": "EUR",
        "status": "cleared", "errors": 1,
    }  # fmt: skip
    assert [c["file"] for c in report["countries"]] == sorted(
        f"countries/{p.name}" for p in (edition / "countries").glob("*.yaml")
    )
    arcadia.write_text(cleared, encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    assert json.loads(run("status", "--edition", edition, "--json").output)["ready"] is True


def test_status_of_an_init_edition(tmp_path: Path) -> None:
    run("init", tmp_path / "e", "--year", "2028")
    for path in (tmp_path / "e" / "countries").iterdir():
        if path.stem not in ("AFG", "FRA", "DEU", "MEX"):
            path.unlink()
    result = run("status", "--edition", tmp_path / "e")
    assert result.exit_code == 0
    assert result.output == (
        "2028 edition: 4 countries; 0 cleared (0%), 0 in review, 4 draft; 0 failing check\n"
        "\n"
        "region  countries  draft  review  cleared  failing\n"
        "AF      0          0      0       0        0\n"
        "EAP     0          0      0       0        0\n"
        "EUR     2          2      0       0        0\n"
        "NEA     0          0      0       0        0\n"
        "SCA     1          1      0       0        0\n"
        "WHA     1          1      0       0        0\n"
        "all     4          4      0       0        0\n"
        "\n"
        "Not yet cleared (4):\n"
        "  EUR     draft (2): DEU, FRA\n"
        "  SCA     draft (1): AFG\n"
        "  WHA     draft (1): MEX\n"
    )


def test_status_needs_an_edition(tmp_path: Path) -> None:
    result = run("status", "--edition", tmp_path / "none")
    assert result.exit_code == 1
    assert result.output == (
        f"{tmp_path / 'none'}:1:1: error: no such edition directory; pass --edition DIR, or "
        "create one with 'tierreport init DIR --year YEAR'\n"
        "Error: the edition has 1 error\n"
    )


def test_a_public_build_refuses_countries_not_cleared(
    edition_copy: Callable[[str], Path], tmp_path: Path
) -> None:
    edition = edition_copy("example")
    set_status(edition, "XFE", "review")
    set_status(edition, "XAR", "draft")
    out = tmp_path / "out"
    result = run("build", "--edition", edition, "--out", out, "--only", "data")
    assert result.exit_code == 1
    assert result.output == (
        "Error: 2 countries are not cleared for release: countries/XAR.yaml (draft), "
        "countries/XFE.yaml (review); set status: cleared, or build a marked draft with --draft\n"
    )
    assert not out.exists()
    drafted = run("build", "--edition", edition, "--out", out, "--only", "data", "--draft")
    assert drafted.exit_code == 0, drafted.output
    assert drafted.output == f"wrote 10 files to {out}\n"
    assert (out / "data" / "placements.json").is_file()
