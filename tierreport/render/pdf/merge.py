"""Merge the draft's rendered parts into one PDF with pypdf, and rebuild its outline and links.

Each part's bookmarks are added at the part's place: the front and back matter's sections at
the top level, every chapter under "Country chapters", as the one-pass render nests them. Each
part's anchors come over as named destinations, so a link from one part to another (kept as a
``tierreport-part:`` URI by ``report_parts``) becomes a link to its destination, as in one pass.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pypdf import PdfReader, PdfWriter
from pypdf.errors import PyPdfError
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from tierreport.errors import BuildError
from tierreport.render.pdf.parts import PART_LINK, Rendered

CHAPTERS_LABEL = "Country chapters"
"""The front matter's bookmark under which the chapters go."""


def merge_parts(parts: Sequence[tuple[str, Rendered]], path: Path) -> int:
    """Write the parts, in order, as one PDF at ``path`` (atomically); return its page count.

    A cached part pypdf cannot read is a ``BuildError`` naming it (deleting the cache mends it).
    """
    try:
        return _merge(parts, path)
    except PyPdfError as exc:
        raise BuildError(
            f"cannot merge the draft's parts into {path.name}: a cached part is unreadable"
            f" ({exc}); delete .cache/draft-pdf in the output folder and build again"
        ) from exc


def _merge(parts: Sequence[tuple[str, Rendered]], path: Path) -> int:
    writer = PdfWriter()
    first = PdfReader(parts[0][1].path)
    if first.metadata is not None:
        writer.add_metadata({k: v for k, v in first.metadata.items() if isinstance(v, str)})
    offset = 0
    outline: list[tuple[str, int, int, str]] = []
    for name, rendered in parts:
        writer.append(str(rendered.path), import_outline=False)
        kind = name.split("-", 1)[0] if name.startswith(("region-", "country-")) else "section"
        for label, level, page in rendered.outline:
            outline.append((label, level, offset + page, kind))
        offset += rendered.pages
    _link_parts(writer)
    # A part rendered alone has its heading at the top of its own outline: a regional overview
    # goes back under "Country chapters", and a chapter under its region's overview.
    chapters: Any = None
    region: Any = None
    stack: list[Any] = []
    for label, level, page, kind in outline:
        if kind != "section":
            parent = chapters if kind == "region" else (region or chapters)
            item = writer.add_outline_item(title=label, page_number=page, parent=parent)
            region = item if kind == "region" else region
            continue
        del stack[level - 1 :]
        item = writer.add_outline_item(
            title=label, page_number=page, parent=stack[-1] if stack else None
        )
        stack.append(item)
        if level == 1:
            chapters, region = (item if label == CHAPTERS_LABEL else None), None
    partial = path.with_name(path.name + ".partial")
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with partial.open("wb") as out:
            writer.write(out)
        os.replace(partial, path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise BuildError(f"cannot write {path}: {exc.strerror or exc}") from exc
    return offset


def _link_parts(writer: PdfWriter) -> None:
    """Point every link from one part to another at the named destination it names.

    A link whose destination no part defines is removed: the one-pass render drops it too.
    """
    destinations = set(writer.named_destinations)
    for page in writer.pages:
        annotations = page.get("/Annots")
        if not annotations:
            continue
        kept = []
        for reference in annotations:
            annotation = reference.get_object()
            action = annotation.get("/A")
            uri = str(action.get("/URI", "")) if isinstance(action, DictionaryObject) else ""
            if uri.startswith(PART_LINK):
                anchor = uri[len(PART_LINK) :]
                if anchor not in destinations:
                    continue
                del annotation["/A"]
                annotation[NameObject("/Dest")] = TextStringObject(anchor)
            kept.append(reference)
        annotations.clear()
        annotations.extend(kept)
