"""Where a build may write, and how it replaces its own previous output and nothing else.

A build writes a whole folder (``build/`` by default) and replaces it at the end, so the rules
that keep it from deleting what it did not write live here:

- the folder it writes carries a marker file, ``.tierreport-build``, naming the audience; a
  build replaces only an empty folder or one with the marker of its own audience, and refuses
  every other folder with a one-line error naming it;
- it never writes into the root of the file system, the home folder, the current folder, the
  edition or a folder above it, a folder the edition is read from (``countries/``, ``front/``,
  ``standards/`` ...), or a folder inside another build (internal output must never be where
  an upload of a public build would carry it);
- a symbolic link to the output folder (a deployment link) is written through: the staging
  folder goes beside the link's target, which is swapped, and the link stays;
- staging folders are named ``.OUT.new-*`` and ``.OUT.old-*`` beside the output, carry the
  marker, and those a killed build left behind are removed by the next build into the same
  folder;
- a lock file, ``.OUT.lock`` beside the output, keeps two builds from writing the same folder at
  once; the kernel drops the lock when its process dies, so a stale lock file is taken over;
- the new folder gets the previous folder's permissions, or those the umask gives a new folder.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import secrets
import shutil
import signal
import stat
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import FrameType, TracebackType
from typing import TYPE_CHECKING

from tierreport.errors import BuildError

if TYPE_CHECKING:
    from tierreport.render.context import Audience

MARKER = ".tierreport-build"
"""The file that says a folder was written by ``tierreport build``, and for which audience."""

_HEADER = "This folder is written by tierreport build, which replaces it at every build."
_MARKER_LIMIT = 4096
"""A marker is a few lines; anything larger is not one."""

EDITION_FOLDERS = ("countries", "front", "standards", "schema", ".tierreport-cache", ".git")
"""Folders of an edition that a build reads or that hold its history: never an output."""

DEFAULT_OUT: dict[Audience, str] = {"public": "build", "internal": "build-internal"}
"""Where each audience's build goes unless ``--out`` says otherwise."""

_STAGING = (".new-", ".old-")
"""The infixes of the staging folders beside an output: ``.OUT.new-*`` and ``.OUT.old-*``."""


def marker_text(audience: Audience) -> str:
    """The content of the marker file of a build for ``audience``."""
    return f"{_HEADER}\naudience: {audience}\n"


def marked(folder: Path) -> Audience | None:
    """The audience of the build in ``folder`` if it carries a marker, else None.

    Only a small regular file with the marker's first line counts: a symbolic link, a folder
    or a file of another content named like the marker does not.
    """
    path = folder / MARKER
    try:
        found = path.lstat()
        if not stat.S_ISREG(found.st_mode) or found.st_size > _MARKER_LIMIT:
            return None
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    if len(lines) < 2 or lines[0] != _HEADER:
        return None
    audience = lines[1].removeprefix("audience: ")
    if audience == "public":
        return "public"
    if audience == "internal":
        return "internal"
    return None


def _real(path: Path) -> Path:
    """``path`` made absolute with every symbolic link resolved, whether it exists or not."""
    return Path(os.path.realpath(path))


def _home() -> Path | None:
    try:
        return _real(Path.home())
    except (RuntimeError, KeyError):  # no HOME and no passwd entry: no home to protect
        return None


def _cwd() -> Path | None:
    try:
        return _real(Path.cwd())
    except OSError:  # the current folder was deleted
        return None


def _refuse(shown: Path, why: str) -> BuildError:
    return BuildError(f"refusing to write into {shown}: {why}")


def check_place(
    out: Path,
    edition: Path,
    audience: Audience,
    extra_inputs: Iterable[str] = (),
    suggestion: str | None = None,
) -> Path:
    """The real folder that writing into ``out`` would write, or a ``BuildError`` saying why not.

    Refuses the root of the file system, the home folder, the edition or a folder above it,
    a folder inside one the edition is read from (``EDITION_FOLDERS`` and ``extra_inputs``,
    relative to the edition), and a folder inside a build. Used by ``build`` and ``preview``;
    ``destination`` adds what matters only to a folder that is replaced as a whole.
    ``suggestion`` ends each message (default: a new folder such as the audience's default).
    """
    real = _real(out)
    root = _real(edition)
    suggestion = suggestion or f"choose a new folder such as {DEFAULT_OUT[audience]}"
    if real == Path(real.anchor):
        raise _refuse(out, f"it is the root of the file system; {suggestion}")
    if real == _home():
        raise _refuse(out, f"it is your home folder; {suggestion}")
    if real == root:
        raise _refuse(out, f"it is the edition's own folder; {suggestion}")
    if root.is_relative_to(real):
        raise _refuse(out, f"it holds the edition {edition}; {suggestion}")
    if real.is_relative_to(root):
        inputs = {Path(name).parts[0] for name in (*EDITION_FOLDERS, *extra_inputs) if name}
        first = real.relative_to(root).parts[0]
        if first in inputs:
            raise _refuse(
                out,
                f"it is inside the edition's {first}/ folder, which tierreport reads; {suggestion}",
            )
    for above in real.parents:
        found = marked(above)
        if found is not None:
            why = (
                "; internal output never goes where an upload of a public build carries it"
                if audience == "internal" and found == "public"
                else ""
            )
            raise _refuse(
                out, f"it is inside the {found} build in {above}{why}; choose a folder outside it"
            )
    return real


