"""The tier rules of METHODOLOGY section 2: one test per rule, per boundary and per history case."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest

from tests.builders import YEAR, make_country, make_standards
from tierreport.model import Placement
from tierreport.tiering.place import place
from tierreport.tiering.scoring import efforts_score, show

STANDARDS = make_standards()


def tier_of(**kwargs: Any) -> Placement:
    """Place a built country with the default test standards in the test year."""
    return place(make_country(**kwargs), STANDARDS, YEAR)


# --- 1. special case ------------------------------------------------------------------------------


def test_special_case_is_unranked_and_nothing_else_applies() -> None:
    placement = tier_of(
        score="0.2",
        history={2026: "2WL", 2025: "2WL"},
        special_case={"reason": "No government exercised control during the period."},
        decision={"tier": "2", "justification": "Ignored."},
    )
    assert (placement.computed_tier, placement.final_tier) == ("special", "special")
    assert (placement.previous_tier, placement.change) == ("2WL", "n/a")
    assert placement.efforts_score is None
    assert not (placement.cutoff_candidate or placement.downgrade_risk_next_year)
    assert not (placement.interim_assessment or placement.override or placement.auto_downgrade)
    assert placement.special_reason == "No government exercised control during the period."
    assert placement.rationale == (
        "Special Case: not ranked in 2027. Reason: No government exercised control during the "
        "period.",
        "No efforts score, Watch List test, tier change or assistance determination applies to a "
        "Special Case.",
        "The office's decision for Tier 2 is ignored: a Special Case is not ranked.",
    )


# --- 2. efforts score -----------------------------------------------------------------------------


def test_score_is_the_weighted_mean_without_not_applicable_criteria() -> None:
    standards = make_standards(weights={"C01": Decimal(3), "C02": Decimal("0.5")})
    findings = dict.fromkeys(["C03", "C04", "C05", "C06", "C07", "C08", "C09"], "not_applicable")
    findings |= {"C01": "met", "C02": "partial", "C10": "not_met"}
    score = efforts_score(make_country(criteria=findings), standards)
    # (3 * 1 + 0.5 * 0.5 + 1 * 0) / (3 + 0.5 + 1) = 3.25 / 4.5 = 13/18
    assert score.value == Fraction(13, 18)
    assert score.applicable == 3
    placement = place(make_country(criteria=findings), standards, YEAR)
    assert placement.efforts_score == Decimal(13) / Decimal(18)
    assert placement.rationale[0] == (
        "Efforts score 0.722: the weighted mean of 3 applicable effort criteria, scoring met 1, "
        "partial 0.5 and not met 0; weights C01 3, C02 0.5, the others 1. Met: C01; partially "
        "met: C02; not met: C10; not applicable: C03, C04, C05, C06, C07, C08, C09."
    )


def test_scores_come_from_the_standards_file() -> None:
    country = make_country(score="0.55")  # C01-C04 and C10 met, C05 partial, the rest not met
    default = place(country, STANDARDS, YEAR)
    no_partial = make_standards(scores={"met": 1, "partial": 0, "not_met": 0})
    lower_met = make_standards(scores={"met": Decimal("0.9"), "partial": 0, "not_met": 0})
    assert default.efforts_score == Decimal("0.55")
    assert place(country, no_partial, YEAR).efforts_score == Decimal("0.5")
    assert place(country, no_partial, YEAR).computed_tier == "2"
    assert place(country, lower_met, YEAR).efforts_score == Decimal("0.45")
    assert place(country, lower_met, YEAR).computed_tier == "3"


def test_no_applicable_criterion_scores_zero() -> None:
    placement = tier_of(criteria={f"C{n:02d}": "not_applicable" for n in range(1, 11)})
    assert placement.efforts_score == Decimal(0)
    assert placement.computed_tier == "3"
    assert placement.rationale[0] == (
        "Efforts score 0: no effort criterion is applicable, so none counts (not applicable: "
        "C01, C02, C03, C04, C05, C06, C07, C08, C09, C10)."
    )


def test_show_cuts_rather_than_rounds() -> None:
    assert show(Fraction(2, 3)) == "0.666"
    assert show(Decimal("0.50")) == "0.5"
    assert show(Decimal(25)) == "25"
    assert show(Fraction(17, 20)) == "0.85"


# --- 3-4. fully meets and significant efforts, at each threshold and one step either side ---------


@pytest.mark.parametrize(
    ("score", "tier"),
    [("0.8", "2"), ("0.85", "1"), ("0.9", "1")],
)
def test_tier1_threshold_boundary(score: str, tier: str) -> None:
    placement = tier_of(score=score)
    assert placement.computed_tier == tier
    assert placement.fully_meets is (tier == "1")


@pytest.mark.parametrize(
    ("score", "tier"),
    [("0.45", "3"), ("0.5", "2"), ("0.55", "2")],
)
def test_significant_efforts_threshold_boundary(score: str, tier: str) -> None:
    placement = tier_of(score=score)
    assert placement.computed_tier == tier
    assert placement.significant_efforts is (tier == "2")


def test_a_legal_standard_not_met_rules_out_tier1_whatever_the_score() -> None:
    placement = tier_of(score="1", legal="not_met")
    assert (placement.computed_tier, placement.fully_meets) == ("2", False)
    assert placement.rationale[1] == (
        "Legal standards: MS1 (Prohibits migrant smuggling) is not met; MS2 is met."
    )
    assert placement.rationale[3] == (
        "Does not fully meet the minimum standards: legal standard MS1 is not met."
    )


def test_a_disqualifier_rules_out_tier1_and_tier2() -> None:
    evidence = {"date": "2026-09-03", "text": "Buses took migrants to the border."}
    placement = tier_of(score="1", disqualifiers=[{"id": "D1", "actions": [evidence]}])
    assert placement.computed_tier == "3"
    assert (placement.fully_meets, placement.significant_efforts) == (False, False)
    assert placement.disqualifiers == ("Facilitates migrant smuggling",)
    assert placement.rationale[2:5] == (
        "Disqualifier D1 (Facilitates migrant smuggling) applies, on evidence dated 2026-09-03; "
        "it rules out Tier 1 and Tier 2.",
        "Does not fully meet the minimum standards: a disqualifier applies.",
        "Not making significant efforts: the efforts score 1 meets the significant-efforts "
        "threshold of 0.5 (significant_efforts_min), but D1 rules out Tier 2 whatever the score "
        "-> Tier 3.",
    )


def test_tier1_skips_the_watch_list_even_with_rising_numbers() -> None:
    placement = tier_of(score="0.9", indicators={"very_significant": True})
    assert placement.final_tier == "1"
    assert placement.watch_list_reasons == ()


# --- 5. Watch List tests --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("score", "tier"),
    [("0.65", "2WL"), ("0.7", "2"), ("0.75", "2")],
)
def test_proportional_action_threshold_boundary(score: str, tier: str) -> None:
    placement = tier_of(score=score, indicators={"very_significant": True})
    assert placement.final_tier == tier
    assert placement.watch_list_reasons == (("indicators",) if tier == "2WL" else ())


@pytest.mark.parametrize(
    ("now", "tier"),
    [(1249, "2"), (1250, "2WL"), (1251, "2WL")],
)
def test_significant_increase_boundary(now: int, tier: str) -> None:
    indicators = {"smuggled_migrants": {2026: 1000, 2027: now}}
    placement = tier_of(score="0.6", indicators=indicators)
    assert placement.final_tier == tier
    assert placement.rising_indicators == (("smuggled_migrants",) if tier == "2WL" else ())


def test_deaths_alone_trigger_the_indicators_test_and_the_step_shows_both() -> None:
    indicators = {
        "smuggled_migrants": {2026: 12000, 2027: 13000},
        "deaths_and_disappearances": {2026: 40, 2027: 71},
    }
    placement = tier_of(score="0.6", indicators=indicators)
    assert placement.watch_list_reasons == ("indicators",)
    assert placement.rising_indicators == ("deaths_and_disappearances",)
    assert placement.rationale[5] == (
        "Watch List test 1 (indicators): the numbers are not flagged very significant; smuggled "
        "migrants 12,000 in 2026 and 13,000 in 2027 (+8.3%, below the significant-increase "
        "threshold of 25%, significant_increase_pct); migrant deaths and disappearances 40 in "
        "2026 and 71 in 2027 (+77.5%, at least the significant-increase threshold of 25%, "
        "significant_increase_pct); and the efforts score 0.6 is below the proportional-action "
        "threshold of 0.7 (proportional_action_min), so the government is not taking "
        "proportional concrete action -> Watch List."
    )
    # As printed: the thresholds by their words and values, a real arrow, no code name.
    assert placement.printed_rationale[5] == (
        "Watch List test 1 (indicators): the numbers are not flagged very significant; smuggled "
        "migrants 12,000 in 2026 and 13,000 in 2027 (+8.3%, below the significant-increase "
        "threshold of 25%); migrant deaths and disappearances 40 in 2026 and 71 in 2027 "
        "(+77.5%, at least the significant-increase threshold of 25%); and the efforts score "
        "0.6 is below the proportional-action threshold of 0.7, so the government is not taking "
        "proportional concrete action \u2192 Watch List."
    )


def test_no_increase_is_measured_from_zero_or_missing_figures() -> None:
    indicators = {
        "smuggled_migrants": {2026: 0, 2027: 500},
        "deaths_and_disappearances": {2027: 30},
    }
    placement = tier_of(score="0.6", indicators=indicators)
    assert placement.final_tier == "2"
    assert placement.rationale[5] == (
        "Watch List test 1 (indicators): the numbers are not flagged very significant; smuggled "
        "migrants 500 in 2027 after 0 in 2026 (no increase can be measured from 0); migrant "
        "deaths and disappearances not reported for 2026; so neither condition on the numbers "
        "holds -> this test does not place it on the Watch List."
    )


@pytest.mark.parametrize("progress", ["partial", "not_met", "not_applicable"])
def test_progress_criterion_not_met_puts_a_tier2_country_on_the_watch_list(progress: str) -> None:
    placement = tier_of(score="0.7", progress=progress)
    assert placement.final_tier == "2WL"
    assert placement.watch_list_reasons == ("no_increasing_efforts",)


def test_both_watch_list_reasons_in_order() -> None:
    placement = tier_of(score="0.6", progress="partial", indicators={"very_significant": True})
    assert placement.watch_list_reasons == ("indicators", "no_increasing_efforts")
    assert placement.rationale[7] == (
        "Tier 2 Watch List: very significant or significantly increasing numbers without "
        "proportional concrete action and no evidence of increasing efforts."
    )


# --- 6. automatic downgrade: streaks, waivers, reinstated countries ------------------------------

WATCH = {"score": "0.8", "progress": "partial"}  # a Tier 2 result that is Watch List on progress
WAIVER = {"written_plan": True, "justification": "A funded plan."}


def test_streak_of_one_stays_on_the_watch_list_at_risk_of_downgrade() -> None:
    placement = tier_of(**WATCH, history={2026: "2WL", 2025: "2"})
    assert (placement.final_tier, placement.streak, placement.limit) == ("2WL", 1, 2)
    assert placement.downgrade_risk_next_year
    assert placement.change == "same"
    assert placement.rationale[-3:] == (
        "Change: Tier 2 Watch List in 2026, Tier 2 Watch List in 2027 -> unchanged.",
        "Downgrade risk: a Tier 2 Watch List result in 2028 would follow 2 consecutive Watch List "
        "years, at least the limit of 2 -> automatic downgrade unless a waiver is granted (1 "
        "waiver left in this streak).",
        "Interim assessment: on Tier 2 Watch List, the country is assessed again by 1 February "
        "2028.",
    )


def test_first_watch_list_year_is_no_risk_yet() -> None:
    placement = tier_of(**WATCH, history={2026: "2"})
    assert (placement.final_tier, placement.streak) == ("2WL", 0)
    assert not placement.downgrade_risk_next_year


def test_streak_of_two_downgrades_automatically() -> None:
    placement = tier_of(**WATCH, history={2026: "2WL", 2025: "2WL"})
    assert (placement.computed_tier, placement.final_tier) == ("3", "3")
    assert placement.auto_downgrade and not placement.waiver
    assert placement.significant_efforts
    assert (placement.change, placement.cutoff_candidate) == ("downgrade", True)
    assert placement.rationale[8:10] == (
        "Watch List history: on Tier 2 Watch List for 2 consecutive years directly before 2027 "
        "(2025 and 2026); the limit is 2 years (watch_list_years_before_downgrade), now reached "
        "-> the automatic downgrade to Tier 3 is due unless a waiver is granted.",
        "No waiver was requested -> Tier 3 by automatic downgrade.",
    )
    assert placement.printed_rationale[8:10] == (
        "Watch List history: on Tier 2 Watch List for 2 consecutive years directly before 2027 "
        "(2025 and 2026); the limit is 2 years, now reached \u2192 the automatic downgrade to "
        "Tier 3 is due unless a waiver is granted.",
        "No waiver was requested \u2192 Tier 3 by automatic downgrade.",
    )


def test_waiver_granted_keeps_the_country_on_the_watch_list() -> None:
    placement = tier_of(**WATCH, history={2026: "2WL", 2025: "2WL"}, waiver=WAIVER)
    assert (placement.final_tier, placement.waiver, placement.auto_downgrade) == (
        "2WL",
        True,
        False,
    )
    assert placement.downgrade_risk_next_year
    assert placement.rationale[11] == (
        "Downgrade risk: a Tier 2 Watch List result in 2028 would follow 3 consecutive Watch List "
        "years, at least the limit of 2 -> automatic downgrade with no waiver left in this streak."
    )
    assert placement.rationale[9] == (
        "Waiver granted: requested with a written plan, and the streak has used 0 of the 1 waiver "
        "one streak may use (waiver_years) -> remains on Tier 2 Watch List."
    )


def test_waiver_already_used_in_the_streak_means_downgrade() -> None:
    history = {2026: {"tier": "2WL", "waiver": True}, 2025: "2WL", 2024: "2WL"}
    placement = tier_of(**WATCH, history=history, waiver=WAIVER)
    assert (placement.final_tier, placement.auto_downgrade, placement.waivers_used) == (
        "3",
        True,
        1,
    )
    assert placement.rationale[9] == (
        "A waiver was requested, but the streak has already used 1 of the 1 waiver one streak may "
        "use (waiver_years), granted in 2026 -> Tier 3 by automatic downgrade."
    )


def test_a_second_waiver_when_the_file_allows_two() -> None:
    history = {2026: {"tier": "2WL", "waiver": True}, 2025: "2WL", 2024: "2WL"}
    standards = make_standards(waiver_years=2)
    placement = place(make_country(**WATCH, history=history, waiver=WAIVER), standards, YEAR)
    assert (placement.final_tier, placement.waiver) == ("2WL", True)


def test_waiver_without_written_plan_is_not_granted() -> None:
    request = {"written_plan": False, "justification": "No plan yet."}
    placement = tier_of(**WATCH, history={2026: "2WL", 2025: "2WL"}, waiver=request)
    assert (placement.final_tier, placement.waiver) == ("3", False)


def test_waiver_when_no_downgrade_is_due_is_ignored() -> None:
    placement = tier_of(**WATCH, history={2026: "2"}, waiver=WAIVER)
    assert (placement.final_tier, placement.waiver) == ("2WL", False)
    assert placement.rationale[9] == (
        "A waiver was requested, but no downgrade is due this year, so it is ignored."
    )


def test_reinstated_country_gets_the_shorter_limit() -> None:
    history = {2026: "2WL", 2025: "2", 2024: {"tier": "3", "auto_downgraded": True}}
    placement = tier_of(**WATCH, history=history)
    assert (placement.final_tier, placement.limit, placement.auto_downgrade) == ("3", 1, True)
    assert placement.rationale[8] == (
        "Watch List history: on Tier 2 Watch List for 1 year directly before 2027 (2026); the "
        "limit is 1 year (reinstated_watch_list_years) because the country was "
        "automatically downgraded in 2024, now reached -> the automatic downgrade to Tier 3 is "
        "due unless a waiver is granted."
    )


def test_reinstated_country_on_its_first_watch_list_year_is_at_risk() -> None:
    history = {2026: "2", 2025: {"tier": "3", "auto_downgraded": True}}
    placement = tier_of(**WATCH, history=history)
    assert (placement.final_tier, placement.limit, placement.streak) == ("2WL", 1, 0)
    assert placement.downgrade_risk_next_year
    assert placement.rationale[-2] == (
        "Downgrade risk: a Tier 2 Watch List result in 2028 would follow 1 Watch List year, at "
        "least the limit of 1 -> automatic downgrade unless a waiver is granted (1 waiver left in "
        "this streak)."
    )


def test_a_tier3_year_breaks_the_streak() -> None:
    placement = tier_of(**WATCH, history={2026: "2WL", 2025: "3", 2024: "2WL", 2023: "2WL"})
    assert (placement.final_tier, placement.streak) == ("2WL", 1)


def test_a_special_year_breaks_the_streak() -> None:
    placement = tier_of(**WATCH, history={2026: "2WL", 2025: "special", 2024: "2WL"})
    assert (placement.final_tier, placement.streak) == ("2WL", 1)


def test_a_missing_year_breaks_the_streak() -> None:
    placement = tier_of(**WATCH, history={2026: "2WL", 2024: "2WL"})
    assert (placement.final_tier, placement.streak) == ("2WL", 1)


def test_changing_the_limit_in_the_file_changes_the_downgrade() -> None:
    country = make_country(**WATCH, history={2026: "2WL", 2025: "2WL"})
    assert place(country, make_standards(watch_list_years_before_downgrade=3), YEAR).final_tier == (
        "2WL"
    )
    assert place(country, make_standards(watch_list_years_before_downgrade=2), YEAR).final_tier == (
        "3"
    )


# --- 7. decision overrides and their limits -------------------------------------------------------


def test_decision_overrides_and_keeps_the_computed_tier() -> None:
    placement = tier_of(
        score="0.8",
        decision={
            "tier": "2WL",
            "justification": "Election year.",
            "public_justification": "Deaths at sea doubled in the period.",
        },
    )
    assert (placement.computed_tier, placement.final_tier, placement.override) == ("2", "2WL", True)
    assert placement.interim_assessment
    assert placement.rationale[8] == (
        "Decision override: the office placed the country on Tier 2 Watch List rather than the "
        "computed Tier 2; the office's reason: Deaths at sea doubled in the period."
    )


def test_decision_for_tier1_without_full_compliance_is_not_applied() -> None:
    placement = tier_of(score="0.8", decision={"tier": "1", "justification": "Ally."})
    assert (placement.final_tier, placement.override) == ("2", False)
    assert placement.rationale[8] == (
        "The office's decision for Tier 1 is not applied: Tier 1 requires full compliance with the "
        "minimum standards -> Tier 2."
    )


def test_decision_for_watch_list_against_a_due_downgrade_is_not_applied() -> None:
    placement = tier_of(
        **WATCH,
        history={2026: "2WL", 2025: "2WL"},
        decision={"tier": "2WL", "justification": "Keep them."},
    )
    assert (placement.final_tier, placement.override, placement.auto_downgrade) == (
        "3",
        False,
        True,
    )


def test_a_decided_watch_list_year_past_the_limit_is_not_applied_without_a_waiver() -> None:
    placement = tier_of(
        score="0.8",
        history={2026: "2WL", 2025: "2WL"},
        decision={"tier": "2WL", "justification": "Keep them on the list."},
    )
    assert (placement.computed_tier, placement.final_tier, placement.override) == ("2", "2", False)
    assert placement.rationale[-2] == (
        "The office's decision for Tier 2 Watch List is not applied: it would follow 2 "
        "consecutive Watch List years, at least the limit of 2, and no waiver was granted, so the "
        "automatic downgrade to Tier 3 applies -> Tier 2."
    )


def test_a_decided_watch_list_year_past_the_limit_takes_the_waiver() -> None:
    placement = tier_of(
        score="0.8",
        history={2026: "2WL", 2025: "2WL"},
        decision={"tier": "2WL", "justification": "Keep them on the list."},
        waiver=WAIVER,
    )
    assert (placement.final_tier, placement.override, placement.waiver) == ("2WL", True, True)
    assert placement.rationale[-4] == (
        "Decision override: the office placed the country on Tier 2 Watch List rather than the "
        "computed Tier 2; as it follows 2 consecutive Watch List years, at least the limit of 2, "
        "the waiver requested with a written plan is granted; the public justification is not "
        "yet written."
    )


def test_decision_for_tier2_over_a_due_downgrade_is_allowed() -> None:
    placement = tier_of(
        **WATCH,
        history={2026: "2WL", 2025: "2WL"},
        decision={"tier": "2", "justification": "Progress after the period closed."},
    )
    assert (placement.computed_tier, placement.final_tier, placement.override) == ("3", "2", True)


def test_decision_equal_to_the_computed_tier_is_no_override() -> None:
    placement = tier_of(score="0.8", decision={"tier": "2", "justification": "Confirmed."})
    assert (placement.final_tier, placement.override) == ("2", False)
    assert placement.rationale[8] == "The office's decision for Tier 2 confirms the computed tier."


# --- the change and the flags ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("history", "score", "change", "interim"),
    [
        ({}, "0.8", "new", False),
        ({2026: "3"}, "0.8", "upgrade", True),
        ({2026: "2WL"}, "0.8", "upgrade", False),
        ({2026: "2"}, "0.9", "upgrade", True),
        ({2026: "1"}, "0.8", "downgrade", False),
        ({2026: "2"}, "0.8", "same", False),
        ({2026: "special"}, "0.8", "n/a", False),
        ({2025: "2"}, "0.8", "new", False),
    ],
)
def test_change_and_interim_assessment(
    history: dict[int, str], score: str, change: str, interim: bool
) -> None:
    placement = tier_of(score=score, history=history)
    assert (placement.change, placement.interim_assessment) == (change, interim)


def test_previous_special_case_is_explained() -> None:
    placement = tier_of(score="0.8", history={2026: "special"})
    assert placement.previous_tier == "special"
    assert placement.rationale[-1] == (
        "Change: a Special Case in 2026, so there is no tier to compare with -> n/a."
    )


def test_unassessed_findings_count_as_not_met_and_are_listed() -> None:
    findings = {**{f"C0{n}": "met" for n in range(1, 10)}, "C10": "met", "C09": "unassessed"}
    placement = tier_of(criteria=findings, status="draft", legal="unassessed")
    assert placement.unassessed == ("MS1", "C09")
    assert placement.efforts_score == Decimal("0.9")
    assert placement.computed_tier == "2"
    assert placement.rationale[0] == (
        "Not yet assessed (the country file is in draft): MS1 and C09; each counts as not met "
        "until assessed."
    )


def test_a_full_rationale_reads_in_the_methodology_order() -> None:
    placement = tier_of(score="0.35")
    assert placement.rationale == (
        "Efforts score 0.35: the mean of 10 applicable effort criteria, scoring met 1, partial "
        "0.5 and not met 0. Met: C01, C02, C10; partially met: C03; not met: C04, C05, C06, C07, "
        "C08, C09.",
        "Legal standards: all 2 met (MS1 and MS2).",
        "Disqualifiers: none applies.",
        "Does not fully meet the minimum standards: the efforts score 0.35 is below the Tier 1 "
        "threshold of 0.85 (tier1_min_efforts).",
        "Not making significant efforts: the efforts score 0.35 is below the significant-efforts "
        "threshold of 0.5 (significant_efforts_min) -> Tier 3.",
        "Change: no published tier for 2026 -> new to the report.",
        "Assistance cutoff candidate: Tier 3 governments may face restrictions on "
        "non-humanitarian, non-trade-related assistance in the next fiscal year.",
    )
