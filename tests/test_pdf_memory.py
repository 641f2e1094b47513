"""patches.memory: what a render lets go of early, and the same bytes written all the same."""

from __future__ import annotations

import gc
import io
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from typing import Any
from xml.etree.ElementTree import Element

import pydyf  # type: ignore[import-untyped]
import pytest
import weasyprint
import weasyprint.css
import weasyprint.document
import weasyprint.pdf
import weasyprint.pdf.tags

from tierreport.render.pdf.patches import applied
from tierreport.render.pdf.patches import memory as pdf_memory
from tierreport.render.pdf.patches.memory import (
    compact_page_streams,
    forget_element_styles,
    forget_layout_state,
    forget_unpaginated_tree,
    freeze_structure,
    release_layout_tables,
    release_tagged_pages,
)
from tierreport.render.pdf.patches.pseudo import skip_impossible_pseudo_styles

_SQUARE = (
    "data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg' width='40' height='40'>"
    "<rect width='40' height='40' fill='%23336'/></svg>"
)
_ROWS = "".join(
    f"<tr><th scope='row'>Country {i}</th><td>{i}</td><td>{i * 7}</td></tr>" for i in range(70)
)
DOCUMENT = f"""<!doctype html><html lang="en"><head><title>Memory</title>
<meta name="dcterms.created" content="2027-06-15">
<style>
@page {{ size: A5; margin: 2cm 1.5cm;
  @top-center {{ content: string(chapter) }}
  @bottom-center {{ content: "Page " counter(page) " of " counter(pages) }} }}
@page wide {{ size: A5 landscape }}
html {{ font-family: Caladea }}
h1 {{ string-set: chapter content(); break-before: page }}
.toc a::after {{ content: " " target-counter(attr(href), page) }}
.note {{ float: footnote }}
.wide {{ page: wide }}
table {{ width: 100%; border-collapse: collapse }}
th, td {{ border: 1px solid black; padding: 2px }}
</style></head><body>
<nav class="toc"><ol><li><a href="#one">One</a></li><li><a href="#two">Two</a></li>
<li><a href="#three">Three</a></li></ol></nav>
<h1 id="one">Chapter one</h1>
<p>A paragraph with a note<span class="note">The footnote's text.</span>, a
<a href="https://example.org/report">link out</a> and <a href="#two">one within</a>.</p>
<ul><li>An item<ul><li>a nested item</li></ul></li><li style="list-style: none">no bullet</li></ul>
<ol start="3"><li>Third</li><li>Fourth</li></ol>
<dl><dt>Term</dt><dd>Its definition.</dd></dl>
<table><caption>Numbers by country</caption>
<thead><tr><th>Country</th><th colspan="2">Counts</th></tr></thead>
<tbody><tr><th scope="row" rowspan="2">Spanning</th><td>1</td><td>2</td></tr>
<tr><td>3</td><td>4</td></tr>{_ROWS}</tbody></table>
<h1 id="two" class="wide">Chapter two</h1>
<figure><img src="{_SQUARE}" alt="A dark square"><figcaption>A figure</figcaption></figure>
<svg xmlns="http://www.w3.org/2000/svg" width="60" height="30"><title>A chart</title>
<rect width="60" height="30" fill="#963"/></svg>
<blockquote><p>Quoted, with <q>inner quotes</q>.</p></blockquote>
<h1 id="three">Chapter three</h1><h2>A section</h2><p>The end.</p>
</body></html>"""


def _pdf(variant: str | None = "pdf/ua-1", finisher: Callable[..., Any] | None = None) -> bytes:
    document = weasyprint.HTML(string=DOCUMENT).render(pdf_variant=variant)
    written: bytes = document.write_pdf(pdf_variant=variant, pdf_identifier=True, finisher=finisher)
    return written


@pytest.fixture(scope="module")
def tagged() -> bytes:
    """The document as WeasyPrint alone writes it, tagged."""
    return _pdf()


SAVINGS: dict[str, Callable[[], AbstractContextManager[None]]] = {
    "release_layout_tables": release_layout_tables,
    "compact_page_streams": compact_page_streams,
    "freeze_structure": freeze_structure,
    "release_tagged_pages": release_tagged_pages,
    "every patch": applied,
    "skip_impossible_pseudo_styles": skip_impossible_pseudo_styles,
}


@pytest.mark.parametrize("name", sorted(SAVINGS))
def test_each_saving_writes_the_same_tagged_bytes(tagged: bytes, name: str) -> None:
    with SAVINGS[name]():
        assert _pdf() == tagged


def test_an_untagged_render_is_the_same_too() -> None:
    expected = _pdf(variant=None)
    with applied():
        assert _pdf(variant=None) == expected


