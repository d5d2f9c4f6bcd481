"""``cchc config`` (the effective configuration and where each value came from) and
``cchc diff OLD.json NEW.json`` (findings new, persisting, resolved or unverified)."""

from __future__ import annotations

import argparse
import datetime as _dt
import json
from collections.abc import Iterator
from typing import Any

import attrs
from rich.table import Table
from rich.text import Text

from ..baseline import NEW, PERSISTING, RESOLVED, STATES, UNVERIFIED, Record, compare, load_report
from ..config import DEFAULT_ORIGIN, Config, today
from ..configfile import attach, core_catalog
from ..engine import Engine
from .common import (
    EXIT_OK,
    add_config_options,
    add_lang,
    add_plugin_options,
    add_selection,
    build_config,
    build_engine,
    fail_on_choice,
    h,
    max_input_bytes,
    parse_date,
    stdout_console,
)

#: The top-level keys ``cchc config`` lists, in order.
KEYS = (
    "lang",
    "fail_on",
    "select",
    "ignore",
    "hard_fail",
    "soft_fail",
    "plugins",
    "plugin_dirs",
    "disable_plugins",
    "rule_timeout",
    "as_of",
    "baseline",
)


def register(sub: Any) -> None:
    """Add this group's subcommands to the cchc parser."""
    c = sub.add_parser(
        "config",
        help=h(
            "hiện cấu hình có hiệu lực và nguồn gốc của từng giá trị",
            "show the effective configuration and where each value came from",
        ),
        description=h(
            "Hiện cấu hình mà `cchc check` chạy tại đây sẽ dùng: tệp tìm thấy (hoặc chỉ định bằng "
            "--config), từng giá trị và nguồn gốc (mặc định, tệp cấu hình, hoặc tùy chọn dòng "
            "lệnh). Có thể đưa các tùy chọn như `cchc check` để xem tác dụng.",
            "Show the configuration a `cchc check` started here would use: the file "
            "found (or given with --config), each value and its origin (default, the file, or a "
            "command-line option). The same options as `cchc check` can be given to see their "
            "effect.",
        ),
    )
    add_lang(c)
    c.add_argument("--fail-on", type=fail_on_choice, default=None, metavar="LEVEL")
    add_selection(c)
    add_plugin_options(c)
    c.add_argument("--as-of", type=parse_date, default=None, metavar="DATE")
    c.add_argument("--baseline", metavar="FILE", default=None)
    c.add_argument("--format", choices=("table", "json"), default="table")
    c.set_defaults(func=run_config)

    d = sub.add_parser(
        "diff",
        help=h(
            "so sánh hai báo cáo JSON: mới, còn tồn tại, đã khắc phục, chưa xác minh được",
            "compare two JSON reports: new, persisting, resolved, unverified",
        ),
        description=h(
            "So sánh hai báo cáo JSON (cchc check --format json) của hai lần kiểm tra liên tiếp "
            "theo dấu vân tay: phát hiện mới, còn tồn tại (kèm kỳ phát hiện lần đầu), đã khắc phục"
            " (quy tắc đã chạy và không thấy gì) hoặc chưa xác minh được (lần này không chạy được,"
            " kèm lý do). Luôn thoát với mã 0.",
            "Compare two JSON reports (cchc check --format json) of successive "
            "inspections by fingerprint: findings new, persisting (with the period first seen), "
            "resolved (the rule ran there and found nothing) or unverified (it could not run there "
            "now, with the reason). Exit 0 whatever the comparison shows.",
        ),
    )
    d.add_argument("old", metavar="OLD.json")
    d.add_argument("new", metavar="NEW.json")
    add_lang(d)
    add_config_options(d)  # its max_input_mb limits the reports read
    d.add_argument("--format", choices=("table", "json"), default="table")
    d.set_defaults(func=run_diff)


# -- cchc config ------------------------------------------------------------------------------
def run_config(args: argparse.Namespace) -> int:
    config = build_config(args)
    engine = build_engine(args, config)
    attach(config, engine.registry)
    lang = config.lang
    if args.format == "json":
        data = config.to_dict()
        data["waivers"] = [w.to_dict() for w in config.waivers]
        data["as_of"] = config.as_of.isoformat() if config.as_of else None
        print(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True))
        return EXIT_OK
    text = core_catalog().render
    out = stdout_console()
    if config.source:
        head = f"{text('label.config_file', None, lang)}: {config.source} (sha256 {config.sha256})"
    else:
        head = text("label.no_config_file", None, lang)
    out.print(Text(head, style="bold"))
    table = Table()
    for label in ("label.key", "label.value", "label.origin"):
        table.add_column(text(label, None, lang), overflow="fold")
    default = text("label.origin_default", None, lang)
    for key, value, origin in config_rows(config, lang):
        table.add_row(Text(key), Text(value), Text(default if origin == DEFAULT_ORIGIN else origin))
    out.print(table)
    return EXIT_OK


