"""The Markdown report, for pasting into documents: every value from the data escaped."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from ..hookspecs import hookimpl
from ..render import Renderer
from .document import BASELINE_HEAD, BASES_HEAD, Document, FindingRow, build
from .provenance import anchor

if TYPE_CHECKING:
    from ..report import Report

#: Characters with a meaning inside a line of CommonMark or GitHub Markdown (emphasis, code,
#: links and images, HTML, table cells, strike-through, math, entities, headings); each is
#: backslash-escaped in data. Line-start syntax (lists, quotes, headings) cannot arise: a value
#: is folded onto one line and never starts one.
_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~$&])")
_SPACE = re.compile(r"\s+")


def escape(value: object) -> str:
    """``value`` as literal Markdown text on one line: special characters escaped, line breaks
    and tabs folded into spaces (a value can never start a heading, list, table or code block)."""
    return _SPECIAL.sub(r"\\\1", _SPACE.sub(" ", str(value)).strip())


def _table(head: Sequence[str], rows: Iterable[Sequence[str]], align: str = "") -> Iterator[str]:
    """A GitHub table; cells are already escaped. ``align`` has one letter per column
    (``l``/``r``)."""
    yield "| " + " | ".join(head) + " |"
    yield "|" + "|".join("---:" if a == "r" else "---" for a in align.ljust(len(head), "l")) + "|"
    for row in rows:
        yield "| " + " | ".join(cell or " " for cell in row) + " |"


def _lines(doc: Document) -> Iterator[str]:
    lab = doc.label
    block = doc.title_block
    for key in ("authority", "inspecting_body", "number"):
        if block.get(key):
            text = lab("report.number", {"number": block[key]}) if key == "number" else block[key]
            yield f"**{escape(text)}**  "
    if block.get("place") or block.get("date"):
        yield f"*{escape(doc.place_date())}*"
    if block:
        yield ""
    yield f"# {escape(doc.heading())}"
    yield ""
    if block.get("subtitle"):
        yield f"**{escape(block['subtitle'])}**"
        yield ""
    if block.get("title") and doc.title != doc.heading():
        yield f"{lab('report.dataset')}: {escape(doc.title)}  "
    if block.get("team"):
        yield f"{lab('report.team')}: {escape(block['team'])}  "
    for label, value in doc.meta:
        yield f"{escape(label)}: {escape(value)}  "
    for note in doc.extracted_notes():
        yield f"{escape(note)}.  "
    yield escape(doc.generated)
    yield ""
    yield f"## {lab('report.section.summary')}"
    yield ""
    yield from _table(
        (lab("report.item"), lab("report.count")),
        ((escape(k), str(n)) for k, n in doc.summary),
        "lr",
    )
    yield ""
    yield f"## {lab('report.section.units')}"
    yield ""
    with_findings = [u for u in doc.units if u.findings]
    if not with_findings:
        yield lab("report.no_units_with_findings")
        yield ""
    head = (
        lab("label.severity"),
        lab("label.rule"),
        lab("label.message"),
        lab("report.evidence"),
        lab("report.legal_basis"),
        lab("report.fingerprint"),
    )
    for unit in with_findings:
        yield f"### {escape(unit.name)} ({escape(unit.id)})"
        yield ""
        rows = []
        for f in unit.findings:
            message = escape(f.message)
            for note in (f.waiver, f.state_text):
                if note:
                    message += f"<br>*{escape(note)}*"
            if f.first_seen and f.state != "new":
                message += f" ({escape(lab('label.first_seen'))} {escape(f.first_seen)})"
            message += _quotes(doc, f)
            rows.append(
                (
                    f"**{escape(f.severity_text)}**" if f.fails else escape(f.severity_text),
                    f"{escape(f.rule)} {escape(f.rule_title)}".strip(),
                    message,
                    "<br>".join(f"{escape(k)} = {escape(v)}" for k, v in f.evidence),
                    escape(f.basis),
                    f"`{f.fingerprint}`",
                )
            )
        yield from _table(head, rows)
        yield ""
    clean = doc.clean_units
    if clean:
        names = ", ".join(f"{escape(u.name)} ({escape(u.id)})" for u in clean)
        yield f"{lab('report.clean_units')}: {names}."
        yield ""
    yield from _rest(doc)


def _quotes(doc: Document, f: FindingRow) -> str:
    """The quotes of a finding's figures, or a link to its unit's figures (extracted data)."""
    if doc.provenance is None or f.unit not in doc.provenance.units:
        return ""
    if not f.quotes:
        return f"<br>[{doc.label('report.provenance.unit_link')}](#{anchor(f.unit)})"
    quoted = "<br>".join(
        f"{escape(keys)} ({escape(where)}): “{escape(quote)}”" for keys, where, quote in f.quoted()
    )
    return f"<br>*{doc.label('report.provenance.quotes')}:*<br>{quoted}"


def _figures(doc: Document) -> Iterator[str]:
    """Where the figures were read: per unit, each figure's field, value, quote and place."""
    if doc.provenance is None:
        return
    lab = doc.label
    yield f"## {lab('report.section.provenance')}"
    yield ""
    yield lab("report.provenance.intro")
    yield ""
    head = [lab(f"report.provenance.{k}") for k in ("field", "value", "quote", "where")]
    for unit, name, figures in doc.figure_units():
        yield f'<a id="{anchor(unit)}"></a>'
        yield ""
        yield f"### {escape(name)} ({escape(unit)})"
        yield ""
        rows = [
            (escape(g.key), escape(g.value), f"“{escape(g.quote)}”", escape(doc.figure_place(g)))
            for g in figures
        ]
        yield from _table(head, rows)
        yield ""


def _rest(doc: Document) -> Iterator[str]:
    """Skips, errors, warnings, waivers, the baseline comparison and the legal bases."""
    lab = doc.label

    def section(title: str, head: Sequence[str], rows: Sequence[Sequence[str]]) -> Iterator[str]:
        yield f"## {lab(title)}"
        yield ""
        if rows:
            yield from _table([lab(h) for h in head], [[escape(c) for c in r] for r in rows])
        else:
            yield lab("report.none")
        yield ""

    for table in doc.tables():
        yield from section(table.title, table.head, table.rows)
    if doc.baseline_counts:
        yield f"## {lab('report.section.baseline')}"
        yield ""
        yield ", ".join(f"{n} {escape(k)}" for k, n in doc.baseline_counts)
        yield ""
        if doc.baseline:
            rows = [[escape(c) for c in row] for row in doc.baseline]
            yield from _table([lab(h) for h in BASELINE_HEAD], rows)
            yield ""
    yield from section(
        "report.section.legal_bases",
        BASES_HEAD,
        [b.cells for b in doc.legal_bases],
    )
    yield from _figures(doc)


def render_md(report: Report, lang: str) -> str:
    return "\n".join(_lines(build(report, lang))).rstrip() + "\n"


@hookimpl
def cchc_register_renderers(register: Callable[[Renderer], None]) -> None:
    register(
        Renderer(
            name="md",
            render=render_md,
            extension=".md",
            description="Markdown report, for pasting into documents",
        )
    )
