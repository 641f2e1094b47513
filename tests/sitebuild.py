"""Helpers of the site tests: build an edition, read its pages, list their links and headings."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from tierreport.build import BuildResult, build


def build_into(edition: Path, out: Path, **options: object) -> BuildResult:
    """Build ``edition`` into ``out`` with ``SOURCE_DATE_EPOCH`` unset, so no test reads a clock."""
    return build(edition, out, environ={}, **options)  # type: ignore[arg-type]


@dataclass
class Page:
    """What a test needs from one HTML page."""

    path: Path
    lang: str | None = None
    headings: list[tuple[int, str]] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    """Every href and src, in document order."""
    ids: set[str] = field(default_factory=set)
    scripts: list[str | None] = field(default_factory=list)
    """The src of every script element (None for an inline script)."""
    text: str = ""


class _Reader(HTMLParser):
    def __init__(self, page: Page) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.heading: int | None = None
        self.heading_text: list[str] = []
        self.texts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "html":
            self.page.lang = values.get("lang")
        if values.get("id"):
            self.page.ids.add(str(values["id"]))
        for name in ("href", "src"):
            if values.get(name) is not None:
                self.page.links.append(str(values[name]))
        if tag == "script":
            self.page.scripts.append(values.get("src"))
        if len(tag) == 2 and tag[0] == "h" and tag[1] in "123456":
            self.heading = int(tag[1])
            self.heading_text = []

    def handle_endtag(self, tag: str) -> None:
        if self.heading is not None and tag == f"h{self.heading}":
            self.page.headings.append((self.heading, " ".join("".join(self.heading_text).split())))
            self.heading = None

    def handle_data(self, data: str) -> None:
        if self.heading is not None:
            self.heading_text.append(data)
        self.texts.append(data)


def read_page(path: Path) -> Page:
    """Parse one page of the site."""
    page = Page(path)
    reader = _Reader(page)
    reader.feed(path.read_text("utf-8"))
    page.text = " ".join("".join(reader.texts).split())
    return page


def site_pages(site: Path) -> list[Path]:
    """Every HTML page of a built site, sorted."""
    return sorted(site.rglob("*.html"))
