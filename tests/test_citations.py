"""Tests for cchc_rules.citations: parsing Vietnamese document numbers."""

from __future__ import annotations

import pickle
import unicodedata

import pytest

from cchc_rules.citations import (
    REASON_CODES,
    DocumentNumber,
    UnparseableNumber,
    parse_number,
    read_number,
    try_parse_number,
)

# (as written, key, canonical, party)
VALID = [
    # the shapes of the spec and the seed report
    ("05/KH-UBND", (5, None, "KH", "UBND"), "05/KH-UBND", False),
    ("59/2019/NĐ-CP", (59, 2019, "NĐ", "CP"), "59/2019/NĐ-CP", False),
    ("766/QĐ-TTg", (766, None, "QĐ", "TTg"), "766/QĐ-TTg", False),
    ("3000/QĐ-UBND", (3000, None, "QĐ", "UBND"), "3000/QĐ-UBND", False),
    ("3025/QĐ-UBND", (3025, None, "QĐ", "UBND"), "3025/QĐ-UBND", False),
    ("03-NQ/TU", (3, None, "NQ", "TU"), "03-NQ/TU", True),
    ("40-KL/TW", (40, None, "KL", "TW"), "40-KL/TW", True),
    ("39-NQ/TW", (39, None, "NQ", "TW"), "39-NQ/TW", True),
    ("08-QĐi/TW", (8, None, "QĐi", "TW"), "08-QĐi/TW", True),
    ("36-HD/VPTW", (36, None, "HD", "VPTW"), "36-HD/VPTW", True),
    ("02/NQ-CP", (2, None, "NQ", "CP"), "02/NQ-CP", False),
    ("76/NQ-CP", (76, None, "NQ", "CP"), "76/NQ-CP", False),
    ("124/NQ-HĐND", (124, None, "NQ", "HĐND"), "124/NQ-HĐND", False),
    ("01/2023/TT-VPCP", (1, 2023, "TT", "VPCP"), "01/2023/TT-VPCP", False),
    ("284/QĐ-UBND", (284, None, "QĐ", "UBND"), "284/QĐ-UBND", False),
    ("09/2019/NĐ-CP", (9, 2019, "NĐ", "CP"), "09/2019/NĐ-CP", False),
    ("107/2021/NĐ-CP", (107, 2021, "NĐ", "CP"), "107/2021/NĐ-CP", False),
    ("15/CT-TTg", (15, None, "CT", "TTg"), "15/CT-TTg", False),
    ("17/2022/QĐ-UBND", (17, 2022, "QĐ", "UBND"), "17/2022/QĐ-UBND", False),
    ("123/BC-UBND", (123, None, "BC", "UBND"), "123/BC-UBND", False),
    ("06/QĐ-TTg", (6, None, "QĐ", "TTg"), "06/QĐ-TTg", False),
    ("12/CTr-UBND", (12, None, "CTr", "UBND"), "12/CTr-UBND", False),
    ("7/ĐA-UBND", (7, None, "ĐA", "UBND"), "7/ĐA-UBND", False),
    ("45/TB-VPCP", (45, None, "TB", "VPCP"), "45/TB-VPCP", False),
    ("3/QC-UBND", (3, None, "QC", "UBND"), "3/QC-UBND", False),
    ("25/2017/TT-BNV", (25, 2017, "TT", "BNV"), "25/2017/TT-BNV", False),
    # công văn: no type code, issuer and drafting unit
    ("1234/UBND-NC", (1234, None, "CV", "UBND"), "1234/UBND-NC", False),
    ("567/UBND-VP", (567, None, "CV", "UBND"), "567/UBND-VP", False),
    ("4321/VPCP-KSTT", (4321, None, "CV", "VPCP"), "4321/VPCP-KSTT", False),
    ("88/CV-UBND", (88, None, "CV", "UBND"), "88/CV-UBND", False),
    # joint documents; laws and resolutions of the National Assembly
    ("01/2015/TTLT-BNV-BTC", (1, 2015, "TTLT", "BNV-BTC"), "01/2015/TTLT-BNV-BTC", False),
    ("77/2015/QH13", (77, 2015, "", "QH13"), "77/2015/QH13", False),
    # variants: diacritics, D for Đ, Ð (U+00D0), đ, case, spaces, dashes, prefixes, punctuation
    ("59/2019/ND-CP", (59, 2019, "NĐ", "CP"), "59/2019/NĐ-CP", False),
    ("59/2019/N\u00d0-CP", (59, 2019, "NĐ", "CP"), "59/2019/NĐ-CP", False),
    ("59/2019/Nđ-CP", (59, 2019, "NĐ", "CP"), "59/2019/NĐ-CP", False),
    ("59/2019/nđ-cp", (59, 2019, "NĐ", "CP"), "59/2019/NĐ-CP", False),
    ("766/QD-TTg", (766, None, "QĐ", "TTg"), "766/QĐ-TTg", False),
    ("766/qd-ttg", (766, None, "QĐ", "TTg"), "766/QĐ-TTg", False),
    ("124/NQ-HDND", (124, None, "NQ", "HĐND"), "124/NQ-HĐND", False),
    ("124/NQ-H\u00d0ND", (124, None, "NQ", "HĐND"), "124/NQ-HĐND", False),
    ("7/DA-UBND", (7, None, "DA", "UBND"), "7/DA-UBND", False),  # Dự án, not Đề án
    ("12/ctr-ubnd", (12, None, "CTr", "UBND"), "12/CTr-UBND", False),
    ("61 / 2018 / NĐ-CP", (61, 2018, "NĐ", "CP"), "61/2018/NĐ-CP", False),
    ("05/ KH - UBND", (5, None, "KH", "UBND"), "05/KH-UBND", False),
    ("03 - NQ / TU", (3, None, "NQ", "TU"), "03-NQ/TU", True),
    ("05/KH\u2010UBND", (5, None, "KH", "UBND"), "05/KH-UBND", False),
    ("05/KH\u2013UBND", (5, None, "KH", "UBND"), "05/KH-UBND", False),
    ("40\u2014KL/TW", (40, None, "KL", "TW"), "40-KL/TW", True),
    ("05/KH\u00a0-\u00a0UBND", (5, None, "KH", "UBND"), "05/KH-UBND", False),
    ("số 05/KH-UBND", (5, None, "KH", "UBND"), "05/KH-UBND", False),
    ("Số: 59/2019/NĐ-CP", (59, 2019, "NĐ", "CP"), "59/2019/NĐ-CP", False),
    ("SỐ 766/QĐ-TTg", (766, None, "QĐ", "TTg"), "766/QĐ-TTg", False),
    ("No. 02/NQ-CP", (2, None, "NQ", "CP"), "02/NQ-CP", False),
    ("No.02/NQ-CP", (2, None, "NQ", "CP"), "02/NQ-CP", False),
    ("59/2019/NĐ-CP.", (59, 2019, "NĐ", "CP"), "59/2019/NĐ-CP", False),
    ("  03-NQ/TU. ", (3, None, "NQ", "TU"), "03-NQ/TU", True),
    ("05/KH-UBND,", (5, None, "KH", "UBND"), "05/KH-UBND", False),
]


