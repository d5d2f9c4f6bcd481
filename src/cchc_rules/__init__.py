"""cchc-rules: checks administrative-reform (CCHC) data of Vietnamese government units.

The public API — everything here is stable; modules starting with ``_`` are not::

    from cchc_rules import Engine, load_dataset
    report = Engine.default().run(load_dataset("data.toml"))
    print(report.to_json(lang="en"))

Plugin authors need ``hookimpl``, ``rule``/``Rule``, ``Param``, ``Example`` and the model types.
"""

from __future__ import annotations

from ._version import __version__
from .baseline import apply_baseline, load_report
from .citations import DocumentNumber, UnparseableNumber, parse_number, try_parse_number
from .config import Config
from .context import Context, NotApplicable, Params
from .engine import Engine
from .errors import CchcError, ConfigError, DataError, DataIssue, PluginError, UsageError
from .findings import Finding, RuleError, Severity, Skip, subject_key
from .hookspecs import hookimpl, hookspec
from .law import LawBook, LegalBasis, shipped_bases
from .loading import load_dataset, load_mapping
from .model import (
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
from .rule import Example, Param, Rule, rule
from .subjects import Subject, subject_of
from .waivers import Waiver, apply_waivers

__all__ = [
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
