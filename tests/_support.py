"""Small builders shared by the project's own tests (plugin authors use cchc_rules.testing)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cchc_rules import Config, Dataset, Engine, Report, load_mapping

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
#: The conformance cases: small datasets and the findings they must (not) give (see its README).
CONFORMANCE = Path(__file__).resolve().parent / "conformance"

_ENGINE: Engine | None = None


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
