"""Steps 3-6 of METHODOLOGY section 2 as one lean function: four facts in, the computed tier out.

``tiering.place`` and the path search of ``paths`` both decide through ``decide``, so that a
tier computed for the report and a tier computed for a variant of the findings can never
disagree. What stays fixed across the variants of one country (thresholds, the indicators'
first condition, the Watch List history and the waiver request) is its ``Setting``; what a
change of findings can move is the efforts score, whether every legal standard is met, whether
a disqualifier applies and whether the progress criterion is met. No rationale is built here:
``place`` words the steps from the ``Outcome``.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import NamedTuple

from tierreport.model import Country, PlacementTier, Standards, WatchListReason
from tierreport.tiering.scoring import (
    downgrade_limit,
    rising_indicators,
    very_significant_levels,
    watch_list_streak,
)


@dataclass(frozen=True)
class Setting:
    """The inputs of steps 3-6 that no finding changes, for one country and edition year."""

    tier1_min_efforts: Fraction
    significant_efforts_min: Fraction
    proportional_action_min: Fraction
    flagged: bool
    """The numbers are very significant (the desk officer's flag or an absolute level) or an
    indicator rose significantly (step 5, first condition of the indicators test)."""
    rising: tuple[str, ...]
    """The indicators that rose significantly from Y-1 to Y (from 0 too, where the standards
    file sets ``significant_increase_from_zero``)."""
    levels: tuple[str, ...]
    """The indicators whose figure for Y reaches its very-significant level."""
    streak: tuple[int, ...]
    """The years of the unbroken Watch List run directly before Y, latest first."""
    limit: int
    """Watch List years allowed before the automatic downgrade."""
    reinstated: int | None
    """The latest year of an automatic downgrade, when the shorter limit applies."""
    waivers_used: int
    """Waivers already granted within the streak."""
    waiver_available: bool
    """A waiver is requested with a written plan and the streak has one left."""


class Outcome(NamedTuple):
    """What steps 3-6 decided for one set of findings."""

    fully_meets: bool
    significant: bool
    proportional: bool
    """The score meets ``proportional_action_min`` (weighed only on base Tier 2)."""
    reasons: tuple[WatchListReason, ...]
    due: bool
    """The automatic downgrade is due (a Watch List result at the limit)."""
    waiver: bool
    auto_downgrade: bool
    tier: PlacementTier


def setting_for(country: Country, standards: Standards, year: int) -> Setting:
    """The fixed inputs of ``country``'s placement in edition ``year``."""
    limits = standards.thresholds
    rising = rising_indicators(country, limits, year)
    levels = very_significant_levels(country, limits, year)
    streak = watch_list_streak(country, year)
    limit, reinstated = downgrade_limit(country, limits, year)
    used = sum(1 for y in streak if country.history[y].waiver)
    request = country.waiver
    return Setting(
        tier1_min_efforts=Fraction(limits.tier1_min_efforts),
        significant_efforts_min=Fraction(limits.significant_efforts_min),
        proportional_action_min=Fraction(limits.proportional_action_min),
        flagged=country.indicators.very_significant or bool(levels) or bool(rising),
        rising=rising,
        levels=levels,
        streak=streak,
        limit=limit,
        reinstated=reinstated,
        waivers_used=used,
        waiver_available=request is not None
        and request.written_plan
        and used < limits.waiver_years,
    )


def decide(
    setting: Setting, score: Fraction, legal_met: bool, disqualified: bool, progress_met: bool
) -> Outcome:
    """Steps 3-6: full compliance, significant efforts, the Watch List tests and the downgrade.

    ``score`` is the efforts score; ``legal_met`` whether every legal standard is met;
    ``disqualified`` whether any disqualifier applies; ``progress_met`` whether the progress
    criterion is met. Every comparison is ``>=`` on exact fractions.
    """
    fully = legal_met and score >= setting.tier1_min_efforts and not disqualified
    significant = fully or (score >= setting.significant_efforts_min and not disqualified)
    tier: PlacementTier = "1" if fully else "2" if significant else "3"
    proportional = score >= setting.proportional_action_min
    reasons: tuple[WatchListReason, ...] = ()
    if tier == "2":
        if setting.flagged and not proportional:
            reasons += ("indicators",)
        if not progress_met:
            reasons += ("no_increasing_efforts",)
        if reasons:
            tier = "2WL"
    due = waiver = auto_downgrade = False
    if tier == "2WL":
        due = len(setting.streak) >= setting.limit
        if due:
            waiver = setting.waiver_available
            auto_downgrade = not waiver
            if auto_downgrade:
                tier = "3"
    return Outcome(fully, significant, proportional, reasons, due, waiver, auto_downgrade, tier)
