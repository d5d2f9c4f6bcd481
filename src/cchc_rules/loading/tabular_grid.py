"""Reading an ``.xlsx`` workbook or a folder of ``.csv`` files into plain grids of cells.

A :class:`Grid` is one sheet (or CSV file) as a person sees it: values by row and column, the
number format of each cell, merged ranges, whether the sheet is hidden, and the cells whose value
cannot be used (a formula never calculated, an Excel error value). Nothing here knows the format.
"""

from __future__ import annotations

import csv
import datetime as _dt
import hashlib
import io
import re
from pathlib import Path
from typing import Any

import attrs

from ..errors import DataIssue
from ..model import Source
from .tabular_values import CellError

__all__ = ["Grid", "read_csv_folder", "read_xlsx"]

_QUOTE_NEEDED = re.compile(r"[^A-Za-z0-9_]")


def column_letter(col: int) -> str:
    """1 → A, 27 → AA."""
    out = ""
    while col:
        col, rem = divmod(col - 1, 26)
        out = chr(65 + rem) + out
    return out


@attrs.define
class Grid:
    """One sheet's cells (rows and columns count from 1)."""

    name: str
    rows: list[list[Any]]
    csv_file: bool = False
    hidden: bool = False
    formats: dict[tuple[int, int], str] = attrs.field(factory=dict)
    merges: list[tuple[int, int, int, int]] = attrs.field(factory=list)  # r1, c1, r2, c2
    problems: dict[tuple[int, int], CellError] = attrs.field(factory=dict)

    def value(self, row: int, col: int) -> Any:
        if row > len(self.rows):
            return None
        cells = self.rows[row - 1]
        return cells[col - 1] if col <= len(cells) else None

    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def is_empty(self, row: int) -> bool:
        return all(blank(v) for v in (self.rows[row - 1] if row <= len(self.rows) else ()))

    def number_format(self, row: int, col: int) -> str:
        return self.formats.get((row, col), "General")

    # -- locations -----------------------------------------------------------------------------

    def where(self) -> str:
        return self.name

    def cell(self, row: int, col: int) -> str:
        """``staffing!C7`` (workbook) or ``staffing.csv:7:C`` (CSV)."""
        if self.csv_file:
            return f"{self.name}:{row}:{column_letter(col)}"
        return f"{self._sheet()}!{column_letter(col)}{row}"

    def row(self, row: int) -> str:
        """``staffing!7:7`` (workbook) or ``staffing.csv:7`` (CSV)."""
        return f"{self.name}:{row}" if self.csv_file else f"{self._sheet()}!{row}:{row}"

    def area(self, r1: int, c1: int, r2: int, c2: int) -> str:
        if self.csv_file:
            return f"{self.name}:{r1}:{column_letter(c1)}-{r2}:{column_letter(c2)}"
        return f"{self._sheet()}!{column_letter(c1)}{r1}:{column_letter(c2)}{r2}"

    def _sheet(self) -> str:
        return f"'{self.name}'" if _QUOTE_NEEDED.search(self.name) else self.name


def blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def read_xlsx(path: Path, name: str) -> tuple[list[Grid], list[Source], list[DataIssue]]:
    """The sheets of an ``.xlsx`` workbook, with the cached values of formulas."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return [], [], [DataIssue(name, "", "data.file_not_found")]
    except OSError as exc:
        issue = DataIssue(name, "", "data.file_unreadable", {"detail": exc.strerror})
        return [], [], [issue]
    source = Source(name, hashlib.sha256(data).hexdigest())
    try:
        import openpyxl

        values = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
        formulas = openpyxl.load_workbook(io.BytesIO(data), data_only=False)
    except Exception as exc:  # a damaged or foreign file: openpyxl raises many kinds
        detail = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        issue = DataIssue(name, "", "data.file_unreadable", {"detail": detail})
        return [], [source], [issue]
    grids = []
    for ws in values.worksheets:
        fws = formulas[ws.title]
        grid = Grid(ws.title, [], hidden=ws.sheet_state != "visible")
        for r, row in enumerate(ws.iter_rows(min_row=1, min_col=1), start=1):
            cells: list[Any] = []
            for c, cell in enumerate(row, start=1):
                value = cell.value
                if cell.data_type == "e":
                    grid.problems[(r, c)] = CellError("data.cell_error", got=str(value))
                elif value is None:
                    formula = fws.cell(r, c).value
                    if formula is not None and not isinstance(formula, (str, int, float)):
                        formula = getattr(formula, "text", None) or "="  # array formulas
                    if isinstance(formula, str) and formula.startswith("="):
                        grid.problems[(r, c)] = CellError("data.formula_no_value", formula=formula)
                if value is not None and cell.number_format != "General":
                    grid.formats[(r, c)] = cell.number_format
                if isinstance(value, _dt.time) and not isinstance(value, _dt.datetime):
                    value = value.isoformat()
                cells.append(value)
            grid.rows.append(cells)
        grid.merges = [(m.min_row, m.min_col, m.max_row, m.max_col) for m in ws.merged_cells.ranges]
        grids.append(grid)
    return grids, [source], []


def _csv_cell(text: str) -> str | None:
    """A CSV field: None when empty; ``'=…`` (text kept from becoming a formula) as ``=…``."""
    if not text.strip():
        return None
    if text.startswith("'") and text[1:2] in ("=", "+", "-", "@"):
        return text[1:]
    return text


def read_csv_folder(path: Path, name: str) -> tuple[list[Grid], list[Source], list[DataIssue]]:
    """Every ``*.csv`` file of a folder (UTF-8, with or without BOM; ``,`` ``;`` or tab)."""
    grids: list[Grid] = []
    sources: list[Source] = []
    issues: list[DataIssue] = []
    try:
        files = sorted(p for p in path.iterdir() if p.suffix.lower() == ".csv" and p.is_file())
    except OSError as exc:
        return [], [], [DataIssue(name, "", "data.file_unreadable", {"detail": exc.strerror})]
    for file in files:
        try:
            data = file.read_bytes()
        except OSError as exc:
            issues.append(
                DataIssue(name, file.name, "data.file_unreadable", {"detail": exc.strerror})
            )
            continue
        sources.append(Source(str(file), hashlib.sha256(data).hexdigest()))
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            issues.append(DataIssue(name, f"{file.name}: byte {exc.start}", "data.not_utf8"))
            continue
        first = text.split("\n", 1)[0]
        delimiter = max((",", ";", "\t"), key=first.count) if first.strip() else ","
        try:
            rows = [
                [_csv_cell(cell) for cell in row]
                for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
            ]
        except csv.Error as exc:
            issues.append(DataIssue(name, file.name, "data.syntax", {"detail": str(exc)}))
            continue
        grids.append(Grid(file.name, rows, csv_file=True))
    return grids, sources, issues
