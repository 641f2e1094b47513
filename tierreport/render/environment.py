"""The one Jinja environment of the publication, shared by the site and the PDF.

Autoescape is on for every template and an undefined name is an error (``StrictUndefined``), so
a typo in a template fails the build instead of printing nothing. Templates receive the plain
records of ``render/context.py``; the filters here only format values.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from tierreport import wording as words
from tierreport.model import TIER_LABELS
from tierreport.render import markdown
from tierreport.render.compiled import compiled_loader
from tierreport.render.summaries import Reported
from tierreport.tiering.scoring import score_text
from tierreport.wording import (
    LAW_COUNTS,
    RUBRIC_HEADING,
    RUBRIC_INTRO,
    SMUGGLING_AND_TRAFFICKING,
    TREATIES,
)

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"
"""The package's templates: site pages, fragments ``_*.html``, ``pdf/`` and the CSS."""

NOT_REPORTED = "\u2013"
"""An en dash: printed where a government reported nothing."""


def figure(value: int | Reported | str | None) -> str:
    """A count with thousands separators; an en dash where nothing was reported.

    A total of the global tables is followed by the number of countries that reported it in
    brackets (``35,552 (13)``); text (a percentage, a worded score such as ``+0.33``) is
    printed as it is.
    """
    if isinstance(value, Reported):
        return NOT_REPORTED if value.total is None else f"{value.total:,} ({value.countries})"
    if isinstance(value, str):
        return value or NOT_REPORTED
    return NOT_REPORTED if value is None else f"{value:,}"


def usd(value: int | None) -> str:
    """An amount in U.S. dollars: ``$12,500,000``."""
    return NOT_REPORTED if value is None else f"${value:,}"


def score(value: Decimal | None) -> str:
    """An efforts score as every output prints it (``score_text``); an en dash if unranked."""
    return NOT_REPORTED if value is None else score_text(value)


def yesno(value: bool | None) -> str:
    """Yes, No, or an en dash where nothing was reported."""
    return NOT_REPORTED if value is None else ("Yes" if value else "No")


def longdate(day: dt.date | None) -> str:
    """A date as the report prints it, ``15 June 2027``; empty for none."""
    return "" if day is None else words.long_date(day)


@cache
def environment(templates: Path = TEMPLATES_DIR, *, compiled: bool = True) -> Environment:
    """The shared environment, loading templates from ``templates`` (the package's by default).

    Cached per directory: building a site renders some forty pages through one environment, and
    Jinja compiles each template once. With ``compiled``, the templates come compiled from the
    installation when it holds them as they are today (``render/compiled.py``).
    """
    loader = compiled_loader(templates) if compiled else None
    env = Environment(
        loader=loader or FileSystemLoader(templates),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        markdown=markdown.render,
        markdown_inline=markdown.render_inline,
        figure=figure,
        usd=usd,
        score=score,
        yesno=yesno,
        longdate=longdate,
    )
    env.globals.update(
        law_fields=LAW_COUNTS,
        treaties=TREATIES,
        tier_labels=TIER_LABELS,
        tier_label=TIER_LABELS.__getitem__,
        rubric_heading=RUBRIC_HEADING,
        rubric_intro=RUBRIC_INTRO,
        smuggling_and_trafficking=SMUGGLING_AND_TRAFFICKING,
        history_heading=words.HISTORY_HEADING,
    )
    return env
