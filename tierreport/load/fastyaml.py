"""The fast path of ``load.read_yaml``: libyaml's C parser for structure, ruamel's rules for values.

ruamel.yaml's round-trip loader is pure Python and took about 50 ms per country file, nearly
all of ``check``'s time on a 200-country edition. libyaml (through PyYAML's C binding) parses the
same file in a few milliseconds and keeps the line and column of every node. Its own resolver
follows YAML 1.1 (``yes`` is a boolean there), so it is bypassed: every plain scalar is resolved
and constructed by ruamel's YAML 1.2 resolver and safe constructor, exactly as the round-trip
loader does.

Anything unusual (a syntax error, an explicit tag, a duplicate key, an alias, a merge key, a key
that is not a scalar, more values or deeper nesting than ``tierreport.limits`` allows) makes
``compose_plain`` return None, and ``read_yaml`` reads the file with ruamel, whose messages the
tests and users rely on. So does anything on which libyaml and ruamel were found to disagree: a
tab anywhere (libyaml accepts one after a colon, ruamel refuses it), a directive such as
``%YAML 1.1`` (under which ruamel reads ``yes`` as true), the line separators U+0085, U+2028 and
U+2029 (line breaks to libyaml, not to ruamel), a byte-order mark inside the text (which libyaml
skips and ruamel keeps), document end markers (``...``: two of them are one document to libyaml,
two to ruamel), the non-specific tag ``!`` (which ruamel refuses, as every tag), and an anchor
name with a character other than a letter, digit, ``-`` or ``_``. Same data, positions and
problems either way: tests compare the two on every YAML file of the repository and on generated
documents (``tests/test_fastyaml.py``), and ``TIERREPORT_NO_FASTYAML=1`` turns the fast path off
(``make unit-no-fastyaml`` runs the tests of reading and checking so).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.constructor import SafeConstructor
from ruamel.yaml.error import YAMLError
from ruamel.yaml.nodes import ScalarNode as RuamelScalar
from ruamel.yaml.resolver import VersionedResolver

from tierreport.limits import MAX_YAML_DEPTH, MAX_YAML_VALUES

try:
    import yaml
    from yaml._yaml import CParser
except ImportError:  # PyYAML without libyaml (or none at all): ruamel reads every file
    CParser = None

Path_ = tuple[str | int, ...]

_PLAIN = "?plain"
_QUOTED = "?quoted"
_COLLECTION = "?collection"
_OTHER = "?other"
_STR = "tag:yaml.org,2002:str"
DISABLE = "TIERREPORT_NO_FASTYAML"
"""Environment variable: set to 1 (or any non-empty value but 0) to read every file with ruamel."""
_DECLINED_CHARS = "\t\x85\u2028\u2029\ufeff"
"""Tabs, line separators, and a byte-order mark inside the text (one that starts the file is
gone before parsing): on each the two parsers disagree."""
_LINE_STARTS = ("%", "...")
"""A directive, a document end marker."""
_ANCHOR_NAME = re.compile("[A-Za-z0-9_-]*")
_NODE_START = frozenset(" \t\r\n[{,")


def _disagreeing(text: str) -> bool:
    """Whether ``text`` holds something libyaml and ruamel were found to read differently.

    Substring tests first: they run at memory speed, where one regular expression over every
    country file took a quarter of ``check``'s time.
    """
    if any(char in text for char in _DECLINED_CHARS):
        return True
    if text.startswith(_LINE_STARTS) or any(
        f"{brk}{start}" in text for brk in "\n\r" for start in _LINE_STARTS
    ):
        return True
    if "!" not in text and "&" not in text:
        return False
    for found in re.finditer("[!&]", text):
        at = found.start()
        if at and text[at - 1] not in _NODE_START:
            continue  # inside a word ("Stop!", "R&D"): text, to both parsers
        if text[at] == "!":
            return True  # perhaps the non-specific tag !, which libyaml resolves out of sight
        name = _ANCHOR_NAME.match(text, at + 1)
        end = name.end() if name else at + 1
        if (
            end < len(text)
            and text[end] not in _NODE_START
            and text[end] != "]"
            and text[end] != "}"
        ):
            return True  # an anchor name libyaml ends sooner than ruamel (&a: x)
    return False


class _Unusual(Exception):
    """The file needs ruamel's round-trip loader (and its messages)."""


