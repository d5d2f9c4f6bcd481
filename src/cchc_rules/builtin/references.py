"""Built-in rule family: references (RF001–RF008), over ``references`` and ``dataset.report``.

Numbers are parsed by :mod:`cchc_rules.citations` (never guessed). A citation's year is the year
in its number, else the year of its date (``02/NQ-CP`` recurs every year). Its issuer is the
national body its number names (``CP``, ``TTg``, a ministry, ``TW``…), else ``issuer`` (the unit
itself when it names the unit: "UBND quận Lê Chân", "Ủy ban nhân dân quận Lê Chân" or its id),
else the reporting unit for ``role = "issued"``; otherwise it is unknown, and the citation takes
no part in the numbering checks (RF004, RF007).

The subject of a finding is the number as written; its key is the number's identity and year,
so that spellings of one document share a fingerprint: ``59/2019/nđ-cp`` for a number with its
year in it (a normative document, văn bản quy phạm pháp luật), ``2/nq-cp/2022`` for one without
(its year from its date). "12/2022/QĐ-UBND" (normative) and "12/QĐ-UBND" of 2022 (an ordinary
decision) are two documents, with distinct keys and separate numbering sequences (RF004, RF007).
An unparseable number is reported once, by RF008 (info); the other rules leave it out rather than
guess, except RF002 (the same text listed twice) and RF003 (an issued document's date).
"""

from __future__ import annotations

import datetime as _dt
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import Any, NamedTuple

from cchc_rules import (
    Context,
    DocumentTable,
    Example,
    Finding,
    Reference,
    Rule,
    Skip,
    hookimpl,
    rule,
    subject_key,
)
from cchc_rules import Unit as _Unit
from cchc_rules.citations import REASON_CODES, DocumentNumber, UnparseableNumber, read_number

FAMILY = "references"
SELF = "="  # the issuer identity of the reporting unit itself

Result = Iterator[Finding | Skip]


class Cite(NamedTuple):
    """One reference as read: the parsed number (or why it is unparseable) and its year."""

    ref: Reference
    number: DocumentNumber | None
    error: UnparseableNumber | None
    year: int | None  # the number's year, else the date's
    key: str  # identity + year, stable across spellings


@lru_cache(maxsize=1 << 16)
def _reading(
    number: str, date_year: int | None
) -> tuple[DocumentNumber | None, UnparseableNumber | None, int | None, str]:
    parsed = read_number(number)
    if isinstance(parsed, UnparseableNumber):
        raw = subject_key(number)
        return None, parsed, date_year, raw if date_year is None else f"{raw}|{date_year}"
    year = parsed.year if parsed.year is not None else date_year
    t = f"{parsed.doc_type}-" if parsed.doc_type else ""
    # canonical codes are NFC already: lower() is their casefold, bar the Đ (lower() handles it)
    if parsed.year is not None:  # the year is part of the number: a normative document
        return parsed, None, year, f"{parsed.seq}/{year}/{t}{parsed.issuer}".lower()
    y = f"/{year}" if year is not None else ""
    return parsed, None, year, f"{parsed.seq}/{t}{parsed.issuer}{y}".lower()


def read(ref: Reference) -> Cite:
    """Parse one reference (readings are cached across rules and units)."""
    date = ref.date
    return Cite(ref, *_reading(ref.number, date.year if date is not None else None))


def cites(unit: _Unit) -> list[Cite]:
    return [read(r) for r in unit.references]


_ISSUER_WORDS = (
    ("ủy ban nhân dân", "ubnd"),
    ("uỷ ban nhân dân", "ubnd"),
    ("hội đồng nhân dân", "hđnd"),
)


@lru_cache(maxsize=1 << 14)
def normalise_issuer(text: str) -> str:
    """An issuer's name as compared: casefolded, spaces collapsed, "Ủy ban nhân dân" → "ubnd"."""
    key = subject_key(text)
    for long, short in _ISSUER_WORDS:
        key = key.replace(long, short)
    return key


def issuer_of(c: Cite, unit: _Unit) -> str | None:
    """Who issued a citation listed by ``unit``: ``SELF``, ``@CODE`` for a national body, a
    normalised name, or ``None`` when unknown."""
    n = c.number
    if n is not None and n.national:
        return "@" + n.issuer
    issuer = c.ref.issuer
    if issuer:
        name = normalise_issuer(issuer)
        if name == normalise_issuer(unit.name) or name == normalise_issuer(unit.id):
            return SELF
        return name
    if c.ref.role == "issued":
        return SELF
    return None


