"""The facts the tier rules weigh: efforts score, findings, indicators, Watch List history.

Pure functions over one country and the standards file, shared by the rules (``tiering``) and
the prose of their steps (``rationale``). Scores are exact fractions built from the file's
decimals, never floats, so that a score equal to a threshold meets it.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Decimal
from fractions import Fraction

from tierreport.model import Country, EffortCriterion, Scores, Standards, Thresholds

INDICATOR_KEYS = ("smuggled_migrants", "deaths_and_disappearances")
"""The Watch List indicators, in the order they are tested (``wording`` names them)."""


@dataclass(frozen=True)
class Score:
    """The efforts score as an exact fraction, with the findings that made it."""

    points: Fraction
    """Sum of weight x score over the applicable criteria."""
    weight: Fraction
    """Sum of the weights of the applicable criteria."""
    ids: dict[str, list[str]] = field(default_factory=dict)
    """Criterion ids by finding (``met``, ``partial``, ...), in the standards file's order."""
    weights: dict[str, Decimal] = field(default_factory=dict)
    """Weights other than 1 of the applicable criteria."""

    @property
    def value(self) -> Fraction:
        """Weighted mean of the applicable criteria (0 when none is applicable)."""
        return self.points / self.weight if self.weight else Fraction(0)

    def meets(self, threshold: Decimal) -> bool:
        """Whether the score reaches ``threshold`` (``>=``, exactly)."""
        return self.value >= Fraction(threshold)

    @property
    def decimal(self) -> Decimal:
        """The score as a Decimal (exact whenever the fraction terminates)."""
        return Decimal(self.value.numerator) / Decimal(self.value.denominator)

    @property
    def applicable(self) -> int:
        """How many criteria entered the score."""
        return sum(len(ids) for found, ids in self.ids.items() if found != "not_applicable")


def show(value: Fraction | Decimal | int, places: int = 3) -> str:
    """A number as the rationale prints it: exact when short, else cut (never rounded up).

    Cutting rather than rounding keeps a score just below a threshold from printing as the
    threshold itself.
    """
    exact = Fraction(value)
    as_decimal = Decimal(exact.numerator) / Decimal(exact.denominator)
    cut = as_decimal.quantize(Decimal(1).scaleb(-places), rounding=ROUND_DOWN)
    text = format(as_decimal.normalize() if Fraction(cut) == exact else cut, "f")
    return "0" if text == "-0" else text


SCORE_PLACES = 3
"""Decimals every output prints an efforts score to: site, PDF, rationale, CLI and CSV."""


def score_text(value: Fraction | Decimal, places: int = SCORE_PLACES) -> str:
    """An efforts score as every output prints it: ``0.846`` for 22/26, never ``0.85``.

    The one formatter of scores (issue 15): cut, never rounded, so that a score just below a
    threshold never prints as the threshold it misses; ``places`` exceeds three only when a
    threshold itself has more decimals.
    """
    return show(value, places)


def count_of(number: int, noun: str, plural: str | None = None) -> str:
    """``1 year``, ``2 years``: a number with its noun agreeing."""
    return f"{number} {noun if number == 1 else (plural or noun + 's')}"


