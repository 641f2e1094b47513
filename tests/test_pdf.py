"""The printed report of the example edition, read as its readers' tools read it.

Each variant is rendered once per module (a full render takes seconds on two cores): the public
report, and the internal draft (both markings at once). Every assertion reads the PDF file with
poppler, qpdf, pypdf or pikepdf, never WeasyPrint's own objects.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pikepdf
import pytest

from tests.pdfread import run, squeeze
from tests.rendered import Rendered, chapter_label, contents, render
from tierreport.model import Edition
from tierreport.render.pdf.document import report_html
from tierreport.render.pdf.writer import DRAFT_MARK, INTERNAL_MARK

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def public(public_report: Rendered) -> Rendered:
    """The public report, rendered once per session (``conftest.public_report``)."""
    return public_report


@pytest.fixture(scope="module")
def internal_draft(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    return render(tmp_path_factory.mktemp("pdf"), "internal", draft=True)


@pytest.fixture(params=["public", "internal_draft"])
def variant(request: pytest.FixtureRequest) -> Rendered:
    rendered: Rendered = request.getfixturevalue(request.param)
    return rendered


def printed_contents(rendered: Rendered) -> list[tuple[str, int]]:
    """The table of contents as printed: from page 2 up to the page before its first entry."""
    pdf = rendered.pdf
    assert squeeze(pdf.bodies[1]).startswith("contents")
    first_entry_page = pdf.toc(2, 2)[0][1]
    return pdf.toc(2, first_entry_page - 1)


def test_the_cover_names_the_report_and_says_it_is_fictional(public: Rendered) -> None:
    cover = squeeze(public.pdf.pages[0])
    assert cover.startswith(squeeze("2027 Human Smuggling Report Office to Combat Human Smuggling"))
    assert squeeze("Reporting period: 1 April 2026 to 31 March 2027") in cover
    assert squeeze("Published 15 June 2027") in cover
    assert squeeze("This edition is fictional.") in cover


def test_each_chapter_opens_with_its_generated_justification(public: Rendered) -> None:
    entries = dict(printed_contents(public))
    for country in public.context.countries:
        page = squeeze(public.pdf.bodies[entries[chapter_label(country)] - 1])
        assert squeeze(country.justification) in page, country.name


def test_rendering_logs_no_weasyprint_warning(variant: Rendered) -> None:
    assert variant.result.warnings == ()


def test_the_contents_list_every_section_and_country(variant: Rendered) -> None:
    assert [label for label, _ in printed_contents(variant)] == variant.headings()


def test_every_contents_page_number_is_the_page_its_heading_opens(variant: Rendered) -> None:
    pdf = variant.pdf
    for label, page in printed_contents(variant):
        # Every section and chapter starts a page, so its heading is the first text in the body;
        # country headings print in capitals (NAME: TIER X), hence the casefolded comparison.
        assert squeeze(pdf.bodies[page - 1]).startswith(squeeze(label)), (label, page)


def test_the_outline_has_every_section_and_country_on_its_page(variant: Rendered) -> None:
    countries = {chapter_label(c): c.name for c in variant.context.countries}
    regions = {r.name for r in variant.context.region_views}
    # Sections are top-level bookmarks; under "Country chapters" the regions, and under each
    # region its countries (named without their tier).
    expected = [
        (
            countries.get(label, label),
            3 if label in countries else 2 if label in regions else 1,
            page,
        )
        for label, page in printed_contents(variant)
    ]
    found = [(entry.title, entry.level, entry.page) for entry in variant.pdf.outline]
    assert found == [("Contents", 1, 2), *expected]


def test_every_internal_link_opens_its_target(variant: Rendered) -> None:
    pdf = variant.pdf
    assert len(pdf.links) > len(printed_contents(variant))
    assert sorted({dest for _, dest in pdf.links} - set(pdf.destinations)) == []
    # The contents' links open the pages the contents print.
    anchors = [anchor for anchor, _ in contents(variant.context)]
    printed = [page for _, page in printed_contents(variant)]
    assert [pdf.destinations[anchor] for anchor in anchors] == printed


def test_the_last_chapter_and_the_annexes_are_all_there(variant: Rendered) -> None:
    pdf = variant.pdf
    assert int(pdf.info["Pages"]) == variant.result.pages == len(pdf.pages)
    entries = dict(printed_contents(variant))
    last_chapter = variant.headings()[variant.headings().index("International conventions") - 1]
    assert squeeze(pdf.bodies[entries[last_chapter] - 1]).startswith(squeeze(last_chapter))
    country = variant.context.region_views[-1].countries[-1]
    assert chapter_label(country) == last_chapter
    # The chapter's closing text reached the page: its last source note is printed.
    assert country.notes
    assert pdf.pages_with(country.notes[-1].title)[-1] >= entries[last_chapter]
    for annex in ("International conventions", "Assistance annex", "Glossary"):
        assert pdf.pages_with(annex, body=True)[-1] >= entries[annex]
    # The glossary's last term is the last thing the public report prints.
    glossary_end = "Watch List indicators"
    end = len(pdf.pages) if variant.audience == "public" else entries["Audit annex"] - 1
    assert glossary_end.casefold() in squeeze(pdf.bodies[end - 1])


def test_metadata_language_and_tags(variant: Rendered) -> None:
    info = variant.pdf.info
    assert info["Title"] == (
        "Human Smuggling Report 2027"
        if variant.audience == "public"
        else "Human Smuggling Report 2027 (internal edition)"
    )
    assert info["Author"] == "Office to Combat Human Smuggling"
    assert info["Subject"] == (
        "Government efforts to combat migrant smuggling, assessed against minimum standards"
    )
    assert info["Keywords"] == (
        "migrant smuggling, minimum standards, tier placements, Smuggling of Migrants Protocol"
    )
    assert info["CreationDate"] == "Tue Jun 15 00:00:00 2027 UTC"
    assert info["Tagged"] == "yes"
    with pikepdf.open(variant.pdf.path) as document:
        assert str(document.Root.Lang) == "en"
        assert "/StructTreeRoot" in document.Root
        assert bool(document.Root.ViewerPreferences.DisplayDocTitle) is True


def test_every_font_is_embedded_and_the_faces_are_the_chosen_ones(variant: Rendered) -> None:
    fonts = variant.pdf.fonts
    assert fonts and all(font["emb"] == "yes" for font in fonts)
    families = {font["name"].split("+")[-1].split("-")[0] for font in fonts}
    assert {"Caladea", "Carlito"} <= families


def test_qpdf_finds_no_error(variant: Rendered) -> None:
    report = run("qpdf", "--check", variant.pdf.path)
    assert "No syntax or stream encoding errors found" in report


def test_every_figure_has_a_text_alternative(variant: Rendered) -> None:
    with pikepdf.open(variant.pdf.path) as document:
        figures = []
        stack = [document.Root.StructTreeRoot]
        while stack:
            node = stack.pop()
            if isinstance(node, pikepdf.Dictionary):
                if node.get("/S") == "/Figure":
                    figures.append(node)
                kids = node.get("/K")
                if isinstance(kids, pikepdf.Array):
                    stack.extend(kids)
                elif isinstance(kids, pikepdf.Dictionary):
                    stack.append(kids)
        # The charts are figures (the draft watermark is a page background, not content), and so
        # are each chapter's tier timeline and each region's maps.
        context = variant.context
        drawn = [
            *context.charts,
            *(c.timeline for c in context.countries),
            *(m for r in context.region_views for m in (r.tile_map, r.world_map) if m),
        ]
        assert len(drawn) >= 3 + len(context.countries)
        titles = [str(figure.get("/Alt", "")) for figure in figures]
        assert sorted(chart.title for chart in drawn) == sorted(titles)


class _Headings(HTMLParser):
    """Collect the text of every h2-h4 and table caption of an HTML document."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: set[str] = set()
        self._open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("h2", "h3", "h4", "caption"):
            self._open.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("h2", "h3", "h4", "caption") and self._open:
            self.texts.add(squeeze(self._open.pop()))

    def handle_data(self, data: str) -> None:
        if self._open:
            self._open[-1] += data


