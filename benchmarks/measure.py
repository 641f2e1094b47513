"""Measure one command in a fresh process: wall-clock seconds and peak resident memory.

Each run is its own subprocess, reaped with ``os.wait4`` so that its resource usage (peak RSS
of the process, or of its largest waited-for descendant) is that run's alone.
"""

from __future__ import annotations

import os
import platform
import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Run:
    """One run of a command."""

    seconds: float
    peak_rss_mb: float
    status: int
    error: str = ""
    """The last line the command wrote to stderr when it failed."""
    cpu_seconds: float = 0.0
    """User and system time of the process and its children: what the run cost, whatever
    else the machine was doing (wall-clock time also counts waiting for a shared core)."""


@dataclass
class Task:
    """A measured task: what it runs, how often, and what it must reach."""

    key: str
    label: str
    argv: Sequence[str]
    runs: int
    before_each: Callable[[int], None] | None = None
    """Called with the run's index before it starts (untimed): e.g. edit one country."""
    results: list[Run] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Whether every run succeeded."""
        return bool(self.results) and all(r.status == 0 for r in self.results)

    @property
    def median(self) -> float | None:
        """Median wall-clock seconds of the runs, None if any failed."""
        return statistics.median(r.seconds for r in self.results) if self.ok else None

    @property
    def cpu_median(self) -> float | None:
        """Median processor seconds of the runs, None if any failed."""
        return statistics.median(r.cpu_seconds for r in self.results) if self.ok else None

    @property
    def peak_rss_mb(self) -> float | None:
        """The highest peak RSS of all runs, None if any failed."""
        return max(r.peak_rss_mb for r in self.results) if self.ok else None

    @property
    def error(self) -> str:
        """Why the task is not available (the first failed run's message)."""
        return next((r.error for r in self.results if r.status != 0), "")


def run_once(argv: Sequence[str], cwd: Path, env: dict[str, str] | None = None) -> Run:
    """Run ``argv`` once in a fresh process and measure it."""
    with tempfile.TemporaryFile() as err, tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        try:
            process = subprocess.Popen(argv, cwd=cwd, stdout=out, stderr=err, env=env)
        except OSError as exc:
            return Run(0.0, 0.0, 127, f"cannot start {argv[0]}: {exc.strerror or exc}")
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped: keep Popen quiet
        err.seek(0)
        lines = err.read().decode("utf-8", "replace").strip().splitlines()
    # ru_maxrss is in kilobytes on Linux.
    code = process.returncode
    cpu = usage.ru_utime + usage.ru_stime
    return Run(seconds, usage.ru_maxrss / 1024, code, lines[-1] if lines and code else "", cpu)


def _run(task: Task, index: int, cwd: Path, log: Callable[[str], None]) -> Run:
    """Run ``task`` once more (its ``index``-th run), keep the result and log it."""
    if task.before_each is not None:
        task.before_each(index)
    result = run_once(task.argv, cwd)
    task.results.append(result)
    state = "ok" if result.status == 0 else f"failed ({result.error})"
    log(
        f"  {task.label}: run {index + 1}/{task.runs} {result.seconds:.2f} s "
        f"({result.cpu_seconds:.2f} s CPU), {result.peak_rss_mb:.0f} MB, {state}"
    )
    return result


def measure(task: Task, cwd: Path, log: Callable[[str], None]) -> Task:
    """Run ``task`` its number of times (stopping at the first failure)."""
    for index in range(task.runs):
        if _run(task, index, cwd, log).status != 0:
            break
    return task


def measure_interleaved(tasks: Sequence[Task], cwd: Path, log: Callable[[str], None]) -> None:
    """Run several tasks in turn, one run of each per round, so that a change in the load of a
    shared machine weighs on all of them alike (their difference is what is judged)."""
    rounds = max(task.runs for task in tasks)
    for index in range(rounds):
        for task in tasks:
            if index >= task.runs or (task.results and not task.ok):
                continue
            _run(task, index, cwd, log)


def machine() -> dict[str, str | int]:
    """The machine the figures were taken on."""
    memory = "unknown"
    cpu = platform.processor() or "unknown"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        from weasyprint import __version__ as weasyprint_version
    except ImportError:
        weasyprint_version = "not installed"
    browser = shutil.which("chromium")
    version = "Chromium not installed"
    if browser:
        done = subprocess.run([browser, "--version"], capture_output=True, text=True, check=False)
        version = done.stdout.strip() or "Chromium (version unknown)"
    return {
        # The cores this process may use, as nproc counts them.
        "cores": len(os.sched_getaffinity(0)),
        "memory": memory,
        "cpu": cpu,
        "python": platform.python_version(),
        "weasyprint": weasyprint_version,
        "system": f"{platform.system()} {platform.release()}",
        "chromium": version,
    }
