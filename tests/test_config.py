"""Configuration: discovery order, validation of every key, selection, overrides, fail policy."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs
import pytest

from cchc_rules import Config, Engine, Severity
from cchc_rules.configfile import (
    InvalidConfig,
    attach,
    check_against,
    discover,
    resolve_config,
)

from _support import dataset, engine

TOP_KEYS = (
    "lang, fail_on, select, ignore, hard_fail, soft_fail, plugins, plugin_dirs, "
    "disable_plugins, rule_timeout, max_findings_per_unit, max_errors_per_rule, max_input_mb, "
    "max_depth, isolation, "
    "baseline, rules, documents, waivers, report"
)
DOCUMENT_KEYS = "number, date, kind, title, source, evidence"


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def resolve(cwd: Path, **kw) -> Config:
    return resolve_config(cwd=str(cwd), **kw)


def problems(cwd: Path, **kw) -> list[tuple[str, str, dict]]:
    with pytest.raises(InvalidConfig) as info:
        resolve(cwd, **kw)
    return [(p.path, p.message, dict(p.params)) for p in info.value.problems]


def config_with(tmp_path: Path, text: str) -> Config:
    write(tmp_path, "cchc.toml", text)
    return resolve(tmp_path)


def nothing_above(folder: Path) -> bool:
    return discover(folder) is None


# --- discovery -------------------------------------------------------------------------------
def test_cchc_toml_is_found_walking_up_from_the_working_directory(tmp_path):
    cfg = write(tmp_path, "cchc.toml", 'lang = "en"\n')
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    config = resolve(deep)
    assert config.lang == "en"
    assert config.source == str(cfg.resolve())
    assert config.origin("lang") == str(cfg.resolve())
    assert config.sha256 is not None and len(config.sha256) == 64


def test_cchc_toml_wins_over_pyproject_in_the_same_folder(tmp_path):
    write(tmp_path, "cchc.toml", 'lang = "en"\n')
    write(tmp_path, "pyproject.toml", '[tool.cchc]\nlang = "vi"\nfail_on = "info"\n')
    config = resolve(tmp_path)
    assert config.source.endswith("cchc.toml")
    assert (config.lang, config.fail_on) == ("en", "error")  # no merging with pyproject


def test_pyproject_tool_cchc_is_used_and_the_nearest_folder_wins(tmp_path):
    write(tmp_path, "cchc.toml", 'lang = "en"\nfail_on = "info"\n')
    inner = tmp_path / "project"
    write(inner, "pyproject.toml", '[project]\nname = "x"\n\n[tool.cchc]\nfail_on = "warning"\n')
    config = resolve(inner)
    assert config.source == str((inner / "pyproject.toml").resolve())
    assert config.origin("fail_on").endswith("pyproject.toml [tool.cchc]")
    # nearest wins, no merging: lang is not taken from the parent's cchc.toml
    assert (config.fail_on, config.lang) == ("warning", "vi")


def test_pyproject_without_tool_cchc_is_passed_over(tmp_path):
    write(tmp_path, "cchc.toml", 'lang = "en"\n')
    inner = tmp_path / "project"
    write(inner, "pyproject.toml", '[project]\nname = "x"\n')
    assert resolve(inner).source == str((tmp_path / "cchc.toml").resolve())


def test_explicit_config_overrides_discovery_and_cli_overrides_the_file(tmp_path):
    write(tmp_path, "cchc.toml", 'lang = "en"\nfail_on = "info"\n')
    other = write(tmp_path / "elsewhere", "team.toml", 'fail_on = "warning"\nlang = "en"\n')
    config = resolve(tmp_path, explicit=str(other))
    assert config.source == str(other) and config.fail_on == "warning"
    config = resolve(tmp_path, explicit=str(other), overrides={"fail_on": "never"})
    assert config.fail_on == "never" and config.origin("fail_on") == "--fail-on"
    assert config.lang == "en" and config.origin("lang") == str(other)


def test_explicit_pyproject_reads_its_tool_table(tmp_path):
    path = write(tmp_path, "pyproject.toml", '[tool.cchc]\nselect = ["ST"]\n')
    assert resolve(tmp_path / "..", explicit=str(path)).select == ("ST",)


def test_isolated_ignores_every_file(tmp_path):
    write(tmp_path, "cchc.toml", 'lang = "en"\n')
    config = resolve(tmp_path, isolated=True)
    assert config.source is None and config.lang == "vi"
    assert config.origin("lang") == "default"


def test_defaults_when_no_file_is_found(tmp_path):
    if not nothing_above(tmp_path):
        pytest.skip("a configuration file exists above the temporary folder")
    config = resolve(tmp_path)
    assert config == Config()
    assert config.source is None and config.sha256 is None


def test_isolated_and_config_together_is_an_error(tmp_path):
    path = write(tmp_path, "cchc.toml", "")
    assert problems(tmp_path, explicit=str(path), isolated=True) == [
        ("--isolated", "config.isolated_and_config", {})
    ]


# --- errors in the file ----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            'fail-on = "warning"\n',
            (
                "fail-on",
                "config.unknown_key_suggest",
                {"key": "fail-on", "suggestion": "fail_on", "known": TOP_KEYS},
            ),
        ),
        ("lang = 1\n", ("lang", "config.expected_string", {"got": "1 (integer)"})),
        (
            'fail_on = "sometimes"\n',
            (
                "fail_on",
                "config.expected_choice",
                {"got": "'sometimes' (string)", "allowed": "error, warning, info, never"},
            ),
        ),
        ('select = "ST"\n', ("select", "config.expected_strings", {"got": "'ST' (string)"})),
        ('ignore = ["ST", 5]\n', ("ignore[1]", "config.expected_string", {"got": "5 (integer)"})),
        (
            "rule_timeout = 0\n",
            ("rule_timeout", "config.expected_positive", {"got": "0 (integer)"}),
        ),
        ("rules = 3\n", ("rules", "config.expected_table", {"got": "3 (integer)"})),
        (
            "[rules]\nST005 = 85\n",
            ("rules.ST005", "config.expected_table", {"got": "85 (integer)"}),
        ),
        (
            '[rules.ST005]\nseverity = "fatal"\n',
            (
                "rules.ST005.severity",
                "config.expected_choice",
                {"got": "'fatal' (string)", "allowed": "error, warning, info"},
            ),
        ),
        (
            '[rules.ST005.kinds.phuong]\nseverity = "info"\n',
            ("rules.ST005.kinds.phuong.severity", "config.not_per_kind", {"key": "severity"}),
        ),
        (
            "[rules.ST005.min_fill_percent]\nphuong = 80\n",
            ("rules.ST005.min_fill_percent", "config.param_table", {"param": "min_fill_percent"}),
        ),
        (
            'hard_fail = ["ST001"]\nsoft_fail = ["ST001"]\n',
            ("soft_fail", "config.fail_conflict", {"selector": "ST001"}),
        ),
        (
            'baseline = "no-such-report.json"\n',
            ("baseline", "config.baseline_not_found", {"path": "<tmp>/no-such-report.json"}),
        ),
        (
            '[[documents]]\nnumber = "02/NQ-CP"\n',
            ("documents[0].date", "config.required", {"key": "date"}),
        ),
        (
            '[[documents]]\nnumber = "02/NQ-CP"\ndate = 2023-01-06\ntitel = "x"\n',
            (
                "documents[0].titel",
                "config.unknown_key_suggest",
                {"key": "titel", "suggestion": "title", "known": DOCUMENT_KEYS},
            ),
        ),
        ("documents = 1\n", ("documents", "config.expected_tables", {"got": "1 (integer)"})),
    ],
)
def test_each_config_error_names_its_key_path(tmp_path, text, expected):
    write(tmp_path, "cchc.toml", text)
    path, message, params = expected
    if "path" in params:
        params = {**params, "path": params["path"].replace("<tmp>", str(tmp_path.resolve()))}
    assert problems(tmp_path) == [(path, message, params)]


def test_every_problem_is_collected_and_rendered_with_file_and_key_path(tmp_path):
    cfg = write(tmp_path, "cchc.toml", 'lang = "fr"\nfail_on = 2\nextra = true\n')
    with pytest.raises(InvalidConfig) as info:
        resolve(tmp_path, overrides={"lang": "en"})
    assert [p.path for p in info.value.problems] == ["lang", "fail_on", "extra"]
    lines = str(info.value).splitlines()
    assert (
        lines[0] == f"{cfg.resolve()}: lang: invalid value 'fr' (string); expected one of: vi, en"
    )
    assert lines[1] == f"{cfg.resolve()}: fail_on: expected a string, got 2 (integer)"
    assert lines[2].startswith(f"{cfg.resolve()}: extra: unknown key “extra” (valid keys: lang,")


def test_config_errors_are_in_vietnamese_by_default(tmp_path):
    write(tmp_path, "cchc.toml", 'fail-on = "warning"\n')
    with pytest.raises(InvalidConfig) as info:
        resolve(tmp_path)
    assert str(info.value).endswith("fail-on: khóa không xác định “fail-on”; có phải là “fail_on”?")


def test_the_key_path_in_pyproject_starts_with_tool_cchc(tmp_path):
    write(tmp_path, "pyproject.toml", '[tool.cchc]\nlang = "xx"\n')
    assert problems(tmp_path)[0][0] == "tool.cchc.lang"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b'lang = "en\n', "config.syntax"),
        (b'lang = "\xff"\n', "config.not_utf8"),
    ],
)
def test_unreadable_files_are_config_errors(tmp_path, raw, message):
    (tmp_path / "cchc.toml").write_bytes(raw)
    assert problems(tmp_path)[0][1] == message


def test_missing_explicit_file_and_pyproject_without_the_table(tmp_path):
    assert problems(tmp_path, explicit=str(tmp_path / "nope.toml"))[0][1] == "config.file_not_found"
    path = write(tmp_path, "pyproject.toml", '[project]\nname = "x"\n')
    assert problems(tmp_path, explicit=str(path)) == [("tool.cchc", "config.no_tool_table", {})]


# --- errors only the loaded rules reveal -----------------------------------------------------
def registry_problems(config: Config) -> list[tuple[str, str, dict]]:
    return [(p.path, p.message, dict(p.params)) for p in check_against(config, engine().registry)]


def test_unknown_rule_parameter_and_wrong_parameter_type(tmp_path):
    config = config_with(
        tmp_path,
        "[rules.ST05]\nseverity = 'info'\n"
        "[rules.ST005]\nmin_fill_pct = 85\n"
        "[rules.ST005.kinds.phuong]\nmin_fill_percent = '80'\n"
        "[rules.ST001]\nlimit = 1\n",
    )
    assert registry_problems(config) == [
        (
            "rules.ST001.limit",
            "config.unknown_param",
            {"rule": "ST001", "param": "limit", "known": "—"},
        ),
        (
            "rules.ST005.kinds.phuong.min_fill_percent",
            "config.param_type",
            {"param": "min_fill_percent", "expected": "number", "got": "'80' (string)"},
        ),
        (
            "rules.ST005.min_fill_pct",
            "config.unknown_param_suggest",
            {
                "rule": "ST005",
                "param": "min_fill_pct",
                "suggestion": "min_fill_percent",
                "known": "min_fill_percent",
            },
        ),
        ("rules.ST05", "config.unknown_rule_suggest", {"rule": "ST05", "suggestion": "ST005"}),
    ]


def test_selectors_and_waiver_rules_must_name_a_rule(tmp_path):
    config = config_with(
        tmp_path,
        'select = ["staffing", "stafing"]\nsoft_fail = ["ZZ"]\n'
        '[[waivers]]\nrule = "staffng"\nunit = "a"\nreason = "r"\napprover = "p"\n'
        "expires = 2030-01-01\n",
    )
    assert registry_problems(config) == [
        (
            "select[1]",
            "config.unknown_selector_suggest",
            {"selector": "stafing", "suggestion": "staffing"},
        ),
        ("soft_fail[0]", "config.unknown_selector", {"selector": "ZZ"}),
        (
            "waivers[0].rule",
            "config.unknown_selector_suggest",
            {"selector": "staffng", "suggestion": "staffing"},
        ),
    ]


def test_command_line_selectors_are_checked_too(tmp_path):
    config = resolve(tmp_path, isolated=True, overrides={"select": ("ST001", "XX9")})
    assert registry_problems(config) == [
        ("--select", "config.unknown_selector", {"selector": "XX9"}),
    ]


def test_unknown_ids_are_not_reported_when_a_plugin_failed(tmp_path):
    config = config_with(tmp_path, 'select = ["EGOV1"]\n[rules.EGOV1]\nx = 1\n')
    registry = attrs.evolve(engine().registry, failures=["broken plugin"])
    assert check_against(config, registry) == []


def test_engine_adds_the_configured_national_documents_and_attach_checks(tmp_path):
    config = config_with(
        tmp_path,
        '[[documents]]\nnumber = "12/2024/QĐ-UBND"\nkind = "quyet_dinh"\ndate = 2024-05-01\n'
        'title = "Quyết định của UBND thành phố"\n',
    )
    eng = Engine.default(config, entry_points=False, env={})
    registry = eng.registry
    added = eng.documents.documents[-1]
    assert (added.number, added.date, added.extra["kind"]) == (
        "12/2024/QĐ-UBND",
        dt.date(2024, 5, 1),
        "quyet_dinh",
    )
    assert added not in registry.documents.documents  # the plugins' table is left as it was
    assert engine().with_config(config).documents.documents[-1] == added
    attach(config, registry)  # a valid configuration passes
    bad = attrs.evolve(config, params={"ST001": {"nope": 1}})
    with pytest.raises(InvalidConfig):
        attach(bad, registry)


# --- selection -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("select", "ignore", "expected"),
    [
        (("ST001",), (), ["ST001"]),
        (("staffing",), ("ST003", "ST004"), ["ST001", "ST002", "ST005"]),
        (("ST00",), ("ST5",), ["ST001", "ST002", "ST003", "ST004", "ST005"]),
        (("st",), ("staffing",), []),
    ],
)
def test_selection_by_id_family_and_prefix(select, ignore, expected):
    rules = engine(Config(select=select, ignore=ignore)).rules
    assert [r.id for r in rules] == expected


def test_selection_from_the_file_and_from_the_command_line(tmp_path):
    write(tmp_path, "cchc.toml", 'select = ["staffing"]\nignore = ["ST002"]\n')
    config = resolve(tmp_path)
    assert [r.id for r in engine(config).rules] == ["ST001", "ST003", "ST004", "ST005"]
    config = resolve(tmp_path, overrides={"select": ("ST001",)})  # replaces, does not extend
    assert [r.id for r in engine(config).rules] == ["ST001"]


# --- parameter and severity overrides --------------------------------------------------------
def staffing_unit(uid: str, kind: str, used: int) -> dict:
    block = {"category": "cong_chuc", "label": "Khối", "quota": 100, "used": used}
    return {"id": uid, "kind": kind, "staffing": [block]}


def test_parameter_and_severity_overrides_global_and_per_kind(tmp_path):
    config = config_with(
        tmp_path,
        'select = ["ST005"]\n[rules.ST005]\nmin_fill_percent = 85\nseverity = "warning"\n'
        "[rules.ST005.kinds.phuong]\nmin_fill_percent = 80\n",
    )
    units = [
        staffing_unit("quan-at", "quan", 85),  # exactly at the global target: passes
        staffing_unit("quan-below", "quan", 84),
        staffing_unit("phuong-at", "phuong", 80),  # exactly at the per-kind target: passes
        staffing_unit("phuong-below", "phuong", 79),
    ]
    report = engine(config).run(dataset(*units))
    assert [(f.unit, f.severity) for f in report.findings] == [
        ("phuong-below", Severity.WARNING),
        ("quan-below", Severity.WARNING),
    ]
    assert {f.unit: f.evidence["min_fill_percent"] for f in report.findings} == {
        "phuong-below": 80,
        "quan-below": 85,
    }
    doc = report.to_dict("en")
    assert doc["manifest"]["parameters"]["ST005"] == {"min_fill_percent": 85}
    assert doc["manifest"]["parameters_by_kind"] == {"ST005": {"phuong": {"min_fill_percent": 80}}}
    assert doc["config"]["severity"] == {"ST005": "warning"}


def test_without_overrides_the_defaults_apply():
    report = engine(Config(select="ST005")).run(dataset(staffing_unit("q", "quan", 89)))
    (f,) = report.findings
    assert f.severity is Severity.INFO and f.evidence["min_fill_percent"] == 90


# --- fail policy -----------------------------------------------------------------------------
def exit_code(config: Config, *units: dict) -> int:
    return engine(config).run(dataset(*units)).exit_code()


OVER = {"id": "over", "staffing": [{"category": "cong_chuc", "quota": 10, "used": 11}]}
LOW = {"id": "low", "staffing": [{"category": "cong_chuc", "quota": 100, "used": 50}]}


def test_hard_fail_fails_the_run_whatever_fail_on():
    assert exit_code(Config(select="ST005"), LOW) == 0  # info under fail_on = error
    assert exit_code(Config(select="ST005", hard_fail="ST005"), LOW) == 1
    assert exit_code(Config(select="ST005", hard_fail="staffing", fail_on="never"), LOW) == 1


def test_soft_fail_never_fails_the_run():
    assert exit_code(Config(select="ST001"), OVER) == 1
    assert exit_code(Config(select="ST001", soft_fail="ST001", fail_on="info"), OVER) == 0


def test_the_most_specific_fail_selector_wins():
    config = Config(select="ST001,ST005", soft_fail="staffing", hard_fail="ST00")
    assert config.fail_policy("ST001", "staffing") == "hard"  # a prefix beats the family
    config = Config(soft_fail="ST", hard_fail="ST001")
    assert config.fail_policy("ST001", "staffing") == "hard"  # the id beats a prefix
    assert config.fail_policy("ST002", "staffing") == "soft"
    assert exit_code(Config(select="ST001", soft_fail="staffing", hard_fail="ST001"), OVER) == 1
    assert exit_code(Config(select="ST001", hard_fail="staffing", soft_fail="ST001"), OVER) == 0


def test_fail_policy_from_the_file(tmp_path):
    config = config_with(tmp_path, 'hard_fail = ["ST005"]\nsoft_fail = ["ST001"]\n')
    assert (config.hard_fail, config.soft_fail) == (("ST005",), ("ST001",))
    assert exit_code(attrs.evolve(config, select=("ST001",)), OVER) == 0
    assert exit_code(attrs.evolve(config, select=("ST005",)), LOW) == 1


# --- other keys ------------------------------------------------------------------------------
def test_paths_in_the_file_are_relative_to_its_folder(tmp_path):
    (tmp_path / "plugins").mkdir()
    write(tmp_path, "old.json", "{}")
    write(tmp_path, "cchc.toml", 'plugin_dirs = ["plugins"]\nbaseline = "old.json"\n')
    config = resolve(tmp_path / ".")
    folder = tmp_path.resolve()
    assert config.plugin_dirs == (str(folder / "plugins"),)
    assert config.baseline == str(folder / "old.json")


def test_a_full_file_resolves(tmp_path):
    config = config_with(
        tmp_path,
        'lang = "en"\nfail_on = "warning"\nselect = ["ST", "RF"]\nignore = ["ST004"]\n'
        'plugins = ["my_rules"]\ndisable_plugins = ["cchc.table"]\nrule_timeout = 2.5\n'
        '[[waivers]]\nrule = "ST002"\nunit = "phuong-*"\nsubject = "Khối A"\n'
        'reason = "Hợp đồng được tỉnh chấp thuận"\napprover = "Sở Nội vụ"\n'
        'expires = "2026-06-30"\n',
    )
    assert config.select == ("ST", "RF") and config.rule_timeout == 2.5
    assert config.plugins == ("my_rules",) and config.disable_plugins == ("cchc.table",)
    (w,) = config.waivers
    assert (w.unit, w.subject, w.expires) == ("phuong-*", "Khối A", dt.date(2026, 6, 30))
    assert config.to_dict()["waivers"] == 1


def test_the_documented_example_is_a_valid_configuration(tmp_path):
    doc = (Path(__file__).parent.parent / "docs" / "configuration.md").read_text(encoding="utf-8")
    example = doc.split("```toml\n", 1)[1].split("```", 1)[0]
    config = config_with(tmp_path, example)
    assert config.params["DL004"] == {"min_on_time_percent": 98}
    assert config.kind_params["ST005"] == {"phuong": {"min_fill_percent": 80}}
    assert config.severity == {"ST005": Severity.WARNING}
    assert (config.hard_fail, config.soft_fail) == (("ST001",), ("references",))
    assert [d.number for d in config.documents] == ["12/2024/QĐ-UBND"]
    (w,) = config.waivers
    assert (w.rule, w.unit, w.approver, w.expires) == (
        "ID002",
        "le-chan",
        "Sở Nội vụ",
        dt.date(2022, 12, 31),
    )


def test_a_national_document_whose_number_does_not_parse_is_a_located_error(tmp_path):
    path = tmp_path / "cchc.toml"
    path.write_text('[[documents]]\nnumber = "garbage"\ndate = 2024-01-01\n', encoding="utf-8")
    with pytest.raises(InvalidConfig) as info:
        resolve_config(cwd=str(tmp_path), explicit=str(path))
    assert "documents[0]" in str(info.value)


def test_the_readme_configuration_example_is_valid(tmp_path):
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    start = readme.index("```toml\n# cchc.toml")
    block = readme[start + len("```toml\n") : readme.index("```", start + 8)]
    (tmp_path / "cchc.toml").write_text(block, encoding="utf-8")
    (tmp_path / "plugins").mkdir()
    config = resolve_config(cwd=str(tmp_path))
    assert config.params["DL004"] == {"min_on_time_percent": 98}
    assert config.kind_params["ST005"]["phuong"] == {"min_fill_percent": 80}
    assert [w.rule for w in config.waivers] == ["ID002"]
    attach(config, engine().registry)  # the rules, parameters and selectors it names exist
