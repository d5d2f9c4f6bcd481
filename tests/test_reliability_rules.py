"""Rules and plugins that misbehave never end the run, flood it, or take the report with them."""

from __future__ import annotations

import io
import json
import sys
import zipfile

import attrs
import pytest

from cchc_rules import Config, Engine, Renderer, Rule, hookimpl, rule

from _support import dataset

MSG = {"m": {"vi": "vi {n}", "en": "en {n}"}}


def make_plugin(*rules: Rule, name: str = "test_plugin"):
    class Plugin:
        @hookimpl
        def cchc_register_rules(self, register):
            for r in rules:
                register(r)

    Plugin.__name__ = name
    return Plugin()


def run(*rules: Rule, config: Config | None = None, units=("a", "b")):
    cfg = attrs.evolve(config or Config(), select=("XX",))
    engine = Engine.default(cfg, plugins=[make_plugin(*rules)], entry_points=False, env={})
    return engine.run(dataset(*({"id": u, "name": u.upper()} for u in units)))


class Custom(BaseException):
    pass


def _raiser(exc: BaseException) -> Rule:
    @rule("XX001", family="test", severity="info", title="t", messages=MSG)
    def bad(unit, ctx):
        if unit.id == "a":
            raise exc
        yield ctx.finding(unit, "m", n=1)

    return bad


@pytest.mark.parametrize(
    "exc", [SystemExit(0), SystemExit(5), GeneratorExit(), Custom("x"), StopIteration()]
)
def test_base_exceptions_in_a_check_are_rule_errors(exc):
    report = run(_raiser(exc))
    (err,) = report.rule_errors
    assert (err.unit, err.message) == ("a", "error.rule_raised")
    assert type(exc).__name__ in err.params["detail"]
    assert [f.unit for f in report.findings] == ["b"]  # the other unit still checked


def test_an_exception_whose_str_raises_is_still_reported():
    class Nasty(Exception):
        def __str__(self):
            raise RuntimeError("no")

    report = run(_raiser(Nasty()))
    (err,) = report.rule_errors
    assert "Nasty" in err.params["detail"]
    json.loads(report.to_json())


def test_endless_findings_are_capped_and_reported():
    @rule("XX001", family="test", severity="info", title="t", messages=MSG)
    def flood(unit, ctx):
        while True:
            yield ctx.finding(unit, "m", n=1)

    report = run(flood, config=Config(max_findings_per_unit=50))
    assert len(report.findings) == 50
    (err,) = report.rule_errors
    assert err.message == "error.rule_limit"
    assert err.params == {"limit": 50, "key": "max_findings_per_unit"}


def test_the_limit_is_per_unit_and_exactly_the_limit_is_kept():
    @rule("XX001", family="test", severity="info", title="t", messages=MSG)
    def some(unit, ctx):
        for _ in range(50 if unit.id == "a" else 51):
            yield ctx.finding(unit, "m", n=1)

    report = run(some, config=Config(max_findings_per_unit=50))
    assert [f.unit for f in report.findings].count("a") == 50  # exactly the limit: kept
    (err,) = report.rule_errors  # one over it, on "b": stopped there
    assert (err.unit, err.message) == ("b", "error.rule_limit")


def test_endless_garbage_is_capped():
    @rule("XX001", family="test", severity="info", title="t", messages=MSG)
    def garbage(unit, ctx):
        while True:
            yield object()

    report = run(garbage, config=Config(max_errors_per_rule=10))
    assert len(report.rule_errors) == 11  # ten, then the limit itself
    assert report.rule_errors[-1].message == "error.rule_limit" or any(
        e.message == "error.rule_limit" for e in report.rule_errors
    )
    details = [e.params.get("detail", "") for e in report.rule_errors]
    assert all(" at 0x" not in d for d in details)  # no memory address: the same in every run


def test_garbage_repr_is_the_same_in_every_run():
    @rule("XX001", family="test", severity="info", title="t", messages=MSG)
    def garbage(unit, ctx):
        yield object()

    first = run(garbage).to_json()
    assert first == run(garbage).to_json()


