"""No English label in the Vietnamese output of any command an inspector reads: rules, explain
(every rule), plugins, law, config and the check table. Rule ids, plugin names, data field names
and paths, URLs and the data of examples are identifiers and stay as they are."""

from __future__ import annotations

import re

import pytest

from cchc_rules import Engine
from cchc_rules.cli.main import build_parser, main
from cchc_rules.cli.parser import translate
from cchc_rules.config import FAIL_ON

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
    r"|\b[A-Za-z][\w-]*[._]\w[\w.-]*\b|\b[A-Z]{2}\d{3}\b|\bPlugin\b|\bplugin\b|\b\w+=\([^)]*\)"
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


# --- argparse's own words: usage, group titles, -h, usage errors -----------------------------

COMMANDS = sorted(build_parser()._subparsers._group_actions[0].choices)  # type: ignore[union-attr]

#: What argparse prints in English unless the parser speaks the language.
ARGPARSE_ENGLISH = (
    "usage:",
    "options:",
    "positional arguments",
    "show this help message",
    "show program's version",
    "the following arguments are required",
    "invalid choice",
    "choose from",
    "unrecognized arguments",
    "expected one argument",
    "argument ",
)


def help_english(text: str) -> set[str]:
    """English label words in help output once the command-line identifiers are removed: option
    names, command names and the values an option takes (``--fail-on error``)."""
    typed = sorted({*COMMANDS, *FAIL_ON}, key=len, reverse=True)
    names = re.compile(r"(?<![\w-])(?:--?[\w-]+|" + "|".join(map(re.escape, typed)) + r")(?![\w-])")
    return english_words(names.sub(" ", text))


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    with pytest.raises(SystemExit) as exit_:
        main(list(args))
    out, err = capsys.readouterr()
    return int(exit_.value.code or 0), out + err


@pytest.mark.parametrize("command", [None, *COMMANDS], ids=lambda c: c or "cchc")
def test_help_is_in_vietnamese(capsys, command) -> None:
    code, text = run_cli(capsys, *([command] if command else []), "--help")
    assert code == 0
    assert "cách dùng: cchc" in text and "tùy chọn:" in text
    assert "hiện trợ giúp này rồi thoát" in text
    assert [p for p in ARGPARSE_ENGLISH if p in text] == []
    assert help_english(text) == set(), text


@pytest.mark.parametrize("command", [None, *COMMANDS], ids=lambda c: c or "cchc")
def test_help_in_english_is_argparse_s(capsys, command) -> None:
    code, text = run_cli(capsys, *([command] if command else []), "--help", "--lang", "en")
    assert code == 0
    assert text.startswith("usage: cchc") and "\noptions:\n" in text
    assert "show this help message and exit" in text
    assert "cách dùng" not in text and "tùy chọn" not in text


def test_positional_arguments_have_a_vietnamese_title(capsys) -> None:
    assert "\nđối số:\n" in run_cli(capsys, "check", "--help")[1]
    assert "\npositional arguments:\n" in run_cli(capsys, "check", "--help", "--lang", "en")[1]


USAGE_ERRORS = [
    (("check",), "thiếu đối số bắt buộc: PATH", "the following arguments are required: PATH"),
    (
        ("bogus",),
        "đối số COMMAND: lựa chọn không hợp lệ: 'bogus' (chọn trong 'check', ",
        "argument COMMAND: invalid choice: 'bogus' (choose from 'check', ",
    ),
    (("rules", "--nope"), "đối số không nhận ra: --nope", "unrecognized arguments: --nope"),
    (
        ("check", "x.toml", "--output"),
        "đối số --output/-o: cần một giá trị",
        "argument --output/-o: expected one argument",
    ),
    (
        ("check", "x.toml", "--fail-on", "bad"),
        "đối số --fail-on: cần một trong error, warning, info, never, nhận được 'bad'",
        "argument --fail-on: expected one of error, warning, info, never, got 'bad'",
    ),
    (
        ("check", "x.toml", "--as-of", "2020"),
        "đối số --as-of: cần một ngày dạng YYYY-MM-DD, nhận được '2020'",
        "argument --as-of: expected a date as YYYY-MM-DD, got '2020'",
    ),
    (
        ("rules", "--format", "pdf"),
        "đối số --format: lựa chọn không hợp lệ: 'pdf' (chọn trong 'table', 'json')",
        "argument --format: invalid choice: 'pdf' (choose from 'table', 'json')",
    ),
]


@pytest.mark.parametrize(("args", "vi", "en"), USAGE_ERRORS, ids=lambda a: " ".join(a)[:40])
def test_usage_errors_follow_the_language(capsys, args, vi, en) -> None:
    code, text = run_cli(capsys, *args)
    assert code == 2
    assert text.startswith("cách dùng: cchc") and f"cchc: {vi}" in text
    assert [p for p in ARGPARSE_ENGLISH if p in text] == []
    code, text = run_cli(capsys, *args, "--lang", "en")
    assert code == 2
    assert text.startswith("usage: cchc") and f"cchc: {en}" in text


def test_an_unknown_argparse_message_stays_as_written() -> None:
    assert translate("something new: x", "vi") == "something new: x"
    assert translate("argument -x: something new", "vi") == "đối số -x: something new"
    assert translate("expected 2 arguments", "vi") == "cần 2 giá trị"
    assert translate("expected 2 arguments", "en") == "expected 2 arguments"
