"""The cached page references: the same values and bytes, only computed once per page count."""

from __future__ import annotations

from typing import Any

import pydyf  # type: ignore[import-untyped]

from tierreport.render.pdf_speed import fast_page_references


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
    with fast_page_references():
        fast = HTML(string=html).write_pdf(pdf_variant="pdf/ua-1", pdf_identifier=True)
    assert fast == plain
