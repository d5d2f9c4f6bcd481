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
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from ..errors import DataIssue
from ..model import Source
from .files import MAX_INPUT_BYTES, read_limited, too_large
from .tabular_values import CellError

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = ["Grid", "read_csv_folder", "read_xlsx"]

_QUOTE_NEEDED = re.compile(r"[^A-Za-z0-9_]")
#: How a formula (or a DDE command) starts in a spreadsheet cell: a CSV text starting so is
#: written with a leading ``'`` (:mod:`.tabular_write`) and read back without it.
FORMULA_STARTS = ("=", "+", "-", "@")


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


def read_xlsx(
    path: Path, name: str, max_bytes: int | None = None
) -> tuple[list[Grid], list[Source], list[DataIssue]]:
    """The sheets of an ``.xlsx`` workbook, with the cached values of formulas.

    A workbook larger than ``max_bytes`` (default: the loader's limit), or whose contents
    unpacked would be more than ten times that, is refused before it is parsed.
    """
    limit = MAX_INPUT_BYTES if max_bytes is None else max_bytes
    data = read_limited(path, name, limit)
    if isinstance(data, DataIssue):
        return [], [], [data]
    unpacked = _unpacked_size(data)
    if unpacked > 10 * limit:  # a small file that would unpack into gigabytes
        return [], [], [too_large(name, unpacked, 10 * limit)]
    source = Source(name, hashlib.sha256(data).hexdigest())
    try:
        import openpyxl

        values = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
        grids = []
        empty: dict[str, set[tuple[int, int]]] = {}  # cells the file holds with no value
        for ws in values.worksheets:
            grid, empty[ws.title] = _grid(ws)
            grids.append(grid)
        if any(empty.values()):  # formulas never calculated have no value: find them
            _formulas_without_value(data, grids, empty)
    except Exception as exc:  # a damaged or foreign file: openpyxl raises many kinds
        detail = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        issue = DataIssue(name, "", "data.file_unreadable", {"detail": detail})
        return [], [source], [issue]
    return grids, [source], []


def _grid(ws: Worksheet) -> tuple[Grid, set[tuple[int, int]]]:
    """One worksheet as a grid, and the positions of the cells it holds without a value.

    Only the cells the file holds are visited (``iter_rows`` would create every empty one).
    """
    grid = Grid(ws.title, [], hidden=ws.sheet_state != "visible")
    empty: set[tuple[int, int]] = set()
    for (r, c), cell in sorted(ws._cells.items()):
        value = cell.value
        if value is None or value == "":
            empty.add((r, c))
            continue
        if cell.data_type == "e":
            grid.problems[(r, c)] = CellError("data.cell_error", got=str(value))
            continue
        if cell.number_format != "General":
            grid.formats[(r, c)] = cell.number_format
        if isinstance(value, _dt.time) and not isinstance(value, _dt.datetime):
            value = value.isoformat()
        while len(grid.rows) < r:
            grid.rows.append([])
        row = grid.rows[r - 1]
        row.extend([None] * (c - len(row)))
        row[c - 1] = value
    grid.merges = [(m.min_row, m.min_col, m.max_row, m.max_col) for m in ws.merged_cells.ranges]
    return grid, empty


def _formulas_without_value(
    data: bytes, grids: list[Grid], empty: dict[str, set[tuple[int, int]]]
) -> None:
    """Mark each empty cell that holds a formula (read from the formulas, streamed)."""
    import openpyxl

    formulas = openpyxl.load_workbook(io.BytesIO(data), data_only=False, read_only=True)
    for grid in grids:
        cells = empty.get(grid.name)
        if not cells:
            continue
        top, bottom = min(r for r, _ in cells), max(r for r, _ in cells)
        for row in formulas[grid.name].iter_rows(min_row=top, max_row=bottom):
            for cell in row:
                at = (getattr(cell, "row", None), getattr(cell, "column", None))
                if at not in cells:
                    continue
                formula = cell.value
                if formula is not None and not isinstance(formula, (str, int, float)):
                    formula = getattr(formula, "text", None) or "="  # array formulas
                if isinstance(formula, str) and formula.startswith("="):
                    grid.problems[at] = CellError("data.formula_no_value", formula=formula)
    formulas.close()


def _csv_cell(text: str) -> str | None:
    """A CSV field: None when empty; ``'=…`` (text kept from becoming a formula) as ``=…``."""
    if not text.strip():
        return None
    if text.startswith("'") and text[1:2] in FORMULA_STARTS:
        return text[1:]
    return text


def _unpacked_size(data: bytes) -> int:
    """The total size of a zip archive's members unpacked (0 when it is not a zip)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return 0  # not a workbook: openpyxl says so


def read_csv_folder(
    path: Path, name: str, max_bytes: int | None = None
) -> tuple[list[Grid], list[Source], list[DataIssue]]:
    """Every ``*.csv`` file of a folder (UTF-8, with or without BOM; ``,`` ``;`` or tab); a file
    larger than ``max_bytes`` (default: the loader's limit) is refused."""
    grids: list[Grid] = []
    sources: list[Source] = []
    issues: list[DataIssue] = []
    try:
        files = sorted(p for p in path.iterdir() if p.suffix.lower() == ".csv" and p.is_file())
    except OSError as exc:
        return [], [], [DataIssue(name, "", "data.file_unreadable", {"detail": exc.strerror})]
    for file in files:
        data = read_limited(file, name, max_bytes, file.name)
        if isinstance(data, DataIssue):
            issues.append(data)
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
