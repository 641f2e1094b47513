"""The PDF: one HTML document rendered by WeasyPrint as a tagged, accessible PDF/UA-1 file.

The report is rendered from the same render context and fragments as the site, through the
``pdf/report.html`` template and ``pdf/print.css``. Rendering is sealed and reproducible:

- a URL fetcher reads only the package's templates and fonts and the edition's own files (plus
  ``data:`` URLs); anything else, the network included, is refused and logged;
- only links to the document itself and http(s) and mailto links become link annotations
  (``only_safe_links``): a path would resolve against the build machine's folders and print
  a ``file:///...`` link;
- no clock is read: the PDF's dates come from the edition's ``publication_date`` or, failing
  that, ``SOURCE_DATE_EPOCH``; WeasyPrint's file identifier is a hash of the content;
- every WeasyPrint warning is captured and returned, so that a build can show it and the tests
  can fail on it (``strict=True`` turns them into a ``BuildError``).
"""

from __future__ import annotations

import contextlib
import ctypes
import datetime as dt
import gc
import logging
import mimetypes
import os
import signal
import sys
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from tierreport.errors import BuildError
from tierreport.render.context import RenderContext
from tierreport.render.environment import TEMPLATES_DIR
from tierreport.render.markdown import ALLOWED_SCHEMES
from tierreport.render.pdf import patches
from tierreport.render.pdf.document import DRAFT_MARK, INTERNAL_MARK, report_html
from tierreport.render.stamp import report_stamp

__all__ = [
    "DRAFT_MARK",
    "INTERNAL_MARK",
    "PdfResult",
    "html_to_pdf",
    "only_safe_links",
    "pdf_date",
    "write_pdf",
]

FONTS_DIR = TEMPLATES_DIR.parent / "fonts"
"""Fonts shipped with the package, if any (the report's own come from Debian packages)."""
PDF_VARIANT = "pdf/ua-1"
"""Tagged PDF with /Lang, title and a structure tree: what screen readers need."""


@dataclass(frozen=True)
class PdfResult:
    """What ``write_pdf`` wrote: the file, its page count and every WeasyPrint warning."""

    path: Path
    pages: int
    warnings: tuple[str, ...]


def pdf_date(publication_date: dt.date | None, environ: Mapping[str, str]) -> str | None:
    """The date written into the PDF (W3C form): the report's date (``render.stamp``), or none.

    A publication date is written as a day; a date from ``SOURCE_DATE_EPOCH`` as a UTC time.
    With neither, the PDF carries no date rather than the build machine's clock.
    """
    stamp = report_stamp(publication_date, environ)
    if stamp is None:
        return None
    if stamp.from_epoch:
        return stamp.when.strftime("%Y-%m-%dT%H:%M:%SZ")
    return stamp.when.date().isoformat()


def _fetcher_class() -> type[Any]:
    """Build the sealed fetcher class; WeasyPrint is imported lazily because it loads Pango."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class SealedFetcher(URLFetcher):  # type: ignore[misc]  # WeasyPrint ships no type hints
        """Serve ``data:`` URLs and files under the allowed roots; refuse everything else."""

        def __init__(self, roots: Sequence[Path]) -> None:
            super().__init__(allowed_protocols=("file", "data"))
            self.roots = tuple(root.resolve() for root in roots)

        def fetch(self, url: str, headers: Mapping[str, str] | None = None) -> Any:
            scheme = urlsplit(url).scheme.lower()
            if scheme == "data":
                return super().fetch(url, headers)
            if scheme != "file":
                raise ValueError(f"refused {url}: the PDF reads no network resource")
            path = Path(url2pathname(unquote(urlsplit(url).path))).resolve()
            if not any(path.is_relative_to(root) for root in self.roots):
                raise ValueError(
                    f"refused {path}: the PDF reads only the package's templates and fonts"
                    " and the edition's files"
                )
            media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(
                url, body=path.read_bytes(), headers={"Content-Type": media_type}
            )

    return SealedFetcher


def sealed_fetcher(roots: Sequence[Path]) -> Any:
    """A WeasyPrint URL fetcher that reads only files under ``roots`` and ``data:`` URLs."""
    return _fetcher_class()(roots)


def only_safe_links(document: Any, extra_schemes: Sequence[str] = ()) -> None:
    """Drop every link of a rendered WeasyPrint ``document`` that is not safe to print.

    Kept: links to an anchor of the document, and http(s) and mailto links (plus
    ``extra_schemes``). Dropped: everything else, ``file:`` links and attachments above all.
    The Markdown renderer already refuses such links; this holds for the templates too.
    """
    allowed = ALLOWED_SCHEMES | {s.lower() for s in extra_schemes}
    for page in document.pages:
        page.links[:] = [
            link
            for link in page.links
            if link[0] == "internal"
            or (link[0] == "external" and urlsplit(link[1]).scheme.lower() in allowed)
        ]


class _Collect(logging.Handler):
    """Keep the text of every record at WARNING or above."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        # The build prints each as "warning: WeasyPrint: ...": the renderer names itself.
        self.messages.append(f"WeasyPrint: {record.getMessage()}")


