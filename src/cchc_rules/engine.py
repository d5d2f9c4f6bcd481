"""The engine: runs every selected rule on every unit, contains failures, produces a report.

No I/O and no global state: two engines with different configurations work side by side.
"""

from __future__ import annotations

import datetime as _dt
import os
import traceback
from collections.abc import Callable, Iterable, Mapping
from operator import attrgetter
from pathlib import Path
from typing import Any

import attrs

from ._gc import paused_gc
from ._order import Notes, Ranks, in_order
from ._safe import safe_str, stable_repr
from ._watchdog import RuleTimeout, Watchdog
from .config import Config, today
from .context import Context, NotApplicable
from .entries import split_entries
from .errors import UsageError
from .evidence import safe_finding
from .findings import ERROR_ORDER, FINDING_ORDER, SKIP_ORDER, Finding, RuleError, Skip
from .isolation import available as isolation_available
from .isolation import plugin_sources, probe_plugins, run_isolated
from .model import SECTIONS, Dataset, Unit
from .plugins import BUILTIN_PLUGINS, PluginFailure, PluginHost, Registry, load_timeout
from .report import Report, Summary
from .rule import Rule
from .waivers import apply_waivers

__all__ = ["DISABLE_ENV", "Engine"]

#: Environment variable naming plugins (comma-separated) not to load.
DISABLE_ENV = "CCHC_DISABLE_PLUGINS"

ProgressCallback = Callable[[int, int], None]
BUILTIN_NAMES = frozenset(name for name, _ in BUILTIN_PLUGINS)


def _where(exc: BaseException) -> str:
    """``file:line`` of the innermost frame, to locate a rule's bug without a traceback dump."""
    tb = traceback.extract_tb(exc.__traceback__)
    if not tb:
        return ""
    frame = tb[-1]
    return f" ({os.path.basename(frame.filename)}:{frame.lineno})"


