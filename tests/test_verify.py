"""`cchc verify [PLUGIN...]`: every rule's declared examples, failures listed like `opa test`."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from cchc_rules.cli.main import main

RULE = """
from cchc_rules import Example, hookimpl, rule

@rule("{rid}", family="demo", severity="warning", section="plan", requires=("tasks_total",),
      title={{"vi": "Nhiều nhiệm vụ", "en": "Many tasks"}},
      messages={{"many": {{"vi": "{{total}} nhiệm vụ", "en": "{{total}} tasks"}}{extra}}},
      examples=[{examples}])
def check(unit, ctx):
    if unit.plan.tasks_total > 10:
        yield ctx.finding(unit, "many", total=unit.plan.tasks_total)

@hookimpl
def cchc_register_rules(register):
    register(check)
"""

GOOD = (
    'Example(unit={"plan": {"tasks_total": 11}}, fires=True), '
    'Example(unit={"plan": {"tasks_total": 10}}, fires=False)'
)
BAD = (
    'Example(unit={"plan": {"tasks_total": 10}}, fires=True), '
    'Example(unit={"plan": {"tasks_total": 12}}, fires=False), '
    'Example(unit={"plan": {"tasks_total": 11}}, fires=True, severity="error"), '
    'Example(unit={"plan": {"tasks_total": 1}}, fires=False)'
)


def plugin_file(folder: Path, name: str, rid: str, examples: str, extra: str = "") -> None:
    folder.mkdir(exist_ok=True)
    (folder / f"{name}.py").write_text(
        RULE.format(rid=rid, examples=examples, extra=extra), encoding="utf-8"
    )


@pytest.fixture
def plugins(tmp_path: Path) -> Path:
    folder = tmp_path / "plugins"
    plugin_file(folder, "good", "GD001", GOOD)
    plugin_file(folder, "bad", "BD001", BAD)
    return folder


def verify(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str], str]:
    code = main(["verify", "--isolated", *argv])
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


def test_a_passing_plugin_exits_0(capsys, plugins: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = verify(capsys, "--plugins-dir", str(plugins), "good")
    assert code == 0
    assert out[-1] == "PASS: 2/2"
    assert not any(line.startswith("FAIL") for line in out)


def test_verbose_lists_passing_examples(capsys, plugins: Path) -> None:  # type: ignore[no-untyped-def]
    _, out, _ = verify(capsys, "--plugins-dir", str(plugins), "good", "-v", "--lang", "en")
    assert out[:2] == ["PASS GD001 examples[0] (fires)", "PASS GD001 examples[1] (must not fire)"]


def test_missed_and_unexpected_findings_fail_with_rule_id_and_index(capsys, plugins: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = verify(capsys, "--plugins-dir", str(plugins), "bad", "--lang", "en")
    assert code == 1
    assert out == [
        "FAIL BD001 examples[0] (fires): missed: no finding",
        "FAIL BD001 examples[1] (must not fire): unexpected finding on example: 12 tasks",
        "FAIL BD001 examples[2] (fires): expected severity error, found warning: 11 tasks",
        "-" * 80,
        "PASS: 1/4",
        "FAIL: 3/4",
    ]


def test_output_in_vietnamese_by_default(capsys, plugins: Path) -> None:  # type: ignore[no-untyped-def]
    _, out, _ = verify(capsys, "--plugins-dir", str(plugins), "bad")
    assert out[1] == (
        "FAIL BD001 examples[1] (không được phát hiện): phát hiện ngoài dự kiến tại example: "
        "12 nhiệm vụ"
    )


def test_without_names_every_rule_is_verified(capsys, plugins: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = verify(capsys, "--plugins-dir", str(plugins), "--select", "GD001,BD001")
    assert code == 1
    assert out[-2:] == ["PASS: 3/6", "FAIL: 3/6"]


def test_builtin_plugin_examples_hold(capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = verify(capsys, "cchc.staffing")
    assert code == 0
    assert out[-1].startswith("PASS: ")


def test_incomplete_messages_fail_the_declaration(capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    plugin_file(tmp_path, "partial", "PT001", GOOD, extra=', "other": {"vi": "chỉ tiếng Việt"}')
    code, out, _ = verify(capsys, "--plugins-dir", str(tmp_path), "partial", "--lang", "en")
    assert code == 1
    assert out[0] == "FAIL PT001 declaration: PT001: message 'other' has no en text"


def test_rules_without_examples_are_named(capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    plugin_file(tmp_path, "bare", "BR001", "")
    code, out, _ = verify(capsys, "--plugins-dir", str(tmp_path), "bare", "--lang", "en")
    assert code == 0
    assert out == ["no examples: BR001"]


@pytest.mark.parametrize(
    ("names", "passed"),
    [
        (["GD001"], "PASS: 2/2"),  # a rule id
        (["demo"], "PASS: 3/6"),  # a family: GD001 and BD001
        (["GD"], "PASS: 2/2"),  # an id prefix, as --select takes it
        (["good", "BD001"], "PASS: 3/6"),  # a plugin and a rule
    ],
)
def test_rule_ids_families_and_prefixes_as_well_as_plugins(  # type: ignore[no-untyped-def]
    capsys, plugins: Path, names: list[str], passed: str
) -> None:
    code, out, err = verify(capsys, "--plugins-dir", str(plugins), *names)
    assert (code, err) == (1 if passed.endswith("/6") else 0, "")
    assert passed in out


def test_a_builtin_rule_id_is_verified(capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = verify(capsys, "ST002", "-v", "--lang", "en")
    assert code == 0
    assert {line.split()[1] for line in out if line.startswith("PASS ")} == {"ST002"}


def test_unknown_name_is_a_usage_error_with_the_closest_name(capsys, plugins: Path) -> None:  # type: ignore[no-untyped-def]
    code, _, err = verify(capsys, "--plugins-dir", str(plugins), "GD01", "--lang", "en")
    assert code == 2
    assert "“GD01” is no plugin name, rule id, family or id prefix; did you mean “GD001”?" in err
    code, _, err = verify(capsys, "--plugins-dir", str(plugins), "zzzz")
    assert code == 2
    assert "“zzzz” không phải tên plugin, mã, nhóm hay tiền tố mã quy tắc nào" in err


def test_a_plugin_that_fails_to_load_exits_3_with_its_name(capsys, plugins: Path) -> None:  # type: ignore[no-untyped-def]
    (plugins / "broken.py").write_text("import no_such_module_anywhere\n", encoding="utf-8")
    code, out, err = verify(capsys, "--plugins-dir", str(plugins), "broken", "--lang", "en")
    assert code == 3
    assert "cchc: plugin broken: failed to import" in err
    assert "No module named 'no_such_module_anywhere'" in err
    # verifying other plugins still works, and the failure is still shown
    code, out, err = verify(capsys, "--plugins-dir", str(plugins), "good")
    assert (code, out[-1]) == (0, "PASS: 2/2")
    assert "plugin broken" in err


def test_an_example_that_makes_the_rule_raise_fails(capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = RULE.format(rid="RS001", examples=GOOD, extra="").replace(
        "if unit.plan.tasks_total > 10:", "if unit.plan.tasks_total / 0:"
    )
    (tmp_path / "raises.py").write_text(textwrap.dedent(source), encoding="utf-8")
    code, out, _ = verify(capsys, "--plugins-dir", str(tmp_path), "raises", "--lang", "en")
    assert code == 1
    assert out[0].startswith(
        "FAIL RS001 examples[0] (fires): the rule raised an error: ZeroDivisionError"
    )
