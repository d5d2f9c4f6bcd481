"""cchc-rules: checks administrative-reform (CCHC) data of Vietnamese government units.

The public API — everything here is stable; modules starting with ``_`` are not::

    from cchc_rules import Engine, load_dataset
    report = Engine.default().run(load_dataset("data.toml"))
    print(report.to_json(lang="en"))

Plugin authors need ``hookimpl``, ``rule``/``Rule``, ``Param``, ``Example`` and the model types.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._version import __version__

# ``rule`` is also the name of a submodule: importing that submodule would set the package's
# attribute to the module, so the decorator is bound here, not on first use.
from .rule import rule

if TYPE_CHECKING:
    from .baseline import apply_baseline, load_report
    from .citations import DocumentNumber, UnparseableNumber, parse_number, try_parse_number
    from .config import Config
    from .context import Context, NotApplicable, Params, ReportingWindow
    from .engine import Engine
    from .errors import CchcError, ConfigError, DataError, DataIssue, PluginError, UsageError
    from .findings import Finding, RuleError, Severity, Skip, subject_key
    from .hookspecs import hookimpl, hookspec
    from .law import LawBook, LegalBasis, shipped_bases
    from .loading import load_dataset, load_mapping
    from .model import (
        PUBLIC_SERVICE_KINDS,
        CatalogueEntry,
        Dataset,
        DigitalId,
        Documents,
        Dossiers,
        DossiersWindow,
        Egov,
        Period,
        Plan,
        Procedure,
        Reference,
        ReportRef,
        Spending,
        StaffingBlock,
        StatedPercent,
        StatedValue,
        Unit,
    )
    from .national import DocumentTable, NationalDocument, shipped_documents
    from .render import Renderer
    from .report import Report, Summary
    from .rule import Example, Param, Rule
    from .subjects import Subject, subject_of
    from .waivers import Waiver, apply_waivers

#: Public name → the module defining it: imported on first use (``cchc --version`` and the
#: commands that need little start without loading rules, renderers and their libraries).
_EXPORTS = {
    "apply_baseline": ".baseline",
    "load_report": ".baseline",
    "DocumentNumber": ".citations",
    "UnparseableNumber": ".citations",
    "parse_number": ".citations",
    "try_parse_number": ".citations",
    "Config": ".config",
    "Context": ".context",
    "NotApplicable": ".context",
    "Params": ".context",
    "ReportingWindow": ".context",
    "Engine": ".engine",
    "CchcError": ".errors",
    "ConfigError": ".errors",
    "DataError": ".errors",
    "DataIssue": ".errors",
    "PluginError": ".errors",
    "UsageError": ".errors",
    "Finding": ".findings",
    "RuleError": ".findings",
    "Severity": ".findings",
    "Skip": ".findings",
    "subject_key": ".findings",
    "hookimpl": ".hookspecs",
    "hookspec": ".hookspecs",
    "LawBook": ".law",
    "LegalBasis": ".law",
    "shipped_bases": ".law",
    "load_dataset": ".loading",
    "load_mapping": ".loading",
    "PUBLIC_SERVICE_KINDS": ".model",
    "CatalogueEntry": ".model",
    "Dataset": ".model",
    "DigitalId": ".model",
    "Documents": ".model",
    "Dossiers": ".model",
    "DossiersWindow": ".model",
    "Egov": ".model",
    "Period": ".model",
    "Plan": ".model",
    "Procedure": ".model",
    "Reference": ".model",
    "ReportRef": ".model",
    "Spending": ".model",
    "StaffingBlock": ".model",
    "StatedPercent": ".model",
    "StatedValue": ".model",
    "Unit": ".model",
    "DocumentTable": ".national",
    "NationalDocument": ".national",
    "shipped_documents": ".national",
    "Renderer": ".render",
    "Report": ".report",
    "Summary": ".report",
    "Example": ".rule",
    "Param": ".rule",
    "Rule": ".rule",
    "Subject": ".subjects",
    "subject_of": ".subjects",
    "Waiver": ".waivers",
    "apply_waivers": ".waivers",
}

__all__ = [
    "PUBLIC_SERVICE_KINDS",
    "CatalogueEntry",
    "CchcError",
    "Config",
    "ConfigError",
    "Context",
    "DataError",
    "DataIssue",
    "Dataset",
    "DigitalId",
    "DocumentNumber",
    "DocumentTable",
    "Documents",
    "Dossiers",
    "DossiersWindow",
    "Egov",
    "Engine",
    "Example",
    "Finding",
    "LawBook",
    "LegalBasis",
    "NationalDocument",
    "NotApplicable",
    "Param",
    "Params",
    "Period",
    "Plan",
    "PluginError",
    "Procedure",
    "Reference",
    "Renderer",
    "Report",
    "ReportRef",
    "ReportingWindow",
    "Rule",
    "RuleError",
    "Severity",
    "Skip",
    "Spending",
    "StaffingBlock",
    "StatedPercent",
    "StatedValue",
    "Subject",
    "Summary",
    "Unit",
    "UnparseableNumber",
    "UsageError",
    "Waiver",
    "__version__",
    "apply_baseline",
    "apply_waivers",
    "hookimpl",
    "hookspec",
    "load_dataset",
    "load_mapping",
    "load_report",
    "parse_number",
    "rule",
    "shipped_bases",
    "shipped_documents",
    "subject_key",
    "subject_of",
    "try_parse_number",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
