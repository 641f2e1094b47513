"""YAML -> plain data, remembering the line and column of every key.

ruamel.yaml's round-trip loader keeps positions and constructs only plain data (no Python
objects from tags), so it is both safe and precise; ``yaml_guard`` bounds it (values, nesting,
tags, impossible dates). What comes out is plain ``dict``/``list``/``str``/``int``/``float``/
``bool``/``date`` plus a ``SourceMap`` from data path to position. The file itself is read by
``reading.read_inside``: inside the edition, a regular file, at most ``limits.MAX_FILE_BYTES``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError, YAMLWarning
from ruamel.yaml.reader import ReaderError
from ruamel.yaml.scalarbool import ScalarBoolean

from tierreport.check.textscan import scan_data
from tierreport.limits import EXCERPT_CHARS, MAX_YAML_DEPTH
from tierreport.load import fastyaml
from tierreport.load.fastyaml import compose_plain
from tierreport.load.guard import GuardError, Invalid, Refused, guarded_yaml
from tierreport.load.reading import FileRead, read_inside
from tierreport.model import SourceMap
from tierreport.problems import Problem, quoted, shown

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
        """Whether the file could be read and parsed (warnings allowed)."""
        return not any(p.severity == "error" for p in self.problems)


_QUOTED_VALUE = re.compile(f'"([^"\\n]{{{EXCERPT_CHARS}}})[^"\\n]+"')
"""A quoted value longer than an excerpt in one of ruamel's messages."""

Parsed = tuple[Any, dict[Path_, tuple[int, int]]]
"""What the libyaml fast path makes of a file: its data and the position of every key."""


class ParseCache(Protocol):
    """Where parses are kept by a hash of the file's bytes (``load.cache``, ``load.entries``)."""

    def get(self, key: bytes) -> Parsed | None:
        """The parse kept for ``key``, or None."""

    def put(self, key: bytes, value: Parsed) -> None:
        """Keep ``value`` for ``key``."""


def read_yaml(
    path: Path, display: str, cache: ParseCache | None = None, *, root: Path | None = None
) -> Loaded:
    """Read ``path`` (shown to the user as ``display``) into plain data and positions.

    ``root`` is the edition directory the file must be inside (default: the folder holding
    it). ``cache``, when given, keeps what the fast path parsed under a hash of the file's
    bytes, so an unchanged file is not parsed again by the next build (``tierreport.load.cache``).
    """
    return yaml_of(read_inside(path, root), display, cache)


