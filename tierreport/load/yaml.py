"""YAML -> plain data, remembering the line and column of every key.

ruamel.yaml's round-trip loader keeps positions and constructs only plain data (no Python
objects from tags), so it is both safe and precise. What comes out is plain ``dict``/``list``/
``str``/``int``/``float``/``bool``/``date`` plus a ``SourceMap`` from data path to position.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq, TaggedScalar
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.scalarbool import ScalarBoolean

from tierreport.load.cache import Store
from tierreport.load.fastyaml import compose_plain
from tierreport.model import SourceMap
from tierreport.problems import Problem

Path_ = tuple[str | int, ...]


@dataclass
class Loaded:
    """One YAML file read: its data (None when unreadable), positions and problems."""

    file: str
    data: Any
    source_map: SourceMap
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Whether the file could be read and parsed."""
        return not self.problems


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    return yaml


Parsed = tuple[Any, dict[Path_, tuple[int, int]]]
"""What the libyaml fast path makes of a file: its data and the position of every key."""


def read_yaml(path: Path, display: str, cache: Store[Parsed] | None = None) -> Loaded:
    """Read ``path`` (shown to the user as ``display``) into plain data and positions.

    ``cache``, when given, keeps what the fast path parsed under a hash of the file's bytes, so
    an unchanged file is not parsed again by the next build (``tierreport.load.cache``).
    """
    positions: dict[Path_, tuple[int, int]] = {(): (1, 1)}
    source_map = SourceMap(display, positions)

    def fail(line: int, col: int, message: str) -> Loaded:
        problem = Problem(display, line, col, "error", message)
        return Loaded(display, None, source_map, [problem])

    try:
        raw = path.read_bytes()
    except OSError as exc:
        return fail(1, 1, f"cannot read the file: {exc.strerror or exc}")
    if b"\x00" in raw:
        return fail(1, 1, "this is a binary file, not YAML text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return fail(line, 1, "the file is not UTF-8 text; save it as UTF-8")
    key = hashlib.sha256(raw).digest() if cache is not None else b""
    fast = cache.get(key) if cache is not None else None
    if fast is None:
        # libyaml first (about ten times faster); ruamel for whatever it declines and errors.
        fast = compose_plain(text)
        if fast is not None and cache is not None:
            cache.put(key, fast)
    if fast is not None:
        positions.update(fast[1])
        return Loaded(display, fast[0], source_map)
    try:
        document = _yaml().load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        reason = " ".join(part for part in (exc.context, exc.problem) if part)
        return fail(line, col, f"YAML syntax error: {reason or 'invalid YAML'}")
    except YAMLError as exc:
        return fail(1, 1, f"YAML syntax error: {str(exc).splitlines()[0]}")
    problems: list[Problem] = []
    data = _plain(document, (), positions, problems, display)
    return Loaded(display, data, source_map, problems)


def _plain(
    node: Any,
    path: Path_,
    positions: dict[Path_, tuple[int, int]],
    problems: list[Problem],
    display: str,
) -> Any:
    """Copy ruamel's round-trip node into plain data, recording the position of each key."""
    if isinstance(node, CommentedMap):
        out: dict[Any, Any] = {}
        for key in node:
            line, col = node.lc.key(key)
            plain_key = _plain_scalar(key)
            positions[(*path, plain_key)] = (line + 1, col + 1)
            out[plain_key] = _plain(node[key], (*path, plain_key), positions, problems, display)
        return out
    if isinstance(node, CommentedSeq):
        items = []
        for index, item in enumerate(node):
            line, col = node.lc.item(index)
            positions[(*path, index)] = (line + 1, col + 1)
            items.append(_plain(item, (*path, index), positions, problems, display))
        return items
    if isinstance(node, TaggedScalar):
        line, col = positions.get(path, (1, 1))
        name = ".".join(str(p) for p in path) or "document"
        problems.append(
            Problem(display, line, col, "error", f"{name}: YAML tag {node.tag!s} is not allowed")
        )
        return None
    return _plain_scalar(node)


def _plain_scalar(value: Any) -> Any:
    """ruamel's scalar subclasses (ScalarFloat, ScalarInt, ...) as the builtin types."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, ScalarBoolean):
        return bool(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, str):
        return str(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value
    return value