def _written(c: Cite) -> dict[str, Any]:
    """The citation as written, for the evidence."""
    out: dict[str, Any] = {"number": c.ref.number, "date": c.ref.date}
    if c.ref.where:
        out["where"] = c.ref.where
    return out


def _documents(ctx: Context) -> DocumentTable | None:
    table = ctx.services.get("documents")
    return table if isinstance(table, DocumentTable) else None


def _ex(*refs: dict[str, object]) -> dict[str, object]:
    return {"kind": "phuong", "references": list(refs)}


def _issued(number: str, date: str) -> dict[str, object]:
    return {"number": number, "date": date, "role": "issued"}


PERIOD_2023 = ("2023-01-01", "2023-12-31")

# ---------------------------------------------------------------------------------------------
# RF001 year in the number vs year of the date


@rule(
    "RF001",
    family=FAMILY,
    severity="warning",
    section="references",
    title={
        "vi": "Năm trong số văn bản khác năm của ngày ban hành",
        "en": "The year in a document number differs from the year of its date",
    },
    description={
        "vi": "Số văn bản có năm (59/2019/NĐ-CP) nhưng ngày ghi kèm thuộc năm khác "
        "(“ngày 01/7/2021”): một trong hai bị ghi sai. Nêu ngày đúng khi văn bản có trong "
        "bảng văn bản trung ương.",
        "en": "A number holding a year (59/2019/NĐ-CP) cited with a date of another year "
        "(“01/7/2021”): one of them is wrong. The correct date is given where the document is "
        "in the table of national documents.",
    },
    messages={
        "mismatch": {
            "vi": "{number} ghi ngày {date}: năm trong số văn bản khác năm của ngày ban hành",
            "en": "{number} dated {date}: the year in the number is not the year of the date",
        },
        "mismatch_known": {
            "vi": "{number} ghi ngày {date}: năm trong số văn bản khác năm của ngày ban "
            "hành; văn bản ban hành ngày {known_date}",
            "en": "{number} dated {date}: the year in the number is not the year of the "
            "date; the document is of {known_date}",
        },
    },
    examples=[
        Example(unit=_ex({"number": "59/2019/NĐ-CP", "date": "2021-07-01"}), fires=True),
        Example(unit=_ex({"number": "59/2019/NĐ-CP", "date": "2019-07-01"}), fires=False),
    ],
)
def rf001(unit: _Unit, ctx: Context) -> Result:
    """The year written in a number against the year of its date."""
    table = _documents(ctx)
    seen: set[str] = set()
    for ref in unit.references:
        date = ref.date
        if date is None:
            continue
        n = read_number(ref.number)
        if not isinstance(n, DocumentNumber) or n.year is None or n.year == date.year:
            continue
        c = read(ref)
        if c.key in seen:
            continue
        seen.add(c.key)
        known = table.lookup(n, date) if table is not None else None
        extra: dict[str, Any] = {"known_date": known.date} if known is not None else {}
        yield ctx.finding(
            unit,
            "mismatch_known" if known is not None else "mismatch",
            subject=c.ref.number,
            key=c.key,
            number_year=n.year,
            date_year=date.year,
            **_written(c),
            **extra,
        )


# ---------------------------------------------------------------------------------------------
# RF002 listed twice as issued / one document with different dates


def _same_document(
    unit: _Unit, all_cites: Iterable[Cite]
) -> dict[tuple[str, str | None], list[Cite]]:
    groups: dict[tuple[str, str | None], list[Cite]] = {}
    for c in all_cites:
        groups.setdefault((c.key, issuer_of(c, unit)), []).append(c)
    return groups


def _group_key(key: str, issuer: str | None) -> str:
    """A finding key: the number's key, plus the issuer when it is named and not the unit."""
    if issuer is None or issuer == SELF or issuer.startswith("@"):
        return key
    return f"{key}@{issuer}"


