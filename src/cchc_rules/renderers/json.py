"""The JSON report (schema ``cchc-report/1``): deterministic, sorted, no clock time."""

from __future__ import annotations

import datetime as _dt
import json
import math
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TextIO

import msgspec

from .._safe import short_number, stable_str
from .._version import __version__
from ..baseline import coverage
from ..findings import Severity
from ..hookspecs import hookimpl
from ..model import Period, StatedPercent
from ..render import Renderer

if TYPE_CHECKING:
    from ..findings import Skip
    from ..report import Report

SCHEMA = "cchc-report/1"


def jsonable(value: Any) -> Any:
    """Evidence and parameter values as JSON values (dates ISO, stated percentages as written).

    Never anything strict JSON lacks: an infinite or undefined number is the text ``"inf"`` /
    ``"nan"``, an integer too long to print a short text, any other object its text without
    memory addresses (the same in every run).
    """
    if isinstance(value, dict):  # evidence, the usual case
        order = _plain_order(value)
        if order is not None:
            return _plain_dict(value, order)
        return {stable_str(k): jsonable(v) for k, v in sorted(value.items(), key=_key)}
    if isinstance(value, (str, bool)) or value is None:
        return value
    if isinstance(value, int):
        return value if value.bit_length() < 1000 else short_number(value)
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, StatedPercent):
        return str(value)
    if isinstance(value, Decimal):
        return float(value) if value.is_finite() and abs(value) < _HUGE else str(value)
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, Period):
        return {"start": value.start.isoformat(), "end": value.end.isoformat()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [jsonable(v) for v in value]
        return sorted(items, key=str) if isinstance(value, (set, frozenset)) else items
    return stable_str(value)


#: The sorted keys of dicts whose keys are all names (as evidence has them: their stable text is
#: themselves), by the keys in their order. Evidence of a rule has the same keys in every
#: finding, so each set of keys is checked and sorted once.
_ORDERS: dict[tuple[str, ...], tuple[str, ...]] = {}


def _plain_order(value: dict[Any, Any]) -> tuple[str, ...] | None:
    """The sorted keys of ``value`` when they are all names, else ``None``."""
    keys = tuple(value)
    order = _ORDERS.get(keys)
    if order is None:
        if not all(type(k) is str and len(k) <= 500 and " at 0x" not in k for k in keys):
            return None
        order = tuple(sorted(keys))
        if len(_ORDERS) >= 4096:
            _ORDERS.clear()
        _ORDERS[keys] = order
    return order


def _plain_dict(value: dict[str, Any], order: tuple[str, ...]) -> dict[str, Any]:
    """``value`` sorted by its names; plain values are JSON values as they are."""
    out: dict[str, Any] = {}
    isfinite = math.isfinite
    for k in order:
        v = value[k]
        t = type(v)
        out[k] = (
            v
            if t is str
            or v is None
            or t is bool
            or (t is int and v.bit_length() < 1000)
            or (t is float and isfinite(v))
            else jsonable(v)
        )
    return out


_HUGE = Decimal("1e300")


def _key(item: tuple[Any, Any]) -> str:
    return stable_str(item[0])


def _basis_entry(report: Report, bid: str, lang: str) -> dict[str, Any]:
    b = report.registry.law.get(bid)
    if b is None:
        return {"id": bid}
    return {
        "id": b.id,
        "number": b.number,
        "kind": b.kind,
        "title": b.title(lang),
        "issued": jsonable(b.issued),
        "in_force_from": jsonable(b.in_force_from),
        "in_force_to": jsonable(b.in_force_to),
        "article": b.article or None,
        "source": b.source or None,
    }


def _basis_refs(report: Report, basis: tuple[str, ...]) -> list[dict[str, Any]]:
    """Each cited basis by id and number; the details are listed once, in ``legal_bases``."""
    law = report.registry.law
    return [{"id": bid, "number": b.number if (b := law.get(bid)) else None} for bid in basis]


#: Severity labels, by severity.
_LABELS = {s: s.label for s in Severity}


def _findings(report: Report, lang: str) -> Iterator[dict[str, Any]]:
    """Each finding as a JSON-ready dict, in the report's order."""
    bases_of: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    fields: dict[str, dict[str, Any]] = report.extra.get("finding_fields", {})
    waived = report.waived
    message = report._finding_message
    for f in report.findings:
        bases = bases_of.get(f.basis)
        if bases is None:
            bases = bases_of[f.basis] = _basis_refs(report, f.basis)
        fingerprint = f.fingerprint
        evidence = f.evidence
        waiver = waived.get(fingerprint) if waived else None
        out = {
            "rule": f.rule,
            "family": f.family,
            "severity": _LABELS[f.severity],
            "unit": f.unit,
            "subject": f.subject,
            "message": message(f, lang),
            "message_id": f.message,
            "evidence": jsonable(evidence if type(evidence) is dict else dict(evidence)),
            "legal_basis": bases,
            "fingerprint": fingerprint,
            "subject_key": f.key,
            "waiver": None if waiver is None else jsonable(waiver),
        }
        if fields:
            for key, value in fields.get(fingerprint, {}).items():
                out[key] = jsonable(value)
        yield out


class Rows:
    """A list section of the report (findings, skips) made item by item when written, so that
    a large report never holds every finding as a dict at once."""

    __slots__ = ("count", "make")

    def __init__(self, count: int, make: Callable[[], Iterator[Any]]) -> None:
        self.count, self.make = count, make


def report_dict(report: Report, lang: str) -> dict[str, Any]:
    """The report as a JSON-ready dict."""
    return {
        key: list(value.make()) if isinstance(value, Rows) else value
        for key, value in report_document(report, lang).items()
    }


def skip_reasons(report: Report, lang: str) -> Callable[[Skip], str]:
    """``report.message(skip, lang=lang)``, each distinct reason rendered once: skip reasons
    repeat across units (the same figure missing everywhere)."""
    reasons: dict[Any, str] = {}

    def reason_text(skip: Skip) -> str:
        try:
            key: Any = (skip.reason, skip.subject, tuple(sorted(skip.params.items())))
            hash(key)
        except TypeError:
            return report.message(skip, lang=lang)
        found = reasons.get(key)
        if found is None:
            found = reasons[key] = report.message(skip, lang=lang)
        return found

    return reason_text


def report_document(report: Report, lang: str) -> dict[str, Any]:
    """The report as a JSON-ready dict whose findings and skips are :class:`Rows`."""
    reason_text = skip_reasons(report, lang)

    ds = report.dataset
    cfg = report.config
    text = report.registry.messages.render
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
        errors.append(
            {
                "kind": "plugin",
                "plugin": p.plugin,
                "message": p.text(lang),
                "message_id": p.message_id,
            }
        )
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
        "config": report.extra.get("config") or jsonable(cfg.to_dict()),
        "manifest": {
            "engine": __version__,
            "inputs": [{"path": s.path, "sha256": s.sha256} for s in ds.sources],
            "config": {"path": cfg.source, "sha256": cfg.sha256} if cfg.source else None,
            "plugins": [
                {"name": p.name, "version": p.version, "origin": p.origin}
                for p in sorted(report.registry.plugins, key=lambda p: p.name)
            ],
            "parameters": jsonable(params),
            "parameters_by_kind": jsonable(
                {rid: dict(k) for rid, k in cfg.kind_params.items() if rid in params}
            ),
        },
        "summary": report.summary.to_dict(),
        "findings": Rows(len(report.findings), lambda: _findings(report, lang)),
        "legal_bases": {
            bid: _basis_entry(report, bid, lang)
            for bid in sorted({b for f in report.findings for b in f.basis})
        },
        "skipped": Rows(
            len(report.skipped),
            lambda: (
                {
                    "rule": s.rule,
                    "unit": s.unit,
                    "subject": s.subject,
                    "reason": reason_text(s),
                    "reason_id": s.reason,
                }
                for s in report.skipped
            ),
        ),
        "errors": errors,
        "warnings": warnings,
        **_workflow(report, lang),
        **report.extra.get("sections", {}),
    }


