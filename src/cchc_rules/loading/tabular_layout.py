"""The tabular form of ``cchc/1``: which sheets and columns exist, derived from the model.

One sheet (or CSV file) per section plus ``dataset`` (key / value rows) and ``units``. Columns are
the fields of the section's model class, read from their metadata, so a field added to the model
appears here without further work. Nested values flatten: a ``period`` field ``p`` becomes
``p_start`` and ``p_end``; the dataset's ``report`` becomes ``report_number`` and ``report_date``.
Headers are matched by field name or Vietnamese label, ignoring accents, case and punctuation.
"""

from __future__ import annotations

import re
import typing
from collections.abc import Mapping

import attrs

from ..model import ROUNDINGS, SECTIONS, Dataset, Unit
from ..vnparse import fold as vn_fold
from ..vnparse import nfc

__all__ = [
    "CHOICE_WORDS",
    "DATASET",
    "NOTES_SHEET",
    "UNITS",
    "UNIT_COLUMN",
    "Column",
    "Sheet",
    "fold",
    "header_table",
    "match_header",
    "sheet_named",
    "sheets",
]

DATASET = "dataset"
UNITS = "units"
UNIT_COLUMN = "unit"
NOTES_SHEET = "ghi_chu"

#: Vietnamese header of every field, per sheet ("*" for fields whose label is the same everywhere).
#: A field without one is headed by its name (and still read).
LABELS: Mapping[str, Mapping[str, str]] = {
    "*": {
        UNIT_COLUMN: "Mã đơn vị",
        "period_start": "Số liệu tính từ ngày",
        "period_end": "Số liệu tính đến ngày",
    },
    DATASET: {
        "title": "Tên báo cáo",
        "reported_by": "Mã đơn vị báo cáo",
        "period_start": "Kỳ báo cáo từ ngày",
        "period_end": "Kỳ báo cáo đến ngày",
        "report_number": "Số hiệu báo cáo",
        "report_date": "Ngày báo cáo",
        "source": "Nguồn số liệu",
    },
    UNITS: {
        "id": "Mã đơn vị",
        "name": "Tên đơn vị",
        "kind": "Loại đơn vị",
        "parent": "Mã đơn vị cấp trên",
        "aggregates_children": "Số liệu là tổng của các đơn vị trực thuộc",
        "valid_to": "Hoạt động đến ngày",
        "successors": "Mã các đơn vị kế thừa",
    },
    "plan": {
        "tasks_total": "Tổng số nhiệm vụ trong kế hoạch",
        "tasks_done": "Số nhiệm vụ đã hoàn thành",
    },
    "procedures": {
        "name": "Tên thủ tục hành chính",
        "code": "Mã thủ tục",
        "field": "Lĩnh vực",
        "regulated_days": "Thời hạn giải quyết theo quy định (ngày)",
        "day_type": "Loại ngày (làm việc / lịch)",
        "committed_days": "Thời hạn đã công bố, cam kết (ngày)",
        "actual_days": "Thời gian giải quyết thực tế (ngày)",
        "actual_days_max": "Thời gian giải quyết thực tế dài nhất (ngày)",
        "claimed_reduction_days": "Số ngày cắt giảm báo cáo nêu",
        "claimed_reduction_percent": "Tỷ lệ cắt giảm báo cáo nêu (%)",
    },
    "dossiers": {
        "received": "Số hồ sơ tiếp nhận mới trong kỳ",
        "received_total": "Tổng số hồ sơ phải giải quyết",
        "carried_over": "Số hồ sơ kỳ trước chuyển sang",
        "received_online": "Số hồ sơ tiếp nhận trực tuyến",
        "online_level3": "Hồ sơ trực tuyến mức độ 3",
        "online_level4": "Hồ sơ trực tuyến mức độ 4",
        "online_partial": "Hồ sơ trực tuyến một phần",
        "online_full": "Hồ sơ trực tuyến toàn trình",
        "received_postal": "Hồ sơ tiếp nhận qua bưu chính công ích",
        "received_direct": "Hồ sơ tiếp nhận trực tiếp",
        "received_direct_postal": "Hồ sơ tiếp nhận trực tiếp và qua bưu chính",
        "received_online_eligible": "Hồ sơ của thủ tục có dịch vụ công trực tuyến",
        "resolved_early": "Hồ sơ giải quyết trước hạn",
        "resolved_on_time": "Hồ sơ giải quyết đúng hạn",
        "resolved_late": "Hồ sơ giải quyết quá hạn",
        "pending_in_time": "Hồ sơ đang giải quyết trong hạn",
        "pending_overdue": "Hồ sơ đang giải quyết quá hạn",
        "overdue_total": "Tổng số hồ sơ quá hạn",
        "due": "Số hồ sơ đến hạn trong kỳ",
        "resolved": "Tổng số hồ sơ đã giải quyết",
        "pending": "Tổng số hồ sơ đang giải quyết",
        "returned": "Hồ sơ trả lại, yêu cầu bổ sung",
        "withdrawn": "Hồ sơ rút",
        "returned_or_withdrawn": "Hồ sơ trả lại hoặc rút",
        "digitised": "Hồ sơ được số hóa",
        "digitised_results": "Kết quả giải quyết được số hóa",
        "payable": "Hồ sơ phải nộp phí, lệ phí",
        "paid_online": "Hồ sơ thanh toán trực tuyến",
        "stated_on_time_percent": "Tỷ lệ đúng hạn báo cáo nêu (%)",
        "stated_online_percent": "Tỷ lệ trực tuyến báo cáo nêu (%)",
        "stated_pending_percent": "Tỷ lệ đang giải quyết báo cáo nêu (%)",
        "stated_digitised_percent": "Tỷ lệ số hóa hồ sơ báo cáo nêu (%)",
        "stated_digitised_results_percent": "Tỷ lệ số hóa kết quả báo cáo nêu (%)",
        "stated_paid_online_percent": "Tỷ lệ thanh toán trực tuyến báo cáo nêu (%)",
        "apology_slips": "Số phiếu xin lỗi, hẹn lại ngày trả kết quả",
        "complaints": "Số phản ánh, kiến nghị",
        "complaints_handled": "Số phản ánh, kiến nghị đã xử lý",
    },
    "dossier_windows": {"label": "Tên kỳ số liệu"},
    "staffing": {
        "category": "Loại biên chế",
        "label": "Khối, đơn vị",
        "quota": "Biên chế được giao",
        "used": "Biên chế có mặt",
        "contract_outside_quota": "Hợp đồng ngoài chỉ tiêu biên chế",
        "contract_support_service": "Trong đó: hợp đồng hỗ trợ, phục vụ",
        "baseline_quota": "Biên chế năm gốc",
        "baseline_year": "Năm gốc tinh giản",
        "professional_share_percent": "Tỷ lệ vị trí việc làm chuyên môn (%)",
    },
    "spending": {
        "units_total": "Tổng số đơn vị",
        "units_with_regulation": "Số đơn vị có quy chế chi tiêu nội bộ",
        "units_published": "Số đơn vị đã công khai quy chế",
        "violations": "Số trường hợp vi phạm",
    },
    "digital_id": {
        "population": "Dân số",
        "id_notified": "Số người đã được thông báo số định danh",
        "id_not_notified": "Số người chưa được thông báo số định danh",
        "stated_notified_percent": "Tỷ lệ đã thông báo báo cáo nêu (%)",
        "eid_accounts": "Số tài khoản định danh điện tử",
        "eid_level1": "Tài khoản định danh điện tử mức 1",
        "eid_level2": "Tài khoản định danh điện tử mức 2",
        "eid_eligible_population": "Số người đủ điều kiện cấp tài khoản",
    },
    "documents": {
        "issued": "Số văn bản ban hành",
        "restricted": "Số văn bản hạn chế tiếp cận",
        "accessible": "Số văn bản được tiếp cận",
        "period_start": "Thống kê từ ngày",
        "period_end": "Thống kê đến ngày",
    },
    "egov": {
        "signature_units_total": "Số đơn vị cần trang bị chữ ký số",
        "signature_units_deployed": "Số đơn vị đã triển khai chữ ký số",
        "signing_devices": "Số thiết bị chữ ký số",
    },
    "catalogue": {
        "level": "Cấp",
        "procedures_total": "Tổng số thủ tục hành chính",
        "fields_total": "Số lĩnh vực",
        "online_full_eligible": "Số thủ tục đủ điều kiện trực tuyến toàn trình",
        "no_dossier_3y": "Số thủ tục không phát sinh hồ sơ trong 3 năm",
    },
    "references": {
        "number": "Số, ký hiệu văn bản",
        "date": "Ngày ban hành",
        "title": "Trích yếu",
        "issuer": "Cơ quan ban hành",
        "role": "Vai trò (ban hành / dẫn chiếu)",
        "where": "Vị trí trong báo cáo",
    },
}

