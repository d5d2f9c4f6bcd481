"""Required fields per entry of a list section (``staffing``, ``procedures``, ``catalogue``,
``references``): a rule declaring ``requires`` on such a section sees only the entries that have
every field, and each other entry is skipped on its own, named as the built-in rules name it."""

from __future__ import annotations

from typing import Any

from .findings import Skip
from .model import Procedure, StaffingBlock
from .subjects import subject_of

__all__ = ["MISSING_IN_ENTRY", "entry_name", "split_entries"]

#: The skip reason of an entry that lacks a required field (``{subject}``, ``{fields}``).
MISSING_IN_ENTRY = "skip.entry_missing_fields"


def entry_name(entry: Any, index: int) -> str:
    """How an entry is named in a skip: a staffing block by its label, else its category; a
    procedure by its name; a catalogue level by its level; a reference by its number; else its
    position (``#2``)."""
    if isinstance(entry, (StaffingBlock, Procedure)):
        return subject_of(entry, index).name
    name = getattr(entry, "level", None) or getattr(entry, "number", None)
    return str(name) if name else f"#{index + 1}"


def split_entries(
    rule: str, unit: str, entries: tuple[Any, ...], requires: tuple[str, ...]
) -> tuple[tuple[Any, ...], list[Skip]]:
    """The entries that have every field in ``requires``, and a skip for each other one."""
    complete: list[Any] = []
    skips: list[Skip] = []
    for index, entry in enumerate(entries):
        missing = [f for f in requires if getattr(entry, f) is None]
        if missing:
            params = {"fields": ", ".join(missing)}
            skips.append(Skip(rule, unit, MISSING_IN_ENTRY, params, entry_name(entry, index)))
        else:
            complete.append(entry)
    return tuple(complete), skips
