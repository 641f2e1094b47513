"""The example edition's key pages and data files match the golden files byte for byte.

After an intended change, run ``make golden`` and review ``git diff tests/golden``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.update_golden import GOLDEN, KEY_FILES, build_example


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_example(tmp_path_factory.mktemp("golden"))


@pytest.mark.parametrize("name", KEY_FILES)
def test_matches_golden(out: Path, name: str) -> None:
    expected = (GOLDEN / name).read_text("utf-8")
    actual = (out / name).read_text("utf-8")
    assert actual == expected, (
        f"{name} differs from tests/golden/{name}: run make golden if intended"
    )
