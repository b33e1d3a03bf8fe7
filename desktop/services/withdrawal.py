"""The applicant's own steps at the counter after intake: withdrawing the dossier (status 7) and rating
the service (lifecycle §2 "Withdraw", §4). Each is one transaction that checks the table of allowed
actions, changes the dossier row and appends one typed event (`Withdrawn`, `Rated`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from desktop.core import limits
from desktop.core.actions import Action, require_allowed
from desktop.core.errors import ValidationError
from desktop.core.rating import LABELS_VI, NEEDS_REASON, POINTS, level_of, parse_level
from desktop.core.status import Status
from desktop.core.timeutil import now_local
from desktop.services.accounts import SignedIn
from desktop.services.dossier_state import (
    DossierState,
    business_time,
    close_dossier,
    dossier_state,
    load_dossier,
    not_before,
    required_text,
)
from desktop.store.engine import Store
from desktop.store.events import append_event
from desktop.store.models import Attachment, Dossier
from sync.events import Rated, Withdrawn

DEFAULT_WITHDRAW_REASON = "Theo đề nghị của người nộp hồ sơ"
REQUESTER_KINDS = ("owner", "authorised")
STAGES = ("reception", "return")
AT_RETURN = frozenset({Status.RESULT_READY.value, Status.RETURNED.value})
MAX_REASON = limits.REASON
MAX_NAME = limits.NAME
MAX_REF = limits.SHORT_TEXT


@dataclass(frozen=True)
class WithdrawalRequest:
    """What the officer records of the applicant's request to withdraw. Empty name and ID number: the
    dossier's owner as received. The written request is either scanned (`request_attachment_id`, an
    attachment of this dossier) or kept on paper (`paper_request_kept`)."""

    reason: str = DEFAULT_WITHDRAW_REASON
    requested_at: datetime | None = None
    requester_kind: str = "owner"
    requester_name: str = ""
    requester_id_number: str = ""
    authorisation_ref: str = ""
    request_attachment_id: str | None = None
    paper_request_kept: bool = True
    originals_returned: bool = True


def _business_time(dossier: Dossier, at: datetime | None, now: datetime) -> datetime:
    """`at` (default now) as a business time: never in the future, never before the dossier's receipt."""
    when = business_time(at, now, field="requested_at")
    not_before(when, dossier.received_at, "lúc tiếp nhận hồ sơ", "requested_at")
    return when


def _requester(request: WithdrawalRequest, dossier: Dossier) -> tuple[str, str, str]:
    if request.requester_kind not in REQUESTER_KINDS:
        raise ValidationError(
            "Người đề nghị rút hồ sơ phải là chủ hồ sơ hoặc người được ủy quyền.", "requester"
        )
    name = limits.bounded(request.requester_name, MAX_NAME, "Họ tên người được ủy quyền", "requester_name")
    id_number = limits.bounded(request.requester_id_number, limits.ID, "Số giấy tờ", "requester_id")
    ref = limits.bounded(request.authorisation_ref, MAX_REF, "Giấy ủy quyền", "authorisation")
    if request.requester_kind == "owner":
        return name or dossier.applicant.full_name, id_number or dossier.applicant.id_number, ref
    if not name or not id_number:
        raise ValidationError("Hãy nhập họ tên và số giấy tờ của người được ủy quyền.", "requester_name")
    if not ref:
        raise ValidationError("Hãy ghi số, ngày của giấy ủy quyền.", "authorisation_ref")
    return name, id_number, ref


def _request_scan(session: Session, dossier: Dossier, request: WithdrawalRequest) -> str | None:
    if request.request_attachment_id is None:
        if not request.paper_request_kept:
            raise ValidationError(
                "Hãy quét đơn đề nghị rút hồ sơ, hoặc ghi nhận đơn giấy được lưu tại bộ phận một cửa.",
                "request",
            )
        return None
    scan = session.get(Attachment, request.request_attachment_id)
    if scan is None or scan.dossier_id != dossier.id:
        raise ValidationError("Bản quét đơn đề nghị không thuộc hồ sơ này.", "request")
    return scan.id


def withdraw(
    store: Store, officer: SignedIn, dossier_code: str, request: WithdrawalRequest | None = None
) -> DossierState:
    """The applicant withdraws the dossier (2, 4, 5, 6 → 7, Công dân yêu cầu rút hồ sơ): open pauses close,
    `finished_at` = the request's moment."""
    request = request or WithdrawalRequest()
    why = required_text(request.reason, MAX_REASON, "Hãy nhập lý do rút hồ sơ.", "reason", "Lý do")
    now = now_local()
    with store.transaction() as session:
        dossier = load_dossier(session, dossier_code)
        require_allowed(Action.WITHDRAW, dossier)
        when = _business_time(dossier, request.requested_at, now)
        name, id_number, ref = _requester(request, dossier)
        scan = _request_scan(session, dossier, request)
        previous_reason = dossier.reason
        close_dossier(
            session,
            officer,
            dossier,
            Status.WITHDRAWN,
            Withdrawn,
            why,
            when,
            finished_at=when,
            requester_kind=request.requester_kind,
            requester_name=name,
            requester_id_number=id_number,
            authorisation_ref=ref,
            channel="counter",
            request_attachment_id=scan,
            paper_request_kept=scan is None,
            originals_returned=request.originals_returned,
            previous_reason=previous_reason,
        )
        return dossier_state(dossier, extended=True)


def rate(
    store: Store,
    officer: SignedIn,
    dossier_code: str,
    level: str,
    reason: str = "",
    *,
    stage: str | None = None,
) -> DossierState:
    """The applicant's rating (lifecycle §4): once per dossier (again only after the first was corrected),
    a reason required for *Không hài lòng*; `Dossier.rating` holds the level's points. `stage` defaults to
    `return` once the result is ready or returned, else `reception`."""
    chosen = parse_level(level)
    why = limits.bounded(reason, MAX_REASON, "Lý do", "reason")
    if chosen in NEEDS_REASON and not why:
        raise ValidationError(f"Hãy ghi lý do khi người dân đánh giá '{LABELS_VI[chosen]}'.", "reason")
    if stage is not None and stage not in STAGES:
        raise ValidationError(f"Giai đoạn đánh giá '{stage}' không hợp lệ.", "stage")
    when = now_local()
    with store.transaction() as session:
        dossier = load_dossier(session, dossier_code)
        require_allowed(Action.RATE, dossier)
        if dossier.rating is not None:
            given = level_of(dossier.rating)
            said = f" ('{LABELS_VI[given]}')" if given is not None else ""
            raise ValidationError(
                f"Hồ sơ {dossier.code} đã được đánh giá{said}; mỗi hồ sơ chỉ đánh giá một lần. "
                "Nếu ghi nhầm, hãy hoàn tác bước vừa ghi trong ngày rồi đánh giá lại.",
                "level",
            )
        dossier.rating = POINTS[chosen]
        if stage is None:
            stage = "return" if dossier.status in AT_RETURN else "reception"
        event = Rated.written(
            code=dossier.code,
            level=chosen.value,
            reason=why,
            stage=stage,
            source="officer_screen",
            rated_at=when,
        )
        append_event(session, dossier.id, event, officer.officer_id, at=when)
        return dossier_state(dossier, extended=True)
