"""Country briefs: a printable two-page PDF per country, for staff preparing a meeting.

Each brief is rendered from the country's record in the render context (the same record as its
site page and chapter, so the audience is already applied) through ``pdf/brief.html`` and the
report's ``print.css``, by the report's sealed renderer: tagged PDF/UA-1 with language, title
and author, no clock read, no file outside the package and the edition.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from tierreport import __version__
from tierreport.render.context import CountryRecord, RenderContext
from tierreport.render.environment import TEMPLATES_DIR, environment
from tierreport.render.pdf.document import DRAFT_MARK, DRAFT_WATERMARK, INTERNAL_MARK
from tierreport.render.pdf.writer import FONTS_DIR, PdfResult, html_to_pdf, pdf_date

BRIEFS_DIR = "briefs"
"""Where ``build --only briefs`` writes the briefs, inside the audience's output."""


def brief_html(context: RenderContext, country: CountryRecord, date: str | None) -> str:
    """The brief of ``country`` as one HTML document for WeasyPrint."""
    return (
        environment()
        .get_template("pdf/brief.html")
        .render(
            ctx=context,
            country=country,
            pdf_date=date,
            draft_mark=DRAFT_MARK,
            internal_mark=INTERNAL_MARK,
            draft_watermark=DRAFT_WATERMARK,
            version=__version__,
        )
    )


def write_briefs(
    context: RenderContext,
    folder: Path,
    *,
    environ: Mapping[str, str] | None = None,
    edition_root: Path | None = None,
) -> tuple[PdfResult, ...]:
    """Write ``folder/CODE.pdf`` for every country of ``context``; return what was written."""
    date = pdf_date(context.front.publication_date, os.environ if environ is None else environ)
    roots = [TEMPLATES_DIR, FONTS_DIR] + ([edition_root] if edition_root is not None else [])
    return tuple(
        html_to_pdf(
            brief_html(context, country, date),
            folder / f"{country.code}.pdf",
            base=TEMPLATES_DIR / "pdf",
            roots=roots,
        )
        for country in context.countries
    )
