"""The render context: one typed, immutable record of everything the site and the PDF print.

``build_context(edition, placements, audience=..., draft=...)`` is the only way templates see an
edition. It holds plain records (dataclasses, tuples, strings, ``Markup`` already rendered from
Markdown by ``render/markdown.py``), never a DataFrame or a model object, and the audience is
applied while it is built: a public context contains no internal notes, no non-public source,
and no justification of a waiver or a decision (see ``render/country.py``).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from markupsafe import Markup

from tierreport import wording as words
from tierreport.editorial.compare import Comparison, compare_all
from tierreport.load.entries import Entries
from tierreport.model import TIER_LABELS, Edition, Placement, Thresholds
from tierreport.render import charts, maps, summaries
from tierreport.render.annex import AssistanceAnnex, assistance_annex
from tierreport.render.charts import Chart
from tierreport.render.markdown import render
from tierreport.render.record import Audience, CountryRecord, country_record, rubric
from tierreport.render.regions import RegionView, region_views
from tierreport.render.summaries import TIER_COLUMNS, LawTables, Table

__all__ = [
    "Audience",
    "Chart",
    "CountryRecord",
    "Front",
    "Methodology",
    "RegionGroup",
    "RenderContext",
    "StandardItem",
    "Threshold",
    "TierGroup",
    "build_context",
    "slug",
]


@dataclass(frozen=True)
class Front:
    """The edition's front matter."""

    title: str
    year: int
    publisher: str
    publication_date: dt.date | None
    reporting_start: dt.date
    reporting_end: dt.date
    fictional: bool
    subject: str
    keywords: tuple[str, ...]
    """Keywords for the PDF's metadata (``edition.yaml: keywords``)."""
    introduction: Markup
    """The introduction (``edition.yaml: introduction``) rendered from Markdown."""
    pdf_name: str
    """File name of the PDF, e.g. ``human-smuggling-report-2027.pdf``."""


@dataclass(frozen=True)
class TierDefinition:
    """A tier and its definition as printed (METHODOLOGY section 4)."""

    tier: str
    label: str
    text: str


@dataclass(frozen=True)
class StandardItem:
    """A legal standard, effort criterion or disqualifier of the standards file."""

    id: str
    title: str
    basis: str
    pillar: str
    """The pillar's name for a criterion; empty otherwise."""
    weight: Decimal | None
    progress: bool
    guidance: tuple[tuple[str, str], ...] = ()
    """The rubric: (finding as printed, what it means), in the order met, partial, not met."""


@dataclass(frozen=True)
class Threshold:
    """One threshold of the methodology: its name, the value this edition used, its meaning."""

    name: str
    value: str
    meaning: str


@dataclass(frozen=True)
class Methodology:
    """How tiers are decided, with the standards and every threshold this edition used."""

    tiers: tuple[TierDefinition, ...]
    legal_standards: tuple[StandardItem, ...]
    criteria: tuple[StandardItem, ...]
    disqualifiers: tuple[StandardItem, ...]
    thresholds: tuple[Threshold, ...]
    scores: tuple[tuple[str, str], ...]
    """(finding, score) of met, partial and not met."""

    @property
    def rubric(self) -> tuple[StandardItem, ...]:
        """The legal standards and criteria that have guidance, in the standards file's order."""
        return tuple(item for item in (*self.legal_standards, *self.criteria) if item.guidance)


@dataclass(frozen=True)
class TierGroup:
    """The countries of one tier, alphabetically (as the TIP Report lists them)."""

    tier: str
    label: str
    definition: str
    countries: tuple[CountryRecord, ...]


@dataclass(frozen=True)
class RegionGroup:
    """The countries of one region, alphabetically."""

    code: str
    name: str
    countries: tuple[CountryRecord, ...]


