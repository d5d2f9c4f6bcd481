"""Reading input files into plain trees: TOML (with line-level error recovery) and JSON."""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import stat
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from ..errors import DataIssue
from .depth import DEFAULT_MAX_DEPTH, too_deep

if TYPE_CHECKING:
    from .convert import FileDraft

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]

__all__ = ["INVALID", "ParsedFile", "is_tabular", "parse_bytes", "read_file"]

#: Prefix of the placeholder string put in place of a TOML value that could not be parsed, so the
#: converter reports it at its key path and drops only the smallest part that holds it.
INVALID = f"\x00cchc-invalid-{secrets.token_hex(6)}\x00"

_LINE_COL = re.compile(r"\(at line (\d+), column (\d+)\)")
_KEY_VALUE = re.compile(r"^(\s*[A-Za-z0-9_\-\"'. ]+?\s*=\s*)(.*)$")
_MAX_RECOVERIES = 200  # repairs of one file; then the rest from the next damage is not read

#: The largest data file read (bytes); larger ones are refused with their size. Configurable with
#: ``max_input_mb`` in the configuration and ``max_bytes`` of :func:`read_file`.
MAX_INPUT_BYTES = 512 * 2**20

#: The deepest nesting of arrays and tables a TOML value may have before the reader gives up on
#: the line that holds it (a guard of the parser; the configurable limit is ``max_depth``).
MAX_DEPTH = 100


#: Workbooks, read by :mod:`~cchc_rules.loading.tabular` (as is a folder of CSV files).
XLSX_SUFFIXES = (".xlsx", ".xlsm")


