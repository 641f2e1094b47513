"""``tierreport init`` and ``tierreport new-country``: the bureaus data, the template, refusals."""

from __future__ import annotations

import errno
import json
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pycountry
import pytest
from ruamel.yaml import YAML

from tests.conftest import REPO, run
from tierreport.editorial import init as init_module
from tierreport.editorial.template import REGIONS, iso_name, un_states
from tierreport.load.entries import Entries
from tierreport.model import Country, Narrative

PACKAGE_STANDARDS = REPO / "tierreport" / "data" / "minimum-standards.yaml"


def read(path: Path) -> dict[str, object]:
    data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_every_un_member_and_observer_has_exactly_one_bureau() -> None:
    states = un_states()
    codes = [s.code for s in states]
    assert len(codes) == 195
    assert len(set(codes)) == 195, [c for c, n in Counter(codes).items() if n > 1]
    statuses = Counter(s.un_status for s in states)
    assert statuses == {"member": 193, "observer": 2}
    assert sorted(s.code for s in states if s.un_status == "observer") == ["PSE", "VAT"]
    assert {s.bureau for s in states} == set(REGIONS)
    assert Counter(s.bureau for s in states) == {
        "AF": 49,
        "EAP": 30,
        "EUR": 49,
        "NEA": 19,
        "SCA": 13,
        "WHA": 35,
    }
    not_iso = [c for c in codes if pycountry.countries.get(alpha_3=c) is None]
    assert not_iso == []


@pytest.mark.parametrize(
    ("code", "bureau"),
    [("EGY", "NEA"), ("KAZ", "SCA"), ("TUR", "EUR"), ("USA", "WHA"), ("ZAF", "AF")],
)
def test_bureau_boundaries(code: str, bureau: str) -> None:
    assert next(s.bureau for s in un_states() if s.code == code) == bureau


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("KOR", "South Korea"),
        ("COD", "Democratic Republic of the Congo"),
        ("FSM", "Federated States of Micronesia"),
        ("PSE", "State of Palestine"),
        ("VAT", "Holy See"),
        ("FRA", "France"),
        ("QQQ", None),
    ],
)
def test_names_read_as_a_report_prints_them(code: str, name: str | None) -> None:
    assert iso_name(code) == name


def test_the_package_standards_are_the_example_editions() -> None:
    example = (REPO / "standards" / "minimum-standards.yaml").read_text(encoding="utf-8")
    assert PACKAGE_STANDARDS.read_text(encoding="utf-8") == example


def test_init_writes_a_whole_edition_that_checks_with_warnings_only(tmp_path: Path) -> None:
    target = tmp_path / "2028"
    result = run("init", target, "--year", "2028")
    assert result.exit_code == 0, result.output
    assert result.output == (
        f"created the 2028 edition in {target}: 195 draft country files\n"
        f"next: tierreport status --edition {target}\n"
    )
    config = read(target / "edition.yaml")
    assert config["year"] == 2028
    assert str(config["reporting_period"]) == (
        "{'start': datetime.date(2027, 4, 1), 'end': datetime.date(2028, 3, 31)}"
    )
    assert config["regions"] == REGIONS
    standards = target / "standards" / "minimum-standards.yaml"
    assert standards.read_bytes() == PACKAGE_STANDARDS.read_bytes()
    assert sorted(p.name for p in (target / "schema").iterdir()) == [
        "country.schema.json",
        "edition.schema.json",
        "standards.schema.json",
    ]
    files = sorted((target / "countries").iterdir())
    assert len(files) == 195
    kor = read(target / "countries" / "KOR.yaml")
    assert (kor["code"], kor["name"], kor["region"], kor["status"]) == (
        "KOR",
        "South Korea",
        "EAP",
        "draft",
    )
    assert kor["criteria"]["C13"] == {"finding": "unassessed", "actions": []}  # type: ignore[index]
    civ = read(target / "countries" / "CIV.yaml")
    assert civ["name"] == "Côte d'Ivoire"

    ignored = (target / ".gitignore").read_text("utf-8").splitlines()
    assert ignored[2:] == [
        "build/",
        "build-internal/",
        "build-preview/",
        "build-internal-preview/",
        ".tierreport-cache/",
    ]

    checked = run("check", "--edition", target)
    assert checked.exit_code == 0
    assert len(Entries[object](target / ".tierreport-cache" / "checked").stored()) == 195
    lines = checked.output.splitlines()
    assert lines[-1] == "checked 195 countries: 0 errors, 3120 warnings"
    assert lines[0] == "countries/AFG.yaml:31:9: warning: legal_standards.MS1: not yet assessed"
    assert all(": warning: " in line for line in lines[:-1])
    assert all(line.endswith(": not yet assessed") for line in lines[:-1])


