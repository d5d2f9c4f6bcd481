"""Deadline rules DL001–DL006 at their boundaries, in both languages, with the law by period."""

from __future__ import annotations

import pytest

from cchc_rules import Config, Severity, load_dataset
from cchc_rules.testing import assert_examples, assert_skipped, lint_rule

from _support import EXAMPLES, dataset, engine, fired, run

RULES = ("DL001", "DL002", "DL003", "DL004", "DL005", "DL006")
H1_2022 = ("2022-01-01", "2022-06-30")
H2_2025 = ("2025-07-01", "2025-12-31")


def proc(**kw):
    return {"procedures": [{"name": "Cấp giấy phép xây dựng", **kw}]}


def dossiers(**kw):
    return {"dossiers": kw}


def only(report, rule):
    """The single finding of ``rule`` in ``report``."""
    (f,) = [f for f in report.findings if f.rule == rule]
    return f


@pytest.mark.parametrize("rule_id", RULES)
def test_declared_examples_hold_and_messages_are_complete(rule_id):
    assert_examples(rule_id)
    assert lint_rule(engine().registry.rules[rule_id]) == ()


# --- DL001 -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("fields", "severity"),
    [
        ({"regulated_days": 15, "actual_days": 15}, None),
        ({"regulated_days": 15, "actual_days": 15.5}, Severity.ERROR),
        ({"regulated_days": 15, "committed_days": 10, "actual_days": 10}, None),
        ({"regulated_days": 15, "committed_days": 10, "actual_days": 11}, Severity.WARNING),
        ({"regulated_days": 15, "actual_days": 9, "actual_days_max": 15}, None),
        ({"regulated_days": 15, "actual_days": 9, "actual_days_max": 16}, Severity.WARNING),
        ({"committed_days": 10, "actual_days": 11}, Severity.WARNING),
        ({"regulated_days": 15, "actual_days_max": 16}, Severity.WARNING),
    ],
)
def test_dl001_boundaries(fields, severity):
    report = run(proc(**fields), select="DL001")
    assert [f.severity for f in report.findings] == ([severity] if severity else [])


def test_dl001_statutory_excess_wins_over_the_others():
    report = run(
        proc(regulated_days=15, committed_days=12, actual_days=18, actual_days_max=20),
        select="DL001",
    )
    f = only(report, "DL001")
    assert f.severity is Severity.ERROR
    assert f.message == "DL001.over_statutory"
    assert f.evidence["excess_days"] == 3


@pytest.mark.parametrize(
    ("day_type", "vi", "en"),
    [
        (
            "working",
            "Cấp giấy phép xây dựng: thời gian giải quyết thực tế 18 ngày làm việc, thời hạn "
            "theo quy định 15 ngày làm việc, vượt 3 ngày làm việc",
            "Cấp giấy phép xây dựng: typical processing time 18 exceeds the statutory 15 by 3 "
            "(working days)",
        ),
        (
            "calendar",
            "Cấp giấy phép xây dựng: thời gian giải quyết thực tế 18 ngày, thời hạn theo quy "
            "định 15 ngày, vượt 3 ngày",
            "Cấp giấy phép xây dựng: typical processing time 18 exceeds the statutory 15 by 3 "
            "(calendar days)",
        ),
        (
            None,
            "Cấp giấy phép xây dựng: thời gian giải quyết thực tế 18 ngày, thời hạn theo quy "
            "định 15 ngày, vượt 3 ngày",
            "Cấp giấy phép xây dựng: typical processing time 18 exceeds the statutory 15 by 3 "
            "(days)",
        ),
    ],
)
def test_dl001_messages_name_the_kind_of_day(day_type, vi, en):
    fields = {"regulated_days": 15, "actual_days": 18}
    if day_type:
        fields["day_type"] = day_type
    report = run(proc(**fields), select="DL001")
    f = only(report, "DL001")
    assert f.evidence["day_type"] == day_type
    assert report.message(f, lang="vi") == vi
    assert report.message(f, lang="en") == en