#: Vietnamese name of each sheet (accepted as the sheet's name beside the English one).
SHEET_LABELS: Mapping[str, str] = {
    DATASET: "Thông tin chung",
    UNITS: "Đơn vị",
    "plan": "Kế hoạch",
    "procedures": "Thủ tục hành chính",
    "dossiers": "Hồ sơ",
    "dossier_windows": "Hồ sơ theo kỳ",
    "staffing": "Biên chế",
    "spending": "Chi tiêu nội bộ",
    "digital_id": "Định danh",
    "documents": "Văn bản",
    "egov": "Chính quyền điện tử",
    "catalogue": "Danh mục thủ tục",
    "references": "Văn bản dẫn chiếu",
}

#: Vietnamese words accepted for choice values (folded), beside the values themselves
#: ("Công chức" already folds to the value cong_chuc).
CHOICE_WORDS: Mapping[str, str] = {
    "ngay lam viec": "working",
    "lam viec": "working",
    "ngay lich": "calendar",
    "lich": "calendar",
    "ban hanh": "issued",
    "dan chieu": "cited",
    "trich dan": "cited",
    "khac": "other",
    "lam tron": "round",
    "cat bot": "truncate",
}

_SKIP_DATASET = ("schema", "units", "sources", "issues", "by_id", "children")
#: Labels of the parts of a flattened value, after the label of the value itself.
_PART_LABELS = {
    "start": "từ ngày",
    "end": "đến ngày",
    "base": "cơ sở tính",
    "rounding": "cách làm tròn",
    "number": "số",
    "date": "ngày",
}
#: Labels used where the model's section shares another's fields.
_LABEL_FALLBACK = {"dossier_windows": "dossiers"}


