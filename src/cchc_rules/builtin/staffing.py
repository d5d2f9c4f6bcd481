"""Built-in rule family: staffing (ST001–ST005), over the ``staffing`` section.

Each staffing block is a subject: its label (else its category); its identity across runs is
its category and label (:func:`cchc_rules.subject_of`, which plugins use too).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from cchc_rules import (
    PUBLIC_SERVICE_KINDS,
    Context,
    Example,
    Finding,
    NotApplicable,
    Param,
    Rule,
    Skip,
    StaffingBlock,
    hookimpl,
    rule,
    subject_of,
)
from cchc_rules import Unit as _Unit

FAMILY = "staffing"

#: The legal topic governing each staffing category (see ``cchc_rules/law/legal_bases.toml``).
CATEGORY_TOPIC = {
    "can_bo": "commune_civil_servants",
    "cong_chuc": "civil_servants",
    "cong_chuc_cap_xa": "commune_civil_servants",
    "vien_chuc": "public_employees",
}
CIVIL_SERVICE = ("can_bo", "cong_chuc", "cong_chuc_cap_xa")


def _basis(block: StaffingBlock) -> tuple[str, ...]:
    topic = CATEGORY_TOPIC.get(block.category or "")
    return (topic,) if topic else ()


def _ex(*blocks: dict[str, object], **kw: object) -> dict[str, object]:
    return {"kind": kw.get("kind", "quan"), "staffing": list(blocks)}


@rule(
    "ST001",
    family=FAMILY,
    severity="error",
    section="staffing",
    basis=("civil_servants", "commune_civil_servants", "public_employees"),
    title={"vi": "Sử dụng vượt biên chế được giao", "en": "Staff used exceeds the quota"},
    description={
        "vi": "Số người đang sử dụng của một khối vượt số biên chế (định biên) được giao.",
        "en": "A staffing block uses more staff than the quota it was assigned.",
    },
    messages={
        "over": {
            "vi": "{subject}: sử dụng {used}/{quota} biên chế được giao, vượt {excess} người",
            "en": "{subject}: {used} staff used against a quota of {quota}, {excess} over",
        }
    },
    examples=[
        Example(unit=_ex({"category": "cong_chuc", "quota": 50, "used": 51}), fires=True),
        Example(unit=_ex({"category": "cong_chuc", "quota": 50, "used": 50}), fires=False),
    ],
)
def st001(unit: _Unit, ctx: Context) -> Iterator[Finding]:
    """Staff used above the assigned quota breaks the staffing decision."""
    for i, block in enumerate(unit.staffing):
        if block.used > block.quota:
            name, key = subject_of(block, i)
            yield ctx.finding(
                unit,
                "over",
                subject=name,
                key=key,
                basis=_basis(block),
                used=block.used,
                quota=block.quota,
                excess=block.used - block.quota,
                category=block.category,
            )


@rule(
    "ST002",
    family=FAMILY,
    severity="error",
    section="staffing",
    basis=("contract_work",),
    params=[
        Param(
            name="max_contract_outside_quota",
            default=0,
            doc={
                "vi": "Số hợp đồng ngoài chỉ tiêu biên chế tối đa được chấp nhận.",
                "en": "Contract workers outside the quota accepted per block.",
            },
            basis="nd-111-2022",
        )
    ],
    title={
        "vi": "Hợp đồng lao động ngoài chỉ tiêu biên chế",
        "en": "Contract workers outside the quota",
    },
    description={
        "vi": "Cơ quan hành chính (cán bộ, công chức) không được dùng hợp đồng lao động ngoài chỉ "
        "tiêu biên chế để làm công việc chuyên môn: lỗi. Đơn vị sự nghiệp (viên chức) được ký "
        "hợp đồng chuyên môn: thông tin. Khối không rõ loại: cảnh báo. Hợp đồng làm công việc "
        "hỗ trợ, phục vụ mà Nghị định 111/2022/NĐ-CP cho phép ngoài biên chế, ghi riêng ở "
        "contract_support_service, không bị tính.",
        "en": "Administrative bodies (officials, civil servants) may not use contract workers "
        "outside the quota for professional work: error. Public service units (public "
        "employees) may contract professional work: info. Blocks of unknown category: "
        "warning. Contracts for support and service work, which Nghị định 111/2022/NĐ-CP "
        "allows outside the quota, recorded apart in contract_support_service, are not "
        "counted.",
    },
    messages={
        "contract": {
            "vi": "{subject}: {contract} người làm hợp đồng ngoài chỉ tiêu biên chế "
            "(tối đa {max_allowed})",
            "en": "{subject}: {contract} contract {contract:plural|one=worker|other=workers} "
            "outside the quota "
            "(at most {max_allowed})",
        },
        "no_figure": {
            "vi": "{subject}: không báo cáo số hợp đồng ngoài chỉ tiêu (contract_outside_quota)",
            "en": "{subject}: contract workers outside the quota not reported "
            "(contract_outside_quota)",
        },
        "inconsistent": {
            "vi": "{subject}: số hợp đồng hỗ trợ, phục vụ ({support}) lớn hơn tổng số hợp đồng "
            "ngoài chỉ tiêu ({contract})",
            "en": "{subject}: more support and service contracts ({support}) than contracts "
            "outside the quota ({contract})",
        },
    },
    examples=[
        Example(
            unit=_ex(
                {"category": "cong_chuc", "quota": 50, "used": 50, "contract_outside_quota": 1}
            ),
            fires=True,
            severity="error",
        ),
        Example(
            unit=_ex(
                {"category": "vien_chuc", "quota": 80, "used": 75, "contract_outside_quota": 3},
                kind="truong",
            ),
            fires=True,
            severity="info",
        ),
        Example(
            unit=_ex(
                {"category": "cong_chuc", "quota": 50, "used": 50, "contract_outside_quota": 0}
            ),
            fires=False,
        ),
        Example(
            unit=_ex(
                {
                    "category": "cong_chuc",
                    "quota": 50,
                    "used": 50,
                    "contract_outside_quota": 3,
                    "contract_support_service": 3,
                }
            ),
            fires=False,
            note={
                "vi": "3 hợp đồng lái xe, bảo vệ, tạp vụ theo Nghị định 111/2022/NĐ-CP",
                "en": "3 driver, guard and cleaner contracts under Nghị định 111/2022/NĐ-CP",
            },
        ),
    ],
)
def st002(unit: _Unit, ctx: Context) -> Iterator[Finding | Skip]:
    """Contract work outside the quota, by staffing category."""
    limit = ctx.params(unit).max_contract_outside_quota
    for i, block in enumerate(unit.staffing):
        contract = block.contract_outside_quota
        if contract is None:
            yield ctx.skip(unit, "no_figure", subject=subject_of(block, i).name)
            continue
        support = block.contract_support_service or 0
        if support > contract:
            yield ctx.skip(
                unit,
                "inconsistent",
                subject=subject_of(block, i).name,
                support=support,
                contract=contract,
            )
            continue
        counted = contract - support
        if counted > limit:
            name, key = subject_of(block, i)
            apart: dict[str, Any] = (
                {}
                if block.contract_support_service is None
                else {"contract_outside_quota": contract, "contract_support_service": support}
            )
            severity = (
                "error"
                if block.category in CIVIL_SERVICE
                else "info"
                if block.category == "vien_chuc"
                else "warning"
            )
            yield ctx.finding(
                unit,
                "contract",
                subject=name,
                key=key,
                severity=severity,
                contract=counted,
                max_allowed=limit,
                category=block.category,
                **apart,
            )


def _programme(ctx: Context, block: StaffingBlock) -> tuple[float, int, int, str] | None:
    """(target %, target year, baseline year, basis id) of the streamlining programme in force."""
    for basis in reversed(ctx.bases("streamlining")):
        extra = basis.extra
        target = extra.get("target_percent")
        if block.category == "vien_chuc":
            target = extra.get("target_percent_public_employees", target)
        year = extra.get("target_year")
        baseline = extra.get("baseline_year")
        if baseline is None and extra.get("period_from_year"):
            baseline = int(extra["period_from_year"]) - 1
        if target is not None and year is not None and baseline is not None:
            return float(target), int(year), int(baseline), basis.id
    return None


@rule(
    "ST003",
    family=FAMILY,
    severity="warning",
    section="staffing",
    basis=("streamlining",),
    params=[
        Param(
            name="min_reduction_percent",
            default=None,
            doc={
                "vi": "Tỷ lệ tinh giản tối thiểu; mặc định theo chương trình đang có hiệu lực "
                "(39-NQ/TW: 10%; 40-KL/TW: 5% cán bộ, công chức, 10% viên chức).",
                "en": "Minimum reduction; by default the target of the programme in force "
                "(39-NQ/TW: 10%; 40-KL/TW: 5% officials and civil servants, 10% public "
                "employees).",
            },
            basis="kl-40-2022",
        ),
        Param(
            name="target_year",
            default=None,
            doc={
                "vi": "Năm phải đạt mục tiêu; mặc định theo chương trình.",
                "en": "Year by which the target is due; by default the programme's.",
            },
            basis="kl-40-2022",
        ),
    ],
    title={
        "vi": "Tinh giản biên chế chậm so với mục tiêu",
        "en": "Staff streamlining behind its target",
    },
    description={
        "vi": "So sánh tỷ lệ giảm biên chế so với năm gốc (1 − biên chế / biên chế năm gốc) với "
        "mục tiêu của chương trình tinh giản đang có hiệu lực. Cảnh báo khi kỳ báo cáo "
        "kết thúc từ năm mục tiêu trở đi; trước đó là thông tin.",
        "en": "Compares the reduction against the baseline year (1 − quota / baseline quota) "
        "with the target of the streamlining programme in force. A warning when the "
        "period ends in or after the target year; information before.",
    },
    messages={
        "behind": {
            "vi": "{subject}: giảm {reduction_percent}% biên chế so với năm {baseline_year} "
            "({quota}/{baseline_quota}); mục tiêu {target_percent}% đến năm {target_year}",
            "en": "{subject}: quota reduced by {reduction_percent}% since {baseline_year} "
            "({quota}/{baseline_quota}); target {target_percent}% by {target_year}",
        },
        "no_baseline": {
            "vi": "{subject}: không báo cáo biên chế năm gốc (baseline_quota, baseline_year)",
            "en": "{subject}: baseline quota not reported (baseline_quota, baseline_year)",
        },
        "no_programme": {
            "vi": "{subject}: không có chương trình tinh giản cho năm gốc {baseline_year} trong "
            "kỳ báo cáo",
            "en": "{subject}: no streamlining programme for baseline year {baseline_year} in "
            "this period",
        },
    },
    examples=[
        Example(
            unit=_ex(
                {
                    "category": "cong_chuc",
                    "quota": 97,
                    "used": 90,
                    "baseline_quota": 100,
                    "baseline_year": 2021,
                }
            ),
            period=("2026-07-01", "2026-12-31"),
            fires=True,
            severity="warning",
        ),
        Example(
            unit=_ex(
                {
                    "category": "cong_chuc",
                    "quota": 95,
                    "used": 90,
                    "baseline_quota": 100,
                    "baseline_year": 2021,
                }
            ),
            period=("2026-07-01", "2026-12-31"),
            fires=False,
        ),
    ],
)
def st003(unit: _Unit, ctx: Context) -> Iterator[Finding | Skip]:
    """Streamlining against the programme in force for the block's baseline year."""
    p = ctx.params(unit)
    period_end_year = ctx.period.end.year if ctx.period else None
    for i, block in enumerate(unit.staffing):
        if block.baseline_quota is None or block.baseline_year is None:
            if block.baseline_quota is not None or block.baseline_year is not None:
                yield ctx.skip(unit, "no_baseline", subject=subject_of(block, i).name)
            continue
        if block.baseline_quota == 0:
            continue
        prog = _programme(ctx, block)
        target = (
            p.min_reduction_percent
            if p.min_reduction_percent is not None
            else (prog[0] if prog else None)
        )
        year = p.target_year if p.target_year is not None else (prog[1] if prog else None)
        if (
            target is None
            or year is None
            or (
                prog is not None
                and p.min_reduction_percent is None
                and prog[2] != block.baseline_year
            )
        ):
            name = subject_of(block, i).name
            yield ctx.skip(unit, "no_programme", subject=name, baseline_year=block.baseline_year)
            continue
        cut = block.baseline_quota - block.quota
        # exactly (cut / baseline < target / 100): the rounded reduction is only shown
        if ctx.below(cut, block.baseline_quota, target):
            name, key = subject_of(block, i)
            late = period_end_year is not None and period_end_year >= year
            yield ctx.finding(
                unit,
                "behind",
                subject=name,
                key=key,
                severity="warning" if late else "info",
                reduction_percent=ctx.percent(cut, block.baseline_quota, under=target),
                quota=block.quota,
                baseline_quota=block.baseline_quota,
                baseline_year=block.baseline_year,
                target_percent=target,
                target_year=year,
            )


