"""The bounded fuzz run of the suite (and so of CI): a fixed number of mutated inputs through
the readers, the converter, the configuration and (one in 25) the engine and renderers. A longer
run: ``python tests/fuzz/fuzz_inputs.py --seconds 3600 --seed N`` (README "Reliability")."""

from __future__ import annotations

import os

from fuzz_inputs import run

#: Executions in the suite; ``CCHC_FUZZ_RUNS`` raises it, ``CCHC_FUZZ_SEED`` varies the inputs.
RUNS = int(os.environ.get("CCHC_FUZZ_RUNS", "4000"))
SEED = int(os.environ.get("CCHC_FUZZ_SEED", "20260"))


def test_fuzzed_inputs_never_crash(tmp_path):
    *_, done = run(runs=RUNS, seconds=None, seed=SEED, crashes=tmp_path / "crashes")
    assert done == RUNS
