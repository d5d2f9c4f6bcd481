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

import contextlib
from collections.abc import Callable, Iterator, Mapping
from decimal import ROUND_HALF_UP, Decimal
from operator import attrgetter
from typing import Any

import attrs

from cchc_rules import (
    CatalogueEntry,
    Context,
    DigitalId,
    Documents,
    Dossiers,
    DossiersWindow,
    Egov,
    Example,
    Finding,
    Param,
    Period,
    Plan,
    Rule,
    Skip,
    Spending,
    StatedPercent,
    StatedValue,
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


def _pending(d: Dossiers) -> int | None:
    """The stated ``pending`` total, else the sum of the parts given; ``None`` if no figure."""
    if d.pending is not None:
        return d.pending
    in_time, overdue = d.pending_in_time, d.pending_overdue
    if in_time is None and overdue is None:
        return None
    return (in_time or 0) + (overdue or 0)


def _dossier_total(d: Dossiers) -> tuple[int, tuple[str, ...], str] | None:
    """Dossiers to account for, the absent terms counted as zero, and the count used:
    ``received + carried_over``, else the stated ``received_total``, else ``received`` (an absent
    ``carried_over`` counting as zero, named)."""
    if d.received is not None and d.carried_over is not None:
        return d.received + d.carried_over, (), "received + carried_over"
    if d.received_total is not None:
        return d.received_total, (), "received_total"
    if d.received is not None:
        return d.received, ("carried_over",), "received"
    return None


def _prefixed(outcome: Outcome, prefix: str) -> Outcome:
    """A finding or skip of a dossier window, its subject (and key) prefixed with the window."""
    if outcome is None or not prefix:
        return outcome
    if isinstance(outcome, Finding):
        return attrs.evolve(outcome, subject=prefix + outcome.subject, key=prefix + outcome.key)
    return attrs.evolve(outcome, subject=prefix + outcome.subject)


def _window_label(w: DossiersWindow) -> str:
    return w.label or f"{w.period.start.isoformat()}..{w.period.end.isoformat()}"


def dossier_sets(unit: _Unit) -> list[tuple[str, Dossiers]]:
    """The unit's dossier figures: the period's (no prefix), then each window's, prefixed with
    the window (``dossier_windows[tháng 10].``) so its subjects stay apart."""
    out: list[tuple[str, Dossiers]] = [("", unit.dossiers)] if unit.dossiers is not None else []
    if unit.dossier_windows:
        out += [(f"dossier_windows[{_window_label(w)}].", w) for w in unit.dossier_windows]
    return out


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
    resolved, pending = d.base_count("resolved"), _pending(d)
    if resolved is None or pending is None:
        return None
    whole = _dossier_total(d)
    if whole is None:
        return None
    total, absent_in, used = whole
    returned, withdrawn = d.returned, d.withdrawn
    combined = returned is None and withdrawn is None and d.returned_or_withdrawn is not None
    out_terms = (d.returned_or_withdrawn or 0) if combined else (returned or 0) + (withdrawn or 0)
    accounted = resolved + pending + out_terms
    if accounted == total:
        return None
    absent = absent_in
    if not combined:
        absent += ("returned",) if returned is None else ()
        absent += ("withdrawn",) if withdrawn is None else ()
    evidence: dict[str, Any] = {"absent": absent} if absent else {}
    message = "dossier_balance_combined" if combined else "dossier_balance"
    return ctx.finding(
        unit,
        _with_absent(message, absent),
        subject="dossier_balance",
        key="dossier_balance",
        total=total,
        count_used=used,
        received=d.received,
        carried_over=d.carried_over,
        received_total=d.received_total,
        resolved=resolved,
        pending=pending,
        returned=d.returned,
        withdrawn=d.withdrawn,
        returned_or_withdrawn=d.returned_or_withdrawn,
        accounted=accounted,
        difference=total - accounted,
        **evidence,
    )


def _cs001_sum(
    unit: _Unit,
    ctx: Context,
    name: str,
    whole: tuple[str, int],
    parts: tuple[str, ...],
    values: tuple[int | None, ...],
) -> Outcome:
    """A stated figure against the sum of parts that are all given."""
    if None in values:
        return None
    whole_name, stated = whole
    total = sum(values)  # type: ignore[arg-type]  # none is None
    if total == stated:
        return None
    evidence: dict[str, Any] = {whole_name: stated, **dict(zip(parts, values, strict=True))}
    subject = name.removesuffix("_combined")
    return ctx.finding(
        unit,
        name,
        subject=subject,
        key=subject,
        parts_sum=total,
        difference=stated - total,
        **evidence,
    )


def _sums(*checks: tuple[str, str, tuple[str, ...]]) -> tuple[Any, ...]:
    """Each (check, combined field, its parts) with a reader of the parts, in one call."""
    return tuple((name, whole, parts, attrgetter(*parts)) for name, whole, parts in checks)


#: Combined figures checked against the sum of their parts: (check, the combined field, its
#: parts, a reader of the parts).
_COMBINED_SUMS: tuple[tuple[str, str, tuple[str, ...], Callable[[Any], Any]], ...] = _sums(
    ("direct_postal", "received_direct_postal", ("received_direct", "received_postal")),
    ("returned_or_withdrawn", "returned_or_withdrawn", ("returned", "withdrawn")),
    ("overdue_total", "overdue_total", ("resolved_late", "pending_overdue")),
)
#: The channels ``received`` is given in: direct and postal apart, or combined; then online.
_CHANNELS = _sums(
    ("channels", "received", ("received_direct", "received_postal", "received_online")),
    ("channels_combined", "received", ("received_direct_postal", "received_online")),
)


def _cs001_combined(unit: _Unit, d: Dossiers, ctx: Context) -> list[Outcome]:
    """Figures a report gives combined against their parts: the channels against ``received``,
    direct + postal, returned or withdrawn, late-resolved + overdue-pending."""
    out: list[Outcome] = []
    if d.received is not None:
        # apart (0) or combined (1): direct and postal
        name, whole, parts, read = _CHANNELS[d.received_direct_postal is not None]
        out.append(_cs001_sum(unit, ctx, name, (whole, d.received), parts, read(d)))
    for name, whole, parts, read in _COMBINED_SUMS:
        stated = getattr(d, whole)
        if stated is not None:
            out.append(_cs001_sum(unit, ctx, name, (whole, stated), parts, read(d)))
    return out


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
                "vi": "Văn bản: {restricted} văn bản thuộc diện công dân không được tiếp cận + "
                "{accessible} văn bản công dân được tiếp cận = {parts_sum}, khác {issued} văn "
                "bản ban hành (chênh lệch {difference})",
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
                "en": "Dossier balance: {total} {total:plural|one=dossier|other=dossiers} to "
                "account for, but {resolved} resolved "
                "+ {pending} pending + returned ({returned}) + withdrawn ({withdrawn}) = "
                "{accounted} (difference {difference})",
            },
            "dossier_balance_combined": {
                "vi": "Cân đối hồ sơ: {total} hồ sơ phải giải quyết, nhưng đã giải quyết "
                "{resolved} + đang giải quyết {pending} + trả lại hoặc rút "
                "({returned_or_withdrawn}) = {accounted} (chênh lệch {difference})",
                "en": "Dossier balance: {total} {total:plural|one=dossier|other=dossiers} to "
                "account for, but {resolved} resolved "
                "+ {pending} pending + returned or withdrawn ({returned_or_withdrawn}) = "
                "{accounted} (difference {difference})",
            },
            "channels": {
                "vi": "Hồ sơ tiếp nhận theo kênh: trực tiếp ({received_direct}) + qua bưu chính "
                "({received_postal}) + trực tuyến ({received_online}) = {parts_sum}, khác "
                "{received} hồ sơ tiếp nhận (chênh lệch {difference})",
                "en": "Dossiers by channel: direct ({received_direct}) + postal "
                "({received_postal}) + online ({received_online}) = {parts_sum}, not the "
                "{received} received (difference {difference})",
            },
            "channels_combined": {
                "vi": "Hồ sơ tiếp nhận theo kênh: trực tiếp và qua bưu chính "
                "({received_direct_postal}) + trực tuyến ({received_online}) = {parts_sum}, khác "
                "{received} hồ sơ tiếp nhận (chênh lệch {difference})",
                "en": "Dossiers by channel: direct and postal ({received_direct_postal}) + online "
                "({received_online}) = {parts_sum}, not the {received} received "
                "(difference {difference})",
            },
            "direct_postal": {
                "vi": "Hồ sơ trực tiếp và qua bưu chính: báo cáo {received_direct_postal}, nhưng "
                "trực tiếp ({received_direct}) + qua bưu chính ({received_postal}) = "
                "{parts_sum} (chênh lệch {difference})",
                "en": "Dossiers direct and by post: {received_direct_postal} stated, but direct "
                "({received_direct}) + postal ({received_postal}) = {parts_sum} "
                "(difference {difference})",
            },
            "returned_or_withdrawn": {
                "vi": "Hồ sơ trả lại hoặc rút: báo cáo {returned_or_withdrawn}, nhưng trả lại "
                "({returned}) + rút ({withdrawn}) = {parts_sum} (chênh lệch {difference})",
                "en": "Dossiers returned or withdrawn: {returned_or_withdrawn} stated, but "
                "returned ({returned}) + withdrawn ({withdrawn}) = {parts_sum} "
                "(difference {difference})",
            },
            "overdue_total": {
                "vi": "Hồ sơ quá hạn: báo cáo {overdue_total}, nhưng giải quyết quá hạn "
                "({resolved_late}) + đang giải quyết quá hạn ({pending_overdue}) = {parts_sum} "
                "(chênh lệch {difference})",
                "en": "Overdue dossiers: {overdue_total} stated, but resolved late "
                "({resolved_late}) + pending overdue ({pending_overdue}) = {parts_sum} "
                "(difference {difference})",
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
            note={
                "vi": "tiếp nhận 100, cộng các thành phần được 105 "
                "(không có carried_over, tính là 0)",
                "en": "100 received, 105 accounted for (carried_over absent, counted as 0)",
            },
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
    for prefix, d in dossier_sets(unit):
        checks = [
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
            *_cs001_combined(unit, d, ctx),
        ]
        out += (_prefixed(r, prefix) for r in checks) if prefix else checks
    if unit.digital_id is not None:
        out.append(_cs001_id(unit, unit.digital_id, ctx))
    return [r for r in out if r is not None]


# ---------------------------------------------------------------------------------------------
# CS002 stated percentages

#: What each stated rate is called, per language.
_RATE_LABEL: Mapping[str, Mapping[str, str]] = {
    "stated_notified_percent": {
        "vi": "Tỷ lệ thông báo số định danh cá nhân",
        "en": "Personal ID numbers notified",
    },
    "stated_on_time_percent": {"vi": "Tỷ lệ hồ sơ giải quyết đúng hạn", "en": "On-time rate"},
    "stated_online_percent": {"vi": "Tỷ lệ hồ sơ trực tuyến", "en": "Online share"},
    "stated_pending_percent": {"vi": "Tỷ lệ hồ sơ đang giải quyết", "en": "Pending share"},
    "stated_digitised_percent": {"vi": "Tỷ lệ số hóa hồ sơ", "en": "Digitised dossiers"},
    "stated_digitised_results_percent": {
        "vi": "Tỷ lệ số hóa kết quả giải quyết",
        "en": "Digitised results",
    },
    "stated_paid_online_percent": {
        "vi": "Tỷ lệ thanh toán trực tuyến",
        "en": "Online payment share",
    },
}

#: The computation a rate over a base stands for, per language: part / base.
_FORMULA: Mapping[tuple[str, str], Mapping[str, str]] = {
    ("stated_notified_percent", "population"): {
        "vi": "đã thông báo / dân số",
        "en": "notified / population",
    },
    ("stated_on_time_percent", "resolved"): {
        "vi": "(trước hạn + đúng hạn) / đã giải quyết",
        "en": "(early + on time) / resolved",
    },
    ("stated_on_time_percent", "due"): {
        "vi": "(trước hạn + đúng hạn) / hồ sơ đến hạn",
        "en": "(early + on time) / dossiers due",
    },
    ("stated_online_percent", "received"): {
        "vi": "trực tuyến / tiếp nhận mới",
        "en": "online / newly received",
    },
    ("stated_online_percent", "received_total"): {
        "vi": "trực tuyến / tổng số phải giải quyết (kể cả kỳ trước chuyển sang)",
        "en": "online / total to handle (carried over included)",
    },
    ("stated_online_percent", "online_eligible"): {
        "vi": "trực tuyến / hồ sơ của thủ tục có cung cấp dịch vụ công trực tuyến",
        "en": "online / dossiers of procedures offering an online service",
    },
    ("stated_pending_percent", "received_total"): {
        "vi": "đang giải quyết / tổng số phải giải quyết",
        "en": "pending / total to handle",
    },
    ("stated_pending_percent", "received"): {
        "vi": "đang giải quyết / tiếp nhận mới",
        "en": "pending / newly received",
    },
    ("stated_digitised_percent", "received"): {
        "vi": "đã số hóa / tiếp nhận mới",
        "en": "digitised / newly received",
    },
    ("stated_digitised_percent", "received_total"): {
        "vi": "đã số hóa / tổng số phải giải quyết",
        "en": "digitised / total to handle",
    },
    ("stated_digitised_percent", "resolved"): {
        "vi": "đã số hóa / đã giải quyết",
        "en": "digitised / resolved",
    },
    ("stated_digitised_results_percent", "resolved"): {
        "vi": "kết quả đã số hóa / đã giải quyết",
        "en": "results digitised / resolved",
    },
    ("stated_paid_online_percent", "payable"): {
        "vi": "thanh toán trực tuyến / hồ sơ có phí, lệ phí",
        "en": "paid online / dossiers with a fee",
    },
    ("stated_paid_online_percent", "received_online"): {
        "vi": "thanh toán trực tuyến / hồ sơ trực tuyến",
        "en": "paid online / received online",
    },
    ("stated_paid_online_percent", "received"): {
        "vi": "thanh toán trực tuyến / tiếp nhận mới",
        "en": "paid online / newly received",
    },
}

#: How each qualifier is said, per language.
QUALIFIER_WORDS: Mapping[str, Mapping[str, str]] = {
    "over": {"vi": "trên", "en": "over"},
    "at_least": {"vi": "ít nhất", "en": "at least"},
    "under": {"vi": "dưới", "en": "under"},
    "at_most": {"vi": "tối đa", "en": "at most"},
    "nearly": {"vi": "gần", "en": "nearly"},
    "approx": {"vi": "khoảng", "en": "about"},
}

_NEAREST = {
    "vi": "; không cơ sở tính nào khớp ({tried_count} cơ sở đã thử), đây là cơ sở gần nhất",
    "en": "; no base reproduces it ({tried_count} tried), this is the nearest",
}


_NAMED = {
    "vi": " (cơ sở tính do báo cáo nêu)",
    "en": " (the base the report names)",
}


def _rate_messages() -> dict[str, dict[str, str]]:
    """Every CS002 finding message: per rate and base, a plain mismatch, a truncation, and a
    bound per qualifier; each mismatch also as the nearest of several bases tried."""
    out: dict[str, dict[str, str]] = {}
    for (subject, base), formula in _FORMULA.items():
        label = _RATE_LABEL[subject]
        key = f"{subject}__{base}"
        plain = {
            "vi": f"{label['vi']}: báo cáo {{stated}}%, tính từ số liệu {formula['vi']} = "
            "{part}/{whole} = {computed}%",
            "en": f"{label['en']}: {{stated}}% stated, the counts give {formula['en']} = "
            "{part}/{whole} = {computed}%",
        }
        variants = {key: plain}
        for q, words in QUALIFIER_WORDS.items():
            variants[f"{key}__{q}"] = {
                "vi": f"{label['vi']}: báo cáo {words['vi']} {{stated}}%, nhưng {formula['vi']} "
                "= {part}/{whole} = {computed_precise}%",
                "en": f"{label['en']}: “{words['en']} {{stated}}%” stated, but {formula['en']} "
                "= {part}/{whole} = {computed_precise}%",
            }
        for k, texts in variants.items():
            out[k] = texts
            out[f"{k}__nearest"] = {lang: text + _NEAREST[lang] for lang, text in texts.items()}
            out[f"{k}__named"] = {lang: text + _NAMED[lang] for lang, text in texts.items()}
        out[f"{key}__truncated"] = {
            "vi": f"{label['vi']}: báo cáo {{stated}}% là số cắt bớt, không làm tròn: "
            f"{formula['vi']} = {{part}}/{{whole}} = {{computed_precise}}%",
            "en": f"{label['en']}: the {{stated}}% stated is truncated, not rounded: "
            f"{formula['en']} = {{part}}/{{whole}} = {{computed_precise}}%",
        }
    return out


@attrs.frozen
class _Try:
    """One way a stated rate may have been computed, and what it gives."""

    base: str
    part: int
    whole: int
    computed: Decimal
    truncates: bool
    distance: Decimal

    def shown(self) -> dict[str, Any]:
        return {
            "base": self.base,
            "part": self.part,
            "whole": self.whole,
            "computed": _shown(self.computed),
        }


def _precise(value: Decimal, decimals: int) -> StatedPercent:
    """A computed rate written with two more decimals than the stated one (for messages)."""
    places = Decimal(1).scaleb(-(decimals + 2))
    with contextlib.suppress(ArithmeticError):  # an absurd figure is shown as computed
        value = value.quantize(places, rounding=ROUND_HALF_UP)
    return StatedPercent(value, decimals + 2)


#: ``StatedValue.tolerance`` of each number of decimals a report writes (half a unit of the last).
_TOLERANCE: Mapping[int, Decimal] = {d: Decimal(5).scaleb(-(d + 1)) for d in range(21)}


def _no_figures() -> Mapping[str, Any]:
    """No evidence figures beyond the computation's."""
    return {}


def _judge(
    unit: _Unit,
    ctx: Context,
    subject: str,
    stated: StatedPercent,
    part: int,
    wholes: Mapping[str, int],
    prefix: str,
    figures: Callable[[], Mapping[str, Any]],
) -> Outcome:
    """Hold ``stated`` against ``part`` over each base in ``wholes`` (the computable ones, the
    usual first): silent when one reproduces it, information when one only truncates to it,
    else a finding on the nearest (subject ``prefix + subject``, what ``figures`` gives added to
    its evidence: asked only for a finding)."""
    exact = stated.qualifier == "exact"
    value = stated.value
    tolerance = _TOLERANCE.get(stated.decimals) or stated.tolerance
    margin: Decimal | None = None
    rates = []
    for base, whole in wholes.items():
        computed = _rate(part, whole)
        if exact and abs(value - computed) <= tolerance:
            return None  # the usual case, what ``stated.holds`` tries first (``matches``)
        if margin is None:
            margin = Decimal(ctx.exact(ctx.params(unit).approx_points))
        if stated.holds(computed, margin):
            return None  # decided before building the tries
        rates.append((base, whole, computed))
    tries = [
        _Try(
            base,
            part,
            whole,
            computed,
            exact and stated.truncates(computed),
            abs(computed - stated.value),
        )
        for base, whole, computed in rates
    ]
    truncated = next((t for t in tries if t.truncates), None)
    chosen = truncated or min(tries, key=lambda t: t.distance)
    key = prefix + subject
    message = f"{subject}__{chosen.base}"
    if truncated is not None:
        message += "__truncated"
    else:
        if stated.qualifier != "exact":
            message += f"__{stated.qualifier}"
        if stated.base is not None:
            message += "__named"
        elif len(tries) > 1:
            message += "__nearest"
    return ctx.finding(
        unit,
        message,
        subject=key,
        key=key,
        severity="info" if truncated is not None else None,
        stated=stated,
        qualifier=stated.qualifier,
        base=chosen.base,
        named_base=stated.base is not None,
        part=chosen.part,
        whole=chosen.whole,
        computed=_shown(chosen.computed),
        computed_precise=_precise(chosen.computed, stated.decimals),
        tolerance=tolerance,
        tried=tuple(t.shown() for t in tries),
        tried_count=len(tries),
        **figures(),
    )


def _rate_over(
    unit: _Unit,
    ctx: Context,
    subject: str,
    stated: StatedPercent,
    part: int,
    wholes: Mapping[str, int | None],
    skip: tuple[str, str],
    prefix: str = "",
    figures: Callable[[], Mapping[str, Any]] = _no_figures,
) -> Outcome:
    """A stated rate over the bases whose count is known (only the one the report names, when
    it names one); skipped with ``skip[0]`` when none is known, ``skip[1]`` when all are zero.
    ``prefix`` names the dossier window; ``figures`` gives evidence for a finding."""
    named = stated.base
    usable: dict[str, int] = {}
    known = False
    for base, whole in wholes.items() if named is None else ((named, wholes.get(named)),):
        if whole is not None:
            known = True
            if whole > 0:
                usable[base] = whole
    if not usable:
        if not known and named is not None:
            return ctx.skip(unit, "no_named_base", subject=prefix + subject, base=named)
        bases = ", ".join(wholes)
        return ctx.skip(unit, skip[1] if known else skip[0], subject=prefix + subject, bases=bases)
    return _judge(unit, ctx, subject, stated, part, usable, prefix, figures)


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
    return _rate_over(
        unit,
        ctx,
        "stated_notified_percent",
        stated,
        notified,
        {"population": di.population},
        ("no_notified_counts", "zero_population"),
        "",
        lambda: {
            "population": di.population,
            "id_notified": di.id_notified,
            "id_not_notified": di.id_not_notified,
        },
    )


def _resolved_for_rate(d: Dossiers, good: int) -> int | None:
    if d.resolved is not None:
        return d.resolved
    if d.resolved_late is not None:
        return good + d.resolved_late
    return None


#: The other stated rates of a dossier section: (rate, its part, the bases it may be over, the
#: usual first); a base's count is ``Dossiers.base_count`` (``pending``: :func:`_pending`).
_OTHER_RATES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("stated_pending_percent", "pending", ("received_total", "received")),
    ("stated_digitised_percent", "digitised", ("received", "received_total", "resolved")),
    ("stated_digitised_results_percent", "digitised_results", ("resolved",)),
    ("stated_paid_online_percent", "paid_online", ("payable", "received_online", "received")),
)


