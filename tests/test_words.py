"""The sentences the report prints: each variant of the justification, Watch List and change."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from tests.builders import YEAR, make_country, make_standards
from tierreport.model import Placement
from tierreport.tiering.place import place
from tierreport.wording import (
    change_reason,
    change_sentence,
    country_name,
    downgrade_risk_sentence,
    government_of,
    interim_deadline,
    interim_reason,
    justification,
    ordinal,
    shortfall_sentence,
    watch_list_sentence,
    watch_list_years,
)

STANDARDS = "the minimum standards for the elimination of migrant smuggling"
SIGNIFICANT = (
    f"The Government of Arcadia does not fully meet {STANDARDS} but is making significant "
    "efforts to do so."
)
BASE = Placement(
    code="XAR",
    name="Arcadia",
    region="WHA",
    computed_tier="2",
    final_tier="2",
    previous_tier="2",
    change="same",
    efforts_score=Decimal("0.6"),
    fully_meets=False,
    significant_efforts=True,
    watch_list_reasons=(),
    auto_downgrade=False,
    waiver=False,
    override=False,
    cutoff_candidate=False,
    downgrade_risk_next_year=False,
    interim_assessment=False,
    rationale=(),
    limit=2,
    year=YEAR,
)


def test_names_take_the_article_they_need() -> None:
    assert country_name("Arcadia") == "Arcadia"
    assert country_name("Republic of Arcadia") == "the Republic of Arcadia"
    assert country_name("Dune Islands") == "the Dune Islands"
    assert country_name("The Gambia") == "the Gambia"
    assert government_of("Republic of Arcadia") == "The Government of the Republic of Arcadia"


@pytest.mark.parametrize(
    ("number", "word"), [(1, "first"), (2, "second"), (10, "tenth"), (11, "11th"), (22, "22nd")]
)
def test_ordinals(number: int, word: str) -> None:
    assert ordinal(number) == word


def test_tier1_justification() -> None:
    placement = replace(BASE, final_tier="1", computed_tier="1", previous_tier="1")
    assert justification(placement) == (
        f"The Government of Arcadia fully meets {STANDARDS}. The government continued to "
        "demonstrate serious and sustained efforts during the reporting period. Therefore Arcadia "
        "remained on Tier 1."
    )


def test_tier2_justification_names_the_first_shortfalls() -> None:
    placement = replace(
        BASE,
        previous_tier="3",
        change="upgrade",
        shortfalls=(
            "Prescribes aggravated penalties where smuggling endangers lives",
            "Vigorously investigates and prosecutes smugglers (no data is presumed not vigorous)",
            "Monitors its own efforts and publishes its data",
            "Does not hold migrants criminally liable for having been smuggled",
        ),
    )
    assert justification(placement) == (
        f"{SIGNIFICANT} Shortfalls remained in 4 areas: the government did not demonstrate that "
        "it prescribes aggravated penalties where smuggling endangers lives, that it vigorously "
        "investigates and prosecutes smugglers or that it monitors its own efforts and publishes "
        "its data, among others. Therefore Arcadia was upgraded from Tier 3 to Tier 2."
    )


def test_watch_list_justification_gives_the_reasons() -> None:
    placement = replace(
        BASE,
        final_tier="2WL",
        computed_tier="2WL",
        previous_tier="2WL",
        streak=1,
        watch_list_reasons=("indicators", "no_increasing_efforts"),
        rising_indicators=("deaths_and_disappearances",),
    )
    assert watch_list_sentence(placement) == (
        "The number of recorded migrant deaths and disappearances is significantly increasing, "
        "and the government is not taking proportional concrete actions. The government did not "
        "demonstrate overall increasing efforts to combat migrant smuggling compared with the "
        "previous reporting period."
    )
    assert justification(placement) == (
        f"{SIGNIFICANT} {watch_list_sentence(placement)} Therefore Arcadia remained on Tier 2 "
        "Watch List for a second consecutive year."
    )


def test_very_significant_and_rising_numbers() -> None:
    placement = replace(
        BASE,
        final_tier="2WL",
        watch_list_reasons=("indicators",),
        very_significant=True,
        rising_indicators=("smuggled_migrants", "deaths_and_disappearances"),
    )
    assert watch_list_sentence(placement) == (
        "The estimated number of smuggled migrants or of migrant deaths and disappearances is "
        "very significant and the estimated number of smuggled migrants and the number of "
        "recorded migrant deaths and disappearances are significantly increasing, and the "
        "government is not taking proportional concrete actions."
    )


def test_no_watch_list_sentence_off_the_watch_list() -> None:
    assert watch_list_sentence(BASE) == ""


def test_waiver_justification() -> None:
    placement = replace(
        BASE,
        final_tier="2WL",
        computed_tier="2WL",
        previous_tier="2WL",
        streak=2,
        waiver=True,
        watch_list_reasons=("no_increasing_efforts",),
    )
    assert justification(placement) == (
        f"{SIGNIFICANT} The government did not demonstrate overall increasing efforts to combat "
        "migrant smuggling compared with the previous reporting period. Arcadia was granted a "
        "waiver from an otherwise required downgrade to Tier 3 because its government has "
        "devoted sufficient resources to a written plan that, if implemented, would constitute "
        f"significant efforts to meet {STANDARDS}. Therefore Arcadia remained on Tier 2 Watch "
        "List for a third consecutive year."
    )


def test_automatic_downgrade_justification() -> None:
    placement = replace(
        BASE,
        final_tier="3",
        computed_tier="3",
        previous_tier="2WL",
        change="downgrade",
        streak=2,
        auto_downgrade=True,
        watch_list_reasons=("no_increasing_efforts",),
    )
    assert justification(placement) == (
        f"The Government of Arcadia does not fully meet {STANDARDS} and, after two consecutive "
        "years on the Tier 2 Watch List, is deemed not to be making significant efforts to do so. "
        "Although its efforts during the reporting period were significant, Arcadia may remain "
        "on the Tier 2 Watch List for only two consecutive years. Therefore Arcadia was "
        "downgraded to Tier 3 automatically after two consecutive years on the Tier 2 Watch List."
    )
    assert change_sentence(placement) == (
        "Arcadia was downgraded to Tier 3 automatically after two consecutive years on the Tier 2 "
        "Watch List."
    )


def test_automatic_downgrade_after_the_waiver_was_used() -> None:
    placement = replace(
        BASE, final_tier="3", previous_tier="2WL", change="downgrade", streak=3,
        auto_downgrade=True, significant_efforts=False, waivers_used=1,
    )  # fmt: skip
    assert justification(placement) == (
        f"The Government of Arcadia does not fully meet {STANDARDS} and, after three consecutive "
        "years on the Tier 2 Watch List, is deemed not to be making significant efforts to do so. "
        "Arcadia had already used the waiver of the automatic downgrade available during its "
        "current period on the Watch List. Therefore Arcadia was downgraded to Tier 3 "
        "automatically after three consecutive years on the Tier 2 Watch List."
    )


def test_automatic_downgrade_after_one_year_for_a_reinstated_country() -> None:
    placement = replace(
        BASE, final_tier="3", previous_tier="2WL", change="downgrade", streak=1, limit=1,
        auto_downgrade=True,
    )  # fmt: skip
    assert change_sentence(placement) == (
        "Arcadia was downgraded to Tier 3 automatically after one year on the Tier 2 Watch List."
    )


def test_plural_names_take_plural_verbs() -> None:
    placement = replace(BASE, name="Jorvik Islands", previous_tier="3", change="upgrade")
    assert change_sentence(placement) == ("The Jorvik Islands were upgraded from Tier 3 to Tier 2.")
    special = replace(
        placement, final_tier="special", previous_tier="2", special_reason="No authority."
    )
    assert justification(special) == (
        "The Jorvik Islands are not ranked this year and are a Special Case. No authority."
    )


def test_tier3_justification_with_a_disqualifier() -> None:
    placement = replace(
        BASE,
        final_tier="3",
        computed_tier="3",
        previous_tier=None,
        change="new",
        significant_efforts=False,
        disqualifiers=("Government policy or pattern of facilitating migrant smuggling",),
    )
    assert justification(placement) == (
        f"The Government of Arcadia does not fully meet {STANDARDS} and is not making significant "
        "efforts to do so. Disqualifying conduct was found: government policy or pattern of "
        "facilitating migrant smuggling. Therefore Arcadia is placed on Tier 3 in its first year "
        "in the report."
    )


def test_override_justification_does_not_claim_computed_reasons() -> None:
    placement = replace(BASE, final_tier="2WL", override=True, change="downgrade")
    assert justification(placement) == (
        f"{SIGNIFICANT} On the basis of all the information available, the office placed Arcadia "
        "on Tier 2 Watch List. Therefore Arcadia was downgraded from Tier 2 to Tier 2 Watch List."
    )


def test_special_case_justification() -> None:
    placement = replace(
        BASE,
        name="Republic of Arcadia",
        final_tier="special",
        computed_tier="special",
        change="n/a",
        special_reason="No government exercised control over the territory",
    )
    assert justification(placement) == (
        "The Republic of Arcadia is not ranked this year and is a Special Case. No government "
        "exercised control over the territory."
    )
    assert change_sentence(placement) == "The Republic of Arcadia is a Special Case this year."


@pytest.mark.parametrize(
    ("previous", "final", "change", "sentence"),
    [
        ("2", "2", "same", "Arcadia remained on Tier 2."),
        ("2", "1", "upgrade", "Arcadia was upgraded from Tier 2 to Tier 1."),
        ("2", "2WL", "downgrade", "Arcadia was downgraded from Tier 2 to Tier 2 Watch List."),
        (None, "2", "new", "Arcadia is placed on Tier 2 in its first year in the report."),
        (
            "special",
            "3",
            "n/a",
            "Arcadia returned to the rankings on Tier 3 after a year as a Special Case.",
        ),
        ("special", "special", "n/a", "Arcadia remained a Special Case."),
    ],
)
def test_change_sentences(previous: str | None, final: str, change: str, sentence: str) -> None:
    placement = replace(BASE, previous_tier=previous, final_tier=final, change=change)  # type: ignore[arg-type]
    assert change_sentence(placement) == sentence


def test_shortfalls_are_not_printed_for_tier1() -> None:
    placement = replace(BASE, final_tier="1", shortfalls=("Monitors its data",))
    assert shortfall_sentence(placement) == ""


@pytest.mark.parametrize(
    ("history", "score", "reason"),
    [
        ({2026: "3"}, "0.8", "upgraded from Tier 3 to Tier 2"),
        ({2026: "2"}, "0.9", "upgraded to Tier 1"),
        ({2026: "2"}, "0.8", ""),
    ],
)
def test_interim_reason(history: dict[int, str], score: str, reason: str) -> None:
    placement = place(make_country(score=score, history=history), make_standards(), YEAR)
    assert interim_reason(placement) == reason


def test_interim_reason_on_the_watch_list() -> None:
    placement = place(make_country(score="0.8", progress="partial"), make_standards(), YEAR)
    assert interim_reason(placement) == "on Tier 2 Watch List"


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"previous_tier": "2", "final_tier": "1", "change": "upgrade"},
         f"Fully meets {STANDARDS}."),
        ({"previous_tier": "2WL", "final_tier": "3", "change": "downgrade",
          "auto_downgrade": True, "streak": 2},
         "Automatic downgrade after two consecutive years on the Tier 2 Watch List."),
        ({"previous_tier": "2", "final_tier": "3", "change": "downgrade",
          "disqualifiers": ("Officials facilitated smuggling",)},
         "Disqualifying conduct was found: officials facilitated smuggling."),
        ({"previous_tier": "2", "final_tier": "3", "change": "downgrade",
          "significant_efforts": False},
         "Not making significant efforts to meet the minimum standards."),
        ({"previous_tier": "2", "final_tier": "2WL", "change": "downgrade",
          "watch_list_reasons": ("indicators", "no_increasing_efforts")},
         "Significant efforts, but very significant or significantly increasing numbers without "
         "proportional concrete actions and no evidence of increasing efforts."),
        ({"previous_tier": "2", "final_tier": "2WL", "change": "downgrade", "override": True},
         "Placed by the office on the basis of all the information available."),
        ({"previous_tier": "1", "final_tier": "2", "change": "downgrade"},
         "No longer fully meets the minimum standards, but is making significant efforts."),
        ({"previous_tier": "3", "final_tier": "2", "change": "upgrade"},
         "Now making significant efforts to meet the minimum standards."),
        ({"previous_tier": "2WL", "final_tier": "2", "change": "upgrade"},
         "Significant and increasing efforts, with no Watch List indicator."),
        ({"previous_tier": "2", "final_tier": "2", "change": "same"}, ""),
    ],
)  # fmt: skip
def test_change_reason_is_one_line_per_kind_of_move(
    changes: dict[str, object], reason: str
) -> None:
    assert change_reason(replace(BASE, **changes)) == reason  # type: ignore[arg-type]


def test_watch_list_years_count_this_year_in_the_run() -> None:
    assert watch_list_years(BASE) == ""
    listed = replace(BASE, final_tier="2WL")
    assert watch_list_years(listed) == f"{YEAR} (first year)"
    assert watch_list_years(replace(listed, streak=2)) == (
        f"{YEAR - 2} to {YEAR} (third consecutive year)"
    )


def test_downgrade_risk_names_next_year_and_the_limit() -> None:
    assert downgrade_risk_sentence(BASE) == ""
    risk = replace(BASE, final_tier="2WL", streak=1, downgrade_risk_next_year=True)
    assert downgrade_risk_sentence(risk) == (
        f"A Tier 2 Watch List placement in {YEAR + 1} would follow two consecutive years on the "
        "list, and the limit is two years: the automatic downgrade to Tier 3 would be due."
    )


def test_interim_deadline_carries_the_next_year() -> None:
    assert interim_deadline(2027) == "1 February 2028"
