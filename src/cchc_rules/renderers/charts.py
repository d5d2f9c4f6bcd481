"""Per-family chart data for the html report: a share per unit (or staffing block) and the
threshold of the rule that judges it, as configured for the run (per kind of unit too).

The shares are computed from the dataset the way the rules compute them; a unit that does not
report the figures is left out of the chart (the rule lists it as skipped or not applicable).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

import attrs

from ..context import Context

if TYPE_CHECKING:
    from ..model import Dossiers, Unit
    from ..report import Report

__all__ = ["Bar", "Chart", "charts"]


@attrs.frozen
class Bar:
    """One unit's (or block's) share in percent; ``threshold`` is ``None`` without a rule."""

    label: str
    unit: str
    value: float
    part: int
    whole: int
    threshold: float | None

    @property
    def lines(self) -> tuple[str, ...]:
        """The label on one line, or two (the unit, then the block) for a staffing block."""
        return tuple(self.label.split(" — ", 1))

    @property
    def below(self) -> bool:
        """Whether the share is below the threshold, exactly as the rule judges it."""
        return self.threshold is not None and Context.below(self.part, self.whole, self.threshold)


@attrs.frozen
class Chart:
    key: str
    family: str
    rule: str
    bars: tuple[Bar, ...]
    #: shares above 100 % are a violation of their own (staff used over quota)
    cap: float | None = None

    def flagged(self, bar: Bar) -> bool:
        """Whether ``bar`` is shown as a problem: below its threshold or above the cap, both
        judged exactly (100,001 of 100,000 is over a 100 % cap though it rounds to 100)."""
        cap = self.cap
        return bar.below or (cap is not None and bar.part * 100 > Context.exact(cap) * bar.whole)


#: A chart: its key, family, the judging rule and parameter, and the share of one unit
#: as (label suffix, part, whole) items.
_Share = Callable[["Unit"], Iterator[tuple[str, int, int]]]


def _on_time(unit: Unit) -> Iterator[tuple[str, int, int]]:
    d = unit.dossiers
    if d is None or (d.resolved_early is None and d.resolved_on_time is None):
        return
    good = (d.resolved_early or 0) + (d.resolved_on_time or 0)
    resolved = good + d.resolved_late if d.resolved_late is not None else d.resolved
    if resolved:
        yield "", good, resolved


def _online_count(d: Dossiers) -> int | None:
    if d.received_online is not None:
        return d.received_online
    for a, b in ((d.online_level3, d.online_level4), (d.online_partial, d.online_full)):
        if a is not None and b is not None:
            return a + b
    return None


def _online(unit: Unit) -> Iterator[tuple[str, int, int]]:
    d = unit.dossiers
    if d is None:
        return
    received = d.received
    if received is None and d.received_total is not None and d.carried_over is not None:
        received = d.received_total - d.carried_over
    online = _online_count(d)
    if online is not None and received:
        yield "", online, received


def _fill(unit: Unit) -> Iterator[tuple[str, int, int]]:
    for i, block in enumerate(unit.staffing):
        if block.quota > 0:
            yield block.label or block.category or f"#{i + 1}", block.used, block.quota


def _notified(unit: Unit) -> Iterator[tuple[str, int, int]]:
    d = unit.digital_id
    if d is None or not d.population:
        return
    if d.id_notified is not None:
        yield "", d.id_notified, d.population
    elif d.id_not_notified is not None and d.id_not_notified <= d.population:
        yield "", d.population - d.id_not_notified, d.population


def _eid(unit: Unit) -> Iterator[tuple[str, int, int]]:
    d = unit.digital_id
    if d is None or d.eid_accounts is None:
        return
    base = d.population if d.eid_eligible_population is None else d.eid_eligible_population
    if base:
        yield "", d.eid_accounts, base


_CHARTS: tuple[tuple[str, str, str, str, _Share, float | None], ...] = (
    ("on_time", "deadlines", "DL004", "min_on_time_percent", _on_time, None),
    ("online", "egov", "EG001", "min_online_percent", _online, None),
    ("fill", "staffing", "ST005", "min_fill_percent", _fill, 100.0),
    ("id_notified", "digital_id", "ID001", "min_notified_percent", _notified, None),
    ("eid", "digital_id", "ID002", "min_eid_percent", _eid, None),
)


def _number(value: object) -> float | None:
    """``value`` as a float when it is a number (not a bool), else ``None``."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


def _threshold(report: Report, rule: str, param: str) -> Callable[[Unit], float | None]:
    """The rule's effective parameter for a unit (configured, per kind), or ``None`` when the
    rule did not run in this report."""
    found = next((r for r in report.rules if r.id == rule), None)
    if found is None:
        return lambda unit: None
    config = report.config
    defaults = {p.name: p.default for p in found.params}
    by_kind: dict[str | None, float | None] = {}

    def value(unit: Unit) -> float | None:
        kind = unit.kind
        if kind not in by_kind:
            by_kind[kind] = _number(config.params_for(rule, kind, defaults=defaults).get(param))
        return by_kind[kind]

    return value


def charts(report: Report) -> tuple[Chart, ...]:
    """Every chart with at least one bar, in a fixed order."""
    out = []
    units = sorted(report.dataset.units, key=lambda u: u.id)
    for key, family, rule, param, share, cap in _CHARTS:
        threshold = _threshold(report, rule, param)
        bars = []
        for unit in units:
            limit = threshold(unit)
            for suffix, part, whole in share(unit):
                label = f"{unit.name} — {suffix}" if suffix else unit.name
                value = Context.percent(part, whole, under=limit, over=cap)
                bars.append(Bar(label, unit.id, value, part, whole, limit))
        if bars:
            out.append(Chart(key, family, rule, tuple(bars), cap))
    return tuple(out)
