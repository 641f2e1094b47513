"""No style for a pseudo-element that cannot exist: fewer styles, the same bytes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

import pytest
import weasyprint
from weasyprint.css import StyleFor

from tierreport.render.pdf.patches.pseudo import (
    NEEDS,
    drop_impossible,
    drop_impossible_pseudo_cascades,
    possible,
    skip_impossible_pseudo_styles,
)

# Every kind of element the skipped pseudo-elements belong to, and some that look like them:
# list items with and without markers, a ::before that is a list item, a footnote.
DOCUMENT = """<!doctype html><html lang="en"><head><title>Pseudo</title><style>
@page { size: A6; margin: 1cm; @bottom-center { content: counter(page) } }
.fn { float: footnote }
p.item::before { display: list-item; content: "before"; margin-left: 2em }
li.custom { list-style-type: "-> " }
li.custom::marker { color: #963 }
h2::after { content: " (" counter(page) ")" }
</style></head><body>
<h2>Lists</h2>
<ul><li>one</li><li class="custom">custom marker</li><li style="list-style: none">none</li></ul>
<ol><li>first<ol><li>nested</li></ol></li></ol>
<p class="item">A paragraph whose ::before is a list item.</p>
<p>Text with a footnote<span class="fn">The footnote.</span>.</p>
<div style="display: list-item; margin-left: 2em">A div shown as a list item.</div>
</body></html>"""


def _render(tagged: bool) -> bytes:
    variant = "pdf/ua-1" if tagged else None
    document = weasyprint.HTML(string=DOCUMENT).render(pdf_variant=variant)
    written: bytes = document.write_pdf(pdf_variant=variant, pdf_identifier=True)
    return written


@pytest.mark.parametrize("tagged", [True, False])
def test_the_bytes_are_the_same(tagged: bool) -> None:
    plain = _render(tagged)
    with skip_impossible_pseudo_styles():
        assert _render(tagged) == plain
    with drop_impossible_pseudo_cascades():
        assert _render(tagged) == plain
    with drop_impossible_pseudo_cascades(), skip_impossible_pseudo_styles():
        assert _render(tagged) == plain


def _cascades_left(monkeypatch: pytest.MonkeyPatch) -> Counter[tuple[str, str]]:
    """The pseudo-element cascades of ``NEEDS`` left once every element is styled."""
    left: Counter[tuple[str, str]] = Counter()
    current = StyleFor.set_computed_styles

    def counting(self: Any, element: Any, parent: Any, *args: Any, **kwargs: Any) -> None:
        pseudo = kwargs.get("pseudo_type", args[1] if len(args) > 1 else None)
        if pseudo is not None and not left:  # the first pseudo-element: the walk is over
            for key in self.get_cascaded_styles():
                if key[1] in NEEDS and getattr(key[0], "tag", None) is not None:
                    left[(str(key[0].tag), key[1])] += 1
        current(self, element, parent, *args, **kwargs)

    monkeypatch.setattr(StyleFor, "set_computed_styles", counting)
    weasyprint.HTML(string=DOCUMENT).render()
    monkeypatch.undo()
    return left


def test_impossible_cascades_go_as_each_element_is_styled(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    original = StyleFor.__dict__["__init__"]
    with drop_impossible_pseudo_cascades():
        lean = _cascades_left(monkeypatch)
    assert StyleFor.__dict__["__init__"] is original
    full = _cascades_left(monkeypatch)
    markers = {tag: n for (tag, pseudo), n in lean.items() if pseudo == "marker"}
    assert markers == {"li": 5, "div": 1, "p": 1, "h2": 1}  # as the styles computed, above
    assert lean[("span", "footnote-call")] == lean[("span", "footnote-marker")] == 1
    every = len(list(weasyprint.HTML(string=DOCUMENT).etree_element.iter()))
    assert sum(n for (_, pseudo), n in full.items() if pseudo == "marker") == every
    assert sum(lean.values()) < sum(full.values()) / 3


def test_drop_impossible_keeps_what_can_exist() -> None:
    item, para = object(), object()
    own = {
        (item, None): _Style({"display": ("list-item",), "float": "none"}),
        (para, None): _Style({"display": ("block",), "float": "none", "position": ("static",)}),
    }
    cascaded = {
        (item, "marker"): {},
        (para, "marker"): {},
        (para, "footnote-call"): {},
        (para, "before"): {},
    }
    style_for = _StyleFor(own, cascaded)
    assert drop_impossible(style_for, item) == 0
    # The paragraph's ::before is in the cascade: it could be a list item, with a marker.
    assert drop_impossible(style_for, para) == 1
    assert set(cascaded) == {(item, "marker"), (para, "marker"), (para, "before")}
    del cascaded[(para, "before")]
    assert drop_impossible(style_for, para) == 1
    assert set(cascaded) == {(item, "marker")}


def _pseudo_styles(monkeypatch: pytest.MonkeyPatch) -> Counter[tuple[str, str]]:
    """Render DOCUMENT and count the pseudo-element styles computed, by (tag, pseudo-type)."""
    counted: Counter[tuple[str, str]] = Counter()
    current = StyleFor.set_computed_styles

    def counting(self: Any, element: Any, parent: Any, *args: Any, **kwargs: Any) -> None:
        current(self, element, parent, *args, **kwargs)
        pseudo = kwargs.get("pseudo_type", args[1] if len(args) > 1 else None)
        tag = getattr(element, "tag", None)  # page types have styles too
        if (
            tag is not None
            and pseudo is not None
            and (element, pseudo) in self.get_computed_styles()
        ):
            counted[(str(tag), pseudo)] += 1

    monkeypatch.setattr(StyleFor, "set_computed_styles", counting)
    weasyprint.HTML(string=DOCUMENT).render()
    return counted


def test_only_the_possible_pseudo_styles_are_computed(monkeypatch: pytest.MonkeyPatch) -> None:
    original = StyleFor.__dict__["set_computed_styles"]
    with skip_impossible_pseudo_styles():
        lean = _pseudo_styles(monkeypatch)
        monkeypatch.undo()  # the counting spy goes before the saving puts the original back
    assert StyleFor.__dict__["set_computed_styles"] is original
    full = _pseudo_styles(monkeypatch)
    markers = {tag: n for (tag, pseudo), n in lean.items() if pseudo == "marker"}
    # Five li elements, the div shown as a list item, the p whose ::before is one, and the h2,
    # whose ::after could be one (its style is not known yet when the marker's is decided).
    assert markers == {"li": 5, "div": 1, "p": 1, "h2": 1}
    assert lean[("span", "footnote-call")] == lean[("span", "footnote-marker")] == 1
    assert not any(pseudo.startswith("note-") for _, pseudo in lean)  # no note here
    assert lean[("h2", "after")] == full[("h2", "after")] == 1  # other pseudo-elements stay
    # Without the saving: a marker style for every element of the document.
    every = len(list(weasyprint.HTML(string=DOCUMENT).etree_element.iter()))
    assert sum(n for (_, pseudo), n in full.items() if pseudo == "marker") == every
    assert sum(lean.values()) < sum(full.values()) / 3
    assert set(NEEDS) <= {pseudo for _, pseudo in full}


@pytest.mark.parametrize(
    ("patch", "name"),
    [
        (skip_impossible_pseudo_styles, "set_computed_styles"),
        (drop_impossible_pseudo_cascades, "__init__"),
    ],
)
def test_the_original_comes_back_whatever_happens(
    patch: Callable[[], AbstractContextManager[None]], name: str
) -> None:
    original = StyleFor.__dict__[name]
    with pytest.raises(RuntimeError), patch():
        assert StyleFor.__dict__[name] is not original
        raise RuntimeError("render failed")
    assert StyleFor.__dict__[name] is original


class _Style(dict[str, Any]):
    """A computed style as ``possible`` reads it."""


class _StyleFor:
    def __init__(self, own: dict[Any, Any], cascaded: dict[Any, Any]) -> None:
        self.own, self.cascaded = own, cascaded

    def get_computed_styles(self) -> dict[Any, Any]:
        return self.own

    def get_cascaded_styles(self) -> dict[Any, Any]:
        return self.cascaded


@pytest.mark.parametrize(
    ("style", "pseudo", "expected"),
    [
        ({"position": ("note()",), "float": "none", "display": ("block",)}, "note-call", True),
        ({"position": ("static",), "float": "none", "display": ("block",)}, "note-marker", False),
        ({"position": ("static",), "float": "footnote", "display": ("block",)}, "note-call", False),
        (
            {"position": ("static",), "float": "footnote", "display": ("block",)},
            "footnote-call",
            True,
        ),
        ({"position": ("static",), "float": "none", "display": ("block",)}, "before", True),
    ],
)
def test_what_makes_a_pseudo_element_possible(
    style: dict[str, Any], pseudo: str, expected: bool
) -> None:
    element = object()
    style_for = _StyleFor({(element, None): _Style(style)}, {})
    assert possible(style_for, element, pseudo) is expected
    assert possible(_StyleFor({}, {}), element, pseudo) is True  # no style known: compute it
