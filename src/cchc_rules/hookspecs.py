"""The hooks a cchc-rules plugin can implement. Every one is prefixed ``cchc_``.

Each hook receives a ``register`` callback: the host keeps control of what is registered and
attributes it to the plugin, so one plugin's bad registration never affects another's. The
built-in rule families and output formats use exactly these hooks.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    from .law import LegalBasis
    from .national import NationalDocument
    from .render import Renderer
    from .rule import Rule

__all__ = ["PROJECT", "hookimpl", "hookspec"]

PROJECT = "cchc"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def cchc_register_rules(register: Callable[[Rule], None]) -> None:
    """Register rules.

    :param register: call it once per :class:`~cchc_rules.Rule`. A rule id already registered by
        another plugin is reported as an error naming both plugins, and the second is not used.

    Example::

        @hookimpl
        def cchc_register_rules(register):
            register(my_rule)
    """


@hookspec
def cchc_register_renderers(register: Callable[[Renderer], None]) -> None:
    """Register output formats for reports (``cchc check --format NAME``).

    :param register: call it once per :class:`~cchc_rules.Renderer`.

    Example::

        @hookimpl
        def cchc_register_renderers(register):
            register(Renderer(name="txt", extension=".txt", render=render_txt))
    """


@hookspec
def cchc_register_legal_bases(register: Callable[[LegalBasis], None]) -> None:
    """Register legal bases that rules cite by topic (a basis with a known id replaces it).

    :param register: call it once per :class:`~cchc_rules.LegalBasis`.

    Example::

        @hookimpl
        def cchc_register_legal_bases(register):
            register(LegalBasis(id="qd-12-2024-hp", number="12/2024/QĐ-UBND", kind="quyet_dinh",
                                in_force_from=date(2024, 5, 1), topics=("local_targets",)))
    """


@hookspec
def cchc_register_documents(register: Callable[[NationalDocument], None]) -> None:
    """Register national documents with their verified dates (used to check citations).

    :param register: call it once per :class:`~cchc_rules.NationalDocument`.

    Example::

        @hookimpl
        def cchc_register_documents(register):
            register(NationalDocument(number="02/NQ-CP", date=date(2023, 1, 6), title="…"))
    """


@hookspec
def cchc_register_extract_patterns(register: Callable[[Mapping[str, Any]], None]) -> None:
    """Register phrase patterns for ``cchc extract`` (the shape of its ``patterns.toml``).

    :param register: call it with one pattern set (a mapping with ``figure``, ``cell``,
        ``category`` or ``procedure`` entries); its patterns win ties over the shipped ones.

    Example::

        @hookimpl
        def cchc_register_extract_patterns(register):
            register({"figure": [{"id": "hp.received", "section": "dossiers",
                                  "fields": ["received"], "match": "tiep nhan tong {n} bo ho so"}]})
    """


@hookspec
def cchc_register_messages(register: Callable[[str, Mapping[str, str]], None]) -> None:
    """Register message templates beyond those a rule declares (``{id: template}`` per language).

    :param register: call it as ``register(lang, {message_id: template, ...})``.

    Example::

        @hookimpl
        def cchc_register_messages(register):
            register("vi", {"myplugin.note": "Ghi chú: {text}"})
            register("en", {"myplugin.note": "Note: {text}"})
    """
