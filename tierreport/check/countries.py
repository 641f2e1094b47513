"""The country files of an edition, read and checked, or taken as they were from the cache.

``check`` and ``build`` read every country file on every run, and a rebuild after one edit used
to parse, validate, check, place and render all of them again. ``EditionCache`` keeps, in the
edition's ``.tierreport-cache/``, what each country file gave, one entry per file
(``load.entries``):

- its parse (data and positions), under a hash of its bytes, as before;
- its check (the validated data and the problems of the file itself), under a hash of its
  bytes, its name, how it was read (through a link or not), and the settings and standards it
  was checked against, every field as validated (``Rules.digest``);
- its placement, under the same hash and whether it holds the paths (METHODOLOGY 2c).

That hash is the country's ``Edition.digests`` entry, which the render context keys its records
by. Everything else that shapes these results is tierreport's own code, in every entry's
fingerprint. The problems of the engine (waivers, decisions, Tier 3 assistance) are found
afresh on every run, from the placements; a kept country's source map, which only they read,
is parsed again only when one of them needs it. ``tests/test_cache.py`` compares checks and
builds with and without these entries.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from tierreport.check.messages import validation_problems
from tierreport.check.rules import Reporter, country_problems
from tierreport.load.entries import Entries
from tierreport.load.reading import FileRead, read_inside
from tierreport.load.yaml import Loaded, Parsed, yaml_of
from tierreport.model import Country, Edition, EditionConfig, Placement, SourceMap, Standards
from tierreport.problems import Problem, Severity, quoted, shown
from tierreport.tiering.place import place, place_all

M = TypeVar("M", bound=BaseModel)
COUNTRIES_DIR = "countries"
"""The edition's folder of country files."""
CACHE_FOLDER = ".tierreport-cache"
"""Folder in the edition for what is kept of its country files (``EditionCache``). It lives
beside the files it was made from, never in the output: the files hold internal notes."""

Checked = tuple[dict[str, Any] | None, list[tuple[str, int, int, Severity, str]]]
"""What checking one country file found: its data if it is a valid country, and every problem
of the file itself (not those of the engine), as plain values: a ``Problem`` made from them
escapes and cuts its message again, whatever a tampered file holds."""


@dataclass(frozen=True)
class EditionCache:
    """What ``check`` and ``build`` keep in the edition's cache folder for the next run."""

    parsed: Entries[Parsed]
    checked: Entries[Checked]
    placed: Entries[Placement]

    @classmethod
    def at(cls, root: Path) -> EditionCache:
        """The cache of the edition at ``root``."""
        folder = root / CACHE_FOLDER
        return cls(
            Entries(folder / "parsed"),
            Entries(folder / "checked", records=True),
            Entries(folder / "placed", records=True),
        )

    def prepare(self) -> None:
        """Pickle what this run added so far (``Entries.prepare``)."""
        self.parsed.prepare()
        self.checked.prepare()
        self.placed.prepare()

    def save(self) -> None:
        """Write what this run added; drop what it no longer used."""
        self.parsed.save()
        self.checked.save()
        self.placed.save()


@dataclass(frozen=True)
class Rules:
    """What a country file is checked against: the settings and a valid standards file."""

    config: EditionConfig
    standards: Standards
    standards_file: str
    """The standards file as messages name it."""

    @functools.cached_property
    def digest(self) -> bytes:
        """A hash of the settings and the standards, every field as validated."""
        digest = hashlib.sha256(b"tierreport-rules-1\0")
        digest.update(self.config.model_dump_json().encode())
        digest.update(b"\0" + self.standards.model_dump_json().encode())
        digest.update(b"\0" + self.standards_file.encode())
        return digest.digest()


@dataclass(frozen=True)
class CountryRead:
    """A valid country, the name of its file in messages, and the hash its check was kept
    under (empty when it was not kept)."""

    country: Country
    display: str
    digest: bytes = b""


class SourceMaps(Mapping[str, SourceMap]):
    """The source maps of the countries by code; a map that was not made by this run's parse
    is made when first asked for."""

    def __init__(self) -> None:
        self._made: dict[str, SourceMap] = {}
        self._later: dict[str, Callable[[], SourceMap]] = {}

    def add(self, code: str, made: SourceMap | Callable[[], SourceMap]) -> None:
        """The map of ``code``, or how to make it."""
        if isinstance(made, SourceMap):
            self._made[code] = made
        else:
            self._later[code] = made

    def __getitem__(self, code: str) -> SourceMap:
        if code in self._later:
            self._made[code] = self._later.pop(code)()
        return self._made[code]

    def __iter__(self) -> Iterator[str]:
        return iter([*self._made, *self._later])

    def __len__(self) -> int:
        return len(self._made) + len(self._later)


