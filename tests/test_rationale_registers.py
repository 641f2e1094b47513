"""The rationale in its two registers: printed (report, site) and technical (explain, JSON)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import copy_edition, run
from tests.sitebuild import build_into
from tierreport.check.edition import load_edition
from tierreport.model import Placement, Thresholds
from tierreport.tiering.place import place_all
from tierreport.tiering.terms import arrow, code_name, printed, technical

CODE_NAMES = re.compile("|".join(sorted(Thresholds.model_fields, key=len, reverse=True)))


def test_a_step_reads_in_each_register() -> None:
    step = f"the Tier 1 threshold of 0.85{code_name(' (tier1_min_efforts)')} is met{arrow()}Tier 1."
    assert technical(step) == "the Tier 1 threshold of 0.85 (tier1_min_efforts) is met -> Tier 1."
    assert printed(step) == "the Tier 1 threshold of 0.85 is met \u2192 Tier 1."


@pytest.fixture(scope="module")
def placements() -> tuple[Placement, ...]:
    return place_all(load_edition(Path(__file__).parent.parent))


def test_no_printed_step_carries_a_code_name_or_an_ascii_arrow(
    placements: tuple[Placement, ...],
) -> None:
    steps = [step for p in placements for step in p.printed_rationale]
    assert len(steps) > 150
    assert [s for s in steps if CODE_NAMES.search(s) or "->" in s] == []
    # The technical steps are the same steps with the names and the ASCII arrow.
    for p in placements:
        assert len(p.rationale) == len(p.printed_rationale)
    named = [step for p in placements for step in p.rationale if CODE_NAMES.search(step)]
    assert any("(tier1_min_efforts)" in s for s in named)
    assert any(
        "significant-increase threshold of 25%, significant_increase_pct)" in s for s in named
    )


def test_the_printed_step_names_the_threshold_by_its_words_and_value(
    placements: tuple[Placement, ...],
) -> None:
    arcadia = next(p for p in placements if p.code == "XAR")
    assert arcadia.printed_rationale[3] == (
        "Does not fully meet the minimum standards: legal standard MS2 is not met and the efforts "
        "score 0.538 is below the Tier 1 threshold of 0.85."
    )
    assert (
        "(+5.7%, below the significant-increase threshold of 25%);"
        in (arcadia.printed_rationale[5])
    )
    assert arcadia.printed_rationale[-2] == (
        "Change: Tier 2 Watch List in 2026, Tier 3 in 2027 \u2192 downgrade."
    )


def test_explain_keeps_the_parameter_names(tmp_path: Path) -> None:
    edition = copy_edition("example", tmp_path / "edition")
    result = run("explain", "XAR", "--edition", edition)
    assert result.exit_code == 0
    assert "below the Tier 1 threshold of 0.85 (tier1_min_efforts)." in " ".join(
        result.output.split()
    )
    assert "-> Tier 2, subject to the Watch List tests." in " ".join(result.output.split())


def test_the_site_prints_the_printed_steps(tmp_path: Path) -> None:
    edition = copy_edition("example", tmp_path / "edition")
    build_into(edition, tmp_path / "build", only=("html",))
    page = (tmp_path / "build" / "site" / "countries" / "XAR.html").read_text(encoding="utf-8")
    steps = re.search(r'<ol class="rationale">(.*?)</ol>', page, re.S)
    assert steps is not None
    assert "the significant-efforts threshold of 0.5 and no disqualifier applies \u2192 Tier 2" in (
        steps.group(1)
    )
    assert not CODE_NAMES.search(steps.group(1))
    assert "-&gt;" not in steps.group(1)
