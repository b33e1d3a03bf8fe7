"""Dossier statuses: the one table of their national codes, labels and printed letters (domain §7).

`STATUSES` gives each status its labels; the statuses themselves and their national `TrangThaiHoSo` codes
1..10 are shared with the provincial server (`sync.common.lifecycle`, re-exported here). The store keeps
both (`Dossier.status`, `Dossier.status_code`) and every event payload carries `status_code`, so the sync
side never has to translate. Each row holds:

- `label_vi`: the Vietnamese name printed on forms and shown by the command line;
- `label`: the English source of the name the screens show, translated in the Qt context "status"
  (`desktop.ui.labels.status_labels`; its Vietnamese translation reads exactly like `label_vi`, which
  `tests/ui/test_i18n.py` checks). `QT_TRANSLATE_NOOP` only marks it for `pyside6-lupdate`, which reads
  this module too (`desktop.ui.i18n.ui_sources`);
- `letter`: the printed form that states a dossier in this status (form 02, 03 or 05), '' when none.

Adding a status touches `sync.common.lifecycle` (the status, its code, the rows of `ACTIONS` that allow it
or lead to it), this table, and the Vietnamese translation of its `label`.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.errors import ValidationError
from sync.common.lifecycle import BY_CODE, CODES, OPEN, Status

__all__ = ["OPEN", "Status"]


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks `text` for the Qt translation catalogue (context `context`); returns it unchanged."""
    return text


@dataclass(frozen=True)
class StatusInfo:
    label_vi: str
    label: str  # English source of the screens' label (Qt context "status")
    letter: str = ""  # the form (desktop.forms name) that states a dossier in this status


STATUSES: dict[Status, StatusInfo] = {
    Status.REGISTERED: StatusInfo("Mới đăng ký", QT_TRANSLATE_NOOP("status", "Registered online")),
    Status.RECEIVED: StatusInfo("Được tiếp nhận", QT_TRANSLATE_NOOP("status", "Received")),
    Status.REFUSED: StatusInfo(
        "Không được tiếp nhận", QT_TRANSLATE_NOOP("status", "Not accepted"), letter="refusal"
    ),
    Status.PROCESSING: StatusInfo("Đang xử lý", QT_TRANSLATE_NOOP("status", "Processing")),
    Status.SUPPLEMENT_REQUESTED: StatusInfo(
        "Yêu cầu bổ sung giấy tờ", QT_TRANSLATE_NOOP("status", "Supplement requested"), letter="supplement"
    ),
    Status.FINANCIAL_OBLIGATION: StatusInfo(
        "Yêu cầu thực hiện nghĩa vụ tài chính",
        QT_TRANSLATE_NOOP("status", "Financial obligation requested"),
    ),
    Status.WITHDRAWN: StatusInfo(
        "Công dân yêu cầu rút hồ sơ", QT_TRANSLATE_NOOP("status", "Withdrawn by the citizen")
    ),
    Status.STOPPED: StatusInfo(
        "Dừng xử lý", QT_TRANSLATE_NOOP("status", "Processing stopped"), letter="stop"
    ),
    Status.RESULT_READY: StatusInfo("Đã xử lý xong", QT_TRANSLATE_NOOP("status", "Processed")),
    Status.RETURNED: StatusInfo("Đã trả kết quả", QT_TRANSLATE_NOOP("status", "Result returned")),
}

NATIONAL_CODES: dict[Status, int] = CODES  # the portal's TrangThaiHoSo (`sync.common.lifecycle`)
LABELS_VI: dict[Status, str] = {status: info.label_vi for status, info in STATUSES.items()}

_BY_CODE = BY_CODE

# Statuses in which the legal clock runs (lifecycle: 2, 4 and 6; a supplement request pauses it; final ones
# stop it).
CLOCK_RUNNING = frozenset({Status.RECEIVED, Status.PROCESSING, Status.FINANCIAL_OBLIGATION})
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
