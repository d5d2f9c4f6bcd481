"""Consistency rules CS001–CS005: each check at its boundary, skips with reasons, both languages."""

from __future__ import annotations

import json
from typing import Any

import pytest

from cchc_rules import Config, Finding, Report, load_dataset
from cchc_rules.builtin import consistency
from cchc_rules.testing import run_examples

from _support import CONFORMANCE, EXAMPLES, engine, fired, run


def findings(rule: str, *units: dict[str, Any], **kw: Any) -> list[Finding]:
    return [f for f in run(*units, select=rule, **kw).findings if f.rule == rule]


def by_subject(rule: str, *units: dict[str, Any], **kw: Any) -> dict[str, Finding]:
    return {f.subject: f for f in findings(rule, *units, **kw)}


def skips(rule: str, *units: dict[str, Any], **kw: Any) -> list[Any]:
    return [s for s in run(*units, select=rule, **kw).skipped if s.rule == rule]


def texts(report: Report, f: Finding) -> tuple[str, str]:
    return report.message(f, lang="vi"), report.message(f, lang="en")


def one_message(rule: str, unit: dict[str, Any], **kw: Any) -> tuple[Finding, str, str]:
    report = run(unit, select=rule, **kw)
    [f] = [f for f in report.findings if f.rule == rule]
    vi, en = texts(report, f)
    return f, vi, en


# ---------------------------------------------------------------------------------------------
# CS001


@pytest.mark.parametrize(
    ("restricted", "accessible", "fires"),
    [(31, 3020, False), (31, 3019, True), (31, 3021, True), (0, 3051, False)],
)
def test_cs001_documents_sum_is_exact(restricted: int, accessible: int, fires: bool) -> None:
    got = by_subject(
        "CS001",
        {"documents": {"issued": 3051, "restricted": restricted, "accessible": accessible}},
    )
    assert ("documents" in got) is fires
    if fires:
        f = got["documents"]
        assert f.key == "documents"
        assert f.severity.label == "error"
        assert f.evidence["parts_sum"] == restricted + accessible
        assert f.evidence["difference"] == 3051 - restricted - accessible


def test_cs001_documents_with_a_part_missing_is_not_a_claim() -> None:
    assert findings("CS001", {"documents": {"issued": 100, "restricted": 10}}) == []
    assert skips("CS001", {"documents": {"issued": 100, "restricted": 10}}) == []


def test_cs001_documents_message_in_both_languages() -> None:
    _, vi, en = one_message(
        "CS001", {"documents": {"issued": 3051, "restricted": 31, "accessible": 3000}}
    )
    assert vi == (
        "Văn bản: 31 văn bản thuộc diện công dân không được tiếp cận + 3.000 văn bản công dân "
        "được tiếp cận = 3.031, khác 3.051 văn bản ban hành (chênh lệch 20)"
    )
    assert en == (
        "Documents: 31 restricted + 3,000 accessible = 3,031, not the 3,051 issued (difference 20)"
    )


@pytest.mark.parametrize(
    ("dossiers", "message"),
    [
        ({"received_online": 1007, "online_level3": 492, "online_level4": 515}, None),
        ({"received_online": 1008, "online_level3": 492, "online_level4": 515}, "online_levels"),
        ({"received_online": 180, "online_partial": 60, "online_full": 120}, None),
        ({"received_online": 179, "online_partial": 60, "online_full": 120}, "online_modes"),
        (
            {
                "received_online": 100,
                "online_level3": 10,
                "online_level4": 20,
                "online_partial": 30,
                "online_full": 40,
            },
            None,
        ),
        (
            {
                "received_online": 101,
                "online_level3": 10,
                "online_level4": 20,
                "online_partial": 30,
                "online_full": 40,
            },
            "online_both",
        ),
        ({"received_online": 1000, "online_level3": 492}, None),  # no complete pair
        ({"online_level3": 492, "online_level4": 515}, None),  # no total to check
    ],
)
def test_cs001_online_parts(dossiers: dict[str, int], message: str | None) -> None:
    got = by_subject("CS001", {"dossiers": dossiers})
    if message is None:
        assert "online" not in got
    else:
        assert got["online"].message == f"CS001.{message}"
        assert got["online"].key == "online"