def test_dl001_fractional_days_are_exact_in_the_evidence():
    f = only(run(proc(regulated_days=1.2, actual_days=2.5), select="DL001"), "DL001")
    assert f.evidence["excess_days"] == 1.3


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"regulated_days": 15}, "DL001.no_actual"),
        ({"actual_days": 30}, "DL001.no_limit"),
        ({"committed_days": 10, "actual_days_max": 12}, "DL001.no_limit"),
    ],
)
def test_dl001_missing_figures_skip_with_the_subject(fields, reason):
    report = run(proc(**fields), select="DL001")
    (s,) = assert_skipped(report, rule="DL001", reason=reason)
    assert s.subject == "Cấp giấy phép xây dựng"
    assert report.findings == ()


def test_dl001_subject_key_is_the_code_else_the_casefolded_name():
    report = run(
        {
            "procedures": [
                {"name": "Thủ tục A", "code": "1.001", "regulated_days": 3, "actual_days": 4},
                {"name": "Thủ tục  B", "regulated_days": 3, "actual_days": 4},
            ]
        },
        select="DL001",
    )
    assert sorted(f.key for f in report.findings) == ["1.001", "thủ tục b"]


def test_dl001_a_procedure_listed_twice_gives_one_finding():
    twice = {"name": "Thủ tục A", "regulated_days": 3, "actual_days": 4}
    report = run({"procedures": [twice, dict(twice, name="THỦ TỤC A")]}, select="DL001")
    assert len(report.findings) == 1


@pytest.mark.parametrize("rule_id", ["DL001", "DL002", "DL003"])
def test_the_first_procedure_listed_under_a_key_is_the_one_checked(rule_id):
    fine = {"name": "A", "code": "1.001", "regulated_days": 5, "actual_days": 3}
    late = {"name": "B", "code": " 1.001 ", "regulated_days": 3, "committed_days": 5}
    late |= {"actual_days": 4, "claimed_reduction_days": 2}
    other = dict(late, code="1.002")
    report = run({"procedures": [fine, late, other]}, select=rule_id)
    assert {f.key for f in report.findings} == {"1.002"}
    report = run({"procedures": [late, fine, other]}, select=rule_id)
    assert {f.key for f in report.findings} == {"1.001", "1.002"}


# --- DL002 -----------------------------------------------------------------------------------
@pytest.mark.parametrize(("claimed", "fires"), [(1, False), (2, True), (0.5, True)])
def test_dl002_claimed_days_against_statutory_minus_actual(claimed, fires):
    report = run(
        proc(regulated_days=3, actual_days=2, claimed_reduction_days=claimed), select="DL002"
    )
    assert bool(fired(report, "DL002")) is fires


def test_dl002_mismatch_evidence_and_messages():
    report = run(
        proc(regulated_days=3, day_type="working", actual_days=2, claimed_reduction_days=2),
        select="DL002",
    )
    f = only(report, "DL002")
    assert f.severity is Severity.WARNING
    assert f.evidence["reduction_days"] == 1
    assert f.evidence["claimed_reduction_days"] == 2
    assert report.message(f, lang="vi") == (
        "Cấp giấy phép xây dựng: mức cắt giảm thời gian giải quyết nêu trong báo cáo là 2 ngày "
        "làm việc, nhưng thời hạn theo quy định 3 − thực tế 2 = 1 ngày làm việc"
    )
    assert report.message(f, lang="en") == (
        "Cấp giấy phép xây dựng: a reduction of 2 is claimed, but statutory 3 − actual 2 = 1 "
        "(working days)"
    )


@pytest.mark.parametrize(
    ("regulated", "actual", "claimed", "fires"),
    [
        (10, 7, 30, False),  # exactly 30 %
        (10, 7, 35, True),
        (15, 10, 33, False),  # 33.33 % written as 33: within half a unit
        (15, 10, 33.3, False),  # within 0.05
        (15, 10, 33.4, True),  # 0.067 off at one decimal
        (200, 149, 25, False),  # 25.5 %: exactly half a unit off passes
        (500, 372, 25, True),  # 25.6 %
    ],
)
def test_dl002_claimed_percent_to_half_a_unit_of_its_last_decimal(
    regulated, actual, claimed, fires
):
    report = run(
        proc(regulated_days=regulated, actual_days=actual, claimed_reduction_percent=claimed),
        select="DL002",
    )
    assert bool(fired(report, "DL002")) is fires


