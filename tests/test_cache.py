"""The build cache: faster rebuilds that are byte for byte the cold build, and a safe store."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import pickle
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import copy_edition, run
from tests.test_reproducible import snapshot
from tierreport.build import CACHE_DIR, build
from tierreport.check.edition import PARSE_CACHE, parse_cache
from tierreport.load import cache as cache_module
from tierreport.load import yaml as load
from tierreport.load.cache import Store, fingerprint
from tierreport.load.entries import Entries
from tierreport.load.yaml import Parsed, read_yaml
from tierreport.render import search
from tierreport.render import site as site_module
from tierreport.render.markdown import remembered, render, render_inline


def public(out: Path) -> dict[str, bytes]:
    """Every file of a build but the cache."""
    return {name: data for name, data in snapshot(out).items() if not name.startswith(".")}


def test_a_store_keeps_plain_values_and_dates_across_builds(tmp_path: Path) -> None:
    path = tmp_path / "c" / "store.pickle"
    first: Store[object] = Store(path)
    value = {"when": dt.date(2026, 4, 1), "items": [1, 2.5, None, True], "pos": {("a", 0): (3, 4)}}
    first.put(b"key", value)
    first.save()
    second: Store[object] = Store(path)
    assert second.get(b"key") == value
    assert second.get(b"other") is None


def test_a_store_keeps_only_what_the_last_build_used(tmp_path: Path) -> None:
    path = tmp_path / "store.pickle"
    first: Store[str] = Store(path)
    first.put("old", "1")
    first.put("kept", "2")
    first.save()
    second: Store[str] = Store(path)
    assert second.get("kept") == "2"
    second.save()
    third: Store[str] = Store(path)
    assert (third.get("kept"), third.get("old")) == ("2", None)


class _Exploit:
    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, ("touch pwned",))


def test_a_tampered_store_runs_no_code_and_reads_as_empty(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "store.pickle"
    path.write_bytes(pickle.dumps((fingerprint(), {"key": _Exploit()})))
    store: Store[object] = Store(path)
    assert store.get("key") is None
    assert not (tmp_path / "pwned").exists()


@pytest.mark.parametrize(
    "content",
    [
        b"not a pickle at all",
        b"",
        pickle.dumps(("another fingerprint", {"key": "value"})),
        pickle.dumps({"key": "value"}),
        pickle.dumps((fingerprint(), ["key", "value"])),
    ],
)
def test_a_damaged_or_foreign_store_reads_as_empty(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "store.pickle"
    path.write_bytes(content)
    store: Store[object] = Store(path)
    assert store.get("key") is None


def test_a_store_that_cannot_be_written_is_skipped(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder would go", encoding="utf-8")
    store: Store[str] = Store(blocker / "store.pickle")
    store.put("key", "value")
    store.save()  # no exception: the build goes on without a cache
    assert blocker.read_text(encoding="utf-8").startswith("a file")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]


def test_the_fingerprint_covers_code_templates_and_library_versions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "pkg"
    (package / "templates").mkdir(parents=True)
    (package / "code.py").write_text("x = 1\n", encoding="utf-8")
    (package / "templates" / "page.html").write_text("<p>{{ x }}</p>\n", encoding="utf-8")
    monkeypatch.setattr(cache_module, "PACKAGE", package)

    def current() -> str:
        cache_module.fingerprint.cache_clear()
        return cache_module.fingerprint()

    prints = [current()]
    (package / "templates" / "page.html").write_text("<p>{{ y }}</p>\n", encoding="utf-8")
    prints.append(current())
    (package / "code.py").write_text("x = 2\n", encoding="utf-8")
    prints.append(current())
    monkeypatch.setattr(cache_module, "LIBRARIES", (*cache_module.LIBRARIES, "pypdf"))
    prints.append(current())
    assert len(set(prints)) == 4
    assert current() == prints[-1]  # the same files give the same fingerprint
    monkeypatch.undo()
    cache_module.fingerprint.cache_clear()


def test_an_unchanged_file_is_not_parsed_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "XAA.yaml"
    path.write_text("code: XAA\nname: Aland\nlaws:\n  - 2026-04-01\n", encoding="utf-8")
    store: Store[Parsed] = Store(tmp_path / "parsed.pickle")
    cold = read_yaml(path, "countries/XAA.yaml", store)
    store.save()

    def refuse(text: str) -> None:
        raise AssertionError("parsed again")

    monkeypatch.setattr(load, "compose_plain", refuse)
    warm = read_yaml(path, "countries/XAA.yaml", Store(tmp_path / "parsed.pickle"))
    assert warm.data == cold.data == {"code": "XAA", "name": "Aland", "laws": [dt.date(2026, 4, 1)]}
    assert warm.source_map.positions == cold.source_map.positions
    assert warm.source_map.positions[("laws", 0)] == (4, 5)
    path.write_text("code: XAA\nname: Aland Islands\n", encoding="utf-8")
    with pytest.raises(AssertionError, match="parsed again"):
        read_yaml(path, "countries/XAA.yaml", Store(tmp_path / "parsed.pickle"))


def test_markdown_is_looked_up_in_the_store_while_remembered(tmp_path: Path) -> None:
    store: Store[str] = Store(tmp_path / "markdown.pickle")
    with remembered(store):
        assert render("*Seized* boats") == "<p><em>Seized</em> boats</p>\n"
        assert render_inline("*Seized*") == "<em>Seized</em>"
    assert store.get(("block", "*Seized* boats")) == "<p><em>Seized</em> boats</p>\n"
    assert store.get(("inline", "*Seized*")) == "<em>Seized</em>"
    store.put(("block", "text"), "<p>from the store</p>")
    with remembered(store):
        assert render("text") == "<p>from the store</p>"
    assert render("text") == "<p>text</p>\n"  # outside the block, rendered as always


def test_a_rebuild_after_an_edit_equals_a_cold_build(tmp_path: Path) -> None:
    edition = copy_edition("example", tmp_path / "edition")
    warm = tmp_path / "warm"
    build(edition, warm, only=("html", "data"), environ={})
    assert sorted(p.name for p in (warm / CACHE_DIR).iterdir()) == [
        "markdown.pickle",
        "pages.pickle",
        "records",
        "search.pickle",
    ]
    # The parsed files hold internal notes: their cache is in the edition, not in the output.
    kept_in = edition / PARSE_CACHE
    assert sorted(p.name for p in kept_in.iterdir()) == ["checked", "parsed", "placed"]
    path = edition / "countries" / "XAR.yaml"
    text = path.read_text("utf-8")
    before = hashlib.sha256(path.read_bytes()).digest()
    marker = "  summary: >-\n    "
    assert marker in text
    path.write_text(text.replace(marker, marker + "A *newly* edited sentence. ", 1), "utf-8")
    build(edition, warm, only=("html", "data"), environ={})
    page = (warm / "site" / "countries").glob("*.html")
    assert any("A <em>newly</em> edited sentence." in p.read_text("utf-8") for p in page)
    # The cache holds the edited file's parse and no longer the one it replaced, and the check
    # and placement of every country (the edited one's afresh).
    kept = parse_cache(edition)
    # The parse it replaced stays packed until a run packs again (tests/test_entries.py);
    # the edited file's entries are loose files beside the packs.
    assert before in kept.parsed.stored()
    edited = hashlib.sha256(path.read_bytes()).digest()
    assert (kept_in / "parsed" / f"{edited.hex()}.pickle").is_file()
    countries = sorted((edition / "countries").glob("*.yaml"))
    assert all(kept.parsed.get(hashlib.sha256(c.read_bytes()).digest()) for c in countries)
    assert kept.parsed.get(hashlib.sha256(path.read_bytes()).digest()) is not None
    # Each kind holds an entry per country, and the edited one's entry it replaced.
    for folder in ("parsed", "checked", "placed"):
        assert len(Entries[object](kept_in / folder).stored()) == len(countries) + 1, folder
    assert len(Entries[object](warm / CACHE_DIR / "records").stored()) == len(countries) + 1
    # A build with no cache at all, neither the edition's nor the output's, gives the same.
    shutil.rmtree(edition / PARSE_CACHE)
    cold = tmp_path / "cold"
    build(edition, cold, only=("html", "data"), environ={})
    assert public(warm) == public(cold)


class Counted:
    """The Pagefind runs (the pages of each index made) and the country pages rendered (not
    kept from the previous build) of the builds made while it is installed."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.indexed: list[tuple[str, ...]] = []
        self.rendered = 0
        index, kept = search._index, site_module._kept_page

        def counted_index(*args: Any) -> search.IndexFiles:
            self.indexed.append(tuple(args[2]))
            return index(*args)

        def counted_kept(*args: Any) -> bytes | None:
            page = kept(*args)
            self.rendered += page is None
            return page

        monkeypatch.setattr(search, "_index", counted_index)
        monkeypatch.setattr(site_module, "_kept_page", counted_kept)

    def reset(self) -> None:
        self.indexed, self.rendered = [], 0


