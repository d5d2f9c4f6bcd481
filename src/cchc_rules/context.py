"""The :class:`Context` a rule's check function receives: parameters, legal bases in force, the
dataset, and the constructors for findings, skips and :class:`NotApplicable`."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator, Mapping
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple

import attrs

from .config import Config
from .findings import Finding, Severity, Skip, make_finding, make_skip, subject_key
from .law import LawBook, LegalBasis
from .model import Dataset, Period, Unit
from .reporter import reporting_unit_id

if TYPE_CHECKING:
    from .rule import Rule

__all__ = ["Context", "NotApplicable", "Params", "ReportingWindow"]

#: The configuration of a context built without one: every parameter at its default.
_NO_CONFIG = Config()


@lru_cache(maxsize=64, typed=True)
def _as_written(value: object) -> Decimal:
    """A number as written (its ``str``), not its binary float; cached, as a run's parameters
    (what this is asked of) are few."""
    return Decimal(str(value))


@attrs.frozen(slots=True)
class NotApplicable:
    """A check's answer that ``rule`` does not apply to ``unit`` (nothing there it is about): made
    with ``ctx.not_applicable(unit)``, counted like a unit without the rule's section."""

    rule: str
    unit: str


class Params(Mapping[str, Any]):
    """A rule's effective parameters for one kind of unit; read as ``p.name`` or ``p["name"]``."""

    __slots__ = ("__dict__", "_values")

    def __init__(self, values: Mapping[str, Any]) -> None:
        own = dict(values)
        object.__setattr__(self, "_values", own)
        # each parameter an attribute too, read without a failed lookup first (a name the class
        # itself has, such as ``get`` or ``items``, stays its method, as before)
        cls = type(self)
        self.__dict__.update(
            {k: v for k, v in own.items() if type(k) is str and not hasattr(cls, k)}
        )

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"parameters are read-only ({name!r})")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"parameters are read-only ({name!r})")

    def __reduce__(self) -> tuple[type[Params], tuple[dict[str, Any]]]:
        return type(self), (self._values,)

    def __getattr__(self, name: str) -> Any:
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(f"no parameter {name!r}") from None

    def __getitem__(self, name: str) -> Any:
        return self._values[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __repr__(self) -> str:
        return f"Params({self._values!r})"


class ReportingWindow(NamedTuple):
    """The statutory data window of a report's period (thời gian chốt số liệu), both days
    inclusive, and the legal basis that sets it."""

    start: _dt.date
    end: _dt.date
    basis: LegalBasis


class Context:
    """What one rule sees during one run. Built by the engine; rules only read it.

    Parameters are resolved once per unit kind; legal bases once per topic; the reporting
    window once.
    """

    __slots__ = (
        "_basis_cache",
        "_config",
        "_default_basis",
        "_defaults",
        "_ids",
        "_param_cache",
        "_severity",
        "_window",
        "_window_known",
        "dataset",
        "law",
        "period",
        "rule",
        "services",
    )

    def __init__(
        self,
        rule: Rule,
        dataset: Dataset,
        law: LawBook,
        *,
        config: Config | None = None,
        severity: Severity | None = None,
        services: Mapping[str, Any] | None = None,
    ) -> None:
        self.rule = rule
        self.dataset = dataset
        self.period: Period | None = dataset.period
        self.law = law
        self.services: Mapping[str, Any] = services or {}
        self._config = _NO_CONFIG if config is None else config
        self._defaults = {p.name: p.default for p in rule.params}
        self._param_cache: dict[str | None, Params] = {}
        self._severity = severity
        self._basis_cache: dict[tuple[str, ...], tuple[str, ...]] = {}
        self._default_basis = self._basis_ids(rule.basis)
        self._window: ReportingWindow | None = None
        self._window_known = False
        self._ids: dict[str, str] = {}

    # -- parameters -------------------------------------------------------------------------
    def params(self, unit: Unit | None = None) -> Params:
        """The rule's parameters for ``unit``: its defaults, overridden by the configuration
        for the rule, then for the unit's kind (:meth:`Config.params_for`)."""
        kind = unit.kind if unit is not None else None
        p = self._param_cache.get(kind)
        if p is None:
            values = self._config.params_for(self.rule.id, kind, defaults=self._defaults)
            p = self._param_cache[kind] = Params(values)
        return p

    # -- law --------------------------------------------------------------------------------
    def bases(self, *topics: str) -> tuple[LegalBasis, ...]:
        """The legal bases of ``topics`` (default: the rule's) in force during the period."""
        out: list[LegalBasis] = []
        for t in topics or self.rule.basis:
            out.extend(b for b in self.law.in_force(t, self.period) if b not in out)
        return tuple(out)

    def in_force(self, topic: str, *, binding_only: bool = True) -> bool:
        """Whether a basis of ``topic`` is in force during the period (programmes excluded)."""
        return any(
            not (binding_only and b.programme) for b in self.law.in_force(topic, self.period)
        )

    def reporting_window(self) -> ReportingWindow | None:
        """The statutory data window of the dataset's period and the basis that sets it: of the
        binding bases of the ``reporting`` topic in force during the period, the newest that sets
        a window for it (:meth:`LegalBasis.reporting_window`: shipped, Nghị định 09/2019/NĐ-CP
        Điều 12, 15/12 of the previous year to 14/6 for a calendar half-year, to 14/12 for a
        year). ``None`` without a period, for any other period, or when no basis sets one."""
        if not self._window_known:
            self._window = self._find_window()
            self._window_known = True
        return self._window

    def _find_window(self) -> ReportingWindow | None:
        period = self.period
        if period is None:
            return None
        for basis in reversed(self.law.in_force("reporting", period)):
            window = None if basis.programme else basis.reporting_window(period)
            if window is not None:
                return ReportingWindow(window[0], window[1], basis)
        return None

    def _basis_ids(self, topics: tuple[str, ...]) -> tuple[str, ...]:
        ids = self._basis_cache.get(topics)
        if ids is None:
            ids = self._basis_cache[topics] = (
                tuple(b.id for b in self.bases(*topics)) if topics else ()
            )
        return ids

    # -- related units ----------------------------------------------------------------------
    def children(self, unit: Unit) -> tuple[Unit, ...]:
        """The units in the dataset whose parent is ``unit``."""
        return self.dataset.children.get(unit.id, ())

    def reporting_unit(self) -> Unit | None:
        """The unit that answers for the dataset as a whole (the report's own number and date):
        the ``reported_by`` unit when it is in the data, else the only unit; ``None`` when that
        cannot be told (several units and none named). It is never guessed from kinds or the
        tree of units: a dataset of a district and its wards names the district in
        ``reported_by``."""
        ds = self.dataset
        uid = reporting_unit_id(ds.reported_by, ds.by_id)
        return None if uid is None else ds.by_id[uid]

    # -- shares -----------------------------------------------------------------------------
    @staticmethod
    def exact(value: object) -> int | Decimal:
        """A threshold or other parameter as an exact number, to compare or compute with: an int
        as it is, any other number as written (64.4 is ``Decimal("64.4")``, not the binary float
        just under it), so that a figure exactly at the threshold is at it."""
        if type(value) is int:
            return value
        return value if type(value) is Decimal else _as_written(value)

    @staticmethod
    def below(part: int, whole: int, percent: object) -> bool:
        """Whether ``part / whole`` is strictly below ``percent`` %, computed exactly (integer
        cross-multiplication, :class:`~decimal.Decimal` for a fractional ``percent``), never
        through a rounded rate or a float product: 161 of 250 is not below 64.4 %. ``whole``
        must be positive."""
        if type(percent) is int:  # the usual case, without a call
            return part * 100 < percent * whole
        return part * 100 < Context.exact(percent) * whole

    @staticmethod
    def percent(part: int, whole: int, *, under: object = None, over: object = None) -> float:
        """``part / whole`` in percent as a message shows it: rounded half up (away from zero)
        to 2 decimals, exactly (integer arithmetic, no float ties: 1 of 32 is 3.13). For the
        evidence only; :meth:`below` judges. A share below ``under`` (the threshold a finding
        says it is below) is never shown as reaching it: one that would round up to it is cut
        to 2 decimals instead (99,999 of 100,000 under 100 % is 99.99, not 100); likewise a
        share above ``over`` is never shown as at most it (100,001 of 100,000 over 100 % is
        100.01). ``whole`` must be positive."""
        scaled = part * 10_000  # hundredths of a percent, times whole
        cents = (2 * abs(scaled) + whole) // (2 * whole)
        if scaled < 0:
            cents = -cents
        if under is not None:
            limit = Context.exact(under)
            if part * 100 < limit * whole and cents >= limit * 100:
                cents = scaled // whole  # floor: at most the share, so below the threshold
        if over is not None:
            limit = Context.exact(over)
            if part * 100 > limit * whole and cents <= limit * 100:
                cents = -(-scaled // whole)  # ceiling: at least the share, so above it
        return cents / 100

    # -- results ----------------------------------------------------------------------------
    def finding(
        self,
        unit: Unit,
        message: str,
        *,
        subject: str = "",
        key: str | None = None,
        severity: Severity | str | None = None,
        basis: tuple[str, ...] | None = None,
        **evidence: Any,
    ) -> Finding:
        """A finding of this rule on ``unit``.

        ``message`` is a key of the rule's ``messages`` (or a full message id with a dot);
        ``evidence`` holds the figures used and the values computed, and are the message's
        parameters; ``key`` identifies the subject across runs (default: the subject,
        casefolded); ``basis`` names legal topics to cite instead of the rule's.
        """
        rule = self.rule
        sev = self._severity or (rule.severity if severity is None else Severity.parse(severity))
        return make_finding(
            rule.id,
            rule.family,
            sev,
            unit.id,
            self._ids.get(message) or self._message_id(message),
            subject,
            subject_key(subject) if key is None else key,
            evidence,
            self._default_basis if basis is None else self._basis_ids(tuple(basis)),
        )

    def _message_id(self, key: str) -> str:
        """The full id of a message key of this rule (a full id as it is), remembered."""
        rid = self.rule.id
        full = self._ids[key] = key if "." in key else f"{rid}.{key}"
        return full

    def not_applicable(self, unit: Unit) -> NotApplicable:
        """This rule does not apply to ``unit``: yield (or return) it, and nothing else for the
        unit. Counted (``report.not_applicable``, the summary, ``cchc diff``) like a unit without
        the rule's section, never listed; for a figure that is *missing*, skip instead."""
        return NotApplicable(self.rule.id, unit.id)

    def skip(self, unit: Unit, reason: str, *, subject: str = "", **params: Any) -> Skip:
        """A skip of this rule on ``unit``: ``reason`` is a message key (or full id)."""
        reason = self._ids.get(reason) or self._message_id(reason)
        return make_skip(self.rule.id, unit.id, reason, params, subject)
