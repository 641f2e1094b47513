"""The static site: one page per template, one page per country, the CSS and the filter script.

Every link is relative (``root`` is ``""`` on top-level pages and ``"../"`` on country pages),
so the site opens from the file system; nothing is fetched from anywhere. Pages are written in
a fixed order with ``\\n`` line endings, so two builds give the same bytes.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tierreport.render.context import RenderContext
from tierreport.render.environment import TEMPLATES_DIR, environment

NAV = (
    ("index.html", "Home"),
    ("methodology.html", "Methodology"),
    ("placements.html", "Tier placements"),
    ("regions.html", "Regions"),
    ("changes.html", "Tier changes"),
    ("watch-list.html", "Watch List"),
    ("assistance.html", "Assistance annex"),
    ("law-enforcement.html", "Law enforcement data"),
    ("data.html", "Data downloads"),
)
"""Top-level pages, in the navigation's order: (file, title)."""

INTERNAL_NAV = (("audit.html", "Audit annex"), ("compare.html", "Findings compared"))
"""Pages of the internal edition only."""

STATIC = ("site.css", "site.js")
"""Files copied as they are from the templates directory."""

SEARCH_SCRIPT = "search.js"
"""The search box's script, copied into the whole site only (a preview has no index)."""

SEARCH_GROUP = 10
"""The most country pages one search index holds (``search_groups``)."""


@dataclass(frozen=True)
class Download:
    """A data file the data page links to."""

    label: str
    href: str
    """Relative to the site's root, e.g. ``../data/placements.csv``."""
    description: str


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))


def write_site(
    context: RenderContext, site: Path, downloads: Sequence[Download] = ()
) -> tuple[Path, ...]:
    """Write every page of the site into ``site`` and return the files written, in order."""
    env = environment()
    nav = NAV + (INTERNAL_NAV if context.internal else ())
    common: dict[str, Any] = {"ctx": context, "nav": nav, "downloads": tuple(downloads)}
    written: list[Path] = []
    for page, title in nav:
        html = env.get_template(page).render(common, page=page, title=title, root="")
        _write(site / page, html)
        written.append(site / page)
    template = env.get_template("country.html")
    for country in context.countries:
        path = site / "countries" / country.page
        html = template.render(common, page="", title=country.heading, root="../", country=country)
        _write(path, html)
        written.append(path)
    compared = env.get_template("compare-criterion.html")
    for comparison in context.comparisons:  # internal only: the clearance review
        path = site / comparison.page
        title = f"{comparison.id} compared across countries"
        html = compared.render(common, page="", title=title, root="", comparison=comparison)
        _write(path, html)
        written.append(path)
    template = env.get_template("region.html")
    for region in context.region_views:
        path = site / "regions" / region.page
        title = f"{region.name}: regional overview"
        html = template.render(common, page="", title=title, root="../", region=region)
        _write(path, html)
        written.append(path)
    for name in (*STATIC, SEARCH_SCRIPT):
        shutil.copyfile(TEMPLATES_DIR / name, site / name)
        written.append(site / name)
    return tuple(written)


def search_groups(context: RenderContext) -> tuple[tuple[str, ...], ...]:
    """The country pages indexed apart for search (``render.search``), relative to the site.

    Each region's pages, by code, in as few groups of nearly equal size as hold at most
    ``SEARCH_GROUP`` pages each, so that an edit re-indexes a few pages and a new country only
    its region's; every other page is in the first index.
    """
    regions: dict[str, list[str]] = {}
    for country in sorted(context.countries, key=lambda c: c.code):
        regions.setdefault(country.region, []).append(f"countries/{country.page}")
    groups: list[tuple[str, ...]] = []
    for region in sorted(regions):
        pages = regions[region]
        count = -(-len(pages) // SEARCH_GROUP)
        groups += [
            tuple(pages[n * len(pages) // count : (n + 1) * len(pages) // count])
            for n in range(count)
        ]
    return tuple(groups)
