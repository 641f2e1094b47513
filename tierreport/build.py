"""The publication: load -> validate -> tier -> context -> site, data files and PDF, atomically.

Everything is written into a staging folder beside the destination and swapped in only when
every part succeeded, so a failed build leaves the previous output as it was. A build writes
``OUT/site``, ``OUT/data`` and ``OUT/<slug>-<year>.pdf``; each audience has its own folder
(``build/`` and ``build-internal/`` by default), and a build replaces only a folder that a build
of its audience wrote (``tierreport.output``). No clock is read: every output bears one date
(``render.stamp``: the edition's ``publication_date``, else ``SOURCE_DATE_EPOCH``).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from tierreport.check.edition import check_edition, parse_cache
from tierreport.errors import BuildError
from tierreport.load.cache import Store
from tierreport.model import Edition, Placement
from tierreport.output import (
    OutputLock,
    carry_over,
    clean_stale,
    destination,
    link_tree,
    make_parents,
    make_staging,
    remove_empty,
    swap,
)
from tierreport.render.context import Audience, RenderContext, build_context
from tierreport.render.data import data_downloads, write_data
from tierreport.render.markdown import remembered
from tierreport.render.search import index_site
from tierreport.render.site import Download, write_site
from tierreport.render.stamp import report_stamp

PARTS = ("html", "pdf", "data")
"""What a build writes unless ``--only`` says otherwise."""

ONLY_PARTS = (*PARTS, "briefs")
"""What ``--only`` may name: the parts, and the country briefs, built only when asked."""

CACHE_DIR = ".cache"
"""The build cache of an audience (its rendered Markdown, the draft PDF's rendered parts),
carried from each build to the next. Nothing internal is in the public audience's."""


@dataclass(frozen=True)
class BuildResult:
    """What a build did: its directory, the files (relative to it) it wrote and those it kept
    from the previous build, and any PDF warning."""

    directory: Path
    files: tuple[str, ...]
    warnings: tuple[str, ...] = ()
    kept: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    """Facts worth a line that are not problems (e.g. the PDF patches are inactive)."""


def build_stamp(edition: Edition, environ: Mapping[str, str]) -> dt.datetime:
    """The date written into the data files: the report's (``render.stamp``), else the end of
    the reporting period."""
    stamp = report_stamp(edition.config.publication_date, environ)
    if stamp is not None:
        return stamp.when
    day = edition.config.reporting_period.end
    return dt.datetime(day.year, day.month, day.day)


def _not_cleared(edition: Edition) -> None:
    waiting = [c for c in edition.countries if c.status != "cleared"]
    if waiting:
        listed = ", ".join(
            f"{edition.files.get(c.code, c.code)} ({c.status})" for c in waiting[:10]
        )
        more = f" and {len(waiting) - 10} more" if len(waiting) > 10 else ""
        raise BuildError(
            f"{len(waiting)} countr{'y is' if len(waiting) == 1 else 'ies are'} not cleared "
            f"for release: {listed}{more}; set status: cleared, or build a marked draft with "
            "--draft"
        )


def _parts(only: Iterable[str]) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(only))
    unknown = [p for p in chosen if p not in ONLY_PARTS]
    if unknown or not chosen:
        raise BuildError(
            "--only takes html, pdf, data and briefs (comma-separated), got "
            + repr(",".join(chosen))
        )
    return chosen


def build(
    root: Path,
    out: Path,
    *,
    audience: Audience = "public",
    draft: bool = False,
    only: Iterable[str] = PARTS,
    environ: Mapping[str, str] | None = None,
    progress: Callable[[str], None] | None = None,
) -> BuildResult:
    """Build the publication of the edition in ``root`` into ``out``.

    Raises ``EditionError`` when the edition has errors and ``BuildError`` when it cannot be
    published (a country not cleared without ``draft``) or written; either way ``out`` is left
    as it was. ``progress``, when given, is told each step as it starts (for a display).
    """
    say = progress or _silent
    parts = _parts(only)
    environ = os.environ if environ is None else environ
    dest = destination(out, root, audience)
    created = make_parents(dest)
    try:
        with OutputLock(dest, out):
            clean_stale(dest)
            files, kept, warnings = _build(root, out, dest, audience, draft, parts, environ, say)
    except BaseException:
        remove_empty(created)  # an error leaves no trace, not even the folders above --out
        raise
    notes = _pdf_notes() if "pdf" in parts else ()
    return BuildResult(out, files, warnings, kept, notes)


