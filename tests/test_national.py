"""The table of national documents: shipped data, keys by number and year, lookup, extension."""

from __future__ import annotations

import datetime as dt
import sys
from importlib import resources

import pytest

from cchc_rules import DocumentTable, NationalDocument, shipped_documents
from cchc_rules.citations import UnparseableNumber, parse_number
from cchc_rules.national import document_key

from _support import engine

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

D = dt.date


def doc(number: str, date: dt.date, **kw: str) -> NationalDocument:
    return NationalDocument(number=number, date=date, **kw)


# ---------------------------------------------------------------------------------------------
# The shipped table


def test_every_shipped_entry_is_sourced_parsed_and_unique() -> None:
    raw = tomllib.loads(
        resources.files("cchc_rules.law").joinpath("national_documents.toml").read_text("utf-8")
    )["document"]
    docs = shipped_documents()
    assert len(docs) == len(raw) >= 30
    keys = [d.key for d in docs]
    assert len(set(keys)) == len(keys), "two entries for one document"
    for d, r in zip(docs, raw, strict=True):
        # a citable page, or (none found) a note naming the official publication it rests on
        assert d.source.startswith(("http://", "https://")) or r.get("source_note"), d.number
        assert "p_p_id" not in d.source and "utm_" not in d.source, d.number
        assert r.get("evidence"), f"{d.number}: no evidence quoted from the source"
        assert r.get("kind"), d.number
        assert d.title, d.number
        assert parse_number(d.number).canonical() == d.number, "numbers in their official spelling"
        n = parse_number(d.number)
        if n.year is not None:
            assert n.year == d.date.year, d.number


@pytest.mark.parametrize(
    ("number", "cited", "date"),
    [
        ("61/2018/NĐ-CP", None, D(2018, 4, 23)),
        ("107/2021/NĐ-CP", None, D(2021, 12, 6)),
        ("59/2019/NĐ-CP", None, D(2019, 7, 1)),
        ("02/NQ-CP", D(2022, 6, 1), D(2022, 1, 10)),
        ("06/QĐ-TTg", D(2022, 1, 6), D(2022, 1, 6)),
        ("42/2022/NĐ-CP", None, D(2022, 6, 24)),
        ("766/QĐ-TTg", D(2022, 1, 1), D(2022, 6, 23)),
        ("09/2019/NĐ-CP", None, D(2019, 1, 24)),
    ],
)
def test_the_spec_examples_are_shipped(number: str, cited: dt.date | None, date: dt.date) -> None:
    table = DocumentTable.of(shipped_documents())
    found = table.lookup(number, cited)
    assert found is not None and found.date == date


def test_the_engine_holds_the_shipped_table() -> None:
    table = engine().registry.documents
    assert len(table) == len(shipped_documents())
    assert table.lookup("59/2019/ND-CP") is not None


# ---------------------------------------------------------------------------------------------
# Keys and lookup


def test_key_takes_the_year_from_the_number_else_from_the_date() -> None:
    assert doc("59/2019/NĐ-CP", D(2019, 7, 1)).key == (59, 2019, "NĐ", "CP")
    assert doc("02/NQ-CP", D(2022, 1, 10)).key == (2, 2022, "NQ", "CP")
    assert doc("40-KL/TW", D(2022, 7, 18)).key == (40, 2022, "KL", "TW")
    n = parse_number("02/NQ-CP")
    assert document_key(n, D(2023, 1, 6)) == (2, 2023, "NQ", "CP")
    assert document_key(n, None) is None
    assert document_key(parse_number("59/2019/NĐ-CP"), D(2021, 7, 1)) == (59, 2019, "NĐ", "CP")


def test_recurring_numbers_are_told_apart_by_the_cited_year() -> None:
    table = DocumentTable.of(
        [
            doc("02/NQ-CP", D(2022, 1, 10), title="2022"),
            doc("02/NQ-CP", D(2023, 1, 6), title="2023"),
        ]
    )
    assert len(table) == 2
    assert table.lookup("02/NQ-CP", D(2022, 1, 1)).title == "2022"  # type: ignore[union-attr]
    assert table.lookup("02/nq-cp", D(2023, 12, 31)).title == "2023"  # type: ignore[union-attr]
    assert table.lookup("02/NQ-CP", D(2024, 1, 8)) is None
    assert table.lookup("02/NQ-CP") is None  # no year at all: cannot tell which


def test_lookup_by_any_spelling_or_parsed_number() -> None:
    table = DocumentTable.of([doc("59/2019/NĐ-CP", D(2019, 7, 1))])
    for spelling in (
        "59/2019/NĐ-CP",
        "59/2019/ND-CP",
        "Số 59 / 2019 / nđ-cp",
        "59/2019/N\u00d0-CP",
    ):
        assert table.lookup(spelling) is not None, spelling
    assert table.lookup(parse_number("59/2019/ND-CP"), D(2000, 1, 1)) is not None
    assert table.lookup("59/2020/NĐ-CP") is None
    assert table.lookup("59/2019/NĐ-HĐND") is None
    assert table.lookup("Nghị định 59/2019/NĐ-CP") is None  # unparseable: never guessed
    assert table.get((59, 2019, "NĐ", "CP")) is not None


