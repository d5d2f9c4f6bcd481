"""The effective configuration of a run: selection, parameters, severities, plugins, fail policy,
national documents added, waivers, the date waivers are judged at and the baseline report.

Building a :class:`Config` from files (``cchc.toml``, ``[tool.cchc]``) is the job of
:mod:`cchc_rules.configfile`; this module only holds the values and their meaning.
"""

from __future__ import annotations

import datetime as _dt
import os
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from .findings import Severity
from .national import NationalDocument

if TYPE_CHECKING:
    from .findings import Finding
    from .waivers import Waiver

__all__ = [
    "DEFAULT_ORIGIN",
    "FAIL_ON",
    "FAIL_POLICIES",
    "ISOLATION_MODES",
    "REPORT_KEYS",
    "Config",
    "matches",
    "specificity",
]

FAIL_ON = ("error", "warning", "info", "never")
#: ``hard``: any finding of the rule fails the run; ``soft``: none does, whatever ``fail_on``.
FAIL_POLICIES = ("hard", "soft")
#: The values of the ``isolation`` key: rules run in the engine's process, or each in a worker.
ISOLATION_MODES = ("none", "process")
#: The keys of the ``[report]`` table: the title block of the html (and md) report. ``date`` is a
#: date, every other key text.
REPORT_KEYS = (
    "authority",
    "inspecting_body",
    "number",
    "place",
    "date",
    "title",
    "subtitle",
    "team",
    "signer",
    "signer_title",
)
#: The origin of a value nobody set (see :attr:`Config.origins`).
DEFAULT_ORIGIN = "default"


