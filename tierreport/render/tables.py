"""Placements, findings and law-enforcement figures as tables of typed rows, for the data files.

The data downloads (CSV, Excel, JSON) are written from these tables; the site's summary tables
are plain records from ``tierreport.render.summaries``. Every table is sorted, so two builds of
one edition give the same rows in the same order. A cell is text, a whole number, a yes/no, a
score (a ``Decimal`` of three places) or None (not reported, not applicable); the writers in
``tierreport.render.data`` decide how each kind is written.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from tierreport import wording as words
from tierreport.model import Edition, Placement
from tierreport.render.record import fragile_changes, split_of
from tierreport.tiering.scoring import score_text

PLACEMENT_COLUMNS = (
    "code", "name", "region", "region_name", "computed_tier", "final_tier", "previous_tier",
    "change", "efforts_score", "fully_meets", "significant_efforts", "watch_list_reasons",
    "auto_downgrade", "waiver", "override", "cutoff_candidate", "downgrade_risk_next_year",
    "interim_assessment", "previous_efforts_score", "followup_score", "fragile", "path_up",
    "path_down",
)  # fmt: skip
"""Columns of ``placements.csv``/``.xlsx``: the ``tiers --json`` fields without the rationale
and the structured change and path, plus the region's name and the paths in words."""

FOLLOWUP_COLUMNS = (
    "code", "name", "region", "number", "kind", "item", "assessment", "score", "note",
)  # fmt: skip
"""Columns of ``followup.csv``: one row per country and followed-up item."""

FINDING_COLUMNS = (
    "code", "name", "region", "kind", "id", "title", "pillar", "finding",
    "counted_actions", "planned_actions", "note",
)  # fmt: skip
"""Columns of ``findings.csv``: one row per country and standard, criterion or disqualifier."""

LAW_ENFORCEMENT_COLUMNS = (
    "code", "name", "region", "region_name", "year", *(k for k, _ in words.LAW_FIGURES), "units",
)  # fmt: skip
"""Columns of ``law-enforcement.csv``: one row per country and reporting year."""

ASSISTANCE_COLUMNS = (
    "code", "name", "region", "region_name", "fiscal_year", "at_stake_usd", "recommendation",
    "restricted_usd", "waived_usd", "account", "programme", "programme_usd", "waive",
    "previous_determinations",
)  # fmt: skip
"""Columns of ``assistance.csv``: one row per Tier 3 country and programme (one row for a
country without a breakdown). No justification: the annex prints the published one."""

HISTORY_COLUMNS = (
    "code", "name", "region", "year", "tier", "waiver", "auto_downgraded", "efforts_score",
)  # fmt: skip
"""Columns of ``tiers-history.csv`` and the workbook's ``tiers-history`` sheet: one row per
country and year, the published tiers of ``history`` and this edition's."""

AUDIT_COLUMNS = (
    "code", "name", "region", "computed_tier", "final_tier", "override",
    "decision_justification", "waiver", "waiver_justification", "internal_notes",
    "hidden_sources", "fragile_changes",
)  # fmt: skip
"""Columns of ``audit.csv``, written for the internal audience only: what the audit annex
shows, one row per country."""


Cell = str | int | bool | Decimal | None
"""One cell of a data table; None is written as an empty cell."""


@dataclass(frozen=True)
class Table:
    """A data file's columns and its rows, each row a cell per column in that order."""

    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]

    @classmethod
    def of(cls, columns: Sequence[str], records: Iterable[Mapping[str, Any]]) -> Table:
        """The table of ``records`` (one mapping per row); a column a record lacks is None."""
        names = tuple(columns)
        return cls(names, tuple(tuple(r.get(c) for c in names) for r in records))

    def records(self) -> list[dict[str, Cell]]:
        """The rows as mappings of column to cell."""
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


def _sorted(placements: Sequence[Placement]) -> list[Placement]:
    return sorted(placements, key=lambda p: (p.name.casefold(), p.code))


def placements_table(edition: Edition, placements: Sequence[Placement]) -> Table:
    """One row per country, alphabetically by name, with ``PLACEMENT_COLUMNS``."""
    rows = []
    for p in _sorted(placements):
        record = p.contract()
        record["region_name"] = edition.config.regions.get(p.region, p.region)
        record["watch_list_reasons"] = ";".join(p.watch_list_reasons)
        # The printed score (three decimals, cut), never the float's 16 digits; a Decimal so
        # that the workbook still holds a number.
        exact = {
            "efforts_score": p.efforts_score,
            "previous_efforts_score": p.previous_efforts_score,
            "followup_score": p.followup_score,
        }
        for key, value in exact.items():
            record[key] = None if value is None else Decimal(score_text(value))
        record["path_up"] = _path_text(p, up=True)
        record["path_down"] = _path_text(p, up=False)
        rows.append({c: record[c] for c in PLACEMENT_COLUMNS})
    return Table.of(PLACEMENT_COLUMNS, rows)


