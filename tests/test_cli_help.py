"""Every command explains itself with an example and is in the README's command reference."""

from __future__ import annotations

import re
from importlib import metadata

import click
import pytest
from ruamel.yaml import YAML

from tests.conftest import REPO, run
from tierreport.cli.commands import cli, main

REQUIRED = (
    "check",
    "schema",
    "tiers",
    "explain",
    "build",
    "init",
    "new-country",
    "rollover",
    "status",
    "preview",
    "diff",
    "compare",
)
"""The commands EDITION-FORMAT and the editorial year promise."""


def reference() -> str:
    """The README's "Command reference" section."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    start = text.index("\n## Command reference\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else len(text)]


def commands() -> dict[str, click.Command]:
    return dict(cli.commands)


def test_every_promised_command_exists() -> None:
    assert [name for name in REQUIRED if name not in commands()] == []


@pytest.mark.parametrize("name", sorted(commands()))
def test_command_has_help_with_an_example(name: str) -> None:
    command = commands()[name]
    assert (command.help or "").strip(), f"{name} has no help text"
    epilog = command.epilog or ""
    help_text = command.help or ""
    assert re.search(rf"Example: tierreport {re.escape(name)}\b", epilog + "\n" + help_text), (
        f"{name}: no 'Example: tierreport {name} ...' line in its help"
    )
    result = run(name, "--help")
    assert result.exit_code == 0
    assert f"Example: tierreport {name}" in result.output
    for param in command.params:
        if isinstance(param, click.Option) and not param.hidden:
            assert param.help, f"{name} {param.opts[0]} has no help text"


@pytest.mark.parametrize("name", sorted(commands()))
def test_command_is_in_the_readme_reference(name: str) -> None:
    assert f"| `tierreport {name}` |" in reference(), (
        f"README.md: add `tierreport {name}` to the Command reference table"
    )


def test_the_reference_lists_no_command_that_does_not_exist() -> None:
    listed = re.findall(r"^\| `tierreport ([a-z-]+)` \|", reference(), flags=re.MULTILINE)
    assert sorted(listed) == sorted(commands())


def test_the_group_help_lists_every_command_and_an_example() -> None:
    result = run("--help")
    assert result.exit_code == 0
    assert "Example: tierreport " in result.output
    listed = re.findall(r"^  ([a-z-]+)\s", result.output.split("Commands:")[1], re.MULTILINE)
    assert sorted(listed) == sorted(commands())


def test_the_pre_commit_hook_runs_check_on_edition_files() -> None:
    hooks = YAML(typ="safe").load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert len(hooks) == 1
    hook = hooks[0]
    assert (hook["id"], hook["entry"], hook["language"], hook["pass_filenames"]) == (
        "tierreport-check",
        "tierreport check",
        "python",
        False,
    )
    pattern = re.compile(hook["files"])
    matched = [
        path
        for path in (
            "edition.yaml",
            "standards/minimum-standards.yaml",
            "countries/XAR.yaml",
            "countries/XAR.yml",
            "front/introduction.md",
            "tierreport/data/minimum-standards.yaml",
            "build/data/placements.json",
            "notes/edition.yaml",
        )
        if pattern.search(path)
    ]
    assert matched == [
        "edition.yaml",
        "standards/minimum-standards.yaml",
        "countries/XAR.yaml",
        "countries/XAR.yml",
    ]
    (script,) = metadata.entry_points(group="console_scripts", name="tierreport")
    assert script.load() is main
    assert "tierreport-check" in (REPO / "README.md").read_text(encoding="utf-8")


def test_the_readme_local_hook_matches_the_published_one() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = readme.split("```yaml\nrepos:\n  - repo: local\n", 1)[1].split("```", 1)[0]
    local = YAML(typ="safe").load("repos:\n  - repo: local\n" + block)["repos"][0]["hooks"][0]
    published = YAML(typ="safe").load((REPO / ".pre-commit-hooks.yaml").read_text("utf-8"))[0]
    for key in ("id", "name", "entry", "pass_filenames", "files"):
        assert local[key] == published[key], key
    assert local["language"] == "system"  # the installed tierreport, not a new environment
