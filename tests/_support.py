"""Small builders shared by the project's own tests (plugin authors use cchc_rules.testing)."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

from cchc_rules import Config, Dataset, Engine, Report, load_mapping

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
#: The conformance cases: small datasets and the findings they must (not) give (see its README).
CONFORMANCE = Path(__file__).resolve().parent / "conformance"

#: Folders that are not the project's files (build output, caches, environments).
_SKIP_DIRS = {".git", "build", "dist", "__pycache__", ".venv", "venv", ".tox", ".nox"}
_SKIP_SUFFIXES = (".egg-info", "_cache")

_ENGINE: Engine | None = None


def project_files() -> list[Path]:
    """The project's files: tracked or not ignored by git (a clone's content, work in progress
    included), else every file outside build, cache and environment folders."""
    try:
        out = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=ROOT,
            capture_output=True,
            check=True,
        ).stdout
        files = [ROOT / name for name in out.decode("utf-8").split("\0") if name]
    except (OSError, subprocess.CalledProcessError):
        files = [p for p in ROOT.rglob("*") if p.is_file()]
    return [
        p
        for p in files
        if p.is_file()
        and not any(
            part in _SKIP_DIRS or part.endswith(_SKIP_SUFFIXES)
            for part in p.relative_to(ROOT).parts[:-1]
        )
    ]


def tree(
    *units: dict[str, Any], period: tuple[str, str] = ("2023-01-01", "2023-06-30"), **dataset: Any
) -> dict[str, Any]:
    """A cchc/1 tree with ``units`` (each gets an id and a name when missing)."""
    out = []
    for i, u in enumerate(units):
        u = dict(u)
        u.setdefault("id", f"u{i + 1}")
        u.setdefault("name", u["id"].upper())
        out.append(u)
    ds = {"period": {"start": period[0], "end": period[1]}, **dataset}
    return {"schema": "cchc/1", "dataset": ds, "units": out}


def dataset(*units: dict[str, Any], **kw: Any) -> Dataset:
    ds = load_mapping(tree(*units, **kw))
    assert not ds.errors, ds.errors
    return ds


def engine(config: Config | None = None) -> Engine:
    """The default engine (built-ins only, no installed plugins), cached across tests."""
    global _ENGINE
    if _ENGINE is None:
        _ENGINE = Engine.default(entry_points=False, env={})
    return _ENGINE if config is None else _ENGINE.with_config(config)


def run(*units: dict[str, Any], select: str | tuple[str, ...] = (), **kw: Any) -> Report:
    cfg = Config(select=select) if select else None
    return engine(cfg).run(dataset(*units, **kw))


def fired(report: Report, rule: str) -> dict[str, list[Any]]:
    """unit id -> findings of ``rule``."""
    out: dict[str, list[Any]] = {}
    for f in report.findings:
        if f.rule == rule:
            out.setdefault(f.unit, []).append(f)
    return out
