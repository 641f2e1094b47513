"""The sentences the report prints about a placement, so that the site and the PDF say the same.

Every function takes a ``Placement`` (which carries the facts the sentences need) and returns
plain text; templates escape it. The register is the TIP Report's ("The Government of Arcadia
does not fully meet the minimum standards for the elimination of migrant smuggling but is making
significant efforts to do so"), the tier definitions are those of METHODOLOGY section 4.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from fractions import Fraction

from tierreport.model import TIER_LABELS, Determination, EstimateSensitivity, Placement, TipTier
from tierreport.tiering.scoring import count_of, listing, show

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


def interim_deadline(year: int) -> str:
    """The day the interim assessments of edition ``year`` are due: ``1 February 2028``."""
    return f"1 February {year + 1}"


def watch_list_years(placement: Placement) -> str:
    """The Watch List years up to this one: ``2025 to 2027 (third consecutive year)``."""
    if placement.final_tier != "2WL":
        return ""
    if placement.streak == 0:
        return f"{placement.year} (first year)"
    first = placement.year - placement.streak
    return f"{first} to {placement.year} ({ordinal(placement.streak + 1)} consecutive year)"


def downgrade_risk_sentence(placement: Placement) -> str:
    """Why another Watch List year would mean Tier 3; empty when it would not."""
    if not placement.downgrade_risk_next_year:
        return ""
    return (
        f"A Tier 2 Watch List placement in {placement.year + 1} would follow "
        f"{years_phrase(placement.streak + 1)} on the list, and the limit is "
        f"{number_word(placement.limit)} {'year' if placement.limit == 1 else 'years'}: the "
        "automatic downgrade to Tier 3 would be due."
    )


def change_reason(placement: Placement) -> str:
    """The one-line reason for an upgrade or downgrade; empty when the tier did not move.

    The tier-change lists print it beside each country; the justification paragraph gives the
    whole argument.
    """
    if placement.change not in ("upgrade", "downgrade"):
        return ""
    final = placement.final_tier
    if placement.override:
        return "Placed by the office on the basis of all the information available."
    if final == "1":
        return f"Fully meets {STANDARDS}."
    if final == "3" and placement.auto_downgrade:
        return (
            f"Automatic downgrade after {years_phrase(placement.streak)} on the Tier 2 Watch List."
        )
    if final == "3" and placement.disqualifiers:
        conduct = listing([_clause(t) for t in placement.disqualifiers], "and")
        return f"Disqualifying conduct was found: {conduct}."
    if final == "3":
        return "Not making significant efforts to meet the minimum standards."
    if final == "2WL" and placement.watch_list_reasons:
        reasons = []
        if "indicators" in placement.watch_list_reasons:
            reasons.append(
                "very significant or significantly increasing numbers without proportional "
                "concrete actions"
            )
        if "no_increasing_efforts" in placement.watch_list_reasons:
            reasons.append("no evidence of increasing efforts")
        return f"Significant efforts, but {listing(reasons)}."
    if placement.previous_tier == "1":
        return "No longer fully meets the minimum standards, but is making significant efforts."
    if placement.previous_tier == "3":
        return "Now making significant efforts to meet the minimum standards."
    return "Significant and increasing efforts, with no Watch List indicator."


LAW_UNITS = {
    "investigations": "cases",
    "prosecutions": "cases",
    "convictions": "cases",
    "officials_convicted": "officials",
    "migrants_assisted": "migrants",
}
"""What each law-enforcement count counts, unless a country file's ``unit`` says otherwise."""


def reporting_year_note(year: int, start: dt.date, end: dt.date) -> str:
    """What a year of the law-enforcement tables means: the reporting year, not the calendar."""
    return (
        f"A year is a reporting year, not a calendar year: the figures for {year} are those "
        f"reported for this edition's reporting period, {start.day} {start:%B %Y} to "
        f"{end.day} {end:%B %Y}, and each earlier "
        "year's are those of that year's edition."
    )


