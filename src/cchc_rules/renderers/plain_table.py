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
from functools import lru_cache
from typing import Any

from rich import box
from rich.cells import cell_len
from rich.table import Table
from rich.text import Text

__all__ = ["NARROW_RANGES", "plain_grid", "plain_table"]

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


def _lines(cell: Any, *, markup: bool) -> list[str] | None:
    """A cell's lines, or None when rich could show it otherwise than as written."""
    if isinstance(cell, Text):
        if cell.end != "\n" or cell.justify not in (None, "left", "default"):
            return None
        text = cell.plain
    elif isinstance(cell, str):
        if markup and ("[" in cell or cell.count(":") > 1):  # markup or an emoji code
            return None
        text = cell
    else:
        return None
    if len(text) <= 64:  # labels and ids recur in every table
        lines = _short_lines(text)
        return None if lines is None else list(lines)
    return _text_lines(text)


@lru_cache(maxsize=4096)
def _short_lines(text: str) -> tuple[str, ...] | None:
    lines = _text_lines(text)
    return None if lines is None else tuple(lines)


def _text_lines(text: str) -> list[str] | None:
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


#: A cell: a ``str`` (read as markup by rich when the flag says so) or a rich ``Text``.
Cell = tuple[Any, bool]


def plain_grid(
    title: Cell | None, head: list[Cell] | None, rows: list[list[Cell]], *, boxed: bool
) -> str | None:
    """What a whole-line console prints for an expanding table with these cells, drawn with
    rich's default box (``boxed``) or none, padded by one space left and right; or ``None``."""
    if not rows or (head is not None and not boxed):
        return None
    header: list[list[str]] = []
    for cell, markup in head or ():
        lines = _lines(cell, markup=markup) if cell != "" else [""]
        if lines is None or len(lines) != 1:
            return None
        header.append(lines)
    body: list[list[list[str]]] = []
    for row in rows:
        made = []
        for cell, markup in row:
            lines = _lines(cell, markup=markup)
            if lines is None:
                return None
            made.append(lines)
        body.append(made)
    n = len(body[0])
    widths = [
        max(len(line) for r in (*([header] if header else []), *body) for line in r[j])
        for j in range(n)
    ]
    out: list[str] = []
    total = sum(widths) + 2 * n + (n + 1 if boxed else 0)
    if title is not None:
        top = _lines(title[0], markup=title[1])
        if top is None or len(top) != 1 or len(top[0]) > total:
            return None
        out.append(top[0])
    bars = ["".ljust(w + 2) for w in widths]
    if boxed:
        out.append("┏" + "┳".join("━" * (w + 2) for w in widths) + "┓")
        if header:
            cells = (f" {h[0].ljust(w)} " for h, w in zip(header, widths, strict=True))
            out.append("┃" + "┃".join(cells) + "┃")
            out.append("┡" + "╇".join("━" * (w + 2) for w in widths) + "┩")
    for made in body:
        height = max(len(cell) for cell in made)
        for k in range(height):
            line = [
                f" {cell[k].ljust(w)} " if k < len(cell) else bar
                for cell, w, bar in zip(made, widths, bars, strict=True)
            ]
            out.append(f"│{'│'.join(line)}│" if boxed else "".join(line))
    if boxed:
        out.append("└" + "┴".join("─" * (w + 2) for w in widths) + "┘")
    return "\n".join(out) + "\n"
