"""The example edition's report laid out as a reader turns its pages (issue 15).

What the README's PDF section promises, read from the rendered file (the tagged structure tree
and ``pdftotext -bbox-layout``):

- no heading (nor a table's caption) ends a page: the text that follows it starts on its page;
- no table of fewer than ten body rows runs over two pages; a longer table repeats its header
  row on every page and leaves no page with a single row of it;
- no page is less than a quarter full, except the cover, the last page of the report, and a
  page that ends a part or a chapter (the next page opens another with a page break).
"""

from __future__ import annotations

import re

import pytest

from benchmarks.pages import chapter_lengths, pages_per_chapter
from tests.pdflayout import (
    Layout,
    chapter_openings,
    printed_tables,
    read_layout,
    stranded_headings,
    uncaptioned_tables,
)
from tests.rendered import Rendered

pytestmark = pytest.mark.slow

SMALL_TABLE = 10
"""Body rows below which a table must never split."""
QUARTER = 0.25


@pytest.fixture(scope="module")
def layout(public_report: Rendered) -> Layout:
    return read_layout(public_report.pdf.path)


def test_the_layout_is_read_whole(layout: Layout, public_report: Rendered) -> None:
    # The readings cover the file: a page fill per page, headings, chapters and tables found.
    assert len(layout.fill) == int(public_report.pdf.info["Pages"])
    assert len(chapter_openings(layout)) >= len(public_report.context.countries)
    assert len(printed_tables(layout)) > 50
    assert uncaptioned_tables(layout) == []


def test_no_heading_ends_a_page(layout: Layout) -> None:
    assert stranded_headings(layout) == []


def test_no_small_table_splits(layout: Layout) -> None:
    split = [
        (table.first_page, table.rows, table.rows_per_page)
        for table in printed_tables(layout)
        if table.rows < SMALL_TABLE and len(table.rows_per_page) > 1
    ]
    assert split == []


def test_a_long_table_repeats_its_header_and_leaves_no_row_alone(layout: Layout) -> None:
    long = [t for t in printed_tables(layout) if len(t.fragments) > 1]
    assert [t.first_page for t in long if not t.headed_continuations] == []
    assert [(t.first_page, t.rows_per_page) for t in long if min(t.rows_per_page) < 2] == []


def test_no_page_is_less_than_a_quarter_full(layout: Layout) -> None:
    openings = chapter_openings(layout)
    last = len(layout.fill)
    sparse = [
        (number, round(fill, 2))
        for number, fill in enumerate(layout.fill, 1)
        if fill < QUARTER and number not in (1, last) and number + 1 not in openings
    ]
    assert sparse == []


def test_no_line_ends_between_tier_and_its_number(public_report: Rendered) -> None:
    broken = [
        (number, line.strip())
        for number, page in enumerate(public_report.pdf.pages, 1)
        for line in page.splitlines()
        # A line that is just "Tier" is the glossary's term, not a broken "Tier 3".
        if re.search(r"\S\s+Tier$", line.strip())
    ]
    assert broken == []


_WORD = re.compile(r"[A-Za-z][a-z'\u2019-]+[.,;:)]?")


def test_no_column_is_squeezed_to_a_word_a_line(public_report: Rendered) -> None:
    # A table or grid column given almost no width sets its text one word to a line (an
    # indicator table with alternative estimates once did, squeezed into half a grid): in the
    # page's layout, a run of lines that each hold one word. Prose and tables never do.
    runs = []
    for number, page in enumerate(public_report.pdf.pages, 1):
        run = 0
        for line in page.splitlines():
            words = line.split()
            if len(words) == 1 and _WORD.fullmatch(words[0]):
                run += 1
                runs.append((run, number, words[0]))
            elif words:
                run = 0
    assert max(runs, default=(0, 0, ""))[0] <= 3, max(runs)


def test_a_chapter_takes_about_four_pages(public_report: Rendered) -> None:
    # What `make bench` reports (benchmarks/pages.py), here on the example's 17 chapters: the
    # compact chapter (print.css: the timeline beside its table, the indicator tables side by
    # side, the short facts two to a row, a 9.5pt body on pages with narrower margins, the
    # compact steps and scorecard) keeps a chapter near four pages (5.3 before issue 15's last
    # round, with the change card, the timeline and the indicator tables set full width).
    per_chapter = pages_per_chapter(public_report.pdf.path)
    lengths = chapter_lengths(public_report.pdf.path)
    # The same, read independently: a chapter runs from its bookmark to the next one.
    outline = public_report.pdf.outline
    start = next(i for i, e in enumerate(outline) if e.title == "Country chapters")
    end = next(i for i, e in enumerate(outline) if i > start and e.level == 1)
    names = {c.name for c in public_report.context.countries}
    expected = {
        e.title: outline[i + 1].page - e.page
        for i, e in enumerate(outline[:end])
        if i > start and e.title in names
    }
    assert lengths == expected and len(expected) == len(names)
    assert per_chapter == round(sum(expected.values()) / len(expected), 1)
    assert per_chapter is not None and per_chapter <= 4.3
