"""Writing an extraction as a draft ``cchc/1`` TOML file: every value with a comment quoting its
sentence and place, uncertain values commented out with the reason."""

from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from ..model import SECTIONS
from .extractor import Extraction
from .found import Found
from .header import Header
from .messages import render

__all__ = ["dataset_unit_id", "draft_toml", "unit_entries"]

_LEVEL_NAMES = {"tinh": "tỉnh", "huyen": "huyện", "quan": "quận", "xa": "xã", "phuong": "phường"}
_FIELD_ORDER = {name: list(attrs.fields_dict(spec.cls)) for name, spec in SECTIONS.items()}


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        text = format(value, "f")
        if "." in text and text.endswith("0"):
            return json.dumps(text.replace(".", ","), ensure_ascii=False)
        return text
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_value(v)}" for k, v in value.items()) + " }"
    if isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], _dt.date):
        return f"{{ start = {value[0].isoformat()}, end = {value[1].isoformat()} }}"
    return json.dumps(str(value), ensure_ascii=False)


def _comment(f: Found | None, lang: str) -> str:
    if f is None:
        return ""
    quote = f.quote.replace("\n", " ")
    return f"  # {f.place.text(lang)}: “{quote}”"


def _line(key: str, f: Found, lang: str) -> str:
    key = key.split("~")[0]
    if f.uncertain is None:
        return f"{key} = {_value(f.value)}{_comment(f, lang)}"
    reason = render(f.uncertain[0], f.uncertain[1], lang)
    label = render("extract.uncertain", None, lang)
    where = f.place.text(lang)
    return f"# {key} = {_value(f.value)}  # {label}: {reason} — {where}: “{f.quote}”"


def unit_entries(ex: Extraction) -> dict[str | None, dict[str, dict[Any, dict[str, Found]]]]:
    """unit (None: the reporting unit) → section → entry → field → the value found."""
    units: dict[str | None, dict[str, dict[Any, dict[str, Found]]]] = {None: {}}
    for f in ex.found:
        if f.section not in SECTIONS:
            continue
        sections = units.setdefault(f.unit, {})
        entries = sections.setdefault(f.section, {})
        fields = entries.setdefault(f.entry, {})
        key, n = f.field, 1
        while key in fields:  # another value of the same field: every uncertain one is shown
            n += 1
            key = f"{f.field}~{n}"
        fields[key] = f
        constant = dict(f.extra)
        if "window" in constant:  # a dossier window: its words and dates
            constant.update(label=f.entry, period=constant["window"])
        for k, v in constant.items():  # constant fields of the entry (category, label, period)
            if k in ("category", "label", "period") and v is not None and k not in fields:
                fields[k] = Found(f.section, k, v, f.quote, f.place, entry=f.entry)
    return units


def _entry_keys(section: str, entry: Any, fields: dict[str, Found]) -> dict[str, Found]:
    if section == "catalogue" and entry and "level" not in fields:
        some = next(iter(fields.values()))
        fields = {"level": Found(section, "level", entry, some.quote, some.place), **fields}
    order = _FIELD_ORDER[section]
    return dict(sorted(fields.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else 99))


_REQUIRED = {"staffing": ("quota", "used"), "procedures": ("name",), "references": ("number",)}


def _section_lines(
    section: str, prefix: str, entries: dict[Any, dict[str, Found]], lang: str
) -> Iterator[str]:
    many = SECTIONS[section].many
    if not many:
        fields = _entry_keys(section, None, entries.get(None, {}))
        yield ""
        yield ("" if any(f.uncertain is None for f in fields.values()) else "# ") + (
            f"[{prefix}.{section}]"
        )
        for key, f in fields.items():
            yield _line(key, f, lang)
        return
    for entry, fields in entries.items():
        fields = _entry_keys(section, entry, fields)
        missing = [k for k in _REQUIRED.get(section, ()) if k not in fields or fields[k].uncertain]
        doubtful = section == "references" and any(f.uncertain for f in fields.values())
        yield ""
        if missing or doubtful:
            some = next(iter(fields.values()))
            doubt = next((f.uncertain for f in fields.values() if f.uncertain), None)
            reason = (
                render(*doubt, lang)
                if doubt is not None
                else render("extract.incomplete", {"missing": ", ".join(missing)}, lang)
            )
            label = render("extract.uncertain", None, lang)
            yield f"# [[{prefix}.{section}]]  # {label}: {reason} — {some.place.text(lang)}"
            for key, f in fields.items():
                yield f"# {key} = {_value(f.value)}"
            yield f"#   “{some.quote}”"
            continue
        yield f"[[{prefix}.{section}]]"
        last: Found | None = None
        for key, f in fields.items():
            line = _line(key, f, lang)
            if f.uncertain is None and last is not None and f.quote == last.quote:
                # the same sentence or row: its place only, when it differs (a table column)
                same = f.place == last.place
                line = f"{key} = {_value(f.value)}" + ("" if same else f"  # {f.place.text(lang)}")
            last = f
            yield line


def dataset_unit_id(header: Header, unit: str | None) -> str:
    """The id the draft gives the reporting unit (``unit`` None) or one of its levels."""
    base = header.unit_id or "don-vi"
    return base if unit is None else f"{base}-cap-{unit}"


def draft_toml(ex: Extraction, lang: str = "vi") -> str:
    """The draft ``cchc/1`` file for one extraction."""
    h = ex.header
    name = Path(ex.path).name
    out = [f"# {line}" for line in _wrap(render("extract.draft_header", {"file": name}, lang))]
    out += ['schema = "cchc/1"', "", "[dataset]"]
    if h.title:
        out.append(f"title = {_value(h.title)}")
    unit_id = dataset_unit_id(h, None)
    out.append(f"reported_by = {_value(unit_id)}")
    if h.period_quote is not None:
        out.append(f"period = {_value(h.period)}{_comment(h.period_quote, lang)}")
    else:
        label = render("extract.uncertain", None, lang)
        out.append(
            f"# period = {{ start = …, end = … }}  # {label}: "
            + render("extract.no_period", None, lang)
        )
    out.append(f"source = {_value(render('extract.source', {'file': name}, lang))}")
    if h.number or h.date:
        out += ["", "[dataset.report]"]
        if h.number:
            out.append(f"number = {_value(h.number.value)}{_comment(h.number, lang)}")
        if h.date:
            out.append(f"date = {_value(h.date.value)}{_comment(h.date, lang)}")
    units = unit_entries(ex)
    for unit, sections in units.items():
        out += ["", "[[units]]"]
        if unit is None:
            if h.unit_name:
                out += [f"id = {_value(unit_id)}", f"name = {_value(h.unit_name)}"]
            else:
                label = render("extract.uncertain", None, lang)
                note = render("extract.no_unit", None, lang)
                out += [f'id = "don-vi"  # {label}: {note}', f'name = "?"  # {label}: {note}']
            if h.unit_kind:
                out.append(f"kind = {_value(h.unit_kind)}")
        else:
            level = _LEVEL_NAMES.get(unit, unit)
            out += [
                f"id = {_value(dataset_unit_id(h, unit))}",
                f"name = {_value(f'Cấp {level} ({h.unit_name or unit_id})')}",
                f"kind = {_value(unit)}",
                f"parent = {_value(unit_id)}",
            ]
        for section in SECTIONS:
            if section in sections:
                out.extend(_section_lines(section, "units", sections[section], lang))
    return "\n".join(out) + "\n"


def _wrap(text: str, width: int = 96) -> list[str]:
    lines, current = [], ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    return [*lines, current] if current else lines
