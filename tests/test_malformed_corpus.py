"""The malformed-input corpus (``tests/malformed/cases.toml``): every case runs the command line
in a fresh process with a time limit, and must keep the README's promises — the exit code it
states, a located message, no traceback, no hang, valid units still checked, inputs never
modified, and strict JSON on stdout with ``--format json``."""

from __future__ import annotations

import codecs
import contextlib
import hashlib
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CORPUS = Path(__file__).resolve().parent / "malformed"
CASES: list[dict[str, Any]] = tomllib.loads((CORPUS / "cases.toml").read_text("utf-8"))["case"]
BASE = {".toml": (CORPUS / "base.toml").read_text("utf-8"), ".json": ""}
TIME_LIMIT = 60.0
INTERNAL = ("Traceback", "lỗi nội bộ", "internal error")


def _content(name: str, text: str) -> bytes:
    if "{base}" in text:
        text = text.replace("{base}", (CORPUS / f"base{Path(name).suffix}").read_text("utf-8"))
    return text.encode("utf-8")


def _generate(kind: str, folder: Path) -> None:
    """Inputs a text file cannot hold: special files, and sizes or depths only code makes."""
    base = (CORPUS / "base.toml").read_text("utf-8")
    if kind == "fifo":
        os.mkfifo(folder / "pipe.toml")
    elif kind == "folder-named-toml":
        (folder / "dir.toml").mkdir()
    elif kind == "deep-toml":
        deep = "tasks_total = " + "[" * 20000 + "]" * 20000 + "\n"
        unit = '[[units]]\nid = "deep"\nname = "D"\n[units.plan]\ntasks_done = 1\n'
        (folder / "data.toml").write_text(base + unit + deep)
    elif kind == "deep-json":
        (folder / "deep.json").write_text("[" * 200000 + "]" * 200000)
    elif kind == "many-duplicates":
        (folder / "data.toml").write_text(base + 'name = "again"\n' * 5000)
    elif kind == "huge-int-toml":
        (folder / "data.toml").write_text(base.replace("quota = 20", "quota = 1" + "0" * 5000))
    elif kind == "huge-int-json":
        (folder / "data.json").write_text('{"schema": "cchc/1", "x": 1' + "0" * 5000 + "}")
    elif kind == "huge-int-report":
        (folder / "old.json").write_text('{"schema": "cchc-report/1", "n": 1' + "0" * 5000 + "}")
    elif kind == "big-file":
        (folder / "data.toml").write_text(base + "# padding\n" * 300000)
    else:  # pragma: no cover - a typo in cases.toml
        raise AssertionError(kind)


def _digests(folder: Path) -> dict[str, str]:
    out = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            out[str(path.relative_to(folder))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def _run(argv: list[str], cwd: Path) -> tuple[int, str, str]:
    """``cchc ARGV`` in a separate process, killed after :data:`TIME_LIMIT` seconds: a fork of
    this one where the platform has it (the modules are already imported: fast), else a new
    interpreter."""
    env = {"COLUMNS": "200", "NO_COLOR": "1", "CCHC_DISABLE_PLUGINS": "", "CI": ""}
    with tempfile.TemporaryDirectory() as tmp:
        out_path, err_path = Path(tmp, "out"), Path(tmp, "err")
        if hasattr(os, "fork"):
            pid = os.fork()
            if pid == 0:  # pragma: no cover - the child
                _child(argv, cwd, env, out_path, err_path)
            code = _wait(pid, argv)
        else:  # pragma: no cover - Windows
            with out_path.open("wb") as out, err_path.open("wb") as err:
                proc = subprocess.Popen(
                    [sys.executable, "-m", "cchc_rules", *argv],
                    cwd=cwd,
                    stdin=subprocess.DEVNULL,
                    stdout=out,
                    stderr=err,
                    env={**os.environ, **env},
                )
                try:
                    code = proc.wait(TIME_LIMIT)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    pytest.fail(f"hung: cchc {' '.join(argv)} ran over {TIME_LIMIT:.0f} s")
        read = lambda p: p.read_bytes().decode("utf-8", "replace")  # noqa: E731
        return code, read(out_path), read(err_path)


def _child(argv: list[str], cwd: Path, env: dict[str, str], out: Path, err: Path) -> None:
    code = 99
    try:
        os.setsid()
        os.chdir(cwd)
        os.environ.update(env)
        os.environ.pop("CI")
        for fd, path in ((1, out), (2, err)):
            os.dup2(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC), fd)
        os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
        sys.stdin = open(0, encoding="utf-8", closefd=False)  # noqa: SIM115
        sys.stdout = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
        sys.stderr = open(2, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
        from cchc_rules.cli.main import main

        try:
            code = main(argv)
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except BaseException:
        import traceback

        traceback.print_exc()
    finally:
        with contextlib.suppress(BaseException):
            sys.stdout.flush()
            sys.stderr.flush()
        os._exit(code)


def _wait(pid: int, argv: list[str]) -> int:
    deadline = time.monotonic() + TIME_LIMIT
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        if time.monotonic() > deadline:
            os.killpg(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            pytest.fail(f"hung: cchc {' '.join(argv)} ran over {TIME_LIMIT:.0f} s")
        time.sleep(0.01)


def _strict_json(text: str) -> Any:
    def refuse(constant: str) -> Any:
        raise AssertionError(f"{constant} is not JSON")

    return json.loads(text, parse_constant=refuse)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="the corpus holds POSIX special files")
@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_malformed_case(case: dict[str, Any], tmp_path: Path) -> None:
    devices = [a for a in case["args"] if a.startswith("/dev/")]
    if any(not os.path.exists(d) for d in devices):
        pytest.skip(f"this system has no {', '.join(devices)}")
    for name, text in case.get("files", {}).items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(_content(name, text))
    for name, text in case.get("bytes", {}).items():  # Python escapes (\xff) for raw bytes
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(codecs.escape_decode(text.encode("utf-8"))[0])
    for kind in case.get("generate", []):
        _generate(kind, tmp_path)
    before = _digests(tmp_path)
    argv = list(case["args"])
    if argv[0] in ("check", "rules", "plugins", "explain") and "--config" not in argv:
        argv.append("--isolated")  # no configuration file from the machine running the tests
    code, out, err = _run(argv, tmp_path)
    both = out + err
    where = f"cchc {' '.join(argv)}\n--- stdout\n{out[-3000:]}\n--- stderr\n{err[-3000:]}"
    assert code == case["exit"], where
    for needle in INTERNAL:
        assert needle not in both, where
    for needle in case.get("expect", []):
        assert needle in both, f"{needle!r} missing\n{where}"
    for needle in case.get("absent", []):
        assert needle not in both, f"{needle!r} present\n{where}"
    after = _digests(tmp_path)
    written = set(case.get("writes", []))
    assert {k: v for k, v in after.items() if k not in written} == {
        k: v for k, v in before.items() if k not in written
    }, f"an input was modified\n{where}"
    to_stdout = "-o" not in argv and "--output" not in argv
    if "--format" in argv and argv[argv.index("--format") + 1] == "json" and to_stdout:
        report = _strict_json(out)
        if "units" in case:
            assert report["summary"]["units"] == case["units"], where
        if "findings_of" in case:
            rules = {f["rule"] for f in report["findings"]}
            assert set(case["findings_of"]) <= rules, where


def test_the_corpus_is_large_and_varied() -> None:
    names = [c["name"] for c in CASES]
    assert len(names) == len(set(names)) >= 80
    kinds = {n.split("-")[0] for n in names}
    assert {"toml", "json", "config", "plugin", "report", "input", "output", "tabular"} <= kinds
