"""The tier rules of METHODOLOGY section 2, as pure functions: a country in, a Placement out.

No I/O, no logging, no pandas. ``place`` walks the rules in the methodology's order and has
``rationale.Steps`` word each step it takes, so that ``explain``, the report and the tests all
read the same reasoning. Every number comes from the standards file; the facts it weighs
(efforts score, indicators, streaks) are computed exactly in ``scoring``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from tierreport.model import (
    TIER_ORDER,
    Change,
    Country,
    Edition,
    LegalStandard,
    Placement,
    PlacementTier,
    Standards,
)
from tierreport.tiering.change import clock, finding_changes, followup, previous_efforts
from tierreport.tiering.decide import Outcome, Setting, decide, setting_for
from tierreport.tiering.estimates import estimate_sensitivity
from tierreport.tiering.paths import margins, paths
from tierreport.tiering.rationale import Steps
from tierreport.tiering.scoring import (
    Score,
    efforts_score,
    finding_of,
    shortfalls,
    unassessed_ids,
)


def change_between(previous: PlacementTier | None, final: PlacementTier) -> Change:
    """How the final tier compares with last year's (order 1 > 2 > 2WL > 3).

    A Special Case on either side has no tier to compare with, so the change is ``n/a``.
    """
    if final == "special":
        return "n/a"
    if previous is None:
        return "new"
    if previous == "special":
        return "n/a"
    if TIER_ORDER[final] < TIER_ORDER[previous]:
        return "upgrade"
    if TIER_ORDER[final] > TIER_ORDER[previous]:
        return "downgrade"
    return "same"


def place_all(edition: Edition, *, sensitivity: bool = True) -> tuple[Placement, ...]:
    """The placement of every country of the edition, in the edition's order (``sensitivity``:
    as ``place``)."""
    return tuple(
        place(country, edition.standards, edition.year, sensitivity=sensitivity)
        for country in edition.countries
    )


def place(
    country: Country, standards: Standards, year: int, *, sensitivity: bool = True
) -> Placement:
    """The tier of ``country`` in edition ``year`` and every fact and step that led to it.

    Reads as METHODOLOGY section 2, one helper per step in the rule book's order. Steps 3-6 are
    decided at once by ``decide``, the one function the path search decides its variants with,
    and their helpers word what it decided. ``sensitivity=False`` leaves out the path search
    (METHODOLOGY 2c): ``path_up`` and ``path_down`` stay None and ``fragile`` False. ``check``
    needs no paths, and a build would otherwise search them twice.
    """
    steps = Steps(country, standards, year)
    entry = country.history.get(year - 1)
    previous: PlacementTier | None = entry.tier if entry is not None else None
    if country.special_case is not None:
        return _special_case(country, year, previous, country.special_case.reason, steps)
    found = _efforts_score(country, standards, steps)
    setting = setting_for(country, standards, year)
    outcome = decide(
        setting, found.score.value, not found.legal_gaps, bool(found.disqualified), found.progress
    )
    _fully_meets(found, outcome, steps)
    _significant_efforts(found, outcome, steps)
    _watch_list(found, setting, outcome, steps)
    _automatic_downgrade(country, setting, outcome, steps)
    verdict = _decision_override(country, setting, outcome, steps)
    flags = _change_and_flags(previous, setting, verdict, steps)
    return _placement(country, standards, year, steps, found, setting, verdict, flags, sensitivity)


@dataclass(frozen=True)
class _Findings:
    """What step 2 reads from the findings: the facts of steps 3-6 that a finding can move."""

    unassessed: tuple[str, ...]
    """Ids of the findings a draft has not assessed yet (each counts as not met)."""
    score: Score
    legal_gaps: tuple[LegalStandard, ...]
    """The legal standards not met, in the standards file's order."""
    disqualified: frozenset[str]
    """Ids of the disqualifiers found to apply."""
    progress: bool
    """The progress criterion is met (step 5, second test)."""


class _Verdict(NamedTuple):
    """The computed tier's outcome and what step 7 makes of it."""

    outcome: Outcome
    final: PlacementTier
    override: bool
    waiver: bool
    """A waiver of the automatic downgrade is granted (by step 6, or for a decided Watch List)."""


