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
    grid = _grid(years)
    body = [*_tier_rows(grid), *_joins(grid, by_year)]
    described: list[str] = []
    for year in grid.columns:
        body += _column(grid, year, by_year.get(year))
        described.append(_described(year, by_year.get(year)))
    legend = _legend(years, grid.bottom + 38)
    return svg(
        f"timeline-{code}",
        f"{words.HISTORY_HEADING}: {name}",
        words.history_description(name, described),
        grid.width,
        grid.bottom + 38 + (16 if legend else 0),
        [*body, *legend],
    )


@dataclass(frozen=True)
class _Grid:
    """Where the timeline draws: a label column, then a column per year and a row per tier."""

    first: int
    last: int
    tiers: tuple[str, ...]
    """The tiers shown, best first (Special Case only when a year was one)."""
    label_w: float

    @property
    def columns(self) -> range:
        """Every year from the first recorded to this edition's, gaps included."""
        return range(self.first, self.last + 1)

    @property
    def bottom(self) -> float:
        """The foot of the lowest tier row, where the year labels start."""
        return 8 + len(self.tiers) * ROW_H

    @property
    def width(self) -> float:
        """The whole chart's width, with a margin on the right."""
        return self.label_w + len(self.columns) * COLUMN_W + 8

    def x_of(self, year: int) -> float:
        """The centre of the year's column."""
        return self.label_w + (year - self.first) * COLUMN_W + COLUMN_W / 2

    def y_of(self, tier: str) -> float:
        """The centre of the tier's row."""
        return 8 + self.tiers.index(tier) * ROW_H + ROW_H / 2


def _grid(years: Sequence[TierYear]) -> _Grid:
    """The grid for ``years``: its first and last year, its tier rows and its label column."""
    first, last = min(y.year for y in years), max(y.year for y in years)
    tiers = tuple(t for t in TIER_ORDER if t != "special" or any(y.tier == t for y in years))
    label_w = max(text_width(TIER_LABELS[t], 12) for t in tiers) + 12
    return _Grid(first, last, tiers, label_w)


def _tier_rows(grid: _Grid) -> list[str]:
    """Each tier's label and its dotted row across the years."""
    body = []
    for tier in grid.tiers:
        y = grid.y_of(tier)
        body.append(
            f'<text x="0" y="{y + 4:g}">{escape(TIER_LABELS[tier])}</text>'
            f'<line x1="{grid.label_w:g}" y1="{y:g}" x2="{grid.width - 8:g}" y2="{y:g}" '
            f'stroke="#BBBBBB" stroke-dasharray="2 3"/>'
        )
    return body


def _joins(grid: _Grid, by_year: dict[int, TierYear]) -> list[str]:
    """The line from each year's point to the next year's.

    The line joins consecutive years only: a gap in the history is a gap in the line.
    """
    body = []
    for year in grid.columns:
        here, after = by_year.get(year), by_year.get(year + 1)
        if here is not None and after is not None:
            body.append(
                f'<line x1="{grid.x_of(year):g}" y1="{grid.y_of(here.tier):g}" '
                f'x2="{grid.x_of(year + 1):g}" y2="{grid.y_of(after.tier):g}" '
                'stroke="#000" stroke-width="1.5"/>'
            )
    return body


def _column(grid: _Grid, year: int, entry: TierYear | None) -> list[str]:
    """The year's label (bold for this edition), its point and the marks it carries."""
    x, foot = grid.x_of(year), grid.bottom
    weight = ' font-weight="bold"' if year == grid.last else ""
    body = [f'<text x="{x:g}" y="{foot + 16:g}" text-anchor="middle"{weight}>{year}</text>']
    if entry is None:
        return body
    body.append(
        f'<g class="point"><title>{year}: {escape(entry.label)}</title>'
        f'<circle cx="{x:g}" cy="{grid.y_of(entry.tier):g}" r="{RADIUS:g}" '
        f'fill="{TIER_COLOURS[entry.tier]}" stroke="#000"/></g>'
    )
    symbols = " ".join(symbol for symbol, _ in entry.marks)
    if symbols:
        body.append(
            f'<text x="{x:g}" y="{foot + 32:g}" text-anchor="middle" '
            f'font-size="11">{escape(symbols)}</text>'
        )
    return body


def _described(year: int, entry: TierYear | None) -> str:
    """The year in the chart's description: its tier and notes, or that none was published."""
    if entry is None:
        return f"{year} {words.HISTORY_ABSENT}"
    notes = f" ({entry.notes})" if entry.notes else ""
    return f"{year} {entry.label}{notes}"


def _legend(years: Sequence[TierYear], top: float) -> list[str]:
    """What the marks used mean, under the chart (nothing when no year carries a mark)."""
    used = [
        mark for key, mark in words.HISTORY_MARKS.items() if any(getattr(y, key) for y in years)
    ]
    if not used:
        return []
    legend = "; ".join(f"{symbol}: {text}" for symbol, text in used)
    return [f'<text x="0" y="{top + 8:g}" font-size="11">{escape(legend)}</text>']
