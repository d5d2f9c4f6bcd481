"""From a report document to its figures: read, match, resolve conflicts, build the draft tree."""

from __future__ import annotations

import datetime as _dt
import re
from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from ..model import QUALIFIERS, SECTIONS, Period
from ..vnparse import fold, parse_period, parse_roman
from .cited import Mention, decide_roles, mentions
from .found import Found, Place
from .header import Header, read_header
from .patterns import Patterns, shipped_patterns
from .prose import paragraph_figures, procedure_figures
from .reading import Table, read_document
from .tables import table_figures

__all__ = ["Extraction", "extract_document"]

#: Sections whose counts may be written bounded ("hơn 2.000"): kept as written.
_BOUNDED = {s.name for s in SECTIONS.values() if "bounds" in attrs.fields_dict(s.cls)}
_QUALIFIER_WORDS = {fold(w): w for ws in QUALIFIERS.values() for w in ws}
_ROMAN = re.compile(r"^([IVX]+)\.\s")
_NUMBERED = re.compile(r"^(\d+)\.\s")
_WINDOW = re.compile(r"\b(?:trong |tai )?(?:quy|thang|tu ngay|\d+ thang|sau thang|chin thang)\b")


@attrs.frozen
class Extraction:
    """What was extracted from one report."""

    path: str
    header: Header
    found: tuple[Found, ...]

    @property
    def taken(self) -> tuple[Found, ...]:
        return tuple(f for f in self.found if f.uncertain is None)

    @property
    def uncertain(self) -> tuple[Found, ...]:
        return tuple(f for f in self.found if f.uncertain is not None)

    @property
    def figure_count(self) -> int:
        """Values taken, not counting references' text or entry names."""
        return sum(1 for f in self.taken if _is_figure(f))

    @property
    def empty_sections(self) -> tuple[str, ...]:
        seen = {f.section for f in self.taken}
        return tuple(s for s in SECTIONS if s not in seen)

    @property
    def references(self) -> int:
        return sum(1 for f in self.found if f.section == "references" and f.field == "number")


def _is_figure(f: Found) -> bool:
    return f.section not in ("references", "dataset", "report") and f.field not in (
        "name",
        "day_type",
    )


def _section_label(roman: str, sub: str) -> str:
    return f"{roman}.{sub}" if roman and sub else roman


def extract_document(
    path: str | Path, patterns: Patterns | None = None, *, max_bytes: int | None = None
) -> Extraction:
    """Extract every figure of the report at ``path``; raise ExtractError if it cannot be read
    (one larger than ``max_bytes`` is not read, as :func:`~.reading.read_document` says)."""
    pats = patterns or shipped_patterns()
    doc = read_document(path, max_bytes=max_bytes)
    header = read_header(doc, pats.issuers)
    found: list[Found] = []
    cited: list[tuple[Mention, str]] = []
    roman = sub = ""
    for item in doc.items:
        if isinstance(item, Table):
            found.extend(table_figures(item, _section_label(roman, sub), pats))
            continue
        text = item.text
        if m := _ROMAN.match(text):
            try:
                parse_roman(m.group(1))
                roman, sub = m.group(1), ""
            except ValueError:
                pass
        elif roman and (m := _NUMBERED.match(text)):
            sub = m.group(1)
        place = Place(_section_label(roman, sub), item.where)
        folded = fold(text)
        found.extend(paragraph_figures(text, folded, place, pats))
        found.extend(procedure_figures(text, folded, place, pats))
        cited.extend((mn, folded) for mn in mentions(text, folded, place))
    period = Period(*header.period) if header.period else None
    found = _resolve(found, header, period, pats)
    found.extend(decide_roles(cited, header.unit_kind, header.unit_name, period))
    return Extraction(str(path), header, tuple(found))


_COMMUNE_STAFF = ("cong_chuc", "can_bo")


def _resolve(
    found: list[Found], header: Header, period: Period | None, pats: Patterns
) -> list[Found]:
    commune = header.unit_kind in ("xa", "phuong", "thi_tran")
    out: list[Found] = []
    for f in found:
        if commune and f.section == "staffing" and f.extra.get("category") in _COMMUNE_STAFF:
            # a commune's own cán bộ, công chức are commune-level ones
            cat = "cong_chuc_cap_xa"
            entry = cat if f.entry in _COMMUNE_STAFF else f.entry
            f = attrs.evolve(f, entry=entry, extra={**f.extra, "category": cat})
        if f.uncertain is None:
            f = _with_base(_check_value(f, period), pats)
        out.append(f)
    out = _apply_each(out)
    out.extend(_own_windows(out, period))
    return _conflicts(out)