def _path_text(placement: Placement, up: bool) -> str | None:
    """The path in the report's words; empty for a Special Case."""
    if placement.final_tier == "special":
        return None
    found = words.path_sentences(placement, up)
    return " ".join(found) if found else words.no_path_sentence(placement, up)


FOLLOWUP_SCORES = {"implemented": 1, "partial": 0, "not_implemented": -1}
"""Each assessment's score (METHODOLOGY 2b); an unassessed item has none."""


def followup_table(edition: Edition, placements: Sequence[Placement]) -> Table:
    """One row per country and followed-up recommendation or benchmark, in the file's order."""
    rows: list[dict[str, Any]] = []
    for p in _sorted(placements):
        for number, entry in enumerate(edition.country(p.code).followup, start=1):
            rows.append(
                {
                    "code": p.code,
                    "name": p.name,
                    "region": p.region,
                    "number": number,
                    "kind": entry.kind,
                    "item": entry.item.strip(),
                    "assessment": entry.assessment,
                    "score": FOLLOWUP_SCORES.get(entry.assessment),
                    "note": (entry.note or "").strip() or None,
                }
            )
    return Table.of(FOLLOWUP_COLUMNS, rows)


def findings_table(edition: Edition, placements: Sequence[Placement]) -> Table:
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
    return Table.of(FINDING_COLUMNS, rows)


def law_enforcement_table(edition: Edition, placements: Sequence[Placement]) -> Table:
    """One row per country and reporting year; a missing figure is None (not reported)."""
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
            row |= {key: getattr(record, key) for key, _ in words.LAW_FIGURES}
            row["units"] = "; ".join(f"{key}: {unit}" for key, unit in record.unit.items()) or None
            rows.append(row)
    return Table.of(LAW_ENFORCEMENT_COLUMNS, rows)


def history_table(edition: Edition, placements: Sequence[Placement]) -> Table:
    """One row per country and year (``HISTORY_COLUMNS``): by name, then year."""
    from tierreport.render.history import tier_years

    rows: list[dict[str, Any]] = []
    for p in _sorted(placements):
        for y in tier_years(edition, p):
            score = None if y.efforts_score is None else Decimal(score_text(y.efforts_score))
            rows.append({"code": p.code, "name": p.name, "region": p.region, "year": y.year,
                         "tier": y.tier, "waiver": y.waiver,
                         "auto_downgraded": y.auto_downgraded,
                         "efforts_score": score})  # fmt: skip
    return Table.of(HISTORY_COLUMNS, rows)


def audit_table(edition: Edition, placements: Sequence[Placement]) -> Table:
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
                "fragile_changes": " ".join(fragile_changes(p)) or None,
            }
        )
    return Table.of(AUDIT_COLUMNS, rows)


def assistance_table(edition: Edition, placements: Sequence[Placement]) -> Table:
    """One row per Tier 3 country and programme of its assistance at stake (``assistance.csv``).

    The country's amounts repeat on each of its programme rows, so that a spreadsheet filter
    on ``waive`` or ``account`` keeps them; a country without a breakdown has one row with the
    programme columns empty, and a Tier 3 country without an ``assistance`` block one row with
    only its name and region.
    """
    rows: list[dict[str, Any]] = []
    for p in _sorted(placements):
        if not p.cutoff_candidate:
            continue
        country = edition.country(p.code)
        base: dict[str, Any] = {
            "code": p.code,
            "name": p.name,
            "region": p.region,
            "region_name": edition.config.regions.get(p.region, p.region),
        }
        a = country.assistance
        if a is None:
            rows.append(base)
            continue
        restricted, waived = split_of(a)
        base |= {
            "fiscal_year": a.fiscal_year,
            "at_stake_usd": a.at_stake_usd,
            "recommendation": a.recommendation,
            "restricted_usd": restricted,
            "waived_usd": waived,
            "previous_determinations": "; ".join(
                f"{year}: {entry.determination}"
                for year, entry in sorted(country.history.items(), reverse=True)
                if entry.determination is not None
            )
            or None,
        }
        if not a.programmes:
            rows.append(base)
        for programme in a.programmes:
            rows.append(
                base
                | {
                    "account": programme.account,
                    "programme": programme.programme,
                    "programme_usd": programme.usd,
                    "waive": programme.waive,
                }
            )
    return Table.of(ASSISTANCE_COLUMNS, rows)
