"""Tiers across years: the timeline on every country page and tiers-history.csv."""

from __future__ import annotations

import csv
import re
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.conftest import copy_edition
from tests.sitebuild import build_into, read_page
from tierreport.check.edition import load_edition
from tierreport.render.charts import TIER_COLOURS
from tierreport.render.history import TierYear, tier_years, timeline
from tierreport.render.tables import HISTORY_COLUMNS
from tierreport.tiering.place import place_all
from tierreport.tiering.scoring import findings_score


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_edition("example", tmp_path_factory.mktemp("history") / "edition")


@pytest.fixture(scope="module")
def out(example: Path) -> Path:
    build_into(example, example.parent / "build", only=("html", "data"))
    return example.parent / "build"


def years_of(example: Path, code: str) -> tuple[TierYear, ...]:
    edition = load_edition(example)
    placement = next(p for p in place_all(edition) if p.code == code)
    return tier_years(edition, placement)


def test_tier_years_are_the_history_then_this_edition(example: Path) -> None:
    arcadia = years_of(example, "XAR")
    assert [(y.year, y.tier, y.current) for y in arcadia] == [
        (2024, "2", False), (2025, "2WL", False), (2026, "2WL", False), (2027, "3", True),
    ]  # fmt: skip
    assert arcadia[-1].auto_downgraded and arcadia[-1].notes == (
        "automatic downgrade to Tier 3; this edition"
    )
    assert [y.notes for y in arcadia[:-1]] == ["", "", ""]
    islandia = {y.year: y for y in years_of(example, "XIS")}
    assert islandia[2024].auto_downgraded and islandia[2024].marks == (
        ("AD", "automatic downgrade to Tier 3"),
    )
    hollin = {y.year: y for y in years_of(example, "XHO")}
    assert hollin[2026].waiver and hollin[2026].notes == "waiver of the automatic downgrade granted"


def test_a_recorded_years_findings_give_its_score_with_this_editions_weights(
    example: Path,
) -> None:
    caldera = {y.year: y for y in years_of(example, "XCA")}
    # 2026 as recorded: 6 met, 5 partial, 2 not met of 13 criteria of weight 1 -> 8.5 / 13.
    assert caldera[2026].efforts_score == Decimal(8) / Decimal(12)
    assert caldera[2025].efforts_score is None  # no findings recorded that year
    standards = load_edition(example).standards
    findings = {c.id: "met" for c in standards.effort_criteria}
    assert findings_score(findings, standards) is not None
    del findings["C07"]
    assert findings_score(findings, standards) is None  # part of the criteria: not comparable
    assert findings_score({}, standards) is None


def test_timeline_svg_marks_tiers_and_flags_in_text(example: Path) -> None:
    chart = timeline("XAR", "Republic of Arcadia", years_of(example, "XAR"))
    drawn = str(chart.svg)
    assert drawn.startswith('<svg xmlns="http://www.w3.org/2000/svg" role="img"')
    assert '<title id="timeline-XAR-title">Tiers across years: Republic of Arcadia</title>' in drawn
    assert chart.description == (
        "Published tier of Republic of Arcadia by year: 2024 Tier 2; 2025 Tier 2 Watch List; "
        "2026 Tier 2 Watch List; 2027 Tier 3 (automatic downgrade to Tier 3; this edition)."
    )
    # Every tier row is labelled in words, each point names its year and tier.
    for label in ("Tier 1", "Tier 2", "Tier 2 Watch List", "Tier 3"):
        assert f">{label}</text>" in drawn
    points = re.findall(r"<title>(\d{4}: [^<]+)</title><circle[^>]*fill=\"([^\"]+)\"", drawn)
    assert points == [
        ("2024: Tier 2", TIER_COLOURS["2"]), ("2025: Tier 2 Watch List", TIER_COLOURS["2WL"]),
        ("2026: Tier 2 Watch List", TIER_COLOURS["2WL"]), ("2027: Tier 3", TIER_COLOURS["3"]),
    ]  # fmt: skip
    assert 'font-size="11">AD</text>' in drawn
    assert ">AD: automatic downgrade to Tier 3</text>" in drawn
    assert "Special Case" not in drawn  # no row for a tier the country never had


