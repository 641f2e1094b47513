"""``tierreport`` with the path search (METHODOLOGY 2c) replaced by one that finds nothing.

For ``make bench`` only: the HTML site and data built this way, beside the real build, show
what computing and printing every path adds to ``build --only html,data`` (issue 13: at most
10%). The rules themselves are untouched: only the search for paths is left out.
"""

from __future__ import annotations

from typing import Any

from tierreport.check import countries
from tierreport.cli.commands import main
from tierreport.model import PathSet
from tierreport.tiering import place as tiering

CACHE_FOLDER = ".tierreport-cache-without-paths"
"""Where this build keeps what the edition's country files gave: never with the real build's
cache, whose placements hold their paths (a placement kept here has none)."""


def no_paths(*args: Any) -> tuple[tuple[PathSet, ...], tuple[PathSet, ...]]:
    """No path up and no path down, found at no cost."""
    return (), ()


if __name__ == "__main__":
    # place() looks the search up in its own module, so the stand-in goes there.
    tiering.paths = no_paths
    countries.CACHE_FOLDER = CACHE_FOLDER  # read by EditionCache.at when the build starts
    main()