def listing(items: list[str] | tuple[str, ...], conjunction: str = "and") -> str:
    """``A``, ``A and B``, ``A, B and C``."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def finding_of(country: Country, group: str, wanted: str) -> str:
    """The finding on one legal standard or criterion; ``unassessed`` when it is missing."""
    findings = country.legal_standards if group == "legal_standards" else country.criteria
    entry = findings.get(wanted)
    return entry.finding if entry is not None else "unassessed"


def efforts_score(country: Country, standards: Standards) -> Score:
    """Weighted mean of the criterion scores over the criteria that are applicable (step 2).

    A criterion not yet assessed (or missing, which ``check`` reports) scores as not met.
    """
    found = {c.id: finding_of(country, "criteria", c.id) for c in standards.effort_criteria}
    return score_of(found, standards.effort_criteria, standards.scores)


def findings_score(findings: Mapping[str, str], standards: Standards) -> Score | None:
    """The efforts score of findings recorded by id (a ``history`` entry's), with these weights.

    None unless every effort criterion has a recorded finding: a score over part of the
    criteria would not be comparable with this year's.
    """
    if not findings or any(c.id not in findings for c in standards.effort_criteria):
        return None
    return score_of(findings, standards.effort_criteria, standards.scores)


def score_of(
    found: Mapping[str, str], criteria: Sequence[EffortCriterion], scores: Scores
) -> Score:
    """The weighted mean of ``criteria`` under the findings ``found`` (id -> finding).

    Shared by this year's score and the previous year's (METHODOLOGY 2b); a finding other than
    met, partial or not_applicable scores as not met. The weights are summed per finding and
    multiplied by its score once: the same exact sum, in a tenth of the fraction arithmetic.
    """
    values = {"met": scores.met, "partial": scores.partial, "not_met": scores.not_met}
    totals: dict[str, int | Fraction] = {}
    ids: dict[str, list[str]] = {}
    weights: dict[str, Decimal] = {}
    for criterion in criteria:
        finding = found[criterion.id]
        ids.setdefault(finding, []).append(criterion.id)
        if finding == "not_applicable":
            continue
        scored = finding if finding in values else "not_met"
        totals[scored] = totals.get(scored, 0) + exact(criterion.weight)
        if criterion.weight != 1:
            weights[criterion.id] = criterion.weight
    points = sum(total * exact(values[f]) for f, total in totals.items())
    return Score(Fraction(points), Fraction(sum(totals.values())), ids, weights)


@functools.cache
def exact(value: Decimal) -> int | Fraction:
    """``value`` as an exact number: an int when it is whole (sums of ints are cheap)."""
    fraction = Fraction(value)
    return fraction.numerator if fraction.denominator == 1 else fraction


def unassessed_ids(country: Country, standards: Standards) -> tuple[str, ...]:
    """Ids of the legal standards and criteria without a finding yet, in the file's order."""
    legal = [
        s.id
        for s in standards.legal_standards
        if finding_of(country, "legal_standards", s.id) == "unassessed"
    ]
    criteria = [
        c.id
        for c in standards.effort_criteria
        if finding_of(country, "criteria", c.id) == "unassessed"
    ]
    return (*legal, *criteria)


def indicator_figures(country: Country, key: str, year: int) -> tuple[int, int] | None:
    """The indicator's figures for Y-1 and Y, or None when either is missing."""
    figures: dict[int, int | None] = getattr(country.indicators, key)
    before, now = figures.get(year - 1), figures.get(year)
    return None if before is None or now is None else (before, now)


LEVELS = {
    "smuggled_migrants": "very_significant_migrants",
    "deaths_and_disappearances": "very_significant_deaths",
}
"""The threshold that sets each indicator's very-significant level (METHODOLOGY step 5)."""


def rises_significantly(before: int, now: int, thresholds: Thresholds) -> bool:
    """Whether the rise from ``before`` (Y-1) to ``now`` (Y) is significant (step 5).

    From a figure above 0: at least ``significant_increase_pct`` percent. From 0: ``now`` at
    least ``significant_increase_from_zero`` when the standards file sets it (else never).
    """
    if before == 0:
        from_zero = thresholds.significant_increase_from_zero
        return from_zero is not None and now >= from_zero
    # (now - before) / before * 100 >= pct, multiplied out so that no division rounds
    threshold = Fraction(thresholds.significant_increase_pct)
    return before > 0 and (now - before) * 100 >= threshold * before


def level_of(key: str, thresholds: Thresholds) -> int | None:
    """The very-significant level of one indicator, or None when the standards file sets none."""
    level: int | None = getattr(thresholds, LEVELS[key])
    return level


def reaches_level(key: str, figure: int | None, thresholds: Thresholds) -> bool:
    """Whether a figure for Y is at or above its indicator's very-significant level."""
    level = level_of(key, thresholds)
    return level is not None and figure is not None and figure >= level


def very_significant_levels(country: Country, thresholds: Thresholds, year: int) -> tuple[str, ...]:
    """The indicators whose figure for Y reaches its very-significant level, in test order."""
    found = []
    for key in INDICATOR_KEYS:
        figures: dict[int, int | None] = getattr(country.indicators, key)
        if reaches_level(key, figures.get(year), thresholds):
            found.append(key)
    return tuple(found)


def rising_indicators(country: Country, thresholds: Thresholds, year: int) -> tuple[str, ...]:
    """The indicators that rose significantly from Y-1 to Y, in the order of ``INDICATOR_KEYS``."""
    rising = []
    for key in INDICATOR_KEYS:
        figures = indicator_figures(country, key, year)
        if figures is not None and rises_significantly(*figures, thresholds):
            rising.append(key)
    return tuple(rising)


def watch_list_streak(country: Country, year: int) -> tuple[int, ...]:
    """The years of the unbroken run of published ``2WL`` tiers directly before ``year``.

    Latest first. A missing year, a Special Case or any other tier ends the run.
    """
    years: list[int] = []
    before = year - 1
    while country.history_tier(before) == "2WL":
        years.append(before)
        before -= 1
    return tuple(years)


def downgrade_limit(country: Country, thresholds: Thresholds, year: int) -> tuple[int, int | None]:
    """The Watch List years allowed before the downgrade, and the latest reinstating year if any.

    A country automatically downgraded in any earlier year gets the shorter limit.
    """
    downgraded = sorted(
        y for y, entry in country.history.items() if y < year and entry.auto_downgraded
    )
    if downgraded:
        return thresholds.reinstated_watch_list_years, downgraded[-1]
    return thresholds.watch_list_years_before_downgrade, None


def shortfalls(country: Country, standards: Standards) -> tuple[str, ...]:
    """Titles of legal standards and criteria not met or not assessed, in the file's order."""
    legal = [
        s.title
        for s in standards.legal_standards
        if finding_of(country, "legal_standards", s.id) != "met"
    ]
    criteria = [
        c.title
        for c in standards.effort_criteria
        if finding_of(country, "criteria", c.id) in ("not_met", "unassessed")
    ]
    return (*legal, *criteria)
