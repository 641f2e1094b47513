"""The render parts one by one: safe Markdown links, the palette's contrast, tables, slugs."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import copy_edition
from tierreport.check.edition import load_edition
from tierreport.render import summaries, tables
from tierreport.render.charts import CHANGE_KINDS, TIER_COLOURS
from tierreport.render.context import build_context, slug
from tierreport.render.environment import figure
from tierreport.render.maps import alpha_2
from tierreport.render.markdown import render, render_inline, safe_link
from tierreport.tiering.place import place_all
from tierreport.wording import LAW_FIGURES, percent_change


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("https://example.org/a", True),
        ("http://example.org", True),
        ("mailto:desk@example.org", True),
        ("#note-XAR-1", True),
        # A path would be a file of the build machine in the PDF (file:///...).
        ("../countries/XAR.html", False),
        ("/etc/passwd", False),
        ("notes.pdf", False),
        ("", False),
        ("javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        ("java\tscript:alert(1)", False),
        ("java%09script:alert(1)", False),
        (" javascript:alert(1)", False),
        ("data:text/html,hi", False),
        ("file:///etc/passwd", False),
        ("vbscript:msgbox", False),
        ("//evil.example/x", False),
    ],
)
def test_safe_link(url: str, allowed: bool) -> None:
    assert safe_link(url) is allowed


def test_markdown_escapes_raw_html_and_drops_images() -> None:
    assert render("<b>bold</b> *em*") == "<p>&lt;b&gt;bold&lt;/b&gt; <em>em</em></p>\n"
    assert render_inline("![map](https://example.org/m.png)") == (
        '!<a href="https://example.org/m.png">map</a>'
    )
    assert render_inline("[x](javascript:alert(1))") == "[x](javascript:alert(1))"
    assert render(None) == ""


def contrast_with_black(colour: str) -> float:
    """WCAG 2 contrast ratio of black text on ``colour`` (#RRGGBB)."""

    def channel(hex_pair: str) -> float:
        value = int(hex_pair, 16) / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(colour[i : i + 2]) for i in (1, 3, 5))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return (luminance + 0.05) / 0.05


def test_black_text_on_every_tier_colour_meets_aa() -> None:
    colours = [*TIER_COLOURS.values(), *(c for _, _, c in CHANGE_KINDS)]
    assert min(round(contrast_with_black(c), 2) for c in colours) == 5.43  # vermillion, > 4.5


def test_slug_and_alpha_2() -> None:
    assert slug("Human Smuggling Report") == "human-smuggling-report"
    assert slug("Report: 2027 / Annex!") == "report-2027-annex"
    assert (alpha_2("CHL"), alpha_2("XAR"), alpha_2("ZZZ")) == ("cl", None, None)


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_edition("example", tmp_path_factory.mktemp("parts") / "edition")


def test_law_tables_sum_reported_figures_only(example: Path) -> None:
    edition = load_edition(example)
    placements = place_all(edition)
    # The data files' table is an independent computation of the same figures.
    records = tables.law_enforcement_table(edition, placements).records()
    by_year = summaries.law_by_year(edition, placements)
    columns = [key for key, _ in LAW_FIGURES]
    for row in by_year.rows:
        year = [record for record in records if record["year"] == row[0]]
        for key, cell in zip(columns, row[1:], strict=True):
            reported = [record[key] for record in year if record[key] is not None]
            # Each figure counts its own reporting countries: a null is not a report.
            assert cell.countries == len(reported), (row[0], key)
            if key == "new_or_amended_legislation":
                assert cell.total == sum(1 for value in reported if value)
            else:
                numbers = [value for value in reported if isinstance(value, int)]
                assert cell.total == (sum(numbers) if reported else None)
    latest = dict(zip(columns, by_year.rows[-1][1:], strict=True))
    assert by_year.rows[-1][0] == edition.year == 2027
    assert latest["migrants_assisted"] == summaries.Reported(35_552, 13)
    assert latest["investigations"] == summaries.Reported(2_394, 16)  # the Special Case: null
    assert latest["officials_convicted"] == summaries.Reported(6, 15)
    assert dict(zip(columns, by_year.rows[-2][1:], strict=True))["migrants_assisted"] == (
        summaries.Reported(37_380, 15)
    )


