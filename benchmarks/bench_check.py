"""What users run, timed against what an analyst would write instead.

    python benchmarks/bench_check.py               # the default run (under 10 minutes, 2 cores)
    python benchmarks/bench_check.py --sizes 5000 --rounds 3 --startup-rounds 3   # a quick look

For each size (synthetic datasets from benchmarks/generate.py: N units × 10 procedures, ≈ 4.3
findings per unit) it runs, each in its own process, one after the other in every round:

- ``plain``: benchmarks/baseline.py, a plain script parsing the same JSON, applying the same
  comparisons in a loop and writing its findings as a JSON list (the floor);
- ``pandas``: benchmarks/baseline_pandas.py, the same with pandas (needs the ``bench`` extra);
- ``cchc json``: ``cchc check DATA --format json --output FILE``;
- ``cchc table to a file``: ``--output FILE.txt``, and ``cchc table to a pipe``;
- ``cchc json --jobs 2``: the same JSON with two processes (its output must equal one job's);
- ``cchc table (terminal)``: to a pseudo-terminal 160 columns wide.

By default the redundant ones run only up to 50,000 units (``MAX_UNITS``), and pandas, ``--jobs 2``
and the pipe (the same writer as the file) in the first round only, to keep the default run under
10 minutes; ``--everywhere`` runs all of them at every size, in every round.

Wall time and peak memory (max RSS, from wait4) are taken per process; it prints every round,
then each program's medians and ratios to the plain script (and to pandas). Then start-up:
``cchc --version`` and the check of the shipped example from a real report
(examples/le-chan-2022-h1.toml), against a bare ``python -c pass``. Compare ratios, not seconds:
the machine is shared and noisy. cchc runs the built-in rules only (installed plugins disabled:
the baselines implement the built-in comparisons only) with a configuration that lifts the
resource limits (``CONFIG``).
"""

from __future__ import annotations

import argparse
import filecmp
import importlib.util
import os
import pty
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SEED_EXAMPLE = ROOT / "examples" / "le-chan-2022-h1.toml"
ENV = {**os.environ, "CCHC_DISABLE_PLUGINS": "cchc-egov", "PYTHONHASHSEED": "0"}
ENV.pop("CI", None)
#: Installed packages have their bytecode compiled: let the first run write it, as users have it.
ENV.pop("PYTHONDONTWRITEBYTECODE", None)

#: Targets as ratios to the plain script (time, memory); None: no target.
TARGETS = {
    "cchc json": (2.0, 1.5),
    "cchc table to a file": (3.0, None),
    "cchc table to a pipe": (3.0, None),
    "cchc table (terminal)": (3.0, None),
}
#: Start-up targets: seconds over bare Python.
STARTUP_TARGETS = {"cchc --version": 0.3, "cchc check (seed example)": 0.6}


def _drain(fd: int) -> None:
    try:
        while os.read(fd, 1 << 16):
            pass
    except OSError:
        pass


def measure(cmd: list[str], sink: str = "null") -> tuple[float, float]:
    """(wall seconds, peak RSS in MiB) of one process; stdout to /dev/null, a pipe or a pty."""
    reader = None
    if sink == "pty":
        parent, child = pty.openpty()
        os.set_blocking(parent, True)
        env = {**ENV, "COLUMNS": "160", "LINES": "50", "TERM": "xterm-256color"}
        stdout: int = child
    elif sink == "pipe":
        parent, child = os.pipe()
        env, stdout = ENV, child
    else:
        parent = child = -1
        env, stdout = ENV, subprocess.DEVNULL
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=stdout, stderr=subprocess.PIPE, env=env)
    if parent >= 0:
        os.close(child)
        reader = threading.Thread(target=_drain, args=(parent,), daemon=True)
        reader.start()
    err = proc.stderr.read() if proc.stderr else b""
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if reader is not None:
        reader.join(timeout=5)
        os.close(parent)
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed ({code}): {err.decode()[-800:]}")
    return wall, usage.ru_maxrss / 1024


def cchc_cmd() -> list[str]:
    """The ``cchc`` command as installed (its console script), else ``python -m cchc_rules``."""
    script = Path(sys.executable).parent / "cchc"
    found = str(script) if script.exists() else shutil.which("cchc")
    return [found] if found else [sys.executable, "-m", "cchc_rules"]


#: The largest size each program runs at by default (``--everywhere``: all sizes), to keep the
#: default run under 10 minutes on 2 cores.
MAX_UNITS = {
    "pandas": 50_000,
    "cchc json --jobs 2": 50_000,
    "cchc table to a file": 50_000,
    "cchc table to a pipe": 50_000,
    "cchc table (terminal)": 50_000,
}
#: Programs timed in the first round only by default: for information, or the same work as another.
FIRST_ROUND_ONLY = ("pandas", "cchc json --jobs 2", "cchc table to a pipe")


#: The configuration cchc runs with: the default resource limits are for data from unknown
#: sources (512 MB); the largest benchmark run may be larger.
CONFIG = """\
max_input_mb = 4000
"""


def programs(data: Path, tmp: str) -> dict[str, tuple[list[str], str]]:
    config = Path(tmp) / "cchc.toml"
    config.write_text(CONFIG, encoding="utf-8")
    cchc = [*cchc_cmd(), "check", str(data), "--config", str(config)]
    out: dict[str, tuple[list[str], str]] = {
        "plain": ([sys.executable, str(HERE / "baseline.py"), str(data), f"{tmp}/plain.json"], ""),
    }
    # not imported here: a child's peak memory counts from the fork, before it runs its program
    if importlib.util.find_spec("pandas") is not None:
        out["pandas"] = (
            [sys.executable, str(HERE / "baseline_pandas.py"), str(data), f"{tmp}/pandas.json"],
            "",
        )
    else:
        print("  (pandas not installed: pip install -e '.[bench]')")
    out["cchc json"] = ([*cchc, "-f", "json", "-o", f"{tmp}/one.json"], "")
    out["cchc json --jobs 2"] = ([*cchc, "-f", "json", "-o", f"{tmp}/two.json", "-j", "2"], "")
    out["cchc table to a file"] = ([*cchc, "-o", f"{tmp}/table.txt"], "")
    out["cchc table to a pipe"] = ([*cchc], "pipe")
    out["cchc table (terminal)"] = ([*cchc], "pty")
    return out


