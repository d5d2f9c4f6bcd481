"""The ``cchc/1`` format as msgspec structs, and builders from them to the model, all generated
from the model's field metadata (``metadata["cchc"]``): the structs accept only what the careful
loader reads without an issue (strict types, ranges, known keys, no ``null``), the builders check
what a struct cannot (texts stripped, periods in order) and make the model's values. Used by the
JSON fast path (:mod:`~cchc_rules.loading.fast`).
"""

from __future__ import annotations

import datetime as _dt
import functools
from collections.abc import Callable, Mapping
from typing import Annotated, Any, Literal, Union

import attrs
import msgspec

from .._slots import sets_only_slots
from ..model import SECTIONS, Dataset, Period, ReportRef, StatedPercent, Unit
from .convert import _DATASET_KEYS, MAX_NUMBER, SCHEMA, UnitDraft, _Bad, _fields_of

__all__ = ["FileStruct", "Unproven", "build_report", "dataset_fields", "unit_draft"]

_Text = str  # checked (not empty, stripped) in Python: cheaper than a pattern in msgspec
_Count = Annotated[int, msgspec.Meta(ge=0, le=MAX_NUMBER)]


def _number(limit: int) -> Any:
    return Union[  # noqa: UP007 - a runtime type for msgspec
        Annotated[int, msgspec.Meta(ge=0, le=limit)],
        Annotated[float, msgspec.Meta(ge=0, le=limit)],
    ]


class _Period(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True):
    start: _dt.date
    end: _dt.date


class _StatedTable(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True):
    """A stated percentage written as a table (read by the careful converter)."""

    value: Union[int, float, str]  # noqa: UP007 - a runtime type for msgspec
    qualifier: str = None  # type: ignore[assignment]
    base: str = None  # type: ignore[assignment]
    rounding: str = None  # type: ignore[assignment]


#: The struct type of each data kind of ``metadata["cchc"]`` (``choice`` is built per field).
_TYPES: Mapping[str, Any] = {
    "count": _Count,
    "days": _number(MAX_NUMBER),
    "percent": _number(100),
    "stated": Union[_number(100), str, _StatedTable],  # noqa: UP007 - a runtime type
    # a bare integer where text is expected is taken as its digits (a unit's id excepted)
    "text": Union[_Text, Annotated[int, msgspec.Meta(ge=-MAX_NUMBER, le=MAX_NUMBER)]],  # noqa: UP007
    "date": _dt.date,
    "bool": bool,
    "ids": list[_Text],
    "period": _Period,
}


class Unproven(Exception):
    """Something the fast path cannot vouch for: read the file the careful way."""


def _period(p: Any) -> Period:
    if p.end < p.start:
        raise Unproven("period")  # the careful loader reports the order
    return Period(p.start, p.end)


@functools.lru_cache(maxsize=4096, typed=True)
def _stated_cached(value: float) -> StatedPercent:
    return StatedPercent.parse(value)


def _stated_number(value: float) -> StatedPercent:
    """A stated percentage given as a number (0 to 100, checked by msgspec); the figures of a
    file repeat, so they are parsed once (``typed``: ``1`` and ``1.0`` are told apart; so are
    ``0.0`` and ``-0.0``, which are equal, by not caching zero)."""
    return _stated_cached(value) if value else StatedPercent.parse(value)


def _stated_of(cls: type, name: str) -> Callable[[Any], StatedPercent]:
    """The converter of the stated field ``name`` of ``cls``: a number here, a text or a table
    by the careful loader's own converter (what it refuses, the careful loader reports)."""
    spec = _fields_of(cls)[name]

    def stated(value: Any) -> StatedPercent:
        if type(value) is int or type(value) is float:
            return _stated_number(value)
        if type(value) is _StatedTable:
            value = {k: v for k, v in msgspec.structs.asdict(value).items() if v is not None}
        try:
            converted: StatedPercent = spec.convert(value, spec)
        except _Bad:
            raise Unproven(name) from None
        return converted

    return stated


#: How a decoded value of each kind becomes the model's value (kinds not listed are kept).
_CONVERT: Mapping[str, Callable[[Any], Any]] = {
    "ids": tuple,
    "period": _period,
}


