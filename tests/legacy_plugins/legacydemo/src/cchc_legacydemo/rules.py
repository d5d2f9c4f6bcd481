"""The rules of cchc-legacydemo. Copy legacy001 to start another one; add it to RULES.

A rule reads one unit (``unit.plan``, ``unit.dossiers``, … — ``None`` means *not reported*, never
zero) and yields findings made with ``ctx.finding``: a message key and the figures as evidence,
never prose. Messages are templates in Vietnamese and English; numbers are formatted per language
when the report is written.
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction

from cchc_rules import Context, Example, Finding, Param, Unit, rule


@rule(
    "LEGACY001",
    family="legacydemo",
    severity="warning",
    section="plan",  # the rule is not applicable where a unit has no plan
    requires=("tasks_total", "tasks_done"),  # ... and skipped, with the reason, without these
    params=[
        Param(
            name="min_done_percent",
            default=80,
            doc={
                "vi": "Tỷ lệ nhiệm vụ hoàn thành tối thiểu (ngưỡng theo chính sách).",
                "en": "Minimum share of the plan's tasks done (policy default).",
            },
        )
    ],
    title={"vi": "Tỷ lệ hoàn thành kế hoạch CCHC thấp", "en": "CCHC plan behind its target"},
    messages={
        "low": {
            "vi": "hoàn thành {done}/{total} nhiệm vụ = {done_percent}% "
            "(tối thiểu {min_done_percent}%)",
            "en": "{done} of {total} tasks done = {done_percent}% (at least {min_done_percent}%)",
        }
    },
    examples=[  # checked by `cchc verify` and by the tests
        Example(unit={"plan": {"tasks_total": 10, "tasks_done": 7}}, fires=True),
        Example(unit={"plan": {"tasks_total": 10, "tasks_done": 8}}, fires=False),
    ],
)
def legacy001(unit: Unit, ctx: Context) -> Iterator[Finding]:
    """Share of the plan's tasks done below the minimum; exactly at the minimum passes."""
    plan = unit.plan
    if plan is None or plan.tasks_total is None or plan.tasks_done is None:
        return  # never happens: the engine checks `section` and `requires` first
    total, done = plan.tasks_total, plan.tasks_done
    minimum = ctx.params(unit).min_done_percent
    # compare exactly (done / total < minimum / 100): a rounded rate never decides
    if total and done * 100 < Fraction(str(minimum)) * total:
        yield ctx.finding(
            unit,
            "low",
            done=done,
            total=total,
            done_percent=round(done * 100 / total, 2),
            min_done_percent=minimum,
        )


RULES = (legacy001,)
