"""Frozen attrs objects made by setting their slots straight: what ``__init__`` does, minus its
per-field cost, for classes whose ``__init__`` does nothing else (the JSON fast path's model
objects, ``Context.finding``'s findings and skips)."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

import attrs

__all__ = ["sets_only_slots"]

#: What ``__init__`` calls besides setting the fields.
_HOOKS = ("__attrs_pre_init__", "__attrs_post_init__")


def sets_only_slots(cls: type, given: Collection[str]) -> bool:
    """Whether an instance of the attrs class ``cls`` can be made by setting its slots: those
    ``given`` to the values given (no converter or validator on them), the others to their
    default (converted), as ``__init__`` would; and no hook of ``__init__`` to run."""
    fields: Any = attrs.fields(cls)
    return (
        "__slots__" in cls.__dict__
        and all(a.validator is None and a.init for a in fields)
        and all(a.converter is None for a in fields if a.name in given)
        and all(a.default is not attrs.NOTHING for a in fields if a.name not in given)
        and not any(hasattr(cls, h) for h in _HOOKS)
    )
