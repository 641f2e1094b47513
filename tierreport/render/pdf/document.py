"""The printed report's HTML: ``templates/pdf/report.html`` filled from the render context.

The site and the PDF share one context (``render/context.py``), one Jinja environment and the
country fragments (``_country_body.html``, ``_scorecard.html``, ``_tables.html``); what is here
only the printed report needs: the contents, the page marks and the watermark.
"""

from __future__ import annotations

from urllib.parse import quote

from tierreport import __version__
from tierreport.model import TIER_LABELS
from tierreport.render.context import RenderContext
from tierreport.render.environment import environment
from tierreport.render.pdf.breaks import print_ready
from tierreport.wording import RUBRIC_HEADING

DRAFT_MARK = "DRAFT - NOT CLEARED FOR RELEASE"
"""Printed at the foot of every page of a ``--draft`` PDF."""
INTERNAL_MARK = "INTERNAL - NOT FOR PUBLICATION"
"""Printed at the foot of every page of the internal audience's PDF."""

# The DRAFT watermark drawn as strokes, not text, so that copying or extracting a page's text
# (and a screen reader) meets only the plain margin label above.
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
    + "".join(f"<path transform='translate({130 * i} 0)' d='{d}'/>" for i, d in enumerate(_LETTERS))
    + "</g></svg>"
)
DRAFT_WATERMARK = "data:image/svg+xml," + quote(_WATERMARK_SVG)
"""The page background of a draft: DRAFT across the page, diagonally, in light red."""


def sections(context: RenderContext) -> tuple[tuple[str, str], ...]:
    """(id, title) of every top-level section, in print order: the contents."""
    items = [("introduction", "Introduction")] if context.front.introduction.strip() else []
    items += [
        ("methodology", "Methodology"),
        *([("rubric", RUBRIC_HEADING)] if context.methodology.rubric else []),
        ("placements", "Tier placements"),
        ("placement-changes", "Tier placements and changes"),
        ("charts", "Tier map and charts"),
        ("law-enforcement", "Global law enforcement data"),
        ("chapters", "Country chapters"),
        ("conventions", "International conventions"),
        ("assistance", "Assistance annex"),
        ("glossary", "Glossary"),
    ]
    if context.internal:
        items.append(("audit", "Audit annex"))
    return tuple(items)


def chapter_id(code: str) -> str:
    """The HTML id of a country's chapter."""
    return f"country-{code}"


def report_html(context: RenderContext, *, draft: bool, date: str | None) -> str:
    """The whole printed report as one HTML document."""
    thresholds = {t.name: t.value for t in context.methodology.thresholds}
    html = (
        environment()
        .get_template("pdf/report.html")
        .render(
            ctx=context,
            sections=sections(context),
            t=thresholds,
            scores=context.methodology.scores,
            year=context.front.year,
            draft=draft,
            pdf_date=date,
            draft_mark=DRAFT_MARK,
            internal_mark=INTERNAL_MARK,
            draft_watermark=DRAFT_WATERMARK,
            tier_label=TIER_LABELS.__getitem__,
            version=__version__,
        )
    )
    return print_ready(html)
