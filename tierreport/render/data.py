"""The data downloads: placements as CSV, JSON and Excel, findings and law enforcement as CSV.

``placements.json`` is exactly the object ``tierreport tiers --json`` prints (less, in the public
build, the estimate sensitivities whose source is not public). No public file
carries an internal column (internal notes, justifications of waivers and decisions, non-public
sources); the internal edition's data adds ``audit.csv``, which holds them.
Every file is reproducible: rows are sorted, CSV lines end in ``\\n``, and the Excel workbook's
document dates and zip entry times are fixed, so two builds give the same bytes.

No text becomes a formula in a spreadsheet (OWASP's CSV injection): every text cell of the
workbook is stored as text, and a CSV text cell that a spreadsheet program would read as a
formula (one starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) gets a leading
``'``, which spreadsheet programs read as "text follows". ``placements.json`` keeps every value
as written, for programs that read the data rather than display it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tierreport.cli.views import sorted_placements, tiers_json
from tierreport.model import Edition, Placement
from tierreport.render import tables
from tierreport.render.indicators import INDICATOR_COLUMNS, indicator_rows
from tierreport.render.site import Download
from tierreport.render.tables import Cell, Table

COLUMN_DOCS: dict[str, dict[str, str]] = {
    "placements.csv": {
        "code": "ISO 3166-1 alpha-3 code, or XAA-XZZ for a fictional or non-state entry.",
        "name": "Name as printed in the report.",
        "region": "Region code from edition.yaml.",
        "region_name": "Name of the region.",
        "computed_tier": "Tier the rules give: 1, 2, 2WL, 3 or special.",
        "final_tier": "Published tier (differs from computed_tier only after a decision).",
        "previous_tier": "Published tier of the previous year; empty when there is none.",
        "change": "upgrade, downgrade, same, new, or n/a for a Special Case.",
        "efforts_score": "Weighted mean of the effort-criterion scores, cut (never rounded) to "
        "three decimals as the report prints it; empty for a Special Case.",
        "fully_meets": "True when every legal standard is met and the score reaches Tier 1.",
        "significant_efforts": "True when the score reaches the significant-efforts minimum.",
        "watch_list_reasons": "Why on the Watch List: indicators, no_increasing_efforts "
        "(separated by ;).",
        "auto_downgrade": "True when Tier 3 came from the automatic downgrade.",
        "waiver": "True when a waiver of the automatic downgrade was granted this year.",
        "override": "True when the office decided a tier other than the computed one.",
        "cutoff_candidate": "True on Tier 3: assistance may be restricted next fiscal year.",
        "downgrade_risk_next_year": "True when another Watch List year would mean Tier 3.",
        "interim_assessment": "True when an interim assessment is due by 1 February of the "
        "next year.",
        "previous_efforts_score": "The previous year's findings scored with this edition's "
        "scores and weights, over the criteria assessed in both years; empty when they are not "
        "recorded.",
        "followup_score": "Mean score of the previous report's recommendations and waiver "
        "benchmarks followed up (implemented +1, partial 0, not implemented -1; -1 to +1); "
        "empty when none is assessed.",
        "fragile": "True when a single one-step change of one finding would change the "
        "computed tier.",
        "path_up": "The smallest sets of one-step changes of the findings that would have given "
        "a better computed tier, in the report's words, or why there is none within the limit.",
        "path_down": "The same for a worse computed tier.",
    },
    "followup.csv": {
        "code": "Country code.",
        "name": "Country name.",
        "region": "Region code.",
        "number": "Position in the country's follow-up list (the previous report's priority "
        "order, then the waiver's benchmarks).",
        "kind": "recommendation or benchmark (of a waiver granted in the previous year).",
        "item": "The recommendation or benchmark as the previous report published it.",
        "assessment": "implemented, partial, not_implemented or unassessed.",
        "score": "+1 implemented, 0 partial, -1 not implemented; empty when unassessed.",
        "note": "The desk officer's published remark on what the government did.",
    },
    "findings.csv": {
        "code": "Country code.",
        "name": "Country name.",
        "region": "Region code.",
        "kind": "legal_standard, criterion or disqualifier.",
        "id": "Id in the standards file, e.g. MS1, C01, D1.",
        "title": "What the standard, criterion or disqualifier is about.",
        "pillar": "prosecution, protection, prevention or partnership (criteria only).",
        "finding": "met, partial, not_met, not_applicable, unassessed, or applies "
        "(a disqualifier found).",
        "counted_actions": "Concrete actions that count: not planned and, for criteria, dated "
        "inside the reporting period.",
        "planned_actions": "Promises and plans cited, which never count.",
        "note": "The analyst's published remark.",
    },
    "law-enforcement.csv": {
        "code": "Country code.",
        "name": "Country name.",
        "region": "Region code.",
        "region_name": "Name of the region.",
        "year": "Reporting year the figures belong to: the reporting period of that year's "
        "edition, not the calendar year.",
        "investigations": "Smuggling investigations opened; empty: not reported.",
        "prosecutions": "Prosecutions initiated; empty: not reported.",
        "convictions": "Convictions; empty: not reported.",
        "officials_convicted": "Officials convicted for complicity; empty: not reported.",
        "migrants_assisted": "Smuggled migrants given assistance or protection; empty: not "
        "reported.",
        "new_or_amended_legislation": "True when new or amended smuggling legislation took "
        "effect; empty: not reported.",
        "units": "The figures the country counts in a unit of its own, as figure: unit "
        "(separated by ;), e.g. prosecutions: defendants; empty: the report's units "
        "(investigations, prosecutions and convictions count cases).",
    },
    "assistance.csv": {
        "code": "Country code (Tier 3 countries only).",
        "name": "Country name.",
        "region": "Region code.",
        "region_name": "Name of the region.",
        "fiscal_year": "Fiscal year whose assistance a restriction would affect.",
        "at_stake_usd": "Non-humanitarian, non-trade-related assistance at stake, in U.S. "
        "dollars (the country's whole amount, repeated on each of its programme rows).",
        "recommendation": "Recommended determination: full_restriction, partial_waiver or "
        "full_waiver.",
        "restricted_usd": "Amount recommended for restriction, in U.S. dollars; empty for a "
        "partial waiver without a breakdown by programme.",
        "waived_usd": "Amount recommended to continue under a waiver, in U.S. dollars; empty "
        "for a partial waiver without a breakdown by programme.",
        "account": "Appropriations account of the programme (e.g. FMF, INCLE, ESF); empty when "
        "the country gives no breakdown (one row for its whole amount).",
        "programme": "What the programme funds; empty without a breakdown.",
        "programme_usd": "Amount at stake in the programme, in U.S. dollars; empty without a "
        "breakdown.",
        "waive": "True when the programme is recommended to continue under a waiver, False "
        "when recommended for restriction; empty without a breakdown.",
        "previous_determinations": "Determinations of earlier Tier 3 years recorded in the "
        "country's history, latest first, as year: determination (separated by ;).",
    },
    "indicators.csv": INDICATOR_COLUMNS,
    "tiers-history.csv": {
        "code": "ISO 3166-1 alpha-3 code (XAA-XZZ: fictional or non-state), as in the other "
        "files: the key to join other country-year data on.",
        "name": "Name as printed in this edition (the same in every year's row).",
        "region": "Region code from this edition's edition.yaml.",
        "year": "Edition year of the placement: the years of the country file's history, then "
        "this edition's.",
        "tier": "Published (final) tier that year: 1, 2, 2WL, 3 or special.",
        "waiver": "True when a waiver of the automatic downgrade was granted that year.",
        "auto_downgraded": "True when that year's Tier 3 came from the automatic downgrade.",
        "efforts_score": "This edition's efforts score; for an earlier year, the score of the "
        "findings recorded in its history entry, computed with this edition's scores and "
        "weights; empty when no findings were recorded or for a Special Case.",
    },
}
"""Every column of every public CSV file and what it holds: the data README is written from
this."""

JOINING = (
    "## Joining the tiers with other country-year data",
    "",
    "`tiers-history.csv` is a panel: one row per country and year, keyed by `code` and `year`. "
    "`code` is the ISO 3166-1 alpha-3 code, the key most country-year datasets carry (the World "
    "Bank's World Development Indicators as `Country Code`, V-Dem as `country_text_id`); codes "
    "XAA-XZZ are user-assigned for fictional or non-state entries and match nothing else. "
    "`year` is the edition year, and an edition covers the reporting period "
    "that ends in it, so to line a tier up with figures for a calendar year, join that year's "
    "figures to the next edition (`year - 1` of the other data to `year` here) or say which "
    "convention you use. `tier` is categorical with the order 1 > 2 > 2WL > 3; `special` has no "
    "place in that order. A year absent for a country means it was not in that year's report, "
    "not a tier. In pandas: `tiers.merge(other, left_on=['code', 'year'], right_on=['iso3', "
    "'year'], how='left')`; in R: `dplyr::left_join(tiers, other, by = c(code = 'iso3', "
    "'year'))`.",
    "",
)
"""The README's section on joining ``tiers-history.csv`` with other country-year data."""

