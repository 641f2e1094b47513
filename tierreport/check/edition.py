"""Raw data -> model objects, collecting every problem in every file before stopping once.

``check_edition`` is the one way every command reads an edition (check, tiers, explain, build,
preview, status, diff, rollover, init and new-country): it never raises for bad input, and
returns every problem found, sorted, the edition assembled from the countries that are valid,
and their placements (the engine's checks place every country, so nothing places them again).
``CheckResult.valid()`` is the strict form: it raises ``EditionError`` when there is any error.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from tierreport.check.engine import engine_problems
from tierreport.check.messages import validation_problems
from tierreport.check.rules import Reporter, country_problems
from tierreport.errors import EditionError
from tierreport.load.cache import Store
from tierreport.load.yaml import Loaded, Parsed, read_yaml
from tierreport.model import Country, Edition, EditionConfig, Placement, SourceMap, Standards
from tierreport.problems import Problem, sort_problems
from tierreport.tiering.place import place_all

M = TypeVar("M", bound=BaseModel)
EDITION_FILE = "edition.yaml"
COUNTRIES_DIR = "countries"
PARSE_CACHE = ".tierreport-cache"
"""Folder in the edition for the parsed country files (``tierreport.load.cache``). It lives beside
the files it was made from, never in the output: the files hold internal notes."""

EngineCheck = Callable[[Edition, tuple[Placement, ...]], list[Problem]]
ENGINE_CHECKS: list[EngineCheck] = [engine_problems]
"""Checks that need the tiering engine (waivers, decisions, Tier 3 assistance), run last."""


@dataclass
class CheckResult:
    """Everything ``check`` found: the problems, and the edition of the valid countries."""

    edition: Edition | None
    problems: list[Problem] = field(default_factory=list)
    checked: int = 0
    placements: tuple[Placement, ...] = ()
    """The placement of every country of ``edition``, in its order (made by the engine checks)."""

    @property
    def has_errors(self) -> bool:
        """Whether any problem is an error."""
        return any(p.severity == "error" for p in self.problems)

    @property
    def warnings(self) -> list[Problem]:
        """The problems that are warnings."""
        return [p for p in self.problems if p.severity == "warning"]

    def valid(self) -> tuple[Edition, tuple[Placement, ...]]:
        """The edition and its placements; raises EditionError listing every error if any."""
        if self.has_errors or self.edition is None:
            raise EditionError([p for p in self.problems if p.severity == "error"])
        return self.edition, self.placements


def parse_cache(root: Path) -> Store[Parsed]:
    """The store of the edition's parsed country files, kept by ``check`` and ``build``."""
    return Store(root / PARSE_CACHE / "parsed-yaml.pickle")


def load_edition(root: Path, cache: Store[Parsed] | None = None) -> Edition:
    """The validated edition at ``root``; raises EditionError listing every error.

    ``cache`` keeps the parsed country files for the next build (see ``check_edition``).
    """
    return check_edition(root, cache).valid()[0]


def check_edition(
    root: Path, cache: Store[Parsed] | None = None, *, only: Collection[str] | None = None
) -> CheckResult:
    """Validate the edition at ``root``: every file, every rule; never raises for bad input.

    ``cache``, when given, spares parsing a country file whose bytes it has seen; every check
    still runs on every file, so the problems found are the same with or without it. ``only``
    (country codes) reads those countries' files and no other (``preview``; an empty set reads
    the settings and the standards alone, as ``init`` and ``new-country`` need).
    """
    problems: list[Problem] = []
    config = _config(root, problems)
    if config is None:
        return CheckResult(None, sort_problems(problems))
    standards_file, standards = _standards(root, config, problems)
    introduction = _introduction(root, config, problems)
    if only is None:
        files = _country_files(root, problems)
    else:
        wanted = {code.upper() for code in only}
        files = [path for path in _country_files(root, []) if path.stem.upper() in wanted]
    countries: dict[str, tuple[Country, str, SourceMap]] = {}
    for path in files:
        display = f"{COUNTRIES_DIR}/{path.name}"
        loaded = read_yaml(path, display, cache)
        country = _validated(loaded, Country, problems, "a country file")
        if country is None:
            continue
        if standards is not None:
            problems.extend(
                country_problems(
                    country, path.stem, loaded.source_map, config, standards, standards_file
                )
            )
        if country.code in countries:
            other = countries[country.code][1]
            problems.append(
                Reporter(loaded.source_map).at(
                    ("code",),
                    "error",
                    (f"code: duplicate code '{country.code}', also used by {other}"),
                )
            )
            continue
        countries[country.code] = (country, display, loaded.source_map)
    if standards is None:
        return CheckResult(None, sort_problems(problems), len(files))
    edition = Edition(
        root=root,
        config=config,
        standards=standards,
        countries=tuple(c for c, _, _ in sorted(countries.values(), key=lambda v: v[0].code)),
        maps={code: smap for code, (_, _, smap) in countries.items()},
        files={code: display for code, (_, display, _) in countries.items()},
        introduction=introduction,
    )
    placements = place_all(edition)
    for engine_check in ENGINE_CHECKS:
        problems.extend(engine_check(edition, placements))
    return CheckResult(edition, sort_problems(problems), len(files), placements)


