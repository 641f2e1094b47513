"""A build cache kept as one file per entry, for what is kept per country.

``cache.Store`` is one file, read whole and written whole: right for the many small entries
of the Markdown and the page hashes, but a rebuild after one edit would read and rewrite every
country's check, placement and record to change one. ``Entries`` keeps each entry in a file of
its own, named by its key (a hash), so that a run reads only the entries it asks for, writes
only those it adds, and marks the others it still needs (``keep``) without reading them. The
rules of ``tierreport.load.cache`` hold: each file carries the fingerprint of tierreport's code
and libraries and is ignored under another; a missing, damaged or foreign file reads as absent;
files are read without following a link and only when regular, by the same unpickler (records
allowed when asked for); nothing is written until ``save``, which a run calls only once it has
succeeded, and which removes the entry files this run did not use, and no other file.

A cold build adds one entry of each kind per country, and pickling them is about a tenth of its
time: ``prepare`` pickles what was added so far, which a build calls while it waits for
Pagefind, and ``save`` writes the bytes (pickling what is left first).
"""

from __future__ import annotations

import contextlib
import pickle
import re
from pathlib import Path
from typing import Generic, TypeVar

from tierreport.load import cache
from tierreport.load.cache import load_pickle, write_bytes

V = TypeVar("V")

_ENTRY = re.compile(r"[0-9a-f]{64}\.pickle")
"""The name of an entry file: its key in hexadecimal. Only such files are ever removed."""


class Entries(Generic[V]):
    """A folder of cache entries, one file each, keyed by 32-byte hashes."""

    def __init__(self, folder: Path | None, *, records: bool = False) -> None:
        self.folder = folder
        self._records = records
        self._used: set[bytes] = set()
        self._added: dict[bytes, V] = {}
        self._pickled: dict[bytes, bytes] = {}

    def _path(self, key: bytes) -> Path | None:
        if self.folder is None or len(key) != 32:
            return None
        return self.folder / f"{key.hex()}.pickle"

    def get(self, key: bytes) -> V | None:
        """The value kept for ``key``, or None."""
        if key in self._added:
            return self._added[key]
        path = self._path(key)
        stored = None if path is None else load_pickle(path, self._records)
        if not isinstance(stored, tuple) or len(stored) != 2 or stored[0] != cache.fingerprint():
            return None
        self._used.add(key)
        value: V = stored[1]
        return value

    def keep(self, key: bytes) -> None:
        """Keep the entry of ``key``, if there is one, without reading it."""
        self._used.add(key)

    def put(self, key: bytes, value: V) -> None:
        """Keep ``value`` for ``key`` (written by ``save``); it must not change after."""
        self._added[key] = value
        self._pickled.pop(key, None)
        self._used.add(key)

    def prepare(self) -> None:
        """Pickle the entries added so far, for ``save`` to write."""
        if self.folder is None:
            return
        for key, value in self._added.items():
            if key not in self._pickled:
                try:
                    stored = (cache.fingerprint(), value)
                    self._pickled[key] = pickle.dumps(stored, protocol=pickle.HIGHEST_PROTOCOL)
                except (pickle.PicklingError, TypeError, AttributeError, RecursionError):
                    self._pickled[key] = b""  # cannot be kept: made again next time

    def save(self) -> None:
        """Write the entries added, and remove the entry files this run did not use; a cache
        that cannot be written is skipped."""
        if self.folder is None or self.folder.is_symlink() or self.folder.parent.is_symlink():
            return  # a link could lead anywhere: the cache writes and removes only in its own
        if self._added:
            try:  # the cache folder it sits in, and its own; never the folders above
                self.folder.parent.mkdir(exist_ok=True)
                self.folder.mkdir(exist_ok=True)
            except OSError:
                return
        self.prepare()
        for key, data in self._pickled.items():
            path = self._path(key)
            if path is not None and data:
                write_bytes(path, data)
        try:
            names = [entry.name for entry in self.folder.iterdir()]
        except OSError:
            return
        used = {f"{key.hex()}.pickle" for key in self._used}
        for name in names:
            if _ENTRY.fullmatch(name) and name not in used:
                with contextlib.suppress(OSError):
                    (self.folder / name).unlink()
