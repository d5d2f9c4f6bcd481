"""Helpers for testing rules and plugins: build data in a line, run one rule or one plugin, assert
on what it found. Plain functions with no global state, usable from pytest with no configuration::

    from cchc_rules.testing import assert_findings, assert_skipped, run_rule, unit

    import my_plugin

    def test_fires_just_below_the_target():
        report = run_rule("HP001", unit(plan={"tasks_total": 10, "tasks_done": 7}),
                          plugins=[my_plugin])
        assert_findings(report, units=["u1"], severity="warning", evidence={"done": 7})

Data goes through :func:`cchc_rules.load_mapping`, so it is validated exactly like a file (a typo
in a key is an error here, not a silent ``None``). Rules are looked up among the built-in plugins
and the ``plugins`` given; installed plugins (entry points) only with ``entry_points=True``, so a
test never depends on what happens to be installed. The assertions fail with a listing of every
finding, skip and error of the run, each message rendered in English.
"""

from __future__ import annotations

import datetime as _dt
import string
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import attrs

from .config import Config
from .configfile import InvalidConfig, check_against
from .engine import Engine
from .errors import DataError, DataIssue, PluginError
from .findings import Finding, Severity, Skip
from .hookspecs import hookimpl
from .loading import load_mapping
from .messages import PLURAL, Catalog, core_catalog, plural_forms
from .model import Dataset
from .plugins import PluginHost, Registry
from .report import Report
from .rule import Example, Rule

__all__ = [
    "DEFAULT_PERIOD",
    "BadTestData",
    "ExampleResult",
    "assert_examples",
    "assert_findings",
    "assert_no_findings",
    "assert_not_applicable",
    "assert_skipped",
    "dataset",
    "describe",
    "lint_rule",
    "make_engine",
    "run_examples",
    "run_plugin",
    "run_rule",
    "unit",
]

#: The period of datasets built here unless one is given (the first half of 2023).
DEFAULT_PERIOD: tuple[str, str] = ("2023-01-01", "2023-06-30")

DateLike = str | _dt.date
UnitData = Mapping[str, Any]
Data = Dataset | UnitData | Sequence[UnitData]
ConfigLike = Config | Mapping[str, Any]


class BadTestData(DataError):
    """Test data that does not load cleanly; the message lists every issue, in English."""

    def __str__(self) -> str:
        return "invalid test data:\n" + "\n".join(f"  {_issue_text(i)}" for i in self.issues)


def _issue_text(issue: DataIssue, lang: str = "en", catalog: Catalog | None = None) -> str:
    if catalog is None:
        catalog = core_catalog()
    where = f"{issue.location}: " if issue.location else ""
    level = catalog.render(f"label.{'error' if issue.is_error else 'warning'}", None, lang)
    return f"{where}{level}: {catalog.render(issue.message, issue.params, lang)}"


# -- building data ----------------------------------------------------------------------------
def unit(
    id: str | None = None,
    *,
    name: str | None = None,
    kind: str | None = None,
    parent: str | None = None,
    **fields: Any,
) -> dict[str, Any]:
    """One unit in ``cchc/1`` form, e.g. ``unit(kind="phuong", egov={"signature_units_total": 3})``.

    ``id`` and ``name`` may be left out: :func:`dataset` numbers such units ``u1``, ``u2``, … by
    position. Other keyword arguments are unit fields and sections, exactly as in a data file.
    """
    out: dict[str, Any] = {}
    for key, value in (("id", id), ("name", name), ("kind", kind), ("parent", parent)):
        if value is not None:
            out[key] = value
    out.update(fields)
    return out


def _period(period: tuple[DateLike, DateLike] | Mapping[str, DateLike]) -> dict[str, DateLike]:
    if isinstance(period, Mapping):
        return dict(period)
    start, end = period
    return {"start": start, "end": end}


