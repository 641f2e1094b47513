"""``tierreport diff``: what changed, country by country, since another edition.

For clearance review: the final tier of each edition (from the engine), the status, every
finding that changed, and a unified diff of each narrative field. Narratives are compared one
sentence per line, so that a reworded sentence shows as one changed line, not a changed
paragraph.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tierreport.check.edition import check_edition
from tierreport.errors import EditionError
from tierreport.model import TIER_LABELS, TIER_ORDER, Country, Edition, Narrative

NARRATIVE_FIELDS = tuple(Narrative.model_fields)
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])")


@dataclass(frozen=True)
class FindingChange:
    """A standard, criterion or disqualifier whose finding differs."""

    id: str
    old: str | None
    new: str | None


@dataclass(frozen=True)
class CountryDiff:
    """Everything that changed in one country; ``change`` is added, removed or changed."""

    code: str
    name: str
    change: str
    old_tier: str | None = None
    new_tier: str | None = None
    old_status: str | None = None
    new_status: str | None = None
    findings: tuple[FindingChange, ...] = ()
    narrative: dict[str, str] = field(default_factory=dict)
    """Narrative field -> unified diff of its sentences."""


@dataclass(frozen=True)
class EditionDiff:
    """The differences between two editions."""

    old: Edition
    new: Edition
    countries: tuple[CountryDiff, ...]
    unchanged: tuple[str, ...]


def diff_editions(old_root: Path, new_root: Path) -> EditionDiff:
    """Compare the edition at ``old_root`` with the one at ``new_root``."""
    try:
        old, old_placements = check_edition(old_root).valid()
    except EditionError as exc:
        errors = len(exc.problems)
        raise EditionError(
            exc.problems,
            f"the old edition {old_root} has {errors} error{'s' * (errors != 1)}",
        ) from None
    new, new_placements = check_edition(new_root).valid()
    old_tiers = {p.code: p.final_tier for p in old_placements}
    new_tiers = {p.code: p.final_tier for p in new_placements}
    old_by_code = {c.code: c for c in old.countries}
    new_by_code = {c.code: c for c in new.countries}
    changes: list[CountryDiff] = []
    unchanged: list[str] = []
    for code in sorted(old_by_code.keys() | new_by_code.keys()):
        before, after = old_by_code.get(code), new_by_code.get(code)
        if after is None:
            assert before is not None
            changes.append(
                CountryDiff(code, before.name, "removed", old_tiers[code], None, before.status)
            )
            continue
        if before is None:
            changes.append(
                CountryDiff(code, after.name, "added", None, new_tiers[code], None, after.status)
            )
            continue
        found = _country_diff(before, after, old_tiers[code], new_tiers[code], old, new)
        if found is None:
            unchanged.append(code)
        else:
            changes.append(found)
    return EditionDiff(old, new, tuple(changes), tuple(unchanged))


def _country_diff(
    before: Country, after: Country, old_tier: str, new_tier: str, old: Edition, new: Edition
) -> CountryDiff | None:
    old_findings, new_findings = _findings(before), _findings(after)
    findings = tuple(
        FindingChange(key, old_findings.get(key), new_findings.get(key))
        for key in dict.fromkeys([*old_findings, *new_findings])
        if old_findings.get(key) != new_findings.get(key)
    )
    narrative = {}
    for name in NARRATIVE_FIELDS:
        text = unified(
            _lines(getattr(before.narrative, name)),
            _lines(getattr(after.narrative, name)),
            f"old ({old.year})",
            f"new ({new.year})",
        )
        if text:
            narrative[name] = text
    if old_tier == new_tier and before.status == after.status and not findings and not narrative:
        return None
    return CountryDiff(
        after.code,
        after.name,
        "changed",
        old_tier,
        new_tier,
        before.status,
        after.status,
        findings,
        narrative,
    )


def _findings(country: Country) -> dict[str, str]:
    found: dict[str, str] = {key: v.finding for key, v in country.legal_standards.items()}
    found.update((key, value.finding) for key, value in country.criteria.items())
    found.update((d.id, "applies") for d in country.disqualifiers)
    return found


def _lines(value: str | list[str]) -> list[str]:
    """A narrative field as lines to compare: recommendations one each, prose one sentence each."""
    if isinstance(value, list):
        return [" ".join(item.split()) for item in value]
    text = " ".join(value.split())
    return SENTENCE_END.split(text) if text else []


def unified(old: list[str], new: list[str], old_label: str, new_label: str) -> str:
    """A unified diff of two lists of lines, or "" when they are equal."""
    return "\n".join(
        difflib.unified_diff(old, new, fromfile=old_label, tofile=new_label, lineterm="", n=1)
    )


def _tier(value: str | None) -> str:
    return TIER_LABELS[value] if value else "none"


def _movement(old: str | None, new: str | None) -> str:
    if old in TIER_ORDER and new in TIER_ORDER:
        return " (upgrade)" if TIER_ORDER[new] < TIER_ORDER[old] else " (downgrade)"
    return ""


def diff_text(result: EditionDiff) -> str:
    """The readable report ``tierreport diff`` prints."""
    kinds = [c.change for c in result.countries]
    lines = [
        f"from the {result.old.year} edition ({result.old.root}) to the {result.new.year} "
        f"edition ({result.new.root}): {kinds.count('changed')} changed, "
        f"{kinds.count('added')} added, {kinds.count('removed')} removed, "
        f"{len(result.unchanged)} unchanged"
    ]
    for country in result.countries:
        state = country.new_status or country.old_status
        what = country.change if country.change == "changed" else f"{country.change} ({state})"
        lines += ["", f"{country.code}  {country.name}: {what}"]
        if country.old_tier != country.new_tier or country.change != "changed":
            lines.append(
                f"  tier: {_tier(country.old_tier)} -> {_tier(country.new_tier)}"
                f"{_movement(country.old_tier, country.new_tier)}"
            )
        if country.old_status != country.new_status and country.change == "changed":
            lines.append(f"  status: {country.old_status} -> {country.new_status}")
        for finding in country.findings:
            lines.append(f"  {finding.id}: {finding.old or 'none'} -> {finding.new or 'none'}")
        for name, text in country.narrative.items():
            lines.append(f"  narrative.{name}:")
            lines += [f"    {line}" for line in text.splitlines()]
    return "\n".join(lines)


def diff_json(result: EditionDiff) -> dict[str, Any]:
    """The object ``tierreport diff --json`` prints."""
    return {
        "old": {"edition": result.old.year, "path": str(result.old.root)},
        "new": {"edition": result.new.year, "path": str(result.new.root)},
        "countries": [
            {
                "code": c.code,
                "name": c.name,
                "change": c.change,
                "tier": {"old": c.old_tier, "new": c.new_tier},
                "status": {"old": c.old_status, "new": c.new_status},
                "findings": [{"id": f.id, "old": f.old, "new": f.new} for f in c.findings],
                "narrative": c.narrative,
            }
            for c in result.countries
        ],
        "unchanged": list(result.unchanged),
    }
