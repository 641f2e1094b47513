"""Which files ``check`` reads: only regular files inside the edition, of bounded size.

Every case runs ``tierreport check`` on a copy of the ``minimal`` edition with one file replaced
by something a careless or hostile hand could leave there, and asserts the located message and
the exit status. A case that could hang (a named pipe) runs with a time limit, so that a
regression fails instead of stalling the suite.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest

from tests.conftest import run
from tierreport.check.edition import PARSE_CACHE, CheckResult, check_edition
from tierreport.limits import LONG_TEXT_CHARS, MAX_FILE_BYTES
from tierreport.load import fastyaml

T = TypeVar("T")
XAA = "countries/XAA.yaml"
SECRET = "TOKEN=canary-ffc1d2"


def within(seconds: float, call: Callable[[], T]) -> T:
    """``call()``, failing the test if it does not return within ``seconds``."""
    outcome: list[T | BaseException] = []

    def target() -> None:
        try:
            outcome.append(call())
        except BaseException as exc:  # handed to the test below
            outcome.append(exc)

    worker = threading.Thread(target=target, daemon=True)  # a hung read cannot be killed
    worker.start()
    worker.join(seconds)
    assert outcome, f"no answer within {seconds} s"
    if isinstance(outcome[0], BaseException):
        raise outcome[0]
    return outcome[0]


def check_within(root: Path, seconds: float = 20) -> CheckResult:
    """``check_edition(root)``, failing the test if it does not return within ``seconds``."""
    return within(seconds, lambda: check_edition(root))


def lines(root: Path, *options: str) -> tuple[int, list[str]]:
    result = run("check", "--edition", root, *options)
    return result.exit_code, result.output.splitlines()


def with_introduction(root: Path, relative: str) -> None:
    with (root / "edition.yaml").open("a", encoding="utf-8") as stream:
        stream.write(f"introduction: {relative}\n")


# --- reading outside the edition ------------------------------------------------------------


def test_a_country_file_linked_outside_the_edition_is_refused_unread(
    edition_copy: Callable[[str], Path], tmp_path: Path
) -> None:
    root = edition_copy("minimal")
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text((root / XAA).read_text(encoding="utf-8"), encoding="utf-8")
    (root / XAA).unlink()
    (root / XAA).symlink_to(outside)
    status, out = lines(root)
    assert status == 1
    assert out[0] == (
        f"countries/XAA.yaml:1:1: error: the file is a symbolic link to {outside}, outside the "
        "edition; tierreport reads only files inside the edition directory: put the file "
        "itself here"
    )


def test_a_countries_folder_linked_outside_the_edition_is_refused(
    edition_copy: Callable[[str], Path], tmp_path: Path
) -> None:
    root = edition_copy("minimal")
    (root / "countries").rename(tmp_path / "moved")
    (root / "countries").symlink_to(tmp_path / "moved")
    result = check_within(root)
    errors = [str(p) for p in result.problems if p.severity == "error"]
    assert errors == [
        f"countries/{code}.yaml:1:1: error: the file is a symbolic link to "
        f"{tmp_path / 'moved' / code}.yaml, outside the edition; tierreport reads only files "
        "inside the edition directory: put the file itself here"
        for code in ("XAA", "XBB")
    ]


def test_a_link_whose_target_is_inside_the_edition_is_read_with_a_warning(
    edition_copy: Callable[[str], Path],
) -> None:
    root = edition_copy("minimal")
    (root / "drafts").mkdir()
    (root / XAA).rename(root / "drafts" / "XAA.yaml")
    (root / XAA).symlink_to(Path("..") / "drafts" / "XAA.yaml")
    status, out = lines(root)
    assert status == 0
    assert out[0] == (
        "countries/XAA.yaml:1:1: warning: the file is a symbolic link to drafts/XAA.yaml, "
        "which is read; a link may not survive copying the edition: put the file itself here"
    )
    assert out[-1] == "checked 2 countries: 0 errors, 3 warnings"
    assert lines(root, "--strict")[0] == 1


def test_an_introduction_linked_to_the_environment_is_never_read(
    edition_copy: Callable[[str], Path],
) -> None:
    root = edition_copy("minimal")
    (root / "front").mkdir()
    (root / "front" / "introduction.md").symlink_to("/proc/self/environ")
    with_introduction(root, "front/introduction.md")
    status, out = lines(root)
    assert status == 1
    [line] = [line for line in out if line.startswith("edition.yaml")]
    assert line.startswith(
        "edition.yaml:10:1: error: introduction: 'front/introduction.md' is a symbolic link to "
        "/proc/"
    )
    assert line.endswith(
        "/environ, outside the edition; tierreport reads only files inside the edition "
        "directory: put the file itself here"
    )


def test_the_introduction_may_not_name_a_country_file(
    edition_copy: Callable[[str], Path],
) -> None:
    root = edition_copy("minimal")
    with_introduction(root, "countries/XAA.yaml")
    status, out = lines(root)
    assert status == 1
    assert out == [
        "edition.yaml:10:1: error: introduction: 'countries/XAA.yaml' is in countries/, which "
        "holds the country files; name a file outside it",
        "checked 0 countries: 1 error, 0 warnings",
    ]


def test_the_introduction_must_be_a_markdown_file(edition_copy: Callable[[str], Path]) -> None:
    root = edition_copy("minimal")
    with_introduction(root, "standards/minimum-standards.yaml")
    result = check_within(root)
    assert [str(p) for p in result.problems] == [
        "edition.yaml:10:1: error: introduction: 'standards/minimum-standards.yaml' is not a "
        "Markdown file (.md); name one, e.g. front/introduction.md"
    ]


def test_an_introduction_linked_into_countries_is_refused(
    edition_copy: Callable[[str], Path],
) -> None:
    root = edition_copy("minimal")
    (root / "front").mkdir()
    (root / "countries" / "notes.md").write_text(SECRET, encoding="utf-8")
    (root / "front" / "introduction.md").symlink_to(Path("..") / XAA)
    (root / "front" / "letter.md").symlink_to(Path("..") / "countries" / "notes.md")
    with_introduction(root, "front/introduction.md")
    first = check_within(root)
    assert first.edition is not None and first.edition.introduction == ""
    assert [str(p) for p in first.problems if p.severity == "error"] == [
        "edition.yaml:10:1: error: introduction: 'front/introduction.md' leads to "
        "countries/XAA.yaml, in countries/ (which holds the country files); put the "
        "introduction itself there"
    ]
    text = (root / "edition.yaml").read_text(encoding="utf-8")
    (root / "edition.yaml").write_text(
        text.replace("front/introduction.md", "front/letter.md"), encoding="utf-8"
    )
    second = check_within(root)
    assert second.edition is not None and SECRET not in second.edition.introduction
    assert [str(p) for p in second.problems if p.severity == "error"] == [
        "edition.yaml:10:1: error: introduction: 'front/letter.md' leads to countries/notes.md, "
        "in countries/ (which holds the country files); put the introduction itself there"
    ]


def test_the_standards_may_not_lead_into_countries(edition_copy: Callable[[str], Path]) -> None:
    root = edition_copy("minimal")
    (root / "standards" / "minimum-standards.yaml").unlink()
    (root / "standards" / "minimum-standards.yaml").symlink_to(Path("..") / XAA)
    status, out = lines(root)
    assert status == 1
    assert out[0] == (
        "edition.yaml:5:1: error: standards: 'standards/minimum-standards.yaml' leads into "
        "countries/, which holds the country files; name the standards file itself"
    )


# --- files that are not regular, and files too large ----------------------------------------


def test_a_named_pipe_is_refused_without_waiting_for_a_writer(
    edition_copy: Callable[[str], Path],
) -> None:
    root = edition_copy("minimal")
    os.mkfifo(root / "countries" / "XCC.yaml")
    result = check_within(root)
    assert [str(p) for p in result.problems if p.severity == "error"] == [
        "countries/XCC.yaml:1:1: error: the file is a named pipe (FIFO), not a regular file; "
        "tierreport reads only regular files"
    ]
    status, out = within(20, lambda: lines(root))
    assert status == 1
    assert out[-1] == "checked 3 countries: 1 error, 2 warnings"


def test_an_edition_file_that_is_a_pipe_is_refused(edition_copy: Callable[[str], Path]) -> None:
    root = edition_copy("minimal")
    (root / "edition.yaml").unlink()
    os.mkfifo(root / "edition.yaml")
    result = check_within(root)
    assert [str(p) for p in result.problems] == [
        "edition.yaml:1:1: error: the file is a named pipe (FIFO), not a regular file; "
        "tierreport reads only regular files"
    ]


def test_a_link_to_a_device_is_refused_unread(edition_copy: Callable[[str], Path]) -> None:
    root = edition_copy("minimal")
    (root / "countries" / "XCC.yaml").symlink_to("/dev/zero")
    result = check_within(root)
    assert [str(p) for p in result.problems if p.severity == "error"] == [
        "countries/XCC.yaml:1:1: error: the file is a symbolic link to /dev/zero, outside the "
        "edition; tierreport reads only files inside the edition directory: put the file "
        "itself here"
    ]


def test_a_directory_named_like_a_country_file_is_refused(
    edition_copy: Callable[[str], Path],
) -> None:
    root = edition_copy("minimal")
    (root / "countries" / "XCC.yaml").mkdir()
    result = check_within(root)
    assert "countries/XCC.yaml:1:1: error: the file is a directory, not a regular file; " in (
        "\n".join(str(p) for p in result.problems)
    )


def test_a_file_over_the_size_limit_is_refused(edition_copy: Callable[[str], Path]) -> None:
    root = edition_copy("minimal")
    text = (root / XAA).read_text(encoding="utf-8")
    padding = "# " + "x" * 98 + "\n"
    (root / XAA).write_text(text + padding * (MAX_FILE_BYTES // 100), encoding="utf-8")
    size = (root / XAA).stat().st_size
    assert size > MAX_FILE_BYTES
    status, out = lines(root)
    assert status == 1
    assert out[0] == (
        f"countries/XAA.yaml:1:1: error: the file is {size:,} bytes, more than the "
        "2,097,152 bytes (2 MiB) a file of the edition may have; shorten it"
    )


def test_a_chapter_so_long_it_slows_the_pdf_is_a_warning(
    edition_copy: Callable[[str], Path],
) -> None:
    root = edition_copy("minimal")
    text = (root / XAA).read_text(encoding="utf-8")
    long_profile = "Migrants cross the desert. " * (LONG_TEXT_CHARS // 27 + 1)
    (root / XAA).write_text(
        text.replace(
            "profile: Migrants cross the southern desert.", f"profile: {long_profile.strip()}"
        ),
        encoding="utf-8",
    )
    result = check_within(root)
    total = len(
        "Police dismantled a network moving migrants by sea.Opened two reception centres."
        "Plans a third centre.Published its first annual smuggling statistics."
        "Aldora made progress.Prosecute more smugglers.Police dismantled a network."
        "Two reception centres opened.A campaign ran in the capital."
        "Aldora signed an extradition treaty."
    ) + len(long_profile.strip())
    assert [str(p) for p in result.problems if p.file == XAA] == [
        f"countries/XAA.yaml:34:1: warning: narrative: the chapter's text (narrative, notes, "
        f"actions) is {total:,} characters long, more than the 100,000 (about 25 printed "
        "pages) that keep the PDF quick to build; shorten it, or look for text pasted in by "
        "mistake"
    ]


def test_a_long_introduction_is_a_warning_and_invisible_characters_are_located(
    edition_copy: Callable[[str], Path],
) -> None:
    root = edition_copy("minimal")
    (root / "front").mkdir()
    body = "Dear reader,\n\nThe office \u202ewrites.\r\n" + "word " * (LONG_TEXT_CHARS // 5)
    (root / "front" / "introduction.md").write_text(body, encoding="utf-8")
    with_introduction(root, "front/introduction.md")
    result = check_within(root)
    assert [str(p) for p in result.problems if "XBB" not in p.file] == [
        f"edition.yaml:10:1: warning: introduction: the introduction is {len(body):,} "
        "characters long, more than the 100,000 (about 25 printed pages) that keep the PDF "
        "quick to build; shorten it, or look for text pasted in by mistake",
        "front/introduction.md:3:12: warning: contains U+202E (RIGHT-TO-LEFT OVERRIDE); "
        "delete it: invisible characters can make text read differently from what it says",
    ]


# --- country files that would be skipped ----------------------------------------------------


@pytest.mark.parametrize(
    ("name", "rename"),
    [("XZZ.YAML", "XZZ.yaml"), ("XZZ.yml", "XZZ.yaml"), ("XZZ.Yaml", "XZZ.yaml")],
)
def test_a_country_file_with_another_extension_is_an_error_naming_it(
    edition_copy: Callable[[str], Path], name: str, rename: str
) -> None:
    root = edition_copy("minimal")
    (root / "countries" / "XBB.yaml").rename(root / "countries" / name)
    status, out = lines(root)
    assert status == 1
    assert out == [
        f"countries/{name}:1:1: error: not read: a country file's name ends in .yaml, in lower "
        f"case; rename it to {rename}",
        "checked 1 country: 1 error, 0 warnings",
    ]


def test_hidden_and_other_files_in_countries_are_left_alone(
    edition_copy: Callable[[str], Path],
) -> None:
    root = edition_copy("minimal")
    (root / "countries" / ".XAA.yaml.swp").write_bytes(b"\x00swap")
    (root / "countries" / "README.md").write_text("Country files.\n", encoding="utf-8")
    status, out = lines(root)
    assert (status, out[-1]) == (0, "checked 2 countries: 0 errors, 2 warnings")


def test_status_counts_what_check_reads_and_what_it_refuses(
    edition_copy: Callable[[str], Path],
) -> None:
    root = edition_copy("minimal")
    os.mkfifo(root / "countries" / "XCC.yaml")
    (root / "countries" / "XDD.yml").write_text("code: XDD\nstatus: cleared\n", encoding="utf-8")
    result = within(20, lambda: run("status", "--edition", root, "--json"))
    assert result.exit_code == 0, result.output
    countries = json.loads(result.output)["countries"]
    assert [(c["file"], c["code"], c["status"], c["errors"]) for c in countries] == [
        ("countries/XAA.yaml", "XAA", "cleared", 0),
        ("countries/XBB.yaml", "XBB", "draft", 0),
        ("countries/XCC.yaml", "XCC", "draft", 1),
        ("countries/XDD.yml", "XDD", "cleared", 1),
    ]


@pytest.mark.parametrize("kind", ["pipe", "link"])
def test_a_parse_cache_that_is_not_a_regular_file_is_ignored(
    edition_copy: Callable[[str], Path], kind: str
) -> None:
    root = edition_copy("minimal")
    shutil.rmtree(root / PARSE_CACHE, ignore_errors=True)  # a check run on the fixture's own
    country = sorted((root / "countries").glob("*.yaml"))[0]
    entry = (
        root / PARSE_CACHE / "parsed" / f"{hashlib.sha256(country.read_bytes()).hexdigest()}.pickle"
    )
    entry.parent.mkdir(parents=True)
    if kind == "pipe":
        os.mkfifo(entry)
    else:
        entry.symlink_to("/dev/zero")
    status, out = within(20, lambda: lines(root))
    assert (status, out[-1]) == (0, "checked 2 countries: 0 errors, 2 warnings")
    if fastyaml.enabled():  # only the fast path's parses are kept (none with it off)
        # Not read, and gone: the run packed its entries, and the file named as one of them
        # was removed with the other loose entries.
        assert not entry.exists() and not entry.is_symlink()
        assert (entry.parent / "pack.pickle").is_file()


def test_a_cache_folder_that_is_a_link_is_neither_written_nor_emptied(
    edition_copy: Callable[[str], Path], tmp_path: Path
) -> None:
    root = edition_copy("minimal")
    shutil.rmtree(root / PARSE_CACHE, ignore_errors=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    theirs = elsewhere / f"{'0' * 64}.pickle"  # named like an entry, but not ours
    theirs.write_bytes(b"someone else's")
    (root / PARSE_CACHE).mkdir()
    (root / PARSE_CACHE / "checked").symlink_to(elsewhere, target_is_directory=True)
    status, out = within(20, lambda: lines(root))
    assert (status, out[-1]) == (0, "checked 2 countries: 0 errors, 2 warnings")
    assert [p.name for p in elsewhere.iterdir()] == [theirs.name]
    assert theirs.read_bytes() == b"someone else's"
