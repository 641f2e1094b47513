"""The draft PDF, rebuilt in seconds after an edit: parts cached on disk, rendered in parallel.

The report is cut into parts (``report_parts``): the front matter, one part per country
chapter, the back matter. Each part is rendered on its own, with its page numbers starting
where it starts in the report, and cached as a PDF under a hash of everything that shapes it:
its whole HTML (so the country's data and the numbers it prints), the fingerprint of
tierreport's own files (code, templates, print stylesheet; ``tierreport.load.cache``), the
WeasyPrint and pydyf versions, and the page it starts on. A rebuild renders only the parts
whose hash is new, across the machine's cores, and merges the PDFs with pypdf, rebuilding the
outline and writing the contents' page numbers in.

Only the draft takes this path. The published PDF stays one tagged pass (``pdf.write_pdf``),
because merging PDFs loses their structure tree; a draft is for reading, not for publishing.
Links between parts (the contents to a chapter, for instance) are kept: each part keeps them as
URIs, and the merge points them at the destinations again (``render/merge.py``).
"""

from __future__ import annotations

import gc
import hashlib
import json
import multiprocessing
import os
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tierreport.errors import BuildError
from tierreport.load.cache import fingerprint, library_version
from tierreport.render.context import RenderContext
from tierreport.render.environment import TEMPLATES_DIR
from tierreport.render.pdf import patches
from tierreport.render.pdf.document import report_html
from tierreport.render.pdf.parts import PART_LINK, Part, Rendered, Report, split, with_pages
from tierreport.render.pdf.writer import (
    FONTS_DIR,
    PdfResult,
    only_safe_links,
    pdf_date,
    sealed_fetcher,
    start_worker,
    weasyprint_warnings,
)

PartsDone = Callable[[int, int], None]
"""Called with (parts rendered, parts to render) as a rebuild goes."""


@dataclass(frozen=True)
class Job:
    """One part to render: its document, where its PDF goes, and the anchors to report."""

    source: Path
    """The part's HTML, in a file beside its PDF. A job travels to its worker through a pipe:
    kept small, it never fills the pipe, which a stopped build's pool could then never drain
    (the executor's feeder thread would block on it, and the process with it, at exit)."""
    path: Path
    anchors: tuple[str, ...]
    roots: tuple[Path, ...]


def _render(job: Job) -> Rendered:
    """Render one part (in a worker process) and store it in the cache."""
    from weasyprint import HTML

    gc.freeze()  # what the worker inherited is never traversed (as ``writer.render_job``)
    with weasyprint_warnings() as warnings, patches.applied():  # as the publication PDF
        document = HTML(
            string=job.source.read_text("utf-8"),
            base_url=str(TEMPLATES_DIR / "pdf") + os.sep,
            url_fetcher=sealed_fetcher(job.roots),
        ).render()
        gc.collect()  # the layout's dropped cycles, before writing (as the publication PDF)
        only_safe_links(
            document, extra_schemes=(PART_LINK.rstrip(":"),)
        )  # links to other parts stay
        partial = job.path.with_name(job.path.name + f".{os.getpid()}.partial")
        document.write_pdf(partial, pdf_identifier=True)
    outline: list[tuple[str, int, int]] = []

    def walk(entries: Sequence[Any], level: int) -> None:
        for label, target, children, _state in entries:
            outline.append((label, level, target[0]))
            walk(children, level + 1)

    walk(document.make_bookmark_tree(), 1)
    wanted = set(job.anchors)
    anchors: dict[str, int] = {}
    for index, page in enumerate(document.pages):
        for name in page.anchors:
            if name in wanted:
                anchors.setdefault(name, index)  # where the element starts
    meta = {"pages": len(document.pages), "outline": outline, "anchors": anchors}
    _replace(job.path.with_suffix(".json"), json.dumps(meta))
    os.replace(partial, job.path)
    return Rendered(job.path, len(document.pages), tuple(outline), anchors, tuple(warnings))


def _replace(path: Path, text: str) -> None:
    """Write ``path`` as a new file, never into the one there.

    A build starts from hard links to the previous build's cache (``build.py``): writing into
    a linked file would change the previous build, which must stay as it was if this one fails.
    """
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)


