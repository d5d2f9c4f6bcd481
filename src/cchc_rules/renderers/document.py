"""The content of the document reports (md, html, csv, xlsx, junit), in one language.

Built from the JSON report's own dict (:func:`~cchc_rules.renderers.json.report_dict`), so every
format holds the same findings, skips, errors, waivers and baseline states as the JSON report;
only the presentation differs. Values stay plain text here: each format escapes or neutralises
them itself.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs

from .._version import __version__
from ..messages import format_value
from .json import report_dict
from .provenance import Figure, Provenance, provenance

if TYPE_CHECKING:
    from ..messages import Catalog
    from ..report import Report

__all__ = [
    "BASELINE_HEAD",
    "BASES_HEAD",
    "BasisRow",
    "Document",
    "ErrorRow",
    "Figure",
    "FindingRow",
    "Provenance",
    "SkipRow",
    "Table",
    "UnitSection",
    "build",
    "family_label",
]

#: Column headings (label ids) of the tables every document format shows.
SKIPPED_HEAD = ("label.unit", "label.rule", "label.subject", "report.reason")
ERRORS_HEAD = ("report.kind_of_error", "report.location", "label.message")
WARNINGS_HEAD = ("report.location", "label.message")
WAIVERS_HEAD = (
    "label.rule",
    "label.unit",
    "label.subject",
    "report.reason",
    "report.approver",
    "report.expires",
    "report.state",
    "report.covered",
)
BASELINE_HEAD = (
    "report.state",
    "label.rule",
    "label.unit",
    "label.subject",
    "label.message",
    "report.reason",
)
BASES_HEAD = (
    "report.doc_number",
    "report.doc_title",
    "report.issued",
    "report.in_force",
    "report.source",
)


@attrs.frozen
class FindingRow:
    """One finding as a reader sees it (``severity`` and ``state`` are also kept as keys)."""

    unit: str
    unit_name: str
    rule: str
    rule_title: str
    family: str
    family_text: str
    severity: str
    severity_text: str
    subject: str
    message: str
    evidence: tuple[tuple[str, str], ...]
    basis: str
    waiver: str
    state: str
    state_text: str
    first_seen: str
    fingerprint: str
    fails: bool
    #: The quotes of the figures it used, when the data came from extraction (``provenance``).
    quotes: tuple[Figure, ...] = ()

    def quoted(self) -> tuple[tuple[str, str, str], ...]:
        """The quotes of its figures, one per sentence: the figures' keys (comma-separated),
        the place and the quote."""
        groups: dict[tuple[str, str], list[str]] = {}
        for g in self.quotes:
            groups.setdefault((g.where, g.quote), []).append(g.key)
        return tuple((", ".join(keys), where, quote) for (where, quote), keys in groups.items())

    @property
    def quotes_text(self) -> str:
        """Each quote with its figures and place: ``dossiers.received (II.2, đoạn 22): “…”``."""
        return "\n".join(f"{keys} ({where}): “{quote}”" for keys, where, quote in self.quoted())

    @property
    def evidence_text(self) -> str:
        return "; ".join(f"{k} = {v}" for k, v in self.evidence)


@attrs.frozen
class UnitSection:
    id: str
    name: str
    kind: str
    findings: tuple[FindingRow, ...]

    def counts(self) -> dict[str, int]:
        """Its findings by severity (``error``, ``warning``, ``info``, each present)."""
        by = {"error": 0, "warning": 0, "info": 0}
        for f in self.findings:
            by[f.severity] += 1
        return by


@attrs.frozen
class SkipRow:
    """A skip: ``message`` as every renderer shows it (:meth:`Report.message`), ``reason`` the
    same without the subject it may start with (for a format that gives the subject a column)."""

    unit: str
    rule: str
    subject: str
    reason: str
    message: str


@attrs.frozen
class ErrorRow:
    """A data, plugin or rule error; ``where`` is its location (file:line key, plugin, unit)."""

    kind: str
    kind_text: str
    where: str
    rule: str
    unit: str
    message: str


@attrs.frozen
class BasisRow:
    id: str
    number: str
    title: str
    issued: str
    in_force: str
    article: str
    source: str

    @property
    def cells(self) -> tuple[str, str, str, str, str]:
        """Its row under :data:`BASES_HEAD`."""
        return (self.number, self.title, self.issued, self.in_force, self.source)


@attrs.frozen
class Table:
    """A plain table of the report: its title and headings as label ids, its rows as text."""

    title: str
    head: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@attrs.frozen(kw_only=True)
class Document:
    """A report's content in ``lang``; ``label(id)`` renders any catalogue label."""

    lang: str
    report: Report = attrs.field(repr=False)
    data: Mapping[str, Any] = attrs.field(repr=False)
    title: str
    meta: tuple[tuple[str, str], ...]
    title_block: Mapping[str, Any]
    summary: tuple[tuple[str, int], ...]
    findings: tuple[FindingRow, ...]
    units: tuple[UnitSection, ...]
    skipped: tuple[SkipRow, ...]
    errors: tuple[ErrorRow, ...]
    warnings: tuple[ErrorRow, ...]
    waivers: tuple[tuple[str, ...], ...]
    baseline: tuple[tuple[str, ...], ...]
    baseline_counts: tuple[tuple[str, int], ...]
    legal_bases: tuple[BasisRow, ...]
    #: Where the figures were read, when the data was extracted from report documents.
    provenance: Provenance | None = None

    def label(self, message_id: str, params: Mapping[str, Any] | None = None) -> str:
        return self.report.text(message_id, params, lang=self.lang)

    @property
    def generated(self) -> str:
        return self.label("report.generated", {"version": __version__})

    def tables(self) -> tuple[Table, ...]:
        """The skips and errors (always, "none" when empty), then the data warnings and the
        waivers (when there are any)."""
        out = [
            Table(
                "report.section.skipped",
                SKIPPED_HEAD,
                tuple((s.unit, s.rule, s.subject, s.reason) for s in self.skipped),
            ),
            Table(
                "report.section.errors",
                ERRORS_HEAD,
                tuple((e.kind_text, e.where, e.message) for e in self.errors),
            ),
        ]
        if self.warnings:
            rows = tuple((w.where, w.message) for w in self.warnings)
            out.append(Table("report.section.warnings", WARNINGS_HEAD, rows))
        if self.waivers:
            out.append(Table("report.section.waivers", WAIVERS_HEAD, self.waivers))
        return tuple(out)

    @property
    def clean_units(self) -> tuple[UnitSection, ...]:
        return tuple(u for u in self.units if not u.findings)

    def extracted_notes(self) -> tuple[str, ...]:
        """One line per report document the data was extracted from (none for data files)."""
        if self.provenance is None:
            return ()
        return tuple(
            self.label(
                "report.provenance.extracted",
                {"file": f.file, "figures": f.figures, "uncertain": f.uncertain},
            )
            for f in self.provenance.files
        )

    def figure_units(self) -> tuple[tuple[str, str, tuple[Figure, ...]], ...]:
        """Each unit with extracted figures: its id, its name and the figures."""
        if self.provenance is None:
            return ()
        names = {u.id: u.name for u in self.units}
        return tuple((u, names.get(u, u), g) for u, g in self.provenance.units.items())

    def figure_place(self, figure: Figure) -> str:
        """Where a figure was read; with the document's name when there are several."""
        if self.provenance is not None and len(self.provenance.files) > 1:
            return f"{figure.file}: {figure.where}"
        return figure.where

    def place_date(self) -> str:
        """The title block's "place, date" line (``Hải Phòng, ngày 15 tháng 12 năm 2025``)."""
        block = self.title_block
        day = block.get("date")
        if not isinstance(day, _dt.date):
            return str(block.get("place") or "")
        params = {"day": f"{day.day:02d}", "month": f"{day.month:02d}", "year": str(day.year)}
        if block.get("place"):
            return self.label("report.place_date", {**params, "place": block["place"]})
        return self.label("report.date_only", params)

    def heading(self) -> str:
        """The document's title: the configured one, else the dataset's, else a generic one."""
        return str(self.title_block.get("title") or self.title)


