"""The shipped legal bases: which are in force for a period, chosen by the date each takes effect,
and the data every basis must carry."""

from __future__ import annotations

import datetime as _dt

import pytest

from cchc_rules import Context, LawBook, Period, shipped_bases
from cchc_rules.builtin.digital_id import id002

from _support import dataset

BOOK = LawBook.of(shipped_bases())


def period(start: str, end: str) -> Period:
    return Period(_dt.date.fromisoformat(start), _dt.date.fromisoformat(end))


def ids(topic: str, start: str, end: str) -> list[str]:
    return [b.id for b in BOOK.in_force(topic, period(start, end))]


@pytest.mark.parametrize(
    ("topic", "start", "end", "expected"),
    [
        # one-stop shop: 61/2018 + 107/2021 to 30/6/2025, 118/2025 from 1/7/2025
        ("one_stop_shop", "2022-01-01", "2022-06-30", ["nd-61-2018", "nd-107-2021"]),
        ("one_stop_shop", "2021-01-01", "2021-06-30", ["nd-61-2018"]),
        ("one_stop_shop", "2025-06-30", "2025-06-30", ["nd-61-2018", "nd-107-2021"]),
        ("one_stop_shop", "2025-07-01", "2025-07-01", ["nd-118-2025"]),
        ("one_stop_shop", "2025-01-01", "2025-12-31", ["nd-61-2018", "nd-107-2021", "nd-118-2025"]),
        # online services: levels 1-4 until 42/2022 took effect on 15/8/2022
        ("online_services", "2022-01-01", "2022-06-30", ["nd-43-2011"]),
        ("online_services", "2022-08-14", "2022-08-14", ["nd-43-2011"]),
        ("online_services", "2022-08-15", "2022-08-15", ["nd-42-2022"]),
        ("online_services", "2022-07-01", "2022-12-31", ["nd-43-2011", "nd-42-2022"]),
        # internal spending, state agencies: 130/2005 + 117/2013 to 30/4/2026, 75/2026 from 1/5
        ("spending_state_agencies", "2013-07-01", "2013-12-31", ["nd-130-2005"]),
        ("spending_state_agencies", "2026-04-30", "2026-04-30", ["nd-130-2005", "nd-117-2013"]),
        ("spending_state_agencies", "2026-05-01", "2026-05-01", ["nd-75-2026"]),
        ("spending_public_units", "2021-08-14", "2021-08-14", []),
        ("spending_public_units", "2021-08-15", "2021-08-15", ["nd-60-2021"]),
        # personal ID numbers: Law 2014 until 30/6/2024, Law 2023 from 1/7/2024
        ("personal_id", "2024-06-30", "2024-06-30", ["luat-59-2014"]),
        ("personal_id", "2024-07-01", "2024-07-01", ["luat-26-2023"]),
        # electronic identification: the programme from 6/1/2022, decrees from 20/10/2022
        ("electronic_id", "2021-07-01", "2021-12-31", []),
        ("electronic_id", "2022-01-01", "2022-06-30", ["qd-06-2022"]),
        ("electronic_id", "2022-10-20", "2022-10-20", ["qd-06-2022", "nd-59-2022"]),
        ("electronic_id", "2024-07-01", "2024-12-31", ["qd-06-2022", "nd-69-2024"]),
        # digitisation and online payment: the index from 23/6/2022, the circular from 5/4/2023
        ("digitisation", "2022-01-01", "2022-06-22", []),
        ("digitisation", "2022-06-23", "2022-06-30", ["qd-766-2022"]),
        ("digitisation", "2023-04-04", "2023-04-04", ["qd-766-2022"]),
        ("online_payment", "2023-04-05", "2023-04-05", ["qd-766-2022", "tt-01-2023-vpcp"]),
    ],
)
def test_bases_in_force_by_the_date_they_take_effect(topic, start, end, expected):
    assert ids(topic, start, end) == expected


@pytest.mark.parametrize(
    ("start", "end", "binding", "any_basis"),
    [
        ("2022-01-01", "2022-06-30", False, True),  # only Quyết định 06/QĐ-TTg, a programme
        ("2022-10-01", "2022-10-19", False, True),
        ("2022-10-01", "2022-10-20", True, True),
        ("2021-01-01", "2021-12-31", False, False),
    ],
)
def test_context_in_force_excludes_programmes(start, end, binding, any_basis):
    ctx = Context(id002, dataset({"digital_id": {}}, period=(start, end)), BOOK)
    assert ctx.in_force("electronic_id") is binding
    assert ctx.in_force("electronic_id", binding_only=False) is any_basis


def test_a_dataset_without_a_period_cites_nothing():
    assert BOOK.in_force("one_stop_shop", None) == ()


def test_programme_flag_marks_only_the_programme():
    # programmes and indices, which set no binding target
    assert [b.id for b in shipped_bases() if b.programme] == ["qd-06-2022", "qd-766-2022"]


@pytest.mark.parametrize("basis", shipped_bases(), ids=lambda b: b.id)
def test_every_basis_is_dated_sourced_and_quoted(basis):
    assert basis.number and basis.kind and basis.title_vi and basis.title_en
    assert basis.topics
    assert basis.source.startswith(("http://", "https://"))
    assert basis.extra.get("evidence")
    if basis.in_force_from and basis.in_force_to:
        assert basis.in_force_from <= basis.in_force_to
    if basis.issued and basis.in_force_from:
        assert basis.issued <= basis.in_force_from
    assert set(basis.extra.get("unverified", ())) <= {
        "in_force_from",
        "in_force_to",
        "issued",
        "article",
        "baseline_year",
        "reporting_window",
    }


def test_basis_ids_are_unique_and_amendments_point_at_known_bases():
    bases = shipped_bases()
    known = {b.id for b in bases}
    assert len(known) == len(bases)
    assert {b.amends for b in bases if b.amends} <= known


REPLACED = ("one_stop_shop", "online_services", "spending_state_agencies", "personal_id")


def test_a_replaced_decree_or_law_hands_over_the_next_day():
    """Where a decree or law ends, its replacement takes effect the next day (no lapse).

    Streamlining programmes are not replacements (39-NQ/TW ran to 2021, 40-KL/TW from 7/2022)."""
    for basis in shipped_bases():
        if basis.in_force_to is None or not set(basis.topics) & set(REPLACED):
            continue
        next_day = basis.in_force_to + _dt.timedelta(days=1)
        for topic in basis.topics:
            successors = BOOK.in_force(topic, Period(next_day, next_day))
            assert successors, f"{basis.id}: nothing of {topic!r} in force on {next_day}"
