"""Reading numbers, dates and periods the way Vietnamese reports and forms write them.

One parser shared by every input: spreadsheet cells (``loading/tabular_values.py``) and report
text (``cchc extract``). Pure, offline and dependency-free.

Numbers (:func:`parse_number`):

- ``.`` followed by groups of exactly three digits groups thousands (``3.051``, ``1.234.567``);
  any other single ``.`` or ``,`` is the decimal mark (``98,7``, ``1.5``).
- A single ``,`` followed by exactly three digits (``1,234``) is ambiguous — a Vietnamese decimal
  comma or an English thousands separator — and is an error, never a guess. Several commas
  (``1,234,567``) can only group thousands.
- With both marks, the last one is the decimal mark and the other must group thousands
  (``1.234,5``); spaces may group thousands (``3 051``).
- A percentage is at most 100, so it is never grouped: its one mark is the decimal mark.
- Number words (:func:`parse_number_words`): ``một`` … ``mười``, ``hai mươi mốt``,
  ``một trăm linh năm``, ``ba nghìn``, with or without diacritics.

Dates (:func:`parse_date`): ``01/7/2021`` (also ``-`` or ``.``), ISO ``2021-07-01`` and
``ngày 06 tháng 01 năm 2022``. Periods (:func:`parse_period`): ``6 tháng đầu năm 2022``,
``quý I năm 2023``, ``năm 2022``, ``tháng 3 năm 2023``, ``từ ngày 15/12/2021 đến ngày 14/6/2022``.

:func:`fold` lowers a text and strips its diacritics **one character for one character**, so a
match found in the folded text has the same offsets in the original (NFC) text.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Any

__all__ = [
    "VnParseError",
    "fold",
    "nfc",
    "parse_date",
    "parse_number",
    "parse_number_words",
    "parse_period",
    "parse_roman",
]


class VnParseError(ValueError):
    """Text that cannot be read: a message id (``data.expected_number``, …) and its parameters."""

    def __init__(self, message: str, **params: Any) -> None:
        super().__init__(message)
        self.message = message
        self.params = params


def nfc(text: str) -> str:
    """``text`` in Unicode NFC."""
    return unicodedata.normalize("NFC", text)


class _FoldTable(dict[int, str]):
    """A ``str.translate`` table built as characters are met: one character for one."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        if ch in "đĐðÐ":
            out = "d"
        else:
            base = unicodedata.normalize("NFD", ch)[0].lower()
            out = base if len(base) == 1 else ch
        self[code] = out
        return out


_FOLD = _FoldTable()


def fold(text: str) -> str:
    """``text`` (NFC) lower-cased without diacritics, ``đ`` as ``d``; the same length as
    ``text`` so that offsets carry over (``"Hồ sơ"`` → ``"ho so"``)."""
    if text.isascii():
        return text.lower()
    return text.translate(_FOLD)


# ---------------------------------------------------------------------------------------------
# Numbers

_SPACES = re.compile(r"[\s\u00a0\u202f]")
_SPACED = re.compile(r"[+-]?\d{1,3}(?:[\s\u00a0\u202f]\d{3})+(?:[.,]\d+)?")
_NUMBER = re.compile(r"[+-]?\d[\d.,]*")
_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+")
_GROUPED_COMMA = re.compile(r"\d{1,3}(?:,\d{3}){2,}")


