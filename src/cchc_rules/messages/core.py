"""The core's own messages (data errors, skip reasons, report labels), as a built-in plugin."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from ..hookspecs import hookimpl

VI: dict[str, str] = {
    # data errors and warnings
    "data.file_not_found": "không tìm thấy tệp",
    "data.file_unreadable": "không đọc được tệp: {detail}",
    "data.unsupported_format": "định dạng tệp không hỗ trợ ({suffix}); cần .toml, .json, .xlsx "
    "hoặc một thư mục tệp .csv",
    "data.empty": 'tệp rỗng; cần ít nhất schema = "cchc/1" và bảng [dataset]',
    "data.not_utf8": "tệp không phải UTF-8",
    "data.syntax": "lỗi cú pháp: {detail}",
    "data.syntax_value": "giá trị không đọc được ({detail}): {got}",
    "data.truncated": "tệp bị cắt cụt ({detail}); dòng cuối chưa hoàn chỉnh bị bỏ qua, phần "
    "trước đó vẫn được đọc",
    "data.not_a_file": "không phải tệp thường (là thư mục, FIFO hay thiết bị); không đọc",
    "data.too_large": "tệp quá lớn ({size} MB, tối đa {limit} MB: max_input_mb); không đọc",
    "data.too_deep": "bảng và mảng lồng nhau quá sâu (tối đa {limit} cấp: max_depth); "
    "giá trị này bị bỏ qua",
    "data.too_deep_more": "{count} giá trị khác cũng lồng quá sâu (tối đa {limit} cấp: "
    "max_depth) và bị bỏ qua",
    "data.not_utf8_at": "có byte không phải UTF-8 (thay bằng U+FFFD)",
    "data.lone_surrogate": "ký tự không hợp lệ {got} (nửa cặp thay thế UTF-16); thay bằng U+FFFD",
    "data.duplicate_key": "khóa “{key}” xuất hiện hai lần trong cùng một bảng; giữ giá trị cuối",
    "data.toml_line_dropped": "dòng bị bỏ qua: {detail} (khóa đã có giá trị)",
    "data.toml_table_dropped": "bảng bị bỏ qua cùng các khóa của nó: {detail}",
    "data.toml_rest_dropped": "lỗi cú pháp: {detail}; phần còn lại của tệp từ dòng này không được "
    "đọc, phần trước đó vẫn được đọc",
    "data.too_big_number": "số quá lớn ({got}); tối đa {limit}",
    "data.expected_table": "cần một bảng (table), nhận được {got}",
    "data.expected_list": "cần một danh sách bảng ([[…]]), nhận được {got}",
    "data.expected_count": "cần một số nguyên không âm, nhận được {got}",
    "data.expected_days": "cần một số ngày không âm, nhận được {got}",
    "data.expected_percent": "cần một tỷ lệ phần trăm (0–100), nhận được {got}",
    "data.expected_text": "cần một chuỗi văn bản, nhận được {got}",
    "data.expected_choice": "giá trị {got} không hợp lệ; cần một trong: {allowed}",
    "data.expected_date": "cần một ngày dạng YYYY-MM-DD, nhận được {got}",
    "data.expected_bool": "cần true hoặc false, nhận được {got}",
    "data.expected_ids": "cần danh sách mã đơn vị (chuỗi), nhận được {got}",
    "data.expected_period": "cần {{ start = YYYY-MM-DD, end = YYYY-MM-DD }}, nhận được {got}",
    "data.invalid_date": "ngày không tồn tại: {got}",
    "data.period_order": "ngày kết thúc {end} trước ngày bắt đầu {start}",
    "data.negative": "số liệu không được âm, nhận được {got}",
    "data.percent_range": "tỷ lệ phần trăm phải trong khoảng 0–100, nhận được {got}",
    "data.required": "thiếu trường bắt buộc “{field}”",
    "data.unknown_key": "khóa không xác định “{key}” (bị bỏ qua)",
    "data.unknown_key_suggest": "khóa không xác định “{key}” (bị bỏ qua); "
    "có phải là “{suggestion}”?",
    "data.schema_missing": 'thiếu khai báo schema; cần schema = "{expected}"',
    "data.schema_unsupported": 'phiên bản định dạng {got} không được hỗ trợ; cần "{expected}" '
    "(tệp không được đọc)",
    "data.duplicate_unit": "mã đơn vị “{id}” bị trùng (đã có tại {first}); đơn vị sau bị bỏ qua",
    "data.duplicate_section": "mục “{section}” của đơn vị đã có tại {first}; bản sau bị bỏ qua",
    "data.unit_conflict": "thông tin “{key}” của đơn vị khác với {first}",
    "data.dataset_conflict": "“dataset.{key}” khác với tệp {first}",
    "data.unit_dropped": "đơn vị “{id}” bị bỏ qua do dữ liệu không hợp lệ",
    "data.parent_cycle": "quan hệ cấp trên tạo thành vòng lặp: {cycle}; "
    "liên kết cấp trên bị bỏ qua",
    # tabular input (workbooks, CSV folders)
    "data.expected_number": "cần một số, nhận được {got}",
    "data.ambiguous_number": "số {got} không rõ nghĩa: là {thousands} nếu dấu phẩy ngăn cách "
    "hàng nghìn, là số thập phân nếu đó là dấu phẩy thập phân; hãy ghi {thousands} (không có dấu "
    "ngăn cách) hoặc thêm một chữ số thập phân ({got}0)",
    "data.expected_date_dmy": "cần một ngày dạng dd/mm/yyyy, nhận được {got}",
    "data.text_became_date": "ô chứa ngày {got} nhưng cột cần văn bản (bảng tính đã tự đổi nội "
    "dung nhập thành ngày); hãy định dạng ô là Văn bản (Text) và nhập lại",
    "data.cell_error": "ô báo lỗi tính toán {got}",
    "data.formula_no_value": "công thức {formula} chưa có giá trị đã tính; hãy mở tệp bằng Excel "
    "hoặc LibreOffice, lưu lại rồi gửi lại",
    "data.merged_cells": "vùng ô gộp {range} không thuộc riêng một dòng, một cột nào; hãy bỏ gộp "
    "ô và ghi số liệu vào từng dòng",
    "data.period_half": "thiếu {missing}: một kỳ cần cả ngày bắt đầu và ngày kết thúc",
    "data.unknown_header": "tiêu đề “{header}” không có trong mẫu của trang {sheet} (bị bỏ qua)",
    "data.unknown_header_suggest": "tiêu đề “{header}” không có trong mẫu (bị bỏ qua); có phải "
    "là “{suggestion}”?",
    "data.duplicate_header": "“{header}” đã có tại {first}; cột (dòng) sau bị bỏ qua",
    "data.no_header": "có số liệu nhưng không có tiêu đề (bị bỏ qua)",
    "data.missing_key_column": "trang {sheet} không có cột “{column}” ({label}) để nối mỗi dòng "
    "với đơn vị; trang bị bỏ qua",
    "data.missing_unit": "dòng không ghi mã đơn vị (cột unit); dòng bị bỏ qua",
    "data.unknown_unit": "đơn vị “{id}” không có trong trang units; dòng bị bỏ qua",
    "data.unknown_unit_suggest": "đơn vị “{id}” không có trong trang units; dòng bị bỏ qua; có "
    "phải là “{suggestion}”?",
    "data.duplicate_row": "đơn vị “{id}” đã có một dòng tại {first} (trang {sheet} ghi mỗi đơn "
    "vị một dòng); dòng sau bị bỏ qua",
    "data.hidden_sheet": "trang “{sheet}” đang bị ẩn nên không được đọc (không rõ số liệu trong "
    "đó có phải để nộp hay không); hãy bỏ ẩn trang để được đọc, hoặc xóa trang",
    "data.duplicate_sheet": "trang “{sheet}” đã có tại {first}; trang sau bị bỏ qua",
    "data.unknown_sheet": "trang “{sheet}” không thuộc mẫu (bị bỏ qua); các trang của mẫu: {known}",
    "data.unknown_sheet_suggest": "trang “{sheet}” không thuộc mẫu (bị bỏ qua); có phải là "
    "“{suggestion}”?",
    "data.no_sheets": "không có trang (hoặc tệp .csv) nào của mẫu: dataset, units, staffing, …",
    "cli.written": "đã ghi {path}",
    "cli.converted": "đã ghi {path}: {units} đơn vị",
    "cli.validated": "{names}: {units} đơn vị hợp lệ, {errors} lỗi, {warnings} cảnh báo",
    "cli.exists": "{path} đã có; dùng --force để ghi đè",
    "cli.overwrite_input": "không ghi đè lên số liệu đầu vào {path}; hãy chọn --output khác",
    "cli.output_suffix": "không ghi được định dạng “{suffix}”; dùng .toml, .json, .xlsx, hoặc "
    "một thư mục (đường dẫn không có phần mở rộng) cho các tệp .csv",
    "cli.convert_errors": "số liệu có {count} lỗi nên không ghi {path}; hãy sửa các lỗi trên "
    "rồi chạy lại",
    "cli.cannot_write": "không ghi được {path}: {detail}",
    "cli.renderer_failed": "định dạng {format} (plugin {plugin}) gặp lỗi: {detail}",
    "cli.baseline_other_dataset": "báo cáo trước {path} không có đơn vị nào của bộ số liệu này; "
    "có thể là của một bộ số liệu khác (mọi phát hiện sẽ là mới)",
    "cli.rule_stuck": "{rule}: quy tắc bỏ qua giới hạn thời gian và không dừng được; lượt chạy "
    "kết thúc tại đây, không có báo cáo (dùng --isolation process cho plugin không tin cậy)",
    "cli.template_suffix": "không ghi được mẫu dạng “{suffix}”; dùng .xlsx, .toml, hoặc một thư "
    "mục (đường dẫn không có phần mở rộng) cho các tệp .csv",
    # the command line's own lines
    "cli.config_used": "cấu hình {path} (sha256 {sha256})",
    "cli.unknown_format": "không có định dạng “{format}” (có: {known})",
    "cli.binary_to_terminal": "định dạng {format} là tệp nhị phân, không in ra màn hình; "
    "dùng --output FILE hoặc chuyển hướng đầu ra vào một tệp",
    "cli.no_rule": "không có quy tắc “{rule}” (xem `cchc rules`)",
    "cli.no_topic": "không có chủ đề hay văn bản pháp lý “{topic}” (xem `cchc law`)",
    "cli.no_topic_suggest": "không có chủ đề hay văn bản pháp lý “{topic}”; có phải "
    "“{suggestion}”? (xem `cchc law`)",
    "cli.verify_unknown": "“{name}” không phải tên plugin, mã, nhóm hay tiền tố mã quy tắc nào "
    "(xem `cchc plugins`, `cchc rules`)",
    "cli.verify_unknown_suggest": "“{name}” không phải tên plugin, mã, nhóm hay tiền tố mã quy "
    "tắc nào; có phải là “{suggestion}”?",
    "cli.plugin_failed": "plugin {plugin}: {message}",
    "cli.interrupted": "đã dừng",
    "cli.loading": "Đang đọc dữ liệu…",
    "cli.checking": "Đang kiểm tra",
    "cli.internal_error": "lỗi nội bộ: {detail} (chạy lại với --debug để xem chi tiết, và xin "
    "báo lỗi này)",
    # skips
    "skip.missing_fields": "thiếu số liệu: {fields}",
    "skip.entry_missing_fields": "{subject}: thiếu số liệu: {fields}",
    "note.policy_default": "{message} — ngưỡng tham chiếu của công cụ "
    "(không phải quy định pháp luật)",
    "note.configured_threshold": "{message} — ngưỡng do cấu hình đặt "
    "(không phải quy định pháp luật)",
    "skip.invalid_data": "dữ liệu không hợp lệ đã bị loại bỏ: {locations}",
    "skip.timeout": "quy tắc bị dừng do quá thời gian tại đơn vị {unit}",
    # rule and plugin errors
    "error.rule_raised": "quy tắc gặp lỗi: {detail}",
    "error.rule_garbage": "quy tắc trả về giá trị không phải phát hiện: {detail}",
    "error.rule_timeout": "quy tắc chạy quá {seconds} giây và bị dừng; không chạy trên {remaining} "
    "đơn vị còn lại",
    "error.rule_limit": "quy tắc cho quá {limit} kết quả hoặc lỗi ({key}) và bị dừng ở đây",
    "error.worker_killed": "tiến trình riêng không có tiến triển sau {seconds} giây và bị dừng; "
    "kết quả của nó bị bỏ",
    "error.worker_died": "tiến trình riêng kết thúc mà không trả kết quả (mã thoát {code})",
    "error.worker_raised": "tiến trình riêng gặp lỗi: {detail}",
    "plugin.duplicate_renderer": "định dạng {renderer} đã có (plugin '{owner}'); định dạng cùng "
    "tên của plugin này bị bỏ qua",
    "plugin.import_failed": "không nạp được {module}: {detail}",
    "plugin.invalid": "cài đặt hook không hợp lệ: {detail}",
    "plugin.unknown_hook": "hook không xác định '{hook}' (các hook: {known})",
    "plugin.not_hookimpl": "{hook} chưa được đánh dấu @hookimpl",
    "plugin.folder_not_found": "không tìm thấy thư mục plugin",
    "plugin.hook_failed": "{hook} gặp lỗi: {detail}",
    "plugin.duplicate_rule": "quy tắc {rule} đã được plugin '{owner}' đăng ký; quy tắc cùng mã "
    "của '{plugin}' không được dùng",
    "plugin.already_loaded": "plugin {plugin} ({location}) đã được nạp với tên {loaded} "
    "({where}); chỉ nạp một lần",
    # report labels
    "label.units": "đơn vị",
    "label.rules": "quy tắc",
    "label.evaluations": "lượt kiểm tra",
    "label.findings": "phát hiện",
    "label.error": "lỗi",
    "label.warning": "cảnh báo",
    "label.info": "thông tin",
    "label.waived": "được chấp thuận ngoại lệ",
    "label.waived_by": "được chấp thuận ngoại lệ: {reason} (người phê duyệt: {approver}, "
    "đến {expires})",
    "label.baseline_title": "So với báo cáo kỳ trước",
    "label.not_applicable": "không áp dụng",
    "label.skipped": "bỏ qua",
    "label.rule_errors": "lỗi quy tắc",
    "label.data_errors": "lỗi dữ liệu",
    "label.plugin_failures": "lỗi plugin",
    # counts in the summary line (Vietnamese does not inflect)
    "count.units": "{n} đơn vị",
    "count.rules": "{n} quy tắc",
    "count.findings": "{n} phát hiện",
    "count.error": "{n} lỗi",
    "count.warning": "{n} cảnh báo",
    "count.info": "{n} thông tin",
    "count.waived": "{n} được chấp thuận ngoại lệ",
    "count.not_applicable": "{n} không áp dụng",
    "count.skipped": "{n} bỏ qua",
    "count.rule_errors": "{n} lỗi quy tắc",
    "count.data_errors": "{n} lỗi dữ liệu",
    "count.plugin_failures": "{n} lỗi plugin",
    "label.basis": "căn cứ",
    "label.evidence": "số liệu",
    "label.no_findings": "Không phát hiện sai sót, tồn tại.",
    "label.summary": "Tổng hợp",
    "label.period": "Kỳ báo cáo",
    "label.severity": "Mức độ",
    "label.rule": "Quy tắc",
    "label.subject": "Đối tượng",
    "label.message": "Nội dung",
    "label.unit": "Đơn vị",
    "label.skipped_title": "Quy tắc bị bỏ qua (thiếu số liệu)",
    "label.errors_title": "Lỗi",
    "label.data_warnings": "Cảnh báo dữ liệu",
    "label.policy_default": "ngưỡng tham chiếu của công cụ, không phải quy định pháp luật",
    "label.programme_target": "chỉ tiêu của chương trình, không phải quy định pháp luật",
    # families of the built-in rules (a plugin may register family.<its family>)
    "family.staffing": "biên chế",
    "family.deadlines": "thời hạn giải quyết, hồ sơ",
    "family.spending": "chi tiêu nội bộ",
    "family.digital_id": "định danh cá nhân, định danh điện tử",
    "family.consistency": "tính nhất quán của số liệu",
    "family.references": "văn bản dẫn chiếu",
    "family.scoring": "chỉ số đánh giá",
    # legal-basis topics (a plugin may register topic.<its topic>)
    "topic.civil_servants": "biên chế công chức",
    "topic.civil_servant_positions": "vị trí việc làm công chức",
    "topic.commune_civil_servants": "cán bộ, công chức cấp xã",
    "topic.contract_work": "hợp đồng một số loại công việc",
    "topic.digitisation": "số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
    "topic.electronic_id": "định danh và xác thực điện tử",
    "topic.id_programme": "chỉ tiêu của Đề án 06",
    "topic.one_stop_shop": "cơ chế một cửa, một cửa liên thông",
    "topic.online_payment": "thanh toán trực tuyến",
    "topic.online_services": "dịch vụ công trực tuyến",
    "topic.personal_id": "số định danh cá nhân",
    "topic.public_employees": "vị trí việc làm, số người làm việc trong đơn vị sự nghiệp công lập",
    "topic.reporting": "chế độ báo cáo",
    "topic.service_index": "Bộ chỉ số phục vụ người dân, doanh nghiệp",
    "topic.spending_public_units": "tự chủ tài chính của đơn vị sự nghiệp công lập",
    "topic.spending_state_agencies": "tự chủ kinh phí quản lý hành chính của cơ quan nhà nước",
    "topic.streamlining": "tinh giản biên chế",
    "label.no_basis_in_force": "không có văn bản nào có hiệu lực trong kỳ",
    # configuration (cchc.toml, [tool.cchc])
    "config.file_not_found": "không tìm thấy tệp cấu hình",
    "config.unreadable": "không đọc được tệp cấu hình: {detail}",
    "config.too_large": "tệp cấu hình quá lớn ({size} MB, tối đa {limit} MB); không đọc",
    "report.unreadable": "không đọc được báo cáo: {detail}",
    "report.not_json": "không phải báo cáo JSON ({detail})",
    "report.not_utf8": "không phải báo cáo JSON (không phải UTF-8)",
    "report.nested_too_deeply": "không phải báo cáo JSON (lồng quá sâu)",
    "report.too_deep": "không phải báo cáo {schema} (lồng sâu quá {limit} cấp, tại {at})",
    "report.not_object": "không phải báo cáo {schema} đọc được (JSON không phải một đối tượng)",
    "report.no_schema": "không phải báo cáo {schema} đọc được (không có trường schema)",
    "report.wrong_schema": "không phải báo cáo {schema} đọc được (schema là {got})",
    "report.not_readable": "không phải báo cáo {schema} đọc được ({detail})",
    "config.not_utf8": "tệp cấu hình không phải UTF-8",
    "config.syntax": "lỗi cú pháp TOML: {detail}",
    "config.no_tool_table": "pyproject.toml không có bảng [tool.cchc]",
    "config.isolated_and_config": "không dùng --isolated cùng với --config",
    "config.baseline_not_found": "không tìm thấy báo cáo kỳ trước {path}",
    "config.baseline_not_a_file": "báo cáo kỳ trước {path} không phải tệp thường (là thư mục, FIFO "
    "hay thiết bị); không đọc",
    "config.fail_conflict": "“{selector}” có trong cả hard_fail và soft_fail",
    "config.invalid": "cấu hình không hợp lệ: {detail}",
    "config.unknown_key": "khóa không xác định “{key}” (các khóa hợp lệ: {known})",
    "config.unknown_key_suggest": "khóa không xác định “{key}”; có phải là “{suggestion}”?",
    "config.expected_string": "cần một chuỗi, nhận được {got}",
    "config.expected_strings": 'cần một mảng chuỗi, ví dụ ["ST001", "RF"], nhận được {got}',
    "config.expected_choice": "giá trị {got} không hợp lệ; cần một trong: {allowed}",
    "config.expected_positive": "cần một số dương, nhận được {got}",
    "config.expected_date": "cần một ngày dạng YYYY-MM-DD, nhận được {got}",
    "config.expected_table": "cần một bảng (table), nhận được {got}",
    "config.expected_tables": "cần một mảng bảng ([[…]]), nhận được {got}",
    "config.blank": "không được để trống",
    "config.bad_document": "văn bản không hợp lệ: {detail}",
    "config.required": "thiếu khóa bắt buộc “{key}”",
    "config.waiver_required": "ngoại lệ phải có “{key}” (bắt buộc: rule, unit, reason, "
    "approver, expires)",
    "config.param_table": "tham số “{param}” phải là một giá trị, không phải bảng",
    "config.not_per_kind": "“{key}” đặt cho cả quy tắc, không đặt theo loại đơn vị",
    "config.unknown_selector": "“{selector}” không khớp với mã, nhóm hay tiền tố quy tắc nào",
    "config.unknown_selector_suggest": "“{selector}” không khớp với mã, nhóm hay tiền tố quy tắc "
    "nào; có phải là “{suggestion}”?",
    "config.unknown_rule": "không có quy tắc “{rule}” (xem `cchc rules`)",
    "config.unknown_rule_suggest": "không có quy tắc “{rule}”; có phải là “{suggestion}”?",
    "config.unknown_param": "quy tắc {rule} không có tham số “{param}” (tham số: {known})",
    "config.unknown_param_suggest": "quy tắc {rule} không có tham số “{param}”; có phải là "
    "“{suggestion}”?",
    "config.param_type": "tham số “{param}” cần kiểu {expected}, nhận được {got}",
    # waivers
    "waiver.expired": "ngoại lệ số {number} ({rule} tại {unit}) đã hết hạn ngày {expires}, "
    "không còn áp dụng",
    "waiver.unused": "ngoại lệ số {number} ({rule} tại {unit}) không khớp với phát hiện nào",
    # baseline (tracking across inspections)
    "baseline.rule_not_run": "quy tắc {rule} không chạy trong lần kiểm tra này",
    "baseline.unit_absent": "đơn vị {unit} không có trong dữ liệu",
    "baseline.not_applicable": "quy tắc {rule} không áp dụng cho đơn vị {unit} "
    "(không báo cáo số liệu thuộc phạm vi quy tắc)",
    "label.baseline.new": "mới",
    "label.baseline.persisting": "còn tồn tại",
    "label.baseline.resolved": "đã khắc phục",
    "label.baseline.unverified": "chưa xác minh được",
    "label.first_seen": "phát hiện lần đầu",
    "label.followed_to": "đơn vị đã sáp nhập vào {successors}",
    "label.diff_title": "So sánh {old} với {new}",
    # configuration display (cchc config)
    "label.config_file": "Tệp cấu hình",
    "label.no_config_file": "không dùng tệp cấu hình nào (giá trị mặc định)",
    "label.key": "Khóa",
    "label.value": "Giá trị",
    "label.origin": "Nguồn",
    "label.origin_default": "mặc định",
    "label.waiver": "ngoại lệ được chấp thuận",
    "label.reason": "lý do",
    "label.approver": "phê duyệt",
    "label.expires": "hết hạn",
    "label.state.active": "đang áp dụng",
    "label.state.expired": "hết hạn",
    "label.state.unused": "không dùng đến",
}

EN: dict[str, str] = {
    "data.file_not_found": "file not found",
    "data.file_unreadable": "cannot read the file: {detail}",
    "data.unsupported_format": "unsupported file type ({suffix}); expected .toml, .json, .xlsx "
    "or a folder of .csv files",
    "data.empty": 'the file is empty; expected at least schema = "cchc/1" and a [dataset] table',
    "data.not_utf8": "the file is not UTF-8",
    "data.syntax": "syntax error: {detail}",
    "data.syntax_value": "unreadable value ({detail}): {got}",
    "data.truncated": "the file is cut short ({detail}); its incomplete last line is ignored, "
    "what comes before it is read",
    "data.not_a_file": "not a regular file (a folder, FIFO or device); not read",
    "data.too_large": "the file is too large ({size} MB, at most {limit} MB: "
    "max_input_mb); not read",
    "data.too_deep": "tables and arrays nested too deeply (at most {limit} levels: "
    "max_depth); this value is dropped",
    "data.too_deep_more": "{count} more values nested too deeply (at most {limit} levels: "
    "max_depth) are dropped",
    "data.not_utf8_at": "bytes that are not UTF-8 (replaced by U+FFFD)",
    "data.lone_surrogate": "invalid character {got} (half a UTF-16 surrogate pair); "
    "replaced by U+FFFD",
    "data.duplicate_key": "key “{key}” given twice in the same table; the last value is kept",
    "data.toml_line_dropped": "line ignored: {detail} (the key already has a value)",
    "data.toml_table_dropped": "table ignored with its keys: {detail}",
    "data.toml_rest_dropped": "syntax error: {detail}; the rest of the file from this line is not "
    "read, what comes before it is",
    "data.too_big_number": "number too large ({got}); at most {limit}",
    "data.expected_table": "expected a table, got {got}",
    "data.expected_list": "expected a list of tables ([[…]]), got {got}",
    "data.expected_count": "expected a non-negative integer, got {got}",
    "data.expected_days": "expected a non-negative number of days, got {got}",
    "data.expected_percent": "expected a percentage (0–100), got {got}",
    "data.expected_text": "expected text, got {got}",
    "data.expected_choice": "invalid value {got}; expected one of: {allowed}",
    "data.expected_date": "expected a date as YYYY-MM-DD, got {got}",
    "data.expected_bool": "expected true or false, got {got}",
    "data.expected_ids": "expected a list of unit ids (text), got {got}",
    "data.expected_period": "expected {{ start = YYYY-MM-DD, end = YYYY-MM-DD }}, got {got}",
    "data.invalid_date": "no such date: {got}",
    "data.period_order": "the end {end} is before the start {start}",
    "data.negative": "a count cannot be negative, got {got}",
    "data.percent_range": "a percentage must be within 0–100, got {got}",
    "data.required": "required field “{field}” is missing",
    "data.unknown_key": "unknown key “{key}” (ignored)",
    "data.unknown_key_suggest": "unknown key “{key}” (ignored); did you mean “{suggestion}”?",
    "data.schema_missing": 'no schema given; expected schema = "{expected}"',
    "data.schema_unsupported": 'unsupported format version {got}; expected "{expected}" '
    "(file not read)",
    "data.duplicate_unit": "duplicate unit id “{id}” (first at {first}); the later one is ignored",
    "data.duplicate_section": "section “{section}” of this unit is already given at {first}; "
    "this one is ignored",
    "data.unit_conflict": "unit field “{key}” differs from {first}",
    "data.dataset_conflict": "“dataset.{key}” differs from file {first}",
    "data.unit_dropped": "unit “{id}” dropped because of invalid data",
    "data.parent_cycle": "the parent links form a cycle: {cycle}; the parent links are ignored",
    # tabular input (workbooks, CSV folders)
    "data.expected_number": "expected a number, got {got}",
    "data.ambiguous_number": "{got} is ambiguous: {thousands} if the comma groups thousands, a "
    "decimal if it is a decimal comma; write {thousands} (without a separator) or add a decimal "
    "({got}0)",
    "data.expected_date_dmy": "expected a date as dd/mm/yyyy, got {got}",
    "data.text_became_date": "the cell holds the date {got} but the column expects text (the "
    "spreadsheet turned what was typed into a date); format the cell as Text and type it again",
    "data.cell_error": "the cell shows the calculation error {got}",
    "data.formula_no_value": "the formula {formula} has no calculated value; open the file in "
    "Excel or LibreOffice, save it and send it again",
    "data.merged_cells": "the merged cells {range} belong to no single row and column; unmerge "
    "them and give each row its figure",
    "data.period_half": "{missing} is missing: a period needs both its start and its end",
    "data.unknown_header": "the header “{header}” is not part of the {sheet} sheet (ignored)",
    "data.unknown_header_suggest": "the header “{header}” is not part of the form (ignored); did "
    "you mean “{suggestion}”?",
    "data.duplicate_header": "“{header}” is already given at {first}; the later column (row) is "
    "ignored",
    "data.no_header": "data without a header (ignored)",
    "data.missing_key_column": "the {sheet} sheet has no “{column}” column ({label}) linking each "
    "row to its unit; the sheet is ignored",
    "data.missing_unit": "the row names no unit (column unit); the row is ignored",
    "data.unknown_unit": "unit “{id}” is not in the units sheet; the row is ignored",
    "data.unknown_unit_suggest": "unit “{id}” is not in the units sheet; the row is ignored; did "
    "you mean “{suggestion}”?",
    "data.duplicate_row": "unit “{id}” already has a row at {first} (the {sheet} sheet has one "
    "row per unit); the later row is ignored",
    "data.hidden_sheet": "the sheet “{sheet}” is hidden, so it is not read (whether its figures "
    "are meant to be submitted is unclear); unhide it to have it read, or delete it",
    "data.duplicate_sheet": "the sheet “{sheet}” is already given at {first}; the later one is "
    "ignored",
    "data.unknown_sheet": "the sheet “{sheet}” is not part of the form (ignored); the form's "
    "sheets: {known}",
    "data.unknown_sheet_suggest": "the sheet “{sheet}” is not part of the form (ignored); did you "
    "mean “{suggestion}”?",
    "data.no_sheets": "no sheet (or .csv file) of the form: dataset, units, staffing, …",
    "cli.written": "wrote {path}",
    "cli.converted": "wrote {path}: {units} {units:plural|one=unit|other=units}",
    "cli.validated": "{names}: {units} valid {units:plural|one=unit|other=units}, "
    "{errors} {errors:plural|one=error|other=errors}, "
    "{warnings} {warnings:plural|one=warning|other=warnings}",
    "cli.exists": "{path} exists; use --force to overwrite it",
    "cli.overwrite_input": "will not overwrite the input {path}; choose another --output",
    "cli.output_suffix": "cannot write the format “{suffix}”; use .toml, .json, .xlsx, or a "
    "folder (a path without a suffix) for .csv files",
    "cli.convert_errors": "the data has {count} {count:plural|one=error|other=errors}, so {path} "
    "is not written; fix the errors "
    "above and run again",
    "cli.cannot_write": "cannot write {path}: {detail}",
    "cli.renderer_failed": "the format {format} (plugin {plugin}) failed: {detail}",
    "cli.baseline_other_dataset": "the previous report {path} has none of this dataset's units; "
    "it may be of another dataset (every finding will be new)",
    "cli.rule_stuck": "{rule}: the rule ignores the time limit and cannot be stopped; the run "
    "ends here without a report (use --isolation process for untrusted plugins)",
    "cli.template_suffix": "cannot write the form as “{suffix}”; use .xlsx, .toml, or a folder (a "
    "path without a suffix) for .csv files",
    "cli.config_used": "configuration {path} (sha256 {sha256})",
    "cli.unknown_format": "unknown format “{format}” (available: {known})",
    "cli.binary_to_terminal": "format {format} is binary and is not printed to a terminal; "
    "use --output FILE or redirect the output to a file",
    "cli.no_rule": "no rule “{rule}” (see `cchc rules`)",
    "cli.no_topic": "no legal topic or basis “{topic}” (see `cchc law`)",
    "cli.no_topic_suggest": "no legal topic or basis “{topic}”; did you mean “{suggestion}”? "
    "(see `cchc law`)",
    "cli.verify_unknown": "“{name}” is no plugin name, rule id, family or id prefix "
    "(see `cchc plugins`, `cchc rules`)",
    "cli.verify_unknown_suggest": "“{name}” is no plugin name, rule id, family or id prefix; "
    "did you mean “{suggestion}”?",
    "cli.plugin_failed": "plugin {plugin}: {message}",
    "cli.interrupted": "interrupted",
    "cli.loading": "Reading the data…",
    "cli.checking": "Checking",
    "cli.internal_error": "internal error: {detail} (run with --debug for the traceback, and "
    "please report it)",
    "skip.missing_fields": "figures not reported: {fields}",
    "skip.entry_missing_fields": "{subject}: figures not reported: {fields}",
    "note.policy_default": "{message} — a reference threshold of the tool, not a legal requirement",
    "note.configured_threshold": "{message} — a threshold set in the configuration, "
    "not a legal requirement",
    "skip.invalid_data": "invalid data was dropped: {locations}",
    "skip.timeout": "rule stopped after a timeout at unit {unit}",
    "error.rule_raised": "the rule raised an error: {detail}",
    "error.rule_garbage": "the rule returned something that is not a finding: {detail}",
    "error.rule_timeout": "the rule ran longer than {seconds} s and was stopped; it did not run on "
    "the {remaining} remaining {remaining:plural|one=unit|other=units}",
    "error.rule_limit": "the rule gave more than {limit} "
    "{limit:plural|one=result or error|other=results or errors} ({key}) and was "
    "stopped there",
    "error.worker_killed": "its worker process made no progress for {seconds} s and was stopped; "
    "its results are lost",
    "error.worker_died": "its worker process ended without a result (exit code {code})",
    "error.worker_raised": "its worker process failed: {detail}",
    "plugin.duplicate_renderer": "format {renderer} already exists (plugin '{owner}'); this "
    "plugin's format of the same name is ignored",
    "plugin.import_failed": "failed to import {module}: {detail}",
    "plugin.invalid": "invalid hook implementation: {detail}",
    "plugin.unknown_hook": "unknown hook '{hook}' (known: {known})",
    "plugin.not_hookimpl": "{hook} is not marked with @hookimpl",
    "plugin.folder_not_found": "plugin folder not found",
    "plugin.hook_failed": "{hook} failed: {detail}",
    "plugin.duplicate_rule": "rule {rule} is already registered by plugin '{owner}'; the one "
    "from '{plugin}' is not used",
    "plugin.already_loaded": "plugin {plugin} ({location}) is already loaded as {loaded} "
    "({where}); it is loaded once",
    "label.units": "units",
    "label.rules": "rules",
    "label.evaluations": "evaluations",
    "label.findings": "findings",
    "label.error": "error",
    "label.warning": "warning",
    "label.info": "info",
    "label.waived": "waived",
    "label.waived_by": "waived: {reason} (approved by {approver}, until {expires})",
    "label.baseline_title": "Compared with the previous report",
    "label.not_applicable": "not applicable",
    "label.skipped": "skipped",
    "label.rule_errors": "rule errors",
    "label.data_errors": "data errors",
    "label.plugin_failures": "plugin failures",
    # counts in the summary line, in the plural form the count takes
    "count.units": "{n} {n:plural|one=unit|other=units}",
    "count.rules": "{n} {n:plural|one=rule|other=rules}",
    "count.findings": "{n} {n:plural|one=finding|other=findings}",
    "count.error": "{n} {n:plural|one=error|other=errors}",
    "count.warning": "{n} {n:plural|one=warning|other=warnings}",
    "count.info": "{n} info",
    "count.waived": "{n} waived",
    "count.not_applicable": "{n} not applicable",
    "count.skipped": "{n} skipped",
    "count.rule_errors": "{n} {n:plural|one=rule error|other=rule errors}",
    "count.data_errors": "{n} {n:plural|one=data error|other=data errors}",
    "count.plugin_failures": "{n} {n:plural|one=plugin failure|other=plugin failures}",
    "label.basis": "basis",
    "label.evidence": "evidence",
    "label.no_findings": "No findings.",
    "label.summary": "Summary",
    "label.period": "Period",
    "label.severity": "Severity",
    "label.rule": "Rule",
    "label.subject": "Subject",
    "label.message": "Message",
    "label.unit": "Unit",
    "label.skipped_title": "Skipped rules (figures missing)",
    "label.errors_title": "Errors",
    "label.data_warnings": "Data warnings",
    "label.policy_default": "a reference threshold of the tool, not a legal requirement",
    "label.programme_target": "a programme target, not a legal requirement",
    "family.staffing": "staffing",
    "family.deadlines": "deadlines and dossiers",
    "family.spending": "internal spending",
    "family.digital_id": "digital identity",
    "family.consistency": "consistency",
    "family.references": "references",
    "family.scoring": "scoring",
    "topic.civil_servants": "civil-servant staffing",
    "topic.civil_servant_positions": "civil servants' job positions",
    "topic.commune_civil_servants": "commune-level officials and civil servants",
    "topic.contract_work": "contract work",
    "topic.digitisation": "digitising dossiers and results",
    "topic.electronic_id": "electronic identification",
    "topic.id_programme": "the targets of Project 06",
    "topic.one_stop_shop": "the one-stop-shop mechanism",
    "topic.online_payment": "online payment",
    "topic.online_services": "online public services",
    "topic.personal_id": "personal identification numbers",
    "topic.public_employees": "public service units' job positions and headcount",
    "topic.reporting": "reporting regimes",
    "topic.service_index": "the index of service to citizens and businesses",
    "topic.spending_public_units": "financial autonomy of public service units",
    "topic.spending_state_agencies": "administrative budget autonomy of state agencies",
    "topic.streamlining": "staff streamlining",
    "label.no_basis_in_force": "no document in force during the period",
    "config.file_not_found": "configuration file not found",
    "config.unreadable": "cannot read the configuration file: {detail}",
    "config.too_large": "the configuration file is too large ({size} MB, at most {limit} MB); "
    "not read",
    "report.unreadable": "cannot read the report: {detail}",
    "report.not_json": "not a JSON report ({detail})",
    "report.not_utf8": "not a JSON report (not UTF-8)",
    "report.nested_too_deeply": "not a JSON report (nested too deeply)",
    "report.too_deep": "not a {schema} report (nested more than {limit} levels deep at {at})",
    "report.not_object": "not a readable {schema} report (the JSON is not an object)",
    "report.no_schema": "not a readable {schema} report (it has no schema field)",
    "report.wrong_schema": "not a readable {schema} report (its schema is {got})",
    "report.not_readable": "not a readable {schema} report ({detail})",
    "config.not_utf8": "the configuration file is not UTF-8",
    "config.syntax": "TOML syntax error: {detail}",
    "config.no_tool_table": "pyproject.toml has no [tool.cchc] table",
    "config.isolated_and_config": "--isolated cannot be used with --config",
    "config.baseline_not_found": "baseline report {path} not found",
    "config.baseline_not_a_file": "baseline report {path} is not a regular file (a folder, FIFO or "
    "device); not read",
    "config.fail_conflict": "“{selector}” is in both hard_fail and soft_fail",
    "config.invalid": "invalid configuration: {detail}",
    "config.unknown_key": "unknown key “{key}” (valid keys: {known})",
    "config.unknown_key_suggest": "unknown key “{key}”; did you mean “{suggestion}”?",
    "config.expected_string": "expected a string, got {got}",
    "config.expected_strings": 'expected an array of strings, e.g. ["ST001", "RF"], got {got}',
    "config.expected_choice": "invalid value {got}; expected one of: {allowed}",
    "config.expected_positive": "expected a positive number, got {got}",
    "config.expected_date": "expected a date as YYYY-MM-DD, got {got}",
    "config.expected_table": "expected a table, got {got}",
    "config.expected_tables": "expected an array of tables ([[…]]), got {got}",
    "config.blank": "must not be empty",
    "config.bad_document": "invalid document: {detail}",
    "config.required": "required key “{key}” is missing",
    "config.waiver_required": "a waiver needs “{key}” (required: rule, unit, reason, approver, "
    "expires)",
    "config.param_table": "parameter “{param}” must be a value, not a table",
    "config.not_per_kind": "“{key}” is set for the whole rule, not per kind of unit",
    "config.unknown_selector": "“{selector}” matches no rule id, family or prefix",
    "config.unknown_selector_suggest": "“{selector}” matches no rule id, family or prefix; "
    "did you mean “{suggestion}”?",
    "config.unknown_rule": "no rule “{rule}” (see `cchc rules`)",
    "config.unknown_rule_suggest": "no rule “{rule}”; did you mean “{suggestion}”?",
    "config.unknown_param": "rule {rule} has no parameter “{param}” (parameters: {known})",
    "config.unknown_param_suggest": "rule {rule} has no parameter “{param}”; did you mean "
    "“{suggestion}”?",
    "config.param_type": "parameter “{param}” expects a {expected}, got {got}",
    "waiver.expired": "waiver no. {number} ({rule} at {unit}) expired on {expires} and no longer "
    "applies",
    "waiver.unused": "waiver no. {number} ({rule} at {unit}) matched no finding",
    "baseline.rule_not_run": "rule {rule} did not run this time",
    "baseline.unit_absent": "unit {unit} is not in the data",
    "baseline.not_applicable": "rule {rule} was not applicable to unit {unit} "
    "(nothing it applies to was reported)",
    "label.baseline.new": "new",
    "label.baseline.persisting": "persisting",
    "label.baseline.resolved": "resolved",
    "label.baseline.unverified": "unverified",
    "label.first_seen": "first seen",
    "label.followed_to": "unit merged into {successors}",
    "label.diff_title": "Comparing {old} with {new}",
    "label.config_file": "Configuration file",
    "label.no_config_file": "no configuration file used (defaults)",
    "label.key": "Key",
    "label.value": "Value",
    "label.origin": "Origin",
    "label.origin_default": "default",
    "label.waiver": "waiver",
    "label.reason": "reason",
    "label.approver": "approved by",
    "label.expires": "expires",
    "label.state.active": "active",
    "label.state.expired": "expired",
    "label.state.unused": "unused",
}


@hookimpl
def cchc_register_messages(register: Callable[[str, Mapping[str, str]], None]) -> None:
    register("vi", VI)
    register("en", EN)
