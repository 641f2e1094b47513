"""Reading one file of the edition: only inside the edition, only a regular file, only so much.

Every file tierreport reads from an edition (edition.yaml, the standards, the country files, the
introduction) comes through ``read_inside``. It resolves the real path and refuses one that
leads outside the edition directory: a ``front/introduction.md`` linked to
``/proc/self/environ`` would otherwise print the builder's environment on the home page. A
symbolic link whose target is inside the edition is read, with a warning (a link may not survive
copying the edition). Anything but a regular file (a named pipe, a device, a directory) is
refused before it is opened for reading, so a FIFO cannot make ``check`` wait forever, and no
file is read past ``limits.MAX_FILE_BYTES``.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from tierreport.limits import MAX_FILE_BYTES

_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)
# Opening never blocks (a FIFO swapped in after the check) and never follows a link swapped in
# for the resolved path; both flags are absent on some systems, where they are simply not set.
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_CLOEXEC", 0)
)


@dataclass(frozen=True)
class FileRead:
    """The bytes of one file, or why it was not read; ``warning`` when read through a link.

    ``error`` and ``warning`` are predicates ("is a directory, ..."): the caller names the
    file before them.
    """

    data: bytes | None
    error: str | None = None
    warning: str | None = None


def size_text(size: int) -> str:
    """A size in bytes as a message prints it: ``2,097,152 bytes (2 MiB)``."""
    mib = size / (1024 * 1024)
    return f"{size:,} bytes ({mib:g} MiB)" if mib.is_integer() else f"{size:,} bytes"


def read_inside(path: Path, root: Path | None = None, limit: int = MAX_FILE_BYTES) -> FileRead:
    """The bytes of ``path``, a file inside ``root`` (default: the folder holding it).

    Never raises for what the file system holds: a missing, unreadable, linked-out, irregular
    or oversized file gives a ``FileRead`` with ``error`` set and no data.
    """
    root = path.parent if root is None else root
    try:
        os.lstat(path)
    except FileNotFoundError:
        return FileRead(None, "does not exist")
    except OSError as exc:
        return FileRead(None, f"cannot be read ({exc.strerror or exc})")
    found = _through_link(path, root)
    if found is not None and found[0] == "error":
        return FileRead(None, found[1])
    warning = found[1] if found is not None else None
    real = os.path.realpath(path)
    try:
        mode = os.stat(real).st_mode
    except FileNotFoundError:
        return FileRead(None, "is a symbolic link to a file that does not exist")
    except OSError as exc:
        return FileRead(None, f"cannot be read ({exc.strerror or exc})")
    if not stat.S_ISREG(mode):
        return FileRead(None, _not_regular(mode))
    try:
        descriptor = os.open(real, _OPEN_FLAGS)
    except OSError as exc:
        return FileRead(None, f"cannot be read ({exc.strerror or exc})")
    try:
        opened = os.fstat(descriptor)
        if not stat.S_ISREG(opened.st_mode):  # replaced between the check and the opening
            return FileRead(None, _not_regular(opened.st_mode))
        data = _read_at_most(descriptor, limit + 1)
    except OSError as exc:
        return FileRead(None, f"cannot be read ({exc.strerror or exc})")
    finally:
        os.close(descriptor)
    if len(data) > limit:
        size = max(len(data), opened.st_size)
        return FileRead(
            None,
            (
                f"is {size_text(size)}, more than the {size_text(limit)} a file of the edition "
                "may have; shorten it"
            ),
        )
    return FileRead(data, warning=warning)


def _through_link(path: Path, root: Path) -> tuple[str, str] | None:
    """("error"|"warning", why) when ``path`` leads through a symbolic link; None otherwise."""
    root_real = Path(os.path.realpath(root))
    real = Path(os.path.realpath(path))
    try:
        relative = Path(os.path.abspath(path)).relative_to(os.path.abspath(root))
    except ValueError:
        return ("error", "is outside the edition directory; tierreport reads only files in it")
    if real == root_real / relative:
        return None
    if real.is_relative_to(root_real):
        return (
            "warning",
            (
                f"is a symbolic link to {real.relative_to(root_real).as_posix()}, which is read; "
                "a link may not survive copying the edition: put the file itself here"
            ),
        )
    return (
        "error",
        (
            f"is a symbolic link to {real}, outside the edition; tierreport reads only files "
            "inside the edition directory: put the file itself here"
        ),
    )


def _not_regular(mode: int) -> str:
    kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
    return f"is {kind}, not a regular file; tierreport reads only regular files"


def _read_at_most(descriptor: int, size: int) -> bytes:
    chunks: list[bytes] = []
    left = size
    while left > 0:
        chunk = os.read(descriptor, min(left, 1024 * 1024))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)
