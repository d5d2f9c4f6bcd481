"""Quality gates run by the suite (and so by CI): ruff (lint and format) on the code and the
tests, mypy strict on ``src/`` (configured in pyproject.toml). The import-layer contract is
checked by tests/test_import_contracts.py."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    "command",
    [["ruff", "check", "src", "tests"], ["ruff", "format", "--check", "src", "tests"], ["mypy"]],
    ids=["ruff", "ruff-format", "mypy-strict"],
)
def test_quality_gate(command):
    proc = subprocess.run(
        [sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True, timeout=600
    )
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]
