"""Generate a synthetic cchc/1 JSON dataset for benchmarks: N units with 10 procedures each.

    python benchmarks/generate.py --units 50000 --out benchmarks/data/units-50000.json

Deterministic (``--seed``, default 2022). Each unit breaks things independently with the odds
below, so the finding density is that of a real province-wide run (≈ 4.4 findings per unit, as
in the run that opened the speed work): staffing over quota or contracts outside it, procedures
resolved later than regulated (with reductions claimed that the days do not give), late dossiers
without apology slips, stated rates that the counts do not give, IDs not notified, spending
units without a regulation, dossier counts that do not balance.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

#: The odds that a unit has each kind of problem.
ODDS = {
    "over_quota": 0.15,
    "contract": 0.10,
    "under_used": 0.10,
    "late_procedures": 0.40,
    "committed": 0.05,
    "late_dossiers": 0.20,
    "stated_rate": 0.20,
    "not_notified": 0.10,
    "few_eid": 0.10,
    "spending": 0.10,
    "unbalanced": 0.05,
}


def unit(i: int, rng: random.Random) -> dict[str, object]:
    bad = {k for k, p in ODDS.items() if rng.random() < p}
    quota = rng.randint(10, 120)
    if "over_quota" in bad:
        used = quota + rng.randint(1, 5)
    elif "under_used" in bad:
        used = quota * 8 // 10
    else:
        used = quota - rng.randint(0, quota // 12)
    received = rng.randint(100, 5000)
    late = rng.randint(received // 15, received // 8) if "late_dossiers" in bad else 0
    late = late or rng.randint(0, received // 50)
    pending = rng.randint(0, 20)
    on_time = received - late - pending
    resolved = on_time + late
    population = rng.randint(5000, 300000)
    n_late = rng.randint(1, 4) if "late_procedures" in bad else 0
    procedures = []
    for p in range(10):
        regulated = rng.choice([3, 5, 7, 10, 15, 20, 30])
        actual = regulated - rng.randint(0, 2)
        if p < n_late:
            actual = regulated + rng.randint(1, 3)
        proc: dict[str, object] = {
            "name": f"Thủ tục {p + 1}",
            "code": f"1.{i:06d}.{p:02d}",
            "field": "Hộ tịch",
            "regulated_days": regulated,
            "actual_days": actual,
            "claimed_reduction_days": max(regulated - actual, 0),
        }
        if "committed" in bad and p == 9:
            proc["committed_days"] = regulated + 2
        procedures.append(proc)
    rate = round(on_time * 100 / resolved, 2) if resolved else 100.0
    if "stated_rate" in bad:
        rate = min(100.0, round(rate + rng.choice([-3, -2, 2, 3]) + rng.random(), 2))
    return {
        "id": f"u{i:06d}",
        "name": f"UBND phường {i}",
        "kind": "phuong",
        "parent": "root",
        "procedures": procedures,
        "dossiers": {
            "received": received + (rng.randint(5, 50) if "unbalanced" in bad else 0),
            "received_online": received // 3,
            "online_partial": received // 6,
            "online_full": received // 3 - received // 6,
            "resolved_on_time": on_time,
            "resolved_late": late,
            "pending_in_time": pending,
            "apology_slips": late // 2 if "late_dossiers" in bad else late,
            "stated_on_time_percent": rate,
        },
        "staffing": [
            {
                "category": "cong_chuc_cap_xa",
                "label": "Công chức phường",
                "quota": quota,
                "used": used,
                "contract_outside_quota": rng.randint(1, 3) if "contract" in bad else 0,
            }
        ],
        "spending": {
            "units_total": 5,
            "units_with_regulation": 4 if "spending" in bad else 5,
            "violations": 0,
        },
        "digital_id": {
            "population": population,
            "id_not_notified": rng.randint(1, population // 50) if "not_notified" in bad else 0,
            "eid_accounts": population * (4 if "few_eid" in bad else 7) // 10,
        },
    }


def dataset(n: int, seed: int = 2022) -> dict[str, object]:
    rng = random.Random(seed)
    return {
        "schema": "cchc/1",
        "dataset": {
            "title": f"Benchmark: {n} units",
            "reported_by": "root",
            "period": {"start": "2025-07-01", "end": "2025-12-31"},
            "report": {"number": "1/BC-UBND", "date": "2025-12-20"},
        },
        "units": [unit(i, rng) for i in range(n)],
    }


def write(n: int, out: Path, seed: int = 2022) -> Path:
    """Write the dataset of ``n`` units to ``out`` (folders created); return ``out``."""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(dataset(n, seed), ensure_ascii=False), encoding="utf-8")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--units", type=int, default=50_000)
    ap.add_argument("--seed", type=int, default=2022)
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args()
    out = args.out or Path(__file__).parent / "data" / f"units-{args.units}.json"
    write(args.units, out, args.seed)
    print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