@attrs.frozen
class Column:
    """One column: where its value goes in the tree (``path``, e.g. ``("period", "start")``)."""

    name: str
    path: tuple[str, ...]
    kind: str  # the model's data kind; "key" for the ``unit`` column
    required: bool = False
    choices: tuple[str, ...] = ()

    @property
    def is_figure(self) -> bool:
        return self.kind in ("count", "days", "percent", "stated")


@attrs.frozen
class Sheet:
    """One sheet: its name, whether a unit may have several rows, and its columns in order."""

    name: str
    many: bool
    columns: tuple[Column, ...]
    keyed: bool  # True when the first column is ``unit`` (every sheet but dataset and units)
    doc: str = ""  # what the sheet holds (the model's docstring, in English)

    def label(self, column: Column) -> str:
        """The Vietnamese header of ``column`` (its name when it has none)."""
        found = self._label(column.name)
        if found is None and len(column.path) == 2:
            parent = self._label(column.path[0])
            if parent is not None:
                found = f"{parent}: {_PART_LABELS.get(column.path[1], column.path[1])}"
        return found or column.name

    def _label(self, name: str) -> str | None:
        for table in (self.name, _LABEL_FALLBACK.get(self.name, ""), "*"):
            found = LABELS.get(table, {}).get(name)
            if found:
                return found
        return None

    @property
    def title(self) -> str:
        return SHEET_LABELS.get(self.name, self.name)


def fold(text: str) -> str:
    """``text`` without accents, case and punctuation: how headers and sheet names are compared."""
    return " ".join(re.sub(r"[^0-9a-z%]+", " ", vn_fold(nfc(text))).split())


