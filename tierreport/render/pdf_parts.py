"""The parts of the printed report that only print needs: chapters with numbered source notes,
the contents, the conventions matrix, global figures and the internal audit annex.

Everything here is plain records built from the edition and its placements; the audience is
decided once, here: a public report never receives an internal note, a non-public source, or a
waiver's or decision's justification, so no template can print one by mistake.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from tierreport.model import (
    TIER_LABELS,
    Action,
    Country,
    Edition,
    LawEnforcementYear,
    Placement,
    Source,
)

Audience = Literal["public", "internal"]

TIER_SEQUENCE = ("1", "2", "2WL", "3", "special")
"""Tiers in the order the report lists them."""

FINDING_LABELS = {
    "met": "Met",
    "partial": "Partially met",
    "not_met": "Not met",
    "not_applicable": "Not applicable",
    "unassessed": "Not yet assessed",
}

LAW_ENFORCEMENT_FIELDS = (
    ("investigations", "Investigations"),
    ("prosecutions", "Prosecutions"),
    ("convictions", "Convictions"),
    ("officials_convicted", "Officials convicted"),
    ("migrants_assisted", "Migrants assisted"),
)

TREATIES = (
    ("untoc", "UN Convention against Transnational Organized Crime"),
    ("smuggling_protocol", "Smuggling of Migrants Protocol"),
    ("trafficking_protocol", "Trafficking in Persons Protocol"),
)


@dataclass(frozen=True)
class Note:
    """A numbered source note of one chapter."""

    number: int
    anchor: str
    source: Source


@dataclass(frozen=True)
class CitedAction:
    """A dated action as printed: counted or not, with the numbers of its source notes."""

    action: Action
    counts: bool
    """Inside the reporting period and not a plan: it supports the finding."""
    notes: tuple[Note, ...]


@dataclass(frozen=True)
class ScoreRow:
    """One line of the scorecard: a standard, criterion or disqualifier and its finding."""

    id: str
    title: str
    basis: str
    group: str
    finding: str
    note: str | None
    actions: tuple[CitedAction, ...]


@dataclass(frozen=True)
class Chapter:
    """A country chapter: the country, its placement, its scorecard and its notes."""

    country: Country
    placement: Placement
    region: str
    anchor: str
    tier_label: str
    scorecard: tuple[ScoreRow, ...]
    indicator_notes: tuple[Note, ...]
    notes: tuple[Note, ...]
    law_enforcement: tuple[tuple[int, LawEnforcementYear], ...]

    @property
    def heading(self) -> str:
        """The chapter heading, ``NAME: TIER X`` once print.css capitalizes it."""
        return f"{self.country.name}: {self.tier_label}"


@dataclass(frozen=True)
class TierGroup:
    """The countries of one tier, alphabetically."""

    tier: str
    label: str
    chapters: tuple[Chapter, ...]


@dataclass(frozen=True)
class RegionGroup:
    """The countries of one region, alphabetically."""

    code: str
    name: str
    chapters: tuple[Chapter, ...]


@dataclass(frozen=True)
class Totals:
    """Law-enforcement figures summed over the countries that reported them, for one year."""

    year: int
    sums: tuple[int | None, ...]
    reporting: tuple[int, ...]
    """How many countries reported each figure."""
    legislation: int
    """Countries where new or amended smuggling legislation took effect."""


@dataclass(frozen=True)
class AuditEntry:
    """What the internal audit annex says about one country."""

    chapter: Chapter
    override: str | None
    waiver: str | None
    internal_notes: str | None
    hidden_sources: tuple[tuple[str, Source], ...]


@dataclass(frozen=True)
class PrintParts:
    """Everything the printed report needs beyond the edition's own records."""

    audience: Audience
    chapters: tuple[Chapter, ...]
    tiers: tuple[TierGroup, ...]
    regions: tuple[RegionGroup, ...]
    totals: tuple[Totals, ...]
    region_totals: tuple[tuple[str, Totals], ...]
    audit: tuple[AuditEntry, ...] = field(default=())

    @property
    def cutoff(self) -> tuple[Chapter, ...]:
        """Tier 3 chapters, alphabetically: the assistance annex."""
        return tuple(c for c in self.chapters if c.placement.cutoff_candidate)


def anchor_of(code: str) -> str:
    """The HTML id of a country chapter."""
    return f"country-{code}"


def _shown(source: Source, audience: Audience) -> bool:
    return source.public or audience == "internal"


class _Notes:
    """Number a chapter's sources in order of first citation, skipping those not shown."""

    def __init__(self, country: Country, audience: Audience) -> None:
        self.country = country
        self.audience = audience
        self.notes: dict[str, Note] = {}

    def cite(self, ids: Iterable[str]) -> tuple[Note, ...]:
        cited = []
        for source_id in ids:
            source = self.country.sources.get(source_id)
            if source is None or not _shown(source, self.audience):
                continue
            if source_id not in self.notes:
                number = len(self.notes) + 1
                anchor = f"note-{self.country.code}-{number}"
                self.notes[source_id] = Note(number, anchor, source)
            cited.append(self.notes[source_id])
        return tuple(cited)


