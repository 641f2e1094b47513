"""The libyaml fast path reads every file exactly as ruamel's round-trip loader does."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from benchmarks.synthetic.synthetic import write_edition
from tests.builders import fast_path
from tierreport.limits import MAX_YAML_DEPTH, MAX_YAML_VALUES
from tierreport.load import fastyaml
from tierreport.load import yaml as load
from tierreport.load.cache import Store
from tierreport.load.fastyaml import compose_plain
from tierreport.load.yaml import Loaded, Parsed, parse_yaml, read_yaml

REPO = Path(__file__).parent.parent


@pytest.fixture(autouse=True)
def fast_path_on(monkeypatch: pytest.MonkeyPatch) -> None:
    """This module tests the fast path itself: on, whatever ``TIERREPORT_NO_FASTYAML`` says."""
    monkeypatch.delenv(fastyaml.DISABLE, raising=False)


def _ruamel(path: Path, monkeypatch: pytest.MonkeyPatch) -> Loaded:
    with monkeypatch.context() as patch:
        patch.setattr(load, "compose_plain", lambda text: None)
        return read_yaml(path, path.name)


def _repository_yaml() -> list[Path]:
    found = [REPO / "edition.yaml", *sorted((REPO / "standards").glob("*.yaml"))]
    found += sorted((REPO / "countries").glob("*.yaml"))
    found += sorted((REPO / "tests" / "editions").rglob("*.yaml"))
    return found


def test_every_yaml_file_of_the_repository_reads_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    files = _repository_yaml()
    assert len(files) > 20
    for path in files:
        slow = _ruamel(path, monkeypatch)
        fast = read_yaml(path, path.name)
        assert (fast.data, fast.source_map.positions, fast.problems) == (
            slow.data,
            slow.source_map.positions,
            slow.problems,
        ), path


def test_synthetic_files_take_the_fast_path_and_read_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_edition(tmp_path / "edition", countries=10, seed=4).root
    for path in sorted((root / "countries").glob("*.yaml")):
        assert compose_plain(path.read_text(encoding="utf-8")) is not None, path
        slow = _ruamel(path, monkeypatch)
        fast = read_yaml(path, path.name)
        assert (fast.data, fast.source_map.positions) == (slow.data, slow.source_map.positions)


def test_values_follow_yaml_1_2_as_ruamel_reads_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = (
        "a: yes\nb: on\nc: 0755\nd: 0o17\ne: 0x1F\nf: 1_000\ng: .inf\nh: ~\ni:\n"
        "j: 2026-04-01\nk: 'true'\nl: True\nm: 0.85\nn: [1, '2', x]\n2027: {tier: 2WL}\n"
    )
    parsed = compose_plain(text)
    assert parsed is not None
    data, positions = parsed
    assert data == {
        "a": "yes",
        "b": "on",
        "c": 755,
        "d": 15,
        "e": 31,
        "f": 1000,
        "g": float("inf"),
        "h": None,
        "i": None,
        "j": dt.date(2026, 4, 1),
        "k": "true",
        "l": True,
        "m": 0.85,
        "n": [1, "2", "x"],
        2027: {"tier": "2WL"},
    }
    assert positions[("n", 2)] == (14, 13)
    assert positions[(2027, "tier")] == (15, 8)
    path = tmp_path / "values.yaml"
    path.write_text(text, encoding="utf-8")
    slow = _ruamel(path, monkeypatch)
    assert (slow.data, slow.source_map.positions) == (data, {(): (1, 1), **positions})


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("a: [1, 2\n", "a syntax error"),
        ("a: !custom x\n", "an explicit tag"),
        ("a: !!str 1\n", "a standard tag"),
        ("a: 1\na: 2\n", "a duplicate key"),
        ("base: &b {x: 1}\nother: *b\n", "an alias"),
        ("a: &x text\nb: *x\n", "an alias of a scalar"),
        ("a: &x [1]\nb: [2, *x]\n", "an alias inside another collection"),
        ("a: [&x {k: 1}, *x]\n", "an alias beside its anchor"),
        ("&r\na: *r\n", "an alias of the root, inside it"),
        ("base: &b {x: 1}\nother:\n  <<: *b\n", "a merge key"),
        ("? [a, b]\n: 1\n", "a complex key"),
        ("a: 1\n---\nb: 2\n", "two documents"),
    ],
)
def test_unusual_files_are_left_to_ruamel(text: str, why: str) -> None:
    assert compose_plain(text) is None, why


def test_the_fast_path_counts_values_and_depth_as_ruamel_does() -> None:
    # The root, then a key and a value per pair, an item per item: MAX_YAML_VALUES in all.
    pairs = (MAX_YAML_VALUES - 1) // 2
    at_limit = "".join(f"k{i}: {i}\n" for i in range(pairs))
    assert compose_plain(at_limit) is not None
    assert compose_plain(at_limit + "one: more\n") is None
    nested = MAX_YAML_DEPTH - 1
    assert compose_plain("a: " + "[" * nested + "]" * nested + "\n") is not None
    assert compose_plain("a: " + "[" * nested + "1" + "]" * nested + "\n") is None
    # Anchors without aliases are no reason to decline.
    assert compose_plain("a: &x [1]\nb: &y text\n") == (
        {"a": [1], "b": "text"},
        {("a",): (1, 1), ("a", 0): (1, 8), ("b",): (2, 1)},
    )


def test_errors_keep_ruamel_messages(tmp_path: Path) -> None:
    path = tmp_path / "XAA.yaml"
    path.write_text("code: XAA\ncode: XAB\n", encoding="utf-8")
    loaded = read_yaml(path, "countries/XAA.yaml")
    assert [p.file for p in loaded.problems] == ["countries/XAA.yaml"]
    assert loaded.problems[0].message.startswith("YAML syntax error: while constructing a mapping")
    assert (loaded.problems[0].line, loaded.problems[0].col) == (2, 1)


# --- where libyaml and ruamel disagree, the fast path declines (issue 11, section 4) ----------


def _both(text: str) -> tuple[Loaded, Loaded]:
    """``text`` read with the fast path allowed, and with ruamel alone."""
    with fast_path(True):
        fast = parse_yaml(text, "x.yaml")
    with fast_path(False):
        slow = parse_yaml(text, "x.yaml")
    return fast, slow


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("a:\tb\n", "libyaml accepts a tab after a colon, ruamel refuses it"),
        ("a: 1 \t# note\n", "libyaml accepts a tab before a comment, ruamel refuses it"),
        ("%YAML 1.1\n---\na: yes\n", "under a 1.1 directive ruamel reads yes as true"),
        ("%TAG !e! tag:example.com,2000:\n---\na: 1\n", "a directive"),
        ("a: b\u2028c: 1\n", "libyaml breaks the line at U+2028, ruamel does not"),
        ("a: b\x85c\n", "libyaml refuses U+0085, ruamel reads it as a space"),
        ("a: b\ufeffc\n", "libyaml skips a byte-order mark, ruamel keeps it"),
        ("a: 1\n...\n...\n", "libyaml reads one document here, ruamel two"),
        ("a: ! 12\n", "libyaml resolves the non-specific tag ! as if none were written"),
        ("&a: null\n", "an anchor a: on null to ruamel, an anchor a on a null key to libyaml"),
    ],
)
def test_the_fast_path_declines_what_the_parsers_read_differently(text: str, why: str) -> None:
    with fast_path(True):
        assert compose_plain(text) is None, why
    fast, slow = _both(text)
    assert (fast.data, fast.source_map.positions, fast.problems) == (
        slow.data,
        slow.source_map.positions,
        slow.problems,
    )


def test_a_tab_after_a_colon_is_the_same_error_either_way(tmp_path: Path) -> None:
    path = tmp_path / "XAA.yaml"
    path.write_text("code:\tXAA\n", encoding="utf-8")
    for on in (True, False):
        with fast_path(on):
            loaded = read_yaml(path, "countries/XAA.yaml")
        assert [str(p) for p in loaded.problems] == [
            "countries/XAA.yaml:1:6: error: YAML syntax error: while scanning for the next token "
            "found character '\\t' that cannot start any token"
        ]


def test_the_environment_variable_turns_the_fast_path_off(tmp_path: Path) -> None:
    path = tmp_path / "XAA.yaml"
    path.write_text("code: XAA\nyears: {2026: 1}\n", encoding="utf-8")
    cache: Store[Parsed] = Store(None)
    with fast_path(False):
        assert not fastyaml.enabled()
        assert compose_plain("a: 1\n") is None
        loaded = read_yaml(path, "countries/XAA.yaml", cache)
    assert cache.get(hashlib.sha256(path.read_bytes()).digest()) is None  # ruamel's: not kept
    assert loaded.data == {"code": "XAA", "years": {2026: 1}}
    with fast_path(True):
        assert fastyaml.enabled()
        assert compose_plain("a: 1\n") == ({"a": 1}, {("a",): (1, 1)})


# --- a differential test: generated documents, dumped and mutated, read both ways -------------

EXAMPLES = int(os.environ.get("TIERREPORT_FUZZ_EXAMPLES", "300"))
"""Examples per property test; ``make fuzz`` sets 10,000."""

TRICKY = [
    "yes", "no", "on", "off", "y", "n", "~", "null", "Null", "true", "False", "0755", "0o17",
    "0x1F", "0b101", "1_000", "1,000", ".inf", "-.inf", ".nan", "+1", "-0", "1e3", "1.5e-3",
    "2026-04-01", "2026-02-30", "2026-04-01 12:00:00", "2026-04-01T12:00:00Z", "12:30", "25:00",
    "=", "<<", "!", "&a", "*a", "#", "- x", "a: b", "'q'", '"q"', "%YAML", "---", "...", "? x",
    "|", ">", "@", "`", "{}", "[]", "", " ", "a\tb", "\u202eb", "é", "\U0001f600",
]  # fmt: skip
"""Scalars whose meaning depends on the YAML version, the resolver or the quoting."""

_TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12
) | st.sampled_from(TRICKY)
_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-(10**20), 10**20)
    | st.floats(allow_nan=False, width=64)
    | st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31))
    | _TEXT
)
_KEYS = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=8)
_KEYS = _KEYS | st.integers(1900, 2100) | st.sampled_from(["2024", "yes", "null", "1.5", "<<"])
DOCUMENTS = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_KEYS, inner, max_size=4),
    max_leaves=16,
)


def _dump(document: Any, style: str) -> str:
    """``document`` written as YAML in one of several dumpers' styles."""
    if style == "json":
        return json.dumps(document, default=str, ensure_ascii=False) + "\n"
    if style.startswith("pyyaml"):
        quote = {"pyyaml": None, "pyyaml-double": '"', "pyyaml-single": "'"}[style]
        return str(
            yaml.safe_dump(document, default_style=quote, allow_unicode=True, sort_keys=False)
        )
    writer = YAML(typ="safe", pure=True)
    writer.default_flow_style = {"block": False, "flow": True, "mixed": None, "start": False}[style]
    writer.explicit_start = style == "start"
    if style == "mixed":
        writer.indent(mapping=4, sequence=6, offset=3)
        writer.width = 20
    stream = io.StringIO()
    writer.dump(document, stream)
    return stream.getvalue()


