"""A threshold that is a policy default (a Param without a legal basis) is said so in the messages
that show it, by the report, without the author writing it into each template."""

from __future__ import annotations

import json

import pytest

from cchc_rules import Engine, Example, Param, rule
from cchc_rules.renderers.table import render_table
from cchc_rules.testing import assert_findings, make_engine, run_examples, run_rule, unit

NOTE = {
    "vi": " — ngưỡng tham chiếu của công cụ (không phải quy định pháp luật)",
    "en": " — a reference threshold of the tool, not a legal requirement",
}
CONFIGURED = {
    "vi": " — ngưỡng do cấu hình đặt (không phải quy định pháp luật)",
    "en": " — a threshold set in the configuration, not a legal requirement",
}


@rule(
    "PD001",
    family="test",
    severity="warning",
    section="plan",
    params=[
        Param(
            name="min_done_percent",
            default=80,
            doc={"vi": "Tỷ lệ tối thiểu", "en": "Minimum share"},
            shown_in=("low",),
        )
    ],
    title={"vi": "Kế hoạch chậm", "en": "Plan behind"},
    messages={
        "low": {
            "vi": "hoàn thành {done}/{total} (tối thiểu {minimum}%)",
            "en": "{done} of {total} done (at least {minimum}%)",
        },
        "none": {"vi": "không có nhiệm vụ nào xong", "en": "no task done"},
    },
    examples=[
        Example(unit={"plan": {"tasks_total": 10, "tasks_done": 7}}, fires=True),
        Example(unit={"plan": {"tasks_total": 10, "tasks_done": 8}}, fires=False),
    ],
)
def pd001(u, ctx):  # type: ignore[no-untyped-def]
    """Share of tasks done below the minimum; a second message that shows no threshold."""
    done, total = u.plan.tasks_done, u.plan.tasks_total
    minimum = ctx.params(u).min_done_percent
    if done == 0:
        yield ctx.finding(u, "none")
    elif done * 100 < minimum * total:
        yield ctx.finding(u, "low", done=done, total=total, minimum=minimum)


def _plan(done: int, total: int = 10, **kw: object):  # type: ignore[no-untyped-def]
    return run_rule(pd001, unit(kind="xa", plan={"tasks_total": total, "tasks_done": done}), **kw)


@pytest.mark.parametrize(
    ("lang", "text"),
    [("vi", "hoàn thành 7/10 (tối thiểu 80%)"), ("en", "7 of 10 done (at least 80%)")],
)
def test_a_message_showing_a_policy_default_ends_with_the_note(lang: str, text: str) -> None:
    (f,) = assert_findings(_plan(7), message="low")
    assert _plan(7).message(f, lang=lang) == text + NOTE[lang]


def test_a_message_that_shows_no_threshold_gets_no_note() -> None:
    report = _plan(0)
    (f,) = assert_findings(report, message="none")
    assert report.message(f, lang="vi") == "không có nhiệm vụ nào xong"
    assert report.message(f, lang="en") == "no task done"


@pytest.mark.parametrize(
    "kw",
    [
        {"params": {"min_done_percent": 75}},
        {"kind_params": {"xa": {"min_done_percent": 75}}},
        {"config": {"rules": {"PD001": {"min_done_percent": 75}}}},
    ],
    ids=["params", "kind", "config"],
)
def test_a_threshold_the_inspector_set_is_said_to_be_theirs(kw: dict[str, object]) -> None:
    report = _plan(7, **kw)
    (f,) = assert_findings(report, message="low")
    assert report.message(f, lang="vi") == "hoàn thành 7/10 (tối thiểu 75%)" + CONFIGURED["vi"]
    assert report.message(f, lang="en") == "7 of 10 done (at least 75%)" + CONFIGURED["en"]


def test_another_kind_override_leaves_the_tool_s_threshold() -> None:
    report = _plan(7, kind_params={"phuong": {"min_done_percent": 75}})
    (f,) = assert_findings(report, message="low")
    assert report.message(f, lang="en").endswith(NOTE["en"])


def test_every_output_carries_the_note() -> None:
    report = _plan(7)
    assert json.loads(report.to_json(lang="en"))["findings"][0]["message"].endswith(NOTE["en"])
    assert "ngưỡng tham chiếu của công cụ" in render_table(report, "vi", width=300)


def test_shown_in_is_checked_when_the_rule_is_declared() -> None:
    def check(u, ctx):  # type: ignore[no-untyped-def]
        return ()

    msg = {"low": {"vi": "x", "en": "x"}}
    with pytest.raises(ValueError, match="has a legal basis"):
        rule(
            "PD002",
            family="t",
            severity="info",
            title="t",
            messages=msg,
            params=[Param(name="p", default=1, basis="nd-61-2018", shown_in=("low",))],
        )(check)
    with pytest.raises(ValueError, match="shown_in message 'lo'"):
        rule(
            "PD003",
            family="t",
            severity="info",
            title="t",
            messages=msg,
            params=[Param(name="p", default=1, shown_in="lo")],
        )(check)


def _policy_rules(engine: Engine):  # type: ignore[no-untyped-def]
    return [r for r in engine.registry.rules.values() if any(p.shown_in for p in r.params)]


def test_built_in_and_example_plugin_messages_say_it_exactly_once() -> None:
    import cchc_egov

    engine = make_engine(cchc_egov)
    rules = _policy_rules(engine)
    assert {"ST005", "DL004", "ID002", "EG001", "EG003"} <= {r.id for r in rules}
    for r in rules:
        for texts in r.messages.values():  # the hand-written wording is gone from the templates
            assert "theo chính sách" not in texts["vi"] and "policy default" not in texts["en"]
        fired = [f for res in run_examples(r.id, engine=engine) for f in res.findings]
        assert fired, r.id
        for res in run_examples(r.id, engine=engine):
            report = run_rule(
                r.id, res.example.unit, plugins=[cchc_egov], period=res.example.period
            )
            for f in report.findings:
                for lang in ("vi", "en"):
                    text = report.message(f, lang=lang)
                    assert text.count(NOTE[lang].strip(" —")) == 1, (r.id, text)
