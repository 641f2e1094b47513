"""The consistency view for clearance: one standard or criterion across every country.

Before publication a reviewer reads, side by side, every country's finding on one legal
standard or effort criterion, with its note and the concrete actions that count, grouped by
finding, so that the same facts judged differently in two chapters stand out. Used by
``tierreport compare`` and by the internal site's comparison pages; never published.
"""

from __future__ import annotations

import datetime as dt
import difflib
import textwrap
from dataclasses import dataclass

from tierreport.errors import UnknownCriterionError
from tierreport.model import Country, CriterionFinding, Edition, LegalStandardFinding
from tierreport.render.record import rubric
from tierreport.wording import FINDING_LABELS

FINDING_ORDER = ("met", "partial", "not_met", "not_applicable", "unassessed")
"""The groups of a comparison, in the order they are listed."""


@dataclass(frozen=True)
class ComparedCountry:
    """One country's finding on the compared standard or criterion."""

    code: str
    name: str
    status: str
    note: str
    """The analyst's note (Markdown), empty when there is none."""
    counted: tuple[tuple[dt.date, str], ...]
    """(date, text) of the concrete actions that count toward the finding."""
    not_counted: int
    """How many cited actions do not count (planned, or outside the reporting period)."""


@dataclass(frozen=True)
class FindingGroup:
    """The countries that received one finding."""

    finding: str
    heading: str
    countries: tuple[ComparedCountry, ...]


@dataclass(frozen=True)
class Comparison:
    """Every ranked country's finding on one standard or criterion, grouped by finding."""

    id: str
    title: str
    kind: str
    """``legal standard`` or ``effort criterion``."""
    guidance: tuple[tuple[str, str], ...]
    """The rubric: (finding heading, what it means), when the standards file gives one."""
    groups: tuple[FindingGroup, ...]
    """Only the findings some country received, in ``FINDING_ORDER``."""

    @property
    def page(self) -> str:
        """File name of its internal site page: ``compare-C01.html``."""
        return f"compare-{self.id}.html"


def compare(edition: Edition, wanted: str) -> Comparison:
    """The comparison of one legal standard or criterion (id in any case) across the edition."""
    standards = edition.standards
    legal = {s.id: s for s in standards.legal_standards}
    criteria = {c.id: c for c in standards.effort_criteria}
    key = wanted.upper()
    if key in legal:
        item = legal[key]
        return _compared(edition, key, item.title, "legal standard", rubric(item.guidance))
    if key in criteria:
        found = criteria[key]
        return _compared(edition, key, found.title, "effort criterion", rubric(found.guidance))
    known = [*legal, *criteria]
    near = difflib.get_close_matches(key, known, n=1, cutoff=0.5)
    hint = f"did you mean {near[0]}?" if near else f"its ids are {', '.join(known)}"
    raise UnknownCriterionError(
        f"no standard or criterion '{wanted}' in {edition.config.standards}; {hint}"
    )


def compare_all(edition: Edition) -> tuple[Comparison, ...]:
    """The comparison of every legal standard and criterion, in the standards file's order."""
    standards = edition.standards
    ids = [s.id for s in standards.legal_standards] + [c.id for c in standards.effort_criteria]
    return tuple(compare(edition, wanted) for wanted in ids)


def _compared(
    edition: Edition, key: str, title: str, kind: str, guidance: tuple[tuple[str, str], ...]
) -> Comparison:
    legal = kind == "legal standard"
    period = edition.config.reporting_period
    by_finding: dict[str, list[ComparedCountry]] = {}
    for country in sorted(edition.countries, key=lambda c: (c.name.casefold(), c.code)):
        if country.special_case is not None:
            continue  # not ranked, so not assessed
        entry = _entry(country, key, legal)
        finding = entry.finding if entry is not None else "unassessed"
        actions = entry.actions if entry is not None else []
        # A law in force counts whenever it was enacted; efforts only inside the period.
        counted = [a for a in actions if (not a.planned if legal else a.counts_in(period))]
        by_finding.setdefault(finding, []).append(
            ComparedCountry(
                code=country.code,
                name=country.name,
                status=country.status,
                note=" ".join((entry.note or "").split()) if entry is not None else "",
                counted=tuple((a.date, " ".join(a.text.split())) for a in counted),
                not_counted=len(actions) - len(counted),
            )
        )
    groups = tuple(
        FindingGroup(finding, FINDING_LABELS[finding], tuple(by_finding[finding]))
        for finding in FINDING_ORDER
        if finding in by_finding
    )
    return Comparison(key, title, kind, guidance, groups)


def _entry(
    country: Country, key: str, legal: bool
) -> LegalStandardFinding | CriterionFinding | None:
    return country.legal_standards.get(key) if legal else country.criteria.get(key)


WIDTH = 100


def _wrap(text: str, indent: str, first: str | None = None) -> list[str]:
    return textwrap.wrap(
        text,
        WIDTH,
        initial_indent=first if first is not None else indent,
        subsequent_indent=indent,
        break_on_hyphens=False,
    )


def compare_text(comparison: Comparison) -> str:
    """The comparison as ``tierreport compare`` prints it: rubric, then each finding's countries."""
    lines = [f"{comparison.id}  {comparison.title} ({comparison.kind})"]
    if comparison.guidance:
        lines += ["", "Rubric"]
        for _, text in comparison.guidance:
            lines += _wrap(text, "    ", "  - ")
    for group in comparison.groups:
        lines += ["", f"{group.heading} ({len(group.countries)})"]
        for country in group.countries:
            status = "" if country.status == "cleared" else f"  [{country.status}]"
            lines.append(f"  {country.code}  {country.name}{status}")
            for day, text in country.counted:
                lines += _wrap(text, " " * 18, f"      {day}  ")
            if not country.counted:
                lines.append("      no concrete action that counts")
            if country.not_counted:
                lines.append(
                    f"      (+{country.not_counted} cited action"
                    f"{'s' * (country.not_counted != 1)} that do{'es' * (country.not_counted == 1)}"
                    " not count: planned or outside the reporting period)"
                )
            if country.note:
                lines += _wrap(country.note, " " * 12, "      note: ")
    return "\n".join(lines)
