"""``cchc verify`` (run the rules' declared examples) and ``cchc new-rule`` (scaffold a plugin)."""

from __future__ import annotations

import argparse
import difflib
import re
import string
from importlib import resources
from pathlib import Path
from typing import Any

from .._version import __version__
from ..config import matches
from ..engine import Engine
from ..errors import UsageError
from ..messages import core_catalog
from ..rule import Rule
from ..testing import ExampleResult, lint_rule, run_examples
from .common import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_RULE,
    add_lang,
    add_plugin_options,
    add_selection,
    build_config,
    build_engine,
    h,
    print_plugin_failures,
    stdout_console,
)


def register(sub: Any) -> None:
    """Add this group's subcommands to the cchc parser."""
    v = sub.add_parser(
        "verify",
        help=h(
            "chạy các ví dụ khai báo của mọi quy tắc (mã thoát 1 khi thiếu hoặc thừa phát hiện)",
            "run every rule's declared examples (exit 1 on a missed or unexpected finding)",
        ),
        description=h(
            "Chạy các ví dụ khai báo của từng quy tắc — dữ liệu phải và không được gây phát hiện —"
            " và kiểm tra thông báo có đủ tiếng Việt và tiếng Anh. In từng lỗi với mã quy tắc và "
            "số thứ tự ví dụ; mã thoát 1 khi có ví dụ sai, 3 khi một plugin không nạp được.",
            "Run each rule's declared examples — data that must and must not trigger it "
            "— and check its messages exist in Vietnamese and English. Prints each failure with "
            "the rule id and the example's index; exit 1 when any fails, 3 when a plugin failed "
            "to load.",
        ),
    )
    v.add_argument(
        "plugins",
        nargs="*",
        metavar="NAME",
        help=h(
            "chỉ kiểm tra các quy tắc này: tên plugin (như `cchc plugins` hiển thị), mã quy tắc, "
            "nhóm hoặc tiền tố mã (như --select)",
            "verify only these rules: plugin names (as `cchc plugins` shows them), rule ids, "
            "families or id prefixes (as --select takes them)",
        ),
    )
    v.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help=h("liệt kê cả các ví dụ đạt", "also list the examples that pass"),
    )
    add_lang(v)
    add_selection(v)
    add_plugin_options(v)
    v.set_defaults(func=run_verify)

    n = sub.add_parser(
        "new-rule",
        help=h(
            "tạo khung một gói plugin với một quy tắc và bộ kiểm thử",
            "scaffold a plugin package with one rule and its tests",
        ),
        description=h(
            "Tạo một gói plugin cài đặt được: pyproject.toml khai báo plugin cho cchc_rules, một "
            "quy tắc kèm ví dụ, bộ kiểm thử (cchc_rules.testing) và README. "
            "`pip install -e '.[test]' && python -m pytest` chạy đạt ngay.",
            "Create an installable plugin package: pyproject.toml with the cchc_rules "
            "entry point, one rule with examples, its tests (cchc_rules.testing) and a README. "
            "`pip install -e '.[test]' && python -m pytest` passes straight away.",
        ),
    )
    n.add_argument(
        "name",
        metavar="NAME",
        help=h(
            "tên plugin, ví dụ haiphong (→ cchc-haiphong)",
            "plugin name, e.g. haiphong (→ cchc-haiphong)",
        ),
    )
    n.add_argument(
        "--dir",
        metavar="DIR",
        default=None,
        help=h(
            "thư mục tạo gói (mặc định: ./cchc-NAME)",
            "where to create the package (default: ./cchc-NAME)",
        ),
    )
    n.add_argument(
        "--id",
        dest="rule_id",
        metavar="ID",
        default=None,
        help=h(
            "mã quy tắc (mặc định: NAME viết hoa, bỏ tiền tố cchc- và dấu - _, thêm 001: "
            "so-noi-vu → SONOIVU001)",
            "the rule's id (default: NAME upper-cased, without a cchc- prefix and without - or _, "
            "then 001: so-noi-vu → SONOIVU001)",
        ),
    )
    n.set_defaults(func=run_new_rule)


# -- verify -----------------------------------------------------------------------------------
_LABELS = {
    "en": {
        "declaration": "declaration",
        "passed": "PASS: {n}/{total}",
        "failed": "FAIL: {n}/{total}",
        "none": "no examples: {rules}",
        "nothing": "no rule to verify",
    },
    "vi": {
        "declaration": "khai báo",
        "passed": "PASS: {n}/{total}",
        "failed": "FAIL: {n}/{total}",
        "none": "không có ví dụ: {rules}",
        "nothing": "không có quy tắc nào để kiểm tra",
    },
}