def edit_summary(edition: Path, code: str, sentence: str) -> None:
    path = edition / "countries" / f"{code}.yaml"
    marker = "  summary: >-\n    "
    text = path.read_text("utf-8")
    assert marker in text
    path.write_text(text.replace(marker, marker + sentence + " ", 1), "utf-8")


def test_a_rebuild_after_an_edit_renders_one_page_and_indexes_one_group_and_equals_a_cold_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    edition = copy_edition("example", tmp_path / "edition")
    warm = tmp_path / "warm"
    counted = Counted(monkeypatch)
    build(edition, warm, only=("html",), environ={})
    countries = len(list((warm / "site" / "countries").glob("*.html")))
    groups = len(counted.indexed)
    assert counted.rendered == countries and groups > 2
    counted.reset()
    edit_summary(edition, "XAR", "A sentence edited for the cache's test.")
    build(edition, warm, only=("html",), environ={})
    # Only Arcadia's page is rendered again, and only the index of its group is made again
    # (with Pagefind); the other pages and indexes are the previous build's.
    assert counted.rendered == 1
    assert len(counted.indexed) == 1 and "countries/XAR.html" in counted.indexed[0]
    assert "A sentence edited for the cache" in (warm / "site/countries/XAR.html").read_text()
    counted.reset()
    cold = tmp_path / "cold"
    build(edition, cold, only=("html",), environ={})
    assert counted.rendered == countries and len(counted.indexed) == groups
    warm_files, cold_files = public(warm), public(cold)
    assert "site/search-data.js" in warm_files
    assert warm_files == cold_files  # the search index included, byte for byte


