"""Plugins written against the plugin API as it was before issue 9 (frozen copies under
``tests/legacy_plugins/``) still load, pass ``cchc verify`` and pass their own tests."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from cchc_rules import Config, Engine

LEGACY = Path(__file__).resolve().parent / "legacy_plugins"

#: folder -> (importable module, its rules)
PLUGINS = {
    "cchc_egov_legacy": ("cchc_egov_legacy", ("LG001", "LG002", "LG003")),
    "legacydemo": ("cchc_legacydemo", ("LEGACY001",)),
}


def env_for(folder: str) -> dict[str, str]:
    """The environment with the legacy plugin's ``src`` on the path (it is not installed)."""
    env = dict(os.environ)
    src = str(LEGACY / folder / "src")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [src, env.get("PYTHONPATH")]))
    env.pop("CCHC_DISABLE_PLUGINS", None)
    return env


@pytest.mark.parametrize("folder", sorted(PLUGINS))
def test_loads_as_a_configured_module(folder: str, monkeypatch: pytest.MonkeyPatch) -> None:
    module, rules = PLUGINS[folder]
    monkeypatch.syspath_prepend(str(LEGACY / folder / "src"))
    engine = Engine.default(Config(plugins=(module,)), entry_points=False, env={})
    assert engine.registry.failures == []
    (info,) = [p for p in engine.registry.plugins if p.name == module]
    assert info.origin == "module"
    assert info.rules == rules


@pytest.mark.parametrize("folder", sorted(PLUGINS))
def test_cchc_verify_passes(folder: str, tmp_path: Path) -> None:
    module, rules = PLUGINS[folder]
    config = tmp_path / "cchc.toml"
    config.write_text(f'plugins = ["{module}"]\n', encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "cchc_rules", "verify", "--config", str(config), module],
        cwd=tmp_path,
        env=env_for(folder),
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines()[-1].startswith("PASS: ")
    assert "FAIL" not in done.stdout
    assert all(rid not in done.stdout for rid in rules)  # no rule without examples


@pytest.mark.parametrize("folder", sorted(PLUGINS))
def test_its_own_tests_pass(folder: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"],
        cwd=LEGACY / folder,
        env=env_for(folder),
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert " passed" in done.stdout
    assert "failed" not in done.stdout and "error" not in done.stdout.lower()
