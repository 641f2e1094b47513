"""Dated actions: late concrete actions, and plans printed as plans (issue 15)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.conftest import copy_edition, run
from tests.sitebuild import build_into
from tests.test_check import edit

XAA = "countries/XAA.yaml"
PLAN = "      - date: 2027-06-01\n        text: Plans a third centre.\n        planned: true\n"


def warnings(root: Path) -> list[str]:
    """The warnings on XAA (XBB, a draft, always has its own)."""
    output = run("check", "--edition", root).output.splitlines()
    return [line for line in output if line.startswith(XAA) and ": warning: " in line]


def test_a_concrete_action_after_the_period_is_located_at_its_date(
    edition_copy: Callable[[str], Path],
) -> None:
    root = edition_copy("minimal")
    edit(root, XAA, "      - date: 2027-01-15\n", "      - date: 2027-05-01\n")
    assert (
        f"{XAA}:29:9: warning: criteria.C03.actions[0].date: 2027-05-01 is after the reporting "
        "period ends (2027-03-31); mark it planned or move it to next year's edition"
    ) in warnings(root)


def test_a_late_plan_that_reads_as_done_is_located_at_its_text(
    edition_copy: Callable[[str], Path],
) -> None:
    root = edition_copy("minimal")
    edit(
        root, "edition.yaml", "fictional: true\n", "fictional: true\npublication_date: 2027-06-15\n"
    )
    late = PLAN.replace("2027-06-01", "2027-10-01").replace(
        "Plans a third centre.", "The ministry announced a third centre."
    )
    edit(root, XAA, PLAN, late)
    assert warnings(root) == [
        f"{XAA}:24:9: warning: criteria.C02.actions[1].text: planned for 2027-10-01, after the "
        "publication date (2027-06-15), but reads as done ('announced'); add "
        "'announced: YYYY-MM-DD' with the date it was announced (printed as 'Planned for ..., "
        "announced ...') or word the plan in the future tense"
    ]
    # With the date of the announcement, the plan is a plan: no warning.
    edit(
        root,
        XAA,
        "        text: The ministry",
        "        announced: 2027-02-03\n        text: The ministry",
    )
    assert warnings(root) == []


def test_a_plan_dated_before_the_publication_or_in_the_future_tense_is_fine(
    edition_copy: Callable[[str], Path],
) -> None:
    root = edition_copy("minimal")
    edit(
        root, "edition.yaml", "fictional: true\n", "fictional: true\npublication_date: 2027-06-15\n"
    )
    edit(root, XAA, "Plans a third centre.", "The ministry announced a third centre.")
    assert warnings(root) == []  # dated 1 June, before the publication date
    edit(root, XAA, "      - date: 2027-06-01\n", "      - date: 2027-10-01\n")
    edit(root, XAA, "The ministry announced a third", "The ministry will open a third")
    assert warnings(root) == []


def test_only_a_plan_has_an_announcement_date(edition_copy: Callable[[str], Path]) -> None:
    root = edition_copy("minimal")
    edit(
        root,
        XAA,
        "      - date: 2027-01-15\n",
        "      - date: 2027-01-15\n        announced: 2026-12-01\n",
    )
    assert warnings(root) == [
        f"{XAA}:30:9: warning: criteria.C03.actions[0].announced: only a planned action has an "
        "announcement date; remove it or add 'planned: true'"
    ]


def test_a_plan_prints_as_a_plan_with_its_announcement(tmp_path: Path) -> None:
    edition = copy_edition("example", tmp_path / "edition")
    build_into(edition, tmp_path / "build", only=("html",))
    page = (tmp_path / "build" / "site" / "countries" / "XDU.html").read_text(encoding="utf-8")
    assert (
        'Planned for <time datetime="2027-10-01">1 October 2027</time>, announced '
        '<time datetime="2027-02-03">3 February 2027</time>: The Ministry of Justice announced'
    ) in page
    assert '<time datetime="2027-10-01">1 October 2027</time>: The Ministry' not in page
    # A plan without an announcement date: "Planned for" and its date alone.
    holtland = (tmp_path / "build" / "site" / "countries" / "XHO.html").read_text("utf-8")
    assert 'Planned for <time datetime="2027-06-01">1 June 2027</time>: A vocational' in holtland