def test_cs001_online_lone_half_of_a_pair_is_skipped_with_the_missing_field() -> None:
    unit = {
        "dossiers": {
            "received_online": 100,
            "online_level3": 40,
            "online_level4": 60,
            "online_full": 5,
        }
    }
    assert findings("CS001", unit) == []
    [skip] = skips("CS001", unit)
    assert skip.reason == "CS001.online_incomplete"
    assert skip.subject == "online"
    assert skip.params["missing"] == ("online_partial",)
    report = run(unit, select="CS001")
    assert "online_partial" in report.text(skip.reason, skip.params, lang="vi")
    assert "online_partial" in report.text(skip.reason, skip.params, lang="en")


def test_cs001_online_message_in_both_languages() -> None:
    _, vi, en = one_message(
        "CS001", {"dossiers": {"received_online": 1100, "online_level3": 492, "online_level4": 515}}
    )
    assert "mức độ 3 (492) + mức độ 4 (515) = 1.007, khác 1.100 hồ sơ trực tuyến" in vi
    assert "level 3 (492) + level 4 (515) = 1,007, not the 1,100 received online" in en


@pytest.mark.parametrize(
    ("dossiers", "fires", "absent"),
    [
        ({"resolved": 90, "resolved_early": 60, "resolved_on_time": 30}, False, None),
        ({"resolved": 95, "resolved_early": 60, "resolved_on_time": 30}, True, ("resolved_late",)),
        (
            {"resolved": 95, "resolved_early": 60, "resolved_on_time": 30, "resolved_late": 5},
            False,
            None,
        ),
        (
            {"resolved": 94, "resolved_early": 60, "resolved_on_time": 30, "resolved_late": 5},
            True,
            None,
        ),
        ({"resolved": 95}, False, None),  # no part: nothing to compare
    ],
)
def test_cs001_stated_resolved(
    dossiers: dict[str, int], fires: bool, absent: tuple[str, ...] | None
) -> None:
    got = by_subject("CS001", {"dossiers": dossiers})
    assert ("resolved" in got) is fires
    if fires:
        f = got["resolved"]
        assert f.evidence.get("absent") == absent
        assert f.message == ("CS001.resolved_absent" if absent else "CS001.resolved")


def test_cs001_stated_pending_and_its_messages() -> None:
    unit = {"dossiers": {"pending": 12, "pending_in_time": 10}}
    report = run(unit, select="CS001")
    [f] = report.findings
    assert (f.subject, f.evidence["parts_sum"], f.evidence["absent"]) == (
        "pending",
        10,
        ("pending_overdue",),
    )
    vi, en = texts(report, f)
    assert vi.endswith("; không báo cáo (tính là 0): pending_overdue")
    assert en.endswith("; not reported (counted as 0): pending_overdue")
    assert "trong hạn (10) + quá hạn (—) = 10" in vi
    assert by_subject("CS001", {"dossiers": {"pending": 10, "pending_in_time": 10}}) == {}


@pytest.mark.parametrize(
    ("dossiers", "fires"),
    [
        ({"received_total": 110, "received": 100, "carried_over": 10}, False),
        ({"received_total": 111, "received": 100, "carried_over": 10}, True),
        ({"received_total": 120, "received": 100}, False),  # implied carried-over: no claim
    ],
)
def test_cs001_received_total(dossiers: dict[str, int], fires: bool) -> None:
    assert ("received_total" in by_subject("CS001", {"dossiers": dossiers})) is fires


def test_cs001_conformance_dossier_balance_cases() -> None:
    report = engine(Config(select=("CS001",))).run(
        load_dataset(CONFORMANCE / "02-dossier-balance.toml")
    )
    got = {(f.unit, f.subject) for f in report.findings}
    assert got == {("g", "dossier_balance"), ("i", "received_total"), ("j", "resolved")}
    [g] = [f for f in report.findings if f.unit == "g"]
    assert g.evidence["total"] == 100
    assert g.evidence["accounted"] == 110
    assert g.evidence["difference"] == -10
    assert g.evidence["absent"] == ("carried_over", "withdrawn")
    vi, en = texts(report, g)
    assert vi == (
        "Cân đối hồ sơ: 100 hồ sơ phải giải quyết, nhưng đã giải quyết 90 + đang giải quyết 15 "
        "+ trả lại (5) + rút (—) = 110 (chênh lệch -10); không báo cáo (tính là 0): "
        "carried_over, withdrawn"
    )
    assert en.startswith("Dossier balance: 100 dossiers to account for, but 90 resolved")


