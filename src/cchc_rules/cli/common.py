"""What the commands share: consoles, configuration from arguments, the engine, exit codes."""

from __future__ import annotations

import argparse
import datetime as _dt
import os
import sys
from typing import Any

from rich.console import Console

from ..config import FAIL_ON, Config
from ..engine import Engine
from ..errors import UsageError
from ..renderers.table import THEME

EXIT_OK, EXIT_FINDINGS, EXIT_DATA, EXIT_RULE = 0, 1, 2, 3
LANGS = ("vi", "en")


def stdout_console() -> Console:
    return Console(theme=THEME, highlight=False, soft_wrap=False)


def stderr_console() -> Console:
    return Console(theme=THEME, highlight=False, stderr=True)


def add_lang(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--lang",
        choices=LANGS,
        default=None,
        help="language of messages: vi (Vietnamese, default) or en",
    )


def add_plugin_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--plugins-dir",
        action="append",
        default=[],
        metavar="DIR",
        help="load every .py file in DIR as a plugin (repeatable)",
    )
    p.add_argument(
        "--config",
        metavar="FILE",
        default=None,
        help="configuration file to use instead of the one found from the working directory",
    )
    p.add_argument("--isolated", action="store_true", help="ignore every configuration file")


def add_selection(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--select",
        action="append",
        default=[],
        metavar="IDS",
        help="run only these rules: ids, families or prefixes, comma-separated "
        "(e.g. ST001,deadlines,RF)",
    )
    p.add_argument(
        "--ignore",
        action="append",
        default=[],
        metavar="IDS",
        help="do not run these rules: ids, families or prefixes, comma-separated",
    )


def split(values: list[str]) -> tuple[str, ...]:
    return tuple(v.strip() for item in values for v in item.split(",") if v.strip())


def parse_date(text: str) -> _dt.date:
    try:
        return _dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {text!r}") from None


def fail_on_choice(text: str) -> str:
    if text not in FAIL_ON:
        raise argparse.ArgumentTypeError(f"expected one of {', '.join(FAIL_ON)}, got {text!r}")
    return text


def build_config(args: argparse.Namespace) -> Config:
    """The effective configuration: command-line options over ``--config`` FILE, else the
    ``cchc.toml`` or ``pyproject.toml [tool.cchc]`` found from the working directory (none with
    ``--isolated``), over the defaults."""
    from ..configfile import resolve_config

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
    return resolve_config(
        cwd=os.getcwd(),
        explicit=getattr(args, "config", None),
        isolated=getattr(args, "isolated", False),
        overrides=overrides,
    )


def build_engine(args: argparse.Namespace, config: Config) -> Engine:
    return Engine.default(config, plugin_dirs=getattr(args, "plugins_dir", []) or [])


def usage_error(message: str) -> UsageError:
    return UsageError(message)


def is_terminal() -> bool:
    return sys.stderr.isatty() and not os.environ.get("CI")
