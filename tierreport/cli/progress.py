"""A one-line progress display for long commands, shown only on a terminal.

The line appears once a command has run for a second (a quick build shows nothing), says what
the command is doing and for how long, and is erased when it ends, so that the command's own
output follows undisturbed. Nothing is written when the stream is not a terminal (a pipe, a
log file, CI) or when the user asked for quiet. Only ``cli.py`` creates one; the library
reports its steps through a plain callback and never writes anything itself.
"""

from __future__ import annotations

import threading
import time
from types import TracebackType
from typing import TextIO

DELAY = 1.0
"""Seconds before the line first appears."""
INTERVAL = 0.25
"""Seconds between redraws."""


class Progress:
    """What a command is doing, redrawn on one terminal line while it runs."""

    def __init__(self, stream: TextIO, *, enabled: bool, delay: float = DELAY) -> None:
        self.stream = stream
        self.enabled = enabled
        self.delay = delay
        self.text = "working"
        self.start = time.monotonic()
        self.shown = False
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @classmethod
    def on_terminal(cls, stream: TextIO, *, quiet: bool = False) -> Progress:
        """A display on ``stream`` when it is a terminal and ``quiet`` is not set."""
        interactive = hasattr(stream, "isatty") and stream.isatty()
        return cls(stream, enabled=interactive and not quiet)

    def step(self, text: str) -> None:
        """Say what the command is doing now (e.g. ``rendering the PDF: part 12 of 203``)."""
        self.text = text

    def line(self) -> str:
        """The line as it is drawn now."""
        return f"{self.text} ({time.monotonic() - self.start:.0f} s)"

    def _run(self) -> None:
        if self._stop.wait(self.delay):
            return
        while not self._stop.is_set():
            # \r and "erase to end of line": the line is redrawn in place.
            self.stream.write("\r\x1b[K" + self.line())
            self.stream.flush()
            self.shown = True
            self._stop.wait(INTERVAL)

    def __enter__(self) -> Progress:
        self.start = time.monotonic()
        if self.enabled:
            self._thread = threading.Thread(target=self._run, name="progress", daemon=True)
            self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
