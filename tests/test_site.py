"""The static site of the example edition: every page, heading, link and country fact."""

from __future__ import annotations

import itertools
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import copy_edition
from tests.sitebuild import build_into, read_page, site_pages
from tierreport.check.edition import load_edition
from tierreport.model import TIER_LABELS
from tierreport.render.context import build_context
from tierreport.render.site import NAV
from tierreport.tiering.place import place_all

TOP_PAGES = [page for page, _ in NAV]


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example edition, copied."""
    return copy_edition("example", tmp_path_factory.mktemp("site") / "edition")


@pytest.fixture(scope="module")
def site(example: Path) -> Path:
    """The public site and data files of the example edition (no PDF: its tests are its own)."""
    out = example.parent / "build"
    build_into(example, out, only=("html", "data"))
    return out / "site"


def test_every_page_is_written(site: Path, example: Path) -> None:
    codes = sorted(p.stem for p in (example / "countries").glob("*.yaml"))
    assert sorted(p.name for p in site.glob("*.html")) == sorted(TOP_PAGES)
    assert sorted(p.stem for p in (site / "countries").glob("*.html")) == codes
    assert (site / "site.css").is_file()
    assert (site / "site.js").is_file()


def test_each_country_page_shows_its_final_tier_and_every_finding(
    site: Path, example: Path
) -> None:
    edition = load_edition(example)
    for placement in place_all(edition):
        country = edition.country(placement.code)
        page = read_page(site / "countries" / f"{country.code}.html")
        label = TIER_LABELS[placement.final_tier]
        assert [h for h in page.headings if h[0] == 1] == [(1, f"{country.name}: {label.upper()}")]
        html = page.path.read_text("utf-8")
        fact = (
            f'<dt>Tier {edition.year}</dt><dd><span class="tier '
            f'tier-{placement.final_tier.lower()}">{label}</span></dd>'
        )
        assert fact in html, country.code
        found = [(sid, f.finding) for sid, f in country.legal_standards.items()]
        found += [(sid, f.finding) for sid, f in country.criteria.items()]
        labels = {"met": "Met", "partial": "Partially met", "not_met": "Not met",
                  "not_applicable": "Not applicable", "unassessed": "Not yet assessed"}  # fmt: skip
        for sid, finding in found:
            row = re.search(
                rf'<span class="sid">{sid}</span>.*?<span class="finding finding-{finding}">'
                rf"{labels[finding]}</span>",
                html,
                re.S,
            )
            assert row, f"{country.code} {sid} {finding}"
        for disqualifier in country.disqualifiers:
            assert f'<span class="sid">{disqualifier.id}</span>' in html


def test_country_page_shows_the_sentences_and_the_notes(site: Path, example: Path) -> None:
    edition = load_edition(example)
    context = build_context(edition, place_all(edition))
    arcadia = next(c for c in context.countries if c.code == "XAR")
    page = read_page(site / "countries" / "XAR.html")
    assert arcadia.justification in page.text
    assert arcadia.change_sentence in page.text
    for note in arcadia.notes:
        assert note.anchor in page.ids
    assert [h[1] for h in page.headings if h[0] == 2] == [
        "Tiers across years", "Summary", "How the tier was decided",
        "Prioritized recommendations", "Prosecution", "Protection", "Prevention", "Partnership",
        "Smuggling profile", "Law enforcement data",
        "Indicators", "International conventions", "Assistance at stake", "Scorecard", "Sources",
    ]  # fmt: skip


def test_one_h1_and_ordered_headings_on_every_page(site: Path) -> None:
    for path in site_pages(site):
        page = read_page(path)
        assert page.lang == "en", path
        levels = [level for level, _ in page.headings]
        assert levels.count(1) == 1 and levels[0] == 1, path
        for before, after in itertools.pairwise(levels):
            assert after <= before + 1, f"{path}: h{before} then h{after}"


def test_links_are_relative_and_resolve(site: Path) -> None:
    for path in site_pages(site):
        page = read_page(path)
        for link in page.links:
            if link.startswith(("https://", "http://", "mailto:")):
                continue  # outbound links in content: sources and Markdown links
            assert not link.startswith(("/", "//", "file:", "data:", "javascript:")), link
            target, _, fragment = link.partition("#")
            resolved = (path.parent / target).resolve() if target else path
            assert resolved.is_file(), f"{path.relative_to(site)}: {link}"
            if fragment and resolved.suffix == ".html":
                assert fragment in read_page(resolved).ids, f"{path.relative_to(site)}: {link}"


def test_no_page_makes_a_network_request(site: Path) -> None:
    for path in site_pages(site):
        html = path.read_text("utf-8")
        page = read_page(path)
        # Only <a href> may point outside; anything the browser loads by itself is local.
        loads = re.findall(r"<(?:script|link|img|iframe|source|object|embed)\b[^>]*", html)
        for tag in loads:
            assert "http" not in tag and "//" not in tag, f"{path}: {tag}"
        root = "../" if path.parent != site else ""
        assert page.scripts in ([f"{root}search.js"], [f"{root}search.js", f"{root}site.js"]), path
        assert "@import" not in html and "url(" not in html, path
    # The search loads its index from the site itself (search-data.js), never from a network.
    script = (site / "search.js").read_text("utf-8")
    assert "http" not in script and 'root + "search-data.js"' in script
    css = (site / "site.css").read_text("utf-8")
    assert "url(" not in css and "@import" not in css and "http" not in css


def test_placements_are_alphabetical_within_each_tier(site: Path, example: Path) -> None:
    edition = load_edition(example)
    placements = place_all(edition)
    html = (site / "placements.html").read_text("utf-8")
    by_tier = html.split('<section aria-labelledby="by-region"')[0]
    for tier in ("1", "2", "2WL", "3", "special"):
        expected = sorted((p.name for p in placements if p.final_tier == tier), key=str.casefold)
        section = re.search(rf'<h3 id="tier-{tier.lower()}">.*?</table>', by_tier, re.S)
        if not expected:
            assert section is None
            continue
        assert section is not None, tier
        names = re.findall(r'<th scope="row"><a href="countries/X..\.html">([^<]+)</a>', section[0])
        assert names == expected, tier


def test_filter_form_is_hidden_until_the_script_shows_it(site: Path) -> None:
    html = (site / "placements.html").read_text("utf-8")
    assert '<form class="filter" id="filter" hidden>' in html
    assert "form.hidden = false;" in (site / "site.js").read_text("utf-8")
    # Without JavaScript every country is in the table: no row starts hidden.
    assert "<tr hidden" not in html and 'style="display' not in html


def test_charts_have_text_alternatives_and_tier_labels(site: Path) -> None:
    html = (site / "index.html").read_text("utf-8")
    charts = re.findall(r"<svg\b.*?</svg>", html, re.S)
    assert len(charts) == 2  # tiers by region and the tile map; no ISO codes, no world map
    for svg in charts:
        assert 'role="img"' in svg and "<title id=" in svg and "<desc id=" in svg
    tiles = re.findall(r'<g class="tile"><title>([^<]+)</title>.*?</g>', charts[1], re.S)
    assert "Republic of Arcadia: Tier 3" in tiles
    assert len(tiles) == len(list(site.glob("countries/*.html")))
    for tile in re.findall(r'<g class="tile">.*?</g>', charts[1], re.S):
        label = tile.split("</title>")[0].rsplit(": ", 1)[1]
        assert f'font-size="11">{label}</text>' in tile


def test_world_map_appears_for_iso_codes(example: Path, tmp_path: Path) -> None:
    edition = tmp_path / "edition"
    shutil.copytree(example, edition)
    text = (edition / "countries" / "XAR.yaml").read_text("utf-8")
    (edition / "countries" / "XAR.yaml").unlink()
    (edition / "countries" / "CHL.yaml").write_text(text.replace("code: XAR", "code: CHL"))
    build_into(edition, tmp_path / "out", only=("html",))
    html = (tmp_path / "out" / "site" / "index.html").read_text("utf-8")
    world = re.search(r'<svg\b[^>]*aria-labelledby="chart-world-map-title.*?</svg>', html, re.S)
    assert world is not None
    assert '<g fill="url(#hatch-3)"><title>Republic of Arcadia: Tier 3</title>' in world[0]
    assert "Republic of Arcadia: Tier 3" in re.search(r"<desc[^>]*>(.*?)</desc>", world[0])[1]


def test_internal_site_is_separate_and_has_the_audit_annex(example: Path, tmp_path: Path) -> None:
    result = build_into(example, tmp_path / "out", audience="internal", only=("html",))
    assert result.directory == tmp_path / "out" / "internal"
    assert (tmp_path / "out" / "internal" / "site" / "audit.html").is_file()
    assert not (tmp_path / "out" / "site").exists()
    banner = "Internal edition: not for publication."
    assert banner in read_page(tmp_path / "out" / "internal" / "site" / "index.html").text


def test_watch_list_page_gives_each_reason_and_the_waiver(site: Path, example: Path) -> None:
    edition = load_edition(example)
    context = build_context(edition, place_all(edition))
    html = (site / "watch-list.html").read_text("utf-8")
    rows = re.findall(r'<tr><th scope="row"><a href="countries/(\w+)\.html">', html)
    assert rows == [c.code for c in context.watch_list]
    galvania = next(c for c in context.watch_list if c.waiver)
    assert galvania.waiver_sentence.startswith(f"{galvania.name} was granted a waiver")
    assert (
        f"{galvania.watch_list_sentence} {galvania.waiver_sentence}".replace("'", "&#39;") in html
    )
