"""Shared fixtures: small editions copied into a temporary directory, and a CLI runner."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner, Result

from tierreport.cli.commands import cli

if TYPE_CHECKING:
    from tests.rendered import Rendered

TESTS = Path(__file__).parent
EDITIONS = TESTS / "editions"
REPO = TESTS.parent


def copy_edition(name: str, target: Path) -> Path:
    """Copy ``tests/editions/<name>`` (or ``example``: the repository's edition) to ``target``."""
    if name == "example":
        target.mkdir(parents=True, exist_ok=True)
        for part in ("edition.yaml", "standards", "countries", "front"):
            source = REPO / part
            if source.is_dir():
                shutil.copytree(source, target / part)
            elif source.exists():
                shutil.copy2(source, target / part)
        return target
    # A command run on the fixture itself leaves its parse cache there: never part of a copy.
    shutil.copytree(EDITIONS / name, target, ignore=shutil.ignore_patterns(".tierreport-cache"))
    return target


@pytest.fixture
def edition_copy(tmp_path: Path) -> Callable[[str], Path]:
    """Factory: a fresh copy of a fixture edition in tmp_path."""

    def make(name: str = "minimal") -> Path:
        return copy_edition(name, tmp_path / name)

    return make


@pytest.fixture(scope="session")
def public_report(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    """The example edition's public report, rendered once for every PDF test that reads it."""
    from tests.rendered import render

    return render(tmp_path_factory.mktemp("public-pdf"), "public", draft=False)


def run(*args: str | Path) -> Result:
    """Run the tierreport command line in-process, as a user would call it."""
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
