"""Message catalogues: every message exists in Vietnamese and English, in NFC, with the same
placeholders; figures are formatted per language."""

from __future__ import annotations

import datetime as dt
import string
import unicodedata
from decimal import Decimal

import pytest

from cchc_rules import StatedPercent
from cchc_rules.messages import Catalog, format_value
from cchc_rules.messages.core import EN, VI

from _support import engine


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_core_catalogue_has_both_languages_with_the_same_placeholders():
    assert set(VI) == set(EN)
    for key in VI:
        assert fields(VI[key]) == fields(EN[key]), key
        assert unicodedata.is_normalized("NFC", VI[key]), key


def test_every_rule_message_exists_in_both_languages_with_the_same_placeholders():
    for rule in engine().registry.rules.values():
        for key, texts in rule.messages.items():
            assert set(texts) >= {"vi", "en"}, (rule.id, key)
            assert fields(texts["vi"]) == fields(texts["en"]), (rule.id, key)
            assert unicodedata.is_normalized("NFC", texts["vi"]), (rule.id, key)
        assert set(rule.title) >= {"vi", "en"}, rule.id


@pytest.mark.parametrize(
    ("value", "vi", "en"),
    [
        (3008, "3.008", "3,008"),
        (229571, "229.571", "229,571"),
        (98.6897, "98,69", "98.69"),
        (85.4, "85,4", "85.4"),
        (100.0, "100", "100"),
        (Decimal("1234567.5"), "1.234.567,5", "1,234,567.5"),
        (StatedPercent.parse("98,70"), "98,70", "98.70"),
        (dt.date(2022, 1, 6), "06/01/2022", "06/01/2022"),
        (True, "có", "yes"),
        (None, "—", "—"),
        (("a", 2000), "a, 2.000", "a, 2,000"),
        (-2.3e176, None, None),  # absurd figures still format, never raise
    ],
)
def test_figures_are_formatted_per_language(value, vi, en):
    if vi is None:
        assert format_value(value, "vi")
        return
    assert format_value(value, "vi") == vi
    assert format_value(value, "en") == en


def test_render_falls_back_and_never_raises():
    cat = Catalog()
    cat.add("en", {"x.a": "{n} things", "x.bad": "{n:>{w}} oops"})
    assert cat.render("x.a", {"n": 1200}, "vi") == "1.200 things"  # English fallback
    assert cat.render("x.missing", {"n": 1}, "en") == "x.missing (n=1)"
    assert cat.render("x.bad", {"n": 1}, "en") == "{n:>{w}} oops"
    assert cat.render("x.a", {}, "en") == "{n} things"


def test_an_unknown_message_with_keys_of_mixed_types_is_still_rendered() -> None:
    """``render`` never raises: a plugin's params with int and str keys are listed by their
    text (sorting the keys themselves raised TypeError)."""
    text = Catalog().render("X.unknown", {2: "b", "a": 1, 10: None}, "en")
    assert text == "X.unknown (10=—, 2=b, a=1)"
