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
from functools import cache

from tierreport.model import (
    TIER_LABELS,
    Clock,
    Determination,
    EstimateSensitivity,
    FindingChange,
    PathSet,
    Placement,
    TipTier,
)
from tierreport.tiering.scoring import count_of, listing, show

STANDARDS = "the minimum standards for the elimination of migrant smuggling"


# --- labels: every name a finding, indicator, change, pillar, treaty or figure is printed by ---

FINDING_WORDS = {
    "met": "met",
    "partial": "partially met",
    "not_met": "not met",
    "not_applicable": "not applicable",
    "unassessed": "not yet assessed",
}
"""Each finding as a sentence says it."""

FINDING_LABELS = {
    **{key: word.capitalize() for key, word in FINDING_WORDS.items()},
    "applies": "Applies",
}
"""Each finding as a table or a list prints it (and ``applies`` for a disqualifier found)."""

CHANGE_LABELS = {
    "upgrade": "Upgraded",
    "downgrade": "Downgraded",
    "same": "No change",
    "new": "New in the report",
    "n/a": "Not ranked",
}
"""Each tier change as printed."""

PILLARS = (
    ("prosecution", "Prosecution"),
    ("protection", "Protection"),
    ("prevention", "Prevention"),
    ("partnership", "Partnership"),
)
"""The narrative's four pillars, in the order a chapter prints them."""

TREATIES = (
    ("untoc", "UN Convention against Transnational Organized Crime"),
    ("smuggling_protocol", "Smuggling of Migrants Protocol"),
    ("trafficking_protocol", "Trafficking in Persons Protocol"),
)
"""The conventions a chapter and the conventions table list, with their names."""

LAW_FIGURES = (
    ("investigations", "Investigations"),
    ("prosecutions", "Prosecutions"),
    ("convictions", "Convictions"),
    ("officials_convicted", "Officials convicted"),
    ("migrants_assisted", "Migrants assisted"),
    ("new_or_amended_legislation", "New or amended legislation"),
)
"""Every law-enforcement figure of a country file, with its heading, in the order every table
and file prints them; the last is a yes/no, the others are counts (``LAW_COUNTS``)."""

LAW_COUNTS = LAW_FIGURES[:-1]
"""The law-enforcement counts (a total sums them; legislation is counted by country)."""

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


@cache
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
        f"reported for this edition's reporting period, {long_date(start)} to "
        f"{long_date(end)}, and each earlier "
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


def long_date(day: dt.date, year: bool = True) -> str:
    """A date as the report prints it, ``15 June 2027`` (``15 June`` without the year)."""
    return f"{day.day} {day:%B %Y}" if year else f"{day.day} {day:%B}"


def determination_window(published: dt.date | None) -> str:
    """When the determinations are due, 45 to 90 days after publication: ``between 30 July and
    13 September 2027``; without a publication date, the rule itself."""
    if published is None:
        return "between 45 and 90 days after the report is published"
    first, last = published + dt.timedelta(days=45), published + dt.timedelta(days=90)
    return f"between {long_date(first, first.year != last.year)} and {long_date(last)}"


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


# --- change and path (METHODOLOGY 2b-2c): the card under the justification, and explain -------


def card_headings(year: int) -> dict[str, str]:
    """The headings of the change-and-path card (site, PDF) and of ``explain``'s sections."""
    before = year - 1
    return {
        "card": "Change and path",
        "change": f"Change since {before}",
        "changes": f"Findings that changed since {before}",
        "followup": f"Follow-up of the {before} recommendations",
        "clock": "Statutory clock",
        "path": "What would change this placement",
    }


FOLLOWUP_LABELS = {
    "implemented": "Implemented",
    "partial": "Partially implemented",
    "not_implemented": "Not implemented",
    "unassessed": "Not yet assessed",
}
"""Each follow-up assessment as printed."""

FOLLOWUP_KINDS = {"recommendation": "Recommendation", "benchmark": "Waiver benchmark"}
"""Each kind of follow-up item as printed (and, lower case, as a sentence names it)."""

DIRECTION_MARKS = {"improved": "\u2191", "worsened": "\u2193", "changed": "\u2022"}
"""The mark printed before a changed finding; its word is always printed too, so that no
change is told by a mark or a colour alone."""

