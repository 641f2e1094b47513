"""The tier rules of METHODOLOGY section 2, as pure functions: a country in, a Placement out.

No I/O, no logging, no pandas. ``place`` walks the rules in the methodology's order and has
``rationale.Steps`` word each step it takes, so that ``explain``, the report and the tests all
read the same reasoning. Every number comes from the standards file; the facts it weighs
(efforts score, indicators, streaks) are computed exactly in ``scoring``.
"""

from __future__ import annotations

from tierreport.model import (
    TIER_ORDER,
    Change,
    Country,
    Edition,
    Placement,
    PlacementTier,
    Standards,
)
from tierreport.tiering.change import clock, finding_changes, followup, previous_efforts
from tierreport.tiering.decide import decide, setting_for
from tierreport.tiering.estimates import estimate_sensitivity
from tierreport.tiering.paths import margins, paths
from tierreport.tiering.rationale import Steps
from tierreport.tiering.scoring import efforts_score, finding_of, shortfalls, unassessed_ids


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


def place_all(edition: Edition) -> tuple[Placement, ...]:
    """The placement of every country of the edition, in the edition's order."""
    return tuple(place(country, edition.standards, edition.year) for country in edition.countries)


def place(
    country: Country, standards: Standards, year: int, *, sensitivity: bool = True
) -> Placement:
    """The tier of ``country`` in edition ``year`` and every fact and step that led to it.

    ``sensitivity=False`` leaves out the path search (METHODOLOGY 2c): ``path_up`` and
    ``path_down`` stay None and ``fragile`` False. ``check`` needs no paths, and a build would
    otherwise search them twice.
    """
    entry = country.history.get(year - 1)
    previous: PlacementTier | None = entry.tier if entry is not None else None
    steps = Steps(country, standards, year)
    if country.special_case is not None:
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
            rationale=steps.special(country.special_case.reason),
            printed_rationale=steps.printed(),
            special_reason=country.special_case.reason,
            year=year,
        )
    unassessed = unassessed_ids(country, standards)
    steps.unassessed(unassessed)
    score = efforts_score(country, standards)
    steps.score(score)
    legal_gaps = [
        s
        for s in standards.legal_standards
        if finding_of(country, "legal_standards", s.id) != "met"
    ]
    found = {d.id for d in country.disqualifiers}
    steps.legal(legal_gaps)
    steps.disqualifiers()
    progress_met = finding_of(country, "criteria", standards.progress_criterion.id) == "met"
    setting = setting_for(country, standards, year)
    # Steps 3-6 are decided by the one function the path search decides its variants with.
    outcome = decide(setting, score.value, not legal_gaps, bool(found), progress_met)
    fully_meets, significant = outcome.fully_meets, outcome.significant
    steps.fully_meets(fully_meets, legal_gaps, score)
    if not fully_meets:
        steps.significant(significant, score)
    reasons = outcome.reasons
    rising: tuple[str, ...] = ()
    levels: tuple[str, ...] = ()
    if significant and not fully_meets:
        rising, levels = setting.rising, setting.levels
        steps.indicators(setting.flagged, outcome.proportional, score)
        steps.progress(progress_met)
        steps.watch_list(reasons)

    streak, limit, used = setting.streak, setting.limit, setting.waivers_used
    auto_downgrade, waiver = outcome.auto_downgrade, outcome.waiver
    if reasons:
        steps.streak(streak, limit, setting.reinstated, outcome.due)
        if outcome.due:
            steps.waiver(used, waiver)
        elif country.waiver is not None:
            steps.waiver_not_needed()

    tier = outcome.tier
    computed = tier
    final: PlacementTier = computed
    override = False
    decision = country.decision
    if decision is not None:
        # A Watch List year the office decides counts toward the streak like a computed one, so
        # the automatic downgrade, and its waiver, bind the decision too (the statutory limit).
        decided_watch = decision.tier == "2WL" and computed != "2WL"
        past_limit = decided_watch and not auto_downgrade and len(streak) >= limit
        if past_limit:
            waiver = setting.waiver_available
        refused = (decision.tier == "1" and not fully_meets) or (
            decided_watch and (auto_downgrade or (past_limit and not waiver))
        )
        steps.decision(decision.tier, computed, refused, len(streak), limit, past_limit and waiver)
        if not refused and decision.tier != computed:
            final, override = decision.tier, True

    change = change_between(previous, final)
    steps.change(previous, final, change)
    risk = final == "2WL" and len(streak) + 1 >= limit
    interim = final == "2WL" or (change == "upgrade" and (previous == "3" or final == "1"))
    steps.flags(final, streak, limit, risk, interim, previous, used + int(waiver))
    previous_score, added, dropped = previous_efforts(country, standards, year)
    up, down = paths(country, standards, setting, computed) if sensitivity else (None, None)
    return Placement(
        code=country.code,
        name=country.name,
        region=country.region,
        computed_tier=computed,
        final_tier=final,
        previous_tier=previous,
        change=change,
        efforts_score=score.decimal,
        fully_meets=fully_meets,
        significant_efforts=significant,
        watch_list_reasons=tuple(reasons),
        auto_downgrade=auto_downgrade,
        waiver=waiver,
        override=override,
        cutoff_candidate=final == "3",
        downgrade_risk_next_year=risk,
        interim_assessment=interim,
        rationale=steps.done(),
        printed_rationale=steps.printed(),
        streak=len(streak),
        limit=limit,
        unassessed=unassessed,
        year=year,
        rising_indicators=rising,
        very_significant=country.indicators.very_significant or bool(levels),
        very_significant_levels=levels,
        shortfalls=shortfalls(country, standards),
        disqualifiers=tuple(d.title for d in standards.disqualifiers if d.id in found),
        waivers_used=used,
        disqualifier_ids=tuple(d.id for d in standards.disqualifiers if d.id in found),
        legal_gaps=tuple(s.id for s in legal_gaps),
        previous_efforts_score=None if previous_score is None else previous_score.decimal,
        criteria_added=added,
        criteria_dropped=dropped,
        finding_changes=finding_changes(country, standards, year),
        followup=followup(country),
        clock=clock(setting, standards, year, final, waiver, auto_downgrade),
        margins=margins(setting, score.value, outcome),
        path_up=up,
        path_down=down,
        path_max_changes=standards.thresholds.path_max_changes,
        fragile=any(len(p.steps) == 1 for p in (*(up or ()), *(down or ()))),
        estimate_sensitivity=estimate_sensitivity(country, standards, year),
    )