def test_every_field_of_a_draft_is_explained_by_a_comment(tmp_path: Path) -> None:
    run("init", tmp_path / "e", "--year", "2028")
    lines = (tmp_path / "e" / "countries" / "FRA.yaml").read_text(encoding="utf-8").splitlines()
    fields = [(name, "") for name in Country.model_fields] + [
        (name, "  ") for name in Narrative.model_fields
    ]
    unexplained = []
    for name, indent in fields:
        index = next(i for i, line in enumerate(lines) if line.startswith(f"{indent}{name}:"))
        if not lines[index - 1].startswith(f"{indent}#"):
            unexplained.append(name)
    assert unexplained == []


def test_init_refuses_a_non_empty_directory(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    result = run("init", tmp_path, "--year", "2028")
    assert result.exit_code == 1
    assert result.output == (
        f"Error: {tmp_path} is not empty; 'tierreport init' writes a new edition into a new or "
        "empty directory\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_init_into_an_empty_directory(tmp_path: Path) -> None:
    assert run("init", tmp_path, "--year", "2030").exit_code == 0
    assert read(tmp_path / "edition.yaml")["year"] == 2030


def test_init_needs_a_year(tmp_path: Path) -> None:
    result = run("init", tmp_path / "e")
    assert result.exit_code == 2
    assert "Error: Missing option '--year'." in result.output
    assert not (tmp_path / "e").exists()


def test_new_country_fills_name_and_bureau_from_iso(
    edition_copy: Callable[[str], Path],
) -> None:
    edition = edition_copy("example")
    result = run("new-country", "fra", "--edition", edition)
    assert result.exit_code == 0, result.output
    path = edition / "countries" / "FRA.yaml"
    assert result.output == f"wrote {path}\n"
    data = read(path)
    assert (data["code"], data["name"], data["region"], data["status"]) == (
        "FRA",
        "France",
        "EUR",
        "draft",
    )
    checked = run("check", "--edition", edition)
    assert checked.exit_code == 0
    assert checked.output.splitlines()[-1] == "checked 18 countries: 0 errors, 16 warnings"
    fra = [line for line in checked.output.splitlines() if line.startswith("countries/FRA")]
    assert len(fra) == 16
    # The criteria's header comment names the example edition's own reporting period.
    assert "# 2026-04-01 to 2027-03-31; planned actions never count." in path.read_text(
        encoding="utf-8"
    )


def test_new_country_with_a_user_assigned_code(edition_copy: Callable[[str], Path]) -> None:
    edition = edition_copy("minimal")
    result = run(
        "new-country", "XZA", "--name", "Zandia: the Isles", "--region", "AF", "--edition", edition
    )
    assert result.exit_code == 0, result.output
    data = read(edition / "countries" / "XZA.yaml")
    assert (data["name"], data["region"]) == ("Zandia: the Isles", "AF")
    # The minimal edition's standards have one legal standard and three criteria.
    assert list(data["legal_standards"]) == ["MS1"]  # type: ignore[call-overload]
    assert list(data["criteria"]) == ["C01", "C02", "C03"]  # type: ignore[call-overload]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["XAA"],
            "Error: countries/XAA.yaml already exists; edit it, or delete it to start again\n",
        ),
        (
            ["XZA", "--name", "Zandia"],
            "Error: XZA is a user-assigned code (XAA-XZZ), so it has no ISO name or region; "
            "give --region\n",
        ),
        (
            ["XZA"],
            "Error: XZA is a user-assigned code (XAA-XZZ), so it has no ISO name or region; "
            "give --name and --region\n",
        ),
        (
            ["QQQ"],
            "Error: unknown country code 'QQQ': not an ISO 3166-1 alpha-3 code; use a "
            "user-assigned code XAA-XZZ with --name and --region for an entry that has none\n",
        ),
        (
            ["TWN"],
            "Error: TWN (Taiwan) is not a UN member or observer state, so it has no default "
            "regional bureau; give --region (AF, EUR)\n",
        ),
        (
            ["KOR"],
            "Error: unknown region 'EAP'; edition.yaml defines AF, EUR\n",
        ),
        (
            ["XZA", "--name", "Zandia", "--region", "WHA"],
            "Error: unknown region 'WHA'; edition.yaml defines AF, EUR\n",
        ),
        (
            ["XZA", "--name", "Zandia\ncode: FRA", "--region", "AF"],
            "Error: --name must be one line of printable text: character 7 is U+000A (a control "
            "character); remove it\n",
        ),
        (
            ["XZA", "--name", "Zan\u2028dia", "--region", "AF"],
            "Error: --name must be one line of printable text: character 4 is U+2028 (LINE "
            "SEPARATOR); remove it\n",
        ),
        (
            ["XZA", "--name", "Zan\u202edia", "--region", "AF"],
            "Error: --name must be one line of printable text: character 4 is U+202E "
            "(RIGHT-TO-LEFT OVERRIDE); remove it\n",
        ),
        (
            ["XZA", "--name", "Zan\x00dia", "--region", "AF"],
            "Error: --name must be one line of printable text: character 4 is U+0000 (a control "
            "character); remove it\n",
        ),
        (
            ["XZA", "--name", "  ", "--region", "AF"],
            "Error: --name is empty; give the name as the report prints it\n",
        ),
        (
            ["XZA", "--name", "Z" * 201, "--region", "AF"],
            "Error: --name is 201 characters long; a name has at most 200\n",
        ),
        (
            ["../XZA", "--name", "Zandia", "--region", "AF"],
            "Error: a country code is three letters A-Z (the name of its file in countries/), got "
            "'../XZA'\n",
        ),
        (
            ["XZA\n", "--name", "Zandia", "--region", "AF"],
            "Error: a country code is three letters A-Z (the name of its file in countries/), got "
            "'XZA\\n'\n",
        ),
    ],
)
def test_new_country_refusals(
    edition_copy: Callable[[str], Path], args: list[str], message: str
) -> None:
    edition = edition_copy("minimal")
    before = sorted(p.name for p in (edition / "countries").iterdir())
    result = run("new-country", *args, "--edition", edition)
    assert result.exit_code == 1
    assert result.output == message
    assert sorted(p.name for p in (edition / "countries").iterdir()) == before


