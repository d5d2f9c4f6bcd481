"""The JUnit XML report, for CI systems: a test suite per rule and a test case per rule and
unit it applies to. Findings that fail the run (at or above ``fail_on``, or under a hard fail
policy; never waived ones) are failures, skips are skipped (their message as every format
shows it, :meth:`Report.message`), rule errors are errors; other findings are listed in the
case's output. Data errors and plugin failures are error cases of their own suites
(``cchc.data``, ``cchc.plugins``)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..hookspecs import hookimpl
from ..render import Renderer
from .document import Document, ErrorRow, FindingRow, SkipRow, build

if TYPE_CHECKING:
    from ..report import Report

#: Characters XML 1.0 cannot hold (ElementTree writes them as they are).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
#: The case name of a rule error not tied to one unit.
ALL_UNITS = "*"


def _finding_text(doc: Document, f: FindingRow) -> str:
    lines = [f"[{f.severity_text}] {f.rule} @ {f.unit}: {f.message}"]
    if f.evidence:
        lines.append(f"  {doc.label('report.evidence')}: {f.evidence_text}")
    if f.basis:
        lines.append(f"  {doc.label('report.legal_basis')}: {f.basis}")
    if f.waiver:
        lines.append(f"  {f.waiver}")
    if f.state_text:
        lines.append(f"  {doc.label('report.state')}: {f.state_text}")
    lines.append(f"  {doc.label('report.fingerprint')}: {f.fingerprint}")
    return "\n".join(lines)


def _case(
    doc: Document,
    suite: ET.Element,
    classname: str,
    unit: str,
    found: list[FindingRow],
    skips: list[SkipRow],
    errors: list[ErrorRow],
) -> dict[str, int]:
    case = ET.SubElement(suite, "testcase", classname=classname, name=unit)
    failing = [f for f in found if f.fails]
    out = []
    if errors:
        first = errors[0]
        node = ET.SubElement(case, "error", message=first.message, type="rule_error")
        node.text = "\n".join(e.message for e in errors)
        kind = "errors"
    elif failing:
        first_f = failing[0]
        node = ET.SubElement(case, "failure", message=first_f.message, type=first_f.severity)
        node.text = "\n\n".join(_finding_text(doc, f) for f in failing)
        kind = "failures"
    elif skips:
        ET.SubElement(case, "skipped", message="; ".join(s.message for s in skips))
        kind = "skipped"
    else:
        kind = ""
    others = [f for f in found if not f.fails or errors]
    if others:
        out.append(doc.label("report.junit.not_failing") + ":")
        out += [_finding_text(doc, f) for f in others]
    if skips and kind != "skipped":
        out += [f"{doc.label('label.skipped')}: {s.message}" for s in skips]
    if out:
        ET.SubElement(case, "system-out").text = "\n".join(out)
    return {"tests": 1, kind: 1} if kind else {"tests": 1}


def _count(element: ET.Element, counts: dict[str, int]) -> None:
    for key in ("tests", "failures", "errors", "skipped"):
        element.set(key, str(counts.get(key, 0)))


def _rule_suites(doc: Document, root: ET.Element, total: dict[str, int]) -> None:
    report = doc.report
    units = sorted(u.id for u in report.dataset.units)
    findings: dict[tuple[str, str], list[FindingRow]] = {}
    for f in doc.findings:
        findings.setdefault((f.rule, f.unit), []).append(f)
    skips: dict[tuple[str, str], list[SkipRow]] = {}
    for s in doc.skipped:
        skips.setdefault((s.rule, s.unit), []).append(s)
    errors: dict[tuple[str, str], list[ErrorRow]] = {}
    for e in doc.errors:
        if e.kind == "rule":
            errors.setdefault((e.rule, e.unit or ALL_UNITS), []).append(e)
    for rule in report.rules:
        na = report.not_applicable.get(rule.id, frozenset())
        cases = {u for u in units if u not in na}
        cases |= {u for (r, u) in (*findings, *skips, *errors) if r == rule.id}
        title = rule.title.get(doc.lang) or rule.title.get("en", "")
        suite = ET.SubElement(root, "testsuite", name=f"{rule.id} {title}".strip())
        counts: dict[str, int] = {}
        for unit in sorted(cases):
            key = (rule.id, unit)
            one = _case(
                doc,
                suite,
                f"cchc.{rule.family}.{rule.id}",
                unit,
                findings.get(key, []),
                skips.get(key, []),
                errors.get(key, []),
            )
            for k, n in one.items():
                counts[k] = counts.get(k, 0) + n
        _count(suite, counts)
        for k, n in counts.items():
            total[k] = total.get(k, 0) + n


def _problem_suite(
    root: ET.Element, name: str, rows: list[ErrorRow], total: dict[str, int]
) -> None:
    if not rows:
        return
    suite = ET.SubElement(root, "testsuite", name=name)
    for row in rows:
        case = ET.SubElement(suite, "testcase", classname=name, name=row.where)
        node = ET.SubElement(case, "error", message=row.message, type=row.kind)
        node.text = f"{row.where}: {row.message}"
    _count(suite, {"tests": len(rows), "errors": len(rows)})
    total["tests"] = total.get("tests", 0) + len(rows)
    total["errors"] = total.get("errors", 0) + len(rows)


def render_junit(report: Report, lang: str) -> str:
    doc = build(report, lang)
    root = ET.Element("testsuites", name=f"cchc-rules: {doc.heading()}")
    total: dict[str, int] = {}
    _rule_suites(doc, root, total)
    _problem_suite(root, "cchc.data", [e for e in doc.errors if e.kind == "data"], total)
    _problem_suite(root, "cchc.plugins", [e for e in doc.errors if e.kind == "plugin"], total)
    _count(root, total)
    ET.indent(root)
    text = _CONTROL.sub("", ET.tostring(root, encoding="unicode"))
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + text + "\n"


@hookimpl
def cchc_register_renderers(register: Callable[[Renderer], None]) -> None:
    register(
        Renderer(
            name="junit",
            render=render_junit,
            extension=".xml",
            description="JUnit XML for CI systems: a test case per rule and unit",
        )
    )
