"""Tables on a terminal without rich's layout engine: the text and escape codes rich writes.

Laying out a rich table costs milliseconds; a province-wide report prints one a unit, and its
table of skipped checks can hold tens of thousands of rows. The report's tables are simple: a few
columns that never wrap (severity and rule, or unit and rule), then one that takes the rest of the
terminal's width and wraps at spaces, with rich's default box (and a header) or no box. For such
a table rich's layout is arithmetic: the fixed columns are as wide as their widest cell, the last
one takes what is left, its lines are wrapped where rich wraps them (``rich._wrap.divide_line``)
and each piece of text is written with the escape codes rich writes for its style, computed once
a style. :meth:`TerminalGrid.table` makes that text, or returns ``None`` when only rich can say
(markup in a header; tab, control, wide or combining characters; an empty line; a title or header
wider than its place; a terminal too narrow for the fixed columns): the caller then prints the
rich table, so the output is the same either way (tests/test_terminal_table.py compares them).
Control characters never pass (the text is printable), so the escaping of
:class:`~cchc_rules.renderers.terminal_safe.SafeConsole` has nothing to do here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from rich.console import COLOR_SYSTEMS, Console
from rich.style import Style

from .plain_table import BAR, ONE_LINE, box_rules, reads_as_markup

__all__ = ["Piece", "Row", "TerminalGrid"]

#: Text and the name of its style (``None``: unstyled).
Piece = tuple[str, str | None]
#: A row: its cells in the columns that never wrap, then the wrapped column's lines.
Row = tuple[Sequence[Piece], Sequence[Piece]]

_TRAILING_SPACE = re.compile(r"\s+$")
_WORD = re.compile(r"\s*\S+\s*")


def _simple(text: str) -> bool:
    """One line of printable characters, each one cell wide: what rich shows as written."""
    return ONE_LINE.fullmatch(text) is not None


@lru_cache(maxsize=4096)  # long bases and notes recur in every unit
def _wrapped(text: str, width: int) -> tuple[str, ...] | None:
    """A simple line as rich wraps it in a cell ``width`` cells wide (words longer than the
    cell cut with an ellipsis, as a column's default overflow does); None if not simple."""
    if not _simple(text):
        return None
    if len(text) <= width:
        return (text,)
    offsets = _divide(text, width)
    pieces = []
    for start, end in zip([0, *offsets], [*offsets, len(text)], strict=True):
        piece = text[start:end]
        if len(piece) > width:  # rich's Text.rstrip_end, then truncate with an ellipsis
            space = _TRAILING_SPACE.search(piece)
            if space is not None:
                piece = piece[: len(piece) - min(len(space.group()), len(piece) - width)]
            if len(piece) > width:
                piece = piece[: width - 1] + "…"
        pieces.append(piece)
    return tuple(pieces)


def _divide(text: str, width: int) -> list[int]:
    """Where rich's ``divide_line(text, width, fold=False)`` breaks a line, for text whose
    characters are each one cell wide (a word: spaces, then non-spaces, then spaces)."""
    breaks: list[int] = []
    offset = 0
    for word in _WORD.finditer(text):
        start, end = word.span()
        length = len(word.group().rstrip())
        if width - offset >= length:  # fits on this line
            offset += end - start
        elif length > width:  # fits on no line: alone on its own, cut later
            if start:
                breaks.append(start)
            offset = end - start
        elif offset and start:  # fits on the next line
            breaks.append(start)
            offset = end - start
    return breaks


class _Painter:
    """Text in the console's theme styles, with the escape codes its console writes for them
    (none without a colour system; bold and dim but no colours under ``NO_COLOR``)."""

    def __init__(self, console: Console) -> None:
        self._console = console
        self._system = COLOR_SYSTEMS.get(console.color_system or "")
        self._codes: dict[tuple[str | None, str | None], tuple[str, str]] = {}

    def codes(self, cell: str | None, text: str | None) -> tuple[str, str]:
        """The codes before and after text in style ``text`` within a cell in style ``cell``."""
        key = (cell, text)
        made = self._codes.get(key)
        if made is None:
            style = Style.null()
            for name in key:
                if name:
                    style += self._console.get_style(name)
            if self._console.no_color and self._system is not None:
                style = style.without_color
            rendered = style.render(
                "\x00", color_system=self._system, legacy_windows=self._console.legacy_windows
            )
            before, _, after = rendered.partition("\x00")
            made = self._codes[key] = (before, after)
        return made

    def __call__(self, text: str, cell: str | None, style: str | None = None) -> str:
        if not text:
            return text
        before, after = self.codes(cell, style)
        return f"{before}{text}{after}"


class TerminalGrid:
    """Makes the text rich prints for a simple expanding table on ``console``."""

    def __init__(self, console: Console) -> None:
        self.width = console.width
        self._paint = _Painter(console)
        self._cells: dict[tuple[str, int, str | None, str | None], str] = {}
        self._frames: dict[tuple[Any, ...], tuple[str, str, str, int] | None] = {}

    @classmethod
    def for_console(cls, console: Console) -> TerminalGrid | None:
        """A grid for ``console``, or None when text cannot be written to its file directly:
        a legacy Windows console, a notebook, a recording, no UTF-8, soft wrapping or a
        highlighter (which would colour a header's words)."""
        if (
            console.legacy_windows
            or console.is_jupyter
            or console.record
            or console.soft_wrap
            or not console.encoding.startswith("utf")
            or getattr(console, "_highlight", True)
        ):
            return None
        return cls(console)

    def table(
        self,
        title: str | None,
        head: Sequence[str] | None,
        rows: Sequence[Row],
        styles: Sequence[str | None],
        *,
        head_style: str | None = None,
        boxed: bool = True,
    ) -> str | None:
        """The lines of a rich ``Table(expand=True)`` holding these cells: columns that never
        wrap, cells in ``styles``, then one with ``ratio=1``; padded by a space left and right,
        rich's default box with the header in ``head_style`` when ``boxed``, else no box and no
        header (``box=None``); a left-justified title above. None when only rich can say."""
        n = len(styles)
        if not rows or (head is not None and (not boxed or len(head) != n + 1)):
            return None
        widths = [0] * n if head is None else [len(h) for h in head[:n]]
        for fixed, _ in rows:
            if len(fixed) != n:
                return None
            for j, (text, _) in enumerate(fixed):
                if len(text) > widths[j]:
                    widths[j] = len(text)
        frame = self._frame(tuple(widths), head, tuple(styles), head_style, boxed)
        if frame is None:
            return None
        top, blank, bottom, wrap = frame
        out = []
        if title is not None:
            if not _simple(title) or len(title) > self.width:
                return None
            out.append(title.ljust(self.width))
        if top:
            out.append(top)
        bar = BAR if boxed else ""
        cells = self._cells
        codes = self._paint.codes
        for fixed, lines in rows:
            lead = []
            for (text, style), w, s in zip(fixed, widths, styles, strict=True):
                cell = cells.get((text, w, s, style))
                if cell is None:
                    if not _simple(text):
                        return None
                    cell = self._cell(text, w, s, style)
                lead.append(cell)
            first = bar + bar.join(lead) + bar
            for text, style in lines:
                if len(text) <= wrap and _simple(text):  # most messages: one line as written
                    pieces: tuple[str, ...] = (text,)
                else:
                    wrapped = _wrapped(text, wrap)
                    if wrapped is None:
                        return None
                    pieces = wrapped
                before, after = codes(None, style) if style else ("", "")
                for p in pieces:
                    out.append(f"{first} {before}{p}{after}{' ' * (wrap - len(p))} {bar}")
                    first = blank
            if first is not blank:  # no lines
                return None
        return "\n".join(out) + "\n" + bottom

    def _frame(
        self,
        widths: tuple[int, ...],
        head: Sequence[str] | None,
        styles: tuple[str | None, ...],
        head_style: str | None,
        boxed: bool,
    ) -> tuple[str, str, str, int] | None:
        """What a table's fixed column widths decide: the lines above the rows (rule, header,
        rule), a blank line of the fixed columns, the lines below and the wrapped column's
        width; None when rich would lay the table out otherwise."""
        key = (widths, None if head is None else tuple(head), styles, head_style, boxed)
        if key in self._frames:
            return self._frames[key]
        made = None
        room = self.width - (len(widths) + 2 if boxed else 0) - sum(w + 2 for w in widths)
        wrap = room - 2
        if room >= 3 and (  # else rich would shrink the fixed columns
            head is None
            or (all(_simple(h) and not reads_as_markup(h) for h in head) and len(head[-1]) <= wrap)
        ):
            top = bottom = ""
            if boxed:  # a header only in a box (see table)
                cols = [*widths, wrap]
                paint = self._paint
                names = None
                if head is not None:
                    names = [paint(h.ljust(w), head_style) for h, w in zip(head, cols, strict=True)]
                top, bottom = box_rules(cols, names, paint(" ", head_style))
                bottom += "\n"
            bar = BAR if boxed else ""
            blank = (
                bar
                + bar.join(
                    self._paint(" " * (w + 2), s) for w, s in zip(widths, styles, strict=True)
                )
                + bar
            )
            made = (top, blank, bottom, wrap)
        self._frames[key] = made
        return made

    def _cell(self, text: str, width: int, cell: str | None, style: str | None) -> str:
        """A cell of a column that never wraps, padded to the column's width."""
        paint = self._paint
        made = f"{paint(' ', cell)}{paint(text.ljust(width), cell, style)}{paint(' ', cell)}"
        if len(self._cells) < 65536:  # labels and rule ids recur: each cell made once
            self._cells[text, width, cell, style] = made
        return made
