"""How plugin problems are reported: a plugin found twice is loaded once with one warning line
(not a failure), and plugin failures are counted apart from rule errors, in both languages."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from cchc_rules import Config, Engine
from cchc_rules.cli.main import main
from cchc_rules.renderers.table import render_table
from cchc_rules.schema import load_schema
from test_plugin_discovery import DATA, add_entry_point, add_module, source, syspath

__all__ = ["syspath"]  # the fixture, used by name


def notices(engine: Engine, lang: str = "en") -> list[str]:
    return [n.text(lang) for n in engine.registry.notices]


def rules_of(engine: Engine, plugin: str) -> tuple[str, ...]:
    return {p.name: p.rules for p in engine.registry.plugins}[plugin]


# -- point 5: a plugin found twice ------------------------------------------------------------
def test_installed_and_named_in_the_configuration_is_loaded_once(syspath: Path) -> None:
    add_module(syspath, "dp_twice", source("TW101"))
    add_entry_point(syspath, "dp-twice", "1.0", "dp-twice", "dp_twice")
    engine = Engine.default(Config(plugins=("dp_twice",)), env={})
    assert engine.registry.failures == []
    assert rules_of(engine, "dp-twice") == ("TW101",)
    assert "dp_twice" not in {p.name for p in engine.registry.plugins}
    (text,) = notices(engine)
    where = syspath / "dp_twice.py"
    assert (
        text
        == f"plugin dp_twice ({where}) is already loaded as dp-twice (dp_twice); it is loaded once"
    )
    (vi,) = notices(engine, "vi")
    assert (
        vi == f"plugin dp_twice ({where}) đã được nạp với tên dp-twice (dp_twice); chỉ nạp một lần"
    )
    assert engine.run(DATA).exit_code() == 1  # findings only: no failure


def test_a_module_named_twice_is_loaded_once(syspath: Path) -> None:
    add_module(syspath, "dp_again", source("TW102"))
    engine = Engine.default(Config(plugins=("dp_again", "dp_again")), entry_points=False, env={})
    assert engine.registry.failures == []
    assert rules_of(engine, "dp_again") == ("TW102",)
    (text,) = notices(engine)
    assert f"is already loaded as dp_again ({syspath / 'dp_again.py'})" in text


def test_a_folder_plugin_that_is_also_installed_is_loaded_once(
    syspath: Path, tmp_path: Path
) -> None:
    add_module(syspath, "dp_both", source("TW103"))
    add_entry_point(syspath, "dp-both", "1.0", "dp-both", "dp_both")
    folder = tmp_path / "plugins"
    folder.mkdir()
    add_module(folder, "dp_both", source("TW103"))  # a copy of the installed module
    engine = Engine.default(plugin_dirs=[folder], env={})
    assert engine.registry.failures == []  # not "rule TW103 is already registered"
    assert rules_of(engine, "dp-both") == ("TW103",)
    (text,) = notices(engine)
    assert text.startswith(f"plugin dp_both ({folder / 'dp_both.py'}) is already loaded as dp-both")


def test_a_plugin_object_also_installed_is_loaded_once(syspath: Path) -> None:
    add_module(syspath, "dp_object", source("TW104"))
    add_entry_point(syspath, "dp-object", "1.0", "dp-object", "dp_object")
    import dp_object  # type: ignore[import-not-found]

    engine = Engine.default(plugins=[dp_object], env={})
    assert engine.registry.failures == []
    assert rules_of(engine, "dp-object") == ("TW104",)
    assert len(notices(engine)) == 1


def test_the_command_line_warns_once_and_exits_as_usual(  # type: ignore[no-untyped-def]
    syspath: Path, tmp_path: Path, monkeypatch, capsys
) -> None:
    add_module(syspath, "dp_cli", source("TW105"))
    add_entry_point(syspath, "dp-cli", "1.0", "dp-cli", "dp_cli")
    work = tmp_path / "work"
    work.mkdir()
    (work / "cchc.toml").write_text('plugins = ["dp_cli"]\n', encoding="utf-8")
    monkeypatch.chdir(work)
    monkeypatch.delenv("CCHC_DISABLE_PLUGINS", raising=False)
    assert main(["plugins", "--format", "json"]) == 0
    out, err = capsys.readouterr()
    assert "dp-cli" in {p["name"] for p in json.loads(out)["plugins"]}
    (line,) = err.splitlines()
    assert line.startswith("cchc: cảnh báo: plugin dp_cli (")
    assert line.endswith(") đã được nạp với tên dp-cli (dp_cli); chỉ nạp một lần")
    assert "Traceback" not in err and "ValueError" not in err
    data = work / "data.json"
    data.write_text(
        json.dumps(
            {
                "schema": "cchc/1",
                "dataset": {"period": {"start": "2023-01-01", "end": "2023-06-30"}},
                "units": [{"id": "a", "name": "A", "plan": {"tasks_total": 3}}],
            }
        ),
        encoding="utf-8",
    )
    assert main(["check", str(data), "--lang", "en", "-f", "json"]) == 0
    out, err = capsys.readouterr()
    assert err.count(" is already loaded as dp-cli (dp_cli); it is loaded once") == 1
    assert json.loads(out)["summary"]["plugin_failures"] == 0


# -- point 6: plugin failures counted apart, in the report's language ---------------------------
@pytest.fixture
def broken(tmp_path: Path) -> Engine:
    """Two plugin failures (an import error, a hook that raises) and two rule errors."""
    folder = tmp_path / "plugins"
    folder.mkdir()
    add_module(folder, "dp_noimport", "import dp_no_such_module\n")
    add_module(
        folder,
        "dp_hookfails",
        "from cchc_rules import hookimpl\n\n@hookimpl\ndef cchc_register_rules(register):\n"
        "    raise RuntimeError('no rules today')\n",
    )
    add_module(folder, "dp_raises", source("RE001", body="    raise ValueError('x')\n    yield"))
    add_module(folder, "dp_raises2", source("RE002", body="    raise ValueError('y')\n    yield"))
    return Engine.default(plugin_dirs=[folder], entry_points=False, env={})


def test_plugin_failures_are_counted_apart_from_rule_errors(broken: Engine) -> None:
    report = broken.run(DATA)
    assert (len(report.plugin_failures), len(report.rule_errors)) == (2, 2)
    assert (report.summary.plugin_failures, report.summary.rule_errors) == (2, 2)
    summary = json.loads(report.to_json("en"))["summary"]
    assert (summary["plugin_failures"], summary["rule_errors"]) == (2, 2)
    assert report.exit_code() == 3


def test_plugin_failures_in_both_languages(broken: Engine) -> None:
    report = broken.run(DATA)
    for lang, texts in {
        "vi": [
            "{hook} gặp lỗi: RuntimeError: no rules today",
            "không nạp được {path}: ModuleNotFoundError: No module named 'dp_no_such_module'",
        ],
        "en": [
            "{hook} failed: RuntimeError: no rules today",
            "failed to import {path}: ModuleNotFoundError: No module named 'dp_no_such_module'",
        ],
    }.items():
        doc = json.loads(report.to_json(lang))
        jsonschema.validate(doc, load_schema("cchc-report-1.schema.json"))
        plugin_errors = [e for e in doc["errors"] if e["kind"] == "plugin"]
        path = broken.registry.failures[1].params["module"]
        expected = [t.format(hook="cchc_register_rules", path=path) for t in texts]
        assert [e["message"] for e in plugin_errors] == expected
        assert [e["message_id"] for e in plugin_errors] == [
            "plugin.hook_failed",
            "plugin.import_failed",
        ]
        table = " ".join(render_table(report, lang, width=400).split())
        assert f"plugin dp_hookfails: {expected[0]}" in table
    vi = " ".join(render_table(report, "vi", width=400).split())
    en = " ".join(render_table(report, "en", width=400).split())
    assert "2 lỗi quy tắc, 0 lỗi dữ liệu, 2 lỗi plugin" in vi
    assert "2 rule errors, 0 data errors, 2 plugin failures" in en


def test_without_plugin_failures_the_summary_line_does_not_mention_them() -> None:
    report = Engine.default(entry_points=False, env={}).run(DATA)
    assert report.summary.plugin_failures == 0
    assert "plugin" not in render_table(report, "en", width=400).splitlines()[-1]
