"""The declared schema of an edition: typed, immutable records, one docstring per field.

The same declaration validates the files (``validate.py``) and generates the JSON Schema that
editors use while a desk officer types (``tierreport schema``). Unknown keys are errors.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from tierreport.model.country import Country
from tierreport.model.fields import Number, Period, Pillar, Record, Text, Year, Years

# --- edition.yaml -----------------------------------------------------------------------------


class EditionConfig(Record):
    """``edition.yaml``: what the edition is, for which year, and where its standards live."""

    title: Text
    """Title of the report, e.g. Human Smuggling Report."""
    year: Year
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

    def named_files(self) -> tuple[str, ...]:
        """The files these settings name, relative to the edition: the standards, and the
        introduction when there is one."""
        return (self.standards, *((self.introduction,) if self.introduction else ()))


# --- standards/minimum-standards.yaml ---------------------------------------------------------


class LegalGuidance(Record):
    """The rubric of a legal standard: what each finding means."""

    met: Text
    """When the standard is met."""
    not_met: Text
    """When it is not met."""


class Guidance(Record):
    """The rubric of an effort criterion: what each finding means."""

    met: Text
    """When the criterion is met."""
    partial: Text
    """When it is partially met."""
    not_met: Text
    """When it is not met."""


class LegalStandard(Record):
    """A legal minimum standard, judged met or not_met."""

    id: Text
    """Identifier cited by country files, e.g. MS1."""
    title: Text
    """What the standard requires, in one line."""
    basis: str = ""
    """Where it comes from in the Smuggling of Migrants Protocol."""
    guidance: LegalGuidance | None = None
    """The rubric: what met and not_met mean (published in the methodology)."""


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
    guidance: Guidance | None = None
    """The rubric: what met, partial and not_met mean (published in the methodology)."""


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
    watch_list_years_before_downgrade: Years = Field(ge=1)
    """Consecutive Watch List years after which another Watch List result becomes Tier 3."""
    reinstated_watch_list_years: Years = Field(ge=1)
    """The same limit for a country that was once automatically downgraded."""
    waiver_years: Years = Field(ge=0)
    """How many waivers of the automatic downgrade one Watch List streak may use."""
    significant_increase_from_zero: int | None = Field(default=None, ge=1)
    """Optional: where an indicator was 0 in Y-1, a figure for Y of at least this counts as a
    significant increase (absent: no increase is measured from 0)."""
    very_significant_migrants: int | None = Field(default=None, ge=1)
    """Optional: estimated smuggled migrants in Y at or above this make the numbers very
    significant, whatever the desk officer's flag says."""
    very_significant_deaths: int | None = Field(default=None, ge=1)
    """Optional: migrant deaths and disappearances in Y at or above this make the numbers very
    significant, whatever the desk officer's flag says."""
    path_max_changes: int = Field(default=3, ge=1, le=6)
    """The most one-step changes of findings a published path up or down may have (METHODOLOGY
    2c; default 3)."""


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
    maps: Mapping[str, SourceMap] = field(default_factory=dict)
    """Source maps by country code, for locating problems the engine finds."""
    files: dict[str, str] = field(default_factory=dict)
    """Edition-relative file name by country code."""
    introduction: str = ""
    """Markdown of the introduction (``edition.yaml: introduction``), read at load time."""
    digests: dict[str, bytes] = field(default_factory=dict)
    """By country code, a hash of everything the country's check was made of (its file's bytes,
    the settings and the standards): the key under which its placement and records are kept
    from one build to the next (``tierreport.load.cache``). A country without one is never
    kept."""

    def country(self, code: str) -> Country:
        """The country with this code (KeyError if none)."""
        return self._by_code[code]

    @functools.cached_property
    def _by_code(self) -> dict[str, Country]:
        return {country.code: country for country in reversed(self.countries)}  # the first

    @property
    def year(self) -> int:
        """The edition year."""
        return self.config.year


def as_data(model: BaseModel) -> dict[str, Any]:
    """A record as plain JSON-ready data (dates as ISO text, decimals as numbers)."""
    return model.model_dump(mode="json")