def _cs002_dossiers(
    unit: _Unit, d: Dossiers, ctx: Context, prefix: str, out: list[Outcome]
) -> None:
    """The stated rates of one dossier section (or window), added to ``out``."""
    on_time = d.stated_on_time_percent
    if on_time is not None:
        subject = "stated_on_time_percent"
        early, in_time = d.resolved_early, d.resolved_on_time
        if early is None and in_time is None:
            out.append(ctx.skip(unit, "no_on_time_counts", subject=prefix + subject))
        else:
            good = (early or 0) + (in_time or 0)
            out.append(
                _rate_over(
                    unit,
                    ctx,
                    subject,
                    on_time,
                    good,
                    {"resolved": _resolved_for_rate(d, good), "due": d.due},
                    ("no_resolved_count", "nothing_resolved"),
                    prefix,
                    lambda: {
                        "resolved_early": d.resolved_early,
                        "resolved_on_time": d.resolved_on_time,
                        "resolved_late": d.resolved_late,
                        "resolved": d.resolved,
                        "due": d.due,
                        "received": d.received,
                    },
                )
            )
    online = d.stated_online_percent
    if online is not None:
        subject = "stated_online_percent"
        if d.received_online is None:
            out.append(ctx.skip(unit, "no_online_counts", subject=prefix + subject))
        else:
            out.append(
                _rate_over(
                    unit,
                    ctx,
                    subject,
                    online,
                    d.received_online,
                    {
                        "received": d.received,
                        "received_total": d.base_count("received_total"),
                        "online_eligible": d.base_count("online_eligible"),
                    },
                    ("no_online_counts", "nothing_received"),
                    prefix,
                    lambda: {"received_online": d.received_online, "received": d.received},
                )
            )
    for subject, part_name, bases in _OTHER_RATES:
        stated = getattr(d, subject)
        if stated is None:
            continue
        part = _pending(d) if part_name == "pending" else getattr(d, part_name)
        if part is None:
            out.append(ctx.skip(unit, "no_part", subject=prefix + subject, part_name=part_name))
            continue
        out.append(
            _rate_over(
                unit,
                ctx,
                subject,
                stated,
                part,
                {base: d.base_count(base) for base in bases},
                ("no_base", "zero_base"),
                prefix,
            )
        )


