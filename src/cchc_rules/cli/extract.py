"""``cchc extract``: a draft ``cchc/1`` file from a report document."""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .common import (
    EXIT_DATA,
    EXIT_RULE,
    add_lang,
    add_plugin_options,
    build_config,
    build_engine,
    h,
    max_input_bytes,
    print_failures,
    print_plugin_failures,
    stderr_console,
)

if TYPE_CHECKING:
    from ..extract import Extraction, Patterns
    from ..plugins import Registry

__all__ = ["load_patterns", "register"]


def register(sub: Any) -> None:
    p = sub.add_parser(
        "extract",
        help=h(
            "trích số liệu từ báo cáo (.docx, .pdf, .md, .txt) thành bản nháp cchc/1",
            "extract a report's figures (.docx, .pdf, .md, .txt) into a draft cchc/1 file",
        ),
        description=h(
            "Đọc báo cáo như được viết và ghi bản nháp cchc/1: mỗi số liệu kèm câu gốc và vị trí, "
            "số liệu chưa chắc chắn để dạng chú thích kèm lý do; tóm tắt in ra stderr.",
            "Read a report as written and write a draft cchc/1 file: every value with its "
            "sentence and place, uncertain ones commented out with the reason; a summary on "
            "stderr.",
        ),
    )
    p.add_argument("reports", nargs="+", metavar="REPORT", help=h("tệp báo cáo", "report files"))
    p.add_argument(
        "--output",
        "-o",
        metavar="PATH",
        help=h(
            "tệp bản nháp (một báo cáo) hoặc thư mục (nhiều báo cáo); mặc định: stdout với một "
            "báo cáo, TÊN.draft.toml cạnh từng báo cáo với nhiều báo cáo",
            "the draft file (one report) or a folder (several); default: stdout for one report, "
            "NAME.draft.toml beside each report for several",
        ),
    )
    add_plugin_options(p)  # --plugins-dir, --config, --isolated: the plugins `cchc check` loads
    add_lang(p)
    p.set_defaults(func=run_extract)


def load_patterns(registry: Registry, lang: str = "vi") -> tuple[Patterns, bool]:
    """The shipped patterns and those the loaded plugins registered (hook
    ``cchc_register_extract_patterns``), and whether every plugin's patterns could be used: a
    set that does not compile is left out, a failure of its plugin said on stderr."""
    from ..extract import patterns_with
    from ..extract.patterns import compile_patterns
    from ..plugins import PluginFailure, describe

    origins = {info.name: info.origin for info in registry.plugins}
    usable: list[tuple[str, Mapping[str, Any]]] = []
    failures: list[PluginFailure] = []
    for plugin, data in registry.extract_patterns:
        try:
            compile_patterns([(plugin, data)])  # each set on its own: a failure names its plugin
        except Exception as exc:
            params = {"hook": "cchc_register_extract_patterns", "detail": describe(exc)}
            failures.append(
                PluginFailure(plugin, "plugin.hook_failed", params, origins.get(plugin, ""))
            )
            continue
        usable.append((plugin, data))
    print_failures(failures, lang)
    return patterns_with(usable), not failures


def _patterns_or_none(registry: Registry, lang: str) -> tuple[Patterns, bool] | None:
    """:func:`load_patterns`; None when the patterns are wrong (said on stderr)."""
    from ..extract import PatternError

    try:
        return load_patterns(registry, lang)
    except PatternError as exc:
        _problem("patterns", "extract.patterns", {"detail": str(exc)}, lang)
        return None


def _problem(path: str, message: str, params: Mapping[str, Any], lang: str) -> None:
    from ..extract.messages import render

    stderr_console().print(
        f"cchc: {path}: {render(message, params, lang)}",
        style="cchc.problem",
        markup=False,
        highlight=False,
        soft_wrap=True,
    )


def extract_one(
    path: str, patterns: Patterns, lang: str, *, max_bytes: int | None = None
) -> Extraction | None:
    """Extract ``path`` (one larger than ``max_bytes`` is not read); a problem is said on stderr
    and gives None."""
    from ..extract import ExtractError, extract_document

    try:
        ex = extract_document(path, patterns, max_bytes=max_bytes)
    except ExtractError as exc:
        _problem(path, exc.message, exc.params, lang)
        return None
    if not ex.taken or not any(f.section not in ("references",) for f in ex.found):
        _problem(path, "extract.no_figures", {}, lang)
        return None
    return ex


def summarize(ex: Extraction, lang: str) -> None:
    """The summary of one extraction on stderr: taken, uncertain, sections with nothing."""
    from ..extract.messages import render

    err = stderr_console()
    params = {
        "file": Path(ex.path).name,
        "taken": ex.figure_count,
        "uncertain": len(ex.uncertain),
        "refs": ex.references,
    }
    err.print(
        render("extract.summary", params, lang), markup=False, highlight=False, soft_wrap=True
    )
    if ex.empty_sections:
        text = render("extract.empty_sections", {"sections": ", ".join(ex.empty_sections)}, lang)
        err.print(text, style="cchc.muted", markup=False, highlight=False, soft_wrap=True)


