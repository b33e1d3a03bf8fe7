"""Dossier statuses: the one table of their national codes, labels and printed letters (domain §7).

`STATUSES` is the one mapping between our local names and the national portal's `TrangThaiHoSo` codes
1..10; the store keeps both (`Dossier.status`, `Dossier.status_code`) and every event payload carries
`status_code`, so the sync side never has to translate. Each row also holds:

- `label_vi`: the Vietnamese name printed on forms and shown by the command line;
- `label`: the English source of the name the screens show, translated in the Qt context "status"
  (`desktop.ui.labels.status_labels`; its Vietnamese translation reads exactly like `label_vi`, which
  `tests/ui/test_i18n.py` checks). `QT_TRANSLATE_NOOP` only marks it for `pyside6-lupdate`, which reads
  this module too (`desktop.ui.i18n.ui_sources`);
- `letter`: the printed form that states a dossier in this status (form 02, 03 or 05), '' when none.

Adding a status touches this table, the rows of `desktop.core.actions.ACTIONS` that allow it or lead
to it, and the Vietnamese translation of its `label`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from desktop.core.errors import ValidationError


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks `text` for the Qt translation catalogue (context `context`); returns it unchanged."""
    return text


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


@dataclass(frozen=True)
class StatusInfo:
    code: int  # the portal's TrangThaiHoSo
    label_vi: str
    label: str  # English source of the screens' label (Qt context "status")
    letter: str = ""  # the form (desktop.forms name) that states a dossier in this status


STATUSES: dict[Status, StatusInfo] = {
    Status.REGISTERED: StatusInfo(1, "Mới đăng ký", QT_TRANSLATE_NOOP("status", "Registered online")),
    Status.RECEIVED: StatusInfo(2, "Được tiếp nhận", QT_TRANSLATE_NOOP("status", "Received")),
    Status.REFUSED: StatusInfo(
        3, "Không được tiếp nhận", QT_TRANSLATE_NOOP("status", "Not accepted"), letter="refusal"
    ),
    Status.PROCESSING: StatusInfo(4, "Đang xử lý", QT_TRANSLATE_NOOP("status", "Processing")),
    Status.SUPPLEMENT_REQUESTED: StatusInfo(
        5, "Yêu cầu bổ sung giấy tờ", QT_TRANSLATE_NOOP("status", "Supplement requested"), letter="supplement"
    ),
    Status.FINANCIAL_OBLIGATION: StatusInfo(
        6,
        "Yêu cầu thực hiện nghĩa vụ tài chính",
        QT_TRANSLATE_NOOP("status", "Financial obligation requested"),
    ),
    Status.WITHDRAWN: StatusInfo(
        7, "Công dân yêu cầu rút hồ sơ", QT_TRANSLATE_NOOP("status", "Withdrawn by the citizen")
    ),
    Status.STOPPED: StatusInfo(
        8, "Dừng xử lý", QT_TRANSLATE_NOOP("status", "Processing stopped"), letter="stop"
    ),
    Status.RESULT_READY: StatusInfo(9, "Đã xử lý xong", QT_TRANSLATE_NOOP("status", "Processed")),
    Status.RETURNED: StatusInfo(10, "Đã trả kết quả", QT_TRANSLATE_NOOP("status", "Result returned")),
}

NATIONAL_CODES: dict[Status, int] = {status: info.code for status, info in STATUSES.items()}
LABELS_VI: dict[Status, str] = {status: info.label_vi for status, info in STATUSES.items()}

_BY_CODE = {code: status for status, code in NATIONAL_CODES.items()}

# Statuses in which the legal clock runs (a supplement request pauses it; final ones stop it).
CLOCK_RUNNING = frozenset({Status.RECEIVED, Status.PROCESSING, Status.FINANCIAL_OBLIGATION})
# Received and not yet ended: what can still be extended, stopped or withdrawn (lifecycle §1.3).
OPEN = frozenset(
    {Status.RECEIVED, Status.PROCESSING, Status.SUPPLEMENT_REQUESTED, Status.FINANCIAL_OBLIGATION}
)
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
