"""Country briefs: `build --only briefs` writes a tagged PDF of at most two pages per country."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import copy_edition, run
from tests.pdfread import ReadPdf, squeeze
from tests.test_safety import CANARIES, plant_canaries
from tierreport.check.edition import load_edition
from tierreport.render.context import build_context
from tierreport.tiering.place import place_all

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The public briefs of the example edition, canaries planted in its internal fields."""
    base = tmp_path_factory.mktemp("briefs")
    edition = copy_edition("example", base / "edition")
    plant_canaries(edition)
    out = base / "out"
    run("build", "--edition", edition, "--out", out, "--only", "data")
    result = run("build", "--edition", edition, "--out", out, "--only", "briefs")
    assert result.exit_code == 0, result.output
    assert result.output == f"wrote 17 files to {out}, kept 10 from the previous build\n"
    return base


def test_one_brief_per_country_of_at_most_two_tagged_pages(built: Path) -> None:
    edition = load_edition(built / "edition")
    briefs = built / "out" / "briefs"
    assert sorted(p.name for p in briefs.iterdir()) == sorted(
        f"{c.code}.pdf" for c in edition.countries
    )
    for country in edition.countries:
        pdf = ReadPdf(briefs / f"{country.code}.pdf")
        assert 1 <= int(pdf.info["Pages"]) <= 2, country.code
        assert pdf.info["Tagged"] == "yes"
        heading = country.short_name or country.name  # briefs are headed by the short name
        assert pdf.info["Title"] == f"{heading}: country brief, Human Smuggling Report 2027"
        assert pdf.info["Author"] == "Office to Combat Human Smuggling"
        assert pdf.info["CreationDate"] == "Tue Jun 15 00:00:00 2027 UTC"
    assert (built / "out" / "data" / "placements.csv").is_file()  # --only briefs keeps the rest
    assert not (built / "out" / "site").exists()


def test_a_brief_has_the_justification_scorecard_recommendations_and_figures(
    built: Path,
) -> None:
    edition = load_edition(built / "edition")
    context = build_context(edition, place_all(edition))
    morvania = next(c for c in context.countries if c.code == "XMO")
    text = squeeze(" ".join(ReadPdf(built / "out" / "briefs" / "XMO.pdf").pages))
    years = "; ".join(
        f"{y.year}: {y.label}" + (f" ({', '.join(t for _, t in y.marks)})" if y.marks else "")
        for y in morvania.history
    )
    legal = [r.finding for r in morvania.scorecard if r.group == "Legal standards"]
    counts = [legal.count(f) for f in ("met", "partial", "not_met")]
    not_met = next(r for r in morvania.scorecard if r.finding == "not_met")
    latest = morvania.law_enforcement[-1]
    figures = " ".join(f"{v:,}" for v in latest.counts[:3] if v is not None)
    assert morvania.assistance is not None and morvania.recommendations
    for part in (
        morvania.heading,
        morvania.justification,
        f"Tiers across years {years}",
        "Scorecard summary",
        "Legal standards " + " ".join(str(n) for n in counts),
        f"Not met: {not_met.id} {not_met.title}",
        "Prioritized recommendations",
        morvania.recommendations[0].striptags(),
        "Key figures",
        f"{latest.year} {figures}",
        f"Assistance at stake for fiscal year {morvania.assistance.fiscal_year}: "
        f"${morvania.assistance.at_stake_usd:,}",
    ):
        assert squeeze(part) in text, part
    jorvik = squeeze(" ".join(ReadPdf(built / "out" / "briefs" / "XJO.pdf").pages))
    assert "special case" in jorvik and "scorecard summary" in jorvik


def test_a_public_brief_carries_nothing_internal(built: Path) -> None:
    for brief in sorted((built / "out" / "briefs").glob("*.pdf")):
        pdf = ReadPdf(brief)
        text = " ".join(pdf.pages) + brief.read_bytes().decode("latin-1")
        for field, canary in CANARIES.items():
            assert canary not in text, f"{field} in {brief.name}"
