"""Properties of the tier rules over generated countries (Hypothesis).

Each country gets exactly one tier; improving one finding never lowers the computed tier; a
stricter threshold in the standards file never gives a better tier, and each threshold decides
exactly the test it names.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.builders import CRITERIA, YEAR, make_country, make_standards
from tierreport.model import TIER_ORDER, Country
from tierreport.tiering.place import place
from tierreport.tiering.scoring import efforts_score

# Weighted toward met so that Tier 1, Tier 2 and the Watch List all come up often.
FINDINGS = ["met"] * 5 + ["partial"] * 2 + ["not_met"] * 2 + ["not_applicable", "unassessed"]
BETTER = {"unassessed": "partial", "not_met": "partial", "partial": "met"}
TIERS = ["1", "2", "2WL", "3", "special"]
HUNDREDTHS = st.integers(0, 20).map(lambda n: Decimal(n) * Decimal("0.05"))


@st.composite
def country_data(draw: st.DrawFn, special: bool = True) -> dict[str, Any]:
    """Keyword arguments for ``make_country``: every input the rules read, drawn at random."""
    entry = st.fixed_dictionaries(
        {"tier": st.sampled_from(TIERS), "waiver": st.booleans(), "auto_downgraded": st.booleans()}
    )
    figures = st.dictionaries(st.sampled_from([YEAR - 1, YEAR]), st.integers(0, 2000))
    data: dict[str, Any] = {
        "criteria": draw(st.fixed_dictionaries({c: st.sampled_from(FINDINGS) for c in CRITERIA})),
        "legal": draw(st.sampled_from(["met", "not_met"])),
        "history": draw(st.dictionaries(st.integers(YEAR - 6, YEAR - 1), entry)),
        "indicators": {
            "smuggled_migrants": draw(figures),
            "deaths_and_disappearances": draw(figures),
            "very_significant": draw(st.booleans()),
        },
        "disqualifiers": draw(st.sampled_from([[], ["D1"]])),
        "waiver": draw(
            st.none()
            | st.fixed_dictionaries(
                {"written_plan": st.booleans(), "justification": st.just("A written plan.")}
            )
        ),
        "decision": draw(
            st.none()
            | st.fixed_dictionaries(
                {"tier": st.sampled_from(TIERS[:4]), "justification": st.just("Decided.")}
            )
        ),
    }
    if special and draw(st.integers(0, 9)) == 0:
        data["special_case"] = {"reason": "Not ranked this year."}
    return data


WAIVED_THEN_DECIDED: dict[str, Any] = {
    "criteria": {f"C{i:02d}": "met" if i <= 6 else "partial" for i in range(1, 11)},
    "legal": "met",
    "history": {
        2021: {"tier": "1", "waiver": False, "auto_downgraded": False},
        2022: {"tier": "1", "waiver": False, "auto_downgraded": True},
        2026: {"tier": "2WL", "waiver": False, "auto_downgraded": False},
    },
    "indicators": {
        "smuggled_migrants": {},
        "deaths_and_disappearances": {},
        "very_significant": False,
    },
    "disqualifiers": [],
    "waiver": {"written_plan": True, "justification": "A written plan."},
    "decision": {"tier": "2", "justification": "Decided."},
}
"""Found by Hypothesis: a waiver granted on the computed path, then a decision for Tier 2."""


@given(country_data())
@example(WAIVED_THEN_DECIDED)
def test_each_country_gets_exactly_one_consistent_tier(data: dict[str, Any]) -> None:
    placement = place(make_country(**data), make_standards(), YEAR)
    assert placement.final_tier in TIERS
    assert placement.computed_tier in TIERS
    assert (placement.final_tier == "special") is ("special_case" in data)
    assert placement.override is (placement.final_tier != placement.computed_tier)
    assert placement.cutoff_candidate is (placement.final_tier == "3")
    assert placement.rationale, "every placement explains itself"
    if placement.final_tier == "special":
        assert placement.change == "n/a"
    if placement.watch_list_reasons and not placement.auto_downgrade:
        assert placement.computed_tier == "2WL"
    if placement.waiver:
        # METHODOLOGY 6: a granted waiver keeps the computed tier on the Watch List; a decision
        # (step 7) may still publish another tier beside it.
        assert placement.computed_tier == "2WL"
        assert placement.final_tier == "2WL" or placement.override
        assert placement.streak >= placement.limit


@settings(max_examples=300)
@given(country_data(special=False), st.sampled_from([*CRITERIA, "MS1"]))
def test_improving_one_finding_never_lowers_the_computed_tier(
    data: dict[str, Any], improved: str
) -> None:
    better = dict(data)
    if improved == "MS1":
        better["legal"] = "met"
    else:
        found = data["criteria"][improved]
        better["criteria"] = {**data["criteria"], improved: BETTER.get(found, found)}
    standards = make_standards()
    before = place(make_country(**data), standards, YEAR).computed_tier
    after = place(make_country(**better), standards, YEAR).computed_tier
    assert TIER_ORDER[after] <= TIER_ORDER[before]


STRICTER = {
    "tier1_min_efforts": lambda v: v + Decimal("0.05"),
    "significant_efforts_min": lambda v: v + Decimal("0.05"),
    "proportional_action_min": lambda v: v + Decimal("0.05"),
    "significant_increase_pct": lambda v: max(Decimal(0), v - 5),
    "watch_list_years_before_downgrade": lambda v: max(1, v - 1),
    "reinstated_watch_list_years": lambda v: max(1, v - 1),
    "waiver_years": lambda v: max(0, v - 1),
}
DEFAULTS: dict[str, Any] = {
    "tier1_min_efforts": Decimal("0.85"),
    "significant_efforts_min": Decimal("0.5"),
    "proportional_action_min": Decimal("0.7"),
    "significant_increase_pct": Decimal(25),
    "watch_list_years_before_downgrade": 2,
    "reinstated_watch_list_years": 1,
    "waiver_years": 1,
}


@settings(max_examples=200)
@given(country_data(special=False), st.sampled_from(sorted(STRICTER)))
def test_a_stricter_threshold_never_gives_a_better_tier(data: dict[str, Any], name: str) -> None:
    country = make_country(**data)
    strict = make_standards(**{name: STRICTER[name](DEFAULTS[name])})
    before = place(country, make_standards(), YEAR).computed_tier
    after = place(country, strict, YEAR).computed_tier
    assert TIER_ORDER[after] >= TIER_ORDER[before]


def _clean(country: Country) -> bool:
    return not country.disqualifiers


@given(country_data(special=False), HUNDREDTHS, HUNDREDTHS)
def test_each_score_threshold_decides_its_own_test(
    data: dict[str, Any], tier1: Decimal, significant: Decimal
) -> None:
    country = make_country(**data)
    standards = make_standards(tier1_min_efforts=tier1, significant_efforts_min=significant)
    placement = place(country, standards, YEAR)
    score = efforts_score(country, standards).value
    assert placement.fully_meets is (
        data["legal"] == "met" and score >= Fraction(tier1) and _clean(country)
    )
    assert placement.significant_efforts is (
        placement.fully_meets or (score >= Fraction(significant) and _clean(country))
    )
    if placement.computed_tier == "1":
        assert placement.fully_meets
