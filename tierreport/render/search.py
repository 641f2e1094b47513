"""Full-text search of the site: a Pagefind index, bundled so that it works from the file system.

Pagefind (the PyPI package ``pagefind[bin]``) indexes the written site: the text of every page's
``<main data-pagefind-body>``, nothing of the header, navigation or footer. Its own search page
loads the index with ``fetch`` and ``import()``, which Chromium refuses to pages opened from
``file://``. So the index is not left as Pagefind writes it: its files (the search module
``pagefind.js``, the WebAssembly, the index and fragment chunks) are read back and bundled, base64,
into one classic script, ``search-data.js``. The site's ``search.js`` loads that script when the
reader first uses the search box, answers Pagefind's requests from it (it stands in for
``fetch`` for one made-up path only), and imports ``pagefind.js`` from a ``blob:`` URL, which
``file://`` pages may do. Each audience's site is indexed on its own, so the public index holds
only public pages.
"""

from __future__ import annotations

import base64
import importlib.util
import json
import os
import shutil
import subprocess
from pathlib import Path

from tierreport.errors import BuildError

SEARCH_DATA = "search-data.js"
"""The bundled index, at the site's root."""

_OUTPUT = "_pagefind"
"""Where Pagefind writes inside the site; removed once bundled."""

_NOT_BUNDLED = (".css", "-ui.js", "-highlight.js", "-worker.js")
"""Pagefind's own interfaces and its web worker: the site's search.js replaces them."""

TIMEOUT_S = 300


def pagefind_executable() -> Path:
    """The Pagefind binary that the ``pagefind_bin`` package (``pagefind[bin]``) installs."""
    spec = importlib.util.find_spec("pagefind_bin")
    folder = None if spec is None or spec.origin is None else Path(spec.origin).parent
    for name in ("pagefind_extended", "pagefind"):
        if folder is not None and (folder / name).is_file():
            return folder / name
    raise BuildError(
        "cannot build the site's search index: the Pagefind binary is not installed; install "
        "tierreport's dependencies again (pip install 'pagefind[bin]'), or build without the "
        "site (--only pdf,data)"
    )


def index_site(site: Path) -> Path:
    """Index ``site`` with Pagefind and write its bundle ``search-data.js``; return that path.

    Raises ``BuildError`` when the binary is missing, fails, or writes no index.
    """
    executable = pagefind_executable()
    output = site / _OUTPUT
    command = [
        str(executable), "--site", str(site), "--output-subdir", _OUTPUT,
        # Results link to countries/XAR.html and index.html, never to a bare folder, which a
        # browser does not open as index.html from the file system.
        "--keep-index-url", "--quiet",
    ]  # fmt: skip
    # No PAGEFIND_* setting of the caller's and no pagefind.yml of the working directory may
    # change the index: the command runs beside the site, with a plain environment.
    environ = {k: v for k, v in os.environ.items() if not k.upper().startswith("PAGEFIND")}
    try:
        done = subprocess.run(
            command,
            cwd=site.parent,
            env=environ,
            capture_output=True,
            text=True,
            timeout=TIMEOUT_S,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise BuildError(
            f"cannot build the site's search index: Pagefind did not run: {exc}"
        ) from exc
    if done.returncode != 0 or not (output / "pagefind-entry.json").is_file():
        said = (done.stderr.strip() or done.stdout.strip()).splitlines()
        detail = said[-1] if said else "no message"
        raise BuildError(
            f"cannot build the site's search index: Pagefind exited with status "
            f"{done.returncode} ({detail})"
        )
    target = site / SEARCH_DATA
    target.write_bytes(bundle(output).encode("utf-8"))
    shutil.rmtree(output)
    return target


def bundle(output: Path) -> str:
    """Pagefind's files under ``output`` as one classic script: a map of path to base64.

    Paths are sorted and the JSON has no spacing that could vary, so the same index gives the
    same bytes.
    """
    files = {
        path.relative_to(output).as_posix(): base64.b64encode(path.read_bytes()).decode("ascii")
        for path in sorted(output.rglob("*"))
        if path.is_file() and not path.name.endswith(_NOT_BUNDLED)
    }
    payload = json.dumps(files, sort_keys=True, separators=(",", ":"))
    return (
        "// The site's search index, written by Pagefind at build time and bundled for search.js.\n"
        f"window.TIERREPORT_SEARCH = {payload};\n"
    )
