"""Property tests: whatever valid data units report, no built-in rule fails and every report
renders in both languages."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc_rules import load_mapping

from _support import engine

counts = st.one_of(st.none(), st.integers(0, 5), st.integers(0, 10**6))
days = st.one_of(st.none(), st.integers(0, 60), st.floats(0, 60, allow_nan=False))
percents = st.one_of(
    st.none(),
    st.integers(0, 100),
    st.floats(0, 100, allow_nan=False),
    st.sampled_from(["98,7", "100", "0,00", "33.3"]),
)
#: stated rates as reports write them: qualified, over a named base, truncated
stated = st.one_of(
    percents,
    st.sampled_from(["trên 97%", "gần 96%", "khoảng 50", "dưới 5%", "từ 95% trở lên", "21,47"]),
    st.builds(
        lambda v, q, r: {"value": v, "qualifier": q, "rounding": r},
        st.integers(0, 100),
        st.sampled_from(["exact", "over", "at_least", "under", "at_most", "nearly", "approx"]),
        st.sampled_from(["round", "truncate"]),
    ),
)
bounded = st.one_of(
    st.sampled_from(["hơn 2.000", "khoảng 10", "gần 1.000.000", "dưới 3"]),
    st.builds(
        lambda v, q: {"value": v, "qualifier": q},
        st.integers(0, 10**6),
        st.sampled_from(["over", "at_least", "under", "at_most", "nearly", "approx"]),
    ),
)
plain_percents = st.one_of(st.none(), st.integers(0, 100), st.floats(0, 100, allow_nan=False))
dates = st.dates().map(lambda d: d.isoformat())


def record(**fields):
    return st.fixed_dictionaries({}, optional=fields).map(
        lambda d: {k: v for k, v in d.items() if v is not None}
    )


procedure = st.builds(
    lambda name, code, rest: {"name": name, **({"code": code} if code else {}), **rest},
    st.sampled_from(["Cấp phép xây dựng", "Đăng ký hộ kinh doanh", "Chứng thực bản sao"]),
    st.one_of(st.none(), st.sampled_from(["1.001", "2.002"])),
    record(
        regulated_days=days,
        committed_days=days,
        actual_days=days,
        actual_days_max=days,
        claimed_reduction_days=days,
        claimed_reduction_percent=plain_percents,
        day_type=st.sampled_from(["working", "calendar"]),
    ),
)
dossiers = record(
    **dict.fromkeys(
        (
            "received",
            "received_total",
            "carried_over",
            "received_online",
            "online_level3",
            "online_level4",
            "online_partial",
            "online_full",
            "resolved_early",
            "resolved_on_time",
            "resolved_late",
            "pending_in_time",
            "pending_overdue",
            "resolved",
            "pending",
            "returned",
            "withdrawn",
            "apology_slips",
            "complaints",
            "received_direct",
            "received_direct_postal",
            "received_online_eligible",
            "overdue_total",
            "due",
            "returned_or_withdrawn",
            "digitised",
            "digitised_results",
            "payable",
            "paid_online",
        ),
        counts,
    ),
    stated_on_time_percent=stated,
    stated_online_percent=stated,
    stated_pending_percent=stated,
    stated_digitised_percent=stated,
    stated_digitised_results_percent=percents,
    stated_paid_online_percent=stated,
)
# counts as reports bound them, kept apart from the exact ones (CS007)
bounded_dossiers = st.builds(
    lambda d, bounds: {**d, **bounds},
    dossiers,
    record(
        received=bounded,
        received_total=bounded,
        received_online=bounded,
        resolved=bounded,
        pending=bounded,
    ),
)
window = st.builds(
    lambda d, start, end: {**d, "period": {"start": start, "end": end}},
    dossiers,
    st.sampled_from(["2023-01-01", "2023-10-01"]),
    st.sampled_from(["2023-10-31", "2023-12-31"]),
)
staffing = st.builds(
    lambda quota, used, rest: {"quota": quota, "used": used, **rest},
    st.integers(0, 200),
    st.integers(0, 200),
    record(
        category=st.sampled_from(["can_bo", "cong_chuc", "cong_chuc_cap_xa", "vien_chuc", "other"]),
        label=st.sampled_from(["Khối A", "Khối B"]),
        contract_outside_quota=counts,
        baseline_quota=counts,
        baseline_year=st.sampled_from([2015, 2021, 2018]),
        professional_share_percent=plain_percents,
    ),
)
reference = st.builds(
    lambda number, rest: {"number": number, **rest},
    st.sampled_from(
        [
            "05/KH-UBND",
            "59/2019/NĐ-CP",
            "02/NQ-CP",
            "03-NQ/TU",
            "71/KH-UBND",
            "garbage",
            "12/QĐ-UBND",
            "62/KH-UBND",
        ]
    ),
    record(
        date=dates,
        role=st.sampled_from(["issued", "cited"]),
        issuer=st.sampled_from(["UBND quận", "Ban Thường vụ Thành ủy"]),
    ),
)
unit = st.fixed_dictionaries(
    {"kind": st.sampled_from(["quan", "phuong", "truong", "tinh"])},
    optional={
        "procedures": st.lists(procedure, max_size=3),
        "dossiers": st.one_of(dossiers, bounded_dossiers),
        "dossier_windows": st.lists(window, max_size=2),
        "staffing": st.lists(staffing, max_size=3),
        "spending": record(
            units_total=counts,
            units_with_regulation=counts,
            units_published=counts,
            violations=counts,
        ),
        "digital_id": record(
            population=counts,
            id_notified=counts,
            id_not_notified=counts,
            stated_notified_percent=percents,
            eid_accounts=counts,
            eid_eligible_population=counts,
        ),
        "documents": record(issued=counts, restricted=counts, accessible=counts),
        "egov": record(
            signature_units_total=counts, signature_units_deployed=counts, signing_devices=counts
        ),
        "catalogue": st.lists(
            record(
                level=st.sampled_from(["quan", "phuong"]),
                procedures_total=counts,
                online_full_eligible=counts,
                no_dossier_3y=counts,
            ),
            max_size=2,
        ),
        "references": st.lists(reference, max_size=5),
        "aggregates_children": st.booleans(),
    },
)
periods = st.sampled_from(
    [
        ("2022-01-01", "2022-06-30"),
        ("2025-07-01", "2025-12-31"),
        ("2025-01-01", "2025-12-31"),
        ("2026-01-01", "2026-06-30"),
    ]
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(unit, min_size=1, max_size=4), periods, st.booleans())
def test_no_builtin_rule_fails_on_valid_data(units, period, with_report):
    tree_units = []
    for i, u in enumerate(units):
        u = {"id": f"u{i}", "name": f"Đơn vị {i}", **u}
        if i:
            u["parent"] = "u0"
        tree_units.append(u)
    ds_table = {"period": {"start": period[0], "end": period[1]}, "reported_by": "u0"}
    if with_report:
        ds_table["report"] = {"number": "12/BC-UBND", "date": period[1]}
    ds = load_mapping({"schema": "cchc/1", "dataset": ds_table, "units": tree_units})
    assert not ds.errors, ds.errors
    report = engine().run(ds)
    assert report.rule_errors == (), report.rule_errors
    for lang in ("vi", "en"):
        doc = json.loads(report.to_json(lang))
        for f in doc["findings"]:
            assert "{" not in f["message"], f["message"]  # every placeholder was filled
        report.render("table", lang)
