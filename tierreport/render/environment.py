"""The one Jinja environment of the publication, shared by the site and the PDF.

Autoescape is on for every template and an undefined name is an error (``StrictUndefined``), so
a typo in a template fails the build instead of printing nothing. Templates receive the plain
records of ``render/context.py``; the filters here only format values.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
from decimal import Decimal
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined
from jinja2.bccache import Bucket

from tierreport import wording as words
from tierreport.model import TIER_LABELS
from tierreport.render import markdown
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
def environment(templates: Path = TEMPLATES_DIR) -> Environment:
    """The shared environment, loading templates from ``templates`` (the package's by default).

    Cached per directory: building a site renders some forty pages through one environment, and
    Jinja compiles each template once.
    """
    env = Environment(
        loader=FileSystemLoader(templates),
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


class CompiledTemplates(FileSystemBytecodeCache):
    """The templates as Jinja compiles them (Python bytecode), kept in a folder of the build
    cache so that a rebuild does not compile them again (``build``: ``OUT/.cache/templates``).

    Jinja checks each file against its template's source and its own version; the folder is
    named after tierreport's fingerprint (``load.cache``), which covers the environment's
    settings and filters. Unlike the other caches this one holds code, so it is read only from
    a folder and files of the user's own that nobody else may write or read (Jinja's rule for
    its default cache folder); anything else is compiled afresh.
    """

    def __init__(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        directory.chmod(stat.S_IRWXU)
        super().__init__(str(directory))

    def load_bytecode(self, bucket: Bucket) -> None:
        getuid = getattr(os, "getuid", None)
        if getuid is None:  # no owners to check (Windows): compile
            return
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        try:
            folder = os.lstat(self.directory)
            descriptor = os.open(self._get_cache_filename(bucket), flags)
        except OSError:
            return
        with os.fdopen(descriptor, "rb") as stream:
            found = os.fstat(descriptor)
            own = found.st_uid == folder.st_uid == getuid()
            private = not stat.S_IMODE(found.st_mode) & 0o077
            if (
                own
                and private
                and stat.S_ISREG(found.st_mode)
                and stat.S_ISDIR(folder.st_mode)
                and stat.S_IMODE(folder.st_mode) == stat.S_IRWXU
            ):
                bucket.load_bytecode(stream)