@contextmanager
def weasyprint_warnings() -> Iterator[list[str]]:
    """Collect WeasyPrint's warnings and errors (logger ``weasyprint``) while the block runs."""
    logger = logging.getLogger("weasyprint")
    handler = _Collect()
    level = logger.level
    # A logging set-up that silences warnings elsewhere must not hide them from the build.
    if logger.getEffectiveLevel() > logging.WARNING:
        logger.setLevel(logging.WARNING)
    logger.addHandler(handler)
    try:
        yield handler.messages
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


def _discard(partial: Path) -> None:
    """Remove a partly written file if there is one; a path that cannot exist is fine too."""
    with suppress(OSError):
        partial.unlink()


def html_to_pdf(
    html: str,
    path: Path,
    *,
    base: Path,
    roots: Sequence[Path],
    strict: bool = False,
    patched: bool = True,
) -> PdfResult:
    """Render ``html`` to ``path`` as PDF/UA-1, reading files only under ``roots``.

    ``base`` resolves the document's relative URLs (the stylesheet link). The render runs in a
    worker process of its own, so that the library patches and collector settings it uses
    (``patches.applied``; ``patched=False`` renders as plain WeasyPrint does) never outlive it
    in this process. The file is written beside its destination and moved into place, so a
    failed render leaves no partial PDF.
    """
    job = RenderJob(html, path, base, tuple(roots), strict, patched)
    try:
        with ProcessPoolExecutor(
            max_workers=1, initializer=start_worker, initargs=(os.getpid(),)
        ) as pool:
            return pool.submit(render_job, job).result()
    except BrokenProcessPool as exc:
        raise BuildError(
            f"the PDF renderer stopped before it finished {path.name} (out of memory, or"
            " killed); nothing was written"
        ) from exc


def return_free_memory() -> None:
    """Give the free pages of the C heap back to the system, where the C library can.

    Much of what a render frees is C heap (large Python objects among it: each box's attributes,
    each style), which the C library keeps for later allocations; what the file's writing then
    allocates would not all fit in it, and would add to the peak. glibc's ``malloc_trim`` hands
    the free pages back; another C library (musl, macOS) has none, and nothing is done.
    """
    if sys.platform != "linux":
        return
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None).malloc_trim(0)


def release_pages(document: Any, pdf: Any) -> None:
    """A ``write_pdf`` finisher: let go of the laid-out pages once their PDF objects are made.

    WeasyPrint calls it after painting every page and building the structure tree, the last
    that read the pages' boxes, and before writing the file, which reads only the PDF objects:
    the boxes' memory then serves the writing (what their cycles hold stays until the worker
    ends: collecting it would take seconds, and the writing needs less than the rest frees).
    ``document.pages`` is empty afterwards, and the document cannot be written again.
    """
    document.pages.clear()
    return_free_memory()


INTERPRETER_PACE = (700, 10, 10)
"""CPython's default thresholds of the cycle collector (``gc.get_threshold()`` at start-up)."""

PR_SET_PDEATHSIG = 1
"""Linux prctl(2) option: the signal a process gets when the thread that made it ends."""