@pytest.mark.parametrize(("text", "key", "canonical", "party"), VALID)
def test_parse_valid(text: str, key: tuple[object, ...], canonical: str, party: bool) -> None:
    n = parse_number(text)
    assert n.key() == key
    assert n.canonical() == canonical
    assert str(n) == canonical
    assert n.party is party
    assert n.seq == key[0]
    assert n.year == key[1]
    assert n.doc_type == key[2]
    assert n.issuer == key[3]


@pytest.mark.parametrize(("text", "key", "canonical", "party"), VALID)
def test_canonical_round_trip(
    text: str, key: tuple[object, ...], canonical: str, party: bool
) -> None:
    again = parse_number(canonical)
    assert again.key() == key
    assert again.canonical() == canonical
    assert again.party is party
    assert again.raw == canonical


# (as written, reason contains)
INVALID = [
    ("", "empty"),
    ("   ", "empty"),
    ("KH-UBND", "does not start with a number"),
    ("abc/def", "does not start with a number"),
    ("05/", "nothing after '/'"),
    ("05", "no document type"),
    ("số 05", "no document type"),
    ("Số", "no number"),
    ("06/CP", "no document type"),
    ("05/UBND", "no document type"),
    ("30/5/2022", "no document type"),
    ("05/KH", "no issuer"),
    ("05a/KH-UBND", "letters in the number part"),
    ("5O/KH-UBND", "letters in the number part"),
    ("O5/KH-UBND", "does not start with a number"),
    ("59/2019/2020/NĐ-CP", "two years"),
    ("59/1900/NĐ-CP", "outside 1945-2100"),
    ("59/2101/NĐ-CP", "outside 1945-2100"),
    ("59/19/NĐ-CP", "not four digits"),
    ("59/KH/NĐ-CP", "unexpected segment"),
    ("05//KH-UBND", "empty segment"),
    ("05/KH--UBND", "empty code"),
    ("05/KH-", "empty code"),
    ("0/KH-UBND", "number is zero"),
    ("1234567/KH-UBND", "number too long"),
    ("3.000/QĐ-UBND", "unexpected character"),
    ("05/KH-UBND (kèm theo)", "unexpected space"),
    ("Kế hoạch số 05/KH-UBND", "unexpected space"),
    ("05/KH-UBND ngày 06/01/2022", "unexpected space"),
    ("05/KH-UB*ND", "unexpected character '*'"),
    ("12/XYZ-UBND", "unknown document type 'XYZ'"),
    ("05/2022/UBND-NC", "unknown document type 'UBND'"),
    ("03-XX/TU", "unknown document type 'XX'"),
    ("03-NQ", "party number needs exactly one '/'"),
    ("03-NQ/TU/TW", "party number needs exactly one '/'"),
    ("03-NQ/", "no issuer"),
    ("03-/TU", "no document type"),
    ("03-", "nothing after '-'"),
    ("05/KH-1UBND", "starts with a digit"),
    ("x" * 300, "too long"),
]