@rule(
    "RF002",
    family=FAMILY,
    severity="warning",
    section="references",
    title={
        "vi": "Văn bản liệt kê trùng hoặc ghi với các ngày khác nhau",
        "en": "A document listed twice as issued, or cited with different dates",
    },
    description={
        "vi": "Cùng một văn bản (cùng số, năm và cơ quan ban hành) được liệt kê hai lần là văn "
        "bản đơn vị ban hành (thông tin), hoặc được ghi với các ngày khác nhau (cảnh báo). Trích "
        "dẫn một văn bản nhiều lần với cùng ngày là bình thường.",
        "en": "One document (same number, year and issuer) listed twice as issued by the unit "
        "(info), or cited with different dates (warning). Citing a document several times with "
        "one date is normal and not flagged.",
    },
    messages={
        "listed_twice": {
            "vi": "{number} ngày {date} được liệt kê {count} lần là văn bản đơn vị ban hành",
            "en": "{number} of {date} is listed {count} {count:plural|one=time|other=times} as "
            "issued by the unit",
        },
        "dates": {
            "vi": "{number}: cùng một văn bản được ghi với các ngày khác nhau: {dates}",
            "en": "{number}: one document is cited with different dates: {dates}",
        },
    },
    examples=[
        Example(
            unit=_ex(_issued("10/KH-UBND", "2023-01-18"), _issued("10/KH-UBND", "2023-01-18")),
            period=PERIOD_2023,
            fires=True,
            severity="info",
        ),
        Example(
            unit=_ex(_issued("12/QĐ-UBND", "2023-02-01"), _issued("12/QĐ-UBND", "2023-02-11")),
            period=PERIOD_2023,
            fires=True,
            severity="warning",
        ),
        Example(
            unit=_ex(
                {"number": "61/2018/NĐ-CP", "date": "2018-04-23"},
                {"number": "61/2018/ND-CP", "date": "2018-04-23"},
            ),
            period=PERIOD_2023,
            fires=False,
        ),
    ],
)
def rf002(unit: _Unit, ctx: Context) -> Result:
    """Duplicate listings and conflicting dates of one document."""
    all_cites = cites(unit)
    if len({c.key for c in all_cites}) == len(all_cites):
        return  # every number once
    for (key, issuer), group in _same_document(unit, all_cites).items():
        if len(group) < 2:
            continue
        first = group[0]
        dates = sorted({c.ref.date for c in group if c.ref.date is not None})
        if len(dates) > 1:
            yield ctx.finding(
                unit,
                "dates",
                subject=first.ref.number,
                key=_group_key(key, issuer),
                number=first.ref.number,
                dates=tuple(dates),
                count=len(group),
            )
            continue
        issued = sum(1 for c in group if c.ref.role == "issued")
        if issued > 1:
            yield ctx.finding(
                unit,
                "listed_twice",
                subject=first.ref.number,
                key=_group_key(key, issuer),
                severity="info",
                number=first.ref.number,
                date=dates[0] if dates else None,
                count=issued,
            )


# ---------------------------------------------------------------------------------------------
# RF003 issued in the period, dated outside it


@rule(
    "RF003",
    family=FAMILY,
    severity="warning",
    section="references",
    basis=("reporting",),
    title={
        "vi": "Văn bản nêu là ban hành trong kỳ nhưng ngày ngoài kỳ báo cáo",
        "en": "A document marked as issued in the period is dated outside it",
    },
    description={
        "vi": "Văn bản có role = “issued” (đơn vị ban hành trong kỳ) nhưng ngày ban hành nằm "
        "ngoài kỳ báo cáo. Mức thông tin khi ngày nằm trong thời gian chốt số liệu theo quy "
        "định trước một kỳ theo năm dương lịch (Nghị định 09/2019/NĐ-CP, Điều 12: từ 15/12 "
        "năm trước, đến 14/6 với báo cáo 6 tháng, đến 14/12 với báo cáo năm); thời gian này "
        "lấy từ căn cứ pháp lý có hiệu lực trong kỳ.",
        "en": "A document with role = “issued” (issued by the unit in the period) dated outside "
        "the report's period. Info when the date falls in the statutory reporting window "
        "before a calendar period (Nghị định 09/2019/NĐ-CP, Art. 12: from 15/12 of the "
        "previous year, to 14/6 for a half-year report, to 14/12 for a year); the window is "
        "read from the legal basis in force during the period.",
    },
    messages={
        "outside": {
            "vi": "{number} ngày {date} được nêu là ban hành trong kỳ, nhưng kỳ báo cáo từ "
            "{period_start} đến {period_end}",
            "en": "{number} of {date} is listed as issued in the period, which runs from "
            "{period_start} to {period_end}",
        },
        "in_window": {
            "vi": "{number} ngày {date} được nêu là ban hành trong kỳ ({period_start} – "
            "{period_end}); ngày này nằm trong thời gian chốt số liệu theo quy định "
            "({window_start} – {window_end})",
            "en": "{number} of {date} is listed as issued in the period ({period_start} to "
            "{period_end}); the date falls in the statutory reporting window "
            "({window_start} to {window_end})",
        },
        "no_date": {
            "vi": "{number}: văn bản nêu là ban hành trong kỳ nhưng không ghi ngày",
            "en": "{number}: listed as issued in the period, but no date is given",
        },
        "no_period": {
            "vi": "dữ liệu không có kỳ báo cáo",
            "en": "the dataset has no reporting period",
        },
    },
    examples=[
        Example(unit=_ex(_issued("25/KH-UBND", "2022-03-10")), period=PERIOD_2023, fires=True),
        Example(
            unit=_ex(_issued("3000/QĐ-UBND", "2022-12-30")),
            period=PERIOD_2023,
            fires=True,
            severity="info",
        ),
        Example(unit=_ex(_issued("25/KH-UBND", "2023-03-10")), period=PERIOD_2023, fires=False),
    ],
)
def rf003(unit: _Unit, ctx: Context) -> Result:
    """Documents listed as issued in the period, dated outside it."""
    period = ctx.period
    odd = [
        r
        for r in unit.references
        if r.role == "issued" and (r.date is None or period is None or not period.contains(r.date))
    ]
    if not odd:
        return
    if period is None:
        yield ctx.skip(unit, "no_period")
        return
    window = ctx.reporting_window()
    seen: set[str] = set()
    for ref in odd:
        c = read(ref)
        if c.key in seen:
            continue
        seen.add(c.key)
        date = ref.date
        if date is None:
            yield ctx.skip(unit, "no_date", subject=ref.number, number=ref.number)
            continue
        common = {**_written(c), "period_start": period.start, "period_end": period.end}
        if window is not None and window.start <= date < period.start:
            yield ctx.finding(
                unit,
                "in_window",
                subject=ref.number,
                key=c.key,
                severity="info",
                window_start=window.start,
                window_end=window.end,
                **common,
            )
        else:
            yield ctx.finding(unit, "outside", subject=ref.number, key=c.key, **common)