def test_new_country_needs_an_edition(tmp_path: Path) -> None:
    result = run("new-country", "FRA", "--edition", tmp_path)
    assert result.exit_code == 1
    assert result.output == (
        f"edition.yaml:1:1: error: no edition.yaml in {tmp_path}; pass --edition DIR, or create "
        "one with 'tierreport init DIR --year YEAR'\n"
        "Error: the edition has 1 error\n"
    )
    assert not (tmp_path / "countries").exists()


def test_the_template_keeps_each_criterion_title_on_its_comment(tmp_path: Path) -> None:
    run("init", tmp_path / "e", "--year", "2028")
    text = (tmp_path / "e" / "countries" / "MEX.yaml").read_text(encoding="utf-8")
    assert re.search(
        r"  # C13 \(partnership, the progress criterion\): Shows appreciable progress compared "
        r"with the previous reporting period\n  C13: \{finding: unassessed, actions: \[\]\}\n",
        text,
    )


def test_new_country_in_an_init_edition(tmp_path: Path) -> None:
    edition = tmp_path / "2028"
    assert run("init", edition, "--year", "2028").exit_code == 0
    for path in (edition / "countries").iterdir():
        if path.stem != "SRB":
            path.unlink()
    result = run("new-country", "XKX", "--name", "Kosovo", "--region", "EUR", "--edition", edition)
    assert result.exit_code == 0, result.output
    text = (edition / "countries" / "XKX.yaml").read_text(encoding="utf-8")
    assert text.startswith(
        "# yaml-language-server: $schema=../schema/country.schema.json\n"
        "# Kosovo: draft country file of the 2028 edition, created by tierreport.\n"
    )
    assert "# 2027-04-01 to 2028-03-31; planned actions never count." in text
    checked = run("check", "--edition", edition)
    assert checked.exit_code == 0
    assert checked.output.splitlines()[-1] == "checked 2 countries: 0 errors, 32 warnings"


