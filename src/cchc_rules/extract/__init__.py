"""``cchc extract``: from a report as written (.docx, .pdf with a text layer, .md, .txt) to a
draft ``cchc/1`` file. See ``docs/extract.md``.

Deterministic and offline: phrase patterns (``patterns.toml``, extensible by plugins through the
``cchc_register_extract_patterns`` hook) are matched against the text with diacritics folded.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .compare import Score, score
from .draft import draft_toml
from .extractor import Extraction, extract_document
from .patterns import PatternError, Patterns, compile_patterns, shipped_data, shipped_patterns
from .reading import SUFFIXES, ExtractError

__all__ = [
    "SUFFIXES",
    "ExtractError",
    "Extraction",
    "PatternError",
    "Patterns",
    "Score",
    "draft_toml",
    "extract_document",
    "patterns_with",
    "score",
]


def patterns_with(extra: Iterable[tuple[str, Mapping[str, Any]]] = ()) -> Patterns:
    """The shipped patterns with ``extra`` sets (``(origin, data)``, e.g. from plugins) before
    them, so that a province's own phrasing wins a tie."""
    extra = list(extra)
    if not extra:
        return shipped_patterns()
    return compile_patterns([*extra, ("cchc_rules/extract/patterns.toml", shipped_data())])
