"""``tierreport build --watch``: what it looks at, and a build again at every save."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import run
from tierreport.output import MARKER
from tierreport.watching import EditionFiles, changed, watch_edition


def save(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_watch_looks_at_the_settings_the_files_they_name_and_the_countries(
    edition_copy: Callable[[str], Path],
) -> None:
    edition = edition_copy("minimal")
    (edition / "countries" / ".XAA.yaml.swp").write_text("an editor's swap file\n")
    (edition / "countries" / "XCC.yml").write_text("code: XCC\n")  # misnamed: check reports it
    (edition / "README.md").write_text("Notes for the desk officers.\n")
    files = EditionFiles(edition)
    assert sorted(files.stamps()) == [
        "countries/XAA.yaml",
        "countries/XBB.yaml",
        "countries/XCC.yml",
        "edition.yaml",
        "standards/minimum-standards.yaml",
    ]
    (edition / "front").mkdir()
    (edition / "front" / "introduction.md").write_text("This year's report.\n")
    save(
        edition / "edition.yaml",
        "fictional: true",
        "fictional: true\nintroduction: front/introduction.md",
    )
    assert "front/introduction.md" in files.stamps()  # named once edition.yaml says so


def test_changed_names_the_files_added_removed_and_modified() -> None:
    before = {"a.yaml": (1, 10, 7), "b.yaml": (1, 10, 8), "c.yaml": (1, 10, 9)}
    after = {"a.yaml": (1, 10, 7), "b.yaml": (2, 11, 8), "d.yaml": (1, 10, 10)}
    assert changed(before, after) == ["b.yaml", "c.yaml", "d.yaml"]
    assert changed(before, dict(before)) == []


def test_watch_edition_runs_again_only_when_a_file_changes(
    edition_copy: Callable[[str], Path],
) -> None:
    edition = edition_copy("minimal")
    path = edition / "countries" / "XAA.yaml"
    runs: list[list[str]] = []

    def record(changes: list[str]) -> None:
        runs.append(changes)
        if len(runs) == 1:
            save(path, "Aldora made progress.", "Aldora made some progress.")
        elif len(runs) == 2:
            path.rename(edition / "countries" / "XAB.yaml")

    assert watch_edition(edition, record, iterations=5, interval=0) == 3
    assert runs == [[], ["countries/XAA.yaml"], ["countries/XAA.yaml", "countries/XAB.yaml"]]


def test_build_watch_builds_again_at_each_save_and_keeps_the_build_when_one_fails(
    edition_copy: Callable[[str], Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    edition = edition_copy("minimal")
    path = edition / "countries" / "XAA.yaml"
    out = tmp_path / "out"
    page = out / "site" / "countries" / "XAA.html"
    pages: list[str] = []
    saves = [
        ("Aldora made progress.", "Aldora made steady progress."),
        ("region: AF", "region: ZZ"),  # a save that does not check
        ("region: ZZ", "region: AF"),
        None,  # nothing saved: no build
    ]

    def wait(seconds: float) -> None:
        pages.append(page.read_text(encoding="utf-8"))
        if not saves:
            raise KeyboardInterrupt  # the user presses Ctrl-C while the watch waits
        step = saves.pop(0)
        if step is not None:
            save(path, *step)

    monkeypatch.setattr("tierreport.watching.sleep", wait)
    result = run(
        "build", "--edition", edition, "--out", out, "--only", "html", "--draft", "--watch"
    )
    assert result.exit_code == 0, result.output
    lines = [re.sub(r"\(\d+\.\d\d s\)$", "(N s)", line) for line in result.output.splitlines()]
    wrote = f"wrote 17 files to {out} (N s)"
    assert lines == [
        f"watching {edition} and building into {out}; press Ctrl-C to stop",
        wrote,
        "countries/XAA.yaml changed: building again",
        wrote,
        "countries/XAA.yaml changed: building again",
        "countries/XAA.yaml:3:1: error: region: unknown region 'ZZ'; expected one of AF, EUR",
        "Error: the edition has 1 error",
        f"{out} is as it was; waiting for the next save",
        "countries/XAA.yaml changed: building again",
        wrote,
        "stopped",
    ]
    assert ["steady progress" in p for p in pages] == [False, True, True, True, True]
    assert (out / MARKER).is_file()


def test_build_watch_refuses_a_folder_it_may_not_replace_at_once(
    edition_copy: Callable[[str], Path], tmp_path: Path
) -> None:
    edition = edition_copy("minimal")
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("not a build\n")
    result = run(
        "build", "--edition", edition, "--out", out, "--only", "html", "--draft", "--watch"
    )
    assert result.exit_code == 1
    assert result.output == (
        f"Error: refusing to replace {out}: it is not empty and was not written by tierreport "
        f"build (it has no {MARKER} file); choose a new or empty folder, or remove it yourself\n"
    )
    assert (out / "notes.txt").read_text() == "not a build\n"


def test_build_watch_of_a_folder_that_is_no_edition_ends_at_once(tmp_path: Path) -> None:
    missing = tmp_path / "reports" / "2027"
    result = run("build", "--edition", missing, "--out", tmp_path / "out", "--watch")
    assert result.exit_code == 1
    assert result.output == (
        f"{missing}:1:1: error: no such edition directory; pass --edition DIR, or create one "
        "with 'tierreport init DIR --year YEAR'\n"
        "Error: the edition has 1 error\n"
    )
    assert not (tmp_path / "out").exists()
