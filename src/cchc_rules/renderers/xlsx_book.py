"""The xlsx report (openpyxl): a findings sheet with filters and a frozen header, a summary
sheet, a sheet per unit's counts, skips and errors (and waivers, the baseline comparison, data
warnings and legal bases when there are any). Text from the data is neutralised so that it is
never read as a formula (a leading ``'``); counts are numbers."""

from __future__ import annotations

import datetime as _dt
import io
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from .cells import finding_header, finding_values, neutralise
from .document import BASELINE_HEAD, BASES_HEAD, Document, build

if TYPE_CHECKING:
    from ..report import Report

_HEAD_FONT = Font(bold=True, color="FFFFFF")
_HEAD_FILL = PatternFill("solid", fgColor="1F3B5C")
_WRAP = Alignment(wrap_text=True, vertical="top")
_SEVERITY_FONT = {
    "error": Font(bold=True, color="B3261E"),
    "warning": Font(bold=True, color="9A6700"),
    "info": Font(color="0B5CAD"),
}
#: Column widths (characters) of the findings sheet, in the order of ``FINDING_COLUMNS``.
_FINDING_WIDTHS = (16, 28, 8, 30, 12, 10, 26, 60, 36, 30, 24, 14, 12, 18, 70)
#: A fixed time for the workbook's properties, so the same report gives the same workbook.
_EPOCH = _dt.datetime(2000, 1, 1)

Cell = str | int | None
#: The sheet (its name's label id and column widths) of each of the document's tables.
_SHEETS: dict[str, tuple[str, tuple[int, ...]]] = {
    "report.section.skipped": ("label.skipped", (20, 10, 30, 70)),
    "report.section.errors": ("report.section.errors", (12, 50, 80)),
    "report.section.warnings": ("report.section.warnings", (50, 80)),
    "report.section.waivers": ("report.section.waivers", (10, 20, 24, 40, 20, 12, 14, 10)),
}


def _sheet_name(text: str) -> str:
    """A valid, unique-enough sheet name (at most 31 characters, none of ``[]:*?/\\``)."""
    return "".join(c for c in text if c not in "[]:*?/\\")[:31] or "Sheet"


def _fill(
    ws: Worksheet,
    head: Sequence[str],
    rows: Iterable[Sequence[Cell]],
    widths: Sequence[int] = (),
) -> None:
    """A table with a styled, frozen header row and filters; text cells neutralised."""
    ws.append([neutralise(h) for h in head])
    for cell in ws[1]:
        cell.font = _HEAD_FONT
        cell.fill = _HEAD_FILL
        cell.alignment = _WRAP
    for row in rows:
        ws.append([neutralise(c) if isinstance(c, str) else c for c in row])
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(head))}{max(ws.max_row, 1)}"
    for i in range(len(head)):
        width = widths[i] if i < len(widths) else 24
        ws.column_dimensions[get_column_letter(i + 1)].width = width


def _findings(ws: Worksheet, doc: Document) -> None:
    _fill(ws, finding_header(doc), (finding_values(f, doc) for f in doc.findings), _FINDING_WIDTHS)
    severity_column = 6
    for row, f in zip(ws.iter_rows(min_row=2), doc.findings, strict=True):
        for cell in row:
            cell.alignment = _WRAP
        row[severity_column - 1].font = _SEVERITY_FONT.get(f.severity, Font())


def _summary(ws: Worksheet, doc: Document) -> None:
    lab = doc.label
    ws.append([neutralise(doc.heading())])
    ws["A1"].font = Font(bold=True, size=14)
    block = doc.title_block
    rows: list[tuple[str, str]] = []
    if block.get("inspecting_body"):
        rows.append((lab("report.inspecting_body"), str(block["inspecting_body"])))
    if block.get("team"):
        rows.append((lab("report.team"), str(block["team"])))
    if block.get("date") or block.get("place"):
        rows.append(("", doc.place_date()))
    if block.get("title"):
        rows.append((lab("report.dataset"), doc.title))
    rows += list(doc.meta)
    for k, v in rows:
        ws.append([neutralise(k), neutralise(v)])
    ws.append([])
    ws.append([lab("report.item"), lab("report.count")])
    header = ws.max_row
    for cell in ws[header]:
        cell.font = _HEAD_FONT
        cell.fill = _HEAD_FILL
    for k, n in doc.summary:
        ws.append([neutralise(k), n])
    ws.append([])
    ws.append([neutralise(doc.generated)])
    ws.column_dimensions["A"].width = 30
    ws.column_dimensions["B"].width = 70