class _Flags(NamedTuple):
    """Section 3: the change since Y-1 and the lists the final tier puts the country on."""

    previous: PlacementTier | None
    change: Change
    risk: bool
    """Another Watch List year would trigger the automatic downgrade."""
    interim: bool
    """The country is assessed again by 1 February (the Special Watch List)."""


def _special_case(
    country: Country, year: int, previous: PlacementTier | None, reason: str, steps: Steps
) -> Placement:
    """Step 1: a Special Case is not ranked, so nothing else applies (no change, no cutoff)."""
    return Placement(
        code=country.code,
        name=country.name,
        region=country.region,
        computed_tier="special",
        final_tier="special",
        previous_tier=previous,
        change="n/a",
        efforts_score=None,
        fully_meets=False,
        significant_efforts=False,
        watch_list_reasons=(),
        auto_downgrade=False,
        waiver=False,
        override=False,
        cutoff_candidate=False,
        downgrade_risk_next_year=False,
        interim_assessment=False,
        rationale=steps.special(reason),
        printed_rationale=steps.printed(),
        special_reason=reason,
        year=year,
    )


def _efforts_score(country: Country, standards: Standards, steps: Steps) -> _Findings:
    """Step 2: the efforts score, then the legal standards and disqualifiers steps 3-4 weigh."""
    unassessed = unassessed_ids(country, standards)
    steps.unassessed(unassessed)
    score = efforts_score(country, standards)
    steps.score(score)
    legal_gaps = tuple(
        s
        for s in standards.legal_standards
        if finding_of(country, "legal_standards", s.id) != "met"
    )
    steps.legal(legal_gaps)
    steps.disqualifiers()
    progress = finding_of(country, "criteria", standards.progress_criterion.id) == "met"
    disqualified = frozenset(d.id for d in country.disqualifiers)
    return _Findings(unassessed, score, legal_gaps, disqualified, progress)


def _fully_meets(found: _Findings, outcome: Outcome, steps: Steps) -> None:
    """Step 3: every legal standard met, the Tier 1 score and no disqualifier -> Tier 1."""
    steps.fully_meets(outcome.fully_meets, found.legal_gaps, found.score)


def _significant_efforts(found: _Findings, outcome: Outcome, steps: Steps) -> None:
    """Step 4, for a country that does not fully meet: Tier 2 on significant efforts, else 3."""
    if not outcome.fully_meets:
        steps.significant(outcome.significant, found.score)


def _weighs_watch_list(outcome: Outcome) -> bool:
    """Whether step 5 applies: only a base Tier 2 is tested for the Watch List."""
    return outcome.significant and not outcome.fully_meets


def _watch_list(found: _Findings, setting: Setting, outcome: Outcome, steps: Steps) -> None:
    """Step 5: the indicators test, the increasing-efforts test and their outcome."""
    if _weighs_watch_list(outcome):
        steps.indicators(setting.flagged, outcome.proportional, found.score)
        steps.progress(found.progress)
        steps.watch_list(outcome.reasons)


def _automatic_downgrade(
    country: Country, setting: Setting, outcome: Outcome, steps: Steps
) -> None:
    """Step 6, for a Watch List result: the streak against the limit, and any waiver."""
    if not outcome.reasons:
        return
    steps.streak(setting.streak, setting.limit, setting.reinstated, outcome.due)
    if outcome.due:
        steps.waiver(setting.waivers_used, outcome.waiver)
    elif country.waiver is not None:
        steps.waiver_not_needed()


