"""No English label in the Vietnamese output of any command an inspector reads: rules, explain
(every rule), plugins, law, config and the check table. Rule ids, plugin names, data field names
and paths, URLs and the data of examples are identifiers and stay as they are."""

from __future__ import annotations

import re

import pytest

from cchc_rules import Engine
from cchc_rules.cli.main import main

from _support import EXAMPLES

#: English words that only an untranslated label or value would put in Vietnamese output (words
#: that are also Vietnamese syllables without diacritics — "to", "in", "no", "on" — are left out).
ENGLISH = frozenset(
    (
        "and",
        "or",
        "of",
        "is",
        "for",
        "with",
        "from",
        "not",
        "by",
        "the",
        "this",
        "that",
        "none",
        "only",
        "family",
        "severity",
        "error",
        "warning",
        "info",
        "version",
        "origin",
        "rules",
        "rule",
        "location",
        "title",
        "source",
        "policy",
        "default",
        "basis",
        "example",
        "examples",
        "parameter",
        "parameters",
        "period",
        "triggers",
        "trigger",
        "skipped",
        "builtin",
        "entry",
        "point",
        "module",
        "object",
        "threshold",
        "target",
        "legal",
        "cited",
        "issued",
        "amends",
        "force",
        "programme",
        "binding",
        "findings",
        "finding",
        "unit",
        "units",
        "summary",
        "waived",
        "data",
        "used",
    )
)

#: Identifiers: URLs, paths, rule ids, plugin names, dotted or snake_case names, quoted values,
#: the JSON of examples, and the "Plugin" loanword used throughout the Vietnamese interface.
_IDENTIFIERS = re.compile(
    r"https?://\S+|<[^>]*>|/\S+|\{.*\}|\[\{.*\}\]|\"[^\"]*\"|“[^”]*”|`[^`]*`|@\w+\(.*\)"
    r"|\b[A-Za-z][\w-]*[._]\w[\w.-]*\b|\b[A-Z]{2}\d{3}\b|\bPlugin\b|\bplugin\b"
)
_WORD = re.compile(r"[A-Za-z]+")


def english_words(text: str) -> set[str]:
    """English label words left in ``text`` once identifiers are removed."""
    rest = _IDENTIFIERS.sub(" ", text)
    return {w for w in _WORD.findall(rest) if w.lower() in ENGLISH}


def output(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    main([*args, "--lang", "vi"])
    out, err = capsys.readouterr()
    return out + err


RULES = sorted(Engine.default(entry_points=True, env={}).registry.rules)


@pytest.fixture(autouse=True)
def _wide(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "400")
    monkeypatch.delenv("CCHC_LANG", raising=False)


def test_the_checker_finds_english_labels() -> None:
    assert english_words("Nhóm: staffing   Mức độ: error") == {"error"}
    assert english_words("┃ ID ┃ family ┃ severity ┃") == {"family", "severity"}
    assert english_words("không báo cáo số liệu (resolved_on_time, received)") == set()
    assert english_words('  [phát hiện] {"kind": "quan", "title": "x"}') == set()


@pytest.mark.parametrize(
    "args",
    [
        ("rules",),
        ("plugins",),
        ("law",),
        ("law", "--on", "2025-07-01"),
        ("config",),
        ("check", str(EXAMPLES / "le-chan-2022-h1.toml")),
        ("check", str(EXAMPLES / "hai-an-demo-2025-h2.toml")),
    ],
    ids=lambda a: " ".join(a[:1]) if len(a) == 1 else f"{a[0]}-{a[-1].rsplit('/', 1)[-1]}",
)
def test_command_output_has_no_english_label(capsys, args) -> None:
    text = output(capsys, *args)
    assert text.strip()
    assert english_words(text) == set(), text


@pytest.mark.parametrize("rule_id", RULES)
def test_explain_has_no_english_label(capsys, rule_id) -> None:
    text = output(capsys, "explain", rule_id)
    assert rule_id in text
    assert english_words(text) == set(), text
