"""The JUnit report shows a skip's message as every other format does (`Report.message`): never
an internal subject key put before it ("stated_notified_percent: …"), never the subject twice."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from cchc_rules.renderers.junit import render_junit
from cchc_rules.report import Report

from _support import run

NOTIFIED_ONLY = {"digital_id": {"stated_notified_percent": "99"}}
PROCEDURES = {
    "procedures": [
        {"name": "Cấp phép A", "regulated_days": 15, "day_type": "working", "actual_days": 16},
        {"name": "Đăng ký B", "actual_days": 3},  # no deadline to compare with: skipped
    ]
}


def _case(report: Report, lang: str, rule: str) -> ET.Element:
    root = ET.fromstring(render_junit(report, lang).split("\n", 1)[1])
    cases = [c for c in root.iter("testcase") if c.get("classname", "").endswith(f".{rule}")]
    assert len(cases) == 1
    return cases[0]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_skip_with_an_internal_subject_key_shows_only_its_message(lang: str) -> None:
    report = run(NOTIFIED_ONLY, select="CS002")
    (skip,) = report.skipped
    assert skip.subject == "stated_notified_percent"
    skipped = _case(report, lang, "CS002").find("skipped")
    assert skipped is not None
    assert skipped.get("message") == report.message(skip, lang=lang)
    assert "stated_notified_percent" not in (skipped.get("message") or "")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_skip_beside_a_failure_is_listed_in_the_output_as_written(lang: str) -> None:
    report = run(PROCEDURES, select="DL001")
    (skip,) = report.skipped
    message = report.message(skip, lang=lang)
    assert message.startswith("Đăng ký B: ")  # this rule's skip names its subject itself
    case = _case(report, lang, "DL001")
    assert case.find("failure") is not None and case.find("skipped") is None
    label = {"vi": "bỏ qua", "en": "skipped"}[lang]
    out = case.findtext("system-out") or ""
    assert f"{label}: {message}" in out.splitlines()
    assert "Đăng ký B Đăng ký B" not in out and "Đăng ký B: Đăng ký B" not in out
