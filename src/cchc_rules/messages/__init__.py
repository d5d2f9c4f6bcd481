"""Message catalogues (Vietnamese, English) and the formatting of figures in them.

Templates use ``str.format`` fields named after a finding's evidence (bare ``{name}``: values
arrive formatted). Numbers use the language's symbols from Babel's CLDR data with the pattern
``#,##0.##`` (``3.008`` and ``98,69`` in Vietnamese; ``3,008`` and ``98.69`` in English),
dates as ``dd/mm/yyyy`` in both; a missing template falls back to English, then to the id.
A count's word takes the language's plural form with ``{n:plural|one=worker|other=workers}``
(CLDR rules from Babel; a category not given falls back to ``other``: Vietnamese does not
inflect, so its templates need none).
"""

from __future__ import annotations

import datetime as _dt
import string
import unicodedata
from collections.abc import Mapping
from decimal import ROUND_HALF_EVEN, Decimal
from functools import lru_cache
from typing import Any, Protocol

import attrs
from babel import Locale
from babel.numbers import get_decimal_symbol, get_group_symbol

from ..model import StatedPercent

__all__ = [
    "LANGS",
    "PLURAL",
    "Catalog",
    "core_catalog",
    "format_value",
    "plural_category",
    "plural_forms",
]

LANGS = ("vi", "en")
_CENT = Decimal("0.01")


@lru_cache(maxsize=8)
def _symbols(lang: str) -> dict[int, str]:
    """The locale's group and decimal symbols (from Babel's CLDR data), as a translation table."""
    locale = "vi" if lang == "vi" else "en"
    return {ord(","): get_group_symbol(locale), ord("."): get_decimal_symbol(locale)}


#: Formatted numbers, by type, then language, then value: the same figures recur across units
#: (the type is part of the key: ``2**60`` and ``float(2**60)`` are equal but print differently).
_NUMBERS: dict[type, dict[str, dict[Any, str]]] = {int: {}, float: {}, Decimal: {}}
_CACHED_NUMBERS = 100_000


def _number(value: float | int | Decimal, lang: str) -> str:
    """Format with the pattern ``#,##0.##`` in the language's symbols (3.008; 98,69)."""
    kind = type(value)
    if kind not in _NUMBERS or (isinstance(value, Decimal) and not value.is_finite()):
        return _format_number(value, lang)  # a subclass, or a NaN that cannot be a key
    cache = _cache(kind, lang)
    text = cache.get(value)
    if text is None:
        text = _format_number(value, lang)
        if len(cache) < _CACHED_NUMBERS:
            cache[value] = text
    return text


def _cache(kind: type, lang: str) -> dict[Any, str]:
    """The cache of formatted numbers of type ``kind`` in ``lang``."""
    by_lang = _NUMBERS[kind]
    cache = by_lang.get(lang)
    if cache is None:
        cache = by_lang[lang] = {}
    return cache


def _format_number(value: float | int | Decimal, lang: str) -> str:
    if isinstance(value, int):
        text = f"{value:,}"
    else:
        exact = Decimal(repr(value)) if isinstance(value, float) else value
        try:
            text = f"{exact.quantize(_CENT, rounding=ROUND_HALF_EVEN):,f}"
        except ArithmeticError:  # beyond the decimal context (an absurd figure): still show it
            text = f"{exact:,.2f}"
        text = text.rstrip("0").rstrip(".") if "." in text else text
        if text == "-0":
            text = "0"
    return text.translate(_symbols(lang))


def format_value(value: Any, lang: str) -> str:
    """Format one message parameter for ``lang``."""
    kind = type(value)
    if kind is str:  # the usual cases first
        return str(value)
    if kind is int or kind is float:
        return _number(value, lang)
    if value is None:
        return "—"
    if isinstance(value, bool):
        return ("có" if value else "không") if lang == "vi" else ("yes" if value else "no")
    if isinstance(value, (int, float, Decimal)):
        return _number(value, lang)
    if isinstance(value, StatedPercent):  # as written: its own decimals, the language's symbols
        return f"{value.value:,f}".translate(_symbols(lang))
    if isinstance(value, _dt.date):
        return f"{value.day:02d}/{value.month:02d}/{value.year}"
    if isinstance(value, (list, tuple)):
        return ", ".join(format_value(v, lang) for v in value)
    return str(value)


