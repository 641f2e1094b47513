"""The engine's result for one country: its tier and every fact that led to it."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from tierreport.model.fields import PlacementTier
from tierreport.model.sensitivity import EstimateSensitivity

Change = Literal["upgrade", "downgrade", "same", "new", "n/a"]
WatchListReason = Literal["indicators", "no_increasing_efforts"]


@dataclass(frozen=True)
class Placement:
    """The tier of one country and every fact that led to it (METHODOLOGY section 3)."""

    code: str
    name: str
    region: str
    computed_tier: PlacementTier
    final_tier: PlacementTier
    previous_tier: PlacementTier | None
    change: Change
    efforts_score: Decimal | None
    """Weighted mean of criterion scores; None for a special case."""
    fully_meets: bool
    significant_efforts: bool
    watch_list_reasons: tuple[WatchListReason, ...]
    auto_downgrade: bool
    waiver: bool
    override: bool
    cutoff_candidate: bool
    downgrade_risk_next_year: bool
    interim_assessment: bool
    rationale: tuple[str, ...]
    """Ordered plain-English steps that led to the tier, naming each threshold's parameter
    (``explain`` and the JSON print these)."""
    streak: int = 0
    """Consecutive Watch List years directly before the edition year."""
    limit: int = 0
    """Watch List years after which the automatic downgrade applies."""
    special_reason: str | None = None
    """Why an unranked country is a special case."""
    unassessed: tuple[str, ...] = ()
    """Ids of findings not yet assessed (drafts only); counted as not met."""
    year: int = 0
    """The edition year Y this placement is for (0 only in hand-built test records)."""
    rising_indicators: tuple[str, ...] = ()
    """Indicators (``smuggled_migrants``, ``deaths_and_disappearances``) that rose by at least
    ``significant_increase_pct`` percent from Y-1 to Y."""
    very_significant: bool = False
    """The numbers are very significant (Watch List indicators test): the desk officer's flag, or
    a figure for Y at or above its level (``very_significant_levels``)."""
    shortfalls: tuple[str, ...] = ()
    """Titles of the legal standards and effort criteria not met (or not assessed), in the
    standards file's order; the justification paragraph names the first few."""
    disqualifiers: tuple[str, ...] = ()
    """Titles of the disqualifiers found to apply, in the standards file's order."""
    waivers_used: int = 0
    """Waivers of the automatic downgrade already granted within the current Watch List streak."""
    very_significant_levels: tuple[str, ...] = ()
    """Indicators whose figure for Y reaches its very-significant level in the standards file."""
    estimate_sensitivity: tuple[EstimateSensitivity, ...] = ()
    """The numbers test re-run on each alternative estimate (METHODOLOGY 2c)."""
    printed_rationale: tuple[str, ...] = ()
    """The same steps as the report and the site print them: thresholds by their words and
    value, without parameter names, and real arrows (``tiering.terms``)."""

    @property
    def steps(self) -> tuple[str, ...]:
        """The steps as printed; the technical ones for a hand-built record that has no other."""
        return self.printed_rationale or self.rationale

    def contract(self) -> dict[str, Any]:
        """The object ``tierreport tiers --json`` prints for this country (EDITION-FORMAT)."""
        return {
            "code": self.code,
            "name": self.name,
            "region": self.region,
            "computed_tier": self.computed_tier,
            "final_tier": self.final_tier,
            "previous_tier": self.previous_tier,
            "change": self.change,
            "efforts_score": None if self.efforts_score is None else float(self.efforts_score),
            "fully_meets": self.fully_meets,
            "significant_efforts": self.significant_efforts,
            "watch_list_reasons": list(self.watch_list_reasons),
            "auto_downgrade": self.auto_downgrade,
            "waiver": self.waiver,
            "override": self.override,
            "cutoff_candidate": self.cutoff_candidate,
            "downgrade_risk_next_year": self.downgrade_risk_next_year,
            "interim_assessment": self.interim_assessment,
            "rationale": list(self.rationale),
            "estimate_sensitivity": [s.contract() for s in self.estimate_sensitivity],
        }
