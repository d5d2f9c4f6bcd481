"""Isolation mode (``isolation = "process"``): plugins are first tried, and rules run, in worker
processes that are killed when they stop making progress.

The default in-process mode contains whatever Python lets it contain (exceptions of any kind,
``sys.exit``, hangs in Python code that heed the watchdog). A worker process also contains what
it cannot: a rule or plugin that loops in C code, ignores the watchdog's signal, catches
``BaseException`` around a loop, calls ``os._exit`` or crashes the interpreter. Each worker is a
``fork`` of the engine's process (POSIX only): it sees the loaded dataset and plugins without
copying them, and sends back only what it found.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import select
import signal
import struct
from collections.abc import Callable, Iterable, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

from ._safe import safe_str
from ._watchdog import Watchdog
from .config import ISOLATION_MODES

__all__ = ["ISOLATION_MODES", "WorkerFailed", "available", "call_in_worker", "probe_plugins"]

T = TypeVar("T")
_BEAT, _RESULT = b".", b"R"
_HEADER = struct.Struct("!Q")


class WorkerFailed(Exception):
    """A worker was killed for making no progress (``seconds``) or ended without a result."""

    def __init__(self, message_id: str, params: dict[str, Any]) -> None:
        super().__init__(message_id)
        self.message_id = message_id
        self.params = params


def available() -> bool:
    """Whether worker processes can be forked here (POSIX)."""
    return hasattr(os, "fork")


def call_in_worker(fn: Callable[[Callable[[], None]], T], silence: float) -> T:
    """``fn(beat)`` in a forked worker; its result comes back pickled.

    ``fn`` calls ``beat()`` whenever it makes progress; a worker silent for ``silence`` seconds
    is killed. Raise :class:`WorkerFailed` when it is killed, ends without a result or its
    result cannot be sent.
    """
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the worker
        os.close(read_end)
        _worker(fn, write_end)
    os.close(write_end)
    try:
        return _collect(read_end, pid, silence)  # type: ignore[no-any-return]
    finally:
        os.close(read_end)


def _worker(fn: Callable[[Callable[[], None]], Any], fd: int) -> None:  # pragma: no cover - child
    code = 0

    def beat() -> None:
        os.write(fd, _BEAT)

    try:
        result = fn(beat)
        payload = pickle.dumps(("ok", result), protocol=pickle.HIGHEST_PROTOCOL)
    except BaseException as exc:  # everything goes back to the parent as text
        payload = pickle.dumps(("raised", f"{type(exc).__name__}: {safe_str(exc)}"))
    try:
        data = memoryview(_RESULT + _HEADER.pack(len(payload)) + payload)
        while data:  # a view: what is left is not copied again after each partial write
            data = data[os.write(fd, data) :]
    except BaseException:
        code = 70
    os._exit(code)


def _collect(fd: int, pid: int, silence: float) -> Any:
    buf = bytearray()  # grown in place: adding to bytes would copy a large result once a chunk
    while True:
        ready, _, _ = select.select([fd], [], [], silence)
        if not ready:
            _kill(pid)
            raise WorkerFailed("error.worker_killed", {"seconds": silence})
        chunk = os.read(fd, 1 << 16)
        if not chunk:
            break
        buf += chunk
        if buf.startswith(_BEAT):
            buf = buf.lstrip(_BEAT)
        if buf.startswith(_RESULT) and len(buf) >= 1 + _HEADER.size:
            (size,) = _HEADER.unpack_from(buf, 1)
            if len(buf) >= 1 + _HEADER.size + size:
                os.waitpid(pid, 0)
                kind, value = pickle.loads(buf[1 + _HEADER.size : 1 + _HEADER.size + size])
                if kind == "ok":
                    return value
                raise WorkerFailed("error.worker_raised", {"detail": value})
    _, status = os.waitpid(pid, 0)
    code = os.waitstatus_to_exitcode(status)
    raise WorkerFailed("error.worker_died", {"code": code})


def _kill(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):  # ended meanwhile
        os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)


class BeatingWatchdog(Watchdog):
    """The in-worker watchdog; each new rule call (``seq`` bumped) is a sign of progress."""

    def __init__(self, timeout: float | None, beat: Callable[[], None]) -> None:
        self._beat = beat
        self._seq = 0
        super().__init__(timeout)

    @property
    def seq(self) -> int:
        return self._seq

    @seq.setter
    def seq(self, value: int) -> None:
        self._seq = value
        self._beat()


# -- plugins ----------------------------------------------------------------------------------
def plugin_sources(
    entry_points: bool, modules: Sequence[str], plugin_dirs: Iterable[str | Path]
) -> list[tuple[str, dict[str, Any]]]:
    """Each plugin source on its own: (name, arguments of a PluginHost loading only it)."""
    from .plugins import ENTRY_POINT_GROUP, folder_modules

    out: list[tuple[str, dict[str, Any]]] = []
    base = {"builtins": False, "entry_points": False, "modules": (), "plugin_dirs": ()}
    if entry_points:
        names = sorted({ep.name for ep in metadata.entry_points(group=ENTRY_POINT_GROUP)})
        for name in names:
            others = [n for n in names if n != name]
            out.append((name, {**base, "entry_points": True, "blocked": others}))
    for module in modules:
        out.append((module, {**base, "modules": (module,)}))
    for folder in plugin_dirs:
        stems = [f.stem for f in folder_modules(Path(folder))] if Path(folder).is_dir() else []
        for stem in stems:
            others = [s for s in stems if s != stem]
            out.append((stem, {**base, "plugin_dirs": (str(folder),), "blocked": others}))
    return out


def probe_plugins(
    sources: list[tuple[str, dict[str, Any]]], blocked: Iterable[str], silence: float
) -> list[tuple[str, WorkerFailed]]:
    """Load each plugin source in a worker first, killed after ``silence`` seconds (the engine
    gives :func:`~cchc_rules.plugins.load_timeout`, the in-process limit too); those that hang or
    end the process there are returned (the caller blocks them, and reports them as plugin
    failures)."""
    from .plugins import PluginHost

    bad: list[tuple[str, WorkerFailed]] = []
    skip = set(blocked)
    for name, kwargs in sources:
        if name in skip:
            continue
        kwargs = {**kwargs, "blocked": [*kwargs.get("blocked", ()), *skip]}

        def load(beat: Callable[[], None], kwargs: dict[str, Any] = kwargs) -> bool:
            PluginHost(**kwargs).collect()
            return True

        try:
            call_in_worker(load, silence)
        except WorkerFailed as exc:
            if exc.message_id != "error.worker_raised":  # an exception is reported in-process
                bad.append((name, exc))
    return bad


# -- rules ------------------------------------------------------------------------------------
def run_isolated(
    run_rule: Callable[..., tuple[int, list[str]]],
    rule: Any,
    ctx: Any,
    units: Any,
    out: tuple[list[Any], list[Any], list[Any]],
    config: Any,
) -> tuple[int, list[str]]:
    """``run_rule`` (the engine's) for one rule in a worker; its results join ``out``. A worker
    killed or lost becomes one rule error, and the other rules run as usual."""
    from .findings import RuleError

    def work(beat: Callable[[], None]) -> tuple[Any, ...]:
        found: tuple[list[Any], list[Any], list[Any]] = ([], [], [])
        with BeatingWatchdog(config.rule_timeout, beat) as guard:
            evals, na = run_rule(rule, ctx, units, guard, found, config)
        return (evals, na, *found)

    try:
        evals, na, findings, skipped, errors = call_in_worker(
            work, silence=config.rule_timeout * 1.5 + 1
        )
    except WorkerFailed as exc:
        out[2].append(RuleError(rule.id, rule.plugin, "", exc.message_id, exc.params))
        return 0, []
    out[0].extend(findings)
    out[1].extend(skipped)
    out[2].extend(errors)
    return evals, na
