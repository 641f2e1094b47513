"""``tierreport rollover``: next year's edition, with this year's tiers in history."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from tests.builders import make_country, make_standards
from tests.conftest import copy_edition, run
from tierreport.editorial.rollover import followup_items, next_year
from tierreport.tiering.place import place


def read(path: Path) -> Any:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def fingerprint(root: Path) -> dict[str, str]:
    """Every file under ``root`` and the hash of its bytes."""
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def rolled(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    """The example edition, rolled over to 2028: (old, new, the command's output).

    Read-only for the tests that use it: one rollover serves them all.
    """
    tmp_path = tmp_path_factory.mktemp("rolled")
    old = copy_edition("example", tmp_path / "example")
    before = fingerprint(old)
    new = tmp_path / "reports" / "2028"
    result = run("rollover", "--edition", old, "--to", "2028", "--out", new)
    assert result.exit_code == 0, result.output
    assert fingerprint(old) == before, "rollover modified the current edition"
    return old, new, result.output


def test_rollover_reports_what_it_wrote(rolled: tuple[Path, Path, str]) -> None:
    _, new, output = rolled
    assert output == (
        f"wrote the 2028 edition to {new}: 17 countries, 17 tiers recorded in history\n"
        "checked 17 countries: 0 errors, 381 warnings\n"
        f"next: tierreport status --edition {new}\n"
    )
    umask = os.umask(0)
    os.umask(umask)
    assert new.stat().st_mode & 0o777 == 0o777 & ~umask
    assert sorted(p.name for p in new.iterdir()) == [
        "countries",
        "edition.yaml",
        "front",
        "standards",
    ]


def test_the_new_edition_checks_with_not_yet_assessed_warnings_only(
    rolled: tuple[Path, Path, str],
) -> None:
    _, new, _ = rolled
    result = run("check", "--edition", new)
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[-1] == "checked 17 countries: 0 errors, 381 warnings"
    assert all(line.endswith(": not yet assessed") for line in lines[:-1])


def test_edition_year_period_and_publication_date_move_one_year(
    rolled: tuple[Path, Path, str],
) -> None:
    old, new, _ = rolled
    config = read(new / "edition.yaml")
    assert config["year"] == 2028
    assert config["reporting_period"] == {
        "start": dt.date(2027, 4, 1),
        "end": dt.date(2028, 3, 31),
    }
    assert config["publication_date"] == dt.date(2028, 6, 15)
    text = (new / "edition.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=schema/edition.schema.json\n")
    assert "regions:            # code: name; every country names one of these\n" in text
    for same in ("standards/minimum-standards.yaml", "front/introduction.md"):
        assert (new / same).read_bytes() == (old / same).read_bytes()


def test_final_tier_markers_and_findings_move_into_history(
    rolled: tuple[Path, Path, str],
) -> None:
    _, new, _ = rolled
    arcadia = read(new / "countries" / "XAR.yaml")
    assert arcadia["history"][2026]["tier"] == "2WL"
    assert arcadia["history"] == {
        2024: 2,
        2025: "2WL",
        2026: arcadia["history"][2026],
        2027: {
            "tier": 3,
            "auto_downgraded": True,
            "findings": {
                "MS1": "met",
                "MS2": "not_met",
                "MS3": "met",
                "C01": "partial",
                "C02": "not_met",
                "C03": "not_met",
                "C04": "partial",
                "C05": "met",
                "C06": "met",
                "C07": "met",
                "C08": "met",
                "C09": "partial",
                "C10": "met",
                "C11": "partial",
                "C12": "not_met",
                "C13": "not_met",
            },
        },
    }
    galvania = read(new / "countries" / "XGA.yaml")["history"][2027]
    assert (galvania["tier"], galvania["waiver"]) == ("2WL", True)
    # The granted waiver's benchmarks go into history, to be assessed next year.
    assert [(b["due"], b["text"][:40]) for b in galvania["benchmarks"]] == [
        (dt.date(2027, 10, 31), "Parliament enacts the amendment to Artic"),
        (dt.date(2027, 12, 31), "A financial-investigation unit in the Bo"),
        (dt.date(2028, 1, 31), "An inquiry into the bribery allegations "),
    ]
    # Kestria's tier was decided by the office: the published (final) tier is what is kept.
    assert read(new / "countries" / "XKE.yaml")["history"][2027]["tier"] == "2WL"
    assert read(new / "countries" / "XJO.yaml")["history"][2027] == "special"


def test_next_years_tiers_compare_with_this_years_final_tiers(
    rolled: tuple[Path, Path, str],
) -> None:
    old, new, _ = rolled
    this_year = json.loads(run("tiers", "--json", "--edition", old).output)
    next_year_ = json.loads(run("tiers", "--json", "--edition", new).output)
    assert next_year_["edition"] == 2028
    assert {c["code"]: c["previous_tier"] for c in next_year_["countries"]} == {
        c["code"]: c["final_tier"] for c in this_year["countries"]
    }


def test_a_country_becomes_a_draft_to_assess_again(rolled: tuple[Path, Path, str]) -> None:
    old, new, _ = rolled
    before = read(old / "countries" / "XAR.yaml")
    after = read(new / "countries" / "XAR.yaml")
    assert after["status"] == "draft"
    assert (after["waiver"], after["decision"], after["special_case"]) == (None, None, None)
    assert {f["finding"] for f in after["legal_standards"].values()} == {"unassessed"}
    assert {f["finding"] for f in after["criteria"].values()} == {"unassessed"}
    assert not any("note" in f for f in after["criteria"].values())
    # Laws stay in force; a plan may be carried out next year; this year's actions are spent.
    assert after["legal_standards"]["MS1"]["actions"] == before["legal_standards"]["MS1"]["actions"]
    assert after["legal_standards"]["MS2"]["actions"][0]["planned"] is True
    assert [a["actions"] for a in after["criteria"].values() if "actions" in a] == [[]] * 10
    assert sorted(after["sources"]) == ["hmmn-2027", "lex-312", "mps-2026-09"]
    assert after["narrative"] == before["narrative"]
    assert after["indicators"]["smuggled_migrants"] == {2026: 14000, 2027: 14800, 2028: None}
    assert after["law_enforcement"][2028] == {
        "investigations": None,
        "prosecutions": None,
        "convictions": None,
        "officials_convicted": None,
        "migrants_assisted": None,
        "new_or_amended_legislation": None,
    }
    assert after["law_enforcement"][2027] == before["law_enforcement"][2027]
    assert after["assistance"]["fiscal_year"] == 2029
    text = (new / "countries" / "XAR.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schema/country.schema.json\n")
    assert "waiver: null\ndecision: null\n" in text
    assert not [line for line in text.splitlines() if line != line.rstrip()]


def test_next_year_starts_with_the_follow_up_to_assess(rolled: tuple[Path, Path, str]) -> None:
    old, new, _ = rolled
    recommendations = read(old / "countries" / "XAR.yaml")["narrative"]["recommendations"]
    followup = read(new / "countries" / "XAR.yaml")["followup"]
    # This year's prioritized recommendations, in order, replace the list assessed this year.
    assert followup == [
        {"item": text.strip(), "kind": "recommendation", "assessment": "unassessed"}
        for text in recommendations
    ]
    text = (new / "countries" / "XAR.yaml").read_text(encoding="utf-8")
    assert "decision: null\nfollowup:\n  - item: >-\n      Enact aggravated penalties" in text
    assert "    assessment: unassessed\n\nlaw_enforcement:" in text
    assert max(len(line) for line in text.splitlines()) <= 100
    # In the new draft each item is a warning at its line, until the desk officer assesses it.
    lines = run("check", "--edition", new).output.splitlines()
    warned = [
        line for line in lines if line.startswith("countries/XAR.yaml") and "followup" in line
    ]
    rows = text.splitlines()
    first = rows.index("    assessment: unassessed", rows.index("followup:")) + 1
    assert warned[0] == (
        f"countries/XAR.yaml:{first}:5: warning: followup[0].assessment: not yet assessed"
    )
    assert len(warned) == len(recommendations)


def test_a_granted_waivers_benchmarks_are_followed_up_after_the_recommendations() -> None:
    waiver = {
        "written_plan": True,
        "justification": "The plan is credible.",
        "benchmarks": [
            {"text": "Open the\n  inquiry.", "due": "2027-10-31"},
            {"text": "Publish the figures.", "due": "2028-01-15"},
        ],
    }
    country = make_country(
        score="0.6", narrative={"recommendations": ["Enact the law."]}, waiver=waiver
    )
    placement = place(country, make_standards(), 2027)
    assert followup_items(country, replace(placement, waiver=True)) == [
        ("Enact the law.", "recommendation"),
        ("Open the inquiry. (due 2027-10-31)", "benchmark"),
        ("Publish the figures. (due 2028-01-15)", "benchmark"),
    ]
    # A waiver that was not granted published no benchmark to follow up.
    assert followup_items(country, placement) == [("Enact the law.", "recommendation")]
    draft = country.model_copy(update={"status": "draft"})
    assert followup_items(draft, placement) == []


def test_a_special_case_gets_every_finding_to_assess(rolled: tuple[Path, Path, str]) -> None:
    _, new, _ = rolled
    jorvik = read(new / "countries" / "XJO.yaml")
    assert jorvik["special_case"] is None
    assert jorvik["legal_standards"] == {
        ms: {"finding": "unassessed", "actions": []} for ms in ("MS1", "MS2", "MS3")
    }
    assert len(jorvik["criteria"]) == 13
    keys = list(jorvik)
    assert keys.index("criteria") == keys.index("disqualifiers") - 1


def test_countries_not_cleared_get_no_history(
    edition_copy: Callable[[str], Path], tmp_path: Path
) -> None:
    old = edition_copy("minimal")
    result = run("rollover", "--edition", old, "--to", "2028", "--out", tmp_path / "next")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[:2] == [
        f"wrote the 2028 edition to {tmp_path / 'next'}: 2 countries, 1 tiers recorded in history",
        "no history entry for 1 country that was not cleared: XBB (draft)",
    ]
    assert 2027 not in (read(tmp_path / "next" / "countries" / "XBB.yaml").get("history") or {})
    # Its recommendations were never published, so there is nothing to follow up.
    assert read(tmp_path / "next" / "countries" / "XBB.yaml")["followup"] == []
    assert read(tmp_path / "next" / "countries" / "XAA.yaml")["history"][2027]["tier"] == 2


def test_the_default_target_is_a_sibling_named_by_the_year(
    edition_copy: Callable[[str], Path], tmp_path: Path
) -> None:
    old = edition_copy("minimal")
    result = run("rollover", "--edition", old, "--to", "2028")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "2028" / "edition.yaml").is_file()


def test_an_init_edition_rolls_over(tmp_path: Path) -> None:
    assert run("init", tmp_path / "2028", "--year", "2028").exit_code == 0
    # Five of the 195 drafts keep the test quick; each draft is rolled over the same way.
    for path in (tmp_path / "2028" / "countries").iterdir():
        if path.stem not in ("AFG", "AGO", "FRA", "MEX", "VAT"):
            path.unlink()
    result = run("rollover", "--edition", tmp_path / "2028", "--to", "2029")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == (
        f"wrote the 2029 edition to {tmp_path / '2029'}: 5 countries, 0 tiers recorded in history"
    )
    assert lines[1] == (
        "no history entry for 5 countries that were not cleared: AFG (draft), AGO (draft), "
        "FRA (draft), MEX (draft), VAT (draft)"
    )
    assert lines[2] == "checked 5 countries: 0 errors, 80 warnings"
    # The template's comments survive the round trip.
    text = (tmp_path / "2029" / "countries" / "MEX.yaml").read_text(encoding="utf-8")
    assert "# C13 (partnership, the progress criterion): Shows appreciable progress" in text
    mex = read(tmp_path / "2029" / "countries" / "MEX.yaml")
    assert mex["indicators"]["smuggled_migrants"] == {2027: None, 2028: None, 2029: None}
    assert list(mex["law_enforcement"]) == [2028, 2029]
    ignored = tmp_path / "2029" / ".gitignore"
    assert ignored.read_bytes() == (tmp_path / "2028" / ".gitignore").read_bytes()
    assert ".tierreport-cache/" in ignored.read_text("utf-8").splitlines()
    assert not (tmp_path / "2029" / ".tierreport-cache").exists()  # a cache is not copied


def test_refuses_an_existing_target(edition_copy: Callable[[str], Path], tmp_path: Path) -> None:
    old = edition_copy("minimal")
    target = tmp_path / "taken"
    target.mkdir()
    result = run("rollover", "--edition", old, "--to", "2028", "--out", target)
    assert result.exit_code == 1
    assert result.output == (
        f"Error: {target} already exists; rollover never writes over an edition: remove it or "
        "choose another --out\n"
    )
    assert list(target.iterdir()) == []


def test_refuses_a_year_other_than_the_next(
    edition_copy: Callable[[str], Path], tmp_path: Path
) -> None:
    old = edition_copy("minimal")
    result = run("rollover", "--edition", old, "--to", "2029", "--out", tmp_path / "x")
    assert result.exit_code == 1
    assert result.output == (
        "Error: the 2027 edition rolls over to 2028, not 2029; each year's history needs the "
        "year before it\n"
    )
    assert not (tmp_path / "x").exists()


def test_refuses_an_edition_with_errors(
    edition_copy: Callable[[str], Path], tmp_path: Path
) -> None:
    old = edition_copy("minimal")
    path = old / "countries" / "XAA.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("region: AF", "region: ZZ"), encoding="utf-8"
    )
    result = run("rollover", "--edition", old, "--to", "2028", "--out", tmp_path / "x")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "countries/XAA.yaml:3:1: error: region: unknown region 'ZZ'; expected one of AF, EUR",
        "Error: the edition has 1 error",
    ]
    assert not (tmp_path / "x").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["minimal"]


def test_needs_the_year(edition_copy: Callable[[str], Path]) -> None:
    result = run("rollover", "--edition", edition_copy("minimal"))
    assert result.exit_code == 2
    assert "Error: Missing option '--to'." in result.output


@pytest.mark.parametrize(
    ("day", "after"),
    [(dt.date(2027, 3, 31), dt.date(2028, 3, 31)), (dt.date(2028, 2, 29), dt.date(2029, 2, 28))],
)
def test_next_year(day: dt.date, after: dt.date) -> None:
    assert next_year(day) == after


def test_plans_and_later_actions_are_kept_for_next_year(
    edition_copy: Callable[[str], Path], tmp_path: Path
) -> None:
    old = edition_copy("minimal")
    path = old / "countries" / "XAA.yaml"
    text = path.read_text(encoding="utf-8")
    later = (
        "        sources: [moi-2026-07]\n"
        "      - date: '2027-05-02'\n"
        "        text: Courts convicted the network's leaders.\n"
    )
    path.write_text(text.replace("        sources: [moi-2026-07]\n", later, 1), encoding="utf-8")
    config = old / "edition.yaml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "{start: 2026-04-01, end: 2027-03-31}", "{start: '2026-04-01', end: '2027-03-31'}"
        ),
        encoding="utf-8",
    )
    assert run("check", "--edition", old).exit_code == 0
    result = run("rollover", "--edition", old, "--to", "2028", "--out", tmp_path / "next")
    assert result.exit_code == 0, result.output
    criteria = read(tmp_path / "next" / "countries" / "XAA.yaml")["criteria"]
    # A date written in quotes is still a date: the action after the period is kept.
    assert criteria["C01"]["actions"] == [
        {"date": "2027-05-02", "text": "Courts convicted the network's leaders."}
    ]
    assert criteria["C02"]["actions"] == [
        {"date": dt.date(2027, 6, 1), "text": "Plans a third centre.", "planned": True}
    ]
    assert criteria["C03"]["actions"] == []
    assert read(tmp_path / "next" / "edition.yaml")["reporting_period"] == {
        "start": dt.date(2027, 4, 1),
        "end": dt.date(2028, 3, 31),
    }


def test_an_override_of_a_due_downgrade_is_recorded_without_the_downgrade_marker(
    edition_copy: Callable[[str], Path], tmp_path: Path
) -> None:
    old = edition_copy("minimal")
    path = old / "countries" / "XAA.yaml"
    text = path.read_text(encoding="utf-8").replace("  2025: 2\n", "  2025: 2WL\n")
    text = text.replace("  C03:\n    finding: met", "  C03:\n    finding: not_met")
    text = text.replace(
        "indicators:",
        "decision: {tier: 2, justification: The office weighs the new unit.,"
        " public_justification: A specialized unit began work in the period.}\nindicators:",
    )
    path.write_text(text, encoding="utf-8")
    placed = json.loads(run("tiers", "--json", "--edition", old).output)["countries"][0]
    assert (placed["computed_tier"], placed["final_tier"], placed["auto_downgrade"]) == (
        "3",
        "2",
        True,
    )
    result = run("rollover", "--edition", old, "--to", "2028", "--out", tmp_path / "next")
    assert result.exit_code == 0, result.output
    history = read(tmp_path / "next" / "countries" / "XAA.yaml")["history"]
    assert history[2027] == {
        "tier": 2,
        "findings": {"MS1": "met", "C01": "met", "C02": "partial", "C03": "not_met"},
    }
