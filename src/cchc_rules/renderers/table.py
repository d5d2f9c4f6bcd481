"""The terminal report: findings grouped by unit, then skips, errors and a summary line (rich)."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from rich.console import Console, RenderableType
from rich.table import Table
from rich.text import Text
from rich.theme import Theme

from ..findings import Severity
from ..hookspecs import hookimpl
from ..render import Renderer
from .console import WholeLineConsole
from .json import skip_reasons
from .plain_table import plain_grid
from .terminal_safe import SafeConsole
from .terminal_table import Row as GridRow
from .terminal_table import TerminalGrid

if TYPE_CHECKING:
    from ..report import Report

THEME = Theme(
    {
        "cchc.severity.error": "bold red",
        "cchc.severity.warning": "yellow",
        "cchc.severity.info": "cyan",
        "cchc.unit": "bold",
        "cchc.rule": "magenta",
        "cchc.basis": "dim",
        "cchc.muted": "dim",
        "cchc.problem": "red",
        "cchc.state.new": "bold",
        "cchc.state.persisting": "dim",
        "cchc.state.resolved": "green",
        "cchc.state.unverified": "yellow",
    }
)


def renderables(report: Report, lang: str) -> Iterator[RenderableType]:
    """The report as rich renderables (the CLI prints them with colour on a terminal)."""
    yield from _heading(report, lang)
    for title, rows in unit_blocks(report, lang):
        yield _unit_table(report, lang, title, rows)
    yield from _rest(report, lang)


def _heading(report: Report, lang: str, *, provenance: bool = True) -> Iterator[Text]:
    t = report.registry.messages.render
    ds = report.dataset
    title = ds.title or ""
    if ds.period is not None:
        title += (
            f"  ({t('label.period', None, lang)}: {ds.period.start:%d/%m/%Y}–"
            f"{ds.period.end:%d/%m/%Y})"
        )
    if title.strip():
        yield Text(title.strip(), style="bold")
    extracted = report.extra.get("sections", {}).get("extracted_from", ()) if provenance else ()
    for i, f in enumerate(extracted, 1):  # where the figures' quotes are: said once, at the end
        name = Path(f["file"]).name
        params = {"file": name, "figures": f["figures"], "uncertain": f["uncertain"]}
        line = t("report.provenance.extracted", params, lang)
        if i == len(extracted):
            line += f"; {t('report.provenance.see_quotes', None, lang)}"
        yield Text(line, style="cchc.muted")
    if not report.findings:
        yield Text(t("label.no_findings", None, lang), style="green")


#: A finding's row: severity, rule id and the message's lines, each with its style.
Row = tuple[str, str, list[tuple[str, str | None]]]


def unit_blocks(report: Report, lang: str) -> Iterator[tuple[str, list[Row]]]:
    """Each unit's title and its findings' rows, in the report's order."""
    t = report.registry.messages.render
    names = {u.id: u.name for u in report.dataset.units}
    fields = report.extra.get("finding_fields", {})
    waived = report.waived
    bases: dict[tuple[str, ...], str] = {}  # the same few bases recur: each line made once
    for unit, group in groupby(report.findings, key=lambda f: f.unit):
        rows: list[Row] = []
        for f in group:
            lines: list[tuple[str, str | None]] = [(report.message(f, lang=lang), None)]
            basis = bases.get(f.basis)
            if basis is None:
                text = report.basis_text(f.basis, lang=lang)
                basis = bases[f.basis] = f"{t('label.basis', None, lang)}: {text}" if text else ""
            if basis:
                lines.append((basis, "cchc.basis"))
            if waived or fields:  # looked up by fingerprint (a sha256 each): only if any
                lines += _notes(report, f.fingerprint, fields, lang)
            rows.append((f.severity.label, f.rule, lines))
        yield f"{names.get(unit, unit)} [{unit}]", rows


def _notes(
    report: Report, fp: str, fields: dict[str, Any], lang: str
) -> list[tuple[str, str | None]]:
    """A finding's lines after its basis: who waived it, its state against the baseline."""
    t = report.registry.messages.render
    notes: list[tuple[str, str | None]] = []
    waiver = report.waived.get(fp)
    if waiver:
        notes.append((t("label.waived_by", _waiver_params(waiver), lang), "cchc.muted"))
    state = fields.get(fp, {}).get("state")
    if state:
        first = fields[fp].get("first_seen")
        note = t(f"label.baseline.{state}", None, lang)
        if first and state != "new":
            note += f" ({t('label.first_seen', None, lang)} {first})"
        notes.append((note, f"cchc.state.{state}"))
    return notes


def _head(report: Report, lang: str) -> tuple[str, str, str]:
    t = report.registry.messages.render
    return (
        t("label.severity", None, lang),
        t("label.rule", None, lang),
        t("label.message", None, lang),
    )


