"""``cchc extract``: from a report as written (.docx, .pdf with a text layer, .md, .txt) to a
draft ``cchc/1`` file. See ``docs/extract.md``.

Deterministic and offline: phrase patterns (``patterns.toml``, extensible by plugins through the
``cchc_register_extract_patterns`` hook) are matched against the text with diacritics folded.

The names below load their module on first use: ``cchc check`` on a data file asks only
whether a path is a report document (:data:`SUFFIXES`), not for the extractor.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .compare import Score, score
    from .draft import draft_toml
    from .extractor import Extraction, extract_document
    from .patterns import PatternError, Patterns
    from .reading import ExtractError

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

#: The suffixes of the report documents read (the readers are in :mod:`.reading`).
SUFFIXES = (".docx", ".pdf", ".md", ".markdown", ".txt")

#: The module of each name this package offers.
_MODULES = {
    "ExtractError": "reading",
    "Extraction": "extractor",
    "PatternError": "patterns",
    "Patterns": "patterns",
    "Score": "compare",
    "draft_toml": "draft",
    "extract_document": "extractor",
    "score": "compare",
}


def __getattr__(name: str) -> Any:
    if name not in _MODULES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f".{_MODULES[name]}", __name__), name)


def patterns_with(extra: Iterable[tuple[str, Mapping[str, Any]]] = ()) -> Patterns:
    """The shipped patterns with ``extra`` sets (``(origin, data)``, e.g. from plugins) before
    them, so that a province's own phrasing wins a tie."""
    from .patterns import compile_patterns, shipped_data, shipped_patterns

    extra = list(extra)
    if not extra:
        return shipped_patterns()
    return compile_patterns([*extra, ("cchc_rules/extract/patterns.toml", shipped_data())])
