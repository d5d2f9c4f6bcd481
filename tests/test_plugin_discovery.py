"""Finding plugins (entry points, modules named in configuration, plugin folders), blocking them by
name, `cchc plugins`, and containing every way a plugin can break: each failure is reported with the
plugin's name and every other rule still runs."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from cchc_rules import Config, Engine
from cchc_rules.cli.main import main
from cchc_rules.testing import dataset, unit

from _support import ROOT

DOCS = ROOT / "docs" / "authoring-rules.md"
SEED = ROOT / "examples" / "le-chan-2022-h1.toml"

RULE = """
from cchc_rules import hookimpl, rule

__version__ = "{version}"

@rule("{rid}", family="discovery", severity="warning", section="plan",
      requires=("tasks_total",), title={{"vi": "Nhiều nhiệm vụ", "en": "Many tasks"}},
      messages={{"many": {{"vi": "{{n}} nhiệm vụ", "en": "{{n}} tasks"}}}})
def check(unit, ctx):
{body}

@hookimpl
def cchc_register_rules(register):
    register(check)
"""
FIRES = """    if unit.plan.tasks_total > 10:
        yield ctx.finding(unit, "many", n=unit.plan.tasks_total)"""


def source(rid: str, body: str = FIRES, version: str = "0.0.1") -> str:
    return RULE.format(rid=rid, body=body, version=version)


@pytest.fixture
def syspath(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A folder on ``sys.path`` for modules and dist-infos; what was imported from it is
    forgotten afterwards."""
    site = tmp_path / "site"
    site.mkdir()
    monkeypatch.syspath_prepend(str(site))
    before = set(sys.modules)
    yield site
    for name in set(sys.modules) - before:
        if str(getattr(sys.modules[name], "__file__", "") or "").startswith(str(tmp_path)):
            del sys.modules[name]


def add_module(folder: Path, name: str, text: str) -> None:
    (folder / f"{name}.py").write_text(text, encoding="utf-8")


def add_entry_point(site: Path, dist: str, version: str, ep: str, target: str) -> None:
    info = site / f"{dist.replace('-', '_')}-{version}.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {dist}\nVersion: {version}\n", encoding="utf-8"
    )
    (info / "entry_points.txt").write_text(f"[cchc_rules]\n{ep} = {target}\n", encoding="utf-8")


DATA = dataset(
    unit("a", plan={"tasks_total": 11}, staffing=[{"category": "cong_chuc", "quota": 1, "used": 2}])
)


def infos(engine: Engine) -> dict[str, tuple[str, str, tuple[str, ...]]]:
    return {p.name: (p.origin, p.version, p.rules) for p in engine.registry.plugins}


def failures(engine: Engine) -> list[str]:
    return [f"{f.plugin}: {f.message}" for f in engine.registry.failures]


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# -- the three ways in ------------------------------------------------------------------------
def test_entry_point(syspath: Path) -> None:
    add_module(syspath, "dp_entry", source("EP001"))
    add_entry_point(syspath, "dp-entry", "1.2.3", "dp-entry", "dp_entry")
    engine = Engine.default(env={})
    assert infos(engine)["dp-entry"] == ("entry point", "1.2.3", ("EP001",))
    assert engine.registry.rules["EP001"].plugin == "dp-entry"
    assert {f.rule for f in engine.run(DATA).findings} >= {"EP001", "ST001"}
    assert "dp-entry" not in infos(Engine.default(entry_points=False, env={}))


def test_module_named_in_config(syspath: Path) -> None:
    add_module(syspath, "dp_configured", source("CF001"))
    engine = Engine.default(Config(plugins=("dp_configured",)), entry_points=False, env={})
    assert infos(engine)["dp_configured"] == ("module", "0.0.1", ("CF001",))
    assert "CF001" in {f.rule for f in engine.run(DATA).findings}


def test_module_named_in_a_config_file(  # type: ignore[no-untyped-def]
    syspath: Path, tmp_path: Path, monkeypatch, capsys
) -> None:
    add_module(syspath, "dp_configfile", source("CF002"))
    work = tmp_path / "work"
    work.mkdir()
    (work / "cchc.toml").write_text('plugins = ["dp_configfile"]\n', encoding="utf-8")
    monkeypatch.chdir(work)
    code, out, _ = cli(capsys, "plugins", "--format", "json")
    assert code == 0
    (info,) = [p for p in json.loads(out)["plugins"] if p["name"] == "dp_configfile"]
    assert (info["origin"], info["rules"]) == ("module", ["CF002"])


