"""Converting parsed trees into the model, collecting every located issue.

Only the smallest invalid part is dropped: an entry of a list section, else a whole section, else
the unit. What was dropped is remembered on the unit (``Unit.dropped``) so rules that needed it are
listed as skipped with the location as the reason.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import math
import re
import unicodedata
from collections.abc import Callable, Mapping
from typing import Any

import attrs

from .._safe import short_number
from ..errors import DataIssue
from ..frozen import FrozenDict
from ..model import SECTIONS, Dataset, Period, ReportRef, StatedPercent, StatedValue, Unit
from .files import INVALID

__all__ = ["FileDraft", "UnitDraft", "convert_tree"]

SCHEMA = "cchc/1"
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TOP_KEYS = ("schema", "dataset", "units")
_DATASET_KEYS = ("title", "reported_by", "period", "report", "source")
_UNIT_KEYS = (
    "id",
    "name",
    "kind",
    "parent",
    "aggregates_children",
    "valid_to",
    "successors",
    *SECTIONS,
)


class _Bad(Exception):
    """A value that does not fit its field: carries the message id and its parameters."""

    def __init__(self, message: str, params: dict[str, Any] | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.params = params or {}
        self.line = line


def _show(value: object) -> str:
    """A short, readable rendering of an offending value for messages."""
    if isinstance(value, dict):
        return "{…}"
    if isinstance(value, list):
        return "[…]"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return short_number(value)
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 40 else text[:37] + "…"


#: The largest count or number of days a file may state: larger ones (``1e308`` days, a
#: 5000-digit count) are data errors, not figures that overflow the rules' arithmetic.
MAX_NUMBER = 10**15


def _too_big(value: float) -> _Bad:
    return _Bad("data.too_big_number", {"got": _show(value), "limit": "10^15"})


def _check_placeholder(value: object) -> None:
    """Raise the original syntax error for a value the TOML reader could not parse."""
    if isinstance(value, str) and value.startswith(INVALID):
        line, detail, raw = value[len(INVALID) :].split("\x00", 2)
        raise _Bad("data.syntax_value", {"detail": detail, "got": raw}, line=int(line))


def _count(value: Any, spec: _Field) -> int:
    if type(value) is int:
        if 0 <= value <= MAX_NUMBER:
            return value
        raise _too_big(value) if value > 0 else _Bad("data.negative", {"got": _show(value)})
    if type(value) is float and value.is_integer():
        if value > MAX_NUMBER:
            raise _too_big(value)
        if value >= 0:
            return int(value)
        raise _Bad("data.negative", {"got": _show(value)})
    _check_placeholder(value)
    raise _Bad("data.expected_count", {"got": _show(value)})


def _number(value: Any, spec: _Field) -> float:
    if type(value) is int or (type(value) is float and math.isfinite(value)):
        if value < 0:
            raise _Bad("data.negative", {"got": _show(value)})
        if value > MAX_NUMBER:
            raise _too_big(value)
        if spec.kind == "percent" and value > 100:
            raise _Bad("data.percent_range", {"got": _show(value)})
        return float(value) if type(value) is float else value
    _check_placeholder(value)
    raise _Bad(f"data.expected_{spec.kind}", {"got": _show(value)})


def _stated(value: Any, spec: _Field) -> StatedPercent:
    _check_placeholder(value)
    try:
        sp = StatedPercent.parse(value)
    except ValueError:
        raise _Bad("data.expected_percent", {"got": _show(value)}) from None
    if not 0 <= sp.value <= 100:
        raise _Bad("data.percent_range", {"got": _show(value)})
    if sp.base is not None and sp.base not in spec.choices:
        allowed = ", ".join(spec.choices)
        raise _Bad("data.expected_choice", {"got": _show(sp.base), "allowed": allowed})
    return sp


def _count_or_bound(value: Any, spec: _Field) -> int | StatedValue:
    """A count, or a bounded / approximate one ("hơn 2.000", ``{value, qualifier}``)."""
    if type(value) is str or type(value) is dict:
        _check_placeholder(value)
        try:
            sv = StatedValue.parse(value, count=True)
        except ValueError:
            raise _Bad("data.expected_count", {"got": _show(value)}) from None
        if sv.value < 0:
            raise _Bad("data.negative", {"got": _show(value)})
        if sv.base is not None:
            raise _Bad("data.expected_count", {"got": _show(value)})
        return sv if sv.qualifier != "exact" else int(sv.value)
    return _count(value, spec)


def _text(value: Any, spec: _Field) -> str:
    if type(value) is str:
        if value.startswith(INVALID):
            _check_placeholder(value)
        text: str = value.strip()
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        return text
    if type(value) is int and spec.kind == "text":
        return str(value)  # codes and levels written as bare numbers
    raise _Bad("data.expected_text", {"got": _show(value)})


def _choice(value: Any, spec: _Field) -> str:
    text = _text(value, spec)
    if text not in spec.choices:
        allowed = ", ".join(spec.choices)
        raise _Bad("data.expected_choice", {"got": _show(value), "allowed": allowed})
    return text


def _date(value: Any, spec: _Field) -> _dt.date:
    if type(value) is _dt.date:
        return value
    if type(value) is str:
        _check_placeholder(value)
        if _ISO_DATE.fullmatch(value.strip()):
            try:
                return _dt.date.fromisoformat(value.strip())
            except ValueError:
                raise _Bad("data.invalid_date", {"got": _show(value)}) from None
    raise _Bad("data.expected_date", {"got": _show(value)})


def _bool(value: Any, spec: _Field) -> bool:
    if type(value) is bool:
        return value
    _check_placeholder(value)
    raise _Bad("data.expected_bool", {"got": _show(value)})


def _ids(value: Any, spec: _Field) -> tuple[str, ...]:
    if type(value) is list and all(type(v) is str and v.strip() for v in value):
        return tuple(unicodedata.normalize("NFC", v.strip()) for v in value)
    _check_placeholder(value)
    raise _Bad("data.expected_ids", {"got": _show(value)})


def _period(value: Any, spec: _Field) -> Period:
    _check_placeholder(value)
    if type(value) is not dict:
        raise _Bad("data.expected_period", {"got": _show(value)})
    extra = set(value) - {"start", "end"}
    if "start" not in value or "end" not in value or extra:  # name the keys given
        keys = ", ".join(_show(k) if type(k) is not str else k for k in value)
        raise _Bad("data.expected_period", {"got": f"{{ {keys} }}"})
    start = _date(value["start"], spec)
    end = _date(value["end"], spec)
    if end < start:
        raise _Bad("data.period_order", {"start": start, "end": end})
    return Period(start, end)


_CONVERTERS: Mapping[str, Callable[[Any, _Field], Any]] = {
    "count": _count,
    "days": _number,
    "percent": _number,
    "stated": _stated,
    "text": _text,
    "choice": _choice,
    "date": _date,
    "bool": _bool,
    "ids": _ids,
    "period": _period,
}


@attrs.frozen
class _Field:
    name: str
    kind: str
    required: bool
    choices: tuple[str, ...]
    convert: Callable[[Any, _Field], Any]


def _fields_of(cls: type) -> dict[str, _Field]:
    """The fields of ``cls`` as the loader reads them (counts of a section with ``bounds`` may be
    bounded)."""
    bounded = any(a.name == "bounds" for a in attrs.fields(cls))
    out = {}
    for a in attrs.fields(cls):
        meta = a.metadata.get("cchc")
        if meta is None:
            continue
        convert = _count_or_bound if bounded and meta == "count" else _CONVERTERS[meta]
        out[a.name] = _Field(a.name, meta, a.metadata["required"], a.metadata["choices"], convert)
    return out


_SECTION_FIELDS = {name: _fields_of(spec.cls) for name, spec in SECTIONS.items()}
_UNIT_FIELDS = _fields_of(Unit)
_REPORT_FIELDS = _fields_of(ReportRef)
#: The data kind of each key, per field table (for the fast path), keyed by the table's id.
_KINDS = {
    id(table): {name: spec.kind for name, spec in table.items()}
    for table in (*_SECTION_FIELDS.values(), _UNIT_FIELDS, _REPORT_FIELDS)
}
#: Required field names of each field table, keyed by the table's id (computed once).
_REQUIRED = {
    id(table): tuple(name for name, spec in table.items() if spec.required)
    for table in (*_SECTION_FIELDS.values(), _UNIT_FIELDS, _REPORT_FIELDS)
}


def known_keys(section: str | None = None) -> tuple[str, ...]:
    """The keys the format knows at the top level, in a unit, or in one section."""
    if section is None:
        return _UNIT_KEYS
    return tuple(_SECTION_FIELDS[section])


@attrs.define
class UnitDraft:
    """A unit read from one file, before files are merged."""

    id: str
    loc: str
    source: str
    fields: dict[str, Any]
    sections: dict[str, Any]
    dropped: dict[str, list[str]]


@attrs.define
class FileDraft:
    """What one file contributes: dataset fields, units, and its issues."""

    source: str
    dataset: dict[str, Any]
    units: list[UnitDraft]
    issues: list[DataIssue]
    #: Where each unit kept was read: its id → its index in the file's ``units``.
    indices: dict[str, int] = attrs.field(factory=dict)


class _Converter:
    def __init__(self, source: str) -> None:
        self.source = source
        self.issues: list[DataIssue] = []

    def error(self, loc: str, bad: _Bad) -> None:
        self.issues.append(DataIssue(self.source, loc, bad.message, bad.params, line=bad.line))

    def issue(self, loc: str, message: str, level: str = "error", **params: Any) -> None:
        self.issues.append(DataIssue(self.source, loc, message, params, level=level))

    def unknown(self, loc: str, key: str, known: tuple[str, ...] | list[str]) -> None:
        close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
        if close:
            self.issue(loc, "data.unknown_key_suggest", "warning", key=key, suggestion=close[0])
        else:
            self.issue(loc, "data.unknown_key", "warning", key=key)

    def record(
        self, raw: Any, fields: dict[str, _Field], loc: str, index: int | None = None
    ) -> dict[str, Any] | None:
        """Convert one table; ``None`` (after reporting) when any value is invalid.

        Most tables are valid as they are: one pass checks the types, and the table itself is then
        used as the constructor's arguments. Anything else takes the careful path.
        """
        if type(raw) is not dict:
            _check_or_report(self, raw, _at(loc, index), "data.expected_table")
            return None
        kinds = _KINDS[id(fields)]
        for key, value in raw.items():
            kind = kinds.get(key)  # None for an unknown key: the careful path warns about it
            tv = type(value)
            if tv is int:
                if (kind == "count" or kind == "days") and 0 <= value <= MAX_NUMBER:
                    continue
            elif tv is str:
                if (
                    kind == "text"
                    and value
                    and value == value.strip()
                    and value[0] != "\x00"  # a value the TOML reader could not parse
                    and (value.isascii() or unicodedata.is_normalized("NFC", value))
                ):
                    continue
            elif tv is float and kind == "days" and 0 <= value <= MAX_NUMBER:
                continue
            break
        else:
            for name in _REQUIRED[id(fields)]:
                if name not in raw:
                    break
            else:
                return raw
        return self._record_slow(raw, fields, _at(loc, index))

    def _record_slow(
        self, raw: dict[str, Any], fields: dict[str, _Field], loc: str
    ) -> dict[str, Any] | None:
        kw: dict[str, Any] = {}
        ok = True
        for key, value in raw.items():
            spec = fields.get(key)
            if spec is None:
                self.unknown(f"{loc}.{key}", key, list(fields))
                continue
            if value == "":
                continue  # an empty string counts as absent
            try:
                converted = spec.convert(value, spec)
            except _Bad as bad:
                self.error(f"{loc}.{key}", bad)
                ok = False
                continue
            if type(converted) is StatedValue:  # a bounded count: kept apart from exact ones
                kw.setdefault("bounds", {})[key] = converted
            else:
                kw[key] = converted
        for name in _REQUIRED[id(fields)]:
            if name not in kw and raw.get(name, "") == "":
                self.issue(f"{loc}.{name}", "data.required", field=name)
                ok = False
        return kw if ok else None

    def section(self, name: str, raw: Any, loc: str, dropped: dict[str, list[str]]) -> Any:
        spec = SECTIONS[name]
        fields = _SECTION_FIELDS[name]
        cls = spec.cls
        if not spec.many:
            kw = self.record(raw, fields, loc)
            if kw is None:
                dropped.setdefault(name, []).append(loc)
                return None
            return cls(**kw)
        if type(raw) is not list:
            _check_or_report(self, raw, loc, "data.expected_list")
            dropped.setdefault(name, []).append(loc)
            return None
        out = []
        for i, entry in enumerate(raw):
            kw = self.record(entry, fields, loc, i)
            if kw is None:
                dropped.setdefault(name, []).append(_at(loc, i))
            else:
                out.append(cls(**kw))
        return tuple(out)

    def unit(self, raw: Any, index: int) -> UnitDraft | None:
        uid = raw.get("id") if type(raw) is dict else None
        good_id = type(uid) is str and uid.strip() != "" and not uid.startswith(INVALID)
        loc = f"units[{uid.strip() if good_id else index}]"  # type: ignore[union-attr]
        if type(raw) is not dict:
            _check_or_report(self, raw, loc, "data.expected_table")
            return None
        fields: dict[str, Any] = {}
        sections: dict[str, Any] = {}
        dropped: dict[str, list[str]] = {}
        ok = True
        for key, value in raw.items():
            if key in SECTIONS:
                sec = self.section(key, value, f"{loc}.{key}", dropped)
                if sec is not None:
                    sections[key] = sec
                continue
            spec = _UNIT_FIELDS.get(key)
            if spec is None:
                self.unknown(f"{loc}.{key}", key, _UNIT_KEYS)
                continue
            if value == "":
                continue
            try:
                fields[key] = spec.convert(value, spec)
            except _Bad as bad:
                self.error(f"{loc}.{key}", bad)
                ok = False
        for name in ("id", "name"):
            if name not in fields:
                if name == "name" and "id" in fields and "name" not in raw:
                    continue  # another file may name it: checked once the files are merged
                self.issue(f"{loc}.{name}", "data.required", field=name)
                ok = False
        if not ok:
            self.issue(loc, "data.unit_dropped", id=fields.get("id", str(index)))
            return None
        located = {k: [f"{self.source}: {loc}" for loc in v] for k, v in dropped.items()}
        return UnitDraft(fields["id"], loc, self.source, fields, sections, located)

    def dataset(self, raw: Any) -> dict[str, Any]:
        if raw is None:
            return {}
        if type(raw) is not dict:
            _check_or_report(self, raw, "dataset", "data.expected_table")
            return {}
        out: dict[str, Any] = {}
        text_field = _UNIT_FIELDS["name"]
        for key, value in raw.items():
            loc = f"dataset.{key}"
            if key not in _DATASET_KEYS:
                self.unknown(loc, key, _DATASET_KEYS)
                continue
            if value == "":
                continue
            try:
                if key == "period":
                    out[key] = _period(value, text_field)
                elif key == "report":
                    kw = self.record(value, _REPORT_FIELDS, loc)
                    if kw is not None:
                        out[key] = ReportRef(**kw)
                else:
                    out[key] = _text(value, text_field)
            except _Bad as bad:
                self.error(loc, bad)
        return out


def _at(loc: str, index: int | None) -> str:
    return loc if index is None else f"{loc}[{index}]"


def _check_or_report(conv: _Converter, raw: Any, loc: str, message: str) -> None:
    try:
        _check_placeholder(raw)
    except _Bad as bad:
        conv.error(loc, bad)
        return
    conv.issue(loc, message, got=_show(raw))


def convert_tree(tree: dict[str, Any], source: str, *, consume: bool = False) -> FileDraft:
    """Validate one parsed file and convert what is valid; collect every issue.

    With ``consume=True`` each raw unit is released from ``tree["units"]`` once converted, so a
    large file never holds both its raw tree and its model in memory.
    """
    conv = _Converter(source)
    schema = tree.get("schema")
    if schema is None:
        conv.issue("schema", "data.schema_missing", expected=SCHEMA)
    elif schema != SCHEMA:
        conv.issue("schema", "data.schema_unsupported", got=_show(schema), expected=SCHEMA)
        return FileDraft(source, {}, [], conv.issues)  # unknown meaning: read nothing of it
    for key in tree:
        if key not in _TOP_KEYS:
            conv.unknown(key, key, _TOP_KEYS)
    meta = conv.dataset(tree.get("dataset"))
    units_raw = tree.get("units", [])
    drafts: list[UnitDraft] = []
    if type(units_raw) is not list:
        _check_or_report(conv, units_raw, "units", "data.expected_list")
        units_raw = []
    seen: dict[str, int] = {}
    for i, raw in enumerate(units_raw):
        draft = conv.unit(raw, i)
        if consume:
            units_raw[i] = None
        if draft is None:
            continue
        if draft.id in seen:
            first = f"units[{seen[draft.id]}]"
            conv.issue(f"units[{i}].id", "data.duplicate_unit", id=draft.id, first=first)
            continue
        seen[draft.id] = i
        drafts.append(draft)
    return FileDraft(source, meta, drafts, conv.issues, seen)


#: The ``dropped`` of a unit whole (read-only, so one is shared).
_NO_DROPS: Mapping[str, tuple[str, ...]] = FrozenDict()


def build_dataset(drafts: list[FileDraft], extra_issues: list[DataIssue]) -> Dataset:
    """Merge file drafts into one :class:`Dataset` (a unit's sections may come from several
    files)."""
    issues = list(extra_issues)
    drafts = sorted(drafts, key=lambda d: d.source)  # the order files are given changes nothing
    meta: dict[str, Any] = {}
    meta_src: dict[str, str] = {}
    for d in drafts:
        issues.extend(d.issues)
        for key, value in d.dataset.items():
            if key not in meta:
                meta[key], meta_src[key] = value, d.source
            elif key in ("period", "reported_by", "report") and meta[key] != value:
                issues.append(
                    DataIssue(
                        d.source,
                        f"dataset.{key}",
                        "data.dataset_conflict",
                        {"key": key, "first": meta_src[key]},
                    )
                )
    readable = [d for d in drafts if d.dataset or d.units]
    period_reported = any(i.location == "dataset.period" for i in issues)
    if readable and "period" not in meta and not period_reported:
        issues.append(
            DataIssue(drafts[0].source, "dataset.period", "data.required", {"field": "period"})
        )
    merged: dict[str, UnitDraft] = {}
    for d in drafts:
        for u in d.units:
            first = merged.get(u.id)
            if first is None:
                merged[u.id] = u
                continue
            _merge_into(first, u, issues)
    for uid in [uid for uid, u in merged.items() if "name" not in u.fields]:
        u = merged.pop(uid)  # no file names it
        issues.append(DataIssue(u.source, f"{u.loc}.name", "data.required", {"field": "name"}))
        issues.append(DataIssue(u.source, u.loc, "data.unit_dropped", {"id": uid}))
    _break_cycles(merged, issues)
    units = []
    for u in merged.values():
        dropped = {k: tuple(v) for k, v in u.dropped.items()} if u.dropped else _NO_DROPS
        units.append(Unit(**u.fields, **u.sections, dropped=dropped))
    issues.sort(key=DataIssue.sort_key)
    return Dataset.of(units, issues=tuple(issues), **meta)


def _merge_into(first: UnitDraft, other: UnitDraft, issues: list[DataIssue]) -> None:
    where = f"{first.source}: {first.loc}"
    for key, value in other.fields.items():
        if key in first.fields and first.fields[key] != value:
            issues.append(
                DataIssue(
                    other.source,
                    f"{other.loc}.{key}",
                    "data.unit_conflict",
                    {"key": key, "first": where},
                )
            )
        else:
            first.fields.setdefault(key, value)
    for name, sec in other.sections.items():
        if name in first.sections:
            issues.append(
                DataIssue(
                    other.source,
                    f"{other.loc}.{name}",
                    "data.duplicate_section",
                    {"section": name, "first": f"{where}.{name}"},
                )
            )
        else:
            first.sections[name] = sec
    for name, locs in other.dropped.items():
        first.dropped.setdefault(name, []).extend(locs)


def _break_cycles(units: dict[str, UnitDraft], issues: list[DataIssue]) -> None:
    """Report every parent cycle once and drop the parent links that form it."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    for start in sorted(units):
        path: list[str] = []
        uid: str | None = start
        while uid is not None and uid in units and state.get(uid) is None:
            state[uid] = 1
            path.append(uid)
            uid = units[uid].fields.get("parent")
        if uid is not None and state.get(uid) == 1:
            cycle = path[path.index(uid) :]
            text = " → ".join([*cycle, uid])
            for member in cycle:
                u = units[member]
                issues.append(
                    DataIssue(u.source, f"{u.loc}.parent", "data.parent_cycle", {"cycle": text})
                )
                u.fields.pop("parent", None)
        for p in path:
            state[p] = 2
