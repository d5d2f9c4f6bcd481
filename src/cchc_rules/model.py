"""The unit data model (format ``cchc/1``): frozen, slotted attrs values.

Every figure is optional and ``None`` means *not reported*; ``0`` means the report states zero.
Each field carries its data kind in ``metadata["cchc"]`` (``count``, ``days``, ``percent``,
``stated``, ``text``, ``date``, ``bool``, ``period``, ``choice``, ``ids``): the loader validates
against it and the JSON Schema is generated from it, so this module is the single source of truth
for the format.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, ClassVar

import attrs

__all__ = [
    "SECTIONS",
    "CatalogueEntry",
    "Dataset",
    "DigitalId",
    "Documents",
    "Dossiers",
    "Egov",
    "Period",
    "Plan",
    "Procedure",
    "Reference",
    "ReportRef",
    "SectionSpec",
    "Source",
    "Spending",
    "StaffingBlock",
    "StatedPercent",
    "Unit",
]


def _f(
    kind: str, *, required: bool = False, choices: tuple[str, ...] = (), default: Any = None
) -> Any:
    meta = {"cchc": kind, "required": required, "choices": choices}
    if required:
        return attrs.field(metadata=meta)
    return attrs.field(default=default, metadata=meta)


def count(**kw: Any) -> Any:
    return _f("count", **kw)


def days(**kw: Any) -> Any:
    return _f("days", **kw)


def percent(**kw: Any) -> Any:
    return _f("percent", **kw)


def stated(**kw: Any) -> Any:
    return _f("stated", **kw)


def text(**kw: Any) -> Any:
    return _f("text", **kw)


def date(**kw: Any) -> Any:
    return _f("date", **kw)


def boolean(**kw: Any) -> Any:
    return _f("bool", **kw)


def period(**kw: Any) -> Any:
    return _f("period", **kw)


def choice(*choices: str, **kw: Any) -> Any:
    return _f("choice", choices=choices, **kw)


@attrs.frozen
class Period:
    """An inclusive date range."""

    start: _dt.date
    end: _dt.date

    def contains(self, day: _dt.date) -> bool:
        return self.start <= day <= self.end

    def overlaps(self, start: _dt.date | None, end: _dt.date | None) -> bool:
        """Whether ``[start, end]`` (``None`` = unbounded) overlaps this period."""
        return (start is None or start <= self.end) and (end is None or end >= self.start)


@attrs.frozen
class StatedPercent:
    """A percentage as the report wrote it, keeping the precision it was written with.

    ``98.7`` has one decimal, the string ``"98,70"`` two; a stated figure is compared with a
    computed one to half a unit of its last written decimal.
    """

    value: Decimal
    decimals: int

    @classmethod
    def parse(cls, raw: object) -> StatedPercent:
        """Read an int, float or string (``"98,7"`` or ``"98.70"``); raise ValueError otherwise."""
        if isinstance(raw, bool):
            raise ValueError(raw)
        if isinstance(raw, int):
            txt = str(raw)
        elif isinstance(raw, float):
            txt = repr(raw)
        elif isinstance(raw, str):
            txt = raw.strip().rstrip("%").strip().replace(",", ".")
        else:
            raise ValueError(raw)
        try:
            value = Decimal(txt)
        except ArithmeticError:
            raise ValueError(raw) from None
        if not value.is_finite():
            raise ValueError(raw)
        exponent = value.as_tuple().exponent
        decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
        return cls(value, decimals)

    @property
    def tolerance(self) -> Decimal:
        """Half a unit of the last written decimal."""
        return Decimal(5).scaleb(-(self.decimals + 1))

    def matches(self, computed: Decimal | float) -> bool:
        """Whether ``computed`` rounds to what was written (|diff| <= half a unit)."""
        c = computed if isinstance(computed, Decimal) else Decimal(repr(computed))
        return abs(self.value - c) <= self.tolerance

    def __float__(self) -> float:
        return float(self.value)

    def __str__(self) -> str:
        return str(self.value)


# ---------------------------------------------------------------------------------------------
# Sections. ``kw_only`` lets required fields sit among optional ones.


@attrs.frozen(kw_only=True)
class Plan:
    """The unit's CCHC plan."""

    tasks_total: int | None = count()
    tasks_done: int | None = count()