@pytest.mark.parametrize(
    ("dossiers", "fires"),
    [
        # exactly balanced, every term given
        (
            {
                "received": 100,
                "carried_over": 10,
                "resolved_on_time": 90,
                "pending_in_time": 10,
                "returned": 6,
                "withdrawn": 4,
            },
            False,
        ),
        # one dossier over
        (
            {
                "received": 100,
                "carried_over": 10,
                "resolved_on_time": 90,
                "pending_in_time": 10,
                "returned": 6,
                "withdrawn": 5,
            },
            True,
        ),
        # the stated received_total stands in for received + carried_over
        ({"received": 100, "received_total": 110, "resolved": 100, "pending": 10}, False),
        # stated totals are used in preference to their parts
        ({"received": 100, "resolved": 95, "resolved_early": 60, "pending": 5}, False),
        # no pending figure: the balance is not checked
        ({"received": 100, "resolved_on_time": 50}, False),
        # no resolved figure: not checked either
        ({"received": 100, "pending_in_time": 50}, False),
        # a stated zero is a figure
        ({"received": 100, "resolved_on_time": 100, "pending_in_time": 0}, False),
        ({"received": 100, "resolved_on_time": 99, "pending_in_time": 0}, True),
    ],
)
def test_cs001_dossier_balance(dossiers: dict[str, int], fires: bool) -> None:
    assert ("dossier_balance" in by_subject("CS001", {"dossiers": dossiers})) is fires


def test_cs001_dossier_balance_without_absent_terms_uses_the_plain_message() -> None:
    f, vi, en = one_message(
        "CS001",
        {
            "dossiers": {
                "received": 100,
                "carried_over": 0,
                "resolved_on_time": 99,
                "pending_in_time": 0,
                "returned": 0,
                "withdrawn": 0,
            }
        },
    )
    assert f.message == "CS001.dossier_balance"
    assert "absent" not in f.evidence
    assert "không báo cáo" not in vi
    assert en.endswith("= 99 (difference 1)")


@pytest.mark.parametrize(
    ("notified", "not_notified", "fires"), [(226563, 3008, False), (226562, 3008, True)]
)
def test_cs001_id_coverage(notified: int, not_notified: int, fires: bool) -> None:
    unit = {
        "digital_id": {
            "population": 229571,
            "id_notified": notified,
            "id_not_notified": not_notified,
        }
    }
    report = run(unit, select="CS001")
    assert bool(report.findings) is fires
    if fires:
        vi, en = texts(report, report.findings[0])
        assert "226.562 đã thông báo + 3.008 chưa thông báo = 229.570, khác dân số 229.571" in vi
        assert "226,562 notified + 3,008 not notified = 229,570" in en


def test_cs001_one_finding_per_check() -> None:
    got = findings(
        "CS001",
        {
            "documents": {"issued": 10, "restricted": 1, "accessible": 1},
            "dossiers": {
                "received": 10,
                "received_online": 5,
                "online_level3": 1,
                "online_level4": 1,
                "resolved": 3,
                "resolved_on_time": 1,
                "pending": 1,
                "pending_in_time": 0,
            },
            "digital_id": {"population": 5, "id_notified": 1, "id_not_notified": 1},
        },
    )
    subjects = [f.subject for f in got]
    assert sorted(subjects) == sorted(
        ["documents", "online", "resolved", "pending", "dossier_balance", "id_coverage"]
    )
    assert all(f.key == f.subject for f in got)


# ---------------------------------------------------------------------------------------------
# CS002


@pytest.mark.parametrize(
    ("population", "notified", "stated", "fires"),
    [
        (1000, 987, 98.7, False),
        (1000, 987, 98.0, True),
        (10000, 9865, 98.7, False),  # 98.65: exactly half a unit below, passes
        (100000, 98649, 98.7, True),  # 98.649: just past half a unit
        (10000, 9875, 98.7, False),  # 98.75: exactly half a unit above
        (100000, 98751, 98.7, True),
        (1000000, 987040, "98,70", False),  # two written decimals: ±0.005
        (1000000, 987060, "98,70", True),
        (1, 1, 100, False),
        (100, 98, 100, True),  # 98.0 vs 100 does not pass
    ],
)
def test_cs002_notified_to_the_written_precision(
    population: int, notified: int, stated: object, fires: bool
) -> None:
    unit = {
        "digital_id": {
            "population": population,
            "id_notified": notified,
            "stated_notified_percent": stated,
        }
    }
    got = by_subject("CS002", unit)
    assert ("stated_notified_percent" in got) is fires


