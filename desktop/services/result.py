"""The result and its return (lifecycle §1.3, §2): one transaction and one typed event each.

- `record_result` (4 → 9, `result_ready`): the body's result, granted or refused with its reason, the
  document's number, signer and date, and optionally a scan of it (kept in the attachment store);
  `finished_at` = ready_at.
- `return_result` (9 → 10, `result_returned`): handed over at the counter to the owner (name and ID
  number taken from the applicant), an authorised person (with the authorisation's reference) or someone
  else, with the originals given back; only once every fee line is paid or exempt and, for a late result,
  the apology is recorded (`desktop.services.apology`); the same holds for the post.
- `post_result` (9 → 10, `result_posted`): handed to the post with its waybill (a postal dossier only).
- `record_delivery` (10, `result_delivered`): the post delivered it, on a day (the post gives a date, not
  a time: `delivery_moment`) or at a moment, with an optional note.
- `returnable`: the dossier a scanned form 01 QR (or a typed code) names, if its result can be returned.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core import limits
from desktop.core.actions import Action, require_allowed
from desktop.core.errors import NotFoundError, ValidationError
from desktop.core.status import Status
from desktop.core.timeutil import VN_TZ, as_local, now_local
from desktop.forms.codes import code_in_scan
from desktop.scan.importer import import_file
from desktop.scan.pipeline import PipelineOptions
from desktop.services.accounts import SignedIn
from desktop.services.apology import require_apology_if_late
from desktop.services.attachments import blob_store, store_document
from desktop.services.dossier_state import (
    DossierState,
    business_time,
    change,
    dossier_state,
    load_dossier,
    not_before,
    required_text,
    set_status,
)
from desktop.services.fees import require_settled
from desktop.store.engine import Store
from desktop.store.events import append_event
from desktop.store.models import Dossier
from sync.events import ResultDelivered, ResultPosted, ResultReady, ResultReturned

MAX_TEXT = limits.SHORT_TEXT
MAX_REASON = limits.REASON


class ReceiverKind(StrEnum):
    OWNER = "owner"  # the applicant in person
    AUTHORISED = "authorised"  # a person with a written authorisation
    OTHER = "other"


@dataclass(frozen=True)
class Receiver:
    """Who takes the result at the counter; for the owner, empty name and ID mean the applicant's."""

    kind: ReceiverKind = ReceiverKind.OWNER
    name: str = ""
    id_number: str = ""
    authorisation: str = ""
    originals_returned: str = ""


FUTURE_SLACK = timedelta(minutes=5)  # two workstations' clocks may differ a little


def _when(at: datetime | None) -> datetime:
    return business_time(at, now_local(), slack=FUTURE_SLACK)


def record_result(
    store: Store,
    officer: SignedIn,
    code: str,
    *,
    refused_reason: str = "",
    document_number: str = "",
    signer: str = "",
    issued_at: datetime | None = None,
    scan: Path | None = None,
    at: datetime | None = None,
) -> DossierState:
    """The processing body's result is at the counter (status 9, Đã xử lý xong): granted, or refused
    when `refused_reason` is given; `scan` (a PDF or image of the result) is stored with it."""
    when = _when(at)
    reason = limits.bounded(refused_reason, MAX_REASON, "Lý do từ chối", "refused")
    number = limits.bounded(document_number, limits.NUMBER, "Số văn bản", "document_number")
    signed_by = limits.bounded(signer, MAX_TEXT, "Người ký", "signer")
    stored = None
    if scan is not None:
        items, pdf = import_file(Path(scan), PipelineOptions(profile="text"))
        profile = "original" if pdf is not None else "text"
        stored = store_document(blob_store(store), items, profile, "import", Path(scan).name)
    with store.transaction() as session:
        dossier = load_dossier(session, code)
        require_allowed(Action.RESULT_READY, dossier)
        not_before(when, dossier.handed_over_at, "lúc chuyển xử lý")
        previous = dossier.status
        set_status(dossier, Status.RESULT_READY)
        dossier.result_ready_at = when
        dossier.finished_at = when
        dossier.result_kind = "refused" if reason else "granted"
        dossier.result_number = number
        dossier.delivery_status = "at_counter"
        append_event(
            session,
            dossier.id,
            change(
                ResultReady,
                dossier,
                result_ready_at=when,
                previous_status=previous,
                result_kind=dossier.result_kind,
                refused_reason=reason,
                document_number=number,
                signer=signed_by,
                issued_at=as_local(issued_at) if issued_at is not None else None,
                result_file_sha256=stored.sha256 if stored else "",
                result_file_pages=stored.pages if stored else 0,
            ),
            officer.officer_id,
            at=when,
        )
        return dossier_state(dossier, extended=True)


