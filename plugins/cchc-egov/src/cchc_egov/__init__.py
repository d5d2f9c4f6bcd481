"""cchc-egov: e-government rules for cchc-rules, packaged as a department would package its own.

- EG001 — share of dossiers received online below a policy threshold (50 %);
- EG002 — digital-signature devices not deployed in every unit that should have them;
- EG003 — share of catalogue procedures eligible for full online service below a policy threshold
  (50 %).

Installed, it is found through the ``cchc_rules`` entry point (see ``pyproject.toml``); it uses
only the public API of cchc-rules.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from cchc_rules import Rule, hookimpl

from .rules import RULES

__version__ = "0.1.0"
__all__ = ["RULES", "__version__", "cchc_register_messages", "cchc_register_rules"]


@hookimpl
def cchc_register_rules(register: Callable[[Rule], None]) -> None:
    """Register EG001–EG003."""
    for r in RULES:
        register(r)


@hookimpl
def cchc_register_messages(register: Callable[[str, Mapping[str, str]], None]) -> None:
    """Name the ``egov`` family in reports and listings (``family.<id>``)."""
    register("vi", {"family.egov": "chính quyền điện tử"})
    register("en", {"family.egov": "e-government"})
