"""The shipped legal bases: which are in force for a period, chosen by the date each takes effect,
and the data every basis must carry."""

from __future__ import annotations

import datetime as _dt
import re
from urllib.parse import urlsplit

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
        (
            "one_stop_shop",
            "2025-01-01",
            "2025-12-31",
            ["nd-61-2018", "nd-107-2021", "nd-118-2025", "tt-03-2025-vpcp"],
        ),
        # the guiding circular of 118/2025 from 15/9/2025
        ("one_stop_shop", "2025-09-14", "2025-09-14", ["nd-118-2025"]),
        ("one_stop_shop", "2025-09-15", "2025-09-15", ["nd-118-2025", "tt-03-2025-vpcp"]),
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
        # commune-level civil servants: 34/2019 to 31/7/2023, 33/2023 from 1/8/2023; from
        # 1/7/2025 (two-level local government) they are civil servants under Luật 80/2025/QH15
        ("commune_civil_servants", "2023-07-31", "2023-07-31", ["nd-34-2019"]),
        ("commune_civil_servants", "2023-08-01", "2023-08-01", ["nd-33-2023"]),
        ("commune_civil_servants", "2023-01-01", "2023-12-31", ["nd-34-2019", "nd-33-2023"]),
        ("commune_civil_servants", "2025-06-30", "2025-06-30", ["nd-33-2023"]),
        ("commune_civil_servants", "2025-07-01", "2025-07-01", ["luat-80-2025"]),
        ("commune_civil_servants", "2026-01-01", "2026-06-30", ["luat-80-2025"]),
        # civil servants: 62/2020 (quota provisions, no end verified) and from 1/7/2025 the Law
        ("civil_servants", "2025-06-30", "2025-06-30", ["nd-62-2020"]),
        ("civil_servants", "2025-07-01", "2025-07-01", ["nd-62-2020", "luat-80-2025"]),
        # contract work: 68/2000 as amended by 161/2018 to 21/2/2023, 111/2022 from 22/2/2023
        ("contract_work", "2023-02-21", "2023-02-21", ["nd-68-2000", "nd-161-2018"]),
        ("contract_work", "2023-02-22", "2023-02-22", ["nd-111-2022"]),
        ("contract_work", "2025-01-01", "2025-12-31", ["nd-111-2022"]),
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
    # a citable page, or (none found) a note saying what rests on which official publication
    assert basis.source.startswith(("http://", "https://")) or basis.extra.get("source_note")
    for url in [basis.source, *basis.extra.get("sources_extra", ())]:
        assert not url or url.startswith(("http://", "https://"))
    # a source that is printed is a citable address, not a portlet query or tracking parameters
    query = urlsplit(basis.source).query
    assert len(query) <= 40 and not re.search(r"utm_|fbclid|p_p_", query), basis.source
    assert basis.extra.get("evidence")
    # a date set without a stored quote of the clause that sets it says so
    if set(basis.extra.get("unverified", ())) & {"in_force_to", "reporting_window"} and (
        basis.in_force_to or "reporting_window_from" in basis.extra
    ):
        assert basis.extra.get("source_note")
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


REPLACED = (
    "one_stop_shop",
    "online_services",
    "spending_state_agencies",
    "personal_id",
    "commune_civil_servants",
    "contract_work",
)


def test_no_open_end_where_a_successor_is_known():
    """A basis whose successor on the same topic is shipped has an end date (an open end means
    "still in force"); 62/2020 stays open, its quota provisions having no known successor."""
    successors = {
        "nd-34-2019": "nd-33-2023",
        "nd-33-2023": "luat-80-2025",
        "nd-68-2000": "nd-111-2022",
        "nd-161-2018": "nd-111-2022",
        "nd-61-2018": "nd-118-2025",
        "nd-107-2021": "nd-118-2025",
        "nd-43-2011": "nd-42-2022",
        "nd-130-2005": "nd-75-2026",
        "nd-117-2013": "nd-75-2026",
        "luat-59-2014": "luat-26-2023",
        "nd-59-2022": "nd-69-2024",
    }
    for old, new in successors.items():
        before, after = BOOK.get(old), BOOK.get(new)
        assert before is not None and after is not None
        assert before.in_force_to is not None, old
        assert after.in_force_from == before.in_force_to + _dt.timedelta(days=1), (old, new)
    assert BOOK.get("nd-62-2020").in_force_to is None
    assert "in_force_to" in BOOK.get("nd-62-2020").extra["unverified"]


