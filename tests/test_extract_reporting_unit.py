"""Comparing a draft (extract/compare.py) takes as the reporting unit the one the rules take
(``Context.reporting_unit()`` on the loaded data): the same unit is compared as ``main``."""

from __future__ import annotations

import unicodedata
from typing import Any

import pytest

from cchc_rules import Context, LawBook, load_mapping
from cchc_rules.builtin import references
from cchc_rules.extract import score
from cchc_rules.extract.compare import facts

_NFD = unicodedata.normalize("NFD", "lê-chân")
_NFC = unicodedata.normalize("NFC", "lê-chân")


def _tree(units: list[dict[str, Any]], reported_by: Any = None) -> dict[str, Any]:
    dataset: dict[str, Any] = {"period": {"start": "2023-01-01", "end": "2023-06-30"}}
    if reported_by is not None:
        dataset["reported_by"] = reported_by
    return {
        "dataset": dataset,
        "units": [
            {"name": str(u["id"]), "kind": f"kind-{i}", "dossiers": {"received": 10}, **u}
            for i, u in enumerate(units)
        ],
    }


def _rules_reporting_unit(tree: dict[str, Any]) -> str | None:
    ds = load_mapping(tree)
    found = Context(references.rf006, ds, LawBook()).reporting_unit()
    return None if found is None else found.id


def _compared_as_main(tree: dict[str, Any]) -> list[str]:
    """The ids of the units whose facts ``facts`` files under ``main``."""
    kinds = [value for path, value in facts(tree) if path == "main.kind"]
    return [str(u["id"]).strip() for u in tree["units"] if u["kind"] in kinds]


CASES = [
    ([{"id": "solo"}], None),
    ([{"id": "a"}, {"id": "b"}], "b"),
    ([{"id": "a"}, {"id": "b"}], None),
    ([{"id": "a"}, {"id": "b"}], "elsewhere"),
    ([{"id": "solo"}], "elsewhere"),  # named unit not in the data: the only unit answers
    ([{"id": "a"}, {"id": "b"}], " b "),  # read as written: spaces around are not the id
    ([{"id": " b"}, {"id": "a"}], "b"),
    ([{"id": _NFC}, {"id": "a"}], _NFD),  # text is NFC once read
    ([{"id": 7}, {"id": 8}], "7"),  # an id written as a bare number is that text
    ([{"id": "7"}, {"id": 8}], 7),
    ([{"id": "a"}, {"id": "b", "aggregates_children": "yes?"}], None),  # b is not loaded
    ([{"id": "a"}, {"id": "a"}], None),  # nor is a repeated unit
]


@pytest.mark.parametrize(("units", "reported_by"), CASES)
def test_compare_takes_the_reporting_unit_the_rules_take(
    units: list[dict[str, Any]], reported_by: Any
) -> None:
    tree = _tree(units, reported_by)
    expected = _rules_reporting_unit(tree)
    assert _compared_as_main(tree) == ([] if expected is None else [expected])


def test_a_file_naming_no_unit_it_holds_compares_its_only_unit_as_the_reporting_one() -> None:
    draft = _tree([{"id": "le-chan"}], "UBND quận Lê Chân")
    truth = _tree([{"id": "le-chan"}], "le-chan")
    result = score(draft, truth)
    assert result.missing == () and result.wrong == ()


@pytest.mark.parametrize("first_id", ["a", " a"])
def test_an_invalid_unit_is_not_compared_as_main_when_a_later_one_with_its_id_loads(
    first_id: Any,
) -> None:
    tree = _tree([{"id": first_id, "aggregates_children": "yes?"}, {"id": "a"}], "a")
    assert _rules_reporting_unit(tree) == "a"
    assert [value for path, value in facts(tree) if path == "main.kind"] == ["kind-1"]
