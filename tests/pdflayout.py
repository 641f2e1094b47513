"""The layout of a rendered PDF as a reader sees it: headings, tables and how full each page is.

Two independent readings of the file: the tagged structure tree (pikepdf) says which heading,
table, row and paragraph each piece of text belongs to and on which page it is painted, and
``pdftotext -bbox-layout`` (poppler) says where on the page the text ends. Neither looks at
WeasyPrint's own objects.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf

from tests.pdfread import BODY_BOTTOM, BODY_TOP, run

HEADING = re.compile(r"/H[1-6]")


@dataclass
class Element:
    """One element of the structure tree with the pages its own and its children's text is on."""

    tag: str
    first: int
    """Position of its first piece of marked content in reading order (-1 if it has none)."""
    last: int
    pages: list[int] = field(default_factory=list)
    """1-based pages of its marked content, in reading order (repeated as read)."""
    children: list[Element] = field(default_factory=list)
    text: str = ""


@dataclass(frozen=True)
class Layout:
    """A PDF's structure elements, marked content in reading order and each page's fill."""

    root: Element
    order: list[tuple[int, str]]
    """(page, tag of the innermost element) of every piece of marked content, as read."""
    fill: list[float]
    """Per page, how far down the body area the lowest text reaches (0 empty, 1 full)."""

    def walk(self, element: Element | None = None) -> list[Element]:
        """Every element, depth first in reading order."""
        start = element or self.root
        found = [start]
        for child in start.children:
            found += self.walk(child)
        return found


def read_layout(path: Path) -> Layout:
    """Read the structure tree and the text boxes of ``path``."""
    with pikepdf.open(path) as pdf:
        numbers = {page.objgen: index + 1 for index, page in enumerate(pdf.pages)}
        order: list[tuple[int, str]] = []

        def walk(node: object, tag: str, page: int) -> Element | None:
            if isinstance(node, int):
                order.append((page, tag))
                return None
            if not isinstance(node, pikepdf.Dictionary):
                return None
            if "/Pg" in node:
                page = numbers.get(node.Pg.objgen, page)
            kind = str(node.get("/Type", ""))
            if kind == "/MCR":
                order.append((page, tag))
                return None
            if kind == "/OBJR":
                return None
            own = str(node.get("/S", "/StructTreeRoot"))
            element = Element(own, len(order), -1)
            kids = node.get("/K")
            items = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
            for kid in items:
                if kid is None:
                    continue
                child = walk(int(kid) if isinstance(kid, int) else kid, own, page)
                if child is not None:
                    element.children.append(child)
            element.last = len(order) - 1
            element.pages = [p for p, _ in order[element.first : element.last + 1]]
            if element.last < element.first:
                element.first = -1
            return element

        root = walk(pdf.Root.StructTreeRoot, "/StructTreeRoot", 0)
        assert root is not None
    return Layout(root, order, page_fill(path))


_PAGE = re.compile(r"<page width=\"[\d.]+\" height=\"[\d.]+\">(.*?)</page>", re.S)
_WORD = re.compile(r"<word xMin=\"[\d.]+\" yMin=\"([\d.]+)\" xMax=\"[\d.]+\" yMax=\"([\d.]+)\">")


def page_fill(path: Path) -> list[float]:
    """Per page, the share of the body area (inside the margins) down to its lowest text."""
    fills = []
    for page in _PAGE.findall(run("pdftotext", "-bbox-layout", path, "-")):
        bottoms = [
            float(y_max)
            for y_min, y_max in _WORD.findall(page)
            if float(y_min) >= BODY_TOP and float(y_max) <= BODY_BOTTOM
        ]
        lowest = max(bottoms, default=BODY_TOP)
        fills.append((lowest - BODY_TOP) / (BODY_BOTTOM - BODY_TOP))
    return fills


def stranded_headings(layout: Layout) -> list[tuple[int, str]]:
    """(page, tag) of each heading or table caption whose following text starts on a later page.

    A table's caption heads it like a heading; a figure's caption (also tagged ``Caption``)
    closes its figure, so only tables' captions count.
    """
    captions = [
        child
        for element in layout.walk()
        if element.tag == "/Table"
        for child in element.children
        if child.tag == "/Caption"
    ]
    headings = [e for e in layout.walk() if HEADING.fullmatch(e.tag)]
    found = []
    for element in headings + captions:
        if element.first < 0 or element.last + 1 >= len(layout.order):
            continue
        here = element.pages[-1]
        following = layout.order[element.last + 1][0]
        if following != here:
            found.append((here, element.tag))
    return found


def rows_of(table: Element) -> list[Element]:
    """The body rows of a table (those in its TBody, or every TR when it has none)."""
    bodies = [child for child in table.children if child.tag == "/TBody"]
    holders = bodies or [table]
    return [row for holder in holders for row in holder.children if row.tag == "/TR"]


@dataclass(frozen=True)
class PrintedTable:
    """One table of the document as printed: its fragments, one per page it runs over.

    WeasyPrint tags each page's part of a split table as a table of its own; a fragment that
    does not open with the caption and directly follows another table's text continues it
    (every table of the report has a caption: ``uncaptioned_tables`` checks that).
    """

    fragments: tuple[Element, ...]

    @property
    def first_page(self) -> int:
        return self.fragments[0].pages[0]

    @property
    def rows_per_page(self) -> list[int]:
        """Body rows that open on each page the table runs over."""
        per_page: dict[int, int] = {}
        for fragment in self.fragments:
            for row in rows_of(fragment):
                if row.first >= 0:
                    per_page[row.pages[0]] = per_page.get(row.pages[0], 0) + 1
        return [per_page[page] for page in sorted(per_page)]

    @property
    def rows(self) -> int:
        return sum(self.rows_per_page)

    @property
    def headed_continuations(self) -> bool:
        """Whether every page after the first repeats the header row."""
        return all(any(c.tag == "/THead" for c in f.children) for f in self.fragments[1:])


def printed_tables(layout: Layout) -> list[PrintedTable]:
    """Every table with text, its page fragments joined, in reading order."""
    tables: list[list[Element]] = []
    for element in layout.walk():
        if element.tag != "/Table" or element.first < 0:
            continue
        opens_with_caption = bool(element.children) and element.children[0].tag == "/Caption"
        if tables and not opens_with_caption and element.first == tables[-1][-1].last + 1:
            tables[-1].append(element)
        else:
            tables.append([element])
    return [PrintedTable(tuple(fragments)) for fragments in tables]


def uncaptioned_tables(layout: Layout) -> list[int]:
    """First pages of the tables whose first fragment has no caption."""
    return [
        table.first_page
        for table in printed_tables(layout)
        if not any(c.tag == "/Caption" for c in table.fragments[0].children)
    ]


def chapter_openings(layout: Layout) -> set[int]:
    """Pages on which a top-level heading (a part of the report or a country chapter) opens."""
    return {e.pages[0] for e in layout.walk() if e.tag == "/H1" and e.first >= 0}
