"""Remove a quadratic cost from tagged PDF output: pydyf's page references, computed once.

``pydyf.PDF.page_references`` is a property that builds the tuple of every page's reference
each time it is read, and WeasyPrint's PDF/UA structure tree reads it once per tagged element
(``weasyprint/pdf/tags.py``), as do links and anchors. On a 1,200-page report that is tens of
millions of strings: the tagged pass took about 40 % more processor time than an untagged
one. ``fast_page_references`` swaps in a property that keeps the tuple until a page is added,
for the duration of a render; the values are the same, so the bytes written are the same.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

_CACHE = "_tierreport_page_references"


def _page_references(pdf: Any) -> tuple[bytes, ...]:
    kids = pdf.pages["Kids"]
    cached = pdf.__dict__.get(_CACHE)
    # Pages are only ever appended (PDF.add_page), so the length tells whether it is current.
    if cached is None or cached[0] != len(kids):
        references = tuple(f"{number} 0 R".encode("ascii") for number in kids[::3])
        cached = (len(kids), references)
        pdf.__dict__[_CACHE] = cached
    references_now: tuple[bytes, ...] = cached[1]
    return references_now


@contextmanager
def fast_page_references() -> Iterator[None]:
    """Within the block, ``pydyf.PDF.page_references`` is computed once per page count."""
    import pydyf  # type: ignore[import-untyped]  # ships no type hints

    original = pydyf.PDF.__dict__.get("page_references")
    if not isinstance(original, property):  # another pydyf: leave it alone
        yield
        return
    pydyf.PDF.page_references = property(_page_references)
    try:
        yield
    finally:
        pydyf.PDF.page_references = original
