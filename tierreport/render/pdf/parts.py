"""The printed report's one HTML document cut into parts that render on their own.

The parts are the front matter (cover to the "Country chapters" page), one part per regional
overview and per country chapter, in print order, and the back matter (the annexes). Every part
is a whole HTML document: the report's head, plus a style that starts its page numbers where the
part starts in the report and prints the report title that the cover sets in the one-pass
render. A link to an anchor in another part prints the page number given to ``with_pages``
instead of WeasyPrint's ``target-counter()``, which only sees its own document, and keeps its
target for the merge (``PART_LINK``). A part is named by the id of its section
(``region-WHA``, ``country-XAR``), which is also the anchor that links to it.
"""

from __future__ import annotations

import html as html_lib
import itertools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

BODY_START = re.compile(r'<section class="(?:chapter|part region)" id="([^"]+)"')
"""Where a part of the chapters starts: a regional overview or a country chapter."""
BACK_START = '<section class="part"'
_COVER_TITLE = re.compile(r'<section class="cover" data-title="([^"]*)"')
_LINK = re.compile(r'<a (class="xref" )?href="#([^"]+)">')
_ID = re.compile(r'\sid="([^"]+)"')
PLACEHOLDER = "000"
"""The page number printed while the real one is not known yet."""
PART_LINK = "tierreport-part:"
"""How a part links to an anchor in another part. WeasyPrint keeps such a link as a URI (it
would drop a ``#anchor`` its document lacks); the merge turns it into a link to the named
destination, which the merged PDF holds for every anchor of every part (``render/merge.py``)."""

# Same content as print.css's rules, with the page numbers written in: the text a reader (and
# pdftotext) sees is the same as in the one-pass render.
_PAGE_RULES = """
nav.toc a[data-page]::after { content: leader(". ") attr(data-page); }
a.xref[data-page]::after { content: " (p.\\00a0" attr(data-page) ")"; }
"""


@dataclass(frozen=True)
class Part:
    """One part of the report: its name, its body, and the anchors it defines."""

    name: str
    """``front``, ``back``, ``region-CODE`` or ``country-CODE``."""
    body: str
    ids: frozenset[str]


@dataclass(frozen=True)
class Report:
    """The report's head and its parts in print order."""

    head: str
    title: str
    """The report title the cover sets as the running title of every page."""
    front: Part
    chapters: tuple[Part, ...]
    """The regional overviews and the country chapters, in print order."""
    back: Part


def split(document: str) -> Report:
    """Cut the one-pass report HTML into front matter, chapters and back matter."""
    body_at = document.index("<body>") + len("<body>")
    end_at = document.rindex("</body>")
    head, body = document[:body_at], document[body_at:end_at]
    found = _COVER_TITLE.search(body)
    title = html_lib.unescape(found.group(1)) if found else ""
    found_starts = list(BODY_START.finditer(body))
    starts = [m.start() for m in found_starts]
    if not starts:
        return Report(head, title, _part("front", body), (), _part("back", ""))
    back_at = body.find(BACK_START, starts[-1])
    back_at = len(body) if back_at < 0 else back_at
    bounds = [*starts, back_at]
    chapters = [
        _part(start.group(1), body[begin:end])
        for start, (begin, end) in zip(found_starts, itertools.pairwise(bounds), strict=True)
    ]
    front, back = _part("front", body[: starts[0]]), _part("back", body[back_at:])
    return Report(head, title, front, tuple(chapters), back)


def _part(name: str, body: str) -> Part:
    return Part(name, body, frozenset(_ID.findall(body)))


def with_pages(report: Report, part: Part, first_page: int, pages: Mapping[str, int]) -> str:
    """The part as a whole document whose pages are numbered from ``first_page``.

    ``pages`` gives the page number of anchors in other parts; links to them print it (or
    ``PLACEHOLDER`` when it is not known yet).
    """

    def number(match: re.Match[str]) -> str:
        anchor = match.group(2)
        if anchor in part.ids:
            return match.group(0)
        # The anchor is in another part: the merge makes this a link to it again. A part
        # rendered only to count its pages gets a page number of the same width.
        page = pages.get(anchor, PLACEHOLDER)
        return f'<a {match.group(1) or ""}href="{PART_LINK}{anchor}" data-page="{page}">'

    body = _LINK.sub(number, part.body)
    title = report.title.replace("\\", "\\\\").replace('"', '\\"')
    style = (
        "<style>\n"
        f"@page :first {{ counter-reset: page {first_page}; }}\n"
        + ("" if part.name == "front" else f'@page {{ @top-right {{ content: "{title}"; }} }}\n')
        + _PAGE_RULES
        + "</style>\n"
    )
    head = report.head.replace("</head>", style + "</head>", 1)
    return f"{head}{body}</body>\n</html>\n"


@dataclass(frozen=True)
class Rendered:
    """A part's PDF in the cache: pages, outline entries and the page of each wanted anchor."""

    path: Path
    pages: int
    outline: tuple[tuple[str, int, int], ...]
    """(label, level, page index within the part) of every bookmark, in order."""
    anchors: dict[str, int]
    """Page index within the part of the anchors other parts link to."""
    warnings: tuple[str, ...] = ()
