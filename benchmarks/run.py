"""``make bench``: the pipeline at full scale, beside two peers, against the issue's targets.

Generates a synthetic edition of 200 fictional countries into ``build-bench/edition/`` and
measures, each run in a fresh process (median of several runs; peak RSS of each):

- ``tierreport check`` of the whole edition, with no cache;
- the HTML site and data files (``build --only html,data``), with no cache;
- the publication PDF, cold (``build --only pdf``: one tagged pass), and the same for a second
  synthetic edition of 128 countries, the page count of a real edition (about 800 pages);
- after editing one country: the HTML rebuilt (with the caches the previous build left:
  parsed country files, rendered Markdown, country pages, search indexes, compiled templates),
  by a fresh process and by ``build --watch`` running all along (from the save to the line that
  says the site is written), and the draft PDF rebuilt (``--draft``, whose chapters are
  cached);
- two peers on the very same HTML as the publication PDF: one plain WeasyPrint call (and, for
  reference, the same call tagged as PDF/UA-1 like ours), and headless Chromium's print-to-PDF.

tierreport is measured as installed: an installed package has its bytecode (``.pyc``) written,
so the package is compiled once (``compileall``) before the runs, and the runs go without
``PYTHONDONTWRITEBYTECODE`` (which would make every run compile tierreport from its source, about
0.1-0.2 s that no installed copy pays).

Writes ``build-bench/results.md`` and ``build-bench/results.json``. Usage::

    python benchmarks/run.py [--countries 200] [--runs 3] [--pdf-runs 1] [--out build-bench]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

# benchmarks/ is a folder of scripts, not a package: its modules import each other by name, and
# the synthetic-edition generator is imported from the repository root as benchmarks.synthetic.
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parent.parent))

from measure import Task, machine, measure, measure_interleaved
from report import Target, render_json, render_markdown

from benchmarks.pages import pages_per_chapter
from benchmarks.synthetic.synthetic import write_edition
from benchmarks.without_paths import CACHE_FOLDER as NO_PATHS_CACHE
from tierreport.build import CACHE_DIR
from tierreport.check.edition import PARSE_CACHE

REPO = Path(__file__).resolve().parent.parent
INTERLEAVED = ("html", "html-nopaths")
"""Tasks run by turns rather than one after the other (see ``measure_interleaved``)."""
WATCH_RUNS = 10
"""Edits timed under ``build --watch``: one process serves them all, so they cost little."""


def log(message: str) -> None:
    """Progress of the benchmark, on standard error."""
    print(message, file=sys.stderr, flush=True)


def editor(edition: Path) -> Callable[[int], None]:
    """A function that edits one country's summary, differently each time it is called."""
    files = sorted((edition / "countries").glob("*.yaml"))
    path = files[0]
    original = path.read_text(encoding="utf-8")
    marker = "  summary: >-\n    "
    if marker not in original:
        raise SystemExit(f"cannot find the summary to edit in {path}")

    done = [0]

    def edit(index: int) -> None:
        # Every edit is new, so that no cache can already hold the edited chapter.
        done[0] += 1
        sentence = f"The benchmark edited this chapter (edit {done[0]}). "
        path.write_text(original.replace(marker, marker + sentence, 1), encoding="utf-8")

    return edit


def after_a_build(argv: list[str], edit: Callable[[int], None]) -> Callable[[int], None]:
    """``edit``, after one untimed build before the first run: every run then finds what the
    previous build left (the site and its caches), whatever the tasks before it deleted."""

    def prepare(index: int) -> None:
        if index == 0:
            subprocess.run(argv, check=True, capture_output=True)
        edit(index)

    return prepare


def cold(*caches: Path) -> Callable[[int], None]:
    """A function that deletes the build caches, so that the run after it starts cold."""

    def clear(index: int) -> None:
        for folder in caches:
            shutil.rmtree(folder, ignore_errors=True)

    return clear


def peer_html(edition: Path, folder: Path) -> Path:
    """Write the publication PDF's HTML, and the files it links to, into ``folder``."""
    from tierreport.check.edition import load_edition
    from tierreport.render.context import build_context
    from tierreport.render.environment import TEMPLATES_DIR
    from tierreport.render.pdf.document import report_html
    from tierreport.render.pdf.writer import pdf_date
    from tierreport.tiering.place import place_all

    loaded = load_edition(edition)
    context = build_context(loaded, place_all(loaded))
    html = report_html(context, draft=False, date=pdf_date(context.front.publication_date, {}))
    folder.mkdir(parents=True, exist_ok=True)
    # The document links its stylesheet relatively; a copy beside it keeps the HTML unchanged.
    shutil.copyfile(TEMPLATES_DIR / "pdf" / "print.css", folder / "print.css")
    page = folder / "report.html"
    page.write_text(html, encoding="utf-8")
    return page


