"""The ``cchc`` program ends without freeing its results object by object (cli/quick_exit.py):
what it writes, its exit code and the ``atexit`` handlers are as a normal exit gives them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from cchc_rules.cli import quick_exit
from cchc_rules.cli.main import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "hai-an-demo-2025-h2.toml"

PLUGIN = """
import atexit
from pathlib import Path

from cchc_rules import hookimpl


def _bye():
    Path({marker!r}).write_text("ran", encoding="utf-8")


atexit.register(_bye)


@hookimpl
def cchc_register_rules(register):
    pass
"""


def _program(*args: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "cchc_rules", *args], capture_output=True, cwd=cwd, check=False
    )


def test_the_program_writes_everything_and_keeps_its_exit_code(tmp_path: Path) -> None:
    done = _program("check", str(EXAMPLE), "--isolated", "--format", "json", cwd=tmp_path)
    report = json.loads(done.stdout)  # complete: flushed before the process ended
    assert len(report["findings"]) == report["summary"]["findings"]["total"] > 0
    assert done.returncode == 1  # findings at the default --fail-on: not 0, not the exit's own
    assert b"Traceback" not in done.stderr


def test_the_same_report_as_a_normal_exit(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    done = _program("check", str(EXAMPLE), "--isolated", "--format", "md", cwd=tmp_path)
    code = main(["check", str(EXAMPLE), "--isolated", "--format", "md"])
    assert done.stdout.decode("utf-8") == capsys.readouterr().out
    assert done.returncode == code


def test_atexit_handlers_of_plugins_still_run(tmp_path: Path) -> None:
    folder = tmp_path / "plugins"
    folder.mkdir()
    marker = tmp_path / "atexit-ran"
    (folder / "bye.py").write_text(PLUGIN.format(marker=str(marker)), encoding="utf-8")
    done = _program(
        "check",
        str(EXAMPLE),
        "--isolated",
        "--plugins-dir",
        str(folder),
        "-f",
        "json",
        cwd=tmp_path,
    )
    assert done.returncode == 1, done.stderr.decode()
    assert marker.read_text(encoding="utf-8") == "ran"


def test_in_process_callers_keep_nothing(capsys) -> None:  # type: ignore[no-untyped-def]
    main(["check", str(EXAMPLE), "--isolated", "--format", "json"])
    capsys.readouterr()
    assert quick_exit._kept == []


def test_output_to_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "cchc_rules", "check", str(EXAMPLE), "--isolated", "-f", "json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.read(10)
    proc.stdout.close()  # the reader goes away, as `| head -c 10` does
    err = proc.stderr.read()
    proc.wait(timeout=60)
    assert b"Traceback" not in err
