"""The estimate sensitivity of a placement: the numbers test re-run on each alternative estimate.

METHODOLOGY 2c. ``tiering.estimates`` computes these records; ``wording`` turns each into the
sentence the chapter prints, and ``Placement.contract`` into the JSON the contract fixes.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any


@dataclass(frozen=True)
class EstimateSensitivity:
    """The Watch List numbers test with one alternative estimate in place of the office's figure."""

    indicator: str
    """``smuggled_migrants`` or ``deaths_and_disappearances``."""
    year: int
    value: int
    """The alternative figure."""
    source: str
    """Id of the estimate's source in the country file."""
    source_name: str
    """Who made the estimate, as a sentence names it (the source's publisher, else its title)."""
    source_kind: str
    """The source's kind: government, international, ngo, media, academic or us_government."""
    public: bool
    """Whether the source may appear in the public edition."""
    watch_list_numbers_test: bool
    """Whether the numbers are very significant or significantly increasing with the estimate."""
    differs: bool
    """Whether that outcome differs from the one on the office's figures."""
    before: int | None
    """The indicator for Y-1 with the estimate in place (None: not reported)."""
    now: int | None
    """The indicator for Y with the estimate in place (None: not reported)."""
    change_pct: Fraction | None
    """The change from Y-1 to Y in percent; None when Y-1 is 0 or a figure is missing."""
    rises: bool
    """Whether this indicator, with the estimate, counts as significantly increasing."""
    at_level: bool
    """Whether this indicator's figure for Y, with the estimate, reaches its very-significant
    level."""
    other_reason: str
    """What else makes the numbers test apply whatever the estimate (``flag``, or the other
    indicator's key); empty when nothing does."""

    def contract(self) -> dict[str, Any]:
        """The object of ``estimate_sensitivity`` in ``tiers --json`` (EDITION-FORMAT)."""
        return {
            "indicator": self.indicator,
            "year": self.year,
            "value": self.value,
            "source": self.source,
            "watch_list_numbers_test": self.watch_list_numbers_test,
            "differs": self.differs,
        }
