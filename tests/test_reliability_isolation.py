"""Isolation mode: plugins tried and rules run in worker processes that are killed when stuck;
the default mode contains what Python lets it contain and ends a run that cannot be stopped."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from cchc_rules import Config, Engine
from cchc_rules.isolation import available

from _support import EXAMPLES

pytestmark = pytest.mark.skipif(not available(), reason="worker processes need os.fork")

HARD = """
import os
from cchc_rules import hookimpl, rule

M = {"m": {"vi": "m", "en": "m"}}

@rule("HX001", family="hard", severity="info", title="C loop", messages=M)
def c_loop(unit, ctx):
    sum(range(10**14))  # C code that holds the GIL: no signal or exception reaches it
    yield ctx.finding(unit, "m")

@rule("HX002", family="hard", severity="info", title="stubborn", messages=M)
def stubborn(unit, ctx):
    while True:
        try:
            while True:
                pass
        except BaseException:
            pass

@rule("HX003", family="hard", severity="info", title="exit", messages=M)
def hard_exit(unit, ctx):
    os._exit(0)

@rule("HX004", family="hard", severity="info", title="fine", messages=M)
def fine(unit, ctx):
    yield ctx.finding(unit, "m")

@hookimpl
def cchc_register_rules(register):
    for r in (c_loop, stubborn, hard_exit, fine):
        register(r)
"""


@pytest.fixture
def hard_plugins(tmp_path):
    folder = tmp_path / "plugins"
    folder.mkdir()
    (folder / "hard.py").write_text(HARD, encoding="utf-8")
    (folder / "loops_at_import.py").write_text("while True:\n    pass\n", encoding="utf-8")
    (folder / "exits_at_import.py").write_text("import os\nos._exit(0)\n", encoding="utf-8")
    return folder


def test_isolation_contains_what_the_process_cannot(hard_plugins):
    config = Config(isolation="process", rule_timeout=2.0, select=("HX",))
    engine = Engine.default(config, plugin_dirs=[hard_plugins], entry_points=False, env={})
    failed = {f.plugin: f.message_id for f in engine.registry.failures}
    assert failed == {
        "loops_at_import": "error.worker_killed",
        "exits_at_import": "error.worker_died",
    }
    report = engine.run(json_safe_dataset())
    assert [f.rule for f in report.findings] == ["HX004"]
    errors = {e.rule: e.message for e in report.rule_errors}
    assert errors == {
        "HX001": "error.worker_killed",
        "HX002": "error.worker_killed",
        "HX003": "error.worker_died",
    }
    json.loads(report.to_json())


def json_safe_dataset():
    from cchc_rules import load_dataset

    return load_dataset(EXAMPLES / "le-chan-2022-h1.toml")


def test_default_mode_ends_a_run_that_cannot_be_stopped(tmp_path):
    folder = tmp_path / "plugins"
    folder.mkdir()
    (folder / "stub.py").write_text(
        HARD.replace("for r in (c_loop, stubborn, hard_exit, fine)", "for r in (stubborn,)"),
        encoding="utf-8",
    )
    (tmp_path / "cchc.toml").write_text("rule_timeout = 0.3\n", encoding="utf-8")
    data = str(EXAMPLES / "le-chan-2022-h1.toml")
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "cchc_rules",
            "check",
            data,
            "--plugins-dir",
            str(folder),
            "--select",
            "HX",
            "--lang",
            "en",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "CCHC_DISABLE_PLUGINS": ""},
    )
    assert proc.returncode == 3
    assert "HX002: the rule ignores the time limit" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_default_mode_interrupts_a_plugin_looping_at_import(tmp_path):
    folder = tmp_path / "plugins"
    folder.mkdir()
    (folder / "loops.py").write_text("while True:\n    pass\n", encoding="utf-8")
    engine = Engine.default(
        Config(rule_timeout=0.2), plugin_dirs=[folder], entry_points=False, env={}
    )
    (failure,) = engine.registry.failures
    assert failure.plugin == "loops" and "RuleTimeout" in failure.params["detail"]
    assert engine.registry.rules  # the built-in rules loaded


def test_isolated_results_equal_in_process_results():
    dataset = json_safe_dataset()
    plain = Engine.default(Config(), entry_points=False, env={}).run(dataset)
    isolated = Engine.default(Config(isolation="process"), entry_points=False, env={}).run(dataset)
    a, b = json.loads(plain.to_json()), json.loads(isolated.to_json())
    assert b["config"].pop("isolation") == "process"
    assert a == b  # the same findings, skips, summary and manifest
