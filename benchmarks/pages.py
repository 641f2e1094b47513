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
    # (first page, title, first pages of its entries); the regional sections have entries too.
    parts: list[tuple[int, str, list[int]]] = []
    for item in reader.outline:
        if isinstance(item, list) and parts:
            parts[-1][2].extend(
                reader.get_destination_page_number(c) for c in item if not isinstance(c, list)
            )
        elif not isinstance(item, list):
            parts.append((reader.get_destination_page_number(item), str(item.title), []))
    for index, (_, title, chapters) in enumerate(parts):
        if title == "Country chapters" and chapters:
            end = parts[index + 1][0] if index + 1 < len(parts) else len(reader.pages)
            return round((end - chapters[0]) / len(chapters), 1)
    return None
