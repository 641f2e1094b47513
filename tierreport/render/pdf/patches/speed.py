"""Remove work WeasyPrint and pydyf repeat while writing a PDF; the bytes written stay the same.

Each context manager below swaps one function or property of the libraries for the duration of
a render and puts the original back afterwards. They are entered only through the registry
(``patches.applied``), which checks that WeasyPrint and pydyf are the versions they were
verified on. ``tests/test_pdf_speed.py`` checks that each gives the same values and bytes.

- ``fast_page_references``: ``pydyf.PDF.page_references`` is a property that builds the tuple
  of every page's reference each time it is read, and WeasyPrint's PDF/UA structure tree reads
  it once per tagged element (``weasyprint/pdf/tags.py``), as do links and anchors. On a
  1,200-page report that is tens of millions of strings: the tagged pass took about 40 % more
  processor time than an untagged one. Here the tuple is kept until a page is added.
- ``compress_once``: with a file identifier, ``pydyf.PDF.write`` hashes the bytes of every
  object after writing them, which compresses every stream (pages, fonts, the object stream
  of the structure tree) a second time at zlib's level 9: about 5 % of a tagged render. Here
  each stream is compressed once per write.
- ``fewer_full_collections``: a render allocates millions of objects that live until it ends
  (computed styles, boxes, PDF objects), and Python's collector traverses all of them at each
  full collection, a dozen times over a render: a quarter of its time. Here the collector still
  runs its young generations, which free the cycles a render drops as it goes; the full
  collections are left to the caller (``writer`` runs one after parsing) and to
  ``release_layout_tables``, which runs one once the pages are paginated.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

_CACHE = "_tierreport_page_references"

FULL_COLLECTIONS_NEVER = 1 << 30
"""A threshold for the oldest generation that a render never reaches."""


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

    original = pydyf.PDF.__dict__["page_references"]
    pydyf.PDF.page_references = property(_page_references)
    try:
        yield
    finally:
        pydyf.PDF.page_references = original


@contextmanager
def compress_once() -> Iterator[None]:
    """Within the block, a PDF written with an identifier compresses each stream only once.

    ``pydyf.Stream.data`` (the stream's dictionary and compressed content) is remembered, for
    the duration of one ``PDF.write`` with an identifier, the first time it is asked for: the
    write changes no stream, so the second reading, for the identifier's hash, is the same.
    """
    import pydyf

    write = pydyf.PDF.__dict__["write"]
    data = pydyf.Stream.__dict__["data"]
    compute = data.fget

    def write_compressing_once(
        pdf: Any, output: Any, version: Any = b"1.7", identifier: Any = False, compress: Any = False
    ) -> Any:
        if not identifier:  # each stream is read once anyway
            return write(pdf, output, version, identifier, compress)
        # Keyed by id, holding the stream too, so that no id is reused during the write.
        known: dict[int, tuple[Any, bytes]] = {}

        def stream_data(stream: Any) -> bytes:
            entry = known.get(id(stream))
            if entry is None:
                entry = known[id(stream)] = (stream, compute(stream))
            return entry[1]

        pydyf.Stream.data = property(stream_data)
        try:
            return write(pdf, output, version, identifier, compress)
        finally:
            pydyf.Stream.data = data

    pydyf.PDF.write = write_compressing_once
    try:
        yield
    finally:
        pydyf.PDF.write = write


@contextmanager
def fewer_full_collections() -> Iterator[None]:
    """Within the block, Python's collector runs no full collection of its own accord.

    The young generations are collected as usual. Nothing changes if the collector is off or
    its thresholds disable it; the thresholds are restored afterwards.
    """
    first, second, third = gc.get_threshold()
    if not gc.isenabled() or first == 0:
        yield
        return
    gc.set_threshold(first, second, FULL_COLLECTIONS_NEVER)
    try:
        yield
    finally:
        gc.set_threshold(first, second, third)
