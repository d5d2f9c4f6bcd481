"""Built-in rule family: deadlines (DL001–DL006), over ``procedures`` and ``dossiers``.

Legal basis: the one-stop-shop decrees in force during the period (Nghị định 61/2018/NĐ-CP as
amended by 107/2021/NĐ-CP until 30/6/2025, Nghị định 118/2025/NĐ-CP from 1/7/2025).

A procedure is a subject: its name, identified across runs by its ``code`` (else its name,
casefolded). All time figures of one procedure are in its own ``day_type`` (working or calendar
days; not stated: plain "days"), so comparisons stay within one procedure and the messages name
the kind of day. A procedure listed twice under one key is checked once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from typing import Any

from cchc_rules import (
    Context,
    Dossiers,
    Example,
    Finding,
    Param,
    Procedure,
    Rule,
    Skip,
    StatedPercent,
    hookimpl,
    rule,
    subject_of,
)
from cchc_rules import Unit as _Unit

FAMILY = "deadlines"
BASIS = ("one_stop_shop",)

Text = Mapping[str, str]

#: How each ``day_type`` is named in messages; ``[days]`` in a template is replaced by it.
DAY_WORDS: Mapping[str | None, Text] = {
    "working": {"vi": "ngày làm việc", "en": "working days"},
    "calendar": {"vi": "ngày", "en": "calendar days"},
    None: {"vi": "ngày", "en": "days"},
}
_SUFFIX: Mapping[str | None, str] = {"working": "_working", "calendar": "_calendar", None: ""}


def by_day_type(messages: Mapping[str, Text]) -> dict[str, dict[str, str]]:
    """One message per day type for each template (``key``, ``key_working``, ``key_calendar``)."""
    out: dict[str, dict[str, str]] = {}
    for key, texts in messages.items():
        for day_type, words in DAY_WORDS.items():
            out[key + _SUFFIX[day_type]] = {
                lang: text.replace("[days]", words[lang]) for lang, text in texts.items()
            }
    return out


def _key(message: str, proc: Procedure) -> str:
    return message + _SUFFIX.get(proc.day_type, "")


class _FirstListed:
    """Which procedures of a unit are checked: the first listed under each key (code, else
    casefolded name). Keys are computed in order and only as far as asked, so a procedure a rule
    has nothing to say about costs no key."""

    __slots__ = ("_done", "_procs", "_seen")

    def __init__(self, procs: tuple[Procedure, ...]) -> None:
        self._procs = procs
        self._seen: set[str] = set()
        self._done = 0

    def key(self, index: int) -> str | None:
        """The key of procedure ``index`` when no procedure before it has that key, else
        ``None``; ask at most once per index, in increasing order."""
        procs, seen = self._procs, self._seen
        for earlier in procs[self._done : index]:
            seen.add(subject_of(earlier)[1])
        self._done = index + 1
        key = subject_of(procs[index])[1]
        if key in seen:
            return None
        seen.add(key)
        return key


def _diff(a: float, b: float) -> int | float:
    """``a - b`` for the evidence, computed exactly (an int for ints)."""
    if type(a) is int and type(b) is int:
        return a - b
    return _num(_dec(a) - _dec(b))


def _dec(value: float) -> Decimal:
    """A figure as an exact decimal (as written, not its binary float)."""
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)


def _num(value: Decimal) -> int | float:
    """A computed figure for the evidence: an int when whole."""
    return int(value) if value == value.to_integral_value() else float(value)


def _round2(value: Decimal) -> int | float:
    """A computed figure rounded to 2 decimals for the evidence (exact where it fits the decimal
    context; an extreme ratio, e.g. over a near-zero time, falls back to a float)."""
    try:
        return _num(round(value, 2))
    except ArithmeticError:
        return round(float(value), 2)


def _proc(**fields: object) -> dict[str, object]:
    return {"kind": "xa", "procedures": [{"name": "Chứng thực bản sao", **fields}]}


def _dossiers(**fields: object) -> dict[str, object]:
    return {"kind": "xa", "dossiers": fields}


# ---------------------------------------------------------------------------------------------
@rule(
    "DL001",
    family=FAMILY,
    severity="error",
    section="procedures",
    basis=BASIS,
    title={
        "vi": "Thời gian giải quyết thực tế vượt thời hạn",
        "en": "Actual processing time over the deadline",
    },
    description={
        "vi": "Thời gian giải quyết phổ biến (actual_days) vượt thời hạn theo quy định: lỗi; vượt "
        "thời hạn đơn vị đã công bố (committed_days): cảnh báo; thời gian tối đa "
        "(actual_days_max) vượt thời hạn theo quy định: cảnh báo. Bỏ qua thủ tục không có "
        "thời gian thực tế hoặc không có thời hạn để so sánh.",
        "en": "Typical processing time (actual_days) over the statutory time: error; over the "
        "unit's published deadline (committed_days): warning; the longest time "
        "(actual_days_max) over the statutory time: warning. Procedures with no actual time, "
        "or nothing to compare it with, are skipped.",
    },
    messages=by_day_type(
        {
            "over_statutory": {
                "vi": "{subject}: thời gian giải quyết thực tế {actual_days} [days], thời hạn "
                "theo quy định {regulated_days} [days], vượt {excess_days} [days]",
                "en": "{subject}: typical processing time {actual_days} exceeds the statutory "
                "{regulated_days} by {excess_days} ([days])",
            },
            "over_committed": {
                "vi": "{subject}: thời gian giải quyết thực tế {actual_days} [days], thời hạn "
                "đơn vị đã công bố {committed_days} [days], vượt {excess_days} [days]",
                "en": "{subject}: typical processing time {actual_days} exceeds the unit's "
                "published {committed_days} by {excess_days} ([days])",
            },
            "max_over_statutory": {
                "vi": "{subject}: có hồ sơ giải quyết tới {actual_days_max} [days], thời hạn "
                "theo quy định {regulated_days} [days], vượt {excess_days} [days]",
                "en": "{subject}: some dossiers took up to {actual_days_max}, over the statutory "
                "{regulated_days} by {excess_days} ([days])",
            },
        }
    )
    | {
        "no_actual": {
            "vi": "{subject}: không báo cáo thời gian giải quyết thực tế (actual_days, "
            "actual_days_max)",
            "en": "{subject}: actual processing time not reported (actual_days, actual_days_max)",
        },
        "no_limit": {
            "vi": "{subject}: không có thời hạn theo quy định hoặc đã công bố để so sánh "
            "(regulated_days, committed_days)",
            "en": "{subject}: no statutory or published deadline to compare with "
            "(regulated_days, committed_days)",
        },
    },
    examples=[
        Example(
            unit=_proc(regulated_days=15, day_type="working", actual_days=16),
            fires=True,
            severity="error",
        ),
        Example(
            unit=_proc(regulated_days=15, committed_days=10, actual_days=11),
            fires=True,
            severity="warning",
            note={
                "vi": "trong thời hạn theo quy định, vượt thời hạn đã công bố",
                "en": "within the statutory time, over the published one",
            },
        ),
        Example(
            unit=_proc(regulated_days=15, actual_days=12, actual_days_max=16),
            fires=True,
            severity="warning",
        ),
        Example(
            unit=_proc(regulated_days=15, committed_days=12, actual_days=12, actual_days_max=15),
            fires=False,
            note={"vi": "đúng bằng cả hai thời hạn", "en": "exactly at both deadlines"},
        ),
    ],
)
def dl001(unit: _Unit, ctx: Context) -> Iterator[Finding | Skip]:
    """Actual processing time against the statutory and the published deadline."""
    listed = _FirstListed(unit.procedures)
    for index, proc in enumerate(unit.procedures):
        actual, longest = proc.actual_days, proc.actual_days_max
        regulated, committed = proc.regulated_days, proc.committed_days
        if actual is None and longest is None:
            if listed.key(index) is not None:
                yield ctx.skip(unit, "no_actual", subject=proc.name)
            continue
        if regulated is None and (committed is None or actual is None):
            if listed.key(index) is not None:
                yield ctx.skip(unit, "no_limit", subject=proc.name)
            continue
        if actual is not None and regulated is not None and actual > regulated:
            message, severity = "over_statutory", None
            figures: dict[str, Any] = {
                "actual_days": actual,
                "excess_days": _diff(actual, regulated),
            }
        elif actual is not None and committed is not None and actual > committed:
            message, severity = "over_committed", "warning"
            figures = {
                "actual_days": actual,
                "committed_days": committed,
                "excess_days": _diff(actual, committed),
            }
        elif longest is not None and regulated is not None and longest > regulated:
            message, severity = "max_over_statutory", "warning"
            figures = {"actual_days_max": longest, "excess_days": _diff(longest, regulated)}
        else:
            continue
        key = listed.key(index)
        if key is not None:
            yield ctx.finding(
                unit,
                _key(message, proc),
                subject=proc.name,
                key=key,
                severity=severity,
                **figures,
                day_type=proc.day_type,
                regulated_days=regulated,
            )


# ---------------------------------------------------------------------------------------------
def _percent_matches(claimed: float, reduction: Decimal, regulated: Decimal) -> bool:
    """Whether a claimed reduction percentage equals ``reduction / regulated`` to half a unit of
    its last written decimal (30 passes 29.5–30.5; 33.3 passes 33.25–33.35), compared exactly."""
    written = _dec(claimed).normalize()
    exponent = written.as_tuple().exponent
    decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    tolerance = Decimal(5).scaleb(-(decimals + 1))
    return abs(written * regulated - reduction * 100) <= tolerance * regulated


def _reduction_mismatch(
    days: float | None, pct: float | None, statutory: float, actual: float
) -> tuple[str, int | float, int | float | None] | None:
    """``None`` when the claimed reduction (days, percent or both) is statutory minus actual
    time, else the message and the reduction in days and in percent (``None`` over no statutory
    time) for the evidence. Whole days with no percent claimed are judged in integers (the
    caller, :func:`dl002`, has already passed those equal to statutory minus actual time)."""
    if pct is None and type(days) is int and type(statutory) is int and type(actual) is int:
        reduction = statutory - actual
        return "mismatch_days", reduction, _percent_of(reduction, statutory) if statutory else None
    regulated = _dec(statutory)
    exact = regulated - _dec(actual)
    days_ok = days is None or _dec(days) == exact
    pct_ok = pct is None or regulated == 0 or _percent_matches(pct, exact, regulated)
    if days_ok and pct_ok:
        return None
    message = "mismatch_percent" if days_ok else "mismatch_days" if pct_ok else "mismatch_both"
    return message, _num(exact), _round2(exact * 100 / regulated) if regulated else None


#: Below this many days a reduction's percentage is computed in integers (the decimal quotient's
#: 28 digits could only tie where the exact one does far beyond it).
_INTEGER_BELOW = 10**20


def _percent_of(part: int, whole: int) -> int | float:
    """``part / whole`` in percent, as :func:`_round2` gives it from the decimal quotient (half
    to even at 2 decimals, an int when whole), in integers; ``whole`` is not zero."""
    if not -_INTEGER_BELOW < part < _INTEGER_BELOW:
        return _round2(Decimal(part) * 100 / Decimal(whole))
    scaled, whole = (part * 10_000, whole) if whole > 0 else (-part * 10_000, -whole)
    cents, rest = divmod(scaled, whole)  # floor, so 0 <= rest < whole
    if 2 * rest > whole or (2 * rest == whole and cents % 2):
        cents += 1
    return cents // 100 if cents % 100 == 0 else cents / 100


def _unverifiable(unit: _Unit, ctx: Context, proc: Procedure, key: str) -> Finding:
    """A claimed reduction with no statutory time, and the statutory time the claim implies."""
    days, pct, actual = (
        proc.claimed_reduction_days,
        proc.claimed_reduction_percent,
        proc.actual_days,
    )
    evidence: dict[str, Any] = {
        "day_type": proc.day_type,
        "actual_days": actual,
        "claimed_reduction_days": days,
        "claimed_reduction_percent": pct,
    }
    if actual is not None and days is not None:
        message = "unverifiable_days"
        evidence["implied_regulated_days"] = _num(_dec(actual) + _dec(days))
    elif actual is not None and pct is not None and pct < 100:
        message = "unverifiable_percent"
        implied = _dec(actual) * 100 / (100 - _dec(pct))
        evidence["implied_regulated_days"] = _round2(implied)
    else:
        message = "unverifiable"
    return ctx.finding(unit, _key(message, proc), subject=proc.name, key=key, **evidence)


@rule(
    "DL002",
    family=FAMILY,
    severity="warning",
    section="procedures",
    basis=BASIS,
    title={
        "vi": "Mức cắt giảm thời gian báo cáo không khớp hoặc không kiểm chứng được",
        "en": "Claimed time reduction does not match or cannot be verified",
    },
    description={
        "vi": "Mức giảm thời gian báo cáo (claimed_reduction_days hoặc "
        "claimed_reduction_percent) phải bằng thời hạn theo quy định trừ thời gian thực tế. "
        "Báo cáo mức giảm mà không nêu thời hạn theo quy định thì không kiểm chứng được; "
        "phát hiện nêu thời hạn mà số liệu ngụ ý (ví dụ 30 + 15 = 45 ngày). Tỷ lệ phần trăm "
        "được so với nửa đơn vị của chữ số thập phân cuối cùng đã ghi.",
        "en": "A claimed reduction (claimed_reduction_days or claimed_reduction_percent) must "
        "equal the statutory time minus the actual time. A reduction claimed with no "
        "statutory time cannot be verified; the finding shows the statutory time the claim "
        "implies (e.g. 30 + 15 = 45 days). A percentage is compared to half a unit of its "
        "last written decimal.",
    },
    messages=by_day_type(
        {
            "mismatch_days": {
                "vi": "{subject}: mức cắt giảm thời gian giải quyết nêu trong báo cáo là "
                "{claimed_reduction_days} [days], nhưng thời hạn theo quy định {regulated_days} − "
                "thực tế {actual_days} = {reduction_days} [days]",
                "en": "{subject}: a reduction of {claimed_reduction_days} is claimed, but "
                "statutory {regulated_days} − actual {actual_days} = {reduction_days} ([days])",
            },
            "mismatch_percent": {
                "vi": "{subject}: mức cắt giảm thời gian giải quyết nêu trong báo cáo là "
                "{claimed_reduction_percent}%, nhưng "
                "({regulated_days} − {actual_days}) / {regulated_days} = {reduction_percent}% "
                "(thời hạn theo quy định {regulated_days} [days], thực tế {actual_days} [days])",
                "en": "{subject}: a reduction of {claimed_reduction_percent}% is claimed, but "
                "({regulated_days} − {actual_days}) / {regulated_days} = {reduction_percent}% "
                "(statutory {regulated_days}, actual {actual_days}; [days])",
            },
            "mismatch_both": {
                "vi": "{subject}: mức cắt giảm thời gian giải quyết nêu trong báo cáo là "
                "{claimed_reduction_days} [days] ({claimed_reduction_percent}%), nhưng thời hạn "
                "theo quy định {regulated_days} "
                "− thực tế {actual_days} = {reduction_days} [days] ({reduction_percent}%)",
                "en": "{subject}: a reduction of {claimed_reduction_days} "
                "({claimed_reduction_percent}%) is claimed, but statutory {regulated_days} − "
                "actual {actual_days} = {reduction_days} ({reduction_percent}%; [days])",
            },
            "unverifiable_days": {
                "vi": "{subject}: mức cắt giảm thời gian giải quyết nêu trong báo cáo là "
                "{claimed_reduction_days} [days] (còn {actual_days} [days]) nhưng không nêu "
                "thời hạn theo quy định nên không kiểm chứng được; số liệu ngụ ý thời hạn "
                "{actual_days} + {claimed_reduction_days} = {implied_regulated_days} [days]",
                "en": "{subject}: a reduction of {claimed_reduction_days} (down to "
                "{actual_days}) is claimed with no statutory time to verify it against; it "
                "implies a statutory time of {actual_days} + {claimed_reduction_days} = "
                "{implied_regulated_days} ([days])",
            },
            "unverifiable_percent": {
                "vi": "{subject}: mức cắt giảm thời gian giải quyết nêu trong báo cáo là "
                "{claimed_reduction_percent}% (còn {actual_days} [days]) nhưng không nêu thời "
                "hạn theo quy định nên không kiểm chứng được; số "
                "liệu ngụ ý thời hạn {actual_days} / (1 − {claimed_reduction_percent}%) = "
                "{implied_regulated_days} [days]",
                "en": "{subject}: a reduction of {claimed_reduction_percent}% (down to "
                "{actual_days}) is claimed with no statutory time to verify it against; it "
                "implies a statutory time of {actual_days} / (1 − "
                "{claimed_reduction_percent}%) = {implied_regulated_days} ([days])",
            },
            "unverifiable": {
                "vi": "{subject}: báo cáo cắt giảm thời gian giải quyết nhưng không nêu thời hạn "
                "theo quy định nên không kiểm chứng được",
                "en": "{subject}: a time reduction is claimed with no statutory time to verify "
                "it against",
            },
        }
    )
    | {
        "no_actual": {
            "vi": "{subject}: báo cáo mức giảm nhưng không báo cáo thời gian thực tế (actual_days)",
            "en": "{subject}: a reduction is claimed but the actual time is not reported "
            "(actual_days)",
        },
    },
    examples=[
        Example(
            unit=_proc(
                regulated_days=3, day_type="working", actual_days=2, claimed_reduction_days=2
            ),
            fires=True,
        ),
        Example(
            unit=_proc(actual_days=30, claimed_reduction_days=15),
            fires=True,
            note={
                "vi": "không có thời hạn theo quy định: không kiểm chứng được, suy ra thời hạn "
                "trước khi cắt giảm là 30 + 15 = 45 ngày",
                "en": "no statutory time: unverifiable, implies 30 + 15 = 45 days",
            },
        ),
        Example(
            unit=_proc(regulated_days=10, actual_days=7, claimed_reduction_percent=35),
            fires=True,
        ),
        Example(
            unit=_proc(
                regulated_days=10,
                actual_days=7,
                claimed_reduction_days=3,
                claimed_reduction_percent=30,
            ),
            fires=False,
        ),
    ],
)
def dl002(unit: _Unit, ctx: Context) -> Iterator[Finding | Skip]:
    """Claimed reductions against statutory minus actual time."""
    listed = _FirstListed(unit.procedures)
    for index, proc in enumerate(unit.procedures):
        days, pct = proc.claimed_reduction_days, proc.claimed_reduction_percent
        if days is None and pct is None:
            continue
        statutory, actual = proc.regulated_days, proc.actual_days
        if statutory is None:
            key = listed.key(index)
            if key is not None:
                yield _unverifiable(unit, ctx, proc, key)
            continue
        if actual is None:
            if listed.key(index) is not None:
                yield ctx.skip(unit, "no_actual", subject=proc.name)
            continue
        if (
            pct is None
            and type(days) is int
            and type(statutory) is int
            and type(actual) is int
            and days == statutory - actual
        ):
            continue  # the common case, exact in integers
        mismatch = _reduction_mismatch(days, pct, statutory, actual)
        if mismatch is None:
            continue
        key = listed.key(index)
        if key is None:
            continue  # listed before under the same key: checked there
        message, reduction_days, reduction_percent = mismatch
        yield ctx.finding(
            unit,
            _key(message, proc),
            subject=proc.name,
            key=key,
            day_type=proc.day_type,
            regulated_days=proc.regulated_days,
            actual_days=proc.actual_days,
            reduction_days=reduction_days,
            reduction_percent=reduction_percent,
            claimed_reduction_days=days,
            claimed_reduction_percent=pct,
        )


# ---------------------------------------------------------------------------------------------
@rule(
    "DL003",
    family=FAMILY,
    severity="error",
    section="procedures",
    basis=BASIS,
    title={
        "vi": "Thời hạn công bố dài hơn thời hạn theo quy định",
        "en": "Published deadline longer than the statutory one",
    },
    description={
        "vi": "Thời hạn giải quyết đơn vị công bố (committed_days) dài hơn thời hạn theo quy định "
        "(regulated_days). Chỉ kiểm tra thủ tục có thời hạn công bố.",
        "en": "The deadline the unit publishes (committed_days) is longer than the statutory "
        "one (regulated_days). Checked only for procedures with a published deadline.",
    },
    messages=by_day_type(
        {
            "over": {
                "vi": "{subject}: thời hạn công bố {committed_days} [days] dài hơn thời hạn theo "
                "quy định {regulated_days} [days] ({excess_days} [days])",
                "en": "{subject}: the published deadline of {committed_days} is longer than the "
                "statutory {regulated_days} by {excess_days} ([days])",
            }
        }
    )
    | {
        "no_regulated": {
            "vi": "{subject}: có thời hạn công bố nhưng không có thời hạn theo quy định "
            "(regulated_days)",
            "en": "{subject}: a published deadline but no statutory time (regulated_days)",
        },
    },
    examples=[
        Example(unit=_proc(regulated_days=3, committed_days=5), fires=True),
        Example(unit=_proc(regulated_days=3, committed_days=3), fires=False),
    ],
)
def dl003(unit: _Unit, ctx: Context) -> Iterator[Finding | Skip]:
    """Published deadlines longer than the statutory ones."""
    listed = _FirstListed(unit.procedures)
    for index, proc in enumerate(unit.procedures):
        committed, regulated = proc.committed_days, proc.regulated_days
        if committed is None:
            continue
        if regulated is None:
            if listed.key(index) is not None:
                yield ctx.skip(unit, "no_regulated", subject=proc.name)
        elif committed > regulated:
            key = listed.key(index)
            if key is not None:
                yield ctx.finding(
                    unit,
                    _key("over", proc),
                    subject=proc.name,
                    key=key,
                    day_type=proc.day_type,
                    committed_days=committed,
                    regulated_days=regulated,
                    excess_days=_diff(committed, regulated),
                )


# ---------------------------------------------------------------------------------------------
@rule(
    "DL004",
    family=FAMILY,
    severity="warning",
    section="dossiers",
    basis=BASIS,
    params=[
        Param(
            name="min_on_time_percent",
            default=95,
            doc={
                "vi": "Tỷ lệ hồ sơ giải quyết đúng và trước hạn tối thiểu trên số hồ sơ đã giải "
                "quyết (ngưỡng tham chiếu của công cụ, không phải quy định pháp luật).",
                "en": "Minimum share of resolved dossiers resolved early or on time (policy "
                "default, no legal basis).",
            },
            shown_in=("low", "low_pending"),
        )
    ],
    title={"vi": "Tỷ lệ giải quyết đúng hạn thấp", "en": "Low on-time resolution rate"},
    description={
        "vi": "Tỷ lệ đúng hạn = (trước hạn + đúng hạn) / (đã giải quyết + đang giải quyết quá "
        "hạn), với đã giải quyết = trước hạn + đúng hạn + quá hạn (hoặc tổng đã giải quyết "
        "được báo cáo khi không có số quá hạn); hồ sơ đang giải quyết quá hạn (pending_overdue) "
        "được tính là không đúng hạn, như chỉ số tiến độ của Bộ chỉ số theo Quyết định "
        "766/QĐ-TTg. Cảnh báo khi thấp hơn ngưỡng (bằng ngưỡng là đạt). Bỏ qua khi không có "
        "hồ sơ nào để tính.",
        "en": "On-time rate = (early + on time) / (resolved + pending overdue), where resolved = "
        "early + on time + late (or the stated resolved total where late is not given); a "
        "dossier pending past its deadline (pending_overdue) counts as not on time, as in the "
        "progress indicator of the index of Quyết định 766/QĐ-TTg. A warning below the "
        "threshold (exactly at it passes). Skipped when there is nothing to count.",
    },
    messages={
        "low_pending": {
            "vi": "giải quyết đúng và trước hạn {on_time}/{counted} hồ sơ = {on_time_percent}% "
            "(tính cả {pending_overdue} hồ sơ đang giải quyết quá hạn; ngưỡng "
            "{min_on_time_percent}%)",
            "en": "{on_time} of {counted} {counted:plural|one=dossier|other=dossiers} resolved "
            "early or on time = {on_time_percent}% ({pending_overdue} pending overdue "
            "counted; threshold {min_on_time_percent}%)",
        },
        "low": {
            "vi": "giải quyết đúng và trước hạn {on_time}/{resolved} hồ sơ = {on_time_percent}% "
            "(ngưỡng {min_on_time_percent}%)",
            "en": "{on_time} of {resolved} resolved {resolved:plural|one=dossier|other=dossiers} "
            "early or on time = "
            "{on_time_percent}% (threshold {min_on_time_percent}%)",
        },
        "no_on_time": {
            "vi": "không báo cáo số hồ sơ giải quyết đúng hạn, trước hạn "
            "(resolved_on_time, resolved_early)",
            "en": "dossiers resolved on time or early not reported "
            "(resolved_on_time, resolved_early)",
        },
        "no_late": {
            "vi": "không báo cáo số hồ sơ giải quyết quá hạn hoặc tổng số đã giải quyết "
            "(resolved_late, resolved)",
            "en": "neither late dossiers nor the resolved total reported (resolved_late, resolved)",
        },
        "none_resolved": {
            "vi": "chưa giải quyết hồ sơ nào trong kỳ",
            "en": "no dossier was resolved in the period",
        },
    },
    examples=[
        Example(unit=_dossiers(received=1000, resolved_on_time=949, resolved_late=51), fires=True),
        Example(
            unit=_dossiers(
                received=1000, resolved_early=300, resolved_on_time=650, resolved_late=50
            ),
            fires=False,
            note={"vi": "đúng 95%", "en": "exactly 95 %"},
        ),
    ],
)
def dl004(unit: _Unit, ctx: Context) -> Iterator[Finding | Skip]:
    """On-time rate over resolved dossiers, below the policy threshold."""
    d = unit.dossiers
    if d is None:
        return
    early, on_time, late = d.resolved_early, d.resolved_on_time, d.resolved_late
    if early is None and on_time is None:
        yield ctx.skip(unit, "no_on_time")
        return
    good = (early or 0) + (on_time or 0)
    if late is not None:
        resolved, used = good + late, "resolved_early + resolved_on_time + resolved_late"
    elif d.resolved is not None:
        resolved, used = d.resolved, "resolved"
    else:
        yield ctx.skip(unit, "no_late")
        return
    overdue = d.pending_overdue or 0
    counted = resolved + overdue
    if counted <= 0:
        yield ctx.skip(unit, "none_resolved")
        return
    minimum = ctx.params(unit)["min_on_time_percent"]
    # exact: good / counted < minimum / 100, never through a rounded rate
    if ctx.below(good, counted, minimum):
        extra: dict[str, Any] = {"pending_overdue": overdue, "counted": counted} if overdue else {}
        yield ctx.finding(
            unit,
            "low_pending" if overdue else "low",
            resolved_early=early,
            resolved_on_time=on_time,
            resolved_late=late,
            resolved=resolved,
            count_used=used + (" + pending_overdue" if overdue else ""),
            on_time=good,
            on_time_percent=ctx.percent(good, counted, under=minimum),
            min_on_time_percent=minimum,
            **extra,
        )


# ---------------------------------------------------------------------------------------------
def _overdue(d: Dossiers | None) -> tuple[int, bool] | None:
    """(overdue dossiers, whether from the combined ``overdue_total``), or ``None``."""
    if d is None:
        return None
    late, pending = d.resolved_late, d.pending_overdue
    combined = late is None and pending is None
    if combined:
        return None if d.overdue_total is None else (d.overdue_total, True)
    return (late or 0) + (pending or 0), False


def _slips_missing(d: Dossiers | None) -> int:
    """Apology slips missing in ``d`` (0 when not known)."""
    got = _overdue(d)
    if d is None or got is None or d.apology_slips is None:
        return 0
    return max(got[0] - d.apology_slips, 0)


@rule(
    "DL005",
    family=FAMILY,
    severity="error",
    section="dossiers",
    basis=BASIS,
    title={
        "vi": "Hồ sơ quá hạn không có phiếu xin lỗi",
        "en": "Overdue dossiers without an apology slip",
    },
    description={
        "vi": "Mỗi hồ sơ quá hạn (giải quyết quá hạn + đang giải quyết quá hạn, hoặc số quá hạn "
        "báo cáo gộp overdue_total khi không có hai số kia) phải có phiếu "
        "xin lỗi và hẹn lại ngày trả kết quả. Số chưa báo cáo được tính là 0 khi số còn lại "
        "được báo cáo; không báo cáo cả hai thì không có gì để kiểm tra. Có hồ sơ quá hạn mà "
        "không báo cáo số phiếu xin lỗi: bỏ qua, nêu số hồ sơ quá hạn. Ở đơn vị tổng hợp, "
        "số phiếu thiếu đã nêu ở các đơn vị trực thuộc không bị nêu lại.",
        "en": "Every overdue dossier (resolved late + pending overdue, or the combined "
        "overdue_total where neither is given) needs an apology slip "
        "with a new return date. A term not given counts as 0 when the other is given; with "
        "neither there is nothing to check. Overdue dossiers with apology_slips not given: "
        "skipped, naming the overdue count. On an aggregating unit, the slips already "
        "missing on its subordinate units are not reported again.",
    },
    messages={
        "missing": {
            "vi": "{overdue} hồ sơ quá hạn ({resolved_late} giải quyết quá hạn, "
            "{pending_overdue} đang quá hạn) nhưng chỉ có {apology_slips} phiếu xin lỗi, "
            "thiếu {missing}",
            "en": "{overdue} overdue {overdue:plural|one=dossier|other=dossiers} "
            "({resolved_late} resolved late, {pending_overdue} pending overdue) but only "
            "{apology_slips} {apology_slips:plural|one=apology slip|other=apology slips}, "
            "{missing} missing",
        },
        "missing_combined": {
            "vi": "{overdue} hồ sơ quá hạn (giải quyết quá hạn và đang quá hạn, báo cáo gộp) "
            "nhưng chỉ có {apology_slips} phiếu xin lỗi, thiếu {missing}",
            "en": "{overdue} overdue {overdue:plural|one=dossier|other=dossiers} (resolved late "
            "and pending overdue, stated as one count) but only {apology_slips} "
            "{apology_slips:plural|one=apology slip|other=apology slips}, {missing} missing",
        },
        "missing_beyond": {
            "vi": "{overdue} hồ sơ quá hạn nhưng chỉ có {apology_slips} phiếu xin lỗi, thiếu "
            "{missing_total}, trong đó {missing_subordinates} đã nêu ở các đơn vị trực thuộc; "
            "còn thiếu {missing}",
            "en": "{overdue} overdue {overdue:plural|one=dossier|other=dossiers} but only "
            "{apology_slips} {apology_slips:plural|one=apology slip|other=apology slips}, "
            "{missing_total} missing, of which {missing_subordinates} named on the subordinate "
            "units; {missing} more",
        },
        "no_slips": {
            "vi": "có {overdue} hồ sơ quá hạn nhưng không báo cáo số phiếu xin lỗi (apology_slips)",
            "en": "{overdue} overdue {overdue:plural|one=dossier|other=dossiers} but apology "
            "slips not reported (apology_slips)",
        },
    },
    examples=[
        Example(
            unit=_dossiers(received=100, resolved_late=30, pending_overdue=1, apology_slips=30),
            fires=True,
        ),
        Example(
            unit=_dossiers(received=100, resolved_late=30, pending_overdue=1, apology_slips=31),
            fires=False,
        ),
    ],
)
def dl005(unit: _Unit, ctx: Context) -> Iterator[Finding | Skip]:
    """An apology slip for every overdue dossier; on an aggregating unit, only the slips its
    subordinate units' own findings do not already name."""
    d = unit.dossiers
    got = _overdue(d)
    if d is None or got is None:
        return
    overdue, combined = got
    if not overdue:
        return
    slips = d.apology_slips
    if slips is None:
        yield ctx.skip(unit, "no_slips", overdue=overdue)
        return
    if slips >= overdue:
        return
    missing = overdue - slips
    below = sum(_slips_missing(child.dossiers) for child in ctx.children(unit))
    if below >= missing:
        return  # the subordinate units' findings name every missing slip
    common: dict[str, Any] = {
        "overdue": overdue,
        "count_used": "overdue_total" if combined else "resolved_late + pending_overdue",
        "resolved_late": d.resolved_late or 0,
        "pending_overdue": d.pending_overdue or 0,
        "apology_slips": slips,
    }
    if below:
        yield ctx.finding(
            unit,
            "missing_beyond",
            missing_total=missing,
            missing_subordinates=below,
            missing=missing - below,
            **common,
        )
        return
    yield ctx.finding(
        unit, "missing_combined" if combined else "missing", missing=missing, **common
    )


