"""The table on a terminal (renderers/terminal_table.py): the text and escape codes rich prints for
the report's tables, made without rich's layout, or declined; fitted to the terminal's width, in
colour, with data shown literally; a document's extraction named once."""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.table import Table
from rich.text import Text

from cchc_rules import load_dataset
from cchc_rules.cli.main import main
from cchc_rules.renderers.table import THEME, renderables, write_terminal
from cchc_rules.renderers.terminal_safe import SafeConsole
from cchc_rules.renderers.terminal_table import Row, TerminalGrid

from _support import EXAMPLES, ROOT, engine

ANSI = re.compile(r"\x1b\[[0-9;]*m")
SYSTEMS = [None, "standard", "256", "truecolor"]
STYLES = [None, "cchc.basis", "cchc.muted", "cchc.state.new", "cchc.severity.error"]
HEAD = ("Mức độ", "Quy tắc", "Nội dung")

_LETTERS = list("aAzZ09.,;%/()-ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹĐ—–−≤…")
#: Words rich shows as written, and (rarely) what only rich can say: markup in a header, tabs,
#: control, format, combining and wide characters.
_WORD = st.text(st.sampled_from(_LETTERS), min_size=1, max_size=12) | st.sampled_from(
    ["x" * 30, "https://example.org/" + "a" * 40]  # longer than narrow cells: cut by rich
)
_ODD = st.sampled_from(["[b]", "\t", "\x1b[2J", "\u202e", "e\u0301", "中", "😀", ""])
_GAP = st.sampled_from([" ", " ", " ", "  "])


@st.composite
def _line(draw: st.DrawFn, odd: bool = True) -> str:
    words = draw(st.lists(_WORD | _ODD if odd else _WORD, min_size=1, max_size=25))
    text = words[0]
    for word in words[1:]:
        text += draw(_GAP) + word
    return draw(st.sampled_from(["", " "])) + text if odd else text


def _console(
    width: int, system: str | None, no_color: bool = False
) -> tuple[SafeConsole, io.StringIO]:
    buf = io.StringIO()
    console = SafeConsole(
        file=buf,
        width=width,
        theme=THEME,
        color_system=system,
        no_color=no_color,
        force_terminal=True,
        legacy_windows=False,
        highlight=False,
        soft_wrap=False,
    )
    return console, buf


def _rich(console: SafeConsole, buf: io.StringIO, table: Table) -> str:
    console.print(table)
    return buf.getvalue()


def _unit_table(title: str, head: tuple[str, ...], rows: list[Row]) -> Table:
    """A unit's table as renderers/table.py lays it out with rich."""
    table = Table(
        show_header=True,
        header_style="cchc.muted",
        expand=True,
        title=Text(title),
        title_justify="left",
        title_style="cchc.unit",
    )
    table.add_column(head[0], no_wrap=True)
    table.add_column(head[1], style="cchc.rule", no_wrap=True)
    table.add_column(head[2], ratio=1)
    for ((sev, sev_style), (rule, _)), lines in rows:
        table.add_row(Text(sev, style=sev_style), Text(rule), _message(lines))
    return table


def _message(lines: list[tuple[str, str | None]]) -> Text:
    """Lines in their styles, as one cell (each style spans its line only)."""
    msg = Text()
    for i, (text, style) in enumerate(lines):
        msg.append(f"\n{text}" if i else text, style=style)
    return msg


def _skipped_table(rows: list[Row]) -> Table:
    """The table of skipped checks as renderers/table.py lays it out with rich."""
    table = Table(show_header=False, box=None, expand=True, padding=(0, 1))
    table.add_column(no_wrap=True)
    table.add_column(style="cchc.rule", no_wrap=True)
    table.add_column(ratio=1)
    for ((unit, style), (rule, _)), lines in rows:
        table.add_row(Text(unit, style=style), Text(rule), _message(lines))
    return table


_SEVERITY = st.sampled_from(
    [("lỗi", "cchc.severity.error"), ("cảnh báo", "cchc.severity.warning"), ("info", None)]
)


