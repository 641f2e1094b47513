"""patches.speed: the same values and bytes as the libraries' code, less work done twice."""

from __future__ import annotations

import gc
import io
from collections.abc import Iterator
from typing import Any

import pydyf  # type: ignore[import-untyped]
import pytest

from tierreport.render.pdf.patches.speed import (
    FULL_COLLECTIONS_NEVER,
    compress_once,
    fast_page_references,
    fewer_full_collections,
)


def _page() -> Any:
    return pydyf.Dictionary({"Type": "/Page"})


def test_references_are_the_same_and_follow_added_pages() -> None:
    pdf = pydyf.PDF()
    for _ in range(3):
        pdf.add_page(_page())
    expected = pdf.page_references
    original = pydyf.PDF.__dict__["page_references"]
    with fast_page_references():
        first = pdf.page_references
        assert first == expected
        assert pdf.page_references is first  # computed once
        pdf.add_page(_page())
        assert pdf.page_references == (*expected, f"{pdf.objects[-1].number} 0 R".encode())
    assert pydyf.PDF.__dict__["page_references"] is original


def test_a_tagged_render_writes_the_same_bytes() -> None:
    from weasyprint import HTML

    html = "<html lang=en><title>t</title>" + "".join(
        f'<h1 id="s{i}" style="break-before: page">Part {i}</h1><p><a href="#s0">back</a></p>'
        for i in range(5)
    )
    plain = HTML(string=html).write_pdf(pdf_variant="pdf/ua-1", pdf_identifier=True)
    with fast_page_references(), compress_once(), fewer_full_collections():
        fast = HTML(string=html).write_pdf(pdf_variant="pdf/ua-1", pdf_identifier=True)
    assert fast == plain


def _document() -> Any:
    """A small pydyf document: two pages with compressed content, a font-like stream, a dict."""
    pdf = pydyf.PDF()
    for text in (b"first", b"second"):
        content = pydyf.Stream([b"BT", b"(" + text + b") Tj", b"ET"], compress=True)
        pdf.add_object(content)
        page = _page()
        page["Contents"] = content.reference
        pdf.add_page(page)
    pdf.add_object(pydyf.Stream([b"\x00\x01" * 500], {"Subtype": "/Type1C"}, compress=True))
    pdf.add_object(pydyf.Dictionary({"Type": "/StructElem", "K": pydyf.Array([0, 1])}))
    pdf.info["Title"] = pydyf.String("t")
    return pdf


def _written(identifier: Any, compress: bool, version: bytes = b"1.7") -> bytes:
    output = io.BytesIO()
    _document().write(output, version, identifier, compress)
    return output.getvalue()


@pytest.mark.parametrize("identifier", [True, False, b"fixed-identifier"])
@pytest.mark.parametrize("compress", [True, False])
@pytest.mark.parametrize("version", [b"1.7", b"1.4"])
def test_compress_once_writes_the_same_bytes(
    identifier: Any, compress: bool, version: bytes
) -> None:
    expected = _written(identifier, compress, version)
    with compress_once():
        assert _written(identifier, compress, version) == expected


@pytest.fixture
def counted_streams(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[int, int]]:
    """Count how many times each stream's data is computed (by id of the stream)."""
    original = pydyf.Stream.__dict__["data"]
    counts: dict[int, int] = {}

    def counting(stream: Any) -> Any:
        counts[id(stream)] = counts.get(id(stream), 0) + 1
        return original.fget(stream)

    monkeypatch.setattr(pydyf.Stream, "data", property(counting))
    yield counts


def test_with_an_identifier_each_stream_is_compressed_once(counted_streams: dict[int, int]) -> None:
    # pydyf alone: the three streams and the object stream once to write, once to hash; the
    # cross-reference stream, written after the hash, once.
    _written(True, True)
    assert sorted(counted_streams.values()) == [1, 2, 2, 2, 2]
    counted_streams.clear()
    with compress_once():
        _written(True, True)
    assert sorted(counted_streams.values()) == [1, 1, 1, 1, 1]


def test_compress_once_puts_everything_back_even_after_a_failure() -> None:
    write, data = pydyf.PDF.__dict__["write"], pydyf.Stream.__dict__["data"]

    class Broken(io.BytesIO):
        def write(self, content: Any) -> int:
            if b"endstream" in bytes(content):
                raise OSError("disk full")
            return super().write(content)

    with compress_once():
        assert pydyf.PDF.__dict__["write"] is not write
        with pytest.raises(OSError, match="disk full"):
            _document().write(Broken(), b"1.7", True, True)
        assert pydyf.Stream.__dict__["data"] is data  # the remembering ends with the write
    assert pydyf.PDF.__dict__["write"] is write
    assert pydyf.Stream.__dict__["data"] is data


def test_full_collections_wait_for_the_caller_and_the_thresholds_come_back() -> None:
    before = gc.get_threshold()
    with fewer_full_collections():
        first, second, third = gc.get_threshold()
        assert (first, second) == before[:2]  # the young generations as usual
        assert third == FULL_COLLECTIONS_NEVER
    assert gc.get_threshold() == before


def test_a_disabled_collector_is_left_alone() -> None:
    before = gc.get_threshold()
    gc.disable()
    try:
        with fewer_full_collections():
            assert gc.get_threshold() == before
            assert not gc.isenabled()
    finally:
        gc.enable()
    assert gc.get_threshold() == before
