"""Finding, reading and validating configuration files (``cchc.toml``, ``[tool.cchc]`` in
``pyproject.toml``).

Discovery walks up from the working directory — never from the data files' folders — and the
nearest folder with a ``cchc.toml``, or a ``pyproject.toml`` holding ``[tool.cchc]``, wins
(``cchc.toml`` first in the same folder); files are never merged. ``--config FILE`` names the file
instead, ``--isolated`` ignores every file. Command-line values override the file's, which override
the defaults.

Validation collects every problem (unknown keys with a "did you mean", wrong types, missing waiver
fields), each with its key path (``rules.ST005.kinds.phuong.min_fill_percent``), and raises them
together as :class:`InvalidConfig`. What needs the loaded rules — rule ids, parameter names and
types, selectors — is checked by :func:`attach` once the plugins are loaded.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import difflib
import hashlib
import math
import os
import stat
import sys
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from ._safe import short_number
from .citations import parse_number
from .config import FAIL_ON, ISOLATION_MODES, REPORT_KEYS, Config, matches
from .errors import ConfigError, DataIssue
from .findings import Severity
from .loading.files import read_limited
from .messages import core_catalog
from .national import NationalDocument
from .waivers import Waiver

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]

if TYPE_CHECKING:
    from .plugins import Registry

__all__ = [
    "CONFIG_NAME",
    "PYPROJECT",
    "ConfigProblem",
    "InvalidConfig",
    "attach",
    "check_against",
    "core_catalog",
    "discover",
    "read_config",
    "resolve_config",
]

CONFIG_NAME = "cchc.toml"
PYPROJECT = "pyproject.toml"
LANGS = ("vi", "en")
#: Command-line option of each key a command line can set (the origin shown by ``cchc config``).
CLI_OPTIONS = {
    "lang": "--lang",
    "fail_on": "--fail-on",
    "select": "--select",
    "ignore": "--ignore",
    "as_of": "--as-of",
    "baseline": "--baseline",
}
_RULE_KEYS = ("severity", "kinds")
_WAIVER_KEYS = ("rule", "unit", "subject", "reason", "approver", "expires")
_WAIVER_REQUIRED = ("rule", "unit", "reason", "approver", "expires")
_DOCUMENT_KEYS = ("number", "date", "kind", "title", "source", "evidence")


@attrs.frozen
class ConfigProblem:
    """One located problem in a configuration: ``message`` is a message id (``config.*``)."""

    source: str
    path: str
    message: str
    params: Mapping[str, Any] = attrs.field(factory=dict)

    def render(self, lang: str = "vi") -> str:
        where = ": ".join(p for p in (self.source, self.path) if p)
        text = core_catalog().render(self.message, self.params, lang)
        return f"{where}: {text}" if where else text


class InvalidConfig(ConfigError):
    """Every problem found in a configuration, each with its source and key path."""

    def __init__(self, problems: Iterable[ConfigProblem], lang: str = "vi") -> None:
        self.problems = tuple(problems)
        self.lang = lang
        #: the configuration without its invalid values (when one could be built), so that the
        #: problems only the loaded rules reveal can be shown together with these
        self.partial: Config | None = None
        super().__init__("\n".join(p.render(lang) for p in self.problems))
        if self.problems:
            self.source = self.problems[0].source
            self.path = self.problems[0].path


# -- discovery --------------------------------------------------------------------------------
def discover(cwd: str | Path) -> Path | None:
    """The configuration file for a run started in ``cwd``: walking up, the nearest folder's
    ``cchc.toml``, else its ``pyproject.toml`` when it has ``[tool.cchc]``."""
    start = Path(cwd).resolve()
    for folder in (start, *start.parents):
        own = folder / CONFIG_NAME
        if own.is_file():
            return own
        project = folder / PYPROJECT
        if project.is_file() and _has_tool_table(project):
            return project
    return None


def _has_tool_table(path: Path) -> bool:
    """Whether a pyproject.toml has ``[tool.cchc]``; one that cannot be read (or is larger than
    a configuration may be) is not taken for a configuration."""
    raw = read_limited(path, str(path), _MAX_CONFIG_BYTES)
    try:
        text = raw.decode("utf-8") if isinstance(raw, bytes) else ""
    except UnicodeDecodeError:
        return False
    if "cchc" not in text:
        return False
    try:
        tool = tomllib.loads(text).get("tool")
    except tomllib.TOMLDecodeError:
        return True  # mentions cchc but is broken: read it and say why
    return isinstance(tool, dict) and "cchc" in tool


# -- reading ----------------------------------------------------------------------------------
def read_config(path: str | Path) -> tuple[dict[str, Any] | None, str | None, list[ConfigProblem]]:
    """The configuration table of ``path`` (``[tool.cchc]`` for a ``pyproject.toml``), the sha256
    of the file's bytes, and the problems that kept it from being read."""
    p = Path(path)
    source = str(path)
    raw = read_limited(p, source, _MAX_CONFIG_BYTES)
    if isinstance(raw, DataIssue):
        message = _READ_PROBLEMS.get(raw.message, raw.message)
        return None, None, [ConfigProblem(source, "", message, raw.params)]
    sha = hashlib.sha256(raw).hexdigest()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None, sha, [ConfigProblem(source, "", "config.not_utf8")]
    try:
        tree = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return None, sha, [ConfigProblem(source, "", "config.syntax", {"detail": str(exc)})]
    if p.name == PYPROJECT:
        tool = tree.get("tool")
        table = tool.get("cchc") if isinstance(tool, dict) else None
        if not isinstance(table, dict):
            return None, sha, [ConfigProblem(source, "tool.cchc", "config.no_tool_table")]
        return table, sha, []
    return tree, sha, []