# ---------------------------------------------------------------------------------------------
@rule(
    "DL006",
    family=FAMILY,
    severity="warning",
    section="dossiers",
    basis=BASIS,
    title={
        "vi": "Không có số liệu kết quả giải quyết hồ sơ",
        "en": "No dossier results reported",
    },
    description={
        "vi": "Đơn vị tiếp nhận hồ sơ (received > 0, hoặc tổng số phải giải quyết "
        "received_total > 0 khi không có số tiếp nhận mới) nhưng không báo cáo một số liệu kết "
        "quả nào (đã giải quyết trước hạn, đúng hạn, quá hạn; đang giải quyết trong hạn, quá "
        "hạn; tổng đã giải quyết, đang giải quyết; hoặc số quá hạn gộp) — những số liệu pháp "
        "luật yêu cầu. Bằng chứng ghi số liệu đã dùng (count_used).",
        "en": "The unit received dossiers (received > 0, or received_total > 0 where the newly "
        "received count is not given) but reports not one result figure (resolved early, on "
        "time, late; pending in time, overdue; the resolved and pending totals; or the "
        "combined overdue count) — the figures the law requires. The evidence names the count "
        "used (count_used).",
    },
    messages={
        "no_results": {
            "vi": "tiếp nhận {received} hồ sơ nhưng không báo cáo kết quả giải quyết (đúng hạn, "
            "trước hạn, quá hạn, đang giải quyết)",
            "en": "{received} {received:plural|one=dossier|other=dossiers} received but no result "
            "reported (on time, early, late, "
            "pending)",
        },
        "no_results_total": {
            "vi": "{received_total} hồ sơ phải giải quyết (kể cả kỳ trước chuyển sang) nhưng "
            "không báo cáo kết quả giải quyết (đúng hạn, trước hạn, quá hạn, đang giải quyết)",
            "en": "{received_total} {received_total:plural|one=dossier|other=dossiers} to handle "
            "(carried over included) but no result "
            "reported (on time, early, late, pending)",
        },
    },
    examples=[
        Example(unit=_dossiers(received=2807), fires=True),
        Example(unit=_dossiers(received=100, resolved_on_time=100, pending_in_time=0), fires=False),
        Example(
            unit=_dossiers(received=0),
            fires=False,
            note={"vi": "không tiếp nhận hồ sơ nào", "en": "nothing received"},
        ),
        Example(
            unit=_dossiers(received_total=10000, carried_over=800),
            fires=True,
            note={
                "vi": "chỉ nêu tổng số gồm cả hồ sơ kỳ trước chuyển sang",
                "en": "only the total including carried-over dossiers is stated",
            },
        ),
    ],
)
def dl006(unit: _Unit, ctx: Context) -> Iterator[Finding | Skip]:
    """Dossiers received with no result figure at all."""
    d = unit.dossiers
    if d is None:
        return
    if d.received is not None:
        used, count = "received", d.received
    elif d.received_total is not None:
        used, count = "received_total", d.received_total
    else:
        yield ctx.skip(unit, "skip.missing_fields", fields="received, received_total")
        return
    if (
        count  # 0: nothing to break down
        and d.resolved_early is None
        and d.resolved_on_time is None
        and d.resolved_late is None
        and d.pending_in_time is None
        and d.pending_overdue is None
        and d.resolved is None
        and d.pending is None
        and d.overdue_total is None
    ):
        message = "no_results" if used == "received" else "no_results_total"
        evidence: dict[str, Any] = {used: count}
        yield ctx.finding(unit, message, count_used=used, **evidence)