def dataset(
    *units: UnitData | Sequence[UnitData],
    period: tuple[DateLike, DateLike] | Mapping[str, DateLike] = DEFAULT_PERIOD,
    strict: bool = True,
    **fields: Any,
) -> Dataset:
    """A dataset of ``units`` (mappings, e.g. from :func:`unit`) over ``period``.

    ``fields`` are other ``[dataset]`` keys (``title``, ``reported_by``, ``report``). With
    ``strict`` (the default) any data error *or warning* raises :class:`BadTestData`, because in a
    test it is a typo; ``strict=False`` returns the dataset with its issues, to test how a rule
    treats dropped data.
    """
    flat: list[UnitData] = []
    for item in units:
        flat.extend([item] if isinstance(item, Mapping) else item)
    tree_units = []
    for i, raw in enumerate(flat, start=1):
        u = dict(raw)
        u.setdefault("id", f"u{i}")
        u.setdefault("name", u["id"])
        tree_units.append(u)
    meta = {**fields, "period": _period(period)}
    tree = {"schema": "cchc/1", "dataset": meta, "units": tree_units}
    data = load_mapping(tree, source="<test data>")
    if strict and data.issues:
        raise BadTestData(tuple(data.issues))
    return data


def _as_dataset(data: Data, period: tuple[DateLike, DateLike]) -> Dataset:
    if isinstance(data, Dataset):
        return data
    if isinstance(data, Mapping):
        return dataset(data, period=period)
    return dataset(*data, period=period)


# -- running ----------------------------------------------------------------------------------
class _RulePlugin:
    """A plugin registering rules given directly (a :class:`Rule` that no plugin registers)."""

    def __init__(self, *rules: Rule) -> None:
        self.rules = rules
        self.__name__ = "rules:" + ",".join(r.id for r in rules)

    @hookimpl
    def cchc_register_rules(self, register: Callable[[Rule], None]) -> None:
        for r in self.rules:
            register(r)


def _plugin_name(host: PluginHost, obj: Any) -> str:
    """Register ``obj`` unless it is already loaded (a built-in module); return its name."""
    name = host.pm.get_name(obj)
    if name is not None:
        return name
    name = getattr(obj, "__name__", None) or type(obj).__name__
    host.register(obj, name, "object", repr(obj), getattr(obj, "__version__", "") or "")
    return name


def _load(plugins: Iterable[Any], entry_points: bool) -> tuple[Registry, tuple[str, ...]]:
    host = PluginHost(entry_points=entry_points)
    names = tuple(_plugin_name(host, p) for p in plugins)
    registry = host.collect()
    if registry.failures:
        listing = "; ".join(f"{f.plugin}: {f.message}" for f in registry.failures)
        raise PluginError(f"plugins failed to load: {listing}", plugin=registry.failures[0].plugin)
    return registry, names


def make_engine(*plugins: Any, config: Config | None = None, entry_points: bool = False) -> Engine:
    """An engine with the built-in plugins and ``plugins`` (modules or objects with hooks).

    Unlike :meth:`Engine.default`, it ignores ``CCHC_DISABLE_PLUGINS`` and, unless
    ``entry_points``, installed plugins; any plugin failure raises
    :class:`~cchc_rules.PluginError` instead of being reported.
    """
    registry, _ = _load(plugins, entry_points)
    return Engine(registry, config)


def _only(engine: Engine, rules: Iterable[Rule], config: Config) -> Engine:
    """An engine that runs only ``rules`` (with every message, law and renderer of ``engine``)."""
    registry = attrs.evolve(engine.registry, rules={r.id: r for r in rules})
    return Engine(registry, config)


def _find(registry: Registry, rule: Rule | str) -> Rule:
    rid = rule.id if isinstance(rule, Rule) else rule
    found = registry.rules.get(rid)
    if found is None:
        known = ", ".join(sorted(registry.rules)) or "none"
        raise PluginError(
            f"no rule {rid!r} is registered (known: {known}); pass the plugin that registers "
            "it as plugins=[module]",
            rule_id=rid,
        )
    if isinstance(rule, Rule) and found.check is not rule.check:
        raise PluginError(
            f"rule id {rid} is already registered by plugin {found.plugin!r}",
            plugin=found.plugin,
            rule_id=rid,
        )
    return found


