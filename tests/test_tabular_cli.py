"""`cchc convert` and `cchc template`: round trips through every format keep every finding; the
blank form opens, validates and documents every field; bad workbooks exit 2 with cells named."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from cchc_rules import load_dataset
from cchc_rules.cli.main import main
from cchc_rules.loading.tabular_layout import sheets

from _support import EXAMPLES, engine

SHIPPED = sorted(EXAMPLES.glob("*.toml"))


def cchc(capsys, *argv: str) -> tuple[int, str, str]:
    code = main([*argv])
    out, err = capsys.readouterr()
    return code, out, err


def fingerprints(path: Path) -> list[tuple[str, str, str]]:
    ds = load_dataset(path)
    assert ds.issues == (), ds.issues
    report = engine().run(ds)
    return sorted((f.fingerprint, f.rule, report.message(f, lang="en")) for f in report.findings)


@pytest.mark.parametrize("example", SHIPPED, ids=lambda p: p.stem)
@pytest.mark.parametrize("target", ["book.xlsx", "folder", "data.json", "again.toml"])
def test_shipped_examples_round_trip_to_the_same_findings(capsys, tmp_path, example, target):
    out = tmp_path / target
    code, _, err = cchc(capsys, "convert", str(example), "--output", str(out))
    assert code == 0, err
    assert str(out) in err
    expected = fingerprints(example)
    assert expected  # the examples have findings to compare
    assert fingerprints(out) == expected
    assert load_dataset(out).units == load_dataset(example).units


def test_a_converted_workbook_converts_back_through_a_csv_folder(capsys, tmp_path):
    demo = EXAMPLES / "hai-an-demo-2025-h2.toml"
    assert cchc(capsys, "convert", str(demo), "-o", str(tmp_path / "a.xlsx"))[0] == 0
    assert cchc(capsys, "convert", str(tmp_path / "a.xlsx"), "-o", str(tmp_path / "csv"))[0] == 0
    assert cchc(capsys, "convert", str(tmp_path / "csv"), "-o", str(tmp_path / "b.toml"))[0] == 0
    assert load_dataset(tmp_path / "b.toml").units == load_dataset(demo).units


def test_workbook_layout_headers_and_text_that_looks_like_a_formula(capsys, tmp_path):
    src = tmp_path / "x.toml"
    src.write_text(
        'schema = "cchc/1"\n[dataset]\nperiod = { start = 2023-01-01, end = 2023-06-30 }\n'
        '[[units]]\nid = "a"\nname = "=HYPERLINK(\\"http://x\\")"\n'
        "[[units.staffing]]\nquota = 10\nused = 8\n",
        encoding="utf-8",
    )
    out = tmp_path / "x.xlsx"
    assert cchc(capsys, "convert", str(src), "-o", str(out))[0] == 0
    wb = openpyxl.load_workbook(out)
    ws = wb["staffing"]
    columns = [c.value for c in ws[2]]
    quota = columns.index("quota") + 1
    assert ws.cell(1, quota).value == "Biên chế được giao"  # Vietnamese header, field beneath
    assert ws.cell(3, quota).value == 10
    name = wb["units"].cell(3, 2)
    assert name.data_type == "s" and name.value.startswith("=HYPERLINK")  # text, not a formula
    assert load_dataset(out).units[0].name == '=HYPERLINK("http://x")'


def test_text_that_starts_like_a_formula_stays_text_in_a_csv_folder(capsys, tmp_path):
    src = tmp_path / "x.toml"
    src.write_text(
        'schema = "cchc/1"\n[dataset]\nperiod = { start = 2023-01-01, end = 2023-06-30 }\n'
        '[[units]]\nid = "a"\nname = "@SUM(1+1)"\nkind = "-x"\n',
        encoding="utf-8",
    )
    out = tmp_path / "csv"
    assert cchc(capsys, "convert", str(src), "-o", str(out))[0] == 0
    text = (out / "units.csv").read_text(encoding="utf-8-sig")
    assert "'@SUM(1+1)" in text and "'-x" in text  # neutral when opened in a spreadsheet
    (unit,) = load_dataset(out).units
    assert (unit.name, unit.kind) == ("@SUM(1+1)", "-x")  # and read back as written


def test_template_xlsx_is_a_documented_form_that_validates(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, _, err = cchc(capsys, "template")
    assert code == 0 and "cchc-template.xlsx" in err
    path = tmp_path / "cchc-template.xlsx"
    wb = openpyxl.load_workbook(path)
    assert set(sheets()) | {"ghi_chu"} == set(wb.sheetnames)
    for name, sheet in sheets().items():
        ws = wb[name]
        if name == "dataset":
            assert [ws.cell(r, 3).value for r in range(2, 2 + len(sheet.columns))] == [
                c.name for c in sheet.columns
            ]
            continue
        assert [c.value for c in ws[1]] == [sheet.label(c) for c in sheet.columns]
        assert [c.value for c in ws[2]] == [c.name for c in sheet.columns]
        assert str(ws.cell(3, 1).value).startswith("# ")  # the example row, ignored when read
    validations = {
        str(dv.sqref).split(":")[0]: (dv.type, dv.formula1)
        for dv in wb["staffing"].data_validations.dataValidation
    }
    assert validations["D3"] == ("whole", "0")  # quota: a non-negative integer
    assert validations["B3"][0] == "list" and "cong_chuc" in validations["B3"][1]
    notes = wb["ghi_chu"]
    described = {row[3] for row in notes.iter_rows(values_only=True)}
    assert {c.name for s in sheets().values() for c in s.columns} <= described
    # the blank form loads as nothing, with no error
    code, out, _ = cchc(capsys, "validate", str(path))
    assert code == 0 and "0 lỗi" in out
    # refuses to overwrite what may be a filled-in form
    assert cchc(capsys, "template")[0] == 2
    assert cchc(capsys, "template", "--force")[0] == 0


def test_a_filled_template_loads(tmp_path, capsys):
    path = tmp_path / "form.xlsx"
    assert cchc(capsys, "template", "-o", str(path))[0] == 0
    wb = openpyxl.load_workbook(path)
    for name in ("units", "staffing", "procedures"):
        ws = wb[name]
        ws.cell(3, 1).value = ws.cell(3, 1).value.removeprefix("# ")  # keep the example
    wb["dataset"]["B4"] = "01/01/2022"  # period_start
    wb["dataset"]["B5"] = "30/06/2022"
    wb.save(path)
    ds = load_dataset(path)
    assert ds.issues == ()
    (unit,) = ds.units
    assert (unit.id, unit.staffing[0].quota, unit.procedures[0].day_type) == (
        "le-chan",
        103,
        "working",
    )


def test_template_toml_validates_as_it_is_and_uncommented(capsys, tmp_path):
    code, out, _ = cchc(capsys, "template", "--format", "toml")
    assert code == 0 and out.startswith("# Mẫu")
    for field in ("quota", "stated_on_time_percent", "successors", "period"):
        assert f"{field} = " in out
    blank = tmp_path / "t.toml"
    blank.write_text(out, encoding="utf-8")
    assert load_dataset(blank).issues == ()
    filled = tmp_path / "full.toml"
    lines = [
        line[2:] if (line.startswith("# ") and " = " in line) or line.startswith("# [") else line
        for line in out.splitlines()
    ]
    filled.write_text("\n".join(lines), encoding="utf-8")
    ds = load_dataset(filled)
    assert ds.errors == (), ds.errors
    assert ds.units[0].staffing[0].quota == 103


def test_template_as_a_csv_folder_and_a_suffix_it_cannot_write(capsys, tmp_path):
    folder = tmp_path / "form"
    assert cchc(capsys, "template", "--output", str(folder))[0] == 0
    assert {p.stem for p in folder.glob("*.csv")} == set(sheets())
    header = (folder / "staffing.csv").read_text(encoding="utf-8-sig").splitlines()[:2]
    assert header[1].split(",")[:4] == ["unit", "category", "label", "quota"]
    assert load_dataset(folder).issues == ()
    code, _, err = cchc(capsys, "template", "-o", str(tmp_path / "form.json"), "--lang", "en")
    assert code == 2 and "cannot write the form as “.json”" in err


def test_convert_refuses_to_overwrite_its_input(capsys, tmp_path):
    src = tmp_path / "d.toml"
    src.write_bytes((EXAMPLES / "le-chan-2022-h1.toml").read_bytes())
    before = src.read_bytes()
    code, _, err = cchc(capsys, "convert", str(src), "--output", str(src))
    assert code == 2 and "d.toml" in err
    assert src.read_bytes() == before
    folder = tmp_path / "csv"
    assert cchc(capsys, "convert", str(src), "-o", str(folder))[0] == 0
    code, _, err = cchc(capsys, "convert", str(folder), "-o", str(folder), "--lang", "en")
    assert code == 2 and "will not overwrite" in err


def test_convert_errors_are_clear(capsys, tmp_path):
    src = EXAMPLES / "le-chan-2022-h1.toml"
    code, _, err = cchc(capsys, "convert", str(src), "-o", str(tmp_path / "x.yaml"), "--lang", "en")
    assert code == 2 and "“.yaml”" in err
    bad = EXAMPLES / "bad" / "negative.toml"
    out = tmp_path / "bad.xlsx"
    code, _, err = cchc(capsys, "convert", str(bad), "-o", str(out), "--lang", "en")
    assert code == 2 and "is not written" in err and "cannot be negative" in err
    assert not out.exists()


def test_check_on_a_malformed_workbook_names_the_cells_and_exits_2(capsys, tmp_path):
    path = tmp_path / "bad.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "dataset"
    ws.append(["period_start", "01/01/2023"])
    ws.append(["period_end", "30/06/2023"])
    wb.create_sheet("units").append(["id", "name"])
    wb["units"].append(["a", "Phường A"])
    staffing = wb.create_sheet("staffing")
    for row in (["unit", "quota", "usd"], ["a", "nhiều", 5], ["a", 10, 8]):
        staffing.append(row)
    plan = wb.create_sheet("plan")
    plan.append(["tasks_total"])
    plan.append([4])
    dossiers = wb.create_sheet("dossiers")
    for row in (["unit", "received", "resolved"], ["a", "=1+1", 3]):
        dossiers.append(row)
    catalogue = wb.create_sheet("catalogue")
    for row in (["unit", "level", "procedures_total"], ["a", "xa", 10], ["a", "tinh", None]):
        catalogue.append(row)
    catalogue.merge_cells("C2:C3")
    hidden = wb.create_sheet("egov")
    hidden.append(["unit", "signing_devices"])
    hidden.append(["a", 3])
    hidden.sheet_state = "hidden"
    wb.save(path)
    code, out, _ = cchc(capsys, "check", str(path), "--lang", "en")
    assert code == 2
    assert "staffing!B2 (quota)" in out  # text in a number column
    assert "staffing!C1" in out and "did you mean “used”" in out  # a wrong header
    assert "plan" in out and "no “unit” column" in out  # a missing unit column
    assert "dossiers!B2 (received)" in out and "no calculated value" in out  # formula
    assert "catalogue!C2:C3" in out and "merged cells" in out  # a figure merged over two rows
    assert "egov" in out and "is hidden" in out  # a hidden sheet with figures
    code, out, _ = cchc(capsys, "validate", str(path))
    assert code == 2 and "staffing!B2 (quota)" in out