def _columns(cls: type, prefix: tuple[str, ...] = (), *, nested: bool = False) -> list[Column]:
    """The columns of ``cls``'s fields; with ``nested``, attrs-class fields flatten into theirs."""
    out: list[Column] = []
    hints = typing.get_type_hints(cls) if nested else {}
    for a in attrs.fields(cls):
        kind = a.metadata.get("cchc")
        path = (*prefix, a.name)
        name = "_".join(path)
        required = bool(a.metadata.get("required"))
        if kind == "period":
            out.append(Column(f"{name}_start", (*path, "start"), "date", required))
            out.append(Column(f"{name}_end", (*path, "end"), "date", required))
        elif kind == "stated":
            out.append(Column(name, path, kind, required))
            out.append(
                Column(f"{name}_base", (*path, "base"), "choice", False, a.metadata["choices"])
            )
            out.append(Column(f"{name}_rounding", (*path, "rounding"), "choice", False, ROUNDINGS))
        elif kind is not None:
            out.append(Column(name, path, kind, required, a.metadata["choices"]))
        elif nested and a.name not in _SKIP_DATASET:
            inner = _optional_attrs_class(hints.get(a.name))
            if inner is not None:
                out.extend(_columns(inner, path))
    return out


def _optional_attrs_class(hint: object) -> type | None:
    """The attrs class in ``X | None`` (or ``X``), else None."""
    for t in (hint, *typing.get_args(hint)):
        if isinstance(t, type) and attrs.has(t):
            return t
    return None


def _build() -> dict[str, Sheet]:
    out = {
        DATASET: Sheet(
            DATASET,
            False,
            tuple(_columns(Dataset, nested=True)),
            keyed=False,
            doc="The report: its title, reporting unit, period, own number and date.",
        ),
        UNITS: Sheet(
            UNITS,
            True,
            tuple(_columns(Unit)),
            keyed=False,
            doc="One row per reporting unit: its id, name, kind and place among the units.",
        ),
    }
    unit_col = Column(UNIT_COLUMN, (), "key", required=True)
    for name, spec in SECTIONS.items():
        columns = (unit_col, *_columns(spec.cls))
        out[name] = Sheet(name, spec.many, columns, keyed=True, doc=_doc(spec.cls))
    return out


def _doc(cls: type) -> str:
    """The first sentence of a model class's docstring."""
    text = " ".join((cls.__doc__ or "").split("\n\n")[0].replace("``", "").split())
    return text.split(". ")[0].rstrip(".") + "." if text else ""


_SHEETS = _build()
_SHEET_NAMES = {fold(k): k for k in _SHEETS} | {fold(v): k for k, v in SHEET_LABELS.items()}


def sheets() -> dict[str, Sheet]:
    """Every sheet of the form, in order: dataset, units, then the sections."""
    return dict(_SHEETS)


def sheet_named(name: str) -> Sheet | None:
    """The sheet a workbook sheet (or CSV file stem) called ``name`` stands for."""
    key = _SHEET_NAMES.get(fold(name))
    return _SHEETS[key] if key else None


def header_table(sheet: Sheet) -> dict[str, Column]:
    """Folded header text → column: the field name and the Vietnamese label of every column.

    A header written "Label (field_name)" also matches (see :func:`match_header`).
    """
    out: dict[str, Column] = {}
    for col in sheet.columns:
        out.setdefault(fold(sheet.label(col)), col)
    for col in sheet.columns:  # field names win over labels
        out[fold(col.name)] = col
    if sheet.name == UNITS:
        out.setdefault(fold(UNIT_COLUMN), sheet.columns[0])  # `unit` names the id there too
    return out


_TRAILING_NAME = re.compile(r"\(\s*([A-Za-z0-9_]+)\s*\)\s*$")


def match_header(text: str, table: Mapping[str, Column]) -> Column | None:
    """The column a header cell names, or None."""
    col = table.get(fold(text))
    if col is None:
        m = _TRAILING_NAME.search(text)
        if m:
            col = table.get(fold(m.group(1)))
    return col
