"""Problems found in an edition: where they are, how bad they are, and how they print.

A problem prints as ``file:line:col: error|warning: message``, the form compilers use, so that
editors and CI annotate the right line.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one file, at a 1-based line and column."""

    file: str
    line: int
    col: int
    severity: Severity
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: {self.severity}: {self.message}"


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Sort by file, then line and column; drop exact repeats."""
    return sorted(set(problems))


def count(problems: Iterable[Problem], severity: Severity) -> int:
    """How many problems have this severity."""
    return sum(1 for p in problems if p.severity == severity)


def summary(problems: Iterable[Problem], checked: int) -> str:
    """The closing line of ``check``: what was checked and how many problems of each kind."""
    items = list(problems)
    errors, warnings = count(items, "error"), count(items, "warning")
    noun = "country" if checked == 1 else "countries"
    return (
        f"checked {checked} {noun}: {errors} error{'s' * (errors != 1)}, "
        f"{warnings} warning{'s' * (warnings != 1)}"
    )
