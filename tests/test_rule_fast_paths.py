"""The built-in rules' fast paths give exactly what the general path gives.

Each fast path is held against a straightforward reference written here (the general path it
replaces) on generated inputs, boundaries included, so that the two cannot drift.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterator
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cchc_rules import (
    Config,
    Context,
    Finding,
    Params,
    Severity,
    Skip,
    StatedPercent,
    Unit,
    subject_of,
)
from cchc_rules.builtin import consistency, deadlines, staffing
from cchc_rules.findings import make_finding, make_skip

from _support import dataset, engine

texts = st.text(max_size=6)
values = st.one_of(st.none(), st.integers(), texts, st.dictionaries(texts, st.integers()))


# ---------------------------------------------------------------------------------------------
# Finding and Skip made slot by slot


@settings(deadline=None)
@given(
    st.tuples(texts, texts, st.sampled_from(Severity), texts, texts, texts, texts),
    st.dictionaries(texts, values),
    st.tuples(texts),
)
def test_make_finding_is_the_constructor(
    fields: tuple[Any, ...], evidence: Any, basis: Any
) -> None:
    made, built = make_finding(*fields, evidence, basis), Finding(*fields, evidence, basis)
    assert type(made) is Finding
    assert made == built and repr(made) == repr(built)
    assert attrs.asdict(made, recurse=False) == attrs.asdict(built, recurse=False)
    assert made.evidence is evidence  # the mapping itself, as __init__ keeps it
    assert made.fingerprint == built.fingerprint


@settings(deadline=None)
@given(texts, texts, texts, st.dictionaries(texts, values), texts)
def test_make_skip_is_the_constructor(
    rule: str, unit: str, reason: str, params: Any, subject: str
) -> None:
    made, built = (
        make_skip(rule, unit, reason, params, subject),
        Skip(rule, unit, reason, params, subject),
    )
    assert type(made) is Skip and made == built and repr(made) == repr(built)


def test_made_findings_stay_frozen() -> None:
    made = make_finding("R", "f", Severity.INFO, "u", "R.m", "", "", {}, ())
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        made.rule = "X"  # type: ignore[misc]


def test_context_message_ids_are_the_rules_or_given_in_full() -> None:
    ds = dataset({"kind": "xa", "staffing": [{"category": "cong_chuc", "quota": 1, "used": 2}]})
    rule = next(r for r in engine().rules if r.id == "ST001")
    ctx = engine().context(rule, ds)
    unit = ds.units[0]
    for _ in range(2):  # the second time from what the context remembers
        assert ctx.finding(unit, "over").message == "ST001.over"
        assert ctx.finding(unit, "skip.other").message == "skip.other"
        assert ctx.skip(unit, "over").reason == "ST001.over"
        assert ctx.skip(unit, "skip.other").reason == "skip.other"


# ---------------------------------------------------------------------------------------------
# CS002: a stated rate held against the counts


stated_percents = st.builds(
    StatedPercent,
    st.decimals(min_value=0, max_value=120, places=2, allow_nan=False, allow_infinity=False),
    st.integers(0, 3),
    st.sampled_from(["exact", "over", "at_least", "under", "at_most", "nearly", "approx"]),
    st.none(),
    st.sampled_from([None, "round", "truncate"]),
).map(lambda s: attrs.evolve(s, decimals=max(s.decimals, -s.value.as_tuple().exponent)))  # type: ignore[operator]


def _holds_anywhere(stated: StatedPercent, part: int, wholes: dict[str, int], margin: Any) -> bool:
    """The general path: ``StatedValue.holds`` over each base."""
    return any(
        stated.holds(Decimal(part * 100) / Decimal(whole), margin) for whole in wholes.values()
    )


def _cs002_context() -> tuple[Context, Unit]:
    ds = dataset({"kind": "xa", "dossiers": {"received": 1}})
    rule = next(r for r in engine().rules if r.id == "CS002")
    return engine().context(rule, ds), ds.units[0]


@settings(max_examples=400, deadline=None)
@given(
    stated_percents,
    st.integers(0, 10_000),
    st.lists(st.integers(1, 10_000), min_size=1, max_size=3),
)
def test_cs002_judges_as_the_general_path(
    stated: StatedPercent, part: int, wholes: list[int]
) -> None:
    ctx, unit = _cs002_context()
    bases = dict(zip(("resolved", "due", "received"), wholes, strict=False))
    margin = Decimal(str(ctx.params(unit)["approx_points"]))
    got = consistency._judge(unit, ctx, "stated_on_time_percent", stated, part, bases, "", dict)
    assert (got is None) == _holds_anywhere(stated, part, bases, margin)


def test_cs002_judges_exactly_at_the_tolerance() -> None:
    ctx, unit = _cs002_context()
    cases = [  # (stated, decimals, part, whole): |stated - part/whole| against half a unit
        ("98.7", 1, 98_650, 100_000, True),  # exactly half a unit under: rounds to it
        ("98.7", 1, 98_649, 100_000, False),
        ("98.7", 1, 98_750, 100_000, True),  # exactly half a unit over
        ("98.7", 1, 98_751, 100_000, False),
        ("64.4", 1, 161, 250, True),
        ("33.33", 2, 1, 3, True),
        ("33.34", 2, 1, 3, False),
        ("0", 0, 0, 7, True),
    ]
    for value, decimals, part, whole, holds in cases:
        stated = StatedPercent(Decimal(value), decimals)
        got = consistency._judge(
            unit, ctx, "stated_on_time_percent", stated, part, {"resolved": whole}, "", dict
        )
        assert (got is None) is holds, (value, part, whole)


def test_cs002_tolerances_are_the_stated_ones() -> None:
    for decimals, tolerance in consistency._TOLERANCE.items():
        stated = StatedPercent(Decimal(1), decimals)
        assert str(tolerance) == str(stated.tolerance) and tolerance == stated.tolerance


# ---------------------------------------------------------------------------------------------
# Staffing: the subject is named only for what is reported


def _st002_reference(unit: Unit, ctx: Context) -> Iterator[Finding | Skip]:
    """ST002 as first written: every block's subject first."""
    limit = ctx.params(unit).max_contract_outside_quota
    for i, block in enumerate(unit.staffing):
        name, key = subject_of(block, i)
        if block.contract_outside_quota is None:
            yield ctx.skip(unit, "no_figure", subject=name)
            continue
        support = block.contract_support_service or 0
        if support > block.contract_outside_quota:
            yield ctx.skip(
                unit, "inconsistent", subject=name, support=support,
                contract=block.contract_outside_quota,
            )  # fmt: skip
            continue
        counted = block.contract_outside_quota - support
        apart: dict[str, Any] = (
            {}
            if block.contract_support_service is None
            else {
                "contract_outside_quota": block.contract_outside_quota,
                "contract_support_service": support,
            }
        )
        if counted > limit:
            severity = (
                "error"
                if block.category in staffing.CIVIL_SERVICE
                else "info"
                if block.category == "vien_chuc"
                else "warning"
            )
            yield ctx.finding(
                unit, "contract", subject=name, key=key, severity=severity, contract=counted,
                max_allowed=limit, category=block.category, **apart,
            )  # fmt: skip


