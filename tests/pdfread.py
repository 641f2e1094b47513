"""Read a PDF as its readers' tools do: poppler (pdftotext, pdfinfo, pdffonts), qpdf and pypdf.

The PDF tests check structure, never bytes: which text is on which page, what the outline and
the table of contents say, what the metadata and fonts are.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pypdf

# US Letter in points, and the part of a page inside the margins (print.css: 22mm top, 20mm
# bottom); pdftotext crops to it so that running headers and page numbers are left out.
PAGE_WIDTH, PAGE_HEIGHT = 612, 792
BODY_TOP, BODY_BOTTOM = 60, PAGE_HEIGHT - 55

TOC_LINE = re.compile(r"^\s*(?P<label>\S.*?\S)\s*(?:\.\s*){3,}(?P<page>\d+)\s*$")


def run(*command: str | Path) -> str:
    """Run a command-line tool and return its standard output (fail loudly on error)."""
    done = subprocess.run(
        [str(part) for part in command], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, f"{command[0]} failed ({done.returncode}): {done.stderr}"
    return done.stdout


def squeeze(text: str) -> str:
    """Text with every run of whitespace made one space, casefolded: how headings compare."""
    return " ".join(text.split()).casefold()


@dataclass(frozen=True)
class OutlineEntry:
    """One bookmark: its title, depth (1 = top level) and 1-based page number."""

    title: str
    level: int
    page: int


class ReadPdf:
    """One PDF file, read lazily through each tool once."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @cached_property
    def pages(self) -> list[str]:
        """The text of each page, laid out as printed (margins included)."""
        return _split_pages(run("pdftotext", "-layout", self.path, "-"))

    @cached_property
    def bodies(self) -> list[str]:
        """The text of each page inside the margins: no running header, no page number."""
        height = BODY_BOTTOM - BODY_TOP
        return _split_pages(
            run(
                "pdftotext", "-layout", "-x", "0", "-y", str(BODY_TOP),
                "-W", str(PAGE_WIDTH), "-H", str(height), self.path, "-",
            )
        )  # fmt: skip

    @cached_property
    def info(self) -> dict[str, str]:
        """``pdfinfo``'s fields, e.g. Title, Author, Tagged, Pages."""
        fields: dict[str, str] = {}
        for line in run("pdfinfo", self.path).splitlines():
            key, _, value = line.partition(":")
            fields[key.strip()] = value.strip()
        return fields

    @cached_property
    def fonts(self) -> list[dict[str, str]]:
        """``pdffonts``' table: name, type, emb (yes/no) for every font used."""
        lines = run("pdffonts", self.path).splitlines()[2:]
        rows = []
        for line in lines:
            parts = line.split()
            # name, type (one or two words), encoding, emb, sub, uni, object, id
            rows.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4], "uni": parts[-3]})
        return rows

    @cached_property
    def reader(self) -> pypdf.PdfReader:
        """The file opened with pypdf."""
        return pypdf.PdfReader(self.path)

    @cached_property
    def outline(self) -> list[OutlineEntry]:
        """Every bookmark, depth first, with the page it opens."""
        entries: list[OutlineEntry] = []

        def walk(items: Sequence[object], level: int) -> None:
            for item in items:
                if isinstance(item, list):
                    walk(item, level + 1)
                else:
                    assert isinstance(item, pypdf.generic.Destination)
                    page = self.reader.get_destination_page_number(item)
                    assert page is not None, f"bookmark {item.title!r} points at no page"
                    entries.append(OutlineEntry(str(item.title), level, page + 1))

        walk(self.reader.outline, 1)
        return entries

    @cached_property
    def destinations(self) -> dict[str, int]:
        """Named destinations (the HTML ids links point at) and their 1-based pages."""
        pages = {}
        for name, dest in self.reader.named_destinations.items():
            page = self.reader.get_destination_page_number(dest)
            assert page is not None, f"destination {name!r} points at no page"
            pages[str(name)] = page + 1
        return pages

    @cached_property
    def links(self) -> list[tuple[int, str]]:
        """Every internal link: (1-based page it is on, name of the destination it opens)."""
        found = []
        for number, page in enumerate(self.reader.pages, 1):
            for annotation in page.get("/Annots", []) or []:
                link = annotation.get_object()
                if link.get("/Subtype") == "/Link" and "/Dest" in link:
                    found.append((number, str(link["/Dest"])))
        return found

    def toc(self, first_page: int, last_page: int) -> list[tuple[str, int]]:
        """Entries (label, page number) of the table of contents printed on these pages."""
        entries = []
        for text in self.bodies[first_page - 1 : last_page]:
            for line in text.splitlines():
                match = TOC_LINE.match(line)
                if match:
                    entries.append((match["label"], int(match["page"])))
        return entries

    def pages_with(self, text: str, *, body: bool = True) -> list[int]:
        """1-based numbers of the pages whose text contains ``text`` (whitespace-insensitive)."""
        wanted = squeeze(text)
        source = self.bodies if body else self.pages
        return [number for number, page in enumerate(source, 1) if wanted in squeeze(page)]


def _split_pages(text: str) -> list[str]:
    """pdftotext ends every page with a form feed; the text after the last one is empty."""
    pages = text.split("\f")
    assert pages[-1].strip() == "", "pdftotext output does not end with a form feed"
    return pages[:-1]
