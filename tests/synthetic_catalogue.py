"""A realistic catalogue of ~600 procedures for the picker's tests and benchmark (issue 22): the shipped 17
with their verified limits, then procedures of twenty fields made from each field's subjects and the verbs
the national database uses, with varied time limits (working days, hours, same day; some unconfirmed),
fees, papers (some only shown, some with a form) and, for a few, the catalogue's own short names."""

from __future__ import annotations

import copy
import functools
from typing import Any

from desktop.store.catalogue import read_catalogue

# field -> its subjects ("… {subject}")
FIELDS: dict[str, tuple[str, ...]] = {
    "Hộ tịch": ("khai sinh có yếu tố nước ngoài", "kết hôn có yếu tố nước ngoài", "thay đổi, cải chính hộ tịch",
                "xác định lại dân tộc", "nuôi con nuôi trong nước", "chấm dứt giám hộ", "khai tử có yếu tố nước ngoài",
                "nhận cha, mẹ, con có yếu tố nước ngoài"),
    "Chứng thực": ("hợp đồng, giao dịch liên quan đến tài sản là động sản", "văn bản thỏa thuận phân chia di sản",
                   "văn bản khai nhận di sản", "việc sửa lỗi sai sót trong hợp đồng", "chữ ký người dịch"),
    "Đất đai": ("quyền sử dụng đất lần đầu", "biến động đất đai", "chuyển mục đích sử dụng đất",
                "tách thửa hoặc hợp thửa đất", "đính chính giấy chứng nhận", "hòa giải tranh chấp đất đai",
                "gia hạn sử dụng đất nông nghiệp", "chuyển nhượng quyền sử dụng đất"),
    "Xây dựng": ("giấy phép xây dựng nhà ở riêng lẻ", "giấy phép sửa chữa, cải tạo công trình",
                 "giấy phép di dời công trình", "giấy phép xây dựng có thời hạn"),
    "Thành lập và hoạt động của hộ kinh doanh": ("thay đổi nội dung đăng ký hộ kinh doanh", "tạm ngừng kinh doanh",
                                                  "chấm dứt hoạt động hộ kinh doanh", "giấy chứng nhận hộ kinh doanh"),
    "Hợp tác xã": ("thành lập hợp tác xã", "thay đổi tên, địa chỉ hợp tác xã", "giải thể tự nguyện hợp tác xã",
                   "chi nhánh, văn phòng đại diện hợp tác xã"),
    "Bảo trợ xã hội": ("trợ cấp xã hội hằng tháng", "hỗ trợ kinh phí chăm sóc người cao tuổi", "hỗ trợ mai táng phí",
                       "trợ giúp xã hội khẩn cấp", "xác định mức độ khuyết tật", "chế độ đối với người khuyết tật"),
    "Người có công": ("trợ cấp thờ cúng liệt sĩ", "mai táng phí cho cựu chiến binh", "ưu đãi giáo dục đối với con của người có công",
                      "giấy chứng nhận thân nhân liệt sĩ", "trợ cấp một lần đối với người có công"),
    "Nông nghiệp": ("hỗ trợ khôi phục sản xuất nông nghiệp", "kinh tế trang trại", "hỗ trợ giống cây trồng",
                    "chứng nhận cơ sở an toàn thực phẩm nông sản"),
    "Lâm nghiệp": ("khai thác gỗ rừng trồng", "giao rừng cho hộ gia đình", "chi trả dịch vụ môi trường rừng"),
    "Thủy lợi": ("cấp nước tưới tiêu", "hoạt động trong phạm vi bảo vệ công trình thủy lợi"),
    "Giáo dục và Đào tạo": ("thành lập nhóm trẻ độc lập", "hỗ trợ học tập cho trẻ mẫu giáo", "chuyển trường học sinh tiểu học",
                            "miễn, giảm học phí"),
    "Y tế": ("thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi", "giấy chứng sinh", "hỗ trợ chi phí khám chữa bệnh"),
    "Văn hóa": ("gia đình văn hóa", "thôn, tổ dân phố văn hóa", "lễ hội truyền thống", "thư viện cộng đồng"),
    "Tôn giáo": ("sinh hoạt tôn giáo tập trung", "hoạt động tín ngưỡng", "quyên góp của cơ sở tín ngưỡng"),
    "Thi đua, khen thưởng": ("giấy khen của Chủ tịch Ủy ban nhân dân", "danh hiệu lao động tiên tiến", "khen thưởng đột xuất"),
    "Lao động, việc làm": ("hỗ trợ tạo việc làm", "vay vốn giải quyết việc làm", "đưa người lao động đi làm việc ở nước ngoài"),
    "Đăng ký, quản lý cư trú": ("xác nhận thông tin về cư trú", "khai báo tạm vắng", "xóa đăng ký thường trú",
                                "điều chỉnh thông tin về cư trú", "lưu trú"),
    "Thuế": ("miễn thuế sử dụng đất phi nông nghiệp", "khai thuế đối với hộ kinh doanh", "hoàn thuế thu nhập cá nhân"),
    "Bảo hiểm xã hội": ("bảo hiểm xã hội tự nguyện", "bảo hiểm y tế hộ gia đình", "trợ cấp thai sản cho người không tham gia bảo hiểm"),
}  # fmt: skip
VERBS = ("Đăng ký {}", "Cấp {}", "Cấp lại {}", "Điều chỉnh {}", "Xác nhận {}", "Gia hạn {}", "Giải quyết {}",
         "Thu hồi {}", "Hủy {}", "Thủ tục {} lưu động")  # fmt: skip