# ---------------------------------------------------------------------------------------------
# DL007, DL008: digitisation and online payment against their targets


def _share(
    d: Dossiers, part_name: str, stated: StatedPercent | None, bases: tuple[str, ...]
) -> tuple[Decimal, dict[str, Any]] | None:
    """A share from the counts (the named base, else the first base given), else the stated one
    when it is a plain figure; ``None`` with neither. The evidence says which it used."""
    part = getattr(d, part_name)
    wanted = (stated.base,) if stated is not None and stated.base is not None else bases
    if part is not None:
        for base in wanted:
            whole = d.base_count(base)
            if whole:
                share = Decimal(part * 100) / Decimal(whole)
                return share, {part_name: part, "count_used": base, "whole": whole}
    if stated is not None and stated.qualifier in ("exact", "over", "at_least"):
        return stated.value, {"stated": stated, "count_used": None, "whole": None}
    return None


def _target(
    unit: _Unit,
    ctx: Context,
    share: tuple[Decimal, dict[str, Any]] | None,
    minimum: float,
    topic: str,
    param: str,
) -> Iterator[Finding]:
    """A share below its target: a warning where a binding document of ``topic`` is in force
    during the period, else information saying none is."""
    if share is None:
        return
    value, evidence = share
    if value >= ctx.exact(minimum):
        return
    binding = ctx.in_force(topic)
    source = "counts" if evidence["count_used"] else "stated"
    figures: dict[str, Any] = {param: minimum, **evidence}
    yield ctx.finding(
        unit,
        f"low_{source}" if binding else f"low_{source}_no_basis",
        severity=None if binding else "info",
        percent=_round2(value),
        basis_in_force=binding,
        **figures,
    )


