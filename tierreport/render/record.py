"""One country as the publication shows it: placement, sentences, narrative and scorecard.

The audience is decided here, once: for the public audience a record never receives the internal
notes, a non-public source (an action's citation of one is dropped), or the justification of a
waiver or a decision, so no template, HTML or PDF, can print one by mistake.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from markupsafe import Markup

from tierreport import wording as words
from tierreport.model import (
    TIER_LABELS,
    Action,
    Assistance,
    Country,
    Edition,
    Guidance,
    LegalGuidance,
    Placement,
)
from tierreport.render.charts import Chart
from tierreport.render.history import TierYear, tier_years, timeline
from tierreport.render.indicators import IndicatorTable, indicator_tables, sensitivity_sentences
from tierreport.render.markdown import render, render_inline
from tierreport.wording import (
    CHANGE_LABELS,
    FINDING_LABELS,
    LAW_COUNTS,
    PILLARS,
    TREATIES,
)

Audience = Literal["public", "internal"]


@dataclass(frozen=True)
class Note:
    """A numbered source note of one country page, in order of first citation."""

    number: int
    anchor: str
    """HTML id of the note, e.g. ``note-XAR-3``."""
    title: str
    publisher: str | None
    date: dt.date | None
    url: str | None
    kind: str


@dataclass(frozen=True)
class CitedAction:
    """A dated action with the numbers of the notes it cites."""

    date: dt.date
    text: Markup
    planned: bool
    counts: bool
    """A concrete action (not a plan) that the finding may rest on."""
    notes: tuple[Note, ...]
    announced: dt.date | None = None
    """When a planned action was announced, if the country file says."""


@dataclass(frozen=True)
class ScoreRow:
    """One line of the scorecard: a legal standard, effort criterion or disqualifier."""

    id: str
    title: str
    basis: str
    group: str
    """Legal standards, a pillar's name, or Disqualifiers."""
    finding: str
    finding_label: str
    note: Markup
    actions: tuple[CitedAction, ...]
    guidance: bool = False
    """Whether the standards file gives the rubric of this standard or criterion."""


@dataclass(frozen=True)
class LawYear:
    """Law-enforcement figures of one reporting year (None: not reported)."""

    year: int
    counts: tuple[int | None, ...]
    """In the order of ``LAW_COUNTS``."""
    legislation: bool | None


@dataclass(frozen=True)
class ProgrammeRow:
    """One programme of the assistance at stake, with its recommended determination."""

    account: str
    programme: str
    usd: int
    waive: bool
    label: str
    """``Waived`` or ``Restricted``."""


@dataclass(frozen=True)
class AssistanceRecord:
    """Assistance at stake if the country is on Tier 3, and the recommended determination."""

    fiscal_year: int
    at_stake_usd: int
    recommendation: str
    recommendation_label: str
    justification: Markup
    programmes: tuple[ProgrammeRow, ...]
    """The breakdown by account and programme; empty when the file gives none."""
    restricted_usd: int | None
    """Recommended restricted; None for a partial waiver without its programmes' split."""
    waived_usd: int | None
    """Recommended waived; None for a partial waiver without its programmes' split."""
    previous: tuple[str, ...]
    """Earlier Tier 3 years and recorded determinations: ``2026: Tier 3, full restriction``."""
    restore_sentence: str
    """What restoring the restricted assistance depends on; empty when nothing is restricted."""
    conditions: tuple[tuple[int, Markup], ...]
    """(number, text) of the recommendations restoring the assistance depends on."""


@dataclass(frozen=True)
class InternalRecord:
    """What only the internal edition shows about a country."""

    internal_notes: Markup
    decision_justification: str | None
    waiver_justification: str | None
    hidden_sources: tuple[str, ...]
    """Titles of the sources withheld from the public edition."""


@dataclass(frozen=True)
class Judgements:
    """The published reasons of a placement's judgement calls (see ``CountryRecord``)."""

    public_justification: str
    benchmarks: tuple[tuple[dt.date, str], ...]
    very_significant_basis: str
    sensitivity: tuple[str, ...]
    tip_tier: str


