"""The rationale's two registers: the printed one, and the technical one of ``explain`` and JSON.

Each step of the rationale is written once, with two kinds of mark in it: a parameter's code name
(``tier1_min_efforts``) and the arrow from a test to its outcome. The printed report and the site
read the step without the code names and with a real arrow ("the Tier 1 threshold of 0.85 →
Tier 1"); ``tierreport explain`` and ``placements.json`` keep the code names, so that an analyst
can find each threshold in the standards file, and the ASCII arrow a terminal always shows.
"""

from __future__ import annotations

_NAME = "\x1f"
"""Brackets a code name (with its punctuation) in a step; never in any file's text."""
_ARROW = "\x1e"
"""Stands for the arrow from a test to its outcome."""

ARROW_PRINTED = " \u2192 "
ARROW_TECHNICAL = " -> "


def code_name(text: str) -> str:
    """``text`` (a parameter's code name and its punctuation) kept only in the technical step."""
    return f"{_NAME}{text}{_NAME}"


def arrow() -> str:
    """The arrow from a test to its outcome, as each register writes it."""
    return _ARROW


def technical(step: str) -> str:
    """The step as ``explain`` and the JSON print it: code names kept, ASCII arrow."""
    return step.replace(_NAME, "").replace(_ARROW, ARROW_TECHNICAL)


def printed(step: str) -> str:
    """The step as the report and the site print it: no code name, a real arrow."""
    parts = step.split(_NAME)
    # The marks come in pairs: the odd parts are the code names.
    return "".join(parts[0::2]).replace(_ARROW, ARROW_PRINTED)
