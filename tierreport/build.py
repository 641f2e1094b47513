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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from tierreport.check.countries import EditionCache
from tierreport.check.edition import check_edition, parse_cache
from tierreport.errors import BuildError
from tierreport.load.cache import Store
from tierreport.load.entries import Entries
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
from tierreport.render.record import CountryRecord
from tierreport.render.search import CACHE_FILE as SEARCH_CACHE
from tierreport.render.search import IndexFiles, Indexing
from tierreport.render.site import PAGE_CACHE, Download, search_groups, write_site
from tierreport.render.stamp import report_stamp

CACHE_DIR = ".cache"
"""The build cache of an audience (its rendered Markdown, the draft PDF's rendered parts),
carried from each build to the next. Nothing internal is in the public audience's."""
RECORD_CACHE = "records"
"""The country records of the last build, in ``CACHE_DIR`` (``_SiteCaches.records``)."""


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


@dataclass(frozen=True)
class _SiteCaches:
    """What a build keeps for the next: its audience's in ``OUT/.cache``, and what each
    country file gave in the edition's cache."""

    search: Store[IndexFiles]
    """The search index of each group of pages (``render.search``)."""
    pages: Store[bytes]
    """The hash of each country page, by a hash of what it was rendered from
    (``render.site.write_site``)."""
    records: Entries[CountryRecord]
    """Each country's record for this audience, by a hash of what it was made of
    (``render.context.record_key``)."""
    edition: EditionCache
    """What each country file gave, in the edition (``check.countries``)."""

    @classmethod
    def of(cls, dest: Path, root: Path) -> _SiteCaches:
        folder = dest / CACHE_DIR
        return cls(
            Store(folder / SEARCH_CACHE),
            Store(folder / PAGE_CACHE),
            Entries(folder / RECORD_CACHE, records=True),
            parse_cache(root),
        )

    def prepare(self) -> None:
        """Pickle the entries added so far (while the build waits for Pagefind)."""
        self.records.prepare()
        self.edition.prepare()

    def save(self, site: bool) -> None:
        """Write what this build used; the site's stores only when it wrote the site (a build
        without it would drop every page and index kept)."""
        self.edition.save()
        self.records.save()
        if site:
            self.search.save()
            self.pages.save()


@dataclass
class _Job:
    """What every output's writer reads, and what the outputs written so far have offered."""

    edition: Edition
    placements: tuple[Placement, ...]
    context: RenderContext
    staged: Path
    previous: Path
    """The previous build's folder: what an output not rebuilt keeps from it."""
    environ: Mapping[str, str]
    say: Callable[[str], None]
    caches: _SiteCaches
    downloads: list[Download] = field(default_factory=list)
    """What the site's data page links: the files this build writes, and those it keeps."""
    warnings: list[str] = field(default_factory=list)

    @property
    def pdf(self) -> Download:
        name = self.context.front.pdf_name
        return Download(name, f"../{name}", "the report as a PDF")


def _write_data(job: _Job) -> None:
    job.say("writing the data files")
    stamp = build_stamp(job.edition, job.environ)
    data = job.staged / "data"
    write_data(job.edition, job.placements, data, stamp, job.context.internal)


def _data_offers(job: _Job, written: bool) -> list[Download]:
    offered = list(data_downloads(job.context.internal))
    kept = job.previous / "data"
    return offered if written else [d for d in offered if (kept / d.label).is_file()]


def _write_pdf(job: _Job) -> None:
    context, staged, previous = job.context, job.staged, job.previous
    if context.draft:
        # A draft is rebuilt from the parts cached by the previous build (render/pdf/draft).
        from tierreport.render.pdf.draft import write_draft_pdf

        job.say("rendering the draft PDF")
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
            environ=job.environ,
            edition_root=job.edition.root,
            progress=lambda done, total: job.say(
                f"rendering the draft PDF: part {done} of {total}"
            ),
        )
    else:
        # The PDF renders the same context as the site; WeasyPrint is imported only when asked.
        from tierreport.render.pdf.writer import write_pdf

        job.say("rendering the PDF")
        result = write_pdf(
            context,
            staged / context.front.pdf_name,
            environ=job.environ,
            edition_root=job.edition.root,
        )
    job.warnings += result.warnings


def _pdf_offers(job: _Job, written: bool) -> list[Download]:
    return [job.pdf] if written or (job.previous / job.context.front.pdf_name).is_file() else []


def _write_briefs(job: _Job) -> None:
    from tierreport.render.pdf.briefs import BRIEFS_DIR, write_briefs

    job.say("rendering the country briefs")
    briefs = write_briefs(
        job.context, job.staged / BRIEFS_DIR, environ=job.environ, edition_root=job.edition.root
    )
    job.warnings += [w for b in briefs for w in b.warnings]


def _write_site(job: _Job) -> Indexing:
    job.say("writing the site")
    site, previous = job.staged / "site", job.previous / "site"
    write_site(job.context, site, tuple(job.downloads), previous=previous, pages=job.caches.pages)
    # Each audience's site gets its own index, so the public one holds only public pages. It is
    # made beside the outputs written after the site, and finished once they are.
    job.say("indexing the site for search, beside the other outputs")
    return Indexing(site, search_groups(job.context), job.caches.search)


class _Unfinished(Protocol):
    """What an output leaves going while the others are written (the site's search index)."""

    def finish(self) -> object:
        """Wait for it and complete the output."""

    def close(self) -> None:
        """Wait for what is still going, whatever happened; it changes nothing more."""


