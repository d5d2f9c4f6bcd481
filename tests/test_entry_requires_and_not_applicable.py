"""Per-entry required fields of list sections (a skip per incomplete entry, the check sees the
complete ones) and a check's own "not applicable" (counted like a missing section)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from cchc_rules import (
    Context,
    Engine,
    Example,
    Finding,
    NotApplicable,
    Rule,
    Unit,
    apply_baseline,
    hookimpl,
    rule,
)
from cchc_rules.baseline import Snapshot
from cchc_rules.cli.info import explain_text
from cchc_rules.entries import entry_name
from cchc_rules.model import CatalogueEntry, Reference
from cchc_rules.testing import dataset, make_engine, run_rule, unit

SEEN: list[tuple[str, ...]] = []


@rule(
    "PE001",
    family="entries",
    severity="warning",
    section="staffing",
    requires=("contract_outside_quota",),
    title={"vi": "Hợp đồng ngoài chỉ tiêu", "en": "Contracts outside the quota"},
    messages={"some": {"vi": "{subject}: {n} hợp đồng", "en": "{subject}: {n} contracts"}},
)
def pe001(u: Unit, ctx: Context) -> Iterator[Finding]:
    SEEN.append(tuple(b.label or "" for b in u.staffing))
    for b in u.staffing:
        assert b.contract_outside_quota is not None  # never None: the engine saw to it
        if b.contract_outside_quota > 0:
            yield ctx.finding(u, "some", subject=b.label or "", n=b.contract_outside_quota)


@rule(
    "PE002",
    family="entries",
    severity="info",
    section="procedures",
    requires=("regulated_days", "actual_days"),
    title={"vi": "Quá hạn", "en": "Late"},
    messages={"late": {"vi": "{subject}: trễ", "en": "{subject}: late"}},
)
def pe002(u: Unit, ctx: Context) -> Iterator[Finding]:
    for p in u.procedures:
        late = p.actual_days is not None and p.actual_days > (p.regulated_days or 0)
        if late:
            yield ctx.finding(u, "late", subject=p.name, key=p.code or p.name)


def block(label: str, contract: int | None = None, **kw: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"category": "cong_chuc", "label": label, "quota": 10, "used": 10}
    if contract is not None:
        out["contract_outside_quota"] = contract
    return {**out, **kw}


# -- point 9: per-entry required fields ---------------------------------------------------------
def test_staffing_entry_lacking_a_field_is_skipped_and_the_check_sees_the_others() -> None:
    SEEN.clear()
    report = run_rule(pe001, unit(staffing=[block("A", 2), block("B"), block("C", 0)]))
    assert SEEN == [("A", "C")]
    assert [(f.subject, f.evidence["n"]) for f in report.findings] == [("A", 2)]
    (skip,) = report.skipped
    assert (skip.unit, skip.subject, skip.reason) == ("u1", "B", "skip.entry_missing_fields")
    params = {**skip.params, "subject": skip.subject}
    assert report.text(skip.reason, params, lang="vi") == "B: thiếu số liệu: contract_outside_quota"
    assert report.text(skip.reason, params, lang="en") == (
        "B: figures not reported: contract_outside_quota"
    )
    assert report.summary.evaluations == 1


def test_every_entry_lacking_the_field_means_no_check_at_all() -> None:
    SEEN.clear()
    report = run_rule(pe001, unit(staffing=[block("A"), block("", category="vien_chuc")]))
    assert SEEN == []
    assert [s.subject for s in report.skipped] == ["A", "vien_chuc"]  # label, else category
    assert report.summary.evaluations == 0 and report.findings == ()


def test_complete_entries_only_is_the_plain_case() -> None:
    SEEN.clear()
    report = run_rule(pe001, unit(staffing=[block("A", 1), block("B", 1)]))
    assert SEEN == [("A", "B")] and len(report.findings) == 2 and report.skipped == ()


def test_procedures_are_skipped_by_name_with_every_missing_field() -> None:
    report = run_rule(
        pe002,
        unit(
            procedures=[
                {"name": "Cấp phép xây dựng", "code": "1.0", "regulated_days": 15},
                {"name": "Đăng ký hộ kinh doanh", "regulated_days": 3, "actual_days": 4},
                {"name": "Chứng thực"},
            ]
        ),
    )
    assert [f.subject for f in report.findings] == ["Đăng ký hộ kinh doanh"]
    skipped = {s.subject: s.params["fields"] for s in report.skipped}
    assert skipped == {
        "Cấp phép xây dựng": "actual_days",
        "Chứng thực": "regulated_days, actual_days",
    }


def test_without_the_section_it_is_still_not_applicable() -> None:
    report = run_rule(pe001, [unit(plan={"tasks_total": 1}), unit(staffing=[block("A", 1)])])
    assert report.not_applicable == {"PE001": frozenset({"u1"})}
    assert report.skipped == ()


def test_entry_names_for_the_other_list_sections() -> None:
    assert entry_name(CatalogueEntry(level="quan"), 0) == "quan"
    assert entry_name(CatalogueEntry(), 2) == "#3"
    assert entry_name(Reference(number="02/NQ-CP"), 0) == "02/NQ-CP"


@pytest.mark.parametrize(
    ("section", "requires", "message"),
    [
        ("staffing", ("no_such_field",), "staffing has no field 'no_such_field'"),
        (None, ("quota",), "'requires' needs a section"),
    ],
)
def test_requires_names_fields_of_the_section(
    section: str | None, requires: tuple[str, ...], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        Rule(
            id="PE009",
            family="entries",
            severity="info",
            check=pe001.check,
            title={"vi": "x", "en": "x"},
            section=section,
            requires=requires,
        )


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("en", "Data used: staffing (each entry needs: contract_outside_quota)"),
        ("vi", "Số liệu sử dụng: staffing (mỗi mục cần: contract_outside_quota)"),
    ],
)
def test_explain_names_the_fields_each_entry_needs(lang: str, line: str) -> None:
    engine = make_engine(_Plugin(pe001))
    texts = [str(t) for t in explain_text(engine.registry.rules["PE001"], engine, lang)]
    assert line in texts


class _Plugin:
    def __init__(self, *rules: Rule) -> None:
        self.rules = rules
        self.__name__ = "entries_test"

    @hookimpl
    def cchc_register_rules(self, register: Any) -> None:
        for r in self.rules:
            register(r)


# -- point 10: "not applicable" from the check ---------------------------------------------------
@rule(
    "NA001",
    family="entries",
    severity="warning",
    section="staffing",
    title={"vi": "Công chức", "en": "Civil servants"},
    messages={"over": {"vi": "{subject}: vượt", "en": "{subject}: over"}},
    examples=[
        Example(unit={"staffing": [block("A", quota=1, used=2)]}, fires=True),
        Example(unit={"staffing": [block("A", category="vien_chuc")]}, fires=False),
    ],
)
def na001(u: Unit, ctx: Context) -> Iterator[Finding | NotApplicable]:
    """Civil-servant blocks over their quota; not applicable without a civil-servant block."""
    blocks = [b for b in u.staffing if b.category == "cong_chuc"]
    if not blocks:
        yield ctx.not_applicable(u)
        return
    for b in blocks:
        if b.used > b.quota:
            yield ctx.finding(u, "over", subject=b.label or "")


def returns_na(u: Unit, ctx: Context) -> NotApplicable:
    return ctx.not_applicable(u)


NA_UNITS = [
    unit("a", staffing=[block("A", quota=1, used=2)]),
    unit("b", staffing=[block("B", category="vien_chuc")]),
    unit("c", plan={"tasks_total": 1}),
]


def test_a_check_says_not_applicable_and_it_is_counted_like_a_missing_section() -> None:
    report = run_rule(na001, NA_UNITS)
    assert [f.unit for f in report.findings] == ["a"]
    assert report.not_applicable == {"NA001": frozenset({"b", "c"})}
    assert report.summary.not_applicable == 2
    assert report.summary.evaluations == 1  # only "a" was checked
    assert report.skipped == () and report.rule_errors == ()
    coverage = json.loads(report.to_json("en"))["coverage"]["not_applicable"]
    assert coverage == [{"rules": ["NA001"], "units": ["b", "c"]}]


def test_returning_not_applicable_works_too() -> None:
    returning = Rule(
        id="NA002",
        family="entries",
        severity="info",
        check=returns_na,
        title={"vi": "x", "en": "x"},
        section="staffing",
    )
    report = run_rule(returning, NA_UNITS)
    assert report.not_applicable == {"NA002": frozenset({"a", "b", "c"})}
    assert report.summary.evaluations == 0


def test_not_applicable_for_another_unit_is_a_rule_error() -> None:
    def wrong(u: Unit, ctx: Context) -> Iterator[NotApplicable]:
        yield NotApplicable("NA003", "someone-else")

    r = Rule(id="NA003", family="e", severity="info", check=wrong, title={"vi": "x", "en": "x"})
    report = run_rule(r, unit("a"))
    assert [e.message for e in report.rule_errors] == ["error.rule_garbage"]
    assert report.not_applicable == {}


def test_a_baseline_finding_on_a_unit_now_not_applicable_is_unverified() -> None:
    engine: Engine = make_engine(_Plugin(na001))
    engine = engine.with_config(engine.config.__class__(select=("NA001",)))
    before = engine.run(dataset(unit("b", staffing=[block("B", quota=1, used=2)])))
    assert [f.unit for f in before.findings] == ["b"]
    after = engine.run(dataset(unit("b", staffing=[block("B", category="vien_chuc")])))
    compared = apply_baseline(after, Snapshot.of_report(before))
    (gone,) = json.loads(compared.to_json("en"))["baseline"]["unverified"]
    assert gone["reason_id"] == "baseline.not_applicable"
    assert gone["unit"] == "b"