def _decision_override(
    country: Country, setting: Setting, outcome: Outcome, steps: Steps
) -> _Verdict:
    """Step 7: the office's decision replaces the computed tier, within the statutory limits."""
    computed, decision = outcome.tier, country.decision
    verdict = _Verdict(outcome, computed, override=False, waiver=outcome.waiver)
    if decision is None:
        return verdict
    streak, limit = len(setting.streak), setting.limit
    # A Watch List year the office decides counts toward the streak like a computed one, so
    # the automatic downgrade, and its waiver, bind the decision too (the statutory limit).
    decided_watch = decision.tier == "2WL" and computed != "2WL"
    past_limit = decided_watch and not outcome.auto_downgrade and streak >= limit
    waiver = setting.waiver_available if past_limit else outcome.waiver
    refused = (decision.tier == "1" and not outcome.fully_meets) or (
        decided_watch and (outcome.auto_downgrade or (past_limit and not waiver))
    )
    steps.decision(decision.tier, computed, refused, streak, limit, past_limit and waiver)
    if not refused and decision.tier != computed:
        return verdict._replace(final=decision.tier, override=True, waiver=waiver)
    return verdict._replace(waiver=waiver)


def _change_and_flags(
    previous: PlacementTier | None, setting: Setting, verdict: _Verdict, steps: Steps
) -> _Flags:
    """Section 3: the change since Y-1, the downgrade risk and the interim assessment."""
    final, streak, limit = verdict.final, setting.streak, setting.limit
    change = change_between(previous, final)
    steps.change(previous, final, change)
    risk = final == "2WL" and len(streak) + 1 >= limit
    interim = final == "2WL" or (change == "upgrade" and (previous == "3" or final == "1"))
    spent = setting.waivers_used + int(verdict.waiver)
    steps.flags(final, streak, limit, risk, interim, previous, spent)
    return _Flags(previous, change, risk, interim)


def _placement(
    country: Country,
    standards: Standards,
    year: int,
    steps: Steps,
    found: _Findings,
    setting: Setting,
    verdict: _Verdict,
    flags: _Flags,
    sensitivity: bool,
) -> Placement:
    """The record of section 3, with the change since Y-1 (2b) and the sensitivity (2c)."""
    outcome, final, waiver = verdict.outcome, verdict.final, verdict.waiver
    score, found_ids = found.score, found.disqualified
    weighed = _weighs_watch_list(outcome)
    rising, levels = (setting.rising, setting.levels) if weighed else ((), ())
    previous_score, added, dropped = previous_efforts(country, standards, year)
    up, down = paths(country, standards, setting, outcome.tier) if sensitivity else (None, None)
    return Placement(
        code=country.code,
        name=country.name,
        region=country.region,
        computed_tier=outcome.tier,
        final_tier=final,
        previous_tier=flags.previous,
        change=flags.change,
        efforts_score=score.decimal,
        fully_meets=outcome.fully_meets,
        significant_efforts=outcome.significant,
        watch_list_reasons=tuple(outcome.reasons),
        auto_downgrade=outcome.auto_downgrade,
        waiver=waiver,
        override=verdict.override,
        cutoff_candidate=final == "3",
        downgrade_risk_next_year=flags.risk,
        interim_assessment=flags.interim,
        rationale=steps.done(),
        printed_rationale=steps.printed(),
        streak=len(setting.streak),
        limit=setting.limit,
        unassessed=found.unassessed,
        year=year,
        rising_indicators=rising,
        very_significant=country.indicators.very_significant or bool(levels),
        very_significant_levels=levels,
        shortfalls=shortfalls(country, standards),
        disqualifiers=tuple(d.title for d in standards.disqualifiers if d.id in found_ids),
        waivers_used=setting.waivers_used,
        disqualifier_ids=tuple(d.id for d in standards.disqualifiers if d.id in found_ids),
        legal_gaps=tuple(s.id for s in found.legal_gaps),
        previous_efforts_score=None if previous_score is None else previous_score.decimal,
        criteria_added=added,
        criteria_dropped=dropped,
        finding_changes=finding_changes(country, standards, year),
        followup=followup(country),
        clock=clock(setting, standards, year, final, waiver, outcome.auto_downgrade),
        margins=margins(setting, score.value, outcome),
        path_up=up,
        path_down=down,
        path_max_changes=standards.thresholds.path_max_changes,
        fragile=any(len(p.steps) == 1 for p in (*(up or ()), *(down or ()))),
        estimate_sensitivity=estimate_sensitivity(country, standards, year),
    )