def _date(value: Any) -> str:
    """An ISO date string (as the JSON report writes it) as ``dd/mm/yyyy``."""
    if isinstance(value, str):
        try:
            return format_value(_dt.date.fromisoformat(value), "vi")
        except ValueError:
            return value
    return "" if value is None else format_value(value, "vi")


def _finding_rows(
    report: Report, data: Mapping[str, Any], lang: str, found: Provenance | None
) -> tuple[FindingRow, ...]:
    t = report.registry.messages.render
    names = {u.id: u.name for u in report.dataset.units}
    rules = report.registry.rules
    fields = report.extra.get("finding_fields", {})
    config = report.config
    rows = []
    for f, d in zip(report.findings, data["findings"], strict=True):
        r = rules.get(f.rule)
        waiver = d.get("waiver")
        extra = fields.get(f.fingerprint, {})
        state = str(extra.get("state") or "")
        rows.append(
            FindingRow(
                unit=f.unit,
                unit_name=names.get(f.unit, f.unit),
                rule=f.rule,
                rule_title=(r.title.get(lang) or r.title.get("en", "")) if r else "",
                family=f.family,
                family_text=family_label(report.registry.messages, f.family, lang),
                severity=f.severity.label,
                severity_text=t(f"label.{f.severity.label}", None, lang),
                subject=f.subject,
                message=d["message"],
                evidence=tuple((k, _figure(k, v, lang)) for k, v in sorted(f.evidence.items())),
                basis=report.basis_text(f.basis, lang=lang),
                waiver=t("label.waived_by", _waiver_params(waiver), lang) if waiver else "",
                state=state,
                state_text=t(f"label.baseline.{state}", None, lang) if state else "",
                first_seen=str(extra.get("first_seen") or ""),
                fingerprint=f.fingerprint,
                fails=not waiver and config.fails((f,)),
                quotes=found.quotes(f) if found else (),
            )
        )
    return tuple(rows)


