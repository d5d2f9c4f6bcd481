"""Plural forms in message templates: ``{n:plural|one=…|other=…}`` takes the form of the
language's CLDR plural rule (Babel) for ``n``; Vietnamese has only ``other``."""

from __future__ import annotations

import pytest

from cchc_rules import Example, rule
from cchc_rules.messages import Catalog, plural_category, plural_forms
from cchc_rules.testing import assert_findings, lint_rule, run_rule, unit


def _catalog() -> Catalog:
    catalog = Catalog()
    catalog.add("en", {"x": "{n} contract {n:plural|one=worker|other=workers} ({m})"})
    catalog.add("vi", {"x": "{n} người làm hợp đồng ({m})"})
    return catalog


@pytest.mark.parametrize(
    ("n", "en"),
    [
        (0, "0 contract workers (2)"),
        (1, "1 contract worker (2)"),
        (2, "2 contract workers (2)"),
        (1.5, "1.5 contract workers (2)"),
        (1000, "1,000 contract workers (2)"),
        (-1, "-1 contract worker (2)"),
    ],
)
def test_english_takes_one_or_other(n: float, en: str) -> None:
    assert _catalog().render("x", {"n": n, "m": 2}, "en") == en


def test_a_language_without_the_category_takes_other() -> None:
    catalog = Catalog()
    catalog.add("vi", {"x": "{n} {n:plural|other=khối}"})  # Vietnamese does not inflect
    assert [catalog.render("x", {"n": n}, "vi") for n in (0, 1, 2)] == [
        "0 khối",
        "1 khối",
        "2 khối",
    ]
    assert plural_category(1, "en") == "one"
    assert plural_category(None, "en") == "other"  # not a number
    assert plural_category(True, "en") == "other"
    assert _catalog().render("x", {"n": 1, "m": 2}, "vi") == "1 người làm hợp đồng (2)"


def test_a_missing_value_keeps_the_field() -> None:
    assert _catalog().render("x", {"m": 2}, "en") == "{n} contract {n} (2)"


def test_malformed_forms_are_refused() -> None:
    assert plural_forms("plural|one=a|other=b") == {"one": "a", "other": "b"}
    with pytest.raises(ValueError, match="no 'other' form"):
        plural_forms("plural|one=a")
    with pytest.raises(ValueError, match="CATEGORY=text"):
        plural_forms("plural|single=a|other=b")


def test_lint_names_malformed_plural_forms() -> None:
    @rule(
        "PL001",
        family="test",
        severity="info",
        title={"vi": "t", "en": "t"},
        messages={"m": {"vi": "{n} khối", "en": "{n} {n:plural|one=block}"}},
        examples=[Example(unit={}, fires=False)],
    )
    def pl001(u, ctx):  # type: ignore[no-untyped-def]
        return ()

    (problem,) = lint_rule(pl001)
    assert "PL001: message 'm' is not a valid template" in problem and "other" in problem


def test_built_in_counts_agree_in_english() -> None:
    def st002(contract: int):  # type: ignore[no-untyped-def]
        block = {
            "category": "cong_chuc",
            "label": "Khối A",
            "quota": 10,
            "used": 10,
            "contract_outside_quota": contract,
        }
        report = run_rule("ST002", unit(kind="quan", staffing=[block]))
        (f,) = assert_findings(report, rule="ST002")
        return report.message(f, lang="en"), report.message(f, lang="vi")

    assert st002(1) == (
        "Khối A: 1 contract worker outside the quota (at most 0)",
        "Khối A: 1 người làm hợp đồng ngoài chỉ tiêu biên chế (tối đa 0)",
    )
    assert st002(2)[0] == "Khối A: 2 contract workers outside the quota (at most 0)"


def test_built_in_templates_are_lint_clean() -> None:
    from cchc_rules.testing import make_engine

    for r in make_engine().registry.rules.values():
        assert lint_rule(r) == (), r.id
