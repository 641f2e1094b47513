"""Sensitivity and path (METHODOLOGY 2c): margins, path up and down, fragility.

The examples pin each rule; the Hypothesis properties check every listed path against the full
rules (``place`` on the changed country, no decision), by brute force over every set of
one-step changes: each listed set reaches a better (worse) computed tier, no proper subset does,
no smaller set does, and the listed sets are the first five of the smallest size in order of the
ids.
"""

from __future__ import annotations

import itertools
from dataclasses import replace
from decimal import Decimal
from fractions import Fraction
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.builders import CRITERIA, YEAR, make_country, make_standards
from tierreport import wording as words
from tierreport.model import TIER_ORDER, Margin, Placement, Standards
from tierreport.tiering.place import place

STANDARDS = make_standards()
UP = {"unassessed": "partial", "not_met": "partial", "partial": "met"}
DOWN = {"met": "partial", "partial": "not_met"}


def steps_of(placement: Placement, up: bool = True) -> list[list[tuple[str, str, str]]]:
    """The listed sets as (id, from, to) triples."""
    found = placement.path_up if up else placement.path_down
    assert found is not None
    return [[(s.id, s.old, s.new) for s in path.steps] for path in found]


# --- margins ------------------------------------------------------------------------------------


def test_margins_are_exact_differences_for_each_threshold_compared() -> None:
    placement = place(make_country(score="0.65"), STANDARDS, YEAR)
    assert placement.margins == (
        Margin("tier1_min_efforts", Fraction(17, 20), Fraction(-1, 5)),
        Margin("significant_efforts_min", Fraction(1, 2), Fraction(3, 20)),
    )
    assert placement.contract()["margins"] == {
        "tier1_min_efforts": -0.2,
        "significant_efforts_min": 0.15,
    }


def test_a_tier1_country_is_compared_with_the_tier1_threshold_only() -> None:
    placement = place(make_country(score="0.85"), STANDARDS, YEAR)
    assert placement.margins == (Margin("tier1_min_efforts", Fraction(17, 20), Fraction(0)),)


def test_flagged_numbers_add_the_proportional_action_margin() -> None:
    country = make_country(score="0.65", indicators={"very_significant": True})
    placement = place(country, STANDARDS, YEAR)
    assert placement.margins[-1] == Margin(
        "proportional_action_min", Fraction(7, 10), -Fraction(1, 20)
    )
    assert placement.computed_tier == "2WL"


def test_a_special_case_has_no_margins_and_no_paths() -> None:
    country = make_country(special_case={"reason": "Not ranked."})
    placement = place(country, STANDARDS, YEAR)
    assert (placement.margins, placement.path_up, placement.path_down) == ((), None, None)
    assert placement.fragile is False
    contract = placement.contract()
    assert (contract["path_up"], contract["path_down"], contract["margins"]) == (None, None, {})


# --- path up ------------------------------------------------------------------------------------


def test_one_step_that_crosses_a_threshold_is_the_path_up_and_makes_it_fragile() -> None:
    # 0.45: C01-C03 met, C04 partial, C05-C09 not met, C10 (progress) met -> Tier 3.
    placement = place(make_country(score="0.45"), STANDARDS, YEAR)
    assert placement.computed_tier == "3"
    assert steps_of(placement) == [
        [("C04", "partial", "met")],
        [("C05", "not_met", "partial")],
        [("C06", "not_met", "partial")],
        [("C07", "not_met", "partial")],
        [("C08", "not_met", "partial")],
    ]
    assert {p.tier for p in placement.path_up or ()} == {"2"}
    assert placement.fragile is True