def run_extract(args: argparse.Namespace) -> int:
    from ..extract import draft_toml
    from ..extract.messages import render
    from .guard import write_output

    config = build_config(args)
    lang = config.lang
    engine = build_engine(args, config)  # the plugins as `cchc check` loads them
    plugins_code = print_plugin_failures(engine)
    loaded = _patterns_or_none(engine.registry, lang)
    if loaded is None:
        return EXIT_DATA
    patterns, plugins_ok = loaded
    limit = max_input_bytes(config)
    several = len(args.reports) > 1
    out_dir = Path(args.output) if several and args.output else None
    if out_dir is not None:
        out_dir.mkdir(parents=True, exist_ok=True)
    code = plugins_code if plugins_ok else EXIT_RULE
    for path in args.reports:
        ex = extract_one(path, patterns, lang, max_bytes=limit)
        if ex is None:
            code = max(code, EXIT_DATA)
            continue
        text = draft_toml(ex, lang)
        summarize(ex, lang)
        if several or args.output:
            target = (
                Path(args.output)
                if not several
                else (out_dir or Path(path).parent) / f"{Path(path).stem}.draft.toml"
            )
            write_output(str(target), text, lang)  # a missing folder or full disk: exit 2
            stderr_console().print(
                render("extract.written", {"path": str(target)}, lang), markup=False
            )
        else:
            import sys

            sys.stdout.write(text)
            sys.stdout.flush()
    return code


def is_document(path: str) -> bool:
    """Whether ``path`` names a report document that ``cchc check`` extracts first."""
    from ..extract import SUFFIXES

    return Path(path).suffix.lower() in SUFFIXES


def load_for_check(
    paths: list[str],
    registry: Registry,
    lang: str,
    *,
    max_bytes: int | None = None,
    max_depth: int | None = None,
) -> tuple[Any, dict[str, list[dict[str, Any]]]] | None:
    """The dataset of ``paths``, report documents extracted first, and the report's provenance
    parts: each document's counts (``extracted_from``) and each extracted value's unit, quote
    and place (``extraction``); None when a document could not be extracted (said on
    stderr). ``registry``: the loaded plugins (their phrase patterns are used). Documents and
    the other paths are read with the limits ``load_dataset`` has (``max_bytes``, and
    ``max_depth`` for data files)."""
    from ..extract.draft import dataset_unit_id, draft_toml
    from ..extract.messages import render
    from ..extract.patterns import tomllib
    from ..loading import _load
    from ..loading.convert import convert_tree

    loaded = _patterns_or_none(registry, lang)  # once for every document; a plugin failure
    if loaded is None:  # is said on stderr
        return None
    patterns = loaded[0]
    drafts = []
    others: list[str] = []
    quotes: list[dict[str, Any]] = []
    files: list[dict[str, Any]] = []
    for path in paths:
        if is_document(path):
            ex = extract_one(path, patterns, lang, max_bytes=max_bytes)
            if ex is None:
                return None
            summarize(ex, lang)
            drafts.append(convert_tree(tomllib.loads(draft_toml(ex, lang)), path))
            note = {
                "file": Path(path).name,
                "taken": ex.figure_count,
                "uncertain": len(ex.uncertain),
            }
            stderr_console().print(
                "cchc: " + render("extract.check_note", note, lang), markup=False, soft_wrap=True
            )
            files.append(
                {
                    "file": path,
                    "unit_id": dataset_unit_id(ex.header, None),
                    "figures": ex.figure_count,
                    "uncertain": len(ex.uncertain),
                    "references": ex.references,
                }
            )
            quotes.extend(
                {
                    "file": path,
                    "unit": f.unit,
                    "unit_id": dataset_unit_id(ex.header, f.unit),
                    "section": f.section,
                    "entry": f.entry,
                    "field": f.field,
                    "value": str(f.value),
                    "quote": f.quote,
                    "where": f.place.text(lang),
                }
                for f in ex.taken
            )
        else:  # a data file, workbook or CSV folder beside the report
            others.append(path)
    dataset = _load(others, max_bytes, max_depth, built=drafts)
    return dataset, {"extracted_from": files, "extraction": quotes}


def with_extraction(report: Any, parts: Mapping[str, list[dict[str, Any]]]) -> Any:
    """The report, saying which documents its data was extracted from and where each figure
    was read (the JSON report's ``extracted_from`` and ``extraction`` parts)."""
    import attrs

    sections = {**report.extra.get("sections", {}), **parts}
    return attrs.evolve(report, extra={**report.extra, "sections": sections})