# ---------------------------------------------------------------------------------------------
# Numbering sequences (RF004, RF007)


class Entry(NamedTuple):
    seq: int
    date: _dt.date
    cite: Cite


_NEW = Entry(0, _dt.date.min, None)  # type: ignore[arg-type]  # sentinel: number not seen yet

#: (issuer, type, issuer code, normative) -> year -> entries by number (one date each).
#: Normative documents (the year written in the number) are numbered apart from ordinary ones.
Sequences = dict[tuple[str, str, str, bool], dict[int, list[Entry]]]


def sequences(unit: _Unit, all_cites: Iterable[Cite]) -> Sequences:
    """The unit's known numbering sequences: dated citations of a known issuer, one entry per
    number and year. Left out: numbers whose own year differs from their date's (RF001), and
    numbers cited with different dates (RF002) — their date is in doubt."""
    by_seq: dict[tuple[str, str, str, bool], dict[int, dict[int, Entry | None]]] = {}
    for c in all_cites:
        n, date = c.number, c.ref.date
        if n is None or date is None or (n.year is not None and n.year != date.year):
            continue
        issuer = issuer_of(c, unit)
        if issuer is None:
            continue
        year = date.year
        group = (issuer, n.doc_type, n.issuer, n.year is not None)
        seqs = by_seq.setdefault(group, {}).setdefault(year, {})
        seen = seqs.get(n.seq, _NEW)
        if seen is _NEW:
            seqs[n.seq] = Entry(n.seq, date, c)
        elif seen is not None and seen.date != date:
            seqs[n.seq] = None  # two dates: in doubt
    return {
        group: {
            year: sorted((e for e in seqs.values() if e is not None), key=_by_seq)
            for year, seqs in years.items()
        }
        for group, years in by_seq.items()
    }


def _by_seq(e: Entry) -> int:
    return e.seq


