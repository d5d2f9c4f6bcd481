"""The command-line parser in the language of the invocation: argparse's own words (``usage:``,
the group titles, ``-h``'s help and its error messages) in Vietnamese unless ``--lang en``.

argparse takes these words from ``gettext``; instead of patching that globally, the parser here
sets its titles and help action itself, the formatter its usage prefix, and :meth:`_Parser.error`
translates argparse's known message templates (an unknown one stays as argparse wrote it)."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable
from typing import Any, NoReturn

from .common import EXIT_DATA, h, help_lang, stderr_console

#: argparse's error templates (as in its source; ``%(name)s``, ``%s`` and ``%r`` are the
#: parameters) and their Vietnamese wording, the parameters named ``{0}``, ``{1}`` in order.
#: The message an argument's error wraps (argparse's, or a type function's) is translated too.
_WRAPPER = ("argument %(argument_name)s: %(message)s", "đối số {0}: {1}")
_MESSAGES_VI = (
    ("the following arguments are required: %s", "thiếu đối số bắt buộc: {0}"),
    (
        "invalid choice: %(value)r (choose from %(choices)s)",
        "lựa chọn không hợp lệ: {0} (chọn trong {1})",
    ),
    ("unrecognized arguments: %s", "đối số không nhận ra: {0}"),
    ("expected one argument", "cần một giá trị"),
    ("expected at most one argument", "cần nhiều nhất một giá trị"),
    ("expected at least one argument", "cần ít nhất một giá trị"),
    ("expected %s argument", "cần {0} giá trị"),
    ("expected %s arguments", "cần {0} giá trị"),
    ("invalid %(type)s value: %(value)r", "giá trị không hợp lệ: {1}"),
    ("ambiguous option: %(option)s could match %(matches)s", "tùy chọn mơ hồ: {0} có thể là {1}"),
    ("not allowed with argument %s", "không dùng được cùng đối số {0}"),
    ("ignored explicit argument %r", "giá trị thừa bị bỏ qua: {0}"),
    ("one of the arguments %s is required", "cần một trong các đối số {0}"),
    (
        "unknown parser %(parser_name)r (choices: %(choices)s)",
        "lệnh không có: {0} (chọn trong {1})",
    ),
)

_PARAMETER = re.compile(r"%\(\w+\)[sr]|%[sr]")


def _pattern(template: str) -> re.Pattern[str]:
    parts = _PARAMETER.split(template)
    return re.compile("(.+?)".join(re.escape(p) for p in parts) + r"\Z", re.DOTALL)


_WRAPPER_PATTERN = _pattern(_WRAPPER[0])
_COMPILED = tuple((_pattern(en), vi) for en, vi in _MESSAGES_VI)


def translate(message: str, lang: str) -> str:
    """argparse's error ``message`` in ``lang``: Vietnamese for a known template (the message an
    ``argument …:`` prefix wraps translated too), else as written."""
    if lang == "en":
        return message
    wrapped = _WRAPPER_PATTERN.match(message)
    if wrapped:
        return _WRAPPER[1].format(wrapped[1], translate(wrapped[2], lang))
    for pattern, vi in _COMPILED:
        match = pattern.match(message)
        if match:
            return vi.format(*match.groups())
    return message


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """Help text as written (descriptions keep their lines), the usage prefix in the language."""

    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        if prefix is None:
            prefix = h("cách dùng: ", "usage: ")
        super().add_usage(usage, actions, groups, prefix)


class Parser(argparse.ArgumentParser):
    """An argument parser that speaks the language of the invocation and exits 2 on a usage
    error, the message on stderr after the usage."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        add_help = kwargs.get("add_help", True)
        kwargs["add_help"] = False  # the help option is added below, its text in the language
        super().__init__(*args, **kwargs)
        self._positionals.title = h("đối số", "positional arguments")
        self._optionals.title = h("tùy chọn", "options")
        if add_help:
            self.add_argument(
                "-h",
                "--help",
                action="help",
                default=argparse.SUPPRESS,
                help=h("hiện trợ giúp này rồi thoát", "show this help message and exit"),
            )

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        stderr_console().print(
            f"cchc: {translate(message, help_lang())}",
            style="cchc.problem",
            markup=False,
            highlight=False,
        )
        raise SystemExit(EXIT_DATA)
