"""The extractor's messages, in Vietnamese (default) and English."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from ..messages import Catalog

__all__ = ["render"]

VI: dict[str, str] = {
    "extract.unsupported": "không trích xuất được tệp {suffix}; cần .docx, .pdf, .md hoặc .txt",
    "extract.not_found": "không tìm thấy tệp",
    "extract.not_a_file": "không phải tệp thường (là thư mục, FIFO hay thiết bị); không đọc",
    "extract.too_large": "tệp quá lớn ({size} MB, tối đa {limit} MB: max_input_mb); không đọc",
    "extract.not_utf8": "tệp văn bản không phải UTF-8",
    "extract.unreadable": "không đọc được tệp: {detail}",
    "extract.corrupt": "tệp {kind} bị hỏng hoặc không đúng định dạng",
    "extract.encrypted": "tệp được bảo vệ bằng mật khẩu; hãy gửi bản không đặt mật khẩu",
    "extract.encrypted_or_doc": "tệp Word được bảo vệ bằng mật khẩu hoặc là tệp .doc cũ đổi tên; "
    "hãy gửi bản .docx không đặt mật khẩu (trong Word: Lưu thành… Word Document)",
    "extract.image_only": "tệp PDF ({pages} trang) không có lớp chữ (bản quét thành ảnh); hãy "
    "gửi bản Word hoặc PDF xuất từ Word, hoặc nhận dạng chữ (OCR) trước",
    "extract.no_text": "tệp không có nội dung chữ",
    "extract.no_figures": "không tìm thấy số liệu CCHC nào trong báo cáo",
    "extract.library_missing": "thiếu thư viện {library}; hãy cài lại cchc-rules",
    "extract.patterns": "mẫu cụm từ không hợp lệ: {detail}",
    # reasons a value is left uncertain
    "extract.conflict": "báo cáo nêu giá trị khác cho cùng số liệu: {others}",
    "extract.qualified": "số liệu có từ hạn định “{words}”; trường này chỉ nhận số chính xác",
    "extract.no_level": "không rõ số liệu thuộc cấp nào",
    "extract.unknown_level": "số liệu của {level}, nhưng không rõ cấp của đơn vị báo cáo",
    "extract.role_unclear": "báo cáo không cho biết đơn vị có ban hành văn bản này không",
    "extract.no_category": "không rõ khối biên chế “{label}” thuộc loại nào",
    "extract.unknown_row": "hàng “{label}” là một đơn vị mà bản nháp không có",
    "extract.incomplete": "thiếu {missing} nên mục này chưa dùng được",
    "extract.no_block": "không có khối biên chế nào để áp dụng",
    "extract.unreadable_number": "không đọc được số {got}",
    "extract.not_integer": "số lượng phải là số nguyên, báo cáo ghi {got}",
    "data.ambiguous_number": "số {got} không rõ nghĩa: {thousands} hay {decimal}",
    "data.expected_number": "không đọc được số {got}",
    "extract.no_period": "không tìm thấy kỳ báo cáo (vd. “6 tháng đầu năm 2022”); hãy ghi period",
    "extract.no_unit": "không tìm thấy tên đơn vị báo cáo; hãy ghi id và name",
    # draft and summary
    "extract.draft_header": "Bản nháp do `cchc extract` trích từ {file}. Mỗi số liệu có chú thích "
    "trích câu gốc và vị trí; số liệu chưa chắc chắn để dạng chú thích kèm lý do. Hãy đối chiếu "
    "với báo cáo trước khi dùng.",
    "extract.uncertain": "CHƯA CHẮC",
    "extract.summary": "{file}: đã lấy {taken} số liệu, {uncertain} chưa chắc chắn (để dạng chú "
    "thích), {refs} văn bản được nêu",
    "extract.empty_sections": "không tìm thấy gì cho: {sections}",
    "extract.written": "đã ghi bản nháp vào {path}",
    "extract.source": "trích tự động từ {file} bằng cchc extract (chưa rà soát)",
    "extract.check_note": "số liệu được trích tự động từ {file} ({taken} số liệu, {uncertain} "
    "chưa chắc chắn bị bỏ qua); xem câu gốc của từng số liệu trong báo cáo json (phần "
    "“extraction”), html, md hoặc xlsx",
}

EN: dict[str, str] = {
    "extract.unsupported": "cannot extract a {suffix} file; use .docx, .pdf, .md or .txt",
    "extract.not_found": "file not found",
    "extract.not_a_file": "not a regular file (a folder, FIFO or device); not read",
    "extract.too_large": "the file is too large ({size} MB, at most {limit} MB: max_input_mb); "
    "not read",
    "extract.not_utf8": "the text file is not UTF-8",
    "extract.unreadable": "cannot read the file: {detail}",
    "extract.corrupt": "the {kind} file is damaged or not of its format",
    "extract.encrypted": "the file is password-protected; send a copy without a password",
    "extract.encrypted_or_doc": "the Word file is password-protected, or an old .doc renamed; "
    "send a .docx without a password (in Word: Save As… Word Document)",
    "extract.image_only": "the PDF ({pages} {pages:plural|one=page|other=pages}) has no text "
    "layer (a scanned image); send the "
    "Word file or a PDF exported from Word, or run OCR first",
    "extract.no_text": "the file holds no text",
    "extract.no_figures": "no CCHC figure found in the report",
    "extract.library_missing": "the {library} library is missing; reinstall cchc-rules",
    "extract.patterns": "invalid phrase patterns: {detail}",
    "extract.conflict": "the report gives another value for the same figure: {others}",
    "extract.qualified": "the figure is qualified (“{words}”); this field takes exact numbers only",
    "extract.no_level": "the level the figure counts is not said",
    "extract.unknown_level": "a figure of {level}, but the reporting unit's level is unknown",
    "extract.role_unclear": "the report does not say whether the unit issued this document",
    "extract.no_category": "the kind of staffing block “{label}” is not clear",
    "extract.unknown_row": "row “{label}” is a unit the draft does not hold",
    "extract.incomplete": "{missing} missing, so the entry cannot be used yet",
    "extract.no_block": "no staffing block to apply it to",
    "extract.unreadable_number": "cannot read the number {got}",
    "extract.not_integer": "a count must be whole; the report writes {got}",
    "data.ambiguous_number": "the number {got} is ambiguous: {thousands} or {decimal}",
    "data.expected_number": "cannot read the number {got}",
    "extract.no_period": "no reporting period found (e.g. “6 tháng đầu năm 2022”); write period",
    "extract.no_unit": "the reporting unit's name was not found; write id and name",
    "extract.draft_header": "Draft extracted by `cchc extract` from {file}. Every value has a "
    "comment quoting its sentence and place; uncertain values are commented out with the reason. "
    "Check it against the report before use.",
    "extract.uncertain": "UNCERTAIN",
    "extract.summary": "{file}: {taken} {taken:plural|one=figure|other=figures} taken, "
    "{uncertain} left uncertain (commented out), "
    "{refs} {refs:plural|one=document|other=documents} cited",
    "extract.empty_sections": "nothing found for: {sections}",
    "extract.written": "draft written to {path}",
    "extract.source": "extracted automatically from {file} by cchc extract (not reviewed)",
    "extract.check_note": "figures extracted automatically from {file} "
    "({taken} {taken:plural|one=figure|other=figures}; "
    "{uncertain} {uncertain:plural|one=uncertain one|other=uncertain ones} left out); "
    "each figure's quote is in the json (its “extraction” part), html, md or xlsx report",
}


@lru_cache(maxsize=1)
def _catalog() -> Catalog:
    catalog = Catalog()
    catalog.add("vi", VI)
    catalog.add("en", EN)
    return catalog


def render(message: str, params: Mapping[str, Any] | None, lang: str) -> str:
    """``message`` in ``lang`` (``vi`` or ``en``)."""
    return _catalog().render(message, params, lang)
