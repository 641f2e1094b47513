"""The PDF writer on small documents: sealed fetching, captured warnings, fixed dates, atomicity."""

from __future__ import annotations

import datetime as dt
import logging
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.pdfread import ReadPdf
from tierreport.errors import BuildError
from tierreport.render.pdf.writer import html_to_pdf, pdf_date

PAGE = """<!doctype html><html lang="en"><head><title>Small</title>
<meta name="author" content="Office to Combat Human Smuggling">
<meta name="dcterms.created" content="2027-06-15">
<meta name="dcterms.modified" content="2027-06-15">
<style>html {{ font-family: Caladea }}</style></head>
<body><h1>Small document</h1><p>One paragraph.</p>{extra}</body></html>"""


def render(
    tmp_path: Path, extra: str = "", *, strict: bool = False
) -> tuple[Path, tuple[str, ...]]:
    """Render PAGE with ``extra`` into tmp_path/out/small.pdf; tmp_path/allowed is readable."""
    allowed = tmp_path / "allowed"
    allowed.mkdir(exist_ok=True)
    result = html_to_pdf(
        PAGE.format(extra=extra),
        tmp_path / "out" / "small.pdf",
        base=allowed,
        roots=[allowed],
        strict=strict,
    )
    assert result.pages == 1
    return result.path, result.warnings


def test_a_clean_document_renders_without_warnings(tmp_path: Path) -> None:
    path, warnings = render(tmp_path)
    assert warnings == ()
    pdf = ReadPdf(path)
    assert pdf.info["Title"] == "Small"
    assert pdf.info["Author"] == "Office to Combat Human Smuggling"
    assert pdf.info["Tagged"] == "yes"
    assert pdf.info["CreationDate"] == "Tue Jun 15 00:00:00 2027 UTC"
    assert "Small document" in pdf.pages[0]
    assert not (tmp_path / "out" / "small.pdf.partial").exists()


def test_the_network_is_refused_and_the_refusal_is_a_warning(tmp_path: Path) -> None:
    _, warnings = render(tmp_path, '<img src="https://example.org/logo.png" alt="Logo">')
    assert warnings == (
        "WeasyPrint: Failed to load image at 'https://example.org/logo.png': ValueError: refused "
        "https://example.org/logo.png: the PDF reads no network resource",
    )


def test_a_file_outside_the_allowed_roots_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.svg"
    secret.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>')
    _, warnings = render(tmp_path, f'<img src="{secret.as_uri()}" alt="Secret">')
    assert warnings == (
        f"WeasyPrint: Failed to load image at '{secret.as_uri()}': ValueError: refused {secret}: "
        "the PDF reads only the package's templates and fonts and the edition's files",
    )


def test_a_file_inside_the_allowed_roots_is_read(tmp_path: Path) -> None:
    (tmp_path / "allowed").mkdir()
    (tmp_path / "allowed" / "mark.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
        '<rect width="10" height="10"/></svg>'
    )
    _, warnings = render(tmp_path, '<img src="mark.svg" alt="A black square">')
    assert warnings == ()


def test_strict_turns_warnings_into_a_build_error_and_writes_nothing(tmp_path: Path) -> None:
    with pytest.raises(BuildError) as caught:
        render(tmp_path, '<img src="https://example.org/x.png" alt="X">', strict=True)
    assert str(caught.value).startswith(
        "WeasyPrint reported 1 problem(s) while rendering small.pdf:\n"
        "WeasyPrint: Failed to load image at 'https://example.org/x.png'"
    )
    assert list((tmp_path / "out").iterdir()) == []


def test_rendering_twice_gives_the_same_bytes(tmp_path: Path) -> None:
    first, _ = render(tmp_path)
    data = first.read_bytes()
    second, _ = render(tmp_path)
    assert second.read_bytes() == data


def test_the_pdf_date_is_the_publication_date_first() -> None:
    assert pdf_date(dt.date(2027, 6, 15), {"SOURCE_DATE_EPOCH": "0"}) == "2027-06-15"


def test_the_pdf_date_falls_back_to_source_date_epoch() -> None:
    assert pdf_date(None, {"SOURCE_DATE_EPOCH": "1781481600"}) == "2026-06-15T00:00:00Z"


def test_without_either_the_pdf_carries_no_date() -> None:
    assert pdf_date(None, {}) is None


def test_a_malformed_source_date_epoch_is_a_build_error() -> None:
    with pytest.raises(BuildError) as caught:
        pdf_date(None, {"SOURCE_DATE_EPOCH": "yesterday"})
    assert str(caught.value) == (
        "SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, got 'yesterday'"
    )


def test_a_missing_weasyprint_is_a_build_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # None in sys.modules makes the import fail, as a machine without Pango would.
    monkeypatch.setitem(sys.modules, "weasyprint", None)
    with pytest.raises(BuildError) as caught:
        render(tmp_path)
    message = str(caught.value)
    assert message.startswith("cannot load WeasyPrint to write small.pdf: ")
    assert message.endswith("; `make report` installs what it needs")


def test_warnings_are_caught_even_when_logging_silences_them(tmp_path: Path) -> None:
    logger = logging.getLogger("weasyprint")
    logger.setLevel(logging.CRITICAL)
    try:
        _, warnings = render(tmp_path, '<img src="https://example.org/x.png" alt="X">')
        assert len(warnings) == 1
        assert logger.level == logging.CRITICAL
    finally:
        logger.setLevel(logging.NOTSET)


def test_an_unwritable_destination_is_a_build_error(tmp_path: Path) -> None:
    blocker = tmp_path / "out"
    blocker.write_text("a file where the output directory should be")
    with pytest.raises(BuildError) as caught:
        html_to_pdf(PAGE.format(extra=""), blocker / "small.pdf", base=tmp_path, roots=[tmp_path])
    assert str(caught.value).startswith(f"cannot write {blocker / 'small.pdf'}: ")


def test_a_weasyprint_failure_is_a_build_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failure inside WeasyPrint is mapped where it enters, never an internal error."""
    import weasyprint

    def broken(self: object, *args: object, **kwargs: object) -> None:
        raise ValueError("a layout WeasyPrint cannot finish")

    monkeypatch.setattr(weasyprint.HTML, "render", broken)
    html = "<!doctype html><html lang='en'><title>t</title><p>One page.</p></html>"
    with pytest.raises(BuildError) as failure:
        html_to_pdf(html, tmp_path / "broken.pdf", base=tmp_path, roots=[tmp_path])
    assert str(failure.value) == (
        "WeasyPrint could not render broken.pdf: ValueError: a layout WeasyPrint cannot finish"
    )
    assert list(tmp_path.iterdir()) == []


def test_the_pages_are_let_go_before_the_file_is_written() -> None:
    """``release_pages`` runs as a finisher: after the PDF's objects, before the writing."""
    from tierreport.render.pdf.writer import release_pages, return_free_memory

    document = SimpleNamespace(pages=["page one", "page two"])
    release_pages(document, None)
    assert document.pages == []
    return_free_memory()  # glibc hands pages back; elsewhere nothing happens, never an error
