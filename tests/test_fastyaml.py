"""The libyaml fast path reads every file exactly as ruamel's round-trip loader does."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from benchmarks.synthetic.synthetic import write_edition
from tierreport.load import yaml as load
from tierreport.load.fastyaml import compose_plain
from tierreport.load.yaml import Loaded, read_yaml

REPO = Path(__file__).parent.parent


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
        ("base: &b {x: 1}\nother:\n  <<: *b\n", "a merge key"),
        ("? [a, b]\n: 1\n", "a complex key"),
        ("a: 1\n---\nb: 2\n", "two documents"),
    ],
)
def test_unusual_files_are_left_to_ruamel(text: str, why: str) -> None:
    assert compose_plain(text) is None, why


def test_errors_keep_ruamel_messages(tmp_path: Path) -> None:
    path = tmp_path / "XAA.yaml"
    path.write_text("code: XAA\ncode: XAB\n", encoding="utf-8")
    loaded = read_yaml(path, "countries/XAA.yaml")
    assert [p.file for p in loaded.problems] == ["countries/XAA.yaml"]
    assert loaded.problems[0].message.startswith("YAML syntax error: while constructing a mapping")
    assert (loaded.problems[0].line, loaded.problems[0].col) == (2, 1)
