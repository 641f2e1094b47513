"""A build stopped by a signal leaves nothing running and nothing half-written (issue 12).

``build --draft`` renders the PDF's chapters in worker processes. One chapter of the edition
here is long enough to keep a worker busy for many seconds, so a worker that outlived its
parent would still be found alive when the test looks.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import REPO, copy_edition
from tests.test_output_safety import hidden_beside, tree

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform != "linux", reason="reads processes from /proc"),
]


def long_edition(target: Path) -> Path:
    """The ``minimal`` edition with a smuggling profile of a thousand paragraphs."""
    edition = copy_edition("minimal", target)
    path = edition / "countries" / "XAA.yaml"
    paragraph = "Police dismantled a network of smugglers along the southern corridor. " * 6
    profile = "\\n\\n".join([paragraph.strip()] * 1000)
    text = path.read_text("utf-8")
    old = "  profile: Migrants cross the southern desert."
    assert old in text
    path.write_text(text.replace(old, f'  profile: "{profile}"'), "utf-8")
    return edition


def forked_children(pid: int) -> set[int]:
    """The processes ``pid`` forked (the draft's workers): its children running its command.

    Other children (a library looking for a shared library runs ``ldconfig``) are left out.
    """
    found = set()
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return found
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            same = (entry / "cmdline").read_bytes() == command
        except OSError:
            continue  # ended meanwhile
        if int(fields[1]) == pid and same:
            found.add(int(entry.name))
    return found


def alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie waiting for its parent does not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_for(condition: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def start_draft(edition: Path, out: Path) -> tuple[subprocess.Popen[bytes], set[int]]:
    """Start ``build --draft --only pdf`` and wait until its workers render; return them."""
    command = [sys.executable, "-m", "tierreport", "build", "--edition", str(edition)]
    command += ["--out", str(out), "--draft", "--only", "pdf", "--quiet"]
    build = subprocess.Popen(
        command,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    workers: set[int] = set()

    def rendering() -> bool:
        workers.update(forked_children(build.pid))
        return len(workers) >= 2 or build.poll() is not None

    assert wait_for(rendering, 120), "the build started no workers"
    assert build.poll() is None, build.communicate()
    return build, workers


@pytest.fixture
def previous(tmp_path: Path) -> tuple[Path, Path, dict[str, tuple[str, int, bytes]]]:
    """A long edition and a previous build of its data in ``out``."""
    edition = long_edition(tmp_path / "edition")
    out = tmp_path / "out"
    command = [sys.executable, "-m", "tierreport", "build", "--edition", str(edition)]
    command += ["--out", str(out), "--draft", "--only", "data"]
    subprocess.run(command, check=True, capture_output=True, env={**os.environ})
    return edition, out, tree(out)


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_a_stopped_draft_build_stops_its_workers_and_changes_nothing(
    previous: tuple[Path, Path, dict[str, tuple[str, int, bytes]]], stop: signal.Signals
) -> None:
    edition, out, before = previous
    build, workers = start_draft(edition, out)
    assert any(p.name.startswith(".out.new-") for p in out.parent.iterdir())
    build.send_signal(stop)
    status = build.wait(timeout=30)
    # SIGTERM: 128 + 15, as a shell reports it; Ctrl-C: click's "Aborted." and status 1.
    assert status == (143 if stop == signal.SIGTERM else 1)
    assert wait_for(lambda: not any(alive(pid) for pid in workers), 3), "workers outlived"
    assert tree(out) == before
    assert hidden_beside(out) == []  # no staging folder, no lock file


def test_workers_end_with_a_killed_parent_and_the_next_build_cleans_up(
    previous: tuple[Path, Path, dict[str, tuple[str, int, bytes]]],
) -> None:
    edition, out, before = previous
    build, workers = start_draft(edition, out)
    build.kill()
    build.wait(timeout=30)
    assert wait_for(lambda: not any(alive(pid) for pid in workers), 3), "workers outlived"
    assert tree(out) == before
    left = hidden_beside(out)
    assert ".out.lock" in left and any(name.startswith(".out.new-") for name in left)
    command = [sys.executable, "-m", "tierreport", "build", "--edition", str(edition)]
    command += ["--out", str(out), "--draft", "--only", "data"]
    done = subprocess.run(command, capture_output=True, text=True, env={**os.environ})
    assert done.returncode == 0, done.stderr
    assert hidden_beside(out) == []
