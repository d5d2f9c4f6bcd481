"""Every example note of the built-in rules and of the example plugin cchc-egov is written in
Vietnamese and English, so `cchc explain` and `cchc verify` show it in the language asked for."""

from __future__ import annotations

import unicodedata

import cchc_egov
import pytest

from cchc_rules import Rule
from cchc_rules.engine import Engine


def _rules() -> list[Rule]:
    builtin = list(Engine.default(entry_points=False).registry.rules.values())
    return builtin + list(cchc_egov.RULES)


NOTES = [
    pytest.param(rule, index, id=f"{rule.id}-examples[{index}]")
    for rule in _rules()
    for index, example in enumerate(rule.examples)
    if example.note
]


def test_the_rules_have_notes_to_check() -> None:
    ids = {rule.id for rule, _ in (p.values for p in NOTES)}
    assert {"DL007", "DL008", "EG001"} <= ids  # the quoted report phrases, the plugin's notes


@pytest.mark.parametrize(("rule", "index"), NOTES)
def test_each_note_is_in_both_languages(rule: Rule, index: int) -> None:
    note = rule.examples[index].note
    assert set(note) == {"vi", "en"}, f"{rule.id} examples[{index}] note: {note}"
    vi, en = note["vi"].strip(), note["en"].strip()
    assert vi and en
    assert vi != en, "the Vietnamese note is a copy of the English one"
    assert unicodedata.is_normalized("NFC", vi) and unicodedata.is_normalized("NFC", en)
