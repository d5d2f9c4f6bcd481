"""cchc_rules.testing: building data, running one rule or plugin, assertions and their messages."""

from __future__ import annotations

import datetime as dt
import types

import pytest

from cchc_rules import Config, ConfigError, Example, PluginError, Rule, hookimpl, rule
from cchc_rules.builtin import staffing
from cchc_rules.testing import (
    BadTestData,
    assert_examples,
    assert_findings,
    assert_no_findings,
    assert_not_applicable,
    assert_skipped,
    dataset,
    describe,
    lint_rule,
    make_engine,
    run_examples,
    run_plugin,
    run_rule,
    unit,
)


def block(quota: int, used: int, **kw: object) -> dict[str, object]:
    return {"category": "cong_chuc", "quota": quota, "used": used, **kw}


def _plugin(*rules: Rule, name: str = "demo_plugin") -> types.ModuleType:
    mod = types.ModuleType(name)

    @hookimpl
    def cchc_register_rules(register):  # type: ignore[no-untyped-def]
        for r in rules:
            register(r)

    mod.cchc_register_rules = cchc_register_rules  # type: ignore[attr-defined]
    return mod


@rule(
    "TT001",
    family="test",
    severity="warning",
    section="plan",
    requires=("tasks_total",),
    title={"vi": "Kiểm thử", "en": "Test"},
    messages={"many": {"vi": "{total} nhiệm vụ", "en": "{total} tasks"}},
    examples=[
        Example(unit={"plan": {"tasks_total": 11}}, fires=True),
        Example(unit={"plan": {"tasks_total": 10}}, fires=False),
    ],
)
def tt001(u, ctx):  # type: ignore[no-untyped-def]
    """More than ten tasks."""
    if u.plan.tasks_total > ctx.params(u).get("limit", 10):
        yield ctx.finding(u, "many", total=u.plan.tasks_total)


# -- building data ----------------------------------------------------------------------------
def test_unit_is_a_plain_mapping_in_data_file_form() -> None:
    assert unit(kind="phuong", plan={"tasks_total": 3}) == {
        "kind": "phuong",
        "plan": {"tasks_total": 3},
    }
    assert unit("a", name="A")["id"] == "a"


def test_dataset_numbers_units_and_validates_like_a_file() -> None:
    data = dataset(unit(plan={"tasks_total": 1}), unit("x", plan={"tasks_total": 2}), unit())
    assert [u.id for u in data.units] == ["u1", "u3", "x"]
    assert data.by_id["u1"].name == "u1"
    assert data.by_id["u1"].plan.tasks_total == 1
    assert data.period is not None
    assert (data.period.start, data.period.end) == (dt.date(2023, 1, 1), dt.date(2023, 6, 30))


def test_dataset_takes_a_list_dates_and_dataset_fields() -> None:
    data = dataset(
        [unit("a"), unit("b", parent="a")],
        period=(dt.date(2022, 1, 1), "2022-06-30"),
        report={"number": "12/BC-UBND", "date": dt.date(2022, 6, 20)},
    )
    assert [c.id for c in data.children["a"]] == ["b"]
    assert data.report is not None and data.report.date == dt.date(2022, 6, 20)
    assert data.period is not None and data.period.start == dt.date(2022, 1, 1)


def test_a_typo_in_test_data_is_an_error_listing_every_issue() -> None:
    with pytest.raises(BadTestData) as info:
        dataset(unit(staffing=[{"quota": 5, "usd": 4}], plan={"tasks_total": -1}))
    text = str(info.value)
    assert "units[u1].staffing[0].usd: warning: unknown key “usd” (ignored)" in text
    assert "did you mean “used”?" in text
    assert "required field “used” is missing" in text
    assert "units[u1].plan.tasks_total: error: a count cannot be negative" in text


def test_non_strict_dataset_keeps_its_issues() -> None:
    data = dataset(unit(plan={"tasks_total": "many"}), strict=False)
    assert [i.location for i in data.errors] == ["units[u1].plan.tasks_total"]
    assert_skipped(run_rule(tt001, data), rule="TT001", unit="u1", reason="skip.invalid_data")


