"""The PDF: the printed report's HTML, one tagged WeasyPrint pass, and the draft from parts.

``document`` fills the print template, ``writer`` renders it sealed and reproducibly,
``parts``, ``draft`` and ``merge`` make the draft from cached per-chapter parts, and
``patches`` holds every replacement of a WeasyPrint or pydyf internal, in one registry.
"""
