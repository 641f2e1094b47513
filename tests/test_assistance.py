"""The assistance annex: the programmes' check, the split, totals, window and the CSV file."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from tests.conftest import REPO, run
from tests.test_check import XAA, edit
from tierreport.check.edition import load_edition
from tierreport.render.context import RenderContext, build_context
from tierreport.render.data import COLUMN_DOCS, write_data
from tierreport.render.tables import ASSISTANCE_COLUMNS
from tierreport.tiering.place import place_all
from tierreport.wording import determination_window, previous_determination

ASSISTANCE = """assistance:
  fiscal_year: 2028
  at_stake_usd: 5000000
  recommendation: partial_waiver
  programmes:
    - {account: FMF, programme: Patrol boats, usd: 3000000, waive: false}
    - {account: INCLE, programme: Prosecutor training, usd: 1500000, waive: true}
  conditions: [1, 3]
narrative:"""


def checked(root: Path) -> list[str]:
    return run("check", "--edition", root).output.splitlines()


def test_programmes_that_do_not_add_up_are_an_error_at_their_line(
    edition_copy: Callable[[str], Path],
) -> None:
    root = edition_copy("minimal")
    edit(root, XAA, "narrative:", ASSISTANCE)
    lines = checked(root)
    assert (
        "countries/XAA.yaml:38:3: error: assistance.programmes: the programmes add up to "
        "$4,500,000, but at_stake_usd is $5,000,000; correct an amount or at_stake_usd"
    ) in lines
    # The narrative has one recommendation: condition 3 names none.
    assert (
        "countries/XAA.yaml:41:19: error: assistance.conditions[1]: 3 is not the number of a "
        "recommendation; narrative.recommendations has 1 (numbered 1 to 1)"
    ) in lines
    assert lines[-1] == "checked 2 countries: 2 errors, 2 warnings"
    assert run("check", "--edition", root).exit_code == 1


def test_programmes_that_add_up_pass(edition_copy: Callable[[str], Path]) -> None:
    root = edition_copy("minimal")
    fixed = ASSISTANCE.replace("usd: 1500000", "usd: 2000000").replace("[1, 3]", "[1]")
    edit(root, XAA, "narrative:", fixed)
    assert checked(root)[-1] == "checked 2 countries: 0 errors, 2 warnings"


@pytest.mark.parametrize(
    ("recommendation", "waive", "expected"),
    [
        (
            "full_restriction",
            "true",
            "countries/XAA.yaml:40:70: warning: assistance.programmes[1].waive: true in a "
            "full_restriction; set waive: false, or recommend a partial_waiver",
        ),
        (
            "partial_waiver",
            "false",
            "countries/XAA.yaml:38:3: warning: assistance.programmes: a partial_waiver needs at "
            "least one programme with waive: true and one with waive: false; correct waive or "
            "the recommendation",
        ),
    ],
)
def test_a_split_that_contradicts_the_recommendation_is_a_warning(
    edition_copy: Callable[[str], Path], recommendation: str, waive: str, expected: str
) -> None:
    root = edition_copy("minimal")
    block = (
        ASSISTANCE.replace("usd: 1500000", "usd: 2000000")
        .replace("[1, 3]", "[1]")
        .replace("partial_waiver", recommendation)
        .replace("waive: true", f"waive: {waive}")
    )
    edit(root, XAA, "narrative:", block)
    assert expected in checked(root)


def test_a_determination_on_a_year_not_on_tier_3_is_a_warning(
    edition_copy: Callable[[str], Path],
) -> None:
    root = edition_copy("minimal")
    edit(root, XAA, "  2025: 2\n", "  2025: {tier: 2, determination: full_waiver}\n")
    assert (
        "countries/XAA.yaml:6:19: warning: history.2025.determination: 2025 was a 2 year, and "
        "a determination on assistance follows only a Tier 3 placement; remove it or correct "
        "the tier"
    ) in checked(root)


@pytest.mark.parametrize(
    ("published", "window"),
    [
        (dt.date(2027, 6, 15), "between 30 July and 13 September 2027"),
        (dt.date(2027, 11, 1), "between 16 December 2027 and 30 January 2028"),
        (None, "between 45 and 90 days after the report is published"),
    ],
)
def test_the_determination_window_is_45_to_90_days_after_publication(
    published: dt.date | None, window: str
) -> None:
    assert determination_window(published) == window


def test_previous_determination_wording() -> None:
    assert previous_determination(2026, "3", "full_restriction") == (
        "2026: Tier 3, full restriction"
    )
    assert previous_determination(2024, "3", None) == "2024: Tier 3, determination not recorded"


@pytest.fixture(scope="module")
def context() -> RenderContext:
    edition = load_edition(REPO)
    return build_context(edition, place_all(edition))


def test_annex_totals_overall_and_by_region(context: RenderContext) -> None:
    totals = context.annex.totals
    assert totals.columns == (
        "Region", "Countries", "At stake", "Recommended restricted", "Recommended waived",
    )  # fmt: skip
    assert totals.rows == (
        ("Africa", 2, 56_900_000, 18_400_000, 38_500_000),
        ("Near East", 1, 24_000_000, 24_000_000, 0),
        ("Western Hemisphere", 2, 58_500_000, 36_500_000, 22_000_000),
        ("All regions", 5, 139_400_000, 78_900_000, 60_500_000),
    )
    assert context.annex.window == "between 30 July and 13 September 2027"
    assert context.annex.unsplit == ()


def test_a_partial_waiver_shows_its_split_history_and_conditions(context: RenderContext) -> None:
    arcadia = next(c for c in context.assistance if c.code == "XAR").assistance
    assert arcadia is not None
    assert (arcadia.restricted_usd, arcadia.waived_usd) == (9_500_000, 3_000_000)
    assert [(p.account, p.usd, p.label) for p in arcadia.programmes] == [
        ("FMF", 6_000_000, "Restricted"),
        ("INCLE", 3_500_000, "Restricted"),
        ("INCLE", 1_500_000, "Waived"),
        ("FMF", 1_500_000, "Waived"),
    ]
    assert arcadia.restore_sentence == (
        "The office would recommend restoring the restricted assistance once the Government of "
        "the Republic of Arcadia has acted on prioritized recommendations 1 and 2:"
    )
    assert [n for n, _ in arcadia.conditions] == [1, 2]
    assert str(arcadia.conditions[1][1]).startswith("Investigate and prosecute officials")
    morvania = next(c for c in context.assistance if c.code == "XMO").assistance
    assert morvania is not None
    assert morvania.previous == (
        "2026: Tier 3, full restriction",
        "2025: Tier 3, full restriction",
        "2024: Tier 3, partial waiver",
    )
    holtland = next(c for c in context.assistance if c.code == "XHO").assistance
    assert holtland is not None
    # Nothing is restricted under a full waiver, so there is nothing to restore.
    assert (holtland.restricted_usd, holtland.restore_sentence) == (0, "")


def test_a_partial_waiver_without_programmes_is_left_out_of_the_split(
    tmp_path: Path, edition_copy: Callable[[str], Path]
) -> None:
    root = edition_copy("minimal")
    block = ASSISTANCE.split("  programmes:")[0] + "narrative:"
    edit(root, XAA, "narrative:", block)
    edition = load_edition(root)
    # Aldora is on the Watch List; the annex is built as if it had landed on Tier 3.
    placements = [replace(p, cutoff_candidate=True, final_tier="3") for p in place_all(edition)]
    context = build_context(edition, placements)
    aldora = next(c for c in context.assistance if c.code == "XAA")
    assert aldora.assistance is not None
    assert (aldora.assistance.restricted_usd, aldora.assistance.waived_usd) == (None, None)
    assert context.annex.unsplit == ("Republic of Aldora",)
    assert context.annex.totals.rows[-1][2:] == (5_000_000, 0, 0)


def test_assistance_csv_has_a_row_per_programme_and_no_justification(tmp_path: Path) -> None:
    edition = load_edition(REPO)
    write_data(edition, place_all(edition), tmp_path, dt.datetime(2027, 6, 15))
    with (tmp_path / "assistance.csv").open(newline="", encoding="utf-8") as handle:
        table = list(csv.DictReader(handle))
    assert list(table[0]) == list(ASSISTANCE_COLUMNS) == list(COLUMN_DOCS["assistance.csv"])
    assert [r["code"] for r in table] == ["XHO", *["XIS"] * 5, "XLU", "XMO", "XMO", *["XAR"] * 4]
    waived = [r for r in table if r["code"] == "XAR" and r["waive"] == "True"]
    assert [(r["account"], r["programme_usd"]) for r in waived] == [
        ("INCLE", "1500000"),
        ("FMF", "1500000"),
    ]
    lumeria = next(r for r in table if r["code"] == "XLU")
    assert (lumeria["restricted_usd"], lumeria["waived_usd"], lumeria["account"]) == (
        "24000000", "0", "",
    )  # fmt: skip
    morvania = next(r for r in table if r["code"] == "XMO")
    assert morvania["previous_determinations"] == (
        "2026: full_restriction; 2025: full_restriction; 2024: partial_waiver"
    )
    text = (tmp_path / "assistance.csv").read_text("utf-8")
    for country in edition.countries:
        if country.assistance is not None and country.assistance.justification:
            assert country.assistance.justification[:60] not in text
