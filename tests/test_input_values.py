"""What a YAML file may hold: bounded, untagged, real values, each problem located and short.

Every case edits one file of a copy of the ``minimal`` edition and asserts the exact line
``tierreport check`` prints and its exit status. Before these guards each of them was an
internal error, a silent change of the data, a wait of minutes, or a line a megabyte long.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import run
from tests.test_input_files import check_within
from tierreport.limits import MAX_MESSAGE_CHARS
from tierreport.model import Country

XAA = "countries/XAA.yaml"
LAST = "internal_notes: Not for publication."
"""The last line of XAA.yaml (line 46): a case appends its lines after it, from line 47."""

NO_TAG = "write the value without a tag (in quotes if it is text)"
NOT_A_DATE = "write a date that exists, as YYYY-MM-DD"


def edit(root: Path, file: str, old: str, new: str) -> None:
    """Replace ``old`` (which must occur) by ``new`` in one file of the edition."""
    path = root / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {file}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def laughs(levels: int) -> str:
    """A "billion laughs" block: each level an alias list of ten of the level below."""
    rows = ["lol0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for level in range(1, levels):
        rows.append(f"lol{level}: &a{level} [{', '.join([f'*a{level - 1}'] * 10)}]")
    return "\n".join(rows)


CASES = [
    # --- exhaustion ------------------------------------------------------------------------
    pytest.param(
        XAA,
        LAST,
        f"{LAST}\n{laughs(9)}",
        "countries/XAA.yaml:51:12: error: the file holds more than 20,000 values (each alias "
        "counted as the values it repeats); a country file needs a few hundred: look for "
        "aliases (*name) repeating large parts",
        id="billion-laughs",
    ),
    pytest.param(
        XAA,
        LAST,
        f"{LAST}\nloop: &loop [a, *loop]",
        "countries/XAA.yaml:47:17: error: alias *loop is inside the value it names (a cycle); "
        "write the value out",
        id="alias-cycle",
    ),
    pytest.param(
        XAA,
        LAST,
        f"{LAST}\nnested: {'[' * 400}{']' * 400}",
        "countries/XAA.yaml:47:58: error: lists and mappings are nested more than 50 levels "
        "deep; a country file needs 7",
        id="deep-flow-nesting",
    ),
    pytest.param(
        XAA,
        LAST,
        f"{LAST}\n" + "".join(f"{'  ' * level}k{level}:\n" for level in range(60)),
        "countries/XAA.yaml:96:99: error: lists and mappings are nested more than 50 levels "
        "deep; a country file needs 7",
        id="deep-block-nesting",
    ),
    pytest.param(
        XAA,
        LAST,
        f"{LAST}\ndeep: &deep {'[' * 40}x{']' * 40}\nnote: {'[' * 20}*deep{']' * 20}",
        # Located at the anchored value, whose positions the alias repeats.
        "countries/XAA.yaml:47:43: error: note" + "[0]" * 50 + ": nested more than 50 levels "
        "deep (through aliases)",
        id="deep-through-aliases",
    ),
    pytest.param(
        XAA,
        LAST,
        f"{LAST}\nbase: &base {{title: Statement}}\nother:\n  <<: *base",
        "countries/XAA.yaml:49:3: error: merge keys (<<) are not allowed; write the keys out",
        id="merge-key",
    ),
    # --- tags ------------------------------------------------------------------------------
    pytest.param(
        XAA,
        "name: Republic of Aldora",
        "name: !!float x",
        f"countries/XAA.yaml:2:1: error: name: YAML tag !!float is not allowed; {NO_TAG}",
        id="tag-float",
    ),
    pytest.param(
        XAA,
        "name: Republic of Aldora",
        "name: !!omap [a: 1, b: 2]",
        f"countries/XAA.yaml:2:1: error: name: YAML tag !!omap is not allowed; {NO_TAG}",
        id="tag-omap",
    ),
    pytest.param(
        XAA,
        "name: Republic of Aldora",
        "name: !!python/object/apply:os.system [echo hi]",
        "countries/XAA.yaml:2:1: error: name: YAML tag !!python/object/apply:os.system is not "
        f"allowed; {NO_TAG}",
        id="tag-python",
    ),
    pytest.param(
        XAA,
        "name: Republic of Aldora",
        "name: !!str Aldora",
        f"countries/XAA.yaml:2:1: error: name: YAML tag !!str is not allowed; {NO_TAG}",
        id="tag-str",
    ),
    pytest.param(
        XAA,
        "name: Republic of Aldora",
        "name: !local Aldora",
        f"countries/XAA.yaml:2:1: error: name: YAML tag !local is not allowed; {NO_TAG}",
        id="tag-local",
    ),
    pytest.param(
        XAA,
        "  2025: 2",
        "  !!int 2025: 2",
        "countries/XAA.yaml:6:3: error: history: YAML tag !!int is not allowed on a key; write "
        "the key without a tag",
        id="tag-on-a-key",
    ),
    # --- impossible dates and times --------------------------------------------------------
    pytest.param(
        XAA,
        "date: 2026-07-12",
        "date: 2027-02-30",
        "countries/XAA.yaml:14:9: error: criteria.C01.actions[0].date: '2027-02-30' is not a "
        f"real date or time (day is out of range for month); {NOT_A_DATE}",
        id="date-february-30",
    ),
    pytest.param(
        XAA,
        "date: 2026-07-12",
        "date: 0000-00-00",
        "countries/XAA.yaml:14:9: error: criteria.C01.actions[0].date: '0000-00-00' is not a "
        f"real date or time (year 0 is out of range); {NOT_A_DATE}",
        id="date-zero",
    ),
    pytest.param(
        XAA,
        "date: 2026-07-12",
        "date: 2026-07-12 25:00:00",
        "countries/XAA.yaml:14:9: error: criteria.C01.actions[0].date: '2026-07-12 25:00:00' is "
        f"not a real date or time (hour must be in 0..23); {NOT_A_DATE}",
        id="time-25-00",
    ),
    pytest.param(
        XAA,
        LAST,
        f"{LAST}\ntreaties:\n  untoc: 2003-02-29",
        "countries/XAA.yaml:48:3: error: treaties.untoc: '2003-02-29' is not a real date or "
        f"time (day is out of range for month); {NOT_A_DATE}",
        id="treaty-date",
    ),
    pytest.param(
        "edition.yaml",
        "start: 2026-04-01",
        "start: 2026-04-31",
        "edition.yaml:3:20: error: reporting_period.start: '2026-04-31' is not a real date or "
        f"time (day is out of range for month); {NOT_A_DATE}",
        id="edition-date",
    ),
    pytest.param(
        "standards/minimum-standards.yaml",
        "    title: Prosecutes smugglers",
        "    title: Prosecutes smugglers\n    adopted: 2025-13-01",
        "standards/minimum-standards.yaml:9:5: error: effort_criteria[0].adopted: '2025-13-01' "
        f"is not a real date or time (month must be in 1..12); {NOT_A_DATE}",
        id="standards-date",
    ),
    # --- numbers: strict and bounded -------------------------------------------------------
    pytest.param(
        XAA,
        "{2026: 1000, 2027: 1100}",
        "{2026: 9223372036854775808, 2027: 1100}",
        "countries/XAA.yaml:32:23: error: indicators.smuggled_migrants.2026: must be at most "
        "1,000,000,000, got 9223372036854775808",
        id="count-2-to-the-63",
    ),
    pytest.param(
        XAA,
        "{2026: 1000, 2027: 1100}",
        f"{{2026: {'9' * 5000}, 2027: 1100}}",
        "countries/XAA.yaml:32:23: error: indicators.smuggled_migrants.2026: a number of 5,000 "
        "digits is too large to read; no field takes one",
        id="count-of-5000-digits",
    ),
    pytest.param(
        XAA,
        LAST,
        f"{LAST}\nlaw_enforcement:\n  2026: {{prosecutions: 100000000000000000000}}",
        "countries/XAA.yaml:48:10: error: law_enforcement.2026.prosecutions: must be at most "
        "1,000,000,000, got 100000000000000000000",
        id="law-enforcement-count",
    ),
    pytest.param(
        XAA,
        LAST,
        f"{LAST}\nassistance:\n  fiscal_year: 2028\n  at_stake_usd: 18446744073709551616\n"
        "  recommendation: full_restriction",
        "countries/XAA.yaml:49:3: error: assistance.at_stake_usd: must be at most "
        "1,000,000,000,000, got 18446744073709551616",
        id="assistance-usd",
    ),
    pytest.param(
        XAA,
        LAST,
        f"{LAST}\nassistance:\n  fiscal_year: 99999\n  at_stake_usd: 1\n"
        "  recommendation: full_restriction",
        "countries/XAA.yaml:48:3: error: assistance.fiscal_year: must be at most 2,999, got 99999",
        id="fiscal-year",
    ),
    pytest.param(
        XAA,
        "  2025: 2",
        "  92233720368547758070: 2",
        "countries/XAA.yaml:6:3: error: history.92233720368547758070: key 92233720368547758070: "
        "expected a year (a whole number from 1900 to 2999, such as 2027)",
        id="history-year",
    ),
    pytest.param(
        "edition.yaml",
        "year: 2027",
        "year: 9223372036854775808",
        "edition.yaml:2:1: error: year: must be at most 2,999, got 9223372036854775808",
        id="edition-year",
    ),
    pytest.param(
        "standards/minimum-standards.yaml",
        "  waiver_years: 1",
        "  waiver_years: 9223372036854775808",
        "standards/minimum-standards.yaml:28:3: error: thresholds.waiver_years: must be at most "
        "100, got 9223372036854775808",
        id="threshold-years",
    ),
    pytest.param(
        XAA,
        "{2026: 1000, 2027: 1100}",
        "{2026: true, 2027: 1100}",
        "countries/XAA.yaml:32:23: error: indicators.smuggled_migrants.2026: expected a whole "
        "number, got true",
        id="true-as-a-count",
    ),
    pytest.param(
        XAA,
        LAST,
        f"{LAST}\nlaw_enforcement:\n  2026: {{investigations: false}}",
        "countries/XAA.yaml:48:10: error: law_enforcement.2026.investigations: expected a whole "
        "number, got false",
        id="false-as-a-count",
    ),
    pytest.param(
        "standards/minimum-standards.yaml",
        "  waiver_years: 1",
        "  waiver_years: true",
        "standards/minimum-standards.yaml:28:3: error: thresholds.waiver_years: expected a whole "
        "number, got true",
        id="true-as-years",
    ),
    pytest.param(
        "standards/minimum-standards.yaml",
        "    weight: 2",
        "    weight: 100000000000000000000000000000000000000000000000000",
        "standards/minimum-standards.yaml:13:5: error: effort_criteria[1].weight: must be at "
        "most 1,000,000, got 1000000000000000000000000000000000000000...",
        id="weight-of-51-digits",
    ),
    pytest.param(
        "standards/minimum-standards.yaml",
        "    weight: 2",
        "    weight: .nan",
        "standards/minimum-standards.yaml:13:5: error: effort_criteria[1].weight: expected a "
        "finite number (not .inf or .nan), got NaN",
        id="weight-not-a-number",
    ),
    pytest.param(
        "standards/minimum-standards.yaml",
        "  - id: C01",
        '  - id: "\\u202eC01"',
        "countries/XAA.yaml:10:1: error: criteria.\\u202eC01: not assessed; every effort "
        "criterion of standards/minimum-standards.yaml needs a finding in a ranked country",
        id="standards-id-with-a-bidi-control",
    ),
    # --- keys that YAML keeps apart and the schema would merge -----------------------------
    pytest.param(
        XAA,
        "  2025: 2\n",
        '  2025: 2\n  "2025": 3\n',
        "countries/XAA.yaml:7:3: error: history.2025: keys 2025 (line 6) and '2025' name the "
        "same number; keep one of them",
        id="history-year-twice",
    ),
    pytest.param(
        XAA,
        "{2026: 1000, 2027: 1100}",
        "{2026: 1000, 2027: 1100, '2026': 5}",
        "countries/XAA.yaml:32:47: error: indicators.smuggled_migrants.2026: keys 2026 (line "
        "32) and '2026' name the same number; keep one of them",
        id="indicator-year-twice",
    ),
    pytest.param(
        XAA,
        LAST,
        f"{LAST}\nlaw_enforcement:\n  '2026': {{investigations: 3}}\n  2026: {{investigations: 4}}",
        "countries/XAA.yaml:49:3: error: law_enforcement.2026: keys '2026' (line 48) and 2026 "
        "name the same number; keep one of them",
        id="law-enforcement-year-twice",
    ),
    # --- text that cannot be written -------------------------------------------------------
    pytest.param(
        XAA,
        "name: Republic of Aldora",
        'name: "Republic of \\ud800Aldora"',
        "countries/XAA.yaml:2:1: error: name: contains U+D800, half of a character pair (a lone "
        "surrogate), which no file can hold; delete the escape that wrote it",
        id="lone-surrogate",
    ),
    pytest.param(
        XAA,
        "name: Republic of Aldora",
        "name: Republic of \x01Aldora",
        "countries/XAA.yaml:2:19: error: YAML syntax error: unacceptable character #x0001: "
        "special characters are not allowed",
        id="raw-control-character",
    ),
]


@pytest.mark.parametrize(("file", "old", "new", "expected"), CASES)
def test_bad_values_are_located_errors(
    edition_copy: Callable[[str], Path], file: str, old: str, new: str, expected: str
) -> None:
    root = edition_copy("minimal")
    edit(root, file, old, new)
    check_within(root)  # returns at all, and in time (a billion laughs took minutes)
    result = run("check", "--edition", root)
    assert result.exit_code == 1
    assert expected in result.output.splitlines(), result.output


def test_a_billion_laughs_fails_fast(edition_copy: Callable[[str], Path]) -> None:
    root = edition_copy("minimal")
    edit(root, XAA, LAST, f"{LAST}\n{laughs(10)}")
    started = time.process_time()
    result = check_within(root)
    # The processor time of this thread's process, not wall time: a busy machine does not fail
    # it, and without the bound it takes minutes and gigabytes.
    assert time.process_time() - started < 10
    assert [p.message.split(";")[0] for p in result.problems if p.severity == "error"] == [
        "the file holds more than 20,000 values (each alias counted as the values it repeats)"
    ]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            "!!binary aGVsbG8=\n",
            f"countries/XAA.yaml:1:1: error: document: YAML tag !!binary is not allowed; {NO_TAG}",
        ),
        (
            "!!set {a, b}\n",
            f"countries/XAA.yaml:1:1: error: document: YAML tag !!set is not allowed; {NO_TAG}",
        ),
        (
            "[" * 1000 + "]" * 1000 + "\n",
            "countries/XAA.yaml:1:51: error: lists and mappings are nested more than 50 levels "
            "deep; a country file needs 7",
        ),
        (
            "2027-02-30\n",
            "countries/XAA.yaml:1:1: error: document: '2027-02-30' is not a real date or time "
            f"(day is out of range for month); {NOT_A_DATE}",
        ),
    ],
    ids=["binary", "set", "deep", "date"],
)
def test_one_line_files_are_located_errors(
    edition_copy: Callable[[str], Path], content: str, expected: str
) -> None:
    root = edition_copy("minimal")
    (root / XAA).write_text(content, encoding="utf-8")
    result = run("check", "--edition", root)
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == expected


# --- short messages ---------------------------------------------------------------------------

MEGABYTE = "A" * 1_000_000


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "region: AF",
            f"region: {MEGABYTE}",
            "countries/XAA.yaml:3:1: error: region: unknown region "
            "'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA...' (1,000,000 characters); expected one "
            "of AF, EUR",
        ),
        (
            "status: cleared",
            f"status: {MEGABYTE}",
            "countries/XAA.yaml:4:1: error: status: expected one of draft, review, cleared, got "
            "'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA...' (1,000,000 characters)",
        ),
        (
            "status: cleared",
            f"status: cleared\n? {MEGABYTE}\n: 1",
            "countries/XAA.yaml:5:3: error: AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA...: unknown "
            "key 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA...' (1,000,000 characters) (allowed: "
            + ", ".join(Country.model_fields)
            + ")",
        ),
        (
            "status: cleared",
            f"status: cleared\nstatus: {MEGABYTE}",
            "countries/XAA.yaml:5:1: error: YAML syntax error: while constructing a mapping found "
            'duplicate key "status" with value "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA..." '
            '(original value: "cleared")',
        ),
        (
            "        sources: [moi-2026-07]\n  C02:",
            f"        sources: [{MEGABYTE}]\n  C02:",
            "countries/XAA.yaml:16:19: error: criteria.C01.actions[0].sources[0]: unknown source "
            "'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA...' (1,000,000 characters); expected one "
            "of moi-2026-07",
        ),
    ],
    ids=["unknown-region", "enumeration", "unknown-key", "duplicate-key", "unknown-source"],
)
def test_messages_quote_a_short_excerpt_of_a_long_value(
    edition_copy: Callable[[str], Path], old: str, new: str, expected: str
) -> None:
    root = edition_copy("minimal")
    edit(root, XAA, old, new)
    result = run("check", "--edition", root)
    assert result.exit_code == 1
    out = result.output.splitlines()
    assert expected in out, "\n".join(line[:300] for line in out)
    assert max(map(len, out)) <= MAX_MESSAGE_CHARS


# --- invisible characters -------------------------------------------------------------------

HIDDEN = "delete it: invisible characters can make text read differently from what it says"


def test_invisible_characters_in_names_titles_and_sources_are_located_warnings(
    edition_copy: Callable[[str], Path],
) -> None:
    root = edition_copy("minimal")
    edit(root, XAA, "name: Republic of Aldora", 'name: "Republic of \\u202eArodla\\u202c"')
    edit(root, XAA, "  profile: Migrants", '  profile: "Routes\\u2028Migrants')
    edit(root, XAA, "southern desert.", 'southern desert."')
    edit(root, XAA, "    title: Ministry", '    title: "\\u200bMinistry')
    edit(root, XAA, "statement\n", 'statement"\n')
    edit(
        root,
        XAA,
        "    url: https://example.org/moi\n",
        '    url: https://example.org/moi\n    publisher: "Office\\a"\n'
        '  "moi\\u2066":\n    title: Decoy\n',
    )
    edit(root, "edition.yaml", "title: Human Smuggling Report", 'title: "\\u2067Human Smuggling"')
    result = run("check", "--edition", root)
    assert result.exit_code == 0, result.output
    out = result.output.splitlines()
    assert [line for line in out if "invisible" in line] == [
        f"countries/XAA.yaml:2:1: warning: name: contains U+202E (RIGHT-TO-LEFT OVERRIDE) and "
        f"1 more invisible character; {HIDDEN}",
        f"countries/XAA.yaml:41:3: warning: narrative.profile: contains U+2028 (LINE "
        f"SEPARATOR); {HIDDEN}",
        f"countries/XAA.yaml:44:5: warning: sources.moi-2026-07.title: contains U+200B "
        f"(ZERO WIDTH SPACE); {HIDDEN}",
        f"countries/XAA.yaml:46:5: warning: sources.moi-2026-07.publisher: contains U+0007 (a "
        f"control character); {HIDDEN}",
        f"countries/XAA.yaml:47:3: warning: sources.moi\\u2066: contains U+2066 (LEFT-TO-RIGHT "
        f"ISOLATE); {HIDDEN}",
        f"edition.yaml:1:1: warning: title: contains U+2067 (RIGHT-TO-LEFT ISOLATE); {HIDDEN}",
    ]
    assert "countries/XAA.yaml:47:3: warning: sources.moi\\u2066: defined but never cited" in out
    edit(root, XAA, "[moi-2026-07]", '["moi-2026-O7"]')
    assert (
        "countries/XAA.yaml:16:19: error: criteria.C01.actions[0].sources[0]: unknown source "
        "'moi-2026-O7'; did you mean 'moi-2026-07'?"
    ) in run("check", "--edition", root).output.splitlines()
    assert run("check", "--edition", root, "--strict").exit_code == 1


def test_joiners_that_scripts_need_are_not_warnings(edition_copy: Callable[[str], Path]) -> None:
    root = edition_copy("minimal")
    edit(root, XAA, "name: Republic of Aldora", 'name: "Jomhuri-ye Aldora\\u200cye"')
    edit(
        root,
        XAA,
        "  profile: Migrants",
        '  profile: "Family \\U0001F468\\u200d\\U0001F469 Migrants',
    )
    edit(root, XAA, "southern desert.", 'southern desert."')
    result = run("check", "--edition", root)
    assert result.output.splitlines()[-1] == "checked 2 countries: 0 errors, 2 warnings"


def test_ruamel_warnings_never_reach_the_terminal(
    edition_copy: Callable[[str], Path], recwarn: pytest.WarningsRecorder
) -> None:
    root = edition_copy("minimal")
    text = (root / XAA).read_text(encoding="utf-8")
    (root / XAA).write_text("%YAML 1.1\n---\n" + text, encoding="utf-8")
    edit(root, XAA, "{2026: 1000, 2027: 1100}", "{2026: 1e3, 2027: 1100}")
    result = run("check", "--edition", root)
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        "countries/XAA.yaml:34:23: error: indicators.smuggled_migrants.2026: expected a whole "
        "number, got 1000.0"
    )
    assert [str(w.message) for w in recwarn] == []
