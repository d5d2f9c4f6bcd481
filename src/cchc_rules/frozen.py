"""A read-only dict for the dataset's indexes, so one rule cannot change what the next sees."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NoReturn, TypeVar

__all__ = ["FrozenDict", "frozen_map"]

K = TypeVar("K")
V = TypeVar("V")


class FrozenDict(dict[K, V]):
    """A ``dict`` that refuses every change (reads run at plain ``dict`` speed)."""

    __slots__ = ()

    def _refuse(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise TypeError("the dataset is read-only: rules may not change it")

    __setitem__ = __delitem__ = clear = pop = popitem = setdefault = update = _refuse
    __ior__ = _refuse

    def __reduce__(self) -> tuple[Any, ...]:
        return (FrozenDict, (dict(self),))

    def __copy__(self) -> FrozenDict[K, V]:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> FrozenDict[K, V]:
        return self


def frozen_map(value: Mapping[Any, Any]) -> Mapping[Any, Any]:
    """``value`` as a :class:`FrozenDict` (unchanged if it already is one)."""
    return value if type(value) is FrozenDict else FrozenDict(value)