def _engine_for(
    rule: Rule | str, plugins: Iterable[Any], entry_points: bool
) -> tuple[Engine, Rule]:
    """An engine holding ``rule`` (registering a :class:`Rule` no plugin registers) and it."""
    plugins = list(plugins)
    engine = make_engine(*plugins, entry_points=entry_points)
    if isinstance(rule, Rule) and rule.id not in engine.registry.rules:
        engine = make_engine(*plugins, _RulePlugin(rule), entry_points=entry_points)
    return engine, _find(engine.registry, rule)


def _base_config(config: ConfigLike | None) -> Config:
    """``config`` as a :class:`Config`: a mapping is read as ``cchc.toml``'s content, validated
    like the file (:meth:`Config.from_mapping`)."""
    if config is None:
        return Config()
    if isinstance(config, Config):
        return config
    if isinstance(config, Mapping):
        return Config.from_mapping(config, source="<test config>")
    raise TypeError(
        f"config must be a Config or a mapping as in cchc.toml, not {type(config).__name__}"
    )


def _config(
    base: ConfigLike | None,
    registry: Registry,
    params: Mapping[str, Mapping[str, Any]] | None,
    kind_params: Mapping[str, Mapping[str, Mapping[str, Any]]] | None,
    severity: Mapping[str, str | Severity] | None,
    timeout: float | None,
) -> Config:
    """``base`` (checked against the loaded rules: an unknown rule or parameter raises
    ``ConfigError``) with the keyword overrides of :func:`run_rule` / :func:`run_plugin` on top
    (taken as given, so a test can pass what a configuration could not)."""
    config = _base_config(base)
    problems = check_against(config, registry)
    if problems:
        raise InvalidConfig(problems, "en")
    merged_params = {rid: dict(v) for rid, v in config.params.items()}
    for rid, values in (params or {}).items():
        merged_params.setdefault(rid, {}).update(values)
    merged_kinds = {
        rid: {k: dict(v) for k, v in ks.items()} for rid, ks in config.kind_params.items()
    }
    for rid, kinds in (kind_params or {}).items():
        for kind, values in kinds.items():
            merged_kinds.setdefault(rid, {}).setdefault(kind, {}).update(values)
    return attrs.evolve(
        config,
        params=merged_params,
        kind_params=merged_kinds,
        severity={
            **config.severity,
            **{k: Severity.parse(v) for k, v in (severity or {}).items()},
        },
        rule_timeout=config.rule_timeout if timeout is None else timeout,
    )


def run_rule(
    rule: Rule | str,
    data: Data,
    *,
    params: Mapping[str, Any] | None = None,
    kind_params: Mapping[str, Mapping[str, Any]] | None = None,
    severity: str | Severity | None = None,
    plugins: Iterable[Any] = (),
    entry_points: bool = False,
    period: tuple[DateLike, DateLike] = DEFAULT_PERIOD,
    timeout: float | None = None,
    config: ConfigLike | None = None,
) -> Report:
    """Run one rule on ``data`` (a unit mapping, a list of them or a :class:`Dataset`).

    ``rule`` is a rule id, or a :class:`Rule` (registered for the run when no plugin does).
    ``config`` is a :class:`Config` or a mapping as ``cchc.toml`` holds it (validated like the
    file: a typo raises ``ConfigError``); ``params`` and ``kind_params`` (``{kind: {name:
    value}}``) override the rule's parameters and ``severity`` its severity, over ``config``;
    ``timeout`` is the rule timeout in seconds (default: the configuration's, 10).
    """
    engine, target = _engine_for(rule, plugins, entry_points)
    config = _config(
        config,
        engine.registry,
        {target.id: params} if params else None,
        {target.id: kind_params} if kind_params else None,
        {target.id: severity} if severity is not None else None,
        timeout,
    )
    return _only(engine, (target,), config).run(_as_dataset(data, period))