def _st004_reference(unit: Unit, ctx: Context) -> Iterator[Any]:
    """ST004 as first written: every block's subject first."""
    params = ctx.params(unit)
    if unit.kind not in params.public_service_kinds or not any(
        b.category == "vien_chuc" or b.professional_share_percent is not None for b in unit.staffing
    ):
        yield ctx.not_applicable(unit)
        return
    minimum = params.min_professional_share_percent
    for i, block in enumerate(unit.staffing):
        name, key = subject_of(block, i)
        share = block.professional_share_percent
        if share is None:
            if block.category == "vien_chuc":
                yield ctx.skip(unit, "no_figure", subject=name)
            continue
        if share < minimum:
            yield ctx.finding(unit, "low", subject=name, key=key, share=share, min_share=minimum)


small = st.integers(0, 40)
blocks = st.fixed_dictionaries(
    {"quota": small, "used": small},
    optional={
        "category": st.sampled_from(["cong_chuc", "vien_chuc", "can_bo", "other"]),
        "label": st.sampled_from(["Khối A", "khối a", "B"]),
        "contract_outside_quota": small,
        "contract_support_service": small,
        "baseline_quota": small,
        "baseline_year": st.sampled_from([2015, 2021, 2022]),
        "professional_share_percent": st.one_of(
            st.sampled_from([64.9, 65, 65.0, 0, 100]), st.integers(0, 100)
        ),
    },
)


def _items(result: Any) -> list[Any]:
    return [] if result is None else list(result)


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(["truong", "xa", "benh_vien"]), st.lists(blocks, min_size=1, max_size=5))
def test_staffing_rules_name_subjects_as_before(kind: str, staff: list[dict[str, Any]]) -> None:
    ds = dataset({"kind": kind, "staffing": staff})
    unit = ds.units[0]
    for rid, reference in (("ST002", _st002_reference), ("ST004", _st004_reference)):
        rule = next(r for r in engine().rules if r.id == rid)
        ctx = engine().context(rule, ds)
        assert _items(rule.check(unit, ctx)) == _items(reference(unit, ctx)), rid
    rule = next(r for r in engine().rules if r.id == "ST003")
    ctx = engine().context(rule, ds)
    got = _items(rule.check(unit, ctx))
    for item in got:  # named as subject_of names the block
        names = {subject_of(b, i).name for i, b in enumerate(unit.staffing)}
        assert item.subject in names