def run_verify(args: argparse.Namespace) -> int:
    config = build_config(args)
    lang = config.lang
    engine = build_engine(args, config)
    reg = engine.registry
    print_plugin_failures(engine)
    wanted = set(args.plugins)
    failed_plugins = {f.plugin for f in reg.failures}
    rules = verified_rules(engine, wanted, lang)
    words = _LABELS.get(lang, _LABELS["en"])
    out = stdout_console()
    passed = failed = 0
    without: list[str] = []
    for rule in rules:
        results: tuple[ExampleResult, ...] = run_examples(rule, engine=engine, lang=lang)
        if not results:
            without.append(rule.id)
        for problem in lint_rule(rule):
            failed += 1
            _line(out, "FAIL", f"{rule.id} {words['declaration']}: {problem}")
        for r in results:
            if r.ok:
                passed += 1
                if args.verbose:
                    _line(out, "PASS", r.label(lang))
            else:
                failed += 1
                for p in r.problems:
                    _line(out, "FAIL", f"{r.label(lang)}: {p}")
    total = passed + failed
    if not rules:
        out.print(words["nothing"], markup=False, highlight=False)
    if without:
        out.print(words["none"].format(rules=", ".join(without)), markup=False, highlight=False)
    if total:
        out.print("-" * 80, markup=False, highlight=False)
        out.print(words["passed"].format(n=passed, total=total), markup=False, highlight=False)
        if failed:
            out.print(
                words["failed"].format(n=failed, total=total),
                style="cchc.problem",
                markup=False,
                highlight=False,
            )
    if reg.failures and (not wanted or wanted & failed_plugins):
        return EXIT_RULE
    return EXIT_FINDINGS if failed else EXIT_OK


def verified_rules(engine: Engine, names: set[str], lang: str) -> list[Rule]:
    """The selected rules ``names`` asks for: each a plugin name, a rule id, a family or an id
    prefix (as ``--select`` takes them); all of them when ``names`` is empty. A name that is none
    of these (nor a plugin that failed to load) is a usage error with the closest known name."""
    reg = engine.registry
    plugins = {p.name for p in reg.plugins} | {f.plugin for f in reg.failures}
    every = reg.rules.values()
    for name in sorted(names):
        if name in plugins or any(matches(name, r.id, r.family) for r in every):
            continue
        known = sorted(plugins | {r.id for r in every} | {r.family for r in every})
        close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
        message, params = "cli.verify_unknown", {"name": name}
        if close:
            message, params = message + "_suggest", {**params, "suggestion": close[0]}
        raise UsageError(core_catalog().render(message, params, lang))
    return [
        r
        for r in engine.rules
        if not names or r.plugin in names or any(matches(n, r.id, r.family) for n in names)
    ]


def _line(out: Any, status: str, text: str) -> None:
    style = "cchc.problem" if status == "FAIL" else None
    out.print(f"{status} {text}", style=style, markup=False, highlight=False, soft_wrap=True)


# -- new-rule ---------------------------------------------------------------------------------
_NAME = re.compile(r"[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*")

#: template → path in the new package (``$package`` is substituted in paths too)
_FILES = {
    "pyproject.toml.tmpl": "pyproject.toml",
    "README.md.tmpl": "README.md",
    "init.py.tmpl": "src/$package/__init__.py",
    "rules.py.tmpl": "src/$package/rules.py",
    "test_rules.py.tmpl": "tests/test_rules.py",
}


#: the longest rule id (see ``Rule``): a default id's prefix is cut to leave room for "001"
_ID_MAX = 40


def default_rule_id(base: str) -> str:
    """NAME upper-cased without separators, then ``001`` (``so-noi-vu`` → ``SONOIVU001``); cut
    only if it would pass the rule-id limit of 40 characters."""
    return re.sub(r"[^A-Z0-9]", "", base.upper())[: _ID_MAX - 3] + "001"


def scaffold_names(name: str, rule_id: str | None = None) -> dict[str, str]:
    """The names a new plugin package uses, from its NAME (``haiphong`` → ``cchc-haiphong``,
    ``cchc_haiphong``, rule ``HAIPHONG001``)."""
    raw = name.strip().lower()
    base = re.sub(r"^cchc[-_]", "", raw)
    if not _NAME.fullmatch(base):
        raise UsageError(
            f"invalid plugin name {name!r}: use letters, digits, '-' or '_', starting with a letter"
        )
    rid = rule_id or default_rule_id(base)
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_.-]{1,39}", rid):
        raise UsageError(f"invalid rule id {rid!r}: letters, digits, '_', '.', '-'")
    dist = "cchc-" + base.replace("_", "-")
    return {
        "name": base,
        "dist": dist,
        "plugin": dist,
        "package": "cchc_" + base.replace("-", "_"),
        "family": base.replace("-", "_"),
        "rule_id": rid,
        "rule_fn": re.sub(r"\W", "_", rid.lower()),
        "cchc_version": __version__,
    }


def scaffold(target: Path, names: dict[str, str]) -> list[Path]:
    """Write the plugin package into ``target`` (which must not hold anything yet)."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise UsageError(f"{target} already exists and is not empty")
    templates = resources.files("cchc_rules").joinpath("scaffold")
    written = []
    for template, rel in _FILES.items():
        text = string.Template(templates.joinpath(template).read_text(encoding="utf-8"))
        path = target / string.Template(rel).substitute(names)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text.substitute(names), encoding="utf-8")
        written.append(path)
    return written


def run_new_rule(args: argparse.Namespace) -> int:
    names = scaffold_names(args.name, args.rule_id)
    target = Path(args.dir) if args.dir else Path(names["dist"])
    try:
        written = scaffold(target, names)
    except OSError as exc:
        raise UsageError(f"cannot write {exc.filename or target}: {exc.strerror or exc}") from None
    out = stdout_console()
    for path in written:
        out.print(f"created {path}", markup=False, highlight=False)
    out.print(
        f"\nnext: cd {target} && pip install -e '.[test]' && python -m pytest -q\n"
        f"      cchc verify {names['plugin']}",
        markup=False,
        highlight=False,
    )
    return EXIT_OK
