"""The ``.xlsx`` form: a ``cchc/1`` tree as a workbook, with validation and a notes sheet.

Data validation only warns (a bounded count such as "hơn 2.000" stays possible); text columns
are formatted as text so that a code such as ``1/2`` is not turned into a date; dates show as
``dd/mm/yyyy``; stated rates keep the decimals they were written with (``98,70``).
"""

from __future__ import annotations

import datetime as _dt
import io
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from .tabular_layout import DATASET, NOTES_SHEET, UNITS, Column, Sheet, sheets
from .tabular_write import DATASET_HEADER, FORM_ROWS, KIND_NOTES, example_value, sheet_rows

__all__ = ["build_workbook", "write_xlsx"]

_HEAD = Font(bold=True)
_NAME = Font(color="808080", size=9)
_EXAMPLE = Font(italic=True, color="808080")
_FILL = PatternFill("solid", fgColor="DDEBF7")
_WRAP = Alignment(wrap_text=True, vertical="top")
_DATE = "dd/mm/yyyy"


def write_xlsx(tree: dict[str, Any], path: Path | io.BytesIO, *, template: bool = False) -> None:
    """Write the workbook of ``tree``; with ``template``, each sheet gets an example row (a row
    starting with ``#``, which reading ignores)."""
    build_workbook(tree, template=template).save(path)


def build_workbook(tree: dict[str, Any], *, template: bool = False) -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)  # type: ignore[arg-type]
    for sheet in sheets().values():
        ws = wb.create_sheet(sheet.name)
        if sheet.name == DATASET:
            _dataset_sheet(ws, sheet, tree, template)
        else:
            _table_sheet(ws, sheet, tree, template)
    _notes_sheet(wb.create_sheet(NOTES_SHEET))
    return wb


def _put(ws: Worksheet, row: int, column: int, value: Any, col: Column) -> None:
    """Write one value as a spreadsheet cell of the right type and format."""
    if value is None or value == "":
        return
    cell = ws.cell(row, column)
    if col.kind == "stated" and isinstance(value, (str, int, float)) and not _is_text(value):
        number = Decimal(str(value).replace(",", "."))
        decimals = -int(number.as_tuple().exponent)
        cell.value = float(number) if decimals > 0 else int(number)
        cell.number_format = "0." + "0" * decimals if decimals > 0 else "0"
    elif isinstance(value, _dt.date):
        cell.value = value
        cell.number_format = _DATE
    elif isinstance(value, (bool, int, float)):
        cell.value = value
    elif isinstance(value, list):
        cell.value = "; ".join(str(v) for v in value)
    else:
        cell.value = str(value)
        if cell.value.startswith("="):
            cell.data_type = "s"  # text, never a formula


