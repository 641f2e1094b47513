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
    WatchListReason,
)
from tierreport.tiering.estimates import estimate_sensitivity
from tierreport.tiering.rationale import Steps
from tierreport.tiering.scoring import (
    downgrade_limit,
    efforts_score,
    finding_of,
    rising_indicators,
    shortfalls,
    unassessed_ids,
    very_significant_levels,
    watch_list_streak,
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


def place_all(edition: Edition) -> tuple[Placement, ...]:
    """The placement of every country of the edition, in the edition's order."""
    return tuple(place(country, edition.standards, edition.year) for country in edition.countries)


def place(country: Country, standards: Standards, year: int) -> Placement:
    """The tier of ``country`` in edition ``year`` and every fact and step that led to it."""
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
    limits = standards.thresholds
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
    disqualified = bool(found)
    steps.legal(legal_gaps)
    steps.disqualifiers()
    fully_meets = not legal_gaps and score.meets(limits.tier1_min_efforts) and not disqualified
    significant = fully_meets or (score.meets(limits.significant_efforts_min) and not disqualified)
    steps.fully_meets(fully_meets, legal_gaps, score)
    tier: PlacementTier = "1" if fully_meets else "2" if significant else "3"
    if not fully_meets:
        steps.significant(significant, score)

    reasons: list[WatchListReason] = []
    rising: tuple[str, ...] = ()
    levels: tuple[str, ...] = ()
    if tier == "2":
        rising = rising_indicators(country, limits, year)
        levels = very_significant_levels(country, limits, year)
        flagged = country.indicators.very_significant or bool(levels) or bool(rising)
        proportional = score.meets(limits.proportional_action_min)
        steps.indicators(flagged, proportional, score)
        if flagged and not proportional:
            reasons.append("indicators")
        progress = standards.progress_criterion
        progress_met = finding_of(country, "criteria", progress.id) == "met"
        steps.progress(progress_met)
        if not progress_met:
            reasons.append("no_increasing_efforts")
        steps.watch_list(reasons)
        if reasons:
            tier = "2WL"

    streak = watch_list_streak(country, year)
    limit, reinstated = downgrade_limit(country, limits, year)
    used = sum(1 for y in streak if country.history[y].waiver)
    auto_downgrade = waiver = False
    if tier == "2WL":
        due = len(streak) >= limit
        steps.streak(streak, limit, reinstated, due)
        if due:
            waiver = waiver_granted(country, used, standards)
            auto_downgrade = not waiver
            steps.waiver(used, waiver)
            if auto_downgrade:
                tier = "3"
        elif country.waiver is not None:
            steps.waiver_not_needed()

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
            waiver = waiver_granted(country, used, standards)
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
        estimate_sensitivity=estimate_sensitivity(country, standards, year),
    )


def waiver_granted(country: Country, used: int, standards: Standards) -> bool:
    """Whether a due downgrade is waived: requested with a written plan, and one is left."""
    request = country.waiver
    return request is not None and request.written_plan and used < standards.thresholds.waiver_years