def destination(
    out: Path, edition: Path, audience: Audience, extra_inputs: Iterable[str] = ()
) -> Path:
    """The real folder a build into ``out`` replaces, or a ``BuildError`` saying why it may not.

    On top of ``check_place``: not the current folder (a build replaces its output as a whole),
    not a file, and, when the folder exists and is not empty, only one that carries the marker
    of a build of the same audience.
    """
    real = check_place(out, edition, audience, extra_inputs)
    if real == _cwd():
        raise _refuse(
            out,
            "it is the current folder, which a build replaces as a whole; choose a folder "
            f"inside it such as {DEFAULT_OUT[audience]}",
        )
    if real.exists() and not real.is_dir():
        raise _refuse(out, "it is a file, not a folder")
    if not real.is_dir():
        return real
    found = marked(real)
    if found is None:
        try:
            empty = not any(real.iterdir())
        except OSError as exc:
            raise BuildError(f"cannot read {out}: {exc.strerror or exc}") from exc
        if not empty:
            raise BuildError(
                f"refusing to replace {out}: it is not empty and was not written by tierreport "
                f"build (it has no {MARKER} file); choose a new or empty folder, or remove it "
                "yourself"
            )
    elif found != audience:
        raise BuildError(
            f"refusing to replace {out}: it holds the {found} build; the {audience} build goes "
            f"into a folder of its own, such as {DEFAULT_OUT[audience]}"
        )
    return real


def preview_place(out: Path, edition: Path, audience: Audience) -> Path:
    """The real folder a preview into ``out`` writes, or a ``BuildError`` saying why not.

    A preview adds its files to a folder rather than replacing it, so only ``check_place``'s
    rules apply, and the folder must not be a build itself (the build would keep the files).
    """
    real = check_place(out, edition, audience, suggestion="choose another folder, or no --out")
    found = marked(real)
    if found is not None:
        raise _refuse(out, f"it holds the {found} build; a preview goes into a folder of its own")
    return real


def make_parents(folder: Path) -> list[Path]:
    """Create the missing folders above ``folder``; return those created, the topmost first."""
    missing = [p for p in reversed(folder.parents) if not p.exists()]
    try:
        for path in missing:
            path.mkdir()
    except OSError as exc:
        remove_empty(missing)
        raise BuildError(f"cannot create {path}: {exc.strerror or exc}") from exc
    return missing


def remove_empty(created: list[Path]) -> None:
    """Remove the folders of ``created`` (topmost first) that are still empty, deepest first."""
    for path in reversed(created):
        with contextlib.suppress(OSError):
            path.rmdir()


class OutputLock:
    """Held while a build writes ``dest``: a second build into it stops with a clear error.

    The lock is an ``flock`` on ``.OUT.lock`` beside the output, so the kernel releases it when
    its process ends however it ends; the file holds the holder's process id for the message.
    """

    def __init__(self, dest: Path, shown: Path) -> None:
        self.path = dest.with_name(f".{dest.name}.lock")
        self.shown = shown
        self.fd: int | None = None

    def __enter__(self) -> OutputLock:
        while self.fd is None:
            try:
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW)
            except OSError as exc:
                raise BuildError(
                    f"cannot write into {self.path.parent}: {exc.strerror or exc}"
                ) from exc
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
                os.close(fd)
                pid = holder if holder.isdigit() else "unknown"
                raise BuildError(
                    f"another build is writing {self.shown} (pid {pid}); wait for it to end"
                ) from None
            # The previous holder removes the file when it is done: a lock on the file it
            # removed would lock nothing, so lock again until the lock is on the file in place.
            try:
                same = os.path.samestat(os.fstat(fd), self.path.lstat())
            except FileNotFoundError:
                same = False
            if not same:
                os.close(fd)
                continue
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
            self.fd = fd
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self.fd is not None:
            with contextlib.suppress(OSError):
                self.path.unlink()
            os.close(self.fd)
            self.fd = None


def _is_staging(entry: Path, dest: Path) -> bool:
    return any(entry.name.startswith(f".{dest.name}{infix}") for infix in _STAGING)


def clean_stale(dest: Path) -> list[Path]:
    """Remove the staging folders a killed build into ``dest`` left beside it; return them.

    Only folders named like staging folders of ``dest`` that carry the marker (or are empty)
    are removed: whatever else is there is not ours. Called with the lock held, so no build in
    progress owns them.
    """
    removed: list[Path] = []
    try:
        entries = sorted(dest.parent.iterdir())
    except OSError:
        return removed
    for entry in entries:
        if not _is_staging(entry, dest) or entry.is_symlink() or not entry.is_dir():
            continue
        if marked(entry) is not None:
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry)
        else:
            with contextlib.suppress(OSError):
                entry.rmdir()  # an empty folder (an empty output swapped away) holds nothing
                removed.append(entry)
    return removed


