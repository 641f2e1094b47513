"""Plain text for the terminal: the ``tiers`` table and JSON, and the ``explain`` report.

``cli.py`` parses options and prints what these functions return; they never print themselves.
"""

from __future__ import annotations

import difflib
import textwrap
from collections.abc import Callable, Sequence
from typing import Any, Literal

from tierreport import wording as words
from tierreport.errors import UnknownCountryError
from tierreport.model import (
    TIER_LABELS,
    TIER_ORDER,
    Action,
    Country,
    Edition,
    Period,
    Placement,
)
from tierreport.tiering.place import place
from tierreport.tiering.scoring import count_of, score_text, show
from tierreport.wording import FINDING_WORDS, INDICATOR_NOUNS, justification

SortKey = Literal["code", "tier", "region", "name"]
SORT_KEYS: tuple[SortKey, ...] = ("code", "tier", "region", "name")
WIDTH = 100
COLUMNS = (
    "code", "name", "region", "computed", "final", "previous", "change", "score", "fragile",
    "flags",
)  # fmt: skip


def flags(placement: Placement) -> list[str]:
    """The placement's facts worth a glance, as short words for the table."""
    named = [
        ("indicators" in placement.watch_list_reasons, "WL:indicators"),
        ("no_increasing_efforts" in placement.watch_list_reasons, "WL:no-increasing-efforts"),
        (placement.auto_downgrade, "auto-downgrade"),
        (placement.waiver, "waiver"),
        (placement.override, "override"),
        (placement.cutoff_candidate, "cutoff"),
        (placement.downgrade_risk_next_year, "downgrade-risk"),
        (placement.interim_assessment, "interim"),
        (bool(placement.unassessed), "unassessed"),
    ]
    return [word for present, word in named if present]


def sorted_placements(placements: tuple[Placement, ...], key: SortKey) -> list[Placement]:
    """Placements by code, by final tier (best first, Special Cases last), region or name."""
    orders: dict[SortKey, Callable[[Placement], Any]] = {
        "code": lambda p: p.code,
        "tier": lambda p: (TIER_ORDER.get(p.final_tier, len(TIER_ORDER)), p.name, p.code),
        "region": lambda p: (p.region, p.name, p.code),
        "name": lambda p: (p.name.casefold(), p.code),
    }
    return sorted(placements, key=orders[key])