def _validated(loaded: Loaded, model: type[M], problems: list[Problem], what: str) -> M | None:
    """The file's data as ``model``, or None after recording why it is not valid."""
    problems.extend(loaded.problems)
    if not loaded.ok:
        return None
    if loaded.data is None:
        problems.append(Problem(loaded.file, 1, 1, "error", f"the file is empty; expected {what}"))
        return None
    if not isinstance(loaded.data, dict):
        problems.append(
            Problem(
                loaded.file,
                1,
                1,
                "error",
                (
                    f"expected {what}: a mapping of fields (key: value), got "
                    f"{'a list' if isinstance(loaded.data, list) else repr(loaded.data)}"
                ),
            )
        )
        return None
    try:
        return model.model_validate(loaded.data)
    except ValidationError as exc:
        problems.extend(validation_problems(exc, model, loaded.data, loaded.source_map))
        return None


def _config(root: Path, problems: list[Problem]) -> EditionConfig | None:
    path = root / EDITION_FILE
    if not root.is_dir():
        problems.append(
            Problem(
                str(root),
                1,
                1,
                "error",
                (
                    "no such edition directory; pass --edition DIR, or create one with "
                    "'tierreport init DIR --year YEAR'"
                ),
            )
        )
        return None
    if not path.is_file():
        problems.append(
            Problem(
                EDITION_FILE,
                1,
                1,
                "error",
                (
                    f"no {EDITION_FILE} in {root}; pass --edition DIR, or create one with "
                    "'tierreport init DIR --year YEAR'"
                ),
            )
        )
        return None
    loaded = read_yaml(path, EDITION_FILE)
    config = _validated(loaded, EditionConfig, problems, "the edition's settings")
    if config is not None:
        period = config.reporting_period
        report = Reporter(loaded.source_map)
        if period.start >= period.end:
            problems.append(
                report.at(
                    ("reporting_period",),
                    "error",
                    (f"reporting_period: start {period.start} is not before end {period.end}"),
                )
            )
        if not config.regions:
            problems.append(report.at(("regions",), "error", "regions: at least one region"))
        for key in ("standards", "introduction"):
            value = getattr(config, key)
            if value is not None and not _inside(value):
                problems.append(
                    report.at(
                        (key,),
                        "error",
                        (f"{key}: '{value}' must be a relative path inside the edition directory"),
                    )
                )
                return None
    return config


def _inside(relative: str) -> bool:
    """Whether a path from a file stays inside the edition (no absolute path, no '..')."""
    path = PurePosixPath(relative)
    return not path.is_absolute() and ".." not in path.parts and "\\" not in relative


def _standards(
    root: Path, config: EditionConfig, problems: list[Problem]
) -> tuple[str, Standards | None]:
    display = config.standards
    path = root / display
    if not path.is_file():
        problems.append(
            Problem(
                EDITION_FILE,
                1,
                1,
                "error",
                (f"standards: the standards file '{display}' does not exist"),
            )
        )
        return display, None
    loaded = read_yaml(path, display)
    standards = _validated(loaded, Standards, problems, "the minimum-standards checklist")
    if standards is None:
        return display, None
    report = Reporter(loaded.source_map)
    found = len(problems)
    seen: dict[str, str] = {}
    for key, ids in (
        ("legal_standards", [s.id for s in standards.legal_standards]),
        ("effort_criteria", [c.id for c in standards.effort_criteria]),
        ("disqualifiers", [d.id for d in standards.disqualifiers]),
    ):
        for index, item_id in enumerate(ids):
            if item_id in seen:
                problems.append(
                    report.at(
                        (key, index, "id"),
                        "error",
                        (f"{key}[{index}].id: duplicate id '{item_id}', also in {seen[item_id]}"),
                    )
                )
            seen[item_id] = key
    progress = [i for i, c in enumerate(standards.effort_criteria) if c.progress]
    if len(progress) != 1:
        where = ("effort_criteria", progress[1]) if progress else ("effort_criteria",)
        problems.append(
            report.at(
                where,
                "error",
                (
                    f"effort_criteria: exactly one criterion must have 'progress: true', found "
                    f"{len(progress)}"
                ),
            )
        )
    return display, (standards if len(problems) == found else None)


def _introduction(root: Path, config: EditionConfig, problems: list[Problem]) -> str:
    if config.introduction is None:
        return ""
    path = root / config.introduction
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        problems.append(
            Problem(
                EDITION_FILE,
                1,
                1,
                "error",
                (f"introduction: cannot read '{config.introduction}' as UTF-8 text"),
            )
        )
        return ""


def _country_files(root: Path, problems: list[Problem]) -> list[Path]:
    folder = root / COUNTRIES_DIR
    files = (
        sorted(p for p in folder.glob("*.y*ml") if p.suffix in (".yaml", ".yml"))
        if folder.is_dir()
        else []
    )
    if not files:
        problems.append(
            Problem(
                f"{COUNTRIES_DIR}/",
                1,
                1,
                "error",
                (
                    f"no country files in {COUNTRIES_DIR}/; add one with "
                    "'tierreport new-country CODE'"
                ),
            )
        )
    return files