@dataclass(frozen=True)
class ChangedFinding:
    """A finding that changed since Y-1, as the card lists it."""

    direction: str
    """improved, worsened or changed (a CSS class too)."""
    mark: str
    """An arrow; the sentence says the direction in words as well."""
    text: str


@dataclass(frozen=True)
class FollowupRow:
    """A recommendation or benchmark of the previous edition and its assessment."""

    item: Markup
    kind_label: str
    assessment: str
    assessment_label: str
    note: Markup


@dataclass(frozen=True)
class ChangeCard:
    """The change-and-path card under the justification (METHODOLOGY 2b-2c), every sentence
    from ``words``."""

    previous_year: int
    headings: dict[str, str]
    """The card's headings (``words.card_headings``)."""
    previous: str
    """Y-1's tier and efforts score."""
    current: str
    """This year's tier and efforts score."""
    criteria_note: str
    """What changed in the criteria since Y-1; empty when nothing did."""
    changes: tuple[ChangedFinding, ...]
    no_changes: str
    """Why no finding is listed, when none is."""
    followup: tuple[FollowupRow, ...]
    followup_sentence: str
    clock: str
    """The statutory clock."""
    computed_note: str
    """Under an override: that the paths concern the computed tier."""
    path_up: tuple[str, ...]
    no_path_up: str
    fragile: bool
    fragile_sentence: str
    path_down: tuple[str, ...]
    no_path_down: str


@dataclass(frozen=True)
class CountryRecord:
    """Everything a country page or chapter prints."""

    code: str
    name: str
    page: str
    """File name of its page in the site's ``countries/`` folder."""
    region: str
    region_name: str
    status: str
    tier: str
    tier_label: str
    heading: str
    """``NAME: TIER X``."""
    computed_tier: str
    previous_tier: str | None
    previous_label: str
    change: str
    change_label: str
    efforts_score: Decimal | None
    justification: str
    change_sentence: str
    watch_list_sentence: str
    waiver_sentence: str
    """The waiver of the automatic downgrade granted this year; empty when none was."""
    interim_reason: str
    interim_due: str
    """When the interim assessment is due (``1 February 2028``); empty when none is."""
    watch_list_years: str
    """The Watch List run up to this year (``2025 to 2027 (third consecutive year)``)."""
    downgrade_risk_sentence: str
    """Why another Watch List year would mean Tier 3; empty when it would not."""
    change_reason: str
    """The one-line reason for an upgrade or downgrade; empty otherwise."""
    rationale: tuple[str, ...]
    watch_list_reasons: tuple[str, ...]
    streak: int
    """Consecutive Watch List years directly before the edition year."""
    special_reason: str | None
    auto_downgrade: bool
    waiver: bool
    override: bool
    cutoff_candidate: bool
    downgrade_risk_next_year: bool
    interim_assessment: bool
    summary: Markup
    recommendations: tuple[Markup, ...]
    pillars: tuple[tuple[str, Markup], ...]
    """(heading, text) of prosecution, protection, prevention, partnership."""
    profile: Markup
    law_enforcement: tuple[LawYear, ...]
    law_units: tuple[str, ...]
    """A note for each figure the country counts in a unit of its own (``unit``)."""
    treaties: tuple[tuple[str, dt.date | None], ...]
    indicators: tuple[tuple[str, tuple[tuple[int, int | None], ...]], ...]
    indicator_notes: tuple[Note, ...]
    history: tuple[TierYear, ...]
    """The published tier of each earlier year in ``history``, then this edition's."""
    timeline: Chart
    """``history`` drawn as the tier timeline."""
    scorecard: tuple[ScoreRow, ...]
    notes: tuple[Note, ...]
    assistance: AssistanceRecord | None
    internal: InternalRecord | None
    """None in the public audience."""
    public_justification: str = ""
    """The office's published reason for a decision override; empty when there is none."""
    benchmarks: tuple[tuple[dt.date, str], ...] = ()
    """(due, text) of the written plan's benchmarks when a waiver is granted this year."""
    very_significant_basis: str = ""
    """Why the numbers are very significant, when the desk officer flagged them."""
    indicator_tables: tuple[IndicatorTable, ...] = ()
    """Each indicator year by year: the office's figure and the alternative estimates."""
    sensitivity: tuple[str, ...] = ()
    """The estimate-sensitivity sentences (METHODOLOGY 2c)."""
    tip_tier: str = ""
    """The tier of the latest TIP Report, e.g. ``Tier 2 (TIP Report 2026)``; empty when unknown."""
    formal_name: str = ""
    """The country file's ``name`` where ``name`` above is its ``short_name``; else empty."""
    card: ChangeCard | None = None
    """The change-and-path card; None for a Special Case."""
    fragile: bool = False
    """A single one-step change of one finding would move the computed tier."""
    fragile_changes: tuple[str, ...] = ()
    """The one-step changes that would move it, as sentences (the office's fragile list)."""

    @property
    def scorecard_groups(self) -> tuple[tuple[str, tuple[ScoreRow, ...]], ...]:
        """(group, rows) of the scorecard in order: legal standards, each pillar, disqualifiers."""
        groups: dict[str, list[ScoreRow]] = {}
        for row in self.scorecard:
            groups.setdefault(row.group, []).append(row)
        return tuple((group, tuple(rows)) for group, rows in groups.items())


