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
from tierreport.cli import cli
from tierreport.render.pdf import DRAFT_MARK, INTERNAL_MARK


def build_pdf(edition: Path, out: Path, environ: dict[str, str]) -> ReadPdf:
    """Run ``tierreport build --draft --only pdf`` and open the PDF it wrote."""
    result = CliRunner().invoke(
        cli,
        ["build", "--edition", str(edition), "--out", str(out), "--draft", "--only", "pdf"],
        env=environ,
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == f"wrote 1 files to {out}\n"
    # Any WeasyPrint warning would be printed here.
    assert result.stderr == ""
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
        "Methodology",
        "Tier placements",
        "Tier map and charts",
        "Global law enforcement data",
        "Country chapters",
        "Bellmark",
        "Republic of Aldora",
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
