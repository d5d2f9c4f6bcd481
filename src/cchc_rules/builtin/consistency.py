"""Built-in rule family: consistency (CS001–CS005), the arithmetic a report must get right.

The rules compare only figures the report gives: a relation with a missing term is no claim and is
neither checked nor skipped. Two exceptions, because a report must account for every dossier: in
the dossier balance an absent ``carried_over``, ``returned`` or ``withdrawn`` counts as zero (the
balance is checked where ``received``, a resolved figure and a pending figure are given), and a
stated ``resolved`` / ``pending`` total is compared with whichever of its parts are given, the
absent ones counting as zero; the finding names every absent term. The balance and CS003 use a
stated ``resolved`` / ``pending`` total where given, else the sum of its parts, and take
``received + carried_over``, else ``received_total``, else ``received`` as the whole.

All comparisons are exact (integers; ``Decimal`` for stated percentages, to half a unit of their
last written decimal). One finding per unit and check; the subject is the check's name
(``documents``, ``online``, ``dossier_balance``, ``dossiers.received_online`` …), also its key.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import attrs

from cchc_rules import (
    CatalogueEntry,
    Context,
    DigitalId,
    Documents,
    Dossiers,
    Egov,
    Example,
    Finding,
    Plan,
    Rule,
    Skip,
    Spending,
    StatedPercent,
    hookimpl,
    rule,
)
from cchc_rules import Unit as _Unit

FAMILY = "consistency"
_CENT = Decimal("0.01")

Result = Iterator[Finding | Skip]
Outcome = Finding | Skip | None


def _rate(part: int, whole: int) -> Decimal:
    """``part / whole`` in percent, exact to Decimal precision (``whole`` > 0)."""
    return Decimal(part * 100) / Decimal(whole)


def _shown(value: Decimal) -> float:
    """A computed rate for the evidence, rounded half-up to 2 decimals."""
    return float(value.quantize(_CENT, rounding=ROUND_HALF_UP))


def _total(*values: int | None) -> int:
    return sum(v for v in values if v is not None)


def _resolved(d: Dossiers) -> int | None:
    """The stated ``resolved`` total, else the sum of the parts given; ``None`` if no figure."""
    if d.resolved is not None:
        return d.resolved
    early, on_time, late = d.resolved_early, d.resolved_on_time, d.resolved_late
    if early is None and on_time is None and late is None:
        return None
    return (early or 0) + (on_time or 0) + (late or 0)


def _pending(d: Dossiers) -> int | None:
    """The stated ``pending`` total, else the sum of the parts given; ``None`` if no figure."""
    if d.pending is not None:
        return d.pending
    in_time, overdue = d.pending_in_time, d.pending_overdue
    if in_time is None and overdue is None:
        return None
    return (in_time or 0) + (overdue or 0)


def _dossier_total(d: Dossiers) -> tuple[int, tuple[str, ...]] | None:
    """Dossiers to account for: ``received + carried_over``, else the stated ``received_total``,
    else ``received`` (an absent ``carried_over`` counting as zero, named)."""
    if d.received is not None and d.carried_over is not None:
        return d.received + d.carried_over, ()
    if d.received_total is not None:
        return d.received_total, ()
    if d.received is not None:
        return d.received, ("carried_over",)
    return None


# ---------------------------------------------------------------------------------------------
# CS001 parts vs totals


def _with_absent(key: str, absent: tuple[str, ...]) -> str:
    return f"{key}_absent" if absent else key


def _cs001_documents(unit: _Unit, ctx: Context) -> Outcome:
    doc = unit.documents
    if doc is None:
        return None
    issued, restricted, accessible = doc.issued, doc.restricted, doc.accessible
    if issued is None or restricted is None or accessible is None:
        return None
    parts = restricted + accessible
    if parts != issued:
        return ctx.finding(
            unit,
            "documents",
            subject="documents",
            key="documents",
            issued=issued,
            restricted=restricted,
            accessible=accessible,
            parts_sum=parts,
            difference=issued - parts,
        )
    return None


def _cs001_online(unit: _Unit, d: Dossiers, ctx: Context) -> Outcome:
    total = d.received_online
    if total is None:
        return None
    l3, l4, partial, full = d.online_level3, d.online_level4, d.online_partial, d.online_full
    levels = l3 is not None and l4 is not None
    modes = partial is not None and full is not None
    if not (levels or modes):
        return None
    if (l3 is None) != (l4 is None) or (partial is None) != (full is None):
        # a lone half of the other pair leaves the sum unknown
        pairs = (
            ("online_level3", l3, l4),
            ("online_level4", l4, l3),
            ("online_partial", partial, full),
            ("online_full", full, partial),
        )
        half = tuple(name for name, value, twin in pairs if value is None and twin is not None)
        return ctx.skip(unit, "online_incomplete", subject="online", missing=half)
    parts = (l3 or 0) + (l4 or 0) + (partial or 0) + (full or 0)
    if parts == total:
        return None
    return ctx.finding(
        unit,
        "online_both" if levels and modes else ("online_levels" if levels else "online_modes"),
        subject="online",
        key="online",
        received_online=total,
        online_level3=l3,
        online_level4=l4,
        online_partial=partial,
        online_full=full,
        parts_sum=parts,
        difference=total - parts,
    )


def _cs001_stated(
    unit: _Unit, ctx: Context, name: str, stated: int, parts: dict[str, int | None]
) -> Outcome:
    """A stated total (``resolved``, ``pending``) against its parts, absent parts as zero."""
    values = parts.values()
    if all(v is None for v in values):
        return None
    total = _total(*values)
    if total == stated:
        return None
    absent = tuple(k for k, v in parts.items() if v is None)
    evidence: dict[str, Any] = dict(parts)
    if absent:
        evidence["absent"] = absent
    return ctx.finding(
        unit,
        _with_absent(name, absent),
        subject=name,
        key=name,
        stated=stated,
        parts_sum=total,
        difference=stated - total,
        **evidence,
    )


def _cs001_received_total(unit: _Unit, d: Dossiers, ctx: Context) -> Outcome:
    if d.received_total is None or d.received is None or d.carried_over is None:
        return None
    parts = d.received + d.carried_over
    if parts != d.received_total:
        return ctx.finding(
            unit,
            "received_total",
            subject="received_total",
            key="received_total",
            received_total=d.received_total,
            received=d.received,
            carried_over=d.carried_over,
            parts_sum=parts,
            difference=d.received_total - parts,
        )
    return None


def _cs001_balance(unit: _Unit, d: Dossiers, ctx: Context) -> Outcome:
    if d.received is None:
        return None
    resolved, pending = _resolved(d), _pending(d)
    if resolved is None or pending is None:
        return None
    whole = _dossier_total(d)
    if whole is None:  # pragma: no cover - received is given
        return None
    total, absent_in = whole
    accounted = resolved + pending + _total(d.returned, d.withdrawn)
    if accounted != total:
        absent = absent_in + tuple(
            name
            for name, value in (("returned", d.returned), ("withdrawn", d.withdrawn))
            if value is None
        )
        evidence: dict[str, Any] = {"absent": absent} if absent else {}
        return ctx.finding(
            unit,
            _with_absent("dossier_balance", absent),
            subject="dossier_balance",
            key="dossier_balance",
            total=total,
            received=d.received,
            carried_over=d.carried_over,
            received_total=d.received_total,
            resolved=resolved,
            pending=pending,
            returned=d.returned,
            withdrawn=d.withdrawn,
            accounted=accounted,
            difference=total - accounted,
            **evidence,
        )
    return None


def _cs001_id(unit: _Unit, di: DigitalId, ctx: Context) -> Outcome:
    population, notified, not_notified = di.population, di.id_notified, di.id_not_notified
    if population is None or notified is None or not_notified is None:
        return None
    parts = notified + not_notified
    if parts != population:
        return ctx.finding(
            unit,
            "id_coverage",
            subject="id_coverage",
            key="id_coverage",
            population=population,
            id_notified=notified,
            id_not_notified=not_notified,
            parts_sum=parts,
            difference=population - parts,
        )
    return None


_ABSENT_NOTE = {
    "vi": "; không báo cáo (tính là 0): {absent}",
    "en": "; not reported (counted as 0): {absent}",
}


def _and_absent(messages: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    """Each message, plus a ``_absent`` variant naming the absent terms counted as zero."""
    out = dict(messages)
    for key, texts in messages.items():
        out[f"{key}_absent"] = {lang: text + _ABSENT_NOTE[lang] for lang, text in texts.items()}
    return out


def _children(*received: int) -> tuple[Mapping[str, Any], ...]:
    """Example children of the example unit, with the dossiers they received."""
    return tuple({"parent": "example", "dossiers": {"received": r}} for r in received)


def _ex(**sections: object) -> dict[str, object]:
    return {"kind": "xa", **sections}


@rule(
    "CS001",
    family=FAMILY,
    severity="error",
    title={"vi": "Các thành phần không khớp với tổng số", "en": "Parts do not add up to the total"},
    description={
        "vi": "Kiểm tra các tổng số với các thành phần của chúng: văn bản không được tiếp cận + "
        "được tiếp cận = văn bản ban hành; hồ sơ trực tuyến theo mức độ 3 + 4 và/hoặc một phần + "
        "toàn trình = hồ sơ trực tuyến (khi có ít nhất một cặp đầy đủ); số đã thông báo + chưa "
        "thông báo số định danh = dân số; tổng số đã giải quyết, đang giải quyết, tổng số phải "
        "giải quyết được nêu so với các thành phần; và cân đối hồ sơ: tiếp nhận mới + kỳ trước "
        "chuyển sang (hoặc tổng số) = đã giải quyết + đang giải quyết + trả lại + rút. Khi có số "
        "tiếp nhận, ít nhất một số đã giải quyết và một số đang giải quyết, số kỳ trước chuyển "
        "sang, trả lại, rút không báo cáo được tính là 0 và được nêu tên (cũng như các thành "
        "phần không báo cáo của tổng số đã / đang giải quyết), vì báo cáo phải tính đủ mọi hồ "
        "sơ.",
        "en": "Checks totals against their parts: restricted + accessible = documents issued; "
        "online dossiers by levels 3 + 4 and/or partial + full = online dossiers (where at least "
        "one complete pair is given); ID numbers notified + not notified = population; stated "
        "resolved, pending and received totals against their parts; and the dossier balance: "
        "received + carried over (or the stated total) = resolved + pending + returned + "
        "withdrawn. Where received, at least one resolved and one pending figure are given, an "
        "absent carried-over, returned or withdrawn figure counts as zero and is named (as are "
        "absent parts of a stated resolved / pending total), because a report must account "
        "for every dossier.",
    },
    messages=_and_absent(
        {
            "documents": {
                "vi": "Văn bản: {restricted} không được tiếp cận + {accessible} được tiếp cận = "
                "{parts_sum}, khác {issued} văn bản ban hành (chênh lệch {difference})",
                "en": "Documents: {restricted} restricted + {accessible} accessible = "
                "{parts_sum}, not the {issued} issued (difference {difference})",
            },
            "online_levels": {
                "vi": "Hồ sơ trực tuyến: mức độ 3 ({online_level3}) + mức độ 4 ({online_level4}) "
                "= {parts_sum}, khác {received_online} hồ sơ trực tuyến "
                "(chênh lệch {difference})",
                "en": "Online dossiers: level 3 ({online_level3}) + level 4 ({online_level4}) = "
                "{parts_sum}, not the {received_online} received online "
                "(difference {difference})",
            },
            "online_modes": {
                "vi": "Hồ sơ trực tuyến: một phần ({online_partial}) + toàn trình "
                "({online_full}) = {parts_sum}, khác {received_online} hồ sơ trực tuyến "
                "(chênh lệch {difference})",
                "en": "Online dossiers: partial ({online_partial}) + full ({online_full}) = "
                "{parts_sum}, not the {received_online} received online "
                "(difference {difference})",
            },
            "online_both": {
                "vi": "Hồ sơ trực tuyến: mức độ 3 ({online_level3}) + mức độ 4 ({online_level4}) "
                "+ một phần ({online_partial}) + toàn trình ({online_full}) = {parts_sum}, khác "
                "{received_online} hồ sơ trực tuyến (chênh lệch {difference})",
                "en": "Online dossiers: level 3 ({online_level3}) + level 4 ({online_level4}) + "
                "partial ({online_partial}) + full ({online_full}) = {parts_sum}, not the "
                "{received_online} received online (difference {difference})",
            },
            "resolved": {
                "vi": "Hồ sơ đã giải quyết: báo cáo {stated}, nhưng trước hạn ({resolved_early}) "
                "+ đúng hạn ({resolved_on_time}) + quá hạn ({resolved_late}) = {parts_sum} "
                "(chênh lệch {difference})",
                "en": "Dossiers resolved: {stated} stated, but early ({resolved_early}) + on "
                "time ({resolved_on_time}) + late ({resolved_late}) = {parts_sum} "
                "(difference {difference})",
            },
            "pending": {
                "vi": "Hồ sơ đang giải quyết: báo cáo {stated}, nhưng trong hạn "
                "({pending_in_time}) + quá hạn ({pending_overdue}) = {parts_sum} "
                "(chênh lệch {difference})",
                "en": "Dossiers pending: {stated} stated, but in time ({pending_in_time}) + "
                "overdue ({pending_overdue}) = {parts_sum} (difference {difference})",
            },
            "received_total": {
                "vi": "Tổng số hồ sơ phải giải quyết: báo cáo {received_total}, nhưng tiếp nhận "
                "mới {received} + kỳ trước chuyển sang {carried_over} = {parts_sum} "
                "(chênh lệch {difference})",
                "en": "Total dossiers to handle: {received_total} stated, but {received} "
                "received + {carried_over} carried over = {parts_sum} (difference {difference})",
            },
            "dossier_balance": {
                "vi": "Cân đối hồ sơ: {total} hồ sơ phải giải quyết, nhưng đã giải quyết "
                "{resolved} + đang giải quyết {pending} + trả lại ({returned}) + rút "
                "({withdrawn}) = {accounted} (chênh lệch {difference})",
                "en": "Dossier balance: {total} dossiers to account for, but {resolved} resolved "
                "+ {pending} pending + returned ({returned}) + withdrawn ({withdrawn}) = "
                "{accounted} (difference {difference})",
            },
            "id_coverage": {
                "vi": "Số định danh cá nhân: {id_notified} đã thông báo + {id_not_notified} chưa "
                "thông báo = {parts_sum}, khác dân số {population} (chênh lệch {difference})",
                "en": "Personal ID numbers: {id_notified} notified + {id_not_notified} not "
                "notified = {parts_sum}, not the population of {population} "
                "(difference {difference})",
            },
        }
    )
    | {
        "online_incomplete": {
            "vi": "không kiểm tra được tổng hồ sơ trực tuyến: thiếu {missing} trong một cặp "
            "thành phần",
            "en": "online total not checked: {missing} missing from a pair of parts",
        }
    },
    examples=[
        Example(unit=_ex(documents={"issued": 100, "restricted": 9, "accessible": 90}), fires=True),
        Example(
            unit=_ex(documents={"issued": 100, "restricted": 10, "accessible": 90}), fires=False
        ),
        Example(
            unit=_ex(dossiers={"received": 100, "resolved_on_time": 90, "pending_in_time": 15}),
            fires=True,
            note="100 received, 105 accounted for (carried_over absent, counted as 0)",
        ),
        Example(
            unit=_ex(
                dossiers={
                    "received": 100,
                    "carried_over": 5,
                    "resolved_on_time": 90,
                    "pending_in_time": 15,
                }
            ),
            fires=False,
        ),
    ],
)
def cs001(unit: _Unit, ctx: Context) -> list[Finding | Skip]:
    """Parts against their totals, one finding per check."""
    out = [_cs001_documents(unit, ctx)]
    d = unit.dossiers
    if d is not None:
        out += (
            _cs001_online(unit, d, ctx),
            None
            if d.resolved is None
            else _cs001_stated(
                unit,
                ctx,
                "resolved",
                d.resolved,
                {
                    "resolved_early": d.resolved_early,
                    "resolved_on_time": d.resolved_on_time,
                    "resolved_late": d.resolved_late,
                },
            ),
            None
            if d.pending is None
            else _cs001_stated(
                unit,
                ctx,
                "pending",
                d.pending,
                {"pending_in_time": d.pending_in_time, "pending_overdue": d.pending_overdue},
            ),
            _cs001_received_total(unit, d, ctx),
            _cs001_balance(unit, d, ctx),
        )
    if unit.digital_id is not None:
        out.append(_cs001_id(unit, unit.digital_id, ctx))
    return [r for r in out if r is not None]


# ---------------------------------------------------------------------------------------------
# CS002 stated percentages


def _cs002_check(
    unit: _Unit,
    ctx: Context,
    name: str,
    stated: StatedPercent,
    part: int,
    whole: int,
    **figures: Any,
) -> Outcome:
    computed = _rate(part, whole)
    if not stated.matches(computed):
        return ctx.finding(
            unit,
            name,
            subject=name,
            key=name,
            stated=stated,
            computed=_shown(computed),
            tolerance=stated.tolerance,
            part=part,
            whole=whole,
            **figures,
        )
    return None


def _cs002_notified(unit: _Unit, di: DigitalId, ctx: Context) -> Outcome:
    stated = di.stated_notified_percent
    if stated is None:
        return None
    notified = di.id_notified
    if notified is None and di.population is not None and di.id_not_notified is not None:
        notified = di.population - di.id_not_notified
    if di.population is None or notified is None:
        return ctx.skip(unit, "no_notified_counts", subject="stated_notified_percent")
    if notified < 0:  # more not notified than people: CS003's finding, no rate to compare
        return None
    if di.population == 0:
        return ctx.skip(unit, "zero_population", subject="stated_notified_percent")
    return _cs002_check(
        unit,
        ctx,
        "stated_notified_percent",
        stated,
        notified,
        di.population,
        population=di.population,
        id_notified=di.id_notified,
        id_not_notified=di.id_not_notified,
    )


def _cs002_on_time(unit: _Unit, d: Dossiers, ctx: Context) -> Outcome:
    stated = d.stated_on_time_percent
    if stated is None:
        return None
    subject = "stated_on_time_percent"
    if d.resolved_early is None and d.resolved_on_time is None:
        return ctx.skip(unit, "no_on_time_counts", subject=subject)
    good = _total(d.resolved_early, d.resolved_on_time)
    if d.resolved is not None:
        resolved = d.resolved
    elif d.resolved_late is not None:
        resolved = good + d.resolved_late
    else:
        return ctx.skip(unit, "no_resolved_count", subject=subject)
    if resolved == 0:
        return ctx.skip(unit, "nothing_resolved", subject=subject)
    return _cs002_check(
        unit,
        ctx,
        subject,
        stated,
        good,
        resolved,
        resolved_early=d.resolved_early,
        resolved_on_time=d.resolved_on_time,
        resolved_late=d.resolved_late,
        resolved=d.resolved,
        received=d.received,
    )


def _cs002_online(unit: _Unit, d: Dossiers, ctx: Context) -> Outcome:
    stated = d.stated_online_percent
    if stated is None:
        return None
    subject = "stated_online_percent"
    if d.received_online is None or d.received is None:
        return ctx.skip(unit, "no_online_counts", subject=subject)
    if d.received == 0:
        return ctx.skip(unit, "nothing_received", subject=subject)
    return _cs002_check(
        unit,
        ctx,
        subject,
        stated,
        d.received_online,
        d.received,
        received_online=d.received_online,
        received=d.received,
    )


@rule(
    "CS002",
    family=FAMILY,
    severity="warning",
    title={
        "vi": "Tỷ lệ phần trăm nêu trong báo cáo khác với tỷ lệ tính từ số liệu",
        "en": "A stated percentage differs from the one computed from the counts",
    },
    description={
        "vi": "So sánh tỷ lệ báo cáo nêu với tỷ lệ tính từ các số liệu, theo độ chính xác của "
        "tỷ lệ đã viết (lệch quá nửa đơn vị của chữ số thập phân cuối cùng: 98,7 với 98,69 là "
        "khớp; 98,0 với 100 là không): tỷ lệ thông báo số định danh = đã thông báo (hoặc dân số − "
        "chưa thông báo) / dân số; tỷ lệ giải quyết đúng hạn = (trước hạn + đúng hạn) / đã giải "
        "quyết; tỷ lệ trực tuyến = hồ sơ trực tuyến / hồ sơ tiếp nhận.",
        "en": "Compares a stated rate with the one computed from the counts, to the precision "
        "it was written with (off by more than half a unit of its last decimal: 98.7 vs 98.69 "
        "passes; 98.0 vs 100 does not): ID numbers notified (or population − not notified) / "
        "population; on-time rate (early + on time) / resolved; online share received online / "
        "received.",
    },
    messages={
        "stated_notified_percent": {
            "vi": "Tỷ lệ thông báo số định danh cá nhân: báo cáo {stated}%, tính từ số liệu "
            "{part}/{whole} = {computed}%",
            "en": "Personal ID numbers notified: {stated}% stated, the counts give "
            "{part}/{whole} = {computed}%",
        },
        "stated_on_time_percent": {
            "vi": "Tỷ lệ hồ sơ giải quyết đúng hạn: báo cáo {stated}%, tính từ số liệu "
            "(trước hạn + đúng hạn) / đã giải quyết = {part}/{whole} = {computed}%",
            "en": "On-time rate: {stated}% stated, the counts give (early + on time) / resolved "
            "= {part}/{whole} = {computed}%",
        },
        "stated_online_percent": {
            "vi": "Tỷ lệ hồ sơ trực tuyến: báo cáo {stated}%, tính từ số liệu {part}/{whole} = "
            "{computed}%",
            "en": "Online share: {stated}% stated, the counts give {part}/{whole} = {computed}%",
        },
        "no_notified_counts": {
            "vi": "không kiểm tra được tỷ lệ thông báo số định danh: thiếu dân số (population) "
            "hoặc số đã / chưa thông báo (id_notified, id_not_notified)",
            "en": "ID notification rate not checked: population or the notified / not notified "
            "count (id_notified, id_not_notified) missing",
        },
        "zero_population": {
            "vi": "không kiểm tra được tỷ lệ thông báo số định danh: dân số bằng 0",
            "en": "ID notification rate not checked: the population is zero",
        },
        "no_on_time_counts": {
            "vi": "không kiểm tra được tỷ lệ đúng hạn: thiếu số hồ sơ trước hạn và đúng hạn "
            "(resolved_early, resolved_on_time)",
            "en": "on-time rate not checked: no early or on-time count "
            "(resolved_early, resolved_on_time)",
        },
        "no_resolved_count": {
            "vi": "không kiểm tra được tỷ lệ đúng hạn: thiếu tổng số đã giải quyết (resolved) "
            "hoặc số quá hạn (resolved_late)",
            "en": "on-time rate not checked: neither the resolved total (resolved) nor the "
            "late count (resolved_late) is given",
        },
        "nothing_resolved": {
            "vi": "không kiểm tra được tỷ lệ đúng hạn: không có hồ sơ đã giải quyết",
            "en": "on-time rate not checked: no dossier was resolved",
        },
        "no_online_counts": {
            "vi": "không kiểm tra được tỷ lệ trực tuyến: thiếu số hồ sơ tiếp nhận (received) "
            "hoặc trực tuyến (received_online)",
            "en": "online share not checked: received or received_online missing",
        },
        "nothing_received": {
            "vi": "không kiểm tra được tỷ lệ trực tuyến: không tiếp nhận hồ sơ nào",
            "en": "online share not checked: no dossier was received",
        },
    },
    examples=[
        Example(
            unit=_ex(
                digital_id={"population": 1000, "id_notified": 987, "stated_notified_percent": 98}
            ),
            fires=True,
        ),
        Example(
            unit=_ex(
                digital_id={
                    "population": 229571,
                    "id_not_notified": 3008,
                    "stated_notified_percent": 98.7,
                }
            ),
            fires=False,
            note="98.69 computed rounds to the 98.7 written",
        ),
    ],
)
def cs002(unit: _Unit, ctx: Context) -> list[Finding | Skip]:
    """Stated percentages against the counts, to the precision they were written with."""
    out = []
    if unit.digital_id is not None:
        out.append(_cs002_notified(unit, unit.digital_id, ctx))
    d = unit.dossiers
    if d is not None:
        out += (_cs002_on_time(unit, d, ctx), _cs002_online(unit, d, ctx))
    return [r for r in out if r is not None]


# ---------------------------------------------------------------------------------------------
# CS003 parts exceeding wholes

#: (section, part, whole) within one single-record section.
_PART_OF: tuple[tuple[str, str, str], ...] = (
    ("plan", "tasks_done", "tasks_total"),
    ("dossiers", "received_online", "received"),
    ("dossiers", "received_postal", "received"),
    ("dossiers", "received", "received_total"),
    ("dossiers", "carried_over", "received_total"),
    ("documents", "restricted", "issued"),
    ("documents", "accessible", "issued"),
    ("digital_id", "id_notified", "population"),
    ("digital_id", "id_not_notified", "population"),
    ("digital_id", "eid_eligible_population", "population"),
    ("digital_id", "eid_level1", "eid_accounts"),
    ("digital_id", "eid_level2", "eid_accounts"),
    ("spending", "units_with_regulation", "units_total"),
    ("spending", "units_published", "units_total"),
    ("spending", "units_published", "units_with_regulation"),
    ("egov", "signature_units_deployed", "signature_units_total"),
)
_BY_SECTION: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = tuple(
    (section, tuple((p, w) for s, p, w in _PART_OF if s == section))
    for section in dict.fromkeys(s for s, _, _ in _PART_OF)
)
_CATALOGUE_PARTS = ("online_full_eligible", "no_dossier_3y")


def _exceeds(
    unit: _Unit, ctx: Context, subject: str, part_name: str, part: int, whole_name: str, whole: int
) -> Finding:
    return ctx.finding(
        unit,
        "exceeds",
        subject=subject,
        key=subject,
        part_name=part_name,
        part=part,
        whole_name=whole_name,
        whole=whole,
        excess=part - whole,
    )


def _catalogue_labels(entries: tuple[CatalogueEntry, ...]) -> list[str]:
    """Each entry's name in a subject: its level, else (or when repeated) its position."""
    levels = [e.level for e in entries]
    return [
        level if level and levels.count(level) == 1 else f"{level or ''}#{i + 1}"
        for i, level in enumerate(levels)
    ]