def yaml_of(read: FileRead, display: str, cache: ParseCache | None = None) -> Loaded:
    """What ``read_yaml`` makes of a file already read (``read``), shown as ``display``."""
    if read.data is None:
        return _failed(display, 1, 1, f"the file {read.error}")
    raw = read.data
    if b"\x00" in raw:
        return _failed(display, 1, 1, "this is a binary file, not YAML text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return _failed(display, line, 1, "the file is not UTF-8 text; save it as UTF-8")
    loaded = parse_yaml(text, display, cache, raw)
    if read.warning is not None:
        loaded.problems.insert(0, Problem(display, 1, 1, "warning", f"the file {read.warning}"))
    return loaded


def _failed(display: str, line: int, col: int, message: str) -> Loaded:
    positions: dict[Path_, tuple[int, int]] = {(): (1, 1)}
    problem = Problem(display, line, col, "error", message)
    return Loaded(display, None, SourceMap(display, positions), [problem])


def parse_yaml(
    text: str, display: str, cache: ParseCache | None = None, raw: bytes | None = None
) -> Loaded:
    """Parse YAML ``text`` (of the file shown as ``display``) into plain data and positions.

    libyaml's fast path first (about ten times faster), ruamel for whatever it declines; both
    give the same data, positions and problems. ``raw``, the file's bytes, keys the cache.
    """
    positions: dict[Path_, tuple[int, int]] = {(): (1, 1)}
    source_map = SourceMap(display, positions)
    use_cache = cache is not None and fastyaml.enabled()
    key = hashlib.sha256(raw if raw is not None else text.encode()).digest() if use_cache else b""
    fast = cache.get(key) if cache is not None and use_cache else None
    if fast is None:
        fast = compose_plain(text)
        if fast is not None and cache is not None and use_cache:
            cache.put(key, fast)
    problems: list[Problem] = []
    if fast is not None:
        positions.update(fast[1])
        data = fast[0]
    else:
        try:
            with warnings.catch_warnings():
                # ruamel warns on standard error of what it reads anyway (a float without a dot
                # under %YAML 1.1): nothing a desk officer should see as a Python warning.
                warnings.simplefilter("ignore", YAMLWarning)
                document = guarded_yaml().load(text)
        except MarkedYAMLError as exc:
            return _failed(display, *_yaml_error(exc))
        except ReaderError as exc:  # a character YAML does not allow (a control character)
            before = text[: exc.position]
            line, col = before.count("\n") + 1, exc.position - before.rfind("\n")
            return _failed(display, line, col, f"YAML syntax error: {str(exc).splitlines()[0]}")
        except YAMLError as exc:
            return _failed(display, 1, 1, f"YAML syntax error: {_clip(str(exc).splitlines()[0])}")
        except (ValueError, TypeError, KeyError, IndexError, AttributeError, AssertionError) as exc:
            # ruamel's own failure on input it did not foresee: a problem, not a traceback.
            reason = _clip(str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
            return _failed(
                display, 1, 1, f"YAML error: ruamel.yaml cannot read this file ({reason})"
            )
        data = _plain(document, (), "", positions, problems, display)
    problems += scan_data(data, source_map, text)
    return Loaded(display, data, source_map, problems)


def _yaml_error(exc: MarkedYAMLError) -> tuple[int, int, str]:
    """Line, column and message of one of ruamel's (or the guards') located errors."""
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    if isinstance(exc, GuardError):
        return line, col, str(exc.problem)
    reason = " ".join(part for part in (exc.context, exc.problem) if part)
    return line, col, f"YAML syntax error: {_clip(reason) or 'invalid YAML'}"


def _clip(reason: str) -> str:
    """ruamel's message with every quoted value cut short (a duplicate key quotes its value)
    and invisible characters escaped."""
    return shown(_QUOTED_VALUE.sub(lambda m: f'"{m.group(1)}..."', reason), None)


def _plain(
    node: Any,
    path: Path_,
    name: str,
    positions: dict[Path_, tuple[int, int]],
    problems: list[Problem],
    display: str,
) -> Any:
    """Copy ruamel's round-trip node into plain data, recording the position of each key.

    ``name`` is ``path`` as a message prints it (``criteria.C01.actions[0]``). A refused tag
    or an impossible value becomes a problem at its key, and None.
    """

    def report(message: str) -> None:
        line, col = SourceMap(display, positions).locate(path)
        problems.append(Problem(display, line, col, "error", f"{name or 'document'}: {message}"))

    if len(path) > MAX_YAML_DEPTH:  # deeper than the composer allows, through aliases
        report(f"nested more than {MAX_YAML_DEPTH} levels deep (through aliases)")
        return None
    if isinstance(node, CommentedMap):
        out: dict[Any, Any] = {}
        for key in node:
            line, col = node.lc.key(key)
            plain_key = _plain_scalar(key)
            if not _is_key(plain_key):
                message = f"{name or 'document'}: {_bad_key(plain_key)}"
                problems.append(Problem(display, line + 1, col + 1, "error", message))
                continue
            positions[(*path, plain_key)] = (line + 1, col + 1)
            child = f"{name}.{shown(str(plain_key))}" if name else shown(str(plain_key))
            out[plain_key] = _plain(
                node[key], (*path, plain_key), child, positions, problems, display
            )
        return out
    if isinstance(node, CommentedSeq):
        items = []
        for index, item in enumerate(node):
            line, col = node.lc.item(index)
            positions[(*path, index)] = (line + 1, col + 1)
            child = f"{name}[{index}]"
            items.append(_plain(item, (*path, index), child, positions, problems, display))
        return items
    if isinstance(node, Refused):
        report(
            f"YAML tag {shown(node.tag)} is not allowed; write the value without a tag "
            "(in quotes if it is text)"
        )
        return None
    if isinstance(node, Invalid):
        report(_invalid(node))
        return None
    return _plain_scalar(node)


def _is_key(key: Any) -> bool:
    return key is None or isinstance(key, (str, int, float, bool, dt.date))


def _bad_key(key: Any) -> str:
    if isinstance(key, Refused):
        return f"YAML tag {shown(key.tag)} is not allowed on a key; write the key without a tag"
    if isinstance(key, Invalid):
        return f"key {_invalid(key)}"
    return "a key must be a word or a number, not a list or a mapping"


def _invalid(value: Invalid) -> str:
    """What to say of a value YAML reads as a date, time or number that cannot exist."""
    if re.fullmatch(r"[-+]?[0-9_]+", value.text):
        digits = sum(c.isdigit() for c in value.text)
        return f"a number of {digits:,} digits is too large to read; no field takes one"
    return (
        f"{quoted(value.text)} is not a real date or time ({_clip(value.reason)}); write a date "
        "that exists, as YYYY-MM-DD"
    )


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