def page_name(code: str) -> str:
    """The file name of a country's page: ``XAR.html``."""
    return f"{code}.html"


class _Notes:
    """Number a page's sources in order of first citation, skipping those not shown."""

    def __init__(self, country: Country, audience: Audience) -> None:
        self.country = country
        self.audience = audience
        self.notes: dict[str, Note] = {}

    def cite(self, ids: Iterable[str]) -> tuple[Note, ...]:
        cited: list[Note] = []
        for source_id in ids:
            source = self.country.sources.get(source_id)
            if source is None or not (source.public or self.audience == "internal"):
                continue  # a non-public citation is dropped, not numbered
            if source_id not in self.notes:
                number = len(self.notes) + 1
                self.notes[source_id] = Note(
                    number=number,
                    anchor=f"note-{self.country.code}-{number}",
                    title=source.title,
                    publisher=source.publisher,
                    date=source.date,
                    url=source.url,
                    kind=source.kind,
                )
            if self.notes[source_id] not in cited:
                cited.append(self.notes[source_id])
        return tuple(cited)


def rubric(guidance: Guidance | LegalGuidance | None) -> tuple[tuple[str, str], ...]:
    """The rubric of a standard or criterion as printed: (finding label, what it means)."""
    if guidance is None:
        return ()
    return tuple(
        (FINDING_LABELS[key], " ".join(text.split()))
        for key in ("met", "partial", "not_met")
        if (text := getattr(guidance, key, None))
    )


def _scorecard(edition: Edition, country: Country, notes: _Notes) -> tuple[ScoreRow, ...]:
    """Every finding of ``country`` as a scorecard row: the legal standards, the effort
    criteria (grouped by pillar), then the disqualifiers found, in the standards file's order."""
    rows = _ScoreRows(edition, notes)
    return (*rows.legal(country), *rows.efforts(country), *rows.disqualifiers(country))


