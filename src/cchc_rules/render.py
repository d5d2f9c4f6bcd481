"""The :class:`Renderer` type: an output format for reports, registered by plugins."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from .report import Report

__all__ = ["Renderer"]


@attrs.frozen(kw_only=True)
class Renderer:
    """Turns a finished :class:`~cchc_rules.Report` into text (or bytes when ``binary``).

    ``render(report, lang)`` must not change the report; ``extension`` is the usual file suffix.
    """

    name: str
    render: Callable[[Report, str], str | bytes] = attrs.field(eq=False, repr=False)
    extension: str = ""
    binary: bool = False
    description: str = ""
    plugin: str = ""
