"""``tierreport init`` and ``tierreport new-country``: new editions and new country files."""

from __future__ import annotations

import errno
import json
import os
import shutil
import unicodedata
from pathlib import Path

from tierreport.check.edition import check_edition
from tierreport.editorial.template import (
    USER_ASSIGNED,
    bureau_of,
    checked_code,
    country_text,
    default_standards,
    edition_text,
    iso_name,
    un_states,
)
from tierreport.errors import EditionExistsError, UnknownCodeError, WriteError
from tierreport.model import EditionConfig, Standards
from tierreport.model.schema import MODELS, SchemaKind, file_schema

STANDARDS_FILE = "standards/minimum-standards.yaml"
GITIGNORE = """\
# Written by tierreport init: the build output, the previews and the parse cache of check and
# build.
build/
build-internal/
build-preview/
build-internal-preview/
.tierreport-cache/
"""
"""The edition's ``.gitignore``: an edition is kept in git, its output and caches are not."""


def init_edition(root: Path, year: int) -> int:
    """Write a new edition for ``year`` into ``root``; returns the number of country files.

    ``root`` must be new or empty: an edition is never written over another one. When it cannot
    be written (a file in the way, no permission, a virtual file system such as ``/proc``),
    ``WriteError`` says so and whatever was created is removed.
    """
    try:
        existed = root.is_dir()
        if existed and any(root.iterdir()):
            raise EditionExistsError(
                f"{root} is not empty; 'tierreport init' writes a new edition into a new or "
                "empty directory"
            )
    except OSError as exc:
        raise _cannot(root, exc) from exc
    if os.path.lexists(root) and not existed:
        raise EditionExistsError(
            f"{root} is a file, not a folder; 'tierreport init' writes a new edition into a new "
            "or empty directory"
        )
    created = [p for p in (root, *root.parents) if not os.path.lexists(p)]
    try:
        return _write_edition(root, year)
    except OSError as exc:
        _remove_what_init_wrote(root, existed, created)
        raise _cannot(root, exc) from exc
    except BaseException:
        _remove_what_init_wrote(root, existed, created)
        raise


def _cannot(root: Path, exc: OSError) -> WriteError:
    """The one-line reason an edition cannot be written into ``root``."""
    if exc.errno == errno.ENOTDIR:
        # A file where a folder should be: name the file, not the folder it blocks.
        blocking = next((p for p in root.parents if p.exists() and not p.is_dir()), root)
        reason = f"{blocking} is a file, not a folder"
    else:
        reason = exc.strerror or str(exc)
    return WriteError(
        f"cannot create the edition in {root}: {reason}; choose a folder you can write to"
    )


def _remove_what_init_wrote(root: Path, existed: bool, created: list[Path]) -> None:
    """Undo a failed init: the folders it created, or what it wrote into an empty one."""
    if existed:
        for entry in root.iterdir():
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)
        return
    if created:
        shutil.rmtree(created[-1], ignore_errors=True)  # the topmost folder init made


def _write_edition(root: Path, year: int) -> int:
    """Write every file of a new edition into ``root``; returns the number of country files."""
    (root / "standards").mkdir(parents=True)
    (root / "countries").mkdir()
    (root / "schema").mkdir()
    (root / "edition.yaml").write_text(edition_text(year), encoding="utf-8")
    (root / ".gitignore").write_text(GITIGNORE, encoding="utf-8")
    (root / STANDARDS_FILE).write_text(default_standards(), encoding="utf-8")
    kind: SchemaKind
    for kind in MODELS:  # type: ignore[assignment]
        text = json.dumps(file_schema(kind), indent=2, sort_keys=True) + "\n"
        (root / "schema" / f"{kind}.schema.json").write_text(text, encoding="utf-8")
    config, standards = _setup(root)
    for state in un_states():
        name = iso_name(state.code)
        # bureaus.csv is tested to hold only ISO codes, so every state has a name.
        assert name is not None, state.code
        _write_country(root, config, standards, state.code, name, state.bureau)
    return len(un_states())


def new_country(root: Path, code: str, name: str | None = None, region: str | None = None) -> Path:
    """Add ``countries/CODE.yaml`` from the draft template; returns the file written.

    Name and region default from ISO 3166 and the bureaus mapping; a user-assigned code
    (XAA-XZZ) has neither, so it needs both.
    """
    code = checked_code(code)
    if name is not None:
        name = _checked_name(name)
    config, standards = _setup(root)
    path = root / "countries" / f"{code}.yaml"
    if path.exists():
        raise EditionExistsError(
            f"countries/{code}.yaml already exists; edit it, or delete it to start again"
        )
    if USER_ASSIGNED.match(code):
        missing = [flag for flag, value in (("--name", name), ("--region", region)) if not value]
        if missing:
            raise UnknownCodeError(
                f"{code} is a user-assigned code (XAA-XZZ), so it has no ISO name or region; "
                f"give {' and '.join(missing)}"
            )
    else:
        iso = iso_name(code)
        if iso is None:
            raise UnknownCodeError(
                f"unknown country code '{code}': not an ISO 3166-1 alpha-3 code; use a "
                "user-assigned code XAA-XZZ with --name and --region for an entry that has none"
            )
        name = name or iso
        region = region or bureau_of(code)
        if region is None:
            raise UnknownCodeError(
                f"{code} ({iso}) is not a UN member or observer state, so it has no default "
                f"regional bureau; give --region ({', '.join(config.regions)})"
            )
    assert name is not None and region is not None  # both checked above
    if region not in config.regions:
        raise UnknownCodeError(
            f"unknown region '{region}'; edition.yaml defines {', '.join(config.regions)}"
        )
    return _write_country(root, config, standards, code, name, region)


NAME_LIMIT = 200
"""The longest name new-country writes: a name, not a paragraph."""

_INVISIBLE = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
"""Bidirectional controls: they reorder what a reader sees, never part of a name."""


def _checked_name(name: str) -> str:
    """``name`` without surrounding spaces, if it is one line of printable text.

    A line break (``\\n``, U+2028 ...) or another control character would break the file's
    first comment line and the YAML after it, or print garbled; the name is refused, naming the
    character, rather than quietly altered.
    """
    name = name.strip()
    if not name:
        raise UnknownCodeError("--name is empty; give the name as the report prints it")
    for index, char in enumerate(name, start=1):
        if unicodedata.category(char) in ("Cc", "Cs", "Zl", "Zp") or char in _INVISIBLE:
            label = unicodedata.name(char, "a control character")
            raise UnknownCodeError(
                f"--name must be one line of printable text: character {index} is "
                f"U+{ord(char):04X} ({label}); remove it"
            )
    if len(name) > NAME_LIMIT:
        raise UnknownCodeError(
            f"--name is {len(name)} characters long; a name has at most {NAME_LIMIT}"
        )
    return name


def _write_country(
    root: Path, config: EditionConfig, standards: Standards, code: str, name: str, region: str
) -> Path:
    path = root / "countries" / f"{code}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(country_text(code, name, region, config, standards), encoding="utf-8")
    return path


def _setup(root: Path) -> tuple[EditionConfig, Standards]:
    """The edition's settings and standards, checked as ``check`` checks them (no country read)."""
    edition = check_edition(root, only=()).valid()[0]
    return edition.config, edition.standards
