"""The sentences the report prints about a placement, so that the site and the PDF say the same.

Every function takes a ``Placement`` (which carries the facts the sentences need) and returns
plain text; templates escape it. The register is the TIP Report's ("The Government of Arcadia
does not fully meet the minimum standards for the elimination of migrant smuggling but is making
significant efforts to do so"), the tier definitions are those of METHODOLOGY section 4.
"""

from __future__ import annotations

import re

from tierreport.model import TIER_LABELS, Determination, Placement
from tierreport.tiering.scoring import count_of, listing

STANDARDS = "the minimum standards for the elimination of migrant smuggling"

TIER_DEFINITIONS = {
    "1": "Governments that fully meet the minimum standards for the elimination of migrant "
    "smuggling. Tier 1 does not mean a country has no smuggling problem.",
    "2": "Governments that do not fully meet the minimum standards but are making significant "
    "efforts to meet them.",
    "2WL": "Tier 2 governments where the estimated number of smuggled migrants or of migrant "
    "deaths and disappearances is very significant or significantly increasing and the "
    "government is not taking proportional concrete actions, or where there is no evidence of "
    "increasing efforts compared with the previous year.",
    "3": "Governments that do not fully meet the minimum standards and are not making significant "
    "efforts to do so. Tier 3 countries may face restrictions on non-humanitarian, "
    "non-trade-related foreign assistance in the next fiscal year and opposition to their loans "
    "at multilateral development banks and the IMF, unless the President waives them in the "
    "national interest (fully or in part); the determination follows 45 to 90 days after the "
    "report.",
    "special": "Countries not ranked this year, with the reason stated.",
}
"""Each tier as the report defines it (METHODOLOGY section 4)."""

DETERMINATIONS: dict[Determination, str] = {
    "full_restriction": "full restriction",
    "partial_waiver": "partial waiver",
    "full_waiver": "full waiver",
}
"""The recommended assistance determinations, as the assistance annex prints them."""

HISTORY_MARKS = {
    "waiver": ("W", "waiver of the automatic downgrade granted"),
    "auto_downgraded": ("AD", "automatic downgrade to Tier 3"),
}
"""The marks of a tier timeline: (symbol on the chart, words in its legend and text version)."""

HISTORY_CURRENT = "this edition"
HISTORY_ABSENT = "not in the report"
HISTORY_HEADING = "Tiers across years"


def history_description(name: str, years: list[str]) -> str:
    """The text alternative of a tier timeline: each year's tier and marks, in order."""
    return f"Published tier of {name} by year: " + "; ".join(years) + "."


# Short names take no article ("Arcadia"); formal and plural ones do ("the Republic of Arcadia").
_ARTICLE_WORDS = re.compile(
    r"^(Republic|Kingdom|United|Federation|Federal|Federated|Democratic|Islamic|Commonwealth|"
    r"State|States|Principality|Grand Duchy|Union|Sultanate|Plurinational|Bolivarian|People's|"
    r"Independent|Holy See|Emirate)\b|\b(Islands|Republic|Emirates|States|Netherlands|"
    r"Philippines|Bahamas|Gambia|Maldives|Comoros|Seychelles)$"
)
_ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
             "ninth", "tenth"]  # fmt: skip


def country_name(name: str) -> str:
    """The name as it reads inside a sentence: ``the Republic of Arcadia``, ``Arcadia``."""
    if name.lower().startswith("the "):
        return "the " + name[4:]
    return f"the {name}" if _ARTICLE_WORDS.search(name) else name


_NUMBERS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
# Plural names take plural verbs: "the Jorvik Islands were", "Arcadia was".
_PLURAL = re.compile(r"\b(Islands|Isles|Emirates|States)$")


def number_word(number: int) -> str:
    """``one`` to ``ten`` in words, larger numbers in figures (the report's style)."""
    return _NUMBERS[number - 1] if 1 <= number <= len(_NUMBERS) else str(number)


