"""Dossier statuses: our local names and the national portal's `TrangThaiHoSo` codes 1..10 (domain §7).

This is the one mapping between the two; the store keeps both (`Dossier.status`, `Dossier.status_code`)
and every event payload carries `status_code`, so the sync side never has to translate.
"""

from __future__ import annotations

from enum import StrEnum

from desktop.core.errors import ValidationError


class Status(StrEnum):
    REGISTERED = "registered"  # 1 Mới đăng ký (online, not yet checked at the counter)
    RECEIVED = "received"  # 2 Được tiếp nhận (form 01)
    REFUSED = "refused"  # 3 Không được tiếp nhận (form 03)
    PROCESSING = "processing"  # 4 Đang xử lý
    SUPPLEMENT_REQUESTED = "supplement_requested"  # 5 Yêu cầu bổ sung giấy tờ (form 02)
    FINANCIAL_OBLIGATION = "financial_obligation"  # 6 Yêu cầu thực hiện nghĩa vụ tài chính
    WITHDRAWN = "withdrawn"  # 7 Công dân yêu cầu rút hồ sơ
    STOPPED = "stopped"  # 8 Dừng xử lý (form 05)
    RESULT_READY = "result_ready"  # 9 Đã xử lý xong
    RETURNED = "returned"  # 10 Đã trả kết quả


NATIONAL_CODES: dict[Status, int] = {
    Status.REGISTERED: 1,
    Status.RECEIVED: 2,
    Status.REFUSED: 3,
    Status.PROCESSING: 4,
    Status.SUPPLEMENT_REQUESTED: 5,
    Status.FINANCIAL_OBLIGATION: 6,
    Status.WITHDRAWN: 7,
    Status.STOPPED: 8,
    Status.RESULT_READY: 9,
    Status.RETURNED: 10,
}

LABELS_VI: dict[Status, str] = {
    Status.REGISTERED: "Mới đăng ký",
    Status.RECEIVED: "Được tiếp nhận",
    Status.REFUSED: "Không được tiếp nhận",
    Status.PROCESSING: "Đang xử lý",
    Status.SUPPLEMENT_REQUESTED: "Yêu cầu bổ sung giấy tờ",
    Status.FINANCIAL_OBLIGATION: "Yêu cầu thực hiện nghĩa vụ tài chính",
    Status.WITHDRAWN: "Công dân yêu cầu rút hồ sơ",
    Status.STOPPED: "Dừng xử lý",
    Status.RESULT_READY: "Đã xử lý xong",
    Status.RETURNED: "Đã trả kết quả",
}

_BY_CODE = {code: status for status, code in NATIONAL_CODES.items()}

# Statuses in which the legal clock runs (a supplement request pauses it; final ones stop it).
CLOCK_RUNNING = frozenset({Status.RECEIVED, Status.PROCESSING})
FINAL = frozenset({Status.REFUSED, Status.WITHDRAWN, Status.STOPPED, Status.RETURNED})


def national_code(status: str) -> int:
    """The portal's TrangThaiHoSo code of a local status name."""
    return NATIONAL_CODES[Status(status)]


def from_national_code(code: int) -> Status:
    """The local status of a portal code; ValidationError for a code outside 1..10."""
    try:
        return _BY_CODE[int(code)]
    except (KeyError, ValueError):
        raise ValidationError(f"Mã trạng thái hồ sơ '{code}' không hợp lệ (1–10).", "status_code") from None


def label_vi(status: str) -> str:
    return LABELS_VI[Status(status)]