def _unit_table(report: Report, lang: str, title: str, rows: list[Row]) -> Table:
    t = report.registry.messages.render
    table = Table(
        show_header=True,
        header_style="cchc.muted",
        expand=True,
        title=Text(title),  # text, not markup
        title_justify="left",
        title_style="cchc.unit",
    )
    severity, rule, message = _head(report, lang)
    table.add_column(severity, no_wrap=True)
    table.add_column(rule, style="cchc.rule", no_wrap=True)
    table.add_column(message, ratio=1)
    for sev, rule_id, lines in rows:
        msg = Text(lines[0][0])
        for text, style in lines[1:]:
            msg.append(f"\n{text}", style=style)
        table.add_row(
            Text(t(f"label.{sev}", None, lang), style=f"cchc.severity.{sev}"), Text(rule_id), msg
        )
    return table


def _plain_unit(
    title: str, rows: list[Row], head: list[tuple[str, bool]], labels: dict[str, str]
) -> str | None:
    """A unit's table as a whole-line console prints it, made directly (or None)."""
    cells = [
        [
            (labels[sev], False),
            (rule_id, True),  # rich reads a str cell as markup
            ("\n".join(text for text, _ in lines), False),
        ]
        for sev, rule_id, lines in rows
    ]
    return plain_grid((title, False), head, cells, boxed=True)


def _severity_labels(report: Report, lang: str) -> dict[str, str]:
    t = report.registry.messages.render
    return {s.label: t(f"label.{s.label}", None, lang) for s in Severity}


def _rest(report: Report, lang: str) -> Iterator[RenderableType]:
    if report.skipped:
        yield _skipped_title(report, lang)
        yield _skipped_table(_skipped_rows(report, lang))
    yield from _after(report, lang)


def _skipped_title(report: Report, lang: str) -> Text:
    return Text(report.registry.messages.render("label.skipped_title", None, lang), style="bold")


def _skipped_rows(report: Report, lang: str) -> list[tuple[str, str, str]]:
    # as written, like a finding: nothing put before the reason
    reason = skip_reasons(report, lang)
    return [(s.unit, s.rule, reason(s)) for s in report.skipped]


def _skipped_table(rows: list[tuple[str, str, str]]) -> Table:
    table = Table(show_header=False, box=None, expand=True, padding=(0, 1))
    table.add_column(no_wrap=True)
    table.add_column(style="cchc.rule", no_wrap=True)
    table.add_column(ratio=1)
    for unit, rule_id, reason in rows:
        table.add_row(Text(unit), Text(rule_id), Text(reason))
    return table


def _after(report: Report, lang: str) -> Iterator[RenderableType]:
    """What follows the skips: the baseline comparison, errors, warnings, the summary."""
    t = report.registry.messages.render
    compared = report.extra.get("baseline")
    if compared is not None:
        comparison, _ = compared
        gone = comparison.section(t, lang)
        counts = ", ".join(
            f"{n} {t(f'label.baseline.{k}', None, lang)}" for k, n in comparison.counts().items()
        )
        yield Text(f"{t('label.baseline_title', None, lang)}: {counts}", style="bold")
        for g in (*gone["resolved"], *gone["unverified"]):
            why = f": {g['reason']}" if g.get("reason") else ""
            label = t("label.baseline." + str(g["state"]), None, lang)
            yield Text(
                f"  {label} {g.get('rule')} @ {g.get('unit')} {g.get('subject') or ''}{why}",
                style="cchc.muted",
            )
    problems = _problems(report, lang)
    if problems:
        yield Text(t("label.errors_title", None, lang), style="bold cchc.problem")
        for line in problems:
            yield Text(f"  {line}", style="cchc.problem")
    warnings = [i for i in report.data_issues if not i.is_error]
    if warnings:
        yield Text(t("label.data_warnings", None, lang), style="bold")
        for w in warnings:
            yield Text(
                f"  {w.where}: {t(w.message, w.params, lang)}",
                style="cchc.severity.warning",
            )
    yield summary_line(report, lang)


def _waiver_params(waiver: Any) -> dict[str, Any]:
    return {k: waiver.get(k) for k in ("reason", "approver", "expires")}


def _problems(report: Report, lang: str) -> list[str]:
    t = report.registry.messages.render
    lines = [f"{i.where}: {t(i.message, i.params, lang)}" for i in report.data_errors]
    lines += [f"plugin {p.plugin}: {p.text(lang)}" for p in report.plugin_failures]
    lines += [
        f"{e.rule} ({e.plugin}) @ {e.unit}: {t(e.message, e.params, lang)}"
        for e in report.rule_errors
    ]
    return lines


def summary_line(report: Report, lang: str) -> Text:
    """One line: units, rules, findings by severity, waived, n/a, skipped, errors; each count
    with its word in the plural form the count takes ("1 unit", "2 units")."""
    t = report.registry.messages.render
    s = report.summary

    def count(name: str, n: int) -> str:
        return t(f"count.{name}", {"n": n}, lang)

    line = Text(f"{t('label.summary', None, lang)}: ")
    line.append(
        f"{count('units', s.units)}, {count('rules', s.rules)}, {count('findings', s.total)} ("
    )
    parts = [
        Text(count(sev, n), style=f"cchc.severity.{sev}" if n else "")
        for sev, n in s.findings.items()
    ]
    line.append(Text(", ").join(parts))
    line.append(
        f"); {count('waived', s.waived)}, {count('not_applicable', s.not_applicable)}, "
        f"{count('skipped', s.skipped)}, {count('rule_errors', s.rule_errors)}, "
        f"{count('data_errors', s.data_errors)}"
    )
    if s.plugin_failures:
        line.append(f", {count('plugin_failures', s.plugin_failures)}")
    return line