def years_phrase(number: int) -> str:
    """``one year``, ``two consecutive years``: a Watch List streak in prose."""
    return "one year" if number == 1 else f"{number_word(number)} consecutive years"


def verb(name: str, singular: str, plural: str) -> str:
    """The verb form that agrees with a country's name (``was`` / ``were``)."""
    return plural if _PLURAL.search(name) else singular


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def government_of(name: str) -> str:
    """``The Government of the Republic of Arcadia``, to open a sentence."""
    return f"The Government of {country_name(name)}"


def ordinal(number: int) -> str:
    """``second``, ``third``, ... ``tenth``, then ``11th``, ``21st``, ``22nd``."""
    if 1 <= number <= len(_ORDINALS):
        return _ORDINALS[number - 1]
    suffix = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix}"


def _clause(title: str) -> str:
    """A criterion's title as a clause after "that it": no parenthetical, lower-case verb."""
    text = re.sub(r"\s*\([^)]*\)", "", title).strip().rstrip(".")
    if len(text) > 1 and text[1].islower():
        text = text[0].lower() + text[1:]
    return text


def _opening(placement: Placement) -> str:
    """The first sentence of the justification, by final tier."""
    government = government_of(placement.name)
    if placement.final_tier == "1":
        verb = "continued to demonstrate" if placement.change == "same" else "demonstrated"
        return (
            f"{government} fully meets {STANDARDS}. The government {verb} serious and "
            "sustained efforts during the reporting period."
        )
    if placement.final_tier in ("2", "2WL"):
        return (
            f"{government} does not fully meet {STANDARDS} but is making significant efforts "
            "to do so."
        )
    if placement.auto_downgrade and not placement.override:
        return (
            f"{government} does not fully meet {STANDARDS} and, after "
            f"{years_phrase(placement.streak)} on the Tier 2 Watch List, is deemed not to be "
            "making significant efforts to do so."
        )
    return (
        f"{government} does not fully meet {STANDARDS} and is not making significant efforts "
        "to do so."
    )


def change_clause(placement: Placement) -> str:
    """What happened to the country's tier, after its name: ``remained on Tier 2``."""
    final, previous = placement.final_tier, placement.previous_tier
    label = TIER_LABELS[final]
    was, is_ = verb(placement.name, "was", "were"), verb(placement.name, "is", "are")
    if final == "special":
        return (
            "remained a Special Case"
            if previous == "special"
            else f"{is_} a Special Case this year"
        )
    if previous is None:
        return f"{is_} placed on {label} in its first year in the report"
    if previous == "special":
        return f"returned to the rankings on {label} after a year as a Special Case"
    if final == "3" and placement.auto_downgrade and not placement.override:
        return (
            f"{was} downgraded to Tier 3 automatically after {years_phrase(placement.streak)} "
            "on the Tier 2 Watch List"
        )
    if placement.change == "upgrade":
        return f"{was} upgraded from {TIER_LABELS[previous]} to {label}"
    if placement.change == "downgrade":
        return f"{was} downgraded from {TIER_LABELS[previous]} to {label}"
    if final == "2WL":
        return (
            f"remained on Tier 2 Watch List for a {ordinal(placement.streak + 1)} consecutive year"
        )
    return f"remained on {label}"


def change_sentence(placement: Placement) -> str:
    """The tier-change sentence: ``Arcadia was upgraded from Tier 3 to Tier 2.``"""
    return f"{_capital(country_name(placement.name))} {change_clause(placement)}."


