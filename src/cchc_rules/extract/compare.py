"""Comparing a draft with a reviewed (hand-made) ``cchc/1`` file, field by field.

Compared: every figure (counts, days, percentages, stated values with their qualifier), every
date and period, the choices (``kind``, ``category``, ``level``, ``day_type``, ``role``) and each
cited document's number; not compared: free text (titles, names, labels, issuers, ``where``),
whose wording a transcriber chooses. Units are matched as the reporting unit (the one the rules
take: :func:`~cchc_rules.reporter.reporting_unit_id` over the units the file loads) or by level
(kind); list entries by their key: a staffing block's category, a catalogue level, a procedure's
folded name, a document's number and occurrence.
"""

from __future__ import annotations

import datetime as _dt
from collections import Counter
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any

import attrs

from ..loading.convert import build_dataset, convert_tree
from ..model import SECTIONS, StatedValue
from ..reporter import reporting_unit_id
from ..vnparse import fold

__all__ = ["Score", "facts", "score"]

_TEXT = {"title", "name", "label", "issuer", "where", "source", "code", "field", "reported_by"}


@attrs.frozen
class Score:
    """Recall and precision of a draft against the reviewed file."""

    expected: int
    given: int
    correct: int
    missing: tuple[str, ...]
    wrong: tuple[str, ...]

    @property
    def recall(self) -> float:
        return self.correct / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        return self.correct / self.given if self.given else 1.0


def _norm(key: str, value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if key.startswith("stated_") or isinstance(value, (int, float)):
        try:
            sv = StatedValue.parse(value)
        except ValueError:
            return value
        return (sv.value.normalize(), sv.qualifier, sv.base)
    if isinstance(value, str) and not isinstance(value, bool):
        try:
            sv = StatedValue.parse(value, count=True)
            return (sv.value.normalize(), sv.qualifier)
        except (ValueError, ArithmeticError):
            return value
    if isinstance(value, Mapping) and "start" in value:
        return (value.get("start"), value.get("end"))
    if isinstance(value, (_dt.date, Decimal)):
        return value
    return value


def _entry_key(section: str, entry: Mapping[str, Any], seen: Counter[str]) -> str:
    if section == "staffing":
        key = str(entry.get("category"))
    elif section == "catalogue":
        key = str(entry.get("level"))
    elif section == "dossier_windows":
        key = str(_norm("period", entry.get("period")))
    elif section == "procedures":
        key = fold(str(entry.get("name", ""))).strip()
    else:
        key = str(entry.get("number"))
    seen[key] += 1
    return f"{key}#{seen[key]}"


def _reporting_unit(tree: Mapping[str, Any]) -> int | None:
    """The index in ``units`` of the unit that answers for the file as a whole, as the rules
    take it (``Context.reporting_unit()``): from the data the file loads (ids and
    ``reported_by`` read, invalid and repeated units dropped)."""
    draft = convert_tree(dict(tree), "<data>")
    dataset = build_dataset([draft], [])
    uid = reporting_unit_id(dataset.reported_by, dataset.by_id)
    return None if uid is None else draft.indices[uid]


def facts(tree: Mapping[str, Any]) -> Iterator[tuple[str, Any]]:
    """The compared facts of a ``cchc/1`` tree, as ``(path, normalised value)``."""
    dataset = tree.get("dataset") or {}
    if dataset.get("period"):
        yield "dataset.period", _norm("period", dataset["period"])
    for key, value in (dataset.get("report") or {}).items():
        yield f"dataset.report.{key}", value
    main = _reporting_unit(tree)
    for i, unit in enumerate(tree.get("units") or []):
        ukey = "main" if i == main else f"level:{unit.get('kind')}"
        if unit.get("kind"):
            yield f"{ukey}.kind", unit["kind"]
        for section, spec in SECTIONS.items():
            data = unit.get(section)
            if not data:
                continue
            entries = data if spec.many else [data]
            seen: Counter[str] = Counter()
            for entry in entries:
                ekey = _entry_key(section, entry, seen) if spec.many else ""
                base = f"{ukey}.{section}" + (f"[{ekey}]" if ekey else "")
                if section == "references":
                    yield f"{base}.number", entry.get("number")
                for key, value in entry.items():
                    if key in _TEXT or key == "number":
                        continue
                    yield f"{base}.{key}", _norm(key, value)


def score(draft: Mapping[str, Any], truth: Mapping[str, Any]) -> Score:
    """How much of ``truth`` the ``draft`` holds, and how much of the draft is right."""
    want = dict(facts(truth))
    got = dict(facts(draft))
    correct = [k for k, v in got.items() if k in want and want[k] == v]
    return Score(
        expected=len(want),
        given=len(got),
        correct=len(correct),
        missing=tuple(sorted(k for k in want if got.get(k, object()) != want[k])),
        wrong=tuple(sorted(k for k in got if k not in want or want[k] != got[k])),
    )
