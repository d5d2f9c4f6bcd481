"""Exceptions raised by cchc-rules. Every one derives from :class:`CchcError`.

Problems found in *data* are not exceptions: the loader collects them as :class:`DataIssue`
values so that one bad entry never hides the rest of a file (see :mod:`cchc_rules.loading`).
"""

from __future__ import annotations

from typing import Any

import attrs

__all__ = ["CchcError", "ConfigError", "DataError", "DataIssue", "PluginError", "UsageError"]


@attrs.frozen
class DataIssue:
    """A located problem in an input file: an error drops the smallest invalid part, a warning
    drops nothing.

    ``message`` is a message id rendered in the report's language with ``params``.
    """

    source: str
    location: str
    message: str
    params: dict[str, Any] = attrs.field(factory=dict, eq=False)
    level: str = "error"
    line: int | None = None

    @property
    def is_error(self) -> bool:
        return self.level == "error"

    @property
    def where(self) -> str:
        """``file:line: key.path`` — as much of it as is known."""
        head = f"{self.source}:{self.line}" if self.line else self.source
        return (
            f"{head}: {self.location}"
            if self.location and not self.location.startswith("line ")
            else head
        )

    def sort_key(self) -> tuple[str, str, str, int]:
        return (self.source, self.location, self.message, self.line or 0)


class CchcError(Exception):
    """Root of every exception raised by cchc-rules."""


class UsageError(CchcError):
    """The command line or API was called wrongly (exit code 2)."""


class DataError(CchcError):
    """Input data could not be used; ``issues`` holds every located problem found."""

    def __init__(self, issues: tuple[DataIssue, ...] | list[DataIssue]) -> None:
        self.issues = tuple(issues)
        first = self.issues[0] if self.issues else None
        where = f"{first.source}: {first.location}: {first.message}" if first else "invalid data"
        more = f" (+{len(self.issues) - 1} more)" if len(self.issues) > 1 else ""
        super().__init__(where + more)


class ConfigError(CchcError):
    """A configuration file or value is invalid; ``path`` names the key path."""

    def __init__(self, message: str, *, source: str = "", path: str = "") -> None:
        self.source = source
        self.path = path
        prefix = ": ".join(p for p in (source, path) if p)
        super().__init__(f"{prefix}: {message}" if prefix else message)


class PluginError(CchcError):
    """A plugin could not be loaded or registered something invalid."""

    def __init__(self, message: str, *, plugin: str = "", rule_id: str = "") -> None:
        self.plugin = plugin
        self.rule_id = rule_id
        super().__init__(message)
