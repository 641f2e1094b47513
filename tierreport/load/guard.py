"""ruamel.yaml's round-trip loader with bounds: what ``load.read_yaml`` parses a file with.

The plain loader trusts its input in four ways that a hand-edited (or hostile) file can abuse,
and each is closed here, where the file and position are still known:

- **Aliases**: a ten-line "billion laughs" file expands to a billion values. The composer counts
  every value as it builds the document, an alias counted as the values it repeats, and stops
  past ``limits.MAX_YAML_VALUES``; an alias inside its own anchor (a cycle) is refused.
- **Nesting**: a few hundred ``[`` exhaust Python's recursion. The composer stops past
  ``limits.MAX_YAML_DEPTH`` levels.
- **Tags**: ``!!float x``, ``!!binary``, ``!!omap``, ``!!python/...`` or any other explicit tag
  would construct a value no field expects (or raise). Every node written with a tag becomes a
  ``Refused`` marker, which ``read_yaml`` reports at its key.
- **Merge keys** (``<<: *base``, not part of YAML 1.2) would copy an anchored mapping in; they
  are refused, so every key of a mapping is written where it is.
- **Impossible values**: ``2027-02-30``, ``0000-00-00``, a time of 25:00 or an integer of
  thousands of digits raise ``ValueError`` inside ruamel's constructor. Each becomes an
  ``Invalid`` marker, reported at its key.

The limits and merge keys raise ``GuardError``, a ``MarkedYAMLError`` carrying the position.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.composer import Composer
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.events import AliasEvent
from ruamel.yaml.nodes import MappingNode, ScalarNode

from tierreport.limits import MAX_YAML_DEPTH, MAX_YAML_VALUES

_REFUSED = "tag:tierreport.invalid,2026:refused:"
"""Prefix of the tag a node written with an explicit tag is given; the written tag follows."""
_MERGE = "tag:yaml.org,2002:merge"


class GuardError(MarkedYAMLError):
    """A file the guards refuse; ``problem`` says why, ``problem_mark`` where."""


@dataclass(frozen=True)
class Refused:
    """A value written with an explicit YAML tag (``!!binary ...``), which no field accepts."""

    tag: str
    """The tag as written, e.g. ``!!float`` or ``!custom``."""


@dataclass(frozen=True)
class Invalid:
    """A value YAML reads as a date, time or number that cannot exist (``2027-02-30``)."""

    text: str
    """The value as written."""
    reason: str
    """Why it cannot exist, as Python says it (``day is out of range for month``)."""


def written_tag(tag: Any) -> str:
    """A ruamel ``Tag`` as the file wrote it: ``!!float``, ``!custom``, ``!<tag:x>``."""
    handle = getattr(tag, "handle", None)
    suffix = getattr(tag, "suffix", None)
    if handle is None:
        return f"!<{suffix}>" if suffix not in (None, "!") else "!"
    return f"{handle}{suffix or ''}"


class GuardedComposer(Composer):
    """ruamel's composer, counting values and levels and marking every explicit tag."""

    def __init__(self, loader: Any = None) -> None:
        super().__init__(loader)
        # A reused anchor name is valid YAML (the later one counts); ruamel would print a Python
        # warning on standard error for it.
        self.warn_double_anchors = False
        self.values = 0
        self.sizes: dict[int, int] = {}
        """Values under each anchored node once composed (by ``id``): what an alias repeats."""

    def _count(self, values: int, mark: Any) -> None:
        self.values += values
        if self.values > MAX_YAML_VALUES:
            raise GuardError(
                problem=(
                    f"the file holds more than {MAX_YAML_VALUES:,} values (each alias counted "
                    "as the values it repeats); a country file needs a few hundred: look for "
                    "aliases (*name) repeating large parts"
                ),
                problem_mark=mark,
            )

    def compose_node(self, parent: Any, index: Any) -> Any:
        """Compose one node as ruamel does, after counting it and checking its depth."""
        event = self.parser.peek_event()
        if isinstance(event, AliasEvent):
            target = self.anchors.get(event.anchor)
            if target is not None:
                size = self.sizes.get(id(target))
                if size is None:
                    raise GuardError(
                        problem=(
                            f"alias *{event.anchor} is inside the value it names (a cycle); "
                            "write the value out"
                        ),
                        problem_mark=event.start_mark,
                    )
                self._count(size, event.start_mark)
            return super().compose_node(parent, index)  # an undefined alias: ruamel's error
        self._count(1, event.start_mark)
        if self.depth >= MAX_YAML_DEPTH:
            raise GuardError(
                problem=(
                    f"lists and mappings are nested more than {MAX_YAML_DEPTH} levels deep; "
                    "a country file needs 7"
                ),
                problem_mark=event.start_mark,
            )
        before = self.values
        tag = getattr(event, "ctag", None)
        node = super().compose_node(parent, index)
        if node.anchor is not None:
            self.sizes[id(node)] = self.values - before
        if tag is not None:
            node.tag = _REFUSED + written_tag(tag)
        elif isinstance(node, MappingNode):
            for key, _ in node.value:
                if key.tag == _MERGE:
                    raise GuardError(
                        problem="merge keys (<<) are not allowed; write the keys out",
                        problem_mark=key.start_mark,
                    )
        return node


class GuardedConstructor(RoundTripConstructor):
    """ruamel's round-trip constructor, turning an impossible scalar into an ``Invalid``."""

    def construct_non_recursive_object(self, node: Any, tag: Any = None) -> Any:
        """Construct as ruamel does; a scalar that raises ``ValueError`` becomes ``Invalid``."""
        try:
            return super().construct_non_recursive_object(node, tag)
        except (ValueError, OverflowError) as exc:
            if not isinstance(node, ScalarNode):
                raise
            return Invalid(str(node.value), str(exc))


def _refused(constructor: Any, tag: str, node: Any) -> Refused:
    return Refused(tag)


GuardedConstructor.add_multi_constructor(_REFUSED, _refused)


def guarded_yaml() -> YAML:
    """A round-trip loader with the guards above and duplicate keys refused."""
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    yaml.Composer = GuardedComposer
    yaml.Constructor = GuardedConstructor
    return yaml