MUTATIONS = [
    "tab-after-colon", "tab-for-space", "comment-line", "trailing-comment", "directive-1.1",
    "directive-1.2", "tag-directive", "anchor-alias", "flow-collection", "crlf", "bom",
    "document-end", "line-separator", "insert-char", "delete-char", "duplicate-line",
]  # fmt: skip


@st.composite
def mutated(draw: st.DrawFn) -> str:
    """A generated document, dumped in a drawn style, with drawn mutations of its text."""
    style = draw(
        st.sampled_from(
            ["block", "flow", "mixed", "start", "json", "pyyaml", "pyyaml-double", "pyyaml-single"]
        )
    )
    text = _dump(draw(DOCUMENTS), style)
    for mutation in draw(st.lists(st.sampled_from(MUTATIONS), max_size=3)):
        where = draw(st.integers(0, max(len(text) - 1, 0)))
        lines = text.split("\n")
        row = draw(st.integers(0, max(len(lines) - 1, 0)))
        if mutation == "tab-after-colon" and ": " in text:
            at = text.find(": ", where) if ": " in text[where:] else text.find(": ")
            text = text[: at + 1] + "\t" + text[at + 2 :]
        elif mutation == "tab-for-space" and " " in text:
            at = text.find(" ", where) if " " in text[where:] else text.find(" ")
            text = text[:at] + "\t" + text[at + 1 :]
        elif mutation == "comment-line":
            lines.insert(row, "# a comment: [with] {yaml} - like *text")
            text = "\n".join(lines)
        elif mutation == "trailing-comment":
            lines[row] += " # trailing"
            text = "\n".join(lines)
        elif mutation.startswith("directive"):
            directive = {
                "directive-1.1": "%YAML 1.1",
                "directive-1.2": "%YAML 1.2",
            }.get(mutation, "%TAG !e! tag:example.com,2000:")
            text = f"{directive}\n---\n{text.removeprefix('---').lstrip()}"
        elif mutation == "anchor-alias":
            text += "anchored: &shared {a: [1, yes], b: 2026-04-01}\nagain: *shared\n"
        elif mutation == "flow-collection":
            text += "flow: {a: [1, 'two', {b: null}], 2024: [], c: {}}\n"
        elif mutation == "crlf":
            text = text.replace("\n", "\r\n")
        elif mutation == "bom":
            text = "\ufeff" + text
        elif mutation == "document-end":
            text += "...\n"
        elif mutation == "line-separator":
            text = text[:where] + draw(st.sampled_from(["\u2028", "\u2029", "\x85"])) + text[where:]
        elif mutation == "insert-char":
            char = draw(st.sampled_from(list(":-[]{},#&*!|>'\"%@` \t\n?")))
            text = text[:where] + char + text[where:]
        elif mutation == "delete-char":
            text = text[:where] + text[where + 1 :]
        elif mutation == "duplicate-line" and lines:
            lines.insert(row, lines[row])
            text = "\n".join(lines)
    return text


def _typed(value: Any) -> Any:
    """``value`` with every scalar tagged by its type: 1, 1.0 and True must not compare equal."""
    if isinstance(value, dict):
        return ("map", [(_typed(k), _typed(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("seq", [_typed(v) for v in value])
    if isinstance(value, float):
        return ("float", repr(value))  # nan compares equal to itself this way
    if isinstance(value, dt.datetime):
        return ("datetime", value.isoformat())
    return (type(value).__name__, value)


@pytest.mark.filterwarnings("error")  # a warning would reach the user's terminal
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(text=mutated())
def test_both_paths_read_generated_documents_the_same(text: str) -> None:
    fast, slow = _both(text)
    event("fast path taken" if compose_plain(text) is not None else "fast path declined")
    assert _typed(fast.data) == _typed(slow.data)
    assert [(_typed(k), v) for k, v in fast.source_map.positions.items()] == [
        (_typed(k), v) for k, v in slow.source_map.positions.items()
    ]
    assert fast.problems == slow.problems
