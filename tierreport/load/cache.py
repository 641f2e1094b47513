"""The build cache: results of pure steps, kept from one build to the next under ``OUT/.cache``.

A rebuild after editing one country should not parse 200 unchanged YAML files or render their
Markdown again. Each ``Store`` is one file holding a mapping from an input (a file's bytes, a
Markdown text) to what a pure step made of it. Two rules keep it correct:

- **Everything that shapes a result is in its key or in the fingerprint.** The fingerprint
  hashes tierreport's own files (code, templates, data) and the versions of Python and of every
  library a cached step uses, so upgrading or editing any of them starts every store afresh.
- **A cache can only make a build faster, never different or failed.** A store that is missing,
  unreadable, from another fingerprint or in any way odd is treated as empty; one that cannot
  be written is skipped. Tests compare cached builds with cold ones byte for byte.

Stores are pickles read by an unpickler that builds nothing but plain containers, strings,
numbers and dates: a tampered cache file cannot run code (``_PlainUnpickler``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import os
import pickle
import stat
import sys
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path
from typing import Any, Generic, TypeVar

V = TypeVar("V")

PACKAGE = Path(__file__).resolve().parent.parent
LIBRARIES = ("jinja2", "markdown-it-py", "markupsafe", "pydantic", "PyYAML", "ruamel.yaml")
"""Libraries whose behaviour a cached step depends on; their versions are in the fingerprint."""
_SUFFIXES = frozenset({".py", ".html", ".css", ".js", ".yaml", ".csv", ".json", ".svg"})
_FORMAT = b"tierreport-cache-1"
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_ALLOWED = frozenset({("datetime", "date"), ("datetime", "datetime"), ("datetime", "time")})


def library_version(name: str) -> str:
    """The installed version of the distribution ``name``, or "absent"."""
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "absent"


def _package_files(root: Path) -> Iterable[Path]:
    for path in sorted(root.rglob("*")):
        if path.suffix in _SUFFIXES and path.is_file() and "__pycache__" not in path.parts:
            yield path


@functools.cache
def fingerprint() -> str:
    """A hash of tierreport's files and of the Python and library versions it runs on."""
    digest = hashlib.sha256(_FORMAT)
    digest.update(sys.version.encode())
    for name in LIBRARIES:
        digest.update(f"|{name}={library_version(name)}".encode())
    for path in _package_files(PACKAGE):
        digest.update(b"\0" + path.relative_to(PACKAGE).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


class _PlainUnpickler(pickle.Unpickler):
    """Builds only what pickle writes without a class (dicts, lists, tuples, str, bytes,
    numbers, booleans, None) and the three ``datetime`` types; refuses any other class."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in _ALLOWED:
            return getattr(dt, name)
        raise pickle.UnpicklingError(f"the cache may not hold {module}.{name}")


class Store(Generic[V]):
    """One cache file: a mapping from keys to values, read once and written once.

    ``get`` and ``put`` work on the copy in memory; ``save`` writes only the entries this build
    asked for or added, so entries for text that no longer exists drop out.
    """

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._old: dict[Any, V] = self._read(path) if path is not None else {}
        self._used: dict[Any, V] = {}
        self._added = False

    @staticmethod
    def _read(path: Path) -> dict[Any, V]:
        try:
            # Only a regular file of our own: a named pipe would block the build, a link could
            # point anywhere; opened without blocking or following a link, checked once open.
            descriptor = os.open(path, os.O_RDONLY | _NONBLOCK | _NOFOLLOW)
            with os.fdopen(descriptor, "rb") as stream:
                if not stat.S_ISREG(os.fstat(descriptor).st_mode):
                    return {}
                stored = _PlainUnpickler(stream).load()
        except (OSError, EOFError, ValueError, TypeError, AttributeError, IndexError, KeyError,
                pickle.UnpicklingError, MemoryError, RecursionError):  # fmt: skip
            return {}  # missing, unreadable, damaged or not ours: start afresh
        if (
            not isinstance(stored, tuple)
            or len(stored) != 2
            or stored[0] != fingerprint()
            or not isinstance(stored[1], dict)
        ):
            return {}
        entries: dict[Any, V] = stored[1]
        return entries

    def get(self, key: Any) -> V | None:
        """The value kept for ``key``, or None."""
        value = self._used.get(key)
        if value is None:
            value = self._old.get(key)
            if value is not None:
                self._used[key] = value
        return value

    def put(self, key: Any, value: V) -> None:
        """Keep ``value`` for ``key``."""
        self._used[key] = value
        self._added = True

    def save(self) -> None:
        """Write the entries used by this build; a cache that cannot be written is skipped."""
        if self.path is None or (not self._added and self._used.keys() == self._old.keys()):
            return  # nothing new, nothing dropped: the file is already right
        partial = self.path.with_name(f"{self.path.name}.{os.getpid()}.partial")
        try:
            self.path.parent.mkdir(exist_ok=True)  # its own folder only, never the one above
            with partial.open("wb") as stream:
                pickle.dump((fingerprint(), self._used), stream, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(partial, self.path)
        except OSError:
            with contextlib.suppress(OSError):
                partial.unlink()
