"""Damaged input files: the reader always ends, locates the damage and keeps the rest."""

from __future__ import annotations

import os
import sys

import pytest

from cchc_rules import load_dataset
from cchc_rules.loading.files import read_file

HEADER = (
    'schema = "cchc/1"\n[dataset]\ntitle = "T"\nreported_by = "a"\n'
    "period = { start = 2022-01-01, end = 2022-06-30 }\n"
)
UNIT_A = '[[units]]\nid = "a"\nname = "A"\nkind = "quan"\n'


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode())
    return path


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        ('[[units]]\nid = "b"\nname = "B"\nname = "C"\n', "data.toml_line_dropped"),
        (
            '[[units]]\nid = "b"\nname = "B"\n[units.plan]\n[units.plan]\n',
            "data.toml_table_dropped",
        ),
        ('[[units]]\nid = "b"\nname = "B"\nplan = 1\nplan.x = 2\n', "data.toml_line_dropped"),
        ('[[units]]\nid = "b"\nname = "B"\n[units\n', "data.toml_table_dropped"),
        ('[[units]]\nid = "b"\nname = "B"\nx = """open\n', "data.truncated"),
    ],
)
def test_duplicates_and_broken_headers_end_and_keep_the_units_before(tmp_path, damage, message):
    path = write(tmp_path, "d.toml", HEADER + UNIT_A + damage)
    ds = load_dataset(path)
    assert "a" in [u.id for u in ds.units]
    assert message in [i.message for i in ds.errors]
    assert all(i.line for i in ds.errors if i.message == message)


def test_a_duplicated_key_keeps_the_first_value_and_names_the_line(tmp_path):
    ds = load_dataset(write(tmp_path, "d.toml", HEADER + UNIT_A + 'name = "Z"\n'))
    (err,) = ds.errors
    assert (err.message, err.line) == ("data.toml_line_dropped", 10)
    assert ds.units[0].name == "A"


def test_many_duplicates_end_without_growing(tmp_path):
    text = HEADER + UNIT_A + 'name = "Z"\n' * 3000
    ds = load_dataset(write(tmp_path, "d.toml", text))
    assert ds.units[0].name == "A"
    assert len(ds.errors) == 201  # 200 repairs, then the rest is not read (and says so)
    assert [i.message for i in ds.errors].count("data.toml_rest_dropped") == 1


def test_deep_nesting_drops_only_its_value(tmp_path):
    deep = "x = " + "[" * 5000 + "]" * 5000 + "\n"
    ds = load_dataset(write(tmp_path, "d.toml", HEADER + UNIT_A + deep + "kind2 = 1\n"))
    assert [u.id for u in ds.units] == ["a"]
    assert any(i.line == 10 for i in ds.issues)


@pytest.mark.parametrize("sep", ["\u2028", "\u2029", "\u0085"])
def test_line_separators_inside_strings_are_text(tmp_path, sep):
    path = write(tmp_path, "s.toml", HEADER + UNIT_A.replace('"A"', f'"A{sep}B"'))
    ds = load_dataset(path)
    assert ds.errors == ()
    assert ds.units[0].name == f"A{sep}B"


def test_bad_utf8_drops_only_its_value_and_says_where(tmp_path):
    data = (HEADER + UNIT_A).encode().replace(b'name = "A"', b'name = "A\xff\xfeB"')
    ds = load_dataset(write(tmp_path, "b.toml", data))
    err = next(i for i in ds.errors if i.message == "data.syntax_value")
    assert err.line == 8
    assert "line 8, column 10" in err.params["detail"]
    assert [u.id for u in ds.units] == []  # the unit without a valid name is dropped, not guessed
    data2 = (HEADER + UNIT_A).encode().replace(b'title = "T"', b'title = "T\xff"')
    ds2 = load_dataset(write(tmp_path, "c.toml", data2))
    assert [u.id for u in ds2.units] == ["a"]


def test_json_duplicate_keys_are_named(tmp_path):
    ds = load_dataset(write(tmp_path, "d.json", '{"schema": "cchc/1", "schema": "cchc/1"}'))
    dup = next(i for i in ds.errors if i.message == "data.duplicate_key")
    assert dup.params["key"] == "schema"


def test_json_lone_surrogates_are_located_and_replaced(tmp_path):
    text = '{"schema": "cchc/1",\n "dataset": {"title": "x\\ud800y"}}'
    ds = load_dataset(write(tmp_path, "s.json", text))
    err = next(i for i in ds.errors if i.message == "data.lone_surrogate")
    assert err.line == 2
    assert ds.title == "x\ufffdy"


def test_json_nan_and_infinity_are_refused(tmp_path):
    ds = load_dataset(write(tmp_path, "n.json", '{"schema": "cchc/1", "x": NaN}'))
    assert [i.message for i in ds.errors] == ["data.syntax"]


def test_placeholder_text_in_data_is_just_text(tmp_path):
    text = '{"schema": "cchc/1", "dataset": {"title": "\\u0000cchc-invalid\\u0000x"}}'
    ds = load_dataset(write(tmp_path, "p.json", text))
    assert ds.title == "\x00cchc-invalid\x00x"


def test_a_folder_or_device_is_refused_before_reading(tmp_path):
    folder = tmp_path / "f.toml"
    folder.mkdir()
    assert [i.message for i in read_file(folder).issues] == ["data.not_a_file"]
    if os.path.exists("/dev/zero"):
        (issue,) = read_file("/dev/zero").issues
        assert issue.message == "data.not_a_file"


@pytest.mark.skipif(sys.platform == "win32", reason="FIFOs are POSIX")
def test_a_fifo_is_refused_without_opening_it(tmp_path):
    fifo = tmp_path / "p.toml"
    os.mkfifo(fifo)
    (issue,) = read_file(fifo).issues
    assert issue.message == "data.not_a_file"


def test_a_file_over_the_limit_is_refused_with_its_size(tmp_path):
    path = write(tmp_path, "big.toml", HEADER + "# pad\n" * 1000)
    (issue,) = read_file(path, max_bytes=1000).issues
    assert issue.message == "data.too_large"
    assert read_file(path, max_bytes=10**6).issues == ()
