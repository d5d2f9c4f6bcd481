"""Every registered rule — built in or installed (cchc-egov) — keeps the promises it declares: its
examples hold, it has one that fires and one that does not, its messages exist in both languages."""

from __future__ import annotations

import pytest

from cchc_rules import Engine, Rule
from cchc_rules.testing import lint_rule, run_examples

ENGINE = Engine.default(env={})
RULES = sorted(ENGINE.registry.rules.values(), key=lambda r: r.id)


def test_builtin_and_installed_rules_are_all_here() -> None:
    plugins = {r.plugin for r in RULES}
    assert {"cchc.staffing", "cchc-egov"} <= plugins
    assert not ENGINE.registry.failures


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_declared_examples_hold(rule: Rule) -> None:
    failures = [f"{r.label()}: {p}" for r in run_examples(rule, engine=ENGINE) for p in r.problems]
    assert failures == []


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_examples_show_both_outcomes(rule: Rule) -> None:
    assert {ex.fires for ex in rule.examples} == {True, False}


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_messages_complete_in_both_languages(rule: Rule) -> None:
    assert lint_rule(rule) == ()
