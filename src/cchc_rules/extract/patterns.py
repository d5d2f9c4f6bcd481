"""The phrase patterns of ``cchc extract``: loaded from ``patterns.toml`` (shipped) and from
plugins (hook ``cchc_register_extract_patterns``), checked and compiled.

A pattern set is plain data of the shape of ``patterns.toml``; :func:`compile_patterns` checks
every key and regular expression and raises :class:`PatternError` naming the pattern.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Mapping
from functools import lru_cache
from importlib import resources
from typing import Any

import attrs

from ..model import QUALIFIERS, RATE_BASES, SECTIONS
from ..vnparse import fold, nfc

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]

__all__ = [
    "CellPattern",
    "FigurePattern",
    "PatternError",
    "Patterns",
    "compile_patterns",
    "shipped_patterns",
    "tomllib",
]


class PatternError(ValueError):
    """A pattern set that cannot be used: which pattern and why."""


#: Words that bound a figure ("trên", "gần", "hơn", …; not those of an exact one such as "đạt").
_BOUNDING = sorted(
    {fold(w) for q, ws in QUALIFIERS.items() if q != "exact" for w in ws}, key=len, reverse=True
)
_QUALIFIER = "(?:(?:" + "|".join(re.escape(w) for w in _BOUNDING) + r")\s+)?"
#: A written number: digits with "." or "," marks, or number words.
NUMBER = (
    r"(?:\d[\d.,]*\d|\d|\b(?:mot|hai|ba|bon|nam|sau|bay|tam|chin|muoi)"
    r"(?:\s(?:muoi|mot|hai|ba|bon|tu|lam|nam|sau|bay|tam|chin|tram|linh|le|nghin|ngan))*)"
)
_END = r"(?![\d%/]|[.,]\d|\s?%)"
#: The characters a number (or a bounding word before it) can start with: a cheap first test.
_FIRST = "(?=[\\d" + "".join(sorted({w[0] for w in _BOUNDING} | set("mhbnstc"))) + "])"
LEVEL = (
    r"(?P<level>cap (?:tinh|thanh pho|huyen|quan|thi xa|thanh pho thuoc tinh|xa|phuong"
    r"|thi tran))"
)
GAP = r"(?:[^;.!?]|\.(?=\d)){0,80}?"
_MACRO = re.compile(r"\{(n|p|ratio|level|gap)\}")


@attrs.frozen
class FigurePattern:
    """One phrase pattern: which fields its values fill and where."""

    id: str
    section: str
    fields: tuple[str, ...]
    kinds: tuple[str, ...]  # "n" or "p" per field ("c" for a constant)
    regex: re.Pattern[str]
    set: Mapping[str, Any]
    values: tuple[Any, ...] | None
    within: re.Pattern[str] | None
    unless: re.Pattern[str] | None
    each: bool
    origin: str
    more: re.Pattern[str] | None = None
    fallback: bool = False
    needs: str = ""  # a literal every match contains: the pattern is skipped without it


@attrs.frozen
class CellPattern:
    """A table header or row label naming a field."""

    section: str
    field: str
    regex: re.Pattern[str]
    percent: str | None
    origin: str


@attrs.frozen
class Issuer:
    """A reporting body other than an Ủy ban nhân dân: the words naming it, its unit kind, and
    whether a mention in the text (not only the header) names the reporting unit."""

    kind: str
    regex: re.Pattern[str]
    in_text: bool


@attrs.frozen
class Patterns:
    """Everything the extractor matches with."""

    figures: tuple[FigurePattern, ...]
    cells: tuple[CellPattern, ...]
    categories: tuple[tuple[str, re.Pattern[str]], ...]
    procedure: Mapping[str, re.Pattern[str]]
    bases: tuple[tuple[str, re.Pattern[str]], ...] = ()
    issuers: tuple[Issuer, ...] = ()


def _expand(text: str, where: str) -> tuple[str, list[str]]:
    kinds: list[str] = []

    def repl(m: re.Match[str]) -> str:
        macro = m.group(1)
        if macro == "gap":
            return GAP
        if macro == "level":
            return LEVEL
        k = len(kinds)
        if macro == "n":
            kinds.append("n")
            return rf"{_FIRST}(?P<v{k}>{_QUALIFIER}{NUMBER}){_END}"
        if macro == "p":
            kinds.append("p")
            return rf"{_FIRST}(?P<v{k}>{_QUALIFIER}{NUMBER})\s?%"
        kinds.extend(("n", "n"))
        return rf"(?<![\d/])(?P<v{k}>{NUMBER})\s?/\s?(?P<v{k + 1}>{NUMBER})(?!\s?/\s?\d){_END}"

    return _MACRO.sub(repl, _fold_pattern(text)), kinds


def _fold_pattern(text: str) -> str:
    """Diacritics and non-ASCII capitals folded; ASCII (regex syntax) left as written."""
    return "".join(c if c.isascii() else fold(c) for c in nfc(text))


def _regex(text: Any, where: str) -> re.Pattern[str]:
    if not isinstance(text, str) or not text:
        raise PatternError(f"{where}: a regular expression (text) is required")
    expanded, _ = _expand(text, where)
    try:
        return re.compile(expanded)
    except re.error as exc:
        raise PatternError(f"{where}: {exc}") from None


def _figure(raw: Mapping[str, Any], origin: str, n: int) -> FigurePattern:
    where = f"{origin}: figure {raw.get('id', n)}"
    known = {
        "id",
        "section",
        "fields",
        "match",
        "set",
        "values",
        "within",
        "unless",
        "each",
        "more",
        "fallback",
    }
    if extra := set(raw) - known:
        raise PatternError(f"{where}: unknown keys {sorted(extra)}")
    section = str(raw.get("section"))
    if section not in SECTIONS or section == "references":
        raise PatternError(f"{where}: unknown section {section!r}")
    cls = SECTIONS[section].cls
    names = set(attrs.fields_dict(cls))
    fields = tuple(raw.get("fields") or ())
    for f in (*fields, *(raw.get("set") or {})):
        if f not in names:
            raise PatternError(f"{where}: section {section} has no field {f!r}")
    text = raw.get("match")
    if not isinstance(text, str):
        raise PatternError(f"{where}: 'match' is required")
    expanded, kinds = _expand(text, where)
    values = raw.get("values")
    if values is not None:
        if len(values) != len(fields) or kinds:
            raise PatternError(f"{where}: 'values' needs one value per field and no {{n}}")
        kinds = ["c"] * len(fields)
    elif not fields or not kinds or len(kinds) % len(fields):
        raise PatternError(f"{where}: {len(kinds)} value macros for {len(fields)} fields")
    try:
        regex = re.compile(expanded)
    except re.error as exc:
        raise PatternError(f"{where}: {exc}") from None
    return FigurePattern(
        id=str(raw.get("id", f"{origin}#{n}")),
        section=section,
        fields=fields,
        kinds=tuple(kinds),
        regex=regex,
        set=dict(raw.get("set") or {}),
        values=tuple(values) if values is not None else None,
        within=_regex(raw["within"], where) if raw.get("within") else None,
        unless=_regex(raw["unless"], where) if raw.get("unless") else None,
        each=bool(raw.get("each", False)),
        origin=origin,
        more=_more(raw.get("more"), len(kinds), where),
        fallback=bool(raw.get("fallback", False)),
        needs=required_literal(_fold_pattern(text)),
    )


def required_literal(pattern: str) -> str:
    """The longest run of plain words every match of ``pattern`` must contain, or "" when it
    cannot tell (an alternation at the top level); only a speed-up, never a condition."""
    pattern = _MACRO.sub("\x00", pattern)  # a macro breaks a run of words
    depth, runs, current, i = 0, [], "", 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            runs.append(current)
            current, i = "", i + 2
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            return ""
        if (depth == 0 and c.isalpha()) or (c == " " and depth == 0 and current):
            current += c
        else:
            if c in "?*{" and current:
                current = current[:-1]  # the character before a quantifier is optional
            runs.append(current)
            current = ""
        i += 1
    runs.append(current)
    best = max((r.strip() for r in runs), key=len, default="")
    return best if len(best) >= 4 else ""


def _more(text: Any, groups: int, where: str) -> re.Pattern[str] | None:
    """The regex of an item repeating the pattern's values after it (", " or " và " before)."""
    if text is None:
        return None
    expanded, kinds = _expand(text, where)
    if len(kinds) != groups:
        raise PatternError(f"{where}: 'more' needs {groups} value macros")
    try:
        return re.compile(r"(?:,\s*|\s+va\s+|;\s*)" + expanded)
    except re.error as exc:
        raise PatternError(f"{where}: {exc}") from None


