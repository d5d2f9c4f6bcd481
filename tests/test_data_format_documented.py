"""docs/data-format.md documents every field of the model (found from the model itself, so a new
field fails here until it is documented), with its kind of value, and its examples load cleanly.

To document a field: a table row ``| `name` | <kind> | …`` under the heading that names its class
in backticks (a section: ``### `plan` (`Plan`)``); the second cell holds the kind's word
(``KIND_WORDS``; for a choice, every allowed value in backticks) and ``**required**`` when it is.
"""

from __future__ import annotations

import re
import typing
from typing import Any

import attrs
import pytest

from cchc_rules import model
from cchc_rules.loading import load_mapping
from cchc_rules.loading.files import parse_bytes

from _support import ROOT

DOC_PATH = ROOT / "docs" / "data-format.md"
DOC = DOC_PATH.read_text(encoding="utf-8")

#: The words the `value` column uses for each data kind of the model's field metadata.
KIND_WORDS = {
    "count": "count",
    "days": "days",
    "percent": "percent",
    "stated": "stated percent",
    "text": "text",
    "date": "date",
    "bool": "true/false",
    "period": "period",
    "ids": "unit ids",
}


def _attrs_classes_in(hint: Any) -> list[type]:
    if attrs.has(hint):
        return [hint]
    return [c for arg in typing.get_args(hint) for c in _attrs_classes_in(arg)]


def documented_classes() -> list[type]:
    """Every attrs class reachable from ``Dataset`` through field types, and every section's."""
    found: list[type] = []
    todo: list[type] = [model.Dataset, *(spec.cls for spec in model.SECTIONS.values())]
    while todo:
        cls = todo.pop(0)
        if cls in found:
            continue
        found.append(cls)
        hints = typing.get_type_hints(cls, vars(model))
        for field in attrs.fields(cls):
            todo.extend(_attrs_classes_in(hints[field.name]))
    return found


CLASSES = documented_classes()
FIELDS = [(cls, field) for cls in CLASSES for field in attrs.fields(cls)]


def section_of(cls: type) -> str:
    """The text under the heading that names ``cls`` (in backticks), down to the next heading of
    the same or a higher level."""
    match = re.search(rf"^(#+) [^\n]*`{cls.__name__}`[^\n]*\n", DOC, re.M)
    assert match, f"docs/data-format.md has no heading naming `{cls.__name__}`"
    level = len(match[1])
    rest = DOC[match.end() :]
    end = re.search(rf"^#{{1,{level}}} ", rest, re.M)
    return rest[: end.start()] if end else rest


def row_of(cls: type, name: str) -> str:
    rows = re.findall(rf"^\| `{re.escape(name)}` \|.*$", section_of(cls), re.M)
    assert rows, (
        f"field `{name}` of {cls.__name__} is not documented: add a row "
        f"'| `{name}` | …' to the table of its section in docs/data-format.md"
    )
    return str(rows[0])


def test_the_model_is_found() -> None:
    names = {cls.__name__ for cls in CLASSES}
    assert {"Dataset", "Unit", "Period", "ReportRef", "Source", "StatedPercent"} <= names
    assert {spec.cls.__name__ for spec in model.SECTIONS.values()} <= names
    assert len(FIELDS) > 100


@pytest.mark.parametrize(
    ("cls", "field"), FIELDS, ids=lambda v: v.__name__ if isinstance(v, type) else v.name
)
def test_field_documented_with_its_kind(cls: type, field: attrs.Attribute[Any]) -> None:
    row = row_of(cls, field.name)
    cells = [c.strip() for c in row.strip("|").split("|")]
    kind = field.metadata.get("cchc")
    if kind is None:
        return
    value = cells[1]
    if kind == "choice":
        for allowed in field.metadata["choices"]:
            assert f"`{allowed}`" in value, f"{cls.__name__}.{field.name}: `{allowed}` not listed"
    else:
        assert KIND_WORDS[kind] in value, f"{cls.__name__}.{field.name}: say it is a {kind}"
    if field.metadata["required"]:
        assert "**required**" in value, f"{cls.__name__}.{field.name}: say it is required"


@pytest.mark.parametrize("name", list(model.SECTIONS))
def test_each_section_has_its_heading(name: str) -> None:
    cls = model.SECTIONS[name].cls
    assert re.search(rf"^### `{name}` \(`{cls.__name__}`\)$", DOC, re.M)
    assert f"| `{name}` |" in section_of(model.Unit)


def test_the_json_schema_is_pointed_to_and_links_stay_inside_the_repository() -> None:
    assert "src/cchc_rules/schemas/cchc-1.schema.json" in DOC
    for target in re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", DOC):
        assert not target.startswith(("http:", "https:")), target
        assert (DOC_PATH.parent / target).resolve().exists(), f"broken link: {target}"
        assert (DOC_PATH.parent / target).resolve().is_relative_to(ROOT), target


def test_anchors_point_to_headings() -> None:
    slugs = {
        re.sub(r"[^\w\- ]", "", h.lower()).replace(" ", "-")
        for h in re.findall(r"^#+ (.*)$", DOC, re.M)
    }
    for anchor in re.findall(r"\]\(#([^)]+)\)", DOC):
        assert anchor in slugs, f"no heading for #{anchor}"


@pytest.mark.parametrize(
    ("suffix", "block"),
    [
        (f".{lang}", block)
        for lang, block in re.findall(r"```(toml|json)\n(.*?)```", DOC, re.S)
        if "cchc/1" in block
    ],
)
def test_complete_examples_load_without_any_issue(suffix: str, block: str) -> None:
    parsed = parse_bytes(block.encode("utf-8"), f"data-format.md{suffix}", suffix=suffix)
    assert parsed.tree is not None and not parsed.issues
    dataset = load_mapping(parsed.tree)
    assert dataset.issues == ()
    assert dataset.units and dataset.period is not None
