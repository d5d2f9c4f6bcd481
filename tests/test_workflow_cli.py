"""The inspection workflow on the command line: the configuration used, named and recorded;
config errors exit 2 with the key path; `cchc config`; waivers, --as-of and --baseline in
`cchc check`; deterministic reports."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from cchc_rules.cli.main import main

H1 = {"start": "2023-01-01", "end": "2023-06-30"}
H2 = {"start": "2023-07-01", "end": "2023-12-31"}


def cchc(capsys, *argv: str) -> tuple[int, str, str]:
    code = main([*argv])
    out, err = capsys.readouterr()
    return code, out, err


def staffing(uid: str, used: int = 50, **kw: object) -> dict:
    block = {"category": "cong_chuc", "label": "Khối A", "quota": 50, "used": used, **kw}
    return {"id": uid, "name": uid.upper(), "kind": "quan", "staffing": [block]}


def data_file(path: Path, *units: dict, period: dict = H1) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    tree = {"schema": "cchc/1", "dataset": {"title": "Kiểm tra", "period": period}}
    path.write_text(json.dumps({**tree, "units": list(units)}, ensure_ascii=False), "utf-8")
    return str(path)


@pytest.fixture
def here(tmp_path, monkeypatch):
    """An empty working directory with its own configuration file, nothing else."""
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    return work


CONFIG = """\
lang = "en"
select = ["staffing"]

