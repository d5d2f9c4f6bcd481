"""The reverse of loading: a :class:`~cchc_rules.model.Dataset` back to a ``cchc/1`` tree, and that
tree as TOML or JSON text. What was loaded is written so that it loads back the same (stated
figures keep their written precision, qualifier, base and rounding; absent stays absent)."""

from __future__ import annotations

import datetime as _dt
import json
from decimal import Decimal
from typing import Any

import attrs

from ..model import SECTIONS, Dataset, Period, StatedValue, Unit

__all__ = ["dataset_tree", "stated_tree", "to_json", "to_toml"]

_DATASET_SKIP = ("schema", "units", "sources", "issues", "by_id", "children")


def stated_tree(value: StatedValue) -> Any:
    """A stated figure as the tree holds it: a number (or a string keeping trailing zeros), or a
    table when the report qualified it or named its base or rounding."""
    number: Any
    if value.decimals == 0 and value.value == value.value.to_integral_value():
        number = int(value.value)
    else:
        as_float = float(value.value)
        number = (
            as_float if repr(as_float) == format(value.value, "f") else format(value.value, "f")
        )
    extra = {
        "qualifier": value.qualifier if value.qualifier != "exact" else None,
        "base": value.base,
        "rounding": value.rounding,
    }
    if not any(v is not None for v in extra.values()):
        return number
    return {"value": number, **{k: v for k, v in extra.items() if v is not None}}


def _value(value: Any) -> Any:
    if isinstance(value, StatedValue):
        return stated_tree(value)
    if isinstance(value, Period):
        return {"start": value.start, "end": value.end}
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, Decimal):
        return float(value)
    return value


def _record(obj: Any) -> dict[str, Any]:
    """The fields of one model value that differ from their default, in declaration order."""
    out: dict[str, Any] = {}
    for a in attrs.fields(type(obj)):
        if "cchc" not in a.metadata:
            continue
        value = getattr(obj, a.name)
        if value is None or value == a.default or value == ():
            continue
        out[a.name] = _value(value)
    for name, bound in (getattr(obj, "bounds", None) or {}).items():
        out[name] = stated_tree(bound)  # a bounded count ("hơn 2.000"): kept as written
    return out


def _unit(unit: Unit) -> dict[str, Any]:
    out = _record(unit)
    for name, spec in SECTIONS.items():
        section = getattr(unit, name)
        if spec.many and section:
            out[name] = [_record(entry) for entry in section]
        elif not spec.many and section is not None:
            out[name] = _record(section)
    return out


def dataset_tree(dataset: Dataset) -> dict[str, Any]:
    """The ``cchc/1`` tree of ``dataset`` (units in id order)."""
    meta: dict[str, Any] = {}
    for a in attrs.fields(Dataset):
        value = getattr(dataset, a.name)
        if a.name in _DATASET_SKIP or value is None:
            continue
        nested = attrs.has(type(value)) and not isinstance(value, Period)
        meta[a.name] = _record(value) if nested else _value(value)
    return {"schema": dataset.schema, "dataset": meta, "units": [_unit(u) for u in dataset.units]}


def to_json(tree: dict[str, Any]) -> str:
    def default(value: Any) -> Any:
        if isinstance(value, _dt.date):
            return value.isoformat()
        raise TypeError(type(value).__name__)

    return json.dumps(tree, ensure_ascii=False, indent=2, default=default) + "\n"


def to_toml(tree: dict[str, Any]) -> str:
    import tomli_w

    return tomli_w.dumps(tree)