class _Missing(str):
    """A parameter the template names but the finding does not give: shown as ``{name}``,
    whatever its format spec."""

    __slots__ = ()

    def __format__(self, spec: str) -> str:
        return str(self)


class _Params(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return _Missing("{" + key + "}")


@attrs.define
class Catalog:
    """Templates per language, keyed by message id."""

    templates: dict[str, dict[str, str]] = attrs.field(factory=lambda: {lang: {} for lang in LANGS})

    def add(self, lang: str, templates: Mapping[str, str]) -> None:
        self.templates.setdefault(lang, {}).update(
            {k: unicodedata.normalize("NFC", v) for k, v in templates.items()}
        )

    def has(self, message_id: str, lang: str) -> bool:
        return message_id in self.templates.get(lang, {})

    def template(self, message_id: str, lang: str) -> str | None:
        t = self.templates.get(lang, {}).get(message_id)
        if t is None and lang != "en":
            t = self.templates.get("en", {}).get(message_id)
        return t

    def render(self, message_id: str, params: Mapping[str, Any] | None, lang: str) -> str:
        """The message in ``lang`` with its parameters formatted; never raises.

        Only the parameters the template names are formatted. Callables among ``params`` are
        called (once) when the template names them, so a costly value is built only if used.
        """
        if not isinstance(lang, str):
            raise TypeError(f"lang must be a language code (vi, en), not {type(lang).__name__}")
        if params is not None and type(params) is not dict and not isinstance(params, Mapping):
            raise TypeError(f"params must be a mapping or None, not {type(params).__name__}")
        by_lang = self.templates.get(lang)
        template = None if by_lang is None else by_lang.get(message_id)
        if template is None:
            template = self.template(message_id, lang)
        params = params or {}
        if template is None:
            extra = ", ".join(
                f"{k}={format_value(_value(v), lang)}" for k, v in sorted(params.items())
            )
            return f"{message_id} ({extra})" if extra else message_id
        prepared = prepare(template, lang)
        if prepared is not None:
            return prepared.fill(params)
        return _format(template, params, lang)


def _format(template: str, params: Mapping[str, Any], lang: str) -> str:
    """``template`` with ``params`` through ``str.format``: what :meth:`Prepared.fill` gives,
    for any template (a spec, a conversion, an attribute of a field...)."""
    compiled = _compile(template)
    values: dict[str, Any] = _Params()
    for name, is_year, counted in compiled:
        if name not in params:  # shown as {name}
            continue
        raw = params[name]
        if callable(raw):
            raw = raw()
        text = _text(raw, is_year, lang)
        values[name] = _Counted(raw, text, lang) if counted else text
    try:
        return template.format_map(values)
    except (ValueError, IndexError, KeyError, AttributeError):
        return template


def _text(value: Any, is_year: bool, lang: str) -> str:
    """A parameter's text in a template: :func:`format_value`, except that a year is written
    as a year ("năm 2021"), never grouped as a count ("2.021")."""
    if is_year and type(value) is int:
        return str(value)
    return format_value(value, lang)


#: A parameter a template names but is not given.
_ABSENT: Any = object()


class Fill(Protocol):
    """:attr:`Prepared.fill`."""

    def __call__(
        self, params: Mapping[str, Any], defaults: Mapping[str, Any] | None = None, /
    ) -> str: ...


@attrs.frozen(eq=False)
class Prepared:
    """A template made ready to render many times.

    ``fill(params, defaults=None)`` gives the message with ``params`` (then ``defaults``) in its
    fields: exactly what :meth:`Catalog.render` gives (a field given by neither is shown as
    ``{name}``; callables are called once), by a function made for the template
    (:func:`_filler`) that formats the usual values (text, integers) itself.
    """

    lang: str
    #: Each distinct field, in order: its name, whether it names a year.
    fields: tuple[tuple[str, bool], ...]
    #: The text between the fields (one more than ``slots``).
    literals: tuple[str, ...]
    #: Each field shown, in order: its index in ``fields``, and its plural forms (``None``: the
    #: field's text).
    slots: tuple[tuple[int, Mapping[str, str] | None], ...]
    fill: Fill = attrs.field(init=False)

    @property
    def names(self) -> frozenset[str]:
        """The names of the fields."""
        return frozenset(name for name, _ in self.fields)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "fill", _filler(self))


