"""``cchc check`` and ``cchc validate``."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._gc import paused_gc
from ..baseline import apply_baseline, load_report
from ..configfile import attach
from ..loading import load_dataset
from ..messages import core_catalog
from ..renderers.table import summary_line, write_terminal
from ..waivers import EXPIRED, UNUSED
from .common import (
    EXIT_DATA,
    EXIT_OK,
    add_config_options,
    add_lang,
    add_plugin_options,
    add_selection,
    build_config,
    build_engine,
    fail_on_choice,
    h,
    is_terminal,
    parse_date,
    print_plugin_notices,
    stderr_console,
    stdout_console,
)
from .common import max_input_bytes as max_bytes
from .guard import (
    check_output,
    plugin_output_to_stderr,
    render_or_fail,
    stream_output,
    write_output,
)
from .quick_exit import leave_for_exit

if TYPE_CHECKING:
    from ..render import Renderer


def register(sub: Any) -> None:
    p = sub.add_parser(
        "check",
        help=h(
            "đọc số liệu, chạy các quy tắc, in hoặc ghi báo cáo",
            "load data, run the rules, print or write the report",
        ),
        description=h(
            "Đọc một hoặc nhiều tệp số liệu (TOML, JSON, bảng tính .xlsx hoặc thư mục tệp .csv; "
            "định dạng cchc/1) thành một bộ dữ liệu, chạy mọi quy tắc được chọn trên mọi đơn vị "
            "và in báo cáo.",
            "Load one or more data files (TOML, JSON, an .xlsx workbook or a folder of .csv "
            "files; format cchc/1) into one dataset, run every selected rule on every unit and "
            "print the report.",
        ),
    )
    add_data_paths(p)
    p.add_argument(
        "--format",
        "-f",
        default=None,
        metavar="FORMAT",
        help=h(
            "định dạng báo cáo: table (mặc định), json, md, html, csv, xlsx, junit, hoặc định "
            "dạng do plugin thêm; khi không nêu, suy ra từ đuôi tệp --output (.json .md .html "
            ".csv .xlsx .xml→junit .txt)",
            "output format: table (default), json, md, html, csv, xlsx, junit, or one a plugin "
            "adds; when not given, inferred from the --output file's suffix (.json .md .html "
            ".csv .xlsx .xml→junit .txt)",
        ),
    )
    p.add_argument(
        "--output",
        "-o",
        metavar="FILE",
        help=h(
            "ghi báo cáo vào FILE (định dạng theo đuôi tệp nếu không có --format)",
            "write the report to FILE (in the format its suffix names, unless --format is given)",
        ),
    )
    add_lang(p)
    p.add_argument(
        "--fail-on",
        type=fail_on_choice,
        default=None,
        metavar="LEVEL",
        help=h(
            "thoát với mã 1 khi có phát hiện từ mức LEVEL trở lên: error (mặc định), warning, info"
            " hoặc never",
            "exit 1 when a finding is at or above LEVEL: error (default), warning, info or never",
        ),
    )
    add_selection(p)
    add_plugin_options(p)
    p.add_argument(
        "--as-of",
        type=parse_date,
        default=None,
        metavar="DATE",
        help=h(
            "xét hạn của ngoại lệ tại ngày DATE (YYYY-MM-DD; mặc định: hôm nay)",
            "judge waiver expiry at DATE (YYYY-MM-DD; default: today)",
        ),
    )
    p.add_argument(
        "--baseline",
        metavar="FILE",
        default=None,
        help=h(
            "báo cáo JSON kỳ trước: đánh dấu phát hiện mới, còn tồn tại, đã khắc phục hoặc chưa "
            "xác minh được",
            "previous JSON report: mark findings new, persisting, resolved or unverified",
        ),
    )
    p.add_argument(
        "--jobs",
        "-j",
        type=_jobs,
        default=1,
        metavar="N",
        help=h(
            "chia các đơn vị cho N tiến trình (bộ số liệu lớn; báo cáo y hệt khi chạy một "
            "tiến trình); 0: một tiến trình mỗi lõi CPU",
            "share the units among N processes (large datasets; the report is the same as with "
            "one); 0: one per CPU core",
        ),
    )
    p.set_defaults(func=run_check)

    v = sub.add_parser(
        "validate",
        help=h(
            "chỉ kiểm tra tệp số liệu theo định dạng", "check data files against the format only"
        ),
        description=h(
            "Kiểm tra tệp số liệu theo định dạng cchc/1; không chạy quy tắc nào. Các giới hạn "
            "max_input_mb và max_depth của cấu hình được áp dụng như với cchc check.",
            "Check data files against the cchc/1 format; run no rules. The configuration's "
            "max_input_mb and max_depth limits apply as in cchc check.",
        ),
    )
    add_data_paths(v)
    add_lang(v)
    add_config_options(v)
    v.set_defaults(func=run_validate)


def add_data_paths(p: argparse.ArgumentParser) -> None:
    """The data files a command reads: ``PATH...``."""
    p.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help=h(
            "tệp số liệu (.toml, .json, .xlsx) hoặc thư mục tệp .csv",
            "data files (.toml, .json, .xlsx) or folders of .csv files",
        ),
    )


def run_check(args: argparse.Namespace) -> int:
    # millions of small objects and no reference cycles: the cyclic collector would only rescan
    # them, again and again, for seconds on a large dataset (reference counting frees them)
    with paused_gc():
        return _check(args)


def _check(args: argparse.Namespace) -> int:
    config = build_config(args)
    lang = config.lang
    err = stderr_console()
    if config.source:
        err.print(
            "cchc: "
            + core_catalog().render(
                "cli.config_used", {"path": config.source, "sha256": config.sha256}, lang
            ),
            style="cchc.muted",
            markup=False,
            highlight=False,
            soft_wrap=True,
        )
    check_output(args.output, args.paths, lang)
    engine = build_engine(args, config)  # a plugin's print() goes to stderr
    print_plugin_notices(engine)
    attach(config, engine.registry)
    args.format = args.format or infer_format(args.output, engine.registry.renderers)
    if args.format not in engine.registry.renderers:
        known = ", ".join(sorted(engine.registry.renderers))
        err.print(
            "cchc: "
            + core_catalog().render(
                "cli.unknown_format", {"format": args.format, "known": known}, lang
            ),
            style="cchc.problem",
            markup=False,
        )
        return EXIT_DATA
    if engine.registry.renderers[args.format].binary and not args.output and sys.stdout.isatty():
        err.print(
            "cchc: "
            + core_catalog().render("cli.binary_to_terminal", {"format": args.format}, lang),
            style="cchc.problem",
            markup=False,
            soft_wrap=True,
        )
        return EXIT_DATA
    from .extract import is_document, load_for_check, with_extraction

    extracted = None
    if any(is_document(p) for p in args.paths):  # a report as written: `cchc extract` it first
        loaded = load_for_check(
            args.paths,
            engine.registry,
            lang,
            max_bytes=max_bytes(config),
            max_depth=config.max_depth,
        )
        if loaded is None:
            return EXIT_DATA
        dataset, extracted = loaded
    elif is_terminal():  # a large file takes seconds to read: say so, on a terminal only
        with err.status(core_catalog().render("cli.loading", None, lang)):
            dataset = load_dataset(
                *args.paths, max_bytes=max_bytes(config), max_depth=config.max_depth
            )
    else:
        dataset = load_dataset(*args.paths, max_bytes=max_bytes(config), max_depth=config.max_depth)
    if is_terminal() and len(dataset.units) >= 1000:
        from rich.progress import Progress  # a bar for large datasets only: not at start-up

        with Progress(console=err, transient=True) as bar:
            task = bar.add_task(
                core_catalog().render("cli.checking", None, lang), total=len(engine.rules)
            )
            with plugin_output_to_stderr():
                report = engine.run(
                    dataset,
                    progress=lambda done, total: bar.update(task, completed=done),
                    jobs=args.jobs,
                )
    else:
        with plugin_output_to_stderr():
            report = engine.run(dataset, jobs=args.jobs)
    report = _post_process(report, args)
    if extracted is not None:
        report = with_extraction(report, extracted)
    if args.output:
        if not stream_output(report, args.format, lang, args.output):
            write_output(args.output, render_or_fail(report, args.format, lang), lang)
        err.print(summary_line(report, lang))
    elif args.format == "table" and sys.stdout.isatty():
        # the documents the data was extracted from are named on stderr: once on a screen
        said = extracted is not None and sys.stderr.isatty()
        write_terminal(report, lang, stdout_console(), provenance=not said)
    else:
        if not stream_output(report, args.format, lang, None):
            data = render_or_fail(report, args.format, lang)
            if isinstance(data, bytes):
                sys.stdout.buffer.write(data)
            else:
                sys.stdout.write(data)
        sys.stdout.flush()
        if args.format != "table":
            _notify(report, lang)
    leave_for_exit(dataset, report)  # freed by the process's exit, not object by object
    return int(report.exit_code())


def _jobs(text: str) -> int:
    """``--jobs``: a count of processes, 0 for one per CPU core."""
    try:
        n = int(text)
    except ValueError:
        n = -1
    if n < 0:
        raise argparse.ArgumentTypeError(
            h(
                f"cần một số nguyên ≥ 0, không phải {text!r}",
                f"expected a whole number ≥ 0, not {text!r}",
            )
        )
    return n or os.cpu_count() or 1


#: Suffixes that name a format besides the renderers' own extensions.
SUFFIX_ALIASES = {".htm": "html", ".markdown": "md"}


def infer_format(output: str | None, renderers: Mapping[str, Renderer]) -> str:
    """The format an ``--output`` file's suffix names: a renderer's extension (a built-in
    renderer first: ``.xml`` is junit), or ``table`` for no file or an unknown suffix."""
    if not output:
        return "table"
    suffix = Path(output).suffix.lower()
    if suffix in SUFFIX_ALIASES:
        return SUFFIX_ALIASES[suffix]
    named = sorted(
        (not r.plugin.startswith("cchc."), name)
        for name, r in renderers.items()
        if r.extension.lower() == suffix
    )
    return named[0][1] if named else "table"


def _post_process(report: Any, args: argparse.Namespace) -> Any:
    """Name expired and unused waivers on the terminal (the engine judged them at ``--as-of``,
    default today) and, with ``--baseline``, mark each finding against the previous report."""
    config = report.config
    err = stderr_console()
    for status in report.extra.get("waivers", ()):
        if status.state in (EXPIRED, UNUSED):
            w = status.waiver
            params = {"number": w.index + 1, "rule": w.rule, "unit": w.unit, "expires": w.expires}
            text = report.text(f"waiver.{status.state}", params, lang=config.lang)
            err.print(
                f"cchc: {text}",
                style="cchc.severity.warning",
                markup=False,
                highlight=False,
                soft_wrap=True,
            )
    if config.baseline:
        previous, about = load_report(
            config.baseline, max_bytes=max_bytes(config), lang=config.lang
        )
        current = {u.id for u in report.dataset.units}
        if previous.units and current and not previous.units & current:  # another dataset
            text = core_catalog().render(
                "cli.baseline_other_dataset", {"path": config.baseline}, config.lang
            )
            warning = core_catalog().render("label.warning", None, config.lang)
            err.print(
                f"cchc: {warning}: {text}",
                style="cchc.severity.warning",
                markup=False,
                highlight=False,
                soft_wrap=True,
            )
        report = apply_baseline(report, previous, about)
    return report


def _notify(report: Any, lang: str) -> None:
    """On machine output, still tell a person on the terminal what went wrong."""
    problems = len(report.data_errors) + len(report.rule_errors) + len(report.plugin_failures)
    if problems and sys.stderr.isatty():
        stderr_console().print(summary_line(report, lang))


def run_validate(args: argparse.Namespace) -> int:
    config = build_config(args)  # its limits, and its language unless --lang is given
    lang = config.lang
    dataset = load_dataset(*args.paths, max_bytes=max_bytes(config), max_depth=config.max_depth)
    catalog = core_catalog()
    out = stdout_console()
    for issue in dataset.issues:
        where = issue.where
        style = "cchc.problem" if issue.is_error else "cchc.severity.warning"
        label = catalog.render(f"label.{'error' if issue.is_error else 'warning'}", None, lang)
        out.print(
            f"{where}: {label}: {catalog.render(issue.message, issue.params, lang)}",
            style=style,
            markup=False,
            highlight=False,
            soft_wrap=True,
        )
    n_err = len(dataset.errors)
    names = ", ".join(Path(p).name for p in args.paths)
    counts = {"units": len(dataset.units), "errors": n_err, "warnings": len(dataset.warnings)}
    out.print(
        catalog.render("cli.validated", {"names": names, **counts}, lang),
        markup=False,
        highlight=False,
    )
    return EXIT_DATA if n_err else EXIT_OK