def test_dl002_both_claims_wrong_is_one_finding():
    report = run(
        proc(
            regulated_days=10,
            actual_days=7,
            claimed_reduction_days=4,
            claimed_reduction_percent=40,
        ),
        select="DL002",
    )
    f = only(report, "DL002")
    assert f.message == "DL002.mismatch_both"
    assert f.evidence["reduction_percent"] == 30
    assert report.message(f, lang="en") == (
        "Cấp giấy phép xây dựng: a reduction of 4 (40%) is claimed, but statutory 10 − actual 7 "
        "= 3 (30%; days)"
    )


def test_dl002_no_statutory_baseline_is_unverifiable_and_shows_the_implied_one():
    report = run(proc(actual_days=30, claimed_reduction_days=15), select="DL002")
    f = only(report, "DL002")
    assert f.severity is Severity.WARNING
    assert f.evidence["implied_regulated_days"] == 45
    assert report.message(f, lang="vi").endswith("số liệu ngụ ý thời hạn 30 + 15 = 45 ngày")
    assert report.message(f, lang="en").endswith(
        "it implies a statutory time of 30 + 15 = 45 (days)"
    )


def test_dl002_percent_with_no_baseline_implies_actual_over_the_remaining_share():
    report = run(proc(actual_days=7, claimed_reduction_percent=30), select="DL002")
    f = only(report, "DL002")
    assert f.message == "DL002.unverifiable_percent"
    assert f.evidence["implied_regulated_days"] == 10


def test_dl002_claim_with_nothing_to_compute_from_is_still_unverifiable():
    f = only(run(proc(claimed_reduction_days=15), select="DL002"), "DL002")
    assert f.message == "DL002.unverifiable"
    assert "implied_regulated_days" not in f.evidence


def test_dl002_no_claim_nothing_to_check_and_no_actual_is_skipped():
    assert run(proc(regulated_days=3, actual_days=2), select="DL002").findings == ()
    report = run(proc(regulated_days=3, claimed_reduction_days=1), select="DL002")
    assert_skipped(report, rule="DL002", reason="DL002.no_actual")
    assert report.findings == ()


# --- DL003 -----------------------------------------------------------------------------------
@pytest.mark.parametrize(("committed", "fires"), [(3, False), (2, False), (3.5, True)])
def test_dl003_published_deadline_against_the_statutory_one(committed, fires):
    report = run(proc(regulated_days=3, committed_days=committed), select="DL003")
    assert bool(fired(report, "DL003")) is fires


def test_dl003_messages():
    report = run(proc(regulated_days=3, committed_days=5, day_type="working"), select="DL003")
    f = only(report, "DL003")
    assert f.severity is Severity.ERROR
    assert report.message(f, lang="vi") == (
        "Cấp giấy phép xây dựng: thời hạn công bố 5 ngày làm việc dài hơn thời hạn theo quy định "
        "3 ngày làm việc (2 ngày làm việc)"
    )
    assert report.message(f, lang="en") == (
        "Cấp giấy phép xây dựng: the published deadline of 5 is longer than the statutory 3 by 2 "
        "(working days)"
    )


def test_dl003_without_a_statutory_time_is_skipped_and_without_a_published_one_silent():
    report = run(proc(committed_days=5), select="DL003")
    assert_skipped(report, rule="DL003", reason="DL003.no_regulated")
    quiet = run(proc(regulated_days=3, actual_days=2), select="DL003")
    assert quiet.findings == () and quiet.skipped == ()


# --- DL004 -----------------------------------------------------------------------------------
@pytest.mark.parametrize(("on_time", "fires"), [(950, False), (949, True), (1000, False)])
def test_dl004_exactly_at_the_target_passes(on_time, fires):
    report = run(
        dossiers(received=1000, resolved_on_time=on_time, resolved_late=1000 - on_time),
        select="DL004",
    )
    assert bool(fired(report, "DL004")) is fires