@pytest.mark.parametrize(("text", "reason"), INVALID)
def test_parse_invalid(text: str, reason: str) -> None:
    with pytest.raises(UnparseableNumber) as info:
        parse_number(text)
    assert reason in info.value.reason
    assert info.value.raw == unicodedata.normalize("NFC", text).strip()
    assert isinstance(info.value, ValueError)
    assert try_parse_number(text) is None


def test_error_message_and_pickle() -> None:
    with pytest.raises(UnparseableNumber, match=r"'05/': nothing after '/'") as info:
        parse_number("05/")
    again = pickle.loads(pickle.dumps(info.value))
    assert (again.raw, again.reason) == ("05/", "nothing after '/'")


def test_non_string_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        parse_number(None)  # type: ignore[arg-type]


def test_conformance_spellings_of_61_2018_are_one_document() -> None:
    spellings = ["61/2018/NĐ-CP", "61/2018/ND-CP", "61 / 2018 / NĐ-CP"]
    keys = {parse_number(s).key() for s in spellings}
    assert keys == {(61, 2018, "NĐ", "CP")}
    assert {parse_number(s).canonical() for s in spellings} == {"61/2018/NĐ-CP"}


@pytest.mark.parametrize(
    "variants",
    [
        [
            "59/2019/NĐ-CP",
            "59/2019/ND-CP",
            "59/2019/N\u00d0-CP",
            "59/2019/nđ-cp",
            "Số 59/2019/NĐ-CP.",
        ],
        ["766/QĐ-TTg", "766/QD-TTG", "766 / QĐ – TTg", "No. 766/qđ-ttg"],
        ["124/NQ-HĐND", "124/NQ-HDND", "124/nq-hđnd", "124/NQ-H\u00d0ND"],
        ["05/KH-UBND", "5/KH-UBND", "05/ KH - UBND", "số 05/kh-ubnd"],
        ["03-NQ/TU", "3-NQ/TU", "03 - NQ / TU", "03\u2013NQ/TU"],
    ],
)
def test_variant_spellings_share_a_key(variants: list[str]) -> None:
    keys = {parse_number(v).key() for v in variants}
    assert len(keys) == 1


def test_different_documents_differ() -> None:
    assert parse_number("02/NQ-CP").key() != parse_number("02/NQ-HĐND").key()
    assert parse_number("05/KH-UBND").key() != parse_number("05/QĐ-UBND").key()
    assert parse_number("59/2019/NĐ-CP").key() != parse_number("59/2020/NĐ-CP").key()
    assert parse_number("02/NQ-CP").key() != parse_number("2/2022/NQ-CP").key()


def test_nfd_input_is_normalised() -> None:
    text = unicodedata.normalize("NFD", "Số 124/NQ-HĐND")
    assert text != unicodedata.normalize("NFC", text)
    n = parse_number(text)
    assert n.raw == "Số 124/NQ-HĐND"
    assert n.key() == (124, None, "NQ", "HĐND")


