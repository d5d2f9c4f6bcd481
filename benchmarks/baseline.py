"""The baseline for the unit-data benchmark: a plain script that parses the same JSON and applies
the same comparisons as the built-in rules, in one loop, and writes its findings as JSON.

    python benchmarks/baseline.py benchmarks/data/units-50000.json /tmp/baseline.json

It validates nothing, renders no message and knows no law: it is the floor an engine is held to.
"""

from __future__ import annotations

import json
import sys


def check(unit: dict, period_end: str, out: list) -> None:  # a plain script on purpose
    uid = unit["id"]

    def add(rule: str, subject: str = "", **evidence: object) -> None:
        out.append({"rule": rule, "unit": uid, "subject": subject, "evidence": evidence})

    for b in unit.get("staffing", ()):
        label = b.get("label") or b.get("category") or ""
        quota, used = b["quota"], b["used"]
        if used > quota:
            add("ST001", label, used=used, quota=quota)
        c = b.get("contract_outside_quota")
        if c is not None and c > 0:
            add("ST002", label, contract=c)
        if quota > 0 and used * 100 < 90 * quota:
            add("ST005", label, used=used, quota=quota)
        share = b.get("professional_share_percent")
        if share is not None and share < 65:
            add("ST004", label, share=share)
    for p in unit.get("procedures", ()):
        reg, act = p.get("regulated_days"), p.get("actual_days")
        if reg is not None and act is not None and act > reg:
            add("DL001", p["name"], regulated=reg, actual=act)
        claimed = p.get("claimed_reduction_days")
        if claimed is not None:
            if reg is None:
                add("DL002", p["name"], implied=(act or 0) + claimed)
            elif act is not None and reg - act != claimed:
                add("DL002", p["name"], claimed=claimed, computed=reg - act)
        com = p.get("committed_days")
        if com is not None and reg is not None and com > reg:
            add("DL003", p["name"], committed=com, regulated=reg)
    d = unit.get("dossiers")
    if d:
        early, on_time, late = (
            d.get(k) for k in ("resolved_early", "resolved_on_time", "resolved_late")
        )
        resolved = (early or 0) + (on_time or 0) + (late or 0)
        if resolved and ((early or 0) + (on_time or 0)) * 100 < 95 * resolved:
            add("DL004", rate=round(((early or 0) + (on_time or 0)) * 100 / resolved, 2))
        overdue = (late or 0) + (d.get("pending_overdue") or 0)
        slips = d.get("apology_slips")
        if overdue and slips is not None and slips < overdue:
            add("DL005", overdue=overdue, slips=slips)
        pending = (d.get("pending_in_time") or 0) + (d.get("pending_overdue") or 0)
        received = d.get("received")
        if received and not resolved and not pending:
            add("DL006", received=received)
        if received is not None and resolved + pending > received + (d.get("carried_over") or 0):
            add("CS003", received=received, resolved=resolved, pending=pending)
        if received is not None and resolved + pending + (d.get("returned") or 0) != received + (
            d.get("carried_over") or 0
        ):
            add("CS001", "dossier_balance", received=received, resolved=resolved, pending=pending)
        stated = d.get("stated_on_time_percent")
        if stated is not None and resolved:
            decimals = len(repr(float(stated)).partition(".")[2])
            computed = round(((early or 0) + (on_time or 0)) * 100 / resolved, decimals)
            if computed != stated:
                add("CS002", "stated_on_time_percent", stated=stated, computed=computed)
        whole = resolved + (d.get("pending_overdue") or 0)
        if whole:
            part = (early or 0) + (on_time or 0)
            add("SC001", "progress", part=part, whole=whole, percent=round(part * 100 / whole, 2))
        online = d.get("received_online")
        part, full = d.get("online_partial"), d.get("online_full")
        if online is not None and part is not None and full is not None and part + full != online:
            add("CS001", "online", online=online, partial=part, full=full)
    s = unit.get("spending")
    if s:
        total, with_reg = s.get("units_total"), s.get("units_with_regulation")
        if total is not None and with_reg is not None and with_reg < total:
            add("SP001", units_total=total, units_with_regulation=with_reg)
        if s.get("violations"):
            add("SP002", violations=s["violations"])
    i = unit.get("digital_id")
    if i:
        pop = i.get("population")
        notified = i.get("id_notified")
        if notified is None and pop is not None and i.get("id_not_notified") is not None:
            notified = pop - i["id_not_notified"]
        if pop and notified is not None and notified < pop:
            add("ID001", notified=notified, population=pop)
        eid = i.get("eid_accounts")
        if pop and eid is not None and eid * 100 < 60 * pop:
            add("ID002", accounts=eid, population=pop, period_end=period_end)


def main(src: str, dst: str) -> None:
    with open(src, encoding="utf-8") as fh:
        data = json.load(fh)
    period_end = data["dataset"]["period"]["end"]
    findings: list = []
    for unit in data["units"]:
        check(unit, period_end, findings)
    findings.sort(key=lambda f: (f["unit"], f["rule"], f["subject"]))
    with open(dst, "w", encoding="utf-8") as fh:
        json.dump({"findings": findings}, fh, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
