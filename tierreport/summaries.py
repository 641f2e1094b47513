"""The report's summary tables (tier counts, law-enforcement totals) as plain records.

The site and the PDF show these; templates receive only ``Table`` records. They are computed in
plain Python so that rendering the site does not load pandas (a third of a second at start-up);
the data downloads, which do use DataFrames, come from ``tierreport.tables``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from tierreport.model import TIER_LABELS, Edition, LawEnforcementYear, Placement
from tierreport.words import percent, signed_score

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


@dataclass(frozen=True)
class RegionFollowup:
    """The follow-up of the previous edition in one region (or all regions), G7-style."""

    name: str
    countries: int
    """Countries with at least one assessed item."""
    implemented: int
    partial: int
    not_implemented: int
    score: Fraction | None
    """The mean of those countries' follow-up scores (each country counts once); None when no
    item is assessed."""

    @property
    def items(self) -> int:
        """Assessed items."""
        return self.implemented + self.partial + self.not_implemented

    @property
    def percentage(self) -> Fraction | None:
        """(score + 1) / 2 x 100, as the G7 Research Group reports compliance."""
        return None if self.score is None else (self.score + 1) * 50


def _followup_group(name: str, placements: Sequence[Placement]) -> RegionFollowup:
    scored = [p for p in placements if p.followup is not None and p.followup.score is not None]
    counts = {
        kind: sum(p.followup.count(kind) for p in scored if p.followup is not None)
        for kind in ("implemented", "partial", "not_implemented")
    }
    scores = [p.followup_score for p in scored if p.followup_score is not None]
    mean = sum(scores, Fraction(0)) / len(scores) if scores else None
    return RegionFollowup(
        name, len(scored), counts["implemented"], counts["partial"], counts["not_implemented"], mean
    )


def followup_by_region(
    edition: Edition, placements: Sequence[Placement]
) -> tuple[RegionFollowup, ...]:
    """The follow-up of each region that has an assessed item, in edition.yaml's order, then all
    regions; empty when no country's follow-up is assessed."""
    groups = [
        _followup_group(name, [p for p in placements if p.region == code])
        for code, name in edition.config.regions.items()
    ]
    regions = tuple(g for g in groups if g.countries)
    if not regions:
        return ()
    return (*regions, _followup_group("All regions", placements))


def followup_table(edition: Edition, regions: Sequence[RegionFollowup]) -> Table:
    """The follow-up scores by region as a table (the G7 Research Group's compliance table)."""
    rows = tuple(
        (
            r.name,
            r.countries,
            r.items,
            r.implemented,
            r.partial,
            r.not_implemented,
            "" if r.score is None else signed_score(r.score),
            "" if r.percentage is None else percent(r.percentage),
        )
        for r in regions
    )
    columns = (
        "Region", "Countries", "Items assessed", "Implemented", "Partially implemented",
        "Not implemented", "Follow-up score", "Percentage",
    )  # fmt: skip
    caption = (
        f"Follow-up of the {edition.year - 1} recommendations by region: implemented +1, "
        "partially 0, not implemented -1; each country's score is the mean of its items, a "
        "region's the mean of its countries'"
    )
    return Table(caption, columns, rows)
