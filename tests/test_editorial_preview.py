"""``tierreport preview``: one country's page and chapter, and ``--watch``'s rebuild on save."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pypdf
import pytest

from tests.conftest import run
from tierreport.editorial.preview import Preview, watch
from tierreport.errors import EditionError, TierReportError

DRAFT_MARK = "DRAFT - NOT CLEARED FOR RELEASE"


def pdf_pages(path: Path) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(path).pages]


def save(path: Path, old: str, new: str) -> None:
    """Edit a file as an editor saves it: new content and a later modification time."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


def test_preview_writes_the_page_and_the_chapter(
    edition_copy: Callable[[str], Path], tmp_path: Path
) -> None:
    edition = edition_copy("example")
    out = tmp_path / "preview"
    result = run("preview", "xar", "--edition", edition, "--out", out)
    assert result.exit_code == 0, result.output
    assert result.output == f"wrote {out / 'XAR.html'} and {out / 'XAR.pdf'} (5 pages)\n"
    assert sorted(p.name for p in out.iterdir()) == ["XAR.html", "XAR.pdf", "site.css", "site.js"]
    page = (out / "XAR.html").read_text(encoding="utf-8")
    assert "<h1>Arcadia: TIER 3</h1>" in page
    assert '<link rel="stylesheet" href="site.css">' in page
    assert "methodology.html" not in page  # no links to pages a preview does not have
    assert "Post advises" not in page  # internal notes stay out of the public preview
    pages = pdf_pages(out / "XAR.pdf")
    assert len(pages) == 5
    assert "ARCADIA: TIER 3" in pages[0]
    assert "Change and path" in pages[0]
    assert all(DRAFT_MARK in text for text in pages)
    assert "Operation Cordillera" in "".join(pages)


def test_preview_defaults_to_build_preview_code(edition_copy: Callable[[str], Path]) -> None:
    edition = edition_copy("example")
    result = run("preview", "XJO", "--edition", edition, "--audience", "internal")
    out = edition / "build-internal-preview" / "XJO"
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"wrote {out / 'XJO.html'} and {out / 'XJO.pdf'} (")
    page = (out / "XJO.html").read_text(encoding="utf-8")
    assert "Jorvik Islands: SPECIAL CASE" in page
    assert "Internal edition: not for publication." in page


def test_a_draft_previews_with_its_warnings(tmp_path: Path) -> None:
    run("init", tmp_path / "e", "--year", "2028")
    out = tmp_path / "out"
    result = run("preview", "AFG", "--edition", tmp_path / "e", "--out", out)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "countries/AFG.yaml:31:9: warning: legal_standards.MS1: not yet assessed"
    assert len(lines) == 17
    assert lines[-1].startswith(f"wrote {out / 'AFG.html'} and {out / 'AFG.pdf'} (")
    assert "Afghanistan: TIER 3" in (out / "AFG.html").read_text(encoding="utf-8")


