"""Writing the tabular form: a ``cchc/1`` tree as rows, and as a folder of ``.csv`` files that
:mod:`~cchc_rules.loading.tabular` reads back the same (the workbook: :mod:`.tabular_xlsx`).

Every sheet has its Vietnamese headers on row 1 and the field names beneath on row 2; data start
on row 3. The dataset sheet is key / value rows: label, value, field name.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..model import QUALIFIERS
from .tabular_grid import FORMULA_STARTS
from .tabular_layout import DATASET, UNITS, Column, Sheet, sheets

__all__ = ["FORMULA_STARTS", "KIND_NOTES", "example_value", "sheet_rows", "write_csv_folder"]

FORM_ROWS = 500  # rows of a sheet that get validation and formats
DATASET_HEADER = ("Mục", "Giá trị", "Tên trường", "Ví dụ")
#: What each data kind expects, in Vietnamese and English (the notes sheet and docs).
KIND_NOTES: dict[str, tuple[str, str]] = {
    "key": ("mã đơn vị, như ở cột id của trang units", "a unit id, as in the units sheet's id"),
    "count": (
        "số nguyên không âm (3.051 hoặc 3051); có thể ghi “hơn 2.000” ở trang hồ sơ",
        "a non-negative integer (3.051 or 3051); “hơn 2.000” allowed in dossier sheets",
    ),
    "days": ("số ngày không âm (2 hoặc 1,5)", "a non-negative number of days (2 or 1,5)"),
    "percent": ("tỷ lệ phần trăm 0–100 (98,7)", "a percentage 0–100 (98,7)"),
    "stated": (
        "tỷ lệ như báo cáo ghi, giữ nguyên số chữ số thập phân (98,70; “trên 97%”)",
        "a rate as the report writes it, with its decimals (98,70; “trên 97%”)",
    ),
    "text": ("văn bản", "text"),
    "choice": ("một trong các giá trị cho phép", "one of the allowed values"),
    "date": ("ngày dạng dd/mm/yyyy", "a date as dd/mm/yyyy"),
    "bool": ("có hoặc không", "có (yes) or không (no)"),
    "ids": ("các mã đơn vị, cách nhau bằng dấu ;", "unit ids separated by ;"),
}
_WORD = {q: words[0] for q, words in QUALIFIERS.items()}
_EXAMPLES: dict[tuple[str, str], Any] = {
    (DATASET, "title"): "Báo cáo kết quả CCHC 6 tháng đầu năm 2022",
    (DATASET, "reported_by"): "le-chan",
    (DATASET, "period_start"): _dt.date(2022, 1, 1),
    (DATASET, "period_end"): _dt.date(2022, 6, 30),
    (DATASET, "report_number"): "123/BC-UBND",
    (DATASET, "report_date"): _dt.date(2022, 6, 20),
    (DATASET, "source"): "bao-cao-cchc-2022-h1.pdf",
    (UNITS, "id"): "le-chan",
    (UNITS, "name"): "UBND quận Lê Chân",
    (UNITS, "kind"): "quan",
    (UNITS, "parent"): "hai-phong",
    (UNITS, "successors"): "",
    (UNITS, "valid_to"): "",
    ("procedures", "name"): "Cấp Giấy chứng nhận đăng ký hộ kinh doanh",
    ("procedures", "code"): "1.001612",
    ("procedures", "field"): "Đăng ký kinh doanh",
    ("staffing", "label"): "Khối công chức hành chính quận",
    ("staffing", "quota"): 103,
    ("staffing", "used"): 88,
    ("staffing", "baseline_year"): 2015,
    ("catalogue", "level"): "quan",
    ("references", "number"): "05/KH-UBND",
    ("references", "title"): "Kế hoạch cải cách hành chính năm 2022",
    ("references", "issuer"): "UBND quận Lê Chân",
    ("references", "where"): "Mục I, ý 1",
    ("dossier_windows", "label"): "Quý I",
}
_KIND_EXAMPLES: dict[str, Any] = {
    "key": "le-chan",
    "count": 12,
    "days": 3,
    "percent": 85.5,
    "stated": "98,7",
    "text": "…",
    "date": _dt.date(2022, 1, 6),
    "bool": False,
    "ids": "",
}


def example_value(sheet: Sheet, col: Column) -> Any:
    """The example value the template shows for ``col`` ("" for none)."""
    if (sheet.name, col.name) in _EXAMPLES:
        return _EXAMPLES[(sheet.name, col.name)]
    if col.path and col.path[-1] in ("base", "rounding"):
        return ""
    if col.kind == "choice":
        return col.choices[0] if col.choices else ""
    if col.path[-1:] == ("start",):
        return _dt.date(2022, 1, 1)
    if col.path[-1:] == ("end",):
        return _dt.date(2022, 6, 30)
    return _KIND_EXAMPLES.get(col.kind, "")


# -- the tree as rows ----------------------------------------------------------------------------


def _lookup(record: dict[str, Any], col: Column) -> Any:
    value = record.get(col.path[0]) if col.path else None
    if len(col.path) == 2:
        return value.get(col.path[1]) if isinstance(value, dict) else None
    if isinstance(value, dict) and col.kind in ("stated", "count"):
        if "qualifier" in value:  # "trên 97", "hơn 2000": the report's words before the figure
            word = _WORD.get(value["qualifier"]) or str(value["qualifier"])
            return _Qualified(word, value["value"])
        return value.get("value")
    return value


class _Qualified:
    """A figure with the word that qualifies it; written as text ("trên 97,5")."""

    def __init__(self, word: str, value: Any) -> None:
        self.word, self.value = word, value

    def __str__(self) -> str:
        return f"{self.word} {_vi_number(self.value)}"


def sheet_rows(sheet: Sheet, tree: dict[str, Any]) -> Iterator[list[Any]]:
    """The data rows of ``sheet`` (unit rows in the tree's order; dataset: one row per field)."""
    if sheet.name == DATASET:
        meta = tree.get("dataset") or {}
        for col in sheet.columns:
            yield [sheet.label(col), _lookup(meta, col), col.name]
        return
    for unit in tree.get("units") or []:
        if sheet.name == UNITS:
            yield [_lookup(unit, col) for col in sheet.columns]
            continue
        section = unit.get(sheet.name)
        entries = section if isinstance(section, list) else [] if section is None else [section]
        for entry in entries:
            yield [unit.get("id"), *(_lookup(entry, col) for col in sheet.columns[1:])]


def _vi_number(value: Any) -> str:
    """A number as a Vietnamese form writes it, so that it reads back the same: a decimal comma,
    no thousands separator, and never exactly three decimals (``1,1250``, which is unambiguous)."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return str(value)
    text = format(Decimal(repr(value) if isinstance(value, float) else str(value)), "f")
    whole, _, frac = text.partition(".")
    if not frac:
        return whole
    return f"{whole},{frac}0" if len(frac) == 3 else f"{whole},{frac}"


def _csv_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, _dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, (int, float, Decimal)):
        return _vi_number(value)
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, _Qualified):
        return str(value)
    text = str(value)
    # a spreadsheet would run text that starts like a formula: a leading ' keeps it text (and is
    # taken off again when the folder is read)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _stated_csv(value: Any) -> str:
    """A stated figure kept as written: "98.70" → "98,70"."""
    if isinstance(value, str):
        return value.replace(".", ",")
    return _csv_text(value)


# -- CSV -------------------------------------------------------------------------------------------


def write_csv_folder(tree: dict[str, Any], folder: Path) -> list[Path]:
    """Write one UTF-8 (with BOM, for Excel) ``.csv`` file per sheet into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for sheet in sheets().values():
        buf = io.StringIO(newline="")
        out = csv.writer(buf, lineterminator="\r\n")
        if sheet.name == DATASET:
            out.writerow(DATASET_HEADER[:3])
            for row in sheet_rows(sheet, tree):
                out.writerow([row[0], _csv_cell(sheet.columns, row), row[2]])
        else:
            out.writerow([sheet.label(c) for c in sheet.columns])
            out.writerow([c.name for c in sheet.columns])
            for row in sheet_rows(sheet, tree):
                out.writerow(
                    [
                        _stated_csv(v) if c.kind == "stated" else _csv_text(v)
                        for c, v in zip(sheet.columns, row, strict=True)
                    ]
                )
        path = folder / f"{sheet.name}.csv"
        path.write_bytes(buf.getvalue().encode("utf-8-sig"))
        written.append(path)
    return written


def _csv_cell(columns: tuple[Column, ...], row: list[Any]) -> str:
    col = next(c for c in columns if c.name == row[2])
    return _stated_csv(row[1]) if col.kind == "stated" else _csv_text(row[1])
