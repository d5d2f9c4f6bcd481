"""Reading a report document (.docx, .pdf with a text layer, .md, .txt) into paragraphs and
tables in reading order, each with where it is (page, paragraph, table row and column).

Word files are read with python-docx, PDF files with pdfminer.six (its layout analysis gives each
text box's position, from which table rows and columns are rebuilt). A file that cannot be read
raises :class:`ExtractError` with a message id, never a library's exception.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs

from ..vnparse import nfc

__all__ = ["SUFFIXES", "Document", "ExtractError", "Para", "Table", "read_document"]

SUFFIXES = (".docx", ".pdf", ".md", ".markdown", ".txt")


class ExtractError(Exception):
    """A document that cannot be extracted: a message id and its parameters."""

    def __init__(self, message: str, **params: Any) -> None:
        super().__init__(message)
        self.message = message
        self.params = params


@attrs.frozen
class Para:
    """A paragraph: its text (NFC, one line) and where it is."""

    text: str
    where: str


@attrs.frozen
class Table:
    """A table: its rows of cell texts and where it starts."""

    rows: tuple[tuple[str, ...], ...]
    where: str


@attrs.frozen
class Document:
    """A report read in order: paragraphs and tables."""

    path: str
    items: tuple[Para | Table, ...]


_WS = re.compile(r"[ \t\u00a0\u202f]+")


def _clean(text: str) -> str:
    return _WS.sub(" ", nfc(text).replace("\u00ad", "")).strip()


def read_document(path: str | Path) -> Document:
    """Read ``path`` by its suffix; raise :class:`ExtractError` when it cannot be read."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix not in SUFFIXES:
        raise ExtractError("extract.unsupported", suffix=suffix or "?")
    if not p.is_file():
        raise ExtractError("extract.not_found")
    if suffix == ".docx":
        items = _read_docx(p)
    elif suffix == ".pdf":
        items = _read_pdf(p)
    else:
        items = _read_text(p)
    items = _join_broken(items)
    if not any(isinstance(i, Table) or i.text for i in items):
        raise ExtractError("extract.no_text")
    return Document(str(path), tuple(items))


# ---------------------------------------------------------------------------------------------
# Plain text and Markdown

_MD_MARKUP = re.compile(r"(\*\*|__|(?<!\w)\*(?!\s)|(?<!\s)\*(?!\w)|^#+\s*|\\(?=[.\-*_]))")


def _read_text(p: Path) -> list[Para | Table]:
    try:
        text = p.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise ExtractError("extract.not_utf8") from None
    except OSError as exc:
        raise ExtractError("extract.unreadable", detail=exc.strerror or str(exc)) from None
    items: list[Para | Table] = []
    block: list[str] = []
    rows: list[tuple[str, ...]] = []
    start = 0

    def flush(lineno: int) -> None:
        nonlocal block, rows
        if rows:
            items.append(Table(tuple(rows), f"dòng {start}"))
        elif block:
            items.append(Para(_clean(" ".join(block)), f"dòng {start}"))
        block, rows = [], []

    for n, raw in enumerate(text.splitlines(), 1):
        line = _MD_MARKUP.sub("", raw).strip()
        if line.startswith("|"):
            if block:
                flush(n)
            cells = tuple(_clean(c) for c in line.strip().strip("|").split("|"))
            if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                if not rows:
                    start = n
                rows.append(cells)
            continue
        if rows:
            flush(n)
        if not line:
            flush(n)
            continue
        if block and (_starts_item(line) or raw.startswith("#")):
            flush(n)
        if not block:
            start = n
        block.append(line)
    flush(len(text))
    return items


_ITEM = re.compile(r"^(?:[-+•*–]\s|[IVX]+\.\s|\d+(?:\.\d+)*[.)]\s|[a-zđ][.)]\s)")


def _starts_item(line: str) -> bool:
    return _ITEM.match(line) is not None


# ---------------------------------------------------------------------------------------------
# Word


def _read_docx(p: Path) -> list[Para | Table]:
    try:
        import docx
        from docx.table import Table as DocxTable
    except ImportError:  # pragma: no cover - a dependency of the package
        raise ExtractError("extract.library_missing", library="python-docx") from None
    if not zipfile.is_zipfile(p):
        raise ExtractError("extract.corrupt", kind="Word (.docx)")
    try:
        document = docx.Document(str(p))
    except Exception as exc:  # python-docx raises KeyError, ValueError, lxml errors
        if "encrypt" in str(exc).lower():
            raise ExtractError("extract.encrypted") from None
        raise ExtractError("extract.corrupt", kind="Word (.docx)") from None
    items: list[Para | Table] = []
    n_para = n_table = 0
    for block in document.iter_inner_content():
        if isinstance(block, DocxTable):
            n_table += 1
            rows = []
            for row in block.rows:
                cells: list[str] = []
                last: Any = None
                for cell in row.cells:
                    if cell._tc is last:  # a merged cell repeats: keep it once
                        cells.append("")
                        continue
                    last = cell._tc
                    cells.append(_clean(" ".join(par.text for par in cell.paragraphs)))
                rows.append(tuple(cells))
            items.append(Table(tuple(rows), f"bảng {n_table}"))
        else:
            n_para += 1
            text = block.text
            if text.strip():
                for line in text.split("\n"):  # manual line breaks: one paragraph each
                    if line.strip():
                        items.append(Para(_clean(line), f"đoạn {n_para}"))
    return items


# ---------------------------------------------------------------------------------------------
# PDF


