"""``cchc rules``, ``cchc explain ID`` and ``cchc plugins``: what is loaded and what it means."""

from __future__ import annotations

import argparse
import json
from typing import Any

from rich.table import Table
from rich.text import Text

from ..engine import Engine
from ..messages import core_catalog
from ..model import SECTIONS
from ..renderers import document
from ..rule import Rule
from .common import (
    EXIT_DATA,
    EXIT_OK,
    EXIT_RULE,
    add_lang,
    add_plugin_options,
    build_config,
    build_engine,
    h,
    print_plugin_failures,
    print_plugin_notices,
    stderr_console,
    stdout_console,
)


def register(sub: Any) -> None:
    r = sub.add_parser(
        "rules",
        help=h(
            "liệt kê các quy tắc (mã, nhóm, mức độ, plugin)",
            "list the rules (id, family, severity, plugin)",
        ),
        description=h(
            "Liệt kê mọi quy tắc đã nạp với nhóm, mức độ mặc định và plugin cung cấp.",
            "List every loaded rule with its family, default severity "
            "and the plugin it comes from.",
        ),
    )
    add_lang(r)
    r.add_argument("--format", choices=("table", "json"), default="table")
    add_plugin_options(r)
    r.set_defaults(func=run_rules)

    e = sub.add_parser(
        "explain",
        help=h(
            "giải thích một quy tắc: mục đích, số liệu, tham số, căn cứ pháp lý, ví dụ",
            "explain one rule: purpose, data, parameters, law, examples",
        ),
        description=h(
            "Giải thích một quy tắc: mục đích, số liệu sử dụng, tham số và giá trị mặc định, căn "
            "cứ pháp lý theo thời kỳ, và ví dụ số liệu có và không gây phát hiện.",
            "Explain a rule: its purpose, the data it reads, its "
            "parameters and defaults, its legal basis per period, and "
            "examples of data that do and do not trigger it.",
        ),
    )
    e.add_argument("rule_id", metavar="ID")
    add_lang(e)
    add_plugin_options(e)
    e.set_defaults(func=run_explain)

    p = sub.add_parser(
        "plugins",
        help=h(
            "liệt kê các plugin đã nạp, phiên bản, nguồn gốc và quy tắc",
            "list loaded plugins, versions, origins and rules",
        ),
        description=h(
            "Liệt kê các plugin đã nạp: tên, phiên bản, nguồn gốc và các quy tắc; cùng các plugin "
            "không nạp được.",
            "List the loaded plugins: name, version, where each came "
            "from, and its rules; and plugins that failed to load.",
        ),
    )
    add_lang(p)
    p.add_argument("--format", choices=("table", "json"), default="table")
    add_plugin_options(p)
    p.set_defaults(func=run_plugins)


def _engine(args: argparse.Namespace) -> tuple[Engine, str]:
    config = build_config(args)
    return build_engine(args, config), config.lang


def _t(texts: dict[str, str], lang: str) -> str:
    return texts.get(lang) or texts.get("en") or next(iter(texts.values()), "")


#: Headers and values of the listings, per language (rule ids, plugin names, data field names
#: and paths are printed as they are).
_LABELS: dict[str, dict[str, str]] = {
    "vi": {
        "id": "Mã",
        "family": "Nhóm",
        "severity": "Mức độ",
        "plugin": "Plugin",
        "title": "Tên quy tắc",
        "version": "Phiên bản",
        "origin": "Nguồn",
        "rules": "Quy tắc",
        "location": "Vị trí",
        "origin.builtin": "có sẵn",
        "origin.entry point": "gói đã cài đặt",
        "origin.module": "mô-đun",
        "origin.file": "tệp",
        "origin.object": "đối tượng",
    },
    "en": {
        "id": "ID",
        "family": "family",
        "severity": "severity",
        "plugin": "plugin",
        "title": "title",
        "version": "version",
        "origin": "origin",
        "rules": "rules",
        "location": "location",
    },
}


def _label(key: str, lang: str) -> str:
    labels = _LABELS["vi" if lang == "vi" else "en"]
    return labels.get(key) or (key.split(".", 1)[1] if key.startswith("origin.") else key)


def family_label(engine: Engine, family: str, lang: str) -> str:
    """The family's name in ``lang`` (``family.<id>`` in the message catalogs), else its id."""
    return document.family_label(engine.registry.messages, family, lang)


def severity_label(severity: str, lang: str) -> str:
    """``error`` / ``warning`` / ``info`` in ``lang`` (lỗi, cảnh báo, thông tin)."""
    return core_catalog().render(f"label.{severity}", None, lang)