def test_no_heading_is_stranded_at_the_foot_of_a_page(variant: Rendered) -> None:
    parser = _Headings()
    parser.feed(report_html(variant.context, draft=variant.context.draft, date=None))
    assert {"prosecution", "scorecard", "sources", "thresholds"} <= parser.texts
    stranded = []
    for number, body in enumerate(variant.pdf.bodies, 1):
        lines = [line for line in body.splitlines() if line.strip()]
        if lines and squeeze(lines[-1]) in parser.texts:
            stranded.append((number, lines[-1].strip()))
    assert stranded == []


def test_every_page_has_its_running_header_and_page_number(variant: Rendered) -> None:
    names = {chapter_label(c): c.name for c in variant.context.countries}
    entries = [(page, names.get(label, label)) for label, page in printed_contents(variant)]
    for number, text in enumerate(variant.pdf.pages, 1):
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        if number == 1:
            continue  # the cover carries neither
        # The header names the section or country the page belongs to, then the report.
        running = ["Contents"] + [name for page, name in entries if page <= number]
        assert lines[0].split("  ")[0] == running[-1], number
        assert lines[0].endswith("Human Smuggling Report 2027"), number
        assert str(number) in lines[-1].split(), number


def test_a_scorecard_row_never_splits_across_pages(public: Rendered) -> None:
    # The printed scorecard is one table a chapter (pdf/_scorecard_compact.html); continued on a
    # new page it repeats its header row, and if no row split, the next line opens a new row:
    # the id of a standard, criterion or disqualifier, or the name of a group of them.
    groups = {group for c in public.context.countries for group, _ in c.scorecard_groups}
    continued = []
    for number, body in enumerate(public.pdf.bodies, 1):
        lines = [line.strip() for line in body.splitlines() if line.strip()]
        if len(lines) > 1 and lines[0].startswith("Standard and finding"):
            continued.append((number, lines[1]))
    assert continued, "no scorecard runs over a page: the check would prove nothing"
    opens_a_row = [line for _, line in continued if re.match(r"[A-Z]+\d+ ", line) or line in groups]
    assert len(opens_a_row) == len(continued), continued