def _read_pdf(p: Path) -> list[Para | Table]:
    try:
        from pdfminer.high_level import extract_pages
        from pdfminer.layout import (
            LAParams,
            LTLine,
            LTRect,
            LTTextBoxHorizontal,
            LTTextLineHorizontal,
        )
        from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
        from pdfminer.pdfparser import PDFSyntaxError
        from pdfminer.psparser import PSException
    except ImportError:  # pragma: no cover - a dependency of the package
        raise ExtractError("extract.library_missing", library="pdfminer.six") from None
    with p.open("rb") as fh:
        if not fh.read(1024).lstrip().startswith(b"%PDF"):
            raise ExtractError("extract.corrupt", kind="PDF")
    items: list[Para | Table] = []
    pages = 0
    try:
        for number, page in enumerate(extract_pages(str(p), laparams=LAParams()), 1):
            pages = number
            boxes = [
                (
                    b.x0,
                    b.y0,
                    b.x1,
                    b.y1,
                    b.get_text(),
                    [
                        (ln.x0, ln.y0, ln.x1, ln.y1, ln.get_text())
                        for ln in b
                        if isinstance(ln, LTTextLineHorizontal) and ln.get_text().strip()
                    ],
                )
                for b in page
                if isinstance(b, LTTextBoxHorizontal) and b.get_text().strip()
            ]
            rules = [(o.x0, o.y0, o.x1, o.y1, "") for o in page if isinstance(o, (LTLine, LTRect))]
            items.extend(_page_items(boxes, number, rules))
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise ExtractError("extract.encrypted") from None
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError, AssertionError):
        raise ExtractError("extract.corrupt", kind="PDF") from None
    except Exception as exc:  # pdfminer raises many kinds of errors on damaged files
        if "password" in str(exc).lower() or "encrypt" in str(exc).lower():
            raise ExtractError("extract.encrypted") from None
        raise ExtractError("extract.corrupt", kind="PDF") from None
    if pages and not items:
        raise ExtractError("extract.image_only", pages=pages)
    return items


Line = tuple[float, float, float, float, str]
Box = tuple[float, float, float, float, str, list[Line]]


def _cell_of(line: Line, hs: list[Line], vs: list[Line]) -> tuple[float, float, int] | None:
    """The table cell holding ``line``'s centre, from the ruled lines around it: ``(table top,
    row top, column)``, or None when no ruled cell encloses it."""
    cx, cy = (line[0] + line[2]) / 2, (line[1] + line[3]) / 2
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


def _page_items(boxes: list[Box], page: int, rules: list[Line]) -> Iterator[Para | Table]:
    """Paragraphs and tables of one page. A text line inside a ruled cell belongs to that cell
    (table borders drawn in the PDF give rows and columns); other lines are prose, a text box
    being a paragraph."""
    hs = [r for r in rules if abs(r[3] - r[1]) < 2 and r[2] - r[0] > 5]
    vs = [r for r in rules if abs(r[2] - r[0]) < 2 and r[3] - r[1] > 5]
    lines = sorted(
        ((*ln, n) for n, box in enumerate(boxes) for ln in box[5]), key=lambda ln: (-ln[3], ln[0])
    )
    n_para = 0
    grid: dict[float, dict[float, dict[int, str]]] = {}
    prose: list[str] = []
    prose_box = -1

    def flush_prose() -> Iterator[Para]:
        nonlocal n_para, prose
        if prose:
            for text in _split_box("\n".join(prose)):
                n_para += 1
                yield Para(text, f"trang {page}, đoạn {n_para}")
        prose = []

    def flush_tables() -> Iterator[Table]:
        for _, rows in sorted(grid.items(), key=lambda kv: -kv[0]):
            width = max(max(cols) for cols in rows.values()) + 1
            table = tuple(
                tuple(_clean(cols.get(c, "")) for c in range(width))
                for _, cols in sorted(rows.items(), key=lambda kv: -kv[0])
            )
            yield Table(table, f"trang {page}, bảng")
        grid.clear()

    for ln in lines:
        cell = _cell_of(ln[:5], hs, vs) if hs and vs else None
        if cell is not None:
            yield from flush_prose()
            cols = grid.setdefault(cell[0], {}).setdefault(cell[1], {})
            cols[cell[2]] = f"{cols.get(cell[2], '')} {ln[4].strip()}"
            continue
        yield from flush_tables()
        if ln[5] != prose_box:
            yield from flush_prose()
            prose_box = ln[5]
        prose.append(ln[4])
    yield from flush_prose()
    yield from flush_tables()


def _split_box(text: str) -> Iterator[str]:
    """A text box's lines grouped into paragraphs (a bullet or a numbered item starts one)."""
    current: list[str] = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        if current and _starts_item(line):
            yield _clean(" ".join(current))
            current = []
        current.append(line)
    if current:
        yield _clean(" ".join(current))


# ---------------------------------------------------------------------------------------------


def _join_broken(items: list[Para | Table]) -> list[Para | Table]:
    """Join a paragraph cut by a page break: one that does not end a sentence, followed by one
    that starts in lower case."""
    out: list[Para | Table] = []
    for item in items:
        prev = out[-1] if out else None
        if (
            isinstance(item, Table)
            and isinstance(prev, Table)
            and len(item.rows[0]) == len(prev.rows[0])
            and "trang" in prev.where
            and prev.where != item.where
        ):  # a table continued on the next page
            out[-1] = Table(prev.rows + item.rows, prev.where)
            continue
        if (
            isinstance(item, Para)
            and isinstance(prev, Para)
            and (item.text[:1].islower() or item.text[:1].isdigit())
            and prev.text[-1:] not in ".:;!?"
            and not _starts_item(item.text)
        ):
            out[-1] = Para(f"{prev.text} {item.text}", prev.where)
            continue
        out.append(item)
    return out