def _cs003_dossiers(unit: _Unit, d: Dossiers, ctx: Context) -> Outcome:
    resolved, pending = _resolved(d), _pending(d)
    if resolved is None and pending is None:
        return None
    whole = _dossier_total(d)
    if whole is None:
        return None
    total, absent_in = whole
    resolved, pending = resolved or 0, pending or 0
    if resolved + pending > total:
        absent = absent_in
        evidence: dict[str, Any] = {"absent": absent} if absent else {}
        subject = "dossiers.resolved+pending"
        return ctx.finding(
            unit,
            _with_absent("handled", absent),
            subject=subject,
            key=subject,
            resolved=resolved,
            pending=pending,
            part=resolved + pending,
            whole=total,
            received=d.received,
            carried_over=d.carried_over,
            received_total=d.received_total,
            excess=resolved + pending - total,
            **evidence,
        )
    return None


@rule(
    "CS003",
    family=FAMILY,
    severity="error",
    title={"vi": "Thành phần lớn hơn tổng số", "en": "A part exceeds its whole"},
    description={
        "vi": "Một số liệu thành phần lớn hơn tổng số chứa nó, ví dụ: hồ sơ trực tuyến hoặc qua "
        "bưu chính lớn hơn hồ sơ tiếp nhận; văn bản không được tiếp cận lớn hơn văn bản ban "
        "hành; đơn vị đã triển khai lớn hơn tổng số đơn vị; thủ tục đủ điều kiện trực tuyến toàn "
        "trình hoặc không phát sinh hồ sơ trong 3 năm lớn hơn tổng số thủ tục; nhiệm vụ hoàn "
        "thành lớn hơn tổng số nhiệm vụ; đã giải quyết + đang giải quyết lớn hơn tiếp nhận mới "
        "+ kỳ trước chuyển sang (số kỳ trước không báo cáo được tính là 0 và được nêu tên).",
        "en": "A part is larger than the whole it belongs to, e.g. online or postal dossiers "
        "above those received; restricted documents above those issued; units deployed above "
        "the total; procedures eligible for full online service or without a dossier in 3 "
        "years above all procedures; tasks done above tasks planned; resolved + pending above "
        "received + carried over (an absent carried-over figure counts as zero and is named).",
    },
    messages=_and_absent(
        {
            "exceeds": {
                "vi": "{part_name} ({part}) lớn hơn {whole_name} ({whole}), vượt {excess}",
                "en": "{part_name} ({part}) exceeds {whole_name} ({whole}) by {excess}",
            },
            "handled": {
                "vi": "Hồ sơ đã giải quyết {resolved} + đang giải quyết {pending} = {part}, lớn "
                "hơn {whole} hồ sơ phải giải quyết, vượt {excess}",
                "en": "Dossiers resolved {resolved} + pending {pending} = {part}, more than the "
                "{whole} to handle, by {excess}",
            },
        }
    ),
    examples=[
        Example(unit=_ex(dossiers={"received": 100, "received_online": 101}), fires=True),
        Example(unit=_ex(dossiers={"received": 100, "received_online": 100}), fires=False),
        Example(
            unit=_ex(catalogue=[{"level": "xa", "procedures_total": 100, "no_dossier_3y": 101}]),
            fires=True,
        ),
    ],
)
def cs003(unit: _Unit, ctx: Context) -> Result:
    """Parts larger than their wholes."""
    for section, pairs in _BY_SECTION:
        data = getattr(unit, section)
        if data is None:
            continue
        for part_name, whole_name in pairs:
            part = getattr(data, part_name)
            if part is None:
                continue
            whole = getattr(data, whole_name)
            if whole is not None and part > whole:
                subject = f"{section}.{part_name}"
                yield _exceeds(unit, ctx, subject, part_name, part, whole_name, whole)
    labels = _catalogue_labels(unit.catalogue) if unit.catalogue else []
    for entry, label in zip(unit.catalogue, labels, strict=True):
        total = entry.procedures_total
        if total is None:
            continue
        for name in _CATALOGUE_PARTS:
            part = getattr(entry, name)
            if part is not None and part > total:
                yield _exceeds(
                    unit, ctx, f"catalogue[{label}].{name}", name, part, "procedures_total", total
                )
    if unit.dossiers is not None:
        handled = _cs003_dossiers(unit, unit.dossiers, ctx)
        if handled is not None:
            yield handled


