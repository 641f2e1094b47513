"""The report's summary tables (tier counts, law-enforcement totals) as plain records.

The site and the PDF show these; templates receive only ``Table`` records. The data downloads'
tables, rows of typed cells, come from ``tierreport.render.tables``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from tierreport import wording as words
from tierreport.model import TIER_LABELS, Edition, LawEnforcementYear, Placement

TIER_COLUMNS = ("1", "2", "2WL", "3", "special")
"""Tiers in the order tables list them."""


_COUNTS = tuple(key for key, _ in words.LAW_COUNTS)

_BRACKETS = " (in brackets: the countries that reported each figure)"


@dataclass(frozen=True)
class Table:
    """A table for a template: a caption, column headings and rows of plain values.

    The first column of every row is its row header (``<th scope="row">``).
    """

    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]


@dataclass(frozen=True)
class Reported:
    """A figure summed over the countries that reported it, with how many did.

    ``total`` is None when no country reported the figure: a gap is never a zero.
    """

    total: int | None
    countries: int


@dataclass(frozen=True)
class LawTables:
    """The global law-enforcement data: totals by year, like for like, by region, and notes."""

    by_year: Table
    """One row per reporting year; each cell a ``Reported``."""
    like_for_like: Table | None
    """The edition year against the year before over the countries that reported a figure in
    both; None when there is no earlier year."""
    by_region: tuple[Table, ...]
    """One table per reporting year, the latest first, with a row per region."""
    notes: tuple[str, ...]
    """What a year means, and every figure a country counts in another unit."""


def _headings() -> tuple[str, ...]:
    return tuple(title for _, title in words.LAW_FIGURES)


def _records(
    edition: Edition, placements: Sequence[Placement]
) -> list[tuple[str, str, int, LawEnforcementYear]]:
    """(code, region, year, figures) for every country and reporting year."""
    return [
        (p.code, p.region, year, record)
        for p in placements
        for year, record in edition.country(p.code).law_enforcement.items()
    ]


def _totals(chosen: list[tuple[str, LawEnforcementYear]]) -> tuple[Reported, ...]:
    """Over (country code, figures) pairs: each count summed over the countries that report it,
    and the countries with new or amended legislation among those that said whether they had
    any; each with the number of countries that reported it (a null is not a report)."""
    cells: list[Reported] = []
    for key in _COUNTS:
        reported = {code: value for code, r in chosen if (value := getattr(r, key)) is not None}
        total = sum(reported.values()) if reported else None
        cells.append(Reported(total, len(reported)))
    said = {code: r.new_or_amended_legislation for code, r in chosen}
    answered = [value for value in said.values() if value is not None]
    cells.append(Reported(sum(answered) if answered else None, len(answered)))
    return tuple(cells)


def law_by_year(edition: Edition, placements: Sequence[Placement]) -> Table:
    """Global figures for each reporting year: sums over the countries that reported them."""
    records = _records(edition, placements)
    rows = tuple(
        (year, *_totals([(c, r) for c, _, y, r in records if y == year]))
        for year in sorted({y for _, _, y, _ in records})
    )
    return Table(
        f"Global law enforcement data by reporting year{_BRACKETS}", ("Year", *_headings()), rows
    )


def law_like_for_like(edition: Edition, placements: Sequence[Placement]) -> Table | None:
    """Each count in the edition year and the year before, over the countries that reported it
    in both years, with the change in percent; None when no country reported the year before."""
    year, before = edition.year, edition.year - 1
    by_code: dict[str, dict[int, LawEnforcementYear]] = {}
    for code, _, y, record in _records(edition, placements):
        by_code.setdefault(code, {})[y] = record
    if not any(before in years for years in by_code.values()):
        return None
    rows: list[tuple[Any, ...]] = []
    for key, title in words.LAW_COUNTS:
        pairs = [
            (first, second)
            for years in by_code.values()
            if before in years and year in years
            if (first := getattr(years[before], key)) is not None
            and (second := getattr(years[year], key)) is not None
        ]
        if not pairs:
            rows.append((title, 0, None, None, None))
            continue
        first_total, second_total = sum(a for a, _ in pairs), sum(b for _, b in pairs)
        change = words.percent_change(first_total, second_total)
        rows.append((title, len(pairs), first_total, second_total, change))
    return Table(
        f"Like for like, {before} to {year}: countries that reported the figure in both years",
        ("Figure", "Countries reporting both years", str(before), str(year), "Change"),
        tuple(rows),
    )


def law_by_region(edition: Edition, placements: Sequence[Placement]) -> tuple[Table, ...]:
    """Each reporting year's figures by region (latest year first), regions in edition.yaml's
    order."""
    records = _records(edition, placements)
    tables = []
    for year in sorted({y for _, _, y, _ in records}, reverse=True):
        chosen_year = [(c, region, r) for c, region, y, r in records if y == year]
        rows = tuple(
            (name, *_totals(chosen))
            for code, name in edition.config.regions.items()
            if (chosen := [(c, r) for c, region, r in chosen_year if region == code])
        )
        tables.append(
            Table(
                f"Law enforcement data by region, {year}{_BRACKETS}", ("Region", *_headings()), rows
            )
        )
    return tuple(tables)


def law_notes(edition: Edition, placements: Sequence[Placement]) -> tuple[str, ...]:
    """The notes beside the global tables: what a year means, then every figure that a country
    counts in a unit of its own, with the years it does."""
    period = edition.config.reporting_period
    notes = [words.reporting_year_note(edition.year, period.start, period.end)]
    names = {p.code: p.name for p in placements}
    for key, title in words.LAW_COUNTS:
        counted: dict[tuple[str, str], list[int]] = {}
        for code, _, year, record in sorted(_records(edition, placements), key=_by_name(names)):
            if (unit := record.unit_of(key)) is not None:
                counted.setdefault((names[code], unit), []).append(year)
        if counted:
            entries = [(name, unit, sorted(years)) for (name, unit), years in counted.items()]
            notes.append(words.unit_note(title, words.LAW_UNITS[key], entries))
    return tuple(notes)


def _by_name(
    names: dict[str, str],
) -> Callable[[tuple[str, str, int, LawEnforcementYear]], tuple[str, int]]:
    return lambda item: (names[item[0]].casefold(), item[2])


def law_tables(edition: Edition, placements: Sequence[Placement]) -> LawTables:
    """Every table and note of the global law-enforcement data."""
    return LawTables(
        by_year=law_by_year(edition, placements),
        like_for_like=law_like_for_like(edition, placements),
        by_region=law_by_region(edition, placements),
        notes=law_notes(edition, placements),
    )


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
            "" if r.score is None else words.signed_score(r.score),
            "" if r.percentage is None else words.percent(r.percentage),
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
