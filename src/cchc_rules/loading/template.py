"""The blank, documented form: a TOML file with every field explained (and commented out), and
the ``.xlsx`` workbook with an example row (see :mod:`.tabular_xlsx`)."""

from __future__ import annotations

import datetime as _dt
import io
from typing import Any

from .tabular_layout import DATASET, UNITS, Column, Sheet, sheets
from .tabular_write import example_value
from .tabular_xlsx import write_xlsx

__all__ = ["EMPTY_TREE", "toml_template", "xlsx_template"]

EMPTY_TREE: dict[str, Any] = {"schema": "cchc/1", "dataset": {}, "units": []}
#: Top-level values the TOML template keeps active, so that it is a valid file as it is.
_ACTIVE = {(DATASET, "period"), (UNITS, "id"), (UNITS, "name"), (UNITS, "kind")}

#: What each data kind expects in TOML.
TOML_KIND_NOTES = {
    "count": "số nguyên không âm",
    "days": "số ngày không âm",
    "percent": "tỷ lệ phần trăm 0–100",
    "stated": 'tỷ lệ như báo cáo ghi: 98.7, hoặc "98,70" để giữ số chữ số thập phân',
    "text": "văn bản",
    "choice": "một trong",
    "date": "ngày YYYY-MM-DD",
    "bool": "true hoặc false",
    "ids": "danh sách mã đơn vị",
}
_BLANK_EXAMPLES: dict[str, Any] = {"date": _dt.date(2025, 6, 30), "ids": ["phuong-a", "phuong-b"]}

_HEADER = """\
# Mẫu số liệu cải cách hành chính (cchc/1) — blank cchc/1 data file.
# Thay các giá trị ví dụ; bỏ dấu # ở đầu các mục, các trường mà báo cáo có nêu.
# Trường để trống (hoặc không ghi) là "không báo cáo"; 0 là "báo cáo ghi bằng không".
# Replace the example values; uncomment the sections and fields the report states.
# Absent means "not reported"; 0 means "the report states zero".

schema = "cchc/1"
"""


def xlsx_template() -> bytes:
    """The blank workbook: Vietnamese headers, field names, an example row, validation, notes."""
    buf = io.BytesIO()
    write_xlsx(EMPTY_TREE, buf, template=True)
    return buf.getvalue()


def toml_template() -> str:
    """A TOML file documenting every field; it loads as it is (one example unit, no figures)."""
    out = [_HEADER]
    all_sheets = sheets()
    out.append("\n[dataset]")
    out.extend(_fields(all_sheets[DATASET], section=False))
    out.append("\n[[units]]")
    out.extend(_fields(all_sheets[UNITS], section=False))
    for sheet in all_sheets.values():
        if sheet.name in (DATASET, UNITS):
            continue
        doc = (sheet.title + (" — nhiều dòng" if sheet.many else "")).strip()
        out.append(
            f"\n# {'[[' if sheet.many else '['}units.{sheet.name}{']]' if sheet.many else ']'}"
            f"    # {doc}"
        )
        out.extend(_fields(sheet, section=True))
    return "\n".join(out) + "\n"


def _fields(sheet: Sheet, *, section: bool) -> list[str]:
    """One line per field: ``key = example  # label — kind``; commented out unless the file
    needs it to be valid (in a ``section`` every line is commented out)."""
    lines = []
    groups: dict[str, list[Column]] = {}
    for col in sheet.columns:
        if col.path:
            groups.setdefault(col.path[0], []).append(col)
    for key, cols in groups.items():
        main = cols[0]
        label = sheet.label(main)
        if len(main.path) == 2 and main.path[1] == "start":
            label = label.replace(": từ ngày", "").replace(" từ ngày", "")
            value = _period(sheet, cols)
            kind = "kỳ { start = …, end = … }, ngày dạng YYYY-MM-DD"
        elif len(main.path) == 2:  # a nested table (the report's number and date)
            inner = ", ".join(f"{c.path[1]} = {_toml(example_value(sheet, c))}" for c in cols)
            value, kind = f"{{ {inner} }}", "bảng { " + ", ".join(c.path[1] for c in cols) + " }"
            label = ", ".join(sheet.label(c) for c in cols)
        else:
            example = example_value(sheet, main)
            value = _toml(_BLANK_EXAMPLES.get(main.kind, "…") if example == "" else example)
            kind = TOML_KIND_NOTES.get(main.kind, main.kind)
            if main.kind == "stated":
                bases = " | ".join(main.choices)
                kind += f'; hoặc {{ value = "98,70", base = {bases}, rounding = round | truncate }}'
        if main.choices and main.kind == "choice":
            kind += ": " + " | ".join(main.choices)
        if main.required:
            kind += " — bắt buộc"
        on = not section and (sheet.name, key) in _ACTIVE
        line = f"{'' if on else '# '}{key} = {value}"
        lines.append(f"{line:<48} # {label} — {kind}")
    return lines


def _period(sheet: Sheet, cols: list[Column]) -> str:
    start, end = (example_value(sheet, c) for c in cols[:2])
    return f"{{ start = {_toml(start)}, end = {_toml(end)} }}"


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"'