def _cell(raw: Mapping[str, Any], origin: str, n: int) -> CellPattern:
    where = f"{origin}: cell {n}"
    section, field = str(raw.get("section")), str(raw.get("field"))
    if section not in SECTIONS or field not in attrs.fields_dict(SECTIONS[section].cls):
        raise PatternError(f"{where}: unknown field {section}.{field}")
    return CellPattern(section, field, _regex(raw.get("match"), where), raw.get("percent"), origin)


def compile_patterns(sets: Iterable[tuple[str, Mapping[str, Any]]]) -> Patterns:
    """Compile pattern sets given as ``(origin, data)``, earlier sets first (they win ties)."""
    figures: list[FigurePattern] = []
    cells: list[CellPattern] = []
    categories: list[tuple[str, re.Pattern[str]]] = []
    procedure: dict[str, re.Pattern[str]] = {}
    bases: list[tuple[str, re.Pattern[str]]] = []
    issuers: list[Issuer] = []
    for origin, data in sets:
        if not isinstance(data, Mapping):
            raise PatternError(f"{origin}: a pattern set is a table (mapping)")
        known = {"version", "figure", "cell", "category", "procedure", "base", "issuer"}
        if extra := set(data) - known:
            raise PatternError(f"{origin}: unknown keys {sorted(extra)}")
        figures.extend(_figure(r, origin, i) for i, r in enumerate(data.get("figure", ()), 1))
        cells.extend(_cell(r, origin, i) for i, r in enumerate(data.get("cell", ()), 1))
        for i, r in enumerate(data.get("category", ()), 1):
            if r.get("category") not in ("can_bo", "cong_chuc", "cong_chuc_cap_xa", "vien_chuc"):
                raise PatternError(f"{origin}: category {i}: unknown category")
            categories.append((r["category"], _regex(r.get("match"), f"{origin}: category {i}")))
        for key, text in (data.get("procedure") or {}).items():
            procedure.setdefault(key, _regex(text, f"{origin}: procedure.{key}"))
        for i, r in enumerate(data.get("base", ()), 1):
            if r.get("base") not in RATE_BASES:
                raise PatternError(f"{origin}: base {i}: unknown base {r.get('base')!r}")
            bases.append((r["base"], _regex(r.get("match"), f"{origin}: base {i}")))
        for i, r in enumerate(data.get("issuer", ()), 1):
            if not isinstance(r.get("kind"), str):
                raise PatternError(f"{origin}: issuer {i}: 'kind' (text) is required")
            regex = _regex(r.get("match"), f"{origin}: issuer {i}")
            issuers.append(Issuer(r["kind"], regex, bool(r.get("in_text", False))))
    return Patterns(
        tuple(figures),
        tuple(cells),
        tuple(categories),
        procedure,
        tuple(bases),
        tuple(issuers),
    )


@lru_cache(maxsize=1)
def shipped_data() -> Mapping[str, Any]:
    """The patterns shipped in the package, as data."""
    text = resources.files("cchc_rules.extract").joinpath("patterns.toml").read_text("utf-8")
    data: Mapping[str, Any] = tomllib.loads(text)
    return data


@lru_cache(maxsize=1)
def shipped_patterns() -> Patterns:
    """The shipped patterns, compiled (cached)."""
    return compile_patterns([("cchc_rules/extract/patterns.toml", shipped_data())])
