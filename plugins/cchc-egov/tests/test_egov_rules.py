"""EG001–EG003 at their boundaries, with missing data, and in both languages.

Written as a department would: only the public API of cchc-rules and cchc_rules.testing.
"""

from __future__ import annotations

import unicodedata

import pytest
from cchc_rules.testing import (
    assert_examples,
    assert_findings,
    assert_no_findings,
    assert_not_applicable,
    assert_skipped,
    lint_rule,
    run_plugin,
    run_rule,
    unit,
)

import cchc_egov
from cchc_egov.rules import RULES

PLUGINS = [cchc_egov]


def eg001(dossiers: dict[str, int], **kw: object):
    return run_rule("EG001", unit(dossiers=dossiers), plugins=PLUGINS, **kw)  # type: ignore[arg-type]


def eg002(egov: dict[str, int]):
    return run_rule("EG002", unit(egov=egov), plugins=PLUGINS)


def eg003(*entries: dict[str, object], **kw: object):
    return run_rule("EG003", unit(catalogue=list(entries)), plugins=PLUGINS, **kw)  # type: ignore[arg-type]


# -- the exact comparison (ctx.below) and the share shown (ctx.percent) -----------------------
@pytest.mark.parametrize(
    ("part", "whole", "percent", "expected"),
    [
        (49, 100, 50, True),
        (50, 100, 50, False),
        (1, 3, 33.34, True),
        (333, 1000, 33.3, False),  # 33.3 % exactly: a float product would say "below"
        (332, 1000, 33.3, True),
    ],
)
def test_below_is_exact_and_strict(part: int, whole: int, percent: float, expected: bool) -> None:
    dossiers = {"received": whole, "received_online": part}
    entry = {"level": "quan", "procedures_total": whole, "online_full_eligible": part}
    online = eg001(dossiers, params={"min_online_percent": percent})
    eligible = eg003(entry, params={"min_full_online_percent": percent})
    assert bool(online.findings) is expected
    assert bool(eligible.findings) is expected


def test_a_share_just_below_the_target_is_not_shown_as_reaching_it() -> None:
    # 99,999 of 200,000 = 49.9995 %: rounded, 50 % (the target); shown cut, 49.99 %
    online = eg001({"received": 200_000, "received_online": 99_999})
    (finding,) = assert_findings(online, evidence={"online_percent": 49.99})
    assert "= 49.99% (threshold 50%)" in online.message(finding, lang="en")
    entry = {"level": "quan", "procedures_total": 200_000, "online_full_eligible": 99_999}
    assert_findings(eg003(entry), evidence={"eligible_percent": 49.99})


def test_the_share_shown_is_rounded_half_up() -> None:
    # 1 of 32 = 3.125 %: 3.13 (the float round() gave 3.12)
    assert_findings(
        eg001({"received": 32, "received_online": 1}), evidence={"online_percent": 3.13}
    )


# -- EG001 ------------------------------------------------------------------------------------
def test_eg001_fires_just_below_the_target() -> None:
    report = eg001({"received": 1000, "received_online": 499})
    assert_findings(
        report,
        rule="EG001",
        units=["u1"],
        severity="warning",
        count=1,
        evidence={
            "online": 499,
            "received": 1000,
            "online_percent": 49.9,
            "min_online_percent": 50,
        },
    )


def test_eg001_passes_exactly_at_the_target() -> None:
    assert_no_findings(eg001({"received": 1000, "received_online": 500}))


def test_eg001_threshold_is_a_parameter_and_may_be_fractional() -> None:
    assert_findings(
        eg001({"received": 1000, "received_online": 624}, params={"min_online_percent": 62.5})
    )
    assert_no_findings(
        eg001({"received": 1000, "received_online": 625}, params={"min_online_percent": 62.5})
    )


def test_eg001_sums_complete_online_pairs_when_the_total_is_absent() -> None:
    report = eg001({"received": 2807, "online_level3": 492, "online_level4": 515})
    assert_findings(
        report,
        evidence={
            "online": 1007,
            "online_level3": 492,
            "online_level4": 515,
            "online_percent": 35.87,
        },
    )
    both = {"online_level3": 10, "online_level4": 10, "online_partial": 20, "online_full": 10}
    assert_no_findings(eg001({"received": 100, **both}))  # 50 of 100 over both pairs


