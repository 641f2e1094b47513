"""The static site of the example edition: every page, heading, link and country fact."""

from __future__ import annotations

import csv
import itertools
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import copy_edition
from tests.sitebuild import build_into, read_page, site_pages
from tierreport import wording as words
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
        assert [h for h in page.headings if h[0] == 1] == [
            (1, f"{country.display_name}: {label.upper()}")
        ]
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
        "Change and path", "Tiers across years", "Summary", "How the tier was decided",
        "Prioritized recommendations", "Prosecution", "Protection", "Prevention", "Partnership",
        "Smuggling profile", "Law enforcement data", "Indicators", "International conventions",
        "Assistance at stake", "Scorecard", "Sources",
    ]  # fmt: skip


def test_every_ranked_country_page_opens_with_the_change_and_path_card(
    site: Path, example: Path
) -> None:
    edition = load_edition(example)
    for placement in place_all(edition):
        html = (site / "countries" / f"{placement.code}.html").read_text("utf-8")
        card = re.search(r'<section class="change-card".*?</section>', html, re.S)
        if placement.final_tier == "special":
            assert card is None, placement.code
            continue
        assert card, placement.code
        # Directly under the justification, before the facts.
        assert html.index('class="justification"') < card.start() < html.index('class="facts"')
        text = " ".join(re.sub(r"<[^>]+>", " ", card.group(0)).split())
        for heading in (
            "Change and path", "Findings that changed since 2026",
            "Follow-up of the 2026 recommendations", "Statutory clock",
            "What would change this placement",
        ):  # fmt: skip
            assert heading in text, (placement.code, heading)
        assert words.clock_sentence(placement) in text, placement.code
        for sentence in words.path_sentences(placement, up=True):
            assert sentence.replace("'", "&#39;") in text, placement.code
        if placement.fragile:
            assert words.fragile_sentence(placement) in text, placement.code


def test_the_card_says_each_change_in_words_and_marks(site: Path) -> None:
    html = (site / "countries" / "XAR.html").read_text("utf-8")
    card = html[html.index('<section class="change-card"') :]
    card = card[: card.index("</section>")]
    assert (
        '<li class="worsened"><span class="mark" aria-hidden="true">\u2193</span> Worsened: C01 '
        "(vigorously investigates, prosecutes, convicts and sentences smugglers) from met to "
        "partially met.</li>"
    ) in card
    assert (
        '<li class="improved"><span class="mark" aria-hidden="true">\u2191</span> Improved: C05'
    ) in card
    assert "<dt>2026</dt><dd>Tier 2 Watch List; efforts score 0.5.</dd>" in card
    assert "<dt>2027</dt><dd>Tier 3; efforts score 0.538.</dd>" in card
    assert (
        '<td class="assessment-not-implemented">Not implemented</td><td>Bill 88 has awaited a vote '
        "since 2024"
    ) in card
    assert (
        "Follow-up score -0.4 (30%): of the five recommendations of the 2026 report, one "
        "implemented, one partially implemented and three not implemented."
    ) in card
    assert (
        "<li>Meeting C13 (shows appreciable progress compared with the previous reporting period) "
        "would have placed the Republic of Arcadia on Tier 2.</li>"
    ) in card
    # Morvania: disqualified, no path within the limit, and the card says why.
    morvania = (site / "countries" / "XMO.html").read_text("utf-8")
    assert (
        "<p>No set of up to three one-step changes to the findings would have placed Morvania on "
        "a better tier: D2 applies, and a disqualifier rules out Tier 1 and Tier 2 whatever the "
        "score; the efforts score is 0.230 below the significant-efforts threshold of 0.5.</p>"
    ) in morvania
    # Lumeria is fragile: the path down is printed only for fragile placements.
    lumeria = (site / "countries" / "XLU.html").read_text("utf-8")
    assert '<p class="fragile">Fragile placement: a single one-step change' in lumeria
    assert '<ul class="path path-down">' not in html


def test_changes_page_lists_the_follow_up_by_region(site: Path) -> None:
    page = read_page(site / "changes.html")
    assert (2, "Follow-up of the 2026 recommendations") in page.headings
    assert "chart-followup-regions" in page.ids
    html = page.path.read_text("utf-8")
    row = re.search(r"<tr><th scope=\"row\">All regions</th>(.*?)</tr>", html, re.S)
    assert row
    cells = re.findall(r"<td>(.*?)</td>", row.group(1))
    # 9 countries, 36 items: 12 implemented, 8 partial, 16 not implemented. The mean of the
    # nine countries' scores is -8/135 = -0.0592..., cut to -0.05; (1 - 8/135) x 50 = 47.03...%.
    assert cells == ["9", "36", "12", "8", "16", "-0.05", "47%"]