@rule(
    "ST004",
    family=FAMILY,
    severity="warning",
    section="staffing",
    basis=("public_employees",),
    params=[
        Param(
            name="min_professional_share_percent",
            default=65,
            doc={
                "vi": "Tỷ lệ tối thiểu vị trí việc làm chức danh nghề nghiệp chuyên ngành và "
                "chuyên môn dùng chung trong đơn vị sự nghiệp công lập.",
                "en": "Minimum share of professional positions in a public service unit.",
            },
            basis="nd-106-2020",
        ),
        Param(
            name="public_service_kinds",
            default=PUBLIC_SERVICE_KINDS,
            doc={
                "vi": "Loại đơn vị (kind) là đơn vị sự nghiệp công lập: tỷ lệ 65% là thước đo "
                "của từng đơn vị sự nghiệp, không áp dụng cho khối viên chức tổng hợp của một "
                "địa phương.",
                "en": "Unit kinds that are public service units: the 65 % is a measure of each "
                "public service unit, not of a local government's aggregate block.",
            },
            basis="nd-106-2020",
        ),
    ],
    title={
        "vi": "Tỷ lệ vị trí chuyên môn thấp hơn quy định",
        "en": "Professional positions below the required share",
    },
    description={
        "vi": "Trong một đơn vị sự nghiệp công lập (kind thuộc public_service_kinds), khối viên "
        "chức (hoặc khối có báo cáo tỷ lệ vị trí chuyên môn) có tỷ lệ vị trí chức danh nghề "
        "nghiệp thấp hơn mức tối thiểu. Tỷ lệ này là thước đo của từng đơn vị sự nghiệp "
        "(Nghị định 106/2020/NĐ-CP): với đơn vị khác (quận, huyện, phường…) quy tắc không áp "
        "dụng, kể cả khi khối viên chức tổng hợp có báo cáo tỷ lệ.",
        "en": "In a public service unit (kind in public_service_kinds), a public-employee block "
        "(or any block that reports the share) whose share of professional positions is below "
        "the minimum. The share is a measure of each public service unit (Nghị định "
        "106/2020/NĐ-CP): for any other unit (district, ward…) the rule does not apply, even "
        "where an aggregate public-employee block reports a share.",
    },
    messages={
        "low": {
            "vi": "{subject}: vị trí chuyên môn chiếm {share}% (tối thiểu {min_share}%)",
            "en": "{subject}: professional positions are {share}% (at least {min_share}%)",
        },
        "no_figure": {
            "vi": "{subject}: không báo cáo tỷ lệ vị trí chuyên môn (professional_share_percent)",
            "en": "{subject}: professional share not reported (professional_share_percent)",
        },
    },
    examples=[
        Example(
            unit=_ex(
                {
                    "category": "vien_chuc",
                    "quota": 80,
                    "used": 75,
                    "professional_share_percent": 64.9,
                },
                kind="truong",
            ),
            fires=True,
        ),
        Example(
            unit=_ex(
                {
                    "category": "vien_chuc",
                    "quota": 80,
                    "used": 75,
                    "professional_share_percent": 65,
                },
                kind="truong",
            ),
            fires=False,
        ),
        Example(
            unit=_ex(
                {
                    "category": "vien_chuc",
                    "quota": 800,
                    "used": 750,
                    "professional_share_percent": 60,
                },
                kind="quan",
            ),
            fires=False,
            note={
                "vi": "khối viên chức tổng hợp của quận: không áp dụng",
                "en": "a district's aggregate block: not applicable",
            },
        ),
    ],
)
def st004(unit: _Unit, ctx: Context) -> Iterator[Finding | Skip | NotApplicable]:
    """Professional share in public service units; not applicable to any other unit (the
    share is a measure of each public service unit), nor to one with no public-employee block
    and no block reporting the share."""
    params = ctx.params(unit)
    if unit.kind not in params.public_service_kinds or not any(
        b.category == "vien_chuc" or b.professional_share_percent is not None for b in unit.staffing
    ):
        yield ctx.not_applicable(unit)
        return
    minimum = params.min_professional_share_percent
    for i, block in enumerate(unit.staffing):
        share = block.professional_share_percent
        if share is None:
            if block.category == "vien_chuc":
                yield ctx.skip(unit, "no_figure", subject=subject_of(block, i).name)
            continue
        if share < minimum:
            name, key = subject_of(block, i)
            yield ctx.finding(unit, "low", subject=name, key=key, share=share, min_share=minimum)