def test_a_gap_in_the_history_breaks_the_line() -> None:
    years = (
        TierYear(2023, "2", "Tier 2", False, False, None, False),
        TierYear(2025, "2WL", "Tier 2 Watch List", True, False, None, False),
        TierYear(2026, "special", "Special Case", False, False, None, True),
    )
    chart = timeline("XZZ", "Zed", years)
    drawn = str(chart.svg)
    joins = re.findall(r'<line x1="[^"]+" y1="[^"]+" x2="[^"]+" y2="[^"]+" stroke="#000"', drawn)
    assert len(joins) == 1  # 2025 to 2026 only: 2024 is missing
    assert "2024 not in the report" in chart.description
    assert ">Special Case</text>" in drawn
    assert ">W</text>" in drawn and ">W: waiver of the automatic downgrade granted</text>" in drawn


def test_every_country_page_has_the_timeline_and_its_text_version(out: Path, example: Path) -> None:
    edition = load_edition(example)
    for placement in place_all(edition):
        years = tier_years(edition, placement)
        page = read_page(out / "site" / "countries" / f"{placement.code}.html")
        html = page.path.read_text("utf-8")
        assert (2, "Tiers across years") in page.headings, placement.code
        assert (
            f'aria-labelledby="timeline-{placement.code}-title timeline-{placement.code}-desc"'
            in html
        )
        table = re.search(r'<table class="timeline-table">.*?</table>', html, re.S)
        assert table is not None, placement.code
        rows = re.findall(
            r'<tr><th scope="row">(\d{4})</th><td>([^<]+)</td><td>([^<]+)</td></tr>', table[0]
        )
        assert rows == [(str(y.year), y.label, y.notes or "\u2013") for y in years]
    galvania = (out / "site" / "countries" / "XGA.html").read_text("utf-8")
    assert "<td>waiver of the automatic downgrade granted; this edition</td>" in galvania


def test_tiers_history_csv(out: Path, example: Path) -> None:
    edition = load_edition(example)
    with (out / "data" / "tiers-history.csv").open(newline="", encoding="utf-8") as handle:
        table = list(csv.DictReader(handle))
    assert list(table[0]) == list(HISTORY_COLUMNS) == [
        "code", "name", "region", "year", "tier", "waiver", "auto_downgraded", "efforts_score",
    ]  # fmt: skip
    assert len(table) == sum(len([y for y in c.history if y < 2027]) + 1 for c in edition.countries)
    caldera = [r for r in table if r["code"] == "XCA"]
    assert [(r["year"], r["tier"], r["efforts_score"]) for r in caldera] == [
        ("2025", "2", ""),
        ("2026", "2", "0.666"),
        ("2027", "1", "0.916"),
    ]
    islandia = next(r for r in table if r["code"] == "XIS" and r["year"] == "2024")
    assert (islandia["tier"], islandia["auto_downgraded"], islandia["waiver"]) == (
        "3", "True", "False",
    )  # fmt: skip
    jorvik = next(r for r in table if r["code"] == "XJO" and r["year"] == "2027")
    assert (jorvik["tier"], jorvik["efforts_score"]) == ("special", "")
    # Sorted by name, then year, like the other files.
    keys = [(r["name"].casefold(), r["year"]) for r in table]
    assert keys == sorted(keys)


def test_the_workbook_has_the_history_sheet(out: Path) -> None:
    book = load_workbook(out / "data" / "placements.xlsx", read_only=True)
    assert book.sheetnames == ["placements", "tiers-history"]
    values = [list(r) for r in book["tiers-history"].iter_rows(values_only=True)]
    assert values[0] == list(HISTORY_COLUMNS)
    with (out / "data" / "tiers-history.csv").open(newline="", encoding="utf-8") as handle:
        assert len(values) == len(list(csv.reader(handle)))
    galvania = next(r for r in values if r[0] == "XGA" and r[3] == 2027)
    assert (galvania[4], galvania[5], galvania[6]) == ("2WL", True, False)


def test_the_data_readme_tells_how_to_join(out: Path) -> None:
    readme = (out / "data" / "README.md").read_text("utf-8")
    section = readme.split("## Joining the tiers with other country-year data\n")[1]
    section = section.split("\n## ")[0]
    assert "ISO 3166-1 alpha-3" in section and "`code` and `year`" in section
    assert "left_join" in section and ".merge(" in section
    header = (out / "data" / "tiers-history.csv").read_text("utf-8").splitlines()[0]
    documented = readme.split("## tiers-history.csv\n")[1].split("\n## ")[0]
    assert re.findall(r"^\| `([a-z_]+)` \|", documented, re.M) == header.split(",")