AUDIT_DOCS: dict[str, str] = {
    "code": "Country code.",
    "name": "Country name.",
    "region": "Region code.",
    "computed_tier": "Tier the rules give.",
    "final_tier": "Published tier.",
    "override": "True when the office decided a tier other than the computed one.",
    "decision_justification": "The office's justification of that decision.",
    "waiver": "True when a waiver of the automatic downgrade was granted this year.",
    "waiver_justification": "The justification of the waiver request.",
    "internal_notes": "The desk officer's internal notes (Markdown).",
    "hidden_sources": "Titles of the non-public sources the country file defines (separated by ;).",
    "fragile_changes": "The office's list of fragile placements, for the last review in "
    "clearance: each single one-step change of a finding that would move the computed tier, in "
    "the report's words; empty when the placement is not fragile.",
}
"""``audit.csv``, in the internal edition's data only: every column and what it holds."""

DESCRIPTIONS = {
    "placements.csv": "every country's tier and the facts behind it (CSV)",
    "placements.json": "the same as JSON, with each placement's rationale, exactly as "
    "tierreport tiers --json prints it",
    "placements.xlsx": "the placements as an Excel workbook",
    "findings.csv": "one row per country and legal standard, effort criterion or disqualifier",
    "followup.csv": "one row per country and recommendation or waiver benchmark of the previous "
    "report, with its assessment and score",
    "law-enforcement.csv": "law enforcement figures of every country by reporting year",
    "assistance.csv": "the assistance annex: each Tier 3 country's assistance at stake and "
    "recommended determination, one row per programme",
    "indicators.csv": "every figure of the Watch List indicators, the office's and each "
    "alternative estimate, with its source",
    "tiers-history.csv": "one row per country and year: the published tiers of earlier editions "
    "and this one's (also the tiers-history sheet of placements.xlsx)",
    "README.md": "what every column of the data files holds",
}
"""The data files, in the order the data page lists them."""