# -- resolving --------------------------------------------------------------------------------
def resolve_config(
    *,
    cwd: str,
    explicit: str | None = None,
    isolated: bool = False,
    overrides: Mapping[str, Any] | None = None,
) -> Config:
    """The effective configuration for a run started in ``cwd``: ``overrides`` (the command
    line) over the file (``explicit``, else the one discovered from ``cwd``; none when
    ``isolated``) over the defaults. Raise :class:`InvalidConfig` with every problem found."""
    overrides = dict(overrides or {})
    lang = overrides.get("lang") if overrides.get("lang") in LANGS else None
    problems: list[ConfigProblem] = []
    if isolated and explicit:
        problems.append(ConfigProblem("", "--isolated", "config.isolated_and_config"))
    path: Path | None = None
    if explicit and not isolated:
        path = Path(explicit)
    elif not isolated:
        path = discover(cwd)
    values: dict[str, Any] = {}
    origins: dict[str, str] = {}
    source = sha = None
    if path is not None and not problems:
        source = str(path) if explicit else str(path.resolve())
        table, sha, problems = read_config(path)
        if table is not None:
            origin = f"{source} [tool.cchc]" if path.name == PYPROJECT else source
            parsed = _Reader(source, _prefix(source), path)
            values = parsed.table(table)
            problems.extend(parsed.problems)
            origins = dict.fromkeys(values, origin)
            if lang is None and values.get("lang") in LANGS:
                lang = values["lang"]
    for key, value in overrides.items():
        values[key] = value
        origins[key] = CLI_OPTIONS.get(key, "--" + key.replace("_", "-"))
    baseline = values.get("baseline")
    missing = None if baseline is None else _baseline_problem(baseline)
    if missing is not None:
        where = origins["baseline"]
        at = ("", where) if where.startswith("--") else (source or "", _prefix(source) + "baseline")
        problems.append(ConfigProblem(*at, missing, {"path": baseline}))
    if problems:
        invalid = InvalidConfig(problems, lang or "vi")
        with contextlib.suppress(TypeError, ValueError):
            invalid.partial = Config(**values, source=source, sha256=sha, origins=origins)
        raise invalid
    try:
        return Config(**values, source=source, sha256=sha, origins=origins)
    except (TypeError, ValueError) as exc:  # an override the command line should have refused
        raise InvalidConfig(
            [ConfigProblem("", "", "config.invalid", {"detail": str(exc)})]
        ) from None


