"""Placements, findings and law-enforcement figures as pandas DataFrames and plain records.

The data downloads are written from these frames, and the site's global tables are computed
with them; templates receive only the plain records (``Table``), never a DataFrame. Every frame
is sorted, so two builds of one edition give the same rows in the same order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from tierreport.model import TIER_LABELS, Edition, Placement

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

PLACEMENT_COLUMNS = (
    "code", "name", "region", "region_name", "computed_tier", "final_tier", "previous_tier",
    "change", "efforts_score", "fully_meets", "significant_efforts", "watch_list_reasons",
    "auto_downgrade", "waiver", "override", "cutoff_candidate", "downgrade_risk_next_year",
    "interim_assessment",
)  # fmt: skip
"""Columns of ``placements.csv``/``.xlsx``: the ``tiers --json`` fields without the rationale,
plus the region's name."""

FINDING_COLUMNS = (
    "code", "name", "region", "kind", "id", "title", "pillar", "finding",
    "counted_actions", "planned_actions", "note",
)  # fmt: skip
"""Columns of ``findings.csv``: one row per country and standard, criterion or disqualifier."""


@dataclass(frozen=True)
class Table:
    """A table for a template: a caption, column headings and rows of plain values.

    The first column of every row is its row header (``<th scope="row">``).
    """

    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]


def _sorted(placements: Sequence[Placement]) -> list[Placement]:
    return sorted(placements, key=lambda p: (p.name.casefold(), p.code))


def placements_frame(edition: Edition, placements: Sequence[Placement]) -> pd.DataFrame:
    """One row per country, alphabetically by name, with ``PLACEMENT_COLUMNS``."""
    rows = []
    for p in _sorted(placements):
        record = p.contract()
        record["region_name"] = edition.config.regions.get(p.region, p.region)
        record["watch_list_reasons"] = ";".join(p.watch_list_reasons)
        rows.append({c: record[c] for c in PLACEMENT_COLUMNS})
    return pd.DataFrame(rows, columns=list(PLACEMENT_COLUMNS))


def findings_frame(edition: Edition, placements: Sequence[Placement]) -> pd.DataFrame:
    """One row per country and legal standard, effort criterion or disqualifier found."""
    period = edition.config.reporting_period
    rows: list[dict[str, Any]] = []
    for p in _sorted(placements):
        country = edition.country(p.code)
        base = {"code": p.code, "name": p.name, "region": p.region}
        for legal in edition.standards.legal_standards:
            found = country.legal_standards.get(legal.id)
            if found is None:
                continue
            counted = sum(1 for a in found.actions if not a.planned)
            rows.append(base | {"kind": "legal_standard", "id": legal.id, "title": legal.title,
                                "pillar": "", "finding": found.finding,
                                "counted_actions": counted,
                                "planned_actions": len(found.actions) - counted,
                                "note": found.note or ""})  # fmt: skip
        for crit in edition.standards.effort_criteria:
            effort = country.criteria.get(crit.id)
            if effort is None:
                continue
            counted = sum(1 for a in effort.actions if a.counts_in(period))
            planned = sum(1 for a in effort.actions if a.planned)
            rows.append(base | {"kind": "criterion", "id": crit.id, "title": crit.title,
                                "pillar": crit.pillar, "finding": effort.finding,
                                "counted_actions": counted, "planned_actions": planned,
                                "note": effort.note or ""})  # fmt: skip
        titles = {d.id: d.title for d in edition.standards.disqualifiers}
        for found_d in country.disqualifiers:
            rows.append(base | {"kind": "disqualifier", "id": found_d.id,
                                "title": titles.get(found_d.id, found_d.id), "pillar": "",
                                "finding": "applies",
                                "counted_actions": sum(1 for a in found_d.actions
                                                       if not a.planned),
                                "planned_actions": sum(1 for a in found_d.actions if a.planned),
                                "note": found_d.note or ""})  # fmt: skip
    return pd.DataFrame(rows, columns=list(FINDING_COLUMNS))


