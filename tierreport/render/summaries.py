"""The report's summary tables (tier counts, law-enforcement totals) as plain records.

The site and the PDF show these; templates receive only ``Table`` records. They are computed in
plain Python so that rendering the site does not load pandas (a third of a second at start-up);
the data downloads, which do use DataFrames, come from ``tierreport.render.tables``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from tierreport.model import TIER_LABELS, Edition, LawEnforcementYear, Placement

TIER_COLUMNS = ("1", "2", "2WL", "3", "special")
"""Tiers in the order tables list them."""

LAW_COLUMNS = (
    ("investigations", "Investigations"),
    ("prosecutions", "Prosecutions"),
    ("convictions", "Convictions"),
    ("officials_convicted", "Officials convicted"),
    ("migrants_assisted", "Migrants assisted"),
    ("new_or_amended_legislation", "New or amended legislation"),
)
"""Law-enforcement figures: column name and heading. Legislation is summed as a country count."""

_COUNTS = tuple(key for key, _ in LAW_COLUMNS[:-1])


@dataclass(frozen=True)
class Table:
    """A table for a template: a caption, column headings and rows of plain values.

    The first column of every row is its row header (``<th scope="row">``).
    """

    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]


def _headings() -> tuple[str, ...]:
    return (*(title for _, title in LAW_COLUMNS), "Countries reporting")


def _records(
    edition: Edition, placements: Sequence[Placement]
) -> list[tuple[str, str, int, LawEnforcementYear]]:
    """(code, region, year, figures) for every country and reporting year."""
    return [
        (p.code, p.region, year, record)
        for p in placements
        for year, record in edition.country(p.code).law_enforcement.items()
    ]


def _totals(chosen: list[tuple[str, LawEnforcementYear]]) -> tuple[Any, ...]:
    """Over (country code, figures) pairs: each count summed over the figures that report it
    (None where none does), the number with new or amended legislation, and of countries."""
    sums: list[int | None] = []
    for key in _COUNTS:
        reported = [value for _, r in chosen if (value := getattr(r, key)) is not None]
        sums.append(sum(reported) if reported else None)
    legislation = sum(1 for _, r in chosen if r.new_or_amended_legislation)
    return (*sums, legislation, len({code for code, _ in chosen}))


def law_by_year(edition: Edition, placements: Sequence[Placement]) -> Table:
    """Global figures for each reporting year: sums over the countries that reported them."""
    records = _records(edition, placements)
    rows = tuple(
        (year, *_totals([(c, r) for c, _, y, r in records if y == year]))
        for year in sorted({y for _, _, y, _ in records})
    )
    return Table("Global law enforcement data by reporting year", ("Year", *_headings()), rows)


def law_by_region(edition: Edition, placements: Sequence[Placement]) -> Table:
    """Figures of the edition year by region, in the order edition.yaml lists the regions."""
    year = edition.year
    records = [(c, region, r) for c, region, y, r in _records(edition, placements) if y == year]
    rows = tuple(
        (name, *_totals(chosen))
        for code, name in edition.config.regions.items()
        if (chosen := [(c, r) for c, region, r in records if region == code])
    )
    return Table(f"Law enforcement data by region, {year}", ("Region", *_headings()), rows)


def tier_counts(edition: Edition, placements: Sequence[Placement]) -> Table:
    """Countries per tier in each region, with a total row and column."""
    cells = {code: dict.fromkeys(TIER_COLUMNS, 0) for code in edition.config.regions}
    for p in placements:
        if p.region in cells:
            cells[p.region][p.final_tier] += 1
    rows: list[tuple[Any, ...]] = []
    for code, name in edition.config.regions.items():
        values = [cells[code][t] for t in TIER_COLUMNS]
        rows.append((name, *values, sum(values)))
    totals = [sum(cells[code][t] for code in cells) for t in TIER_COLUMNS]
    rows.append(("All regions", *totals, sum(totals)))
    columns = ("Region", *(TIER_LABELS[t] for t in TIER_COLUMNS), "Total")
    return Table(f"Tier placements by region, {edition.year}", columns, tuple(rows))
