"""The public helpers the built-in rules share (one answer to each question, the same for every
rule and the renderers): ``ctx.reporting_window()`` (CS005, RF003), ``ctx.reporting_unit()``
(CS006, RF006, RF008), ``ctx.below`` (scoring, digital identity, ST005, the charts),
``Config.params_for`` (``ctx.params``, the policy note, the charts) and
``PUBLIC_SERVICE_KINDS`` (staffing, spending)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs
import pytest

from cchc_rules import (
    PUBLIC_SERVICE_KINDS,
    Config,
    Context,
    Engine,
    LawBook,
    LegalBasis,
    Report,
    hookimpl,
    shipped_bases,
)
from cchc_rules.builtin import references, spending, staffing
from cchc_rules.policy import CONFIGURED_NOTE, POLICY_NOTE, policy_note
from cchc_rules.renderers.charts import Bar, charts

from _support import dataset, engine

H1_2018 = ("2018-01-01", "2018-06-30")
Y2019 = ("2019-01-01", "2019-12-31")
H1_2022 = ("2022-01-01", "2022-06-30")
H1_2023 = ("2023-01-01", "2023-06-30")
Y2023 = ("2023-01-01", "2023-12-31")
ND_09 = next(b for b in shipped_bases() if b.id == "nd-09-2019")  # in force from 12/3/2019
D = dt.date.fromisoformat


def _ctx(*units: dict[str, Any], law: LawBook | None = None, **kw: Any) -> Context:
    ds = dataset(*units, **kw)
    book = LawBook.of(shipped_bases()) if law is None else law
    return Context(references.rf003, ds, book)


def _basis(id_: str, start: str | None, end: str | None, **window: str) -> LegalBasis:
    return attrs.evolve(
        ND_09,
        id=id_,
        in_force_from=None if start is None else D(start),
        in_force_to=None if end is None else D(end),
        extra=window,
    )


def _engine(*bases: LegalBasis, select: str) -> Engine:
    class Law:
        @hookimpl
        def cchc_register_legal_bases(self, register: Callable[[Any], None]) -> None:
            for b in bases:
                register(b)

    eng = Engine.default(entry_points=False, env={}, plugins=[Law()])
    return eng.with_config(Config(select=(select,)))


# ---------------------------------------------------------------------------------------------
# ctx.reporting_window()


@pytest.mark.parametrize(
    ("period", "window"),
    [
        (H1_2022, ("2021-12-15", "2022-06-14")),
        (("2022-01-01", "2022-12-31"), ("2021-12-15", "2022-12-14")),
        (Y2019, ("2018-12-15", "2019-12-14")),  # in force from 12/3/2019, during the period
        (H1_2018, None),  # before the decree
        (("2022-07-01", "2022-12-31"), None),  # no window for a second half-year
    ],
)
def test_reporting_window_by_period(period: tuple[str, str], window: tuple[str, str] | None):
    got = _ctx({"id": "u"}, period=period).reporting_window()
    if window is None:
        assert got is None
    else:
        assert got is not None
        assert (got.start, got.end, got.basis.id) == (D(window[0]), D(window[1]), "nd-09-2019")


def test_reporting_window_after_the_basis_ends_and_without_a_period():
    old = _basis("old", "2019-03-12", "2022-12-31", **dict(ND_09.extra))
    book = LawBook.of([old])
    assert _ctx({"id": "u"}, period=H1_2022, law=book).reporting_window() is not None
    assert _ctx({"id": "u"}, period=H1_2023, law=book).reporting_window() is None
    ds = attrs.evolve(dataset({"id": "u"}), period=None)
    assert Context(references.rf003, ds, LawBook.of([ND_09])).reporting_window() is None


def test_reporting_window_the_newest_basis_that_sets_one_wins():
    old = _basis("old", "2019-03-12", "2023-03-31", **dict(ND_09.extra))
    new = _basis(
        "new",
        "2023-04-01",
        None,
        reporting_window_from="12-20",
        reporting_window_half_year_to="06-19",
    )
    book = LawBook.of([new, old])
    window = _ctx({"id": "u"}, period=H1_2023, law=book).reporting_window()
    assert window == (D("2022-12-20"), D("2023-06-19"), new)
    # the new basis sets no year window: the old one, still in force in the year, sets it
    window = _ctx({"id": "u"}, period=Y2023, law=book).reporting_window()
    assert window == (D("2022-12-15"), D("2023-12-14"), old)


def test_a_programme_sets_no_statutory_window():
    programme = attrs.evolve(ND_09, id="programme", programme=True)
    assert _ctx({"id": "u"}, period=H1_2022, law=LawBook.of([programme])).reporting_window() is None


def test_cs005_and_rf003_agree_when_the_older_basis_sets_no_window_for_the_period():
    """Before, RF003 took the first basis naming a window start, even one that sets no window for
    the period, and CS005 the first that sets one: two answers to one question."""
    partial = attrs.evolve(ND_09, extra={"reporting_window_from": "12-15"})  # replaces 09/2019
    full = _basis("full", "2021-01-01", None, **dict(ND_09.extra))
    unit = {
        "id": "u",
        "references": [{"number": "3/QĐ-UBND", "role": "issued", "date": "2021-12-20"}],
        "documents": {"issued": 5, "period": {"start": "2021-12-15", "end": "2022-06-14"}},
    }
    data = dataset(unit, period=H1_2022)
    (rf003,) = _engine(partial, full, select="RF003").run(data).findings
    assert (rf003.message, rf003.severity.label) == ("RF003.in_window", "info")
    assert _engine(partial, full, select="CS005").run(data).findings == ()


@pytest.mark.parametrize(
    ("start", "end", "fires"),
    [
        ("2021-12-15", "2022-06-14", False),  # exactly the statutory window: silent
        ("2021-12-16", "2022-06-14", True),
        ("2021-12-15", "2022-06-15", True),
    ],
)
def test_cs005_at_the_window_boundaries(start: str, end: str, fires: bool):
    unit = {"id": "u", "documents": {"issued": 5, "period": {"start": start, "end": end}}}
    report = engine(Config(select=("CS005",))).run(dataset(unit, period=H1_2022))
    assert bool(report.findings) is fires


def test_cs005_before_the_basis_is_in_force_has_no_window():
    unit = {
        "id": "u",
        "documents": {"issued": 5, "period": {"start": "2017-12-15", "end": "2018-06-14"}},
    }
    report = engine(Config(select=("CS005",))).run(dataset(unit, period=H1_2018))
    assert [f.message for f in report.findings] == ["CS005.window"]


@pytest.mark.parametrize(
    ("period", "date", "severity"),
    [
        (H1_2022, "2021-12-15", "info"),  # the window's first day
        (H1_2022, "2021-12-14", "warning"),  # the day before it
        (H1_2022, "2021-12-31", "info"),  # the day before the period
        (H1_2018, "2017-12-20", "warning"),  # before the decree: no window
    ],
)
def test_rf003_at_the_window_boundaries(period: tuple[str, str], date: str, severity: str):
    unit = {"id": "u", "references": [{"number": "3/QĐ-UBND", "role": "issued", "date": date}]}
    (f,) = engine(Config(select=("RF003",))).run(dataset(unit, period=period)).findings
    assert f.severity.label == severity


# ---------------------------------------------------------------------------------------------
# ctx.reporting_unit()


@pytest.mark.parametrize(
    ("units", "reported_by", "expected"),
    [
        ([{"id": "solo"}], None, "solo"),  # the only unit, without kind
        ([{"id": "solo", "kind": "phuong"}], "elsewhere", "solo"),  # named unit not in the data
        ([{"id": "a"}, {"id": "b"}], "b", "b"),
        ([{"id": "a"}, {"id": "b"}], "elsewhere", None),
        ([{"id": "a"}, {"id": "b"}], None, None),
        # an aggregating unit and its children: the tree is not read, reported_by names it
        (
            [
                {"id": "q", "kind": "quan", "aggregates_children": True},
                {"id": "p1", "kind": "phuong", "parent": "q"},
                {"id": "p2", "kind": "phuong", "parent": "q"},
            ],
            None,
            None,
        ),
        (
            [
                {"id": "q", "kind": "quan", "aggregates_children": True},
                {"id": "p1", "kind": "phuong", "parent": "q"},
            ],
            "q",
            "q",
        ),
        # a unit whose parent is in the data may be the one that reports
        ([{"id": "q", "kind": "quan"}, {"id": "p1", "parent": "q"}], "p1", "p1"),
    ],
)
def test_the_reporting_unit_and_the_rules_that_use_it(
    units: list[dict[str, Any]], reported_by: str | None, expected: str | None
):
    # dated before the period ends (CS006) and without a number (RF006)
    kw: dict[str, Any] = {"period": H1_2023, "report": {"date": "2023-06-15"}}
    if reported_by is not None:
        kw["reported_by"] = reported_by
    ds = dataset(*units, **kw)
    found = Context(references.rf006, ds, LawBook()).reporting_unit()
    assert (found.id if found is not None else None) == expected
    report = engine(Config(select=("CS006", "RF006"))).run(ds)
    by_rule: dict[str, list[str]] = {}
    for f in report.findings:
        by_rule.setdefault(f.rule, []).append(f.unit)
    want = [expected] if expected else []
    assert (by_rule.get("CS006", []), by_rule.get("RF006", [])) == (want, want)
    skipped = [(s.rule, s.unit) for s in report.skipped]
    assert skipped == ([] if expected else [("RF006", ds.units[0].id)])


def test_cs006_on_the_only_unit_when_reported_by_names_no_unit_in_the_data():
    """Before, CS006 looked for the named unit only and said nothing, while RF006 and RF008 took
    the only unit as the reporting one."""
    ds = dataset({"id": "solo"}, period=H1_2023, reported_by="typo", report={"date": "2023-06-15"})
    (f,) = engine(Config(select=("CS006",))).run(ds).findings
    assert (f.unit, f.message) == ("solo", "CS006.before_end")


def test_rf008_reads_the_reports_number_on_the_reporting_unit_only():
    report = {"number": "Báo cáo số 5", "date": "2023-06-30"}
    ds = dataset({"id": "a"}, {"id": "b"}, period=H1_2023, reported_by="b", report=report)
    got = engine(Config(select=("RF008",))).run(ds).findings
    assert [(f.unit, f.subject) for f in got] == [("b", "Báo cáo số 5")]
    ds = dataset({"id": "a"}, {"id": "b"}, period=H1_2023, report=report)
    assert engine(Config(select=("RF008",))).run(ds).findings == ()


def test_an_empty_dataset_has_no_reporting_unit():
    ds = attrs.evolve(dataset({"id": "u"}), units=(), by_id={})
    assert Context(references.rf006, ds, LawBook()).reporting_unit() is None


# ---------------------------------------------------------------------------------------------
# ctx.below


@pytest.mark.parametrize(
    ("part", "whole", "percent", "expected"),
    [
        (49, 100, 50, True),
        (50, 100, 50, False),
        (1, 3, 33.34, True),
        (161, 250, 64.4, False),  # 64.4 % exactly: the float product 64.4 * 250 says "below"
        (333, 1000, 33.3, False),
        (332, 1000, 33.3, True),
        (333, 1000, Decimal("33.3"), False),
        (333, 1000, "33.3", False),
        (0, 7, 0, False),
        (7, 7, 100, False),
        (6, 7, 100, True),
    ],
)
def test_below_is_exact_and_strict(part: int, whole: int, percent: object, expected: bool):
    assert Context.below(part, whole, percent) is expected


def test_st005_and_its_chart_judge_a_fractional_threshold_exactly():
    """Before, ST005 and the chart multiplied floats: 161 of 250 was below 64.4 %."""
    blocks = [{"category": "cong_chuc", "quota": 250, "used": 161}]
    ds = dataset({"id": "u", "kind": "phuong", "staffing": blocks})
    report = engine(Config(params={"ST005": {"min_fill_percent": 64.4}})).run(ds)
    assert [f for f in report.findings if f.rule == "ST005"] == []
    (chart,) = [c for c in charts(report) if c.key == "fill"]
    assert [(b.threshold, b.below) for b in chart.bars] == [(64.4, False)]
    assert Bar("u", "u", 64.0, 160, 250, 64.4).below


# ---------------------------------------------------------------------------------------------
# Config.params_for


def test_params_for_merges_rule_then_kind_over_the_defaults():
    cfg = Config(
        params={"ST005": {"min_fill_percent": 80}},
        kind_params={"ST005": {"phuong": {"min_fill_percent": 70}}},
    )
    defaults = {"min_fill_percent": 90, "other": 1}
    assert cfg.params_for("ST005", "phuong", defaults=defaults) == {
        "min_fill_percent": 70,
        "other": 1,
    }
    assert cfg.params_for("ST005", "quan", defaults=defaults)["min_fill_percent"] == 80
    assert cfg.params_for("ST005", None, defaults=defaults)["min_fill_percent"] == 80
    assert cfg.params_for("ST005", "phuong") == {"min_fill_percent": 70}  # only what is set
    assert cfg.params_for("ST001", "phuong") == {}
    assert defaults == {"min_fill_percent": 90, "other": 1}  # not changed


def test_the_rule_the_policy_note_and_the_chart_see_the_same_parameters():
    cfg = Config(kind_params={"ST005": {"phuong": {"min_fill_percent": 95}}})
    block = [{"category": "cong_chuc", "quota": 100, "used": 92}]
    ds = dataset(
        {"id": "p", "kind": "phuong", "staffing": block},
        {"id": "q", "kind": "quan", "staffing": block},
        {"id": "x", "staffing": block},
    )
    report: Report = engine(cfg).run(ds)
    ctx = Context(staffing.st005, ds, LawBook(), config=cfg)
    assert [ctx.params(u).min_fill_percent for u in ds.units] == [95, 90, 90]
    (f,) = [f for f in report.findings if f.rule == "ST005"]
    assert f.unit == "p"
    assert policy_note(report, f) == CONFIGURED_NOTE
    (chart,) = [c for c in charts(report) if c.key == "fill"]
    assert [(b.unit, b.threshold, b.below) for b in chart.bars] == [
        ("p", 95.0, True),
        ("q", 90.0, False),
        ("x", 90.0, False),
    ]
    report = engine().run(
        dataset({"id": "p", "kind": "phuong", "staffing": [block[0] | {"used": 80}]})
    )
    (f,) = [f for f in report.findings if f.rule == "ST005"]
    assert policy_note(report, f) == POLICY_NOTE


# ---------------------------------------------------------------------------------------------
# PUBLIC_SERVICE_KINDS


def test_public_service_kinds_have_one_definition():
    kinds = {p.name: p.default for p in staffing.st004.params}["public_service_kinds"]
    assert kinds is PUBLIC_SERVICE_KINDS
    assert spending.KINDS_PARAM.default is PUBLIC_SERVICE_KINDS