def _workflow(report: Report, lang: str) -> dict[str, Any]:
    """Where each rule ran (``coverage``, for ``cchc diff``), the waivers' states and the
    comparison with a baseline report, when there is one."""
    out: dict[str, Any] = {"coverage": coverage(report)}
    statuses = report.extra.get("waivers")
    if statuses:
        out["waivers"] = [jsonable(s.to_dict()) for s in statuses]
    compared = report.extra.get("baseline")
    if compared is not None:
        comparison, about = compared
        out["baseline"] = jsonable(comparison.section(report.registry.messages.render, lang, about))
    return out


#: The sections (a line each, errors and warnings a line per item): the standard library's C
#: encoder, spaced for reading.
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": "))
#: Rows (findings, skips): msgspec, several times faster, compact (it writes no spaces). Rows
#: are made by :func:`jsonable`, so they hold no value msgspec would write otherwise than the
#: standard encoder (NaN, infinity); a row it cannot encode goes through the standard encoder,
#: as compact.
_ROWS = msgspec.json.Encoder()
_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
#: Encoded rows are written in pieces of about this many bytes.
_CHUNK = 1 << 20
_BETWEEN = b",\n    "


def dumps_report(doc: dict[str, Any]) -> str:
    """JSON text with one top-level key per line and one list item (a finding, a skip, an
    error) per line: readable and diff-friendly, and fast."""
    out: list[str] = []
    write_document(doc, out.append)
    return "".join(out)


