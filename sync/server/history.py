"""The province's checks of a pushed event against the dossier's history (issue 23, item 4), beside the
shape and hash checks of `sync.server.ingest`:

- the officer the event names must not be an account of another unit (a commune officer the server has
  no account for is taken: not every counter officer has a provincial account);
- its moment (the device's time corrected by the offset the workstation measured) is not in the future
  beyond `MAX_CLOCK_SKEW` of the server's clock, nor more than that before the dossier's previous step
  (scans added or removed are not steps: their time is when the scan was made). The same slack both
  ways: the offset is measured from the server's `Date` header (whole seconds) and is 0 until a
  workstation's first contact, so an honest history's corrected moments can step back a little;
- fields fixed at reception (`RECEPTION_FIELDS`: reception time, channel, applicant identity, procedure)
  keep the value the province holds: no event kind corrects them, so a later event that changes one is
  refused;
- the status change is one the shared action table allows (`sync.common.lifecycle.step_allowed`): a
  status going backwards is refused, except a correction reversing the step that led there; a dossier
  the province does not hold yet starts at 1, 2 or 3 (`FIRST_STATUSES`).

A fault is a `Rejection` (Vietnamese reason, the wire field at fault); the event is stored as `rejected`
and not applied, like the other rejections.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sync.common.lifecycle import BY_CODE, Status, step_allowed
from sync.common.timeutil import as_local
from sync.protocol import WireEvent, field_label

MAX_CLOCK_SKEW = timedelta(minutes=10)
RECEPTION_FIELDS = ("NgayTiepNhan", "KenhThucHien", "ChuHoSo", "LoaiDoiTuong", "MaDoiTuong", "MaTTHC")
NOT_STEPS = frozenset({"attachment_added", "attachment_removed"})
# a dossier the province does not hold yet starts registered online, received, or refused at the counter
FIRST_STATUSES = frozenset({Status.REGISTERED, Status.RECEIVED, Status.REFUSED})


@dataclass(frozen=True)
class Rejection:
    reason: str
    field: str


def moment(body: dict[str, Any] | WireEvent) -> datetime | None:
    """When an event happened by the server's clock: the device's time plus the workstation's measured
    offset; None when it cannot be read (out of range)."""
    if isinstance(body, WireEvent):
        at, offset = body.occurred_at, body.clock_offset_ms
    else:
        try:
            at, offset = (
                datetime.fromisoformat(str(body.get("occurred_at"))),
                int(body.get("clock_offset_ms") or 0),
            )
        except (TypeError, ValueError):
            return None
    try:
        return as_local(at) + timedelta(milliseconds=offset)
    except OverflowError:
        return None


def history_fault(
    event: WireEvent,
    state: dict[str, Any] | None,
    status_code: int | None,
    previous_step: datetime | None,
    officer_unit: int | None,
    unit_id: int,
    now: datetime,
) -> Rejection | None:
    """None when `event` fits the dossier's history: `state` is the record the province holds (None for a
    new dossier), `status_code` its status, `previous_step` the moment of its latest accepted step,
    `officer_unit` the unit of the server account the event names (None: no such account)."""
    if officer_unit is not None and officer_unit != unit_id:
        return Rejection(
            f"Cán bộ '{event.officer}' không thuộc đơn vị của máy trạm: hệ thống tỉnh không nhận thay đổi này.",
            "officer",
        )
    at = moment(event)
    if at is None or at > as_local(now) + MAX_CLOCK_SKEW:
        return Rejection(
            "Thời điểm ghi nhận thay đổi ở tương lai so với đồng hồ của hệ thống tỉnh: "
            "hãy kiểm tra ngày giờ của máy trạm.",
            "occurred_at",
        )
    if previous_step is not None and event.type not in NOT_STEPS and at < previous_step - MAX_CLOCK_SKEW:
        return Rejection(
            f"Thời điểm ghi nhận thay đổi ({at:%H:%M %d/%m/%Y}) trước bước trước đó của hồ sơ "
            f"({previous_step:%H:%M %d/%m/%Y}): hệ thống tỉnh không nhận.",
            "occurred_at",
        )
    record = event.record
    for name in RECEPTION_FIELDS if state else ():
        held, sent = state.get(name) if state else None, getattr(record, name)
        if held is not None and sent is not None and sent != held:
            return Rejection(
                f"Không được sửa {field_label(name)} đã ghi khi tiếp nhận hồ sơ "
                "(hệ thống tỉnh giữ giá trị ban đầu).",
                name,
            )
    after = record.TrangThaiHoSo
    if status_code is None and after is not None and BY_CODE[after] not in FIRST_STATUSES:
        return Rejection(
            f"Hồ sơ chưa được tỉnh tiếp nhận không thể bắt đầu ở trạng thái {after}: "
            "thay đổi đầu tiên phải là đăng ký hoặc tiếp nhận hồ sơ.",
            "TrangThaiHoSo",
        )
    if status_code is not None and after is not None and status_code in BY_CODE:
        before = BY_CODE[status_code]
        if not step_allowed(event.type, before, BY_CODE[after]):
            return Rejection(
                f"Không được chuyển hồ sơ từ trạng thái {status_code} sang {after}: "
                "bước này không có trong quy trình giải quyết.",
                "TrangThaiHoSo",
            )
    return None
