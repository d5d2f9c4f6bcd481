"""Reading a PDF's text layer with pypdf: text lines with their positions and the ruled lines
drawn on each page, from which tables (rows and columns of ruled cells) and paragraphs are
rebuilt."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from .reading import ExtractError, Para, Table, clean, split_lines

__all__ = ["read_pdf"]

#: A text line: x, baseline y, font size, text.
Line = tuple[float, float, float, str]
#: A ruled segment: x0, y0, x1, y1 (x0 <= x1, y0 <= y1).
Segment = tuple[float, float, float, float]


def read_pdf(data: bytes) -> list[Para | Table]:
    """Paragraphs and tables of every page; raise ExtractError for a PDF that cannot be read."""
    try:
        from pypdf import PdfReader
        from pypdf.errors import PyPdfError
    except ImportError:  # pragma: no cover - a dependency of the package
        raise ExtractError("extract.library_missing", library="pypdf") from None
    if not data[:1024].lstrip().startswith(b"%PDF"):
        raise ExtractError("extract.corrupt", kind="PDF")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                opened = bool(reader.decrypt(""))  # an owner password only still opens
            except Exception:  # AES without its library, or a damaged dictionary
                opened = False
            if not opened:
                raise ExtractError("extract.encrypted")
        items: list[Para | Table] = []
        pages = 0
        for number, page in enumerate(reader.pages, 1):
            pages = number
            lines, segments = _page_content(page)
            items.extend(_page_items(lines, segments, number))
    except ExtractError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError):
        raise ExtractError("extract.corrupt", kind="PDF") from None
    except Exception:  # pypdf raises many kinds of errors on damaged files
        raise ExtractError("extract.corrupt", kind="PDF") from None
    if pages and not items:
        raise ExtractError("extract.image_only", pages=pages)
    return items


def _apply(cm: Any, x: float, y: float) -> tuple[float, float]:
    return x * cm[0] + y * cm[2] + cm[4], x * cm[1] + y * cm[3] + cm[5]


def _page_content(page: Any) -> tuple[list[Line], list[Segment]]:
    """The page's text runs (merged into lines) and its thin ruled segments."""
    runs: list[Line] = []
    segments: list[Segment] = []
    start: list[tuple[float, float]] = []

    def text(t: str, cm: Any, tm: Any, font: Any, size: float) -> None:
        if t.strip():
            x, y = _apply(cm, tm[4], tm[5])
            scale = abs(tm[3] * cm[3]) or 1.0
            runs.append((x, y, float(size) * scale, t))

    def operand(op: bytes, args: Any, cm: Any, tm: Any) -> None:
        if op == b"m" and len(args) == 2:
            start[:] = [_apply(cm, float(args[0]), float(args[1]))]
        elif op == b"l" and len(args) == 2 and start:
            (x0, y0), (x1, y1) = start[0], _apply(cm, float(args[0]), float(args[1]))
            segments.append((min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)))
            start[:] = [(x1, y1)]
        elif op == b"re" and len(args) == 4:
            x, y, w, h = (float(a) for a in args)
            (x0, y0), (x1, y1) = _apply(cm, x, y), _apply(cm, x + w, y + h)
            if min(abs(x1 - x0), abs(y1 - y0)) < 2:  # a thin filled rectangle: a rule
                segments.append((min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)))

    page.extract_text(visitor_text=text, visitor_operand_before=operand)
    return _merge_runs(runs, segments), segments


def _merge_runs(runs: list[Line], segments: list[Segment]) -> list[Line]:
    """Runs on one baseline, close together and with no rule between them, make one line."""
    rules = [s for s in segments if s[2] - s[0] < 2 and s[3] - s[1] > 5]
    out: list[Line] = []
    for x, y, size, t in sorted(runs, key=lambda r: (-round(r[1], 0), r[0])):
        if out:
            px, py, psize, pt = out[-1]
            ruled = any(px < r[0] < x and r[1] <= y <= r[3] for r in rules)
            if abs(py - y) < 0.5 and not ruled and x - px < (len(pt) + 2) * psize * 0.6:
                out[-1] = (px, py, psize, pt + t)
                continue
        out.append((x, y, size, t))
    return out


def _cell_of(line: Line, hs: list[Segment], vs: list[Segment]) -> tuple[float, float, int] | None:
    """The ruled cell holding the start of ``line``: ``(table top, row top, column)``, or None."""
    cx, cy = line[0] + 1, line[1] + line[2] * 0.3
    xs = sorted({round(v[0]) for v in vs if v[1] - 1 <= cy <= v[3] + 1})
    if len(xs) < 2 or not xs[0] < cx < xs[-1]:
        return None
    covering = [h for h in hs if h[0] - 1 <= cx <= h[2] + 1]
    above = [h[1] for h in covering if h[1] > cy]
    below = [h[1] for h in covering if h[1] < cy]
    if not above or not below:
        return None
    col = sum(1 for x in xs if x < cx) - 1
    top = max(v[3] for v in vs if v[1] - 1 <= cy <= v[3] + 1)
    return round(top), round(min(above)), col


def _page_items(lines: list[Line], segments: list[Segment], page: int) -> Iterator[Para | Table]:
    """A line inside a ruled cell belongs to that cell; other lines are prose, a new paragraph
    starting after a gap wider than the line spacing or at a bullet or number."""
    hs = [s for s in segments if s[3] - s[1] < 2 and s[2] - s[0] > 5]
    vs = [s for s in segments if s[2] - s[0] < 2 and s[3] - s[1] > 5]
    n_para = 0
    grid: dict[float, dict[float, dict[int, str]]] = {}
    prose: list[str] = []
    last_y: float | None = None

    def flush_prose() -> Iterator[Para]:
        nonlocal n_para
        if prose:
            for text in split_lines("\n".join(prose)):
                n_para += 1
                yield Para(text, f"trang {page}, đoạn {n_para}")
        prose.clear()

    def flush_tables() -> Iterator[Table]:
        for _, rows in sorted(grid.items(), key=lambda kv: -kv[0]):
            width = max(max(cols) for cols in rows.values()) + 1
            yield Table(
                tuple(
                    tuple(clean(cols.get(c, "")) for c in range(width))
                    for _, cols in sorted(rows.items(), key=lambda kv: -kv[0])
                ),
                f"trang {page}, bảng",
            )
        grid.clear()

    for line in lines:
        cell = _cell_of(line, hs, vs) if hs and vs else None
        if cell is not None:
            yield from flush_prose()
            cols = grid.setdefault(cell[0], {}).setdefault(cell[1], {})
            cols[cell[2]] = f"{cols.get(cell[2], '')} {line[3].strip()}"
            last_y = None
            continue
        yield from flush_tables()
        if last_y is not None and (last_y - line[1] > 1.5 * line[2] or last_y == line[1]):
            yield from flush_prose()
        prose.append(line[3])
        last_y = line[1]
    yield from flush_prose()
    yield from flush_tables()