def parse_number(text: str, *, percent: bool = False) -> Decimal:
    """``text`` (digits and marks only, e.g. ``"3.051"``) as a number; raise VnParseError."""
    raw = text
    text = text.strip()
    if _SPACES.search(text):  # "3 051": spaces may only group thousands
        if not _SPACED.fullmatch(text):
            raise VnParseError("data.expected_number", got=raw)
        text = _SPACES.sub("", text)
    if not _NUMBER.fullmatch(text):
        raise VnParseError("data.expected_number", got=raw)
    sign = "-" if text[0] == "-" else ""
    body = text.lstrip("+-")
    dots, commas = body.count("."), body.count(",")
    if percent and dots + commas > 1:
        raise VnParseError("data.expected_number", got=raw)
    if dots and commas:
        decimal_mark = "." if body.rfind(".") > body.rfind(",") else ","
        group_mark = "," if decimal_mark == "." else "."
        whole, _, frac = body.rpartition(decimal_mark)
        if decimal_mark in whole or not _groups(whole, group_mark):
            raise VnParseError("data.expected_number", got=raw)
        plain = whole.replace(group_mark, "") + "." + frac
    elif percent or dots + commas == 0:
        plain = body.replace(",", ".")
    elif dots:
        if _GROUPED.fullmatch(body):
            plain = body.replace(".", "")
        elif dots == 1:
            plain = body
        else:
            raise VnParseError("data.expected_number", got=raw)
    elif commas == 1:
        whole, frac = body.split(",")
        if len(frac) == 3:
            raise VnParseError(
                "data.ambiguous_number",
                got=raw,
                thousands=whole + frac,
                decimal=f"{whole}.{frac}",
            )
        plain = f"{whole}.{frac}"
    elif _GROUPED_COMMA.fullmatch(body):
        plain = body.replace(",", "")
    else:
        raise VnParseError("data.expected_number", got=raw)
    if plain.endswith(".") or plain.startswith("."):
        raise VnParseError("data.expected_number", got=raw)
    try:
        return Decimal(sign + plain)
    except InvalidOperation:
        raise VnParseError("data.expected_number", got=raw) from None


def _groups(whole: str, mark: str) -> bool:
    """Whether ``whole`` is digits grouped in threes by ``mark`` (or has no mark at all)."""
    if mark not in whole:
        return whole.isdigit()
    return re.fullmatch(r"\d{1,3}(?:" + re.escape(mark) + r"\d{3})+", whole) is not None


#: Digit words (folded, without diacritics), including the forms used after "mươi".
DIGIT_WORDS = {
    "khong": 0,
    "mot": 1,
    "hai": 2,
    "ba": 3,
    "bon": 4,
    "tu": 4,
    "nam": 5,
    "lam": 5,
    "nham": 5,
    "sau": 6,
    "bay": 7,
    "tam": 8,
    "chin": 9,
    "muoi": 10,
    "mot chuc": 10,
}
_SCALES = {"nghin": 1000, "ngan": 1000, "trieu": 1_000_000}
#: A regex (over folded text) matching a run of number words; :func:`parse_number_words` reads it.
NUMBER_WORDS_RE = (
    r"(?:(?:khong|mot|hai|ba|bon|tu|nam|lam|nham|sau|bay|tam|chin|muoi|muoi|mot chuc|tram|"
    r"linh|le|mot|nghin|ngan|trieu)(?:\s+|$))*?"
    r"(?:mot|hai|ba|bon|tu|nam|lam|sau|bay|tam|chin|muoi|tram|nghin|ngan|trieu)"
)


def parse_number_words(text: str) -> int:
    """Vietnamese number words as an int (``"hai mươi mốt"`` → 21, ``"một trăm linh năm"`` →
    105, ``"ba nghìn"`` → 3000); raise VnParseError for anything else."""
    words = fold(nfc(text)).split()
    if not words:
        raise VnParseError("data.expected_number", got=text)
    total, group, current = 0, 0, 0
    seen = False
    i = 0
    while i < len(words):
        w = words[i]
        if w in ("mot",) and i + 1 < len(words) and words[i + 1] == "chuc":
            current, i = 10, i + 2
            seen = True
            continue
        if w == "muoi":  # "mười" (10) or "mươi" (×10), the same without diacritics
            current = current * 10 if current else 10
        elif w == "tram":
            group += (current or 1) * 100
            current = 0
        elif w in ("linh", "le"):
            pass
        elif w in _SCALES:
            total += (group + current or 1) * _SCALES[w]
            group, current = 0, 0
        elif w in DIGIT_WORDS and w != "mot chuc":
            d = DIGIT_WORDS[w]
            current = current + d if current >= 10 else (current * 10 + d if current else d)
        else:
            raise VnParseError("data.expected_number", got=text)
        seen = True
        i += 1
    if not seen:
        raise VnParseError("data.expected_number", got=text)
    return total + group + current


_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50}


def parse_roman(text: str) -> int:
    """A Roman numeral up to 89 (``"IV"`` → 4); raise VnParseError."""
    s = text.strip().lower()
    if not s or any(c not in _ROMAN for c in s):
        raise VnParseError("data.expected_number", got=text)
    total = 0
    for i, c in enumerate(s):
        v = _ROMAN[c]
        total += -v if i + 1 < len(s) and _ROMAN[s[i + 1]] > v else v
    return total


