"""Regional pages and sections, and the world map in print: site pages, SVGs and the PDF's text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import copy_edition
from tests.pdfread import ReadPdf
from tests.sitebuild import build_into, read_page, site_pages
from tierreport.check.edition import load_edition
from tierreport.render.context import build_context
from tierreport.render.geometry import frame, overlaps, path_extent
from tierreport.tiering.place import place_all

ISO_CODES = {"XAR": "CHL", "XPA": "PER", "XBO": "NOR"}
"""Example countries given ISO codes, so that the world map has something to place."""


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_edition("example", tmp_path_factory.mktemp("regions") / "edition")


@pytest.fixture(scope="module")
def site(example: Path) -> Path:
    build_into(example, example.parent / "build", only=("html",))
    return example.parent / "build" / "site"


@pytest.fixture(scope="module")
def iso_edition(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example edition with three countries under real ISO codes."""
    edition = copy_edition("example", tmp_path_factory.mktemp("iso") / "edition")
    for old, new in ISO_CODES.items():
        text = (edition / "countries" / f"{old}.yaml").read_text("utf-8")
        (edition / "countries" / f"{old}.yaml").unlink()
        (edition / "countries" / f"{new}.yaml").write_text(
            text.replace(f"code: {old}", f"code: {new}")
        )
    return edition


def test_one_page_per_region_linked_from_the_navigation_and_the_lists(
    site: Path, example: Path
) -> None:
    edition = load_edition(example)
    regions = edition.config.regions
    assert sorted(p.stem for p in (site / "regions").glob("*.html")) == sorted(regions)
    for page in site_pages(site):
        root = "../" if page.parent != site else ""
        assert f"{root}regions.html" in read_page(page).links, page
    index = read_page(site / "regions.html")
    assert [f"regions/{code}.html" for code in regions] == [
        link for link in index.links if link.startswith("regions/")
    ]
    placements = read_page(site / "placements.html")
    assert [f"regions/{code}.html" for code in regions] == [
        link for link in placements.links if link.startswith("regions/")
    ]


def test_a_region_page_has_its_map_placements_and_figures(site: Path, example: Path) -> None:
    edition = load_edition(example)
    context = build_context(edition, place_all(edition))
    page = read_page(site / "regions" / "WHA.html")
    html = page.path.read_text("utf-8")
    assert page.headings[:4] == [
        (1, "Western Hemisphere: regional overview 2027"),
        (2, "Tier map"), (2, "Placements"), (2, "Law enforcement data by year"),
    ]  # fmt: skip
    assert (
        "3 countries: 1 Tier 2, 2 Tier 3. Downgraded: Arcadia (Tier 2 Watch List to Tier 3), "
        "Isperia (Tier 2 Watch List to Tier 3) and Paloma Verde (Tier 1 to Tier 2)."
    ) in page.text
    tiles = re.findall(r'<g class="tile"><title>([^<]+)</title>', html)
    assert tiles == ["Arcadia: Tier 3", "Isperia: Tier 3", "Paloma Verde: Tier 2"]
    assert 'aria-labelledby="chart-tile-map-WHA-title chart-tile-map-WHA-desc"' in html
    assert "chart-world-map" not in html  # fictional codes: the tile map only
    rows = re.findall(
        r'<tr><th scope="row"><a href="../countries/(\w+)\.html">[^<]+</a></th>'
        r"<td>([^<]+)</td><td>([^<]+)</td><td>([^<]+)</td>",
        html,
    )
    assert rows == [  # by short name: Arcadia, Isperia, Paloma Verde
        ("XAR", "Tier 3", "Tier 2 Watch List", "Downgraded"),
        ("XIS", "Tier 3", "Tier 2 Watch List", "Downgraded"),
        ("XPA", "Tier 2", "Tier 1", "Downgraded"),
    ]
    wha = next(r for r in context.region_views if r.code == "WHA")
    assert wha.law_by_year.caption == "Law enforcement data of Western Hemisphere by reporting year"
    assert "<caption>Law enforcement data of Western Hemisphere by reporting year</caption>" in html
    # Arcadia, Isperia and Paloma Verde reported 2027 investigations: their sum, 3 reporting.
    expected = sum(
        edition.country(c).law_enforcement[2027].investigations or 0 for c in ("XAR", "XIS", "XPA")
    )
    # Each total is followed by its own count of reporting countries (issue 15).
    assert f'<tr><th scope="row">2027</th><td>{expected:,} (3)</td>' in html


