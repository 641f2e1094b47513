"""tierreport: the annual Human Smuggling Report, from per-country YAML to site, PDF and data.

The package is laid out as the pipeline runs, each stage taking the previous one's output and
knowing nothing of the next:

    load/       YAML -> plain data with the line and column of every key; the caches
    check/      plain data -> the records of model/, every problem located (check_edition)
    model/      the declared, immutable records: Edition, Standards, Country, Placement
    tiering/    pure rules: scoring, place(country, standards, year) -> Placement, rationale
    wording.py  the sentences the report prints about a placement
    render/     one render context; the site, the data files, and pdf/ (with patches/)
    build.py    check -> render, written atomically
    editorial/  the desk officers' year: init, new-country, rollover, status, preview, diff
    cli/        click only: parse options, call one function above, print

The public API is below (``__all__``); it is imported lazily, so that ``import tierreport``
(and every command) loads only what it uses.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_API = {
    "check_edition": "tierreport.check.edition",
    "CheckResult": "tierreport.check.edition",
    "place": "tierreport.tiering.place",
    "place_all": "tierreport.tiering.place",
    "build": "tierreport.build",
    "BuildResult": "tierreport.build",
    "Edition": "tierreport.model",
    "Country": "tierreport.model",
    "Standards": "tierreport.model",
    "Placement": "tierreport.model",
    "Problem": "tierreport.problems",
    "TierReportError": "tierreport.errors",
    "EditionError": "tierreport.errors",
    "BuildError": "tierreport.errors",
    "UnknownCountryError": "tierreport.errors",
}
__all__ = [
    "BuildError",
    "BuildResult",
    "CheckResult",
    "Country",
    "Edition",
    "EditionError",
    "Placement",
    "Problem",
    "Standards",
    "TierReportError",
    "UnknownCountryError",
    "__version__",
    "build",
    "check_edition",
    "place",
    "place_all",
]

if TYPE_CHECKING:
    from tierreport.build import BuildResult, build
    from tierreport.check.edition import CheckResult, check_edition
    from tierreport.errors import BuildError, EditionError, TierReportError, UnknownCountryError
    from tierreport.model import Country, Edition, Placement, Standards
    from tierreport.problems import Problem
    from tierreport.tiering.place import place, place_all


def __getattr__(name: str) -> Any:
    """Import a public name's module on first use (PEP 562)."""
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'tierreport' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
