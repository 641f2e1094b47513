"""The public API: what ``tierreport.__all__`` names exists and works from the package."""

from __future__ import annotations

import subprocess
import sys

import tierreport
from tests.conftest import REPO


def test_every_public_name_resolves() -> None:
    assert set(tierreport.__all__) == {"__version__", *tierreport._API}
    for name in tierreport.__all__:
        assert getattr(tierreport, name) is not None, name


def test_check_edition_places_every_country_once() -> None:
    result = tierreport.check_edition(REPO)
    edition, placements = result.valid()
    assert [p.code for p in placements] == [c.code for c in edition.countries]
    assert placements == tierreport.place_all(edition)
    assert isinstance(placements[0], tierreport.Placement)


def test_importing_the_package_loads_no_renderer() -> None:
    code = (
        "import sys, tierreport; print('tierreport.render' in sys.modules, 'jinja2' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
