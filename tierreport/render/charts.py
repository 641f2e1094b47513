"""Charts drawn at build time as inline SVG: no JavaScript, no request, a text alternative each.

Tier is never shown by colour alone: every bar segment and tile carries its tier label as text,
and the palette is Okabe-Ito's, which readers with the common colour-vision deficiencies can
tell apart. Every SVG has ``role="img"``, a ``<title>`` and a ``<desc>`` (the PDF's tags and a
screen reader use them). Text is black on every fill; each fill has a contrast of at least 4.5:1
against black.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING

from markupsafe import Markup, escape

from tierreport.model import TIER_LABELS, Edition
from tierreport.render.summaries import RegionFollowup
from tierreport.wording import CHANGE_LABELS, percent, signed_score

if TYPE_CHECKING:
    from tierreport.render.record import CountryRecord

TIER_ORDER = ("1", "2", "2WL", "3", "special")

TIER_COLOURS = {
    "1": "#009E73",  # bluish green
    "2": "#56B4E9",  # sky blue
    "2WL": "#E69F00",  # orange
    "3": "#D55E00",  # vermillion
    "special": "#BBBBBB",  # grey
}
"""Okabe-Ito colours by tier; black text on each has a contrast ratio above 4.5:1."""

TIER_SHORT = {"1": "T1", "2": "T2", "2WL": "T2WL", "3": "T3", "special": "SC"}
"""The tier's label where a mark is too small for the full one; the legend spells it out."""

CHANGE_COLOURS = {
    "upgrade": "#009E73",
    "downgrade": "#D55E00",
    "same": "#56B4E9",
    "new": "#F0E442",
    "n/a": "#BBBBBB",
}
CHANGE_KINDS = tuple((kind, CHANGE_LABELS[kind], colour) for kind, colour in CHANGE_COLOURS.items())
"""Each tier change with its label (``wording``) and its colour, in the order charts draw them."""

FONT = "font-family=\"Carlito, 'DejaVu Sans', sans-serif\""


@dataclass(frozen=True)
class Chart:
    """An inline SVG drawn at build time, with its text alternative."""

    id: str
    title: str
    description: str
    svg: Markup


def text_width(text: str, size: float) -> float:
    """A generous estimate of the width of ``text`` at ``size`` px in a sans-serif face."""
    return len(text) * size * 0.6


def svg(chart_id: str, title: str, description: str, width: float, height: float,
        body: Sequence[str], *, fixed_size: bool = True) -> Chart:  # fmt: skip
    """Wrap ``body`` in an accessible ``<svg>``: role, labelled title and description.

    ``fixed_size=False`` leaves out width and height, so that the page scales the drawing to
    its column (the world map is drawn 2475 units wide).
    """
    size = f'width="{width:g}" height="{height:g}" ' if fixed_size else ""
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width:g} {height:g}" '
        f'{size}class="chart" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" {FONT} font-size="12">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>'
    )
    return Chart(chart_id, title, description, Markup(head + "".join(body) + "</svg>"))


def _legend(y: float, items: Sequence[tuple[str, str]]) -> tuple[list[str], float]:
    """A row of swatches with their full labels; returns the elements and the row's height."""
    parts: list[str] = []
    x = 0.0
    for label, colour in items:
        parts.append(
            f'<rect x="{x:g}" y="{y:g}" width="14" height="14" fill="{colour}" stroke="#000"/>'
            f'<text x="{x + 19:g}" y="{y + 11:g}">{escape(label)}</text>'
        )
        x += 19 + text_width(label, 12) + 16
    return parts, 22.0


