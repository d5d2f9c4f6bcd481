"""``cchc law [TOPIC]``: the legal-basis topics a rule may cite and their bases, by period."""

from __future__ import annotations

import argparse
import datetime as _dt
import difflib
import json
from collections.abc import Iterable, Mapping
from typing import Any

import attrs
from rich.text import Text

from ..law import LawBook, LegalBasis
from ..messages import Catalog, core_catalog
from ..model import Period
from ..rule import Rule
from .common import (
    EXIT_DATA,
    add_lang,
    add_plugin_options,
    build_config,
    build_engine,
    h,
    parse_date,
    print_plugin_failures,
    stderr_console,
    stdout_console,
)


def register(sub: Any) -> None:
    p = sub.add_parser(
        "law",
        help=h(
            "liệt kê các chủ đề căn cứ pháp lý mà quy tắc trích dẫn và văn bản theo thời kỳ",
            "list the legal-basis topics rules cite, and their documents by period",
        ),
        description=h(
            'Liệt kê các chủ đề căn cứ pháp lý mà một quy tắc có thể trích dẫn (basis=("chủ_đề",)) '
            "và các văn bản của từng chủ đề: mã, số hiệu, tên, ngày ban hành, thời gian có hiệu "
            "lực, điều khoản và nguồn công khai; các quy tắc đã nạp trích dẫn chủ đề đó.",
            'List the legal-basis topics a rule may cite (basis=("topic",)) and the documents '
            "of each topic: id, number, title, date of issue, dates in force, article and public "
            "source; and the loaded rules that cite the topic.",
        ),
    )
    p.add_argument(
        "topic",
        nargs="?",
        metavar="TOPIC",
        help=h(
            "chỉ một chủ đề (ví dụ one_stop_shop) hoặc một văn bản (ví dụ nd-61-2018)",
            "only this topic (e.g. one_stop_shop) or this document (e.g. nd-61-2018)",
        ),
    )
    when = p.add_mutually_exclusive_group()
    when.add_argument(
        "--period",
        type=parse_period,
        metavar="START:END",
        help=h(
            "chỉ các văn bản có hiệu lực ít nhất một ngày trong kỳ (YYYY-MM-DD:YYYY-MM-DD)",
            "only documents in force on at least one day of the period (YYYY-MM-DD:YYYY-MM-DD)",
        ),
    )
    when.add_argument(
        "--on",
        type=parse_date,
        metavar="DATE",
        help=h(
            "chỉ các văn bản có hiệu lực vào ngày này (YYYY-MM-DD)",
            "only documents in force on this day (YYYY-MM-DD)",
        ),
    )
    p.add_argument(
        "--format",
        choices=("table", "json"),
        default="table",
        help=h("định dạng: table (mặc định) hoặc json", "output format: table (default) or json"),
    )
    add_lang(p)
    add_plugin_options(p)
    p.set_defaults(func=run_law)


def parse_period(text: str) -> Period:
    start, sep, end = text.partition(":")
    if not sep:
        raise argparse.ArgumentTypeError(
            h(
                f"cần một kỳ dạng YYYY-MM-DD:YYYY-MM-DD, nhận được {text!r}",
                f"expected a period as YYYY-MM-DD:YYYY-MM-DD, got {text!r}",
            )
        )
    first, last = parse_date(start), parse_date(end)
    if last < first:
        raise argparse.ArgumentTypeError(
            h(
                f"ngày kết thúc {last} trước ngày bắt đầu {first}",
                f"the end {last} is before the start {first}",
            )
        )
    return Period(first, last)


@attrs.frozen
class TopicView:
    """One topic as the command shows it: the rules citing it and the bases to list."""

    topic: str
    rules: tuple[str, ...]
    bases: tuple[LegalBasis, ...]


def topics_of(book: LawBook, rules: Iterable[Rule] = ()) -> tuple[str, ...]:
    """Every topic of the law book and every topic a rule cites (a topic with no document shows
    up, e.g. a misspelt one), sorted."""
    cited = {t for r in rules for t in r.basis}
    return tuple(sorted(cited | {t for b in book.bases.values() for t in b.topics}))


def law_view(
    book: LawBook,
    rules: Iterable[Rule],
    *,
    topics: Iterable[str] | None = None,
    basis_id: str | None = None,
    period: Period | None = None,
) -> list[TopicView]:
    """The topics to show (default: all), each with the bases in force during ``period`` (all
    when ``None``), oldest first; only ``basis_id`` when given."""
    rules = sorted(rules, key=lambda r: r.id)
    citing: dict[str, list[str]] = {}
    for r in rules:
        for t in r.basis:
            citing.setdefault(t, []).append(r.id)
    out = []
    for topic in topics_of(book, rules) if topics is None else topics:
        bases = book.topic(topic) if period is None else book.in_force(topic, period)
        if basis_id is not None:
            bases = tuple(b for b in bases if b.id == basis_id)
        out.append(TopicView(topic, tuple(citing.get(topic, ())), bases))
    return out


def resolve(
    name: str, book: LawBook, rules: Iterable[Rule] = ()
) -> tuple[tuple[str, ...], str | None] | None:
    """The topics and basis id ``name`` designates (a topic, or a basis id), case-insensitively;
    ``None`` when it designates neither."""
    folded = name.casefold()
    for topic in topics_of(book, rules):
        if topic.casefold() == folded:
            return (topic,), None
    for basis in book.bases.values():
        if basis.id.casefold() == folded:
            return tuple(sorted(basis.topics)), basis.id
    return None