@dataclass(frozen=True)
class RenderContext:
    """Everything the site and the PDF print, for one audience."""

    audience: Audience
    draft: bool
    front: Front
    methodology: Methodology
    countries: tuple[CountryRecord, ...]
    """Every country, alphabetically by name."""
    tiers: tuple[TierGroup, ...]
    """Every tier that has a country, best first; Special Case last."""
    regions: tuple[RegionGroup, ...]
    """Every region that has a country, in edition.yaml's order."""
    changes: tuple[CountryRecord, ...]
    """Upgraded and downgraded countries, alphabetically."""
    new_entries: tuple[CountryRecord, ...]
    assistance: tuple[CountryRecord, ...]
    """Tier 3 countries: the assistance annex."""
    annex: AssistanceAnnex
    """The assistance annex's totals, determination window and definitions."""
    watch_list: tuple[CountryRecord, ...]
    downgrade_risk: tuple[CountryRecord, ...]
    """Watch List countries that another Watch List year would downgrade."""
    interim: tuple[CountryRecord, ...]
    """Countries assessed again by 1 February of the next year (``interim_due``)."""
    interim_due: str
    """The day the interim assessments are due: ``1 February 2028``."""
    tier_counts: Table
    law: LawTables
    """The global law-enforcement data: totals, like for like, by region, notes."""
    charts: tuple[Chart, ...]
    audit: tuple[CountryRecord, ...]
    """Countries with something for the internal audit annex; empty for the public."""
    comparisons: tuple[Comparison, ...] = ()
    """Every standard and criterion compared across the countries, for clearance; internal
    only (empty for the public)."""
    fragile: tuple[CountryRecord, ...] = ()
    """Fragile placements, for the last review in clearance; empty for the public."""
    followup_regions: Table | None = None
    """The follow-up of the previous edition by region; None when no item is assessed."""
    region_views: tuple[RegionView, ...] = ()
    """Every region that has a country: its page on the site, its section in the PDF."""
    record_keys: dict[str, bytes] = field(default_factory=dict)
    """By country code, a hash of everything its record was made of (``record_key``); the
    page cache keys the country's page by it. A country without one is hashed whole."""

    @property
    def internal(self) -> bool:
        """Whether this is the internal edition."""
        return self.audience == "internal"

    def chart(self, chart_id: str) -> Chart:
        """The chart with this id (KeyError if none)."""
        for chart in self.charts:
            if chart.id == chart_id:
                return chart
        raise KeyError(chart_id)


def slug(title: str) -> str:
    """The title as a file-name stem: ``Human Smuggling Report`` -> ``human-smuggling-report``."""
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") or "report"


def _threshold_text(value: object) -> str:
    if value is None:
        return "not set"  # an optional threshold the standards file leaves out
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def _methodology(edition: Edition) -> Methodology:
    standards = edition.standards
    thresholds = tuple(
        Threshold(
            name=name,
            value=_threshold_text(getattr(standards.thresholds, name)),
            meaning=" ".join((spec.description or "").split()),
        )
        for name, spec in Thresholds.model_fields.items()
    )
    return Methodology(
        tiers=tuple(
            TierDefinition(t, TIER_LABELS[t], words.TIER_DEFINITIONS[t]) for t in TIER_COLUMNS
        ),
        legal_standards=tuple(
            StandardItem(s.id, s.title, s.basis, "", None, False, rubric(s.guidance))
            for s in standards.legal_standards
        ),
        criteria=tuple(
            StandardItem(
                c.id,
                c.title,
                c.basis,
                c.pillar.capitalize(),
                c.weight,
                c.progress,
                rubric(c.guidance),
            )
            for c in standards.effort_criteria
        ),
        disqualifiers=tuple(
            StandardItem(d.id, d.title, d.basis, "", None, False) for d in standards.disqualifiers
        ),
        thresholds=thresholds,
        scores=tuple(
            (label, _threshold_text(getattr(standards.scores, key)))
            for key, label in ((k, words.FINDING_LABELS[k]) for k in ("met", "partial", "not_met"))
        ),
    )


def _front(edition: Edition) -> Front:
    config = edition.config
    return Front(
        title=config.title,
        year=config.year,
        publisher=config.publisher,
        publication_date=config.publication_date,
        reporting_start=config.reporting_period.start,
        reporting_end=config.reporting_period.end,
        fictional=config.fictional,
        subject=config.subject or "",
        keywords=tuple(config.keywords),
        introduction=render(edition.introduction),
        pdf_name=f"{slug(config.title)}-{config.year}.pdf",
    )


