"""The rules of a country file that no type can express: references, periods, evidence.

Each rule takes one validated country with its source map and yields problems; none needs the
tiering engine (those live in ``engine_checks.py``).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Mapping
from typing import NamedTuple

from tierreport.limits import LONG_TEXT_CHARS
from tierreport.model import (
    Action,
    Assistance,
    Country,
    CriterionFinding,
    EditionConfig,
    LegalStandardFinding,
    Period,
    SourceMap,
    Standards,
)
from tierreport.problems import Problem, Severity, quoted, shown

DataPath = tuple[str | int, ...]
COUNTING = ("met", "partial")


class Reporter:
    """Creates problems located in one file through its source map."""

    def __init__(self, source_map: SourceMap) -> None:
        self.map = source_map

    def at(self, path: DataPath, severity: Severity, message: str) -> Problem:
        """A problem at the position of ``path`` (or its nearest ancestor)."""
        line, col = self.map.locate(path)
        return Problem(self.map.file, line, col, severity, message)


def where(path: DataPath) -> str:
    """``criteria.C01.actions[0].sources[0]``: list indexes (ints) in brackets."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{shown(part)}" if text else shown(part)
    return text


def _nearest(word: str, choices: list[str]) -> str:
    if len(word) > 2 * max((len(c) for c in choices), default=0) + 10:
        return f"; expected one of {', '.join(shown(c) for c in choices)}"  # none so long is near
    hint = difflib.get_close_matches(word, choices, n=1, cutoff=0.5)
    if hint:
        return f"; did you mean {quoted(hint[0])}?"
    return f"; expected one of {', '.join(shown(c) for c in choices)}"


def country_problems(
    country: Country,
    file_stem: str,
    source_map: SourceMap,
    config: EditionConfig,
    standards: Standards,
    standards_file: str,
) -> list[Problem]:
    """Every rule of METHODOLOGY section 1 and EDITION-FORMAT that the schema cannot check."""
    report = Reporter(source_map)
    problems: list[Problem] = []
    if country.code != file_stem:
        problems.append(
            report.at(
                ("code",),
                "error",
                (
                    f"code: '{country.code}' does not match the file name '{file_stem}.yaml'; "
                    f"rename the file or correct the code"
                ),
            )
        )
    if country.region not in config.regions:
        problems.append(
            report.at(
                ("region",),
                "error",
                (
                    f"region: unknown region {quoted(country.region)}"
                    f"{_nearest(country.region, sorted(config.regions))}"
                ),
            )
        )
    problems += _history(country, config, report)
    problems += _findings(country, config, standards, standards_file, report)
    problems += _followup(country, report)
    problems += _sources(country, report)
    problems += _figures(country, config, report)
    problems += _assistance(country, report)
    problems += _public_reasons(country, report)
    problems += _estimates(country, config, report)
    problems += _long_text(country, report)
    return problems


def long_text(length: int, what: str) -> str | None:
    """The warning for ``what`` (text of ``length`` characters) when it makes the PDF slow."""
    if length <= LONG_TEXT_CHARS:
        return None
    return (
        f"{what} is {length:,} characters long, more than the {LONG_TEXT_CHARS:,} (about 25 "
        "printed pages) that keep the PDF quick to build; shorten it, or look for text pasted "
        "in by mistake"
    )


def _long_text(country: Country, report: Reporter) -> Iterator[Problem]:
    """A warning when the country's printed text would make every PDF build slow."""
    narrative = country.narrative
    texts = [
        narrative.summary,
        narrative.prosecution,
        narrative.protection,
        narrative.prevention,
        narrative.partnership,
        narrative.profile,
        *narrative.recommendations,
    ]
    for findings in (country.legal_standards, country.criteria):
        for finding in findings.values():
            texts += [finding.note or "", *(a.text for a in finding.actions)]
    for found in country.disqualifiers:
        texts += [found.note or "", *(a.text for a in found.actions)]
    message = long_text(sum(map(len, texts)), "the chapter's text (narrative, notes, actions)")
    if message is not None:
        yield report.at(("narrative",), "warning", f"narrative: {message}")


