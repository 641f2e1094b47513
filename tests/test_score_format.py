"""One score formatter everywhere (issue 15): three decimals, cut, never rounded up."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from tests.builders import CRITERIA, YEAR, make_country, make_standards
from tests.conftest import copy_edition
from tierreport.check.edition import load_edition
from tierreport.cli.views import tiers_table
from tierreport.render.data import csv_text
from tierreport.render.environment import environment, score
from tierreport.render.tables import placements_table
from tierreport.tiering.place import place, place_all
from tierreport.tiering.scoring import score_text

NEAR_MISS = Decimal(22) / Decimal(26)
"""22/26 = 0.84615...: rounded to two places it would print as the 0.85 threshold it misses."""


@pytest.mark.parametrize(
    ("value", "printed"),
    [
        (Fraction(22, 26), "0.846"),
        (NEAR_MISS, "0.846"),
        (Fraction(17, 26), "0.653"),
        (Decimal("0.5"), "0.5"),
        (Decimal(1), "1"),
        (Fraction(0), "0"),
        (Fraction(2, 3), "0.666"),
    ],
)
def test_score_text_cuts_to_three_decimals(value: Fraction | Decimal, printed: str) -> None:
    assert score_text(value) == printed


def test_the_site_and_pdf_filter_prints_the_same() -> None:
    assert score(NEAR_MISS) == "0.846"
    assert score(None) == "\u2013"
    rendered = environment().from_string("{{ s | score }}").render(s=NEAR_MISS)
    assert rendered == "0.846"


def test_the_rationale_prints_the_near_miss_below_the_threshold() -> None:
    # C01 weighs 17 of 26: C01 and five more met, four not met -> 22/26.
    standards = make_standards(weights={"C01": Decimal(17)})
    findings = {cid: "met" if n < 6 else "not_met" for n, cid in enumerate(CRITERIA[:-1])}
    findings[CRITERIA[-1]] = "met"
    findings[CRITERIA[5]] = "not_met"
    placement = place(make_country(criteria=findings), standards, YEAR)
    assert placement.efforts_score == NEAR_MISS
    assert placement.rationale[0].startswith("Efforts score 0.846: the weighted mean")
    assert (
        "the efforts score 0.846 is below the Tier 1 threshold of 0.85" in (placement.rationale[3])
    )


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_edition("example", tmp_path_factory.mktemp("score") / "edition")


def test_the_csv_and_the_cli_print_three_decimals(example: Path) -> None:
    edition = load_edition(example)
    placements = place_all(edition)
    near = tuple(
        dataclasses.replace(p, efforts_score=NEAR_MISS) if p.code == "XDU" else p
        for p in placements
    )
    text = csv_text(placements_table(edition, near))
    row = next(line for line in text.splitlines() if line.startswith("XDU,"))
    assert ",same,0.846,False," in row
    # The example's own scores: XDU 17/26 and no float's sixteen digits anywhere.
    text = csv_text(placements_table(edition, placements))
    assert ",same,0.653,False," in next(line for line in text.splitlines() if "XDU" in line)
    assert "0.6538" not in text
    table = tiers_table(list(near))
    assert "0.846" in next(line for line in table.splitlines() if line.startswith("XDU"))