def out_of_order(entries: list[Entry]) -> list[tuple[Entry, Entry]]:
    """Entries (sorted by number) outside a longest run whose dates never go back, each with an
    entry of the run it contradicts. Of equally long runs, the one keeping lower numbers wins, so
    a higher number with an earlier date is the one reported."""
    n = len(entries)
    if all(entries[i].date <= entries[i + 1].date for i in range(n - 1)):
        return []  # in order (also: fewer than two entries)
    tails: list[int] = []  # -ordinal of the last date of the best chain of each length
    tail_at: list[int] = []
    prev = [-1] * n
    for i in range(n - 1, -1, -1):
        x = -entries[i].date.toordinal()
        pos = bisect_right(tails, x)
        prev[i] = tail_at[pos - 1] if pos else -1
        if pos == len(tails):
            tails.append(x)
            tail_at.append(i)
        else:
            tails[pos] = x
            tail_at[pos] = i
    chain: list[int] = []
    i = tail_at[-1]
    while i != -1:
        chain.append(i)
        i = prev[i]
    if len(chain) == n:
        return []
    members = set(chain)  # chain is in increasing index order
    out: list[tuple[Entry, Entry]] = []
    for i, e in enumerate(entries):
        if i in members:
            continue
        pos = bisect_right(chain, i)
        lower = entries[chain[pos - 1]] if pos else None
        upper = entries[chain[pos]] if pos < len(chain) else None
        if lower is not None and lower.date > e.date:
            out.append((e, lower))
        elif upper is not None and upper.date < e.date:
            out.append((e, upper))
    return out


@rule(
    "RF004",
    family=FAMILY,
    severity="warning",
    section="references",
    title={
        "vi": "Số văn bản không theo thứ tự ngày ban hành",
        "en": "Document numbering out of date order",
    },
    description={
        "vi": "Trong cùng một cơ quan ban hành, loại văn bản và năm, văn bản số lớn hơn lại có "
        "ngày ban hành sớm hơn. Báo cáo những văn bản nằm ngoài dãy dài nhất có số và ngày cùng "
        "tăng, kèm văn bản mâu thuẫn với nó.",
        "en": "Within one issuer, document type and year, a higher number carries an earlier "
        "date. Reports the documents outside the longest run whose numbers and dates both "
        "increase, each with the document it contradicts.",
    },
    messages={
        "order": {
            "vi": "{number} ngày {date} không theo thứ tự số: {other_number} ngày {other_date}",
            "en": "{number} of {date} is out of numbering order with {other_number} of "
            "{other_date}",
        }
    },
    examples=[
        Example(
            unit=_ex(
                _issued("20/KH-UBND", "2023-03-03"),
                _issued("25/KH-UBND", "2023-02-01"),
                _issued("31/KH-UBND", "2023-03-20"),
            ),
            period=PERIOD_2023,
            fires=True,
        ),
        Example(
            unit=_ex(_issued("20/KH-UBND", "2023-03-03"), _issued("25/KH-UBND", "2023-03-03")),
            period=PERIOD_2023,
            fires=False,
        ),
    ],
)
def rf004(unit: _Unit, ctx: Context) -> Result:
    """Higher numbers with earlier dates within one issuer, type and year."""
    seen: set[str] = set()
    for years in sequences(unit, cites(unit)).values():
        for entries in years.values():
            for e, other in out_of_order(entries):
                if e.cite.key in seen:
                    continue
                seen.add(e.cite.key)
                yield ctx.finding(
                    unit,
                    "order",
                    subject=e.cite.ref.number,
                    key=e.cite.key,
                    other_number=other.cite.ref.number,
                    other_date=other.date,
                    **_written(e.cite),
                )


# ---------------------------------------------------------------------------------------------
# RF005 national documents


@rule(
    "RF005",
    family=FAMILY,
    severity="warning",
    section="references",
    title={
        "vi": "Văn bản trung ương ghi sai ngày ban hành",
        "en": "A national document cited with a wrong date",
    },
    description={
        "vi": "Ngày ghi kèm một văn bản có trong bảng văn bản trung ương (ngày đã kiểm chứng "
        "từ nguồn công khai; mở rộng được bằng plugin và cấu hình) khác ngày ban hành của văn "
        "bản. Số không có năm (02/NQ-CP) lặp lại hằng năm: văn bản được tìm theo năm của ngày "
        "ghi kèm.",
        "en": "A document in the table of national documents (dates verified from a public "
        "source; extensible by plugins and configuration) cited with another date. A number "
        "without a year (02/NQ-CP) recurs every year: the document is looked up by the year "
        "of the date cited.",
    },
    messages={
        "date": {
            "vi": "{number} ghi ngày {date}; văn bản ban hành ngày {known_date}",
            "en": "{number} is cited as of {date}; the document is of {known_date}",
        },
        "no_table": {
            "vi": "không có bảng văn bản trung ương để đối chiếu",
            "en": "no table of national documents to check against",
        },
    },
    examples=[
        Example(unit=_ex({"number": "02/NQ-CP", "date": "2022-01-01"}), fires=True),
        Example(unit=_ex({"number": "02/NQ-CP", "date": "2022-01-10"}), fires=False),
    ],
)
def rf005(unit: _Unit, ctx: Context) -> Result:
    """Citations of national documents against their verified dates."""
    table = _documents(ctx)
    if table is None:
        yield ctx.skip(unit, "no_table")
        return
    seen: set[str] = set()
    for ref in unit.references:
        date = ref.date
        if date is None:
            continue
        n = read_number(ref.number)
        if not isinstance(n, DocumentNumber):
            continue
        known = table.lookup(n, date)
        if known is None or known.date == date:
            continue
        c = read(ref)
        if c.key in seen:
            continue
        seen.add(c.key)
        extra: dict[str, Any] = {"source": known.source} if known.source else {}
        yield ctx.finding(
            unit,
            "date",
            subject=c.ref.number,
            key=c.key,
            known_date=known.date,
            **_written(c),
            **extra,
        )