# ---------------------------------------------------------------------------------------------
# CS004 aggregates vs children

#: The single-record sections whose counts an aggregating unit sums, and those counts.
AGGREGATED: tuple[tuple[str, tuple[str, ...]], ...] = tuple(
    (name, tuple(f.name for f in attrs.fields(cls) if f.metadata.get("cchc") == "count"))
    for name, cls in (
        ("dossiers", Dossiers),
        ("spending", Spending),
        ("digital_id", DigitalId),
        ("documents", Documents),
        ("egov", Egov),
    )
)


@rule(
    "CS004",
    family=FAMILY,
    severity="warning",
    title={
        "vi": "Số liệu tổng hợp khác tổng số liệu của các đơn vị trực thuộc",
        "en": "An aggregate differs from the sum over the unit's children",
    },
    description={
        "vi": "Với đơn vị đánh dấu aggregates_children = true, mỗi số liệu đếm trong các mục "
        "hồ sơ, chi tiêu nội bộ, định danh, văn bản, chính quyền điện tử phải bằng tổng số liệu "
        "đó của các đơn vị trực thuộc; chỉ so sánh khi mọi đơn vị trực thuộc đều báo cáo số "
        "liệu đó.",
        "en": "For a unit marked aggregates_children = true, each count in the dossiers, "
        "spending, digital_id, documents and egov sections must equal the sum of that count "
        "over its children; compared only where every child gives it.",
    },
    messages={
        "sum": {
            "vi": "{subject}: báo cáo {stated}, tổng của {children} đơn vị trực thuộc là "
            "{children_sum} (chênh lệch {difference})",
            "en": "{subject}: {stated} stated, the sum over {children} children is "
            "{children_sum} (difference {difference})",
        },
        "no_children": {
            "vi": "đơn vị tổng hợp số liệu của đơn vị trực thuộc nhưng dữ liệu không có đơn vị "
            "trực thuộc nào",
            "en": "the unit aggregates its children, but none of them is in the dataset",
        },
    },
    examples=[
        Example(
            unit={"aggregates_children": True, "dossiers": {"received": 300}},
            # rule.py types Example.units through converter=tuple, which mypy cannot solve
            units=_children(100, 199),
            fires=True,
        ),
        Example(
            unit={"aggregates_children": True, "dossiers": {"received": 300}},
            units=_children(100, 200),
            fires=False,
        ),
    ],
)
def cs004(unit: _Unit, ctx: Context) -> Result:
    """An aggregating unit's counts against the sums over its children."""
    if not unit.aggregates_children:
        return
    children = ctx.children(unit)
    if not children:
        yield ctx.skip(unit, "no_children")
        return
    for section, fields in AGGREGATED:
        own = getattr(unit, section)
        if own is None:
            continue
        parts = [getattr(child, section) for child in children]
        if any(p is None for p in parts):
            continue
        for name in fields:
            stated = getattr(own, name)
            if stated is None:
                continue
            values = [getattr(p, name) for p in parts]
            if any(v is None for v in values):
                continue
            total = sum(values)
            if total != stated:
                subject = f"{section}.{name}"
                yield ctx.finding(
                    unit,
                    "sum",
                    subject=subject,
                    key=subject,
                    stated=stated,
                    children_sum=total,
                    children=len(children),
                    difference=stated - total,
                )


