"""Accountable waivers: matching, states judged at as_of, the report and the exit code."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from cchc_rules import Config
from cchc_rules.configfile import InvalidConfig, resolve_config
from cchc_rules.waivers import ACTIVE, EXPIRED, UNUSED, Waiver, apply_waivers, judge

from _support import dataset, engine

AS_OF = dt.date(2023, 7, 15)


def block(label: str, used: int, **kw: object) -> dict:
    return {"category": "cong_chuc", "label": label, "quota": 10, "used": used, **kw}


UNITS = (
    {"id": "phuong-a", "kind": "phuong", "staffing": [block("Khối A", 11), block("Khối B", 12)]},
    {"id": "phuong-b", "kind": "phuong", "staffing": [block("Khối A", 11)]},
    {"id": "quan", "kind": "quan", "staffing": [block("Khối A", 11)]},
)


def waiver(**kw: object) -> Waiver:
    base: dict = {
        "rule": "ST001",
        "unit": "phuong-a",
        "reason": "Biên chế bổ sung đã được tỉnh chấp thuận",
        "approver": "Sở Nội vụ",
        "expires": dt.date(2023, 12, 31),
    }
    return Waiver(**{**base, **kw})


def run(*waivers: Waiver, as_of: dt.date = AS_OF, **config: object):
    cfg = Config(select="ST001", waivers=waivers, **config)
    return apply_waivers(engine(cfg).run(dataset(*UNITS)), as_of)


def waived_units(report) -> list[tuple[str, str]]:
    return sorted((f.unit, f.subject) for f in report.findings if f.fingerprint in report.waived)


def states(report) -> list[tuple[str, int]]:
    return [(s.state, s.findings) for s in report.extra["waivers"]]


# --- matching --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("kw", "expected"),
    [
        ({}, [("phuong-a", "Khối A"), ("phuong-a", "Khối B")]),
        ({"subject": "khối  b"}, [("phuong-a", "Khối B")]),  # NFC-casefolded, spaces collapsed
        (
            {"unit": "phuong-*"},
            [("phuong-a", "Khối A"), ("phuong-a", "Khối B"), ("phuong-b", "Khối A")],
        ),
        (
            {"unit": "phuong-?", "subject": "Khối A"},
            [("phuong-a", "Khối A"), ("phuong-b", "Khối A")],
        ),
        ({"rule": "staffing", "unit": "quan"}, [("quan", "Khối A")]),  # a family
        ({"rule": "ST", "unit": "quan"}, [("quan", "Khối A")]),  # a prefix
        ({"rule": "ST005"}, []),
        ({"unit": "Phuong-A"}, []),  # unit ids are exact
    ],
)
def test_a_waiver_names_rule_unit_and_optional_subject(kw, expected):
    assert waived_units(run(waiver(**kw))) == expected


def test_a_subject_may_also_be_given_as_its_stable_key():
    assert waived_units(run(waiver(subject="cong_chuc|khối b|"))) == [("phuong-a", "Khối B")]


# --- states ----------------------------------------------------------------------------------
def test_active_waiver_keeps_the_finding_marks_it_and_stops_it_failing_the_run():
    plain = engine(Config(select="ST001")).run(dataset(*UNITS))
    report = run(waiver(unit="*"))
    assert len(report.findings) == len(plain.findings) == 4  # kept, not deleted
    assert states(report) == [(ACTIVE, 4)]
    assert plain.exit_code() == 1 and report.exit_code() == 0
    assert report.summary.waived == 4 and report.summary.total == 0


def test_waived_findings_do_not_count_but_the_others_still_fail_the_run():
    report = run(waiver(unit="phuong-*"))
    assert report.summary.waived == 3 and report.summary.findings["error"] == 1
    assert report.exit_code() == 1


@pytest.mark.parametrize(
    ("as_of", "state"),
    [
        (dt.date(2023, 12, 30), ACTIVE),
        (dt.date(2023, 12, 31), EXPIRED),  # from the expiry date on, it no longer applies
        (dt.date(2024, 1, 1), EXPIRED),
    ],
)
def test_a_waiver_is_judged_at_as_of(as_of, state):
    report = run(waiver(), as_of=as_of)
    assert states(report) == [(state, 2)]
    assert bool(report.waived) is (state == ACTIVE)
    assert report.as_of == as_of


def test_unused_waiver_is_reported():
    report = run(waiver(unit="phuong-z"), waiver(rule="ST002"))
    assert states(report) == [(UNUSED, 0), (UNUSED, 0)]
    assert not report.waived


def test_an_expired_waiver_does_not_hide_a_later_active_one():
    old = waiver(expires=dt.date(2023, 1, 1), reason="cũ")
    new = waiver(index=1, reason="mới")
    report = run(old, new)
    assert states(report) == [(EXPIRED, 2), (ACTIVE, 2)]
    assert {w["reason"] for w in report.waived.values()} == {"mới"}


def test_the_first_active_waiver_in_configuration_order_is_recorded():
    first = waiver(reason="thứ nhất", subject="Khối A")
    second = waiver(index=1, reason="thứ hai")
    report = run(first, second)
    reasons = {
        f.subject: report.waived[f.fingerprint]["reason"]
        for f in report.findings
        if f.unit == "phuong-a"
    }
    assert reasons == {"Khối A": "thứ nhất", "Khối B": "thứ hai"}
    assert states(report) == [(ACTIVE, 1), (ACTIVE, 2)]


def test_as_of_defaults_to_today():
    report = apply_waivers(engine(Config(select="ST001")).run(dataset(*UNITS)))
    assert report.as_of == dt.date.today()


def test_judge_without_waivers_is_empty():
    assert judge((), [], AS_OF) == ({}, ())


# --- the JSON report -------------------------------------------------------------------------
def test_the_json_report_carries_the_waiver_states_and_as_of():
    report = run(waiver(), waiver(unit="nowhere"), waiver(expires=dt.date(2023, 1, 1)))
    doc = json.loads(report.to_json("en"))
    assert doc["as_of"] == "2023-07-15"
    assert doc["summary"]["waived"] == 2
    assert [(w["state"], w["findings"]) for w in doc["waivers"]] == [
        ("active", 2),
        ("unused", 0),
        ("expired", 2),
    ]
    marked = [f for f in doc["findings"] if f["waiver"]]
    assert len(marked) == 2
    assert marked[0]["waiver"] == {
        "rule": "ST001",
        "unit": "phuong-a",
        "subject": None,
        "reason": "Biên chế bổ sung đã được tỉnh chấp thuận",
        "approver": "Sở Nội vụ",
        "expires": "2023-12-31",
    }
    assert all(f["waiver"] is None for f in doc["findings"] if f["unit"] != "phuong-a")


# --- waivers in the configuration file -------------------------------------------------------
WAIVER = """
[[waivers]]
rule = "ST001"
unit = "phuong-a"
reason = "Biên chế bổ sung"
approver = "Sở Nội vụ"
expires = 2023-12-31
"""


@pytest.mark.parametrize("missing", ["reason", "approver", "expires", "rule", "unit"])
def test_a_waiver_without_a_required_field_is_a_config_error(tmp_path, missing):
    text = "\n".join(line for line in WAIVER.splitlines() if not line.startswith(missing))
    (tmp_path / "cchc.toml").write_text(text, encoding="utf-8")
    with pytest.raises(InvalidConfig) as info:
        resolve_config(cwd=str(tmp_path))
    (problem,) = info.value.problems
    assert (problem.path, problem.message) == (f"waivers[0].{missing}", "config.waiver_required")
    assert f"waivers[0].{missing}: ngoại lệ phải có “{missing}”" in str(info.value)


@pytest.mark.parametrize(
    ("line", "path", "message"),
    [
        ('reason = "   "', "waivers[0].reason", "config.blank"),
        ('approver = ""', "waivers[0].approver", "config.blank"),
        ('expires = "end of year"', "waivers[0].expires", "config.expected_date"),
        ("expires = 2023-12-31T00:00:00", "waivers[0].expires", "config.expected_date"),
        ("subject = 3", "waivers[0].subject", "config.expected_string"),
        ('approved_by = "x"', "waivers[0].approved_by", "config.unknown_key_suggest"),
    ],
)
def test_bad_waiver_fields_are_config_errors(tmp_path, line, path, message):
    key = line.split(" =")[0]
    lines = [x for x in WAIVER.splitlines() if not x.startswith(key + " ")]
    (tmp_path / "cchc.toml").write_text("\n".join([*lines, line]), encoding="utf-8")
    with pytest.raises(InvalidConfig) as info:
        resolve_config(cwd=str(tmp_path))
    assert [(p.path, p.message) for p in info.value.problems] == [(path, message)]


def test_a_waiver_from_the_file_applies(tmp_path):
    (tmp_path / "cchc.toml").write_text(WAIVER, encoding="utf-8")
    config = resolve_config(cwd=str(tmp_path), overrides={"select": ("ST001",)})
    report = apply_waivers(engine(config).run(dataset(*UNITS)), AS_OF)
    assert waived_units(report) == [("phuong-a", "Khối A"), ("phuong-a", "Khối B")]