def family_label(messages: Catalog, family: str, lang: str) -> str:
    """A rule family's name in ``lang`` (``family.<id>`` in the message catalogues), else its
    id (a plugin's family without a label)."""
    key = f"family.{family}"
    if messages.has(key, lang) or messages.has(key, "en"):
        return messages.render(key, None, lang)
    return family


def _figure(key: str, value: Any, lang: str) -> str:
    """An evidence figure as the messages format it; a year is written without grouping."""
    if key.endswith("year") and isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, Mapping):
        return ", ".join(f"{k}: {_figure(str(k), v, lang)}" for k, v in value.items())
    if isinstance(value, (list, tuple)) and any(isinstance(v, Mapping) for v in value):
        return "; ".join(_figure(key, v, lang) for v in value)
    return format_value(value, lang)


def _waiver_params(waiver: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "reason": waiver.get("reason"),
        "approver": waiver.get("approver"),
        "expires": _date(waiver.get("expires")),
    }


def _skip(entry: Mapping[str, Any]) -> SkipRow:
    """A skip; its reason without the subject it starts with (the subject has its column)."""
    subject, message = str(entry["subject"] or ""), str(entry["reason"])
    reason = message
    if subject and reason.startswith(f"{subject}: "):
        reason = reason[len(subject) + 2 :]
    return SkipRow(str(entry["unit"]), str(entry["rule"]), subject, reason, message)


def _errors(entries: list[dict[str, Any]], t: Any, lang: str) -> tuple[ErrorRow, ...]:
    out = []
    for e in entries:
        kind = str(e.get("kind", ""))
        if kind == "data":
            where = str(e.get("source") or "")
            if e.get("line"):
                where += f":{e['line']}"
            if e.get("location"):
                where += f" {e['location']}"
        elif kind == "plugin":
            where = str(e.get("plugin") or "")
        else:
            where = f"{e.get('rule')} ({e.get('plugin')}) @ {e.get('unit')}"
        out.append(
            ErrorRow(
                kind=kind,
                kind_text=t(f"report.error.{kind}", None, lang),
                where=where.strip(),
                rule=str(e.get("rule") or ""),
                unit=str(e.get("unit") or ""),
                message=str(e.get("message") or ""),
            )
        )
    return tuple(out)


def _in_force(entry: Mapping[str, Any], t: Any, lang: str) -> str:
    start, end = entry.get("in_force_from"), entry.get("in_force_to")
    if start and end:
        return str(t("report.in_force_range", {"start": _date(start), "end": _date(end)}, lang))
    if start:
        return str(t("report.in_force_from", {"start": _date(start)}, lang))
    return ""