def _history(country: Country, config: EditionConfig, report: Reporter) -> Iterator[Problem]:
    for year in country.history:
        if year >= config.year:
            yield report.at(
                ("history", year),
                "error",
                (
                    f"history.{year}: history holds earlier editions only; {year} is not before "
                    f"the edition year {config.year}"
                ),
            )


class _Group(NamedTuple):
    """One group of findings (legal standards or effort criteria) and the ids it must cover."""

    key: str
    findings: Mapping[str, LegalStandardFinding | CriterionFinding]
    ids: list[str]
    """The ids of the standards file, in its order."""
    noun: str


def _findings(
    country: Country,
    config: EditionConfig,
    standards: Standards,
    standards_file: str,
    report: Reporter,
) -> Iterator[Problem]:
    """Each finding names an id of the standards file, is assessed and cites its evidence."""
    groups = (
        _Group(
            "legal_standards",
            country.legal_standards,
            [s.id for s in standards.legal_standards],
            "legal standard",
        ),
        _Group(
            "criteria",
            country.criteria,
            [c.id for c in standards.effort_criteria],
            "effort criterion",
        ),
    )
    for group in groups:
        yield from _unknown_findings(group, standards_file, report)
        for wanted in group.ids:
            finding = group.findings.get(wanted)
            if finding is None:
                yield from _missing_finding(country, group, wanted, standards_file, report)
                continue
            yield from _unassessed_finding(country, group.key, wanted, finding, report)
            yield from _finding_without_action(group.key, wanted, finding, config, report)
            yield from _late_actions(finding.actions, (group.key, wanted), config, report)
    yield from _disqualifiers(country, config.reporting_period, standards, standards_file, report)


def _unknown_findings(group: _Group, standards_file: str, report: Reporter) -> Iterator[Problem]:
    """A finding whose id the standards file does not have (with the nearest id)."""
    for found in group.findings:
        if found not in group.ids:
            yield report.at(
                (group.key, found),
                "error",
                (
                    f"{group.key}.{shown(found)}: unknown {group.noun} {quoted(found)} (not in "
                    f"{standards_file}){_nearest(found, group.ids)}"
                ),
            )


def _missing_finding(
    country: Country, group: _Group, wanted: str, standards_file: str, report: Reporter
) -> Iterator[Problem]:
    """A standard of the file with no finding, which a ranked country must have."""
    if country.special_case is None:
        yield report.at(
            (group.key,),
            "error",
            (
                f"{group.key}.{shown(wanted)}: not assessed; every {group.noun} of "
                f"{standards_file} needs a finding in a ranked country"
            ),
        )


def _unassessed_finding(
    country: Country,
    key: str,
    wanted: str,
    finding: LegalStandardFinding | CriterionFinding,
    report: Reporter,
) -> Iterator[Problem]:
    """A finding still ``unassessed`` in a ranked country: a warning in draft, else an error."""
    if finding.finding == "unassessed" and country.special_case is None:
        draft = country.status == "draft"
        severity: Severity = "warning" if draft else "error"
        tail = "" if draft else f"; a country in {country.status} needs a finding"
        yield report.at(
            (key, wanted, "finding"),
            severity,
            f"{key}.{shown(wanted)}: not yet assessed{tail}",
        )


def _finding_without_action(
    key: str,
    wanted: str,
    finding: LegalStandardFinding | CriterionFinding,
    config: EditionConfig,
    report: Reporter,
) -> Iterator[Problem]:
    """A criterion found met or partial without a concrete action of the reporting period."""
    period = config.reporting_period
    if key == "criteria" and finding.finding in COUNTING and not _counts(finding.actions, period):
        yield report.at(
            (key, wanted, "finding"),
            "error",
            (
                f"{key}.{shown(wanted)}: finding '{finding.finding}' needs at least one "
                f"concrete action dated {period.start}..{period.end} (planned actions "
                "never count)"
            ),
        )