def unit_note(label: str, default: str, counted: list[tuple[str, str, list[int]]]) -> str:
    """Who counts a figure in another unit: ``Prosecutions: Lumeria counts defendants, not
    cases (2026 and 2027).`` from (country name, unit, years)."""
    parts = [
        f"{name} {verb(name, 'counts', 'count')} {unit}, not {default} "
        f"({listing([str(y) for y in years])})"
        for name, unit, years in counted
    ]
    return f"{label}: {'; '.join(parts)}."


def percent_change(before: int, after: int) -> str:
    """The change from ``before`` to ``after`` in percent, one decimal and signed: ``+20.8%``;
    an en dash when ``before`` is zero (no percentage of nothing)."""
    if before == 0:
        return "\u2013"
    tenths = round(Fraction(after - before, before) * 1000)
    sign = "+" if tenths > 0 else ("\u2212" if tenths < 0 else "")
    return f"{sign}{abs(tenths) // 10}.{abs(tenths) % 10}%"


DETERMINATION_DEFINITIONS: dict[Determination, str] = {
    "full_restriction": "All non-humanitarian, non-trade-related assistance at stake is "
    "withheld in the next fiscal year, and the United States opposes the government's loans at "
    "the multilateral development banks and the IMF",
    "partial_waiver": "The restriction is waived for the programmes named, which continue, and "
    "applies to the rest",
    "full_waiver": "The restriction is waived in the national interest: all the assistance at "
    "stake continues",
}
"""What each determination means, as the assistance annex defines it (site and PDF)."""

WAIVE_LABELS = {True: "Waived", False: "Restricted"}
"""A programme's recommended determination (its ``waive``), as the annex prints it."""


def _day(day: dt.date, year: bool = True) -> str:
    return f"{day.day} {day:%B %Y}" if year else f"{day.day} {day:%B}"


def determination_window(published: dt.date | None) -> str:
    """When the determinations are due, 45 to 90 days after publication: ``between 30 July and
    13 September 2027``; without a publication date, the rule itself."""
    if published is None:
        return "between 45 and 90 days after the report is published"
    first, last = published + dt.timedelta(days=45), published + dt.timedelta(days=90)
    return f"between {_day(first, first.year != last.year)} and {_day(last)}"


def previous_determination(year: int, tier: str, determination: Determination | None) -> str:
    """One earlier year of a country in the annex: ``2026: Tier 3, full restriction``."""
    label = TIER_LABELS.get(tier, tier)
    if determination is None:
        return f"{year}: {label}, determination not recorded" if tier == "3" else f"{year}: {label}"
    return f"{year}: {label}, {DETERMINATIONS[determination]}"


def restore_sentence(name: str, numbers: list[int], recommendations: int) -> str:
    """What restoring the restricted assistance depends on, by recommendation number."""
    which = (
        "all of its prioritized recommendations"
        if sorted(set(numbers)) == list(range(1, recommendations + 1))
        else f"prioritized {'recommendation' if len(numbers) == 1 else 'recommendations'} "
        f"{listing([str(n) for n in numbers])}"
    )
    return (
        f"The office would recommend restoring the restricted assistance once "
        f"the {government_of(name)[4:]} has acted on {which}:"
    )


# --- judgement calls in public (issue 14) -------------------------------------------------------

SOURCE_KINDS = {
    "government": "government",
    "international": "international organization",
    "ngo": "non-governmental organization",
    "media": "media",
    "academic": "academic",
    "us_government": "U.S. government",
}
"""Each kind of source as an alternative estimate's table cell names it."""

INDICATOR_NAMES = {
    "smuggled_migrants": "Estimated smuggled migrants",
    "deaths_and_disappearances": "Migrant deaths and disappearances",
}
"""Each Watch List indicator as a table caption names it."""

INDICATOR_NOUNS = {
    "smuggled_migrants": "smuggled migrants",
    "deaths_and_disappearances": "migrant deaths and disappearances",
}