@dataclass(frozen=True)
class Output:
    """One thing a build writes (as Pelican's generators are declared): its ``--only`` name,
    whether a build writes it unless ``--only`` says otherwise, what it writes and what it
    offers the site's data page, its writer (which may leave work going, finished once every
    output is written), and the downloads it offers the site, written or kept."""

    name: str
    default: bool
    writes: str
    offers: str
    write: Callable[[_Job], _Unfinished | None]
    offer: Callable[[_Job, bool], list[Download]] | None = None


OUTPUTS = (
    Output(
        "html", True, "OUT/site/: the static site and its search index",
        "nothing: it links what the others offer, which is known before they are written",
        _write_site,
    ),
    Output(
        "pdf", True, "OUT/<slug>-<year>.pdf: the tagged report (with --draft, a marked draft "
        "from the parts cached in OUT/.cache/draft-pdf)",
        "the report as a PDF", _write_pdf, _pdf_offers,
    ),
    Output(
        "data", True, "OUT/data/: placements (CSV, JSON, Excel), findings, follow-up, law "
        "enforcement, indicators, assistance, tiers across years, and their README",
        "every data file", _write_data, _data_offers,
    ),
    Output(
        "briefs", False, "OUT/briefs/CODE.pdf: a printable brief of two pages per country",
        "nothing", _write_briefs,
    ),
)  # fmt: skip
"""Every output, in the order a build writes them: the site first, so that its search index
is made (by Pagefind, beside the build) while the others are written; it links the data files
and the PDF that this build writes or keeps, which each output offers before it is written."""

PARTS = tuple(output.name for output in OUTPUTS if output.default)
"""What a build writes unless ``--only`` says otherwise."""

ONLY_PARTS = tuple(output.name for output in OUTPUTS)
"""What ``--only`` may name."""


def only_parts(only: Iterable[str]) -> tuple[str, ...]:
    """The outputs named (``--only``), each once; ValueError naming what ``--only`` takes."""
    chosen = tuple(dict.fromkeys(part.strip() for part in only if part.strip()))
    unknown = [part for part in chosen if part not in ONLY_PARTS]
    if unknown or not chosen:
        raise ValueError(
            f"expected a comma-separated list of {', '.join(ONLY_PARTS)}, got "
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
    try:
        parts = only_parts(only)
    except ValueError as exc:
        raise BuildError(f"--only: {exc}") from None
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
    # Kept by the previous build (tierreport.load.cache): what each country file gave, in the
    # edition (the files hold internal notes), the rest of this audience's beside its output.
    markdown: Store[str] = Store(dest / CACHE_DIR / "markdown.pickle")
    caches = _SiteCaches.of(dest, root)
    say("checking the edition")
    edition, placements = check_edition(root, caches.edition).valid()
    # Again with the lock held, and with the folders the edition's settings read from.
    destination(out, root, audience, _inputs(edition))
    if not draft:
        _not_cleared(edition)
    say("preparing the pages")
    with remembered(markdown):  # the templates' Markdown filters look there too
        context = build_context(
            edition, placements, audience=audience, draft=draft, records=caches.records
        )
        written = _publish(edition, placements, context, dest, parts, environ, say, caches)
    markdown.save()  # only a build that succeeded updates the caches
    caches.save("html" in parts)
    return written


def _inputs(edition: Edition) -> tuple[str, ...]:
    """The folders, relative to the edition, its settings name files in."""
    named = edition.config.named_files()
    return tuple(str(Path(n).parent) for n in named if Path(n).parent != Path("."))


def _publish(
    edition: Edition,
    placements: tuple[Placement, ...],
    context: RenderContext,
    dest: Path,
    parts: tuple[str, ...],
    environ: Mapping[str, str],
    say: Callable[[str], None],
    caches: _SiteCaches,
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """Write the chosen parts beside ``dest`` and swap them in.

    Returns the files written, those kept from the previous build, and the PDF's warnings.
    """
    try:
        staged = make_staging(dest, context.audience)
    except OSError as exc:
        raise BuildError(f"cannot write into {dest.parent}: {exc.strerror or exc}") from exc
    try:
        warnings = _write(edition, placements, context, staged, parts, environ, dest, say, caches)
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
    caches: _SiteCaches,
) -> tuple[str, ...]:
    """Write the chosen outputs into ``staged``, in ``OUTPUTS`` order; return the warnings."""
    job = _Job(edition, placements, context, staged, previous, environ, say, caches)
    for output in OUTPUTS:
        if output.offer is not None:
            job.downloads += output.offer(job, output.name in parts)
    unfinished: list[_Unfinished] = []
    try:
        for output in OUTPUTS:
            if output.name in parts and (left := output.write(job)) is not None:
                unfinished.append(left)
        if unfinished:
            say("finishing the site's search index")
            caches.prepare()  # while Pagefind indexes the site
        for left in unfinished:
            left.finish()
    finally:
        for left in unfinished:
            left.close()
    return tuple(job.warnings)


def _pdf_notes() -> tuple[str, ...]:
    """The line saying the PDF rendered without the patches' savings, when it did."""
    from tierreport.render.pdf.patches import inactive_note

    note = inactive_note()
    return () if note is None else (note,)


def _silent(step: str) -> None:
    """No progress display."""