def _disqualifiers(
    country: Country,
    period: Period,
    standards: Standards,
    standards_file: str,
    report: Reporter,
) -> Iterator[Problem]:
    """Each disqualifier is known, listed once and cites evidence of the period."""
    known = [d.id for d in standards.disqualifiers]
    seen: set[str] = set()
    for index, entry in enumerate(country.disqualifiers):
        if entry.id not in known:
            yield report.at(
                ("disqualifiers", index, "id"),
                "error",
                (
                    f"disqualifiers[{index}]: unknown disqualifier {quoted(entry.id)} (not in "
                    f"{standards_file}){_nearest(entry.id, known) if known else ''}"
                ),
            )
        if entry.id in seen:
            yield report.at(
                ("disqualifiers", index, "id"),
                "error",
                f"disqualifiers[{index}]: {quoted(entry.id)} is listed twice",
            )
        seen.add(entry.id)
        if not _counts(entry.actions, period):
            yield report.at(
                ("disqualifiers", index),
                "warning",
                (
                    f"disqualifiers[{index}]: {quoted(entry.id)} cites no evidence dated "
                    f"{period.start}..{period.end}"
                ),
            )


def _followup(country: Country, report: Reporter) -> Iterator[Problem]:
    """Every follow-up item needs an assessment once the country leaves draft (METHODOLOGY 2b).

    A Special Case is not ranked, so like its findings its follow-up is not required.
    """
    if country.special_case is not None:
        return
    draft = country.status == "draft"
    for index, entry in enumerate(country.followup):
        if entry.assessment != "unassessed":
            continue
        tail = (
            ""
            if draft
            else f"; a country in {country.status} needs one of implemented, partial or "
            "not_implemented"
        )
        yield report.at(
            ("followup", index, "assessment"),
            "warning" if draft else "error",
            f"followup[{index}].assessment: not yet assessed{tail}",
        )


def _counts(actions: list[Action], period: Period) -> bool:
    """Whether any action is a concrete (not planned) action inside the period."""
    return any(a.counts_in(period) for a in actions)


ANNOUNCED = re.compile(
    r"\b(announced|said|stated|declared|pledged|promised|committed|unveiled|confirmed)\b",
    re.IGNORECASE,
)
"""Past-tense verbs of announcement: a plan whose text uses one reads as done."""


def _late_actions(
    actions: list[Action], path: DataPath, config: EditionConfig, report: Reporter
) -> Iterator[Problem]:
    end, published = config.reporting_period.end, config.publication_date
    for index, action in enumerate(actions):
        here = f"{where(path)}.actions[{index}]"
        if not action.planned and action.date > end:
            yield report.at(
                (*path, "actions", index, "date"),
                "warning",
                (
                    f"{here}.date: {action.date} is after the reporting "
                    f"period ends ({end}); mark it planned or move it to next year's edition"
                ),
            )
        if not action.planned and action.announced is not None:
            yield report.at(
                (*path, "actions", index, "announced"),
                "warning",
                (
                    f"{here}.announced: only a planned action has an announcement date; "
                    "remove it or add 'planned: true'"
                ),
            )
        verb = ANNOUNCED.search(action.text)
        late = published is not None and action.date > published
        if action.planned and late and verb and action.announced is None:
            yield report.at(
                (*path, "actions", index, "text"),
                "warning",
                (
                    f"{here}.text: planned for {action.date}, after the publication date "
                    f"({published}), but reads as done ('{verb.group(0)}'); add "
                    "'announced: YYYY-MM-DD' with the date it was announced (printed as "
                    "'Planned for ..., announced ...') or word the plan in the future tense"
                ),
            )


def _sources(country: Country, report: Reporter) -> Iterator[Problem]:
    defined = sorted(country.sources)
    cited: set[str] = set()
    citing: list[tuple[DataPath, list[str]]] = [
        (("indicators", "sources"), country.indicators.sources)
    ]
    for key, findings in (
        ("legal_standards", country.legal_standards),
        ("criteria", country.criteria),
    ):
        for wanted, finding in findings.items():
            for index, action in enumerate(finding.actions):
                citing.append(((key, wanted, "actions", index, "sources"), action.sources))
    for position, found in enumerate(country.disqualifiers):
        for index, action in enumerate(found.actions):
            citing.append(
                (("disqualifiers", position, "actions", index, "sources"), action.sources)
            )
    cited.update(e.source for e in country.indicators.estimates)  # _estimates checks each one
    for path, ids in citing:
        for index, source in enumerate(ids):
            cited.add(source)
            if source not in country.sources:
                hint = _nearest(source, defined) if defined else "; this file defines no sources"
                yield report.at(
                    (*path, index),
                    "error",
                    f"{where((*path, index))}: unknown source {quoted(source)}{hint}",
                )
    for source in defined:
        if source not in cited:
            yield report.at(
                ("sources", source), "warning", f"sources.{shown(source)}: defined but never cited"
            )


