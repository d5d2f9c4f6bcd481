"""What the commands share: consoles, configuration from arguments, the engine, exit codes."""

from __future__ import annotations

import argparse
import contextlib
import datetime as _dt
import functools
import os
import sys
from collections.abc import Sequence
from typing import Any

from rich.console import Console

from ..config import FAIL_ON, ISOLATION_MODES, Config
from ..engine import Engine
from ..errors import UsageError
from ..renderers.console import WholeLineConsole
from ..renderers.table import THEME
from ..renderers.terminal_safe import SafeConsole, escape_controls

EXIT_OK, EXIT_FINDINGS, EXIT_DATA, EXIT_RULE = 0, 1, 2, 3
LANGS = ("vi", "en")

#: The language of --help texts, chosen before the parser is built (see :func:`help_language`).
_help_lang = ["vi"]


def help_language(argv: Sequence[str]) -> str:
    """The language asked on the command line (``--lang en`` or ``--lang=en``), else Vietnamese;
    help texts follow it."""
    lang = "vi"
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            lang = argv[i + 1]
        elif arg.startswith("--lang="):
            lang = arg.split("=", 1)[1]
    _help_lang[0] = lang if lang in LANGS else "vi"
    return _help_lang[0]


def h(vi: str, en: str) -> str:
    """A help text in the language of this invocation."""
    return en if _help_lang[0] == "en" else vi


def help_lang() -> str:
    """The language of this invocation's help and usage messages (see :func:`help_language`)."""
    return _help_lang[0]


def stdout_console() -> Console:
    """The console for results: fitted to a terminal, else one whole line per message."""
    if sys.stdout.isatty():
        return SafeConsole(theme=THEME, highlight=False, soft_wrap=False)
    return WholeLineConsole(theme=THEME, highlight=False)


def stderr_console() -> Console:
    """The console for messages to a person: fitted to a terminal, else never wrapped or cut."""
    if sys.stderr.isatty():
        return SafeConsole(theme=THEME, highlight=False, stderr=True)
    return WholeLineConsole(theme=THEME, highlight=False, stderr=True)


def add_lang(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--lang",
        choices=LANGS,
        default=None,
        help=h(
            "ngôn ngữ thông báo: vi (tiếng Việt, mặc định) hoặc en (tiếng Anh)",
            "language of messages: vi (Vietnamese, default) or en",
        ),
    )


def add_config_options(p: argparse.ArgumentParser) -> None:
    """``--config FILE`` and ``--isolated``: which configuration file, if any, is used."""
    p.add_argument(
        "--config",
        metavar="FILE",
        default=None,
        help=h(
            "tệp cấu hình dùng thay cho tệp tìm thấy từ thư mục làm việc",
            "configuration file to use instead of the one found from the working directory",
        ),
    )
    p.add_argument(
        "--isolated",
        action="store_true",
        help=h("bỏ qua mọi tệp cấu hình", "ignore every configuration file"),
    )


def add_plugin_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--plugins-dir",
        action="append",
        default=[],
        metavar="DIR",
        help=h(
            "nạp mọi tệp .py trong DIR làm plugin (dùng được nhiều lần)",
            "load every .py file in DIR as a plugin (repeatable)",
        ),
    )
    add_config_options(p)
    p.add_argument(
        "--isolation",
        choices=ISOLATION_MODES,
        default=None,
        help=h(
            "process: thử nạp từng plugin và chạy từng quy tắc trong một tiến trình riêng, bị "
            "dừng khi treo hay làm hỏng tiến trình (cho plugin không tin cậy; chỉ POSIX)",
            "process: try each plugin and run each rule in a worker process, killed when it hangs "
            "or ends the process (for untrusted plugins; POSIX only)",
        ),
    )


def add_selection(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--select",
        action="append",
        default=[],
        metavar="IDS",
        help=h(
            "chỉ chạy các quy tắc này: mã, nhóm hoặc tiền tố, cách nhau bởi dấu phẩy (ví dụ "
            "ST001,deadlines,RF)",
            "run only these rules: ids, families or prefixes, comma-separated "
            "(e.g. ST001,deadlines,RF)",
        ),
    )
    p.add_argument(
        "--ignore",
        action="append",
        default=[],
        metavar="IDS",
        help=h(
            "không chạy các quy tắc này: mã, nhóm hoặc tiền tố, cách nhau bởi dấu phẩy",
            "do not run these rules: ids, families or prefixes, comma-separated",
        ),
    )


def split(values: list[str]) -> tuple[str, ...]:
    return tuple(v.strip() for item in values for v in item.split(",") if v.strip())


def parse_date(text: str) -> _dt.date:
    """A date given on the command line, as YYYY-MM-DD (spaces around it ignored)."""
    try:
        return _dt.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            h(
                f"cần một ngày dạng YYYY-MM-DD, nhận được {text!r}",
                f"expected a date as YYYY-MM-DD, got {text!r}",
            )
        ) from None