def _scorecard(edition: Edition, country: Country, notes: _Notes) -> tuple[ScoreRow, ...]:
    period = edition.config.reporting_period

    def actions(items: Sequence[Action], dated: bool = True) -> tuple[CitedAction, ...]:
        # A law in force counts whenever it was enacted; efforts count only inside the period.
        return tuple(
            CitedAction(
                a, not a.planned and (not dated or period.contains(a.date)), notes.cite(a.sources)
            )
            for a in items
        )

    rows = []
    for legal in edition.standards.legal_standards:
        found = country.legal_standards.get(legal.id)
        if found is not None:
            rows.append(
                ScoreRow(legal.id, legal.title, legal.basis, "Legal standards",
                         found.finding, found.note, actions(found.actions, dated=False))
            )  # fmt: skip
    for criterion in edition.standards.effort_criteria:
        found_c = country.criteria.get(criterion.id)
        if found_c is not None:
            rows.append(
                ScoreRow(criterion.id, criterion.title, criterion.basis,
                         criterion.pillar.capitalize(), found_c.finding, found_c.note,
                         actions(found_c.actions))
            )  # fmt: skip
    titles = {d.id: d for d in edition.standards.disqualifiers}
    for disqualifier in country.disqualifiers:
        standard = titles.get(disqualifier.id)
        rows.append(
            ScoreRow(disqualifier.id, standard.title if standard else disqualifier.id,
                     standard.basis if standard else "", "Disqualifiers", "applies",
                     disqualifier.note, actions(disqualifier.actions))
        )  # fmt: skip
    return tuple(rows)


def _chapter(edition: Edition, placement: Placement, audience: Audience) -> Chapter:
    country = edition.country(placement.code)
    notes = _Notes(country, audience)
    scorecard = _scorecard(edition, country, notes)
    indicator_notes = notes.cite(country.indicators.sources)
    years = sorted(country.law_enforcement.items())
    return Chapter(
        country=country,
        placement=placement,
        region=edition.config.regions.get(country.region, country.region),
        anchor=anchor_of(country.code),
        tier_label=TIER_LABELS[placement.final_tier],
        scorecard=scorecard,
        indicator_notes=indicator_notes,
        notes=tuple(notes.notes.values()),
        law_enforcement=tuple(years),
    )


def _totals(year: int, records: Sequence[LawEnforcementYear]) -> Totals:
    sums: list[int | None] = []
    reporting: list[int] = []
    for name, _ in LAW_ENFORCEMENT_FIELDS:
        values = [getattr(r, name) for r in records if getattr(r, name) is not None]
        sums.append(sum(values) if values else None)
        reporting.append(len(values))
    legislation = sum(1 for r in records if r.new_or_amended_legislation)
    return Totals(year, tuple(sums), tuple(reporting), legislation)


def _year_totals(chapters: Sequence[Chapter]) -> tuple[Totals, ...]:
    years = sorted({year for c in chapters for year, _ in c.law_enforcement})
    return tuple(
        _totals(year, [r for c in chapters for y, r in c.law_enforcement if y == year])
        for year in years
    )


def print_parts(
    edition: Edition, placements: Sequence[Placement], audience: Audience
) -> PrintParts:
    """Chapters, groupings, totals and (internal only) the audit annex, sorted for print."""
    chapters = tuple(
        sorted(
            (_chapter(edition, p, audience) for p in placements),
            key=lambda c: (c.country.name.casefold(), c.country.code),
        )
    )
    by_tier = {t: tuple(c for c in chapters if c.placement.final_tier == t) for t in TIER_SEQUENCE}
    tiers = tuple(TierGroup(t, TIER_LABELS[t], group) for t, group in by_tier.items() if group)
    regions = tuple(
        RegionGroup(code, name, tuple(c for c in chapters if c.country.region == code))
        for code, name in edition.config.regions.items()
        if any(c.country.region == code for c in chapters)
    )
    year = edition.year
    region_totals = tuple(
        (group.name, _totals(year, [r for c in group.chapters for y, r in c.law_enforcement
                                    if y == year]))
        for group in regions
    )  # fmt: skip
    audit: tuple[AuditEntry, ...] = ()
    if audience == "internal":
        audit = tuple(_audit(c) for c in chapters if _has_audit(c.country, c.placement))
    return PrintParts(
        audience=audience,
        chapters=chapters,
        tiers=tiers,
        regions=regions,
        totals=_year_totals(chapters),
        region_totals=region_totals,
        audit=audit,
    )


def _has_audit(country: Country, placement: Placement) -> bool:
    return bool(
        placement.override
        or country.waiver is not None
        or country.internal_notes
        or any(not s.public for s in country.sources.values())
    )


def _audit(chapter: Chapter) -> AuditEntry:
    country = chapter.country
    return AuditEntry(
        chapter=chapter,
        override=country.decision.justification
        if chapter.placement.override and country.decision
        else None,
        waiver=country.waiver.justification if country.waiver else None,
        internal_notes=country.internal_notes,
        hidden_sources=tuple((k, s) for k, s in country.sources.items() if not s.public),
    )


def format_date(day: dt.date | None) -> str:
    """A date as the report prints it: 15 June 2027."""
    if day is None:
        return ""
    return f"{day.day} {day:%B %Y}"