def test_two_steps_on_one_criterion_count_as_two() -> None:
    # Watch List for no increasing efforts, at the limit, no waiver: Tier 3. Only meeting the
    # progress criterion (two steps from not met) takes it off the Watch List.
    country = make_country(score="0.6", progress="not_met", history={2026: "2WL", 2025: "2WL"})
    placement = place(country, STANDARDS, YEAR)
    assert placement.computed_tier == "3"
    assert steps_of(placement) == [[("C10", "not_met", "partial"), ("C10", "partial", "met")]]
    assert placement.path_up is not None
    assert placement.path_up[0].tier == "2"
    assert placement.fragile is False


def test_removing_a_disqualifier_is_a_step_and_none_is_ever_added() -> None:
    country = make_country(score="0.6", disqualifiers=["D1"])
    placement = place(country, STANDARDS, YEAR)
    assert steps_of(placement) == [[("D1", "applies", "removed")]]
    assert placement.path_up is not None
    assert placement.path_up[0].contract() == {
        "steps": [{"id": "D1", "from": "applies", "to": "removed"}],
        "tier": "2",
    }
    assert steps_of(place(make_country(score="0.6"), STANDARDS, YEAR), up=False)[0] != [
        ("D1", "removed", "applies")
    ]


def test_no_path_within_the_limit_is_an_empty_list() -> None:
    # Score 0.1 and D1: removing D1 leaves the score 0.4 short of 0.5, more than two steps.
    country = make_country(score="0.1", disqualifiers=["D1"])
    placement = place(country, make_standards(path_max_changes=2), YEAR)
    assert placement.path_up == ()
    assert placement.path_max_changes == 2
    assert placement.contract()["path_up"] == []


def test_the_limit_comes_from_the_standards_file_and_defaults_to_three() -> None:
    assert STANDARDS.thresholds.path_max_changes == 3
    # 0.7 needs three half steps to reach 0.85: found with the default, not with a limit of 2.
    country = make_country(score="0.7")
    assert [len(p) for p in steps_of(place(country, STANDARDS, YEAR))] == [3] * 5
    assert place(country, make_standards(path_max_changes=2), YEAR).path_up == ()


def test_at_most_five_sets_in_order_of_the_ids() -> None:
    # 0.7: C01-C06 and C10 met, C07-C09 not met; Tier 1 needs three half steps among C07-C09.
    placement = place(make_country(score="0.7"), STANDARDS, YEAR)
    first, second = ("not_met", "partial"), ("partial", "met")
    assert steps_of(placement) == [
        [("C07", *first), ("C07", *second), ("C08", *first)],
        [("C07", *first), ("C07", *second), ("C09", *first)],
        [("C07", *first), ("C08", *first), ("C08", *second)],
        [("C07", *first), ("C08", *first), ("C09", *first)],
        [("C07", *first), ("C09", *first), ("C09", *second)],
    ]


def test_a_decision_does_not_enter_the_variants() -> None:
    country = make_country(score="0.45", decision={"tier": "2", "justification": "Decided."})
    placement = place(country, STANDARDS, YEAR)
    assert (placement.computed_tier, placement.final_tier) == ("3", "2")
    assert {p.tier for p in placement.path_up or ()} == {"2"}


def test_tier1_has_no_path_up_and_tier3_no_path_down() -> None:
    assert place(make_country(score="1"), STANDARDS, YEAR).path_up == ()
    assert place(make_country(score="0.1"), STANDARDS, YEAR).path_down == ()


# --- path down ----------------------------------------------------------------------------------


def test_path_down_worsens_one_step_at_a_time() -> None:
    # 0.85 exactly: one step down from met to partial costs 0.05 and loses Tier 1.
    placement = place(make_country(score="0.85"), STANDARDS, YEAR)
    assert steps_of(placement, up=False)[:3] == [
        [("MS1", "met", "not_met")],
        [("MS2", "met", "not_met")],
        [("C01", "met", "partial")],
    ]
    assert placement.fragile is True


