"""Reading one spreadsheet cell as the value its column expects, the way a Vietnamese form is
written: ``3.051`` is three thousand and fifty-one, ``98,7`` is 98.7, dates are ``dd/mm/yyyy``.

Numbers and dates written as text are read by the parser every input shares
(:func:`cchc_rules.vnparse.parse_number`, whose docstring and ``docs/tabular-input.md`` give its
rules: ``.`` groups thousands, one ``,`` before three digits is ambiguous, …). Beyond it:

- Native spreadsheet numbers and dates are used as they are; a number shown as a percentage
  (``98,7%`` typed into a cell formatted as percent holds 0.987) counts as what is shown.
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
from decimal import Decimal
from typing import Any

from ..vnparse import VnParseError, parse_number
from ..vnparse import parse_date as _parse_date
from .tabular_layout import CHOICE_WORDS, Column, fold

__all__ = ["CellError", "cell_value", "parse_date", "parse_number"]


#: A cell that cannot be read: a message id (``message``) and its parameters (``params``).
CellError = VnParseError


def parse_date(text: str) -> _dt.date:
    """``dd/mm/yyyy`` (also with ``-`` or ``.``) or ISO ``yyyy-mm-dd``; raise CellError with the
    offending text quoted, as the loader shows it."""
    try:
        return _parse_date(text)
    except VnParseError as exc:
        raise CellError(exc.message, got=repr(text)) from None


_FORMAT_DECIMALS = re.compile(r"0\.(0+)")
_TRUE = {"true", "co", "x", "yes", "dung", "1"}
_FALSE = {"false", "khong", "no", "sai", "0"}


def _number_value(value: Decimal) -> int | float:
    """An int when written without decimals, else a float."""
    exact = value == value.to_integral_value() and value.as_tuple().exponent == 0
    return int(value) if exact else float(value)


def _native_number(value: int | float, number_format: str) -> Decimal:
    """A spreadsheet number as shown: ×100 when the cell is formatted as a percentage."""
    d = Decimal(value) if isinstance(value, int) else Decimal(repr(value))
    return d * 100 if "%" in number_format else d


def _shown_decimals(number_format: str) -> int | None:
    """The decimals a fixed number format shows (``0.00`` → 2, ``0`` → 0); None for General."""
    fmt = number_format.split(";")[0]
    if fmt.lower() in ("general", "@", ""):
        return None
    m = _FORMAT_DECIMALS.search(fmt)
    return len(m.group(1)) if m else (0 if "0" in fmt else None)


def _figure(value: Any, col: Column, number_format: str) -> Any:
    try:
        return _read_figure(value, col, number_format)
    except CellError as exc:
        if exc.message != "data.expected_number":
            raise
        kind = "percent" if col.kind == "stated" else col.kind
        got = exc.params["got"]
        raise CellError(
            f"data.expected_{kind}", got=repr(got) if isinstance(got, str) else got
        ) from None


def _read_figure(value: Any, col: Column, number_format: str) -> Any:
    percent = col.kind in ("percent", "stated")
    if isinstance(value, bool):
        raise CellError("data.expected_number", got=value)
    if isinstance(value, (int, float)):
        d = _native_number(value, number_format)
        if col.kind == "stated":
            decimals = _shown_decimals(number_format)
            if decimals is not None:
                d = d.quantize(Decimal(1).scaleb(-decimals))
            return str(d)
        return int(d) if d == d.to_integral_value() else float(d)
    if isinstance(value, (_dt.date, _dt.time)):
        raise CellError("data.expected_number", got=_show_date(value))
    text = str(value).strip()
    if col.kind == "stated":
        return text  # "98,70", "trên 97%": the model reads what a report writes
    words, number = _split_words(text.rstrip("%").strip() if percent else text)
    parsed = parse_number(number, percent=percent)
    if words:
        if col.kind != "count" or parsed != parsed.to_integral_value():
            raise CellError("data.expected_number", got=text)
        return f"{words} {int(parsed)}"  # a bounded count ("hơn 2.000"): the model decides
    return _number_value(parsed)


def _split_words(text: str) -> tuple[str, str]:
    """Leading words (a qualifier such as "hơn") and the number after them."""
    m = re.search(r"[+-]?\d", text)
    if m is None:
        raise CellError("data.expected_number", got=text)
    return text[: m.start()].strip(), text[m.start() :].strip()


def _show_date(value: _dt.date | _dt.time) -> str:
    return value.strftime("%d/%m/%Y") if isinstance(value, _dt.date) else str(value)


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (_dt.date, _dt.time)):
        # a spreadsheet turned what was typed ("1/2") into a date: what was meant is unknown
        raise CellError("data.text_became_date", got=_show_date(value))
    return str(value).strip()


def cell_value(value: Any, col: Column, number_format: str = "General") -> Any:
    """The tree value of a non-empty cell in ``col``; raise :class:`CellError`."""
    kind = col.kind
    if col.is_figure:
        return _figure(value, col, number_format)
    if kind == "date":
        if isinstance(value, _dt.datetime):
            return value.date()
        if isinstance(value, _dt.date):
            return value
        if isinstance(value, str):
            return parse_date(value)
        raise CellError("data.expected_date_dmy", got=value)
    if kind == "bool":
        if isinstance(value, bool):
            return value
        folded = fold(str(value))
        if folded in _TRUE:
            return True
        if folded in _FALSE:
            return False
        return str(value)  # the model reports it
    text = _text(value)
    if kind == "ids":
        return [part.strip() for part in re.split(r"[;,]", text) if part.strip()]
    if kind == "choice":  # the value, or its Vietnamese words ("Công chức", "ngày làm việc")
        return _choice_table(col.choices).get(fold(text), text)
    return text


@functools.cache
def _choice_table(choices: tuple[str, ...]) -> dict[str, str]:
    """Folded text → the first of ``choices`` it names (by its own folded form or its words);
    built once per column, not once per cell."""
    table: dict[str, str] = {}
    for option in choices:
        table.setdefault(fold(option), option)
        for words, named in CHOICE_WORDS.items():
            if named == option:
                table.setdefault(words, option)
    return table
