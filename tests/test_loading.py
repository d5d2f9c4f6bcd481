"""Loading cchc/1 data: every error collected and located, the smallest invalid part dropped."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cchc_rules import DataError, load_dataset, load_mapping

from _support import EXAMPLES, tree

BAD = EXAMPLES / "bad"


def issues(ds, level="error"):
    return [(i.location, i.message) for i in ds.issues if i.level == level]


def write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


HEADER = """schema = "cchc/1"
[dataset]
title = "T"
reported_by = "a"
period = { start = 2023-01-01, end = 2023-06-30 }
"""


def test_seed_transcription_loads_cleanly():
    ds = load_dataset(EXAMPLES / "le-chan-2022-h1.toml")
    assert ds.issues == ()
    (unit,) = ds.units
    assert unit.id == "le-chan"
    assert unit.dossiers.received == 2807
    assert unit.digital_id.id_notified is None  # not stated: never derived by the loader
    assert unit.digital_id.id_not_notified == 3008
    assert [(b.used, b.quota) for b in unit.staffing] == [(88, 103), (296, 311), (1741, 1829)]
    assert ds.sources[0].sha256 and len(ds.sources[0].sha256) == 64


def test_absent_is_none_and_zero_is_zero():
    ds = load_mapping(tree({"dossiers": {"received": 0}, "spending": {"units_total": 5}}))
    u = ds.units[0]
    assert u.dossiers.received == 0
    assert u.dossiers.resolved_on_time is None
    assert u.spending.units_with_regulation is None


@pytest.mark.parametrize(
    ("section", "key", "value", "ok"),
    [
        ("plan", "tasks_total", 10**15, True),  # exactly at the bound
        ("plan", "tasks_total", 10**15 + 1, False),
        ("procedures", "regulated_days", 1e15, True),
        ("procedures", "regulated_days", 1e308, False),
        ("procedures", "regulated_days", 10**15 + 1, False),
    ],
)
def test_numbers_over_the_bound_are_refused_in_an_otherwise_valid_table(section, key, value, ok):
    entry = {key: value, **({"name": "X"} if section == "procedures" else {})}
    ds = load_mapping(tree({section: [entry] if section == "procedures" else entry}))
    at = f"units[u1].{section}{'[0]' if section == 'procedures' else ''}.{key}"
    assert issues(ds) == ([] if ok else [(at, "data.too_big_number")])


def test_empty_string_counts_as_absent():
    ds = load_mapping(tree({"dossiers": {"received": 5, "resolved": ""}}))
    assert ds.units[0].dossiers.resolved is None
    assert not ds.issues


def test_text_is_normalised_to_nfc():
    nfd = unicodedata.normalize("NFD", "UBND phường Trại Cau")
    ds = load_mapping(tree({"id": "x", "name": nfd}))
    assert ds.units[0].name == unicodedata.normalize("NFC", nfd)
    assert ds.units[0].name != nfd


def test_every_error_of_a_file_is_reported_with_its_key_path():
    ds = load_mapping(
        tree(
            {"id": "a", "staffing": [{"quota": "x", "used": -1}], "dossiers": {"received": 1.5}},
            {"id": "b", "digital_id": {"stated_notified_percent": 120}},
        )
    )
    assert set(issues(ds)) == {
        ("units[a].staffing[0].quota", "data.expected_count"),
        ("units[a].staffing[0].used", "data.negative"),
        ("units[a].dossiers.received", "data.expected_count"),
        ("units[b].digital_id.stated_notified_percent", "data.percent_range"),
    }


def test_only_the_invalid_entry_is_dropped_and_remembered():
    ds = load_mapping(
        tree(
            {
                "id": "a",
                "staffing": [
                    {"quota": 10, "used": 5},
                    {"quota": 10, "used": -5},
                    {"quota": 3, "used": 4},
                ],
            }
        )
    )
    unit = ds.units[0]
    assert [(b.quota, b.used) for b in unit.staffing] == [(10, 5), (3, 4)]
    assert unit.dropped == {"staffing": ("<data>: units[a].staffing[1]",)}


def test_an_invalid_single_record_section_is_dropped_whole():
    ds = load_mapping(tree({"id": "a", "dossiers": {"received": -1}, "plan": {"tasks_total": 3}}))
    unit = ds.units[0]
    assert unit.dossiers is None
    assert unit.plan.tasks_total == 3
    assert "dossiers" in unit.dropped


def test_a_unit_without_name_is_dropped_and_the_others_kept():
    ds = load_mapping(
        {
            "schema": "cchc/1",
            "dataset": {"period": {"start": "2023-01-01", "end": "2023-06-30"}},
            "units": [{"id": "a"}, {"id": "b", "name": "B"}],
        }
    )
    assert [u.id for u in ds.units] == ["b"]
    assert ("units[a].name", "data.required") in issues(ds)


def test_required_entry_field_missing():
    ds = load_mapping(
        tree(
            {
                "id": "a",
                "procedures": [{"regulated_days": 3}],
                "references": [{"date": "2023-01-01"}],
            }
        )
    )
    assert ("units[a].procedures[0].name", "data.required") in issues(ds)
    assert ("units[a].references[0].number", "data.required") in issues(ds)


def test_unknown_keys_are_warnings_with_the_closest_known_key():
    ds = load_mapping(tree({"id": "a", "dossiers": {"recieved": 5, "zzz": 1}, "staffng": []}))
    warnings = {(i.location, i.message, i.params.get("suggestion")) for i in ds.warnings}
    assert warnings == {
        ("units[a].dossiers.recieved", "data.unknown_key_suggest", "received"),
        ("units[a].dossiers.zzz", "data.unknown_key", None),
        ("units[a].staffng", "data.unknown_key_suggest", "staffing"),
    }
    assert not ds.errors


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2022-02-30", "data.invalid_date"),
        ("30/01/2022", "data.expected_date"),
        (20220130, "data.expected_date"),
    ],
)
def test_dates(value, message):
    ds = load_mapping(tree({"id": "a", "references": [{"number": "1/KH-UBND", "date": value}]}))
    assert issues(ds) == [("units[a].references[0].date", message)]


def test_period_must_not_end_before_it_starts():
    ds = load_mapping(tree({"documents": {"period": {"start": "2023-05-01", "end": "2023-01-01"}}}))
    assert issues(ds) == [("units[u1].documents.period", "data.period_order")]


def test_choice_fields():
    ds = load_mapping(tree({"id": "a", "staffing": [{"category": "boss", "quota": 1, "used": 1}]}))
    assert issues(ds) == [("units[a].staffing[0].category", "data.expected_choice")]


def test_stated_percent_string_keeps_precision():
    ds = load_mapping(tree({"digital_id": {"stated_notified_percent": "98,70"}}))
    assert ds.units[0].digital_id.stated_notified_percent.decimals == 2


@pytest.mark.parametrize(
    ("name", "locations"),
    [
        ("empty.toml", [("", "data.empty")]),
        ("wrong-schema.toml", [("schema", "data.schema_unsupported")]),
        ("negative.toml", [("units[phuong-a].dossiers.received", "data.negative")]),
        ("duplicate-ids.toml", [("units[2].id", "data.duplicate_unit")]),
        (
            "parent-cycle.toml",
            [("units[a].parent", "data.parent_cycle"), ("units[b].parent", "data.parent_cycle")],
        ),
        ("impossible-date.toml", [("units[phuong-b].documents.period", "data.syntax_value")]),
        (
            "wrong-types.toml",
            [
                ("units[phuong-a].dossiers.received", "data.expected_count"),
                ("units[phuong-a].spending", "data.expected_table"),
            ],
        ),
        ("one-bad-unit.json", [("units[phuong-b].staffing[0].quota", "data.negative")]),
    ],
)
def test_bad_example_files_give_located_errors(name, locations):
    ds = load_dataset(BAD / name)
    assert issues(ds) == locations
    assert all(i.source.endswith(name) for i in ds.issues)


def test_toml_errors_carry_line_numbers():
    ds = load_dataset(BAD / "negative.toml")
    (issue,) = ds.errors
    lines = (BAD / "negative.toml").read_text(encoding="utf-8").splitlines()
    assert "received = -12" in lines[issue.line - 1]
    assert issue.where.startswith(f"{BAD / 'negative.toml'}:{issue.line}: units[phuong-a]")


def test_impossible_toml_date_loses_only_its_section(tmp_path):
    ds = load_dataset(BAD / "impossible-date.toml")
    ids = [u.id for u in ds.units]
    assert ids == ["phuong-a", "phuong-b"]
    b = ds.by_id["phuong-b"]
    assert b.documents is None and "documents" in b.dropped
    (err,) = ds.errors
    assert err.line == 31


def test_truncated_file_keeps_what_came_before(tmp_path):
    text = (
        HEADER
        + """
