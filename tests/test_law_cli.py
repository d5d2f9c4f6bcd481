"""`cchc law`: the legal-basis topics and bases, filtered by period, in both languages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cchc_rules.cli.main import main
from cchc_rules.law import shipped_bases

PLUGIN = """
import datetime as dt
from cchc_rules import LegalBasis, hookimpl

def _basis(id, start=None, end=None):
    return LegalBasis(
        id=id, number=f"{id}/2023/NĐ-CP", kind="nghi_dinh",
        title_vi=f"Văn bản [bold]{id}[/bold]", title_en=f"Document [bold]{id}[/bold]",
        in_force_from=start, in_force_to=end, topics=("zz_boundary",),
        source="https://example.invalid/[red]x[/red]",
    )

@hookimpl
def cchc_register_legal_bases(register):
    register(_basis("ends-before", end=dt.date(2023, 12, 31)))      # the day before the start
    register(_basis("ends-on-start", end=dt.date(2024, 1, 1)))      # the period's first day
    register(_basis("starts-on-end", start=dt.date(2024, 6, 30)))   # the period's last day
    register(_basis("starts-after", start=dt.date(2024, 7, 1)))     # the day after the end
"""
PERIOD = "2024-01-01:2024-06-30"

#: A rule citing a topic no document has (a misspelling): `cchc law` shows it, with nothing in it.
MISSPELT = """
from cchc_rules import hookimpl, rule

@rule("ZZ001", family="zz", severity="info", basis=("one_stop_shopp",),
      title={"vi": "Thử", "en": "Test"}, messages={})
def zz001(unit, ctx):
    return ()

@hookimpl
def cchc_register_rules(register):
    register(zz001)
