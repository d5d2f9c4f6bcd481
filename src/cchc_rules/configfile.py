"""Finding and reading configuration files (``cchc.toml``, ``[tool.cchc]`` in ``pyproject.toml``).

Minimal for now: command-line overrides over defaults.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .config import Config

__all__ = ["resolve_config"]


def resolve_config(
    *,
    cwd: str,
    explicit: str | None = None,
    isolated: bool = False,
    overrides: Mapping[str, Any] | None = None,
) -> Config:
    """The effective configuration for a run started in ``cwd``."""
    return Config(**dict(overrides or {}))
