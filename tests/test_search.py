"""Full-text search: the Pagefind index bundled into the site, the search box, and its failures."""

from __future__ import annotations

import base64
import gzip
import json
import re
import stat
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import copy_edition, run
from tests.sitebuild import build_into, read_page, site_pages
from tests.test_accessibility import chromium
from tests.test_safety import CANARIES, plant_canaries
from tierreport.errors import BuildError
from tierreport.render import search
from tierreport.render.search import SEARCH_DATA


def payload(site: Path) -> dict[str, Any]:
    """The bundle of a site's indexes as search.js reads it: ``files`` and ``indexes``."""
    text = (site / SEARCH_DATA).read_text("utf-8")
    assert text.startswith("// The site's search index")
    data: dict[str, Any] = json.loads(text[text.index("{") : text.rindex("}") + 1])
    return data


def bundled(site: Path) -> dict[str, bytes]:
    """The files of a site's bundled indexes, decoded (paths start with the index's folder)."""
    return {name: base64.b64decode(data) for name, data in payload(site)["files"].items()}


def indexed_text(site: Path) -> str:
    """Every page's text as the index holds it (Pagefind's fragments are gzip-compressed JSON)."""
    return "\n".join(
        gzip.decompress(data).decode("utf-8")
        for name, data in bundled(site).items()
        if name.endswith(".pf_fragment")
    )


def index_of(site: Path, url: str) -> str:
    """The folder of the bundled index that holds the page at ``url`` (``/countries/XAR.html``)."""
    found = [
        name.split("/")[0] + "/"
        for name, data in bundled(site).items()
        if name.endswith(".pf_fragment") and f'"url":"{url}"' in gzip.decompress(data).decode()
    ]
    assert len(found) == 1, (url, found)
    return found[0]


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_edition("example", tmp_path_factory.mktemp("search") / "edition")


@pytest.fixture(scope="module")
def site(example: Path) -> Path:
    build_into(example, example.parent / "build", only=("html",))
    return example.parent / "build" / "site"


def test_the_index_is_bundled_and_covers_every_page(site: Path) -> None:
    files, indexes = bundled(site), payload(site)["indexes"]
    # The first index brings the search module and its WebAssembly; the others share them.
    assert indexes[0] + "pagefind.js" in files and len(indexes) > 1
    assert [n for n in files if n.endswith("pagefind.js")] == [indexes[0] + "pagefind.js"]
    assert not any(".pagefind" in n for n in files if not n.startswith(indexes[0]))
    for index in indexes:
        assert index + "pagefind-entry.json" in files
        assert any(name.startswith(index + "index/") for name in files)
    assert not any(name.endswith(("-ui.js", ".css", "-worker.js")) for name in files)
    assert not any(p.name.startswith((".search-", "_pagefind")) for p in site.parent.iterdir())
    counts = [
        json.loads(files[index + "pagefind-entry.json"])["languages"]["en"]["page_count"]
        for index in indexes
    ]
    assert sum(counts) == len(site_pages(site))
    text = indexed_text(site)
    assert '"url":"/countries/XAR.html"' in text and '"url":"/index.html"' in text
    # Only <main> is indexed: the navigation's words are not in a page's content.
    fragments = [
        gzip.decompress(data).decode("utf-8")
        for name, data in files.items()
        if name.endswith(".pf_fragment")
    ]
    arcadia = next(f for f in fragments if '"url":"/countries/XAR.html"' in f)
    assert "Skip to content" not in arcadia and "Data downloads" not in arcadia


def test_every_page_has_the_box_and_without_script_a_link_to_the_list(site: Path) -> None:
    for path in site_pages(site):
        html = path.read_text("utf-8")
        root = "../" if path.parent != site else ""
        assert f'<form id="site-search" role="search" data-root="{root}" hidden>' in html, path
        assert (
            f'<p id="site-search-fallback"><a href="{root}placements.html">'
            "Find a country in the tier placements</a></p>"
        ) in html, path
        assert '<label for="site-search-input">Search the report</label>' in html
        assert '<main id="main" data-pagefind-body>' in html
        assert f"{root}search.js" in read_page(path).scripts
    script = (site / "search.js").read_text("utf-8")
    assert "form.hidden = false;" in script and "fallback.hidden = true;" in script


