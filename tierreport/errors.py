"""The one exception tree of tierreport; ``cli.py`` turns each into a message and exit status 1.

::

    TierReportError                  anything a user can cause; never shown as a traceback
    +-- EditionError                 the edition has errors; carries every Problem found
    +-- UnknownCountryError          a country code that is not in the edition
    +-- BuildError                   the publication could not be written (build/ is left as it was)
    +-- EditionExistsError           init/new-country/rollover would overwrite something
    +-- UnknownCodeError             new-country: no ISO code, no name/region for XAA-XZZ, bad name
    +-- RolloverError                rollover asked for a year other than the next
    +-- UnknownCriterionError        compare: an id that is no standard or criterion
    +-- WriteError                   init/new-country could not write where it was asked to
"""

from __future__ import annotations

from collections.abc import Sequence

from tierreport.problems import Problem


class TierReportError(Exception):
    """Base of every error a user can cause."""


class EditionError(TierReportError):
    """The edition has errors; ``problems`` lists every one of them, sorted."""

    def __init__(self, problems: Sequence[Problem], message: str | None = None) -> None:
        self.problems = list(problems)
        errors = sum(1 for p in self.problems if p.severity == "error")
        super().__init__(message or f"the edition has {errors} error{'s' * (errors != 1)}")


class UnknownCountryError(TierReportError):
    """A code that names no country of the edition; suggests the nearest codes and names."""


class BuildError(TierReportError):
    """The publication could not be written; the previous output is untouched."""


class EditionExistsError(TierReportError):
    """A command would overwrite an existing edition or country file."""


class UnknownCodeError(TierReportError):
    """A country code that is neither ISO 3166-1 alpha-3 nor user-assigned with a name."""


class RolloverError(TierReportError):
    """A rollover that cannot be done as asked (e.g. a year other than the next)."""


class UnknownCriterionError(TierReportError):
    """An id that names no legal standard or effort criterion of the standards file."""


class WriteError(TierReportError):
    """A new edition or country file could not be written there (a file in the way, no
    permission, a read-only or virtual file system); nothing is left half-written."""
