"""plugins/cchc-egov, installed as a package (`.ci/run` installs it): found through its entry
point, flags the seed district for digital-signature devices in 13 of 15 wards, its own tests
pass, and it uses only the public API."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from importlib import metadata

import pytest

from cchc_rules import Config, Engine, load_dataset
from cchc_rules.cli.main import main

from _support import EXAMPLES, ROOT

PLUGIN_DIR = ROOT / "plugins" / "cchc-egov"
SEED = EXAMPLES / "le-chan-2022-h1.toml"
PUBLIC = {"cchc_rules", "cchc_rules.testing"}


@pytest.fixture(scope="module")
def entry_point() -> metadata.EntryPoint:
    found = [ep for ep in metadata.entry_points(group="cchc_rules") if ep.name == "cchc-egov"]
    if not found:
        pytest.fail(
            "cchc-egov is not installed: the test command installs it "
            "(python -m pip install -e '.[test]' -e plugins/cchc-egov)"
        )
    return found[0]


def test_installed_with_its_entry_point(entry_point: metadata.EntryPoint) -> None:
    assert entry_point.value == "cchc_egov"
    assert entry_point.dist is not None
    assert entry_point.dist.name == "cchc-egov"


def test_discovered_through_its_entry_point(entry_point: metadata.EntryPoint) -> None:
    engine = Engine.default(env={})
    (info,) = [p for p in engine.registry.plugins if p.name == "cchc-egov"]
    assert (info.origin, info.version, info.rules) == (
        "entry point",
        "0.1.0",
        ("EG001", "EG002", "EG003"),
    )
    assert {engine.registry.rules[r].family for r in info.rules} == {"egov"}
    assert not engine.registry.failures


def test_seed_district_flagged_for_signature_devices_in_13_of_15_wards(
    entry_point: metadata.EntryPoint,
) -> None:
    report = Engine.default(Config(select=("egov",)), env={}).run(load_dataset(SEED))
    (finding,) = [f for f in report.findings if f.rule == "EG002"]
    assert finding.unit == "le-chan"
    assert finding.severity.label == "warning"
    assert finding.evidence == {"deployed": 13, "total": 15, "missing": 2}
    assert report.message(finding, lang="vi") == (
        "thiết bị ký số mới triển khai tại 13/15 đơn vị cần trang bị, còn 2 đơn vị chưa có"
    )
    # the other e-government figures of the seed: 1,007 of 2,807 dossiers online; 29/269, 10/111
    (online,) = [f for f in report.findings if f.rule == "EG001"]
    assert online.evidence["online_percent"] == 35.87
    eligible = {
        f.subject: f.evidence["eligible_percent"] for f in report.findings if f.rule == "EG003"
    }
    assert eligible == {"quan": 10.78, "phuong": 9.01}
    assert not report.skipped and not report.rule_errors


def test_seed_through_the_command_line(entry_point: metadata.EntryPoint, capsys) -> None:  # type: ignore[no-untyped-def]
    code = main(["check", str(SEED), "--isolated", "--select", "EG002", "-f", "json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0  # a warning does not fail the run under the default --fail-on error
    assert [(f["rule"], f["unit"], f["evidence"]) for f in data["findings"]] == [
        ("EG002", "le-chan", {"deployed": 13, "total": 15, "missing": 2})
    ]


def test_blocked_by_name(entry_point: metadata.EntryPoint) -> None:
    engine = Engine.default(env={"CCHC_DISABLE_PLUGINS": "cchc-egov"})
    assert "cchc-egov" not in {p.name for p in engine.registry.plugins}
    assert not {"EG001", "EG002", "EG003"} & set(engine.registry.rules)
    engine = Engine.default(Config(disable_plugins=("cchc-egov",)), env={})
    assert "EG001" not in engine.registry.rules


def test_its_own_tests_pass(entry_point: metadata.EntryPoint) -> None:
    env = {k: v for k, v in os.environ.items() if k != "CCHC_DISABLE_PLUGINS"}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=PLUGIN_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert " passed" in result.stdout and "failed" not in result.stdout


def test_uses_only_the_public_api() -> None:
    imported = set()
    for path in [*PLUGIN_DIR.glob("src/**/*.py"), *PLUGIN_DIR.glob("tests/*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                imported.add(node.module)
            elif isinstance(node, ast.Import):
                imported.update(a.name for a in node.names)
    ours = {m for m in imported if m.split(".")[0] == "cchc_rules"}
    assert ours == PUBLIC
