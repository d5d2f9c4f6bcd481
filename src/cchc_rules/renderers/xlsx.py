"""The Excel workbook report (registration): openpyxl is imported only when a workbook is
written (``xlsx_book``), so every other command starts without it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..hookspecs import hookimpl
from ..render import Renderer

if TYPE_CHECKING:
    from ..report import Report


def render_xlsx(report: Report, lang: str) -> bytes:
    from .xlsx_book import render_xlsx as render

    return render(report, lang)


@hookimpl
def cchc_register_renderers(register: Callable[[Renderer], None]) -> None:
    register(
        Renderer(
            name="xlsx",
            render=render_xlsx,
            extension=".xlsx",
            binary=True,
            description="Excel workbook: findings (filters, frozen header), summary, units, "
            "skips, errors",
        )
    )
