"""No English label in the Vietnamese output of any command an inspector reads: rules, explain
(every rule), plugins, law, config, help and usage errors, and every format of the check report.
Rule ids, family ids where they are typed, plugin names, data field names, evidence keys, paths,
URLs and the data of examples are identifiers and stay as they are."""

from __future__ import annotations

import csv
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

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
    r"https?://\S+|<[^>]*>|[\w.-]*/\S+|\bcchc-rules\b|\b[\w.]+ = "
    r"|\{.*\}|\[\{.*\}\]|\"[^\"]*\"|“[^”]*”|`[^`]*`|@\w+\(.*\)"
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
    assert english_words("used = 37; source = https://x.vn/a; tệp examples/a.toml") == set()
    assert english_words("Số liệu: used = 37 (not used)") == {"not", "used"}


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


# --- every format of the check report -------------------------------------------------------

EXAMPLE_FILES = ("le-chan-2022-h1.toml", "hai-an-demo-2025-h2.toml")
FORMATS = ("table", "json", "md", "html", "csv", "xlsx", "junit")


class _HtmlText(HTMLParser):
    """The text a reader sees (and tooltips), not the style sheet, the markup or the evidence
    keys (the ``th`` of an evidence table)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        kind = dict(attrs).get("class") or ""
        self._open.append("evidence" if tag == "table" and "evidence" in kind else tag)
        self.parts += [v for k, v in attrs if k in ("title", "alt", "aria-label") and v]

    def handle_endtag(self, tag: str) -> None:
        while self._open and self._open.pop() not in (tag, "evidence"):
            pass

    def handle_data(self, data: str) -> None:
        hidden = {"style", "script"} & set(self._open)
        key = "th" in self._open and "evidence" in self._open
        if not hidden and not key:
            self.parts.append(data)


def _json_labels(node: Any) -> Iterator[str]:
    """The JSON report's texts meant for people: messages and reasons (keys and values such as
    ``"severity": "error"`` are data for programs)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("message", "reason") and isinstance(value, str):
                yield value
            else:
                yield from _json_labels(value)
    elif isinstance(node, list):
        for value in node:
            yield from _json_labels(value)


def report_texts(path: Path, fmt: str, stdout: str) -> list[str]:
    """What a person reads in the report written to ``path`` (stdout for the table)."""
    if fmt == "table":
        return stdout.splitlines()
    if fmt == "xlsx":
        book = load_workbook(path)
        cells = [c.value for ws in book for row in ws.iter_rows() for c in row]
        return [*book.sheetnames, *(c for c in cells if isinstance(c, str))]
    text = path.read_text(encoding="utf-8")
    if fmt == "json":
        return list(_json_labels(json.loads(text)))
    if fmt == "md":
        return re.sub(r"\\(.)", r"\1", text).splitlines()  # Markdown escapes: `count\_used`
    if fmt == "html":
        parser = _HtmlText()
        parser.feed(text.replace("<wbr>", ""))  # break opportunities inside field names
        return parser.parts
    if fmt == "csv":
        return [cell for row in csv.reader(text.splitlines()) for cell in row]
    root = ET.fromstring(text)  # junit: attribute ``type`` is the severity key for CI tools
    return [
        value
        for node in root.iter()
        for value in (node.text or "", *(v for k, v in node.attrib.items() if k != "type"))
    ]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("example", EXAMPLE_FILES)
def test_every_report_format_has_no_english_label(capsys, tmp_path, example, fmt) -> None:
    path = tmp_path / f"report.{fmt}"
    to_file = () if fmt == "table" else ("--output", str(path))
    main(["check", str(EXAMPLES / example), "--format", fmt, *to_file, "--lang", "vi"])
    texts = report_texts(path, fmt, capsys.readouterr().out)
    assert len(texts) > 5
    found = {line: words for line in texts if (words := english_words(line))}
    assert found == {}


def test_the_family_column_names_the_family(capsys, tmp_path) -> None:
    path = tmp_path / "report.csv"
    main(["check", str(EXAMPLES / "le-chan-2022-h1.toml"), "-o", str(path), "--lang", "vi"])
    rows = list(csv.DictReader(path.read_text(encoding="utf-8").splitlines()))
    assert {"biên chế", "thời hạn giải quyết, hồ sơ"} <= {r["Nhóm"] for r in rows}
    main(["check", str(EXAMPLES / "le-chan-2022-h1.toml"), "-o", str(path), "--lang", "en"])
    rows = list(csv.DictReader(path.read_text(encoding="utf-8").splitlines()))
    assert {"staffing", "deadlines and dossiers"} <= {r["Family"] for r in rows}