@st.composite
def _rows(draw: st.DrawFn, odd: bool = True) -> list[Row]:
    rule = st.text(st.sampled_from(_LETTERS), min_size=1, max_size=9)
    if odd:
        rule |= _WORD | _ODD
    return draw(
        st.lists(
            st.tuples(
                st.tuples(_SEVERITY, st.tuples(rule, st.none())),
                st.lists(st.tuples(_line(odd), st.sampled_from(STYLES)), min_size=1, max_size=3),
            ),
            min_size=1,
            max_size=4,
        )
    )


@settings(max_examples=120, deadline=None)
@given(
    title=_line(),
    head=st.sampled_from([HEAD, ("Severity", "Rule", "Message"), ("[b]", "Rule", "Message")]),
    rows=_rows(),
    width=st.integers(10, 200),
    system=st.sampled_from(SYSTEMS),
    no_color=st.booleans(),
)
def test_a_units_table_is_richs_text_or_declined(title, head, rows, width, system, no_color):
    console, buf = _console(width, system, no_color)
    grid = TerminalGrid.for_console(console)
    assert grid is not None
    made = grid.table(title, head, rows, (None, "cchc.rule"), head_style="cchc.muted")
    if made is not None:
        assert made == _rich(console, buf, _unit_table(title, head, rows))


@settings(max_examples=60, deadline=None)
@given(rows=_rows(), width=st.integers(10, 200), system=st.sampled_from(SYSTEMS))
def test_the_skipped_table_is_richs_text_or_declined(rows, width, system):
    rows = [(fixed, lines[:1]) for fixed, lines in rows]
    console, buf = _console(width, system)
    grid = TerminalGrid.for_console(console)
    assert grid is not None
    made = grid.table(None, None, rows, (None, "cchc.rule"), boxed=False)
    if made is not None:
        assert made == _rich(console, buf, _skipped_table(rows))


@settings(max_examples=60, deadline=None)
@given(
    title=_line(odd=False).filter(lambda t: len(t) <= 80),
    rows=_rows(odd=False),
    system=st.sampled_from(SYSTEMS),
)
def test_plain_text_is_never_declined_on_a_wide_enough_terminal(title, rows, system):
    console, buf = _console(80, system)
    grid = TerminalGrid.for_console(console)
    assert grid is not None
    made = grid.table(title, HEAD, rows, (None, "cchc.rule"), head_style="cchc.muted")
    assert made is not None
    assert made == _rich(console, buf, _unit_table(title, HEAD, rows))


def _both(report, lang: str, width: int, system: str | None) -> tuple[str, str, int]:
    """The report printed by rich and by write_terminal, and how many rich tables the latter
    printed (tables it declined)."""
    console, buf = _console(width, system)
    for item in renderables(report, lang):
        console.print(item)
    fast, fast_buf = _console(width, system)
    printed = []
    real_print = fast.print
    fast.print = lambda *a, **k: (printed.extend(a), real_print(*a, **k))[1]  # type: ignore[method-assign]
    write_terminal(report, lang, fast)
    return buf.getvalue(), fast_buf.getvalue(), sum(isinstance(x, Table) for x in printed)


@pytest.mark.parametrize("source", ["hai-an-demo-2025-h2.toml", "le-chan-2022-h1.toml"])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_reports_tables_are_made_directly_and_the_same(source, lang):
    report = engine().run(load_dataset(EXAMPLES / source))
    for width in (50, 100, 160):
        for system in (None, "256"):
            rich_text, fast_text, declined = _both(report, lang, width, system)
            assert fast_text == rich_text, (width, system)
            assert declined == 0


