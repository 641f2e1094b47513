"""The printed report's lists Congress uses: placements and changes, law enforcement, the annex.

The example edition is rendered once for the module and read with poppler's ``pdftotext``, page
by page between the named destinations of the sections, as a reader's tools read it.
"""

from __future__ import annotations

import re

import pytest

from tests.conftest import REPO
from tests.pdfread import ReadPdf, squeeze
from tierreport.check.edition import load_edition
from tierreport.render.context import build_context
from tierreport.render.pdf.writer import write_pdf
from tierreport.tiering.place import place_all

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> ReadPdf:
    edition = load_edition(REPO)
    path = tmp_path_factory.mktemp("lists") / "report.pdf"
    result = write_pdf(build_context(edition, place_all(edition)), path, environ={})
    assert result.warnings == ()
    return ReadPdf(path)


def section(pdf: ReadPdf, start: str, end: str) -> str:
    """The squeezed text of the pages from section ``start`` up to the page ``end`` opens."""
    first, last = pdf.destinations[start], pdf.destinations[end]
    assert first < last, (start, end)
    return squeeze("\n".join(pdf.bodies[first - 1 : last - 1]))


def test_placements_and_changes_follow_the_placement_tables(pdf: ReadPdf) -> None:
    assert pdf.destinations["placements"] < pdf.destinations["placement-changes"]
    assert pdf.destinations["placement-changes"] < pdf.destinations["charts"]
    text = section(pdf, "placement-changes", "charts")
    assert text.startswith(squeeze("Tier placements and changes Tier 2 Watch List"))
    assert squeeze("Tier 2 Watch List, 2027: 5 countries") in text
    for name in ("Elandra", "Fennmark", "Galvania", "Kestria", "Quenmoor"):
        assert name.casefold() in text
    assert squeeze("2027 (first year)") in text
    assert squeeze("2025 to 2027") in text
    risk = text.index(squeeze("At risk of the automatic downgrade in 2028"))
    interim = text.index(squeeze("Interim assessments due by 1 February 2028"))
    changes = text.index(squeeze("Tier changes, 2026 to 2027"))
    assert risk < interim < changes
    assert re.findall(r"(fennmark|galvania) \(p\. \d+\): a tier 2 watch list placement in 2028",
                      text[risk:interim]) == ["fennmark", "galvania"]  # fmt: skip
    assert squeeze("Nauvira") in text[interim:changes]
    # The deadline always carries its year.
    assert not re.search(r"1 february(?! 2028)", text)
    assert squeeze("Upgrades and downgrades: 10 countries") in text[changes:]
    assert squeeze("Downgraded: Disqualifying conduct") in text[changes:]
    assert squeeze("Upgraded: Fully meets") in text[changes:]


def test_law_enforcement_counts_each_figure_and_compares_like_for_like(pdf: ReadPdf) -> None:
    text = section(pdf, "law-enforcement", "chapters")
    assert squeeze("A year is a reporting year, not a calendar year") in text
    assert squeeze("Prosecutions: Lumeria counts defendants, not cases (2026 and 2027).") in text
    assert squeeze("2027 2,394 (16) 1,234 (16) 716 (15) 6 (15) 35,552 (13) 2 (16)") in text
    assert squeeze("Migrants assisted 11 25,645 31,012 +20.9%") in text
    for year in (2027, 2026, 2025):
        assert squeeze(f"Law enforcement data by region, {year}") in text


def test_the_assistance_annex_gives_what_a_clerk_needs(pdf: ReadPdf) -> None:
    text = section(pdf, "assistance", "glossary")
    assert squeeze("they are due between 30 July and 13 September 2027.") in text
    for term in ("Full restriction", "Partial waiver", "Full waiver"):
        assert squeeze(f"{term} ") in text
    assert squeeze("The restriction is waived for the programmes named") in text
    assert squeeze("All regions 5 139,400,000 78,900,000 60,500,000") in text
    assert squeeze("$12,500,000 Partial waiver $9,500,000 $3,000,000") in text
    assert (
        squeeze("INCLE Support to the Special Prosecutor for Organized Crime $1,500,000 Waived")
        in text
    )
    assert (
        squeeze(
            "Previous determinations: 2026: Tier 3, full restriction; 2025: Tier 3, full "
            "restriction; 2024: Tier 3, partial waiver."
        )
        in text
    )
    assert squeeze("has acted on prioritized recommendations 1 and 2:") in text
