"""Property tests (Hypothesis) of loading: any generated valid dataset loads without a problem,
round-trips through TOML and JSON, and gives the same findings in any unit, file or key order;
generated invalid input never makes loading, checking or rendering raise."""

from __future__ import annotations

import json
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc_rules import load_dataset, load_mapping
from cchc_rules.loading.convert import convert_tree
from cchc_rules.loading.dump import dataset_tree, to_json, to_toml
from cchc_rules.loading.files import parse_bytes
from test_robustness import periods, unit

from _support import engine

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
names = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=20
).filter(lambda s: s.strip() and "\u2028" not in s)


def build(units: list[dict], period: tuple[str, str], unit_names: list[str]) -> dict:
    tree_units = []
    for i, (u, name) in enumerate(zip(units, unit_names, strict=True)):
        entry = {"id": f"u{i}", "name": name, **u}
        if i:
            entry["parent"] = "u0"
        tree_units.append(entry)
    dataset = {"period": {"start": period[0], "end": period[1]}, "reported_by": "u0"}
    return {"schema": "cchc/1", "dataset": dataset, "units": tree_units}


valid_trees = st.integers(1, 4).flatmap(
    lambda n: st.builds(
        build,
        st.lists(unit, min_size=n, max_size=n),
        periods,
        st.lists(names, min_size=n, max_size=n),
    )
)


def outcome(report) -> tuple:
    """What a run found, independent of file names and order."""
    findings = sorted(
        (f.fingerprint, f.rule, f.unit, f.message, json.dumps(dict(f.evidence), default=str))
        for f in report.findings
    )
    skipped = sorted((s.rule, s.unit, s.reason, str(s.subject)) for s in report.skipped)
    return findings, skipped, report.summary


@SETTINGS
@given(valid_trees)
def test_a_valid_dataset_loads_and_round_trips_through_toml_and_json(tmp_path_factory, tree):
    ds = load_mapping(tree)
    assert ds.errors == () and len(ds.units) == len(tree["units"])
    folder = tmp_path_factory.mktemp("rt")
    back = dataset_tree(ds)
    (folder / "d.toml").write_text(to_toml(back), encoding="utf-8")
    (folder / "d.json").write_text(to_json(back), encoding="utf-8")
    for name in ("d.toml", "d.json"):
        again = load_dataset(folder / name)
        assert again.errors == (), again.errors
        assert again.units == ds.units
        assert dataset_tree(again) == back


@SETTINGS
@given(valid_trees, st.randoms(use_true_random=False), st.integers(0, 4))
def test_findings_do_not_depend_on_unit_file_or_key_order(tmp_path_factory, tree, rnd, cut):
    expected = outcome(engine().run(load_mapping(tree)))
    units = [dict(reversed(list(u.items()))) for u in tree["units"]]  # keys in another order
    rnd.shuffle(units)
    cut = min(cut, len(units))
    folder = tmp_path_factory.mktemp("order")
    first = {**tree, "units": units[:cut]}
    second = {"schema": "cchc/1", "units": units[cut:]}
    (folder / "b.json").write_text(json.dumps(first, ensure_ascii=False), encoding="utf-8")
    (folder / "a.toml").write_text(to_toml(second), encoding="utf-8")
    ds = load_dataset(folder / "b.json", folder / "a.toml")
    assert ds.errors == ()
    assert outcome(engine().run(ds)) == expected


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=10)
    | st.sampled_from(["", "\x00cchc-invalid\x00", "1E-999999999", "nan", "[/]", "\x1b[2J"]),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=12,
)


def corrupt(tree: dict, rnd: random.Random, junk: object) -> dict:
    """``tree`` with one value somewhere replaced by ``junk``."""
    node: object = tree
    for _ in range(6):
        if isinstance(node, dict) and node:
            key = rnd.choice(sorted(node, key=str))
            if not isinstance(node[key], (dict, list)) or rnd.random() < 0.3:
                node[key] = junk
                return tree
            node = node[key]
        elif isinstance(node, list) and node:
            i = rnd.randrange(len(node))
            if not isinstance(node[i], (dict, list)) or rnd.random() < 0.3:
                node[i] = junk
                return tree
            node = node[i]
    return tree


@SETTINGS
@given(valid_trees, json_values, st.randoms(use_true_random=False))
def test_invalid_data_never_crashes_and_valid_units_are_still_checked(tree, junk, rnd):
    bad = corrupt(json.loads(json.dumps(tree)), rnd, junk)
    ds = load_mapping(bad)
    assert all(i.source and (i.location or i.message.startswith("data.")) for i in ds.issues)
    report = engine().run(ds)
    assert report.rule_errors == (), report.rule_errors
    json.loads(report.to_json(), parse_constant=lambda c: 1 / 0)
    report.render("table", "en")


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300), st.sampled_from([".toml", ".json"]))
def test_arbitrary_bytes_never_crash_the_readers(data, suffix):
    parsed = parse_bytes(data, "x" + suffix, suffix=suffix)
    if parsed.tree is not None:
        convert_tree(parsed.tree, parsed.path)
    assert all(i.source == "x" + suffix for i in parsed.issues)


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_damaged_toml_is_read_up_to_the_damage(data):
    text = (
        'schema = "cchc/1"\n[dataset]\nreported_by = "a"\n'
        "period = { start = 2024-01-01, end = 2024-06-30 }\n"
        '[[units]]\nid = "a"\nname = "A"\n[[units.staffing]]\nquota = 3\nused = 2\n'
        '[[units]]\nid = "b"\nname = "B"\n'
    )
    pos = data.draw(st.integers(text.index("[[units.staffing]]"), len(text)))
    noise = data.draw(st.text(st.sampled_from("[]{}=\"'#.\n\\x"), max_size=8))
    damaged = text[:pos] + noise + text[pos:]
    parsed = parse_bytes(damaged.encode(), "d.toml", suffix=".toml")
    assert parsed.tree is not None  # the units before the damage are kept
    assert parsed.tree["units"][0]["id"] == "a"