@rule(
    "CS002",
    family=FAMILY,
    severity="warning",
    params=[
        Param(
            name="approx_points",
            default=1,
            doc={
                "vi": "Với tỷ lệ ghi “khoảng”, “gần”: độ lệch tối đa (điểm phần trăm) so với số "
                "tính từ số liệu (ngưỡng tham chiếu của công cụ, không phải quy định pháp luật).",
                "en": "For a rate written “khoảng” (about) or “gần” (nearly): how far, in "
                "percentage points, the counts may be from it (policy default, no legal basis).",
            },
        )
    ],
    title={
        "vi": "Tỷ lệ phần trăm nêu trong báo cáo khác với tỷ lệ tính từ số liệu",
        "en": "A stated percentage differs from the one computed from the counts",
    },
    description={
        "vi": "So sánh tỷ lệ báo cáo nêu với tỷ lệ tính từ các số liệu trên mọi cơ sở tính hợp "
        "lý (hoặc chỉ cơ sở báo cáo nêu, base), theo độ chính xác của tỷ lệ đã viết (lệch quá "
        "nửa đơn vị của chữ số thập phân cuối cùng: 98,7 với 98,69 là khớp; 98,0 với 100 là "
        "không). Khớp khi một cơ sở cho ra tỷ lệ đó; chỉ khớp khi cắt bớt (21,47 cho 21,478) là "
        "thông tin; không cơ sở nào khớp: cảnh báo, nêu cơ sở gần nhất, bằng chứng ghi mọi phép "
        "tính. Tỷ lệ có từ định lượng (“trên 97%”, “gần 96%”, “khoảng”) được kiểm tra như một "
        "giới hạn. Cơ sở: thông báo số định danh / dân số; đúng hạn / đã giải quyết hoặc hồ sơ "
        "đến hạn; trực tuyến / tiếp nhận mới, tổng số phải giải quyết hoặc hồ sơ của thủ tục có "
        "dịch vụ công trực tuyến; đang giải quyết / tổng số phải giải quyết hoặc tiếp nhận mới; "
        "số hóa / tiếp nhận, tổng số hoặc đã giải quyết; thanh toán trực tuyến / hồ sơ có phí, "
        "hồ sơ trực tuyến hoặc tiếp nhận mới.",
        "en": "Compares a stated rate with the one computed from the counts over every plausible "
        "base (or only the one the report names, base), to the precision it was written with "
        "(off by more than half a unit of its last decimal: 98.7 vs 98.69 passes; 98.0 vs 100 "
        "does not). Consistent when one base reproduces it; reproduced only by truncation "
        "(21.47 for 21.478) is information; no base fits: a warning naming the nearest, the "
        "evidence showing each computation. A qualified rate (“trên 97%” over, “gần 96%” "
        "nearly, “khoảng” about) is checked as the bound it states. Bases: ID numbers notified "
        "/ population; on time / resolved or dossiers due; online / newly received, total to "
        "handle or dossiers of procedures offering an online service; pending / total to handle "
        "or newly received; digitised / received, total or resolved; paid online / dossiers "
        "with a fee, received online or newly received.",
    },
    messages=_rate_messages()
    | {
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
            "vi": "không kiểm tra được tỷ lệ đúng hạn: thiếu tổng số đã giải quyết (resolved), "
            "số quá hạn (resolved_late) hoặc số hồ sơ đến hạn (due)",
            "en": "on-time rate not checked: neither the resolved total (resolved), the late "
            "count (resolved_late) nor the dossiers due (due) is given",
        },
        "nothing_resolved": {
            "vi": "không kiểm tra được tỷ lệ đúng hạn: không có hồ sơ đã giải quyết",
            "en": "on-time rate not checked: no dossier was resolved",
        },
        "no_online_counts": {
            "vi": "không kiểm tra được tỷ lệ trực tuyến: thiếu số hồ sơ tiếp nhận (received, "
            "received_total, received_online_eligible) hoặc trực tuyến (received_online)",
            "en": "online share not checked: received (received, received_total, "
            "received_online_eligible) or received_online missing",
        },
        "nothing_received": {
            "vi": "không kiểm tra được tỷ lệ trực tuyến: không tiếp nhận hồ sơ nào",
            "en": "online share not checked: no dossier was received",
        },
        "no_named_base": {
            "vi": "không kiểm tra được tỷ lệ: báo cáo nêu cơ sở tính {base} nhưng không có số "
            "liệu đó",
            "en": "rate not checked: the report names the base {base}, which is not given",
        },
        "no_part": {
            "vi": "không kiểm tra được tỷ lệ: thiếu số liệu {part_name}",
            "en": "rate not checked: {part_name} not given",
        },
        "no_base": {
            "vi": "không kiểm tra được tỷ lệ: không có số liệu cơ sở nào ({bases})",
            "en": "rate not checked: none of its bases is given ({bases})",
        },
        "zero_base": {
            "vi": "không kiểm tra được tỷ lệ: mọi số liệu cơ sở bằng 0 ({bases})",
            "en": "rate not checked: every base is zero ({bases})",
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
            note={
                "vi": "98,69 tính được làm tròn thành 98,7 như báo cáo ghi",
                "en": "98.69 computed rounds to the 98.7 written",
            },
        ),
        Example(
            unit=_ex(
                dossiers={
                    "received": 9200,
                    "received_total": 10000,
                    "received_online": 6000,
                    "stated_online_percent": 60,
                }
            ),
            fires=False,
            note={
                "vi": "60% tính trên tổng số phải giải quyết (gồm kỳ trước chuyển sang), "
                "không phải trên 9.200 hồ sơ mới",
                "en": "60 % over the total to handle (carried-over included), "
                "not over the 9,200 new",
            },
        ),
        Example(
            unit=_ex(
                dossiers={
                    "resolved_on_time": 964,
                    "resolved_late": 36,
                    "stated_on_time_percent": "trên 97%",
                }
            ),
            fires=True,
            note={
                "vi": "“trên 97%” nhưng số liệu cho 96,4%",
                "en": "“trên 97%” but the counts give 96.4 %",
            },
        ),
        Example(
            unit=_ex(
                dossiers={
                    "received": 100000,
                    "received_online": 21478,
                    "stated_online_percent": "21,47",
                }
            ),
            fires=True,
            severity="info",
            note={
                "vi": "21,47 cho 21,478%: cắt bớt, không làm tròn",
                "en": "21,47 for 21.478 %: truncated, not rounded",
            },
        ),
    ],
)
def cs002(unit: _Unit, ctx: Context) -> list[Finding | Skip]:
    """Stated percentages against the counts, over each plausible base, to the precision they
    were written with."""
    out: list[Outcome] = []
    if unit.digital_id is not None and unit.digital_id.stated_notified_percent is not None:
        out.append(_cs002_notified(unit, unit.digital_id, ctx))
    for prefix, d in dossier_sets(unit):
        _cs002_dossiers(unit, d, ctx, prefix, out)
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
    ("dossiers", "received_direct", "received"),
    ("dossiers", "received_direct_postal", "received"),
    ("dossiers", "received_direct", "received_direct_postal"),
    ("dossiers", "received_postal", "received_direct_postal"),
    ("dossiers", "received_online", "received_online_eligible"),
    ("dossiers", "returned", "returned_or_withdrawn"),
    ("dossiers", "withdrawn", "returned_or_withdrawn"),
    ("dossiers", "resolved_late", "overdue_total"),
    ("dossiers", "pending_overdue", "overdue_total"),
    ("dossiers", "due", "received_total"),
    ("dossiers", "digitised_results", "resolved"),
    ("dossiers", "paid_online", "payable"),
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


