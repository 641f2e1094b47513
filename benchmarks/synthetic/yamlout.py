"""A small block-style YAML writer for the synthetic edition, in the desk officers' style.

Plain data only (dict, list, str, int, bool, None, date). Long text is written folded
(``>-``), wrapped at 100 columns, as in the hand-written example edition; text with paragraph
breaks is written literal (``|-``), line for line, so that the Markdown keeps them. Short lists
of scalars go in flow style (``sources: [moi-2026-07]``). Dict order is kept: same data, same
text.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import textwrap
from typing import Any

WIDTH = 100
_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 ,.'()/:_-]*")
_RESERVED = {"null", "true", "false", "yes", "no", "on", "off", "y", "n"}


def scalar(value: Any) -> str:
    """One scalar as YAML text on one line."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, dt.date)):
        return str(value)
    text = str(value)
    plain = (
        _PLAIN.fullmatch(text)
        and text.lower() not in _RESERVED
        and ": " not in text
        and not text.endswith((":", " "))
    )
    return text if plain else json.dumps(text, ensure_ascii=False)


def _block(text: str, indent: int) -> list[str]:
    """``text`` as the header and lines of a block scalar indented by ``indent``."""
    pad = " " * indent
    width = max(40, WIDTH - indent)
    if "\n" not in text:
        wrapped = textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)
        return [">-", *(pad + line for line in wrapped)]
    # Literal text is written line for line, so that it reads back exactly as it was.
    return ["|-", *(pad + line if line else "" for line in text.split("\n"))]


def _is_scalar(value: Any) -> bool:
    return not isinstance(value, (dict, list))


def _entry(prefix: str, value: Any, indent: int) -> list[str]:
    """``prefix`` (``key:`` or ``-``) and ``value``; nested lines are indented by ``indent``."""
    if isinstance(value, dict):
        if not value:
            return [f"{prefix} {{}}"]
        return [prefix, *_mapping(value, indent)]
    if isinstance(value, list):
        if not value:
            return [f"{prefix} []"]
        if all(_is_scalar(v) for v in value):
            flow = f"{prefix} [{', '.join(scalar(v) for v in value)}]"
            if len(flow) + indent <= WIDTH and all(len(scalar(v)) < 40 for v in value):
                return [flow]
        return [prefix, *_sequence(value, indent)]
    line = f"{prefix} {scalar(value)}"
    if isinstance(value, str) and ("\n" in value or len(line) + indent > WIDTH):
        header, *rest = _block(value, indent)
        return [f"{prefix} {header}", *rest]
    return [line]


def _mapping(data: dict[Any, Any], indent: int) -> list[str]:
    pad = " " * indent
    lines: list[str] = []
    for key, value in data.items():
        first, *rest = _entry(f"{scalar(key)}:", value, indent + 2)
        lines += [pad + first, *rest]
    return lines


def _sequence(items: list[Any], indent: int) -> list[str]:
    pad = " " * indent
    lines: list[str] = []
    for item in items:
        if isinstance(item, dict) and item:
            inner = _mapping(item, indent + 2)
            lines.append(pad + "- " + inner[0].lstrip())
            lines += inner[1:]
        else:
            first, *rest = _entry("-", item, indent + 2)
            lines += [pad + first, *rest]
    return lines


def dump(data: dict[Any, Any]) -> str:
    """The whole document as YAML text, ending with a newline."""
    return "\n".join(_mapping(data, 0)) + "\n"