def test_sys_exit_in_registration_is_a_plugin_failure():
    class Exiting:
        @hookimpl
        def cchc_register_rules(self, register):
            sys.exit(0)

    engine = Engine.default(plugins=[Exiting()], entry_points=False, env={})
    (failure,) = engine.registry.failures
    assert failure.message_id == "plugin.hook_failed"
    assert "SystemExit" in failure.params["detail"]
    assert engine.registry.rules  # the built-in rules are all there


def test_a_plugin_cannot_replace_a_built_in_renderer():
    class Hijack:
        @hookimpl
        def cchc_register_renderers(self, register):
            register(Renderer(name="json", render=lambda report, lang: "HIJACKED"))

    engine = Engine.default(plugins=[Hijack()], entry_points=False, env={})
    assert engine.registry.renderers["json"].plugin == "cchc.json"
    (failure,) = engine.registry.failures
    assert failure.message_id == "plugin.duplicate_renderer"
    assert failure.params["renderer"] == "json"


@pytest.mark.parametrize(
    "value",
    [float("nan"), float("inf"), 0, -1, True, 10**5000],
    ids=["nan", "inf", "0", "-1", "bool", "huge"],
)
def test_rule_timeout_must_be_a_finite_positive_number(value):
    from cchc_rules.configfile import config_from_mapping
    from cchc_rules.errors import ConfigError

    with pytest.raises(ConfigError, match="rule_timeout"):
        config_from_mapping({"rule_timeout": value}, source="t.toml")


def test_a_rule_cannot_change_what_the_next_rule_sees():
    @rule("XX001", family="test", severity="info", title="t", messages=MSG)
    def vandal(unit, ctx):
        ctx.dataset.by_id.clear()
        yield ctx.finding(unit, "m", n=1)

    @rule("XX002", family="test", severity="info", title="t", messages=MSG)
    def reader(unit, ctx):
        yield ctx.finding(unit, "m", n=len(ctx.dataset.by_id))

    report = run(vandal, reader)
    assert {e.rule for e in report.rule_errors} == {"XX001"}
    assert "read-only" in report.rule_errors[0].params["detail"]
    assert [f.evidence["n"] for f in report.findings] == [2, 2]


def test_evidence_is_always_strict_json_and_deterministic():
    class NoStr:
        def __str__(self):
            raise RuntimeError("no")

    @rule("XX001", family="test", severity="info", title="t", messages=MSG)
    def odd(unit, ctx):
        yield ctx.finding(
            unit,
            "m",
            n=1,
            inf=float("inf"),
            nan=float("nan"),
            obj=object(),
            nostr=NoStr(),
            huge=10**5000,
        )

    first = run(odd, units=("a",)).to_json()
    doc = json.loads(first, parse_constant=lambda c: pytest.fail(f"{c} in JSON"))
    evidence = doc["findings"][0]["evidence"]
    assert (evidence["inf"], evidence["nan"]) == ("inf", "nan")
    assert " at 0x" not in first and "digits" in evidence["huge"]
    assert first == run(odd, units=("a",)).to_json()


@pytest.mark.parametrize("fmt", ["table", "json", "md", "html", "csv", "xlsx", "junit"])
def test_odd_evidence_renders_in_every_format_the_same_each_run(fmt):
    class NoStr:
        def __str__(self):
            raise RuntimeError("no")

        __repr__ = __str__

    msgs = {"m": {"vi": "m {o} {s} {big}", "en": "m {o} {s} {big}"}}

    @rule("XX001", family="test", severity="info", title="t", messages=msgs)
    def odd(unit, ctx):
        yield ctx.finding(unit, "m", o=object(), s=NoStr(), big=10**5000, i=float("-inf"))

    first = run(odd, units=("a",)).render(fmt, "en")
    if isinstance(first, bytes):  # a workbook: its sheets' text
        with zipfile.ZipFile(io.BytesIO(first)) as book:
            text = "".join(book.read(n).decode("utf-8") for n in book.namelist())
    else:
        assert first == run(odd, units=("a",)).render(fmt, "en")
        text = first
    assert " at 0x" not in text and "digits" in text
