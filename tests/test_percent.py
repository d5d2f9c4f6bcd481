"""``Context.percent``: the one rounded percentage messages and charts show (the staffing,
scoring and egov rules and the charts each had a copy, rounding floats)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from cchc_rules import Config, Context
from cchc_rules.renderers.charts import charts

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