AUDIT_FILE = "audit.csv"
AUDIT_DESCRIPTION = (
    "internal only: each country's computed and final tier, decision, waiver and their "
    "justifications, internal notes, non-public sources, and what would move a fragile placement"
)


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet program reads as the start of a formula (OWASP, CSV injection)."""

_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
"""Characters XML 1.0 cannot hold, so no workbook can: written as U+FFFD."""


def spreadsheet_text(value: Cell) -> Cell:
    """A CSV cell as a spreadsheet program must show it: text that would start a formula
    gets a leading ``'``; numbers, booleans and empty cells are left as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_text(table: Table) -> str:
    """The table as CSV: a header, then one line (ending ``\\n``) per row, quoted only where a
    cell needs it. None is an empty cell, a yes/no ``True`` or ``False``, a score its three
    decimals; text that would start a formula gets its ``'``."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(table.columns)
    writer.writerows([spreadsheet_text(cell) for cell in row] for row in table.rows)
    return out.getvalue()


def _csv(table: Table, path: Path) -> None:
    path.write_bytes(csv_text(table).encode("utf-8"))


ZIP_EARLIEST = dt.datetime(1980, 1, 1)
ZIP_LATEST = dt.datetime(2107, 12, 31, 23, 59, 58)
"""The dates a zip entry can carry (MS-DOS time: 1980 to 2107, in steps of two seconds)."""


def _fixed_zip(data: bytes, stamp: dt.datetime) -> bytes:
    """Rewrite a zip (an .xlsx) with every entry and the document dated ``stamp``.

    A zip entry cannot be dated before 1980 or after 2107 (``SOURCE_DATE_EPOCH=0`` is a common
    choice), so its date is held within those years; the document's own dates stay ``stamp``.
    """
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    entry_date = min(max(stamp, ZIP_EARLIEST), ZIP_LATEST).timetuple()[:6]
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=entry_date)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                # openpyxl sets the modified date to the clock while saving, whatever we say.
                content = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                    rb"\g<1>" + stamp.isoformat(timespec="seconds").encode() + rb"Z\g<2>",
                    content,
                )
            target.writestr(fixed, content)
    return out.getvalue()


def write_workbook(
    table: Table,
    path: Path,
    stamp: dt.datetime,
    more: Sequence[tuple[str, Table]] = (),
) -> None:
    """The workbook: ``table`` on the ``placements`` sheet, then each (title, table) of ``more``.

    Each sheet is a header row, then a row per table row: numbers (scores too) as numbers,
    yes/no as booleans, None as an empty cell, text as text."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "placements"
    for title, data in (("placements", table), *more):
        if title != "placements":
            sheet = book.create_sheet(title)
        for row in (data.columns, *data.rows):
            sheet.append([_NOT_IN_XML.sub("\ufffd", v) if isinstance(v, str) else v for v in row])
    for sheet in book.worksheets:
        for cells in sheet.iter_rows():
            for cell in cells:
                if not isinstance(cell.value, str):
                    continue
                # openpyxl makes a formula of text starting with "=" and an error value of "#N/A".
                cell.data_type = "s"
                if cell.value.startswith(FORMULA_STARTS):
                    cell.quotePrefix = True  # and it stays text when someone edits the cell
    book.properties.created = stamp
    book.properties.modified = stamp
    book.properties.creator = "tierreport"
    buffer = io.BytesIO()
    book.save(buffer)
    path.write_bytes(_fixed_zip(buffer.getvalue(), stamp))


