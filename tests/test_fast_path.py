"""The JSON fast path (``loading/fast.py``) gives what the careful loader gives, on every input.

Each JSON input is loaded twice, with the fast path and without it; the datasets (every field of
every unit, with its Python type: ``3`` and ``3.0`` differ), the units' dropped parts and the
issues must be equal. Where the fast path takes a file, the careful loader must find nothing to
report in it; the inputs below make it take the valid files and decline every doubtful one.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import subprocess
import sys
import unicodedata
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any
from unittest import mock

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc_rules import load_dataset
from cchc_rules.loading import fast
from cchc_rules.loading.convert import convert_tree
from cchc_rules.loading.files import parse_bytes
from test_properties import corrupt, json_values, valid_trees

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "malformed"


@contextmanager
def _careful_only() -> Any:
    with mock.patch.object(fast, "fast_json_draft", return_value=None):
        yield


def shape(value: Any) -> Any:
    """``value`` as nested tuples that keep every type (``==`` says ``1 == 1.0 == True``)."""
    if attrs.has(type(value)):
        return (
            type(value).__name__,
            tuple((a.name, shape(getattr(value, a.name))) for a in attrs.fields(type(value))),
        )
    if isinstance(value, (list, tuple)):
        return ("seq", tuple(shape(v) for v in value))
    if isinstance(value, dict):
        return ("map", tuple(sorted((k, shape(v)) for k, v in value.items())))
    if isinstance(value, (str, int, float, bool, Decimal, dt.date, type(None))):
        return (type(value).__name__, repr(value))
    raise AssertionError(f"unexpected {type(value)}")


def both(path: Path) -> bool:
    """Load ``path`` both ways and assert the results equal; whether the fast path took it."""
    data = path.read_bytes()
    taken = fast.fast_json_draft(data, str(path), 32) is not None
    quick = load_dataset(path)
    with _careful_only():
        careful = load_dataset(path)
        if taken:  # then the careful loader has nothing to say about this file
            parsed = parse_bytes(data, str(path), suffix=".json")
            assert parsed.issues == () and parsed.tree is not None
            assert convert_tree(parsed.tree, str(path)).issues == []
    assert shape(quick) == shape(careful)
    assert [shape(u.dropped) for u in quick.units] == [shape(u.dropped) for u in careful.units]
    assert quick.issues == careful.issues
    return taken


def _write(tmp_path: Path, tree: Any, *, ascii: bool = False, name: str = "data.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(tree, ensure_ascii=ascii, default=str), encoding="utf-8")
    return path


# ---------------------------------------------------------------------------------------------
# Shipped examples, generated data, the malformed corpus


EXAMPLES = sorted(ROOT.glob("examples/**/*.toml")) + sorted(ROOT.glob("examples/**/*.json"))


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
@pytest.mark.parametrize("ascii", [False, True])
def test_the_shipped_examples_load_alike(example: Path, ascii: bool, tmp_path: Path) -> None:
    if example.suffix == ".json":
        path = tmp_path / "data.json"
        text = example.read_text("utf-8")
        path.write_text(json.dumps(json.loads(text), ensure_ascii=ascii) if ascii else text)
    else:
        try:
            tree = tomllib.loads(example.read_text("utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError):
            pytest.skip("not TOML a converter could read")
        path = _write(tmp_path, tree, ascii=ascii)
    taken = both(path)
    if example.parent.name == "examples":  # the valid ones
        assert taken


def test_generated_benchmark_data_takes_the_fast_path(tmp_path: Path) -> None:
    out = tmp_path / "units.json"
    script = ROOT / "benchmarks" / "generate.py"
    subprocess.run([sys.executable, str(script), "--units", "300", "--out", str(out)], check=True)
    assert both(out)
    ascii = _write(tmp_path, json.loads(out.read_text("utf-8")), ascii=True, name="ascii.json")
    assert both(ascii)  # \u escapes: still proven NFC and free of duplicate keys


def _corpus_json() -> list[tuple[str, str, bytes]]:
    cases = tomllib.loads((CORPUS / "cases.toml").read_text("utf-8"))["case"]
    base = (CORPUS / "base.json").read_text("utf-8")
    out = []
    for case in cases:
        for name, text in case.get("files", {}).items():
            if name.endswith(".json") and "cchc-report" not in text:
                out.append((case["name"], name, text.replace("{base}", base).encode("utf-8")))
    return out


@pytest.mark.parametrize(("case", "name", "data"), _corpus_json(), ids=lambda v: str(v)[:40])
def test_every_malformed_json_case_loads_alike(
    case: str, name: str, data: bytes, tmp_path: Path
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    both(path)


# ---------------------------------------------------------------------------------------------
# What the fast path must decline (the careful loader reports it), and what it may take

BASE: dict[str, Any] = {
    "schema": "cchc/1",
    "dataset": {
        "title": "T",
        "reported_by": "u1",
        "period": {"start": "2025-01-01", "end": "2025-06-30"},
    },
    "units": [
        {
            "id": "u1",
            "name": "Ủy ban",
            "procedures": [
                {"name": "Cấp phép", "code": "1.0", "regulated_days": 3, "actual_days": 2.5}
            ],
            "dossiers": {"received": 10, "resolved_on_time": 9, "stated_on_time_percent": 90.0},
            "staffing": [{"category": "cong_chuc", "quota": 5, "used": 4}],
            "references": [{"number": "1/QĐ", "date": "2025-01-02"}],
            "successors": [],
        },
        {"id": "u2", "name": "Phường", "parent": "u1", "aggregates_children": False},
    ],
}


def _unit(**changes: Any) -> dict[str, Any]:
    tree = json.loads(json.dumps(BASE))
    tree["units"][0].update(changes)
    return tree


def test_a_valid_file_takes_the_fast_path(tmp_path: Path) -> None:
    assert both(_write(tmp_path, BASE))
    assert both(_write(tmp_path, BASE, ascii=True))
    bom = tmp_path / "bom.json"
    bom.write_bytes(b"\xef\xbb\xbf" + json.dumps(BASE).encode())
    assert both(bom)


DECLINED = {
    "unstripped text": _unit(name=" Ủy ban"),
    "trailing newline": _unit(name="Ủy ban\n"),
    "empty text": _unit(kind=""),
    "an id as a number": _unit(id=12),
    "a choice as a number": _unit(staffing=[{"category": 1, "quota": 1, "used": 1}]),
    "count as 5.0": _unit(plan={"tasks_total": 5.0}),
    "null": _unit(plan={"tasks_total": None}),
    "negative": _unit(plan={"tasks_total": -1}),
    "too big": _unit(plan={"tasks_total": 10**16}),
    "percent over 100": _unit(procedures=[{"name": "P", "claimed_reduction_percent": 101}]),
    "bool as count": _unit(plan={"tasks_total": True}),
    "reversed period": _unit(documents={"period": {"start": "2025-02-01", "end": "2025-01-01"}}),
    "bad date": _unit(valid_to="2025-02-30"),
    "stated as no number": _unit(dossiers={"stated_on_time_percent": "nhiều"}),
    "stated empty": _unit(dossiers={"stated_on_time_percent": ""}),
    "stated over 100": _unit(dossiers={"stated_on_time_percent": "101"}),
    "stated of an unknown base": _unit(
        dossiers={"stated_on_time_percent": {"value": 90, "base": "received_online"}}
    ),
    "stated with an unknown key": _unit(dossiers={"stated_on_time_percent": {"value": 1, "x": 1}}),
    "stated null qualifier": _unit(
        dossiers={"stated_on_time_percent": {"value": 1, "qualifier": None}}
    ),
    "bounded count": _unit(dossiers={"received": "hơn 2.000"}),
    "unknown key": _unit(colour="red"),
    "bad choice": _unit(staffing=[{"category": "boss", "quota": 1, "used": 1}]),
    "missing required": _unit(staffing=[{"quota": 1}]),
    "duplicate unit": {**BASE, "units": [BASE["units"][0], BASE["units"][0]]},
    "no schema": {k: v for k, v in BASE.items() if k != "schema"},
    "other schema": {**BASE, "schema": "cchc/2"},
    "null dataset": {**BASE, "dataset": None},
    "unit not a table": {**BASE, "units": [1]},
    "decomposed text": _unit(name=unicodedata.normalize("NFD", "Ủy ban")),
    "blank id in successors": _unit(successors=[" "]),
}


@pytest.mark.parametrize("ascii", [False, True])
@pytest.mark.parametrize("case", list(DECLINED))
def test_doubtful_files_are_read_the_careful_way(case: str, ascii: bool, tmp_path: Path) -> None:
    assert not both(_write(tmp_path, DECLINED[case], ascii=ascii))


DUPLICATES = {
    "top level": '{"schema": "cchc/1", "schema": "cchc/1", "units": []}',
    "dataset": '{"schema": "cchc/1", "dataset": {"title": "a", "title": "b"}}',
    "unit": '{"schema": "cchc/1", "units": [{"id": "a", "name": "A", "name": "B"}]}',
    "entry": '{"schema":"cchc/1","units":[{"id":"a","plan":{"tasks_done":1,"tasks_done":2}}]}',
    "spaced": '{"schema" : "cchc/1", "units" : [{"id" : "a", "name" : "A", "id" : "a"}]}',
    "a colon in a text": '{"schema": "cchc/1", "units": [{"id": "a", "name": "A:", "name": "A"}]}',
    "escaped colon": '{"schema":"cchc/1","units":[{"id":"a","name":"A\\u003a","name":"A"}]}',
}


@pytest.mark.parametrize("case", list(DUPLICATES))
def test_a_duplicate_key_is_reported_as_today(case: str, tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    path.write_text(DUPLICATES[case], encoding="utf-8")
    assert not both(path)
    assert any(i.message == "data.duplicate_key" for i in load_dataset(path).issues)


TAKEN = {
    "a code as a number": _unit(procedures=[{"name": "P", "code": 12}], kind=-3),
    "stated as text": _unit(dossiers={"stated_on_time_percent": "98,50"}),
    "stated with words": _unit(dossiers={"stated_on_time_percent": " trên 97% "}),
    "stated as a table": _unit(
        dossiers={
            "stated_on_time_percent": {"value": "21,47", "base": "due", "rounding": "truncate"},
            "stated_online_percent": {"value": 50, "qualifier": "approx"},
        }
    ),
}


@pytest.mark.parametrize("ascii", [False, True])
@pytest.mark.parametrize("case", list(TAKEN))
def test_forms_the_careful_loader_reads_without_issue_take_the_fast_path(
    case: str, ascii: bool, tmp_path: Path
) -> None:
    assert both(_write(tmp_path, TAKEN[case], ascii=ascii))


def test_colons_in_texts_do_not_stop_the_fast_path(tmp_path: Path) -> None:
    assert both(_write(tmp_path, _unit(name="Ủy ban: phường 1", kind="a:b:c")))


def test_a_low_max_depth_is_left_to_the_careful_loader(tmp_path: Path) -> None:
    path = _write(tmp_path, BASE)
    data = path.read_bytes()
    assert fast.fast_json_draft(data, "x", fast.SCHEMA_DEPTH) is not None
    assert fast.fast_json_draft(data, "x", fast.SCHEMA_DEPTH - 1) is None
    quick = load_dataset(path, max_depth=4)
    with _careful_only():
        assert quick.issues == load_dataset(path, max_depth=4).issues


def test_stated_numbers_keep_their_written_form(tmp_path: Path) -> None:
    values = [0, 0.0, -0.0, 1, 1.0, 98.56, 98.5, 100, 33.333333333333336, 1e-30]
    for i, value in enumerate(values):
        assert both(
            _write(tmp_path, _unit(dossiers={"stated_on_time_percent": value}), name=f"{i}.json")
        )


# ---------------------------------------------------------------------------------------------
# Generated data, valid and damaged

SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@SETTINGS
@given(valid_trees, json_values, st.randoms(use_true_random=False), st.booleans(), st.booleans())
def test_generated_files_load_alike(
    tmp_path: Path, tree: Any, junk: Any, rnd: random.Random, damage: bool, ascii: bool
) -> None:
    if damage:
        tree = corrupt(json.loads(json.dumps(tree)), rnd, junk)
    try:
        text = json.dumps(tree, ensure_ascii=ascii)
    except ValueError:  # pragma: no cover - a surrogate hypothesis made
        return
    path = tmp_path / "gen.json"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    both(path)


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.floats(0, 10**15).map(repr)
        | st.builds(
            lambda i, f, e: f"{i}.{f}e{e}",
            st.integers(0, 9),
            st.integers(0, 10**30),
            st.integers(-330, 14),
        ),
        min_size=1,
        max_size=8,
    )
)
def test_numbers_are_read_as_python_reads_them(tmp_path: Path, numbers: list[str]) -> None:
    procedures = ", ".join(f'{{"name": "P", "actual_days": {n}}}' for n in numbers)
    path = tmp_path / "numbers.json"
    path.write_text(
        f'{{"schema": "cchc/1", "units": [{{"id": "a", "procedures": [{procedures}]}}]}}'
    )
    assert both(path)


def test_objects_are_made_by_setting_slots_only_where_init_does_nothing_more() -> None:
    from cchc_rules._slots import sets_only_slots as _plain

    @attrs.frozen(kw_only=True)
    class Checked:
        x: int | None = attrs.field(
            default=None, validator=attrs.validators.optional(attrs.validators.instance_of(int))
        )

    @attrs.frozen(kw_only=True)
    class Converted:
        x: int | None = attrs.field(default=None, converter=int)

    @attrs.frozen(kw_only=True)
    class Hooked:
        x: int | None = None

        def __attrs_post_init__(self) -> None:
            pass

    @attrs.frozen(kw_only=True)
    class Plain:
        x: int | None = None
        y: dict[str, int] = attrs.field(factory=dict)

    assert not _plain(Checked, ["x"])
    assert not _plain(Converted, ["x"])
    assert not _plain(Hooked, ["x"])
    assert _plain(Plain, ["x"])  # y: its default, made fresh


def _nfc_safe(c: str) -> bool:
    """Whether ``_is_nfc`` may take ``c`` as NFC next to any other character."""
    data = c.encode("utf-8")
    return not data.translate(None, fast._NFC_BYTES).strip(b"\xe1") and not fast._OTHER_E1.search(
        data
    )


def test_the_characters_taken_as_nfc_at_once_are_nfc_next_to_any_other() -> None:
    """Each is of combining class 0, unchanged by NFC and never the second character of a
    canonical pair (so never composed with what precedes it): a text of them is NFC."""
    safe = [c for c in map(chr, range(0x80, 0x2000)) if _nfc_safe(c)]
    assert len(safe) == 0x1C0 - 0x80 + 0x100  # U+0080..U+01BF and U+1E00..U+1EFF
    seconds = set()
    for code in range(0x110000):
        parts = unicodedata.decomposition(chr(code)).split()
        if len(parts) == 2 and not parts[0].startswith("<"):
            seconds.add(chr(int(parts[1], 16)))
    for c in safe:
        assert unicodedata.combining(c) == 0, hex(ord(c))
        assert unicodedata.normalize("NFC", c) == c, hex(ord(c))
        assert c not in seconds, hex(ord(c))


_MIXED = st.text(
    st.sampled_from(
        "aeoAE ưƯơđĐáàảãạếềểễệởỡợữự\u00c5\u017f\u01b0\u1e9b\u1ea0\u1ef9"  # NFC next to any
        "\u0300\u0301\u0303\u0309\u0323\u031b\u0345\u0340\u212b\u1100\u1161\u11a8\u1f71"
        "\u0958\u093c\u0915\u3099\u304b\u00a8\u0308"
    ),
    max_size=12,
)


@given(st.lists(_MIXED, max_size=6))
def test_is_nfc_agrees_with_unicodedata(texts: list[str]) -> None:
    encoded = json.dumps(texts, ensure_ascii=False).encode("utf-8")
    expected = all(unicodedata.is_normalized("NFC", t) for t in texts)
    assert fast._is_nfc(encoded) is expected
