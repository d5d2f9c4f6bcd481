"""The quick ways of writing a report (issue 14) say exactly what the general ways say:
messages rendered with ``%`` read as ``str.format`` reads them, figures cached by type, the JSON
rows encoded by msgspec hold the same data as the standard encoder's, one row per line."""

from __future__ import annotations

import io
import json
import math

import pytest

from cchc_rules import load_dataset
from cchc_rules.messages import Catalog, _Params, format_value
from cchc_rules.renderers.json import _write_rows, jsonable, render_json, report_dict

from _support import EXAMPLES, engine


def _by_format(template: str, params: dict[str, object], lang: str) -> str:
    """What ``Catalog.render`` gave before its ``%`` path: every field through format_map."""
    values = _Params({k: format_value(v, lang) for k, v in params.items()})
    try:
        return template.format_map(values)
    except (ValueError, IndexError, KeyError, AttributeError):
        return template


@pytest.mark.parametrize(
    "template",
    [
        "{subject}: {used}/{quota} = {share}%",
        "100% {a} {{literal}} %(a)s %s %%",
        "{a} and {missing}",
        "{a:>6}|{a!r}|{a.upper}",
        "{0} {}",
        "{a",
        "no fields at all, 50%",
        "{ten-nam} {a}",
    ],
)
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_templates_render_as_str_format_reads_them(template: str, lang: str) -> None:
    catalog = Catalog()
    catalog.add(lang, {"m": template})
    params = {"subject": "Phường A", "used": 3008, "quota": 3100, "share": 97.03, "a": "x"}
    assert catalog.render("m", params, lang) == _by_format(template, params, lang)


def test_equal_figures_of_other_types_keep_their_own_text() -> None:
    big = 2**60
    for lang in ("vi", "en"):
        as_int, as_float = format_value(big, lang), format_value(float(big), lang)
        assert as_int != as_float  # the float's shortest text is not the integer's digits
        assert format_value(big, lang) == as_int
        assert format_value(float(big), lang) == as_float
        assert format_value(True, lang) != format_value(1, lang)


def test_years_and_plural_forms_still_apply() -> None:
    catalog = Catalog()
    catalog.add("en", {"m": "{n} {n:plural|one=unit|other=units} in {year}, {m}"})
    assert catalog.render("m", {"n": 1, "year": 2021, "m": 2500}, "en") == "1 unit in 2021, 2,500"
    assert catalog.render("m", {"n": 1200, "year": 2021, "m": 1}, "en") == (
        "1,200 units in 2021, 1"
    )


def _rows_text(items: list[object]) -> str:
    out: list[str] = []
    _write_rows(iter(items), out.append)
    return "".join(out)


def test_rows_msgspec_cannot_encode_go_through_the_standard_encoder() -> None:
    rows = [
        {"a": 1, "b": "ă"},
        {"lone": "\ud800"},  # a lone surrogate: msgspec refuses it
        {"b": 2**70},
        {1: "key that is not text"},
        {"c": None},
    ]
    text = _rows_text(rows)
    assert text.split(",\n    ") == [
        '{"a":1,"b":"ă"}',
        '{"lone":"\ud800"}',
        '{"b":1180591620717411303424}',
        '{"1":"key that is not text"}',
        '{"c":null}',
    ]


def test_rows_are_written_in_pieces_and_read_back_whole() -> None:
    rows = [{"i": i, "text": "Thủ tục " * 50} for i in range(5000)]  # several pieces of 1 MiB
    pieces: list[str] = []
    _write_rows(iter(rows), pieces.append)
    assert len(pieces) > 1
    assert json.loads("[" + "".join(pieces) + "]") == rows


def test_evidence_keeps_strict_json_and_sorted_names() -> None:
    evidence = {"z": math.nan, "y": math.inf, "x": 10**400, "w": 1.5, "v": [math.nan]}
    made = jsonable(evidence)
    assert list(made) == ["v", "w", "x", "y", "z"]
    assert made["z"] == "nan" and made["y"] == "inf" and made["v"] == ["nan"]
    assert isinstance(made["x"], str)
    assert jsonable({"b": 1, "a": 2}) == jsonable({"a": 2, "b": 1})  # each key order its own
    assert list(jsonable({"b": 1, "a": 2})) == ["a", "b"]
    assert jsonable({}) == {}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_json_report_is_the_report_dict_with_one_row_per_line(lang: str) -> None:
    report = engine().run(load_dataset(EXAMPLES / "hai-an-demo-2025-h2.toml"))
    text = render_json(report, lang)
    assert json.loads(text) == json.loads(json.dumps(report_dict(report, lang)))
    lines = text.splitlines()
    start = lines.index('  "findings": [')
    rows = lines[start + 1 : start + 1 + len(report.findings)]
    assert [json.loads(line.rstrip(","))["message_id"] for line in rows] == [
        f.message for f in report.findings
    ]
    written = io.StringIO()
    write = report.registry.renderers["json"].write
    assert write is not None
    write(report, lang, written)
    assert written.getvalue() == text
