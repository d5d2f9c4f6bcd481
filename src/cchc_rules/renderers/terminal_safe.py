"""Consoles that never pass control characters from data or plugins to the terminal.

A unit name holding ``ESC [2J`` (clear the screen), an OSC sequence (set the window title, write
the clipboard) or a bidirectional override would act on the inspector's terminal. Every text
segment is escaped just before output (``\\x1b``, ``\\u202e``), after layout and before rich adds
its own styling codes, so the escaping covers tables, errors and listings alike.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from rich.console import Console
from rich.segment import Segment

__all__ = ["SafeConsole", "escape_controls"]

#: C0 (but tab and newline), DEL, C1, line/paragraph separators, bidi embeddings and isolates.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_controls(text: str) -> str:
    """``text`` with every control character written as an escape (``\\x1b``)."""
    return _CONTROL.sub(_escape, text) if _CONTROL.search(text) else text


def _escaped(buffer: Iterable[Segment]) -> Iterator[Segment]:
    for seg in buffer:
        if seg.control is None and _CONTROL.search(seg.text):
            yield Segment(escape_controls(seg.text), seg.style, seg.control)
        else:
            yield seg


class SafeConsole(Console):
    """A rich console whose text segments are escaped (rich's own control segments are not)."""

    def _render_buffer(self, buffer: Iterable[Segment]) -> str:
        return super()._render_buffer(_escaped(buffer))