class _ScoreRows:
    """Makes the scorecard's rows of one country: its findings, cited and dated."""

    def __init__(self, edition: Edition, notes: _Notes) -> None:
        self.standards = edition.standards
        self.period = edition.config.reporting_period
        self.notes = notes
        self.guided = {s.id for s in self.standards.legal_standards if s.guidance} | {
            c.id for c in self.standards.effort_criteria if c.guidance
        }

    def legal(self, country: Country) -> Iterable[ScoreRow]:
        """The legal standards assessed (a law in force counts whenever it was enacted)."""
        for legal in self.standards.legal_standards:
            if (found := country.legal_standards.get(legal.id)) is not None:
                yield self._row(
                    (legal.id, legal.title, legal.basis, "Legal standards"),
                    found.finding,
                    found.note,
                    self._actions(found.actions, dated=False),
                )

    def efforts(self, country: Country) -> Iterable[ScoreRow]:
        """The effort criteria assessed, each under its pillar (actions count in the period)."""
        for crit in self.standards.effort_criteria:
            if (effort := country.criteria.get(crit.id)) is not None:
                yield self._row(
                    (crit.id, crit.title, crit.basis, crit.pillar.capitalize()),
                    effort.finding,
                    effort.note,
                    self._actions(effort.actions, dated=True),
                )

    def disqualifiers(self, country: Country) -> Iterable[ScoreRow]:
        """The disqualifiers found to apply (an id the standards lack is printed as it is)."""
        known = {d.id: d for d in self.standards.disqualifiers}
        for found in country.disqualifiers:
            standard = known.get(found.id)
            title = standard.title if standard else found.id
            basis = standard.basis if standard else ""
            yield self._row(
                (found.id, title, basis, "Disqualifiers"),
                "applies",
                found.note,
                self._actions(found.actions, dated=True),
            )

    def _actions(self, items: Sequence[Action], *, dated: bool) -> tuple[CitedAction, ...]:
        # A law in force counts whenever it was enacted; efforts count only inside the period.
        return tuple(
            CitedAction(
                date=a.date,
                text=render_inline(a.text),
                planned=a.planned,
                announced=a.announced,
                counts=a.counts_in(self.period) if dated else not a.planned,
                notes=self.notes.cite(a.sources),
            )
            for a in items
        )

    def _row(
        self,
        standard: tuple[str, str, str, str],
        finding: str,
        note: str | None,
        actions: tuple[CitedAction, ...],
    ) -> ScoreRow:
        """One row: ``standard`` is its (id, title, basis, group)."""
        sid, title, basis, group = standard
        return ScoreRow(
            sid,
            title,
            basis,
            group,
            finding,
            FINDING_LABELS[finding],
            render(note),
            actions,
            guidance=sid in self.guided,
        )


def split_of(assistance: Assistance) -> tuple[int | None, int | None]:
    """(restricted, waived) in U.S. dollars as recommended: from the programmes when given, or
    the whole amount by the recommendation; (None, None) for a partial waiver without them."""
    if assistance.programmes:
        waived = sum(p.usd for p in assistance.programmes if p.waive)
        return sum(p.usd for p in assistance.programmes if not p.waive), waived
    if assistance.recommendation == "full_restriction":
        return assistance.at_stake_usd, 0
    if assistance.recommendation == "full_waiver":
        return 0, assistance.at_stake_usd
    return None, None


def _assistance(country: Country, a: Assistance) -> AssistanceRecord:
    restricted, waived = split_of(a)
    recommendations = country.narrative.recommendations
    numbers = sorted(set(a.conditions)) or list(range(1, len(recommendations) + 1))
    numbers = [n for n in numbers if 1 <= n <= len(recommendations)]
    restores = bool(numbers) and restricted != 0
    return AssistanceRecord(
        fiscal_year=a.fiscal_year,
        at_stake_usd=a.at_stake_usd,
        recommendation=a.recommendation,
        recommendation_label=words.DETERMINATIONS[a.recommendation].capitalize(),
        justification=render(a.justification),
        programmes=tuple(
            ProgrammeRow(p.account, p.programme, p.usd, p.waive, words.WAIVE_LABELS[p.waive])
            for p in a.programmes
        ),
        restricted_usd=restricted,
        waived_usd=waived,
        previous=tuple(
            words.previous_determination(year, entry.tier, entry.determination)
            for year, entry in sorted(country.history.items(), reverse=True)
            if entry.tier == "3" or entry.determination is not None
        ),
        restore_sentence=(
            words.restore_sentence(country.name, numbers, len(recommendations)) if restores else ""
        ),
        conditions=tuple((n, render_inline(recommendations[n - 1])) for n in numbers)
        if restores
        else (),
    )


