"""Reference rules RF001–RF008: boundaries, issuers, numbering, national table, both languages."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import attrs
import pytest

from cchc_rules import (
    Config,
    Context,
    Engine,
    Finding,
    LawBook,
    NationalDocument,
    Period,
    Report,
    hookimpl,
    load_dataset,
    shipped_bases,
)
from cchc_rules.builtin import references as rf
from cchc_rules.citations import REASON_CODES, parse_number
from cchc_rules.testing import run_examples

from _support import CONFORMANCE, EXAMPLES, dataset, engine, run

H1_2022 = ("2022-01-01", "2022-06-30")
Y2023 = ("2023-01-01", "2023-12-31")


def issued(number: str, date: str | None = None, **kw: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"number": number, "role": "issued", **kw}
    if date is not None:
        out["date"] = date
    return out


def cited(number: str, date: str | None = None, **kw: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"number": number, **kw}
    if date is not None:
        out["date"] = date
    return out


def check(rule: str, *refs: dict[str, Any], period: tuple[str, str] = Y2023, **unit: Any) -> Report:
    return run(
        {"id": "u", "name": "UBND phường U", "references": list(refs), **unit},
        select=rule,
        period=period,
        reported_by="u",
        report={"number": "1/BC-UBND", "date": period[1]},
    )


def found(rule: str, *refs: dict[str, Any], **kw: Any) -> list[Finding]:
    return [f for f in check(rule, *refs, **kw).findings if f.rule == rule]


def subjects(rule: str, *refs: dict[str, Any], **kw: Any) -> set[str]:
    return {f.subject for f in found(rule, *refs, **kw)}


def both(report: Report, f: Finding) -> tuple[str, str]:
    return report.message(f, lang="vi"), report.message(f, lang="en")


# ---------------------------------------------------------------------------------------------
# RF001


@pytest.mark.parametrize(
    ("number", "date", "fires"),
    [
        ("59/2019/NĐ-CP", "2019-01-01", False),
        ("59/2019/NĐ-CP", "2019-12-31", False),
        ("59/2019/NĐ-CP", "2020-01-01", True),
        ("59/2019/NĐ-CP", "2018-12-31", True),
        ("59/2019/ND-CP", "2021-07-01", True),
        ("05/KH-UBND", "2021-07-01", False),  # no year in the number
        ("59/2019/NĐ-CP", None, False),  # no date: nothing claimed
    ],
)
def test_rf001_year_boundaries(number: str, date: str | None, fires: bool) -> None:
    assert bool(found("RF001", cited(number, date))) is fires


def test_rf001_names_the_known_date_and_reads_in_both_languages() -> None:
    report = check("RF001", cited("59/2019/NĐ-CP", "2021-07-01", where="II.4"))
    [f] = report.findings
    assert (f.subject, f.key) == ("59/2019/NĐ-CP", "59/2019/nđ-cp")
    assert f.evidence["number_year"] == 2019 and f.evidence["date_year"] == 2021
    assert f.evidence["known_date"] == dt.date(2019, 7, 1)
    assert f.evidence["where"] == "II.4"
    vi, en = both(report, f)
    assert vi == (
        "59/2019/NĐ-CP ghi ngày 01/07/2021: năm trong số văn bản khác năm của ngày ban hành; "
        "văn bản ban hành ngày 01/07/2019"
    )
    assert en == (
        "59/2019/NĐ-CP dated 01/07/2021: the year in the number is not the year of the date; "
        "the document is of 01/07/2019"
    )


def test_rf001_without_a_known_document() -> None:
    report = check("RF001", cited("27/2025/QĐ-UBND", "2024-08-15"))
    [f] = report.findings
    assert f.message == "RF001.mismatch" and "known_date" not in f.evidence
    vi, en = both(report, f)
    assert (
        vi == "27/2025/QĐ-UBND ghi ngày 15/08/2024: năm trong số văn bản khác năm của ngày ban hành"
    )
    assert (
        en == "27/2025/QĐ-UBND dated 15/08/2024: the year in the number is not the year of the date"
    )


def test_rf001_one_finding_for_spellings_of_one_document() -> None:
    got = found(
        "RF001", cited("59/2019/NĐ-CP", "2021-07-01"), cited("59 / 2019 / ND-CP", "2021-07-02")
    )
    assert len(got) == 1


# ---------------------------------------------------------------------------------------------
# RF002


def test_rf002_citing_several_times_is_normal() -> None:
    assert (
        found(
            "RF002",
            cited("61/2018/NĐ-CP", "2018-04-23"),
            cited("61/2018/ND-CP", "2018-04-23"),
            cited("61 / 2018 / NĐ-CP", "2018-04-23"),
            issued("81/KH-UBND", "2023-03-24"),
            cited("81/KH-UBND", "2023-03-24", issuer="UBND phường U"),
        )
        == []
    )


def test_rf002_listed_twice_as_issued_is_info() -> None:
    report = check("RF002", issued("10/KH-UBND", "2023-01-18"), issued("10/KH-UBND", "2023-01-18"))
    [f] = report.findings
    assert (f.severity.label, f.subject, f.key) == ("info", "10/KH-UBND", "10/kh-ubnd/2023")
    assert (f.evidence["count"], f.evidence["date"]) == (2, dt.date(2023, 1, 18))
    vi, en = both(report, f)
    assert vi == "10/KH-UBND ngày 18/01/2023 được liệt kê 2 lần là văn bản đơn vị ban hành"
    assert en == "10/KH-UBND of 18/01/2023 is listed 2 times as issued by the unit"


def test_rf002_one_document_with_two_dates_is_a_warning() -> None:
    report = check(
        "RF002",
        issued("12/QĐ-UBND", "2023-02-11"),
        cited("12/QD-UBND", "2023-02-01", issuer="UBND phường U"),
    )
    [f] = report.findings
    assert f.severity.label == "warning"
    assert f.evidence["dates"] == (dt.date(2023, 2, 1), dt.date(2023, 2, 11))
    vi, en = both(report, f)
    assert (
        vi == "12/QĐ-UBND: cùng một văn bản được ghi với các ngày khác nhau: 01/02/2023, 11/02/2023"
    )
    assert en == "12/QĐ-UBND: one document is cited with different dates: 01/02/2023, 11/02/2023"


def test_rf002_yearless_numbers_of_different_years_are_different_documents() -> None:
    assert found("RF002", cited("02/NQ-CP", "2022-01-10"), cited("02/NQ-CP", "2023-01-06")) == []


def test_rf002_same_number_of_different_issuers_are_different_documents() -> None:
    assert (
        found(
            "RF002",
            issued("10/KH-UBND", "2023-01-18"),
            cited("10/KH-UBND", "2023-02-20", issuer="UBND tỉnh"),
        )
        == []
    )


def test_rf002_unit_named_as_issuer_is_the_unit() -> None:
    got = found(
        "RF002",
        issued("10/KH-UBND", "2023-01-18"),
        cited("10/KH-UBND", "2023-01-19", issuer="Ủy ban nhân dân phường U"),
    )
    assert [f.evidence["count"] for f in got] == [2]


def test_rf002_unparseable_text_listed_twice_as_issued() -> None:
    got = found("RF002", issued("KH 10", "2023-01-18"), issued("KH 10", "2023-01-18"))
    assert [(f.severity.label, f.subject) for f in got] == [("info", "KH 10")]


# ---------------------------------------------------------------------------------------------
# RF003


@pytest.mark.parametrize(
    ("date", "severity"),
    [
        ("2022-01-01", None),
        ("2022-06-30", None),
        ("2021-12-31", "info"),
        ("2021-12-15", "info"),  # first day of the statutory window
        ("2021-12-14", "warning"),  # the day before it
        ("2022-07-01", "warning"),
        ("2021-03-18", "warning"),
    ],
)
def test_rf003_calendar_half_year(date: str, severity: str | None) -> None:
    got = found("RF003", issued("71/KH-UBND", date), period=H1_2022)
    assert [f.severity.label for f in got] == ([severity] if severity else [])


def test_rf003_messages() -> None:
    report = check(
        "RF003",
        issued("3000/QĐ-UBND", "2021-12-30"),
        issued("71/KH-UBND", "2021-03-18"),
        period=H1_2022,
    )
    msgs = {f.subject: both(report, f) for f in report.findings}
    assert msgs["3000/QĐ-UBND"] == (
        "3000/QĐ-UBND ngày 30/12/2021 được nêu là ban hành trong kỳ (01/01/2022 – 30/06/2022); "
        "ngày này nằm trong thời gian chốt số liệu theo quy định (15/12/2021 – 14/06/2022)",
        "3000/QĐ-UBND of 30/12/2021 is listed as issued in the period (01/01/2022 to 30/06/2022); "
        "the date falls in the statutory reporting window (15/12/2021 to 14/06/2022)",
    )
    assert msgs["71/KH-UBND"] == (
        "71/KH-UBND ngày 18/03/2021 được nêu là ban hành trong kỳ, nhưng kỳ báo cáo từ "
        "01/01/2022 đến 30/06/2022",
        "71/KH-UBND of 18/03/2021 is listed as issued in the period, which runs from 01/01/2022 "
        "to 30/06/2022",
    )


@pytest.mark.parametrize(
    ("period", "window"),
    [
        (("2022-01-01", "2022-06-30"), ("2021-12-15", "2022-06-14")),
        (("2022-01-01", "2022-12-31"), ("2021-12-15", "2022-12-14")),
        (("2022-07-01", "2022-12-31"), None),
        (("2021-12-15", "2022-06-14"), None),
        (("2022-01-01", "2022-05-31"), None),
        (("2022-01-01", "2023-06-30"), None),
    ],
)
def test_statutory_window(period: tuple[str, str], window: tuple[str, str] | None) -> None:
    p = Period(dt.date.fromisoformat(period[0]), dt.date.fromisoformat(period[1]))
    expected = None if window is None else tuple(dt.date.fromisoformat(d) for d in window)
    assert _ND_09.reporting_window(p) == expected


_ND_09 = next(b for b in shipped_bases() if b.id == "nd-09-2019")


def test_the_window_comes_from_the_law_data_with_its_article() -> None:
    p = Period(dt.date(2022, 1, 1), dt.date(2022, 6, 30))
    assert _ND_09.article == "Điều 12"
    ds = dataset({"id": "u"}, period=H1_2022)
    assert Context(rf.rf003, ds, LawBook()).reporting_window() is None  # no basis, no window
    bare = attrs.evolve(_ND_09, extra={})
    assert bare.reporting_window(p) is None
    other = attrs.evolve(_ND_09, extra={**_ND_09.extra, "reporting_window_half_year_to": "06-20"})
    assert other.reporting_window(p) == (dt.date(2021, 12, 15), dt.date(2022, 6, 20))


def test_rf003_without_a_window_in_the_law_every_outside_date_is_a_warning() -> None:
    """A plugin replacing the reporting basis without a window turns the window off."""

    class NoWindow:
        @hookimpl
        def cchc_register_legal_bases(self, register: Callable[[Any], None]) -> None:
            register(attrs.evolve(_ND_09, extra={"evidence": "x"}))

    eng = Engine.default(entry_points=False, env={}, plugins=[NoWindow()])
    data = dataset(
        {"id": "u", "name": "UBND phường U", "references": [issued("3/QĐ-UBND", "2021-12-20")]},
        period=H1_2022,
    )
    (f,) = eng.with_config(Config(select=("RF003",))).run(data).findings
    assert f.severity.label == "warning"
    (g,) = found("RF003", issued("3/QĐ-UBND", "2021-12-20"), period=H1_2022)
    assert g.severity.label == "info"


def test_rf003_statutory_period_has_no_grace() -> None:
    got = found("RF003", issued("5/KH-UBND", "2021-12-14"), period=("2021-12-15", "2022-06-14"))
    assert [f.severity.label for f in got] == ["warning"]


def test_rf003_cited_documents_and_duplicates() -> None:
    got = found(
        "RF003",
        cited("124/NQ-HĐND", "2022-11-04", issuer="HĐND tỉnh"),
        issued("10/KH-UBND", "2022-01-18"),
        issued("10/KH-UBND", "2022-01-18"),
    )
    assert [f.subject for f in got] == ["10/KH-UBND"]


def test_rf003_issued_without_date_is_skipped_with_reason() -> None:
    report = check("RF003", issued("10/KH-UBND"))
    assert report.findings == ()
    [skip] = report.skipped
    assert (skip.reason, skip.subject) == ("RF003.no_date", "10/KH-UBND")
    assert report.text(skip.reason, skip.params, lang="vi") == (
        "10/KH-UBND: văn bản nêu là ban hành trong kỳ nhưng không ghi ngày"
    )
    assert report.text(skip.reason, skip.params, lang="en") == (
        "10/KH-UBND: listed as issued in the period, but no date is given"
    )


# ---------------------------------------------------------------------------------------------
# RF004 and the numbering helpers


def _entries(*pairs: tuple[int, str]) -> list[rf.Entry]:
    out = []
    for seq, date in pairs:
        ref = rf.Reference(number=f"{seq}/KH-UBND", date=dt.date.fromisoformat(date))
        out.append(rf.Entry(seq, ref.date, rf.read(ref)))  # type: ignore[arg-type]
    return out


@pytest.mark.parametrize(
    ("pairs", "flagged"),
    [
        ([(1, "2023-01-04"), (2, "2023-01-04"), (5, "2023-01-06")], []),
        ([(20, "2023-03-03"), (25, "2023-02-01"), (31, "2023-03-20")], [(25, 20)]),
        (
            [(10, "2023-01-18"), (20, "2023-03-03"), (25, "2023-02-01"), (31, "2023-03-20")],
            [(25, 20)],
        ),
        # a lower number wrongly dated late is the one out of the run
        (
            [(5, "2023-12-30"), (10, "2023-01-10"), (20, "2023-02-10"), (30, "2023-03-10")],
            [(5, 10)],
        ),
        ([(1, "2023-01-01")], []),
        ([], []),
    ],
)
def test_out_of_order(pairs: list[tuple[int, str]], flagged: list[tuple[int, int]]) -> None:
    got = rf.out_of_order(_entries(*pairs))
    assert [(e.seq, other.seq) for e, other in got] == flagged


def test_rf004_flags_the_higher_number_with_the_earlier_date() -> None:
    report = check(
        "RF004",
        issued("20/KH-UBND", "2023-03-03"),
        issued("25/KH-UBND", "2023-03-02"),
        issued("31/KH-UBND", "2023-03-20"),
    )
    [f] = report.findings
    assert (f.subject, f.evidence["other_number"], f.evidence["other_date"]) == (
        "25/KH-UBND",
        "20/KH-UBND",
        dt.date(2023, 3, 3),
    )
    vi, en = both(report, f)
    assert vi == "25/KH-UBND ngày 02/03/2023 không theo thứ tự số: 20/KH-UBND ngày 03/03/2023"
    assert en == "25/KH-UBND of 02/03/2023 is out of numbering order with 20/KH-UBND of 03/03/2023"


def test_rf004_same_date_is_in_order() -> None:
    assert (
        found("RF004", issued("20/KH-UBND", "2023-03-03"), issued("25/KH-UBND", "2023-03-03")) == []
    )


@pytest.mark.parametrize(
    "second",
    [
        issued("25/QĐ-UBND", "2023-03-02"),  # another type
        issued("25/KH-UBND", "2022-03-02"),  # another year
        cited("25/KH-UBND", "2023-03-02", issuer="UBND tỉnh"),  # another issuer
        cited("25/KH-UBND", "2023-03-02"),  # issuer unknown: not in any sequence
        issued("25/2022/KH-UBND", "2023-03-02"),  # year mismatch: RF001's, date in doubt
    ],
)
def test_rf004_sequences_are_per_issuer_type_and_year(second: dict[str, Any]) -> None:
    assert found("RF004", issued("20/KH-UBND", "2023-03-03"), second) == []


def test_rf004_numbers_with_conflicting_dates_stay_out() -> None:
    assert (
        found(
            "RF004",
            issued("20/KH-UBND", "2023-03-03"),
            issued("25/KH-UBND", "2023-03-02"),
            issued("25/KH-UBND", "2023-03-05"),
        )
        == []
    )


def test_rf004_national_numbers_form_one_sequence_whoever_cites_them() -> None:
    got = found(
        "RF004",
        cited("20/NQ-CP", "2023-03-03"),
        cited("25/NQ-CP", "2023-02-01", issuer="Chính phủ"),
    )
    assert [f.subject for f in got] == ["25/NQ-CP"]


# ---------------------------------------------------------------------------------------------
# RF005


@pytest.mark.parametrize(
    ("number", "date", "known"),
    [
        ("02/NQ-CP", "2022-01-01", "2022-01-10"),
        ("02/NQ-CP", "2022-01-10", None),
        ("02/NQ-CP", "2026-01-08", None),  # the 2026 resolution of the same number
        ("02/NQ-CP", "2023-01-06", None),  # not in the table: nothing to compare
        ("02/nq-cp", "2022-01-11", "2022-01-10"),
        ("59/2019/NĐ-CP", "2021-07-01", "2019-07-01"),
        ("59/2019/NĐ-CP", "2019-07-01", None),
        ("06/QĐ-TTg", "2022-01-06", None),
        ("766/QĐ-TTg", "2022-06-22", "2022-06-23"),
        ("40-KL/TW", "2022-07-19", "2022-07-18"),
        ("02/NQ-CP", None, None),
    ],
)
def test_rf005_against_the_shipped_table(number: str, date: str | None, known: str | None) -> None:
    got = found("RF005", cited(number, date))
    assert [f.evidence["known_date"] for f in got] == (
        [dt.date.fromisoformat(known)] if known else []
    )


def test_rf005_messages_and_source() -> None:
    report = check("RF005", cited("02/NQ-CP", "2022-01-01"))
    [f] = report.findings
    assert (f.subject, f.key) == ("02/NQ-CP", "2/nq-cp/2022")
    assert f.evidence["source"].startswith("https://")
    vi, en = both(report, f)
    assert vi == "02/NQ-CP ghi ngày 01/01/2022; văn bản ban hành ngày 10/01/2022"
    assert en == "02/NQ-CP is cited as of 01/01/2022; the document is of 10/01/2022"


class _ExtraDocuments:
    @hookimpl
    def cchc_register_documents(self, register: Callable[[NationalDocument], None]) -> None:
        register(NationalDocument(number="02/NQ-CP", date=dt.date(2023, 1, 6), title="2023"))


def test_rf005_uses_documents_registered_by_plugins() -> None:
    eng = Engine.default(entry_points=False, env={}, plugins=[_ExtraDocuments()])
    ds = dataset(
        {"id": "u", "references": [cited("02/NQ-CP", "2023-01-05")]},
        reported_by="u",
        period=Y2023,
    )
    report = eng.with_config(Config(select=("RF005",))).run(ds)
    assert [f.evidence["known_date"] for f in report.findings] == [dt.date(2023, 1, 6)]


def test_rf005_without_a_table_is_skipped() -> None:
    ds = dataset({"id": "u", "references": [cited("02/NQ-CP", "2022-01-01")]}, period=H1_2022)
    ctx = Context(rf.rf005, ds, LawBook())
    [skip] = list(rf.rf005.check(ds.units[0], ctx) or ())
    assert skip.reason == "RF005.no_table"


# ---------------------------------------------------------------------------------------------
# RF006


def _rf006(
    report_table: dict[str, Any] | None, *units: dict[str, Any], reported_by: str | None = "a"
) -> Report:
    kw: dict[str, Any] = {}
    if report_table is not None:
        kw["report"] = report_table
    if reported_by is not None:
        kw["reported_by"] = reported_by
    return run(*(units or ({"id": "a"}, {"id": "b"})), select="RF006", **kw)


@pytest.mark.parametrize(
    ("report_table", "message"),
    [
        (None, "neither"),
        ({}, "neither"),
        ({"number": "215/BC-UBND"}, "no_date"),
        ({"date": "2023-06-20"}, "no_number"),
        ({"number": "215/BC-UBND", "date": "2023-06-20"}, None),
    ],
)
def test_rf006_on_the_reporting_unit_only(
    report_table: dict[str, Any] | None, message: str | None
) -> None:
    report = _rf006(report_table)
    got = [(f.unit, f.message, f.subject) for f in report.findings]
    assert got == ([("a", f"RF006.{message}", "report")] if message else [])


def test_rf006_messages() -> None:
    msgs = []
    for table in (None, {"number": "215/BC-UBND"}, {"date": "2023-06-20"}):
        report = _rf006(table)
        msgs.append(both(report, report.findings[0]))
    assert msgs == [
        (
            "báo cáo không ghi số, ký hiệu và ngày ban hành",
            "the report's number and date are not recorded",
        ),
        (
            "báo cáo 215/BC-UBND không ghi ngày ban hành",
            "the report 215/BC-UBND has no date recorded",
        ),
        (
            "báo cáo ngày 20/06/2023 không ghi số, ký hiệu",
            "the report of 20/06/2023 has no number recorded",
        ),
    ]


def test_rf006_single_unit_without_reported_by() -> None:
    report = _rf006(None, {"id": "solo"}, reported_by=None)
    assert [f.unit for f in report.findings] == ["solo"]


def test_rf006_several_units_and_no_reporting_unit_is_skipped() -> None:
    report = _rf006(None, reported_by=None)
    assert report.findings == ()
    assert [(s.unit, s.reason) for s in report.skipped] == [("a", "RF006.unknown_unit")]
    report = _rf006(None, reported_by="elsewhere")
    assert [(s.unit, s.reason) for s in report.skipped] == [("a", "RF006.unknown_unit")]


# ---------------------------------------------------------------------------------------------
# RF007


def test_rf007_suggests_the_date_that_fits_the_sequence() -> None:
    report = check(
        "RF007",
        issued("62/KH-UBND", "2022-03-14"),
        issued("71/KH-UBND", "2021-03-18"),
        issued("81/KH-UBND", "2022-03-24"),
        period=H1_2022,
    )
    [f] = report.findings
    assert f.subject == "71/KH-UBND"
    assert f.evidence["suggested_date"] == dt.date(2022, 3, 18)
    assert (f.evidence["before_number"], f.evidence["after_number"]) == ("62/KH-UBND", "81/KH-UBND")
    vi, en = both(report, f)
    assert vi == (
        "71/KH-UBND ghi ngày 18/03/2021: có thể nhầm năm, ngày đúng có lẽ là 18/03/2022 (giữa "
        "62/KH-UBND ngày 14/03/2022 và 81/KH-UBND ngày 24/03/2022)"
    )
    assert en == (
        "71/KH-UBND dated 18/03/2021: probably a year typo for 18/03/2022 (between 62/KH-UBND "
        "of 14/03/2022 and 81/KH-UBND of 24/03/2022)"
    )


@pytest.mark.parametrize(
    ("moved", "fires"),
    [
        ("2021-03-14", True),  # same day as the lower neighbour: fits
        ("2021-03-24", True),  # same day as the upper neighbour: fits
        ("2021-03-13", False),  # before the lower neighbour
        ("2021-03-25", False),  # after the upper neighbour
    ],
)
def test_rf007_boundaries(moved: str, fires: bool) -> None:
    got = found(
        "RF007",
        issued("62/KH-UBND", "2022-03-14"),
        issued("71/KH-UBND", moved),
        issued("81/KH-UBND", "2022-03-24"),
        period=H1_2022,
    )
    assert bool(got) is fires


@pytest.mark.parametrize(
    "refs",
    [
        # fits its own year: a lone 2021 number next to other 2021 numbers in order
        [
            issued("60/KH-UBND", "2021-03-01"),
            issued("71/KH-UBND", "2021-03-18"),
            issued("62/KH-UBND", "2022-03-14"),
            issued("81/KH-UBND", "2022-03-24"),
        ],
        # only one neighbour in the other year: not exact
        [issued("62/KH-UBND", "2022-03-14"), issued("71/KH-UBND", "2021-03-18")],
        # fits two other years: ambiguous
        [
            issued("62/KH-UBND", "2022-03-14"),
            issued("81/KH-UBND", "2022-03-24"),
            issued("62/KH-UBND", "2020-03-14"),
            issued("81/KH-UBND", "2020-03-24"),
            issued("71/KH-UBND", "2021-03-18"),
        ],
        # cited, not issued by the unit
        [
            issued("62/KH-UBND", "2022-03-14"),
            cited("71/KH-UBND", "2021-03-18", issuer="UBND phường U"),
            issued("81/KH-UBND", "2022-03-24"),
        ],
        # a number with its own year is RF001's business
        [
            issued("62/KH-UBND", "2022-03-14"),
            issued("71/2021/KH-UBND", "2021-03-18"),
            issued("81/KH-UBND", "2022-03-24"),
        ],
        # the other year already has that number
        [
            issued("62/KH-UBND", "2022-03-14"),
            issued("71/KH-UBND", "2022-03-20"),
            issued("81/KH-UBND", "2022-03-24"),
            issued("71/KH-UBND", "2021-03-18"),
        ],
    ],
)
def test_rf007_does_not_guess(refs: list[dict[str, Any]]) -> None:
    assert found("RF007", *refs, period=H1_2022) == []


def test_rf007_29_february_has_no_other_year() -> None:
    refs = [
        issued("10/KH-UBND", "2023-02-20"),
        issued("20/KH-UBND", "2023-03-01"),
        issued("15/KH-UBND", "2024-02-29"),
    ]
    assert found("RF007", *refs) == []


def test_year_typo_helper_picks_the_single_fitting_year() -> None:
    years = {2022: _entries((62, "2022-03-14"), (81, "2022-03-24"))}
    moved, before, after = rf.year_typo(years, 71, dt.date(2021, 3, 18)) or (None, None, None)
    assert moved == dt.date(2022, 3, 18)
    assert (before.seq, after.seq) == (62, 81)  # type: ignore[union-attr]


# ---------------------------------------------------------------------------------------------
# RF008


@pytest.mark.parametrize(
    ("number", "code"),
    [
        ("Kế hoạch số 05/KH-UBND", "text_around"),
        ("KH-UBND", "no_number"),
        ("05a/KH-UBND", "bad_number"),
        ("05/KH-UB*ND", "bad_character"),
        ("05//KH-UBND", "malformed"),
        ("59/19/NĐ-CP", "bad_year"),
        ("06/CP", "no_type"),
        ("12/XYZ-UBND", "unknown_type"),
        ("05/KH", "no_issuer"),
        ("x" * 250, "too_long"),
    ],
)
def test_rf008_reports_unparseable_numbers_with_their_reason(number: str, code: str) -> None:
    report = check("RF008", cited(number, "2023-01-01"))
    [f] = report.findings
    assert (f.severity.label, f.message, f.subject, f.evidence["code"]) == (
        "info",
        f"RF008.{code}",
        number,
        code,
    )
    vi, en = both(report, f)
    assert vi.startswith(f"{number}: không đọc được số, ký hiệu văn bản — ")
    assert en.startswith(f"{number}: ")
    assert vi != en


def test_rf008_parseable_numbers_pass_and_other_rules_do_not_guess() -> None:
    refs = (cited("05/KH-UBND", "2023-01-01"), issued("Kế hoạch 07/KH-UBND", "2023-01-02"))
    assert [f.subject for f in found("RF008", *refs)] == ["Kế hoạch 07/KH-UBND"]
    for rule_id in ("RF001", "RF004", "RF005", "RF007"):
        assert found(rule_id, *refs) == []


def test_rf008_checks_the_reports_own_number_on_the_reporting_unit() -> None:
    report = run(
        {"id": "a"},
        {"id": "b"},
        select="RF008",
        reported_by="a",
        report={"number": "Báo cáo 215/BC-UBND", "date": "2023-06-20"},
    )
    assert [(f.unit, f.subject, f.evidence["where"]) for f in report.findings] == [
        ("a", "Báo cáo 215/BC-UBND", "dataset.report")
    ]


def test_every_reason_code_has_messages_in_both_languages() -> None:
    for code in REASON_CODES:
        texts = rf.rf008.messages[code]
        assert set(texts) == {"vi", "en"} and texts["vi"] != texts["en"]


# ---------------------------------------------------------------------------------------------
# Issuers


@pytest.mark.parametrize(
    ("ref", "issuer"),
    [
        (issued("05/KH-UBND"), rf.SELF),
        (cited("05/KH-UBND"), None),
        (cited("05/KH-UBND", issuer="UBND phường U"), rf.SELF),
        (cited("05/KH-UBND", issuer="Uỷ ban nhân dân  phường U"), rf.SELF),
        (cited("05/KH-UBND", issuer="u"), rf.SELF),
        (cited("05/KH-UBND", issuer="UBND tỉnh"), "ubnd tỉnh"),
        (issued("05/KH-UBND", issuer="UBND tỉnh"), "ubnd tỉnh"),
        (cited("59/2019/NĐ-CP"), "@CP"),
        (cited("59/2019/NĐ-CP", issuer="Chính phủ"), "@CP"),
        (cited("03-NQ/TU", issuer="Ban Thường vụ Thành ủy"), "ban thường vụ thành ủy"),
    ],
)
def test_issuer_of(ref: dict[str, Any], issuer: str | None) -> None:
    unit = dataset({"id": "u", "name": "UBND phường U", "references": [ref]}).units[0]
    [c] = rf.cites(unit)
    assert rf.issuer_of(c, unit) == issuer


def test_keys_are_shared_by_spellings() -> None:
    unit = dataset(
        {
            "id": "u",
            "references": [
                cited("05/KH-UBND", "2023-01-01"),
                cited("5 / kh - ubnd", "2023-01-01"),
                cited("59/2019/ND-CP"),
                cited("Số 59/2019/NĐ-CP"),
            ],
        }
    ).units[0]
    assert [c.key for c in rf.cites(unit)] == [
        "5/kh-ubnd/2023",
        "5/kh-ubnd/2023",
        "59/2019/nđ-cp",
        "59/2019/nđ-cp",
    ]
    assert parse_number("5 / kh - ubnd").canonical() == "5/KH-UBND"


# ---------------------------------------------------------------------------------------------
# Whole datasets


def _rf(report: Report) -> set[tuple[str, str, str, str]]:
    return {
        (f.rule, f.unit, f.subject, f.severity.label)
        for f in report.findings
        if f.rule.startswith("RF")
    }


def test_seed_report_references() -> None:
    report = engine(Config(select=("RF",))).run(load_dataset(EXAMPLES / "le-chan-2022-h1.toml"))
    assert _rf(report) == {
        ("RF001", "le-chan", "59/2019/NĐ-CP", "warning"),
        ("RF005", "le-chan", "59/2019/NĐ-CP", "warning"),
        ("RF005", "le-chan", "02/NQ-CP", "warning"),
        ("RF002", "le-chan", "01/KH-UBND", "info"),
        ("RF003", "le-chan", "71/KH-UBND", "warning"),
        ("RF003", "le-chan", "3000/QĐ-UBND", "info"),
        ("RF003", "le-chan", "3025/QĐ-UBND", "info"),
        ("RF007", "le-chan", "71/KH-UBND", "warning"),
        ("RF006", "le-chan", "report", "warning"),
    }
    [typo] = [f for f in report.findings if f.rule == "RF007"]
    assert typo.evidence["suggested_date"] == dt.date(2022, 3, 18)
    assert not report.skipped


def test_demo_dataset_references() -> None:
    report = engine(Config(select=("RF",))).run(load_dataset(EXAMPLES / "hai-an-demo-2025-h2.toml"))
    assert _rf(report) == {
        ("RF002", "demo-city", "175/KH-UBND", "info"),
        ("RF001", "phuong-an-lac", "27/2025/QĐ-UBND", "warning"),
    }


def test_conformance_expectations_for_references() -> None:
    case = "06-references.toml"
    expected = json.loads((CONFORMANCE / "expected.json").read_text(encoding="utf-8"))[case]
    report = engine(Config(select=("RF",))).run(load_dataset(CONFORMANCE / case))
    got: dict[str, dict[str, set[str]]] = {}
    for f in report.findings:
        got.setdefault(f.rule, {}).setdefault(f.unit, set()).add(f.severity.label)
    for rule_id, units in expected["must"].items():
        for unit, severity in units.items():
            assert unit in got.get(rule_id, {}), rule_id
            assert severity is None or severity in got[rule_id][unit]
    for rule_id in expected["must_not"]:
        assert rule_id not in got


# ---------------------------------------------------------------------------------------------
# Declarations


@pytest.mark.parametrize("rule_obj", rf.RULES, ids=lambda r: r.id)
def test_rule_examples_hold_and_show_both_outcomes(rule_obj: Any) -> None:
    results = run_examples(rule_obj, engine=engine())
    assert [p for r in results for p in r.problems] == []
    assert {r.example.fires for r in results} == {True, False}


@pytest.mark.parametrize("rule_obj", rf.RULES, ids=lambda r: r.id)
def test_every_message_exists_in_both_languages(rule_obj: Any) -> None:
    for key, texts in rule_obj.messages.items():
        assert set(texts) == {"vi", "en"}, key
        assert texts["vi"] != texts["en"], key
    assert set(rule_obj.title) == {"vi", "en"}
    assert set(rule_obj.description) == {"vi", "en"}


def test_rf006_complete_report_needs_no_reporting_unit() -> None:
    report = _rf006({"number": "215/BC-UBND", "date": "2023-06-20"}, reported_by=None)
    assert report.findings == () and report.skipped == ()


def test_rf007_in_a_national_issuers_own_report() -> None:
    got = found(
        "RF007",
        issued("62/NQ-CP", "2022-03-14"),
        issued("71/NQ-CP", "2021-03-18"),
        issued("81/NQ-CP", "2022-03-24"),
        cited("5/2021/NĐ-CP", "2021-01-05"),
        period=H1_2022,
    )
    assert [f.evidence["suggested_date"] for f in got] == [dt.date(2022, 3, 18)]


# --- normative and ordinary numbers are two documents ------------------------------------------
def test_a_normative_and_an_ordinary_number_have_distinct_keys() -> None:
    unit = dataset(
        {
            "id": "u",
            "references": [
                cited("12/2022/QĐ-UBND", "2022-03-01"),
                cited("12/QĐ-UBND", "2022-01-05"),
            ],
        }
    ).units[0]
    assert [c.key for c in rf.cites(unit)] == ["12/2022/qđ-ubnd", "12/qđ-ubnd/2022"]


def test_rf002_a_normative_and_an_ordinary_number_are_not_one_document_with_two_dates() -> None:
    refs = (issued("12/2022/QĐ-UBND", "2022-03-01"), issued("12/QĐ-UBND", "2022-01-05"))
    assert found("RF002", *refs, period=H1_2022) == []


def test_rf004_normative_and_ordinary_numbers_are_separate_sequences() -> None:
    # ordinary 10, 20 and normative 15/2022 would be out of order if mixed (15 dated after 20)
    refs = (
        issued("10/QĐ-UBND", "2022-01-10"),
        issued("20/QĐ-UBND", "2022-02-10"),
        issued("15/2022/QĐ-UBND", "2022-05-10"),
        issued("16/2022/QĐ-UBND", "2022-05-20"),
    )
    assert found("RF004", *refs, period=H1_2022) == []
    # within the normative sequence, the order is still checked
    refs = (*refs, issued("17/2022/QĐ-UBND", "2022-05-01"))
    (f,) = found("RF004", *refs, period=H1_2022)
    assert f.subject == "17/2022/QĐ-UBND"


def test_da_du_an_is_not_read_as_da_de_an() -> None:
    # Dự án (DA) and Đề án (ĐA) are two types under Nghị định 30/2020/NĐ-CP
    assert parse_number("9/DA-UBND").doc_type == "DA"
    assert parse_number("9/ĐA-UBND").doc_type == "ĐA"
    refs = (issued("9/DA-UBND", "2022-02-01"), issued("9/ĐA-UBND", "2022-03-01"))
    assert found("RF002", *refs, period=H1_2022) == []


# --- CS005 and the statutory window (09/2019/NĐ-CP Điều 12) -------------------------------------
@pytest.mark.parametrize(
    ("window", "fires"),
    [
        (("2021-12-15", "2022-06-14"), False),  # exactly the statutory half-year window
        (("2021-12-15", "2022-06-13"), True),
        (("2021-12-14", "2022-06-14"), True),
        (("2022-01-01", "2022-05-30"), True),
    ],
)
def test_cs005_is_silent_on_the_statutory_window(window, fires) -> None:
    unit = {"id": "u", "documents": {"issued": 5, "period": {"start": window[0], "end": window[1]}}}
    report = run(unit, select="CS005", period=H1_2022)
    assert bool(report.findings) is fires


def test_cs005_the_year_window_too_and_not_for_other_periods() -> None:
    unit = {
        "id": "u",
        "documents": {"issued": 5, "period": {"start": "2021-12-15", "end": "2022-12-14"}},
    }
    assert run(unit, select="CS005", period=("2022-01-01", "2022-12-31")).findings == ()
    # a quarter has no statutory window here: its own window is reported
    unit["documents"]["period"] = {"start": "2021-12-15", "end": "2022-03-14"}
    assert len(run(unit, select="CS005", period=("2022-01-01", "2022-03-31")).findings) == 1