def run_plugin(
    plugin: Any,
    data: Data,
    *,
    params: Mapping[str, Mapping[str, Any]] | None = None,
    kind_params: Mapping[str, Mapping[str, Mapping[str, Any]]] | None = None,
    severity: Mapping[str, str | Severity] | None = None,
    period: tuple[DateLike, DateLike] = DEFAULT_PERIOD,
    timeout: float | None = None,
    config: ConfigLike | None = None,
) -> Report:
    """Run every rule that ``plugin`` (a module or an object with hooks) registers on ``data``.

    ``config`` as for :func:`run_rule`; ``params``, ``kind_params`` and ``severity`` are keyed
    by rule id, as in a configuration, and override it.
    """
    registry, (name,) = _load((plugin,), False)
    rules = [r for r in registry.rules.values() if r.plugin == name]
    if not rules:
        raise PluginError(f"plugin {name!r} registers no rule", plugin=name)
    config = _config(config, registry, params, kind_params, severity, timeout)
    return _only(Engine(registry), rules, config).run(_as_dataset(data, period))


# -- assertions -------------------------------------------------------------------------------
def _finding_line(report: Report, f: Finding) -> str:
    subject = f" [{f.subject}]" if f.subject else ""
    evidence = ", ".join(f"{k}={v!r}" for k, v in f.evidence.items())
    return (
        f"{f.rule} on {f.unit}{subject}: {f.severity.label}, {f.message} {{{evidence}}}\n"
        f"      {report.message(f, lang='en')}"
    )


def _skip_line(report: Report, s: Skip) -> str:
    subject = f" [{s.subject}]" if s.subject else ""
    return f"{s.rule} on {s.unit}{subject}: {s.reason}: {report.message(s, lang='en')}"


def describe(report: Report) -> str:
    """Everything a run produced, one item a line: for failure messages and debugging."""
    lines = [f"findings ({len(report.findings)}):"]
    lines += [f"  - {_finding_line(report, f)}" for f in report.findings]
    lines.append(f"skipped ({len(report.skipped)}):")
    lines += [f"  - {_skip_line(report, s)}" for s in report.skipped]
    not_applicable = [
        f"  - {rid} on {', '.join(sorted(uids))}"
        for rid, uids in sorted(report.not_applicable.items())
        if uids
    ]
    lines.append(f"not applicable ({len(not_applicable)}):")
    lines += not_applicable
    problems = [
        f"  - {e.rule} ({e.plugin}) on {e.unit}: {report.text(e.message, e.params, lang='en')}"
        for e in report.rule_errors
    ] + [f"  - plugin {p.plugin}: {p.message}" for p in report.plugin_failures]
    lines.append(f"errors ({len(problems)}):")
    lines += problems
    return "\n".join(lines)


def _fail(report: Report, message: str) -> None:
    __tracebackhide__ = True
    raise AssertionError(f"{message}\n{describe(report)}")


def _no_errors(report: Report) -> None:
    __tracebackhide__ = True
    if report.rule_errors or report.plugin_failures:
        _fail(report, "the run had rule or plugin errors")


def _message_matches(full: str, wanted: str | None) -> bool:
    return wanted is None or full == wanted or full.endswith("." + wanted)


def _matching(
    report: Report, rule: str | None, unit: str | None, subject: str | None, message: str | None
) -> list[Finding]:
    return [
        f
        for f in report.findings
        if (rule is None or f.rule == rule)
        and (unit is None or f.unit == unit)
        and (subject is None or subject in (f.subject, f.key))
        and _message_matches(f.message, message)
    ]


def _what(rule: str | None, unit: str | None, subject: str | None, message: str | None) -> str:
    parts = [
        f"{label} {value!r}"
        for label, value in (
            ("rule", rule),
            ("unit", unit),
            ("subject", subject),
            ("message", message),
        )
        if value is not None
    ]
    return "findings" + (" of " + ", ".join(parts) if parts else "")


