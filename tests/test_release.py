"""The release check: `python -m build` gives a wheel and an sdist that hold everything, and the
wheel works from a fresh virtualenv outside the repository, with the example plugin found through
its entry point.

Slow for a test (about a minute: two isolated builds, a virtualenv, the dependencies from the
package index), so it is marked ``release``: ``pytest -m "not release"`` leaves it out; CI runs it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path
from typing import NamedTuple

import pytest

from _support import EXAMPLES, ROOT, project_files

pytestmark = pytest.mark.release

#: The package's data: without any of these, the installed tool cannot run.
PACKAGE_DATA = (
    "cchc_rules/py.typed",
    "cchc_rules/law/legal_bases.toml",
    "cchc_rules/law/national_documents.toml",
    "cchc_rules/schemas/cchc-1.schema.json",
    "cchc_rules/schemas/cchc-report-1.schema.json",
    "cchc_rules/scaffold/pyproject.toml.tmpl",
    "cchc_rules/scaffold/rules.py.tmpl",
    "cchc_rules/messages/core.py",
)
#: What the sdist holds beyond the package: enough to build the wheel and run the tests from it.
SDIST_FOLDERS = ("src", "tests", "docs", "examples", "plugins")
TIMEOUT = 600


def run(cmd: list[str | Path], cwd: Path, what: str) -> subprocess.CompletedProcess[str]:
    """Run ``cmd`` with a clean environment (no PYTHONPATH, no active virtualenv); fail with
    what it printed."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update(COLUMNS="80", PYTHONIOENCODING="utf-8")
    r = subprocess.run(
        [str(c) for c in cmd],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=TIMEOUT,
        check=False,
    )
    if r.returncode != 0 and what:
        pytest.fail(f"release check: {what} failed (exit {r.returncode}):\n{r.stdout}\n{r.stderr}")
    return r


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder outside the repository."""
    path = tmp_path_factory.mktemp("release")
    assert not path.resolve().is_relative_to(ROOT)
    return path


class Built(NamedTuple):
    sdist: Path
    wheel: Path
    egov: Path
    #: the project's files that were built, relative to its root (others may be adding files)
    files: frozenset[str]


@pytest.fixture(scope="module")
def built(work: Path) -> Built:
    """The sdist and wheel of a copy of the project (its files as a clone has them: nothing built
    or cached comes along, and the working tree is left alone), and the example plugin's wheel."""
    tree = work / "project"
    files = frozenset(p.relative_to(ROOT).as_posix() for p in project_files())
    for name in files:
        target = tree / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)
    dist = work / "dist"
    # sdist first, then the wheel built from the unpacked sdist: the sdist must be complete
    run([sys.executable, "-m", "build", "--outdir", dist, tree], work, "python -m build")
    run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--outdir",
            dist,
            tree / "plugins" / "cchc-egov",
        ],
        work,
        "python -m build plugins/cchc-egov",
    )
    (sdist,) = dist.glob("cchc_rules-*.tar.gz")
    (wheel,) = dist.glob("cchc_rules-*.whl")
    (egov,) = dist.glob("cchc_egov-*.whl")
    return Built(sdist, wheel, egov, files)


@pytest.fixture(scope="module")
def venv(work: Path, built: Built) -> Path:
    """A fresh virtualenv (no system packages) with the built wheels installed; its bin folder."""
    env_dir = work / "venv"
    run([sys.executable, "-m", "venv", env_dir], work, "python -m venv")
    bindir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    run(
        [bindir / "python", "-m", "pip", "install", "-q", built.wheel, built.egov],
        work,
        "pip install of the built wheels (the dependencies come from the package index)",
    )
    return bindir


@pytest.fixture
def outside(work: Path) -> Path:
    """An empty working directory outside the repository, with no configuration file."""
    cwd = work / "cwd"
    cwd.mkdir(exist_ok=True)
    return cwd


