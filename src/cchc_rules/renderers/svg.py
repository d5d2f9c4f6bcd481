"""Inline SVG bar charts for the html report (nothing fetched; every text escaped)."""

from __future__ import annotations

import math
from html import escape

from ..messages import format_value
from .charts import Chart

WIDTH = 680
LABEL_W = 270
RIGHT_PAD = 62
ROW_H = 22
BAR_H = 14
TOP = 26
MET, BELOW, AXIS, GRID, MARK = "#3b6e99", "#b3261e", "#5f6368", "#e3e6ea", "#202124"


def _short(text: str, limit: int = 44) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _label(lines: tuple[str, ...], y: int) -> str:
    """A bar's label, right-aligned before the bar: one line, or the unit over the block."""
    x = LABEL_W - 8
    if len(lines) == 1:
        return (
            f'<text x="{x}" y="{y + BAR_H}" font-size="11" text-anchor="end" fill="#202124">'
            f"{escape(_short(lines[0]))}</text>"
        )
    return (
        f'<text x="{x}" y="{y + BAR_H - 6}" font-size="10.5" text-anchor="end" fill="#202124">'
        f"{escape(_short(lines[0]))}</text>"
        f'<text x="{x}" y="{y + BAR_H + 6}" font-size="9.5" text-anchor="end" fill="{AXIS}">'
        f"{escape(_short(lines[1]))}</text>"
    )


def bar_chart(
    chart: Chart, title: str, lang: str, threshold_label: str, legend: tuple[str, str]
) -> str:
    """A horizontal bar per unit: its share, a dashed marker at its threshold (which may differ
    by kind of unit), red when below the threshold or over ``chart.cap``."""
    bars = chart.bars
    top = max([100.0, *(b.value for b in bars), *(b.threshold or 0 for b in bars)])
    top = math.ceil(top / 25) * 25
    span = WIDTH - LABEL_W - RIGHT_PAD
    row_h = ROW_H + 8 if any(len(b.lines) > 1 for b in bars) else ROW_H
    height = TOP + row_h * len(bars) + 32

    def x(value: float) -> float:
        return round(LABEL_W + span * max(value, 0) / top, 1)

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
    ]
    bottom = TOP + row_h * len(bars)
    for tick in range(0, int(top) + 1, 25):
        tx = x(tick)
        out.append(
            f'<line x1="{tx}" y1="{TOP - 6}" x2="{tx}" y2="{bottom}" stroke="{GRID}" '
            'stroke-width="1"/>'
            f'<text x="{tx}" y="{TOP - 10}" font-size="10" fill="{AXIS}" '
            f'text-anchor="middle">{tick}</text>'
        )
    for i, b in enumerate(bars):
        y = TOP + i * row_h + (row_h - ROW_H) // 2
        bad = chart.flagged(b)
        colour = BELOW if bad else MET
        value = format_value(b.value, lang) + "%"
        text_x = x(b.value) + 4
        if b.threshold is not None and 0 <= x(b.threshold) - x(b.value) < 44:
            text_x = x(b.threshold) + 4  # the value after the threshold's marker, not under it
        full = f"{b.label}: {format_value(b.part, lang)}/{format_value(b.whole, lang)} = {value}"
        out.append(
            f"<g><title>{escape(full)}</title>"
            + _label(b.lines, y)
            + f'<rect x="{LABEL_W}" y="{y + 3}" width="{round(x(b.value) - LABEL_W, 1)}" '
            f'height="{BAR_H}" fill="{colour}" rx="1.5"/>'
            f'<text x="{text_x}" y="{y + BAR_H}" font-size="10.5" fill="{colour}" '
            f'font-weight="{"bold" if bad else "normal"}">{escape(value)}</text>'
        )
        if b.threshold is not None:
            tx = x(b.threshold)
            out.append(
                f'<line x1="{tx}" y1="{y}" x2="{tx}" y2="{y + ROW_H}" stroke="{MARK}" '
                'stroke-width="1.6" stroke-dasharray="3 2"/>'
            )
        out.append("</g>")
    out.append(
        f'<line x1="{LABEL_W}" y1="{TOP - 6}" x2="{LABEL_W}" y2="{bottom}" stroke="{AXIS}" '
        'stroke-width="1"/>'
    )
    ly = bottom + 20
    items = [(MET, legend[0]), (BELOW, legend[1])]
    lx = LABEL_W
    for colour, text in items:
        out.append(
            f'<rect x="{lx}" y="{ly - 9}" width="12" height="10" fill="{colour}"/>'
            f'<text x="{lx + 16}" y="{ly}" font-size="10.5" fill="{AXIS}">{escape(text)}</text>'
        )
        lx += 30 + 6 * len(text)
    if any(b.threshold is not None for b in bars):
        out.append(
            f'<line x1="{lx}" y1="{ly - 10}" x2="{lx}" y2="{ly + 2}" stroke="{MARK}" '
            'stroke-width="1.6" stroke-dasharray="3 2"/>'
            f'<text x="{lx + 6}" y="{ly}" font-size="10.5" fill="{AXIS}">'
            f"{escape(threshold_label)}</text>"
        )
    out.append("</svg>")
    return "".join(out)