def _law_units(country: Country) -> tuple[str, ...]:
    """The unit notes of the country's figures, in the order of ``LAW_COUNTS``."""
    notes = []
    for key, label in LAW_COUNTS:
        counted: dict[str, list[int]] = {}
        for year, record in sorted(country.law_enforcement.items()):
            if (unit := record.unit_of(key)) is not None:
                counted.setdefault(unit, []).append(year)
        if counted:
            entries = [(country.name, unit, years) for unit, years in counted.items()]
            notes.append(words.unit_note(label, words.LAW_UNITS[key], entries))
    return tuple(notes)


def change_card(
    placement: Placement, up: tuple[str, ...], down: tuple[str, ...]
) -> ChangeCard | None:
    """The card of a ranked country's placement; None for a Special Case.

    ``up`` and ``down`` are the paths in words (``words.path_sentences``), worded once per
    country for the card and the fragile list.
    """
    if placement.final_tier == "special":
        return None
    items = placement.followup.items if placement.followup else ()
    return ChangeCard(
        previous_year=placement.year - 1,
        headings=words.card_headings(placement.year),
        previous=words.previous_line(placement),
        current=words.current_line(placement),
        criteria_note=words.criteria_change_sentence(placement),
        changes=tuple(
            ChangedFinding(
                c.direction, words.DIRECTION_MARKS[c.direction], words.finding_change_sentence(c)
            )
            for c in placement.finding_changes
        ),
        no_changes=words.no_changes_sentence(placement),
        followup=tuple(
            FollowupRow(
                item=render_inline(i.item),
                kind_label=words.FOLLOWUP_KINDS[i.kind],
                assessment=i.assessment,
                assessment_label=words.FOLLOWUP_LABELS[i.assessment],
                note=render_inline(i.note or ""),
            )
            for i in items
        ),
        followup_sentence=words.followup_sentence(placement),
        clock=words.clock_sentence(placement),
        computed_note=words.computed_note(placement),
        path_up=up,
        no_path_up=words.no_path_sentence(placement, up=True),
        fragile=placement.fragile,
        fragile_sentence=words.fragile_sentence(placement),
        path_down=down,
        no_path_down=words.no_path_sentence(placement, up=False),
    )


def fragile_changes(
    placement: Placement, up: tuple[str, ...] | None = None, down: tuple[str, ...] | None = None
) -> tuple[str, ...]:
    """The single one-step changes that would move the computed tier, up then down.

    ``up`` and ``down`` are the paths in words when the caller has them already.
    """
    if not placement.fragile:
        return ()
    worded = (
        (placement.path_up, up if up is not None else words.path_sentences(placement, True)),
        (placement.path_down, down if down is not None else words.path_sentences(placement, False)),
    )
    return tuple(
        sentence
        for paths, sentences in worded
        for path, sentence in zip(paths or (), sentences, strict=True)
        if len(path.steps) == 1
    )


def _internal(country: Country) -> InternalRecord:
    decision = country.decision
    return InternalRecord(
        internal_notes=render(country.internal_notes),
        decision_justification=decision.justification if decision else None,
        waiver_justification=country.waiver.justification if country.waiver else None,
        hidden_sources=country.hidden_sources,
    )


