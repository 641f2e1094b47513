"""The declared schema of ``countries/CODE.yaml``: one country's findings, evidence and narrative.

Re-exported by ``tierreport.model``, which is where other modules import it from.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import BeforeValidator, ConfigDict, Field

from tierreport.fields import (
    Count,
    Determination,
    Finding,
    HistoryTierField,
    LegalFinding,
    Period,
    Record,
    SourceKind,
    Status,
    Text,
    TierField,
    Usd,
    Year,
    YearKey,
)


class Action(Record):
    """A dated concrete action that supports a finding."""

    date: dt.date
    """When it happened (YYYY-MM-DD); only dates inside the reporting period count."""
    text: Text
    """What the government did, in one or two sentences (Markdown, no raw HTML)."""
    sources: list[str] = []
    """Ids of entries in this file's ``sources``."""
    planned: bool = False
    """True for a promise or plan: reported, but never counted toward a finding."""

    def counts_in(self, period: Period) -> bool:
        """Whether this is a concrete action of ``period``: not planned, dated inside it."""
        return not self.planned and period.contains(self.date)


class LegalStandardFinding(Record):
    """The finding on one legal standard."""

    finding: LegalFinding
    """met or not_met (``unassessed`` while drafting)."""
    actions: list[Action] = []
    """Laws and actions that support the finding."""
    note: str | None = None
    """Published analyst remark."""


class CriterionFinding(Record):
    """The finding on one effort criterion."""

    finding: Finding
    """met, partial, not_met or not_applicable (``unassessed`` while drafting)."""
    actions: list[Action] = []
    """Dated concrete actions; met and partial need one inside the reporting period."""
    note: str | None = None
    """Published analyst remark."""


class DisqualifierFinding(Record):
    """A disqualifier found to apply, with the evidence for it."""

    id: Text
    """Id of a disqualifier in the standards file."""
    actions: list[Action] = []
    """Dated evidence of the conduct."""
    note: str | None = None
    """Published analyst remark."""


def _disqualifier_entry(value: object) -> object:
    """Accept a bare id (``- D1``) as shorthand for ``- {id: D1}``."""
    return {"id": value} if isinstance(value, str) else value


DisqualifierField = Annotated[
    DisqualifierFinding,
    BeforeValidator(_disqualifier_entry),
]


def _history_schema(schema: dict[str, Any]) -> None:
    """Let editors accept the bare-tier shorthand (``2025: 2``) as well as the mapping."""
    mapping = dict(schema)
    schema.clear()
    schema["anyOf"] = [{"enum": ["1", "2", "2WL", "3", "special", 1, 2, 3]}, mapping]


class HistoryEntry(Record):
    """The published placement of one earlier edition."""

    model_config = ConfigDict(json_schema_extra=_history_schema)

    tier: HistoryTierField
    """The published (final) tier that year."""
    waiver: bool = False
    """True when a waiver of the automatic downgrade was granted that year."""
    auto_downgraded: bool = False
    """True when that year's Tier 3 came from the automatic downgrade."""
    findings: dict[str, str] = {}
    """That year's findings by standard or criterion id, kept by rollover for comparison."""


def _history_entry(value: object) -> object:
    """Accept a bare tier (``2025: 2``) as shorthand for ``{tier: 2}``."""
    if isinstance(value, (int, str)) and not isinstance(value, bool):
        return {"tier": value}
    return value


HistoryField = Annotated[HistoryEntry, BeforeValidator(_history_entry)]


class Indicators(Record):
    """The size and trend of the problem, for the Watch List indicators test."""

    smuggled_migrants: dict[YearKey, Count | None] = {}
    """Estimated smuggled migrants by year (Y-1 and Y are used)."""
    deaths_and_disappearances: dict[YearKey, Count | None] = {}
    """Recorded migrant deaths and disappearances by year (Y-1 and Y are used)."""
    very_significant: bool = False
    """Set by the desk officer when the numbers are very significant in absolute terms."""
    sources: list[str] = []
    """Ids of entries in this file's ``sources``."""


class Waiver(Record):
    """A request to waive the automatic downgrade for this edition."""

    written_plan: bool
    """The government has a written plan that would constitute significant efforts."""
    justification: Text
    """Why the waiver is warranted (internal: shown only in the internal edition)."""


class Decision(Record):
    """An override of the computed tier by the office."""

    tier: TierField
    """The tier the office decided."""
    justification: Text
    """Why the computed tier is overridden (internal: shown only in the internal edition)."""


class SpecialCase(Record):
    """An unranked country."""

    reason: Text
    """Why the country is not ranked this year (published)."""


