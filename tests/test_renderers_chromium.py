"""The html report of a multi-unit example, opened in headless Chromium: a screenshot, and a
PDF printed from it that holds the summary, every finding's rule id and page numbers.

Skipped when Chromium or pdftotext is missing, unless ``CI=true`` (then it fails: `.ci/run`
installs both)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from cchc_rules.cli.main import main

from _support import EXAMPLES

DEMO = EXAMPLES / "hai-an-demo-2025-h2.toml"
CHROMIUM = next(
    (p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None
)
PDFTOTEXT = shutil.which("pdftotext")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-pdf-header-footer",
)


def _tools() -> tuple[str, str]:
    if CHROMIUM and PDFTOTEXT:
        return CHROMIUM, PDFTOTEXT
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail("chromium and pdftotext are needed on CI (.ci/run installs them)")
    pytest.skip("chromium or pdftotext is not installed")


def _chromium(browser: str, tmp: Path, *args: str) -> None:
    profile = tmp / "profile"
    subprocess.run(
        [browser, *FLAGS, f"--user-data-dir={profile}", *args],
        check=True,
        capture_output=True,
        timeout=180,
    )


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_html_report_prints_to_a_pdf_with_the_summary_and_every_rule(tmp_path, lang, capsys):
    browser, pdftotext = _tools()
    (tmp_path / "cchc.toml").write_text(
        '[report]\ninspecting_body = "Sở Nội vụ"\nteam = "Đoàn kiểm tra số 1"\n'
        'date = 2025-12-15\nplace = "Hải Phòng"\n',
        encoding="utf-8",
    )
    html, report = tmp_path / "report.html", tmp_path / "report.json"
    config = str(tmp_path / "cchc.toml")
    for out in (html, report):
        main(["check", str(DEMO), "--lang", lang, "--config", config, "-o", str(out)])
    capsys.readouterr()
    doc = json.loads(report.read_text(encoding="utf-8"))
    assert len({f["unit"] for f in doc["findings"]}) > 1
    png, pdf = tmp_path / "report.png", tmp_path / "report.pdf"
    _chromium(browser, tmp_path, "--window-size=1000,1400", f"--screenshot={png}", html.as_uri())
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    _chromium(browser, tmp_path, f"--print-to-pdf={pdf}", html.as_uri())
    assert pdf.read_bytes()[:5] == b"%PDF-"
    text = subprocess.run(
        [pdftotext, "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    pages = text.count("\f")
    assert pages >= 2
    summary = "Tổng hợp" if lang == "vi" else "Summary"
    total = "Tổng số phát hiện" if lang == "vi" else "Findings in total"
    assert summary in text and total in text
    assert "Sở Nội vụ" in text and "Hải Phòng" in text
    for f in doc["findings"]:
        assert f["rule"] in text
        assert f["fingerprint"] in text
    page = "Trang" if lang == "vi" else "Page"
    assert f"{page} 1 / {pages}" in text and f"{page} {pages} / {pages}" in text
