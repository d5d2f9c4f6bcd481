"""cchc-legacydemo: rules for cchc-rules.

cchc-rules calls ``cchc_register_rules`` once when it loads the plugin; register each rule there.
"""

from __future__ import annotations

from collections.abc import Callable

from cchc_rules import Rule, hookimpl

from .rules import RULES

__version__ = "0.1.0"


@hookimpl
def cchc_register_rules(register: Callable[[Rule], None]) -> None:
    """Hand this plugin's rules to cchc-rules."""
    for r in RULES:
        register(r)
