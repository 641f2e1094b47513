"""Problems found in an edition: where they are, how bad they are, and how they print.

A problem prints as ``file:line:col: error|warning: message``, the form compilers use, so that
editors and CI annotate the right line.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from tierreport.limits import EXCERPT_CHARS, MAX_MESSAGE_CHARS

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one file, at a 1-based line and column."""

    file: str
    line: int
    col: int
    severity: Severity
    message: str

    def __post_init__(self) -> None:
        # A backstop: every value a message quotes is excerpted and escaped where the message is
        # written, but one line of output must never be a megabyte, nor hold a character that
        # breaks the line or reorders the terminal's text, whatever a file holds.
        message = shown(self.message, None)
        if len(message) > MAX_MESSAGE_CHARS:
            message = message[: MAX_MESSAGE_CHARS - 20] + "... (message cut)"
        if message != self.message:
            object.__setattr__(self, "message", message)
        if not self.file.isprintable():
            object.__setattr__(self, "file", shown(self.file, None))

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: {self.severity}: {self.message}"


def quoted(text: str) -> str:
    """``text`` quoted for a message: invisible characters escaped, cut to a short excerpt.

    ``'Republic of Aldora'``; a long value gives ``'AAAA...' (1,000,000 characters)``.
    """
    if len(text) <= EXCERPT_CHARS:
        return repr(text)
    return f"{text[:EXCERPT_CHARS] + '...'!r} ({len(text):,} characters)"


def shown(text: str, limit: int | None = EXCERPT_CHARS) -> str:
    """``text`` unquoted for a message (a key in a path): invisible characters escaped, cut.

    ``limit=None`` escapes without cutting (a file name, which must stay whole).
    """
    short = text if limit is None or len(text) <= limit else text[:limit] + "..."
    if short.isprintable():
        return short
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in short)


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
