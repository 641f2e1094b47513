"""Fuzzing ``check``: whatever a country file holds, problems are located, never a traceback.

Hypothesis takes the ``minimal`` edition's XAA.yaml (or, one time in five each, its standards or
its edition.yaml), mutates its data (deleted keys, swapped
types, invisible and control characters, long strings, keys naming the same year, huge numbers),
dumps it in one of several styles, then mutates the text (tags, anchors and aliases, a billion
laughs, duplicate lines, tabs, CRLF, impossible dates, numbers of thousands of digits, deep
nesting, directives, stray YAML characters, invalid UTF-8). ``check_edition`` must return, with
every problem in a known file, at a line and column inside it, on one short line; and (in one
example of four) the same problems with the libyaml fast path turned off.

A few hundred examples run in ``make test``; ``make fuzz`` runs 10,000
(``TIERREPORT_FUZZ_EXAMPLES``).
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from tests.builders import fast_path
from tests.conftest import EDITIONS
from tierreport.check.edition import check_edition
from tierreport.limits import MAX_MESSAGE_CHARS

EXAMPLES = int(os.environ.get("TIERREPORT_FUZZ_EXAMPLES", "200"))
"""Examples per run; ``make fuzz`` sets 10,000."""

XAA = "countries/XAA.yaml"
STANDARDS = "standards/minimum-standards.yaml"
SETTINGS = "edition.yaml"
FILES = {XAA, "countries/XBB.yaml", SETTINGS, STANDARDS}
ORIGINAL = {name: (EDITIONS / "minimal" / name).read_bytes() for name in (XAA, STANDARDS, SETTINGS)}
BASES: dict[str, Any] = {
    name: YAML(typ="safe", pure=True).load(text) for name, text in ORIGINAL.items()
}

INVISIBLE = ["\u202e", "\u2066", "\u200b", "\ufeff", "\x07", "\x1b", "\x85", "\u2028", "\x7f"]
ODD_TEXT = [
    "", " ", "yes", "null", "2WL", "XAA", "xaa", "met", "unassessed", "=cmd|' /C calc'!A0",
    "<script>alert(1)</script>", "javascript:alert(1)", "../../etc/passwd", "C99", "D9",
    "moi-2026-07", "AF", "\U0001f600", "Ald\u0301ora", "2027", "2027-02-30",
]  # fmt: skip
ODD_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.sampled_from([0, -1, 1, 2026, 2027, 2**31, 2**63, -(2**63), 10**30]),
    st.sampled_from([0.5, -0.0, 1e308, float("inf"), float("-inf"), float("nan")]),
    st.sampled_from([dt.date(1, 1, 1), dt.date(2026, 7, 12), dt.date(9999, 12, 31)]),
    st.sampled_from(ODD_TEXT),
    st.text(max_size=30),
    st.just([]),
    st.just({}),
    st.just({"tier": "2WL", "extra": [1, 2]}),
    st.just([{"date": "2026-07-12", "text": "x"}, None]),
)
DATA_MUTATIONS = [
    "delete", "swap-type", "invisible", "long-string", "nested", "same-year", "add-key",
    "rename-key",
]  # fmt: skip
TEXT_MUTATIONS = [
    "tag", "anchor-alias", "laughs", "duplicate-line", "tab", "crlf", "bad-date", "huge-number",
    "deep", "directive", "stray-char", "surrogate", "raw-control", "invalid-utf8",
]  # fmt: skip
TAGS = [
    "!!float", "!!binary", "!!omap", "!!set", "!!str", "!!int", "!!python/object:os.system",
    "!!python/object/apply:os.system", "!local", "!", "!<tag:example.com,2000:x>", "!!timestamp",
]  # fmt: skip
STRAY = [*":-[]{},#&*!|>'\"%@`?\\", "\u2028", "\ufeff"]
"""Characters that mean something to YAML, and two that mean something to one parser only."""
BAD_DATES = ["2027-02-30", "0000-00-00", "2026-13-01", "2026-07-12 25:00:00", "2026-04-31"]


def _paths(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, (*path, index))


def _parent(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path[:-1]:
        data = data[part]
    return data


@st.composite
def mutated_data(draw: st.DrawFn, file: str) -> Any:
    """The data of ``file`` with drawn mutations at drawn places."""
    data: Any = copy.deepcopy(BASES[file])
    for mutation in draw(st.lists(st.sampled_from(DATA_MUTATIONS), max_size=4)):
        paths = list(_paths(data))
        path = draw(st.sampled_from(paths[1:] or paths))
        if not path:
            continue
        parent, last = _parent(data, path), path[-1]
        if mutation == "delete":
            del parent[last]
        elif mutation == "swap-type":
            parent[last] = copy.deepcopy(draw(ODD_VALUES))  # st.just([]) is one shared list
        elif mutation == "invisible":
            text = str(parent[last])
            at = draw(st.integers(0, len(text)))
            parent[last] = text[:at] + draw(st.sampled_from(INVISIBLE)) + text[at:]
        elif mutation == "long-string":
            length = draw(st.sampled_from([200, 200, 20_000, 101_000]))
            parent[last] = (draw(st.sampled_from(["x", "word "])) * length)[:length]
        elif mutation == "nested":
            value: Any = copy.deepcopy(draw(ODD_VALUES))
            for _ in range(draw(st.sampled_from([2, 20, 48]))):
                value = [value]
            parent[last] = value
        elif mutation == "same-year" and isinstance(parent, dict):
            year = draw(st.sampled_from([2025, 2026, 2027]))
            parent[year] = 2
            parent[str(year)] = 3
        elif mutation == "add-key" and isinstance(parent, dict):
            parent[draw(st.sampled_from([*ODD_TEXT[1:], 2024, 1, True]))] = copy.deepcopy(
                draw(ODD_VALUES)
            )
        elif mutation == "rename-key" and isinstance(parent, dict):
            new = draw(st.sampled_from([str(last).upper(), f"{last}_", f"{last}\u202e", "2024"]))
            parent[new] = parent.pop(last)
    return data


def _dump(data: Any, style: str) -> str:
    """``data`` as YAML (libyaml's emitter: the pure-Python ones would slow every example)."""
    if style == "json":
        return json.dumps(data, default=str, ensure_ascii=False, allow_nan=True) + "\n"
    return str(
        yaml.dump(
            data,
            Dumper=yaml.CSafeDumper,
            allow_unicode=True,
            sort_keys=False,
            default_flow_style=style == "flow",
            width=60 if style == "narrow" else 100,
        )
    )


@st.composite
def mutated_files(draw: st.DrawFn) -> tuple[str, bytes]:
    """Which file to replace, and its mutated bytes (a mutation may leave them invalid UTF-8)."""
    file = draw(st.sampled_from([XAA, XAA, XAA, STANDARDS, SETTINGS]))
    style = draw(st.sampled_from(["block", "flow", "narrow", "json"]))
    text = _dump(draw(mutated_data(file)), style)
    raw: bytes | None = None
    for mutation in draw(st.lists(st.sampled_from(TEXT_MUTATIONS), max_size=3)):
        lines = text.split("\n")
        row = draw(st.integers(0, len(lines) - 1))
        where = draw(st.integers(0, max(len(text) - 1, 0)))
        colon = text.find(": ", where)
        if mutation == "tag" and colon >= 0:
            text = f"{text[: colon + 2]}{draw(st.sampled_from(TAGS))} {text[colon + 2 :]}"
        elif mutation == "anchor-alias" and colon >= 0:
            text = f"{text[: colon + 2]}&x {text[colon + 2 :]}"
            later = text.find(": ", colon + 4)
            if later >= 0:
                end = text.find("\n", later)
                text = f"{text[: later + 2]}*x{text[end:] if end >= 0 else ''}"
        elif mutation == "laughs":
            levels = draw(st.integers(2, 10))
            block = ["l0: &l0 [a, b, c, d, e, f, g, h, i, j]"]
            block += [f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 10)}]" for n in range(1, levels)]
            text += "\n".join(block) + "\n"
        elif mutation == "duplicate-line":
            lines.insert(row, lines[row])
            text = "\n".join(lines)
        elif mutation == "tab" and " " in text:
            at = text.find(" ", where)
            text = f"{text[:at]}\t{text[at + 1 :]}" if at >= 0 else text
        elif mutation == "crlf":
            text = text.replace("\n", draw(st.sampled_from(["\r\n", "\r"])))
        elif mutation == "bad-date":
            text = re.sub(r"\d{4}-\d{2}-\d{2}", draw(st.sampled_from(BAD_DATES)), text, count=1)
        elif mutation == "huge-number":
            number = draw(st.sampled_from([str(2**63), "9" * 5000, "-" + "1" * 40, "1e999"]))
            text = re.sub(r"(?<=: )\d+\b", number, text, count=1)
        elif mutation == "deep":
            depth = draw(st.sampled_from([49, 50, 51, 400, 1500]))
            lines[row] = f"deep{row}: {'[' * depth}{']' * depth}"
            text = "\n".join(lines)
        elif mutation == "directive":
            text = draw(st.sampled_from(["%YAML 1.1\n---\n", "%YAML 1.2\n---\n", "---\n"])) + text
        elif mutation == "stray-char":
            char = draw(st.sampled_from(STRAY))
            text = text[:where] + char + text[where:]
        elif mutation == "surrogate":
            lines[row] = f'surrogate{row}: "a\\ud800b"'
            text = "\n".join(lines)
        elif mutation == "raw-control":
            text = (
                text[:where]
                + draw(st.sampled_from(["\x01", "\x1b", "\x7f", "\x00"]))
                + text[where:]
            )
        elif mutation == "invalid-utf8":
            raw = text.encode("utf-8")
            raw = raw[:where] + b"\xff\xfe" + raw[where:]
    return file, raw if raw is not None else text.encode("utf-8", "surrogatepass")


