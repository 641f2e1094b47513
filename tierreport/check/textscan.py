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


def scan_data(data: Any, source_map: SourceMap) -> list[Problem]:
    """Located problems of every string and key of one parsed YAML file."""
    problems: list[Problem] = []
    _scan(data, (), "", source_map, problems)
    return problems


def _problem(
    source_map: SourceMap, path: DataPath, name: str, severity: Severity, message: str
) -> Problem:
    line, col = source_map.locate(path)
    return Problem(source_map.file, line, col, severity, f"{name}: {message}" if name else message)


def _scan(
    node: Any, path: DataPath, name: str, source_map: SourceMap, problems: list[Problem]
) -> None:
    """Check ``node`` at ``path`` (printed as ``name``) and everything under it."""
    if isinstance(node, str):
        _text(node, path, name, source_map, problems)
    elif isinstance(node, dict):
        seen: dict[int, Any] = {}
        for key, value in node.items():
            child = f"{name}.{shown(str(key))}" if name else shown(str(key))
            if isinstance(key, str):
                _text(key, (*path, key), child, source_map, problems)
            number = _number(key)
            if number is not None:
                if number in seen:
                    first = seen[number]
                    line = source_map.locate((*path, first))[0]
                    problems.append(
                        _problem(
                            source_map,
                            (*path, key),
                            child,
                            "error",
                            (
                                f"keys {_key(first)} (line {line}) and {_key(key)} name the same "
                                "number; keep one of them"
                            ),
                        )
                    )
                else:
                    seen[number] = key
            _scan(value, (*path, key), child, source_map, problems)
    elif isinstance(node, list):
        for index, item in enumerate(node):
            _scan(item, (*path, index), f"{name}[{index}]", source_map, problems)


def _text(
    text: str, path: DataPath, name: str, source_map: SourceMap, problems: list[Problem]
) -> None:
    if SURROGATE.search(text):
        char = SURROGATE.findall(text)[0]
        problems.append(
            _problem(
                source_map,
                path,
                name,
                "error",
                (
                    f"contains U+{ord(char):04X}, half of a character pair (a lone surrogate), "
                    "which no file can hold; delete the escape that wrote it"
                ),
            )
        )
    message = invisible_message(text)
    if message is not None:
        problems.append(_problem(source_map, path, name, "warning", message))


def _number(key: Any) -> int | None:
    """The whole number a key names, whether written 2024 or "2024"; None for other keys."""
    if isinstance(key, bool):
        return None
    if isinstance(key, int):
        return key
    if isinstance(key, str) and _WHOLE_NUMBER.fullmatch(key):
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
