"""The subjects of the built-in rules' findings, for plugins whose findings are about the same
things: a staffing block or a procedure named and keyed exactly as the built-ins do, so the
fingerprints (rule, unit, key) of a plugin's findings line up with theirs across runs, baselines
and waivers::

    from cchc_rules import subject_of

    for i, block in enumerate(unit.staffing):
        name, key = subject_of(block, i)
        yield ctx.finding(unit, "low", subject=name, key=key, ...)
"""

from __future__ import annotations

from typing import NamedTuple

from .findings import subject_key
from .model import Procedure, StaffingBlock

__all__ = ["Subject", "subject_of"]


class Subject(NamedTuple):
    """What a finding is about: ``name`` to show, ``key`` its identity across runs."""

    name: str
    key: str


#: Builds a :class:`Subject` from a pair without the generated ``__new__`` (a hot path).
_new = tuple.__new__


def subject_of(item: StaffingBlock | Procedure, index: int = 0) -> Subject:
    """The subject of a staffing block or a procedure, as the built-in rules name and key it.

    - staffing block: shown by its label, else its category (else ``#n``); keyed by category
      and label together (``index``, its position in ``unit.staffing``, only tells apart blocks
      with neither);
    - procedure: shown by its name; keyed by its ``code``, else its name (casefolded, spaces
      collapsed).
    """
    if isinstance(item, Procedure):  # the hot case first
        code = item.code
        return _new(Subject, (item.name, code.strip() if code else subject_key(item.name)))
    if isinstance(item, StaffingBlock):
        category, label = item.category or "", item.label or ""
        name = label or category or f"#{index + 1}"
        return _new(
            Subject,
            (name, subject_key(f"{category}|{label}|{'' if label or category else index}")),
        )
    raise TypeError(f"subject_of() takes a StaffingBlock or a Procedure, not {type(item).__name__}")
