"""The :class:`Report` a run produces: findings as ids and figures, rendered on demand."""

from __future__ import annotations

import datetime as _dt
import warnings
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from ._gc import paused_gc
from .errors import DataIssue, UsageError
from .findings import Finding, RuleError, Severity, Skip
from .messages import LANGS, Catalog
from .policy import message_note, note_for

if TYPE_CHECKING:
    from .config import Config
    from .model import Dataset
    from .plugins import PluginFailure, Registry
    from .rule import Rule

__all__ = ["EXIT_DATA", "EXIT_FINDINGS", "EXIT_OK", "EXIT_RULE", "Report", "Summary"]

EXIT_OK, EXIT_FINDINGS, EXIT_DATA, EXIT_RULE = 0, 1, 2, 3


@attrs.frozen(kw_only=True)
class Summary:
    """Counts over a run."""

    units: int
    rules: int
    evaluations: int
    findings: Mapping[str, int]
    waived: int = 0
    not_applicable: int = 0
    skipped: int = 0
    rule_errors: int = 0
    data_errors: int = 0
    plugin_failures: int = 0

    @classmethod
    def count(cls, *, findings: Iterable[Finding], **kw: Any) -> Summary:
        by = {s.label: 0 for s in sorted(Severity, reverse=True)}
        for f in findings:
            by[f.severity.label] += 1
        return cls(findings=by, **kw)

    @property
    def total(self) -> int:
        return sum(self.findings.values())

    def to_dict(self) -> dict[str, Any]:
        return {
            "units": self.units,
            "rules": self.rules,
            "evaluations": self.evaluations,
            "findings": {"total": self.total, **self.findings},
            "waived": self.waived,
            "not_applicable": self.not_applicable,
            "skipped": self.skipped,
            "rule_errors": self.rule_errors,
            "data_errors": self.data_errors,
            "plugin_failures": self.plugin_failures,
        }


@attrs.frozen(kw_only=True)
class Report:
    """The result of :meth:`Engine.run <cchc_rules.Engine.run>`.

    Findings, skips and errors are sorted (by unit, rule, subject), so the same input gives the
    same report whatever the order of units or files. Render with :meth:`render` or
    :meth:`to_json`; the language is chosen there, not when checking.
    """

    dataset: Dataset
    findings: tuple[Finding, ...]
    skipped: tuple[Skip, ...]
    rule_errors: tuple[RuleError, ...]
    plugin_failures: tuple[PluginFailure, ...]
    summary: Summary
    rules: tuple[Rule, ...]
    registry: Registry = attrs.field(repr=False)
    config: Config = attrs.field(repr=False)
    not_applicable: Mapping[str, frozenset[str]] = attrs.field(factory=dict, repr=False)
    as_of: _dt.date | None = None
    waived: Mapping[str, Any] = attrs.field(factory=dict)
    extra: Mapping[str, Any] = attrs.field(factory=dict, repr=False)
    #: How the findings of each (message, rule, language) are worded, decided once.
    _wordings: dict[tuple[str, str, str], _Words] = attrs.field(
        factory=dict, init=False, repr=False, eq=False
    )

    @property
    def data_issues(self) -> tuple[DataIssue, ...]:
        return tuple(self.dataset.issues)

    @property
    def data_errors(self) -> tuple[DataIssue, ...]:
        return tuple(self.dataset.errors)

    def active_findings(self) -> tuple[Finding, ...]:
        """Findings that are not waived."""
        if not self.waived:
            return self.findings
        return tuple(f for f in self.findings if f.fingerprint not in self.waived)

    def exit_code(self, fail_on: str | None = None) -> int:
        """0 clean, 1 findings that fail the run (at or above ``fail_on``, or of a rule with a
        ``hard`` fail policy, and not of a ``soft`` one; waived findings never count), 2 data
        errors, 3 rule or plugin failures; the highest that applies."""
        if self.rule_errors or self.plugin_failures:
            return EXIT_RULE
        if self.dataset.errors:
            return EXIT_DATA
        cfg = self.config if fail_on is None else attrs.evolve(self.config, fail_on=fail_on)
        if cfg.fails(self.active_findings()):
            return EXIT_FINDINGS
        return EXIT_OK

    def message(
        self, item: Finding | Skip, _lang: str | None = None, /, *, lang: str | None = None
    ) -> str:
        """A finding's message (or a skip's reason) in ``lang``, exactly as every renderer shows
        it: nothing is put before it (a template names ``{subject}`` where it wants it); the
        message of a threshold that is a policy default ends with a note saying so."""
        if _lang is not None or type(lang) is not str or lang not in LANGS:
            lang = _lang_arg("message", _lang, lang)
        if type(item) is not Finding:
            if isinstance(item, Skip):
                params = dict(item.params)
                params.setdefault("subject", item.subject)
                return self.registry.messages.render(item.reason, params, lang)
            if not isinstance(item, Finding):
                raise TypeError(
                    f"Report.message() takes a Finding or a Skip, not {type(item).__name__}"
                )
        return self._finding_message(item, lang)

    def _finding_message(self, finding: Finding, lang: str) -> str:
        """:meth:`message` of a finding in a known language (for renderers, unchecked)."""
        key = (finding.message, finding.rule, lang)
        words = self._wordings.get(key)
        if words is None:
            words = self._wordings[key] = _wording(self, finding.rule, finding.message, lang)
        return words(self, finding)

    def _params(self, finding: Finding, lang: str) -> dict[str, Any]:
        # the basis is made only if the template names it
        return {
            "subject": finding.subject,
            "basis": lambda: self.basis_text(finding.basis, lang=lang),
            **finding.evidence,
        }

    def basis_text(
        self, basis: Iterable[str], _lang: str | None = None, /, *, lang: str | None = None
    ) -> str:
        """The legal bases cited (ids), as short references (``Nghị định 61/2018/NĐ-CP``)."""
        lang = _lang_arg("basis_text", _lang, lang)
        if isinstance(basis, str) or not isinstance(basis, Iterable):
            raise TypeError(
                "Report.basis_text(): basis must be a sequence of legal-basis ids such as "
                f"finding.basis, not {type(basis).__name__} {basis!r}"
            )
        parts = []
        for bid in basis:
            b = self.registry.law.get(bid)
            if b is None:
                parts.append(bid)
                continue
            art = f", {b.article}" if b.article else ""
            parts.append(f"{_kind_label(b.kind, lang)} {b.number}{art}".strip())
        return "; ".join(parts)

    def text(
        self,
        message_id: str,
        params: Mapping[str, Any] | None = None,
        _lang: str | None = None,
        /,
        *,
        lang: str | None = None,
    ) -> str:
        """Any catalogue message in ``lang`` (labels, skip reasons, data errors)."""
        if not isinstance(message_id, str):
            raise TypeError(
                f"Report.text(): message_id must be a message id (str), not "
                f"{type(message_id).__name__}"
            )
        if params is not None and not isinstance(params, Mapping):
            hint = f"; pass the language as lang={params!r}" if params in LANGS else ""
            raise TypeError(
                f"Report.text(): params must be a mapping or None, not "
                f"{type(params).__name__} {params!r}{hint}"
            )
        lang = _lang_arg("text", _lang, lang)
        return self.registry.messages.render(message_id, params, lang)

    def to_dict(self, lang: str = "vi") -> dict[str, Any]:
        """The report as the JSON document (schema ``cchc-report/1``)."""
        from .renderers.json import report_dict

        return report_dict(self, lang)

    def to_json(self, lang: str = "vi") -> str:
        """The JSON report: deterministic, byte-identical for the same input and configuration."""
        return self.render("json", lang)  # type: ignore[return-value]

    def render(self, fmt: str = "json", lang: str = "vi") -> str | bytes:
        """Render with the renderer registered as ``fmt``."""
        renderer = self.registry.renderers.get(fmt)
        if renderer is None:
            known = ", ".join(sorted(self.registry.renderers))
            raise UsageError(f"unknown format {fmt!r} (available: {known})")
        with paused_gc():
            return renderer.render(self, lang)


