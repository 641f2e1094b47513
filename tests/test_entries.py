"""What is kept per country between runs: one file per entry, records allowed, nothing stale.

``load.entries`` keeps each country's check, placement and record; these tests hold it to the
rules of the build cache (``tests/test_cache.py``): the same results as a run without it, under
every change of its inputs, and a tampered file that runs nothing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import importlib
import inspect
import os
import pickle
import pkgutil
import shutil
import sys
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from markupsafe import Markup

import tierreport
from tests.conftest import EDITIONS, copy_edition, run
from tests.test_engine_checks import EXPECTED
from tierreport.check.edition import PARSE_CACHE, check_edition, parse_cache
from tierreport.load import yaml as load
from tierreport.load.cache import Store, fingerprint, is_record_class, load_pickle
from tierreport.load.entries import Entries
from tierreport.problems import Problem
from tierreport.render.history import TierYear


def key(text: str) -> bytes:
    return hashlib.sha256(text.encode()).digest()


def test_entries_keep_records_and_values_across_runs(tmp_path: Path) -> None:
    folder = tmp_path / "cache" / "kept"
    value = (
        TierYear(2026, "2WL", "Tier 2 Watch List", False, False, Decimal("0.5"), False),
        Markup("<em>seized</em>"),
        Decimal("0.85"),
        Fraction(22, 26),
        dt.date(2026, 4, 1),
        {("a", 0): (3, 4)},
    )
    first: Entries[object] = Entries(folder, records=True)
    first.put(key("a"), value)
    assert not folder.exists()  # nothing is written before save
    first.save()
    assert [p.name for p in folder.iterdir()] == ["pack.pickle"]
    assert Entries(folder, records=True).get(key("a")) == value
    # A store of plain values refuses the record classes, and reads them as absent.
    assert Entries(folder).get(key("a")) is None


def loose(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name != "pack.pickle")


def test_a_run_that_adds_few_entries_writes_them_loose_and_one_that_adds_many_packs_them(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "kept"
    first: Entries[str] = Entries(folder)
    for n in range(12):
        first.put(key(f"e{n}"), f"e{n}")
    first.save()  # a cold run: one pack
    assert loose(folder) == []
    (folder / "notes.txt").write_text("a file of someone else's", encoding="utf-8")
    # A rebuild after one edit: its entry is loose, the others stay packed; one unused entry
    # (the edited file's previous one) stays packed until the next pack.
    second: Entries[str] = Entries(folder)
    assert second.get(key("e0")) == "e0"
    for n in range(1, 11):
        second.keep(key(f"e{n}"))  # kept without being read
    second.put(key("new"), "new")
    second.save()
    assert loose(folder) == sorted([f"{key('new').hex()}.pickle", "notes.txt"])
    third: Entries[str] = Entries(folder)
    assert third.get(key("new")) == "new" and third.get(key("e11")) == "e11"
    assert third.stored() == {key(f"e{n}") for n in range(12)} | {key("new")}
    # A run that adds many packs every entry it used, drops the others and the loose files,
    # and leaves what is not its own.
    for n in range(5):
        third.put(key(f"more{n}"), f"more{n}")
    third.save()
    assert loose(folder) == ["notes.txt"]
    fourth: Entries[str] = Entries(folder)
    assert fourth.stored() == {key("new"), key("e11"), *(key(f"more{n}") for n in range(5))}
    assert fourth.get(key("e0")) is None and fourth.get(key("more4")) == "more4"


def test_a_newer_loose_entry_wins_over_its_packed_one(tmp_path: Path) -> None:
    folder = tmp_path / "kept"
    first: Entries[str] = Entries(folder)
    for n in range(12):
        first.put(key(f"e{n}"), "old")
    first.save()
    second: Entries[str] = Entries(folder)
    for n in range(12):
        second.keep(key(f"e{n}"))
    second.put(key("e3"), "new")
    second.save()
    assert loose(folder) == [f"{key('e3').hex()}.pickle"]
    assert Entries[str](folder).get(key("e3")) == "new"


def test_an_entry_from_other_code_or_damaged_reads_as_absent(tmp_path: Path) -> None:
    folder = tmp_path / "kept"
    folder.mkdir()
    for name, content in [
        ("other", pickle.dumps(("another fingerprint", "value"))),
        ("damaged", b"not a pickle"),
        ("bare", pickle.dumps("value")),
    ]:
        (folder / f"{key(name).hex()}.pickle").write_bytes(content)
        assert Entries[str](folder).get(key(name)) is None, name
    link = folder / f"{key('link').hex()}.pickle"
    link.symlink_to(folder / f"{key('other').hex()}.pickle")
    assert Entries[str](folder).get(key("link")) is None
    (folder / "pack.pickle").write_bytes(pickle.dumps(("another fingerprint", {key("x"): b""})))
    assert Entries[str](folder).get(key("x")) is None


class _Exploit:
    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, ("touch pwned",))


@dataclasses.dataclass
class _Foreign:
    """A dataclass, but not one of tierreport's."""

    value: str = "x"