def test_eg001_uses_received_total_minus_carried_over_when_received_is_absent() -> None:
    report = eg001({"received_total": 130, "carried_over": 30, "received_online": 49})
    assert_findings(report, evidence={"received": 100, "received_total": 130, "carried_over": 30})


@pytest.mark.parametrize(
    ("dossiers", "reason"),
    [
        ({"received_online": 5}, "no_received"),
        ({"received_total": 10, "received_online": 5}, "no_received"),
        ({"received": 10}, "no_online"),
        ({"received": 10, "online_level3": 5}, "no_online"),  # half a pair is not a figure
    ],
)
def test_eg001_is_skipped_with_a_reason_when_figures_are_missing(
    dossiers: dict[str, int], reason: str
) -> None:
    report = eg001(dossiers)
    assert_skipped(report, rule="EG001", unit="u1", reason=reason)
    assert_no_findings(report)


def test_eg001_is_not_applicable_when_nothing_was_received() -> None:
    report = eg001({"received": 0, "received_online": 0})
    assert_not_applicable(report, rule="EG001", units=["u1"])
    assert report.skipped == ()
    assert_findings(eg001({"received": 1, "received_online": 0}))  # one dossier: a share


def test_eg001_threshold_from_a_configuration() -> None:
    config = {"rules": {"EG001": {"min_online_percent": 30}}}
    report = eg001({"received": 2807, "received_online": 1007}, config=config)
    assert_no_findings(report)
    report = eg001({"received": 1000, "received_online": 299}, config=config)
    (finding,) = assert_findings(report, evidence={"min_online_percent": 30})
    assert report.message(finding, lang="en").endswith(
        "— a threshold set in the configuration, not a legal requirement"
    )


def test_eg001_is_not_applicable_without_dossiers() -> None:
    report = run_rule("EG001", unit(egov={"signing_devices": 3}), plugins=PLUGINS)
    assert_no_findings(report)
    assert report.not_applicable == {"EG001": frozenset({"u1"})}


def test_eg001_messages() -> None:
    report = eg001({"received": 2807, "received_online": 1007})
    (finding,) = assert_findings(report)
    assert report.message(finding, lang="vi") == (
        "tiếp nhận trực tuyến 1.007/2.807 hồ sơ = 35,87% (ngưỡng 50%)"
        " — ngưỡng tham chiếu của công cụ (không phải quy định pháp luật)"
    )
    assert report.message(finding, lang="en") == (
        "1,007 of 2,807 dossiers received online = 35.87% (threshold 50%)"
        " — a reference threshold of the tool, not a legal requirement"
    )


# -- EG002 ------------------------------------------------------------------------------------
def test_eg002_one_finding_per_unit_with_deployed_and_total() -> None:
    report = eg002({"signature_units_total": 15, "signature_units_deployed": 13})
    (finding,) = assert_findings(
        report,
        rule="EG002",
        units=["u1"],
        severity="warning",
        evidence={"deployed": 13, "total": 15, "missing": 2},
    )
    assert report.message(finding, lang="vi") == (
        "thiết bị ký số mới triển khai tại 13/15 đơn vị cần trang bị, còn 2 đơn vị chưa có"
    )
    assert report.message(finding, lang="en") == (
        "digital-signature devices deployed in 13 of 15 units that should have them; "
        "2 still without"
    )


@pytest.mark.parametrize(("deployed", "fires"), [(14, True), (15, False), (0, True)])
def test_eg002_boundary(deployed: int, fires: bool) -> None:
    report = eg002({"signature_units_total": 15, "signature_units_deployed": deployed})
    if fires:
        assert_findings(report, count=1, evidence={"deployed": deployed})
    else:
        assert_no_findings(report)


@pytest.mark.parametrize(
    "egov",
    [{"signature_units_total": 15}, {"signature_units_deployed": 13}, {"signing_devices": 60}],
)
def test_eg002_is_skipped_when_a_figure_is_missing(egov: dict[str, int]) -> None:
    report = eg002(egov)
    assert_skipped(report, rule="EG002", unit="u1", reason="skip.missing_fields")
    assert_no_findings(report)


def test_eg002_zero_is_a_figure_not_an_absence() -> None:
    report = eg002({"signature_units_total": 0, "signature_units_deployed": 0})
    assert_not_applicable(report, rule="EG002", units=["u1"])  # no unit needs devices
    assert_no_findings(report)
    report = eg002({"signature_units_total": 2, "signature_units_deployed": 0})
    assert_findings(report, evidence={"deployed": 0, "total": 2, "missing": 2})


