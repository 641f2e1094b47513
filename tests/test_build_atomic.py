"""A failed build leaves the previous output untouched; parts not rebuilt are kept."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import copy_edition, run
from tests.test_reproducible import snapshot
from tierreport import build as build_module
from tierreport.build import build
from tierreport.errors import BuildError, EditionError
from tierreport.render import search


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, Path, dict[str, bytes]]:
    edition = copy_edition("example", tmp_path / "edition")
    out = tmp_path / "out"
    build(edition, out, only=("html", "data"), environ={})
    return edition, out, snapshot(out)


def leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith("."))


def test_an_edition_error_leaves_the_output_untouched(
    built: tuple[Path, Path, dict[str, bytes]],
) -> None:
    edition, out, before = built
    path = edition / "countries" / "XAR.yaml"
    path.write_text(path.read_text("utf-8").replace("finding: partial", "finding: yes", 1), "utf-8")
    with pytest.raises(EditionError):
        build(edition, out, only=("html", "data"), environ={})
    assert snapshot(out) == before
    assert leftovers(out) == []


def test_a_failure_while_writing_leaves_the_output_untouched(
    built: tuple[Path, Path, dict[str, bytes]], monkeypatch: pytest.MonkeyPatch
) -> None:
    edition, out, before = built

    def full_disk(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(build_module, "write_site", full_disk)
    with pytest.raises(BuildError, match=r"^cannot write .*/out: No space left on device$"):
        build(edition, out, only=("data", "html"), environ={})
    assert snapshot(out) == before
    assert leftovers(out) == []


def test_a_failure_while_the_site_is_indexed_waits_for_the_indexing_and_leaves_nothing(
    built: tuple[Path, Path, dict[str, bytes]], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The site is written first and indexed while the data is written: a failure in the data
    # waits for the Pagefind runs going on, and the build leaves nothing of them.
    edition, out, before = built
    indexed: list[str] = []
    index = search._index

    def slow_index(*args: Any) -> search.IndexFiles:
        files = index(*args)
        indexed.append(str(args[3]))
        return files

    def full_disk(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(search, "_index", slow_index)
    monkeypatch.setattr(build_module, "write_data", full_disk)
    (edition / "countries" / "XAR.yaml").write_text(
        (edition / "countries" / "XAR.yaml")
        .read_text("utf-8")
        .replace("  summary: >-\n    ", "  summary: >-\n    Indexed, then stopped. ", 1),
        "utf-8",
    )
    with pytest.raises(BuildError, match=r"^cannot write .*/out: No space left on device$"):
        build(edition, out, only=("html", "data"), environ={})
    assert len(indexed) == 1  # begun before the data failed, and waited for
    assert snapshot(out) == before
    assert leftovers(out) == []


def test_only_html_keeps_the_previous_data(built: tuple[Path, Path, dict[str, bytes]]) -> None:
    edition, out, before = built
    build(edition, out, only=("html",), environ={})
    # The Markdown cache keeps what this build rendered: the countries' text came with their
    # records, kept by the first build (tests/test_entries.py).
    after = snapshot(out)
    assert after.pop(".cache/markdown.pickle") and before.pop(".cache/markdown.pickle")
    assert after == before


def test_the_internal_edition_goes_into_a_folder_of_its_own(
    built: tuple[Path, Path, dict[str, bytes]],
) -> None:
    edition, out, before = built
    with pytest.raises(BuildError) as refused:
        build(edition, out, audience="internal", only=("html",), environ={})
    assert str(refused.value) == (
        f"refusing to replace {out}: it holds the public build; the internal build goes into a "
        "folder of its own, such as build-internal"
    )
    with pytest.raises(BuildError) as inside:
        build(edition, out / "internal", audience="internal", only=("html",), environ={})
    assert str(inside.value) == (
        f"refusing to write into {out / 'internal'}: it is inside the public build in {out}; "
        "internal output never goes where an upload of a public build carries it; choose a "
        "folder outside it"
    )
    assert snapshot(out) == before
    assert leftovers(out) == []


def test_a_country_not_cleared_stops_a_build_without_draft(tmp_path: Path) -> None:
    edition = copy_edition("example", tmp_path / "edition")
    path = edition / "countries" / "XDU.yaml"
    path.write_text(path.read_text("utf-8").replace("status: cleared", "status: review"), "utf-8")
    result = run("build", "--edition", edition, "--out", tmp_path / "out", "--only", "html")
    assert result.exit_code == 1
    assert result.output == (
        "Error: 1 country is not cleared for release: countries/XDU.yaml (review); set status: "
        "cleared, or build a marked draft with --draft\n"
    )
    assert not (tmp_path / "out").exists()
    result = run(
        "build", "--edition", edition, "--out", tmp_path / "out", "--only", "html", "--draft"
    )
    assert result.exit_code == 0, result.output
    assert (
        "Draft: not cleared for release." in (tmp_path / "out" / "site" / "index.html").read_text()
    )


def test_cli_build_reports_what_it_wrote_and_rejects_unknown_parts(tmp_path: Path) -> None:
    edition = copy_edition("example", tmp_path / "edition")
    out = tmp_path / "out"
    result = run("build", "--edition", edition, "--out", out, "--only", "data")
    assert result.exit_code == 0
    assert result.output == f"wrote 10 files to {out}\n"
    result = run("build", "--edition", edition, "--out", out, "--only", "html,epub")
    assert result.exit_code == 2
    expected = "expected a comma-separated list of html, pdf, data, briefs, got 'html,epub'"
    assert f"Invalid value for --only: {expected}" in result.output
