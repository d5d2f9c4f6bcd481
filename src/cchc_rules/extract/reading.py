"""Reading a report document (.docx, .pdf with a text layer, .md, .txt) into paragraphs and
tables in reading order, each with where it is (page, paragraph, table row and column).

Word files are read with python-docx, PDF files with pypdf (``pdf.py``: text lines with their
positions and the ruled lines of each page, from which table rows and columns are rebuilt). A
file that cannot be read raises :class:`ExtractError` with a message id, never a library's
exception.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs

from ..errors import DataIssue
from ..loading.files import read_limited
from ..vnparse import nfc
from . import SUFFIXES

__all__ = ["SUFFIXES", "Document", "ExtractError", "Para", "Table", "read_document"]


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


def clean(text: str) -> str:
    return _WS.sub(" ", nfc(text).replace("\u00ad", "")).strip()


def read_document(path: str | Path, *, max_bytes: int | None = None) -> Document:
    """Read ``path`` by its suffix; raise :class:`ExtractError` when it cannot be read.

    Only a regular file is read (a folder, FIFO or device is refused before anything is read),
    and one larger than ``max_bytes`` (default :data:`~cchc_rules.loading.files.MAX_INPUT_BYTES`,
    the configuration's ``max_input_mb``) is refused with its size and the limit.
    """
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix not in SUFFIXES:
        raise ExtractError("extract.unsupported", suffix=suffix or "?")
    data = read_limited(p, str(path), max_bytes)
    if isinstance(data, DataIssue):
        raise ExtractError(_READ_PROBLEMS.get(data.message, "extract.unreadable"), **data.params)
    if suffix == ".docx":
        items = _read_docx(data)
    elif suffix == ".pdf":
        items = _read_pdf(data)
    else:
        items = _read_text(data)
    items = _join_broken(items)
    if not any(isinstance(i, Table) or i.text for i in items):
        raise ExtractError("extract.no_text")
    return Document(str(path), tuple(items))


#: The extractor's message for each problem :func:`~cchc_rules.loading.files.read_limited` finds.
_READ_PROBLEMS = {
    "data.file_not_found": "extract.not_found",
    "data.not_a_file": "extract.not_a_file",
    "data.too_large": "extract.too_large",
    "data.file_unreadable": "extract.unreadable",
}


# ---------------------------------------------------------------------------------------------
# Plain text and Markdown

_MD_MARKUP = re.compile(r"(\*\*|__|(?<!\w)\*(?!\s)|(?<!\s)\*(?!\w)|^#+\s*|\\(?=[.\-*_]))")


def _read_text(data: bytes) -> list[Para | Table]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ExtractError("extract.not_utf8") from None
    items: list[Para | Table] = []
    block: list[str] = []
    rows: list[tuple[str, ...]] = []
    start = 0

    def flush(lineno: int) -> None:
        nonlocal block, rows
        if rows:
            items.append(Table(tuple(rows), f"dòng {start}"))
        elif block:
            items.append(Para(clean(" ".join(block)), f"dòng {start}"))
        block, rows = [], []

    for n, raw in enumerate(text.splitlines(), 1):
        line = _MD_MARKUP.sub("", raw).strip()
        if line.startswith("|"):
            if block:
                flush(n)
            cells = tuple(clean(c) for c in line.strip().strip("|").split("|"))
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


_OLE = bytes.fromhex("d0cf11e0a1b11ae1")  # the OLE compound file signature


def _read_docx(data: bytes) -> list[Para | Table]:
    try:
        import docx
        from docx.table import Table as DocxTable
    except ImportError:  # pragma: no cover - a dependency of the package
        raise ExtractError("extract.library_missing", library="python-docx") from None
    if not zipfile.is_zipfile(io.BytesIO(data)):
        if data[:8] == _OLE:  # a password-protected .docx, or an old .doc renamed
            raise ExtractError("extract.encrypted_or_doc")
        raise ExtractError("extract.corrupt", kind="Word (.docx)")
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises KeyError, ValueError, lxml errors
        if "encrypt" in str(exc).lower():
            raise ExtractError("extract.encrypted") from None
        raise ExtractError("extract.corrupt", kind="Word (.docx)") from None
    from .numbering import ListLabels

    labels = ListLabels(document)
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
                    cells.append(clean(" ".join(par.text for par in cell.paragraphs)))
                rows.append(tuple(cells))
            items.append(Table(tuple(rows), f"bảng {n_table}"))
        else:
            n_para += 1
            text = block.text
            label = labels.label(block)  # Word's automatic numbering: "II.", "1.", "-"
            if label and text.strip() and not text.lstrip().startswith(label):
                text = f"{label} {text.lstrip()}"
            if text.strip():
                for line in text.split("\n"):  # manual line breaks: one paragraph each
                    if line.strip():
                        items.append(Para(clean(line), f"đoạn {n_para}"))
    return items


# ---------------------------------------------------------------------------------------------
# PDF


def _read_pdf(data: bytes) -> list[Para | Table]:
    from .pdf import read_pdf

    return read_pdf(data)


def split_lines(text: str) -> Iterator[str]:
    """A text box's lines grouped into paragraphs (a bullet or a numbered item starts one)."""
    current: list[str] = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        if current and _starts_item(line):
            yield clean(" ".join(current))
            current = []
        current.append(line)
    if current:
        yield clean(" ".join(current))


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
