"""Small builders for the tiering tests: a standards file and countries made in code.

The standards have ten effort criteria of weight 1 (C10 is the progress criterion), so every
score is a multiple of 0.05 and each default threshold (0.85, 0.5, 0.7) is reachable exactly:
a test can sit on a threshold and one step (0.05) either side of it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

from tierreport.load import fastyaml
from tierreport.model import Country, Standards

YEAR = 2027
CRITERIA = [f"C{n:02d}" for n in range(1, 11)]
PROGRESS = "C10"
STEP = Decimal("0.05")

THRESHOLDS: dict[str, Any] = {
    "tier1_min_efforts": Decimal("0.85"),
    "significant_efforts_min": Decimal("0.5"),
    "proportional_action_min": Decimal("0.7"),
    "significant_increase_pct": Decimal(25),
    "watch_list_years_before_downgrade": 2,
    "reinstated_watch_list_years": 1,
    "waiver_years": 1,
}


def make_standards(
    weights: dict[str, Decimal] | None = None,
    scores: dict[str, Decimal] | None = None,
    **thresholds: Any,
) -> Standards:
    """The test checklist: MS1-MS2, C01-C10 (C10 progress), D1; thresholds overridable."""
    weights = weights or {}
    return Standards.model_validate(
        {
            "legal_standards": [
                {"id": "MS1", "title": "Prohibits migrant smuggling"},
                {"id": "MS2", "title": "Prescribes aggravated penalties"},
            ],
            "effort_criteria": [
                {
                    "id": cid,
                    "title": "Shows appreciable progress"
                    if cid == PROGRESS
                    else f"Criterion {cid}",
                    "pillar": "partnership",
                    "weight": weights.get(cid, Decimal(1)),
                    "progress": cid == PROGRESS,
                }
                for cid in CRITERIA
            ],
            "disqualifiers": [{"id": "D1", "title": "Facilitates migrant smuggling"}],
            "thresholds": {**THRESHOLDS, **thresholds},
            "scores": scores or {"met": 1, "partial": Decimal("0.5"), "not_met": 0},
        }
    )


def findings_for(score: str, progress: str = "met") -> dict[str, str]:
    """Findings on C01-C10 whose efforts score is exactly ``score`` (a multiple of 0.05).

    The progress criterion gets ``progress``; the others are filled met, then one partial, then
    not met, in order.
    """
    half_points = int(Decimal(score) * 20)
    half_points -= {"met": 2, "partial": 1}.get(progress, 0)
    found: dict[str, str] = {}
    for cid in CRITERIA[:-1]:
        take = min(2, max(0, half_points))
        found[cid] = {2: "met", 1: "partial", 0: "not_met"}[take]
        half_points -= take
    if half_points:
        raise ValueError(f"score {score} is out of reach with progress {progress}")
    found[PROGRESS] = progress
    return found


def make_country(
    score: str = "0.6",
    progress: str = "met",
    criteria: dict[str, str] | None = None,
    legal: str = "met",
    history: dict[int, Any] | None = None,
    **fields: Any,
) -> Country:
    """A cleared country XAR with the given score (or findings) and any other fields."""
    findings = criteria if criteria is not None else findings_for(score, progress)
    data: dict[str, Any] = {
        "code": "XAR",
        "name": "Arcadia",
        "region": "WHA",
        "status": "cleared",
        "history": history or {},
        "legal_standards": {"MS1": {"finding": legal}, "MS2": {"finding": "met"}},
        "criteria": {cid: {"finding": value} for cid, value in findings.items()},
        **fields,
    }
    return Country.model_validate(data)


@contextmanager
def fast_path(on: bool) -> Iterator[None]:
    """Turn the libyaml fast path on or off through its environment variable, as a user would."""
    old = os.environ.pop(fastyaml.DISABLE, None)
    if not on:
        os.environ[fastyaml.DISABLE] = "1"
    try:
        yield
    finally:
        os.environ.pop(fastyaml.DISABLE, None)
        if old is not None:
            os.environ[fastyaml.DISABLE] = old
