"""The JSON report (schema ``cchc-report/1``): deterministic, sorted, no clock time."""

from __future__ import annotations

import datetime as _dt
import errno
import io
import json
import math
from collections.abc import Callable, Iterable, Iterator, Mapping
from decimal import Decimal
from operator import attrgetter
from typing import TYPE_CHECKING, Any, BinaryIO, TextIO

import msgspec

from .._safe import short_number, stable_str
from .._version import __version__
from ..baseline import coverage
from ..findings import Severity
from ..hookspecs import hookimpl
from ..model import Period, StatedPercent
from ..render import Renderer

if TYPE_CHECKING:
    from ..findings import Finding, Skip
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


def _finding_rows(report: Report, lang: str) -> Iterator[Any]:
    """The rows of :func:`_findings` as they are written: msgspec structs (or dicts with the
    extra fields of a workflow) whose values msgspec writes as the standard encoder would write
    the general rows; the legal-basis references of each set of bases encoded once."""
    bases_of: dict[tuple[str, ...], Any] = {}
    fields: dict[str, dict[str, Any]] = report.extra.get("finding_fields", {})
    waived = report.waived
    message = report._finding_message
    labels = _LABELS
    evidence_row = _row_evidence
    for f in report.findings:
        basis = f.basis
        bases = bases_of.get(basis)
        if bases is None:
            bases = bases_of[basis] = _encoded(_basis_refs(report, basis))
        fingerprint = f.fingerprint
        waiver = waived.get(fingerprint) if waived else None
        row = _FindingRow(
            f.rule,
            f.family,
            labels[f.severity],
            f.unit,
            f.subject,
            message(f, lang),
            f.message,
            evidence_row(f.evidence),
            bases,
            fingerprint,
            f.key,
            None if waiver is None else _std_floats(jsonable(waiver)),
        )
        extra = fields.get(fingerprint) if fields else None
        if extra:  # a dict, which msgspec writes as it is: its evidence sorted here
            out = msgspec.structs.asdict(row)
            out["evidence"] = dict(sorted(out["evidence"].items()))
            for key, value in extra.items():
                out[key] = _std_floats(jsonable(value))
            yield out
        else:
            yield row


class _FindingRow(msgspec.Struct):
    """A finding's row, its fields in the order of :func:`_findings`' dicts."""

    rule: Any
    family: Any
    severity: Any
    unit: Any
    subject: Any
    message: Any
    message_id: Any
    evidence: Any
    legal_basis: Any
    fingerprint: Any
    subject_key: Any
    waiver: Any


class _SkipRow(msgspec.Struct):
    """A skipped check's row, its fields in the order of :func:`_skips`' dicts."""

    rule: Any
    unit: Any
    subject: Any
    reason: Any
    reason_id: Any


def _skips(report: Report, lang: str) -> Iterator[dict[str, Any]]:
    """Each skipped check as a JSON-ready dict, in the report's order."""
    reason_text = skip_reasons(report, lang)
    for s in report.skipped:
        yield {
            "rule": s.rule,
            "unit": s.unit,
            "subject": s.subject,
            "reason": reason_text(s),
            "reason_id": s.reason,
        }


def _skip_rows(report: Report, lang: str) -> Iterator[_SkipRow]:
    """The rows of :func:`_skips` as they are written, each distinct reason text encoded once."""
    reason_text = skip_reasons(report, lang)
    encoded: dict[str, Any] = {}
    for s in report.skipped:
        text = reason_text(s)
        reason = encoded.get(text)
        if reason is None:
            reason = encoded[text] = _encoded(text)
        yield _SkipRow(s.rule, s.unit, s.subject, reason, s.reason)


def _reason_key(skip: Skip) -> tuple[Any, ...]:
    """What a skip's reason text depends on: its reason, subject and parameters (the types of
    their values too: ``1`` and ``1.0`` are equal keys but different texts)."""
    params = skip.params
    if not params:
        return (skip.reason, skip.subject)
    return (skip.reason, skip.subject, *params.items(), *map(type, params.values()))


def _encoded(value: Any) -> Any:
    """``value`` encoded once by msgspec, for rows that repeat it; itself when msgspec refuses it
    (the row then goes through the standard encoder)."""
    try:
        return msgspec.Raw(_ROWS.encode(value))
    except (TypeError, ValueError, OverflowError):
        return value


#: Integers from this size on are written as a short text (``bit_length() >= 1000``).
_LONG = 2**999


