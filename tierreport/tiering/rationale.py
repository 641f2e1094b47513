"""The rationale: each step of the tier rules as one plain-English sentence, in order.

``tiering.place`` decides; this module only words what it decided, citing the findings (ids and
titles), the thresholds by name and value, and the history years used, so that a reader can
check every placement against the standards file (the GAO's criticism of the TIP Report was that
tier decisions were not explained). One ``Steps`` collects them all, in the methodology's order:
the score and the base tier, the Watch List tests, the limit and waivers, the decision, the
change and the flags (one idea, so one class, however long).
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from tierreport.model import (
    TIER_LABELS,
    Country,
    LegalStandard,
    PlacementTier,
    Standards,
    WatchListReason,
)
from tierreport.tiering.scoring import (
    LEVELS,
    Score,
    count_of,
    finding_of,
    indicator_figures,
    level_of,
    listing,
    reaches_level,
    rises_significantly,
    score_text,
    show,
)
from tierreport.tiering.terms import arrow, code_name, printed, technical
from tierreport.wording import FINDING_WORDS, INDICATOR_NOUNS, THRESHOLD_WORDS

WATCH_LIST_WORDS: dict[WatchListReason, str] = {
    "indicators": "very significant or significantly increasing numbers without proportional "
    "concrete action",
    "no_increasing_efforts": "no evidence of increasing efforts",
}

NOT_ON_LIST = "this test does not place it on the Watch List"
APPLICABLE, APPLICABLE_PLURAL = "applicable effort criterion", "applicable effort criteria"


TO = arrow()
"""The arrow from a test to its outcome in a step (``terms`` writes it for each register)."""


def run_of(number: int, noun: str) -> str:
    """``1 year``, ``2 consecutive years``: "consecutive" only where there is a run."""
    return f"1 {noun}" if number == 1 else f"{number} consecutive {noun}s"


class Steps:
    """Collects the rationale of one placement, one sentence per rule applied."""

    def __init__(self, country: Country, standards: Standards, year: int) -> None:
        self.country = country
        self.standards = standards
        self.limits = standards.thresholds
        self.year = year
        self.lines: list[str] = []
        # Print scores to as many places as the finest threshold, so none looks met when not.
        finest = max(
            -min(0, int(value.normalize().as_tuple().exponent))
            for value in (
                self.limits.tier1_min_efforts,
                self.limits.significant_efforts_min,
                self.limits.proportional_action_min,
            )
        )
        self.places = max(3, finest)

    def done(self) -> tuple[str, ...]:
        """The steps so far, in order, as ``explain`` and the JSON print them (code names)."""
        return tuple(technical(line) for line in self.lines)

    def printed(self) -> tuple[str, ...]:
        """The steps so far as the report and the site print them: words, values and arrows."""
        return tuple(printed(line) for line in self.lines)

    def _threshold(self, name: str) -> str:
        """``the Tier 1 threshold of 0.85``, with its code name for the technical register."""
        value = show(getattr(self.limits, name))
        return f"the {THRESHOLD_WORDS[name]} of {value}{code_name(f' ({name})')}"

    def _score(self, score: Score) -> str:
        return score_text(score.value, self.places)

    def special(self, reason: str) -> tuple[str, ...]:
        """The whole rationale of a Special Case."""
        self.lines.append(f"Special Case: not ranked in {self.year}. Reason: {reason}")
        self.lines.append(
            "No efforts score, Watch List test, tier change or assistance "
            "determination applies to a Special Case."
        )
        if self.country.waiver is not None:
            self.lines.append("The waiver requested is ignored: a Special Case is not ranked.")
        if self.country.decision is not None:
            self.lines.append(
                f"The office's decision for {TIER_LABELS[self.country.decision.tier]}"
                " is ignored: a Special Case is not ranked."
            )
        return self.done()

    def unassessed(self, ids: Sequence[str]) -> None:
        """Findings still missing in a draft."""
        if ids:
            self.lines.append(
                f"Not yet assessed (the country file is in {self.country.status}): "
                f"{listing(list(ids))}; {'it counts' if len(ids) == 1 else 'each counts'} "
                "as not met until assessed."
            )

    def score(self, score: Score) -> None:
        """Step 2: the efforts score and the findings behind it."""
        scores = self.standards.scores
        if not score.weight:
            self.lines.append(
                "Efforts score 0: no effort criterion is applicable, so none "
                f"counts (not applicable: {', '.join(score.ids['not_applicable'])})."
            )
            return
        weights = ""
        if score.weights:
            shown = ", ".join(f"{cid} {show(w)}" for cid, w in score.weights.items())
            weights = f"; weights {shown}, the others 1"
        groups = "; ".join(
            f"{FINDING_WORDS[found]}: {', '.join(score.ids[found])}"
            for found in FINDING_WORDS
            if score.ids.get(found)
        )
        self.lines.append(
            f"Efforts score {self._score(score)}: the {'weighted ' if score.weights else ''}"
            f"mean of {count_of(score.applicable, APPLICABLE, APPLICABLE_PLURAL)}"
            f", scoring met {show(scores.met)}, partial {show(scores.partial)} and not met "
            f"{show(scores.not_met)}{weights}. {groups[0].upper()}{groups[1:]}."
        )

    def legal(self, gaps: Sequence[LegalStandard]) -> None:
        """The legal standards (MS1-MS3)."""
        everything = [s.id for s in self.standards.legal_standards]
        if not gaps:
            self.lines.append(
                f"Legal standard {everything[0]} is met."
                if len(everything) == 1
                else f"Legal standards: all {len(everything)} met ({listing(everything)})."
            )
            return
        missing = [
            f"{s.id} ({s.title}) is "
            f"{FINDING_WORDS[finding_of(self.country, 'legal_standards', s.id)]}"
            for s in gaps
        ]
        met = [i for i in everything if i not in {s.id for s in gaps}]
        tail = f"; {listing(met)} {'is' if len(met) == 1 else 'are'} met" if met else ""
        self.lines.append(f"Legal standards: {'; '.join(missing)}{tail}.")

    def disqualifiers(self) -> None:
        """Proof of failure, with the dates of its evidence."""
        found = self.country.disqualifiers
        if not found:
            self.lines.append("Disqualifiers: none applies.")
            return
        titles = {d.id: d.title for d in self.standards.disqualifiers}
        for entry in found:
            dates = sorted(str(a.date) for a in entry.actions if not a.planned)
            evidence = f", on evidence dated {listing(dates)}" if dates else ""
            self.lines.append(
                f"Disqualifier {entry.id} ({titles.get(entry.id, 'unknown')}) "
                f"applies{evidence}; it rules out Tier 1 and Tier 2."
            )

    def fully_meets(self, fully: bool, gaps: Sequence[LegalStandard], score: Score) -> None:
        """Step 3: full compliance."""
        threshold = self.limits.tier1_min_efforts
        if fully:
            self.lines.append(
                f"Fully meets the minimum standards: every legal standard is met, the efforts "
                f"score {self._score(score)} meets {self._threshold('tier1_min_efforts')} "
                f"and no disqualifier applies{TO}Tier 1."
            )
            return
        reasons = []
        if gaps:
            ids = [s.id for s in gaps]
            reasons.append(
                f"legal standard{'s' * (len(ids) > 1)} {listing(ids)} "
                f"{'is' if len(ids) == 1 else 'are'} not met"
            )
        if not score.meets(threshold):
            reasons.append(
                f"the efforts score {self._score(score)} is below "
                f"{self._threshold('tier1_min_efforts')}"
            )
        if self.country.disqualifiers:
            reasons.append("a disqualifier applies")
        self.lines.append(f"Does not fully meet the minimum standards: {listing(reasons)}.")

    def significant(self, significant: bool, score: Score) -> None:
        """Step 4: significant efforts, Tier 2 or Tier 3."""
        threshold = self.limits.significant_efforts_min
        shown = (
            f"the efforts score {self._score(score)} "
            f"{'meets' if score.meets(threshold) else 'is below'} "
            f"{self._threshold('significant_efforts_min')}"
        )
        if significant:
            self.lines.append(
                f"Significant efforts: {shown} and no disqualifier applies{TO}"
                "Tier 2, subject to the Watch List tests."
            )
        elif self.country.disqualifiers:
            ids = listing([d.id for d in self.country.disqualifiers])
            self.lines.append(
                f"Not making significant efforts: {shown}, but {ids} rules out "
                f"Tier 2 whatever the score{TO}Tier 3."
            )
        else:
            self.lines.append(f"Not making significant efforts: {shown}{TO}Tier 3.")

    def indicators(self, flagged: bool, proportional: bool, score: Score) -> None:
        """Step 5, first test: the size and trend of the problem against the efforts made."""
        pct = show(self.limits.significant_increase_pct)
        before_year, year = self.year - 1, self.year
        figures = []
        for key, name in INDICATOR_NOUNS.items():
            pair = indicator_figures(self.country, key, year)
            if pair is None:
                figures.append(f"{name} not reported for {listing(self._gaps(key))}")
                continue
            before, now = pair
            if before <= 0:
                zero = self._from_zero(before, now)
                figures.append(f"{name} {now:,} in {year} after {before:,} in {before_year} {zero}")
                continue
            change = Fraction((now - before) * 100, before)
            sign = "+" if change >= 0 else "-"
            side = "at least" if rises_significantly(before, now, self.limits) else "below"
            figures.append(
                f"{name} {before:,} in {before_year} and {now:,} in {year} "
                f"({sign}{show(abs(change), 1)}%, {side} the "
                f"{THRESHOLD_WORDS['significant_increase_pct']} of {pct}%"
                f"{code_name(', significant_increase_pct')})"
            )
        flag = "flagged" if self.country.indicators.very_significant else "not flagged"
        head = (
            f"Watch List test 1 (indicators): the numbers are {flag} very significant; "
            f"{'; '.join(figures + self._levels())}"
        )
        action = (
            f"the efforts score {self._score(score)} "
            f"{'meets' if proportional else 'is below'} "
            f"{self._threshold('proportional_action_min')}"
        )
        if not flagged:
            self.lines.append(
                f"{head}; so neither condition on the numbers holds{TO}{NOT_ON_LIST}."
            )
        elif proportional:
            self.lines.append(
                f"{head}; but {action}, so the government is acting in proportion{TO}{NOT_ON_LIST}."
            )
        else:
            self.lines.append(
                f"{head}; and {action}, so the government is not taking "
                f"proportional concrete action{TO}Watch List."
            )

    def _from_zero(self, before: int, now: int) -> str:
        """The parenthesis on an indicator that was 0 in Y-1 (the from-zero rule of step 5)."""
        from_zero = self.limits.significant_increase_from_zero
        if before < 0 or from_zero is None:
            return "(no increase can be measured from 0)"
        if now == 0:
            return "(no rise)"
        side = "at least" if rises_significantly(before, now, self.limits) else "below"
        return (
            f"(a rise from 0, {side} the {from_zero:,} that counts as significant from zero"
            f"{code_name(', significant_increase_from_zero')})"
        )

    def _levels(self) -> list[str]:
        """Each indicator whose figure for Y reaches its very-significant level, with the level."""
        found = []
        for key, name in INDICATOR_NOUNS.items():
            level = level_of(key, self.limits)
            if level is None:
                continue
            figures: dict[int, int | None] = getattr(self.country.indicators, key)
            now = figures.get(self.year)
            # Only a level reached changes the test; the figures are already listed above.
            if now is not None and reaches_level(key, now, self.limits):
                found.append(
                    f"{name} {now:,} in {self.year} reach the very-significant level of "
                    f"{level:,}{code_name(f' ({LEVELS[key]})')}, so the numbers are very "
                    "significant"
                )
        return found

    def _gaps(self, key: str) -> list[str]:
        """The years of Y-1 and Y for which an indicator has no figure."""
        figures: dict[int, int | None] = getattr(self.country.indicators, key)
        return [str(y) for y in (self.year - 1, self.year) if figures.get(y) is None]

    def progress(self, met: bool) -> None:
        """Step 5, second test: appreciable progress over the previous reporting period."""
        criterion = self.standards.progress_criterion
        found = FINDING_WORDS[finding_of(self.country, "criteria", criterion.id)]
        head = (
            f"Watch List test 2 (increasing efforts): {criterion.id} ({criterion.title}) is {found}"
        )
        if met:
            self.lines.append(f"{head}{TO}{NOT_ON_LIST}.")
        else:
            self.lines.append(
                f"{head}, so there is no evidence of increasing efforts compared "
                f"with the previous reporting period{TO}Watch List."
            )

    def watch_list(self, reasons: Sequence[WatchListReason]) -> None:
        """The outcome of step 5."""
        if reasons:
            self.lines.append(
                f"Tier 2 Watch List: {listing([WATCH_LIST_WORDS[r] for r in reasons])}."
            )
        else:
            self.lines.append(f"Neither Watch List test applies{TO}Tier 2.")

    # --- steps 6 and 7, the change and the flags (METHODOLOGY section 2 steps 6-7, section 3) ---

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
