"""The declared schema of an edition: typed, immutable records, one docstring per field.

The same declaration validates the files (``validate.py``) and generates the JSON Schema that
editors use while a desk officer types (``tierreport schema``). Unknown keys are errors.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema

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
    WithJsonSchema({"type": "number"}),
]
Text = Annotated[str, Field(min_length=1, pattern=r"\S")]


class Record(BaseModel):
    """Base of every declared record: immutable, strict about unknown keys, documented fields."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


# --- edition.yaml -----------------------------------------------------------------------------


class Period(Record):
    """A date range, both ends included."""

    start: dt.date
    """First day of the period (YYYY-MM-DD)."""
    end: dt.date
    """Last day of the period (YYYY-MM-DD)."""

    def contains(self, day: dt.date) -> bool:
        """Whether ``day`` falls inside the period, both ends included."""
        return self.start <= day <= self.end


class EditionConfig(Record):
    """``edition.yaml``: what the edition is, for which year, and where its standards live."""

    title: Text
    """Title of the report, e.g. Human Smuggling Report."""
    year: int = Field(ge=1900, le=2999)
    """Edition year Y; history years must come before it."""
    reporting_period: Period
    """The reporting period; only concrete actions dated inside it count toward a finding."""
    publisher: Text
    """The office that publishes the report."""
    standards: Text = "standards/minimum-standards.yaml"
    """Path of the standards file, relative to the edition directory."""
    regions: dict[str, Text]
    """Region code -> region name; every country names one of these codes."""
    fictional: bool = False
    """True for an example edition: every output says the countries are invented."""
    introduction: str | None = None
    """Markdown file with the office's letter or introduction, relative to the edition."""
    publication_date: dt.date | None = None
    """Date printed on the report; builds are reproducible because no clock is read."""
    subject: str | None = None
    """One-line description used as the PDF's subject metadata."""
    keywords: list[Text] = []
    """Keywords for the PDF metadata."""


# --- standards/minimum-standards.yaml ---------------------------------------------------------


class LegalStandard(Record):
    """A legal minimum standard, judged met or not_met."""

    id: Text
    """Identifier cited by country files, e.g. MS1."""
    title: Text
    """What the standard requires, in one line."""
    basis: str = ""
    """Where it comes from in the Smuggling of Migrants Protocol."""


class EffortCriterion(Record):
    """An indicium of serious and sustained efforts, judged met/partial/not_met/not_applicable."""

    id: Text
    """Identifier cited by country files, e.g. C01."""
    title: Text
    """What the criterion asks of a government."""
    pillar: Pillar
    """The pillar it belongs to: prosecution, protection, prevention or partnership."""
    basis: str = ""
    """Where it comes from in the Protocol or the statute."""
    weight: Number = Field(default=Decimal(1), gt=0)
    """Weight in the efforts score (default 1)."""
    progress: bool = False
    """True for the one criterion that asks for appreciable progress over the previous period."""


class Disqualifier(Record):
    """Proof of failure: when present, a country can be neither Tier 1 nor Tier 2."""

    id: Text
    """Identifier cited by country files, e.g. D1."""
    title: Text
    """The conduct that disqualifies."""
    basis: str = ""
    """Where the rule comes from."""


class Thresholds(Record):
    """Every number the tiering rules use (METHODOLOGY section 2)."""

    tier1_min_efforts: Number
    """Minimum efforts score, with every legal standard met, to fully meet the standards."""
    significant_efforts_min: Number
    """Minimum efforts score for significant efforts (Tier 2 rather than Tier 3)."""
    proportional_action_min: Number
    """Efforts score below which a country facing significant indicators is not acting in
    proportion."""
    significant_increase_pct: Number
    """Percent increase of an indicator from Y-1 to Y that counts as significant."""
    watch_list_years_before_downgrade: int = Field(ge=1)
    """Consecutive Watch List years after which another Watch List result becomes Tier 3."""
    reinstated_watch_list_years: int = Field(ge=1)
    """The same limit for a country that was once automatically downgraded."""
    waiver_years: int = Field(ge=0)
    """How many waivers of the automatic downgrade one Watch List streak may use."""


class Scores(Record):
    """The score of each finding in the efforts score."""

    met: Number
    """Score of a met criterion."""
    partial: Number
    """Score of a partially met criterion."""
    not_met: Number
    """Score of a criterion not met."""


class Standards(Record):
    """The minimum-standards checklist and every tiering parameter."""

    legal_standards: list[LegalStandard] = Field(min_length=1)
    """The legal standards (MS1-MS3)."""
    effort_criteria: list[EffortCriterion] = Field(min_length=1)
    """The effort criteria; exactly one has ``progress: true``."""
    disqualifiers: list[Disqualifier] = []
    """Conduct that rules out Tier 1 and Tier 2."""
    thresholds: Thresholds
    """Every threshold of the methodology."""
    scores: Scores
    """Score of each finding."""

    @property
    def progress_criterion(self) -> EffortCriterion:
        """The one criterion marked ``progress: true`` (validation guarantees there is one)."""
        return next(c for c in self.effort_criteria if c.progress)


