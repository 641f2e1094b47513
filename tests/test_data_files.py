"""The data downloads: columns, rows and values, the JSON contract, the workbook, the README."""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.conftest import copy_edition, run
from tests.sitebuild import build_into
from tierreport.check.edition import load_edition
from tierreport.render.data import COLUMN_DOCS, DESCRIPTIONS, csv_text, write_workbook
from tierreport.render.tables import FINDING_COLUMNS, FOLLOWUP_COLUMNS, PLACEMENT_COLUMNS, Table


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_edition("example", tmp_path_factory.mktemp("data") / "edition")


@pytest.fixture(scope="module")
def data(example: Path) -> Path:
    build_into(example, example.parent / "build", only=("data", "html"))
    return example.parent / "build" / "data"


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_the_data_directory_holds_every_file(data: Path) -> None:
    assert sorted(p.name for p in data.iterdir()) == sorted(DESCRIPTIONS)


def test_placements_csv(data: Path, example: Path) -> None:
    table = rows(data / "placements.csv")
    names = sorted(c.name for c in load_edition(example).countries)
    assert list(table[0]) == list(PLACEMENT_COLUMNS)
    assert [r["name"] for r in table] == sorted(names, key=str.casefold)
    arcadia = next(r for r in table if r["code"] == "XAR")
    assert arcadia["region_name"] == "Western Hemisphere"
    assert (arcadia["final_tier"], arcadia["previous_tier"], arcadia["change"]) == (
        "3", "2WL", "downgrade",
    )  # fmt: skip
    assert arcadia["auto_downgrade"] == "True"
    assert arcadia["watch_list_reasons"] == "no_increasing_efforts"
    # The change and path: the previous score, the follow-up score, fragility, paths in words.
    assert (arcadia["previous_efforts_score"], arcadia["followup_score"]) == ("0.5", "-0.4")
    assert arcadia["fragile"] == "False"
    assert arcadia["path_up"] == (
        "Meeting C13 (shows appreciable progress compared with the previous reporting period) "
        "would have placed the Republic of Arcadia on Tier 2."
    )
    assert arcadia["path_down"] == (
        "Tier 3 is the lowest tier: no change of findings can place the Republic of Arcadia lower."
    )
    quenmoor = next(r for r in table if r["code"] == "XQU")
    assert (quenmoor["previous_efforts_score"], quenmoor["followup_score"]) == ("", "")
    jorvik = next(r for r in table if r["code"] == "XJO")
    assert (jorvik["fragile"], jorvik["path_up"], jorvik["path_down"]) == ("False", "", "")


def test_followup_csv_has_one_row_per_country_and_item(data: Path, example: Path) -> None:
    edition = load_edition(example)
    table = rows(data / "followup.csv")
    assert list(table[0]) == list(FOLLOWUP_COLUMNS)
    assert len(table) == sum(len(c.followup) for c in edition.countries) == 36
    holtland = [r for r in table if r["code"] == "XHO"]
    assert [(r["number"], r["kind"], r["assessment"], r["score"]) for r in holtland] == [
        ("1", "recommendation", "not_implemented", "-1"),
        ("2", "recommendation", "not_implemented", "-1"),
        ("3", "recommendation", "partial", "0"),
        ("4", "benchmark", "not_implemented", "-1"),
        ("5", "benchmark", "not_implemented", "-1"),
    ]
    assert holtland[2]["item"] == "Fund the Port Sandé transit centre on a multi-year basis."
    assert holtland[2]["note"] == "Funding was renewed, for six months at a time."


def test_placements_json_is_the_tiers_contract(data: Path, example: Path) -> None:
    result = run("tiers", "--json", "--edition", example)
    assert result.exit_code == 0, result.output
    assert (data / "placements.json").read_text("utf-8") == result.output
    assert json.loads(result.output)["edition"] == 2027


def test_placements_workbook(data: Path) -> None:
    book = load_workbook(data / "placements.xlsx", read_only=True)
    sheet = book["placements"]
    values = [list(r) for r in sheet.iter_rows(values_only=True)]
    table = rows(data / "placements.csv")
    assert values[0] == list(PLACEMENT_COLUMNS)
    assert [r[0] for r in values[1:]] == [r["code"] for r in table]
    arcadia = next(r for r in values if r[0] == "XAR")
    assert arcadia[PLACEMENT_COLUMNS.index("auto_downgrade")] is True
    assert arcadia[PLACEMENT_COLUMNS.index("previous_tier")] == "2WL"


