"""The plain table (renderers/plain_table.py) writes exactly what rich prints for a table on a
whole-line console, or declines; and it does not decline the report's own tables."""

from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import get_character_cell_size
from rich.table import Table
from rich.text import Text

from cchc_rules import load_dataset
from cchc_rules.renderers.console import WholeLineConsole
from cchc_rules.renderers.plain_table import NARROW_RANGES, plain_table
from cchc_rules.renderers.table import THEME, renderables

from _support import EXAMPLES, engine

#: Letters of the report's languages, punctuation it uses, and what rich may show otherwise:
#: markup, emoji codes, tabs, control, format and combining characters, wide letters.
_LETTERS = list("aAzZ09.,;%/()-ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹĐ—–−≤…")
_ALPHABET = st.sampled_from(
    [*_LETTERS, " ", "[", "]", ":", "\n", "\t", "\x1b", "\u202e", "\u0301", "中", "😀"]
)
_WORD = st.text(st.sampled_from(_LETTERS), min_size=1, max_size=8)
#: Plain text: words, single spaces, lines; the plain table must not decline it.
_PLAIN = st.lists(
    st.lists(_WORD, min_size=1, max_size=4).map(" ".join), min_size=1, max_size=3
).map("\n".join)
_CELL = st.text(_ALPHABET, min_size=0, max_size=30)


def _rich(table: Table) -> str:
    buf = io.StringIO()
    console = WholeLineConsole(file=buf, theme=THEME, color_system=None, force_terminal=False)
    console.print(table)
    return buf.getvalue()


def _table(title: str | None, rows: list[tuple[str, str, str]], boxed: bool, text: bool) -> Table:
    if boxed:
        table = Table(show_header=True, expand=True, title=Text(title) if title else None)
        for head in ("Mức độ", "Quy tắc", "Nội dung"):
            table.add_column(
                head, no_wrap=head != "Nội dung", ratio=1 if head == "Nội dung" else None
            )
    else:
        table = Table(show_header=False, box=None, expand=True, padding=(0, 1))
        for _ in range(3):
            table.add_column(no_wrap=True)
    for a, b, c in rows:
        table.add_row(Text(a) if text else a, b, Text(c) if text else c)
    return table


@settings(max_examples=300, deadline=None)
@given(
    title=st.one_of(st.none(), _CELL),
    rows=st.lists(st.tuples(_CELL, _CELL, _CELL), min_size=1, max_size=4),
    boxed=st.booleans(),
    text=st.booleans(),
)
def test_plain_table_is_richs_text_or_declines(title, rows, boxed, text):
    table = _table(title, rows, boxed, text)
    made = plain_table(table)
    if made is not None:
        assert made == _rich(table)


@settings(max_examples=150, deadline=None)
@given(
    title=_WORD,
    rows=st.lists(st.tuples(_WORD, _WORD, _PLAIN), min_size=1, max_size=4),
    boxed=st.booleans(),
)
def test_plain_text_is_made_plainly(title, rows, boxed):
    table = _table(title, rows, boxed, text=True)
    made = plain_table(table)
    assert made is not None
    assert made == _rich(table)


def test_plain_text_is_never_declined():
    table = _table(
        "UBND phường Lê Chân [lc]",
        [("lỗi", "DL001", "Thủ tục 1: 5 ngày — vượt 2 ngày\ncăn cứ: Nghị định 118/2025/NĐ-CP")],
        True,
        True,
    )
    assert plain_table(table) == _rich(table)


def test_the_reports_tables_are_made_plainly_and_the_same():
    report = engine().run(load_dataset(EXAMPLES / "hai-an-demo-2025-h2.toml"))
    tables = [item for item in renderables(report, "vi") if isinstance(item, Table)]
    assert len(tables) > 3
    for table in tables:
        made = plain_table(table)
        assert made is not None
        assert made == _rich(table)


def test_the_narrow_characters_are_one_cell_wide_for_rich():
    wide = [
        hex(c)
        for a, b in NARROW_RANGES
        for c in range(a, b + 1)
        if get_character_cell_size(chr(c)) != 1
    ]
    assert not wide