def _converter(cls: type, a: attrs.Attribute[Any]) -> Callable[[Any], Any] | None:
    """How a decoded value of field ``a`` of ``cls`` becomes the model's (``None``: kept)."""
    kind = a.metadata.get("cchc", "")
    return _stated_of(cls, a.name) if kind == "stated" else _CONVERT.get(kind)


def _field_type(a: attrs.Attribute[Any]) -> Any:
    kind = a.metadata["cchc"]
    if kind == "choice":
        return Literal[a.metadata["choices"]]
    return _TYPES[kind]


def _struct(name: str, fields: list[tuple[str, Any, bool]]) -> type[msgspec.Struct]:
    """A struct with ``fields`` (name, type, required); an optional field defaults to ``None``,
    which JSON cannot give (``null`` is refused), so ``None`` always means "absent"."""
    spec = [(n, t) if req else (n, t, None) for n, t, req in fields]
    return msgspec.defstruct(
        name, spec, kw_only=True, forbid_unknown_fields=True, omit_defaults=True
    )


def _data_fields(cls: type, optional: tuple[str, ...] = ()) -> list[tuple[str, Any, bool]]:
    """The data fields of ``cls`` as struct fields; those named in ``optional`` may be absent
    even when the model requires them."""
    return [
        (a.name, _field_type(a), a.metadata["required"] and a.name not in optional)
        for a in attrs.fields(cls)
        if "cchc" in a.metadata
    ]


def _lines_for(name: str, kind: str, default: Any, var: str, *, text_int: bool) -> list[str]:
    """Generated statements reading field ``name`` of struct ``s`` into ``var``: a text must be
    as the careful loader keeps it (not empty, stripped; with ``text_int`` a bare integer is
    taken as its digits), a value converted as its kind needs, an absent one (``None``)
    replaced by the model's ``default`` unless that is ``None`` (made fresh and converted, as
    ``__init__`` makes it)."""
    out = [f"    {var} = s.{name}"]
    if kind == "text":  # a text, else an integer (msgspec allows no other) or absent
        out.append(f"    if type({var}) is str:")
        out.append(f"        if not {var} or {var} != {var}.strip():")
        out.append(f"            raise Unproven({name!r})")
        out.append(f"    elif {var} is not None:")
        out.append(
            f"        {var} = str({var})" if text_int else f"        raise Unproven({name!r})"
        )
    elif kind == "ids":
        out.append(f"    if {var} is not None:")
        out.append(f"        if not all(x and x == x.strip() for x in {var}):")
        out.append(f"            raise Unproven({name!r})")
    if kind in _CONVERT or kind == "stated":
        out.append(f"    if {var} is not None:\n        {var} = _convert[{name!r}]({var})")
    if default is not None and default is not attrs.NOTHING:
        out.append(f"    if {var} is None:\n        {var} = _defaults[{name!r}]()")
    return out


def _default_maker(a: attrs.Attribute[Any]) -> Callable[[], Any]:
    """A fresh default of field ``a``, converted, as ``__init__`` gives it."""
    default: Any = a.default
    convert: Any = a.converter
    make = default.factory if isinstance(default, attrs.Factory) else lambda: default  # type: ignore[arg-type]
    return (lambda: convert(make())) if convert is not None else make


