"""The benchmark's synthetic edition: valid under check, repeatable, every tier it promises."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from benchmarks.synthetic.country import build_country
from benchmarks.synthetic.prose import Facts, Writer
from benchmarks.synthetic.synthetic import PROFILES, write_edition
from benchmarks.synthetic.yamlout import dump
from tierreport.check.edition import check_edition
from tierreport.errors import EditionExistsError
from tierreport.load.yaml import read_yaml
from tierreport.tiering.place import place_all


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.*"))}


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 12-country synthetic edition, written once for the module."""
    return write_edition(tmp_path_factory.mktemp("bench") / "edition", countries=12, seed=7).root


def test_small_edition_passes_check_without_any_problem(small: Path) -> None:
    result = check_edition(small)
    assert [str(p) for p in result.problems] == []
    assert result.checked == 12
    assert result.edition is not None
    assert len(result.edition.countries) == 12


def test_every_country_lands_on_the_tier_of_its_profile(tmp_path: Path) -> None:
    written = write_edition(tmp_path / "edition", countries=12, seed=7)
    edition = check_edition(written.root).edition
    assert edition is not None
    placed = {p.code: p.final_tier for p in place_all(edition)}
    assert placed == written.tiers
    assert set(placed.values()) == {"1", "2", "2WL", "3", "special"}


def test_every_profile_lands_on_its_tier_with_the_expected_flags(tmp_path: Path) -> None:
    # 20 countries take every profile of the cycle at least once.
    written = write_edition(tmp_path / "edition", countries=20, seed=3)
    edition = check_edition(written.root).edition
    assert edition is not None
    by_profile: dict[str, list[tuple[str, bool, bool, bool]]] = {}
    for p in place_all(edition):
        flags = (p.final_tier, p.waiver, p.auto_downgrade, p.override)
        by_profile.setdefault(written.profiles[p.code], []).append(flags)
    assert set(by_profile) == set(PROFILES)
    assert set(by_profile["watch-waiver"]) == {("2WL", True, False, False)}
    assert set(by_profile["tier3-downgrade"]) == {("3", False, True, False)}
    assert set(by_profile["decision"]) == {("3", False, False, True)}
    assert set(by_profile["watch-indicators"]) == {("2WL", False, False, False)}


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path: Path) -> None:
    first = _files(write_edition(tmp_path / "a", countries=5, seed=11).root)
    again = _files(write_edition(tmp_path / "b", countries=5, seed=11).root)
    other = _files(write_edition(tmp_path / "c", countries=5, seed=12).root)
    assert len(first) == 8  # edition.yaml, standards, introduction and 5 countries
    assert first == again
    assert first != other


def test_chapters_have_realistic_narratives(small: Path) -> None:
    edition = check_edition(small).edition
    assert edition is not None
    for country in edition.countries:
        if country.special_case is not None:
            continue
        n = country.narrative
        pillars = (n.prosecution, n.protection, n.prevention, n.partnership)
        text = " ".join((n.summary, *pillars, n.profile, *n.recommendations))
        assert 580 <= len(text.split()) <= 950, country.code
        assert 5 <= len(n.recommendations) <= 7


def test_rewriting_replaces_an_earlier_synthetic_edition(tmp_path: Path) -> None:
    root = tmp_path / "edition"
    write_edition(root, countries=6, seed=1)
    write_edition(root, countries=3, seed=1)
    assert len(list((root / "countries").glob("*.yaml"))) == 3


def test_refuses_to_overwrite_a_directory_it_did_not_write(tmp_path: Path) -> None:
    (tmp_path / "edition.yaml").write_text("title: mine\n", encoding="utf-8")
    with pytest.raises(EditionExistsError) as caught:
        write_edition(tmp_path, countries=3)
    assert str(caught.value) == (
        f"{tmp_path} is not empty and holds no synthetic edition; choose another directory"
    )
    assert (tmp_path / "edition.yaml").read_text(encoding="utf-8") == "title: mine\n"


def test_refuses_an_impossible_size(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"^countries must be between 1 and 676, got 677$"):
        write_edition(tmp_path / "edition", countries=677)


def test_the_yaml_written_reads_back_as_the_data(tmp_path: Path) -> None:
    rng = random.Random(5)
    for profile in PROFILES.values():
        data = build_country(rng, "XQQ", "Kingdom of Test", "AF", profile, "Otherland")
        path = tmp_path / "XQQ.yaml"
        path.write_text(dump(data), encoding="utf-8")
        loaded = read_yaml(path, "countries/XQQ.yaml")
        assert loaded.problems == []
        assert loaded.data == data, profile.name


def test_prose_names_a_formal_country_with_its_article() -> None:
    facts = Facts.invent(random.Random(1), "Kingdom of Ostra", "Velland")
    writer = Writer(random.Random(1), facts, 2027)
    assert writer.fill("{Country} and {neighbour}.") == "The Kingdom of Ostra and Velland."
    assert writer.fill("Law of {older}.", older=2011) == "Law of 2011."
