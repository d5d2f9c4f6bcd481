"""The authoring guide's table of legal bases lists every shipped topic and basis, with the number
and the dates in force the law data holds, so the docs cannot drift from the data."""

from __future__ import annotations

import re

import pytest

from cchc_rules import Engine
from cchc_rules.law import LegalBasis, shipped_bases

from _support import ROOT

DOC = (ROOT / "docs" / "authoring-rules.md").read_text(encoding="utf-8")
BASES = shipped_bases()
TOPICS = sorted({t for b in BASES for t in b.topics})


def _section() -> str:
    match = re.search(r"^## Legal bases you can cite\n(.*?)(?=^## |\Z)", DOC, re.M | re.S)
    assert match, "docs/authoring-rules.md has no section '## Legal bases you can cite'"
    return match[1]


SECTION = _section()


def _table() -> list[tuple[str, list[str]]]:
    """(topic, cells) of each row of the table; an empty topic cell continues the topic above."""
    rows = [line for line in SECTION.splitlines() if line.startswith("| ")]
    assert rows and rows[0].startswith("| topic"), "the section has no table of topics"
    out, topic = [], ""
    for row in rows[1:]:
        cells = [c.strip() for c in row.strip("|").split("|")]
        if cells[0]:
            match = re.match(r"`(\w+)`: ", cells[0])
            assert match, f"a topic cell starts with `topic`: …, not {cells[0]!r}"
            topic = match[1]
        out.append((topic, cells))
    return out


TABLE = _table()


def _day(day: object) -> str:
    return f"{day:%d/%m/%Y}" if day else "…"


def test_the_section_is_the_last_and_names_the_command() -> None:
    assert DOC.rstrip().endswith(SECTION.rstrip())
    assert "`cchc law`" in SECTION and 'basis=("' in SECTION and "ctx.finding(" in SECTION


@pytest.mark.parametrize("topic", TOPICS)
def test_every_shipped_topic_is_in_the_table(topic: str) -> None:
    assert any(cells[0].startswith(f"`{topic}`: ") for _, cells in TABLE), (
        f"topic {topic} is not in the table of docs/authoring-rules.md"
    )


@pytest.mark.parametrize("basis", BASES, ids=lambda b: b.id)
def test_every_shipped_basis_is_in_the_table_with_its_number_and_dates(basis: LegalBasis) -> None:
    rows = [(topic, cells) for topic, cells in TABLE if cells[1] == f"`{basis.id}`"]
    assert sorted(topic for topic, _ in rows) == sorted(basis.topics), (
        f"basis {basis.id} needs one row under each of its topics {basis.topics}"
    )
    for _, cells in rows:
        assert cells[2].startswith(basis.number + (f", {basis.article}" if basis.article else ""))
        assert cells[3] == f"{_day(basis.in_force_from)} – {_day(basis.in_force_to)}"


def test_no_row_for_a_topic_or_basis_that_does_not_exist() -> None:
    pairs = {(topic, cells[1].strip("`")) for topic, cells in TABLE}
    assert pairs == {(t, b.id) for b in BASES for t in b.topics}


def test_the_rules_named_for_a_topic_cite_it() -> None:
    rules = Engine.default(entry_points=False, env={}).registry.rules
    for topic, cells in TABLE:
        for rid in re.findall(r"\b([A-Z]{2}\d{3})\b", cells[0]):
            if rid in rules:  # the example plugin's rules are not built in
                assert topic in rules[rid].basis, f"{rid} does not cite {topic}"