def today() -> _dt.date:
    """The default ``as_of``: today, or the date of ``SOURCE_DATE_EPOCH`` (UTC) when it is set,
    so that reproducible builds of a report get the same date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return _dt.datetime.fromtimestamp(int(epoch), tz=_dt.timezone.utc).date()
    return _dt.date.today()


def matches(pattern: str, rule_id: str, family: str) -> bool:
    """Whether a selector names a rule: its id, its family, or a prefix of its id (``RF``)."""
    p = pattern.strip()
    return p in (rule_id, family) or (p.isalnum() and rule_id.upper().startswith(p.upper()))


def specificity(pattern: str, rule_id: str, family: str) -> int:
    """How closely a matching selector names a rule: the id beats a prefix, which beats the
    family; a longer prefix beats a shorter one. 0 when it does not match."""
    p = pattern.strip()
    if p == rule_id:
        return 1000
    if p.isalnum() and rule_id.upper().startswith(p.upper()):
        return 10 + len(p)
    return 1 if p == family else 0


def _tuple(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return tuple(v for v in (s.strip() for s in value.split(",")) if v)
    return tuple(value)


#: The resource limits a configuration may set (``docs`` and README "Reliability").
LIMITS = (
    "max_findings_per_unit",
    "max_errors_per_rule",
    "max_input_mb",
    "max_depth",
    "isolation",
)


@attrs.frozen(kw_only=True)
class Config:
    """Everything that shapes a run besides the data and the plugins' code.

    ``hard_fail`` / ``soft_fail`` list selectors (ids, families, prefixes) of rules whose findings
    always / never fail the run, whatever ``fail_on``; the most specific selector wins.
    ``as_of`` is the date waivers are judged at (``None``: today); ``baseline`` the previous JSON
    report findings are compared with; ``report`` the title block of printable reports
    (``REPORT_KEYS``: inspecting body, team, date, …); ``origins`` maps each top-level key to
    where its value came from (``"default"``, a command-line option such as ``"--lang"``, or the
    file's path).
    """

    lang: str = "vi"
    fail_on: str = attrs.field(default="error")
    select: tuple[str, ...] = attrs.field(converter=_tuple, default=())
    ignore: tuple[str, ...] = attrs.field(converter=_tuple, default=())
    plugins: tuple[str, ...] = attrs.field(converter=_tuple, default=())
    plugin_dirs: tuple[str, ...] = attrs.field(converter=_tuple, default=())
    disable_plugins: tuple[str, ...] = attrs.field(converter=_tuple, default=())
    params: Mapping[str, Mapping[str, Any]] = attrs.field(factory=dict)
    kind_params: Mapping[str, Mapping[str, Mapping[str, Any]]] = attrs.field(factory=dict)
    severity: Mapping[str, Severity] = attrs.field(factory=dict)
    hard_fail: tuple[str, ...] = attrs.field(converter=_tuple, default=())
    soft_fail: tuple[str, ...] = attrs.field(converter=_tuple, default=())
    documents: tuple[NationalDocument, ...] = attrs.field(converter=tuple, default=())
    waivers: tuple[Waiver, ...] = attrs.field(converter=tuple, default=())
    as_of: _dt.date | None = None
    baseline: str | None = None
    rule_timeout: float = 10.0
    max_findings_per_unit: int = 10_000
    max_errors_per_rule: int = 100
    max_input_mb: float = 512.0
    max_depth: int = 32
    isolation: str = "none"
    report: Mapping[str, Any] = attrs.field(factory=dict)
    source: str | None = None
    sha256: str | None = None
    origins: Mapping[str, str] = attrs.field(factory=dict, eq=False, repr=False)

    @fail_on.validator
    def _check_fail_on(self, _: object, value: str) -> None:
        if value not in FAIL_ON:
            raise ValueError(f"fail_on must be one of {', '.join(FAIL_ON)}, not {value!r}")

    def selects(self, rule_id: str, family: str) -> bool:
        """Whether the rule runs: selected (or no selection) and not ignored."""
        if self.select and not any(matches(p, rule_id, family) for p in self.select):
            return False
        return not any(matches(p, rule_id, family) for p in self.ignore)

    @property
    def fail_threshold(self) -> Severity | None:
        """The lowest severity that fails the run (``None`` for ``never``)."""
        return None if self.fail_on == "never" else Severity.parse(self.fail_on)

    def fail_policy(self, rule_id: str, family: str) -> str | None:
        """``"hard"``, ``"soft"`` or ``None`` (judged by ``fail_on``) for one rule."""
        best, policy = 0, None
        for name, selectors in (("hard", self.hard_fail), ("soft", self.soft_fail)):
            for p in selectors:
                score = specificity(p, rule_id, family)
                if score > best:
                    best, policy = score, name
        return policy

    def fails(self, findings: Iterable[Finding]) -> bool:
        """Whether any of ``findings`` fails the run under ``fail_on`` and the fail policy."""
        threshold = self.fail_threshold
        if not self.hard_fail and not self.soft_fail:
            return threshold is not None and any(f.severity >= threshold for f in findings)
        policies: dict[str, str | None] = {}
        for f in findings:
            if f.rule not in policies:
                policies[f.rule] = self.fail_policy(f.rule, f.family)
            policy = policies[f.rule]
            if policy == "hard" or (
                policy is None and threshold is not None and f.severity >= threshold
            ):
                return True
        return False

    @classmethod
    def from_mapping(
        cls, table: Mapping[str, Any], *, source: str = "<mapping>", lang: str = "en"
    ) -> Config:
        """A configuration from a table as ``cchc.toml`` holds it (``{"rules": {"ST005":
        {"min_fill_percent": 80}}}``), validated exactly like the file: any problem raises
        :class:`~cchc_rules.ConfigError` listing them all, in ``lang``. Rule ids and parameter
        names are checked once plugins are loaded (``Engine``, ``cchc_rules.testing``)."""
        from .configfile import config_from_mapping

        return config_from_mapping(table, source=source, lang=lang)

    def params_for(
        self,
        rule_id: str,
        kind: str | None = None,
        *,
        defaults: Mapping[str, Any] | None = None,
    ) -> dict[str, Any]:
        """A rule's parameters on a unit of ``kind``: ``defaults`` (the rule's, when given),
        overridden by the values configured for the rule (``[rules.ID]``), then by those for the
        kind (``[rules.ID.kinds.KIND]``). Without ``defaults``, only what the configuration sets.
        """
        values = {**defaults} if defaults else {}
        configured = self.params.get(rule_id)
        if configured:
            values.update(configured)
        if kind is not None:
            by_kind = self.kind_params.get(rule_id)
            if by_kind:
                for_kind = by_kind.get(kind)
                if for_kind:
                    values.update(for_kind)
        return values

    def origin(self, key: str) -> str:
        """Where the value of the top-level ``key`` came from."""
        return self.origins.get(key, DEFAULT_ORIGIN)

    def _limits(self) -> dict[str, Any]:
        """The resource limits set to other than their defaults (defaults are not recorded)."""
        return {
            k: getattr(self, k)
            for k in LIMITS
            if getattr(self, k) != attrs.fields_dict(Config)[k].default
        }

    def to_dict(self) -> dict[str, Any]:
        """The effective configuration as JSON-ready values (recorded in every JSON report)."""
        return {
            "source": self.source,
            "sha256": self.sha256,
            "lang": self.lang,
            "fail_on": self.fail_on,
            "select": list(self.select),
            "ignore": list(self.ignore),
            "hard_fail": list(self.hard_fail),
            "soft_fail": list(self.soft_fail),
            "plugins": list(self.plugins),
            "plugin_dirs": list(self.plugin_dirs),
            "disable_plugins": list(self.disable_plugins),
            "rule_timeout": self.rule_timeout,
            **self._limits(),
            "severity": {rid: sev.label for rid, sev in sorted(self.severity.items())},
            "params": {rid: dict(v) for rid, v in sorted(self.params.items())},
            "kind_params": {
                rid: {kind: dict(v) for kind, v in sorted(kinds.items())}
                for rid, kinds in sorted(self.kind_params.items())
            },
            "documents": [
                {
                    "number": d.number,
                    "date": d.date.isoformat(),
                    "title": d.title,
                    "source": d.source,
                    **dict(d.extra),
                }
                for d in self.documents
            ],
            "waivers": len(self.waivers),
            "baseline": self.baseline,
            **({"report": _jsonable_report(self.report)} if self.report else {}),
            "origins": dict(sorted(self.origins.items())),
        }


def _jsonable_report(values: Mapping[str, Any]) -> dict[str, Any]:
    """The ``[report]`` title block as JSON values (its date in ISO form)."""
    return {k: v.isoformat() if isinstance(v, _dt.date) else v for k, v in sorted(values.items())}