def test_the_region_world_map_is_cropped_to_the_region(iso_edition: Path, tmp_path: Path) -> None:
    build_into(iso_edition, tmp_path / "out", only=("html",))
    html = (tmp_path / "out" / "site" / "regions" / "WHA.html").read_text("utf-8")
    world = re.search(r"<svg\b[^>]*chart-world-map-WHA-title.*?</svg>", html, re.S)
    assert world is not None
    view = re.search(r'viewBox="([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+)"', world[0])
    assert view is not None
    left, top, width, height = (float(v) for v in view.groups())
    assert left > 0 and top > 0 and width < 2475 / 2  # the Americas, not the world
    assert width >= height * 0.9  # never narrower than tall (the legend adds a little height)
    placed = re.findall(
        r'<g fill="url\(#chart-world-map-WHA-hatch-(\w+)\)"><title>([^<]+)</title>', world[0]
    )
    assert placed == [("3", "Arcadia: Tier 3"), ("2", "Paloma Verde: Tier 2")]
    assert "Borealis" not in world[0]  # Europe's country is not placed here
    shapes = world[0].count("<g fill=")
    assert 2 < shapes < 184 / 2  # only the countries near the region, of the world's 184
    # The home page's world map keeps its own ids and every ISO-coded country.
    index = (tmp_path / "out" / "site" / "index.html").read_text("utf-8")
    home = re.search(r'<svg\b[^>]*aria-labelledby="chart-world-map-title.*?</svg>', index, re.S)
    assert home is not None and 'viewBox="0 0 2475 1388"' in home[0]
    assert '<g fill="url(#hatch-1)"><title>Borealis: Tier 1</title>' in home[0]


@pytest.mark.slow
def test_the_pdf_has_the_world_map_and_a_section_per_region(
    iso_edition: Path, tmp_path: Path
) -> None:
    result = build_into(iso_edition, tmp_path / "out", only=("pdf",))
    pdf = ReadPdf(result.directory / "human-smuggling-report-2027.pdf")
    [world] = pdf.pages_with("Tier map of the world. World map of tier placements.")
    assert pdf.pages_with("Tier map and charts", body=False)[-1] <= world
    assert "Arcadia: Tier 3; Borealis: Tier 1; Paloma Verde: Tier 2" in " ".join(
        pdf.bodies[world - 1].split()
    )
    edition = load_edition(iso_edition)
    outline = pdf.outline
    # The chapters are grouped by region: each region's overview (level 2) holds its countries'
    # chapters (level 3), alphabetically, in edition.yaml's order of the regions.
    start = next(i for i, e in enumerate(outline) if e.title == "Country chapters")
    end = next(i for i, e in enumerate(outline) if i > start and e.level == 1)
    regions = [e for e in outline[start + 1 : end] if e.level == 2]
    assert [e.title for e in regions] == list(edition.config.regions.values())
    by_region: dict[str, list[str]] = {}
    for entry in outline[start + 1 : end]:
        if entry.level == 2:
            by_region[entry.title] = []
        else:
            assert entry.level == 3
            by_region[list(by_region)[-1]].append(entry.title)
    for code, name in edition.config.regions.items():
        members = [c.display_name for c in edition.countries if c.region == code]
        assert by_region[name] == sorted(members, key=str.casefold), name
    wha = next(e for e in regions if e.title == "Western Hemisphere")
    assert pdf.pages_with("Western Hemisphere: regional overview")[0] == wha.page
    section = " ".join(" ".join(pdf.bodies[p - 1].split()) for p in (wha.page, wha.page + 1))
    for text in (
        "Tier map of Western Hemisphere, 2027.",
        "Western Hemisphere on the world map, 2027. World map of tier placements. Arcadia: "
        "Tier 3; Paloma Verde: Tier 2.",
        "Tier placements in Western Hemisphere, 2027, with the change since 2026",
        "Law enforcement data of Western Hemisphere by reporting year",
    ):
        assert text in section, text
    # Each name in the region's table leads to its chapter: the page number printed after it.
    arcadia = next(e for e in outline if e.title == "Arcadia")
    assert f"Arcadia (p. {arcadia.page})" in section
    # The chapter's tier timeline is in print too, with its text version (after the card).
    chapter = " ".join(
        " ".join(pdf.bodies[p - 1].split()) for p in (arcadia.page, arcadia.page + 1)
    )
    assert "Tiers across years" in chapter
    assert "2027 Tier 3 automatic downgrade to Tier 3; this edition" in chapter


def test_path_extent_follows_relative_and_absolute_commands() -> None:
    # m10 20 to (10, 20); l5 5 to (15, 25); h-20 to (-5, 25); v10 to (-5, 35);
    # c with its end point (2, -40) to (-3, -5); L100 0 absolute; M1 1 then implicit l2 2.
    paths = '<path d="m10 20l5 5h-20v10c1 1 1 1 2-40L100 0"/><path d="M1 1 2 2"/>'
    assert path_extent(paths) == (-5.0, -5.0, 100.0, 35.0)
    assert path_extent('<path d="m1.5.5l.5-1e1"/>') == (1.5, -9.5, 2.0, 0.5)
    assert path_extent("<g/>") == (0.0, 0.0, 0.0, 0.0)


def test_a_frame_has_a_margin_is_no_narrower_than_tall_and_stays_in_the_world() -> None:
    # 100 wide, 300 tall: widened to 300, then a margin of 8% of 300 (24) on every side.
    assert frame([(500.0, 100.0, 600.0, 400.0)], (2475.0, 1320.0)) == (376.0, 76.0, 348.0, 348.0)
    # Near the corner the frame stops at the world's edge.
    assert frame([(0.0, 0.0, 10.0, 10.0)], (2475.0, 1320.0)) == (0.0, 0.0, 30.0, 30.0)
    assert overlaps((10.0, 10.0, 20.0, 20.0), (15.0, 15.0, 100.0, 100.0))
    assert not overlaps((10.0, 10.0, 20.0, 20.0), (21.0, 0.0, 100.0, 100.0))