class Cache:
    """Rendered parts on disk, by hash; and page counts by part content, whatever its start."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        try:
            from weasyprint import __version__ as weasyprint_version
        except ImportError as exc:
            raise BuildError(f"cannot load WeasyPrint to write the draft PDF: {exc}") from exc
        # The fingerprint covers tierreport's code, templates and print stylesheet.
        versions = f"{fingerprint()}|{weasyprint_version}|pydyf {library_version('pydyf')}"
        self.salt = hashlib.sha256(versions.encode()).hexdigest()
        self.counts_file = folder / "pages.json"
        try:
            self.counts: dict[str, int] = json.loads(self.counts_file.read_text("utf-8"))
        except (OSError, ValueError):
            self.counts = {}

    def key(self, text: str) -> str:
        """The cache key of a document or a part's content."""
        return hashlib.sha256((self.salt + text).encode()).hexdigest()[:32]

    def get(self, key: str) -> Rendered | None:
        """The cached rendering under ``key``, if any."""
        path = self.folder / f"{key}.pdf"
        try:
            meta = json.loads(path.with_suffix(".json").read_text("utf-8"))
        except (OSError, ValueError):
            return None
        if not path.is_file():
            return None
        outline = tuple((str(a), int(b), int(c)) for a, b, c in meta["outline"])
        return Rendered(path, int(meta["pages"]), outline, dict(meta["anchors"]))

    def keep(self, used: set[Path]) -> None:
        """Drop every cached part this build did not use; remember the page counts."""
        for found in self.folder.glob("*.pdf"):
            if found not in used:
                found.unlink(missing_ok=True)
                found.with_suffix(".json").unlink(missing_ok=True)
        _replace(self.counts_file, json.dumps(self.counts, sort_keys=True))


class Renderer:
    """Renders the parts a build needs that the cache lacks, in parallel."""

    def __init__(self, cache: Cache, roots: Sequence[Path], progress: PartsDone | None) -> None:
        self.cache = cache
        self.roots = tuple(roots)
        self.progress = progress
        self.warnings: list[str] = []
        self.rendered = 0

    def many(self, jobs: dict[str, tuple[str, tuple[str, ...]]]) -> dict[str, Rendered]:
        """Each document of ``jobs`` (name -> (html, anchors)) rendered or taken from cache."""
        done: dict[str, Rendered] = {}
        todo: dict[str, Job] = {}
        for name, (html, anchors) in jobs.items():
            key = self.cache.key(html)
            cached = self.cache.get(key)
            if cached is not None:
                done[name] = cached
            else:
                source = self.cache.folder / f"{key}.html"
                source.write_text(html, "utf-8")
                todo[name] = Job(source, self.cache.folder / f"{key}.pdf", anchors, self.roots)
        if not todo:
            return done
        try:
            return done | self._render_all(todo)
        finally:
            for job in todo.values():
                job.source.unlink(missing_ok=True)

    def _render_all(self, todo: dict[str, Job]) -> dict[str, Rendered]:
        """Render ``todo`` in worker processes; every part, or none."""
        done: dict[str, Rendered] = {}
        # Worker processes even for one part: the library patches never touch this process.
        workers = max(1, min(len(todo), len(os.sched_getaffinity(0))))
        before = set(multiprocessing.active_children())
        pool = ProcessPoolExecutor(
            max_workers=workers, initializer=start_worker, initargs=(os.getpid(),)
        )
        try:
            results: list[Rendered] = []
            for result in pool.map(_render, todo.values()):
                results.append(result)
                self._tick(len(todo))
        except BaseException:
            # A failed part, Ctrl-C, or SIGTERM raised as SystemExit (output.py): the other
            # workers would otherwise finish their parts, minutes for a long chapter, and
            # shutdown() would wait for them. They are stopped now.
            for child in set(multiprocessing.active_children()) - before:
                child.terminate()
            pool.shutdown(wait=False, cancel_futures=True)
            raise
        pool.shutdown()
        for name, result in zip(todo, results, strict=True):
            self.warnings.extend(result.warnings)
            done[name] = result
        return done

    def _tick(self, total: int) -> None:
        self.rendered += 1
        if self.progress is not None:
            self.progress(self.rendered, total)


def _body_key(cache: Cache, report: Report, part: Part) -> str:
    return cache.key(report.head + part.body)


def write_draft(
    html: str,
    path: Path,
    *,
    cache_dir: Path,
    roots: Sequence[Path],
    progress: PartsDone | None = None,
) -> tuple[int, tuple[str, ...]]:
    """Write the draft PDF of the one-pass report ``html`` to ``path`` from cached parts.

    Returns the page count and WeasyPrint's warnings. ``path`` is written atomically.
    """
    from tierreport.render.pdf.merge import merge_parts

    report = split(html)
    cache = Cache(cache_dir)
    renderer = Renderer(cache, roots, progress)
    settled = _settle(report, cache, renderer)
    cache.counts = _page_counts(report, cache, settled)
    ordered = [
        ("front", settled.front),
        *((p.name, settled.parts[p.name]) for p in report.chapters),
        ("back", settled.parts["back"]),
    ]
    pages = merge_parts(ordered, path)
    cache.keep({r.path for _, r in ordered})
    return pages, tuple(renderer.warnings)


