"""The declared records of an edition: typed, immutable, one docstring per field.

``fields`` (tier values, field types, the Record base), ``country`` (one country file),
``edition`` (edition.yaml, the standards file, the assembled Edition), ``placement`` (the
engine's result) and ``schema`` (the JSON Schemas generated from these declarations). The same
declaration validates the files (``tierreport.check``) and generates the editors' schemas.
Unknown keys are errors.
"""

from __future__ import annotations

from tierreport.model.country import (
    Action,
    Assistance,
    Country,
    CriterionFinding,
    Decision,
    DisqualifierFinding,
    HistoryEntry,
    Indicators,
    LawEnforcementYear,
    LegalStandardFinding,
    Narrative,
    Source,
    SpecialCase,
    Treaties,
    Waiver,
)
from tierreport.model.edition import (
    Disqualifier,
    Edition,
    EditionConfig,
    EffortCriterion,
    LegalStandard,
    Scores,
    SourceMap,
    Standards,
    Thresholds,
    as_data,
)
from tierreport.model.fields import (
    TIER_LABELS,
    TIER_ORDER,
    Determination,
    Finding,
    LegalFinding,
    Number,
    Period,
    Pillar,
    PlacementTier,
    Record,
    SourceKind,
    Status,
    Text,
    Tier,
    TierField,
)
from tierreport.model.placement import Change, Placement, WatchListReason

__all__ = [
    "TIER_LABELS",
    "TIER_ORDER",
    "Action",
    "Assistance",
    "Change",
    "Country",
    "CriterionFinding",
    "Decision",
    "Determination",
    "Disqualifier",
    "DisqualifierFinding",
    "Edition",
    "EditionConfig",
    "EffortCriterion",
    "Finding",
    "HistoryEntry",
    "Indicators",
    "LawEnforcementYear",
    "LegalFinding",
    "LegalStandard",
    "LegalStandardFinding",
    "Narrative",
    "Number",
    "Period",
    "Pillar",
    "Placement",
    "PlacementTier",
    "Record",
    "Scores",
    "Source",
    "SourceKind",
    "SourceMap",
    "SpecialCase",
    "Standards",
    "Status",
    "Text",
    "Thresholds",
    "Tier",
    "TierField",
    "Treaties",
    "Waiver",
    "WatchListReason",
    "as_data",
]