def test_a_placement_with_room_on_both_sides_is_not_fragile() -> None:
    # Watch List for no increasing efforts: two steps on the progress criterion lift it, and
    # 0.65 is more than three half steps above 0.5.
    placement = place(make_country(score="0.65", progress="not_met"), STANDARDS, YEAR)
    assert placement.computed_tier == "2WL"
    assert [len(s) for s in steps_of(placement)] == [2]
    assert placement.path_down == ()
    assert placement.fragile is False


def test_every_tier2_country_meeting_the_progress_criterion_is_fragile() -> None:
    # Only partially meeting the progress criterion is enough for the Watch List (step 5).
    placement = place(make_country(score="0.65"), STANDARDS, YEAR)
    assert steps_of(placement, up=False) == [[("C10", "met", "partial")]]
    assert placement.path_down is not None
    assert placement.path_down[0].tier == "2WL"
    assert placement.fragile is True


# --- properties ---------------------------------------------------------------------------------

FINDINGS = ["met"] * 4 + ["partial"] * 3 + ["not_met"] * 3 + ["not_applicable"]


@st.composite
def countries(draw: st.DrawFn) -> dict[str, Any]:
    """Keyword arguments for ``make_country``: findings, history, indicators, waiver, decision."""
    entry = st.fixed_dictionaries(
        {"tier": st.sampled_from(["1", "2", "2WL", "3"]), "waiver": st.booleans()}
    )
    figures = st.dictionaries(st.sampled_from([YEAR - 1, YEAR]), st.integers(0, 2000))
    return {
        "criteria": draw(st.fixed_dictionaries({c: st.sampled_from(FINDINGS) for c in CRITERIA})),
        "legal_standards": {
            "MS1": {"finding": draw(st.sampled_from(["met", "not_met"]))},
            "MS2": {"finding": draw(st.sampled_from(["met", "not_met"]))},
        },
        "history": draw(st.dictionaries(st.integers(YEAR - 3, YEAR - 1), entry)),
        "indicators": {
            "smuggled_migrants": draw(figures),
            "very_significant": draw(st.booleans()),
        },
        "disqualifiers": draw(st.sampled_from([[], ["D1"]])),
        "waiver": draw(
            st.none()
            | st.fixed_dictionaries(
                {"written_plan": st.booleans(), "justification": st.just("A plan.")}
            )
        ),
        "decision": draw(
            st.none()
            | st.fixed_dictionaries(
                {"tier": st.sampled_from(["2", "2WL", "3"]), "justification": st.just("Decided.")}
            )
        ),
    }


def one_steps(data: dict[str, Any], up: bool) -> list[tuple[str, str, str]]:
    """Every one-step change in one direction, in order of the ids (written independently)."""
    moves = []
    for ident, entry in data["legal_standards"].items():
        if up and entry["finding"] != "met":
            moves.append((ident, entry["finding"], "met"))
        if not up and entry["finding"] == "met":
            moves.append((ident, "met", "not_met"))
    for ident in CRITERIA:
        found = data["criteria"][ident]
        ladder = UP if up else DOWN
        while found in ladder:
            moves.append((ident, found, ladder[found]))
            found = ladder[found]
    if up:
        moves += [(d, "applies", "removed") for d in data["disqualifiers"]]
    return moves


def applied(data: dict[str, Any], chosen: tuple[tuple[str, str, str], ...]) -> str:
    """The computed tier of the country with ``chosen`` applied, by the full rules, no decision."""
    changed = {
        **data,
        "criteria": dict(data["criteria"]),
        "legal_standards": {k: dict(v) for k, v in data["legal_standards"].items()},
        "disqualifiers": list(data["disqualifiers"]),
        "decision": None,
    }
    for ident, _, new in chosen:
        if ident in changed["criteria"]:
            changed["criteria"][ident] = new
        elif ident in changed["legal_standards"]:
            changed["legal_standards"][ident]["finding"] = new
        else:
            changed["disqualifiers"].remove(ident)
    # The paths of the variant itself are not needed: only its computed tier.
    return place(make_country(**changed), STANDARDS, YEAR, sensitivity=False).computed_tier