def all_charts(
    edition: Edition,
    countries: Sequence[CountryRecord],
    followup: Sequence[summaries.RegionFollowup] = (),
) -> tuple[Chart, ...]:
    """Every chart: tiers by region, tier changes, the tile map, (ISO codes) the world map, and
    the follow-up by region when any follow-up is assessed."""
    drawn = [
        charts.tier_regions(edition, countries),
        charts.tier_changes(countries, edition.year),
        maps.tile_grid(edition, countries),
    ]
    world = maps.world_map(countries)
    if world is not None:
        drawn.append(world)
    if followup:
        drawn.append(charts.followup_regions(followup, edition.year))
    return tuple(drawn)


def record_key(edition: Edition, code: str, audience: Audience) -> bytes | None:
    """What a country's record is kept under: a hash of its check's digest
    (``Edition.digests``: the file, the settings, the standards) and the audience; None for a
    country without a digest. A record is made of these alone, with the code, which is in the
    cache's fingerprint: its country, its placement (made of the same), the settings, the
    standards and the year (``tests/test_cache.py`` builds with and without the records kept)."""
    digest = edition.digests.get(code)
    if not digest:
        return None
    return hashlib.sha256(b"tierreport-record-1\0" + digest + audience.encode()).digest()


def _records(
    edition: Edition,
    placements: Sequence[Placement],
    audience: Audience,
    store: Entries[CountryRecord] | None,
) -> tuple[tuple[CountryRecord, ...], dict[str, bytes]]:
    """Every country's record, alphabetically, each taken from ``store`` when it holds one under
    its ``record_key``; and those keys by code."""
    records, keys = [], {}
    for placement in placements:
        key = record_key(edition, placement.code, audience) if store is not None else None
        make = functools.partial(country_record, edition, placement, audience)
        records.append(make() if store is None or not key else store.made(key, CountryRecord, make))
        if key:
            keys[placement.code] = key
    return tuple(sorted(records, key=lambda c: (c.name.casefold(), c.code))), keys


def build_context(
    edition: Edition,
    placements: Sequence[Placement],
    *,
    audience: Audience = "public",
    draft: bool = False,
    records: Entries[CountryRecord] | None = None,
) -> RenderContext:
    """The render context of ``edition`` for ``audience`` (``public`` or ``internal``).

    ``records`` keeps each country's record from one build to the next (``record_key``).
    """
    countries, keys = _records(edition, placements, audience, records)
    tiers = tuple(
        TierGroup(t, TIER_LABELS[t], words.TIER_DEFINITIONS[t], group)
        for t in TIER_COLUMNS
        if (group := tuple(c for c in countries if c.tier == t))
    )
    regions = tuple(
        RegionGroup(code, name, group)
        for code, name in edition.config.regions.items()
        if (group := tuple(c for c in countries if c.region == code))
    )
    audit: tuple[CountryRecord, ...] = ()
    if audience == "internal":
        audit = tuple(
            c
            for c in countries
            if c.override
            or (c.internal is not None and (c.internal.waiver_justification
                                           or c.internal.internal_notes
                                           or c.internal.hidden_sources))
        )  # fmt: skip
    candidates = tuple(c for c in countries if c.cutoff_candidate)
    followup = summaries.followup_by_region(edition, placements)
    return RenderContext(
        audience=audience,
        draft=draft,
        front=_front(edition),
        methodology=_methodology(edition),
        countries=countries,
        tiers=tiers,
        regions=regions,
        changes=tuple(c for c in countries if c.change in ("upgrade", "downgrade")),
        new_entries=tuple(c for c in countries if c.change == "new"),
        assistance=candidates,
        annex=assistance_annex(edition, candidates),
        watch_list=tuple(c for c in countries if c.tier == "2WL"),
        downgrade_risk=tuple(c for c in countries if c.downgrade_risk_next_year),
        interim=tuple(c for c in countries if c.interim_assessment),
        interim_due=words.interim_deadline(edition.year),
        tier_counts=summaries.tier_counts(edition, placements),
        law=summaries.law_tables(edition, placements),
        charts=all_charts(edition, countries, followup),
        audit=audit,
        comparisons=compare_all(edition) if audience == "internal" else (),
        fragile=tuple(c for c in countries if c.fragile) if audience == "internal" else (),
        followup_regions=summaries.followup_table(edition, followup) if followup else None,
        region_views=region_views(edition, placements, countries),
        record_keys=keys,
    )