def _own_windows(found: list[Found], period: Period | None) -> Iterator[Found]:
    """A section counted over dates of its own ("Từ ngày 01/01/2022 đến ngày 30/5/2022, … đã ban
    hành 3.051 văn bản"): its ``period``."""
    for f in found:
        if f.section != "documents" or f.uncertain is not None or "tu ngay" not in fold(f.quote):
            continue
        got = parse_period(f.quote)
        if got is None or (period and (got[0], got[1]) == (period.start, period.end)):
            continue
        yield attrs.evolve(f, field="period", value=(got[0], got[1]), extra={})
        return


def _check_value(f: Found, period: Period | None) -> Found:
    qualifier = f.extra.get("qualifier")
    kind = f.extra.get("kind")
    if qualifier:
        words = _QUALIFIER_WORDS.get(qualifier, qualifier)
        stated = f.field.startswith("stated_")
        if (f.section in _BOUNDED and kind == "n") or stated:
            f = attrs.evolve(f, value=f"{words} {_plain(f.value)}")
        else:
            return f.doubt("extract.qualified", words=words)
    elif (
        kind == "n"
        and isinstance(f.value, Decimal)
        and f.value != f.value.to_integral_value()
        and f.section != "procedures"
    ):
        return f.doubt("extract.not_integer", got=_plain(f.value))
    if f.section == "dossiers":
        window = _window_of(f.extra.get("sentence") or f.quote, period)
        if window is not None:  # counted over a window of its own ("trong tháng 3/2024")
            label, start, end = window
            extra = {**f.extra, "window": (start, end)}
            return attrs.evolve(f, section="dossier_windows", entry=label, extra=extra)
    return f


def _with_base(f: Found, pats: Patterns) -> Found:
    """A stated rate whose sentence names the count it is over ("trên tổng số hồ sơ đã giải
    quyết"), when its field accepts that base: ``{value, base}``."""
    if not f.field.startswith("stated_") or f.uncertain is not None or not pats.bases:
        return f
    spec = attrs.fields_dict(SECTIONS[f.section].cls).get(f.field)
    allowed = spec.metadata.get("choices", ()) if spec is not None else ()
    sentence = fold(f.extra.get("sentence") or f.quote)
    named = {base for base, rx in pats.bases if rx.search(sentence)}
    if len(named) == 1 and (base := named.pop()) in allowed:
        return attrs.evolve(f, value={"value": f.value, "base": base})
    return f


def _window_of(sentence: str, period: Period | None) -> tuple[str, _dt.date, _dt.date] | None:
    """A counting window the sentence names that differs from the reporting period: its words
    and dates."""
    if not _WINDOW.search(fold(sentence)):
        return None
    got = parse_period(sentence)
    if got is None or sentence[got[2] : got[3]].casefold().startswith(("năm", "nam")):
        return None
    if period is not None and (got[0], got[1]) == (period.start, period.end):
        return None
    return sentence[got[2] : got[3]], got[0], got[1]


def _plain(value: Any) -> str:
    if isinstance(value, Decimal):
        return format(value, "f").replace(".", ",")
    return str(value)


def _apply_each(found: list[Found]) -> list[Found]:
    """A figure that applies to every entry of a list section ("toàn quận không sử dụng lao động
    hợp đồng …") is copied onto each entry of its unit."""
    out = [f for f in found if not f.extra.get("each")]
    for f in found:
        if not f.extra.get("each"):
            continue
        entries = dict.fromkeys(
            g.entry
            for g in out
            if g.section == f.section and g.unit == f.unit and g.entry and g.uncertain is None
        )
        if not entries:
            out.append(f.doubt("extract.no_block"))
            continue
        for entry in entries:
            out.append(attrs.evolve(f, entry=entry, extra={**f.extra, "each": False}))
    return out


def _key(f: Found) -> tuple[Any, ...]:
    return (f.unit, f.section, f.entry, f.field)


def _conflicts(found: list[Found]) -> list[Found]:
    """Keep each value once; a figure stated with different values is left uncertain."""
    groups: dict[tuple[Any, ...], list[Found]] = defaultdict(list)
    for f in found:
        groups[_key(f)].append(f)
    out: list[Found] = []
    for group in groups.values():
        certain = [f for f in group if f.uncertain is None]
        values = {_comparable(f.value) for f in certain}
        if len(values) > 1:
            for f in certain:
                others = "; ".join(f"{_plain(g.value)} ({g.place})" for g in certain if g is not f)
                out.append(f.doubt("extract.conflict", others=others))
        elif certain:
            out.append(certain[0])
        out.extend(f for f in group if f.uncertain is not None)
    return out


def _comparable(value: Any) -> Any:
    if isinstance(value, dict):
        return tuple(sorted((k, _comparable(v)) for k, v in value.items()))
    if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        return Decimal(value).normalize()
    return value
