"""Built-in rule family: what inspectors score units on (SC001–SC004).

- SC001 computes the indicator groups of the index of Quyết định 766/QĐ-TTg that the data holds
  (progress and results, digitisation, online service, online payment), as information, and
  names the points each group carries (``group_points`` of ``qd-766-2022`` in the law data). The
  groups of publicity and satisfaction have no figure in the data. No score is computed: the
  points a group earns depend on sub-indicators and targets the data does not hold.
- SC002 holds the dossiers received for full online service against the procedures eligible for
  it (``catalogue.online_full_eligible``): eligible procedures and no such dossier, or such
  dossiers and no eligible procedure. No threshold.
- SC003 holds plan completion (``plan.tasks_done`` / ``tasks_total``) at the end of the plan's
  year against ``min_done_percent`` (100, a policy default).
- SC004 holds complaints and recommendations handled (``dossiers.complaints_handled`` /
  ``complaints``) against ``min_handled_percent`` (100, a policy default).

The egov plugin (``cchc-egov``) checks the online share of dossiers received (EG001) and of
procedures eligible (EG003); these rules do not repeat them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from cchc_rules import (
    Context,
    Dossiers,
    Example,
    Finding,
    NotApplicable,
    Param,
    Rule,
    Skip,
    hookimpl,
    rule,
)
from cchc_rules import Unit as _Unit

FAMILY = "scoring"
INDEX = ("service_index",)

Result = Iterator[Finding | Skip]


# ---------------------------------------------------------------------------------------------
# SC001 the indicator groups of QĐ 766/QĐ-TTg the data holds


def _progress(d: Dossiers) -> dict[str, Any] | None:
    """Dossiers resolved early or on time among those resolved and those pending overdue (the
    index counts an overdue pending dossier as late)."""
    early, on_time, late = d.resolved_early, d.resolved_on_time, d.resolved_late
    if (early is None and on_time is None) or late is None:
        return None
    good = (early or 0) + (on_time or 0)
    overdue = d.pending_overdue or 0
    whole = good + late + overdue
    if whole == 0:
        return None
    return {"part": good, "whole": whole, "pending_overdue": d.pending_overdue}


def _ratio(part: int | None, whole: int | None) -> dict[str, Any] | None:
    if part is None or not whole:
        return None
    return {"part": part, "whole": whole}


#: group -> how it is computed from the dossier figures
GROUPS: dict[str, Callable[[Dossiers], dict[str, Any] | None]] = {
    "progress": _progress,
    "digitisation": lambda d: _ratio(d.digitised, d.received),
    "online": lambda d: _ratio(d.received_online, d.received_online_eligible),
    "payment": lambda d: _ratio(d.paid_online, d.payable),
}


def _dossiers(**fields: int) -> dict[str, object]:
    return {"kind": "phuong", "dossiers": fields}


@rule(
    "SC001",
    family=FAMILY,
    severity="info",
    section="dossiers",
    basis=INDEX,
    title={
        "vi": "Chỉ số theo Bộ chỉ số phục vụ người dân, doanh nghiệp (QĐ 766/QĐ-TTg)",
        "en": "Indicators of the service index (QĐ 766/QĐ-TTg)",
    },
    description={
        "vi": "Tính các nhóm chỉ số của Bộ chỉ số theo Quyết định 766/QĐ-TTg mà số liệu có: "
        "tiến độ, kết quả giải quyết (trước hạn + đúng hạn trên đã giải quyết cộng hồ sơ đang "
        "giải quyết quá hạn), số hóa hồ sơ (digitised / received), cung cấp dịch vụ trực tuyến "
        "(received_online / received_online_eligible), thanh toán trực tuyến (paid_online / "
        "payable). Bộ chỉ số có 100 điểm: công khai, minh bạch 18; tiến độ, kết quả giải quyết "
        "20; số hóa hồ sơ 22; cung cấp dịch vụ trực tuyến 22 (gồm thanh toán trực tuyến); mức "
        "độ hài lòng 18. Nhóm công khai, minh bạch và mức độ hài lòng không có trong số liệu. "
        "Công cụ không tính điểm: điểm đạt được của mỗi nhóm phụ thuộc các chỉ số thành phần và "
        "chỉ tiêu mà số liệu không có. Mức thông tin, không có ngưỡng.",
        "en": "Computes the indicator groups of the index of Quyết định 766/QĐ-TTg the data "
        "holds: progress and results (early + on time over resolved plus pending overdue), "
        "digitisation (digitised / received), online service (received_online / "
        "received_online_eligible), online payment (paid_online / payable). The index has 100 "
        "points: publicity 18; progress and results 20; digitisation 22; online service 22 "
        "(online payment included); satisfaction 18. The publicity and satisfaction groups "
        "have no figure in the data. No score is computed: the points a group earns depend on "
        "sub-indicators and targets the data does not hold. Information, no threshold.",
    },
    messages={
        "progress": {
            "vi": "nhóm tiến độ, kết quả giải quyết: {part}/{whole} hồ sơ giải quyết trước và "
            "đúng hạn (tính cả hồ sơ đang giải quyết quá hạn) = {percent}%",
            "en": "progress and results: {part} of {whole} "
            "{whole:plural|one=dossier|other=dossiers} resolved early or on time "
            "(pending overdue dossiers counted) = {percent}%",
        },
        "digitisation": {
            "vi": "nhóm số hóa hồ sơ: {part}/{whole} hồ sơ tiếp nhận được số hóa = {percent}%",
            "en": "digitisation: {part} of {whole} {whole:plural|one=dossier|other=dossiers} "
            "received digitised = {percent}%",
        },
        "online": {
            "vi": "nhóm cung cấp dịch vụ trực tuyến: {part}/{whole} hồ sơ của thủ tục có dịch "
            "vụ công trực tuyến được tiếp nhận trực tuyến = {percent}%",
            "en": "online service: {part} of {whole} {whole:plural|one=dossier|other=dossiers} "
            "of procedures offered online "
            "received online = {percent}%",
        },
        "payment": {
            "vi": "nhóm thanh toán trực tuyến: {part}/{whole} hồ sơ có phí, lệ phí được thanh "
            "toán trực tuyến = {percent}%",
            "en": "online payment: {part} of {whole} {whole:plural|one=dossier|other=dossiers} "
            "with a fee paid online = {percent}%",
        },
        "none": {
            "vi": "số liệu không đủ để tính nhóm chỉ số nào của QĐ 766/QĐ-TTg",
            "en": "the figures give none of the indicator groups of QĐ 766/QĐ-TTg",
        },
    },
    examples=[
        Example(
            unit=_dossiers(resolved_on_time=90, resolved_late=5, pending_overdue=5),
            fires=True,
            note={"vi": "tiến độ 90%", "en": "progress 90 %"},
        ),
        Example(unit=_dossiers(received=10), fires=False, skips=True),
    ],
)
def sc001(unit: _Unit, ctx: Context) -> Result:
    """The indicator groups of QĐ 766/QĐ-TTg that the dossier figures give."""
    d = unit.dossiers
    if d is None:
        return
    found = False
    for group, compute in GROUPS.items():
        got = compute(d)
        if got is None:
            continue
        found = True
        yield ctx.finding(
            unit,
            group,
            key=group,
            percent=ctx.percent(got["part"], got["whole"]),
            group=group,
            **got,
        )
    if not found:
        yield ctx.skip(unit, "none")


# ---------------------------------------------------------------------------------------------
# SC002 full-online dossiers against the procedures eligible for full online service


@rule(
    "SC002",
    family=FAMILY,
    severity="warning",
    section="dossiers",
    basis=INDEX,
    title={
        "vi": "Hồ sơ trực tuyến toàn trình không khớp với thủ tục đủ điều kiện",
        "en": "Full-online dossiers do not match the procedures eligible",
    },
    description={
        "vi": "Đối chiếu số hồ sơ tiếp nhận trực tuyến toàn trình (online_full; trước Nghị "
        "định 42/2022/NĐ-CP là mức độ 4, online_level4) với số thủ tục đủ điều kiện cung cấp "
        "trực tuyến toàn trình trong danh mục (tổng online_full_eligible các cấp): có thủ tục "
        "đủ điều kiện mà không có hồ sơ toàn trình nào, hoặc có hồ sơ toàn trình mà danh mục "
        "không có thủ tục đủ điều kiện. Không có ngưỡng.",
        "en": "Holds the dossiers received for full online service (online_full; level 4, "
        "online_level4, before Nghị định 42/2022/NĐ-CP) against the procedures of the catalogue "
        "eligible for it (online_full_eligible summed over levels): eligible procedures and no "
        "full-online dossier, or full-online dossiers and no eligible procedure. No threshold.",
    },
    messages={
        "none_received": {
            "vi": "{eligible} thủ tục đủ điều kiện trực tuyến toàn trình nhưng không có hồ sơ "
            "nào được tiếp nhận trực tuyến toàn trình",
            "en": "{eligible} {eligible:plural|one=procedure is|other=procedures are} eligible "
            "for full online service but no dossier was received fully online",
        },
        "none_eligible": {
            "vi": "{online_full} hồ sơ tiếp nhận trực tuyến toàn trình nhưng danh mục không có "
            "thủ tục nào đủ điều kiện trực tuyến toàn trình",
            "en": "{online_full} {online_full:plural|one=dossier|other=dossiers} received fully "
            "online but no procedure of the catalogue is eligible for full online service",
        },
        "no_eligible": {
            "vi": "danh mục thủ tục không ghi số thủ tục đủ điều kiện trực tuyến toàn trình "
            "(catalogue.online_full_eligible)",
            "en": "the catalogue gives no procedures eligible for full online service "
            "(catalogue.online_full_eligible)",
        },
        "no_full": {
            "vi": "không báo cáo số hồ sơ tiếp nhận trực tuyến toàn trình "
            "(online_full, online_level4)",
            "en": "dossiers received fully online not reported (online_full, online_level4)",
        },
    },
    examples=[
        Example(
            unit={
                "kind": "phuong",
                "catalogue": [{"level": "xa", "online_full_eligible": 12}],
                "dossiers": {"received": 500, "online_full": 0},
            },
            fires=True,
        ),
        Example(
            unit={
                "kind": "phuong",
                "catalogue": [{"level": "xa", "online_full_eligible": 12}],
                "dossiers": {"received": 500, "online_full": 1},
            },
            fires=False,
        ),
    ],
)
def sc002(unit: _Unit, ctx: Context) -> Result:
    """Full-online dossiers against the procedures eligible for full online service."""
    d = unit.dossiers
    if d is None:
        return
    given = [e.online_full_eligible for e in unit.catalogue if e.online_full_eligible is not None]
    if not given:
        yield ctx.skip(unit, "no_eligible")
        return
    full = d.online_full if d.online_full is not None else d.online_level4
    if full is None:
        yield ctx.skip(unit, "no_full")
        return
    eligible = sum(given)
    if eligible > 0 and full == 0:
        yield ctx.finding(unit, "none_received", eligible=eligible, online_full=full)
    elif eligible == 0 and full > 0:
        yield ctx.finding(unit, "none_eligible", eligible=eligible, online_full=full)


# ---------------------------------------------------------------------------------------------
# SC003 plan completion at the end of the plan's year


@rule(
    "SC003",
    family=FAMILY,
    severity="warning",
    section="plan",
    requires=("tasks_total", "tasks_done"),
    params=[
        Param(
            name="min_done_percent",
            default=100,
            doc={
                "vi": "Tỷ lệ nhiệm vụ của kế hoạch CCHC hoàn thành tối thiểu khi hết năm kế "
                "hoạch (ngưỡng tham chiếu của công cụ, không phải quy định pháp luật).",
                "en": "Minimum share of the CCHC plan's tasks done when the plan's year ends (a "
                "reference threshold of the tool, not a legal requirement).",
            },
            shown_in=("low",),
        )
    ],
    title={
        "vi": "Kế hoạch CCHC năm chưa hoàn thành",
        "en": "The year's CCHC plan not completed",
    },
    description={
        "vi": "Với kỳ báo cáo kết thúc ngày 31/12 (hết năm kế hoạch): số nhiệm vụ hoàn thành / "
        "tổng số nhiệm vụ của kế hoạch thấp hơn ngưỡng (bằng ngưỡng là đạt). Kỳ kết thúc trước "
        "31/12 (báo cáo 6 tháng, quý): không áp dụng, kế hoạch còn đang thực hiện.",
        "en": "For a period ending on 31/12 (the plan's year over): tasks done / the plan's "
        "tasks below the threshold (exactly at it passes). A period ending before 31/12 (a "
        "half-year or quarter report): not applicable, the plan is still running.",
    },
    messages={
        "low": {
            "vi": "hoàn thành {done}/{total} nhiệm vụ của kế hoạch = {done_percent}% (ngưỡng "
            "{min_done_percent}%)",
            "en": "{done} of {total} plan {total:plural|one=task|other=tasks} done = "
            "{done_percent}% (threshold {min_done_percent}%)",
        },
        "inconsistent": {
            "vi": "số nhiệm vụ hoàn thành ({done}) lớn hơn tổng số nhiệm vụ ({total})",
            "en": "more tasks done ({done}) than the plan has ({total})",
        },
        "no_period": {
            "vi": "dữ liệu không có kỳ báo cáo",
            "en": "the dataset has no reporting period",
        },
    },
    examples=[
        Example(
            unit={"kind": "phuong", "plan": {"tasks_total": 29, "tasks_done": 28}},
            period=("2023-01-01", "2023-12-31"),
            fires=True,
        ),
        Example(
            unit={"kind": "phuong", "plan": {"tasks_total": 29, "tasks_done": 29}},
            period=("2023-01-01", "2023-12-31"),
            fires=False,
            note={"vi": "đúng bằng ngưỡng", "en": "exactly at the threshold"},
        ),
        Example(
            unit={"kind": "phuong", "plan": {"tasks_total": 29, "tasks_done": 20}},
            period=("2023-01-01", "2023-06-30"),
            fires=False,
            note={"vi": "báo cáo 6 tháng: không áp dụng", "en": "half-year: not applicable"},
        ),
    ],
)
def sc003(unit: _Unit, ctx: Context) -> Iterator[Finding | Skip | NotApplicable]:
    """Plan completion when the plan's year is over."""
    p = unit.plan
    if p is None or p.tasks_total is None or p.tasks_done is None:
        return
    period = ctx.period
    if period is None:
        yield ctx.skip(unit, "no_period")
        return
    if (period.end.month, period.end.day) != (12, 31):
        yield ctx.not_applicable(unit)
        return
    total, done = p.tasks_total, p.tasks_done
    if done > total:
        yield ctx.skip(unit, "inconsistent", done=done, total=total)
        return
    minimum = ctx.params(unit).min_done_percent
    if total and ctx.below(done, total, minimum):
        yield ctx.finding(
            unit,
            "low",
            done=done,
            total=total,
            done_percent=ctx.percent(done, total, under=minimum),
            min_done_percent=minimum,
        )


