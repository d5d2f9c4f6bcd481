"""Every report format, in both languages, is what it was when the golden files were recorded
(tests/golden/): performance work must not change a byte of output.

Text formats are compared byte for byte, JSON as data (an encoder may change whitespace), CSV by
its rows, a workbook by its cells' values. After an intended change of output, re-record with
``python tests/golden/regenerate.py`` and review ``git diff tests/golden``.
"""

from __future__ import annotations

import csv
import difflib
import io
import json
import sys
from pathlib import Path

import jsonschema
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "golden"))

from regenerate import CASES, FORMATS, LANGS, ROOT, golden_path, outputs

SCHEMA = ROOT / "src/cchc_rules/schemas/cchc-report-1.schema.json"
REGENERATE = "python tests/golden/regenerate.py"


def _as_data(suffix: str, text: str) -> object:
    if suffix in ("json", "xlsx.json"):
        return json.loads(text)
    if suffix == "csv":
        return list(csv.reader(io.StringIO(text, newline="")))
    return text


def _difference(suffix: str, expected: str, actual: str) -> str | None:
    if _as_data(suffix, expected) == _as_data(suffix, actual):
        return None
    diff = difflib.unified_diff(
        expected.splitlines(), actual.splitlines(), "golden", "now", n=1, lineterm=""
    )
    return "\n".join(list(diff)[:12])


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("case", "source"), CASES, ids=[c for c, _ in CASES])
def test_every_format_is_unchanged(case: str, source: str, lang: str) -> None:
    made = outputs(source, lang)
    assert set(made) == set(FORMATS.values())
    changed = []
    for suffix, text in made.items():
        path = golden_path(case, lang, suffix)
        assert path.exists(), f"no golden file {path.name}: run {REGENERATE}"
        found = _difference(suffix, path.read_text(encoding="utf-8"), text)
        if found is not None:
            changed.append(f"{path.name}:\n{found}")
    assert not changed, (
        f"output changed (if intended: {REGENERATE}, then review git diff tests/golden):\n"
        + "\n\n".join(changed)
    )
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validate(json.loads(made["json"]), schema)


def test_the_comparison_sees_a_changed_figure() -> None:
    """A changed figure is a difference in each way of comparing; whitespace in JSON is not."""
    assert _difference("json", '{"a": [1, 2]}', '{"a":[1,2]}') is None
    assert _difference("json", '{"a": [1, 2]}', '{"a": [1, 3]}') is not None
    assert _difference("csv", "a,b\r\n1,2\r\n", "a,b\r\n1,3\r\n") is not None
    assert _difference("txt", "98,69%\n", "98,7%\n") is not None
