"""Built-in rule family: consistency (not yet implemented; registers no rules)."""

from __future__ import annotations

from collections.abc import Callable

from cchc_rules import Rule, hookimpl


@hookimpl
def cchc_register_rules(register: Callable[[Rule], None]) -> None:
    """Register the consistency rules."""
