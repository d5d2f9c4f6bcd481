"""The engine's result order from noted ranks (``_order``) equals sorting by the report's keys,
stable, whatever the units' order, ties and duplicates included."""

from __future__ import annotations

import random

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cchc_rules import Config, Dataset, Engine, Finding, Rule, Skip, hookimpl, rule
from cchc_rules._order import Ranks, in_order
from cchc_rules.findings import FINDING_ORDER, SKIP_ORDER
from cchc_rules.isolation import available
from cchc_rules.model import Unit

from _support import dataset


@attrs.frozen
class Item:
    unit: str
    rule: str
    key: str
    message: str
    tag: int  # tells apart items whose keys tie


KEY = FINDING_ORDER
UNITS = ["b", "a", "c", "a2", "ä", "", "B"]
RULES = ["R2", "R1", "R10", "R3"]


@st.composite
def noted(draw: st.DrawFn) -> tuple[list[Item], list[int]]:
    """Items as the engine appends them: rule after rule (in any order), each rule's items about
    any units, keys and messages from small alphabets (many ties), and the codes noted."""
    notes = Ranks(UNITS, RULES).notes(UNITS)
    items: list[Item] = []
    order = draw(st.permutations(RULES))
    for r in order:
        n = draw(st.integers(0, 12))
        for _ in range(n):
            u = draw(st.sampled_from(UNITS))
            k = draw(st.sampled_from(["", "k", "k2"]))
            m = draw(st.sampled_from(["m", "n"]))
            items.append(Item(u, r, k, m, len(items)))
            notes.findings.append(notes.code(u, r))
    assert notes.valid
    return items, notes.findings


@settings(max_examples=300, deadline=None)
@given(noted())
def test_in_order_equals_sorted(case: tuple[list[Item], list[int]]) -> None:
    items, codes = case
    assert in_order(list(items), codes, KEY) == sorted(items, key=KEY)


@given(st.lists(st.tuples(st.sampled_from(UNITS), st.sampled_from(RULES)), max_size=30))
def test_in_order_without_codes_sorts(pairs: list[tuple[str, str]]) -> None:
    items = [Item(u, r, "", "", i) for i, (u, r) in enumerate(pairs)]
    random.Random(len(items)).shuffle(items)
    assert in_order(list(items), None, KEY) == sorted(items, key=KEY)
    assert in_order(list(items), [0], KEY) == sorted(items, key=KEY)  # codes that do not fit


def test_sort_asks_keys_in_the_lists_order() -> None:
    """``in_order`` gives the i-th code as the i-th item's key: ``list.sort`` must ask for the
    keys in the list's order (it does, once each)."""
    asked: list[int] = []
    values = [5, 3, 9, 1, 3]
    values.sort(key=lambda v: asked.append(v) or v)
    assert asked == [5, 3, 9, 1, 3]


def test_note_refuses_unknown_units() -> None:
    notes = Ranks(["a"], ["R1"]).notes(["a"])
    assert notes.code("a", "R1") == 0 and notes.valid
    assert notes.code("zz", "R1") == 0 and not notes.valid  # a unit outside the dataset
    assert notes.codes() is None
    notes = Ranks(["a"], ["R1"]).notes(["a"])
    notes.code(["not hashable"], "R1")
    assert not notes.valid
    assert Ranks.of([1, "a"], ["R1"]) is None  # ids that cannot be ordered
    assert Ranks.of(["a"], ["R1", "R1"]) is None


MSG = {"m": {"vi": "vi {n}", "en": "en {n}"}}


def _engine(*rules: Rule, isolation: str = "none") -> Engine:
    class Plugin:
        @hookimpl
        def cchc_register_rules(self, register):
            for r in rules:
                register(r)

    cfg = Config(select=("YY",), isolation=isolation)
    return Engine.default(cfg, plugins=[Plugin()], entry_points=False, env={})


@rule("YY002", family="test", severity="warning", section="procedures", title="t", messages=MSG)
def many_ties(unit, ctx):
    """Several findings per unit, keys out of order, equal keys with different evidence, and
    one about another unit of the dataset."""
    for i, p in enumerate(reversed(unit.procedures)):
        yield ctx.finding(unit, "m", key=p.name[:1], n=i)
    yield ctx.skip(unit, "m", subject="z", n=1)
    yield ctx.skip(unit, "m", subject="a", n=2)


@rule("YY001", family="test", severity="info", title="t", messages=MSG)
def about_parent(unit, ctx):
    yield ctx.finding(unit, "m", n=0)
    if unit.parent is not None:
        yield attrs.evolve(ctx.finding(unit, "m", n=9), unit=unit.parent)


def _units() -> tuple[Unit, ...]:
    rows = [("p", ["b1", "a1"]), ("c", ["x", "a", "a2", "x"]), ("a", []), ("b", ["q"])]
    units = []
    for uid, names in rows:
        unit: dict[str, object] = {"id": uid}
        if uid != "p":
            unit["parent"] = "p"
        if names:
            unit["procedures"] = [{"name": n} for n in names]
        units.append(unit)
    return dataset(*units).units


def _sorted_by_keys(eng: Engine, ds: Dataset) -> tuple[list[Finding], list[Skip]]:
    """What the run gives when its results are sorted by the report's keys."""
    checked = eng._check(eng.rules, ds, ds.units)
    return sorted(checked[0], key=FINDING_ORDER), sorted(checked[1], key=SKIP_ORDER)


def test_run_order_equals_sorted_whatever_the_units_order() -> None:
    eng = _engine(many_ties, about_parent)
    units = _units()
    for seed in range(6):
        shuffled = list(units)
        random.Random(seed).shuffle(shuffled)
        for ds in (
            Dataset.of(shuffled),
            Dataset(units=tuple(shuffled)),
            Dataset(units=tuple(shuffled + shuffled[:2])),  # ids given twice
        ):
            report = eng.run(ds)
            findings, skipped = _sorted_by_keys(eng, ds)
            assert list(report.findings) == findings
            assert list(report.skipped) == skipped
            assert len(findings) > 10 and len(skipped) > 4
            ranks = Ranks.of([u.id for u in ds.units], [r.id for r in eng.rules])
            assert eng._check(eng.rules, ds, ds.units, ranks=ranks)[5] is not None  # noted


def test_run_order_with_results_about_units_outside_the_dataset() -> None:
    units = tuple(attrs.evolve(u, parent="elsewhere") for u in _units())
    eng = _engine(many_ties, about_parent)
    ds = Dataset(units=units[::-1])
    report = eng.run(ds)
    findings, skipped = _sorted_by_keys(eng, ds)
    assert list(report.findings) == findings and list(report.skipped) == skipped
    assert any(f.unit == "elsewhere" for f in findings)


@pytest.mark.skipif(not available(), reason="process isolation needs fork")
def test_run_order_with_each_rule_in_a_process() -> None:
    """Rules run each in a worker process are not noted as they come: sorted, the same order."""
    ds = Dataset.of(list(_units())[::-1])
    isolated = _engine(many_ties, about_parent, isolation="process").run(ds)
    plain = _engine(many_ties, about_parent).run(ds)
    assert isolated.findings == plain.findings and isolated.skipped == plain.skipped
    assert list(isolated.findings) == _sorted_by_keys(_engine(many_ties, about_parent), ds)[0]
