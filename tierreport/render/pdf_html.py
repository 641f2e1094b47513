"""The printed report's HTML: ``templates/pdf/report.html`` filled from the edition.

Autoescape is on and undefined names are errors (``StrictUndefined``); Markdown is rendered
without raw HTML and with only http(s), mailto and relative links, as on the site.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from functools import cache
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markdown_it import MarkdownIt
from markupsafe import Markup

from tierreport import __version__, words
from tierreport.model import TIER_LABELS, Edition, Placement, Thresholds
from tierreport.render.pdf import DRAFT_MARK, INTERNAL_MARK, TEMPLATES_DIR
from tierreport.render.pdf_parts import (
    FINDING_LABELS,
    LAW_ENFORCEMENT_FIELDS,
    TREATIES,
    Audience,
    format_date,
    print_parts,
)

CHANGE_LABELS = {
    "upgrade": "Upgraded",
    "downgrade": "Downgraded",
    "same": "No change",
    "new": "New in the report",
    "n/a": "Not ranked",
}

SAFE_LINK = ("http://", "https://", "mailto:", "#")


# The DRAFT watermark drawn as strokes, not text, so that copying or extracting a page's text
# (and a screen reader) meets only the plain "DRAFT - NOT CLEARED FOR RELEASE" margin label.
_LETTERS = (
    "M0,0 H50 Q100,0 100,70 Q100,140 50,140 H0 Z",  # D
    "M0,140 V0 H60 Q100,0 100,37 Q100,75 60,75 H0 M55,75 L100,140",  # R
    "M0,140 L50,0 L100,140 M20,90 H80",  # A
    "M100,0 H0 V140 M0,70 H75",  # F
    "M0,0 H100 M50,0 V140",  # T
)
_WATERMARK_SVG = (
    "<svg xmlns='http://www.w3.org/2000/svg' width='612' height='792' viewBox='0 0 612 792'>"
    "<g transform='translate(306 396) rotate(-45) scale(0.8) translate(-310 -70)' fill='none' "
    "stroke='#b22222' stroke-opacity='0.12' stroke-width='14' stroke-linejoin='round'>"
    + "".join(
        f"<path transform='translate({130 * i} 0)' d='{d}'/>" for i, d in enumerate(_LETTERS)
    )
    + "</g></svg>"
)
DRAFT_WATERMARK = "data:image/svg+xml," + quote(_WATERMARK_SVG)
"""The page background of a draft: DRAFT across the page, diagonally, in light red."""


def _markdown_engine() -> MarkdownIt:
    engine = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})

    def validate_link(url: str) -> bool:
        # Only web, mail and in-document links: no javascript:, data: or file: in a publication.
        lowered = url.strip().lower()
        return lowered.startswith(SAFE_LINK) or ":" not in lowered.split("/")[0]

    engine.validateLink = validate_link  # type: ignore[method-assign]
    return engine


_MARKDOWN = _markdown_engine()


def markdown(text: str | None) -> Markup:
    """Markdown blocks as HTML (raw HTML is shown as text, never passed through)."""
    return Markup(_MARKDOWN.render(text or ""))  # markdown-it escaped the text


def markdown_inline(text: str | None) -> Markup:
    """One paragraph of Markdown as inline HTML (no surrounding ``<p>``)."""
    return Markup(_MARKDOWN.renderInline(text or ""))


NOT_REPORTED = "\u2013"
"""An en dash: printed where a government reported nothing."""


def figure(value: int | None) -> str:
    """A count with thousands separators; an en dash where nothing was reported."""
    return NOT_REPORTED if value is None else f"{value:,}"


def score(value: Decimal) -> str:
    """An efforts score to two decimals."""
    return f"{value:.2f}"


def yesno(value: bool | None) -> str:
    """Yes, No, or an en dash where nothing was reported."""
    return NOT_REPORTED if value is None else ("Yes" if value else "No")


@cache
def environment() -> Environment:
    """The Jinja environment of the printed report."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters.update(
        markdown=markdown,
        markdown_inline=markdown_inline,
        longdate=format_date,
        figure=figure,
        score=score,
        yesno=yesno,
    )
    env.globals.update(
        tier_label=TIER_LABELS.__getitem__,
        change_label=CHANGE_LABELS.__getitem__,
        finding_label=lambda f: FINDING_LABELS.get(f, f.capitalize()),
        determination_label=lambda d: words.DETERMINATIONS[d].capitalize(),
        justification=words.justification,
        tier_definitions=words.TIER_DEFINITIONS,
        law_fields=LAW_ENFORCEMENT_FIELDS,
        treaties=TREATIES,
        draft_mark=DRAFT_MARK,
        draft_watermark=DRAFT_WATERMARK,
        internal_mark=INTERNAL_MARK,
        version=__version__,
    )
    return env


def threshold_rows(thresholds: Thresholds) -> list[tuple[str, object, str]]:
    """(name, value, meaning) for every threshold; the meaning is the field's docstring."""
    rows = []
    for name, spec in Thresholds.model_fields.items():
        meaning = " ".join((spec.description or "").split())
        rows.append((name, getattr(thresholds, name), meaning))
    return rows


def sections(edition: Edition, audience: Audience) -> list[tuple[str, str]]:
    """(id, title) of every top-level section, in print order: the contents."""
    items = [("introduction", "Introduction")] if edition.introduction.strip() else []
    items += [
        ("methodology", "Methodology"),
        ("placements", "Tier placements"),
        ("charts", "Tier map and charts"),
        ("law-enforcement", "Global law enforcement data"),
        ("chapters", "Country chapters"),
        ("conventions", "International conventions"),
        ("assistance", "Assistance annex"),
        ("glossary", "Glossary"),
    ]
    if audience == "internal":
        items.append(("audit", "Audit annex"))
    return items


def report_html(
    edition: Edition,
    placements: Sequence[Placement],
    *,
    audience: Audience,
    draft: bool,
    date: str | None,
    charts: Sequence[object] = (),
) -> str:
    """The whole printed report as one HTML document."""
    template = environment().get_template("pdf/report.html")
    return template.render(
        edition=edition,
        parts=print_parts(edition, placements, audience),
        sections=sections(edition, audience),
        thresholds=threshold_rows(edition.standards.thresholds),
        introduction=markdown(edition.introduction) if edition.introduction.strip() else "",
        charts=charts,
        draft=draft,
        pdf_date=date,
    )
