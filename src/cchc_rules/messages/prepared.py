"""Templates made ready to render many times (a finding's message, per finding): what
:meth:`Catalog.render <cchc_rules.messages.Catalog.render>` does, for templates whose fields
are bare names or plural forms, in a function made per template."""

from __future__ import annotations

import string
from collections.abc import Mapping
from functools import lru_cache
from typing import Any, Protocol

import attrs

from .values import PLURAL, _cache, _number, _plural, _text, plural_forms

__all__ = ["Fill", "Prepared", "prepare"]

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
    (:func:`_filler`) that formats the usual values (text, numbers) itself.
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
    #: The names of the fields.
    names: frozenset[str] = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "fill", _filler(self))
        object.__setattr__(self, "names", frozenset(name for name, _ in self.fields))


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
    text made inline when the value is a string or (but in a year) a number, else by
    :func:`_field`; the message joined in one f-string. Generated from the template's shape
    only: the names and texts of the template are constants of the function, never code."""
    scope: dict[str, Any] = {
        "A": _ABSENT,
        "ints": _cache(int, prepared.lang),
        "floats": _cache(float, prepared.lang),
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
            lines += [
                "    if k is int:",
                f"        t{i} = ints.get(v{i}) or number(v{i}, lang)",
                "    elif k is float:",
                f"        t{i} = floats.get(v{i}) or number(v{i}, lang)",
            ]
        lines += [
            f"    {'elif' if not is_year else 'if'} k is str:",
            f"        t{i} = v{i}",
            "    else:",
            f"        v{i}, t{i} = field(N{i}, v{i}, {is_year}, defaults, lang)",
        ]
    parts = []
    for j, (i, forms) in enumerate(prepared.slots):
        scope[f"L{j}"], scope[f"F{j}"] = prepared.literals[j], forms
        parts.append(f"{{L{j}}}" if prepared.literals[j] else "")
        if forms is None:
            parts.append(f"{{t{i}}}")
        else:
            parts.append(f"{{t{i} if v{i} is A else plural(F{j}, v{i}, lang)}}")
    last = len(prepared.slots)
    scope[f"L{last}"] = prepared.literals[last]
    parts.append(f"{{L{last}}}" if prepared.literals[last] else "")
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