# -- running ----------------------------------------------------------------------------------
def test_run_rule_runs_only_that_rule() -> None:
    report = run_rule("ST005", unit(staffing=[block(100, 51)]))
    assert [r.id for r in report.rules] == ["ST005"]
    assert {f.rule for f in report.findings} == {"ST005"}


def test_run_rule_takes_a_dataset_or_a_list_of_units() -> None:
    data = [unit(staffing=[block(100, 89)]), unit(staffing=[block(100, 90)])]
    by_list = run_rule("ST005", data)
    by_dataset = run_rule("ST005", dataset(*data))
    assert [f.unit for f in by_list.findings] == [f.unit for f in by_dataset.findings] == ["u1"]


def test_run_rule_period_parameters_kind_parameters_and_severity() -> None:
    u = unit(kind="phuong", staffing=[block(100, 85)])
    assert_findings(run_rule("ST005", u), evidence={"min_fill_percent": 90})
    assert_no_findings(run_rule("ST005", u, params={"min_fill_percent": 85}))
    assert_no_findings(run_rule("ST005", u, kind_params={"phuong": {"min_fill_percent": 80}}))
    assert_findings(run_rule("ST005", u, kind_params={"quan": {"min_fill_percent": 80}}))
    assert_findings(run_rule("ST005", u, severity="error"), severity="error")
    report = run_rule("ST005", u, period=("2021-01-01", "2021-12-31"))
    assert report.dataset.period is not None and report.dataset.period.end.year == 2021


def test_run_rule_with_a_rule_object_no_plugin_registers() -> None:
    report = run_rule(tt001, unit(plan={"tasks_total": 11}))
    (f,) = assert_findings(report, rule="TT001", evidence={"total": 11})
    assert report.message(f, lang="vi") == "11 nhiệm vụ"
    assert report.message(f, lang="en") == "11 tasks"


def test_run_rule_with_a_plugin_module() -> None:
    report = run_rule("TT001", unit(plan={"tasks_total": 12}), plugins=[_plugin(tt001)])
    assert_findings(report, rule="TT001", count=1)
    assert report.rules[0].plugin == "demo_plugin"


def test_run_rule_accepts_a_builtin_module_as_plugin() -> None:
    assert_findings(run_rule("ST001", unit(staffing=[block(1, 2)]), plugins=[staffing]))


def test_unknown_rule_is_an_error_naming_what_is_known() -> None:
    with pytest.raises(PluginError, match=r"no rule 'XX001' is registered \(known: .*ST001"):
        run_rule("XX001", unit())


def test_a_rule_object_clashing_with_a_registered_id_is_an_error() -> None:
    clash = Rule(
        id="ST001",
        family="x",
        severity="info",
        check=lambda u, ctx: None,
        title={"vi": "x", "en": "x"},
    )
    with pytest.raises(PluginError, match=r"already registered by plugin 'cchc\.staffing'"):
        run_rule(clash, unit())


def test_a_broken_plugin_raises_instead_of_hiding() -> None:
    dup = _plugin(staffing.st001, name="dup_plugin")
    with pytest.raises(PluginError, match="dup_plugin: rule ST001 is already registered"):
        run_rule("ST001", unit(), plugins=[dup])


def test_run_plugin_runs_every_rule_of_the_plugin_only() -> None:
    report = run_plugin(staffing, unit(staffing=[block(10, 11, contract_outside_quota=1)]))
    assert {r.plugin for r in report.rules} == {"cchc.staffing"}
    assert {f.rule for f in report.findings} == {"ST001", "ST002"}
    quiet = run_plugin(
        staffing,
        unit(staffing=[block(10, 11, contract_outside_quota=1)]),
        params={"ST002": {"max_contract_outside_quota": 1}},
        severity={"ST001": "info"},
    )
    assert_findings(quiet, rule="ST001", severity="info")
    assert_no_findings(quiet, rule="ST002")


def test_run_plugin_without_rules_is_an_error() -> None:
    with pytest.raises(PluginError, match="registers no rule"):
        run_plugin(types.ModuleType("empty_plugin"), unit())


