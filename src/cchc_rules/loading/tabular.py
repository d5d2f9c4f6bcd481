"""Tabular input: an ``.xlsx`` workbook or a folder of ``.csv`` files, one sheet per section.

The sheets are turned into the same tree a TOML file gives and converted by the same code
(:func:`~cchc_rules.loading.convert.convert_tree`), so every guarantee holds: every problem is
reported, only the smallest invalid part is dropped. What this module adds is where a problem is:
each key path of the tree is remembered with the cell it came from, and issues are relocated to
``staffing!C7`` (workbook) or ``staffing.csv:7:C`` (CSV folder).

A cell that cannot be read (an ambiguous number, a formula never calculated, a merged range that
belongs to no single row) is put into the tree as the loader's invalid-value placeholder, so the
converter drops exactly the entry that holds it; its own message replaces the placeholder's.
"""

from __future__ import annotations

import difflib
import os
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs

from ..errors import DataIssue
from ..model import Source
from .convert import FileDraft, convert_tree
from .files import INVALID, is_tabular
from .tabular_grid import Grid, blank, read_csv_folder, read_xlsx
from .tabular_layout import (
    DATASET,
    NOTES_SHEET,
    UNITS,
    Column,
    Sheet,
    fold,
    header_table,
    match_header,
    sheet_named,
    sheets,
)
from .tabular_values import CellError, cell_value

__all__ = ["TabularRead", "is_tabular", "read_tabular"]

_MARK = "\x01cell:"
_HEADER_SEARCH = 20  # rows searched for the header (titles may stand above it)
_IGNORED_SHEETS = {fold(NOTES_SHEET), fold("ghi chú"), "notes", "huong dan", "readme"}
_DATASET_HEADER = {"muc", "key", "field", "truong", "ten truong", "thong tin"}
#: Kinds whose value a vertical merge gives to every row it covers (a label, not a figure).
_FILL_DOWN = ("key", "text", "choice", "date", "bool", "ids")


@attrs.frozen
class TabularRead:
    """What one workbook or folder gives: its draft, issues, sources, and a relocator for issues
    found later (when files are merged)."""

    draft: FileDraft | None
    issues: tuple[DataIssue, ...]
    sources: tuple[Source, ...]
    relocate: Callable[[DataIssue], DataIssue]


def read_tabular(path: str | os.PathLike[str], *, max_bytes: int | None = None) -> TabularRead:
    """Read a workbook or CSV folder into a converted draft; never raises for bad content.

    A file larger than ``max_bytes`` (default: the loader's limit) is refused with its size.
    """
    name = str(path)
    p = Path(path)
    if p.is_dir():
        grids, sources, issues = read_csv_folder(p, name, max_bytes)
    else:
        grids, sources, issues = read_xlsx(p, name, max_bytes)
    builder = _TreeBuilder(name)
    if grids or not issues:
        builder.build(grids)
    if builder.tree is None:
        return TabularRead(None, (*issues, *builder.issues), tuple(sources), builder.relocate)
    draft = convert_tree(builder.tree, name)
    draft.issues = builder.relocate_all(draft.issues)
    for unit in draft.units:
        for key, locs in unit.dropped.items():
            unit.dropped[key] = [builder.relocate_text(loc) for loc in locs]
    return TabularRead(draft, (*issues, *builder.issues), tuple(sources), builder.relocate)


