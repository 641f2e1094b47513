"""The templates compiled when tierreport is installed, so that no build compiles them again.

Jinja compiles every template the first time a process renders it: about a third of a second
for the site's templates, on every build and every preview. A compiled template is Python
code, so it is never kept in a build's cache (a folder handed over with its output could carry
code); it is made by the installation instead (``make`` runs ``python -m
tierreport.render.compiled`` after installing), and kept beside the installed packages, in
``<sys.prefix>/share/tierreport/compiled-templates/``, as trusted as they are.

A manifest holds the hash of every template's source, of the modules that set the
environment's options (this one and ``environment.py``) and Jinja's version. Templates are read
compiled only when all of these are still the same; otherwise (a template edited since, another
Jinja, no compiled templates at all) they are compiled from source as before. Either way they
render the same bytes (``tests/test_compiled_templates.py``).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
import tempfile
from pathlib import Path

from jinja2 import BaseLoader, Environment, ModuleLoader

from tierreport.load.cache import library_version

TARGET = Path(sys.prefix) / "share" / "tierreport" / "compiled-templates"
"""Where the installation keeps the compiled templates."""

MANIFEST = "manifest.json"

_SETTINGS = (Path(__file__).parent / "environment.py", Path(__file__))
"""The modules whose code decides how a template compiles (the environment's options)."""


def manifest(templates: Path, names: list[str]) -> dict[str, object]:
    """What the compiled templates were made from: sources, settings and Jinja's version."""

    def digest(path: Path) -> str:
        return hashlib.sha256(path.read_bytes()).hexdigest()

    return {
        "jinja": library_version("jinja2"),
        "settings": [digest(path) for path in _SETTINGS],
        "templates": {name: digest(templates / name) for name in sorted(names)},
    }


def compile_all(env: Environment, templates: Path, target: Path | None = None) -> int:
    """Compile every template of ``env`` (loaded from ``templates``) into ``target``.

    The folder is replaced whole, by renames, so a build reading it meanwhile finds the old set,
    the new one or none (and then compiles from source), never half of one; returns how many
    templates were compiled.
    """
    target = TARGET if target is None else target
    names = env.list_templates()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".compiled-", dir=target.parent))
    retired = staging.with_name(staging.name + "-old")
    try:
        env.compile_templates(staging, zip=None, ignore_errors=False)
        (staging / MANIFEST).write_text(json.dumps(manifest(templates, names), sort_keys=True))
        if target.exists():
            target.rename(retired)
        staging.rename(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        shutil.rmtree(retired, ignore_errors=True)
    return len(names)


def compiled_loader(templates: Path, target: Path | None = None) -> BaseLoader | None:
    """A loader of the compiled templates if they are those of ``templates`` today, else None."""
    target = TARGET if target is None else target
    try:
        made = json.loads((target / MANIFEST).read_text(encoding="utf-8"))
        names = list(made["templates"])
        current = manifest(templates, names)
    except (OSError, ValueError, KeyError, TypeError):
        return None
    listed = {p.relative_to(templates).as_posix() for p in templates.rglob("*") if p.is_file()}
    if made != current or set(names) != listed:
        return None
    return ModuleLoader(target)


def main() -> None:
    """Compile the package's templates for this installation (run by ``make``)."""
    from tierreport.render.environment import TEMPLATES_DIR, environment

    count = compile_all(environment(TEMPLATES_DIR, compiled=False), TEMPLATES_DIR)
    print(f"compiled {count} templates into {TARGET}")


if __name__ == "__main__":
    main()