@pytest.mark.parametrize(
    "stored",
    [_Exploit(), _Foreign(), Store(None), Problem("f", 1, 1, "error", "m")],
    ids=["code", "a-dataclass-from-elsewhere", "a-tierreport-class-that-is-no-record", "problem"],
)
def test_a_tampered_entry_runs_no_code_and_reads_as_absent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stored: object
) -> None:
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "kept"
    folder.mkdir()
    (folder / f"{key('x').hex()}.pickle").write_bytes(pickle.dumps((fingerprint(), stored)))
    assert Entries[object](folder, records=True).get(key("x")) is None
    entry = pickle.dumps((fingerprint(), stored))
    (folder / "pack.pickle").write_bytes(pickle.dumps((fingerprint(), {key("y"): entry})))
    assert Entries[object](folder, records=True).get(key("y")) is None
    (folder / "pack.pickle").write_bytes(pickle.dumps((fingerprint(), {key("z"): stored})))
    assert Entries[object](folder, records=True).get(key("z")) is None  # the pack: bytes only
    assert not (tmp_path / "pwned").exists()


def _record_classes() -> list[type]:
    for module in pkgutil.walk_packages(tierreport.__path__, "tierreport."):
        if not module.name.endswith("__main__"):
            importlib.import_module(module.name)
    found = {
        value
        for name, module in list(sys.modules.items())
        if name.startswith("tierreport.")
        for value in vars(module).values()
        if is_record_class(value)
    }
    return sorted(found, key=lambda c: (c.__module__, c.__qualname__))


def test_every_record_class_is_filled_in_by_the_unpickler_without_code_of_its_own() -> None:
    classes = _record_classes()
    names = {c.__name__ for c in classes}
    assert {"Placement", "CountryRecord", "Country", "Margin", "TierYear"} <= names
    assert "Problem" not in names and "_Variants" not in names
    # What unpickling can call: __new__ (to make the object), __setstate__ (to fill it in),
    # and, for a tampered file, the class itself (__init__, then __post_init__). In a record
    # class each is the library's, or the code that dataclasses and named tuples generate.
    hooks = ("__new__", "__setstate__", "__init__", "__post_init__")
    reviewed: set[str] = set()  # none yet: a hook added here must be read and listed
    for cls in classes:
        for klass in inspect.getmro(cls):
            if not klass.__module__.startswith("tierreport."):
                continue  # object, tuple, pydantic's BaseModel: the library's own
            for hook in hooks:
                own = vars(klass).get(hook)
                code = getattr(getattr(own, "__func__", own), "__code__", None)
                generated = code is not None and code.co_filename == "<string>"
                name = f"{klass.__qualname__}.{hook}"
                assert own is None or generated or name in reviewed, f"{name} is not reviewed"


def test_a_record_class_of_a_module_not_imported_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "entry.pickle"
    path.write_bytes(
        b"\x80\x04\x95\x00\x00\x00\x00\x00\x00\x00\x00"
        + b"\x8c\x1ctierreport.not_a_module_at_all\x94\x8c\x03Cls\x94\x93\x94."
    )
    assert load_pickle(path, records=True) is None


def test_check_and_its_engine_problems_are_the_same_from_kept_entries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    edition = tmp_path / "engine-checks"
    shutil.copytree(EDITIONS / "engine-checks", edition, ignore=shutil.ignore_patterns(PARSE_CACHE))
    parsed: list[str] = []
    compose = load.compose_plain

    def counted(text: str) -> object:
        parsed.append(text)
        return compose(text)

    monkeypatch.setattr(load, "compose_plain", counted)
    summary = "checked 8 countries: 4 errors, 4 warnings"
    cold = run("check", "--edition", edition)
    assert cold.output.splitlines() == [*EXPECTED, summary]
    assert len(parsed) == 2 + 8  # the settings, the standards, the country files
    # Kept: no country file is parsed again, not even for the engine's problems, which read
    # the parses kept for their positions.
    parsed.clear()
    warm = run("check", "--edition", edition)
    assert warm.exit_code == cold.exit_code == 1
    assert warm.output == cold.output
    assert len(parsed) == 2


def _checked(root: Path, kept: bool) -> tuple[list[str], list[object]]:
    cache = parse_cache(root) if kept else None
    result = check_edition(root, cache)
    if cache is not None:
        cache.save()
    return [str(p) for p in result.problems], list(result.placements)


@pytest.mark.parametrize(
    ("file", "old", "new"),
    [
        ("standards/minimum-standards.yaml", "tier1_min_efforts: 0.85", "tier1_min_efforts: 0.95"),
        ("edition.yaml", "  EUR: Europe", "  EUR: Europe and Eurasia"),
        ("countries/XAR.yaml", "finding: partial", "finding: met"),
    ],
    ids=["standards", "settings", "country"],
)
def test_kept_checks_and_placements_follow_every_input(
    tmp_path: Path, file: str, old: str, new: str
) -> None:
    edition = copy_edition("example", tmp_path / "edition")
    before = _checked(edition, kept=True)
    assert (edition / PARSE_CACHE / "placed").is_dir()
    path = edition / file
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")
    warm = _checked(edition, kept=True)
    shutil.rmtree(edition / PARSE_CACHE)
    assert warm == _checked(edition, kept=False)
    if file != "edition.yaml":
        assert warm != before  # the edit changed a placement, and the kept one followed
