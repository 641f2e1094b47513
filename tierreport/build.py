"""The publication: load -> validate -> tier -> context -> site, data files and PDF, atomically.

Everything is written into a temporary directory beside the destination and swapped in only
when every part succeeded, so a failed build leaves the previous output as it was. The public
audience writes ``OUT/site``, ``OUT/data`` and ``OUT/<slug>-<year>.pdf``; the internal audience
writes the same under ``OUT/internal/``. No clock is read: dates come from the edition
(``publication_date``, else the end of the reporting period) or ``SOURCE_DATE_EPOCH``.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from tierreport.check.edition import load_edition, parse_cache
from tierreport.errors import BuildError
from tierreport.load.cache import Store
from tierreport.model import Edition, Placement
from tierreport.render.context import Audience, RenderContext, build_context
from tierreport.render.data import data_downloads, write_data
from tierreport.render.markdown import remembered
from tierreport.render.search import index_site
from tierreport.render.site import Download, write_site
from tierreport.tiering.place import place_all

PARTS = ("html", "pdf", "data")
"""What a build writes unless ``--only`` says otherwise."""

ONLY_PARTS = (*PARTS, "briefs")
"""What ``--only`` may name: the parts, and the country briefs, built only when asked."""

CACHE_DIR = ".cache"
"""The build cache of an audience (its rendered Markdown, the draft PDF's rendered parts),
carried from each build to the next. Nothing internal is in the public audience's."""

INTERNAL_DIR = "internal"
"""Where the internal audience's output goes, inside the output directory."""


@dataclass(frozen=True)
class BuildResult:
    """What a build wrote: its directory, the files (relative to it) and any PDF warning."""

    directory: Path
    files: tuple[str, ...]
    warnings: tuple[str, ...] = ()


def build_stamp(edition: Edition, environ: Mapping[str, str]) -> dt.datetime:
    """The date written into files that carry one: SOURCE_DATE_EPOCH, else the edition's."""
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).replace(tzinfo=None)
        except ValueError:
            raise BuildError(
                f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, got {epoch!r}"
            ) from None
    day = edition.config.publication_date or edition.config.reporting_period.end
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


def _swap(staged: Path, target: Path) -> None:
    """Put ``staged`` where ``target`` is: two renames, the old tree removed only after."""
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        target.rename(old)
    try:
        staged.rename(target)
    except OSError:
        if old is not None:
            old.rename(target)  # put the previous output back
        raise
    if old is not None:
        shutil.rmtree(old)


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
    target = out / INTERNAL_DIR if audience == "internal" else out
    # Kept by the previous build (tierreport.load.cache): the parsed country files in the edition
    # (they hold internal notes), the rendered Markdown of this audience beside its output.
    parsed = parse_cache(root)
    markdown: Store[str] = Store(target / CACHE_DIR / "markdown.pickle")
    say("checking the edition")
    edition = load_edition(root, parsed)
    if not draft:
        _not_cleared(edition)
    placements = place_all(edition)
    say("preparing the pages")
    with remembered(markdown):  # the templates' Markdown filters look there too
        context = build_context(edition, placements, audience=audience, draft=draft)
        warnings = _publish(edition, placements, context, target, parts, environ, say)
    parsed.save()  # only a build that succeeded updates the cache
    markdown.save()
    # Hidden entries (the build cache) are not part of the publication.
    files = tuple(
        sorted(
            name
            for p in target.rglob("*")
            if p.is_file()
            and not (name := p.relative_to(target).as_posix()).startswith(".")
            and "/." not in name
        )
    )
    return BuildResult(target, files, warnings)


def _publish(
    edition: Edition,
    placements: tuple[Placement, ...],
    context: RenderContext,
    target: Path,
    parts: tuple[str, ...],
    environ: Mapping[str, str],
    say: Callable[[str], None],
) -> tuple[str, ...]:
    """Write the chosen parts beside ``target`` and swap them in; return the PDF's warnings."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staged = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
    except OSError as exc:
        raise BuildError(f"cannot write into {target.parent}: {exc.strerror or exc}") from exc
    try:
        warnings = _write(edition, placements, context, staged, parts, environ, target, say)
        if target.exists():
            _keep_the_rest(target, staged)
        _swap(staged, target)
    except OSError as exc:
        raise BuildError(f"cannot write {target}: {exc.strerror or exc}") from exc
    finally:
        if staged.exists():
            shutil.rmtree(staged, ignore_errors=True)
    return warnings


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
        result = write_draft_pdf(
            context,
            staged / context.front.pdf_name,
            cache_dir=previous / CACHE_DIR / "draft-pdf",
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


def _silent(step: str) -> None:
    """No progress display."""


def _keep_the_rest(target: Path, staged: Path) -> None:
    """Copy into ``staged`` what this build does not write but the previous output holds.

    ``--only html`` must not delete the PDF, and a public build must not delete the internal
    edition beside it; both are copied from the previous output before the swap.
    """
    for item in sorted(target.iterdir()):
        if item.name == CACHE_DIR and not (staged / item.name).exists():
            item.rename(staged / item.name)  # the build cache: moved, not copied
            continue
        if (staged / item.name).exists() or item.name.startswith("."):
            continue
        if item.is_dir():
            shutil.copytree(item, staged / item.name, copy_function=_link_or_copy)
        else:
            _link_or_copy(item, staged / item.name)


def _link_or_copy(source: Path | str, destination: Path | str) -> None:
    """A hard link where the file system allows one (the PDF is tens of megabytes), else a copy.

    Sharing is safe because no build writes into an existing file: every file is written anew
    in the staging directory and the previous tree is only ever removed.
    """
    try:
        os.link(source, destination)
    except OSError:
        shutil.copy2(source, destination)
