"""subject_of: the built-in subjects' names and keys, public, so a plugin's findings share
fingerprints with the built-ins'; the built-ins use it and their fingerprints did not change."""

from __future__ import annotations

import types
from pathlib import Path

import pytest

from cchc_rules import (
    Engine,
    Example,
    Procedure,
    StaffingBlock,
    Subject,
    hookimpl,
    load_dataset,
    rule,
    subject_key,
    subject_of,
)
from cchc_rules.testing import assert_findings, dataset, make_engine, unit

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

#: Fingerprints of the findings about staffing blocks and procedures in the shipped examples,
#: recorded before the built-in rules used subject_of: (file, rule, unit, subject, fingerprint).
RECORDED = {
    ("le-chan-2022-h1.toml", "DL002", "le-chan", "Cấp Giấy chứng nhận quyền sử dụng đất"): (
        "2bb26e840f90aa64"
    ),
    ("le-chan-2022-h1.toml", "ST005", "le-chan", "Khối công chức hành chính quận"): (
        "3079057e93213bfd"
    ),
    (
        "hai-an-demo-2025-h2.toml",
        "DL001",
        "phuong-an-binh",
        "Cấp giấy phép xây dựng nhà ở riêng lẻ",
    ): "a719f04d933653a9",
    ("hai-an-demo-2025-h2.toml", "DL002", "phuong-an-binh", "Xác nhận tình trạng hôn nhân"): (
        "f59eed03b674e425"
    ),
    (
        "hai-an-demo-2025-h2.toml",
        "DL003",
        "phuong-an-binh",
        "Cấp Giấy chứng nhận đăng ký hộ kinh doanh",
    ): "caeb7e8bafc5c33b",
    ("hai-an-demo-2025-h2.toml", "ST001", "phuong-an-hoa", "Công chức phường"): (
        "46333e1c9f19d98e"
    ),
    (
        "hai-an-demo-2025-h2.toml",
        "ST002",
        "demo-city",
        "Khối cơ quan chuyên môn thuộc UBND thành phố",
    ): "054807cbc714bdaa",
    ("hai-an-demo-2025-h2.toml", "ST002", "truong-thcs-an-binh", "Viên chức nhà trường"): (
        "358e1d4b2ebcc755"
    ),
    ("hai-an-demo-2025-h2.toml", "ST004", "truong-thcs-an-binh", "Viên chức nhà trường"): (
        "f777667a45b59ada"
    ),
    ("hai-an-demo-2025-h2.toml", "ST005", "phuong-an-lac", "Công chức phường"): (
        "bedc87836ffcc0a5"
    ),
}


def test_the_examples_fingerprints_are_unchanged() -> None:
    engine = Engine.default()
    found = {}
    for name in sorted({k[0] for k in RECORDED}):
        for f in engine.run(load_dataset(EXAMPLES / name)).findings:
            key = (name, f.rule, f.unit, f.subject)
            if key in RECORDED:
                found[key] = f.fingerprint
    assert found == RECORDED


def test_staffing_block_subject() -> None:
    block = StaffingBlock(category="cong_chuc", label="Khối A", quota=10, used=9)
    assert subject_of(block) == Subject("Khối A", subject_key("cong_chuc|Khối A|"))
    name, key = subject_of(StaffingBlock(category="vien_chuc", quota=1, used=1), 3)
    assert (name, key) == ("vien_chuc", "vien_chuc||")  # the index does not matter here
    anonymous = StaffingBlock(quota=1, used=1)
    assert subject_of(anonymous, 0) == Subject("#1", "||0")
    assert subject_of(anonymous, 1) != subject_of(anonymous, 0)


def test_procedure_subject_is_keyed_by_code_else_name() -> None:
    coded = Procedure(name="Chứng thực bản sao", code=" 1.001 ")
    assert subject_of(coded) == Subject("Chứng thực bản sao", "1.001")
    named = Procedure(name="  Chứng THỰC   bản sao ")
    assert subject_of(named).key == "chứng thực bản sao"


def test_anything_else_is_refused() -> None:
    with pytest.raises(TypeError, match="StaffingBlock or a Procedure"):
        subject_of("Khối A")  # type: ignore[arg-type]


@rule(
    "SJ001",
    family="test",
    severity="info",
    section="staffing",
    title={"vi": "Khối bất kỳ", "en": "Any block"},
    messages={"seen": {"vi": "{subject}: có", "en": "{subject}: seen"}},
    examples=[Example(unit={"staffing": []}, fires=False)],
)
def sj001(u, ctx):  # type: ignore[no-untyped-def]
    """One finding per staffing block, with the built-ins' subject."""
    for i, block in enumerate(u.staffing):
        name, key = subject_of(block, i)
        yield ctx.finding(u, "seen", subject=name, key=key)


def test_a_plugin_finding_shares_the_built_in_subject_key() -> None:
    blocks = [{"category": "cong_chuc", "label": "Khối A", "quota": 10, "used": 11}]
    plugin = types.ModuleType("subjects_plugin")

    @hookimpl
    def cchc_register_rules(register):  # type: ignore[no-untyped-def]
        register(sj001)

    plugin.cchc_register_rules = cchc_register_rules  # type: ignore[attr-defined]
    report = make_engine(plugin).run(dataset(unit(kind="quan", staffing=blocks)))
    (mine,) = assert_findings(report, rule="SJ001")
    (builtin,) = assert_findings(report, rule="ST001")
    assert mine.key == builtin.key and mine.subject == builtin.subject
