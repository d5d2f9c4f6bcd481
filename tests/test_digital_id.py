"""Digital-identity rules ID001–ID002 at their boundaries, in both languages, with the
electronic-identification target by period."""

from __future__ import annotations

import pytest

from cchc_rules import Config, Severity, load_dataset
from cchc_rules.testing import assert_examples, assert_skipped, lint_rule

from _support import EXAMPLES, dataset, engine, fired, run

RULES = ("ID001", "ID002")
H1_2022 = ("2022-01-01", "2022-06-30")


def digital_id(**kw):
    return {"kind": "quan", "digital_id": kw}


@pytest.mark.parametrize("rule_id", RULES)
def test_declared_examples_hold_and_messages_are_complete(rule_id):
    assert_examples(rule_id)
    assert lint_rule(engine().registry.rules[rule_id]) == ()


# --- ID001 -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("fields", "fires"),
    [
        ({"population": 10000, "id_notified": 10000}, False),
        ({"population": 10000, "id_notified": 9999}, True),
        ({"population": 10000, "id_not_notified": 0}, False),
        ({"population": 10000, "id_not_notified": 1}, True),
        ({"population": 0, "id_notified": 0}, False),
    ],
)
def test_id001_exactly_at_100_percent_passes(fields, fires):
    report = run(digital_id(**fields), select="ID001")
    assert bool(fired(report, "ID001")) is fires


def test_id001_seed_figures_evidence_and_messages():
    report = run(
        digital_id(population=229571, id_not_notified=3008, stated_notified_percent=98.7),
        select="ID001",
        period=H1_2022,
    )
    (f,) = report.findings
    assert f.severity is Severity.WARNING
    assert dict(f.evidence) == {
        "population": 229571,
        "id_notified": 226563,
        "id_not_notified": 3008,
        "notified_percent": 98.69,
        "min_notified_percent": 100,
    }
    # the law gives the number; the 100 % target is Đề án 06's (a programme)
    assert f.basis == ("luat-59-2014", "qd-06-2022")
    assert report.message(f, lang="vi") == (
        "3.008 công dân chưa được thông báo số định danh cá nhân "
        "(98,69% / chỉ tiêu 100% của Đề án 06)"
    )
    assert report.message(f, lang="en") == (
        "3,008 citizens not notified of their personal ID number (98.69% / Project 06 target 100%)"
    )


def test_id001_a_configured_threshold_is_not_called_the_programme_target():
    config = Config(select=("ID001",), params={"ID001": {"min_notified_percent": 99.5}})
    report = engine(config).run(dataset(digital_id(population=1000, id_notified=990)))
    (f,) = report.findings
    assert f.message == "ID001.low_configured"
    text = report.message(f, lang="vi")
    assert "Đề án 06" not in text and "ngưỡng 99,5% do cấu hình đặt" in text


def test_id001_counts_id_notified_first():
    # both counts given (inconsistently): id_notified is the count used; CS001 checks the sum
    report = run(digital_id(population=1000, id_notified=990, id_not_notified=5), select="ID001")
    (f,) = report.findings
    assert f.evidence["id_notified"] == 990 and f.evidence["id_not_notified"] == 10


@pytest.mark.parametrize(("target", "fires"), [(99, False), (99.01, True)])
def test_id001_target_is_a_parameter(target, fires):
    config = Config(select=("ID001",), params={"ID001": {"min_notified_percent": target}})
    report = engine(config).run(dataset(digital_id(population=10000, id_notified=9900)))
    assert bool(fired(report, "ID001")) is fires


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"eid_accounts": 5}, "skip.missing_fields"),
        ({"population": 1000}, "ID001.no_counts"),
        ({"population": 1000, "id_not_notified": 1001}, "ID001.inconsistent"),
    ],
)
def test_id001_missing_or_impossible_counts_are_skipped(fields, reason):
    report = run(digital_id(**fields), select="ID001")
    assert_skipped(report, rule="ID001", reason=reason)
    assert report.findings == ()


def test_id001_cites_the_identification_law_in_force():
    unit = digital_id(population=100, id_notified=99)
    before = run(unit, select="ID001", period=("2024-01-01", "2024-06-30"))
    after = run(unit, select="ID001", period=("2024-07-01", "2024-12-31"))
    assert before.findings[0].basis == ("luat-59-2014", "qd-06-2022")
    assert after.findings[0].basis == ("luat-26-2023", "qd-06-2022")