def _baseline_problem(path: str | os.PathLike[str]) -> str | None:
    """Why the baseline report ``path`` cannot be read (a message id), checked without opening
    it: not found, or not a regular file (a folder, FIFO or device); ``None`` when it can."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):  # missing, a folder on the way not enterable, a NUL in the name
        return "config.baseline_not_found"
    return None if stat.S_ISREG(st.st_mode) else "config.baseline_not_a_file"


def config_from_mapping(
    table: Mapping[str, Any],
    *,
    source: str = "<mapping>",
    folder: str | Path = ".",
    lang: str = "en",
) -> Config:
    """A :class:`Config` from a table as ``cchc.toml`` holds it, validated like a file (relative
    paths from ``folder``); raise :class:`InvalidConfig` (in ``lang``) with every problem.
    Public as :meth:`Config.from_mapping`."""
    if not isinstance(table, Mapping):
        raise TypeError(
            f"a configuration is a mapping (as in cchc.toml), not {type(table).__name__}"
        )
    reader = _Reader(source, "", Path(folder) / CONFIG_NAME)
    values = reader.table(table)
    if reader.problems:
        raise InvalidConfig(reader.problems, lang)
    return Config(**values, origins=dict.fromkeys(values, source))


def _prefix(source: str | None) -> str:
    """The key-path prefix of a configuration file's table (``tool.cchc.`` in pyproject.toml)."""
    return "tool.cchc." if source and Path(source).name == PYPROJECT else ""


# -- validation of the file's contents --------------------------------------------------------
_Check = Callable[[Any, str], Any]
_BAD = object()


