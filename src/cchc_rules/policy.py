"""The note a message gets when the threshold it shows is a *policy default*.

A :class:`~cchc_rules.Param` without a legal basis is a threshold the tool proposes, not one the
law sets. The messages that show it (its ``shown_in`` keys) end with a standard note, in the
report's language, so the author never writes it into a template:

- ``note.policy_default``: "… — ngưỡng tham chiếu của công cụ (không phải quy định pháp luật)";
- ``note.configured_threshold``: the inspector set the value in the configuration (for the rule,
  or for the unit's kind), so it is theirs, still not a legal requirement.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .findings import Finding
    from .report import Report

__all__ = ["CONFIGURED_NOTE", "POLICY_NOTE", "policy_note"]

#: Message ids of the note (templates with a ``{message}`` field).
POLICY_NOTE = "note.policy_default"
CONFIGURED_NOTE = "note.configured_threshold"


def policy_note(report: Report, finding: Finding) -> str | None:
    """The id of the note ``finding``'s message ends with, or ``None`` (it shows no policy
    default)."""
    rule = report.registry.rules.get(finding.rule)
    if rule is None or not rule.params:
        return None
    prefix = rule.id + "."
    if not finding.message.startswith(prefix):
        return None
    key = finding.message[len(prefix) :]
    shown = [p.name for p in rule.params if p.shown_in and key in p.shown_in]
    if not shown:
        return None
    config = report.config
    overrides = dict(config.params.get(rule.id, {}))
    by_kind = config.kind_params.get(rule.id)
    if by_kind:
        unit = report.dataset.by_id.get(finding.unit)
        if unit is not None and unit.kind is not None:
            overrides.update(by_kind.get(unit.kind, {}))
    if any(name in overrides for name in shown):
        return CONFIGURED_NOTE
    return POLICY_NOTE