def cchc(venv: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run([venv / "cchc", *args], cwd, "")


def test_the_wheel_holds_the_package_and_its_data(built: Built) -> None:
    names = set(zipfile.ZipFile(built.wheel).namelist())
    assert set(PACKAGE_DATA) <= names
    every = {n.removeprefix("src/") for n in built.files if n.startswith("src/cchc_rules/")}
    assert sorted(every - names) == []
    assert not any("__pycache__" in n or n.startswith(("tests/", "docs/")) for n in names)
    entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    assert "cchc = cchc_rules.cli.main:entry" in zipfile.ZipFile(built.wheel).read(
        entry_points
    ).decode("utf-8")


def test_the_plugin_wheel_declares_its_entry_point(built: Built) -> None:
    wheel = zipfile.ZipFile(built.egov)
    entry_points = next(n for n in wheel.namelist() if n.endswith(".dist-info/entry_points.txt"))
    text = wheel.read(entry_points).decode("utf-8")
    assert "[cchc_rules]" in text and "cchc-egov = cchc_egov" in text


def test_the_sdist_holds_what_builds_and_tests_the_project(built: Built) -> None:
    with tarfile.open(built.sdist) as tar:
        names = {n.split("/", 1)[1] for n in tar.getnames() if "/" in n}
    expected = {n for n in built.files if n.split("/", 1)[0] in SDIST_FOLDERS}
    expected |= {"README.md", "CHANGELOG.md", "pyproject.toml", "MANIFEST.in"}
    assert "tests/conformance/expected.json" in expected
    assert sorted(expected - names) == []
    assert not any("__pycache__" in n or n.endswith(".pyc") for n in names)


def test_the_sdists_own_tests_pass_against_the_installed_wheel(
    built: Built, venv: Path, work: Path
) -> None:
    """Unpacked, the sdist is a project of its own: its conformance and standalone tests pass
    with the installed wheel (not its sources) and without git."""
    with tarfile.open(built.sdist) as tar:
        if hasattr(tarfile, "data_filter"):  # Python 3.12, and security releases before it
            tar.extractall(work / "unpacked", filter="data")
        else:
            tar.extractall(work / "unpacked")  # our own archive, just built
    (project,) = (work / "unpacked").iterdir()
    run([venv / "python", "-m", "pip", "install", "-q", "pytest"], work, "pip install pytest")
    tests = ["tests/test_conformance.py", "tests/test_standalone.py"]
    r = run([venv / "python", "-m", "pytest", "-q", "-p", "no:cacheprovider", *tests], project, "")
    assert r.returncode == 0, r.stdout + r.stderr
    assert " passed" in r.stdout


def test_the_wheel_is_what_runs(venv: Path, outside: Path) -> None:
    r = run(
        [venv / "python", "-c", "import cchc_rules; print(cchc_rules.__file__)"],
        outside,
        "import cchc_rules",
    )
    installed = Path(r.stdout.strip()).resolve()
    assert installed.is_relative_to(venv.parent.resolve())
    assert not installed.is_relative_to(ROOT)


def test_the_seed_example_is_checked(venv: Path, outside: Path) -> None:
    r = cchc(venv, outside, "check", str(EXAMPLES / "le-chan-2022-h1.toml"), "--format", "json")
    assert r.returncode == 0, r.stderr
    report = json.loads(r.stdout)
    assert report["findings"], "the seed example gives findings (warnings and information)"
    assert {f["rule"] for f in report["findings"]} >= {"RF006"}
    assert report["errors"] == []
    table = cchc(venv, outside, "check", str(EXAMPLES / "le-chan-2022-h1.toml"), "--lang", "en")
    assert table.returncode == 0, table.stderr
    assert "RF006" in table.stdout and "Summary" in table.stdout


def test_every_declared_example_verifies(venv: Path, outside: Path) -> None:
    r = cchc(venv, outside, "verify")
    assert r.returncode == 0, r.stdout + r.stderr


def test_the_example_plugin_is_loaded_through_its_entry_point(venv: Path, outside: Path) -> None:
    r = cchc(venv, outside, "plugins", "--format", "json")
    assert r.returncode == 0, r.stderr
    plugins = {p["name"]: p for p in json.loads(r.stdout)["plugins"]}
    assert "cchc-egov" in plugins
    assert plugins["cchc-egov"]["origin"] == "entry point"
    assert "EG001" in plugins["cchc-egov"]["rules"]
    rules = cchc(venv, outside, "rules")
    assert rules.returncode == 0, rules.stderr
    assert any(line.split()[1:2] == ["EG001"] for line in rules.stdout.splitlines()), rules.stdout


def test_a_new_plugin_is_scaffolded_from_the_installed_templates(venv: Path, outside: Path) -> None:
    r = cchc(venv, outside, "new-rule", "release-demo")
    assert r.returncode == 0, r.stdout + r.stderr
    made = outside / "cchc-release-demo"
    assert (made / "pyproject.toml").is_file()
    assert any(made.rglob("test_*.py"))