def config_rows(config: Config, lang: str) -> Iterator[tuple[str, str, str]]:
    """(key path, value as TOML-like text, origin) for every value of ``config``."""
    text = core_catalog().render
    for key in KEYS:
        value: Any = getattr(config, key)
        if key == "as_of" and value is None:
            value = today()
        yield key, _show(value), config.origin(key)
    for rid, sev in sorted(config.severity.items()):
        yield f"rules.{rid}.severity", _show(sev.label), config.origin("severity")
    for rid, values in sorted(config.params.items()):
        for name, value in sorted(values.items()):
            yield f"rules.{rid}.{name}", _show(value), config.origin("params")
    for rid, kinds in sorted(config.kind_params.items()):
        for kind, values in sorted(kinds.items()):
            for name, value in sorted(values.items()):
                path = f"rules.{rid}.kinds.{kind}.{name}"
                yield path, _show(value), config.origin("kind_params")
    for i, d in enumerate(config.documents):
        yield f"documents[{i}]", f"{d.number} {d.date.isoformat()}", config.origin("documents")
    for key, value in sorted(config.report.items()):
        yield f"report.{key}", _show(value), config.origin("report")
    for w in config.waivers:
        subject = f" / {w.subject}" if w.subject else ""
        value = (
            f"{w.rule} @ {w.unit}{subject}; {text('label.reason', None, lang)}: {w.reason}; "
            f"{text('label.approver', None, lang)}: {w.approver}; "
            f"{text('label.expires', None, lang)}: {w.expires.isoformat()}"
        )
        yield f"waivers[{w.index}]", value, config.origin("waivers")


def _show(value: Any) -> str:
    if isinstance(value, tuple):
        value = list(value)
    if isinstance(value, _dt.date):
        return value.isoformat()
    if value is None:
        return "—"
    return json.dumps(value, ensure_ascii=False)


# -- cchc diff --------------------------------------------------------------------------------
def _in_language(snapshot: Any, lang: str) -> Any:
    """A report's findings with their messages rendered in ``lang`` (from the ids and evidence
    the report stored), using the catalogues of the rules installed here."""
    text = Engine.default().registry.messages.render
    findings = {
        fp: attrs.evolve(r, message=r.message_in(text, lang)) for fp, r in snapshot.findings.items()
    }
    return attrs.evolve(snapshot, findings=findings)


def run_diff(args: argparse.Namespace) -> int:
    config = build_config(args)
    limit = max_input_bytes(config)
    old, old_about = load_report(args.old, max_bytes=limit, lang=config.lang)
    new, new_about = load_report(args.new, max_bytes=limit, lang=config.lang)
    lang: str = args.lang or (new_about["lang"] if new_about.get("lang") in ("vi", "en") else "vi")
    if lang != new_about.get("lang") or lang != old_about.get("lang"):
        old, new = _in_language(old, lang), _in_language(new, lang)
    cmp = compare(old, new)
    text = Engine.default().registry.messages.render
    current = []
    for fp, t in sorted(cmp.tracked.items(), key=lambda kv: _order(new.findings[kv[0]])):
        current.append({**new.findings[fp].to_dict(), **t.fields(), "state": t.state})
    if args.format == "json":
        section = cmp.section(text, lang)
        data = {
            "schema": "cchc-diff/1",
            "old": old_about,
            "new": new_about,
            "counts": section["counts"],
            "findings": current,
            "resolved": section["resolved"],
            "unverified": section["unverified"],
        }
        print(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True))
        return EXIT_OK
    out = stdout_console()
    out.print(
        Text(text("label.diff_title", {"old": args.old, "new": args.new}, lang), style="bold")
    )
    rows: dict[str, list[tuple[str, str, str, str]]] = {s: [] for s in STATES}
    for entry in current:
        first = entry.get("first_seen")
        note = (
            f"{text('label.first_seen', None, lang)}: {first}"
            if entry["state"] == PERSISTING and first
            else ""
        )
        rows[entry["state"]].append(_row(entry, note))
    for g in cmp.gone:
        note = g.reason.render(text, lang) if g.reason is not None else ""
        if g.followed_to:
            followed = text("label.followed_to", {"successors": ", ".join(g.followed_to)}, lang)
            note = f"{followed}; {note}" if note else followed
        rows[g.state].append(_row(g.record.to_dict(), note))
    for state in (NEW, PERSISTING, RESOLVED, UNVERIFIED):
        label = text(f"label.baseline.{state}", None, lang)
        out.print(Text(f"{label}: {len(rows[state])}", style="bold"))
        if rows[state]:
            table = Table(show_header=False, box=None, expand=True, padding=(0, 1))
            table.add_column(no_wrap=True)
            table.add_column(style="cchc.rule", no_wrap=True)
            table.add_column(ratio=1)
            for unit, rule, message, note in rows[state]:
                body = Text(message)
                if note:
                    body.append(f"\n{note}", style="cchc.muted")
                table.add_row(Text(unit), Text(rule), body)
            out.print(table)
    return EXIT_OK


def _row(entry: dict[str, Any], note: str) -> tuple[str, str, str, str]:
    message = entry.get("message") or entry.get("subject") or ""
    return str(entry["unit"]), str(entry["rule"]), str(message), note


def _order(rec: Record) -> tuple[str, str, str]:
    return (rec.unit, rec.rule, rec.key)