def type_and_read(site: Path, page: str, term: str, scratch: Path) -> list[tuple[str, str]]:
    """Open ``page`` from the file system in Chromium, type ``term`` into the search box and
    return the result links (href, text) once they appear."""
    probe = f"""<script>
window.addEventListener("load", function () {{
  var input = document.getElementById("site-search-input");
  input.focus();
  input.value = {json.dumps(term)};
  input.dispatchEvent(new Event("input", {{bubbles: true}}));
  var tries = 0;
  (function wait() {{
    var links = document.querySelectorAll("#site-search-results a");
    if (links.length || tries++ > 150) {{
      var out = document.createElement("pre");
      out.id = "search-probe";
      out.textContent = JSON.stringify(Array.prototype.map.call(links, function (a) {{
        return [a.getAttribute("href"), a.textContent];
      }}));
      document.body.appendChild(out);
    }} else {{ setTimeout(wait, 100); }}
  }})();
}});
</script></body>"""
    path = site / page
    original = path.read_text("utf-8")
    path.write_text(original.replace("</body>", probe), "utf-8")
    try:
        command = [
            chromium(), "--headless", "--no-sandbox", "--disable-gpu",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--no-first-run", f"--user-data-dir={scratch / 'profile'}",
            "--virtual-time-budget=30000", "--dump-dom", path.as_uri(),
        ]  # fmt: skip
        done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    finally:
        path.write_text(original, "utf-8")
    found = re.search(r'<pre id="search-probe">(.*?)</pre>', done.stdout, re.S)
    assert found, f"no search result in the page: {done.stderr[-2000:]}"
    links = json.loads(found[1].replace("&quot;", '"').replace("&amp;", "&"))
    return [(href, text) for href, text in links]


@pytest.mark.browser
def test_typing_a_country_name_or_a_narrative_phrase_finds_its_page(
    site: Path, tmp_path: Path
) -> None:
    # The country pages are in indexes merged into the first one, which holds the other pages.
    first = payload(site)["indexes"][0]
    assert index_of(site, "/index.html") == first
    assert index_of(site, "/countries/XGA.html") != first
    assert index_of(site, "/countries/XCA.html") not in (
        first,
        index_of(site, "/countries/XGA.html"),
    )
    links = type_and_read(site, "countries/XAR.html", "Galvania", tmp_path)
    assert links[0] == ("../countries/XGA.html", "Galvania: TIER 2 WATCH LIST")
    # Results of both indexes are listed together: the Watch List page is in the first one.
    assert "../watch-list.html" in [href for href, _ in links]
    # A phrase from Caldera's narrative, searched from the home page: links are relative to it.
    links = type_and_read(site, "index.html", "Operation High Road", tmp_path)
    assert ("countries/XCA.html", "Caldera: TIER 1") in links
    assert all(not href.startswith(("/", "http", "file:")) for href, _ in links)


def test_the_public_index_holds_no_internal_text(tmp_path: Path) -> None:
    edition = copy_edition("example", tmp_path / "edition")
    plant_canaries(edition)
    out, internal_out = tmp_path / "out", tmp_path / "out-internal"
    build_into(edition, internal_out, audience="internal", only=("html",))
    build_into(edition, out, only=("html",))
    internal, public = indexed_text(internal_out / "site"), indexed_text(out / "site")
    assert CANARIES["internal_notes"] in internal  # the internal edition has its own index
    for field, canary in CANARIES.items():
        assert canary not in public, field


def fake_pagefind(tmp_path: Path, body: str) -> Path:
    script = tmp_path / "pagefind"
    script.write_text(f"#!/bin/sh\n{body}\n")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script


def test_a_failing_pagefind_is_a_build_error_and_leaves_the_output(
    example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    build_into(example, out, only=("data",))
    before = sorted(p.name for p in (out / "data").iterdir())
    fake = fake_pagefind(tmp_path, 'echo "Error: could not read the site" >&2; exit 3')
    monkeypatch.setattr(search, "pagefind_executable", lambda: fake)
    with pytest.raises(BuildError) as caught:
        build_into(example, out, only=("html",))
    assert str(caught.value) == (
        "cannot build the site's search index: Pagefind exited with status 3 "
        "(Error: could not read the site)"
    )
    assert not (out / "site").exists()
    assert sorted(p.name for p in (out / "data").iterdir()) == before
    result = run("build", "--edition", example, "--out", out, "--only", "html")
    assert result.exit_code == 1
    assert result.output == (
        "Error: cannot build the site's search index: Pagefind exited with status 3 "
        "(Error: could not read the site)\n"
    )


def test_a_missing_pagefind_binary_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(BuildError, match=r"the Pagefind binary is not installed; install "):
        search.pagefind_executable()
