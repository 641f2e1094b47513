"""``make bench`` times ``build --watch`` from each save to the build it causes."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

# benchmarks/ is a folder of scripts that import each other by name, as run.py does.
sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))

from measure import Task, measure

from tests.test_watch import save


def watching(edition: Path, out: Path, edit: Callable[[int], None], runs: int) -> Task:
    argv = [sys.executable, "-m", "tierreport", "build", "--edition", str(edition)]
    argv += ["--out", str(out), "--only", "html", "--draft", "--quiet", "--watch"]
    return Task("html-watch", "watch", argv, runs, edit, kept_running=True)


def test_each_save_is_timed_until_the_build_it_causes_is_written(
    edition_copy: Callable[[str], Path], tmp_path: Path
) -> None:
    edition = edition_copy("minimal")
    path = edition / "countries" / "XAA.yaml"
    original = path.read_text(encoding="utf-8")
    logged: list[str] = []

    def edit(index: int) -> None:
        path.write_text(original.replace("Aldora made", f"Aldora ({index}) made"), "utf-8")

    task = measure(watching(edition, tmp_path / "out", edit, 3), tmp_path, logged.append)
    assert [run.status for run in task.results] == [0, 0, 0]
    assert all(0 < run.seconds < 60 and run.peak_rss_mb > 20 for run in task.results)
    assert len(logged) == 3 and logged[0].startswith("  watch: run 1/3 ")
    page = (tmp_path / "out" / "site" / "countries" / "XAA.html").read_text(encoding="utf-8")
    assert "Aldora (2) made" in page  # the last save was built before the run ended


def test_a_save_that_fails_to_build_fails_the_run_and_stops_the_task(
    edition_copy: Callable[[str], Path], tmp_path: Path
) -> None:
    edition = edition_copy("minimal")
    path = edition / "countries" / "XAA.yaml"

    def edit(index: int) -> None:
        save(path, "region: AF", "region: ZZ")

    task = measure(watching(edition, tmp_path / "out", edit, 3), tmp_path, lambda line: None)
    assert [(run.status, run.error) for run in task.results] == [
        (1, "Error: the edition has 1 error")
    ]
    assert not task.ok
