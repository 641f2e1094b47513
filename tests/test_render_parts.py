"""The render parts one by one: safe Markdown links, the palette's contrast, tables, slugs."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import copy_edition
from tierreport import summaries, tables
from tierreport.render.charts import CHANGE_KINDS, TIER_COLOURS
from tierreport.render.context import build_context, slug
from tierreport.render.maps import alpha_2
from tierreport.render.markdown import render, render_inline, safe_link
from tierreport.tiering import place_all
from tierreport.validate import load_edition


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
    # The data files' DataFrame is an independent computation of the same figures.
    frame = tables.law_enforcement_frame(edition, placements)
    by_year = summaries.law_by_year(edition, placements)
    latest = by_year.rows[-1]
    reported = frame[frame["year"] == edition.year]
    assert latest[0] == edition.year
    assert latest[1] == int(reported["investigations"].sum())
    officials = reported["officials_convicted"]
    assert latest[4] == int(officials.sum()) and officials.isna().any()  # gaps are not zeros
    assert latest[-1] == len(reported)
    assert latest[6] == int(reported["new_or_amended_legislation"].fillna(False).sum())
    for row in by_year.rows:
        year = frame[frame["year"] == row[0]]
        assert row[2] == (None if year["prosecutions"].isna().all() else year["prosecutions"].sum())
        assert row[-1] == year["code"].nunique()
    by_region = summaries.law_by_region(edition, placements)
    assert sum(row[1] for row in by_region.rows) == latest[1]
    assert sum(row[-1] for row in by_region.rows) == latest[-1]


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