@attrs.frozen(kw_only=True)
class Procedure:
    """One administrative procedure and its processing time."""

    name: str = text(required=True)
    code: str | None = text()
    field: str | None = text()
    regulated_days: float | None = days()
    day_type: str | None = choice("working", "calendar")
    committed_days: float | None = days()
    actual_days: float | None = days()
    actual_days_max: float | None = days()
    claimed_reduction_days: float | None = days()
    claimed_reduction_percent: float | None = percent()


@attrs.frozen(kw_only=True)
class Dossiers:
    """Aggregated dossier figures (form Biểu 06/VPCP/KSTT)."""

    received: int | None = count()
    received_total: int | None = count()
    carried_over: int | None = count()
    received_online: int | None = count()
    online_level3: int | None = count()
    online_level4: int | None = count()
    online_partial: int | None = count()
    online_full: int | None = count()
    received_postal: int | None = count()
    resolved_early: int | None = count()
    resolved_on_time: int | None = count()
    resolved_late: int | None = count()
    pending_in_time: int | None = count()
    pending_overdue: int | None = count()
    resolved: int | None = count()
    pending: int | None = count()
    returned: int | None = count()
    withdrawn: int | None = count()
    stated_on_time_percent: StatedPercent | None = stated()
    stated_online_percent: StatedPercent | None = stated()
    apology_slips: int | None = count()
    complaints: int | None = count()


@attrs.frozen(kw_only=True)
class StaffingBlock:
    """One staffing block: quota (định biên) against staff used."""

    CATEGORIES: ClassVar[tuple[str, ...]] = (
        "can_bo",
        "cong_chuc",
        "cong_chuc_cap_xa",
        "vien_chuc",
        "other",
    )

    category: str | None = choice(*CATEGORIES)
    label: str | None = text()
    quota: int = count(required=True)
    used: int = count(required=True)
    contract_outside_quota: int | None = count()
    baseline_quota: int | None = count()
    baseline_year: int | None = count()
    professional_share_percent: float | None = percent()


@attrs.frozen(kw_only=True)
class Spending:
    """Internal spending regulation (quy chế chi tiêu nội bộ)."""

    units_total: int | None = count()
    units_with_regulation: int | None = count()
    units_published: int | None = count()
    violations: int | None = count()


@attrs.frozen(kw_only=True)
class DigitalId:
    """Personal ID numbers and electronic-ID accounts."""

    population: int | None = count()
    id_notified: int | None = count()
    id_not_notified: int | None = count()
    stated_notified_percent: StatedPercent | None = stated()
    eid_accounts: int | None = count()
    eid_level1: int | None = count()
    eid_level2: int | None = count()
    eid_eligible_population: int | None = count()


@attrs.frozen(kw_only=True)
class Documents:
    """Documents issued, classified for public access."""

    issued: int | None = count()
    restricted: int | None = count()
    accessible: int | None = count()
    period: Period | None = period()


@attrs.frozen(kw_only=True)
class Egov:
    """E-government deployment figures."""

    signature_units_total: int | None = count()
    signature_units_deployed: int | None = count()
    signing_devices: int | None = count()


@attrs.frozen(kw_only=True)
class CatalogueEntry:
    """Administrative procedures under the unit's authority, for one level."""

    level: str | None = text()
    procedures_total: int | None = count()
    fields_total: int | None = count()
    online_full_eligible: int | None = count()
    no_dossier_3y: int | None = count()


@attrs.frozen(kw_only=True)
class Reference:
    """A document the report cites, as written."""

    number: str = text(required=True)
    date: _dt.date | None = date()
    title: str | None = text()
    issuer: str | None = text()
    role: str = choice("issued", "cited", default="cited")
    where: str | None = text()


