"""`cchc check` and the document formats: the format inferred from --output's suffix, an
explicit --format winning, binary output refused on a terminal, the [report] title block, and
the charts' figures and thresholds."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile

import pytest
from openpyxl import load_workbook

from cchc_rules import Config, Renderer
from cchc_rules.cli.check import infer_format
from cchc_rules.cli.main import main
from cchc_rules.renderers.charts import charts

from _support import EXAMPLES, dataset, engine

DEMO = str(EXAMPLES / "hai-an-demo-2025-h2.toml")


def cchc(capsys, *argv: str) -> tuple[int, str, str]:
    code = main([*argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ("suffix", "check"),
    [
        (".md", lambda b: b.decode().startswith("# ")),
        (".markdown", lambda b: b"## " in b),
        (".html", lambda b: b.startswith(b"<!DOCTYPE html>")),
        (".htm", lambda b: b.startswith(b"<!DOCTYPE html>")),
        (".csv", lambda b: b.startswith("\ufeff".encode())),
        (".xlsx", lambda b: zipfile.is_zipfile(io.BytesIO(b))),
        (".xml", lambda b: b"<testsuites" in b),
        (".json", lambda b: json.loads(b)["schema"] == "cchc-report/1"),
        (".txt", lambda b: b.lstrip().startswith("DỮ LIỆU".encode())),
        (".unknown", lambda b: b.lstrip().startswith("DỮ LIỆU".encode())),
    ],
)
def test_the_output_suffix_chooses_the_format(tmp_path, capsys, suffix, check):
    out = tmp_path / f"report{suffix}"
    code, _, err = cchc(capsys, "check", DEMO, "--isolated", "-o", str(out))
    assert code == 1, err
    assert check(out.read_bytes())


def test_an_explicit_format_wins_over_the_suffix(tmp_path, capsys):
    out = tmp_path / "report.md"
    cchc(capsys, "check", DEMO, "--isolated", "-f", "json", "-o", str(out))
    assert json.loads(out.read_text(encoding="utf-8"))["schema"] == "cchc-report/1"


def test_a_plugin_renderer_with_a_built_in_extension_does_not_take_it_over():
    renderers = {
        "junit": Renderer(name="junit", render=str, extension=".xml", plugin="cchc.junit"),
        "aaa": Renderer(name="aaa", render=str, extension=".xml", plugin="acme"),
        "yaml": Renderer(name="yaml", render=str, extension=".yaml", plugin="acme"),
    }
    assert infer_format("out/r.XML", renderers) == "junit"
    assert infer_format("r.yaml", renderers) == "yaml"
    assert infer_format(None, renderers) == "table"
    assert infer_format("report", renderers) == "table"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_binary_output_is_refused_on_a_terminal(capsys, monkeypatch, lang):
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    code, out, err = cchc(capsys, "check", DEMO, "--isolated", "-f", "xlsx", "--lang", lang)
    assert code == 2 and out == ""
    assert ("nhị phân" if lang == "vi" else "binary") in err and "--output" in err


def test_binary_output_goes_to_a_pipe():
    r = subprocess.run(
        [sys.executable, "-m", "cchc_rules", "check", DEMO, "--isolated", "-f", "xlsx"],
        capture_output=True,
        check=False,
    )
    assert r.returncode == 1, r.stderr
    assert zipfile.is_zipfile(io.BytesIO(r.stdout))


TITLE_BLOCK = """[report]
authority = "UBND thành phố Hải Phòng"
inspecting_body = "Sở Nội vụ"
number = "12/KL-SNV"
place = "Hải Phòng"
date = 2025-12-15
title = "Kết luận kiểm tra công tác cải cách hành chính"
team = "Đoàn kiểm tra theo Quyết định số 123/QĐ-SNV"
signer = "Nguyễn Văn A"
signer_title = "Trưởng đoàn"
"""


def test_the_title_block_heads_the_html_and_markdown_reports(tmp_path, capsys):
    cfg = tmp_path / "cchc.toml"
    cfg.write_text(TITLE_BLOCK, encoding="utf-8")
    html, md = tmp_path / "r.html", tmp_path / "r.md"
    for out in (html, md):
        cchc(capsys, "check", DEMO, "--config", str(cfg), "-o", str(out))
    page = html.read_text(encoding="utf-8")
    for text in (
        "UBND thành phố Hải Phòng",
        "Sở Nội vụ",
        "Số: 12/KL-SNV",
        "Hải Phòng, ngày 15 tháng 12 năm 2025",
        "Kết luận kiểm tra công tác cải cách hành chính",
        "Đoàn kiểm tra theo Quyết định số 123/QĐ-SNV",
        "Nguyễn Văn A",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    ):
        assert text in page
    assert page.index("Sở Nội vụ") < page.index("<h1>")
    text = md.read_text(encoding="utf-8")
    assert text.startswith("**UBND thành phố Hải Phòng**")
    assert "# Kết luận kiểm tra công tác cải cách hành chính" in text
    _code, out, _ = cchc(capsys, "config", "--config", str(cfg), "--format", "json")
    assert json.loads(out)["report"]["date"] == "2025-12-15"


def test_without_a_title_block_the_dataset_title_heads_the_report():
    report = engine().run(dataset({"id": "u1"}, title="Báo cáo CCHC năm 2025"))
    html = report.render("html", "vi")
    assert "<h1>Báo cáo CCHC năm 2025</h1>" in html
    assert "CỘNG HÒA" not in html and "Dự thảo" not in html


@pytest.mark.parametrize(
    ("table", "problem"),
    [
        ('[report]\nteem = "x"\n', "report.teem: unknown key “teem”; did you mean “team”?"),
        ("[report]\ndate = 3\n", "report.date:"),
        ("[report]\nsigner = 7\n", "report.signer: expected a string"),
        ('report = "x"\n', "report: expected a table"),
    ],
)
def test_the_title_block_is_validated(tmp_path, capsys, table, problem):
    cfg = tmp_path / "cchc.toml"
    cfg.write_text(table, encoding="utf-8")
    code, _, err = cchc(capsys, "check", DEMO, "--config", str(cfg), "--lang", "en")
    assert code == 2
    assert problem in err


def test_charts_take_each_units_threshold_from_the_configuration():
    ds = dataset(
        {"id": "a", "kind": "phuong", "dossiers": {"resolved_on_time": 95, "resolved_late": 5}},
        {"id": "b", "kind": "quan", "dossiers": {"resolved_on_time": 94, "resolved_late": 6}},
        {"id": "c", "kind": "quan", "dossiers": {"received": 10}},
    )
    cfg = Config(kind_params={"DL004": {"phuong": {"min_on_time_percent": 96}}})
    (chart,) = [c for c in charts(engine(cfg).run(ds)) if c.key == "on_time"]
    assert [(b.unit, b.value, b.threshold, b.below) for b in chart.bars] == [
        ("a", 95.0, 96.0, True),
        ("b", 94.0, 95.0, True),
    ]
    (chart,) = [c for c in charts(engine().run(ds)) if c.key == "on_time"]
    assert [(b.unit, b.below) for b in chart.bars] == [("a", False), ("b", True)]


def test_a_chart_has_no_threshold_when_its_rule_did_not_run():
    ds = dataset({"id": "a", "staffing": [{"quota": 10, "used": 11, "label": "Khối A"}]})
    (chart,) = charts(engine(Config(select=("ST001",))).run(ds))
    assert chart.key == "fill" and chart.bars[0].threshold is None
    assert chart.bars[0].value == 110.0 and chart.bars[0].label == "A — Khối A"
    html = engine(Config(select=("ST001",))).run(ds).render("html", "en")
    assert 'class="chart-fill"' in html and "110%" in html


def test_waivers_and_baseline_states_are_in_every_format(tmp_path, capsys):
    old = tmp_path / "old.json"
    cchc(capsys, "check", DEMO, "--isolated", "-o", str(old))
    cfg = tmp_path / "cchc.toml"
    cfg.write_text(
        '[[waivers]]\nrule = "ST001"\nunit = "phuong-an-hoa"\nreason = "Sáp nhập phường"\n'
        'approver = "Sở Nội vụ"\nexpires = 2099-12-31\n',
        encoding="utf-8",
    )
    outs = {}
    for suffix in ("json", "md", "html", "csv", "xlsx", "xml"):
        out = tmp_path / f"new.{suffix}"
        args = ("--config", str(cfg), "--baseline", str(old), "--ignore", "ST005")
        cchc(capsys, "check", DEMO, *args, "--lang", "en", "-o", str(out))
        outs[suffix] = out
    doc = json.loads(outs["json"].read_text(encoding="utf-8"))
    (waived,) = [f for f in doc["findings"] if f["waiver"]]
    assert (waived["rule"], waived["unit"]) == ("ST001", "phuong-an-hoa")
    assert {f["state"] for f in doc["findings"]} == {"persisting"}
    (gone,) = doc["baseline"]["unverified"]
    assert gone["rule"] == "ST005"
    md = outs["md"].read_text(encoding="utf-8")
    assert "waived: Sáp nhập phường (approved by Sở Nội vụ, until 31/12/2099)" in md
    assert md.count("*persisting*") == len(doc["findings"])
    baseline = md.split("## Compared with the previous report")[1]
    assert "| unverified | ST005 | phuong-an-lac |" in baseline
    assert "## Waivers" in md and "| ST001 | phuong-an-hoa |" in md
    html = outs["html"].read_text(encoding="utf-8")
    assert "Sáp nhập phường" in html and "Compared with the previous report" in html
    rows = list(csv.reader(io.StringIO(outs["csv"].read_text(encoding="utf-8")[1:])))
    head = rows[0]
    waiver, state = head.index("Waiver"), head.index("Compared with the previous report")
    assert [r[waiver] != "" for r in rows[1:]] == [bool(f["waiver"]) for f in doc["findings"]]
    assert {r[state] for r in rows[1:]} == {"persisting"}
    wb = load_workbook(outs["xlsx"])
    assert "Waivers" in wb.sheetnames
    (unverified,) = list(wb["Previous report"].iter_rows(values_only=True))[1:]
    assert unverified[:2] == ("unverified", "ST005")
    root = ET.fromstring(outs["xml"].read_bytes())
    (case,) = [
        c
        for c in root.iter("testcase")
        if c.get("classname").endswith("ST001") and c.get("name") == "phuong-an-hoa"
    ]
    assert case.find("failure") is None and "Sáp nhập phường" in case.find("system-out").text