OFFICE_DECISION = "The office's decision"
"""The label of a decision override's public justification in a chapter and the lists."""


def possessive(name: str) -> str:
    """``the Ministry of the Interior's``: whose estimate, inside a sentence."""
    owner = name.strip()
    owner = "the " + (owner[4:] if owner.lower().startswith("the ") else owner)
    return f"{owner}'" if owner.endswith("s") else f"{owner}'s"


def tip_tier_label(tip: TipTier) -> str:
    """``Tier 2 Watch List (TIP Report 2026)``: the country's tier in the latest TIP Report."""
    return f"{TIER_LABELS[tip.tier]} (TIP Report {tip.year})"


def sensitivity_sentence(item: EstimateSensitivity, pct: Decimal, from_zero: int | None) -> str:
    """What the Watch List numbers test would say on one alternative estimate (METHODOLOGY 2c).

    ``On the Ministry of the Interior's estimate of 21,500 smuggled migrants in 2027, the rise
    would be 7.5%, below the 25% threshold: the numbers test would not apply (on the office's
    figure it applies).``
    """
    noun = INDICATOR_NOUNS[item.indicator]
    head = f"On {possessive(item.source_name)} estimate of {item.value:,} {noun} in {item.year}"
    if item.before is None or item.now is None:
        clause = "no rise can be measured, as the other year's figure is not reported"
    elif item.change_pct is not None:
        side = "at least" if item.rises else "below"
        word = "rise" if item.change_pct >= 0 else "change"
        sign = "" if item.change_pct >= 0 else "-"
        clause = (
            f"the {word} would be {sign}{show(abs(item.change_pct), 1)}%, {side} the "
            f"{show(pct)}% threshold"
        )
    elif from_zero is None:
        clause = "no rise could be measured from 0"
    else:
        side = "at least" if item.rises else "below"
        clause = (
            f"the rise from 0 would be to {item.now:,}, {side} the {from_zero:,} that counts as "
            "significant from zero"
        )
    if item.at_level:
        clause += ", and the figure reaches the very-significant level"
    outcome = "would apply" if item.watch_list_numbers_test else "would not apply"
    if item.watch_list_numbers_test and not (item.rises or item.at_level):
        because = (
            "the numbers are flagged very significant"
            if item.other_reason == "flag"
            else f"the {INDICATOR_NOUNS.get(item.other_reason, 'other indicator')} still qualify"
        )
        outcome += f", because {because}"
    office = "it applies" if item.watch_list_numbers_test != item.differs else "it does not"
    return f"{head}, {clause}: the numbers test {outcome} (on the office's figure {office})."


RUBRIC_HEADING = "What each finding means: the rubric"
"""The heading of the rubric, on the site's methodology page and as a part of the PDF."""

RUBRIC_INTRO = (
    "So that the same facts receive the same finding in every chapter, each legal standard and "
    "effort criterion is judged against the guidance below, on the model of the interpretive "
    "guidelines the G7 Research Group publishes with its compliance reports. A finding of met or "
    "partially met also needs at least one concrete action dated inside the reporting period; "
    "plans, promises and statements of support never count."
)
"""The paragraph that opens the rubric."""

SMUGGLING_AND_TRAFFICKING = (
    "Smuggling becomes trafficking in persons when its purpose is exploitation, obtained by "
    "force, coercion, deception or abuse of a position of vulnerability: smugglers who hold "
    "migrants for ransom, sell them on, or keep them in debt bondage until the fare is worked off "
    "are trafficking them (Trafficking in Persons Protocol, art. 3). Smuggling is a crime against "
    "the state's borders that ends with the crossing and the payment; trafficking is a crime "
    "against the person, continues after arrival and needs no border at all. The same journey "
    "can turn from one into the other. Where a chapter describes such cases it names them as "
    "trafficking and gives the country's tier in the latest Trafficking in Persons (TIP) Report, "
    "which assesses them; this report's tier does not."
)
"""The glossary entry on where smuggling becomes trafficking (PDF glossary, site methodology)."""
