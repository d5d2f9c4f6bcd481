"""The validated fast path for JSON data files: decode straight into typed structs, or give up.

A ``cchc/1`` JSON file that is valid as it stands (the usual case for a large, generated file) is
decoded by msgspec into :class:`msgspec.Struct` types built from the model's field metadata, then
turned into the model. Whatever this path cannot prove equal to the careful loader
(:mod:`~cchc_rules.loading.files` and :mod:`~cchc_rules.loading.convert`) — an invalid or unknown
value, a text that is not stripped or not NFC, a duplicate key, a bounded count, anything the
careful loader would report — makes :func:`fast_json_draft` return ``None``, and the caller reads
the file the careful way, which locates every issue. The two paths give equal datasets.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import msgspec

from .convert import FileDraft, UnitDraft
from .fast_schema import FileStruct, Unproven, build_report, dataset_fields, unit_draft

__all__ = ["SCHEMA_DEPTH", "fast_json_draft"]

_DECODER = msgspec.json.Decoder(FileStruct)
_ENCODER = msgspec.json.Encoder()

#: The deepest nesting of tables and arrays the structs allow (file, units, unit, a list
#: section, its entry, a period): the fast path is taken only under a ``max_depth`` this deep.
SCHEMA_DEPTH = 6


def fast_json_draft(data: bytes, source: str, max_depth: int) -> FileDraft | None:
    """The draft of a JSON file that is valid as it stands, or ``None`` when the careful loader
    must read it (it may hold an issue: the careful loader then locates it).

    ``data`` are the file's bytes (a leading BOM allowed). The file's units are converted into
    the model one by one, each struct released once converted.
    """
    if max_depth < SCHEMA_DEPTH:
        return None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b"\\" in data and (b"\\u003a" in data or b"\\u003A" in data):
        return None  # an escaped ':' would hide a duplicate key from the count in _proven
    try:
        tree = _DECODER.decode(data)
    except (msgspec.ValidationError, msgspec.DecodeError):
        return None
    if not _proven(data, tree):
        return None
    try:
        return _draft(tree, source)
    except Unproven:
        return None


def _proven(data: bytes, tree: Any) -> bool:
    """Whether the decoded ``tree`` holds every key of ``data`` once and only NFC texts.

    Re-encoded (absent fields omitted), the tree holds one ``:`` per key it kept and the ``:``
    of its texts; the file holds one per key it gave and those of its texts (none escaped,
    checked before), so equal counts mean no key was given twice. Every text of the re-encoded
    tree sits between quotes, which NFC never joins to their neighbours, so the whole is NFC
    exactly when every text is. The units are encoded a batch at a time, so the file is never
    held twice over.
    """
    units = tree.units
    tree.units = None
    head = _ENCODER.encode(tree)  # all but the units (and their key)
    tree.units = units
    colons = head.count(b":") + (units is not None)
    ok = _is_nfc(head)
    for start in range(0, len(units or ()), _UNITS_AT_ONCE):
        if not ok:
            return False
        encoded = _ENCODER.encode(units[start : start + _UNITS_AT_ONCE])
        colons += encoded.count(b":")
        ok = _is_nfc(encoded)
    return ok and colons == data.count(b":")


#: Units encoded at a time by :func:`_proven`.
_UNITS_AT_ONCE = 1000


#: The bytes of UTF-8 that only ever encode characters which are NFC next to any other (of
#: combining class 0, never composed with what precedes them, not changed by NFC): ASCII, the
#: continuation bytes, and the lead bytes of U+0080 to U+01BF (Latin-1 and Latin Extended-A/B).
_NFC_BYTES = bytes(range(0xC7))
#: A character of U+1000 to U+1FFF outside U+1E00 to U+1EFF (Latin Extended Additional, the
#: other characters NFC next to any other: Vietnamese letters with their marks).
_OTHER_E1 = re.compile(b"\xe1[^\xb8-\xbb]")


def _is_nfc(encoded: bytes) -> bool:
    """Whether the texts of re-encoded JSON (UTF-8) are NFC: at once when every character is
    one of those NFC next to any other (no decoding), else by decoding it."""
    if encoded.isascii():
        return True
    if not encoded.translate(None, _NFC_BYTES).strip(b"\xe1") and not _OTHER_E1.search(encoded):
        return True
    return unicodedata.is_normalized("NFC", encoded.decode("utf-8"))


def _draft(tree: Any, source: str) -> FileDraft:
    meta: dict[str, Any] = {}
    if tree.dataset is not None:
        meta = dataset_fields(tree.dataset)
        if tree.dataset.report is not None:
            meta["report"] = build_report(tree.dataset.report)
    units: list[UnitDraft] = []
    raw_units = tree.units or []
    tree.units = None
    seen: set[str] = set()
    for i, raw in enumerate(raw_units):
        raw_units[i] = None  # released once converted
        unit = unit_draft(raw, source)
        if unit.id in seen:
            raise Unproven(unit.id)  # a duplicate unit: the careful loader reports it
        seen.add(unit.id)
        units.append(unit)
    return FileDraft(source, meta, units, [])
