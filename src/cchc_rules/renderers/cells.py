"""Spreadsheet cells from report values (csv and xlsx): the findings' columns, and values from
the data neutralised so that a spreadsheet never reads them as a formula."""

from __future__ import annotations

import re
from collections.abc import Callable

from .document import Document, FindingRow

__all__ = ["FINDING_COLUMNS", "finding_header", "finding_values", "neutralise"]

#: A cell starting with one of these is read as a formula (or DDE call) by spreadsheets.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: Control characters a spreadsheet cell cannot hold (XML 1.0 forbids them).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def neutralise(value: str) -> str:
    """``value`` as inert text: a leading ``'`` when it starts like a formula (``=``, ``+``,
    ``-``, ``@``, tab, carriage return), control characters removed."""
    value = _CONTROL.sub("", value)
    return "'" + value if value.startswith(FORMULA_START) else value


#: The findings' columns: the label of the heading and the value of a row.
FINDING_COLUMNS: tuple[tuple[str, Callable[[FindingRow], str]], ...] = (
    ("report.unit_id", lambda f: f.unit),
    ("report.unit_name", lambda f: f.unit_name),
    ("label.rule", lambda f: f.rule),
    ("report.rule_title", lambda f: f.rule_title),
    ("report.family", lambda f: f.family_text),
    ("label.severity", lambda f: f.severity_text),
    ("label.subject", lambda f: f.subject),
    ("label.message", lambda f: f.message),
    ("report.evidence", lambda f: f.evidence_text),
    ("report.legal_basis", lambda f: f.basis),
    ("report.waiver", lambda f: f.waiver),
    ("report.state", lambda f: f.state_text),
    ("report.first_seen", lambda f: f.first_seen),
    ("report.fingerprint", lambda f: f.fingerprint),
)


#: The column added when the data was extracted from report documents: the quotes of the
#: finding's figures, empty when they cannot be told reliably.
QUOTES_COLUMN = ("report.provenance.quotes", lambda f: f.quotes_text)


def _columns(doc: Document) -> tuple[tuple[str, Callable[[FindingRow], str]], ...]:
    if doc.provenance is None:
        return FINDING_COLUMNS
    return (*FINDING_COLUMNS, QUOTES_COLUMN)


def finding_header(doc: Document) -> list[str]:
    return [doc.label(label) for label, _ in _columns(doc)]


def finding_values(row: FindingRow, doc: Document) -> list[str]:
    """One finding's cells, neutralised."""
    return [neutralise(value(row)) for _, value in _columns(doc)]