def assert_findings(
    report: Report,
    *,
    rule: str | None = None,
    unit: str | None = None,
    subject: str | None = None,
    message: str | None = None,
    units: Iterable[str] | None = None,
    severity: str | Severity | None = None,
    evidence: Mapping[str, Any] | None = None,
    count: int | None = None,
) -> tuple[Finding, ...]:
    """Assert that the run found something, and return the matching findings.

    ``rule``, ``unit``, ``subject`` (display name or key) and ``message`` (local key or full id)
    choose the findings; then at least one must match, and: ``units`` is exactly the set of units
    they are on; every one has ``severity``; every one's evidence holds the items of ``evidence``
    (compared with ``==``); there are ``count`` of them. A run with rule or plugin errors fails.
    """
    __tracebackhide__ = True
    _no_errors(report)
    what = _what(rule, unit, subject, message)
    found = _matching(report, rule, unit, subject, message)
    if not found:
        _fail(report, f"expected {what}, found none")
    if units is not None:
        want, got = set(units), {f.unit for f in found}
        if want != got:
            _fail(
                report,
                f"expected {what} on units {sorted(want)}, found them on {sorted(got)} "
                f"(missing {sorted(want - got)}, unexpected {sorted(got - want)})",
            )
    if severity is not None:
        sev = Severity.parse(severity)
        wrong = [f for f in found if f.severity != sev]
        if wrong:
            _fail(
                report,
                f"expected {what} to be {sev.label}, "
                + "; ".join(f"{f.unit}: {f.severity.label}" for f in wrong),
            )
    if evidence is not None:
        for f in found:
            diff = [
                f"{k}: expected {v!r}, got "
                + (repr(f.evidence[k]) if k in f.evidence else "nothing")
                for k, v in evidence.items()
                if k not in f.evidence or f.evidence[k] != v
            ]
            if diff:
                _fail(report, f"evidence of {f.rule} on {f.unit} differs: " + "; ".join(diff))
    if count is not None and len(found) != count:
        one = what.replace("findings", "finding", 1) if count == 1 else what  # 1 finding
        _fail(report, f"expected {count} {one}, found {len(found)}")
    return tuple(found)


def assert_no_findings(
    report: Report,
    *,
    rule: str | None = None,
    unit: str | None = None,
    subject: str | None = None,
    message: str | None = None,
) -> None:
    """Assert that the run found nothing (of ``rule``, on ``unit``, …) and had no errors."""
    __tracebackhide__ = True
    _no_errors(report)
    found = _matching(report, rule, unit, subject, message)
    if found:
        what = _what(rule, unit, subject, message)
        _fail(report, f"expected no {what}, found {len(found)}")


def assert_skipped(
    report: Report,
    *,
    rule: str | None = None,
    unit: str | None = None,
    reason: str | None = None,
    subject: str | None = None,
    units: Iterable[str] | None = None,
) -> tuple[Skip, ...]:
    """Assert that a rule was skipped (on ``unit``, for ``reason``: a local key or a full id
    such as ``skip.missing_fields``; of ``subject``, for a skip of one entry) and return the
    matching skips; ``units`` is exactly the set of units skipped."""
    __tracebackhide__ = True
    _no_errors(report)
    found = [
        s
        for s in report.skipped
        if (rule is None or s.rule == rule)
        and (unit is None or s.unit == unit)
        and (subject is None or s.subject == subject)
        and _message_matches(s.reason, reason)
    ]
    what = "skips" + "".join(
        f" {label} {value!r}"
        for label, value in (("of rule", rule), ("on", unit), ("for", reason), ("of", subject))
        if value is not None
    )
    if not found:
        _fail(report, f"expected {what}, found none")
    if units is not None and set(units) != {s.unit for s in found}:
        _fail(report, f"expected {what} on units {sorted(set(units))}")
    return tuple(found)