# ---------------------------------------------------------------------------------------------
# Extension (plugins, configuration)


def test_a_later_entry_replaces_an_earlier_one() -> None:
    table = DocumentTable()
    table.add(doc("02/NQ-CP", D(2022, 1, 1), title="old"))
    table.add(doc("02/NQ-CP", D(2022, 1, 10), title="new"))
    assert len(table) == 1
    assert [d.title for d in table] == ["new"]
    assert table.lookup("02/NQ-CP", D(2022, 5, 5)).date == D(2022, 1, 10)  # type: ignore[union-attr]


def test_add_rejects_an_unparseable_number() -> None:
    table = DocumentTable()
    with pytest.raises(UnparseableNumber):
        table.add(doc("Nghị quyết 02", D(2022, 1, 10)))
    with pytest.raises(ValueError, match="unparseable"):
        DocumentTable([doc("02/NQ", D(2022, 1, 10))])
    assert len(table) == 0 and table.documents == []


def test_extended_leaves_the_original_unchanged() -> None:
    base = DocumentTable.of([doc("59/2019/NĐ-CP", D(2019, 7, 1))])
    bigger = base.extended([doc("02/NQ-CP", D(2023, 1, 6))])
    assert (len(base), len(bigger)) == (1, 2)
    assert base.lookup("02/NQ-CP", D(2023, 1, 6)) is None
    assert bigger.lookup("02/NQ-CP", D(2023, 1, 6)) is not None
    base.extend([doc("02/NQ-CP", D(2022, 1, 10))])
    assert len(base) == 2


def test_from_mapping_reads_a_configuration_entry() -> None:
    d = NationalDocument.from_mapping(
        {
            "number": " 02/NQ-CP ",
            "date": "2023-01-06",
            "title": "Nghị quyết 2023",
            "source": "https://example.org",
            "kind": "nghi_quyet",
        }
    )
    assert (d.number, d.date, d.extra) == ("02/NQ-CP", D(2023, 1, 6), {"kind": "nghi_quyet"})
    assert (
        NationalDocument.from_mapping({"number": "1/2020/NĐ-CP", "date": D(2020, 1, 1)}).title == ""
    )


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"date": D(2020, 1, 1)}, "number must be"),
        ({"number": 5, "date": D(2020, 1, 1)}, "number must be"),
        ({"number": "  ", "date": D(2020, 1, 1)}, "number must be"),
        ({"number": "1/2020/NĐ-CP"}, "date is required"),
        ({"number": "1/2020/NĐ-CP", "date": "01/01/2020"}, "date must be"),
        ({"number": "1/2020/NĐ-CP", "date": 2020}, "date must be"),
        ({"number": "1/2020/NĐ-CP", "date": D(2020, 1, 1), "title": 3}, "title must be text"),
    ],
)
def test_from_mapping_rejects_bad_entries(raw: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        NationalDocument.from_mapping(raw)


def test_from_mapping_accepts_a_datetime() -> None:
    d = NationalDocument.from_mapping(
        {"number": "1/2020/NĐ-CP", "date": dt.datetime(2020, 1, 1, 9)}
    )
    assert d.date == D(2020, 1, 1)


# ---------------------------------------------------------------------------------------------
# Documents settled later: 39-NQ/TW (dated by its own heading) and 361/2025/NĐ-CP


@pytest.mark.parametrize(
    ("number", "date"),
    [("39-NQ/TW", D(2015, 4, 17)), ("361/2025/NĐ-CP", D(2025, 12, 31))],
)
def test_documents_dated_since_are_shipped(number: str, date: dt.date) -> None:
    found = DocumentTable.of(shipped_documents()).lookup(number, date)
    assert found is not None and found.date == date


@pytest.mark.parametrize(("cited", "flagged"), [("2015-04-07", True), ("2015-04-17", False)])
def test_rf005_holds_39_nq_tw_to_17_april_2015(cited: str, flagged: bool) -> None:
    from _support import run

    report = run(
        {"id": "u", "name": "UBND phường U", "references": [{"number": "39-NQ/TW", "date": cited}]},
        select="RF005",
        period=("2023-01-01", "2023-12-31"),
        reported_by="u",
        report={"number": "1/BC-UBND", "date": "2023-12-31"},
    )
    got = [f.evidence["known_date"] for f in report.findings if f.rule == "RF005"]
    assert got == ([D(2015, 4, 17)] if flagged else [])