def test_make_engine_has_builtins_and_the_given_plugins_not_installed_ones() -> None:
    engine = make_engine(_plugin(tt001))
    assert {"ST001", "TT001"} <= set(engine.registry.rules)
    assert not any(p.origin == "entry point" for p in engine.registry.plugins)


def test_no_state_is_shared_between_runs() -> None:
    first = run_rule(tt001, unit(plan={"tasks_total": 11}))
    second = run_rule(tt001, unit(plan={"tasks_total": 11}), params={"limit": 20})
    assert len(first.findings) == 1
    assert second.findings == ()


# -- assertions -------------------------------------------------------------------------------
@pytest.fixture
def report():  # type: ignore[no-untyped-def]
    return run_rule(
        "ST005",
        [unit(staffing=[block(100, 89)]), unit(staffing=[block(100, 50)]), unit(staffing=[])],
    )


def test_assert_findings_returns_the_matching_findings(report) -> None:  # type: ignore[no-untyped-def]
    found = assert_findings(report, rule="ST005", units=["u1", "u2"], severity="info", count=2)
    assert [f.unit for f in found] == ["u1", "u2"]
    (one,) = assert_findings(report, unit="u2", evidence={"used": 50, "fill_percent": 50.0})
    assert one.unit == "u2"
    assert assert_findings(report, subject="cong_chuc", message="low", count=2)
    assert assert_findings(report, message="ST005.low", count=2)


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"rule": "ST001"}, "expected findings of rule 'ST001', found none"),
        ({"units": ["u1"]}, "missing [], unexpected ['u2']"),
        ({"severity": "warning"}, "to be warning, u1: info; u2: info"),
        ({"evidence": {"used": 89}}, "evidence of ST005 on u2 differs: used: expected 89, got 50"),
        ({"evidence": {"nope": 1}}, "nope: expected 1, got nothing"),
        ({"count": 3}, "expected 3 findings, found 2"),
        ({"subject": "vien_chuc"}, "expected findings of subject 'vien_chuc', found none"),
    ],
)
def test_assert_findings_failures_say_what_differs_and_list_the_run(
    report,  # type: ignore[no-untyped-def]
    kwargs: dict[str, object],
    expected: str,
) -> None:
    with pytest.raises(AssertionError) as info:
        assert_findings(report, **kwargs)  # type: ignore[arg-type]
    text = str(info.value)
    assert expected in text
    assert "findings (2):" in text
    assert "ST005 on u1 [cong_chuc]: info, ST005.low {used=89, quota=100" in text
    assert "cong_chuc: 89 of 100 quota positions filled = 89% (threshold 90%" in text


def test_assert_no_findings(report) -> None:  # type: ignore[no-untyped-def]
    assert_no_findings(report, unit="u3")
    assert_no_findings(report, rule="ST001")
    with pytest.raises(AssertionError, match=r"expected no findings of unit 'u1', found 1"):
        assert_no_findings(report, unit="u1")


def test_assert_skipped() -> None:
    report = run_rule(tt001, [unit(plan={"tasks_done": 1}), unit(plan={"tasks_total": 1})])
    (skip,) = assert_skipped(report, rule="TT001", reason="skip.missing_fields", units=["u1"])
    assert skip.params == {"fields": "tasks_total"}
    with pytest.raises(AssertionError) as info:
        assert_skipped(report, unit="u2")
    assert "expected skips on 'u2', found none" in str(info.value)
    assert "TT001 on u1: skip.missing_fields: figures not reported: tasks_total" in str(info.value)
    with pytest.raises(AssertionError, match="on units"):
        assert_skipped(report, units=["u1", "u2"])


def _raising(u, ctx):  # type: ignore[no-untyped-def]
    raise ZeroDivisionError("boom")


def _garbage(u, ctx):  # type: ignore[no-untyped-def]
    yield "a finding, honestly"


