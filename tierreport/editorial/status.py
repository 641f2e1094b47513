"""``tierreport status``: how far clearance has gone, by region and overall.

Each country file is read on its own, so that a file ``check`` rejects still counts (under the
status it declares) and is listed among those that fail ``check``. The public build's rule is the
same as the one counted here: every country must be ``cleared`` (``build.py`` enforces it).
"""

from __future__ import annotations

import textwrap
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tierreport.check.countries import country_display
from tierreport.check.edition import check_edition, country_files, parse_cache
from tierreport.errors import EditionError
from tierreport.load.yaml import read_yaml
from tierreport.problems import count

STATUSES = ("draft", "review", "cleared")
WIDTH = 100


@dataclass(frozen=True)
class Entry:
    """One country file as clearance sees it."""

    file: str
    code: str
    name: str
    region: str
    status: str
    errors: int
    """Errors ``check`` reports in this file."""


@dataclass(frozen=True)
class Clearance:
    """Clearance of a whole edition."""

    year: int
    regions: dict[str, str]
    entries: tuple[Entry, ...]

    def counts(self, region: str | None = None) -> Counter[str]:
        """Countries in each status, in one region or overall."""
        return Counter(e.status for e in self.entries if region in (None, e.region))

    def region_order(self) -> list[str]:
        """The edition's regions in its order, then any other region a file names."""
        return list(self.regions) + sorted({e.region for e in self.entries} - set(self.regions))

    @property
    def ready(self) -> bool:
        """Whether the public build can run: every country cleared, none failing check."""
        return all(e.status == "cleared" and not e.errors for e in self.entries)


def progress(root: Path) -> Clearance:
    """Read the edition at ``root`` and where each of its countries stands."""
    result = check_edition(root, parse_cache(root))
    if result.edition is None:
        # Without valid settings and standards there is no edition to report on.
        raise EditionError([p for p in result.problems if p.severity == "error"])
    edition = result.edition
    valid = {edition.files[c.code]: c for c in edition.countries}
    entries = []
    # A misnamed country file (XZZ.YAML) is not read by check, which reports it: it is listed
    # as failing, so that the edition is not shown ready for a build that will refuse.
    files, misnamed = country_files(root)
    for path in sorted(files + misnamed):
        file = country_display(path)
        errors = count((p for p in result.problems if p.file == file), "error")
        country = valid.get(file)
        if country is not None:
            entries.append(
                Entry(file, country.code, country.name, country.region, country.status, errors)
            )
            continue
        # Not a valid record: read what the file declares, as far as it can be read.
        data = read_yaml(path, file, root=root).data
        fields = data if isinstance(data, dict) else {}
        entries.append(
            Entry(
                file=file,
                code=str(fields.get("code") or path.stem),
                name=str(fields.get("name") or "?"),
                region=str(fields.get("region") or "?"),
                status=str(fields.get("status") or "draft"),
                errors=errors,
            )
        )
    return Clearance(edition.year, edition.config.regions, tuple(entries))


def status_text(report: Clearance) -> str:
    """The progress report ``tierreport status`` prints."""
    total = len(report.entries)
    overall = report.counts()
    failing = [e for e in report.entries if e.errors]
    cleared = overall["cleared"]
    share = f" ({100 * cleared // total}%)" if total else ""
    lines = [
        f"{report.year} edition: {total} countries; {cleared} cleared{share}, "
        f"{overall['review']} in review, {overall['draft']} draft; "
        f"{len(failing)} failing check",
        "",
    ]
    regions = report.region_order()
    rows: list[tuple[str, ...]] = [("region", "countries", *STATUSES, "failing")]
    for region in regions:
        counts = report.counts(region)
        in_region = sum(counts.values())
        failing_here = sum(1 for e in failing if e.region == region)
        rows.append(
            (region, str(in_region), *(str(counts[s]) for s in STATUSES), str(failing_here))
        )
    rows.append(("all", str(total), *(str(overall[s]) for s in STATUSES), str(len(failing))))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines += [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]
    waiting = [e for e in report.entries if e.status != "cleared"]
    if report.ready:
        lines += ["", "Every country is cleared: the public build can run."]
    if waiting:
        lines += ["", f"Not yet cleared ({len(waiting)}):"]
        for region in regions:
            for state in STATUSES[:-1] + tuple(sorted({e.status for e in waiting} - set(STATUSES))):
                codes = [e.code for e in waiting if e.region == region and e.status == state]
                if codes:
                    head = f"  {region.ljust(widths[0])}  {state} ({len(codes)}): "
                    lines += textwrap.wrap(
                        ", ".join(codes),
                        WIDTH,
                        initial_indent=head,
                        subsequent_indent=" " * len(head),
                    )
    if failing:
        lines += ["", f"Failing check ({len(failing)}; run tierreport check for the problems):"]
        lines += [
            f"  {e.file}: {e.errors} error{'s' * (e.errors != 1)} ({e.status})" for e in failing
        ]
    return "\n".join(lines)


def status_json(report: Clearance) -> dict[str, Any]:
    """The progress report as ``tierreport status --json`` prints it, for dashboards and CI."""

    def tally(region: str | None) -> dict[str, int]:
        counts = report.counts(region)
        in_scope = [e for e in report.entries if region in (None, e.region)]
        return {
            "countries": len(in_scope),
            **{state: counts[state] for state in STATUSES},
            "failing": sum(1 for e in in_scope if e.errors),
        }

    return {
        "year": report.year,
        "ready": report.ready,
        "overall": tally(None),
        "regions": [
            {"region": code, "name": report.regions.get(code, code), **tally(code)}
            for code in report.region_order()
        ],
        "countries": [
            {
                "file": e.file,
                "code": e.code,
                "name": e.name,
                "region": e.region,
                "status": e.status,
                "errors": e.errors,
            }
            for e in report.entries
        ],
    }
