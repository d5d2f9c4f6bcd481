"""Time `cchc extract` on a 30-page report (the seed report's text four and a half times over,
as Word and as PDF): the median of several runs, in-process, wall and CPU time.

    python benchmarks/bench_extract.py [ROUNDS]     # default 7 rounds

Also runs the whole command once per format (`cchc extract FILE`, interpreter start included).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

from cchc_rules.extract import draft_toml, extract_document

ROOT = Path(__file__).resolve().parent.parent
REPORTS = [ROOT / "tests" / "extract" / f"report-30-pages{ext}" for ext in (".docx", ".pdf")]


def once(path: Path) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    draft_toml(extract_document(path))
    return time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    for path in REPORTS:
        once(path)  # warm up: imports, compiled patterns
        runs = [once(path) for _ in range(rounds)]
        walls = [w for w, _ in runs]
        cpus = [c for _, c in runs]
        print(
            f"{path.name}: median {statistics.median(walls):.2f} s wall, "
            f"{statistics.median(cpus):.2f} s CPU over {rounds} runs "
            f"(min {min(walls):.2f} s, max {max(walls):.2f} s)"
        )
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "cchc_rules", "extract", str(path)],
            check=True,
            capture_output=True,
        )
        print(f"  whole command, interpreter start included: {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    main()