def _builder(
    cls: type, struct: type[msgspec.Struct], *, as_dict: bool = False
) -> Callable[[Any], Any]:
    """A function making a ``cls`` from a decoded ``struct`` (with ``as_dict``, the dict of the
    values given instead, for a unit's draft); it raises :class:`Unproven` for a text the
    careful loader would change or refuse. Generated from the model's fields, so that each
    value is read and checked once, with no loop over field names at run time."""
    fields = {a.name: a for a in attrs.fields(cls)}
    names = list(struct.__struct_fields__)
    lines = ["def build(s):"]
    for i, name in enumerate(names):
        default = None if as_dict else fields[name].default
        kind = fields[name].metadata["cchc"]
        text_int = not (cls is Unit and name == "id")  # the careful loader names it otherwise
        lines += _lines_for(name, kind, default, f"v{i}", text_int=text_int)
    scope: dict[str, Any] = {
        "cls": cls,
        "Unproven": Unproven,
        "_convert": {name: _converter(cls, a) for name, a in fields.items()},
        "_defaults": {
            n: _default_maker(a)
            for n, a in fields.items()
            if a.default is not None and a.default is not attrs.NOTHING
        },
    }
    if as_dict:
        lines.append("    kw = {}")
        for i, name in enumerate(names):
            lines.append(f"    if v{i} is not None:\n        kw[{name!r}] = v{i}")
        lines.append("    return kw")
    elif sets_only_slots(cls, names):  # each slot set straight: what __init__ does, minus its cost
        others = [a for a in fields.values() if a.name not in names]
        scope["_new"] = object.__new__
        scope["_set"] = [getattr(cls, name).__set__ for name in names]
        scope["_set_other"] = [getattr(cls, a.name).__set__ for a in others]
        scope["_make"] = [_default_maker(a) for a in others]
        lines.append("    o = _new(cls)")
        lines += [f"    _set[{i}](o, v{i})" for i in range(len(names))]
        lines += [f"    _set_other[{i}](o, _make[{i}]())" for i in range(len(others))]
        lines.append("    return o")
    else:
        args = ", ".join(f"{name}=v{i}" for i, name in enumerate(names))
        lines.append(f"    return cls({args})")
    exec("\n".join(lines), scope)  # generated from the model's own field names
    build: Callable[[Any], Any] = scope["build"]
    return build


# ---------------------------------------------------------------------------------------------
# The cchc/1 format as structs, from the model's field metadata.

_SECTION_STRUCTS = {
    name: _struct(spec.cls.__name__, _data_fields(spec.cls)) for name, spec in SECTIONS.items()
}
_SECTION_BUILDERS = {
    name: _builder(spec.cls, _SECTION_STRUCTS[name]) for name, spec in SECTIONS.items()
}
_UNIT_DATA = _data_fields(Unit, optional=("name",))  # another file may name the unit
_UnitFields = _struct("UnitFields", _UNIT_DATA)
_UnitStruct = _struct(
    "Unit",
    [
        *_UNIT_DATA,
        *(
            (name, list[_SECTION_STRUCTS[name]] if spec.many else _SECTION_STRUCTS[name], False)  # type: ignore[valid-type]
            for name, spec in SECTIONS.items()
        ),
    ],
)
_unit_fields = _builder(Unit, _UnitFields, as_dict=True)  # reads only the unit's own fields
_ReportStruct = _struct("ReportRef", _data_fields(ReportRef))
build_report = _builder(ReportRef, _ReportStruct)
_DATASET_DATA = [
    entry for entry in _data_fields(Dataset) if entry[0] in _DATASET_KEYS and entry[0] != "report"
]
dataset_fields = _builder(Dataset, _struct("DatasetFields", _DATASET_DATA), as_dict=True)
_DatasetStruct = _struct("Dataset", [*_DATASET_DATA, ("report", _ReportStruct, False)])
FileStruct = _struct(
    "File",
    [
        ("schema", Literal[SCHEMA], True),
        ("dataset", _DatasetStruct, False),
        ("units", list[_UnitStruct], False),  # type: ignore[valid-type]
    ],
)


def _unit_builder() -> Callable[[Any, str], UnitDraft]:
    """A function making a unit's draft from its decoded struct (generated, as the builders)."""
    lines = ["def unit(s, source):", "    fields = unit_fields(s)", "    sections = {}"]
    for i, (name, spec) in enumerate(SECTIONS.items()):
        value = f"tuple(map(b{i}, v))" if spec.many else f"b{i}(v)"
        lines.append(
            f"    v = s.{name}\n    if v is not None:\n        sections[{name!r}] = {value}"
        )
    lines.append("    uid = fields['id']")
    lines.append("    return UnitDraft(uid, f'units[{uid}]', source, fields, sections, {})")
    scope: dict[str, Any] = {"unit_fields": _unit_fields, "UnitDraft": UnitDraft}
    scope.update({f"b{i}": _SECTION_BUILDERS[name] for i, name in enumerate(SECTIONS)})
    exec("\n".join(lines), scope)  # generated from the model's own field names
    unit: Callable[[Any, str], UnitDraft] = scope["unit"]
    return unit


unit_draft = _unit_builder()