def test_like_for_like_compares_the_countries_reporting_both_years(example: Path) -> None:
    edition = load_edition(example)
    table = summaries.law_like_for_like(edition, place_all(edition))
    assert table is not None
    assert table.columns == ("Figure", "Countries reporting both years", "2026", "2027", "Change")
    rows = {row[0]: row[1:] for row in table.rows}
    # The totals show migrants assisted falling (37,380 -> 35,552): like for like it rose.
    assert rows["Migrants assisted"] == (11, 25_645, 31_012, "+20.9%")
    assert rows["Investigations"] == (16, 2_034, 2_394, "+17.7%")
    assert rows["Officials convicted"] == (15, 2, 6, "+200.0%")


def test_law_by_region_covers_every_year_and_adds_up_to_the_totals(example: Path) -> None:
    edition = load_edition(example)
    placements = place_all(edition)
    by_year = summaries.law_by_year(edition, placements)
    by_region = summaries.law_by_region(edition, placements)
    assert [t.caption for t in by_region] == [
        f"Law enforcement data by region, {year} (in brackets: the countries that reported each "
        "figure)"
        for year in (2027, 2026, 2025)
    ]
    for table, totals in zip(by_region, reversed(by_year.rows), strict=True):
        for column, total in enumerate(totals[1:], start=1):
            cells = [row[column] for row in table.rows]
            assert sum(c.countries for c in cells) == total.countries
            assert sum(c.total or 0 for c in cells) == (total.total or 0)
    near_east = next(row for row in by_region[0].rows if row[0] == "Near East")
    assert near_east[5] == summaries.Reported(None, 0)  # neither reported migrants assisted


def test_law_notes_say_what_a_year_is_and_who_counts_other_units(example: Path) -> None:
    edition = load_edition(example)
    notes = summaries.law_notes(edition, place_all(edition))
    assert notes == (
        "A year is a reporting year, not a calendar year: the figures for 2027 are those "
        "reported for this edition's reporting period, 1 April 2026 to 31 March 2027, and each "
        "earlier year's are those of that year's edition.",
        "Prosecutions: Lumeria counts defendants, not cases (2026 and 2027).",
        "Convictions: Lumeria counts defendants, not cases (2026 and 2027).",
    )


def test_a_reported_total_prints_with_its_count_of_countries() -> None:
    assert figure(summaries.Reported(35_552, 13)) == "35,552 (13)"
    assert figure(summaries.Reported(None, 0)) == "\u2013"
    assert figure("+20.9%") == "+20.9%"
    assert percent_change(25_645, 31_012) == "+20.9%"
    assert percent_change(200, 150) == "\u221225.0%"
    assert percent_change(0, 290) == "\u2013"


def test_tier_counts_total_every_country(example: Path) -> None:
    edition = load_edition(example)
    placements = place_all(edition)
    counts = summaries.tier_counts(edition, placements)
    assert counts.columns == (
        "Region", "Tier 1", "Tier 2", "Tier 2 Watch List", "Tier 3", "Special Case", "Total",
    )  # fmt: skip
    assert counts.rows[-1][0] == "All regions"
    assert counts.rows[-1][-1] == len(edition.countries)
    for row in counts.rows[:-1]:
        assert sum(row[1:-1]) == row[-1]


def test_public_context_carries_nothing_internal(example: Path) -> None:
    edition = load_edition(example)
    placements = place_all(edition)
    public = build_context(edition, placements)
    internal = build_context(edition, placements, audience="internal")
    assert all(c.internal is None for c in public.countries)
    assert all(c.internal is not None for c in internal.countries)
    assert public.audit == ()
    hidden = {s.title for c in edition.countries for s in c.sources.values() if not s.public}
    assert hidden  # the example edition withholds at least one source
    shown = {n.title for c in public.countries for n in c.notes}
    assert shown.isdisjoint(hidden)