#: The messages of a share below its target (DL007, DL008): each shows the policy-default target.
_TARGET_KEYS = ("low_counts", "low_stated", "low_counts_no_basis", "low_stated_no_basis")

_NO_BASIS = {
    "vi": "; chưa có văn bản bắt buộc về nội dung này có hiệu lực trong kỳ",
    "en": "; no binding document on this was in force in the period",
}


def _target_messages(
    what: Mapping[str, str], part: Mapping[str, str], param: str
) -> dict[str, dict[str, str]]:
    low = {
        "low_counts": {
            "vi": f"{what['vi']}: {{{part['key']}}}/{{whole}} ({{count_used}}) = {{percent}}%, "
            f"thấp hơn mục tiêu {{{param}}}%",
            "en": f"{what['en']}: {{{part['key']}}} of {{whole}} ({{count_used}}) = "
            f"{{percent}}%, below the {{{param}}}% target",
        },
        "low_stated": {
            "vi": f"{what['vi']}: báo cáo {{stated}}%, thấp hơn mục tiêu {{{param}}}%",
            "en": f"{what['en']}: {{stated}}% stated, below the {{{param}}}% target",
        },
    }
    return low | {
        f"{k}_no_basis": {lang: text + _NO_BASIS[lang] for lang, text in texts.items()}
        for k, texts in low.items()
    }


