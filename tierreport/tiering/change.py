"""Change since the previous edition (METHODOLOGY 2b), as pure functions over one country.

From ``history[Y-1]``, which ``rollover`` writes with that year's findings: the previous efforts
score (this edition's scores and weights over the criteria present in both years), every finding
that changed, and the follow-up of the previous edition's recommendations; then the statutory
clock, where the country stands against the automatic downgrade after this year. No I/O.
"""

from __future__ import annotations

from tierreport.model import (
    Clock,
    Country,
    FindingChange,
    Followup,
    PlacementTier,
    Standards,
)
from tierreport.model.placement import Direction
from tierreport.tiering.decide import Setting
from tierreport.tiering.scoring import Score, finding_of, score_of

RANK = {"not_met": 0, "partial": 1, "met": 2}
"""The order of findings for improved and worsened: met > partial > not_met."""

APPLIES = "applies"
"""How history records a disqualifier found that year."""


def previous_findings(country: Country, year: int) -> dict[str, str] | None:
    """Y-1's recorded findings, or None when history has none (no entry, a bare tier, or a
    Special Case year, which is not assessed)."""
    entry = country.history.get(year - 1)
    if entry is None or entry.tier == "special" or not entry.findings:
        return None
    return dict(entry.findings)


def previous_efforts(
    country: Country, standards: Standards, year: int
) -> tuple[Score | None, tuple[str, ...], tuple[str, ...]]:
    """Y-1's efforts score over the criteria present in both years, and how the set changed.

    Returns the score (None without Y-1 findings or without a criterion in common), the criteria
    of this edition that Y-1's findings lack, and the ids Y-1 assessed that this edition's
    standards no longer have (a disqualifier that applied is not a criterion, so it is left out).
    """
    before = previous_findings(country, year)
    if before is None:
        return None, (), ()
    criteria = standards.effort_criteria
    both = [c for c in criteria if c.id in before]
    added = tuple(c.id for c in criteria if c.id not in before)
    known = {s.id for s in standards.legal_standards} | {c.id for c in criteria}
    known |= {d.id for d in standards.disqualifiers}
    dropped = tuple(i for i, found in before.items() if i not in known and found != APPLIES)
    if not both:
        return None, added, dropped
    return score_of(before, both, standards.scores), added, dropped


def _direction(old: str | None, new: str | None) -> Direction:
    if old in RANK and new in RANK:
        return "improved" if RANK[new] > RANK[old] else "worsened"
    return "changed"


def finding_changes(country: Country, standards: Standards, year: int) -> tuple[FindingChange, ...]:
    """Every standard, criterion and disqualifier whose finding differs from Y-1's.

    In the standards file's order. Only ids assessed in both years compare (a criterion new this
    year has no old finding; one not yet assessed in a draft has no new finding). A disqualifier
    found this year and not in Y-1 worsened; one found in Y-1 and not now improved.
    """
    before = previous_findings(country, year)
    if before is None:
        return ()
    changes: list[FindingChange] = []
    for group, items in (
        ("legal_standards", standards.legal_standards),
        ("criteria", standards.effort_criteria),
    ):
        for item in items:
            old, new = before.get(item.id), finding_of(country, group, item.id)
            if old is None or old in (APPLIES, new) or new == "unassessed":
                continue
            changes.append(FindingChange(item.id, item.title, old, new, _direction(old, new)))
    found = {d.id for d in country.disqualifiers}
    for disqualifier in standards.disqualifiers:
        was, now = before.get(disqualifier.id) == APPLIES, disqualifier.id in found
        if was != now:
            changes.append(
                FindingChange(
                    disqualifier.id,
                    disqualifier.title,
                    APPLIES if was else None,
                    APPLIES if now else None,
                    "worsened" if now else "improved",
                )
            )
    return tuple(changes)


def followup(country: Country) -> Followup:
    """The country's follow-up list, which scores itself (see ``Followup``)."""
    return Followup(tuple(country.followup))


def clock(
    setting: Setting,
    standards: Standards,
    year: int,
    final: PlacementTier,
    waiver: bool,
    auto_downgrade: bool,
) -> Clock:
    """The statutory clock after this year's placement.

    On the Watch List, the run goes on: its years include this one, its waivers this year's, and
    another Watch List year brings the downgrade when the run has reached the limit. Off it, the
    run ends: a new one would start with every waiver, and with the shorter limit once the
    country has been downgraded automatically (now or before).
    """
    limits = standards.thresholds
    downgraded_now = final == "3" and auto_downgrade
    reinstated = setting.reinstated is not None or downgraded_now
    limit = (
        limits.reinstated_watch_list_years
        if reinstated
        else limits.watch_list_years_before_downgrade
    )
    if final == "2WL":
        years = len(setting.streak) + 1
        used = setting.waivers_used + int(waiver)
        return Clock(
            watch_list_years=years,
            first_year=year - years + 1,
            limit=limit,
            reinstated=reinstated,
            waivers_used=used,
            waivers_left=max(0, limits.waiver_years - used),
            downgrade_due_next_year=years >= limit,
            downgraded_now=False,
        )
    return Clock(
        watch_list_years=0,
        first_year=None,
        limit=limit,
        reinstated=reinstated,
        waivers_used=0,
        waivers_left=limits.waiver_years,
        downgrade_due_next_year=False,
        downgraded_now=downgraded_now,
    )
