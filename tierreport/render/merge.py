"""Merge the draft's rendered parts into one PDF with pypdf, and rebuild its outline.

Each part's bookmarks are added at the part's place: the front and back matter's sections at
the top level, every chapter under "Country chapters", as the one-pass render nests them.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pypdf import PdfReader, PdfWriter

from tierreport.errors import BuildError

if TYPE_CHECKING:
    from tierreport.render.incremental import Rendered

CHAPTERS_LABEL = "Country chapters"
"""The front matter's bookmark under which the chapters go."""


def merge_parts(parts: Sequence[tuple[str, Rendered]], path: Path) -> int:
    """Write the parts, in order, as one PDF at ``path`` (atomically); return its page count."""
    writer = PdfWriter()
    first = PdfReader(parts[0][1].path)
    if first.metadata is not None:
        writer.add_metadata({k: v for k, v in first.metadata.items() if isinstance(v, str)})
    offset = 0
    outline: list[tuple[str, int, int, bool]] = []
    for name, rendered in parts:
        writer.append(str(rendered.path), import_outline=False)
        chapter = name.startswith("country-")
        for label, level, page in rendered.outline:
            outline.append((label, level, offset + page, chapter))
        offset += rendered.pages
    parent: Any = None
    stack: list[Any] = []
    for label, level, page, chapter in outline:
        if chapter:
            item = writer.add_outline_item(title=label, page_number=page, parent=parent)
            continue
        del stack[level - 1 :]
        item = writer.add_outline_item(
            title=label, page_number=page, parent=stack[-1] if stack else None
        )
        stack.append(item)
        if level == 1:
            parent = item if label == CHAPTERS_LABEL else None
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
