"""Figures as real reports state them (issue 10): stated values with qualifier, base and rounding;
bounded counts; combined figures; windows; the report's own date; digitisation and payment
targets. Each check at its boundary, with missing data, in both languages."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import jsonschema
import pytest

from cchc_rules import Finding, Report, StatedPercent, StatedValue, load_mapping
from cchc_rules.schema import DATA_SCHEMA_FILE, load_schema

from _support import run, tree

H1_2024 = ("2024-01-01", "2024-06-30")


def found(rule: str, *units: dict[str, Any], **kw: Any) -> list[Finding]:
    return [f for f in run(*units, select=rule, **kw).findings if f.rule == rule]


def one(rule: str, unit: dict[str, Any], **kw: Any) -> tuple[Finding, Report]:
    report = run(unit, select=rule, **kw)
    [f] = [f for f in report.findings if f.rule == rule]
    return f, report


def dossiers(**fields: Any) -> dict[str, Any]:
    return {"kind": "xa", "dossiers": fields}


# ---------------------------------------------------------------------------------------------
# The stated value


@pytest.mark.parametrize(
    ("raw", "value", "qualifier"),
    [
        ("trên 97%", "97", "over"),
        ("hơn 97,5", "97.5", "over"),
        ("Gần 96%", "96", "nearly"),
        ("khoảng 80", "80", "approx"),
        ("đạt 98,7%", "98.7", "exact"),
        ("từ 95% trở lên", "95", "at_least"),
        ("dưới 5%", "5", "under"),
        ("trên dưới 50%", "50", "approx"),
        ("đạt trên 97%", "97", "over"),
        ("chiếm gần 96%", "96", "nearly"),
        ({"value": "21,47", "rounding": "truncate"}, "21.47", "exact"),
        ({"value": 97, "qualifier": "over"}, "97", "over"),
    ],
)
def test_stated_percent_reads_the_qualifier(raw: object, value: str, qualifier: str) -> None:
    sp = StatedPercent.parse(raw)
    assert (sp.value, sp.qualifier) == (Decimal(value), qualifier)


@pytest.mark.parametrize(
    "raw",
    ["trên", "hơn hai nghìn", {"qualifier": "over"}, {"value": 1, "base": 3}, {"value": 1, "x": 1}],
)
def test_stated_values_reject_what_is_not_a_figure(raw: object) -> None:
    with pytest.raises(ValueError):  # noqa: PT011 - the message is the value itself
        StatedPercent.parse(raw)


@pytest.mark.parametrize(
    ("raw", "value"), [("hơn 2.000", 2000), ("khoảng 2,000", 2000), ("gần 12.400", 12400)]
)
def test_stated_counts_read_vietnamese_thousands(raw: str, value: int) -> None:
    assert StatedValue.parse(raw, count=True).value == value


def test_a_count_with_decimals_is_not_a_count() -> None:
    with pytest.raises(ValueError):  # noqa: PT011
        StatedValue.parse("2000.5", count=True)


@pytest.mark.parametrize(
    ("stated", "computed", "holds"),
    [
        ("trên 97", "97", False),  # strictly over
        ("trên 97", "97.001", True),
        ("ít nhất 97", "97", True),
        ("dưới 5", "5", False),
        ("tối đa 5", "5", True),
        ("gần 96", "95", True),  # exactly the margin below
        ("gần 96", "94.999", False),
        ("gần 96", "96.5", True),  # to half a unit of the written precision above
        ("gần 96", "96.51", False),
        ("khoảng 80", "81", True),
        ("khoảng 80", "81.01", False),
    ],
)
def test_bounds_at_their_edges(stated: str, computed: str, holds: bool) -> None:
    assert StatedPercent.parse(stated).holds(Decimal(computed), Decimal(1)) is holds


@pytest.mark.parametrize(
    ("stated", "computed", "truncates"),
    [("21,47", "21.478", True), ("21,47", "21.48", False), ("21,47", "21.47", True)],
)
def test_truncation(stated: str, computed: str, truncates: bool) -> None:
    assert StatedPercent.parse(stated).truncates(Decimal(computed)) is truncates


# ---------------------------------------------------------------------------------------------
# Loading


def test_bounded_counts_are_kept_apart_from_exact_ones() -> None:
    ds = load_mapping(tree(dossiers(received="hơn 2.000", resolved=1500)))
    d = ds.units[0].dossiers
    assert d.received is None and d.resolved == 1500
    assert d.bounds["received"].qualifier == "over" and d.bounds["received"].value == 2000
    assert ds.issues == ()


def test_an_exact_count_written_as_text_is_exact() -> None:
    d = load_mapping(tree(dossiers(received="2.000"))).units[0].dossiers
    assert d.received == 2000 and d.bounds == {}


@pytest.mark.parametrize(
    ("fields", "location", "message"),
    [
        (
            {"stated_online_percent": {"value": 60, "base": "population"}},
            "units[u1].dossiers.stated_online_percent",
            "data.expected_choice",
        ),
        ({"received": "hai nghìn"}, "units[u1].dossiers.received", "data.expected_count"),
        ({"stated_online_percent": "trên 120%"}, None, "data.percent_range"),
    ],
)
def test_bad_stated_values_are_located(
    fields: dict[str, Any], location: str | None, message: str
) -> None:
    ds = load_mapping(tree(dossiers(**fields)))
    [issue] = ds.errors
    assert issue.message == message
    if location:
        assert issue.location == location


def test_a_window_needs_its_period() -> None:
    ds = load_mapping(tree({"dossier_windows": [{"label": "tháng 10", "received": 1}]}))
    assert [i.location for i in ds.errors] == ["units[u1].dossier_windows[0].period"]


def test_every_new_form_validates_against_the_schema() -> None:
    data = tree(
        dossiers(
            received="hơn 2.000",
            resolved={"value": 1900, "qualifier": "approx"},
            stated_online_percent={"value": "60,5", "base": "received_total", "rounding": "round"},
            stated_on_time_percent="trên 97%",
            period={"start": "2024-09-16", "end": "2024-10-15"},
        )
    )
    jsonschema.validate(data, load_schema(DATA_SCHEMA_FILE))
    bad = tree(dossiers(stated_online_percent={"value": 60, "base": "population"}))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, load_schema(DATA_SCHEMA_FILE))


# ---------------------------------------------------------------------------------------------
# CS002 over several bases


def test_a_rate_over_the_total_to_handle_passes_and_the_evidence_shows_each_computation() -> None:
    unit = dossiers(received=9200, carried_over=800, received_online=6000)
    assert (
        found("CS002", {**unit, "dossiers": {**unit["dossiers"], "stated_online_percent": 60}})
        == []
    )
    f, report = one(
        "CS002", {**unit, "dossiers": {**unit["dossiers"], "stated_online_percent": 70}}
    )
    assert f.evidence["base"] == "received"  # the nearest: 65.22 (70 − 60 is farther)
    assert [t["base"] for t in f.evidence["tried"]] == ["received", "received_total"]
    assert [t["computed"] for t in f.evidence["tried"]] == [65.22, 60.0]
    assert "không cơ sở tính nào khớp (2 cơ sở đã thử)" in report.message(f, lang="vi")
    assert "no base reproduces it (2 tried)" in report.message(f, lang="en")


def test_a_named_base_is_the_only_one_tried() -> None:
    d = {"received": 9200, "carried_over": 800, "received_online": 6000}
    f, report = one("CS002", dossiers(**d, stated_online_percent={"value": 60, "base": "received"}))
    assert f.evidence["tried_count"] == 1 and f.evidence["named_base"] is True
    assert report.message(f, lang="en").endswith(
        "= 6,000/9,200 = 65.22% (the base the report names)"
    )
    assert report.message(f, lang="vi").endswith("(cơ sở tính do báo cáo nêu)")
    report = run(
        dossiers(
            received_online=6000, stated_online_percent={"value": 60, "base": "online_eligible"}
        ),
        select="CS002",
    )
    [skip] = [s for s in report.skipped if s.rule == "CS002"]
    assert skip.reason == "CS002.no_named_base"


@pytest.mark.parametrize(
    ("on_time", "stated", "severity"),
    [(21478, "21,48", None), (21478, "21,47", "info"), (21478, "21,46", "warning")],
)
def test_truncated_is_information_rounded_is_silent(
    on_time: int, stated: str, severity: str | None
) -> None:
    got = found(
        "CS002", dossiers(received=100000, received_online=on_time, stated_online_percent=stated)
    )
    assert [f.severity.label for f in got] == ([severity] if severity else [])


def test_truncation_message_shows_the_precise_rate() -> None:
    f, report = one(
        "CS002", dossiers(received=100000, received_online=21478, stated_online_percent="21,47")
    )
    assert report.message(f, lang="vi").endswith("= 21.478/100.000 = 21,4780%")
    assert "is truncated, not rounded" in report.message(f, lang="en")


@pytest.mark.parametrize(
    ("on_time", "fires"), [(970, True), (971, False), (964, True)]
)  # 97,0 is not over 97; 97,1 is
def test_over_97_percent(on_time: int, fires: bool) -> None:
    unit = dossiers(
        resolved_on_time=on_time, resolved_late=1000 - on_time, stated_on_time_percent="trên 97%"
    )
    assert bool(found("CS002", unit)) is fires


def test_a_bound_message_quotes_the_qualifier() -> None:
    f, report = one(
        "CS002",
        dossiers(resolved_on_time=964, resolved_late=36, stated_on_time_percent="trên 97%"),
    )
    assert f.evidence["qualifier"] == "over"
    assert "báo cáo trên 97%, nhưng" in report.message(f, lang="vi")
    assert "“over 97%” stated" in report.message(f, lang="en")


def test_approx_margin_is_a_parameter() -> None:
    unit = dossiers(resolved_on_time=94, resolved_late=6, stated_on_time_percent="khoảng 96%")
    assert found("CS002", unit)  # 94 is 2 points away, the default margin is 1
    from cchc_rules import Config

    from _support import dataset, engine

    cfg = Config(select=("CS002",), params={"CS002": {"approx_points": 2}})
    assert not engine(cfg).run(dataset(unit)).findings


def test_on_time_over_dossiers_due() -> None:
    unit = dossiers(resolved=1000, resolved_on_time=940, resolved_late=60, due=950)
    assert (
        found(
            "CS002", {**unit, "dossiers": {**unit["dossiers"], "stated_on_time_percent": "98,95"}}
        )
        == []
    )
    assert found("CS002", {**unit, "dossiers": {**unit["dossiers"], "stated_on_time_percent": 97}})


@pytest.mark.parametrize(
    ("field", "part", "extra"),
    [
        ("stated_pending_percent", {"pending": 120}, {"received": 1800, "carried_over": 120}),
        ("stated_digitised_percent", {"digitised": 120}, {"received_total": 1920}),
        ("stated_paid_online_percent", {"paid_online": 120}, {"payable": 1920}),
    ],
)
def test_new_rates_at_their_precision(
    field: str, part: dict[str, int], extra: dict[str, int]
) -> None:
    assert found("CS002", dossiers(**part, **extra, **{field: "6,25"})) == []
    assert found("CS002", dossiers(**part, **extra, **{field: "6,3"})) == []  # rounds
    assert found("CS002", dossiers(**part, **extra, **{field: "6,4"}))


def test_a_new_rate_without_its_counts_is_skipped_with_the_reason() -> None:
    report = run(dossiers(stated_paid_online_percent=90), select="CS002")
    [skip] = [s for s in report.skipped if s.rule == "CS002"]
    assert skip.reason == "CS002.no_part" and skip.params["part_name"] == "paid_online"
    report = run(dossiers(paid_online=9, stated_paid_online_percent=90), select="CS002")
    [skip] = [s for s in report.skipped if s.rule == "CS002"]
    assert skip.reason == "CS002.no_base"


# ---------------------------------------------------------------------------------------------
# CS001: the balance from received_total, combined figures


@pytest.mark.parametrize(("resolved", "fires"), [(9000, False), (8999, True), (9001, True)])
def test_balance_from_received_total(resolved: int, fires: bool) -> None:
    got = found(
        "CS001", dossiers(received_total=10000, carried_over=800, resolved=resolved, pending=1000)
    )
    assert bool(got) is fires
    if fires:
        assert got[0].evidence["count_used"] == "received_total"


def test_balance_names_the_count_it_used() -> None:
    [f] = found("CS001", dossiers(received=100, carried_over=10, resolved=100, pending=9))
    assert f.evidence["count_used"] == "received + carried_over"


def test_returned_or_withdrawn_closes_the_balance() -> None:
    unit = dossiers(received=100, carried_over=0, resolved=90, pending=5, returned_or_withdrawn=5)
    assert found("CS001", unit) == []


@pytest.mark.parametrize(
    ("fields", "subject"),
    [
        (
            {"received": 100, "received_direct": 50, "received_postal": 5, "received_online": 44},
            "channels",
        ),
        (
            {"received": 100, "received_direct_postal": 55, "received_online": 44},
            "channels_combined",
        ),
        (
            {"received_direct_postal": 55, "received_direct": 50, "received_postal": 4},
            "direct_postal",
        ),
        ({"returned_or_withdrawn": 5, "returned": 3, "withdrawn": 1}, "returned_or_withdrawn"),
        ({"overdue_total": 5, "resolved_late": 3, "pending_overdue": 1}, "overdue_total"),
    ],
)
def test_combined_figures_against_their_parts(fields: dict[str, int], subject: str) -> None:
    f, report = one("CS001", dossiers(**fields))
    assert (f.subject, f.message) == (subject.removesuffix("_combined"), f"CS001.{subject}")
    assert f.evidence["difference"] == 1
    assert "{" not in report.message(f, lang="vi") and "{" not in report.message(f, lang="en")
    fixed = dict(fields)
    key = next(
        k
        for k in fields
        if k in ("received_online", "received_postal", "withdrawn", "pending_overdue")
    )
    fixed[key] += 1
    assert found("CS001", dossiers(**fixed)) == []


# ---------------------------------------------------------------------------------------------
# CS003: a window inside another


@pytest.mark.parametrize(("month", "fires"), [(1000, False), (1001, True)])
def test_a_month_cannot_count_more_than_its_quarter(month: int, fires: bool) -> None:
    unit = {
        "dossiers": {"received": 1000, "pending": 5},
        "dossier_windows": [
            {
                "label": "tháng 10",
                "period": {"start": "2024-10-01", "end": "2024-10-31"},
                "received": month,
                "pending": 50,
            },
        ],
    }
    got = found("CS003", unit, period=("2024-10-01", "2024-12-31"))
    assert bool(got) is fires  # pending is a stock: 50 > 5 is no finding
    if fires:
        assert got[0].subject == "dossier_windows[tháng 10].received>dossiers"


def test_a_window_is_checked_like_the_period() -> None:
    unit = {
        "dossier_windows": [
            {
                "period": {"start": "2024-10-01", "end": "2024-10-31"},
                "received": 10,
                "resolved": 8,
                "pending": 1,
            },
        ]
    }
    [f] = found("CS001", unit, period=("2024-10-01", "2024-12-31"))
    assert f.subject == "dossier_windows[2024-10-01..2024-10-31].dossier_balance"


# ---------------------------------------------------------------------------------------------
# CS006: the report's own date


@pytest.mark.parametrize(
    ("date", "severity"),
    [
        ("2024-06-30", None),
        ("2024-06-29", "info"),
        ("2024-01-01", "info"),
        ("2023-12-31", "warning"),
    ],
)
def test_report_date_against_the_period(date: str, severity: str | None) -> None:
    got = found(
        "CS006", dossiers(received=1), period=H1_2024, report={"number": "1/BC-UBND", "date": date}
    )
    assert [f.severity.label for f in got] == ([severity] if severity else [])


@pytest.mark.parametrize(("end", "fires"), [("2024-07-05", False), ("2024-07-06", True)])
def test_report_date_against_a_counting_window(end: str, fires: bool) -> None:
    unit = dossiers(received=1, period={"start": "2024-01-01", "end": end})
    got = found("CS006", unit, period=H1_2024, report={"number": "1/BC-UBND", "date": "2024-07-05"})
    assert bool(got) is fires


def test_report_date_only_for_the_reporting_unit_and_absent_date_is_silent() -> None:
    report = {"number": "1/BC-UBND", "date": "2024-06-15"}
    got = found("CS006", {"id": "a"}, {"id": "b"}, period=H1_2024, report=report, reported_by="b")
    assert [f.unit for f in got] == ["b"]
    assert found("CS006", {"id": "a"}, period=H1_2024, report={"number": "1/BC-UBND"}) == []


# ---------------------------------------------------------------------------------------------
# CS007: bounded counts


@pytest.mark.parametrize(
    ("stated", "accounted", "fires"),
    [
        ("hơn 2.000", 2001, False),
        ("hơn 2.000", 2000, True),
        ("khoảng 2.000", 2100, False),  # exactly 5 %
        ("khoảng 2.000", 2101, True),
        ("gần 2.000", 1900, False),
        ("gần 2.000", 1899, True),
        ("dưới 2.000", 1999, False),
        ("dưới 2.000", 2000, True),
    ],
)
def test_bounded_count_against_the_balance(stated: str, accounted: int, fires: bool) -> None:
    unit = dossiers(received=stated, carried_over=0, resolved=accounted, pending=0)
    assert bool(found("CS007", unit)) is fires


def test_bounded_count_against_a_part_and_with_nothing_to_compare() -> None:
    [f] = found("CS007", dossiers(received="dưới 2.000", received_online=2000))
    assert f.evidence["how"] == "received_online"
    assert found("CS007", dossiers(received="hơn 2.000", received_online=2500)) == []
    assert found("CS007", dossiers(received="hơn 2.000")) == []


# ---------------------------------------------------------------------------------------------
# DL005, DL006 with combined and total counts


def test_dl006_from_the_total_to_handle() -> None:
    f, report = one("DL006", dossiers(received_total=500, carried_over=20))
    assert f.evidence == {"received_total": 500, "count_used": "received_total"}
    assert "500 hồ sơ phải giải quyết" in report.message(f, lang="vi")
    assert found("DL006", dossiers(received_total=500, overdue_total=0)) == []
    assert found("DL006", dossiers(received_total=0)) == []


@pytest.mark.parametrize(("slips", "fires"), [(30, False), (29, True)])
def test_dl005_with_a_combined_overdue_count(slips: int, fires: bool) -> None:
    got = found("DL005", dossiers(overdue_total=30, apology_slips=slips))
    assert bool(got) is fires
    if fires:
        assert got[0].evidence["count_used"] == "overdue_total"


# ---------------------------------------------------------------------------------------------
# DL007, DL008: targets


@pytest.mark.parametrize(
    ("rule", "fields", "severity"),
    [
        ("DL007", {"received": 1000, "digitised": 1000}, None),
        ("DL007", {"received": 1000, "digitised": 999}, "warning"),
        ("DL007", {"stated_digitised_percent": "đạt 100%"}, None),
        ("DL007", {"stated_digitised_percent": "99,9"}, "warning"),
        ("DL007", {"received": 1000}, None),  # nothing digitised reported: no claim
        ("DL008", {"payable": 1000, "paid_online": 500}, None),
        ("DL008", {"payable": 1000, "paid_online": 499}, "warning"),
        ("DL008", {"stated_paid_online_percent": "91,2"}, None),
        ("DL008", {"paid_online": 10}, None),  # no base: nothing to compute
    ],
)
def test_targets_at_the_boundary(rule: str, fields: dict[str, Any], severity: str | None) -> None:
    got = found(rule, dossiers(**fields), period=H1_2024)
    assert [f.severity.label for f in got] == ([severity] if severity else [])


def test_targets_are_information_before_a_binding_document_and_cite_the_law() -> None:
    [f] = found(
        "DL007", dossiers(received=1000, digitised=900), period=("2022-07-01", "2022-12-31")
    )
    assert f.severity.label == "info" and f.evidence["basis_in_force"] is False
    assert f.basis == ("qd-766-2022",)
    [g] = found("DL008", dossiers(payable=10, paid_online=1), period=H1_2024)
    assert set(g.basis) == {"qd-766-2022", "tt-01-2023-vpcp"}
    report = run(dossiers(payable=10, paid_online=1), select="DL008", period=H1_2024)
    vi, en = report.message(g, lang="vi"), report.message(g, lang="en")
    assert vi.endswith("— ngưỡng tham chiếu của công cụ (không phải quy định pháp luật)")
    assert en.endswith("— a reference threshold of the tool, not a legal requirement")
    assert vi.count("ngưỡng") == 1 and "policy" not in en.replace("threshold of the tool", "")


def test_base_count_derives_what_a_base_stands_for() -> None:
    d = (
        load_mapping(
            tree(dossiers(received=90, carried_over=10, resolved_on_time=5, resolved_late=2))
        )
        .units[0]
        .dossiers
    )
    assert d.base_count("received_total") == 100
    assert d.base_count("resolved") == 7
    assert d.base_count("due") is None
    assert d.base_count("not a base") is None


def test_a_target_share_over_the_base_the_report_names() -> None:
    unit = dossiers(
        received=2000,
        resolved=1000,
        digitised=1000,
        stated_digitised_percent={"value": 100, "base": "resolved"},
    )
    assert found("DL007", unit, period=H1_2024) == []  # 1000 / 1000 resolved, not / 2000 received
    [f] = found("DL007", dossiers(received=2000, digitised=1000), period=H1_2024)
    assert (f.evidence["count_used"], f.evidence["percent"]) == ("received", 50)