class _TreeBuilder:
    """Builds the ``cchc/1`` tree from grids, remembering the cell of every key path."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.issues: list[DataIssue] = []
        self.where: dict[str, tuple[str, str]] = {}  # key path -> (cell or row, column name)
        self.pending: list[DataIssue] = []
        self.tree: dict[str, Any] | None = None

    # -- issues ----------------------------------------------------------------------------------

    def issue(self, location: str, message: str, level: str = "error", **params: Any) -> None:
        self.issues.append(DataIssue(self.source, location, message, params, level=level))

    def placeholder(self, location: str, error: CellError, raw: Any) -> str:
        """A value the converter reports (and drops the entry of); its message is ``error``."""
        self.pending.append(DataIssue(self.source, location, error.message, error.params))
        return f"{INVALID}0\x00{_MARK}{len(self.pending) - 1}\x00{raw}"

    def relocate(self, issue: DataIssue) -> DataIssue:
        """``issue`` with its key path replaced by the cell it came from (where known)."""
        detail = issue.params.get("detail") if issue.message == "data.syntax_value" else None
        if isinstance(detail, str) and detail.startswith(_MARK):
            pending = self.pending[int(detail[len(_MARK) :])]
            return attrs.evolve(
                issue,
                location=pending.location,
                message=pending.message,
                params=pending.params,
                line=None,
            )
        located = self._locate(issue.location)
        return attrs.evolve(issue, location=located) if located else issue

    def relocate_all(self, issues: list[DataIssue]) -> list[DataIssue]:
        out: list[DataIssue] = []
        seen: set[tuple[str, str]] = set()
        for issue in issues:
            moved = self.relocate(issue)
            if (moved.location, moved.message) not in seen:  # one merged range, one error
                seen.add((moved.location, moved.message))
                out.append(moved)
        return out

    def relocate_text(self, text: str) -> str:
        """``source: key.path`` (a dropped part, kept on the unit) with the key path relocated."""
        head, sep, loc = text.rpartition(": ")
        located = self._locate(loc) if sep else None
        return f"{head}: {located}" if located else text

    def _locate(self, path: str) -> str | None:
        rest: list[str] = []
        while path:
            found = self.where.get(path)
            if found is not None:
                ref, column = found
                names = ".".join(rest)
                label = names or column
                return f"{ref} ({label})" if label else ref
            cut = max(path.rfind("."), path.rfind("["))
            if cut <= 0:
                return None
            part = path[cut:]
            if part.startswith("."):
                rest.insert(0, part[1:])
            path = path[:cut]
        return None

    # -- sheets ----------------------------------------------------------------------------------

    def build(self, grids: list[Grid]) -> None:
        chosen: dict[str, tuple[Sheet, Grid]] = {}
        for grid in grids:
            stem = Path(grid.name).stem if grid.csv_file else grid.name
            sheet = sheet_named(stem)
            if sheet is None:
                ignored = grid.hidden or fold(stem) in _IGNORED_SHEETS
                if not ignored and _has_data(sheet, grid):
                    self._unknown_sheet(grid, stem)
                continue
            if grid.hidden:
                if _has_data(sheet, grid):
                    self.issue(grid.where(), "data.hidden_sheet", sheet=grid.name)
                continue
            if sheet.name in chosen:
                first = chosen[sheet.name][1].where()
                self.issue(grid.where(), "data.duplicate_sheet", sheet=sheet.name, first=first)
                continue
            chosen[sheet.name] = (sheet, grid)
        if not chosen:
            self.issue("", "data.no_sheets")
            return
        tree: dict[str, Any] = {"schema": "cchc/1", "units": []}
        if DATASET in chosen:
            tree["dataset"] = self._dataset(*chosen[DATASET])
        units: dict[str, dict[str, Any]] = {}
        if UNITS in chosen:
            tree["units"] = self._units(*chosen[UNITS], units)
        for name, (sheet, grid) in chosen.items():
            if name not in (DATASET, UNITS):
                self._section(sheet, grid, units)
        self.tree = tree

    def _unknown_sheet(self, grid: Grid, stem: str) -> None:
        known = list(sheets())
        close = difflib.get_close_matches(stem, known, n=1, cutoff=0.6)
        if close:
            self.issue(
                grid.where(),
                "data.unknown_sheet_suggest",
                "warning",
                sheet=grid.name,
                suggestion=close[0],
            )
        else:
            self.issue(
                grid.where(),
                "data.unknown_sheet",
                "warning",
                sheet=grid.name,
                known=", ".join(known),
            )

    def _dataset(self, sheet: Sheet, grid: Grid) -> dict[str, Any]:
        """Key / value rows: column A names the field, column B holds the value."""
        table = header_table(sheet)
        names = {c.name: c for c in sheet.columns}
        values: dict[Column, tuple[Any, int, int]] = {}
        self.where["dataset"] = (grid.where(), "")
        for r in range(1, len(grid.rows) + 1):
            key = grid.value(r, 1)
            if grid.is_empty(r) or _comment(grid, r):
                continue
            if blank(key):
                self.issue(grid.cell(r, 1), "data.no_header")
                continue
            col = match_header(str(key), table) or names.get(str(grid.value(r, 3) or "").strip())
            if col is None:
                if fold(str(key)) in _DATASET_HEADER:
                    continue
                self._unknown_header(grid.cell(r, 1), str(key), sheet)
                continue
            if col in values:
                first = grid.cell(values[col][1], 1)
                self.issue(grid.cell(r, 1), "data.duplicate_header", header=str(key), first=first)
                continue
            converted = self._cell(grid, r, 2, col)
            if converted is not None:
                values[col] = (converted, r, 2)
        return self._record(grid, values, "dataset")

    def _units(self, sheet: Sheet, grid: Grid, units: dict[str, dict[str, Any]]) -> list[Any]:
        out: list[Any] = []
        id_column = next(c for c in sheet.columns if c.path == ("id",))
        for r, values in self._rows(sheet, grid):
            key = _unit_key(values.get(id_column, (None, 0, 0))[0])
            # the converter names a unit by its id where it has one, else by its position
            locs = (f"units[{len(out)}]", *((f"units[{key}]",) if key else ()))
            row = self._record(grid, values, *locs)
            for loc in locs:
                self.where.setdefault(loc, (grid.row(r), ""))
            if key:
                units.setdefault(key, row)
            out.append(row)
        return out

    def _section(self, sheet: Sheet, grid: Grid, units: dict[str, dict[str, Any]]) -> None:
        first_row: dict[str, int] = {}
        key_col = sheet.columns[0]
        for r, values in self._rows(sheet, grid):
            raw, rr, cc = values.pop(key_col, (None, r, 0))
            if cc == 0 or blank(raw):
                self.issue(grid.row(r), "data.missing_unit", sheet=sheet.name)
                continue
            if isinstance(raw, str) and raw.startswith(INVALID):
                self.relocate_pending(raw)
                continue
            uid = _unit_key(raw)
            unit = units.get(uid or "")
            if unit is None:
                close = difflib.get_close_matches(uid or "", list(units), n=1, cutoff=0.6)
                if close:
                    self.issue(
                        grid.cell(rr, cc), "data.unknown_unit_suggest", id=uid, suggestion=close[0]
                    )
                else:
                    self.issue(grid.cell(rr, cc), "data.unknown_unit", id=uid)
                continue
            if sheet.many:
                entries = unit.setdefault(sheet.name, [])
                loc = f"units[{uid}].{sheet.name}[{len(entries)}]"
                entries.append(self._record(grid, values, loc))
            else:
                if sheet.name in unit:
                    self.issue(
                        grid.row(r),
                        "data.duplicate_row",
                        sheet=sheet.name,
                        id=uid,
                        first=grid.row(first_row[uid or ""]),
                    )
                    continue
                first_row[uid or ""] = r
                loc = f"units[{uid}].{sheet.name}"
                unit[sheet.name] = self._record(grid, values, loc)
            self.where[loc] = (grid.row(r), "")

    def relocate_pending(self, raw: str) -> None:
        """An unreadable ``unit`` cell: its own error is reported, the row is dropped."""
        index = int(raw[len(INVALID) :].split("\x00")[1][len(_MARK) :])
        self.issues.append(self.pending[index])

    # -- rows --------------------------------------------------------------------------------------

    def _rows(
        self, sheet: Sheet, grid: Grid
    ) -> list[tuple[int, dict[Column, tuple[Any, int, int]]]]:
        """Each data row as column -> (tree value, row, column); header problems reported."""
        header = self._header(sheet, grid)
        if header is None:
            return []
        start, columns = header
        sources, broken = self._merges(grid, start, columns)
        special = set(sources) | set(broken) | set(grid.problems)  # cells read even when empty
        out = []
        for r in range(start, len(grid.rows) + 1):
            if grid.is_empty(r) or _comment(grid, r):
                continue
            cells = grid.rows[r - 1]
            values: dict[Column, tuple[Any, int, int]] = {}
            for c, col in columns.items():
                if (c > len(cells) or blank(cells[c - 1])) and (r, c) not in special:
                    continue
                value = self._cell(grid, r, c, col, sources.get((r, c)), broken.get((r, c)))
                if value is not None:
                    values[col] = (value, r, c)
            if values:
                out.append((r, values))
        return out

    def _cell(
        self,
        grid: Grid,
        r: int,
        c: int,
        col: Column,
        src: tuple[int, int] | None = None,
        problem: CellError | None = None,
    ) -> Any:
        """The tree value of cell (r, c) (read from ``src`` for a merged range), a placeholder
        for an unreadable one, or None when it is empty."""
        src = src or (r, c)
        raw = grid.value(*src)
        problem = problem or grid.problems.get(src)
        if problem is None:
            if blank(raw):
                return None
            try:
                return cell_value(raw, col, grid.number_format(*src))
            except CellError as exc:
                problem = exc
        # a merged range is one problem, located at the range, whichever rows it spans
        at = problem.params.get("range") if problem.message == "data.merged_cells" else None
        at = at or f"{grid.cell(r, c)} ({col.name})"
        return self.placeholder(at, problem, "" if raw is None else raw)

    def _header(self, sheet: Sheet, grid: Grid) -> tuple[int, dict[int, Column]] | None:
        """The first data row and the column of each cell position; None without a key column."""
        table = header_table(sheet)
        key = sheet.columns[0]
        names = {c.name: c for c in sheet.columns}
        found = None
        for r in range(1, min(len(grid.rows), _HEADER_SEARCH) + 1):
            if any(not blank(v) and match_header(str(v), table) is key for v in grid.rows[r - 1]):
                found = r
                break
        if found is None:
            if any(not grid.is_empty(r) for r in range(1, len(grid.rows) + 1)):
                self.issue(
                    grid.where(),
                    "data.missing_key_column",
                    sheet=sheet.name,
                    column=key.name,
                    label=sheet.label(key),
                )
            return None
        key_at = next(
            c
            for c in range(1, grid.width() + 1)
            if not blank(grid.value(found, c))
            and match_header(str(grid.value(found, c)), table) is key
        )
        under = grid.value(found + 1, key_at)
        named = isinstance(under, str) and under.strip() in (key.name, "unit")
        columns: dict[int, Column] = {}
        seen: dict[Column, int] = {}
        width = max(grid.width(), 1)
        for c in range(1, width + 1):
            name = grid.value(found + 1, c) if named else None
            text = grid.value(found, c)
            col = names.get(str(name).strip()) if not blank(name) else None
            if col is None and not blank(text):
                col = match_header(str(text), table)
            ref = grid.cell(found + 1 if named and not blank(name) else found, c)
            if col is None:
                shown = name if not blank(name) else text
                if not blank(shown):
                    self._unknown_header(ref, str(shown), sheet)
                elif any(not blank(grid.value(r, c)) for r in range(found + 1, len(grid.rows) + 1)):
                    self.issue(ref, "data.no_header")
                continue
            if col in seen:
                self.issue(
                    ref, "data.duplicate_header", header=col.name, first=grid.cell(found, seen[col])
                )
                continue
            seen[col] = c
            columns[c] = col
        return found + (2 if named else 1), columns

    def _merges(
        self, grid: Grid, start: int, columns: dict[int, Column]
    ) -> tuple[dict[tuple[int, int], tuple[int, int]], dict[tuple[int, int], CellError]]:
        """Merged ranges in the data rows: a label merged down a column is every row's (cell →
        the cell holding the value); a figure merged over rows, or anything merged across
        columns, belongs to no single cell (cell → error)."""
        sources: dict[tuple[int, int], tuple[int, int]] = {}
        broken: dict[tuple[int, int], CellError] = {}
        for r1, c1, r2, c2 in grid.merges:
            if r2 < start:
                continue  # titles and headers
            r1 = max(r1, start)
            covered = [c for c in range(c1, c2 + 1) if c in columns]
            if not covered:
                continue
            if c1 == c2 and columns[c1].kind in _FILL_DOWN:
                for r in range(r1, r2 + 1):
                    sources[(r, c1)] = (r1, c1)
                continue
            error = CellError("data.merged_cells", range=grid.area(r1, c1, r2, c2))
            for r in range(r1, r2 + 1):
                for c in covered:
                    broken[(r, c)] = error
        return sources, broken

    def _record(
        self, grid: Grid, values: dict[Column, tuple[Any, int, int]], *locs: str
    ) -> dict[str, Any]:
        """The tree table of one row: flattened columns folded back (``period_start`` →
        ``period.start``); the cell of each key path under each of ``locs`` is remembered (the
        first row to claim a path keeps it)."""
        out: dict[str, Any] = {}
        groups: dict[str, dict[str, tuple[Any, int, int]]] = {}
        for col, (value, r, c) in values.items():
            if len(col.path) == 1:
                groups.setdefault(col.path[0], {})[""] = (value, r, c)
            elif col.path:
                groups.setdefault(col.path[0], {})[col.path[1]] = (value, r, c)
        for key, parts in groups.items():
            r, c = min((rc[1], rc[2]) for rc in parts.values())
            for loc in locs:
                self.where.setdefault(f"{loc}.{key}", (grid.cell(r, c), key))
                for part, (_, pr, pc) in parts.items():
                    if part:
                        place = (grid.cell(pr, pc), f"{key}_{part}")
                        self.where.setdefault(f"{loc}.{key}.{part}", place)
            if set(parts) == {""}:
                out[key] = parts[""][0]
            elif set(parts) & {"start", "end"} and len(parts) == 1:
                ((part, (value, pr, pc)),) = parts.items()
                missing = "end" if part == "start" else "start"
                error = CellError("data.period_half", missing=f"{key}_{missing}")
                at = f"{grid.cell(pr, pc)} ({key}_{part})"
                out[key] = {part: value, missing: self.placeholder(at, error, "")}
            else:
                out[key] = {("value" if p == "" else p): v[0] for p, v in parts.items()}
        return out

    def _unknown_header(self, ref: str, text: str, sheet: Sheet) -> None:
        options = {fold(c.name): c.name for c in sheet.columns}
        options.update({fold(sheet.label(c)): sheet.label(c) for c in sheet.columns})
        close = difflib.get_close_matches(fold(text), list(options), n=1, cutoff=0.6)
        if close:
            self.issue(
                ref, "data.unknown_header_suggest", header=text, suggestion=options[close[0]]
            )
        else:
            self.issue(ref, "data.unknown_header", header=text, sheet=sheet.name)


def _has_data(sheet: Sheet | None, grid: Grid) -> bool:
    """Whether ``grid`` holds anything besides headers (for an unknown sheet: anything)."""
    if sheet is None:
        return any(not grid.is_empty(r) for r in range(1, len(grid.rows) + 1))
    probe = _TreeBuilder("")  # read it aside, reporting nothing
    if sheet.name == DATASET:
        return bool(probe._dataset(sheet, grid))
    return bool(probe._rows(sheet, grid))


def _comment(grid: Grid, row: int) -> bool:
    """A row whose first filled cell starts with ``#`` (the template's example row) is a note."""
    for value in grid.rows[row - 1]:
        if not blank(value):
            return isinstance(value, str) and value.lstrip().startswith("#")
    return False


def _unit_key(value: Any) -> str | None:
    """The unit id a cell gives, as the converter will see it (stripped, NFC)."""
    if isinstance(value, str) and value.strip() and not value.startswith(INVALID):
        return unicodedata.normalize("NFC", value.strip())
    return None
