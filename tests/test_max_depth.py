"""The nesting-depth limit: ``max_depth`` for data files, a fixed bound for JSON reports."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from cchc_rules import load_dataset
from cchc_rules.baseline import load_report
from cchc_rules.cli.main import main
from cchc_rules.errors import UsageError
from cchc_rules.loading.depth import DEFAULT_MAX_DEPTH, REPORT_MAX_DEPTH, too_deep
from cchc_rules.messages.core import EN, VI

from _support import EXAMPLES

HEAD = {
    "schema": "cchc/1",
    "dataset": {"title": "T", "period": {"start": "2024-01-01", "end": "2024-06-30"}},
}


def nested(levels: int) -> Any:
    """A value that is ``levels`` arrays deep (0: a number)."""
    value: Any = 1
    for _ in range(levels):
        value = [value]
    return value


def data(extra_levels: int) -> dict[str, Any]:
    """Two units; the first holds, under ``x``, arrays that bring the file to ``3 +
    extra_levels`` levels (the top-level table, ``units``, the unit)."""
    first = {"id": "u1", "name": "A", "x": nested(extra_levels), "plan": {"tasks_total": 3}}
    return {**HEAD, "units": [first, {"id": "u2", "name": "B"}]}


def write_json(folder: Path, name: str, tree: Any) -> Path:
    path = folder / name
    path.write_text(json.dumps(tree), encoding="utf-8")
    return path


def deep_issues(ds: Any) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (i.location, i.source, dict(i.params)) for i in ds.issues if i.message == "data.too_deep"
    ]


def test_a_file_exactly_at_the_limit_loads_without_a_depth_issue(tmp_path):
    path = write_json(tmp_path, "d.json", data(DEFAULT_MAX_DEPTH - 3))
    ds = load_dataset(path)
    assert deep_issues(ds) == []
    assert [u.id for u in ds.units] == ["u1", "u2"]


def test_one_level_deeper_is_dropped_at_its_key_path_and_the_rest_is_checked(tmp_path):
    path = write_json(tmp_path, "d.json", data(DEFAULT_MAX_DEPTH - 2))
    ds = load_dataset(path)
    where = "units[u1].x" + "[0]" * (DEFAULT_MAX_DEPTH - 3)
    assert deep_issues(ds) == [(where, str(path), {"limit": DEFAULT_MAX_DEPTH})]
    assert [u.id for u in ds.units] == ["u1", "u2"]  # the unit keeps its other figures
    assert ds.units[0].plan is not None and ds.units[0].plan.tasks_total == 3


def test_the_limit_is_an_argument_and_applies_to_toml_with_its_line(tmp_path):
    text = (
        'schema = "cchc/1"\n[dataset]\ntitle = "T"\n\n[[units]]\nid = "u1"\nname = "A"\n'
        "[units.plan]\ntasks_total = 3\nx = [[1]]\n"
    )
    path = tmp_path / "d.toml"
    path.write_text(text, encoding="utf-8")
    assert deep_issues(load_dataset(path, max_depth=6)) == []  # root, units, unit, plan, x, x[0]
    ds = load_dataset(path, max_depth=5)
    assert deep_issues(ds) == [("units[u1].plan.x[0]", str(path), {"limit": 5})]
    [issue] = [i for i in ds.issues if i.message == "data.too_deep"]
    assert issue.line == 10
    assert ds.units[0].plan is not None and ds.units[0].plan.tasks_total == 3


def test_the_shipped_examples_are_well_within_the_default():
    for example in EXAMPLES.glob("*.toml"):
        assert deep_issues(load_dataset(example, max_depth=6)) == []
        assert deep_issues(load_dataset(example, max_depth=4)) != []


def test_the_walk_is_not_recursive_and_drops_every_outermost_deep_value():
    tree: dict[str, Any] = {"a": nested(100_000), "b": {"c": [[1], 2, [3]]}, "d": 1}
    paths = too_deep(tree, 3)
    assert paths == ["a[0][0]", "b.c[0]", "b.c[2]"]  # in the order of the file
    assert tree == {"a": [[]], "b": {"c": [2]}, "d": 1}
    assert too_deep(tree, 3) == []


def test_past_100_deep_values_in_one_file_the_rest_are_counted_in_one_issue(tmp_path):
    def file(count: int) -> Path:
        unit = {"id": "u1", "name": "A", "x": [[[1]]] * count}
        return write_json(tmp_path, f"d{count}.json", {**HEAD, "units": [unit]})

    ds = load_dataset(file(100), max_depth=5)
    assert len(deep_issues(ds)) == 100
    assert not [i for i in ds.issues if i.message == "data.too_deep_more"]
    ds = load_dataset(file(101), max_depth=5)
    listed = deep_issues(ds)
    # the first 100 of the file are listed (the dataset sorts its issues by key path)
    assert {where for where, _, _ in listed} == {f"units[u1].x[{i}][0]" for i in range(100)}
    [more] = [i for i in ds.issues if i.message == "data.too_deep_more"]
    assert dict(more.params) == {"count": 1, "limit": 5}
    assert [u.id for u in ds.units] == ["u1"]


def test_the_message_names_the_limit_and_the_key_in_both_languages():
    for catalog in (VI, EN):
        for key in ("data.too_deep", "data.too_deep_more"):
            text = catalog[key]
            assert "{limit}" in text and "max_depth" in text
            assert unicodedata.is_normalized("NFC", text)


def cchc(capsys, *argv: str) -> tuple[int, str, str]:
    code = main([*argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_tiny_max_depth_in_cchc_toml_takes_effect_through_the_cli(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "cchc.toml").write_text("max_depth = 4\n", encoding="utf-8")
    write_json(tmp_path, "d.json", data(2))  # x: the 4th level; x[0] the 5th
    code, out, _ = cchc(capsys, "check", "d.json", "--format", "json", "--lang", "en")
    assert code == 2
    report = json.loads(out)
    [error] = [e for e in report["errors"] if e.get("message_id") == "data.too_deep"]
    assert error["location"] == "units[u1].x[0]" and error["source"] == "d.json"
    assert "at most 4 levels: max_depth" in error["message"]
    assert report["summary"]["units"] == 2
    assert report["config"]["max_depth"] == 4


@pytest.mark.parametrize("value", ["0", "-3", "2.5", '"8"', "true"])
def test_max_depth_must_be_a_positive_whole_number(capsys, tmp_path, value):
    (tmp_path / "cchc.toml").write_text(f"max_depth = {value}\n", encoding="utf-8")
    good = EXAMPLES / "le-chan-2022-h1.toml"
    code, out, err = cchc(capsys, "check", str(good), "--config", str(tmp_path / "cchc.toml"))
    assert code == 2
    assert "max_depth" in err and "Traceback" not in out + err


def report_with(levels: int) -> dict[str, Any]:
    """A minimal report whose evidence brings it to ``3 + levels`` levels (report, findings,
    a finding; then the evidence table and arrays)."""
    evidence = {"v": nested(levels - 1)}
    finding = {"fingerprint": "f", "rule": "R1", "unit": "u", "evidence": evidence}
    return {"schema": "cchc-report/1", "findings": [finding]}


def test_a_report_at_the_fixed_bound_is_read_and_one_deeper_is_refused(tmp_path):
    ok = write_json(tmp_path, "ok.json", report_with(REPORT_MAX_DEPTH - 3))
    snapshot, _ = load_report(ok)
    assert list(snapshot.findings) == ["f"]
    deep = write_json(tmp_path, "deep.json", report_with(REPORT_MAX_DEPTH - 2))
    with pytest.raises(UsageError) as info:
        load_report(deep)
    where = "findings[0].evidence.v" + "[0]" * (REPORT_MAX_DEPTH - 4)
    assert str(info.value) == (
        f"{deep}: not a cchc-report/1 report (nested more than {REPORT_MAX_DEPTH} levels deep "
        f"at {where})"
    )


def test_a_deep_report_given_to_diff_exits_2_without_a_traceback(capsys, tmp_path):
    deep = write_json(tmp_path, "deep.json", report_with(200))
    code, out, err = cchc(capsys, "diff", str(deep), str(deep), "--lang", "en")
    assert code == 2
    assert "nested more than 64 levels" in err and "Traceback" not in out + err