def country_record(edition: Edition, placement: Placement, audience: Audience) -> CountryRecord:
    """The record of one country for ``audience``; public records carry nothing internal."""
    country = edition.country(placement.code)
    notes = _Notes(country, audience)
    scorecard = _scorecard(edition, country, notes)
    indicator_notes = notes.cite(country.indicators.sources)
    internal = audience == "internal"
    tables = indicator_tables(country, internal, notes.cite)
    judged = _judgements(edition, country, placement, internal)
    narrative = country.narrative
    label = TIER_LABELS[placement.final_tier]
    assistance = None
    if country.assistance is not None and placement.cutoff_candidate:
        assistance = _assistance(country, country.assistance)
    indicators = country.indicators
    up, down = words.path_sentences(placement, True), words.path_sentences(placement, False)
    years = tier_years(edition, placement)
    return CountryRecord(
        code=country.code,
        name=country.display_name,
        formal_name=country.name if country.display_name != country.name else "",
        page=page_name(country.code),
        region=country.region,
        region_name=edition.config.regions.get(country.region, country.region),
        status=country.status,
        tier=placement.final_tier,
        tier_label=label,
        heading=f"{country.display_name}: {label.upper()}",
        computed_tier=placement.computed_tier,
        previous_tier=placement.previous_tier,
        previous_label=TIER_LABELS[placement.previous_tier] if placement.previous_tier else "",
        change=placement.change,
        change_label=CHANGE_LABELS[placement.change],
        efforts_score=placement.efforts_score,
        justification=words.justification(placement),
        change_sentence=words.change_sentence(placement),
        watch_list_sentence=words.watch_list_sentence(placement),
        waiver_sentence=words.waiver_sentence(placement),
        interim_reason=words.interim_reason(placement),
        interim_due=words.interim_deadline(edition.year) if placement.interim_assessment else "",
        watch_list_years=words.watch_list_years(placement),
        downgrade_risk_sentence=words.downgrade_risk_sentence(placement),
        change_reason=words.change_reason(placement),
        rationale=placement.steps,
        watch_list_reasons=placement.watch_list_reasons,
        streak=placement.streak,
        special_reason=placement.special_reason,
        auto_downgrade=placement.auto_downgrade,
        waiver=placement.waiver,
        override=placement.override,
        cutoff_candidate=placement.cutoff_candidate,
        downgrade_risk_next_year=placement.downgrade_risk_next_year,
        interim_assessment=placement.interim_assessment,
        summary=render(narrative.summary),
        recommendations=tuple(render_inline(r) for r in narrative.recommendations),
        pillars=tuple((title, render(getattr(narrative, key))) for key, title in PILLARS),
        profile=render(narrative.profile),
        law_enforcement=tuple(
            LawYear(
                year, tuple(getattr(rec, k) for k, _ in LAW_COUNTS), rec.new_or_amended_legislation
            )
            for year, rec in sorted(country.law_enforcement.items())
        ),
        law_units=_law_units(country),
        treaties=tuple((title, getattr(country.treaties, key)) for key, title in TREATIES),
        indicators=(
            ("Estimated smuggled migrants", tuple(sorted(indicators.smuggled_migrants.items()))),
            (
                "Migrant deaths and disappearances",
                tuple(sorted(indicators.deaths_and_disappearances.items())),
            ),
        ),
        indicator_notes=indicator_notes,
        history=years,
        timeline=timeline(country.code, country.name, years),
        scorecard=scorecard,
        notes=tuple(notes.notes.values()),
        assistance=assistance,
        internal=_internal(country) if audience == "internal" else None,
        indicator_tables=tables,
        public_justification=judged.public_justification,
        benchmarks=judged.benchmarks,
        very_significant_basis=judged.very_significant_basis,
        sensitivity=judged.sensitivity,
        tip_tier=judged.tip_tier,
        card=change_card(placement, up, down),
        fragile=placement.fragile,
        fragile_changes=fragile_changes(placement, up, down),
    )


def _judgements(
    edition: Edition, country: Country, placement: Placement, internal: bool
) -> Judgements:
    """The published reasons of the judgement calls behind a placement (METHODOLOGY 1, 2c)."""
    decision, waiver, indicators = country.decision, country.waiver, country.indicators
    return Judgements(
        public_justification=(
            (decision.public_justification or "") if decision and placement.override else ""
        ),
        benchmarks=(
            tuple((b.due, b.text) for b in waiver.benchmarks)
            if waiver is not None and placement.waiver
            else ()
        ),
        very_significant_basis=(
            (indicators.very_significant_basis or "") if indicators.very_significant else ""
        ),
        sensitivity=sensitivity_sentences(edition, placement, internal),
        tip_tier=words.tip_tier_label(country.tip_tier) if country.tip_tier else "",
    )
