"""National documents with verified dates: the table citations are checked against (RF005).

The shipped table is ``law/national_documents.toml`` (each entry with its public source); plugins
extend it through ``cchc_register_documents`` and users through their configuration.
"""

from __future__ import annotations

import datetime as _dt
import sys
from collections.abc import Iterable, Mapping
from importlib import resources
from typing import Any

import attrs

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]

__all__ = ["DocumentTable", "NationalDocument", "shipped_documents"]


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
        names = {"number", "date", "title", "source"}
        return cls(
            **{k: v for k, v in raw.items() if k in names},
            extra={k: v for k, v in raw.items() if k not in names},
        )


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
    """National documents by number as written (later entries replace earlier ones)."""

    documents: list[NationalDocument] = attrs.field(factory=list)

    @classmethod
    def of(cls, docs: Iterable[NationalDocument]) -> DocumentTable:
        return cls(list(docs))

    def add(self, doc: NationalDocument) -> None:
        self.documents.append(doc)