def test_plugins_folder(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "plugins"
    folder.mkdir()
    add_module(folder, "dp_file", source("FL001"))
    add_module(folder, "_private_helper", "raise SystemExit('never imported')\n")
    (folder / "notes.txt").write_text("not a plugin", encoding="utf-8")
    engine = Engine.default(plugin_dirs=[folder], entry_points=False, env={})
    assert infos(engine)["dp_file"] == ("file", "0.0.1", ("FL001",))
    assert not engine.registry.failures
    # from the command line, and from a configuration
    code, out, _ = cli(
        capsys, "plugins", "--isolated", "--format", "json", "--plugins-dir", str(folder)
    )
    assert code == 0 and "dp_file" in {p["name"] for p in json.loads(out)["plugins"]}
    engine = Engine.default(Config(plugin_dirs=(str(folder),)), entry_points=False, env={})
    assert "FL001" in engine.registry.rules


def test_missing_plugins_folder_is_reported(tmp_path: Path) -> None:
    engine = Engine.default(plugin_dirs=[tmp_path / "nowhere"], entry_points=False, env={})
    assert failures(engine) == [f"{tmp_path / 'nowhere'}: plugin folder not found"]
    assert "ST001" in engine.registry.rules


# -- blocking by name -------------------------------------------------------------------------
def test_blocked_by_config_and_environment(syspath: Path, tmp_path: Path) -> None:
    add_module(syspath, "dp_blocked", source("BL001"))
    add_entry_point(syspath, "dp-blocked", "1.0", "dp-blocked", "dp_blocked")
    folder = tmp_path / "plugins"
    folder.mkdir()
    add_module(folder, "dp_blocked_file", source("BL002"))

    def loaded(config: Config | None = None, env: dict[str, str] | None = None) -> set[str]:
        engine = Engine.default(config, plugin_dirs=[folder], env=env or {})
        assert not engine.registry.failures
        return set(infos(engine))

    assert {"dp-blocked", "dp_blocked_file", "cchc.staffing"} <= loaded()
    blocked = loaded(Config(disable_plugins=("dp-blocked", "dp_blocked_file", "cchc.staffing")))
    assert not {"dp-blocked", "dp_blocked_file", "cchc.staffing"} & blocked
    assert "cchc.deadlines" in blocked
    blocked = loaded(env={"CCHC_DISABLE_PLUGINS": " dp-blocked , cchc.staffing"})
    assert not {"dp-blocked", "cchc.staffing"} & blocked
    assert "dp_blocked_file" in blocked
    engine = Engine.default(env={"CCHC_DISABLE_PLUGINS": "cchc.staffing"})
    assert "ST001" not in engine.registry.rules


def test_blocked_from_the_command_line_environment(  # type: ignore[no-untyped-def]
    tmp_path: Path, monkeypatch, capsys
) -> None:
    folder = tmp_path / "plugins"
    folder.mkdir()
    add_module(folder, "dp_env", source("EV001"))
    monkeypatch.setenv("CCHC_DISABLE_PLUGINS", "dp_env")
    _, out, _ = cli(
        capsys, "plugins", "--isolated", "--format", "json", "--plugins-dir", str(folder)
    )
    assert "dp_env" not in {p["name"] for p in json.loads(out)["plugins"]}


# -- `cchc plugins` ---------------------------------------------------------------------------
def test_cchc_plugins_lists_name_version_origin_and_rules(  # type: ignore[no-untyped-def]
    tmp_path: Path, monkeypatch, capsys
) -> None:
    folder = tmp_path / "plugins"
    folder.mkdir()
    add_module(folder, "dp_listed", source("LS001", version="2.5.0"))
    monkeypatch.setenv("COLUMNS", "250")
    code, out, err = cli(capsys, "plugins", "--isolated", "--plugins-dir", str(folder))
    assert code == 0 and err == ""
    rows = {line.split("│")[1].strip(): line for line in out.splitlines() if line.count("│") > 4}
    cells = [c.strip() for c in rows["dp_listed"].split("│")[1:-1]]
    # the table is in the inspector's language (Vietnamese by default); JSON keeps the codes
    assert cells[:4] == ["dp_listed", "2.5.0", "tệp", "LS001"]
    staffing = [c.strip() for c in rows["cchc.staffing"].split("│")[1:-1]]
    assert staffing[2:4] == ["có sẵn", "ST001, ST002, ST003, ST004, ST005"]
    code, out, _ = cli(
        capsys, "plugins", "--isolated", "--format", "json", "--plugins-dir", str(folder)
    )
    (info,) = [p for p in json.loads(out)["plugins"] if p["name"] == "dp_listed"]
    assert info == {
        "name": "dp_listed",
        "version": "2.5.0",
        "origin": "file",
        "location": str(folder / "dp_listed.py"),
        "rules": ["LS001"],
    }


# -- failures, each attributed, none stopping the others ---------------------------------------
def test_duplicate_rule_id_names_both_plugins_and_exits_3(  # type: ignore[no-untyped-def]
    tmp_path: Path, capsys
) -> None:
    folder = tmp_path / "plugins"
    folder.mkdir()
    second = source("DU001").split("@hookimpl")[0].replace("def check(", "def other(")
    both = source("ST001").replace("register(check)", "register(check)\n    register(other)")
    add_module(folder, "dp_dup", both + second)  # ST001 clashes with the built-in; DU001 is new
    engine = Engine.default(plugin_dirs=[folder], entry_points=False, env={})
    assert failures(engine) == [
        "dp_dup: rule ST001 is already registered by plugin 'cchc.staffing'; "
        "the one from 'dp_dup' is not used"
    ]
    assert engine.registry.rules["ST001"].plugin == "cchc.staffing"
    assert engine.registry.rules["DU001"].plugin == "dp_dup"  # its other rule still loads
    report = engine.run(DATA)
    assert {"ST001", "DU001"} <= {f.rule for f in report.findings}
    assert report.exit_code() == 3
    code, _, err = cli(capsys, "plugins", "--isolated", "--plugins-dir", str(folder))
    assert code == 3
    assert "plugin dp_dup: quy tắc ST001 đã được plugin 'cchc.staffing' đăng ký" in err


def test_duplicate_across_two_plugins(tmp_path: Path) -> None:
    folder = tmp_path / "plugins"
    folder.mkdir()
    add_module(folder, "dp_first", source("TW001"))
    add_module(folder, "dp_second", source("TW001"))
    engine = Engine.default(plugin_dirs=[folder], entry_points=False, env={})
    assert failures(engine) == [
        "dp_second: rule TW001 is already registered by plugin 'dp_first'; "
        "the one from 'dp_second' is not used"
    ]


BROKEN = {
    "fails to import": ("import dp_no_such_module\n", "failed to import"),
    "syntax error": ("def (:\n", "SyntaxError"),
    "hook raises": (
        "from cchc_rules import hookimpl\n\n@hookimpl\ndef cchc_register_rules(register):\n"
        "    raise RuntimeError('no rules today')\n",
        "cchc_register_rules failed: RuntimeError: no rules today",
    ),
    "registers garbage": (
        "from cchc_rules import hookimpl\n\n@hookimpl\ndef cchc_register_rules(register):\n"
        "    register('a rule, honestly')\n",
        "TypeError: registered str, not a Rule",
    ),
    "misspelt hook": (
        "from cchc_rules import hookimpl\n\n@hookimpl\ndef cchc_register_rule(register):\n"
        "    pass\n",
        "unknown hook 'cchc_register_rule'",
    ),
    "hook without @hookimpl": (
        "def cchc_register_rules(register):\n    pass\n",
        "cchc_register_rules is not marked with @hookimpl",
    ),
    "wrong hook arguments": (
        "from cchc_rules import hookimpl\n\n@hookimpl\ndef cchc_register_rules(register, extra):\n"
        "    pass\n",
        "Argument(s) {'extra'} are declared in the hookimpl but can not be found in the hookspec",
    ),
}


@pytest.mark.parametrize("case", BROKEN, ids=list(BROKEN))
def test_a_plugin_that_cannot_load_is_reported_and_the_rest_runs(  # type: ignore[no-untyped-def]
    tmp_path: Path, capsys, case: str
) -> None:
    text, expected = BROKEN[case]
    folder = tmp_path / "plugins"
    folder.mkdir()
    add_module(folder, "dp_broken", text)
    add_module(folder, "dp_fine", source("OK001"))
    engine = Engine.default(plugin_dirs=[folder], entry_points=False, env={})
    (failure,) = engine.registry.failures
    assert failure.plugin == "dp_broken"
    assert expected in failure.message
    report = engine.run(DATA)
    assert {"OK001", "ST001"} <= {f.rule for f in report.findings}
    assert report.exit_code() == 3
    code, out, _ = cli(
        capsys, "check", "--isolated", "-f", "json", "--plugins-dir", str(folder), str(SEED)
    )
    assert code == 3
    data = json.loads(out)
    assert "OK001" in {f["rule"] for f in data["findings"]}
    assert any("dp_broken" in json.dumps(e, ensure_ascii=False) for e in data["errors"])


def test_an_entry_point_that_fails_to_import_is_reported(syspath: Path) -> None:
    add_module(syspath, "dp_bad_entry", "raise ImportError('needs a library that is not here')\n")
    add_entry_point(syspath, "dp-bad-entry", "0.1", "dp-bad-entry", "dp_bad_entry")
    engine = Engine.default(env={})
    assert (
        "dp-bad-entry: failed to import dp_bad_entry: ImportError: needs a library that is not here"
        in failures(engine)
    )
    assert "ST001" in {f.rule for f in engine.run(DATA).findings}


RUNTIME = {
    "raises": (
        "    raise ZeroDivisionError('boom')\n    yield",
        "error.rule_raised",
        "ZeroDivisionError: boom",
    ),
    "returns garbage": (
        "    yield {'not': 'a finding'}",
        "error.rule_garbage",
        "{'not': 'a finding'}",
    ),
    "returns a non-iterable": ("    return 42", "error.rule_raised", "TypeError"),
    "hangs": ("    import time\n    time.sleep(60)\n    yield", "error.rule_timeout", ""),
}


@pytest.mark.parametrize("case", RUNTIME, ids=list(RUNTIME))
def test_a_rule_that_misbehaves_is_reported_with_its_plugin_and_the_rest_runs(
    tmp_path: Path, case: str
) -> None:
    body, message, detail = RUNTIME[case]
    folder = tmp_path / "plugins"
    folder.mkdir()
    add_module(folder, "dp_runtime", source("RT001", body=body))
    add_module(folder, "dp_fine", source("OK001"))
    engine = Engine.default(
        Config(rule_timeout=0.5), plugin_dirs=[folder], entry_points=False, env={}
    )
    report = engine.run(DATA)
    (error,) = report.rule_errors
    assert (error.rule, error.plugin, error.unit, error.message) == (
        "RT001",
        "dp_runtime",
        "a",
        message,
    )
    assert detail in str(error.params.get("detail", ""))
    assert {"OK001", "ST001"} <= {f.rule for f in report.findings}
    assert report.exit_code() == 3
    rendered = report.text(error.message, error.params, lang="en")
    assert rendered and "{" not in rendered.replace("{'not'", "")


# -- a rule written only from docs/authoring-rules.md --------------------------------------------
def doc_files() -> dict[str, str]:
    text = DOCS.read_text(encoding="utf-8")
    return {m[1]: m[2] for m in re.finditer(r"```\w+ file=(\S+)\n(.*?)```", text, re.S)}


def write_doc_project(folder: Path) -> None:
    for name, text in doc_files().items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")


HP_DATA = dataset(unit("hp", plan={"tasks_total": 29, "tasks_done": 23}))


def test_docs_rule_is_under_30_lines() -> None:
    code = doc_files()["cchc_haiphong.py"]
    assert len([line for line in code.splitlines() if line.strip()]) < 30


def test_docs_rule_from_a_plugins_folder(tmp_path: Path) -> None:
    write_doc_project(tmp_path)
    folder = tmp_path / "plugins"
    folder.mkdir()
    (folder / "cchc_haiphong.py").write_text(doc_files()["cchc_haiphong.py"], encoding="utf-8")
    engine = Engine.default(plugin_dirs=[folder], entry_points=False, env={})
    assert infos(engine)["cchc_haiphong"] == ("file", "", ("HP001",))
    (finding,) = [f for f in engine.run(HP_DATA).findings if f.rule == "HP001"]
    assert finding.evidence == {"done": 23, "total": 29, "minimum": 80, "percent": 79.31}


def test_docs_rule_named_in_config(syspath: Path, tmp_path: Path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    write_doc_project(syspath)
    engine = Engine.default(Config(plugins=("cchc_haiphong",)), entry_points=False, env={})
    assert infos(engine)["cchc_haiphong"][:1] == ("module",)
    assert "HP001" in {f.rule for f in engine.run(HP_DATA).findings}
    work = tmp_path / "work"
    work.mkdir()
    (work / "cchc.toml").write_text('plugins = ["cchc_haiphong"]\n', encoding="utf-8")
    monkeypatch.chdir(work)
    code, out, _ = cli(capsys, "verify", "cchc_haiphong", "--lang", "en")
    assert (code, out.splitlines()[-1]) == (0, "PASS: 3/3")


def test_docs_rule_installed_as_a_package(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    write_doc_project(project)
    site = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--target",
            str(site),
            str(project),
        ],
        check=True,
        capture_output=True,
    )
    env = dict(
        os.environ,
        PYTHONPATH=os.pathsep.join(filter(None, [str(site), os.environ.get("PYTHONPATH")])),
    )
    env.pop("CCHC_DISABLE_PLUGINS", None)
    listing = subprocess.run(
        [sys.executable, "-m", "cchc_rules", "plugins", "--isolated", "--format", "json"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    (info,) = [p for p in json.loads(listing.stdout)["plugins"] if p["name"] == "cchc-haiphong"]
    assert (info["origin"], info["version"], info["rules"]) == ("entry point", "0.1.0", ["HP001"])
    # the doc's tests pass against the installed module (the project folder is not on the path)
    tests = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(project / "tests")],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert tests.returncode == 0, tests.stdout + tests.stderr
    assert "6 passed" in tests.stdout