def tier_regions(edition: Edition, countries: Sequence[CountryRecord]) -> Chart:
    """Stacked bars: the tiers of each region's countries, each segment labelled."""
    regions = [(code, name) for code, name in edition.config.regions.items()]
    counts = {code: Counter(c.tier for c in countries if c.region == code) for code, _ in regions}
    largest = max((sum(c.values()) for c in counts.values()), default=1) or 1
    label_w = max(text_width(name, 12) for _, name in regions) + 10
    unit = min(56.0, 420.0 / largest)
    bar_h, gap = 24.0, 30.0
    legend, legend_h = _legend(0, [(TIER_LABELS[t], TIER_COLOURS[t]) for t in TIER_ORDER])
    body = ['<g class="legend">', *legend, "</g>"]
    summaries = []
    y = legend_h + 12
    for code, name in regions:
        body.append(f'<text x="0" y="{y + 16:g}">{escape(name)}</text>')
        x = label_w
        parts = []
        for tier in TIER_ORDER:
            n = counts[code][tier]
            if not n:
                continue
            w = n * unit
            body.append(
                f'<rect x="{x:g}" y="{y:g}" width="{w:g}" height="{bar_h:g}" '
                f'fill="{TIER_COLOURS[tier]}" stroke="#fff"/>'
            )
            mark = f"{TIER_SHORT[tier]}: {n}"
            if text_width(mark, 11) + 6 <= w:
                body.append(
                    f'<text x="{x + w / 2:g}" y="{y + 16:g}" text-anchor="middle" '
                    f'font-size="11">{escape(mark)}</text>'
                )
            parts.append(f"{TIER_LABELS[tier]} ({n})")
            x += w
        total = sum(counts[code].values())
        summary = ", ".join(parts) if parts else "no country"
        # The tiers spelled out after each bar, so no count depends on a fitting label or colour.
        body.append(f'<text x="{x + 8:g}" y="{y + 16:g}" font-size="11">{escape(summary)}</text>')
        countries_word = "country" if total == 1 else "countries"
        summaries.append(f"{name} ({total} {countries_word}): {summary}")
        y += gap
    width = label_w + largest * unit + 8 + 300
    description = "Countries per tier in each region. " + "; ".join(summaries) + "."
    return svg("chart-tier-regions", "Tier placements by region", description, width, y, body)


def tier_changes(countries: Sequence[CountryRecord], year: int) -> Chart:
    """Bars: how many countries were upgraded, downgraded, unchanged, new or not ranked."""
    counts = Counter(c.change for c in countries)
    label_w = max(text_width(label, 12) for _, label, _ in CHANGE_KINDS) + 10
    largest = max(counts.values(), default=1)
    unit = min(40.0, 360.0 / largest)
    body: list[str] = []
    y = 0.0
    parts = []
    for kind, label, colour in CHANGE_KINDS:
        n = counts.get(kind, 0)
        body.append(f'<text x="0" y="{y + 16:g}">{escape(label)}</text>')
        if n:
            body.append(
                f'<rect x="{label_w:g}" y="{y:g}" width="{n * unit:g}" height="22" '
                f'fill="{colour}" stroke="#000"/>'
            )
        body.append(f'<text x="{label_w + n * unit + 6:g}" y="{y + 16:g}">{n}</text>')
        parts.append(f"{label.lower()} {n}")
        y += 30
    names = {
        kind: ", ".join(f"{c.name} ({c.previous_label} to {c.tier_label})"
                        for c in countries if c.change == kind)
        for kind in ("upgrade", "downgrade")
    }  # fmt: skip
    description = f"Tier changes in {year} against the previous year: " + ", ".join(parts) + "."
    if names["upgrade"]:
        description += f" Upgraded: {names['upgrade']}."
    if names["downgrade"]:
        description += f" Downgraded: {names['downgrade']}."
    width = label_w + largest * unit + 40
    return svg("chart-tier-changes", f"Tier changes, {year}", description, width, y, body)


def followup_regions(regions: Sequence[RegionFollowup], year: int) -> Chart:
    """Bars: each region's follow-up percentage of the previous edition's recommendations.

    As the G7 Research Group charts compliance: 0% means nothing implemented, 50% partial
    progress on average, 100% everything implemented. Each bar carries its figures as text.
    """
    label_w = max(text_width(r.name, 12) for r in regions) + 10
    unit = 3.6  # px per percentage point: 100% is 360 px
    body = [
        f'<line x1="{label_w:g}" y1="0" x2="{label_w:g}" y2="{len(regions) * 30:g}" stroke="#000"/>'
    ]
    y = 0.0
    parts = []
    for region in regions:
        share = region.percentage or Fraction(0)
        width = float(share) * unit
        body.append(f'<text x="0" y="{y + 16:g}">{escape(region.name)}</text>')
        if width:
            body.append(
                f'<rect x="{label_w:g}" y="{y:g}" width="{width:g}" height="22" '
                f'fill="#56B4E9" stroke="#000"/>'
            )
        score = "" if region.score is None else signed_score(region.score)
        shown = "no item assessed" if region.percentage is None else percent(region.percentage)
        text = (
            f"{shown} ({score}), {region.countries} countr{'y' if region.countries == 1 else 'ies'}"
        )
        body.append(f'<text x="{label_w + width + 6:g}" y="{y + 16:g}">{escape(text)}</text>')
        parts.append(f"{region.name} {text}")
        y += 30
    description = (
        f"Follow-up of the {year - 1} recommendations by region, as a percentage (0% nothing "
        "implemented, 50% partial progress on average, 100% everything implemented): "
        + "; ".join(parts)
        + "."
    )
    width = label_w + 100 * unit + 220
    return svg(
        "chart-followup-regions",
        f"Follow-up of the {year - 1} recommendations by region",
        description,
        width,
        y,
        body,
    )