def test_internal_draft_marks_every_page(internal_draft: Rendered) -> None:
    for number, text in enumerate(internal_draft.pdf.pages, 1):
        assert DRAFT_MARK in text, number
        assert INTERNAL_MARK in text, number


def test_the_public_report_carries_neither_mark(public: Rendered) -> None:
    text = "\n".join(public.pdf.pages)
    assert DRAFT_MARK not in text
    assert INTERNAL_MARK not in text
    assert "Audit annex" not in text


def internal_texts(edition: Edition) -> list[str]:
    """Every text of the example edition that only the internal report may print."""
    texts = []
    for country in edition.countries:
        texts += [country.internal_notes or ""]
        texts += [country.decision.justification if country.decision else ""]
        texts += [country.waiver.justification if country.waiver else ""]
        texts += [source.title for source in country.sources.values() if not source.public]
    return [text for text in texts if text]


def test_the_internal_report_prints_the_audit_material(internal_draft: Rendered) -> None:
    # The check below must be able to fail: the same texts are found where they belong.
    text = squeeze("\n".join(internal_draft.pdf.bodies))
    secrets = internal_texts(internal_draft.edition)
    assert len(secrets) >= 3
    assert [s for s in secrets if squeeze(s) not in text] == []


def test_nothing_internal_reaches_the_public_report(public: Rendered) -> None:
    text = squeeze("\n".join(public.pdf.pages))
    # Sentence by sentence, so that a partial leak is caught as surely as a whole one.
    sentences = [
        sentence for secret in internal_texts(public.edition) for sentence in secret.split(". ")
    ]
    assert len(sentences) >= 10
    assert [s for s in sentences if squeeze(s) in text] == []


def test_every_ranked_chapter_opens_with_the_change_and_path_card(public: Rendered) -> None:
    entries = dict(printed_contents(public))
    starts = sorted(entries[chapter_label(c)] - 1 for c in public.context.countries)
    for country in public.context.countries:
        start = entries[chapter_label(country)] - 1
        # The card follows the justification, before the tier's steps: within three pages, and
        # within the chapter (a short chapter is followed by the next one's card).
        end = min([s for s in starts if s > start] + [start + 3])
        text = squeeze(" ".join(public.pdf.bodies[start:end]))
        card = country.card
        if card is None:
            assert "change and path" not in text, country.name
            continue
        assert squeeze(f"Change and path {card.previous_year} {card.previous}") in text
        assert squeeze(f"Statutory clock {card.clock}") in text, country.name
        path = card.path_up[0] if card.path_up else card.no_path_up
        assert squeeze(path) in text, country.name
        assert text.index("change and path") < text.index(squeeze("How the tier was decided"))
    record = next(c for c in public.context.countries if c.code == "XAR")
    first = entries[chapter_label(record)] - 1
    arcadia = squeeze(" ".join(public.pdf.bodies[first : first + 2]))
    assert (
        squeeze(
            "\u2193 Worsened: C01 (vigorously investigates, prosecutes, convicts and sentences "
            "smugglers) from met to partially met."
        )
        in arcadia
    )
    assert (
        squeeze("Follow-up score -0.4 (30%): of the five recommendations of the 2026 report")
        in arcadia
    )


def test_the_follow_up_by_region_and_the_fragile_list(
    public: Rendered, internal_draft: Rendered
) -> None:
    entries = dict(printed_contents(public))
    placements = squeeze(" ".join(public.pdf.bodies[entries["Tier placements"] - 1 :][:6]))
    assert squeeze("Follow-up of the 2026 recommendations") in placements
    assert squeeze("All regions 9 36 12 8 16 -0.05 47%") in placements
    public_text = squeeze("\n".join(public.pdf.bodies))
    assert squeeze("Fragile placements") not in public_text
    inside = dict(printed_contents(internal_draft))
    annex = squeeze(" ".join(internal_draft.pdf.bodies[inside["Audit annex"] - 1 :]))
    assert squeeze("Fragile placements For the last review in clearance") in annex
    # Lumeria is fragile: removing its disqualifier alone would move its computed tier.
    assert squeeze("Ending D1 (government policy or pattern of facilitating") in annex
