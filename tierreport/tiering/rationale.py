"""The rationale: each step of the tier rules as one plain-English sentence, in order.

``tiering.place`` decides; this module only words what it decided, citing the findings (ids and
titles), the thresholds by name and value, and the history years used, so that a reader can
check every placement against the standards file (the GAO's criticism of the TIP Report was that
tier decisions were not explained). Steps up to the Watch List tests are here; the limit,
waivers, decisions, change and flags are in ``rationale_outcome``.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from tierreport.model import (
    TIER_LABELS,
    Country,
    LegalStandard,
    Standards,
    WatchListReason,
)
from tierreport.tiering.outcome import TO, OutcomeSteps
from tierreport.tiering.scoring import (
    FINDING_WORDS,
    INDICATORS,
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
from tierreport.tiering.terms import code_name, printed, technical
from tierreport.wording import THRESHOLD_WORDS

WATCH_LIST_WORDS: dict[WatchListReason, str] = {
    "indicators": "very significant or significantly increasing numbers without proportional "
    "concrete action",
    "no_increasing_efforts": "no evidence of increasing efforts",
}

NOT_ON_LIST = "this test does not place it on the Watch List"
APPLICABLE, APPLICABLE_PLURAL = "applicable effort criterion", "applicable effort criteria"


class Steps(OutcomeSteps):
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
        for key, name in INDICATORS.items():
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
        for key, name in INDICATORS.items():
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
