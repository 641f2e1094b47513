"""The build's outputs are one declared list; ``--only`` is derived from it, in one parser."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import copy_edition, run
from tierreport.build import ONLY_PARTS, OUTPUTS, PARTS, build, only_parts
from tierreport.errors import BuildError


def test_the_outputs_are_declared_in_the_order_they_are_written() -> None:
    assert [o.name for o in OUTPUTS] == ["html", "pdf", "data", "briefs"]
    assert ONLY_PARTS == ("html", "pdf", "data", "briefs")
    assert PARTS == ("html", "pdf", "data")  # briefs only when named
    # The site first: its search index is made while the others are written; it links what
    # they offer, which each says before it is written.
    assert OUTPUTS[0].name == "html"
    assert [o.name for o in OUTPUTS if o.offer is not None] == ["pdf", "data"]
    assert all(o.writes and o.offers for o in OUTPUTS)


def test_only_is_parsed_once_for_the_library_and_the_command_line(tmp_path: Path) -> None:
    assert only_parts(["html", " data", "html", ""]) == ("html", "data")
    with pytest.raises(ValueError) as failure:
        only_parts(["html", "site"])
    message = "expected a comma-separated list of html, pdf, data, briefs, got 'html,site'"
    assert str(failure.value) == message
    edition = copy_edition("minimal", tmp_path / "edition")
    with pytest.raises(BuildError) as refused:
        build(edition, tmp_path / "out", only=("site",), draft=True)
    assert str(refused.value) == (
        "--only: expected a comma-separated list of html, pdf, data, briefs, got 'site'"
    )
    result = run("build", "--edition", edition, "--out", tmp_path / "out", "--only", "html,site")
    assert result.exit_code == 2
    assert f"Error: Invalid value for --only: {message}" in result.output
    assert not (tmp_path / "out").exists()