def test_a_name_yaml_would_misread_is_written_quoted(edition_copy: Callable[[str], Path]) -> None:
    edition = edition_copy("minimal")
    name = '- "Zandia" #1: & *ref !tag @{x} [y] % \' \\n'
    result = run("new-country", "XZA", "--name", name, "--region", "AF", "--edition", edition)
    assert result.exit_code == 0, result.output
    assert read(edition / "countries" / "XZA.yaml")["name"] == name
    result = run("tiers", "--json", "--edition", edition)
    assert result.exit_code == 0, result.output
    names = {c["code"]: c["name"] for c in json.loads(result.output)["countries"]}
    assert names["XZA"] == name


@pytest.mark.parametrize(
    ("place", "reason"),
    [
        ("/proc/tierreport-edition", "No such file or directory"),
        ("/sys/tierreport-edition", "Operation not permitted"),
    ],
)
def test_init_where_nothing_can_be_written(place: str, reason: str) -> None:
    if not Path(place).parent.is_dir():
        pytest.skip(f"no {Path(place).parent} here")
    result = run("init", place, "--year", "2028")
    assert result.exit_code == 1
    assert result.output == (
        f"Error: cannot create the edition in {place}: {reason}; choose a folder you can write to\n"
    )


def test_init_under_a_file(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    result = run("init", tmp_path / "notes.txt" / "2028", "--year", "2028")
    assert result.exit_code == 1
    assert result.output == (
        f"Error: cannot create the edition in {tmp_path / 'notes.txt' / '2028'}: "
        f"{tmp_path / 'notes.txt'} is a file, not a folder; choose a folder you can write to\n"
    )
    result = run("init", tmp_path / "notes.txt", "--year", "2028")
    assert result.exit_code == 1
    assert result.output == (
        f"Error: {tmp_path / 'notes.txt'} is a file, not a folder; 'tierreport init' writes a "
        "new edition into a new or empty directory\n"
    )
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"


@pytest.mark.parametrize("existing", [False, True])
def test_a_failed_init_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, existing: bool
) -> None:
    target = tmp_path / "reports" / "2028"
    if existing:
        target.mkdir(parents=True)
    written = []

    def full_disk(root: Path, *args: object) -> Path:
        if len(written) == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        written.append(root)
        return root

    monkeypatch.setattr(init_module, "_write_country", full_disk)
    result = run("init", target, "--year", "2028")
    assert result.exit_code == 1
    assert result.output == (
        f"Error: cannot create the edition in {target}: No space left on device; choose a folder "
        "you can write to\n"
    )
    if existing:
        assert list(target.iterdir()) == []
    else:
        assert list(tmp_path.iterdir()) == []
