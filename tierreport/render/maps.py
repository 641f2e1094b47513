"""The tier map: a regional tile grid for every edition, and a world map for ISO codes.

The tile grid works for any code, fictional ones included: one labelled tile per country,
grouped by region, each tile showing the country's name and tier in text. The world map uses
the world SVG that ``pygal_maps_world`` ships (countries keyed by ISO 3166-1 alpha-2; alpha-3
codes are mapped with ``pycountry``); there each tier also has its own hatching, and every
country shape carries a ``<title>`` naming its tier, so tier is never shown by colour alone.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

import pycountry
from markupsafe import Markup, escape

from tierreport.model import TIER_LABELS, Edition
from tierreport.render.charts import TIER_COLOURS, TIER_ORDER, Chart, svg, text_width
from tierreport.render.geometry import Extent, Frame, frame, overlaps, path_extent

if TYPE_CHECKING:
    from tierreport.render.record import CountryRecord

TILE_W, TILE_H, TILE_GAP, PER_ROW = 150.0, 44.0, 6.0, 5

HATCHES = {
    "1": "",
    "2": '<path d="M0,8 L8,0" stroke="#000" stroke-width="0.8"/>',
    "2WL": '<circle cx="4" cy="4" r="1.4" fill="#000"/>',
    "3": '<path d="M0,0 L8,8 M0,8 L8,0" stroke="#000" stroke-width="0.8"/>',
    "special": '<path d="M0,4 H8" stroke="#000" stroke-width="0.8"/>',
}
"""A pattern per tier on the world map, so that tiers differ without colour."""

WORLD = (2475.0, 1320.0)
"""The width and height of pygal_maps_world's world SVG."""


def _short(name: str, width: float, size: float) -> str:
    """``name`` cut with an ellipsis to fit ``width`` (the full name is in the tile's title)."""
    if text_width(name, size) <= width:
        return name
    keep = max(1, int(width / (size * 0.6)) - 1)
    return name[:keep].rstrip() + "\u2026"


def _tile_name(name: str, x: float, top: float) -> str:
    """The name on a tile, never cut while it can be set whole (issue 15: no "Federal Republic
    o..."): at 12 px when it fits, smaller down to 10 px, else on two lines at 10 px."""
    width = TILE_W - 12
    for size in (12, 11, 10):
        if text_width(name, size) <= width:
            # 12 px is the drawing's own size (charts.svg), so it needs no attribute.
            sized = "" if size == 12 else f' font-size="{size}"'
            return (
                f'<text x="{x + 6:g}" y="{top + 17:g}" font-weight="bold"{sized}>'
                f"{escape(name)}</text>"
            )
    words, first = name.split(), ""
    while words and text_width(f"{first} {words[0]}".strip(), 10) <= width:
        first = f"{first} {words.pop(0)}".strip()
    if not first:  # one word longer than the tile: the only case still cut
        first = _short(words.pop(0), width, 10)
    second = _short(" ".join(words), width, 10)
    return (
        f'<text x="{x + 6:g}" y="{top + 13:g}" font-weight="bold" font-size="10">'
        f'{escape(first)}<tspan x="{x + 6:g}" dy="11">{escape(second)}</tspan></text>'
    )


