"""``cchc template`` and ``cchc convert``: the form units fill in, and moving data between
TOML, JSON, an ``.xlsx`` workbook and a folder of ``.csv`` files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..loading import load_dataset
from ..messages import core_catalog
from .common import (
    EXIT_DATA,
    EXIT_OK,
    add_config_options,
    add_lang,
    build_config,
    h,
    max_input_bytes,
    stderr_console,
)
from .guard import text, write_output, writing

DEFAULT_TEMPLATE = "cchc-template.xlsx"
_FILE_FORMATS = {".toml": "toml", ".json": "json", ".xlsx": "xlsx"}


def register(sub: Any) -> None:
    t = sub.add_parser(
        "template",
        help=h("tạo mẫu số liệu trống, có hướng dẫn", "write a blank, documented data form"),
        description=h(
            "Tạo mẫu số liệu cchc/1 để các đơn vị điền: bảng tính .xlsx (tiêu đề tiếng Việt, tên "
            "trường bên dưới, một dòng ví dụ, trang ghi chú, kiểm tra dữ liệu nhập) hoặc tệp "
            "TOML có chú thích từng trường.",
            "Write a blank cchc/1 form for units to fill in: an .xlsx workbook (Vietnamese "
            "headers with the field names beneath, an example row, a notes sheet, data "
            "validation) or a TOML file with every field explained.",
        ),
    )
    t.add_argument(
        "--format",
        "-f",
        choices=("xlsx", "toml", "csv"),
        default=None,
        help=h(
            "xlsx (mặc định), toml, hoặc csv (một thư mục); mặc định theo phần mở rộng của "
            "--output",
            "xlsx (default), toml, or csv (a folder); by default from --output's suffix",
        ),
    )
    t.add_argument(
        "--output",
        "-o",
        metavar="FILE",
        help=h(
            f"tệp cần ghi (mặc định: {DEFAULT_TEMPLATE}; với toml: in ra màn hình)",
            f"file to write (default: {DEFAULT_TEMPLATE}; toml: printed)",
        ),
    )
    t.add_argument(
        "--force", action="store_true", help=h("ghi đè tệp đã có", "overwrite an existing file")
    )
    add_lang(t)
    t.set_defaults(func=run_template)

    c = sub.add_parser(
        "convert",
        help=h(
            "chuyển số liệu giữa TOML, JSON, .xlsx và thư mục .csv",
            "convert data between TOML, JSON, .xlsx and a folder of .csv files",
        ),
        description=h(
            "Đọc một hoặc nhiều tệp số liệu và ghi lại ở định dạng theo phần mở rộng của "
            "--output: .toml, .json, .xlsx, hoặc một thư mục tệp .csv (đường dẫn không có phần "
            "mở rộng, hoặc thư mục đã có). Dữ liệu có lỗi thì không ghi gì. Các giới hạn "
            "max_input_mb và max_depth của cấu hình được áp dụng như với cchc check.",
            "Read one or more data files and write them in the format --output's suffix names: "
            ".toml, .json, .xlsx, or a folder of .csv files (a path without a suffix, or an "
            "existing folder). Nothing is written when the data has errors. The configuration's "
            "max_input_mb and max_depth limits apply as in cchc check.",
        ),
    )
    c.add_argument(
        "paths",
        nargs="+",
        metavar="IN",
        help=h(
            "tệp số liệu (.toml, .json, .xlsx) hoặc thư mục .csv",
            "data files (.toml, .json, .xlsx) or .csv folders",
        ),
    )
    c.add_argument(
        "--output",
        "-o",
        metavar="OUT",
        required=True,
        help=h("tệp hoặc thư mục cần ghi", "the file or folder to write"),
    )
    add_lang(c)
    add_config_options(c)
    c.set_defaults(func=run_convert)


def _say(text: str, style: str = "cchc.muted") -> None:
    stderr_console().print(f"cchc: {text}", style=style, markup=False, highlight=False)


def output_format(path: Path) -> str:
    """``toml``, ``json``, ``xlsx`` or ``csv`` (a folder) for an output path."""
    if path.is_dir() or not path.suffix:
        return "csv"
    fmt = _FILE_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise ValueError(path.suffix)
    return fmt


def run_template(args: argparse.Namespace) -> int:
    from ..loading.tabular_write import write_csv_folder
    from ..loading.template import EMPTY_TREE, toml_template, xlsx_template

    lang = args.lang or "vi"
    fmt = args.format
    if fmt is None and args.output:
        try:
            fmt = output_format(Path(args.output))
        except ValueError:
            fmt = "?"
        if fmt not in ("xlsx", "toml", "csv"):
            suffix = Path(args.output).suffix
            raise UsageError(text("cli.template_suffix", lang, suffix=suffix))
    fmt = fmt or "xlsx"
    if fmt == "toml" and not args.output:
        sys.stdout.write(toml_template())
        return EXIT_OK
    path = Path(args.output or DEFAULT_TEMPLATE)
    if path.exists() and not args.force:
        raise UsageError(text("cli.exists", lang, path=str(path)))
    if fmt == "csv":
        with writing(path, lang):
            write_csv_folder(EMPTY_TREE, path)
    else:
        data = toml_template().encode("utf-8") if fmt == "toml" else xlsx_template()
        write_output(str(path), data, lang)
    _say(text("cli.written", lang, path=str(path)))
    return EXIT_OK


def run_convert(args: argparse.Namespace) -> int:
    from ..loading.dump import dataset_tree, to_json, to_toml
    from ..loading.tabular_write import write_csv_folder
    from ..loading.tabular_xlsx import write_xlsx

    config = build_config(args)  # its limits, and its language unless --lang is given
    lang = config.lang
    out = Path(args.output)
    try:
        fmt = output_format(out)
    except ValueError:
        raise UsageError(text("cli.output_suffix", lang, suffix=out.suffix)) from None
    target = out.resolve()
    for given in args.paths:
        source = Path(given).resolve()
        if source == target or (
            fmt == "csv"
            and target in source.parents
            and source.is_file()
            and source.suffix.lower() == ".csv"
        ):
            raise UsageError(text("cli.overwrite_input", lang, path=str(given)))
    dataset = load_dataset(
        *args.paths, max_bytes=max_input_bytes(config), max_depth=config.max_depth
    )
    _report_issues(dataset.issues, lang)
    if dataset.errors:
        _say(
            text("cli.convert_errors", lang, count=len(dataset.errors), path=str(out)),
            "cchc.problem",
        )
        return EXIT_DATA
    tree = dataset_tree(dataset)
    if fmt in ("csv", "xlsx"):
        with writing(out, lang):
            (write_csv_folder if fmt == "csv" else write_xlsx)(tree, out)
    else:
        write_output(str(out), to_toml(tree) if fmt == "toml" else to_json(tree), lang)
    _say(text("cli.converted", lang, path=str(out), units=len(dataset.units)))
    return EXIT_OK


def _report_issues(issues: Any, lang: str) -> None:
    catalog = core_catalog()
    for issue in issues:
        label = catalog.render(f"label.{'error' if issue.is_error else 'warning'}", None, lang)
        said = catalog.render(issue.message, issue.params, lang)
        style = "cchc.problem" if issue.is_error else "cchc.severity.warning"
        _say(f"{issue.where}: {label}: {said}", style)
