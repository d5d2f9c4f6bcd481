"""Figures in tables: a header row naming fields (one entry per row), or row labels naming
fields (a value per row)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from ..vnparse import fold
from .found import Found, Place
from .patterns import CellPattern, Patterns
from .prose import level_key, parse_value
from .reading import Table

__all__ = ["table_figures"]

_NUMERIC = re.compile(r"^\s*(?:[a-z ]+\s)?\d[\d.,]*\s?%?\s*$")
_TOTAL = re.compile(
    r"^(?:tong(?: cong| so)?|cong|toan (?:tinh|thanh pho|huyen|quan|xa|phuong|so|don vi))"
    r"(?:\s*\(.*\))?$"
)
_LEVEL = re.compile(r"^(?:cap|khoi)\s+(tinh|thanh pho|huyen|quan|thi xa|xa|phuong|thi tran)$")


def _match(cell: str, patterns: Patterns, section: str | None = None) -> CellPattern | None:
    f = fold(cell).strip(" :.*")
    f = re.sub(r"^(?:\d+(?:\.\d+)*\.?|[a-z]\)|-|\+)\s+", "", f)
    for p in patterns.cells:
        if section is not None and p.section != section:
            continue
        if p.regex.match(f):
            return p
    return None


def table_figures(table: Table, section_label: str, patterns: Patterns) -> Iterator[Found]:
    """Every figure a table gives that the cell patterns name."""
    rows = [r for r in table.rows if any(c.strip() for c in r)]
    if len(rows) < 2:
        return
    header = rows[0]
    by_col = {i: _match(c, patterns) for i, c in enumerate(header) if i > 0 and c}
    named = {i: p for i, p in by_col.items() if p is not None}
    if named:
        section = Counter(p.section for p in named.values()).most_common(1)[0][0]
        found = {i: _match(header[i], patterns, section) for i in range(len(header))}
        cols = {i: p for i, p in found.items() if p is not None}
        yield from _by_columns(table, rows, cols, section, section_label, patterns)
    else:
        yield from _by_rows(table, rows, section_label, patterns)


def _place(table: Table, section: str, r: int, header: str) -> Place:
    return Place(section, f"{table.where}, hàng {r + 1}, cột “{header}”")


def _by_columns(
    table: Table,
    rows: list[tuple[str, ...]],
    cols: dict[int, CellPattern],
    section: str,
    label: str,
    patterns: Patterns,
) -> Iterator[Found]:
    header = rows[0]
    name_col = next((i for i, p in cols.items() if p.field == "name"), 0)
    working = "ngay lam viec" in fold(" ".join(header))
    for r, row in enumerate(rows[1:], 1):
        name = row[name_col].strip() if name_col < len(row) else ""
        fname = fold(name).strip(" :.")
        if not name or _TOTAL.match(fname):
            if section == "dossiers" and name:
                entry, unit = None, None  # the unit's own total
            else:
                continue
        else:
            entry, unit = name, None
        quote = " | ".join(c for c in row if c)
        doubt: tuple[str, dict[str, Any]] | None = None
        extra: dict[str, Any] = {}
        if section == "staffing":
            cat = next((c for c, rx in patterns.categories if rx.search(fname)), None)
            if cat is None:
                doubt = ("extract.no_category", {"label": name})
            extra = {"category": cat, "label": name}
            entry = f"{cat}:{name}"
        elif section == "dossiers" and entry is not None:
            m = _LEVEL.match(fname)
            if m:
                unit, entry = level_key(m.group(1)), None
            else:
                doubt = ("extract.unknown_row", {"label": name})
                entry = None
        for c, pat in cols.items():
            if pat.field == "name" or c >= len(row) or not row[c].strip():
                continue
            cell = row[c]
            fcell = fold(cell).strip()
            if not _NUMERIC.match(fcell):
                continue
            is_pct = "%" in fcell or "ty le" in fold(header[c]) or "%" in header[c]
            field = pat.percent if is_pct and pat.percent else pat.field
            if is_pct and not pat.percent:
                continue
            value, qualifier, bad = parse_value(fcell.rstrip("%").strip(), "p" if is_pct else "n")
            if isinstance(value, Decimal) and not is_pct and value == value.to_integral_value():
                value = int(value)
            found = Found(
                section,
                field,
                value,
                quote,
                _place(table, label, r, header[c]),
                entry=entry,
                unit=unit,
                pattern=f"cell:{pat.field}",
                extra={**extra, "qualifier": qualifier, "kind": "p" if is_pct else "n"},
            )
            reason = bad or doubt
            yield found.doubt(reason[0], **reason[1]) if reason else found
        if section == "procedures" and entry is not None:
            place = _place(table, label, r, header[name_col])
            yield Found("procedures", "name", name, quote, place, entry=name, pattern="cell:name")
            if working:
                yield Found(
                    "procedures", "day_type", "working", quote, place, entry=name, pattern="cell"
                )


def _by_rows(
    table: Table, rows: list[tuple[str, ...]], label: str, patterns: Patterns
) -> Iterator[Found]:
    header = rows[0]
    for r, row in enumerate(rows):
        if not row or not row[0].strip():
            continue
        pat = _match(row[0], patterns)
        if pat is None or pat.section in ("staffing", "procedures"):
            continue
        quote = " | ".join(c for c in row if c)
        counted = False  # the first count of the row is its value; a "%" column gives its rate
        for c in range(1, len(row)):
            fcell = fold(row[c]).strip()
            if not fcell or not _NUMERIC.match(fcell):
                continue
            head = header[c] if c < len(header) else ""
            is_pct = "%" in fcell or "ty le" in fold(head) or "%" in head
            field = pat.percent if is_pct else pat.field
            if field is None or (counted and not is_pct):
                continue
            counted = counted or not is_pct
            value, qualifier, bad = parse_value(fcell.rstrip("%").strip(), "p" if is_pct else "n")
            found = Found(
                pat.section,
                field,
                value,
                quote,
                Place(label, f"{table.where}, hàng {r + 1}, cột {c + 1}"),
                pattern=f"cell:{pat.field}",
                extra={"qualifier": qualifier, "kind": "p" if is_pct else "n"},
            )
            yield found.doubt(bad[0], **bad[1]) if bad else found
