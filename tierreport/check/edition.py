"""Raw data -> model objects, collecting every problem in every file before stopping once.

``check_edition`` is the one way every command reads an edition (check, tiers, explain, build,
preview, status, diff, rollover, init and new-country): it never raises for bad input, and
returns every problem found, sorted, the edition assembled from the countries that are valid,
and their placements (the engine's checks place every country, so nothing places them again).
``CheckResult.valid()`` is the strict form: it raises ``EditionError`` when there is any error.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from tierreport.check.countries import (
    CACHE_FOLDER,
    COUNTRIES_DIR,
    CountryFiles,
    EditionCache,
    Rules,
    country_display,
    placements_of,
    validated,
)
from tierreport.check.engine import engine_problems
from tierreport.check.rules import Reporter, long_text
from tierreport.check.textscan import scan_markdown
from tierreport.errors import EditionError
from tierreport.load.reading import read_inside
from tierreport.load.yaml import read_yaml
from tierreport.model import Edition, EditionConfig, Placement, Standards
from tierreport.problems import Problem, quoted, shown, sort_problems

EDITION_FILE = "edition.yaml"
PARSE_CACHE = CACHE_FOLDER
"""Folder in the edition for what is kept of its country files (``check.countries``)."""

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


def parse_cache(root: Path) -> EditionCache:
    """The edition's cache (``check.countries``), kept by ``check`` and ``build``."""
    return EditionCache.at(root)


def load_edition(root: Path, cache: EditionCache | None = None) -> Edition:
    """The validated edition at ``root``; raises EditionError listing every error.

    ``cache`` keeps the parsed country files for the next build (see ``check_edition``).
    """
    return check_edition(root, cache).valid()[0]


def check_edition(
    root: Path,
    cache: EditionCache | None = None,
    *,
    only: Collection[str] | None = None,
    paths: bool = True,
) -> CheckResult:
    """Validate the edition at ``root``: every file, every rule; never raises for bad input.

    ``cache``, when given, spares parsing, checking and placing a country file whose bytes
    (and settings, standards and code) it has seen: it gives the same problems and placements
    as running them again. ``only``
    (country codes) reads those countries' files and no other (``preview``; an empty set reads
    the settings and the standards alone, as ``init`` and ``new-country`` need). The result's
    placements carry the paths of METHODOLOGY 2c unless ``paths`` is False: no rule of ``check``
    reads them, and ``check`` alone spares their search (a tenth of its time).
    """
    problems: list[Problem] = []
    setup = _config(root, problems)
    if setup is None:
        return CheckResult(None, sort_problems(problems))
    config, settings = setup
    standards_file, standards = _standards(root, config, settings, problems)
    introduction = _introduction(root, config, settings, problems)
    files = _files_to_read(root, only, problems)
    rules = None if standards is None else Rules(config, standards, standards_file)
    reader = CountryFiles(root, cache, rules)
    countries = reader.read(files, problems)
    if rules is None:
        return CheckResult(None, sort_problems(problems), len(files))
    edition = Edition(
        root=root,
        config=config,
        standards=rules.standards,
        countries=tuple(
            r.country for r in sorted(countries.values(), key=lambda r: r.country.code)
        ),
        maps=reader.maps,
        files={code: read.display for code, read in countries.items()},
        introduction=introduction,
        digests={code: read.digest for code, read in countries.items() if read.digest},
    )
    placements = placements_of(edition, paths, cache.placed if cache else None)
    for engine_check in ENGINE_CHECKS:
        problems.extend(engine_check(edition, placements))
    return CheckResult(edition, sort_problems(problems), len(files), placements)


def _files_to_read(root: Path, only: Collection[str] | None, problems: list[Problem]) -> list[Path]:
    """The country files to read: every one, or those of the ``only`` codes (unreported)."""
    if only is None:
        return _country_files(root, problems)
    wanted = {code.upper() for code in only}
    return [path for path in _country_files(root, []) if path.stem.upper() in wanted]


def _config(root: Path, problems: list[Problem]) -> tuple[EditionConfig, Reporter] | None:
    """The edition's settings, and a reporter locating problems in edition.yaml; or None."""
    missing = _no_settings(root)
    if missing is not None:
        problems.append(missing)
        return None
    loaded = read_yaml(root / EDITION_FILE, EDITION_FILE, root=root)
    config = validated(loaded, EditionConfig, problems, "the edition's settings")
    if config is None:
        return None
    report = Reporter(loaded.source_map)
    problems.extend(_settings_problems(config, report))
    refused = _refused_path(config, report)
    if refused is not None:
        problems.append(refused)
        return None
    return config, report