[[units]]
id = "a"
name = "A"
[units.dossiers]
received = 10
[[units]]
id = "b"
name = "B"
[units.dossiers]
received = 5
resolved_on_ti"""
    )
    ds = load_dataset(write(tmp_path, "cut.toml", text))
    assert [u.id for u in ds.units] == ["a", "b"]
    (err,) = ds.errors
    assert err.message == "data.truncated"
    assert err.line == text.count("\n") + 1


def test_a_broken_table_header_sets_its_table_aside_not_a_guess(tmp_path):
    ds = load_dataset(write(tmp_path, "h.toml", HEADER + '[[units]\nid = "a"\nname = "A"\n'))
    assert ds.units == ()  # its keys are not attached to another table
    assert [i.message for i in ds.errors] == ["data.toml_table_dropped"]
    assert ds.errors[0].line == 6


def test_json_syntax_error_is_located(tmp_path):
    ds = load_dataset(write(tmp_path, "x.json", '{"schema": "cchc/1",\n "units": [}'))
    (err,) = ds.errors
    assert err.message == "data.syntax" and err.line == 2


@pytest.mark.parametrize(
    ("name", "message"),
    [("nope.toml", "data.file_not_found"), ("data.yaml", "data.unsupported_format")],
)
def test_unreadable_inputs(tmp_path, name, message):
    if name.endswith(".yaml"):
        write(tmp_path, name, "a: 1")
    ds = load_dataset(tmp_path / name)
    assert [i.message for i in ds.errors] == [message]


def test_several_files_merge_sections_of_one_unit(tmp_path):
    a = write(
        tmp_path,
        "a.toml",
        HEADER + '[[units]]\nid = "x"\nname = "X"\n[units.dossiers]\nreceived = 3\n',
    )
    b = write(
        tmp_path,
        "b.toml",
        HEADER + '[[units]]\nid = "x"\nname = "X"\n[[units.staffing]]\nquota = 2\nused = 1\n',
    )
    ds = load_dataset(a, b)
    (unit,) = ds.units
    assert unit.dossiers.received == 3 and unit.staffing[0].quota == 2
    assert not ds.issues
    assert [s.path for s in ds.sources] == sorted([str(a), str(b)])


def test_the_same_section_twice_is_an_error_naming_both_places(tmp_path):
    body = '[[units]]\nid = "x"\nname = "X"\n[units.dossiers]\nreceived = {}\n'
    a = write(tmp_path, "a.toml", HEADER + body.format(3))
    b = write(tmp_path, "b.toml", HEADER + body.format(4))
    ds = load_dataset(b, a)
    (err,) = ds.errors
    assert err.message == "data.duplicate_section"
    assert err.source == str(b) and str(a) in err.params["first"]
    assert ds.units[0].dossiers.received == 3  # the order given on the command line changes nothing


def test_files_must_agree_on_the_period(tmp_path):
    a = write(tmp_path, "a.toml", HEADER)
    b = write(tmp_path, "b.toml", HEADER.replace("2023-06-30", "2023-12-31"))
    ds = load_dataset(a, b)
    assert [(e.location, e.message) for e in ds.errors] == [
        ("dataset.period", "data.dataset_conflict")
    ]


def test_period_is_required(tmp_path):
    ds = load_dataset(write(tmp_path, "p.toml", 'schema = "cchc/1"\n[dataset]\ntitle = "x"\n'))
    assert [(e.location, e.message) for e in ds.errors] == [("dataset.period", "data.required")]


def test_strict_mode_raises_with_every_issue():
    with pytest.raises(DataError) as info:
        load_dataset(BAD / "parent-cycle.toml", strict=True)
    assert len(info.value.issues) == 2


def test_load_dataset_accepts_a_list_of_paths():
    ds = load_dataset([EXAMPLES / "le-chan-2022-h1.toml"])
    assert [u.id for u in ds.units] == ["le-chan"]


def test_units_are_ordered_by_id_and_children_indexed():
    ds = load_mapping(tree({"id": "z", "parent": "p"}, {"id": "p"}, {"id": "a", "parent": "p"}))
    assert [u.id for u in ds.units] == ["a", "p", "z"]
    assert [u.id for u in ds.children["p"]] == ["a", "z"]


# --- property: whatever a file holds, loading never raises ----------------------------------
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 10**6),
    st.floats(allow_nan=True),
    st.text(max_size=12),
    st.dates().map(str),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
section_names = st.sampled_from(
    [
        "dossiers",
        "staffing",
        "spending",
        "digital_id",
        "documents",
        "procedures",
        "references",
        "egov",
        "catalogue",
        "plan",
        "zz",
    ]
)
units = st.dictionaries(
    st.one_of(section_names, st.sampled_from(["id", "name", "kind", "parent"])), values, max_size=6
)


@settings(max_examples=150, deadline=None)
@given(st.lists(units, max_size=4), values)
def test_loading_never_raises_and_every_problem_is_located(unit_list, junk):
    data = {
        "schema": "cchc/1",
        "dataset": {"period": {"start": "2023-01-01", "end": "2023-06-30"}},
        "units": unit_list,
        "extra": junk,
    }
    ds = load_mapping(data)
    for issue in ds.issues:
        assert issue.message.startswith("data.")
        assert issue.location  # every problem says where it is
    kept = {u.id for u in ds.units}
    for i, raw in enumerate(unit_list):  # a unit that was dropped has an error saying so
        uid = raw.get("id")
        if not (isinstance(uid, str) and uid.strip() in kept):
            assert any(
                e.location.startswith(f"units[{i}]") or e.location.startswith("units[")
                for e in ds.errors
            )