if CParser is not None:

    class _Composer(CParser):  # type: ignore[misc]  # PyYAML ships no type hints
        """libyaml's composer with a resolver that only records how a node was written."""

        def descend_resolver(self, parent: Any, index: Any) -> None:
            """No path-dependent resolution: nothing to track."""

        def ascend_resolver(self) -> None:
            """No path-dependent resolution: nothing to track."""

        def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
            """Record whether a node was written plain, quoted or with an explicit tag."""
            if kind is yaml.ScalarNode:
                plain, quoted = implicit
                return _PLAIN if plain else _QUOTED if quoted else _OTHER
            return _COLLECTION


class _Values:
    """ruamel's YAML 1.2 resolver and safe constructor, applied to one scalar at a time."""

    def __init__(self) -> None:
        # A YAML object ties resolver and constructor together, as its loaders do (version 1.2).
        loader = YAML(typ="safe", pure=True)
        self.resolver: VersionedResolver = loader.resolver
        self.constructor: SafeConstructor = loader.constructor
        self.cache: dict[str, Any] = {}
        # The resolver tries only the patterns filed under a value's first character (and
        # under None): text starting with any other character is a string, so most prose
        # skips the resolver entirely.
        table = self.resolver.versioned_resolver
        self.starters = frozenset(k for k in table if k) if None not in table else None
        # A letter starts only words (true, False, null...): text longer than the longest is
        # a string too. Read from the patterns themselves; a letter whose patterns are not a
        # plain list of words is left to the resolver.
        self.longest: dict[str, int] = {}
        for starter, entries in table.items():
            lengths = [_longest_word(pattern.pattern) for _, pattern in entries]
            if starter and starter.isalpha() and None not in lengths:
                self.longest[starter] = max(n for n in lengths if n is not None)

    def plain(self, text: str) -> Any:
        """The value of a plain scalar, as the round-trip loader gives it."""
        if text and self.starters is not None and text[0] not in self.starters:
            return text
        if len(text) > self.longest.get(text[:1], len(text)):
            return text
        if text in self.cache:
            return self.cache[text]
        tag = self.resolver.resolve(RuamelScalar, text, (True, False))
        try:
            value = (
                text if tag == _STR else self.constructor.construct_object(RuamelScalar(tag, text))
            )
        except YAMLError as exc:  # a merge key ``<<``, an out-of-range date...
            raise _Unusual(str(exc)) from exc
        if isinstance(value, (str, int, float, bool, dt.date)) or value is None:
            self.cache[text] = value  # immutable (dates and datetimes too): safe to share
        return value


def _longest_word(pattern: str) -> int | None:
    """The length of the longest word that ``pattern``, a list of words (``^(?:true|True)$``,
    spaces ignored), matches; None when it is not such a list."""
    compact = re.sub(r"\s", "", pattern)
    if not (compact.startswith("^(?:") and compact.endswith(")$")):
        return None
    words = compact[4:-2].split("|")
    if not all(re.fullmatch("[A-Za-z~]*", word) for word in words):
        return None
    return max(len(word) for word in words)


_VALUES: _Values | None = None


def enabled() -> bool:
    """Whether the fast path is on: libyaml is installed and ``TIERREPORT_NO_FASTYAML`` unset."""
    return CParser is not None and os.environ.get(DISABLE, "") in ("", "0")