def make_staging(dest: Path, audience: Audience) -> Path:
    """A new, marked staging folder beside ``dest``, with the mode ``dest`` has or would get.

    Made with ``mkdir`` rather than ``mkdtemp``, whose private mode (700) would end up as the
    output folder's: a new output gets the umask's mode, an existing one keeps its own.
    """
    for _attempt in range(100):
        staged = dest.with_name(f".{dest.name}.new-{secrets.token_hex(4)}")
        try:
            staged.mkdir(mode=0o777)
        except FileExistsError:
            continue
        break
    else:
        raise BuildError(f"cannot create a staging folder beside {dest}")
    try:
        if dest.is_dir():
            staged.chmod(stat.S_IMODE(dest.stat().st_mode))
        (staged / MARKER).write_text(marker_text(audience), encoding="utf-8")
    except BaseException:
        shutil.rmtree(staged, ignore_errors=True)
        raise
    return staged


_STOPPING = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold termination signals back while the block runs; they arrive when it ends.

    The swap is two renames: a signal between them would leave no output at all.
    """
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPPING)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def swap(staged: Path, dest: Path) -> None:
    """Put ``staged`` where ``dest`` is: two renames, the old tree removed only after."""
    old = None
    with _signals_held():
        if dest.exists():
            old = dest.with_name(f".{dest.name}.old-{secrets.token_hex(4)}")
            dest.rename(old)
        try:
            staged.rename(dest)
        except BaseException:
            if old is not None:
                old.rename(dest)  # put the previous output back
            raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)  # a leftover is removed by the next build


def carry_over(dest: Path, staged: Path, merged: Iterable[str] = ()) -> tuple[str, ...]:
    """Put into ``staged`` every entry of ``dest`` that this build did not write; return the
    files of the publication kept (relative, hidden ones left out).

    ``--only html`` keeps the previous PDF and data this way, and whatever else a deployer put
    in the folder (a ``.git``, a ``CNAME``) stays too. Entries are hard-linked, so the previous
    tree is whole until the swap and whole again if the swap fails. A folder named in
    ``merged`` (the build cache) that this build also wrote gets the entries it lacks.
    """
    kept: list[str] = []
    for entry in sorted(dest.iterdir()):
        target = staged / entry.name
        if entry.name in merged and target.is_dir() and not target.is_symlink():
            carry_over(entry, target)
            continue
        if entry.name == MARKER or os.path.lexists(target):
            continue
        link_tree(entry, target)
        if not entry.name.startswith("."):
            kept += _files(target, staged)
    return tuple(sorted(kept))


def _files(path: Path, base: Path) -> list[str]:
    """The regular files at or under ``path``, relative to ``base``, hidden ones left out."""
    found = [path] if not path.is_dir() or path.is_symlink() else sorted(path.rglob("*"))
    names = [p.relative_to(base).as_posix() for p in found if p.is_file() and not p.is_symlink()]
    return [n for n in names if not n.startswith(".") and "/." not in n]


def link_tree(source: Path, target: Path) -> None:
    """Recreate ``source`` at ``target``: folders made anew, everything else hard-linked.

    Sharing files is safe because no build writes into an existing file: each is written anew
    and moved into place, and the previous tree is only ever removed.

    Symbolic links are kept as links (never followed: a link to ``/`` copies nothing), FIFOs
    are never opened. A file system without hard links gets copies.
    """
    found = source.lstat()
    if stat.S_ISDIR(found.st_mode):
        target.mkdir()
        for child in sorted(source.iterdir()):
            link_tree(child, target / child.name)
        target.chmod(stat.S_IMODE(found.st_mode))
        return
    try:
        os.link(source, target, follow_symlinks=False)
        return
    except OSError:
        pass
    if stat.S_ISLNK(found.st_mode):
        os.symlink(os.readlink(source), target)
    elif stat.S_ISREG(found.st_mode):
        shutil.copy2(source, target)
    elif stat.S_ISFIFO(found.st_mode):
        os.mkfifo(target, stat.S_IMODE(found.st_mode))
    else:
        raise BuildError(f"cannot keep {source}: a device or socket cannot be copied; remove it")


@contextlib.contextmanager
def exit_on_termination() -> Iterator[None]:
    """Within the block, SIGTERM and SIGHUP end the program the way an error does.

    By default they end the process at once, leaving the staging folder, the lock file and the
    draft PDF's worker processes behind; raised as ``SystemExit`` (status 128 + the signal),
    every ``finally`` on the way out runs. Only the main thread may set handlers.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: FrameType | None) -> None:
        raise SystemExit(128 + signum)

    previous = {number: signal.signal(number, stop) for number in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