class _Reader:
    """Validates and converts one configuration table, collecting problems."""

    def __init__(self, source: str, prefix: str, path: Path) -> None:
        self.source = source
        self.prefix = prefix
        self.folder = path.resolve().parent
        self.problems: list[ConfigProblem] = []
        self.fields: dict[str, _Check] = {
            "lang": self._choice(LANGS),
            "fail_on": self._choice(FAIL_ON),
            "select": self._strings,
            "ignore": self._strings,
            "hard_fail": self._strings,
            "soft_fail": self._strings,
            "plugins": self._strings,
            "plugin_dirs": self._paths,
            "disable_plugins": self._strings,
            "rule_timeout": self._positive,
            "max_findings_per_unit": self._count,
            "max_errors_per_rule": self._count,
            "max_input_mb": self._positive,
            "max_depth": self._count,
            "isolation": self._choice(ISOLATION_MODES),
            "baseline": self._path,
            "rules": self._rules,
            "documents": self._documents,
            "waivers": self._waivers,
            "report": self._report,
        }

    # problems
    def problem(self, path: str, message: str, **params: Any) -> object:
        self.problems.append(ConfigProblem(self.source, self.prefix + path, message, params))
        return _BAD

    def unknown(self, path: str, key: str, known: Iterable[str]) -> None:
        where = self.prefix + (f"{path}.{key}" if path else key)
        names = list(known)
        message = "config.unknown_key"
        problem = _unknown(self.source, where, message, key, names, key=key, known=", ".join(names))
        self.problems.append(problem)

    # the whole table
    def table(self, raw: Mapping[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in raw.items():
            check = self.fields.get(key)
            if check is None:
                self.unknown("", key, self.fields)
                continue
            converted = check(value, key)
            if converted is not _BAD:
                out[key] = converted
        for selector in sorted(set(out.get("hard_fail", ())) & set(out.get("soft_fail", ()))):
            self.problem("soft_fail", "config.fail_conflict", selector=selector)
        if "rules" in out:
            params, kind_params, severity = out.pop("rules")
            given = {"params": params, "kind_params": kind_params, "severity": severity}
            out.update((k, v) for k, v in given.items() if v)
        return out

    # scalar checks
    def _choice(self, allowed: tuple[str, ...]) -> _Check:
        def check(value: Any, path: str) -> Any:
            if not isinstance(value, str):
                return self.problem(path, "config.expected_string", got=_show(value))
            if value not in allowed:
                return self.problem(
                    path, "config.expected_choice", got=_show(value), allowed=", ".join(allowed)
                )
            return value

        return check

    def _string(self, value: Any, path: str, *, blank: bool = False) -> Any:
        if not isinstance(value, str):
            return self.problem(path, "config.expected_string", got=_show(value))
        if not blank and not value.strip():
            return self.problem(path, "config.blank")
        return value

    def _strings(self, value: Any, path: str) -> Any:
        if not isinstance(value, list):
            return self.problem(path, "config.expected_strings", got=_show(value))
        out = [self._string(v, f"{path}[{i}]") for i, v in enumerate(value)]
        return _BAD if _BAD in out else tuple(v.strip() for v in out)

    def _path(self, value: Any, path: str) -> Any:
        text = self._string(value, path)
        return text if text is _BAD else str(self.folder / text)

    def _paths(self, value: Any, path: str) -> Any:
        items = self._strings(value, path)
        return items if items is _BAD else tuple(str(self.folder / v) for v in items)

    def _positive(self, value: Any, path: str) -> Any:
        if not _finite(value) or value <= 0:  # nan and inf would turn the limit off
            return self.problem(path, "config.expected_positive", got=_show(value))
        return float(value)

    def _count(self, value: Any, path: str) -> Any:
        if type(value) is not int or not 0 < value <= 10**9:
            return self.problem(path, "config.expected_positive", got=_show(value))
        return value

    def _date(self, value: Any, path: str) -> Any:
        if isinstance(value, _dt.date) and not isinstance(value, _dt.datetime):
            return value
        if isinstance(value, str):
            try:
                return _dt.date.fromisoformat(value.strip())
            except ValueError:
                pass
        return self.problem(path, "config.expected_date", got=_show(value))

    def _tables(self, value: Any, path: str) -> list[tuple[str, dict[str, Any]]] | None:
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.problem(path, "config.expected_tables", got=_show(value))
            return None
        return [(f"{path}[{i}]", v) for i, v in enumerate(value)]

    # rules
    def _rules(self, value: Any, path: str) -> Any:
        if not isinstance(value, dict):
            return self.problem(path, "config.expected_table", got=_show(value))
        params: dict[str, dict[str, Any]] = {}
        kind_params: dict[str, dict[str, dict[str, Any]]] = {}
        severity: dict[str, Severity] = {}
        for rid, entry in value.items():
            where = f"{path}.{rid}"
            if not isinstance(entry, dict):
                self.problem(where, "config.expected_table", got=_show(entry))
                continue
            for key, v in entry.items():
                if key == "severity":
                    sev = self._choice(("error", "warning", "info"))(v, f"{where}.severity")
                    if sev is not _BAD:
                        severity[rid] = Severity.parse(sev)
                elif key == "kinds":
                    kinds = self._kinds(v, f"{where}.kinds")
                    if kinds:
                        kind_params[rid] = kinds
                elif isinstance(v, dict):
                    self.problem(f"{where}.{key}", "config.param_table", param=key)
                else:
                    params.setdefault(rid, {})[key] = v
        return params, kind_params, severity

    def _kinds(self, value: Any, path: str) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        if not isinstance(value, dict):
            self.problem(path, "config.expected_table", got=_show(value))
            return out
        for kind, entry in value.items():
            where = f"{path}.{kind}"
            if not isinstance(entry, dict):
                self.problem(where, "config.expected_table", got=_show(entry))
                continue
            for key, v in entry.items():
                if key in _RULE_KEYS:
                    self.problem(f"{where}.{key}", "config.not_per_kind", key=key)
                elif isinstance(v, dict):
                    self.problem(f"{where}.{key}", "config.param_table", param=key)
                else:
                    out.setdefault(kind, {})[key] = v
        return out

    # arrays of tables: national documents and waivers
    def _records(
        self, value: Any, path: str, keys: tuple[str, ...], required: tuple[str, ...], missing: str
    ) -> list[tuple[int, dict[str, Any]]] | None:
        """Each valid table of an array of tables (index, fields): known keys only, strings
        stripped, ``date``/``expires`` read as dates, ``required`` keys present (else
        ``missing``)."""
        entries = self._tables(value, path)
        if entries is None:
            return None
        out: list[tuple[int, dict[str, Any]]] = []
        for index, (where, raw) in enumerate(entries):
            fields: dict[str, Any] = {}
            ok = True
            for key, v in raw.items():
                if key not in keys:
                    self.unknown(where, key, keys)
                    ok = False
                    continue
                check = self._date if key in ("date", "expires") else self._string
                converted = check(v, f"{where}.{key}")
                ok = ok and converted is not _BAD
                fields[key] = converted.strip() if isinstance(converted, str) else converted
            for key in required:
                if key not in raw:
                    self.problem(f"{where}.{key}", missing, key=key)
                    ok = False
            if ok:
                out.append((index, fields))
        return out

    def _documents(self, value: Any, path: str) -> Any:
        records = self._records(value, path, _DOCUMENT_KEYS, ("number", "date"), "config.required")
        if records is None:
            return _BAD
        docs = []
        for index, fields in records:
            try:
                doc = NationalDocument.from_mapping(fields)
                parse_number(doc.number)  # the table is keyed by the parsed number
            except ValueError as exc:
                self.problem(f"{path}[{index}]", "config.bad_document", detail=str(exc))
                continue
            docs.append(doc)
        return tuple(docs)

    def _report(self, value: Any, path: str) -> Any:
        """The ``[report]`` title block: known keys only, ``date`` a date, the rest text."""
        if not isinstance(value, dict):
            return self.problem(path, "config.expected_table", got=_show(value))
        out: dict[str, Any] = {}
        for key, v in value.items():
            if key not in REPORT_KEYS:
                self.unknown(path, key, REPORT_KEYS)
                continue
            check = self._date if key == "date" else self._string
            converted = check(v, f"{path}.{key}")
            if converted is not _BAD:
                out[key] = converted.strip() if isinstance(converted, str) else converted
        return out if len(out) == len(value) else _BAD

    def _waivers(self, value: Any, path: str) -> Any:
        records = self._records(
            value, path, _WAIVER_KEYS, _WAIVER_REQUIRED, "config.waiver_required"
        )
        if records is None:
            return _BAD
        return tuple(Waiver(index=index, **fields) for index, fields in records)


def _show(value: object) -> str:
    """A short rendering of an offending value, with its TOML type."""
    kind = {
        bool: "boolean",
        int: "integer",
        float: "float",
        str: "string",
        list: "array",
        dict: "table",
        _dt.date: "date",
        _dt.datetime: "datetime",
        _dt.time: "time",
    }.get(type(value), type(value).__name__)
    if isinstance(value, (dict, list)):
        return kind
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"{short_number(value)} ({kind})"
    text = repr(value) if isinstance(value, str) else str(value)
    if len(text) > 40:
        text = text[:37] + "…"
    return f"{text} ({kind})"


# -- checks against the loaded rules ----------------------------------------------------------
def check_against(config: Config, registry: Registry) -> list[ConfigProblem]:
    """Problems only the loaded rules reveal: unknown rule ids and parameters (with a
    suggestion), parameter values of the wrong type, selectors that name no rule. Unknown ids
    are not reported when a plugin failed to load (it may have been the one defining them)."""
    rules = registry.rules
    lenient = bool(registry.failures)
    out: list[ConfigProblem] = []
    file_source = config.source or ""
    prefix = _prefix(file_source)

    def where(key: str) -> tuple[str, str]:
        origin = config.origin(key)
        return ("", origin) if origin.startswith("--") else (file_source, prefix + key)

    names = sorted({*rules, *(r.family for r in rules.values())})
    for key in ("select", "ignore", "hard_fail", "soft_fail"):
        source, path = where(key)
        for i, selector in enumerate(getattr(config, key)):
            if lenient or any(matches(selector, r.id, r.family) for r in rules.values()):
                continue
            at = path if path.startswith("--") else f"{path}[{i}]"
            out.append(
                _unknown(source, at, "config.unknown_selector", selector, names, selector=selector)
            )
    for w in config.waivers:
        if not lenient and not any(matches(w.rule, r.id, r.family) for r in rules.values()):
            at = f"{prefix}waivers[{w.index}].rule"
            out.append(
                _unknown(file_source, at, "config.unknown_selector", w.rule, names, selector=w.rule)
            )
    by_rule: dict[str, list[tuple[str, str, Any]]] = {rid: [] for rid in config.severity}
    for rid, values in config.params.items():
        for name, v in values.items():
            by_rule.setdefault(rid, []).append((f"rules.{rid}.{name}", name, v))
    for rid, kinds in config.kind_params.items():
        for kind, values in kinds.items():
            for name, v in values.items():
                by_rule.setdefault(rid, []).append((f"rules.{rid}.kinds.{kind}.{name}", name, v))
    for rid in sorted(by_rule):
        rule = rules.get(rid)
        if rule is None:
            if not lenient:
                at = f"{prefix}rules.{rid}"
                out.append(
                    _unknown(file_source, at, "config.unknown_rule", rid, sorted(rules), rule=rid)
                )
            continue
        declared = {p.name: p for p in rule.params}
        for path, name, value in sorted(by_rule[rid], key=lambda t: t[0]):
            at = prefix + path
            param = declared.get(name)
            if param is None:
                known = ", ".join(declared) or "—"
                message = "config.unknown_param"
                out.append(
                    _unknown(
                        file_source,
                        at,
                        message,
                        name,
                        list(declared),
                        rule=rid,
                        param=name,
                        known=known,
                    )
                )
                continue
            expected = _param_type(param.default)
            if not _fits(value, expected):
                params = {"param": name, "expected": expected, "got": _show(value)}
                out.append(ConfigProblem(file_source, at, "config.param_type", params))
    return out


def attach(config: Config, registry: Registry, lang: str | None = None) -> None:
    """Check ``config`` against the loaded rules; raise :class:`InvalidConfig` with every
    problem. (The engine adds the configuration's national documents itself.)"""
    problems = check_against(config, registry)
    if problems:
        raise InvalidConfig(problems, lang or config.lang)


def _unknown(
    source: str, path: str, message: str, name: str, candidates: list[str], **params: Any
) -> ConfigProblem:
    """A problem with an unknown ``name``, suggesting the closest of ``candidates`` if one is
    close (``message`` + ``_suggest``, with ``suggestion``)."""
    close = difflib.get_close_matches(name, candidates, n=1, cutoff=0.6)
    if not close:
        close = [k for k in candidates if k.casefold() == name.casefold()][:1]
    if close:
        return ConfigProblem(source, path, message + "_suggest", {**params, "suggestion": close[0]})
    return ConfigProblem(source, path, message, params)


def _param_type(default: Any) -> str:
    if isinstance(default, bool):
        return "boolean"
    if isinstance(default, (int, float)):
        return "number"
    if isinstance(default, str):
        return "string"
    if isinstance(default, (list, tuple)):
        return "array"
    return "value"


def _finite(value: Any) -> bool:
    """A number (not a boolean), neither nan nor infinite, at most 10**15 in size (larger ones
    turn checks off, or cannot even be printed)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    return (isinstance(value, int) or math.isfinite(value)) and abs(value) <= 10**15


_MAX_CONFIG_BYTES = 2**20

#: The configuration's message for a problem :func:`~cchc_rules.loading.files.read_limited`
#: finds (a folder, FIFO or device keeps the data message: it is the same problem).
_READ_PROBLEMS = {
    "data.file_not_found": "config.file_not_found",
    "data.file_unreadable": "config.unreadable",
    "data.too_large": "config.too_large",
}


def _fits(value: Any, expected: str) -> bool:
    if expected == "boolean":
        return isinstance(value, bool)
    if expected == "number":
        return _finite(value)
    if expected == "string":
        return isinstance(value, str)
    if expected == "array":
        return isinstance(value, list)
    return not isinstance(value, (list, dict))
