"""Compute no style for a pseudo-element that cannot exist; the bytes written stay the same.

WeasyPrint's default stylesheet has six rules for pseudo-elements of every element
(``::marker``, ``::footnote-call``, ``::footnote-marker``, ``::note-call``, ``::note-marker``,
``::note-callback``), so it computes six styles for each element besides its own, although
WeasyPrint only ever looks them up for an element that can have them:

- ``::marker`` for a list item: an element whose ``display`` has ``list-item``, or whose
  ``::before`` or ``::after`` is one (``formatting_structure/build.py``, ``marker_to_box``);
- the footnote call and marker for an element whose ``float`` is ``footnote``;
- the note call, marker and callback for an element whose ``position`` is ``note()``.

``skip_impossible_pseudo_styles`` computes those styles only for such elements. The element's
own style is computed before any pseudo-element's (``css.StyleFor``), so the test reads it.
On the report's 80,000 elements that is half a million styles fewer, which WeasyPrint would
keep until the boxes are built and whose freed memory the layout could not all reuse.

Entered through the registry (``patches.applied``) with the verified WeasyPrint only;
``tests/test_pdf_pseudo.py`` compares the bytes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any


def _list_item(style: Any) -> bool:
    return "list-item" in style["display"]


def _footnote(style: Any) -> bool:
    return bool(style["float"] == "footnote")


def _note(style: Any) -> bool:
    return bool(style["position"][0] == "note()")


NEEDS: dict[str, Callable[[Any], bool]] = {
    "marker": _list_item,
    "footnote-call": _footnote,
    "footnote-marker": _footnote,
    "note-call": _note,
    "note-marker": _note,
    "note-callback": _note,
}
"""Each pseudo-element skipped, and the test on its element's style for when it can exist."""


def possible(style_for: Any, element: Any, pseudo_type: str) -> bool:
    """Whether WeasyPrint may look up ``pseudo_type``'s style for ``element``."""
    needs = NEEDS.get(pseudo_type)
    own = style_for.get_computed_styles().get((element, None))
    if needs is None or own is None:
        return True
    if needs(own):
        return True
    if pseudo_type == "marker":  # a ::before or ::after that is a list item has a marker too
        cascaded = style_for.get_cascaded_styles()
        return (element, "before") in cascaded or (element, "after") in cascaded
    return False


@contextmanager
def skip_impossible_pseudo_styles() -> Iterator[None]:
    """Within the block, WeasyPrint computes no style for a pseudo-element that cannot exist."""
    from weasyprint.css import StyleFor

    original = StyleFor.__dict__["set_computed_styles"]

    def set_computed_styles(
        self: Any,
        element: Any,
        parent: Any,
        root: Any = None,
        pseudo_type: str | None = None,
        base_url: Any = None,
        target_collector: Any = None,
    ) -> None:
        if pseudo_type is not None and not possible(self, element, pseudo_type):
            return
        original(self, element, parent, root, pseudo_type, base_url, target_collector)

    StyleFor.set_computed_styles = set_computed_styles
    try:
        yield
    finally:
        StyleFor.set_computed_styles = original


def drop_impossible(style_for: Any, element: Any) -> int:
    """Drop ``element``'s cascaded styles for pseudo-elements it cannot have; return how many.

    Called once ``element``'s own style is computed, which ``possible`` reads.
    """
    cascaded = style_for.get_cascaded_styles()
    dropped = 0
    for pseudo_type in NEEDS:
        key = (element, pseudo_type)
        if key in cascaded and not possible(style_for, element, pseudo_type):
            del cascaded[key]
            dropped += 1
    return dropped


class _Pruned:
    """The element tree as ``StyleFor`` walks it, dropping impossible cascades behind it."""

    def __init__(self, wrapper: Any, style_for: Any) -> None:
        self._wrapper = wrapper
        self._style_for = style_for

    def __getattr__(self, name: str) -> Any:
        return getattr(self._wrapper, name)

    def iter_subtree(self) -> Iterator[Any]:
        # StyleFor asks for the next element once it is done with this one: matched against
        # every stylesheet, its own style computed (or shared with an equivalent element's).
        for element in self._wrapper.iter_subtree():
            yield element
            drop_impossible(self._style_for, element.etree_element)


class _PrunedDocument:
    """A WeasyPrint ``HTML`` as ``StyleFor`` reads it, its element tree ``_Pruned``."""

    def __init__(self, html: Any, style_for: Any) -> None:
        self._html = html
        self._style_for = style_for

    def __getattr__(self, name: str) -> Any:
        return getattr(self._html, name)

    @property
    def wrapper_element(self) -> _Pruned:
        return _Pruned(self._html.wrapper_element, self._style_for)


@contextmanager
def drop_impossible_pseudo_cascades() -> Iterator[None]:
    """Within the block, an impossible pseudo-element's cascade goes once its element is styled.

    ``StyleFor.__init__`` matches every element against the stylesheets, which gives it up to
    six pseudo-element cascades (``NEEDS``), then computes its own style; all cascades are kept
    until every element is done. Here the impossible ones of each element are dropped as soon
    as the walk moves on from it, so that their memory serves the next element's.
    """
    from weasyprint.css import StyleFor

    original = StyleFor.__dict__["__init__"]

    def init(self: Any, html: Any, *args: Any, **kwargs: Any) -> None:
        original(self, _PrunedDocument(html, self), *args, **kwargs)

    StyleFor.__init__ = init
    try:
        yield
    finally:
        StyleFor.__init__ = original
