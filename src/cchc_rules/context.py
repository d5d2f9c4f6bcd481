"""The :class:`Context` a rule's check function receives: parameters, legal bases in force, the
dataset, and the constructors for findings, skips and :class:`NotApplicable`."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from .findings import Finding, Severity, Skip, subject_key
from .law import LawBook, LegalBasis
from .model import Dataset, Period, Unit

if TYPE_CHECKING:
    from .rule import Rule

__all__ = ["Context", "NotApplicable", "Params"]


@attrs.frozen(slots=True)
class NotApplicable:
    """A check's answer that ``rule`` does not apply to ``unit`` (nothing there it is about): made
    with ``ctx.not_applicable(unit)``, counted like a unit without the rule's section."""

    rule: str
    unit: str


class Params(Mapping[str, Any]):
    """A rule's effective parameters for one kind of unit; read as ``p.name`` or ``p["name"]``."""

    __slots__ = ("_values",)

    def __init__(self, values: Mapping[str, Any]) -> None:
        self._values = dict(values)

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


class Context:
    """What one rule sees during one run. Built by the engine; rules only read it.

    Parameters are resolved once per unit kind; legal bases once per topic.
    """

    __slots__ = (
        "_base_params",
        "_basis_cache",
        "_default_basis",
        "_kind_params",
        "_param_cache",
        "_severity",
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
        params: Mapping[str, Any] | None = None,
        kind_params: Mapping[str, Mapping[str, Any]] | None = None,
        severity: Severity | None = None,
        services: Mapping[str, Any] | None = None,
    ) -> None:
        self.rule = rule
        self.dataset = dataset
        self.period: Period | None = dataset.period
        self.law = law
        self.services: Mapping[str, Any] = services or {}
        self._base_params = {p.name: p.default for p in rule.params}
        self._base_params.update(params or {})
        self._kind_params = kind_params or {}
        self._param_cache: dict[str | None, Params] = {}
        self._severity = severity
        self._basis_cache: dict[tuple[str, ...], tuple[str, ...]] = {}
        self._default_basis = self._basis_ids(rule.basis)

    # -- parameters -------------------------------------------------------------------------
    def params(self, unit: Unit | None = None) -> Params:
        """The rule's parameters for ``unit`` (per-kind overrides applied)."""
        kind = unit.kind if unit is not None else None
        p = self._param_cache.get(kind)
        if p is None:
            values = dict(self._base_params)
            if kind is not None:
                values.update(self._kind_params.get(kind, {}))
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
        return Finding(
            rule.id,
            rule.family,
            sev,
            unit.id,
            message if "." in message else f"{rule.id}.{message}",
            subject,
            subject_key(subject) if key is None else key,
            evidence,
            self._default_basis if basis is None else self._basis_ids(tuple(basis)),
        )

    def not_applicable(self, unit: Unit) -> NotApplicable:
        """This rule does not apply to ``unit``: yield (or return) it, and nothing else for the
        unit. Counted (``report.not_applicable``, the summary, ``cchc diff``) like a unit without
        the rule's section, never listed; for a figure that is *missing*, skip instead."""
        return NotApplicable(self.rule.id, unit.id)

    def skip(self, unit: Unit, reason: str, *, subject: str = "", **params: Any) -> Skip:
        """A skip of this rule on ``unit``: ``reason`` is a message key (or full id)."""
        rid = self.rule.id
        return Skip(rid, unit.id, reason if "." in reason else f"{rid}.{reason}", params, subject)
