"""The benchmark's Markdown report states the pages a chapter takes (issue 15)."""

from __future__ import annotations

import sys
from pathlib import Path

# benchmarks/ is a folder of scripts that import each other by name, as run.py does.
sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))

from report import render_markdown


def test_the_report_gives_the_pages_of_a_chapter() -> None:
    summary = {
        "countries": 200, "pages": 812, "runs": 3, "pdf_runs": 1, "real_countries": 128,
        "real_pages": 530, "pages_per_chapter": 4.0, "real_pages_per_chapter": 4.1,
    }  # fmt: skip
    about = {
        "cores": 2, "cpu": "x", "memory": "4 GiB", "system": "Linux", "python": "3.11",
        "weasyprint": "70", "chromium": "none",
    }  # fmt: skip
    text = render_markdown([], about, summary)
    assert (
        "Synthetic edition of 200 countries; the publication PDF has 812 pages, 4 pages a "
        "chapter. The row at a real edition's size renders a second one of 128 countries (530 "
        "pages, 4.1 pages a chapter)."
    ) in " ".join(text.split())