def is_tabular(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is read as tabular input (a workbook, or a folder of CSV files); answered
    here so that the tabular reader is imported only when it is needed."""
    p = Path(path)
    return p.suffix.lower() in XLSX_SUFFIXES or p.is_dir()


@attrs.frozen
class ParsedFile:
    """A parsed file: its tree (``None`` when nothing could be read) and the issues found, or
    the ``draft`` the JSON fast path made of it (then there is no tree and no issue)."""

    path: str
    sha256: str
    tree: dict[str, Any] | None
    issues: tuple[DataIssue, ...]
    text: str | None = attrs.field(default=None, eq=False, repr=False)  # TOML text, for lines
    draft: FileDraft | None = attrs.field(default=None, eq=False, repr=False)


def read_file(
    path: str | os.PathLike[str], *, max_bytes: int | None = None, max_depth: int | None = None
) -> ParsedFile:
    """Read and parse one ``.toml`` or ``.json`` file; never raises for bad content.

    Only a regular file is read (a folder, FIFO or device such as ``/dev/zero`` is refused before
    anything is read), and one larger than ``max_bytes`` (default :data:`MAX_INPUT_BYTES`) is
    refused with its size. Tables and arrays nested deeper than ``max_depth`` levels (default
    :data:`~cchc_rules.loading.depth.DEFAULT_MAX_DEPTH`) are dropped, each reported at its key
    path. A JSON file that is valid as it stands is read by the fast path
    (:mod:`~cchc_rules.loading.fast`) into a ``draft`` instead of a tree.
    """
    name = str(path)
    data = read_limited(path, name, max_bytes)
    if isinstance(data, DataIssue):
        return ParsedFile(name, "", None, (data,))
    suffix = Path(path).suffix.lower()
    if suffix == ".json":
        from .fast import fast_json_draft  # imported only for JSON input

        depth = DEFAULT_MAX_DEPTH if max_depth is None else max_depth
        draft = fast_json_draft(data, name, depth)
        if draft is not None:  # valid as it stands: the careful reader would find nothing
            return ParsedFile(name, hashlib.sha256(data).hexdigest(), None, (), draft=draft)
    return parse_bytes(data, name, suffix=suffix, max_depth=max_depth)


def read_limited(
    path: str | os.PathLike[str], name: str, limit: int | None = None, where: str = ""
) -> bytes | DataIssue:
    """The bytes of the regular file ``path``, or the issue (of ``name`` at ``where``) that stops
    it being read: not a regular file (checked before anything is read), larger than ``limit``
    bytes (default :data:`MAX_INPUT_BYTES`; also when it grows while being read), missing or
    unreadable."""
    if limit is None:
        limit = MAX_INPUT_BYTES
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            return DataIssue(name, where, "data.not_a_file")
        if st.st_size > limit:
            return too_large(name, st.st_size, limit, where)
        with open(path, "rb") as fh:
            data = fh.read(limit + 1)
    except FileNotFoundError:
        return DataIssue(name, where, "data.file_not_found")
    except OSError as exc:
        detail = exc.strerror or type(exc).__name__
        return DataIssue(name, where, "data.file_unreadable", {"detail": detail})
    if len(data) > limit:  # grew while being read
        return too_large(name, len(data), limit, where)
    return data


def too_large(name: str, size: int, limit: int, where: str = "") -> DataIssue:
    """``name`` (at ``where``) refused for its ``size`` over ``limit`` bytes, both shown in MB."""
    params = {"size": f"{size / 2**20:.1f}", "limit": f"{limit / 2**20:g}"}
    return DataIssue(name, where, "data.too_large", params)


def parse_bytes(data: bytes, name: str, *, suffix: str, max_depth: int | None = None) -> ParsedFile:
    """Parse ``data`` as the format its ``suffix`` names (``.toml`` or ``.json``); values nested
    deeper than ``max_depth`` are dropped and reported (see :func:`read_file`)."""
    digest = hashlib.sha256(data).hexdigest()
    if suffix not in (".toml", ".json"):
        issue = DataIssue(name, "", "data.unsupported_format", {"suffix": suffix or "?"})
        return ParsedFile(name, digest, None, (issue,))
    if not data.strip():
        return ParsedFile(name, digest, None, (DataIssue(name, "", "data.empty"),))
    text, bad = decode_lines(data, name)
    if suffix == ".json":
        tree, issues = _parse_json(text, name)
        issues = (*bad, *issues)
    else:
        tree, issues = _parse_toml(text, name, bad)
    if tree is not None and not isinstance(tree, dict):
        issues = (*issues, DataIssue(name, "", "data.expected_table", {"got": _kind(tree)}))
        tree = None
    if tree is not None:
        limit = DEFAULT_MAX_DEPTH if max_depth is None else max_depth
        issues = (*issues, *_depth_issues(name, too_deep(tree, limit), limit))
    return ParsedFile(name, digest, tree, issues, text if suffix == ".toml" else None)


#: The values nested too deeply listed one by one per file; the rest are counted in one issue.
_DEEP_LISTED = 100


def _depth_issues(name: str, paths: list[str], limit: int) -> list[DataIssue]:
    out = [DataIssue(name, at, "data.too_deep", {"limit": limit}) for at in paths[:_DEEP_LISTED]]
    if len(paths) > _DEEP_LISTED:
        more = {"count": len(paths) - _DEEP_LISTED, "limit": limit}
        out.append(DataIssue(name, "", "data.too_deep_more", more))
    return out


def decode_lines(data: bytes, name: str) -> tuple[str, list[DataIssue]]:
    """Decode UTF-8 (a leading BOM dropped); bytes that are not UTF-8 become U+FFFD, each bad
    line reported with its line and column (the TOML reader then drops only that value)."""
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    out: list[str] = []
    issues: list[DataIssue] = []
    for lineno, raw in enumerate(data.split(b"\n"), 1):
        try:
            out.append(raw.decode("utf-8"))
        except UnicodeDecodeError as exc:
            col = len(raw[: exc.start].decode("utf-8", "replace")) + 1
            where = f"line {lineno}, column {col}"
            issues.append(DataIssue(name, where, "data.not_utf8_at", line=lineno))
            out.append(raw.decode("utf-8", "replace"))
    return "\n".join(out), issues


def _parse_json(text: str, name: str) -> tuple[Any, tuple[DataIssue, ...]]:
    dups: list[str] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        out = dict(items)
        if len(out) != len(items):
            seen: set[str] = set()
            dups.extend(k for k, _ in items if k in seen or seen.add(k))  # type: ignore[func-returns-value]
        return out

    text, surrogates = _lone_surrogates(text, name)
    try:
        tree = json.loads(text, object_pairs_hook=pairs, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        issue = DataIssue(
            name,
            f"line {exc.lineno}, column {exc.colno}",
            "data.syntax",
            {"detail": exc.msg},
            line=exc.lineno,
        )
        return None, (*surrogates, issue)
    except ValueError as exc:  # a constant (NaN, Infinity) or an integer too long
        return None, (*surrogates, DataIssue(name, "", "data.syntax", {"detail": str(exc)}))
    except RecursionError:
        return None, (DataIssue(name, "", "data.syntax", {"detail": "nested too deeply"}),)
    issues = [DataIssue(name, "", "data.duplicate_key", {"key": k}) for k in dict.fromkeys(dups)]
    return tree, (*surrogates, *issues)


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


_SURROGATE = re.compile(
    r"(?<!\\)((?:\\\\)*)\\u([dD][89abAB][0-9a-fA-F]{2})(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})"
    r"|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})(?<!\\)((?:\\\\)*)\\u([dD][c-fC-F][0-9a-fA-F]{2})"
)


def _lone_surrogates(text: str, name: str) -> tuple[str, list[DataIssue]]:
    """Replace ``\\uD800``-style escapes of half a character by U+FFFD, each reported."""
    if "\\u" not in text or _SURROGATE.search(text) is None:
        return text, []
    issues: list[DataIssue] = []

    def fix(m: re.Match[str]) -> str:
        line = text.count("\n", 0, m.start()) + 1
        col = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
        esc = m.group(2) or m.group(4)
        where = f"line {line}, column {col}"
        issues.append(
            DataIssue(name, where, "data.lone_surrogate", {"got": f"\\u{esc}"}, line=line)
        )
        return (m.group(1) or m.group(3) or "") + "\\ufffd"

    return _SURROGATE.sub(fix, text), issues


def _parse_toml(
    text: str, name: str, bad: list[DataIssue] | None = None
) -> tuple[Any, tuple[DataIssue, ...]]:
    """Parse TOML, recovering from damage so that only the smallest part is lost.

    A ``key = value`` line whose value is invalid (or holds bytes that are not UTF-8) gets an
    :data:`INVALID` placeholder holding the original text, so the converter reports it at its key
    path and drops only the entry that holds it. A key given twice is dropped (the first one
    kept); a table header that is broken or declared twice is set aside with its keys; a file cut
    short loses its incomplete last line. Any other damage (a broken multi-line value) ends the
    reading at that line: what comes before it is kept. Each line is repaired at most twice, so
    the recovery always ends.
    """
    lines = text.split("\n")  # TOML ends lines only at LF (U+2028, U+0085 may be in strings)
    recovered: list[DataIssue] = []  # reported by the converter at their key path
    issues: list[DataIssue] = []  # reported here
    touched: dict[int, int] = {}
    for issue in bad or ():
        idx = (issue.line or 1) - 1
        kv = _KEY_VALUE.match(lines[idx])
        if kv is None:
            issues.append(issue)
            continue
        _placehold(lines, idx, kv, f"bytes that are not UTF-8 at {issue.location}")
        touched[idx] = 1
    quarantine = f"cchc-dropped-{secrets.token_hex(6)}-"
    for attempt in range(_MAX_RECOVERIES + 2):
        try:
            tree = tomllib.loads("\n".join(lines))
        except tomllib.TOMLDecodeError as exc:
            msg = str(exc)
            m = _LINE_COL.search(msg)
            detail = _LINE_COL.sub("", msg).replace("(at end of document)", "").strip()
            if m is not None:
                idx = int(m.group(1)) - 1
            else:
                last = _last_content_line(lines) if "end of document" in msg else None
                if last is None:
                    return None, (*issues, DataIssue(name, "", "data.syntax", {"detail": detail}))
                idx = last
                if not detail.startswith("Cannot "):  # a semantic error is not a cut
                    where = f"line {idx + 1}"
                    issues.append(
                        DataIssue(name, where, "data.truncated", {"detail": detail}, line=idx + 1)
                    )
                    lines[idx] = ""
                    continue
            if attempt >= _MAX_RECOVERIES:
                touched[idx] = 9  # enough repairs: the rest is not read
            _repair(lines, idx, detail, name, touched, (recovered, issues), quarantine)
        except (RecursionError, ValueError) as exc:  # ValueError: a number too long to read
            deep = isinstance(exc, RecursionError)
            detail = _DEEP if deep else _LONG
            bad_line = _deepest_line(lines) if deep else _long_number_line(lines)
            if bad_line is None:
                return None, (*issues, DataIssue(name, "", "data.syntax", {"detail": detail}))
            _repair(lines, bad_line, detail, name, touched, (recovered, issues), quarantine)
        else:
            for key in [k for k in tree if k.startswith(quarantine)]:
                del tree[key]
            return tree, tuple(issues)
    return None, (*issues, *recovered)


_DEEP = "nested too deeply"
_LONG = "a number too long to read (over 4000 digits)"
_LONG_NUMBER = re.compile(r"[0-9_]{4000,}")


def _long_number_line(lines: list[str]) -> int | None:
    return next((i for i, line in enumerate(lines) if _LONG_NUMBER.search(line)), None)


def _repair(
    lines: list[str],
    idx: int,
    detail: str,
    name: str,
    touched: dict[int, int],
    out: tuple[list[DataIssue], list[DataIssue]],
    quarantine: str,
) -> None:
    """Repair line ``idx`` (0-based) after an error there, as :func:`_parse_toml` says."""
    recovered, issues = out
    line = lines[idx] if idx < len(lines) else ""
    where, lineno = f"line {idx + 1}", idx + 1
    times = touched.get(idx, 0)
    touched[idx] = times + 1
    header = line.lstrip().startswith("[")
    kv = None if header else _KEY_VALUE.match(line)
    if kv is not None and times == 0 and not detail.startswith("Cannot "):
        recovered.append(DataIssue(name, where, "data.syntax", {"detail": detail}, line=lineno))
        _placehold(lines, idx, kv, detail)
    elif kv is not None and times <= 1:
        issues.append(
            DataIssue(name, where, "data.toml_line_dropped", {"detail": detail}, line=lineno)
        )
        lines[idx] = ""
    elif header and times == 0:
        issues.append(
            DataIssue(name, where, "data.toml_table_dropped", {"detail": detail}, line=lineno)
        )
        lines[idx] = f"[{quarantine}{idx}]"
    else:
        issues.append(
            DataIssue(name, where, "data.toml_rest_dropped", {"detail": detail}, line=lineno)
        )
        del lines[idx:]


def _placehold(lines: list[str], idx: int, kv: re.Match[str], detail: str) -> None:
    raw = _strip_comment(kv.group(2))
    lines[idx] = kv.group(1) + json.dumps(f"{INVALID}{idx + 1}\x00{detail}\x00{raw}")


def _deepest_line(lines: list[str]) -> int | None:
    """The first line that opens more than :data:`MAX_DEPTH` arrays or inline tables."""
    depth = 0
    for i, line in enumerate(lines):
        opened = line.count("[") + line.count("{")
        if depth + opened > MAX_DEPTH:
            return i
        depth += opened - line.count("]") - line.count("}")
    return None


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
