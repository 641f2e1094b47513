"""The public build never carries internal text, and narrative text never carries script.

Canary strings go into internal notes, a non-public source (cited by an action and by an
alternative estimate, whose note holds another), a decision's justification and a waiver's
justification; the public build must not contain any of them in any
file (the PDF's text and the workbook's XML included), while the internal build shows each one,
which proves the canaries were really in the edition.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from ruamel.yaml import YAML

from tests.conftest import copy_edition
from tests.sitebuild import build_into

CANARIES = {
    "internal_notes": "CANARY-INTERNAL-NOTES-7f3a",
    "source": "CANARY-HIDDEN-SOURCE-91bc",
    "source_url": "https://canary.invalid/hidden-5d2e",
    "decision": "CANARY-DECISION-JUSTIFICATION-2c4d",
    "waiver": "CANARY-WAIVER-JUSTIFICATION-8e1f",
    "estimate": "CANARY-HIDDEN-ESTIMATE-NOTE-4b7c",
}

HOSTILE = (
    '<script>alert("owned")</script> [a link](javascript:alert(1)) '
    '<a href="javascript:alert(2)">raw link</a> <img src=x onerror=alert(3)> '
    "[spaced](java\tscript:alert(4)) <javascript:alert(5)>"
)
"""Markdown and raw HTML that would run script if any of it reached a page as markup."""


def edit(path: Path, change: Any) -> None:
    """Load a country file, let ``change`` modify it, write it back."""
    yaml = YAML()
    data = yaml.load(path.read_text("utf-8"))
    change(data)
    with path.open("w", encoding="utf-8") as handle:
        yaml.dump(data, handle)


def plant_canaries(edition: Path) -> None:
    def arcadia(data: Any) -> None:
        data["internal_notes"] = f"Desk note: {CANARIES['internal_notes']}."
        data["sources"]["hidden-1"] = {
            "title": CANARIES["source"],
            "url": CANARIES["source_url"],
            "kind": "government",
            "public": False,
        }
        data["criteria"]["C01"]["actions"][0]["sources"].append("hidden-1")
        data["waiver"] = {
            "written_plan": True,
            "justification": CANARIES["waiver"],
            "benchmarks": [{"text": "Enact the aggravated offence.", "due": "2027-10-31"}],
        }
        # An alternative estimate whose source is not public: its figure, note and sentence are
        # the internal edition's alone.
        data["indicators"]["estimates"] = [
            {
                "indicator": "smuggled_migrants",
                "year": 2027,
                "value": 9000,
                "source": "hidden-1",
                "note": CANARIES["estimate"],
            }
        ]

    def dunmarch(data: Any) -> None:
        data["decision"] = {
            "tier": "3",
            "justification": CANARIES["decision"],
            "public_justification": "Dunmarch took no concrete action against the new sea route.",
        }

    edit(edition / "countries" / "XAR.yaml", arcadia)
    edit(edition / "countries" / "XDU.yaml", dunmarch)


def texts(out: Path) -> dict[Path, str]:
    """The text of every file under ``out``: PDFs extracted, workbooks unzipped."""
    found: dict[Path, str] = {}
    for path in sorted(p for p in out.rglob("*") if p.is_file()):
        if path.suffix == ".pdf":
            found[path] = "\n".join(page.extract_text() for page in PdfReader(path).pages)
            found[path] += path.read_bytes().decode("latin-1")  # metadata and link targets
        elif path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as book:
                found[path] = "".join(book.read(n).decode("utf-8") for n in book.namelist())
        elif path.name == "search-data.js":  # the search index: base64 of gzip-compressed JSON
            from tests.test_search import indexed_text

            found[path] = indexed_text(path.parent)
        else:  # pages, data files and the build cache (pickles hold their strings as UTF-8)
            found[path] = path.read_bytes().decode("utf-8", errors="replace")
    return found


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    edition = copy_edition("example", tmp_path_factory.mktemp("safety") / "edition")
    plant_canaries(edition)
    return edition


@pytest.mark.slow
def test_public_build_contains_no_canary(planted: Path) -> None:
    out = planted.parent / "public"
    build_into(planted, out)
    files = texts(out)
    assert any(p.suffix == ".pdf" for p in files)
    assert any(p.name == "markdown.pickle" for p in files)  # the cache is searched too
    for path, text in files.items():
        for field, canary in CANARIES.items():
            assert canary not in text, f"{field} leaked into {path.relative_to(out)}"


def test_internal_build_shows_every_canary(planted: Path) -> None:
    out = planted.parent / "internal"
    build_into(planted, out, audience="internal", only=("html",))
    arcadia = (out / "site" / "countries" / "XAR.html").read_text("utf-8")
    dunmarch = (out / "site" / "countries" / "XDU.html").read_text("utf-8")
    for field in ("internal_notes", "source", "source_url", "waiver", "estimate"):
        assert CANARIES[field] in arcadia, field
    assert CANARIES["decision"] in dunmarch
    audit = (out / "site" / "audit.html").read_text("utf-8")
    assert CANARIES["decision"] in audit and CANARIES["waiver"] in audit


def test_the_internal_data_has_an_audit_file_with_every_canary(planted: Path) -> None:
    out = planted.parent / "internal-data"
    build_into(planted, out, audience="internal", only=("html", "data"))
    rows = {
        row["code"]: row
        for row in csv.DictReader(io.StringIO((out / "data" / "audit.csv").read_text("utf-8")))
    }
    assert len(rows) == len(list((planted / "countries").glob("*.yaml")))
    arcadia, dunmarch = rows["XAR"], rows["XDU"]
    assert CANARIES["internal_notes"] in arcadia["internal_notes"]
    assert CANARIES["source"] in arcadia["hidden_sources"]
    assert CANARIES["waiver"] == arcadia["waiver_justification"]
    assert (dunmarch["final_tier"], dunmarch["override"]) == ("3", "True")
    assert CANARIES["decision"] == dunmarch["decision_justification"]
    readme = (out / "data" / "README.md").read_text("utf-8")
    assert "## audit.csv" in readme and "| `hidden_sources` |" in readme
    page = (out / "site" / "data.html").read_text("utf-8")
    assert 'href="../data/audit.csv"' in page
    public = planted.parent / "public-data"
    build_into(planted, public, only=("html", "data"))
    assert not (public / "data" / "audit.csv").exists()
    assert "audit.csv" not in (public / "data" / "README.md").read_text("utf-8")
    assert "audit.csv" not in (public / "site" / "data.html").read_text("utf-8")


def test_public_site_keeps_the_action_but_drops_the_hidden_citation(planted: Path) -> None:
    out = planted.parent / "public-html"
    build_into(planted, out, only=("html",))
    html = (out / "site" / "countries" / "XAR.html").read_text("utf-8")
    assert "Police and the Special Prosecutor for Organized Crime carried out Operation" in html
    assert "hidden-1" not in html
    # The decision is published as a fact; its justification is not.
    dunmarch = (out / "site" / "countries" / "XDU.html").read_text("utf-8")
    assert "<h1>Dunmarch: TIER 3</h1>" in dunmarch


def hostile_edition(edition: Path) -> None:
    (edition / "front" / "introduction.md").write_text(HOSTILE + "\n", "utf-8")

    def everywhere(data: Any) -> None:
        narrative = data["narrative"]
        for key in ("summary", "prosecution", "protection", "prevention", "partnership", "profile"):
            narrative[key] = HOSTILE
        narrative["recommendations"] = [HOSTILE, HOSTILE]
        findings = [*data.get("legal_standards", {}).values(), *data.get("criteria", {}).values()]
        for finding in findings:
            finding["note"] = HOSTILE
            for action in finding.get("actions", []):
                action["text"] = HOSTILE
        if data.get("special_case"):
            data["special_case"]["reason"] = HOSTILE
        if data.get("assistance"):
            data["assistance"]["justification"] = HOSTILE

    for path in sorted((edition / "countries").glob("*.yaml")):
        edit(path, everywhere)


def test_no_script_or_javascript_link_survives_in_any_narrative_field(tmp_path: Path) -> None:
    edition = copy_edition("example", tmp_path / "edition")
    hostile_edition(edition)
    build_into(edition, tmp_path / "out", only=("html",))
    pages = sorted((tmp_path / "out" / "site").rglob("*.html"))
    arcadia = (tmp_path / "out" / "site" / "countries" / "XAR.html").read_text("utf-8")
    assert arcadia.count("&lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt;") >= 10
    for page in pages:
        html = page.read_text("utf-8")
        scripts = re.findall(r"<script\b[^>]*>", html, re.I)
        allowed = r'<script src="(\.\./)?site\.js">|<script src="(\.\./)?search\.js" defer>'
        assert all(re.fullmatch(allowed, s) for s in scripts), page
        assert not re.search(r"<img\b", html, re.I), page
        assert not re.search(r"\bon[a-z]+\s*=", html.replace("&lt;img src=x onerror=", "")), page
        hrefs = re.findall(r'\b(?:href|src)\s*=\s*"([^"]*)"', html, re.I)
        assert not [h for h in hrefs if "script:" in re.sub(r"[\s\x00-\x1f]", "", h.lower())], page