def test_other_countries_problems_do_not_block_a_preview(
    edition_copy: Callable[[str], Path], tmp_path: Path
) -> None:
    edition = edition_copy("example")
    save(edition / "countries" / "XBO.yaml", "region: EUR", "region: ZZ")
    result = run("preview", "XCA", "--edition", edition, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output


def test_refuses_an_unknown_country(edition_copy: Callable[[str], Path], tmp_path: Path) -> None:
    edition = edition_copy("example")
    result = run("preview", "XQQ", "--edition", edition, "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert result.output == f"Error: no file countries/XQQ.yaml in {edition}; did you mean XQU?\n"
    assert not (tmp_path / "out").exists()


def test_refuses_a_country_with_errors(edition_copy: Callable[[str], Path], tmp_path: Path) -> None:
    edition = edition_copy("minimal")
    save(edition / "countries" / "XAA.yaml", "region: AF", "region: ZZ")
    result = run("preview", "XAA", "--edition", edition, "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert result.output == (
        "countries/XAA.yaml:3:1: error: region: unknown region 'ZZ'; expected one of AF, EUR\n"
        "Error: the edition has 1 error\n"
    )
    assert not (tmp_path / "out").exists()


def test_watch_renders_again_on_each_save_and_survives_a_bad_one(
    edition_copy: Callable[[str], Path], tmp_path: Path
) -> None:
    edition = edition_copy("minimal")
    path = edition / "countries" / "XAA.yaml"
    out = tmp_path / "out"
    seen: list[str] = []
    saves = [
        ("Migrants cross the southern desert.", "Migrants now cross by sea."),
        ("region: AF", "region: ZZ"),
        ("region: ZZ", "region: AF"),
    ]

    def report(outcome: Preview | TierReportError) -> None:
        if isinstance(outcome, Preview):
            page = outcome.html.read_text(encoding="utf-8")
            seen.append("rendered: " + ("by sea" if "now cross by sea" in page else "desert"))
        else:
            assert isinstance(outcome, EditionError)
            seen.append("refused: " + "; ".join(str(p) for p in outcome.problems))
        if saves:
            save(path, *saves.pop(0))

    attempts = watch(edition, "XAA", out, report, iterations=6, interval=0)
    assert attempts == 4
    assert seen == [
        "rendered: desert",
        "rendered: by sea",
        "refused: countries/XAA.yaml:3:1: error: region: unknown region 'ZZ'; expected one of "
        "AF, EUR",
        "rendered: by sea",
    ]


def test_watch_without_changes_renders_once(
    edition_copy: Callable[[str], Path], tmp_path: Path
) -> None:
    edition = edition_copy("minimal")
    seen: list[Preview | TierReportError] = []
    assert watch(edition, "XAA", tmp_path / "out", seen.append, iterations=3, interval=0) == 1
    assert len(seen) == 1
    assert isinstance(seen[0], Preview)
    assert seen[0].pdf == tmp_path / "out" / "XAA.pdf"


def test_preview_watch_from_the_command_line_stops_on_ctrl_c(
    edition_copy: Callable[[str], Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    edition = edition_copy("minimal")
    out = tmp_path / "out"

    def interrupt(seconds: float) -> None:
        raise KeyboardInterrupt  # the user presses Ctrl-C while the watch waits

    monkeypatch.setattr("tierreport.watching.sleep", interrupt)
    result = run("preview", "XAA", "--edition", edition, "--out", out, "--watch")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == f"watching XAA in {edition}; press Ctrl-C to stop"
    assert lines[1].startswith(f"wrote {out / 'XAA.html'} and {out / 'XAA.pdf'} (")
    assert lines[2:] == ["stopped"]


def test_watch_goes_on_when_the_file_is_removed_and_restored(
    edition_copy: Callable[[str], Path], tmp_path: Path
) -> None:
    edition = edition_copy("minimal")
    path = edition / "countries" / "XAA.yaml"
    kept = path.read_text(encoding="utf-8")
    seen: list[str] = []

    def report(outcome: Preview | TierReportError) -> None:
        seen.append("rendered" if isinstance(outcome, Preview) else f"refused: {outcome}")
        if len(seen) == 1:
            path.unlink()
        elif len(seen) == 2:
            path.write_text(kept, encoding="utf-8")

    assert watch(edition, "XAA", tmp_path / "out", report, iterations=4, interval=0) == 3
    assert seen == [
        "rendered",
        f"refused: no file countries/XAA.yaml in {edition}; did you mean XBB?",
        "rendered",
    ]


def test_preview_checks_the_standards_as_check_does(edition_copy: Callable[[str], Path]) -> None:
    """One way to read an edition: a standards file without a progress criterion is the same
    located error in preview as in check, never an internal error."""
    edition = edition_copy("example")
    save(edition / "standards" / "minimum-standards.yaml", "    progress: true ", "    # ")
    checked = run("check", "--edition", edition)
    assert checked.exit_code == 1
    (expected,) = [line for line in checked.output.splitlines() if ": error: " in line]
    assert expected.startswith("standards/minimum-standards.yaml:")
    assert expected.endswith(
        ": error: effort_criteria: exactly one criterion must have 'progress: true', found 0"
    )
    previewed = run("preview", "XAR", "--edition", edition, "--out", edition / "p")
    assert previewed.exit_code == 1
    assert expected in previewed.output.splitlines()
    assert "internal error" not in previewed.output
    assert not (edition / "p").exists()


@pytest.mark.parametrize("code", ["../../XAR", "XAR/..", "xa", "X1R", "XÄR"])
def test_preview_takes_only_a_three_letter_code(
    edition_copy: Callable[[str], Path], code: str
) -> None:
    edition = edition_copy("example")
    # What ../../XAR would name: a file outside the edition, and a preview written beside it.
    (edition.parent / "XAR.yaml").write_bytes((edition / "countries" / "XAR.yaml").read_bytes())
    around = sorted(p.name for p in edition.parent.iterdir())
    result = run("preview", code, "--edition", edition)
    assert result.exit_code == 1
    assert result.output == (
        "Error: a country code is three letters A-Z (the name of its file in countries/), got "
        f"{code!r}\n"
    )
    assert sorted(p.name for p in edition.parent.iterdir()) == around
    assert not (edition / "build-preview").exists()


def test_an_internal_preview_never_goes_inside_a_public_build(
    edition_copy: Callable[[str], Path],
) -> None:
    edition = edition_copy("example")
    out = edition / "build"
    assert run("build", "--edition", edition, "--out", out, "--only", "data").exit_code == 0
    result = run(
        "preview", "XAR", "--edition", edition, "--audience", "internal", "--out", out / "XAR"
    )
    assert result.exit_code == 1
    assert result.output == (
        f"Error: refusing to write into {out / 'XAR'}: it is inside the public build in "
        f"{out.resolve()}; internal output never goes where an upload of a public build carries "
        "it; choose a folder outside it\n"
    )
    assert not (out / "XAR").exists()
    result = run("preview", "XAR", "--edition", edition, "--out", edition / "countries")
    assert result.exit_code == 1
    assert result.output == (
        f"Error: refusing to write into {edition / 'countries'}: it is inside the edition's "
        "countries/ folder, which tierreport reads; choose another folder, or no --out\n"
    )
