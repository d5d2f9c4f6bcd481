"""Text from data and plugins is shown literally: no markup, no control characters reach the
terminal, and plugins' prints never corrupt machine output on stdout."""

from __future__ import annotations

import io
import json
import sys

import pytest

from cchc_rules.cli.main import main
from cchc_rules.renderers.terminal_safe import escape_controls

from _support import EXAMPLES

EVIL_NAME = "[/bold] [/] [u1] \x1b[2J\x1b]52;c;cHduZWQ=\x07 \u202egnp.exe"

PLUGIN = """
from cchc_rules import hookimpl, rule

@rule("EV001", family="evil", severity="info", title="[/] \\x1b]0;t\\x07 [bold]x",
      messages={"m": {"vi": "[/] m \\x1b[31m", "en": "[/] m \\x1b[31m"}})
def ev(unit, ctx):
    print("NOISE FROM A CHECK")
    yield ctx.finding(unit, "m")

@hookimpl
def cchc_register_rules(register):
    print("NOISE AT REGISTRATION")
    register(ev)
"""


@pytest.fixture
def evil_data(tmp_path):
    text = (EXAMPLES / "le-chan-2022-h1.toml").read_text(encoding="utf-8")
    text = text.replace('name = "UBND quận Lê Chân"', f"name = {json.dumps(EVIL_NAME)}", 1)
    path = tmp_path / "evil.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def evil_plugins(tmp_path):
    folder = tmp_path / "plugins"
    folder.mkdir()
    (folder / "evil.py").write_text(PLUGIN, encoding="utf-8")
    return folder


def test_escape_controls_writes_each_control_character_visibly():
    assert escape_controls("a\x1b[2Jb\x9b\u202e\tc\n") == "a\\x1b[2Jb\\x9b\\u202e\tc\n"
    assert escape_controls("Lê Chân") == "Lê Chân"


def test_markup_and_escapes_in_a_unit_name_are_shown_literally(evil_data, capsys):
    code = main(["check", str(evil_data), "--isolated"])
    out = capsys.readouterr().out
    assert code in (0, 1)
    assert "[/bold] [/] [u1]" in out
    assert "\x1b" not in out and "\u202e" not in out
    assert "\\x1b[2J" in out and "\\u202e" in out


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_on_a_terminal_too_escapes_in_a_unit_name_are_shown_literally(evil_data, monkeypatch):
    for name in ("NO_COLOR", "CI"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("COLUMNS", "120")
    screen = _Terminal()
    monkeypatch.setattr(sys, "stdout", screen)  # in the test: pytest resets it after fixtures
    assert main(["check", str(evil_data), "--isolated"]) in (0, 1)
    out = screen.getvalue()
    assert "\x1b[1;31m" in out or "\x1b[36m" in out  # coloured: a terminal
    assert "[/bold] [/] [u1]" in out
    assert "\x1b[2J" not in out and "\x1b]52" not in out and "\u202e" not in out
    assert "\\x1b[2J" in out and "\\u202e" in out


def test_plugin_titles_with_markup_list_and_explain(evil_plugins, capsys):
    for argv in (["rules"], ["plugins"], ["explain", "EV001"]):
        code = main([*argv, "--isolated", "--plugins-dir", str(evil_plugins)])
        out = capsys.readouterr().out
        assert code == 0, argv
        assert "\x1b" not in out
    assert "[/] \\x1b]0;t [bold]x" in out  # BEL is dropped by rich, ESC escaped


def test_plugin_prints_never_reach_json_on_stdout(evil_plugins, capsys):
    data = str(EXAMPLES / "le-chan-2022-h1.toml")
    main(["check", data, "--isolated", "--plugins-dir", str(evil_plugins), "--format", "json"])
    captured = capsys.readouterr()
    report = json.loads(captured.out)  # strict JSON, nothing before or after
    assert any(f["rule"] == "EV001" for f in report["findings"])
    assert "NOISE AT REGISTRATION" in captured.err and "NOISE FROM A CHECK" in captured.err


def test_argparse_errors_with_markup_do_not_crash(capsys):
    with pytest.raises(SystemExit) as info:
        main(["check", "x.toml", "--fail-on", "[/bold]"])
    assert info.value.code == 2
    assert "[/" in capsys.readouterr().err