def test_the_one_stop_shop_decree_names_its_amendment_and_guidance():
    basis = BOOK.get("nd-118-2025")
    assert basis.extra["amended_by"] == ["367/2025/NĐ-CP"]
    assert basis.extra["guided_by"] == ["03/2025/TT-VPCP"]
    assert "45/2020/NĐ-CP" in basis.extra["source_note"]


def test_the_reporting_window_is_shipped_with_its_article():
    basis = BOOK.get("nd-09-2019")
    assert basis.article == "Điều 12"
    assert (
        basis.extra["reporting_window_from"],
        basis.extra["reporting_window_half_year_to"],
        basis.extra["reporting_window_year_to"],
    ) == ("12-15", "06-14", "12-14")


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


# A finding cites the law in force for its period, before and after each change of law.


def _st001_basis(category: str, start: str, end: str) -> tuple[str, ...]:
    from cchc_rules.testing import run_rule

    block = {"category": category, "quota": 10, "used": 11}
    report = run_rule("ST001", {"kind": "xa", "staffing": [block]}, period=(start, end))
    (finding,) = report.findings
    return finding.basis


@pytest.mark.parametrize(
    ("category", "start", "end", "expected"),
    [
        ("cong_chuc_cap_xa", "2023-01-01", "2023-06-30", ("nd-34-2019",)),
        ("cong_chuc_cap_xa", "2023-08-01", "2023-12-31", ("nd-33-2023",)),
        ("cong_chuc_cap_xa", "2025-01-01", "2025-06-30", ("nd-33-2023",)),
        ("cong_chuc_cap_xa", "2025-07-01", "2025-12-31", ("luat-80-2025",)),
        ("cong_chuc", "2025-01-01", "2025-06-30", ("nd-62-2020",)),
        ("cong_chuc", "2025-07-01", "2025-12-31", ("nd-62-2020", "luat-80-2025")),
    ],
)
def test_a_staffing_finding_cites_the_law_of_its_period(category, start, end, expected):
    assert _st001_basis(category, start, end) == expected


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("2023-01-01", "2023-02-21", ("nd-68-2000", "nd-161-2018")),
        ("2023-02-22", "2023-06-30", ("nd-111-2022",)),
        ("2025-01-01", "2025-06-30", ("nd-111-2022",)),
    ],
)
def test_a_contract_finding_cites_the_law_of_its_period(start, end, expected):
    from cchc_rules.testing import run_rule

    block = {"category": "cong_chuc", "quota": 10, "used": 10, "contract_outside_quota": 2}
    report = run_rule("ST002", {"kind": "xa", "staffing": [block]}, period=(start, end))
    (finding,) = report.findings
    assert finding.basis == expected


def test_streamlining_baselines_are_stated():
    # 39-NQ/TW counts 2016-2021 against 2015; 40-KL/TW counts 2022-2026 against 2021
    assert BOOK.get("nq-39-2015").extra["baseline_year"] == 2015
    kl40 = BOOK.get("kl-40-2022")
    assert kl40.extra["baseline_year"] == 2021
    assert "baseline_year" not in kl40.extra["unverified"]
    assert "năm 2021" in kl40.extra["evidence_baseline"]


# Nghị định 361/2025/NĐ-CP (in force 31/12/2025, the day it was signed) ends the job-position
# provisions of 62/2020 only: the quota provisions ST001 cites stay, and 361/2025 is not cited
# for quotas.


@pytest.mark.parametrize(
    ("topic", "day", "expected"),
    [
        ("civil_servant_positions", "2025-12-30", []),
        ("civil_servant_positions", "2025-12-31", ["nd-361-2025"]),
        ("civil_servants", "2025-12-30", ["nd-62-2020", "luat-80-2025"]),
        ("civil_servants", "2025-12-31", ["nd-62-2020", "luat-80-2025"]),
        ("civil_servants", "2026-07-01", ["nd-62-2020", "luat-80-2025"]),
    ],
)
def test_job_positions_change_on_31_december_2025_and_quotas_do_not(topic, day, expected):
    assert ids(topic, day, day) == expected