@rule(
    "DL007",
    family=FAMILY,
    severity="warning",
    section="dossiers",
    basis=("digitisation",),
    params=[
        Param(
            name="min_digitised_percent",
            shown_in=_TARGET_KEYS,
            default=100,
            doc={
                "vi": "Tỷ lệ hồ sơ được số hóa tối thiểu (ngưỡng tham chiếu của công cụ, không "
                "phải quy định pháp luật: không văn bản nào nêu con số; Thông tư "
                "01/2023/TT-VPCP quy định việc số hóa).",
                "en": "Minimum share of dossiers digitised (policy default: no legal basis "
                "states the figure; Thông tư 01/2023/TT-VPCP governs digitisation).",
            },
        )
    ],
    title={
        "vi": "Tỷ lệ số hóa hồ sơ thấp hơn mục tiêu",
        "en": "Digitised share of dossiers below the target",
    },
    description={
        "vi": "Tỷ lệ hồ sơ được số hóa = digitised / cơ sở (cơ sở báo cáo nêu, nếu không thì "
        "tiếp nhận mới, tổng số phải giải quyết, đã giải quyết); không có số liệu thì dùng tỷ lệ "
        "báo cáo nêu (stated_digitised_percent). Thấp hơn ngưỡng: cảnh báo khi có văn bản bắt "
        "buộc về số hóa có hiệu lực trong kỳ, trước đó là thông tin. Bằng chứng ghi số liệu "
        "cơ sở đã dùng (count_used).",
        "en": "Digitised share = digitised / base (the base the report names, else newly "
        "received, total to handle, resolved); without counts, the stated share "
        "(stated_digitised_percent). Below the threshold: a warning where a binding "
        "document on digitisation is in force during the period, information before. The "
        "evidence names the count used (count_used).",
    },
    messages=_target_messages(
        {"vi": "Số hóa hồ sơ", "en": "Dossiers digitised"},
        {"key": "digitised"},
        "min_digitised_percent",
    ),
    examples=[
        Example(
            unit=_dossiers(received=1000, digitised=950),
            period=("2024-01-01", "2024-06-30"),
            fires=True,
            severity="warning",
        ),
        Example(
            unit=_dossiers(received=1000, digitised=1000),
            period=("2024-01-01", "2024-06-30"),
            fires=False,
        ),
        Example(
            unit=_dossiers(stated_digitised_percent=100),
            period=("2024-01-01", "2024-06-30"),
            fires=False,
            note={
                "vi": "báo cáo ghi “Số hóa hồ sơ, kết quả giải quyết đạt 100%”",
                "en": "the report states “Số hóa hồ sơ, kết quả giải quyết đạt 100%” "
                "(100 % digitised)",
            },
        ),
        Example(
            unit=_dossiers(received=1000, digitised=950),
            period=("2022-01-01", "2022-06-30"),
            fires=True,
            severity="info",
            note={
                "vi": "trước khi Thông tư 01/2023/TT-VPCP có hiệu lực",
                "en": "before Thông tư 01/2023/TT-VPCP took effect",
            },
        ),
    ],
)
def dl007(unit: _Unit, ctx: Context) -> Iterator[Finding]:
    """Digitised share of dossiers against its target."""
    d = unit.dossiers
    if d is None:
        return
    share = _share(
        d, "digitised", d.stated_digitised_percent, ("received", "received_total", "resolved")
    )
    minimum = ctx.params(unit)["min_digitised_percent"]
    yield from _target(unit, ctx, share, minimum, "digitisation", "min_digitised_percent")