[rules.ST005]
min_fill_percent = 95
"""


# --- the configuration used is named and recorded --------------------------------------------
def test_the_configuration_is_named_on_stderr_and_recorded_in_the_report(capsys, here):
    cfg = here / "cchc.toml"
    cfg.write_text(CONFIG, encoding="utf-8")
    data = data_file(here / "d.json", staffing("a", used=47))
    code, out, err = cchc(capsys, "check", data, "--format", "json")
    sha = hashlib.sha256(cfg.read_bytes()).hexdigest()
    assert f"cchc: configuration {cfg.resolve()} (sha256 {sha})" in err
    doc = json.loads(out)
    assert doc["manifest"]["config"] == {"path": str(cfg.resolve()), "sha256": sha}
    assert doc["config"]["params"] == {"ST005": {"min_fill_percent": 95}}
    assert doc["config"]["origins"]["lang"] == str(cfg.resolve())
    assert doc["lang"] == "en"
    assert [(f["rule"], f["evidence"]["min_fill_percent"]) for f in doc["findings"]] == [
        ("ST005", 95)
    ]
    assert code == 0  # ST005 is info, under fail_on = error


def test_a_configuration_next_to_the_data_is_never_used(capsys, here, tmp_path):
    folder = tmp_path / "data"
    data = data_file(folder / "d.json", staffing("a", used=47))
    (folder / "cchc.toml").write_text('lang = "en"\nfail_on = "info"\n', encoding="utf-8")
    code, out, err = cchc(capsys, "check", data, "--format", "json", "--isolated")
    assert "configuration" not in err
    doc = json.loads(out)
    assert doc["lang"] == "vi" and doc["manifest"]["config"] is None and code == 0
    code, out, err = cchc(capsys, "check", data, "--format", "json")
    assert str(folder) not in err and json.loads(out)["lang"] == "vi"


def test_command_line_beats_config_option_beats_discovered_file(capsys, here, tmp_path):
    only = 'select = ["ST005"]\n'
    (here / "cchc.toml").write_text(only + 'lang = "en"\nfail_on = "info"\n', encoding="utf-8")
    other = tmp_path / "team.toml"
    other.write_text(only + 'fail_on = "warning"\n', encoding="utf-8")
    data = data_file(here / "d.json", staffing("a", used=44))  # one ST005 (info) finding
    assert cchc(capsys, "check", data, "-f", "json")[0] == 1  # cchc.toml: fail_on = info
    code, out, _ = cchc(capsys, "check", data, "-f", "json", "--config", str(other))
    assert code == 0 and json.loads(out)["lang"] == "vi"  # the other file, not merged
    code, out, _ = cchc(capsys, "check", data, "-f", "json", "--fail-on", "never")
    assert code == 0 and json.loads(out)["lang"] == "en"


# --- config errors exit 2 with the key path --------------------------------------------------
@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("[rules.ST005]\nmin_fill = 85\n", "rules.ST005.min_fill: rule ST005 has no parameter"),
        ('select = ["STAFF"]\n', "select[0]: “STAFF” matches no rule"),
        ("[[waivers]]\nrule = 'ST001'\nunit = 'a'\nexpires = 2030-01-01\n", "waivers[0].reason"),
        ("lang = 'fr'\n", "lang: invalid value 'fr' (string)"),
    ],
)
def test_config_errors_exit_2_with_the_key_path(capsys, here, text, needle):
    (here / "cchc.toml").write_text(text, encoding="utf-8")
    data = data_file(here / "d.json", staffing("a"))
    code, out, err = cchc(capsys, "check", data, "--lang", "en")
    assert code == 2
    assert needle in " ".join(err.split())
    assert "Traceback" not in out + err


def test_an_unknown_command_line_selector_exits_2(capsys, here):
    data = data_file(here / "d.json", staffing("a"))
    code, _, err = cchc(capsys, "check", data, "--isolated", "--select", "ST99X", "--lang", "en")
    assert code == 2 and "--select: “ST99X” matches no rule" in " ".join(err.split())


def test_a_missing_baseline_exits_2(capsys, here):
    data = data_file(here / "d.json", staffing("a"))
    code, _, err = cchc(capsys, "check", data, "--isolated", "--baseline", "nope.json")
    assert code == 2 and "--baseline" in err and "nope.json" in err


# --- cchc config -----------------------------------------------------------------------------
def test_cchc_config_shows_each_value_and_its_origin(capsys, here, monkeypatch):
    monkeypatch.setenv("COLUMNS", "250")
    cfg = here / "cchc.toml"
    cfg.write_text(
        CONFIG + "\n[rules.ST005.kinds.phuong]\nmin_fill_percent = 80\n"
        '[[waivers]]\nrule = "ST005"\nunit = "a"\nreason = "r"\napprover = "Sở Nội vụ"\n'
        "expires = 2030-01-01\n",
        encoding="utf-8",
    )
    code, out, _ = cchc(capsys, "config", "--format", "json", "--fail-on", "warning")
    assert code == 0
    doc = json.loads(out)
    path = str(cfg.resolve())
    assert doc["source"] == path and doc["sha256"] == hashlib.sha256(cfg.read_bytes()).hexdigest()
    assert doc["origins"] == {
        "fail_on": "--fail-on",
        "kind_params": path,
        "lang": path,
        "params": path,
        "select": path,
        "waivers": path,
    }
    assert doc["fail_on"] == "warning" and doc["lang"] == "en"
    assert doc["waivers"][0]["approver"] == "Sở Nội vụ"

    code, out, _ = cchc(capsys, "config")
    rows = {line.split("│")[1].strip(): line for line in out.splitlines() if line.count("│") == 4}
    assert "default" in rows["ignore"] and path[:20] in rows["lang"]
    assert '"en"' in rows["lang"] and "95" in rows["rules.ST005.min_fill_percent"]
    assert "80" in rows["rules.ST005.kinds.phuong.min_fill_percent"]
    assert path in rows["rules.ST005.min_fill_percent"] and "default" in rows["fail_on"]
    assert out.startswith("Configuration file: ")


def test_cchc_config_in_vietnamese_without_a_file(capsys, here):
    code, out, _ = cchc(capsys, "config", "--isolated")
    assert code == 0
    assert "không dùng tệp cấu hình nào" in out and "mặc định" in out


def test_cchc_config_shows_the_report_title_block(capsys, here):
    (here / "cchc.toml").write_text(
        '[report]\ninspecting_body = "Sở Nội vụ"\ndate = 2026-12-01\n', encoding="utf-8"
    )
    code, out, _ = cchc(capsys, "config")
    assert code == 0
    lines = {line.split("│")[1].strip(): line for line in out.splitlines() if "report." in line}
    assert "Sở Nội vụ" in lines["report.inspecting_body"]
    assert "2026-12-01" in lines["report.date"] and "cchc.toml" in lines["report.date"]


def test_cchc_config_reports_config_errors(capsys, here):
    (here / "cchc.toml").write_text("[rules.ST001]\nseverity = 'fatal'\n", encoding="utf-8")
    code, _, err = cchc(capsys, "config", "--lang", "en")
    assert code == 2 and "rules.ST001.severity" in err


# --- waivers and --as-of ---------------------------------------------------------------------
WAIVER = """
select = ["staffing"]

