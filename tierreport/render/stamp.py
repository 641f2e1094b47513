"""The one date every output bears: the report's publication date, else SOURCE_DATE_EPOCH.

The site, the data files and the PDF never read the clock. The publication date in
``edition.yaml`` wins because it is the date the report bears; without one,
``SOURCE_DATE_EPOCH`` (the reproducible-builds convention) gives a fixed UTC time; with neither,
the data files fall back to the end of the reporting period and the PDF carries no date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from tierreport.errors import BuildError


@dataclass(frozen=True)
class Stamp:
    """A date to write, and whether it came from SOURCE_DATE_EPOCH (a time) or the edition."""

    when: dt.datetime
    from_epoch: bool


def report_stamp(publication_date: dt.date | None, environ: Mapping[str, str]) -> Stamp | None:
    """The publication date, else SOURCE_DATE_EPOCH (UTC), else None."""
    if publication_date is not None:
        day = publication_date
        return Stamp(dt.datetime(day.year, day.month, day.day), from_epoch=False)
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return None
    try:
        seconds = int(epoch)
    except ValueError:
        raise BuildError(
            f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, got {epoch[:40]!r}"
        ) from None
    try:
        when = dt.datetime.fromtimestamp(seconds, tz=dt.UTC).replace(tzinfo=None)
    except (OverflowError, OSError, ValueError):
        raise BuildError(
            f"SOURCE_DATE_EPOCH {epoch[:40]} is not a date between the years 1 and 9999"
        ) from None
    return Stamp(when, from_epoch=True)