# -- EG003 ------------------------------------------------------------------------------------
def test_eg003_one_finding_per_level_below_the_target() -> None:
    report = eg003(
        {"level": "quan", "procedures_total": 269, "online_full_eligible": 29},
        {"level": "phuong", "procedures_total": 100, "online_full_eligible": 50},
        {"level": "so", "procedures_total": 100, "online_full_eligible": 49},
    )
    found = assert_findings(report, rule="EG003", units=["u1"], severity="info", count=2)
    assert {f.subject for f in found} == {"quan", "so"}
    assert_findings(
        report, subject="quan", evidence={"eligible": 29, "total": 269, "eligible_percent": 10.78}
    )


def test_eg003_threshold_per_unit_kind() -> None:
    entry = {"level": "phuong", "procedures_total": 100, "online_full_eligible": 30}
    kinds = {"phuong": {"min_full_online_percent": 30}}
    assert_no_findings(
        run_rule(
            "EG003", unit(kind="phuong", catalogue=[entry]), plugins=PLUGINS, kind_params=kinds
        )
    )
    assert_findings(
        run_rule("EG003", unit(kind="quan", catalogue=[entry]), plugins=PLUGINS, kind_params=kinds)
    )


def test_eg003_skips_an_entry_without_figures_and_checks_the_others() -> None:
    report = eg003(
        {"level": "phuong", "procedures_total": 111},
        {"level": "quan", "procedures_total": 100, "online_full_eligible": 10},
    )
    (skip,) = assert_skipped(
        report, rule="EG003", reason="skip.entry_missing_fields", subject="phuong"
    )
    assert report.message(skip, lang="en") == "phuong: figures not reported: online_full_eligible"
    assert report.message(skip, lang="vi") == "phuong: thiếu số liệu: online_full_eligible"
    assert_findings(report, subject="quan", count=1)


def test_eg003_every_level_without_figures_is_skipped_by_its_level_or_position() -> None:
    report = eg003({"level": "quan"}, {"procedures_total": 5})
    skips = assert_skipped(report, rule="EG003", reason="skip.entry_missing_fields")
    assert [(s.subject, s.params["fields"]) for s in skips] == [
        ("#2", "online_full_eligible"),
        ("quan", "procedures_total, online_full_eligible"),
    ]
    assert_no_findings(report)


def test_eg003_messages() -> None:
    report = eg003({"level": "quan", "procedures_total": 269, "online_full_eligible": 29})
    (finding,) = assert_findings(report)
    assert report.message(finding, lang="vi") == (
        "quan: 29/269 thủ tục đủ điều kiện trực tuyến toàn trình = 10,78% "
        "(ngưỡng 50%) — ngưỡng tham chiếu của công cụ (không phải quy định pháp luật)"
    )
    assert report.message(finding, lang="en") == (
        "quan: 29 of 269 procedures eligible for full online service = 10.78% "
        "(threshold 50%) — a reference threshold of the tool, not a legal requirement"
    )


# -- the plugin as a whole --------------------------------------------------------------------
@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_declared_examples_hold(rule) -> None:  # type: ignore[no-untyped-def]
    assert_examples(rule, plugins=PLUGINS)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_messages_in_both_languages_in_nfc(rule) -> None:  # type: ignore[no-untyped-def]
    assert lint_rule(rule) == ()
    for texts in (rule.title, *rule.messages.values()):
        assert unicodedata.is_normalized("NFC", texts["vi"])


def test_run_plugin_runs_all_three_rules() -> None:
    report = run_plugin(
        cchc_egov,
        unit(
            dossiers={"received": 10, "received_online": 1},
            egov={"signature_units_total": 3, "signature_units_deployed": 2},
            catalogue=[{"level": "xa", "procedures_total": 10, "online_full_eligible": 1}],
        ),
    )
    assert {f.rule for f in report.findings} == {"EG001", "EG002", "EG003"}
    assert {r.plugin for r in report.rules} == {"cchc_egov"}


def test_the_family_is_named_in_both_languages() -> None:
    report = eg001({"received": 100, "received_online": 10})
    assert report.text("family.egov", lang="vi") == "chính quyền điện tử"
    assert report.text("family.egov", lang="en") == "e-government"