def test_cs002_seed_rate_from_the_complement_passes() -> None:
    unit = {
        "digital_id": {
            "population": 229571,
            "id_not_notified": 3008,
            "stated_notified_percent": 98.7,
        }
    }
    assert findings("CS002", unit) == []
    unit["digital_id"]["stated_notified_percent"] = 98.5  # 98.6 would be 98.69 truncated (info)
    f, vi, en = one_message("CS002", unit)
    assert f.evidence["computed"] == 98.69
    assert f.evidence["part"] == 226563
    assert f.evidence["id_notified"] is None  # derived for the check, not invented as data
    assert "226.563/229.571 = 98,69%" in vi
    assert "226,563/229,571 = 98.69%" in en


@pytest.mark.parametrize(
    ("digital_id", "reason"),
    [
        ({"stated_notified_percent": 98.7, "population": 100}, "CS002.no_notified_counts"),
        ({"stated_notified_percent": 98.7, "id_notified": 100}, "CS002.no_notified_counts"),
        (
            {"stated_notified_percent": 0, "population": 0, "id_notified": 0},
            "CS002.zero_population",
        ),
    ],
)
def test_cs002_notified_skips_with_reason(digital_id: dict[str, Any], reason: str) -> None:
    [skip] = skips("CS002", {"digital_id": digital_id})
    assert (skip.reason, skip.subject) == (reason, "stated_notified_percent")


def test_cs002_no_stated_rate_no_check() -> None:
    unit = {"digital_id": {"population": 100, "id_notified": 50}}
    assert findings("CS002", unit) == [] and skips("CS002", unit) == []


def test_cs002_on_time_conformance_cases() -> None:
    report = engine(Config(select=("CS002",))).run(
        load_dataset(CONFORMANCE / "03-stated-percentages.toml")
    )
    assert {(f.unit, f.subject) for f in report.findings} == {
        ("l", "stated_notified_percent"),
        ("n", "stated_on_time_percent"),
    }
    [n] = [f for f in report.findings if f.unit == "n"]
    assert (n.evidence["part"], n.evidence["whole"], n.evidence["computed"]) == (970, 990, 97.98)
    vi, en = texts(report, n)
    assert "(trước hạn + đúng hạn) / đã giải quyết = 970/990 = 97,98%" in vi
    assert "(early + on time) / resolved = 970/990 = 97.98%" in en


@pytest.mark.parametrize(
    ("dossiers", "fires"),
    [
        # stated resolved total as the denominator; "100" written: 99.5 passes, 99.4 does not
        (
            {
                "resolved": 200,
                "resolved_early": 120,
                "resolved_on_time": 79,
                "stated_on_time_percent": 100,
            },
            False,
        ),
        (
            {
                "resolved": 1000,
                "resolved_early": 120,
                "resolved_on_time": 874,
                "stated_on_time_percent": 100,
            },
            True,
        ),
        # parts: 200 / 201 = 99.50 → "99,5" passes, "99,6" does not
        ({"resolved_on_time": 200, "resolved_late": 1, "stated_on_time_percent": "99,5"}, False),
        ({"resolved_on_time": 200, "resolved_late": 1, "stated_on_time_percent": "99,6"}, True),
    ],
)
def test_cs002_on_time(dossiers: dict[str, Any], fires: bool) -> None:
    assert ("stated_on_time_percent" in by_subject("CS002", {"dossiers": dossiers})) is fires


@pytest.mark.parametrize(
    ("dossiers", "reason"),
    [
        ({"stated_on_time_percent": 95, "resolved": 10}, "CS002.no_on_time_counts"),
        ({"stated_on_time_percent": 95, "resolved_on_time": 10}, "CS002.no_resolved_count"),
        (
            {"stated_on_time_percent": 95, "resolved_on_time": 0, "resolved_late": 0},
            "CS002.nothing_resolved",
        ),
        ({"stated_online_percent": 50, "received": 10}, "CS002.no_online_counts"),
        (
            {"stated_online_percent": 50, "received": 0, "received_online": 0},
            "CS002.nothing_received",
        ),
    ],
)
def test_cs002_dossier_skips_with_reason(dossiers: dict[str, Any], reason: str) -> None:
    report = run({"dossiers": dossiers}, select="CS002")
    [skip] = [s for s in report.skipped if s.rule == "CS002"]
    assert skip.reason == reason
    assert report.text(skip.reason, skip.params, lang="vi") != report.text(
        skip.reason, skip.params, lang="en"
    )