# ---------------------------------------------------------------------------------------------
# CS005 a section's own window

#: Single-record sections that may give their own window (a ``period`` field).
WINDOWED: tuple[str, ...] = tuple(
    name
    for name, cls in (
        ("plan", Plan),
        ("dossiers", Dossiers),
        ("spending", Spending),
        ("digital_id", DigitalId),
        ("documents", Documents),
        ("egov", Egov),
    )
    if any(f.name == "period" for f in attrs.fields(cls))
)


@rule(
    "CS005",
    family=FAMILY,
    severity="info",
    title={
        "vi": "Số liệu của một mục tính theo khoảng thời gian khác kỳ báo cáo",
        "en": "A section counted over a window other than the report's period",
    },
    description={
        "vi": "Một mục nêu khoảng thời gian riêng của số liệu (ví dụ văn bản tính đến 30/5 "
        "trong báo cáo đến 30/6): số liệu đó không so sánh được trực tiếp với kỳ báo cáo.",
        "en": "A section states its own window (e.g. documents counted to 30/5 in a report "
        "to 30/6): its figures do not cover the report's period.",
    },
    messages={
        "window": {
            "vi": "{subject}: số liệu tính từ {start} đến {end}, kỳ báo cáo từ {period_start} "
            "đến {period_end}",
            "en": "{subject}: figures counted from {start} to {end}, the report covers "
            "{period_start} to {period_end}",
        }
    },
    examples=[
        Example(
            unit=_ex(
                documents={"issued": 10, "period": {"start": "2023-01-01", "end": "2023-05-30"}}
            ),
            fires=True,
        ),
        Example(
            unit=_ex(
                documents={"issued": 10, "period": {"start": "2023-01-01", "end": "2023-06-30"}}
            ),
            fires=False,
        ),
    ],
)
def cs005(unit: _Unit, ctx: Context) -> Result:
    """A section's own window against the dataset period."""
    period = ctx.period
    if period is None:
        return
    for section in WINDOWED:
        data = getattr(unit, section)
        window = getattr(data, "period", None) if data is not None else None
        if window is not None and window != period:
            yield ctx.finding(
                unit,
                "window",
                subject=section,
                key=section,
                start=window.start,
                end=window.end,
                period_start=period.start,
                period_end=period.end,
            )


RULES = (cs001, cs002, cs003, cs004, cs005)


@hookimpl
def cchc_register_rules(register: Callable[[Rule], None]) -> None:
    """Register the consistency rules."""
    for r in RULES:
        register(r)
