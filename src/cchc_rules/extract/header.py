"""The report's own particulars: title, period, number, date and the unit that reports."""

from __future__ import annotations

import datetime as _dt
import re
from collections import Counter

import attrs

from ..vnparse import VnParseError, fold, parse_date, parse_period
from .found import Found, Place
from .patterns import Issuer
from .reading import Document, Para, Table

__all__ = ["Header", "read_header"]

_KINDS = {
    "tinh": "tinh",
    "thanh pho": "thanh_pho",
    "quan": "quan",
    "huyen": "huyen",
    "thi xa": "thi_xa",
    "xa": "xa",
    "phuong": "phuong",
    "thi tran": "thi_tran",
}
_UNIT = re.compile(
    r"\b(?:uy ban nhan dan|ubnd)\s+(?P<kind>thanh pho|thi xa|thi tran|tinh|quan|huyen|xa|phuong)"
    r"\s+(?P<name>[^\W\d_][\w]*(?:\s[^\W\d_][\w]*){0,3})"
)
_NUMBER = re.compile(r"\bso\s*:?\s*(?P<num>\d+[\w.]*/(?:bc|bc-ubnd|bc-[\w.-]+)[\w./-]*)", re.I)
_DATED = re.compile(r"[^\W\d_][\w\s]{1,40},\s*ngay\s+\d{1,2}\s+thang\s+\d{1,2}\s+nam\s+\d{4}")
_ACRONYMS = {"THCS", "THPT", "TH", "MN", "UBND", "HĐND", "PTDTBT", "PTDTNT", "GDTX"}
_HEADING = re.compile(r"^(?:[IVX]+|\d+)\.\s")


@attrs.frozen
class Header:
    title: str | None
    period: tuple[_dt.date, _dt.date] | None
    period_quote: Found | None
    number: Found | None
    date: Found | None
    unit_name: str | None
    unit_kind: str | None
    unit_id: str | None


def _texts(doc: Document) -> list[tuple[str, str]]:
    """(text, where) of the paragraphs and table cells before the first numbered heading."""
    out: list[tuple[str, str]] = []
    for item in doc.items:
        if isinstance(item, Para):
            if _HEADING.match(item.text):
                break
            out.append((item.text, item.where))
        elif isinstance(item, Table):
            for row in item.rows:
                out.extend((cell, item.where) for cell in row if cell)
    return out


def _title(texts: list[tuple[str, str]]) -> tuple[str | None, str]:
    for i, (text, where) in enumerate(texts):
        if fold(text).startswith("bao cao"):
            parts = [text]
            for more, _ in texts[i + 1 : i + 4]:
                if _DATED.match(fold(more)) or fold(more).startswith(("kinh gui", "can cu")):
                    break
                parts.append(more)
                if parse_period(" ".join(parts)):
                    break
            return " ".join(parts), where
    for text, where in texts[:1]:  # a news item: its headline, when it names a period
        if len(text) <= 200 and parse_period(text):
            return text, where
    return None, ""


def _unit(
    doc: Document, texts: list[tuple[str, str]], issuers: tuple[Issuer, ...]
) -> tuple[str | None, str | None]:
    """The reporting unit's name and kind: the issuer in the header (a body under its
    province's name issues: "UBND TỈNH …" above "SỞ TƯ PHÁP"), else the unit named most."""
    for text, _ in texts[:8]:
        for issuer in issuers:
            d = issuer.regex.search(fold(text))
            if d and text[d.start() : d.end()].isupper():
                return _title_case(text[d.start() : d.end()]), issuer.kind
    for text, _ in texts[:8]:
        m = _UNIT.search(fold(text))
        if m and text[m.start() : m.end()].isupper():
            return _unit_name(text, m), _KINDS[m["kind"]]
    counts: Counter[tuple[str, str]] = Counter()
    for item in doc.items:
        if not isinstance(item, Para):
            continue
        f = fold(item.text)
        for m in _UNIT.finditer(f):
            name = _unit_name(item.text, m)
            if name.split()[-1][:1].isupper():
                counts[(name, _KINDS[m["kind"]])] += 1
        for issuer in issuers:
            if issuer.in_text:
                for d in issuer.regex.finditer(f):
                    counts[(_title_case(item.text[d.start() : d.end()]), issuer.kind)] += 1
    if counts:
        (name, kind), _ = counts.most_common(1)[0]
        return name, kind
    return None, None


def _title_case(text: str) -> str:
    if not text.isupper():
        return text
    return " ".join(w if w in _ACRONYMS else w[:1] + w[1:].lower() for w in text.split())


def _unit_name(text: str, m: re.Match[str]) -> str:
    kind = text[m.start("kind") : m.end("kind")].lower()
    words = text[m.start("name") : m.end("name")].split()
    proper = []
    for w in words:
        if not w[:1].isupper():
            break
        proper.append(w)
    name = " ".join(proper) or " ".join(words)
    return f"UBND {kind} {_title_case(name) if name.isupper() else name}"


def unit_id(name: str | None) -> str | None:
    if not name:
        return None
    f = fold(name)
    f = re.sub(
        r"^(?:ubnd|uy ban nhan dan)\s+(?:thanh pho|thi xa|thi tran|tinh|quan|huyen|xa|phuong)\s+",
        "",
        f,
    )
    return re.sub(r"[^a-z0-9]+", "-", f).strip("-") or None


def read_header(doc: Document, issuers: tuple[Issuer, ...] = ()) -> Header:
    """Read the report's particulars from the text before its first numbered heading."""
    texts = _texts(doc)
    title, title_where = _title(texts)
    period = None
    period_found = None
    for text, where in ([(title, title_where)] if title else []) + texts[:12]:
        got = parse_period(text)
        if got:
            period = (got[0], got[1])
            period_found = Found(
                "dataset", "period", period, text[got[2] : got[3]], Place("", where)
            )
            break
    number = date = None
    for text, where in texts:
        f = fold(text)
        if number is None and (m := _NUMBER.search(f)):
            s, e = m.span("num")
            number = Found("report", "number", text[s:e], text.strip(), Place("", where))
        if date is None and (d := _DATED.search(f)):
            tail = re.search(r"\d{1,2}\s+thang\s+\d{1,2}\s+nam\s+\d{4}", f[d.start() :])
            if tail:
                try:
                    day = parse_date(tail.group(0))
                except VnParseError:
                    continue
                date = Found("report", "date", day, text.strip(), Place("", where))
    name, kind = _unit(doc, texts, issuers)
    return Header(title, period, period_found, number, date, name, kind, unit_id(name))
