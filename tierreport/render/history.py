"""A country's tiers across years: the published tiers of ``history`` plus this edition's.

``tier_years`` gives the rows (the tier timeline's text version and ``tiers-history.csv`` share
them); ``timeline`` draws them as a small inline SVG on the conventions of ``render/charts.py``:
``role="img"``, a title and a description, tier written as text (each tier is a labelled row,
each point names its year and tier), and Watch List years, waivers and automatic downgrades
marked by position and letters, never by colour alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from markupsafe import escape

from tierreport import wording as words
from tierreport.model import TIER_LABELS, Edition, Placement
from tierreport.render.charts import TIER_COLOURS, TIER_ORDER, Chart, svg, text_width
from tierreport.tiering.scoring import findings_score


@dataclass(frozen=True)
class TierYear:
    """One year of a country's published tiers."""

    year: int
    tier: str
    label: str
    waiver: bool
    """A waiver of the automatic downgrade was granted that year."""
    auto_downgraded: bool
    """That year's Tier 3 came from the automatic downgrade."""
    efforts_score: Decimal | None
    """This edition's score; for an earlier year, the score of its recorded findings with this
    edition's scores and weights, or None when no findings were recorded."""
    current: bool
    """The year of this edition."""

    @property
    def marks(self) -> tuple[tuple[str, str], ...]:
        """(symbol, words) of each mark the year carries: waiver, automatic downgrade."""
        return tuple(
            words.HISTORY_MARKS[key] for key in ("waiver", "auto_downgraded") if getattr(self, key)
        )

    @property
    def notes(self) -> str:
        """The marks and, for this edition's year, that it is this edition, as one phrase."""
        said = [text for _, text in self.marks]
        if self.current:
            said.append(words.HISTORY_CURRENT)
        return "; ".join(said)


def tier_years(edition: Edition, placement: Placement) -> tuple[TierYear, ...]:
    """The published tier of every year in ``history`` and this edition's final tier, in order."""
    country = edition.country(placement.code)
    years = []
    for year, entry in sorted(country.history.items()):
        if year >= edition.year:
            continue  # check reports it; this edition's own tier comes from the placement
        score = findings_score(entry.findings, edition.standards)
        years.append(
            TierYear(
                year=year,
                tier=entry.tier,
                label=TIER_LABELS[entry.tier],
                waiver=entry.waiver,
                auto_downgraded=entry.auto_downgraded,
                efforts_score=None if score is None else score.decimal,
                current=False,
            )
        )
    years.append(
        TierYear(
            year=edition.year,
            tier=placement.final_tier,
            label=TIER_LABELS[placement.final_tier],
            waiver=placement.waiver,
            auto_downgraded=placement.auto_downgrade,
            efforts_score=placement.efforts_score,
            current=True,
        )
    )
    return tuple(years)


COLUMN_W, ROW_H, RADIUS = 52.0, 24.0, 7.0


def timeline(code: str, name: str, years: Sequence[TierYear]) -> Chart:
    """The years as points on one row per tier (best at the top), joined year to year.

    Each column is a year from the first recorded to this edition's; a year missing from the
    history is left empty, and the line breaks there. Under each year the marks it carries
    (``W``, ``AD``) are written out, and the legend under the chart says what they mean.
    """
    by_year = {y.year: y for y in years}
    first, last = min(by_year), max(by_year)
    tiers = [t for t in TIER_ORDER if t != "special" or any(y.tier == t for y in years)]
    label_w = max(text_width(TIER_LABELS[t], 12) for t in tiers) + 12
    row = {t: 8 + i * ROW_H + ROW_H / 2 for i, t in enumerate(tiers)}
    grid_bottom = 8 + len(tiers) * ROW_H
    columns = range(first, last + 1)
    width = label_w + len(columns) * COLUMN_W + 8

    def x_of(year: int) -> float:
        return label_w + (year - first) * COLUMN_W + COLUMN_W / 2

    body: list[str] = []
    for tier in tiers:
        y = row[tier]
        body.append(
            f'<text x="0" y="{y + 4:g}">{escape(TIER_LABELS[tier])}</text>'
            f'<line x1="{label_w:g}" y1="{y:g}" x2="{width - 8:g}" y2="{y:g}" '
            f'stroke="#BBBBBB" stroke-dasharray="2 3"/>'
        )
    # The line joins consecutive years only: a gap in the history is a gap in the line.
    for year in columns:
        here, after = by_year.get(year), by_year.get(year + 1)
        if here is not None and after is not None:
            body.append(
                f'<line x1="{x_of(year):g}" y1="{row[here.tier]:g}" x2="{x_of(year + 1):g}" '
                f'y2="{row[after.tier]:g}" stroke="#000" stroke-width="1.5"/>'
            )
    described = []
    for year in columns:
        x = x_of(year)
        weight = ' font-weight="bold"' if year == last else ""
        body.append(
            f'<text x="{x:g}" y="{grid_bottom + 16:g}" text-anchor="middle"{weight}>{year}</text>'
        )
        entry = by_year.get(year)
        if entry is None:
            described.append(f"{year} {words.HISTORY_ABSENT}")
            continue
        symbols = " ".join(symbol for symbol, _ in entry.marks)
        body.append(
            f'<g class="point"><title>{year}: {escape(entry.label)}</title>'
            f'<circle cx="{x:g}" cy="{row[entry.tier]:g}" r="{RADIUS:g}" '
            f'fill="{TIER_COLOURS[entry.tier]}" stroke="#000"/></g>'
        )
        if symbols:
            body.append(
                f'<text x="{x:g}" y="{grid_bottom + 32:g}" text-anchor="middle" '
                f'font-size="11">{escape(symbols)}</text>'
            )
        notes = f" ({entry.notes})" if entry.notes else ""
        described.append(f"{year} {entry.label}{notes}")
    height = grid_bottom + 38
    used = [
        mark for key, mark in words.HISTORY_MARKS.items() if any(getattr(y, key) for y in years)
    ]
    if used:
        legend = "; ".join(f"{symbol}: {text}" for symbol, text in used)
        body.append(f'<text x="0" y="{height + 8:g}" font-size="11">{escape(legend)}</text>')
        height += 16
    return svg(
        f"timeline-{code}",
        f"{words.HISTORY_HEADING}: {name}",
        words.history_description(name, described),
        width,
        height,
        body,
    )
