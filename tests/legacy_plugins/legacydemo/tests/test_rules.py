"""Tests of LEGACY001 with cchc_rules.testing: no configuration or fixtures needed."""

from __future__ import annotations

from importlib import metadata

import cchc_legacydemo
import pytest
from cchc_legacydemo.rules import legacy001

from cchc_rules import Engine
from cchc_rules.testing import (
    assert_examples,
    assert_findings,
    assert_no_findings,
    assert_skipped,
    run_rule,
    unit,
)

PLUGINS = [cchc_legacydemo]


def check(plan, **kw):
    return run_rule("LEGACY001", unit(plan=plan), plugins=PLUGINS, **kw)


def test_fires_just_below_the_minimum():
    report = check({"tasks_total": 10, "tasks_done": 7})
    assert_findings(
        report,
        rule="LEGACY001",
        units=["u1"],
        severity="warning",
        evidence={"done": 7, "total": 10, "done_percent": 70.0, "min_done_percent": 80},
    )


def test_passes_exactly_at_the_minimum():
    assert_no_findings(check({"tasks_total": 10, "tasks_done": 8}))


def test_the_minimum_is_a_parameter():
    assert_no_findings(check({"tasks_total": 10, "tasks_done": 7}, params={"min_done_percent": 70}))


def test_skipped_with_the_reason_when_a_figure_is_missing():
    report = check({"tasks_total": 10})
    assert_skipped(report, rule="LEGACY001", unit="u1", reason="skip.missing_fields")
    assert_no_findings(report)


def test_messages_in_both_languages():
    report = check({"tasks_total": 29, "tasks_done": 20})
    (finding,) = assert_findings(report)
    assert report.message(finding, "vi") == "hoàn thành 20/29 nhiệm vụ = 68,97% (tối thiểu 80%)"
    assert report.message(finding, "en") == "20 of 29 tasks done = 68.97% (at least 80%)"


def test_declared_examples_hold():
    assert_examples(legacy001, plugins=PLUGINS)


def test_found_through_its_entry_point_once_installed():
    try:
        metadata.distribution("cchc-legacydemo")
    except metadata.PackageNotFoundError:
        pytest.skip("not installed yet: pip install -e '.[test]'")
    engine = Engine.default(env={})
    assert engine.registry.rules["LEGACY001"].plugin == "cchc-legacydemo"
