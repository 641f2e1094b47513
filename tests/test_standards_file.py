"""The example standards file is complete (METHODOLOGY section 1) and every threshold documented."""

from __future__ import annotations

from ruamel.yaml import YAML

from tests.conftest import REPO
from tierreport.model import Standards

STANDARDS = REPO / "standards" / "minimum-standards.yaml"


def load() -> Standards:
    return Standards.model_validate(YAML(typ="safe").load(STANDARDS.read_text(encoding="utf-8")))


def test_the_checklist_of_the_methodology() -> None:
    standards = load()
    assert [s.id for s in standards.legal_standards] == ["MS1", "MS2", "MS3"]
    assert [c.id for c in standards.effort_criteria] == [f"C{i:02d}" for i in range(1, 14)]
    assert [d.id for d in standards.disqualifiers] == ["D1", "D2"]
    assert standards.progress_criterion.id == "C13"
    for item in [*standards.legal_standards, *standards.effort_criteria]:
        assert item.title and item.basis, item.id
    assert {c.pillar for c in standards.effort_criteria} == {
        "prosecution",
        "protection",
        "prevention",
        "partnership",
    }


def test_every_threshold_is_documented_by_a_comment() -> None:
    lines = STANDARDS.read_text(encoding="utf-8").splitlines()
    thresholds = load().thresholds.model_dump()
    undocumented = []
    for name in thresholds:
        index = next(i for i, line in enumerate(lines) if line.strip().startswith(f"{name}:"))
        same_line = "#" in lines[index]
        above = lines[index - 1].strip().startswith("#")
        if not (same_line or above):
            undocumented.append(name)
    assert undocumented == []


def test_thresholds_have_the_methodology_defaults() -> None:
    t = load().thresholds
    assert (str(t.tier1_min_efforts), str(t.significant_efforts_min)) == ("0.85", "0.5")
    assert (str(t.proportional_action_min), str(t.significant_increase_pct)) == ("0.7", "25")
    assert (t.watch_list_years_before_downgrade, t.reinstated_watch_list_years) == (2, 1)
    assert t.waiver_years == 1
