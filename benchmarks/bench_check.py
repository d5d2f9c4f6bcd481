"""Unit-data benchmark: `cchc check --format json` against a plain-script baseline, end to end.

    python benchmarks/bench_check.py                 # 50,000 units × 10 procedures, 3 rounds
    python benchmarks/bench_check.py --units 5000 --rounds 5

Each round runs the baseline (benchmarks/baseline.py: parse the same JSON, apply the same
comparisons in a loop, write findings) and `cchc check` one after the other, as separate
processes; wall time and peak memory (max RSS, from wait4) are taken per process. It prints every
round, then the medians and the ratios cchc / baseline — compare ratios, not seconds: this
machine is shared and noisy. Targets: time ≤ 2×, memory ≤ 1.5×.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


#: The baseline implements the built-in rules only: installed plugins are not loaded for cchc.
ENV = {**os.environ, "CCHC_DISABLE_PLUGINS": "cchc-egov"}


def measure(cmd: list[str]) -> tuple[float, float, int]:
    """(wall seconds, peak RSS in MiB, exit code) of one process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.returncode not in (0, 1, 2, 3):
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}): {err[-500:]}")
    return wall, usage.ru_maxrss / 1024, proc.returncode


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--units", type=int, default=50_000)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    data = HERE / "data" / f"units-{args.units}.json"
    if not data.exists():
        subprocess.run([sys.executable, str(HERE / "generate.py"), "--units", str(args.units),
                        "--out", str(data)], check=True)
    with tempfile.TemporaryDirectory() as tmp:
        base_cmd = [sys.executable, str(HERE / "baseline.py"), str(data), f"{tmp}/base.json"]
        cchc_cmd = [sys.executable, "-m", "cchc_rules", "check", str(data), "--format", "json",
                    "--output", f"{tmp}/cchc.json", "--isolated"]
        rows: dict[str, list[tuple[float, float]]] = {"baseline": [], "cchc": []}
        print(f"{data.name}: {data.stat().st_size / 1e6:.1f} MB, {args.rounds} rounds")
        for r in range(args.rounds):
            for name, cmd in (("baseline", base_cmd), ("cchc", cchc_cmd)):
                wall, rss, _ = measure(cmd)
                rows[name].append((wall, rss))
                print(f"  round {r + 1} {name:8s} {wall:7.2f} s {rss:8.0f} MiB")
    med = {k: (statistics.median(w for w, _ in v), statistics.median(m for _, m in v))
           for k, v in rows.items()}
    print(f"median baseline  {med['baseline'][0]:7.2f} s {med['baseline'][1]:8.0f} MiB")
    print(f"median cchc      {med['cchc'][0]:7.2f} s {med['cchc'][1]:8.0f} MiB")
    print(f"ratio time {med['cchc'][0] / med['baseline'][0]:.2f}× (target ≤ 2), "
          f"memory {med['cchc'][1] / med['baseline'][1]:.2f}× (target ≤ 1.5)")


if __name__ == "__main__":
    main()