def _figures(country: Country, config: EditionConfig, report: Reporter) -> Iterator[Problem]:
    """Figures dated after the edition year, an assistance year not after it, a thin chapter."""
    yield from _future_figures(country, config, report)
    yield from _fiscal_year(country, config, report)
    if country.status != "draft" and country.special_case is None:
        yield from _empty_narrative(country, report)


def _future_figures(country: Country, config: EditionConfig, report: Reporter) -> Iterator[Problem]:
    """Law-enforcement figures and indicators for a year after the edition year."""
    for year in country.law_enforcement:
        if year > config.year:
            yield report.at(
                ("law_enforcement", year),
                "error",
                (
                    f"law_enforcement.{year}: figures for {year} are after the edition year "
                    f"{config.year}"
                ),
            )
    for key in ("smuggled_migrants", "deaths_and_disappearances"):
        values: dict[int, int | None] = getattr(country.indicators, key)
        for year in values:
            if year > config.year:
                yield report.at(
                    ("indicators", key, year),
                    "error",
                    (f"indicators.{key}.{year}: {year} is after the edition year {config.year}"),
                )


def _fiscal_year(country: Country, config: EditionConfig, report: Reporter) -> Iterator[Problem]:
    """The assistance at stake concerns the fiscal year after the edition year."""
    assistance = country.assistance
    if assistance is not None and assistance.fiscal_year <= config.year:
        yield report.at(
            ("assistance", "fiscal_year"),
            "warning",
            (
                f"assistance.fiscal_year: {assistance.fiscal_year} is not after the edition year "
                f"{config.year}; the restriction concerns the next fiscal year"
            ),
        )


def _empty_narrative(country: Country, report: Reporter) -> Iterator[Problem]:
    """A ranked country out of draft with an empty narrative section or no recommendation."""
    for field in (
        "summary",
        "prosecution",
        "protection",
        "prevention",
        "partnership",
        "profile",
    ):
        if not getattr(country.narrative, field).strip():
            yield report.at(
                ("narrative",),
                "warning",
                (f"narrative.{field}: empty in a country in {country.status}"),
            )
    if not country.narrative.recommendations:
        yield report.at(
            ("narrative",),
            "warning",
            (f"narrative.recommendations: none given in a country in {country.status}"),
        )


def _dollars(amount: int) -> str:
    return f"${amount:,}"


def _assistance(country: Country, report: Reporter) -> Iterator[Problem]:
    """The assistance breakdown adds up and agrees with the recommendation; the conditions name
    recommendations that exist; a recorded determination belongs to a Tier 3 year."""
    yield from _determinations(country, report)
    assistance = country.assistance
    if assistance is None:
        return
    if assistance.programmes:
        yield from _programme_total(assistance, report)
        yield from _programme_waivers(assistance, report)
    yield from _conditions(country, assistance, report)


def _determinations(country: Country, report: Reporter) -> Iterator[Problem]:
    """A determination on assistance recorded in history for a year that was not Tier 3."""
    for year, entry in country.history.items():
        if entry.determination is not None and entry.tier != "3":
            yield report.at(
                ("history", year, "determination"),
                "warning",
                (
                    f"history.{year}.determination: {year} was a {entry.tier} year, and a "
                    "determination on assistance follows only a Tier 3 placement; remove it or "
                    "correct the tier"
                ),
            )


def _programme_total(assistance: Assistance, report: Reporter) -> Iterator[Problem]:
    """The programmes add up to the amount at stake."""
    total = sum(p.usd for p in assistance.programmes)
    if total != assistance.at_stake_usd:
        yield report.at(
            ("assistance", "programmes"),
            "error",
            (
                f"assistance.programmes: the programmes add up to {_dollars(total)}, but "
                f"at_stake_usd is {_dollars(assistance.at_stake_usd)}; correct an amount or "
                "at_stake_usd"
            ),
        )


