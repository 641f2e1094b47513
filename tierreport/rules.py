"""The rules of a country file that no type can express: references, periods, evidence.

Each rule takes one validated country with its source map and yields problems; none needs the
tiering engine (those live in ``engine_checks.py``).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from tierreport.limits import LONG_TEXT_CHARS
from tierreport.model import Action, Country, EditionConfig, Period, SourceMap, Standards
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
    problems += _sources(country, report)
    problems += _figures(country, config, report)
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


def _findings(
    country: Country,
    config: EditionConfig,
    standards: Standards,
    standards_file: str,
    report: Reporter,
) -> Iterator[Problem]:
    period = config.reporting_period
    draft = country.status == "draft"
    ranked = country.special_case is None
    groups = (
        (
            "legal_standards",
            country.legal_standards,
            [s.id for s in standards.legal_standards],
            "legal standard",
        ),
        (
            "criteria",
            country.criteria,
            [c.id for c in standards.effort_criteria],
            "effort criterion",
        ),
    )
    for key, findings, ids, noun in groups:
        for found in findings:
            if found not in ids:
                yield report.at(
                    (key, found),
                    "error",
                    (
                        f"{key}.{shown(found)}: unknown {noun} {quoted(found)} (not in "
                        f"{standards_file}){_nearest(found, ids)}"
                    ),
                )
        for wanted in ids:
            finding = findings.get(wanted)
            if finding is None:
                if ranked:
                    yield report.at(
                        (key,),
                        "error",
                        (
                            f"{key}.{shown(wanted)}: not assessed; every {noun} of "
                            f"{standards_file} needs a finding in a ranked country"
                        ),
                    )
                continue
            if finding.finding == "unassessed" and ranked:
                severity: Severity = "warning" if draft else "error"
                tail = "" if draft else f"; a country in {country.status} needs a finding"
                yield report.at(
                    (key, wanted, "finding"),
                    severity,
                    f"{key}.{shown(wanted)}: not yet assessed{tail}",
                )
            if (
                key == "criteria"
                and finding.finding in COUNTING
                and not _counts(finding.actions, period)
            ):
                yield report.at(
                    (key, wanted, "finding"),
                    "error",
                    (
                        f"{key}.{shown(wanted)}: finding '{finding.finding}' needs at least one "
                        f"concrete action dated {period.start}..{period.end} (planned actions "
                        "never count)"
                    ),
                )
            yield from _late_actions(finding.actions, (key, wanted), config, report)
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


def _counts(actions: list[Action], period: Period) -> bool:
    """Whether any action is a concrete (not planned) action inside the period."""
    return any(a.counts_in(period) for a in actions)


def _late_actions(
    actions: list[Action], path: DataPath, config: EditionConfig, report: Reporter
) -> Iterator[Problem]:
    end = config.reporting_period.end
    for index, action in enumerate(actions):
        if not action.planned and action.date > end:
            yield report.at(
                (*path, "actions", index, "date"),
                "warning",
                (
                    f"{where(path)}.actions[{index}].date: {action.date} is after the reporting "
                    f"period ends ({end}); mark it planned or move it to next year's edition"
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
    if country.status != "draft" and country.special_case is None:
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
