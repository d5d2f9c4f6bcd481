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

from .model import SECTIONS, Dataset, ReportRef, Unit

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


def _field(kind: str, choices: tuple[str, ...]) -> dict[str, Any]:
    if kind == "count":
        return {"type": "integer", "minimum": 0}
    if kind == "days":
        return {"type": "number", "minimum": 0}
    if kind == "percent":
        return {"type": "number", "minimum": 0, "maximum": 100}
    if kind == "stated":
        return {
            "oneOf": [
                {"type": "number", "minimum": 0, "maximum": 100},
                {"type": "string", "pattern": r"^\s*\d+([.,]\d+)?\s*%?\s*$"},
            ],
            "description": "a percentage as written; a string keeps its precision",
        }
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
    for a in attrs.fields(cls):
        kind = a.metadata.get("cchc")
        if kind is None:
            continue
        props[a.name] = _field(kind, a.metadata["choices"])
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