class CountryFiles:
    """The country files of one edition, read and checked, or taken from its cache."""

    def __init__(self, root: Path, cache: EditionCache | None, rules: Rules | None) -> None:
        self.root = root
        self.cache = cache
        self.rules = rules
        self.maps = SourceMaps()

    def read(self, files: list[Path], problems: list[Problem]) -> dict[str, CountryRead]:
        """The valid countries by code, after their rules (when the standards are valid) and a
        check that no two files share a code."""
        countries: dict[str, CountryRead] = {}
        for path in files:
            display = country_display(path)
            read = read_inside(path, self.root)
            key = self._key(read, path.stem, display)
            found = self._kept(read, key, display, problems)
            if found is None:
                found = self._check(read, path.stem, display, key, problems)
            country, source_map = found
            if country is None:
                continue
            if country.code in countries:
                other = countries[country.code].display
                problems.append(_duplicate_code(country, other, _made(source_map)))
                continue
            countries[country.code] = CountryRead(country, display, key)
            self.maps.add(country.code, source_map)
        return countries

    def _key(self, read: FileRead, stem: str, display: str) -> bytes:
        """What one file's check is kept under: empty when it is not kept (no cache, a file not
        read, standards not valid)."""
        if self.cache is None or self.rules is None or read.data is None:
            return b""
        digest = hashlib.sha256(b"tierreport-checked-1\0" + self.rules.digest)
        for part in (stem, display, read.warning or ""):
            digest.update(b"\0" + part.encode())
        digest.update(b"\0" + read.data)
        return digest.digest()

    def _kept(
        self, read: FileRead, key: bytes, display: str, problems: list[Problem]
    ) -> _Found | None:
        """What an earlier run found in this file (its problems added to ``problems``), or
        None when no run kept it."""
        cache = self.cache
        kept = cache.checked.get(key) if cache is not None and key else None
        if cache is None or kept is None or read.data is None:
            return None
        try:
            data, found = kept
            country = None if data is None else Country.model_validate(data)
            problems.extend([Problem(*fields) for fields in found])
        except (ValidationError, TypeError, ValueError):
            return None  # not what a run keeps (a tampered file): check the file afresh
        # Its parse stays kept, for a run under other settings, and makes its map when asked.
        cache.parsed.keep(hashlib.sha256(read.data).digest())
        return country, lambda: yaml_of(read, display, cache.parsed).source_map

    def _check(
        self, read: FileRead, stem: str, display: str, key: bytes, problems: list[Problem]
    ) -> _Found:
        """Parse, validate and check one country file already read; keep what it found."""
        found: list[Problem] = []
        loaded = yaml_of(read, display, self.cache.parsed if self.cache else None)
        country = validated(loaded, Country, found, "a country file")
        if country is not None and self.rules is not None:
            rules = self.rules
            found.extend(
                country_problems(
                    country,
                    stem,
                    loaded.source_map,
                    rules.config,
                    rules.standards,
                    rules.standards_file,
                )
            )
        if self.cache is not None and key:
            plain = [(p.file, p.line, p.col, p.severity, p.message) for p in found]
            self.cache.checked.put(key, (loaded.data if country is not None else None, plain))
        problems.extend(found)
        return country, loaded.source_map


_Found = tuple[Country | None, SourceMap | Callable[[], SourceMap]]
"""A file's country (None if it is not valid), and its source map or how to make it."""


def _made(source_map: SourceMap | Callable[[], SourceMap]) -> SourceMap:
    return source_map if isinstance(source_map, SourceMap) else source_map()


def placements_of(
    edition: Edition, paths: bool, store: Entries[Placement] | None
) -> tuple[Placement, ...]:
    """The placement of every country (``place_all``), each taken from ``store`` when it holds
    one under the country's digest (``Edition.digests``): the same inputs, the same placement."""
    if store is None:
        return place_all(edition, sensitivity=paths)
    placements = []
    for country in edition.countries:
        digest = edition.digests.get(country.code)
        key = hashlib.sha256(digest + (b"paths" if paths else b"")).digest() if digest else b""
        make = functools.partial(place, country, edition.standards, edition.year, sensitivity=paths)
        placements.append(store.made(key, Placement, make))
    return tuple(placements)


def validated(loaded: Loaded, model: type[M], problems: list[Problem], what: str) -> M | None:
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
                    f"{'a list' if isinstance(loaded.data, list) else _scalar(loaded.data)}"
                ),
            )
        )
        return None
    try:
        return model.model_validate(loaded.data)
    except ValidationError as exc:
        problems.extend(validation_problems(exc, model, loaded.data, loaded.source_map))
        return None


def _scalar(value: object) -> str:
    return quoted(value) if isinstance(value, str) else shown(repr(value))


def _duplicate_code(country: Country, other: str, source_map: SourceMap) -> Problem:
    """The error for a country file whose code the file ``other`` already uses."""
    return Reporter(source_map).at(
        ("code",),
        "error",
        (f"code: duplicate code '{country.code}', also used by {other}"),
    )


def country_display(path: Path) -> str:
    """How a country file is named in messages: ``countries/XAR.yaml``."""
    return f"{COUNTRIES_DIR}/{shown(path.name, None)}"
