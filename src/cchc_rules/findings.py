"""Findings, skips and rule errors: the frozen data a run produces.

A finding stores a message *id* and the figures it was computed from; prose is rendered only when a
report is written, in the report's language.
"""

from __future__ import annotations

import enum
import hashlib
import importlib
import unicodedata
from collections.abc import Callable, Mapping
from functools import lru_cache
from operator import attrgetter
from typing import Any

import attrs

from ._slots import sets_only_slots

__all__ = ["Finding", "RuleError", "Severity", "Skip", "subject_key"]


def _builtin_sha256() -> Callable[[bytes], Any]:
    """CPython's own SHA-256 (the same digest): for a few bytes, faster than OpenSSL's."""
    for module in ("_sha2", "_sha256"):  # Python 3.12 on, before
        try:
            return importlib.import_module(module).sha256  # type: ignore[no-any-return]
        except (ImportError, AttributeError):
            continue
    return hashlib.sha256  # pragma: no cover - a build without it


_sha256 = _builtin_sha256()


class Severity(enum.IntEnum):
    """How serious a finding is; ordered, so ``severity >= Severity.WARNING`` works."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        """The lowercase name used in reports and configuration (``"warning"``)."""
        return _LABELS[self]

    @classmethod
    def parse(cls, value: str | Severity) -> Severity:
        """Read ``"error"``, ``"warning"`` or ``"info"`` (any case); raise ValueError otherwise."""
        if isinstance(value, Severity):
            return value
        if type(value) is str and value in _BY_LABEL:  # the usual spelling, as it is
            return _BY_LABEL[value]
        try:
            return cls[str(value).strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {value!r}: use error, warning or info") from None

    def __str__(self) -> str:
        return self.label


#: ``Severity.parse`` of the lowercase labels, looked up before anything else.
_BY_LABEL: dict[str, Severity] = {s.name.lower(): s for s in Severity}
#: Each severity's label (read per finding when a report is counted and written).
_LABELS: dict[int, str] = {s: label for label, s in _BY_LABEL.items()}


def subject_key(subject: str) -> str:
    """The key that identifies a subject across runs: NFC, casefolded, spaces collapsed."""
    return _subject_key(subject) if subject != "" else ""


@lru_cache(maxsize=8192)  # names recur across units (the same national procedures)
def _subject_key(subject: str) -> str:
    """:func:`subject_key`, cached: the subjects of a run's findings recur across units."""
    return " ".join(unicodedata.normalize("NFC", subject).casefold().split())


@attrs.frozen(slots=True)
class Finding:
    """One thing an inspector should look at.

    ``subject`` names what inside the unit it is about (a procedure, a staffing block, a
    citation; empty for the unit as a whole) and ``key`` is its stable identity; ``message`` is a
    message id rendered with ``evidence`` as parameters; ``basis`` holds legal-basis ids.
    """

    rule: str
    family: str
    severity: Severity
    unit: str
    message: str
    subject: str = ""
    key: str = ""
    evidence: Mapping[str, Any] = attrs.field(factory=dict)
    basis: tuple[str, ...] = ()

    @property
    def fingerprint(self) -> str:
        """Identifies "the same finding" across runs, files, languages and orderings."""
        raw = f"{self.rule}\x1f{self.unit}\x1f{self.key}".encode()
        digest: str = _sha256(raw).hexdigest()
        return digest[:16]

    def sort_key(self) -> tuple[str, str, str, str]:
        return FINDING_ORDER(self)


@attrs.frozen(slots=True)
class Skip:
    """A rule that could not run on a unit (or one subject of it), with the reason."""

    rule: str
    unit: str
    reason: str
    params: Mapping[str, Any] = attrs.field(factory=dict)
    subject: str = ""

    def sort_key(self) -> tuple[str, str, str, str]:
        return SKIP_ORDER(self)


@attrs.frozen(slots=True)
class RuleError:
    """A rule that raised, hung or returned something that is not a finding."""

    rule: str
    plugin: str
    unit: str
    message: str
    params: Mapping[str, Any] = attrs.field(factory=dict)

    def sort_key(self) -> tuple[str, str, str, str]:
        return ERROR_ORDER(self)


def slot_constructor(cls: type) -> Callable[..., Any]:
    """A constructor of the frozen attrs class ``cls`` taking every field positionally, that sets
    each slot straight (what ``__init__`` does, minus its per-field name lookups): for
    ``Context.finding`` and ``Context.skip``, which give every value. Refused for a class with
    validators, converters, hooks or fields outside ``__init__``, whose ``__init__`` does more."""
    names = [a.name for a in attrs.fields(cls)]
    if not sets_only_slots(cls, names):
        raise TypeError(f"{cls.__name__}.__init__ does more than set its slots")
    scope: dict[str, Any] = {"_new": object.__new__, "_cls": cls}
    scope.update({f"_set_{name}": getattr(cls, name).__set__ for name in names})
    body = "".join(f"    _set_{name}(o, {name})\n" for name in names)
    source = f"def make({', '.join(names)}):\n    o = _new(_cls)\n{body}    return o\n"
    exec(compile(source, f"<slot constructor {cls.__qualname__}>", "exec"), scope)
    make: Callable[..., Any] = scope["make"]
    make.__doc__ = f"A {cls.__name__} of every field, given in order."
    return make


#: A :class:`Finding` / :class:`Skip` of all fields, given in order (``Context.finding``/``skip``).
make_finding: Callable[..., Finding] = slot_constructor(Finding)
make_skip: Callable[..., Skip] = slot_constructor(Skip)

#: The report's order of findings, skips and rule errors (their ``sort_key``), read in C when a
#: run sorts its results.
FINDING_ORDER = attrgetter("unit", "rule", "key", "message")
SKIP_ORDER = attrgetter("unit", "rule", "subject", "reason")
ERROR_ORDER = attrgetter("unit", "rule", "plugin", "message")
