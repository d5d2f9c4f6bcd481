"""Accountable waivers: a finding an authority has accepted, for a reason, until a date.

A waiver names a rule (id, family or prefix), a unit (id or glob such as ``phuong-*``), optionally
a subject, and always a reason, an approver and an expiry date. Judged at the run's ``as_of`` date:

- *active*: not expired and covering at least one finding — those findings stay in the report,
  marked with the waiver, and no longer count toward ``fail_on``;
- *expired*: ``as_of`` is on or after ``expires``; it covers nothing and is reported;
- *unused*: not expired but covering no finding; it is reported.
"""

from __future__ import annotations

import datetime as _dt
import fnmatch
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from .config import matches, today
from .findings import Finding, subject_key

if TYPE_CHECKING:
    from .report import Report

__all__ = ["ACTIVE", "EXPIRED", "UNUSED", "Waiver", "WaiverStatus", "apply_waivers", "judge"]

ACTIVE, EXPIRED, UNUSED = "active", "expired", "unused"
_GLOB = frozenset("*?[")


@attrs.frozen(kw_only=True)
class Waiver:
    """One accepted finding (or group of findings), with who accepted it, why and until when."""

    rule: str
    unit: str
    reason: str
    approver: str
    expires: _dt.date
    subject: str | None = None
    index: int = attrs.field(default=0, eq=False)

    @property
    def is_glob(self) -> bool:
        return not _GLOB.isdisjoint(self.unit)

    def expired(self, as_of: _dt.date) -> bool:
        """From ``expires`` on, the waiver no longer applies."""
        return as_of >= self.expires

    def covers(self, finding: Finding) -> bool:
        """Whether this waiver names ``finding`` (expiry aside)."""
        if self.is_glob:
            if not fnmatch.fnmatchcase(finding.unit, self.unit):
                return False
        elif finding.unit != self.unit:
            return False
        if not matches(self.rule, finding.rule, finding.family):
            return False
        if self.subject is None:
            return True
        wanted = subject_key(self.subject)
        return wanted in (finding.key, subject_key(finding.subject))

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "unit": self.unit,
            "subject": self.subject,
            "reason": self.reason,
            "approver": self.approver,
            "expires": self.expires.isoformat(),
        }


@attrs.frozen
class WaiverStatus:
    """A waiver as judged in one run: its state and how many findings it named."""

    waiver: Waiver
    state: str
    findings: int

    def to_dict(self) -> dict[str, Any]:
        return {**self.waiver.to_dict(), "state": self.state, "findings": self.findings}


def judge(
    waivers: Iterable[Waiver], findings: Iterable[Finding], as_of: _dt.date
) -> tuple[dict[str, Waiver], tuple[WaiverStatus, ...]]:
    """The findings waived (fingerprint → the first active waiver covering it, in configuration
    order) and the state of every waiver."""
    listed = list(waivers)
    if not listed:
        return {}, ()
    by_unit: dict[str, list[Waiver]] = {}
    globs: list[Waiver] = []
    for w in listed:
        if w.is_glob:
            globs.append(w)
        else:
            by_unit.setdefault(w.unit, []).append(w)
    counts = [0] * len(listed)
    position = {id(w): i for i, w in enumerate(listed)}
    waived: dict[str, Waiver] = {}
    for f in findings:
        candidates = [*by_unit.get(f.unit, ()), *globs] if globs else by_unit.get(f.unit, ())
        chosen: tuple[int, Waiver] | None = None
        for w in candidates:
            if w.covers(f):
                i = position[id(w)]
                counts[i] += 1
                if not w.expired(as_of) and (chosen is None or i < chosen[0]):
                    chosen = (i, w)
        if chosen is not None:
            waived[f.fingerprint] = chosen[1]
    statuses = tuple(
        WaiverStatus(w, EXPIRED if w.expired(as_of) else ACTIVE if counts[i] else UNUSED, counts[i])
        for i, w in enumerate(listed)
    )
    return waived, statuses


def apply_waivers(report: Report, as_of: _dt.date | None = None) -> Report:
    """``report`` with the configuration's waivers judged at ``as_of`` (default: the report's
    ``as_of``, else today): waived findings marked, the summary recounted, every waiver's state
    kept in ``report.extra["waivers"]`` (a tuple of :class:`WaiverStatus`)."""
    day = as_of or report.as_of or today()
    waived, statuses = judge(report.config.waivers, report.findings, day)
    marks: Mapping[str, Any] = {fp: w.to_dict() for fp, w in waived.items()}
    summary = report.summary
    if waived:
        active = [f for f in report.findings if f.fingerprint not in waived]
        recount = type(summary).count(findings=active, **_counts(summary))
        summary = attrs.evolve(recount, waived=len(waived))
    extra = dict(report.extra)
    if statuses:
        extra["waivers"] = statuses
    return attrs.evolve(report, as_of=day, waived=marks, summary=summary, extra=extra)


def _counts(summary: Any) -> dict[str, Any]:
    """A summary's counts other than findings by severity and waived."""
    return {
        a.name: getattr(summary, a.name)
        for a in attrs.fields(type(summary))
        if a.name not in ("findings", "waived")
    }
