"""Tabular input: workbooks and CSV folders read as a Vietnamese form is written, every problem
located in its cell, only the smallest invalid part dropped."""

from __future__ import annotations

import datetime as dt
import os
import re
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cchc_rules import load_dataset
from cchc_rules.loading.tabular_layout import fold, header_table, sheets
from cchc_rules.loading.tabular_values import CellError, parse_date, parse_number

UNITS = [["id", "name", "kind"], ["a", "Phường A", "phuong"], ["b", "Phường B", "phuong"]]
DATASET = [["period_start", "01/01/2023"], ["period_end", "30/06/2023"]]


def workbook(path: Path, sheets_: dict[str, list[list[Any]]], **kw: Any) -> Path:
    """An .xlsx with one sheet per entry (rows of values); ``hidden`` names hidden sheets."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets_.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
        if name in kw.get("hidden", ()):
            ws.sheet_state = "hidden"
        for merged in kw.get("merge", {}).get(name, ()):
            ws.merge_cells(merged)
    wb.save(path)
    return path


def book(tmp_path: Path, **sections: list[list[Any]]) -> Path:
    return workbook(tmp_path / "book.xlsx", {"dataset": DATASET, "units": UNITS, **sections})


def errors(ds) -> set[tuple[str, str]]:
    return {(i.location, i.message) for i in ds.issues if i.is_error}


def warnings(ds) -> set[tuple[str, str]]:
    return {(i.location, i.message) for i in ds.issues if not i.is_error}


# -- numbers and dates -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("3.051", Decimal(3051)),
        ("1.234.567", Decimal(1234567)),
        ("98,7", Decimal("98.7")),
        ("1,5", Decimal("1.5")),
        ("1.5", Decimal("1.5")),  # a '.' before other than three digits can only be decimal
        ("1.234,5", Decimal("1234.5")),
        ("1,234.5", Decimal("1234.5")),
        ("1,234,567", Decimal(1234567)),  # several commas can only group thousands
        ("3 051", Decimal(3051)),
        ("1,2340", Decimal("1.2340")),
        ("-5", Decimal(-5)),
    ],
)
def test_vietnamese_numbers(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["1,234", "0,500", "12,000"])
def test_a_comma_before_three_digits_is_ambiguous(text):
    with pytest.raises(CellError) as info:
        parse_number(text)
    assert info.value.message == "data.ambiguous_number"


@pytest.mark.parametrize("text", ["1.23.4", "12,", ",5", "30 51", "1,23,4", "1.234.5,6.7", "abc"])
def test_malformed_numbers(text):
    with pytest.raises(CellError) as info:
        parse_number(text)
    assert info.value.message == "data.expected_number"


def test_a_percentage_is_never_grouped():
    assert parse_number("98,765", percent=True) == Decimal("98.765")
    assert parse_number("99.654", percent=True) == Decimal("99.654")
    with pytest.raises(CellError):
        parse_number("1.234,5", percent=True)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("05/07/2025", dt.date(2025, 7, 5)),  # day first, as Vietnamese dates are written
        ("5/7/2025", dt.date(2025, 7, 5)),
        ("05-07-2025", dt.date(2025, 7, 5)),
        ("05.07.2025", dt.date(2025, 7, 5)),
        ("2025-07-05", dt.date(2025, 7, 5)),
    ],
)
def test_dates(text, day):
    assert parse_date(text) == day


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("31/02/2025", "data.invalid_date"),
        ("05/07/25", "data.expected_date_dmy"),
        ("x", "data.expected_date_dmy"),
    ],
)
def test_bad_dates(text, message):
    with pytest.raises(CellError) as info:
        parse_date(text)
    assert info.value.message == message


# -- the layout ------------------------------------------------------------------------------------


def test_every_column_has_a_vietnamese_header_and_headers_do_not_collide():
    for sheet in sheets().values():
        table = header_table(sheet)
        for col in sheet.columns:
            label = sheet.label(col)
            assert label != col.name, (sheet.name, col.name)  # a field with no label yet
            assert table[fold(label)] is col, (sheet.name, label)
            assert table[fold(col.name)] is col


# -- reading a workbook ----------------------------------------------------------------------------


def test_vietnamese_headers_numbers_and_dates_are_read_right(tmp_path):
    path = workbook(
        tmp_path / "vi.xlsx",
        {
            "Thông tin chung": [
                ["Mục", "Giá trị"],
                ["Kỳ báo cáo từ ngày", "01/01/2023"],
                ["KY BAO CAO DEN NGAY", dt.datetime(2023, 6, 30)],
                ["Số hiệu báo cáo", "12/BC-UBND"],
            ],
            "Đơn vị": [["Mã đơn vị", "Tên đơn vị"], ["a", "Phường A"]],
            "Biên chế": [
                ["BIỂU BIÊN CHẾ NĂM 2023"],  # a title above the header
                [],
                [
                    "ma don vi",
                    "Biên chế được giao",
                    "bien che co mat",
                    "Tỷ lệ vị trí việc làm chuyên môn (%)",
                ],
                ["a", "3.051", "2.998", "98,7"],
            ],
            "documents": [
                ["unit", "issued", "period_start", "period_end"],
                ["a", "3.051", "01/01/2023", "30/05/2023"],
            ],
            "digital_id": [["unit", "stated_notified_percent", "population"], ["a", "98,70", 1000]],
        },
    )
    ds = load_dataset(path)
    assert ds.issues == ()
    assert (ds.period.start, ds.period.end) == (dt.date(2023, 1, 1), dt.date(2023, 6, 30))
    assert ds.report.number == "12/BC-UBND"
    unit = ds.by_id["a"]
    (block,) = unit.staffing
    assert (block.quota, block.used, block.professional_share_percent) == (3051, 2998, 98.7)
    assert unit.documents.issued == 3051
    assert unit.documents.period.end == dt.date(2023, 5, 30)
    assert (
        unit.digital_id.stated_notified_percent.value,
        unit.digital_id.stated_notified_percent.decimals,
    ) == (Decimal("98.70"), 2)


def test_choices_in_vietnamese_words(tmp_path):
    path = book(
        tmp_path,
        staffing=[["unit", "category", "quota", "used"], ["a", "Công chức cấp xã", 3, 2]],
        procedures=[
            ["unit", "name", "day_type"],
            ["a", "TT", "Ngày làm việc"],
            ["a", "T2", "lịch"],
        ],
        references=[
            ["unit", "number", "role"],
            ["a", "05/KH-UBND", "Ban hành"],
            ["a", "1/QĐ", "x"],
        ],
    )
    ds = load_dataset(path)
    unit = ds.by_id["a"]
    assert unit.staffing[0].category == "cong_chuc_cap_xa"
    assert [p.day_type for p in unit.procedures] == ["working", "calendar"]
    assert [r.role for r in unit.references] == ["issued"]
    assert errors(ds) == {("references!C3 (role)", "data.expected_choice")}


def test_native_numbers_keep_what_the_cell_shows(tmp_path):
    path = book(
        tmp_path,
        digital_id=[["unit", "stated_notified_percent", "population"], ["a", 0.987, 1000]],
        dossiers=[["unit", "stated_on_time_percent"], ["a", 97.5]],
    )
    wb = openpyxl.load_workbook(path)
    wb["digital_id"]["B2"].number_format = "0.00%"  # typed as "98,70%"
    wb["dossiers"]["B2"].number_format = "0.00"  # shown as 97,50
    wb.save(path)
    ds = load_dataset(path)
    assert ds.issues == ()
    stated = ds.by_id["a"].digital_id.stated_notified_percent
    assert (stated.value, stated.decimals) == (Decimal("98.70"), 2)
    assert ds.by_id["a"].dossiers.stated_on_time_percent.decimals == 2


def test_a_bounded_count_is_read_as_the_report_wrote_it(tmp_path):
    ds = load_dataset(book(tmp_path, dossiers=[["unit", "received"], ["a", "hơn 2.000"]]))
    assert ds.issues == ()
    bound = ds.by_id["a"].dossiers.bounds["received"]
    assert (bound.value, bound.qualifier) == (2000, "over")


def test_text_in_a_number_column_drops_only_its_entry_and_names_the_cell(tmp_path):
    path = book(
        tmp_path,
        staffing=[
            ["unit", "label", "quota", "used"],
            ["a", "Khối 1", "mười", 5],
            ["a", "Khối 2", 10, 8],
        ],
    )
    ds = load_dataset(path)
    assert errors(ds) == {("staffing!C2 (quota)", "data.expected_count")}
    assert [b.label for b in ds.by_id["a"].staffing] == ["Khối 2"]
    assert ds.by_id["a"].dropped["staffing"] == (f"{path}: staffing!2:2",)


def test_an_ambiguous_number_is_an_error_never_a_guess(tmp_path):
    ds = load_dataset(book(tmp_path, staffing=[["unit", "quota", "used"], ["a", "1,234", 5]]))
    (issue,) = ds.errors
    assert (issue.location, issue.message) == ("staffing!B2 (quota)", "data.ambiguous_number")
    assert issue.params["thousands"] == "1234"
    assert ds.by_id["a"].staffing == ()


def test_wrong_headers_are_located_errors_with_a_suggestion(tmp_path):
    ds = load_dataset(book(tmp_path, staffing=[["unit", "quta", "used", ""], ["a", 10, 5, None]]))
    assert errors(ds) == {
        ("staffing!B1", "data.unknown_header_suggest"),
        ("staffing!2:2 (quota)", "data.required"),
    }
    suggestion = next(i for i in ds.issues if i.location == "staffing!B1").params["suggestion"]
    assert suggestion == "quota"


def test_a_column_with_data_but_no_header_is_an_error(tmp_path):
    ds = load_dataset(book(tmp_path, plan=[["unit", "tasks_total", None], ["a", 10, 7]]))
    assert errors(ds) == {("plan!C1", "data.no_header")}
    assert ds.by_id["a"].plan.tasks_total == 10


def test_a_missing_unit_column_drops_the_sheet(tmp_path):
    ds = load_dataset(book(tmp_path, staffing=[["quota", "used"], [10, 5]]))
    assert errors(ds) == {("staffing", "data.missing_key_column")}
    assert all(u.staffing == () for u in ds.units)


def test_rows_must_name_a_known_unit(tmp_path):
    ds = load_dataset(
        book(tmp_path, plan=[["unit", "tasks_total"], ["aa", 1], [None, 2], ["b", 3], ["b", 4]])
    )
    assert errors(ds) == {
        ("plan!A2", "data.unknown_unit_suggest"),
        ("plan!3:3", "data.missing_unit"),
        ("plan!5:5", "data.duplicate_row"),  # plan has one row per unit
    }
    assert ds.by_id["b"].plan.tasks_total == 3


def test_a_half_period_is_located(tmp_path):
    ds = load_dataset(
        book(tmp_path, documents=[["unit", "issued", "period_start"], ["a", 3, "01/01/2023"]])
    )
    assert errors(ds) == {("documents!C2 (period_start)", "data.period_half")}


def test_a_date_the_spreadsheet_made_of_text_is_an_error(tmp_path):
    ds = load_dataset(
        book(tmp_path, references=[["unit", "number"], ["a", dt.datetime(2023, 1, 5)]])
    )
    assert errors(ds) == {("references!B2 (number)", "data.text_became_date")}


def test_merged_cells_as_a_person_expects(tmp_path):
    rows = [
        ["unit", "category", "label", "quota", "used"],
        ["a", "cong_chuc", "Khối 1", 10, 8],
        [None, None, "Khối 2", 20, 18],
        ["b", "vien_chuc", "Khối 3", 30, 28],
        [None, "vien_chuc", "Khối 4", None, 5],
    ]
    path = workbook(
        tmp_path / "m.xlsx",
        {"dataset": DATASET, "units": UNITS, "staffing": rows},
        merge={"staffing": ["A2:A3", "B2:B3", "A4:A5", "D4:D5"]},
    )
    ds = load_dataset(path)
    # the unit and category merged down belong to each row; a figure merged over two rows is
    # nobody's: one error at the range, both rows it covers dropped
    assert [(b.label, b.category) for b in ds.by_id["a"].staffing] == [
        ("Khối 1", "cong_chuc"),
        ("Khối 2", "cong_chuc"),
    ]
    assert errors(ds) == {("staffing!D4:D5", "data.merged_cells")}
    assert ds.by_id["b"].staffing == ()


def _with_cached_value(path: Path, formula: str, cached: str) -> None:
    with zipfile.ZipFile(path) as z:
        files = {n: z.read(n) for n in z.namelist()}
    for name, data in files.items():
        if name.startswith("xl/worksheets/"):
            files[name] = data.replace(
                f"<f>{formula}</f><v></v>".encode(), f"<f>{formula}</f><v>{cached}</v>".encode()
            )
    with zipfile.ZipFile(path, "w") as z:
        for name, data in files.items():
            z.writestr(name, data)


def test_formulas_use_their_cached_values_and_one_without_is_a_located_error(tmp_path):
    path = book(
        tmp_path, staffing=[["unit", "quota", "used"], ["a", 10, "=B2-2"], ["b", 10, "=B3-1"]]
    )
    _with_cached_value(path, "B2-2", "8")  # as Excel or LibreOffice saves it
    ds = load_dataset(path)
    assert ds.by_id["a"].staffing[0].used == 8
    assert errors(ds) == {("staffing!C3 (used)", "data.formula_no_value")}
    assert ds.by_id["b"].staffing == ()


def test_an_excel_error_value_is_a_located_error(tmp_path):
    ds = load_dataset(book(tmp_path, plan=[["unit", "tasks_total"], ["a", "#DIV/0!"]]))
    assert errors(ds) == {("plan!B2 (tasks_total)", "data.cell_error")}


def test_hidden_sheets(tmp_path):
    path = workbook(
        tmp_path / "h.xlsx",
        {
            "dataset": DATASET,
            "units": UNITS,
            "staffing": [["unit", "quota", "used"], ["a", 10, 5]],
            "plan": [["unit", "tasks_total"]],
            "lists": [["cong_chuc", "vien_chuc"]],
        },
        hidden=("staffing", "plan", "lists"),
    )
    ds = load_dataset(path)
    # a hidden section with figures: were they meant to be sent? an error, never a guess;
    # an empty hidden section and a hidden helper sheet are nothing to report
    assert errors(ds) == {("staffing", "data.hidden_sheet")}
    assert warnings(ds) == set()
    assert ds.by_id["a"].staffing == ()


def test_empty_trailing_rows_columns_comments_and_unknown_sheets(tmp_path):
    path = book(
        tmp_path,
        plan=[
            ["unit", "tasks_total", None],
            ["# ví dụ", "12"],
            ["a", 3],
            [None, None],
            [" ", None],
        ],
        Sheet1=[[None]],
        notes=[["free text"]],
        staffin=[["unit", "quota"], ["a", 1]],
    )
    wb = openpyxl.load_workbook(path)
    wb["plan"]["H40"].number_format = "0.00"  # formatted, never filled
    wb.save(path)
    ds = load_dataset(path)
    assert errors(ds) == set()
    assert warnings(ds) == {("staffin", "data.unknown_sheet_suggest")}
    assert ds.by_id["a"].plan.tasks_total == 3


def test_an_unreadable_workbook_is_reported_not_raised(tmp_path):
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a zip")
    ds = load_dataset(bad)
    assert [i.message for i in ds.errors] == ["data.file_unreadable"]
    assert [i.message for i in load_dataset(tmp_path / "none.xlsx").errors] == [
        "data.file_not_found"
    ]


# -- CSV folders -----------------------------------------------------------------------------------


def csv_folder(path: Path, files: dict[str, str], encoding: str = "utf-8-sig") -> Path:
    path.mkdir()
    for name, text in files.items():
        (path / name).write_bytes(text.encode(encoding))
    return path


def test_a_csv_folder_reads_like_a_workbook_and_locates_errors_by_file_row_column(tmp_path):
    folder = csv_folder(
        tmp_path / "data",
        {
            "dataset.csv": "Mục,Giá trị\nKỳ báo cáo từ ngày,01/01/2023\n"
            "Kỳ báo cáo đến ngày,30/06/2023\n",
            "units.csv": "Mã đơn vị;Tên đơn vị\na;Phường A\n",  # Excel in a comma-decimal locale
            "staffing.csv": "Mã đơn vị,Biên chế được giao,Biên chế có mặt\nunit,quota,used\n"
            'a,"3.051","2.998"\na,"1,234",5\n',
            "README.txt": "ignored",
        },
    )
    ds = load_dataset(folder)
    assert errors(ds) == {("staffing.csv:4:B (quota)", "data.ambiguous_number")}
    assert [b.quota for b in ds.by_id["a"].staffing] == [3051]
    assert {Path(s.path).name for s in ds.sources} == {"dataset.csv", "units.csv", "staffing.csv"}


def test_a_csv_file_that_is_not_utf8_is_located(tmp_path):
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "units.csv").write_bytes("id,name\na,Café\n".encode("latin-1"))
    assert [(i.location, i.message) for i in load_dataset(folder).errors] == [
        ("units.csv: byte 13", "data.not_utf8")
    ]


def test_an_empty_folder_names_the_form(tmp_path):
    (tmp_path / "empty").mkdir()
    assert [i.message for i in load_dataset(tmp_path / "empty").errors] == ["data.no_sheets"]


def test_messages_of_tabular_issues_render_in_both_languages(tmp_path):
    from cchc_rules.messages import core_catalog

    ds = load_dataset(book(tmp_path, staffing=[["unit", "quota", "used"], ["a", "1,234", 5]]))
    (issue,) = ds.errors
    vi = core_catalog().render(issue.message, issue.params, "vi")
    en = core_catalog().render(issue.message, issue.params, "en")
    assert "1234" in vi and "không rõ nghĩa" in vi
    assert "ambiguous" in en and not re.search(r"\{\w+\}", vi + en)


def test_the_docs_list_every_column_of_every_sheet():
    doc = (Path(__file__).resolve().parent.parent / "docs" / "tabular-input.md").read_text("utf-8")
    for sheet in sheets().values():
        assert f"**`{sheet.name}`** ({sheet.title}" in doc, sheet.name
        for col in sheet.columns:
            assert f"| `{col.name}` | {sheet.label(col)} |" in doc, (sheet.name, col.name)


def test_issues_found_when_files_merge_are_located_in_cells(tmp_path):
    toml = tmp_path / "a.toml"
    toml.write_text(
        'schema = "cchc/1"\n[dataset]\nperiod = { start = 2023-01-01, end = 2023-06-30 }\n'
        '[[units]]\nid = "a"\nname = "Phường A"\n[units.plan]\ntasks_total = 1\n',
        encoding="utf-8",
    )
    xlsx = workbook(
        tmp_path / "b.xlsx",
        {
            "units": [["id", "name"], ["a", "Phường Á"]],
            "plan": [["unit", "tasks_total"], ["a", 2]],
            "Biên chế": [["unit", "quota", "used"], ["a", 3, 2]],
            "staffing": [["unit", "quota", "used"], ["a", 4, 2]],
        },
    )
    ds = load_dataset(toml, xlsx)
    assert errors(ds) == {
        ("units!B2 (name)", "data.unit_conflict"),
        ("plan!2:2", "data.duplicate_section"),
        ("staffing", "data.duplicate_sheet"),
    }
    assert [b.quota for b in ds.by_id["a"].staffing] == [3]  # the first of the two sheets


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=0, max_value=10**12))
def test_grouped_integers_read_back(n):
    grouped = f"{n:,}".replace(",", ".")
    assert parse_number(grouped) == n
    assert parse_number(str(n)) == n


@settings(max_examples=40, deadline=None)
@given(st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False))
def test_decimal_commas_read_back(value):
    whole, _, frac = format(value, "f").partition(".")
    text = f"{int(whole):,}".replace(",", ".") + ("," + frac if frac else "")
    assert parse_number(text) == value


_CELL = st.one_of(
    st.text(alphabet="0123456789.,- %abcđơ/#=", max_size=8),
    st.integers(min_value=-5, max_value=10**6).map(str),
    st.sampled_from(["", "1,234", "3.051", "98,7", "hơn 2.000", "31/02/2023", "x"]),
)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(_CELL, min_size=5, max_size=5), min_size=1, max_size=4))
def test_any_csv_cells_give_located_issues_never_a_traceback(tmp_path_factory, rows):
    folder = tmp_path_factory.mktemp("csv")
    (folder / "units.csv").write_text("id,name\na,A\n", encoding="utf-8")
    (folder / "dataset.csv").write_text("period_start,01/01/2023\nperiod_end,30/06/2023\n")
    lines = ["unit,quota,used,professional_share_percent,baseline_year"]
    lines += [",".join(['"' + c.replace('"', "") + '"' for c in ["a", *row[1:]]]) for row in rows]
    (folder / "staffing.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    ds = load_dataset(folder)
    for issue in ds.errors:
        assert issue.location.startswith("staffing.csv:"), issue
    kept = len(ds.by_id["a"].staffing) if "a" in ds.by_id else 0
    assert kept + len(ds.by_id["a"].dropped.get("staffing", ())) == len(rows)


def test_size_limits_apply_to_workbooks_and_csv_files(tmp_path):
    path = book(tmp_path, plan=[["unit", "tasks_total"], ["a", 3]])
    size = path.stat().st_size
    assert load_dataset(path, max_bytes=size).issues == ()
    (issue,) = load_dataset(path, max_bytes=size - 1).errors
    assert issue.message == "data.too_large"
    # a small workbook that would unpack into far more than the limit
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/worksheets/sheet1.xml", b" " * 2_000_000)
    assert bomb.stat().st_size < 100_000
    assert [i.message for i in load_dataset(bomb, max_bytes=100_000).errors] == ["data.too_large"]
    folder = csv_folder(tmp_path / "d", {"units.csv": "id,name\na,A\n" + "b,B\n" * 100})
    (issue,) = load_dataset(folder, max_bytes=200).errors
    assert (issue.location, issue.message) == ("units.csv", "data.too_large")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_workbook_that_is_not_a_regular_file_is_refused_without_reading(tmp_path):
    fifo = tmp_path / "p.xlsx"
    os.mkfifo(fifo)  # reading it would block
    (issue,) = load_dataset(fifo).errors
    assert (issue.source, issue.message) == (str(fifo), "data.not_a_file")
