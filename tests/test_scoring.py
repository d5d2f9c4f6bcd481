"""Scoring rules SC001–SC004 (what inspectors score units on) at their boundaries, in both
languages, with missing figures, and the explain page of each."""

from __future__ import annotations

import pytest

from cchc_rules import Config, Severity
from cchc_rules.cli.info import explain_text
from cchc_rules.testing import assert_examples, assert_skipped, lint_rule

from _support import dataset, engine, run

RULES = ("SC001", "SC002", "SC003", "SC004")
YEAR = ("2023-01-01", "2023-12-31")
H1 = ("2023-01-01", "2023-06-30")


def dossiers(**kw):
    return {"kind": "phuong", "dossiers": kw}


def findings(report, rule):
    return [f for f in report.findings if f.rule == rule]


@pytest.mark.parametrize("rule_id", RULES)
def test_declared_examples_hold_and_messages_are_complete(rule_id):
    assert_examples(rule_id)
    assert lint_rule(engine().registry.rules[rule_id]) == ()


@pytest.mark.parametrize("rule_id", RULES)
def test_explain_page_gives_params_basis_and_examples(rule_id):
    eng = engine()
    rule = eng.registry.rules[rule_id]
    text = "\n".join(str(t) for t in explain_text(rule, eng, "vi"))
    assert "Ví dụ" in text and "[phát hiện]" in text and "[không phát hiện" in text
    for p in rule.params:
        assert p.name in text and "ngưỡng tham chiếu của công cụ" in text
    if rule.basis:
        assert "766/QĐ-TTg" in text


# --- SC001 -----------------------------------------------------------------------------------
def test_sc001_computes_each_group_the_data_holds():
    report = run(
        dossiers(
            received=200,
            digitised=150,
            resolved_early=10,
            resolved_on_time=80,
            resolved_late=6,
            pending_overdue=4,
            received_online=30,
            received_online_eligible=120,
            paid_online=9,
            payable=10,
        ),
        select="SC001",
    )
    got = {f.message.split(".")[1]: f for f in report.findings}
    assert set(got) == {"progress", "digitisation", "online", "payment"}
    assert all(f.severity is Severity.INFO for f in got.values())
    # an overdue pending dossier counts against progress, as in the index
    assert (got["progress"].evidence["part"], got["progress"].evidence["whole"]) == (90, 100)
    assert got["progress"].evidence["percent"] == 90
    assert got["digitisation"].evidence["percent"] == 75
    assert got["online"].evidence["percent"] == 25
    assert got["payment"].evidence["percent"] == 90
    assert got["progress"].basis == ("qd-766-2022",)
    assert report.message(got["progress"], lang="vi") == (
        "nhóm tiến độ, kết quả giải quyết: 90/100 hồ sơ giải quyết trước và đúng hạn (tính cả "
        "hồ sơ đang giải quyết quá hạn) = 90%"
    )
    assert report.message(got["payment"], lang="en") == (
        "online payment: 9 of 10 dossiers with a fee paid online = 90%"
    )


@pytest.mark.parametrize(
    ("fields", "groups"),
    [
        ({"resolved_on_time": 5}, set()),  # no late count: progress not computed
        ({"resolved_on_time": 5, "resolved_late": 0}, {"progress"}),
        ({"received_online": 5, "received": 10}, set()),  # online needs the eligible base
        ({"digitised": 0, "received": 0}, set()),  # no dossier received
        ({"digitised": 0, "received": 1}, {"digitisation"}),
    ],
)
def test_sc001_only_groups_with_their_figures(fields, groups):
    report = run(dossiers(**fields), select="SC001")
    assert {f.message.split(".")[1] for f in report.findings} == groups
    if not groups:
        assert_skipped(report, rule="SC001", reason="SC001.none")


# --- SC002 -----------------------------------------------------------------------------------
def unit2(eligible, **d):
    catalogue = [] if eligible is None else [{"level": "xa", "online_full_eligible": eligible}]
    return {"kind": "phuong", "catalogue": catalogue, "dossiers": {"received": 100, **d}}


@pytest.mark.parametrize(
    ("eligible", "dossier", "message"),
    [
        (12, {"online_full": 0}, "SC002.none_received"),
        (12, {"online_full": 1}, None),
        (1, {"online_full": 0}, "SC002.none_received"),
        (0, {"online_full": 0}, None),
        (0, {"online_full": 3}, "SC002.none_eligible"),
        (12, {"online_level4": 0}, "SC002.none_received"),  # before 42/2022: level 4
    ],
)
def test_sc002_boundaries(eligible, dossier, message):
    report = run(unit2(eligible, **dossier), select="SC002")
    assert [f.message for f in report.findings] == ([message] if message else [])


def test_sc002_sums_levels_and_messages():
    unit = unit2(None, online_full=0)
    unit["catalogue"] = [
        {"level": "quan", "online_full_eligible": 29},
        {"level": "phuong", "online_full_eligible": 4},
        {"level": "tinh"},
    ]
    report = run(unit, select="SC002")
    (f,) = report.findings
    assert f.evidence["eligible"] == 33
    assert report.message(f, lang="vi") == (
        "33 thủ tục đủ điều kiện trực tuyến toàn trình nhưng không có hồ sơ nào được tiếp nhận "
        "trực tuyến toàn trình"
    )


