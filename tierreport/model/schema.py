"""JSON Schemas of the edition's files, generated from the same declaration the validator uses."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel

from tierreport.model import Country, EditionConfig, Standards

SchemaKind = Literal["country", "edition", "standards"]
MODELS: dict[str, type[BaseModel]] = {
    "country": Country,
    "edition": EditionConfig,
    "standards": Standards,
}


def file_schema(kind: SchemaKind = "country") -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one kind of file."""
    schema = MODELS[kind].model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
