"""The declared schema of ``countries/CODE.yaml``: one country's findings, evidence and narrative.

Re-exported by ``tierreport.model``, which is where other modules import it from.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, ConfigDict, Field

from tierreport.model.fields import (
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
    announced: dt.date | None = None
    """When a planned action was announced (optional); ``date`` is then the date planned."""

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


class Benchmark(Record):
    """One checkable commitment of a waiver's written plan: what, by when."""

    text: Text
    """What the government commits to do, checkably (published)."""
    due: dt.date
    """When it is due (YYYY-MM-DD)."""


HistoryFinding = Literal["met", "partial", "not_met", "not_applicable", "applies"]
"""A finding as ``history`` keeps it: a standard's or criterion's, or ``applies`` for a
disqualifier found that year."""


class HistoryEntry(Record):
    """The published placement of one earlier edition."""

    model_config = ConfigDict(json_schema_extra=_history_schema)

    tier: HistoryTierField
    """The published (final) tier that year."""
    waiver: bool = False
    """True when a waiver of the automatic downgrade was granted that year."""
    auto_downgraded: bool = False
    """True when that year's Tier 3 came from the automatic downgrade."""
    findings: dict[str, HistoryFinding] = {}
    """That year's findings by standard, criterion or disqualifier id (``applies``), kept by
    rollover so that the next report can say what changed."""
    determination: Determination | None = None
    """On a Tier 3 year, the President's determination on the assistance at stake that
    followed (full_restriction, partial_waiver or full_waiver), as the assistance annex lists
    it among the country's previous determinations; null when not recorded."""
    benchmarks: list[Benchmark] = []
    """The benchmarks of the waiver granted that year, kept by rollover for the follow-up."""


def _history_entry(value: object) -> object:
    """Accept a bare tier (``2025: 2``) as shorthand for ``{tier: 2}``."""
    if isinstance(value, (int, str)) and not isinstance(value, bool):
        return {"tier": value}
    return value


HistoryField = Annotated[HistoryEntry, BeforeValidator(_history_entry)]


IndicatorKey = Literal["smuggled_migrants", "deaths_and_disappearances"]
"""The two Watch List indicators, as files and JSON name them."""


class Estimate(Record):
    """An alternative estimate of one indicator for one year, published with its source."""

    indicator: IndicatorKey
    """smuggled_migrants or deaths_and_disappearances."""
    year: int
    """The year the estimate is for (Y-1 or Y enter the Watch List test)."""
    value: int = Field(ge=0)
    """The alternative figure."""
    source: Text
    """Id of an entry in this file's ``sources``: whose estimate it is."""
    note: str | None = None
    """Published remark, e.g. what the other figure counts."""


class Indicators(Record):
    """The size and trend of the problem, for the Watch List indicators test."""

    smuggled_migrants: dict[YearKey, Count | None] = {}
    """Estimated smuggled migrants by year (Y-1 and Y are used)."""
    deaths_and_disappearances: dict[YearKey, Count | None] = {}
    """Recorded migrant deaths and disappearances by year (Y-1 and Y are used)."""
    very_significant: bool = False
    """Set by the desk officer when the numbers are very significant in absolute terms."""
    very_significant_basis: str | None = None
    """Why the numbers are very significant, in one published sentence (required with the flag
    outside draft)."""
    sources: list[str] = []
    """Ids of entries in this file's ``sources``."""
    estimates: list[Estimate] = []
    """Alternative estimates (a government's own figure, another organization's), published with
    their sources; the placement uses the office's figures above."""


FollowupAssessment = Literal["implemented", "partial", "not_implemented", "unassessed"]
"""How far a recommendation or benchmark of the previous edition was carried out."""


class FollowupItem(Record):
    """A prioritized recommendation or waiver benchmark of the previous edition, assessed."""

    item: Text
    """The recommendation or benchmark as the previous edition published it."""
    kind: Literal["recommendation", "benchmark"] = "recommendation"
    """recommendation (the previous chapter's prioritized recommendations) or benchmark (of a
    waiver granted last year)."""
    assessment: FollowupAssessment = "unassessed"
    """implemented, partial or not_implemented; unassessed until the desk officer assesses it
    (allowed only in a draft)."""
    note: str | None = None
    """Published remark on what the government did."""