def start_worker(parent: int) -> None:
    """Set up a worker so that it ends with its parent, however the parent ends.

    Ctrl-C reaches every process of the terminal's group: the parent stops the workers, so they
    ignore it rather than each print a traceback. On Linux the kernel sends SIGTERM to a worker
    whose parent died (even by SIGKILL); a parent gone before that was set ends the worker now.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's handler, inherited by fork
    # Nor the command line's pace of collection (cli.commands.main): a render collects as the
    # patches and their measurements assume, from CPython's own pace.
    gc.set_threshold(*INTERPRETER_PACE)
    signal.signal(signal.SIGHUP, signal.SIG_DFL)
    if sys.platform == "linux":
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    if os.getppid() != parent:
        os._exit(1)


@dataclass(frozen=True)
class RenderJob:
    """What one render needs, sent to its worker process."""

    html: str
    path: Path
    base: Path
    roots: tuple[Path, ...]
    strict: bool = False
    patched: bool = True


def render_job(job: RenderJob) -> PdfResult:
    """Render one job in this process (the worker's side of ``html_to_pdf``)."""
    # What the worker inherited from its parent stays alive and unchanged: never traversed.
    gc.freeze()
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:  # OSError: Pango or HarfBuzz missing
        raise BuildError(
            f"cannot load WeasyPrint to write {job.path.name}: {exc}; `make report` installs"
            " what it needs"
        ) from exc

    fetcher = sealed_fetcher(job.roots)
    partial = job.path.with_name(job.path.name + ".partial")
    with weasyprint_warnings() as warnings, patches.applied(job.patched) as patched:
        try:
            job.path.parent.mkdir(parents=True, exist_ok=True)
            source = HTML(string=job.html, base_url=str(job.base) + os.sep, url_fetcher=fetcher)
            # The parser's own tree is garbage in cycles now; the patches leave full
            # collections to us, and this one is cheap while little else is alive.
            gc.collect()
            document = source.render(pdf_variant=PDF_VARIANT)
            if not patched:
                # The cycles the layout dropped: their memory then serves the writing of the
                # file. The patches collect them earlier, once the pages are paginated (the
                # box tree before pagination among them), and leave next to nothing here.
                gc.collect()
            return_free_memory()
            only_safe_links(document)
            pages = len(document.pages)
            # A content hash, not a random identifier, so that equal input gives equal bytes.
            document.write_pdf(
                partial, pdf_variant=PDF_VARIANT, pdf_identifier=True, finisher=release_pages
            )
        except OSError as exc:
            _discard(partial)
            raise BuildError(f"cannot write {job.path}: {exc.strerror or exc}") from exc
        except Exception as exc:  # WeasyPrint's own failure: say so, never an internal error
            _discard(partial)
            raise BuildError(
                f"WeasyPrint could not render {job.path.name}: {type(exc).__name__}: {exc}"
            ) from exc
        except BaseException:
            _discard(partial)  # never leave half a PDF behind, whatever failed
            raise
    if job.strict and warnings:
        _discard(partial)
        raise BuildError(
            f"WeasyPrint reported {len(warnings)} problem(s) while rendering {job.path.name}:\n"
            + "\n".join(warnings)
        )
    os.replace(partial, job.path)
    return PdfResult(path=job.path, pages=pages, warnings=tuple(warnings))


def write_pdf(
    context: RenderContext,
    path: Path,
    *,
    draft: bool | None = None,
    strict: bool = False,
    environ: Mapping[str, str] | None = None,
    edition_root: Path | None = None,
) -> PdfResult:
    """Write the printed report of ``context`` to ``path``.

    The internal audience's context marks every page INTERNAL - NOT FOR PUBLICATION and adds
    the audit annex; ``draft`` (default: the context's) marks every page DRAFT. ``environ``
    (default ``os.environ``) is read only for ``SOURCE_DATE_EPOCH``. The renderer may read the
    package's templates and fonts and, when given, the edition's own files; nothing else.
    """
    date = pdf_date(context.front.publication_date, os.environ if environ is None else environ)
    html = report_html(context, draft=context.draft if draft is None else draft, date=date)
    roots = [TEMPLATES_DIR, FONTS_DIR] + ([edition_root] if edition_root is not None else [])
    return html_to_pdf(html, path, base=TEMPLATES_DIR / "pdf", roots=roots, strict=strict)