def _units(ws: Worksheet, doc: Document) -> None:
    lab = doc.label
    head = [
        lab("report.unit_id"),
        lab("report.unit_name"),
        lab("report.kind"),
        lab("report.findings_total"),
        lab("label.error"),
        lab("label.warning"),
        lab("label.info"),
        lab("label.waived"),
        lab("label.skipped"),
    ]
    skipped: dict[str, int] = {}
    for s in doc.skipped:
        skipped[s.unit] = skipped.get(s.unit, 0) + 1
    rows: list[list[Cell]] = []
    for u in doc.units:
        by = u.counts()
        waived = sum(1 for f in u.findings if f.waiver)
        rows.append(
            [
                u.id,
                u.name,
                u.kind,
                len(u.findings),
                by["error"],
                by["warning"],
                by["info"],
                waived,
                skipped.get(u.id, 0),
            ]
        )
    _fill(ws, [h.capitalize() for h in head], rows, (20, 40, 14, 12, 10, 10, 10, 10, 10))


def _figures(ws: Worksheet, doc: Document) -> None:
    """The figures read from report documents: unit, field, value, quote, place, document."""
    lab = doc.label
    head = [
        lab("report.unit_id"),
        lab("report.unit_name"),
        *(lab(f"report.provenance.{k}") for k in ("field", "value", "quote", "where")),
        lab("report.provenance.document"),
    ]
    rows = (
        (unit, name, g.key, g.value, g.quote, g.where, g.file)
        for unit, name, figures in doc.figure_units()
        for g in figures
    )
    _fill(ws, head, rows, (16, 28, 36, 16, 80, 24, 28))
    for row in ws.iter_rows(min_row=2):
        row[4].alignment = _WRAP


def render_xlsx(report: Report, lang: str) -> bytes:
    doc = build(report, lang)
    lab = doc.label
    wb = Workbook()
    wb.properties.creator = "cchc-rules"
    wb.properties.title = neutralise(doc.heading())
    wb.properties.created = wb.properties.modified = _EPOCH
    findings = wb.active
    assert findings is not None
    findings.title = _sheet_name(lab("label.findings").capitalize())
    _findings(findings, doc)
    _summary(wb.create_sheet(_sheet_name(lab("report.section.summary"))), doc)
    _units(wb.create_sheet(_sheet_name(lab("label.units").capitalize())), doc)
    for table in doc.tables():
        name, widths = _SHEETS[table.title]
        rows: Iterable[Sequence[Cell]] = table.rows
        if table.title == "report.section.waivers":  # the findings each covered, a count
            rows = [[*r[:-1], int(r[-1])] for r in table.rows]
        ws = wb.create_sheet(_sheet_name(lab(name).capitalize()))
        _fill(ws, [lab(h) for h in table.head], rows, widths)
    if doc.baseline_counts:
        _fill(
            wb.create_sheet(_sheet_name(lab("report.sheet.baseline"))),
            [lab(h) for h in BASELINE_HEAD],
            doc.baseline,
            (16, 10, 20, 30, 60, 40),
        )
    _fill(
        wb.create_sheet(_sheet_name(lab("report.section.legal_bases"))),
        [lab(h) for h in BASES_HEAD],
        (b.cells for b in doc.legal_bases),
        (20, 60, 14, 28, 50),
    )
    if doc.provenance is not None:
        _figures(wb.create_sheet(_sheet_name(lab("report.sheet.provenance"))), doc)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
