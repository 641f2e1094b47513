"""The Watch List indicators as the publication shows them: every figure with its source.

One small table per indicator (year, the office's figure, the alternative estimates with the
kind of their source), the estimate-sensitivity sentences, and the rows of ``indicators.csv``.
The audience is applied here: an estimate whose source is not public appears only in the
internal edition, like every other non-public source.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from tierreport import wording as words
from tierreport.model import Country, Edition, EstimateSensitivity, Placement
from tierreport.render.markdown import render_inline

if TYPE_CHECKING:
    from tierreport.render.record import Note


@dataclass(frozen=True)
class AlternativeCell:
    """One alternative estimate in an indicator table."""

    value: int
    source_name: str
    kind_label: str
    note: Markup
    note_refs: tuple[Note, ...]
    """The numbered source notes it cites."""


@dataclass(frozen=True)
class IndicatorRow:
    """One year of an indicator: the office's figure and the alternative estimates."""

    year: int
    office: int | None
    alternatives: tuple[AlternativeCell, ...]


@dataclass(frozen=True)
class IndicatorTable:
    """One indicator, year by year."""

    key: str
    label: str
    rows: tuple[IndicatorRow, ...]

    @property
    def has_alternatives(self) -> bool:
        """Whether any year has an alternative estimate (the column is printed only then)."""
        return any(row.alternatives for row in self.rows)


def shown(country: Country, source_id: str, internal: bool) -> bool:
    """Whether a source may be printed for this audience."""
    source = country.sources.get(source_id)
    return source is not None and (source.public or internal)


def indicator_tables(
    country: Country,
    internal: bool,
    cite: Callable[[Sequence[str]], tuple[Note, ...]],
) -> tuple[IndicatorTable, ...]:
    """Each indicator's table; ``cite`` numbers the estimates' sources as the page's notes."""
    tables = []
    for key, label in words.INDICATOR_NAMES.items():
        office: dict[int, int | None] = getattr(country.indicators, key)
        estimates = [
            e
            for e in country.indicators.estimates
            if e.indicator == key and shown(country, e.source, internal)
        ]
        years = sorted(set(office) | {e.year for e in estimates})
        rows = []
        for year in years:
            cells = []
            for estimate in (e for e in estimates if e.year == year):
                source = country.sources[estimate.source]
                cells.append(
                    AlternativeCell(
                        value=estimate.value,
                        source_name=source.publisher or source.title,
                        kind_label=words.SOURCE_KINDS[source.kind],
                        note=render_inline(estimate.note) if estimate.note else Markup(""),
                        note_refs=cite([estimate.source]),
                    )
                )
            rows.append(IndicatorRow(year, office.get(year), tuple(cells)))
        tables.append(IndicatorTable(key, label, tuple(rows)))
    return tuple(tables)


def sensitivity_sentences(
    edition: Edition, placement: Placement, internal: bool
) -> tuple[str, ...]:
    """The estimate-sensitivity sentence of each estimate the audience may see."""
    thresholds = edition.standards.thresholds
    return tuple(
        words.sensitivity_sentence(
            item, thresholds.significant_increase_pct, thresholds.significant_increase_from_zero
        )
        for item in visible(placement.estimate_sensitivity, internal)
    )


def visible(
    items: Sequence[EstimateSensitivity], internal: bool
) -> tuple[EstimateSensitivity, ...]:
    """The sensitivities whose source the audience may see."""
    return tuple(item for item in items if item.public or internal)


INDICATOR_COLUMNS: dict[str, str] = {
    "code": "Country code.",
    "name": "Country name.",
    "region": "Region code.",
    "indicator": "smuggled_migrants or deaths_and_disappearances.",
    "year": "Year the figure is for.",
    "value": "The figure; empty: not reported.",
    "figure": "office (the figure the placement uses) or alternative (another estimate).",
    "source": "Id of the source in the country file (alternative estimates).",
    "source_title": "Title of the source(s); the office's figure lists the indicator sources, "
    "separated by ;.",
    "source_kind": "government, international, ngo, media, academic or us_government.",
    "note": "The published remark on an alternative estimate.",
}
"""Columns of ``indicators.csv`` and what each holds."""


def indicator_rows(
    edition: Edition, placements: Sequence[Placement], internal: bool
) -> list[dict[str, Any]]:
    """Every figure and alternative estimate of every ranked country, with its source."""
    rows: list[dict[str, Any]] = []
    for placement in sorted(placements, key=lambda p: (p.name.casefold(), p.code)):
        country = edition.country(placement.code)
        titles = "; ".join(
            country.sources[s].title
            for s in country.indicators.sources
            if shown(country, s, internal)
        )
        base = {"code": country.code, "name": country.name, "region": country.region}
        for key in words.INDICATOR_NAMES:
            office: dict[int, int | None] = getattr(country.indicators, key)
            for year, value in sorted(office.items()):
                rows.append(
                    {
                        **base,
                        "indicator": key,
                        "year": year,
                        "value": value,
                        "figure": "office",
                        "source": "",
                        "source_title": titles,
                        "source_kind": "",
                        "note": "",
                    }
                )
            for estimate in country.indicators.estimates:
                if estimate.indicator != key or not shown(country, estimate.source, internal):
                    continue
                source = country.sources[estimate.source]
                rows.append(
                    {
                        **base,
                        "indicator": key,
                        "year": estimate.year,
                        "value": estimate.value,
                        "figure": "alternative",
                        "source": estimate.source,
                        "source_title": source.title,
                        "source_kind": source.kind,
                        "note": estimate.note or "",
                    }
                )
    return rows
