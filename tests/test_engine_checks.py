"""`check` reports the data errors that need the engine: waivers, decisions, Tier 3 assistance.

The fixture edition ``tests/editions/engine-checks`` has one country per problem; each file's
opening comment says which.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from tests.builders import make_country, make_standards
from tests.conftest import EDITIONS, run
from tierreport.check.edition import check_edition
from tierreport.check.engine import engine_problems

STANDARDS_FILE = "standards/minimum-standards.yaml"
EXPECTED = [
    "countries/XDA.yaml:22:12: error: decision.tier: Tier 1 requires full compliance with the "
    "minimum standards, and the efforts score 0.75 is below tier1_min_efforts 0.85; decide "
    "another tier or correct the findings",
    "countries/XDB.yaml:19:12: error: decision.tier: Tier 2 Watch List is not allowed: after 2 "
    f"consecutive Watch List years (limit 2 in {STANDARDS_FILE}) the automatic downgrade to "
    "Tier 3 applies unless a waiver is granted",
    "countries/XDC.yaml:22:12: warning: decision.tier: the decision confirms the computed tier "
    "(Tier 2) and changes nothing; remove it",
    "countries/XSP.yaml:7:1: warning: decision: a Special Case is not ranked, so the decision is "
    "ignored; remove it",
    "countries/XTC.yaml:1:1: warning: assistance: the country is on Tier 3, a candidate for the "
    "assistance cutoff, but has no assistance block; add fiscal_year, at_stake_usd and "
    "recommendation",
    "countries/XWA.yaml:19:1: error: waiver: no waiver is available: the Watch List streak "
    "2024-2026 has already used 1 of the 1 waiver allowed (waiver_years in "
    f"{STANDARDS_FILE}); the automatic downgrade to Tier 3 applies",
    "countries/XWB.yaml:19:10: error: waiver.written_plan: a waiver needs a written plan that "
    "would constitute significant efforts; without one the automatic downgrade to Tier 3 applies",
    "countries/XWC.yaml:19:1: warning: waiver: no automatic downgrade is due (Watch List years "
    "directly before 2027: 0, limit 2), so the waiver is ignored; remove it",
]


def test_check_reports_every_engine_problem_at_its_line() -> None:
    result = run("check", "--edition", EDITIONS / "engine-checks")
    assert result.exit_code == 1
    assert result.output.splitlines() == [*EXPECTED, "checked 8 countries: 4 errors, 4 warnings"]


def test_engine_problems_run_on_the_assembled_edition() -> None:
    edition = check_edition(EDITIONS / "engine-checks").edition
    assert edition is not None
    assert sorted(str(p) for p in engine_problems(edition)) == EXPECTED


def test_tiers_refuses_an_edition_with_engine_errors() -> None:
    result = run("tiers", "--edition", EDITIONS / "engine-checks")
    assert result.exit_code == 1
    errors = [line for line in EXPECTED if ": error: " in line]
    assert result.output.splitlines() == [*errors, "Error: the edition has 4 errors"]


def test_a_granted_waiver_and_an_allowed_override_pass(
    edition_copy: Callable[[str], Path],
) -> None:
    root = edition_copy("engine-checks")
    for code in ("XDA", "XDB", "XDC", "XSP", "XTC", "XWA", "XWC"):
        (root / "countries" / f"{code}.yaml").unlink()
    path = root / "countries" / "XWB.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("written_plan: false", "written_plan: true"),
        encoding="utf-8",
    )
    result = run("check", "--edition", root)
    assert result.output.splitlines() == ["checked 1 country: 0 errors, 0 warnings"]
    assert result.exit_code == 0
    assert '"waiver": true' in run("tiers", "--edition", root, "--json").output


def test_the_waiver_plan_error_and_the_no_waiver_error_can_both_apply(
    edition_copy: Callable[[str], Path],
) -> None:
    root = edition_copy("engine-checks")
    path = root / "countries" / "XWA.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("written_plan: true", "written_plan: false"),
        encoding="utf-8",
    )
    lines = [line for line in run("check", "--edition", root).output.splitlines() if "XWA" in line]
    assert [line.split(": error: ")[1].split(":")[0] for line in lines] == [
        "waiver",
        "waiver.written_plan",
    ]


def test_a_decided_watch_list_year_past_the_limit_is_an_error() -> None:
    edition = check_edition(EDITIONS / "minimal").edition
    assert edition is not None
    country = make_country(
        score="0.8",
        history={2026: "2WL", 2025: "2WL"},
        decision={"tier": "2WL", "justification": "Keep them on the list."},
        waiver={"written_plan": False, "justification": "No plan yet."},
    )
    built = replace(edition, standards=make_standards(), countries=(country,), maps={}, files={})
    assert [str(p) for p in engine_problems(built)] == [
        "countries/XAR.yaml:1:1: error: waiver.written_plan: a waiver needs a written plan that "
        "would constitute significant efforts; without one the automatic downgrade to Tier 3 "
        "applies",
        "countries/XAR.yaml:1:1: error: decision.tier: Tier 2 Watch List is not allowed: after 2 "
        "consecutive Watch List years (limit 2 in standards/minimum-standards.yaml) the automatic "
        "downgrade to Tier 3 applies unless a waiver is granted",
    ]
