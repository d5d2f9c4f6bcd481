"""Internal-spending rules SP001–SP003 at their boundaries, in both languages, with the law by
period and by kind of unit."""

from __future__ import annotations

import pytest

from cchc_rules import Config, Severity, load_dataset
from cchc_rules.testing import assert_examples, assert_skipped, lint_rule

from _support import EXAMPLES, dataset, engine, fired, run

RULES = ("SP001", "SP002", "SP003")


def spending(kind="quan", **kw):
    return {"kind": kind, "spending": kw}


@pytest.mark.parametrize("rule_id", RULES)
def test_declared_examples_hold_and_messages_are_complete(rule_id):
    assert_examples(rule_id)
    assert lint_rule(engine().registry.rules[rule_id]) == ()


# --- SP001 -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("total", "adopted", "fires"), [(73, 73, False), (73, 72, True), (5, 0, True), (0, 0, False)]
)
def test_sp001_every_unit_needs_a_regulation(total, adopted, fires):
    report = run(spending(units_total=total, units_with_regulation=adopted), select="SP001")
    assert bool(fired(report, "SP001")) is fires


def test_sp001_evidence_and_messages():
    report = run(spending(units_total=40, units_with_regulation=38), select="SP001")
    (f,) = report.findings
    assert f.severity is Severity.ERROR
    assert dict(f.evidence) == {
        "units_total": 40,
        "units_with_regulation": 38,
        "units_without": 2,
    }
    assert report.message(f, lang="vi") == (
        "2/40 đơn vị chưa ban hành quy chế chi tiêu nội bộ (đã ban hành 38/40)"
    )
    assert report.message(f, lang="en") == (
        "2 of 40 units have no internal spending regulation (38 of 40 adopted)"
    )


@pytest.mark.parametrize(
    ("fields", "missing"),
    [({"units_total": 5}, "units_with_regulation"), ({"units_with_regulation": 5}, "units_total")],
)
def test_sp001_missing_figure_is_skipped_not_fired(fields, missing):
    report = run(spending(**fields), select="SP001")
    (s,) = assert_skipped(report, rule="SP001", reason="skip.missing_fields")
    assert s.params == {"fields": missing}
    assert report.findings == ()


# --- SP002 -----------------------------------------------------------------------------------
@pytest.mark.parametrize(("violations", "fires"), [(0, False), (1, True)])
def test_sp002_any_recorded_violation(violations, fires):
    report = run(spending(violations=violations), select="SP002")
    assert bool(fired(report, "SP002")) is fires


def test_sp002_messages_and_skip():
    report = run(spending(violations=2), select="SP002")
    (f,) = report.findings
    assert f.severity is Severity.ERROR
    assert report.message(f, lang="vi") == "ghi nhận 2 trường hợp vi phạm quy chế chi tiêu nội bộ"
    assert (
        report.message(f, lang="en") == "2 violations of the internal spending regulation recorded"
    )
    skipped = run(spending(units_total=3), select="SP002")
    assert_skipped(skipped, rule="SP002", reason="skip.missing_fields")


# --- SP003 -----------------------------------------------------------------------------------
@pytest.mark.parametrize(("published", "fires"), [(38, False), (37, True), (0, True)])
def test_sp003_every_adopted_regulation_published(published, fires):
    report = run(spending(units_with_regulation=38, units_published=published), select="SP003")
    assert bool(fired(report, "SP003")) is fires


def test_sp003_messages_and_skip():
    report = run(spending(units_with_regulation=38, units_published=35), select="SP003")
    (f,) = report.findings
    assert f.severity is Severity.WARNING
    assert f.evidence["units_unpublished"] == 3
    assert report.message(f, lang="vi") == (
        "3/38 đơn vị đã ban hành quy chế chi tiêu nội bộ nhưng chưa công khai (đã công khai 35)"
    )
    assert report.message(f, lang="en") == (
        "3 of 38 units with a regulation have not published it internally (35 published)"
    )
    skipped = run(spending(units_total=73, units_with_regulation=73), select="SP003")
    (s,) = assert_skipped(skipped, rule="SP003", reason="skip.missing_fields")
    assert s.params == {"fields": "units_published"}


