"""One view per regional bureau: its map, its placements with their changes, its figures by year.

The site gives each region a page (``regions/CODE.html``) and the PDF a section before the
country chapters; both print a ``RegionView``. The map is the tile map of the region's
countries (any code, fictional ones included) and, when some have ISO codes, the world map with
only the region's countries placed; both write each tier as text.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from tierreport.model import TIER_LABELS, Edition, Placement
from tierreport.render import maps, summaries
from tierreport.render.charts import TIER_ORDER, Chart
from tierreport.render.record import CountryRecord
from tierreport.render.summaries import Table
from tierreport.tiering.scoring import count_of, listing
from tierreport.wording import CHANGE_LABELS


@dataclass(frozen=True)
class RegionView:
    """Everything a regional page or section prints about one regional bureau."""

    code: str
    name: str
    page: str
    """File name of its page in the site's ``regions/`` folder, e.g. ``WHA.html``."""
    anchor: str
    """HTML id of its section in the PDF, e.g. ``region-WHA``."""
    countries: tuple[CountryRecord, ...]
    """The region's countries, alphabetically."""
    summary: str
    """``3 countries: 1 Tier 2, 1 Tier 2 Watch List, 1 Tier 3``."""
    changes: str
    """Who moved since last year, as a sentence; empty when nobody did."""
    tile_map: Chart
    world_map: Chart | None
    """None when no country of the region has an ISO code."""
    law_by_year: Table
    """The region's law-enforcement figures by reporting year, summed as the global ones are."""


def region_summary(countries: Sequence[CountryRecord]) -> str:
    """How many countries the region has, and how many on each tier (best first)."""
    counts = Counter(c.tier for c in countries)
    tiers = [f"{counts[t]} {TIER_LABELS[t]}" for t in TIER_ORDER if counts[t]]
    return f"{count_of(len(countries), 'country', 'countries')}: {', '.join(tiers)}"


def region_changes(countries: Sequence[CountryRecord]) -> str:
    """The region's upgrades and downgrades as one sentence; empty when there is none."""
    said = []
    for kind in ("upgrade", "downgrade"):
        verb = CHANGE_LABELS[kind]
        moved = [f"{c.name} ({c.previous_label} to {c.tier_label})"
                 for c in countries if c.change == kind]  # fmt: skip
        if moved:
            said.append(f"{verb}: {listing(moved)}.")
    return " ".join(said)


def region_views(
    edition: Edition, placements: Sequence[Placement], countries: Sequence[CountryRecord]
) -> tuple[RegionView, ...]:
    """A view of every region that has a country, in ``edition.yaml``'s order."""
    views = []
    for code, name in edition.config.regions.items():
        members = tuple(c for c in countries if c.region == code)
        if not members:
            continue
        placed = [p for p in placements if p.region == code]
        law = summaries.law_by_year(edition, placed)
        views.append(
            RegionView(
                code=code,
                name=name,
                page=f"{code}.html",
                anchor=f"region-{code}",
                countries=members,
                summary=region_summary(members),
                changes=region_changes(members),
                tile_map=maps.tile_grid(
                    edition,
                    members,
                    chart_id=f"chart-tile-map-{code}",
                    title=f"Tier map of {name}, {edition.year}",
                ),
                world_map=maps.world_map(
                    members,
                    chart_id=f"chart-world-map-{code}",
                    title=f"{name} on the world map, {edition.year}",
                    crop=True,
                ),
                law_by_year=dataclasses.replace(
                    law, caption=f"Law enforcement data of {name} by reporting year"
                ),
            )
        )
    return tuple(views)
