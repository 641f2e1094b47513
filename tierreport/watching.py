"""Watching an edition: run again each time a file it is made of changes.

``tierreport build --watch`` and ``tierreport preview --watch`` stay running between saves, so
an edit pays for the build alone, not for starting Python and importing tierreport and its
libraries, which took as long again as a rebuild after one edit (README "Performance"). Both
poll the files' stamps: modification time, size and inode number (an editor that saves by
replacing the file changes the inode). Polling needs no library and works on every file
system; for an edition of 200 countries a look takes a few milliseconds.

A build's watch looks at exactly what a build reads: edition.yaml, the files it names (the
standards and the introduction, found again whenever edition.yaml changes) and every entry of
``countries/`` that a check reads or reports (``check.edition.country_files``). A file added to
or removed from ``countries/`` is a change too.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from time import sleep
from typing import TypeVar

from tierreport.check.edition import EDITION_FILE, country_files, named_files

POLL_SECONDS = 0.1
"""How often a build's watch looks at the edition's files."""

S = TypeVar("S")
Stamp = tuple[int, int, int] | None
"""A file's modification time in nanoseconds, size and inode number; None when it is absent."""


def poll(
    stamps: Callable[[], S],
    act: Callable[[S | None, S], None],
    *,
    iterations: int | None = None,
    interval: float,
) -> int:
    """Call ``act`` now, then again each time ``stamps()`` gives something else; ``act``
    receives the stamps of its previous call (None the first time) and the new ones.

    Looks every ``interval`` seconds; stops after ``iterations`` looks (None: until
    interrupted). The stamps are taken before ``act`` runs, so a file saved while it runs is
    seen at the next look. Returns how many times ``act`` was called.
    """
    seen: S | None = None
    acts = looks = 0
    while iterations is None or looks < iterations:
        now = stamps()
        if acts == 0 or now != seen:
            acts += 1
            act(seen, now)
            seen = now
        looks += 1
        if iterations is None or looks < iterations:
            sleep(interval)
    return acts


def file_stamps(paths: Iterable[Path]) -> tuple[Stamp, ...]:
    """The stamps of files named in advance."""
    return tuple(_stamp(path) for path in paths)


def _stamp(path: Path) -> Stamp:
    try:
        found = os.stat(path)
    except OSError:
        return None
    return (found.st_mtime_ns, found.st_size, found.st_ino)


class EditionFiles:
    """The stamps of the files a build of the edition at ``root`` reads (see the module)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._settings: Stamp = None
        self._named: list[Path] | None = None
        """The files edition.yaml named when its stamp was ``_settings`` (None: not read)."""

    def stamps(self) -> dict[str, Stamp]:
        """Each file's stamp, by its path relative to the edition."""
        stamp = _stamp(self.root / EDITION_FILE)
        if self._named is None or stamp != self._settings:  # it may name other files now
            self._settings, self._named = stamp, named_files(self.root)
        files, misnamed = country_files(self.root)
        found = {EDITION_FILE: stamp}
        for path in [*self._named, *files, *misnamed]:
            found[path.relative_to(self.root).as_posix()] = _stamp(path)
        return found


def changed(before: dict[str, Stamp], after: dict[str, Stamp]) -> list[str]:
    """The files added, removed or modified between two looks, sorted."""
    names = before.keys() | after.keys()
    return sorted(name for name in names if before.get(name) != after.get(name))


def watch_edition(
    root: Path,
    run: Callable[[list[str]], None],
    *,
    iterations: int | None = None,
    interval: float = POLL_SECONDS,
) -> int:
    """Call ``run`` now, then again each time a file a build of the edition at ``root`` reads
    changes (``EditionFiles``), with the files that changed since its previous call (none the
    first time); returns how many runs there were (see ``poll``).

    After each run, while waiting for the next change, the cycle collector goes over
    everything (the command line collects rarely, as suits a one-shot command): what a run
    leaves behind is freed before the next one adds to it.
    """

    def act(before: dict[str, Stamp] | None, now: dict[str, Stamp]) -> None:
        run([] if before is None else changed(before, now))
        gc.collect()

    files = EditionFiles(root)
    return poll(files.stamps, act, iterations=iterations, interval=interval)
