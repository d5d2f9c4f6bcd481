"""The document formats (md, html, csv, xlsx, junit) hold the same findings, skips, errors and
summary as the JSON report, on the seed example and a multi-unit example, in both languages."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from openpyxl import load_workbook

from cchc_rules import Config, Engine, hookimpl, load_dataset, rule
from cchc_rules.renderers.labels import EN, VI
from cchc_rules.renderers.md import escape as md_escape

from _support import EXAMPLES, dataset, engine

EXAMPLE_FILES = ("le-chan-2022-h1.toml", "hai-an-demo-2025-h2.toml")
CASES = [(name, lang) for name in EXAMPLE_FILES for lang in ("vi", "en")]
_REPORTS: dict[str, object] = {}


def report_of(name: str):
    if name not in _REPORTS:
        _REPORTS[name] = engine().run(load_dataset(EXAMPLES / name))
    return _REPORTS[name]


def json_doc(name: str, lang: str) -> dict:
    return json.loads(report_of(name).to_json(lang))


class _Text(HTMLParser):
    """The visible text of an html document, and the tags it holds."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.tags: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag in ("style", "title"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("style", "title"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)


def html_text(html: str) -> tuple[str, list[str]]:
    parser = _Text()
    parser.feed(html)
    return " ".join(parser.text), parser.tags


def test_labels_exist_in_both_languages_in_nfc():
    assert set(VI) == set(EN)
    assert all(unicodedata.is_normalized("NFC", v) for v in (*VI.values(), *EN.values()))


def test_the_multi_unit_example_has_findings_skips_and_several_units():
    """The examples exercise what the formats must carry (else the tests below prove little)."""
    seed, demo = json_doc(EXAMPLE_FILES[0], "vi"), json_doc(EXAMPLE_FILES[1], "vi")
    assert len({f["unit"] for f in demo["findings"]}) >= 4
    assert seed["findings"] and seed["skipped"]


@pytest.mark.parametrize(("name", "lang"), CASES)
def test_markdown_holds_every_finding_skip_and_the_summary(name, lang):
    report, doc = report_of(name), json_doc(name, lang)
    md = report.render("md", lang)
    assert md.startswith("# ")  # no title block configured: the dataset title heads it
    for f in doc["findings"]:
        assert f"`{f['fingerprint']}`" in md
    assert md.count("`") == 2 * len(doc["findings"])  # one code span per fingerprint, no more
    summary = "Tổng hợp" if lang == "vi" else "Summary"
    assert f"## {summary}" in md
    total = "Tổng số phát hiện" if lang == "vi" else "Findings in total"
    assert f"| {total} | {doc['summary']['findings']['total']} |" in md
    for s in doc["skipped"]:
        assert f"| {s['unit']} | {s['rule']} |" in md


@pytest.mark.parametrize(("name", "lang"), CASES)
def test_html_holds_every_finding_unit_skip_and_legal_basis(name, lang):
    report, doc = report_of(name), json_doc(name, lang)
    html = report.render("html", lang)
    text, tags = html_text(html)
    assert "script" not in tags and "img" not in tags and "link" not in tags
    assert 'http-equiv="Content-Security-Policy"' in html
    assert f'<html lang="{lang}">' in html
    for f in doc["findings"]:
        assert f["fingerprint"] in text
        assert f["rule"] in text
    for unit in {f["unit"] for f in doc["findings"]}:
        assert f'id="unit-{unit}"' in html
    for s in doc["skipped"]:  # the subject in its column, the reason after it
        assert s["subject"] in text
        assert s["reason"].removeprefix(f"{s['subject']}: ") in text
    for basis in doc["legal_bases"].values():
        assert basis["number"] in text
    assert "<svg" in html  # both examples report figures the charts show
    assert "@page" in html and "counter(page)" in html


@pytest.mark.parametrize(("name", "lang"), CASES)
def test_csv_has_a_bom_and_one_row_per_finding(name, lang):
    report, doc = report_of(name), json_doc(name, lang)
    text = report.render("csv", lang)
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:])))
    head, body = rows[0], rows[1:]
    assert len(body) == len(doc["findings"])
    fp = head.index("Mã nhận diện" if lang == "vi" else "Fingerprint")
    rule = head.index("Quy tắc" if lang == "vi" else "Rule")
    message = head.index("Nội dung" if lang == "vi" else "Message")
    assert [(r[fp], r[rule]) for r in body] == [
        (f["fingerprint"], f["rule"]) for f in doc["findings"]
    ]
    assert [r[message] for r in body] == [f["message"] for f in doc["findings"]]


@pytest.mark.parametrize(("name", "lang"), CASES)
def test_xlsx_opens_and_holds_every_finding_skip_and_the_summary(name, lang):
    report, doc = report_of(name), json_doc(name, lang)
    data = report.render("xlsx", lang)
    assert isinstance(data, bytes)
    wb = load_workbook(io.BytesIO(data))
    findings = wb.worksheets[0]
    assert findings.freeze_panes == "A2"
    assert findings.auto_filter.ref == f"A1:N{len(doc['findings']) + 1}"
    rows = list(findings.iter_rows(values_only=True))
    head = rows[0]
    fp = head.index("Mã nhận diện" if lang == "vi" else "Fingerprint")
    assert [r[fp] for r in rows[1:]] == [f["fingerprint"] for f in doc["findings"]]
    names = wb.sheetnames
    expected = (
        ("Phát hiện", "Tổng hợp", "Đơn vị", "Bỏ qua", "Lỗi")
        if lang == "vi"
        else ("Findings", "Summary", "Units", "Skipped", "Errors")
    )
    assert names[:5] == list(expected)
    summary = {r[0]: r[1] for r in wb[expected[1]].iter_rows(values_only=True) if r[0]}
    total = "Tổng số phát hiện" if lang == "vi" else "Findings in total"
    assert summary[total] == doc["summary"]["findings"]["total"]
    units = list(wb[expected[2]].iter_rows(values_only=True))[1:]
    assert sum(r[3] for r in units) == len(doc["findings"])
    assert {r[0] for r in units} == set(doc["coverage"]["units"])
    skipped = list(wb[expected[3]].iter_rows(values_only=True))[1:]
    assert [(r[0], r[1]) for r in skipped] == [(s["unit"], s["rule"]) for s in doc["skipped"]]
    errors = list(wb[expected[4]].iter_rows(values_only=True))[1:]
    assert len(errors) == len(doc["errors"])