class Engine:
    """Holds the registered rules and a configuration; :meth:`run` checks a dataset."""

    def __init__(self, registry: Registry, config: Config | None = None) -> None:
        self.registry = registry
        self.config = config or Config()
        #: Called (from the watchdog's thread, with the rule id) when a rule ignores repeated
        #: interrupts; ``None``: keep interrupting. The command line ends the process there.
        self.on_stuck: Callable[[str], None] | None = None
        # the configuration's national documents take precedence over the plugins'; a new
        # table, so engines sharing a registry (with_config) do not see each other's
        docs = self.config.documents
        self.documents = registry.documents.extended(docs) if docs else registry.documents

    @classmethod
    def default(
        cls,
        config: Config | None = None,
        *,
        plugins: Iterable[Any] = (),
        plugin_dirs: Iterable[str | Path] = (),
        entry_points: bool = True,
        env: Mapping[str, str] | None = None,
    ) -> Engine:
        """An engine with the built-in plugins, installed plugins (entry points), the modules and
        folders named in ``config`` and the plugin objects in ``plugins``.

        ``env`` (default: ``os.environ``) is read for ``CCHC_DISABLE_PLUGINS``.
        """
        config = config or Config()
        environ = os.environ if env is None else env
        blocked = [*config.disable_plugins, *environ.get(DISABLE_ENV, "").split(",")]
        dirs = [*config.plugin_dirs, *plugin_dirs]
        unsafe: list[PluginFailure] = []
        if config.isolation == "process" and not isolation_available():
            raise UsageError('isolation = "process" needs worker processes (os.fork, POSIX)')
        if config.isolation == "process":  # try each plugin in a worker before loading it here
            sources = plugin_sources(entry_points, config.plugins, dirs)
            for name, exc in probe_plugins(sources, blocked, load_timeout(config.rule_timeout)):
                blocked.append(name)
                unsafe.append(PluginFailure(name, exc.message_id, exc.params, "worker"))
        # a plugin that hangs at import or registration is interrupted (in Python code); the
        # budget is for all of them, and generous: a slow machine must not fail a good plugin
        with Watchdog(load_timeout(config.rule_timeout)) as guard:
            guard.active = True
            host = PluginHost(
                entry_points=entry_points,
                modules=config.plugins,
                plugin_dirs=dirs,
                objects=plugins,
                blocked=blocked,
            )
            registry = host.collect()
            guard.active = False
        if unsafe:
            registry.failures = sorted([*registry.failures, *unsafe], key=PluginFailure.sort_key)
        return cls(registry, config)

    def with_config(self, config: Config) -> Engine:
        """The same plugins under another configuration."""
        return Engine(self.registry, config)

    @property
    def rules(self) -> tuple[Rule, ...]:
        """The rules this engine runs (selected by the configuration), by id."""
        cfg = self.config
        return tuple(
            r for _, r in sorted(self.registry.rules.items()) if cfg.selects(r.id, r.family)
        )

    def context(self, rule: Rule, dataset: Dataset) -> Context:
        """The context ``rule`` sees when run on ``dataset`` under this configuration."""
        cfg = self.config
        return Context(
            rule,
            dataset,
            self.registry.law,
            config=cfg,
            severity=cfg.severity.get(rule.id),
            services={"documents": self.documents},
        )

    def _check(
        self,
        rules: tuple[Rule, ...],
        dataset: Dataset,
        units: tuple[Unit, ...],
        progress: ProgressCallback | None = None,
        ranks: Ranks | None = None,
        ids: list[str] | None = None,
    ) -> _Checked:
        """Every rule over ``units`` (all of the dataset's, or one worker's share); with
        ``ranks``, the report's order of each finding and skip is noted as it comes. ``ids``
        are the units' ids, if known."""
        findings: list[Finding] = []
        skipped: list[Skip] = []
        errors: list[RuleError] = []
        not_applicable: dict[str, frozenset[str]] = {}
        evaluations = 0
        cfg = self.config
        isolate = cfg.isolation == "process"  # each rule in a worker process (isolation.py)
        timeout = None if isolate else cfg.rule_timeout
        notes = None
        if ranks is not None and not isolate:
            notes = ranks.notes([u.id for u in units] if ids is None else ids)
        with paused_gc(), Watchdog(timeout, self.on_stuck) as guard:
            for i, rule in enumerate(rules):
                ctx = self.context(rule, dataset)
                guard.current = rule.id
                out = (findings, skipped, errors)
                if isolate:
                    evals, na = run_isolated(_run_rule, rule, ctx, units, out, cfg)
                else:
                    evals, na = _run_rule(rule, ctx, units, guard, out, cfg, notes)
                evaluations += evals
                if na:
                    not_applicable[rule.id] = frozenset(na)
                if progress is not None:
                    progress(i + 1, len(rules))
        codes = notes.codes() if notes is not None else None
        return findings, skipped, errors, evaluations, not_applicable, codes

    def run(
        self,
        dataset: Dataset,
        *,
        progress: ProgressCallback | None = None,
        as_of: _dt.date | None = None,
        jobs: int = 1,
    ) -> Report:
        """Run every selected rule on every unit of ``dataset``.

        A rule that raises, hangs past ``config.rule_timeout`` seconds or returns something that
        is not a finding becomes a :class:`~cchc_rules.findings.RuleError`; every other rule's
        findings are still delivered. ``progress(done, total)`` is called after each rule.
        The configuration's waivers are judged at ``as_of`` (else ``config.as_of``, else today),
        which the report records; waived findings stay in the report, marked.
        ``jobs`` > 1 shares the units among as many forked processes (POSIX; large datasets):
        the report is the same as one process gives.
        """
        rules = self.rules
        units = dataset.units
        ids = [u.id for u in units]
        # the report's order, noted as findings come (not when each rule runs in a process)
        ranks = None if self.config.isolation == "process" else Ranks.of(ids, [r.id for r in rules])
        if (
            jobs > 1
            and len(units) > jobs
            and self.config.isolation != "process"
            and isolation_available()
        ):
            from .jobs import run_in_processes

            parts = run_in_processes(
                lambda chunk: self._check(rules, dataset, chunk, ranks=ranks), units, jobs
            )
            findings, skipped, errors, evaluations, not_applicable, codes = _merge(rules, parts)
            if progress is not None:
                progress(len(rules), len(rules))
        else:
            findings, skipped, errors, evaluations, not_applicable, codes = self._check(
                rules, dataset, units, progress, ranks, ids
            )
        findings = in_order(findings, codes and codes[0], FINDING_ORDER)
        skipped = in_order(skipped, codes and codes[1], SKIP_ORDER)
        errors.sort(key=ERROR_ORDER)
        summary = Summary.count(
            units=len(units),
            rules=len(rules),
            evaluations=evaluations,
            findings=findings,
            not_applicable=sum(len(v) for v in not_applicable.values()),
            skipped=len(skipped),
            rule_errors=len(errors),
            data_errors=len(dataset.errors),
            plugin_failures=len(self.registry.failures),
        )
        report = Report(
            dataset=dataset,
            findings=tuple(findings),
            skipped=tuple(skipped),
            rule_errors=tuple(errors),
            plugin_failures=tuple(self.registry.failures),
            summary=summary,
            rules=rules,
            registry=self.registry,
            config=self.config,
            not_applicable=not_applicable,
        )
        return apply_waivers(report, as_of or self.config.as_of or today())