@pytest.mark.parametrize(("online", "stated", "fires"), [(180, 60, False), (180, "59,9", True)])
def test_cs002_online_share(online: int, stated: object, fires: bool) -> None:
    unit = {
        "dossiers": {"received": 300, "received_online": online, "stated_online_percent": stated}
    }
    got = by_subject("CS002", unit)
    assert ("stated_online_percent" in got) is fires
    if fires:
        report = run(unit, select="CS002")
        vi, en = texts(report, report.findings[0])
        assert vi == (
            "Tỷ lệ hồ sơ trực tuyến: báo cáo 59,9%, tính từ số liệu trực tuyến / tiếp nhận mới "
            "= 180/300 = 60%"
        )
        assert en == (
            "Online share: 59.9% stated, the counts give online / newly received = 180/300 = 60%"
        )


# ---------------------------------------------------------------------------------------------
# CS003


def _pair_unit(section: str, part: str, whole: str, part_value: int) -> dict[str, Any]:
    return {section: {part: part_value, whole: 10}}


PAIRS = [(s, p, w) for s, p, w in consistency._PART_OF]


@pytest.mark.parametrize(("section", "part", "whole"), PAIRS)
def test_cs003_each_part_at_and_past_its_whole(section: str, part: str, whole: str) -> None:
    assert findings("CS003", _pair_unit(section, part, whole, 10)) == []
    [f] = findings("CS003", _pair_unit(section, part, whole, 11))
    assert (f.subject, f.key) == (f"{section}.{part}", f"{section}.{part}")
    assert (f.evidence["part"], f.evidence["whole"], f.evidence["excess"]) == (11, 10, 1)
    assert f.severity.label == "error"


def test_cs003_catalogue_entries_are_named_by_level() -> None:
    unit = {
        "catalogue": [
            {
                "level": "quan",
                "procedures_total": 269,
                "online_full_eligible": 29,
                "no_dossier_3y": 269,
            },
            {
                "level": "phuong",
                "procedures_total": 111,
                "online_full_eligible": 112,
                "no_dossier_3y": 99,
            },
            {"procedures_total": 5, "no_dossier_3y": 6},
            {"level": "xa", "procedures_total": 5, "no_dossier_3y": 6},
            {"level": "xa", "procedures_total": 5, "no_dossier_3y": 6},
        ]
    }
    report = run(unit, select="CS003")
    assert {f.subject for f in report.findings} == {
        "catalogue[phuong].online_full_eligible",
        "catalogue[#3].no_dossier_3y",
        "catalogue[xa#4].no_dossier_3y",
        "catalogue[xa#5].no_dossier_3y",
    }
    [f] = [f for f in report.findings if "phuong" in f.subject]
    vi, en = texts(report, f)
    assert vi == "online_full_eligible (112) lớn hơn procedures_total (111), vượt 1"
    assert en == "online_full_eligible (112) exceeds procedures_total (111) by 1"


@pytest.mark.parametrize(
    ("dossiers", "fires", "absent"),
    [
        (
            {"received": 100, "carried_over": 5, "resolved_on_time": 90, "pending_in_time": 15},
            False,
            None,
        ),
        (
            {"received": 100, "carried_over": 5, "resolved_on_time": 91, "pending_in_time": 15},
            True,
            None,
        ),
        ({"received": 100, "resolved_on_time": 90, "pending_in_time": 15}, True, ("carried_over",)),
        ({"received": 100, "received_total": 105, "resolved": 90, "pending": 15}, False, None),
        ({"received": 100, "resolved_on_time": 101}, True, ("carried_over",)),
        ({"resolved_on_time": 101}, False, None),  # no whole given
    ],
)
def test_cs003_resolved_plus_pending(
    dossiers: dict[str, int], fires: bool, absent: tuple[str, ...] | None
) -> None:
    got = by_subject("CS003", {"dossiers": dossiers})
    assert ("dossiers.resolved+pending" in got) is fires
    if fires:
        assert got["dossiers.resolved+pending"].evidence.get("absent") == absent