@pytest.mark.parametrize(("name", "lang"), CASES)
def test_junit_has_a_case_per_rule_and_unit_and_fails_what_fails_the_run(name, lang):
    report, doc = report_of(name), json_doc(name, lang)
    root = ET.fromstring(report.render("junit", lang).encode("utf-8"))
    assert root.tag == "testsuites"
    cases = root.findall("./testsuite/testcase")
    cov = doc["coverage"]
    na = {(r, u) for g in cov["not_applicable"] for r in g["rules"] for u in g["units"]}
    applicable = {(r, u) for r in cov["rules"] for u in cov["units"]} - na
    named = {(c.get("classname").rsplit(".", 1)[1], c.get("name")) for c in cases}
    assert int(root.get("tests")) == len(cases) == len(applicable)
    assert named == applicable
    assert {s.get("name").split()[0] for s in root.findall("testsuite")} == set(
        doc["coverage"]["rules"]
    )
    failing = {
        (f["rule"], f["unit"])
        for f, finding in zip(doc["findings"], report.findings, strict=True)
        if report.config.fails((finding,)) and not f["waiver"]
    }
    failed = {
        (c.get("classname").rsplit(".", 1)[1], c.get("name"))
        for c in cases
        if c.find("failure") is not None
    }
    assert failed == failing
    assert int(root.get("failures")) == len(failing)
    skipped = {
        (c.get("classname").rsplit(".", 1)[1], c.get("name"))
        for c in cases
        if c.find("skipped") is not None
    }
    assert skipped == {(s["rule"], s["unit"]) for s in doc["skipped"]} - failing
    text = ET.tostring(root, encoding="unicode")
    for f in doc["findings"]:
        assert f["fingerprint"] in text


@rule("XX901", family="test", severity="error", title="t", messages={"m": {"vi": "v", "en": "e"}})
def _raises_on_b(unit, ctx):
    if unit.id == "b":
        raise ZeroDivisionError("boom")
    yield ctx.finding(unit, "m")


class _Plugin:
    @hookimpl
    def cchc_register_rules(self, register):
        register(_raises_on_b)


def test_rule_errors_are_in_every_format():
    eng = Engine.default(Config(select=("XX",)), plugins=[_Plugin()], entry_points=False, env={})
    report = eng.run(dataset({"id": "a"}, {"id": "b"}))
    assert [e.unit for e in report.rule_errors] == ["b"]
    root = ET.fromstring(report.render("junit", "en"))
    cases = {c.get("name"): c for c in root.iter("testcase")}
    assert cases["b"].find("error").get("type") == "rule_error"
    assert "ZeroDivisionError: boom" in cases["b"].find("error").get("message")
    assert cases["a"].find("failure") is not None
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("2", "1", "1")
    assert "ZeroDivisionError: boom" in report.render("md", "en").split("## Errors")[1]
    assert "ZeroDivisionError: boom" in html_text(report.render("html", "en"))[0]
    wb = load_workbook(io.BytesIO(report.render("xlsx", "en")))
    rows = list(wb["Errors"].iter_rows(values_only=True))
    assert len(rows) == 2 and "ZeroDivisionError: boom" in rows[1][2] and rows[1][0] == "rule"


def test_junit_puts_findings_that_do_not_fail_the_run_in_the_output():
    ds = dataset(
        {"staffing": [{"category": "cong_chuc", "label": "Khối A", "quota": 40, "used": 30}]}
    )
    report = engine(Config(select=("ST005",), fail_on="error")).run(ds)
    assert [f.rule for f in report.findings] == ["ST005"]  # info: does not fail the run
    root = ET.fromstring(report.render("junit", "en"))
    (case,) = root.findall("./testsuite/testcase")
    assert case.find("failure") is None
    assert "ST005" in case.find("system-out").text
    report = engine(Config(select=("ST005",), fail_on="info")).run(ds)
    (case,) = ET.fromstring(report.render("junit", "en")).findall("./testsuite/testcase")
    assert case.find("failure").get("type") == "info"


def test_data_errors_are_in_every_format():
    report = engine().run(load_dataset(EXAMPLES / "bad" / "one-bad-unit.json"))
    doc = json.loads(report.to_json("en"))
    data = [e for e in doc["errors"] if e["kind"] == "data"]
    assert data
    root = ET.fromstring(report.render("junit", "en"))
    (suite,) = [s for s in root.findall("testsuite") if s.get("name") == "cchc.data"]
    assert int(suite.get("errors")) == len(data) == len(suite.findall("testcase/error"))
    assert [c.find("error").get("message") for c in suite] == [e["message"] for e in data]
    md = report.render("md", "en").split("## Errors")[1].split("##")[0]
    text = html_text(report.render("html", "en"))[0]
    for e in data:
        assert md_escape(e["message"]) in md
        assert e["message"] in text
    wb = load_workbook(io.BytesIO(report.render("xlsx", "en")))
    rows = list(wb["Errors"].iter_rows(values_only=True))[1:]
    assert [r[2] for r in rows] == [e["message"] for e in doc["errors"]]
