"""Pages a country chapter takes in a rendered report: what ``make bench`` reports (issue 15)."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def chapter_lengths(pdf: Path) -> dict[str, int] | None:
    """Each country chapter's title and page count, read from the report's outline.

    The chapters are the innermost bookmarks under "Country chapters" (under their regions'
    overviews); a chapter ends where the next bookmark of any level begins (the next chapter,
    the next region's overview, or the part after the chapters).
    """
    if not pdf.is_file():
        return None
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    # (level, first page, title) of every bookmark, in order.
    entries: list[tuple[int, int, str]] = []

    def walk(items: list[Any], level: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                entries.append((level, reader.get_destination_page_number(item), str(item.title)))

    walk(reader.outline, 1)
    lengths: dict[str, int] = {}
    inside = False
    for index, (level, page, title) in enumerate(entries):
        if level == 1:
            inside = title == "Country chapters"
            continue
        following = entries[index + 1][1] if index + 1 < len(entries) else len(reader.pages)
        innermost = index + 1 >= len(entries) or entries[index + 1][0] <= level
        if inside and innermost:
            lengths[title] = following - page
    return lengths


def pages_per_chapter(pdf: Path) -> float | None:
    """The mean pages of a country chapter, to one decimal; None without a report or chapters."""
    lengths = chapter_lengths(pdf)
    if not lengths:
        return None
    return round(sum(lengths.values()) / len(lengths), 1)