THRESHOLD_WORDS = {
    "tier1_min_efforts": "Tier 1 threshold",
    "significant_efforts_min": "significant-efforts threshold",
    "proportional_action_min": "proportional-action threshold",
    "significant_increase_pct": "significant-increase threshold",
}
"""Each threshold a sentence compares with, as the report names it (with its value; the code
names stay in ``explain``'s technical steps and the JSON)."""

_UP_WORDS = {"met": "meeting", "partial": "partially meeting", "removed": "ending"}
_DOWN_WORDS = {"not_met": "not meeting", "partial": "only partially meeting"}


def _score_text(value: Fraction | Decimal) -> str:
    return show(value)


def signed_score(value: Fraction) -> str:
    """``+0.33``, ``-1``, ``0``: a follow-up score (-1 to +1), cut to two places."""
    text = show(value, 2)
    return text if text.startswith("-") or text == "0" else f"+{text}"


def percent(value: Fraction) -> str:
    """``66%``: a follow-up percentage, cut to a whole number (never rounded up)."""
    return f"{show(value, 0)}%"


def _named(ident: str, title: str) -> str:
    """``C13 (shows appreciable progress ...)``: an id with its title as a clause."""
    return f"{ident} ({_clause(title)})" if title else ident


def previous_line(placement: Placement) -> str:
    """Y-1's tier and efforts score, for the card's first row."""
    if placement.previous_tier is None:
        return "No published tier: new in the report."
    if placement.previous_tier == "special":
        return "Special Case: not ranked, so there is no tier or score to compare."
    label = TIER_LABELS[placement.previous_tier]
    if placement.previous_efforts_score is None:
        return f"{label}; no findings recorded, so no efforts score to compare."
    return f"{label}; efforts score {_score_text(placement.previous_efforts_score)}."


def current_line(placement: Placement) -> str:
    """This year's tier and efforts score, for the card's second row."""
    label = TIER_LABELS[placement.final_tier]
    score = placement.efforts_score
    computed = f" (computed {TIER_LABELS[placement.computed_tier]})" if placement.override else ""
    if score is None:
        return f"{label}{computed}."
    return f"{label}{computed}; efforts score {_score_text(score)}."


def criteria_change_sentence(placement: Placement) -> str:
    """What changed in the criteria since Y-1, and what the previous score covers; or empty."""
    if not placement.criteria_changed:
        return ""
    before = placement.year - 1
    parts = []
    if placement.criteria_added:
        new = listing(list(placement.criteria_added))
        verb_ = "is" if len(placement.criteria_added) == 1 else "are"
        parts.append(f"{new} {verb_} new in {placement.year}")
    if placement.criteria_dropped:
        old = listing(list(placement.criteria_dropped))
        verb_ = "is" if len(placement.criteria_dropped) == 1 else "are"
        parts.append(f"{old}, assessed in {before}, {verb_} no longer a criterion")
    return (
        f"The criteria changed since {before}: {'; '.join(parts)}. The {before} score is "
        f"computed with this edition's scores and weights over the criteria assessed in both "
        "years."
    )


def finding_change_sentence(change: FindingChange) -> str:
    """``Improved: C05 (...) from partially met to met.``: one changed finding, in words."""
    name = _named(change.id, change.title)
    if change.old == "applies" or change.new == "applies":
        what = "no longer found" if change.old == "applies" else "found this year"
        return f"{change.direction.capitalize()}: {name}, {what}."
    old = FINDING_WORDS.get(change.old or "", change.old or "")
    new = FINDING_WORDS.get(change.new or "", change.new or "")
    return f"{change.direction.capitalize()}: {name} from {old} to {new}."


def no_changes_sentence(placement: Placement) -> str:
    """Why no finding is listed as changed: none did, or Y-1's findings are not recorded."""
    before = placement.year - 1
    if placement.previous_tier is None:
        return "New in the report: there are no earlier findings to compare."
    if placement.previous_tier == "special":
        return f"A Special Case in {before}: there are no findings to compare."
    if placement.previous_efforts_score is None and not placement.criteria_changed:
        return f"The findings of {before} are not recorded, so no finding can be compared."
    return f"No finding changed since {before}."


