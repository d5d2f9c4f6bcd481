"""Pausing the cyclic garbage collector during bulk work.

Loading and checking create millions of small objects and no reference cycles; the collector
would rescan all of them again and again (most of the load time on a 50,000-unit file). Reference
counting still frees everything; the collector's previous state is restored afterwards.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["paused_gc"]


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
