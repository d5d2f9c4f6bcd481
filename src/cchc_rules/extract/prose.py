"""Figures in running text: phrase patterns over a paragraph, and procedures with their days."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from ..vnparse import VnParseError, parse_number, parse_number_words
from .found import Found, Place, quote_around
from .patterns import FigurePattern, Patterns

__all__ = ["LEVELS", "level_key", "paragraph_figures", "parse_value", "procedure_figures"]

#: Level words (folded) and the level key a unit or catalogue entry uses.
LEVELS = {
    "tinh": "tinh",
    "thanh pho": "tinh",
    "thanh pho thuoc tinh": "huyen",
    "huyen": "huyen",
    "quan": "quan",
    "thi xa": "huyen",
    "xa": "xa",
    "phuong": "phuong",
    "thi tran": "xa",
}
_QUALIFIED = re.compile(r"^(?P<q>[a-z ]+?)\s+(?=\d|[a-z]+$|[a-z]+ )")


def level_key(text: str) -> str:
    """``"cấp huyện"`` (folded) → ``"huyen"``; ``"quận"`` → ``"quan"``."""
    words = text.removeprefix("cap ").strip()
    return LEVELS.get(words, words.replace(" ", "_"))


def parse_value(raw: str, kind: str) -> tuple[Any, str | None, tuple[str, dict[str, Any]] | None]:
    """A matched number (folded text, maybe with a qualifier): ``(value, qualifier, doubt)``.

    ``value`` is an int for a whole count, a Decimal otherwise; ``qualifier`` the qualifying
    words as folded ("tren"), or None; ``doubt`` a reason when the number cannot be read for sure.
    """
    text = raw.strip()
    qualifier = None
    digits = re.search(r"\d", text)
    if digits and digits.start() > 0:
        qualifier, text = text[: digits.start()].strip(), text[digits.start() :]
    elif not digits:
        words = text.split()
        for i in range(len(words)):
            try:
                value = parse_number_words(" ".join(words[i:]))
            except VnParseError:
                continue
            qualifier = " ".join(words[:i]) or None
            return value, qualifier, None
        return raw, None, ("extract.unreadable_number", {"got": raw})
    try:
        number = parse_number(text, percent=kind == "p")
    except VnParseError as exc:
        return text, qualifier, (exc.message, dict(exc.params))
    if kind != "p" and number == number.to_integral_value() and "," not in text:
        return int(number), qualifier, None
    return number, qualifier, None


def _clause_start(folded: str, pos: int) -> int:
    """Where the clause holding ``pos`` starts (after ";" or the end of a sentence)."""
    best = 0
    for m in re.finditer(r";|[.!?](?=\s)|:\s", folded[:pos]):
        best = m.end()
    return best


_LEVEL_MENTION = re.compile(
    r"\bcap (tinh|thanh pho|huyen|quan|thi xa|xa|phuong|thi tran)\b"
    r"|\btoan (tinh|thanh pho|huyen|quan|thi xa|xa|phuong)\b"
)


def _level_before(folded: str, start: int) -> str | None:
    """The level named nearest before ``start`` in its clause ("cấp huyện …"), if any;
    "toàn tỉnh" names the whole unit (returned as "*")."""
    clause = _clause_start(folded, start)
    found = None
    for m in _LEVEL_MENTION.finditer(folded, clause, start):
        found = level_key(m.group(1)) if m.group(1) else "*"
    return found


def paragraph_figures(text: str, folded: str, place: Place, patterns: Patterns) -> Iterator[Found]:
    """Every figure the patterns find in one paragraph; where two patterns read the same number,
    the one whose cue is nearest before it wins."""
    claims: dict[tuple[int, int], tuple[bool, int, int, FigurePattern, re.Match[str]]] = {}
    for order, pat in enumerate(patterns.figures):
        if (pat.needs and pat.needs not in folded) or (
            pat.within is not None and not pat.within.search(folded)
        ):
            continue
        for m in pat.regex.finditer(folded):
            if pat.unless is not None:
                s = _clause_start(folded, m.start())
                if pat.unless.search(folded, s, m.end()):
                    continue
            spans = [
                m.span(f"v{i}")
                for i in range(len(pat.kinds))
                if pat.kinds[i] != "c" and m.group(f"v{i}") is not None
            ]
            key = spans[0] if spans else m.span()
            best = claims.get(key)
            rank = (not pat.fallback, m.start(), -order)
            if best is None or rank > best[:3]:
                claims[key] = (*rank, pat, m)
            if pat.more is not None:  # "…: 29 thủ tục cấp quận, 10 thủ tục cấp phường"
                pos = m.end()
                while (nxt := pat.more.match(folded, pos)) is not None:
                    spans = [nxt.span(g) for g, v in nxt.groupdict().items() if g[0] == "v" and v]
                    if spans and spans[0] not in claims:
                        claims[spans[0]] = (*rank, pat, nxt)
                    pos = nxt.end()
    for *_, pat, m in sorted(claims.values(), key=lambda c: c[4].start()):
        yield from _figures_of(pat, m, text, folded, place)


def _figures_of(
    pat: FigurePattern, m: re.Match[str], text: str, folded: str, place: Place
) -> Iterator[Found]:
    quote = quote_around(text, m.start(), m.end())
    sentence = quote_around(text, m.start(), m.end(), limit=len(text))
    entry = None
    groups = m.groupdict()
    if pat.section == "catalogue":
        level = groups.get("level")
        entry = level_key(level) if level else None
    elif pat.section == "staffing":
        entry = pat.set.get("category")
    extra: dict[str, Any] = dict(pat.set)
    if groups.get("label") and pat.section == "staffing":
        s, e = m.span("label")
        extra["label"] = text[s:e][:1].upper() + text[s + 1 : e]
    unit = None
    if pat.section not in ("catalogue",):
        lvl = _level_before(folded, m.start())
        if lvl is not None and lvl != "*":
            unit = lvl
    for i, kind in enumerate(pat.kinds):
        field = pat.fields[i % len(pat.fields)]
        if kind == "c":
            assert pat.values is not None
            value: Any = pat.values[i]
            qualifier, doubt = None, None
        elif m.group(f"v{i}") is None:
            continue
        else:
            value, qualifier, doubt = parse_value(m.group(f"v{i}"), kind)
        found = Found(
            section=pat.section,
            field=field,
            value=value,
            quote=quote,
            place=place,
            entry=entry,
            unit=unit,
            pattern=pat.id,
            extra={
                **extra,
                "each": pat.each,
                "kind": kind,
                "qualifier": qualifier,
                "sentence": sentence,
            },
        )
        if doubt is not None:
            found = found.doubt(doubt[0], **doubt[1])
        elif pat.section == "catalogue" and entry is None:
            found = found.doubt("extract.no_level")
        yield found


# ---------------------------------------------------------------------------------------------
# Procedures: "Cấp Giấy phép xây dựng theo quy định là 15 ngày làm việc, thực tế 12 ngày
# (giảm 03 ngày)".

_DIGIT = re.compile(r"\d")  # a procedure's name holds no figure ("Giải quyết 100% hồ sơ …")
_SEGMENT = re.compile(r"(?:(?<=[.!?])\s+|:\s+|^)")


def procedure_figures(text: str, folded: str, place: Place, patterns: Patterns) -> Iterator[Found]:
    """Procedures named at the start of a sentence or after a colon, with their days."""
    proc = patterns.procedure
    start_rx = proc.get("start")
    if start_rx is None or "ngay" not in folded:
        return
    bounds = [m.end() for m in _SEGMENT.finditer(folded)] + [len(folded)]
    for a, b in itertools.pairwise(bounds):
        seg = folded[a:b]
        if not start_rx.match(seg):
            continue
        cues = {
            key: rx.search(seg)
            for key, rx in proc.items()
            if key in ("regulated", "actual", "reduction", "reduction_percent", "committed")
        }
        hits = {k: m for k, m in cues.items() if m is not None}
        if not hits or not ({"regulated", "reduction", "reduction_percent"} & set(hits)):
            continue
        name_end = min(m.start() for m in hits.values())
        name = text[a : a + name_end].strip(" ,:;-–(")
        if not name or len(name.split()) > 14 or not name[:1].isupper() or _DIGIT.search(name):
            continue
        quote = quote_around(text, a, b)
        working = proc.get("working")
        day_type = "working" if working is not None and working.search(seg) else None
        fields = {
            "regulated": "regulated_days",
            "actual": "actual_days",
            "reduction": "claimed_reduction_days",
            "reduction_percent": "claimed_reduction_percent",
            "committed": "committed_days",
        }
        base = Found("procedures", "name", name, quote, place, entry=name, pattern="procedure")
        yield base
        for key, m in hits.items():
            group = next((g for g, v in m.groupdict().items() if g[0] == "v" and v), None)
            if group is None:
                continue
            value, qualifier, doubt = parse_value(m.group(group), "p" if "percent" in key else "n")
            if isinstance(value, Decimal) and value == value.to_integral_value():
                value = int(value)
            found = Found(
                "procedures",
                fields[key],
                value,
                quote,
                place,
                entry=name,
                pattern=f"procedure.{key}",
                extra={"qualifier": qualifier, "kind": "n"},
            )
            yield found.doubt(doubt[0], **doubt[1]) if doubt else found
        if day_type and ("regulated" in hits or "actual" in hits):
            yield Found(
                "procedures", "day_type", day_type, quote, place, entry=name, pattern="procedure"
            )
