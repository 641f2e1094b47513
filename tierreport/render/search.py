"""Full-text search of the site: Pagefind indexes, bundled so that they work from the file system.

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

Pagefind cannot update an index, and indexing every page took most of a rebuild after one
edit. So the site is indexed in groups, each by its own Pagefind run (run side by side): the
country pages of one region, ten or so at a time (``search_groups``), and the other pages (the
first index, which also brings ``pagefind.js`` and the WebAssembly). The browser merges them
(Pagefind's ``mergeIndex``). Each group's index is kept in the build cache under a hash of the
exact bytes and paths of its pages and of Pagefind's version (``OUT/.cache/search.pickle``,
whose fingerprint covers tierreport's code): a rebuild runs Pagefind only for the groups whose
pages changed, and writes the same bytes as a build without a cache.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from tierreport.errors import BuildError
from tierreport.load.cache import Store, library_version

SEARCH_DATA = "search-data.js"
"""The bundled index, at the site's root."""

CACHE_FILE = "search.pickle"
"""The indexes of the groups of pages, in the build cache (``OUT/.cache``)."""

_OUTPUT = "_pagefind"
"""Where Pagefind writes inside the folder it indexes."""

_NOT_BUNDLED = (".css", "-ui.js", "-highlight.js", "-worker.js")
"""Pagefind's own interfaces and its web worker: the site's search.js replaces them."""

_SHARED = ("pagefind.js", "wasm.")
"""The search module and its WebAssembly: the same for every group, bundled once, with the
first index (the other indexes use the first one's)."""

_OPTIONS = (
    # Results link to countries/XAR.html and index.html, never to a bare folder, which a
    # browser does not open as index.html from the file system.
    "--keep-index-url", "--quiet",
)  # fmt: skip

_KEY_FORMAT = b"tierreport-search-1"

TIMEOUT_S = 300

IndexFiles = dict[str, bytes]
"""One group's index: its files (relative to the index's folder) and their bytes."""


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


def index_site(
    site: Path,
    groups: Sequence[Sequence[str]] = (),
    cache: Store[IndexFiles] | None = None,
) -> Path:
    """Index ``site`` with Pagefind and write its bundle ``search-data.js``; return that path.

    ``groups`` are pages (paths relative to ``site``) indexed apart from the rest; every other
    page of the site is in the first index. ``cache`` keeps each group's index from one build
    to the next. Raises ``BuildError`` when the binary is missing, fails, or writes no index.
    """
    indexing = Indexing(site, groups, cache)
    try:
        return indexing.finish()
    finally:
        indexing.close()


class Indexing:
    """``index_site`` begun: the Pagefind runs go on beside the caller until ``finish``.

    A build starts it once the site is written and writes its other outputs meanwhile; it must
    ``close`` it whatever happens (``close`` waits for the runs still going, ignoring them).
    """

    def __init__(
        self,
        site: Path,
        groups: Sequence[Sequence[str]] = (),
        cache: Store[IndexFiles] | None = None,
    ) -> None:
        executable = pagefind_executable()
        self.site = site
        grouped = {page for group in groups for page in group}
        rest = sorted(
            path.relative_to(site).as_posix()
            for path in site.rglob("*.html")
            if path.relative_to(site).as_posix() not in grouped
        )
        every = [tuple(rest), *(tuple(group) for group in groups if group)]
        version = _version(executable)
        self.keys = [_key(site, pages, version, first=n == 0) for n, pages in enumerate(every)]
        self.store: Store[IndexFiles] = cache if cache is not None else Store(None)
        self.indexes: list[IndexFiles | None] = [self.store.get(key) for key in self.keys]
        self.missing = [n for n, index in enumerate(self.indexes) if index is None]
        self.work: Path | None = None
        self.pool: ThreadPoolExecutor | None = None
        self.made: list[Future[IndexFiles]] = []
        if self.missing:
            self.work = Path(tempfile.mkdtemp(prefix=".search-", dir=site.parent))
            workers = max(1, min(len(self.missing), os.cpu_count() or 1))
            self.pool = ThreadPoolExecutor(workers)
            work = self.work
            self.made = [
                self.pool.submit(_index, executable, site, every[n], work / str(n), n == 0)
                for n in self.missing
            ]

    def finish(self) -> Path:
        """Wait for the runs, keep their indexes, write the bundle; return its path."""
        for n, made in zip(self.missing, self.made, strict=True):
            index = made.result()
            self.indexes[n] = index
            self.store.put(self.keys[n], index)
        target = self.site / SEARCH_DATA
        target.write_bytes(bundle([i for i in self.indexes if i is not None]).encode("utf-8"))
        return target

    def close(self) -> None:
        """Wait for any run still going and remove the runs' folder."""
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
        if self.work is not None:
            shutil.rmtree(self.work, ignore_errors=True)