@dataclass(frozen=True)
class _Settled:
    """The parts of a draft, each rendered for the page it starts on."""

    front: Rendered
    parts: dict[str, Rendered]
    """The chapters by name, and ``back``."""
    counts: dict[str, int]
    """Each chapter's page count."""


def _settle(report: Report, cache: Cache, renderer: Renderer) -> _Settled:
    """Render the parts until each starts on the page the others' links assumed (8 rounds).

    Page counts do not depend on the first page number (no left/right page styles), so a
    count known from an earlier build (by content, else by chapter) places every part before
    anything is rendered; a guess proved wrong moves the parts after it, which render again.
    """
    guess = {
        p.name: cache.counts.get(_body_key(cache, report, p)) or cache.counts.get(p.name) or 1
        for p in report.chapters
    }
    front_pages = cache.counts.get(_body_key(cache, report, report.front)) or cache.counts.get(
        "front"
    )
    for _attempt in range(8):
        if front_pages is None:
            front_pages = _render_front(report, renderer, {}).pages
        starts, back_start = _starts(report, front_pages, guess)
        parts = _render_body(report, renderer, starts, back_start)
        actual = {p.name: parts[p.name].pages for p in report.chapters}
        if actual != guess:
            guess = actual
            continue
        back = {anchor: back_start + i for anchor, i in parts["back"].anchors.items()}
        front = _render_front(report, renderer, {**starts, **back})
        if front.pages == front_pages:
            return _Settled(front, parts, guess)
        front_pages = front.pages  # the contents grew or shrank: place everything again
    raise BuildError("the draft PDF's parts did not settle on their pages; build again")


def _starts(
    report: Report, front_pages: int, counts: Mapping[str, int]
) -> tuple[dict[str, int], int]:
    """The first page of each chapter after ``front_pages``, and of the back matter."""
    starts, page = {}, front_pages + 1
    for part in report.chapters:
        starts[part.name] = page
        page += counts[part.name]
    return starts, page


def _render_front(report: Report, renderer: Renderer, numbers: Mapping[str, int]) -> Rendered:
    """The front matter, its contents printing ``numbers`` (none yet: only to count pages)."""
    return renderer.many({"front": (with_pages(report, report.front, 1, numbers), ())})["front"]


def _render_body(
    report: Report, renderer: Renderer, starts: dict[str, int], back_start: int
) -> dict[str, Rendered]:
    """The chapters and the back matter, each from its first page; the back reports where
    its anchors fall (the contents print them)."""
    numbers = dict(starts)
    jobs: dict[str, tuple[str, tuple[str, ...]]] = {
        p.name: (with_pages(report, p, starts[p.name], numbers), ()) for p in report.chapters
    }
    back_ids = tuple(sorted(report.back.ids))
    jobs["back"] = (with_pages(report, report.back, back_start, numbers), back_ids)
    return renderer.many(jobs)


def _page_counts(report: Report, cache: Cache, settled: _Settled) -> dict[str, int]:
    """Each part's page count, by content and by name, for the next build's first guess.

    Only this build's: the cache does not grow edit after edit.
    """
    front = settled.front.pages
    counts = {"front": front, _body_key(cache, report, report.front): front}
    for part in report.chapters:
        counts[_body_key(cache, report, part)] = counts[part.name] = settled.counts[part.name]
    return counts


def write_draft_pdf(
    context: RenderContext,
    path: Path,
    *,
    cache_dir: Path,
    environ: Mapping[str, str] | None = None,
    edition_root: Path | None = None,
    progress: PartsDone | None = None,
) -> PdfResult:
    """Write the draft PDF of ``context`` to ``path``, reusing the parts cached in ``cache_dir``.

    The same document as ``pdf.write_pdf`` renders, marked DRAFT, read through the same sealed
    fetcher; only the rendering is cut in parts.
    """
    date = pdf_date(context.front.publication_date, os.environ if environ is None else environ)
    html = report_html(context, draft=True, date=date)
    roots = [TEMPLATES_DIR, FONTS_DIR] + ([edition_root] if edition_root is not None else [])
    try:
        pages, warnings = write_draft(
            html, path, cache_dir=cache_dir, roots=roots, progress=progress
        )
    except OSError as exc:  # the cache or a part could not be written
        raise BuildError(f"cannot write the draft PDF {path}: {exc.strerror or exc}") from exc
    return PdfResult(path=path, pages=pages, warnings=warnings)
