"""Let a render drop what WeasyPrint keeps but never reads again; the bytes written stay the same.

A tagged render holds, until the file is written: every element's computed style and six
pseudo-element styles per element (``::marker``, ``::footnote-call`` and the like, which the
user-agent stylesheet gives every element), the box tree before pagination (for page-based
counters) beside the laid-out pages, each page's content stream as a list of small Python
objects, and the structure tree as hundreds of thousands of pydyf dictionaries. Its peak
memory is reached while writing. Each context manager below lets one of these go as soon as
WeasyPrint is done with it:

- ``release_layout_tables``: once the box tree is built, WeasyPrint looks styles up only for
  pages (and the root element, which pages inherit from); the styles of the elements stay
  reachable from their boxes, and the unused pseudo-element styles are freed: two fifths of
  what Python holds for a laid-out document. Once the pages are paginated, the box tree as it
  was before pagination goes (it holds cycles: the render's one full collection after the
  parser's runs here); once the layout is done, the rest of the styles, and the target
  collector's lookups.
- ``compact_page_streams``: a painted page's content stream is joined into the one string
  pydyf would join it into when writing.
- ``freeze_structure``: when the structure tree moves on to the next page, the elements made
  for the previous one are complete; each is replaced in the PDF's object list by its bytes.
- ``release_tagged_pages``: once a page's structure elements are made, its boxes go; the
  structure tree and the file's writing then reuse their memory instead of adding to it.
They rely on WeasyPrint's behaviour, not only on its names, so they are entered only through
the registry (``patches.applied``), with the WeasyPrint and pydyf versions they were verified
on. The writer lets go of the pages altogether before the file is written
(``writer.release_pages``, a ``write_pdf`` finisher: a public seam that needs no patch) and
hands the C heap's free pages back to the system. ``tests/test_pdf_memory.py`` checks the bytes
are the same.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from xml.etree.ElementTree import Element

_FROZEN_TYPES = frozenset({"/StructElem", "/OBJR"})
"""The objects ``weasyprint.pdf.tags`` makes for each page, and only those."""


@contextmanager
def _swapped(owner: Any, name: str, replacement: Any) -> Iterator[None]:
    """``owner.name`` is ``replacement`` within the block; the original afterwards."""
    original = owner.__dict__[name]
    setattr(owner, name, replacement)
    try:
        yield
    finally:
        setattr(owner, name, original)


def _element_styles(style_for: Any) -> dict[Any, Any] | None:
    """WeasyPrint's table of computed styles, by (element or page type, pseudo-element)."""
    styles = getattr(style_for, "_computed_styles", None)
    return styles if isinstance(styles, dict) else None


def forget_element_styles(style_for: Any, root: Any) -> int:
    """Drop every element's styles from ``style_for`` but the root's; return how many.

    Called once the box tree is built: every box holds its own style, and what is laid out
    afterwards (pages, their margins, footnote areas) looks up page types and the root only.
    """
    styles = _element_styles(style_for)
    if styles is None:
        return 0
    dropped = [
        key
        for key in styles
        if isinstance(key, tuple) and isinstance(key[0], Element) and key[0] is not root
    ]
    for key in dropped:
        del styles[key]
    return len(dropped)


def _clear(owner: Any, name: str) -> None:
    """Empty the dictionary ``owner.name``, if it is one."""
    table = getattr(owner, name, None)
    if isinstance(table, dict):
        table.clear()


def forget_layout_state(context: Any) -> None:
    """Empty the tables a layout context keeps for laying out, once the layout is done.

    The styles (boxes keep the ones they use), and the target collector's lookups, whose
    functions for page-based counters hold the box tree as it was before pagination.
    """
    style_for = getattr(context, "style_for", None)
    _clear(style_for, "_computed_styles")
    _clear(style_for, "_cascaded_styles")
    collector = getattr(context, "target_collector", None)
    _clear(collector, "target_lookup_items")
    _clear(collector, "counter_lookup_items")


def forget_unpaginated_tree(root_box: Any) -> None:
    """Let go of the box tree as it was before pagination, once the pages are paginated.

    ``layout_document`` paginates the whole document (as many times as page-based counters
    need) before it yields the first page; what it does afterwards (margin boxes, fixed boxes,
    backgrounds) reads the pages and the layout context, never the tree they were cut from. The
    laid-out pages hold copies of its boxes, never the root box itself, so dropping the root's
    children lets the rest go; its boxes and styles hold cycles, hence the collection.
    """
    children = getattr(root_box, "children", None)
    if isinstance(children, list):
        root_box.children = []
        gc.collect()


@contextmanager
def release_layout_tables() -> Iterator[None]:
    """Within the block, a render lets go of the tables it no longer looks things up in.

    The element styles once the box tree is built (``forget_element_styles``); that box tree
    once the pages are paginated (``forget_unpaginated_tree``); the rest of the styles and the
    target collector's lookups once the layout is done (``forget_layout_state``).
    """
    import weasyprint.document as document

    build = document.__dict__["build_formatting_structure"]
    layout = document.__dict__["layout_document"]

    def build_then_release(element_tree: Any, style_for: Any, *args: Any, **kwargs: Any) -> Any:
        root_box = build(element_tree, style_for, *args, **kwargs)
        forget_element_styles(style_for, element_tree)
        return root_box

    def layout_then_release(
        html: Any, root_box: Any, context: Any, *args: Any, **kwargs: Any
    ) -> Iterator[Any]:
        pages = layout(html, root_box, context, *args, **kwargs)
        first = next(pages, None)  # every page is paginated before the first is yielded
        if first is not None:
            forget_unpaginated_tree(root_box)
            yield first
            yield from pages
        forget_layout_state(context)

    with (
        _swapped(document, "build_formatting_structure", build_then_release),
        _swapped(document, "layout_document", layout_then_release),
    ):
        yield