def test_cs003_resolved_plus_pending_messages() -> None:
    f, vi, en = one_message(
        "CS003", {"dossiers": {"received": 1000, "resolved_on_time": 900, "pending_in_time": 150}}
    )
    assert f.message == "CS003.handled_absent"
    assert vi == (
        "Hồ sơ đã giải quyết 900 + đang giải quyết 150 = 1.050, lớn hơn 1.000 hồ sơ phải giải "
        "quyết, vượt 50; không báo cáo (tính là 0): carried_over"
    )
    assert en == (
        "Dossiers resolved 900 + pending 150 = 1,050, more than the 1,000 to handle, by 50; "
        "not reported (counted as 0): carried_over"
    )


# ---------------------------------------------------------------------------------------------
# CS004


def _family(parent: dict[str, Any], *children: dict[str, Any]) -> list[dict[str, Any]]:
    units = [{"id": "p", "aggregates_children": True, **parent}]
    units += [{"id": f"c{i}", "parent": "p", **c} for i, c in enumerate(children)]
    return units


def test_cs004_conformance_aggregates() -> None:
    report = engine(Config(select=("CS004",))).run(load_dataset(CONFORMANCE / "07-aggregates.toml"))
    [f] = report.findings
    assert (f.unit, f.subject, f.severity.label) == ("prov", "dossiers.resolved_on_time", "warning")
    assert (f.evidence["stated"], f.evidence["children_sum"], f.evidence["difference"]) == (
        290,
        285,
        5,
    )
    vi, en = texts(report, f)
    assert vi == (
        "dossiers.resolved_on_time: báo cáo 290, tổng của 2 đơn vị trực thuộc là 285 (chênh lệch 5)"
    )
    assert (
        en == "dossiers.resolved_on_time: 290 stated, the sum over 2 children is 285 (difference 5)"
    )


@pytest.mark.parametrize(("stated", "fires"), [(3000, False), (2999, True), (3001, True)])
def test_cs004_boundary(stated: int, fires: bool) -> None:
    units = _family(
        {"digital_id": {"population": stated}},
        {"digital_id": {"population": 1000}},
        {"digital_id": {"population": 2000}},
    )
    got = fired(run(*units, select="CS004"), "CS004")
    assert bool(got) is fires
    if fires:
        assert [f.subject for f in got["p"]] == ["digital_id.population"]


def test_cs004_compares_only_counts_every_child_gives() -> None:
    units = _family(
        {"documents": {"issued": 99, "restricted": 50}, "egov": {"signing_devices": 7}},
        {"documents": {"issued": 10, "restricted": 5}},
        {"documents": {"issued": 20}},  # restricted not given: not compared
    )  # egov: no child gives the section
    got = fired(run(*units, select="CS004"), "CS004")
    assert [f.subject for f in got["p"]] == ["documents.issued"]


def test_cs004_only_for_aggregating_units() -> None:
    units = _family({"dossiers": {"received": 5}}, {"dossiers": {"received": 1}})
    units[0]["aggregates_children"] = False
    assert fired(run(*units, select="CS004"), "CS004") == {}


def test_cs004_aggregating_unit_without_children_is_skipped() -> None:
    report = run(
        {"id": "p", "aggregates_children": True, "dossiers": {"received": 1}}, select="CS004"
    )
    assert report.findings == ()
    [skip] = report.skipped
    assert skip.reason == "CS004.no_children"
    assert "trực thuộc" in report.text(skip.reason, skip.params, lang="vi")


def test_cs004_stated_percentages_are_not_summed() -> None:
    units = _family(
        {"dossiers": {"received": 3, "stated_online_percent": 50}},
        {"dossiers": {"received": 1, "stated_online_percent": 30}},
        {"dossiers": {"received": 2, "stated_online_percent": 30}},
    )
    assert fired(run(*units, select="CS004"), "CS004") == {}


# ---------------------------------------------------------------------------------------------
# CS005


