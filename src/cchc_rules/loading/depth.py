"""The nesting-depth limit of parsed trees (``max_depth``), walked without recursion."""

from __future__ import annotations

from typing import Any

__all__ = ["DEFAULT_MAX_DEPTH", "REPORT_MAX_DEPTH", "too_deep"]

#: The deepest nesting of tables and arrays a data file may have, its top-level table counting
#: as level 1 (a valid ``cchc/1`` file needs 5 or 6). Configurable with ``max_depth``.
DEFAULT_MAX_DEPTH = 32

#: The deepest nesting a JSON report given to ``cchc diff`` or ``--baseline`` may have (a report
#: written by cchc needs 6 or 7; evidence of plugins may add a few). Fixed, not configurable.
REPORT_MAX_DEPTH = 64


def too_deep(tree: dict[str, Any], limit: int, *, drop: bool = True) -> list[str]:
    """The key paths (``units[u1].plan.x[0]``) of the tables and arrays nested deeper than
    ``limit`` levels, outermost only, in the order of the file; with ``drop`` each is removed
    from its parent (a key from its table, an item from its array), so what is left is at most
    ``limit`` levels deep. Items of the top-level ``units`` array are named by their ``id``
    where it is a text."""
    paths: list[str] = []
    stack: list[tuple[dict[str, Any] | list[Any], str, int]] = [(tree, "", 1)]
    while stack:
        node, path, depth = stack.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node)
        deep: list[Any] = []
        inner: list[tuple[dict[str, Any] | list[Any], str, int]] = []
        for key, value in items:
            if not isinstance(value, (dict, list)):
                continue
            where = _child(path, key, value)
            if depth >= limit:  # then every table or array in this node is too deep
                paths.append(where)
                deep.append(key)
            else:
                inner.append((value, where, depth + 1))
        stack.extend(reversed(inner))  # the first child is walked first
        if drop:
            for key in reversed(deep):  # from the end: list indices stay valid
                del node[key]
        if paths and not drop:
            break
    return paths


def _child(path: str, key: Any, value: Any) -> str:
    if isinstance(key, int):
        name = value.get("id") if path == "units" and isinstance(value, dict) else None
        return f"{path}[{name.strip() if isinstance(name, str) and name.strip() else key}]"
    return f"{path}.{key}" if path else str(key)
