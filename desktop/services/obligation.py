"""A financial obligation set during processing (lifecycle §1.3, §2 "Financial obligation"): the issuing
body's notice puts the dossier in status 6 (`request_obligation`), the applicant's payment brings it back
to 4 (`obligation_met`). The legal clock keeps running in 6 (`pause_on_financial_obligation` off, the
766 formula). Each is one transaction with one typed event; the amounts are whole VND.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import select

from desktop.core import limits
from desktop.core.actions import Action, require_allowed
from desktop.core.errors import ValidationError
from desktop.core.status import Status
from desktop.core.text import clean
from desktop.core.timeutil import as_local, now_local
from desktop.services.accounts import SignedIn
from desktop.services.dossier_state import (
    DossierState,
    change,
    dossier_state,
    load_dossier,
    required_text,
    set_status,
)
from desktop.store.engine import Store
from desktop.store.events import append_event, typed
from desktop.store.models import Event
from sync.events import ObligationLine, ObligationMet, ObligationRequested

MAX_TEXT = limits.BODY
MAX_AMOUNT = 100_000_000_000  # 100 billion VND: anything larger is a typing mistake


def check_amount(value: int, field: str = "amount") -> int:
    """A whole, positive amount of VND."""
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= MAX_AMOUNT:
        raise ValidationError("Số tiền phải là số nguyên dương (đồng), không quá 100 tỷ.", field)
    return value


def parse_amount(text: str, field: str = "amount") -> int:
    """'1.250.000', '1 250 000' or '1250000' → 1250000; ValidationError otherwise."""
    digits = clean(text).replace(".", "").replace(",", "").replace(" ", "")
    if not digits.isdigit():
        raise ValidationError("Số tiền phải là số nguyên dương (đồng), ví dụ 1.250.000.", field)
    return check_amount(int(digits), field)


def request_obligation(
    store: Store,
    officer: SignedIn,
    dossier_code: str,
    notice_number: str,
    issuing_body: str,
    amount: int,
    *,
    notice_date: date | None = None,
    lines: Sequence[tuple[str, int]] = (),
    pay_by: date | None = None,
    at: datetime | None = None,
) -> DossierState:
    """The body's notice of a financial obligation (status 4 → 6)."""
    when = as_local(at) if at is not None else now_local()
    number = required_text(
        notice_number,
        limits.NUMBER,
        "Hãy nhập số thông báo nghĩa vụ tài chính.",
        "notice_number",
        "Số thông báo",
    )
    body = required_text(
        issuing_body, MAX_TEXT, "Hãy nhập cơ quan ra thông báo.", "issuing_body", "Cơ quan ra thông báo"
    )
    total = check_amount(amount)
    listed = [
        ObligationLine(
            name=limits.bounded(name, MAX_TEXT, "Khoản phải nộp", "lines"), amount=check_amount(value)
        )
        for name, value in lines
    ]
    if listed and sum(line.amount for line in listed) != total:
        raise ValidationError("Tổng các khoản phải bằng số tiền của thông báo.", "lines")
    issued = notice_date or when.date()
    if issued > when.date():
        raise ValidationError("Ngày thông báo không thể ở tương lai.", "notice_date")
    if pay_by is not None and pay_by < issued:
        raise ValidationError("Hạn nộp phải từ ngày thông báo trở đi.", "pay_by")
    with store.transaction() as session:
        dossier = load_dossier(session, dossier_code)
        require_allowed(Action.REQUEST_OBLIGATION, dossier)
        previous = dossier.status
        set_status(dossier, Status.FINANCIAL_OBLIGATION)
        event = change(
            ObligationRequested,
            dossier,
            requested_at=when,
            notice_number=number,
            notice_date=issued,
            issuing_body=body,
            lines=listed or [ObligationLine(name=body, amount=total)],
            amount=total,
            pay_by=pay_by,
            previous_status=previous,
        )
        append_event(session, dossier.id, event, officer.officer_id, at=when)
        return dossier_state(dossier, extended=True)


def obligation_met(
    store: Store,
    officer: SignedIn,
    dossier_code: str,
    document_number: str,
    *,
    amount: int | None = None,
    place: str = "",
    paid_at: datetime | None = None,
    at: datetime | None = None,
) -> DossierState:
    """The applicant paid (status 6 → 4); `amount` defaults to the notice's."""
    when = as_local(at) if at is not None else now_local()
    paid = as_local(paid_at) if paid_at is not None else when
    if paid > when:
        raise ValidationError("Thời điểm nộp tiền không thể ở tương lai.", "paid_at")
    number = required_text(
        document_number,
        limits.NUMBER,
        "Hãy nhập số chứng từ nộp tiền (biên lai, giấy nộp tiền).",
        "document_number",
        "Số chứng từ",
    )
    with store.transaction() as session:
        dossier = load_dossier(session, dossier_code)
        require_allowed(Action.OBLIGATION_MET, dossier)
        if amount is None:
            rows = session.scalars(
                select(Event)
                .where(Event.dossier_id == dossier.id, Event.type == ObligationRequested.kind)
                .order_by(Event.seq.desc())
            )
            notice = next((e for row in rows if isinstance(e := typed(row), ObligationRequested)), None)
            amount = notice.amount if notice is not None else 0
        previous = dossier.status
        set_status(dossier, Status.PROCESSING)
        event = change(
            ObligationMet,
            dossier,
            paid_at=paid,
            amount=check_amount(amount),
            place=limits.bounded(place, MAX_TEXT, "Nơi nộp", "place"),
            document_number=number,
            previous_status=previous,
        )
        append_event(session, dossier.id, event, officer.officer_id, at=when)
        return dossier_state(dossier, extended=True)