def test_fragile_placements_are_listed_only_in_the_internal_edition(
    site: Path, example: Path
) -> None:
    assert "Fragile placements" not in (site / "placements.html").read_text("utf-8")
    out = example.parent / "internal-build"
    build_into(example, out, only=("html", "data"), audience="internal")
    page = read_page(out / "site" / "placements.html")
    assert (2, "Fragile placements (internal)") in page.headings
    html = page.path.read_text("utf-8")
    listed = re.findall(
        r'<th scope="row"><a href="countries/(X..)\.html">', html.split('id="fragile"')[1]
    )
    edition = load_edition(example)
    assert listed == [
        c.code
        for c in build_context(edition, place_all(edition)).countries
        if next(p for p in place_all(edition) if p.code == c.code).fragile
    ]
    assert (
        "Not meeting MS1 (prohibits migrant smuggling and punishes it) would have placed the "
        in html
    )
    # The internal data carries the same list: what a single change would do, by country.
    with (out / "data" / "audit.csv").open(newline="", encoding="utf-8") as handle:
        audit = {row["code"]: row["fragile_changes"] for row in csv.DictReader(handle)}
    assert audit["XLU"] == (
        "Ending D1 (government policy or pattern of facilitating migrant smuggling, including "
        "instrumentalizing migrants for political ends) would have placed Lumeria on Tier 2."
    )
    assert audit["XMO"] == ""


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
        expected = sorted(
            (edition.country(p.code).display_name for p in placements if p.final_tier == tier),
            key=str.casefold,
        )
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
    assert "Arcadia: Tier 3" in tiles
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
    assert '<g fill="url(#hatch-3)"><title>Arcadia: Tier 3</title>' in world[0]
    assert "Arcadia: Tier 3" in re.search(r"<desc[^>]*>(.*?)</desc>", world[0])[1]


def test_internal_site_is_separate_and_has_the_audit_annex(example: Path, tmp_path: Path) -> None:
    result = build_into(example, tmp_path / "internal", audience="internal", only=("html",))
    assert result.directory == tmp_path / "internal"
    assert (tmp_path / "internal" / "site" / "audit.html").is_file()
    banner = "Internal edition: not for publication."
    assert banner in read_page(tmp_path / "internal" / "site" / "index.html").text


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


def test_watch_list_page_dates_the_run_the_risk_and_the_interim_deadline(site: Path) -> None:
    html = (site / "watch-list.html").read_text("utf-8")
    galvania = re.search(
        r'<th scope="row"><a href="countries/XGA.html">Galvania</a></th><td>([^<]*)</td>', html
    )
    assert galvania is not None and galvania.group(1) == "2025 to 2027 (third consecutive year)"
    assert "<h2>At risk of the automatic downgrade in 2028</h2>" in html
    assert (
        '<a href="countries/XFE.html">Fennmark</a>: A Tier 2 Watch List placement in 2028 would '
        "follow two consecutive years on the list" in html
    )
    assert "<h2>Interim assessments due by 1 February 2028</h2>" in html


def test_tier_changes_page_gives_a_one_line_reason(site: Path) -> None:
    html = (site / "changes.html").read_text("utf-8")
    assert (
        '<a href="countries/XAR.html">Arcadia</a></th><td>Tier 2 Watch List</td>'
        '<td><span class="tier tier-3">Tier 3</span></td><td>Automatic downgrade after two '
        "consecutive years on the Tier 2 Watch List.</td>" in html
    )


def test_law_enforcement_page_counts_each_figure_and_compares_like_for_like(site: Path) -> None:
    html = (site / "law-enforcement.html").read_text("utf-8")
    assert '<tr><th scope="row">2027</th><td>2,394 (16)</td>' in html
    assert "<td>35,552 (13)</td>" in html
    assert (
        '<tr><th scope="row">Migrants assisted</th><td>11</td><td>25,645</td><td>31,012</td>'
        "<td>+20.9%</td></tr>" in html
    )
    captions = re.findall(r"<caption>(Law enforcement data by region, \d+) \(in brackets", html)
    assert captions == [f"Law enforcement data by region, {y}" for y in (2027, 2026, 2025)]
    assert "A year is a reporting year, not a calendar year" in html
    assert "Prosecutions: Lumeria counts defendants, not cases (2026 and 2027)." in html


def test_a_country_page_notes_its_own_units(site: Path) -> None:
    html = (site / "countries" / "XLU.html").read_text("utf-8")
    assert (
        '<p class="note">Convictions: Lumeria counts defendants, not cases (2026 and 2027).</p>'
        in html
    )
    assert "counts defendants" not in (site / "countries" / "XAR.html").read_text("utf-8")


def test_assistance_page_gives_the_window_definitions_totals_and_splits(site: Path) -> None:
    html = (site / "assistance.html").read_text("utf-8")
    assert "they are due between 30 July and 13 September 2027.</p>" in html
    assert "<dt>Partial waiver</dt><dd>The restriction is waived for the programmes named" in html
    assert (
        '<tr><th scope="row">All regions</th><td>5</td><td>139,400,000</td><td>78,900,000</td>'
        "<td>60,500,000</td></tr>" in html
    )
    assert (
        '<td>2028</td><td class="num">$12,500,000</td><td>Partial waiver</td>'
        '<td class="num">$9,500,000</td><td class="num">$3,000,000</td>' in html
    )
    assert "<p><strong>Previous determinations:</strong> 2026: Tier 3, full restriction;" in html
    assert '<li value="2">Investigate and prosecute officials' in html
