"""Suite-wide reporting: say plainly whether the release check ran and how it went."""

from __future__ import annotations

from collections import Counter

import pytest

RELEASE = "tests/test_release.py"


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """One line for the release check (wheel and sdist built, tried in a fresh virtualenv), which
    is slow and needs the package index, so that a reader of CI output sees it was run."""
    outcomes: Counter[str] = Counter()
    for reports in terminalreporter.stats.values():
        for report in reports:
            nodeid = getattr(report, "nodeid", "")
            when = getattr(report, "when", "")
            outcome = getattr(report, "outcome", None)  # deselected items have none
            if outcome and nodeid.startswith(RELEASE) and (when == "call" or outcome != "passed"):
                outcomes[outcome] += 1
    if outcomes:
        counts = ", ".join(f"{n} {outcome}" for outcome, n in sorted(outcomes.items()))
        terminalreporter.write_line(
            f"release check ({RELEASE}: python -m build, wheel in a fresh virtualenv outside "
            f"the repository): {counts}"
        )