@pytest.mark.parametrize(
    ("unit", "reason"),
    [
        (unit2(None, online_full=0), "SC002.no_eligible"),
        (unit2(5), "SC002.no_full"),
    ],
)
def test_sc002_skips_when_a_figure_is_missing(unit, reason):
    report = run(unit, select="SC002")
    assert report.findings == ()
    assert_skipped(report, rule="SC002", reason=reason)


# --- SC003 -----------------------------------------------------------------------------------
def plan(total, done):
    out = {}
    if total is not None:
        out["tasks_total"] = total
    if done is not None:
        out["tasks_done"] = done
    return {"kind": "phuong", "plan": out}


@pytest.mark.parametrize(
    ("total", "done", "fires"), [(29, 29, False), (29, 28, True), (0, 0, False), (1, 0, True)]
)
def test_sc003_at_the_end_of_the_year(total, done, fires):
    report = run(plan(total, done), select="SC003", period=YEAR)
    assert bool(report.findings) is fires


def test_sc003_messages_and_policy_note():
    report = run(plan(29, 20), select="SC003", period=YEAR)
    (f,) = report.findings
    assert f.severity is Severity.WARNING
    assert report.message(f, lang="vi") == (
        "hoàn thành 20/29 nhiệm vụ của kế hoạch = 68.97% (ngưỡng 100%)".replace(".", ",")
        + " — ngưỡng tham chiếu của công cụ (không phải quy định pháp luật)"
    )


@pytest.mark.parametrize("period", [H1, ("2023-01-01", "2023-09-30"), ("2023-07-01", "2023-12-30")])
def test_sc003_does_not_apply_before_the_plans_year_ends(period):
    report = run(plan(29, 1), select="SC003", period=period)
    assert report.findings == () and report.skipped == ()
    assert "SC003" in report.not_applicable


@pytest.mark.parametrize(("target", "fires"), [(68.96, False), (68.97, True)])
def test_sc003_threshold_is_a_parameter(target, fires):
    config = Config(select=("SC003",), params={"SC003": {"min_done_percent": target}})
    report = engine(config).run(dataset(plan(29, 20), period=YEAR))
    assert bool(report.findings) is fires


def test_sc003_missing_and_inconsistent_figures():
    report = run(plan(29, None), select="SC003", period=YEAR)
    assert_skipped(report, rule="SC003", reason="skip.missing_fields")
    report = run(plan(29, 30), select="SC003", period=YEAR)
    assert report.findings == ()
    assert_skipped(report, rule="SC003", reason="SC003.inconsistent")


def test_sc003_a_plan_just_short_of_its_target_is_not_shown_as_reaching_it():
    # 99,999 of 100,000 tasks: 99.999 % rounds to 100 %, the target it misses; shown 99.99 %
    report = run(plan(100_000, 99_999), select="SC003", period=YEAR)
    (f,) = report.findings
    assert f.evidence["done_percent"] == 99.99
    assert report.message(f, lang="en").startswith(
        "99,999 of 100,000 plan tasks done = 99.99% (threshold 100%)"
    )


# --- SC004 -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("received", "handled", "fires"),
    [(6, 6, False), (6, 5, True), (0, None, False), (0, 0, False), (1, 0, True)],
)
def test_sc004_boundaries(received, handled, fires):
    fields = {"complaints": received}
    if handled is not None:
        fields["complaints_handled"] = handled
    report = run(dossiers(**fields), select="SC004")
    assert bool(report.findings) is fires


def test_sc004_messages_skips_and_parameter():
    report = run(dossiers(complaints=6, complaints_handled=5), select="SC004")
    (f,) = report.findings
    assert report.message(f, lang="vi") == (
        "đã xử lý 5/6 phản ánh, kiến nghị = 83,33% (ngưỡng 100%)"
        " — ngưỡng tham chiếu của công cụ (không phải quy định pháp luật)"
    )
    assert report.message(f, lang="en").startswith("5 of 6 complaints handled = 83.33%")
    report = run(dossiers(complaints=6), select="SC004")
    (s,) = assert_skipped(report, rule="SC004", reason="SC004.no_handled")
    assert s.params == {"complaints": 6}
    report = run(dossiers(complaints=6, complaints_handled=7), select="SC004")
    assert_skipped(report, rule="SC004", reason="SC004.inconsistent")
    report = run(dossiers(received=5), select="SC004")
    assert_skipped(report, rule="SC004", reason="skip.missing_fields")
    config = Config(select=("SC004",), params={"SC004": {"min_handled_percent": 80}})
    data = dataset(dossiers(complaints=6, complaints_handled=5))
    assert engine(config).run(data).findings == ()


def test_sc004_complaints_just_short_of_all_handled_are_not_shown_as_all():
    report = run(dossiers(complaints=100_000, complaints_handled=99_999), select="SC004")
    (f,) = report.findings
    assert f.evidence["handled_percent"] == 99.99
    assert "= 99,99% (ngưỡng 100%)" in report.message(f, lang="vi")