def tiers_table(placements: list[Placement]) -> str:
    """An aligned table of placements, with a closing count by tier."""
    rows = [list(COLUMNS)]
    for p in placements:
        score = "-" if p.efforts_score is None else score_text(p.efforts_score)
        rows.append(
            [
                p.code,
                p.name,
                p.region,
                p.computed_tier,
                p.final_tier,
                p.previous_tier or "-",
                p.change,
                score,
                "yes" if p.fragile else "-",
                ", ".join(flags(p)) or "-",
            ]
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(COLUMNS))]
    lines = [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    counts = []
    for tier in ("1", "2", "2WL", "3", "special"):
        found = sum(1 for p in placements if p.final_tier == tier)
        if found:
            counts.append(
                f"{found} {TIER_LABELS[tier]}"
                if tier != "special"
                else count_of(found, "Special Case")
            )
    lines.append("")
    lines.append(f"{count_of(len(placements), 'country', 'countries')}: {', '.join(counts)}")
    return "\n".join(lines)


def tiers_json(edition: Edition, placements: list[Placement]) -> dict[str, Any]:
    """The object ``tierreport tiers --json`` prints (EDITION-FORMAT)."""
    return {"edition": edition.year, "countries": [p.contract() for p in placements]}


def find_country(edition: Edition, wanted: str) -> Country:
    """The country with this code, name or short name (any case); else the nearest, as an error."""
    for country in edition.countries:
        names = (country.name.casefold(), country.display_name.casefold())
        if wanted.upper() == country.code or wanted.casefold() in names:
            return country
    near = nearest(edition.countries, wanted)
    if near:
        hint = ", ".join(f"{c.code} ({c.name})" for c in near)
        raise UnknownCountryError(f"no country '{wanted}' in this edition; did you mean {hint}?")
    known = ", ".join(c.code for c in edition.countries) or "none"
    raise UnknownCountryError(f"no country '{wanted}' in this edition; its codes are {known}")


def nearest(countries: tuple[Country, ...], wanted: str, most: int = 3) -> list[Country]:
    """The countries whose code or name is closest to ``wanted``, best first.

    Codes, whole names and each word of a name are compared (arcadai -> Republic of Arcadia);
    ties go to the code sharing the longest prefix (XAQ -> XAR before XQU).
    """
    text = wanted.casefold()
    scored = []
    for country in countries:
        code, name = country.code.casefold(), country.name.casefold()
        prefix = next((i for i, (a, b) in enumerate(zip(code, text, strict=False)) if a != b), 3)
        words = [code, name, *(word for word in name.split() if len(word) > 3)]
        ratio = max(difflib.SequenceMatcher(None, text, word).ratio() for word in words)
        if len(text) >= 3 and text in name:
            ratio = 1.0
        if ratio >= 0.6:
            scored.append((ratio, prefix, country))
    scored.sort(key=lambda item: (-item[0], -item[1], item[2].code))
    return [country for _, _, country in scored[:most]]


def _wrap(text: str, indent: str, first: str | None = None) -> list[str]:
    return textwrap.wrap(
        text,
        WIDTH,
        initial_indent=first if first is not None else indent,
        subsequent_indent=indent,
        break_on_hyphens=False,
    )


def _action(action: Action, period: Period | None) -> str:
    """One line of evidence, marked for whether it counts toward the finding."""
    if action.planned:
        mark = "planned: does not count"
    elif period is None:
        mark = ""
    elif period.contains(action.date):
        mark = "counts"
    else:
        mark = f"outside the period {period.start}..{period.end}: does not count"
    return f"{action.date}  {action.text.strip()}" + (f"  [{mark}]" if mark else "")


def explain(edition: Edition, wanted: str, placements: Sequence[Placement] = ()) -> str:
    """The rationale of one country's placement, then the evidence behind every finding.

    ``placements`` are those ``check`` made (``CheckResult.placements``); the country is placed
    here only when they do not hold it.
    """
    country = find_country(edition, wanted)
    placement = next((p for p in placements if p.code == country.code), None)
    if placement is None:
        placement = place(country, edition.standards, edition.year)
    lines = [
        *_heading(edition, country, placement),
        *_rationale(placement),
        *change_and_path(placement),
        *_evidence(edition, country),
        "",
        *_indicators(country, edition.year),
        *_requests(country),
    ]
    return "\n".join(lines)


def _heading(edition: Edition, country: Country, placement: Placement) -> list[str]:
    """The country, the final and computed tiers, last year's tier, the change and the flags."""
    region = edition.config.regions.get(country.region, country.region)
    previous = TIER_LABELS[placement.previous_tier] if placement.previous_tier else "none"
    return [
        f"{country.code}  {country.name}  ({region}), {edition.year} edition, {country.status}",
        f"Final tier: {TIER_LABELS[placement.final_tier]} (computed "
        f"{TIER_LABELS[placement.computed_tier]}); {edition.year - 1}: {previous}; "
        f"change: {placement.change}",
        f"Flags: {', '.join(flags(placement)) or 'none'}",
        "",
    ]


def _rationale(placement: Placement) -> list[str]:
    """The numbered steps (technical register), then the justification the report prints."""
    lines = ["Rationale"]
    for number, step in enumerate(placement.rationale, start=1):
        lines += _wrap(step, "     ", f"{number:>3}. ")
    return [*lines, "", "As the report prints it", *_wrap(justification(placement), "  "), ""]


def _evidence(edition: Edition, country: Country) -> list[str]:
    """Every finding with its actions and note: legal standards, criteria, disqualifiers."""
    period = edition.config.reporting_period
    lines = [f"Findings and evidence (reporting period {period.start} to {period.end})"]
    # A Special Case is not assessed: list only the findings its file has, if any.
    if country.special_case is not None and not (country.legal_standards or country.criteria):
        lines.append("  none: a Special Case is not assessed")
    return [
        *lines,
        *_legal_evidence(edition, country),
        *_criteria_evidence(edition, country),
        *_disqualifier_evidence(edition, country),
    ]


def _legal_evidence(edition: Edition, country: Country) -> list[str]:
    """Each legal standard's finding (a Special Case: only those its file has)."""
    lines: list[str] = []
    for legal in edition.standards.legal_standards:
        found = country.legal_standards.get(legal.id)
        if found is None and country.special_case is not None:
            continue
        lines += _finding(
            legal.id,
            legal.title,
            found.finding if found else "unassessed",
            found.actions if found else [],
            found.note if found else None,
            None,
        )
    return lines


def _criteria_evidence(edition: Edition, country: Country) -> list[str]:
    """Each effort criterion's finding, marking the progress criterion and any weight not 1."""
    period = edition.config.reporting_period
    lines: list[str] = []
    for criterion in edition.standards.effort_criteria:
        entry = country.criteria.get(criterion.id)
        if entry is None and country.special_case is not None:
            continue
        title = criterion.title + (" [progress criterion]" if criterion.progress else "")
        if criterion.weight != 1:
            title += f" [weight {show(criterion.weight)}]"
        lines += _finding(
            criterion.id,
            title,
            entry.finding if entry else "unassessed",
            entry.actions if entry else [],
            entry.note if entry else None,
            period,
        )
    return lines


def _disqualifier_evidence(edition: Edition, country: Country) -> list[str]:
    """Each disqualifier found to apply, with its evidence."""
    titles = {d.id: d.title for d in edition.standards.disqualifiers}
    lines: list[str] = []
    for proof in country.disqualifiers:
        lines += _finding(
            proof.id,
            titles.get(proof.id, "unknown disqualifier"),
            "applies",
            proof.actions,
            proof.note,
            edition.config.reporting_period,
        )
    return lines


def change_and_path(placement: Placement) -> list[str]:
    """The change-and-path sections of ``explain``: the report's card as text (words.py)."""
    if placement.final_tier == "special":
        return []
    before = placement.year - 1
    headings = words.card_headings(placement.year)
    lines = [
        headings["change"],
        *_wrap(f"{before}: {words.previous_line(placement)}", "    ", "  "),
        *_wrap(f"{placement.year}: {words.current_line(placement)}", "    ", "  "),
    ]
    if placement.criteria_changed:
        lines += _wrap(words.criteria_change_sentence(placement), "  ")
    for change in placement.finding_changes:
        mark = words.DIRECTION_MARKS[change.direction]
        lines += _wrap(words.finding_change_sentence(change), "    ", f"  {mark} ")
    if not placement.finding_changes:
        lines += _wrap(words.no_changes_sentence(placement), "  ")
    lines += ["", headings["followup"]]
    followup = placement.followup
    for item in followup.items if followup else ():
        assessment = words.FOLLOWUP_LABELS[item.assessment]
        kind = words.FOLLOWUP_KINDS[item.kind]
        lines += _wrap(f"[{assessment}] {kind}: {item.item.strip()}", "    ", "  - ")
        if item.note:
            lines += _wrap(f"note: {item.note.strip()}", "      ", "    ")
    lines += _wrap(words.followup_sentence(placement), "  ")
    lines += ["", headings["clock"], *_wrap(words.clock_sentence(placement), "  ")]
    lines += ["", headings["path"]]
    if placement.override:
        lines += _wrap(words.computed_note(placement), "  ")
    for up, heading in ((True, "Up"), (False, "Down")):
        lines.append(f"  {heading} (at most {placement.path_max_changes} changes):")
        sentences = words.path_sentences(placement, up) or (words.no_path_sentence(placement, up),)
        for sentence in sentences:
            lines += _wrap(sentence, "      ", "    - ")
    margins = ", ".join(f"{m.name} {show(m.difference)}" for m in placement.margins)
    lines += _wrap(f"Margins (score minus threshold): {margins}", "  ")
    lines += _wrap(words.fragile_sentence(placement) or "Not fragile: no single one-step change "
                   "moves the computed tier.", "  ")  # fmt: skip
    return [*lines, ""]


def _finding(
    ident: str,
    title: str,
    finding: str,
    actions: list[Action],
    note: str | None,
    period: Period | None,
) -> list[str]:
    words = FINDING_WORDS.get(finding, finding)
    lines = _wrap(f"{ident}  {title}: {words}", "      ", "  ")
    if not actions:
        lines.append("      no actions cited")
    for action in actions:
        lines += _wrap(_action(action, period), "                  ", "      ")
    if note:
        lines += _wrap(f"note: {note.strip()}", "            ", "      ")
    return lines


def _indicators(country: Country, year: int) -> list[str]:
    parts = []
    for key, name in INDICATOR_NOUNS.items():
        figures: dict[int, int | None] = getattr(country.indicators, key)
        shown = [
            f"{y}: {'not reported' if figures.get(y) is None else f'{figures[y]:,}'}"
            for y in (year - 1, year)
        ]
        parts.append(f"{name} {', '.join(shown)}")
    very = "; flagged very significant" if country.indicators.very_significant else ""
    return _wrap(f"Indicators: {'; '.join(parts)}{very}", "  ", "")


def _requests(country: Country) -> list[str]:
    lines = []
    if country.waiver is not None:
        plan = "with a written plan" if country.waiver.written_plan else "without a written plan"
        lines += _wrap(f"Waiver requested {plan}: {country.waiver.justification}", "  ", "")
    if country.decision is not None:
        lines += _wrap(
            f"Decision: {TIER_LABELS[country.decision.tier]}. {country.decision.justification}",
            "  ",
            "",
        )
    if country.special_case is not None:
        lines += _wrap(f"Special Case: {country.special_case.reason}", "  ", "")
    return lines
