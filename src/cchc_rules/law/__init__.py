"""Legal bases as data, and the question rules ask of them: what was in force during a period.

The shipped bases live in ``legal_bases.toml`` beside this module (each with its public source);
plugins add more through the ``cchc_register_legal_bases`` hook.
"""

from __future__ import annotations

import datetime as _dt
import sys
from collections.abc import Iterable, Mapping
from importlib import resources
from typing import Any

import attrs

from ..model import Period

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]

__all__ = ["LawBook", "LegalBasis", "load_bases", "shipped_bases"]


@attrs.frozen(kw_only=True)
class LegalBasis:
    """A legal document a rule rests on, with the dates it is in force (both inclusive)."""

    id: str
    number: str
    kind: str
    title_vi: str = ""
    title_en: str = ""
    issued: _dt.date | None = None
    in_force_from: _dt.date | None = None
    in_force_to: _dt.date | None = None
    topics: tuple[str, ...] = ()
    article: str = ""
    amends: str = ""
    source: str = ""
    programme: bool = False
    extra: Mapping[str, Any] = attrs.field(factory=dict)

    def in_force_during(self, period: Period | None) -> bool:
        """Whether the document was in force on at least one day of ``period``."""
        if period is None:
            return False
        return period.overlaps(self.in_force_from, self.in_force_to)

    def title(self, lang: str) -> str:
        return (self.title_vi if lang == "vi" else self.title_en) or self.title_vi or self.number

    def reporting_window(self, period: Period) -> tuple[_dt.date, _dt.date] | None:
        """The data window this basis sets for a calendar half-year (1/1–30/6) or year
        (1/1–31/12) report: from ``reporting_window_from`` of the previous year to
        ``reporting_window_half_year_to`` / ``reporting_window_year_to`` (month-day strings such
        as ``"12-15"``); ``None`` for any other period or when the basis sets no window."""
        start, end = period.start, period.end
        if (start.month, start.day) != (1, 1) or end.year != start.year:
            return None
        key = {(6, 30): "reporting_window_half_year_to", (12, 31): "reporting_window_year_to"}
        last_key = key.get((end.month, end.day))
        if last_key is None:
            return None
        first = _month_day(self.extra.get("reporting_window_from"))
        last = _month_day(self.extra.get(last_key))
        if first is None or last is None:
            return None
        return _dt.date(start.year - 1, *first), _dt.date(end.year, *last)

    @classmethod
    def from_mapping(cls, raw: Mapping[str, Any]) -> LegalBasis:
        """Build from a ``[[basis]]`` table; unknown keys are kept in ``extra``."""
        names = {a.name for a in attrs.fields(cls)} - {"extra"}
        kw = {k: v for k, v in raw.items() if k in names}
        kw["topics"] = tuple(kw.get("topics", ()))
        return cls(**kw, extra={k: v for k, v in raw.items() if k not in names})


def _month_day(value: object) -> tuple[int, int] | None:
    """``"12-15"`` → ``(12, 15)``; ``None`` for anything else."""
    if not isinstance(value, str):
        return None
    try:
        month, day = (int(part) for part in value.split("-"))
        _dt.date(2000, month, day)
    except ValueError:
        return None
    return month, day


def load_bases(data: bytes | str) -> list[LegalBasis]:
    """Parse a TOML document of ``[[basis]]`` tables."""
    text = data.decode("utf-8") if isinstance(data, bytes) else data
    return [LegalBasis.from_mapping(b) for b in tomllib.loads(text).get("basis", [])]


def shipped_bases() -> list[LegalBasis]:
    """The legal bases shipped with cchc-rules."""
    try:
        data = resources.files(__name__).joinpath("legal_bases.toml").read_bytes()
    except FileNotFoundError:  # pragma: no cover - a broken installation
        return []
    return load_bases(data)


@attrs.define
class LawBook:
    """The legal bases known to one engine, indexed by id and topic."""

    bases: dict[str, LegalBasis] = attrs.field(factory=dict)
    _by_topic: dict[str, list[LegalBasis]] = attrs.field(factory=dict, init=False)

    @classmethod
    def of(cls, bases: Iterable[LegalBasis]) -> LawBook:
        book = cls()
        for b in bases:
            book.add(b)
        return book

    def add(self, basis: LegalBasis) -> None:
        """Add (or replace, by id) a basis."""
        old = self.bases.get(basis.id)
        if old is not None:
            for t in old.topics:
                self._by_topic[t].remove(old)
        self.bases[basis.id] = basis
        for t in basis.topics:
            lst = self._by_topic.setdefault(t, [])
            lst.append(basis)
            lst.sort(key=lambda b: (b.in_force_from or _dt.date.min, b.id))

    def topic(self, topic: str) -> tuple[LegalBasis, ...]:
        """Every basis of ``topic``, oldest first."""
        return tuple(self._by_topic.get(topic, ()))

    def in_force(self, topic: str, period: Period | None) -> tuple[LegalBasis, ...]:
        """The bases of ``topic`` in force on at least one day of ``period`` (both where it
        straddles a change), oldest first."""
        return tuple(b for b in self._by_topic.get(topic, ()) if b.in_force_during(period))

    def get(self, basis_id: str) -> LegalBasis | None:
        return self.bases.get(basis_id)
