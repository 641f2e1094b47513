"""Estimate sensitivity (METHODOLOGY 2c): would another organization's figure change the test?

The placement uses the office's estimate of each indicator. For every alternative estimate of an
indicator for Y-1 or Y (the two years the Watch List test reads), the numbers test of step 5 is
run again with that estimate in place of the office's figure, through the same functions the
placement uses, so the two can never disagree. Pure: no I/O.
"""

from __future__ import annotations

from fractions import Fraction

from tierreport.model import Country, Estimate, EstimateSensitivity, Standards, Thresholds
from tierreport.tiering.scoring import (
    INDICATOR_KEYS,
    indicator_figures,
    reaches_level,
    rises_significantly,
    rising_indicators,
    very_significant_levels,
)


def numbers_test(country: Country, thresholds: Thresholds, year: int) -> bool:
    """Whether the numbers are very significant or significantly increasing (step 5).

    This is the first half of the indicators test; the second, the efforts score against
    ``proportional_action_min``, does not depend on the figures.
    """
    return (
        country.indicators.very_significant
        or bool(very_significant_levels(country, thresholds, year))
        or bool(rising_indicators(country, thresholds, year))
    )


def with_estimate(country: Country, estimate: Estimate) -> Country:
    """The country with ``estimate`` in place of the office's figure for its indicator and year."""
    figures: dict[int, int | None] = dict(getattr(country.indicators, estimate.indicator))
    figures[estimate.year] = estimate.value
    indicators = country.indicators.model_copy(update={estimate.indicator: figures})
    return country.model_copy(update={"indicators": indicators})


def estimate_sensitivity(
    country: Country, standards: Standards, year: int
) -> tuple[EstimateSensitivity, ...]:
    """The numbers test on each alternative estimate for Y-1 or Y, in the file's order.

    A Special Case is not ranked, so it has no test and no sensitivity.
    """
    if country.special_case is not None:
        return ()
    thresholds = standards.thresholds
    office = numbers_test(country, thresholds, year)
    found = []
    for estimate in country.indicators.estimates:
        if estimate.year not in (year - 1, year):
            continue
        changed = with_estimate(country, estimate)
        outcome = numbers_test(changed, thresholds, year)
        key = estimate.indicator
        figures: dict[int, int | None] = getattr(changed.indicators, key)
        before, now = figures.get(year - 1), figures.get(year)
        pair = indicator_figures(changed, key, year)
        change = None
        if pair is not None and pair[0] > 0:
            change = Fraction((pair[1] - pair[0]) * 100, pair[0])
        source = country.sources.get(estimate.source)
        found.append(
            EstimateSensitivity(
                indicator=key,
                year=estimate.year,
                value=estimate.value,
                source=estimate.source,
                source_name=(source.publisher or source.title) if source else estimate.source,
                source_kind=source.kind if source else "",
                public=source.public if source else False,
                watch_list_numbers_test=outcome,
                differs=outcome != office,
                before=before,
                now=now,
                change_pct=change,
                rises=pair is not None and rises_significantly(*pair, thresholds),
                at_level=reaches_level(key, now, thresholds),
                other_reason=_other_reason(changed, key, thresholds, year),
            )
        )
    return tuple(found)


def _other_reason(country: Country, key: str, thresholds: Thresholds, year: int) -> str:
    """What makes the numbers test apply besides indicator ``key``: the flag, or the other one."""
    if country.indicators.very_significant:
        return "flag"
    rising = rising_indicators(country, thresholds, year)
    levels = very_significant_levels(country, thresholds, year)
    for other in INDICATOR_KEYS:
        if other != key and (other in rising or other in levels):
            return other
    return ""