def _no_settings(root: Path) -> Problem | None:
    """The error when ``root`` is no directory or holds no edition.yaml, else None."""
    if not root.is_dir():
        return Problem(
            str(root),
            1,
            1,
            "error",
            (
                "no such edition directory; pass --edition DIR, or create one with "
                "'tierreport init DIR --year YEAR'"
            ),
        )
    if not os.path.lexists(root / EDITION_FILE):
        return Problem(
            EDITION_FILE,
            1,
            1,
            "error",
            (
                f"no {EDITION_FILE} in {root}; pass --edition DIR, or create one with "
                "'tierreport init DIR --year YEAR'"
            ),
        )
    return None


def _settings_problems(config: EditionConfig, report: Reporter) -> list[Problem]:
    """A reporting period that ends before it starts, and a list of no regions."""
    found = []
    period = config.reporting_period
    if period.start >= period.end:
        found.append(
            report.at(
                ("reporting_period",),
                "error",
                (f"reporting_period: start {period.start} is not before end {period.end}"),
            )
        )
    if not config.regions:
        found.append(report.at(("regions",), "error", "regions: at least one region"))
    return found


def _refused_path(config: EditionConfig, report: Reporter) -> Problem | None:
    """The error for the first of the standards and introduction paths that cannot be read."""
    for key in ("standards", "introduction"):
        value = getattr(config, key)
        why = None if value is None else _path_problem(key, value)
        if why is not None:
            return report.at((key,), "error", f"{key}: {quoted(value)} {why}")
    return None


def _path_problem(key: str, value: str) -> str | None:
    """Why the path ``value`` of edition.yaml's ``key`` cannot be read, or None.

    Country files hold internal notes and justifications, so neither the standards nor the
    introduction (printed on the public home page) may name one.
    """
    if not _inside(value):
        return "must be a relative path inside the edition directory"
    parts = PurePosixPath(value).parts
    if parts and parts[0].casefold() == COUNTRIES_DIR:
        return f"is in {COUNTRIES_DIR}/, which holds the country files; name a file outside it"
    if key == "introduction" and PurePosixPath(value).suffix.lower() != ".md":
        return "is not a Markdown file (.md); name one, e.g. front/introduction.md"
    return None


def _in_countries(root: Path, real: Path) -> bool:
    """Whether the resolved path ``real`` is inside the edition's countries/ folder."""
    return real.is_relative_to(Path(os.path.realpath(root / COUNTRIES_DIR)))


def _inside(relative: str) -> bool:
    """Whether a path from a file stays inside the edition (no absolute path, no '..')."""
    path = PurePosixPath(relative)
    return not path.is_absolute() and ".." not in path.parts and "\\" not in relative


def _standards(
    root: Path, config: EditionConfig, settings: Reporter, problems: list[Problem]
) -> tuple[str, Standards | None]:
    """The standards file as messages name it, and its checklist if it is valid."""
    display = config.standards
    refused = _refused_standards(root, display, settings)
    if refused is not None:
        problems.append(refused)
        return display, None
    loaded = read_yaml(root / display, display, root=root)
    standards = validated(loaded, Standards, problems, "the minimum-standards checklist")
    if standards is None:
        return display, None
    report = Reporter(loaded.source_map)
    found = [*_duplicate_ids(standards, report), *_progress_criterion(standards, report)]
    problems.extend(found)
    return display, (None if found else standards)


def _refused_standards(root: Path, display: str, settings: Reporter) -> Problem | None:
    """The error when the standards file does not exist or leads into countries/."""
    path = root / display
    if not os.path.lexists(path):
        return settings.at(
            ("standards",),
            "error",
            f"standards: the standards file {quoted(display)} does not exist",
        )
    if _in_countries(root, Path(os.path.realpath(path))):
        return settings.at(
            ("standards",),
            "error",
            (
                f"standards: {quoted(display)} leads into {COUNTRIES_DIR}/, which holds the "
                "country files; name the standards file itself"
            ),
        )
    return None


def _duplicate_ids(standards: Standards, report: Reporter) -> list[Problem]:
    """An id used twice across the legal standards, effort criteria and disqualifiers."""
    found = []
    seen: dict[str, str] = {}
    for key, ids in (
        ("legal_standards", [s.id for s in standards.legal_standards]),
        ("effort_criteria", [c.id for c in standards.effort_criteria]),
        ("disqualifiers", [d.id for d in standards.disqualifiers]),
    ):
        for index, item_id in enumerate(ids):
            if item_id in seen:
                found.append(
                    report.at(
                        (key, index, "id"),
                        "error",
                        (
                            f"{key}[{index}].id: duplicate id {quoted(item_id)}, also in "
                            f"{seen[item_id]}"
                        ),
                    )
                )
            seen[item_id] = key
    return found


