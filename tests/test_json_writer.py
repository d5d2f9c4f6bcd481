"""The JSON report's writer: the rows it encodes fast (msgspec structs, evidence only ordered,
pre-encoded repeats) give the text the general rows give through the standard encoder; a binary
file gets the UTF-8 bytes of the text a text file or a StringIO gets; every float is written as
the standard encoder writes it."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import math
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cchc_rules import load_dataset
from cchc_rules.cli import guard
from cchc_rules.findings import Finding, Severity, Skip
from cchc_rules.renderers import json as json_renderer
from cchc_rules.renderers.json import (
    _COMPACT,
    _cited,
    _finding_rows,
    _FindingRow,
    _findings,
    _row_evidence,
    _skip_rows,
    _skips,
    _write_rows,
    jsonable,
    render_json,
    report_document,
    skip_reasons,
    write_document_bytes,
    write_json,
)

from _support import EXAMPLES, engine

DEMO = EXAMPLES / "hai-an-demo-2025-h2.toml"

#: Evidence msgspec alone would write otherwise than the standard encoder, or not at all.
ODD_EVIDENCE: list[dict[str, Any]] = [
    {"tên": "Thủ tục cấp phép", "số": 3, "tỷ_lệ": 97.5, "ghi_chú": None, "đạt": True},
    {"huge": 10**400, "long": 2**70, "negative_long": -(2**64), "small": -(2**63)},
    {"last_long": 2**999 - 1, "first_huge": 2**999, "minus": -(2**999), "minus_long": 1 - 2**999},
    {"big": 1e16, "tiny": 1.5e-05, "edge": 1e-4, "below": 9.999e-05, "zero": -0.0},
    {"nan": math.nan, "inf": math.inf, "minus_inf": -math.inf, "max": 1.7976931348623157e308},
    {"decimal": Decimal("12.50"), "day": dt.date(2025, 7, 1), "items": (1e22, "ă", 2.5e-7)},
    {"nested": {"b": 1e20, "a": [0.5, 1e-9]}, "set": frozenset({3, 1, 2})},
    {"z": 1, "a": 2, "m": 3},
    {},
]


def _report_with(evidence: list[dict[str, Any]]) -> Any:
    """The demo report with one more finding per evidence, and skips with parameters."""
    report = engine().run(load_dataset(DEMO))
    extra = [
        Finding(
            "DL001",
            "deadline",
            Severity.WARNING,
            f"zz-{i:03d}",
            "DL001.late",
            subject=f"Thủ tục {i}",
            key=f"thủ tục {i}",
            evidence=ev,
            basis=report.findings[0].basis if report.findings else (),
        )
        for i, ev in enumerate(evidence)
    ]
    skips = [
        Skip("SC002", "zz-001", "skip.missing_fields", {"fields": "a, b"}, "Thủ tục 1"),
        Skip("SC002", "zz-002", "skip.missing_fields", {"fields": "a, b"}, "Thủ tục 1"),
        Skip("SC002", "zz-003", "skip.missing_fields", {"fields": ["not", "hashable"]}),
    ]
    return attrs.evolve(
        report,
        findings=(*report.findings, *extra),
        skipped=(*report.skipped, *skips),
    )


def _rows_text(rows: list[Any]) -> str:
    out: list[str] = []
    _write_rows(iter(rows), out.append)
    return "".join(out)


def _evidence_rows(evidence: dict[Any, Any]) -> tuple[str, str]:
    """A finding row with this evidence (its other fields null) as written fast, and as the
    standard encoder writes the general row."""
    fields = _FindingRow.__struct_fields__
    fast = _FindingRow(**{**dict.fromkeys(fields), "evidence": _row_evidence(evidence)})
    general = {**dict.fromkeys(fields), "evidence": jsonable(evidence)}
    return _rows_text([fast]), _COMPACT.encode(general)


def _standard_text(rows: list[dict[str, Any]]) -> str:
    """Rows as the standard encoder alone writes them, one per line."""
    return ",\n    ".join(_COMPACT.encode(row) for row in rows)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_fast_rows_give_the_text_of_the_general_rows(lang: str) -> None:
    report = _report_with(ODD_EVIDENCE)
    findings = list(_findings(report, lang))
    assert _rows_text(list(_finding_rows(report, lang))) == _standard_text(findings)
    assert _rows_text(list(_skip_rows(report, lang))) == _standard_text(list(_skips(report, lang)))


def test_rows_with_the_fields_of_a_workflow_keep_their_order() -> None:
    report = _report_with(ODD_EVIDENCE)
    fields = {
        f.fingerprint: {"status": "new", "rule": "kept in place", "since": 1e16}
        for f in report.findings[-4:]
    }
    report = attrs.evolve(report, extra={**report.extra, "finding_fields": fields})
    general = list(_findings(report, "vi"))
    assert list(general[-1])[-2:] == ["status", "since"]
    assert _rows_text(list(_finding_rows(report, "vi"))) == _standard_text(general)


def test_a_row_msgspec_refuses_keeps_its_evidence_sorted() -> None:
    fast, general = _evidence_rows({"z": "\udcff", "a": {"y": 1, "b": 1e16}, "m": 1})
    assert fast == general
    assert '"evidence":{"a":{"b":1e+16,"y":1},"m":1,"z":"\udcff"}' in fast


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_binary_file_gets_the_bytes_of_the_text(tmp_path: Path, lang: str) -> None:
    report = _report_with(ODD_EVIDENCE)
    text = render_json(report, lang)
    assert "1e+16" in text and "1.5e-05" in text and "1e+20" in text  # the standard form
    assert "1e16" not in text and "0.000015" not in text
    string = io.StringIO()
    write_json(report, lang, string)
    with open(tmp_path / "text.json", "w", encoding="utf-8", newline="") as fh:
        write_json(report, lang, fh)
    with open(tmp_path / "binary.json", "wb") as fb:
        write_json(report, lang, fb)
    buffer = io.BytesIO()
    write_json(report, lang, buffer)
    assert string.getvalue() == text
    assert (tmp_path / "text.json").read_bytes() == text.encode()
    assert (tmp_path / "binary.json").read_bytes() == text.encode()
    assert buffer.getvalue() == text.encode()
    data = json.loads(text)
    assert data["findings"][-2]["evidence"] == {"a": 2, "m": 3, "z": 1}


def test_a_lone_surrogate_fails_a_binary_file_as_it_fails_a_strict_text_file(
    tmp_path: Path,
) -> None:
    report = _report_with([{"name": "abc\udcff"}, {"\udc80key": 1}])
    text = render_json(report, "vi")
    assert '"abc\udcff"' in text  # as the standard encoder writes it, in a text
    string = io.StringIO()
    write_json(report, "vi", string)
    assert string.getvalue() == text
    with (
        pytest.raises(UnicodeEncodeError),
        open(tmp_path / "t.json", "w", encoding="utf-8") as fh,
    ):
        write_json(report, "vi", fh)
    with pytest.raises(UnicodeEncodeError), open(tmp_path / "b.json", "wb") as fb:
        write_json(report, "vi", fb)


def test_skip_reasons_are_rendered_per_reason_subject_and_parameters() -> None:
    report = _report_with([])
    reason_text = skip_reasons(report, "en")
    for skip in report.skipped:
        assert reason_text(skip) == report.message(skip, lang="en")


def test_the_cited_bases_are_every_basis_of_every_finding() -> None:
    report = engine().run(load_dataset(DEMO))
    assert _cited(report.findings) == sorted({b for f in report.findings for b in f.basis})
    assert _cited(()) == []


def _json_values() -> st.SearchStrategy[Any]:
    scalars = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.integers(min_value=-(2**80), max_value=2**80),
        st.floats(),
        st.floats(min_value=-1e20, max_value=1e20),
        st.text(max_size=8),
        st.decimals(allow_nan=True),
        st.dates(),
    )
    return st.recursive(
        scalars,
        lambda inner: st.one_of(
            st.lists(inner, max_size=3),
            st.tuples(inner, inner),
            st.dictionaries(st.text(max_size=4), inner, max_size=3),
        ),
        max_leaves=6,
    )


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.text(max_size=6), _json_values(), max_size=6))
def test_evidence_rows_are_written_as_the_standard_encoder_writes_jsonable(
    evidence: dict[str, Any],
) -> None:
    fast, general = _evidence_rows(evidence)
    assert fast == general


def test_evidence_with_a_key_that_is_not_text_goes_the_general_way() -> None:
    evidence: dict[Any, Any] = {1: "a key that is not text", "x": 1e-7, "b": 2**70}
    fast, general = _evidence_rows(evidence)
    assert fast == general
    assert '"evidence":{"1":"a key that is not text","b":1180591620717411303424,"x":1e-07}' in fast


@settings(max_examples=300, deadline=None)
@given(st.floats())
def test_every_float_is_written_in_the_standard_form(value: float) -> None:
    fast, general = _evidence_rows({"v": value, "ă": [value]})
    assert fast == general


def test_the_command_line_writes_bytes_to_a_plain_utf8_stdout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    report = engine().run(load_dataset(DEMO))
    target = tmp_path / "report.json"
    assert guard.stream_output(report, "json", "vi", str(target))
    raw = io.BytesIO()
    stdout = io.TextIOWrapper(raw, encoding="utf-8", errors="strict", newline="")
    stdout.write("before ")  # what was printed before stays first
    monkeypatch.setattr(sys, "stdout", stdout)
    assert guard.stream_output(report, "json", "vi", None)
    stdout.flush()
    assert raw.getvalue() == b"before " + target.read_bytes()
    assert target.read_bytes() == render_json(report, "vi").encode()


@pytest.mark.parametrize(
    ("stream", "plain"),
    [
        (io.TextIOWrapper(io.BytesIO(), encoding="utf-8"), True),
        (io.TextIOWrapper(io.BytesIO(), encoding="UTF8"), True),
        (io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="surrogateescape"), False),
        (io.TextIOWrapper(io.BytesIO(), encoding="cp1258"), False),
        (io.StringIO(), False),
    ],
)
def test_only_a_strict_utf8_text_stream_is_written_as_bytes(stream: Any, plain: bool) -> None:
    assert guard._plain_utf8(stream) is plain


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=8), st.text(max_size=8), st.text(max_size=30))
def test_the_fingerprint_is_the_sha256_of_rule_unit_and_key(rule: str, unit: str, key: str) -> None:
    finding = Finding(rule, "", Severity.INFO, unit, "", key=key)
    raw = f"{rule}\x1f{unit}\x1f{key}".encode("utf-8", "surrogatepass")
    try:
        raw.decode()
    except UnicodeDecodeError:  # a lone surrogate: no fingerprint, as before
        with pytest.raises(UnicodeEncodeError):
            _ = finding.fingerprint
        return
    assert finding.fingerprint == hashlib.sha256(raw).hexdigest()[:16]


class _Trickle(io.RawIOBase):
    """An unbuffered file that takes at most a few bytes per ``write`` (as a pipe may)."""

    def __init__(self) -> None:
        self.data = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, b: Any) -> int:
        taken = bytes(b[:7])
        self.data += taken
        return len(taken)


def test_an_unbuffered_file_gets_every_byte_of_the_text() -> None:
    report = _report_with(ODD_EVIDENCE)
    raw = _Trickle()
    write_json(report, "vi", raw)  # type: ignore[arg-type]
    assert bytes(raw.data) == render_json(report, "vi").encode()
    assert not raw.closed


def test_a_write_that_keeps_its_pieces_gets_them_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(json_renderer, "_CHUNK", 64)  # many chunks from one buffer
    report = _report_with(ODD_EVIDENCE)
    kept: list[bytes | bytearray] = []
    write_document_bytes(report_document(report, "en"), kept.append)
    assert b"".join(kept) == render_json(report, "en").encode()