def test_number_keeps_written_digits() -> None:
    n = parse_number("05/KH-UBND")
    assert (n.number, n.seq) == ("05", 5)
    assert parse_number("005/KH-UBND").number == "005"
    assert parse_number("005/KH-UBND").key() == n.key()


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("59/2019/NĐ-CP", 2019),
        ("61 / 2018 / NĐ-CP", 2018),
        ("01/2023/TT-VPCP", 2023),
        ("17/2022/QĐ-UBND", 2022),
        ("05/KH-UBND", None),
        ("03-NQ/TU", None),
    ],
)
def test_year_extraction(text: str, year: int | None) -> None:
    assert parse_number(text).year == year


def test_year_bounds_are_inclusive() -> None:
    assert parse_number("01/1945/NĐ-CP").year == 1945
    assert parse_number("01/2100/NĐ-CP").year == 2100


def test_cong_van_representation() -> None:
    n = parse_number("1234/UBND-NC")
    assert n == DocumentNumber(
        raw="1234/UBND-NC",
        number="1234",
        seq=1234,
        year=None,
        doc_type="CV",
        issuer="UBND",
        party=False,
        drafter="NC",
    )
    # the drafting unit is not part of the identity: one register per issuer
    assert parse_number("1234/UBND-VX").key() == n.key()
    assert parse_number("1234/CV-UBND").key() == n.key()


def test_drafter_after_type_is_kept() -> None:
    n = parse_number("15/BC-UBND-VP")
    assert (n.doc_type, n.issuer, n.drafter) == ("BC", "UBND", "VP")
    assert n.canonical() == "15/BC-UBND-VP"
    p = parse_number("123-CV/TU-BTG")
    assert (p.doc_type, p.issuer, p.drafter, p.party) == ("CV", "TU", "BTG", True)


def test_party_and_state_spellings_share_a_key() -> None:
    # "03/NQ-TU" is a state-style miswriting of the party number "03-NQ/TU"
    assert parse_number("03/NQ-TU").key() == parse_number("03-NQ/TU").key()
    assert parse_number("03/NQ-TU").party is False


def test_d_ambiguity_is_resolved_by_the_writer() -> None:
    # ASCII-only: read as written, HD is Hướng dẫn, DA is Dự án (two types of their own)
    assert parse_number("12/HD-UBND").doc_type == "HD"
    assert parse_number("12/DA-UBND").doc_type == "DA"
    # written with Đ: taken literally
    assert parse_number("12/HĐ-UBND").doc_type == "HĐ"
    assert parse_number("12/DA-HĐND").doc_type == "DA"
    assert parse_number("12/ĐA-HĐND").doc_type == "ĐA"
    # a code with no twin is canonicalised whatever the rest of the number
    assert parse_number("12/QD-HĐND").doc_type == "QĐ"


def test_unknown_issuer_is_kept_upper_case() -> None:
    n = parse_number("45/QĐ-ubkt")
    assert n.issuer == "UBKT"
    assert n.canonical() == "45/QĐ-UBKT"


def test_legislature_numbers_have_no_type() -> None:
    n = parse_number("80/2015/qh13")
    assert n.key() == (80, 2015, "", "QH13")
    assert parse_number("01/2023/UBTVQH15").issuer == "UBTVQH15"
    with pytest.raises(UnparseableNumber, match="no document type"):
        parse_number("80/QH13")


def test_value_is_frozen_and_hashable() -> None:
    n = parse_number("05/KH-UBND")
    with pytest.raises(AttributeError):
        n.seq = 6  # type: ignore[misc]
    assert {n, parse_number("05/KH-UBND")} == {n}


@pytest.mark.parametrize(
    "text",
    ["05" + " " * 190 + "x", "5" + "/ " * 95, "5" + "-" * 190, "5/" + "K-" * 95, "\t" * 199],
)
def test_pathological_input_is_rejected(text: str) -> None:
    assert len(text) < 200
    assert try_parse_number(text) is None
    assert try_parse_number(text * 100) is None  # over the length cap


