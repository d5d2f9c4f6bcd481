"""Reading input files into plain trees: TOML (with line-level error recovery) and JSON."""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from pathlib import Path
from typing import Any

import attrs

from ..errors import DataIssue

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]

__all__ = ["INVALID", "ParsedFile", "parse_bytes", "read_file"]

#: Prefix of the placeholder string put in place of a TOML value that could not be parsed, so the
#: converter reports it at its key path and drops only the smallest part that holds it.
INVALID = "\x00cchc-invalid\x00"

_LINE_COL = re.compile(r"\(at line (\d+), column (\d+)\)")
_KEY_VALUE = re.compile(r"^(\s*[A-Za-z0-9_\-\"'. ]+?\s*=\s*)(.*)$")
_MAX_RECOVERIES = 200


@attrs.frozen
class ParsedFile:
    """A parsed file: its tree (``None`` when nothing could be read) and the issues found."""

    path: str
    sha256: str
    tree: dict[str, Any] | None
    issues: tuple[DataIssue, ...]
    text: str | None = attrs.field(default=None, eq=False, repr=False)  # TOML text, for lines


def read_file(path: str | os.PathLike[str]) -> ParsedFile:
    """Read and parse one ``.toml`` or ``.json`` file; never raises for bad content."""
    name = str(path)
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        return ParsedFile(name, "", None, (DataIssue(name, "", "data.file_not_found"),))
    except OSError as exc:
        return ParsedFile(
            name, "", None, (DataIssue(name, "", "data.file_unreadable", {"detail": exc.strerror}),)
        )
    return parse_bytes(data, name, suffix=p.suffix.lower())


def parse_bytes(data: bytes, name: str, *, suffix: str) -> ParsedFile:
    """Parse ``data`` as the format its ``suffix`` names (``.toml`` or ``.json``)."""
    digest = hashlib.sha256(data).hexdigest()
    if suffix not in (".toml", ".json"):
        issue = DataIssue(name, "", "data.unsupported_format", {"suffix": suffix or "?"})
        return ParsedFile(name, digest, None, (issue,))
    if not data.strip():
        return ParsedFile(name, digest, None, (DataIssue(name, "", "data.empty"),))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        issue = DataIssue(name, f"byte {exc.start}", "data.not_utf8")
        return ParsedFile(name, digest, None, (issue,))
    if suffix == ".json":
        tree, issues = _parse_json(text, name)
    else:
        tree, issues = _parse_toml(text, name)
    if tree is not None and not isinstance(tree, dict):
        issues = (*issues, DataIssue(name, "", "data.expected_table", {"got": _kind(tree)}))
        tree = None
    return ParsedFile(name, digest, tree, issues, text if suffix == ".toml" else None)


def _parse_json(text: str, name: str) -> tuple[Any, tuple[DataIssue, ...]]:
    try:
        return json.loads(text), ()
    except json.JSONDecodeError as exc:
        issue = DataIssue(
            name,
            f"line {exc.lineno}, column {exc.colno}",
            "data.syntax",
            {"detail": exc.msg},
            line=exc.lineno,
        )
        return None, (issue,)
    except RecursionError:
        return None, (DataIssue(name, "", "data.syntax", {"detail": "nested too deeply"}),)


def _parse_toml(text: str, name: str) -> tuple[Any, tuple[DataIssue, ...]]:
    """Parse TOML; where a ``key = value`` line is invalid, report it and parse the rest.

    The bad value is replaced by an :data:`INVALID` placeholder string holding the original text,
    so the converter reports it at its key path and drops only the part that holds it. A broken
    line of any other shape (a table header, a multi-line value) ends the attempt: the file is
    reported unreadable at that line rather than guessed at.
    """
    lines = text.splitlines()
    recovered: list[DataIssue] = []  # reported by the converter at their key path, unless fatal
    truncated: set[int] = set()
    for _ in range(_MAX_RECOVERIES):
        try:
            tree = tomllib.loads("\n".join(lines))
            return tree, tuple(i for i in recovered if i.message == "data.truncated")
        except tomllib.TOMLDecodeError as exc:
            msg = str(exc)
            m = _LINE_COL.search(msg)
            detail = _LINE_COL.sub("", msg).strip()
            lineno = int(m.group(1)) if m else None
            col = int(m.group(2)) if m else None
            where = f"line {lineno}, column {col}" if lineno else ""
            issue = DataIssue(name, where, "data.syntax", {"detail": detail}, line=lineno)
            if lineno is None and "end of document" in msg:
                last = _last_content_line(lines)
                if last is not None and last not in truncated:
                    # a file cut short: drop its incomplete last line, keep what came before
                    truncated.add(last)
                    recovered.append(
                        DataIssue(
                            name,
                            f"line {last + 1}",
                            "data.truncated",
                            {"detail": detail},
                            line=last + 1,
                        )
                    )
                    lines[last] = ""
                    continue
            kv = _KEY_VALUE.match(lines[lineno - 1]) if lineno and lineno <= len(lines) else None
            if kv is None or INVALID in lines[lineno - 1]:  # type: ignore[operator]
                return None, (*recovered, issue)
            recovered.append(issue)
            raw = _strip_comment(kv.group(2))
            lines[lineno - 1] = kv.group(1) + json.dumps(  # type: ignore[operator]
                f"{INVALID}{lineno}\x00{detail}\x00{raw}"
            )
        except RecursionError:
            return None, (DataIssue(name, "", "data.syntax", {"detail": "nested too deeply"}),)
    return None, tuple(recovered)


def _last_content_line(lines: list[str]) -> int | None:
    for i in range(len(lines) - 1, -1, -1):
        if lines[i].strip() and not lines[i].lstrip().startswith("#"):
            return i
    return None


def _strip_comment(value: str) -> str:
    """``value`` without a trailing ``# comment`` (a ``#`` inside quotes is kept)."""
    quote = ""
    for i, ch in enumerate(value):
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "\"'":
            quote = ch
        elif ch == "#":
            return value[:i].strip()
    return value.strip()


def _kind(value: object) -> str:
    return {dict: "table", list: "list", str: "text", bool: "boolean"}.get(
        type(value), type(value).__name__
    )