def max_input_bytes(config: Config) -> int:
    """The largest input file read (data, report document or report), from the configuration's
    ``max_input_mb``."""
    return int(config.max_input_mb * 2**20)


def fail_on_choice(text: str) -> str:
    if text not in FAIL_ON:
        choices = ", ".join(FAIL_ON)
        raise argparse.ArgumentTypeError(
            h(
                f"cần một trong {choices}, nhận được {text!r}",
                f"expected one of {choices}, got {text!r}",
            )
        )
    return text


def build_config(args: argparse.Namespace) -> Config:
    """The effective configuration: command-line options over ``--config`` FILE, else the
    ``cchc.toml`` or ``pyproject.toml [tool.cchc]`` found from the working directory (none with
    ``--isolated``), over the defaults."""
    from ..configfile import InvalidConfig, resolve_config

    overrides: dict[str, Any] = {}
    if getattr(args, "lang", None):
        overrides["lang"] = args.lang
    if getattr(args, "fail_on", None):
        overrides["fail_on"] = args.fail_on
    if getattr(args, "select", None):
        overrides["select"] = split(args.select)
    if getattr(args, "ignore", None):
        overrides["ignore"] = split(args.ignore)
    if getattr(args, "as_of", None):
        overrides["as_of"] = args.as_of
    if getattr(args, "baseline", None):
        overrides["baseline"] = args.baseline
    if getattr(args, "isolation", None):
        overrides["isolation"] = args.isolation
    try:
        return resolve_config(
            cwd=os.getcwd(),
            explicit=getattr(args, "config", None),
            isolated=getattr(args, "isolated", False),
            overrides=overrides,
        )
    except InvalidConfig as exc:
        _add_rule_problems(exc, args)
        raise


def _add_rule_problems(exc: Any, args: argparse.Namespace) -> None:
    """Raise ``exc`` with the problems only the loaded rules reveal (an unknown rule id, a
    parameter a rule does not have) added, so that every problem is shown at once."""
    from ..configfile import InvalidConfig, check_against

    if exc.partial is None:
        return
    try:
        more = check_against(exc.partial, build_engine(args, exc.partial).registry)
    except Exception:  # the file-level problems are reported all the same
        return
    if more:
        raise InvalidConfig([*exc.problems, *more], exc.lang) from None


def build_engine(args: argparse.Namespace, config: Config) -> Engine:
    """The engine, its plugins loaded; what they print at import goes to stderr (stdout holds
    only the command's output, e.g. JSON)."""
    with contextlib.redirect_stdout(sys.stderr):
        engine = Engine.default(config, plugin_dirs=getattr(args, "plugins_dir", []) or [])
    engine.on_stuck = functools.partial(_end_stuck_run, lang=config.lang)
    return engine


def _end_stuck_run(rule_id: str, lang: str = "vi") -> None:
    """A rule ignores every interrupt (it catches ``BaseException`` in a loop): in-process, the
    run cannot go on, so it ends here, exit 3, naming the rule (``--isolation process`` would
    have contained it)."""
    from ..messages import core_catalog

    text = core_catalog().render("cli.rule_stuck", {"rule": rule_id}, lang)
    sys.stderr.write(f"cchc: {escape_controls(text)}\n")  # a rule id comes from a plugin
    sys.stderr.flush()
    os._exit(3)


def usage_error(message: str) -> UsageError:
    return UsageError(message)


def is_terminal() -> bool:
    return sys.stderr.isatty() and not os.environ.get("CI")


def print_plugin_notices(engine: Engine) -> None:
    """Say once on stderr which plugin was found twice and loaded once (a warning)."""
    from ..messages import core_catalog

    lang = engine.config.lang
    warning = core_catalog().render("label.warning", None, lang)
    for n in engine.registry.notices:
        stderr_console().print(
            f"cchc: {warning}: {n.text(lang)}", style="cchc.severity.warning", markup=False
        )


def print_plugin_failures(engine: Engine) -> int:
    """Name every plugin that failed to load on stderr, and say once which plugin was found twice
    and left out (a warning, not a failure); EXIT_RULE if any failed."""
    print_plugin_notices(engine)
    print_failures(engine.registry.failures, engine.config.lang)
    return EXIT_RULE if engine.registry.failures else EXIT_OK


def print_failures(failures: Sequence[Any], lang: str) -> None:
    """Name each plugin that failed (a :class:`~cchc_rules.plugins.PluginFailure`) on stderr."""
    from ..messages import core_catalog

    catalog, err = core_catalog(), stderr_console()
    for f in failures:
        text = catalog.render(
            "cli.plugin_failed", {"plugin": f.plugin, "message": f.text(lang)}, lang
        )
        err.print(f"cchc: {text}", style="cchc.problem", markup=False)
