"""The shipped examples: the seed report yields what rules.md says it should, the fictional demo
yields its announced violations, and the API example runs."""

from __future__ import annotations

import subprocess
import sys

import pytest

from cchc_rules import Severity, load_dataset

from _support import EXAMPLES, engine

SEED = EXAMPLES / "le-chan-2022-h1.toml"
DEMO = EXAMPLES / "hai-an-demo-2025-h2.toml"


@pytest.fixture(scope="module")
def seed():
    return engine().run(load_dataset(SEED))


def found(report, rule, subject_part=""):
    return [f for f in report.findings if f.rule == rule and subject_part in f.subject]


def test_seed_loads_without_issues():
    assert load_dataset(SEED).issues == ()


@pytest.mark.parametrize(
    ("rule", "subject", "severity"),
    [
        ("ST005", "Khối công chức hành chính quận", Severity.INFO),
        ("ID001", "", Severity.WARNING),
        ("ID002", "", Severity.INFO),
        ("DL006", "", Severity.WARNING),
        ("DL002", "quyền sử dụng đất", Severity.WARNING),
        ("RF001", "59/2019", Severity.WARNING),
        ("RF005", "59/2019", Severity.WARNING),
        ("RF005", "02/NQ-CP", Severity.WARNING),
        ("RF002", "01/KH-UBND", None),
        ("RF003", "71/KH-UBND", Severity.WARNING),
        ("RF007", "71/KH-UBND", Severity.WARNING),
        ("CS005", "", Severity.INFO),
        ("RF006", "", Severity.WARNING),
    ],
)
def test_seed_yields_what_the_catalogue_expects(seed, rule, subject, severity):
    hits = found(seed, rule, subject)
    assert hits, f"{rule} on {subject or 'the unit'}: nothing in {[f.rule for f in seed.findings]}"
    if severity is not None:
        assert {f.severity for f in hits} == {severity}


def test_seed_figures_in_the_evidence(seed):
    (id001,) = found(seed, "ID001")
    assert id001.evidence["id_not_notified"] == 3008
    assert seed.message(id001, lang="vi") == (
        "3.008 công dân chưa được thông báo số định danh cá nhân "
        "(98,69% / chỉ tiêu 100% của Đề án 06)"
    )
    (id002,) = found(seed, "ID002")
    assert id002.evidence["eid_accounts"] == 1395
    (dl006,) = found(seed, "DL006")
    assert dl006.evidence["received"] == 2807
    (dl002,) = found(seed, "DL002")
    assert dl002.evidence["implied_regulated_days"] == 45
    (rf007,) = found(seed, "RF007")
    assert str(rf007.evidence["suggested_date"]) == "2022-03-18"


@pytest.mark.parametrize(
    "rule", ["ST001", "ST002", "SP001", "SP002", "SP003", "CS001", "CS002", "CS003"]
)
def test_seed_does_not_flag(seed, rule):
    assert found(seed, rule) == []


def test_seed_cites_2022_law(seed):
    (dl006,) = found(seed, "DL006")
    assert set(dl006.basis) == {"nd-61-2018", "nd-107-2021"}


@pytest.mark.parametrize(
    ("rule", "unit"),
    [
        ("ST001", "phuong-an-hoa"),
        ("ST002", "demo-city"),
        ("ST002", "truong-thcs-an-binh"),
        ("ST004", "truong-thcs-an-binh"),
        ("ST005", "phuong-an-lac"),
        ("DL001", "phuong-an-binh"),
        ("DL002", "phuong-an-binh"),
        ("DL003", "phuong-an-binh"),
        ("DL004", "phuong-an-hoa"),
        ("DL005", "phuong-an-hoa"),
        ("SP001", "demo-city"),
        ("SP002", "demo-city"),
        ("ID001", "phuong-an-lac"),
        ("CS001", "phuong-an-lac"),
        ("CS002", "phuong-an-lac"),
        ("CS002", "phuong-an-hoa"),
        ("RF001", "phuong-an-lac"),
        ("RF002", "demo-city"),
    ],
)
def test_demo_yields_its_announced_violations(rule, unit):
    report = engine().run(load_dataset(DEMO))
    assert any(f.rule == rule and f.unit == unit for f in report.findings)


def test_demo_cites_2025_law():
    report = engine().run(load_dataset(DEMO))
    dl = [f for f in report.findings if f.rule.startswith("DL")]
    assert dl
    assert all("nd-118-2025" in f.basis and "nd-61-2018" not in f.basis for f in dl)


def test_api_example_runs():
    r = subprocess.run(
        [sys.executable, str(EXAMPLES / "api_usage.py")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert r.returncode == 0, r.stderr
    assert "3,008 citizens not notified" in r.stdout
    assert "strict: ST005" in r.stdout
