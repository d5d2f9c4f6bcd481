"""The report's order of a run's findings and skips, from ranks the engine notes as it goes.

Sorting hundreds of thousands of results by their 4-tuple keys re-reads every object long after
it was made. Instead the engine notes, as it appends a result, one integer: the rank of its
unit among the dataset's unit ids times the number of rules, plus the rank of its rule among the
rules' ids. A stable sort of those integers puts the results in (unit, rule) order; only the
results that share a unit and a rule (mostly one rule's items on one unit) are then sorted by
the whole key. The result equals ``sorted(items, key=key)`` whenever the key starts with the
unit and the rule.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from itertools import compress, islice
from operator import eq
from typing import Any, TypeVar

__all__ = ["Notes", "Ranks", "in_order"]

T = TypeVar("T")


class Ranks:
    """Each unit id's rank times the number of rules, and each rule id's rank."""

    __slots__ = ("order", "rules", "units")

    def __init__(self, unit_ids: Sequence[Any], rule_ids: Sequence[str]) -> None:
        step = len(rule_ids)
        #: The distinct unit ids in order.
        self.order = sorted(set(unit_ids))
        self.units: dict[Any, int] = {u: i * step for i, u in enumerate(self.order)}
        self.rules: dict[str, int] = {r: i for i, r in enumerate(sorted(rule_ids))}

    @classmethod
    def of(cls, unit_ids: Sequence[Any], rule_ids: Sequence[str]) -> Ranks | None:
        """The ranks, or ``None`` when the ids cannot be ranked (ids that ``<`` cannot order,
        two rules of one id): the results are then sorted by their keys."""
        if len(set(rule_ids)) != len(rule_ids):
            return None
        try:
            return cls(unit_ids, rule_ids)
        except TypeError:
            return None

    def notes(self, unit_ids: list[Any]) -> Notes:
        """Fresh notes for a run over the units of ``unit_ids`` (all in the ranks)."""
        if unit_ids == self.order:  # the dataset's order (the same objects: nothing is read)
            step = len(self.rules)
            return Notes(self, list(range(0, step * len(unit_ids), step)))
        return Notes(self, [self.units[u] for u in unit_ids])


class Notes:
    """The codes of the findings and of the skips a run appends, one per result, in step with
    its lists; ``valid`` turns false for a result about a unit outside the ranks."""

    __slots__ = ("by_unit", "findings", "ranks", "skips", "valid")

    def __init__(self, ranks: Ranks, by_unit: list[int]) -> None:
        self.ranks = ranks
        #: The code of each unit of the run (by its index) for the first rule.
        self.by_unit = by_unit
        self.findings: list[int] = []
        self.skips: list[int] = []
        self.valid = True

    def code(self, unit: Any, rule: str) -> int:
        """The code of a result of ``rule`` about ``unit`` (0 once not valid)."""
        try:
            return self.ranks.units[unit] + self.ranks.rules[rule]
        except (KeyError, TypeError):  # not a unit of the dataset: sorted by the keys
            self.valid = False
            return 0

    def codes(self) -> tuple[list[int], list[int]] | None:
        """The findings' and the skips' codes, if valid."""
        return (self.findings, self.skips) if self.valid else None


def in_order(items: list[T], codes: list[int] | None, key: Callable[[T], Any]) -> list[T]:
    """``items`` sorted by ``key`` (stable), which starts with the unit and the rule, given the
    ``codes`` noted for each item (``None``: not noted, sorted by ``key``). ``items`` is sorted
    in place and returned."""
    n = len(items)
    if codes is None or len(codes) != n:
        items.sort(key=key)
        return items
    # the i-th key asked for is the i-th item's code (``list.sort`` asks them in the list's
    # order), so the sort reads no item: each is only moved
    items.sort(key=partial(next, iter(codes)))
    ranked = sorted(codes)
    # positions that share their predecessor's unit and rule: the runs to sort by the whole key
    same = compress(range(1, n), map(eq, islice(ranked, 1, None), ranked))
    begin = end = -1
    for i in same:
        if i != end:  # a new run starts at i - 1
            if end > 0:
                items[begin:end] = sorted(items[begin:end], key=key)
            begin = i - 1
        end = i + 1
    if end > 0:
        items[begin:end] = sorted(items[begin:end], key=key)
    return items
