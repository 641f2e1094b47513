"""The progress display: on a terminal after a second, never in a pipe or with --quiet."""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from pathlib import Path

from tests.conftest import run
from tierreport.build import build
from tierreport.cli.progress import Progress


class Terminal(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def _wait_for(condition: Callable[[], bool]) -> None:
    deadline = time.monotonic() + 5
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.01)


def test_a_terminal_sees_the_step_then_a_cleared_line() -> None:
    stream = Terminal()
    progress = Progress(stream, enabled=True, delay=0)
    progress.step("rendering the PDF: part 3 of 9")
    with progress:
        _wait_for(lambda: "part 3 of 9" in stream.getvalue())
    text = stream.getvalue()
    assert text.startswith("\r\x1b[Krendering the PDF: part 3 of 9 (0 s)")
    assert text.endswith("\r\x1b[K")


def test_nothing_is_shown_before_the_delay() -> None:
    stream = Terminal()
    with Progress(stream, enabled=True, delay=60) as progress:
        progress.step("checking the edition")
    assert stream.getvalue() == ""


def test_a_pipe_or_quiet_gets_no_display() -> None:
    assert not Progress.on_terminal(io.StringIO()).enabled
    assert not Progress.on_terminal(Terminal(), quiet=True).enabled
    assert Progress.on_terminal(Terminal()).enabled


def test_build_reports_each_step(edition_copy: Callable[[str], Path], tmp_path: Path) -> None:
    steps: list[str] = []
    build(edition_copy("example"), tmp_path / "out", only=["html", "data"], progress=steps.append)
    assert steps == [
        "checking the edition",
        "preparing the pages",
        "writing the site",
        "indexing the site for search, beside the other outputs",
        "writing the data files",
        "finishing the site's search index",
    ]


def test_build_quiet_prints_only_its_result(
    edition_copy: Callable[[str], Path], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = run(
        "build", "--edition", edition_copy("example"), "--out", out, "--only", "data", "-q"
    )
    assert result.exit_code == 0
    assert result.output == f"wrote 10 files to {out}\n"
