"""`tierreport tiers` and `tierreport explain` on real edition directories."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import EDITIONS, REPO, run
from tierreport.check.edition import load_edition
from tierreport.tiering.place import place_all

MINIMAL = EDITIONS / "minimal"


def test_tiers_prints_an_aligned_table_with_a_count() -> None:
    result = run("tiers", "--edition", MINIMAL)
    assert result.exit_code == 0
    assert result.output == (
        "code  name                region  computed  final  previous  change   score  fragile  "
        "flags\n"
        "----  ------------------  ------  --------  -----  --------  -------  -----  -------  "
        "------------------\n"
        "XAA   Republic of Aldora  AF      2         2      2WL       upgrade  0.75   yes      -\n"
        "XBB   Bellmark            EUR     3         3      -         new      0      -        "
        "cutoff, unassessed\n"
        "\n"
        "2 countries: 1 Tier 2, 1 Tier 3\n"
    )


def test_tiers_json_is_exactly_the_contract_object() -> None:
    result = run("tiers", "--edition", MINIMAL, "--json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    placements = place_all(load_edition(MINIMAL))
    assert data == {"edition": 2027, "countries": [p.contract() for p in placements]}
    first = data["countries"][0]
    assert list(first) == [
        "code", "name", "region", "computed_tier", "final_tier", "previous_tier", "change",
        "efforts_score", "fully_meets", "significant_efforts", "watch_list_reasons",
        "auto_downgrade", "waiver", "override", "cutoff_candidate", "downgrade_risk_next_year",
        "interim_assessment", "rationale", "previous_efforts_score", "criteria_changed",
        "finding_changes", "followup_score", "statutory_clock", "margins", "path_up", "path_down",
        "fragile", "estimate_sensitivity",
    ]  # fmt: skip
    assert (first["code"], first["final_tier"], first["previous_tier"]) == ("XAA", "2", "2WL")
    assert (first["efforts_score"], first["change"]) == (0.75, "upgrade")
    assert data["countries"][1]["previous_tier"] is None
    # Aldora: Tier 2 at 0.75 (C01 met, C02 partial at weight 2, C03 met): meeting C02 gives
    # 1 and Tier 1; C03 is the progress criterion, so one step down puts it on the Watch List.
    assert first["margins"] == {"tier1_min_efforts": -0.1, "significant_efforts_min": 0.25}
    assert first["path_up"] == [
        {"steps": [{"id": "C02", "from": "partial", "to": "met"}], "tier": "1"}
    ]
    assert first["path_down"] == [
        {"steps": [{"id": "C03", "from": "met", "to": "partial"}], "tier": "2WL"}
    ]
    assert first["fragile"] is True
    assert (first["previous_efforts_score"], first["finding_changes"]) == (None, [])
    assert (first["followup_score"], first["estimate_sensitivity"]) == (None, [])
    assert first["statutory_clock"] == {
        "watch_list_years": 0,
        "limit": 2,
        "waivers_used": 0,
        "waivers_left": 1,
        "downgrade_due_next_year": False,
    }


def four_countries(root: Path) -> Path:
    """The minimal edition plus XCC (a copy of XAA in Europe) and XDD (of XBB, in Africa)."""
    countries = root / "countries"
    for source, code, name, region in (
        ("XAA", "XCC", "Cobalt Coast", "EUR"),
        ("XBB", "XDD", "Ambria", "AF"),
    ):
        text = (countries / f"{source}.yaml").read_text(encoding="utf-8")
        old_name = "Republic of Aldora" if source == "XAA" else "Bellmark"
        old_region = "AF" if source == "XAA" else "EUR"
        text = text.replace(f"code: {source}", f"code: {code}")
        text = text.replace(f"name: {old_name}", f"name: {name}")
        text = text.replace(f"region: {old_region}", f"region: {region}")
        (countries / f"{code}.yaml").write_text(text, encoding="utf-8")
    return root


@pytest.mark.parametrize(
    ("sort", "codes"),
    [
        ("code", ["XAA", "XBB", "XCC", "XDD"]),
        ("tier", ["XCC", "XAA", "XDD", "XBB"]),
        ("name", ["XDD", "XBB", "XCC", "XAA"]),
        ("region", ["XDD", "XAA", "XBB", "XCC"]),
    ],
)
def test_tiers_sorts_by_code_tier_name_or_region(
    sort: str, codes: list[str], edition_copy: Callable[[str], Path]
) -> None:
    root = four_countries(edition_copy("minimal"))
    table = run("tiers", "--edition", root, "--sort", sort).output.splitlines()
    assert [line[:3] for line in table[2:6]] == codes
    result = run("tiers", "--edition", root, "--sort", sort, "--json")
    assert [c["code"] for c in json.loads(result.output)["countries"]] == codes


def test_tiers_rejects_an_unknown_sort_key() -> None:
    result = run("tiers", "--edition", MINIMAL, "--sort", "score")
    assert result.exit_code == 2
    assert (
        "Error: Invalid value for '--sort': 'score' is not one of 'code', 'tier', 'region', "
        "'name'." in result.output
    )


def test_explain_prints_the_rationale_and_marks_the_evidence(
    edition_copy: Callable[[str], Path],
) -> None:
    root = edition_copy("minimal")
    path = root / "countries" / "XAA.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "        sources: [moi-2026-07]\n  C02:",
            "        sources: [moi-2026-07]\n      - date: 2026-01-10\n"
            "        text: Arrested a smuggler before the period.\n  C02:",
        ),
        encoding="utf-8",
    )
    result = run("explain", "xaa", "--edition", root)
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[:6] == [
        "XAA  Republic of Aldora  (Africa), 2027 edition, cleared",
        "Final tier: Tier 2 (computed Tier 2); 2026: Tier 2 Watch List; change: upgrade",
        "Flags: none",
        "",
        "Rationale",
        "  1. Efforts score 0.75: the weighted mean of 3 applicable effort criteria, scoring met "
        "1, partial",
    ]
    start = lines.index("Findings and evidence (reporting period 2026-04-01 to 2027-03-31)")
    assert lines[start + 1 : start + 10] == [
        "  MS1  Prohibits migrant smuggling and punishes it: met",
        "      no actions cited",
        "  C01  Prosecutes smugglers: met",
        "      2026-07-12  Police dismantled a network moving migrants by sea.  [counts]",
        "      2026-01-10  Arrested a smuggler before the period.  [outside the period",
        "                  2026-04-01..2027-03-31: does not count]",
        "  C02  Protects smuggled migrants [weight 2]: partially met",
        "      2026-05-02  Opened two reception centres.  [counts]",
        "      2027-06-01  Plans a third centre.  [planned: does not count]",
    ]
    placement = place_all(load_edition(root))[0]
    assert "  9. Change: Tier 2 Watch List in 2026, Tier 2 in 2027 -> upgrade." in lines
    assert len(placement.rationale) == 9


def test_explain_names_the_nearest_codes_for_an_unknown_one() -> None:
    result = run("explain", "XAB", "--edition", MINIMAL)
    assert result.exit_code == 1
    assert result.output == (
        "Error: no country 'XAB' in this edition; did you mean XAA (Republic of Aldora), "
        "XBB (Bellmark)?\n"
    )


def test_explain_finds_a_country_by_a_misspelt_name() -> None:
    result = run("explain", "Aldorra", "--edition", MINIMAL)
    assert result.exit_code == 1
    assert result.output == (
        "Error: no country 'Aldorra' in this edition; did you mean XAA (Republic of Aldora)?\n"
    )


def test_explain_lists_the_codes_when_nothing_is_near() -> None:
    result = run("explain", "QQQ", "--edition", MINIMAL)
    assert result.exit_code == 1
    assert result.output == "Error: no country 'QQQ' in this edition; its codes are XAA, XBB\n"


def test_explain_accepts_the_exact_name() -> None:
    result = run("explain", "bellmark", "--edition", MINIMAL)
    assert result.exit_code == 0
    assert result.output.splitlines()[0] == "XBB  Bellmark  (Europe), 2027 edition, draft"


def test_explain_refuses_an_edition_with_errors(edition_copy: Callable[[str], Path]) -> None:
    root = edition_copy("minimal")
    path = root / "countries" / "XAA.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("region: AF", "region: XX"), encoding="utf-8"
    )
    result = run("explain", "XAA", "--edition", root)
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "countries/XAA.yaml:3:1: error: region: unknown region 'XX'; expected one of AF, EUR",
        "Error: the edition has 1 error",
    ]


# The placements the example edition's histories were designed for (issue 3): computed tier,
# final tier, change, and the fact that makes each case.
DESIGNED = {
    "XAR": ("3", "3", "downgrade", "auto_downgrade"),
    "XBO": ("1", "1", "same", None),
    "XCA": ("1", "1", "upgrade", "interim_assessment"),
    "XDU": ("2", "2", "same", None),
    "XEL": ("2WL", "2WL", "downgrade", "indicators"),
    "XFE": ("2WL", "2WL", "same", "downgrade_risk_next_year"),
    "XGA": ("2WL", "2WL", "same", "waiver"),
    "XHO": ("3", "3", "downgrade", "auto_downgrade"),
    "XIS": ("3", "3", "downgrade", "auto_downgrade"),
    "XJO": ("special", "special", "n/a", None),
    "XKE": ("2", "2WL", "downgrade", "override"),
    "XLU": ("3", "3", "downgrade", "disqualifier"),
    "XMO": ("3", "3", "same", None),
    "XNA": ("2", "2", "upgrade", "interim_assessment"),
    "XOR": ("2", "2", "upgrade", None),
    "XPA": ("2", "2", "downgrade", None),
    "XQU": ("2WL", "2WL", "new", None),
}


def test_example_edition_gives_the_designed_placements() -> None:
    result = run("tiers", "--edition", REPO, "--json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["edition"] == 2027
    found = {c["code"]: c for c in data["countries"]}
    assert sorted(found) == sorted(DESIGNED)
    for code, (computed, final, change, fact) in DESIGNED.items():
        country = found[code]
        assert (country["computed_tier"], country["final_tier"], country["change"]) == (
            computed,
            final,
            change,
        ), code
        if fact == "indicators":
            assert country["watch_list_reasons"] == ["indicators"], code
        elif fact == "disqualifier":
            assert not country["significant_efforts"], code
            assert country["efforts_score"] >= 0.5, code
        elif fact is not None:
            assert country[fact] is True, code
    assert found["XFE"]["watch_list_reasons"] == ["no_increasing_efforts"]
    assert found["XGA"]["auto_downgrade"] is False
    assert found["XIS"]["watch_list_reasons"] == ["indicators"]
    assert found["XKE"]["watch_list_reasons"] == []


def test_example_edition_shows_every_case_of_change_and_path() -> None:
    found = {c["code"]: c for c in json.loads(run("tiers", "--edition", REPO, "--json").output)[
        "countries"]}  # fmt: skip
    arcadia = found["XAR"]
    assert arcadia["previous_efforts_score"] == 0.5
    assert [(c["id"], c["direction"]) for c in arcadia["finding_changes"]] == [
        ("C01", "worsened"), ("C04", "improved"), ("C05", "improved"), ("C07", "improved"),
        ("C12", "worsened"),
    ]  # fmt: skip
    assert arcadia["finding_changes"][0] == {
        "id": "C01", "old": "met", "new": "partial", "direction": "worsened"
    }  # fmt: skip
    # Arcadia's follow-up: one implemented, one partial, three not implemented -> -2/5.
    assert arcadia["followup_score"] == -0.4
    assert arcadia["path_up"] == [
        {
            "steps": [
                {"id": "C13", "from": "not_met", "to": "partial"},
                {"id": "C13", "from": "partial", "to": "met"},
            ],
            "tier": "2",
        }
    ]
    assert (arcadia["path_down"], arcadia["fragile"]) == ([], False)
    # Borealis: the 2026 edition also assessed C14, which the standards no longer have.
    assert found["XBO"]["criteria_changed"] is True
    assert found["XAR"]["criteria_changed"] is False
    # Morvania: disqualified, and no set of three changes lifts it.
    assert found["XMO"]["path_up"] == []
    assert {"id": "D2", "old": None, "new": "applies", "direction": "worsened"} in found["XMO"][
        "finding_changes"
    ]
    # Lumeria: removing its disqualifier alone would place it on Tier 2 (fragile).
    assert found["XLU"]["path_up"][0] == {
        "steps": [{"id": "D1", "from": "applies", "to": "removed"}],
        "tier": "2",
    }
    assert found["XLU"]["fragile"] is True
    # Galvania's clock has run out: its waiver is spent and another Watch List year is due.
    assert found["XGA"]["statutory_clock"] == {
        "watch_list_years": 3,
        "limit": 2,
        "waivers_used": 1,
        "waivers_left": 0,
        "downgrade_due_next_year": True,
    }
    assert found["XJO"]["path_up"] is None
    assert found["XQU"]["previous_efforts_score"] is None
    scores = {
        code: c["followup_score"] for code, c in found.items() if c["followup_score"] is not None
    }
    assert scores == {
        "XAR": -0.4, "XBO": 0.5, "XCA": 0.25, "XGA": 0.0, "XHO": -0.8, "XLU": 0.75,
        "XMO": -0.5, "XOR": 0.0, "XPA": -1 / 3,
    }  # fmt: skip


def test_explain_prints_the_change_and_path_sections() -> None:
    result = run("explain", "XAR", "--edition", REPO)
    assert result.exit_code == 0
    lines = result.output.splitlines()
    start = lines.index("Change since 2026")
    assert lines[start : start + 5] == [
        "Change since 2026",
        "  2026: Tier 2 Watch List; efforts score 0.5.",
        "  2027: Tier 3; efforts score 0.538.",
        "  \u2193 Worsened: C01 (vigorously investigates, prosecutes, convicts and sentences "
        "smugglers) from met",
        "    to partially met.",
    ]
    assert (
        "  \u2191 Improved: C04 (protects the lives, safety and basic rights of smuggled migrants) "
        "from not met to" in lines
    )
    followup = lines.index("Follow-up of the 2026 recommendations")
    assert lines[followup + 1] == (
        "  - [Not implemented] Recommendation: Enact aggravated penalties for smuggling that "
        "endangers"
    )
    score = next(i for i, line in enumerate(lines) if line.startswith("  Follow-up score"))
    assert lines[score : score + 2] == [
        "  Follow-up score -0.4 (30%): of the five recommendations of the 2026 report, one "
        "implemented, one",
        "  partially implemented and three not implemented.",
    ]
    clock = lines.index("Statutory clock")
    assert lines[clock + 1].startswith(
        "  The Republic of Arcadia was downgraded to Tier 3 automatically in 2027."
    )
    path = lines.index("What would change this placement")
    assert lines[path + 1 : path + 6] == [
        "  Up (at most 3 changes):",
        "    - Meeting C13 (shows appreciable progress compared with the previous reporting "
        "period) would",
        "      have placed the Republic of Arcadia on Tier 2.",
        "  Down (at most 3 changes):",
        "    - Tier 3 is the lowest tier: no change of findings can place the Republic of Arcadia "
        "lower.",
    ]
    assert lines.index("What would change this placement") < lines.index(
        "Findings and evidence (reporting period 2026-04-01 to 2027-03-31)"
    )


def test_example_edition_office_lists() -> None:
    edition = load_edition(REPO)
    placements = place_all(edition)
    cutoff = [p.code for p in placements if p.cutoff_candidate]
    assert cutoff == ["XAR", "XHO", "XIS", "XLU", "XMO"]
    assert all(edition.country(code).assistance is not None for code in cutoff)
    assert [p.code for p in placements if p.downgrade_risk_next_year] == ["XFE", "XGA"]
    assert [p.code for p in placements if p.interim_assessment] == [
        "XCA", "XEL", "XFE", "XGA", "XKE", "XNA", "XQU",
    ]  # fmt: skip
    assert [p.code for p in placements if p.override] == ["XKE"]


def test_explain_a_special_case_lists_no_unassessed_findings(
    edition_copy: Callable[[str], Path],
) -> None:
    root = edition_copy("minimal")
    (root / "countries" / "XBB.yaml").write_text(
        "code: XBB\nname: Bellmark Islands\nregion: EUR\nstatus: draft\n"
        "special_case: {reason: No authority could be assessed.}\n",
        encoding="utf-8",
    )
    result = run("explain", "XBB", "--edition", root)
    assert result.exit_code == 0
    assert result.output.splitlines()[-6:] == [
        "Findings and evidence (reporting period 2026-04-01 to 2027-03-31)",
        "  none: a Special Case is not assessed",
        "",
        "Indicators: smuggled migrants 2026: not reported, 2027: not reported; migrant deaths and",
        "  disappearances 2026: not reported, 2027: not reported",
        "Special Case: No authority could be assessed.",
    ]
    assert "The Bellmark Islands are not ranked this year and are a Special Case." in result.output


def _set_threshold(root: Path, line: str, new: str) -> None:
    path = root / "standards" / "minimum-standards.yaml"
    text = path.read_text(encoding="utf-8")
    assert f"  {line}\n" in text
    path.write_text(text.replace(f"  {line}\n", f"  {new}\n"), encoding="utf-8")


def test_a_threshold_changed_in_the_file_changes_the_placements(
    edition_copy: Callable[[str], Path],
) -> None:
    root = edition_copy("example")
    _set_threshold(root, "tier1_min_efforts: 0.85", "tier1_min_efforts: 0.97")
    found = {c["code"]: c for c in json.loads(run("tiers", "--edition", root, "--json").output)[
        "countries"]}  # fmt: skip
    assert (found["XBO"]["final_tier"], found["XBO"]["change"]) == ("2", "downgrade")
    assert (found["XCA"]["final_tier"], found["XCA"]["change"]) == ("2", "same")
    assert found["XBO"]["rationale"][3].endswith(
        "is below the Tier 1 threshold of 0.97 (tier1_min_efforts)."
    )


def test_no_waiver_years_turns_a_granted_waiver_into_an_error(
    edition_copy: Callable[[str], Path],
) -> None:
    root = edition_copy("example")
    _set_threshold(root, "waiver_years: 1", "waiver_years: 0")
    result = run("tiers", "--edition", root)
    assert result.exit_code == 1
    assert [line.split(": error: ")[1] for line in result.output.splitlines()[:-1]] == [
        "waiver: no waiver is available: waiver_years is 0 in standards/minimum-standards.yaml; "
        "the automatic downgrade to Tier 3 applies",
    ]
    assert result.output.splitlines()[0].startswith("countries/XGA.yaml:")