def test_dl004_evidence_and_messages():
    report = run(
        dossiers(received=500, resolved_early=100, resolved_on_time=300, resolved_late=40),
        select="DL004",
    )
    f = only(report, "DL004")
    assert f.severity is Severity.WARNING
    assert f.evidence["on_time"] == 400 and f.evidence["resolved"] == 440
    assert f.evidence["on_time_percent"] == 90.91
    assert report.message(f, lang="vi") == (
        "giải quyết đúng và trước hạn 400/440 hồ sơ = 90,91% (ngưỡng 95%)"
        " — ngưỡng tham chiếu của công cụ (không phải quy định pháp luật)"
    )
    assert report.message(f, lang="en") == (
        "400 of 440 resolved dossiers early or on time = 90.91% (threshold 95%)"
        " — a reference threshold of the tool, not a legal requirement"
    )


def test_dl004_stated_resolved_total_when_late_is_not_given():
    report = run(dossiers(received=100, resolved_on_time=90, resolved=100), select="DL004")
    assert only(report, "DL004").evidence["resolved"] == 100


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"received": 2807}, "DL004.no_on_time"),
        ({"received": 100, "resolved_late": 3}, "DL004.no_on_time"),
        ({"received": 100, "resolved_on_time": 100, "pending_in_time": 0}, "DL004.no_late"),
        ({"received": 5, "resolved_on_time": 0, "resolved_late": 0}, "DL004.none_resolved"),
    ],
)
def test_dl004_skipped_with_the_reason(fields, reason):
    report = run(dossiers(**fields), select="DL004")
    assert_skipped(report, rule="DL004", reason=reason)
    assert report.findings == ()


def test_dl004_threshold_is_a_parameter():
    data = dossiers(received=1000, resolved_on_time=975, resolved_late=25)
    assert run(data, select="DL004").findings == ()
    stricter = engine(Config(select=("DL004",), params={"DL004": {"min_on_time_percent": 97.6}}))
    (f,) = stricter.run(dataset(data)).findings
    assert f.evidence["min_on_time_percent"] == 97.6


# --- DL005 -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("fields", "missing"),
    [
        ({"resolved_late": 50, "apology_slips": 50}, None),
        ({"resolved_late": 51, "apology_slips": 49}, 2),
        ({"resolved_late": 40, "pending_overdue": 10, "apology_slips": 49}, 1),
        ({"pending_overdue": 10, "apology_slips": 10}, None),
        ({"pending_overdue": 10, "apology_slips": 0}, 10),
        ({"resolved_late": 0, "pending_overdue": 0}, None),
    ],
)
def test_dl005_one_slip_per_overdue_dossier(fields, missing):
    report = run(dossiers(received=100, **fields), select="DL005")
    if missing is None:
        assert report.findings == () and report.skipped == ()
    else:
        f = only(report, "DL005")
        assert f.severity is Severity.ERROR
        assert f.evidence["missing"] == missing


def test_dl005_messages():
    report = run(
        dossiers(received=500, resolved_late=40, pending_overdue=10, apology_slips=12),
        select="DL005",
    )
    f = only(report, "DL005")
    assert report.message(f, lang="vi") == (
        "50 hồ sơ quá hạn (40 giải quyết quá hạn, 10 đang quá hạn) nhưng chỉ có 12 phiếu xin lỗi, "
        "thiếu 38"
    )
    assert report.message(f, lang="en") == (
        "50 overdue dossiers (40 resolved late, 10 pending overdue) but only 12 apology slips, "
        "38 missing"
    )


def test_dl005_slips_not_given_is_skipped_naming_the_overdue_count():
    report = run(dossiers(received=100, resolved_on_time=70, resolved_late=30), select="DL005")
    (s,) = assert_skipped(report, rule="DL005", reason="DL005.no_slips")
    assert s.params == {"overdue": 30}
    assert report.text(s.reason, s.params, lang="vi") == (
        "có 30 hồ sơ quá hạn nhưng không báo cáo số phiếu xin lỗi (apology_slips)"
    )
    assert report.findings == ()