# --- ID002 -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("fields", "fires"),
    [
        ({"population": 1000, "eid_accounts": 600}, False),
        ({"population": 1000, "eid_accounts": 599}, True),
        ({"population": 1000, "eid_eligible_population": 800, "eid_accounts": 480}, False),
        ({"population": 1000, "eid_eligible_population": 800, "eid_accounts": 479}, True),
        ({"population": 0, "eid_accounts": 0}, False),
    ],
)
def test_id002_exactly_at_60_percent_passes(fields, fires):
    report = run(digital_id(**fields), select="ID002")
    assert bool(fired(report, "ID002")) is fires


@pytest.mark.parametrize(
    "period",
    [
        H1_2022,
        ("2022-10-01", "2022-10-19"),  # Nghị định 59/2022 takes effect 20/10
        ("2022-10-01", "2022-10-20"),
        ("2024-07-01", "2024-12-31"),  # 69/2024
        ("2025-07-01", "2025-12-31"),
    ],
)
def test_id002_is_information_in_every_period_no_decree_sets_a_target(period):
    report = run(digital_id(population=1000, eid_accounts=1), select="ID002", period=period)
    (f,) = report.findings
    assert f.severity is Severity.INFO
    assert "decree_in_force" not in f.evidence


def test_id002_seed_is_information_against_the_tools_threshold():
    report = run(digital_id(population=229571, eid_accounts=1395), select="ID002", period=H1_2022)
    (f,) = report.findings
    assert f.severity is Severity.INFO
    assert f.evidence["eid_percent"] == 0.61
    assert f.basis == ("qd-06-2022",)
    assert report.message(f, lang="vi") == (
        "1.395/229.571 người dân có tài khoản định danh điện tử = 0,61% (ngưỡng 60%)"
        " — ngưỡng tham chiếu của công cụ (không phải quy định pháp luật)"
    )
    assert report.message(f, lang="en") == (
        "1,395 electronic ID accounts for a population of 229,571 = 0.61% (threshold 60%)"
        " — a reference threshold of the tool, not a legal requirement"
    )


def test_id002_after_the_decree_against_the_eligible_population():
    report = run(
        digital_id(population=1000, eid_eligible_population=800, eid_accounts=400),
        select="ID002",
        period=("2023-01-01", "2023-06-30"),
    )
    (f,) = report.findings
    # the decree is cited as the framework of the accounts, still no target: information
    assert f.severity is Severity.INFO
    assert f.basis == ("qd-06-2022", "nd-59-2022")
    assert report.message(f, lang="vi") == (
        "400/800 người đủ điều kiện có tài khoản định danh điện tử = 50% (ngưỡng 60%)"
        " — ngưỡng tham chiếu của công cụ (không phải quy định pháp luật)"
    )
    assert report.message(f, lang="en") == (
        "400 electronic ID accounts for 800 eligible people = 50% (threshold 60%)"
        " — a reference threshold of the tool, not a legal requirement"
    )


def test_id002_skips():
    report = run(digital_id(population=1000), select="ID002")
    (s,) = assert_skipped(report, rule="ID002", reason="skip.missing_fields")
    assert s.params == {"fields": "eid_accounts"}
    report = run(digital_id(id_notified=5, eid_accounts=5), select="ID002")
    assert_skipped(report, rule="ID002", reason="ID002.no_population")
    assert report.findings == ()


@pytest.mark.parametrize(("target", "fires"), [(0.6, False), (0.61, True)])
def test_id002_threshold_is_a_parameter(target, fires):
    # 1,395 / 229,571 = 0.6077 %: compared exactly, not as the rounded 0.61
    config = Config(select=("ID002",), params={"ID002": {"min_eid_percent": target}})
    data = dataset(digital_id(population=229571, eid_accounts=1395), period=H1_2022)
    assert bool(engine(config).run(data).findings) is fires


# --- the shipped examples --------------------------------------------------------------------
def test_seed_report_gives_id001_and_id002_info():
    report = engine().run(load_dataset(EXAMPLES / "le-chan-2022-h1.toml"))
    found = sorted((f.rule, f.severity.label) for f in report.findings if f.family == "digital_id")
    assert found == [("ID001", "warning"), ("ID002", "info")]
    by_rule = {f.rule: f for f in report.findings}
    assert by_rule["ID001"].evidence["id_not_notified"] == 3008
    assert by_rule["ID002"].evidence["eid_accounts"] == 1395


def test_demo_2025_gives_the_announced_id_violations_and_nothing_else():
    report = engine().run(load_dataset(EXAMPLES / "hai-an-demo-2025-h2.toml"))
    found = sorted(
        (f.rule, f.unit, f.severity.label) for f in report.findings if f.family == "digital_id"
    )
    assert found == [("ID001", "demo-city", "warning"), ("ID001", "phuong-an-lac", "warning")]
