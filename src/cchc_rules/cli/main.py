"""``cchc``: parse arguments, dispatch to a command, map outcomes to exit codes.

Exit codes: 0 nothing at or above ``--fail-on``; 1 findings at or above it; 2 usage,
configuration or data errors; 3 a rule or plugin failed. Several apply: the highest wins.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from .._version import __version__

#: Exit codes (as in ``cli.common``; here so that ``--version`` loads nothing else).
EXIT_DATA, EXIT_RULE = 2, 3

#: (module, doc) of each command group; each module has ``register(subparsers)``.
COMMAND_MODULES = (
    "cchc_rules.cli.check",  # check, validate
    "cchc_rules.cli.info",  # rules, explain, plugins
    "cchc_rules.cli.workflow",  # config, diff
    "cchc_rules.cli.authoring",  # verify, new-rule
    "cchc_rules.cli.law",  # law
    "cchc_rules.cli.extract",  # extract
    "cchc_rules.cli.tabular",  # template, convert
)

DESCRIPTION_VI = """\
Kiểm tra số liệu cải cách hành chính (CCHC) của các cơ quan, đơn vị theo quy định pháp luật và
mục tiêu, báo cáo các phát hiện cho người kiểm tra (tiếng Việt mặc định, tiếng Anh với --lang en).

mã thoát: 0 không có phát hiện từ mức --fail-on trở lên (mặc định: error); 1 có phát hiện (không
phải lỗi của công cụ); 2 lỗi cách dùng, cấu hình hoặc số liệu; 3 một quy tắc hoặc plugin bị lỗi."""

DESCRIPTION_EN = """\
Check administrative-reform (CCHC) data of Vietnamese government units against the law and
targets, and report findings to inspectors (in Vietnamese by default, English with --lang en).

exit codes: 0 no findings at or above --fail-on (default: error); 1 findings found (not a failure
of the tool); 2 usage, configuration or data errors; 3 a rule or plugin failed."""


def build_parser() -> argparse.ArgumentParser:
    from .common import h
    from .parser import Parser

    parser = Parser(prog="cchc", description=h(DESCRIPTION_VI, DESCRIPTION_EN))
    parser.add_argument(
        "--version",
        action="version",
        version=f"cchc-rules {__version__}",
        help=h("hiện số phiên bản rồi thoát", "show program's version number and exit"),
    )
    parser.add_argument(
        "--debug",
        action="store_true",
        help=h("hiện chi tiết (traceback) của lỗi nội bộ", "show tracebacks of internal errors"),
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``cchc`` command; returns the exit code."""
    given = sys.argv[1:] if argv is None else list(argv)
    if given == ["--version"]:  # answered before the commands (and their libraries) load
        print(f"cchc-rules {__version__}")
        raise SystemExit(0)  # as argparse's version action does
    from ..errors import CchcError, ConfigError, DataError, UsageError
    from .common import help_language, stderr_console

    help_language(given)
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_DATA
    from ..messages import core_catalog

    err = stderr_console()
    lang = getattr(args, "lang", None) or "vi"
    try:
        return int(args.func(args))
    except (ConfigError, UsageError, DataError) as exc:
        err.print(f"cchc: {exc}", style="cchc.problem", markup=False, highlight=False)
        return EXIT_DATA
    except CchcError as exc:
        err.print(f"cchc: {exc}", style="cchc.problem", markup=False, highlight=False)
        return EXIT_RULE
    except KeyboardInterrupt:
        err.print(
            "cchc: " + core_catalog().render("cli.interrupted", None, lang), style="cchc.problem"
        )
        return 130
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_DATA
    except Exception as exc:
        if args.debug:
            raise
        detail = f"{type(exc).__name__}: {exc}"
        err.print(
            "cchc: " + core_catalog().render("cli.internal_error", {"detail": detail}, lang),
            style="cchc.problem",
            markup=False,
            highlight=False,
        )
        return EXIT_RULE


def entry() -> None:
    """The ``cchc`` program: :func:`main`, then the process ends without freeing the command's
    results object by object (:mod:`cchc_rules.cli.quick_exit`)."""
    from . import quick_exit

    quick_exit.enable()
    quick_exit.exit_now(main())


if __name__ == "__main__":  # pragma: no cover
    entry()
