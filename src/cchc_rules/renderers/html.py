"""The html report: one self-contained file (nothing is fetched to view it) that prints as a
clean A4 document with page numbers — title block, summary, per-family charts (inline SVG),
findings per unit with their evidence and legal basis, skips, errors, waivers, the comparison
with a previous report and the legal bases cited. Every value is HTML-escaped."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from html import escape
from typing import TYPE_CHECKING

from ..hookspecs import hookimpl
from ..messages import format_value
from ..render import Renderer
from .charts import Chart, charts
from .document import BASELINE_HEAD, BASES_HEAD, Document, FindingRow, UnitSection, build
from .provenance import anchor
from .svg import bar_chart

if TYPE_CHECKING:
    from ..report import Report

_CSS = """
:root { --ink: #1f2328; --muted: #5f6368; --line: #d0d7de; --soft: #f6f8fa;
  --error: #b3261e; --warning: #9a6700; --info: #0b5cad; --accent: #1f3b5c; }
* { box-sizing: border-box; }
html { font-family: "Times New Roman", "Liberation Serif", "DejaVu Serif", Times, serif;
  font-size: 12.5pt; color: var(--ink); background: #eceff1; }
body { margin: 0; }
main { max-width: 210mm; margin: 12mm auto; padding: 18mm 16mm 18mm 22mm; background: #fff;
  box-shadow: 0 1px 6px rgba(0,0,0,.15); }
h1 { font-size: 15.5pt; text-align: center; text-transform: uppercase; margin: 8mm 0 2mm;
  color: var(--accent); letter-spacing: .02em; }
h2 { font-size: 13.5pt; color: var(--accent); border-bottom: 1.5px solid var(--accent);
  padding-bottom: 1mm; margin: 8mm 0 3mm; break-after: avoid; }
h3 { font-size: 12.5pt; margin: 6mm 0 1.5mm; break-after: avoid; }
h3 .id, .muted { color: var(--muted); font-weight: normal; }
p { margin: 1.5mm 0; }
.subtitle { text-align: center; font-weight: bold; margin: 0 0 2mm; }
.draft { text-align: center; font-style: italic; color: var(--muted); margin: 0 0 5mm; }
.letterhead { width: 100%; border-collapse: collapse; margin: 0; }
.letterhead td { border: 0; padding: 0; width: 42%; text-align: center; vertical-align: top;
  font-size: 12pt; }
.letterhead td + td { width: 58%; }
.letterhead .motto1 { white-space: nowrap; }
.letterhead .authority { text-transform: uppercase; }
.letterhead .body, .letterhead .motto1 { font-weight: bold; text-transform: uppercase; }
.letterhead .motto2 { font-weight: bold; }
.letterhead .rule { width: 38%; margin: 1mm auto 2mm; border-top: 1px solid var(--ink); }
.letterhead .date { font-style: italic; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .6mm 4mm;
  margin: 2mm 0 4mm; font-size: 11pt; }
dl.meta dt { color: var(--muted); }
dl.meta dd { margin: 0; }
.cards { display: flex; gap: 3mm; margin: 2mm 0 4mm; }
.card { flex: 1; border: 1px solid var(--line); border-radius: 2mm; padding: 2mm 3mm;
  background: var(--soft); }
.card .n { font-size: 19pt; font-weight: bold; display: block; }
.card .l { font-size: 10pt; color: var(--muted); }
.card.error .n { color: var(--error); } .card.warning .n { color: var(--warning); }
.card.info .n { color: var(--info); }
table { border-collapse: collapse; width: 100%; font-size: 10.5pt; margin: 1.5mm 0 3mm; }
th, td { border: 1px solid var(--line); padding: 1.2mm 1.8mm; text-align: left;
  vertical-align: top; }
thead { display: table-header-group; }
thead th { background: var(--soft); font-weight: bold; }
tr { break-inside: avoid; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
table.summary { width: 60%; }
table.findings { table-layout: fixed; }
table.findings col.c1 { width: 10%; } table.findings col.c2 { width: 17%; }
table.findings col.c3 { width: 43%; } table.findings col.c4 { width: 30%; }
table.bases { font-size: 9.5pt; table-layout: fixed; }
table.bases col.c1 { width: 17%; } table.bases col.c2 { width: 39%; }
table.bases col.c3 { width: 12%; } table.bases col.c4 { width: 17%; }
table.bases col.c5 { width: 15%; }
table.bases td:first-child { white-space: nowrap; }
td { overflow-wrap: anywhere; }
.sev { display: inline-block; padding: 0 1.6mm; border-radius: 1mm; font-size: 9.5pt;
  font-weight: bold; color: #fff; white-space: nowrap; }
.sev.error { background: var(--error); } .sev.warning { background: var(--warning); }
.sev.info { background: var(--info); }
.rule-id { font-weight: bold; white-space: nowrap; }
.rule-title { display: block; font-size: 9.5pt; color: var(--muted); }
.basis, .note { display: block; font-size: 9.5pt; color: var(--muted); margin-top: .8mm; }
.note.state { color: var(--accent); font-style: italic; }
.fp { display: block; font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 8pt;
  color: var(--muted); }
table.evidence { margin: 0; font-size: 9pt; width: 100%; table-layout: fixed; }
table.evidence th { width: 58%; overflow-wrap: anywhere; }
table.evidence th, table.evidence td { border: 0; padding: 0 1.5mm 0 0; background: none;
  font-weight: normal; }
table.evidence th { color: var(--muted); }
table.evidence td { text-align: right; font-variant-numeric: tabular-nums; }
figure { margin: 3mm 0 5mm; break-inside: avoid; }
figure figcaption { font-size: 10.5pt; font-weight: bold; margin-bottom: 1mm; }
figure .caption-note { font-size: 9pt; color: var(--muted); font-weight: normal; }
svg.chart { max-width: 100%; height: auto; font-family: "Liberation Sans", "DejaVu Sans",
  Arial, sans-serif; }
.unit-counts { font-size: 10pt; color: var(--muted); margin: 0 0 1mm; }
.unit-head { break-inside: avoid; break-after: avoid; }
.signature { margin: 12mm 0 0 auto; width: 50%; text-align: center; break-inside: avoid; }
.signature .role { font-weight: bold; text-transform: uppercase; }
.signature .space { height: 22mm; }
.signature .name { font-weight: bold; }
footer { margin-top: 10mm; font-size: 9pt; color: var(--muted); border-top: 1px solid var(--line);
  padding-top: 1.5mm; }
a { color: var(--info); text-decoration: none; }
@page { size: A4; margin: 20mm 15mm 20mm 25mm;
  @bottom-center { content: "PAGE_LABEL " counter(page) " / " counter(pages);
    font-family: "Times New Roman", "Liberation Serif", serif; font-size: 9.5pt; color: #5f6368; }
}
@media print {
  html { background: #fff; font-size: 12pt; }
  main { max-width: none; margin: 0; padding: 0; box-shadow: none; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { color: inherit; }
  section.unit { break-inside: auto; }
}
"""


#: Styles of the quotes and the figures read, only in a report whose data was extracted.
_PROVENANCE_CSS = """
.quotes { display: block; font-size: 9.5pt; margin-top: .8mm; }
.quotes q, table.figures q { font-style: italic; }
.quotes .key, table.figures .key { font-family: "DejaVu Sans Mono", "Liberation Mono", monospace;
  font-size: 8.5pt; }
table.figures { font-size: 9.5pt; table-layout: fixed; }
table.figures col.c1 { width: 26%; } table.figures col.c2 { width: 14%; }
table.figures col.c3 { width: 45%; } table.figures col.c4 { width: 15%; }
"""

#: Nothing may be fetched or run: inline styles and images only.
_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def _css(doc: Document) -> str:
    label = doc.label("report.page").replace("\\", "\\\\").replace('"', '\\"')
    css = _CSS.replace("PAGE_LABEL", label)
    return css if doc.provenance is None else css + _PROVENANCE_CSS


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _table(
    head: Sequence[str], rows: Iterable[Sequence[str]], cls: str = "", numeric: Sequence[int] = ()
) -> str:
    """A table; ``head`` and ``rows`` hold already-escaped html."""
    klass = f' class="{cls}"' if cls else ""
    cols = "".join(f'<col class="c{i + 1}">' for i in range(len(head)))

    def cell(tag: str, i: int, html: str) -> str:
        return f'<{tag} class="num">{html}</{tag}>' if i in numeric else f"<{tag}>{html}</{tag}>"

    out = [f"<table{klass}><colgroup>{cols}</colgroup><thead><tr>"]
    out += [cell("th", i, h) for i, h in enumerate(head)]
    out.append("</tr></thead><tbody>")
    for row in rows:
        out.append("<tr>" + "".join(cell("td", i, c) for i, c in enumerate(row)) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def _title_block(doc: Document) -> Iterator[str]:
    block = doc.title_block
    if not block:
        return
    left = []
    if block.get("authority"):
        left.append(f'<div class="authority">{_e(block["authority"])}</div>')
    if block.get("inspecting_body"):
        left.append(f'<div class="body">{_e(block["inspecting_body"])}</div>')
    if left:
        left.append('<div class="rule"></div>')
    if block.get("number"):
        left.append(f"<div>{_e(doc.label('report.number', {'number': block['number']}))}</div>")
    right = [
        f'<div class="motto1">{_e(doc.label("report.motto_1"))}</div>',
        f'<div class="motto2">{_e(doc.label("report.motto_2"))}</div>',
        '<div class="rule"></div>',
    ]
    when = doc.place_date()
    if when:
        right.append(f'<div class="date">{_e(when)}</div>')
    yield (
        '<table class="letterhead"><tr><td>'
        + "".join(left)
        + "</td><td>"
        + "".join(right)
        + "</td></tr></table>"
    )


def _head(doc: Document) -> Iterator[str]:
    block = doc.title_block
    yield from _title_block(doc)
    yield f"<h1>{_e(doc.heading())}</h1>"
    if block.get("subtitle"):
        yield f'<p class="subtitle">{_e(block["subtitle"])}</p>'
    elif block.get("title") and doc.title != doc.heading():
        yield f'<p class="subtitle">{_e(doc.title)}</p>'
    if block:
        yield f'<p class="draft">({_e(doc.label("report.draft"))})</p>'
    rows = []
    if block.get("inspecting_body"):
        rows.append((doc.label("report.inspecting_body"), block["inspecting_body"]))
    if block.get("team"):
        rows.append((doc.label("report.team"), block["team"]))
    if block.get("title"):
        rows.append((doc.label("report.dataset"), doc.title))
    rows += doc.meta
    yield '<dl class="meta">'
    yield "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in rows)
    yield "</dl>"
    for note in doc.extracted_notes():
        link = f'<a href="#provenance">{_e(doc.label("report.section.provenance"))}</a>'
        yield f'<p class="extracted">{_e(note)} — {link}.</p>'


def _summary(doc: Document) -> Iterator[str]:
    lab = doc.label
    found = doc.data["summary"]["findings"]
    yield f'<section id="summary"><h2>1. {_e(lab("report.section.summary"))}</h2>'
    yield '<div class="cards">'
    yield (
        f'<div class="card"><span class="n">{found["total"]}</span>'
        f'<span class="l">{_e(lab("report.findings_total"))}</span></div>'
    )
    for sev in ("error", "warning", "info"):
        yield (
            f'<div class="card {sev}"><span class="n">{found.get(sev, 0)}</span>'
            f'<span class="l">{_e(lab("report.count." + sev))}</span></div>'
        )
    yield "</div>"
    yield _table(
        (_e(lab("report.item")), _e(lab("report.count"))),
        ((_e(k), str(n)) for k, n in doc.summary),
        "summary",
        (1,),
    )
    yield "</section>"


def _chart_figure(doc: Document, chart: Chart) -> str:
    lab = doc.label
    limits = sorted({b.threshold for b in chart.bars if b.threshold is not None})
    shown = "/".join(format_value(v, doc.lang) for v in limits)
    title = lab(f"report.chart.{chart.key}")
    svg = bar_chart(
        chart,
        title,
        doc.lang,
        lab("report.chart.threshold", {"value": shown}),
        (lab("report.chart.met"), lab("report.chart.below")),
    )
    note = (
        lab("report.chart.note", {"rule": chart.rule})
        if limits
        else lab("report.chart.no_threshold")
    )
    return (
        f'<figure class="chart-{_e(chart.key)}"><figcaption>{_e(title)} '
        f'<span class="caption-note">({_e(chart.rule)})</span></figcaption>{svg}'
        f'<p class="caption-note">{_e(note)}</p></figure>'
    )


def _finding_cells(doc: Document, f: FindingRow) -> tuple[str, str, str, str]:
    lab = doc.label
    sev = f'<span class="sev {_e(f.severity)}">{_e(f.severity_text)}</span>'
    rule = f'<span class="rule-id">{_e(f.rule)}</span>'
    if f.rule_title:
        rule += f'<span class="rule-title">{_e(f.rule_title)}</span>'
    text = _e(f.message)
    if f.basis:
        text += f'<span class="basis">{_e(lab("report.legal_basis"))}: {_e(f.basis)}</span>'
    if f.waiver:
        text += f'<span class="note">{_e(f.waiver)}</span>'
    if f.state_text:
        state = f.state_text
        if f.first_seen and f.state != "new":
            state += f" ({lab('label.first_seen')} {f.first_seen})"
        text += f'<span class="note state">{_e(state)}</span>'
    text += _quotes(doc, f)
    text += f'<span class="fp">{_e(lab("report.fingerprint"))}: {_e(f.fingerprint)}</span>'
    evidence = (
        '<table class="evidence"><tbody>'
        + "".join(
            f"<tr><th>{_e(k).replace('_', '_<wbr>')}</th><td>{_e(v)}</td></tr>"
            for k, v in f.evidence
        )
        + "</tbody></table>"
        if f.evidence
        else ""
    )
    return sev, rule, text, evidence


def _quotes(doc: Document, f: FindingRow) -> str:
    """The quotes of a finding's figures, or a link to its unit's figures (extracted data)."""
    if doc.provenance is None or f.unit not in doc.provenance.units:
        return ""
    link = f'<a href="#{_e(anchor(f.unit))}">{_e(doc.label("report.provenance.unit_link"))}</a>'
    if not f.quotes:
        return f'<span class="quotes">{link}</span>'
    quoted = "".join(
        f'<br><span class="key">{_e(keys).replace("_", "_<wbr>")}</span> ({_e(where)}): '
        f"<q>{_e(quote)}</q>"
        for keys, where, quote in f.quoted()
    )
    return f'<span class="quotes">{_e(doc.label("report.provenance.quotes"))}:{quoted}</span>'


def _figures(doc: Document, n: int) -> Iterator[str]:
    """Where the figures were read: per unit, each figure's field, value, quote and place."""
    lab = doc.label
    yield f'<section id="provenance"><h2>{n}. {_e(lab("report.section.provenance"))}</h2>'
    yield f"<p>{_e(lab('report.provenance.intro'))}</p>"
    yield "".join(f"<p>{_e(note)}.</p>" for note in doc.extracted_notes())
    head = [_e(lab(f"report.provenance.{k}")) for k in ("field", "value", "quote", "where")]
    for i, (unit, name, figures) in enumerate(doc.figure_units(), 1):
        yield f'<section class="unit-figures" id="{_e(anchor(unit))}">'
        yield f'<h3>{n}.{i}. {_e(name)} <span class="id">({_e(unit)})</span></h3>'
        rows = (
            (
                f'<span class="key">{_e(g.key).replace("_", "_<wbr>")}</span>',
                _e(g.value),
                f"<q>{_e(g.quote)}</q>",
                _e(doc.figure_place(g)),
            )
            for g in figures
        )
        yield _table(head, rows, "figures")
        yield "</section>"
    yield "</section>"


def _unit(doc: Document, number: str, unit: UnitSection) -> Iterator[str]:
    lab = doc.label
    counts = {"total": len(unit.findings), **unit.counts()}
    yield f'<section class="unit" id="unit-{_e(unit.id)}">'
    yield (
        f'<div class="unit-head"><h3>{number} {_e(unit.name)} '
        f'<span class="id">({_e(unit.id)})</span></h3>'
        f'<p class="unit-counts">{_e(lab("report.unit_counts", counts))}</p></div>'
    )
    head = (
        lab("label.severity"),
        lab("label.rule"),
        lab("label.message"),
        lab("report.evidence"),
    )
    yield _table([_e(h) for h in head], (_finding_cells(doc, f) for f in unit.findings), "findings")
    yield "</section>"


def _plain(doc: Document, head: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    if not rows:
        return f"<p>{_e(doc.label('report.none'))}</p>"
    return _table([_e(doc.label(h)) for h in head], ([_e(c) for c in r] for r in rows))


def _link(url: str) -> str:
    """A web source as a link showing its site only (the full address is the link's target
    and its tooltip); anything else as text."""
    if url.startswith(("https://", "http://")):
        site = url.split("/")[2]
        return f'<a href="{_e(url)}" title="{_e(url)}">{_e(site)}</a>'
    return _e(url)


def _body(doc: Document) -> Iterator[str]:
    lab = doc.label
    yield from _head(doc)
    yield from _summary(doc)
    n = 2
    found = charts(doc.report)
    if found:
        yield f'<section id="charts"><h2>{n}. {_e(lab("report.section.charts"))}</h2>'
        yield from (_chart_figure(doc, c) for c in found)
        yield "</section>"
        n += 1
    yield f'<section id="units"><h2>{n}. {_e(lab("report.section.units"))}</h2>'
    with_findings = [u for u in doc.units if u.findings]
    if not with_findings:
        yield f"<p>{_e(lab('report.no_units_with_findings'))}</p>"
    for i, unit in enumerate(with_findings, 1):
        yield from _unit(doc, f"{n}.{i}.", unit)
    if doc.clean_units:
        names = ", ".join(f"{_e(u.name)} ({_e(u.id)})" for u in doc.clean_units)
        yield f"<p><strong>{_e(lab('report.clean_units'))}:</strong> {names}.</p>"
    yield "</section>"
    for table in doc.tables():
        n += 1
        body = _plain(doc, table.head, table.rows)
        yield f"<section><h2>{n}. {_e(lab(table.title))}</h2>{body}</section>"
    if doc.baseline_counts:
        n += 1
        counts = ", ".join(f"{c} {_e(k)}" for k, c in doc.baseline_counts)
        yield f'<section id="baseline"><h2>{n}. {_e(lab("report.section.baseline"))}</h2>'
        yield f"<p>{counts}</p>"
        if doc.baseline:
            yield _plain(doc, BASELINE_HEAD, doc.baseline)
        yield "</section>"
    n += 1
    yield f'<section id="legal-bases"><h2>{n}. {_e(lab("report.section.legal_bases"))}</h2>'
    rows = [
        (
            _e(b.number) + (f", {_e(b.article)}" if b.article else ""),
            _e(b.title),
            _e(b.issued),
            _e(b.in_force),
            _link(b.source),
        )
        for b in doc.legal_bases
    ]
    if rows:
        yield _table([_e(lab(h)) for h in BASES_HEAD], rows, "bases")
    else:
        yield f"<p>{_e(lab('report.none'))}</p>"
    yield "</section>"
    if doc.provenance is not None:
        yield from _figures(doc, n + 1)
    yield from _signature(doc)
    yield f"<footer>{_e(doc.generated)}</footer>"


def _signature(doc: Document) -> Iterator[str]:
    block = doc.title_block
    if not (block.get("signer") or block.get("signer_title")):
        return
    role = block.get("signer_title") or doc.label("report.section.signature")
    yield (
        f'<div class="signature"><div class="role">{_e(role)}</div>'
        f'<div class="space"></div><div class="name">{_e(block.get("signer") or "")}</div></div>'
    )


def render_html(report: Report, lang: str) -> str:
    doc = build(report, lang)
    body = "\n".join(_body(doc))
    return (
        f'<!DOCTYPE html>\n<html lang="{_e(lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
        f'<meta name="generator" content="{_e(doc.generated)}">\n'
        f"<title>{_e(doc.heading())}</title>\n<style>{_css(doc)}</style>\n</head>\n"
        f"<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    )


@hookimpl
def cchc_register_renderers(register: Callable[[Renderer], None]) -> None:
    register(
        Renderer(
            name="html",
            render=render_html,
            extension=".html",
            description="self-contained HTML report that prints as an A4 document",
        )
    )
