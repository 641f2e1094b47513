"""Every replacement of a WeasyPrint or pydyf internal, in one registry, gated in one way.

A patch swaps a non-public function, property or setting of a library for the duration of one
render and puts the original back afterwards; each saves time or memory and writes the same
bytes (``tests/test_pdf_patches.py`` compares them, the example edition's whole report included).
Because each relies on what the library's code does, not only on its names, all of them are
active only when every installed version is one they were verified on (``VERIFIED``); with
any other version none is, the report renders exactly as plain WeasyPrint renders it, and
``inactive_note`` says so in one line (``build`` prints it as ``note: ...``).

The pins in ``pyproject.toml`` (``weasyprint==70.0``, ``pydyf==0.13.0``) make an upgrade a
deliberate change: read the patched functions again, compare the bytes, then move both the pin
and ``VERIFIED``. README "The PDF patches" says, for each patch, the upstream change that would
make it unnecessary.

The renders that use them run in a worker process (``render.pdf.writer``, ``render.pdf.draft``),
so a patch or a collector setting never outlives the render in the caller's process.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager
from dataclasses import dataclass
from importlib import metadata

from tierreport.render.pdf.patches.memory import (
    compact_page_streams,
    freeze_structure,
    release_layout_tables,
    release_tagged_pages,
)
from tierreport.render.pdf.patches.pseudo import (
    drop_impossible_pseudo_cascades,
    skip_impossible_pseudo_styles,
)
from tierreport.render.pdf.patches.speed import (
    compress_once,
    fast_page_references,
    fewer_full_collections,
)

VERIFIED: dict[str, str] = {"weasyprint": "70.0", "pydyf": "0.13.0"}
"""The exact library versions whose code every patch was read against and tested on."""
VERIFIED_PYTHON = ("3.11", "3.12", "3.13")
"""Pythons whose collector has the generational thresholds ``fewer_full_collections`` sets;
3.14's incremental collector ignores the third one."""
_NAMES = {"weasyprint": "WeasyPrint", "pydyf": "pydyf"}


@dataclass(frozen=True)
class Patch:
    """One replacement: what it replaces, what it saves, and what would retire it."""

    name: str
    target: str
    """The library internal it replaces, as ``module.object.attribute``."""
    saves: str
    """What it saves, measured on the 1,207-page synthetic report (``make bench``)."""
    upstream: str
    """The upstream change that would make it unnecessary (README repeats it)."""
    enter: Callable[[], AbstractContextManager[None]]


PATCHES: tuple[Patch, ...] = (
    Patch(
        "skip_impossible_pseudo_styles",
        "weasyprint.css.StyleFor.set_computed_styles",
        "about 250 MB: no style for a ::marker, footnote or note pseudo-element of an element"
        " that cannot have one",
        "compute a pseudo-element's style lazily, when the box builder first asks for it",
        skip_impossible_pseudo_styles,
    ),
    Patch(
        "drop_impossible_pseudo_cascades",
        "weasyprint.css.StyleFor.__init__ (the element tree it walks)",
        "about 110 MB of the publication PDF's peak: the cascades of those pseudo-elements go"
        " as soon as their element is styled, instead of leaving their memory in pieces the"
        " layout cannot all reuse",
        "match the user-agent stylesheet's pseudo-element rules only against elements that can"
        " have the pseudo-element (or cascade a pseudo-element when its style is asked for)",
        drop_impossible_pseudo_cascades,
    ),
    Patch(
        "fast_page_references",
        "pydyf.PDF.page_references",
        "about 40% of a tagged render's processor time at 1,200 pages: the page reference"
        " tuple is built once per page count, not once per tagged element",
        "keep the tuple in pydyf.PDF and extend it in add_page (or have weasyprint.pdf.tags"
        " read it once per page)",
        fast_page_references,
    ),
    Patch(
        "compress_once",
        "pydyf.PDF.write (pydyf.Stream.data during it)",
        "about 5% of a render: with a file identifier every stream is compressed once, not twice",
        "hash the bytes already written for the identifier instead of serializing every"
        " object again",
        compress_once,
    ),
    Patch(
        "release_layout_tables",
        "weasyprint.document.build_formatting_structure and layout_document",
        "two fifths of the memory Python holds for a laid-out document: element styles once"
        " the boxes are built, the box tree before pagination once the pages are paginated"
        " (about 80 MB at 1,044 pages), the rest of the styles and the target collector's"
        " lookups once the layout is done",
        "drop StyleFor's tables, the box tree before pagination and the target collector's"
        " lookups in Document._render once the layout no longer reads them",
        release_layout_tables,
    ),
    Patch(
        "compact_page_streams",
        "weasyprint.document.Page.paint",
        "a painted page's content is one byte string instead of thousands of small objects",
        "let pydyf.Stream join its items when a page is finished (a Stream.freeze method)",
        compact_page_streams,
    ),
    Patch(
        "freeze_structure",
        "weasyprint.pdf.tags._build_box_tree and weasyprint.pdf.add_tags",
        "the PDF/UA structure tree is kept as bytes page by page instead of hundreds of"
        " thousands of dictionaries",
        "serialize finished structure elements in add_tags page by page (pydyf object"
        " streams written incrementally)",
        freeze_structure,
    ),
    Patch(
        "release_tagged_pages",
        "weasyprint.pdf.tags._build_box_tree",
        "the growth of the structure tree: each page's boxes go once its structure elements"
        " are made, and their memory serves the next pages'",
        "let add_tags release each page's boxes once its elements are made (or build a"
        " page's elements when it is painted)",
        release_tagged_pages,
    ),
    Patch(
        "fewer_full_collections",
        "gc.set_threshold (the oldest generation's threshold, during the render)",
        "about a quarter of a render's time: no full collection re-traverses every style and"
        " box a dozen times; a render collects once after parsing and once when paginated",
        "none in the libraries: a render allocates millions of long-lived objects; CPython"
        " 3.14's incremental collector makes this unnecessary",
        fewer_full_collections,
    ),
)


def installed(library: str) -> str:
    """The installed version of ``library``, or "absent"."""
    try:
        return metadata.version(library)
    except metadata.PackageNotFoundError:
        return "absent"


def mismatches(
    versions: Callable[[str], str] | None = None, python: str | None = None
) -> tuple[str, ...]:
    """Why the patches are inactive: one phrase per version that is not the verified one.

    ``versions`` (default: what is installed) and ``python`` (default: this one) are for tests.
    """
    versions = versions or installed
    found = [
        f"{_NAMES[library]} {versions(library)} is not the verified {expected}"
        for library, expected in VERIFIED.items()
        if versions(library) != expected
    ]
    python = python or f"{sys.version_info.major}.{sys.version_info.minor}"
    if python not in VERIFIED_PYTHON:
        found.append(f"Python {python} is not a verified {', '.join(VERIFIED_PYTHON)}")
    return tuple(found)


def inactive_note(versions: Callable[[str], str] | None = None) -> str | None:
    """The one line ``build`` prints when the patches are off, or None when they are on."""
    reasons = mismatches(versions)
    if not reasons:
        return None
    return f"{'; '.join(reasons)}; rendering without the memory savings"


@contextmanager
def applied(enabled: bool = True) -> Iterator[bool]:
    """Within the block, every patch is active if the versions are verified; yields whether.

    ``enabled=False`` renders as plain WeasyPrint does (the byte comparison's reference).
    """
    if not enabled or mismatches():
        yield False
        return
    with ExitStack() as stack:
        for patch in PATCHES:
            stack.enter_context(patch.enter())
        yield True
