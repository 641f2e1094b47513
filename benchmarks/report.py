"""The benchmark's results: targets, and the Markdown table and JSON written from them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from measure import Task

MEMORY_LIMIT_MB = 1536.0
"""Peak memory target of every task of the pipeline: 1.5 GB."""


@dataclass(frozen=True)
class Target:
    """What a task must reach: a number of seconds, or a fraction of another task's time."""

    limit: float | None = None
    of: str | None = None
    """Key of the task whose median the limit multiplies; None for plain seconds."""
    memory_only: bool = False
    """Only the peak memory is judged (no time target)."""
    overhead: bool = False
    """The task is a baseline: task ``of`` may take at most ``limit`` times its processor time.
    Processor time, not wall-clock time: the difference is a few per cent of a second or two,
    which other work on a shared machine would otherwise swamp."""

    @classmethod
    def seconds(cls, limit: float) -> Target:
        """At most ``limit`` seconds."""
        return cls(limit)

    @classmethod
    def relative(cls, of: str, factor: float) -> Target:
        """At most ``factor`` times the median of task ``of``."""
        return cls(factor, of)

    @classmethod
    def overhead_of(cls, of: str, factor: float) -> Target:
        """Task ``of`` does what this task does and more, at most ``factor`` x its time."""
        return cls(factor, of, overhead=True)

    @classmethod
    def memory(cls) -> Target:
        """No time target; peak memory within ``MEMORY_LIMIT_MB``."""
        return cls(memory_only=True)

    @classmethod
    def none(cls) -> Target:
        """A peer or a reference figure: no target."""
        return cls()

    def text(self) -> str:
        """The target as the table prints it."""
        if self.memory_only:
            return f"<= {MEMORY_LIMIT_MB:.0f} MB"
        if self.limit is None:
            return "-"
        if self.overhead:
            return f"{self.of} <= {self.limit:g} x this (CPU s)"
        if self.of is None:
            return f"<= {self.limit:g} s"
        return f"<= {self.limit:g} x {self.of}"

    def bound(self, medians: dict[str, float | None]) -> float | None:
        """The limit in seconds, None when there is none or its reference is missing."""
        if self.limit is None:
            return None
        if self.of is None:
            return self.limit
        reference = medians.get(self.of)
        return None if reference is None else self.limit * reference


def _verdict(
    task: Task, target: Target, medians: dict[str, float | None], cpu: dict[str, float | None]
) -> str:
    if not task.ok:
        return "not available"
    memory = task.peak_rss_mb or 0.0
    if target.memory_only:
        return ("yes" if memory <= MEMORY_LIMIT_MB else "NO") + f" (limit {MEMORY_LIMIT_MB:.0f} MB)"
    if target.limit is None:
        return "-"
    if target.overhead:
        return _overhead(task, target, cpu)
    bound = target.bound(medians)
    if bound is None:
        return "unknown (no reference)"
    median = task.median or 0.0
    met = median <= bound and memory <= MEMORY_LIMIT_MB
    return ("yes" if met else "NO") + f" (limit {bound:.2f} s, {MEMORY_LIMIT_MB:.0f} MB)"


def _overhead(task: Task, target: Target, cpu: dict[str, float | None]) -> str:
    """How much more processor time task ``target.of`` took than this baseline, against the
    limit."""
    reference = cpu.get(target.of or "")
    if reference is None or not task.cpu_median or target.limit is None:
        return "unknown (no reference)"
    added = reference - task.cpu_median
    share = added / task.cpu_median
    met = reference <= target.limit * task.cpu_median
    return (
        f"{'yes' if met else 'NO'} ({target.of} takes {added:+.2f} s, {share:+.1%}; "
        f"limit {target.limit - 1:+.0%})"
    )


def rows(measured: Sequence[tuple[Task, Target]]) -> list[dict[str, Any]]:
    """One record per task: label, runs, median, peak memory, target and verdict."""
    medians = {task.key: task.median for task, _ in measured}
    cpu = {task.key: task.cpu_median for task, _ in measured}
    return [
        {
            "key": task.key,
            "task": task.label,
            "runs": len(task.results),
            "seconds": [round(r.seconds, 3) for r in task.results],
            "median_seconds": None if task.median is None else round(task.median, 3),
            "cpu_seconds": [round(r.cpu_seconds, 3) for r in task.results],
            "median_cpu_seconds": None if task.cpu_median is None else round(task.cpu_median, 3),
            "peak_rss_mb": None if task.peak_rss_mb is None else round(task.peak_rss_mb, 1),
            "target": target.text(),
            "met": _verdict(task, target, medians, cpu),
            "error": task.error,
        }
        for task, target in measured
    ]


def render_json(
    measured: Sequence[tuple[Task, Target]], about: dict[str, Any], summary: dict[str, Any]
) -> dict[str, Any]:
    """Everything the Markdown says, as data."""
    return {"machine": about, **summary, "tasks": rows(measured)}


def _per_chapter(summary: dict[str, Any], prefix: str) -> str:
    """``, 4.1 pages a chapter`` when the run measured it (issue 15: about four)."""
    value = summary.get(f"{prefix}pages_per_chapter")
    return f", {value:g} pages a chapter" if value else ""


def render_markdown(
    measured: Sequence[tuple[Task, Target]], about: dict[str, Any], summary: dict[str, Any]
) -> str:
    """The results table with the machine it was taken on."""
    pages = summary.get("pages")
    lines = [
        "# Benchmark results",
        "",
        f"Synthetic edition of {summary['countries']} countries"
        + (f"; the publication PDF has {pages} pages{_per_chapter(summary, '')}." if pages else ".")
        + (
            f" The row at a real edition's size renders a second one of "
            f"{summary['real_countries']} countries ({summary['real_pages']} pages"
            f"{_per_chapter(summary, 'real_')})."
            if summary.get("real_pages")
            else ""
        ),
        f"Median of {summary['runs']} runs per task, each in a fresh process; full PDF renders "
        f"(publication PDF and the plain WeasyPrint peer) {summary['pdf_runs']} run(s) each.",
        "",
        "| Task | Median s | CPU s | Runs | Peak RSS MB | Target | Met? |",
        "|---|---:|---:|---:|---:|---|---|",
    ]
    for row in rows(measured):
        median = "-" if row["median_seconds"] is None else f"{row['median_seconds']:.2f}"
        memory = "-" if row["peak_rss_mb"] is None else f"{row['peak_rss_mb']:.0f}"
        cpu = "-" if row["median_cpu_seconds"] is None else f"{row['median_cpu_seconds']:.2f}"
        verdict = row["met"] + (f": {row['error']}" if row["error"] else "")
        lines.append(
            f"| {row['task']} | {median} | {cpu} | {row['runs']} | {memory} | {row['target']} "
            f"| {verdict} |"
        )
    lines += [
        "",
        "Median s is wall-clock time, which the targets are set in; CPU s is the processor time "
        "of the process and its children, less sensitive to other work on a shared machine "
        "(a parallel task uses more CPU time than wall-clock time; Chromium's helper processes "
        "are not counted). "
        "Peak RSS is that of the process run, or of its largest child (Chromium runs several "
        "processes; the figure is its largest one). Every task of the pipeline must also stay "
        f"under {MEMORY_LIMIT_MB:.0f} MB.",
        "",
        f"Machine: {about['cores']} cores ({about['cpu']}), {about['memory']} memory, "
        f"{about['system']}, Python {about['python']}, WeasyPrint {about['weasyprint']}, "
        f"{about['chromium']}.",
        "",
    ]
    return "\n".join(lines)
