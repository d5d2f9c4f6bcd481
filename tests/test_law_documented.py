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
ROWS = [line for line in SECTION.splitlines() if line.startswith("| ")]


def _day(day: object) -> str:
    return f"{day:%d/%m/%Y}" if day else "…"


def test_the_section_is_the_last_and_names_the_command() -> None:
    assert DOC.rstrip().endswith(SECTION.rstrip())
    assert "`cchc law`" in SECTION and 'basis=("' in SECTION and "ctx.finding(" in SECTION


@pytest.mark.parametrize("topic", TOPICS)
def test_every_shipped_topic_is_in_the_table(topic: str) -> None:
    assert any(row.startswith(f"| `{topic}`: ") for row in ROWS), f"topic {topic} not in the table"


@pytest.mark.parametrize("basis", BASES, ids=lambda b: b.id)
def test_every_shipped_basis_is_in_the_table_with_its_number_and_dates(basis: LegalBasis) -> None:
    rows = [row for row in ROWS if f"| `{basis.id}` |" in row]
    assert len(rows) == 1, f"basis {basis.id} should have one row"
    cells = [c.strip() for c in rows[0].strip("|").split("|")]
    assert cells[2].startswith(basis.number + (f", {basis.article}" if basis.article else ""))
    assert cells[3] == f"{_day(basis.in_force_from)} – {_day(basis.in_force_to)}"
    if cells[0]:
        assert cells[0].startswith(f"`{basis.topics[0]}`")


def test_bases_follow_their_topic_row() -> None:
    """A row with an empty topic cell continues the topic above it."""
    topic = None
    assert ROWS[0].startswith("| topic")
    for row in ROWS[1:]:
        cells = [c.strip() for c in row.strip("|").split("|")]
        if cells[0]:
            topic = re.match(r"`(\w+)`", cells[0])[1]  # type: ignore[index]
        basis = next(b for b in BASES if f"`{b.id}`" == cells[1])
        assert topic in basis.topics, f"{basis.id} listed under {topic}"


def test_no_row_for_a_topic_or_basis_that_does_not_exist() -> None:
    named = set(re.findall(r"^\| `(\w+)`: ", SECTION, re.M))
    assert named == set(TOPICS)
    ids = set(re.findall(r"^\| [^|]*\| `([\w-]+)` \|", SECTION, re.M))
    assert ids == {b.id for b in BASES}


def test_the_rules_named_for_a_topic_cite_it() -> None:
    rules = Engine.default(entry_points=False, env={}).registry.rules
    for row in ROWS:
        cell = row.strip("|").split("|")[0]
        match = re.match(r" `(\w+)`: ", cell)
        if not match:
            continue
        for rid in re.findall(r"\b([A-Z]{2}\d{3})\b", cell):
            if rid in rules:  # the example plugin's rules are not built in
                assert match[1] in rules[rid].basis, f"{rid} does not cite {match[1]}"
