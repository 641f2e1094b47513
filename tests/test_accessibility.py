"""Accessibility and validity of every page type: axe-core in headless Chromium, and the Nu
HTML Checker. Both tools are installed by ``make test`` (Debian ``chromium``; npm ``axe-core``
and ``vnu-jar`` from package-lock.json); a missing tool fails the tests, never skips them.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import REPO, copy_edition
from tests.sitebuild import build_into

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
PAGE_TYPES = [
    "index.html", "methodology.html", "placements.html", "changes.html", "watch-list.html",
    "assistance.html", "law-enforcement.html", "data.html", "countries/XAR.html",
    "countries/XJO.html", "audit.html", "regions.html", "regions/WHA.html",
]  # fmt: skip
"""One page of every kind (a ranked and a Special Case country, the internal audit page)."""

INJECT = """<script src="{root}axe.min.js"></script><script>
axe.run(document, {{resultTypes: ["violations"]}}).then(function (result) {{
  var out = document.createElement("pre");
  out.id = "axe-results";
  out.textContent = JSON.stringify(result.violations.map(function (v) {{
    return {{id: v.id, impact: v.impact,
             nodes: v.nodes.map(function (n) {{ return n.target.join(" "); }})}};
  }}));
  document.body.appendChild(out);
}});
</script></body>"""


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    assert found, "headless Chromium is missing: run make setup-test (Debian package chromium)"
    return found


def test_the_tools_are_installed() -> None:
    chromium()
    assert AXE.is_file(), f"{AXE} is missing: run make setup-test (npm ci)"
    assert VNU.is_file(), f"{VNU} is missing: run make setup-test (npm ci)"
    assert shutil.which("java"), "java is missing: the Nu HTML Checker needs it"


@pytest.fixture(scope="module")
def internal_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The internal site of the example edition: every public page type plus the audit page."""
    base = tmp_path_factory.mktemp("a11y")
    edition = copy_edition("example", base / "edition")
    build_into(edition, base / "out", audience="internal", only=("html", "data"))
    return base / "out" / "site"


def axe_violations(site: Path, page: str, scratch: Path) -> list[dict[str, object]]:
    """Run axe-core on a copy of ``page`` that loads it, in headless Chromium; its violations."""
    assert AXE.is_file(), f"{AXE} is missing: run make setup-test (npm ci)"
    copy = scratch / "site"
    if not copy.exists():
        shutil.copytree(site, copy)
        shutil.copy(AXE, copy / "axe.min.js")
    path = copy / page
    root = "../" * page.count("/")
    html = path.read_text("utf-8").replace("</body>", INJECT.format(root=root))
    path.write_text(html, "utf-8")
    command = [
        chromium(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", f"--user-data-dir={scratch / 'profile'}",
        "--virtual-time-budget=30000", "--dump-dom", path.as_uri(),
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    found = re.search(r'<pre id="axe-results">(.*?)</pre>', done.stdout, re.S)
    assert found, f"axe-core did not report on {page}: {done.stderr[-2000:]}"
    text = found[1].replace("&quot;", '"').replace("&lt;", "<").replace("&gt;", ">")
    result: list[dict[str, object]] = json.loads(text.replace("&amp;", "&"))
    return result


@pytest.mark.browser
@pytest.mark.parametrize("page", PAGE_TYPES)
def test_no_serious_or_critical_axe_violation(
    internal_site: Path, page: str, tmp_path: Path
) -> None:
    violations = axe_violations(internal_site, page, tmp_path)
    serious = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert serious == []


@pytest.mark.browser
def test_axe_harness_reports_a_broken_page(tmp_path: Path) -> None:
    site = tmp_path / "broken"
    site.mkdir()
    (site / "index.html").write_text(
        "<!DOCTYPE html><html><head><title>x</title></head><body>"
        '<p style="color:#eee;background:#fff">faint</p><img src="x.png"></body></html>',
        "utf-8",
    )
    ids = {v["id"] for v in axe_violations(site, "index.html", tmp_path / "scratch")}
    assert {"html-has-lang", "image-alt", "color-contrast"} <= ids


def vnu_errors(paths: list[Path]) -> list[str]:
    assert VNU.is_file(), f"{VNU} is missing: run make setup-test (npm ci)"
    command = ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, paths)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    messages = json.loads(done.stderr or '{"messages": []}')["messages"]
    return [f"{m.get('url', '')}:{m.get('lastLine', '')}: {m['message']}" for m in messages]


def test_every_page_is_valid_html(internal_site: Path) -> None:
    assert vnu_errors(sorted(internal_site.rglob("*.html"))) == []


def test_the_checker_reports_invalid_html(tmp_path: Path) -> None:
    page = tmp_path / "bad.html"
    page.write_text("<!DOCTYPE html><html lang=en><head></head><body><p><div></p></body>", "utf-8")
    assert any("title" in e for e in vnu_errors([page]))


FILTER_PROBE = """<script src="site.js"></script><script>
var field = document.getElementById("filter-name");
field.value = "arc";
field.dispatchEvent(new Event("input"));
var out = document.createElement("pre");
out.id = "probe";
out.textContent = [
  document.getElementById("filter").hidden,
  document.getElementById("filter-status").textContent,
  Array.from(document.querySelectorAll(".filtered tbody tr:not([hidden]) th a")).map(function (a) {
    return a.textContent; }).join(","),
  document.querySelectorAll("section.tier-group:not([hidden])").length,
].join("|");
document.body.appendChild(out);
</script>"""


@pytest.mark.browser
def test_the_filter_narrows_the_tables_in_a_browser(internal_site: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(internal_site, site)
    page = site / "placements.html"
    html = page.read_text("utf-8")
    page.write_text(html.replace('<script src="site.js"></script>', FILTER_PROBE), "utf-8")
    command = [
        chromium(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", page.as_uri(),
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    found = re.search(r'<pre id="probe">([^<]*)</pre>', done.stdout)
    assert found, done.stderr[-2000:]
    # "arc" matches Dunmarch and Arcadia: each once by tier and once by region.
    assert found[1] == ("false|2 countries match.|Dunmarch,Arcadia,Dunmarch,Arcadia|2")
