"""``build --out`` replaces only what a build wrote, never anything else (issue 12, writing).

Each test runs the command line as a user would and then looks at the file system: the exit
status, the one-line message, and every entry of the folders involved (hidden ones, FIFOs,
symbolic links and permissions included).
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import REPO, copy_edition, run
from tierreport.errors import BuildError
from tierreport.output import MARKER, check_place, marker_text

Tree = dict[str, tuple[str, int, bytes]]


def tree(root: Path) -> Tree:
    """Every entry under ``root``: its kind, permissions and content (a link: its target)."""
    found: Tree = {}
    for folder, folders, files in os.walk(root):
        for name in folders + files:
            path = Path(folder) / name
            info = path.lstat()
            mode = stat.S_IMODE(info.st_mode)
            relative = path.relative_to(root).as_posix()
            if stat.S_ISLNK(info.st_mode):
                found[relative] = ("link", mode, os.readlink(path).encode())
            elif stat.S_ISDIR(info.st_mode):
                found[relative] = ("folder", mode, b"")
            elif stat.S_ISFIFO(info.st_mode):
                found[relative] = ("fifo", mode, b"")
            else:
                found[relative] = ("file", mode, path.read_bytes())
    return found


def hidden_beside(folder: Path) -> list[str]:
    """The hidden entries beside ``folder``: staging folders and lock files left behind."""
    return sorted(p.name for p in folder.parent.iterdir() if p.name.startswith("."))


@pytest.fixture
def edition(tmp_path: Path) -> Path:
    return copy_edition("example", tmp_path / "edition")


@contextmanager
def umask(value: int) -> Iterator[None]:
    previous = os.umask(value)
    try:
        yield
    finally:
        os.umask(previous)


def foreign_folder(path: Path) -> Path:
    """A folder a build did not write, holding what a careless --out would destroy."""
    (path / ".git").mkdir(parents=True)
    (path / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (path / ".env").write_text("TOKEN=secret\n")
    os.mkfifo(path / "pipe")
    (path / "site").mkdir()
    (path / "site" / "index.html").write_text("<p>another site</p>\n")
    (path / "data").mkdir()
    (path / "data" / "numbers.csv").write_text("a,b\n1,2\n")
    path.chmod(0o751)
    return path


def test_a_folder_no_build_wrote_is_refused_and_left_alone(edition: Path, tmp_path: Path) -> None:
    out = foreign_folder(tmp_path / "mine")
    before = tree(out)
    result = run("build", "--edition", edition, "--out", out, "--only", "data")
    assert result.exit_code == 1
    assert result.output == (
        f"Error: refusing to replace {out}: it is not empty and was not written by tierreport "
        f"build (it has no {MARKER} file); choose a new or empty folder, or remove it yourself\n"
    )
    assert tree(out) == before
    assert stat.S_IMODE(out.stat().st_mode) == 0o751
    assert hidden_beside(out) == []


def test_a_marker_of_another_content_is_no_marker(edition: Path, tmp_path: Path) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / MARKER).write_text("anything\n")
    (out / "notes.txt").write_text("keep me\n")
    result = run("build", "--edition", edition, "--out", out, "--only", "data")
    assert result.exit_code == 1
    assert "it is not empty and was not written by tierreport build" in result.output
    assert (out / "notes.txt").read_text() == "keep me\n"


@pytest.mark.parametrize(
    ("out", "why"),
    [
        ("countries", "it is inside the edition's countries/ folder, which tierreport reads"),
        ("countries/build", "it is inside the edition's countries/ folder, which tierreport reads"),
        ("front", "it is inside the edition's front/ folder, which tierreport reads"),
        ("standards/out", "it is inside the edition's standards/ folder, which tierreport reads"),
        ("..", "it holds the edition ."),
        (".", "it is the edition's own folder"),
    ],
)
def test_out_inside_or_above_the_edition_is_refused(
    edition: Path, out: str, why: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(edition)
    (edition / "countries" / ".XAR.yaml.swp").write_bytes(b"an editor's swap file")
    before = tree(edition)
    result = run("build", "--out", out, "--only", "data")
    assert result.exit_code == 1
    assert result.output == (
        f"Error: refusing to write into {out}: {why}; choose a new folder such as build\n"
    )
    assert tree(edition) == before


def test_an_empty_out_is_a_usage_error(edition: Path) -> None:
    result = run("build", "--edition", edition, "--out", "", "--only", "data")
    assert result.exit_code == 2
    assert result.output.endswith(
        "Error: Invalid value for '--out': an empty path; give a folder such as build\n"
    )


def test_the_current_folder_is_refused(
    edition: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    result = run("build", "--edition", edition, "--out", ".", "--only", "data")
    assert result.exit_code == 1
    assert result.output == (
        "Error: refusing to write into .: it is the current folder, which a build replaces as a "
        "whole; choose a folder inside it such as build\n"
    )
    assert list(work.iterdir()) == []


def test_the_home_folder_is_refused(
    edition: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    home.mkdir()  # empty, which would otherwise be a fine place for a new build
    monkeypatch.setenv("HOME", str(home))
    result = run("build", "--edition", edition, "--out", home, "--only", "data")
    assert result.exit_code == 1
    assert result.output == (
        f"Error: refusing to write into {home}: it is your home folder; choose a new folder "
        "such as build\n"
    )
    assert list(home.iterdir()) == []


def test_the_root_of_the_file_system_is_refused(edition: Path) -> None:
    # Only the check: a build into / that slipped through would be a disaster, even in a test.
    with pytest.raises(BuildError) as refused:
        check_place(Path("/"), edition, "public")
    assert str(refused.value) == (
        "refusing to write into /: it is the root of the file system; choose a new folder such "
        "as build"
    )


def test_a_new_folder_gets_the_umask_and_an_existing_one_keeps_its_mode(
    edition: Path, tmp_path: Path
) -> None:
    with umask(0o027):
        result = run("build", "--edition", edition, "--out", tmp_path / "new", "--only", "data")
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE((tmp_path / "new").stat().st_mode) == 0o750
    assert stat.S_IMODE((tmp_path / "new" / "data").stat().st_mode) == 0o750
    served = tmp_path / "served"
    served.mkdir()
    served.chmod(0o755)
    with umask(0o077):
        for _ in range(2):  # into the empty folder, then over the build it holds
            result = run("build", "--edition", edition, "--out", served, "--only", "data")
            assert result.exit_code == 0, result.output
            assert stat.S_IMODE(served.stat().st_mode) == 0o755


def test_a_rebuild_keeps_what_a_deployer_added_to_the_build(edition: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run("build", "--edition", edition, "--out", out, "--only", "data").exit_code == 0
    (out / ".git").mkdir()
    (out / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n")
    (out / "CNAME").write_text("report.example.org\n")
    os.mkfifo(out / "pipe")
    (out / "latest").symlink_to("/etc")
    added = {k: v for k, v in tree(out).items() if k.split("/")[0] in {".git", "CNAME", "pipe"}}
    result = run("build", "--edition", edition, "--out", out, "--only", "html")
    assert result.exit_code == 0, result.output
    after = tree(out)
    assert {k: after[k] for k in added} == added
    assert after["latest"] == ("link", after["latest"][1], b"/etc")
    assert (out / "site" / "index.html").is_file()
    assert (out / "data" / "placements.csv").is_file()  # not rebuilt: kept
    assert hidden_beside(out) == []


def test_wrote_counts_only_the_files_this_build_wrote(edition: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run("build", "--edition", edition, "--out", out, "--only", "data")
    assert result.output == f"wrote 10 files to {out}\n"
    result = run("build", "--edition", edition, "--out", out, "--only", "html")
    assert result.exit_code == 0
    assert result.output == f"wrote 36 files to {out}, kept 10 from the previous build\n"


def test_a_symlinked_output_is_written_through_the_link(edition: Path, tmp_path: Path) -> None:
    served = tmp_path / "srv" / "report"
    served.mkdir(parents=True)
    link = tmp_path / "deploy" / "build"
    link.parent.mkdir()
    link.symlink_to(served)
    result = run("build", "--edition", edition, "--out", link, "--only", "data")
    assert result.exit_code == 0, result.output
    assert result.output == f"wrote 10 files to {link}\n"
    assert link.is_symlink() and os.readlink(link) == str(served)
    assert (served / "data" / "placements.csv").is_file()
    assert (served / MARKER).read_text("utf-8") == marker_text("public")
    assert hidden_beside(served) == [] and hidden_beside(link) == []
    # An error exit changes nothing: not the link, not the served folder.
    before = tree(served)
    path = edition / "countries" / "XAR.yaml"
    path.write_text(path.read_text("utf-8").replace("finding: partial", "finding: yes", 1))
    result = run("build", "--edition", edition, "--out", link, "--only", "data,html")
    assert result.exit_code == 1
    assert link.is_symlink() and os.readlink(link) == str(served)
    assert tree(served) == before
    assert hidden_beside(served) == [] and hidden_beside(link) == []


def test_an_error_leaves_no_folder_behind(edition: Path, tmp_path: Path) -> None:
    path = edition / "countries" / "XDU.yaml"
    path.write_text(path.read_text("utf-8").replace("status: cleared", "status: review"))
    result = run("build", "--edition", edition, "--out", tmp_path / "a" / "b" / "out")
    assert result.exit_code == 1
    assert not (tmp_path / "a").exists()


def test_the_internal_build_has_a_folder_of_its_own(
    edition: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    public = run("build", "--edition", edition, "--only", "data")
    internal = run("build", "--edition", edition, "--audience", "internal", "--only", "data")
    assert (public.output, internal.output) == (
        "wrote 10 files to build\n",
        "wrote 11 files to build-internal\n",
    )
    assert (tmp_path / "build-internal" / "data" / "audit.csv").is_file()
    assert not any("audit" in name for name in tree(tmp_path / "build"))
    assert (tmp_path / "build-internal" / MARKER).read_text() == marker_text("internal")
    # A public build is refused where the internal one is, and the other way round.
    result = run("build", "--edition", edition, "--out", "build-internal", "--only", "data")
    assert result.output == (
        "Error: refusing to replace build-internal: it holds the internal build; the public "
        "build goes into a folder of its own, such as build\n"
    )
    result = run("build", "--edition", edition, "--audience", "internal", "--out", "build/site/x")
    assert result.exit_code == 1
    assert "it is inside the public build in" in result.output
    assert not (tmp_path / "build" / "site" / "x").exists()


def test_staging_folders_a_killed_build_left_are_removed(edition: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run("build", "--edition", edition, "--out", out, "--only", "data").exit_code == 0
    for name in (".out.new-1a2b3c4d", ".out.old-99", ".other.new-5e6f"):
        (tmp_path / name / "data").mkdir(parents=True)
        (tmp_path / name / "data" / "audit.csv").write_text("internal notes\n")
        (tmp_path / name / MARKER).write_text(marker_text("internal"))
    (tmp_path / ".out.new-notours" / "data").mkdir(parents=True)  # no marker: not ours
    (tmp_path / ".out.old-empty").mkdir()
    result = run("build", "--edition", edition, "--out", out, "--only", "data")
    assert result.exit_code == 0, result.output
    assert hidden_beside(out) == [".other.new-5e6f", ".out.new-notours"]


def test_two_builds_into_one_folder_at_once(edition: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_THE_LOCK, str(out)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
        result = run("build", "--edition", edition, "--out", out, "--only", "data")
        assert result.exit_code == 1
        assert result.output == (
            f"Error: another build is writing {out} (pid {holder.pid}); wait for it to end\n"
        )
        assert not out.exists()
    finally:
        holder.kill()
        holder.wait()
    # Killed, it left its lock file: a stale lock is taken over, and removed after the build.
    assert (tmp_path / ".out.lock").read_text() == f"{holder.pid}\n"
    result = run("build", "--edition", edition, "--out", out, "--only", "data")
    assert result.exit_code == 0, result.output
    assert hidden_beside(out) == []


HOLD_THE_LOCK = """
import sys, time
from pathlib import Path
from tierreport.output import OutputLock
with OutputLock(Path(sys.argv[1]), Path(sys.argv[1])):
    print("locked", flush=True)
    time.sleep(120)
"""
