"""The rationale's later steps: the Watch List limit, waivers, decisions, change and lists.

``rationale.Steps`` words the computation up to the Watch List tests and inherits these, which
word what follows the base tier (METHODOLOGY section 2 steps 6 and 7, and section 3).
"""

from __future__ import annotations

from collections.abc import Sequence

from tierreport.model import TIER_LABELS, Country, PlacementTier, Thresholds
from tierreport.tiering.scoring import count_of, listing
from tierreport.tiering.terms import arrow, code_name

TO = arrow()
"""The arrow from a test to its outcome in a step (``terms`` writes it for each register)."""


def run_of(number: int, noun: str) -> str:
    """``1 year``, ``2 consecutive years``: "consecutive" only where there is a run."""
    return f"1 {noun}" if number == 1 else f"{number} consecutive {noun}s"


class OutcomeSteps:
    """Steps 6-7 and the flags, for a ``Steps`` that holds the country and its lines."""

    country: Country
    limits: Thresholds
    year: int
    lines: list[str]

    def streak(self, streak: Sequence[int], limit: int, reinstated: int | None, due: bool) -> None:
        """Step 6: the Watch List years before this one against the limit."""
        before = self.year - 1
        if streak:
            years = listing([str(y) for y in sorted(streak)])
            head = (
                f"Watch List history: on Tier 2 Watch List for "
                f"{run_of(len(streak), 'year')} directly before {self.year} "
                f"({years})"
            )
        else:
            last = self.country.history_tier(before)
            was = TIER_LABELS[last] if last else "no published tier"
            head = f"Watch List history: {was} in {before}, so no Watch List streak"
        if reinstated is None:
            rule = (
                f"the limit is {count_of(limit, 'year')}"
                f"{code_name(' (watch_list_years_before_downgrade)')}"
            )
        else:
            rule = (
                f"the limit is {count_of(limit, 'year')}"
                f"{code_name(' (reinstated_watch_list_years)')} because the country was "
                f"automatically downgraded in {reinstated}"
            )
        if due:
            self.lines.append(
                f"{head}; {rule}, now reached{TO}the automatic downgrade to "
                "Tier 3 is due unless a waiver is granted."
            )
        else:
            self.lines.append(f"{head}; {rule}, not reached{TO}no automatic downgrade.")

    def waiver(self, used: int, granted: bool) -> None:
        """Step 6: whether a waiver stops the due downgrade."""
        request, allowed = self.country.waiver, self.limits.waiver_years
        budget = (
            f"{used} of the {count_of(allowed, 'waiver')} one streak may use"
            f"{code_name(' (waiver_years)')}"
        )
        if granted:
            self.lines.append(
                f"Waiver granted: requested with a written plan, and the streak "
                f"has used {budget}{TO}remains on Tier 2 Watch List."
            )
        elif request is None:
            self.lines.append(f"No waiver was requested{TO}Tier 3 by automatic downgrade.")
        elif not request.written_plan:
            self.lines.append(
                "A waiver was requested without a written plan, so it cannot be "
                f"granted{TO}Tier 3 by automatic downgrade."
            )
        else:
            granted_in = [
                str(y)
                for y in sorted(self.country.history)
                if y < self.year and self.country.history[y].waiver
            ]
            years = f", granted in {listing(granted_in[-used:])}" if used else ""
            self.lines.append(
                f"A waiver was requested, but the streak has already used "
                f"{budget}{years}{TO}Tier 3 by automatic downgrade."
            )

    def waiver_not_needed(self) -> None:
        """A waiver requested when no downgrade is due."""
        self.lines.append(
            "A waiver was requested, but no downgrade is due this year, so it is ignored."
        )

    def decision(
        self, tier: str, computed: PlacementTier, refused: bool, streak: int, limit: int,
        waived: bool,
    ) -> None:  # fmt: skip
        """Step 7: the office's decision and its statutory limits."""
        decided, was = TIER_LABELS[tier], TIER_LABELS[computed]
        if refused and tier == "1":
            self.lines.append(
                f"The office's decision for {decided} is not applied: Tier 1 "
                f"requires full compliance with the minimum standards{TO}{was}."
            )
        elif refused:
            self.lines.append(
                f"The office's decision for {decided} is not applied: it would follow "
                f"{run_of(streak, 'Watch List year')}, at least the limit of {limit}, and no "
                f"waiver was granted, so the automatic downgrade to Tier 3 applies{TO}{was}."
            )
        elif tier == computed:
            self.lines.append(f"The office's decision for {decided} confirms the computed tier.")
        else:
            waiver = (
                f"; as it follows {run_of(streak, 'Watch List year')}, at least the limit of "
                f"{limit}, the waiver requested with a written plan is granted"
                if waived
                else ""
            )
            public = self.country.decision.public_justification if self.country.decision else None
            reason = (
                f"; the office's reason: {public.strip()}"
                if public
                else "; the public justification is not yet written"
            )
            self.lines.append(
                f"Decision override: the office placed the country on {decided} "
                f"rather than the computed {was}{waiver}{reason}"
                f"{'' if reason.endswith(('.', '!', '?')) else '.'}"
            )

    def change(self, previous: PlacementTier | None, final: PlacementTier, change: str) -> None:
        """The tier change against the published tier of Y-1."""
        before = self.year - 1
        if previous is None:
            self.lines.append(f"Change: no published tier for {before}{TO}new to the report.")
        elif previous == "special":
            self.lines.append(
                f"Change: a Special Case in {before}, so there is no tier to compare with{TO}n/a."
            )
        else:
            outcome = {"upgrade": "upgrade", "downgrade": "downgrade", "same": "unchanged"}[change]
            self.lines.append(
                f"Change: {TIER_LABELS[previous]} in {before}, "
                f"{TIER_LABELS[final]} in {self.year}{TO}{outcome}."
            )

    def flags(
        self,
        final: PlacementTier,
        streak: Sequence[int],
        limit: int,
        risk: bool,
        interim: bool,
        previous: PlacementTier | None,
        waivers_spent: int,
    ) -> None:
        """The lists the placement puts the country on.

        ``waivers_spent`` counts this year's granted waiver too: next year's streak includes it.
        """
        if final == "3":
            self.lines.append(
                "Assistance cutoff candidate: Tier 3 governments may face "
                "restrictions on non-humanitarian, non-trade-related assistance "
                "in the next fiscal year."
            )
        if risk:
            left = self.limits.waiver_years - waivers_spent
            waiver = (
                f"unless a waiver is granted ({count_of(left, 'waiver')} left in this streak)"
                if left > 0
                else "with no waiver left in this streak"
            )
            self.lines.append(
                f"Downgrade risk: a Tier 2 Watch List result in {self.year + 1} would follow "
                f"{run_of(len(streak) + 1, 'Watch List year')}, at least the limit "
                f"of {limit}{TO}automatic downgrade {waiver}."
            )
        if interim:
            if final == "2WL":
                why = "on Tier 2 Watch List"
            elif previous == "3":
                why = "upgraded from Tier 3"
            else:
                why = "upgraded to Tier 1"
            self.lines.append(
                f"Interim assessment: {why}, the country is assessed again by "
                f"1 February {self.year + 1}."
            )
