"""The effective configuration of a run: selection, parameters, severities, plugins, fail policy.

Building a :class:`Config` from files (``cchc.toml``, ``[tool.cchc]``) is the job of
:mod:`cchc_rules.configfile`; this module only holds the values and their meaning.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from .findings import Severity

__all__ = ["FAIL_ON", "Config", "matches"]

FAIL_ON = ("error", "warning", "info", "never")


def matches(pattern: str, rule_id: str, family: str) -> bool:
    """Whether a selector names a rule: its id, its family, or a prefix of its id (``RF``)."""
    p = pattern.strip()
    return p in (rule_id, family) or (p.isalnum() and rule_id.upper().startswith(p.upper()))


def _tuple(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return tuple(v for v in (s.strip() for s in value.split(",")) if v)
    return tuple(value)


@attrs.frozen(kw_only=True)
class Config:
    """Everything that shapes a run besides the data and the plugins' code."""

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
    rule_timeout: float = 10.0
    source: str | None = None
    sha256: str | None = None

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
