"""What plugin authors see on the command line follows the language asked for: example notes in
`cchc explain` and `cchc verify` (with examples that expect a skip), and `cchc config` like
`cchc check` (--lang, else the configuration's lang, else Vietnamese)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cchc_rules.cli.main import main

PLUGIN = '''
from cchc_rules import Example, hookimpl, rule


@rule(
    "NT001", family="notes", severity="warning", section="plan",
    requires=("tasks_total", "tasks_done"),
    title={"vi": "Kế hoạch chậm", "en": "Plan behind"},
    messages={"low": {"vi": "hoàn thành {done}/{total}", "en": "{done} of {total} done"}},
    examples=[
        Example(unit={"plan": {"tasks_total": 10, "tasks_done": 7}}, fires=True,
                note={"vi": "dưới mức tối thiểu", "en": "below the minimum"}),
        Example(unit={"plan": {"tasks_total": 10, "tasks_done": 8}}, fires=False,
                note="exactly at the minimum"),
        Example(unit={"plan": {"tasks_total": 10}}, fires=False, skips=True,
                note={"vi": "thiếu số đã hoàn thành", "en": "tasks done not reported"}),
    ],
)
def nt001(unit, ctx):
    """Less than 80 % of the plan done."""
    if unit.plan.tasks_done * 100 < 80 * unit.plan.tasks_total:
        yield ctx.finding(unit, "low", done=unit.plan.tasks_done, total=unit.plan.tasks_total)


@hookimpl
def cchc_register_rules(register):
    register(nt001)
'''


def cchc(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main([*argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def plugins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    folder = tmp_path / "plugins"
    folder.mkdir()
    (folder / "notes_plugin.py").write_text(PLUGIN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "250")
    return str(folder)


def test_explain_shows_each_note_in_the_language_asked(capsys, plugins) -> None:  # type: ignore[no-untyped-def]
    _, vi, _ = cchc(capsys, "explain", "NT001", "--plugins-dir", plugins, "--isolated")
    assert "(dưới mức tối thiểu)" in vi and "below the minimum" not in vi
    assert "[không phát hiện, bỏ qua]" in vi and "(thiếu số đã hoàn thành)" in vi
    assert "(exactly at the minimum)" in vi  # a plain string is English: shown as written
    _, en, _ = cchc(capsys, "explain", "NT001", "--plugins-dir", plugins, "--lang", "en")
    assert "(below the minimum)" in en and "dưới mức" not in en
    assert "[does not trigger, skipped]" in en


def test_verify_checks_the_expected_skip_and_labels_in_the_language(capsys, plugins) -> None:  # type: ignore[no-untyped-def]
    args = ("verify", "NT001", "--plugins-dir", plugins, "--isolated", "--verbose")
    code, vi, _ = cchc(capsys, *args)
    assert code == 0
    assert "NT001 examples[0] (phải phát hiện, dưới mức tối thiểu)" in vi
    assert "NT001 examples[2] (không được phát hiện, bị bỏ qua, thiếu số đã hoàn thành)" in vi
    code, en, _ = cchc(capsys, *args, "--lang", "en")
    assert code == 0 and "NT001 examples[2] (must not fire, skipped, tasks done not reported)" in en


def test_verify_fails_an_example_that_expects_a_skip_and_runs(capsys, plugins) -> None:  # type: ignore[no-untyped-def]
    path = Path(plugins) / "notes_plugin.py"
    path.write_text(
        path.read_text("utf-8").replace(
            '{"plan": {"tasks_total": 10}}', '{"plan": {"tasks_total": 10, "tasks_done": 9}}'
        ),
        encoding="utf-8",
    )
    code, out, _ = cchc(capsys, "verify", "NT001", "--plugins-dir", plugins, "--lang", "en")
    assert code == 1
    assert "NT001 examples[2] (must not fire, skipped, tasks done not reported): not skipped" in out


# -- cchc config follows the language like cchc check ---------------------------------------
@pytest.mark.parametrize(
    ("file_lang", "flag", "lang"),
    [(None, None, "vi"), ("en", None, "en"), ("en", "vi", "vi"), ("vi", "en", "en")],
)
def test_config_speaks_the_language_check_speaks(  # type: ignore[no-untyped-def]
    capsys, tmp_path, monkeypatch, file_lang, flag, lang
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "250")
    config = f'lang = "{file_lang}"\n' if file_lang else ""
    (tmp_path / "cchc.toml").write_text(config + "[rules.ST005]\nmin_fill_percent = 95\n", "utf-8")
    data = tmp_path / "d.json"
    data.write_text(
        json.dumps(
            {
                "schema": "cchc/1",
                "dataset": {"period": {"start": "2023-01-01", "end": "2023-06-30"}},
                "units": [{"id": "a", "name": "A", "kind": "quan"}],
            }
        ),
        encoding="utf-8",
    )
    extra = ("--lang", flag) if flag else ()
    _, out, _ = cchc(capsys, "config", *extra)
    _, _, notice = cchc(capsys, "check", str(data), *extra)
    words = {
        "vi": ("Tệp cấu hình: ", "Khóa", "mặc định", "cchc: cấu hình "),
        "en": ("Configuration file: ", "Key", "default", "cchc: configuration "),
    }[lang]
    assert out.startswith(words[0]) and words[1] in out and words[2] in out
    assert notice.startswith(words[3])
    # a configuration error, in the same language
    (tmp_path / "cchc.toml").write_text(config + "[rules.ST005]\nmin_fil_percent = 95\n", "utf-8")
    _, _, err = cchc(capsys, "config", *extra)
    assert ("không có tham số" if lang == "vi" else "has no parameter") in err
