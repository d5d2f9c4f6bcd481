"""The `cchc` command line: outputs, languages, exit codes, bad input without tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from cchc_rules.cli.main import main

from _support import EXAMPLES

SEED = str(EXAMPLES / "le-chan-2022-h1.toml")
DEMO = str(EXAMPLES / "hai-an-demo-2025-h2.toml")
BAD = EXAMPLES / "bad"


def cchc(capsys, *argv: str) -> tuple[int, str, str]:
    code = main([*argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_version_and_help(capsys):
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.startswith("cchc-rules ")
    with pytest.raises(SystemExit):
        main(["check", "--help"])
    out = capsys.readouterr().out
    for option in ("--format", "--output", "--lang", "--fail-on", "--plugins-dir", "--select"):
        assert option in out


def test_no_command_prints_help_and_exits_2(capsys):
    code, out, _ = cchc(capsys)
    assert code == 2 and "COMMAND" in out


def test_check_seed_in_vietnamese_by_default(capsys):
    code, out, _ = cchc(capsys, "check", SEED)
    assert "Khối công chức hành chính quận: sử dụng 88/103 biên chế = 85,44%" in out
    assert "Tổng hợp: 1 đơn vị" in out
    assert code == 0  # warnings and information do not fail the run (README)


def test_check_seed_in_english(capsys):
    _, out, _ = cchc(capsys, "check", SEED, "--lang", "en")
    assert "88 of 103 quota positions filled = 85.44%" in out
    assert "Summary: 1 unit, " in out  # the word takes the plural form its count takes


def test_json_report_follows_the_spec_and_is_byte_identical(capsys):
    code1, out1, _ = cchc(capsys, "check", SEED, "--format", "json")
    code2, out2, _ = cchc(capsys, "check", SEED, "--format", "json")
    assert out1 == out2 and code1 == code2
    doc = json.loads(out1)
    assert doc["schema"] == "cchc-report/1"
    assert set(doc) >= {
        "tool",
        "dataset",
        "lang",
        "as_of",
        "config",
        "manifest",
        "summary",
        "findings",
        "skipped",
        "errors",
    }
    assert set(doc["summary"]) >= {
        "units",
        "rules",
        "evaluations",
        "findings",
        "waived",
        "not_applicable",
        "skipped",
        "rule_errors",
        "data_errors",
    }
    f = next(f for f in doc["findings"] if f["rule"] == "ST005")
    assert set(f) >= {
        "rule",
        "family",
        "severity",
        "unit",
        "subject",
        "message",
        "evidence",
        "legal_basis",
        "fingerprint",
        "waiver",
    }
    assert doc["manifest"]["inputs"][0]["sha256"]


def test_exit_codes_follow_fail_on(capsys):
    assert cchc(capsys, "check", DEMO)[0] == 1  # errors found (not a failure of the tool)
    assert cchc(capsys, "check", DEMO, "--fail-on", "never")[0] == 0
    assert cchc(capsys, "check", SEED, "--fail-on", "info")[0] == 1
    assert cchc(capsys, "check", SEED, "--select", "ST001")[0] == 0


def test_output_file(capsys, tmp_path):
    target = tmp_path / "r.json"
    _code, out, err = cchc(capsys, "check", SEED, "-f", "json", "-o", str(target))
    assert json.loads(target.read_text(encoding="utf-8"))["schema"] == "cchc-report/1"
    assert out == "" and "Tổng hợp" in err


def test_unknown_format_is_a_usage_error(capsys):
    code, _, err = cchc(capsys, "check", SEED, "--format", "pdfx")
    assert code == 2 and "pdfx" in err


def test_bad_option_values_exit_2(capsys):
    with pytest.raises(SystemExit) as info:
        main(["check", SEED, "--fail-on", "sometimes"])
    assert info.value.code == 2


@pytest.mark.parametrize(
    "name", sorted(p.name for p in BAD.iterdir() if p.name != "unknown-key.toml")
)
def test_bad_files_exit_2_with_a_located_message_and_no_traceback(capsys, name):
    code, out, err = cchc(capsys, "check", str(BAD / name), "--lang", "en")
    assert code == 2
    assert "Traceback" not in out + err
    assert name in out


def test_a_file_with_one_bad_unit_still_checks_the_good_ones(capsys):
    code, out, _ = cchc(capsys, "check", str(BAD / "one-bad-unit.json"), "-f", "json")
    doc = json.loads(out)
    assert code == 2
    assert {f["rule"] for f in doc["findings"]} >= {"ST001"}
    assert [e["location"] for e in doc["errors"]] == ["units[phuong-b].staffing[0].quota"]
    assert doc["summary"]["data_errors"] == 1


def test_good_and_bad_files_together(capsys):
    code, out, _ = cchc(capsys, "check", SEED, str(BAD / "truncated.toml"), "-f", "json")
    doc = json.loads(out)
    assert code == 2
    assert any(f["unit"] == "le-chan" for f in doc["findings"])


def test_validate(capsys):
    code, out, _ = cchc(capsys, "validate", SEED, "--lang", "en")
    assert code == 0 and "le-chan-2022-h1.toml: 1 valid unit, 0 errors, 0 warnings" in out
    code, out, _ = cchc(capsys, "validate", str(BAD / "negative.toml"), "--lang", "en")
    assert code == 2 and "negative.toml:16: units[phuong-a].dossiers.received" in out
    code, out, _ = cchc(capsys, "validate", str(BAD / "unknown-key.toml"), "--lang", "en")
    assert code == 0 and "did you mean “received”" in out


PLUGIN_RAISES = """
from cchc_rules import hookimpl, rule