def tile_grid(
    edition: Edition,
    countries: Sequence[CountryRecord],
    *,
    chart_id: str = "chart-tile-map",
    title: str = "",
) -> Chart:
    """One tile per country, grouped by region: name, code and tier written on each tile.

    ``chart_id`` and ``title`` name another drawing of it (a region's, on its own page).
    """
    body: list[str] = []
    y = 0.0
    summaries = []
    for code, region in edition.config.regions.items():
        members = [c for c in countries if c.region == code]
        if not members:
            continue
        body.append(f'<text x="0" y="{y + 14:g}" font-weight="bold">{escape(region)}</text>')
        y += 22
        for i, c in enumerate(members):
            x = (i % PER_ROW) * (TILE_W + TILE_GAP)
            top = y + (i // PER_ROW) * (TILE_H + TILE_GAP)
            body.append(
                f'<g class="tile"><title>{escape(c.name)}: {escape(c.tier_label)}</title>'
                f'<rect x="{x:g}" y="{top:g}" width="{TILE_W:g}" height="{TILE_H:g}" rx="3" '
                f'fill="{TIER_COLOURS[c.tier]}" stroke="#000"/>'
                + _tile_name(c.name, x, top)
                + f'<text x="{x + 6:g}" y="{top + 35:g}" font-size="11">'
                f"{escape(c.tier_label)}</text></g>"
            )
        rows = (len(members) + PER_ROW - 1) // PER_ROW
        y += rows * (TILE_H + TILE_GAP) + 10
        summaries.append(region + ": " + ", ".join(f"{c.name} {c.tier_label}" for c in members))
    width = PER_ROW * (TILE_W + TILE_GAP)
    description = "Each country's tier, grouped by region. " + "; ".join(summaries) + "."
    title = title or f"Tier map by region, {edition.year}"
    return svg(chart_id, title, description, width, max(y, 1.0), body)


def alpha_2(code: str) -> str | None:
    """The ISO 3166-1 alpha-2 code of an alpha-3 code; None for a user-assigned one (XAA-XZZ)."""
    if code.startswith("X"):
        return None
    found = pycountry.countries.get(alpha_3=code)
    return None if found is None else str(found.alpha_2).lower()


@cache
def _world_shapes() -> tuple[tuple[str, str], ...]:
    """(alpha-2, path elements) of every country of pygal_maps_world's world SVG."""
    text = resources.files("pygal_maps_world").joinpath("worldmap.svg").read_text("utf-8")
    pattern = re.compile(r'<g class="([a-z]{2}) country map-element">(.*?)</g>', re.S)
    return tuple((m.group(1), " ".join(m.group(2).split())) for m in pattern.finditer(text))


def world_map(
    countries: Sequence[CountryRecord],
    *,
    chart_id: str = "chart-world-map",
    title: str = "Tier map of the world",
    crop: bool = False,
) -> Chart | None:
    """The world map coloured and hatched by tier; None when no country has an ISO code.

    Only ``countries`` are placed (a region's, for its page); every other shape is left grey.
    ``crop`` draws only the part of the world around them, with the shapes that reach into it.
    Pattern ids carry ``chart_id``, so that two maps can share a page.
    """
    placed = {a2: c for c in countries if (a2 := alpha_2(c.code)) is not None}
    if not placed:
        return None
    # The site's home page keeps its ids; another map on a page gets its own.
    prefix = "" if chart_id == "chart-world-map" else f"{chart_id}-"
    view = frame([_extent(a2) for a2 in placed], WORLD) if crop else (0.0, 0.0, *WORLD)
    # The legend's font size, sized to the drawing (28 units on the whole world's 2475).
    size = 28 * view[2] / WORLD[0]
    body = [
        *_hatches(prefix),
        *_shapes(placed, prefix, view if crop else None),
        *_legend(prefix, view, size),
    ]
    width, height = view[2], view[3] + size * 68 / 28
    drawing = svg(chart_id, title, _description(placed), width, height, body, fixed_size=False)
    return _moved(drawing, view) if crop else drawing


def _hatches(prefix: str) -> list[str]:
    """One pattern per tier: its colour and its hatching."""
    body = ["<defs>"]
    for tier in TIER_ORDER:
        body.append(
            f'<pattern id="{prefix}hatch-{tier}" width="8" height="8" '
            'patternUnits="userSpaceOnUse">'
            f'<rect width="8" height="8" fill="{TIER_COLOURS[tier]}"/>{HATCHES[tier]}</pattern>'
        )
    return [*body, "</defs>"]


def _shapes(placed: dict[str, CountryRecord], prefix: str, crop: Frame | None) -> list[str]:
    """Every country shape (those reaching into ``crop`` only): grey, or its tier's pattern."""
    body = ['<g stroke="#555" stroke-width="0.5">']
    for a2, paths in _world_shapes():
        if crop is not None and not overlaps(_extent(a2), crop):
            continue
        c = placed.get(a2)
        if c is None:
            body.append(f'<g fill="#F2F2F2">{paths}</g>')
        else:
            body.append(
                f'<g fill="url(#{prefix}hatch-{c.tier})"><title>{escape(c.name)}: '
                f"{escape(c.tier_label)}</title>{paths}</g>"
            )
    return [*body, "</g>"]


def _legend(prefix: str, view: Frame, size: float) -> list[str]:
    """A swatch with each tier's hatching and its label, across the bottom of ``view``."""
    left, top, width, height = view
    x, y = left + 20 * width / 2475, top + height + size * 10 / 28
    body = []
    for tier in TIER_ORDER:
        label = TIER_LABELS[tier]
        body.append(
            f'<rect x="{x:g}" y="{y:g}" width="{size * 9 / 7:g}" height="{size * 9 / 7:g}" '
            f'fill="url(#{prefix}hatch-{tier})" stroke="#000" stroke-width="{size / 28:g}"/>'
            f'<text x="{x + size * 46 / 28:g}" y="{y + size * 26 / 28:g}" font-size="{size:g}">'
            f"{escape(label)}</text>"
        )
        x += size * 46 / 28 + text_width(label, size) + size * 30 / 28
    return body


def _description(placed: dict[str, CountryRecord]) -> str:
    """Every placed country and its tier, by name."""
    listed = sorted(placed.values(), key=lambda c: c.name.casefold())
    return (
        "World map of tier placements. "
        + "; ".join(f"{c.name}: {c.tier_label}" for c in listed)
        + "."
    )


def _moved(drawing: Chart, view: Frame) -> Chart:
    """A cropped map's viewBox, moved to start where the region does."""
    left, top, width, _ = view
    start = f'viewBox="0 0 {width:g} '
    shifted = str(drawing.svg).replace(start, f'viewBox="{left:g} {top:g} {width:g} ', 1)
    return dataclasses.replace(drawing, svg=Markup(shifted))


@cache
def _extent(a2: str) -> Extent:
    """The extent of a country's shapes on the world map (all zeros for an unknown code)."""
    return path_extent(dict(_world_shapes()).get(a2, ""))
