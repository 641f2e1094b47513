"""The example edition's report rendered for the PDF tests: the context, the result, the file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tests.conftest import REPO
from tests.pdfread import ReadPdf
from tierreport.check.edition import load_edition
from tierreport.model import Edition
from tierreport.render.context import Audience, CountryRecord, RenderContext, build_context
from tierreport.render.pdf.document import chapter_id, sections
from tierreport.render.pdf.writer import PdfResult, write_pdf
from tierreport.tiering.place import place_all


@dataclass(frozen=True)
class Rendered:
    """One rendered variant: its context, what write_pdf returned and the file opened."""

    edition: Edition
    context: RenderContext
    result: PdfResult
    pdf: ReadPdf

    @property
    def audience(self) -> Audience:
        return self.context.audience

    def headings(self) -> list[str]:
        """The contents the report must list, in order: sections, with chapters after theirs."""
        return [label for _, label in contents(self.context)]


def render(tmp: Path, audience: Audience, *, draft: bool) -> Rendered:
    """Render the example edition's report for ``audience`` into ``tmp`` and open it."""
    edition = load_edition(REPO)
    context = build_context(edition, place_all(edition), audience=audience, draft=draft)
    path = tmp / f"{audience}{'-draft' if draft else ''}.pdf"
    result = write_pdf(context, path, environ={})
    return Rendered(edition, context, result, ReadPdf(path))


def contents(context: RenderContext) -> tuple[tuple[str, str], ...]:
    """(id, label) of every entry the printed contents should list, in order."""
    entries: list[tuple[str, str]] = []
    for anchor, title in sections(context):
        entries.append((anchor, title))
        if anchor == "chapters":
            for region in context.region_views:
                entries.append((region.anchor, region.name))
                entries += [(chapter_id(c.code), chapter_label(c)) for c in region.countries]
    return tuple(entries)


def chapter_label(country: CountryRecord) -> str:
    """A chapter as the contents list it: ``Galvania: Tier 2 Watch List``."""
    return f"{country.name}: {country.tier_label}"
