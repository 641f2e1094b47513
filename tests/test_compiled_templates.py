"""Templates compiled at installation (render/compiled.py): the same bytes, never stale."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from jinja2 import FileSystemLoader, ModuleLoader

from tests.conftest import REPO
from tierreport.check.edition import check_edition
from tierreport.render import compiled
from tierreport.render.context import build_context
from tierreport.render.environment import TEMPLATES_DIR, environment
from tierreport.render.site import write_site


@pytest.fixture
def installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The package's templates compiled into a folder of this test, as `make` compiles them."""
    target = tmp_path / "compiled-templates"
    monkeypatch.setattr(compiled, "TARGET", target)
    environment.cache_clear()
    compiled.compile_all(environment(TEMPLATES_DIR, compiled=False), TEMPLATES_DIR)
    yield target
    environment.cache_clear()


def test_compiled_templates_render_the_site_byte_for_byte(installed: Path, tmp_path: Path) -> None:
    result = check_edition(REPO)
    context = build_context(result.edition, result.placements)
    assert isinstance(environment().loader, ModuleLoader)
    from_compiled = write_site(context, tmp_path / "compiled")
    environment.cache_clear()
    assert isinstance(environment(compiled=False).loader, FileSystemLoader)
    from_source = write_site(context, tmp_path / "source")
    assert len(from_compiled) == len(from_source) > 30
    for one, other in zip(from_compiled, from_source, strict=True):
        assert one.relative_to(tmp_path / "compiled") == other.relative_to(tmp_path / "source")
        assert one.read_bytes() == other.read_bytes(), one.name


def copy_templates(tmp_path: Path) -> Path:
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES_DIR, templates)
    return templates


def test_an_edited_added_or_other_jinjas_template_is_compiled_from_source(tmp_path: Path) -> None:
    templates = copy_templates(tmp_path)
    target = tmp_path / "compiled"
    compiled.compile_all(environment(templates, compiled=False), templates, target)
    assert isinstance(compiled.compiled_loader(templates, target), ModuleLoader)
    # A template edited after the installation compiled it.
    page = templates / "country.html"
    page.write_text(page.read_text("utf-8") + "<!-- edited -->\n", "utf-8")
    assert compiled.compiled_loader(templates, target) is None
    compiled.compile_all(environment(templates, compiled=False), templates, target)
    assert isinstance(compiled.compiled_loader(templates, target), ModuleLoader)
    # A template added since.
    (templates / "new.html").write_text("<p>new</p>\n", "utf-8")
    assert compiled.compiled_loader(templates, target) is None
    (templates / "new.html").unlink()
    # Another Jinja compiled them, or the manifest is damaged or gone.
    made = json.loads((target / compiled.MANIFEST).read_text("utf-8"))
    (target / compiled.MANIFEST).write_text(json.dumps({**made, "jinja": "2.0"}), "utf-8")
    assert compiled.compiled_loader(templates, target) is None
    (target / compiled.MANIFEST).write_text("{not json", "utf-8")
    assert compiled.compiled_loader(templates, target) is None
    (target / compiled.MANIFEST).unlink()
    assert compiled.compiled_loader(templates, target) is None


def test_without_compiled_templates_the_environment_reads_the_sources(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(compiled, "TARGET", tmp_path / "none")
    environment.cache_clear()
    try:
        assert isinstance(environment().loader, FileSystemLoader)
    finally:
        environment.cache_clear()