@rule("ZZ001", family="test", severity="error", title="t", messages={"m": {"en": "m"}})
def zz001(unit, ctx):
    raise RuntimeError("broken rule")

@hookimpl
def cchc_register_rules(register):
    register(zz001)
"""


def test_plugin_that_raises_and_plugin_that_fails_to_import(capsys, tmp_path):
    (tmp_path / "raising.py").write_text(PLUGIN_RAISES, encoding="utf-8")
    (tmp_path / "broken.py").write_text("import no_such_module_here\n", encoding="utf-8")
    code, out, _ = cchc(capsys, "check", SEED, "-f", "json", "--plugins-dir", str(tmp_path))
    doc = json.loads(out)
    assert code == 3
    assert any(f["rule"] == "ST005" for f in doc["findings"])
    kinds = {(e["kind"], e.get("plugin"), e.get("rule")) for e in doc["errors"]}
    assert ("plugin", "broken", None) in kinds
    assert ("rule", "raising", "ZZ001") in kinds


def test_rules_explain_plugins(capsys):
    code, out, _ = cchc(capsys, "rules", "--lang", "en", "--format", "json")
    rules = {r["id"]: r for r in json.loads(out)}
    assert code == 0
    assert rules["ST001"]["plugin"] == "cchc.staffing" and rules["ST001"]["severity"] == "error"
    code, out, _ = cchc(capsys, "explain", "ST005", "--lang", "en")
    assert code == 0 and "min_fill_percent = 90" in out and "policy default" in out
    code, out, _ = cchc(capsys, "explain", "st001")
    assert code == 0 and "62/2020/NĐ-CP" in out and "Căn cứ pháp lý theo thời kỳ" in out
    code, _, err = cchc(capsys, "explain", "NOPE")
    assert code == 2 and "NOPE" in err
    code, out, _ = cchc(capsys, "plugins", "--format", "json")
    names = {p["name"]: p for p in json.loads(out)["plugins"]}
    assert names["cchc.staffing"]["rules"] == ["ST001", "ST002", "ST003", "ST004", "ST005"]
    assert names["cchc.staffing"]["origin"] == "builtin"


def test_python_dash_m_and_console_script(tmp_path):
    r = subprocess.run(
        [sys.executable, "-m", "cchc_rules", "check", SEED, "--lang", "en"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert r.returncode == 0 and "Summary:" in r.stdout
    assert r.stderr == ""


def test_piped_output_has_no_colour_codes():
    r = subprocess.run(
        [sys.executable, "-m", "cchc_rules", "check", SEED],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert "\x1b[" not in r.stdout + r.stderr


def test_internal_errors_are_reported_without_traceback(capsys, monkeypatch):
    import cchc_rules.cli.check as check

    def boom(*a, **k):
        raise RuntimeError("unexpected")

    monkeypatch.setattr(check, "load_dataset", boom)
    code, _out, err = cchc(capsys, "check", SEED)
    assert code == 3 and "lỗi nội bộ: RuntimeError: unexpected" in err and "Traceback" not in err
    assert Path(SEED).exists()


def test_table_shows_waivers_and_baseline_states(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "cchc.toml").write_text(
        '[[waivers]]\nrule = "ST005"\nunit = "le-chan"\nreason = "tuyển dụng đợt 2"\n'
        'approver = "Sở Nội vụ"\nexpires = 2030-12-31\n',
        encoding="utf-8",
    )
    first = tmp_path / "first.json"
    cchc(capsys, "check", SEED, "-f", "json", "-o", str(first), "--as-of", "2023-01-01")
    _, out, err = cchc(
        capsys, "check", SEED, "--baseline", str(first), "--lang", "en", "--as-of", "2023-01-01"
    )
    assert "waived: tuyển dụng đợt 2 (approved by Sở Nội vụ" in out
    assert "persisting (first seen 2022-01-01/2022-06-30)" in out
    assert "Compared with the previous report" in out
    assert "cchc.toml" in err


def test_help_follows_the_language_vietnamese_by_default(capsys):
    with pytest.raises(SystemExit):
        main(["check", "--help"])
    assert "ghi báo cáo vào FILE" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["check", "--help", "--lang", "en"])
    assert "write the report to FILE" in capsys.readouterr().out