@rule(
    "ST005",
    family=FAMILY,
    severity="info",
    section="staffing",
    params=[
        Param(
            name="min_fill_percent",
            default=90,
            doc={
                "vi": "Tỷ lệ sử dụng biên chế tối thiểu (ngưỡng tham chiếu của công cụ, "
                "không phải quy định pháp luật).",
                "en": "Minimum quota fill rate (policy default, no legal basis).",
            },
            shown_in=("low",),
        )
    ],
    title={"vi": "Tỷ lệ sử dụng biên chế thấp", "en": "Low quota fill rate"},
    description={
        "vi": "Số người sử dụng thấp so với biên chế được giao (nhiều vị trí trống). Ngưỡng theo "
        "chính sách, không có căn cứ pháp lý.",
        "en": "Few staff used against the assigned quota (many vacancies). A policy default "
        "with no legal basis.",
    },
    messages={
        "low": {
            "vi": "{subject}: sử dụng {used}/{quota} biên chế = {fill_percent}% (ngưỡng "
            "{min_fill_percent}%)",
            "en": "{subject}: {used} of {quota} quota "
            "{quota:plural|one=position|other=positions} filled = {fill_percent}% "
            "(threshold {min_fill_percent}%)",
        }
    },
    examples=[
        Example(unit=_ex({"category": "cong_chuc", "quota": 100, "used": 89}), fires=True),
        Example(unit=_ex({"category": "cong_chuc", "quota": 100, "used": 90}), fires=False),
    ],
)
def st005(unit: _Unit, ctx: Context) -> Iterator[Finding]:
    """Quota fill rate below the policy threshold."""
    minimum = ctx.params(unit).min_fill_percent
    for i, block in enumerate(unit.staffing):
        if block.quota <= 0:
            continue
        if ctx.below(block.used, block.quota, minimum):  # exactly: a rounded rate never decides
            name, key = subject_of(block, i)
            yield ctx.finding(
                unit,
                "low",
                subject=name,
                key=key,
                used=block.used,
                quota=block.quota,
                fill_percent=ctx.percent(block.used, block.quota, under=minimum),
                min_fill_percent=minimum,
            )


@hookimpl
def cchc_register_rules(register: Callable[[Rule], None]) -> None:
    """Register the staffing rules."""
    for r in (st001, st002, st003, st004, st005):
        register(r)
