"""`cchc new-rule NAME`: the scaffolded package installs, is found through its entry point, and
its own tests pass straight away."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cchc_rules.cli.authoring import scaffold_names
from cchc_rules.cli.main import main

FILES = [
    "README.md",
    "pyproject.toml",
    "src/cchc_demo/__init__.py",
    "src/cchc_demo/rules.py",
    "tests/test_rules.py",
]


def pip_install_target(package: Path, target: Path) -> None:
    """Install ``package`` (built as a wheel, its entry points included) into ``target`` only:
    the test environment itself is left as it was."""
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target),
         str(package)],
        check=True,
        capture_output=True,
        text=True,
    )  # fmt: skip


def env_with(site: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(site), env.get("PYTHONPATH")]))
    env.pop("CCHC_DISABLE_PLUGINS", None)
    return env


def test_new_rule_demo_installs_and_passes_its_own_tests(  # type: ignore[no-untyped-def]
    tmp_path: Path, monkeypatch, capsys
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["new-rule", "demo"]) == 0
    out = capsys.readouterr().out
    package = tmp_path / "cchc-demo"
    assert sorted(str(p.relative_to(package)) for p in package.rglob("*") if p.is_file()) == FILES
    assert f"created {Path('cchc-demo') / 'pyproject.toml'}" in out
    assert "pip install -e '.[test]'" in out

    site = tmp_path / "site"
    pip_install_target(package, site)
    env = env_with(site)

    # its tests, against the installed package (src/ is not on the path), entry point included
    tests = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rs"],
        cwd=package,
        env=env,
        capture_output=True,
        text=True,
    )
    assert tests.returncode == 0, tests.stdout + tests.stderr
    assert "10 passed" in tests.stdout
    assert "skipped" not in tests.stdout

    # cchc itself finds it through the entry point
    listing = subprocess.run(
        [sys.executable, "-m", "cchc_rules", "plugins", "--format", "json", "--isolated"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    plugins = {p["name"]: p for p in json.loads(listing.stdout)["plugins"]}
    assert plugins["cchc-demo"]["origin"] == "entry point"
    assert plugins["cchc-demo"]["version"] == "0.1.0"
    assert plugins["cchc-demo"]["rules"] == ["DEMO001"]
    verify = subprocess.run(
        [sys.executable, "-m", "cchc_rules", "verify", "cchc-demo", "--isolated"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert verify.returncode == 0, verify.stdout + verify.stderr
    assert verify.stdout.splitlines()[-1] == "PASS: 3/3"


def test_names_derived_from_the_plugin_name() -> None:
    names = scaffold_names("cchc_Hai-Phong")
    assert {k: names[k] for k in ("dist", "plugin", "package", "family", "rule_id", "rule_fn")} == {
        "dist": "cchc-hai-phong",
        "plugin": "cchc-hai-phong",
        "package": "cchc_hai_phong",
        "family": "hai_phong",
        "rule_id": "HAIPHONG001",
        "rule_fn": "haiphong001",
    }
    assert scaffold_names("demo", "HP-2.1")["rule_fn"] == "hp_2_1"


@pytest.mark.parametrize(
    ("name", "rule_id"),
    [
        ("sonoivu", "SONOIVU001"),
        ("so-noi-vu", "SONOIVU001"),  # the example the help gives
        ("cchc_so_noi_vu", "SONOIVU001"),
        ("x" * 37, "X" * 37 + "001"),  # 40 characters: the longest id, not cut
        ("x" * 38, "X" * 37 + "001"),  # cut only past the limit
    ],
)
def test_default_rule_id_is_the_whole_name_upper_cased(name: str, rule_id: str) -> None:
    assert scaffold_names(name)["rule_id"] == rule_id


def test_the_help_says_how_the_default_id_is_made(capsys) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit):
        main(["new-rule", "--help", "--lang", "en"])
    help_text = " ".join(capsys.readouterr().out.split())
    assert "NAME upper-cased, without a cchc- prefix and without - or _, then 001" in help_text
    assert "so-noi-vu → SONOIVU001" in help_text
    assert scaffold_names("so-noi-vu")["rule_id"] == "SONOIVU001"


def test_dir_and_id_options(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "here"
    assert main(["new-rule", "qn", "--dir", str(target), "--id", "QN007"]) == 0
    rules = (target / "src" / "cchc_qn" / "rules.py").read_text(encoding="utf-8")
    assert '"QN007",' in rules and "def qn007(unit: Unit, ctx: Context)" in rules
    # the context's helpers, not a copy: the exact comparison and the rate shown
    assert "ctx.below(done, total, minimum)" in rules and "ctx.percent(done, total" in rules
    assert "Fraction" not in rules and "round(" not in rules
    pyproject = (target / "pyproject.toml").read_text(encoding="utf-8")
    assert '[project.entry-points.cchc_rules]\ncchc-qn = "cchc_qn"' in pyproject
    assert "$" not in rules + pyproject


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["new-rule", "9lives"], "invalid plugin name '9lives'"),
        (["new-rule", "a b"], "invalid plugin name 'a b'"),
        (["new-rule", "ok", "--id", "1BAD"], "invalid rule id '1BAD'"),
    ],
)
def test_bad_names_are_usage_errors(  # type: ignore[no-untyped-def]
    tmp_path: Path, monkeypatch, capsys, argv: list[str], message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 2
    assert message in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_an_existing_folder_is_never_overwritten(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "taken"
    target.mkdir()
    (target / "keep.txt").write_text("mine", encoding="utf-8")
    assert main(["new-rule", "demo", "--dir", str(target)]) == 2
    assert "already exists and is not empty" in capsys.readouterr().err
    assert [p.name for p in target.iterdir()] == ["keep.txt"]


def test_an_unwritable_place_is_a_usage_error(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    assert main(["new-rule", "demo", "--dir", str(blocker / "sub")]) == 2
    assert "cannot write" in capsys.readouterr().err