# --- countries/CODE.yaml ----------------------------------------------------------------------


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

    smuggled_migrants: dict[int, int | None] = {}
    """Estimated smuggled migrants by year (Y-1 and Y are used)."""
    deaths_and_disappearances: dict[int, int | None] = {}
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

    investigations: int | None = Field(default=None, ge=0)
    """Smuggling investigations opened."""
    prosecutions: int | None = Field(default=None, ge=0)
    """Prosecutions initiated."""
    convictions: int | None = Field(default=None, ge=0)
    """Convictions."""
    officials_convicted: int | None = Field(default=None, ge=0)
    """Officials convicted for complicity."""
    migrants_assisted: int | None = Field(default=None, ge=0)
    """Smuggled migrants given assistance or protection."""
    new_or_amended_legislation: bool | None = None
    """Whether new or amended smuggling legislation took effect."""


class Assistance(Record):
    """U.S. assistance at stake if the country lands on Tier 3."""

    fiscal_year: int
    """The fiscal year whose assistance the restriction would affect."""
    at_stake_usd: int = Field(ge=0)
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
    history: dict[int, HistoryField] = {}
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
    law_enforcement: dict[int, LawEnforcementYear] = {}
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

    def history_tier(self, year: int) -> str | None:
        """The published tier of ``year``, or None when there is none."""
        entry = self.history.get(year)
        return entry.tier if entry else None


# --- the assembled edition and its placements -------------------------------------------------


@dataclass(frozen=True)
class SourceMap:
    """Where each key of one YAML file is: data path -> (line, col), both 1-based."""

    file: str
    positions: dict[tuple[str | int, ...], tuple[int, int]] = field(default_factory=dict)

    def locate(self, path: tuple[str | int, ...]) -> tuple[int, int]:
        """Position of ``path``, or of its nearest ancestor that has one, or 1:1."""
        for end in range(len(path), -1, -1):
            found = self.positions.get(path[:end])
            if found:
                return found
        return (1, 1)


@dataclass(frozen=True)
class Edition:
    """A loaded, validated edition: configuration, standards and countries sorted by code."""

    root: Path
    config: EditionConfig
    standards: Standards
    countries: tuple[Country, ...]
    maps: dict[str, SourceMap] = field(default_factory=dict)
    """Source maps by country code, plus ``edition`` and ``standards``."""
    files: dict[str, str] = field(default_factory=dict)
    """Edition-relative file name by country code."""
    introduction: str = ""
    """Markdown of the introduction (``edition.yaml: introduction``), read at load time."""

    def country(self, code: str) -> Country:
        """The country with this code (KeyError if none)."""
        for country in self.countries:
            if country.code == code:
                return country
        raise KeyError(code)

    @property
    def year(self) -> int:
        """The edition year."""
        return self.config.year


def as_data(model: BaseModel) -> dict[str, Any]:
    """A record as plain JSON-ready data (dates as ISO text, decimals as numbers)."""
    return model.model_dump(mode="json")


Change = Literal["upgrade", "downgrade", "same", "new", "n/a"]
WatchListReason = Literal["indicators", "no_increasing_efforts"]


@dataclass(frozen=True)
class Placement:
    """The tier of one country and every fact that led to it (METHODOLOGY section 3)."""

    code: str
    name: str
    region: str
    computed_tier: PlacementTier
    final_tier: PlacementTier
    previous_tier: PlacementTier | None
    change: Change
    efforts_score: Decimal | None
    """Weighted mean of criterion scores; None for a special case."""
    fully_meets: bool
    significant_efforts: bool
    watch_list_reasons: tuple[WatchListReason, ...]
    auto_downgrade: bool
    waiver: bool
    override: bool
    cutoff_candidate: bool
    downgrade_risk_next_year: bool
    interim_assessment: bool
    rationale: tuple[str, ...]
    """Ordered plain-English steps that led to the tier."""
    streak: int = 0
    """Consecutive Watch List years directly before the edition year."""
    limit: int = 0
    """Watch List years after which the automatic downgrade applies."""
    special_reason: str | None = None
    """Why an unranked country is a special case."""
    unassessed: tuple[str, ...] = ()
    """Ids of findings not yet assessed (drafts only); counted as not met."""
    year: int = 0
    """The edition year Y this placement is for (0 only in hand-built test records)."""
    rising_indicators: tuple[str, ...] = ()
    """Indicators (``smuggled_migrants``, ``deaths_and_disappearances``) that rose by at least
    ``significant_increase_pct`` percent from Y-1 to Y."""
    very_significant: bool = False
    """The desk officer flagged the numbers as very significant (Watch List indicators test)."""
    shortfalls: tuple[str, ...] = ()
    """Titles of the legal standards and effort criteria not met (or not assessed), in the
    standards file's order; the justification paragraph names the first few."""
    disqualifiers: tuple[str, ...] = ()
    """Titles of the disqualifiers found to apply, in the standards file's order."""
    waivers_used: int = 0
    """Waivers of the automatic downgrade already granted within the current Watch List streak."""

    def contract(self) -> dict[str, Any]:
        """The object ``tierreport tiers --json`` prints for this country (EDITION-FORMAT)."""
        return {
            "code": self.code,
            "name": self.name,
            "region": self.region,
            "computed_tier": self.computed_tier,
            "final_tier": self.final_tier,
            "previous_tier": self.previous_tier,
            "change": self.change,
            "efforts_score": None if self.efforts_score is None else float(self.efforts_score),
            "fully_meets": self.fully_meets,
            "significant_efforts": self.significant_efforts,
            "watch_list_reasons": list(self.watch_list_reasons),
            "auto_downgrade": self.auto_downgrade,
            "waiver": self.waiver,
            "override": self.override,
            "cutoff_candidate": self.cutoff_candidate,
            "downgrade_risk_next_year": self.downgrade_risk_next_year,
            "interim_assessment": self.interim_assessment,
            "rationale": list(self.rationale),
        }
