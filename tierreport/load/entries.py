"""A build cache for what is kept per country: a pack of every entry, and the few added since.

``cache.Store`` is one file, read whole and written whole: right for the many small entries of
the Markdown and the page hashes, but a rebuild after one edit would unpickle and pickle again
every country's check, placement and record to change one. ``Entries`` keeps each entry
pickled on its own, so that a run unpickles only the entries it asks for, and holds them in a
folder as:

- ``pack.pickle``: the entries of the run that last packed them, each one's bytes under its
  key (a 32-byte hash), read in one go and unpickled entry by entry when asked for;
- one loose file per entry added since, named by its key in hexadecimal.

A run that adds few entries writes them as loose files (a rebuild after one edit: one file per
kind); one that adds or no longer uses many writes a new pack of every entry it used, and
removes the loose files (a cold run: one file per kind, where a file per entry took a tenth of
a second to create for 200 countries). Entries a run did not use are dropped: loose ones at
once, packed ones at the next pack. Nothing is written until ``save``, which a run calls only
once it has succeeded; ``prepare`` pickles what was added so far, which a build calls while it
waits for Pagefind.

The rules of ``tierreport.load.cache`` hold: every entry carries the fingerprint of
tierreport's code and libraries and is ignored under another; a missing, damaged or foreign
file reads as absent; files are read without following a link and only when regular, by the
same restricted unpickler (records allowed when asked for); a run removes only files named
as its own (``pack.pickle`` and the entries' names) in its own folder, and writes and removes
nothing in a folder that is a link.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import re
from collections.abc import Callable
from pathlib import Path
from typing import Generic, TypeVar

from tierreport.load import cache
from tierreport.load.cache import current, loads, read_cache_file, write_bytes, write_pickle

V = TypeVar("V")

PACK = "pack.pickle"
_ENTRY = re.compile(r"[0-9a-f]{64}\.pickle")
"""The name of a loose entry: its key in hexadecimal."""
_REPACK_SHARE = 4
"""A run packs again when what it adds and no longer uses is over a quarter of what it uses."""


class Entries(Generic[V]):
    """A folder of cache entries keyed by 32-byte hashes (see the module's docstring)."""

    def __init__(self, folder: Path | None, *, records: bool = False) -> None:
        self.folder = folder
        self._records = records
        self._pack: dict[bytes, bytes] | None = None
        self._loose: set[bytes] = set()
        self._used: set[bytes] = set()
        self._added: dict[bytes, V] = {}
        self._pickled: dict[bytes, bytes] = {}

    def _found(self) -> dict[bytes, bytes]:
        """The pack's entries, read at the first need, and the loose entries' keys."""
        if self._pack is not None:
            return self._pack
        self._pack = {}
        if self.folder is None:
            return self._pack
        packed = current(loads(read_cache_file(self.folder / PACK) or b""))
        if isinstance(packed, dict) and all(
            isinstance(k, bytes) and isinstance(v, bytes) for k, v in packed.items()
        ):
            self._pack = packed
        with contextlib.suppress(OSError):
            names = os.listdir(self.folder)
            self._loose = {bytes.fromhex(n[:64]) for n in names if _ENTRY.fullmatch(n)}
        return self._pack

    def _bytes(self, key: bytes) -> bytes | None:
        """The pickled entry of ``key``, loose or packed (a loose one is newer)."""
        packed = self._found()
        if key in self._loose and self.folder is not None:
            loose = read_cache_file(self.folder / f"{key.hex()}.pickle")
            if loose is not None:
                return loose
        return packed.get(key)

    def stored(self) -> set[bytes]:
        """The keys of every entry kept, packed or loose (whatever their fingerprint)."""
        return self._found().keys() | self._loose

    def get(self, key: bytes) -> V | None:
        """The value kept for ``key``, or None."""
        if key in self._added:
            return self._added[key]
        data = self._bytes(key)
        value: V | None = None if data is None else current(loads(data, self._records))
        if value is not None:
            self._used.add(key)
        return value

    def made(self, key: bytes, kind: type[V], make: Callable[[], V]) -> V:
        """The ``kind`` kept for ``key``, or else ``make()``, kept for ``key`` (written by
        ``save``). An entry of another kind (a tampered file) is made again; an empty key
        keeps nothing."""
        found = self.get(key) if key else None
        if isinstance(found, kind):
            return found
        value = make()
        if key:
            self.put(key, value)
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
        """Write the entries added, as loose files or in a new pack; drop those not used. A
        cache that cannot be written is skipped."""
        folder = self.folder
        if folder is None or folder.is_symlink() or folder.parent.is_symlink():
            return  # a link could lead anywhere: the cache writes and removes only in its own
        self.prepare()
        packed = self._found()
        added = {key: data for key, data in self._pickled.items() if data}
        unused = (packed.keys() | self._loose) - self._used
        if not added and not (self._loose & unused):
            return  # nothing new, and nothing loose to drop: the folder is already right
        try:  # the cache folder it sits in, and its own; never the folders above
            folder.parent.mkdir(exist_ok=True)
            folder.mkdir(exist_ok=True)
        except OSError:
            return
        if not packed or len(added) + len(unused) > len(self._used) // _REPACK_SHARE:
            self._repack(added)
        else:
            for key, data in added.items():
                write_bytes(folder / f"{key.hex()}.pickle", data)
            self._remove(self._loose & unused)

    def _repack(self, added: dict[bytes, bytes]) -> None:
        """Write one pack of every entry this run used, and remove the loose ones."""
        assert self.folder is not None
        entries = {}
        for key in sorted(self._used):
            data = added.get(key) or self._bytes(key)
            if data:
                entries[key] = data
        write_pickle(self.folder / PACK, (cache.fingerprint(), entries))
        self._remove(self._loose)

    def _remove(self, keys: set[bytes]) -> None:
        assert self.folder is not None
        for key in keys:
            with contextlib.suppress(OSError):
                (self.folder / f"{key.hex()}.pickle").unlink()
