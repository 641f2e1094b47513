"""Checks on a file's text and keys that no field type can make: what the eye cannot see.

- **Invisible characters.** A bidi control (U+202A-202E, U+2066-2069) can make a name or a
  source title display differently from what it says (the "Trojan Source" trick); a zero-width
  space or a control character hides inside a word. Each string holding one is a located
  warning, in every YAML file and in the introduction. Zero-width joiners (U+200C, U+200D) are
  left alone: Persian, the Indic scripts and emoji need them.
- **Lone surrogates.** ``"\\ud800"`` in a double-quoted string is half of a character; no file
  can be written with it, so it is an error.
- **Keys that name the same number.** ``2024: 2`` and ``"2024": 3`` are two keys to YAML but one
  year to the schema, which would keep one of them silently: an error at the second.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from tierreport.model import SourceMap
from tierreport.problems import Problem, Severity, quoted, shown

DataPath = tuple[str | int, ...]

INVISIBLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f"  # C0 controls but tab and newline; DEL; C1 controls
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"  # bidi marks, embeddings, overrides, isolates
    "\u200b\u2060-\u2064\ufeff\u180e"  # zero-width space, word joiner, invisible operators, BOM
    "\u115f\u1160\u3164\uffa0"  # Hangul fillers: blank letters
    "\u2028\u2029"  # line and paragraph separators
    "\ufff9-\ufffb"  # interlinear annotation controls
    "\U000e0000-\U000e007f]"  # tag characters: invisible ASCII look-alikes
)
"""Characters that display as nothing (or reorder what follows) in text a reader sees."""

SURROGATE = re.compile("[\ud800-\udfff]")
_WHOLE_NUMBER = re.compile(r"\s*[+-]?[0-9]+\s*", re.ASCII)
_NUMBER_STARTS = frozenset("0123456789+- \t\n\r\x0b\x0c")
"""What a key naming a number can start with: most keys (field names) are rejected at once."""


def describe(char: str) -> str:
    """``U+202E (RIGHT-TO-LEFT OVERRIDE)``, or ``U+0007 (a control character)``."""
    name = unicodedata.name(char, "") or "a control character"
    return f"U+{ord(char):04X} ({name})"


def invisible_message(text: str) -> str | None:
    """What to say of a text holding invisible characters, or None when it holds none."""
    found = INVISIBLE.findall(text)
    if not found:
        return None
    more = len(found) - 1
    tail = f" and {more} more invisible character{'s' * (more != 1)}" if more else ""
    return (
        f"contains {describe(found[0])}{tail}; delete it: invisible characters can make "
        "text read differently from what it says"
    )


def scan_data(data: Any, source_map: SourceMap, text: str | None = None) -> list[Problem]:
    """Located problems of every string and key of one parsed YAML file.

    ``text``, the file's text, spares looking at every string when none can hold an invisible
    character or a surrogate: the text has none and no escape (``\\u202e``) that could write
    one. (A carriage return is a line break there, and never reaches a value unescaped.)
    """
    problems: list[Problem] = []
    strings = text is None or "\\" in text or INVISIBLE.search(text.replace("\r", "")) is not None
    _scan(data, (), data, source_map, problems, strings)
    return problems


def _scan(
    node: Any,
    path: DataPath,
    root: Any,
    source_map: SourceMap,
    problems: list[Problem],
    strings: bool,
) -> None:
    """Check ``node`` at ``path`` in ``root`` and everything under it (its strings too when
    ``strings``)."""
    if isinstance(node, dict):
        numbers: dict[int, Any] = {}
        for key, value in node.items():
            if strings and isinstance(key, str):
                _text(key, (*path, key), root, source_map, problems)
            number = _number(key)
            if number is not None:
                if number in numbers:
                    problems.append(_same_number(numbers[number], key, path, root, source_map))
                else:
                    numbers[number] = key
            if isinstance(value, (dict, list)) or (strings and isinstance(value, str)):
                _scan(value, (*path, key), root, source_map, problems, strings)
    elif isinstance(node, list):
        for index, item in enumerate(node):
            if isinstance(item, (dict, list)) or (strings and isinstance(item, str)):
                _scan(item, (*path, index), root, source_map, problems, strings)
    elif isinstance(node, str):
        _text(node, path, root, source_map, problems)


def _same_number(first: Any, key: Any, path: DataPath, root: Any, source_map: SourceMap) -> Problem:
    line = source_map.locate((*path, first))[0]
    return _problem(
        source_map,
        (*path, key),
        root,
        "error",
        f"keys {_key(first)} (line {line}) and {_key(key)} name the same number; keep one of them",
    )


def _problem(
    source_map: SourceMap, path: DataPath, root: Any, severity: Severity, message: str
) -> Problem:
    line, col = source_map.locate(path)
    name = _name(path, root)
    return Problem(source_map.file, line, col, severity, f"{name}: {message}" if name else message)


def _name(path: DataPath, root: Any) -> str:
    """``criteria.C01.actions[0]``: list indexes in brackets, keys (cut short) dotted."""
    text = ""
    node = root
    for part in path:
        if isinstance(node, list) and isinstance(part, int):
            text += f"[{part}]"
            node = node[part]
        else:
            text += f".{shown(str(part))}" if text else shown(str(part))
            node = node.get(part) if isinstance(node, dict) else None
    return text


def _text(
    text: str, path: DataPath, root: Any, source_map: SourceMap, problems: list[Problem]
) -> None:
    surrogate = SURROGATE.search(text)
    if surrogate is not None:
        problems.append(
            _problem(
                source_map,
                path,
                root,
                "error",
                (
                    f"contains U+{ord(surrogate.group()):04X}, half of a character pair (a lone "
                    "surrogate), which no file can hold; delete the escape that wrote it"
                ),
            )
        )
    if INVISIBLE.search(text) is not None:
        message = invisible_message(text)
        problems.append(_problem(source_map, path, root, "warning", message or ""))


def _number(key: Any) -> int | None:
    """The whole number a key names, whether written 2024 or "2024"; None for other keys."""
    if type(key) is int:  # not a bool, which is an int too
        return key
    if type(key) is str and key[:1] in _NUMBER_STARTS and _WHOLE_NUMBER.fullmatch(key):
        return int(key)
    return None


def _key(key: Any) -> str:
    return quoted(key) if isinstance(key, str) else str(key)


def scan_markdown(text: str, file: str) -> list[Problem]:
    """Located warnings for invisible characters in a Markdown file, one per line."""
    problems = []
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.removesuffix("\r")  # a Windows line ending is not a hidden character
        match = INVISIBLE.search(line)
        message = invisible_message(line)
        if match is not None and message is not None:
            problems.append(Problem(file, number, match.start() + 1, "warning", message))
    return problems