def test_a_unit_named_with_control_characters_goes_to_rich_and_is_escaped(tmp_path):
    text = (EXAMPLES / "hai-an-demo-2025-h2.toml").read_text(encoding="utf-8")
    evil = r'name = "Phường \u001b[2J\u202eX [b]"'  # TOML escapes
    text = text.replace('name = "UBND phường An Bình (hư cấu)"', evil, 1)
    assert evil in text
    path = tmp_path / "evil.toml"
    path.write_text(text, encoding="utf-8")
    report = engine().run(load_dataset(path))
    rich_text, fast_text, declined = _both(report, "vi", 120, "256")
    assert fast_text == rich_text
    assert declined == 1  # only that unit's table
    assert "\x1b[2J" not in fast_text and "\u202e" not in fast_text
    assert "Phường \\x1b[2J\\u202eX [b]" in fast_text


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _screen(monkeypatch: pytest.MonkeyPatch, *, stderr: bool = True) -> _Terminal:
    """stdout (and stderr) on a 100-column colour terminal; set in the test itself (pytest
    sets sys.stdout again between a fixture and its test)."""
    for name in ("NO_COLOR", "FORCE_COLOR", "CI", "TTY_COMPATIBLE", "TTY_INTERACTIVE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("COLUMNS", "100")
    out = _Terminal()
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", _Terminal() if stderr else io.StringIO())
    return out


def test_cchc_check_on_a_terminal_fits_its_width_in_colour(monkeypatch):
    screen = _screen(monkeypatch)
    assert main(["check", str(EXAMPLES / "hai-an-demo-2025-h2.toml"), "--isolated"]) == 1
    out = screen.getvalue()
    lines = ANSI.sub("", out).splitlines()
    assert max(len(line) for line in lines) == 100  # a table fills the terminal
    assert "\x1b[1;31mlỗi" in out  # an error in bold red
    assert "\x1b[35m" in out and "\x1b[2m" in out  # rule ids, bases and headers
    assert "UBND phường An Bình (hư cấu) [phuong-an-binh]" in ANSI.sub("", out)
    # a message longer than its column is wrapped at a space onto the next line
    (first,) = [i for i, line in enumerate(lines) if "DL001" in line and "Cấp giấy phép" in line]
    assert lines[first].endswith("│") and lines[first + 1].startswith("│           │")
    assert "Tổng hợp:" in lines[-2] or "Tổng hợp:" in lines[-1]


def test_no_color_keeps_bold_and_dim_but_no_colours(monkeypatch):
    screen = _screen(monkeypatch)
    monkeypatch.setenv("NO_COLOR", "1")
    main(["check", str(EXAMPLES / "hai-an-demo-2025-h2.toml"), "--isolated"])
    out = screen.getvalue()
    assert "\x1b[1mlỗi" in out and "\x1b[2m" in out
    assert not re.search(r"\x1b\[[0-9;]*3[0-7]m", out)


DOC = ROOT / "tests" / "extract" / "le-chan-2022-h1.docx"
SAID = "trích tự động từ le-chan-2022-h1.docx"


def test_a_documents_extraction_is_said_once_on_a_terminal(monkeypatch):
    screen = _screen(monkeypatch)
    main(["check", str(DOC), "--isolated"])
    err = sys.stderr.getvalue()
    both = (screen.getvalue() + err).lower()
    assert both.count(SAID) == 1
    assert SAID in err.lower()


def test_the_table_says_it_when_stderr_is_not_on_the_screen(monkeypatch):
    screen = _screen(monkeypatch, stderr=False)
    main(["check", str(DOC), "--isolated"])
    out = ANSI.sub("", screen.getvalue())
    assert out.lower().count(SAID) == 1 and "cchc extract" in out


def test_the_terminal_grid_is_not_used_where_rich_must_write(tmp_path: Path):
    console, _ = _console(80, "256")
    assert TerminalGrid.for_console(console) is not None
    recording = SafeConsole(file=io.StringIO(), record=True, highlight=False, soft_wrap=False)
    assert TerminalGrid.for_console(recording) is None
    legacy = SafeConsole(file=io.StringIO(), legacy_windows=True, highlight=False)
    assert TerminalGrid.for_console(legacy) is None
    highlighting = SafeConsole(file=io.StringIO(), soft_wrap=False)
    assert TerminalGrid.for_console(highlighting) is None
