"""Replacements of WeasyPrint and pydyf internals that save time and memory; same bytes."""