def _is_text(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    try:
        Decimal(value.replace(",", "."))
    except ArithmeticError:
        return True
    return False


def _dataset_sheet(ws: Worksheet, sheet: Sheet, tree: dict[str, Any], template: bool) -> None:
    for c, text in enumerate(DATASET_HEADER[: 4 if template else 3], start=1):
        ws.cell(1, c, text).font = _HEAD
        ws.cell(1, c).fill = _FILL
    for r, (col, row) in enumerate(
        zip(sheet.columns, sheet_rows(sheet, tree), strict=True), start=2
    ):
        ws.cell(r, 1, row[0]).alignment = _WRAP
        _put(ws, r, 2, row[1], col)
        ws.cell(r, 3, col.name).font = _NAME
        if template:
            _put(ws, r, 4, example_value(sheet, col), col)
            ws.cell(r, 4).font = _EXAMPLE
        if col.kind == "date":
            ws.cell(r, 2).number_format = _DATE
        elif col.kind in ("text", "choice"):
            ws.cell(r, 2).number_format = "@"
        dv = _validation(col)
        if dv is not None:
            ws.add_data_validation(dv)
            dv.add(f"B{r}")
    ws.column_dimensions["A"].width = 30
    ws.column_dimensions["B"].width = 45
    ws.column_dimensions["C"].width = 18
    ws.column_dimensions["D"].width = 45
    ws.freeze_panes = "A2"


def _table_sheet(ws: Worksheet, sheet: Sheet, tree: dict[str, Any], template: bool) -> None:
    for c, col in enumerate(sheet.columns, start=1):
        head = ws.cell(1, c, sheet.label(col))
        head.font, head.fill, head.alignment = _HEAD, _FILL, _WRAP
        head.comment = Comment(_note(col), "cchc")
        ws.cell(2, c, col.name).font = _NAME
        letter = get_column_letter(c)
        dim = ws.column_dimensions[letter]
        dim.width = 24 if col.kind in ("text", "key") else 16
        if col.kind == "date":
            dim.number_format = _DATE
        elif col.kind in ("text", "choice", "key", "ids"):
            dim.number_format = "@"
        dv = _validation(col)
        if dv is not None:
            ws.add_data_validation(dv)
            dv.add(f"{letter}3:{letter}{FORM_ROWS + 2}")
    ws.row_dimensions[1].height = 45
    start = 3
    if template:
        for c, col in enumerate(sheet.columns, start=1):
            value = example_value(sheet, col)
            _put(ws, 3, c, f"# {value}" if c == 1 else value, col)
            ws.cell(3, c).font = _EXAMPLE
        start = 4
    for r, row in enumerate(sheet_rows(sheet, tree), start=start):
        for c, (col, value) in enumerate(zip(sheet.columns, row, strict=True), start=1):
            _put(ws, r, c, value, col)
    ws.freeze_panes = "B3" if sheet.keyed or sheet.name == UNITS else "A3"


def _note(col: Column) -> str:
    vi = KIND_NOTES.get(col.kind, (col.kind, col.kind))[0]
    text = f"{col.name}: {vi}"
    if col.choices:
        text += " — " + ", ".join(col.choices)
    if col.required:
        text += " (bắt buộc)"
    return text


def _validation(col: Column) -> DataValidation | None:
    """Validation that warns (never refuses) when a value does not fit the column."""
    kw: dict[str, Any] = {"allow_blank": True, "errorStyle": "warning", "showErrorMessage": True}
    vi = KIND_NOTES.get(col.kind, ("", ""))[0]
    if col.kind == "count":
        dv = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0", **kw)
    elif col.kind == "days":
        dv = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0", **kw)
    elif col.kind in ("percent", "stated"):
        dv = DataValidation(type="decimal", operator="between", formula1="0", formula2="100", **kw)
    elif col.kind == "date":
        dv = DataValidation(type="date", operator="greaterThan", formula1="1", **kw)
    elif col.kind == "bool":
        dv = DataValidation(type="list", formula1='"có,không"', **kw)
    elif col.kind == "choice" and col.choices and len(",".join(col.choices)) < 250:
        dv = DataValidation(type="list", formula1='"' + ",".join(col.choices) + '"', **kw)
    elif col.kind == "key":
        dv = DataValidation(type="list", formula1=f"{UNITS}!$A$3:$A${FORM_ROWS + 2}", **kw)
    else:
        return None
    dv.error = f"{col.name}: {vi}"
    dv.errorTitle = col.name
    return dv


def _notes_sheet(ws: Worksheet) -> None:
    """What the form is and how to fill it, then one row per column of every sheet."""
    lines = [
        "Mẫu số liệu cải cách hành chính (định dạng cchc/1) — ghi chú / notes",
        "Ô để trống là “không báo cáo”; số 0 là “báo cáo ghi bằng không”. "
        "Empty means not reported; 0 means the report states zero.",
        "Số theo cách viết Việt Nam: 3.051 là ba nghìn không trăm năm mươi mốt, 98,7 là chín mươi "
        "tám phẩy bảy; 1,234 (dấu phẩy trước đúng ba chữ số) là lỗi vì có hai cách hiểu. "
        "Ngày dạng dd/mm/yyyy.",
        "Dòng 1 là tiêu đề tiếng Việt, dòng 2 là tên trường; số liệu bắt đầu từ dòng 3. "
        "Dòng bắt đầu bằng # (dòng ví dụ) được bỏ qua. Mỗi dòng ở các trang khác trang units ghi "
        "mã đơn vị ở cột unit.",
        "Trang ẩn có số liệu là lỗi (bỏ ẩn hoặc xóa trang); ô gộp theo chiều dọc ở cột văn bản "
        "áp dụng cho mọi dòng; công thức được đọc theo giá trị đã tính.",
    ]
    for r, text in enumerate(lines, start=1):
        ws.cell(r, 1, text).font = _HEAD if r == 1 else Font()
    head = ["Trang", "Cột", "Tiêu đề", "Tên trường", "Kiểu dữ liệu", "Bắt buộc", "Giá trị", "Type"]
    top = len(lines) + 2
    for c, text in enumerate(head, start=1):
        ws.cell(top, c, text).font = _HEAD
        ws.cell(top, c).fill = _FILL
    r = top + 1
    for sheet in sheets().values():
        ws.cell(r, 1, f"{sheet.name} ({sheet.title})").font = _HEAD
        ws.cell(r, 3, sheet.doc).font = _HEAD
        r += 1
        for i, col in enumerate(sheet.columns, start=1):
            vi, en = KIND_NOTES.get(col.kind, (col.kind, col.kind))
            where = "B" if sheet.name == DATASET else get_column_letter(i)
            values = [
                f"{sheet.name} ({sheet.title})",
                where,
                sheet.label(col),
                col.name,
                vi,
                "có" if col.required else "",
                ", ".join(col.choices),
                en,
            ]
            for c, value in enumerate(values, start=1):
                ws.cell(r, c, value)
            r += 1
    for letter, width in zip("ABCDEFGH", (28, 6, 40, 28, 50, 9, 30, 50), strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = f"A{top + 1}"
