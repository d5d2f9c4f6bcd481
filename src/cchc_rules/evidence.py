"""Evidence from plugins made safe to show: every value a renderer or a message can print the
same way in every run. Built-in rules are trusted and skip this."""

from __future__ import annotations

import datetime as _dt
import math
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import attrs

from ._safe import short_number, stable_str
from .findings import Finding
from .model import Period, StatedValue

__all__ = ["safe_finding"]

_KNOWN = (Decimal, _dt.date, Period, StatedValue)


def _plain(value: Any) -> bool:
    kind = type(value)
    if kind is str or kind is bool or value is None:
        return True
    if kind is int:
        return bool(-(10**18) < value < 10**18)
    if kind is float:
        return math.isfinite(value)
    if isinstance(value, Decimal):
        return value.is_finite()
    if isinstance(value, _KNOWN):
        return True
    if kind in (list, tuple):
        return all(_plain(v) for v in value)
    if kind is dict:
        return all(type(k) is str and _plain(v) for k, v in value.items())
    return False


def _clean(value: Any) -> Any:
    if _plain(value):
        return value
    if type(value) in (list, tuple):
        return type(value)(_clean(v) for v in value)
    if type(value) is dict:
        return {stable_str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, int) and not isinstance(value, bool):
        return short_number(value)
    if isinstance(value, (float, Decimal)):
        return str(value)  # inf, nan
    return stable_str(value)  # an object: its text, without a memory address


def safe_finding(finding: Finding) -> Finding:
    """``finding`` itself when its evidence is plain, else a copy with each odd value (an
    object, an infinity, an integer too long to print, a ``str()`` that raises) as text."""
    evidence: Mapping[str, Any] = finding.evidence
    if all(_plain(v) for v in evidence.values()):
        return finding
    return attrs.evolve(finding, evidence={k: _clean(v) for k, v in evidence.items()})