# ---------------------------------------------------------------------------------------------
# Params: each parameter an attribute


@settings(deadline=None)
@given(
    st.dictionaries(
        st.one_of(st.sampled_from(["get", "items", "keys", "_values", "__class__"]), texts),
        values,
    )
)
def test_params_read_as_attributes_and_items_alike(values_: dict[str, Any]) -> None:
    p = Params(values_)
    assert dict(p) == values_ and len(p) == len(values_)
    for name, value in values_.items():
        assert p[name] is value
        if not hasattr(Params, name):
            assert getattr(p, name) is value
    assert callable(p.get) and callable(p.items) and p.get("\x00missing") is None


def test_params_missing_read_only_and_pickled() -> None:
    p = Params({"min_fill_percent": 90, "get": 1})
    with pytest.raises(AttributeError, match="no parameter 'nothing'"):
        p.nothing  # noqa: B018
    with pytest.raises(AttributeError):
        p.min_fill_percent = 1  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del p.get  # type: ignore[misc]
    again = pickle.loads(pickle.dumps(p))
    assert type(again) is Params and dict(again) == dict(p) and again.min_fill_percent == 90
    assert p.get("get") == 1 and p["get"] == 1


# ---------------------------------------------------------------------------------------------
# DL002: a claimed reduction in whole days, judged in integers


def _reduction_in_decimals(days: int, statutory: int, actual: int) -> Any:
    """DL002's general path: the figures from decimals."""
    regulated = deadlines._dec(statutory)
    exact = regulated - deadlines._dec(actual)
    if deadlines._dec(days) == exact:
        return None
    percent = deadlines._round2(exact * 100 / regulated) if regulated else None
    return "mismatch_days", deadlines._num(exact), percent


days_ = st.one_of(st.integers(-50, 400), st.integers(-(10**21), 10**21))


def _dl002_context() -> tuple[Context, Unit]:
    ds = dataset({"kind": "xa", "procedures": [{"name": "a", "regulated_days": 1}]})
    rule = next(r for r in engine().rules if r.id == "DL002")
    return engine().context(rule, ds), ds.units[0]


@settings(max_examples=500, deadline=None)
@given(days_, days_, days_)
def test_dl002_judges_whole_days_as_the_decimal_path(
    days: int, statutory: int, actual: int
) -> None:
    ctx, unit = _dl002_context()
    figures = {"regulated_days": statutory, "actual_days": actual}
    proc = attrs.evolve(unit.procedures[0], claimed_reduction_days=days, **figures)
    got = _items(deadlines.dl002.check(attrs.evolve(unit, procedures=(proc,)), ctx))
    want = _reduction_in_decimals(days, statutory, actual)
    if want is None:
        assert got == []
        return
    [finding] = got
    evidence = finding.evidence
    assert finding.message == f"DL002.{want[0]}"
    assert evidence["reduction_days"] == want[1] and evidence["reduction_percent"] == want[2]
    assert type(evidence["reduction_days"]) is type(want[1])
    assert type(evidence["reduction_percent"]) is type(want[2])


@settings(max_examples=500, deadline=None)
@given(st.integers(-(10**6), 10**6), st.integers(-(10**6), 10**6).filter(bool))
def test_percent_of_is_the_rounded_decimal_quotient(part: int, whole: int) -> None:
    want = deadlines._round2(Decimal(part) * 100 / Decimal(whole))
    got = deadlines._percent_of(part, whole)
    assert got == want and type(got) is type(want)


def test_percent_of_at_ties_and_limits() -> None:
    cases = [(1, 8), (3, 8), (5, 8), (-1, 8), (-3, 8), (1, 3), (2, 3), (1, 200_000), (3, 400_000)]
    cases += [(10**20 - 1, 7), (10**20, 7), (-(10**20), 3), (5, 1), (0, 9)]
    for part, whole in cases:
        want = deadlines._round2(Decimal(part) * 100 / Decimal(whole))
        got = deadlines._percent_of(part, whole)
        assert got == want and type(got) is type(want), (part, whole)


# ---------------------------------------------------------------------------------------------
# ctx.exact: a threshold as an exact number


def test_exact_keeps_ints_and_reads_other_numbers_as_written() -> None:
    assert Context.exact(65) == 65 and type(Context.exact(65)) is int
    assert Context.exact(64.4) == Decimal("64.4") and Context.exact(64.4) != Decimal(64.4)  # noqa: RUF032
    assert str(Context.exact(97.50)) == "97.5" and str(Context.exact(Decimal("97.50"))) == "97.50"
    assert Context.exact(Decimal("1E+2")) == 100
    with pytest.raises(ArithmeticError):
        Context.exact(True)  # not a number a threshold is written as