@pytest.mark.parametrize(
    ("check", "text"),
    [
        (_raising, "the rule raised an error: ZeroDivisionError: boom"),
        (_garbage, "the rule returned something that is not a finding: 'a finding, honestly'"),
    ],
)
def test_assertions_fail_when_the_rule_errs(check, text: str) -> None:  # type: ignore[no-untyped-def]
    bad = Rule(id="BAD01", family="x", severity="error", check=check, title={"en": "x"})
    report = run_rule(bad, unit())
    for assertion in (assert_no_findings, assert_findings, assert_skipped):
        with pytest.raises(AssertionError) as info:
            assertion(report)
        assert "the run had rule or plugin errors" in str(info.value)
        assert text in str(info.value)


def test_describe_lists_everything() -> None:
    report = run_rule("ST005", unit(staffing=[block(10, 1)]))
    assert describe(report).splitlines()[0] == "findings (1):"


# -- declared examples ------------------------------------------------------------------------
def _with_examples(*examples: Example, severity: str = "warning") -> Rule:
    return Rule(
        id="EX001",
        family="x",
        severity=severity,
        check=tt001.check,
        section="plan",
        requires=("tasks_total",),
        title={"vi": "x", "en": "x"},
        messages=tt001.messages,
        examples=examples,
    )


def test_run_examples_pass() -> None:
    results = run_examples(tt001)
    assert [(r.index, r.ok, r.example.fires) for r in results] == [
        (0, True, True),
        (1, True, False),
    ]
    assert results[0].label() == "TT001 examples[0] (fires)"
    assert results[1].label("vi") == "TT001 examples[1] (không được phát hiện)"
    assert [f.rule for f in results[0].findings] == ["TT001"]


def test_run_examples_report_each_kind_of_failure() -> None:
    r = _with_examples(
        Example(unit={"plan": {"tasks_total": 10}}, fires=True),  # missed
        Example(unit={"plan": {"tasks_total": 11}}, fires=False),  # unexpected
        Example(unit={"plan": {"tasks_total": 11}}, fires=True, severity="error"),  # severity
        Example(unit={"plan": {"tasks_totl": 11}}, fires=False),  # bad data
        Example(unit={"plan": {"tasks_done": 11}}, fires=True),  # skipped
        Example(unit={"plan": {"tasks_total": 11}}, fires=False, params={"limit": 11}),  # passes
    )
    results = run_examples(r)
    problems = [r.problems for r in results]
    assert problems[0] == ("missed: no finding",)
    assert problems[1] == ("unexpected finding on example: 11 tasks",)
    assert problems[2] == ("expected severity error, found warning: 11 tasks",)
    assert problems[3][0].startswith("invalid example data: units[example].plan.tasks_totl")
    assert problems[4] == ("missed: no finding (skipped: figures not reported: tasks_total)",)
    assert problems[5] == ()
    vi = run_examples(r, lang="vi")
    assert vi[1].problems == ("phát hiện ngoài dự kiến tại example: 11 nhiệm vụ",)


@rule(
    "TT002",
    family="test",
    severity="info",
    title={"vi": "Nhiều đơn vị con", "en": "Many children"},
    messages={
        "kids": {"vi": "{n} đơn vị con, báo cáo {report}", "en": "{n} children, report {report}"}
    },
    examples=[
        Example(
            unit={"kind": "quan"},
            units=[{"parent": "example"}, {"parent": "example"}],
            dataset={"report": {"number": "1/BC-UBND"}},
            fires=True,
        ),
        Example(unit={"kind": "quan"}, units=[{"parent": "example"}], fires=False),
        Example(unit={"kind": "quan"}, units=[{"parent": "x"}, {"parent": "x"}], fires=False),
    ],
)
def tt002(u, ctx):  # type: ignore[no-untyped-def]
    """More than one child."""
    kids = ctx.children(u)
    if len(kids) > 1:
        report = ctx.dataset.report.number if ctx.dataset.report else None
        yield ctx.finding(u, "kids", n=len(kids), report=report)


def test_examples_may_hold_other_units_and_dataset_fields() -> None:
    results = run_examples(tt002)
    assert [r.problems for r in results] == [(), (), ()]
    (f,) = results[0].findings
    assert (f.unit, f.evidence) == ("example", {"n": 2, "report": "1/BC-UBND"})


