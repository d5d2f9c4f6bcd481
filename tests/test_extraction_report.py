"""`cchc check REPORT.docx`: every format says the data was extracted and shows where each
figure was read; quotes from the document are escaped like any other value; a report from data
files shows none of it (its golden outputs: tests/test_output_stable.py)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import unicodedata
from pathlib import Path

import jsonschema
import pytest
from openpyxl import load_workbook

from cchc_rules.cli.main import main
from cchc_rules.extract import extract_document
from cchc_rules.findings import Finding, Severity
from cchc_rules.renderers.provenance import ExtractedFile, Figure, Provenance

from _support import ROOT

FIXTURES = ROOT / "tests" / "extract"
DOC = FIXTURES / "le-chan-2022-h1.docx"
SCHEMA = ROOT / "src/cchc_rules/schemas/cchc-report-1.schema.json"
SUFFIXES = ("json", "md", "html", "csv", "xlsx", "txt")
#: The sentence of the seed report the received dossiers are read from, and its place.
RECEIVED = "đã tiếp nhận 2.807 hồ sơ"
RECEIVED_PLACE = "II.2, đoạn 22"


def _check(source: Path, out: Path, *options: str) -> dict[str, Path]:
    """``cchc check source -o out/r.SUFFIX`` for every format."""
    made = {}
    for suffix in SUFFIXES:
        path = out / f"r.{suffix}"
        assert main(["check", str(source), "-o", str(path), *options]) == 0
        made[suffix] = path
    return made


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return _check(DOC, tmp_path_factory.mktemp("vi"))


@pytest.fixture(scope="module")
def report(made: dict[str, Path]) -> dict:
    return json.loads(made["json"].read_text(encoding="utf-8"))


def _text(made: dict[str, Path], suffix: str) -> str:
    return made[suffix].read_text(encoding="utf-8")


def _csv(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))


def _finding_row(rows: list[list[str]], rule: str) -> list[str]:
    (row,) = [r for r in rows[1:] if r[2] == rule]
    return row


def test_json_says_which_document_and_how_many_figures(report: dict) -> None:
    jsonschema.validate(report, json.loads(SCHEMA.read_text(encoding="utf-8")))
    ex = extract_document(DOC)
    assert report["extracted_from"] == [
        {
            "file": str(DOC),
            "unit_id": report["dataset"]["reported_by"],
            "figures": ex.figure_count,
            "uncertain": len(ex.uncertain),
            "references": ex.references,
        }
    ]
    assert "cchc extract" in report["dataset"]["source"]
    assert len(report["extraction"]) == len(ex.taken)
    assert {e["unit_id"] for e in report["extraction"]} == {"le-chan"}


def test_the_table_says_it_in_one_line_under_its_heading(made: dict[str, Path]) -> None:
    lines = _text(made, "txt").splitlines()
    ex = extract_document(DOC)
    assert "le-chan-2022-h1.docx" in lines[1] and "cchc extract" in lines[1]
    assert f"{ex.figure_count} số liệu" in lines[1]
    assert f"{len(ex.uncertain)} số liệu chưa chắc chắn" in lines[1]
    assert "json, html, md" in lines[1]
    text = "\n".join(lines)
    assert text.count("cchc extract") == 1
    assert RECEIVED_PLACE not in text  # quotes stay out of the terminal


def test_md_section_lists_every_figure_read_and_findings_quote_theirs(
    made: dict[str, Path], report: dict
) -> None:
    md = _text(made, "md")
    head, section = md.split("## Nguồn số liệu\n", 1)
    assert "Số liệu được trích tự động từ le-chan-2022-h1.docx" in head
    assert '<a id="figures-le-chan"></a>' in section
    rows = [line for line in section.splitlines() if line.startswith("| ")][1:]
    assert len(rows) == len(report["extraction"])
    assert any(r.startswith("| dossiers.received | 2807 |") and RECEIVED in r for r in rows)
    (dl006,) = [line for line in head.splitlines() if "DL006" in line]
    assert f"dossiers.received ({RECEIVED_PLACE}): “" in dl006 and RECEIVED in dl006
    # EG002's figures (deployed, missing, total) are not fields read: a link, no guessed quote
    (eg002,) = [line for line in head.splitlines() if "| EG002" in line]
    assert "(#figures-le-chan)" in eg002 and "“" not in eg002


def test_html_section_and_quotes(made: dict[str, Path]) -> None:
    html = _text(made, "html")
    assert '<section id="provenance">' in html and 'id="figures-le-chan"' in html
    assert "Nguồn số liệu" in html
    body = html.split('<section id="provenance">', 1)[0]
    (dl006,) = [chunk for chunk in body.split("<tr>") if ">DL006<" in chunk]
    assert f"({RECEIVED_PLACE}): <q>" in dl006 and RECEIVED in dl006
    (eg002,) = [chunk for chunk in body.split("<tr>") if ">EG002<" in chunk]
    assert 'href="#figures-le-chan"' in eg002 and "<q>" not in eg002


def test_csv_and_xlsx_carry_the_quotes(made: dict[str, Path], report: dict) -> None:
    rows = _csv(made["csv"])
    assert rows[0][-1] == "Câu gốc của số liệu"
    assert _finding_row(rows, "DL006")[-1].startswith(f"dossiers.received ({RECEIVED_PLACE}): “")
    assert _finding_row(rows, "EG002")[-1] == ""
    book = load_workbook(made["xlsx"])
    sheet = book["Nguồn số liệu"]
    cells = [[c.value for c in row] for row in sheet.iter_rows()]
    head = ["Mã đơn vị", "Tên đơn vị", "Trường số liệu", "Giá trị", "Câu gốc", "Vị trí", "Văn bản"]
    assert cells[0] == head
    assert len(cells) - 1 == len(report["extraction"])
    assert any(
        r[0] == "le-chan" and r[2] == "dossiers.received" and r[3] == "2807" and RECEIVED in r[4]
        for r in cells[1:]
    )
    findings = [[c.value for c in row] for row in book.worksheets[0].iter_rows()]
    assert findings[0][-1] == "Câu gốc của số liệu"


def test_english_and_nfc(tmp_path: Path) -> None:
    made = _check(DOC, tmp_path, "--lang", "en")
    md = _text(made, "md")
    assert "## Where the figures were read" in md
    assert "Figures extracted automatically from le-chan-2022-h1.docx" in md
    assert "[Quotes of the unit's figures](#figures-le-chan)" in md
    assert "paragraph 22" in md
    line = _text(made, "txt").splitlines()[1]
    assert "by cchc extract" in line and "in the json, html, md" in line
    assert load_workbook(made["xlsx"])["Figures read"].max_row > 1
    for suffix in ("md", "html", "csv", "txt"):
        assert unicodedata.is_normalized("NFC", _text(made, suffix)), suffix


def test_markup_in_the_document_stays_text(tmp_path: Path) -> None:
    source = (FIXTURES / "le-chan-2022-h1.md").read_text(encoding="utf-8")
    sentence = "- Đã cấp 1.395 tài khoản định danh điện tử cho công dân trên địa bàn quận."
    assert source.count(sentence) == 1
    bad = (
        "=1+1 <script>alert(1)</script> Đã cấp 1.395 tài khoản định danh điện tử cho công dân "
        "trên địa bàn quận | `x` [z](javascript:alert(1))."
    )
    doc = tmp_path / "bad.md"
    doc.write_text(source.replace(sentence, bad), encoding="utf-8")
    made = _check(doc, tmp_path)
    quote = next(
        e["quote"]
        for e in json.loads(_text(made, "json"))["extraction"]
        if e["field"] == "eid_accounts"
    )
    assert quote.startswith("=1+1 <script>")  # the document's own text, kept as written
    html = _text(made, "html")
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    md = _text(made, "md")
    assert "<script>" not in md and "\\<script\\>" in md
    assert "\\`x\\` \\[z\\](javascript:alert(1))" in md and "[z](javascript" not in md
    id002 = [line for line in md.split("## Nguồn số liệu")[0].splitlines() if "| ID002" in line]
    assert "\\<script\\>" in id002[0]  # the finding quotes the figure's sentence, escaped too
    sheet = load_workbook(made["xlsx"])["Nguồn số liệu"]
    quotes = [r[4].value for r in sheet.iter_rows(min_row=2) if r[2].value.endswith("eid_accounts")]
    assert quotes == ["'" + quote]
    quoted = _finding_row(_csv(made["csv"]), "ID002")[-1]
    assert "digital_id.eid_accounts" in quoted and "=1+1 <script>" in quoted
    assert not quoted.startswith(("=", "+", "-", "@"))


def test_data_files_show_no_provenance(tmp_path: Path) -> None:
    made = _check(ROOT / "examples" / "le-chan-2022-h1.toml", tmp_path)
    report = json.loads(_text(made, "json"))
    assert "extracted_from" not in report and "extraction" not in report
    for suffix in ("md", "html", "txt"):
        text = _text(made, suffix)
        assert "Nguồn số liệu" not in text and "cchc extract" not in text, suffix
        assert "figures-" not in text and "Câu gốc" not in text, suffix
    assert "Câu gốc của số liệu" not in _csv(made["csv"])[0]
    book = load_workbook(made["xlsx"])
    assert "Nguồn số liệu" not in book.sheetnames
    assert "Câu gốc của số liệu" not in [c.value for c in book.worksheets[0][1]]


# The rule tying a finding's figure to its quote (renderers/provenance.py), case by case.


def _figure(field: str, value: str, quote: str, entry: str = "", section: str = "s") -> Figure:
    return Figure("r.docx", "u", section, entry, field, value, quote, f"đoạn {len(quote)}")


def _quotes(figures: list[Figure], subject: str = "", **evidence: object) -> list[str]:
    found = Provenance((ExtractedFile("r.docx", "u", len(figures), 0),), {"u": tuple(figures)})
    f = Finding("X1", "x", Severity.WARNING, "u", "X1.m", subject=subject, evidence=evidence)
    return [g.key for g in found.quotes(f)]


def test_a_figure_matches_by_field_and_equal_value() -> None:
    figures = [_figure("received", "2807", "tiếp nhận 2.807"), _figure("online", "1007", "1.007")]
    assert _quotes(figures, received=2807, online_percent=35.87) == ["s.received"]
    assert _quotes(figures, received=2806) == []  # same field, another value: not this sentence
    assert _quotes(figures, received=2807.0) == ["s.received"]
    assert _quotes(figures, received=None, missing=True) == []


def test_two_sentences_with_the_figure_are_no_quote() -> None:
    figures = [_figure("used", "88", "một câu", "a"), _figure("used", "88", "câu khác", "b")]
    assert _quotes(figures, used=88) == []
    assert _quotes(figures, "a", used=88) == ["s[a].used"]  # the subject names the entry
    assert _quotes(figures, "A", used=88) == ["s[a].used"]  # case does not matter


def test_figures_from_two_entries_are_no_quote() -> None:
    figures = [_figure("used", "88", "câu a", "a"), _figure("quota", "103", "câu b", "b")]
    assert _quotes(figures, used=88, quota=103) == []
    assert _quotes(figures, used=88) == ["s[a].used"]


def test_a_cited_documents_number_names_its_entry() -> None:
    figures = [
        _figure("number", "59/2019/NĐ-CP", "Nghị định số 59/2019/NĐ-CP ngày 01/7/2021", "3", "r"),
        _figure("date", "2021-07-01", "Nghị định số 59/2019/NĐ-CP ngày 01/7/2021", "3", "r"),
        _figure("date", "2021-07-01", "Kế hoạch số 7/KH ngày 01/7/2021", "4", "r"),
        _figure("where", "II.4", "Nghị định số 59/2019/NĐ-CP ngày 01/7/2021", "3", "r"),
    ]
    keys = _quotes(
        figures, "59/2019/NĐ-CP", number="59/2019/NĐ-CP", date=dt.date(2021, 7, 1), where="II.4"
    )
    assert keys == ["r[3].date", "r[3].number"]  # where a document was cited is not a figure
    assert _quotes(figures, date=dt.date(2021, 7, 1)) == []  # two documents of that date


def test_two_documents(tmp_path: Path) -> None:
    first, second = FIXTURES / "tan-hung-2024-q1.docx", FIXTURES / "stp-binh-an-2024-h1.pdf"
    md, txt = tmp_path / "r.md", tmp_path / "r.txt"
    for out in (md, txt):  # (two dataset headers differ: data errors, exit 2, still a report)
        main(["check", str(first), str(second), "-o", str(out)])
    lines = txt.read_text(encoding="utf-8").splitlines()
    assert "tan-hung-2024-q1.docx" in lines[1] and "stp-binh-an-2024-h1.pdf" in lines[2]
    assert "json, html, md" not in lines[1] and "json, html, md" in lines[2]  # said once
    section = md.read_text(encoding="utf-8").split("## Nguồn số liệu", 1)[1]
    assert (
        '<a id="figures-tan-hung"></a>' in section and '<a id="figures-so-tu-phap"></a>' in section
    )
    assert "| tan-hung-2024-q1.docx: " in section  # each place names its document
