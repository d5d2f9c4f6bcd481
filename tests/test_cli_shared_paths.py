"""One way to do each thing in the command line: files are read through
``loading.files.read_limited`` (the configuration's ``max_input_mb`` for data, report documents
and reports), ``cchc extract`` loads plugins as ``cchc check`` does, one plugin load limit in
both isolation modes, and the commands share their writing and date parsing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

import pytest

from cchc_rules import Config, Engine
from cchc_rules import engine as engine_module
from cchc_rules.baseline import load_report
from cchc_rules.cli import guard, tabular
from cchc_rules.cli.main import main
from cchc_rules.configfile import read_config
from cchc_rules.errors import UsageError
from cchc_rules.extract import ExtractError, extract_document
from cchc_rules.plugins import MIN_LOAD_SECONDS, load_timeout

ROOT = Path(__file__).resolve().parent.parent
REPORT_MD = ROOT / "tests" / "extract" / "tan-hung-2024-q1.md"
EXAMPLE = ROOT / "examples" / "le-chan-2022-h1.toml"
#: max_input_mb of the small-limit configuration: 2 KiB, so the report (about 6 KiB) is over it
SMALL_MB = 2 / 1024


def cchc(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main([*argv])
    out, err = capsys.readouterr()
    return code, out, err


def run(*argv: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cchc_rules", *argv],
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
        timeout=120,
    )


def small_limit(tmp_path: Path) -> Path:
    config = tmp_path / "small.toml"
    config.write_text(f"max_input_mb = {SMALL_MB!r}\n", encoding="utf-8")
    return config


# -- 1. report documents are read with max_input_mb ----------------------------------------------
@pytest.mark.parametrize("command", ["extract", "check"])
def test_a_document_over_max_input_mb_is_refused_naming_the_file_and_limit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    doc = tmp_path / "report.md"
    doc.write_bytes(REPORT_MD.read_bytes())
    assert doc.stat().st_size > 2048
    config = small_limit(tmp_path)
    code, _, err = cchc(capsys, command, str(doc), "--config", str(config), "--lang", "en")
    assert code == 2
    assert str(doc) in err and "at most 0.00195312 MB: max_input_mb" in err
    assert "Traceback" not in err
    code, _, err = cchc(capsys, command, str(doc), "--config", str(config), "--lang", "vi")
    assert code == 2 and "tối đa 0.00195312 MB: max_input_mb" in err
    # under the default limit the same report is read
    code, out, err = cchc(capsys, "extract", str(doc), "--isolated")
    assert code == 0, err
    assert "tan-hung" in out or "Tân Hưng" in out


def test_extract_document_takes_the_limit(tmp_path: Path) -> None:
    with pytest.raises(ExtractError) as exc:
        extract_document(REPORT_MD, max_bytes=1024)
    assert exc.value.message == "extract.too_large"
    assert exc.value.params["limit"] == "0.000976562"
    assert extract_document(REPORT_MD, max_bytes=1 << 20).taken


# -- 2. one check "regular file, not too large, readable" for every file --------------------------
def _big(path: Path, size: int) -> Path:
    path.write_bytes(b"# " + b"x" * size + b"\n")
    return path


def _given(path: Path, kind: str, large: bytes) -> Path:
    """``path`` made a FIFO, a folder, or a file of the bytes ``large`` (over the limit)."""
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    else:
        path.write_bytes(large)
    return path


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
@pytest.mark.parametrize("kind", ["fifo", "folder", "large"])
def test_config_fifo_folder_or_too_large_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    path = _given(tmp_path / "cchc.toml", kind, b"#" * (2**20 + 10))
    code, _, err = cchc(capsys, "check", str(EXAMPLE), "--config", str(path), "--lang", "en")
    assert code == 2 and str(path) in err and "Traceback" not in err
    expected = {
        "fifo": "not a regular file (a folder, FIFO or device); not read",
        "folder": "not a regular file (a folder, FIFO or device); not read",
        "large": "the configuration file is too large (1.0 MB, at most 1 MB); not read",
    }[kind]
    assert expected in err
    _, _, problems = read_config(path)
    assert [p.message for p in problems] == [
        "config.too_large" if kind == "large" else "data.not_a_file"
    ]


def _report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    out = tmp_path / "old.json"
    code, _, err = cchc(
        capsys, "check", str(EXAMPLE), "--isolated", "--format", "json", "-o", str(out)
    )
    assert code in (0, 1), err
    return out


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
@pytest.mark.parametrize("kind", ["fifo", "folder", "large"])
@pytest.mark.parametrize("how", ["diff", "baseline"])
def test_report_fifo_folder_or_too_large_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str, how: str
) -> None:
    good = _report(tmp_path, capsys)
    config = small_limit(tmp_path)
    path = _given(tmp_path / "given.json", kind, good.read_bytes())  # a report over 2 KiB
    assert good.stat().st_size > 2048
    if how == "diff":
        argv = ["diff", str(path), str(good), "--config", str(config), "--lang", "en"]
    else:
        argv = ["check", str(EXAMPLE), "--baseline", str(path), "--config", str(config)]
        argv += ["--lang", "en", "--format", "json", "-o", str(tmp_path / "new.json")]
    code, _, err = cchc(capsys, *argv)
    assert code == 2 and "Traceback" not in err
    if kind == "large":
        assert f"{path}: cannot read the report: the file is too large" in err
        assert "at most 0.00195312 MB: max_input_mb" in err
    elif how == "diff":
        assert f"{path}: cannot read the report: not a regular file" in err
    else:  # the configuration refuses it before the run, saying what it is
        said = "is not a regular file (a folder, FIFO or device); not read"
        assert f"--baseline: baseline report {path} {said}" in err
        assert "not found" not in err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
@pytest.mark.parametrize("kind", ["fifo", "folder"])
def test_a_baseline_that_is_not_a_regular_file_is_named_so_in_both_languages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    path = _given(tmp_path / "given.json", kind, b"")
    said = {
        "en": f"baseline report {path} is not a regular file (a folder, FIFO or device); not read",
        "vi": f"báo cáo kỳ trước {path} không phải tệp thường (là thư mục, FIFO hay thiết bị); "
        "không đọc",
    }
    for lang in ("en", "vi"):
        argv = ["check", str(EXAMPLE), "--isolated", "--baseline", str(path), "--lang", lang]
        code, out, err = cchc(capsys, *argv)
        assert code == 2 and f"--baseline: {said[lang]}" in err and "Traceback" not in err
        assert out == ""
    # given in the configuration file: located at its key
    config = tmp_path / "cchc.toml"
    config.write_text(f"baseline = {json.dumps(str(path))}\n", encoding="utf-8")
    code, _, err = cchc(capsys, "check", str(EXAMPLE), "--config", str(config), "--lang", "en")
    assert code == 2 and f"{config}: baseline: {said['en']}" in err
    # a missing one is still "not found"
    gone = tmp_path / "gone.json"
    code, _, err = cchc(capsys, "check", str(EXAMPLE), "--isolated", "--baseline", str(gone))
    assert code == 2 and f"không tìm thấy báo cáo kỳ trước {gone}" in err


def test_a_report_is_read_with_a_limit_in_the_api(tmp_path: Path) -> None:
    big = _big(tmp_path / "old.json", 3000)
    with pytest.raises(UsageError, match="cannot read the report: the file is too large"):
        load_report(big, max_bytes=2048)
    with pytest.raises(UsageError, match="không đọc được báo cáo: tệp quá lớn"):
        load_report(big, max_bytes=2048, lang="vi")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
@pytest.mark.parametrize("kind", ["fifo", "folder", "large"])
def test_document_fifo_folder_or_too_large_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    path = _given(tmp_path / "report.md", kind, REPORT_MD.read_bytes())
    config = small_limit(tmp_path)
    for command in ("extract", "check"):
        code, _, err = cchc(capsys, command, str(path), "--config", str(config), "--lang", "en")
        assert code == 2 and str(path) in err and "Traceback" not in err
        if kind == "large":
            assert "the file is too large" in err and "max_input_mb" in err
        else:
            assert "not a regular file (a folder, FIFO or device); not read" in err


# -- 3. cchc extract loads plugins as cchc check does ---------------------------------------------
def _plugin(tmp_path: Path, name: str, body: str) -> Path:
    folder = tmp_path / "plugins"
    folder.mkdir(exist_ok=True)
    (folder / f"{name}.py").write_text(body, encoding="utf-8")
    return folder


def test_extract_contains_a_plugin_failing_at_import_as_check_does(tmp_path: Path) -> None:
    folder = _plugin(tmp_path, "broken", "raise RuntimeError('boom at import')\n")
    said = "cchc: plugin broken: failed to import"
    done = run("extract", str(REPORT_MD), "--plugins-dir", str(folder), "--lang", "en")
    assert done.returncode == 3, done.stderr  # a plugin failure, the draft written all the same
    assert "[[units]]" in done.stdout
    assert said in done.stderr and "RuntimeError: boom at import" in done.stderr
    assert "Traceback" not in done.stderr
    data = tmp_path / "d.toml"
    data.write_text(done.stdout, encoding="utf-8")
    checked = run("check", str(data), "--plugins-dir", str(folder), "--lang", "en")
    assert checked.returncode == 3 and "plugin broken: failed to import" in checked.stdout


def test_what_a_plugin_prints_goes_to_stderr_not_into_the_draft(tmp_path: Path) -> None:
    folder = _plugin(tmp_path, "chatty", "print('hello from a plugin')\n")
    done = run("extract", str(REPORT_MD), "--plugins-dir", str(folder))
    assert done.returncode == 0, done.stderr
    assert "hello from a plugin" in done.stderr and "hello" not in done.stdout
    assert tomllib.loads(done.stdout)["units"]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="isolation needs fork")
@pytest.mark.parametrize("command", ["extract", "check"])
def test_extract_tries_plugins_in_a_worker_under_isolation(tmp_path: Path, command: str) -> None:
    """A plugin ending the process at import: contained by the trial load, as for check (the
    second plugin loader of extract skipped it, and the whole command ended)."""
    folder = _plugin(tmp_path, "ender", "import os\nos._exit(0)\n")
    argv = [command, str(REPORT_MD), "--plugins-dir", str(folder), "--isolation", "process"]
    done = run(*argv, "--lang", "en", "--format", "json") if command == "check" else run(*argv)
    assert done.returncode == 3, done.stderr
    assert "Traceback" not in done.stderr
    if command == "extract":
        assert "[[units]]" in done.stdout and "plugin ender" in done.stderr
    else:
        errors = json.loads(done.stdout)["errors"]
        assert [(e["plugin"], e["message_id"]) for e in errors] == [("ender", "error.worker_died")]


# -- 4. one plugin load limit for both isolation modes -------------------------------------------
def test_load_timeout_is_ten_seconds_or_three_rule_timeouts() -> None:
    assert load_timeout(0.5) == MIN_LOAD_SECONDS == 10.0
    assert load_timeout(5) == 15.0


@pytest.mark.parametrize("isolation", ["in-process", "process"])
def test_both_modes_load_plugins_within_load_timeout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, isolation: str
) -> None:
    if isolation == "process" and not hasattr(os, "fork"):
        pytest.skip("isolation needs fork")
    folder = _plugin(tmp_path, "slow", "import time\ntime.sleep(3)\n")
    monkeypatch.setattr(engine_module, "load_timeout", lambda rule_timeout: 0.5)
    engine = Engine.default(
        Config(isolation=isolation), plugin_dirs=[folder], entry_points=False, env={}
    )
    (failure,) = engine.registry.failures
    assert failure.plugin == "slow"
    if isolation == "process":
        assert (failure.message_id, failure.params) == ("error.worker_killed", {"seconds": 0.5})
    else:
        assert "RuleTimeout" in failure.params["detail"]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="isolation needs fork")
def test_a_plugin_trial_gets_the_in_process_time_not_rule_timeout(tmp_path: Path) -> None:
    folder = _plugin(tmp_path, "slowish", "import time\ntime.sleep(0.6)\n")
    engine = Engine.default(
        Config(isolation="process", rule_timeout=0.2),
        plugin_dirs=[folder],
        entry_points=False,
        env={},
    )
    assert engine.registry.failures == []
    assert "slowish" in [p.name for p in engine.registry.plugins]


# -- 5. template and convert write as check does ---------------------------------------------------
def test_tabular_commands_use_the_guards_writing() -> None:
    assert tabular.write_output is guard.write_output
    assert tabular.writing is guard.writing and tabular.text is guard.text
    assert not hasattr(tabular, "_write") and not hasattr(tabular, "_text")


@pytest.mark.parametrize(
    "argv",
    [
        ["template", "-o", "{missing}/t.xlsx"],
        ["template", "-o", "{missing}/t.toml", "--format", "toml"],
        ["convert", str(EXAMPLE), "-o", "{missing}/d.json"],
        ["convert", str(EXAMPLE), "-o", "{missing}/d.xlsx"],
    ],
)
def test_writing_into_a_missing_folder_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    missing = tmp_path / "nope"
    argv = [a.replace("{missing}", str(missing)) for a in argv]
    code, _, err = cchc(capsys, *argv, "--lang", "en")
    assert code == 2 and "Traceback" not in err
    assert f"cannot write {missing}/" in err or f"{missing}/" in err
    assert "No such file or directory" in err


def test_writing_turns_an_os_error_into_a_usage_error(tmp_path: Path) -> None:
    target = tmp_path / "nope" / "x.csv"
    with pytest.raises(UsageError) as exc, guard.writing(target, "en"):
        target.write_text("x", encoding="utf-8")
    assert str(target) in str(exc.value) and "No such file or directory" in str(exc.value)


# -- 6. one date parser -------------------------------------------------------------------------
def test_law_and_check_share_the_date_parser(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from cchc_rules.cli import common, law

    assert not hasattr(law, "parse_day") and law.parse_date is common.parse_date
    for lang, said in (
        ("en", "expected a date as YYYY-MM-DD, got '2024-13-01'"),
        ("vi", "cần một ngày dạng YYYY-MM-DD, nhận được '2024-13-01'"),
    ):
        with pytest.raises(SystemExit):
            main(["law", "--on", "2024-13-01", "--lang", lang])
        assert said in capsys.readouterr().err
    code, _, err = cchc(capsys, "law", "--on", " 2024-01-01 ", "--isolated")
    assert code == 0, err
    out = tmp_path / "r.json"
    argv = ["check", str(EXAMPLE), "--as-of", " 2024-01-01 ", "--isolated", "-o", str(out)]
    code, _, err = cchc(capsys, *argv, "--format", "json")
    assert code in (0, 1), err
    assert json.loads(out.read_text(encoding="utf-8"))["as_of"] == "2024-01-01"


def test_discovery_reads_a_pyproject_within_the_configuration_limit(tmp_path: Path) -> None:
    from cchc_rules.configfile import discover

    project = tmp_path / "pyproject.toml"
    project.write_text('[tool.cchc]\nlang = "en"\n', encoding="utf-8")
    assert discover(tmp_path) == project
    with project.open("a", encoding="utf-8") as fh:
        fh.write("#" * (2**20) + "\n")  # now over 1 MB: not read, so not a configuration
    assert discover(tmp_path) is None


# -- 7. every command that reads data honours the configuration's limits --------------------------
@pytest.mark.parametrize("command", ["check", "validate", "convert"])
def test_data_over_max_input_mb_is_refused_by_every_command_that_reads_data(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    config = small_limit(tmp_path)
    out = tmp_path / "out.json"
    extra = ["-o", str(out)] if command == "convert" else []
    for lang, said in (
        ("en", "at most 0.00195312 MB: max_input_mb"),
        ("vi", "tối đa 0.00195312 MB"),
    ):
        argv = [command, str(EXAMPLE), *extra, "--config", str(config), "--lang", lang]
        code, stdout, err = cchc(capsys, *argv)
        assert code == 2 and "Traceback" not in err
        assert str(EXAMPLE) in stdout + err and said in stdout + err
        assert not out.exists()
    # without the configuration the same file is read
    code, _, err = cchc(capsys, command, str(EXAMPLE), *extra, "--isolated")
    assert code in (0, 1), err
    assert out.exists() or command != "convert"


@pytest.mark.parametrize("command", ["validate", "convert"])
def test_validate_and_convert_take_max_depth_and_the_language_from_the_found_configuration(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    command: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "cchc.toml").write_text('max_depth = 4\nlang = "en"\n', encoding="utf-8")
    extra = ["-o", str(tmp_path / "out.json")] if command == "convert" else []
    code, stdout, err = cchc(capsys, command, str(EXAMPLE), *extra)
    assert "tables and arrays nested too deeply (at most 4 levels: max_depth)" in stdout + err
    assert code == 2 and "Traceback" not in err  # the values dropped are errors
    assert not (tmp_path / "out.json").exists()
    code, stdout, err = cchc(capsys, command, str(EXAMPLE), *extra, "--isolated", "--lang", "vi")
    assert "max_depth" not in stdout + err, err
    assert code == 0


@pytest.mark.parametrize("command", ["validate", "convert"])
def test_validate_and_convert_refuse_an_invalid_configuration(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    config = tmp_path / "cchc.toml"
    config.write_text("max_input_mb = -1\n", encoding="utf-8")
    extra = ["-o", str(tmp_path / "out.json")] if command == "convert" else []
    argv = [command, str(EXAMPLE), *extra, "--config", str(config), "--lang", "en"]
    code, _, err = cchc(capsys, *argv)
    assert code == 2 and "max_input_mb" in err and "expected a positive number" in err
    code, _, err = cchc(capsys, *argv, "--isolated")
    assert code == 2 and "--isolated cannot be used with --config" in err