# ---------------------------------------------------------------------------------------------
# RF006 the report's own number and date


@rule(
    "RF006",
    family=FAMILY,
    severity="warning",
    title={
        "vi": "Không ghi số hoặc ngày của báo cáo",
        "en": "The report's number or date is not recorded",
    },
    description={
        "vi": "Số, ký hiệu và ngày của chính báo cáo (dataset.report) không có trong dữ liệu; "
        "thiếu dataset.report được tính là thiếu cả hai. Phát hiện gắn với đơn vị báo cáo "
        "(dataset.reported_by).",
        "en": "The report's own number and date (dataset.report) are not in the data; an "
        "absent dataset.report counts as neither. The finding is on the reporting unit "
        "(dataset.reported_by).",
    },
    messages={
        "neither": {
            "vi": "báo cáo không ghi số, ký hiệu và ngày ban hành",
            "en": "the report's number and date are not recorded",
        },
        "no_number": {
            "vi": "báo cáo ngày {date} không ghi số, ký hiệu",
            "en": "the report of {date} has no number recorded",
        },
        "no_date": {
            "vi": "báo cáo {number} không ghi ngày ban hành",
            "en": "the report {number} has no date recorded",
        },
        "unknown_unit": {
            "vi": "không xác định được đơn vị báo cáo (dataset.reported_by)",
            "en": "the reporting unit is not known (dataset.reported_by)",
        },
    },
    examples=[
        Example(
            unit={"kind": "phuong"},
            fires=True,
            note={"vi": "không có dataset.report", "en": "no dataset.report"},
        ),
        Example(
            unit={"kind": "phuong"},
            dataset={"reported_by": "example", "report": {"number": "1/BC-UBND"}},
            fires=True,
            note={"vi": "không ghi ngày", "en": "no date"},
        ),
        Example(
            unit={"kind": "phuong"},
            dataset={
                "reported_by": "example",
                "report": {"number": "1/BC-UBND", "date": "2023-06-20"},
            },
            fires=False,
        ),
    ],
)
def rf006(unit: _Unit, ctx: Context) -> Result:
    """The report's own number and date."""
    report = ctx.dataset.report
    number = report.number if report is not None else None
    date = report.date if report is not None else None
    if number is not None and date is not None:
        return
    reporter = ctx.reporting_unit()
    if reporter is None:
        if unit.id == ctx.dataset.units[0].id:  # one skip for the dataset, on its first unit
            yield ctx.skip(unit, "unknown_unit")
    elif reporter.id == unit.id:
        key = (
            "neither" if number is None and date is None else ("no_date" if number else "no_number")
        )
        yield ctx.finding(unit, key, subject="report", key="report", number=number, date=date)


# ---------------------------------------------------------------------------------------------
# RF007 probable year typo


def _neighbours(entries: list[Entry], seq: int) -> tuple[Entry | None, Entry | None, Entry | None]:
    """(nearest lower, same number, nearest higher) entries of ``seq``."""
    lower = same = upper = None
    for e in entries:
        if e.seq < seq:
            lower = e
        elif e.seq == seq:
            same = e
        else:
            upper = e
            break
    return lower, same, upper


def _fits_own_year(entries: list[Entry], seq: int, date: _dt.date) -> bool:
    lower, _, upper = _neighbours(entries, seq)
    if lower is None and upper is None:
        return False
    return (lower is None or lower.date <= date) and (upper is None or date <= upper.date)