def chromium() -> str | None:
    """The Chromium executable, if installed."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


def tasks(
    args: argparse.Namespace, out: Path, edition: Path, real: Path
) -> list[tuple[Task, Target]]:
    """Every measured task with its target, in the order they run."""
    py = sys.executable
    tool = [py, "-m", "tierreport"]
    site, draft, watched = out / "out", out / "out-draft", out / "out-watch"
    page = peer_html(edition, out / "peer")
    browser = chromium()
    edit = editor(edition)
    plain = "import sys, weasyprint; weasyprint.HTML(filename=sys.argv[1]).write_pdf(sys.argv[2])"
    tagged = plain.replace("sys.argv[2])", "sys.argv[2], pdf_variant='pdf/ua-1')")
    browser_argv = [
        browser or "chromium",
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={out / 'chromium-profile'}",
        f"--print-to-pdf={out / 'peer' / 'chromium.pdf'}",
        page.as_uri(),
    ]
    build = [*tool, "build", "--edition", str(edition), "--out"]
    without_paths = [py, str(REPO / "benchmarks" / "without_paths.py"), *build[3:]]
    runs, pdf_runs = args.runs, args.pdf_runs
    real_pdf = [*tool, "build", "--edition", str(real), "--out", str(out / "out-real")]
    real_pdf += ["--only", "pdf"]
    # check and the first HTML build run without any cache (tierreport.load.cache), as on a fresh
    # checkout; the runs after an edit find the caches the previous build left.
    parse_cache = edition / PARSE_CACHE
    return [
        (
            Task(
                "check",
                "check, no cache",
                [*tool, "check", "--edition", str(edition)],
                runs,
                cold(parse_cache),
            ),
            Target.seconds(2.0),
        ),
        (
            Task(
                "html",
                "HTML site and data, no cache",
                [*build, str(site), "--only", "html,data"],
                runs,
                cold(parse_cache, site / CACHE_DIR),
            ),
            Target.seconds(5.0),
        ),
        (
            # The same build with the path search left out: what every path (METHODOLOGY 2c),
            # searched and printed, adds to the site and data (issue 13: at most 10%).
            Task(
                "html-nopaths",
                "HTML site and data, no cache, without the path search",
                [*without_paths, str(out / "out-nopaths"), "--only", "html,data"],
                runs,
                cold(edition / NO_PATHS_CACHE, out / "out-nopaths" / CACHE_DIR),
            ),
            Target.overhead_of("html", 1.1),
        ),
        (
            Task(
                "pdf",
                "publication PDF, cold",
                [*build, str(site), "--only", "pdf"],
                pdf_runs,
                cold(parse_cache, site / CACHE_DIR),
            ),
            Target.relative("weasyprint", 1.1),
        ),
        (
            Task(
                "pdf-real",
                f"publication PDF, second edition of {args.real_countries} countries",
                real_pdf,
                pdf_runs,
            ),
            Target.memory(),
        ),
        (
            Task(
                "weasyprint",
                "peer: one plain WeasyPrint call",
                [py, "-c", plain, str(page), str(out / "peer" / "weasyprint.pdf")],
                pdf_runs,
            ),
            Target.none(),
        ),
        (
            Task(
                "weasyprint-tagged",
                "peer: the same call, tagged (PDF/UA-1)",
                [py, "-c", tagged, str(page), str(out / "peer" / "weasyprint-tagged.pdf")],
                pdf_runs,
            ),
            Target.none(),
        ),
        (Task("chromium", "peer: Chromium print-to-PDF", browser_argv, runs), Target.none()),
        (
            Task(
                "html-edit",
                "HTML after editing one country",
                [*build, str(site), "--only", "html"],
                runs,
                after_a_build([*build, str(site), "--only", "html"], edit),
            ),
            Target.seconds(1.0),
        ),
        (
            # The same edits while ``build --watch`` stays running, as during clearance: from
            # the save to the line that says the site is written, polling included.
            Task(
                "html-watch",
                "HTML after editing one country, build --watch",
                [*build, str(watched), "--only", "html", "--quiet", "--watch"],
                max(runs, WATCH_RUNS),
                edit,
                kept_running=True,
            ),
            Target.seconds(1.0),
        ),
        (
            Task(
                "draft-cold",
                "draft PDF, empty cache",
                [*build, str(draft), "--draft", "--only", "pdf"],
                1,
            ),
            Target.none(),
        ),
        (
            Task(
                "draft-edit",
                "draft PDF after editing one country",
                [*build, str(draft), "--draft", "--only", "pdf"],
                runs,
                edit,
            ),
            Target.relative("pdf", 0.15),
        ),
    ]


def main() -> None:
    """Generate the edition, run every task, write the results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--countries", type=int, default=200)
    parser.add_argument(
        "--real-countries",
        type=int,
        default=128,
        help="countries of the second edition, measured at a real report's 600-800 pages",
    )
    parser.add_argument("--runs", type=int, default=3, help="runs of each fast task")
    parser.add_argument("--pdf-runs", type=int, default=1, help="runs of each full PDF render")
    parser.add_argument("--out", type=Path, default=REPO / "build-bench")
    parser.add_argument("--only", default="", help="comma-separated task keys (default: all)")
    args = parser.parse_args()
    out: Path = args.out.resolve()
    installed()
    edition = out / "edition"
    for stale in (
        "out", "out-nopaths", "out-draft", "out-watch", "out-real", "peer", "chromium-profile"
    ):  # fmt: skip
        shutil.rmtree(out / stale, ignore_errors=True)
    log(f"writing a synthetic edition of {args.countries} countries to {edition}")
    write_edition(edition, countries=args.countries)
    # A real edition has 600-800 pages; the synthetic chapters, scorecards included, have
    # about six, so the full-size edition prints some 1,200 and this second one about 800.
    real = out / "edition-real"
    write_edition(real, countries=args.real_countries)
    chosen = {key for key in args.only.split(",") if key}
    measured: list[tuple[Task, Target]] = []
    everything = [
        (t, g) for t, g in tasks(args, out, edition, real) if not chosen or t.key in chosen
    ]
    for task, target in everything:
        if task.key in INTERLEAVED and task.results:
            measured.append((task, target))
            continue
        if task.key in INTERLEAVED:
            # The build and its baseline without the path search, run by turns: their
            # difference is a few per cent, which a drifting load would otherwise decide.
            pair = [t for t, _ in everything if t.key in INTERLEAVED]
            log(" and ".join(f"{t.label} ({t.runs} runs)" for t in pair) + ", by turns")
            measure_interleaved(pair, out, log)
            measured.append((task, target))
            continue
        log(f"{task.label} ({task.runs} run{'s' * (task.runs != 1)})")
        measured.append((measure(task, out, log), target))
    about = machine()
    pdf = out / "out" / "human-smuggling-report-2027.pdf"
    pages = _pages(pdf)
    summary: dict[str, Any] = {"countries": args.countries, "pages": pages, "runs": args.runs}
    summary["real_countries"] = args.real_countries
    summary["real_pages"] = _pages(out / "out-real" / "human-smuggling-report-2027.pdf")
    summary["pdf_runs"] = args.pdf_runs
    summary["pages_per_chapter"] = pages_per_chapter(pdf)
    summary["real_pages_per_chapter"] = pages_per_chapter(
        out / "out-real" / "human-smuggling-report-2027.pdf"
    )
    (out / "results.json").write_text(
        json.dumps(render_json(measured, about, summary), indent=2) + "\n", encoding="utf-8"
    )
    (out / "results.md").write_text(render_markdown(measured, about, summary), encoding="utf-8")
    log(f"wrote {out / 'results.md'} and {out / 'results.json'}")
    print((out / "results.md").read_text(encoding="utf-8"))


def installed() -> None:
    """Measure tierreport as installed: its bytecode written once, and read by every run."""
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)  # for the runs, which inherit it
    log("compiling tierreport's bytecode, as an installed package has it")
    package = REPO / "tierreport"
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], check=True)


def _pages(pdf: Path) -> int | None:
    if not pdf.is_file():
        return None
    from pypdf import PdfReader

    return len(PdfReader(pdf).pages)


if __name__ == "__main__":
    main()