def render_table(report: Report, lang: str, *, width: int | None = None) -> str:
    """The table as plain text (no colour), for files and pipes: every line whole, each table as
    wide as its content; or laid out, wrapped, for a terminal ``width`` columns wide."""
    buf = io.StringIO()
    if width is None:
        write_table(report, lang, buf)
        return buf.getvalue()
    console = SafeConsole(
        file=buf,
        width=width,
        theme=THEME,
        color_system=None,
        force_terminal=False,
        legacy_windows=False,
        soft_wrap=False,
        highlight=False,
    )
    write_terminal(report, lang, console)
    return buf.getvalue()


def write_terminal(report: Report, lang: str, console: Console, *, provenance: bool = True) -> None:
    """The table as :func:`renderables` lays it out on ``console`` (fitted to its width, in its
    colours), each table's text made directly when it is simple (:mod:`.terminal_table`: the
    same text, without rich's layout), else laid out by rich. ``provenance=False`` leaves out
    the lines naming the documents the data was extracted from (said already on stderr)."""
    grid = TerminalGrid.for_console(console)
    head = _head(report, lang)
    labels = _severity_labels(report, lang)

    def unit_text(title: str, rows: list[Row]) -> str | None:
        if grid is None:
            return None
        cells: list[GridRow] = [
            (((labels[sev], f"cchc.severity.{sev}"), (rule_id, None)), lines)
            for sev, rule_id, lines in rows
        ]
        return grid.table(title, head, cells, _UNIT_STYLES, head_style="cchc.muted")

    def skips_text(skips: list[tuple[str, str, str]]) -> str | None:
        if grid is None:
            return None
        cells: list[GridRow] = [
            (((unit, None), (rule_id, None)), [(why, None)]) for unit, rule_id, why in skips
        ]
        return grid.table(None, None, cells, _UNIT_STYLES, boxed=False)

    _write(report, lang, console, unit_text, skips_text, provenance=provenance)


#: The styles of the cells of the columns that never wrap: severity (or unit), rule.
_UNIT_STYLES = (None, "cchc.rule")


def write_table(report: Report, lang: str, out: TextIO) -> None:
    """The table as :func:`render_table` makes it for files and pipes, written to ``out`` unit
    by unit. A plain table's text is made directly (the same text, without rich's layout:
    milliseconds a table, one table a unit)."""
    console = WholeLineConsole(file=out, theme=THEME, color_system=None, force_terminal=False)
    head = [(h, True) for h in _head(report, lang)]  # rich reads a str header as markup
    labels = _severity_labels(report, lang)

    def unit_text(title: str, rows: list[Row]) -> str | None:
        return _plain_unit(title, rows, head, labels)

    def skips_text(skips: list[tuple[str, str, str]]) -> str | None:
        cells = [[(unit, False), (rule_id, False), (why, False)] for unit, rule_id, why in skips]
        return plain_grid(None, None, cells, boxed=False)

    _write(report, lang, console, unit_text, skips_text)


def _write(
    report: Report,
    lang: str,
    console: Console,
    unit_text: Callable[[str, list[Row]], str | None],
    skips_text: Callable[[list[tuple[str, str, str]]], str | None],
    *,
    provenance: bool = True,
) -> None:
    """The table report on ``console``: the heading, a table per unit and the skipped checks,
    each table's text made by ``unit_text``/``skips_text`` (written as it is, a few at a time)
    or, where they give None, laid out by rich; then what follows the tables."""
    for line in _heading(report, lang, provenance=provenance):
        console.print(line)
    made: list[str] = []

    def flush() -> None:
        console.file.write("".join(made))
        made.clear()

    def put(text: str | None, table: Callable[[], Table]) -> None:
        if text is None:
            flush()
            console.print(table())
        else:
            made.append(text)
            if len(made) >= 64:
                flush()

    for title, rows in unit_blocks(report, lang):
        put(unit_text(title, rows), lambda: _unit_table(report, lang, title, rows))  # noqa: B023 (called now)
    if report.skipped:
        flush()
        console.print(_skipped_title(report, lang))
        skips = _skipped_rows(report, lang)
        put(skips_text(skips), lambda: _skipped_table(skips))
    flush()
    for item in _after(report, lang):
        console.print(item)


@hookimpl
def cchc_register_renderers(register: Callable[[Renderer], None]) -> None:
    register(
        Renderer(
            name="table",
            render=render_table,
            write=write_table,
            extension=".txt",
            description="findings grouped by unit, for the terminal",
        )
    )
