"""The build's outputs are one declared list; ``--only`` is derived from it, in one parser."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import copy_edition, run
from tierreport.build import ONLY_PARTS, OUTPUTS, PARTS, build, only_parts
from tierreport.errors import BuildError


def test_the_outputs_are_declared_in_the_order_they_are_written() -> None:
    assert [o.name for o in OUTPUTS] == ["data", "pdf", "briefs", "html"]
    assert ONLY_PARTS == ("data", "pdf", "briefs", "html")
    assert PARTS == ("data", "pdf", "html")  # briefs only when named
    assert OUTPUTS[-1].name == "html"  # the site links what the others wrote or kept
    assert all(o.writes and o.offers for o in OUTPUTS)


def test_only_is_parsed_once_for_the_library_and_the_command_line(tmp_path: Path) -> None:
    assert only_parts(["html", " data", "html", ""]) == ("html", "data")
    with pytest.raises(ValueError) as failure:
        only_parts(["html", "site"])
    message = "expected a comma-separated list of data, pdf, briefs, html, got 'html,site'"
    assert str(failure.value) == message
    edition = copy_edition("minimal", tmp_path / "edition")
    with pytest.raises(BuildError) as refused:
        build(edition, tmp_path / "out", only=("site",), draft=True)
    assert str(refused.value) == (
        "--only: expected a comma-separated list of data, pdf, briefs, html, got 'site'"
    )
    result = run("build", "--edition", edition, "--out", tmp_path / "out", "--only", "html,site")
    assert result.exit_code == 2
    assert f"Error: Invalid value for --only: {message}" in result.output
    assert not (tmp_path / "out").exists()