def test_dl005_no_overdue_figure_at_all_is_nothing_to_check():
    report = run(dossiers(received=100, resolved_on_time=100), select="DL005")
    assert report.findings == () and report.skipped == ()


# --- DL006 -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "result",
    [
        "resolved_early",
        "resolved_on_time",
        "resolved_late",
        "pending_in_time",
        "pending_overdue",
        "resolved",
        "pending",
    ],
)
def test_dl006_any_result_figure_even_zero_is_enough(result):
    assert run(dossiers(received=10, **{result: 0}), select="DL006").findings == ()


def test_dl006_received_without_results_and_messages():
    report = run(dossiers(received=2807, received_online=1007), select="DL006")
    f = only(report, "DL006")
    assert f.severity is Severity.WARNING
    assert dict(f.evidence) == {"received": 2807, "count_used": "received"}
    assert report.message(f, lang="vi") == (
        "tiếp nhận 2.807 hồ sơ nhưng không báo cáo kết quả giải quyết (đúng hạn, trước hạn, quá "
        "hạn, đang giải quyết)"
    )
    assert report.message(f, lang="en") == (
        "2,807 dossiers received but no result reported (on time, early, late, pending)"
    )


def test_dl006_nothing_received_passes_and_received_not_given_is_skipped():
    assert run(dossiers(received=0), select="DL006").findings == ()
    report = run(dossiers(received_online=5), select="DL006")
    (s,) = assert_skipped(report, rule="DL006", reason="skip.missing_fields")
    assert s.params == {"fields": "received, received_total"}


# --- legal basis by period -------------------------------------------------------------------
@pytest.mark.parametrize(
    ("period", "bases"),
    [
        (H1_2022, ("nd-61-2018", "nd-107-2021")),
        (H2_2025, ("nd-118-2025", "tt-03-2025-vpcp")),
        (
            ("2025-01-01", "2025-12-31"),
            ("nd-61-2018", "nd-107-2021", "nd-118-2025", "tt-03-2025-vpcp"),
        ),
        (("2025-06-30", "2025-06-30"), ("nd-61-2018", "nd-107-2021")),
        # Thông tư 03/2025/TT-VPCP, which guides 118/2025, from 15/9/2025
        (("2025-07-01", "2025-09-14"), ("nd-118-2025",)),
        (("2025-09-15", "2025-09-15"), ("nd-118-2025", "tt-03-2025-vpcp")),
    ],
)
def test_dl_findings_cite_the_one_stop_shop_decrees_in_force(period, bases):
    data = {**dossiers(received=10), **proc(regulated_days=3, actual_days=4)}
    report = run(data, select=("DL001", "DL006"), period=period)
    assert {f.rule for f in report.findings} == {"DL001", "DL006"}
    for f in report.findings:
        assert f.basis == bases
    texts = {report.basis_text(f.basis, lang="vi") for f in report.findings}
    if period == H2_2025:
        assert texts == {"Nghị định 118/2025/NĐ-CP; Thông tư 03/2025/TT-VPCP"}


# --- the shipped examples --------------------------------------------------------------------
def test_seed_report_gives_dl002_land_use_and_dl006_only():
    report = engine().run(load_dataset(EXAMPLES / "le-chan-2022-h1.toml"))
    dl = [f for f in report.findings if f.family == "deadlines"]
    assert sorted((f.rule, f.subject) for f in dl) == [
        ("DL002", "Cấp Giấy chứng nhận quyền sử dụng đất"),
        ("DL006", ""),
    ]
    dl002 = only(report, "DL002")
    assert dl002.evidence["implied_regulated_days"] == 45
    assert only(report, "DL006").evidence["received"] == 2807
    assert all(f.basis == ("nd-61-2018", "nd-107-2021") for f in dl)