@lru_cache(maxsize=4096)
def prepare(template: str, lang: str) -> Prepared | None:
    """``template`` made ready for :attr:`Prepared.fill`, or ``None`` if it has a field that
    is not a bare name, shown as text or in its plural forms (``{n:plural|…}``): such templates
    go through ``str.format``."""
    fields: dict[str, int] = {}
    literals: list[str] = []
    slots: list[tuple[int, Mapping[str, str] | None]] = []
    try:
        for literal, name, spec, conversion in string.Formatter().parse(template):
            if len(literals) > len(slots):  # two literals in a row ("{{" is one)
                literals[-1] += literal
            else:
                literals.append(literal)
            if name is None:
                continue
            if not name.isidentifier() or conversion or (spec and "{" in spec):
                return None
            forms = None
            if spec:
                if not spec.startswith(PLURAL):
                    return None
                forms = plural_forms(spec)
            slots.append((fields.setdefault(name, len(fields)), forms))
    except ValueError:  # a malformed template or plural spec
        return None
    if len(literals) == len(slots):
        literals.append("")
    return Prepared(
        lang=lang,
        fields=tuple((name, name.endswith("year")) for name in fields),
        literals=tuple(literals),
        slots=tuple(slots),
    )


def _filler(prepared: Prepared) -> Fill:
    """The function filling ``prepared``'s fields: per field, its value looked up once, its
    text made inline when the value is a string or (but in a year) an integer, else by
    :func:`_field`; the message joined in one f-string. Generated from the template's shape
    only: the names and texts of the template are constants of the function, never code."""
    scope: dict[str, Any] = {
        "A": _ABSENT,
        "ints": _cache(int, prepared.lang),
        "number": _number,
        "field": _field,
        "plural": _plural,
        "lang": prepared.lang,
    }
    lines = ["def fill(params, defaults=None, /):", "    get = params.get"]
    for i, (name, is_year) in enumerate(prepared.fields):
        scope[f"N{i}"] = name
        lines += [f"    v{i} = get(N{i}, A)", f"    k = type(v{i})"]
        if not is_year:  # a year is written as a year, never grouped: see _text
            lines += ["    if k is int:", f"        t{i} = ints.get(v{i}) or number(v{i}, lang)"]
        lines += [
            f"    {'elif' if not is_year else 'if'} k is str:",
            f"        t{i} = v{i}",
            "    else:",
            f"        v{i}, t{i} = field(N{i}, v{i}, {is_year}, defaults, lang)",
        ]
    parts = []
    for j, (i, forms) in enumerate(prepared.slots):
        scope[f"L{j}"] = prepared.literals[j]
        scope[f"F{j}"] = forms
        parts.append(f"{{L{j}}}")
        if forms is None:
            parts.append(f"{{t{i}}}")
        else:
            parts.append(f"{{t{i} if v{i} is A else plural(F{j}, v{i}, lang)}}")
    last = len(prepared.slots)
    scope[f"L{last}"] = prepared.literals[last]
    parts.append(f"{{L{last}}}")
    lines.append(f'    return f"{"".join(parts)}"')
    exec("\n".join(lines), scope)  # generated from the template's shape (see the docstring)
    fill: Fill = scope["fill"]
    return fill


def _field(
    name: str, raw: Any, is_year: bool, defaults: Mapping[str, Any] | None, lang: str
) -> tuple[Any, str]:
    """A field's value (taken from ``defaults`` if ``raw`` is absent; called if callable) and
    its text (``{name}`` if absent from both)."""
    if raw is _ABSENT and defaults is not None:
        raw = defaults.get(name, _ABSENT)
    if raw is _ABSENT:
        return raw, "{" + name + "}"
    if callable(raw):
        raw = raw()
    return raw, _text(raw, is_year, lang)


#: A field of a template: its name, whether it names a year, whether the template takes its
#: plural form (``{n:plural|…}``).
_Field = tuple[str, bool, bool]


