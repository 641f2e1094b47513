"""The extent of SVG shapes, to crop the world map to a region: a small part of path geometry.

Only what framing needs: the points a path passes through (control points of curves are left
out, which is close enough to frame a region), a frame around several extents with a margin,
and whether an extent reaches into a frame.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

Extent = tuple[float, float, float, float]
"""(left, top, right, bottom)."""

Frame = tuple[float, float, float, float]
"""(left, top, width, height), as an SVG viewBox gives it."""

_TOKEN = re.compile(r"[A-Za-z]|-?(?:\d+(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?")
_ARITY = {"m": 2, "l": 2, "h": 1, "v": 1, "c": 6, "s": 4, "q": 4, "t": 2}
"""How many numbers each path command takes; the last two are its end point."""


def path_extent(paths: str) -> Extent:
    """The extent of the points the ``d`` attributes of ``paths`` pass through (zeros if none).

    Commands may be relative (lower case, as pygal's world map writes them) or absolute; a
    command's numbers may repeat it, as SVG allows.
    """
    xs: list[float] = []
    ys: list[float] = []
    for d in re.findall(r'd="([^"]+)"', paths):
        x = y = 0.0
        command = "m"
        buffer: list[float] = []
        for token in _TOKEN.findall(d):
            if token.isalpha():
                command, buffer = token, []
                continue
            buffer.append(float(token))
            lower = command.lower()
            if len(buffer) < _ARITY.get(lower, 2):
                continue
            relative = command.islower()
            if lower == "h":
                x = x + buffer[0] if relative else buffer[0]
            elif lower == "v":
                y = y + buffer[0] if relative else buffer[0]
            else:
                dx, dy = buffer[-2], buffer[-1]
                x, y = (x + dx, y + dy) if relative else (dx, dy)
            xs.append(x)
            ys.append(y)
            buffer = []
    if not xs:
        return (0.0, 0.0, 0.0, 0.0)
    return (min(xs), min(ys), max(xs), max(ys))


def frame(extents: Sequence[Extent], world: tuple[float, float]) -> Frame:
    """A frame around ``extents`` with a margin, no narrower than tall, inside ``world``.

    ``world`` is the (width, height) of the whole drawing. A region that runs north to south
    is widened so that its neighbours show.
    """
    left, top = min(e[0] for e in extents), min(e[1] for e in extents)
    right, bottom = max(e[2] for e in extents), max(e[3] for e in extents)
    margin = max(20.0, 0.08 * max(right - left, bottom - top))
    widen = max(0.0, (bottom - top) - (right - left)) / 2
    left, right = left - widen, right + widen
    left, top = max(0.0, left - margin), max(0.0, top - margin)
    right, bottom = min(world[0], right + margin), min(world[1], bottom + margin)
    return left, top, right - left, bottom - top


def overlaps(extent: Extent, area: Frame) -> bool:
    """Whether ``extent`` reaches into ``area``."""
    left, top, width, height = area
    return not (
        extent[2] < left or extent[0] > left + width or extent[3] < top or extent[1] > top + height
    )
