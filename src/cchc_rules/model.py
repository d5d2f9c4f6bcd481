"""The unit data model (format ``cchc/1``): frozen, slotted attrs values.

Every figure is optional and ``None`` means *not reported*; ``0`` means the report states zero.
Each field carries its data kind in ``metadata["cchc"]`` (``count``, ``days``, ``percent``,
``stated``, ``text``, ``date``, ``bool``, ``period``, ``choice``, ``ids``): the loader validates
against it and the JSON Schema is generated from it, so this module is the single source of truth
for the format. A ``stated`` field's ``choices`` are the bases its rate may be computed over (the
first is the usual one); a section with a ``bounds`` attribute accepts its counts as bounded or
approximate values (:class:`StatedValue`), kept apart from the exact counts.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, ClassVar, TypeVar

import attrs

from .frozen import frozen_map

__all__ = [
    "PUBLIC_SERVICE_KINDS",
    "QUALIFIERS",
    "RATE_BASES",
    "ROUNDINGS",
    "SECTIONS",
    "CatalogueEntry",
    "Dataset",
    "DigitalId",
    "Documents",
    "Dossiers",
    "DossiersWindow",
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
    "StatedValue",
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


def stated(*bases: str, **kw: Any) -> Any:
    """A stated rate; ``bases`` are the counts it may be computed over, the usual one first."""
    return _f("stated", choices=bases, **kw)


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


#: Decimals kept of a stated value given as a binary float (a written one with more is refused).
_FLOAT_DECIMALS = 20
_SV = TypeVar("_SV", bound="StatedValue")


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


#: How a report qualifies a figure, by the words it uses (lower case, NFC), and the claim each
#: makes about the true value ``x`` against the written ``v``.
QUALIFIERS: Mapping[str, tuple[str, ...]] = {
    "exact": ("đạt", "là", "chiếm", "bằng", "được"),  # v to the precision written
    "over": ("trên", "hơn", "vượt", "cao hơn"),  # x > v
    "at_least": ("ít nhất", "tối thiểu", "không dưới", "không thấp hơn", "từ"),  # x >= v
    "under": ("dưới", "chưa đến", "chưa tới", "không đến", "thấp hơn"),  # x < v
    "at_most": ("tối đa", "không quá", "không vượt quá", "nhiều nhất"),  # x <= v
    "nearly": ("gần", "gần như", "suýt"),  # v - margin <= x <= v
    "approx": ("khoảng", "xấp xỉ", "ước", "ước tính", "chừng", "trên dưới"),  # |x - v| <= margin
}
ROUNDINGS = ("round", "truncate")
_WORDS = sorted(
    ((w, q) for q, words in QUALIFIERS.items() for w in words), key=lambda p: -len(p[0])
)
_GROUPED = re.compile(r"\d{1,3}(?:[.,]\d{3})+|\d+")


def _qualifier_of(text: str) -> tuple[str, str]:
    """Split a leading qualifier word (``"trên 97%"``) or a trailing ``trở lên`` from ``text``."""
    low = unicodedata.normalize("NFC", text).strip().casefold()
    qualifier = "exact"
    matched = True
    while matched:  # "đạt trên 97%": a verb, then the bound
        matched = False
        for word, q in _WORDS:
            if low.startswith(word) and (len(low) == len(word) or not low[len(word)].isalpha()):
                low = low[len(word) :].strip()
                qualifier = q if q != "exact" else qualifier
                matched = True
                break
    for tail in ("trở lên", "trở xuống"):
        if low.endswith(tail):
            qualifier = "at_least" if tail == "trở lên" else "at_most"
            low = low[: -len(tail)].strip()
    return qualifier, low


def _number_text(raw: object, *, grouped: bool) -> str:
    """The number in ``raw`` as Decimal text; with ``grouped`` (a count) '.' and ',' group
    thousands ("2.000", "2,000"), else a comma is the decimal mark ("98,7")."""
    if isinstance(raw, bool):
        raise ValueError(raw)
    if isinstance(raw, int):
        return str(raw)
    if isinstance(raw, float):
        return repr(raw)
    if not isinstance(raw, str):
        raise ValueError(raw)
    txt = raw.strip().rstrip("%").strip()
    if grouped:
        if not _GROUPED.fullmatch(txt):
            raise ValueError(raw)
        return txt.replace(".", "").replace(",", "")
    return txt.replace(",", ".")


@attrs.frozen
class StatedValue:
    """A figure as the report wrote it: its value and precision, and what the words around it
    claim.

    ``decimals`` is the number of decimals written (``98.7`` one, ``"98,70"`` two); ``qualifier``
    one of :data:`QUALIFIERS` (``"exact"`` unless the report bounds the figure: "trên 97%" is
    ``over``); ``base`` the count a rate is computed over, when the report names it;
    ``rounding`` how the report shortened it (``"round"``, ``"truncate"``, ``None``: not known).
    """

    value: Decimal
    decimals: int
    qualifier: str = "exact"
    base: str | None = None
    rounding: str | None = None

    @classmethod
    def parse(cls: type[_SV], raw: object, *, count: bool = False) -> _SV:
        """Read an int, float, string (``"98,7"``, ``"trên 97%"``, ``"hơn 2.000"``) or a table
        (``{value, qualifier, base, rounding}``); raise ValueError otherwise."""
        qualifier, base, rounding = "exact", None, None
        if isinstance(raw, Mapping):
            extra = set(raw) - {"value", "qualifier", "base", "rounding"}
            if extra or "value" not in raw:
                raise ValueError(raw)
            base, rounding = raw.get("base"), raw.get("rounding")
            if base is not None and not isinstance(base, str):
                raise ValueError(raw)
            if rounding is not None and rounding not in ROUNDINGS:
                raise ValueError(raw)
            given = raw.get("qualifier")
            inner = cls.parse(raw["value"], count=count)
            if given is not None:
                if given not in QUALIFIERS:
                    raise ValueError(raw)
                qualifier = given
            else:
                qualifier = inner.qualifier
            return cls(inner.value, inner.decimals, qualifier, base, rounding)
        if isinstance(raw, str):
            qualifier, raw = _qualifier_of(raw)
        try:
            value = Decimal(_number_text(raw, grouped=count))
        except ArithmeticError:
            raise ValueError(raw) from None
        if not value.is_finite() or (count and value != value.to_integral_value()):
            raise ValueError(raw)
        exponent = value.as_tuple().exponent
        decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
        if isinstance(raw, float) and decimals > _FLOAT_DECIMALS:  # a binary float's tail
            value, decimals = value.quantize(Decimal(1).scaleb(-_FLOAT_DECIMALS)), _FLOAT_DECIMALS
        if decimals > _FLOAT_DECIMALS or value.adjusted() > 15:  # "1E-999999999": no report
            raise ValueError(raw)
        return cls(value, decimals, qualifier, base, rounding)

    @property
    def tolerance(self) -> Decimal:
        """Half a unit of the last written decimal."""
        return Decimal(5).scaleb(-(self.decimals + 1))

    def matches(self, computed: Decimal | float) -> bool:
        """Whether ``computed`` rounds to what was written (|diff| <= half a unit)."""
        return abs(self.value - _exact(computed)) <= self.tolerance

    def truncates(self, computed: Decimal | float) -> bool:
        """Whether ``computed`` cut (not rounded) to the written decimals gives the value
        (21,47 for 21,478)."""
        c = _exact(computed)
        unit = Decimal(1).scaleb(-self.decimals)
        return self.value <= c < self.value + unit

    def holds(self, computed: Decimal | float, margin: Decimal) -> bool:
        """Whether ``computed`` satisfies the claim: the written value to its precision
        (truncated too when ``rounding`` says so), or the bound its qualifier states; ``margin``
        is how far an approximate ("khoảng", "gần") figure may be from the value."""
        c, v = _exact(computed), self.value
        q = self.qualifier
        if q == "over":
            return c > v
        if q == "at_least":
            return c >= v
        if q == "under":
            return c < v
        if q == "at_most":
            return c <= v
        if q == "nearly":
            return v - margin <= c <= v + self.tolerance
        if q == "approx":
            return abs(c - v) <= margin
        return self.matches(c) or (self.rounding == "truncate" and self.truncates(c))

    def __float__(self) -> float:
        return float(self.value)

    def __str__(self) -> str:
        return str(self.value)


def _exact(computed: Decimal | float) -> Decimal:
    return computed if isinstance(computed, Decimal) else Decimal(repr(computed))


@attrs.frozen
class StatedPercent(StatedValue):
    """A percentage as the report wrote it (a :class:`StatedValue` between 0 and 100).

    ``98.7`` has one decimal, the string ``"98,70"`` two; a stated figure is compared with a
    computed one to half a unit of its last written decimal.
    """


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


#: The counts a stated rate may be computed over (the ``base`` of a :class:`StatedValue`).
RATE_BASES: Mapping[str, str] = {
    "received": "dossiers newly received in the window",
    "received_total": "dossiers to handle: newly received + carried over",
    "online_eligible": "dossiers of procedures that offer an online service (QĐ 766/QĐ-TTg)",
    "resolved": "dossiers resolved",
    "due": "dossiers due in the window (whose deadline fell in it)",
    "population": "the population",
    "payable": "dossiers with a fee or charge to pay",
    "received_online": "dossiers received online",
}


@attrs.frozen(kw_only=True)
class Dossiers:
    """Aggregated dossier figures (form Biểu 06/VPCP/KSTT).

    A count may be written bounded or approximate ("hơn 2.000 hồ sơ"): it is then kept in
    ``bounds`` (field name → :class:`StatedValue`) and the exact field stays ``None``.
    """

    received: int | None = count()
    received_total: int | None = count()
    carried_over: int | None = count()
    received_online: int | None = count()
    online_level3: int | None = count()
    online_level4: int | None = count()
    online_partial: int | None = count()
    online_full: int | None = count()
    received_postal: int | None = count()
    received_direct: int | None = count()
    received_direct_postal: int | None = count()
    received_online_eligible: int | None = count()
    resolved_early: int | None = count()
    resolved_on_time: int | None = count()
    resolved_late: int | None = count()
    pending_in_time: int | None = count()
    pending_overdue: int | None = count()
    overdue_total: int | None = count()
    due: int | None = count()
    resolved: int | None = count()
    pending: int | None = count()
    returned: int | None = count()
    withdrawn: int | None = count()
    returned_or_withdrawn: int | None = count()
    digitised: int | None = count()
    digitised_results: int | None = count()
    payable: int | None = count()
    paid_online: int | None = count()
    stated_on_time_percent: StatedPercent | None = stated("resolved", "due")
    stated_online_percent: StatedPercent | None = stated(
        "received", "received_total", "online_eligible"
    )
    stated_pending_percent: StatedPercent | None = stated("received_total", "received")
    stated_digitised_percent: StatedPercent | None = stated(
        "received", "received_total", "resolved"
    )
    stated_digitised_results_percent: StatedPercent | None = stated("resolved")
    stated_paid_online_percent: StatedPercent | None = stated(
        "payable", "received_online", "received"
    )
    apology_slips: int | None = count()
    complaints: int | None = count()
    complaints_handled: int | None = count()
    period: Period | None = period()
    bounds: Mapping[str, StatedValue] = attrs.field(factory=dict, converter=frozen_map)

    def base_count(self, base: str) -> int | None:
        """The count a rate base (:data:`RATE_BASES`) stands for, from the figures given:
        ``received_total`` is the stated total, else ``received + carried_over``; ``resolved``
        the stated total, else the sum of the parts given; ``None`` when not reported."""
        if base == "received_total":
            if self.received_total is not None:
                return self.received_total
            if self.received is not None and self.carried_over is not None:
                return self.received + self.carried_over
            return None
        if base == "online_eligible":
            return self.received_online_eligible
        if base == "resolved" and self.resolved is None:
            parts = (self.resolved_early, self.resolved_on_time, self.resolved_late)
            given = [p for p in parts if p is not None]
            return sum(given) if given else None
        value = getattr(self, base) if base in RATE_BASES else None
        return value if isinstance(value, int) else None


@attrs.frozen(kw_only=True)
class DossiersWindow(Dossiers):
    """Dossier figures over a window of their own, beside the period's (a month and its quarter,
    "từ ngày 16/9 đến 15/10"): ``period`` is required, ``label`` names the window."""

    label: str | None = text()
    period: Period = period(required=True)


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
    contract_support_service: int | None = count()
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
    stated_notified_percent: StatedPercent | None = stated("population")
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
        SectionSpec("dossier_windows", DossiersWindow, True),
        SectionSpec("staffing", StaffingBlock, True),
        SectionSpec("spending", Spending, False),
        SectionSpec("digital_id", DigitalId, False),
        SectionSpec("documents", Documents, False),
        SectionSpec("egov", Egov, False),
        SectionSpec("catalogue", CatalogueEntry, True),
        SectionSpec("references", Reference, True),
    )
}


#: The unit kinds that are public service units (đơn vị sự nghiệp công lập, Nghị định
#: 60/2021/NĐ-CP); any other kind is a state agency. Rules that tell them apart take it as the
#: default of a parameter (``public_service_kinds``), so that a configuration can widen it.
PUBLIC_SERVICE_KINDS = ("truong", "don_vi_su_nghiep", "benh_vien", "trung_tam_y_te", "tram_y_te")


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
    dossier_windows: tuple[DossiersWindow, ...] = ()
    staffing: tuple[StaffingBlock, ...] = ()
    spending: Spending | None = None
    digital_id: DigitalId | None = None
    documents: Documents | None = None
    egov: Egov | None = None
    catalogue: tuple[CatalogueEntry, ...] = ()
    references: tuple[Reference, ...] = ()
    dropped: Mapping[str, tuple[str, ...]] = attrs.field(
        factory=dict, eq=False, repr=False, converter=frozen_map
    )


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
    by_id: Mapping[str, Unit] = attrs.field(
        factory=dict, eq=False, repr=False, converter=frozen_map
    )
    children: Mapping[str, tuple[Unit, ...]] = attrs.field(
        factory=dict, eq=False, repr=False, converter=frozen_map
    )

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
