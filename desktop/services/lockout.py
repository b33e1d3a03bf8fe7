"""Lockout after repeated wrong passwords: 5 in a row lock the account for 15 minutes (an administrator
can lift it sooner, `desktop.services.officers.lift_lockout`). Each failure, each lockout is in the
audit log. A refused sign-in's transaction is rolled back, so its failure is counted in a transaction of
its own (`note_failure`).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from desktop.core.errors import ValidationError
from desktop.core.timeutil import now_local
from desktop.services import audit
from desktop.services.credentials import wrong_password
from desktop.store.engine import Store
from desktop.store.models import Officer

MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)


def is_locked(officer: Officer, now: datetime | None = None) -> bool:
    return officer.locked_until is not None and officer.locked_until > (now or now_local())


def locked_error(officer: Officer) -> ValidationError:
    assert officer.locked_until is not None
    until = officer.locked_until.strftime("%H:%M %d/%m/%Y")
    return ValidationError(
        f"Tài khoản '{officer.username}' đang bị tạm khoá đến {until} vì nhập sai mật khẩu "
        f"{MAX_FAILURES} lần liên tiếp. Hãy thử lại sau, hoặc nhờ quản trị viên mở khoá.",
        "password",
    )


def note_failure(store: Store, officer_id: int | None, *, while_locked: bool = False) -> ValidationError:
    """Count a refused sign-in of `officer_id` (None: an unknown username) in its own transaction, locking
    the account at the MAX_FAILURES-th in a row; returns the error to show (the lockout's, once locked)."""
    if store.read_only:
        return wrong_password()
    with store.transaction() as session:
        officer = session.get(Officer, officer_id) if officer_id is not None else None
        if officer is None:
            audit.record(session, audit.SIGN_IN_FAILED, None, detail="tên đăng nhập không tồn tại")
            return wrong_password()
        if while_locked or is_locked(officer):
            audit.record(session, audit.SIGN_IN_FAILED, officer.id, officer.id, "tài khoản đang bị khoá")
            return locked_error(officer)
        officer.failed_signins += 1
        audit.record(
            session, audit.SIGN_IN_FAILED, officer.id, officer.id, f"lần sai thứ {officer.failed_signins}"
        )
        if officer.failed_signins < MAX_FAILURES:
            return wrong_password()
        now = now_local()
        officer.failed_signins = 0
        officer.locked_until = now + LOCKOUT
        audit.record(
            session, audit.LOCKED_OUT, officer.id, officer.id, f"đến {officer.locked_until:%H:%M}", at=now
        )
        return locked_error(officer)


def note_success(session: Session, officer: Officer) -> None:
    officer.failed_signins = 0
    officer.locked_until = None


def lift(session: Session, officer: Officer, by: int) -> bool:
    """Lift `officer`'s lockout (and forget their failures); whether there was one to lift."""
    was_locked = is_locked(officer)
    officer.failed_signins = 0
    officer.locked_until = None
    if was_locked:
        audit.record(session, audit.LOCKOUT_LIFTED, by, officer.id)
    return was_locked
