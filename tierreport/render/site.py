"""The static site: one page per template, one page per country, the CSS and the filter script.

Every link is relative (``root`` is ``""`` on top-level pages and ``"../"`` on country pages),
so the site opens from the file system; nothing is fetched from anywhere. Pages are written in
a fixed order with ``\\n`` line endings, so two builds give the same bytes.
"""

from __future__ import annotations

import hashlib
import pickle
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tierreport.load.cache import Store
from tierreport.render.context import Audience, Front, RenderContext
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

PAGE_CACHE = "pages.pickle"
"""The page cache (``write_site``), in the build cache (``OUT/.cache``)."""

SEARCH_GROUP = 10
"""The most country pages one search index holds (``search_groups``)."""


@dataclass(frozen=True)
class Download:
    """A data file the data page links to."""

    label: str
    href: str
    """Relative to the site's root, e.g. ``../data/placements.csv``."""
    description: str


@dataclass(frozen=True)
class PageFrame:
    """All that a country page reads of the whole context: it is the page's ``ctx``.

    A country page is rendered from its country's record and this frame only, so that the
    page cache (``write_site``) can key a page by everything it reads; a template that reached
    for anything else of the context would fail the build (``StrictUndefined``), cached or not.
    """

    audience: Audience
    draft: bool
    front: Front

    @property
    def internal(self) -> bool:
        """Whether this is the internal edition."""
        return self.audience == "internal"


_PAGE_KEY = b"tierreport-page-2"


def _write(path: Path, page: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(page if isinstance(page, bytes) else page.encode("utf-8"))


def _page_key(template: str, inputs: tuple[Any, ...]) -> bytes | None:
    """A hash of everything a page's template receives; None if it cannot be hashed.

    Pickled without its memo (``fast``), so that equal inputs give the same bytes whether or
    not they share objects (a text rendered afresh or taken from the Markdown cache).
    """
    digest = _Digest(_PAGE_KEY + template.encode() + b"\0")
    pickler = pickle.Pickler(digest, protocol=5)
    pickler.fast = True
    try:
        pickler.dump(inputs)
    except (pickle.PicklingError, TypeError, AttributeError, ValueError, RecursionError):
        return None
    return digest.hash.digest()


class _Digest:
    """A file-like sink that hashes what is written to it."""

    def __init__(self, start: bytes) -> None:
        self.hash = hashlib.sha256(start)

    def write(self, data: bytes) -> int:
        self.hash.update(data)
        return len(data)


def _kept_page(pages: Store[bytes], key: bytes | None, previous: Path) -> bytes | None:
    """The previous build's page for ``key``, if it is still the bytes rendered then."""
    digest = None if key is None else pages.get(key)
    if digest is None:
        return None
    try:
        data = previous.read_bytes()
    except OSError:
        return None
    return data if hashlib.sha256(data).digest() == digest else None


def write_site(
    context: RenderContext,
    site: Path,
    downloads: Sequence[Download] = (),
    *,
    previous: Path | None = None,
    pages: Store[bytes] | None = None,
) -> tuple[Path, ...]:
    """Write every page of the site into ``site`` and return the files written, in order.

    With ``pages`` (the page cache) and ``previous`` (the previous build's site), a country page
    whose inputs (its record, the frame, the navigation: everything its templates receive; the
    templates and code are in the cache's fingerprint) hash as they did in the previous build is
    copied from that build instead of rendered again, if its bytes are still those rendered then.
    """
    env = environment()
    nav = NAV + (INTERNAL_NAV if context.internal else ())
    common: dict[str, Any] = {"ctx": context, "nav": nav, "downloads": tuple(downloads)}
    written: list[Path] = []
    for page, title in nav:
        html = env.get_template(page).render(common, page=page, title=title, root="")
        _write(site / page, html)
        written.append(site / page)
    store: Store[bytes] = pages if pages is not None else Store(None)
    frame = PageFrame(context.audience, context.draft, context.front)
    framed: dict[str, Any] = {"ctx": frame, "nav": nav}
    # The frame is hashed once; a record by the key it was kept under, when it has one (its
    # inputs, not its own bytes: a fifth of a rebuild went to pickling the 200 records).
    frame_key = _page_key("frame", (frame, nav))
    for country in context.countries:
        path = site / "countries" / country.page
        title, root = country.heading, "../"
        made_of = context.record_keys.get(country.code)
        inputs = (frame_key, "", title, root, country if made_of is None else made_of)
        key = None if frame_key is None else _page_key("country.html", inputs)
        kept = (
            None if previous is None else _kept_page(store, key, previous / path.relative_to(site))
        )
        if kept is None:
            html = env.get_template("country.html").render(
                framed, page="", title=title, root=root, country=country
            )
            kept = html.encode("utf-8")
            if key is not None:
                store.put(key, hashlib.sha256(kept).digest())
        _write(path, kept)
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