def test_demo_2025_gives_the_announced_deadline_violations_and_nothing_else():
    report = engine().run(load_dataset(EXAMPLES / "hai-an-demo-2025-h2.toml"))
    dl = sorted(
        (f.rule, f.unit, f.subject, f.severity.label)
        for f in report.findings
        if f.family == "deadlines"
    )
    assert dl == [
        ("DL001", "phuong-an-binh", "Cấp giấy phép xây dựng nhà ở riêng lẻ", "error"),
        ("DL002", "phuong-an-binh", "Xác nhận tình trạng hôn nhân", "warning"),
        ("DL003", "phuong-an-binh", "Cấp Giấy chứng nhận đăng ký hộ kinh doanh", "error"),
        ("DL004", "phuong-an-hoa", "", "warning"),
        ("DL005", "phuong-an-hoa", "", "error"),
    ]
    assert not [s for s in report.skipped if s.rule.startswith("DL")]
    assert all(
        f.basis == ("nd-118-2025", "tt-03-2025-vpcp")
        for f in report.findings
        if f.family == "deadlines"
    )


# --- DL004 counts overdue pending dossiers (QĐ 766/QĐ-TTg progress indicator) ---------------
@pytest.mark.parametrize(
    ("pending_overdue", "fires"),
    [(0, False), (None, False), (1, True)],
)
def test_dl004_counts_overdue_pending_dossiers(pending_overdue, fires):
    # 95 on time of 100 resolved = exactly 95 %; one overdue pending dossier makes it 95 / 101
    fields = {"received": 200, "resolved_on_time": 95, "resolved_late": 5}
    if pending_overdue is not None:
        fields["pending_overdue"] = pending_overdue
    report = run({"kind": "phuong", "dossiers": fields}, select="DL004")
    assert bool(report.findings) is fires
    if fires:
        (f,) = report.findings
        assert f.message == "DL004.low_pending"
        assert (f.evidence["counted"], f.evidence["on_time_percent"]) == (101, 94.06)
        assert report.message(f, lang="vi").startswith(
            "giải quyết đúng và trước hạn 95/101 hồ sơ = 94,06% (tính cả 1 hồ sơ đang giải "
            "quyết quá hạn; ngưỡng 95%)"
        )


def test_dl004_nothing_resolved_but_overdue_pending_is_counted():
    fields = {"received": 10, "resolved_on_time": 0, "resolved_late": 0, "pending_overdue": 3}
    (f,) = run({"kind": "phuong", "dossiers": fields}, select="DL004").findings
    assert f.evidence["on_time_percent"] == 0


# --- DL005 on an aggregating unit: no repetition of its subordinates' missing slips ------------
def _tree(parent_slips, child_slips, parent_late=50, child_late=40):
    parent = {
        "id": "city",
        "kind": "thanh_pho",
        "dossiers": {
            "resolved_late": parent_late,
            "pending_overdue": 0,
            "apology_slips": parent_slips,
        },
    }
    child = {
        "id": "ward",
        "kind": "phuong",
        "parent": "city",
        "dossiers": {
            "resolved_late": child_late,
            "pending_overdue": 0,
            "apology_slips": child_slips,
        },
    }
    return run(parent, child, select="DL005")


@pytest.mark.parametrize(
    ("parent_slips", "child_slips", "on_parent"),
    [
        (40, 30, None),  # parent misses 10, the ward's 10: already reported on the ward
        (41, 30, None),  # parent misses 9, fewer than the ward's 10
        (39, 30, 1),  # parent misses 11: one more than the ward's
        (40, 40, 10),  # the ward has every slip: the parent's 10 are its own
    ],
)
def test_dl005_aggregate_does_not_repeat_its_subordinates(parent_slips, child_slips, on_parent):
    report = _tree(parent_slips, child_slips)
    found = [f for f in report.findings if f.unit == "city"]
    if on_parent is None:
        assert found == []
    else:
        (f,) = found
        assert f.evidence["missing"] == on_parent


def test_dl005_aggregate_message_names_what_the_subordinates_report():
    report = _tree(39, 30)
    (f,) = [f for f in report.findings if f.unit == "city"]
    assert f.message == "DL005.missing_beyond"
    assert report.message(f, lang="vi") == (
        "50 hồ sơ quá hạn nhưng chỉ có 39 phiếu xin lỗi, thiếu 11, trong đó 10 đã nêu ở các đơn "
        "vị trực thuộc; còn thiếu 1"
    )