def readme(edition: Edition, internal: bool = False) -> str:
    """The data README: what each file is and what every column holds."""
    lines = [
        f"# {edition.config.title} {edition.year}: data files",
        "",
        f"Published by {edition.config.publisher}. Rows are sorted by country name. In CSV "
        "files an empty cell means not reported or not applicable; true and false are written "
        "True and False. A text cell that a spreadsheet program would read as a formula (one "
        "starting with =, +, -, @, a tab or a carriage return) gets a leading `'` in the CSV "
        "files, which spreadsheet programs read as text follows, and is stored as text in "
        "`placements.xlsx`; `placements.json` keeps every value as written.",
        "",
    ]
    if edition.config.fictional:
        lines += ["This edition is fictional: every country and figure in it is invented.", ""]
    for name, description in _descriptions(internal).items():
        lines.append(f"- `{name}`: {description}.")
    lines.append("")
    lines += [
        "`placements.json` holds `edition` (the year) and `countries`: one object per country "
        "with the columns of `placements.csv` (except `region_name`, `path_up` and `path_down`; "
        "`watch_list_reasons` is a list), `rationale`, the ordered steps that led to the tier, "
        "the change and path: `criteria_changed`, `finding_changes` (`id`, `old`, `new`, "
        "`direction`), `statutory_clock`, `margins` (score minus each threshold compared), "
        "`path_up` and `path_down` (each set's `steps`, `from` and `to`, and the `tier` it "
        "reaches; null for a Special Case), and `estimate_sensitivity`, the Watch List numbers "
        "test re-run on each alternative estimate (`indicator`, `year`, `value`, `source`, "
        "`watch_list_numbers_test`, `differs`). `placements.xlsx` has the columns of "
        "`placements.csv` on its `placements` sheet and those of `tiers-history.csv` on its "
        "`tiers-history` sheet.",
        "",
        *JOINING,
    ]
    documented = {**COLUMN_DOCS, **({AUDIT_FILE: AUDIT_DOCS} if internal else {})}
    for name, columns in documented.items():
        lines += [f"## {name}", "", "| column | meaning |", "|---|---|"]
        lines += [f"| `{column}` | {meaning} |" for column, meaning in columns.items()]
        lines.append("")
    return "\n".join(lines)