def followup_sentence(placement: Placement) -> str:
    """The follow-up score of the previous edition's recommendations and benchmarks, in words."""
    followup = placement.followup
    before = placement.year - 1
    if followup is None or not followup.items:
        return f"No follow-up of the {before} recommendations is recorded."
    kinds = {item.kind for item in followup.items}
    total = len(followup.items)
    nouns = [FOLLOWUP_KINDS[k].lower() for k in ("recommendation", "benchmark") if k in kinds]
    if total == 1:
        what = f"one {nouns[0]}"
    else:
        what = f"{number_word(total)} {' and '.join(f'{n}s' for n in nouns)}"
    if followup.score is None or followup.percentage is None:
        return f"None of the {what} of the {before} report has been assessed yet."
    parts = [
        f"{number_word(n)} {label}"
        for n, label in (
            (followup.count("implemented"), "implemented"),
            (followup.count("partial"), "partially implemented"),
            (followup.count("not_implemented"), "not implemented"),
        )
        if n
    ]
    waiting = followup.count("unassessed")
    pending = f"; {number_word(waiting)} not yet assessed" if waiting else ""
    return (
        f"Follow-up score {signed_score(followup.score)} ({percent(followup.percentage)}): of the "
        f"{what} of the {before} report, {listing(parts)}{pending}."
    )


def _years(number: int) -> str:
    """``one year``, ``two years``."""
    return f"{number_word(number)} year{'s' * (number != 1)}"


def clock_sentence(placement: Placement) -> str:
    """The statutory clock: Watch List years, waivers, and what another Watch List year brings."""
    clock = placement.clock
    if clock is None:
        return ""
    if clock.watch_list_years:
        return _clock_on_watch_list(placement, clock)
    if clock.downgraded_now:
        return _clock_downgraded(placement, clock)
    return _clock_off_watch_list(placement, clock)


def _clock_on_watch_list(placement: Placement, clock: Clock) -> str:
    """The run of Watch List years so far, the waivers used, and what one more year brings."""
    has = verb(placement.name, "has", "have")
    years = (
        f"{clock.first_year}-{placement.year}"
        if clock.watch_list_years > 1
        else str(placement.year)
    )
    head = (
        f"{_capital(country_name(placement.name))} {has} been on the Tier 2 Watch List for "
        f"{years_phrase(clock.watch_list_years)} ({years})"
    )
    used = (
        f" and {has} used {number_word(clock.waivers_used)} waiver"
        f"{'s' * (clock.waivers_used > 1)} of the automatic downgrade"
        if clock.waivers_used
        else ""
    )
    another = (
        f"A {ordinal(clock.watch_list_years + 1)} consecutive year on the Watch List in "
        f"{placement.year + 1}"
    )
    waivers = _waivers_left(clock)
    if clock.downgrade_due_next_year:
        return (
            f"{head}{used}. {another} would bring the automatic downgrade to Tier 3 unless a "
            f"waiver is granted; {waivers} in this run."
        )
    return (
        f"{head}{used}. {another} would stay within the limit of {_years(clock.limit)}; the "
        f"automatic downgrade would come with a {ordinal(clock.limit + 1)} consecutive year "
        f"unless a waiver is granted ({waivers})."
    )


def _waivers_left(clock: Clock) -> str:
    """``no waiver is left``, ``one waiver is left``, ``two waivers are left``."""
    if clock.waivers_left == 0:
        return "no waiver is left"
    return (
        f"{number_word(clock.waivers_left)} waiver{'s' * (clock.waivers_left > 1)} "
        f"{'is' if clock.waivers_left == 1 else 'are'} left"
    )


def _clock_downgraded(placement: Placement, clock: Clock) -> str:
    """Downgraded automatically this year: the shorter limit if it returns to the Watch List."""
    return (
        f"{_capital(country_name(placement.name))} {verb(placement.name, 'was', 'were')} "
        f"downgraded to Tier 3 automatically in {placement.year}. Should it return to the Watch "
        f"List, the shorter limit applies: after {_years(clock.limit)} on it, another Watch "
        "List year would bring the automatic downgrade."
    )


def _clock_off_watch_list(placement: Placement, clock: Clock) -> str:
    """Not on the Watch List: how long a stay from next year could last before the downgrade."""
    shorter = (
        " (the shorter limit: it was once downgraded automatically)" if clock.reinstated else ""
    )
    return (
        f"{_capital(country_name(placement.name))} {verb(placement.name, 'is', 'are')} not on "
        "the Watch List, so no Watch List year counts toward the automatic downgrade. Placed on "
        f"it in {placement.year + 1}, it could stay for {_years(clock.limit)}{shorter} before "
        "another Watch List year brought the automatic downgrade."
    )