# ---------------------------------------------------------------------------------------------
# SC004 complaints and recommendations handled


@rule(
    "SC004",
    family=FAMILY,
    severity="warning",
    section="dossiers",
    requires=("complaints",),
    params=[
        Param(
            name="min_handled_percent",
            default=100,
            doc={
                "vi": "Tỷ lệ phản ánh, kiến nghị đã xử lý tối thiểu trên số tiếp nhận (ngưỡng "
                "tham chiếu của công cụ, không phải quy định pháp luật).",
                "en": "Minimum share of complaints and recommendations handled among those "
                "received (a reference threshold of the tool, not a legal requirement).",
            },
            shown_in=("low",),
        )
    ],
    title={
        "vi": "Phản ánh, kiến nghị chưa được xử lý",
        "en": "Complaints and recommendations not handled",
    },
    description={
        "vi": "Số phản ánh, kiến nghị đã xử lý (complaints_handled) / số tiếp nhận (complaints) "
        "thấp hơn ngưỡng (bằng ngưỡng là đạt). Không tiếp nhận phản ánh nào: đạt. Có tiếp nhận "
        "mà không báo cáo số đã xử lý: bỏ qua, nêu rõ thiếu số liệu.",
        "en": "Complaints and recommendations handled (complaints_handled) over those received "
        "(complaints) below the threshold (exactly at it passes). None received: passes. Some "
        "received and the handled count not reported: skipped, saying so.",
    },
    messages={
        "low": {
            "vi": "đã xử lý {handled}/{complaints} phản ánh, kiến nghị = {handled_percent}% "
            "(ngưỡng {min_handled_percent}%)",
            "en": "{handled} of {complaints} {complaints:plural|one=complaint|other=complaints} "
            "handled = {handled_percent}% (threshold {min_handled_percent}%)",
        },
        "no_handled": {
            "vi": "tiếp nhận {complaints} phản ánh, kiến nghị nhưng không báo cáo số đã xử lý "
            "(complaints_handled)",
            "en": "{complaints} {complaints:plural|one=complaint|other=complaints} received "
            "but the number handled is not reported (complaints_handled)",
        },
        "inconsistent": {
            "vi": "số phản ánh, kiến nghị đã xử lý ({handled}) lớn hơn số tiếp nhận ({complaints})",
            "en": "more complaints handled ({handled}) than received ({complaints})",
        },
    },
    examples=[
        Example(unit=_dossiers(complaints=6, complaints_handled=5), fires=True),
        Example(
            unit=_dossiers(complaints=6, complaints_handled=6),
            fires=False,
            note={"vi": "đúng bằng ngưỡng", "en": "exactly at the threshold"},
        ),
        Example(unit=_dossiers(complaints=0), fires=False),
    ],
)
def sc004(unit: _Unit, ctx: Context) -> Result:
    """Complaints and recommendations handled among those received."""
    d = unit.dossiers
    if d is None or d.complaints is None or d.complaints == 0:
        return
    received, handled = d.complaints, d.complaints_handled
    if handled is None:
        yield ctx.skip(unit, "no_handled", complaints=received)
        return
    if handled > received:
        yield ctx.skip(unit, "inconsistent", handled=handled, complaints=received)
        return
    minimum = ctx.params(unit).min_handled_percent
    if ctx.below(handled, received, minimum):
        yield ctx.finding(
            unit,
            "low",
            complaints=received,
            handled=handled,
            handled_percent=ctx.percent(handled, received, under=minimum),
            min_handled_percent=minimum,
        )


@hookimpl
def cchc_register_rules(register: Callable[[Rule], None]) -> None:
    """Register the scoring rules."""
    for r in (sc001, sc002, sc003, sc004):
        register(r)
