"""National documents with verified dates: the table citations are checked against (RF005).

The shipped table is ``law/national_documents.toml`` (each entry with its public source); plugins
extend it through ``cchc_register_documents`` and users through their configuration.

A document is identified by its parsed number (:mod:`cchc_rules.citations`) and its year:
``(seq, year, doc_type, issuer)``. Numbers without a year in them (``02/NQ-CP``, ``06/QĐ-TTg``,
``40-KL/TW``) recur every year, so their year is the year of the date — of the entry's date in the
table, of the cited date in a report.
"""

from __future__ import annotations

import datetime as _dt
import sys
from collections.abc import Iterable, Iterator, Mapping
from importlib import resources
from typing import Any

import attrs

from .citations import DocumentNumber, UnparseableNumber, parse_number, read_number

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]

__all__ = ["DocumentKey", "DocumentTable", "NationalDocument", "document_key", "shipped_documents"]

#: ``(seq, year, doc_type, issuer)`` of a parsed number, the year filled in from a date.
DocumentKey = tuple[int, int, str, str]


def document_key(number: DocumentNumber, date: _dt.date | None) -> DocumentKey | None:
    """The identity of ``number`` cited with ``date``: its own year, else the date's year
    (``None`` when neither is known)."""
    year = number.year if number.year is not None else (date.year if date is not None else None)
    if year is None:
        return None
    return (number.seq, year, number.doc_type, number.issuer)


def _date(value: Any) -> _dt.date:
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, str):
        try:
            return _dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValueError(f"date must be a date (YYYY-MM-DD), not {value!r}")


@attrs.frozen(kw_only=True)
class NationalDocument:
    """A national document: its number as written officially, its date of issue, its source."""

    number: str
    date: _dt.date
    title: str = ""
    source: str = ""
    extra: Mapping[str, Any] = attrs.field(factory=dict, eq=False)

    @classmethod
    def from_mapping(cls, raw: Mapping[str, Any]) -> NationalDocument:
        """Build from a ``[[document]]`` table (``number``, ``date`` required; ``title``,
        ``source`` optional; other keys kept in ``extra``). Raise ValueError when invalid."""
        number = raw.get("number")
        if not isinstance(number, str) or not number.strip():
            raise ValueError(f"number must be a document number, not {number!r}")
        if "date" not in raw:
            raise ValueError(f"document {number}: date is required")
        for name in ("title", "source"):
            if not isinstance(raw.get(name, ""), str):
                raise ValueError(f"document {number}: {name} must be text")
        names = {"number", "date", "title", "source"}
        return cls(
            number=number.strip(),
            date=_date(raw["date"]),
            title=raw.get("title", ""),
            source=raw.get("source", ""),
            extra={k: v for k, v in raw.items() if k not in names},
        )

    @property
    def parsed(self) -> DocumentNumber:
        """The parsed number; raises :class:`~cchc_rules.citations.UnparseableNumber`."""
        return parse_number(self.number)

    @property
    def key(self) -> DocumentKey:
        """``(seq, year, doc_type, issuer)``, the year from the number, else from the date."""
        n = self.parsed
        return (n.seq, n.year if n.year is not None else self.date.year, n.doc_type, n.issuer)


def shipped_documents() -> list[NationalDocument]:
    """The national documents shipped with cchc-rules."""
    try:
        data = resources.files("cchc_rules.law").joinpath("national_documents.toml").read_bytes()
    except FileNotFoundError:  # pragma: no cover
        return []
    return [
        NationalDocument.from_mapping(d)
        for d in tomllib.loads(data.decode("utf-8")).get("document", [])
    ]


@attrs.define
class DocumentTable:
    """National documents indexed by :func:`document_key` (a later entry with the same key
    replaces an earlier one). One engine holds one table; copy it before extending it for
    another configuration (:meth:`extended`)."""

    documents: list[NationalDocument] = attrs.field(factory=list)
    _index: dict[DocumentKey, NationalDocument] = attrs.field(
        factory=dict, init=False, repr=False, eq=False
    )

    def __attrs_post_init__(self) -> None:
        docs, self.documents = self.documents, []
        self.extend(docs)

    @classmethod
    def of(cls, docs: Iterable[NationalDocument]) -> DocumentTable:
        return cls(list(docs))

    def add(self, doc: NationalDocument) -> None:
        """Add ``doc``; raise ValueError (``UnparseableNumber``) if its number cannot be read."""
        key = doc.key
        self.documents.append(doc)
        self._index[key] = doc

    def extend(self, docs: Iterable[NationalDocument]) -> None:
        """Add every document of ``docs``, in order."""
        for doc in docs:
            self.add(doc)

    def extended(self, docs: Iterable[NationalDocument]) -> DocumentTable:
        """A new table: this one's documents followed by ``docs`` (this table is unchanged)."""
        table = DocumentTable(list(self.documents))
        table.extend(docs)
        return table

    def get(self, key: DocumentKey) -> NationalDocument | None:
        """The document with ``key``, if known."""
        return self._index.get(key)

    def lookup(
        self, number: str | DocumentNumber, date: _dt.date | None = None
    ) -> NationalDocument | None:
        """The document ``number`` refers to when cited with ``date`` (which supplies the year of
        a number without one); ``None`` when unknown or unparseable."""
        parsed = read_number(number) if isinstance(number, str) else number
        if isinstance(parsed, UnparseableNumber):
            return None
        key = document_key(parsed, date)
        return None if key is None else self._index.get(key)

    def __len__(self) -> int:
        return len(self._index)

    def __iter__(self) -> Iterator[NationalDocument]:
        """The documents of the index (replaced ones left out)."""
        return iter(self._index.values())