def run_rules(args: argparse.Namespace) -> int:
    engine, lang = _engine(args)
    rules = sorted(engine.registry.rules.values(), key=lambda r: r.id)
    if args.format == "json":
        print(
            json.dumps(
                [
                    {
                        "id": r.id,
                        "family": r.family,
                        "severity": r.severity.label,
                        "plugin": r.plugin,
                        "title": _t(r.title, lang),
                        "section": r.section,
                    }
                    for r in rules
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return print_plugin_failures(engine)
    table = Table(*(_label(k, lang) for k in ("id", "family", "severity", "plugin", "title")))
    for r in rules:
        table.add_row(  # Text, never markup: ids, titles and names come from plugins
            Text(r.id),
            Text(family_label(engine, r.family, lang)),
            Text(severity_label(r.severity.label, lang), style=f"cchc.severity.{r.severity.label}"),
            Text(r.plugin),
            Text(_t(r.title, lang)),
        )
    stdout_console().print(table)
    return print_plugin_failures(engine)


def explain_text(rule: Rule, engine: Engine, lang: str) -> list[Any]:
    """The explanation of ``rule`` as rich renderables."""
    vi = lang == "vi"
    law = engine.registry.law
    out: list[Any] = [Text(f"{rule.id} — {_t(rule.title, lang)}", style="bold")]
    out.append(
        Text(
            f"{'Nhóm' if vi else 'Family'}: {family_label(engine, rule.family, lang)}   "
            f"{'Mức độ' if vi else 'Severity'}: {severity_label(rule.severity.label, lang)}   "
            f"Plugin: {rule.plugin}"
        )
    )
    if rule.description:
        out.append(Text(_t(rule.description, lang)))
    data = rule.section or ("mọi đơn vị" if vi else "any unit")
    if rule.requires and SECTIONS[rule.section or ""].many:
        each = "mỗi mục cần" if vi else "each entry needs"
        data += f" ({each}: {', '.join(rule.requires)})"
    elif rule.requires:
        data += f" ({', '.join(rule.requires)})"
    out.append(Text(f"{'Số liệu sử dụng' if vi else 'Data used'}: {data}"))
    if rule.params:
        out.append(Text("Tham số" if vi else "Parameters", style="bold"))
        for p in rule.params:
            if p.basis is None:
                origin = core_catalog().render("label.policy_default", None, lang)
            else:
                known = law.get(p.basis)
                origin = f"{'căn cứ' if vi else 'basis'}: {known.number if known else p.basis}"
                if known is not None and known.programme:
                    origin += "; " + core_catalog().render("label.programme_target", None, lang)
            default = repr(p.default) if p.default is not None else "—"
            out.append(Text(f"  {p.name} = {default}  ({origin})  {_t(p.doc, lang)}"))
    if rule.basis:
        out.append(
            Text("Căn cứ pháp lý theo thời kỳ" if vi else "Legal basis by period", style="bold")
        )
        for topic in rule.basis:
            for b in law.topic(topic):
                start = f"{b.in_force_from:%d/%m/%Y}" if b.in_force_from else "…"
                end = f"{b.in_force_to:%d/%m/%Y}" if b.in_force_to else "…"
                art = f", {b.article}" if b.article else ""
                out.append(
                    Text(
                        f"  {start} – {end}: {b.number}{art} — {b.title(lang)}"
                        + (f"  <{b.source}>" if b.source else "")
                    )
                )
    if rule.examples:
        out.append(Text("Ví dụ" if vi else "Examples", style="bold"))
        for ex in rule.examples:
            verdict = (
                ("phát hiện" if ex.fires else "không phát hiện")
                if vi
                else ("triggers" if ex.fires else "does not trigger")
            )
            if ex.skips:
                verdict += ", bỏ qua" if vi else ", skipped"
            sev = f" ({severity_label(ex.severity, lang)})" if ex.severity else ""
            lines = [
                f"  [{verdict}{sev}] {'kỳ' if vi else 'period'} "
                f"{ex.period[0]}..{ex.period[1]}: {_compact(ex.unit)}"
            ]
            if ex.params:
                lines.append(f"      {'tham số' if vi else 'parameters'}: {_compact(ex.params)}")
            if ex.dataset:
                lines.append(f"      {'bộ số liệu' if vi else 'dataset'}: {_compact(ex.dataset)}")
            for other in ex.units:
                lines.append(f"      {'cùng với' if vi else 'with'}: {_compact(other)}")
            if ex.note:
                lines.append(f"      ({ex.note_text(lang)})")
            out.append(Text("\n".join(lines)))
    return out


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def run_explain(args: argparse.Namespace) -> int:
    engine, lang = _engine(args)
    rule = engine.registry.rules.get(args.rule_id) or next(
        (r for r in engine.registry.rules.values() if r.id.lower() == args.rule_id.lower()), None
    )
    if rule is None:
        stderr_console().print(
            "cchc: " + core_catalog().render("cli.no_rule", {"rule": args.rule_id}, lang),
            style="cchc.problem",
            markup=False,
        )
        return EXIT_DATA
    out = stdout_console()
    for item in explain_text(rule, engine, lang):
        out.print(item, markup=False, highlight=False)
    return EXIT_OK


def run_plugins(args: argparse.Namespace) -> int:
    engine, lang = _engine(args)
    reg = engine.registry
    if args.format == "json":
        print_plugin_notices(engine)
        print(
            json.dumps(
                {
                    "plugins": [
                        {
                            "name": p.name,
                            "version": p.version,
                            "origin": p.origin,
                            "location": p.location,
                            "rules": list(p.rules),
                        }
                        for p in reg.plugins
                    ],
                    "failures": [
                        {
                            "plugin": f.plugin,
                            "message": f.text(lang),
                            "message_id": f.message_id,
                            "origin": f.origin,
                        }
                        for f in reg.failures
                    ],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return EXIT_RULE if reg.failures else EXIT_OK
    table = Table(*(_label(k, lang) for k in ("plugin", "version", "origin", "rules", "location")))
    for p in reg.plugins:
        table.add_row(  # Text, never markup
            *map(Text, (p.name, p.version, _label(f"origin.{p.origin}", lang))),
            Text(", ".join(p.rules)),
            Text(p.location),
        )
    stdout_console().print(table)
    return print_plugin_failures(engine)