def test_361_2025_ends_only_the_job_position_provisions_of_62_2020():
    old, new = BOOK.get("nd-62-2020"), BOOK.get("nd-361-2025")
    assert (new.issued, new.in_force_from) == (_dt.date(2025, 12, 31), _dt.date(2025, 12, 31))
    ended = old.extra["positions_ended_by"]
    assert (ended["number"], ended["basis"]) == (new.number, new.id)
    assert ended["last_day"] + _dt.timedelta(days=1) == new.in_force_from
    assert "vị trí việc làm công chức tại Nghị định số 62/2020/NĐ-CP" in ended["evidence"]
    assert "hiệu lực thi hành kể từ ngày ký ban hành" in new.extra["evidence"]
    assert old.in_force_to is None  # its quota provisions: no text ending them was found
    assert "in_force_to" in old.extra["unverified"]


@pytest.mark.parametrize(
    ("start", "end"),
    [("2025-07-01", "2025-12-30"), ("2025-12-31", "2025-12-31"), ("2026-01-01", "2026-06-30")],
)
def test_a_quota_finding_cites_62_2020_before_and_after_361_2025(start, end):
    assert _st001_basis("cong_chuc", start, end) == ("nd-62-2020", "luat-80-2025")


def test_39_nq_tw_is_dated_by_its_heading():
    basis = BOOK.get("nq-39-2015")
    assert basis.issued == _dt.date(2015, 4, 17)
    assert "issued" not in basis.extra.get("unverified", ())
    assert "Hanoi, April 17, 2015" in basis.extra["evidence"]
    assert "dated on April 17, 2015" in basis.extra["evidence"]
    # the programme period, not the date of issue, bounds the citation
    assert ids("streamlining", "2021-12-31", "2021-12-31") == ["nq-39-2015"]
    assert ids("streamlining", "2022-01-01", "2022-07-17") == []


def test_the_40_kl_tw_baseline_rests_on_article_pages():
    sources = BOOK.get("kl-40-2022").extra["sources_baseline"]
    assert not any("tag" in urlsplit(u).path.split("/")[-1] for u in sources[:2])
    assert "2021年と比較して5.03%減少" in BOOK.get("kl-40-2022").extra["evidence_baseline"]


def test_the_points_of_the_766_index():
    """Five groups, 100 points; publicity, progress and satisfaction are quoted, and the two
    others are forced by the quotes (each group 18 to 22 points, 100 in all)."""
    basis = BOOK.get("qd-766-2022")
    points, total = basis.extra["group_points"], basis.extra["total_points"]
    groups = {"publicity", "progress", "digitisation", "online_service", "satisfaction"}
    assert set(points) == groups
    assert sum(points.values()) == total == 100
    assert all(18 <= p <= 22 for p in points.values())
    derived = basis.extra["points_derived"]
    quoted = {g: p for g, p in points.items() if g not in derived}
    assert quoted == {"publicity": 18, "progress": 20, "satisfaction": 18}
    # the only split of the rest over the derived groups, each at most 22
    rest = total - sum(quoted.values())
    splits = {(a, rest - a) for a in range(18, 23) if 18 <= rest - a <= 22}
    assert splits == {(points[derived[0]], points[derived[1]])} == {(22, 22)}
    evidence = basis.extra["evidence_points"]
    for quote in ("4/18 điểm", "tối đa 20 điểm", "chiếm 18/100 điểm", "from 18 to 22"):
        assert quote in evidence


def test_the_reporting_window_article_is_quoted_and_its_dates_say_what_they_rest_on():
    basis = BOOK.get("nd-09-2019")
    assert "article" not in basis.extra["unverified"]
    assert "khoản 4 Điều 12 Nghị định 09/2019/NĐ-CP" in basis.extra["evidence"]
    assert "Thời gian chốt số liệu báo cáo trong chế độ báo cáo định kỳ" in basis.extra["evidence"]
    # the half-year and year clauses were not read: the window stays marked, with its reason
    assert basis.extra["unverified"] == ["reporting_window"]
    assert "Công báo" in basis.extra["source_note"]