def _set_phrase(path: PathSet, up: bool) -> str:
    """The changes of one set, grouped by id: ``meeting C13 (...) and partially meeting C03``."""
    finals: dict[str, tuple[str, str]] = {}
    for step in path.steps:
        finals[step.id] = (step.new, step.title)
    words = _UP_WORDS if up else _DOWN_WORDS
    return listing(
        [f"{words[new]} {_named(ident, title)}" for ident, (new, title) in finals.items()]
    )


def path_sentences(placement: Placement, up: bool) -> tuple[str, ...]:
    """Each minimal set of the path up (or down) as a sentence: ``Meeting C13 (...) would have
    placed Arcadia on Tier 2.``; empty when there is none."""
    found = placement.path_up if up else placement.path_down
    name = country_name(placement.name)
    return tuple(
        f"{_capital(_set_phrase(path, up))} would have placed {name} on {TIER_LABELS[path.tier]}."
        for path in found or ()
    )


def no_path_sentence(placement: Placement, up: bool) -> str:
    """Why no path up (or down) is listed; empty when there is one, or for a Special Case."""
    found = placement.path_up if up else placement.path_down
    if found is None or found:
        return ""
    name = country_name(placement.name)
    computed = placement.computed_tier
    if up and computed == "1":
        return f"Tier 1 is the highest tier: no change of findings can place {name} higher."
    if not up and computed == "3":
        return f"Tier 3 is the lowest tier: no change of findings can place {name} lower."
    changes = f"{number_word(placement.path_max_changes)} one-step change"
    changes += "s" * (placement.path_max_changes != 1)
    head = (
        f"No set of up to {changes} to the findings would have placed {name} on a "
        f"{'better' if up else 'worse'} tier"
    )
    reasons = _no_path_up_reasons(placement) if up else []
    if not reasons:
        return f"{head}."
    return f"{head}: {'; '.join(reasons)}."


def _no_path_up_reasons(placement: Placement) -> list[str]:
    """What keeps a placement from a better tier: disqualifiers, the automatic downgrade, the
    legal standards for Tier 1, and how far the score is below the threshold it needs."""
    computed = placement.computed_tier
    reasons = []
    if placement.disqualifier_ids:
        ids = listing(list(placement.disqualifier_ids))
        verb_ = "applies" if len(placement.disqualifier_ids) == 1 else "apply"
        reasons.append(
            f"{ids} {verb_}, and a disqualifier rules out Tier 1 and Tier 2 whatever the score"
        )
    if placement.auto_downgrade:
        reasons.append(
            f"after {years_phrase(placement.streak)} on the Tier 2 Watch List a Watch List "
            "result means Tier 3, so the findings would have to lift it off the Watch List"
        )
    if computed == "2" and placement.legal_gaps:
        gaps = placement.legal_gaps
        reasons.append(
            f"{listing(list(gaps))} {'is' if len(gaps) == 1 else 'are'} not met, and Tier 1 "
            "requires every legal standard"
        )
    # The threshold the next better tier needs the score to reach.
    wanted = {"3": "significant_efforts_min", "2": "tier1_min_efforts"}.get(computed)
    if computed == "2WL" or placement.auto_downgrade:
        wanted = "proportional_action_min" if "indicators" in placement.watch_list_reasons else None
    for margin in placement.margins:
        if margin.name == wanted and margin.difference < 0:
            reasons.append(
                f"the efforts score is {show(-margin.difference)} below "
                f"the {THRESHOLD_WORDS[margin.name]} of {show(margin.threshold)}"
            )
    return reasons


def fragile_sentence(placement: Placement) -> str:
    """Why the placement is fragile; empty when it is not."""
    if not placement.fragile:
        return ""
    return (
        "Fragile placement: a single one-step change to one finding would change the computed "
        f"tier of {country_name(placement.name)}."
    )


def computed_note(placement: Placement) -> str:
    """Under an override, that the paths concern the computed tier; empty otherwise."""
    if not placement.override:
        return ""
    return (
        f"The changes concern the tier the rules compute, "
        f"{TIER_LABELS[placement.computed_tier]}, before the office's decision for "
        f"{TIER_LABELS[placement.final_tier]}."
    )