def test_each_kind_of_cell_is_written_as_the_data_readme_says(tmp_path: Path) -> None:
    table = Table(
        ("text", "count", "yes", "score", "none", "formula"),
        (
            ('a, "quoted" text', 12_500_000, True, Decimal("0.500"), None, "-2+3"),
            ("", -1, False, Decimal("-0.250"), None, "@cmd"),
        ),
    )
    assert csv_text(table) == (
        "text,count,yes,score,none,formula\n"
        '"a, ""quoted"" text",12500000,True,0.500,,\'-2+3\n'
        ",-1,False,-0.250,,'@cmd\n"
    )
    write_workbook(table, tmp_path / "book.xlsx", dt.datetime(2027, 6, 1))
    sheet = load_workbook(tmp_path / "book.xlsx")["placements"]
    cells = [[(c.value, c.data_type, c.quotePrefix) for c in row] for row in sheet.iter_rows()]
    assert cells[1] == [
        ('a, "quoted" text', "s", False),
        (12_500_000, "n", False),
        (True, "b", False),
        (0.5, "n", False),
        (None, "n", False),
        ("-2+3", "s", True),
    ]
    assert cells[2][1:4] == [(-1, "n", False), (False, "b", False), (-0.25, "n", False)]


def test_findings_csv_has_one_row_per_country_and_standard(data: Path, example: Path) -> None:
    edition = load_edition(example)
    table = rows(data / "findings.csv")
    assert list(table[0]) == list(FINDING_COLUMNS)
    for country in edition.countries:
        mine = [r["id"] for r in table if r["code"] == country.code]
        expected = [
            s.id for s in edition.standards.legal_standards if s.id in country.legal_standards
        ]
        expected += [c.id for c in edition.standards.effort_criteria if c.id in country.criteria]
        expected += [d.id for d in country.disqualifiers]
        assert mine == expected, country.code
    ms2 = next(r for r in table if r["code"] == "XAR" and r["id"] == "MS2")
    assert (ms2["kind"], ms2["finding"], ms2["counted_actions"], ms2["planned_actions"]) == (
        "legal_standard", "not_met", "0", "1",
    )  # fmt: skip
    c01 = next(r for r in table if r["code"] == "XAR" and r["id"] == "C01")
    assert (c01["pillar"], c01["finding"], c01["counted_actions"]) == (
        "prosecution",
        "partial",
        "2",
    )


def test_law_enforcement_csv(data: Path) -> None:
    table = rows(data / "law-enforcement.csv")
    assert list(table[0]) == list(COLUMN_DOCS["law-enforcement.csv"])
    arcadia = [r for r in table if r["code"] == "XAR"]
    assert [r["year"] for r in arcadia] == ["2025", "2026", "2027"]
    assert (arcadia[2]["investigations"], arcadia[2]["officials_convicted"]) == ("41", "")
    assert arcadia[2]["new_or_amended_legislation"] == "False"
    assert arcadia[2]["units"] == ""
    lumeria = [r["units"] for r in table if r["code"] == "XLU"]
    assert lumeria == ["", *["prosecutions: defendants; convictions: defendants"] * 2]


def test_the_readme_describes_every_column(data: Path) -> None:
    readme = (data / "README.md").read_text("utf-8")
    for name in (
        "placements.csv",
        "findings.csv",
        "followup.csv",
        "law-enforcement.csv",
        "assistance.csv",
    ):
        with (data / name).open(encoding="utf-8") as handle:
            header = next(csv.reader(handle))
        section = readme.split(f"## {name}\n")[1].split("\n## ")[0]
        assert re.findall(r"^\| `([a-z_]+)` \|", section, re.M) == header, name


def test_the_data_page_links_every_file(data: Path) -> None:
    html = (data.parent / "site" / "data.html").read_text("utf-8")
    for name in DESCRIPTIONS:
        assert f'<a href="../data/{name}">{name}</a>' in html


def test_no_internal_column_in_public_data(data: Path) -> None:
    headers = " ".join((data / n).read_text("utf-8").splitlines()[0] for n in COLUMN_DOCS)
    for word in ("internal", "justification", "public"):
        assert word not in headers