# ---------------------------------------------------------------------------------------------
# Dates and periods

_DMY = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_WORDY = re.compile(r"(?:ngay\s+)?(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})")


def parse_date(text: str) -> _dt.date:
    """``dd/mm/yyyy`` (also with ``-`` or ``.``), ISO ``yyyy-mm-dd`` or
    ``ngày dd tháng mm năm yyyy``; raise VnParseError."""
    s = text.strip()
    m = _ISO.fullmatch(s)
    if m:
        y, mo, d = (int(g) for g in m.groups())
    else:
        m = _DMY.fullmatch(s) or _WORDY.fullmatch(fold(nfc(s)))
        if not m:
            raise VnParseError("data.expected_date_dmy", got=text)
        d, mo, y = (int(g) for g in m.groups())
    try:
        return _dt.date(y, mo, d)
    except ValueError:
        raise VnParseError("data.invalid_date", got=text) from None


def _month_end(year: int, month: int) -> _dt.date:
    nxt = _dt.date(year + month // 12, month % 12 + 1, 1)
    return nxt - _dt.timedelta(days=1)


_QUARTER = r"(i{1,3}|iv|[1-4])"
_PERIODS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(
            r"tu ngay\s+(?P<a>\d{1,2}[/.-]\d{1,2}[/.-]\d{4})\s*(?:den|toi)\s*(?:het\s+)?"
            r"ngay\s+(?P<b>\d{1,2}[/.-]\d{1,2}[/.-]\d{4})"
        ),
        "range",
    ),
    (
        re.compile(r"(?P<n>6|sau|9|chin)\s+thang\s+(?P<side>dau|cuoi)\s+nam\s+(?P<y>\d{4})"),
        "months",
    ),
    (re.compile(r"quy\s+" + _QUARTER + r"(?:\s+nam|/)\s*(?P<y>\d{4})"), "quarter"),
    (re.compile(r"thang\s+(?P<m>\d{1,2})(?:\s+nam\s+|/)(?P<y>\d{4})"), "month"),
    (re.compile(r"nam\s+(?P<y>\d{4})"), "year"),
)


def parse_period(text: str) -> tuple[_dt.date, _dt.date, int, int] | None:
    """The first period ``text`` names, as ``(start, end, match_start, match_end)``, or None.

    ``6 tháng đầu năm 2022`` → 1/1–30/6/2022; ``6 tháng cuối năm`` → 1/7–31/12; ``9 tháng đầu
    năm`` → 1/1–30/9; ``quý II năm 2023``; ``tháng 3 năm 2023`` or ``tháng 3/2023``; ``năm 2022``
    → the calendar year; ``từ ngày 15/12/2021 đến ngày 14/6/2022``.
    """
    folded = fold(nfc(text))
    best: tuple[_dt.date, _dt.date, int, int] | None = None
    for rx, kind in _PERIODS:
        m = rx.search(folded)
        if m is None or (best is not None and m.start() >= best[2]):
            continue
        got = _period_of(m, kind)
        if got is not None:
            best = (*got, m.start(), m.end())
    return best


def _period_of(m: re.Match[str], kind: str) -> tuple[_dt.date, _dt.date] | None:
    try:
        if kind == "range":
            return parse_date(m["a"]), parse_date(m["b"])
        y = int(m["y"])
        if kind == "months":
            n = 6 if m["n"] in ("6", "sau") else 9
            if m["side"] == "dau":
                return _dt.date(y, 1, 1), _month_end(y, n)
            return _dt.date(y, 13 - n, 1), _dt.date(y, 12, 31)
        if kind == "quarter":
            q_text = m.group(1)
            q = int(q_text) if q_text.isdigit() else parse_roman(q_text)
            return _dt.date(y, 3 * q - 2, 1), _month_end(y, 3 * q)
        if kind == "month":
            mo = int(m["m"])
            return _dt.date(y, mo, 1), _month_end(y, mo)
        return _dt.date(y, 1, 1), _dt.date(y, 12, 31)
    except (ValueError, VnParseError):
        return None
