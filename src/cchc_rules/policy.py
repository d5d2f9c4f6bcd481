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
    from .config import Config
    from .findings import Finding
    from .plugins import Registry
    from .report import Report

__all__ = [
    "CONFIGURED_NOTE",
    "POLICY_NOTE",
    "message_note",
    "note_for",
    "policy_note",
    "shown_defaults",
]

#: Message ids of the note (templates with a ``{message}`` field).
POLICY_NOTE = "note.policy_default"
CONFIGURED_NOTE = "note.configured_threshold"


def policy_note(
    report: Report,
    finding: Finding,
    cache: dict[tuple[str, str], tuple[str, ...]] | None = None,
) -> str | None:
    """The id of the note ``finding``'s message ends with, or ``None`` (it shows no policy
    default). ``cache`` keeps :func:`shown_defaults` by rule and message across findings (a
    report decides once per rule and message instead: :func:`message_note`)."""
    key = (finding.rule, finding.message)
    shown = cache.get(key) if cache is not None else None
    if shown is None:
        shown = shown_defaults(report.registry, *key)
        if cache is not None:
            cache[key] = shown
    return note_for(report, finding, shown) if shown else None


def message_note(
    report: Report, rule_id: str, message_id: str
) -> tuple[tuple[str, ...], str | None]:
    """``(shown, note)`` for every finding of rule ``rule_id`` with message ``message_id``:
    the parameters the message shows (:func:`shown_defaults`) and the note the findings end
    with, decided once: ``None`` when there is none (``shown`` is empty) or when it depends on
    the unit's kind (the rule has per-kind parameters: ask :func:`note_for` per finding)."""
    shown = shown_defaults(report.registry, rule_id, message_id)
    if not shown or rule_id in report.config.kind_params:
        return shown, None
    return shown, _note(report.config, rule_id, None, shown)


def shown_defaults(registry: Registry, rule_id: str, message_id: str) -> tuple[str, ...]:
    """The names of the rule's parameters that message ``message_id`` shows (the same for every
    finding with that rule and message, so a report looks it up once)."""
    rule = registry.rules.get(rule_id)
    if rule is None or not rule.params:
        return ()
    prefix = rule.id + "."
    if not message_id.startswith(prefix):
        return ()
    key = message_id[len(prefix) :]
    return tuple(p.name for p in rule.params if p.shown_in and key in p.shown_in)


def note_for(report: Report, finding: Finding, shown: tuple[str, ...]) -> str:
    """The note of a finding whose message shows the parameters ``shown`` (not empty)."""
    config = report.config
    kind = None
    if finding.rule in config.kind_params:  # the unit's kind matters only then
        unit = report.dataset.by_id.get(finding.unit)
        kind = unit.kind if unit is not None else None
    return _note(config, finding.rule, kind, shown)


def _note(config: Config, rule_id: str, kind: str | None, shown: tuple[str, ...]) -> str:
    """The note of a message showing ``shown`` on a unit of ``kind``: configured if the
    configuration sets one of them, else a policy default."""
    overrides = config.params_for(rule_id, kind)
    return CONFIGURED_NOTE if any(name in overrides for name in shown) else POLICY_NOTE