@lru_cache(maxsize=4096)
def _compile(template: str) -> tuple[_Field, ...]:
    """A template's fields (for templates :func:`prepare` leaves to ``str.format``)."""
    counted = _counted(template)
    return tuple((name, name.endswith("year"), name in counted) for name in _fields(template))


def _counted(template: str) -> frozenset[str]:
    """The fields whose plural form the template takes."""
    try:
        return frozenset(
            name.split(".")[0].split("[")[0]
            for _, name, spec, _ in string.Formatter().parse(template)
            if name and spec and spec.startswith(PLURAL)
        )
    except ValueError:
        return frozenset()


class _Counted:
    """A parameter of a template with plural forms: ``{n}`` is its formatted text and
    ``{n:plural|one=worker|other=workers}`` the form the language's plural rule (CLDR, from
    Babel) gives for ``n``."""

    __slots__ = ("lang", "text", "value")

    def __init__(self, value: Any, text: str, lang: str) -> None:
        self.value, self.text, self.lang = value, text, lang

    def __format__(self, spec: str) -> str:
        if spec.startswith(PLURAL):
            return _plural(plural_forms(spec), self.value, self.lang)
        return format(self.text, spec)


def _plural(forms: Mapping[str, str], value: Any, lang: str) -> str:
    """The form of ``forms`` that ``value``'s plural category in ``lang`` takes (else
    ``other``'s)."""
    return forms.get(plural_category(value, lang), forms.get("other", ""))


#: How a template field starts its plural forms: ``{count:plural|one=…|other=…}``.
PLURAL = "plural|"
#: The plural categories of CLDR.
PLURAL_CATEGORIES = ("zero", "one", "two", "few", "many", "other")


@lru_cache(maxsize=1024)
def plural_forms(spec: str) -> dict[str, str]:
    """``"plural|one=worker|other=workers"`` → ``{"one": "worker", "other": "workers"}``;
    raise ValueError on a malformed spec (an unknown category, no ``other``)."""
    forms: dict[str, str] = {}
    for part in spec[len(PLURAL) :].split("|"):
        category, sep, text = part.partition("=")
        category = category.strip()
        if not sep or category not in PLURAL_CATEGORIES:
            raise ValueError(
                f"plural form {part!r}: write CATEGORY=text, CATEGORY one of "
                + ", ".join(PLURAL_CATEGORIES)
            )
        forms[category] = text
    if "other" not in forms:
        raise ValueError(f"plural forms {spec!r} have no 'other' form")
    return forms


def plural_category(value: Any, lang: str) -> str:
    """The CLDR plural category of ``value`` in ``lang`` (``one``/``other`` in English);
    ``other`` for what is not a number."""
    kind = type(value)
    if kind is not int and kind is not float:
        if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
            return "other"
        return _category(value, lang)
    key = (kind, value, lang)
    category = _CATEGORIES.get(key)
    if category is None:
        category = _category(value, lang)
        if len(_CATEGORIES) < 100_000:
            _CATEGORIES[key] = category
    return category


def _category(value: float | Decimal, lang: str) -> str:
    number = value if value >= 0 else -value
    return str(_locale(lang).plural_form(number))


#: Plural categories, by (type, value, language): the same counts recur across units.
_CATEGORIES: dict[tuple[type, Any, str], str] = {}


@lru_cache(maxsize=8)
def _locale(lang: str) -> Locale:
    return Locale.parse("vi" if lang == "vi" else "en")


def _value(value: Any) -> Any:
    return value() if callable(value) else value


@lru_cache(maxsize=4096)
def _fields(template: str) -> tuple[str, ...]:
    """The field names a template uses (``{used}/{quota}`` → ``("used", "quota")``)."""
    try:
        return tuple(
            {
                name.split(".")[0].split("[")[0]: None
                for _, name, _, _ in string.Formatter().parse(template)
                if name
            }
        )
    except ValueError:
        return ()


@lru_cache(maxsize=1)
def core_catalog() -> Catalog:
    """The core's own messages (data and config errors, labels), for output made without an
    engine. Shared: do not add to it."""
    from .core import EN, VI

    catalog = Catalog()
    catalog.add("vi", VI)
    catalog.add("en", EN)
    return catalog
