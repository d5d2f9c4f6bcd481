"""The analyst's baseline: the same comparisons as benchmarks/baseline.py, written the way an
analyst would with pandas (one frame per section, vectorised comparisons, findings as records).

    python benchmarks/baseline_pandas.py benchmarks/data/units-50000.json /tmp/pandas.json

Needs pandas (``pip install -e '.[bench]'``); like the plain script, it validates nothing and
renders no message.
"""

from __future__ import annotations

import json
import sys

import pandas as pd


def findings(
    frame: pd.DataFrame, mask: pd.Series, rule: str, subject: object, **cols: str
) -> pd.DataFrame:
    """The rows of ``frame`` where ``mask`` holds, as findings with the named evidence columns."""
    rows = frame.loc[mask.fillna(False).astype(bool)]
    ev = rows[list(cols.values())].rename(columns={v: k for k, v in cols.items()})
    subj = rows[subject] if isinstance(subject, str) and subject in rows else subject
    return pd.DataFrame(
        {
            "rule": rule,
            "unit": rows["unit"],
            "subject": subj if len(rows) else [],
            "evidence": ev.to_dict("records"),
        }
    )


def main(src: str, dst: str) -> None:
    with open(src, encoding="utf-8") as fh:
        data = json.load(fh)
    period_end = data["dataset"]["period"]["end"]
    units = data["units"]
    out = []

    staff = pd.json_normalize(units, "staffing", meta=["id"]).rename(columns={"id": "unit"})
    staff["subject"] = staff["label"].fillna(staff["category"]).fillna("")
    out.append(
        findings(staff, staff.used > staff.quota, "ST001", "subject", used="used", quota="quota")
    )
    out.append(
        findings(
            staff,
            staff.contract_outside_quota > 0,
            "ST002",
            "subject",
            contract="contract_outside_quota",
        )
    )
    out.append(
        findings(
            staff,
            (staff.quota > 0) & (staff.used * 100 < 90 * staff.quota),
            "ST005",
            "subject",
            used="used",
            quota="quota",
        )
    )

    proc = pd.json_normalize(units, "procedures", meta=["id"]).rename(columns={"id": "unit"})
    if "committed_days" not in proc:
        proc["committed_days"] = float("nan")
    proc["computed"] = proc.regulated_days - proc.actual_days
    out.append(
        findings(
            proc,
            proc.actual_days > proc.regulated_days,
            "DL001",
            "name",
            regulated="regulated_days",
            actual="actual_days",
        )
    )
    out.append(
        findings(
            proc,
            proc.claimed_reduction_days.notna() & (proc.computed != proc.claimed_reduction_days),
            "DL002",
            "name",
            claimed="claimed_reduction_days",
            computed="computed",
        )
    )
    out.append(
        findings(
            proc,
            proc.committed_days > proc.regulated_days,
            "DL003",
            "name",
            committed="committed_days",
            regulated="regulated_days",
        )
    )

    flat = pd.json_normalize(units, max_level=1).rename(columns={"id": "unit"})
    flat.columns = [c.split(".")[-1] for c in flat.columns]
    flat = flat.loc[:, ~flat.columns.duplicated()]
    for c in ("resolved_early", "pending_overdue", "returned", "carried_over"):
        if c not in flat:
            flat[c] = 0
    f = flat.fillna({"resolved_early": 0, "pending_overdue": 0, "returned": 0, "carried_over": 0})
    f["good"] = f.resolved_early + f.resolved_on_time
    f["resolved"] = f.good + f.resolved_late
    f["pending"] = f.pending_in_time + f.pending_overdue
    f["rate"] = (f.good * 100 / f.resolved).round(2)
    f["overdue"] = f.resolved_late + f.pending_overdue
    out.append(
        findings(f, (f.resolved > 0) & (f.good * 100 < 95 * f.resolved), "DL004", "", rate="rate")
    )
    out.append(
        findings(
            f,
            (f.overdue > 0) & (f.apology_slips < f.overdue),
            "DL005",
            "",
            overdue="overdue",
            slips="apology_slips",
        )
    )
    out.append(
        findings(
            f,
            (f.resolved + f.pending > f.received + f.carried_over),
            "CS003",
            "",
            received="received",
            resolved="resolved",
            pending="pending",
        )
    )
    out.append(
        findings(
            f,
            (f.resolved + f.pending + f.returned != f.received + f.carried_over),
            "CS001",
            "dossier_balance",
            received="received",
            resolved="resolved",
            pending="pending",
        )
    )
    out.append(
        findings(
            f,
            (f.online_partial + f.online_full != f.received_online),
            "CS001",
            "online",
            online="received_online",
            partial="online_partial",
            full="online_full",
        )
    )
    # the computed rate to as many decimals as the stated one
    dec = f.stated_on_time_percent.map(
        lambda v: len(repr(float(v)).partition(".")[2]), na_action="ignore"
    )
    scale = 10 ** dec.fillna(2)
    f["computed"] = (f.good * 100 / f.resolved * scale).round() / scale
    out.append(
        findings(
            f,
            f.stated_on_time_percent.notna() & (f.computed != f.stated_on_time_percent),
            "CS002",
            "stated_on_time_percent",
            stated="stated_on_time_percent",
            computed="computed",
        )
    )
    f["whole"] = f.resolved + f.pending_overdue
    f["percent"] = (f.good * 100 / f.whole).round(2)
    out.append(
        findings(f, f.whole > 0, "SC001", "progress", part="good", whole="whole", percent="percent")
    )
    out.append(
        findings(
            f,
            f.units_with_regulation < f.units_total,
            "SP001",
            "",
            units_total="units_total",
            units_with_regulation="units_with_regulation",
        )
    )
    out.append(findings(f, f.violations > 0, "SP002", "", violations="violations"))
    f["notified"] = f.population - f.id_not_notified
    out.append(
        findings(
            f,
            (f.population > 0) & (f.notified < f.population),
            "ID001",
            "",
            notified="notified",
            population="population",
        )
    )
    f["period_end"] = period_end
    out.append(
        findings(
            f,
            (f.population > 0) & (f.eid_accounts * 100 < 60 * f.population),
            "ID002",
            "",
            accounts="eid_accounts",
            population="population",
            period_end="period_end",
        )
    )

    result = pd.concat(out, ignore_index=True).sort_values(
        ["unit", "rule", "subject"], kind="stable"
    )
    with open(dst, "w", encoding="utf-8") as fh:
        fh.write('{"findings": ')
        result.to_json(fh, orient="records", force_ascii=False)
        fh.write("}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