def _exceeding(pairs: tuple[tuple[str, str], ...]) -> Callable[[Any], list[int]]:
    """A function giving the indexes of the ``pairs`` (part, whole) in which a record's part is
    larger than its whole, both given. Generated, so that each figure is read as an attribute
    (no loop over names, no ``getattr`` call): most records have none."""
    lines = ["def exceeding(r):", "    out = []"]
    for i, (part, whole) in enumerate(pairs):
        lines += [
            f"    p = r.{part}",
            "    if p is not None:",
            f"        w = r.{whole}",
            f"        if w is not None and p > w:\n            out.append({i})",
        ]
    lines.append("    return out")
    scope: dict[str, Any] = {}
    exec(compile("\n".join(lines), "<CS003 parts and wholes>", "exec"), scope)
    exceeding: Callable[[Any], list[int]] = scope["exceeding"]
    return exceeding


#: Each section's (part, whole) pairs.
_PAIRS: Mapping[str, tuple[tuple[str, str], ...]] = {
    section: tuple((p, w) for s, p, w in _PART_OF if s == section)
    for section in dict.fromkeys(s for s, _, _ in _PART_OF)
}
#: Per section: its (part, whole) pairs and the function finding the exceeding ones.
_BY_SECTION: tuple[tuple[str, tuple[tuple[str, str], ...], Callable[[Any], list[int]]], ...] = (
    tuple((section, pairs, _exceeding(pairs)) for section, pairs in _PAIRS.items())
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
    resolved, pending = d.base_count("resolved"), _pending(d)
    if resolved is None and pending is None:
        return None
    whole = _dossier_total(d)
    if whole is None:
        return None
    total, absent_in, used = whole
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
            count_used=used,
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
            "window_exceeds": {
                "vi": "{field}: {part} trong {inner} ({inner_start}–{inner_end}) lớn hơn {whole} "
                "trong {outer} ({outer_start}–{outer_end}) chứa nó, vượt {excess}",
                "en": "{field}: {part} in {inner} ({inner_start}–{inner_end}) exceeds the "
                "{whole} in {outer} ({outer_start}–{outer_end}) that contains it, by {excess}",
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
    dossiers = dossier_sets(unit)
    for section, pairs, exceeding in _BY_SECTION:
        if section == "dossiers":
            records: list[tuple[str, Any]] = [(f"{p}dossiers", d) for p, d in dossiers]
        else:
            data = getattr(unit, section)
            if data is None:
                continue
            records = [(section, data)]
        for where, data in records:
            for i in exceeding(data):
                part_name, whole_name = pairs[i]
                part, whole = getattr(data, part_name), getattr(data, whole_name)
                subject = f"{where}.{part_name}"
                yield _exceeds(unit, ctx, subject, part_name, part, whole_name, whole)
    if unit.catalogue:
        labels = _catalogue_labels(unit.catalogue)
        for entry, label in zip(unit.catalogue, labels, strict=True):
            total = entry.procedures_total
            if total is None:
                continue
            for name in _CATALOGUE_PARTS:
                part = getattr(entry, name)
                if part is not None and part > total:
                    subject = f"catalogue[{label}].{name}"
                    yield _exceeds(unit, ctx, subject, name, part, "procedures_total", total)
    for prefix, d in dossiers:
        handled = _prefixed(_cs003_dossiers(unit, d, ctx), prefix)
        if handled is not None:
            yield handled
    if unit.dossier_windows:  # a window inside another needs at least one window
        yield from _cs003_windows(unit, ctx)


#: Counts of what happened during a window (flows): a window inside another cannot have more.
#: Stocks (pending, carried over, the total to handle) are left out.
FLOWS: tuple[str, ...] = (
    "received",
    "received_online",
    "received_postal",
    "received_direct",
    "received_direct_postal",
    "resolved_early",
    "resolved_on_time",
    "resolved_late",
    "resolved",
    "returned",
    "withdrawn",
    "returned_or_withdrawn",
    "digitised",
    "digitised_results",
    "paid_online",
)


def _cs003_windows(unit: _Unit, ctx: Context) -> Result:
    """A window inside another (a month in its quarter, a window in the period) counting more of
    a flow than the window containing it."""
    sets: list[tuple[str, Dossiers, Period]] = []
    if unit.dossiers is not None and ctx.period is not None:
        sets.append(("dossiers", unit.dossiers, unit.dossiers.period or ctx.period))
    sets += [(f"dossier_windows[{_window_label(w)}]", w, w.period) for w in unit.dossier_windows]
    for inner_name, inner, inner_p in sets:
        for outer_name, outer, outer_p in sets:
            if inner is outer or inner_p == outer_p:
                continue
            if not (outer_p.start <= inner_p.start and inner_p.end <= outer_p.end):
                continue
            for name in FLOWS:
                part, whole = getattr(inner, name), getattr(outer, name)
                if part is not None and whole is not None and part > whole:
                    subject = f"{inner_name}.{name}>{outer_name}"
                    yield ctx.finding(
                        unit,
                        "window_exceeds",
                        subject=subject,
                        key=subject,
                        field=name,
                        part=part,
                        whole=whole,
                        inner=inner_name,
                        outer=outer_name,
                        inner_start=inner_p.start,
                        inner_end=inner_p.end,
                        outer_start=outer_p.start,
                        outer_end=outer_p.end,
                        excess=part - whole,
                    )


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
            "en": "{subject}: {stated} stated, the sum over {children} "
            "{children:plural|one=child|other=children} is "
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
        "trong báo cáo đến 30/6): số liệu đó không so sánh được trực tiếp với kỳ báo cáo. "
        "Khoảng thời gian đúng bằng thời gian chốt số liệu theo quy định của kỳ (Nghị định "
        "09/2019/NĐ-CP, Điều 12: 15/12–14/6, 15/12–14/12) là đúng quy định, không bị nêu.",
        "en": "A section states its own window (e.g. documents counted to 30/5 in a report "
        "to 30/6): its figures do not cover the report's period. A window that is exactly the "
        "period's statutory data window (Nghị định 09/2019/NĐ-CP, Art. 12: 15/12–14/6, "
        "15/12–14/12) is as the law requires and not reported.",
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
        Example(
            unit=_ex(
                documents={"issued": 10, "period": {"start": "2022-12-15", "end": "2023-06-14"}}
            ),
            fires=False,
            note={
                "vi": "đúng thời gian chốt số liệu theo quy định",
                "en": "exactly the statutory data window",
            },
        ),
    ],
)
def cs005(unit: _Unit, ctx: Context) -> Result:
    """A section's own window against the dataset period."""
    period = ctx.period
    if period is None:
        return
    statutory = ctx.reporting_window()  # as RF003
    for section in WINDOWED:
        data = getattr(unit, section)
        window = getattr(data, "period", None) if data is not None else None
        if window is None or window == period:
            continue
        if statutory is not None and (window.start, window.end) == (statutory.start, statutory.end):
            continue  # the data window the reporting regime sets
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