def _kinds(element: Any, found: set[str]) -> set[str]:
    """The structure types (``/S``) of ``element`` and everything below it."""
    element = element.get_object() if hasattr(element, "get_object") else element
    if isinstance(element, dict):
        if "/S" in element:
            found.add(str(element["/S"]))
        _kinds(element.get("/K"), found)
    elif isinstance(element, list):
        for kid in element:
            _kinds(kid, found)
    return found


def test_the_document_exercises_what_the_savings_touch(tagged: bytes) -> None:
    """Pages, tables across pages, lists, links, figures: their tags are all in the tree."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(tagged))
    assert len(reader.pages) >= 5
    kinds = _kinds(reader.trailer["/Root"]["/StructTreeRoot"], set())
    assert {"/Table", "/TH", "/TD", "/L", "/LI", "/LBody", "/Link", "/Figure", "/H1"} <= kinds


def _spies(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """Stand-ins for WeasyPrint's box building and layout that keep what they were given."""
    seen: dict[str, Any] = {}
    build = weasyprint.document.build_formatting_structure
    layout = weasyprint.document.layout_document

    def build_formatting_structure(
        element_tree: Any, style_for: Any, *args: Any, **kwargs: Any
    ) -> Any:
        seen["root"], seen["style_for"] = element_tree, style_for
        return build(element_tree, style_for, *args, **kwargs)

    def layout_document(html: Any, root_box: Any, context: Any, *args: Any) -> Any:
        # Called once the box tree is built, before any page is laid out.
        seen["keys at layout"] = list(context.style_for._computed_styles)
        seen["context"] = context
        seen["root box"], seen["children"] = root_box, list(root_box.children)
        return layout(html, root_box, context, *args)

    monkeypatch.setattr(
        weasyprint.document, "build_formatting_structure", build_formatting_structure
    )
    monkeypatch.setattr(weasyprint.document, "layout_document", layout_document)
    return seen