[[waivers]]
rule = "ST001"
unit = "a"
reason = "Biên chế bổ sung được tỉnh chấp thuận"
approver = "Sở Nội vụ"
expires = 2024-01-01

[[waivers]]
rule = "ST002"
unit = "b"
reason = "Không còn cần"
approver = "Sở Nội vụ"
expires = 2030-01-01
"""


@pytest.mark.parametrize(
    ("as_of", "code", "waived", "states"),
    [
        ("2023-12-31", 0, 1, ["active", "unused"]),
        ("2024-01-01", 1, 0, ["expired", "unused"]),
    ],
)
def test_waivers_are_judged_at_as_of(capsys, here, as_of, code, waived, states):
    (here / "cchc.toml").write_text(WAIVER, encoding="utf-8")
    data = data_file(here / "d.json", staffing("a", used=52))
    got, out, err = cchc(capsys, "check", data, "-f", "json", "--as-of", as_of, "--lang", "en")
    doc = json.loads(out)
    assert (got, doc["summary"]["waived"], doc["as_of"]) == (code, waived, as_of)
    assert [w["state"] for w in doc["waivers"]] == states
    assert "waiver no. 2 (ST002 at b) matched no finding" in err
    assert ("expired on 01/01/2024" in err) is (states[0] == "expired")


# --- --baseline ------------------------------------------------------------------------------
def test_baseline_on_the_command_line(capsys, here):
    first = data_file(here / "h1.json", staffing("a", used=52), staffing("b", used=40))
    cchc(
        capsys, "check", first, "-f", "json", "-o", "h1-report.json", "--isolated", "--select", "ST"
    )
    second = data_file(here / "h2.json", staffing("a", used=50), staffing("b", used=40), period=H2)
    _, out, _ = cchc(
        capsys,
        "check",
        second,
        "-f",
        "json",
        "--isolated",
        "--select",
        "ST",
        "--baseline",
        "h1-report.json",
    )
    doc = json.loads(out)
    assert [(f["unit"], f["rule"], f["state"]) for f in doc["findings"]] == [
        ("b", "ST005", "persisting")
    ]
    assert doc["baseline"]["counts"] == {"new": 0, "persisting": 1, "resolved": 1, "unverified": 0}
    assert doc["config"]["origins"]["baseline"] == "--baseline"


def test_an_unreadable_baseline_exits_2_without_traceback(capsys, here):
    (here / "old.json").write_text("{oops", encoding="utf-8")
    data = data_file(here / "d.json", staffing("a"))
    code, _, err = cchc(
        capsys, "check", data, "--isolated", "--baseline", "old.json", "--lang", "en"
    )
    assert code == 2 and "old.json: not a JSON report" in err and "Traceback" not in err


# --- determinism -----------------------------------------------------------------------------
def test_reordering_units_or_files_does_not_change_the_report(capsys, here):
    a, b, c = (
        staffing("a", used=52),
        staffing("b", used=40),
        staffing("c", contract_outside_quota=1),
    )
    one = data_file(here / "one.json", a, b)
    two = data_file(here / "two.json", c)
    reports = []
    for argv in ([one, two], [two, one]):
        reports.append(
            cchc(capsys, "check", *argv, "-f", "json", "--isolated", "--as-of", "2024-01-01")[1]
        )
    data_file(here / "one.json", b, a)  # same units, other order
    reports.append(
        cchc(capsys, "check", one, two, "-f", "json", "--isolated", "--as-of", "2024-01-01")[1]
    )
    assert reports[0] == reports[1]
    assert (
        json.loads(reports[0])["manifest"]["inputs"] != json.loads(reports[2])["manifest"]["inputs"]
    )
    strip = [json.loads(r) for r in reports]
    for doc in strip:
        doc["manifest"]["inputs"] = None  # the file's bytes changed, so does its sha256
    assert strip[0] == strip[2]


def test_changing_lang_does_not_change_fingerprints(capsys, here):
    data = data_file(here / "d.json", staffing("a", used=52), staffing("b", used=40))
    vi = json.loads(cchc(capsys, "check", data, "-f", "json", "--isolated")[1])
    en = json.loads(cchc(capsys, "check", data, "-f", "json", "--isolated", "--lang", "en")[1])
    assert [f["fingerprint"] for f in vi["findings"]] == [f["fingerprint"] for f in en["findings"]]
    assert vi["findings"][0]["message"] != en["findings"][0]["message"]
