"""Pydantic validation errors -> problems that say what, where and how to fix.

Pydantic reports a location as a data path (``('criteria', 'C03', 'finding')``); the source map
turns it into a line and column, and this module turns its error type into a sentence a desk
officer understands, with a "did you mean" for a mistyped key.
"""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any, Union

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from tierreport.limits import MAX_YEAR, MIN_YEAR
from tierreport.model import SourceMap
from tierreport.problems import Problem, quoted, shown

DataPath = tuple[str | int, ...]

# Drafting marker, accepted but not advertised in "expected one of" lists.
_HIDDEN_CHOICES = {"unassessed"}


def dotted(path: DataPath, data: Any = None) -> str:
    """``criteria.C01.actions[0].date``: list indexes in brackets, mapping keys dotted."""
    text = ""
    node = data
    for part in path:
        if isinstance(node, list) and isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{shown(str(part))}" if text else shown(str(part))
        try:
            node = node[part] if node is not None else None
        except (KeyError, IndexError, TypeError):
            node = None
    return text


def validation_problems(
    exc: ValidationError, model: type[BaseModel], data: Any, source_map: SourceMap
) -> list[Problem]:
    """One problem per pydantic error, located through the source map."""
    problems = []
    for error in exc.errors():
        loc = tuple(part for part in error["loc"] if part != "[key]")
        is_key = "[key]" in error["loc"]
        where = loc[:-1] if error["type"] == "missing" else loc
        line, col = source_map.locate(_as_loaded(where, source_map))
        message = _message(error, loc, model, data, is_key)
        problems.append(Problem(source_map.file, line, col, "error", message))
    return problems


def _as_loaded(loc: DataPath, source_map: SourceMap) -> DataPath:
    """``loc`` as the loader keyed it: pydantic gives an integer key past 64 bits as text."""
    if loc in source_map.positions:
        return loc
    return tuple(int(p) if isinstance(p, str) and p.isdecimal() and p.isascii() else p for p in loc)


def _message(
    error: ErrorDetails, loc: DataPath, model: type[BaseModel], data: Any, is_key: bool
) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    got = _shown(error.get("input"))
    name = dotted(loc, data)
    if kind == "missing":
        parent = dotted(loc[:-1], data)
        text = f"missing required field '{loc[-1]}'"
        return f"{parent}: {text}" if parent else text
    if kind == "extra_forbidden":
        known = fields_at(model, loc[:-1])
        hint = difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.6)
        suggestion = f"; did you mean '{hint[0]}'?" if hint else ""
        allowed = f" (allowed: {', '.join(known)})" if known and not hint else ""
        return f"{name}: unknown key {quoted(str(loc[-1]))}{suggestion}{allowed}"
    if is_key and kind in ("literal_error", "enum"):
        # A mapping keyed by names (a law_enforcement year's unit), not by years.
        expected = _describe(kind, ctx, got, error["msg"]).removesuffix(f", got {got}")
        choices = expected.removeprefix("expected one of ").split(", ")
        hint = difflib.get_close_matches(str(loc[-1]), choices, n=1, cutoff=0.6)
        suggestion = f"; did you mean '{hint[0]}'?" if hint else ""
        return f"{name}: key {got}: {expected}{suggestion}"
    if is_key:
        return (
            f"{name}: key {got}: expected a year (a whole number from {MIN_YEAR} to {MAX_YEAR}, "
            "such as 2027)"
        )
    return f"{name}: {_describe(kind, ctx, got, error['msg'])}"


def _describe(kind: str, ctx: dict[str, Any], got: str, fallback: str) -> str:
    if kind in ("literal_error", "enum"):
        choices = [
            c.strip().strip("'")
            for c in str(ctx.get("expected", "")).replace(" or ", ", ").split(",")
        ]
        shown = [c for c in choices if c and c not in _HIDDEN_CHOICES]
        return f"expected one of {', '.join(shown)}, got {got}"
    simple = {
        "int_type": "expected a whole number",
        "int_parsing": "expected a whole number",
        "int_from_float": "expected a whole number",
        "bool_type": "expected true or false",
        "bool_parsing": "expected true or false",
        "string_type": "expected text",
        "date_type": "expected a date (YYYY-MM-DD)",
        "date_parsing": "expected a date (YYYY-MM-DD)",
        "date_from_datetime_parsing": "expected a date (YYYY-MM-DD)",
        "date_from_datetime_inexact": "expected a date without a time (YYYY-MM-DD)",
        "decimal_type": "expected a number",
        "decimal_parsing": "expected a number",
        "finite_number": "expected a finite number (not .inf or .nan)",
        "dict_type": "expected a mapping (key: value)",
        "model_type": "expected a mapping of fields (key: value)",
        "model_attributes_type": "expected a mapping of fields (key: value)",
        "list_type": "expected a list",
    }
    if kind in simple:
        return f"{simple[kind]}, got {got}"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        if pattern.startswith("^[A-Z]{3}"):
            return (
                "expected a three-letter upper-case code (ISO 3166-1 alpha-3, or XAA-XZZ), "
                f"got {got}"
            )
        if "https?" in pattern:
            return f"expected an http://, https:// or mailto: address, got {got}"
        if pattern == r"\S":
            return "must not be empty"
        return f"does not have the expected form, got {got}"
    bounds = {
        "greater_than": "must be greater than {gt}",
        "greater_than_equal": "must be at least {ge}",
        "less_than": "must be less than {lt}",
        "less_than_equal": "must be at most {le}",
        "too_short": "needs at least {min_length} item(s)",
    }
    if kind in bounds:
        limits = {k: f"{v:,}" if isinstance(v, int) else v for k, v in ctx.items()}
        return f"{bounds[kind].format(**limits)}, got {got}"
    return fallback


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return quoted(value)
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing (null)"
    return shown(str(value))


def fields_at(model: type[BaseModel], path: DataPath) -> list[str]:
    """Names of the fields allowed at ``path`` inside ``model`` (for "did you mean")."""
    annotation: Any = model
    for part in path:
        annotation = _step(annotation, part)
        if annotation is None:
            return []
    target = _record(annotation)
    return list(target.model_fields) if target else []


def _unwrap(annotation: Any) -> Any:
    """Strip Annotated[...] and Optional[...] down to the one type that carries fields."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            records = [a for a in args if _record(a)]
            annotation = records[0] if records else args[0]
        else:
            return annotation


def _record(annotation: Any) -> type[BaseModel] | None:
    annotation = _unwrap(annotation) if typing.get_origin(annotation) else annotation
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return None


def _step(annotation: Any, part: str | int) -> Any:
    annotation = _unwrap(annotation)
    record = _record(annotation)
    if record is not None:
        info = record.model_fields.get(str(part))
        return info.annotation if info else None
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is dict and len(args) == 2:
        return args[1]
    if origin is list and args:
        return args[0]
    return None
