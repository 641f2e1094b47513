"""`tierreport check`: every kind of bad input gives exit 1 and a located, readable message."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import run

XAA = "countries/XAA.yaml"


def edit(root: Path, file: str, old: str, new: str) -> None:
    """Replace ``old`` (which must occur) by ``new`` in one file of the edition."""
    path = root / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {file}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_valid_edition_passes_and_counts_countries(edition_copy: Callable[[str], Path]) -> None:
    root = edition_copy("minimal")
    result = run("check", "--edition", root)
    assert result.exit_code == 0
    assert result.output.splitlines()[-1] == "checked 2 countries: 0 errors, 2 warnings"


def test_drafts_list_unassessed_findings_as_warnings(edition_copy: Callable[[str], Path]) -> None:
    root = edition_copy("minimal")
    lines = run("check", "--edition", root).output.splitlines()
    assert lines[:2] == [
        "countries/XBB.yaml:6:9: warning: legal_standards.MS1: not yet assessed",
        "countries/XBB.yaml:8:9: warning: criteria.C01: not yet assessed",
    ]


def test_strict_fails_on_warnings(edition_copy: Callable[[str], Path]) -> None:
    root = edition_copy("minimal")
    assert run("check", "--edition", root, "--strict").exit_code == 1


CASES = [
    pytest.param(
        XAA,
        "finding: met\n    actions:\n      - date: 2026-07-12",
        "finding: yes\n    actions:\n      - date: 2026-07-12",
        "countries/XAA.yaml:12:5: error: criteria.C01.finding: expected one of met, partial, "
        "not_met, not_applicable, got 'yes'",
        id="value-outside-enumeration",
    ),
    pytest.param(
        XAA,
        "    finding: partial",
        "    finding: partial\n    note_: typo",
        "countries/XAA.yaml:19:5: error: criteria.C02.note_: unknown key 'note_'; did you mean "
        "'note'?",
        id="unknown-key",
    ),
    pytest.param(
        XAA,
        "name: Republic of Aldora\n",
        "",
        "countries/XAA.yaml:1:1: error: missing required field 'name'",
        id="missing-required-field",
    ),
    pytest.param(
        XAA,
        "        text: Opened two reception centres.",
        "        text: Opened two reception centres.\n        planned: maybe",
        "countries/XAA.yaml:22:9: error: criteria.C02.actions[0].planned: expected true or "
        "false, got 'maybe'",
        id="wrong-type",
    ),
    pytest.param(
        XAA,
        "  C03:\n    finding: met\n    actions:\n      - date: 2027-01-15\n"
        "        text: Published its first annual smuggling statistics.\n",
        "",
        "countries/XAA.yaml:10:1: error: criteria.C03: not assessed; every effort criterion of "
        "standards/minimum-standards.yaml needs a finding in a ranked country",
        id="criterion-not-assessed",
    ),
    pytest.param(
        XAA,
        "region: AF",
        "region: AFR",
        "countries/XAA.yaml:3:1: error: region: unknown region 'AFR'; did you mean 'AF'?",
        id="unknown-region",
    ),
    pytest.param(
        XAA,
        "  C03:\n",
        "  C33:\n",
        "countries/XAA.yaml:26:3: error: criteria.C33: unknown effort criterion 'C33' (not in "
        "standards/minimum-standards.yaml); did you mean 'C03'?",
        id="unknown-criterion",
    ),
    pytest.param(
        XAA,
        "internal_notes:",
        "disqualifiers: [D9]\ninternal_notes:",
        "countries/XAA.yaml:46:17: error: disqualifiers[0]: unknown disqualifier 'D9' (not in "
        "standards/minimum-standards.yaml); did you mean 'D1'?",
        id="unknown-disqualifier",
    ),
    pytest.param(
        XAA,
        "sources: [moi-2026-07]\n  C02",
        "sources: [moi-2026-7]\n  C02",
        "countries/XAA.yaml:16:19: error: criteria.C01.actions[0].sources[0]: unknown source "
        "'moi-2026-7'; did you mean 'moi-2026-07'?",
        id="unknown-source",
    ),
    pytest.param(
        XAA,
        "code: XAA",
        "code: XAB",
        "countries/XAA.yaml:1:1: error: code: 'XAB' does not match the file name 'XAA.yaml'; "
        "rename the file or correct the code",
        id="file-name-and-code-disagree",
    ),
    pytest.param(
        XAA,
        "  2026: {tier: 2WL}",
        "  2027: {tier: 2WL}",
        "countries/XAA.yaml:7:3: error: history.2027: history holds earlier editions only; 2027 "
        "is not before the edition year 2027",
        id="history-not-before-edition-year",
    ),
    pytest.param(
        XAA,
        "date: 2027-01-15",
        "date: 2027-04-15\n        planned: true",
        "countries/XAA.yaml:27:5: error: criteria.C03: finding 'met' needs at least one concrete "
        "action dated 2026-04-01..2027-03-31 (planned actions never count)",
        id="met-without-action-in-period",
    ),
    pytest.param(
        XAA,
        "date: 2026-05-02",
        "date: 2026-03-31",
        "countries/XAA.yaml:18:5: error: criteria.C02: finding 'partial' needs at least one "
        "concrete action dated 2026-04-01..2027-03-31 (planned actions never count)",
        id="partial-with-action-one-day-before-period",
    ),
    pytest.param(
        XAA,
        "internal_notes:",
        "decision: {tier: 3}\ninternal_notes:",
        "countries/XAA.yaml:46:1: error: decision: missing required field 'justification'",
        id="decision-without-justification",
    ),
    pytest.param(
        XAA,
        "internal_notes:",
        "decision: {tier: 3, justification: '  '}\ninternal_notes:",
        "countries/XAA.yaml:46:21: error: decision.justification: must not be empty",
        id="decision-with-blank-justification",
    ),
    pytest.param(
        XAA,
        "  C02:\n    finding: partial",
        "  C02:\n    finding: [partial",
        "countries/XAA.yaml:19:12: error: YAML syntax error: while parsing a flow sequence "
        "expected ',' or ']', but got ':'",
        id="yaml-syntax-error",
    ),
    pytest.param(
        XAA,
        "  smuggled_migrants: {2026: 1000, 2027: 1100}",
        "  smuggled_migrants: {2026: 1000, 2027: many}",
        "countries/XAA.yaml:32:35: error: indicators.smuggled_migrants.2027: expected a whole "
        "number, got 'many'",
        id="figure-not-a-number",
    ),
    pytest.param(
        XAA,
        "status: cleared",
        "status: done",
        "countries/XAA.yaml:4:1: error: status: expected one of draft, review, cleared, got 'done'",
        id="status-outside-enumeration",
    ),
    pytest.param(
        XAA,
        "code: XAA",
        "code: xaa",
        "countries/XAA.yaml:1:1: error: code: expected a three-letter upper-case code (ISO "
        "3166-1 alpha-3, or XAA-XZZ), got 'xaa'",
        id="malformed-code",
    ),
    pytest.param(
        "countries/XBB.yaml",
        "status: draft",
        "status: review",
        "countries/XBB.yaml:6:9: error: legal_standards.MS1: not yet assessed; a country in "
        "review needs a finding",
        id="unassessed-outside-draft",
    ),
    pytest.param(
        "edition.yaml",
        "year: 2027",
        "year: twenty",
        "edition.yaml:2:1: error: year: expected a whole number, got 'twenty'",
        id="edition-file-wrong-type",
    ),
    pytest.param(
        "standards/minimum-standards.yaml",
        "    progress: true\n",
        "",
        "standards/minimum-standards.yaml:6:1: error: effort_criteria: exactly one criterion "
        "must have 'progress: true', found 0",
        id="standards-without-progress-criterion",
    ),
    pytest.param(
        "standards/minimum-standards.yaml",
        "  waiver_years: 1\n",
        "",
        "standards/minimum-standards.yaml:21:1: error: thresholds: missing required field "
        "'waiver_years'",
        id="standards-missing-threshold",
    ),
]


@pytest.mark.parametrize(("file", "old", "new", "expected"), CASES)
def test_bad_input_is_reported_with_file_line_and_message(
    edition_copy: Callable[[str], Path], file: str, old: str, new: str, expected: str
) -> None:
    root = edition_copy("minimal")
    edit(root, file, old, new)
    result = run("check", "--edition", root)
    assert result.exit_code == 1
    assert expected in result.output.splitlines(), result.output


def test_duplicate_codes_are_reported_on_the_second_file(
    edition_copy: Callable[[str], Path],
) -> None:
    root = edition_copy("minimal")
    text = (root / XAA).read_text(encoding="utf-8")
    (root / "countries/XAB.yaml").write_text(text, encoding="utf-8")
    lines = run("check", "--edition", root).output.splitlines()
    assert (
        "countries/XAB.yaml:1:1: error: code: duplicate code 'XAA', also used by "
        "countries/XAA.yaml" in lines
    )


def test_problems_from_every_file_are_sorted_and_counted(
    edition_copy: Callable[[str], Path],
) -> None:
    root = edition_copy("minimal")
    edit(root, XAA, "region: AF", "region: ZZ")
    edit(root, "countries/XBB.yaml", "region: EUR", "region: QQ")
    result = run("check", "--edition", root)
    lines = result.output.splitlines()
    assert [line.split(":")[0] for line in lines[:-1]] == [
        "countries/XAA.yaml",
        "countries/XBB.yaml",
        "countries/XBB.yaml",
        "countries/XBB.yaml",
    ]
    assert lines[-1] == "checked 2 countries: 2 errors, 2 warnings"
    assert result.exit_code == 1


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            b"\x89PNG\r\n\x1a\n\x00\x00",
            "countries/XAA.yaml:1:1: error: this is a binary file, not YAML text",
        ),
        (b"", "countries/XAA.yaml:1:1: error: the file is empty; expected a country file"),
        (
            b"code: XAA\nname: \xff\n",
            "countries/XAA.yaml:2:1: error: the file is not UTF-8 text; save it as UTF-8",
        ),
        (
            b"- a\n- b\n",
            "countries/XAA.yaml:1:1: error: expected a country file: a mapping of "
            "fields (key: value), got a list",
        ),
        (
            b"code: !!python/object:os.system {}\n",
            "countries/XAA.yaml:1:1: error: code: YAML tag !!python/object:os.system is not "
            "allowed; write the value without a tag (in quotes if it is text)",
        ),
        (
            b"code: XAA\ncode: XAB\n",
            "countries/XAA.yaml:2:1: error: YAML syntax error: while "
            'constructing a mapping found duplicate key "code" with value "XAB" (original '
            'value: "XAA")',
        ),
    ],
    ids=["binary", "empty", "not-utf8", "not-a-mapping", "python-tag", "duplicate-key"],
)
def test_unreadable_files_never_give_a_traceback(
    edition_copy: Callable[[str], Path], content: bytes, expected: str
) -> None:
    root = edition_copy("minimal")
    (root / XAA).write_bytes(content)
    result = run("check", "--edition", root)
    assert result.exit_code == 1
    assert expected in result.output.splitlines(), result.output


def test_edition_without_countries(tmp_path: Path, edition_copy: Callable[[str], Path]) -> None:
    root = edition_copy("minimal")
    for path in (root / "countries").iterdir():
        path.unlink()
    result = run("check", "--edition", root)
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "countries/:1:1: error: no country files in countries/; add one with "
        "'tierreport new-country CODE'",
        "checked 0 countries: 1 error, 0 warnings",
    ]


def test_directory_without_edition_file(tmp_path: Path) -> None:
    result = run("check", "--edition", tmp_path)
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        f"edition.yaml:1:1: error: no edition.yaml in {tmp_path}; pass --edition DIR, or "
        "create one with 'tierreport init DIR --year YEAR'"
    )


def test_standards_path_outside_the_edition_is_refused(
    edition_copy: Callable[[str], Path],
) -> None:
    root = edition_copy("minimal")
    edit(root, "edition.yaml", "standards: standards/", "standards: ../../etc/")
    result = run("check", "--edition", root)
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        "edition.yaml:5:1: error: standards: '../../etc/minimum-standards.yaml' must be a "
        "relative path inside the edition directory"
    )


def test_python_module_entry_point_runs_check(edition_copy: Callable[[str], Path]) -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "tierreport",
            "check",
            "--edition",
            str(edition_copy("minimal")),  # check keeps its parse cache in the edition
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    assert done.stdout.splitlines()[-1] == "checked 2 countries: 0 errors, 2 warnings"


def test_an_unexpected_error_prints_one_line_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from tierreport.cli import commands as cli_module

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(cli_module, "check_edition", broken)
    monkeypatch.setattr("sys.argv", ["tierreport", "check"])
    monkeypatch.delenv("TIERREPORT_DEBUG", raising=False)
    with pytest.raises(SystemExit) as exited:
        cli_module.main()
    assert exited.value.code == 1
    assert capsys.readouterr().err == (
        "Error: internal error (RuntimeError: boom); this is a bug in tierreport. Run again with "
        "TIERREPORT_DEBUG=1 to see the traceback.\n"
    )


def test_a_wrong_option_exits_2(monkeypatch: pytest.MonkeyPatch) -> None:
    from tierreport.cli import commands as cli_module

    monkeypatch.setattr("sys.argv", ["tierreport", "check", "--bogus"])
    with pytest.raises(SystemExit) as exited:
        cli_module.main()
    assert exited.value.code == 2
