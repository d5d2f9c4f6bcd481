"""The text of a message parameter: numbers in the language's symbols (CLDR, from Babel),
dates, yes/no, and the plural form a count takes (see the package's docstring)."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from decimal import ROUND_HALF_EVEN, Decimal
from functools import lru_cache
from typing import Any

from babel import Locale
from babel.numbers import get_decimal_symbol, get_group_symbol

from ..model import StatedPercent

__all__ = ["PLURAL", "PLURAL_CATEGORIES", "format_value", "plural_category", "plural_forms"]

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


def _text(value: Any, is_year: bool, lang: str) -> str:
    """A parameter's text in a template: :func:`format_value`, except that a year is written
    as a year ("năm 2021"), never grouped as a count ("2.021")."""
    if is_year and type(value) is int:
        return str(value)
    return format_value(value, lang)


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
