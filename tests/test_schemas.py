"""The shipped JSON Schemas: the data-format one is generated from the model and up to date; the
examples and the reports validate against them."""

from __future__ import annotations

import datetime as dt
import json

import jsonschema
import pytest

from cchc_rules import load_dataset
from cchc_rules.loading.files import tomllib
from cchc_rules.schema import DATA_SCHEMA_FILE, REPORT_SCHEMA_FILE, data_schema, load_schema

from _support import CONFORMANCE, EXAMPLES, engine

GOOD = [
    EXAMPLES / "le-chan-2022-h1.toml",
    EXAMPLES / "hai-an-demo-2025-h2.toml",
    *sorted(CONFORMANCE.glob("*.toml")),
]


def as_json(value):
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def test_shipped_data_schema_is_generated_from_the_model():
    assert load_schema(DATA_SCHEMA_FILE) == data_schema(), "run: python -m cchc_rules.schema"


@pytest.mark.parametrize("path", GOOD, ids=lambda p: p.name)
def test_examples_validate_against_the_data_schema(path):
    data = as_json(tomllib.loads(path.read_text(encoding="utf-8")))
    jsonschema.validate(data, load_schema(DATA_SCHEMA_FILE))


def test_the_schema_rejects_what_the_loader_rejects():
    bad = {
        "schema": "cchc/1",
        "dataset": {"period": {"start": "2023-01-01", "end": "2023-06-30"}},
        "units": [{"id": "a", "name": "A", "staffing": [{"quota": -1, "used": 2}]}],
    }
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, load_schema(DATA_SCHEMA_FILE))


@pytest.mark.parametrize("path", GOOD, ids=lambda p: p.name)
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_reports_validate_against_the_report_schema(path, lang):
    doc = json.loads(engine().run(load_dataset(path)).to_json(lang))
    jsonschema.validate(doc, load_schema(REPORT_SCHEMA_FILE))


def test_a_report_with_waivers_and_a_baseline_validates(tmp_path, monkeypatch, capsys):
    from cchc_rules.cli.main import main

    monkeypatch.chdir(tmp_path)
    (tmp_path / "cchc.toml").write_text(
        '[[waivers]]\nrule = "ID002"\nunit = "le-chan"\nreason = "VNeID from 07/2022"\n'
        'approver = "Sở Nội vụ"\nexpires = 2030-12-31\n'
        '[[waivers]]\nrule = "ST001"\nunit = "nobody"\nreason = "r"\napprover = "a"\n'
        "expires = 2020-01-01\n",
        encoding="utf-8",
    )
    seed = str(EXAMPLES / "le-chan-2022-h1.toml")
    first = tmp_path / "first.json"
    main(["check", seed, "-f", "json", "-o", str(first), "--as-of", "2023-01-01"])
    main(["check", seed, "-f", "json", "--as-of", "2023-01-01", "--baseline", str(first)])
    doc = json.loads(capsys.readouterr().out)
    assert {w["state"] for w in doc["waivers"]} == {"active", "expired"}
    assert any(f["waiver"] for f in doc["findings"])
    assert {f["state"] for f in doc["findings"]} == {"persisting"}
    jsonschema.validate(doc, load_schema(REPORT_SCHEMA_FILE))
