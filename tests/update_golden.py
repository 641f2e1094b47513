"""Rewrite the golden files of the example edition's key pages: ``make golden``.

Run it after an intended change to the templates, the context or the example edition, then
review ``git diff tests/golden`` as the change a reader would see.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from tests.conftest import copy_edition
from tierreport.build import build

GOLDEN = Path(__file__).parent / "golden"

KEY_FILES = (
    "site/index.html",
    "site/methodology.html",
    "site/placements.html",
    "site/watch-list.html",
    "site/assistance.html",
    "site/law-enforcement.html",
    "site/countries/XAR.html",
    "site/countries/XJO.html",
    "data/placements.csv",
    "data/findings.csv",
    "data/law-enforcement.csv",
    "data/assistance.csv",
    "data/tiers-history.csv",
)
"""The outputs kept as golden files, relative to the build directory."""


def build_example(work: Path) -> Path:
    """Build the example edition's site and data into ``work``; return the build directory."""
    edition = copy_edition("example", work / "edition")
    build(edition, work / "out", only=("html", "data"), environ={})
    return work / "out"


def main() -> int:
    with tempfile.TemporaryDirectory() as work:
        out = build_example(Path(work))
        if GOLDEN.exists():
            shutil.rmtree(GOLDEN)
        for name in KEY_FILES:
            target = GOLDEN / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(out / name, target)
    print(f"wrote {len(KEY_FILES)} golden files to {GOLDEN}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
