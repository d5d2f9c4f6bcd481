"""Reports written as they are made (``Renderer.write``): the same text as ``render``, to a
file or stdout; a writer that fails midway is named with its plugin and leaves no half file."""

from __future__ import annotations

import io
from pathlib import Path

from cchc_rules import load_dataset
from cchc_rules.cli.main import main

from _support import EXAMPLES, engine

DEMO = EXAMPLES / "hai-an-demo-2025-h2.toml"

HALF_WRITER = """
from cchc_rules import Renderer, hookimpl

def write(report, lang, out):
    out.write("first line\\n")
    raise ZeroDivisionError("halfway")

@hookimpl
def cchc_register_renderers(register):
    register(Renderer(name="half", render=lambda report, lang: "whole\\n", write=write))
"""


def test_write_gives_the_text_render_gives():
    report = engine().run(load_dataset(DEMO))
    for fmt in ("json", "table"):
        renderer = report.registry.renderers[fmt]
        assert renderer.write is not None
        for lang in ("vi", "en"):
            out = io.StringIO()
            renderer.write(report, lang, out)
            assert out.getvalue() == report.render(fmt, lang)


def test_stdout_and_file_get_the_same_bytes(tmp_path: Path, capsys):
    args = ["check", str(DEMO), "--isolated", "--as-of", "2026-01-01"]
    for fmt in ("json", "table"):
        target = tmp_path / f"report.{fmt}"
        main([*args, "--format", fmt, "--output", str(target)])
        capsys.readouterr()
        main([*args, "--format", fmt])
        assert capsys.readouterr().out == target.read_text(encoding="utf-8")


def test_a_writer_failing_midway_leaves_no_half_file(tmp_path: Path, capsys):
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / "half.py").write_text(HALF_WRITER, encoding="utf-8")
    target = tmp_path / "out.txt"
    argv = ["check", str(DEMO), "--isolated", "--plugins-dir", str(plugins), "--format", "half"]
    code = main([*argv, "--output", str(target)])
    err = capsys.readouterr().err
    assert code == 3
    assert "half" in err and "ZeroDivisionError" in err
    assert not target.exists()