# ---------------------------------------------------------------------------------------------
# CS006 the report's own date against its period


@rule(
    "CS006",
    family=FAMILY,
    severity="info",
    title={
        "vi": "Ngày của báo cáo trước khi kỳ báo cáo hoặc khoảng tính số liệu kết thúc",
        "en": "The report is dated before its period or a counting window ends",
    },
    description={
        "vi": "Ngày ký báo cáo (dataset.report.date) so với kỳ báo cáo: trước ngày bắt đầu kỳ "
        "(cảnh báo: không thể báo cáo kỳ chưa bắt đầu); trước ngày kết thúc kỳ (thông tin: số "
        "liệu những ngày cuối kỳ là ước tính hoặc chưa có, như báo cáo 6 tháng thường ký giữa "
        "tháng 6); trước ngày kết thúc khoảng tính số liệu riêng của một mục (cảnh báo: số liệu "
        "tính đến một ngày sau ngày ký). Chỉ áp dụng cho đơn vị báo cáo (dataset.reported_by, "
        "hoặc đơn vị duy nhất).",
        "en": "The report's own date (dataset.report.date) against its period: before the "
        "period starts (a warning: a period that has not begun cannot be reported on); before "
        "it ends (information: the last days' figures are estimates or missing, as with a "
        "half-year report signed in mid-June); before a section's own counting window ends (a "
        "warning: figures counted to a day after the signature). Only for the reporting unit "
        "(dataset.reported_by, else the only unit).",
    },
    messages={
        "before_end": {
            "vi": "báo cáo ký ngày {report_date}, trước khi kỳ báo cáo kết thúc ({period_end}): "
            "số liệu của {days_left} ngày cuối kỳ là ước tính hoặc chưa có",
            "en": "the report is dated {report_date}, before its period ends ({period_end}): "
            "the figures of the last {days_left} {days_left:plural|one=day are|other=days are} "
            "estimates or missing",
        },
        "before_start": {
            "vi": "báo cáo ký ngày {report_date}, trước khi kỳ báo cáo bắt đầu ({period_start})",
            "en": "the report is dated {report_date}, before its period starts ({period_start})",
        },
        "before_window_end": {
            "vi": "{subject}: số liệu tính đến {window_end}, sau ngày ký báo cáo {report_date}",
            "en": "{subject}: figures counted to {window_end}, after the report's date "
            "{report_date}",
        },
    },
    examples=[
        Example(
            unit={"dossiers": {"received": 10}},
            dataset={"report": {"number": "1/BC-UBND", "date": "2023-06-15"}},
            fires=True,
            severity="info",
            note={"vi": "báo cáo 6 tháng ký ngày 15/6", "en": "a half-year report signed on 15/6"},
        ),
        Example(
            unit={"dossiers": {"received": 10}},
            dataset={"report": {"number": "1/BC-UBND", "date": "2023-07-05"}},
            fires=False,
        ),
        Example(
            unit={
                "dossiers": {
                    "received": 10,
                    "period": {"start": "2023-01-01", "end": "2023-07-14"},
                }
            },
            dataset={"report": {"number": "1/BC-UBND", "date": "2023-07-05"}},
            fires=True,
            severity="warning",
        ),
    ],
)
def cs006(unit: _Unit, ctx: Context) -> Result:
    """The report's own date against its period and the sections' own windows."""
    report, period = ctx.dataset.report, ctx.period
    if report is None or report.date is None or period is None:
        return
    reporter = ctx.reporting_unit()
    if reporter is None or reporter.id != unit.id:
        return
    day = report.date
    if day < period.start:
        yield ctx.finding(
            unit,
            "before_start",
            subject="report.date",
            key="report.date",
            severity="warning",
            report_date=day,
            period_start=period.start,
            period_end=period.end,
        )
    elif day < period.end:
        yield ctx.finding(
            unit,
            "before_end",
            subject="report.date",
            key="report.date",
            report_date=day,
            period_start=period.start,
            period_end=period.end,
            days_left=(period.end - day).days,
        )
    windows: list[tuple[str, Period]] = [
        (section, window)
        for section in WINDOWED
        if (window := getattr(getattr(unit, section), "period", None)) is not None
    ]
    windows += [(f"dossier_windows[{_window_label(w)}]", w.period) for w in unit.dossier_windows]
    for subject, window in windows:
        if window.end > day:
            yield ctx.finding(
                unit,
                "before_window_end",
                subject=subject,
                key=f"{subject}.period",
                severity="warning",
                report_date=day,
                window_start=window.start,
                window_end=window.end,
            )


