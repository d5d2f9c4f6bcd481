"""Stopping a rule call that hangs: a watchdog thread interrupts the running thread.

On the main thread of a POSIX process the interruption is a real signal, so even a blocking
``sleep`` is stopped; elsewhere an asynchronous exception is raised in the thread (it lands at
the next Python bytecode). The engine marks each call; the cost per call is two assignments.
"""

from __future__ import annotations

import ctypes
import signal
import threading
import time
from collections.abc import Callable
from types import FrameType, TracebackType

__all__ = ["RuleTimeout", "Watchdog"]

_SIGNAL = getattr(signal, "SIGUSR2", None)


class RuleTimeout(BaseException):
    """Raised inside a rule call that ran past its time (a BaseException, so rules that catch
    ``Exception`` cannot swallow it)."""

    def __str__(self) -> str:
        return "stopped after the time limit (rule_timeout)"


#: Interrupts a call may ignore (catching ``BaseException`` and going on) before ``on_stuck``.
STRIKES = 3


class Watchdog:
    """Use as a context manager around a run; bump ``seq`` and set ``active`` around each call."""

    def __init__(
        self, timeout: float | None, on_stuck: Callable[[str], None] | None = None
    ) -> None:
        self.timeout = timeout if timeout and timeout > 0 else None
        self.seq = 0
        self.active = False
        self.current = ""  # what runs (a rule id), named to on_stuck
        self.on_stuck = on_stuck
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._target = threading.get_ident()
        self._old_handler: object = None
        self._use_signal = False

    def __enter__(self) -> Watchdog:
        if self.timeout is None:
            return self
        self._target = threading.get_ident()
        self._use_signal = (
            _SIGNAL is not None
            and threading.current_thread() is threading.main_thread()
            and signal.getsignal(_SIGNAL) in (signal.SIG_DFL, None)
        )
        if self._use_signal:
            self._old_handler = signal.signal(_SIGNAL, self._on_signal)  # type: ignore[arg-type]
        self._thread = threading.Thread(target=self._watch, name="cchc-watchdog", daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        if self._use_signal:
            signal.signal(_SIGNAL, self._old_handler)  # type: ignore[arg-type]

    def _on_signal(self, signum: int, frame: FrameType | None) -> None:
        if self.active:
            raise RuleTimeout

    def _watch(self) -> None:
        assert self.timeout is not None
        poll = min(self.timeout / 4, 0.25)
        last, since, strikes = -1, time.monotonic(), 0
        while not self._stop.wait(poll):
            if self.seq != last or not self.active:
                last, since, strikes = self.seq, time.monotonic(), 0
                continue
            if time.monotonic() - since >= self.timeout:
                strikes += 1
                if strikes > STRIKES and self.on_stuck is not None:
                    self.on_stuck(self.current)  # the call ignores every interrupt
                self._interrupt()
                since = time.monotonic()

    def _interrupt(self) -> None:
        if self._use_signal:
            signal.pthread_kill(self._target, _SIGNAL)  # type: ignore[arg-type]
        else:
            ctypes.pythonapi.PyThreadState_SetAsyncExc(
                ctypes.c_ulong(self._target), ctypes.py_object(RuleTimeout)
            )