def year_typo(
    years: dict[int, list[Entry]], seq: int, date: _dt.date
) -> tuple[_dt.date, Entry, Entry] | None:
    """The corrected date, and its neighbours, when a number dated ``date`` does not fit its own
    year's sequence but fits exactly one other year's, between two numbers of that year."""
    if _fits_own_year(years.get(date.year, []), seq, date):
        return None
    found: list[tuple[_dt.date, Entry, Entry]] = []
    for year, entries in years.items():
        if year == date.year:
            continue
        try:
            moved = date.replace(year=year)
        except ValueError:  # 29 February
            continue
        lower, same, upper = _neighbours(entries, seq)
        if (
            same is None
            and lower is not None
            and upper is not None
            and lower.date <= moved <= upper.date
        ):
            found.append((moved, lower, upper))
    return found[0] if len(found) == 1 else None


@rule(
    "RF007",
    family=FAMILY,
    severity="warning",
    section="references",
    title={
        "vi": "Có thể ghi nhầm năm của văn bản",
        "en": "A probable year typo in a document's date",
    },
    description={
        "vi": "Văn bản đơn vị ban hành (số không có năm) không khớp dãy số của năm ghi kèm, "
        "nhưng số và ngày tháng khớp đúng dãy số cùng cơ quan, cùng loại của một năm khác, giữa "
        "hai văn bản của năm đó (ví dụ 71/KH-UBND “18/3/2021” giữa 62/KH-UBND ngày 14/3/2022 và "
        "81/KH-UBND ngày 24/3/2022): nêu ngày có lẽ đúng.",
        "en": "A document issued by the unit (a number without a year) that does not fit the "
        "sequence of its own year, but whose number and day-month fit exactly one other year's "
        "sequence of the same issuer and type, between two documents of that year (e.g. "
        "71/KH-UBND “18/3/2021” between 62/KH-UBND of 14/3/2022 and 81/KH-UBND of 24/3/2022): "
        "suggests the corrected date.",
    },
    messages={
        "typo": {
            "vi": "{number} ghi ngày {date}: có thể nhầm năm, ngày đúng có lẽ là "
            "{suggested_date} (giữa {before_number} ngày {before_date} và {after_number} ngày "
            "{after_date})",
            "en": "{number} dated {date}: probably a year typo for {suggested_date} (between "
            "{before_number} of {before_date} and {after_number} of {after_date})",
        }
    },
    examples=[
        Example(
            unit=_ex(
                _issued("62/KH-UBND", "2022-03-14"),
                _issued("71/KH-UBND", "2021-03-18"),
                _issued("81/KH-UBND", "2022-03-24"),
            ),
            period=("2022-01-01", "2022-06-30"),
            fires=True,
        ),
        Example(
            unit=_ex(
                _issued("62/KH-UBND", "2022-03-14"),
                _issued("71/KH-UBND", "2022-03-18"),
                _issued("81/KH-UBND", "2022-03-24"),
            ),
            period=("2022-01-01", "2022-06-30"),
            fires=False,
        ),
    ],
)
def rf007(unit: _Unit, ctx: Context) -> Result:
    """Issued documents whose date fits another year's numbering exactly."""
    all_cites = cites(unit)
    candidates = [
        c
        for c in all_cites
        if c.ref.role == "issued"
        and c.number is not None
        and c.number.year is None
        and c.ref.date is not None
    ]
    if not candidates:
        return
    national = any(c.number is not None and c.number.national for c in candidates)
    spanned = {
        c.year
        for c in all_cites
        if c.number is not None and c.ref.date is not None and (national or not c.number.national)
    }
    if len(spanned) < 2:
        return  # the sequences span one year: no other year to fit
    seqs = sequences(unit, all_cites)
    seen: set[str] = set()
    for c in candidates:
        n, date, issuer = c.number, c.ref.date, issuer_of(c, unit)
        if n is None or date is None or issuer is None or c.key in seen:
            continue
        years = seqs.get((issuer, n.doc_type, n.issuer, False))
        if not years or len(years) < 2:
            continue
        typo = year_typo(years, n.seq, date)
        if typo is None:
            continue
        seen.add(c.key)
        moved, before, after = typo
        yield ctx.finding(
            unit,
            "typo",
            subject=c.ref.number,
            key=c.key,
            suggested_date=moved,
            before_number=before.cite.ref.number,
            before_date=before.date,
            after_number=after.cite.ref.number,
            after_date=after.date,
            **_written(c),
        )


# ---------------------------------------------------------------------------------------------
# RF008 unparseable numbers

