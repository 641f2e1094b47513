"""Judgement calls in public (issue 14): public reasons, thresholds for judgements, estimates.

The thresholds are tested at their boundaries with the built standards of ``builders``; the
check messages and the publication with the example edition, edited where a case needs it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from tests.builders import YEAR, make_country, make_standards
from tests.conftest import REPO, copy_edition, run
from tests.pdfread import ReadPdf
from tests.sitebuild import build_into
from tierreport import wording as words
from tierreport.check.edition import load_edition
from tierreport.cli.commands import cli
from tierreport.model import Placement, SpecialCase, Standards
from tierreport.tiering.estimates import estimate_sensitivity
from tierreport.tiering.place import place
from tierreport.tiering.scoring import rises_significantly

# --- thresholds for judgements (METHODOLOGY step 5) -----------------------------------------------


def placed(standards: Standards, **indicators: Any) -> Placement:
    """A Tier 2 country below proportional_action_min (0.65 < 0.7), C10 met, with indicators."""
    return place(make_country(score="0.65", indicators=indicators), standards, YEAR)


LEVELS = make_standards(very_significant_migrants=1000, very_significant_deaths=50)
FROM_ZERO = make_standards(significant_increase_from_zero=100)


def test_a_migrant_figure_exactly_at_its_level_makes_the_numbers_very_significant() -> None:
    at = placed(LEVELS, smuggled_migrants={2026: 1000, 2027: 1000})
    assert at.watch_list_reasons == ("indicators",)
    assert (at.very_significant, at.very_significant_levels) == (True, ("smuggled_migrants",))
    assert (
        "smuggled migrants 1,000 in 2027 reach the very-significant level of 1,000 "
        "(very_significant_migrants), so the numbers are very significant"
    ) in at.rationale[5]
    below = placed(LEVELS, smuggled_migrants={2026: 999, 2027: 999})
    assert (below.watch_list_reasons, below.very_significant_levels) == ((), ())
    assert "very-significant level" not in below.rationale[5]


def test_a_death_figure_exactly_at_its_level_makes_the_numbers_very_significant() -> None:
    at = placed(LEVELS, deaths_and_disappearances={2026: 50, 2027: 50})
    assert at.very_significant_levels == ("deaths_and_disappearances",)
    assert at.watch_list_reasons == ("indicators",)
    assert "reach the very-significant level of 50 (very_significant_deaths)" in at.rationale[5]
    assert placed(LEVELS, deaths_and_disappearances={2026: 49, 2027: 49}).watch_list_reasons == ()


def test_only_the_figure_for_the_edition_year_is_held_against_the_level() -> None:
    assert placed(LEVELS, smuggled_migrants={2026: 5000, 2027: 900}).watch_list_reasons == ()


def test_without_levels_a_large_figure_is_not_very_significant_by_itself() -> None:
    plain = place(
        make_country(score="0.65", indicators={"smuggled_migrants": {2026: 10**6, 2027: 10**6}}),
        make_standards(),
        YEAR,
    )
    assert (plain.watch_list_reasons, plain.very_significant) == ((), False)


def test_a_rise_from_zero_exactly_at_the_from_zero_value_is_significant() -> None:
    at = placed(FROM_ZERO, smuggled_migrants={2026: 0, 2027: 100})
    assert (at.watch_list_reasons, at.rising_indicators) == (
        ("indicators",),
        ("smuggled_migrants",),
    )
    assert (
        "smuggled migrants 100 in 2027 after 0 in 2026 (a rise from 0, at least the 100 that "
        "counts as significant from zero, significant_increase_from_zero)"
    ) in at.rationale[5]
    below = placed(FROM_ZERO, smuggled_migrants={2026: 0, 2027: 99})
    assert (below.watch_list_reasons, below.rising_indicators) == ((), ())
    assert (
        "(a rise from 0, below the 100 that counts as significant from zero" in below.rationale[5]
    )


def test_without_the_from_zero_value_no_increase_is_measured_from_zero() -> None:
    today = place(
        make_country(score="0.65", indicators={"smuggled_migrants": {2026: 0, 2027: 10**6}}),
        make_standards(),
        YEAR,
    )
    assert today.watch_list_reasons == ()
    assert "(no increase can be measured from 0)" in today.rationale[5]


def test_the_from_zero_rule_needs_the_previous_year_to_be_zero() -> None:
    thresholds = FROM_ZERO.thresholds
    assert rises_significantly(0, 100, thresholds)
    assert not rises_significantly(0, 99, thresholds)
    assert rises_significantly(1, 100, make_standards().thresholds)  # +9900%
    assert not rises_significantly(80, 99, thresholds)  # +23.75%: the percentage rule applies
    assert rises_significantly(80, 100, thresholds)  # exactly +25%


# --- estimate sensitivity (METHODOLOGY 2c) ------------------------------------------------------

SOURCES = {
    "moi": {"title": "Annual security report", "publisher": "Ministry of the Interior"},
    "obs": {"title": "Crossing report", "publisher": "Sidreh Observatory", "kind": "ngo"},
}


def with_estimates(*estimates: dict[str, Any], **indicators: Any) -> Any:
    return make_country(
        score="0.65",
        indicators={
            "smuggled_migrants": {2026: 20000, 2027: 26000},
            "deaths_and_disappearances": {2026: 110, 2027: 120},
            "estimates": list(estimates),
            **indicators,
        },
        sources=SOURCES,
    )


MINISTRY = {"indicator": "smuggled_migrants", "year": 2027, "value": 21500, "source": "moi"}


def test_an_estimate_below_the_rise_threshold_would_change_the_numbers_test() -> None:
    country = with_estimates(MINISTRY)
    (item,) = estimate_sensitivity(country, make_standards(), YEAR)
    assert item.contract() == {
        "indicator": "smuggled_migrants",
        "year": 2027,
        "value": 21500,
        "source": "moi",
        "watch_list_numbers_test": False,
        "differs": True,
    }
    assert place(country, make_standards(), YEAR).contract()["estimate_sensitivity"] == [
        item.contract()
    ]
    assert words.sensitivity_sentence(
        item, make_standards().thresholds.significant_increase_pct, None
    ) == (
        "On the Ministry of the Interior's estimate of 21,500 smuggled migrants in 2027, the rise "
        "would be 7.5%, below the 25% threshold: the numbers test would not apply (on the "
        "office's figure it applies)."
    )


def test_an_estimate_that_keeps_the_rise_does_not_differ() -> None:
    estimate = {**MINISTRY, "value": 25000, "source": "obs"}
    (item,) = estimate_sensitivity(with_estimates(estimate), make_standards(), YEAR)
    assert (item.watch_list_numbers_test, item.differs) == (True, False)
    assert words.sensitivity_sentence(
        item, make_standards().thresholds.significant_increase_pct, None
    ) == (
        "On the Sidreh Observatory's estimate of 25,000 smuggled migrants in 2027, the rise would "
        "be 25%, at least the 25% threshold: the numbers test would apply (on the office's "
        "figure it applies)."
    )


def test_an_estimate_of_the_previous_year_is_tested_and_one_of_another_year_is_not() -> None:
    earlier = {**MINISTRY, "year": 2026, "value": 24000}
    old = {**MINISTRY, "year": 2024, "value": 1}
    items = estimate_sensitivity(with_estimates(earlier, old), make_standards(), YEAR)
    assert [(i.year, i.watch_list_numbers_test, i.differs) for i in items] == [(2026, False, True)]


def test_the_flag_keeps_the_numbers_test_whatever_the_estimate() -> None:
    country = with_estimates(
        MINISTRY, very_significant=True, very_significant_basis="The largest flows of the region."
    )
    (item,) = estimate_sensitivity(country, make_standards(), YEAR)
    assert (item.watch_list_numbers_test, item.differs, item.other_reason) == (True, False, "flag")
    sentence = words.sensitivity_sentence(
        item, make_standards().thresholds.significant_increase_pct, None
    )
    assert sentence.endswith(
        "below the 25% threshold: the numbers test would apply, because the numbers are flagged "
        "very significant (on the office's figure it applies)."
    )


def test_a_special_case_has_no_estimate_sensitivity() -> None:
    country = with_estimates(MINISTRY).model_copy(
        update={"special_case": SpecialCase(reason="No government in control.")}
    )
    assert estimate_sensitivity(country, make_standards(), YEAR) == ()


def test_the_example_edition_gives_elandra_the_ministry_sensitivity() -> None:
    result = run("tiers", "--edition", REPO, "--json")

    found = {c["code"]: c for c in json.loads(result.output)["countries"]}
    assert found["XEL"]["estimate_sensitivity"] == [
        {
            "indicator": "smuggled_migrants",
            "year": 2027,
            "value": 21500,
            "source": "moi-2027-03",
            "watch_list_numbers_test": False,
            "differs": True,
        }
    ]
    assert all(c["estimate_sensitivity"] == [] for code, c in found.items() if code != "XEL")
    assert (found["XQU"]["final_tier"], found["XQU"]["watch_list_reasons"]) == (
        "2WL",
        ["indicators"],
    )


# --- check: each missing public reason, located --------------------------------------------------


def edit(root: Path, file: str, old: str, new: str) -> None:
    path = root / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {file}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def cut_block(root: Path, file: str, key: str) -> None:
    """Remove the indented block ``key:`` (and its continuation lines) from a country file."""
    path = root / file
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.strip().startswith(f"{key}:"))
    indent = len(lines[start]) - len(lines[start].lstrip())
    end = start + 1
    while end < len(lines) and (
        not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > indent
    ):
        end += 1
    path.write_text("".join(lines[:start] + lines[end:]), encoding="utf-8")


@pytest.fixture
def example(tmp_path: Path) -> Path:
    return copy_edition("example", tmp_path / "example")


DECISION = (
    "countries/XKE.yaml:167:1: {severity}: decision.public_justification: missing; an override "
    "needs the reason the report prints, citing only facts of the reporting period (the internal "
    "justification is never published){tail}"
)
BENCHMARKS = (
    "countries/XGA.yaml:163:1: error: waiver.benchmarks: missing; a waiver needs the written "
    "plan's checkable commitments, each as {text: ..., due: YYYY-MM-DD}, which the report prints "
    "(the country is in cleared)"
)
BASIS = (
    "countries/XIS.yaml:158:3: error: indicators.very_significant_basis: missing; the "
    "very_significant flag needs one published sentence saying why the numbers are very "
    "significant in absolute terms (the country is in cleared)"
)


def test_each_missing_public_reason_is_an_error_at_its_line(example: Path) -> None:
    cut_block(example, "countries/XKE.yaml", "public_justification")
    cut_block(example, "countries/XGA.yaml", "benchmarks")
    cut_block(example, "countries/XIS.yaml", "very_significant_basis")
    result = run("check", "--edition", example)
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        BENCHMARKS,
        BASIS,
        DECISION.format(severity="error", tail=" (the country is in cleared)"),
        "checked 17 countries: 3 errors, 0 warnings",
    ]


def test_a_missing_public_reason_is_a_warning_in_draft(example: Path) -> None:
    cut_block(example, "countries/XKE.yaml", "public_justification")
    edit(example, "countries/XKE.yaml", "status: cleared", "status: draft")
    result = run("check", "--edition", example)
    assert result.exit_code == 0
    assert DECISION.format(severity="warning", tail="") in result.output.splitlines()


def test_an_estimate_must_name_a_source_of_the_file(example: Path) -> None:
    edit(example, "countries/XEL.yaml", "source: moi-2027-03", "source: moi-2027-3")
    result = run("check", "--edition", example)
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        "countries/XEL.yaml:179:7: error: indicators.estimates[0].source: unknown source "
        "'moi-2027-3'; did you mean 'moi-2027-03'?; an alternative estimate is published with "
        "its source"
    )


def test_an_estimate_after_the_edition_year_is_an_error(example: Path) -> None:
    edit(
        example,
        "countries/XEL.yaml",
        "      year: 2027\n      value: 21500",
        "      year: 2028\n      value: 21500",
    )
    result = run("check", "--edition", example)
    assert result.exit_code == 1
    assert (
        "countries/XEL.yaml:177:7: error: indicators.estimates[0].year: 2028 is after the "
        "edition year 2027"
    ) in result.output.splitlines()


def test_an_estimate_of_an_unknown_indicator_is_refused_at_its_line(example: Path) -> None:
    edit(example, "countries/XEL.yaml", "- indicator: smuggled_migrants", "- indicator: migrants")
    result = run("check", "--edition", example)
    assert result.exit_code == 1
    assert result.output.splitlines()[0].startswith(
        "countries/XEL.yaml:176:7: error: indicators.estimates[0].indicator: expected one of "
    )


# --- the public edition prints every judgement ---------------------------------------------------


def plain(text: str) -> str:
    """Text with tags removed, entities of the apostrophe undone, and whitespace squeezed."""
    text = re.sub(r"<[^>]+>", " ", text).replace("&#39;", "'").replace("&amp;", "&")
    return " ".join(text.split())


@pytest.fixture(scope="module")
def public(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("judgements") / "out"
    build_into(REPO, out, only=("html", "pdf", "data"))
    return out


def expected_sentences() -> dict[str, list[str]]:
    """Every public reason of the example edition, by country code, as the files give them."""
    edition = load_edition(REPO)
    found: dict[str, list[str]] = {}
    for country in edition.countries:
        texts = []
        if country.decision and country.decision.public_justification:
            texts.append(country.decision.public_justification)
        if country.waiver:
            texts += [b.text for b in country.waiver.benchmarks]
        if country.indicators.very_significant_basis:
            texts.append(country.indicators.very_significant_basis)
        if texts:
            found[country.code] = [" ".join(t.split()) for t in texts]
    return found


SENSITIVITY = (
    "On the Ministry of the Interior's estimate of 21,500 smuggled migrants in 2027, the rise "
    "would be 7.5%, below the 25% threshold: the numbers test would not apply (on the office's "
    "figure it applies)."
)


@pytest.mark.slow
def test_the_public_edition_prints_every_judgement_and_no_internal_pointer(public: Path) -> None:
    expected = expected_sentences()
    assert set(expected) == {"XGA", "XIS", "XKE"}
    assert sum(len(v) for v in expected.values()) == 5  # a justification, 3 benchmarks, a basis
    site = public / "site"
    pdf_text = " ".join(" ".join(ReadPdf(next(public.glob("*.pdf"))).pages).split())
    pdf_text = pdf_text.replace("\u2019", "'")
    for code, texts in expected.items():
        page = plain((site / "countries" / f"{code}.html").read_text("utf-8"))
        for text in texts:
            assert text in page, (code, text)
            # pdftotext may hyphenate nothing here but breaks lines: compare squeezed text
            assert text in pdf_text, (code, text)
    assert SENSITIVITY in plain((site / "countries" / "XEL.html").read_text("utf-8"))
    assert SENSITIVITY in pdf_text
    watch = plain((site / "watch-list.html").read_text("utf-8"))
    for code in ("XGA", "XIS", "XKE"):
        # Isperia is on Tier 3, so only the Watch List's countries print here
        if code != "XIS":
            assert all(text in watch for text in expected[code]), code
    decisions = plain((site / "placements.html").read_text("utf-8"))
    assert "Placements decided by the office" in decisions
    assert expected["XKE"][0] in decisions
    internal = load_edition(REPO).country("XKE").decision
    assert internal is not None
    data = [p for p in (public / "data").iterdir() if p.suffix in (".csv", ".json", ".md")]
    for path in [*site.rglob("*.html"), *data]:
        text = path.read_text("utf-8")
        assert "internal edition" not in text.casefold(), path
        assert " ".join(internal.justification.split())[:60] not in plain(text), path
    # the glossary entry may run across a page break: its first and last sentences
    first, *_, last = words.SMUGGLING_AND_TRAFFICKING.split(". ")
    assert "Smuggling and trafficking " + first in pdf_text and last in pdf_text
    assert "TIP Report tier" in pdf_text
    assert "internal edition" not in pdf_text.casefold()
    assert "audit annex" not in pdf_text.casefold()
    pdf = ReadPdf(next(public.glob("*.pdf")))
    assert [e.title for e in pdf.outline if e.level == 1][2:4] == [
        "Methodology",
        "What each finding means: the rubric",
    ]
    destinations = pdf.destinations
    rubric_links = {name for _, name in pdf.links if name.startswith("rubric-")}
    assert len(rubric_links) == 16 and rubric_links <= set(destinations)


def test_the_public_indicators_file_lists_every_figure_with_its_source(
    edition_copy: Callable[[str], Path], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    build_into(REPO, out, only=("html", "data"))
    lines = (out / "data" / "indicators.csv").read_text("utf-8").splitlines()
    assert lines[0] == (
        "code,name,region,indicator,year,value,figure,source,source_title,source_kind,note"
    )
    elandra = [line for line in lines if line.startswith("XEL,")]
    assert elandra[:3] == [
        'XEL,Elandra,NEA,smuggled_migrants,2026,20000,office,,"Crossing the middle sea, '
        'monitoring report 2026",,',
        'XEL,Elandra,NEA,smuggled_migrants,2027,26000,office,,"Crossing the middle sea, '
        'monitoring report 2026",,',
        'XEL,Elandra,NEA,smuggled_migrants,2027,21500,alternative,moi-2027-03,"Ministry of the '
        'Interior annual security report, 2026-27",government,"The ministry counts the migrants '
        "intercepted at sea and on land, which leaves out successful departures; the office's "
        "figure follows the observatory's estimate.\"",
    ]
    # two indicators x two years for each of the 17 countries, and Elandra's estimate
    assert len(lines) == 1 + 17 * 4 + 1


# --- the rubric ---------------------------------------------------------------------------------


def test_the_default_standards_that_init_ships_carry_the_rubric(tmp_path: Path) -> None:
    result = run("init", tmp_path / "new", "--year", "2028")
    assert result.exit_code == 0, result.output
    standards = load_edition(REPO).standards
    shipped = (tmp_path / "new" / "standards" / "minimum-standards.yaml").read_text("utf-8")
    for item in (*standards.legal_standards, *standards.effort_criteria):
        assert item.guidance is not None, item.id
        assert " ".join(item.guidance.met.split())[:50] in " ".join(shipped.split()), item.id
    assert all(c.guidance and c.guidance.partial for c in standards.effort_criteria)


def test_a_legal_standard_cannot_be_given_a_partial_rubric(example: Path) -> None:
    edit(
        example,
        "standards/minimum-standards.yaml",
        "    guidance:\n      met: >-\n        Met where the law in force",
        "    guidance:\n      partial: Half a law.\n"
        "      met: >-\n        Met where the law in force",
    )
    result = run("check", "--edition", example)
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        "standards/minimum-standards.yaml:12:7: error: legal_standards[0].guidance.partial: "
        "unknown key 'partial' (allowed: met, not_met)"
    )


def test_the_site_prints_the_rubric_and_every_scorecard_row_links_to_it(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build_into(REPO, out, only=("html",))
    methodology = (out / "site" / "methodology.html").read_text("utf-8")
    assert '<h2 id="rubric">What each finding means: the rubric</h2>' in methodology
    anchors = set(re.findall(r'<section class="rubric-item" id="(rubric-[A-Z0-9]+)"', methodology))
    assert len(anchors) == 16
    assert "<dt>Partially met</dt><dd>Partially met where the authorities investigated" in (
        methodology
    )
    page = (out / "site" / "countries" / "XQU.html").read_text("utf-8")
    links = re.findall(
        r'class="rubric-ref"><a href="\.\./methodology\.html#(rubric-[A-Z0-9]+)"', page
    )
    assert len(links) == 16 and set(links) == anchors
    assert (
        '<span class="rubric-ref"><a href="../methodology.html#rubric-C01">What partially met '
        "means for C01</a></span>"
    ) in page


# --- compare: the consistency view for clearance -------------------------------------------------


def test_compare_groups_every_country_by_finding_with_the_rubric() -> None:
    result = run("compare", "c01", "--edition", REPO)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == (
        "C01  Vigorously investigates, prosecutes, convicts and sentences smugglers (no data is "
        "presumed not vigorous) (effort criterion)"
    )
    assert lines[2] == "Rubric"
    assert lines[3].startswith("  - Met where, during the reporting period, the authorities")
    headings = [line for line in lines if re.match(r"^[A-Z][a-z ]+ \(\d+\)$", line)]
    assert headings == ["Met (8)", "Partially met (8)"]
    quenmoor = lines.index("  XQU  Quenmoor")
    assert lines[quenmoor + 1 : quenmoor + 4] == [
        "      2026-08-02  The Constabulary set up a Border Intelligence Unit of nine officers at "
        "Skerrin",
        "                  harbour.",
        "      2027-01-19  Harrowick Crown Court convicted four boat operators, including one "
        "under section",
    ]
    assert "  XJO  Jorvik Islands" not in lines  # a Special Case is not assessed


def test_compare_an_unknown_id_names_the_nearest() -> None:
    result = CliRunner().invoke(cli, ["compare", "C9", "--edition", str(REPO)])
    assert result.exit_code == 1
    assert result.output == (
        "Error: no standard or criterion 'C9' in standards/minimum-standards.yaml; did you mean "
        "C09?\n"
    )


def test_the_internal_site_has_a_comparison_page_per_criterion_and_the_public_none(
    tmp_path: Path,
) -> None:
    internal = tmp_path / "internal"
    build_into(REPO, internal, audience="internal", only=("html",))
    site = internal / "site"
    pages = sorted(p.name for p in site.glob("compare-*.html"))
    assert len(pages) == 16 and pages[0] == "compare-C01.html"
    c09 = plain((site / "compare-C09.html").read_text("utf-8"))
    assert "Met (3)" in c09 and "Partially met (11)" in c09 and "Not met (2)" in c09
    assert "Fennmark 20 May 2026 : The Bureau of Emigration ran the Safe Road campaign" in c09
    index = (site / "compare.html").read_text("utf-8")
    assert '<a href="compare-C09.html">C09 Runs information campaigns' in index
    public = tmp_path / "public"
    build_into(REPO, public, only=("html",))
    assert not list((public / "site").glob("compare*.html"))
    assert "compare.html" not in (public / "site" / "index.html").read_text("utf-8")


# --- smuggling and trafficking -------------------------------------------------------------------


def test_the_tip_report_tier_is_shown_in_the_chapter_and_the_placements_table(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    build_into(REPO, out, only=("html",))
    kestria = (out / "site" / "countries" / "XKE.html").read_text("utf-8")
    assert "<dt>TIP Report tier</dt><dd>Tier 2 Watch List (TIP Report 2026)</dd>" in kestria
    assert "a migrant held for ransom is a victim of trafficking in persons" in plain(kestria)
    placements = plain((out / "site" / "placements.html").read_text("utf-8"))
    assert "Efforts score TIP Report tier" in placements
    assert "Elandra Near East Tier 2 Downgraded 0.615 Tier 2 (TIP Report 2026)" in placements
    assert "Fennmark South and Central Asia Tier 2 Watch List No change 0.730 None recorded" in (
        placements
    )
    methodology = plain((out / "site" / "methodology.html").read_text("utf-8"))
    assert "Smuggling and trafficking " + words.SMUGGLING_AND_TRAFFICKING in methodology


def test_a_tip_tier_needs_a_tier_and_a_year(example: Path) -> None:
    edit(example, "countries/XEL.yaml", "tip_tier: {tier: 2, year: 2026}", "tip_tier: {tier: 4}")
    result = run("check", "--edition", example)
    assert result.exit_code == 1
    assert result.output.splitlines()[:2] == [
        "countries/XEL.yaml:197:1: error: tip_tier: missing required field 'year'",
        "countries/XEL.yaml:197:12: error: tip_tier.tier: expected one of 1, 2, 2WL, 3, got '4'",
    ]


def test_an_estimate_from_a_non_public_source_stays_in_the_internal_edition(example: Path) -> None:
    edit(
        example,
        "countries/XEL.yaml",
        "    url: https://example.org/elandra/interior/2027-03-report\n    kind: government\n",
        "    url: https://example.org/elandra/interior/2027-03-report\n    kind: government\n"
        "    public: false\n",
    )

    public = example.parent / "public"
    build_into(example, public, only=("html", "data"))
    placed = json.loads((public / "data" / "placements.json").read_text("utf-8"))
    elandra = next(c for c in placed["countries"] if c["code"] == "XEL")
    assert elandra["estimate_sensitivity"] == []
    assert ",alternative," not in (public / "data" / "indicators.csv").read_text("utf-8")
    page = plain((public / "site" / "countries" / "XEL.html").read_text("utf-8"))
    assert "21,500" not in page and "On the Ministry" not in page
    internal = example.parent / "internal"
    build_into(example, internal, audience="internal", only=("html", "data"))
    data = internal / "data"
    placed = json.loads((data / "placements.json").read_text("utf-8"))
    elandra = next(c for c in placed["countries"] if c["code"] == "XEL")
    assert [e["value"] for e in elandra["estimate_sensitivity"]] == [21500]
    assert ",21500,alternative,moi-2027-03," in (data / "indicators.csv").read_text("utf-8")
    page = plain((internal / "site" / "countries" / "XEL.html").read_text("utf-8"))
    assert SENSITIVITY in page