def compose_plain(text: str) -> tuple[Any, dict[Path_, tuple[int, int]]] | None:
    """The plain data of ``text`` and the 1-based position of every key and item, or None.

    None means: read this file with ruamel (it is unusual, or it has an error to report).
    """
    global _VALUES
    if not enabled() or _disagreeing(text):
        return None
    if _VALUES is None:
        _VALUES = _Values()
    composer = _Composer(text)
    try:
        node = composer.get_single_node()
    except yaml.YAMLError:
        return None
    finally:
        composer.dispose()
    # Without an ``&`` the text defines no anchor, so no node can be met twice (an alias to an
    # undefined anchor is a syntax error above): the walk then only counts the nodes.
    walk = _Walk(_VALUES, {}, {id(node)} if "&" in text else None)
    try:
        data = None if node is None else walk.node(node, (), 1)
    except (_Unusual, ValueError, TypeError, OverflowError):
        return None
    return data, walk.positions


class _Walk:
    """One file's walk from libyaml's nodes to plain data, as ruamel would read it.

    It counts every value ruamel's guarded composer counts (every key, value and item, and the
    root) and the nesting, so that both refuse the same files; ``seen``, when the text may hold
    an anchor, holds every node visited, to find aliases. Scalars, most of the nodes, are read
    in their collection's loop rather than by a call each: the calls were half the walk's time.
    """

    __slots__ = ("count", "positions", "seen", "values")

    def __init__(
        self, values: _Values, positions: dict[Path_, tuple[int, int]], seen: set[int] | None
    ) -> None:
        self.values = values
        self.positions = positions
        """The 1-based line and column of every key and item, by its path."""
        self.seen = seen
        self.count = 1

    def node(self, node: Any, path: Path_, depth: int) -> Any:
        """Plain data of ``node`` at nesting ``depth`` (the root is 1), at ``path``."""
        if type(node) is yaml.ScalarNode:
            return self.scalar(node)
        if node.tag != _COLLECTION:
            raise _Unusual("an explicit tag")
        children = node.value
        is_mapping = type(node) is yaml.MappingNode
        self.count += len(children) * (2 if is_mapping else 1)
        if children and (self.count > MAX_YAML_VALUES or depth + 1 > MAX_YAML_DEPTH):
            raise _Unusual("past a limit")  # ruamel reports it, at the same node
        if self.seen is not None:
            self.aliases(children if not is_mapping else [n for pair in children for n in pair])
        if is_mapping:
            return self.mapping(children, path, depth + 1)
        return self.sequence(children, path, depth + 1)

    def scalar(self, node: Any) -> Any:
        """A plain scalar resolved as ruamel would; a quoted one as its text."""
        tag = node.tag
        if tag == _PLAIN:
            return self.values.plain(node.value)
        if tag == _QUOTED:
            return node.value
        raise _Unusual("an explicit tag")

    def aliases(self, nodes: list[Any]) -> None:
        """Refuse a node already visited (an alias): ruamel shares the anchored object."""
        assert self.seen is not None
        for child in nodes:
            if id(child) in self.seen:
                raise _Unusual("an alias")  # not worth mirroring
            self.seen.add(id(child))

    def mapping(self, pairs: list[tuple[Any, Any]], path: Path_, depth: int) -> dict[Any, Any]:
        """The keys and values of a mapping node's ``pairs``, at ``depth``."""
        out: dict[Any, Any] = {}
        positions = self.positions
        for key_node, value_node in pairs:
            if type(key_node) is not yaml.ScalarNode or key_node.tag == _OTHER:
                raise _Unusual("a complex key")
            key = self.scalar(key_node)
            if key in out or (key == "<<" and key_node.tag == _PLAIN) or isinstance(key, list):
                raise _Unusual("a duplicate or merge key")
            mark = key_node.start_mark
            where = (*path, key)
            positions[where] = (mark.line + 1, mark.column + 1)
            if type(value_node) is yaml.ScalarNode:
                out[key] = self.scalar(value_node)
            else:
                out[key] = self.node(value_node, where, depth)
        return out

    def sequence(self, items: list[Any], path: Path_, depth: int) -> list[Any]:
        """The items of a sequence node, at ``depth``."""
        out = []
        positions = self.positions
        for index, item in enumerate(items):
            mark = item.start_mark
            where = (*path, index)
            positions[where] = (mark.line + 1, mark.column + 1)
            out.append(
                self.scalar(item)
                if type(item) is yaml.ScalarNode
                else self.node(item, where, depth)
            )
        return out