STANDARDS_TWO: Standards = make_standards(path_max_changes=2)


def all_sets(
    moves: list[tuple[str, str, str]], size: int
) -> list[tuple[tuple[str, str, str], ...]]:
    """Every valid set of ``size`` moves, in order of the ids (the moves' order)."""
    found = []
    for chosen in itertools.combinations(moves, size):
        seconds = [m for m in chosen if m[1] == "partial" and m[2] == "met"]
        seconds += [m for m in chosen if m[1] == "partial" and m[2] == "not_met"]
        ok = True
        for m in seconds:
            first = [o for o in moves if o[0] == m[0] and o[2] == m[1]]
            if first and first[0] not in chosen:
                ok = False
        if ok:
            found.append(chosen)
    return found


@settings(max_examples=60, deadline=None)
@given(countries(), st.booleans())
def test_every_listed_path_is_minimal_and_none_smaller_exists(
    data: dict[str, Any], up: bool
) -> None:
    check_against_brute_force(data, up, STANDARDS_TWO)


@settings(max_examples=10, deadline=None)
@given(countries(), st.booleans())
def test_the_same_holds_at_the_default_limit_of_three(data: dict[str, Any], up: bool) -> None:
    check_against_brute_force(data, up, STANDARDS)


def check_against_brute_force(data: dict[str, Any], up: bool, standards: Standards) -> None:
    """The listed paths against every set of one-step changes up to the standards' limit."""
    placement = place(make_country(**data), standards, YEAR)
    rank = TIER_ORDER[placement.computed_tier]

    def moves_tier(tier: str) -> bool:
        return TIER_ORDER[tier] < rank if up else TIER_ORDER[tier] > rank

    moves = one_steps(data, up)
    listed = [tuple(s) for s in steps_of(placement, up)]
    smallest = []
    for size in range(1, standards.thresholds.path_max_changes + 1):
        smallest = [c for c in all_sets(moves, size) if moves_tier(applied(data, c))]
        if smallest:
            break
    # The listed sets are the first five minimal sets of the smallest size, in order of the ids.
    assert listed == smallest[:5]
    found = placement.path_up if up else placement.path_down
    for path, chosen in zip(found or (), listed, strict=True):
        assert path.tier == applied(data, chosen)
        assert moves_tier(path.tier)
        for size in range(1, len(chosen)):
            for subset in all_sets(list(chosen), size):
                assert not moves_tier(applied(data, subset))
    single = [c for way in (True, False) for c in all_sets(one_steps(data, way), 1)]
    assert placement.fragile is any(TIER_ORDER[applied(data, c)] != rank for c in single)


def test_weights_count_and_a_score_equal_to_a_threshold_still_meets_it() -> None:
    # C01 weighs 3 of 12: partial C01, met C02-C05 and C10 give 6.5 / 12, Tier 2.
    standards = make_standards(weights={"C01": Decimal(3)})
    findings = dict.fromkeys(CRITERIA, "not_met") | {"C01": "partial", "C10": "met"}
    findings |= dict.fromkeys(["C02", "C03", "C04", "C05"], "met")
    placement = place(make_country(criteria=findings), standards, YEAR)
    assert placement.computed_tier == "2"
    # C01 down a step costs 1.5 (5 / 12: Tier 3); C02 down costs 0.5 and leaves exactly 0.5,
    # which still meets significant_efforts_min; C10 down loses the progress criterion.
    assert steps_of(placement, up=False) == [
        [("C01", "partial", "not_met")],
        [("C10", "met", "partial")],
    ]
    assert [p.tier for p in placement.path_down or ()] == ["3", "2WL"]


# --- the paths in words (words.py: the card, explain and the data files say the same) ----------


