"""This workstation's number in the commune (1-99, set at first-run setup; it splits the offline dossier
numbers, `desktop/store/numbers.py`), and changing it afterwards.

The number is sent at enrolment and the province refuses one another live workstation of the commune
already holds, so the officer picks another one in the connect dialog (or `motcua enroll --workstation N`).
A change is refused on a day this profile already printed offline codes or fee receipts under its current
number: another workstation taking that number the same day would draw the same codes or receipt numbers.
It is then made the next day, or the province revokes the old workstation instead.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.core.code_ranges import check_workstation, offline_segments
from desktop.core.errors import ValidationError
from desktop.store import settings
from desktop.store.engine import Store
from desktop.store.models import FeeReceipt, NumberBlock, Unit


def workstation_number(session: Session) -> int:
    try:
        return int(settings.get(session, settings.WORKSTATION, "1"))
    except ValueError:
        return 1


def current_workstation(store: Store) -> int:
    with store.session() as session:
        return workstation_number(session)


def offline_codes_issued(session: Session, workstation: int, day: date) -> int:
    """How many offline (fallback) dossier codes this profile gave out on `day` as `workstation`."""
    firsts = [first for first, _last in offline_segments(workstation)]
    used = session.scalar(
        select(func.sum(NumberBlock.next - NumberBlock.first)).where(
            NumberBlock.day == day, NumberBlock.source == "fallback", NumberBlock.first.in_(firsts)
        )
    )
    return int(used or 0)


def check_new_number(session: Session, new: int, day: date) -> bool:
    """Whether `new` differs from the current number; a ValidationError when it may not be taken now."""
    check_workstation(new)  # 1..99, or a ValidationError
    current = workstation_number(session)
    if new == current:
        return False
    issued = offline_codes_issued(session, current, day)
    if issued:
        raise ValidationError(
            f"Hôm nay máy này đã cấp {issued} mã hồ sơ dự phòng với số máy trạm {current}, nên chưa đổi "
            f"được sang số {new} (máy nhận số {current} sau đó có thể cấp trùng mã). Hãy đổi số vào ngày mai "
            f"trước khi tiếp nhận hồ sơ, hoặc nhờ quản trị hệ thống tỉnh thu hồi máy cũ đang giữ số {current}.",
            "workstation",
        )
    receipts = session.scalar(
        select(func.count()).where(FeeReceipt.workstation == current, FeeReceipt.day == day)
    )
    if receipts:
        raise ValidationError(
            f"Hôm nay máy này đã cấp {receipts} biên lai thu phí, lệ phí với số máy trạm {current}, nên chưa "
            f"đổi được sang số {new} (máy nhận số {current} sau đó có thể cấp trùng số biên lai). Hãy đổi số "
            "vào ngày mai trước khi thu phí, lệ phí.",
            "workstation",
        )
    return True


def set_workstation_number(session: Session, new: int) -> None:
    check_workstation(new)
    if session.scalars(select(Unit.id)).first() is None:
        raise ValidationError("Hãy hoàn tất cài đặt ban đầu trước khi đặt số máy trạm.", "workstation")
    settings.put(session, settings.WORKSTATION, str(new))
