"""Change since the previous edition (METHODOLOGY 2b): one test per quantity, and its words.

The previous efforts score, the finding changes, the follow-up score and the statutory clock,
each computed by ``place`` and worded by ``words`` as the card and ``explain`` print them; and
the ``check`` rule for follow-up items not yet assessed.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from tests.builders import CRITERIA, YEAR, make_country, make_standards
from tests.conftest import run
from tierreport import wording as words
from tierreport.model import Clock, FindingChange, Followup, FollowupItem, Placement
from tierreport.tiering.place import place

STANDARDS = make_standards()
ALL_MET = dict.fromkeys(CRITERIA, "met")


def placed(**fields: Any) -> Placement:
    return place(make_country(**fields), STANDARDS, YEAR)


def history(findings: dict[str, str], tier: str = "2", **entry: Any) -> dict[int, Any]:
    """A history whose 2026 entry records ``findings``."""
    return {YEAR - 1: {"tier": tier, "findings": findings, **entry}}


# --- previous efforts score ---------------------------------------------------------------------


def test_previous_score_uses_this_editions_scores_and_weights() -> None:
    # C01 weighs 3 this year; last year's C01 partial, C02-C10 met: (1.5 + 9) / 12 = 0.875.
    standards = make_standards(weights={"C01": Decimal(3)})
    before = {**ALL_MET, "C01": "partial", "MS1": "met", "MS2": "met"}
    placement = place(make_country(score="0.6", history=history(before)), standards, YEAR)
    assert placement.previous_efforts_score == Decimal("0.875")
    assert (placement.criteria_added, placement.criteria_dropped) == ((), ())
    assert placement.contract()["previous_efforts_score"] == 0.875
    assert words.previous_line(placement) == "Tier 2; efforts score 0.875."


def test_previous_score_covers_only_the_criteria_of_both_years() -> None:
    # 2026 had no C10 and a C11 that this edition dropped: C01-C09 met except C09 not met.
    before = {**ALL_MET, "C09": "not_met", "C11": "partial", "D1": "applies"}
    del before["C10"]
    placement = placed(score="0.6", history=history(before))
    assert placement.previous_efforts_score == Decimal(8) / Decimal(9)
    assert (placement.criteria_added, placement.criteria_dropped) == (("C10",), ("C11",))
    assert placement.contract()["criteria_changed"] is True
    assert words.criteria_change_sentence(placement) == (
        "The criteria changed since 2026: C10 is new in 2027; C11, assessed in 2026, is no longer "
        "a criterion. The 2026 score is computed with this edition's scores and weights over the "
        "criteria assessed in both years."
    )


def test_not_applicable_last_year_stays_out_of_the_previous_score() -> None:
    before = {**ALL_MET, "C01": "not_applicable", "C02": "not_met"}
    placement = placed(score="0.6", history=history(before))
    assert placement.previous_efforts_score == Decimal(8) / Decimal(9)


@pytest.mark.parametrize(
    "entry",
    [
        {},
        {YEAR - 1: "2"},
        {YEAR - 1: {"tier": "special"}},
        {YEAR - 2: {"tier": "2", "findings": ALL_MET}},
    ],
    ids=["no-history", "bare-tier", "special-case", "older-year-only"],
)
def test_no_previous_score_without_last_years_findings(entry: dict[int, Any]) -> None:
    placement = placed(score="0.6", history=entry)
    assert placement.previous_efforts_score is None
    assert placement.finding_changes == ()
    assert placement.contract()["previous_efforts_score"] is None
    assert (
        words.no_changes_sentence(placement)
        == {
            None: "New in the report: there are no earlier findings to compare.",
            "2": "The findings of 2026 are not recorded, so no finding can be compared.",
            "special": "A Special Case in 2026: there are no findings to compare.",
        }[placement.previous_tier]
    )


# --- finding changes ----------------------------------------------------------------------------


def test_each_changed_finding_is_improved_worsened_or_changed_in_the_files_order() -> None:
    now = {**ALL_MET, "C02": "partial", "C03": "not_applicable", "C04": "not_met"}
    before = {**ALL_MET, "MS1": "not_met", "MS2": "met", "C02": "not_met", "C03": "met"}
    before |= {"C04": "partial", "D1": "applies"}
    placement = placed(criteria=now, history=history(before))
    assert [c.contract() for c in placement.finding_changes] == [
        {"id": "MS1", "old": "not_met", "new": "met", "direction": "improved"},
        {"id": "C02", "old": "not_met", "new": "partial", "direction": "improved"},
        {"id": "C03", "old": "met", "new": "not_applicable", "direction": "changed"},
        {"id": "C04", "old": "partial", "new": "not_met", "direction": "worsened"},
        {"id": "D1", "old": "applies", "new": None, "direction": "improved"},
    ]


def test_a_disqualifier_found_this_year_is_a_worsened_finding() -> None:
    placement = placed(score="0.6", disqualifiers=["D1"], history=history(dict(ALL_MET)))
    change = placement.finding_changes[-1]
    assert change == FindingChange(
        "D1", "Facilitates migrant smuggling", None, "applies", "worsened"
    )
    assert words.finding_change_sentence(change) == (
        "Worsened: D1 (facilitates migrant smuggling), found this year."
    )


def test_a_finding_not_yet_assessed_in_a_draft_is_not_a_change() -> None:
    now = {**ALL_MET, "C01": "unassessed"}
    placement = placed(criteria=now, status="draft", history=history({**ALL_MET, "C01": "partial"}))
    assert placement.finding_changes == ()
    assert words.no_changes_sentence(placement) == "No finding changed since 2026."


def test_change_sentences_say_the_direction_in_words() -> None:
    change = FindingChange(
        "C05", "Protects smuggled migrants (art. 16)", "partial", "met", "improved"
    )
    assert words.finding_change_sentence(change) == (
        "Improved: C05 (protects smuggled migrants) from partially met to met."
    )
    assert words.DIRECTION_MARKS == {
        "improved": "\u2191",
        "worsened": "\u2193",
        "changed": "\u2022",
    }


# --- follow-up score ----------------------------------------------------------------------------


def item(assessment: str, kind: str = "recommendation") -> dict[str, str]:
    return {"item": f"Do {assessment}.", "kind": kind, "assessment": assessment}


def test_follow_up_scores_as_the_g7_research_group_scores_compliance() -> None:
    followup = [item("implemented"), item("implemented"), item("partial"), item("not_implemented")]
    placement = placed(score="0.6", followup=followup)
    # (+1 + 1 + 0 - 1) / 4 = 0.25; (0.25 + 1) / 2 x 100 = 62.5%.
    assert placement.followup_score == Fraction(1, 4)
    assert placement.followup is not None
    assert placement.followup.percentage == Fraction(125, 2)
    assert placement.contract()["followup_score"] == 0.25
    assert words.followup_sentence(placement) == (
        "Follow-up score +0.25 (62%): of the four recommendations of the 2026 report, two "
        "implemented, one partially implemented and one not implemented."
    )


def test_unassessed_items_do_not_enter_the_score() -> None:
    followup = [item("not_implemented", "benchmark"), item("unassessed"), item("partial")]
    placement = placed(score="0.6", followup=followup, status="draft")
    assert placement.followup_score == Fraction(-1, 2)
    assert words.followup_sentence(placement) == (
        "Follow-up score -0.5 (25%): of the three recommendations and waiver benchmarks of the "
        "2026 report, one partially implemented and one not implemented; one not yet assessed."
    )


def test_no_score_when_nothing_is_assessed_or_followed_up() -> None:
    pending = placed(score="0.6", followup=[item("unassessed")], status="draft")
    assert pending.followup_score is None
    assert pending.contract()["followup_score"] is None
    assert words.followup_sentence(pending) == (
        "None of the one recommendation of the 2026 report has been assessed yet."
    )
    empty = placed(score="0.6")
    assert empty.followup == Followup(())
    assert words.followup_sentence(empty) == (
        "No follow-up of the 2026 recommendations is recorded."
    )


def test_every_assessment_scores_within_minus_one_and_one() -> None:
    for assessment, score in (("implemented", 1), ("partial", 0), ("not_implemented", -1)):
        entry = FollowupItem.model_validate(item(assessment))
        assert Followup((entry,)).score == score
        assert Followup((entry,)).percentage == (score + 1) * 50


# --- statutory clock ----------------------------------------------------------------------------


def test_a_first_watch_list_year_leaves_room_before_the_downgrade() -> None:
    placement = placed(score="0.6", progress="partial")
    assert placement.final_tier == "2WL"
    assert placement.clock == Clock(1, YEAR, 2, False, 0, 1, False, False)
    assert words.clock_sentence(placement) == (
        "Arcadia has been on the Tier 2 Watch List for one year (2027). A second consecutive "
        "year on the Watch List in 2028 would stay within the limit of two years; the automatic "
        "downgrade would come with a third consecutive year unless a waiver is granted (one "
        "waiver is left)."
    )


def test_a_second_watch_list_year_makes_the_next_one_bring_the_downgrade() -> None:
    placement = placed(score="0.6", progress="partial", history={2026: "2WL", 2025: "2"})
    assert placement.clock is not None
    assert (placement.clock.watch_list_years, placement.clock.downgrade_due_next_year) == (2, True)
    assert placement.contract()["statutory_clock"]["downgrade_due_next_year"] is True
    assert words.clock_sentence(placement) == (
        "Arcadia has been on the Tier 2 Watch List for two consecutive years (2026-2027). A third "
        "consecutive year on the Watch List in 2028 would bring the automatic downgrade to Tier 3 "
        "unless a waiver is granted; one waiver is left in this run."
    )


def test_a_waiver_granted_now_leaves_none_for_the_next_year() -> None:
    placement = placed(
        score="0.6",
        progress="partial",
        history={2026: "2WL", 2025: "2WL"},
        waiver={"written_plan": True, "justification": "A plan."},
    )
    assert placement.waiver is True
    assert placement.clock == Clock(3, 2025, 2, False, 1, 0, True, False)
    assert words.clock_sentence(placement) == (
        "Arcadia has been on the Tier 2 Watch List for three consecutive years (2025-2027) and "
        "has used one waiver of the automatic downgrade. A fourth consecutive year on the Watch "
        "List in 2028 would bring the automatic downgrade to Tier 3 unless a waiver is granted; "
        "no waiver is left in this run."
    )


def test_an_automatic_downgrade_brings_the_shorter_limit() -> None:
    placement = placed(score="0.6", progress="partial", history={2026: "2WL", 2025: "2WL"})
    assert placement.auto_downgrade is True
    assert placement.clock == Clock(0, None, 1, True, 0, 1, False, True)
    assert words.clock_sentence(placement) == (
        "Arcadia was downgraded to Tier 3 automatically in 2027. Should it return to the Watch "
        "List, the shorter limit applies: after one year on it, another Watch List year would "
        "bring the automatic downgrade."
    )


def test_off_the_watch_list_the_clock_is_at_rest() -> None:
    placement = placed(score="0.6", history={2024: {"tier": "3", "auto_downgraded": True}})
    assert placement.clock == Clock(0, None, 1, True, 0, 1, False, False)
    assert words.clock_sentence(placement) == (
        "Arcadia is not on the Watch List, so no Watch List year counts toward the automatic "
        "downgrade. Placed on it in 2028, it could stay for one year (the shorter limit: it was "
        "once downgraded automatically) before another Watch List year brought the automatic "
        "downgrade."
    )


def test_a_special_case_has_no_change_and_no_clock() -> None:
    placement = placed(special_case={"reason": "Not ranked."}, followup=[item("implemented")])
    assert (placement.clock, placement.followup, placement.finding_changes) == (None, None, ())
    assert words.clock_sentence(placement) == ""
    assert placement.contract()["statutory_clock"] is None


# --- check: follow-up items not yet assessed ------------------------------------------------------


FOLLOWUP = """followup:
  - item: Prosecute more smugglers.
    kind: recommendation
    assessment: unassessed
  - {item: Publish the data., assessment: partial}
