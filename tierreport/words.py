"""The sentences the report prints about a placement, so that the site and the PDF say the same.

Every function takes a ``Placement`` (which carries the facts the sentences need) and returns
plain text; templates escape it. The register is the TIP Report's ("The Government of Arcadia
does not fully meet the minimum standards for the elimination of migrant smuggling but is making
significant efforts to do so"), the tier definitions are those of METHODOLOGY section 4.
"""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction
from functools import cache

from tierreport.model import TIER_LABELS, Determination, FindingChange, PathSet, Placement
from tierreport.scoring import count_of, listing, show

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
    "tier1_min_efforts": "the Tier 1 threshold",
    "significant_efforts_min": "the significant-efforts threshold",
    "proportional_action_min": "the proportional-action threshold",
}
"""The thresholds an efforts score is compared with, as a sentence names them."""

_FINDINGS = {
    "met": "met",
    "partial": "partially met",
    "not_met": "not met",
    "not_applicable": "not applicable",
    "unassessed": "not yet assessed",
}
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
    old = _FINDINGS.get(change.old or "", change.old or "")
    new = _FINDINGS.get(change.new or "", change.new or "")
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
    name = _capital(country_name(placement.name))
    has = verb(placement.name, "has", "have")
    is_ = verb(placement.name, "is", "are")
    nxt = placement.year + 1
    waivers = (
        "no waiver is left"
        if clock.waivers_left == 0
        else f"{number_word(clock.waivers_left)} waiver{'s' * (clock.waivers_left > 1)} "
        f"{'is' if clock.waivers_left == 1 else 'are'} left"
    )
    if clock.watch_list_years:
        years = (
            f"{clock.first_year}-{placement.year}"
            if clock.watch_list_years > 1
            else str(placement.year)
        )
        head = (
            f"{name} {has} been on the Tier 2 Watch List for "
            f"{years_phrase(clock.watch_list_years)} ({years})"
        )
        used = (
            f" and {has} used {number_word(clock.waivers_used)} waiver"
            f"{'s' * (clock.waivers_used > 1)} of the automatic downgrade"
            if clock.waivers_used
            else ""
        )
        another = (
            f"A {ordinal(clock.watch_list_years + 1)} consecutive year on the Watch List in {nxt}"
        )
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
    after = f"{_years(clock.limit)} on it"
    if clock.downgraded_now:
        return (
            f"{name} {verb(placement.name, 'was', 'were')} downgraded to Tier 3 automatically in "
            f"{placement.year}. Should it return to the Watch List, the shorter limit applies: "
            f"after {after}, another Watch List year would bring the automatic downgrade."
        )
    shorter = (
        " (the shorter limit: it was once downgraded automatically)" if clock.reinstated else ""
    )
    return (
        f"{name} {is_} not on the Watch List, so no Watch List year counts toward the automatic "
        f"downgrade. Placed on it in {nxt}, it could stay for {_years(clock.limit)}{shorter} "
        "before another Watch List year brought the automatic downgrade."
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
    if not up:
        return f"{head}."
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
                f"{THRESHOLD_WORDS[margin.name]} of {show(margin.threshold)} ({margin.name})"
            )
    if not reasons:
        return f"{head}."
    return f"{head}: {'; '.join(reasons)}."


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