def write_document(doc: dict[str, Any], write: Callable[[str], object]) -> None:
    """Write ``doc`` as :func:`dumps_report` lays it out, a piece at a time (:class:`Rows` made
    item by item)."""
    enc = _ENCODER.encode
    write("{\n")
    sep = ""
    for key, value in doc.items():
        if isinstance(value, Rows):
            if value.count:
                write(f"{sep}  {enc(key)}: [\n    ")
                _write_rows(value.make(), write)
                write("\n  ]")
            else:
                write(f"{sep}  {enc(key)}: []")
        elif isinstance(value, list) and value:
            write(f"{sep}  {enc(key)}: [\n    ")
            write(",\n    ".join(enc(item) for item in value))
            write("\n  ]")
        else:
            write(f"{sep}  {enc(key)}: {enc(value)}")
        sep = ",\n"
    write("\n}\n")


def _write_rows(items: Iterator[Any], write: Callable[[str], object]) -> None:
    """Rows one per line, encoded by msgspec into a buffer written in chunks; a row msgspec
    cannot encode (a lone surrogate, a key that is not text) goes through the standard
    encoder, as before."""
    encode_into = _ROWS.encode_into
    buf = bytearray()
    first = True
    for item in items:
        mark = len(buf)
        if not first:
            buf += _BETWEEN
        try:
            encode_into(item, buf, -1)
        except (TypeError, ValueError, OverflowError):  # UnicodeEncodeError is a ValueError
            del buf[mark:]
            if buf:
                write(buf.decode())
                buf.clear()
            write(("" if first else ",\n    ") + _COMPACT.encode(item))
        first = False
        if len(buf) >= _CHUNK:
            write(buf.decode())
            buf.clear()
    if buf:
        write(buf.decode())


def render_json(report: Report, lang: str) -> str:
    return dumps_report(report_document(report, lang))


def write_json(report: Report, lang: str, out: TextIO) -> None:
    """The JSON report written to ``out`` as it is made (the same text as :func:`render_json`)."""
    write_document(report_document(report, lang), out.write)


@hookimpl
def cchc_register_renderers(register: Callable[[Renderer], None]) -> None:
    register(
        Renderer(
            name="json",
            render=render_json,
            write=write_json,
            extension=".json",
            description="JSON report, schema cchc-report/1",
        )
    )