def _descriptions(internal: bool) -> dict[str, str]:
    """The data files of an audience and their descriptions, in the data page's order."""
    return {**DESCRIPTIONS, **({AUDIT_FILE: AUDIT_DESCRIPTION} if internal else {})}


def write_data(
    edition: Edition,
    placements: Sequence[Placement],
    data: Path,
    stamp: dt.datetime,
    internal: bool = False,
) -> tuple[Download, ...]:
    """Write every data file into ``data``; return them as the site's data page lists them.

    ``stamp`` is the date written into the workbook (the edition's, never the clock's).
    ``internal`` adds ``audit.csv``: the internal edition's data, never the public's.
    """
    data.mkdir(parents=True, exist_ok=True)
    placed = tables.placements_table(edition, placements)
    _csv(placed, data / "placements.csv")
    contract = tiers_json(edition, sorted_placements(tuple(placements), "code"))
    if not internal:
        # An estimate from a non-public source is the internal edition's alone, in JSON too.
        contract = public_contract(edition, contract)
    text = json.dumps(contract, indent=2, ensure_ascii=False) + "\n"
    (data / "placements.json").write_bytes(text.encode("utf-8"))
    history = tables.history_table(edition, placements)
    write_workbook(placed, data / "placements.xlsx", stamp, (("tiers-history", history),))
    _csv(tables.findings_table(edition, placements), data / "findings.csv")
    _csv(tables.followup_table(edition, placements), data / "followup.csv")
    _csv(tables.law_enforcement_table(edition, placements), data / "law-enforcement.csv")
    _csv(tables.assistance_table(edition, placements), data / "assistance.csv")
    _csv(_indicators_table(edition, placements, internal), data / "indicators.csv")
    _csv(history, data / "tiers-history.csv")
    if internal:
        _csv(tables.audit_table(edition, placements), data / AUDIT_FILE)
    (data / "README.md").write_bytes(readme(edition, internal).encode("utf-8"))
    return data_downloads(internal)


def _indicators_table(edition: Edition, placements: Sequence[Placement], internal: bool) -> Table:
    return Table.of(tuple(INDICATOR_COLUMNS), indicator_rows(edition, placements, internal))


def public_contract(edition: Edition, contract: dict[str, Any]) -> dict[str, Any]:
    """The contract object without the estimate sensitivities whose source is not public."""
    countries = []
    for entry in contract["countries"]:
        sources = edition.country(entry["code"]).sources
        kept = [
            item
            for item in entry.get("estimate_sensitivity", [])
            if item["source"] in sources and sources[item["source"]].public
        ]
        countries.append({**entry, "estimate_sensitivity": kept})
    return {**contract, "countries": countries}


def data_downloads(internal: bool = False) -> tuple[Download, ...]:
    """The data files as the site's data page links them."""
    return tuple(
        Download(name, f"../data/{name}", description)
        for name, description in _descriptions(internal).items()
    )
