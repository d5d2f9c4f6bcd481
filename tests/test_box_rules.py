"""The one box both direct tables draw (renderers/plain_table.py ``box_rules``) is rich's default
box, ``HEAVY_HEAD``, line for line."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich import box

from cchc_rules.renderers.plain_table import BAR, box_rules

_WIDTHS = st.lists(st.integers(0, 12), min_size=1, max_size=5)


@given(widths=_WIDTHS)
def test_the_rules_of_a_box_without_header_are_richs(widths: list[int]) -> None:
    cells = [w + 2 for w in widths]  # a space of padding left and right
    assert box_rules(widths) == (box.HEAVY_HEAD.get_top(cells), box.HEAVY_HEAD.get_bottom(cells))


@given(widths=_WIDTHS, pad=st.sampled_from([" ", "\x1b[2m \x1b[0m"]))
def test_the_header_sits_between_the_top_rule_and_richs_head_rule(
    widths: list[int], pad: str
) -> None:
    heavy = box.HEAVY_HEAD
    cells = [w + 2 for w in widths]
    names = ["x" * w for w in widths]
    above, bottom = box_rules(widths, names, pad)
    row = heavy.head_left + heavy.head_vertical.join(f"{pad}{n}{pad}" for n in names)
    assert above.split("\n") == [
        heavy.get_top(cells),
        row + heavy.head_right,
        heavy.get_row(cells, "head"),
    ]
    assert bottom == heavy.get_bottom(cells)
    assert BAR == heavy.mid_vertical == heavy.mid_left == heavy.mid_right
