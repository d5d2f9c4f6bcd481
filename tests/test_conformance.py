"""The conformance cases (tests/conformance/*.toml), held against tests/conformance/expected.json.

Each case runs through the public API, and once more through the `cchc` command line in its own
process (JSON output), so the command-line path is held to the same expectations.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from cchc_rules import load_dataset

from _support import CONFORMANCE, engine

EXPECTED = json.loads((CONFORMANCE / "expected.json").read_text(encoding="utf-8"))
CASES = sorted(k for k in EXPECTED if not k.startswith("_"))


def fired_map(findings):
    out: dict[str, dict[str, set[str]]] = {}
    for rule, unit, severity in findings:
        out.setdefault(rule, {}).setdefault(unit, set()).add(severity)
    return out


def misses(name, fired):
    e = EXPECTED[name]
    out = []
    for rule, units in e.get("must", {}).items():
        for unit, sev in units.items():
            got = fired.get(rule, {}).get(unit)
            if not got or (sev and sev not in got):
                out.append(f"{rule} on {unit}: expected {sev or 'a finding'}, got {got}")
    for rule in e.get("must_not", []):
        if fired.get(rule):
            out.append(f"{rule} must not fire, fired on {sorted(fired[rule])}")
    for rule, units in e.get("not_on", {}).items():
        hit = set(units) & set(fired.get(rule, {}))
        if hit:
            out.append(f"{rule} must not fire on {sorted(hit)}")
    return out


def test_every_case_is_listed():
    assert sorted(p.name for p in CONFORMANCE.glob("*.toml")) == CASES


@pytest.mark.parametrize("name", CASES)
def test_expectations_are_well_formed(name):
    """A misspelt key or severity would silently check nothing: only the documented forms."""
    e = EXPECTED[name]
    assert set(e) <= {"must", "must_not", "not_on"}, sorted(e)
    for units in e.get("must", {}).values():
        assert all(sev in (None, "error", "warning", "info") for sev in units.values()), units
    assert all(isinstance(rule, str) for rule in e.get("must_not", []))
    assert all(isinstance(units, list) for units in e.get("not_on", {}).values())


@pytest.mark.parametrize("name", CASES)
def test_case_through_the_api(name):
    ds = load_dataset(CONFORMANCE / name)
    assert not ds.issues, ds.issues
    report = engine().run(ds)
    assert not report.rule_errors
    fired = fired_map((f.rule, f.unit, f.severity.label) for f in report.findings)
    assert misses(name, fired) == []


@pytest.mark.parametrize("name", CASES)
def test_case_through_the_cli(name):
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "cchc_rules",
            "check",
            str(CONFORMANCE / name),
            "--format",
            "json",
            "--isolated",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    doc = json.loads(r.stdout)
    fired = fired_map((f["rule"], f["unit"], f["severity"]) for f in doc["findings"])
    assert misses(name, fired) == []
    assert doc["errors"] == []
