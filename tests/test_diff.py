"""`cchc diff OLD.json NEW.json`: the same comparison as --baseline, from two JSON reports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cchc_rules.cli.main import main

H1 = {"start": "2023-01-01", "end": "2023-06-30"}
H2 = {"start": "2023-07-01", "end": "2023-12-31"}


def block(**kw: object) -> dict:
    return {"category": "cong_chuc", "label": "Khối A", "quota": 50, "used": 50, **kw}


def unit(uid: str, *blocks: dict, **kw: object) -> dict:
    return {"id": uid, "name": uid.upper(), "kind": "quan", "staffing": list(blocks), **kw}


def report(capsys, folder: Path, name: str, *units: dict, period: dict, lang: str = "vi") -> str:
    data = folder / f"{name}.data.json"
    tree = {"schema": "cchc/1", "dataset": {"period": period}, "units": list(units)}
    data.write_text(json.dumps(tree, ensure_ascii=False), encoding="utf-8")
    out = folder / f"{name}.json"
    argv = ["check", str(data), "-f", "json", "-o", str(out), "--isolated", "--select", "staffing"]
    main([*argv, "--lang", lang])
    capsys.readouterr()
    return str(out)


@pytest.fixture
def reports(capsys, tmp_path, monkeypatch) -> tuple[str, str]:
    """Two inspections: one finding fixed, one new, one persisting, one no longer reported,
    and a unit merged into another."""
    monkeypatch.setenv("COLUMNS", "200")
    old = report(
        capsys,
        tmp_path,
        "h1",
        unit("fixed", block(used=52, contract_outside_quota=0)),
        unit("unreported", block(contract_outside_quota=2)),
        unit("steady", block(quota=100, used=80, contract_outside_quota=0)),
        unit("merged", block(used=60, contract_outside_quota=0), successors=["steady"]),
        period=H1,
    )
    new = report(
        capsys,
        tmp_path,
        "h2",
        unit("fixed", block(contract_outside_quota=1)),
        unit("unreported", block()),
        unit("steady", block(quota=100, used=80, contract_outside_quota=0)),
        period=H2,
        lang="en",
    )
    return old, new


def diff(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["diff", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_diff_as_json(capsys, reports):
    old, new = reports
    code, out, _ = diff(capsys, old, new, "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert doc["schema"] == "cchc-diff/1"
    assert (doc["old"]["path"], doc["new"]["path"]) == (old, new)
    assert doc["old"]["period"] == "2023-01-01/2023-06-30"
    assert doc["counts"] == {"new": 1, "persisting": 1, "resolved": 2, "unverified": 1}
    assert [(f["unit"], f["rule"], f["state"], f["first_seen"]) for f in doc["findings"]] == [
        ("fixed", "ST002", "new", "2023-07-01/2023-12-31"),
        ("steady", "ST005", "persisting", "2023-01-01/2023-06-30"),
    ]
    assert [(g["unit"], g["rule"], g.get("followed_to")) for g in doc["resolved"]] == [
        ("fixed", "ST001", None),
        ("merged", "ST001", ["steady"]),  # followed to its successor, where ST001 ran clean
    ]
    (unverified,) = doc["unverified"]
    assert (unverified["unit"], unverified["rule"], unverified["reason_id"]) == (
        "unreported",
        "ST002",
        "ST002.no_figure",
    )
    # the reason as the new report wrote it
    assert unverified["reason"].startswith(
        "Khối A: contract workers outside the quota not reported"
    )


def test_diff_matches_the_baseline_section_of_check(capsys, reports, tmp_path):
    old, new = reports
    data = tmp_path / "h2.data.json"
    argv = ["check", str(data), "-f", "json", "--isolated", "--select", "staffing"]
    main([*argv, "--baseline", old, "--lang", "en"])
    checked = json.loads(capsys.readouterr().out)
    _, out, _ = diff(capsys, old, new, "--format", "json")
    diffed = json.loads(out)
    assert checked["baseline"]["counts"] == diffed["counts"]
    assert checked["baseline"]["resolved"] == diffed["resolved"]
    assert checked["baseline"]["unverified"] == diffed["unverified"]
    states = {f["fingerprint"]: (f["state"], f["first_seen"]) for f in checked["findings"]}
    assert states == {f["fingerprint"]: (f["state"], f["first_seen"]) for f in diffed["findings"]}


def test_diff_as_a_table_in_both_languages(capsys, reports):
    old, new = reports
    code, out, _ = diff(capsys, old, new, "--lang", "en")
    assert code == 0
    for line in ("new: 1", "persisting: 1", "resolved: 2", "unverified: 1"):
        assert line in out
    assert "first seen: 2023-01-01/2023-06-30" in out
    assert "unit merged into steady" in out
    _, out, _ = diff(capsys, old, new, "--lang", "vi")
    for line in ("mới: 1", "còn tồn tại: 1", "đã khắc phục: 2", "chưa xác minh được: 1"):
        assert line in out
    assert "phát hiện lần đầu: 2023-01-01/2023-06-30" in out


def test_diff_defaults_to_the_new_reports_language(capsys, reports):
    old, new = reports
    assert "persisting: 1" in diff(capsys, old, new)[1]


def test_diff_of_a_report_with_itself_is_all_persisting(capsys, reports):
    old, _ = reports
    doc = json.loads(diff(capsys, old, old, "--format", "json")[1])
    assert doc["counts"] == {"new": 0, "persisting": 4, "resolved": 0, "unverified": 0}


@pytest.mark.parametrize("content", ["{oops", '{"schema": "cchc/1"}', "[]"])
def test_diff_of_something_that_is_not_a_report_exits_2(capsys, reports, tmp_path, content):
    old, _ = reports
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    code, out, err = diff(capsys, old, str(bad))
    assert code == 2 and "bad.json" in err and "Traceback" not in out + err
    assert diff(capsys, old, str(tmp_path / "missing.json"))[0] == 2


def test_diff_renders_messages_in_the_language_asked(tmp_path, capsys):
    from cchc_rules.cli.main import main

    seed = str(Path(__file__).parent.parent / "examples" / "le-chan-2022-h1.toml")
    old = tmp_path / "old.json"
    main(["check", seed, "-f", "json", "-o", str(old), "--isolated", "--lang", "vi"])
    capsys.readouterr()
    assert main(["diff", str(old), str(old), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "3,008 citizens not notified" in out
    assert "figures counted from 01/01/2022 to 30/05/2022" in out
