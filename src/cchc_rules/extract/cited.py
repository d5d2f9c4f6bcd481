"""Documents a report cites: number, date, issuer, title, and whether the unit issued them."""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterator
from typing import Any

import attrs

from ..citations import try_parse_number
from ..model import Period
from ..vnparse import VnParseError, fold, parse_date
from .found import Found, Place, quote_around

__all__ = ["Mention", "decide_roles", "mentions"]

_TYPES = (
    r"nghi dinh|nghi quyet|quyet dinh|ke hoach|thong tu(?: lien tich)?|chi thi|cong van|"
    r"huong dan|luat|thong bao|ket luan|bao cao|chuong trinh|de an|cong dien|van ban|to trinh"
)
_MENTION = re.compile(
    rf"\b(?P<type>{_TYPES})(?:\s+so)?:?\s+(?P<num>\d[\w.]*(?:\s?[/-]\s?[\w.]+)+)",
)
_DATE = re.compile(
    r"\s*,?\s*(?:ngay|ban hanh ngay)\s+(?P<date>\d{1,2}\s?[/.-]\s?\d{1,2}\s?[/.-]\s?\d{4}"
    r"|\d{1,2}\s+thang\s+\d{1,2}\s+nam\s+\d{4})"
)
_ISSUER = re.compile(
    r"\s*,?\s*cua\s+(?P<issuer>[^,;.()]{3,80}?)(?=\s+(?:ve|v/v|quy dinh|ban hanh|phe duyet|"
    r"sua doi|thuc hien|trien khai|tuyen truyen|to chuc|huong dan|nham|giao|tai)\b|[,;.(]|$)"
)
_TITLE_STOP = re.compile(
    r";|\.(?:\s|$)|,\s(?:da|dam bao|trong do|dong thoi|nham|tao|kip thoi|ke hoach|quyet dinh|"
    rf"nghi dinh|nghi quyet|tiep tuc|thuc hien|trien khai)\b|\s(?:{_TYPES})\s+so\s"
)
#: Words a title does not end with (the start of the next phrase).
_TITLE_TAIL = re.compile(r"(?:\s+(?:va|cua|theo|tai|tren|de|nham|voi|cho|ve))+\s*$")
_ISSUED_VERB = re.compile(r"\b(?:ban hanh|xay dung va ban hanh|da ban hanh|trinh ban hanh)\b")
_ADVISED = re.compile(r"\btham muu\b|\bde nghi\b")


@attrs.frozen
class Mention:
    """A document mentioned in the report, as written."""

    number: str
    date: _dt.date | None
    title: str | None
    issuer: str | None
    quote: str
    place: Place
    at: int  # where the mention starts in its paragraph


def mentions(text: str, folded: str, place: Place) -> Iterator[Mention]:
    """Every numbered document mentioned in one paragraph, in order."""
    all_m = list(_MENTION.finditer(folded))
    for i, m in enumerate(all_m):
        s, e = m.span("num")
        number = re.sub(r"\s*([/-])\s*", r"\1", text[s:e]).rstrip(".,")
        parsed = try_parse_number(number)
        if parsed is None:
            continue
        pos = s + len(text[s:e].rstrip(".,"))
        date = None
        dm = _DATE.match(folded, pos)
        if dm:
            try:
                date = parse_date(re.sub(r"\s*([/.-])\s*", r"\1", dm["date"]))
            except VnParseError:
                date = None
            pos = dm.end()
        issuer = None
        im = _ISSUER.match(folded, pos)
        if im:
            issuer = text[im.start("issuer") : im.end("issuer")].strip()
            pos = im.end("issuer")
        nxt = all_m[i + 1].start() if i + 1 < len(all_m) else len(folded)
        stop = _TITLE_STOP.search(folded, pos, nxt)
        end = stop.start() if stop else nxt
        tail = _TITLE_TAIL.search(folded[:end], pos)
        title = text[pos : tail.start() if tail else end].strip(' ,:-–“”"') or None
        if title is not None and len(title.split()) > 40:
            title = " ".join(title.split()[:40]) + " …"
        yield Mention(
            number=number,
            date=date,
            title=title,
            issuer=issuer,
            quote=quote_around(text, m.start(), e),
            place=place,
            at=m.start(),
        )


def decide_roles(
    found: list[tuple[Mention, str]],
    unit_kind: str | None,
    unit_name: str | None,
    period: Period | None,
) -> list[Found]:
    """``role`` of each mention (``(mention, folded paragraph)``), as :class:`Found` entries of
    section ``references``; a role the report does not make clear is uncertain."""
    out: list[Found] = []
    issued_before: set[str] = set()
    for n, (mn, folded) in enumerate(found):
        parsed = try_parse_number(mn.number)
        assert parsed is not None
        sentence_start = max(folded.rfind(". ", 0, mn.at), 0)
        before = folded[sentence_start : mn.at]
        role: str | None
        issuer = fold(mn.issuer) if mn.issuer else ""
        own_words = _own_words(unit_kind, unit_name)
        if parsed.national or parsed.party or _ADVISED.search(before):
            role = "cited"  # a national or party document, or one the unit only drafted
        elif unit_kind == "so" and parsed.issuer.upper().startswith(("UBND", "HĐND")):
            role = "cited"  # a department cites its province's documents
        elif issuer and not any(issuer.startswith(w) for w in own_words):
            role = "cited"
        elif issuer or _ISSUED_VERB.search(before):
            role = "issued"
        elif mn.number.casefold() in issued_before:
            role = "cited"
        elif period is not None and mn.date is not None and period.contains(mn.date):
            role = "issued"
        else:
            role = None
        if role == "issued":
            issued_before.add(mn.number.casefold())
        key = f"{n}"

        def of(field: str, value: Any, entry: str = key, m: Mention = mn) -> Found:
            return Found("references", field, value, m.quote, m.place, entry, pattern="reference")

        out.append(of("number", mn.number))
        if mn.date is not None:
            out.append(of("date", mn.date))
        if mn.title:
            out.append(of("title", mn.title))
        if mn.issuer:
            out.append(of("issuer", mn.issuer))
        if mn.place.section:
            out.append(of("where", mn.place.section))
        role_found = of("role", role or "cited")
        if role is None:
            role_found = role_found.doubt("extract.role_unclear")
        out.append(role_found)
    return out


def _own_words(kind: str | None, name: str | None) -> tuple[str, ...]:
    """How the report names its own unit after "của": "UBND quận", "Sở Tư pháp"."""
    own = (fold(name),) if name and not fold(name).startswith("ubnd") else ()
    return own + _kind_words(kind)


def _kind_words(kind: str | None) -> tuple[str, ...]:
    word = {
        "quan": "quan",
        "huyen": "huyen",
        "thi_xa": "thi xa",
        "tinh": "tinh",
        "thanh_pho": "thanh pho",
        "xa": "xa",
        "phuong": "phuong",
        "thi_tran": "thi tran",
    }.get(kind or "")
    if word is None:
        return ()
    return (f"uy ban nhan dan {word}", f"ubnd {word}")
