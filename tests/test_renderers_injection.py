"""Text from the data never becomes markup or a formula: html and md escape it, csv and xlsx
neutralise a value that starts like a formula (a leading ``'``)."""

from __future__ import annotations

import csv
import io
import re

import pytest
from openpyxl import load_workbook

from cchc_rules.renderers.cells import neutralise
from cchc_rules.renderers.md import escape

from _support import dataset, engine

FORMULA = '=HYPERLINK("http://evil.example/x","click")'
SCRIPT = "<script>alert(1)</script>"
RICH = "[/bold][red]x"
PIPES = "| pipes | here"
LINK = "[click](http://evil.example) **bold** `code`"


@pytest.fixture(scope="module")
def probe():
    """A report whose unit names, dataset title, procedure names and staffing labels are
    attacks, and whose findings carry them as subjects."""
    ds = dataset(
        {
            "id": "u1",
            "name": FORMULA,
            "staffing": [
                {"category": "cong_chuc", "label": "@SUM(A1:A9)", "quota": 10, "used": 12}
            ],
        },
        {
            "id": "u2",
            "name": SCRIPT,
            "procedures": [
                {"name": "+cmd|' /C calc'!A0", "regulated_days": 15, "actual_days": 18},
                {"name": LINK, "regulated_days": 5, "actual_days": 9},
            ],
        },
        {
            "id": "u3",
            "name": f"{RICH} {PIPES}",
            "staffing": [{"category": "cong_chuc", "label": "-2+3", "quota": 10, "used": 11}],
        },
        period=("2025-07-01", "2025-12-31"),
        title=f"{SCRIPT} {PIPES} {LINK}",
    )
    report = engine().run(ds)
    subjects = {f.subject for f in report.findings}
    assert {"@SUM(A1:A9)", "+cmd|' /C calc'!A0", LINK, "-2+3"} <= subjects
    return report


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_html_escapes_every_value(probe, lang):
    html = probe.render("html", lang)
    assert "<script" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'href="http://evil' not in html
    assert "<a " not in html.split("legal-bases")[0]  # the only links are the legal sources
    assert "&lt;script&gt;" in html.split("<title>")[1].split("</title>")[0]
    assert "=HYPERLINK(&quot;http://evil.example/x&quot;,&quot;click&quot;)" in html


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_markdown_escapes_every_value(probe, lang):
    md = probe.render("md", lang)
    assert "<script>" not in md and r"\<script\>alert(1)\</script\>" in md
    assert "[click](" not in md and r"\[click\](http://evil.example) \*\*bold\*\*" in md
    assert "`code`" not in md
    assert "| pipes |" not in md and r"\| pipes \|" in md
    assert r"\[/bold\]\[red\]x" in md
    tables: list[list[str]] = [[]]
    for line in md.splitlines():
        if line.startswith("|"):
            tables[-1].append(line)
        elif tables[-1]:
            tables.append([])
    for table in filter(None, tables):  # every row of a table has its heading's columns
        counts = {len(re.findall(r"(?<!\\)\|", line)) for line in table}
        assert len(counts) == 1, table


def test_markdown_escape_folds_lines_and_escapes_markup():
    assert escape("a\n# b\r\n- c") == "a \\# b - c"
    assert escape("x_y*z") == r"x\_y\*z"
    assert escape("&lt;") == r"\&lt;"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+cmd", "'+cmd"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("a=b", "a=b"),
        ("UBND phường", "UBND phường"),
        ("bad\x00\x07char", "badchar"),
    ],
)
def test_neutralise(value, expected):
    assert neutralise(value) == expected


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_csv_cells_are_neutral(probe, lang):
    rows = list(csv.reader(io.StringIO(probe.render("csv", lang)[1:])))
    cells = [c for row in rows for c in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert f"'{FORMULA}" in cells
    assert "'@SUM(A1:A9)" in cells and "'-2+3" in cells and "'+cmd|' /C calc'!A0" in cells
    assert len(rows) == len(probe.findings) + 1


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_xlsx_cells_are_neutral(probe, lang):
    wb = load_workbook(io.BytesIO(probe.render("xlsx", lang)))
    seen = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    assert cell.value[:1] not in ("=", "+", "-", "@", "\t", "\r")
                    seen.append(cell.value)
    assert f"'{FORMULA}" in seen and "'@SUM(A1:A9)" in seen and "'-2+3" in seen
    findings = wb.worksheets[0]
    assert findings.max_row == len(probe.findings) + 1


def test_junit_carries_the_values_as_text(probe):
    import xml.etree.ElementTree as ET

    text = probe.render("junit", "en")
    assert "<script>" not in text
    root = ET.fromstring(text)
    names = {c.get("name") for c in root.iter("testcase")}
    assert names == {"u1", "u2", "u3"}
    messages = " ".join(f"{f.get('message')} {f.text}" for f in root.iter("failure"))
    assert LINK in messages and "@SUM(A1:A9)" in messages
