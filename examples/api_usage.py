"""Using cchc-rules from Python: load data, check it, read the findings, render the report.

python examples/api_usage.py
"""

from __future__ import annotations

from pathlib import Path

from cchc_rules import Config, Engine, Severity, load_dataset, load_mapping

HERE = Path(__file__).parent

# 1. Load a data file (several paths merge into one dataset). Bad data never raises: every
#    problem is on dataset.issues, located by file, line and key path.
dataset = load_dataset(HERE / "le-chan-2022-h1.toml")
print(f"{len(dataset.units)} unit(s), period {dataset.period.start} – {dataset.period.end}")
for issue in dataset.issues:
    print("data problem:", issue.where, issue.message)

# 2. Check it with the built-in rules and the installed plugins.
engine = Engine.default()
report = engine.run(dataset)
print(f"{report.summary.total} findings from {report.summary.rules} rules")

# 3. Findings are data: rule, unit, subject, severity, evidence; messages render in vi or en.
for finding in report.findings:
    if finding.severity >= Severity.WARNING:
        print(
            f"[{finding.severity}] {finding.rule} {finding.unit}: {report.message(finding, lang='en')}"
        )
        print("    evidence:", dict(finding.evidence))

# 4. Skipped rules say which figures were missing.
for skip in report.skipped[:3]:
    print(
        "skipped:",
        skip.rule,
        skip.unit,
        report.message(skip, lang="en"),  # as written: the template names its subject
    )

# 5. Another engine with another configuration works side by side: here only the staffing rules,
#    with a stricter fill-rate threshold for wards (phuong).
strict = Engine.default(
    Config(
        select=("staffing",),
        kind_params={"ST005": {"phuong": {"min_fill_percent": 95}}},
    )
)
ward = load_mapping(
    {
        "schema": "cchc/1",
        "dataset": {"period": {"start": "2023-01-01", "end": "2023-06-30"}},
        "units": [
            {
                "id": "p1",
                "name": "UBND phường 1",
                "kind": "phuong",
                "staffing": [
                    {
                        "category": "cong_chuc_cap_xa",
                        "label": "Công chức phường",
                        "quota": 20,
                        "used": 18,
                    }
                ],
            }
        ],
    }
)
for finding in strict.run(ward).findings:
    print("strict:", finding.rule, strict.run(ward).message(finding, lang="vi"))

# 6. The JSON report (schema cchc-report/1), in English.
text = report.to_json(lang="en")
print(f"JSON report: {len(text)} characters; exit code would be {report.exit_code()}")
