"""Built-in rule family: internal spending regulations (SP001–SP003), over ``spending``.

Legal basis by the kind of unit: public service units (``kind`` in the ``public_service_kinds``
parameter: schools, public service units, hospitals, …) under Nghị định 60/2021/NĐ-CP; every other
unit as a state agency, under Nghị định 130/2005/NĐ-CP and 117/2013/NĐ-CP until 30/4/2026 and
Nghị định 75/2026/NĐ-CP from 1/5/2026. A local government's figures that also count its schools
cite the state-agency decrees: the unit's own kind decides.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from cchc_rules import Context, Example, Finding, Param, Rule, hookimpl, rule
from cchc_rules import Unit as _Unit

FAMILY = "spending"
STATE_AGENCIES = "spending_state_agencies"
PUBLIC_UNITS = "spending_public_units"
BASIS = (STATE_AGENCIES, PUBLIC_UNITS)

#: Unit kinds treated as public service units (đơn vị sự nghiệp công lập) by default.
PUBLIC_SERVICE_KINDS = ("truong", "don_vi_su_nghiep", "benh_vien", "trung_tam_y_te", "tram_y_te")

KINDS_PARAM = Param(
    name="public_service_kinds",
    default=PUBLIC_SERVICE_KINDS,
    doc={
        "vi": "Loại đơn vị (kind) được coi là đơn vị sự nghiệp công lập, căn cứ Nghị định "
        "60/2021/NĐ-CP; các loại khác là cơ quan nhà nước (Nghị định 130/2005/NĐ-CP, "
        "117/2013/NĐ-CP, từ 01/5/2026 Nghị định 75/2026/NĐ-CP).",
        "en": "Unit kinds treated as public service units, under Nghị định 60/2021/NĐ-CP; any "
        "other kind is a state agency (Nghị định 130/2005/NĐ-CP, 117/2013/NĐ-CP, from "
        "1/5/2026 Nghị định 75/2026/NĐ-CP).",
    },
    basis="nd-60-2021",
)


def _basis(unit: _Unit, ctx: Context) -> tuple[str, ...]:
    """The legal topic for the unit's kind."""
    kinds = ctx.params(unit).public_service_kinds
    return (PUBLIC_UNITS,) if unit.kind in kinds else (STATE_AGENCIES,)


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
        yield ctx.finding(
            unit,
            "missing",
            basis=_basis(unit, ctx),
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
        yield ctx.finding(unit, "violations", basis=_basis(unit, ctx), violations=s.violations)


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
        yield ctx.finding(
            unit,
            "unpublished",
            basis=_basis(unit, ctx),
            units_with_regulation=s.units_with_regulation,
            units_published=s.units_published,
            units_unpublished=s.units_with_regulation - s.units_published,
        )


@hookimpl
def cchc_register_rules(register: Callable[[Rule], None]) -> None:
    """Register the internal-spending rules."""
    for r in (sp001, sp002, sp003):
        register(r)
