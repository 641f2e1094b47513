"""Shared building blocks of the declared schema: tier values, field types and the Record base.

``model`` re-exports everything here; other modules import from ``tierreport.model``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema

from tierreport.limits import (
    MAX_COUNT,
    MAX_NUMBER,
    MAX_THRESHOLD_YEARS,
    MAX_USD,
    MAX_YEAR,
    MIN_YEAR,
)

Tier = Literal["1", "2", "2WL", "3"]
"""A ranked tier as written in files and JSON."""

PlacementTier = Literal["1", "2", "2WL", "3", "special"]
"""A tier as a placement carries it: a ranked tier, or ``special`` for an unranked country."""

TIER_ORDER: dict[str, int] = {"1": 0, "2": 1, "2WL": 2, "3": 3}
"""Rank of each tier, best first: 1 > 2 > 2WL > 3."""

TIER_LABELS: dict[str, str] = {
    "1": "Tier 1",
    "2": "Tier 2",
    "2WL": "Tier 2 Watch List",
    "3": "Tier 3",
    "special": "Special Case",
}

Finding = Literal["met", "partial", "not_met", "not_applicable", "unassessed"]
LegalFinding = Literal["met", "not_met", "unassessed"]
Pillar = Literal["prosecution", "protection", "prevention", "partnership"]
Status = Literal["draft", "review", "cleared"]
SourceKind = Literal["government", "international", "ngo", "media", "academic", "us_government"]
Determination = Literal["full_restriction", "partial_waiver", "full_waiver"]


def _tier_text(value: object) -> object:
    """Accept a bare number for a tier (``2`` for ``"2"``), as the format promises."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


def _exact_decimal(value: object) -> object:
    """Read a YAML float through its text so that 0.85 is exactly 0.85."""
    if isinstance(value, float):
        return Decimal(repr(value))
    return value


TierField = Annotated[
    Tier,
    BeforeValidator(_tier_text),
    WithJsonSchema({"enum": ["1", "2", "2WL", "3", 1, 2, 3]}),
]
HistoryTierField = Annotated[
    Literal["1", "2", "2WL", "3", "special"],
    BeforeValidator(_tier_text),
    WithJsonSchema({"enum": ["1", "2", "2WL", "3", "special", 1, 2, 3]}),
]
Number = Annotated[
    Decimal,
    BeforeValidator(_exact_decimal),
    Field(ge=-MAX_NUMBER, le=MAX_NUMBER),
    WithJsonSchema({"type": "number", "minimum": -MAX_NUMBER, "maximum": MAX_NUMBER}),
]
Text = Annotated[str, Field(min_length=1, pattern=r"\S")]

# Whole numbers are strict where a count or a year is meant: YAML's ``true`` is not 1 and a
# quoted "12" is not a number. Each has an upper bound (``tierreport.limits``) so that no
# figure overflows a spreadsheet or a 64-bit column downstream.
Count = Annotated[int, Field(strict=True, ge=0, le=MAX_COUNT)]
"""A count of people or cases, from 0 to a billion."""
Usd = Annotated[int, Field(strict=True, ge=0, le=MAX_USD)]
"""An amount in U.S. dollars, from 0 to a trillion."""
Year = Annotated[int, Field(strict=True, ge=MIN_YEAR, le=MAX_YEAR)]
"""A year, from 1900 to 2999."""
YearKey = Annotated[int, Field(ge=MIN_YEAR, le=MAX_YEAR)]
"""A year as a mapping key, 1900 to 2999; ``"2024"`` is read as 2024 (the loader refuses a
mapping that has both)."""
Years = Annotated[int, Field(strict=True, le=MAX_THRESHOLD_YEARS)]
"""A number of years a tiering rule counts, at most 100."""


class Record(BaseModel):
    """Base of every declared record: immutable, strict about unknown keys, documented fields."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


class Period(Record):
    """A date range, both ends included."""

    start: dt.date
    """First day of the period (YYYY-MM-DD)."""
    end: dt.date
    """Last day of the period (YYYY-MM-DD)."""

    def contains(self, day: dt.date) -> bool:
        """Whether ``day`` falls inside the period, both ends included."""
        return self.start <= day <= self.end