PAPERS = (
    ("Tờ khai theo mẫu", 1, 0, "Mẫu 01/TK"),
    ("Đơn đề nghị", 1, 0, "Mẫu 02/ĐN"),
    ("Bản sao giấy tờ chứng minh quyền sử dụng", 0, 1, ""),
    ("Giấy ủy quyền (nếu có)", 1, 0, ""),
    ("Sơ đồ vị trí, bản vẽ", 1, 1, ""),
    ("Văn bản xác nhận của thôn, tổ dân phố", 1, 0, ""),
)
SHORT_NAMES = {
    "1.001193": ["ks"],
    "1.000894": ["kh"],
    "2.000815": ["sao y"],
    "1.004194": ["tt", "thuong tru"],
}
SIZE = 600


def _time(i: int) -> dict[str, Any]:
    kind = i % 9
    if kind == 0:
        return {"time_confirmed": False, "time_amount": None, "time_unit": None, "time_text": "15"}
    if kind == 1:
        return {"time_amount": 8, "time_unit": "hours", "time_text": "08 giờ làm việc"}
    if kind == 2:
        return {"time_amount": 0, "time_unit": "sameday", "cutoff": "15:00", "time_text": "Trong ngày"}
    days = (3, 5, 7, 10, 15, 20)[i % 6]
    return {"time_amount": days, "time_unit": "days", "time_text": f"{days:02d} ngày làm việc"}


def _fees(i: int) -> dict[str, Any]:
    amount = (0, 0, 10_000, 20_000, 50_000, 100_000)[i % 6]
    if not amount:
        return {"fee_text": "Không quy định", "fee_amount": 0}
    line = {"code": f"LP-{i}", "name": "Lệ phí", "kind": "le_phi", "basis": "per_case", "amount": amount,
            "timing": "before"}  # fmt: skip
    return {"fee_text": f"{amount:,} đồng".replace(",", "."), "fee_amount": amount, "fees": [line]}


def _papers(i: int) -> list[dict[str, Any]]:
    papers = [{"name": name, "originals": o, "copies": c, "form": form}
              for name, o, c, form in PAPERS[: 1 + i % len(PAPERS)]]  # fmt: skip
    papers.append({"name": "Căn cước của người nộp hồ sơ", "originals": 0, "copies": 0, "shown": True,
                   "required": False})  # fmt: skip
    return papers


def synthetic_catalogue(size: int = SIZE, version: str = "synthetic-600") -> dict[str, Any]:
    """`size` procedures (the shipped ones first), valid for `load_catalogue`."""
    shipped = read_catalogue()
    procedures = copy.deepcopy(shipped["procedures"][:size])
    for item in procedures:
        if item["code"] in SHORT_NAMES:
            item["short_names"] = SHORT_NAMES[item["code"]]
    names = {p["name"] for p in procedures}
    i = 0
    for verb in VERBS:
        for field, subjects in FIELDS.items():
            for subject in subjects:
                name = verb.format(subject)
                name = name[0].upper() + name[1:]
                if name in names or len(procedures) >= size:
                    continue
                names.add(name)
                i += 1
                code = f"{1 + i % 2}.{900000 + i:06d}"
                procedures.append({"code": code, "name": name, "field": field, "documents": _papers(i),
                                   **_time(i), **_fees(i)})  # fmt: skip
    assert len(procedures) == size, len(procedures)
    return {"version": version, "note": "synthetic (tests)", "procedures": procedures}


def synthetic_choices(uses: dict[str, int] | None = None, hidden: frozenset[str] = frozenset()) -> list[Any]:
    """The synthetic catalogue as the picker's choices, without a store (as `load_intake_context` makes
    them: the codes in `uses` most used, in that order first)."""
    from datetime import date

    from desktop.core.fees import lines_in_force
    from desktop.services.intake_lookup import DocumentTemplate, ProcedureChoice

    uses = uses or {}
    choices = []
    for item in _default()["procedures"]:
        docs = tuple(
            DocumentTemplate(i, d["name"], d.get("originals", 0), d.get("copies", 0), d.get("required", True),
                             d.get("note", ""), d.get("shown", False), d.get("form", ""))
            for i, d in enumerate(item["documents"])
        )  # fmt: skip
        confirmed = item.get("time_confirmed", True)
        choices.append(
            ProcedureChoice(
                item["code"], item["name"], item.get("field", ""), float(item.get("time_amount") or 0),
                item.get("time_unit") or "" if confirmed else "", None, item.get("time_text", ""),
                item.get("fee_text", ""), docs, recent=item["code"] in uses,
                fees=tuple(lines_in_force(item.get("fees", []), date(2026, 12, 3))), uses=uses.get(item["code"], 0),
                time_confirmed=confirmed, short_names=tuple(item.get("short_names", ())),
                hidden=item["code"] in hidden, common=bool(item.get("common")),
            )
        )  # fmt: skip
    order = {code: i for i, code in enumerate(uses)}
    return sorted(choices, key=lambda c: order.get(c.code, len(order)))


@functools.cache
def _default() -> dict[str, Any]:
    """The default synthetic catalogue, made once per process (read only)."""
    return synthetic_catalogue()
