"""Editor schemas come from the same declaration as the validator, and stay current."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import BaseModel

from tests.conftest import REPO, run
from tierreport import model
from tierreport.model.schema import MODELS, file_schema


@pytest.mark.parametrize("kind", sorted(MODELS))
def test_committed_schema_is_the_generated_one(kind: str) -> None:
    committed = json.loads((REPO / "schema" / f"{kind}.schema.json").read_text(encoding="utf-8"))
    assert committed == file_schema(kind), (
        f"schema/{kind}.schema.json is stale: run "
        f"tierreport schema --kind {kind} --out schema/{kind}.schema.json"
    )


def test_schema_command_prints_the_country_schema() -> None:
    result = run("schema")
    assert result.exit_code == 0
    printed = json.loads(result.output)
    assert printed["title"] == "Country"
    assert printed["additionalProperties"] is False
    assert printed["properties"]["status"]["enum"] == ["draft", "review", "cleared"]
    assert set(printed["required"]) == {"code", "name", "region"}


def test_schema_command_writes_a_file(tmp_path: Path) -> None:
    out = tmp_path / "nested" / "edition.schema.json"
    result = run("schema", "--kind", "edition", "--out", out)
    assert result.exit_code == 0
    assert result.output == f"wrote {out}\n"
    assert json.loads(out.read_text(encoding="utf-8"))["title"] == "EditionConfig"


def test_history_accepts_bare_tiers_in_the_schema() -> None:
    history = file_schema("country")["$defs"]["HistoryEntry"]
    assert history["anyOf"][0] == {"enum": ["1", "2", "2WL", "3", "special", 1, 2, 3]}
    assert history["anyOf"][1]["properties"]["waiver"]["type"] == "boolean"


def records() -> list[type[BaseModel]]:
    return [
        value
        for value in vars(model).values()
        if isinstance(value, type) and issubclass(value, model.Record) and value is not model.Record
    ]


@pytest.mark.parametrize("record", records(), ids=lambda r: r.__name__)
def test_every_declared_field_is_documented(record: type[BaseModel]) -> None:
    undocumented = [name for name, info in record.model_fields.items() if not info.description]
    assert undocumented == [], f"{record.__name__}: fields without a docstring: {undocumented}"


def test_example_files_point_editors_at_the_schema() -> None:
    countries = sorted((REPO / "countries").glob("*.yaml"))
    assert countries, "the example edition has no countries"
    for path in countries:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../schema/country.schema.json", path.name
