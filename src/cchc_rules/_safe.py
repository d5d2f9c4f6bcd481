"""Text of objects that may misbehave: a plugin's exception or evidence whose ``str()`` raises,
or an object whose ``repr`` holds a memory address (different in every run)."""

from __future__ import annotations

import re

__all__ = ["safe_str", "short_number", "stable_repr", "stable_str"]

_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")


def safe_str(obj: object, limit: int = 500) -> str:
    """``str(obj)`` (cut to ``limit`` characters), or a description when ``str()`` itself fails."""
    try:
        text = str(obj)
    except KeyboardInterrupt:
        raise
    except BaseException as exc:  # any failure of foreign code is contained
        return f"<{type(obj).__name__}: str() raised {type(exc).__name__}>"
    if not isinstance(text, str):  # pragma: no cover - str() always returns str
        return f"<{type(obj).__name__}>"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def stable_repr(obj: object, limit: int = 200) -> str:
    """``repr(obj)`` without memory addresses, so the same input gives the same output."""
    try:
        text = repr(obj)
    except KeyboardInterrupt:
        raise
    except BaseException:
        return f"<{type(obj).__name__}>"
    text = _ADDRESS.sub("", text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def short_number(value: int | float, limit: int = 40) -> str:
    """A number as text, at most ``limit`` characters: an integer too long to print (Python
    refuses beyond 4300 digits) is described by its size."""
    if isinstance(value, int) and value.bit_length() > 3 * limit:
        digits = int(value.bit_length() * 0.30103) + 1
        return f"{'-' if value < 0 else ''}<about {digits} digits>"
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def stable_str(obj: object, limit: int = 500) -> str:
    """:func:`safe_str` without memory addresses (``<object object at 0x7f…>``), so that the
    same input gives byte-identical output."""
    return _ADDRESS.sub("", safe_str(obj, limit))