@contextmanager
def compact_page_streams() -> Iterator[None]:
    """Within the block, each painted page's content is one string, as pydyf would join it.

    ``pydyf.Stream.data`` joins the stream's items with newlines, each turned into bytes by
    ``pydyf._to_bytes``; joined here as soon as the page is painted, the one item left is
    turned into itself when the file is written. Nothing is added to a page's stream once it
    is painted (``weasyprint.pdf.generate_pdf``).
    """
    import pydyf  # type: ignore[import-untyped]  # ships no type hints
    import weasyprint.document as document

    paint = document.Page.__dict__["paint"]
    to_bytes = pydyf._to_bytes

    def paint_then_compact(page: Any, stream: Any, *args: Any, **kwargs: Any) -> Any:
        result = paint(page, stream, *args, **kwargs)
        items = getattr(stream, "stream", None)
        if isinstance(items, list) and len(items) > 1:
            stream.stream = [b"\n".join(to_bytes(item) for item in items)]
        return result

    with _swapped(document.Page, "paint", paint_then_compact):
        yield


def _frozen_class(pydyf: Any) -> type[Any]:
    """A PDF object reduced to its bytes, written by pydyf exactly as the original was."""
    shared = pydyf.Object.__dict__

    class Frozen:
        """Number, generation, offset, state and bytes (``data``) of a finished object."""

        __slots__ = ("data", "free", "generation", "number", "offset")
        # pydyf's own properties, which read only the attributes above: the same bytes.
        indirect = shared["indirect"]
        reference = shared["reference"]
        compressible = shared["compressible"]

        def __init__(self, original: Any) -> None:
            self.number = original.number
            self.generation = original.generation
            self.offset = original.offset
            self.free = original.free
            self.data = original.data

    return Frozen


@dataclass
class _Tree:
    """The structure tree being built: its PDF and the first object of the current page."""

    pdf: Any = None
    start: int = 0


def _freezer(pydyf: Any) -> Callable[[_Tree], None]:
    """A function replacing the finished structure elements of a ``_Tree`` by their bytes."""
    frozen = _frozen_class(pydyf)
    dictionary = pydyf.Dictionary

    def freeze(tree: _Tree) -> None:
        if tree.pdf is None:
            return
        objects = tree.pdf.objects
        for index in range(tree.start, len(objects)):
            item = objects[index]
            if (
                type(item) is dictionary
                and item.get("Type") in _FROZEN_TYPES
                and item.free == "n"
                and item.generation == 0
            ):
                objects[index] = frozen(item)
        tree.start = len(objects)

    return freeze


@contextmanager
def freeze_structure() -> Iterator[None]:
    """Within the block, the PDF/UA structure tree is kept as bytes, page by page.

    ``weasyprint.pdf.tags.add_tags`` builds each page's elements with one top-level call of
    ``_build_box_tree`` for the page's box, and touches them no more once the next page starts
    (tables, lists and links are finished within the page). At each page's call the previous
    page's elements (``/StructElem`` and ``/OBJR`` dictionaries) become their bytes, and the last
    page's when ``add_tags`` returns.
    """
    import pydyf
    import weasyprint.pdf as pdf_module
    import weasyprint.pdf.tags as tags
    from weasyprint.formatting_structure.boxes import PageBox

    build = tags.__dict__["_build_box_tree"]
    add_tags = pdf_module.__dict__["add_tags"]
    tree = _Tree()
    freeze = _freezer(pydyf)

    def build_freezing(box: Any, parent: Any, pdf: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(box, PageBox):  # a page starts: the previous one is finished
            if tree.pdf is pdf:
                freeze(tree)
            else:
                tree.pdf, tree.start = pdf, len(pdf.objects)
        return build(box, parent, pdf, *args, **kwargs)

    def add_tags_freezing(pdf: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            result = add_tags(pdf, *args, **kwargs)
            if tree.pdf is pdf:
                freeze(tree)
            return result
        finally:
            tree.pdf = None

    with (
        _swapped(tags, "_build_box_tree", build_freezing),
        _swapped(pdf_module, "add_tags", add_tags_freezing),
    ):
        yield


def _then_release(elements: Iterator[Any], page_box: Any) -> Iterator[Any]:
    """``elements``, then ``page_box`` without its boxes once the last has been read."""
    yield from elements
    page_box.children = ()


@contextmanager
def release_tagged_pages() -> Iterator[None]:
    """Within the block, a page's boxes go once its structure elements are made.

    ``weasyprint.pdf.tags.add_tags`` reads the boxes of each page once, after every page is
    painted, in one top-level call of ``_build_box_tree`` for the page's box, and no box of that
    page afterwards. When that call's elements are all read, the page box lets go of its
    children, and what the next pages' structure elements and the file's writing allocate
    reuses their memory. A document so written cannot be painted again.
    """
    import weasyprint.pdf.tags as tags
    from weasyprint.formatting_structure.boxes import PageBox

    build = tags.__dict__["_build_box_tree"]

    def build_releasing(box: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(box, PageBox):
            return _then_release(build(box, *args, **kwargs), box)
        return build(box, *args, **kwargs)

    with _swapped(tags, "_build_box_tree", build_releasing):
        yield
