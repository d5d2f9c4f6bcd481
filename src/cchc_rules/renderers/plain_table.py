"""Tables for pipes and files without rich's layout engine: the same text, made directly.

Laying out a rich table costs milliseconds; a province-wide report prints one per unit. When a
table is printed whole (not wrapped: :class:`~cchc_rules.renderers.console.WholeLineConsole`)
and holds only plain, single-width, printable text, its lines are simply the cells padded to
each column's widest line between the box's rules, which is what :func:`plain_table` writes.
Anything else (markup, tabs, control or wide characters, edge spaces, table options the report
does not use) returns ``None`` and the table goes to rich as before, so the text is the same
either way (tests/test_plain_table.py compares the two).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from rich import box
from rich.cells import cell_len
from rich.table import Table
from rich.text import Text

__all__ = [
    "BAR",
    "NARROW_RANGES",
    "ONE_LINE",
    "box_rules",
    "plain_grid",
    "plain_table",
    "reads_as_markup",
]

#: Characters one cell wide for rich (tests/test_plain_table.py checks each): ASCII, Latin
#: (Vietnamese letters included), punctuation, arrows, mathematical signs and box drawing.
NARROW_RANGES = (
    (0x20, 0x7E),
    (0xA0, 0x2FF),
    (0x1E00, 0x1EFF),
    (0x2010, 0x2027),
    (0x2030, 0x205E),
    (0x2190, 0x2319),
    (0x2500, 0x25FC),
)
_NARROW = re.compile("[" + "".join(f"{chr(a)}-{chr(b)}" for a, b in NARROW_RANGES) + "]*")


def _printable_runs() -> str:
    """The printable characters of :data:`NARROW_RANGES`, as a regular expression's class."""
    runs: list[tuple[int, int]] = []
    for a, b in NARROW_RANGES:
        for c in range(a, b + 1):
            if not chr(c).isprintable():
                continue
            if runs and runs[-1][1] == c - 1:
                runs[-1] = (runs[-1][0], c)
            else:
                runs.append((c, c))
    return "".join(re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "") for a, b in runs)


#: Text all of whose characters are printable and one cell wide, in lines: when a cell matches
#: and none of its lines is empty or starts or ends with a space, its lines are as written
#: (the quick test for what :func:`_text_lines` checks line by line).
_PLAIN_TEXT = re.compile("[\n" + _printable_runs() + "]*")

#: One line (not empty) of printable characters, each one cell wide: what rich shows as written.
ONE_LINE = re.compile("[" + _printable_runs() + "]+")


#: The line left and right of a boxed table's cells and between them (rich's default box).
BAR = "│"


def reads_as_markup(text: str) -> bool:
    """Whether rich reads a ``str`` other than as written: a markup tag or an emoji code."""
    return "[" in text or text.count(":") > 1


#: A cell: a ``str`` (read as markup by rich when the flag says so) or a rich ``Text``.
Cell = tuple[Any, bool]
#: A cell's lines.
Lines = tuple[str, ...] | list[str]


def _lines(cell: Any, *, markup: bool) -> Lines | None:
    """A cell's lines, or None when rich could show it otherwise than as written."""
    if isinstance(cell, Text):
        if cell.end != "\n" or cell.justify not in (None, "left", "default"):
            return None
        return _text_lines(cell.plain)
    if isinstance(cell, str):
        return _str_lines(cell, markup)
    return None


def _measured(cell: Cell) -> tuple[Lines, int] | None:
    """A cell's lines and the width of the widest, or None (see :func:`_lines`)."""
    value, markup = cell
    lines = _lines(value, markup=markup)
    if lines is None:
        return None
    found = (lines, len(lines[0]) if len(lines) == 1 else max(map(len, lines)))
    if type(value) is str and len(value) <= 128:  # labels, ids, skip reasons recur: read once
        if len(_SHORT) >= 4096:
            _SHORT.clear()
        _SHORT[value, bool(markup)] = found
    return found


#: Short ``str`` cells (labels, rule ids, units) read: their lines and width, by text and
#: markup flag.
_SHORT: dict[tuple[str, bool], tuple[Lines, int]] = {}


def _str_lines(cell: str, markup: bool) -> Lines | None:
    if markup and reads_as_markup(cell):
        return None
    return _text_lines(cell)


def _text_lines(text: str) -> Lines | None:
    if (
        _PLAIN_TEXT.fullmatch(text) is not None
        and text
        and text[0] not in " \n"
        and text[-1] not in " \n"
        and "\n\n" not in text
        and " \n" not in text
        and "\n " not in text
    ):
        return text.split("\n") if "\n" in text else (text,)
    lines = text.split("\n")
    for line in lines:
        # printable (no control, format or separator characters), each character one cell
        # wide (NFC Vietnamese is; a combining mark or a wide letter is not)
        if (
            not line
            or line != line.strip()
            or not line.isprintable()
            or (_NARROW.fullmatch(line) is None and cell_len(line) != len(line))
        ):
            return None
    return lines


