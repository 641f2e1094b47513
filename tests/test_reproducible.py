"""Two builds of one edition are byte-identical, whatever the clock says."""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path

import pytest

from tests.conftest import copy_edition
from tierreport.build import build


def snapshot(out: Path) -> dict[str, bytes]:
    return {
        p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()
    }


def published(out: Path) -> dict[str, bytes]:
    """Every file of a build but its cache (``.cache/``), which is no output: a record kept
    there is pickled with the objects it shares, which differ between one made afresh and one
    made from placements read back."""
    return {name: data for name, data in snapshot(out).items() if not name.startswith(".cache/")}


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    edition = copy_edition("example", tmp_path / "edition")
    build(edition, tmp_path / "one", only=("html", "data"), environ={})
    time.sleep(2.1)  # the zip format stores times in 2-second steps: a clock would show
    build(edition, tmp_path / "two", only=("html", "data"), environ={})
    one, two = published(tmp_path / "one"), published(tmp_path / "two")
    assert sorted(one) == sorted(two)
    assert "data/placements.xlsx" in one
    assert "site/search-data.js" in one  # Pagefind's index: the same bytes too
    assert [name for name in one if one[name] != two[name]] == []


def test_one_date_for_every_output(tmp_path: Path) -> None:
    """The publication date wins over SOURCE_DATE_EPOCH in the workbook as in the PDF."""
    from openpyxl import load_workbook

    from tierreport.render.pdf.writer import pdf_date

    edition = copy_edition("example", tmp_path / "edition")
    epoch = {"SOURCE_DATE_EPOCH": "1700000000"}
    build(edition, tmp_path / "a", only=("data",), environ=epoch)
    build(edition, tmp_path / "b", only=("data",), environ={})
    book_a = (tmp_path / "a" / "data" / "placements.xlsx").read_bytes()
    book_b = (tmp_path / "b" / "data" / "placements.xlsx").read_bytes()
    assert book_a == book_b
    created = load_workbook(tmp_path / "a" / "data" / "placements.xlsx").properties.created
    assert created.isoformat() == "2027-06-15T00:00:00"  # the edition's publication date
    assert pdf_date(dt.date(2027, 6, 15), epoch) == "2027-06-15"


def test_source_date_epoch_dates_an_edition_without_a_publication_date(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from tierreport.render.pdf.writer import pdf_date

    edition = copy_edition("example", tmp_path / "edition")
    settings = edition / "edition.yaml"
    text = settings.read_text(encoding="utf-8")
    kept = [line for line in text.splitlines() if not line.startswith("publication_date:")]
    assert len(kept) == len(text.splitlines()) - 1
    settings.write_text("\n".join(kept) + "\n", encoding="utf-8")
    epoch = {"SOURCE_DATE_EPOCH": "1700000000"}
    build(edition, tmp_path / "a", only=("data",), environ=epoch)
    created = load_workbook(tmp_path / "a" / "data" / "placements.xlsx").properties.created
    assert created.isoformat() == "2023-11-14T22:13:20"
    assert pdf_date(None, epoch) == "2023-11-14T22:13:20Z"


@pytest.mark.slow
def test_full_build_with_pdf_is_byte_identical(tmp_path: Path) -> None:
    edition = copy_edition("example", tmp_path / "edition")
    env = {"SOURCE_DATE_EPOCH": str(int(os.environ.get("SOURCE_DATE_EPOCH", "1781481600")))}
    build(edition, tmp_path / "one", environ=env)
    build(edition, tmp_path / "two", environ=env)
    one, two = published(tmp_path / "one"), published(tmp_path / "two")
    assert "human-smuggling-report-2027.pdf" in one
    assert [name for name in one if one[name] != two.get(name)] == []