@pytest.mark.parametrize(
    ("share", "threshold", "at_least"),
    [
        (Decimal("64.4"), 64.4, True),  # exactly at the threshold
        (Decimal("64.39999999"), 64.4, False),  # just under
        (Decimal("64.40000001"), 64.4, True),  # just over
        (Decimal(65), 65, True),
        (Decimal("64.99"), 65, False),
        (Decimal("64.4"), Decimal("64.4"), True),
        (Decimal(0), 0, True),
    ],
)
def test_exact_at_the_threshold(share: Decimal, threshold: Any, at_least: bool) -> None:
    assert (share >= Context.exact(threshold)) is at_least
    assert (share < Context.exact(threshold)) is not at_least


@settings(deadline=None)
@given(st.integers(0, 10_000), st.integers(1, 10_000), st.sampled_from([64.4, 65, 97.5, 0, 100]))
def test_below_is_exact_against_the_written_threshold(part: int, whole: int, percent: Any) -> None:
    assert Context.below(part, whole, percent) == (
        Decimal(part * 100) < Decimal(str(percent)) * whole
    )


def test_dl007_a_share_exactly_at_a_fractional_target_is_not_low() -> None:
    def low(target: float, digitised: int) -> bool:
        cfg = Config(select=("DL007",), params={"DL007": {"min_digitised_percent": target}})
        unit = {"kind": "xa", "dossiers": {"received": 1000, "digitised": digitised}}
        return any(f.rule == "DL007" for f in engine(cfg).run(dataset(unit)).findings)

    assert not low(64.4, 644)  # exactly at it: 64.4 %, not below the float 64.4
    assert low(64.4, 643)
    assert not low(64.4, 645)


# ---------------------------------------------------------------------------------------------
# CS003: the generated reader of parts and wholes


counts = st.one_of(st.none(), st.integers(-2, 5), st.just(10**30))


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(list(consistency._PAIRS)), st.data())
def test_cs003_finds_the_pairs_the_loop_finds(section: str, data: st.DataObject) -> None:
    pairs = consistency._PAIRS[section]
    names = sorted({name for pair in pairs for name in pair})
    record = SimpleNamespace(**{name: data.draw(counts, label=name) for name in names})
    looped = [
        i
        for i, (part, whole) in enumerate(pairs)
        if getattr(record, part) is not None
        and getattr(record, whole) is not None
        and getattr(record, part) > getattr(record, whole)
    ]
    [exceeding] = [f for s, _, f in consistency._BY_SECTION if s == section]
    assert exceeding(record) == looped


# ---------------------------------------------------------------------------------------------
# CS001: combined figures against their parts, the evidence built only for a finding


def _combined_reference(unit: Unit, d: Any, ctx: Context) -> list[Any]:
    """CS001's combined sums as first written: every term's mapping built first."""

    def one(name: str, whole: tuple[str, Any], parts: dict[str, Any]) -> Any:
        whole_name, stated = whole
        if stated is None or None in parts.values():
            return None
        total = sum(parts.values())
        if total == stated:
            return None
        subject = name.removesuffix("_combined")
        return ctx.finding(
            unit, name, subject=subject, key=subject, parts_sum=total,
            difference=stated - total, **{whole_name: stated, **parts},
        )  # fmt: skip

    out = []
    if d.received is not None:
        combined = d.received_direct_postal is not None
        direct = (
            {"received_direct_postal": d.received_direct_postal}
            if combined
            else {"received_direct": d.received_direct, "received_postal": d.received_postal}
        )
        name = "channels_combined" if combined else "channels"
        out.append(
            one(name, ("received", d.received), {**direct, "received_online": d.received_online})
        )
    for name, whole, parts, _ in consistency._COMBINED_SUMS:
        if getattr(d, whole) is not None:
            terms = {part: getattr(d, part) for part in parts}
            out.append(one(name, (whole, getattr(d, whole)), terms))
    return [o for o in out if o is not None]


_COMBINED_FIELDS = (
    "received", "received_direct", "received_postal", "received_direct_postal",
    "received_online", "returned", "withdrawn", "returned_or_withdrawn", "resolved_late",
    "pending_overdue", "overdue_total",
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.fixed_dictionaries({}, optional={f: st.integers(0, 6) for f in _COMBINED_FIELDS}))
def test_cs001_combined_sums_as_first_written(figures: dict[str, int]) -> None:
    ds = dataset({"kind": "xa", "dossiers": figures})
    unit = ds.units[0]
    rule = next(r for r in engine().rules if r.id == "CS001")
    ctx = engine().context(rule, ds)
    d = unit.dossiers
    got = [o for o in consistency._cs001_combined(unit, d, ctx) if o is not None]
    assert got == _combined_reference(unit, d, ctx)
