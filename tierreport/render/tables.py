"""Placements, findings and law-enforcement figures as pandas DataFrames, for the data files.

The data downloads (CSV, Excel, JSON) are written from these frames; the site's summary tables
are plain records from ``tierreport.render.summaries``. Every frame is sorted, so two builds of one
edition give the same rows in the same order.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from tierreport.model import Edition, Placement
from tierreport.render.summaries import LAW_COLUMNS

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

HISTORY_COLUMNS = (
    "code", "name", "region", "year", "tier", "waiver", "auto_downgraded", "efforts_score",
)  # fmt: skip
"""Columns of ``tiers-history.csv`` and the workbook's ``tiers-history`` sheet: one row per
country and year, the published tiers of ``history`` and this edition's."""

AUDIT_COLUMNS = (
    "code", "name", "region", "computed_tier", "final_tier", "override",
    "decision_justification", "waiver", "waiver_justification", "internal_notes",
    "hidden_sources",
)  # fmt: skip
"""Columns of ``audit.csv``, written for the internal audience only: what the audit annex
shows, one row per country."""


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


def history_frame(edition: Edition, placements: Sequence[Placement]) -> pd.DataFrame:
    """One row per country and year (``HISTORY_COLUMNS``): by name, then year."""
    from tierreport.render.history import tier_years

    rows: list[dict[str, Any]] = []
    for p in _sorted(placements):
        for y in tier_years(edition, p):
            score = None if y.efforts_score is None else float(y.efforts_score)
            rows.append({"code": p.code, "name": p.name, "region": p.region, "year": y.year,
                         "tier": y.tier, "waiver": y.waiver,
                         "auto_downgraded": y.auto_downgraded,
                         "efforts_score": score})  # fmt: skip
    return pd.DataFrame(rows, columns=list(HISTORY_COLUMNS))


def audit_frame(edition: Edition, placements: Sequence[Placement]) -> pd.DataFrame:
    """One row per country with what only the internal edition shows; never for the public."""
    rows: list[dict[str, Any]] = []
    for p in _sorted(placements):
        country = edition.country(p.code)
        rows.append(
            {
                "code": p.code,
                "name": p.name,
                "region": p.region,
                "computed_tier": p.computed_tier,
                "final_tier": p.final_tier,
                "override": p.override,
                "decision_justification": country.decision.justification
                if country.decision
                else None,
                "waiver": p.waiver,
                "waiver_justification": country.waiver.justification if country.waiver else None,
                "internal_notes": country.internal_notes or None,
                "hidden_sources": "; ".join(country.hidden_sources) or None,
            }
        )
    return pd.DataFrame(rows, columns=list(AUDIT_COLUMNS))
