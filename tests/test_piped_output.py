"""Output that is not a terminal is never wrapped or cut: at 80 columns, long paths, plugin names,
titles and messages stay whole, one message per line (errors on stderr, tables on stdout). A
terminal keeps rich's layout fitted to its width."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from cchc_rules import Config, Engine, load_dataset
from cchc_rules.cli.main import main
from cchc_rules.renderers.table import render_table

from _support import run

LONG_NAME = "cchc-so-noi-vu-thanh-pho-hai-phong-rules"
TITLE = "Tỷ lệ hồ sơ trực tuyến toàn trình của các phường thuộc quận so với chỉ tiêu thành phố giao"
MESSAGE = (
    "phường có {n} nhiệm vụ trong kế hoạch cải cách hành chính năm nhưng không báo cáo nhiệm vụ "
    "nào đã hoàn thành, đề nghị Sở Nội vụ thành phố kiểm tra lại số liệu trước khi tổng hợp gửi "
    "Ủy ban nhân dân thành phố Hải Phòng"
)
PLUGIN = f'''
from cchc_rules import hookimpl, rule

__version__ = "1.2.3"

@rule("HPLONG001", family="hai_phong", severity="warning", section="plan",
      requires=("tasks_total",), title={{"vi": "{TITLE}", "en": "{TITLE}"}},
      messages={{"many": {{"vi": "{MESSAGE}", "en": "{MESSAGE}"}}}})
def check(unit, ctx):
    if unit.plan.tasks_total > 10:
        yield ctx.finding(unit, "many", n=unit.plan.tasks_total)

@hookimpl
def cchc_register_rules(register):
    register(check)
'''
DATA = """schema = "cchc/1"
[dataset]
title = "Báo cáo kết quả cải cách hành chính 6 tháng đầu năm 2023 của Ủy ban nhân dân quận Lê Chân"
period = { start = 2023-01-01, end = 2023-06-30 }
[[units]]
id = "phuong-an-bien-thuoc-quan-le-chan-thanh-pho-hai-phong"
name = "Ủy ban nhân dân phường An Biên thuộc quận Lê Chân thành phố Hải Phòng"
kind = "phuong"
[units.plan]
tasks_total = 29
tasks_donee = 3
"""
ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture
def deep(tmp_path: Path) -> Path:
    """A folder whose path is at least 150 characters long."""
    path = tmp_path
    while len(str(path)) < 150:
        path = path / "thu-muc-bao-cao-cai-cach-hanh-chinh"
    path.mkdir(parents=True)
    return path


@pytest.fixture
def plugins(deep: Path) -> Path:
    folder = deep / "plugins"
    folder.mkdir()
    (folder / f"{LONG_NAME}.py").write_text(PLUGIN, encoding="utf-8")
    return folder


@pytest.fixture
def data(deep: Path) -> Path:
    path = deep / "bao-cao-6-thang-dau-nam-2023.toml"
    path.write_text(DATA, encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def narrow(monkeypatch: pytest.MonkeyPatch) -> None:
    """An 80-column terminal setting, which piped output must ignore."""
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("LINES", "25")


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    """``cchc ARGS`` in its own process, stdout and stderr piped, at COLUMNS=80."""
    env = {**os.environ, "COLUMNS": "80", "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "cchc_rules", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
        check=False,
    )


def line_with(text: str, output: str) -> str:
    """The one line of ``output`` that holds ``text`` whole."""
    lines = [line for line in output.splitlines() if text in line]
    assert len(lines) == 1, f"{text!r} is not whole on one line of:\n{output}"
    return lines[0]


def test_an_error_with_a_long_path_is_one_whole_line(deep: Path) -> None:
    target = deep / "taken"
    target.mkdir()
    (target / "keep.txt").write_text("mine", encoding="utf-8")
    assert len(str(target)) > 150
    r = cli("new-rule", "demo", "--dir", str(target))
    assert r.returncode == 2
    assert r.stderr.splitlines() == [f"cchc: {target} already exists and is not empty"]


def test_errors_printed_in_process_are_whole_too(deep: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    target = deep / "taken"
    target.mkdir()
    (target / "keep.txt").write_text("mine", encoding="utf-8")
    assert main(["new-rule", "demo", "--dir", str(target)]) == 2
    line_with(f"cchc: {target} already exists and is not empty", capsys.readouterr().err)


def test_plugins_lists_long_names_and_locations_whole(plugins: Path) -> None:
    r = cli("plugins", "--plugins-dir", str(plugins), "--isolated")
    assert r.returncode == 0, r.stderr
    row = line_with(LONG_NAME, r.stdout)
    assert str(plugins / f"{LONG_NAME}.py") in row and "HPLONG001" in row and "1.2.3" in row
    assert "…" not in r.stdout


def test_rules_lists_long_plugin_names_and_titles_whole(plugins: Path) -> None:
    r = cli("rules", "--plugins-dir", str(plugins), "--isolated")
    assert r.returncode == 0, r.stderr
    row = line_with("HPLONG001", r.stdout)
    assert LONG_NAME in row and TITLE in row
    assert "…" not in r.stdout


def test_the_check_table_keeps_each_message_whole(plugins: Path, data: Path) -> None:
    r = cli(
        "check", str(data), "--plugins-dir", str(plugins), "--select", "HPLONG001,CS", "--isolated"
    )
    assert r.returncode == 0, r.stderr
    out = r.stdout
    line_with(MESSAGE.format(n=29), out)
    line_with("Ủy ban nhân dân phường An Biên thuộc quận Lê Chân thành phố Hải Phòng", out)
    line_with("Báo cáo kết quả cải cách hành chính 6 tháng đầu năm 2023 của Ủy ban nhân dân", out)
    # a data warning names the file by its long path, with the key and its suggestion
    warning = line_with(f"{data}", out)
    assert "tasks_donee" in warning and "tasks_done" in warning.replace("tasks_donee", "")
    # severity, rule and message of one finding are on one line, so grep finds them together
    assert "HPLONG001" in line_with(MESSAGE.format(n=29), out)
    assert "…" not in out


def test_the_table_renderer_is_whole_without_a_width_and_wraps_with_one(
    plugins: Path, data: Path
) -> None:
    engine = Engine.default(Config(select=("HPLONG001",)), plugin_dirs=[plugins], env={})
    report = engine.run(load_dataset(data))
    whole = render_table(report, "vi")
    assert "HPLONG001" in line_with(MESSAGE.format(n=29), whole)
    assert report.render("table", "vi") == whole  # what a pipe or --output file receives
    fitted = render_table(report, "vi", width=80)
    assert max(len(line) for line in fitted.splitlines()) <= 80
    assert MESSAGE.format(n=29) not in fitted  # wrapped over several lines, as on a terminal


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_keeps_the_layout_fitted_to_its_width(  # type: ignore[no-untyped-def]
    plugins: Path, monkeypatch
) -> None:
    screen = _Terminal()
    monkeypatch.setattr(sys, "stdout", screen)
    assert main(["rules", "--plugins-dir", str(plugins), "--isolated"]) == 0
    lines = ANSI.sub("", screen.getvalue()).splitlines()
    assert max(len(line) for line in lines) <= 80
    assert not any(TITLE in line for line in lines)


def test_a_units_heading_shows_its_id_as_written() -> None:
    """``[b]`` or ``[u]`` after a unit's name is its id, not a style for the text before it."""
    report = run({"id": "b", "name": "Phường B", "plan": {"tasks_total": 4, "tasks_done": 5}})
    assert report.findings
    assert "Phường B [b]" in render_table(report, "vi").splitlines()


@pytest.mark.parametrize("value", ["[/]", "[b]x", "[bold]"])
def test_a_usage_error_is_printed_as_written(value: str, capsys) -> None:  # type: ignore[no-untyped-def]
    """Brackets in what the user typed are text, not console markup (no traceback, no loss)."""
    with pytest.raises(SystemExit) as exit_:
        main(["rules", "--lang", value])
    assert exit_.value.code == 2
    line_with(f"lựa chọn không hợp lệ: '{value}'", capsys.readouterr().err)