def medians(rows: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(w for w, _ in rows), statistics.median(m for _, m in rows)


def run_size(n: int, rounds: int, everywhere: bool, jobs: bool) -> list[str]:
    data = HERE / "data" / f"units-{n}.json"
    if not data.exists():
        subprocess.run(
            [sys.executable, str(HERE / "generate.py"), "--units", str(n), "--out", str(data)],
            check=True,
        )
    print(f"\n{data.name}: {data.stat().st_size / 1e6:.0f} MB, {rounds} round(s)", flush=True)
    lines = []
    with tempfile.TemporaryDirectory() as tmp:
        progs = {
            k: v for k, v in programs(data, tmp).items() if everywhere or n <= MAX_UNITS.get(k, n)
        }
        if not jobs:
            progs.pop("cchc json --jobs 2", None)
        rows: dict[str, list[tuple[float, float]]] = {k: [] for k in progs}
        for r in range(rounds):
            for name, (cmd, sink) in progs.items():
                if r and name in FIRST_ROUND_ONLY and not everywhere:
                    continue
                wall, rss = measure(cmd, sink or "null")
                rows[name].append((wall, rss))
                print(f"  round {r + 1}  {name:24s} {wall:8.2f} s {rss:8.0f} MiB", flush=True)
        if "cchc json --jobs 2" in progs and not filecmp.cmp(
            f"{tmp}/one.json", f"{tmp}/two.json", shallow=False
        ):
            print("  !! --jobs 2 wrote a different report than one job")
    med = {k: medians(v) for k, v in rows.items()}
    base_t, base_m = med["plain"]
    pandas_t = med["pandas"][0] if "pandas" in med else None
    head = (
        f"| {n:,} units | median s | MiB | × plain time | × plain memory | × pandas time | target |"
    )
    lines += [head, "|---|---|---|---|---|---|---|"]
    for name, (t, m) in med.items():
        target = TARGETS.get(name)
        verdict = ""
        if target is not None:
            ok_t = t / base_t <= target[0]
            ok_m = target[1] is None or m / base_m <= target[1]
            mem = f", ≤ {target[1]}× memory" if target[1] else ""
            verdict = f"≤ {target[0]}× time{mem}: {'met' if ok_t and ok_m else 'NOT met'}"
        vs_pandas = f"{t / pandas_t:.2f}" if pandas_t else "–"
        lines.append(
            f"| {name} | {t:.2f} | {m:.0f} | {t / base_t:.2f} | {m / base_m:.2f} | "
            f"{vs_pandas} | {verdict} |"
        )
    return lines


def startup(rounds: int) -> list[str]:
    cchc = cchc_cmd()
    cmds: dict[str, list[str]] = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "cchc --version": [*cchc, "--version"],
        "cchc check (seed example)": [*cchc, "check", str(SEED_EXAMPLE), "--isolated"],
    }
    print(f"\nstart-up, {rounds} rounds", flush=True)
    rows: dict[str, list[float]] = {k: [] for k in cmds}
    for _ in range(rounds):
        for name, cmd in cmds.items():
            rows[name].append(measure(cmd, "pipe")[0])
    med = {k: statistics.median(v) for k, v in rows.items()}
    bare = med["python -c pass"]
    lines = ["| start-up | median s | over bare Python | target |", "|---|---|---|---|"]
    for name, t in med.items():
        target: Callable[[float], str] | float | None = STARTUP_TARGETS.get(name)
        verdict = ""
        if isinstance(target, float):
            verdict = f"≤ {target} s over: {'met' if t - bare <= target else 'NOT met'}"
        lines.append(f"| {name} | {t:.2f} | {t - bare:+.2f} | {verdict} |")
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument(
        "--sizes", default="5000,50000,200000", help="units per dataset, comma-separated"
    )
    ap.add_argument("--rounds", type=int, default=3, help="rounds per size (medians are shown)")
    ap.add_argument(
        "--large-rounds", type=int, default=1, help="rounds for sizes over 100,000 units"
    )
    ap.add_argument("--startup-rounds", type=int, default=7)
    ap.add_argument(
        "--everywhere",
        action="store_true",
        help="run every program at every size and in every round (by default pandas, --jobs and "
        "the tables up to 50,000 units; pandas, --jobs and the pipe in the first round only)",
    )
    ap.add_argument("--no-jobs", action="store_true", help="do not time --jobs 2")
    args = ap.parse_args()
    started = time.perf_counter()
    # a first run writes the bytecode of every module, as an installed package has it
    measure([*cchc_cmd(), "check", str(SEED_EXAMPLE), "--isolated", "-f", "json"], "null")
    tables = []
    for n in (int(s) for s in args.sizes.split(",") if s):
        rounds = args.large_rounds if n > 100_000 else args.rounds
        tables.append(run_size(n, rounds, args.everywhere, not args.no_jobs))
    tables.append(startup(args.startup_rounds))
    print()
    for t in tables:
        print("\n".join(t), end="\n\n")
    print(f"({time.perf_counter() - started:.0f} s in all, {os.cpu_count()} cores)")


if __name__ == "__main__":
    main()