def law_enforcement_frame(edition: Edition, placements: Sequence[Placement]) -> pd.DataFrame:
    """One row per country and reporting year; missing figures are NA (not reported)."""
    rows: list[dict[str, Any]] = []
    for p in _sorted(placements):
        country = edition.country(p.code)
        for year, record in sorted(country.law_enforcement.items()):
            row: dict[str, Any] = {
                "code": p.code,
                "name": p.name,
                "region": p.region,
                "region_name": edition.config.regions.get(p.region, p.region),
                "year": year,
            }
            row |= {key: getattr(record, key) for key, _ in LAW_COLUMNS}
            rows.append(row)
    frame = pd.DataFrame(
        rows,
        columns=["code", "name", "region", "region_name", "year"] + [k for k, _ in LAW_COLUMNS],
    )
    for key, _ in LAW_COLUMNS[:-1]:
        frame[key] = frame[key].astype("Int64")
    frame["new_or_amended_legislation"] = frame["new_or_amended_legislation"].astype("boolean")
    return frame


def _totals(frame: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Sums of each count over the countries that reported it (NA where none did)."""
    counts = [k for k, _ in LAW_COLUMNS[:-1]]
    grouped = frame.groupby(by, sort=True)
    totals = grouped[counts].sum(min_count=1)
    totals["new_or_amended_legislation"] = grouped["new_or_amended_legislation"].apply(
        lambda s: int(s.fillna(False).sum())
    )
    totals["countries"] = grouped["code"].nunique()
    return totals.reset_index()


def _plain(value: Any) -> Any:
    """A pandas cell as a plain Python value: NA -> None, numpy ints -> int."""
    if value is pd.NA or value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    return value.item() if hasattr(value, "item") else value


def _headings() -> tuple[str, ...]:
    return (*(title for _, title in LAW_COLUMNS), "Countries reporting")


def law_by_year(frame: pd.DataFrame) -> Table:
    """Global figures for each reporting year: sums over the countries that reported them."""
    totals = _totals(frame, ["year"])
    keys = [k for k, _ in LAW_COLUMNS] + ["countries"]
    rows = tuple((int(r["year"]), *(_plain(r[k]) for k in keys)) for _, r in totals.iterrows())
    return Table("Global law enforcement data by reporting year", ("Year", *_headings()), rows)


def law_by_region(frame: pd.DataFrame, edition: Edition) -> Table:
    """Figures of the edition year by region, in the order edition.yaml lists the regions."""
    year = edition.year
    totals = _totals(frame[frame["year"] == year], ["region"]).set_index("region")
    keys = [k for k, _ in LAW_COLUMNS] + ["countries"]
    rows = tuple(
        (name, *(_plain(totals.loc[code, k]) for k in keys))
        for code, name in edition.config.regions.items()
        if code in totals.index
    )
    return Table(f"Law enforcement data by region, {year}", ("Region", *_headings()), rows)


def tier_counts(edition: Edition, placements: Sequence[Placement]) -> Table:
    """Countries per tier in each region, with a total row and column."""
    frame = pd.DataFrame([(p.region, p.final_tier) for p in placements], columns=["region", "tier"])
    counts = pd.crosstab(frame["region"], frame["tier"]).reindex(
        index=list(edition.config.regions), columns=list(TIER_COLUMNS), fill_value=0
    )
    counts = counts.fillna(0).astype(int)
    cells: dict[str, dict[str, Any]] = counts.to_dict(orient="index")  # type: ignore[assignment]
    rows: list[tuple[Any, ...]] = []
    for code, name in edition.config.regions.items():
        values = [int(cells[code][t]) for t in TIER_COLUMNS]
        rows.append((name, *values, sum(values)))
    totals = [sum(int(cells[code][t]) for code in cells) for t in TIER_COLUMNS]
    rows.append(("All regions", *totals, sum(totals)))
    columns = ("Region", *(TIER_LABELS[t] for t in TIER_COLUMNS), "Total")
    return Table(f"Tier placements by region, {edition.year}", columns, tuple(rows))