# ---------------------------------------------------------------------------------------------
# CS007 bounded and approximate counts


#: Ways to compute a dossier count from exact figures: (count, terms added, terms subtracted).
#: ``resolved`` and ``pending`` are the stated totals, else the sums of their parts; an absent
#: ``returned`` / ``withdrawn`` counts as zero, as in the balance.
_DERIVATIONS: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("received", ("received_total",), ("carried_over",)),
    ("received", ("received_direct", "received_postal", "received_online"), ()),
    ("received", ("received_direct_postal", "received_online"), ()),
    ("received", ("resolved", "pending", "returned", "withdrawn"), ("carried_over",)),
    ("received_total", ("received", "carried_over"), ()),
    ("received_total", ("resolved", "pending", "returned", "withdrawn"), ()),
    ("received_online", ("online_level3", "online_level4"), ()),
    ("received_online", ("online_partial", "online_full"), ()),
    ("resolved", ("resolved_early", "resolved_on_time", "resolved_late"), ()),
    ("pending", ("pending_in_time", "pending_overdue"), ()),
)


def _derived(d: Dossiers) -> dict[str, list[tuple[str, int]]]:
    """What each dossier count is, computed from exact figures: name → [(how, value)]."""
    known: dict[str, int | None] = {
        "resolved": d.base_count("resolved"),
        "pending": _pending(d),
        "returned": d.returned if d.returned is not None else 0,
        "withdrawn": d.withdrawn if d.withdrawn is not None else 0,
    }
    if d.returned is None and d.withdrawn is None and d.returned_or_withdrawn is not None:
        known["returned"] = d.returned_or_withdrawn
    out: dict[str, list[tuple[str, int]]] = {}
    for name, plus, minus in _DERIVATIONS:
        values = [known[t] if t in known else getattr(d, t) for t in (*plus, *minus)]
        if any(v is None for v in values):
            continue
        ints = [v or 0 for v in values]
        value = sum(ints[: len(plus)]) - sum(ints[len(plus) :])
        how = " + ".join(plus) + "".join(f" − {t}" for t in minus)
        out.setdefault(name, []).append((how, value))
    return out