def _ready_to_hand_over(session: Session, dossier: Dossier, when: datetime) -> None:
    """Every fee line paid or exempt, and the apology when the result came late (lifecycle §2)."""
    require_settled(session, dossier)
    require_apology_if_late(session, dossier, when)


def _receiver(dossier: Dossier, receiver: Receiver) -> Receiver:
    """The receiver checked and completed: the owner's name and ID from the applicant; anyone else
    needs a name and an ID number, an authorised person the authorisation's reference."""
    originals = limits.bounded(
        receiver.originals_returned, MAX_REASON, "Giấy tờ bản chính trả lại", "originals"
    )
    if receiver.kind is ReceiverKind.OWNER:
        applicant = dossier.applicant
        return Receiver(
            ReceiverKind.OWNER,
            limits.bounded(receiver.name, MAX_TEXT, "Họ tên người nhận", "receiver_name")
            or applicant.full_name,
            limits.bounded(receiver.id_number, limits.ID, "Số giấy tờ", "receiver_id") or applicant.id_number,
            "",
            originals,
        )
    name = required_text(
        receiver.name, MAX_TEXT, "Hãy nhập họ tên người nhận kết quả.", "receiver_name", "Họ tên người nhận"
    )
    id_number = required_text(
        receiver.id_number,
        limits.ID,
        "Hãy nhập số giấy tờ tùy thân của người nhận kết quả.",
        "receiver_id",
        "Số giấy tờ",
    )
    authorisation = limits.bounded(receiver.authorisation, MAX_TEXT, "Giấy ủy quyền", "authorisation")
    if receiver.kind is ReceiverKind.AUTHORISED and not authorisation:
        raise ValidationError("Hãy nhập số, ngày của giấy ủy quyền nhận kết quả.", "authorisation")
    return Receiver(receiver.kind, name, id_number, authorisation, originals)


def return_result(
    store: Store,
    officer: SignedIn,
    dossier_code: str,
    receiver: Receiver | str = "",
    *,
    at: datetime | None = None,
) -> DossierState:
    """The counter hands the result over (status 10, Đã trả kết quả); `receiver` a plain name means
    the owner's result taken by that name (the form before receivers had kinds)."""
    when = _when(at)
    given = receiver if isinstance(receiver, Receiver) else Receiver(name=receiver)
    with store.transaction() as session:
        dossier = load_dossier(session, dossier_code)
        require_allowed(Action.RETURN_RESULT, dossier)
        not_before(when, dossier.result_ready_at, "lúc có kết quả")
        taker = _receiver(dossier, given)
        _ready_to_hand_over(session, dossier, when)
        previous = dossier.status
        set_status(dossier, Status.RETURNED)
        dossier.returned_at = when
        dossier.delivery_status = "delivered"
        append_event(
            session,
            dossier.id,
            change(
                ResultReturned,
                dossier,
                returned_at=when,
                receiver=taker.name,
                previous_status=previous,
                receiver_kind=taker.kind.value,
                receiver_id_number=taker.id_number,
                authorisation=taker.authorisation,
                originals_returned=taker.originals_returned,
            ),
            officer.officer_id,
            at=when,
        )
        return dossier_state(dossier, extended=True)


