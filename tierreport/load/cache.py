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
import dataclasses
import datetime as dt
import functools
import hashlib
import io
import os
import pickle
import stat
import sys
from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction
from importlib import metadata
from pathlib import Path
from typing import Any, Generic, TypeVar

from markupsafe import Markup
from pydantic import BaseModel

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


_VALUES = {
    ("decimal", "Decimal"): Decimal,
    ("fractions", "Fraction"): Fraction,
    ("markupsafe", "Markup"): Markup,
}
"""Value types a record holds; each is rebuilt from its text alone (``Decimal("0.5")``)."""


RECORD_MODULES = (
    "tierreport.model.country",
    "tierreport.model.edition",
    "tierreport.model.fields",
    "tierreport.model.placement",
    "tierreport.model.sensitivity",
    "tierreport.render.charts",
    "tierreport.render.history",
    "tierreport.render.indicators",
    "tierreport.render.record",
)
"""The modules whose records a cache entry may hold: the models, and the parts of a country's
record. A class elsewhere in tierreport (a step of the path search, say) is refused."""


def is_record_class(found: object) -> bool:
    """Whether ``found`` is one of tierreport's records: a dataclass, a named tuple or a
    pydantic model of ``RECORD_MODULES``, which an unpickler fills in field by field and which
    runs no code of its own doing so (``tests/test_entries.py`` checks that none defines
    ``__new__``, ``__setstate__``, ``__init__`` or ``__post_init__`` of its own)."""
    return (
        isinstance(found, type)
        and found.__module__ in RECORD_MODULES
        and (
            dataclasses.is_dataclass(found)
            or issubclass(found, BaseModel)
            or (issubclass(found, tuple) and hasattr(found, "_fields"))
        )
    )


class _RecordUnpickler(_PlainUnpickler):
    """Builds plain values, dates, and tierreport's own records (``is_record_class``) with the
    decimals, fractions and HTML text they hold; refuses any other class, and a record class
    of a module not already imported (finding one never imports anything)."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in _VALUES:
            return _VALUES[module, name]
        loaded = sys.modules.get(module) if module in RECORD_MODULES else None
        found = getattr(loaded, name, None) if loaded is not None and "." not in name else None
        if is_record_class(found):
            return found
        return super().find_class(module, name)


def current(stored: object) -> Any:
    """The value of a ``(fingerprint, value)`` pair written by this code on these libraries
    (``fingerprint``), or None for anything else: another fingerprint, another shape, nothing."""
    if isinstance(stored, tuple) and len(stored) == 2 and stored[0] == fingerprint():
        return stored[1]
    return None


def load_pickle(path: Path, records: bool = False) -> Any:
    """What the cache file ``path`` holds, or None when it is missing, unreadable, damaged or
    holds a class it may not (``records``: as ``Store``)."""
    data = read_cache_file(path)
    return None if data is None else loads(data, records)


def read_cache_file(path: Path) -> bytes | None:
    """The bytes of the cache file ``path``, or None when it is missing or unreadable."""
    try:
        # Only a regular file of our own: a named pipe would block the build, a link could
        # point anywhere; opened without blocking or following a link, checked once open.
        descriptor = os.open(path, os.O_RDONLY | _NONBLOCK | _NOFOLLOW)
        with os.fdopen(descriptor, "rb") as stream:
            if not stat.S_ISREG(os.fstat(descriptor).st_mode):
                return None
            return stream.read()
    except OSError:
        return None


def loads(data: bytes, records: bool = False) -> Any:
    """What the pickle ``data`` holds, or None when it is damaged or holds a class it may not
    (``records``: as ``Store``)."""
    unpickler = _RecordUnpickler if records else _PlainUnpickler
    try:
        return unpickler(io.BytesIO(data)).load()
    except (EOFError, ValueError, TypeError, AttributeError, IndexError, KeyError,
            pickle.UnpicklingError, MemoryError, RecursionError):  # fmt: skip
        return None


def write_pickle(path: Path, value: Any) -> None:
    """Write ``value`` to the cache file ``path`` whole or not at all; skipped (no error) when
    it cannot be written. Only its own folder is made, never the one above."""
    write_bytes(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


def write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to the cache file ``path`` as ``write_pickle`` does."""
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    try:
        path.parent.mkdir(exist_ok=True)
        partial.write_bytes(data)
        os.replace(partial, path)
    except OSError:
        with contextlib.suppress(OSError):
            partial.unlink()


class Store(Generic[V]):
    """One cache file: a mapping from keys to values, read once and written once.

    ``get`` and ``put`` work on the copy in memory; ``save`` writes only the entries this build
    asked for or added, so entries for text that no longer exists drop out. It holds plain
    values and dates only (``load.entries`` may hold records too).
    """

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._old: dict[Any, V] = self._read(path) if path is not None else {}
        self._used: dict[Any, V] = {}
        self._added = False

    @staticmethod
    def _read(path: Path) -> dict[Any, V]:
        entries = current(load_pickle(path))
        if not isinstance(entries, dict):
            return {}  # missing, unreadable, damaged or not ours: start afresh
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
        write_pickle(self.path, (fingerprint(), self._used))