def assert_not_applicable(
    report: Report,
    *,
    rule: str | None = None,
    unit: str | None = None,
    units: Iterable[str] | None = None,
) -> tuple[tuple[str, str], ...]:
    """Assert that a rule was *not applicable* (on ``unit``): the unit has no data the rule
    checks (its ``section`` is absent, or the check said so), which counts apart from skips and
    passes. Return the matching ``(rule, unit)`` pairs; ``units`` is exactly the set of units
    concerned. A run with rule or plugin errors fails."""
    __tracebackhide__ = True
    _no_errors(report)
    found = sorted(
        (rid, uid)
        for rid, uids in report.not_applicable.items()
        if rule is None or rid == rule
        for uid in uids
        if unit is None or uid == unit
    )
    what = "not applicable" + "".join(
        f" {label} {value!r}" for label, value in (("rule", rule), ("on", unit)) if value
    )
    if not found:
        _fail(report, f"expected {what}, found none")
    if units is not None and set(units) != {uid for _, uid in found}:
        got = sorted({uid for _, uid in found})
        _fail(report, f"expected {what} on units {sorted(set(units))}, found {got}")
    return tuple(found)


# -- declared examples ------------------------------------------------------------------------
@attrs.frozen
class ExampleResult:
    """The outcome of one declared :class:`~cchc_rules.Example` of a rule."""

    rule: str
    index: int
    example: Example
    problems: tuple[str, ...]
    findings: tuple[Finding, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems

    def label(self, lang: str = "en") -> str:
        """``ST001 examples[0] (fires)``: the rule, the example's index and what it expects, with
        its note, in ``lang``."""
        words = _WORDS.get(lang, _WORDS["en"])
        kind = words["fires" if self.example.fires else "quiet"]
        if self.example.skips:
            kind += words["skips"]
        note = self.example.note_text(lang)
        note = f", {note}" if note else ""
        return f"{self.rule} examples[{self.index}] ({kind}{note})"


def _example_dataset(example: Example) -> Dataset:
    main = dict(example.unit)
    main.setdefault("id", "example")
    others = [unit(**{"id": f"example-{i}", **u}) for i, u in enumerate(example.units, start=2)]
    return dataset(main, *others, period=example.period, strict=False, **example.dataset)


_WORDS = {
    "en": {
        "fires": "fires",
        "quiet": "must not fire",
        "skips": ", skipped",
        "not_skipped": "not skipped",
        "invalid": "invalid example data: {detail}",
        "missed": "missed: no finding",
        "skipped": " (skipped: {reasons})",
        "unexpected": "unexpected finding on {unit}: {message}",
        "severity": "expected severity {want}, found {got}: {message}",
    },
    "vi": {
        "fires": "phải phát hiện",
        "quiet": "không được phát hiện",
        "skips": ", bị bỏ qua",
        "not_skipped": "không bị bỏ qua",
        "invalid": "dữ liệu ví dụ không hợp lệ: {detail}",
        "missed": "bỏ sót: không có phát hiện nào",
        "skipped": " (bị bỏ qua: {reasons})",
        "unexpected": "phát hiện ngoài dự kiến tại {unit}: {message}",
        "severity": "cần mức độ {want}, nhận được {got}: {message}",
    },
}


def _check_example(
    engine: Engine, rule: Rule, index: int, example: Example, lang: str
) -> ExampleResult:
    words = _WORDS.get(lang, _WORDS["en"])
    data = _example_dataset(example)
    if data.issues:
        issues = tuple(
            words["invalid"].format(detail=_issue_text(i, lang, engine.registry.messages))
            for i in data.issues
        )
        return ExampleResult(rule.id, index, example, issues)
    config = Config(params={rule.id: dict(example.params)}, rule_timeout=engine.config.rule_timeout)
    report = _only(engine, (rule,), config).run(data)
    found = tuple(f for f in report.findings if f.rule == rule.id)
    problems = [report.text(e.message, e.params, lang=lang) for e in report.rule_errors]
    if example.fires and not found:
        reasons = "; ".join(report.message(s, lang=lang) for s in report.skipped)
        problems.append(
            words["missed"] + (words["skipped"].format(reasons=reasons) if reasons else "")
        )
    elif not example.fires:
        problems += [
            words["unexpected"].format(unit=f.unit, message=report.message(f, lang=lang))
            for f in found
        ]
    if example.skips and not any(s.rule == rule.id for s in report.skipped):
        problems.append(words["not_skipped"])
    if example.fires and found and example.severity is not None:
        want = Severity.parse(example.severity)
        problems += [
            words["severity"].format(
                want=want.label, got=f.severity.label, message=report.message(f, lang=lang)
            )
            for f in found
            if f.severity != want
        ]
    return ExampleResult(rule.id, index, example, tuple(problems), found)


def run_examples(
    rule: Rule | str,
    *,
    engine: Engine | None = None,
    plugins: Iterable[Any] = (),
    lang: str = "en",
) -> tuple[ExampleResult, ...]:
    """Run each declared example of ``rule`` on its own one-unit dataset.

    The rule is looked up in ``engine`` (by default: the built-in plugins and ``plugins``; a
    :class:`Rule` no plugin registers is registered for the run). An example fails when it
    should fire and does not, fires when it should not, fires with another severity than the
    one it pins, is not skipped though it declares ``skips=True``, makes the rule raise, or its
    data does not load cleanly. Problems are described in ``lang``'s messages.
    """
    if engine is None:
        engine, target = _engine_for(rule, plugins, False)
    else:
        target = _find(engine.registry, rule)
    return tuple(
        _check_example(engine, target, i, ex, lang) for i, ex in enumerate(target.examples)
    )


def assert_examples(rule: Rule | str, *, plugins: Iterable[Any] = ()) -> None:
    """Assert that every declared example of ``rule`` holds, and that it declares at least one
    that fires and one that does not."""
    __tracebackhide__ = True
    results = run_examples(rule, plugins=plugins)
    rid = rule.id if isinstance(rule, Rule) else rule
    problems = [f"{r.label()}: {p}" for r in results for p in r.problems]
    kinds = {r.example.fires for r in results}
    if True not in kinds:
        problems.append(f"{rid}: no example that fires")
    if False not in kinds:
        problems.append(f"{rid}: no example that must not fire")
    if problems:
        raise AssertionError("\n".join(problems))


# -- rule declarations ------------------------------------------------------------------------
def lint_rule(rule: Rule) -> tuple[str, ...]:
    """Problems in a rule's declaration that no example can show: a title or message missing in
    Vietnamese or English, text not in Unicode NFC, the two languages using different fields,
    malformed plural forms (``{n:plural|one=…|other=…}``)."""
    problems: list[str] = []
    texts = {"title": rule.title, **{f"message {k!r}": v for k, v in rule.messages.items()}}
    for what, by_lang in texts.items():
        missing = [lang for lang in ("vi", "en") if not by_lang.get(lang, "").strip()]
        if missing:
            problems.append(f"{rule.id}: {what} has no {' or '.join(missing)} text")
        for lang, text in by_lang.items():
            if unicodedata.normalize("NFC", text) != text:
                problems.append(f"{rule.id}: {what} ({lang}) is not in Unicode NFC")
        if what == "title" or missing:
            continue
        try:
            parsed = {lang: list(string.Formatter().parse(by_lang[lang])) for lang in ("vi", "en")}
            for items in parsed.values():
                for _, _, spec, _ in items:
                    if spec and spec.startswith(PLURAL):
                        plural_forms(spec)
        except ValueError as exc:
            problems.append(f"{rule.id}: {what} is not a valid template: {exc}")
            continue
        fields = {lang: {f for _, f, _, _ in items if f} for lang, items in parsed.items()}
        if fields["vi"] != fields["en"]:
            problems.append(
                f"{rule.id}: {what} uses fields {sorted(fields['vi'])} in vi "
                f"but {sorted(fields['en'])} in en"
            )
    return tuple(problems)
