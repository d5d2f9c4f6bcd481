from decimal import Decimal

import pytest

from cchc_rules import StatedPercent


@pytest.mark.parametrize(
    ("raw", "value", "decimals"),
    [
        (98.7, "98.7", 1),
        (98.0, "98.0", 1),
        (97, "97", 0),
        ("98,70", "98.70", 2),
        ("98.7%", "98.7", 1),
        (" 100 ", "100", 0),
    ],
)
def test_stated_percent_keeps_written_precision(raw, value, decimals):
    sp = StatedPercent.parse(raw)
    assert sp.value == Decimal(value)
    assert sp.decimals == decimals


@pytest.mark.parametrize("raw", [True, None, "abc", "nan", [98]])
def test_stated_percent_rejects_non_numbers(raw):
    with pytest.raises(ValueError):  # noqa: PT011 - the message is the value itself
        StatedPercent.parse(raw)


@pytest.mark.parametrize(
    ("stated", "computed", "ok"),
    [
        (98.7, Decimal("98.6897"), True),  # seed: 229,571 − 3,008 over 229,571
        (98.0, Decimal("98.7"), False),
        (98.0, 100, False),
        (97.0, Decimal("97.98"), False),
        (97.0, Decimal("97.05"), True),  # exactly half a unit of the last decimal: passes
        (97.0, Decimal("97.0501"), False),  # just past it
        ("98,70", Decimal("98.704"), True),
        ("98,70", Decimal("98.706"), False),
    ],
)
def test_stated_percent_matches_to_half_a_unit_of_its_last_decimal(stated, computed, ok):
    assert StatedPercent.parse(stated).matches(computed) is ok
