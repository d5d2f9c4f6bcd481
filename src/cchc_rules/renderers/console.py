"""Consoles for output that is not a terminal (pipes, files): never wrapped, never cut.

A terminal gets rich's usual layout, fitted to its width. Anything else gets one message per
line, whole, whatever ``COLUMNS`` says: a script reading the output, ``grep`` or a file must see
each path and name as it is.
"""

from __future__ import annotations

from typing import Any

from rich.measure import Measurement
from rich.text import Text

from .terminal_safe import SafeConsole

#: The width a piped console claims: wider than any line it will print (each renderable is laid
#: out at the width its content needs, see :meth:`WholeLineConsole.print`).
UNBOUNDED = 1_000_000


class WholeLineConsole(SafeConsole):
    """A rich console for pipes and files: text is never wrapped and tables are laid out at the
    width their content needs, so no cell is wrapped, folded or cut with an ellipsis. A table
    that would fill the terminal (``expand=True``) is as wide as its content instead."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("soft_wrap", True)
        super().__init__(width=UNBOUNDED, **kwargs)

    def print(self, *objects: Any, **kwargs: Any) -> None:
        if kwargs.get("width") is None:
            laid_out = [o for o in objects if not isinstance(o, (str, Text))]
            if laid_out:
                kwargs["width"] = max(self.needed_width(o) for o in laid_out)
        super().print(*objects, **kwargs)

    def needed_width(self, renderable: Any) -> int:
        """The width at which ``renderable`` wraps nothing (its widest line)."""
        return max(1, Measurement.get(self, self.options, renderable).maximum)