def test_assert_examples_lists_failures_and_needs_both_kinds() -> None:
    with pytest.raises(AssertionError) as info:
        assert_examples(_with_examples(Example(unit={"plan": {"tasks_total": 10}}, fires=True)))
    assert str(info.value).splitlines() == [
        "EX001 examples[0] (fires): missed: no finding",
        "EX001: no example that must not fire",
    ]
    with pytest.raises(AssertionError, match="EX001: no example that fires"):
        assert_examples(_with_examples(Example(unit={"plan": {"tasks_total": 1}}, fires=False)))
    assert_examples(tt001)


# -- declarations -----------------------------------------------------------------------------
def test_lint_rule_accepts_a_complete_rule() -> None:
    assert lint_rule(tt001) == ()


def test_lint_rule_finds_missing_languages_unnormalised_text_and_field_mismatch() -> None:
    decomposed = "Kie\u0302\u0309m thu\u031b\u0309"  # "Kiểm thử" in NFD
    r = Rule(
        id="LN001",
        family="x",
        severity="info",
        check=tt001.check,
        title={"en": "x"},
        messages={
            "a": {"vi": decomposed + " {n}", "en": "test {n}"},
            "b": {"vi": "{n} và {m}", "en": "{n}"},
            "c": {"vi": "chỉ tiếng Việt"},
            "d": {"vi": "{n", "en": "{n"},
        },
    )
    assert lint_rule(r) == (
        "LN001: title has no vi text",
        "LN001: message 'a' (vi) is not in Unicode NFC",
        "LN001: message 'b' uses fields ['m', 'n'] in vi but ['n'] in en",
        "LN001: message 'c' has no en text",
        "LN001: message 'd' is not a valid template: expected '}' before end of string",
    )


# -- not applicable, skips by subject, configuration ------------------------------------------
@rule(
    "NA001",
    family="test",
    severity="info",
    section="staffing",
    title={"vi": "Khối công chức", "en": "Civil-servant block"},
    messages={"seen": {"vi": "{subject}: có", "en": "{subject}: seen"}},
    examples=[Example(unit={"staffing": []}, fires=False)],
)
def na001(u, ctx):  # type: ignore[no-untyped-def]
    """Not applicable to a unit without a cong_chuc block (the check says so)."""
    blocks = [b for b in u.staffing if b.category == "cong_chuc"]
    if not blocks:
        yield ctx.not_applicable(u)
    for b in blocks:
        yield ctx.finding(u, "seen", subject=b.label or "")


def test_assert_not_applicable_whatever_made_it_so() -> None:
    # no staffing section at all: the engine says so
    report = run_rule("ST001", [unit(kind="quan"), unit(kind="quan", staffing=[block(10, 9)])])
    assert assert_not_applicable(report, rule="ST001", units=["u1"]) == (("ST001", "u1"),)
    # the check says so
    vien_chuc = {"category": "vien_chuc", "quota": 5, "used": 5}
    report = run_rule(na001, [unit(staffing=[vien_chuc]), unit(staffing=[block(10, 9)])])
    assert assert_not_applicable(report, unit="u1") == (("NA001", "u1"),)
    assert_findings(report, units=["u2"])
    assert "not applicable (1):\n  - NA001 on u1" in describe(report)


def test_assert_not_applicable_failures_list_the_run() -> None:
    report = run_rule("ST001", unit(kind="quan", staffing=[block(10, 11)]))
    with pytest.raises(AssertionError, match="expected not applicable rule 'ST001', found none"):
        assert_not_applicable(report, rule="ST001")
    report = run_rule("ST001", [unit(kind="quan"), unit(kind="quan")])
    with pytest.raises(AssertionError, match=r"on units \['u1'\], found \['u1', 'u2'\]"):
        assert_not_applicable(report, units=["u1"])


def test_assert_skipped_by_subject() -> None:
    blocks = [
        block(10, 10, label="Khối A"),
        block(10, 10, label="Khối B", contract_outside_quota=0),
    ]
    report = run_rule("ST002", unit(kind="quan", staffing=blocks))
    (skip,) = assert_skipped(report, rule="ST002", subject="Khối A", reason="no_figure")
    assert report.message(skip, lang="en").startswith("Khối A: ")
    with pytest.raises(AssertionError, match="expected skips of rule 'ST002' of 'Khối B'"):
        assert_skipped(report, rule="ST002", subject="Khối B")


