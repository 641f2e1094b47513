"""Pages a country chapter takes in a rendered report: what ``make bench`` reports (issue 15)."""

from __future__ import annotations

from pathlib import Path


def pages_per_chapter(pdf: Path) -> float | None:
    """The mean pages of a country chapter: from the first chapter to the next part, per chapter.

    Read from the outline: the chapters are the bookmarks under "Country chapters", and the
    part after them opens on the page the last chapter ends before.
    """
    if not pdf.is_file():
        return None
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    parts: list[tuple[int, list[int]]] = []  # (first page, first pages of its chapters)
    for item in reader.outline:
        if isinstance(item, list) and parts:
            parts[-1][1].extend(
                reader.get_destination_page_number(c) for c in item if not isinstance(c, list)
            )
        elif not isinstance(item, list):
            parts.append((reader.get_destination_page_number(item), []))
    for index, (_, chapters) in enumerate(parts):
        if chapters:
            end = parts[index + 1][0] if index + 1 < len(parts) else len(reader.pages)
            return round((end - chapters[0]) / len(chapters), 1)
    return None
