"""Measure one command in a fresh process: wall-clock seconds and peak resident memory.

Each run is its own subprocess, reaped with ``os.wait4`` so that its resource usage (peak RSS
of the process, or of its largest waited-for descendant) is that run's alone.
"""

from __future__ import annotations

import os
import platform
import queue
import shutil
import signal
import statistics
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO


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
    kept_running: bool = False
    """``argv`` stays running and builds again after each ``before_each`` (``build --watch``):
    each run is timed from the edit to the line that says the build is done
    (``measure_watching``)."""
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
    return _kept(task, index, run_once(task.argv, cwd), log)


def _kept(task: Task, index: int, result: Run, log: Callable[[str], None]) -> Run:
    """Keep ``result`` as the ``index``-th run of ``task`` and log it."""
    task.results.append(result)
    state = "ok" if result.status == 0 else f"failed ({result.error})"
    log(
        f"  {task.label}: run {index + 1}/{task.runs} {result.seconds:.2f} s "
        f"({result.cpu_seconds:.2f} s CPU), {result.peak_rss_mb:.0f} MB, {state}"
    )
    return result


def measure(task: Task, cwd: Path, log: Callable[[str], None]) -> Task:
    """Run ``task`` its number of times (stopping at the first failure)."""
    if task.kept_running:
        return measure_watching(task, cwd, log)
    for index in range(task.runs):
        if _run(task, index, cwd, log).status != 0:
            break
    return task


WATCH_DONE = "wrote "
"""How ``build --watch`` starts the line it prints when a build is done."""
WATCH_FAILED = "is as it was"
"""What ``build --watch`` says on stderr when a build failed."""
WATCH_LIMIT = 300.0
"""Seconds a run of a watching task may take before it counts as failed."""


def measure_watching(task: Task, cwd: Path, log: Callable[[str], None]) -> Task:
    """Start ``task.argv`` once, wait for its first build (untimed), then time each run from
    ``before_each`` (an edit) to the next line that says a build is done: the time a person
    saving a file waits for the site, polling included.

    A run's CPU seconds are those the process and the children it waited for (Pagefind) used
    meanwhile; its peak RSS is the process's own peak so far (``VmHWM``), which covers every
    build before it: a watch that kept what its builds leave would grow run after run.
    """
    process = subprocess.Popen(
        task.argv, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    lines: queue.Queue[str] = queue.Queue()
    errors: list[str] = []
    threading.Thread(target=_lines, args=(process.stdout, lines.put), daemon=True).start()
    threading.Thread(target=_lines, args=(process.stderr, errors.append), daemon=True).start()
    try:
        first = _done(lines, process, errors)
        if first is not None:
            task.results.append(first)
            return task
        for index in range(task.runs):
            if task.before_each is not None:
                task.before_each(index)
            cpu, start = _cpu_seconds(process.pid), time.perf_counter()
            failed = _done(lines, process, errors)
            seconds = time.perf_counter() - start
            result = failed or Run(
                seconds, _peak_mb(process.pid), 0, "", _cpu_seconds(process.pid) - cpu
            )
            if _kept(task, index, result, log).status != 0:
                break
    finally:
        process.send_signal(signal.SIGINT)  # Ctrl-C: the watch stops as a person stops it
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    return task


def _lines(stream: IO[str] | None, put: Callable[[str], None]) -> None:
    for line in stream or ():
        put(line.rstrip("\n"))


def _done(lines: queue.Queue[str], process: subprocess.Popen[str], errors: list[str]) -> Run | None:
    """None once the watching process says a build is done; a failed run if a build fails
    (it says the output ``is as it was``), the process ends, or ``WATCH_LIMIT`` seconds pass."""
    deadline = time.perf_counter() + WATCH_LIMIT
    before = len(errors)  # what it said before this build
    while time.perf_counter() < deadline:
        try:
            if lines.get(timeout=0.01).startswith(WATCH_DONE):
                return None
            continue
        except queue.Empty:
            pass
        if process.poll() is not None or any(WATCH_FAILED in line for line in errors[before:]):
            why = next((line for line in reversed(errors) if line.startswith("Error")), "")
            return Run(0.0, 0.0, process.returncode or 1, why or "the build failed")
    return Run(WATCH_LIMIT, 0.0, 1, f"no build done in {WATCH_LIMIT:.0f} s")


def _cpu_seconds(pid: int) -> float:
    """User and system time of process ``pid`` and of the children it waited for."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = sum(int(fields[index]) for index in (11, 12, 13, 14))  # utime .. cstime
    return ticks / os.sysconf("SC_CLK_TCK")


def _peak_mb(pid: int) -> float:
    """The peak resident memory of process ``pid`` so far, in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


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
