"""Ending the ``cchc`` program without freeing its results object by object.

A province-wide check holds millions of small objects (the dataset, the findings); freeing them
one by one when the command returns takes about a second, for nothing: the process is ending.
The program (:func:`cchc_rules.cli.main.entry`) asks for a quick exit; a command leaves its large
results here; the program then flushes its output, runs the ``atexit`` handlers and ends the
process with :func:`os._exit`. Code calling :func:`cchc_rules.cli.main.main` in-process is not
affected: nothing is kept unless the program asked for it.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import sys

__all__ = ["enable", "exit_now", "leave_for_exit"]

_kept: list[object] = []
_enabled = False


def enable() -> None:
    """Keep what commands leave here until :func:`exit_now` (the program, not a library)."""
    global _enabled
    _enabled = True


def leave_for_exit(*objects: object) -> None:
    """Keep ``objects`` alive for the quick exit, when the program asked for one."""
    if _enabled:
        _kept.extend(objects)


def exit_now(code: int) -> None:
    """End the process with ``code``: at once when a command left results here (after flushing
    standard output and error and running the ``atexit`` handlers), else as usual."""
    if not _kept:
        raise SystemExit(code)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe: nothing more to say
            stream.flush()
    atexit._run_exitfuncs()
    os._exit(code)