@rule(
    "DL008",
    family=FAMILY,
    severity="warning",
    section="dossiers",
    basis=("online_payment",),
    params=[
        Param(
            name="min_paid_online_percent",
            shown_in=_TARGET_KEYS,
            default=50,
            doc={
                "vi": "Tỷ lệ hồ sơ có phí, lệ phí được thanh toán trực tuyến tối thiểu (ngưỡng "
                "tham chiếu của công cụ, không phải quy định pháp luật).",
                "en": "Minimum share of dossiers with a fee paid online (policy default, no "
                "legal basis).",
            },
        )
    ],
    title={
        "vi": "Tỷ lệ thanh toán trực tuyến thấp hơn mục tiêu",
        "en": "Online payment share below the target",
    },
    description={
        "vi": "Tỷ lệ thanh toán trực tuyến = paid_online / cơ sở (cơ sở báo cáo nêu, nếu không "
        "thì hồ sơ có phí, lệ phí — payable —, hồ sơ trực tuyến); không có số liệu thì dùng tỷ "
        "lệ báo cáo nêu (stated_paid_online_percent). Thấp hơn ngưỡng: cảnh báo khi có văn bản "
        "bắt buộc có hiệu lực trong kỳ, trước đó là thông tin.",
        "en": "Online payment share = paid_online / base (the base the report names, else "
        "dossiers with a fee — payable —, received online); without counts, the stated share "
        "(stated_paid_online_percent). Below the threshold: a warning where a binding document "
        "is in force during the period, information before.",
    },
    messages=_target_messages(
        {"vi": "Thanh toán trực tuyến", "en": "Online payment"},
        {"key": "paid_online"},
        "min_paid_online_percent",
    ),
    examples=[
        Example(
            unit=_dossiers(payable=1000, paid_online=499),
            period=("2024-01-01", "2024-06-30"),
            fires=True,
            severity="warning",
        ),
        Example(
            unit=_dossiers(payable=1000, paid_online=500),
            period=("2024-01-01", "2024-06-30"),
            fires=False,
            note={"vi": "đúng bằng mục tiêu", "en": "exactly at the target"},
        ),
        Example(
            unit=_dossiers(stated_paid_online_percent="91,2"),
            period=("2024-01-01", "2024-06-30"),
            fires=False,
            note={
                "vi": "báo cáo ghi “thanh toán trực tuyến chiếm 91,2%”",
                "en": "the report states “thanh toán trực tuyến chiếm 91,2%” (91.2 % paid online)",
            },
        ),
    ],
)
def dl008(unit: _Unit, ctx: Context) -> Iterator[Finding]:
    """Online payment share against its target."""
    d = unit.dossiers
    if d is None:
        return
    share = _share(d, "paid_online", d.stated_paid_online_percent, ("payable", "received_online"))
    minimum = ctx.params(unit)["min_paid_online_percent"]
    yield from _target(unit, ctx, share, minimum, "online_payment", "min_paid_online_percent")


@hookimpl
def cchc_register_rules(register: Callable[[Rule], None]) -> None:
    """Register the deadline rules."""
    for r in (dl001, dl002, dl003, dl004, dl005, dl006, dl007, dl008):
        register(r)