def test_styles_go_once_the_boxes_are_built_and_the_rest_once_laid_out(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen = _spies(monkeypatch)
    with release_layout_tables():
        weasyprint.HTML(string=DOCUMENT).render(pdf_variant="pdf/ua-1")
    elements = [key for key in seen["keys at layout"] if isinstance(key[0], Element)]
    assert elements and {key[0] for key in elements} == {seen["root"]}
    context = seen["context"]
    assert context.style_for._computed_styles == {}
    assert context.style_for._cascaded_styles == {}
    assert context.target_collector.target_lookup_items == {}
    assert context.target_collector.counter_lookup_items == {}


def test_the_tree_before_pagination_goes_once_the_pages_are_paginated(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen = _spies(monkeypatch)
    with release_layout_tables():
        document = weasyprint.HTML(string=DOCUMENT).render(pdf_variant="pdf/ua-1")
    assert seen["children"] and seen["root box"].children == []
    laid_out = {id(box) for page in document.pages for box in page._page_box.descendants()}
    assert id(seen["root box"]) not in laid_out  # the pages hold copies, never the root box


def test_forget_unpaginated_tree_drops_only_a_list_of_children() -> None:
    class Box:
        def __init__(self, children: Any) -> None:
            self.children = children

    box, kept = Box(["body"]), Box(("a", "tuple"))
    forget_unpaginated_tree(box)
    forget_unpaginated_tree(kept)
    forget_unpaginated_tree(object())  # another WeasyPrint: nothing to drop, no error
    assert box.children == [] and kept.children == ("a", "tuple")


def test_each_page_lets_go_of_its_boxes_once_its_structure_is_made() -> None:
    children: list[Any] = []

    def finisher(document: Any, pdf: Any) -> None:
        children.extend(page._page_box.children for page in document.pages)

    with release_tagged_pages():
        _pdf(finisher=finisher)
        assert len(children) >= 5 and all(kids == () for kids in children)
        children.clear()
        _pdf(variant=None, finisher=finisher)  # untagged: no structure tree, nothing let go
    assert children and all(kids for kids in children)


def test_without_the_saving_weasyprint_keeps_every_style(monkeypatch: pytest.MonkeyPatch) -> None:
    seen = _spies(monkeypatch)
    weasyprint.HTML(string=DOCUMENT).render(pdf_variant="pdf/ua-1")
    markers = [key for key in seen["style_for"]._computed_styles if key[1] == "marker"]
    assert len(markers) > 100  # one ::marker style for every element, a list item or not


class _Styles:
    def __init__(self, table: dict[Any, Any]) -> None:
        self._computed_styles = table
        self._cascaded_styles = {"page": {}}


def test_forget_element_styles_keeps_the_root_and_the_pages() -> None:
    root, child = Element("html"), Element("p")
    table = {
        (root, None): "root",
        (root, "marker"): "root marker",
        (child, None): "p",
        (child, "footnote-call"): "p call",
        ("page type", None): "page",
        ("page type", "@top-center"): "margin",
    }
    styles = _Styles(table)
    assert forget_element_styles(styles, root) == 2
    assert set(table.values()) == {"root", "root marker", "page", "margin"}
    assert forget_element_styles(object(), root) == 0  # another WeasyPrint: nothing to drop


def test_forget_layout_state_empties_only_dictionaries() -> None:
    class Collector:
        def __init__(self) -> None:
            self.target_lookup_items = {"anchor": "item"}
            self.counter_lookup_items = ("not", "a", "dict")

    class Context:
        def __init__(self) -> None:
            self.style_for = _Styles({("page", None): "page"})
            self.target_collector = Collector()

    context = Context()
    forget_layout_state(context)
    assert context.style_for._computed_styles == {}
    assert context.style_for._cascaded_styles == {}
    assert context.target_collector.target_lookup_items == {}
    assert context.target_collector.counter_lookup_items == ("not", "a", "dict")
    forget_layout_state(object())  # nothing to empty, no error


def test_painted_pages_are_one_string_each() -> None:
    contents: list[Any] = []

    def finisher(document: Any, pdf: Any) -> None:
        for page in pdf.pages["Kids"][::3]:
            number = int(pdf.objects[page]["Contents"].split()[0])
            contents.append(pdf.objects[number].stream)

    with compact_page_streams():
        _pdf(finisher=finisher)
    assert len(contents) >= 5
    assert all(len(items) == 1 and isinstance(items[0], bytes) for items in contents)


def test_the_structure_tree_is_bytes_when_written() -> None:
    kinds: dict[str, int] = {}

    def finisher(document: Any, pdf: Any) -> None:
        for item in pdf.objects:
            if type(item).__name__ == "Frozen":
                kinds["Frozen"] = kinds.get("Frozen", 0) + 1
            elif isinstance(item, dict) and item.get("Type") in {"/StructElem", "/OBJR"}:
                key = f"Dictionary {item.get('S')}"
                kinds[key] = kinds.get(key, 0) + 1

    with freeze_structure():
        _pdf(finisher=finisher)
    # Only the document element, which every page adds to, is still a dictionary.
    assert kinds.pop("Dictionary /Document") == 1
    assert set(kinds) == {"Frozen"}
    assert kinds["Frozen"] > 200


def _tags_document() -> Any:
    pdf = pydyf.PDF()
    page = pydyf.Dictionary({"Type": "/Page"})
    pdf.add_page(page)
    pdf.add_object(pydyf.Stream([b"BT", b"ET"], compress=True))
    for index in range(3):
        element = pydyf.Dictionary(
            {
                "Type": "/StructElem",
                "S": "/P",
                "K": pydyf.Array([index]),
                "Pg": page.reference,
                "Alt": pydyf.String(f"élément {index}"),
            }
        )
        pdf.add_object(element)
    return pdf


@pytest.mark.parametrize("identifier", [True, False])
@pytest.mark.parametrize("compress", [True, False])
def test_a_frozen_object_is_written_as_the_original(identifier: bool, compress: bool) -> None:
    expected, frozen_output = io.BytesIO(), io.BytesIO()
    _tags_document().write(expected, b"1.7", identifier, compress)
    pdf = _tags_document()
    frozen = pdf_memory._frozen_class(pydyf)
    for index, item in enumerate(pdf.objects):
        if isinstance(item, pydyf.Dictionary) and item.get("Type") == "/StructElem":
            pdf.objects[index] = frozen(item)
            assert pdf.objects[index].reference == item.reference
    pdf.write(frozen_output, b"1.7", identifier, compress)
    assert frozen_output.getvalue() == expected.getvalue()


@pytest.fixture
def patched_functions() -> Iterator[Callable[[], dict[str, Any]]]:
    """The functions the memory savings swap, read afresh each time."""

    def read() -> dict[str, Any]:
        return {
            "build": weasyprint.document.build_formatting_structure,
            "layout": weasyprint.document.layout_document,
            "paint": weasyprint.document.Page.__dict__["paint"],
            "tags": weasyprint.pdf.tags._build_box_tree,
            "add_tags": weasyprint.pdf.add_tags,
            "styles": weasyprint.css.StyleFor.__dict__["__init__"],
        }

    before = read()
    yield read
    assert read() == before  # every saving puts the library back


def test_every_patch_is_put_back(
    patched_functions: Callable[[], dict[str, Any]],
) -> None:
    thresholds = gc.get_threshold()
    before = patched_functions()
    pydyf_before = (pydyf.PDF.__dict__["page_references"], pydyf.PDF.__dict__["write"])
    with applied() as active:
        assert active
        now = patched_functions()
        assert all(now[name] is not before[name] for name in before)  # every saving is on
        assert pydyf.PDF.__dict__["write"] is not pydyf_before[1]
    assert gc.get_threshold() == thresholds
    assert (pydyf.PDF.__dict__["page_references"], pydyf.PDF.__dict__["write"]) == pydyf_before
