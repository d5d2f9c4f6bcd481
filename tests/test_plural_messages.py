"""The project's own English messages give a count's noun its plural form: "1 finding",
"2 findings", never "1 findings" (the ``{n:plural|one=…|other=…}`` syntax of the catalogues)."""

from __future__ import annotations

import re
import string

import pytest

from cchc_rules.engine import Engine
from cchc_rules.extract.messages import EN as EXTRACT_EN
from cchc_rules.extract.messages import render as extract_render
from cchc_rules.messages import Catalog, core_catalog
from cchc_rules.renderers.table import render_table
from cchc_rules.testing import assert_findings

from _support import run


def _registry_catalog() -> Catalog:
    return Engine.default(entry_points=False).registry.messages


@pytest.mark.parametrize(
    ("message_id", "params", "one", "many"),
    [
        (
            "report.unit_counts",
            {"total": 1, "error": 1, "warning": 1, "info": 1},
            "1 finding: 1 error, 1 warning, 1 info",
            "2 findings: 2 errors, 2 warnings, 2 info",
        ),
        ("SC001.digitisation", {"part": 1, "whole": 1, "percent": 100}, "1 of 1 dossier ", None),
        ("SC004.no_handled", {"complaints": 1}, "1 complaint received", "2 complaints received"),
        ("ID002.low", {"eid_accounts": 1, "population": 1}, "1 electronic ID account for", None),
        (
            "ID002.low_eligible",
            {"eid_accounts": 1, "eid_eligible_population": 1},
            "1 electronic ID account for 1 eligible person =",
            "2 electronic ID accounts for 2 eligible people =",
        ),
        ("CS004.sum", {"children": 1}, "the sum over 1 child is", None),
        ("RF002.listed_twice", {"count": 2}, None, "is listed 2 times as"),
        ("error.rule_limit", {"limit": 1}, "more than 1 result or error (", None),
    ],
)
def test_a_count_of_one_takes_the_singular(
    message_id: str, params: dict[str, int], one: str | None, many: str | None
) -> None:
    catalog = _registry_catalog()
    assert catalog.has(message_id, "en")
    if one is not None:
        assert one in catalog.render(message_id, params, "en")
    if many is not None:
        assert many in catalog.render(message_id, dict.fromkeys(params, 2), "en")


def test_the_extract_messages_count_too() -> None:
    params = {"file": "a.docx", "taken": 1, "uncertain": 1, "refs": 1}
    assert extract_render("extract.summary", params, "en") == (
        "a.docx: 1 figure taken, 1 left uncertain (commented out), 1 document cited"
    )
    assert "(1 figure; 1 uncertain one left out)" in extract_render(
        "extract.check_note", params, "en"
    )
    assert "the PDF (1 page)" in extract_render("extract.image_only", {"pages": 1}, "en")
    assert "the PDF (3 pages)" in extract_render("extract.image_only", {"pages": 3}, "en")
    vi = extract_render("extract.summary", params, "vi")
    assert "đã lấy 1 số liệu" in vi  # Vietnamese does not inflect: the same word


#: Nouns a count in the messages may stand before, in their plural form.
PLURAL_NOUNS = (
    "accounts|children|complaints|contracts|days|documents|dossiers|errors|figures|findings|"
    "pages|people|positions|procedures|results|rules|slips|tasks|times|units|violations|"
    "warnings|workers"
)
#: "1", maybe "of 1", then up to three words (not a preposition: "1 dossier of procedures").
ONE_WITH_PLURAL = re.compile(
    rf"(?<![\d.,/-])1 (?:of 1 )?(?:(?!(?:of|for|with|in|by)\b)[a-zA-Z-]+ ){{0,3}}?"
    rf"({PLURAL_NOUNS})\b"
)


def _catalogs() -> list[tuple[str, Catalog]]:
    extract = Catalog()
    extract.add("en", EXTRACT_EN)
    return [("registry", _registry_catalog()), ("core", core_catalog()), ("extract", extract)]


def test_no_english_message_says_one_with_a_plural_noun() -> None:
    wrong = []
    for name, catalog in _catalogs():
        for message_id, template in catalog.templates["en"].items():
            fields = {f for _, f, _, _ in string.Formatter().parse(template) if f}
            text = catalog.render(message_id, dict.fromkeys(fields, 1), "en")
            wrong += [f"{name} {message_id}: {text}" for _ in ONE_WITH_PLURAL.finditer(text)]
    assert not wrong, "\n".join(wrong)


def test_the_summary_line_counts_in_the_plural_form() -> None:
    staffing = [{"category": "cong_chuc", "quota": 50, "used": 51}]
    report = run({"kind": "quan", "staffing": staffing}, select="ST001")
    summary = next(x for x in render_table(report, "en").splitlines() if x.startswith("Summary"))
    assert summary.startswith("Summary: 1 unit, ")
    assert " 1 finding (1 error, 0 warnings, 0 info); 0 waived" in summary
    vi = next(x for x in render_table(report, "vi").splitlines() if x.startswith("Tổng hợp"))
    assert vi.startswith("Tổng hợp: 1 đơn vị, ") and "1 phát hiện (1 lỗi, 0 cảnh báo" in vi


def test_the_testing_helper_counts_in_the_plural_form_too() -> None:
    over = {"kind": "quan", "staffing": [{"category": "cong_chuc", "quota": 50, "used": 51}]}
    report = run(over, over, select="ST001")
    with pytest.raises(AssertionError, match="expected 3 findings of rule 'ST001', found 2"):
        assert_findings(report, rule="ST001", count=3)
    with pytest.raises(AssertionError, match="expected 1 finding of rule 'ST001', found 2"):
        assert_findings(report, rule="ST001", count=1)