@pytest.mark.parametrize(
    ("window", "fires"),
    [
        (("2022-01-01", "2022-06-30"), False),
        (("2022-01-01", "2022-05-30"), True),
        # the statutory data window (Nghị định 09/2019/NĐ-CP Điều 12) is as the law requires
        (("2021-12-15", "2022-06-14"), False),
    ],
)
def test_cs005_documents_window(window: tuple[str, str], fires: bool) -> None:
    unit = {"documents": {"issued": 1, "period": {"start": window[0], "end": window[1]}}}
    report = run(unit, select="CS005", period=("2022-01-01", "2022-06-30"))
    assert bool(report.findings) is fires
    if fires:
        f = report.findings[0]
        assert (f.subject, f.key, f.severity.label) == ("documents", "documents", "info")


def test_cs005_messages() -> None:
    unit = {"documents": {"issued": 1, "period": {"start": "2022-01-01", "end": "2022-05-30"}}}
    _, vi, en = one_message("CS005", unit, period=("2022-01-01", "2022-06-30"))
    assert vi == (
        "documents: số liệu tính từ 01/01/2022 đến 30/05/2022, kỳ báo cáo từ 01/01/2022 đến "
        "30/06/2022"
    )
    assert en == (
        "documents: figures counted from 01/01/2022 to 30/05/2022, the report covers "
        "01/01/2022 to 30/06/2022"
    )


def test_cs005_no_own_window_no_finding() -> None:
    assert findings("CS005", {"documents": {"issued": 1}}) == []


# ---------------------------------------------------------------------------------------------
# Whole datasets


def _cs(report: Report) -> set[tuple[str, str, str]]:
    return {(f.rule, f.unit, f.subject) for f in report.findings if f.rule.startswith("CS")}


def test_seed_report_sums_hold() -> None:
    report = engine(Config(select=("CS",))).run(load_dataset(EXAMPLES / "le-chan-2022-h1.toml"))
    assert _cs(report) == {("CS005", "le-chan", "documents")}
    assert not [s for s in report.skipped if s.rule.startswith("CS")]


def test_demo_dataset_gives_the_announced_violations() -> None:
    report = engine(Config(select=("CS",))).run(load_dataset(EXAMPLES / "hai-an-demo-2025-h2.toml"))
    assert _cs(report) == {
        ("CS001", "phuong-an-lac", "documents"),
        ("CS002", "phuong-an-lac", "stated_notified_percent"),
        ("CS002", "phuong-an-hoa", "stated_on_time_percent"),
        # the report is dated 12/12/2025, before its period ends on 31/12: information
        ("CS006", "demo-city", "report.date"),
    }


@pytest.mark.parametrize(
    "case",
    [
        "01-absent-vs-zero.toml",
        "02-dossier-balance.toml",
        "03-stated-percentages.toml",
        "07-aggregates.toml",
    ],
)
def test_conformance_expectations_for_consistency(case: str) -> None:
    expected = json.loads((CONFORMANCE / "expected.json").read_text(encoding="utf-8"))[case]
    report = engine(Config(select=("CS",))).run(load_dataset(CONFORMANCE / case))
    got: dict[str, dict[str, set[str]]] = {}
    for f in report.findings:
        got.setdefault(f.rule, {}).setdefault(f.unit, set()).add(f.severity.label)
    for rule_id, units in expected.get("must", {}).items():
        if rule_id.startswith("CS"):
            for unit, severity in units.items():
                assert unit in got.get(rule_id, {}), (rule_id, unit)
                assert severity is None or severity in got[rule_id][unit]
    for rule_id in expected.get("must_not", []):
        if rule_id.startswith("CS"):
            assert rule_id not in got
    for rule_id, units in expected.get("not_on", {}).items():
        if rule_id.startswith("CS"):
            assert not set(units) & set(got.get(rule_id, {}))


# ---------------------------------------------------------------------------------------------
# Declarations


@pytest.mark.parametrize("rule_obj", consistency.RULES, ids=lambda r: r.id)
def test_rule_examples_hold_and_show_both_outcomes(rule_obj: Any) -> None:
    results = run_examples(rule_obj, engine=engine())
    assert [p for r in results for p in r.problems] == []
    assert {r.example.fires for r in results} == {True, False}


@pytest.mark.parametrize("rule_obj", consistency.RULES, ids=lambda r: r.id)
def test_every_message_exists_in_both_languages(rule_obj: Any) -> None:
    for key, texts_ in rule_obj.messages.items():
        assert set(texts_) == {"vi", "en"}, key
        assert texts_["vi"] != texts_["en"], key
    assert set(rule_obj.title) == {"vi", "en"}
    assert set(rule_obj.description) == {"vi", "en"}