@pytest.fixture(scope="module")
def edition(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of the ``minimal`` edition, whose XAA.yaml each example overwrites."""
    root = tmp_path_factory.mktemp("fuzz") / "minimal"
    shutil.copytree(EDITIONS / "minimal", root, ignore=shutil.ignore_patterns(".tierreport-cache"))
    return root


@pytest.mark.filterwarnings("error")  # a warning would reach the user's terminal
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(mutated=mutated_files(), compare=st.integers(0, 3))
def test_check_locates_every_problem_in_any_edition_file(
    edition: Path, mutated: tuple[str, bytes], compare: int
) -> None:
    target, content = mutated
    for name, original in ORIGINAL.items():
        (edition / name).write_bytes(content if name == target else original)
    with fast_path(True):
        result = check_edition(edition)
    text = content.decode("utf-8", "replace")
    lines = re.split(r"\r\n|[\r\n\x85\u2028\u2029]", text)
    for problem in result.problems:
        assert problem.file in FILES, problem
        assert problem.severity in ("error", "warning"), problem
        assert problem.line >= 1 and problem.col >= 1, problem
        assert "\n" not in problem.message and "\r" not in problem.message, problem
        assert problem.message.isprintable(), problem
        assert len(str(problem)) <= MAX_MESSAGE_CHARS + 100, str(problem)[:300]
        if problem.file == target:
            assert problem.line <= len(lines) + 1, problem
    assert result.edition is not None or any(p.severity == "error" for p in result.problems)
    if compare == 0:  # one example in four: ruamel reads it all four times slower
        with fast_path(False):
            assert check_edition(edition).problems == result.problems