def watch_list_sentence(placement: Placement) -> str:
    """Why the country is on the Tier 2 Watch List; empty when it is not."""
    if placement.final_tier != "2WL":
        return ""
    if not placement.watch_list_reasons:
        return (
            f"On the basis of all the information available, the office placed "
            f"{country_name(placement.name)} on Tier 2 Watch List."
        )
    sentences = []
    if "indicators" in placement.watch_list_reasons:
        rising = [
            {
                "smuggled_migrants": "the estimated number of smuggled migrants",
                "deaths_and_disappearances": "the number of recorded migrant deaths and "
                "disappearances",
            }[key]
            for key in placement.rising_indicators
        ]
        parts = []
        if placement.very_significant:
            parts.append(
                "the estimated number of smuggled migrants or of migrant deaths and "
                "disappearances is very significant"
            )
        if rising:
            verb = "is" if len(rising) == 1 else "are"
            parts.append(f"{listing(rising)} {verb} significantly increasing")
        sentences.append(
            f"{_capital(listing(parts))}, and the government is not taking "
            "proportional concrete actions."
        )
    if "no_increasing_efforts" in placement.watch_list_reasons:
        sentences.append(
            "The government did not demonstrate overall increasing efforts to "
            "combat migrant smuggling compared with the previous reporting period."
        )
    return " ".join(sentences)


def waiver_sentence(placement: Placement) -> str:
    """The waiver granted this year; empty when none was."""
    if not placement.waiver:
        return ""
    return (
        f"{_capital(country_name(placement.name))} {verb(placement.name, 'was', 'were')} "
        "granted a waiver from an otherwise required downgrade to Tier 3 because its "
        "government has devoted sufficient resources to a written plan that, if implemented, "
        f"would constitute significant efforts to meet {STANDARDS}."
    )


def shortfall_sentence(placement: Placement, most: int = 3) -> str:
    """The first few standards not met; empty for Tier 1 or when every one is met."""
    if placement.final_tier in ("1", "special") or not placement.shortfalls:
        return ""
    shown = [f"that it {_clause(t)}" for t in placement.shortfalls[:most]]
    extra = ", among others" if len(placement.shortfalls) > most else ""
    return (
        f"Shortfalls remained in {count_of(len(placement.shortfalls), 'area')}: the "
        f"government did not demonstrate {listing(shown, 'or')}{extra}."
    )


def justification(placement: Placement) -> str:
    """The tier justification paragraph, in the register of the TIP Report."""
    name = country_name(placement.name)
    if placement.final_tier == "special":
        reason = (placement.special_reason or "").strip()
        ending = "" if reason.endswith((".", "!", "?")) else "."
        is_ = verb(placement.name, "is", "are")
        return (
            f"{_capital(name)} {is_} not ranked this year and {is_} a Special Case. "
            f"{reason}{ending}"
        )
    sentences = [_opening(placement)]
    if placement.override:
        sentences.append(
            f"On the basis of all the information available, the office placed "
            f"{name} on {TIER_LABELS[placement.final_tier]}."
        )
    else:
        sentences.append(watch_list_sentence(placement))
        if placement.disqualifiers:
            conduct = listing([_clause(t) for t in placement.disqualifiers], "and")
            sentences.append(f"Disqualifying conduct was found: {conduct}.")
        if placement.auto_downgrade and placement.significant_efforts:
            sentences.append(
                "Although its efforts during the reporting period were significant, "
                f"{name} may remain on the Tier 2 Watch List for only "
                f"{years_phrase(placement.limit)}."
            )
        if placement.auto_downgrade and placement.waivers_used:
            sentences.append(
                f"{_capital(name)} had already used the waiver of the automatic downgrade "
                "available during its current period on the Watch List."
            )
    sentences.append(waiver_sentence(placement))
    sentences.append(shortfall_sentence(placement))
    sentences.append(f"Therefore {name} {change_clause(placement)}.")
    return " ".join(s for s in sentences if s)


def interim_reason(placement: Placement) -> str:
    """Why the country is on the interim assessment list; empty when it is not."""
    if not placement.interim_assessment:
        return ""
    if placement.final_tier == "2WL":
        return "on Tier 2 Watch List"
    if placement.previous_tier == "3":
        return f"upgraded from Tier 3 to {TIER_LABELS[placement.final_tier]}"
    return "upgraded to Tier 1"