"""


def cchc(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["law", "--isolated", *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def plugins(tmp_path: Path) -> str:
    (tmp_path / "boundary_law.py").write_text(PLUGIN, encoding="utf-8")
    return str(tmp_path)


def listed(out: str) -> set[str]:
    """The basis ids of a JSON listing."""
    return {b["id"] for t in json.loads(out)["topics"] for b in t["bases"]}


def test_every_shipped_topic_and_basis_is_listed_with_the_rules_citing_it(capsys):
    code, out, _ = cchc(capsys)
    assert code == 0
    for basis in shipped_bases():
        assert f"  {basis.id}  {basis.number}" in out
        for topic in basis.topics:
            assert f"\n{topic}" in out
    assert (
        "one_stop_shop — cơ chế một cửa, một cửa liên thông  "
        "(quy tắc trích dẫn: DL001, DL002, DL003, DL004, DL005, DL006)"
    ) in out
    assert "luat-59-2014  59/2014/QH13, Điều 12  (hiệu lực 01/01/2016 – 30/06/2024" in out


def test_json_holds_every_shipped_basis_with_its_dates_and_source(capsys):
    code, out, _ = cchc(capsys, "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["period"] is None
    by_id = {b["id"]: b for t in data["topics"] for b in t["bases"]}
    assert set(by_id) == {b.id for b in shipped_bases()}
    nd61 = by_id["nd-61-2018"]
    assert (nd61["in_force_from"], nd61["in_force_to"]) == ("2018-06-21", "2025-06-30")
    assert nd61["source"].startswith("https://") and nd61["sources_extra"]
    topics = [t["topic"] for t in data["topics"]]
    assert topics == sorted(topics)


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        (["--period", PERIOD], {"ends-on-start", "starts-on-end"}),
        (["--on", "2023-12-31"], {"ends-before", "ends-on-start"}),
        (["--on", "2024-07-01"], {"starts-on-end", "starts-after"}),
        ([], {"ends-before", "ends-on-start", "starts-on-end", "starts-after"}),
    ],
)
def test_period_filter_at_boundary_dates(capsys, plugins, when, expected):
    code, out, _ = cchc(capsys, "zz_boundary", "--plugins-dir", plugins, "--format", "json", *when)
    assert code == 0
    assert listed(out) == expected


def test_shipped_change_of_decree_at_a_period_start(capsys):
    json_of = ("one_stop_shop", "--format", "json", "--period")
    _, out, _ = cchc(capsys, *json_of, "2025-07-01:2025-12-31")
    # 61/2018 and 107/2021 end on 30/06/2025; 118/2025's guiding circular from 15/09/2025
    assert listed(out) == {"nd-118-2025", "tt-03-2025-vpcp"}
    _, out, _ = cchc(capsys, *json_of, "2025-01-01:2025-07-01")
    assert listed(out) == {"nd-61-2018", "nd-107-2021", "nd-118-2025"}


def test_text_from_data_is_printed_literally(capsys, plugins):
    code, out, _ = cchc(capsys, "zz_boundary", "--plugins-dir", plugins, "--period", PERIOD)
    assert code == 0
    assert "Căn cứ pháp lý có hiệu lực trong kỳ 01/01/2024 – 30/06/2024" in out
    assert "Văn bản [bold]starts-on-end[/bold]" in out
    assert "nguồn: https://example.invalid/[red]x[/red]" in out
    assert "ends-before" not in out and "starts-after" not in out


def test_a_topic_with_nothing_in_force_says_so(capsys):
    code, out, _ = cchc(capsys, "one_stop_shop", "--on", "2010-01-01", "--lang", "en")
    assert code == 0
    assert "Legal bases in force on 01/01/2010" in out
    assert "one_stop_shop — the one-stop-shop mechanism  (cited by: DL001" in out
    assert "(no document in force)" in out


def test_english_output(capsys):
    code, out, _ = cchc(capsys, "personal_id", "--lang", "en")
    assert code == 0
    assert out.startswith("Legal bases by topic\n")
    assert "luat-26-2023  26/2023/QH15  (in force 01/07/2024 – …; issued 27/11/2023)" in out
    assert "Law on Identification (2023)" in out
    assert 'Cite a topic in a rule: @rule(..., basis=("topic",)).' in out


def test_a_basis_id_shows_that_basis_only(capsys):
    code, out, _ = cchc(capsys, "ND-61-2018", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert [t["topic"] for t in data["topics"]] == ["one_stop_shop"]
    assert listed(out) == {"nd-61-2018"}


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("vi", "cchc: không có chủ đề hay văn bản pháp lý “one_stop”; có phải “one_stop_shop”?"),
        ("en", "cchc: no legal topic or basis “one_stop”; did you mean “one_stop_shop”?"),
    ],
)
def test_unknown_topic_exits_2_with_a_suggestion(capsys, lang, expected):
    code, out, err = cchc(capsys, "one_stop", "--lang", lang)
    assert code == 2 and out == ""
    assert expected in err


def test_unknown_topic_without_anything_close(capsys):
    code, _, err = cchc(capsys, "zzzz", "--lang", "en")
    assert code == 2
    assert "no legal topic or basis “zzzz” (see `cchc law`)" in err


@pytest.mark.parametrize(
    "argv",
    [
        ["--period", "2024-06-30:2024-01-01"],
        ["--period", "2024-01-01"],
        ["--on", "30/06/2024"],
        ["--on", "2024-01-01", "--period", PERIOD],
    ],
)
def test_bad_dates_are_usage_errors(capsys, argv):
    with pytest.raises(SystemExit) as info:
        main(["law", "--isolated", *argv])
    assert info.value.code == 2
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("vi", "chỉ các văn bản có hiệu lực vào ngày này"), ("en", "only documents in force on")],
)
def test_help_in_both_languages(capsys, lang, expected):
    with pytest.raises(SystemExit):
        main(["law", "--help", "--lang", lang])
    assert expected in capsys.readouterr().out


def test_a_topic_cited_by_a_rule_but_with_no_document_is_listed(capsys, tmp_path):
    (tmp_path / "misspelt.py").write_text(MISSPELT, encoding="utf-8")
    code, out, _ = cchc(capsys, "--plugins-dir", str(tmp_path), "--lang", "en")
    assert code == 0
    assert "one_stop_shopp  (cited by: ZZ001)\n  (no document in force)" in out
    code, out, _ = cchc(
        capsys, "one_stop_shopp", "--plugins-dir", str(tmp_path), "--format", "json"
    )
    assert code == 0
    assert json.loads(out)["topics"] == [
        {"topic": "one_stop_shopp", "rules": ["ZZ001"], "bases": []}
    ]


def test_every_shipped_topic_is_named_in_both_languages():
    from cchc_rules.messages import core_catalog

    catalog = core_catalog()
    for topic in {t for b in shipped_bases() for t in b.topics}:
        assert catalog.has(f"topic.{topic}", "vi") and catalog.has(f"topic.{topic}", "en"), topic


# `cchc explain SC001` names the points of each group of the QĐ 766 index, as the law data
# holds them.
POINT_WORDS = {
    "vi": {
        "publicity": "công khai, minh bạch",
        "progress": "tiến độ, kết quả giải quyết",
        "digitisation": "số hóa hồ sơ",
        "online_service": "cung cấp dịch vụ trực tuyến",
        "satisfaction": "mức độ hài lòng",
    },
    "en": {
        "publicity": "publicity",
        "progress": "progress and results",
        "digitisation": "digitisation",
        "online_service": "online service",
        "satisfaction": "satisfaction",
    },
}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_explain_sc001_names_the_points_of_each_group(capsys, lang):
    basis = next(b for b in shipped_bases() if b.id == "qd-766-2022")
    code = main(["explain", "SC001", "--isolated", "--lang", lang])
    out = " ".join(capsys.readouterr().out.split())
    assert code == 0
    total = basis.extra["total_points"]
    assert (f"có {total} điểm" if lang == "vi" else f"has {total} points") in out
    for group, points in basis.extra["group_points"].items():
        assert f"{POINT_WORDS[lang][group]} {points}" in out, (group, points)
