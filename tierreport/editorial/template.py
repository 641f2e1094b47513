"""UN member states, their regional bureaus, and the commented template of a draft country file.

The list of states and their bureaus is data (``tierreport/data/bureaus.csv``), names come from
pycountry's ISO 3166 data, and every draft is rendered from one Jinja template
(``tierreport/data/country-template.yaml.j2``) so that ``init`` and ``new-country`` agree.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any, TypeVar

import jinja2
import pycountry
from pydantic import BaseModel, ValidationError

from tierreport.errors import EditionError
from tierreport.load import read_yaml
from tierreport.messages import validation_problems
from tierreport.model import EditionConfig, Standards
from tierreport.problems import Problem

M = TypeVar("M", bound=BaseModel)
DATA = files("tierreport") / "data"
REGIONS: dict[str, str] = {
    "AF": "Africa",
    "EAP": "East Asia and the Pacific",
    "EUR": "Europe",
    "NEA": "Near East",
    "SCA": "South and Central Asia",
    "WHA": "Western Hemisphere",
}
"""The six regional bureaus of the State Department, as edition.yaml names them."""
USER_ASSIGNED = re.compile(r"^X[A-Z]{2}$")
"""ISO 3166-1 leaves XAA-XZZ to users: fictional or non-state entries."""


@dataclass(frozen=True)
class State:
    """A UN member or observer state and its regional bureau."""

    code: str
    bureau: str
    un_status: str
    """``member`` or ``observer``."""


@cache
def un_states() -> tuple[State, ...]:
    """Every UN member and observer state with its bureau, from ``data/bureaus.csv``."""
    text = (DATA / "bureaus.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    return tuple(State(row["code"], row["bureau"], row["un_status"]) for row in rows)


def bureau_of(code: str) -> str | None:
    """The regional bureau of a UN member or observer state, or None."""
    return next((s.bureau for s in un_states() if s.code == code), None)


def iso_name(code: str) -> str | None:
    """The name of an ISO 3166-1 alpha-3 code as a report prints it, or None if unknown.

    pycountry's short names put the form of state last ("Korea, Republic of"); a report writes
    the common name when there is one ("South Korea"), else the name in reading order.
    """
    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        return None
    common: str | None = getattr(country, "common_name", None)
    if common:
        return common
    name = re.sub(r"\s*\(.*\)$", "", str(country.name))
    if ", " in name:
        head, tail = name.split(", ", 1)
        name = f"{tail} {head}"
    return name[4:] if name.startswith("The ") else name


def _yaml_text(value: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


@cache
def _environment() -> jinja2.Environment:
    # YAML is not HTML: escaping would corrupt names; _yaml_text quotes what needs quoting.
    env = jinja2.Environment(
        loader=jinja2.FunctionLoader(lambda name: (DATA / name).read_text(encoding="utf-8")),
        autoescape=False,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["yaml_text"] = _yaml_text
    return env


def render(template: str, **context: Any) -> str:
    """Render one of the package's data templates."""
    return _environment().get_template(template).render(**context)


def country_text(
    code: str, name: str, region: str, config: EditionConfig, standards: Standards
) -> str:
    """The commented draft file of one country: every finding unassessed, every field explained."""
    return render(
        "country-template.yaml.j2",
        code=code,
        name=name,
        region=region,
        region_list=", ".join(f"{key} ({label})" for key, label in config.regions.items()),
        year=config.year,
        period=config.reporting_period,
        legal_standards=standards.legal_standards,
        criteria=standards.effort_criteria,
        disqualifiers=standards.disqualifiers,
    )


def edition_text(year: int) -> str:
    """The commented ``edition.yaml`` of a new edition for ``year``."""
    return render(
        "edition-template.yaml.j2",
        year=year,
        start=dt.date(year - 1, 4, 1),
        end=dt.date(year, 3, 31),
        regions=REGIONS,
    )


def default_standards() -> str:
    """The text of the package's default minimum-standards file."""
    return (DATA / "minimum-standards.yaml").read_text(encoding="utf-8")


def read_setup(root: Path) -> tuple[EditionConfig, Standards]:
    """The edition's settings and standards, without reading any country file.

    Raises EditionError when either file is missing or invalid.
    """
    config = _read(root, "edition.yaml", EditionConfig, "the edition's settings")
    return config, _read(root, config.standards, Standards, "the minimum-standards checklist")


def _read(root: Path, name: str, model: type[M], what: str) -> M:
    path = root / name
    if not os.path.lexists(path):
        hint = "pass --edition DIR, or create one with 'tierreport init DIR --year YEAR'"
        if name != "edition.yaml":
            hint = "edition.yaml names it in 'standards:'"
        raise EditionError([Problem(name, 1, 1, "error", f"no {name} in {root}; {hint}")])
    loaded = read_yaml(path, name, root=root)
    if not loaded.ok:
        raise EditionError(loaded.problems)
    if not isinstance(loaded.data, dict):
        raise EditionError([Problem(name, 1, 1, "error", f"expected {what}: a mapping of fields")])
    try:
        return model.model_validate(loaded.data)
    except ValidationError as exc:
        raise EditionError(
            validation_problems(exc, model, loaded.data, loaded.source_map)
        ) from None