def test_run_rule_under_a_configuration_mapping_or_config() -> None:
    data = unit(kind="phuong", staffing=[block(100, 85)])  # 85 % filled
    assert_findings(run_rule("ST005", data), rule="ST005")  # the default threshold is 90 %
    as_in_file = {"rules": {"ST005": {"min_fill_percent": 80}}}
    assert_no_findings(run_rule("ST005", data, config=as_in_file))
    by_kind = {"rules": {"ST005": {"kinds": {"phuong": {"min_fill_percent": 80}}}}}
    assert_no_findings(run_rule("ST005", data, config=by_kind))
    config = Config.from_mapping({"rules": {"ST005": {"severity": "error"}}})
    assert_findings(run_rule("ST005", data, config=config), severity="error")
    # keyword arguments go over the configuration
    assert_findings(run_rule("ST005", data, config=as_in_file, params={"min_fill_percent": 86}))


def test_run_plugin_under_a_configuration() -> None:
    data = unit(kind="quan", staffing=[block(100, 85, contract_outside_quota=1)])
    config = {"rules": {"ST002": {"max_contract_outside_quota": 1}, "ST005": {"severity": "error"}}}
    report = run_plugin(staffing, data, config=config)
    assert_no_findings(report, rule="ST002")
    assert_findings(report, rule="ST005", severity="error")


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ({"rulez": {}}, "unknown key “rulez”; did you mean “rules”"),
        ({"rules": {"ST005": {"min_fil_percent": 80}}}, "has no parameter “min_fil_percent”"),
        ({"rules": {"ST999": {"severity": "error"}}}, "ST999"),
        ({"fail_on": 3}, "fail_on"),
    ],
)
def test_a_bad_configuration_is_refused_like_the_file(
    config: dict[str, object], message: str
) -> None:
    with pytest.raises(ConfigError, match=message):
        run_rule("ST005", unit(kind="quan", staffing=[block(10, 9)]), config=config)


def test_config_must_be_a_config_or_a_mapping() -> None:
    with pytest.raises(TypeError, match="config must be a Config or a mapping"):
        run_rule("ST005", unit(staffing=[block(10, 9)]), config="cchc.toml")  # type: ignore[arg-type]


# -- example notes in both languages, examples that expect a skip ------------------------------
def test_example_notes_per_language() -> None:
    plain = Example(unit={}, fires=False, note="exactly at the target")
    assert plain.note == {"en": "exactly at the target"}
    assert plain.note_text("vi") == "exactly at the target"  # English is better than nothing
    both = Example(unit={}, fires=False, note={"vi": "đúng bằng mục tiêu", "en": "at the target"})
    assert (both.note_text("vi"), both.note_text("en")) == ("đúng bằng mục tiêu", "at the target")
    assert Example(unit={}, fires=False).note_text("vi") == ""
    r = _with_examples(
        Example(unit={"plan": {"tasks_total": 10}}, fires=False, note={"vi": "mười", "en": "ten"})
    )
    (result,) = run_examples(r)
    assert result.label("vi") == "EX001 examples[0] (không được phát hiện, mười)"
    assert result.label("en") == "EX001 examples[0] (must not fire, ten)"


def test_an_example_may_expect_a_skip() -> None:
    r = _with_examples(
        Example(unit={"plan": {"tasks_done": 3}}, fires=False, skips=True),  # skipped: holds
        Example(unit={"plan": {"tasks_total": 3}}, fires=False, skips=True),  # ran: fails
        Example(unit={"plan": {"tasks_total": 11}}, fires=True),
    )
    results = run_examples(r)
    assert [res.problems for res in results] == [(), ("not skipped",), ()]
    assert results[0].label() == "EX001 examples[0] (must not fire, skipped)"
    assert run_examples(r, lang="vi")[1].problems == ("không bị bỏ qua",)
    with pytest.raises(AssertionError, match=r"EX001 examples\[1\] \(must not fire, skipped\)"):
        assert_examples(r)
