"""``tierreport preview``: one country's page and chapter, HTML and PDF, rendered alone.

Only the settings, the standards and the one country file are read and checked, so a preview
neither waits for nor is blocked by the other countries. The page and the chapter are rendered
by the site's and the PDF's own templates from the shared render context, into a directory of
their own (``build-preview/CODE/`` by default, ``build-internal-preview/CODE/`` for the internal
audience), never into a build. The code must be three letters, so it names a file in
``countries/`` and a folder in the preview folder and nothing else.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tierreport import __version__
from tierreport.check.countries import COUNTRIES_DIR
from tierreport.check.edition import check_edition
from tierreport.editorial.template import checked_code
from tierreport.errors import BuildError, TierReportError, UnknownCountryError
from tierreport.model import Edition, Placement
from tierreport.output import preview_place
from tierreport.problems import Problem
from tierreport.render.context import Audience, build_context
from tierreport.render.environment import TEMPLATES_DIR, environment
from tierreport.render.pdf.breaks import print_ready
from tierreport.render.pdf.document import DRAFT_MARK, DRAFT_WATERMARK
from tierreport.render.pdf.writer import FONTS_DIR, html_to_pdf
from tierreport.render.site import STATIC
from tierreport.watching import file_stamps, poll

POLL_SECONDS = 0.5


@dataclass(frozen=True)
class Preview:
    """What one preview wrote, and the warnings ``check`` has for the country."""

    html: Path
    pdf: Path
    pages: int
    warnings: tuple[Problem, ...]


PREVIEW_DIRS: dict[Audience, str] = {
    "public": "build-preview",
    "internal": "build-internal-preview",
}
"""The folders in the edition that hold each audience's previews, one folder per country."""


def default_out(root: Path, code: str, audience: Audience = "public") -> Path:
    """Where a preview goes by default: ``build-preview/CODE/`` in the edition (internal:
    ``build-internal-preview/CODE/``), outside any build so no upload of one carries it."""
    return root / PREVIEW_DIRS[audience] / checked_code(code)


def country_file(root: Path, code: str) -> Path:
    """The file of country ``code``; UnknownCountryError names the nearest files if none."""
    code = checked_code(code)
    for suffix in (".yaml", ".yml"):
        path = root / COUNTRIES_DIR / f"{code}{suffix}"
        if path.is_file():
            return path
    known = sorted(p.stem for p in (root / COUNTRIES_DIR).glob("*.y*ml"))
    near = [k for k in known if k[:2] == code[:2]] or known[:3]
    hint = f"; did you mean {', '.join(near[:3])}?" if near else ""
    raise UnknownCountryError(f"no file {COUNTRIES_DIR}/{code}.yaml in {root}{hint}")


def one_country_edition(root: Path, code: str) -> tuple[Edition, Placement, list[Problem]]:
    """The edition reduced to one country, checked as ``check`` checks it; its placement and
    warnings. Raises EditionError when the settings, the standards or the country have errors.
    """
    path = country_file(root, code)
    result = check_edition(root, only={path.stem})
    edition, placements = result.valid()
    return edition, placements[0], result.warnings


def preview(root: Path, code: str, out: Path, audience: Audience = "public") -> Preview:
    """Render country ``code``'s site page and printed chapter into ``out``."""
    edition, placement, warnings = one_country_edition(root, code)
    country = edition.countries[0]
    context = build_context(edition, [placement], audience=audience, draft=True)
    record = context.countries[0]
    env = environment()
    # No navigation: the site's other pages are not in a preview, so their links would be dead.
    page = env.get_template("country.html").render(
        ctx=context, nav=(), downloads=(), page="", title=record.heading, root="", country=record
    )
    preview_place(out, root, audience)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BuildError(f"cannot create {out}: {exc.strerror or exc}") from exc
    html = out / f"{country.code}.html"
    html.write_bytes(page.encode("utf-8"))
    for name in STATIC:
        shutil.copyfile(TEMPLATES_DIR / name, out / name)
    chapter = env.get_template("pdf/chapter.html").render(
        ctx=context,
        country=record,
        version=__version__,
        draft_mark=DRAFT_MARK,
        draft_watermark=DRAFT_WATERMARK,
    )
    pdf = html_to_pdf(
        print_ready(chapter),
        out / f"{country.code}.pdf",
        base=TEMPLATES_DIR / "pdf",
        roots=[TEMPLATES_DIR, FONTS_DIR, root],
    )
    return Preview(html, pdf.path, pdf.pages, tuple(warnings))


def watch(
    root: Path,
    code: str,
    out: Path,
    report: Callable[[Preview | TierReportError], None],
    *,
    audience: Audience = "public",
    iterations: int | None = None,
    interval: float = POLL_SECONDS,
) -> int:
    """Preview now, then again each time the country file, the settings or standards change.

    Polls the files' stamps every ``interval`` seconds (``watching.poll``); ``report``
    receives each preview, or the error that stopped one (a save that does not check, a file
    removed): the watch goes on. Stops after ``iterations`` polls (None: until interrupted).
    Returns the number of previews attempted.
    """
    files = [country_file(root, code), root / "edition.yaml"]
    files.append(root / check_edition(root, only=()).valid()[0].config.standards)

    def act(before: object, now: object) -> None:
        try:
            outcome: Preview | TierReportError = preview(root, code, out, audience)
        except TierReportError as exc:  # a bad save, a deleted file: say so, keep watching
            outcome = exc
        report(outcome)

    return poll(lambda: file_stamps(files), act, iterations=iterations, interval=interval)
