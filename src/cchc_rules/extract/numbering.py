"""Word's automatic list numbering ("I.", "1.", "a)", bullets): the labels Word shows but does
not store in the paragraph's text, rebuilt from the numbering definitions."""

from __future__ import annotations

from typing import Any

__all__ = ["ListLabels"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _roman(n: int) -> str:
    out = ""
    for value, letters in (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ):  # fmt: skip
        while n >= value:
            out, n = out + letters, n - value
    return out


def _format(fmt: str, n: int) -> str:
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperLetter":
        return chr(ord("A") + (n - 1) % 26)
    if fmt == "lowerLetter":
        return chr(ord("a") + (n - 1) % 26)
    return str(n)


class ListLabels:
    """The label of each numbered paragraph, counted in document order."""

    def __init__(self, document: Any) -> None:
        self._levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self._counts: dict[str, dict[int, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for node in root.iterfind(f"{_W}abstractNum"):
            levels = {}
            for lvl in node.iterfind(f"{_W}lvl"):
                fmt = lvl.find(f"{_W}numFmt")
                text = lvl.find(f"{_W}lvlText")
                start = lvl.find(f"{_W}start")
                levels[int(lvl.get(f"{_W}ilvl", "0"))] = (
                    fmt.get(f"{_W}val", "decimal") if fmt is not None else "decimal",
                    text.get(f"{_W}val", "") if text is not None else "",
                    int(start.get(f"{_W}val", "1")) if start is not None else 1,
                )
            abstract[node.get(f"{_W}abstractNumId", "")] = levels
        for num in root.iterfind(f"{_W}num"):
            ref = num.find(f"{_W}abstractNumId")
            if ref is not None:
                self._levels[num.get(f"{_W}numId", "")] = abstract.get(ref.get(f"{_W}val", ""), {})

    def label(self, paragraph: Any) -> str:
        """The label Word shows before ``paragraph`` ("II.", "2.", "-"), or ""."""
        num_pr = _num_pr(paragraph)
        if num_pr is None:
            return ""
        num_id, ilvl = num_pr
        levels = self._levels.get(num_id)
        if not levels or ilvl not in levels:
            return ""
        counts = self._counts.setdefault(num_id, {})
        counts[ilvl] = counts.get(ilvl, levels[ilvl][2] - 1) + 1
        for deeper in [k for k in counts if k > ilvl]:
            del counts[deeper]
        fmt, text, _ = levels[ilvl]
        if fmt == "bullet":
            return "-"
        if fmt == "none":
            return ""
        for k in range(ilvl + 1):
            if f"%{k + 1}" in text:
                lvl_fmt, _, lvl_start = levels.get(k, ("decimal", "", 1))
                value = counts.get(k, lvl_start)
                text = text.replace(f"%{k + 1}", _format(lvl_fmt, value))
        return text


def _num_pr(paragraph: Any) -> tuple[str, int] | None:
    """``(numId, level)`` of a paragraph, from its own properties or its style's."""
    for props in (paragraph._p.pPr, _style_props(paragraph)):
        if props is None or props.numPr is None:
            continue
        num_id = props.numPr.numId
        if num_id is None or num_id.val in (None, 0):
            return None
        ilvl = props.numPr.ilvl
        return str(num_id.val), int(ilvl.val) if ilvl is not None else 0
    return None


def _style_props(paragraph: Any) -> Any:
    try:
        style = paragraph.style
    except (KeyError, ValueError):
        return None
    return style.element.pPr if style is not None else None
