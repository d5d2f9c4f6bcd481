"""cchc-egov-legacy: e-government rules for cchc-rules, as a department would package them.

- LG001 — share of dossiers received online below a policy threshold (50 %);
- LG002 — digital-signature devices not deployed in every unit that should have them;
- LG003 — share of catalogue procedures eligible for full online service below a policy threshold
  (50 %).

Installed, it is found through the ``cchc_rules`` entry point (see ``pyproject.toml``); it uses
only the public API of cchc-rules.
"""

from __future__ import annotations

from collections.abc import Callable

from cchc_rules import Rule, hookimpl

from .rules import RULES

__version__ = "0.1.0"
__all__ = ["RULES", "__version__", "cchc_register_rules"]


@hookimpl
def cchc_register_rules(register: Callable[[Rule], None]) -> None:
    """Register LG001–LG003."""
    for r in RULES:
        register(r)
