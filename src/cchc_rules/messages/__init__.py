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

import string
import unicodedata
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

import attrs

from .prepared import Fill, Prepared, prepare
from .values import (
    PLURAL,
    PLURAL_CATEGORIES,
    _plural,
    _text,
    format_value,
    plural_category,
    plural_forms,
)

__all__ = [
    "LANGS",
    "PLURAL",
    "PLURAL_CATEGORIES",
    "Catalog",
    "Prepared",
    "core_catalog",
    "format_value",
    "plural_category",
    "plural_forms",
    "prepare",
]

LANGS = ("vi", "en")


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
        return self._filler(message_id, lang)[0](params or {})

    def _filler(self, message_id: str, lang: str) -> tuple[Fill, frozenset[str] | None]:
        """How ``message_id`` is filled in ``lang`` (what :meth:`render` does), and the names
        of the fields it fills: the prepared template's, or (no template, or one for
        ``str.format``) a function doing it the general way, with names ``None`` (any)."""
        by_lang = self.templates.get(lang)
        template = None if by_lang is None else by_lang.get(message_id)
        if template is None:
            template = self.template(message_id, lang)
        prepared = None if template is None else prepare(template, lang)
        if prepared is not None:
            return prepared.fill, prepared.names
        return _general(message_id, template, lang), None


def _general(message_id: str, template: str | None, lang: str) -> Fill:
    """The fill of a message :func:`prepare` leaves aside: without a template, its id and
    parameters (``id (k=v)``); else the template through ``str.format``."""

    def fill(params: Mapping[str, Any], defaults: Mapping[str, Any] | None = None, /) -> str:
        if defaults:
            params = {**defaults, **params}
        if template is not None:
            return _format(template, params, lang)
        # keys of any type (a plugin's params): ordered by their text, so that render never raises
        items = sorted(params.items(), key=lambda kv: (str(kv[0]), type(kv[0]).__name__))
        extra = ", ".join(f"{k}={format_value(_value(v), lang)}" for k, v in items)
        return f"{message_id} ({extra})" if extra else message_id

    return fill


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
