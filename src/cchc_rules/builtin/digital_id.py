"""Built-in rule family: digital identity (ID001–ID002), over ``digital_id``.

ID001's 100 % is the target of Đề án 06 (Quyết định 06/QĐ-TTg, a programme): the law on personal
ID numbers (Luật Căn cước công dân 2014 Điều 12, from 1/7/2024 Luật Căn cước 2023) gives every
citizen a number but sets no notification target; findings cite both, the programme for the
target. ID002's 60 % is a reference threshold of the tool: neither Đề án 06 as shipped here nor
the decrees on electronic identification (Nghị định 59/2022/NĐ-CP, 69/2024/NĐ-CP) set a coverage
target, so the finding is information in every period, citing the programme and the decree in
force as the framework of the accounts counted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from cchc_rules import Context, Example, Finding, Param, Rule, Skip, hookimpl, rule
from cchc_rules import Unit as _Unit

FAMILY = "digital_id"
#: Đề án 06's target for citizens notified of their personal ID number, in percent.
PROGRAMME_TARGET = 100


def _ex(**fields: int) -> dict[str, object]:
    return {"kind": "quan", "digital_id": fields}


@rule(
    "ID001",
    family=FAMILY,
    severity="warning",
    section="digital_id",
    requires=("population",),
    basis=("personal_id", "id_programme"),
    params=[
        Param(
            name="min_notified_percent",
            default=PROGRAMME_TARGET,
            doc={
                "vi": "Tỷ lệ công dân được thông báo số định danh cá nhân tối thiểu: chỉ tiêu "
                "100% của Đề án 06 (Quyết định 06/QĐ-TTg, chỉ tiêu của chương trình, không phải "
                "quy định pháp luật). Luật Căn cước công dân 2014 (Điều 12), từ 01/7/2024 Luật "
                "Căn cước 2023, quy định mỗi công dân có số định danh cá nhân nhưng không đặt "
                "chỉ tiêu thông báo.",
                "en": "Minimum share of citizens notified of their personal ID number: the 100 % "
                "target of Project 06 (Quyết định 06/QĐ-TTg, a programme target, not a legal "
                "requirement). The Law on Citizen Identification 2014 (Art. 12), from 1/7/2024 "
                "the Law on Identification 2023, gives every citizen a number but sets no "
                "notification target.",
            },
            basis="qd-06-2022",
        )
    ],
    title={
        "vi": "Công dân chưa được thông báo số định danh cá nhân",
        "en": "Citizens not notified of their personal ID number",
    },
    description={
        "vi": "Tỷ lệ công dân được thông báo số định danh cá nhân, tính từ số liệu (id_notified, "
        "hoặc population − id_not_notified), thấp hơn chỉ tiêu 100% của Đề án 06 (hoặc ngưỡng "
        "do cấu hình đặt). Tỷ lệ do báo cáo nêu chỉ được đối chiếu ở CS002.",
        "en": "The share of citizens notified of their personal ID number, from the counts "
        "(id_notified, or population − id_not_notified), is below Project 06's 100 % target "
        "(or a configured threshold). A stated percentage is only compared, by CS002.",
    },
    messages={
        "low": {
            "vi": "{id_not_notified} công dân chưa được thông báo số định danh cá nhân "
            "({notified_percent}% / chỉ tiêu {min_notified_percent}% của Đề án 06)",
            "en": "{id_not_notified} {id_not_notified:plural|one=citizen|other=citizens} not "
            "notified of their personal ID number "
            "({notified_percent}% / Project 06 target {min_notified_percent}%)",
        },
        "low_configured": {
            "vi": "{id_not_notified} công dân chưa được thông báo số định danh cá nhân "
            "({notified_percent}% / ngưỡng {min_notified_percent}% do cấu hình đặt, không phải "
            "quy định pháp luật)",
            "en": "{id_not_notified} {id_not_notified:plural|one=citizen|other=citizens} not "
            "notified of their personal ID number "
            "({notified_percent}% / configured threshold {min_notified_percent}%, not a legal "
            "requirement)",
        },
        "no_counts": {
            "vi": "không báo cáo số công dân đã hoặc chưa được thông báo số định danh cá nhân "
            "(id_notified, id_not_notified)",
            "en": "neither citizens notified nor not notified of their ID number reported "
            "(id_notified, id_not_notified)",
        },
        "inconsistent": {
            "vi": "số công dân chưa được thông báo ({id_not_notified}) lớn hơn dân số "
            "({population})",
            "en": "more citizens not notified ({id_not_notified}) than the population "
            "({population})",
        },
    },
    examples=[
        Example(unit=_ex(population=229571, id_not_notified=3008), fires=True),
        Example(unit=_ex(population=10000, id_notified=10000), fires=False),
        Example(
            unit=_ex(population=1000, id_notified=990),
            params={"min_notified_percent": 99},
            fires=False,
            note={"vi": "đúng bằng mục tiêu đã cấu hình", "en": "exactly at a configured target"},
        ),
    ],
)
def id001(unit: _Unit, ctx: Context) -> Iterator[Finding | Skip]:
    """Personal ID number notification coverage, from the counts."""
    d = unit.digital_id
    if d is None or d.population is None:
        return
    population = d.population
    if d.id_notified is not None:
        notified = d.id_notified
    elif d.id_not_notified is not None:
        notified = population - d.id_not_notified
        if notified < 0:
            yield ctx.skip(
                unit, "inconsistent", id_not_notified=d.id_not_notified, population=population
            )
            return
    else:
        yield ctx.skip(unit, "no_counts")
        return
    if population == 0:
        return
    minimum = ctx.params(unit).min_notified_percent
    if ctx.below(notified, population, minimum):
        yield ctx.finding(
            unit,
            "low" if minimum == PROGRAMME_TARGET else "low_configured",
            population=population,
            id_notified=notified,
            id_not_notified=population - notified,
            notified_percent=ctx.percent(notified, population, under=minimum),
            min_notified_percent=minimum,
        )


_LOW = {
    "low": {
        "vi": "{eid_accounts}/{population} người dân có tài khoản định danh điện tử = "
        "{eid_percent}% (ngưỡng {min_eid_percent}%)",
        "en": "{eid_accounts} electronic ID {eid_accounts:plural|one=account|other=accounts} for a "
        "population of {population} = "
        "{eid_percent}% (threshold {min_eid_percent}%)",
    },
    "low_eligible": {
        "vi": "{eid_accounts}/{eid_eligible_population} người đủ điều kiện có tài khoản định danh "
        "điện tử = {eid_percent}% (ngưỡng {min_eid_percent}%)",
        "en": "{eid_accounts} electronic ID {eid_accounts:plural|one=account|other=accounts} for "
        "{eid_eligible_population} eligible "
        "{eid_eligible_population:plural|one=person|other=people} = {eid_percent}% "
        "(threshold {min_eid_percent}%)",
    },
}


@rule(
    "ID002",
    family=FAMILY,
    severity="info",
    section="digital_id",
    requires=("eid_accounts",),
    basis=("electronic_id",),
    params=[
        Param(
            name="min_eid_percent",
            default=60,
            doc={
                "vi": "Tỷ lệ tài khoản định danh điện tử tối thiểu trên số người đủ điều kiện "
                "(hoặc dân số) — ngưỡng tham chiếu của công cụ (không phải quy định pháp luật): "
                "Nghị định 59/2022/NĐ-CP và 69/2024/NĐ-CP không đặt chỉ tiêu độ phủ.",
                "en": "Minimum electronic ID accounts per eligible person (or resident) — a "
                "reference threshold of the tool, not a legal requirement: Nghị định "
                "59/2022/NĐ-CP and 69/2024/NĐ-CP set no coverage target.",
            },
            shown_in=tuple(_LOW),
        )
    ],
    title={
        "vi": "Tỷ lệ tài khoản định danh điện tử thấp",
        "en": "Low electronic ID account coverage",
    },
    description={
        "vi": "Số tài khoản định danh điện tử / số người đủ điều kiện (eid_eligible_population, "
        "không có thì dân số) thấp hơn ngưỡng tham chiếu của công cụ. Mức thông tin ở mọi kỳ: "
        "các nghị định về định danh và xác thực điện tử không đặt chỉ tiêu độ phủ; phát hiện "
        "dẫn Đề án 06 và nghị định có hiệu lực làm khuôn khổ của số tài khoản được đếm.",
        "en": "Electronic ID accounts per eligible person (eid_eligible_population, else the "
        "population) below the tool's reference threshold. Information in every period: the "
        "decrees on electronic identification set no coverage target; the finding cites "
        "Project 06 and the decree in force as the framework of the accounts counted.",
    },
    messages={
        **_LOW,
        "no_population": {
            "vi": "không báo cáo dân số hoặc số người đủ điều kiện "
            "(population, eid_eligible_population)",
            "en": "neither the population nor the eligible population reported "
            "(population, eid_eligible_population)",
        },
    },
    examples=[
        Example(unit=_ex(population=1000, eid_accounts=599), fires=True, severity="info"),
        Example(
            unit=_ex(population=229571, eid_accounts=1395),
            period=("2022-01-01", "2022-06-30"),
            fires=True,
            severity="info",
            note={
                "vi": "trước khi Nghị định 59/2022/NĐ-CP có hiệu lực: cũng chỉ ở mức thông tin",
                "en": "before Nghị định 59/2022/NĐ-CP took effect: information too",
            },
        ),
        Example(unit=_ex(population=1000, eid_accounts=600), fires=False),
        Example(
            unit=_ex(population=1000, eid_eligible_population=800, eid_accounts=480),
            fires=False,
            note={"vi": "60% số người đủ điều kiện", "en": "60 % of the eligible population"},
        ),
    ],
)
def id002(unit: _Unit, ctx: Context) -> Iterator[Finding | Skip]:
    """Electronic ID account coverage against the tool's reference threshold."""
    d = unit.digital_id
    if d is None or d.eid_accounts is None:
        return
    eligible = d.eid_eligible_population
    base = d.population if eligible is None else eligible
    if base is None:
        yield ctx.skip(unit, "no_population")
        return
    minimum = ctx.params(unit).min_eid_percent
    if base == 0 or not ctx.below(d.eid_accounts, base, minimum):
        return
    yield ctx.finding(
        unit,
        "low" if eligible is None else "low_eligible",
        eid_accounts=d.eid_accounts,
        population=d.population,
        eid_eligible_population=eligible,
        eid_percent=ctx.percent(d.eid_accounts, base, under=minimum),
        min_eid_percent=minimum,
    )


@hookimpl
def cchc_register_rules(register: Callable[[Rule], None]) -> None:
    """Register the digital-identity rules."""
    for r in (id001, id002):
        register(r)