#: A run's findings, skips, rule errors, evaluations, units not applicable per rule, and the
#: order codes of the findings and skips (``None`` when not noted, see :mod:`._order`).
_Checked = tuple[
    list[Finding],
    list[Skip],
    list[RuleError],
    int,
    dict[str, frozenset[str]],
    tuple[list[int], list[int]] | None,
]


def _merge(rules: tuple[Rule, ...], parts: list[_Checked]) -> _Checked:
    """The workers' results (in the units' order) as one run's."""
    findings = [f for p in parts for f in p[0]]
    skipped = [s for p in parts for s in p[1]]
    errors = [e for p in parts for e in p[2]]
    not_applicable = {}
    for rule in rules:
        na = frozenset().union(*(p[4].get(rule.id, frozenset()) for p in parts))
        if na:
            not_applicable[rule.id] = na
    codes: tuple[list[int], list[int]] | None = None
    noted = [p[5] for p in parts]
    if all(c is not None for c in noted):
        codes = ([x for c in noted if c for x in c[0]], [x for c in noted if c for x in c[1]])
    return findings, skipped, errors, sum(p[3] for p in parts), not_applicable, codes


def _run_rule(
    rule: Rule,
    ctx: Context,
    units: tuple[Unit, ...],
    guard: Watchdog,
    out_lists: tuple[list[Finding], list[Skip], list[RuleError]],
    config: Config,
    notes: Notes | None = None,
) -> tuple[int, list[str]]:
    """Run one rule over every unit; return the evaluation count and the units it did not fit.

    Whatever a check raises (``SystemExit``, ``GeneratorExit``, any ``BaseException`` but the
    user's ``KeyboardInterrupt``) becomes a rule error; a rule that gives more findings (or
    skips) on one unit, or more errors, than the configuration's limits is stopped there, and
    says so. ``notes``, if given, get the report-order code of each finding and skip appended.
    """
    findings, skipped, errors = out_lists
    timeout = config.rule_timeout
    per_unit = config.max_findings_per_unit
    trusted = rule.plugin in BUILTIN_NAMES  # a plugin's evidence is made safe to print
    max_findings = max_skips = 0
    max_errors = len(errors) + config.max_errors_per_rule
    section = rule.section
    requires = rule.requires
    check = rule.check
    rid = rule.id
    many = SECTIONS[section].many if section else False
    # a single record's required fields, read in one call (a tuple when there are several)
    read_required = attrgetter(*requires) if requires and not many else None
    several = len(requires) > 1
    evaluations = 0
    na: list[str] = []
    add_finding = findings.append
    noting = notes is not None and notes.valid and rid in notes.ranks.rules
    if notes is not None:
        if noting:  # what the loop below uses only when noting
            fcodes, scodes, by_unit = notes.findings, notes.skips, notes.by_unit
            rank, code_of = notes.ranks.rules[rid], notes.code
        else:
            notes.valid = False
    uid = ""
    here = 0
    for index, unit in enumerate(units):
        if section is not None:
            data = getattr(unit, section)
            lost = unit.dropped
            dropped = lost.get(section) if lost else None
            if dropped:
                skipped.append(
                    Skip(rid, unit.id, "skip.invalid_data", {"locations": "; ".join(dropped)})
                )
                if noting:
                    scodes.append(by_unit[index] + rank)
                if not many or not data:
                    continue
            elif not data:
                na.append(unit.id)
                continue
            if requires and many:  # per entry: the check sees the complete ones
                complete, lacking = split_entries(rid, unit.id, data, requires)
                if lacking:
                    skipped.extend(lacking)
                    if noting:
                        scodes.extend([by_unit[index] + rank] * len(lacking))
                    if not complete:
                        continue
                    only: dict[str, Any] = {section: complete}
                    unit = attrs.evolve(unit, **only)
            elif read_required is not None:
                got = read_required(data)
                if (None in got) if several else (got is None):
                    missing = [f for f in requires if getattr(data, f) is None]
                    if missing:
                        skipped.append(
                            Skip(
                                rid, unit.id, "skip.missing_fields", {"fields": ", ".join(missing)}
                            )
                        )
                        if noting:
                            scodes.append(by_unit[index] + rank)
                        continue
        evaluations += 1
        guard.seq += 1
        guard.active = True
        try:
            result = check(unit, ctx)
            if result is not None:
                first = True
                for item in (result,) if isinstance(result, NotApplicable) else result:
                    if first:  # the limits count from the unit's first item (most have none)
                        first = False
                        max_findings = len(findings) + per_unit
                        max_skips = len(skipped) + per_unit
                        uid = unit.id
                        if noting:
                            here = by_unit[index] + rank
                    if (
                        len(findings) >= max_findings
                        or len(errors) >= max_errors
                        or len(skipped) >= max_skips
                    ):
                        raise _LimitReached
                    if type(item) is Finding and item.rule == rid:
                        add_finding(item if trusted else safe_finding(item))
                        if noting:
                            fcodes.append(here if item.unit is uid else code_of(item.unit, rid))
                    elif type(item) is Skip and item.rule == rid:
                        skipped.append(item)
                        if noting:
                            scodes.append(here if item.unit is uid else code_of(item.unit, rid))
                    elif type(item) is NotApplicable and (item.rule, item.unit) == (rid, uid):
                        if not na or na[-1] != uid:
                            na.append(uid)
                            evaluations -= 1  # counted like a unit without the section
                    else:
                        errors.append(
                            RuleError(
                                rid,
                                rule.plugin,
                                unit.id,
                                "error.rule_garbage",
                                {"detail": _garbage(item)},
                            )
                        )
        except RuleTimeout:
            guard.active = False
            remaining = len(units) - index - 1
            errors.append(
                RuleError(
                    rid,
                    rule.plugin,
                    unit.id,
                    "error.rule_timeout",
                    {"seconds": timeout, "remaining": remaining},
                )
            )
            break
        except _LimitReached:
            guard.active = False
            limit = per_unit
            key = "max_findings_per_unit"
            if len(errors) >= max_errors:
                del errors[max_errors:]
                limit, key = config.max_errors_per_rule, "max_errors_per_rule"
            del findings[max_findings:]
            del skipped[max_skips:]
            if noting:
                del fcodes[max_findings:]
                del scodes[max_skips:]
            errors.append(
                RuleError(
                    rid, rule.plugin, unit.id, "error.rule_limit", {"limit": limit, "key": key}
                )
            )
            break
        except KeyboardInterrupt:
            raise
        except BaseException as exc:  # a rule never ends the run
            guard.active = False
            detail = f"{type(exc).__name__}: {safe_str(exc)}{_where(exc)}"
            errors.append(
                RuleError(rid, rule.plugin, unit.id, "error.rule_raised", {"detail": detail})
            )
            if len(errors) >= max_errors:
                errors.append(
                    RuleError(
                        rid,
                        rule.plugin,
                        unit.id,
                        "error.rule_limit",
                        {"limit": config.max_errors_per_rule, "key": "max_errors_per_rule"},
                    )
                )
                break
        finally:
            guard.active = False
    return evaluations, na


class _LimitReached(Exception):
    """A rule gave more findings or errors than the configuration allows."""


def _garbage(item: object) -> str:
    if isinstance(item, (Finding, Skip, NotApplicable)):
        return f"a {type(item).__name__} of rule {item.rule}"
    return stable_repr(item, 80)