def _build(
    root: Path,
    out: Path,
    dest: Path,
    audience: Audience,
    draft: bool,
    parts: tuple[str, ...],
    environ: Mapping[str, str],
    say: Callable[[str], None],
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """The build into ``dest``, with its lock held: the files written, those kept, warnings."""
    # Kept by the previous build (tierreport.load.cache): the parsed country files in the edition
    # (they hold internal notes), the rendered Markdown of this audience beside its output.
    parsed = parse_cache(root)
    markdown: Store[str] = Store(dest / CACHE_DIR / "markdown.pickle")
    say("checking the edition")
    edition, placements = check_edition(root, parsed).valid()
    # Again with the lock held, and with the folders the edition's settings read from.
    destination(out, root, audience, _inputs(edition))
    if not draft:
        _not_cleared(edition)
    say("preparing the pages")
    with remembered(markdown):  # the templates' Markdown filters look there too
        context = build_context(edition, placements, audience=audience, draft=draft)
        written = _publish(edition, placements, context, dest, parts, environ, say)
    parsed.save()  # only a build that succeeded updates the cache
    markdown.save()
    return written


def _inputs(edition: Edition) -> tuple[str, ...]:
    """The folders, relative to the edition, its settings name files in."""
    named = (edition.config.standards, edition.config.introduction or "")
    return tuple(str(Path(n).parent) for n in named if Path(n).parent != Path("."))


def _publish(
    edition: Edition,
    placements: tuple[Placement, ...],
    context: RenderContext,
    dest: Path,
    parts: tuple[str, ...],
    environ: Mapping[str, str],
    say: Callable[[str], None],
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """Write the chosen parts beside ``dest`` and swap them in.

    Returns the files written, those kept from the previous build, and the PDF's warnings.
    """
    try:
        staged = make_staging(dest, context.audience)
    except OSError as exc:
        raise BuildError(f"cannot write into {dest.parent}: {exc.strerror or exc}") from exc
    try:
        warnings = _write(edition, placements, context, staged, parts, environ, dest, say)
        # Hidden entries (the marker, the build cache) are not part of the publication.
        written = tuple(
            sorted(
                name
                for p in staged.rglob("*")
                if p.is_file()
                and not (name := p.relative_to(staged).as_posix()).startswith(".")
                and "/." not in name
            )
        )
        kept: tuple[str, ...] = ()
        if dest.is_dir():
            kept = carry_over(dest, staged, merged=(CACHE_DIR,))
        swap(staged, dest)
    except OSError as exc:
        raise BuildError(f"cannot write {dest}: {exc.strerror or exc}") from exc
    finally:
        if staged.exists():
            shutil.rmtree(staged, ignore_errors=True)
    return written, kept, warnings


def _write(
    edition: Edition,
    placements: tuple[Placement, ...],
    context: RenderContext,
    staged: Path,
    parts: tuple[str, ...],
    environ: Mapping[str, str],
    previous: Path,
    say: Callable[[str], None],
) -> tuple[str, ...]:
    """Write the chosen parts into ``staged``; return the PDF's warnings.

    The site's data page links the data files and the PDF this build writes, and those a
    previous build left in ``previous`` that this one keeps (``--only html``).
    """
    downloads: tuple[Download, ...] = ()
    if "data" in parts:
        say("writing the data files")
        stamp = build_stamp(edition, environ)
        downloads = write_data(edition, placements, staged / "data", stamp, context.internal)
    elif (previous / "data").is_dir():
        downloads = tuple(
            d for d in data_downloads(context.internal) if (previous / "data" / d.label).is_file()
        )
    pdf = Download(context.front.pdf_name, f"../{context.front.pdf_name}", "the report as a PDF")
    if "pdf" not in parts and (previous / context.front.pdf_name).is_file():
        downloads = (pdf, *downloads)
    warnings: tuple[str, ...] = ()
    if "pdf" in parts and context.draft:
        # A draft is rebuilt from the parts cached by the previous build (render/incremental).
        from tierreport.render.pdf.draft import write_draft_pdf

        say("rendering the draft PDF")
        # The parts cached by the previous build, linked into this one: a build that fails
        # or is stopped leaves the previous build's cache as it was, like the rest of it.
        cache_dir = staged / CACHE_DIR / "draft-pdf"
        if (previous / CACHE_DIR / "draft-pdf").is_dir():
            cache_dir.parent.mkdir()
            link_tree(previous / CACHE_DIR / "draft-pdf", cache_dir)
        result = write_draft_pdf(
            context,
            staged / context.front.pdf_name,
            cache_dir=cache_dir,
            environ=environ,
            edition_root=edition.root,
            progress=lambda done, total: say(f"rendering the draft PDF: part {done} of {total}"),
        )
    elif "pdf" in parts:
        # The PDF renders the same context as the site; WeasyPrint is imported only when asked.
        from tierreport.render.pdf.writer import write_pdf

        say("rendering the PDF")
        result = write_pdf(
            context, staged / context.front.pdf_name, environ=environ, edition_root=edition.root
        )
    if "pdf" in parts:
        warnings = result.warnings
        downloads = (pdf, *downloads)
    if "briefs" in parts:
        from tierreport.render.pdf.briefs import BRIEFS_DIR, write_briefs

        say("rendering the country briefs")
        briefs = write_briefs(
            context, staged / BRIEFS_DIR, environ=environ, edition_root=edition.root
        )
        warnings += tuple(w for b in briefs for w in b.warnings)
    if "html" in parts:
        say("writing the site")
        write_site(context, staged / "site", downloads)
        # Each audience's site gets its own index, so the public one holds only public pages.
        say("indexing the site for search")
        index_site(staged / "site")
    return warnings


def _pdf_notes() -> tuple[str, ...]:
    """The line saying the PDF rendered without the patches' savings, when it did."""
    from tierreport.render.pdf.patches import inactive_note

    note = inactive_note()
    return () if note is None else (note,)


def _silent(step: str) -> None:
    """No progress display."""