def _version(executable: Path) -> str:
    """What names the Pagefind that runs: its package's version, the binary's size and time."""
    about = executable.stat()
    return (
        f"{library_version('pagefind_bin')}|{executable.name}|{about.st_size}|{about.st_mtime_ns}"
    )


def _key(site: Path, pages: Sequence[str], version: str, *, first: bool) -> str:
    """The hash of everything a group's index is made of: the pages' paths and bytes, the
    Pagefind that indexes them and how it is run."""
    digest = hashlib.sha256(_KEY_FORMAT)
    digest.update(f"|{version}|{' '.join(_OPTIONS)}|first={first}".encode())
    for page in pages:
        data = (site / page).read_bytes()
        digest.update(b"\0" + page.encode("utf-8") + b"\0" + str(len(data)).encode() + b"\0")
        digest.update(data)
    return digest.hexdigest()


def _index(
    executable: Path, site: Path, pages: Sequence[str], folder: Path, first: bool
) -> IndexFiles:
    """Run Pagefind on a folder holding only ``pages`` (linked at their places in ``site``)
    and return the index's files that the bundle holds."""
    for page in pages:
        target = folder / page
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(site / page, target)
        except OSError:
            shutil.copyfile(site / page, target)
    folder.mkdir(parents=True, exist_ok=True)
    output = folder / _OUTPUT
    command = [str(executable), "--site", str(folder), "--output-subdir", _OUTPUT, *_OPTIONS]
    # No PAGEFIND_* setting of the caller's and no pagefind.yml of the working directory may
    # change the index: the command runs in a folder of its own, with a plain environment.
    environ = {k: v for k, v in os.environ.items() if not k.upper().startswith("PAGEFIND")}
    try:
        done = subprocess.run(
            command,
            cwd=folder.parent,
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
    files: IndexFiles = {}
    for path in sorted(output.rglob("*")):
        name = path.relative_to(output).as_posix()
        if not path.is_file() or name.endswith(_NOT_BUNDLED):
            continue
        if first or not name.startswith(_SHARED):
            files[name] = path.read_bytes()
    return files


def bundle(indexes: Sequence[IndexFiles]) -> str:
    """The indexes as one classic script: their folders (``0/``, ``1/``, ..., the first one
    brings the search module) and a map of each file's path to its base64.

    Paths are sorted and the JSON has no spacing that could vary, so the same indexes give the
    same bytes.
    """
    folders = [f"{n}/" for n in range(len(indexes))]
    files = {
        folder + name: base64.b64encode(data).decode("ascii")
        for folder, index in zip(folders, indexes, strict=True)
        for name, data in index.items()
    }
    payload = json.dumps(
        {"files": files, "indexes": folders}, sort_keys=True, separators=(",", ":")
    )
    return (
        "// The site's search index, written by Pagefind at build time and bundled for search.js.\n"
        f"window.TIERREPORT_SEARCH = {payload};\n"
    )
