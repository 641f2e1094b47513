"""The draft PDF from cached parts: the same pages as one pass, and only what changed renders."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from benchmarks.synthetic.synthetic import write_edition
from tests.pdfread import ReadPdf, squeeze
from tierreport.build import CACHE_DIR, build
from tierreport.check.edition import load_edition
from tierreport.errors import BuildError
from tierreport.render.context import RenderContext, build_context
from tierreport.render.pdf.draft import write_draft_pdf
from tierreport.render.pdf.writer import write_pdf
from tierreport.tiering.place import place_all

pytestmark = pytest.mark.slow


def _context(root: Path) -> RenderContext:
    edition = load_edition(root)
    return build_context(edition, place_all(edition), draft=True)


def _draft(context: RenderContext, path: Path, cache: Path, calls: list[int]) -> ReadPdf:
    write_draft_pdf(context, path, cache_dir=cache, progress=lambda done, total: calls.append(done))
    return ReadPdf(path)


def _links(path: Path) -> list[tuple[int, int | str]]:
    """Every link as (page index, page index of its destination, or its URI)."""
    reader = PdfReader(path)
    found: list[tuple[int, int | str]] = []
    for index, page in enumerate(reader.pages):
        for reference in page.get("/Annots") or []:
            annotation = reference.get_object()
            if "/Dest" in annotation:
                target = reader.named_destinations[str(annotation["/Dest"])]
                found.append((index, reader.get_destination_page_number(target)))
            else:
                found.append((index, str(annotation["/A"]["/URI"])))
    return sorted(found, key=str)


def _edit(root: Path, code: str, sentence: str) -> None:
    path = root / "countries" / f"{code}.yaml"
    text = path.read_text(encoding="utf-8")
    marker = "  summary: >-\n    "
    assert marker in text
    path.write_text(text.replace(marker, marker + sentence + " ", 1), encoding="utf-8")


@pytest.fixture
def edition(tmp_path: Path) -> Path:
    """Four synthetic countries: a front, four chapters of several pages, the annexes."""
    return write_edition(tmp_path / "edition", countries=4, seed=9).root


def test_the_draft_from_parts_is_the_one_pass_draft_page_for_page(
    edition: Path, tmp_path: Path
) -> None:
    context = _context(edition)
    one_pass = tmp_path / "one-pass.pdf"
    write_pdf(context, one_pass, draft=True)
    calls: list[int] = []
    parts = _draft(context, tmp_path / "parts.pdf", tmp_path / "cache", calls)
    expected = ReadPdf(one_pass)
    assert len(parts.pages) == len(expected.pages) > 20
    assert parts.pages == expected.pages  # text, running heads and page numbers included
    assert parts.outline == expected.outline
    # Links across parts (contents to chapters, tables to chapters) lead where they do in one
    # pass, and every link within a part too.
    links = _links(tmp_path / "parts.pdf")
    assert links == _links(one_pass)
    assert sum(1 for page, target in links if page == 1 and isinstance(target, int)) > 10
    assert len(calls) >= 6  # front, 4 chapters and the back matter were rendered


def test_after_an_edit_only_the_edited_chapter_renders_again(edition: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    _draft(_context(edition), tmp_path / "first.pdf", cache, [])
    code = sorted(p.stem for p in (edition / "countries").glob("*.yaml"))[1]
    _edit(edition, code, "The office added this sentence after the first draft.")
    context = _context(edition)
    calls: list[int] = []
    cached = _draft(context, tmp_path / "cached.pdf", cache, calls)
    cold = _draft(context, tmp_path / "cold.pdf", tmp_path / "cold-cache", [])
    assert cached.pages == cold.pages
    assert cached.outline == cold.outline
    # One more sentence keeps the chapter's length, so no page number moves and the front
    # matter (which does not print summaries) is unchanged: only the chapter renders.
    assert calls == [1]
    assert cached.pages_with("The office added this sentence after the first draft.")


def test_a_longer_chapter_moves_the_parts_after_it(edition: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = _draft(_context(edition), tmp_path / "first.pdf", cache, [])
    code = sorted(p.stem for p in (edition / "countries").glob("*.yaml"))[0]
    _edit(edition, code, "A much longer summary of the period's events. " * 150)
    context = _context(edition)
    calls: list[int] = []
    cached = _draft(context, tmp_path / "cached.pdf", cache, calls)
    cold = _draft(context, tmp_path / "cold.pdf", tmp_path / "cold-cache", [])
    assert len(cached.pages) > len(first.pages)
    assert cached.pages == cold.pages
    assert cached.outline == cold.outline
    assert len(calls) > 2  # the chapter, the parts it pushed down, and the contents


def test_the_contents_give_each_chapter_its_page(edition: Path, tmp_path: Path) -> None:
    context = _context(edition)
    pdf = _draft(context, tmp_path / "draft.pdf", tmp_path / "cache", [])
    listed = dict(pdf.toc(2, 3))
    assert len(context.countries) == 4
    for country in context.countries:
        label = f"{country.name}: {country.tier_label}"
        page = listed[label]
        assert squeeze(country.heading) in squeeze(pdf.bodies[page - 1]), label
        chapter = next(e for e in pdf.outline if e.title == country.name)
        assert (chapter.level, chapter.page) == (3, page)  # under its region's overview


def test_builds_carry_the_cache_and_reuse_it(edition: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(edition, out, draft=True, only=["pdf"])
    cache = out / CACHE_DIR / "draft-pdf"
    first = sorted(p.name for p in cache.glob("*.pdf"))
    # The front, each region's overview, the four chapters and the back.
    assert len(first) == 2 + len(_context(edition).region_views) + 4
    build(edition, out, draft=True, only=["html"])
    build(edition, out, draft=True, only=["pdf"])
    assert sorted(p.name for p in cache.glob("*.pdf")) == first
    assert (out / "human-smuggling-report-2027.pdf").is_file()


def test_an_unreadable_cached_part_is_a_build_error_naming_the_cure(
    edition: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    build(edition, out, draft=True, only=["pdf"])
    cache = out / CACHE_DIR / "draft-pdf"
    part = sorted(cache.glob("*.pdf"))[0]
    part.write_bytes(b"%PDF-1.7\nnot a PDF any more")
    before = (out / "human-smuggling-report-2027.pdf").read_bytes()
    with pytest.raises(BuildError) as failure:
        build(edition, out, draft=True, only=["pdf"])
    assert str(failure.value).startswith(
        "cannot merge the draft's parts into human-smuggling-report-2027.pdf: a cached part is"
        " unreadable ("
    )
    assert str(failure.value).endswith(
        "); delete .cache/draft-pdf in the output folder and build again"
    )
    assert (out / "human-smuggling-report-2027.pdf").read_bytes() == before
