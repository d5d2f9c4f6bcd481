"""Built-in rule family: internal spending regulations (SP001–SP003), over ``spending``.

Legal basis by the kind of the units counted: public service units (``kind`` in the
``public_service_kinds`` parameter: schools, public service units, hospitals, …) under Nghị định
60/2021/NĐ-CP; every other unit as a state agency, under Nghị định 130/2005/NĐ-CP and
117/2013/NĐ-CP until 30/4/2026 and Nghị định 75/2026/NĐ-CP from 1/5/2026.

Which units are counted: a public service unit counts itself and its own bodies (60/2021); a unit
counting one body counts itself (its own kind decides); a unit counting several bodies counts its
subordinate units, whose kinds are read from its child units in the dataset when every one has a
kind. When those kinds are not in the data (a district's 73 bodies are mostly schools, but the
figure does not say so), both bases are cited: the counted bodies are state agencies and public
service units alike. The evidence ``counted_kinds`` lists the kinds read, if any.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from cchc_rules import (
    PUBLIC_SERVICE_KINDS,
    Context,
    Example,
    Finding,
    Param,
    Rule,
    hookimpl,
    rule,
)
from cchc_rules import Unit as _Unit

FAMILY = "spending"
STATE_AGENCIES = "spending_state_agencies"
PUBLIC_UNITS = "spending_public_units"
BASIS = (STATE_AGENCIES, PUBLIC_UNITS)

KINDS_PARAM = Param(
    name="public_service_kinds",
    default=PUBLIC_SERVICE_KINDS,
    doc={
        "vi": "Loại đơn vị (kind) được coi là đơn vị sự nghiệp công lập, căn cứ Nghị định "
        "60/2021/NĐ-CP; các loại khác là cơ quan nhà nước (Nghị định 130/2005/NĐ-CP, "
        "117/2013/NĐ-CP, từ 01/5/2026 Nghị định 75/2026/NĐ-CP). Căn cứ được chọn theo loại "
        "của các đơn vị được đếm; khi số liệu không cho biết loại của các đơn vị trực thuộc "
        "được đếm, dẫn cả hai căn cứ.",
        "en": "Unit kinds treated as public service units, under Nghị định 60/2021/NĐ-CP; any "
        "other kind is a state agency (Nghị định 130/2005/NĐ-CP, 117/2013/NĐ-CP, from "
        "1/5/2026 Nghị định 75/2026/NĐ-CP). The basis follows the kind of the units counted; "
        "when the data does not give the kinds of the subordinate units counted, both are "
        "cited.",
    },
    basis="nd-60-2021",
)


def _topic(kind: str | None, public: object) -> str:
    return PUBLIC_UNITS if isinstance(public, (list, tuple)) and kind in public else STATE_AGENCIES


def _basis(unit: _Unit, ctx: Context) -> tuple[tuple[str, ...], dict[str, Any]]:
    """The legal topics for the kinds of the units counted, and the evidence naming them."""
    public = ctx.params(unit).public_service_kinds
    own = _topic(unit.kind, public)
    total = unit.spending.units_total if unit.spending is not None else None
    if own == PUBLIC_UNITS or total is None or total <= 1:
        return (own,), {}
    kinds = [child.kind for child in ctx.children(unit)]
    if kinds and all(kinds):
        topics = {_topic(k, public) for k in kinds}
        return tuple(t for t in BASIS if t in topics), {"counted_kinds": sorted(set(kinds))}
    return BASIS, {}


def _ex(kind: str = "quan", **fields: int) -> dict[str, object]:
    return {"kind": kind, "spending": fields}


@rule(
    "SP001",
    family=FAMILY,
    severity="error",
    section="spending",
    requires=("units_total", "units_with_regulation"),
    params=[KINDS_PARAM],
    basis=BASIS,
    title={
        "vi": "Đơn vị chưa ban hành quy chế chi tiêu nội bộ",
        "en": "Units without an internal spending regulation",
    },
    description={
        "vi": "Số đơn vị đã ban hành quy chế chi tiêu nội bộ ít hơn tổng số đơn vị.",
        "en": "Fewer units have adopted an internal spending regulation than there are units.",
    },
    messages={
        "missing": {
            "vi": "{units_without}/{units_total} đơn vị chưa ban hành quy chế chi tiêu nội bộ "
            "(đã ban hành {units_with_regulation}/{units_total})",
            "en": "{units_without} of {units_total} "
            "{units_total:plural|one=unit has|other=units have} no internal spending regulation "
            "({units_with_regulation} of {units_total} adopted)",
        },
    },
    examples=[
        Example(unit=_ex(units_total=40, units_with_regulation=38), fires=True),
        Example(unit=_ex(units_total=73, units_with_regulation=73), fires=False),
        Example(unit=_ex("truong", units_total=1, units_with_regulation=0), fires=True),
    ],
)
def sp001(unit: _Unit, ctx: Context) -> Iterator[Finding]:
    """Units without an adopted internal spending regulation."""
    s = unit.spending
    if s is None or s.units_total is None or s.units_with_regulation is None:
        return
    if s.units_with_regulation < s.units_total:
        basis, why = _basis(unit, ctx)
        yield ctx.finding(
            unit,
            "missing",
            basis=basis,
            **why,
            units_total=s.units_total,
            units_with_regulation=s.units_with_regulation,
            units_without=s.units_total - s.units_with_regulation,
        )


@rule(
    "SP002",
    family=FAMILY,
    severity="error",
    section="spending",
    requires=("violations",),
    params=[KINDS_PARAM],
    basis=BASIS,
    title={
        "vi": "Vi phạm quy chế chi tiêu nội bộ",
        "en": "Internal spending regulation violated",
    },
    description={
        "vi": "Báo cáo ghi nhận trường hợp vi phạm quy chế chi tiêu nội bộ.",
        "en": "The report records violations of the internal spending regulation.",
    },
    messages={
        "violations": {
            "vi": "ghi nhận {violations} trường hợp vi phạm quy chế chi tiêu nội bộ",
            "en": "{violations} {violations:plural|one=violation|other=violations} of the "
            "internal spending regulation recorded",
        },
    },
    examples=[
        Example(unit=_ex(violations=1), fires=True),
        Example(unit=_ex(violations=0), fires=False),
    ],
)
def sp002(unit: _Unit, ctx: Context) -> Iterator[Finding]:
    """Recorded violations of the regulation."""
    s = unit.spending
    if s is not None and s.violations:
        basis, why = _basis(unit, ctx)
        yield ctx.finding(unit, "violations", basis=basis, violations=s.violations, **why)


@rule(
    "SP003",
    family=FAMILY,
    severity="warning",
    section="spending",
    requires=("units_with_regulation", "units_published"),
    params=[KINDS_PARAM],
    basis=BASIS,
    title={
        "vi": "Quy chế chi tiêu nội bộ chưa được công khai",
        "en": "Internal spending regulation not published internally",
    },
    description={
        "vi": "Số đơn vị đã công khai quy chế chi tiêu nội bộ ít hơn số đơn vị đã ban hành.",
        "en": "Fewer units have published their regulation internally than have adopted one.",
    },
    messages={
        "unpublished": {
            "vi": "{units_unpublished}/{units_with_regulation} đơn vị đã ban hành quy chế chi "
            "tiêu nội bộ nhưng chưa công khai (đã công khai {units_published})",
            "en": "{units_unpublished} of {units_with_regulation} "
            "{units_with_regulation:plural|one=unit with a regulation has|"
            "other=units with a regulation have} "
            "not published it internally ({units_published} published)",
        },
    },
    examples=[
        Example(unit=_ex(units_with_regulation=38, units_published=37), fires=True),
        Example(unit=_ex(units_with_regulation=38, units_published=38), fires=False),
    ],
)
def sp003(unit: _Unit, ctx: Context) -> Iterator[Finding]:
    """Adopted regulations not published internally."""
    s = unit.spending
    if s is None or s.units_with_regulation is None or s.units_published is None:
        return
    if s.units_published < s.units_with_regulation:
        basis, why = _basis(unit, ctx)
        yield ctx.finding(
            unit,
            "unpublished",
            basis=basis,
            **why,
            units_with_regulation=s.units_with_regulation,
            units_published=s.units_published,
            units_unpublished=s.units_with_regulation - s.units_published,
        )


@hookimpl
def cchc_register_rules(register: Callable[[Rule], None]) -> None:
    """Register the internal-spending rules."""
    for r in (sp001, sp002, sp003):
        register(r)
