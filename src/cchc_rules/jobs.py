"""``--jobs N``: the units shared among N forked processes, each running every rule on its
share; the results come back pickled, in the units' order, and make the same report as one
process (the engine sorts them the same way). POSIX only (``fork``): a worker sees the loaded
dataset and plugins without copying them.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

__all__ = ["chunks", "run_in_processes"]

T = TypeVar("T")

#: The task and items of the pool being run: set before the fork, so the workers inherit them
#: (nothing but the bounds of each share is sent to a worker).
_TASK: Callable[[tuple[Any, ...]], Any] | None = None
_ITEMS: Sequence[Any] = ()


def chunks(n: int, parts: int) -> list[tuple[int, int]]:
    """At most ``parts`` contiguous, non-empty ranges covering ``range(n)``, as even as can be."""
    size, extra = divmod(n, parts)
    out, start = [], 0
    for i in range(parts):
        end = start + size + (1 if i < extra else 0)
        if end > start:
            out.append((start, end))
        start = end
    return out


def _call(bounds: tuple[int, int]) -> Any:  # pragma: no cover - runs in a worker
    assert _TASK is not None
    return _TASK(tuple(_ITEMS[bounds[0] : bounds[1]]))


def run_in_processes(
    task: Callable[[tuple[Any, ...]], T], items: Sequence[Any], jobs: int
) -> list[T]:
    """``task`` over ``jobs`` contiguous shares of ``items``, each in a forked process; the
    results in the shares' order."""
    global _TASK, _ITEMS
    ranges = chunks(len(items), jobs)
    _TASK, _ITEMS = task, items
    try:
        with multiprocessing.get_context("fork").Pool(len(ranges)) as pool:
            return pool.map(_call, ranges)
    finally:
        _TASK, _ITEMS = None, ()
