"""``Context.percent``: the one rounded percentage messages and charts show (the staffing,
scoring, deadline, digital-identity and egov rules and the charts each rounded a float)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from cchc_rules import Config, Context
from cchc_rules.renderers.charts import charts
from cchc_rules.renderers.svg import bar_chart

from _support import dataset, engine


@pytest.mark.parametrize(
    ("part", "whole", "shown"),
    [
        (7, 10, 70.0),
        (20, 29, 68.97),
        (1, 3, 33.33),
        (2, 3, 66.67),
        (1, 32, 3.13),  # 3.125: half up (the float round() gave 3.12)
        (203, 20_000, 1.02),  # 1.015: half up (the float 1.015 is below it: round() gave 1.01)
        (99_999, 100_000, 100.0),  # rounded, with no threshold to fall short of
        (-1, 32, -3.13),  # half away from zero
        (0, 7, 0.0),
        (3, 2, 150.0),
        (10**30 + 1, 10**30, 100.0),  # no float overflow or loss on huge counts
    ],
)
def test_rounded_half_up_to_two_decimals_exactly(part: int, whole: int, shown: float) -> None:
    assert Context.percent(part, whole) == shown


@pytest.mark.parametrize(
    ("part", "whole", "under", "shown"),
    [
        (99_999, 100_000, 100, 99.99),  # 99.999 % would round up to the 100 % it misses
        (15_999, 20_000, 80, 79.99),  # 79.995 %
        (15_999, 20_000, 80.0, 79.99),
        (15_999, 20_000, Decimal("80"), 79.99),
        (1_289, 2_000, 64.45, 64.45),  # 64.45 % exactly: at the threshold, not below it
        (12_889, 20_000, 64.45, 64.44),  # 64.445 %: below, rounds to the threshold: cut
        (12_891, 20_000, 64.45, 64.46),  # above: rounded as always
        (161, 250, 64.4, 64.4),  # exactly at 64.4 %
        (1, 3, 50, 33.33),  # well below: rounded as always
        (2, 3, 66.67, 66.66),  # 66.666… % below 66.67 %
        (-1, 100_000, 0, -0.01),  # just below zero is not shown as zero
        (50, 100, None, 50.0),
    ],
)
def test_a_share_below_the_threshold_is_never_shown_as_reaching_it(
    part: int, whole: int, under: object, shown: float
) -> None:
    assert Context.percent(part, whole, under=under) == shown


def test_the_fill_chart_shows_the_figure_the_finding_shows() -> None:
    blocks = [{"category": "cong_chuc", "quota": 100_000, "used": 89_999}]
    report = engine(Config(select=("ST005",))).run(
        dataset({"id": "u", "kind": "phuong", "staffing": blocks})
    )
    (finding,) = report.findings
    (chart,) = [c for c in charts(report) if c.key == "fill"]
    (bar,) = chart.bars
    assert bar.below and bar.value == finding.evidence["fill_percent"] == 89.99


@pytest.mark.parametrize(
    ("part", "whole", "over", "shown"),
    [
        (100_001, 100_000, 100, 100.01),  # 100.001 % would round down to the 100 % it exceeds
        (100_001, 100_000, 100.0, 100.01),
        (100_000, 100_000, 100, 100.0),  # at the cap, not over it
        (3, 2, 100, 150.0),  # well over: rounded as always
        (99_999, 100_000, 100, 100.0),  # under the cap: rounded as always
    ],
)
def test_a_share_over_the_cap_is_never_shown_as_within_it(
    part: int, whole: int, over: object, shown: float
) -> None:
    assert Context.percent(part, whole, over=over) == shown


@pytest.mark.parametrize(
    ("used", "flagged", "shown"),
    [(100_001, True, 100.01), (100_000, False, 100.0), (89_999, True, 89.99)],
)
def test_the_fill_chart_flags_staff_over_quota_exactly(
    used: int, flagged: bool, shown: float
) -> None:
    """Before, the chart compared the rounded 100.0 with its 100 % cap: not over."""
    blocks = [{"category": "cong_chuc", "quota": 100_000, "used": used}]
    report = engine().run(dataset({"id": "u", "kind": "phuong", "staffing": blocks}))
    (chart,) = [c for c in charts(report) if c.key == "fill"]
    (bar,) = chart.bars
    assert (chart.flagged(bar), bar.value) == (flagged, shown)
    assert ('font-weight="bold"' in bar_chart(chart, "t", "en", "x", ("a", "b"))) is flagged


@pytest.mark.parametrize(
    ("rule", "unit", "key"),
    [
        # 94.999 % on time under 95 %
        ("DL004", {"dossiers": {"resolved_on_time": 94_999, "resolved_late": 5_001}}, "on_time"),
        # 99.999 % of the population notified under 100 %
        ("ID001", {"digital_id": {"population": 100_000, "id_notified": 99_999}}, "notified"),
        # 59.999 % with an electronic identity under 60 %
        ("ID002", {"digital_id": {"population": 100_000, "eid_accounts": 59_999}}, "eid"),
    ],
)
def test_every_rule_shows_a_share_just_below_its_threshold_cut(
    rule: str, unit: dict[str, object], key: str
) -> None:
    """Before, 94.999 % was shown as 95 % in a finding that it is below 95 %."""
    report = engine(Config(select=(rule,))).run(dataset({"id": "u", "kind": "xa", **unit}))
    (finding,) = report.findings
    shown = finding.evidence[f"{key}_percent"]
    assert shown < finding.evidence[f"min_{key}_percent"]
    assert shown == {"DL004": 94.99, "ID001": 99.99, "ID002": 59.99}[rule]


@pytest.mark.parametrize(
    ("part", "whole", "over"),
    [(1_001, 1_000, False), (100_101, 100_000, True), (1_002, 1_000, True), (None, 1, False)],
)
def test_a_fractional_cap_is_judged_as_written(part: int | None, whole: int, over: bool) -> None:
    """A cap of 100.1 % is 100.1 exactly (``Context.exact``), not the binary float beside it:
    exactly at the cap is not over, a hair above is."""
    from cchc_rules.renderers.charts import Bar, Chart

    bar = Bar("b", "u", 0.0, part if part is not None else 0, whole, None)
    chart = Chart("fill", "staffing", "ST001", (bar,), cap=100.1 if part is not None else None)
    assert chart.flagged(bar) is over
