"""The csv report: one row per finding, UTF-8 with a byte-order mark so that Excel shows
Vietnamese right; values that would start a formula are neutralised (a leading ``'``)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..hookspecs import hookimpl
from ..render import Renderer
from .cells import finding_header, finding_values
from .document import build

if TYPE_CHECKING:
    from ..report import Report

BOM = "\ufeff"


def render_csv(report: Report, lang: str) -> str:
    doc = build(report, lang)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(finding_header(doc))
    writer.writerows(finding_values(f, doc) for f in doc.findings)
    return BOM + buf.getvalue()


@hookimpl
def cchc_register_renderers(register: Callable[[Renderer], None]) -> None:
    register(
        Renderer(
            name="csv",
            render=render_csv,
            extension=".csv",
            description="one row per finding, UTF-8 with BOM (for Excel)",
        )
    )
