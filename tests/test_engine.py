"""The engine: every rule on every unit, failures contained, deterministic results."""

from __future__ import annotations

import json
import threading
import time

import attrs

from cchc_rules import Config, Engine, Finding, Rule, Severity, hookimpl, load_mapping, rule

from _support import dataset, engine, tree

MSG = {"m": {"vi": "vi {n}", "en": "en {n}"}}


def make_plugin(*rules: Rule):
    class Plugin:
        @hookimpl
        def cchc_register_rules(self, register):
            for r in rules:
                register(r)

    Plugin.__name__ = "test_" + "_".join(r.id.lower() for r in rules)
    return Plugin()


def eng(*rules: Rule, config: Config | None = None) -> Engine:
    """An engine running only ``rules`` (the built-in rules are deselected)."""
    cfg = attrs.evolve(config or Config(), select=("XX",))
    return Engine.default(cfg, plugins=[make_plugin(*rules)], entry_points=False, env={})


@rule("XX001", family="test", severity="warning", section="dossiers", title="t", messages=MSG)
def counts_received(unit, ctx):
    yield ctx.finding(unit, "m", n=unit.dossiers.received)


@rule("XX002", family="test", severity="error", title="t", messages=MSG)
def raises_on_b(unit, ctx):
    if unit.id == "b":
        raise ZeroDivisionError("boom")
    yield ctx.finding(unit, "m", n=1)


@rule("XX003", family="test", severity="info", title="t", messages=MSG)
def returns_garbage(unit, ctx):
    yield ctx.finding(unit, "m", n=2)
    yield "not a finding"


@rule("XX004", family="test", severity="info", title="t", messages=MSG)
def returns_int(unit, ctx):
    return 42


@rule("XX005", family="test", severity="info", title="t", messages=MSG)
def hangs_on_a(unit, ctx):
    if unit.id == "a":
        while True:
            pass
    yield ctx.finding(unit, "m", n=3)


@rule("XX006", family="test", severity="info", title="t", messages=MSG)
def sleeps(unit, ctx):
    time.sleep(60)
    return ()


@rule(
    "XX007",
    family="test",
    severity="warning",
    section="dossiers",
    requires=("received", "resolved"),
    title="t",
    messages=MSG,
)
def needs_resolved(unit, ctx):
    yield ctx.finding(unit, "m", n=unit.dossiers.resolved)


@rule("XX008", family="test", severity="info", title="t", messages=MSG)
def swallows_everything(unit, ctx):
    try:
        while True:
            time.sleep(0.01)
    except Exception:
        pass
    return ()


UNITS = (
    {"id": "a", "dossiers": {"received": 1}},
    {"id": "b", "dossiers": {"received": 2}},
    {"id": "c"},
)


def test_rule_runs_on_units_with_its_section_and_counts_the_rest_not_applicable():
    report = eng(counts_received).run(dataset(*UNITS))
    assert [(f.unit, f.evidence["n"]) for f in report.findings] == [("a", 1), ("b", 2)]
    assert report.summary.not_applicable == 1
    assert report.not_applicable == {"XX001": frozenset({"c"})}
    assert report.summary.evaluations == 2
    assert report.skipped == ()


def test_missing_required_field_is_a_skip_with_the_reason():
    report = eng(needs_resolved).run(
        dataset(
            {"id": "a", "dossiers": {"received": 5}},
            {"id": "b", "dossiers": {"received": 5, "resolved": 4}},
        )
    )
    assert [f.unit for f in report.findings] == ["b"]
    (skip,) = report.skipped
    assert (skip.unit, skip.reason, skip.params) == (
        "a",
        "skip.missing_fields",
        {"fields": "resolved"},
    )
    assert report.text(skip.reason, skip.params, lang="en") == "figures not reported: resolved"


def test_dropped_invalid_data_makes_the_rule_skip_with_the_location():
    ds = load_mapping(tree({"id": "a", "dossiers": {"received": -1}}))
    report = eng(counts_received).run(ds)
    assert report.findings == ()
    (skip,) = report.skipped
    assert skip.reason == "skip.invalid_data"
    assert "units[a].dossiers" in skip.params["locations"]
    assert report.exit_code() == 2


def test_a_rule_that_raises_is_contained_and_others_still_run():
    report = eng(counts_received, raises_on_b).run(dataset(*UNITS))
    assert {(f.rule, f.unit) for f in report.findings} == {
        ("XX001", "a"),
        ("XX001", "b"),
        ("XX002", "a"),
        ("XX002", "c"),
    }
    (err,) = report.rule_errors
    assert (err.rule, err.unit, err.message) == ("XX002", "b", "error.rule_raised")
    assert err.plugin == "test_xx001_xx002"
    assert "ZeroDivisionError: boom" in err.params["detail"]
    assert "test_engine.py:" in err.params["detail"]
    assert report.exit_code() == 3


def test_garbage_is_a_rule_error_and_valid_findings_are_kept():
    report = eng(returns_garbage, returns_int, counts_received).run(dataset(*UNITS))
    assert sorted({f.rule for f in report.findings}) == ["XX001", "XX003"]
    messages = {(e.rule, e.message) for e in report.rule_errors}
    assert messages == {("XX003", "error.rule_garbage"), ("XX004", "error.rule_raised")}
    assert len([f for f in report.findings if f.rule == "XX003"]) == 3


def test_a_finding_claiming_another_rules_id_is_garbage():
    @rule("XX009", family="test", severity="info", title="t", messages=MSG)
    def spoof(unit, ctx):
        yield Finding("ST001", "staffing", Severity.ERROR, unit.id, "ST001.over")

    report = eng(spoof).run(dataset({"id": "a"}))
    assert report.findings == ()
    assert [e.message for e in report.rule_errors] == ["error.rule_garbage"]


