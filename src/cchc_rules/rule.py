"""Declaring rules: :class:`Rule`, its :class:`Param` and :class:`Example`, and the :func:`rule`
decorator that builds one from a check function.

A check function takes ``(unit, ctx)`` and yields :class:`~cchc_rules.findings.Finding` values made
with ``ctx.finding(...)`` (or :class:`~cchc_rules.findings.Skip` values made with
``ctx.skip(...)``)::

    @rule("ST001", family="staffing", severity="error", section="staffing",
          title={"vi": "Sử dụng vượt biên chế", "en": "Staff used exceeds quota"},
          messages={"over": {"vi": "{label}: sử dụng {used}/{quota} biên chế",
                             "en": "{label}: {used} staff against a quota of {quota}"}})
    def st001(unit, ctx):
        for block in unit.staffing:
            if block.used > block.quota:
                yield ctx.finding(unit, "over", subject=block.label or "", used=block.used,
                                  quota=block.quota)
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from .context import NotApplicable
from .findings import Finding, Severity, Skip
from .model import SECTIONS, Unit

if TYPE_CHECKING:
    from .context import Context

__all__ = ["CheckFunction", "Example", "Param", "Rule", "rule"]

CheckResult = Iterable[Finding | Skip | NotApplicable] | NotApplicable | None
CheckFunction = Callable[[Unit, "Context"], CheckResult]
Text = Mapping[str, str]  # {"vi": "…", "en": "…"}

_RULE_ID = re.compile(r"[A-Za-z][A-Za-z0-9_.-]{1,39}")
_LANGS = ("vi", "en")


def _text(value: str | Text | None) -> dict[str, str]:
    if value is None:
        return {}
    if isinstance(value, str):
        return {"en": value} if value else {}
    return dict(value)


def _strs(value: Iterable[str]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


@attrs.frozen(kw_only=True)
class Param:
    """A named, documented threshold an inspector can override in configuration.

    ``basis`` names where the default comes from (a legal-basis id, or ``None`` for a *policy
    default* with no legal basis: the rule's help says so, and so do the messages listed in
    ``shown_in`` — the keys of the rule's messages that show this threshold — with a standard
    note the report adds, see :func:`cchc_rules.policy.policy_note`).
    """

    name: str
    default: Any
    doc: dict[str, str] = attrs.field(converter=_text, factory=dict)
    basis: str | None = None
    shown_in: tuple[str, ...] = attrs.field(converter=_strs, default=())

    @property
    def is_policy_default(self) -> bool:
        return self.basis is None


def _mappings(value: Iterable[Mapping[str, Any]]) -> tuple[Mapping[str, Any], ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class Example:
    """Data that must (``fires=True``) or must not trigger a rule; run by ``cchc verify``.

    ``unit`` is one unit in ``cchc/1`` form (``id`` and ``name`` may be left out: ``example``);
    ``period`` is the dataset period as ``(start, end)`` ISO strings; ``severity`` pins the
    expected severity; ``params`` overrides the rule's parameters. For rules that look beyond one
    unit, ``units`` adds other units to the dataset (children naming ``parent = "example"``) and
    ``dataset`` other ``[dataset]`` keys (``report``, ``reported_by``); a finding on any unit
    counts. ``skips=True`` expects the rule to skip the example (a figure it needs is missing),
    usually with ``fires=False``. ``note`` says what the example shows, as ``{"vi": …, "en": …}``
    (a plain string is English); :meth:`note_text` gives it in a language.
    """

    unit: Mapping[str, Any]
    fires: bool
    period: tuple[str, str] = ("2023-01-01", "2023-06-30")
    severity: str | None = None
    note: dict[str, str] = attrs.field(converter=_text, factory=dict)
    params: Mapping[str, Any] = attrs.field(factory=dict)
    units: tuple[Mapping[str, Any], ...] = attrs.field(converter=_mappings, default=())
    dataset: Mapping[str, Any] = attrs.field(factory=dict)
    skips: bool = False

    def note_text(self, lang: str) -> str:
        """The note in ``lang`` (else in the other language; ``""`` without a note)."""
        return self.note.get(lang) or next(iter(self.note.values()), "")


def _params(value: Iterable[Param]) -> tuple[Param, ...]:
    return tuple(value)


def _examples(value: Iterable[Example]) -> tuple[Example, ...]:
    return tuple(value)


def _severity(value: str | Severity) -> Severity:
    return Severity.parse(value)


@attrs.frozen(kw_only=True)
class Rule:
    """A check, its identity and everything an inspector needs to understand it.

    ``section`` is the unit section it reads (the rule is *not applicable* where that section is
    absent; ``None`` runs it on every unit); ``requires`` lists the section's fields without which
    it is *skipped* — for a list section (``staffing``, ``procedures``, …) each entry lacking one
    is skipped on its own and the check sees only the complete entries; ``basis`` lists legal
    topics (see :mod:`cchc_rules.law`); ``messages`` maps a local key to its text per language
    (used as ``ctx.finding(unit, key)``).
    """

    id: str = attrs.field()
    family: str
    severity: Severity = attrs.field(converter=_severity)
    check: CheckFunction = attrs.field(eq=False, repr=False)
    title: dict[str, str] = attrs.field(converter=_text)
    description: dict[str, str] = attrs.field(converter=_text, factory=dict)
    section: str | None = attrs.field(default=None)
    requires: tuple[str, ...] = attrs.field(converter=_strs, default=())
    params: tuple[Param, ...] = attrs.field(converter=_params, default=())
    basis: tuple[str, ...] = attrs.field(converter=_strs, default=())
    messages: dict[str, dict[str, str]] = attrs.field(factory=dict)
    examples: tuple[Example, ...] = attrs.field(converter=_examples, default=())
    plugin: str = ""

    @id.validator
    def _check_id(self, _: object, value: str) -> None:
        if not _RULE_ID.fullmatch(value):
            raise ValueError(f"invalid rule id {value!r}: letters, digits, '_', '.', '-'")

    @section.validator
    def _check_section(self, _: object, value: str | None) -> None:
        if value is not None and value not in SECTIONS:
            raise ValueError(
                f"rule {self.id}: unknown section {value!r} (one of {', '.join(SECTIONS)})"
            )

    @requires.validator
    def _check_requires(self, _: object, value: tuple[str, ...]) -> None:
        if not value:
            return
        spec = SECTIONS.get(self.section or "")
        if spec is None:
            raise ValueError(f"rule {self.id}: 'requires' needs a section")
        known = {a.name for a in attrs.fields(spec.cls)}
        unknown = [f for f in value if f not in known]
        if unknown:
            raise ValueError(f"rule {self.id}: {self.section} has no field {unknown[0]!r}")

    @params.validator
    def _check_params(self, _: object, value: tuple[Param, ...]) -> None:
        for p in value:
            if p.shown_in and not p.is_policy_default:
                raise ValueError(
                    f"rule {self.id}: parameter {p.name!r} has a legal basis; 'shown_in' is "
                    "for policy defaults (no basis)"
                )
            unknown = [k for k in p.shown_in if k not in self.messages]
            if unknown:
                raise ValueError(
                    f"rule {self.id}: parameter {p.name!r} is shown_in message "
                    f"{unknown[0]!r}, which the rule does not declare"
                )

    def param(self, name: str) -> Param:
        for p in self.params:
            if p.name == name:
                return p
        raise KeyError(f"rule {self.id} has no parameter {name!r}")

    def message_ids(self) -> dict[str, dict[str, str]]:
        """This rule's messages under their full ids (``"ST001.over"``), per language."""
        out: dict[str, dict[str, str]] = {lang: {} for lang in _LANGS}
        for key, texts in self.messages.items():
            for lang, template in texts.items():
                out.setdefault(lang, {})[f"{self.id}.{key}"] = template
        for lang, template in self.title.items():
            out.setdefault(lang, {})[f"{self.id}.title"] = template
        return out


def rule(
    id: str,
    *,
    family: str,
    severity: str | Severity,
    title: str | Text,
    messages: Mapping[str, Text],
    section: str | None = None,
    requires: Iterable[str] = (),
    params: Iterable[Param] = (),
    basis: Iterable[str] = (),
    examples: Iterable[Example] = (),
    description: str | Text | None = None,
) -> Callable[[CheckFunction], Rule]:
    """Turn a check function into a :class:`Rule` (its docstring is the English description)."""

    def wrap(fn: CheckFunction) -> Rule:
        desc = _text(description)
        doc = inspect.getdoc(fn)
        if doc and "en" not in desc:
            desc["en"] = doc
        return Rule(
            id=id,
            family=family,
            severity=severity,
            check=fn,
            title=title,
            description=desc,
            section=section,
            requires=_strs(requires),
            params=_params(params),
            basis=_strs(basis),
            messages={k: dict(v) for k, v in messages.items()},
            examples=_examples(examples),
        )

    return wrap
