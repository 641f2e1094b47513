"""``short_name``: chapters, contents, lists and the site are headed and ordered by it."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from tests.conftest import copy_edition, run
from tests.rendered import contents
from tests.sitebuild import build_into
from tierreport.check.edition import load_edition
from tierreport.render.charts import text_width
from tierreport.render.context import RenderContext, build_context
from tierreport.render.maps import TILE_W, tile_grid
from tierreport.render.pdf.document import report_html
from tierreport.tiering.place import place_all


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_edition("example", tmp_path_factory.mktemp("short") / "edition")


@pytest.fixture(scope="module")
def context(example: Path) -> RenderContext:
    edition = load_edition(example)
    return build_context(edition, place_all(edition))


def test_the_short_name_defaults_to_the_name(example: Path) -> None:
    edition = load_edition(example)
    assert edition.country("XAR").display_name == "Arcadia"
    assert edition.country("XAR").name == "Republic of Arcadia"
    assert edition.country("XDU").short_name is None
    assert edition.country("XDU").display_name == "Dunmarch"


def test_countries_are_ordered_and_headed_by_the_short_name(context: RenderContext) -> None:
    names = [c.name for c in context.countries]
    assert names[:4] == ["Arcadia", "Borealis", "Caldera", "Dunmarch"]
    arcadia = context.countries[0]
    assert (arcadia.heading, arcadia.formal_name) == ("Arcadia: TIER 3", "Republic of Arcadia")
    assert context.countries[3].formal_name == ""  # Dunmarch has no other name
    # The printed chapters go by region, by short name within one: the Republic of Arcadia
    # opens the Western Hemisphere's, under A.
    entries = [anchor for anchor, _ in contents(context)]
    labels = dict(contents(context))
    start = entries.index("region-WHA")
    wha = [labels[a] for a in entries[start + 1 : start + 4]]
    assert wha == ["Arcadia: Tier 3", "Isperia: Tier 3", "Paloma Verde: Tier 2"]
    tier1 = next(group for group in context.tiers if group.tier == "1")
    assert [c.name for c in tier1.countries] == ["Borealis", "Caldera"]


def test_the_printed_chapter_box_carries_the_formal_name(context: RenderContext) -> None:
    html = report_html(context, draft=False, date=None)
    chapter = html[html.index('id="country-XAR"') :]
    assert re.search(r'data-running="Arcadia">Arcadia: TIER 3</h1>', chapter)
    assert "<dt>Formal name</dt><dd>Republic of Arcadia</dd>" in chapter
    # The conventions table lists countries by their short names, in that order.
    conventions = html[html.index('id="conventions"') : html.index('id="assistance"')]
    order = re.findall(r'href="#country-(X[A-Z]{2})"', conventions)
    assert order[:3] == ["XAR", "XBO", "XCA"]


def test_the_site_heads_the_page_by_the_short_name(example: Path, tmp_path: Path) -> None:
    build_into(example, tmp_path / "build", only=("html",))
    page = (tmp_path / "build" / "site" / "countries" / "XCA.html").read_text(encoding="utf-8")
    assert "<h1>Caldera: TIER 1</h1>" in page
    assert "<dt>Formal name</dt><dd>Federal Republic of Caldera</dd>" in page
    index = (tmp_path / "build" / "site" / "index.html").read_text(encoding="utf-8")
    items = re.findall(r'<li><a href="countries/X[A-Z]{2}.html">([^<]+)</a> \(', index)
    assert items[:4] == ["Arcadia", "Borealis", "Caldera", "Dunmarch"]


def test_explain_finds_a_country_by_its_short_name(example: Path) -> None:
    result = run("explain", "caldera", "--edition", example)
    assert result.exit_code == 0
    assert result.output.startswith("XCA  Federal Republic of Caldera")


def test_an_empty_short_name_is_an_error_at_its_line(tmp_path: Path) -> None:
    edition = copy_edition("example", tmp_path / "edition")
    path = edition / "countries" / "XAR.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("short_name: Arcadia", 'short_name: ""'),
        encoding="utf-8",
    )
    result = run("check", "--edition", edition)
    assert result.exit_code == 1
    assert "countries/XAR.yaml:4:" in result.output
    assert "short_name" in result.output


def test_a_long_name_is_set_whole_on_its_tile(example: Path) -> None:
    # Without its short name, Caldera's formal name takes two lines on its tile, never an ellipsis.
    edition = load_edition(example)
    records = build_context(edition, place_all(edition)).countries
    formal = [dataclasses.replace(c, name=c.formal_name or c.name) for c in records]
    drawn = str(tile_grid(edition, formal).svg)
    assert "\u2026" not in drawn
    assert (
        '<text x="6" y="117" font-weight="bold" font-size="10">Federal Republic of'
        '<tspan x="6" dy="11">Caldera</tspan></text>'
    ) in drawn
    tiles = re.findall(r'<g class="tile">.*?</g>', drawn)
    names = [t for tile in tiles for t in re.findall(r'bold"[^>]*>([^<]+)<', tile)]
    assert len(names) == len(records)
    assert all(text_width(name, 10) <= TILE_W - 12 for name in names)