def test_a_path_in_words_groups_two_steps_on_one_criterion() -> None:
    country = make_country(score="0.6", progress="not_met", history={2026: "2WL", 2025: "2WL"})
    placement = place(country, STANDARDS, YEAR)
    assert words.path_sentences(placement, up=True) == (
        "Meeting C10 (shows appreciable progress) would have placed Arcadia on Tier 2.",
    )


def test_a_path_down_in_words() -> None:
    placement = place(make_country(score="0.65"), STANDARDS, YEAR)
    assert words.path_sentences(placement, up=False) == (
        "Only partially meeting C10 (shows appreciable progress) would have placed Arcadia on "
        "Tier 2 Watch List.",
    )
    assert words.fragile_sentence(placement) == (
        "Fragile placement: a single one-step change to one finding would change the computed "
        "tier of Arcadia."
    )
    legal = place(make_country(score="0.9"), STANDARDS, YEAR)
    assert words.path_sentences(legal, up=False)[0] == (
        "Not meeting MS1 (prohibits migrant smuggling) would have placed Arcadia on Tier 2."
    )


def test_a_set_of_several_changes_in_words() -> None:
    # 0.45 with D1: the disqualifier removed and one half step (C04 partial -> met, or another
    # criterion not met -> partial) reach 0.5 and Tier 2.
    placement = place(make_country(score="0.45", disqualifiers=["D1"]), STANDARDS, YEAR)
    assert words.path_sentences(placement, up=True)[:2] == (
        "Meeting C04 (criterion C04) and ending D1 (facilitates migrant smuggling) would have "
        "placed Arcadia on Tier 2.",
        "Partially meeting C05 (criterion C05) and ending D1 (facilitates migrant smuggling) would "
        "have placed Arcadia on Tier 2.",
    )


def test_why_no_path_is_listed() -> None:
    stuck = place(make_country(score="0.1", disqualifiers=["D1"]), STANDARDS, YEAR)
    assert words.no_path_sentence(stuck, up=True) == (
        "No set of up to three one-step changes to the findings would have placed Arcadia on a "
        "better tier: D1 applies, and a disqualifier rules out Tier 1 and Tier 2 whatever the "
        "score; the efforts score is 0.4 below the significant-efforts threshold of 0.5."
    )
    assert words.no_path_sentence(stuck, up=False) == (
        "Tier 3 is the lowest tier: no change of findings can place Arcadia lower."
    )
    top = place(make_country(score="1"), STANDARDS, YEAR)
    assert words.no_path_sentence(top, up=True) == (
        "Tier 1 is the highest tier: no change of findings can place Arcadia higher."
    )
    gaps = place(make_country(score="0.6", legal="not_met"), STANDARDS, YEAR)
    assert words.no_path_sentence(gaps, up=True) == (
        "No set of up to three one-step changes to the findings would have placed Arcadia on a "
        "better tier: MS1 is not met, and Tier 1 requires every legal standard; the efforts "
        "score is 0.25 below the Tier 1 threshold of 0.85."
    )
    assert words.no_path_sentence(top, up=False) == ""


def test_under_a_decision_the_paths_concern_the_computed_tier() -> None:
    country = make_country(score="0.45", decision={"tier": "2", "justification": "Decided."})
    placement = place(country, STANDARDS, YEAR)
    assert words.computed_note(placement) == (
        "The changes concern the tier the rules compute, Tier 3, before the office's decision "
        "for Tier 2."
    )
    assert words.computed_note(place(make_country(score="0.45"), STANDARDS, YEAR)) == ""


def test_without_the_path_search_every_other_fact_is_the_same() -> None:
    country = make_country(score="0.45", history={2026: "2WL"})
    full = place(country, STANDARDS, YEAR)
    lean = place(country, STANDARDS, YEAR, sensitivity=False)
    assert (lean.path_up, lean.path_down, lean.fragile) == (None, None, False)
    assert full.path_up and full.fragile
    assert replace(full, path_up=None, path_down=None, fragile=False) == lean