def _day(day: _dt.date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else "…"


def basis_json(b: LegalBasis, lang: str) -> dict[str, Any]:
    extra = b.extra.get("sources_extra")
    return {
        "id": b.id,
        "number": b.number,
        "kind": b.kind,
        "title": b.title(lang),
        "title_vi": b.title_vi,
        "title_en": b.title_en,
        "issued": b.issued.isoformat() if b.issued else None,
        "in_force_from": b.in_force_from.isoformat() if b.in_force_from else None,
        "in_force_to": b.in_force_to.isoformat() if b.in_force_to else None,
        "article": b.article or None,
        "amends": b.amends or None,
        "programme": b.programme,
        "topics": list(b.topics),
        "source": b.source or None,
        "sources_extra": [str(s) for s in extra] if isinstance(extra, list) else [],
    }


def law_json(views: list[TopicView], period: Period | None, lang: str) -> dict[str, Any]:
    return {
        "period": None
        if period is None
        else {"start": period.start.isoformat(), "end": period.end.isoformat()},
        "topics": [
            {
                "topic": v.topic,
                "rules": list(v.rules),
                "bases": [basis_json(b, lang) for b in v.bases],
            }
            for v in views
        ],
    }


_LABELS: Mapping[str, Mapping[str, str]] = {
    "vi": {
        "all": "Căn cứ pháp lý theo chủ đề",
        "during": "Căn cứ pháp lý có hiệu lực trong kỳ {start} – {end}",
        "on": "Căn cứ pháp lý có hiệu lực ngày {day}",
        "rules": "quy tắc trích dẫn",
        "in_force": "hiệu lực",
        "issued": "ban hành",
        "amends": "sửa đổi",
        "programme": "chương trình, không bắt buộc",
        "source": "nguồn",
        "none": "(không có văn bản nào có hiệu lực)",
        "cite": 'Trích dẫn một chủ đề trong quy tắc: @rule(..., basis=("chủ_đề",)).',
    },
    "en": {
        "all": "Legal bases by topic",
        "during": "Legal bases in force during {start} – {end}",
        "on": "Legal bases in force on {day}",
        "rules": "cited by",
        "in_force": "in force",
        "issued": "issued",
        "amends": "amends",
        "programme": "programme, not binding",
        "source": "source",
        "none": "(no document in force)",
        "cite": 'Cite a topic in a rule: @rule(..., basis=("topic",)).',
    },
}


def law_text(
    views: list[TopicView],
    period: Period | None,
    lang: str,
    messages: Catalog | None = None,
) -> list[Text]:
    """The listing as plain lines (data is never read as markup); each topic with its name in
    ``lang`` (``topic.<id>`` in ``messages``) when one is known."""
    lab = _LABELS["vi" if lang == "vi" else "en"]
    if period is None:
        head = lab["all"]
    elif period.start == period.end:
        head = lab["on"].format(day=_day(period.start))
    else:
        head = lab["during"].format(start=_day(period.start), end=_day(period.end))
    out = [Text(head, style="bold")]
    for v in views:
        name = f"topic.{v.topic}"
        title = v.topic
        if messages is not None and (messages.has(name, lang) or messages.has(name, "en")):
            title = f"{v.topic} — {messages.render(name, None, lang)}"
        line = Text("\n" + title, style="bold")
        if v.rules:
            line.append(f"  ({lab['rules']}: {', '.join(v.rules)})", style="")
        out.append(line)
        if not v.bases:
            out.append(Text(f"  {lab['none']}"))
        for b in v.bases:
            number = b.number + (f", {b.article}" if b.article else "")
            facts = [f"{lab['in_force']} {_day(b.in_force_from)} – {_day(b.in_force_to)}"]
            if b.issued:
                facts.append(f"{lab['issued']} {_day(b.issued)}")
            if b.amends:
                facts.append(f"{lab['amends']} {b.amends}")
            if b.programme:
                facts.append(lab["programme"])
            out.append(Text(f"  {b.id}  {number}  ({'; '.join(facts)})"))
            out.append(Text(f"      {b.title(lang)}"))
            if b.source:
                out.append(Text(f"      {lab['source']}: {b.source}"))
    out.append(Text("\n" + lab["cite"]))
    return out


def run_law(args: argparse.Namespace) -> int:
    config = build_config(args)
    engine = build_engine(args, config)
    lang = config.lang
    book = engine.registry.law
    rules = list(engine.registry.rules.values())
    period: Period | None = args.period or (Period(args.on, args.on) if args.on else None)
    topics: tuple[str, ...] | None = None
    basis_id = None
    if args.topic is not None:
        found = resolve(args.topic, book, rules)
        if found is None:
            known = [*topics_of(book, rules), *book.bases]
            close = difflib.get_close_matches(args.topic, known, n=1, cutoff=0.6)
            message, params = (
                ("cli.no_topic_suggest", {"topic": args.topic, "suggestion": close[0]})
                if close
                else ("cli.no_topic", {"topic": args.topic})
            )
            stderr_console().print(
                "cchc: " + core_catalog().render(message, params, lang),
                style="cchc.problem",
                markup=False,
                highlight=False,
                soft_wrap=True,
            )
            return EXIT_DATA
        topics, basis_id = found
    views = law_view(book, rules, topics=topics, basis_id=basis_id, period=period)
    if args.format == "json":
        print(json.dumps(law_json(views, period, lang), ensure_ascii=False, indent=2))
    else:
        out = stdout_console()
        for line in law_text(views, period, lang, engine.registry.messages):
            out.print(line, markup=False, highlight=False, soft_wrap=True)
    return print_plugin_failures(engine)
