"""Report.message / text / basis_text: one calling convention (``lang=``), old positional calls
still working with a DeprecationWarning, wrong calls failing at once with a clear TypeError; and
one rule for prefixes: a finding's message and a skip's reason are shown as written."""

from __future__ import annotations

import json
import warnings

import pytest

from cchc_rules import Example, Finding, rule
from cchc_rules.renderers.table import render_table
from cchc_rules.testing import assert_findings, assert_skipped, run_rule, unit


def _report():  # type: ignore[no-untyped-def]
    block = {"category": "cong_chuc", "label": "Khối A", "quota": 100, "used": 103}
    return run_rule("ST001", unit(kind="quan", staffing=[block]))


# -- one calling convention -------------------------------------------------------------------
def test_lang_is_a_keyword_everywhere() -> None:
    report = _report()
    (f,) = report.findings
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the keyword style never warns
        assert (
            report.message(f, lang="en") == "Khối A: 103 staff used against a quota of 100, 3 over"
        )
        assert report.text("label.rule", lang="vi") == "Quy tắc"
        assert report.text("skip.missing_fields", {"fields": "used"}, lang="en") == (
            "figures not reported: used"
        )
        assert report.basis_text(f.basis, lang="en").startswith("Decree ")


def test_the_default_language_is_vietnamese() -> None:
    report = _report()
    (f,) = report.findings
    assert report.message(f) == report.message(f, lang="vi")
    assert report.message(f).endswith("vượt 3 người")


@pytest.mark.parametrize(
    "call",
    [
        lambda r, f: (r.message(f, "en"), r.message(f, lang="en")),
        lambda r, f: (r.text("label.rule", None, "en"), r.text("label.rule", lang="en")),
        lambda r, f: (r.basis_text(f.basis, "en"), r.basis_text(f.basis, lang="en")),
    ],
    ids=["message", "text", "basis_text"],
)
def test_old_positional_language_still_works_with_a_deprecation_warning(call) -> None:  # type: ignore[no-untyped-def]
    report = _report()
    (f,) = report.findings
    with pytest.warns(DeprecationWarning, match="lang="):
        old, new = call(report, f)
    assert old == new


def test_wrong_calls_fail_at_once_naming_the_argument() -> None:
    report = _report()
    (f,) = report.findings
    # the arguments of text() in message()'s order: the mistake that used to fail deep down
    with pytest.raises(TypeError, match=r"params must be a mapping.*lang='vi'"):
        report.text("skip.missing_fields", "vi", {"fields": "used"})  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="lang must be a language code"):
        report.message(f, lang={"fields": "used"})  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        report.message(f, lang="fr")
    with pytest.raises(TypeError, match="takes a Finding or a Skip"):
        report.message("ST001.over", lang="vi")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="basis must be a sequence of legal-basis ids"):
        report.basis_text("nd-62-2020", lang="vi")
    with pytest.raises(TypeError, match="message_id must be"):
        report.text({"fields": "used"}, lang="vi")  # type: ignore[arg-type]
    with pytest.raises(TypeError):  # both a positional and a keyword language
        report.message(f, "vi", lang="en")  # type: ignore[misc]


# -- one rule for prefixes ----------------------------------------------------------------------
@rule(
    "PX001",
    family="test",
    severity="warning",
    section="staffing",
    title={"vi": "Kiểm thử tiền tố", "en": "Prefix test"},
    messages={
        "low": {"vi": "{subject}: sử dụng {used}", "en": "{subject}: {used} used"},
        "whole": {"vi": "cả đơn vị: {n} khối", "en": "whole unit: {n} blocks"},
        "no_used": {"vi": "{subject}: thiếu số liệu", "en": "{subject}: figures missing"},
        "plain": {"vi": "không có nhãn", "en": "no label"},
    },
    examples=[Example(unit={"staffing": []}, fires=False)],
)
def px001(u, ctx):  # type: ignore[no-untyped-def]
    """Findings and skips with and without the subject in their templates."""
    for block in u.staffing:
        if block.label:
            yield ctx.finding(u, "low", subject=block.label, used=block.used)
            yield ctx.skip(u, "no_used", subject=block.label)
        else:
            yield ctx.skip(u, "plain", subject=block.category)
    yield ctx.finding(u, "whole", subject="staffing", n=len(u.staffing))


def _prefix_report():  # type: ignore[no-untyped-def]
    blocks = [
        {"category": "cong_chuc", "label": "Khối A", "quota": 10, "used": 9},
        {"category": "vien_chuc", "quota": 10, "used": 9},
    ]
    return run_rule(px001, unit(staffing=blocks))


def test_findings_and_skips_are_shown_as_written_nothing_put_before() -> None:
    report = _prefix_report()
    (low,) = assert_findings(report, message="low")
    (whole,) = assert_findings(report, message="whole")
    (named,) = assert_skipped(report, reason="no_used", subject="Khối A")
    (plain,) = assert_skipped(report, reason="plain", subject="vien_chuc")
    assert report.message(low, lang="en") == "Khối A: 9 used"
    assert (
        report.message(whole, lang="en") == "whole unit: 2 blocks"
    )  # subject "staffing" not shown
    assert report.message(named, lang="en") == "Khối A: figures missing"
    assert report.message(plain, lang="en") == "no label"  # subject "vien_chuc" not shown


def test_the_table_and_json_show_each_subject_once() -> None:
    report = _prefix_report()
    table = render_table(report, "en", width=200)
    assert table.count("Khối A:") == 2  # the finding and the skip, once each
    assert "Khối A: Khối A" not in table
    assert "vien_chuc" not in table
    doc = json.loads(report.to_json(lang="en"))
    assert {s["reason"] for s in doc["skipped"]} == {"Khối A: figures missing", "no label"}
    assert {s["subject"] for s in doc["skipped"]} == {"Khối A", "vien_chuc"}  # still given apart
    assert {f["message"] for f in doc["findings"]} == {"Khối A: 9 used", "whole unit: 2 blocks"}


def test_built_in_skips_name_their_subject_once() -> None:
    block = {"category": "cong_chuc", "label": "Công chức xã", "quota": 10, "used": 9}
    report = run_rule("ST002", unit(kind="xa", staffing=[block]))
    (skip,) = assert_skipped(report, rule="ST002", subject="Công chức xã")
    assert report.message(skip, lang="vi") == (
        "Công chức xã: không báo cáo số hợp đồng ngoài chỉ tiêu (contract_outside_quota)"
    )
    table = render_table(report, "vi", width=200)
    assert table.count("Công chức xã") == 1


def test_a_finding_is_what_the_report_renders() -> None:
    report = _report()
    (f,) = report.findings
    assert isinstance(f, Finding)
    doc = json.loads(report.to_json(lang="en"))
    assert doc["findings"][0]["message"] == report.message(f, lang="en")