def _row_evidence(evidence: Mapping[str, Any]) -> Any:
    """``jsonable(evidence)`` for a row msgspec writes with its dicts sorted (a struct row,
    see :func:`_row_pieces`): evidence of names and plain values (the usual case) is itself,
    other values are made JSON values in a copy."""
    ev = evidence if type(evidence) is dict else dict(evidence)
    if tuple(ev) not in _ORDERS and _plain_order(ev) is None:
        return _std_floats(jsonable(ev))
    out = None
    for k, v in ev.items():
        t = type(v)
        if (
            (t is int and -_LONG < v < _LONG)
            or v is None
            or t is str
            or t is bool
            or (t is float and (v == 0.0 or 1e-4 <= abs(v) < 1e16))
        ):
            continue
        if out is None:
            out = dict(ev)
        out[k] = _std_floats(jsonable(v))
    return ev if out is None else out


def _float_alike(value: float) -> bool:
    """Whether msgspec writes ``value`` as the standard encoder does (finite, no exponent)."""
    return value == 0.0 or 1e-4 <= abs(value) < 1e16


def _std_floats(value: Any) -> Any:
    """A JSON-ready value whose floats msgspec would write otherwise than the standard encoder
    (``1e16`` for ``1e+16``, ``0.000015`` for ``1.5e-05``) pre-encoded as the standard encoder
    writes them: a report writes each number one way."""
    t = type(value)
    if t is dict:
        return {k: _std_floats(v) for k, v in value.items()}
    if t is list:
        return [_std_floats(v) for v in value]
    if isinstance(value, float) and not _float_alike(value):
        return msgspec.Raw(float.__repr__(value).encode())
    return value


def _std_value(value: Any, *, in_struct: bool = False) -> Any:
    """A row value as the standard encoder takes it: a struct as a dict and the dicts in it
    sorted by their keys (as msgspec sorts them), pre-encoded values decoded (the standard
    encoder writes them as msgspec wrote them)."""
    if isinstance(value, msgspec.Struct):
        return {k: _std_value(v, in_struct=True) for k, v in msgspec.structs.asdict(value).items()}
    if isinstance(value, msgspec.Raw):
        return json.loads(bytes(value))
    t = type(value)
    if t is dict:
        items = sorted(value.items(), key=_first) if in_struct else value.items()
        return {k: _std_value(v, in_struct=in_struct) for k, v in items}
    if t is list:
        return [_std_value(v, in_struct=in_struct) for v in value]
    return value


def _first(item: tuple[Any, Any]) -> Any:
    return item[0]


class Rows:
    """A list section of the report (findings, skips) made item by item when written, so that
    a large report never holds every finding as a dict at once. ``make`` gives the items as
    JSON-ready dicts; ``fast``, when given, the same items as the writer encodes them (see
    :func:`_row_pieces`)."""

    __slots__ = ("count", "fast", "make")

    def __init__(
        self,
        count: int,
        make: Callable[[], Iterator[Any]],
        fast: Callable[[], Iterator[Any]] | None = None,
    ) -> None:
        self.count, self.make, self.fast = count, make, fast


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
            key = _reason_key(skip)
            found = reasons.get(key)
        except TypeError:  # a parameter that cannot be a key
            return report.message(skip, lang=lang)
        if found is None:
            found = reasons[key] = report.message(skip, lang=lang)
        return found

    return reason_text


def report_document(report: Report, lang: str) -> dict[str, Any]:
    """The report as a JSON-ready dict whose findings and skips are :class:`Rows`."""
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
        "findings": Rows(
            len(report.findings),
            lambda: _findings(report, lang),
            lambda: _finding_rows(report, lang),
        ),
        "legal_bases": {bid: _basis_entry(report, bid, lang) for bid in _cited(report.findings)},
        "skipped": Rows(
            len(report.skipped), lambda: _skips(report, lang), lambda: _skip_rows(report, lang)
        ),
        "errors": errors,
        "warnings": warnings,
        **_workflow(report, lang),
        **report.extra.get("sections", {}),
    }


#: A finding's legal bases.
_BASIS = attrgetter("basis")


