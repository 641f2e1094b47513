"""``tierreport preview``: one country's page and chapter, HTML and PDF, rendered alone.

Only the settings, the standards and the one country file are read and checked, so a preview
neither waits for nor is blocked by the other countries. The page and the chapter are rendered
by the site's and the PDF's own templates from the shared render context, into a directory of
their own (``build/preview/CODE/`` by default), never into the publication.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from tierreport import __version__
from tierreport.editorial.template import read_setup
from tierreport.engine_checks import engine_problems
from tierreport.errors import EditionError, TierReportError, UnknownCountryError
from tierreport.load import read_yaml
from tierreport.messages import validation_problems
from tierreport.model import Country, Edition
from tierreport.problems import Problem, sort_problems
from tierreport.render.context import Audience, build_context
from tierreport.render.environment import TEMPLATES_DIR, environment
from tierreport.render.html import STATIC
from tierreport.render.pdf import FONTS_DIR, html_to_pdf
from tierreport.render.pdf_html import DRAFT_MARK, DRAFT_WATERMARK
from tierreport.rules import country_problems
from tierreport.tiering import place
from tierreport.validate import COUNTRIES_DIR

POLL_SECONDS = 0.5


@dataclass(frozen=True)
class Preview:
    """What one preview wrote, and the warnings ``check`` has for the country."""

    html: Path
    pdf: Path
    pages: int
    warnings: tuple[Problem, ...]


def default_out(root: Path, code: str) -> Path:
    """Where a preview goes by default: ``build/preview/CODE/`` in the edition."""
    return root / "build" / "preview" / code.upper()


def country_file(root: Path, code: str) -> Path:
    """The file of country ``code``; UnknownCountryError names the nearest files if none."""
    code = code.upper()
    for suffix in (".yaml", ".yml"):
        path = root / COUNTRIES_DIR / f"{code}{suffix}"
        if path.is_file():
            return path
    known = sorted(p.stem for p in (root / COUNTRIES_DIR).glob("*.y*ml"))
    near = [k for k in known if k[:2] == code[:2]] or known[:3]
    hint = f"; did you mean {', '.join(near[:3])}?" if near else ""
    raise UnknownCountryError(f"no file {COUNTRIES_DIR}/{code}.yaml in {root}{hint}")


def one_country_edition(root: Path, code: str) -> tuple[Edition, list[Problem]]:
    """The edition reduced to one country, checked; raises EditionError if it has errors."""
    config, standards = read_setup(root)
    path = country_file(root, code)
    display = f"{COUNTRIES_DIR}/{path.name}"
    loaded = read_yaml(path, display, root=root)
    problems = list(loaded.problems)
    country = None
    if loaded.ok and isinstance(loaded.data, dict):
        try:
            country = Country.model_validate(loaded.data)
        except ValidationError as exc:
            problems += validation_problems(exc, Country, loaded.data, loaded.source_map)
    elif loaded.ok:
        problems.append(Problem(display, 1, 1, "error", "expected a country file: a mapping"))
    if country is not None:
        problems += country_problems(
            country, path.stem, loaded.source_map, config, standards, config.standards
        )
    if country is None or any(p.severity == "error" for p in problems):
        raise EditionError(sort_problems(p for p in problems if p.severity == "error"))
    edition = Edition(
        root=root,
        config=config,
        standards=standards,
        countries=(country,),
        maps={country.code: loaded.source_map},
        files={country.code: display},
    )
    problems += engine_problems(edition)
    if any(p.severity == "error" for p in problems):
        raise EditionError(sort_problems(p for p in problems if p.severity == "error"))
    return edition, sort_problems(problems)


def preview(root: Path, code: str, out: Path, audience: Audience = "public") -> Preview:
    """Render country ``code``'s site page and printed chapter into ``out``."""
    edition, problems = one_country_edition(root, code)
    country = edition.countries[0]
    placement = place(country, edition.standards, edition.year)
    context = build_context(edition, [placement], audience=audience, draft=True)
    record = context.countries[0]
    env = environment()
    # No navigation: the site's other pages are not in a preview, so their links would be dead.
    page = env.get_template("country.html").render(
        ctx=context, nav=(), downloads=(), page="", title=record.heading, root="", country=record
    )
    out.mkdir(parents=True, exist_ok=True)
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
        chapter,
        out / f"{country.code}.pdf",
        base=TEMPLATES_DIR / "pdf",
        roots=[TEMPLATES_DIR, FONTS_DIR, root],
    )
    return Preview(html, pdf.path, pdf.pages, tuple(p for p in problems if p.severity == "warning"))


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

    Polls the files' modification times every ``interval`` seconds; ``report`` receives each
    preview, or the error that stopped one (a save that does not check, a file removed): the
    watch goes on. Stops after
    ``iterations`` polls (None: until interrupted). Returns the number of previews attempted.
    """
    files = [country_file(root, code), root / "edition.yaml"]
    files.append(root / read_setup(root)[0].standards)
    seen: tuple[float, ...] | None = None
    attempts = polls = 0
    while iterations is None or polls < iterations:
        stamps = tuple(p.stat().st_mtime_ns if p.exists() else -1.0 for p in files)
        if stamps != seen:
            seen = stamps
            attempts += 1
            try:
                outcome: Preview | TierReportError = preview(root, code, out, audience)
            except TierReportError as exc:  # a bad save, a deleted file: say so, keep watching
                outcome = exc
            report(outcome)
        polls += 1
        if iterations is None or polls < iterations:
            time.sleep(interval)
    return attempts