class Waiver(Record):
    """A request to waive the automatic downgrade for this edition."""

    written_plan: bool
    """The government has a written plan that would constitute significant efforts."""
    justification: Text
    """Why the waiver is warranted (internal: shown only in the internal edition)."""
    benchmarks: list[Benchmark] = []
    """The written plan's checkable commitments, each with a due date (published; required
    outside draft)."""


class Decision(Record):
    """An override of the computed tier by the office."""

    tier: TierField
    """The tier the office decided."""
    justification: Text
    """Why the computed tier is overridden (internal: shown only in the internal edition)."""
    public_justification: Text | None = None
    """The reason the report prints in the chapter and the list of decisions, citing only facts
    of the reporting period (required outside draft)."""


class TipTier(Record):
    """The country's tier in the latest Trafficking in Persons Report."""

    tier: TierField
    """The TIP Report tier: 1, 2, 2WL or 3."""
    year: int = Field(ge=2001, le=2999)
    """The year of that TIP Report."""


class SpecialCase(Record):
    """An unranked country."""

    reason: Text
    """Why the country is not ranked this year (published)."""


LawFigure = Literal[
    "investigations", "prosecutions", "convictions", "officials_convicted", "migrants_assisted"
]
"""The law-enforcement counts a ``unit`` note may qualify."""


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
    unit: dict[LawFigure, Text] = {}
    """What a figure counts, where it differs from the report's units (investigations,
    prosecutions and convictions count cases; officials_convicted, officials;
    migrants_assisted, migrants), e.g. ``{prosecutions: defendants}``. The global tables note it
    beside the totals, which still add the figure in."""

    def unit_of(self, figure: str) -> str | None:
        """The unit the country notes for ``figure``; None when it counts the report's unit."""
        return next((unit for key, unit in self.unit.items() if key == figure), None)


class Programme(Record):
    """One programme of the assistance at stake, and whether the waiver would cover it."""

    account: Text
    """The appropriations account, e.g. FMF, INCLE, ESF, IMET."""
    programme: Text
    """What the money funds, as the account's justification names it."""
    usd: int = Field(ge=0)
    """The amount at stake in the programme, in U.S. dollars."""
    waive: bool
    """True: recommended to continue under a waiver; false: recommended to be restricted."""


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
    programmes: list[Programme] = []
    """Optional breakdown by account and programme; the amounts add up to ``at_stake_usd``,
    and ``waive`` gives a partial waiver's split."""
    conditions: list[int] = []
    """Numbers (1 = the first) of the chapter's prioritized recommendations on which restoring
    the restricted assistance depends; empty: all of them."""


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
    """Formal name, as the chapter's box and the data files print it."""
    short_name: Text | None = None
    """Name for headings, lists and alphabetical order ("Arcadia" for "Republic of Arcadia");
    the name when not given."""
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
    tip_tier: TipTier | None = None
    """The tier of the latest TIP Report, shown beside this report's for comparison."""
    waiver: Waiver | None = None
    """A requested waiver of the automatic downgrade."""
    decision: Decision | None = None
    """An override of the computed tier."""
    followup: list[FollowupItem] = []
    """The previous edition's prioritized recommendations (and the benchmarks of a waiver
    granted last year), each assessed; rollover writes the list."""
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
    def display_name(self) -> str:
        """The name headings and lists print and sort by: the short name, else the name."""
        return self.short_name or self.name

    @property
    def hidden_sources(self) -> tuple[str, ...]:
        """Titles of the non-public sources: the internal edition's alone."""
        return tuple(s.title for s in self.sources.values() if not s.public)

    def history_tier(self, year: int) -> str | None:
        """The published tier of ``year``, or None when there is none."""
        entry = self.history.get(year)
        return entry.tier if entry else None