def _programme_waivers(assistance: Assistance, report: Reporter) -> Iterator[Problem]:
    """Each programme's ``waive`` agrees with the recommendation (a partial waiver has both)."""
    programmes = assistance.programmes
    wanted = {"full_restriction": False, "full_waiver": True}.get(assistance.recommendation)
    for index, programme in enumerate(programmes):
        if wanted is not None and programme.waive != wanted:
            yield report.at(
                ("assistance", "programmes", index, "waive"),
                "warning",
                (
                    f"assistance.programmes[{index}].waive: {str(programme.waive).lower()} "
                    f"in a {assistance.recommendation}; set waive: {str(wanted).lower()}, "
                    "or recommend a partial_waiver"
                ),
            )
    split = {p.waive for p in programmes}
    if assistance.recommendation == "partial_waiver" and len(split) == 1:
        yield report.at(
            ("assistance", "programmes"),
            "warning",
            (
                "assistance.programmes: a partial_waiver needs at least one programme with "
                "waive: true and one with waive: false; correct waive or the recommendation"
            ),
        )


def _conditions(country: Country, assistance: Assistance, report: Reporter) -> Iterator[Problem]:
    """Each condition of a waiver is the number of one of the chapter's recommendations."""
    count = len(country.narrative.recommendations)
    has = (
        f"narrative.recommendations has {count} (numbered 1 to {count})"
        if count
        else "narrative.recommendations is empty"
    )
    for index, number in enumerate(assistance.conditions):
        if not 1 <= number <= count:
            yield report.at(
                ("assistance", "conditions", index),
                "error",
                f"assistance.conditions[{index}]: {number} is not the number of a recommendation; "
                f"{has}",
            )


def _public_reasons(country: Country, report: Reporter) -> Iterator[Problem]:
    """A placement resting on a judgment must say the judgment in public (METHODOLOGY 1).

    An error outside draft, a warning in draft: the desk officer may write it last.
    """
    if country.special_case is not None:
        return  # not ranked: the engine warns that a waiver or decision is ignored
    draft = country.status == "draft"
    severity: Severity = "warning" if draft else "error"
    tail = "" if draft else f" (the country is in {country.status})"
    decision = country.decision
    if decision is not None and not decision.public_justification:
        yield report.at(
            ("decision",),
            severity,
            (
                "decision.public_justification: missing; an override needs the reason the "
                "report prints, citing only facts of the reporting period (the internal "
                f"justification is never published){tail}"
            ),
        )
    if country.waiver is not None and not country.waiver.benchmarks:
        yield report.at(
            ("waiver",),
            severity,
            (
                "waiver.benchmarks: missing; a waiver needs the written plan's checkable "
                f"commitments, each as {{text: ..., due: YYYY-MM-DD}}, which the report "
                f"prints{tail}"
            ),
        )
    indicators = country.indicators
    if indicators.very_significant and not (indicators.very_significant_basis or "").strip():
        yield report.at(
            ("indicators", "very_significant"),
            severity,
            (
                "indicators.very_significant_basis: missing; the very_significant flag needs "
                "one published sentence saying why the numbers are very significant in "
                f"absolute terms{tail}"
            ),
        )


def _estimates(country: Country, config: EditionConfig, report: Reporter) -> Iterator[Problem]:
    """Each alternative estimate names a source of this file, for a year not after Y."""
    defined = sorted(country.sources)
    for index, estimate in enumerate(country.indicators.estimates):
        path: DataPath = ("indicators", "estimates", index)
        if estimate.source not in country.sources:
            hint = (
                _nearest(estimate.source, defined) if defined else "; this file defines no sources"
            )
            yield report.at(
                (*path, "source"),
                "error",
                (
                    f"{where((*path, 'source'))}: unknown source '{estimate.source}'{hint}; "
                    "an alternative estimate is published with its source"
                ),
            )
        if estimate.year > config.year:
            yield report.at(
                (*path, "year"),
                "error",
                (
                    f"{where((*path, 'year'))}: {estimate.year} is after the edition year "
                    f"{config.year}"
                ),
            )
