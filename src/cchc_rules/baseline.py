"""Tracking findings across inspections: compare a previous report with the current one.

Findings are matched by fingerprint (rule, unit, subject key: unaffected by wording, language or
order). Each current finding is *new* or *persisting* (with the period it was first seen); each
previous finding that is gone is *resolved* when the rule ran on that unit and subject and found
nothing, else *unverified*, with the reason: the rule did not run, the unit is absent, the rule
was not applicable (nothing it applies to reported), the rule was skipped there (a figure
missing) or failed.
A unit that was merged (``successors``, and absent or no longer valid) is followed to its
successors: the finding persists if a successor has it, is resolved if the rule ran clean on every
successor, and is unverified otherwise.

:class:`Snapshot` is what a comparison needs from one report, read from a live
:class:`~cchc_rules.Report` or from its JSON (the ``coverage`` section says where each rule ran);
``cchc check --baseline`` and ``cchc diff`` make the same comparison.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
from collections.abc import Callable, Mapping
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from ._safe import safe_str
from .errors import DataIssue, UsageError
from .findings import Finding, Severity, subject_key
from .loading.depth import REPORT_MAX_DEPTH, too_deep
from .loading.files import read_limited
from .model import Dataset, Period

if TYPE_CHECKING:
    from .report import Report

__all__ = [
    "NEW",
    "PERSISTING",
    "RESOLVED",
    "SCHEMA",
    "STATES",
    "UNVERIFIED",
    "Comparison",
    "Gone",
    "Reason",
    "Record",
    "Snapshot",
    "Tracked",
    "apply_baseline",
    "compare",
    "coverage",
    "load_report",
    "period_text",
]

SCHEMA = "cchc-report/1"
NEW, PERSISTING, RESOLVED, UNVERIFIED = "new", "persisting", "resolved", "unverified"
STATES = (NEW, PERSISTING, RESOLVED, UNVERIFIED)

Text = Callable[[str, Mapping[str, Any] | None, str], str]


@attrs.frozen
class Reason:
    """Why a previous finding could not be verified: a message id and its parameters, or the
    text as a JSON report already rendered it (``text``)."""

    message: str
    params: Mapping[str, Any] = attrs.field(factory=dict)
    text: str | None = None

    def render(self, text: Text, lang: str) -> str:
        return self.text if self.text is not None else text(self.message, self.params, lang)


@attrs.frozen(kw_only=True)
class Record:
    """A finding as one report holds it."""

    fingerprint: str
    rule: str
    family: str = ""
    unit: str
    subject: str = ""
    key: str = ""
    severity: str = ""
    message: str = ""
    first_seen: Period | None = None
    message_id: str = ""
    evidence: Mapping[str, Any] = attrs.field(factory=dict, eq=False)

    def message_in(self, text: Text, lang: str) -> str:
        """The message rendered anew in ``lang`` from the id and evidence the report stored;
        the stored text where the id is unknown here (a plugin not installed)."""
        if not self.message_id:
            return self.message
        params = {"subject": self.subject, **{k: _revive(v) for k, v in self.evidence.items()}}
        rendered = text(self.message_id, params, lang)
        return self.message if rendered.startswith(self.message_id) else rendered

    def to_dict(self) -> dict[str, Any]:
        return {
            "fingerprint": self.fingerprint,
            "rule": self.rule,
            "family": self.family,
            "unit": self.unit,
            "subject": self.subject,
            "severity": self.severity,
            "message": self.message,
            "first_seen": period_text(self.first_seen),
        }


@attrs.frozen(kw_only=True)
class Snapshot:
    """What a comparison needs from one report."""

    period: Period | None = None
    findings: Mapping[str, Record] = attrs.field(factory=dict)
    rules: frozenset[str] = frozenset()
    units: frozenset[str] = frozenset()
    #: rule -> units where it was not applicable
    not_applicable: Mapping[str, frozenset[str]] = attrs.field(factory=dict)
    #: (rule, unit) -> [(subject key, reason)]; subject key "" for the whole unit
    skipped: Mapping[tuple[str, str], tuple[tuple[str, Reason], ...]] = attrs.field(factory=dict)
    #: (rule, unit) -> reason; unit "" when the rule failed for the rest of the run (timeout)
    failed: Mapping[tuple[str, str], Reason] = attrs.field(factory=dict)
    #: unit -> its successors, for units merged into others
    successors: Mapping[str, tuple[str, ...]] = attrs.field(factory=dict)
    #: units that no longer exist in this report's period (valid_to before it starts)
    retired: frozenset[str] = frozenset()

    @classmethod
    def of_report(cls, report: Report) -> Snapshot:
        """The snapshot of a finished run."""
        ds = report.dataset
        period = ds.period
        seen = report.extra.get("finding_fields", {})
        skipped: dict[tuple[str, str], list[tuple[str, Reason]]] = {}
        for s in report.skipped:
            skipped.setdefault((s.rule, s.unit), []).append(
                (subject_key(s.subject), Reason(s.reason, {"subject": s.subject, **s.params}))
            )
        failed: dict[tuple[str, str], Reason] = {}
        for e in report.rule_errors:
            where = "" if e.message == "error.rule_timeout" else e.unit
            failed.setdefault((e.rule, where), Reason(e.message, dict(e.params)))
        return cls(
            period=period,
            findings={
                f.fingerprint: Record(
                    fingerprint=f.fingerprint,
                    rule=f.rule,
                    family=f.family,
                    unit=f.unit,
                    subject=f.subject,
                    key=f.key,
                    severity=f.severity.label,
                    first_seen=_period(seen.get(f.fingerprint, {}).get("first_seen")) or period,
                )
                for f in report.findings
            },
            rules=frozenset(r.id for r in report.rules),
            units=frozenset(u.id for u in ds.units),
            not_applicable=dict(report.not_applicable),
            skipped={k: tuple(v) for k, v in skipped.items()},
            failed=failed,
            successors={u.id: u.successors for u in ds.units if u.successors},
            retired=_retired(ds),
        )

    @classmethod
    def from_json(
        cls, data: Mapping[str, Any], source: str = "<report>", *, lang: str = "en"
    ) -> Snapshot:
        """The snapshot of a JSON report; raise :class:`UsageError` (the reason in ``lang``) if
        it is not one."""
        if not isinstance(data, Mapping):
            raise _not_a_report(source, "report.not_object", lang)
        if data.get("schema") != SCHEMA:
            if "schema" not in data:
                raise _not_a_report(source, "report.no_schema", lang)
            got = _shown(data["schema"])
            raise _not_a_report(source, "report.wrong_schema", lang, got=got)
        try:
            return _from_json(data)
        except (KeyError, TypeError, ValueError, AttributeError, RecursionError) as exc:
            detail = f"{type(exc).__name__}: {safe_str(exc, 200)}"
            raise _not_a_report(source, "report.not_readable", lang, detail=detail) from None


def _not_a_report(source: str, message: str, lang: str, **params: Any) -> UsageError:
    """Why ``source`` is not a usable report, in ``lang`` (``schema`` is this module's)."""
    from .messages import core_catalog

    text = core_catalog().render(message, {"schema": SCHEMA, **params}, lang)
    return UsageError(f"{source}: {text}")


def _shown(value: Any) -> str:
    """A JSON value as a message shows it: a scalar as JSON (cut at 100 characters), a table or
    an array as ``{…}`` or ``[…]``."""
    if isinstance(value, Mapping):
        return "{…}"
    if isinstance(value, list):
        return "[…]"
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 100 else text[:99] + "…"


def _from_json(data: Mapping[str, Any]) -> Snapshot:
    period = _period((data.get("dataset") or {}).get("period"))
    findings: dict[str, Record] = {}
    for f in data.get("findings") or ():
        fp = str(f["fingerprint"])
        findings[fp] = Record(
            fingerprint=fp,
            rule=str(f["rule"]),
            family=str(f.get("family") or ""),
            unit=str(f["unit"]),
            subject=str(f.get("subject") or ""),
            key=str(f.get("subject_key") or subject_key(str(f.get("subject") or ""))),
            severity=str(f.get("severity") or ""),
            message=str(f.get("message") or ""),
            first_seen=_period(f.get("first_seen")) or period,
            message_id=str(f.get("message_id") or ""),
            evidence=dict(f.get("evidence") or {}),
        )
    skipped: dict[tuple[str, str], list[tuple[str, Reason]]] = {}
    for s in data.get("skipped") or ():
        reason = Reason(str(s.get("reason_id") or ""), {}, str(s.get("reason") or ""))
        skipped.setdefault((str(s["rule"]), str(s["unit"])), []).append(
            (subject_key(str(s.get("subject") or "")), reason)
        )
    failed: dict[tuple[str, str], Reason] = {}
    for e in data.get("errors") or ():
        if e.get("kind") == "rule":
            where = "" if e.get("message_id") == "error.rule_timeout" else str(e.get("unit"))
            failed.setdefault(
                (str(e["rule"]), where),
                Reason(str(e.get("message_id") or ""), {}, str(e.get("message") or "")),
            )
    cov = data.get("coverage") or {}
    na: dict[str, set[str]] = {}
    for group in cov.get("not_applicable") or ():
        for rid in group["rules"]:
            na.setdefault(str(rid), set()).update(str(u) for u in group["units"])
    return Snapshot(
        period=period,
        findings=findings,
        rules=frozenset(str(r) for r in cov.get("rules") or ()),
        units=frozenset(str(u) for u in cov.get("units") or ()),
        not_applicable={k: frozenset(v) for k, v in na.items()},
        skipped={k: tuple(v) for k, v in skipped.items()},
        failed=failed,
        successors={
            str(u): tuple(str(s) for s in succ) for u, succ in (cov.get("successors") or {}).items()
        },
        retired=frozenset(str(u) for u in cov.get("retired") or ()),
    )


def load_report(
    path: str | Path, *, max_bytes: int | None = None, lang: str = "en"
) -> tuple[Snapshot, dict[str, Any]]:
    """Read a JSON report (``cchc check --format json``): its snapshot and where it came from
    (path, sha256, lang). Raise :class:`UsageError` with the reason when it cannot be used.

    Read as a data file is: only a regular file (a folder, FIFO or device is refused before
    anything is read), at most ``max_bytes`` (default
    :data:`~cchc_rules.loading.files.MAX_INPUT_BYTES`, the configuration's ``max_input_mb``),
    the reason in ``lang``. One nested more than
    :data:`~cchc_rules.loading.depth.REPORT_MAX_DEPTH` levels is refused.
    """
    raw = read_limited(path, str(path), max_bytes)
    if isinstance(raw, DataIssue):
        from .messages import core_catalog

        catalog = core_catalog()
        detail = catalog.render(raw.message, raw.params, lang)
        raise UsageError(f"{path}: {catalog.render('report.unreadable', {'detail': detail}, lang)}")
    source = str(path)
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise _not_a_report(source, "report.not_utf8", lang) from None
    except ValueError as exc:  # also a 5000-digit number
        raise _not_a_report(source, "report.not_json", lang, detail=safe_str(exc, 200)) from None
    except RecursionError:
        raise _not_a_report(source, "report.nested_too_deeply", lang) from None
    deep = too_deep(data, REPORT_MAX_DEPTH, drop=False) if isinstance(data, dict) else []
    if deep:
        raise _not_a_report(source, "report.too_deep", lang, limit=REPORT_MAX_DEPTH, at=deep[0])
    snapshot = Snapshot.from_json(data, source, lang=lang)
    about = {
        "path": str(path),
        "sha256": hashlib.sha256(raw).hexdigest(),
        "lang": data.get("lang"),
        "period": period_text(snapshot.period),
    }
    return snapshot, about


@attrs.frozen
class Tracked:
    """A current finding's state: new or persisting, the period first seen and, when it was
    followed from a merged unit, that unit."""

    state: str
    first_seen: Period | None
    followed_from: str | None = None

    def fields(self) -> dict[str, Any]:
        out: dict[str, Any] = {"state": self.state, "first_seen": period_text(self.first_seen)}
        if self.followed_from is not None:
            out["followed_from"] = self.followed_from
        return out


@attrs.frozen
class Gone:
    """A previous finding absent now: resolved, or unverified with the reason."""

    record: Record
    state: str
    reason: Reason | None = None
    followed_to: tuple[str, ...] = ()

    def to_dict(self, text: Text, lang: str) -> dict[str, Any]:
        out = {"state": self.state, **self.record.to_dict()}
        out["message"] = self.record.message_in(text, lang)
        if self.reason is not None:
            out["reason"] = self.reason.render(text, lang)
            out["reason_id"] = self.reason.message
        if self.followed_to:
            out["followed_to"] = list(self.followed_to)
        return out


@attrs.frozen(kw_only=True)
class Comparison:
    """The result of :func:`compare`: current findings' states and previous findings gone."""

    tracked: Mapping[str, Tracked]
    gone: tuple[Gone, ...]
    old_period: Period | None = None
    new_period: Period | None = None

    def counts(self) -> dict[str, int]:
        out = dict.fromkeys(STATES, 0)
        for t in self.tracked.values():
            out[t.state] += 1
        for g in self.gone:
            out[g.state] += 1
        return out

    def section(
        self, text: Text, lang: str, about: Mapping[str, Any] | None = None
    ) -> dict[str, Any]:
        """The comparison as JSON-ready values (the report's ``baseline`` section)."""
        return {
            **(dict(about) if about else {}),
            "counts": self.counts(),
            "resolved": [g.to_dict(text, lang) for g in self.gone if g.state == RESOLVED],
            "unverified": [g.to_dict(text, lang) for g in self.gone if g.state == UNVERIFIED],
        }


def compare(old: Snapshot, new: Snapshot) -> Comparison:
    """Compare a previous report with the current one (see the module docstring)."""
    tracked: dict[str, Tracked] = {}
    gone: list[Gone] = []
    for fp, rec in sorted(old.findings.items(), key=lambda kv: _order(kv[1])):
        if fp in new.findings:
            _keep(tracked, fp, Tracked(PERSISTING, rec.first_seen))
            continue
        targets, followed = _targets(rec.unit, old, new)
        reasons: list[Reason] = []
        found = False
        for unit in targets:
            fp_now = fp if unit == rec.unit else _fingerprint(rec.rule, unit, rec.key)
            if fp_now in new.findings:
                _keep(tracked, fp_now, Tracked(PERSISTING, rec.first_seen, rec.unit))
                found = True
                continue
            why = _why_not_run(new, rec, unit)
            if why is not None:
                reasons.append(why)
        if found:
            continue
        followed_to = targets if followed else ()
        if reasons:
            gone.append(Gone(rec, UNVERIFIED, reasons[0], followed_to))
        else:
            gone.append(Gone(rec, RESOLVED, None, followed_to))
    for fp in new.findings:
        if fp not in tracked:
            tracked[fp] = Tracked(NEW, new.period)
    return Comparison(
        tracked=tracked, gone=tuple(gone), old_period=old.period, new_period=new.period
    )


def apply_baseline(
    report: Report, previous: Snapshot, about: Mapping[str, Any] | None = None
) -> Report:
    """``report`` with each finding's state and first-seen period (``report.extra
    ["finding_fields"]``) and the comparison (``report.extra["baseline"]``, with ``about``: the
    previous report's path and sha256)."""
    cmp = compare(previous, Snapshot.of_report(report))
    extra = dict(report.extra)
    fields = {fp: dict(v) for fp, v in extra.get("finding_fields", {}).items()}
    for fp, t in cmp.tracked.items():
        fields.setdefault(fp, {}).update(t.fields())
    extra["finding_fields"] = fields
    extra["baseline"] = (cmp, dict(about or {}))
    return attrs.evolve(report, extra=extra)


# -- helpers ----------------------------------------------------------------------------------
def _order(rec: Record) -> tuple[str, str, str, str]:
    return (rec.unit, rec.rule, rec.key, rec.fingerprint)


def _keep(tracked: dict[str, Tracked], fp: str, t: Tracked) -> None:
    """Record ``t`` unless an earlier first-seen period is already known for ``fp``."""
    known = tracked.get(fp)
    if known is None or _earlier(t.first_seen, known.first_seen):
        tracked[fp] = t


def _earlier(a: Period | None, b: Period | None) -> bool:
    return a is not None and (b is None or a.start < b.start)


def _targets(unit: str, old: Snapshot, new: Snapshot) -> tuple[tuple[str, ...], bool]:
    """The units to look for a previous finding of ``unit`` on: its successors when it was merged
    (absent or retired now, successors known from either report), else itself."""
    if unit in new.units and unit not in new.retired:
        return (unit,), False
    succ = new.successors.get(unit) or old.successors.get(unit)
    return (tuple(succ), True) if succ else ((unit,), False)


def _why_not_run(new: Snapshot, rec: Record, unit: str) -> Reason | None:
    """Why the rule could not have found ``rec`` on ``unit`` now (``None``: it ran clean)."""
    rule = rec.rule
    if rule not in new.rules:
        return Reason("baseline.rule_not_run", {"rule": rule})
    if unit not in new.units:
        return Reason("baseline.unit_absent", {"unit": unit})
    if unit in new.not_applicable.get(rule, ()):
        return Reason("baseline.not_applicable", {"rule": rule, "unit": unit})
    failed = new.failed.get((rule, unit)) or new.failed.get((rule, ""))
    if failed is not None:
        return failed
    wanted = subject_key(rec.subject)
    for subject, reason in new.skipped.get((rule, unit), ()):
        if not subject or subject == wanted:
            return reason
    return None


def _retired(ds: Dataset) -> frozenset[str]:
    """Units that no longer exist during the dataset's period (``valid_to`` before it starts)."""
    p = ds.period
    return frozenset(
        u.id for u in ds.units if u.valid_to is not None and p is not None and u.valid_to < p.start
    )


def _fingerprint(rule: str, unit: str, key: str) -> str:
    return Finding(rule, "", Severity.INFO, unit, "", key=key).fingerprint


def _revive(value: Any) -> Any:
    """An evidence value as the JSON stored it, back to a date where it is an ISO date."""
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return _dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


def period_text(p: Period | None) -> str | None:
    """A period as an ISO 8601 interval (``2022-01-01/2022-06-30``), as in ``first_seen``."""
    return None if p is None else f"{p.start.isoformat()}/{p.end.isoformat()}"


def _period(raw: Any) -> Period | None:
    """A period read from a report: ``{start, end}`` or an ISO interval; ``None`` if neither."""
    try:
        if isinstance(raw, str) and "/" in raw:
            start, end = raw.split("/", 1)
        elif isinstance(raw, Mapping):
            start, end = str(raw["start"]), str(raw["end"])
        else:
            return None
        return Period(_dt.date.fromisoformat(start), _dt.date.fromisoformat(end))
    except (KeyError, ValueError):
        return None


#: An object's id (rules, units), read in C.
_ID = attrgetter("id")


def coverage(report: Report) -> dict[str, Any]:
    """Where each rule ran, for comparisons made from JSON (the report's ``coverage`` section):
    the rules run, the units checked, the units where rules were not applicable (grouped: rules
    over the same section share one list), merged units' successors and retired units."""
    ds = report.dataset
    groups: dict[frozenset[str], list[str]] = {}
    for rid, units in report.not_applicable.items():
        if units:
            groups.setdefault(units, []).append(rid)
    return {
        "rules": sorted(map(_ID, report.rules)),
        "units": sorted(map(_ID, ds.units)),
        "not_applicable": sorted(
            ({"rules": sorted(rules), "units": sorted(units)} for units, rules in groups.items()),
            key=lambda g: g["rules"],
        ),
        "successors": {u.id: list(u.successors) for u in ds.units if u.successors},
        "retired": sorted(_retired(ds)),
    }