def _cited(findings: Iterable[Finding]) -> list[str]:
    """The legal bases the findings cite, sorted (each distinct set of bases looked at once)."""
    return sorted(set().union(*set(map(_BASIS, findings))))


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
#: hold no value msgspec would write otherwise than the standard encoder (NaN, infinity, a
#: float in exponent form: see :func:`_row_evidence`, :func:`_std_floats`); a row it cannot
#: encode goes through the standard encoder, as compact. Dict rows are written as they are.
_ROWS = msgspec.json.Encoder()
#: Struct rows: their fields in order, the dicts in them sorted by name (as :func:`jsonable`
#: sorts them), so evidence of names goes into a row as it is.
_SORTED_ROWS = msgspec.json.Encoder(order="deterministic")
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
    _write_document(doc, write, lambda rows: _write_rows(rows, write))


def write_document_bytes(doc: dict[str, Any], write: Callable[[bytes | bytearray], object]) -> None:
    """:func:`write_document` as UTF-8 bytes: the rows as msgspec encodes them, never decoded
    to text to be encoded again."""

    def text(piece: str) -> None:
        write(piece.encode())

    _write_document(doc, text, lambda rows: _write_row_bytes(rows, write))


def _write_document(
    doc: dict[str, Any],
    write: Callable[[str], object],
    write_rows: Callable[[Iterator[Any]], None],
) -> None:
    enc = _ENCODER.encode
    write("{\n")
    sep = ""
    for key, value in doc.items():
        if isinstance(value, Rows):
            if value.count:
                write(f"{sep}  {enc(key)}: [\n    ")
                write_rows((value.fast or value.make)())
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
    """Rows one per line, as text (see :func:`_row_pieces`)."""
    for piece in _row_pieces(items):
        write(piece if isinstance(piece, str) else piece.decode())


def _write_row_bytes(items: Iterator[Any], write: Callable[[bytes], object]) -> None:
    """Rows one per line, as UTF-8 bytes (see :func:`_row_pieces`)."""
    for piece in _row_pieces(items):
        write(piece.encode() if isinstance(piece, str) else piece)


def _row_pieces(items: Iterator[Any]) -> Iterator[bytes | str]:
    """Rows one per line, encoded by msgspec into a buffer given in chunks (each a copy: a
    ``write`` may keep what it is given): a dict as it is, a struct row with the dicts in it
    sorted by their keys. A row msgspec cannot encode (a lone surrogate, a key that is not
    text) goes through the standard encoder, as text (:func:`_std_value`)."""
    encode_into = _ROWS.encode_into
    sorted_into = _SORTED_ROWS.encode_into
    buf = bytearray()
    first = True
    for item in items:
        mark = len(buf)
        if not first:
            buf += _BETWEEN
        try:
            (encode_into if type(item) is dict else sorted_into)(item, buf, -1)
        except (TypeError, ValueError, OverflowError):  # UnicodeEncodeError is a ValueError
            del buf[mark:]
            if buf:
                yield bytes(buf)
                buf.clear()
            yield ("" if first else ",\n    ") + _COMPACT.encode(_std_value(item))
        first = False
        if len(buf) >= _CHUNK:
            yield bytes(buf)
            buf.clear()
    if buf:
        yield bytes(buf)


def render_json(report: Report, lang: str) -> str:
    return dumps_report(report_document(report, lang))


def write_json(report: Report, lang: str, out: TextIO | BinaryIO) -> None:
    """The JSON report written to ``out`` as it is made (the same text as :func:`render_json`):
    to a text file as text, to a binary file (``wb``, a pipe's buffer, an unbuffered file) as
    UTF-8 bytes."""
    doc = report_document(report, lang)
    if isinstance(out, io.BufferedIOBase):
        write_document_bytes(doc, out.write)
    elif isinstance(out, io.RawIOBase):
        write_document_bytes(doc, _write_all(out))
    else:
        write_document(doc, out.write)  # type: ignore[arg-type]


def _write_all(raw: io.RawIOBase) -> Callable[[bytes | bytearray], None]:
    """A ``write`` for an unbuffered file (``python -u``'s stdout) that writes all it is given:
    the file's own ``write`` may write only part of it."""

    def write(data: bytes | bytearray) -> None:
        with memoryview(data) as view:
            done = 0
            while done < len(view):
                written = raw.write(view[done:])
                if written is None:  # a non-blocking file that cannot take more now
                    raise BlockingIOError(errno.EAGAIN, "write could not complete without blocking")
                done += written

    return write


@hookimpl
def cchc_register_renderers(register: Callable[[Renderer], None]) -> None:
    register(
        Renderer(
            name="json",
            render=render_json,
            write=write_json,
            write_binary=True,
            extension=".json",
            description="JSON report, schema cchc-report/1",
        )
    )