# More shapes seen in real reform reports and legal texts.
MORE_VALID = [
    ("30/2020/NĐ-CP", (30, 2020, "NĐ", "CP")),
    ("16/2023/NĐ-CP", (16, 2023, "NĐ", "CP")),
    ("02/2021/TT-BNV", (2, 2021, "TT", "BNV")),
    ("24/2014/TT-BTP", (24, 2014, "TT", "BTP")),
    ("1291/QĐ-BTTTT", (1291, None, "QĐ", "BTTTT")),
    ("04/CT-TTg", (4, None, "CT", "TTg")),
    ("221/KH-UBND", (221, None, "KH", "UBND")),
    ("46/TTr-UBND", (46, None, "TTr", "UBND")),
    ("123/BC-SNV", (123, None, "BC", "SNV")),
    ("35-CT/TW", (35, None, "CT", "TW")),
    ("01-CTr/TU", (1, None, "CTr", "TU")),
    ("12-KH/HU", (12, None, "KH", "HU")),
    ("09-NQ/QU", (9, None, "NQ", "QU")),
    ("18-NQ/TW", (18, None, "NQ", "TW")),
    ("05/2022/QĐ-UBND", (5, 2022, "QĐ", "UBND")),
    ("26/2023/QH15", (26, 2023, "", "QH15")),
    ("59/2014/QH13", (59, 2014, "", "QH13")),
    ("468/QĐ-TTg", (468, None, "QĐ", "TTg")),
    ("2345/VPCP-KSTT", (2345, None, "CV", "VPCP")),
    ("Số: 215/BC-UBND", (215, None, "BC", "UBND")),
]


@pytest.mark.parametrize(("text", "key"), MORE_VALID)
def test_more_real_shapes(text: str, key: tuple[object, ...]) -> None:
    assert parse_number(text).key() == key


# (as written, reason code) — malformed shapes seen in transcriptions
CODES = [
    ("", "empty"),
    ("số", "empty"),
    ("x" * 201, "too_long"),
    ("Nghị định số 59/2019/NĐ-CP", "text_around"),
    ("05/KH-UBND ngày 06/01/2022", "text_around"),
    ("KH 05/UBND", "text_around"),
    ("KH-UBND", "no_number"),
    ("Đề án 06/CP", "text_around"),
    ("05a/KH-UBND", "bad_number"),
    ("0/KH-UBND", "bad_number"),
    ("1234567/KH-UBND", "bad_number"),
    ("3.000/QĐ-UBND", "bad_character"),
    ("05\\KH-UBND", "bad_character"),
    ("05/KH-1UBND", "bad_character"),
    ("05//KH-UBND", "malformed"),
    ("05/KH--UBND", "malformed"),
    ("05-KH-UBND", "malformed"),
    ("05/KH/NĐ-CP", "malformed"),
    ("05/", "malformed"),
    ("59/19/NĐ-CP", "bad_year"),
    ("59/2019/2020/NĐ-CP", "bad_year"),
    ("59/1900/NĐ-CP", "bad_year"),
    ("06/CP", "no_type"),
    ("80/QH13", "no_type"),
    ("12/XYZ-UBND", "unknown_type"),
    ("03-XX/TU", "unknown_type"),
    ("05/KH", "no_issuer"),
    ("03-NQ/", "no_issuer"),
]


@pytest.mark.parametrize(("text", "code"), CODES)
def test_unparseable_numbers_carry_a_reason_code(text: str, code: str) -> None:
    with pytest.raises(UnparseableNumber) as info:
        parse_number(text)
    assert info.value.code == code
    assert code in REASON_CODES


def test_reason_code_survives_pickling() -> None:
    with pytest.raises(UnparseableNumber) as info:
        parse_number("12/XYZ-UBND")
    again = pickle.loads(pickle.dumps(info.value))
    assert (again.raw, again.code) == ("12/XYZ-UBND", "unknown_type")


@pytest.mark.parametrize(
    ("text", "national"),
    [
        ("59/2019/NĐ-CP", True),
        ("766/QĐ-TTg", True),
        ("01/2023/TT-VPCP", True),
        ("1291/QĐ-BTTTT", True),
        ("40-KL/TW", True),
        ("77/2015/QH13", True),
        ("01/2015/TTLT-BNV-BTC", True),
        ("05/KH-UBND", False),
        ("124/NQ-HĐND", False),
        ("03-NQ/TU", False),
        ("123/BC-SNV", False),
        ("01/2015/TTLT-BNV-UBND", False),
        ("1234/UBND-NC", False),
    ],
)
def test_national_issuers(text: str, national: bool) -> None:
    assert parse_number(text).national is national


def test_read_number_returns_the_error_and_caches() -> None:
    ok = read_number("05/KH-UBND")
    assert isinstance(ok, DocumentNumber) and ok.key() == (5, None, "KH", "UBND")
    assert read_number("05/KH-UBND") is ok
    bad = read_number("05/KH")
    assert isinstance(bad, UnparseableNumber) and bad.code == "no_issuer"
    assert read_number("05/KH") is bad
