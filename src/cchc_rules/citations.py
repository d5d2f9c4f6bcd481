"""Parse Vietnamese document numbers ("số và ký hiệu văn bản") into comparable values.

Pure and dependency-free. :func:`parse_number` turns a number as written in a report into a
:class:`DocumentNumber`, or raises :class:`UnparseableNumber` with a short reason; it never guesses.

Shapes accepted (Nghị định 30/2020/NĐ-CP, Phụ lục I and III; Hướng dẫn 36-HD/VPTW for party
documents)::

    05/KH-UBND, 766/QĐ-TTg          number/TYPE-ISSUER
    59/2019/NĐ-CP, 01/2023/TT-VPCP  number/year/TYPE-ISSUER
    03-NQ/TU, 40-KL/TW              number-TYPE/ISSUER             party: ``party=True``
    1234/UBND-NC                    number/ISSUER-DRAFTER          công văn: type "CV"
    01/2015/TTLT-BNV-BTC            number/year/TYPE-ISSUER-ISSUER joint: issuer "BNV-BTC"
    80/2015/QH13                    number/year/ISSUER             QH, UBTVQH: type ""

Tolerated variants: any Unicode normal form; ``Đ`` written ``D``, ``đ``, ``Ð`` (U+00D0) or ``ð``;
any letter case; spaces around ``/`` and ``-``; dash variants (‐ ‑ ‒ – — ― −) and slash variants;
a leading "số", "so", "No." or "№"; trailing sentence punctuation. Type and issuer codes are
canonicalised (``ND`` → ``NĐ``, ``qd`` → ``QĐ``, ``HDND`` → ``HĐND``, ``ttg`` → ``TTg``), so
variants of one number share a :meth:`DocumentNumber.key`.

Two codes differ only by ``Đ``: ``HD`` (Hướng dẫn) / ``HĐ`` (Hợp đồng) and ``DA`` (Dự án) /
``ĐA`` (Đề án), two different types under Nghị định 30/2020/NĐ-CP. Each is read as written:
``HD`` is Hướng dẫn and ``DA`` Dự án, never folded into the code with ``Đ``.

Rejected rather than guessed: a number with a letter suffix ("12a/KH-UBND"), since the identity
``(seq, year, doc_type, issuer)`` could not tell it from "12/KH-UBND"; a number without a type code
unless it is a công văn or a QH/UBTVQH number ("06/CP", "05/UBND"); an unknown type code before a
known issuer ("12/XYZ-UBND"); text around the number ("Kế hoạch số 05/KH-UBND ngày ..."). Each
rejection carries a stable :attr:`UnparseableNumber.code` (:data:`REASON_CODES`) that reports
render in the inspector's language.

:attr:`DocumentNumber.national` tells whether the issuer code names one national body (``CP``,
``TTg``, a ministry, ``TW``), as opposed to codes every province has (``UBND``, ``HĐND``, ``TU``).
:func:`read_number` is the cached, non-raising form rules use.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

__all__ = [
    "REASON_CODES",
    "DocumentNumber",
    "UnparseableNumber",
    "parse_number",
    "read_number",
    "try_parse_number",
]

YEAR_MIN = 1945
YEAR_MAX = 2100
_MAX_LENGTH = 200
_MAX_DIGITS = 6

_DIGITS = frozenset("0123456789")
_CODE_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyzĐđ0123456789")

# Characters replaced before parsing: dash and slash look-alikes, the Icelandic eth (and the
# African D) for Đ; invisible characters are dropped.
_TRANSLATE = str.maketrans(
    {
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2043\u2212\ufe58\ufe63\uff0d", "-"),
        **dict.fromkeys("\u2044\u2215\u29f8\uff0f", "/"),
        "\u00d0": "Đ",  # Ð LATIN CAPITAL LETTER ETH
        "\u00f0": "đ",  # ð LATIN SMALL LETTER ETH
        "\u0189": "Đ",  # Ɖ LATIN CAPITAL LETTER AFRICAN D
        "\u0256": "đ",  # ɖ LATIN SMALL LETTER D WITH TAIL
        **dict.fromkeys("\u00ad\u200b\u200c\u200d\u2060\ufeff", None),
    }
)

_Fail = Callable[[str, str], "UnparseableNumber"]

# Why a number is unparseable, as a stable code (a report renders it in the inspector's language).
EMPTY = "empty"  # nothing but whitespace or a "số" prefix
TOO_LONG = "too_long"  # longer than any real number
TEXT_AROUND = "text_around"  # words around the number ("Kế hoạch số 05/KH-UBND ngày …")
NO_NUMBER = "no_number"  # does not start with digits
BAD_NUMBER = "bad_number"  # letters in the digits, zero, too many digits
BAD_CHARACTER = "bad_character"  # a character no document number holds
MALFORMED = "malformed"  # stray or missing '/' and '-'
BAD_YEAR = "bad_year"  # a year that is not four digits in range, or two years
NO_TYPE = "no_type"  # no document-type code
UNKNOWN_TYPE = "unknown_type"  # a type code not in the official list
NO_ISSUER = "no_issuer"  # a type with no issuer code after it
#: Every code :attr:`UnparseableNumber.code` can take.
REASON_CODES = (
    EMPTY, TOO_LONG, TEXT_AROUND, NO_NUMBER, BAD_NUMBER, BAD_CHARACTER, MALFORMED, BAD_YEAR,
    NO_TYPE, UNKNOWN_TYPE, NO_ISSUER,
)  # fmt: skip

_PREFIXES = ("số", "so", "no.", "no:", "no", "n°", "nº", "№")
_TRAILING = ".,;"

# Document type codes, canonical spelling (Nghị định 30/2020/NĐ-CP Phụ lục III; party types).
_TYPES = (
    "BB", "BC", "CĐ", "CT", "CTr", "CV", "DA", "ĐA", "GGT", "GM", "GN", "GNP", "GUQ", "HD", "HĐ",
    "KH", "KL", "L", "NĐ", "NQ", "NQLT", "PA", "PB", "PC", "PG", "PL", "QC", "QĐ", "QĐi", "QĐLT",
    "QyĐ", "TB", "TC", "TT", "TTh", "TTLT", "TTr",
)  # fmt: skip
# Joint documents: every code after the type names a co-issuer.
_JOINT_TYPES = frozenset({"NQLT", "QĐLT", "TTLT"})
# Where two canonical codes fold to the same ASCII form, the one read from ASCII input.
_TYPE_FOLD_DEFAULTS = {"DA": "DA", "HD": "HD"}

# Issuer codes whose conventional spelling is known; any other issuer is kept in upper case.
_ISSUERS = (
    # State
    "CP", "TTg", "VPCP", "QH", "UBTVQH", "CTN", "UBND", "HĐND", "VP", "VPUBND", "VPHĐND",
    "BCA", "BCT", "BGDĐT", "BGTVT", "BKHCN", "BKHĐT", "BLĐTBXH", "BNG", "BNNPTNT", "BNV", "BQP",
    "BTC", "BTNMT", "BTP", "BTTTT", "BVHTTDL", "BXD", "BYT", "NHNN", "TTCP", "UBDT", "KTNN",
    "TANDTC", "VKSNDTC", "BHXH", "BHXHVN", "BCY",
    "SCT", "SGDĐT", "SGTVT", "SKHCN", "SKHĐT", "SLĐTBXH", "SNN", "SNNPTNT", "SNV", "STC",
    "STNMT", "STP", "STTTT", "SVHTTDL", "SXD", "SYT", "BQL", "BCĐ",
    # Party and mass organisations
    "TW", "TU", "HU", "QU", "TXU", "ĐU", "ĐĐ", "BCSĐ", "BTGTW", "BTCTW", "BDVTW", "BNCTW",
    "UBKTTW", "VPTW", "MTTQ", "UBMTTQ", "LĐLĐ", "ĐTN", "HLHPN", "HND", "HCCB",
)  # fmt: skip
# Issuer codes that name one national body, so that the number alone says who issued it (unlike
# UBND, HĐND, TU, S…: every province and district has one).
_NATIONAL_ISSUERS = frozenset((
    "CP", "TTg", "VPCP", "QH", "UBTVQH", "CTN",
    "BCA", "BCT", "BGDĐT", "BGTVT", "BKHCN", "BKHĐT", "BLĐTBXH", "BNG", "BNNPTNT", "BNV", "BQP",
    "BTC", "BTNMT", "BTP", "BTTTT", "BVHTTDL", "BXD", "BYT", "NHNN", "TTCP", "UBDT", "KTNN",
    "TANDTC", "VKSNDTC", "BHXHVN", "BCY",
    "TW", "BTGTW", "BTCTW", "BDVTW", "BNCTW", "UBKTTW", "VPTW",
))  # fmt: skip


def _fold(code: str) -> str:
    """Upper-case ``code`` and write Đ as D: the lookup key shared by all spellings."""
    return code.upper().replace("Đ", "D")


def _tables(
    codes: tuple[str, ...], defaults: dict[str, str]
) -> tuple[dict[str, str], dict[str, str]]:
    exact = {code.upper(): code for code in codes}
    folded: dict[str, str] = {}
    for code in codes:
        key = _fold(code)
        if key in folded and key not in defaults:
            raise AssertionError(f"ambiguous code table: {folded[key]} / {code}")
        folded[key] = defaults.get(key, code)
    return exact, folded


_TYPE_EXACT, _TYPE_FOLDED = _tables(_TYPES, _TYPE_FOLD_DEFAULTS)
_ISSUER_EXACT, _ISSUER_FOLDED = _tables(_ISSUERS, {})


class UnparseableNumber(ValueError):
    """A document number that cannot be read without guessing.

    ``raw`` is the text as given (NFC, stripped), ``reason`` a short English explanation and
    ``code`` its category, one of :data:`REASON_CODES` (for messages in other languages).
    """

    def __init__(self, raw: str, reason: str, code: str = MALFORMED) -> None:
        self.raw = raw
        self.reason = reason
        self.code = code
        super().__init__(f"unparseable document number {raw!r}: {reason}")

    def __reduce__(self) -> tuple[type[UnparseableNumber], tuple[str, str, str]]:
        return (type(self), (self.raw, self.reason, self.code))


@dataclass(frozen=True, slots=True)
class DocumentNumber:
    """A parsed document number.

    ``number`` keeps the digits as written ("05"), ``seq`` their value (5). ``doc_type`` and
    ``issuer`` are canonical codes. A công văn written ``1234/UBND-NC`` (no type code) has
    ``doc_type="CV"``, ``issuer="UBND"`` and ``drafter="NC"``; a law or resolution of the
    National Assembly (``80/2015/QH13``) has ``doc_type=""``. ``drafter`` holds the drafting
    unit's code when written; it is not part of the identity, since a unit numbers its documents in
    one register.
    """

    raw: str
    number: str
    seq: int
    year: int | None
    doc_type: str
    issuer: str
    party: bool = False
    drafter: str | None = None

    def key(self) -> tuple[int, int | None, str, str]:
        """Identity ``(seq, year, doc_type, issuer)``: equal for every spelling of one number."""
        return (self.seq, self.year, self.doc_type, self.issuer)

    def canonical(self) -> str:
        """The number in its conventional spelling, e.g. ``59/2019/NĐ-CP`` or ``03-NQ/TU``."""
        tail = f"-{self.drafter}" if self.drafter else ""
        if self.party:
            return f"{self.number}-{self.doc_type}/{self.issuer}{tail}"
        year = f"/{self.year}" if self.year is not None else ""
        if not self.doc_type:
            return f"{self.number}{year}/{self.issuer}"
        if self.doc_type == "CV" and self.drafter:
            return f"{self.number}{year}/{self.issuer}{tail}"
        return f"{self.number}{year}/{self.doc_type}-{self.issuer}{tail}"

    def __str__(self) -> str:
        return self.canonical()

    @property
    def national(self) -> bool:
        """Whether the issuer code names a national body (``CP``, ``TTg``, a ministry, ``QH13``,
        the party's ``TW``; every co-issuer of a joint number), so the number alone says who
        issued it. ``UBND``, ``HĐND``, ``TU`` and the like exist in every province."""
        return _is_national(self.issuer)


@lru_cache(maxsize=4096)
def _is_national(issuer: str) -> bool:
    return all(part in _NATIONAL_ISSUERS or _is_legislature(part) for part in issuer.split("-"))


@lru_cache(maxsize=65536)
def read_number(text: str) -> DocumentNumber | UnparseableNumber:
    """:func:`parse_number` returning the error instead of raising it; cached, for rules that
    read the same numbers many times in one run."""
    try:
        return parse_number(text)
    except UnparseableNumber as exc:
        exc.__traceback__ = None
        return exc


def try_parse_number(text: str) -> DocumentNumber | None:
    """Like :func:`parse_number`, but return ``None`` for an unparseable number."""
    try:
        return parse_number(text)
    except UnparseableNumber:
        return None


def parse_number(text: str) -> DocumentNumber:
    """Parse a document number as written; raise :class:`UnparseableNumber` if it cannot be read.

    >>> parse_number("Số 59/2019/ND-CP").canonical()
    '59/2019/NĐ-CP'
    """
    if not isinstance(text, str):
        raise TypeError(f"document number must be str, not {type(text).__name__}")
    raw = unicodedata.normalize("NFC", text).strip()

    def fail(code: str, reason: str) -> UnparseableNumber:
        return UnparseableNumber(raw, reason, code)

    if not raw:
        raise fail(EMPTY, "empty")
    if len(raw) > _MAX_LENGTH:
        raise fail(TOO_LONG, "too long")
    s = _strip_prefix(raw.translate(_TRANSLATE).strip())
    s = _join_separators(s.rstrip().rstrip(_TRAILING))
    if not s:
        raise fail(EMPTY, "no number")
    if any(c.isspace() for c in s):
        raise fail(TEXT_AROUND, "unexpected space (text around the number?)")
    if s[0] not in _DIGITS:
        raise fail(NO_NUMBER, "does not start with a number")
    i = 0
    while i < len(s) and s[i] in _DIGITS:
        i += 1
    number, rest = s[:i], s[i:]
    if len(number) > _MAX_DIGITS:
        raise fail(BAD_NUMBER, "number too long")
    if int(number) == 0:
        raise fail(BAD_NUMBER, "number is zero")
    if not rest:
        raise fail(NO_TYPE, "no document type")
    if rest[0] not in "/-":
        if rest[0].isalpha():
            raise fail(BAD_NUMBER, f"letters in the number part ({number}{rest.split('/')[0]})")
        raise fail(BAD_CHARACTER, f"unexpected character {rest[0]!r} after the number")
    if rest[0] == "-":
        return _parse_party(raw, number, rest[1:], fail)
    return _parse_state(raw, number, rest[1:], fail)


def _strip_prefix(s: str) -> str:
    """Drop a leading "số", "No." or similar, when followed by a space, a colon, a digit or
    nothing."""
    head = s[:3].casefold()
    for prefix in _PREFIXES:
        if head.startswith(prefix):
            rest = s[len(prefix) :]
            if not rest or rest[0].isspace() or rest[0] in ":." or rest[0] in _DIGITS:
                return rest.lstrip().lstrip(":.").lstrip()
            return s
    return s


def _join_separators(s: str) -> str:
    """Remove whitespace next to ``/`` and ``-``; keep other whitespace as one space (linear)."""
    pieces = s.split()
    if not pieces:
        return ""
    out = [pieces[0]]
    for piece in pieces[1:]:
        if out[-1][-1] in "/-" or piece[0] in "/-":
            out.append(piece)
        else:
            out.append(" " + piece)
    return "".join(out)


def _codes(part: str, fail: _Fail) -> list[str]:
    """Split ``TYPE-ISSUER[-...]`` into codes, checking each one's characters."""
    codes = part.split("-")
    for code in codes:
        if not code:
            raise fail(MALFORMED, "empty code (stray '-')")
        bad = next((c for c in code if c not in _CODE_CHARS), None)
        if bad is not None:
            raise fail(BAD_CHARACTER, f"unexpected character {bad!r} in code {code!r}")
        if code[0] in _DIGITS:
            raise fail(BAD_CHARACTER, f"code {code!r} starts with a digit")
    return codes


def _lookup(code: str, exact: dict[str, str], folded: dict[str, str]) -> str | None:
    """The canonical code: as written (``HĐ`` stays Hợp đồng), else by its folded form."""
    hit = exact.get(code.upper())
    return hit if hit is not None else folded.get(_fold(code))


def _type(code: str) -> str | None:
    return _lookup(code, _TYPE_EXACT, _TYPE_FOLDED)


def _issuer(code: str) -> str:
    known = _lookup(code, _ISSUER_EXACT, _ISSUER_FOLDED)
    return known if known is not None else code.upper()


def _is_known_issuer(code: str) -> bool:
    return _lookup(code, _ISSUER_EXACT, _ISSUER_FOLDED) is not None


def _is_legislature(code: str) -> bool:
    """``QH13``, ``UBTVQH15``: the National Assembly or its Standing Committee, with a term."""
    upper = code.upper()
    for prefix in ("UBTVQH", "QH"):
        if upper.startswith(prefix):
            term = upper[len(prefix) :]
            return 0 < len(term) <= 2 and all(c in _DIGITS for c in term)
    return False


def _year(text: str, fail: _Fail) -> int:
    if len(text) != 4:
        raise fail(BAD_YEAR, f"year {text!r} is not four digits")
    year = int(text)
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise fail(BAD_YEAR, f"year {year} outside {YEAR_MIN}-{YEAR_MAX}")
    return year


def _parse_state(raw: str, number: str, rest: str, fail: _Fail) -> DocumentNumber:
    """``number/[year/]TYPE-ISSUER[-DRAFTER]``, ``number/ISSUER-DRAFTER``, ``number/year/QHnn``."""
    if not rest:
        raise fail(MALFORMED, "nothing after '/'")
    parts = rest.split("/")
    if any(not p for p in parts):
        raise fail(MALFORMED, "empty segment (stray '/')")
    *middle, last = parts
    if all(c in _DIGITS for c in last):
        raise fail(NO_TYPE, "no document type")
    for part in middle:
        if not all(c in _DIGITS for c in part):
            raise fail(MALFORMED, f"unexpected segment {part!r}")
    if len(middle) > 1:
        raise fail(BAD_YEAR, "two years")
    year = _year(middle[0], fail) if middle else None
    codes = _codes(last, fail)
    seq = int(number)
    doc_type = _type(codes[0])
    if doc_type is not None:
        if len(codes) == 1:
            raise fail(NO_ISSUER, f"no issuer after type {doc_type!r}")
        if doc_type in _JOINT_TYPES:
            issuer = "-".join(_issuer(c) for c in codes[1:])
            return DocumentNumber(raw, number, seq, year, doc_type, issuer)
        drafter = "-".join(c.upper() for c in codes[2:]) or None
        issuer = _issuer(codes[1])
        return DocumentNumber(raw, number, seq, year, doc_type, issuer, drafter=drafter)
    if len(codes) == 1:
        if year is not None and _is_legislature(codes[0]):
            return DocumentNumber(raw, number, seq, year, "", codes[0].upper())
        raise fail(NO_TYPE, "no document type")
    if year is not None or (not _is_known_issuer(codes[0]) and _is_known_issuer(codes[1])):
        raise fail(UNKNOWN_TYPE, f"unknown document type {codes[0]!r}")
    # Công văn: ISSUER-DRAFTER, no type code.
    drafter = "-".join(c.upper() for c in codes[1:])
    return DocumentNumber(raw, number, seq, None, "CV", _issuer(codes[0]), drafter=drafter)


def _parse_party(raw: str, number: str, rest: str, fail: _Fail) -> DocumentNumber:
    """``number-TYPE/ISSUER[-DRAFTER]``."""
    if not rest:
        raise fail(MALFORMED, "nothing after '-'")
    parts = rest.split("/")
    if len(parts) != 2:
        raise fail(MALFORMED, "party number needs exactly one '/' (number-TYPE/ISSUER)")
    type_part, issuer_part = parts
    if not type_part:
        raise fail(NO_TYPE, "no document type")
    if not issuer_part:
        raise fail(NO_ISSUER, "no issuer after '/'")
    type_codes = _codes(type_part, fail)
    if len(type_codes) != 1:
        raise fail(UNKNOWN_TYPE, f"unexpected type {type_part!r}")
    doc_type = _type(type_codes[0])
    if doc_type is None:
        raise fail(UNKNOWN_TYPE, f"unknown document type {type_codes[0]!r}")
    codes = _codes(issuer_part, fail)
    drafter = "-".join(c.upper() for c in codes[1:]) or None
    return DocumentNumber(
        raw, number, int(number), None, doc_type, _issuer(codes[0]), True, drafter
    )
