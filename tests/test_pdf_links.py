"""Only http(s), mailto and in-document links become links, in the site and the PDF (issue 12).

A path in a narrative (``[file](/home/desk/notes.pdf)``, ``[x](../secret.txt)``) was resolved by
WeasyPrint against the templates' folder and printed as a ``file:///...`` link annotation: a
path of the build machine in a published PDF. Such links stay plain text now.
"""

from __future__ import annotations

from pathlib import Path

import pypdf
import pytest

from tests.conftest import copy_edition, run
from tierreport.render.environment import TEMPLATES_DIR
from tierreport.render.pdf.writer import html_to_pdf

pytestmark = pytest.mark.slow

LINKS = (
    "See [the notes](/home/desk/notes.pdf), [the draft](../secret/draft.txt), "
    "[a file](file:///etc/passwd), [the sources](#sources-XAR), "
    "[the ministry](https://example.org/ministry) and [the desk](mailto:desk@example.org). "
)


def link_targets(path: Path) -> list[str]:
    """Every link annotation of the PDF: its URI, or ``#name`` for a link inside it."""
    found = []
    for page in pypdf.PdfReader(path).pages:
        for annotation in page.get("/Annots") or []:
            link = annotation.get_object()
            if link.get("/Subtype") != "/Link":
                continue
            action = link.get("/A")
            if action is not None and "/URI" in action:
                found.append(str(action["/URI"]))
            else:
                found.append("#" + str(link.get("/Dest", action.get("/D") if action else "")))
    return found


def test_a_narrative_path_is_no_link_in_the_pdf_or_the_page(tmp_path: Path) -> None:
    edition = copy_edition("example", tmp_path / "edition")
    arcadia = edition / "countries" / "XAR.yaml"
    text = arcadia.read_text("utf-8")
    old = "  summary: >-\n    The government"
    assert old in text
    arcadia.write_text(text.replace(old, f"  summary: >-\n    {LINKS}The government"), "utf-8")
    out = tmp_path / "preview"
    result = run("preview", "XAR", "--edition", edition, "--out", out)
    assert result.exit_code == 0, result.output
    uris = [t for t in link_targets(out / "XAR.pdf") if not t.startswith("#")]
    assert "https://example.org/ministry" in uris
    assert "mailto:desk@example.org" in uris
    assert [u for u in uris if not u.startswith(("https:", "http:", "mailto:"))] == []
    page = (out / "XAR.html").read_text("utf-8")
    assert 'href="#sources-XAR"' in page
    for path in ("/home/desk/notes.pdf", "../secret/draft.txt", "file:///etc/passwd"):
        assert f'href="{path}"' not in page
        assert f"({path})" in page  # shown as the text it was


def test_the_pdf_drops_any_link_a_template_could_make_to_a_file(tmp_path: Path) -> None:
    html = (
        '<html lang="en"><head><title>Links</title></head><body>'
        '<h1 id="top">Links</h1>'
        '<p><a href="notes.pdf">relative</a> <a href="/etc/hostname">absolute</a> '
        '<a href="file:///etc/passwd">file</a> <a rel="attachment" href="notes.pdf">attach</a> '
        '<a href="ftp://example.org/x">ftp</a> <a href="#top">top</a> '
        '<a href="https://example.org/">web</a></p></body></html>'
    )
    result = html_to_pdf(
        html, tmp_path / "links.pdf", base=TEMPLATES_DIR / "pdf", roots=[TEMPLATES_DIR]
    )
    assert link_targets(result.path) == ["#top", "https://example.org/"]
