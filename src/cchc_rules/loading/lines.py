"""Best-effort line numbers for key paths in a TOML file, so errors say where to look.

``tomllib`` keeps no positions, so this reads the text once more, tracking table headers
(``[units.dossiers]``, ``[[units.staffing]]``) and ``key = value`` lines. It runs only for files
that have issues. A path it cannot place gets no line (the key path alone still locates it).
"""

from __future__ import annotations

import re

__all__ = ["TomlLines"]

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"""^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_\-]+(?:\s*\.\s*[A-Za-z0-9_\-]+)*)\s*=""")
_ID = re.compile(r"""^\s*id\s*=\s*("([^"]*)"|'([^']*)')""")
_PATH_TOKEN = re.compile(r"([^.\[\]]+)|\[([^\]]*)\]")

Path = tuple[str | int, ...]


class TomlLines:
    """Maps key paths such as ``units[le-chan].staffing[0].quota`` to 1-based line numbers."""

    def __init__(self, text: str) -> None:
        self.lines: dict[Path, int] = {}
        self.unit_index: dict[str, int] = {}
        self._scan(text)

    def _scan(self, text: str) -> None:
        counts: dict[Path, int] = {}
        current: Path = ()
        for lineno, line in enumerate(text.split("\n"), 1):  # TOML ends lines only at LF
            stripped = line.strip()
            if not stripped or stripped.startswith("#"):
                continue
            header = _HEADER.match(line) if stripped.startswith("[") else None
            if header:
                names = [n.strip().strip("\"'") for n in header.group(2).split(".")]
                path: Path = ()
                for depth, name in enumerate(names):
                    path = (*path, name)
                    last = depth == len(names) - 1
                    if last and header.group(1) == "[[":
                        counts[path] = counts.get(path, -1) + 1
                        path = (*path, counts[path])
                    elif not last and path in counts:
                        path = (*path, counts[path])
                current = path
                self.lines.setdefault(current, lineno)
                continue
            key = _KEY.match(line)
            if key:
                parts = tuple(p.strip().strip("\"'") for p in key.group(1).split("."))
                self.lines.setdefault((*current, *parts), lineno)
                m = _ID.match(line)
                if m and len(current) == 2 and current[0] == "units":
                    uid = m.group(2) if m.group(2) is not None else m.group(3)
                    self.unit_index.setdefault(uid.strip(), int(current[1]))

    def line_of(self, location: str) -> int | None:
        """The line of ``location`` or of its nearest enclosing part that has one."""
        path = self._parse(location)
        while path:
            line = self.lines.get(path)
            if line is not None:
                return line
            path = path[:-1]
        return None

    def _parse(self, location: str) -> Path:
        out: list[str | int] = []
        for name, index in _PATH_TOKEN.findall(location):
            if name:
                out.append(name)
            elif index.isdigit():
                out.append(int(index))
            elif out == ["units"] and index in self.unit_index:
                out.append(self.unit_index[index])
            else:
                return tuple(out)
        return tuple(out)
