"""Where an extracted report's figures were read: each figure's quote and place, per unit, and
the quotes of the figures a finding used.

``cchc check REPORT.docx`` puts two parts in the report (``report.extra["sections"]``):
``extracted_from`` (each document: its unit, figures taken, figures left uncertain) and
``extraction`` (each value taken: its unit, section, entry, field, value, quote and place).
Nothing here exists for a report whose data came from data files.

A finding's figure is tied to a quote only when this is unambiguous:

1. the candidates are the extracted values of the finding's unit;
2. an evidence figure matches a value when its name is the value's field and the two are
   equal (numbers as numbers, dates as ISO dates, text as text);
3. when the finding's subject names an entry (a procedure, a staffing block, a cited
   document's number), only that entry's values and the unit's own ones count;
4. a figure whose matches are more than one quote, and a finding whose figures come from more
   than one entry, are left without quotes.

A finding left without quotes links to its unit's figures instead.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    from ..findings import Finding
    from ..report import Report

__all__ = ["ExtractedFile", "Figure", "Provenance", "anchor", "provenance"]

#: Fields that name a list entry (a cited document's number, a procedure's name).
_NAMING = ("number", "name")
#: Fields that say where or how a document was cited, not a figure of it.
_NOT_FIGURES = frozenset(("where", "role"))


@attrs.frozen
class Figure:
    """One value read from a report document."""

    file: str
    unit: str
    section: str
    entry: str
    field: str
    value: str
    quote: str
    where: str

    @property
    def key(self) -> str:
        """The value's key path in the dataset: ``dossiers.received``,
        ``staffing[cong_chuc].used``."""
        entry = f"[{self.entry}]" if self.entry else ""
        return f"{self.section}{entry}.{self.field}"


@attrs.frozen
class ExtractedFile:
    """A document the data was extracted from: its name, unit and counts."""

    file: str
    unit: str
    figures: int
    uncertain: int


@attrs.frozen
class Provenance:
    """The documents and the figures read from them, the figures grouped by unit id."""

    files: tuple[ExtractedFile, ...]
    units: Mapping[str, tuple[Figure, ...]]

    def quotes(self, finding: Finding) -> tuple[Figure, ...]:
        """The figures ``finding`` used whose quotes can be told reliably (rules above)."""
        found = self.units.get(finding.unit, ())
        named = _named_entries(found, _norm(finding.subject))
        out: list[Figure] = []
        for name, value in sorted(finding.evidence.items()):
            wanted = _comparable(value)
            if wanted is None or name in _NOT_FIGURES:
                continue
            hits = [
                g
                for g in found
                if g.field == name
                and _comparable(g.value, str(type(value).__name__)) == wanted
                and (not named or not g.entry or g.entry in named)
            ]
            if hits and len({(g.quote, g.where) for g in hits}) == 1:
                out.append(hits[0])
        if len({g.entry for g in out if g.entry}) > 1:
            return ()
        return tuple(out)


def provenance(report: Report) -> Provenance | None:
    """The report's provenance, or None when its data did not come from extraction."""
    sections = report.extra.get("sections", {})
    files = sections.get("extracted_from")
    if not files:
        return None
    units: dict[str, list[Figure]] = {}
    for e in sections.get("extraction", ()):
        g = Figure(
            file=Path(str(e.get("file") or "")).name,
            unit=str(e.get("unit_id") or ""),
            section=str(e.get("section") or ""),
            entry=str(e.get("entry") or ""),
            field=str(e.get("field") or ""),
            value=str(e.get("value") if e.get("value") is not None else ""),
            quote=str(e.get("quote") or ""),
            where=str(e.get("where") or ""),
        )
        units.setdefault(g.unit, []).append(g)
    return Provenance(
        files=tuple(
            ExtractedFile(
                file=Path(str(f.get("file") or "")).name,
                unit=str(f.get("unit_id") or ""),
                figures=int(f.get("figures") or 0),
                uncertain=int(f.get("uncertain") or 0),
            )
            for f in files
        ),
        units={u: tuple(found) for u, found in sorted(units.items())},
    )


def anchor(unit: str) -> str:
    """The link target of a unit's figures (``figures-le-chan``): letters, digits, ``-`` and
    ``_`` only, with a short hash when the unit id had other characters."""
    safe = re.sub(r"[^A-Za-z0-9_-]", "-", unit)
    if safe != unit:
        safe += "-" + hashlib.sha256(unit.encode()).hexdigest()[:8]
    return f"figures-{safe}"


def _norm(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join(str(text).split())).casefold()


def _named_entries(found: Iterable[Figure], subject: str) -> set[str]:
    """The entries the subject names: by the entry's own name (``cong_chuc`` or
    ``cong_chuc:Công chức``) or by its number or name field."""
    if not subject:
        return set()
    named = set()
    for g in found:
        if not g.entry:
            continue
        names = {_norm(g.entry), _norm(g.entry.partition(":")[2]), _norm(g.entry.partition(":")[0])}
        if subject in names or (g.field in _NAMING and _norm(g.value) == subject):
            named.add(g.entry)
    return named


def _comparable(value: Any, as_type: str = "") -> Any:
    """A value in a form two figures can be compared in (None: not a figure to match)."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float, Decimal)):
        return float(value)
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if isinstance(value, str):
        if as_type in ("int", "float", "Decimal"):
            try:
                return float(value)
            except ValueError:
                return None
        return _norm(value) or None
    return None
