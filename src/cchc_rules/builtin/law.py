"""Registers the shipped legal bases and national documents (``cchc_rules/law/*.toml``)."""

from __future__ import annotations

from collections.abc import Callable

from cchc_rules import LegalBasis, NationalDocument, hookimpl, shipped_bases, shipped_documents


@hookimpl
def cchc_register_legal_bases(register: Callable[[LegalBasis], None]) -> None:
    for basis in shipped_bases():
        register(basis)


@hookimpl
def cchc_register_documents(register: Callable[[NationalDocument], None]) -> None:
    for doc in shipped_documents():
        register(doc)
