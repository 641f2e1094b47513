"""The assistance annex an appropriations clerk works from: totals, window and definitions.

The per-country material (programmes, split, previous determinations, conditions) is in each
country's ``AssistanceRecord``; this module adds what spans countries: the totals at stake,
recommended restricted and recommended waived, overall and by region, and when the
determinations are due.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from tierreport import wording as words
from tierreport.model import Edition
from tierreport.render.record import CountryRecord
from tierreport.render.summaries import Table

TOTAL_COLUMNS = (
    "Region",
    "Countries",
    "At stake",
    "Recommended restricted",
    "Recommended waived",
)
"""Columns of the annex's totals table (amounts in U.S. dollars)."""


@dataclass(frozen=True)
class AssistanceAnnex:
    """What the assistance annex prints above the countries."""

    window: str
    """When the determinations are due: ``between 30 July and 13 September 2027``."""
    definitions: tuple[tuple[str, str], ...]
    """(determination, meaning) of full restriction, partial waiver and full waiver."""
    totals: Table
    """At stake, recommended restricted and waived, by region and for all regions."""
    unsplit: tuple[str, ...]
    """Names of the countries whose partial waiver gives no split, left out of the restricted
    and waived totals (their amount is in the at-stake total)."""


def _row(label: str, group: Sequence[CountryRecord]) -> tuple[Any, ...]:
    records = [c.assistance for c in group if c.assistance is not None]
    return (
        label,
        len(group),
        sum(a.at_stake_usd for a in records),
        sum(a.restricted_usd for a in records if a.restricted_usd is not None),
        sum(a.waived_usd for a in records if a.waived_usd is not None),
    )


def assistance_annex(edition: Edition, candidates: Sequence[CountryRecord]) -> AssistanceAnnex:
    """The annex's totals over ``candidates`` (the Tier 3 countries), window and definitions."""
    rows = [
        _row(name, group)
        for code, name in edition.config.regions.items()
        if (group := [c for c in candidates if c.region == code])
    ]
    rows.append(_row("All regions", candidates))
    years = sorted({c.assistance.fiscal_year for c in candidates if c.assistance is not None})
    fiscal = f", fiscal year {years[0]}" if len(years) == 1 else ""
    return AssistanceAnnex(
        window=words.determination_window(edition.config.publication_date),
        definitions=tuple(
            (label.capitalize(), words.DETERMINATION_DEFINITIONS[key])
            for key, label in words.DETERMINATIONS.items()
        ),
        totals=Table(
            f"Assistance at stake and recommended determinations by region{fiscal} (U.S. dollars)",
            TOTAL_COLUMNS,
            tuple(rows),
        ),
        unsplit=tuple(
            c.name
            for c in candidates
            if c.assistance is not None and c.assistance.restricted_usd is None
        ),
    )