def _lower_bounds(d: Dossiers, name: str) -> list[tuple[str, int]]:
    """Exact parts that the count ``name`` must be at least (CS003's pairs)."""
    return [
        (part, value)
        for section, part, whole in _PART_OF
        if section == "dossiers" and whole == name and (value := getattr(d, part)) is not None
    ]


def _ceiling_broken(stated: StatedValue, part: int, margin: Decimal) -> bool:
    """Whether an exact part above the count contradicts what the report says of the count."""
    v, q = stated.value, stated.qualifier
    if q == "under":
        return part >= v
    if q in ("at_most", "nearly"):
        return part > v
    if q == "approx":
        return part > v + margin
    return False


_COUNT_BOUND = {
    "vi": "{field}: báo cáo “{qualifier_text} {stated}”, nhưng {how} = {derived}",
    "en": "{field}: “{qualifier_text} {stated}” stated, but {how} = {derived}",
}
_COUNT_PART = {
    "vi": "{field}: báo cáo “{qualifier_text} {stated}”, nhưng riêng {how} đã là {derived}",
    "en": "{field}: “{qualifier_text} {stated}” stated, but {how} alone is {derived}",
}


def _count_messages() -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for q, words in QUALIFIER_WORDS.items():
        for key, texts in (("bound", _COUNT_BOUND), ("part", _COUNT_PART)):
            out[f"{key}_{q}"] = {
                lang: text.replace("{qualifier_text}", words[lang]) for lang, text in texts.items()
            }
    return out


