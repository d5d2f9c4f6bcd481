"""The :class:`Renderer` type: an output format for reports, registered by plugins."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

import attrs

if TYPE_CHECKING:
    from .report import Report

__all__ = ["Renderer"]


@attrs.frozen(kw_only=True)
class Renderer:
    """Turns a finished :class:`~cchc_rules.Report` into text (or bytes when ``binary``).

    ``render(report, lang)`` must not change the report; ``extension`` is the usual file suffix.
    ``write(report, lang, file)``, when given, writes the same text to an open text file as it
    is made (the command line uses it for large reports, which are then never held whole);
    with ``write_binary`` it also takes a binary file and writes the text's UTF-8 bytes to it.
    """

    name: str
    render: Callable[[Report, str], str | bytes] = attrs.field(eq=False, repr=False)
    extension: str = ""
    write: Callable[[Report, str, TextIO], None] | None = attrs.field(
        default=None, eq=False, repr=False
    )
    binary: bool = False
    write_binary: bool = False
    description: str = ""
    plugin: str = ""
