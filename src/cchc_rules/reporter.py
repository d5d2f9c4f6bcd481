"""Which unit answers for a dataset as a whole: one definition, for the rules
(:meth:`~cchc_rules.context.Context.reporting_unit`) and for comparing a draft with its reviewed
file (:mod:`cchc_rules.extract.compare`), which reads raw trees."""

from __future__ import annotations

from collections.abc import Collection

__all__ = ["reporting_unit_id"]


def reporting_unit_id(reported_by: str | None, ids: Collection[str]) -> str | None:
    """The id, among the ``ids`` of the units in the data (as read: stripped, NFC), of the unit
    that answers for the dataset as a whole (the report's own number and date): ``reported_by``
    when it is one of them, else the only one; ``None`` when that cannot be told (several units
    and none named). It is never guessed from kinds or the tree of units."""
    if reported_by is not None and reported_by in ids:
        return reported_by
    if len(ids) == 1:
        (only,) = ids
        return only
    return None