_UNREADABLE = {"vi": "{subject}: không đọc được số, ký hiệu văn bản — ", "en": "{subject}: "}
_REASONS: dict[str, dict[str, str]] = {
    "empty": {"vi": "số văn bản để trống", "en": "the document number is empty"},
    "too_long": {
        "vi": "quá dài so với một số, ký hiệu văn bản",
        "en": "too long to be a document number",
    },
    "text_around": {
        "vi": "có chữ ngoài số, ký hiệu (tên loại văn bản, ngày…); chỉ ghi số, ký hiệu, "
        "ví dụ 05/KH-UBND",
        "en": "text around the number (the document type, a date…); write the number alone, "
        "e.g. 05/KH-UBND",
    },
    "no_number": {
        "vi": "không bắt đầu bằng số thứ tự",
        "en": "does not start with a sequence number",
    },
    "bad_number": {
        "vi": "số thứ tự không hợp lệ (có chữ, bằng 0 hoặc quá dài)",
        "en": "the sequence number is not valid (letters, zero or too many digits)",
    },
    "bad_character": {
        "vi": "có ký tự không dùng trong số, ký hiệu văn bản",
        "en": "holds a character no document number has",
    },
    "malformed": {
        "vi": "thiếu hoặc thừa dấu “/” hoặc “-”",
        "en": "a “/” or “-” is missing or out of place",
    },
    "bad_year": {
        "vi": "năm trong số văn bản không hợp lệ",
        "en": "the year in the number is not valid",
    },
    "no_type": {
        "vi": "không có ký hiệu loại văn bản (KH, QĐ, NĐ…)",
        "en": "no document-type code (KH, QĐ, NĐ…)",
    },
    "unknown_type": {
        "vi": "ký hiệu loại văn bản không có trong danh mục (Nghị định 30/2020/NĐ-CP)",
        "en": "a document-type code not in the official list (Nghị định 30/2020/NĐ-CP)",
    },
    "no_issuer": {
        "vi": "không có ký hiệu cơ quan ban hành sau loại văn bản",
        "en": "no issuer code after the document type",
    },
}
assert set(_REASONS) == set(REASON_CODES), "a reason code without a message"


def _unreadable(
    unit: _Unit, ctx: Context, number: str, error: UnparseableNumber, where: str | None
) -> Finding:
    extra: dict[str, Any] = {"where": where} if where else {}
    return ctx.finding(
        unit,
        error.code,
        subject=number,
        key=subject_key(number),
        number=number,
        code=error.code,
        **extra,
    )


@rule(
    "RF008",
    family=FAMILY,
    severity="info",
    title={
        "vi": "Không đọc được số, ký hiệu văn bản",
        "en": "A document number that cannot be read",
    },
    description={
        "vi": "Số, ký hiệu của một văn bản được trích dẫn (hoặc của chính báo cáo) không theo "
        "thể thức (Nghị định 30/2020/NĐ-CP; Hướng dẫn 36-HD/VPTW với văn bản của Đảng): "
        "không đoán, nên các kiểm tra khác về văn bản này không thực hiện được.",
        "en": "The number of a cited document (or of the report itself) is not in a recognised "
        "form (Nghị định 30/2020/NĐ-CP; Hướng dẫn 36-HD/VPTW for party documents): it is not "
        "guessed, so the other reference checks cannot use it.",
    },
    messages={
        code: {lang: _UNREADABLE[lang] + text for lang, text in texts.items()}
        for code, texts in _REASONS.items()
    },
    examples=[
        Example(unit=_ex({"number": "Kế hoạch số 05/KH-UBND"}), fires=True),
        Example(unit=_ex({"number": "05/KH-UBND"}), fires=False),
    ],
)
def rf008(unit: _Unit, ctx: Context) -> Result:
    """Numbers that cannot be read without guessing."""
    seen: set[str] = set()
    for ref in unit.references:
        parsed = read_number(ref.number)
        if isinstance(parsed, UnparseableNumber):
            key = subject_key(ref.number)
            if key not in seen:
                seen.add(key)
                yield _unreadable(unit, ctx, ref.number, parsed, ref.where)
    report = ctx.dataset.report
    reporter = ctx.reporting_unit()
    if report is not None and report.number and reporter is not None and reporter.id == unit.id:
        parsed = read_number(report.number)
        if isinstance(parsed, UnparseableNumber) and subject_key(report.number) not in seen:
            yield _unreadable(unit, ctx, report.number, parsed, "dataset.report")


RULES = (rf001, rf002, rf003, rf004, rf005, rf006, rf007, rf008)


@hookimpl
def cchc_register_rules(register: Callable[[Rule], None]) -> None:
    """Register the references rules."""
    for r in RULES:
        register(r)
