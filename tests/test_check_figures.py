"""`check` on the law-enforcement figures' optional ``unit`` notes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.conftest import run
from tests.test_check import XAA, edit

FIGURES = "law_enforcement:\n  2027: {investigations: 3, unit: {%s: defendants}}\nnarrative:"


def test_a_unit_for_an_unknown_figure_names_the_nearest(
    edition_copy: Callable[[str], Path],
) -> None:
    root = edition_copy("minimal")
    edit(root, XAA, "narrative:", FIGURES % "prosecution")
    result = run("check", "--edition", root)
    assert result.exit_code == 1
    assert (
        "countries/XAA.yaml:35:36: error: law_enforcement.2027.unit.prosecution: key "
        "'prosecution': expected one of investigations, prosecutions, convictions, "
        "officials_convicted, migrants_assisted; did you mean 'prosecutions'?"
    ) in result.output.splitlines()


def test_a_unit_for_a_known_figure_passes(edition_copy: Callable[[str], Path]) -> None:
    root = edition_copy("minimal")
    edit(root, XAA, "narrative:", FIGURES % "prosecutions")
    assert run("check", "--edition", root).output.splitlines()[-1] == (
        "checked 2 countries: 0 errors, 2 warnings"
    )


def test_a_year_key_still_asks_for_a_year(edition_copy: Callable[[str], Path]) -> None:
    root = edition_copy("minimal")
    edit(root, XAA, "narrative:", "law_enforcement:\n  last: {investigations: 3}\nnarrative:")
    assert (
        "countries/XAA.yaml:35:3: error: law_enforcement.last: key 'last': expected a year (a "
        "whole number from 1900 to 2999, such as 2027)"
    ) in run("check", "--edition", root).output.splitlines()
