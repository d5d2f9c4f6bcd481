"""Golden outputs: every report format, both languages, for the shipped examples and a small
generated dataset, recorded from the current code (tests/test_output_stable.py compares them).

    python tests/golden/regenerate.py          # re-record after an intended change of output

Review the diff (``git diff tests/golden``) before committing: every change in it must be one
you meant. Reports are made by the CLI (``cchc check --isolated --as-of 2026-01-01``) with the
built-in rules only; the tool version is replaced by ``<version>``; a workbook is recorded as
its cells' values (``.xlsx.json``), since the file's bytes are a zip archive.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent

#: (case name, source): a shipped example, or ``generated:N`` (benchmarks/generate.py, seed 2022).
CASES = (
    ("hai-an-demo", "examples/hai-an-demo-2025-h2.toml"),
    ("le-chan", "examples/le-chan-2022-h1.toml"),
    ("generated-50", "generated:50"),
)
LANGS = ("vi", "en")
#: Format → the suffix of its golden file.
FORMATS = {
    "json": "json",
    "table": "txt",
    "md": "md",
    "html": "html",
    "csv": "csv",
    "xlsx": "xlsx.json",
    "junit": "xml",
}
AS_OF = "2026-01-01"
VERSION_MARK = "<version>"


def _generate(n: int, out: Path) -> None:
    script = ROOT / "benchmarks" / "generate.py"
    spec = importlib.util.spec_from_file_location("_bench_generate", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.write(n, out)


@contextlib.contextmanager
def _workdir(source: str) -> Iterator[str]:
    """A temporary folder holding the input under a short relative name (the report records the
    path as given), made the current folder; yields that name."""
    old = Path.cwd()
    with tempfile.TemporaryDirectory() as tmp:
        if source.startswith("generated:"):
            name = f"generated-{source.split(':')[1]}.json"
            _generate(int(source.split(":")[1]), Path(tmp) / name)
        else:
            name = Path(source).name
            shutil.copy(ROOT / source, Path(tmp) / name)
        os.chdir(tmp)
        try:
            yield name
        finally:
            os.chdir(old)


def workbook_cells(data: bytes) -> dict[str, list[list[Any]]]:
    """Each sheet's rows of cell values (dates as ISO text)."""
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(data))
    return {
        ws.title: [
            [v.isoformat() if hasattr(v, "isoformat") else v for v in row]
            for row in ws.iter_rows(values_only=True)
        ]
        for ws in wb.worksheets
    }


def outputs(source: str, lang: str) -> dict[str, str]:
    """Golden file suffix → content, for every format, made by the CLI from ``source``."""
    from cchc_rules._version import __version__
    from cchc_rules.cli.main import main

    out: dict[str, str] = {}
    old_env = os.environ.get("CCHC_DISABLE_PLUGINS")
    os.environ["CCHC_DISABLE_PLUGINS"] = "cchc-egov"  # the built-in rules only
    try:
        with _workdir(source) as name:
            for fmt, suffix in FORMATS.items():
                target = f"report.{fmt}"
                argv = ["check", name, "--isolated", "--as-of", AS_OF, "--lang", lang]
                with contextlib.redirect_stderr(io.StringIO()):
                    main([*argv, "--format", fmt, "--output", target])
                data = Path(target).read_bytes()
                if fmt == "xlsx":
                    text = json.dumps(workbook_cells(data), ensure_ascii=False, indent=1)
                else:
                    text = data.decode("utf-8")
                out[suffix] = text.replace(__version__, VERSION_MARK)
    finally:
        if old_env is None:
            os.environ.pop("CCHC_DISABLE_PLUGINS", None)
        else:
            os.environ["CCHC_DISABLE_PLUGINS"] = old_env
    return out


def golden_path(case: str, lang: str, suffix: str) -> Path:
    return HERE / f"{case}.{lang}.{suffix}"


def main() -> None:
    for case, source in CASES:
        for lang in LANGS:
            for suffix, text in outputs(source, lang).items():
                golden_path(case, lang, suffix).write_text(text, encoding="utf-8", newline="")
        print(f"recorded {case}", file=sys.stderr)


if __name__ == "__main__":
    main()
