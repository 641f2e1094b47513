"""The data errors only the tiering engine can find: waivers, decisions, Tier 3 assistance.

``validate.check_edition`` runs ``engine_problems`` over the countries that passed every other
rule. Each check places the country first and then asks whether what the desk officer wrote
(a waiver request, a decision) fits the placement (METHODOLOGY section 2, steps 6 and 7).
"""

from __future__ import annotations

from collections.abc import Iterator

from tierreport.model import TIER_LABELS, Country, Edition, Placement, SourceMap, Standards
from tierreport.problems import Problem, Severity, shown
from tierreport.tiering.place import place_all
from tierreport.tiering.scoring import count_of, finding_of, listing, show, watch_list_streak


def engine_problems(
    edition: Edition, placements: tuple[Placement, ...] | None = None
) -> list[Problem]:
    """Every waiver, decision and assistance problem of the edition's countries.

    ``placements`` (one per country, in the edition's order) spares placing them again.
    """
    problems: list[Problem] = []
    standards_file = edition.config.standards
    if placements is None:
        placements = place_all(edition)
    for country, placement in zip(edition.countries, placements, strict=True):
        found = list(_country_checks(country, placement, edition.standards, standards_file))
        if not found:
            continue  # no map asked for: one kept by the cache is then never made
        source_map = edition.maps.get(country.code) or SourceMap(
            edition.files.get(country.code, f"countries/{country.code}.yaml")
        )
        for path, severity, message in found:
            line, col = source_map.locate(path)
            problems.append(Problem(source_map.file, line, col, severity, message))
    return problems


Check = tuple[tuple[str, ...], Severity, str]
"""Where a problem is (a data path), how bad it is, and its message."""


def _country_checks(
    country: Country, placement: Placement, standards: Standards, standards_file: str
) -> Iterator[Check]:
    if placement.final_tier == "special":
        if country.waiver is not None:
            yield (
                ("waiver",),
                "warning",
                ("waiver: a Special Case is not ranked, so the waiver is ignored; remove it"),
            )
        if country.decision is not None:
            yield (
                ("decision",),
                "warning",
                ("decision: a Special Case is not ranked, so the decision is ignored; remove it"),
            )
        return
    yield from _waiver(country, placement, standards, standards_file)
    yield from _decision(country, placement, standards, standards_file)
    # A draft's tier is not settled yet, so its missing assistance block is not yet a gap.
    if placement.final_tier == "3" and country.assistance is None and country.status != "draft":
        yield (
            ("assistance",),
            "warning",
            (
                "assistance: the country is on Tier 3, a candidate for the assistance cutoff, but "
                "has no assistance block; add fiscal_year, at_stake_usd and recommendation"
            ),
        )


def _waiver(
    country: Country, placement: Placement, standards: Standards, standards_file: str
) -> Iterator[Check]:
    request = country.waiver
    if request is None:
        return
    decided_watch = country.decision is not None and country.decision.tier == "2WL"
    due = (
        placement.waiver
        or placement.auto_downgrade
        or (decided_watch and placement.streak >= placement.limit)
    )
    if not due:
        if placement.computed_tier != "2WL":
            why = f"the computed tier is {TIER_LABELS[placement.computed_tier]}, not the Watch List"
        else:
            why = (
                f"Watch List years directly before {placement.year}: {placement.streak}, "
                f"limit {placement.limit}"
            )
        yield (
            ("waiver",),
            "warning",
            (f"waiver: no automatic downgrade is due ({why}), so the waiver is ignored; remove it"),
        )
        return
    if not request.written_plan:
        yield (
            ("waiver", "written_plan"),
            "error",
            (
                "waiver.written_plan: a waiver needs a written plan that would constitute "
                "significant efforts; without one the automatic downgrade to Tier 3 applies"
            ),
        )
    allowed = standards.thresholds.waiver_years
    if placement.waivers_used >= allowed:
        years = sorted(watch_list_streak(country, placement.year))
        if allowed == 0:
            why = f"waiver_years is 0 in {standards_file}"
        else:
            why = (
                f"the Watch List streak {years[0]}-{years[-1]} has already used "
                f"{placement.waivers_used} of the {count_of(allowed, 'waiver')} allowed "
                f"(waiver_years in {standards_file})"
            )
        yield (
            ("waiver",),
            "error",
            f"waiver: no waiver is available: {why}; the automatic downgrade to Tier 3 applies",
        )


def _decision(
    country: Country, placement: Placement, standards: Standards, standards_file: str
) -> Iterator[Check]:
    decision = country.decision
    if decision is None:
        return
    if decision.tier == "1" and not placement.fully_meets:
        reasons = [
            f"{shown(s.id)} is not met"
            for s in standards.legal_standards
            if finding_of(country, "legal_standards", s.id) != "met"
        ]
        threshold = standards.thresholds.tier1_min_efforts
        if placement.efforts_score is not None and placement.efforts_score < threshold:
            reasons.append(
                f"the efforts score {show(placement.efforts_score)} is below "
                f"tier1_min_efforts {show(threshold)}"
            )
        if placement.disqualifiers:
            reasons.append("a disqualifier applies")
        yield (
            ("decision", "tier"),
            "error",
            (
                f"decision.tier: Tier 1 requires full compliance with the minimum standards, and "
                f"{listing(reasons)}; decide another tier or correct the findings"
            ),
        )
    elif decision.tier == "2WL" and placement.final_tier != "2WL":
        yield (
            ("decision", "tier"),
            "error",
            (
                f"decision.tier: Tier 2 Watch List is not allowed: after "
                f"{count_of(placement.streak, 'consecutive Watch List year')} (limit "
                f"{placement.limit} in {standards_file}) the automatic downgrade to Tier 3 applies "
                "unless a waiver is granted"
            ),
        )
    elif decision.tier == placement.computed_tier:
        yield (
            ("decision", "tier"),
            "warning",
            (
                f"decision.tier: the decision confirms the computed tier "
                f"({TIER_LABELS[decision.tier]}) and changes nothing; remove it"
            ),
        )