def test_the_site_caches_serve_nothing_stale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    edition = copy_edition("example", tmp_path / "edition")
    out = tmp_path / "out"
    build(edition, out, only=("html",), environ={})
    counted = Counted(monkeypatch)
    build(edition, out, only=("html",), environ={})
    assert counted.rendered == 0 and counted.indexed == []  # nothing changed: all kept
    # A page of the previous build that is no longer the bytes rendered then is rendered again.
    page = out / "site" / "countries" / "XCA.html"
    page.write_bytes(page.read_bytes().replace(b"</main>", b"<p>tampered</p></main>"))
    counted.reset()
    build(edition, out, only=("html",), environ={})
    assert counted.rendered == 1 and b"tampered" not in page.read_bytes()
    # Rendered again, it is the page indexed before: its group's index is kept.
    assert counted.indexed == []
    # Another Pagefind: every index is made again.
    counted.reset()
    version = search._version
    monkeypatch.setattr(search, "_version", lambda executable: version(executable) + "|other")
    build(edition, out, only=("html",), environ={})
    assert counted.rendered == 0 and len(counted.indexed) > 2
    # Other code or templates (the fingerprint): every page and index is made again.
    counted.reset()
    monkeypatch.setattr(cache_module, "fingerprint", lambda: "another fingerprint")
    build(edition, out, only=("html",), environ={})
    assert counted.rendered == len(list((out / "site" / "countries").glob("*.html")))
    assert len(counted.indexed) > 2
    cold = tmp_path / "cold"
    build(edition, cold, only=("html",), environ={})
    assert public(out) == public(cold)


def test_check_keeps_the_parse_cache_and_reports_the_same(tmp_path: Path) -> None:
    edition = copy_edition("example", tmp_path / "edition")
    path = edition / "countries" / "XAR.yaml"
    path.write_text(path.read_text("utf-8").replace("finding: partial", "finding: yes", 1), "utf-8")
    cold = run("check", "--edition", edition)
    assert len(Entries[object](edition / PARSE_CACHE / "checked").stored()) == 17
    warm = run("check", "--edition", edition)
    assert cold.exit_code == warm.exit_code == 1
    assert warm.output == cold.output
    assert "countries/XAR.yaml:" in warm.output and "finding" in warm.output


def test_check_of_a_missing_edition_creates_nothing(tmp_path: Path) -> None:
    result = run("check", "--edition", tmp_path / "nowhere")
    assert result.exit_code == 1
    assert list(tmp_path.iterdir()) == []