def _simple(table: Table) -> bool:
    return (
        table.box in (box.HEAVY_HEAD, None)
        and not (table.show_footer or table.show_lines or table.caption or table.row_styles)
        and table.width is None
        and table.min_width is None
        and table.show_edge
        and table.pad_edge
        and not table.leading
        and not table.collapse_padding
        and table.padding == (0, 1, 0, 1)
        and all(
            c.justify == "left"
            and c.vertical == "top"
            and c.width is None
            and c.min_width is None
            and c.max_width is None
            and c.overflow == "ellipsis"
            for c in table.columns
        )
        and all(not r.end_section and r.style is None for r in table.rows)
    )


def plain_table(table: Table, *, markup: bool = True) -> str | None:
    """The text a whole-line console prints for ``table`` (title, rules, rows), or ``None``
    when only rich can say (see the module's docstring)."""
    if not table.columns or not table.rows or not _simple(table):
        return None
    cols = table.columns
    return plain_grid(
        None if table.title is None else (table.title, markup),
        [(c.header, markup) for c in cols] if table.show_header else None,
        [[(c._cells[i], markup) for c in cols] for i in range(len(table.rows))],
        boxed=table.box is not None,
    )


def plain_grid(
    title: Cell | None, head: list[Cell] | None, rows: list[list[Cell]], *, boxed: bool
) -> str | None:
    """What a whole-line console prints for an expanding table with these cells, drawn with
    rich's default box (``boxed``) or none, padded by one space left and right; or ``None``."""
    if not rows or (head is not None and not boxed):
        return None
    header: list[str] = []
    for cell, markup in head or ():
        lines = _lines(cell, markup=markup) if cell != "" else ("",)
        if lines is None or len(lines) != 1:
            return None
        header.append(lines[0])
    n = len(rows[0])
    widths = [0] * n
    for j, text in enumerate(header):
        widths[j] = len(text)
    body: list[list[Lines]] = []
    short = _SHORT.get
    for row in rows:
        made = []
        for j, cell in enumerate(row):
            found = short(cell) if type(cell[0]) is str else None
            if found is None:
                found = _measured(cell)
                if found is None:
                    return None
            lines, width = found
            if width > widths[j]:
                widths[j] = width
            made.append(lines)
        body.append(made)
    out: list[str] = []
    total = sum(widths) + 2 * n + (n + 1 if boxed else 0)
    if title is not None:
        top = _lines(title[0], markup=title[1])
        if top is None or len(top) != 1 or len(top[0]) > total:
            return None
        out.append(top[0])
    edge = BAR if boxed else ""
    bottom = ""
    if boxed:
        names = [h.ljust(w) for h, w in zip(header, widths, strict=True)] if header else None
        above, bottom = box_rules(widths, names)
        out.append(above)
    bars = [" " * (w + 2) for w in widths]
    for made in body:
        height = max(map(len, made))
        if height == 1:
            line = edge.join([f" {c[0].ljust(w)} " for c, w in zip(made, widths, strict=True)])
            out.append(edge + line + edge)
            continue
        columns = [
            [f" {text.ljust(w)} " for text in cell] + [bar] * (height - len(cell))
            for cell, w, bar in zip(made, widths, bars, strict=True)
        ]
        out.extend(edge + edge.join(parts) + edge for parts in zip(*columns, strict=True))
    if boxed:
        out.append(bottom)
    return "\n".join(out) + "\n"


def box_rules(
    widths: Sequence[int], header: Sequence[str] | None = None, pad: str = " "
) -> tuple[str, str]:
    """The lines of rich's default box (``HEAVY_HEAD``) around columns ``widths`` wide plus a
    space left and right: the lines above the rows, joined by newlines (the top rule; with a
    ``header``, its cells as wide as their columns, also the header, each cell between two
    ``pad``, and the rule under it), and the rule below them. Plain and terminal tables both
    draw their box with it."""
    top = "┏" + "┳".join("━" * (w + 2) for w in widths) + "┓"
    bottom = "└" + "┴".join("─" * (w + 2) for w in widths) + "┘"
    if header is None:
        return top, bottom
    names = "┃" + "┃".join(f"{pad}{name}{pad}" for name in header) + "┃"
    under = "┡" + "╇".join("━" * (w + 2) for w in widths) + "┩"
    return f"{top}\n{names}\n{under}", bottom