def post_result(
    store: Store,
    officer: SignedIn,
    dossier_code: str,
    waybill: str,
    postal_staff: str = "",
    *,
    at: datetime | None = None,
) -> DossierState:
    """The result is handed to the post (status 10, `HinhThuc` 1) for a dossier returned by post."""
    when = _when(at)
    bill = required_text(waybill, limits.NUMBER, "Hãy nhập mã vận đơn bưu chính.", "waybill", "Mã vận đơn")
    with store.transaction() as session:
        dossier = load_dossier(session, dossier_code)
        require_allowed(Action.POST_RESULT, dossier)
        if dossier.delivery != "postal":
            raise ValidationError(
                f"Hồ sơ {dossier.code} nhận kết quả tại bộ phận một cửa, không gửi qua bưu chính.", "waybill"
            )
        not_before(when, dossier.result_ready_at, "lúc có kết quả")
        _ready_to_hand_over(session, dossier, when)
        previous = dossier.status
        set_status(dossier, Status.RETURNED)
        dossier.returned_at = when
        dossier.delivery_status = "with_post"
        append_event(
            session,
            dossier.id,
            change(
                ResultPosted,
                dossier,
                posted_at=when,
                waybill=bill,
                postal_staff=limits.bounded(postal_staff, MAX_TEXT, "Nhân viên bưu chính", "postal_staff"),
                previous_status=previous,
            ),
            officer.officer_id,
            at=when,
        )
        return dossier_state(dossier, extended=True)


def delivery_moment(day: date, now: datetime) -> datetime:
    """The moment recorded for a delivery the post dates `day` without a time: now for today, that day's
    last minute for an earlier day (so never before a hand-over to the post made the same day); a later
    day is refused in Vietnamese."""
    today = as_local(now).date()
    if day > today:
        raise ValidationError(
            f"Ngày bưu chính phát kết quả ({day:%d/%m/%Y}) không được sau hôm nay ({today:%d/%m/%Y}).",
            "delivered_at",
        )
    return as_local(now) if day == today else datetime.combine(day, time(23, 59), VN_TZ)


def record_delivery(
    store: Store,
    officer: SignedIn,
    dossier_code: str,
    *,
    delivered_at: datetime | date | None = None,
    note: str = "",
) -> DossierState:
    """The post delivered the result it was handed (the status stays 10): at `delivered_at` (a moment, or
    a day as the post reports it, `delivery_moment`; default now), with the officer's optional `note`."""
    if isinstance(delivered_at, datetime) or delivered_at is None:
        when = _when(delivered_at)
    else:
        when = delivery_moment(delivered_at, now_local())
    remark = limits.bounded(note, MAX_REASON, "Ghi chú", "note")
    with store.transaction() as session:
        dossier = load_dossier(session, dossier_code)
        require_allowed(Action.RESULT_DELIVERED, dossier)
        if dossier.delivery_status != "with_post":
            raise ValidationError(
                f"Kết quả của hồ sơ {dossier.code} không được gửi qua bưu chính hoặc đã được phát.", "status"
            )
        not_before(when, dossier.returned_at, "lúc gửi bưu chính", "delivered_at")
        dossier.delivery_status = "delivered"
        append_event(
            session,
            dossier.id,
            change(ResultDelivered, dossier, delivered_at=when, note=remark),
            officer.officer_id,
            at=when,
        )
        return dossier_state(dossier, extended=True)


def returnable(store: Store, scanned: str) -> str:
    """The id of the dossier whose form 01 QR (or typed code) is `scanned`, when its result can be
    returned; NotFoundError when the code is not one of this unit's dossiers, the status's refusal
    (ValidationError) when the dossier is not ready."""
    code = code_in_scan(scanned)
    if not code:
        raise NotFoundError("Mã vừa quét hoặc nhập không phải mã hồ sơ trên giấy tiếp nhận (mẫu 01).")
    with store.session() as session:
        dossier = session.scalars(select(Dossier).where(Dossier.code == code)).first()
        if dossier is None:
            raise NotFoundError(f"Không có hồ sơ mã {code} trong sổ của đơn vị này.")
        require_allowed(Action.RETURN_RESULT, dossier)
        return dossier.id
