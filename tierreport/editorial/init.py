"""``tierreport init`` and ``tierreport new-country``: new editions and new country files."""

from __future__ import annotations

import json
from pathlib import Path

from tierreport.check.edition import check_edition
from tierreport.editorial.template import (
    USER_ASSIGNED,
    bureau_of,
    country_text,
    default_standards,
    edition_text,
    iso_name,
    un_states,
)
from tierreport.errors import EditionExistsError, UnknownCodeError
from tierreport.model import EditionConfig, Standards
from tierreport.model.schema import MODELS, SchemaKind, file_schema

STANDARDS_FILE = "standards/minimum-standards.yaml"
GITIGNORE = """\
# Written by tierreport init: the build output and the parse cache of check and build.
build/
.tierreport-cache/
"""
"""The edition's ``.gitignore``: an edition is kept in git, its output and caches are not."""


def init_edition(root: Path, year: int) -> int:
    """Write a new edition for ``year`` into ``root``; returns the number of country files.

    ``root`` must be new or empty: an edition is never written over another one.
    """
    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        raise EditionExistsError(
            f"{root} is not empty; 'tierreport init' writes a new edition into a new or "
            "empty directory"
        )
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
    code = code.upper()
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
