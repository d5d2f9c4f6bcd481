"""JSON Schemas shipped with the package: the data format (generated from :mod:`cchc_rules.model`)
and the report (``cchc-report/1``).

``python -m cchc_rules.schema`` rewrites the data-format schema from the model; a test checks the
shipped file is up to date.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import attrs

from .model import QUALIFIERS, ROUNDINGS, SECTIONS, Dataset, ReportRef, Unit

__all__ = ["data_schema", "load_schema"]

DATA_SCHEMA_FILE = "cchc-1.schema.json"
REPORT_SCHEMA_FILE = "cchc-report-1.schema.json"

_DATE = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
_PERIOD = {
    "type": "object",
    "properties": {"start": _DATE, "end": _DATE},
    "required": ["start", "end"],
    "additionalProperties": False,
}


_QUALIFIER_WORDS = "|".join(
    sorted((w for words in QUALIFIERS.values() for w in words), key=lambda w: -len(w))
)
_STATED_TEXT = rf"^\s*(?:(?:{_QUALIFIER_WORDS})\s+)*\d+([.,]\d+)?\s*%?\s*(?:trở lên|trở xuống)?\s*$"
_COUNT_TEXT = (
    rf"^\s*(?:(?:{_QUALIFIER_WORDS})\s+)*(?:\d{{1,3}}(?:[.,]\d{{3}})+|\d+)\s*"
    r"(?:trở lên|trở xuống)?\s*$"
)


_DEFS: dict[str, Any] = {
    "count": {"type": "integer", "minimum": 0},
    "count_text": {"type": "string", "pattern": _COUNT_TEXT},
    "percent": {"type": "number", "minimum": 0, "maximum": 100},
    "percent_text": {"type": "string", "pattern": _STATED_TEXT},
    "qualifier": {"type": "string", "enum": list(QUALIFIERS)},
    "rounding": {"type": "string", "enum": list(ROUNDINGS)},
}
_DEFS["bounded_count"] = {
    "description": "a count; bounded or approximate as written (“hơn 2.000”, "
    '{ value = 2000, qualifier = "over" })',
    "oneOf": [
        {"$ref": "#/$defs/count"},
        {"$ref": "#/$defs/count_text"},
        {
            "type": "object",
            "properties": {
                "value": {"oneOf": [{"$ref": "#/$defs/count"}, {"$ref": "#/$defs/count_text"}]},
                "qualifier": {"$ref": "#/$defs/qualifier"},
            },
            "required": ["value"],
            "additionalProperties": False,
        },
    ],
}


def _stated(bases: tuple[str, ...]) -> dict[str, Any]:
    """A stated percentage: a number, a string keeping its precision and qualifier, or a table
    also naming its base (one of ``bases``) and rounding."""
    table: dict[str, Any] = {
        "type": "object",
        "properties": {
            "value": {"oneOf": [{"$ref": "#/$defs/percent"}, {"$ref": "#/$defs/percent_text"}]},
            "qualifier": {"$ref": "#/$defs/qualifier"},
            "rounding": {"$ref": "#/$defs/rounding"},
            "base": {"type": "string", "enum": list(bases)},
        },
        "required": ["value"],
        "additionalProperties": False,
    }
    return {
        "oneOf": [{"$ref": "#/$defs/percent"}, {"$ref": "#/$defs/percent_text"}, table],
        "description": "a percentage as written; a string keeps its precision and qualifier "
        "(“trên 97%”); a table also names its base and rounding",
    }


def _field(kind: str, choices: tuple[str, ...], *, bounded: bool = False) -> dict[str, Any]:
    if kind == "count":
        return {"$ref": "#/$defs/bounded_count"} if bounded else {"$ref": "#/$defs/count"}
    if kind == "stated":
        return _stated(choices)
    if kind == "days":
        return {"type": "number", "minimum": 0}
    if kind == "percent":
        return {"$ref": "#/$defs/percent"}
    if kind == "date":
        return dict(_DATE)
    if kind == "bool":
        return {"type": "boolean"}
    if kind == "period":
        return dict(_PERIOD)
    if kind == "choice":
        return {"type": "string", "enum": list(choices)}
    if kind == "ids":
        return {"type": "array", "items": {"type": "string", "minLength": 1}}
    return {"type": "string"}


def _object(cls: type) -> dict[str, Any]:
    props: dict[str, Any] = {}
    required = []
    fields = attrs.fields(cls)
    bounded = any(a.name == "bounds" for a in fields)
    for a in fields:
        kind = a.metadata.get("cchc")
        if kind is None:
            continue
        props[a.name] = _field(kind, a.metadata["choices"], bounded=bounded)
        if a.metadata["required"]:
            required.append(a.name)
    out: dict[str, Any] = {"type": "object", "properties": props}
    if required:
        out["required"] = required
    return out


def data_schema() -> dict[str, Any]:
    """The JSON Schema of the ``cchc/1`` format (unknown keys are allowed: the loader warns)."""
    unit = _object(Unit)
    for name, spec in SECTIONS.items():
        section = _object(spec.cls)
        unit["properties"][name] = {"type": "array", "items": section} if spec.many else section
    dataset = _object(Dataset)
    dataset["properties"]["report"] = _object(ReportRef)
    dataset["required"] = ["period"]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://cchc-rules.invalid/schemas/cchc-1.schema.json",
        "title": "cchc/1 unit data",
        "type": "object",
        "properties": {
            "schema": {"const": "cchc/1"},
            "dataset": dataset,
            "units": {"type": "array", "items": unit},
        },
        "required": ["schema", "dataset"],
        "$defs": _DEFS,
    }


def load_schema(name: str) -> dict[str, Any]:
    """A shipped schema by file name (``cchc-1.schema.json`` or ``cchc-report-1.schema.json``)."""
    text = (
        resources.files("cchc_rules").joinpath("schemas").joinpath(name).read_text(encoding="utf-8")
    )
    return json.loads(text)  # type: ignore[no-any-return]


def _write() -> None:  # pragma: no cover - maintenance helper
    target = Path(__file__).parent / "schemas" / DATA_SCHEMA_FILE
    target.write_text(
        json.dumps(data_schema(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    print(f"wrote {target}")


if __name__ == "__main__":  # pragma: no cover
    _write()