class LawEnforcementYear(Record):
    """Law-enforcement figures of one reporting year; null where not reported."""

    investigations: Count | None = None
    """Smuggling investigations opened."""
    prosecutions: Count | None = None
    """Prosecutions initiated."""
    convictions: Count | None = None
    """Convictions."""
    officials_convicted: Count | None = None
    """Officials convicted for complicity."""
    migrants_assisted: Count | None = None
    """Smuggled migrants given assistance or protection."""
    new_or_amended_legislation: bool | None = None
    """Whether new or amended smuggling legislation took effect."""


class Assistance(Record):
    """U.S. assistance at stake if the country lands on Tier 3."""

    fiscal_year: Year
    """The fiscal year whose assistance the restriction would affect."""
    at_stake_usd: Usd
    """Non-humanitarian, non-trade-related assistance at stake, in U.S. dollars."""
    recommendation: Determination
    """Recommended determination: full_restriction, partial_waiver or full_waiver."""
    justification: str = ""
    """Why this determination is recommended (published in the assistance annex)."""


class Treaties(Record):
    """Dates of ratification or accession; null where the country is not a party."""

    untoc: dt.date | None = None
    """UN Convention against Transnational Organized Crime."""
    smuggling_protocol: dt.date | None = None
    """Protocol against the Smuggling of Migrants by Land, Sea and Air."""
    trafficking_protocol: dt.date | None = None
    """Protocol to Prevent, Suppress and Punish Trafficking in Persons."""


class Narrative(Record):
    """The published text of the country chapter, in Markdown without raw HTML."""

    summary: str = ""
    """Opening summary of the government's efforts."""
    recommendations: list[Text] = []
    """Prioritized recommendations, most important first."""
    prosecution: str = ""
    """Prosecution efforts."""
    protection: str = ""
    """Protection of smuggled migrants."""
    prevention: str = ""
    """Prevention efforts."""
    partnership: str = ""
    """International cooperation and partnership."""
    profile: str = ""
    """The smuggling profile: routes, actors, modus operandi."""


class Source(Record):
    """A source cited by actions and indicators."""

    title: Text
    """Title of the document or statement."""
    publisher: str | None = None
    """Who published it."""
    date: dt.date | None = None
    """Publication date."""
    url: str | None = Field(default=None, pattern=r"^(https?://|mailto:)")
    """Web address (http, https or mailto only)."""
    kind: SourceKind = "government"
    """government, international, ngo, media, academic or us_government."""
    public: bool = True
    """False: cited only in the internal edition, never in a public output."""


class Country(Record):
    """``countries/CODE.yaml``: one country's findings, evidence and narrative."""

    code: str = Field(pattern=r"^[A-Z]{3}$")
    """ISO 3166-1 alpha-3 code, or XAA-XZZ for fictional entries; must match the file name."""
    name: Text
    """Name as printed in the report."""
    region: Text
    """Region code from edition.yaml."""
    status: Status = "draft"
    """Clearance status: draft, review or cleared."""
    special_case: SpecialCase | None = None
    """Set to rank the country as a Special Case this year."""
    history: dict[YearKey, HistoryField] = {}
    """Published tiers of earlier editions, by year."""
    legal_standards: dict[str, LegalStandardFinding] = {}
    """Finding on every legal standard, by id."""
    criteria: dict[str, CriterionFinding] = {}
    """Finding on every effort criterion, by id."""
    disqualifiers: list[DisqualifierField] = []
    """Disqualifiers found to apply, each with evidence."""
    indicators: Indicators = Indicators()
    """Estimated smuggled migrants and deaths, for the Watch List test."""
    waiver: Waiver | None = None
    """A requested waiver of the automatic downgrade."""
    decision: Decision | None = None
    """An override of the computed tier."""
    law_enforcement: dict[YearKey, LawEnforcementYear] = {}
    """Law-enforcement figures by reporting year."""
    assistance: Assistance | None = None
    """Assistance at stake if the country lands on Tier 3."""
    treaties: Treaties = Treaties()
    """Status of the international conventions."""
    narrative: Narrative = Narrative()
    """The chapter's text."""
    sources: dict[str, Source] = {}
    """Sources cited in this file, by id."""
    internal_notes: str | None = None
    """Notes for the office only; never in a public output."""

    @property
    def hidden_sources(self) -> tuple[str, ...]:
        """Titles of the non-public sources: the internal edition's alone."""
        return tuple(s.title for s in self.sources.values() if not s.public)

    def history_tier(self, year: int) -> str | None:
        """The published tier of ``year``, or None when there is none."""
        entry = self.history.get(year)
        return entry.tier if entry else None