"""


def with_followup(root: Path, status: str) -> None:
    path = root / "countries" / "XAA.yaml"
    text = path.read_text(encoding="utf-8").replace("status: cleared", f"status: {status}")
    path.write_text(text.replace("indicators:", FOLLOWUP + "indicators:", 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("status", "severity", "tail", "code"),
    [
        ("draft", "warning", "", 0),
        (
            "review",
            "error",
            "; a country in review needs one of implemented, partial or not_implemented",
            1,
        ),
        (
            "cleared",
            "error",
            "; a country in cleared needs one of implemented, partial or not_implemented",
            1,
        ),
    ],
)
def test_an_unassessed_follow_up_item_is_reported_at_its_line(
    edition_copy: Callable[[str], Path], status: str, severity: str, tail: str, code: int
) -> None:
    root = edition_copy("minimal")
    with_followup(root, status)
    result = run("check", "--edition", root)
    assert result.exit_code == code
    lines = result.output.splitlines()
    text = (root / "countries" / "XAA.yaml").read_text(encoding="utf-8").splitlines()
    line = text.index("    assessment: unassessed") + 1
    found = [row for row in lines if "followup" in row]
    assert found == [
        f"countries/XAA.yaml:{line}:5: {severity}: followup[0].assessment: not yet assessed{tail}"
    ]


def test_a_follow_up_item_needs_a_known_assessment(
    edition_copy: Callable[[str], Path],
) -> None:
    root = edition_copy("minimal")
    with_followup(root, "cleared")
    path = root / "countries" / "XAA.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("assessment: partial", "assessment: done"),
        encoding="utf-8",
    )
    result = run("check", "--edition", root)
    assert result.exit_code == 1
    text = path.read_text(encoding="utf-8").splitlines()
    line = next(i for i, row in enumerate(text, start=1) if "assessment: done" in row)
    assert (
        f"countries/XAA.yaml:{line}:31: error: followup[1].assessment: expected one of "
        "implemented, partial, not_implemented, got 'done'"
    ) in result.output.splitlines()