def test_a_hanging_rule_is_stopped_and_the_rest_delivered():
    cfg = Config(rule_timeout=0.3)
    start = time.monotonic()
    report = eng(hangs_on_a, counts_received, config=cfg).run(dataset(*UNITS))
    assert time.monotonic() - start < 10
    (err,) = report.rule_errors
    assert (err.rule, err.unit, err.message) == ("XX005", "a", "error.rule_timeout")
    assert err.params["remaining"] == 2  # not run on b and c: a hung rule is not retried
    assert {f.rule for f in report.findings} == {"XX001"}


def test_a_blocking_sleep_is_interrupted_too():
    report = eng(sleeps, config=Config(rule_timeout=0.3)).run(dataset({"id": "a"}))
    assert [e.message for e in report.rule_errors] == ["error.rule_timeout"]


def test_catching_exception_cannot_swallow_the_timeout():
    report = eng(swallows_everything, config=Config(rule_timeout=0.3)).run(dataset({"id": "a"}))
    assert [e.message for e in report.rule_errors] == ["error.rule_timeout"]


def test_timeouts_work_off_the_main_thread():
    out = {}

    def work():
        out["r"] = eng(hangs_on_a, config=Config(rule_timeout=0.3)).run(dataset(*UNITS))

    t = threading.Thread(target=work)
    t.start()
    t.join(20)
    assert not t.is_alive()
    assert [e.message for e in out["r"].rule_errors] == ["error.rule_timeout"]


def test_findings_are_sorted_and_reordering_units_changes_nothing():
    a = engine().run(dataset(*[{"id": i, "staffing": [{"quota": 1, "used": 2}]} for i in "cab"]))
    b = engine().run(dataset(*[{"id": i, "staffing": [{"quota": 1, "used": 2}]} for i in "bca"]))
    assert [f.unit for f in a.findings] == ["a", "b", "c"]
    assert a.to_json("en") == b.to_json("en")


def test_two_engines_with_different_configurations_side_by_side():
    units = dataset({"staffing": [{"quota": 100, "used": 87}]})
    strict = engine(Config(select=("ST",), params={"ST005": {"min_fill_percent": 95}}))
    loose = engine(Config(select=("ST",), params={"ST005": {"min_fill_percent": 80}}))
    assert [f.rule for f in strict.run(units).findings] == ["ST005"]
    assert loose.run(units).findings == ()
    assert [f.rule for f in strict.run(units).findings] == ["ST005"]


def test_per_kind_parameters_and_severity_override():
    cfg = Config(
        kind_params={"ST005": {"phuong": {"min_fill_percent": 85}}},
        severity={"ST005": Severity.WARNING},
    )
    report = engine(cfg).run(
        dataset(
            {"id": "p", "kind": "phuong", "staffing": [{"quota": 100, "used": 86}]},
            {"id": "q", "kind": "quan", "staffing": [{"quota": 100, "used": 86}]},
        )
    )
    assert [(f.unit, f.severity) for f in report.findings] == [("q", Severity.WARNING)]


def test_selection_by_id_family_and_prefix():
    rules = {r.id for r in engine(Config(select=("ST00",))).rules}
    assert rules == {"ST001", "ST002", "ST003", "ST004", "ST005"}
    assert {r.id for r in engine(Config(select=("staffing",), ignore=("ST005",))).rules} == {
        "ST001",
        "ST002",
        "ST003",
        "ST004",
    }
    assert [r.id for r in engine(Config(select=("ST001",))).rules] == ["ST001"]


def test_running_has_no_side_effects_on_the_console(capsys):
    engine().run(dataset({"staffing": [{"quota": 1, "used": 2}]}))
    assert capsys.readouterr() == ("", "")


def test_messages_render_in_both_languages_only_at_render_time():
    report = engine(Config(select=("ST",))).run(
        dataset({"staffing": [{"label": "Khối A", "quota": 3008, "used": 3100}]})
    )
    (f,) = report.findings
    assert f.message == "ST001.over"
    assert (
        report.message(f, lang="vi")
        == "Khối A: sử dụng 3.100/3.008 biên chế được giao, vượt 92 người"
    )
    assert (
        report.message(f, lang="en") == "Khối A: 3,100 staff used against a quota of 3,008, 92 over"
    )
    doc = json.loads(report.to_json("en"))
    assert doc["findings"][0]["message"].startswith("Khối A: 3,100 staff")


def test_fingerprint_ignores_language_message_and_order():
    ds = dataset({"staffing": [{"label": "Khối A", "quota": 1, "used": 2}]})
    st = engine(Config(select=("ST",)))
    r = st.run(ds)
    vi = json.loads(r.to_json("vi"))["findings"][0]["fingerprint"]
    en = json.loads(r.to_json("en"))["findings"][0]["fingerprint"]
    assert vi == en == r.findings[0].fingerprint
    again = st.run(dataset({"staffing": [{"label": "KHỐI  a", "quota": 1, "used": 3}]}))
    assert again.findings[0].fingerprint == vi  # same block, other figures: the same finding


def test_as_of_defaults_to_today_or_source_date_epoch(monkeypatch):
    import datetime as dt

    ds = dataset({"staffing": [{"quota": 1, "used": 1}]})
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert engine().run(ds).as_of == dt.date.today()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1656547200")  # 2022-06-30 00:00 UTC
    assert engine().run(ds).as_of == dt.date(2022, 6, 30)
    assert engine().run(ds, as_of=dt.date(2023, 1, 1)).as_of == dt.date(2023, 1, 1)
