"""The command line: parse options, call one library function, print.

Only this module imports click.

Every ``TierReportError`` becomes a message and exit status 1; click's usage errors exit 2; a user
never sees a traceback.
"""

from __future__ import annotations

import gc
import json
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from tierreport import __version__
from tierreport.check.edition import check_edition, parse_cache
from tierreport.cli.progress import Progress
from tierreport.cli.views import (
    SORT_KEYS,
    SortKey,
    explain,
    sorted_placements,
    tiers_json,
    tiers_table,
)
from tierreport.editorial.compare import compare, compare_text
from tierreport.editorial.diff import diff_editions, diff_json, diff_text
from tierreport.editorial.init import init_edition, new_country
from tierreport.editorial.rollover import rollover
from tierreport.editorial.status import progress, status_json, status_text
from tierreport.errors import EditionError, TierReportError
from tierreport.model.schema import SchemaKind, file_schema
from tierreport.problems import Problem, summary

if TYPE_CHECKING:
    from tierreport.editorial.preview import Preview
    from tierreport.render.context import Audience

F = TypeVar("F", bound=Callable[..., Any])

EDITION_OPTION = click.option(
    "--edition",
    "edition",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Edition directory (holds edition.yaml).",
)


def print_problems(problems: list[Problem]) -> None:
    """Print problems one per line, as file:line:col: severity: message, to stderr."""
    for problem in problems:
        click.echo(str(problem), err=True)


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn every TierReportError into a message and exit status 1."""
    try:
        yield
    except EditionError as exc:
        print_problems(exc.problems)
        raise click.ClickException(str(exc)) from None
    except TierReportError as exc:
        raise click.ClickException(str(exc)) from None


def translate_errors(command: F) -> F:
    """Decorator form of ``user_errors`` for a command function."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with user_errors():
            return command(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


@click.group(
    epilog="Example: tierreport check --edition reports/2027",
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(__version__, prog_name="tierreport")
def cli() -> None:
    """Build the annual Human Smuggling Report from per-country YAML files.

    Every command takes --edition DIR (default: the current directory). Exit status: 0 success,
    1 the edition has errors or the command failed, 2 the command line was wrong.
    """


@cli.command(epilog="Example: tierreport check --edition . --strict")
@EDITION_OPTION
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too.")
@translate_errors
def check(edition: Path, strict: bool) -> None:
    """Validate the whole edition and print every problem, sorted by file and line.

    Each problem prints as file:line:col: error|warning: message, followed by a count. Exit
    status 1 when there is any error (with --strict, any warning too).
    """
    cache = parse_cache(edition)
    result = check_edition(edition, cache, paths=False)
    cache.save()
    for problem in result.problems:
        click.echo(str(problem))
    click.echo(summary(result.problems, result.checked))
    if result.has_errors or (strict and result.problems):
        sys.exit(1)


@cli.command(epilog="Example: tierreport schema --out schema/country.schema.json")
@click.option(
    "--kind",
    type=click.Choice(["country", "edition", "standards"]),
    default="country",
    show_default=True,
    help="Which file's schema to write.",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the schema to this file instead of standard output.",
)
def schema(kind: SchemaKind, out: Path | None) -> None:
    """Write the JSON Schema of a country file, for editors that check fields as you type.

    Point an editor at it with a first line in each country file:
    # yaml-language-server: $schema=../schema/country.schema.json
    """
    text = json.dumps(file_schema(kind), indent=2, sort_keys=True) + "\n"
    if out is None:
        click.echo(text, nl=False)
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    click.echo(f"wrote {out}")


@cli.command(epilog="Example: tierreport tiers --sort tier")
@EDITION_OPTION
@click.option("--json", "as_json", is_flag=True, help="Print the placements as JSON.")
@click.option(
    "--sort",
    type=click.Choice(SORT_KEYS),
    default="code",
    show_default=True,
    help="Order: by code, final tier (best first), region or name.",
)
@translate_errors
def tiers(edition: Path, as_json: bool, sort: SortKey) -> None:
    """Print the placement of every country: computed and final tier, change, score, flags.

    With --json, print {"edition": YEAR, "countries": [...]}, one object per country with every
    field of the placement and its rationale.
    """
    loaded, placed = check_edition(edition).valid()
    placements = sorted_placements(placed, sort)
    if as_json:
        click.echo(json.dumps(tiers_json(loaded, placements), indent=2, ensure_ascii=False))
    else:
        click.echo(tiers_table(placements))


@cli.command("explain", epilog="Example: tierreport explain XAR")
@EDITION_OPTION
@click.argument("code")
@translate_errors
def explain_command(edition: Path, code: str) -> None:
    """Explain one country's tier step by step, with the evidence behind every finding.

    CODE is the country's code (any case) or its exact name. Actions are marked as counting,
    planned (never counts) or outside the reporting period.
    """
    loaded, placements = check_edition(edition).valid()
    click.echo(explain(loaded, code, placements))


@cli.command("compare", epilog="Example: tierreport compare C09")
@EDITION_OPTION
@click.argument("criterion")
@translate_errors
def compare_command(edition: Path, criterion: str) -> None:
    """Compare every country's finding on one standard or criterion, for clearance.

    CRITERION is the id of a legal standard or effort criterion (e.g. MS3, C09, any case). Lists
    the rubric, then each finding's countries with their note and the concrete actions that
    count, so that the same facts judged differently stand out before publication.
    """
    click.echo(compare_text(compare(check_edition(edition).valid()[0], criterion)))


def _folder(ctx: click.Context, param: click.Parameter, value: str | None) -> Path | None:
    """An output folder option as a Path; an empty value is a mistake, not the current folder.

    The option's type keeps the text as given (click's ``path_type=Path`` turns "" into ".").
    """
    if value is None:
        return None
    if not value.strip():
        raise click.BadParameter("an empty path; give a folder such as build")
    return Path(value)


def _out_option(help_text: str) -> Callable[[F], F]:
    """The --out option of a command that writes a folder (no default: it depends)."""
    return click.option(
        "--out", type=click.Path(file_okay=False), default=None, callback=_folder, help=help_text
    )


@cli.command("build", epilog="Example: tierreport build --edition . --out build --only html,data")
@EDITION_OPTION
@_out_option(
    "Output folder (default: build, or build-internal for --audience internal). Only a new or "
    "empty folder, or one an earlier build of the same audience wrote, is replaced."
)
@click.option(
    "--audience",
    type=click.Choice(["public", "internal"]),
    default="public",
    show_default=True,
    help="internal adds internal notes and the audit annex, into a folder of its own.",
)
@click.option("--draft", is_flag=True, help="Build countries not yet cleared; mark every page.")
@click.option(
    "--only",
    default="html,pdf,data",
    show_default=True,
    help="Comma-separated parts to build: html, pdf, data; briefs (a PDF per country) only "
    "when named.",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress display on the terminal.")
@click.option(
    "--watch",
    "keep_watching",
    is_flag=True,
    help="Stay running and build again each time a file of the edition is saved; stop with Ctrl-C.",
)
@translate_errors
def build_command(
    edition: Path,
    out: Path | None,
    audience: str,
    draft: bool,
    only: str,
    quiet: bool,
    keep_watching: bool,
) -> None:
    """Build the publication: the static site, the PDF and the data files.

    Writes OUT/site/, OUT/<slug>-<year>.pdf and OUT/data/. The internal audience writes into
    build-internal/ by default, never inside a public build. Nothing is replaced unless every
    part succeeds. On a terminal, a build that takes more than a second shows what it is doing
    (not with --quiet). A --draft build reuses the PDF chapters cached in OUT/.cache by the
    previous draft build. With --watch it stays running and builds again at every save,
    sparing each build the program's start (with --only html, well under a second after
    editing one country); a build that fails says why and leaves the previous build in place,
    and the watch goes on.
    """
    from tierreport.build import build, only_parts
    from tierreport.output import DEFAULT_OUT, exit_on_termination

    try:
        parts = only_parts(only.split(","))
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--only") from None
    chosen: Audience = "internal" if audience == "internal" else "public"
    out = Path(DEFAULT_OUT[chosen]) if out is None else out

    def once() -> None:
        started = time.perf_counter()
        with Progress.on_terminal(sys.stderr, quiet=quiet) as progress:
            result = build(
                edition, out, audience=chosen, draft=draft, only=parts, progress=progress.step
            )
        for warning in result.warnings:
            click.echo(f"warning: {warning}", err=True)
        for note in result.notes:
            click.echo(f"note: {note}", err=True)
        kept = f", kept {len(result.kept)} from the previous build" if result.kept else ""
        took = f" ({time.perf_counter() - started:.2f} s)" if keep_watching else ""
        click.echo(f"wrote {len(result.files)} files to {result.directory}{kept}{took}")

    with exit_on_termination():
        if keep_watching:
            _watch_build(edition, out, chosen, once)
        else:
            once()


def _watch_build(edition: Path, out: Path, audience: Audience, once: Callable[[], None]) -> None:
    """``build --watch``: ``once`` now and at every change of the edition's files, until
    Ctrl-C; a build's errors are printed, and the watch goes on."""
    from tierreport.output import destination
    from tierreport.watching import watch_edition

    if not edition.is_dir():
        once()  # a mistyped --edition: the one build's error, exit 1, nothing to watch
        return
    destination(out, edition, audience)  # a folder it may never replace: exit 1 at once

    def run(changes: list[str]) -> None:
        if changes:
            shown = ", ".join(changes[:3]) + (
                f" and {len(changes) - 3} more" if changes[3:] else ""
            )
            click.echo(f"{shown} changed: building again")
        try:
            with user_errors():
                once()
        except click.ClickException as exc:
            exc.show()
            click.echo(f"{out} is as it was; waiting for the next save", err=True)

    click.echo(f"watching {edition} and building into {out}; press Ctrl-C to stop")
    try:
        watch_edition(edition, run)
    except KeyboardInterrupt:
        click.echo("stopped")


# --- the editorial year: init, new-country, rollover, status, preview, diff --------------------


@cli.command("init", epilog="Example: tierreport init reports/2028 --year 2028")
@click.argument("directory", type=click.Path(path_type=Path))
@click.option("--year", type=click.IntRange(1901, 2998), required=True, help="The edition year Y.")
@translate_errors
def init_command(directory: Path, year: int) -> None:
    """Create a new edition in DIRECTORY (new or empty) for the edition year Y.

    Writes edition.yaml (reporting period 1 April Y-1 to 31 March Y, the six regional bureaus),
    the default minimum-standards file, the JSON Schemas for editors, and one commented draft
    country file for every UN member and observer state, every finding unassessed.
    """
    written = init_edition(directory, year)
    click.echo(f"created the {year} edition in {directory}: {written} draft country files")
    click.echo(f"next: tierreport status --edition {directory}")


@cli.command("new-country", epilog="Example: tierreport new-country XZA --name Zandia --region AF")
@EDITION_OPTION
@click.argument("code")
@click.option("--name", default=None, help="Name as printed (default: the ISO 3166 name).")
@click.option("--region", default=None, help="Region code from edition.yaml (default: its bureau).")
@translate_errors
def new_country_command(edition: Path, code: str, name: str | None, region: str | None) -> None:
    """Add countries/CODE.yaml: a commented draft with every finding unassessed.

    CODE is an ISO 3166-1 alpha-3 code, whose name and regional bureau are filled in, or a
    user-assigned code XAA-XZZ, which needs --name and --region.
    """
    path = new_country(edition, code, name, region)
    click.echo(f"wrote {path}")


@cli.command("rollover", epilog="Example: tierreport rollover --to 2028 --out ../2028")
@EDITION_OPTION
@click.option("--to", "to_year", type=int, required=True, help="The next edition's year, Y+1.")
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=None,
    help="Directory of the new edition (default: a sibling of the edition named by the year).",
)
@translate_errors
def rollover_command(edition: Path, to_year: int, out: Path | None) -> None:
    """Write next year's edition from this one; this edition is never modified.

    Final tiers of cleared countries move into history (with waiver and auto_downgraded markers
    and this year's findings); findings go back to unassessed, statuses to draft; waivers,
    decisions and special cases are cleared; narratives are kept as a starting point; the
    reporting period moves one year on. Refuses when the target exists.
    """
    result = rollover(edition, to_year, out)
    countries = len(result.recorded) + len(result.not_cleared)
    click.echo(
        f"wrote the {result.year} edition to {result.target}: {countries} countries, "
        f"{len(result.recorded)} tiers recorded in history"
    )
    if result.not_cleared:
        waiting = len(result.not_cleared)
        names = ", ".join(f"{code} ({status})" for code, status in result.not_cleared[:10])
        more = f" and {waiting - 10} more" if waiting > 10 else ""
        were = "country that was" if waiting == 1 else "countries that were"
        click.echo(f"no history entry for {waiting} {were} not cleared: {names}{more}")
    click.echo(summary(list(result.problems), countries))
    click.echo(f"next: tierreport status --edition {result.target}")


@cli.command("status", epilog="Example: tierreport status --edition reports/2027")
@EDITION_OPTION
@click.option("--json", "as_json", is_flag=True, help="Print the counts and every country as JSON.")
@translate_errors
def status_command(edition: Path, as_json: bool) -> None:
    """Show clearance progress: countries in draft, review and cleared, by region and overall.

    Lists the countries not yet cleared (a public build refuses while there is any) and the
    country files that fail check. Set each file's status: draft, review or cleared.
    """
    report = progress(edition)
    if as_json:
        click.echo(json.dumps(status_json(report), indent=2, ensure_ascii=False))
    else:
        click.echo(status_text(report))


def _show_preview(outcome: Preview | TierReportError) -> None:
    """Print one preview's result, or why the saved file was not rendered."""
    if isinstance(outcome, TierReportError):
        if isinstance(outcome, EditionError):
            print_problems(outcome.problems)
        click.echo(f"not rendered: {outcome}; fix the file and save it again", err=True)
        return
    print_problems(list(outcome.warnings))
    click.echo(f"wrote {outcome.html} and {outcome.pdf} ({outcome.pages} pages)")


@cli.command("preview", epilog="Example: tierreport preview XAR --watch")
@EDITION_OPTION
@click.argument("code")
@_out_option(
    "Output folder (default: build-preview/CODE/ in the edition, build-internal-preview/CODE/ "
    "for --audience internal)."
)
@click.option(
    "--audience",
    type=click.Choice(["public", "internal"]),
    default="public",
    show_default=True,
    help="internal shows internal notes and non-public sources.",
)
@click.option("--watch", "keep_watching", is_flag=True, help="Render again on every save.")
@translate_errors
def preview_command(
    edition: Path, code: str, out: Path | None, audience: str, keep_watching: bool
) -> None:
    """Render one country's site page and printed chapter (HTML and PDF) for a quick look.

    Only that country's file is read and checked, so other countries' problems do not block
    it. The output goes to its own directory, never into the publication, and is marked as a
    draft. With --watch, it renders again each time the file is saved, in about a second; stop
    with Ctrl-C.
    """
    # Imported here: the renderer loads WeasyPrint, which other commands never need.
    from tierreport.editorial.preview import default_out, preview, watch

    chosen: Audience = "internal" if audience == "internal" else "public"
    target = out if out is not None else default_out(edition, code, chosen)
    if not keep_watching:
        _show_preview(preview(edition, code, target, chosen))
        return
    click.echo(f"watching {code.upper()} in {edition}; press Ctrl-C to stop")
    try:
        watch(edition, code, target, _show_preview, audience=chosen)
    except KeyboardInterrupt:
        click.echo("stopped")


@cli.command("diff", epilog="Example: tierreport diff ../2026 --edition .")
@EDITION_OPTION
@click.argument("old", type=click.Path(file_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the differences as JSON.")
@translate_errors
def diff_command(edition: Path, old: Path, as_json: bool) -> None:
    """Show what changed since the edition in OLD, country by country, for clearance review.

    For each country added, removed or changed: the final tier of each edition, the status,
    every finding that changed, and a unified diff of each narrative field, one sentence per
    line. With --json, print {"old": ..., "new": ..., "countries": [...], "unchanged": [...]}.
    """
    result = diff_editions(old, edition)
    if as_json:
        click.echo(json.dumps(diff_json(result), indent=2, ensure_ascii=False))
    else:
        click.echo(diff_text(result))


def main() -> None:
    """Entry point of the ``tierreport`` script: a bug prints one line, not a traceback.

    Set TIERREPORT_DEBUG=1 to see the traceback of an unexpected error.
    """
    # One command, then the process ends: what the imports made lives as long, so the cycle
    # collector stops going over it (freeze), and collects young objects at a slower pace
    # (every 50,000 allocations, not 700), which took about a tenth of a rebuild. Both are set
    # back on the way out, for a caller that goes on (a test).
    pace = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)
    try:
        _run()
    finally:
        gc.set_threshold(*pace)
        gc.unfreeze()


def _run() -> None:
    try:
        cli(prog_name="tierreport", standalone_mode=False)
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:
        if os.environ.get("TIERREPORT_DEBUG"):
            raise
        click.echo(
            f"Error: internal error ({type(exc).__name__}: {exc}); this is a bug in tierreport. "
            "Run again with TIERREPORT_DEBUG=1 to see the traceback.",
            err=True,
        )
        sys.exit(1)
