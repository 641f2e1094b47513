"""The example edition's key pages and data files match the golden files byte for byte.

After an intended change, run ``make golden`` and review ``git diff tests/golden``.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from tests.update_golden import GOLDEN, KEY_FILES, build_example


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_example(tmp_path_factory.mktemp("golden"))


DIFF_LINES = 40
"""How much of a golden file's diff a failure shows: enough to review, never the whole page."""


def short_diff(expected: str, actual: str, name: str, most: int = DIFF_LINES) -> str:
    """The first ``most`` lines of the unified diff from the golden file to the build's."""
    lines = list(
        difflib.unified_diff(
            expected.splitlines(),
            actual.splitlines(),
            f"tests/golden/{name}",
            f"build/{name}",
            n=2,
            lineterm="",
        )
    )
    shown = lines[:most]
    if len(lines) > most:
        shown.append(f"... {len(lines) - most} more diff lines")
    return "\n".join(shown)


@pytest.mark.parametrize("name", KEY_FILES)
def test_matches_golden(out: Path, name: str) -> None:
    expected = (GOLDEN / name).read_text("utf-8")
    actual = (out / name).read_text("utf-8")
    if actual != expected:
        pytest.fail(
            f"{name} differs from tests/golden/{name} (run make golden if intended):\n"
            + short_diff(expected, actual, name),
            pytrace=False,
        )


def test_a_mismatch_shows_a_short_diff() -> None:
    expected = "".join(f"line {i}\n" for i in range(200))
    actual = expected.replace("line 5\n", "line five\n").replace("line 150\n", "")
    diff = short_diff(expected, actual, "site/index.html", most=8)
    assert diff.splitlines() == [
        "--- tests/golden/site/index.html",
        "+++ build/site/index.html",
        "@@ -4,5 +4,5 @@",
        " line 3",
        " line 4",
        "-line 5",
        "+line five",
        " line 6",
        "... 7 more diff lines",
    ]
