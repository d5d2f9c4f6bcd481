"""The e-government rules EG001–EG003, written only against the public API of cchc-rules.

Shares are compared exactly (``ctx.below``), never through a rounded rate; the rounded rate
(``ctx.percent``) is only evidence.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from cchc_rules import (
    Context,
    Dossiers,
    Example,
    Finding,
    NotApplicable,
    Param,
    Skip,
    Unit,
    rule,
    subject_key,
)

FAMILY = "egov"


# -- EG001 ------------------------------------------------------------------------------------
def _online(d: Dossiers) -> tuple[int, dict[str, Any]] | None:
    """Dossiers received online, and the figures it comes from beyond ``received_online``.

    ``received_online`` when given; else the sum of the complete pairs of online parts (levels
    3 + 4 before Nghị định 42/2022/NĐ-CP, partial + full after; a period spanning the change may
    give both). A pair given by half is unknown.
    """
    if d.received_online is not None:
        return d.received_online, {}
    parts: dict[str, Any] = {}
    for a, b, va, vb in (
        ("online_level3", "online_level4", d.online_level3, d.online_level4),
        ("online_partial", "online_full", d.online_partial, d.online_full),
    ):
        if va is None and vb is None:
            continue
        if va is None or vb is None:
            return None
        parts[a], parts[b] = va, vb
    return (sum(parts.values()), parts) if parts else None


def _received(d: Dossiers) -> tuple[int, dict[str, Any]] | None:
    """Dossiers newly received in the period: ``received``, else ``received_total −
    carried_over`` (online figures count new receipts, so carried-over dossiers are left out)."""
    if d.received is not None:
        return d.received, {}
    total, carried = d.received_total, d.carried_over
    if total is not None and carried is not None and carried <= total:
        return total - carried, {"received_total": total, "carried_over": carried}
    return None


@rule(
    "EG001",
    family=FAMILY,
    severity="warning",
    section="dossiers",
    basis=("online_services",),
    params=[
        Param(
            name="min_online_percent",
            default=50,
            doc={
                "vi": "Tỷ lệ hồ sơ tiếp nhận trực tuyến tối thiểu (ngưỡng tham chiếu của công cụ, "
                "không phải quy định pháp luật).",
                "en": "Minimum share of dossiers received online (policy default, no legal basis).",
            },
            shown_in=("low",),
        )
    ],
    title={
        "vi": "Tỷ lệ hồ sơ tiếp nhận trực tuyến thấp",
        "en": "Low share of dossiers received online",
    },
    description={
        "vi": "Tỷ lệ hồ sơ tiếp nhận trực tuyến trên tổng số hồ sơ tiếp nhận mới trong kỳ "
        "(received_online / received) thấp hơn ngưỡng. Khi không có received_online, dùng tổng "
        "các cặp số liệu trực tuyến đầy đủ (mức độ 3 + 4, một phần + toàn trình); khi không có "
        "received, dùng received_total − carried_over. Ngưỡng tham chiếu của công cụ, không "
        "phải quy định pháp luật.",
        "en": "The share of dossiers received online among those newly received in the period "
        "(received_online / received) is below the threshold. Without received_online, the "
        "complete pairs of online parts are summed (levels 3 + 4, partial + full); without "
        "received, received_total − carried_over is used. A policy default.",
    },
    messages={
        "low": {
            "vi": "tiếp nhận trực tuyến {online}/{received} hồ sơ = {online_percent}% "
            "(ngưỡng {min_online_percent}%)",
            "en": "{online} of {received} {received:plural|one=dossier|other=dossiers} "
            "received online = {online_percent}% "
            "(threshold {min_online_percent}%)",
        },
        "no_received": {
            "vi": "không báo cáo số hồ sơ tiếp nhận mới (received, hoặc received_total và "
            "carried_over)",
            "en": "dossiers newly received not reported (received, or received_total and "
            "carried_over)",
        },
        "no_online": {
            "vi": "không báo cáo số hồ sơ trực tuyến (received_online, hoặc đủ một cặp "
            "online_level3 + online_level4 / online_partial + online_full)",
            "en": "dossiers received online not reported (received_online, or a complete pair "
            "online_level3 + online_level4 / online_partial + online_full)",
        },
    },
    examples=[
        Example(unit={"dossiers": {"received": 100, "received_online": 49}}, fires=True),
        Example(unit={"dossiers": {"received": 100, "received_online": 50}}, fires=False),
        Example(
            unit={"dossiers": {"received": 2807, "online_level3": 492, "online_level4": 515}},
            fires=True,
            note={"vi": "trực tuyến = mức độ 3 + mức độ 4", "en": "online from levels 3 + 4"},
        ),
        Example(
            unit={"dossiers": {"received": 100, "online_level3": 60}},
            fires=False,
            skips=True,
            note={
                "vi": "thiếu số liệu mức độ 4: chỉ có một nửa cặp số liệu thì không tính "
                "được, bỏ qua",
                "en": "level 4 missing: half a pair is not a figure, skipped",
            },
        ),
    ],
)
def eg001(unit: Unit, ctx: Context) -> Iterator[Finding | Skip | NotApplicable]:
    """Share of dossiers received online below the policy threshold."""
    d = unit.dossiers
    if d is None:  # never: the engine runs a rule only where its section is present
        return
    received = _received(d)
    if received is None:
        yield ctx.skip(unit, "no_received")
        return
    online = _online(d)
    if online is None:
        yield ctx.skip(unit, "no_online")
        return
    (total, total_parts), (part, part_parts) = received, online
    if total == 0:  # nothing received: no share to judge
        yield ctx.not_applicable(unit)
        return
    minimum = ctx.params(unit).min_online_percent
    if ctx.below(part, total, minimum):
        yield ctx.finding(
            unit,
            "low",
            online=part,
            received=total,
            online_percent=ctx.percent(part, total, under=minimum),
            min_online_percent=minimum,
            **part_parts,
            **total_parts,
        )


# -- EG002 ------------------------------------------------------------------------------------
@rule(
    "EG002",
    family=FAMILY,
    severity="warning",
    section="egov",
    requires=("signature_units_total", "signature_units_deployed"),
    title={
        "vi": "Chưa triển khai thiết bị ký số cho mọi đơn vị cần trang bị",
        "en": "Digital-signature devices not deployed in every unit that needs them",
    },
    description={
        "vi": "Số đơn vị đã được triển khai thiết bị ký số ít hơn số đơn vị cần trang bị "
        "(signature_units_deployed < signature_units_total). Một phát hiện cho mỗi đơn vị báo "
        "cáo.",
        "en": "Fewer units have digital-signature devices deployed than should have them "
        "(signature_units_deployed < signature_units_total). One finding per reporting unit.",
    },
    messages={
        "missing": {
            "vi": "thiết bị ký số mới triển khai tại {deployed}/{total} đơn vị cần trang bị, "
            "còn {missing} đơn vị chưa có",
            "en": "digital-signature devices deployed in {deployed} of {total} "
            "{total:plural|one=unit that should have them|other=units that should have them}; "
            "{missing} still without",
        }
    },
    examples=[
        Example(
            unit={"egov": {"signature_units_total": 15, "signature_units_deployed": 13}},
            fires=True,
        ),
        Example(
            unit={"egov": {"signature_units_total": 15, "signature_units_deployed": 15}},
            fires=False,
        ),
    ],
)
def eg002(unit: Unit, ctx: Context) -> Iterator[Finding | NotApplicable]:
    """Units that should have digital-signature devices but do not; not applicable where no
    unit needs them."""
    e = unit.egov
    total = e.signature_units_total if e else None
    deployed = e.signature_units_deployed if e else None
    if total == 0:
        yield ctx.not_applicable(unit)
        return
    # never None: the engine skips the unit when a field in `requires` is missing
    if total is not None and deployed is not None and deployed < total:
        yield ctx.finding(unit, "missing", deployed=deployed, total=total, missing=total - deployed)


# -- EG003 ------------------------------------------------------------------------------------
@rule(
    "EG003",
    family=FAMILY,
    severity="info",
    section="catalogue",
    # per catalogue level: a level lacking either figure is skipped on its own (named by its
    # level), and the check sees the complete levels
    requires=("procedures_total", "online_full_eligible"),
    basis=("online_services",),
    params=[
        Param(
            name="min_full_online_percent",
            default=50,
            doc={
                "vi": "Tỷ lệ tối thiểu thủ tục đủ điều kiện cung cấp dịch vụ công trực tuyến "
                "toàn trình (mức độ 4 trước Nghị định 42/2022/NĐ-CP) trên tổng số thủ tục "
                "thuộc thẩm quyền (ngưỡng tham chiếu của công cụ, không phải quy định pháp luật).",
                "en": "Minimum share of procedures eligible for full online service (level 4 "
                "before Decree 42/2022/ND-CP) among those under the unit's authority (policy "
                "default, no legal basis).",
            },
            shown_in=("low",),
        )
    ],
    title={
        "vi": "Tỷ lệ thủ tục đủ điều kiện trực tuyến toàn trình thấp",
        "en": "Few procedures eligible for full online service",
    },
    description={
        "vi": "Với mỗi cấp trong danh mục thủ tục (catalogue), tỷ lệ thủ tục đủ điều kiện cung "
        "cấp trực tuyến toàn trình (online_full_eligible / procedures_total) thấp hơn ngưỡng. "
        "Không có văn bản nào quy định tỷ lệ này; ngưỡng 50% là ngưỡng tham chiếu của công cụ, "
        "nên điều chỉnh theo chỉ tiêu của địa phương.",
        "en": "For each level of the procedure catalogue, the share of procedures eligible for "
        "full online service (online_full_eligible / procedures_total) is below the threshold. "
        "No legal document sets this share; the 50% threshold is a policy default to adjust to "
        "local targets.",
    },
    messages={
        "low": {
            "vi": "{subject}: {eligible}/{total} thủ tục đủ điều kiện trực tuyến toàn trình = "
            "{eligible_percent}% (ngưỡng {min_full_online_percent}%)",
            "en": "{subject}: {eligible} of {total} {total:plural|one=procedure|other=procedures} "
            "eligible for full online service "
            "= {eligible_percent}% (threshold {min_full_online_percent}%)",
        },
    },
    examples=[
        Example(
            unit={
                "catalogue": [
                    {"level": "quan", "procedures_total": 100, "online_full_eligible": 49}
                ]
            },
            fires=True,
        ),
        Example(
            unit={
                "catalogue": [
                    {"level": "quan", "procedures_total": 100, "online_full_eligible": 50}
                ]
            },
            fires=False,
        ),
    ],
)
def eg003(unit: Unit, ctx: Context) -> Iterator[Finding]:
    """Share of catalogue procedures eligible for full online service, per level."""
    minimum = ctx.params(unit).min_full_online_percent
    for i, entry in enumerate(unit.catalogue):
        name = entry.level or f"#{i + 1}"
        total, eligible = entry.procedures_total, entry.online_full_eligible
        if total is None or eligible is None:
            continue  # never: the engine skips an entry lacking a field in `requires`
        if total and ctx.below(eligible, total, minimum):
            yield ctx.finding(
                unit,
                "low",
                subject=name,
                key=subject_key(entry.level or f"#{i + 1}"),
                eligible=eligible,
                total=total,
                eligible_percent=ctx.percent(eligible, total, under=minimum),
                min_full_online_percent=minimum,
                level=entry.level,
            )


RULES = (eg001, eg002, eg003)