@attrs.frozen
class SectionSpec:
    """How a section appears in unit data: its key, its class and whether it is a list."""

    name: str
    cls: type
    many: bool


SECTIONS: Mapping[str, SectionSpec] = {
    s.name: s
    for s in (
        SectionSpec("plan", Plan, False),
        SectionSpec("procedures", Procedure, True),
        SectionSpec("dossiers", Dossiers, False),
        SectionSpec("staffing", StaffingBlock, True),
        SectionSpec("spending", Spending, False),
        SectionSpec("digital_id", DigitalId, False),
        SectionSpec("documents", Documents, False),
        SectionSpec("egov", Egov, False),
        SectionSpec("catalogue", CatalogueEntry, True),
        SectionSpec("references", Reference, True),
    )
}


@attrs.frozen(kw_only=True)
class Unit:
    """A reporting unit and its sections (``None`` or an empty tuple: the section is absent).

    ``dropped`` maps a section name to the locations of invalid parts the loader dropped from it,
    so that rules needing that section are listed as skipped with the reason.
    """

    id: str = text(required=True)
    name: str = text(required=True)
    kind: str | None = text()
    parent: str | None = text()
    aggregates_children: bool = boolean(default=False)
    valid_to: _dt.date | None = date()
    successors: tuple[str, ...] = _f("ids", default=())
    plan: Plan | None = None
    procedures: tuple[Procedure, ...] = ()
    dossiers: Dossiers | None = None
    staffing: tuple[StaffingBlock, ...] = ()
    spending: Spending | None = None
    digital_id: DigitalId | None = None
    documents: Documents | None = None
    egov: Egov | None = None
    catalogue: tuple[CatalogueEntry, ...] = ()
    references: tuple[Reference, ...] = ()
    dropped: Mapping[str, tuple[str, ...]] = attrs.field(factory=dict, eq=False, repr=False)


@attrs.frozen
class Source:
    """An input file: its path as given and the sha256 of its bytes."""

    path: str
    sha256: str


@attrs.frozen(kw_only=True)
class ReportRef:
    """The report's own number and date."""

    number: str | None = text()
    date: _dt.date | None = date()


@attrs.frozen(kw_only=True)
class Dataset:
    """Units of one reporting period, merged from one or more files.

    Build it with :meth:`Dataset.of` (or :func:`cchc_rules.load_dataset`), which indexes the units.
    """

    schema: str = "cchc/1"
    title: str | None = text()
    reported_by: str | None = text()
    period: Period | None = period()
    report: ReportRef | None = None
    source: str | None = text()
    units: tuple[Unit, ...] = ()
    sources: tuple[Source, ...] = ()
    issues: tuple[Any, ...] = attrs.field(default=(), eq=False, repr=False)
    by_id: Mapping[str, Unit] = attrs.field(factory=dict, eq=False, repr=False)
    children: Mapping[str, tuple[Unit, ...]] = attrs.field(factory=dict, eq=False, repr=False)

    @classmethod
    def of(cls, units: tuple[Unit, ...] | list[Unit], **kw: Any) -> Dataset:
        """Build a dataset whose units are sorted by id and indexed (``by_id``, ``children``)."""
        ordered = tuple(sorted(units, key=lambda u: u.id))
        by_id = {u.id: u for u in ordered}
        kids: dict[str, list[Unit]] = {}
        for u in ordered:
            if u.parent is not None:
                kids.setdefault(u.parent, []).append(u)
        return cls(
            units=ordered,
            by_id=by_id,
            children={k: tuple(v) for k, v in kids.items()},
            **kw,
        )

    @property
    def errors(self) -> tuple[Any, ...]:
        """Data errors found while loading (each dropped the smallest invalid part)."""
        return tuple(i for i in self.issues if i.is_error)

    @property
    def warnings(self) -> tuple[Any, ...]:
        return tuple(i for i in self.issues if not i.is_error)
