"""The unit administrator confirms a time limit the catalogue leaves unconfirmed (issue 22, item 2).

`confirm_time_limit` records a dated local override (`TimeLimitOverride`: amount, unit, cut-off, legal basis
or note, who, when, the workstation and the catalogue version in force) in one transaction, with a line in
the audit log. From then on intake computes the appointment from it for that national code, in every
catalogue version, until the catalogue itself confirms a limit (`desktop.store.time_limits.effective_rule`).
It goes up to the province at the next sync as the commune's correction (`sync.client.corrections`).
`unconfirmed_procedures` lists the active catalogue's procedures without a confirmed limit, with the
confirmation that applies to each, for the administrator's screen and `motcua catalogue confirm-time`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core import limits, roles
from desktop.core.appointment import UNITS, ProcessingTime
from desktop.core.errors import NotFoundError, ValidationError
from desktop.core.text import clean
from desktop.core.timeutil import as_local, now_local
from desktop.services import audit
from desktop.services.accounts import SignedIn
from desktop.services.intake import find_procedure
from desktop.store.catalogue import active_procedures, active_version
from desktop.store.engine import Store
from desktop.store.models import Officer, TimeLimitOverride
from desktop.store.time_limits import latest_overrides, override_rule
from desktop.store.workstation import workstation_number

MAX_BASIS = limits.BASIS


@dataclass(frozen=True)
class ConfirmedLimit:
    """A confirmation, as the screens and the command show it."""

    code: str
    label: str  # "05 ngày làm việc"
    basis: str
    officer: str  # username
    confirmed_at: datetime


@dataclass(frozen=True)
class UnconfirmedProcedure:
    code: str
    name: str
    time_text: str  # what the catalogue says about the limit
    confirmed: ConfirmedLimit | None  # the administrator's confirmation in force, if any


def check_rule(amount: float, unit: str, cutoff: time | None) -> ProcessingTime:
    """The limit as entered; a Vietnamese ValidationError for a unit, amount or cut-off that makes no sense."""
    if unit not in UNITS:
        raise ValidationError(f"Đơn vị thời hạn '{unit}' không hợp lệ (chọn: {', '.join(UNITS)}).", "unit")
    if cutoff is not None and unit != "sameday":
        raise ValidationError("Giờ tiếp nhận muộn nhất chỉ dùng cho thủ tục giải quyết trong ngày.", "cutoff")
    rule = ProcessingTime(amount, unit, cutoff)
    if unit != "sameday" and amount <= 0:
        raise ValidationError("Thời hạn giải quyết phải lớn hơn 0.", "amount")
    return rule


def _confirmed(row: TimeLimitOverride, username: str) -> ConfirmedLimit:
    return ConfirmedLimit(
        row.procedure_code, override_rule(row).label(), row.basis, username, row.confirmed_at
    )


def _username(session: Session, officer_id: int | None) -> str:
    officer = session.get(Officer, officer_id) if officer_id is not None else None
    return officer.username if officer is not None else ""


def confirm_time_limit(
    store: Store,
    officer: SignedIn,
    code: str,
    amount: float,
    unit: str,
    cutoff: time | None,
    basis: str,
    *,
    at: datetime | None = None,
) -> ConfirmedLimit:
    """Record the administrator's confirmation of procedure `code`'s time limit (one transaction)."""
    roles.require_admin(officer.role)
    when = as_local(at) if at is not None else now_local()
    rule = check_rule(amount, unit, cutoff)
    why = limits.bounded(basis, MAX_BASIS, "Căn cứ pháp lý", "basis")
    if not why:
        raise ValidationError("Hãy ghi căn cứ pháp lý (hoặc ghi chú) của thời hạn được xác nhận.", "basis")
    wanted = clean(code)
    with store.transaction() as session:
        procedure = find_procedure(session, wanted)
        if procedure is None:
            raise NotFoundError(f"Không tìm thấy thủ tục mã '{wanted}' trong danh mục đang áp dụng.")
        if procedure.time_confirmed:
            raise ValidationError(
                f"Danh mục đã xác nhận thời hạn của thủ tục {wanted} "
                f"({ProcessingTime.from_procedure(procedure).label()}): không cần xác nhận lại.",
                "code",
            )
        version = active_version(session)
        row = TimeLimitOverride(
            procedure_code=procedure.code, amount=rule.amount, unit=rule.unit, cutoff=rule.cutoff, basis=why,
            catalogue_version=version.version if version is not None else "", officer_id=officer.officer_id,
            workstation=workstation_number(session), confirmed_at=when,
        )  # fmt: skip
        session.add(row)
        audit.record(
            session, audit.TIME_LIMIT_CONFIRMED, officer.officer_id, detail=f"{procedure.code}: {rule.label()}",
            at=when,
        )  # fmt: skip
        session.flush()
        return _confirmed(row, officer.username)


def unconfirmed_procedures(store: Store) -> list[UnconfirmedProcedure]:
    """The active catalogue's procedures whose limit the catalogue leaves unconfirmed, by code."""
    with store.session() as session:
        confirmed = latest_overrides(session)
        return [
            UnconfirmedProcedure(
                p.code,
                p.name,
                p.time_text,
                _confirmed(row, _username(session, row.officer_id))
                if (row := confirmed.get(p.code)) is not None
                else None,
            )
            for p in active_procedures(session)
            if not p.time_confirmed
        ]


def confirmations(store: Store) -> list[ConfirmedLimit]:
    """Every confirmation made on this workstation, newest first (history: a later one replaces)."""
    with store.session() as session:
        rows = session.execute(
            select(TimeLimitOverride, Officer.username)
            .outerjoin(Officer, Officer.id == TimeLimitOverride.officer_id)
            .order_by(TimeLimitOverride.confirmed_at.desc())
        ).all()
        return [_confirmed(row, username or "") for row, username in rows]