def _progress_criterion(standards: Standards, report: Reporter) -> list[Problem]:
    """The error unless exactly one effort criterion is the progress criterion."""
    progress = [i for i, c in enumerate(standards.effort_criteria) if c.progress]
    if len(progress) == 1:
        return []
    where = ("effort_criteria", progress[1]) if progress else ("effort_criteria",)
    return [
        report.at(
            where,
            "error",
            (
                f"effort_criteria: exactly one criterion must have 'progress: true', found "
                f"{len(progress)}"
            ),
        )
    ]


def _introduction(
    root: Path, config: EditionConfig, settings: Reporter, problems: list[Problem]
) -> str:
    """The introduction's Markdown, read only from a Markdown file inside the edition.

    Whatever it holds is printed on the public home page and in the PDF, so a link to a file
    that is not Markdown or lies in countries/ (a desk officer's internal notes) is refused.
    """
    if config.introduction is None:
        return ""
    display = config.introduction
    path = root / display

    def refuse(why: str) -> str:
        problems.append(settings.at(("introduction",), "error", f"introduction: {why}"))
        return ""

    read = read_inside(path, root)
    if read.data is None:
        return refuse(f"{quoted(display)} {read.error}")
    elsewhere = _refused_target(root, display)
    if elsewhere is not None:
        return refuse(elsewhere)
    if read.warning is not None:
        problems.append(
            settings.at(
                ("introduction",), "warning", f"introduction: {quoted(display)} {read.warning}"
            )
        )
    if b"\x00" in read.data:
        return refuse(f"{quoted(display)} is a binary file, not Markdown text")
    try:
        text = read.data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return refuse(f"cannot read {quoted(display)} as UTF-8 text; save it as UTF-8")
    problems.extend(scan_markdown(text, display))
    too_long = long_text(len(text), "the introduction")
    if too_long is not None:
        problems.append(settings.at(("introduction",), "warning", f"introduction: {too_long}"))
    return text


def _refused_target(root: Path, display: str) -> str | None:
    """Why the file the introduction's path leads to is refused: it lies in countries/, or it
    is not Markdown; None when it is neither."""
    real = Path(os.path.realpath(root / display))  # read_inside made sure it is inside
    target = shown(real.relative_to(os.path.realpath(root)).as_posix(), None)
    if _in_countries(root, real):
        return (
            f"{quoted(display)} leads to {target}, in {COUNTRIES_DIR}/ (which holds the country "
            "files); put the introduction itself there"
        )
    if real.suffix.lower() != ".md":
        return (
            f"{quoted(display)} leads to {target}, which is not a Markdown file (.md); put the "
            "introduction itself there"
        )
    return None


def named_files(root: Path) -> list[Path]:
    """The files the edition's settings name and a check reads besides the country files: the
    standards and the introduction, as edition.yaml names them now (none when it cannot be
    read). ``build --watch`` looks at them."""
    setup = _config(root, [])
    return [] if setup is None else [root / name for name in setup[0].named_files()]


def country_files(root: Path) -> tuple[list[Path], list[Path]]:
    """The country files of the edition, and the look-alikes that are not read; both sorted.

    Every entry of countries/ whose name ends in ``.yaml`` is a country file (reading it
    refuses one that is not a regular file). A name that ends in another spelling of the
    extension (``XZZ.YAML``, ``XZZ.yml``) would otherwise be skipped without a word: ``check``
    reports it as an error naming the file. Hidden files (an editor's swap file) and any other
    file are left alone.
    """
    folder = root / COUNTRIES_DIR
    if not folder.is_dir():
        return [], []
    files: list[Path] = []
    misnamed: list[Path] = []
    for path in sorted(folder.iterdir()):
        name = path.name
        if name.startswith("."):
            continue
        if name.endswith(".yaml"):
            files.append(path)
        elif name.casefold().strip().endswith((".yaml", ".yml")):
            misnamed.append(path)
    return files, misnamed


def _country_files(root: Path, problems: list[Problem]) -> list[Path]:
    files, misnamed = country_files(root)
    for path in misnamed:
        stem = path.name.strip().rsplit(".", 1)[0]
        problems.append(
            Problem(
                country_display(path),
                1,
                1,
                "error",
                (
                    "not read: a country file's name ends in .yaml, in lower case; rename it to "
                    f"{shown(stem, None)}.yaml"
                ),
            )
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
