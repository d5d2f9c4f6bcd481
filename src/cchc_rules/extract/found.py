"""What the extractor found: one :class:`Found` per value, with its quote and place."""

from __future__ import annotations

import re
from typing import Any

import attrs

__all__ = ["Found", "Place", "quote_around"]


@attrs.frozen
class Place:
    """Where a value was read: the report's section ("II.2") and the paragraph or table cell."""

    section: str
    where: str

    def __str__(self) -> str:
        return f"{self.section}, {self.where}" if self.section else self.where

    def text(self, lang: str = "vi") -> str:
        """The place in ``lang``: "II.2, trang 3, đoạn 4" or "II.2, page 3, paragraph 4"."""
        if lang != "en":
            return str(self)
        return _PLACE_WORDS.sub(lambda m: _EN[m.group(0)], str(self))


@attrs.frozen
class Found:
    """One value read from the report.

    ``entry`` names the entry of a list section (a staffing block's category, a catalogue level,
    a procedure's name); ``unit`` is ``None`` for the reporting unit, else a level ("huyen") whose
    figures the report gives apart; ``uncertain`` is the reason (a message id and parameters)
    when the value must not be presented as a fact.
    """

    section: str
    field: str
    value: Any
    quote: str
    place: Place
    entry: str | None = None
    unit: str | None = None
    uncertain: tuple[str, dict[str, Any]] | None = None
    pattern: str = ""
    extra: dict[str, Any] = attrs.field(factory=dict)

    def doubt(self, message: str, **params: Any) -> Found:
        return attrs.evolve(self, uncertain=(message, params))


_EN = {
    "trang": "page",
    "đoạn": "paragraph",
    "bảng": "table",
    "hàng": "row",
    "cột": "column",
    "dòng": "line",
}
_PLACE_WORDS = re.compile(r"\b(?:" + "|".join(_EN) + r")\b")
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=\S)")


def quote_around(text: str, start: int, end: int, limit: int = 160) -> str:
    """The sentence of ``text`` holding ``[start, end)``, cut to about ``limit`` characters."""
    s = 0
    for m in _SENTENCE_END.finditer(text):
        if m.start() >= start:
            break
        s = m.end()
    e = len(text)
    for m in _SENTENCE_END.finditer(text, end):
        e = m.start()
        break
    if e - s > limit:
        left = max(s, start - limit // 3)
        right = min(e, max(end, left + limit))
        prefix = "…" if left > s else ""
        suffix = "…" if right < e else ""
        cut = text[left:right].strip()
        return f"{prefix}{cut}{suffix}"
    return text[s:e].strip()
