"""``tierreport rollover``: next year's edition from this one, which is never modified.

What moves and what stays, country by country (the README's "Rolling over" says the same):

- the final tier of every **cleared** country goes into ``history`` under this year, with
  ``waiver`` and ``auto_downgraded`` markers and this year's findings
  (``findings: {MS1: met, C01: partial, ...}``, disqualifiers as ``applies``), so that next
  year's report can say what changed; a granted waiver's ``benchmarks`` go with it, to be
  assessed next year. A country that was not cleared was not published, so it
  gets no history entry; the result lists it.
- every finding goes back to ``unassessed`` and loses its ``note``; the disqualifiers found are
  cleared. Effort-criterion actions dated up to the end of this reporting period are dropped:
  they counted this year and can never count again (they stay in this year's edition). Planned
  actions and actions dated later are kept, to be checked next year; legal-standard actions are
  kept because the laws stay in force. Sources no longer cited are dropped.
- the narrative is kept as the desk officer's starting point; ``status`` goes back to ``draft``;
  ``waiver``, ``decision`` and ``special_case`` are cleared.
- year-keyed figures keep their real years: ``indicators`` and ``law_enforcement`` gain an empty
  entry for the new year to fill in, and ``assistance.fiscal_year`` moves one year on.
- ``edition.yaml`` gets the new year and the reporting period (and publication date) one year on.

Files are edited with ruamel.yaml's round-trip mode, so comments, key order, folded text and
flow style survive. The new edition is written to a temporary directory and renamed into place,
so a failure leaves nothing behind.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import FoldedScalarString

from tierreport.check.edition import check_edition
from tierreport.errors import EditionExistsError, RolloverError
from tierreport.model import Country, Edition, Placement
from tierreport.problems import Problem
from tierreport.wording import LAW_FIGURES


@dataclass(frozen=True)
class RolloverResult:
    """What ``rollover`` wrote and what the office should know about it."""

    target: Path
    year: int
    recorded: tuple[str, ...]
    """Codes whose final tier went into history."""
    not_cleared: tuple[tuple[str, str], ...]
    """(code, status) of countries that were not cleared and got no history entry."""
    problems: tuple[Problem, ...]
    """What ``check`` finds in the new edition (warnings: findings not yet assessed)."""


def default_target(root: Path, year: int) -> Path:
    """Where the next edition goes by default: a sibling directory named by its year."""
    return root.resolve().parent / str(year)


def rollover(root: Path, to_year: int, out: Path | None = None) -> RolloverResult:
    """Write the edition of ``to_year`` (the year after this one's) from the edition at ``root``."""
    edition, placed = check_edition(root).valid()
    if to_year != edition.year + 1:
        raise RolloverError(
            f"the {edition.year} edition rolls over to {edition.year + 1}, not {to_year}; "
            "each year's history needs the year before it"
        )
    target = out if out is not None else default_target(root, to_year)
    if target.exists():
        raise EditionExistsError(
            f"{target} already exists; rollover never writes over an edition: remove it or "
            "choose another --out"
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    placements = {p.code: p for p in placed}
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    # mkdtemp makes a private directory; the edition is shared like any directory made here.
    umask = os.umask(0)
    os.umask(umask)
    staging.chmod(0o777 & ~umask)
    try:
        _write(edition, placements, staging)
        os.rename(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    cleared = [c for c in edition.countries if c.status == "cleared"]
    return RolloverResult(
        target=target,
        year=to_year,
        recorded=tuple(c.code for c in cleared),
        not_cleared=tuple((c.code, c.status) for c in edition.countries if c.status != "cleared"),
        problems=tuple(check_edition(target).problems),
    )


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    # The layout of the example edition's files: nested mappings by 2, list items by 4 with the
    # dash at 2, long lines wrapped at 100 as the house style does.
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 100
    yaml.preserve_quotes = True
    # Write null as the files do ("waiver: null"), not as an empty value.
    yaml.representer.add_representer(
        type(None), lambda rep, _: rep.represent_scalar("tag:yaml.org,2002:null", "null")
    )
    return yaml


def _dump(yaml: YAML, data: Any, path: Path) -> None:
    """Write ``data``; ruamel leaves a space at the end of wrapped flow lines, drop it."""
    with path.open("w", encoding="utf-8") as stream:
        yaml.dump(data, stream, transform=lambda text: "\n".join(map(str.rstrip, text.split("\n"))))


def _write(edition: Edition, placements: dict[str, Placement], staging: Path) -> None:
    yaml = _yaml()
    root = edition.root
    config = yaml.load((root / "edition.yaml").read_text(encoding="utf-8"))
    config["year"] = edition.year + 1
    # The validated dates, not the raw ones: a date written in quotes is still a date.
    period = edition.config.reporting_period
    config["reporting_period"]["start"] = next_year(period.start)
    config["reporting_period"]["end"] = next_year(period.end)
    if edition.config.publication_date is not None:
        config["publication_date"] = next_year(edition.config.publication_date)
    _dump(yaml, config, staging / "edition.yaml")
    # The edition's .gitignore (init writes one) keeps the build output and caches out of git.
    copies = [edition.config.standards, edition.config.introduction, "schema", ".gitignore"]
    for relative in filter(None, copies):
        source, copy = root / relative, staging / relative
        copy.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, copy)
        elif source.is_file():
            shutil.copy2(source, copy)
    for country in edition.countries:
        name = edition.files[country.code]
        data = yaml.load((root / name).read_text(encoding="utf-8"))
        roll_country(data, country, placements[country.code], edition)
        (staging / name).parent.mkdir(parents=True, exist_ok=True)
        _dump(yaml, data, staging / name)


def next_year(day: dt.date) -> dt.date:
    """The same day one year on (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def roll_country(
    data: CommentedMap, country: Country, placement: Placement, edition: Edition
) -> None:
    """Turn one country file's round-trip data into next year's draft, in place."""
    year = edition.year
    if country.status == "cleared":
        _record_history(data, country, placement, year)
    # Read before the waiver is cleared: a granted waiver's benchmarks are followed up too.
    _write_followup(data, country, placement)
    data["status"] = "draft"
    for key in ("special_case", "waiver", "decision"):
        if key in data:
            data[key] = None
    period_end = edition.config.reporting_period.end
    standards = edition.standards
    for group, ids in (
        ("legal_standards", [s.id for s in standards.legal_standards]),
        ("criteria", [c.id for c in standards.effort_criteria]),
    ):
        _assess_all(data, group, ids)
        for key, finding in data[group].items():
            finding["finding"] = "unassessed"
            finding.pop("note", None)
            if group == "criteria" and finding.get("actions") and key in country.criteria:
                # The validated actions say what each raw item is (a quoted date is a date).
                actions = country.criteria[key].actions
                kept = [
                    raw
                    for raw, action in zip(finding["actions"], actions, strict=True)
                    if action.planned or action.date > period_end
                ]
                finding["actions"] = _like(finding["actions"], kept)
    if data.get("disqualifiers"):
        data["disqualifiers"] = _like(data["disqualifiers"], [])
    indicators = data.get("indicators") or {}
    for key in ("smuggled_migrants", "deaths_and_disappearances"):
        if isinstance(indicators.get(key), dict) and year + 1 not in indicators[key]:
            indicators[key][year + 1] = None
    figures = data.get("law_enforcement")
    if isinstance(figures, CommentedMap) and year + 1 not in figures:
        empty = CommentedMap((name, None) for name, _ in LAW_FIGURES)
        empty.fa.set_flow_style()
        figures[year + 1] = empty
    if isinstance(data.get("assistance"), dict):
        data["assistance"]["fiscal_year"] += 1
    _drop_uncited_sources(data)


def _record_history(data: CommentedMap, country: Country, placement: Placement, year: int) -> None:
    tier = placement.final_tier
    written: Any = int(tier) if tier.isdigit() else tier
    if tier != "special":
        entry = CommentedMap(tier=written)
        if placement.waiver:
            entry["waiver"] = True
            if country.waiver is not None and country.waiver.benchmarks:
                # Kept so that next year's report can assess each commitment (METHODOLOGY 1).
                entry["benchmarks"] = [
                    CommentedMap(text=" ".join(b.text.split()), due=b.due)
                    for b in country.waiver.benchmarks
                ]
        # The marker means "this Tier 3 came from the downgrade": an override to another tier
        # publishes no downgrade, and the reinstated limit must not apply to it later.
        if placement.auto_downgrade and tier == "3":
            entry["auto_downgraded"] = True
        findings = CommentedMap(
            [(k, v.finding) for k, v in country.legal_standards.items()]
            + [(k, v.finding) for k, v in country.criteria.items()]
            + [(d.id, "applies") for d in country.disqualifiers]
        )
        entry["findings"] = findings
        written = entry
    history = data.get("history")
    if not isinstance(history, CommentedMap):
        history = CommentedMap()
        position = list(data).index("special_case") + 1 if "special_case" in data else 3
        data.insert(min(position, len(data)), "history", history)
    # A history written as an empty flow mapping ({}) would otherwise grow on one long line.
    history.fa.set_block_style()
    history[year] = written


def followup_items(country: Country, placement: Placement) -> list[tuple[str, str]]:
    """(item, kind) to follow up next year: this year's prioritized recommendations, then the
    benchmarks of a waiver granted this year, each as published. Only a cleared country was
    published, so only a cleared country's are followed up."""
    if country.status != "cleared":
        return []
    items = [(text.strip(), "recommendation") for text in country.narrative.recommendations]
    if placement.waiver and country.waiver is not None:
        items += [
            (f"{' '.join(b.text.split())} (due {b.due.isoformat()})", "benchmark")
            for b in country.waiver.benchmarks
        ]
    return items


def _write_followup(data: CommentedMap, country: Country, placement: Placement) -> None:
    """Replace the follow-up list with next year's, every item unassessed."""
    entries = CommentedSeq()
    for text, kind in followup_items(country, placement):
        entry = CommentedMap()
        entry["item"] = _folded(text, 100 - 6) if len(text) > 60 else text
        entry["kind"] = kind
        entry["assessment"] = "unassessed"
        entries.append(entry)
    if not entries:
        entries.fa.set_flow_style()
    if "followup" in data:
        # The blank line (or comment) that closed the old list closes the new one.
        old = data["followup"]
        closing = data.ca.items.pop("followup", None)
        if old and isinstance(old[-1], CommentedMap) and old[-1]:
            closing = old[-1].ca.items.get(list(old[-1])[-1], closing)
        data["followup"] = entries
        if closing is not None:
            if entries:
                entries[-1].ca.items["assessment"] = closing
            else:
                data.ca.items["followup"] = closing
        return
    # Where EDITION-FORMAT lists it: after the decision, taking over the blank line that
    # closed the decision's group.
    keys = list(data)
    position = keys.index("decision") + 1 if "decision" in keys else len(keys)
    data.insert(position, "followup", entries)
    if entries and "decision" in data.ca.items:
        entries[-1].ca.items["assessment"] = data.ca.items.pop("decision")


def _folded(text: str, width: int) -> Any:
    """``text`` as a folded block (``>-``) whose lines break at spaces within ``width``."""
    folded = FoldedScalarString(text)
    folds, start = [], 0
    while len(text) - start > width:
        space = text.rfind(" ", start, start + width + 1)
        if space <= start:
            break
        folds.append(space)
        start = space + 1
    # ruamel.yaml folds a folded block at the positions listed in fold_pos.
    folded.fold_pos = folds
    return folded


def _assess_all(data: CommentedMap, group: str, ids: list[str]) -> None:
    """Give every standard or criterion a finding: a Special Case had none to reset."""
    findings = data.get(group)
    if not isinstance(findings, CommentedMap):
        findings = CommentedMap()
        # Findings come before the disqualifiers in every file the template writes.
        data.pop(group, None)
        keys = list(data)
        position = keys.index("disqualifiers") if "disqualifiers" in keys else len(keys)
        data.insert(position, group, findings)
    findings.fa.set_block_style()
    for wanted in ids:
        if wanted not in findings:
            entry = CommentedMap(finding="unassessed", actions=CommentedSeq())
            entry["actions"].fa.set_flow_style()
            entry.fa.set_flow_style()
            findings[wanted] = entry


def _like(original: CommentedSeq, items: list[Any]) -> CommentedSeq:
    """A round-trip list of ``items`` in the style (flow or block) of ``original``."""
    seq = CommentedSeq(items)
    if original.fa.flow_style() or not items:
        seq.fa.set_flow_style()
    return seq


def _drop_uncited_sources(data: CommentedMap) -> None:
    sources = data.get("sources")
    if not isinstance(sources, dict):
        return
    cited = set((data.get("indicators") or {}).get("sources") or [])
    for group in ("legal_standards", "criteria"):
        for finding in (data.get(group) or {}).values():
            for action in finding.get("actions") or []:
                cited.update(action.get("sources") or [])
    for source in [s for s in sources if s not in cited]:
        del sources[source]
