"""``tierreport build`` writes the PDF: the wiring, on the small ``minimal`` fixture edition.

``minimal`` has no introduction and no publication date, and one of its two countries is still
a draft, so it can only be built with ``--draft``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner

from tests.pdfread import ReadPdf, squeeze
from tierreport.cli.commands import cli
from tierreport.render.pdf.writer import DRAFT_MARK, INTERNAL_MARK


def build_pdf(edition: Path, out: Path, environ: dict[str, str], *options: str) -> ReadPdf:
    """Run ``tierreport build --only pdf`` (``--draft`` unless options are given) and open it."""
    args = ["build", "--edition", str(edition), "--out", str(out), "--only", "pdf"]
    result = CliRunner().invoke(
        cli, args + list(options or ["--draft"]), env=environ, catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    # Any WeasyPrint warning would be printed on standard error.
    assert result.stderr == ""
    assert result.stdout == f"wrote 1 files to {out}\n"
    return ReadPdf(out / "human-smuggling-report-2027.pdf")


def test_build_writes_a_marked_draft_dated_by_source_date_epoch(
    edition_copy: Callable[[str], Path], tmp_path: Path
) -> None:
    pdf = build_pdf(edition_copy("minimal"), tmp_path / "out", {"SOURCE_DATE_EPOCH": "1781481600"})
    assert pdf.info["CreationDate"] == "Mon Jun 15 00:00:00 2026 UTC"
    assert all(DRAFT_MARK in page for page in pdf.pages)
    assert not any(INTERNAL_MARK in page for page in pdf.pages)
    # No introduction in this edition: the contents go straight to the methodology.
    assert squeeze(pdf.bodies[1]).startswith(squeeze("Contents Methodology"))
    assert [entry.title for entry in pdf.outline] == [
        "Contents",
        "Methodology",
        "Tier placements",
        "Tier placements and changes",
        "Tier map and charts",
        "Global law enforcement data",
        "Country chapters",
        "Africa",
        "Republic of Aldora",
        "Europe",
        "Bellmark",
        "International conventions",
        "Assistance annex",
        "Glossary",
    ]


def test_without_a_date_anywhere_the_pdf_carries_none(
    edition_copy: Callable[[str], Path], tmp_path: Path
) -> None:
    pdf = build_pdf(edition_copy("minimal"), tmp_path / "out", {"SOURCE_DATE_EPOCH": ""})
    assert "CreationDate" not in pdf.info
    assert "ModDate" not in pdf.info


def test_another_process_with_another_hash_seed_writes_the_same_bytes(
    edition_copy: Callable[[str], Path], tmp_path: Path
) -> None:
    # Set and dict order must not leak into the file: a second interpreter, a second seed.
    edition = edition_copy("minimal")
    first = build_pdf(edition, tmp_path / "one", {"SOURCE_DATE_EPOCH": "1781481600"})
    command = [sys.executable, "-m", "tierreport", "build", "--edition", str(edition)]
    command += ["--out", str(tmp_path / "two"), "--draft", "--only", "pdf"]
    environ = {**os.environ, "PYTHONHASHSEED": "12345", "SOURCE_DATE_EPOCH": "1781481600"}
    subprocess.run(command, check=True, env=environ, capture_output=True)
    second = tmp_path / "two" / "human-smuggling-report-2027.pdf"
    assert second.read_bytes() == first.path.read_bytes()


def test_the_internal_edition_is_marked_internal_and_not_draft(
    edition_copy: Callable[[str], Path], tmp_path: Path
) -> None:
    edition = edition_copy("minimal")
    (edition / "countries" / "XBB.yaml").unlink()  # the draft: what is left is cleared
    pdf = build_pdf(edition, tmp_path / "out", {}, "--audience", "internal")
    assert all(INTERNAL_MARK in page for page in pdf.pages)
    assert not any(DRAFT_MARK in page for page in pdf.pages)
    assert pdf.outline[-1].title == "Audit annex"
    assert pdf.info["Title"] == "Human Smuggling Report 2027 (internal edition)"