# --- legal basis by period and kind ----------------------------------------------------------
@pytest.mark.parametrize(
    ("kind", "period", "bases"),
    [
        ("quan", ("2022-01-01", "2022-06-30"), ("nd-130-2005", "nd-117-2013")),
        ("phuong", ("2026-07-01", "2026-12-31"), ("nd-75-2026",)),
        ("xa", ("2026-01-01", "2026-06-30"), ("nd-130-2005", "nd-117-2013", "nd-75-2026")),
        ("so", ("2026-04-30", "2026-04-30"), ("nd-130-2005", "nd-117-2013")),
        ("so", ("2026-05-01", "2026-05-01"), ("nd-75-2026",)),
        (None, ("2023-01-01", "2023-06-30"), ("nd-130-2005", "nd-117-2013")),
        ("truong", ("2022-01-01", "2022-06-30"), ("nd-60-2021",)),
        ("don_vi_su_nghiep", ("2026-07-01", "2026-12-31"), ("nd-60-2021",)),
    ],
)
def test_sp_findings_cite_the_decrees_for_the_kind_of_unit_in_force(kind, period, bases):
    # a unit counting one body counts itself: its own kind decides
    unit = spending(kind, units_total=1, units_with_regulation=0, violations=1)
    if kind is None:
        del unit["kind"]
    report = run(unit, select=("SP001", "SP002"), period=period)
    assert len(report.findings) == 2
    for f in report.findings:
        assert f.basis == bases


def test_sp_public_service_kinds_is_a_parameter():
    data = spending("benh_vien_tu", units_total=1, units_with_regulation=0)
    (default,) = run(data, select="SP001").findings
    assert default.basis == ("nd-130-2005", "nd-117-2013")
    config = Config(select=("SP001",), params={"SP001": {"public_service_kinds": ["benh_vien_tu"]}})
    (f,) = engine(config).run(dataset(data)).findings
    assert f.basis == ("nd-60-2021",)


# --- the shipped examples --------------------------------------------------------------------
def test_seed_report_gives_nothing_from_spending():
    report = engine().run(load_dataset(EXAMPLES / "le-chan-2022-h1.toml"))
    assert [f for f in report.findings if f.family == "spending"] == []
    # 73/73 adopted, 0 violations; publication not stated, so SP003 could not run
    assert [(s.rule, s.params) for s in report.skipped if s.rule.startswith("SP")] == [
        ("SP003", {"fields": "units_published"})
    ]


def test_demo_2025_gives_the_announced_spending_violations_and_nothing_else():
    report = engine().run(load_dataset(EXAMPLES / "hai-an-demo-2025-h2.toml"))
    sp = sorted(
        (f.rule, f.unit, f.severity.label) for f in report.findings if f.family == "spending"
    )
    assert sp == [("SP001", "demo-city", "error"), ("SP002", "demo-city", "error")]


# --- the basis follows the kind of the units counted -----------------------------------------
def _district(*child_kinds, total=73, adopted=72):
    units = [
        {
            "id": "q",
            "kind": "quan",
            "spending": {"units_total": total, "units_with_regulation": adopted},
        }
    ]
    for i, kind in enumerate(child_kinds):
        child = {"id": f"c{i}", "parent": "q"}
        if kind is not None:
            child["kind"] = kind
        units.append(child)
    return units


STATE = ("nd-130-2005", "nd-117-2013")


@pytest.mark.parametrize(
    ("children", "bases", "kinds"),
    [
        # 73 bodies of unknown kinds (mostly schools in the seed report): both bases
        ((), (*STATE, "nd-60-2021"), None),
        # the counted bodies are in the dataset with their kinds
        (("truong", "truong", "tram_y_te"), ("nd-60-2021",), ["tram_y_te", "truong"]),
        (("phuong", "xa"), STATE, ["phuong", "xa"]),
        (("phuong", "truong"), (*STATE, "nd-60-2021"), ["phuong", "truong"]),
        # a child without a kind: the kinds are not known, both bases
        (("truong", None), (*STATE, "nd-60-2021"), None),
    ],
)
def test_sp_basis_follows_the_kind_of_the_units_counted(children, bases, kinds):
    report = run(*_district(*children), select="SP001", period=("2023-01-01", "2023-12-31"))
    (f,) = [f for f in report.findings if f.unit == "q"]
    assert f.basis == bases
    assert f.evidence.get("counted_kinds") == kinds


def test_sp_a_district_counting_one_body_counts_itself():
    report = run(*_district(total=1, adopted=0), select="SP001")
    (f,) = report.findings
    assert f.basis == STATE
