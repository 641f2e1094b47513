"""The patch registry: one gate for every patch, one note when they are off, same bytes."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pydyf  # type: ignore[import-untyped]
import pytest
import weasyprint
from weasyprint.css import StyleFor

from tests.conftest import REPO, copy_edition
from tierreport.build import build
from tierreport.render.pdf import patches, writer
from tierreport.render.pdf.patches import PATCHES, VERIFIED, applied, inactive_note, mismatches

NEWER = {"weasyprint": "71.0", "pydyf": "0.13.0"}


def test_the_installed_libraries_are_the_verified_ones() -> None:
    """After an upgrade: read the patched code again, compare the bytes, then move the pins."""
    assert mismatches() == ()
    assert (weasyprint.__version__, pydyf.__version__) == (
        VERIFIED["weasyprint"],
        VERIFIED["pydyf"],
    )
    assert inactive_note() is None


def test_every_patch_names_its_target_saving_and_upstream_change() -> None:
    assert len({patch.name for patch in PATCHES}) == len(PATCHES) == 9
    for patch in PATCHES:
        assert patch.target and patch.saves and patch.upstream, patch.name


def test_another_version_turns_every_patch_off_and_says_so(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert inactive_note(NEWER.__getitem__) == (
        "WeasyPrint 71.0 is not the verified 70.0; rendering without the memory savings"
    )
    assert mismatches(lambda name: "absent", python="3.11") == (
        "WeasyPrint absent is not the verified 70.0",
        "pydyf absent is not the verified 0.13.0",
    )
    assert mismatches(VERIFIED.__getitem__, python="3.14") == (
        "Python 3.14 is not a verified 3.11, 3.12, 3.13",
    )
    monkeypatch.setattr(patches, "installed", NEWER.__getitem__)
    monkeypatch.setattr(patches, "mismatches", lambda: ("WeasyPrint 71.0 is not 70.0",))
    original = (StyleFor.__dict__["set_computed_styles"], pydyf.PDF.__dict__["page_references"])
    thresholds = gc.get_threshold()
    with applied() as active:
        assert active is False
        assert StyleFor.__dict__["set_computed_styles"] is original[0]
        assert pydyf.PDF.__dict__["page_references"] is original[1]
        assert gc.get_threshold() == thresholds


def test_applied_false_renders_as_plain_weasyprint() -> None:
    original = StyleFor.__dict__["set_computed_styles"]
    with applied(enabled=False) as active:
        assert active is False
        assert StyleFor.__dict__["set_computed_styles"] is original


def test_the_build_prints_one_note_when_the_patches_are_off(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from click.testing import CliRunner

    from tierreport.cli.commands import cli

    minimal = copy_edition("minimal", tmp_path / "minimal")  # a build writes a cache into it
    monkeypatch.setattr(patches, "installed", NEWER.__getitem__)
    runner = CliRunner()
    out = str(tmp_path / "out")
    data = runner.invoke(
        cli, ["build", "--edition", str(minimal), "--out", out, "--only", "data", "--draft"]
    )
    assert data.exit_code == 0, data.output
    assert "note:" not in data.output  # no PDF, nothing to say
    result = runner.invoke(
        cli, ["build", "--edition", str(minimal), "--out", out, "--only", "pdf", "--draft"]
    )
    assert result.exit_code == 0, result.output
    notes = [line for line in result.output.splitlines() if line.startswith("note:")]
    assert notes == [
        "note: WeasyPrint 71.0 is not the verified 70.0; rendering without the memory savings"
    ]


@contextmanager
def _recording_pid(monkeypatch: pytest.MonkeyPatch, log: Path) -> Iterator[None]:
    """Make ``patches.applied`` write the id of the process that enters it into ``log``."""
    original = patches.applied

    @contextmanager
    def spy(enabled: bool = True) -> Iterator[bool]:
        log.write_text(str(os.getpid()), encoding="utf-8")
        with original(enabled) as active:
            yield active

    monkeypatch.setattr(patches, "applied", spy)
    yield


def test_the_publication_pdf_renders_in_a_worker_process(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    log = tmp_path / "pid"
    thresholds = gc.get_threshold()
    html = "<!doctype html><html lang='en'><title>t</title><p>One page.</p></html>"
    with _recording_pid(monkeypatch, log):
        result = writer.html_to_pdf(html, tmp_path / "one.pdf", base=tmp_path, roots=[tmp_path])
    assert result.pages == 1
    assert int(log.read_text(encoding="utf-8")) != os.getpid()
    assert gc.get_threshold() == thresholds
    assert gc.get_freeze_count() == 0


@pytest.mark.slow
def test_the_example_report_has_the_same_bytes_with_and_without_the_patches(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The whole example edition's publication PDF, not only small hand-made documents."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1781481600")
    with_patches = build(REPO, tmp_path / "with", only=("pdf",))
    plain = writer.html_to_pdf
    monkeypatch.setattr(
        writer,
        "html_to_pdf",
        lambda *args, **kwargs: plain(*args, **{**kwargs, "patched": False}),
    )
    without = build(REPO, tmp_path / "without", only=("pdf",))
    (name,) = [f for f in with_patches.files if f.endswith(".pdf")]
    first = (with_patches.directory / name).read_bytes()
    second = (without.directory / name).read_bytes()
    assert len(first) > 100_000
    assert first == second
