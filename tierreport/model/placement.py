"""The engine's result for one country: its tier and every fact that led to it."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal, NamedTuple

from tierreport.model.country import FollowupAssessment, FollowupItem
from tierreport.model.fields import PlacementTier
from tierreport.model.sensitivity import EstimateSensitivity

Change = Literal["upgrade", "downgrade", "same", "new", "n/a"]
WatchListReason = Literal["indicators", "no_increasing_efforts"]
Direction = Literal["improved", "worsened", "changed"]


def _number(value: Fraction | Decimal | None) -> float | None:
    """An exact value as a JSON number (None stays null)."""
    return None if value is None else float(value)


class Margin(NamedTuple):
    """How far the efforts score is from one threshold it was compared with (METHODOLOGY 2c)."""

    name: str
    """The threshold's name in the standards file."""
    threshold: Fraction
    difference: Fraction
    """Score minus threshold, exactly: negative when the score falls short."""


@dataclass(frozen=True)
class FindingChange:
    """A standard, criterion or disqualifier whose finding differs from Y-1's (METHODOLOGY 2b)."""

    id: str
    title: str
    old: str | None
    """Y-1's finding; for a disqualifier ``applies``, or None where it did not apply."""
    new: str | None
    """This year's finding, in the same terms."""
    direction: Direction
    """``improved`` or ``worsened`` (met > partial > not_met; a disqualifier removed or found),
    ``changed`` when either side is ``not_applicable``."""

    def contract(self) -> dict[str, Any]:
        """The change as ``tiers --json`` prints it."""
        return {"id": self.id, "old": self.old, "new": self.new, "direction": self.direction}


@dataclass(frozen=True)
class Followup:
    """The follow-up of the previous edition, scored as the G7 Research Group scores compliance.

    Each assessed item scores ``implemented`` +1, ``partial`` 0, ``not_implemented`` -1; the
    score is their mean (-1 to +1), the percentage (mean + 1) / 2 x 100.
    """

    items: tuple[FollowupItem, ...]

    def count(self, assessment: FollowupAssessment) -> int:
        """How many items have this assessment."""
        return sum(1 for i in self.items if i.assessment == assessment)

    @property
    def assessed(self) -> int:
        """Items with an assessment (unassessed ones do not enter the score)."""
        return len(self.items) - self.count("unassessed")

    @property
    def score(self) -> Fraction | None:
        """The mean of the assessed items' scores; None when none is assessed."""
        if not self.assessed:
            return None
        total = self.count("implemented") - self.count("not_implemented")
        return Fraction(total, self.assessed)

    @property
    def percentage(self) -> Fraction | None:
        """(score + 1) / 2 x 100; None when no item is assessed."""
        score = self.score
        return None if score is None else (score + 1) * 50


@dataclass(frozen=True)
class Clock:
    """The statutory clock after this year: where the country stands against the downgrade."""

    watch_list_years: int
    """Consecutive Watch List years up to and including this one (0 when not on it)."""
    first_year: int | None
    """The first year of that run; None when not on the Watch List."""
    limit: int
    """Watch List years allowed before the automatic downgrade, for next year's placement."""
    reinstated: bool
    """The shorter limit applies (the country was once downgraded automatically)."""
    waivers_used: int
    """Waivers granted within the current run, this year's included."""
    waivers_left: int
    """Waivers the run may still use (``waiver_years`` minus those used, at least 0)."""
    downgrade_due_next_year: bool
    """Another Watch List year would bring the automatic downgrade."""
    downgraded_now: bool
    """This year's published Tier 3 came from the automatic downgrade."""

    def contract(self) -> dict[str, Any]:
        """The clock as ``tiers --json`` prints it."""
        return {
            "watch_list_years": self.watch_list_years,
            "limit": self.limit,
            "waivers_used": self.waivers_used,
            "waivers_left": self.waivers_left,
            "downgrade_due_next_year": self.downgrade_due_next_year,
        }


@dataclass(frozen=True)
class Step:
    """A one-step change of one finding (METHODOLOGY 2c)."""

    id: str
    old: str
    """The finding before the step (``applies`` for a disqualifier)."""
    new: str
    """The finding after it (``removed`` for a disqualifier)."""
    title: str = ""
    """The standard's, criterion's or disqualifier's title, for the sentences."""

    def contract(self) -> dict[str, Any]:
        """The step as ``tiers --json`` prints it."""
        return {"id": self.id, "from": self.old, "to": self.new}


@dataclass(frozen=True)
class PathSet:
    """A minimal set of one-step changes and the computed tier it reaches."""

    steps: tuple[Step, ...]
    """In order of the ids (the standards file's order; two steps on one criterion in turn)."""
    tier: PlacementTier

    def contract(self) -> dict[str, Any]:
        """The set as ``tiers --json`` prints it."""
        return {"steps": [s.contract() for s in self.steps], "tier": self.tier}


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

    disqualifier_ids: tuple[str, ...] = ()
    """Ids of the disqualifiers found to apply, in the standards file's order."""
    legal_gaps: tuple[str, ...] = ()
    """Ids of the legal standards not met (or not assessed), in the standards file's order."""
    previous_efforts_score: Decimal | None = None
    """Y-1's findings scored with this edition's scores and weights, over the criteria present
    in both years; None when history has no findings for Y-1 (METHODOLOGY 2b)."""
    criteria_added: tuple[str, ...] = ()
    """Criteria of this edition that Y-1's findings do not have."""
    criteria_dropped: tuple[str, ...] = ()
    """Ids in Y-1's findings that this edition's standards file no longer has."""
    finding_changes: tuple[FindingChange, ...] = ()
    """Every finding that differs from Y-1's, in the standards file's order."""
    followup: Followup | None = None
    """The follow-up of the previous edition; None for a Special Case."""
    clock: Clock | None = None
    """The statutory clock; None for a Special Case."""
    margins: tuple[Margin, ...] = ()
    """Score minus threshold for each threshold the score was compared with, in the rules'
    order."""
    path_up: tuple[PathSet, ...] | None = None
    """The minimal sets of one-step improvements that give a better computed tier (at most
    five, in order of the ids); empty when none within ``path_max_changes``; None for a
    Special Case, or when ``place`` was asked for no paths (METHODOLOGY 2c)."""
    path_down: tuple[PathSet, ...] | None = None
    """The same for worsening steps and a worse computed tier."""
    path_max_changes: int = 0
    """The most changes a path may have (``path_max_changes``, default 3)."""
    fragile: bool = False
    """A single one-step change, either way, changes the computed tier."""

    @property
    def followup_score(self) -> Fraction | None:
        """The follow-up score (-1 to +1); None when no item is assessed."""
        return None if self.followup is None else self.followup.score

    @property
    def criteria_changed(self) -> bool:
        """Whether Y-1's findings and this edition cover different criteria."""
        return bool(self.criteria_added or self.criteria_dropped)

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
            "previous_efforts_score": _number(self.previous_efforts_score),
            "criteria_changed": self.criteria_changed,
            "finding_changes": [c.contract() for c in self.finding_changes],
            "followup_score": _number(self.followup_score),
            "statutory_clock": None if self.clock is None else self.clock.contract(),
            "margins": {m.name: float(m.difference) for m in self.margins},
            "path_up": _paths(self.path_up),
            "path_down": _paths(self.path_down),
            "fragile": self.fragile,
            "estimate_sensitivity": [s.contract() for s in self.estimate_sensitivity],
        }


def _paths(found: tuple[PathSet, ...] | None) -> list[dict[str, Any]] | None:
    return None if found is None else [p.contract() for p in found]