#: How a finding is worded: its message, from the report and the finding.
_Words = Callable[[Report, Finding], str]


def _wording(report: Report, rule_id: str, message_id: str, lang: str) -> _Words:
    """How the findings of rule ``rule_id`` with message ``message_id`` are worded in ``lang``:
    the template prepared once, then the policy note they end with, decided once (see
    :func:`~cchc_rules.policy.message_note`) unless it depends on the unit's kind."""
    catalog = report.registry.messages
    text = _text(catalog, message_id, lang)
    shown, note = message_note(report, rule_id, message_id)
    if not shown:
        return text
    if note is None:
        return lambda r, f: r.registry.messages.render(
            note_for(r, f, shown), {"message": text(r, f)}, lang
        )
    fill = catalog._filler(note, lang)[0]
    return lambda r, f: fill({"message": text(r, f)})


def _text(catalog: Catalog, message_id: str, lang: str) -> _Words:
    """A finding's message (without the note): the evidence in its fields, then the finding's
    subject and legal basis (made only if the template may name it)."""
    fill, names = catalog._filler(message_id, lang)
    if names is None or "basis" in names:
        return lambda r, f: fill(f.evidence, r._params(f, lang))
    if "subject" in names:
        return lambda r, f: fill(f.evidence, {"subject": f.subject})
    return lambda r, f: fill(f.evidence)


_KINDS = {
    "nghi_dinh": ("Nghị định", "Decree"),
    "nghi_quyet": ("Nghị quyết", "Resolution"),
    "quyet_dinh": ("Quyết định", "Decision"),
    "thong_tu": ("Thông tư", "Circular"),
    "luat": ("Luật", "Law"),
    "ket_luan": ("Kết luận", "Conclusion"),
    "chi_thi": ("Chỉ thị", "Directive"),
}


def _lang_arg(method: str, positional: str | None, lang: Any) -> str:
    """The language asked for: ``lang=`` (keyword; default Vietnamese), or the positional
    argument of the old signatures (with a DeprecationWarning); anything but a known language
    code fails here."""
    if positional is not None and lang is not None:
        raise TypeError(f"Report.{method}(): the language is given twice (pass only lang=)")
    if positional is not None:
        _check_lang(method, positional)
        warnings.warn(
            f"Report.{method}(): pass the language as lang={positional!r} (a positional "
            "language is deprecated)",
            DeprecationWarning,
            stacklevel=3,
        )
        lang = positional
    elif lang is None:
        lang = "vi"
    _check_lang(method, lang)
    return str(lang)


def _check_lang(method: str, lang: Any) -> None:
    if not isinstance(lang, str):
        raise TypeError(
            f"Report.{method}(): lang must be a language code ({', '.join(LANGS)}), not "
            f"{type(lang).__name__}"
        )
    if lang not in LANGS:
        raise ValueError(
            f"Report.{method}(): unknown language {lang!r} (one of {', '.join(LANGS)})"
        )


def _kind_label(kind: str, lang: str) -> str:
    vi, en = _KINDS.get(kind, (kind, kind))
    return vi if lang == "vi" else en
