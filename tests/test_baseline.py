"""Tracking across inspections: new, persisting, resolved, unverified (with the reason)."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import attrs
import pytest

from cchc_rules import Config
from cchc_rules.baseline import (
    NEW,
    PERSISTING,
    RESOLVED,
    UNVERIFIED,
    Reason,
    Snapshot,
    apply_baseline,
    compare,
    load_report,
)
from cchc_rules.errors import UsageError

from _support import dataset, engine

H1 = ("2023-01-01", "2023-06-30")
H2 = ("2023-07-01", "2023-12-31")
STAFFING = Config(select="staffing")


def block(label: str = "Khối A", quota: int = 50, used: int = 50, **kw: object) -> dict:
    return {"category": "cong_chuc", "label": label, "quota": quota, "used": used, **kw}


def unit(uid: str, *blocks: dict, **kw: object) -> dict:
    return {"id": uid, "kind": "quan", "staffing": list(blocks), **kw}


def check(*units: dict, period=H1, config: Config = STAFFING):
    return engine(config).run(dataset(*units, period=period))


# First inspection: "fixed" uses too many staff (ST001), "unreported" has contract workers
# outside the quota (ST002), "steady" has many vacancies (ST005).
FIRST = (
    unit("fixed", block(used=52, contract_outside_quota=0)),
    unit("unreported", block(contract_outside_quota=2)),
    unit("steady", block(quota=100, used=80, contract_outside_quota=0)),
)
# Second inspection: "fixed" is within its quota but now has a contract worker (a new ST002),
# "unreported" no longer reports contract workers (ST002 is skipped there: unverified, not
# resolved), "steady" is unchanged.
SECOND = (
    unit("fixed", block(used=50, contract_outside_quota=1)),
    unit("unreported", block()),
    unit("steady", block(quota=100, used=80, contract_outside_quota=0)),
)


def states(report) -> dict[tuple[str, str], tuple[str, str | None]]:
    fields = report.extra["finding_fields"]
    return {
        (f.unit, f.rule): (fields[f.fingerprint]["state"], fields[f.fingerprint]["first_seen"])
        for f in report.findings
    }


def gone(report) -> dict[tuple[str, str], tuple[str, str | None]]:
    comparison, _ = report.extra["baseline"]
    return {
        (g.record.unit, g.record.rule): (g.state, g.reason.message if g.reason else None)
        for g in comparison.gone
    }


def test_fixed_appeared_persisting_and_no_longer_reported():
    first, second = check(*FIRST), check(*SECOND, period=H2)
    report = apply_baseline(second, Snapshot.of_report(first))
    assert states(report) == {
        ("fixed", "ST002"): (NEW, "2023-07-01/2023-12-31"),
        ("steady", "ST005"): (PERSISTING, "2023-01-01/2023-06-30"),
    }
    assert gone(report) == {
        ("fixed", "ST001"): (RESOLVED, None),
        ("unreported", "ST002"): (UNVERIFIED, "ST002.no_figure"),
    }
    comparison, _ = report.extra["baseline"]
    assert comparison.counts() == {NEW: 1, PERSISTING: 1, RESOLVED: 1, UNVERIFIED: 1}


def test_the_same_comparison_from_the_json_reports(tmp_path):
    first, second = check(*FIRST), check(*SECOND, period=H2)
    old = tmp_path / "h1.json"
    old.write_text(first.to_json("vi"), encoding="utf-8")
    snapshot, about = load_report(old)
    report = apply_baseline(second, snapshot, about)
    doc = json.loads(report.to_json("en"))
    assert {(f["unit"], f["rule"]): (f["state"], f["first_seen"]) for f in doc["findings"]} == {
        ("fixed", "ST002"): ("new", "2023-07-01/2023-12-31"),
        ("steady", "ST005"): ("persisting", "2023-01-01/2023-06-30"),
    }
    section = doc["baseline"]
    assert section["counts"] == {"new": 1, "persisting": 1, "resolved": 1, "unverified": 1}
    assert section["path"] == str(old) and len(section["sha256"]) == 64
    assert section["period"] == "2023-01-01/2023-06-30"
    (resolved,) = section["resolved"]
    assert (resolved["unit"], resolved["rule"], resolved["subject"]) == ("fixed", "ST001", "Khối A")
    (unverified,) = section["unverified"]
    assert (unverified["unit"], unverified["rule"]) == ("unreported", "ST002")
    # the reason as the current run says it, in the report's language
    assert unverified["reason_id"] == "ST002.no_figure"
    assert unverified["reason"].startswith(
        "Khối A: contract workers outside the quota not reported"
    )
    # the previous finding's message in this report's language, from the id and evidence the
    # previous report stored (it was written in Vietnamese)
    assert unverified["message"] == "Khối A: 2 contract workers outside the quota (at most 0)"


def test_first_seen_is_carried_over_from_an_earlier_baseline(tmp_path):
    first, second = check(*FIRST), check(*FIRST, period=H2)
    path = tmp_path / "h2.json"
    path.write_text(apply_baseline(second, Snapshot.of_report(first)).to_json(), encoding="utf-8")
    third = check(*FIRST, period=("2024-01-01", "2024-06-30"))
    report = apply_baseline(third, load_report(path)[0])
    assert set(states(report).values()) == {(PERSISTING, "2023-01-01/2023-06-30")}


@pytest.mark.parametrize(
    ("second", "config", "reason"),
    [
        ((), STAFFING, "baseline.unit_absent"),
        (
            (unit("u", block(), dossiers={"received": 1}) | {"staffing": []},),
            STAFFING,
            "baseline.not_applicable",
        ),
        ((unit("u", block(used=50)),), Config(select="ST005"), "baseline.rule_not_run"),
    ],
)
def test_a_finding_that_could_not_be_checked_is_unverified_with_the_reason(second, config, reason):
    first = check(unit("u", block(used=52)), config=Config(select="ST001"))
    report = apply_baseline(check(*second, period=H2, config=config), Snapshot.of_report(first))
    assert gone(report) == {("u", "ST001"): (UNVERIFIED, reason)}


@pytest.mark.parametrize("where", ["u", ""])  # "": the rule timed out, the rest is unchecked
def test_a_rule_error_makes_its_previous_findings_unverified(where):
    first = check(unit("u", block(used=52)), config=Config(select="ST001"))
    now = Snapshot.of_report(check(unit("u", block()), period=H2, config=Config(select="ST001")))
    failed = attrs.evolve(now, failed={("ST001", where): Reason("error.rule_raised", {})})
    (g,) = compare(Snapshot.of_report(first), failed).gone
    assert (g.state, g.reason.message) == (UNVERIFIED, "error.rule_raised")


def test_a_skip_of_another_subject_does_not_hide_a_resolution():
    first = check(unit("u", block("Khối A", used=52), block("Khối B", contract_outside_quota=0)))
    second = check(unit("u", block("Khối A"), block("Khối B")), period=H2)  # B: figure missing
    report = apply_baseline(second, Snapshot.of_report(first))
    assert gone(report) == {("u", "ST001"): (RESOLVED, None)}


# --- merged units ----------------------------------------------------------------------------
def test_a_merged_unit_is_followed_to_its_successor():
    first = check(unit("old", block(used=52)), unit("new", block("Khối B")))
    retired = {"id": "old", "valid_to": "2023-06-30", "successors": ["new"]}
    second = check(retired, unit("new", block(used=53), block("Khối B")), period=H2)
    report = apply_baseline(second, Snapshot.of_report(first))
    fields = report.extra["finding_fields"]
    (f,) = report.findings
    assert (f.unit, f.rule) == ("new", "ST001")
    assert fields[f.fingerprint] == {
        "state": PERSISTING,
        "first_seen": "2023-01-01/2023-06-30",
        "followed_from": "old",
    }
    assert gone(report) == {}


def test_a_merged_unit_known_from_the_previous_report_resolves_on_a_clean_successor(tmp_path):
    merging = unit("old", block(used=52), valid_to="2023-06-30", successors=["new"])
    first = check(merging, unit("new", block()))
    path = tmp_path / "h1.json"
    path.write_text(first.to_json(), encoding="utf-8")
    second = check(unit("new", block()), period=H2)  # "old" is gone from the data
    report = apply_baseline(second, load_report(path)[0])
    comparison, _ = report.extra["baseline"]
    (g,) = comparison.gone
    assert (g.record.unit, g.state, g.followed_to) == ("old", RESOLVED, ("new",))


def test_a_successor_that_could_not_be_checked_leaves_it_unverified():
    first = check(unit("old", block(used=52), valid_to="2023-06-30", successors=["new"]))
    second = check({"id": "new", "dossiers": {"received": 1}}, period=H2)
    (g,) = compare(Snapshot.of_report(first), Snapshot.of_report(second)).gone
    assert (g.state, g.reason.message, g.followed_to) == (
        UNVERIFIED,
        "baseline.not_applicable",
        ("new",),
    )


# --- fingerprints ----------------------------------------------------------------------------
def test_fingerprints_do_not_depend_on_language_wording_or_order():
    report = check(*FIRST)
    vi, en = json.loads(report.to_json("vi")), json.loads(report.to_json("en"))
    assert [f["fingerprint"] for f in vi["findings"]] == [f["fingerprint"] for f in en["findings"]]
    assert [f["message"] for f in vi["findings"]] != [f["message"] for f in en["findings"]]
    reordered = check(*reversed(FIRST))
    assert {f.fingerprint for f in reordered.findings} == {f.fingerprint for f in report.findings}
    relabelled = check(unit("steady", block(" khối   a ", quota=100, used=80)))
    (f,) = [f for f in relabelled.findings if f.rule == "ST005"]
    assert f.fingerprint in {g.fingerprint for g in report.findings}


def test_comparing_reports_in_two_languages_finds_everything_persisting(tmp_path):
    report = check(*FIRST)
    old = tmp_path / "vi.json"
    old.write_text(report.to_json("vi"), encoding="utf-8")
    compared = apply_baseline(report, load_report(old)[0])
    assert {s for s, _ in states(compared).values()} == {PERSISTING}
    assert gone(compared) == {}


# --- bad baseline files ----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("content", "needle"),
    [
        (b"{not json", "not a JSON report"),
        (b"\xff\xfe", "not a JSON report"),
        (b'{"schema": "other/1"}', "not a readable cchc-report/1 report"),
        (b'{"schema": "cchc-report/1", "findings": [{"rule": "ST001"}]}', "not a readable"),
        (b"[1, 2]", "not a readable"),
    ],
)
def test_an_unusable_baseline_is_a_usage_error(tmp_path, content, needle):
    path = tmp_path / "old.json"
    path.write_bytes(content)
    with pytest.raises(UsageError, match=needle):
        load_report(path)


def test_a_missing_baseline_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="cannot read"):
        load_report(tmp_path / "missing.json")


DEEP_REPORT = b'{"schema": "cchc-report/1", "x": ' + b"[" * 70 + b"]" * 70 + b"}"


@pytest.mark.parametrize(
    ("content", "en", "vi"),
    [
        (b"{not json", "not a JSON report (Expecting", "không phải báo cáo JSON (Expecting"),
        (
            b"\xff\xfe",
            "not a JSON report (not UTF-8)",
            "không phải báo cáo JSON (không phải UTF-8)",
        ),
        (
            b"[" * 100_000,
            "not a JSON report (nested too deeply)",
            "không phải báo cáo JSON (lồng quá sâu)",
        ),
        (
            DEEP_REPORT,
            "not a cchc-report/1 report (nested more than 64 levels deep at x[0]",
            "không phải báo cáo cchc-report/1 (lồng sâu quá 64 cấp, tại x[0]",
        ),
        (
            b"[1, 2]",
            "not a readable cchc-report/1 report (the JSON is not an object)",
            "không phải báo cáo cchc-report/1 đọc được (JSON không phải một đối tượng)",
        ),
        (
            b'{"findings": []}',
            "not a readable cchc-report/1 report (it has no schema field)",
            "không phải báo cáo cchc-report/1 đọc được (không có trường schema)",
        ),
        (
            b'{"schema": "other/1"}',
            'not a readable cchc-report/1 report (its schema is "other/1")',
            'không phải báo cáo cchc-report/1 đọc được (schema là "other/1")',
        ),
        (
            b'{"schema": "cchc-report/1", "findings": [{"rule": "ST001"}]}',
            "not a readable cchc-report/1 report (KeyError: 'fingerprint')",
            "không phải báo cáo cchc-report/1 đọc được (KeyError: 'fingerprint')",
        ),
    ],
)
def test_why_a_baseline_is_unusable_is_said_in_both_languages(tmp_path, content, en, vi):
    path = tmp_path / "old.json"
    path.write_bytes(content)
    for lang, expected in (("en", en), ("vi", vi)):
        with pytest.raises(UsageError) as info:
            load_report(path, lang=lang)
        assert str(info.value).startswith(f"{path}: {expected}")
    assert unicodedata.is_normalized("NFC", vi)


def test_snapshot_from_json_says_why_in_the_language_asked():
    with pytest.raises(UsageError, match=r"^r\.json: không phải báo cáo cchc-report/1 đọc được"):
        Snapshot.from_json({"schema": "x"}, "r.json", lang="vi")
    with pytest.raises(UsageError, match=r"^<report>: not a readable cchc-report/1 report \(its"):
        Snapshot.from_json({"schema": {"a": 1}})


@pytest.mark.parametrize(
    ("lang", "expected"), [(None, "không phải báo cáo JSON"), ("en", "not a JSON report")]
)
def test_check_says_why_a_baseline_is_unusable_in_its_language(tmp_path, capsys, lang, expected):
    from cchc_rules.cli.main import main

    (tmp_path / "old.json").write_text("{oops", encoding="utf-8")
    data = Path(__file__).resolve().parent.parent / "examples" / "le-chan-2022-h1.toml"
    argv = ["check", str(data), "--isolated", "--baseline", str(tmp_path / "old.json")]
    code = main([*argv, *(("--lang", lang) if lang else ())])
    err = capsys.readouterr().err
    assert code == 2 and f"old.json: {expected} (" in err and "Traceback" not in err


def test_coverage_lists_where_rules_did_not_apply():
    report = check(unit("a", block()), {"id": "b", "dossiers": {"received": 1}})
    cov = json.loads(report.to_json())["coverage"]
    assert cov["units"] == ["a", "b"]
    assert cov["rules"] == ["ST001", "ST002", "ST003", "ST004", "ST005"]
    assert cov["not_applicable"] == [
        {"rules": ["ST001", "ST002", "ST003", "ST005"], "units": ["b"]},
        # "a" has staffing but no public-employee block: ST004 says it does not apply
        {"rules": ["ST004"], "units": ["a", "b"]},
    ]