@rule(
    "CS007",
    family=FAMILY,
    severity="warning",
    params=[
        Param(
            name="approx_count_percent",
            default=5,
            doc={
                "vi": "Với số liệu ghi “khoảng”, “gần”: độ lệch tối đa, tính bằng phần trăm của "
                "số đã ghi (ngưỡng tham chiếu của công cụ, không phải quy định pháp luật).",
                "en": "For a count written “khoảng” (about) or “gần” (nearly): how far the "
                "counts may be from it, in percent of the written figure (policy default, no "
                "legal basis).",
            },
        )
    ],
    title={
        "vi": "Số liệu ghi gần đúng hoặc có giới hạn mâu thuẫn với các số liệu khác",
        "en": "A bounded or approximate count contradicts the other figures",
    },
    description={
        "vi": "Một số liệu hồ sơ được ghi có từ định lượng (“hơn 2.000 hồ sơ”, “gần”, “khoảng”, "
        "“dưới”) được so với giá trị tính từ các số liệu chính xác (tổng số − kỳ trước chuyển "
        "sang; tổng các kênh; đã giải quyết + đang giải quyết + trả lại + rút; tổng các mức "
        "độ…) và với các thành phần của nó (một thành phần lớn hơn giới hạn trên). Không có "
        "số liệu để so sánh thì không có gì để kiểm tra.",
        "en": "A dossier count written with a qualifier (“hơn 2.000 hồ sơ” over 2,000, “gần” "
        "nearly, “khoảng” about, “dưới” under) is held against what the exact figures give "
        "(total − carried over; the channels; resolved + pending + returned + withdrawn; the "
        "levels…) and against its parts (a part above its upper bound). With nothing to "
        "compare, there is nothing to check.",
    },
    messages=_count_messages(),
    examples=[
        Example(
            unit=_ex(dossiers={"received": "hơn 2.000", "resolved": 1500, "pending": 450}),
            fires=False,
            note={
                "vi": "không có số chính xác để đối chiếu số tiếp nhận "
                "(không có số kỳ trước chuyển sang)",
                "en": "nothing exact to compare the received count with (no carried-over figure)",
            },
        ),
        Example(
            unit=_ex(
                dossiers={
                    "received": "hơn 2.000",
                    "carried_over": 0,
                    "resolved": 1500,
                    "pending": 450,
                }
            ),
            fires=True,
            note={
                "vi": "cộng được 1.950: không vượt 2.000",
                "en": "1,950 accounted for: not over 2,000",
            },
        ),
        Example(
            unit=_ex(
                dossiers={"received": "khoảng 2.000", "received_total": 2080, "carried_over": 60}
            ),
            fires=False,
            note={"vi": "2.020: trong phạm vi 5% của 2.000", "en": "2,020: within 5 % of 2,000"},
        ),
    ],
)
def cs007(unit: _Unit, ctx: Context) -> Result:
    """Bounded and approximate dossier counts against what the exact figures give."""
    sets = [(p, d) for p, d in dossier_sets(unit) if d.bounds]
    if not sets:
        return
    percent = Decimal(str(ctx.params(unit).approx_count_percent))
    for prefix, d in sets:
        derived = _derived(d)
        for name, stated in sorted(d.bounds.items()):
            margin = stated.value * percent / 100
            subject = f"{prefix}dossiers.{name}"
            common: dict[str, Any] = {
                "field": name,
                "stated": stated.value,
                "qualifier": stated.qualifier,
                "tried": tuple(how for how, _ in derived.get(name, ())),
            }
            broken = next(
                ((how, v) for how, v in derived.get(name, ()) if not stated.holds(v, margin)),
                None,
            )
            if broken is not None:
                yield ctx.finding(
                    unit,
                    f"bound_{stated.qualifier}",
                    subject=subject,
                    key=subject,
                    how=broken[0],
                    derived=broken[1],
                    **common,
                )
                continue
            part = next(
                ((p, v) for p, v in _lower_bounds(d, name) if _ceiling_broken(stated, v, margin)),
                None,
            )
            if part is not None:
                yield ctx.finding(
                    unit,
                    f"part_{stated.qualifier}",
                    subject=subject,
                    key=subject,
                    how=part[0],
                    derived=part[1],
                    **common,
                )


RULES = (cs001, cs002, cs003, cs004, cs005, cs006, cs007)


@hookimpl
def cchc_register_rules(register: Callable[[Rule], None]) -> None:
    """Register the consistency rules."""
    for r in RULES:
        register(r)
