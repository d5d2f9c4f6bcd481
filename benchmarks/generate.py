"""Generate a synthetic cchc/1 JSON dataset for benchmarks: N units with 10 procedures each.

    python benchmarks/generate.py --units 50000 --out benchmarks/data/units-50000.json

Deterministic (fixed seed). Roughly one unit in ten breaks something, so findings are produced.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path


def unit(i: int, rng: random.Random) -> dict[str, object]:
    bad = rng.random() < 0.1
    quota = rng.randint(10, 120)
    received = rng.randint(100, 5000)
    late = rng.randint(0, received // 10) if bad else rng.randint(0, received // 50)
    on_time = received - late - rng.randint(0, 20)
    pending = received - on_time - late
    population = rng.randint(5000, 300000)
    procedures = []
    for p in range(10):
        regulated = rng.choice([3, 5, 7, 10, 15, 20, 30])
        actual = regulated - rng.randint(0, 2) + (rng.randint(1, 3) if bad and p == 0 else 0)
        procedures.append({
            "name": f"Thủ tục {p + 1}",
            "code": f"1.{i:06d}.{p:02d}",
            "field": "Hộ tịch",
            "regulated_days": regulated,
            "actual_days": max(actual, 0),
            "claimed_reduction_days": max(regulated - actual, 0),
        })
    return {
        "id": f"u{i:06d}",
        "name": f"UBND phường {i}",
        "kind": "phuong",
        "parent": "root",
        "procedures": procedures,
        "dossiers": {
            "received": received,
            "received_online": received // 3,
            "online_partial": received // 6,
            "online_full": received // 3 - received // 6,
            "resolved_on_time": on_time,
            "resolved_late": late,
            "pending_in_time": pending,
            "apology_slips": late if not bad else late // 2,
        },
        "staffing": [{
            "category": "cong_chuc_cap_xa",
            "label": "Công chức phường",
            "quota": quota,
            "used": quota + (2 if bad else -rng.randint(0, 3)),
            "contract_outside_quota": 1 if bad else 0,
        }],
        "spending": {"units_total": 5, "units_with_regulation": 4 if bad else 5, "violations": 0},
        "digital_id": {
            "population": population,
            "id_not_notified": rng.randint(0, population // 50) if bad else 0,
            "eid_accounts": population * 7 // 10,
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--units", type=int, default=50_000)
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args()
    out = args.out or Path(__file__).parent / "data" / f"units-{args.units}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(dataset(args.units), ensure_ascii=False), encoding="utf-8")
    print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