def _summary(data: Mapping[str, Any], t: Any, lang: str) -> tuple[tuple[str, int], ...]:
    s = data["summary"]
    found = s["findings"]
    rows = [
        (t("label.units", None, lang), s["units"]),
        (t("label.rules", None, lang), s["rules"]),
        (t("label.evaluations", None, lang), s["evaluations"]),
        (t("report.findings_total", None, lang), found["total"]),
    ]
    rows += [(t(f"report.count.{k}", None, lang), n) for k, n in found.items() if k != "total"]
    counts = (
        "waived",
        "not_applicable",
        "skipped",
        "rule_errors",
        "data_errors",
        "plugin_failures",
    )
    rows += [(t(f"label.{key}", None, lang), s[key]) for key in counts if key in s]
    return tuple((str(label).capitalize(), int(n)) for label, n in rows)


def _meta(report: Report, data: Mapping[str, Any], t: Any, lang: str) -> list[tuple[str, str]]:
    ds = data["dataset"]
    meta = []
    period = ds.get("period")
    if period:
        meta.append(
            (t("label.period", None, lang), f"{_date(period['start'])}–{_date(period['end'])}")
        )
    if ds.get("reported_by"):
        names = {u.id: u.name for u in report.dataset.units}
        who = ds["reported_by"]
        shown = f"{names[who]} ({who})" if who in names else who
        meta.append((t("report.reported_by", None, lang), shown))
    ref = ds.get("report")
    if ref and (ref.get("number") or ref.get("date")):
        params = {"number": ref.get("number") or "—", "date": _date(ref.get("date")) or "—"}
        meta.append((t("report.unit_report", None, lang), t("report.report_ref", params, lang)))
    if ds.get("sources"):
        meta.append((t("report.sources", None, lang), ", ".join(ds["sources"])))
    if data.get("as_of"):
        meta.append((t("report.as_of", None, lang), _date(data["as_of"])))
    return meta


def build(report: Report, lang: str) -> Document:
    """The document content of ``report`` in ``lang``."""
    data = report_dict(report, lang)
    t = report.registry.messages.render
    found = provenance(report)
    rows = _finding_rows(report, data, lang, found)
    by_unit: dict[str, list[FindingRow]] = {}
    for row in rows:
        by_unit.setdefault(row.unit, []).append(row)
    units = tuple(
        UnitSection(u.id, u.name, u.kind or "", tuple(by_unit.get(u.id, ())))
        for u in sorted(report.dataset.units, key=lambda u: u.id)
    )
    known = {u.id for u in units}
    units += tuple(  # findings about a unit the dataset does not hold (a plugin's)
        UnitSection(uid, uid, "", tuple(found))
        for uid, found in by_unit.items()
        if uid not in known
    )
    waivers = tuple(
        (
            str(w["rule"]),
            str(w["unit"]),
            str(w.get("subject") or ""),
            str(w["reason"]),
            str(w["approver"]),
            _date(w["expires"]),
            t(f"label.state.{w['state']}", None, lang),
            str(w["findings"]),
        )
        for w in data.get("waivers", ())
    )
    section = data.get("baseline") or {}
    gone = tuple(
        (
            t(f"label.baseline.{g['state']}", None, lang),
            str(g.get("rule") or ""),
            str(g.get("unit") or ""),
            str(g.get("subject") or ""),
            str(g.get("message") or ""),
            str(g.get("reason") or ""),
        )
        for g in (*section.get("resolved", ()), *section.get("unverified", ()))
    )
    counts = tuple(
        (t(f"label.baseline.{k}", None, lang), int(n)) for k, n in section.get("counts", {}).items()
    )
    bases = tuple(
        BasisRow(
            id=bid,
            number=str(b.get("number") or bid),
            title=str(b.get("title") or ""),
            issued=_date(b.get("issued")),
            in_force=_in_force(b, t, lang),
            article=str(b.get("article") or ""),
            source=str(b.get("source") or ""),
        )
        for bid, b in data["legal_bases"].items()
    )
    return Document(
        lang=lang,
        report=report,
        data=data,
        title=data["dataset"].get("title") or t("report.title", None, lang),
        meta=tuple(_meta(report, data, t, lang)),
        title_block=dict(report.config.report),
        summary=_summary(data, t, lang),
        findings=rows,
        units=units,
        skipped=tuple(_skip(s) for s in data["skipped"]),
        errors=_errors(data["errors"], t, lang),
        warnings=_errors(data["warnings"], t, lang),
        waivers=waivers,
        baseline=gone,
        baseline_counts=counts,
        legal_bases=bases,
        provenance=found,
    )
