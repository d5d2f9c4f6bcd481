"""The JSON report (schema ``cchc-report/1``): deterministic, sorted, no clock time."""

from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .._version import __version__
from ..hookspecs import hookimpl
from ..model import Period, StatedPercent
from ..render import Renderer

if TYPE_CHECKING:
    from ..findings import Finding
    from ..report import Report

SCHEMA = "cchc-report/1"


def jsonable(value: Any) -> Any:
    """Evidence and parameter values as JSON values (dates ISO, stated percentages as written)."""
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, StatedPercent):
        return str(value)
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, Period):
        return {"start": value.start.isoformat(), "end": value.end.isoformat()}
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in sorted(value.items())}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [jsonable(v) for v in value]
        return sorted(items, key=str) if isinstance(value, (set, frozenset)) else items
    return str(value)


def _finding(report: Report, f: Finding, lang: str) -> dict[str, Any]:
    law = report.registry.law
    bases: list[dict[str, Any]] = []
    for bid in f.basis:
        b = law.get(bid)
        if b is None:
            bases.append({"id": bid})
            continue
        bases.append(
            {
                "id": b.id,
                "number": b.number,
                "title": b.title(lang),
                "in_force_from": jsonable(b.in_force_from),
                "in_force_to": jsonable(b.in_force_to),
                "article": b.article or None,
                "source": b.source or None,
            }
        )
    out = {
        "rule": f.rule,
        "family": f.family,
        "severity": f.severity.label,
        "unit": f.unit,
        "subject": f.subject,
        "message": report.message(f, lang),
        "message_id": f.message,
        "evidence": jsonable(dict(f.evidence)),
        "legal_basis": bases,
        "fingerprint": f.fingerprint,
        "waiver": jsonable(report.waived.get(f.fingerprint)),
    }
    for key, value in report.extra.get("finding_fields", {}).get(f.fingerprint, {}).items():
        out[key] = jsonable(value)
    return out


def report_dict(report: Report, lang: str) -> dict[str, Any]:
    """The report as a JSON-ready dict."""
    ds = report.dataset
    cfg = report.config
    text = report.text
    errors: list[dict[str, Any]] = []
    warnings: list[dict[str, Any]] = []
    for issue in report.data_issues:
        entry = {
            "kind": "data",
            "source": issue.source,
            "location": issue.location,
            "line": issue.line,
            "message": text(issue.message, issue.params, lang),
            "message_id": issue.message,
        }
        (errors if issue.is_error else warnings).append(entry)
    for p in report.plugin_failures:
        errors.append({"kind": "plugin", "plugin": p.plugin, "message": p.message})
    for e in report.rule_errors:
        errors.append(
            {
                "kind": "rule",
                "rule": e.rule,
                "plugin": e.plugin,
                "unit": e.unit,
                "message": text(e.message, e.params, lang),
                "message_id": e.message,
            }
        )
    params = {r.id: {p.name: jsonable(p.default) for p in r.params} for r in report.rules}
    for rid, values in cfg.params.items():
        if rid in params:
            params[rid].update(jsonable(dict(values)))
    return {
        "schema": SCHEMA,
        "tool": {"name": "cchc-rules", "version": __version__},
        "lang": lang,
        "as_of": jsonable(report.as_of),
        "dataset": {
            "title": ds.title,
            "reported_by": ds.reported_by,
            "period": jsonable(ds.period),
            "report": {"number": ds.report.number, "date": jsonable(ds.report.date)}
            if ds.report
            else None,
            "source": ds.source,
            "sources": [s.path for s in ds.sources],
        },
        "config": report.extra.get("config")
        or {
            "source": cfg.source,
            "lang": cfg.lang,
            "fail_on": cfg.fail_on,
            "select": list(cfg.select),
            "ignore": list(cfg.ignore),
        },
        "manifest": {
            "engine": __version__,
            "inputs": [{"path": s.path, "sha256": s.sha256} for s in ds.sources],
            "config": {"path": cfg.source, "sha256": cfg.sha256} if cfg.source else None,
            "plugins": [
                {"name": p.name, "version": p.version, "origin": p.origin}
                for p in sorted(report.registry.plugins, key=lambda p: p.name)
            ],
            "parameters": jsonable(params),
        },
        "summary": report.summary.to_dict(),
        "findings": [_finding(report, f, lang) for f in report.findings],
        "skipped": [
            {
                "rule": s.rule,
                "unit": s.unit,
                "subject": s.subject,
                "reason": text(s.reason, s.params, lang),
                "reason_id": s.reason,
            }
            for s in report.skipped
        ],
        "errors": errors,
        "warnings": warnings,
        **report.extra.get("sections", {}),
    }


def render_json(report: Report, lang: str) -> str:
    return json.dumps(report_dict(report, lang), ensure_ascii=False, indent=2) + "\n"


@hookimpl
def cchc_register_renderers(register: Callable[[Renderer], None]) -> None:
    register(
        Renderer(
            name="json",
            render=render_json,
            extension=".json",
            description="JSON report, schema cchc-report/1",
        )
    )
